/*
 * All output escaping lives here.  Each function appends the escaped form
 * of s[0..len) to b.  Input is expected to be UTF-8; for the XML escapers,
 * invalid bytes, C0/C1 controls other than TAB and LF, and non-characters
 * such as U+FFFE/U+FFFF become U+FFFD, so XML output can never contain a
 * character XML 1.0 forbids.
 */
#ifndef ARTCONV_ESCAPE_H
#define ARTCONV_ESCAPE_H

#include <stddef.h>

#include "buf.h"

/* Element content: & < > escaped. */
void	 esc_xml_text(struct buf *b, const char *s, size_t len);
/* Attribute value in double quotes: also " and white-space controls. */
void	 esc_xml_attr(struct buf *b, const char *s, size_t len);
/* JSON string contents (without the surrounding quotes). */
void	 esc_json(struct buf *b, const char *s, size_t len);

/* Flags for esc_md(). */
#define ESC_MD_LINE_START 0x1	/* s begins a line: escape block markers */
#define ESC_MD_TABLE	  0x2	/* inside a GFM table cell: escape '|' */

/*
 * CommonMark text: backslash-escapes every ASCII character that could open
 * inline syntax (\ ` * _ [ ] < & ~), and with ESC_MD_LINE_START also what
 * would start a block at the beginning of a line (#, >, +, -, list numbers
 * such as "1. ", thematic breaks).  "1.加强" stays as is: without a space
 * after the period it is not a list marker.
 */
void	 esc_md(struct buf *b, const char *s, size_t len, int flags);

#endif
