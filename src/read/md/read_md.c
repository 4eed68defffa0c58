/*
 * The Markdown reader: CommonMark through libcmark, plus what articles
 * kept as Markdown carry around it.
 *
 * 1. Decode (encoding.h); YAML front matter (--- … ---) gives title,
 *    date, author, URL, language; other keys are noted, not lost silently.
 * 2. cmark parses the rest.  Raw HTML blocks (<figure>, <p>, <img>) go
 *    through the web page converter (html_conv.h), raw inline tags
 *    (<br>, <strong>) are applied, never shown as text.  cmark has no
 *    tables, so paragraphs holding a GFM pipe table are rebuilt here,
 *    including the malformed kind whose cells continue over several
 *    lines.  A setext "heading" several lines long is a paragraph between
 *    rules (=====), not a heading.
 * 3. The single top "#" heading is the title; the page footer after a
 *    last rule (author box, subscription plea) is dropped; heading levels
 *    rank by nesting; then the same shaping and outline recognition as
 *    for web pages and text (shape.h, outline.h).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze/analyze.h"
#include "analyze/article.h"
#include "analyze/outline.h"
#include "read/encoding.h"
#include "read/html/html_conv.h"
#include "read/html/html_dom.h"
#include "read/reader.h"
#include "tree/alloc.h"
#include "tree/buf.h"
#include "tree/utf8.h"
#include "md_int.h"

/* --- small helpers ------------------------------------------------------- */

static void
push_ptr(struct node ***v, size_t *n, size_t *cap, struct node *x)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = xreallocarray(*v, *cap, sizeof(**v));
	}
	(*v)[(*n)++] = x;
}

static void
push_act(struct md *m, enum act a)
{
	if (m->nacts == m->capacts) {
		m->capacts = m->capacts ? m->capacts * 2 : 64;
		m->acts = xrealloc(m->acts, m->capacts);
	}
	m->acts[m->nacts++] = (unsigned char)a;
}

static struct node *
cur_blocks(const struct md *m)
{
	return m->blocks[m->nblocks - 1];
}

static unsigned int
src_line(const struct md *m, cmark_node *n)
{
	int	 l = cmark_node_get_start_line(n);

	return l > 0 ? (unsigned int)l + m->line0 : 0;
}

void
md_add_block(struct md *m, struct node *n)
{
	if (node_append(cur_blocks(m), n) != 0)
		node_free(n);
}

/* --- inline content ------------------------------------------------------ */

/*
 * CommonMark closes "**" only when it is right-flanking: after a
 * punctuation mark, only before white space or punctuation.  Chinese
 * has no spaces, so "**一是推动数据共享。**一些事项…", as Chinese editors
 * and renderers write bold, reaches us as literal asterisks.  A pair of
 * "**" within one run of text, around text that neither starts nor
 * ends with a space, is bold: the asterisks are markup, never the
 * article's characters.  Appends s[0..len) to parent that way.
 */
static const char *
find_stars(const char *s, size_t len)
{
	const char	*p;

	while (len >= 2 && (p = memchr(s, '*', len - 1)) != NULL) {
		if (p[1] == '*')
			return p;
		len -= (size_t)(p + 1 - s);
		s = p + 1;
	}
	return NULL;
}

static void
append_cjk_strong(struct node *parent, const char *s, size_t len)
{
	const char	*open, *close;
	struct node	*strong;

	while (len > 0) {
		open = find_stars(s, len);
		close = open != NULL ? find_stars(open + 2, len - (size_t)(open +
		    2 - s)) : NULL;
		if (close == NULL || close == open + 2 || open[2] == ' ' ||
		    close[-1] == ' ') {
			node_append_text(parent, s, len);
			return;
		}
		if (open > s)
			node_append_text(parent, s, (size_t)(open - s));
		strong = node_new(NODE_STRONG);
		node_append_text(strong, open + 2, (size_t)(close - open - 2));
		if (node_append(parent, strong) != 0)
			node_free(strong);
		len -= (size_t)(close + 2 - s);
		s = close + 2;
	}
}

static void
flush_run(struct md *m)
{
	if (m->run.len > 0 && m->run_to != NULL)
		append_cjk_strong(m->run_to, m->run.ptr, m->run.len);
	buf_truncate(&m->run, 0);
}

