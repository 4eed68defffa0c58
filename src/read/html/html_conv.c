#include "html_conv.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze/article.h"
#include "tree/alloc.h"
#include "tree/buf.h"
#include "tree/utf8.h"

/*
 * What the inline content being collected belongs to.  Only CX_FLOW makes
 * paragraphs; the others are fixed containers in which block boundaries
 * become line breaks (cells, items, captions) or spaces (headings).
 */
enum ctx {
	CX_FLOW,
	CX_HEADING,
	CX_CELL,
	CX_ITEM,
	CX_CAPTION
};

#define FMT_MAX	16

struct fmt {
	enum node_type	 type;		/* NODE_STRONG, NODE_EMPH, NODE_LINK */
	const char	*url;
	struct node	*made;		/* its node in the current container */
};

enum action {
	A_NONE,
	A_BLOCK,	/* a block boundary at the end too */
	A_HEADING,
	A_QUOTE,
	A_LIST,
	A_ITEM,
	A_TABLE,
	A_ROW,
	A_CELL,
	A_TCAPTION,	/* <caption> of a data table */
	A_FIGURE,
	A_FIGCAPTION,
	A_PRE
};

struct frame {
	enum action	 action;
	int		 popfmt;	/* a format was pushed */
	int		 nested;	/* a list inside a list item */
	struct node	*node;		/* what the element made */
	/* State restored at the end of the element. */
	struct node	*blocks, *para, *list, *table, *row;
	enum ctx	 kind;
	const struct hnode *block_el;
	int		 in_figure;
	struct node	*fig;
};

/*
 * The inline container being filled (a paragraph, or a heading, cell,
 * item or caption) and what is pending for it.
 */
struct inlines {
	struct node	*para;		/* inline container, or NULL */
	enum ctx	 kind;
	const struct hnode *para_el;	/* block element para started in */
	struct buf	 run;		/* text not yet in the tree */
	struct node	*run_to;	/* where run goes */
	int		 space;		/* pending: 1 space, 2 line break */
	int		 brs;		/* pending <br> */
	uint32_t	 last;		/* last character of para, or 0 */
	int		 pre;		/* inside <pre> */
};

/* The strong, emphasis and link elements open around the text. */
struct spans {
	struct fmt	 open[FMT_MAX];
	size_t		 n;
	size_t		 over;		/* formats beyond FMT_MAX, ignored */
};

/* Where blocks go. */
struct block_dest {
	struct node	*blocks;	/* receives blocks */
	struct node	*list;		/* a list waiting for its items */
	struct node	*figure;	/* the last block, if a figure without
					   caption */
	const struct hnode *block_el;	/* innermost block element */
};

/* A data table being filled. */
struct table_fill {
	struct node	*table, *row;
	size_t		 row_cells;	/* cells of the current row */
	size_t		 row_th;	/* of which <th> */
};

/* A <figure> element being read. */
struct figure_fill {
	int		 inside;	/* inside <figure> */
	struct node	*node;		/* its figure node */
};

struct conv {
	const struct hdom *dom;
	struct diag	*diag;
	unsigned int	 line;		/* source line of the current node */
	struct inlines	 inl;
	struct spans	 spans;
	struct block_dest dest;
	struct table_fill tab;
	struct figure_fill fig;
	struct frame	*frames;	/* elements entered, innermost last */
	size_t		 nframes, cap;
};

/* --- inline content ------------------------------------------------------ */

static void
flush_run(struct conv *c)
{
	if (c->inl.run.len > 0 && c->inl.run_to != NULL)
		node_append_text(c->inl.run_to, c->inl.run.ptr, c->inl.run.len);
	buf_truncate(&c->inl.run, 0);
}

static void
reset_formats(struct conv *c)
{
	size_t	 i;

	for (i = 0; i < c->spans.n; i++)
		c->spans.open[i].made = NULL;
}

