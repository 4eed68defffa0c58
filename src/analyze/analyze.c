/*
 * The analysis tail shared by all readers (analyze.h).
 */
#include "tree/buf.h"
#include "analyze.h"
#include "article.h"
#include "letter.h"
#include "shape.h"

/*
 * Does the file show structure by layout (heading styles, bold lines)?
 * Then it is shaped as a web page is (bold stand-alone lines are
 * subheads, heading levels rank by nesting).
 */
static int
uses_layout(const struct doc *doc)
{
	const struct node	*c;

	for (c = doc->root->first_child; c != NULL; c = c->next) {
		if (c->type == NODE_HEADING)
			return 1;
		if (c->type == NODE_PARAGRAPH && c->first_child != NULL &&
		    c->first_child == c->last_child &&
		    c->first_child->type == NODE_STRONG)
			return 1;
	}
	return 0;
}

/*
 * The END mark of a public-account post (article_end_mark()) is layout,
 * not text: dropped wherever a block of its own holds it, so that it
 * never becomes a heading (a bold "END" looks like one).  What follows
 * it stays: the post's credits (编辑丨… 审核丨…) stand there.
 */
static void
drop_end_marks(struct doc *doc, struct diag *diag)
{
	struct node	*c, *next;
	struct buf	 t = BUF_INIT;

	for (c = doc->root->first_child; c != NULL; c = next) {
		next = c->next;
		if (c->type != NODE_PARAGRAPH && c->type != NODE_HEADING)
			continue;
		buf_truncate(&t, 0);
		node_text(c, &t);
		if (t.len == 0 || c == doc->root->first_child ||
		    !article_end_mark(t.ptr, t.len))
			continue;
		diag_note(diag, "an end-of-post mark left out: %.*s",
		    (int)t.len, t.ptr);
		node_free(c);
	}
	buf_free(&t);
}

void
analyze_article(struct doc *doc, enum analyze_shape shape,
    const char *sample, size_t len, const struct outline_opts *outline,
    struct diag *diag)
{
	struct buf	 all = BUF_INIT;
	int		 layout = 0;

	if (doc->meta[META_LANG] == NULL) {
		if (sample == NULL) {
			shape_sample_text(doc, &all);
			sample = all.ptr;
			len = all.len;
		}
		doc_set_meta(doc, META_LANG, article_guess_lang(sample, len));
	}
	buf_free(&all);
	drop_end_marks(doc, diag);
	switch (shape) {
	case ANALYZE_PLAIN:
		break;
	case ANALYZE_PAGE:
		layout = outline->mode != OUTLINE_NONE;
		break;
	case ANALYZE_LAYOUT:
		layout = uses_layout(doc);
		break;
	}
	if (layout)
		shape_tree(doc, diag);
	outline_recognise(doc, outline, diag);
	shape_after_outline(doc);
	if (outline->mode != OUTLINE_NONE)
		letter_mark(doc, diag);
}

int
analyze_deliver(struct doc **docp, struct doc **out, const char *what,
    struct diag *diag)
{
	const struct doc *doc = *docp;

	if (doc->root->first_child == NULL && doc->meta[META_TITLE] == NULL)
		return diag_error(diag, "%s", what);
	*out = *docp;
	*docp = NULL;
	return 0;
}
