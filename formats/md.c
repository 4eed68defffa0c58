/*
 * CommonMark with a YAML metadata block that pandoc reads (date, author,
 * source, lang …).  The title is the one "#" heading; level-1 themes are
 * "##", deeper levels follow.  The title is not repeated in the YAML block:
 * markdownlint (MD025) and pandoc would both count it twice; run pandoc
 * with --shift-heading-level-by=-1 to make the "#" line the title.
 *
 * One paragraph is one line: a line break inside Chinese text renders as
 * a space in most Markdown renderers.  Emphasis delimiters are only
 * written where CommonMark's flanking rules make them work (a closing **
 * after 。 and before a Chinese letter does not close), so trailing
 * punctuation goes outside the delimiters: **一是注重党建引领**。通过….
 * Headings whose text ends in 。 (run-in and sentence-like headings) are
 * written as paragraphs with a bold lead, because a heading may not end
 * in punctuation (markdownlint MD026) and the 。 must not be lost.
 *
 * Block quotes nest: each level adds "> " to every line of the blocks
 * inside it (textout.c), and the blank lines between them keep the
 * markers of the levels they separate (">", "> >").
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "tree/escape.h"
#include "tree/utf8.h"
#include "common.h"
#include "textout.h"

struct md {
	struct buf		*out;		/* where inlines go now */
	struct buf		 block;		/* the block being written */
	struct textout		 to;		/* lines, "> " prefixes */
	enum points_mode	 points;
	int			 bold_leads;
	int			 in_link;	/* writing a link's text */
};

/* Last code point written, or 0 at the start of a line. */
static uint32_t
last_written(const struct buf *b)
{
	size_t	 pos = b->len;

	if (b->len == 0 || b->ptr[b->len - 1] == '\n')
		return 0;
	return utf8_prev(b->ptr, &pos);
}

static uint32_t
first_cp(const char *s, size_t len)
{
	size_t	 pos = 0;

	return len ? utf8_next(s, len, &pos) : 0;
}

static uint32_t
last_cp(const char *s, size_t len)
{
	size_t	 pos = len;

	return len ? utf8_prev(s, &pos) : 0;
}

/* CommonMark: whitespace (or the start/end of the line, given as 0). */
static int
flank_space(uint32_t cp)
{
	return cp == 0 || uc_is_space(cp);
}

static int
left_flanking(uint32_t before, uint32_t after)
{
	return !flank_space(after) && (!uc_is_punct(after) ||
	    flank_space(before) || uc_is_punct(before));
}

static int
right_flanking(uint32_t before, uint32_t after)
{
	return !flank_space(before) && (!uc_is_punct(before) ||
	    flank_space(after) || uc_is_punct(after));
}

/*
 * Writes delim + inner + delim where the delimiters really open and close
 * (inner is Markdown already escaped), moving trailing punctuation out.
 * after is the first character that will follow (0: end of line).  If no
 * placement works the text is written without emphasis.
 */
/*
 * Where emphasis of inner (len bytes, followed by after) would close: the
 * bytes before its trailing punctuation, or 0 when the delimiters cannot
 * both open and close there (CommonMark's flanking rules).
 */
static size_t
emphasis_core(const struct md *m, const char *inner, size_t len,
    uint32_t after)
{
	size_t		 core = strip_final_punct(inner, len);
	uint32_t	 before = last_written(m->out), close_after;

	/* A backslash escape at the end must stay inside. */
	while (core > 0 && core < len && inner[core - 1] == '\\')
		core++;
	close_after = core < len ? first_cp(inner + core, len - core) : after;
	if (core == 0 || !left_flanking(before, first_cp(inner, core)) ||
	    !right_flanking(last_cp(inner, core), close_after))
		return 0;
	return core;
}

static void
put_emphasis(struct md *m, const char *delim, const char *inner, size_t len,
    uint32_t after)
{
	size_t		 core = emphasis_core(m, inner, len, after);

	if (core == 0) {
		buf_put(m->out, inner, len);
		return;
	}
	buf_puts(m->out, delim);
	buf_put(m->out, inner, core);
	buf_puts(m->out, delim);
	buf_put(m->out, inner + core, len - core);
}

