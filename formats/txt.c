/*
 * Plain text: the title, the metadata line, a blank line, then the blocks
 * separated by blank lines.  Body paragraphs start with two ideographic
 * spaces (U+3000); headings stand on their own lines without indent; a
 * run-in heading is written back on one line with its paragraph, as the
 * author had it.  UTF-8, LF, no trailing white space, one final newline.
 *
 * --wrap N wraps at N display columns (East Asian wide and ambiguous
 * characters count 2), breaking between Chinese characters, never before
 * 。，、；：？！）》” and the like nor after （《“, never inside —— or …… or a
 * Latin word or number.  Continuation lines are flush left (回行顶格).
 *
 * A block quote indents its lines by two more ideographic spaces per
 * level, wrapped lines included, so a quote inside a quote shows as a
 * deeper indent.  Lines, wrapping and blank lines come from textout.c.
 */
#include <string.h>

#include "tree/utf8.h"
#include "common.h"
#include "textout.h"

#define INDENT "\xE3\x80\x80\xE3\x80\x80"	/* two U+3000 */

struct txt {
	struct textout		 to;	/* lines, prefixes, blank lines */
	enum points_mode	 points;
	int			 hant;		/* Traditional Chinese text */
};

/*
 * Writes a block: a blank line before it, lines split at hard breaks.
 * The first line starts with indent; later lines, from hard breaks or
 * wrapping, are flush left (回行顶格) under the quotes' indentation.
 */
static void
put_block(struct txt *t, const char *indent, const struct buf *text)
{
	textout_block(&t->to, indent, "", text->ptr, text->len, 0);
}

/* A point as text: label, lead and the rest, run together. */
static void
point_text(const struct node *pt, struct buf *b)
{
	buf_puts(b, pt->as.point.label);
	plain_text(pt, b);
}

/* A point list as one run of text: the text before, then each point. */
static void
point_list_text(const struct node *list, struct buf *b)
{
	const struct node	*c;

	for (c = list->first_child; c != NULL; c = c->next)
		if (c->type == NODE_PARAGRAPH)
			plain_text(c, b);
		else
			point_text(c, b);
}

/*
 * A point list's paragraphs.  b holds what opens the first of them (a
 * run-in heading's text) or nothing; it is left empty.
 */
static void
put_point_list(struct txt *t, const struct node *list, struct buf *b)
{
	const struct node	*c;

	for (c = list->first_child; c != NULL; c = c->next) {
		if (c->type == NODE_PARAGRAPH)
			plain_text(c, b);
		else
			point_text(c, b);
		if (t->points == POINTS_SPLIT || c->next == NULL) {
			put_block(t, INDENT, b);
			buf_truncate(b, 0);
		}
	}
}

static void
put_list(struct txt *t, const struct node *list, int depth)
{
	const struct node	*item, *c;
	struct buf		 b = BUF_INIT;
	int			 i;

	for (item = list->first_child; item != NULL; item = item->next) {
		for (i = 0; i < depth; i++)
			buf_puts(&b, INDENT);
		if (item->as.item.label != NULL) {
			buf_puts(&b, item->as.item.label);
			buf_puts(&b, label_separator(item->as.item.label));
		} else if (!list->as.list.ordered)
			buf_puts(&b, "・");
		c = item->first_child;
		if (c != NULL && c->type == NODE_POINT_LIST) {
			/* Points in the item's text stay in its line. */
			point_list_text(c, &b);
			c = c->next;
		}
		for (; c != NULL && node_is_inline(c); c = c->next)
			plain_text(c, &b);
		put_block(t, INDENT, &b);
		buf_truncate(&b, 0);
		/* Nested lists, and text after them, one level in. */
		for (; c != NULL; c = c->next) {
			if (c->type == NODE_LIST) {
				put_list(t, c, depth + 1);
				continue;
			}
			for (i = 0; i <= depth; i++)
				buf_puts(&b, INDENT);
			if (c->type == NODE_POINT_LIST)
				point_list_text(c, &b);
			else
				plain_text(c, &b);
			put_block(t, INDENT, &b);
			buf_truncate(&b, 0);
		}
	}
	buf_free(&b);
}

