/*
 * Helpers shared by several writers: how labels join their text, the
 * metadata line under a title, timestamps.  Writers include this after
 * writer.h.
 */
#ifndef ARTCONV_FORMATS_COMMON_H
#define ARTCONV_FORMATS_COMMON_H

#include <stddef.h>
#include <time.h>

#include "writer.h"

/*
 * What goes between a label and its text: nothing after 、 ） ) . ． (一、
 * （一） 1.), an ideographic space after a word label (第一章　总则).
 */
const char	*label_separator(const char *label);
/* Is s absent: NULL or the empty string? */
int		 blank(const char *s);
/*
 * Does any item of list carry its own label ("甲、")?  Such a list shows
 * those labels, not bullets or numbers.
 */
int		 list_labelled(const struct node *list);
/* The number of cells in table's longest row (0: an empty table). */
size_t		 table_columns(const struct node *table);
/* Appends label, separator and the node's text (headings, list items). */
void		 labelled_text(const char *label, const struct node *n,
		    struct buf *out);
/*
 * Is lang a tag for Traditional Chinese text (zh-TW, zh-HK, zh-MO,
 * zh-Hant, with or without further subtags)?  NULL is not.
 */
int		 writer_lang_hant(const char *lang);
/*
 * The line shown under the title: date, 来源, 作者, 发布者, separated by
 * ideographic spaces ("2021-10-14 14:46　来源：嘉兴老干部"), the labels in
 * Traditional characters (來源, 發佈者) when the document's language is
 * Traditional Chinese.  Appends nothing when the document has none of
 * them.
 */
void		 meta_line(const struct doc *doc, struct buf *out);
/*
 * The document's timestamp: opts->timestamp if set, else 2000-01-01.
 * iso receives "YYYY-MM-DDThh:mm:ssZ" (21 bytes).
 */
time_t		 doc_time(const struct render_opts *opts, char iso[21]);
/* Length of s without trailing sentence punctuation (。，；：！？、…). */
size_t		 strip_final_punct(const char *s, size_t len);
/*
 * Appends the inline content of n as plain text; a hard line break
 * becomes "\n".
 */
void		 plain_text(const struct node *n, struct buf *out);

#endif

