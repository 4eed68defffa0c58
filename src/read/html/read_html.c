/*
 * The web page reader: an article saved from a browser (Ctrl-S).
 *
 * 1. Decode: the bytes decide (encoding.h); the page's <meta charset> is
 *    only a hint, because pages lie (UTF-8 pages declaring gb2312, GBK
 *    pages declaring UTF-8).  NUL bytes are dropped; numeric references
 *    to Windows-1252 code points (&#0147;) become the characters HTML5
 *    maps them to; DTD declarations inside the page are removed, so no
 *    entity of the page's own is ever defined, let alone expanded.
 * 2. Parse with libxml2 into a compact tree without scripts, styles,
 *    comments and hidden elements (html_dom.h).
 * 3. Find the article: body, headline, metadata (html_extract.h).
 * 4. Convert the body into blocks (html_conv.h), drop a repeated
 *    headline and the page footer, shape the layout-made structure
 *    (shape.h) and run the outline recognition as the text reader
 *    does (outline.h).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze/analyze.h"
#include "analyze/article.h"
#include "analyze/outline.h"
#include "analyze/shape.h"
#include "analyze/shape_text.h"
#include "read/encoding.h"
#include "read/reader.h"
#include "tree/alloc.h"
#include "tree/buf.h"
#include "tree/utf8.h"
#include "html_conv.h"
#include "html_dom.h"
#include "html_extract.h"

/* --- sniffing ------------------------------------------------------------ */

static int
has_nocase(const char *s, size_t len, const char *word)
{
	size_t	 n = strlen(word), i;

	/* A cheap first-byte test before the full comparison. */
	for (i = 0; i + n <= len; i++)
		if ((s[i] | 0x20) == (word[0] | 0x20) && strncasecmp(s + i, word, n) == 0)
			return 1;
	return 0;
}

static size_t
count_nocase(const char *s, size_t len, const char *word)
{
	size_t	 n = strlen(word), i, k = 0;

	for (i = 0; i + n <= len; i++)
		if ((s[i] | 0x20) == (word[0] | 0x20) &&
		    strncasecmp(s + i, word, n) == 0)
			k++;
	return k;
}

static int
html_sniff(const char *data, size_t len)
{
	size_t	 i = 0, head = len < 1024 ? len : 1024;
	size_t	 more = len < 8192 ? len : 8192, tags;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < head && (data[i] == ' ' || data[i] == '\t' ||
	    data[i] == '\n' || data[i] == '\r'))
		i++;
	if (head - i >= 14 && strncasecmp(data + i, "<!doctype html", 14) == 0)
		return 95;
	if (has_nocase(data, head, "<html"))
		return 90;
	if (has_nocase(data, head, "<head") || has_nocase(data, head, "<body"))
		return 85;
	if (i < head && data[i] == '<' && (has_nocase(data, head, "<meta ") ||
	    has_nocase(data, head, "<title>")))
		return 80;
	tags = count_nocase(data, more, "<p>") + count_nocase(data, more,
	    "</p>") + count_nocase(data, more, "<div") + count_nocase(data,
	    more, "<br") + count_nocase(data, more, "<table") +
	    count_nocase(data, more, "<span");
	if (i < head && data[i] == '<' && tags >= 3)
		return 60;
	return tags >= 6 ? 40 : 0;
}

/* --- decoding ------------------------------------------------------------ */

/*
 * The charset a page declares in <meta charset=…>, <meta http-equiv=…
 * content="…; charset=…"> or <?xml encoding=…?> within its first 16 KB,
 * as a new string, or NULL.
 */
static char *
declared_charset(const char *data, size_t len)
{
	size_t	 n = len < 16384 ? len : 16384, i, j, end, k;
	const char *key;

	for (i = 0; i + 5 < n; i++) {
		if (data[i] != '<')
			continue;
		if (strncasecmp(data + i, "<meta", 5) == 0)
			key = "charset";
		else if (strncasecmp(data + i, "<?xml", 5) == 0)
			key = "encoding";
		else
			continue;
		for (end = i; end < n && data[end] != '>'; end++)
			;
		for (j = i; j + strlen(key) < end; j++) {
			if (strncasecmp(data + j, key, strlen(key)) != 0)
				continue;
			j += strlen(key);
			while (j < end && (data[j] == ' ' || data[j] == '='))
				j++;
			while (j < end && (data[j] == '"' || data[j] == '\''))
				j++;
			for (k = j; k < end && (((data[k] | 0x20) >= 'a' &&
			    (data[k] | 0x20) <= 'z') || (data[k] >= '0' &&
			    data[k] <= '9') || data[k] == '-' || data[k] == '_' ||
			    data[k] == ':' || data[k] == '.'); k++)
				;
			if (k > j && k - j < 40)
				return xstrndup(data + j, k - j);
		}
	}
	return NULL;
}