/* A cell's text on one line: hard breaks become spaces. */
static void
cell_text(const struct node *cell, struct buf *b)
{
	size_t	 i;

	buf_truncate(b, 0);
	plain_text(cell, b);
	for (i = 0; i < b->len; i++)
		if (b->ptr[i] == '\n')
			b->ptr[i] = ' ';
}

/* Columns aligned by display width, two spaces apart. */
static void
put_table(struct txt *t, const struct node *table)
{
	const struct node	*row, *cell;
	size_t			 widths[64] = { 0 }, col, w, pad;
	struct buf		 b = BUF_INIT, cellbuf = BUF_INIT;

	for (row = table->first_child; row != NULL; row = row->next)
		for (col = 0, cell = row->first_child; cell != NULL &&
		    col < 64; cell = cell->next, col++) {
			cell_text(cell, &cellbuf);
			w = utf8_width(cellbuf.ptr, cellbuf.len, 1);
			if (w > widths[col])
				widths[col] = w;
		}
	for (row = table->first_child; row != NULL; row = row->next) {
		for (col = 0, cell = row->first_child; cell != NULL;
		    cell = cell->next, col++) {
			cell_text(cell, &cellbuf);
			buf_putbuf(&b, &cellbuf);
			if (cell->next == NULL)
				break;
			w = utf8_width(cellbuf.ptr, cellbuf.len, 1);
			pad = col < 64 && widths[col] > w ? widths[col] - w : 0;
			while (pad-- > 0)
				buf_putc(&b, ' ');
			buf_puts(&b, "  ");
		}
		buf_putc(&b, '\n');
	}
	if (b.len > 0)
		buf_truncate(&b, b.len - 1);
	/*
	 * Rows are lines of their own: no wrapping, no indent but a
	 * quote's.  Written line by line, not as a block, so that rows that
	 * come out empty still make their lines.
	 */
	if (t->to.blocks++ > 0)
		textout_blank(&t->to);
	{
		const char *s = b.ptr, *nl;
		size_t len = b.len;

		for (;;) {
			nl = memchr(s, '\n', len);
			textout_line(&t->to, "", "", s,
			    nl ? (size_t)(nl - s) : len, TEXTOUT_NOWRAP);
			if (nl == NULL)
				break;
			len -= (size_t)(nl - s) + 1;
			s = nl + 1;
		}
	}
	buf_free(&b);
	buf_free(&cellbuf);
}

static void
put_heading(struct txt *t, const struct node *h)
{
	const struct node	*body = node_run_in_body(h);
	struct buf		 b = BUF_INIT;

	labelled_text(h->as.heading.label, h, &b);
	if (body != NULL && body->type == NODE_POINT_LIST)
		put_point_list(t, body, &b);
	else if (body != NULL) {
		/* Written back as the author had it: one indented line. */
		plain_text(body, &b);
		put_block(t, INDENT, &b);
	} else
		put_block(t, "", &b);
	buf_free(&b);
}

