/*
 * The plain-text reader: an article pasted or saved as text, possibly with
 * the site's navigation above it and its footer below.
 *
 * 1. Decode (encoding.h) and split into lines.
 * 2. Head: find the metadata block (article.h) among the first lines; the
 *    title is the nearest line above it (skipping "——" subtitle lines), not
 *    the most title-like line, because a site banner often looks like one.
 *    Everything above the title is site chrome.  Without a metadata block
 *    the first line is the title when it is shaped like one.
 * 3. Footer: from a footer line (最新评论, 回顶部, 相关报道：…) near the end
 *    on, nothing belongs to the article.
 * 4. Paragraphs: one per line, or, in hard-wrapped files, one per block of
 *    lines (a new one at each blank or indented line).
 * 5. Outline recognition (outline.h) turns paragraphs into headings,
 *    lists and points.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "article.h"
#include "buf.h"
#include "encoding.h"
#include "outline.h"
#include "reader.h"
#include "utf8.h"

struct line {
	const char	*s;		/* trimmed text */
	size_t		 len;
	unsigned int	 no;		/* 1-based line number */
	int		 indent;	/* started with white space */
	size_t		 width;		/* display columns of the text */
	int		 drop;		/* chrome, metadata, title: not body */
};

struct lines {
	struct line	*v;
	size_t		 n, cap;
};

static void
lines_add(struct lines *ls, const char *s, size_t len, unsigned int no)
{
	struct line	*l;
	size_t		 a = 0, b = len, q;

	while (a < len) {
		q = a;
		if (!uc_is_space(utf8_next(s, len, &q)))
			break;
		a = q;
	}
	while (b > a) {
		q = b;
		if (!uc_is_space(utf8_prev(s, &q)))
			break;
		b = q;
	}
	if (ls->n == ls->cap) {
		ls->cap = ls->cap ? ls->cap * 2 : 256;
		ls->v = xreallocarray(ls->v, ls->cap, sizeof(*ls->v));
	}
	l = &ls->v[ls->n++];
	l->s = s + a;
	l->len = b - a;
	l->no = no;
	l->indent = a > 0 && b > a;
	l->width = utf8_width(s + a, b - a, 1);
	l->drop = 0;
}

static int
is_blank(const struct line *l)
{
	return l->len == 0;
}

static int
starts_with(const struct line *l, const char *lit)
{
	size_t	 n = strlen(lit);

	return l->len >= n && memcmp(l->s, lit, n) == 0;
}

/* Index of the next (dir 1) or previous (dir -1) non-blank line, or -1. */
static long
step(const struct lines *ls, long i, int dir)
{
	for (i += dir; i >= 0 && (size_t)i < ls->n; i += dir)
		if (!is_blank(&ls->v[i]))
			return i;
	return -1;
}

static uint32_t
last_char(const struct line *l)
{
	size_t	 pos = l->len;

	return l->len ? utf8_prev(l->s, &pos) : 0;
}

/* Could l be an article title? */
static int
title_shaped(const struct line *l)
{
	uint32_t	 c = last_char(l);
	size_t		 chars = utf8_count(l->s, l->len);

	return chars >= 2 && chars <= 80 && c != 0x3002 && c != 0xFF0C &&
	    c != 0xFF1B && c != 0xFF1A && c != 0x3001 && c != ',' &&
	    c != ';' && c != ':';
}

static void
set_line_meta(struct doc *doc, enum meta_key key, const struct line *l)
{
	char	*s = xstrndup(l->s, l->len);

	doc_set_meta(doc, key, s);
	free(s);
}

/* Appends line l to the subtitle, joined without a space. */
static void
add_subtitle(struct doc *doc, const struct line *l)
{
	struct buf	 b = BUF_INIT;

	if (doc->meta[META_SUBTITLE] != NULL)
		buf_puts(&b, doc->meta[META_SUBTITLE]);
	buf_put(&b, l->s, l->len);
	doc_set_meta(doc, META_SUBTITLE, b.ptr);
	buf_free(&b);
}

static int
is_dash_line(const struct line *l)
{
	return starts_with(l, "——") || starts_with(l, "—") ||
	    starts_with(l, "--");
}

/* "（2018年1月2日）": a date line under a title. */
static int
is_paren_date(const struct line *l)
{
	char	*d;
	int	 ok;

	if (!(starts_with(l, "（") || starts_with(l, "(")) ||
	    utf8_count(l->s, l->len) > 20)
		return 0;
	d = article_find_date(l->s, l->len, NULL, NULL);
	ok = d != NULL;
	free(d);
	return ok;
}

