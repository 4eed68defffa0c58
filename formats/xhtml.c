/*
 * The article body as (X)HTML markup: see xhtml.h.  Moved here from the
 * EPUB writer so that the EPUB chapters and the HTML page are one code.
 *
 * The whole body is walked with the tree iterator; the only nesting is the
 * one level needed to join a run-in heading with its paragraph.
 */
#include "xhtml.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze/title_break.h"
#include "tree/alloc.h"
#include "tree/escape.h"
#include "tree/utf8.h"

enum {
	FIG_NONE,		/* nothing written */
	FIG_IMAGE,		/* <figure><img/><figcaption>… */
	FIG_CAPTION		/* <p class="caption">… (image not embedded) */
};

/* ------------------------------------------------------------ helpers */

void
xml_text(struct buf *b, const char *s)
{
	if (s != NULL)
		esc_xml_text(b, s, strlen(s));
}

void
xml_attr(struct buf *b, const char *s)
{
	if (s != NULL)
		esc_xml_attr(b, s, strlen(s));
}

void
xhtml_toc_item(struct buf *b, int *prev, int depth, const char *href,
    const char *text)
{
	int	 d;

	if (depth > *prev)
		BUF_PUTSL(b, "<ol>\n");
	else {
		BUF_PUTSL(b, "</li>\n");
		for (d = *prev; d > depth; d--)
			BUF_PUTSL(b, "</ol>\n</li>\n");
	}
	BUF_PUTSL(b, "<li><a href=\"");
	xml_attr(b, href);
	BUF_PUTSL(b, "\">");
	xml_text(b, text);
	BUF_PUTSL(b, "</a>");
	*prev = depth;
}

void
xhtml_toc_end(struct buf *b, int prev)
{
	int	 d;

	BUF_PUTSL(b, "</li>\n");
	for (d = prev; d > 1; d--)
		BUF_PUTSL(b, "</ol>\n</li>\n");
	BUF_PUTSL(b, "</ol>\n");
}

void
xhtml_title_text(struct buf *b, const char *title)
{
	struct title_line	*p;
	size_t			 len, n, i;

	if (title == NULL)
		return;
	len = strlen(title);
	p = xcalloc(utf8_count(title, len) + 1, sizeof(*p));
	n = title_phrases(title, len, p);
	for (i = 0; i < n; i++) {
		if (i > 0)
			BUF_PUTSL(b, "<wbr/>");
		esc_xml_text(b, title + p[i].off, p[i].len);
	}
	free(p);
}

void
xhtml_title_block(struct buf *b, const struct doc *doc, const char *title,
    int rank, const char *urlclass)
{
	struct buf	 line = BUF_INIT;
	const char	*url = doc->meta[META_URL];

	if (!blank(doc->meta[META_KICKER])) {
		BUF_PUTSL(b, "<p class=\"kicker\">");
		xml_text(b, doc->meta[META_KICKER]);
		BUF_PUTSL(b, "</p>\n");
	}
	buf_printf(b, "<h%d class=\"title\">", rank);
	xhtml_title_text(b, title);
	buf_printf(b, "</h%d>\n", rank);
	if (!blank(doc->meta[META_SUBTITLE])) {
		BUF_PUTSL(b, "<p class=\"subtitle\">");
		xml_text(b, doc->meta[META_SUBTITLE]);
		BUF_PUTSL(b, "</p>\n");
	}
	meta_line(doc, &line);
	if (line.len > 0) {
		BUF_PUTSL(b, "<p class=\"meta\">");
		esc_xml_text(b, line.ptr, line.len);
		BUF_PUTSL(b, "</p>\n");
	}
	buf_free(&line);
	if (!blank(url)) {
		buf_printf(b, "<p class=\"%s\">原文：", urlclass);
		if (xhtml_url_usable(url)) {
			BUF_PUTSL(b, "<a href=\"");
			xhtml_put_url(b, url);
			BUF_PUTSL(b, "\">");
			xml_text(b, url);
			BUF_PUTSL(b, "</a>");
		} else
			xml_text(b, url);
		BUF_PUTSL(b, "</p>\n");
	}
}

int
xhtml_url_usable(const char *url)
{
	if (url == NULL)
		return 0;
	return strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0 ||
	    strncasecmp(url, "mailto:", 7) == 0;
}

void
xhtml_put_url(struct buf *b, const char *url)
{
	struct buf	 u = BUF_INIT;
	const unsigned char *p;

	for (p = (const unsigned char *)url; *p != '\0'; p++)
		if (*p <= 0x20 || *p >= 0x7F || strchr("\"<>\\^`{|}", *p))
			buf_printf(&u, "%%%02X", *p);
		else
			buf_putc(&u, *p);
	esc_xml_attr(b, u.ptr, u.len);
	buf_free(&u);
}

