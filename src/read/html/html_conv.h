/*
 * Turning (part of) a parsed page into document blocks: paragraphs from
 * <p>, <div> and <br>-separated text, headings from <h1>-<h6> (level =
 * the tag's number; callers rank them), lists, block quotes, tables (data
 * tables only: layout tables are read through), figures with their
 * captions, rules, and strong/emphasis/link inlines.  White space is
 * collapsed as a browser shows it, without a space where a line break
 * falls between two Chinese characters.  Elements flagged HN_DROP are
 * left out.
 */
#ifndef ARTCONV_HTML_CONV_H
#define ARTCONV_HTML_CONV_H

#include <stddef.h>

#include "tree/diag.h"
#include "tree/doc.h"
#include "html_dom.h"

/*
 * Appends the blocks for roots[0..n) (in that order) to parent, a
 * NODE_DOCUMENT or NODE_QUOTE.  The tree gets at most as deep as dom.
 */
void	 html_convert(const struct hdom *dom, struct hnode *const *roots,
	    size_t n, struct node *parent, struct diag *diag);

/* Shared by html_conv.c and html_media.c. */

/*
 * A figure for <img> n (src as in the page, or its lazy-load source when
 * src is a placeholder; alt collapsed), or NULL for decorations: icons,
 * logos, QR codes, spacers, tiny or data: images.
 */
struct node	*html_figure(const struct hdom *dom, const struct hnode *img);
/*
 * Does the table hold data (rows of two or more cells, no table or long
 * text inside a cell) rather than page layout?
 */
int	 html_data_table(const struct hdom *dom, const struct hnode *table);
/*
 * Does el (the block a paragraph started in) mark a caption: a caption
 * class, or centred with all its text bold (all_bold)?
 */
int	 html_caption_hint(const struct hdom *dom, const struct hnode *el,
	    int all_bold);

#endif