static struct node *
inl_top(const struct md *m)
{
	return m->ninl > 0 ? m->inl[m->ninl - 1].n : NULL;
}

static void
start_inlines(struct md *m, struct node *container)
{
	flush_run(m);
	m->run_to = NULL;
	m->ninl = 0;
	m->inl_over = 0;
	m->inl[m->ninl].n = container;
	m->inl[m->ninl++].html = 0;
	m->soft = 0;
	m->last = 0;
}

static void
end_inlines(struct md *m)
{
	flush_run(m);
	m->run_to = NULL;
	m->ninl = 0;
	m->inl_over = 0;
	m->soft = 0;
}

static void
put_text(struct md *m, const char *s, size_t len)
{
	struct node	*t = inl_top(m);
	size_t		 pos = 0;
	uint32_t	 first;

	if (t == NULL || len == 0)
		return;
	if (t != m->run_to) {
		flush_run(m);
		m->run_to = t;
	}
	first = utf8_next(s, len, &pos);
	/* A line break inside a paragraph: no space between Chinese. */
	if (m->soft && m->last != 0 && !uc_is_space(first) &&
	    !(uc_is_cjk(m->last) && uc_is_cjk(first)))
		buf_putc(&m->run, ' ');
	m->soft = 0;
	buf_put(&m->run, s, len);
	pos = len;
	m->last = utf8_prev(s, &pos);
}

static void
put_node(struct md *m, struct node *n)
{
	struct node	*t = inl_top(m);

	flush_run(m);
	m->run_to = NULL;
	m->soft = 0;
	if (t == NULL || node_append(t, n) != 0)
		node_free(n);
}

static void
open_span(struct md *m, enum node_type type, const char *url, int html)
{
	struct node	*n;

	if (m->ninl == 0)
		return;
	if (m->ninl == INL_MAX) {
		m->inl_over++;
		return;
	}
	n = node_new(type);
	if (type == NODE_LINK)
		n->as.link.url = xstrdup(url != NULL ? url : "");
	put_node(m, n);
	if (n->parent == NULL)
		return;		/* refused: freed by put_node */
	m->inl[m->ninl].n = n;
	m->inl[m->ninl++].html = html;
}

/* Closes the innermost span opened by Markdown (html 0) or a tag. */
static void
close_span(struct md *m, int html, enum node_type type)
{
	size_t	 i;

	if (m->inl_over > 0) {
		m->inl_over--;
		return;
	}
	flush_run(m);
	m->run_to = NULL;
	for (i = m->ninl; i > 1; i--) {
		if (m->inl[i - 1].html != html)
			continue;
		if (html && m->inl[i - 1].n->type != type)
			continue;
		m->ninl = i - 1;
		return;
	}
}

/*
 * Raw inline HTML: <br> breaks the line, <strong>/<b>/<em>/<i> open and
 * close spans; any other tag is dropped.
 */