void
xhtml_heading_text(const struct node *h, struct buf *b)
{
	labelled_text(h->as.heading.label, h, b);
	buf_truncate(b, strip_final_punct(b->ptr, b->len));
}

int
xhtml_heading_empty(const struct node *h)
{
	return blank(h->as.heading.label) && node_text_len(h) == 0;
}

static int	 split_points(const struct xhtml *, const struct node *);

/*
 * A run-in heading is written in one paragraph with the next block, as
 * the author had it; not a theme, whose chapter needs a real heading,
 * and not before points written one paragraph each.
 */
static int
joins_next(const struct xhtml *x, const struct node *h)
{
	const struct node	*body = node_run_in_body(h);

	return h->as.heading.level > 1 && body != NULL &&
	    (body->type == NODE_PARAGRAPH || !split_points(x, body));
}

static int
joined_to_heading(const struct xhtml *x, const struct node *p)
{
	return node_is_run_in_body(p) && !xhtml_heading_empty(p->prev) &&
	    joins_next(x, p->prev);
}

/*
 * Does this link become an <a>?  It needs a usable address and a name,
 * and must not sit inside another <a> (HTML forbids nesting them).
 */
static int
link_opens(const struct node *n)
{
	const struct node	*p;

	if (!xhtml_url_usable(n->as.link.url) || node_text_len(n) == 0)
		return 0;
	for (p = n->parent; p != NULL; p = p->parent)
		if (p->type == NODE_LINK && xhtml_url_usable(p->as.link.url))
			return 0;
	return 1;
}

/* Shortens a toc label to its first sentence, at most 40 characters. */
static void
short_label(struct buf *b)
{
	size_t		 pos = 0, n = 0;
	uint32_t	 cp;

	while (pos < b->len) {
		cp = utf8_next(b->ptr, b->len, &pos);
		if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F ||
		    cp == 0xFF1B) {
			buf_truncate(b, pos);
			break;
		}
		if (++n == 40 && pos < b->len) {
			buf_truncate(b, pos);
			BUF_PUTSL(b, "…");
			return;
		}
	}
	buf_truncate(b, strip_final_punct(b->ptr, b->len));
}

/*
 * The rank (1-6) of an <hN> for a heading of the given level in this file:
 * its depth among the headings open here, so ranks never skip (h1 then
 * h3) even when the source skips levels.
 */
static int
html_rank(struct xhtml *x, int level)
{
	int	 rank;

	rank = xhtml_levels_open(&x->open, level) + x->rank_base;
	return rank < XHTML_MAX_LEVEL ? rank : XHTML_MAX_LEVEL;
}

void
xhtml_new_part(struct xhtml *x)
{
	x->open.n = 0;
}

int
xhtml_levels_open(struct xhtml_levels *l, int level)
{
	int	 cap = (int)(sizeof(l->lev) / sizeof(l->lev[0]));

	while (l->n > 0 && l->lev[l->n - 1] >= level)
		l->n--;
	if (l->n < cap)
		l->lev[l->n++] = level;
	return l->n;
}

int
xhtml_toc_depth(int depth, int prev)
{
	if (prev == 0 || depth < 1)
		return 1;
	return depth > prev + 1 ? prev + 1 : depth;
}

/* ------------------------------------------------------------ body */

static void render_node(struct xhtml *x, const struct node *n,
    enum iter_event ev, struct iter *it);

/*
 * Walks the subtree of n (n itself when self, else only its children).
 * An empty container gets only an ENTER from the iterator; its EXIT is
 * supplied here so every element is closed.
 */
void
xhtml_walk(struct xhtml *x, const struct node *n, int self)
{
	struct iter		 it;
	enum iter_event		 ev;
	const struct node	*c;

	iter_init(&it, n);
	while ((ev = iter_next(&it)) != ITER_DONE) {
		c = it.node;
		if (c == n && !self)
			continue;
		render_node(x, c, ev, &it);
		if (ev == ITER_ENTER && c->first_child == NULL &&
		    c->type != NODE_TEXT && c->type != NODE_LINEBREAK &&
		    c->type != NODE_RULE)
			render_node(x, c, ITER_EXIT, NULL);
	}
}