static void
render_doc(struct txt *t, const struct doc *doc)
{
	struct iter		 it;
	const struct node	*n;
	struct buf		 b = BUF_INIT;

	if (doc->meta[META_KICKER] != NULL) {
		buf_puts(&b, doc->meta[META_KICKER]);
		put_block(t, "", &b);
		t->to.blocks = 0;
		buf_truncate(&b, 0);
	}
	if (doc->meta[META_TITLE] != NULL) {
		textout_line(&t->to, "", "", doc->meta[META_TITLE],
		    strlen(doc->meta[META_TITLE]), 0);
		t->to.blocks = 1;
	}
	if (doc->meta[META_SUBTITLE] != NULL)
		textout_line(&t->to, "", "", doc->meta[META_SUBTITLE],
		    strlen(doc->meta[META_SUBTITLE]), 0);
	meta_line(doc, &b);
	if (b.len > 0)
		textout_line(&t->to, "", "", b.ptr, b.len, 0);
	buf_truncate(&b, 0);

	iter_init(&it, doc->root);
	while (iter_next(&it) != ITER_DONE) {
		n = it.node;
		if (n->type == NODE_QUOTE) {
			/* Each level indents its lines by two more U+3000. */
			if (it.event == ITER_EXIT)
				textout_pop(&t->to);
			else if (n->first_child != NULL)
				textout_push(&t->to, INDENT, INDENT);
			continue;
		}
		if (it.event != ITER_ENTER || n->type == NODE_DOCUMENT)
			continue;
		switch (n->type) {
		case NODE_PARAGRAPH:
			if (node_is_run_in_body(n))
				break;	/* written with its heading */
			plain_text(n, &b);
			/* The addressee, 敬礼 and a document number: flush left. */
			put_block(t, n->parent->type == NODE_DOCUMENT &&
			    (n->as.para.role == PARA_ADDRESSEE ||
			    n->as.para.role == PARA_SALUTE ||
			    n->as.para.role == PARA_DOCNUM) ? "" : INDENT, &b);
			break;
		case NODE_HEADING:
			put_heading(t, n);
			break;
		case NODE_POINT_LIST:
			if (!node_is_run_in_body(n))
				put_point_list(t, n, &b);
			break;
		case NODE_LIST:
			put_list(t, n, 0);
			break;
		case NODE_TABLE:
			put_table(t, n);
			break;
		case NODE_FIGURE:
			plain_text(n, &b);
			if (b.len == 0 && n->as.figure.alt != NULL &&
			    n->as.figure.alt[0] != '\0') {
				buf_puts(&b, t->hant ? "［圖：" : "［图：");
				buf_puts(&b, n->as.figure.alt);
				buf_puts(&b, "］");
			}
			put_block(t, INDENT, &b);
			break;
		case NODE_RULE:
			BUF_PUTSL(&b, "＊　＊　＊");
			put_block(t, INDENT INDENT, &b);
			break;
		default:
			break;
		}
		buf_truncate(&b, 0);
		iter_skip_children(&it);
	}
	buf_free(&b);
}

/* The txt writer's own options (txt_option_table below). */
struct txt_options {
	long	 wrap;		/* --wrap: columns, 0 = none */
};

extern const struct writer writer_txt;

static int
txt_render(const struct doc *const *docs, size_t ndocs,
    const struct render_opts *opts, struct buf *out, struct diag *diag)
{
	struct txt	 t;
	size_t		 i;

	(void)diag;
	memset(&t, 0, sizeof(t));
	textout_init(&t.to, out, (size_t)((const struct txt_options *)
	    writer_options(opts, &writer_txt))->wrap);
	t.points = writer_points(opts, POINTS_INLINE);
	if (ndocs > 1 && opts->collection_title != NULL) {
		textout_line(&t.to, "", "", opts->collection_title,
		    strlen(opts->collection_title), 0);
		buf_putc(out, '\n');
	}
	for (i = 0; i < ndocs; i++) {
		if (i > 0)
			BUF_PUTSL(out, "\n\n");
		t.to.blocks = 0;
		t.hant = writer_lang_hant(docs[i]->meta[META_LANG]);
		render_doc(&t, docs[i]);
	}
	textout_free(&t.to);
	return 0;
}

static const struct writer_option txt_option_table[] = {
	{
		.name = "wrap",
		.kind = WOPT_NUMBER,
		.arg = "N",
		.help = "wrap at N columns (default: none)",
		.man = "txt: wrap lines at\n.Ar n\ndisplay columns (Chinese "
		    "characters count two), never starting a line\nwith closing "
		    "punctuation nor splitting\n.Ql ——\nor\n.Ql …… .\n"
		    "Default 0: one line per paragraph.",
		.offset = offsetof(struct txt_options, wrap),
		/* Narrower than 8 columns is no text. */
		.min = 8,
		.max = 10000,
		.zero_ok = 1,
		.takes = "0 or a width of 8 to 10000 columns",
	},
	{ .name = NULL }
};

static const struct txt_options txt_defaults = { .wrap = 0 };

const struct writer writer_txt = {
	.name = "txt",
	.extension = "txt",
	.description = "plain text: UTF-8, indented paragraphs, optional --wrap",
	.options = txt_option_table,
	.options_size = sizeof(struct txt_options),
	.options_default = &txt_defaults,
	.render = txt_render,
};