/* The first character the inlines from n on will print, or 0. */
static uint32_t
next_char(const struct node *n)
{
	struct buf	 b = BUF_INIT;
	uint32_t	 cp = 0;

	for (; n != NULL && cp == 0; n = n->next) {
		if (n->type == NODE_LINEBREAK)
			return 0;
		buf_truncate(&b, 0);
		node_text(n, &b);
		cp = first_cp(b.ptr, b.len);
	}
	buf_free(&b);
	return cp;
}

/* Length of a URL starting at s (http:// or https://), or 0. */
static size_t
url_len(const char *s)
{
	size_t	 n;

	if (strncmp(s, "http://", 7) != 0 && strncmp(s, "https://", 8) != 0)
		return 0;
	for (n = 0; (unsigned char)s[n] > ' ' && (unsigned char)s[n] < 0x7F &&
	    s[n] != '<' && s[n] != '>' && s[n] != '"'; n++)
		;
	/* Sentence punctuation after a URL is not part of it. */
	while (n > 0 && strchr(".,;:!?)'", s[n - 1]) != NULL)
		n--;
	return n;
}

static int
ascii_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z');
}

/* Characters of an e-mail address's local part that GFM recognises. */
static int
email_local(char c)
{
	return ascii_alnum(c) || c == '.' || c == '_' || c == '+' || c == '-';
}

/*
 * If s[at] is the "@" of an e-mail address whose local part starts no
 * earlier than s[from], stores the address's start in *start and returns
 * its end; else returns 0.  The domain needs a dot and labels of letters,
 * digits and inner hyphens, as a CommonMark autolink requires.
 */
static size_t
email_at(const char *s, size_t from, size_t at, size_t *start)
{
	size_t	 a = at, e = at + 1, label = 0, dots = 0;

	while (a > from && email_local(s[a - 1]))
		a--;
	while (a < at && s[a] == '.')
		a++;
	if (a == at)
		return 0;
	for (;; e++) {
		if (ascii_alnum(s[e]) || (s[e] == '-' && label > 0)) {
			label++;
			continue;
		}
		if (s[e] == '.' && label > 0 && s[e - 1] != '-' &&
		    ascii_alnum(s[e + 1])) {
			dots++;
			label = 0;
			continue;
		}
		break;
	}
	while (e > at + 1 && s[e - 1] == '-')
		e--;
	if (dots == 0 || label == 0)
		return 0;
	*start = a;
	return e;
}

/*
 * Text: escaped, with what GFM would turn into links by itself written so
 * that CommonMark shows it and linters accept it (markdownlint MD034):
 * bare URLs and e-mail addresses as autolinks (<http://…>, <a@b.cn>), and
 * the dot of a bare "www." escaped ("www\.example.com"), because an
 * autolink would need a scheme the text does not have.
 */
static void
md_text(struct buf *out, const char *s, int in_link)
{
	const char	*start = s;
	size_t		 i, n, a, e;

	/* Link text is no place for another link. */
	for (i = 0; s[i] != '\0' && !in_link; i++) {
		if (s[i] == 'h' && (n = url_len(s + i)) > 8) {
			esc_md(out, start, (size_t)(s + i - start),
			    last_written(out) == 0 ? ESC_MD_LINE_START : 0);
			buf_putc(out, '<');
			buf_put(out, s + i, n);
			buf_putc(out, '>');
			i += n - 1;
			start = s + i + 1;
		} else if (s[i] == '@' && (e = email_at(s,
		    (size_t)(start - s), i, &a)) > 0) {
			esc_md(out, start, (size_t)(s + a - start),
			    last_written(out) == 0 ? ESC_MD_LINE_START : 0);
			buf_putc(out, '<');
			buf_put(out, s + a, e - a);
			buf_putc(out, '>');
			i = e - 1;
			start = s + e;
		} else if ((s[i] == 'w' || s[i] == 'W') &&
		    strncasecmp(s + i, "www.", 4) == 0 &&
		    ascii_alnum(s[i + 4]) && (i == 0 ||
		    !ascii_alnum(s[i - 1]))) {
			esc_md(out, start, (size_t)(s + i + 3 - start),
			    last_written(out) == 0 ? ESC_MD_LINE_START : 0);
			BUF_PUTSL(out, "\\.");
			i += 3;
			start = s + i + 1;
		}
	}
	esc_md(out, start, strlen(start),
	    last_written(out) == 0 ? ESC_MD_LINE_START : 0);
}