static void
open_heading(struct xhtml *x, const struct node *n, struct buf *b)
{
	struct buf	 label = BUF_INIT;
	const char	*l = n->as.heading.label;
	int		 level = n->as.heading.level;

	if (level < 1)
		level = 1;
	if (level > XHTML_MAX_LEVEL)
		level = XHTML_MAX_LEVEL;
	x->nids++;
	xhtml_heading_text(n, &label);
	if (x->hooks.heading != NULL)
		x->hooks.heading(x->hooks.ctx, x->nids, level, label.ptr,
		    label.len);
	if (joins_next(x, n)) {
		buf_printf(b, "<p class=\"run-in\" id=\"a%u\"><span class=\"rh "
		    "l%d\">", x->nids, level);
		x->hopen = 0;
	} else {
		x->hopen = html_rank(x, level);
		buf_printf(b, "<h%d class=\"l%d\" id=\"a%u\">", x->hopen,
		    level, x->nids);
	}
	if (!blank(l)) {
		xml_text(b, l);
		buf_puts(b, label_separator(l));
	}
	buf_free(&label);
}

/*
 * Are n's points written one paragraph each?  As --points says, except
 * in a list item's text, which stays the item's line.
 */
static int
split_points(const struct xhtml *x, const struct node *n)
{
	for (; n != NULL; n = n->parent)
		if (n->type == NODE_POINT_LIST)
			return x->points == POINTS_SPLIT &&
			    n->parent->type != NODE_LIST_ITEM;
	return x->points == POINTS_SPLIT;
}

static void
open_point(struct xhtml *x, const struct node *n, struct buf *b)
{
	struct buf		 label = BUF_INIT;
	const struct node	*lead = n->first_child;
	const char		*l = n->as.point.label;

	x->nids++;
	if (!blank(l))
		buf_puts(&label, l);	/* a point's label runs on: 首先要… */
	node_text(lead != NULL && lead->type == NODE_POINT_LEAD ? lead : n,
	    &label);
	short_label(&label);
	if (x->hooks.point != NULL)
		x->hooks.point(x->hooks.ctx, x->nids, label.ptr, label.len);
	buf_free(&label);
	if (split_points(x, n))
		buf_printf(b, "<p class=\"point\" id=\"a%u\">", x->nids);
	else
		buf_printf(b, "<span class=\"point\" id=\"a%u\">", x->nids);
	if (lead == NULL || lead->type != NODE_POINT_LEAD)
		xml_text(b, l);
}

static void
open_figure(struct xhtml *x, const struct node *n, struct buf *b)
{
	const char	*src = x->hooks.image != NULL ?
			    x->hooks.image(x->hooks.ctx, n) : NULL;
	struct buf	 alt = BUF_INIT;

	if (src != NULL) {
		if (!blank(n->as.figure.alt))
			buf_puts(&alt, n->as.figure.alt);
		else
			plain_text(n, &alt);
		if (alt.len == 0)
			BUF_PUTSL(&alt, "插图");
		BUF_PUTSL(b, "<figure>\n<img src=\"");
		xml_attr(b, src);
		BUF_PUTSL(b, "\" alt=\"");
		esc_xml_attr(b, alt.ptr, alt.len);
		buf_puts(b, x->html ? "\">\n" : "\"/>\n");
		if (n->first_child != NULL)
			BUF_PUTSL(b, "<figcaption>");
		x->figure = FIG_IMAGE;
	} else if (n->first_child != NULL) {
		BUF_PUTSL(b, "<p class=\"caption\">");
		x->figure = FIG_CAPTION;
	} else if (!blank(n->as.figure.alt)) {
		BUF_PUTSL(b, "<p class=\"caption\">［图：");
		xml_text(b, n->as.figure.alt);
		BUF_PUTSL(b, "］");
		x->figure = FIG_CAPTION;
	} else
		x->figure = FIG_NONE;
	buf_free(&alt);
}

/*
 * Writes the markup for one iterator event.  it is NULL for a supplied
 * EXIT (see xhtml_walk()).  Blocks nest only through the iterator; the
 * one nested walk is the body of a run-in heading, which holds inlines
 * only.
 */
static void
render_node(struct xhtml *x, const struct node *n, enum iter_event ev,
    struct iter *it)
{
	struct buf	*b = x->out;
	int		 enter = ev == ITER_ENTER, split;

