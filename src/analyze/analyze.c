/*
 * The analysis tail shared by all readers (analyze.h).
 */
#include <string.h>

#include "tree/buf.h"
#include "tree/utf8.h"
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

/*
 * A link to the article's original elsewhere, standing alone: "查看原文",
 * "阅读原文", "點此觀看原始內容" (an archive's or a transcript's pointer
 * back to the page it copied, after every item).  Only the link's text
 * decides; arrows after it (>>, →) aside.
 */
static int
source_link_text(const char *s, size_t len)
{
	static const char *const clicks[] = {
		"点击", "點擊", "点此", "點此", "请点击", "請點擊", ""
	};
	static const char *const verbs[] = {
		"查看", "阅读", "閱讀", "观看", "觀看", "浏览", "瀏覽", ""
	};
	static const char *const objects[] = {
		"原文链接", "原文連結", "原文地址", "原文", "原始内容",
		"原始內容", "原始页面", "原始頁面"
	};
	size_t		 start = 0, end, i, j, k, p, q, n;
	uint32_t	 cp;

	len = utf8_trim(s, len, &start);
	s += start;
	while (len > 0) {			/* past >> 》 → */
		end = len;
		cp = utf8_prev(s, &end);
		if (cp != '>' && cp != 0x300B && cp != 0x2192 &&
		    cp != 0xFF1E && !uc_is_space(cp))
			break;
		len = end;
	}
	for (i = 0; i < sizeof(clicks) / sizeof(clicks[0]); i++) {
		p = strlen(clicks[i]);
		if (p > len || memcmp(s, clicks[i], p) != 0)
			continue;
		for (j = 0; j < sizeof(verbs) / sizeof(verbs[0]); j++) {
			q = strlen(verbs[j]);
			if (p + q > len || memcmp(s + p, verbs[j], q) != 0)
				continue;
			for (k = 0; k < sizeof(objects) / sizeof(objects[0]);
			    k++) {
				n = strlen(objects[k]);
				if (p + q + n == len && (q > 0 || k < 3) &&
				    memcmp(s + p + q, objects[k], n) == 0)
					return 1;
			}
		}
	}
	return 0;
}

/* Is n a paragraph made of one link (bold or not) to the original? */
static int
source_link(const struct node *n)
{
	const struct node	*c = n->first_child;
	struct buf		 t = BUF_INIT;
	int			 yes;

	while (c != NULL && c == n->last_child && c->type == NODE_STRONG &&
	    c->first_child != NULL)
		n = c, c = c->first_child;
	if (n->type != NODE_PARAGRAPH && n->type != NODE_STRONG)
		return 0;
	if (c == NULL || c != n->last_child || c->type != NODE_LINK)
		return 0;
	node_text(c, &t);
	yes = source_link_text(t.ptr, t.len);
	buf_free(&t);
	return yes;
}

/* Is n a link to the original, or a quote holding only such links? */
static int
source_block(const struct node *n)
{
	const struct node	*c;

	if (n->type == NODE_PARAGRAPH)
		return source_link(n);
	if (n->type != NODE_QUOTE || n->first_child == NULL)
		return 0;
	for (c = n->first_child; c != NULL; c = c->next)
		if (!source_block(c))
			return 0;
	return 1;
}

/*
 * Drops the links to the original that stand before the article's first
 * block or after its last (rules aside), and the quotes that hold only
 * them (an archive quotes its pointer: "> [點此觀看原始內容](…)").  Between
 * the article's blocks such a link stays: there it is the author's, or
 * a transcript's pointer after each of its items.
 */
static void
drop_source_links(struct doc *doc, struct diag *diag)
{
	struct node	*c, *next;

	for (c = doc->root->first_child; c != NULL && source_block(c);
	    c = next) {
		next = c->next;
		diag_note(diag, "line %u: a link to the original left out",
		    c->line);
		node_free(c);
	}
	for (c = doc->root->last_child; c != NULL; c = next) {
		next = c->prev;
		if (c->type == NODE_RULE)
			continue;
		if (!source_block(c))
			break;
		diag_note(diag, "line %u: a link to the original left out",
		    c->line);
		node_free(c);
	}
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
	drop_source_links(doc, diag);
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