static void md_inlines(struct md *m, const struct node *first,
    const struct node *stop, uint32_t after, struct buf *out);

/*
 * Renders the inline siblings from first up to (not including) stop into
 * out.  Inline nesting is bounded by the readers' depth limit, so the
 * recursion here is shallow.
 */
static void
md_inlines(struct md *m, const struct node *first, const struct node *stop,
    uint32_t after, struct buf *out)
{
	const struct node	*n;
	struct buf		 inner = BUF_INIT;
	struct buf		*saved = m->out;
	uint32_t		 next;

	m->out = out;
	for (n = first; n != NULL && n != stop; n = n->next) {
		next = n->next != NULL && n->next != stop ?
		    next_char(n->next) : after;
		switch (n->type) {
		case NODE_TEXT:
			md_text(out, n->as.text, m->in_link);
			break;
		case NODE_LINEBREAK:
			buf_rtrim_spaces(out);
			BUF_PUTSL(out, "\\\n");
			break;
		case NODE_STRONG:
		case NODE_EMPH:
		case NODE_POINT_LEAD:
			buf_truncate(&inner, 0);
			md_inlines(m, n->first_child, NULL, next, &inner);
			m->out = out;
			if (n->type == NODE_POINT_LEAD && !m->bold_leads)
				buf_putbuf(out, &inner);
			else
				put_emphasis(m, n->type == NODE_EMPH ? "*" :
				    "**", inner.ptr, inner.len, next);
			break;
		case NODE_LINK:
			buf_truncate(&inner, 0);
			m->in_link++;
			md_inlines(m, n->first_child, NULL, 0, &inner);
			m->in_link--;
			m->out = out;
			if (n->as.link.url == NULL || inner.len == 0) {
				buf_putbuf(out, &inner);
				break;
			}
			buf_putc(out, '[');
			buf_putbuf(out, &inner);
			BUF_PUTSL(out, "](<");
			esc_md(out, n->as.link.url, strlen(n->as.link.url), 0);
			BUF_PUTSL(out, ">)");
			break;
		default:
			break;
		}
	}
	m->out = saved;
	buf_free(&inner);
}

/*
 * A block is written into m->block without any quote markers, its lines
 * separated by LF, then handed to textout, which puts the blank line
 * before it and the "> " of every enclosing quote before each line.  So
 * the Markdown of a block does not depend on how deep it is quoted, and
 * a line of it starts at column 0 of m->block, which is what the
 * escaping of line-start markup (# - 1.) looks at.
 */
static void
block_start(struct md *m)
{
	buf_truncate(&m->block, 0);
	m->out = &m->block;
}

/* Ends a line inside a block (list items, table rows). */
static void
line_end(struct md *m)
{
	buf_rtrim_spaces(m->out);
	buf_putc(m->out, '\n');
}

static void
block_end(struct md *m)
{
	/* A block with no text still takes its (empty) line. */
	if (m->block.len == 0)
		buf_putc(&m->block, '\n');
	textout_block(&m->to, "", "", m->block.ptr, m->block.len, 0);
	buf_truncate(&m->block, 0);
}

/*
 * A paragraph that is nothing but one bold or emphasised span: written
 * plain, because Markdown readers and linters (MD036) take it for a
 * heading, and it is not one (a bold caption, a credit line).
 */
static const struct node *
sole_span(const struct node *p)
{
	const struct node	*c = p->first_child;

	while (c != NULL && c->next == NULL &&
	    (c->type == NODE_STRONG || c->type == NODE_EMPH))
		c = c->first_child;
	return c != p->first_child ? c : NULL;
}

static void
md_paragraph(struct md *m, const struct node *p)
{
	const struct node	*inner = sole_span(p);

	block_start(m);
	md_inlines(m, inner != NULL ? inner : p->first_child, NULL, 0,
	    m->out);
	block_end(m);
}

static void	 md_point_list_from(struct md *, const struct node *, int);

