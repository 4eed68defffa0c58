/*
 * Small helpers over libxml2 trees, shared by the DOCX reader and the
 * DOCX writer's reference-document code (both read package parts such as
 * the relationships).
 */
#ifndef ARTCONV_XML_UTIL_H
#define ARTCONV_XML_UTIL_H

#include <libxml/tree.h>

/*
 * The value of n's attribute name that has no namespace (as in .rels
 * parts: Id, Type, Target), or NULL when it is absent or not plain text.
 * The string belongs to the tree.
 */
const char	*xml_plain_attr(const xmlNode *n, const char *name);

#endif