/* The node that text goes into now, creating what is missing. */
static struct node *
target(struct conv *c)
{
	struct node	*t, *f;
	size_t		 i;

	if (c->inl.para == NULL) {
		c->inl.para = node_new(NODE_PARAGRAPH);
		c->inl.para->line = c->line;
		c->inl.para_el = c->dest.block_el;
		reset_formats(c);
	}
	t = c->inl.para;
	for (i = 0; i < c->spans.n; i++) {
		if (c->spans.open[i].made == NULL) {
			/* Text collected so far goes before the new span. */
			flush_run(c);
			f = node_new(c->spans.open[i].type);
			if (c->spans.open[i].type == NODE_LINK)
				f->as.link.url = xstrdup(c->spans.open[i].url);
			if (node_append(t, f) != 0) {
				node_free(f);
				continue;
			}
			c->spans.open[i].made = f;
		}
		t = c->spans.open[i].made;
	}
	return t;
}

static void
put_node(struct conv *c, struct node *n)
{
	struct node	*t;

	flush_run(c);
	t = target(c);
	if (node_append(t, n) != 0)
		node_free(n);
}

static void
put_bytes(struct conv *c, const char *s, size_t len)
{
	struct node	*t = target(c);

	if (t != c->inl.run_to) {
		flush_run(c);
		c->inl.run_to = t;
	}
	buf_put(&c->inl.run, s, len);
}

/*
 * A collapsed space goes into the innermost span that already exists:
 * before a span opened since, not inside it.
 */
static void
put_space(struct conv *c)
{
	struct node	*t = c->inl.para;
	size_t		 i;

	for (i = 0; i < c->spans.n && c->spans.open[i].made != NULL; i++)
		t = c->spans.open[i].made;
	if (t != c->inl.run_to) {
		flush_run(c);
		c->inl.run_to = t;
	}
	buf_putc(&c->inl.run, ' ');
}

/* Sentence ends after which a single <br> starts a new paragraph. */
static int
ends_para(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '!' ||
	    cp == '?' || cp == 0x2026 || cp == 0x201D || cp == 0x300D ||
	    cp == 0x300F || cp == 0xFF1A || cp == ':' || cp == 0xFF09 ||
	    cp == ')' || cp == '.';
}

static void end_para(struct conv *);

/*
 * Pending <br> before the character cp: in running text two of them, or
 * one after a finished sentence or before an indented line, start a new
 * paragraph; otherwise the line break is kept.
 */
static void
resolve_breaks(struct conv *c, uint32_t cp)
{
	int	 brs = c->inl.brs;

	c->inl.brs = 0;
	if (c->inl.para == NULL || c->inl.last == 0)
		return;
	if (c->inl.kind == CX_HEADING) {
		c->inl.space = 1;
		return;
	}
	if (c->inl.kind == CX_FLOW && (brs >= 2 || ends_para(c->inl.last) ||
	    cp == 0x3000 || cp == 0xA0)) {
		end_para(c);
		return;
	}
	put_node(c, node_new(NODE_LINEBREAK));
	c->inl.space = 0;
}

static void
put_text(struct conv *c, const char *s, size_t len)
{
	size_t		 i = 0, a, q;
	uint32_t	 cp;

	while (i < len) {
		if (c->inl.pre) {
			for (a = i; i < len && s[i] != '\n'; i++)
				;
			if (i > a) {
				if (c->inl.brs)
					resolve_breaks(c, ' ');
				put_bytes(c, s + a, i - a);
				c->inl.last = ' ';
			}
			if (i < len) {
				c->inl.brs++;
				i++;
			}
			continue;
		}
		if (hdom_ws_byte(s[i])) {
			if (c->inl.space < 1)
				c->inl.space = 1;
			if (s[i] == '\n')
				c->inl.space = 2;
			i++;
			continue;
		}
		q = i;
		cp = utf8_next(s, len, &q);
		if (cp == 0xA0 && c->inl.brs == 0) {
			if (c->inl.space < 1)
				c->inl.space = 1;
			i = q;
			continue;
		}
		if (c->inl.brs > 0)
			resolve_breaks(c, cp);
		if (cp == 0xA0) {
			i = q;
			continue;
		}
		if (c->inl.space && c->inl.para != NULL && c->inl.last != 0 &&
		    !(c->inl.space == 2 && uc_is_cjk(c->inl.last) &&
		    uc_is_cjk(cp)))
			put_space(c);
		c->inl.space = 0;
		a = i;
		i = hdom_word_end(s, len, i, &c->inl.last);
		put_bytes(c, s + a, i - a);
	}
}