	split = split_points(x, n);
	switch (n->type) {
	case NODE_PARAGRAPH:
		if (joined_to_heading(x, n)) {
			if (enter && it != NULL)
				iter_skip_children(it);
		} else if (n->parent->type == NODE_POINT_LIST) {
			if (split)
				buf_puts(b, enter ? "<p class=\"intro\">" :
				    "</p>\n");
		} else if (!enter)
			BUF_PUTSL(b, "</p>\n");
		else if (n->as.para.role == PARA_DOCNUM)
			BUF_PUTSL(b, "<p class=\"docnum\">");
		else if (n->as.para.role == PARA_ADDRESSEE)
			BUF_PUTSL(b, "<p class=\"addressee\">");
		else if (n->as.para.role == PARA_SALUTE)
			BUF_PUTSL(b, "<p class=\"salute\">");
		else if (n->as.para.role == PARA_SIGNER)
			BUF_PUTSL(b, "<p class=\"closing signer\">");
		else if (n->as.para.role == PARA_DATE)
			BUF_PUTSL(b, "<p class=\"closing date\">");
		else
			BUF_PUTSL(b, "<p>");
		break;
	case NODE_HEADING:
		if (xhtml_heading_empty(n)) {
			if (enter && it != NULL)
				iter_skip_children(it);
			break;
		}
		if (enter)
			open_heading(x, n, b);
		else if (joins_next(x, n)) {
			BUF_PUTSL(b, "</span>");
			xhtml_walk(x, n->next, 0);
			BUF_PUTSL(b, "</p>\n");
		} else
			buf_printf(b, "</h%d>\n", x->hopen);
		break;
	case NODE_POINT_LIST:
		if (joined_to_heading(x, n)) {
			/* Written with its heading. */
			if (enter && it != NULL)
				iter_skip_children(it);
		} else if (!split && n->parent->type != NODE_LIST_ITEM)
			buf_puts(b, enter ? "<p class=\"points\">" : "</p>\n");
		break;
	case NODE_POINT:
		if (enter)
			open_point(x, n, b);
		else
			buf_puts(b, split ? "</p>\n" : "</span>");
		break;
	case NODE_POINT_LEAD:
		if (enter) {
			if (x->opts->bold_leads)
				BUF_PUTSL(b, "<b class=\"lead\">");
			xml_text(b, n->parent->as.point.label);
		} else if (x->opts->bold_leads)
			BUF_PUTSL(b, "</b>");
		break;
	case NODE_LIST:
		if (list_labelled(n))
			buf_puts(b, enter ? "<ul class=\"lit\">\n" : "</ul>\n");
		else if (n->as.list.ordered)
			buf_puts(b, enter ? "<ol>\n" : "</ol>\n");
		else
			buf_puts(b, enter ? "<ul>\n" : "</ul>\n");
		break;
	case NODE_LIST_ITEM:
		if (enter) {
			BUF_PUTSL(b, "<li>");
			if (!blank(n->as.item.label)) {
				xml_text(b, n->as.item.label);
				buf_puts(b, label_separator(n->as.item.label));
			}
		} else
			BUF_PUTSL(b, "</li>\n");
		break;
	case NODE_QUOTE:
		buf_puts(b, enter ? "<blockquote>\n" : "</blockquote>\n");
		break;
	case NODE_TABLE:
		buf_puts(b, enter ? "<table>\n" : "</table>\n");
		break;
	case NODE_TABLE_ROW:
		buf_puts(b, enter ? "<tr>" : "</tr>\n");
		break;
	case NODE_TABLE_CELL:
		/* An empty header cell would be a header naming nothing. */
		if (n->parent->as.row.header && node_text_len(n) > 0)
			buf_puts(b, enter ? "<th scope=\"col\">" : "</th>");
		else
			buf_puts(b, enter ? "<td>" : "</td>");
		break;
	case NODE_FIGURE:
		if (enter)
			open_figure(x, n, b);
		else if (x->figure == FIG_IMAGE)
			buf_puts(b, n->first_child != NULL ?
			    "</figcaption>\n</figure>\n" : "</figure>\n");
		else if (x->figure == FIG_CAPTION)
			BUF_PUTSL(b, "</p>\n");
		break;
	case NODE_RULE:
		buf_puts(b, x->html ? "<hr>\n" : "<hr/>\n");
		break;
	case NODE_TEXT:
		xml_text(b, n->as.text);
		break;
	case NODE_STRONG:
		buf_puts(b, enter ? "<strong>" : "</strong>");
		break;
	case NODE_EMPH:
		buf_puts(b, enter ? "<em>" : "</em>");
		break;
	case NODE_LINK:
		if (!link_opens(n))
			break;
		if (enter) {
			BUF_PUTSL(b, "<a href=\"");
			xhtml_put_url(b, n->as.link.url);
			BUF_PUTSL(b, "\">");
		} else
			BUF_PUTSL(b, "</a>");
		break;
	case NODE_LINEBREAK:
		buf_puts(b, x->html ? "<br>" : "<br/>");
		break;
	default:
		break;
	}
}