/* Fills the date from a subtitle such as "——2026年1月26日在…会议上". */
static void
date_from_subtitle(struct doc *doc)
{
	char	*d;

	if (doc->meta[META_DATE] != NULL || doc->meta[META_SUBTITLE] == NULL)
		return;
	d = article_find_date(doc->meta[META_SUBTITLE],
	    strlen(doc->meta[META_SUBTITLE]), NULL, NULL);
	if (d != NULL)
		doc_set_meta(doc, META_DATE, d);
	free(d);
}

/*
 * Subtitle lines after the title at index t: "——…" (with a broken-off
 * continuation such as "人民代表大会第五次会议上") and "（2018年1月2日）".
 * Returns the index of the last line consumed.
 */
static long
take_subtitles(struct lines *ls, long t, struct doc *doc, struct diag *diag)
{
	long	 i = t, j;

	while ((j = step(ls, i, 1)) >= 0) {
		struct line *l = &ls->v[j];

		if (is_dash_line(l) && utf8_count(l->s, l->len) <= 60) {
			add_subtitle(doc, l);
			l->drop = 1;
			i = j;
			/* A subtitle broken over two lines. */
			j = step(ls, i, 1);
			if (j >= 0 && !is_dash_line(&ls->v[j]) &&
			    utf8_count(ls->v[j].s, ls->v[j].len) <= 25 &&
			    (last_char(&ls->v[j]) == 0x4E0A ||	/* 上 */
			    (ls->v[j].len >= 6 && memcmp(ls->v[j].s +
			    ls->v[j].len - 6, "讲话", 6) == 0))) {
				add_subtitle(doc, &ls->v[j]);
				ls->v[j].drop = 1;
				diag_note(diag, "line %u: continues the "
				    "subtitle", ls->v[j].no);
				i = j;
			}
			continue;
		}
		if (is_paren_date(l)) {
			add_subtitle(doc, l);
			l->drop = 1;
			i = j;
			continue;
		}
		break;
	}
	date_from_subtitle(doc);
	return i;
}

/* Lines searched for the metadata block, and the longest chrome line. */
#define HEAD_LINES	40
#define HEAD_LONG_LINE	150
#define CHROME_MAX	60

/*
 * Finds title, subtitle, metadata and top chrome; marks those lines
 * dropped.  Returns the index of the first body line.
 */
static size_t
read_head(struct lines *ls, struct doc *doc, struct diag *diag)
{
	struct article_meta	 meta = { 0 };
	long			 i, first = -1, last = -1, t, k;
	int			 seen = 0;

	for (i = step(ls, -1, 1); i >= 0 && seen < HEAD_LINES;
	    i = step(ls, i, 1), seen++) {
		struct line *l = &ls->v[i];

		if (utf8_count(l->s, l->len) > HEAD_LONG_LINE)
			break;
		if (article_meta_line(l->s, l->len, &meta)) {
			if (first < 0)
				first = i;
			last = i;
			l->drop = 1;
		} else if (first >= 0)
			break;
	}
	if (first >= 0) {
		/* The title is the line above the block, past subtitles. */
		t = step(ls, first, -1);
		while (t >= 0 && (is_dash_line(&ls->v[t]) ||
		    is_paren_date(&ls->v[t])))
			t = step(ls, t, -1);
		for (k = t - 1; t >= 0 && k >= 0; k--)
			if (ls->v[k].len > 0 &&
			    utf8_count(ls->v[k].s, ls->v[k].len) > CHROME_MAX)
				break;
		if (t < 0 || k >= 0 || !title_shaped(&ls->v[t])) {
			/* Not a page head after all: keep every line. */
			for (i = first; i <= last; i++)
				ls->v[i].drop = 0;
			article_meta_free(&meta);
			diag_note(diag, "line %u looks like metadata but has "
			    "no title above it; kept as text",
			    ls->v[first].no);
			first = -1;
		} else {
			for (k = 0; k < t; k++)
				if (!is_blank(&ls->v[k])) {
					ls->v[k].drop = 1;
					diag_note(diag, "line %u: site chrome "
					    "above the title", ls->v[k].no);
				}
			set_line_meta(doc, META_TITLE, &ls->v[t]);
			ls->v[t].drop = 1;
			diag_note(diag, "line %u: title (the line above the "
			    "metadata line %u)", ls->v[t].no, ls->v[first].no);
			article_meta_apply(&meta, doc);
			article_meta_free(&meta);
			take_subtitles(ls, t, doc, diag);
			diag_note(diag, "line %u: metadata line%s", ls->v[first].no,
			    last > first ? "s" : "");
			return (size_t)last + 1;
		}
	}
	/* No metadata: skip toolbar chrome, then take a title-shaped line. */
	for (t = step(ls, -1, 1); t >= 0 &&
	    article_chrome_line(ls->v[t].s, ls->v[t].len); t = step(ls, t, 1))
		;
	if (t < 0 || !title_shaped(&ls->v[t]) || step(ls, t, 1) < 0)
		return 0;
	for (k = 0; k < t; k++)
		if (!is_blank(&ls->v[k])) {
			ls->v[k].drop = 1;
			diag_note(diag, "line %u: site chrome", ls->v[k].no);
		}
	set_line_meta(doc, META_TITLE, &ls->v[t]);
	ls->v[t].drop = 1;
	diag_note(diag, "line %u: title (first line, no metadata line found)",
	    ls->v[t].no);
	i = take_subtitles(ls, t, doc, diag);
	/* Metadata lines right under the title and subtitle. */
	for (k = step(ls, i, 1); k >= 0; k = step(ls, k, 1)) {
		if (!article_meta_line(ls->v[k].s, ls->v[k].len, &meta))
			break;
		ls->v[k].drop = 1;
		diag_note(diag, "line %u: metadata line", ls->v[k].no);
		i = k;
	}
	article_meta_apply(&meta, doc);
	article_meta_free(&meta);
	return (size_t)i + 1;
}

