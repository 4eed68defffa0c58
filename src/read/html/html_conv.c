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

struct conv {
	const struct hdom *dom;
	struct diag	*diag;
	struct node	*blocks;	/* receives blocks */
	struct node	*para;		/* inline container, or NULL */
	enum ctx	 kind;
	struct fmt	 fmt[FMT_MAX];
	size_t		 nfmt;
	size_t		 fmt_over;	/* formats beyond FMT_MAX, ignored */
	struct buf	 run;		/* text not yet in the tree */
	struct node	*run_to;	/* where run goes */
	int		 space;		/* pending: 1 space, 2 line break */
	int		 brs;		/* pending <br> */
	uint32_t	 last;		/* last character of para, or 0 */
	int		 pre;		/* inside <pre> */
	struct node	*list;		/* a list waiting for its items */
	struct node	*table, *row;	/* a data table being filled */
	struct node	*figure;	/* the last block, if a captionless figure */
	int		 in_figure;	/* inside <figure> */
	struct node	*fig;		/* its figure node */
	size_t		 row_cells;	/* cells of the current row */
	size_t		 row_th;	/* of which <th> */
	const struct hnode *block_el;	/* innermost block element */
	const struct hnode *para_el;	/* block element para started in */
	unsigned int	 line;		/* source line of the current node */
	struct frame	*frames;
	size_t		 nframes, cap;
};

/* --- inline content ------------------------------------------------------ */

static void
flush_run(struct conv *c)
{
	if (c->run.len > 0 && c->run_to != NULL)
		node_append_text(c->run_to, c->run.ptr, c->run.len);
	buf_truncate(&c->run, 0);
}

static void
reset_formats(struct conv *c)
{
	size_t	 i;

	for (i = 0; i < c->nfmt; i++)
		c->fmt[i].made = NULL;
}