/* The first character a run-in heading's body will print, or 0. */
static uint32_t
body_first_char(const struct node *body)
{
	const struct node	*c = body->first_child;

	if (body->type != NODE_POINT_LIST)
		return next_char(c);
	if (c != NULL && c->type == NODE_PARAGRAPH)
		return next_char(c->first_child);
	return c != NULL ? first_cp(c->as.point.label,
	    strlen(c->as.point.label)) : 0;
}

/* Ends in something markdownlint's MD026 forbids at a heading's end? */
static int
ends_in_punct(const struct node *h)
{
	struct buf	 b = BUF_INIT;
	uint32_t	 cp;

	node_text(h, &b);
	cp = last_cp(b.ptr, b.len);
	buf_free(&b);
	return cp == 0x3002 || cp == 0xFF0C || cp == 0xFF1B || cp == 0xFF1A ||
	    cp == 0xFF01 || cp == '.' || cp == ',' || cp == ';' ||
	    cp == ':' || cp == '!';
}

/*
 * Fixes the end of a heading's Markdown text: a final '#' would be read as
 * a closing sequence, and a final sentence mark (。！：…) is written as a
 * character reference, which renders the same, because linters reject
 * headings that end in punctuation (markdownlint MD026) and the mark is
 * the author's.
 */
static void
heading_end(struct buf *text)
{
	size_t		 pos = text->len;
	uint32_t	 cp;

	if (text->len == 0)
		return;
	if (text->ptr[text->len - 1] == '#') {
		buf_truncate(text, text->len - 1);
		BUF_PUTSL(text, "\\#");
		return;
	}
	cp = utf8_prev(text->ptr, &pos);
	if (cp == 0x3002 || cp == 0xFF0C || cp == 0xFF1B || cp == 0xFF1A ||
	    cp == 0xFF01 || cp == '.' || cp == ',' || cp == ';' || cp == ':' ||
	    cp == '!') {
		if (pos > 0 && text->ptr[pos - 1] == '\\')
			pos--;		/* an escaped ASCII mark */
		buf_truncate(text, pos);
		buf_printf(text, "&#x%X;", (unsigned)cp);
	}
}

static void
md_heading(struct md *m, const struct node *h)
{
	struct buf	 label = BUF_INIT, text = BUF_INIT;
	int		 i, level = h->as.heading.level + 1;
	uint32_t	 after = 0;

	if (h->as.heading.label != NULL) {
		esc_md(&label, h->as.heading.label,
		    strlen(h->as.heading.label), ESC_MD_LINE_START);
		buf_puts(&label, label_separator(h->as.heading.label));
	}
	if (ends_in_punct(h) && h->as.heading.run_in) {
		/* A bold lead in a paragraph, joined to its run-in body. */
		const struct node *body = node_run_in_body(h);

		if (body != NULL)
			after = body_first_char(body);
		buf_putbuf(&text, &label);
		md_inlines(m, h->first_child, NULL, after, &text);
		block_start(m);
		put_emphasis(m, "**", text.ptr, text.len, after);
		if (body != NULL && body->type == NODE_POINT_LIST)
			md_point_list_from(m, body, 1);
		else {
			if (body != NULL)
				md_inlines(m, body->first_child, NULL, 0,
				    m->out);
			block_end(m);
		}
		goto out;
	}
	block_start(m);
	for (i = 0; i < (level > 6 ? 6 : level); i++)
		buf_putc(m->out, '#');
	buf_putc(m->out, ' ');
	buf_putbuf(m->out, &label);
	md_inlines(m, h->first_child, NULL, 0, &text);
	heading_end(&text);
	buf_putbuf(m->out, &text);
	block_end(m);
	if (node_run_in_body(h) != NULL &&
	    node_run_in_body(h)->type == NODE_POINT_LIST)
		md_point_list_from(m, node_run_in_body(h), 0);
	else if (node_run_in_body(h) != NULL)
		md_paragraph(m, node_run_in_body(h));
out:
	buf_free(&label);
	buf_free(&text);
}