/*
 * What HTML5 makes of numeric references to 0x80-0x9F: the Windows-1252
 * characters.  The five holes would be C1 controls; U+FFFD instead.
 */
static const uint16_t cp1252[32] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

/* Parses "&#147;" / "&#x93;" at s; returns its value and length, or -1. */
static long
numeric_ref(const char *s, size_t len, size_t *n)
{
	size_t	 i = 2, start;
	long	 v = 0;
	int	 hex = 0;

	if (len < 4 || s[0] != '&' || s[1] != '#')
		return -1;
	if (s[2] == 'x' || s[2] == 'X') {
		hex = 1;
		i = 3;
	}
	for (start = i; i < len && i - start < 10; i++) {
		char c = s[i];

		if (c >= '0' && c <= '9')
			v = v * (hex ? 16 : 10) + (c - '0');
		else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			v = v * 16 + ((c | 0x20) - 'a' + 10);
		else
			break;
	}
	if (i == start)
		return -1;
	if (i < len && s[i] == ';')
		i++;
	*n = i;
	return v;
}

struct prep {
	size_t	 refs;		/* &#0147; style references mapped */
	size_t	 decls;		/* <!DOCTYPE […]> / <!ENTITY> removed */
};

/* The end of a markup declaration starting at s[i] ("<!"), exclusive. */
static size_t
decl_end(const char *s, size_t len, size_t i)
{
	size_t	 j, k;

	for (j = i; j < len && s[j] != '>'; j++)
		if (s[j] == '[') {
			/* An internal subset: up to "]>" or the end. */
			for (k = j; k + 1 < len; k++)
				if (s[k] == ']') {
					size_t m = k + 1;

					while (m < len && (s[m] == ' ' ||
					    s[m] == '\n' || s[m] == '\t'))
						m++;
					if (m < len && s[m] == '>')
						return m + 1;
				}
			return len;
		}
	return j < len ? j + 1 : len;
}

/*
 * Rewrites the decoded page in place (it only ever shrinks): maps
 * Windows-1252 references and removes DTD declarations, whose entities
 * libxml2's HTML parser would otherwise leave as stray text.
 */
static void
preprocess(struct decoded *dec, struct prep *st)
{
	char	*s = dec->text;
	size_t	 len = dec->len, r = 0, w = 0, n, e;
	long	 v;

	while (r < len) {
		if (s[r] == '&' && r + 1 < len && s[r + 1] == '#' &&
		    (v = numeric_ref(s + r, len - r, &n)) >= 0x80 && v <= 0x9F) {
			w += utf8_encode(cp1252[v - 0x80], s + w);
			r += n;
			st->refs++;
			continue;
		}
		if (s[r] == '<' && r + 2 < len && s[r + 1] == '!' &&
		    (strncasecmp(s + r + 2, "doctype", 7) == 0 ||
		    strncasecmp(s + r + 2, "entity", 6) == 0 ||
		    strncasecmp(s + r + 2, "element", 7) == 0 ||
		    strncasecmp(s + r + 2, "attlist", 7) == 0 ||
		    strncasecmp(s + r + 2, "notation", 8) == 0)) {
			e = decl_end(s, len, r);
			if (strncasecmp(s + r + 2, "doctype", 7) != 0 ||
			    memchr(s + r, '[', e - r) != NULL)
				st->decls++;
			r = e;
			continue;
		}
		s[w++] = s[r++];
	}
	s[w] = '\0';
	dec->len = w;
}

static void
report_encoding(const struct decoded *dec, const char *declared,
    struct diag *diag)
{
	const char	*canon = enc_canonical(declared);

	if (declared == NULL)
		diag_note(diag, "encoding: %s (the page declares none)",
		    dec->encoding);
	else if (canon != NULL && strcmp(canon, dec->encoding) == 0)
		diag_note(diag, "encoding: %s, as the page declares (%s)",
		    dec->encoding, declared);
	else
		diag_note(diag, "encoding: the page declares %s but its bytes "
		    "are %s; decoded as %s", declared, dec->encoding,
		    dec->encoding);
	enc_warn_repairs(dec, diag);
}

