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
 */
#include <string.h>

#include "common.h"
#include "../src/utf8.h"

#define INDENT "\xE3\x80\x80\xE3\x80\x80"	/* two U+3000 */

struct txt {
	struct buf		*out;
	size_t			 wrap;
	enum points_mode	 points;
	int			 blocks;	/* blocks written so far */
	int			 quote;		/* inside a block quote */
	int			 hant;		/* Traditional Chinese text */
};

/* May not start a line (clreq "basic" level plus a few). */
static int
no_line_start(uint32_t cp)
{
	static const char set[] =
	    "。，、；：？！）》〉」』】〕〗”’…%％·～?!,.;:)]}>";
	char	 enc[4];
	size_t	 n = utf8_encode(cp, enc), i;

	for (i = 0; i + n <= sizeof(set) - 1; ) {
		size_t k = 0, adv;

		utf8_decode((const unsigned char *)set + i, sizeof(set) - 1 - i,
		    &adv);
		k = adv;
		if (k == n && memcmp(set + i, enc, n) == 0)
			return 1;
		i += k;
	}
	return 0;
}

/* May not end a line. */
static int
no_line_end(uint32_t cp)
{
	return cp == 0xFF08 || cp == 0x300A || cp == 0x3008 ||
	    cp == 0x300C || cp == 0x300E || cp == 0x3010 || cp == 0x3014 ||
	    cp == 0x3016 || cp == 0x201C || cp == 0x2018 || cp == '(' ||
	    cp == '[' || cp == '{';
}

static int
is_word_char(uint32_t cp)
{
	return cp > ' ' && cp < 0x7F && !no_line_start(cp) &&
	    !no_line_end(cp);
}

/*
 * Length in bytes of the unbreakable unit at s[pos]: a Latin word or
 * number, —— or ……, or one character; closing marks after it and opening
 * marks before the next character are glued on.
 */
static size_t
unit_len(const char *s, size_t len, size_t pos)
{
	size_t		 p = pos, q;
	uint32_t	 cp;

	/* Opening marks glue to what follows. */
	for (;;) {
		q = p;
		cp = utf8_next(s, len, &q);
		if (!no_line_end(cp) || q >= len)
			break;
		p = q;
	}
	q = p;
	cp = utf8_next(s, len, &q);
	if (is_word_char(cp)) {
		while (q < len) {
			size_t r = q;

			if (!is_word_char(utf8_next(s, len, &r)))
				break;
			q = r;
		}
	} else if ((cp == 0x2014 || cp == 0x2026) && q < len) {
		size_t r = q;

		if (utf8_next(s, len, &r) == cp)
			q = r;
	}
	p = q;
	/* Closing marks glue to what precedes. */
	while (p < len) {
		q = p;
		cp = utf8_next(s, len, &q);
		if (!no_line_start(cp))
			break;
		p = q;
		/* …… and —— stay whole even as closing marks. */
	}
	return p - pos;
}

/* Writes one logical line, wrapped when t->wrap is set. */
static void
put_line(struct txt *t, const char *prefix, const char *s, size_t len)
{
	size_t	 col, pos = 0, n, w, line_start;

	buf_puts(t->out, prefix);
	if (t->wrap == 0) {
		buf_put(t->out, s, len);
		buf_rtrim_spaces(t->out);
		buf_putc(t->out, '\n');
		return;
	}
	col = utf8_width(prefix, strlen(prefix), 1);
	line_start = t->out->len;
	while (pos < len) {
		if (s[pos] == ' ') {
			/* A space is a break opportunity; dropped at breaks. */
			if (col > 0 && t->out->len > line_start) {
				buf_putc(t->out, ' ');
				col++;
			}
			pos++;
			continue;
		}
		n = unit_len(s, len, pos);
		w = utf8_width(s + pos, n, 1);
		if (col + w > t->wrap && t->out->len > line_start) {
			buf_rtrim_spaces(t->out);
			buf_putc(t->out, '\n');
			line_start = t->out->len;
			col = 0;
		}
		buf_put(t->out, s + pos, n);
		col += w;
		pos += n;
	}
	buf_rtrim_spaces(t->out);
	buf_putc(t->out, '\n');
}

/* Writes a block: a blank line before it, lines split at hard breaks. */
static void
put_block(struct txt *t, const char *indent, const struct buf *text)
{
	const char	*s = text->ptr, *nl;
	size_t		 len = text->len;
	int		 first = 1;

	if (len == 0)
		return;
	if (t->blocks++ > 0)
		buf_putc(t->out, '\n');
	while (len > 0 || first) {
		nl = memchr(s, '\n', len);
		put_line(t, first ? indent : (t->quote ? INDENT : ""), s,
		    nl ? (size_t)(nl - s) : len);
		first = 0;
		if (nl == NULL)
			break;
		len -= (size_t)(nl - s) + 1;
		s = nl + 1;
	}
}

static const char *
para_indent(const struct txt *t)
{
	return t->quote ? INDENT INDENT : INDENT;
}

