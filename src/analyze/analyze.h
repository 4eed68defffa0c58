/*
 * The analysis every reader ends with, once its own steps have built the
 * tree and the metadata: the language guess, the layout shaping of web
 * pages and styled documents (shape.h), outline recognition
 * (outline.h) and the clean-up after it; then the check that something
 * was read, and the hand-over of the document.  Reader-specific steps (a
 * page's chrome, Markdown's top heading and footer, a Word file's notes)
 * stay in the reader, before analyze_article() or, for what must not be
 * outlined, between it and analyze_deliver().
 */
#ifndef ARTCONV_ANALYZE_H
#define ARTCONV_ANALYZE_H

#include <stddef.h>

#include "tree/diag.h"
#include "tree/doc.h"
#include "outline.h"

/* Whether the tree is shaped by layout (shape_tree()) before the outline. */
enum analyze_shape {
	ANALYZE_PLAIN,	/* never: plain text */
	ANALYZE_PAGE,	/* unless --outline none: web pages, Markdown */
	/*
	 * When the tree shows structure by layout (a heading, or a
	 * paragraph that is one bold span), whatever --outline says: Word
	 * files.  A file of plain paragraphs is read exactly as plain text.
	 */
	ANALYZE_LAYOUT
};

/*
 * In this order: META_LANG guessed, unless the source declared it (as
 * Markdown front matter does), from sample[0..len) or, when sample is
 * NULL, from the tree's own text (shape_sample_text()); the tree shaped
 * as shape says; outline_recognise() with outline; shape_after_outline();
 * letter_mark() (letter.h), unless the outline is OUTLINE_NONE.
 */
void	 analyze_article(struct doc *doc, enum analyze_shape shape,
	    const char *sample, size_t len,
	    const struct outline_opts *outline, struct diag *diag);
/*
 * When *docp has a block or a title, moves it to *out (*docp becomes
 * NULL) and returns 0; else returns -1 with the error what ("no text",
 * "no text in the page") in diag, leaving both as they are.
 */
int	 analyze_deliver(struct doc **docp, struct doc **out,
	    const char *what, struct diag *diag);

#endif