/* A point: **label + lead** (trailing punctuation outside) and the rest. */
static void
md_point(struct md *m, const struct node *pt)
{
	struct buf	 lead = BUF_INIT;
	const struct node *leadnode = pt->first_child, *rest;
	uint32_t	 after;
	size_t		 label_len;

	rest = leadnode != NULL && leadnode->type == NODE_POINT_LEAD ?
	    leadnode->next : leadnode;
	after = next_char(rest);
	if (after == 0 && pt->next != NULL && pt->next->type == NODE_POINT)
		after = first_cp(pt->next->as.point.label,
		    strlen(pt->next->as.point.label));
	esc_md(&lead, pt->as.point.label, strlen(pt->as.point.label),
	    last_written(m->out) == 0 ? ESC_MD_LINE_START : 0);
	label_len = lead.len;
	if (leadnode != NULL && leadnode->type == NODE_POINT_LEAD)
		md_inlines(m, leadnode->first_child, NULL, after, &lead);
	if (!m->bold_leads)
		buf_putbuf(m->out, &lead);
	else if (emphasis_core(m, lead.ptr, lead.len, after) == 0 &&
	    label_len < lead.len) {
		/*
		 * A label opening with a bracket right after a letter
		 * ("包括（一）…") cannot start emphasis: the label is
		 * written plain and the lead after it bold.
		 */
		buf_put(m->out, lead.ptr, label_len);
		put_emphasis(m, "**", lead.ptr + label_len,
		    lead.len - label_len, after);
	} else
		put_emphasis(m, "**", lead.ptr, lead.len, after);
	md_inlines(m, rest, NULL, 0, m->out);
	buf_free(&lead);
}

/* One child of a point list: the text before the points, or a point. */
static void
md_point_list_child(struct md *m, const struct node *c)
{
	if (c->type == NODE_PARAGRAPH)
		md_inlines(m, c->first_child, NULL, c->next != NULL ?
		    first_cp(c->next->as.point.label,
		    strlen(c->next->as.point.label)) : 0, m->out);
	else
		md_point(m, c);
}

/*
 * A point list's paragraphs; open says the first one is already started
 * (by a run-in heading's bold text).
 */
static void
md_point_list_from(struct md *m, const struct node *list, int open)
{
	const struct node	*c;

	for (c = list->first_child; c != NULL; c = c->next) {
		if (!open) {
			block_start(m);
			open = 1;
		}
		md_point_list_child(m, c);
		if (m->points == POINTS_SPLIT || c->next == NULL) {
			block_end(m);
			open = 0;
		}
	}
}

/*
 * Points in a list item's text, written in the item's line whatever
 * --points says: an item is one line of Markdown.
 */
static void
md_item_points(struct md *m, const struct node *list)
{
	const struct node	*c;

	for (c = list->first_child; c != NULL; c = c->next)
		md_point_list_child(m, c);
}

/* The first block of an item (where its inline content stops). */
static const struct node *
first_block(const struct node *item)
{
	const struct node	*c;

	for (c = item->first_child; c != NULL && node_is_inline(c);
	    c = c->next)
		;
	return c;
}

/*
 * A list whose items start at column indent (0 at the top, the parent
 * item's text column when nested, as CommonMark wants: three spaces
 * under "1. ", two under "- ").  Text that follows a nested list inside
 * an item becomes a paragraph of that item, after a blank line.
 */
static void
md_list(struct md *m, const struct node *list, int indent)
{
	const struct node	*item, *c;
	char			 mark[24];
	int			 i, num = 1, marker;

	if (list->first_child == NULL)
		return;		/* no items, no block */
	if (indent == 0)
		block_start(m);
	for (item = list->first_child; item != NULL; item = item->next) {
		for (i = 0; i < indent; i++)
			buf_putc(m->out, ' ');
		if (list->as.list.ordered && item->as.item.label == NULL)
			snprintf(mark, sizeof(mark), "%d. ", num++);
		else
			snprintf(mark, sizeof(mark), "- ");
		buf_puts(m->out, mark);
		marker = (int)strlen(mark);
		if (item->as.item.label != NULL) {
			esc_md(m->out, item->as.item.label,
			    strlen(item->as.item.label), ESC_MD_LINE_START);
			buf_puts(m->out, label_separator(item->as.item.label));
		}
		if (item->first_child != NULL &&
		    item->first_child->type == NODE_POINT_LIST)
			md_item_points(m, item->first_child);
		else
			md_inlines(m, item->first_child, first_block(item), 0,
			    m->out);
		line_end(m);
		for (c = first_block(item); c != NULL; c = c->next) {
			if (c == item->first_child &&
			    c->type == NODE_POINT_LIST)
				continue;
			if (c->type == NODE_LIST) {
				md_list(m, c, indent + marker);
				continue;
			}
			buf_putc(m->out, '\n');
			for (i = 0; i < indent + marker; i++)
				buf_putc(m->out, ' ');
			if (c->type == NODE_POINT_LIST)
				md_item_points(m, c);
			else
				md_inlines(m, c->first_child, NULL, 0, m->out);
			line_end(m);
		}
	}
	if (indent == 0)
		block_end(m);
}

