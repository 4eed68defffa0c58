/*
 * Shaping the tree of a web page or a Markdown file before outline
 * recognition (outline.h), for the structure such sources show by layout
 * rather than by numbering:
 *
 *  - heading levels ranked by nesting: the shallowest level used becomes
 *    level 1 (<h3> under <h2> is level 2, a lone <h2> is level 1);
 *  - lines of a paragraph broken with <br> or Markdown hard breaks that
 *    are enumerated ((1) (2), ① ②, 1. 2., • •) become a list, and lines
 *    of nothing but ===== or ----- become rules;
 *  - stand-alone subheads: a bold paragraph (a headline: it may ask and
 *    answer, but holds no full stop); a line led by a symbol (➤ ● ■ ◆ ▶
 *    …), unless it sits under a picture as its caption; a line made of
 *    one 【…】 bracket, unless it comes before any text (a column tag); a
 *    WeChat section number ("01") over its heading line or glued to it,
 *    as a series 01, 02, …; a short "第一，…。" sentence in a run 第一，第二，…
 *    standing alone between paragraphs; and, when nothing is numbered,
 *    two or more short unpunctuated lines between paragraphs (as the
 *    outline's own rule does).  These kinds rank by first appearance (a
 *    kind first seen inside a section of another is below it); a lone
 *    【…】 line ranks with the top kind.
 */
#ifndef ARTCONV_HTML_SHAPE_H
#define ARTCONV_HTML_SHAPE_H

#include "tree/buf.h"
#include "tree/diag.h"
#include "tree/doc.h"

/* Rewrites the blocks directly under doc->root as above. */
void	 shape_tree(struct doc *doc, struct diag *diag);
/* After outline_recognise(): a heading that is one bold span loses the bold. */
void	 shape_after_outline(struct doc *doc);

/*
 * Removes blocks at the top of the body that repeat the title (a
 * headline printed again, bold, above the text).  Returns how many.
 */
size_t	 shape_drop_title_repeat(struct doc *doc);

/*
 * Appends the document's text to out, up to about LANG_SAMPLE_BYTES:
 * enough to tell the script (article_guess_lang()) of a page of any size.
 */
void	 shape_sample_text(const struct doc *doc, struct buf *out);

#endif