/* --- blocks -------------------------------------------------------------- */

static int
empty_inline(const struct node *n)
{
	return (n->type == NODE_STRONG || n->type == NODE_EMPH ||
	    n->type == NODE_LINK) && n->first_child == NULL;
}

/* Trims white space and drops empty spans. */
static void
tidy(struct node *container)
{
	struct node	*n, *next;
	int		 again = 1;

	while (again) {
		again = 0;
		node_trim_text(container, uc_is_space);
		for (n = container->first_child; n != NULL; n = next) {
			next = n->next;
			if (empty_inline(n) || (n->type == NODE_LINEBREAK &&
			    (n->prev == NULL || n->next == NULL))) {
				node_free(n);
				again = 1;
			}
		}
	}
}

/* Is all text of the container inside strong emphasis? */
static int
all_strong(const struct node *para)
{
	const struct node *n;
	int		 strong = 0;

	for (n = para->first_child; n != NULL; n = n->next) {
		if (n->type == NODE_STRONG)
			strong = 1;
		else if (n->type == NODE_LINEBREAK)
			continue;
		else
			return 0;
	}
	return strong;
}

/* Moves a caption-like paragraph into the figure above it. */
static int
take_caption(struct conv *c, struct node *para)
{
	struct buf	 t = BUF_INIT;
	int		 hinted, ok;

	if (c->dest.figure == NULL || c->dest.blocks == NULL ||
	    c->dest.blocks->last_child != c->dest.figure ||
	    c->dest.figure->first_child != NULL)
		return 0;
	hinted = html_caption_hint(c->dom, c->inl.para_el, all_strong(para));
	node_text(para, &t);
	ok = article_caption_text(t.ptr, t.len, hinted);
	buf_free(&t);
	if (!ok)
		return 0;
	node_move_children(c->dest.figure, para);
	node_free(para);
	c->dest.figure = NULL;
	return 1;
}

/*
 * Appends a block to the current container.  Inside a nested list there
 * is none: a stray paragraph or heading there (text between <ul> and its
 * <li>, which browsers show as a line of the list) becomes an item of
 * that list, so its text is kept.  Returns 0, or -1 when the block could
 * not be placed and n was freed (the caller then reads its element as
 * plain flow, so its text still arrives as paragraphs).
 */
static int
add_block(struct conv *c, struct node *n)
{
	struct node	*item;

	if (c->dest.blocks == NULL && c->dest.list != NULL &&
	    (n->type == NODE_PARAGRAPH || n->type == NODE_HEADING)) {
		item = node_new(NODE_LIST_ITEM);
		item->line = n->line;
		node_move_children(item, n);
		node_free(n);
		if (node_append(c->dest.list, item) != 0) {
			node_free(item);
			return -1;
		}
		c->dest.figure = NULL;
		return 0;
	}
	if (c->dest.blocks == NULL || node_append(c->dest.blocks, n) != 0) {
		node_free(n);
		return -1;
	}
	c->dest.figure = n->type == NODE_FIGURE ? n : NULL;
	return 0;
}

/* Ends the paragraph being collected (CX_FLOW). */
static void
end_para(struct conv *c)
{
	struct node	*p = c->inl.para;

	flush_run(c);
	c->inl.run_to = NULL;
	c->inl.space = 0;
	c->inl.brs = 0;
	if (c->inl.kind != CX_FLOW || p == NULL)
		return;
	c->inl.para = NULL;
	c->inl.last = 0;
	reset_formats(c);
	tidy(p);
	if (p->first_child == NULL) {
		node_free(p);
		return;
	}
	if (take_caption(c, p))
		return;
	add_block(c, p);
}

