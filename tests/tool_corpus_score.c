/*
 * tool_corpus_score: reads every article listed in CORPUS/EXPECTED.tsv the
 * way artconv does and compares what it recognised with what a careful
 * reader sees: the title, the number of level-1 and level-2 headings and
 * the number of inline points.  Where CORPUS/SPANS.tsv names the first
 * and last sentence of an article's body and one line of its site chrome,
 * it also checks that the body is kept whole (both sentences, and every
 * Chinese character the source has between them, in order) and that the
 * chrome line is gone.  Prints a score table.
 *
 *   tool_corpus_score [-k KIND] [-h even|odd] [-s] CORPUS
 *
 * -k limits the run to one kind (text, html, markdown).  -h takes every
 * other row of EXPECTED.tsv (which lists files in name order), starting
 * with the first (even) or the second (odd): two halves for developing
 * rules on one and measuring them on the other.  -s is strict: exit 1
 * unless every file is exact, its body intact and its chrome dropped.
 * Without -s only the project's own sample (000-seed.txt) must be exact,
 * and no file may fail to convert.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyze/article.h"
#include "analyze/shape_text.h"
#include "read/encoding.h"
#include "read/html/html_dom.h"
#include "testutil.h"

#define SEED "000-seed.txt"

static size_t
count_headings(const struct doc *doc, int level)
{
	struct iter	 it;
	size_t		 n = 0;

	iter_init(&it, doc->root);
	while (iter_next(&it) != ITER_DONE)
		if (it.event == ITER_ENTER && it.node->type == NODE_HEADING &&
		    it.node->as.heading.level == level)
			n++;
	return n;
}

/*
 * Text folded for span comparison: no white space, no ASCII punctuation,
 * full-width forms as ASCII (the punctuation repair changes ,→，; Markdown
 * and HTML add their own ASCII marks).
 */
static void
span_fold(const char *s, size_t len, struct buf *out)
{
	size_t		 pos = 0;
	uint32_t	 cp;

	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		if (uc_is_space(cp) || (cp < 0x80 && !((cp >= '0' &&
		    cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' &&
		    cp <= 'z'))))
			continue;
		buf_put_utf8(out, cp);
	}
}

/* The tree's body text, labels and image descriptions included, folded. */
static void
tree_text(const struct doc *doc, struct buf *out)
{
	struct iter	 it;
	struct buf	 raw = BUF_INIT;
	const struct node *n;

	iter_init(&it, doc->root);
	while (iter_next(&it) != ITER_DONE) {
		if (it.event != ITER_ENTER)
			continue;
		n = it.node;
		if (n->type == NODE_TEXT)
			buf_puts(&raw, n->as.text);
		else if (n->type == NODE_HEADING && n->as.heading.label)
			buf_puts(&raw, n->as.heading.label);
		else if (n->type == NODE_POINT && n->as.point.label)
			buf_puts(&raw, n->as.point.label);
		else if (n->type == NODE_LIST_ITEM && n->as.item.label)
			buf_puts(&raw, n->as.item.label);
		else if (n->type == NODE_FIGURE && n->as.figure.alt)
			buf_puts(&raw, n->as.figure.alt);	/* every writer keeps it */
	}
	span_fold(raw.ptr != NULL ? raw.ptr : "", raw.len, out);
	buf_free(&raw);
}

/*
 * The source's own text, folded: the decoded file, or for a web page the
 * text of its elements (markup, scripts and styles left out).
 */
/*
 * Does s open a tag as CommonMark reads one: a tag name of ASCII letters,
 * digits and '-' (or '/' or '!' first) followed by a space, '/' or '>'?
 * "<g0v五週年黑客松>" is text.
 */