/* A point as text: label, lead and the rest, run together. */
static void
point_text(const struct node *pt, struct buf *b)
{
	buf_puts(b, pt->as.point.label);
	plain_text(pt, b);
}

static void
put_point_list(struct txt *t, const struct node *list)
{
	const struct node	*c;
	struct buf		 b = BUF_INIT;

	for (c = list->first_child; c != NULL; c = c->next) {
		if (c->type == NODE_PARAGRAPH)
			plain_text(c, &b);
		else
			point_text(c, &b);
		if (t->points == POINTS_SPLIT || c->next == NULL) {
			put_block(t, para_indent(t), &b);
			buf_truncate(&b, 0);
		}
	}
	buf_free(&b);
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
		for (c = item->first_child; c != NULL && node_is_inline(c);
		    c = c->next)
			plain_text(c, &b);
		put_block(t, para_indent(t), &b);
		buf_truncate(&b, 0);
		/* Nested lists, and text after them, one level in. */
		for (; c != NULL; c = c->next) {
			if (c->type == NODE_LIST) {
				put_list(t, c, depth + 1);
				continue;
			}
			for (i = 0; i <= depth; i++)
				buf_puts(&b, INDENT);
			plain_text(c, &b);
			put_block(t, para_indent(t), &b);
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
	/* Rows are lines of their own: no wrapping, no indent. */
	if (t->blocks++ > 0)
		buf_putc(t->out, '\n');
	{
		const char *s = b.ptr, *nl;
		size_t len = b.len;

		for (;;) {
			nl = memchr(s, '\n', len);
			buf_put(t->out, s, nl ? (size_t)(nl - s) : len);
			buf_rtrim_spaces(t->out);
			buf_putc(t->out, '\n');
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
	struct buf	 b = BUF_INIT;

	labelled_text(h->as.heading.label, h, &b);
	if (h->as.heading.run_in && h->next != NULL &&
	    h->next->type == NODE_PARAGRAPH) {
		/* Written back as the author had it: one indented line. */
		plain_text(h->next, &b);
		put_block(t, para_indent(t), &b);
	} else
		put_block(t, t->quote ? INDENT : "", &b);
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
		t->blocks = 0;
		buf_truncate(&b, 0);
	}
	if (doc->meta[META_TITLE] != NULL) {
		put_line(t, "", doc->meta[META_TITLE],
		    strlen(doc->meta[META_TITLE]));
		t->blocks = 1;
	}
	if (doc->meta[META_SUBTITLE] != NULL)
		put_line(t, "", doc->meta[META_SUBTITLE],
		    strlen(doc->meta[META_SUBTITLE]));
	meta_line(doc, &b);
	if (b.len > 0)
		put_line(t, "", b.ptr, b.len);
	buf_truncate(&b, 0);

	iter_init(&it, doc->root);
	while (iter_next(&it) != ITER_DONE) {
		n = it.node;
		if (n->type == NODE_QUOTE) {
			t->quote = it.event == ITER_ENTER;
			continue;
		}
		if (it.event != ITER_ENTER || n->type == NODE_DOCUMENT)
			continue;
		switch (n->type) {
		case NODE_PARAGRAPH:
			if (n->prev != NULL && n->prev->type == NODE_HEADING &&
			    n->prev->as.heading.run_in)
				break;	/* written with its heading */
			plain_text(n, &b);
			put_block(t, para_indent(t), &b);
			break;
		case NODE_HEADING:
			put_heading(t, n);
			break;
		case NODE_POINT_LIST:
			put_point_list(t, n);
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
			put_block(t, para_indent(t), &b);
			break;
		case NODE_RULE:
			BUF_PUTSL(&b, "＊　＊　＊");
			put_block(t, INDENT INDENT, &b);
			break;
		default:
			break;
		}
		buf_truncate(&b, 0);
		if (n->type != NODE_QUOTE)
			iter_skip_children(&it);
	}
	buf_free(&b);
}

static int
txt_render(const struct doc *const *docs, size_t ndocs,
    const struct render_opts *opts, struct buf *out, struct diag *diag)
{
	struct txt	 t;
	size_t		 i;

	(void)diag;
	memset(&t, 0, sizeof(t));
	t.out = out;
	t.wrap = opts->wrap;
	t.points = writer_points(opts, POINTS_INLINE);
	if (ndocs > 1 && opts->collection_title != NULL) {
		put_line(&t, "", opts->collection_title,
		    strlen(opts->collection_title));
		buf_putc(out, '\n');
	}
	for (i = 0; i < ndocs; i++) {
		if (i > 0)
			BUF_PUTSL(out, "\n\n");
		t.blocks = 0;
		t.quote = 0;
		t.hant = writer_lang_hant(docs[i]->meta[META_LANG]);
		render_doc(&t, docs[i]);
	}
	return 0;
}

const struct writer writer_txt = {
	"txt",
	"txt",
	"plain text: UTF-8, indented paragraphs, optional --wrap",
	0,
	txt_render,
};