/* A block boundary inside an inline-only container. */
static void
soft_boundary(struct conv *c)
{
	if (c->inl.kind == CX_FLOW)
		end_para(c);
	else if (c->inl.kind == CX_HEADING) {
		if (c->inl.space < 1)
			c->inl.space = 1;
	} else if (c->inl.para != NULL && c->inl.last != 0 && c->inl.brs == 0)
		c->inl.brs = 1;
}

static int
cell_tag(enum htag t)
{
	return t == HT_TD || t == HT_TH;
}

/* --- the walk ------------------------------------------------------------ */

static int
bold_style(const struct hdom *dom, const struct hnode *n)
{
	const char	*v = hdom_attr(dom, n, HA_STYLE);
	const char	*p;
	size_t		 k;

	if (v == NULL)
		return 0;
	for (p = v; *p != '\0'; p++) {
		if (strncasecmp(p, "font-weight", 11) != 0)
			continue;
		for (k = 11; p[k] == ' ' || p[k] == ':'; k++)
			;
		if (strncasecmp(p + k, "bold", 4) == 0 || p[k] == '6' ||
		    p[k] == '7' || p[k] == '8' || p[k] == '9')
			return 1;
	}
	return 0;
}

/*
 * An inline element whose class names a heading level (Baidu's
 * <span class="bjh-h3">, "h2", "art_h3"): the platform's editor set a
 * subhead, drawn bold by its style sheet.  Taken as bold, so that alone
 * on its line it is a subhead like any other bold line.
 */
static int
heading_class(const struct hdom *dom, const struct hnode *n)
{
	const char	*v = hdom_attr(dom, n, HA_CLASS);
	size_t		 i, end;

	if (v == NULL)
		return 0;
	for (i = 0; v[i] != '\0'; i = end) {
		while (v[i] == ' ' || v[i] == '\t')
			i++;
		for (end = i; v[end] != '\0' && v[end] != ' ' &&
		    v[end] != '\t'; end++)
			;
		if (end - i >= 2 && (v[end - 2] == 'h' || v[end - 2] == 'H') &&
		    v[end - 1] >= '1' && v[end - 1] <= '6' && (end - i == 2 ||
		    v[end - 3] == '-' || v[end - 3] == '_'))
			return 1;
	}
	return 0;
}

static int
has_format(const struct conv *c, enum node_type t)
{
	size_t	 i;

	for (i = 0; i < c->spans.n; i++)
		if (c->spans.open[i].type == t)
			return 1;
	return 0;
}

/* Pushes a format; returns 1 if it must be popped at the element's end. */
static int
push_format(struct conv *c, enum node_type t, const char *url)
{
	if (t != NODE_LINK && has_format(c, t))
		return 0;
	if (c->spans.n == FMT_MAX) {
		c->spans.over++;
		return 1;
	}
	flush_run(c);
	c->spans.open[c->spans.n].type = t;
	c->spans.open[c->spans.n].url = url;
	c->spans.open[c->spans.n].made = NULL;
	c->spans.n++;
	return 1;
}

static void
pop_format(struct conv *c)
{
	if (c->spans.over > 0) {
		c->spans.over--;
		return;
	}
	flush_run(c);
	c->inl.run_to = NULL;
	if (c->spans.n > 0)
		c->spans.n--;
}

static void
save(const struct conv *c, struct frame *f)
{
	f->blocks = c->dest.blocks;
	f->para = c->inl.para;
	f->list = c->dest.list;
	f->table = c->tab.table;
	f->row = c->tab.row;
	f->kind = c->inl.kind;
	f->block_el = c->dest.block_el;
	f->in_figure = c->fig.inside;
	f->fig = c->fig.node;
}

/*
 * Switches to collecting inlines into container (heading, cell, ...).
 * The paragraph to return to is recorded now, not when the element was
 * entered: the element may have ended (and handed away or freed) the one
 * being collected then.
 */