static void
inline_tag(struct md *m, const char *tag)
{
	const char	*p = tag;
	int		 closing = 0;
	char		 name[16];
	size_t		 n = 0;

	if (*p++ != '<')
		return;
	if (*p == '/') {
		closing = 1;
		p++;
	}
	while (n + 1 < sizeof(name) && ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
		name[n++] = (char)(*p++ | 0x20);
	name[n] = '\0';
	if (strcmp(name, "br") == 0) {
		put_node(m, node_new(NODE_LINEBREAK));
		return;
	}
	if (strcmp(name, "strong") == 0 || strcmp(name, "b") == 0) {
		if (closing)
			close_span(m, 1, NODE_STRONG);
		else
			open_span(m, NODE_STRONG, NULL, 1);
	} else if (strcmp(name, "em") == 0 || strcmp(name, "i") == 0) {
		if (closing)
			close_span(m, 1, NODE_EMPH);
		else
			open_span(m, NODE_EMPH, NULL, 1);
	}
}

/* The text content of a cmark subtree (for alt text). */
static void
plain_text(cmark_node *n, struct buf *out)
{
	cmark_iter		*it = cmark_iter_new(n);
	cmark_event_type	 ev;
	const char		*lit;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *x = cmark_iter_get_node(it);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(x)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(x)) != NULL)
				buf_puts(out, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(out, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* --- raw HTML ------------------------------------------------------------ */

/* Converts a raw HTML block into blocks (or, in a list item, text). */
static void
html_block(struct md *m, const char *html, unsigned int line)
{
	struct hdom	 dom;
	struct hnode	*n, *body = NULL, **roots = NULL;
	size_t		 nroots = 0;
	struct node	*b, *before, *x;

	if (hdom_parse(&dom, html, strlen(html), m->max_depth) != 0) {
		hdom_free(&dom);
		return;
	}
	hdom_hide(&dom);
	m->html_blocks++;
	for (n = dom.root; n != NULL; n = hdom_next(dom.root, n, 0))
		if (n->tag == HT_BODY) {
			body = n;
			break;
		}
	if (m->item != NULL) {
		struct buf t = BUF_INIT;

		if (body != NULL)
			hdom_collect_text(&dom, body, &t, 0);
		if (t.len > 0) {
			if (inl_top(m) != NULL && m->item->first_child != NULL)
				put_node(m, node_new(NODE_LINEBREAK));
			put_text(m, t.ptr, t.len);
		}
		buf_free(&t);
		hdom_free(&dom);
		return;
	}
	if (body != NULL)
		for (n = body->first; n != NULL; n = n->next) {
			roots = xreallocarray(roots, nroots + 1, sizeof(*roots));
			roots[nroots++] = n;
		}
	b = cur_blocks(m);
	before = b->last_child;
	html_convert(&dom, roots, nroots, b, m->diag);
	/* Lines within the raw block, counted from its first line. */
	for (x = before != NULL ? before->next : b->first_child; x != NULL;
	    x = x->next)
		x->line = line + (x->line > 0 ? x->line - 1 : 0);
	free(roots);
	hdom_free(&dom);
}

/* --- the walk ------------------------------------------------------------ */

/* Does the inline tree under n contain a line break? */
static int
has_break(const struct node *n)
{
	struct iter	 it;

	iter_init(&it, n);
	while (iter_next(&it) != ITER_DONE)
		if (it.event == ITER_ENTER && it.node->type == NODE_LINEBREAK)
			return 1;
	return 0;
}

static void
finish_block(struct md *m, struct node *x)
{
	end_inlines(m);
	node_trim_text(x, uc_is_space);
	if (x->first_child == NULL)
		node_free(x);
	else
		md_add_block(m, x);
}

/* An image: a figure in running paragraphs, its alt text elsewhere. */
static void
image(struct md *m, cmark_node *img, struct node **para)
{
	struct buf	 alt = BUF_INIT;
	struct node	*f, *p = para != NULL ? *para : NULL;
	const char	*url = cmark_node_get_url(img);

	plain_text(img, &alt);
	if (p == NULL || p->type != NODE_PARAGRAPH || m->ninl != 1 ||
	    url == NULL || *url == '\0') {
		if (alt.len > 0)
			put_text(m, alt.ptr, alt.len);
		buf_free(&alt);
		return;
	}
	/* Close the paragraph so far, add the figure, go on in a new one. */
	end_inlines(m);
	node_trim_text(p, uc_is_space);
	if (p->first_child != NULL) {
		md_add_block(m, p);
		p = node_new(NODE_PARAGRAPH);
		p->line = (*para)->line;
		*para = p;
	}
	f = node_new(NODE_FIGURE);
	f->as.figure.src = xstrdup(url);
	f->line = src_line(m, img);
	if (alt.len > 0)
		f->as.figure.alt = buf_detach(&alt, NULL);
	buf_free(&alt);
	md_add_block(m, f);
	start_inlines(m, p);
}

/*
 * md_convert walks cmark's tree with cmark's iterator.  Entering a node
 * calls the handler for its type; a container's handler pushes the act
 * (md_int.h) that its exit must undo, so exit_node needs no lookup.
 * Leaf nodes (text, breaks, code and HTML blocks, rules) get no exit, so
 * their handlers push nothing; nor do handlers that skip a subtree with
 * cmark_iter_reset, since that skips the exit too.
 */

/* What one md_convert run shares with its node handlers. */
struct walk {
	struct md	*m;
	cmark_iter	*it;
	cmark_node	*top;
	struct node	*into;		/* the table cell taking inlines */
	struct node	*para;		/* the paragraph or heading filled */
	size_t		 base;		/* acts below: an outer walk's */
};

/* --- leaving a container ------------------------------------------------- */

static void
exit_item(struct md *m)
{
	struct node	*outer;

	end_inlines(m);
	node_trim_text(m->item, uc_is_space);
	m->item = NULL;
	/* A list nested in an item: its text goes on in that item. */
	outer = m->nlists > 0 ? m->lists[m->nlists - 1]->parent : NULL;
	if (outer != NULL && outer->type == NODE_LIST_ITEM) {
		m->item = outer;
		start_inlines(m, m->item);
	}
}

static void
exit_paragraph(struct walk *w)
{
	if (w->into != NULL || w->m->item != NULL)
		return;
	if (w->para != NULL)
		finish_block(w->m, w->para);
	w->para = NULL;
}

static void
exit_heading(struct walk *w)
{
	struct md	*m = w->m;
	struct node	*n = w->para;

	w->para = NULL;
	end_inlines(m);
	if (n == NULL)
		return;
	if (!has_break(n)) {
		finish_block(m, n);
		return;
	}
	/* Setext underline under many lines. */
	free(n->as.heading.label);
	n->type = NODE_PARAGRAPH;
	memset(&n->as, 0, sizeof(n->as));
	n->rule = "several lines over =====: not a heading";
	finish_block(m, n);
	n = node_new(NODE_RULE);
	n->line = 0;
	md_add_block(m, n);
}

static void
exit_node(struct walk *w)
{
	struct md	*m = w->m;

	if (m->nacts <= w->base)
		return;
	switch ((enum act)m->acts[--m->nacts]) {
	case ACT_POP_BLOCKS:
		m->nblocks--;
		m->depth--;
		break;
	case ACT_POP_LIST:
		m->nlists--;
		m->depth--;
		break;
	case ACT_ITEM:
		exit_item(m);
		break;
	case ACT_PARA:
		exit_paragraph(w);
		break;
	case ACT_HEADING:
		exit_heading(w);
		break;
	case ACT_INLINE:
		close_span(m, 0, NODE_NONE);
		break;
	case ACT_NONE:
		break;
	}
}

/* --- entering a block ---------------------------------------------------- */

static void
enter_block_quote(struct walk *w, cmark_node *x)
{
	struct md	*m = w->m;
	struct node	*n;

	/* Flattened in list items, table cells and past the depth limit. */
	if (m->item != NULL || m->depth >= m->max_depth || w->into != NULL) {
		push_act(m, ACT_NONE);
		return;
	}
	n = node_new(NODE_QUOTE);
	n->line = src_line(m, x);
	md_add_block(m, n);
	if (n->parent == NULL) {
		push_act(m, ACT_NONE);
		return;
	}
	push_ptr(&m->blocks, &m->nblocks, &m->capblocks, n);
	m->depth++;
	push_act(m, ACT_POP_BLOCKS);
}

static void
enter_list(struct walk *w, cmark_node *x)
{
	struct md	*m = w->m;
	struct node	*n;

	if (m->depth >= m->max_depth || w->into != NULL) {
		push_act(m, ACT_NONE);
		return;
	}
	n = node_new(NODE_LIST);
	n->as.list.ordered = cmark_node_get_list_type(x) == CMARK_ORDERED_LIST;
	n->line = src_line(m, x);
	if (m->item != NULL) {
		end_inlines(m);
		if (node_append(m->item, n) != 0) {
			node_free(n);
			push_act(m, ACT_NONE);
			return;
		}
	} else
		md_add_block(m, n);
	push_ptr(&m->lists, &m->nlists, &m->caplists, n);
	m->depth++;
	push_act(m, ACT_POP_LIST);
}

static void
enter_item(struct walk *w, cmark_node *x)
{
	struct md	*m = w->m;
	struct node	*n;

	/* The list was not kept: the item is a new line of the outer one. */
	if (m->nlists == 0 || m->acts[m->nacts - 1] != ACT_POP_LIST) {
		push_act(m, ACT_NONE);
		if (m->item != NULL && m->item->first_child != NULL)
			put_node(m, node_new(NODE_LINEBREAK));
		return;
	}
	n = node_new(NODE_LIST_ITEM);
	n->line = src_line(m, x);
	if (node_append(m->lists[m->nlists - 1], n) != 0) {
		node_free(n);
		push_act(m, ACT_NONE);
		return;
	}
	m->item = n;
	start_inlines(m, n);
	push_act(m, ACT_ITEM);
}

/*
 * A paragraph or heading that is no block of its own: in a table cell
 * its inlines go to the cell, in a list item they go on in the item
 * after a line break.  Returns 1 if that is the case.
 */
static int
text_block_inside(struct walk *w)
{
	struct md	*m = w->m;

	if (w->into != NULL) {
		push_act(m, ACT_NONE);
		return 1;
	}
	if (m->item == NULL)
		return 0;
	if (m->ninl == 0)
		start_inlines(m, m->item);
	else if (m->item->first_child != NULL)
		put_node(m, node_new(NODE_LINEBREAK));
	push_act(m, ACT_NONE);
	return 1;
}

static void
enter_paragraph(struct walk *w, cmark_node *x)
{
	struct md	*m = w->m;
	cmark_node	*parent = cmark_node_parent(x);

	if (text_block_inside(w))
		return;
	/* A pipe table replaces the paragraph, children and exit included. */
	if (parent != NULL && cmark_node_get_type(parent) ==
	    CMARK_NODE_DOCUMENT && md_pipe_table(m, x)) {
		cmark_iter_reset(w->it, x, CMARK_EVENT_EXIT);
		return;
	}
	w->para = node_new(NODE_PARAGRAPH);
	push_act(m, ACT_PARA);
	w->para->line = src_line(m, x);
	start_inlines(m, w->para);
}

static void
enter_heading(struct walk *w, cmark_node *x)
{
	struct md	*m = w->m;

	if (text_block_inside(w))
		return;
	w->para = node_new(NODE_HEADING);
	w->para->as.heading.level = cmark_node_get_heading_level(x);
	w->para->rule = "Markdown heading";
	push_act(m, ACT_HEADING);
	w->para->line = src_line(m, x);
	start_inlines(m, w->para);
}

/* A code block: a paragraph of its lines (in an item, more item text). */
static void
enter_code_block(struct walk *w, cmark_node *x)
{
	struct md	*m = w->m;
	const char	*lit = cmark_node_get_literal(x);
	struct node	*n = NULL;

	if (lit == NULL || w->into != NULL)
		return;
	if (m->item == NULL) {
		n = node_new(NODE_PARAGRAPH);
		n->line = src_line(m, x);
		start_inlines(m, n);
	}
	while (*lit != '\0') {
		size_t l = strcspn(lit, "\n");

		if (l > 0)
			put_text(m, lit, l);
		lit += l;
		if (*lit == '\n' && *++lit != '\0')
			put_node(m, node_new(NODE_LINEBREAK));
	}
	if (n != NULL)
		finish_block(m, n);
}

static void
enter_html_block(struct walk *w, cmark_node *x)
{
	const char	*lit = cmark_node_get_literal(x);

	if (lit != NULL && w->into == NULL)
		html_block(w->m, lit, src_line(w->m, x));
}

static void
enter_thematic_break(struct walk *w, cmark_node *x)
{
	struct node	*n;

	if (w->m->item != NULL || w->into != NULL)
		return;
	n = node_new(NODE_RULE);
	n->line = src_line(w->m, x);
	md_add_block(w->m, n);
}

/* --- entering an inline -------------------------------------------------- */

/* Text and code spans. */
static void
enter_text(struct walk *w, cmark_node *x)
{
	const char	*lit = cmark_node_get_literal(x);

	if (lit != NULL)
		put_text(w->m, lit, strlen(lit));
}

static void
enter_html_inline(struct walk *w, cmark_node *x)
{
	const char	*lit = cmark_node_get_literal(x);

	if (lit != NULL)
		inline_tag(w->m, lit);
}

/* Emphasis and strong emphasis. */
static void
enter_span(struct walk *w, enum node_type type)
{
	open_span(w->m, type, NULL, 0);
	push_act(w->m, ACT_INLINE);
}

/* A link without a target is its text alone. */
static void
enter_link(struct walk *w, cmark_node *x)
{
	const char	*url = cmark_node_get_url(x);

	if (url != NULL && *url != '\0') {
		open_span(w->m, NODE_LINK, url, 0);
		push_act(w->m, ACT_INLINE);
	} else
		push_act(w->m, ACT_NONE);
}

/* image() reads the alt text itself: the children are skipped. */
static void
enter_image(struct walk *w, cmark_node *x)
{
	image(w->m, x, w->m->item == NULL && w->into == NULL ? &w->para :
	    NULL);
	cmark_iter_reset(w->it, x, CMARK_EVENT_EXIT);
}

static void
enter_node(struct walk *w, cmark_node *x)
{
	switch (cmark_node_get_type(x)) {
	case CMARK_NODE_DOCUMENT:
		if (x != w->top)
			push_act(w->m, ACT_NONE);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		enter_block_quote(w, x);
		break;
	case CMARK_NODE_LIST:
		enter_list(w, x);
		break;
	case CMARK_NODE_ITEM:
		enter_item(w, x);
		break;
	case CMARK_NODE_PARAGRAPH:
		enter_paragraph(w, x);
		break;
	case CMARK_NODE_HEADING:
		enter_heading(w, x);
		break;
	case CMARK_NODE_CODE_BLOCK:
		enter_code_block(w, x);
		break;
	case CMARK_NODE_HTML_BLOCK:
		enter_html_block(w, x);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		enter_thematic_break(w, x);
		break;
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		enter_text(w, x);
		break;
	case CMARK_NODE_SOFTBREAK:
		w->m->soft = 1;
		break;
	case CMARK_NODE_LINEBREAK:
		put_node(w->m, node_new(NODE_LINEBREAK));
		break;
	case CMARK_NODE_HTML_INLINE:
		enter_html_inline(w, x);
		break;
	case CMARK_NODE_EMPH:
		enter_span(w, NODE_EMPH);
		break;
	case CMARK_NODE_STRONG:
		enter_span(w, NODE_STRONG);
		break;
	case CMARK_NODE_LINK:
		enter_link(w, x);
		break;
	case CMARK_NODE_IMAGE:
		enter_image(w, x);
		break;
	default:
		/* Other containers (custom nodes) still get an exit. */
		push_act(w->m, ACT_NONE);
		break;
	}
}

/*
 * Converts the cmark subtree at top.  With into set, top is a paragraph
 * whose inlines go into that node (a table cell); otherwise blocks go to
 * the current block container.
 */
void
md_convert(struct md *m, cmark_node *top, struct node *into)
{
	struct walk		 w;
	cmark_event_type	 ev;

	memset(&w, 0, sizeof(w));
	w.m = m;
	w.it = cmark_iter_new(top);
	w.top = top;
	w.into = into;
	w.base = m->nacts;
	if (into != NULL)
		start_inlines(m, into);
	while ((ev = cmark_iter_next(w.it)) != CMARK_EVENT_DONE) {
		if (ev == CMARK_EVENT_EXIT)
			exit_node(&w);
		else
			enter_node(&w, cmark_iter_get_node(w.it));
	}
	cmark_iter_free(w.it);
	if (into != NULL)
		end_inlines(m);
}

/* --- the reader ---------------------------------------------------------- */

/*
 * Does the text open (after blank lines) with a line underlined by a
 * setext rule (==== or ----)?
 */
static int
top_setext(const char *s, size_t len)
{
	size_t	 i = 0, e, k;

	while (i < len && (s[i] == '\n' || s[i] == ' '))
		i++;
	for (e = i; e < len && s[e] != '\n'; e++)
		;
	if (e == i || e >= len)
		return 0;
	for (k = e + 1; k < len && s[k] == ' ' && k - e <= 3; k++)
		;
	if (k >= len || (s[k] != '=' && s[k] != '-'))
		return 0;
	for (e = k; e < len && s[e] == s[k]; e++)
		;
	while (e < len && s[e] == ' ')
		e++;
	return e - k >= 2 && (e >= len || s[e] == '\n');
}

static int
md_sniff(const char *data, size_t len)
{
	size_t	 n = len < 4096 ? len : 4096, i = 0, e, k, signs = 0;
	size_t	 heads = 0;

	if (n >= 4 && memcmp(data, "---", 3) == 0 && (data[3] == '\n' ||
	    data[3] == '\r')) {
		for (i = 4; i + 6 < n; i++)
			if (data[i - 1] == '\n' && (strncmp(data + i, "title:",
			    6) == 0 || strncmp(data + i, "date:", 5) == 0))
				return 70;
	}
	for (i = 0; i < n; i = e + 1) {
		for (e = i; e < n && data[e] != '\n'; e++)
			;
		if (e - i >= 2 && data[i] == '#' && (data[i + 1] == ' ' ||
		    data[i + 1] == '#'))
			heads++;
		else if (e - i >= 2 && (data[i] == '*' || data[i] == '-' ||
		    data[i] == '>') && data[i + 1] == ' ')
			signs++;
		else if (e - i >= 3 && memcmp(data + i, "```", 3) == 0)
			signs++;
		for (k = i; k + 1 < e; k++)
			if (data[k] == ']' && data[k + 1] == '(') {
				signs++;
				break;
			}
	}
	if (heads > 0 && heads + signs >= 2)
		return 60;
	if (heads + signs >= 3)
		return 40;
	return 0;
}

static int
md_read(const char *data, size_t len, const struct read_opts *opts,
    struct doc **out, struct diag *diag)
{
	struct decoded	 dec;
	struct md	 m;
	struct doc	*doc = NULL;
	cmark_node	*root = NULL;
	size_t		 skip, i;
	int		 rc = -1;

	*out = NULL;
	memset(&m, 0, sizeof(m));
	memset(&dec, 0, sizeof(dec));
	if (enc_decode(data, len, opts->encoding, NULL, &dec, diag) != 0)
		goto out;
	enc_drop_nul(&dec, diag);
	enc_clean(&dec);
	diag_note(diag, "encoding: %s%s", dec.encoding,
	    dec.bom ? " (byte-order mark)" : "");
	enc_warn_repairs(&dec, diag);
	doc = doc_new();
	skip = md_front_matter(dec.text, dec.len, doc, &m.line0, diag);
	m.doc = doc;
	m.diag = diag;
	m.src = dec.text + skip;
	m.len = dec.len - skip;
	m.max_depth = opts->max_depth ? opts->max_depth : 128;
	for (i = 0; i <= m.len; i++)
		if (i == 0 || m.src[i - 1] == '\n') {
			if (i == m.len && i > 0)
				break;
			m.lines = xreallocarray(m.lines, m.nlines + 1,
			    sizeof(*m.lines));
			m.lines[m.nlines++] = i;
		}
	buf_init(&m.run);
	push_ptr(&m.blocks, &m.nblocks, &m.capblocks, doc->root);
	root = md_parse_commonmark(m.src, m.len);
	if (root == NULL) {
		diag_error(diag, "the Markdown parser failed");
		goto out;
	}
	md_convert(&m, root, NULL);
	doc_wrap_item_tails(doc);
	if (m.html_blocks > 0)
		diag_note(diag, "%zu raw HTML blocks read as HTML",
		    m.html_blocks);
	md_take_title(doc, top_setext(m.src, m.len), diag);
	md_drop_excerpt(doc, diag);
	md_cut_tail(doc, diag);
	article_cut_footer(doc, "md", diag);
	analyze_article(doc, ANALYZE_PAGE, NULL, 0, &opts->outline, diag);
	rc = analyze_deliver(&doc, out, "no text", diag);
out:
	if (root != NULL)
		cmark_node_free(root);
	buf_free(&m.run);
	free(m.blocks);
	free(m.lists);
	free(m.acts);
	free(m.lines);
	doc_free(doc);
	enc_free(&dec);
	return rc;
}

const struct reader reader_md = {
	"md",
	"md markdown",
	"Markdown (CommonMark, GFM pipe tables, YAML front matter)",
	md_sniff,
	md_read,
};