static int
md_tag_name_ends(const char *s, size_t len)
{
	size_t	 i = 0;

	if (len > 0 && (s[0] == '/' || s[0] == '!'))
		return 1;
	while (i < len && (((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') ||
	    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
		i++;
	return i > 0 && i < len && (s[i] == ' ' || s[i] == '/' ||
	    s[i] == '>' || s[i] == '\t' || s[i] == '\n');
}

static void
source_text(const char *data, size_t len, const char *path, struct buf *out)
{
	const struct reader *r = reader_detect(path, data, len);
	struct decoded	 dec;
	struct diag	 d;
	struct hdom	 dom;
	struct buf	 t = BUF_INIT;

	diag_init(&d, 0);
	if (enc_decode(data, len, NULL, NULL, &dec, &d) != 0) {
		diag_free(&d);
		return;
	}
	enc_clean(&dec);
	if (strcmp(r->name, "html") == 0) {
		if (hdom_parse(&dom, dec.text, dec.len, 0) == 0) {
			hdom_hide(&dom);
			hdom_collect_text(&dom, dom.root, &t, 0);
		}
		hdom_free(&dom);
		span_fold(t.ptr != NULL ? t.ptr : "", t.len, out);
	} else if (strcmp(r->name, "md") == 0) {
		/*
		 * Raw HTML in Markdown: its tags and attributes are no text;
		 * nor is a link's address (](…/卡爾·巴特)).
		 */
		size_t i, k;

		for (i = 0; i < dec.len; i++) {
			char c = i + 1 < dec.len ? dec.text[i + 1] : '\0';

			if (dec.text[i] == ']' && c == '(') {
				for (k = i + 2; k < dec.len && dec.text[k] != ')' &&
				    dec.text[k] != '\n' && dec.text[k] != ' '; k++)
					;
				if (k < dec.len && dec.text[k] == ')') {
					buf_putc(&t, ']');
					i = k;
					continue;
				}
			}

			if (dec.text[i] == '<' && (c == '/' || c == '!' ||
			    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) &&
			    md_tag_name_ends(dec.text + i + 1, dec.len - i - 1)) {
				for (k = i; k < dec.len && dec.text[k] != '>' &&
				    dec.text[k] != '\n'; k++)
					;
				if (k < dec.len && dec.text[k] == '>') {
					i = k;
					continue;
				}
			}
			buf_putc(&t, dec.text[i]);
		}
		span_fold(t.ptr != NULL ? t.ptr : "", t.len, out);
	} else
		span_fold(dec.text, dec.len, out);
	buf_free(&t);
	enc_free(&dec);
	diag_free(&d);
}

static const char *
find(const struct buf *hay, size_t from, const struct buf *needle)
{
	size_t		 i;

	if (needle->len == 0 || from > hay->len)
		return NULL;
	for (i = from; i + needle->len <= hay->len; i++)
		if (memcmp(hay->ptr + i, needle->ptr, needle->len) == 0)
			return hay->ptr + i;
	return NULL;
}

/*
 * Is the body kept whole?  Writes "ok" or what is wrong into verdict.
 * Both sentences must be in the output in order, and every character
 * from U+2E80 on (Chinese text and punctuation) that the source has
 * between them must be there too, in the same order.  Private-use
 * characters are marks, not text (an archive's paragraph separator).
 */
/*
 * SPANS.tsv's chrome field may be a piece of a line ("·46·" of a journal's
 * running head "·46·　农业经济与管理　2025年第3期"): the whole line of
 * the source it stands in is chrome.  Falls back to the field itself when
 * the source does not hold it as UTF-8 (a GBK file, say).
 */
static void
chrome_line(const char *data, size_t len, const char *chrome,
    struct buf *out)
{
	const char	*p = NULL, *b, *e;
	size_t		 n = strlen(chrome), i;

	buf_truncate(out, 0);
	for (i = 0; n > 0 && strcmp(chrome, "-") != 0 && i + n <= len; i++)
		if (memcmp(data + i, chrome, n) == 0) {
			p = data + i;
			break;
		}
	if (p == NULL) {
		buf_puts(out, chrome);
		return;
	}
	for (b = p; b > data && b[-1] != '\n'; b--)
		;
	e = memchr(p, '\n', len - (size_t)(p - data));
	buf_put(out, b, e != NULL ? (size_t)(e - b) : len - (size_t)(b - data));
	buf_putc(out, '\0');
	out->len--;
}

/* The characters of s[0..len) that body_intact() compares, in order. */
static void
compared_chars(const char *s, size_t len, struct buf *out)
{
	size_t		 pos = 0, start;
	uint32_t	 cp;

	while (pos < len) {
		start = pos;
		cp = utf8_next(s, len, &pos);
		/* U+3000 is a space: a paragraph's trailing one may go. */
		if (cp >= 0x2E80 && cp != 0x3000 &&
		    !(cp >= 0xE000 && cp <= 0xF8FF))
			buf_put(out, s + start, pos - start);
	}
}

static int
body_intact(const struct buf *src, const struct buf *got, const char *first,
    const char *last, const char *chrome, char *verdict, size_t vlen)
{
	struct buf	 f = BUF_INIT, l = BUF_INIT, want = BUF_INIT;
	struct buf	 ch = BUF_INIT, chw = BUF_INIT;
	const char	*s1, *s2, *g1, *g2;
	size_t		 sp, se, gp, ge, wp, missing = 0;
	uint32_t	 cp, w;
	int		 ok = 0;

	span_fold(first, strlen(first), &f);
	span_fold(last, strlen(last), &l);
	if ((s1 = find(src, 0, &f)) == NULL || (s2 = find(src,
	    (size_t)(s1 - src->ptr), &l)) == NULL) {
		snprintf(verdict, vlen, "(span not in source)");
		goto out;
	}
	/*
	 * The first sentence may be printed twice before the text begins
	 * (a clipper's excerpt, a front matter's description): the body
	 * starts at its last occurrence before the last sentence.
	 */
	for (;;) {
		const char *again = find(src, (size_t)(s1 - src->ptr) + 1, &f);

		if (again == NULL || again >= s2)
			break;
		s1 = again;
	}
	if ((g1 = find(got, 0, &f)) == NULL) {
		snprintf(verdict, vlen, "first sentence lost");
		goto out;
	}
	if ((g2 = find(got, (size_t)(g1 - got->ptr), &l)) == NULL) {
		snprintf(verdict, vlen, "last sentence lost");
		goto out;
	}
	sp = (size_t)(s1 - src->ptr);
	se = (size_t)(s2 - src->ptr) + l.len;
	gp = (size_t)(g1 - got->ptr);
	ge = (size_t)(g2 - got->ptr) + l.len;
	compared_chars(src->ptr + sp, se - sp, &want);
	/*
	 * The chrome line may stand inside the body (a running head between
	 * two pages, repeated with another page number): its characters are
	 * not body, so every occurrence of them is left out of the check.
	 */
	if (chrome != NULL && strcmp(chrome, "-") != 0) {
		span_fold(chrome, strlen(chrome), &ch);
		compared_chars(ch.ptr, ch.len, &chw);
	}
	for (wp = 0; wp < want.len;) {
		if (chw.len >= 6 && want.len - wp >= chw.len &&
		    memcmp(want.ptr + wp, chw.ptr, chw.len) == 0) {
			wp += chw.len;
			continue;
		}
		w = utf8_next(want.ptr, want.len, &wp);
		for (cp = 0; gp < ge && cp != w;)
			cp = utf8_next(got->ptr, ge, &gp);
		if (cp != w) {
			missing++;
			break;
		}
	}
	sp = wp;
	if (missing > 0 && getenv("SCORE_DEBUG") != NULL)
		fprintf(stderr, "lost near: %.*s\n", (int)(want.len - wp < 240 ?
		    want.len - wp : 240) + 60, want.ptr + (wp > 60 ? wp - 60 :
		    0));
	if (missing > 0) {
		snprintf(verdict, vlen, "text lost between the sentences "
		    "(at compared character byte %zu)", sp);
		goto out;
	}
	snprintf(verdict, vlen, "ok");
	ok = 1;
out:
	buf_free(&f);
	buf_free(&l);
	buf_free(&want);
	buf_free(&ch);
	buf_free(&chw);
	return ok;
}

/* SPANS.tsv: file, first body sentence, last body sentence, chrome. */
struct span {
	char	*file, *first, *last, *chrome;
};

static struct span *
read_spans(const char *corpus, size_t *n, char **keep)
{
	char		 path[4096], *tsv, *line, *save = NULL;
	struct span	*v = NULL;
	size_t		 len;

	*n = 0;
	snprintf(path, sizeof(path), "%s/SPANS.tsv", corpus);
	if ((tsv = tu_slurp(path, &len)) == NULL)
		return NULL;
	*keep = tsv;
	for (line = strtok_r(tsv, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char *f[4], *p = line;
		int nf = 0;

		while (nf < 4) {
			f[nf++] = p;
			if ((p = strchr(p, '\t')) == NULL)
				break;
			*p++ = '\0';
		}
		if (nf < 4 || strcmp(f[0], "file") == 0)
			continue;
		v = xreallocarray(v, *n + 1, sizeof(*v));
		v[*n].file = f[0];
		v[*n].first = f[1];
		v[*n].last = f[2];
		v[*n].chrome = f[3];
		(*n)++;
	}
	return v;
}

int
main(int argc, char *argv[])
{
	const char	*corpus, *kind = NULL;
	char		*tsv, *line, *save = NULL, path[4096];
	char		*spans_tsv = NULL;
	size_t		 len, files = 0, exact = 0, titles = 0, counts = 0;
	size_t		 points_ok = 0, nspans, row = 0, bodies = 0;
	size_t		 bodies_ok = 0, chromes = 0, chromes_ok = 0;
	struct span	*spans;
	int		 strict = 0, rc = 0, c, half = -1;

	while ((c = getopt(argc, argv, "h:k:s")) != -1) {
		if (c == 'k')
			kind = optarg;
		else if (c == 's')
			strict = 1;
		else if (c == 'h' && strcmp(optarg, "even") == 0)
			half = 0;
		else if (c == 'h' && strcmp(optarg, "odd") == 0)
			half = 1;
		else
			return 2;
	}
	if (optind != argc - 1) {
		fprintf(stderr, "usage: tool_corpus_score [-k KIND] "
		    "[-h even|odd] [-s] CORPUS\n");
		return 2;
	}
	corpus = argv[optind];
	snprintf(path, sizeof(path), "%s/EXPECTED.tsv", corpus);
	if ((tsv = tu_slurp(path, &len)) == NULL) {
		fprintf(stderr, "tool_corpus_score: %s: cannot read\n", path);
		return 2;
	}
	spans = read_spans(corpus, &nspans, &spans_tsv);
	printf("%-42s %-5s %-9s %-9s %-9s %-5s %-6s %s\n", "file", "title",
	    "L1 got/exp", "L2", "points", "body", "chrome", "");
	for (line = strtok_r(tsv, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char		*field[11] = { 0 }, *p = line, *data;
		int		 nf = 0;
		size_t		 dlen, l1, l2, pts, k;
		long		 e1, e2, ep;
		struct pipeline_opts po;
		struct diag	 d;
		struct doc	*doc = NULL;
		struct buf	 src = BUF_INIT, got = BUF_INIT, cl = BUF_INIT;
		const struct span *sp = NULL;
		const char	*body = "-", *chrome = "-";
		char		 verdict[128] = "";
		int		 title_ok, all_ok, body_ok = 1, chrome_ok = 1;

		if (strncmp(line, "file\t", 5) == 0)
			continue;
		while (nf < 11) {
			field[nf++] = p;
			if ((p = strchr(p, '\t')) == NULL)
				break;
			*p++ = '\0';
		}
		if (nf < 10)
			continue;
		if (half >= 0 && (int)(row++ % 2) != half)
			continue;
		if (kind != NULL && strcmp(field[4], kind) != 0)
			continue;
		e1 = strtol(field[7], NULL, 10);
		e2 = strtol(field[8], NULL, 10);
		ep = strtol(field[9], NULL, 10);
		snprintf(path, sizeof(path), "%s/%s", corpus, field[0]);
		if ((data = tu_slurp(path, &dlen)) == NULL) {
			printf("%-42s missing\n", field[0]);
			rc = 1;
			continue;
		}
		memset(&po, 0, sizeof(po));
		po.read.filename = path;
		po.read.max_depth = 128;
		diag_init(&d, 0);
		files++;
		if (pipeline_read(data, dlen, &po, &doc, &d) != 0) {
			printf("%-42s FAILED: %s\n", field[0],
			    diag_last_error(&d) ? diag_last_error(&d) : "?");
			rc = 1;
			diag_free(&d);
			free(data);
			continue;
		}
		/*
		 * Titles compare folded: the typography pass turns the
		 * seed's "," into "，".
		 */
		/* "-": the article has no headline of its own. */
		title_ok = strcmp(field[6], "-") == 0 ?
		    doc->meta[META_TITLE] == NULL :
		    article_same_text(field[6], doc->meta[META_TITLE] != NULL ?
		    doc->meta[META_TITLE] : "");
		l1 = count_headings(doc, 1);
		l2 = count_headings(doc, 2);
		pts = node_count(doc->root, NODE_POINT);
		for (k = 0; k < nspans; k++)
			if (strcmp(spans[k].file, field[0]) == 0)
				sp = &spans[k];
		if (sp != NULL) {
			source_text(data, dlen, path, &src);
			tree_text(doc, &got);
			chrome_line(data, dlen, sp->chrome, &cl);
			body_ok = body_intact(&src, &got, sp->first, sp->last,
			    cl.ptr, verdict, sizeof(verdict));
			body = body_ok ? "ok" : "MISS";
			bodies++;
			bodies_ok += body_ok;
			if (strcmp(sp->chrome, "-") != 0) {
				struct buf ch = BUF_INIT;

				span_fold(sp->chrome, strlen(sp->chrome), &ch);
				chrome_ok = find(&got, 0, &ch) == NULL;
				chrome = chrome_ok ? "ok" : "LEFT";
				chromes++;
				chromes_ok += chrome_ok;
				buf_free(&ch);
			}
		}
		all_ok = title_ok && (long)l1 == e1 && (long)l2 == e2 &&
		    (long)pts == ep;
		titles += title_ok;
		counts += (long)l1 == e1 && (long)l2 == e2;
		points_ok += (long)pts == ep;
		exact += all_ok;
		printf("%-42s %-5s %4zu/%-4ld %4zu/%-4ld %4zu/%-4ld %-5s %-6s "
		    "%s\n", field[0], title_ok ? "ok" : "MISS", l1, e1, l2, e2,
		    pts, ep, body, chrome, all_ok ? "exact" : "");
		if (!title_ok)
			printf("%42s got \"%s\"\n", "",
			    doc->meta[META_TITLE] ? doc->meta[META_TITLE] :
			    "(none)");
		if (!body_ok)
			printf("%42s body: %s\n", "", verdict);
		if ((!all_ok || !body_ok || !chrome_ok) &&
		    (strict || strcmp(field[0], SEED) == 0))
			rc = 1;
		doc_free(doc);
		diag_free(&d);
		buf_free(&src);
		buf_free(&cl);
		buf_free(&got);
		free(data);
	}
	printf("score: %zu files, titles %zu/%zu, heading counts %zu/%zu, "
	    "point counts %zu/%zu, exact %zu/%zu, body intact %zu/%zu, "
	    "chrome dropped %zu/%zu\n", files, titles, files, counts, files,
	    points_ok, files, exact, files, bodies_ok, bodies, chromes_ok,
	    chromes);
	free(spans);
	free(spans_tsv);
	free(tsv);
	return rc;
}