static void
md_table(struct md *m, const struct node *table)
{
	const struct node	*row, *cell;
	struct buf		 text = BUF_INIT;
	size_t			 cols, n, i;

	if ((cols = table_columns(table)) == 0)
		return;
	block_start(m);
	for (row = table->first_child; row != NULL; row = row->next) {
		BUF_PUTSL(m->out, "|");
		for (i = 0, cell = row->first_child; i < cols; i++) {
			buf_truncate(&text, 0);
			if (cell != NULL) {
				plain_text(cell, &text);
				cell = cell->next;
			}
			for (n = 0; n < text.len; n++)
				if (text.ptr[n] == '\n')
					text.ptr[n] = ' ';
			buf_putc(m->out, ' ');
			esc_md(m->out, text.ptr, text.len, ESC_MD_TABLE);
			/* One space of padding, also for an empty cell. */
			buf_puts(m->out, text.len > 0 ? " |" : "|");
		}
		buf_putc(m->out, '\n');
		if (row == table->first_child) {
			BUF_PUTSL(m->out, "|");
			for (i = 0; i < cols; i++)
				BUF_PUTSL(m->out, " --- |");
			buf_putc(m->out, '\n');
		}
	}
	block_end(m);
	buf_free(&text);
}

static void
md_figure(struct md *m, const struct node *fig)
{
	struct buf	 caption = BUF_INIT;
	const char	*alt = fig->as.figure.alt;

	plain_text(fig, &caption);
	if (fig->as.figure.src != NULL && fig->as.figure.src[0] != '\0') {
		block_start(m);
		BUF_PUTSL(m->out, "![");
		if (alt != NULL && alt[0] != '\0')
			esc_md(m->out, alt, strlen(alt), 0);
		else if (caption.len > 0)
			esc_md(m->out, caption.ptr, caption.len, 0);
		else
			buf_puts(m->out, "图");
		BUF_PUTSL(m->out, "](<");
		esc_md(m->out, fig->as.figure.src, strlen(fig->as.figure.src),
		    0);
		BUF_PUTSL(m->out, ">)");
		block_end(m);
	}
	if (fig->first_child != NULL)
		md_paragraph(m, fig);
	buf_free(&caption);
}

static void
yaml_value(struct buf *out, const char *key, const char *value)
{
	if (value == NULL || value[0] == '\0')
		return;
	buf_printf(out, "%s: \"", key);
	for (; *value != '\0'; value++) {
		switch (*value) {
		case '"':
		case '\\':
			buf_putc(out, '\\');
			buf_putc(out, *value);
			break;
		case '\n':
			BUF_PUTSL(out, "\\n");
			break;
		case '_': case '*': case '`': case '<': case '>': case '[':
		case ']':
			/*
			 * CommonMark parsers that do not know front matter read
			 * it as text: no emphasis or markup characters there.
			 */
			buf_printf(out, "\\u%04X", (unsigned char)*value);
			break;
		default:
			buf_putc(out, *value);
		}
	}
	BUF_PUTSL(out, "\"\n");
}

static void
md_front_matter(struct buf *out, const struct doc *doc,
    const struct render_opts *opts)
{
	BUF_PUTSL(out, "---\n");
	yaml_value(out, "date", doc->meta[META_DATE]);
	yaml_value(out, "author", doc->meta[META_AUTHOR] != NULL ?
	    doc->meta[META_AUTHOR] : doc->meta[META_PUBLISHER]);
	if (doc->meta[META_AUTHOR] != NULL)
		yaml_value(out, "publisher", doc->meta[META_PUBLISHER]);
	yaml_value(out, "source", doc->meta[META_SOURCE]);
	yaml_value(out, "url", doc->meta[META_URL]);
	yaml_value(out, "lang", writer_lang(doc, opts));
	BUF_PUTSL(out, "---\n");
}