/* Marks the page footer dropped: from a footer line in the last part. */
static void
read_footer(struct lines *ls, size_t body_start, struct diag *diag)
{
	size_t	 i, nonblank = 0, seen = 0, from;

	for (i = body_start; i < ls->n; i++)
		nonblank += !is_blank(&ls->v[i]);
	/* Only the last 40 % of the body (at least its last 3 lines). */
	for (i = body_start; i < ls->n; i++) {
		if (is_blank(&ls->v[i]))
			continue;
		seen++;
		if (seen * 10 < nonblank * 6 && nonblank - seen >= 3)
			continue;
		if (seen == 1)
			continue;	/* never the whole body */
		if (!article_footer_line(ls->v[i].s, ls->v[i].len))
			continue;
		for (from = i; i < ls->n; i++)
			if (!is_blank(&ls->v[i]) && !ls->v[i].drop) {
				ls->v[i].drop = 1;
				diag_note(diag, "line %u: page footer%s",
				    ls->v[i].no, i == from ? " starts" : "");
			}
		return;
	}
}

/*
 * Hard-wrapped text has blocks of several lines of nearly equal width.
 * Returns that width in columns, or 0 if lines are paragraphs.
 */
static size_t
wrap_width(const struct lines *ls, size_t from)
{
	size_t	 i, widths[8] = { 0 }, counts[8] = { 0 }, inner = 0, near;
	size_t	 w, best = 0, k;

	/* The most common width among lines followed by a non-blank line. */
	for (i = from; i + 1 < ls->n; i++) {
		if (is_blank(&ls->v[i]) || is_blank(&ls->v[i + 1]) ||
		    ls->v[i].drop || ls->v[i + 1].drop || ls->v[i + 1].indent)
			continue;
		inner++;
		w = ls->v[i].width;
		for (k = 0; k < 8 && counts[k] && widths[k] != w; k++)
			;
		if (k < 8) {
			widths[k] = w;
			counts[k]++;
		}
	}
	if (inner < 3)
		return 0;
	for (k = 1; k < 8; k++)
		if (counts[k] > counts[best])
			best = k;
	w = widths[best];
	if (w < 30 || w > 200)
		return 0;
	for (near = 0, i = from; i + 1 < ls->n; i++)
		if (!is_blank(&ls->v[i]) && !is_blank(&ls->v[i + 1]) &&
		    !ls->v[i + 1].indent && ls->v[i].width + 4 >= w &&
		    ls->v[i].width <= w + 2)
			near++;
	return near * 10 >= inner * 7 ? w : 0;
}

/* Appends line text to a paragraph being joined from wrapped lines. */
static void
join_line(struct buf *b, const struct line *l)
{
	size_t	 pos = b->len;
	uint32_t before, after;

	if (b->len > 0) {
		before = utf8_prev(b->ptr, &pos);
		pos = 0;
		after = utf8_next(l->s, l->len, &pos);
		/* Western words need their space back; Chinese does not. */
		if (!uc_is_cjk(before) && !uc_is_cjk(after) &&
		    before < 0x2000 && after < 0x2000)
			buf_putc(b, ' ');
	}
	buf_put(b, l->s, l->len);
}

