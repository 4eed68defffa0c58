/*
 * The typography pass: one optional tree-to-tree pass between readers and
 * writers, on by default for Chinese text (--keep-punctuation turns it
 * off).
 *
 * It restores the full-width punctuation that scraping or width folding
 * turned into ASCII: , : ; ? ! ( ) next to a Chinese character (or a
 * Chinese quotation mark) become ，：；？！（）.  A bracket pair is converted
 * together when either side or its content is Chinese.  It never touches
 * digits on both sides (1,000  14:46), URLs (http://…, www.…), or Latin
 * text, and never applies NFKC or any other normalisation.
 */
#ifndef ARTCONV_TYPOGRAPHY_H
#define ARTCONV_TYPOGRAPHY_H

#include <stddef.h>

#include "tree/doc.h"

struct typo_stats {
	size_t	 comma, colon, semicolon, question, exclamation, paren;
};

/*
 * Repairs every text node, label and text metadata field of doc.
 * Returns the total number of characters changed; st (if not NULL)
 * receives the counts per mark.
 */
size_t	 typo_repair(struct doc *doc, struct typo_stats *st);
/*
 * Repairs one string; returns a new string (free() it) or NULL when
 * nothing changed.
 */
char	*typo_repair_string(const char *s, struct typo_stats *st);

#endif