/* --- after conversion ---------------------------------------------------- */


/*
 * A heading of the page's markup that reads as sentences (two or more,
 * or one long one ending in 。) is a paragraph set in a heading's type:
 * some sites mark every news item with <h1>.
 */
static void
demote_sentence_headings(struct doc *doc, struct diag *diag)
{
	struct node	*c;
	struct buf	 t = BUF_INIT;
	size_t		 pos, chars, inside;
	uint32_t	 cp;

	for (c = doc->root->first_child; c != NULL; c = c->next) {
		if (c->type != NODE_HEADING)
			continue;
		buf_truncate(&t, 0);
		node_text(c, &t);
		chars = inside = 0;
		for (pos = 0; pos < t.len;) {
			cp = utf8_next(t.ptr, t.len, &pos);
			chars++;
			if ((cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F) &&
			    pos < t.len)
				inside++;
		}
		if (!(inside > 0 && chars > 30) && !(chars > 30 &&
		    ht_last_cp(t.ptr, t.len) == 0x3002))
			continue;
		diag_note(diag, "line %u: <h%d> holds sentences, not a "
		    "heading: a paragraph", c->line, c->as.heading.level);
		free(c->as.heading.label);
		c->type = NODE_PARAGRAPH;
		memset(&c->as, 0, sizeof(c->as));
		c->rule = "heading markup around sentences: a paragraph";
	}
	buf_free(&t);
}

/* Is p a paragraph that is one link and nothing else? */
static int
link_only(const struct node *p)
{
	const struct node *c;
	int		 links = 0;

	if (p->type != NODE_PARAGRAPH)
		return 0;
	for (c = p->first_child; c != NULL; c = c->next) {
		while (c->type == NODE_STRONG || c->type == NODE_EMPH) {
			if (c->first_child == NULL || c->first_child !=
			    c->last_child)
				return 0;
			c = c->first_child;
			break;
		}
		if (c->type == NODE_LINK)
			links++;
		else if (c->type != NODE_LINEBREAK)
			return 0;
	}
	return links > 0;
}

/* The address of the first link in paragraph p ("" when none has one). */
static const char *
first_link_url(const struct node *p)
{
	const struct node *c;
	const char	*url;

	for (c = p->first_child; c != NULL; c = c->next) {
		if (c->type == NODE_LINK)
			return c->as.link.url != NULL ? c->as.link.url : "";
		if (*(url = first_link_url(c)) != '\0')
			return url;
	}
	return "";
}

/*
 * How many links the n paragraphs from c on make, counting paragraphs in
 * a row that link to one address once: those are one link cut into
 * blocks (a note's embedded book or film card, its title, rating and
 * author line inside one <a>).
 */
static size_t
distinct_links(const struct node *c, size_t n)
{
	const char	*url, *prev = NULL;
	size_t		 links = 0;

	for (; n-- > 0; c = c->next, prev = url) {
		url = first_link_url(c);
		if (prev == NULL || *url == '\0' || strcmp(url, prev) != 0)
			links++;
	}
	return links;
}

/*
 * Runs of paragraphs that are each just a link, three links or more, are
 * lists of related articles, not text (a picture heading them goes too).
 */
static void
drop_link_lists(struct doc *doc, struct diag *diag)
{
	struct node	*c, *d, *next, *first;
	size_t		 run, cut = 0;

	for (c = doc->root->first_child; c != NULL; c = next) {
		for (run = 0, d = c; d != NULL && link_only(d); d = d->next)
			run++;
		if (run < 3 || distinct_links(c, run) < 3) {
			next = c->next;
			continue;
		}
		first = c;
		if (first->prev != NULL && first->prev->type == NODE_FIGURE &&
		    first->prev->first_child == NULL)
			first = first->prev;
		for (; first != d; first = next) {
			next = first->next;
			node_free(first);
			cut++;
		}
		next = d;
	}
	if (cut > 0)
		diag_note(diag, "html: %zu link-only paragraphs (a list of "
		    "related articles) left out", cut);
}