static void
enter_container(struct conv *c, struct frame *f, struct node *container,
    enum ctx kind)
{
	f->para = c->inl.para;
	flush_run(c);
	c->inl.run_to = NULL;
	c->inl.para = container;
	c->inl.kind = kind;
	c->inl.last = 0;
	c->inl.space = 0;
	c->inl.brs = 0;
	reset_formats(c);
}

static void
leave_container(struct conv *c, const struct frame *f)
{
	flush_run(c);
	c->inl.run_to = NULL;
	c->inl.para = f->para;
	c->inl.kind = f->kind;
	c->inl.last = c->inl.para != NULL ? 1 : 0;
	c->inl.space = 0;
	c->inl.brs = 0;
	reset_formats(c);
}

/*
 * Entering an element: enter() handles what every element shares and
 * calls one handler per kind of element.  A handler records in the frame
 * what the element's end must undo (leave() below).  Handlers for void
 * elements and text return 0 (no children to visit); the others return
 * 1.  The handlers of the block elements that make a node of their own
 * (quotes, lists, tables, ...) return 0 when they cannot make it here;
 * the element is then read as a plain block (enter_plain_block).
 */

/* Text, except stray text between table cells. */
static int
enter_text(struct conv *c, const struct hnode *n)
{
	size_t		 len;
	const char	*s = hdom_text(c->dom, n, &len);

	if (c->tab.table != NULL && c->inl.kind == CX_FLOW)
		return 0;
	put_text(c, s, len);
	return 0;
}

/* <br> counts; <wbr> only marks where a line may break. */
static int
enter_br(struct conv *c, enum htag t)
{
	if (t == HT_BR && c->inl.para != NULL && c->inl.last != 0)
		c->inl.brs++;
	return 0;
}

/* An image in running text is a figure block; elsewhere it is dropped. */
static int
enter_img(struct conv *c, const struct hnode *n)
{
	struct node	*x;

	if (c->inl.kind != CX_FLOW || c->tab.table != NULL)
		return 0;
	if ((x = html_figure(c->dom, n)) == NULL)
		return 0;
	x->line = c->line;
	x->rule = "HTML image";
	end_para(c);
	if (add_block(c, x) == 0 && c->fig.inside && c->fig.node == NULL)
		c->fig.node = x;
	return 0;
}

/* A rule in running text; in a fixed container only a boundary. */
static int
enter_hr(struct conv *c)
{
	struct node	*x;

	if (c->inl.kind == CX_FLOW && c->tab.table == NULL) {
		end_para(c);
		x = node_new(NODE_RULE);
		x->line = c->line;
		add_block(c, x);
	} else
		soft_boundary(c);
	return 0;
}

/* A link; empty, in-page (#) and javascript: targets leave plain text. */
static int
enter_a(struct conv *c, const struct hnode *n, struct frame *f)
{
	const char	*href = hdom_attr(c->dom, n, HA_HREF);

	if (href != NULL && *href != '\0' && *href != '#' &&
	    strncasecmp(href, "javascript:", 11) != 0)
		f->popfmt = push_format(c, NODE_LINK, href);
	return 1;
}

/*
 * A block element where blocks cannot be: inside a heading, cell, item
 * or caption, or a data table outside its cells.  Its boundaries become
 * line breaks or spaces, except that a list in a list item is kept as a
 * nested list.
 */
static int
enter_flattened_block(struct conv *c, enum htag t, struct frame *f)
{
	struct node	*x;

	if (c->inl.kind == CX_ITEM && (t == HT_UL || t == HT_OL) &&
	    c->inl.para != NULL) {
		flush_run(c);
		x = node_new(NODE_LIST);
		x->as.list.ordered = t == HT_OL;
		if (node_append(c->inl.para, x) != 0) {
			node_free(x);
			return 1;
		}
		/* Its <li> elements make items of the nested list. */
		c->dest.list = x;
		c->inl.kind = CX_FLOW;
		c->inl.para = NULL;
		c->dest.blocks = NULL;
		f->action = A_LIST;
		f->nested = 1;
		f->node = x;
		return 1;
	}
	soft_boundary(c);
	f->action = A_BLOCK;
	return 1;
}