static void
add_paragraph(struct doc *doc, const struct buf *text, unsigned int no,
    const char *rule)
{
	struct node	*p;

	if (text->len == 0)
		return;
	p = node_new(NODE_PARAGRAPH);
	p->line = no;
	p->rule = rule;
	node_append_text(p, text->ptr, text->len);
	if (node_append(doc->root, p) != 0)
		recover_raise(RECOVER_BUG);
}

static void
read_body(struct lines *ls, size_t from, struct doc *doc, struct diag *diag)
{
	struct buf	 para = BUF_INIT;
	size_t		 i, w = wrap_width(ls, from);
	unsigned int	 no = 0;

	if (w > 0)
		diag_note(diag, "hard-wrapped text (%zu columns): joining lines "
		    "into paragraphs", w);
	for (i = from; i < ls->n; i++) {
		struct line *l = &ls->v[i];

		if (is_blank(l) || l->drop) {
			add_paragraph(doc, &para, no, "text block");
			buf_truncate(&para, 0);
			continue;
		}
		if (w == 0 || l->indent || para.len == 0) {
			add_paragraph(doc, &para, no, "text line");
			buf_truncate(&para, 0);
			no = l->no;
		}
		join_line(&para, l);
		/* A short line ends its paragraph in wrapped text. */
		if (w > 0 && l->width + 6 < w) {
			add_paragraph(doc, &para, no, "text block");
			buf_truncate(&para, 0);
		}
	}
	add_paragraph(doc, &para, no, "text line");
	buf_free(&para);
}

/*
 * The SogouCS news corpus stores paragraph breaks as the GB18030 pair
 * FD A3, which decodes to the private-use U+E40C: make them line breaks.
 */
static size_t
pua_breaks(struct decoded *dec)
{
	size_t	 i, n = 0;

	for (i = 0; i + 3 <= dec->len; i++)
		if (memcmp(dec->text + i, "\xEE\x90\x8C", 3) == 0) {
			memcpy(dec->text + i, "\n\n\n", 3);
			n++;
		}
	return n;
}

static int
text_sniff(const char *data, size_t len)
{
	(void)data;
	(void)len;
	return 10;	/* the fallback for anything */
}

static int
text_read(const char *data, size_t len, const struct read_opts *opts,
    struct doc **out, struct diag *diag)
{
	struct decoded	 dec;
	struct lines	 ls = { 0 };
	struct doc	*doc = NULL;
	size_t		 i, start, body;
	unsigned int	 no = 1;
	int		 rc = -1;

	*out = NULL;
	memset(&dec, 0, sizeof(dec));
	if (opts->encoding == NULL && enc_looks_binary(data, len)) {
		diag_error(diag, "binary data, not a text article");
		goto out;
	}
	if (enc_decode(data, len, opts->encoding, NULL, &dec, diag) != 0)
		goto out;
	enc_clean(&dec);
	diag_note(diag, "encoding: %s%s", dec.encoding,
	    dec.bom ? " (byte-order mark)" : "");
	enc_warn_repairs(&dec, diag);
	if (strcmp(dec.encoding, "GB18030") == 0 && (i = pua_breaks(&dec)))
		diag_note(diag, "%zu GB18030 FD A3 paragraph marks", i);
	for (i = start = 0; i <= dec.len; i++)
		if (i == dec.len || dec.text[i] == '\n') {
			if (i < dec.len || i > start)
				lines_add(&ls, dec.text + start, i - start, no);
			no++;
			start = i + 1;
		}
	doc = doc_new();
	body = read_head(&ls, doc, diag);
	read_footer(&ls, body, diag);
	read_body(&ls, body, doc, diag);
	doc_set_meta(doc, META_LANG, article_guess_lang(dec.text, dec.len));
	outline_recognise(doc, diag);
	if (doc->root->first_child == NULL && doc->meta[META_TITLE] == NULL) {
		diag_error(diag, "no text");
		goto out;
	}
	*out = doc;
	doc = NULL;
	rc = 0;
out:
	doc_free(doc);
	free(ls.v);
	enc_free(&dec);
	return rc;
}

const struct reader reader_text = {
	"text",
	"txt text",
	"plain text (UTF-8, GB18030/GBK/GB2312, Big5, UTF-16 with BOM)",
	text_sniff,
	text_read,
};