/* Short chrome lines left in the body (【字号 大 中 小】, 打印). */
static void
drop_chrome_lines(struct doc *doc)
{
	struct node	*c, *next;
	struct buf	 t = BUF_INIT;

	for (c = doc->root->first_child; c != NULL; c = next) {
		next = c->next;
		if (c->type != NODE_PARAGRAPH)
			continue;
		buf_truncate(&t, 0);
		node_text(c, &t);
		if ((utf8_count(t.ptr, t.len) <= 20 &&
		    article_chrome_line(t.ptr, t.len)) ||
		    article_breadcrumb(t.ptr, t.len))
			node_free(c);
	}
	buf_free(&t);
	/*
	 * A rule with no text before or after it in the body (the <hr> under
	 * a page's metadata row) separates the article from the page: it
	 * carries nothing of the article.
	 */
	while ((c = doc->root->first_child) != NULL && c->type == NODE_RULE)
		node_free(c);
	while ((c = doc->root->last_child) != NULL && c->type == NODE_RULE)
		node_free(c);
}

static int
html_read(const char *data, size_t len, const struct read_opts *opts,
    struct doc **out, struct diag *diag)
{
	struct decoded		 dec;
	struct hdom		 dom;
	struct html_article	 art;
	struct prep		 prep = { 0, 0 };
	struct doc		*doc = NULL;
	char			*declared;
	size_t			 hidden;
	int			 rc = -1;

	*out = NULL;
	memset(&dom, 0, sizeof(dom));
	memset(&art, 0, sizeof(art));
	declared = declared_charset(data, len);
	if (enc_decode(data, len, opts->encoding, declared, &dec, diag) != 0)
		goto out;
	enc_drop_nul(&dec, diag);	/* never text in a page */
	enc_clean(&dec);
	report_encoding(&dec, opts->encoding != NULL ? opts->encoding :
	    declared, diag);
	preprocess(&dec, &prep);
	if (prep.refs > 0)
		diag_note(diag, "html: %zu references to Windows-1252 code "
		    "points (&#0147; …) read as those characters", prep.refs);
	if (prep.decls > 0)
		diag_warn(diag, "%zu DTD declaration%s in the page ignored "
		    "(entities are never defined or expanded)", prep.decls,
		    prep.decls == 1 ? "" : "s");
	if (hdom_parse(&dom, dec.text, dec.len, opts->max_depth) != 0) {
		diag_error(diag, "the HTML parser could not start");
		goto out;
	}
	enc_free(&dec);
	if (dom.depth_cut > 0)
		diag_warn(diag, "%zu element%s nested deeper than %zu levels "
		    "flattened", dom.depth_cut, dom.depth_cut == 1 ? "" : "s",
		    opts->max_depth ? opts->max_depth : 128);
	if (dom.node_cut)
		diag_warn(diag, "page has more than %d nodes; the rest is "
		    "ignored", HDOM_MAX_NODES);
	hidden = hdom_hide(&dom);
	if (dom.hidden_kept > 0)
		diag_note(diag, "html: a hidden element holds most of the "
		    "page's text: kept as the article (the page's script "
		    "would show it)");
	if (dom.hidden > 0)
		diag_note(diag, "html: %zu hidden element%s left out (%zu by "
		    "style sheet, class or zero size)", dom.hidden,
		    dom.hidden == 1 ? "" : "s", hidden);
	doc = doc_new();
	if (html_extract(&dom, doc, &art, diag) != 0) {
		diag_error(diag, "no text in the page");
		goto out;
	}
	html_convert(&dom, art.roots, art.nroots, doc->root, diag);
	doc_wrap_item_tails(doc);
	/* The page's tree is not needed any more: give its memory back. */
	html_article_free(&art);
	hdom_free(&dom);
	if (shape_drop_title_repeat(doc) > 0)
		diag_note(diag, "html: headline repeated above the text left "
		    "out");
	drop_chrome_lines(doc);
	drop_link_lists(doc, diag);
	article_cut_footer(doc, "html", diag);
	demote_sentence_headings(doc, diag);
	analyze_article(doc, ANALYZE_PAGE, NULL, 0, &opts->outline, diag);
	rc = analyze_deliver(&doc, out, "no text in the page", diag);
out:
	doc_free(doc);
	html_article_free(&art);
	hdom_free(&dom);
	enc_free(&dec);
	free(declared);
	return rc;
}

const struct reader reader_html = {
	"html",
	"html htm xhtml shtml",
	"web pages saved from a browser (any charset, whatever they declare)",
	html_sniff,
	html_read,
};