/* Can block element t make blocks here? */
static int
blocks_allowed(const struct conv *c, enum htag t)
{
	if (c->inl.kind != CX_FLOW)
		return 0;
	/* In a data table only its own parts count. */
	return c->tab.table == NULL || cell_tag(t) || t == HT_TR ||
	    t == HT_TBODY || t == HT_THEAD || t == HT_TFOOT ||
	    t == HT_CAPTION;
}

static int
enter_heading(struct conv *c, int level, struct frame *f)
{
	struct node	*x;

	end_para(c);
	x = node_new(NODE_HEADING);
	x->as.heading.level = level;
	x->line = c->line;
	x->rule = "HTML <h1>-<h6> heading";
	f->node = x;
	f->action = A_HEADING;
	enter_container(c, f, x, CX_HEADING);
	return 1;
}

static int
enter_blockquote(struct conv *c, struct frame *f)
{
	struct node	*x;

	end_para(c);
	x = node_new(NODE_QUOTE);
	x->line = c->line;
	x->rule = "HTML <blockquote>";
	if (add_block(c, x) != 0)
		return 0;
	c->dest.blocks = x;
	f->node = x;
	f->action = A_QUOTE;
	return 1;
}

/* <ul> and <ol>. */
static int
enter_list(struct conv *c, enum htag t, struct frame *f)
{
	struct node	*x;

	end_para(c);
	x = node_new(NODE_LIST);
	x->as.list.ordered = t == HT_OL;
	x->line = c->line;
	x->rule = "HTML list";
	if (add_block(c, x) != 0)
		return 0;
	c->dest.list = x;
	f->node = x;
	f->action = A_LIST;
	return 1;
}

static int
enter_li(struct conv *c, struct frame *f)
{
	struct node	*x;

	if (c->dest.list == NULL)
		return 0;
	end_para(c);
	x = node_new(NODE_LIST_ITEM);
	x->line = c->line;
	if (node_append(c->dest.list, x) != 0) {
		node_free(x);
		return 0;
	}
	f->node = x;
	f->action = A_ITEM;
	enter_container(c, f, x, CX_ITEM);
	return 1;
}

/* A data table, not nested in another; layout tables are read through. */
static int
enter_table(struct conv *c, const struct hnode *n, struct frame *f)
{
	struct node	*x;

	if (c->tab.table != NULL || !html_data_table(c->dom, n))
		return 0;
	end_para(c);
	x = node_new(NODE_TABLE);
	x->line = c->line;
	x->rule = "HTML data table";
	if (add_block(c, x) != 0)
		return 0;
	c->tab.table = x;
	c->tab.row = NULL;
	f->node = x;
	f->action = A_TABLE;
	return 1;
}

static int
enter_tr(struct conv *c, const struct hnode *n, struct frame *f)
{
	struct node	*x;

	if (c->tab.table == NULL)
		return 0;
	x = node_new(NODE_TABLE_ROW);
	x->line = c->line;
	if (n->parent != NULL && n->parent->tag == HT_THEAD)
		x->as.row.header = 1;
	if (node_append(c->tab.table, x) != 0) {
		node_free(x);
		return 0;
	}
	c->tab.row = x;
	c->tab.row_cells = c->tab.row_th = 0;
	f->node = x;
	f->action = A_ROW;
	return 1;
}

/* <td> and <th>. */
static int
enter_cell(struct conv *c, enum htag t, struct frame *f)
{
	struct node	*x;

	if (c->tab.row == NULL)
		return 0;
	x = node_new(NODE_TABLE_CELL);
	if (node_append(c->tab.row, x) != 0) {
		node_free(x);
		return 0;
	}
	c->tab.row_cells++;
	c->tab.row_th += t == HT_TH;
	f->node = x;
	f->action = A_CELL;
	enter_container(c, f, x, CX_CELL);
	return 1;
}