/* The node that text goes into now, creating what is missing. */
static struct node *
target(struct conv *c)
{
	struct node	*t, *f;
	size_t		 i;

	if (c->para == NULL) {
		c->para = node_new(NODE_PARAGRAPH);
		c->para->line = c->line;
		c->para_el = c->block_el;
		reset_formats(c);
	}
	t = c->para;
	for (i = 0; i < c->nfmt; i++) {
		if (c->fmt[i].made == NULL) {
			/* Text collected so far goes before the new span. */
			flush_run(c);
			f = node_new(c->fmt[i].type);
			if (c->fmt[i].type == NODE_LINK)
				f->as.link.url = xstrdup(c->fmt[i].url);
			if (node_append(t, f) != 0) {
				node_free(f);
				continue;
			}
			c->fmt[i].made = f;
		}
		t = c->fmt[i].made;
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

	if (t != c->run_to) {
		flush_run(c);
		c->run_to = t;
	}
	buf_put(&c->run, s, len);
}

/*
 * A collapsed space goes into the innermost span that already exists:
 * before a span opened since, not inside it.
 */
static void
put_space(struct conv *c)
{
	struct node	*t = c->para;
	size_t		 i;

	for (i = 0; i < c->nfmt && c->fmt[i].made != NULL; i++)
		t = c->fmt[i].made;
	if (t != c->run_to) {
		flush_run(c);
		c->run_to = t;
	}
	buf_putc(&c->run, ' ');
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
	int	 brs = c->brs;

	c->brs = 0;
	if (c->para == NULL || c->last == 0)
		return;
	if (c->kind == CX_HEADING) {
		c->space = 1;
		return;
	}
	if (c->kind == CX_FLOW && (brs >= 2 || ends_para(c->last) ||
	    cp == 0x3000 || cp == 0xA0)) {
		end_para(c);
		return;
	}
	put_node(c, node_new(NODE_LINEBREAK));
	c->space = 0;
}

static void
put_text(struct conv *c, const char *s, size_t len)
{
	size_t		 i = 0, a, q;
	uint32_t	 cp;

	while (i < len) {
		if (c->pre) {
			for (a = i; i < len && s[i] != '\n'; i++)
				;
			if (i > a) {
				if (c->brs)
					resolve_breaks(c, ' ');
				put_bytes(c, s + a, i - a);
				c->last = ' ';
			}
			if (i < len) {
				c->brs++;
				i++;
			}
			continue;
		}
		if (hdom_ws_byte(s[i])) {
			if (c->space < 1)
				c->space = 1;
			if (s[i] == '\n')
				c->space = 2;
			i++;
			continue;
		}
		q = i;
		cp = utf8_next(s, len, &q);
		if (cp == 0xA0 && c->brs == 0) {
			if (c->space < 1)
				c->space = 1;
			i = q;
			continue;
		}
		if (c->brs > 0)
			resolve_breaks(c, cp);
		if (cp == 0xA0) {
			i = q;
			continue;
		}
		if (c->space && c->para != NULL && c->last != 0 &&
		    !(c->space == 2 && uc_is_cjk(c->last) && uc_is_cjk(cp)))
			put_space(c);
		c->space = 0;
		a = i;
		i = hdom_word_end(s, len, i, &c->last);
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

	if (c->figure == NULL || c->blocks == NULL ||
	    c->blocks->last_child != c->figure ||
	    c->figure->first_child != NULL)
		return 0;
	hinted = html_caption_hint(c->dom, c->para_el, all_strong(para));
	node_text(para, &t);
	ok = article_caption_text(t.ptr, t.len, hinted);
	buf_free(&t);
	if (!ok)
		return 0;
	node_move_children(c->figure, para);
	node_free(para);
	c->figure = NULL;
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

	if (c->blocks == NULL && c->list != NULL &&
	    (n->type == NODE_PARAGRAPH || n->type == NODE_HEADING)) {
		item = node_new(NODE_LIST_ITEM);
		item->line = n->line;
		node_move_children(item, n);
		node_free(n);
		if (node_append(c->list, item) != 0) {
			node_free(item);
			return -1;
		}
		c->figure = NULL;
		return 0;
	}
	if (c->blocks == NULL || node_append(c->blocks, n) != 0) {
		node_free(n);
		return -1;
	}
	c->figure = n->type == NODE_FIGURE ? n : NULL;
	return 0;
}

/* Ends the paragraph being collected (CX_FLOW). */
static void
end_para(struct conv *c)
{
	struct node	*p = c->para;

	flush_run(c);
	c->run_to = NULL;
	c->space = 0;
	c->brs = 0;
	if (c->kind != CX_FLOW || p == NULL)
		return;
	c->para = NULL;
	c->last = 0;
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
	if (c->kind == CX_FLOW)
		end_para(c);
	else if (c->kind == CX_HEADING) {
		if (c->space < 1)
			c->space = 1;
	} else if (c->para != NULL && c->last != 0 && c->brs == 0)
		c->brs = 1;
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

static int
has_format(const struct conv *c, enum node_type t)
{
	size_t	 i;

	for (i = 0; i < c->nfmt; i++)
		if (c->fmt[i].type == t)
			return 1;
	return 0;
}

/* Pushes a format; returns 1 if it must be popped at the element's end. */
static int
push_format(struct conv *c, enum node_type t, const char *url)
{
	if (t != NODE_LINK && has_format(c, t))
		return 0;
	if (c->nfmt == FMT_MAX) {
		c->fmt_over++;
		return 1;
	}
	flush_run(c);
	c->fmt[c->nfmt].type = t;
	c->fmt[c->nfmt].url = url;
	c->fmt[c->nfmt].made = NULL;
	c->nfmt++;
	return 1;
}

static void
pop_format(struct conv *c)
{
	if (c->fmt_over > 0) {
		c->fmt_over--;
		return;
	}
	flush_run(c);
	c->run_to = NULL;
	if (c->nfmt > 0)
		c->nfmt--;
}

static void
save(const struct conv *c, struct frame *f)
{
	f->blocks = c->blocks;
	f->para = c->para;
	f->list = c->list;
	f->table = c->table;
	f->row = c->row;
	f->kind = c->kind;
	f->block_el = c->block_el;
	f->in_figure = c->in_figure;
	f->fig = c->fig;
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
	f->para = c->para;
	flush_run(c);
	c->run_to = NULL;
	c->para = container;
	c->kind = kind;
	c->last = 0;
	c->space = 0;
	c->brs = 0;
	reset_formats(c);
}

static void
leave_container(struct conv *c, const struct frame *f)
{
	flush_run(c);
	c->run_to = NULL;
	c->para = f->para;
	c->kind = f->kind;
	c->last = c->para != NULL ? 1 : 0;
	c->space = 0;
	c->brs = 0;
	reset_formats(c);
}

/*
 * Starts element n.  Fills f with what its end must undo and returns 1
 * if its children are to be visited.
 */
static int
enter(struct conv *c, const struct hnode *n, struct frame *f)
{
	const struct hdom *dom = c->dom;
	enum htag	 t = (enum htag)n->tag;
	struct node	*x;
	const char	*href;
	int		 lvl;

	memset(f, 0, sizeof(*f));
	save(c, f);
	if (n->flags & HN_DROP)
		return 0;
	if (n->line > 0)
		c->line = n->line;
	if (t == HT_TEXT) {
		size_t len;
		const char *s = hdom_text(dom, n, &len);

		if (c->table != NULL && c->kind == CX_FLOW)
			return 0;	/* stray text between cells */
		put_text(c, s, len);
		return 0;
	}
	switch (t) {
	case HT_HEAD:
	case HT_TITLE:
	case HT_META:
	case HT_LINK:
		return 0;
	case HT_BR:
	case HT_WBR:
		if (t == HT_BR && c->para != NULL && c->last != 0)
			c->brs++;
		return 0;
	case HT_IMG:
		if (c->kind != CX_FLOW || c->table != NULL)
			return 0;
		if ((x = html_figure(c->dom, n)) == NULL)
			return 0;
		x->line = c->line;
		x->rule = "HTML image";
		end_para(c);
		if (add_block(c, x) == 0 && c->in_figure && c->fig == NULL)
			c->fig = x;
		return 0;
	case HT_HR:
		if (c->kind == CX_FLOW && c->table == NULL) {
			end_para(c);
			x = node_new(NODE_RULE);
			x->line = c->line;
			add_block(c, x);
		} else
			soft_boundary(c);
		return 0;
	case HT_STRONG:
	case HT_B:
		f->popfmt = push_format(c, NODE_STRONG, NULL);
		return 1;
	case HT_EM:
	case HT_I:
		f->popfmt = push_format(c, NODE_EMPH, NULL);
		return 1;
	case HT_A:
		href = hdom_attr(dom, n, HA_HREF);
		if (href != NULL && *href != '\0' && *href != '#' &&
		    strncasecmp(href, "javascript:", 11) != 0)
			f->popfmt = push_format(c, NODE_LINK, href);
		return 1;
	default:
		break;
	}
	if (!hdom_is_block(t)) {
		if (bold_style(dom, n))
			f->popfmt = push_format(c, NODE_STRONG, NULL);
		return 1;
	}
	/* Block elements. */
	c->block_el = n;
	if (c->kind != CX_FLOW || (c->table != NULL && !cell_tag(t) &&
	    t != HT_TR && t != HT_TBODY && t != HT_THEAD && t != HT_TFOOT &&
	    t != HT_CAPTION)) {
		/* Inside a heading, cell, item or caption: flatten. */
		if (c->kind == CX_ITEM && (t == HT_UL || t == HT_OL) &&
		    c->para != NULL) {
			flush_run(c);
			x = node_new(NODE_LIST);
			x->as.list.ordered = t == HT_OL;
			if (node_append(c->para, x) != 0) {
				node_free(x);
				return 1;
			}
			/* Its <li> elements make items of the nested list. */
			c->list = x;
			c->kind = CX_FLOW;
			c->para = NULL;
			c->blocks = NULL;
			f->action = A_LIST;
			f->nested = 1;
			f->node = x;
			return 1;
		}
		soft_boundary(c);
		f->action = A_BLOCK;
		return 1;
	}
	if (bold_style(dom, n))
		f->popfmt = push_format(c, NODE_STRONG, NULL);
	if ((lvl = hdom_heading_level(t)) > 0) {
		end_para(c);
		x = node_new(NODE_HEADING);
		x->as.heading.level = lvl;
		x->line = c->line;
		x->rule = "HTML <h1>-<h6> heading";
		f->node = x;
		f->action = A_HEADING;
		enter_container(c, f, x, CX_HEADING);
		return 1;
	}
	switch (t) {
	case HT_BLOCKQUOTE:
		end_para(c);
		x = node_new(NODE_QUOTE);
		x->line = c->line;
		x->rule = "HTML <blockquote>";
		if (add_block(c, x) != 0)
			break;
		c->blocks = x;
		f->node = x;
		f->action = A_QUOTE;
		return 1;
	case HT_UL:
	case HT_OL:
		end_para(c);
		x = node_new(NODE_LIST);
		x->as.list.ordered = t == HT_OL;
		x->line = c->line;
		x->rule = "HTML list";
		if (add_block(c, x) != 0)
			break;
		c->list = x;
		f->node = x;
		f->action = A_LIST;
		return 1;
	case HT_LI:
		if (c->list == NULL)
			break;
		end_para(c);
		x = node_new(NODE_LIST_ITEM);
		x->line = c->line;
		if (node_append(c->list, x) != 0) {
			node_free(x);
			break;
		}
		f->node = x;
		f->action = A_ITEM;
		enter_container(c, f, x, CX_ITEM);
		return 1;
	case HT_TABLE:
		if (c->table != NULL || !html_data_table(dom, n))
			break;
		end_para(c);
		x = node_new(NODE_TABLE);
		x->line = c->line;
		x->rule = "HTML data table";
		if (add_block(c, x) != 0)
			break;
		c->table = x;
		c->row = NULL;
		f->node = x;
		f->action = A_TABLE;
		return 1;
	case HT_TR:
		if (c->table == NULL)
			break;
		x = node_new(NODE_TABLE_ROW);
		x->line = c->line;
		if (n->parent != NULL && n->parent->tag == HT_THEAD)
			x->as.row.header = 1;
		if (node_append(c->table, x) != 0) {
			node_free(x);
			break;
		}
		c->row = x;
		c->row_cells = c->row_th = 0;
		f->node = x;
		f->action = A_ROW;
		return 1;
	case HT_TD:
	case HT_TH:
		if (c->row == NULL)
			break;
		x = node_new(NODE_TABLE_CELL);
		if (node_append(c->row, x) != 0) {
			node_free(x);
			break;
		}
		c->row_cells++;
		c->row_th += t == HT_TH;
		f->node = x;
		f->action = A_CELL;
		enter_container(c, f, x, CX_CELL);
		return 1;
	case HT_CAPTION:
		if (c->table == NULL)
			break;
		x = node_new(NODE_PARAGRAPH);
		f->node = x;
		f->action = A_TCAPTION;
		enter_container(c, f, x, CX_CAPTION);
		return 1;
	case HT_FIGURE:
		end_para(c);
		c->in_figure = 1;
		c->fig = NULL;
		f->action = A_FIGURE;
		return 1;
	case HT_FIGCAPTION:
		if (!c->in_figure || c->fig == NULL ||
		    c->fig->first_child != NULL)
			break;
		end_para(c);
		f->node = c->fig;
		f->action = A_FIGCAPTION;
		enter_container(c, f, c->fig, CX_CAPTION);
		return 1;
	case HT_PRE:
		end_para(c);
		c->pre++;
		f->action = A_PRE;
		return 1;
	default:
		break;
	}
	end_para(c);
	f->action = A_BLOCK;
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
		c->figure = NULL;
		if (x->first_child == NULL)
			node_free(x);
		break;
	case A_LIST:
		if (c->kind == CX_FLOW)
			end_para(c);
		if (x->first_child == NULL)
			node_free(x);
		c->figure = NULL;
		if (f->nested) {
			flush_run(c);
			c->run_to = NULL;
			c->para = f->para;
			c->last = 1;
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
		c->figure = NULL;
		break;
	case A_ROW:
		if (x->first_child == NULL) {
			node_free(x);
			break;
		}
		/* A row of <th> cells is a header row. */
		if (c->row_th > 0 && c->row_th == c->row_cells)
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
		c->in_figure = f->in_figure;
		c->fig = f->fig;
		break;
	case A_FIGCAPTION:
		leave_container(c, f);
		tidy(x);
		break;
	case A_PRE:
		end_para(c);
		c->pre--;
		break;
	}
	if (f->popfmt)
		pop_format(c);
	c->blocks = f->blocks;
	c->list = f->list;
	c->table = f->table;
	c->row = f->row;
	c->block_el = f->block_el;
	if (f->action != A_HEADING && f->action != A_ITEM &&
	    f->action != A_CELL && f->action != A_TCAPTION &&
	    f->action != A_FIGCAPTION)
		c->kind = f->kind;
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
	c.blocks = parent;
	c.kind = CX_FLOW;
	buf_init(&c.run);
	for (i = 0; i < n; i++) {
		convert_root(&c, roots[i]);
		end_para(&c);
	}
	buf_free(&c.run);
	free(c.frames);
}