static void
md_body(struct md *m, const struct node *root)
{
	struct iter		 it;
	const struct node	*n;

	iter_init(&it, root);
	while (iter_next(&it) != ITER_DONE) {
		n = it.node;
		if (n->type == NODE_QUOTE) {
			/*
			 * One "> " per level.  An empty quote has no EXIT
			 * event and nothing to write.
			 */
			if (it.event == ITER_EXIT)
				textout_pop(&m->to);
			else if (n->first_child != NULL)
				textout_push(&m->to, "> ", "> ");
			continue;
		}
		if (it.event != ITER_ENTER || n == root)
			continue;
		switch (n->type) {
		case NODE_PARAGRAPH:
			if (!node_is_run_in_body(n))
				md_paragraph(m, n);
			break;
		case NODE_HEADING:
			md_heading(m, n);
			break;
		case NODE_POINT_LIST:
			if (!node_is_run_in_body(n))
				md_point_list_from(m, n, 0);
			break;
		case NODE_LIST:
			md_list(m, n, 0);
			break;
		case NODE_TABLE:
			md_table(m, n);
			break;
		case NODE_FIGURE:
			md_figure(m, n);
			break;
		case NODE_RULE:
			block_start(m);
			BUF_PUTSL(m->out, "---");
			block_end(m);
			break;
		default:
			break;
		}
		iter_skip_children(&it);
	}
}

static void
md_title(struct md *m, const char *title, int level)
{
	struct buf	 text = BUF_INIT;

	block_start(m);
	buf_puts(m->out, level == 1 ? "# " : "## ");
	esc_md(&text, title, strlen(title), ESC_MD_LINE_START);
	heading_end(&text);
	buf_putbuf(m->out, &text);
	block_end(m);
	buf_free(&text);
}

static int
md_render(const struct doc *const *docs, size_t ndocs,
    const struct render_opts *opts, struct buf *out, struct diag *diag)
{
	struct md	 m;
	struct buf	 line = BUF_INIT;
	size_t		 i;

	(void)diag;
	memset(&m, 0, sizeof(m));
	buf_init(&m.block);
	m.out = &m.block;
	textout_init(&m.to, out, 0);
	m.points = writer_points(opts, POINTS_INLINE);
	m.bold_leads = opts->bold_leads;
	md_front_matter(out, docs[0], opts);
	m.to.blocks = 1;
	if (ndocs > 1 && opts->collection_title != NULL)
		md_title(&m, opts->collection_title, 1);
	for (i = 0; i < ndocs; i++) {
		const struct doc *doc = docs[i];

		if (doc->meta[META_TITLE] != NULL)
			md_title(&m, doc->meta[META_TITLE], ndocs > 1 &&
			    opts->collection_title != NULL ? 2 : 1);
		/*
		 * The kicker (引题) stands above the title on the page; here it
		 * follows the "#" line, which must open the document.
		 */
		if (doc->meta[META_KICKER] != NULL) {
			block_start(&m);
			esc_md(m.out, doc->meta[META_KICKER],
			    strlen(doc->meta[META_KICKER]), ESC_MD_LINE_START);
			block_end(&m);
		}
		if (doc->meta[META_SUBTITLE] != NULL) {
			block_start(&m);
			esc_md(m.out, doc->meta[META_SUBTITLE],
			    strlen(doc->meta[META_SUBTITLE]),
			    ESC_MD_LINE_START);
			block_end(&m);
		}
		if (ndocs > 1) {
			buf_truncate(&line, 0);
			meta_line(doc, &line);
			if (line.len > 0) {
				block_start(&m);
				esc_md(m.out, line.ptr, line.len,
				    ESC_MD_LINE_START);
				block_end(&m);
			}
		}
		md_body(&m, doc->root);
	}
	buf_free(&line);
	buf_free(&m.block);
	textout_free(&m.to);
	return 0;
}

const struct writer writer_md = {
	.name = "md",
	.extension = "md",
	.description = "CommonMark with a YAML metadata block (pandoc, GitHub, "
	    "static sites)",
	.render = md_render,
};