/* The <caption> of a data table: a paragraph put before it at the end. */
static int
enter_table_caption(struct conv *c, struct frame *f)
{
	struct node	*x;

	if (c->tab.table == NULL)
		return 0;
	x = node_new(NODE_PARAGRAPH);
	f->node = x;
	f->action = A_TCAPTION;
	enter_container(c, f, x, CX_CAPTION);
	return 1;
}

static int
enter_figure(struct conv *c, struct frame *f)
{
	end_para(c);
	c->fig.inside = 1;
	c->fig.node = NULL;
	f->action = A_FIGURE;
	return 1;
}

/* The caption of the figure's first image, if it has none yet. */
static int
enter_figcaption(struct conv *c, struct frame *f)
{
	if (!c->fig.inside || c->fig.node == NULL ||
	    c->fig.node->first_child != NULL)
		return 0;
	end_para(c);
	f->node = c->fig.node;
	f->action = A_FIGCAPTION;
	enter_container(c, f, c->fig.node, CX_CAPTION);
	return 1;
}

static int
enter_pre(struct conv *c, struct frame *f)
{
	end_para(c);
	c->inl.pre++;
	f->action = A_PRE;
	return 1;
}

/* <p>, <div> and any block that makes no node of its own. */
static int
enter_plain_block(struct conv *c, struct frame *f)
{
	end_para(c);
	f->action = A_BLOCK;
	return 1;
}

static int
enter_block(struct conv *c, const struct hnode *n, struct frame *f)
{
	enum htag	 t = (enum htag)n->tag;
	int		 level, made;

	c->dest.block_el = n;
	if (!blocks_allowed(c, t))
		return enter_flattened_block(c, t, f);
	if (bold_style(c->dom, n))
		f->popfmt = push_format(c, NODE_STRONG, NULL);
	if ((level = hdom_heading_level(t)) > 0)
		return enter_heading(c, level, f);
	switch (t) {
	case HT_BLOCKQUOTE:
		made = enter_blockquote(c, f);
		break;
	case HT_UL:
	case HT_OL:
		made = enter_list(c, t, f);
		break;
	case HT_LI:
		made = enter_li(c, f);
		break;
	case HT_TABLE:
		made = enter_table(c, n, f);
		break;
	case HT_TR:
		made = enter_tr(c, n, f);
		break;
	case HT_TD:
	case HT_TH:
		made = enter_cell(c, t, f);
		break;
	case HT_CAPTION:
		made = enter_table_caption(c, f);
		break;
	case HT_FIGURE:
		made = enter_figure(c, f);
		break;
	case HT_FIGCAPTION:
		made = enter_figcaption(c, f);
		break;
	case HT_PRE:
		made = enter_pre(c, f);
		break;
	default:
		made = 0;
		break;
	}
	return made ? 1 : enter_plain_block(c, f);
}

/*
 * Starts element n.  Fills f with what its end must undo and returns 1
 * if its children are to be visited.
 */
static int
enter(struct conv *c, const struct hnode *n, struct frame *f)
{
	enum htag	 t = (enum htag)n->tag;

	memset(f, 0, sizeof(*f));
	save(c, f);
	if (n->flags & HN_DROP)
		return 0;
	if (n->line > 0)
		c->line = n->line;
	switch (t) {
	case HT_TEXT:
		return enter_text(c, n);
	case HT_HEAD:
	case HT_TITLE:
	case HT_META:
	case HT_LINK:
		return 0;
	case HT_BR:
	case HT_WBR:
		return enter_br(c, t);
	case HT_IMG:
		return enter_img(c, n);
	case HT_HR:
		return enter_hr(c);
	case HT_STRONG:
	case HT_B:
		f->popfmt = push_format(c, NODE_STRONG, NULL);
		return 1;
	case HT_EM:
	case HT_I:
		f->popfmt = push_format(c, NODE_EMPH, NULL);
		return 1;
	case HT_A:
		return enter_a(c, n, f);
	default:
		break;
	}
	if (hdom_is_block(t))
		return enter_block(c, n, f);
	/* Other inline elements: only a bold style counts. */
	if (bold_style(c->dom, n) || heading_class(c->dom, n))
		f->popfmt = push_format(c, NODE_STRONG, NULL);
	return 1;
}

static void
leave(struct conv *c, struct frame *f)
{
	struct node	*x = f->node;

	switch (f->action) {
	case A_NONE:
		break;
	case A_BLOCK:
		soft_boundary(c);
		break;
	case A_HEADING:
		leave_container(c, f);
		tidy(x);
		if (x->first_child == NULL)
			node_free(x);
		else
			add_block(c, x);
		break;
	case A_QUOTE:
		end_para(c);
		c->dest.figure = NULL;
		if (x->first_child == NULL)
			node_free(x);
		break;
	case A_LIST:
		if (c->inl.kind == CX_FLOW)
			end_para(c);
		if (x->first_child == NULL)
			node_free(x);
		c->dest.figure = NULL;
		if (f->nested) {
			flush_run(c);
			c->inl.run_to = NULL;
			c->inl.para = f->para;
			c->inl.last = 1;
			reset_formats(c);
		}
		break;
	case A_ITEM:
		leave_container(c, f);
		tidy(x);
		if (x->first_child == NULL)
			node_free(x);
		break;
	case A_TABLE:
		if (x->first_child == NULL)
			node_free(x);
		c->dest.figure = NULL;
		break;
	case A_ROW:
		if (x->first_child == NULL) {
			node_free(x);
			break;
		}
		/* A row of <th> cells is a header row. */
		if (c->tab.row_th > 0 && c->tab.row_th == c->tab.row_cells)
			x->as.row.header = 1;
		break;
	case A_CELL:
		leave_container(c, f);
		tidy(x);
		break;
	case A_TCAPTION:
		leave_container(c, f);
		tidy(x);
		if (x->first_child == NULL || f->table == NULL ||
		    node_insert_before(f->table, x) != 0)
			node_free(x);
		break;
	case A_FIGURE:
		end_para(c);
		c->fig.inside = f->in_figure;
		c->fig.node = f->fig;
		break;
	case A_FIGCAPTION:
		leave_container(c, f);
		tidy(x);
		break;
	case A_PRE:
		end_para(c);
		c->inl.pre--;
		break;
	}
	if (f->popfmt)
		pop_format(c);
	c->dest.blocks = f->blocks;
	c->dest.list = f->list;
	c->tab.table = f->table;
	c->tab.row = f->row;
	c->dest.block_el = f->block_el;
	if (f->action != A_HEADING && f->action != A_ITEM &&
	    f->action != A_CELL && f->action != A_TCAPTION &&
	    f->action != A_FIGCAPTION)
		c->inl.kind = f->kind;
}

static void
push_frame(struct conv *c, const struct frame *f)
{
	if (c->nframes == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->frames = xreallocarray(c->frames, c->cap,
		    sizeof(*c->frames));
	}
	c->frames[c->nframes++] = *f;
}

static void
convert_root(struct conv *c, const struct hnode *root)
{
	const struct hnode *n = root;
	struct frame	 f;

	for (;;) {
		if (enter(c, n, &f)) {
			if (n->first != NULL) {
				push_frame(c, &f);
				n = n->first;
				continue;
			}
			leave(c, &f);
		}
		for (;;) {
			if (n == root)
				return;
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			n = n->parent;
			f = c->frames[--c->nframes];
			leave(c, &f);
		}
	}
}

void
html_convert(const struct hdom *dom, struct hnode *const *roots, size_t n,
    struct node *parent, struct diag *diag)
{
	struct conv	 c;
	size_t		 i;

	memset(&c, 0, sizeof(c));
	c.dom = dom;
	c.diag = diag;
	c.dest.blocks = parent;
	c.inl.kind = CX_FLOW;
	buf_init(&c.inl.run);
	for (i = 0; i < n; i++) {
		convert_root(&c, roots[i]);
		end_para(&c);
	}
	buf_free(&c.inl.run);
	free(c.frames);
}
