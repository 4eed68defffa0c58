/*
 * The headline and metadata of a web page (html_extract.h): which
 * element holds the headline (agreement with og:title and <title>), the
 * kicker above it and the subtitle below, the metadata lines between it
 * and the body, and the <meta> and <link> tags of the head.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze/article.h"
#include "tree/alloc.h"
#include "tree/buf.h"
#include "tree/utf8.h"
#include "html_extract.h"

/* Class and id words of headline elements. */
static const char *const title_words[] = {
	"title", "headline", "biaoti", "p_title", NULL
};

/* --- text helpers -------------------------------------------------------- */

static char *
node_string(const struct hdom *dom, const struct hnode *n, int sep)
{
	struct buf	 b = BUF_INIT;

	hdom_collect_text(dom, n, &b, sep);
	return buf_detach(&b, NULL);
}

/*
 * Folds s for comparison: full-width ASCII to ASCII, U+3000 and runs of
 * white space to one space, trimmed.
 */
static void
fold(const char *s, struct buf *out)
{
	size_t		 pos = 0, len = strlen(s);
	uint32_t	 cp;
	int		 space = 0;

	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		if (uc_is_space(cp)) {
			space = 1;
			continue;
		}
		if (space && out->len > 0)
			buf_putc(out, ' ');
		space = 0;
		buf_put_utf8(out, cp);
	}
}

/* Characters that separate a headline from a site name in <title>. */
static int
title_sep(uint32_t cp)
{
	switch (cp) {
	case ' ': case '-': case '_': case '|': case 0x2014: case 0x2013:
	case 0xB7: case ':': case '(': case '[': case 0x3010: case '<':
	case 0x300A: case '@': case '/': case 0xFF5C: case 0x2027:
	case 0x30FB:
		return 1;
	default:
		return 0;
	}
}

/*
 * Does page title t start with headline h, followed by a separator, or
 * end with it after one (the site's name first: "政府新聞公報 - 勞工處…")?
 * Returns 2 for equal, 1 for a prefix or suffix, 0 otherwise.
 */
static int
title_agrees(const char *t, const char *h)
{
	struct buf	 x = BUF_INIT, y = BUF_INIT;
	int		 r = 0;
	size_t		 pos;

	fold(t, &x);
	fold(h, &y);
	if (y.len == 0)
		r = 0;
	else if (x.len == y.len && memcmp(x.ptr, y.ptr, y.len) == 0)
		r = 2;
	else if (x.len > y.len && memcmp(x.ptr, y.ptr, y.len) == 0) {
		pos = y.len;
		r = title_sep(utf8_next(x.ptr, x.len, &pos));
	} else if (x.len > y.len && memcmp(x.ptr + x.len - y.len, y.ptr,
	    y.len) == 0) {
		pos = x.len - y.len;
		r = title_sep(utf8_prev(x.ptr, &pos));
	}
	buf_free(&x);
	buf_free(&y);
	return r;
}

/* Han characters of s, at most max of them, into v; returns how many. */
static size_t
han_chars(const char *s, uint32_t *v, size_t max)
{
	size_t		 pos = 0, len = strlen(s), n = 0;
	uint32_t	 cp;

	while (pos < len && n < max)
		if (uc_is_han(cp = utf8_next(s, len, &pos)))
			v[n++] = cp;
	return n;
}

/*
 * Does headline h print the page title t in full where t abbreviates it?
 * Sites shorten the headline in <title> ("市政府召开常务会议" for
 * "市政府召开第二十次常务会议"), or drop a column tag or a place.  True
 * when the Han characters of t (its site name stripped), at least four,
 * mostly (three quarters) appear in h in order.
 */
static int
title_abbreviates(const char *t, const char *h)
{
	uint32_t	 a[64], b[128];
	size_t		 na, nb, i, j, prev[129], cur[129];
	char		*stem = article_strip_site(t);
	int		 r;

	na = han_chars(stem, a, 64);
	free(stem);
	nb = han_chars(h, b, 128);
	if (na < 4 || nb < na || nb > 100)
		return 0;
	/* Longest common subsequence, one row at a time. */
	memset(prev, 0, sizeof(prev));
	for (i = 0; i < na; i++) {
		cur[0] = 0;
		for (j = 0; j < nb; j++)
			cur[j + 1] = a[i] == b[j] ? prev[j] + 1 :
			    (prev[j + 1] > cur[j] ? prev[j + 1] : cur[j]);
		memcpy(prev, cur, sizeof(cur));
	}
	r = prev[nb] * 4 >= na * 3;
	return r;
}

/*
 * The part of page title t after its first site separator, for titles
 * that give the site's name first ("青溪县委党校--标题"); NULL when t has
 * no separator or nothing after it.
 */
static char *
after_site(const char *title)
{
	const char	*p;
	size_t		 seplen;

	if ((p = article_site_separator(title, &seplen)) == NULL)
		return NULL;
	p += seplen;
	while (*p == ' ')
		p++;
	return *p != '\0' ? xstrdup(p) : NULL;
}

/* --- headline ------------------------------------------------------------ */

struct page_meta {
	char	*title;		/* <title> */
	char	*og_title;
	char	*published;	/* article:published_time and kin */
	char	*author;
	char	*url;
	char	*site;		/* og:site_name */
	char	*lang;
};

static void
page_meta_free(struct page_meta *pm)
{
	free(pm->title);
	free(pm->og_title);
	free(pm->published);
	free(pm->author);
	free(pm->url);
	free(pm->site);
	free(pm->lang);
}

static void
set_once(char **slot, const char *v)
{
	if (*slot == NULL && v != NULL && *v != '\0')
		*slot = xstrdup(v);
}

static void
read_head(const struct hdom *dom, struct page_meta *pm)
{
	const struct hnode *n;
	const char	*name, *prop, *content, *rel, *href;
	char		*t;

	for (n = dom->root; n != NULL; n = hdom_next(dom->root, n, 0)) {
		switch (n->tag) {
		case HT_TITLE:
			if (pm->title == NULL) {
				t = node_string(dom, n, 0);
				if (*t != '\0')
					pm->title = t;
				else
					free(t);
			}
			break;
		case HT_HTML:
			set_once(&pm->lang, hdom_attr(dom, n, HA_LANG));
			break;
		case HT_META:
			name = hdom_attr(dom, n, HA_NAME);
			prop = hdom_attr(dom, n, HA_PROPERTY);
			content = hdom_attr(dom, n, HA_CONTENT);
			if (content == NULL)
				break;
			if (prop == NULL)
				prop = name;
			if (prop == NULL)
				break;
			if (strcasecmp(prop, "og:title") == 0 ||
			    strcasecmp(prop, "twitter:title") == 0)
				set_once(&pm->og_title, content);
			else if (strcasecmp(prop, "article:published_time") ==
			    0 || strcasecmp(prop, "og:article:published_time")
			    == 0 || strcasecmp(prop, "pubdate") == 0 ||
			    strcasecmp(prop, "publishdate") == 0 ||
			    strcasecmp(prop, "publish_date") == 0 ||
			    strcasecmp(prop, "datePublished") == 0 ||
			    strcasecmp(prop, "og:release_date") == 0)
				set_once(&pm->published, content);
			else if (strcasecmp(prop, "author") == 0 ||
			    strcasecmp(prop, "article:author") == 0)
				set_once(&pm->author, content);
			else if (strcasecmp(prop, "og:url") == 0)
				set_once(&pm->url, content);
			else if (strcasecmp(prop, "og:site_name") == 0)
				set_once(&pm->site, content);
			break;
		case HT_LINK:
			rel = hdom_attr(dom, n, HA_REL);
			href = hdom_attr(dom, n, HA_HREF);
			if (rel != NULL && href != NULL &&
			    strcasecmp(rel, "canonical") == 0 && pm->url != NULL)
				free(pm->url), pm->url = NULL;
			if (rel != NULL && href != NULL &&
			    strcasecmp(rel, "canonical") == 0)
				set_once(&pm->url, href);
			break;
		default:
			break;
		}
	}
}

/*
 * A link to a site's or blog's home: a path of at most one segment, or
 * an index page.
 */
static int
home_url(const char *h)
{
	const char	*p = h, *q;
	size_t		 segs = 0;

	if ((q = strstr(p, "://")) != NULL) {
		p = strchr(q + 3, '/');
		if (p == NULL)
			return 1;
	}
	if (strchr(p, '?') != NULL)
		return 0;
	for (q = p; *q != '\0'; q++)
		if (*q == '/' && q[1] != '\0' && q[1] != '/')
			segs++;
	if (segs <= 1 && strchr(p, '.') == NULL)
		return 1;
	q = strrchr(p, '/');
	return q != NULL && strncasecmp(q, "/index.", 7) == 0;
}

/* Is n inside a link to a home page (a logo)? */
static int
in_home_link(const struct hdom *dom, const struct hnode *n)
{
	const char	*h;
	size_t		 k;

	for (k = 0; n != NULL && k < 4; n = n->parent, k++)
		if (n->tag == HT_A && (h = hdom_attr(dom, n, HA_HREF)) != NULL &&
		    home_url(h))
			return 1;
	return 0;
}

static int
is_inside(const struct hnode *n, const struct hnode *anc)
{
	for (; n != NULL; n = n->parent)
		if (n == anc)
			return 1;
	return 0;
}

static int
in_roots(const struct html_article *art, const struct hnode *n)
{
	size_t	 i;

	for (i = 0; i < art->nroots; i++)
		if (is_inside(n, art->roots[i]))
			return 1;
	return 0;
}

/* Score of element n (text t) as the headline. */
static int
headline_score(const struct hdom *dom, const struct hnode *n, const char *t,
    const struct page_meta *pm, const struct html_article *art)
{
	int	 s = 0, a;
	int	 lvl = hdom_heading_level((enum htag)n->tag);

	if (pm->title != NULL && (a = title_agrees(pm->title, t)) > 0)
		s += a == 2 ? 50 : 40;
	if (pm->og_title != NULL && (a = title_agrees(pm->og_title, t)) > 0)
		s += a == 2 ? 50 : 30;
	else if (s == 0 && pm->title != NULL &&
	    title_abbreviates(pm->title, t))
		s += 30;
	if (lvl == 1)
		s += 8;
	else if (lvl == 2)
		s += 5;
	else if (lvl > 0)
		s += 3;
	if (hdom_class_has(dom, n, title_words))
		s += 4;
	if (in_home_link(dom, n))
		s -= 30;
	if (art->nroots > 0) {
		if (in_roots(art, n))
			s += 3;
		else if (n->order < art->roots[0]->order)
			s += 5;
		else
			s -= 10;
	}
	return s;
}

/*
 * Finds the headline element.  Returns it (and its text in *text), or
 * NULL.
 */
static struct hnode *
find_headline(struct hdom *dom, const struct page_meta *pm,
    const struct html_article *art, char **text)
{
	struct hnode	*n, *best = NULL;
	char		*t, *best_t = NULL;
	int		 s, best_s = 39;
	size_t		 chars;

	for (n = dom->root; n != NULL; n = hdom_next(dom->root, n, 0)) {
		if (n->tag == HT_TEXT || n->tag == HT_TITLE ||
		    n->tag == HT_HEAD || n->tag == HT_META)
			continue;
		if (!(hdom_heading_level((enum htag)n->tag) > 0 &&
		    n->tag <= HT_H4) && !(hdom_class_has(dom, n, title_words) &&
		    n->chars <= 200))
			continue;
		if (n->chars < 2 || n->chars > 200)
			continue;
		t = node_string(dom, n, 0);
		chars = utf8_count(t, strlen(t));
		s = chars >= 2 ? headline_score(dom, n, t, pm, art) : 0;
		if (s > best_s) {
			best_s = s;
			best = n;
			free(best_t);
			best_t = t;
		} else
			free(t);
	}
	*text = best_t;
	return best;
}

/* The first <h1> with a headline's length, for pages without <title>. */
static struct hnode *
first_h1(struct hdom *dom)
{
	struct hnode	*n;

	for (n = dom->root; n != NULL; n = hdom_next(dom->root, n, 0))
		if (n->tag == HT_H1 && n->chars >= 2 && n->chars <= 100 &&
		    !in_home_link(dom, n))
			return n;
	return NULL;
}

/*
 * The page's one <h1>, when it stands before the article's text and
 * reads as a headline (2-80 characters, no full stop), or NULL.
 */
static struct hnode *
sole_h1(struct hdom *dom, const struct html_article *art)
{
	struct hnode	*n, *h = NULL;
	char		*t;
	int		 ok;

	for (n = dom->root; n != NULL; n = hdom_next(dom->root, n, 0))
		if (n->tag == HT_H1) {
			if (h != NULL)
				return NULL;
			h = n;
		}
	if (h == NULL || h->chars < 2 || h->chars > 80 ||
	    in_home_link(dom, h) || art->nroots == 0 ||
	    h->order >= art->roots[0]->order)
		return NULL;
	t = node_string(dom, h, 0);
	ok = strstr(t, "。") == NULL;
	free(t);
	return ok ? h : NULL;
}

/* Which elements before the text last_headline() considers. */
enum headline_kind {
	HL_TITLED,	/* class names a title: render-detail-title */
	HL_HEADING	/* <h1>-<h6> */
};

static int
headline_candidate(const struct hdom *dom, const struct hnode *n,
    enum headline_kind kind)
{
	if (n->tag == HT_TEXT || n->chars > 80 || in_home_link(dom, n))
		return 0;
	if (kind == HL_TITLED)
		return n->chars >= 2 && hdom_class_has(dom, n, title_words);
	return n->tag >= HT_H1 && n->tag <= HT_H6 && n->chars >= 6 &&
	    n->link_chars * 2 <= n->chars;
}

/*
 * The last element before the article's text that reads as a headline
 * (2-80 characters, no full stop, no breadcrumb, not a link home), of one
 * kind: an element whose class names a title ("render-detail-title",
 * "article-title"), for pages whose <title> is the site's name alone
 * ("学习强国"); or a heading element of 6 characters or more, mostly not
 * a link, for pages whose <title> is a section's name (新闻动态) and whose
 * headline is an <h5> over the metadata line.  A breadcrumb titled so
 * (title_la: 首页 - 新闻动态) is none.
 */
static struct hnode *
last_headline(struct hdom *dom, const struct html_article *art,
    enum headline_kind kind, char **text)
{
	struct hnode	*n, *best = NULL;
	char		*t;

	*text = NULL;
	if (art->nroots == 0)
		return NULL;
	for (n = dom->root; n != NULL; n = hdom_next(dom->root, n, 0)) {
		if (n->order >= art->roots[0]->order)
			break;
		if (!headline_candidate(dom, n, kind))
			continue;
		t = node_string(dom, n, 0);
		if (strstr(t, "。") == NULL && utf8_count(t, strlen(t)) >= 2 &&
		    !article_breadcrumb(t, strlen(t)) &&
		    (kind == HL_TITLED || !article_chrome_line(t, strlen(t)))) {
			best = n;
			free(*text);
			*text = t;
		} else
			free(t);
	}
	return best;
}

/* The first block whose text is exactly t (before or at the body). */
static struct hnode *
find_text_block(struct hdom *dom, const char *t)
{
	struct hnode	*n;
	char		*s;
	size_t		 chars = utf8_count(t, strlen(t));

	for (n = dom->root; n != NULL; n = hdom_next(dom->root, n, 0)) {
		if (n->tag == HT_TEXT || n->tag == HT_TITLE ||
		    n->tag == HT_HEAD || n->chars < chars / 2 ||
		    n->chars > chars + 4 || n->tag == HT_ROOT ||
		    n->tag == HT_HTML || n->tag == HT_BODY)
			continue;
		s = node_string(dom, n, 0);
		if (article_same_text(s, t)) {
			free(s);
			return n;
		}
		free(s);
	}
	return NULL;
}

/* --- kicker and subtitle ------------------------------------------------- */

static char	*english_date(const char *);

/*
 * The headline's box: climbing while the headline is all there is in
 * its parent (an <h2> alone in an <li>).
 */
static struct hnode *
title_box(struct hnode *title)
{
	struct hnode	*n = title;

	while (n->parent != NULL && n->parent->chars == n->chars &&
	    n->parent->tag != HT_BODY && n->parent->tag != HT_ROOT) {
		struct hnode *c;
		int alone = 1;

		for (c = n->parent->first; c != NULL; c = c->next)
			if (c != n && c->tag != HT_TEXT && c->chars > 0)
				alone = 0;
		if (!alone)
			break;
		n = n->parent;
	}
	return n;
}

static int
ends_sentence(const char *t)
{
	size_t		 len = strlen(t), pos = len;
	uint32_t	 cp;

	if (len == 0)
		return 0;
	cp = utf8_prev(t, &pos);
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1B || cp == '.' ||
	    cp == 0xFF0C || cp == 0xFF1A;
}

/* Does t end with a sentence's full stop (。！？)? */
static int
full_stop(const char *t)
{
	size_t		 pos = strlen(t);
	uint32_t	 cp;

	if (pos == 0)
		return 0;
	cp = utf8_prev(t, &pos);
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;
}

/* Could n (text t) be a kicker or subtitle line? */
static int
deck_line(const struct hnode *n, const char *t)
{
	struct article_meta	 m = { 0 };
	size_t			 chars = utf8_count(t, strlen(t));
	char			*d;
	int			 meta;

	if (chars < 4 || chars > 80 || n->link_chars > 0 || ends_sentence(t) ||
	    article_chrome_line(t, strlen(t)))
		return 0;
	meta = article_meta_line(t, strlen(t), &m);
	article_meta_free(&m);
	if (meta)
		return 0;
	if ((d = article_find_date(t, strlen(t), NULL, NULL)) != NULL ||
	    (d = english_date(t)) != NULL) {
		free(d);
		return 0;
	}
	return 1;
}

/* The nearest element sibling of n with text, before (dir -1) or after. */
static struct hnode *
text_sibling(struct hnode *n, int dir)
{
	struct hnode	*s;

	for (s = dir < 0 ? n->prev : n->next; s != NULL;
	    s = dir < 0 ? s->prev : s->next) {
		if (s->tag == HT_TEXT) {
			if (s->chars > 0)
				return NULL;
			continue;
		}
		if (s->chars > 0)
			return s;
	}
	return NULL;
}

static void
find_deck(struct hdom *dom, struct hnode *title, struct doc *doc,
    struct diag *diag)
{
	struct hnode	*n = title_box(title), *s;
	char		*t;
	static const char *const sub_words[] = {
		"subtitle", "sub_title", "sub-title", "subhead", "futitle",
		"fu_title", "fu-title", NULL
	};

	if ((s = text_sibling(n, -1)) != NULL && !html_has_block_child(s) &&
	    s->tag != HT_TITLE) {
		t = node_string(dom, s, 0);
		if (deck_line(s, t) && utf8_count(t, strlen(t)) <= 40) {
			doc_set_meta(doc, META_KICKER, t);
			html_drop(s);
			diag_note(diag, "html: kicker (引题) \"%s\"", t);
		}
		free(t);
	}
	if ((s = text_sibling(n, 1)) != NULL && !html_has_block_child(s) &&
	    (hdom_heading_level((enum htag)s->tag) > 1 ||
	    hdom_class_has(dom, s, sub_words))) {
		t = node_string(dom, s, 0);
		if (deck_line(s, t)) {
			doc_set_meta(doc, META_SUBTITLE, t);
			html_drop(s);
			diag_note(diag, "html: subtitle \"%s\"", t);
		}
		free(t);
	}
}

/* --- metadata lines ------------------------------------------------------ */

static const char *const months[] = {
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
	"nov", "dec"
};

/* "Dec 28 Sat 2013 00:28", "28 December 2013": a date in English. */
static char *
english_date(const char *s)
{
	struct buf	 b = BUF_INIT;
	const char	*p;
	int		 month = 0, day = 0, year = 0, h = -1, mi = -1, v, k;
	size_t		 i;

	for (p = s; *p != '\0'; p++) {
		if (month == 0 && (p == s || !((p[-1] | 0x20) >= 'a' &&
		    (p[-1] | 0x20) <= 'z'))) {
			for (i = 0; i < 12; i++)
				if (strncasecmp(p, months[i], 3) == 0) {
					month = (int)i + 1;
					break;
				}
			if (month != 0) {
				while (((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
					p++;
				p--;
				continue;
			}
		}
		if (*p < '0' || *p > '9' || (p > s && p[-1] >= '0' &&
		    p[-1] <= '9'))
			continue;
		for (v = 0, k = 0; p[k] >= '0' && p[k] <= '9' && k < 5; k++)
			v = v * 10 + (p[k] - '0');
		if (p[k] == ':' && h < 0 && k <= 2) {
			h = v;
			mi = atoi(p + k + 1);
		} else if (k == 4 && v >= 1900 && v < 2200)
			year = v;
		else if (k <= 2 && day == 0 && v >= 1 && v <= 31)
			day = v;
		p += k - 1;
	}
	if (month == 0 || day == 0 || year == 0)
		return NULL;
	buf_printf(&b, "%04d-%02d-%02d", year, month, day);
	if (h >= 0 && h < 24 && mi >= 0 && mi < 60)
		buf_printf(&b, " %02d:%02d", h, mi);
	return buf_detach(&b, NULL);
}

/*
 * A news outlet's name standing alone (新华社, 人民日报, 央视网): short,
 * no punctuation, ending in 社 报 网 台 …
 */
static int
source_name(const char *t)
{
	static const char *const ends[] = {
		"社", "报", "網", "网", "台", "日报", "晚报", "新闻", "频道",
		"杂志", "周刊", "報", "電視台",
	};
	size_t	 len = strlen(t), chars = utf8_count(t, len), i, n, pos;

	if (chars < 2 || chars > 12)
		return 0;
	for (pos = 0; pos < len;) {
		uint32_t cp = utf8_next(t, len, &pos);

		if (!uc_is_han(cp) && cp != '-' && cp != 0x300A &&
		    cp != 0x300B)
			return 0;
	}
	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		n = strlen(ends[i]);
		if (len > n && memcmp(t + len - n, ends[i], n) == 0)
			return 1;
	}
	return 0;
}

/* A block with text and no block inside: one line of the page. */
static int
leaf_block(const struct hnode *n)
{
	return n->tag != HT_TEXT && n->ichars > 0 &&
	    (hdom_is_block((enum htag)n->tag) || n->tag == HT_ROOT) &&
	    !html_has_block_child(n);
}

/*
 * Reads line t as metadata.  Returns 1 if it is a metadata line (to be
 * left out of the body), 2 if it only gave a date, 0 otherwise.
 */
static int
meta_from(const char *t, struct article_meta *m, int dates_only)
{
	size_t	 len = strlen(t), ds, de;
	char	*d;

	if (len == 0 || utf8_count(t, len) > 150)
		return 0;
	if (!dates_only && article_meta_line(t, len, m))
		return 1;
	d = article_find_date(t, len, &ds, &de);
	if (d == NULL && utf8_count(t, len) <= 40)
		d = english_date(t);
	if (d == NULL)
		return 0;
	if (m->date == NULL && utf8_count(t, len) <= 60)
		m->date = d;
	else
		free(d);
	return 2;
}

static void
find_meta(struct hdom *dom, struct hnode *title, struct html_article *art,
    struct doc *doc, struct diag *diag)
{
	struct article_meta	 m = { 0 };
	struct hnode		*n, *start, *body = art->roots[0];
	char			*t;
	size_t			 seen = 0, k, chars;
	int			 r, in_body = 0, lines = 0, dated;

	/* Just above the headline: a date line, as on blogs. */
	if (title != NULL) {
		for (n = title_box(title), k = 0; k < 3 &&
		    (n = text_sibling(n, -1)) != NULL; k++) {
			if (n->link_chars > 0 || n->chars > 60)
				break;
			t = node_string(dom, n, 1);
			if (meta_from(t, &m, 1) == 2)
				html_drop(n);
			free(t);
		}
	}
	/* From the headline on, to the first paragraph of running text. */
	if (title != NULL)
		start = hdom_next(dom->root, title, 1);
	else {
		/* Up to fifteen steps back from the body. */
		for (n = body, k = 0; k < 15; k++) {
			struct hnode *p = n->prev != NULL ? n->prev : n->parent;

			if (p == NULL || p->tag == HT_BODY || p->tag == HT_ROOT)
				break;
			n = p;
		}
		start = n;
	}
	for (n = start; n != NULL && seen < 80; n = hdom_next(dom->root, n,
	    0)) {
		if (in_roots(art, n))
			in_body = 1;
		else if (in_body)
			break;
		if (!leaf_block(n) || (n->flags & HN_DROP))
			continue;
		seen++;
		chars = n->chars;
		if (chars > 150) {
			if (in_body || n->ipunct >= 3)
				break;
			continue;
		}
		if (in_body && ++lines > 6)
			break;
		t = node_string(dom, n, 1);
		dated = m.date != NULL;
		r = meta_from(t, &m, 0);
		if (r == 2 && !dated && in_body && utf8_count(t, strlen(t)) >
		    30 && ends_sentence(t)) {
			/* A date in a sentence of the text is not the page's. */
			free(m.date);
			m.date = NULL;
		}
		if (r == 1 || (r == 2 && utf8_count(t, strlen(t)) <= 30)) {
			html_drop(n);
			diag_note(diag, "html: metadata line \"%s\"", t);
		} else if (r == 0 && !in_body && m.source == NULL &&
		    source_name(t)) {
			m.source = xstrdup(t);
			diag_note(diag, "html: source \"%s\" (a news outlet's "
			    "name in the metadata lines)", t);
		} else if (r == 0 && in_body && chars >= 20 &&
		    (full_stop(t) || strstr(t, "。") != NULL)) {
			/*
			 * Running text has begun (sentences, even when the
			 * paragraph ends announcing what follows: "…现将有关
			 * 事项通知如下："): a date line after it is the text's
			 * own ("决赛时间：3月28日", a signature's 落款), not
			 * the page's.
			 */
			free(t);
			break;
		}
		free(t);
	}
	article_meta_apply(&m, doc);
	article_meta_free(&m);
}

/* Is the <meta name=author> value just the site's name? */
static int
site_name(const char *author, const struct page_meta *pm)
{
	if (pm->site != NULL && strstr(pm->site, author) != NULL)
		return 1;
	if (pm->title != NULL) {
		const char *p = strstr(pm->title, author);

		/* In the title's suffix, not in the headline. */
		if (p != NULL && p > pm->title + strlen(pm->title) / 2)
			return 1;
	}
	return strchr(author, '.') != NULL;
}

int
html_extract(struct hdom *dom, struct doc *doc, struct html_article *art,
    struct diag *diag)
{
	struct page_meta	 pm;
	struct hnode		*title;
	char			*t = NULL, *d;

	memset(&pm, 0, sizeof(pm));
	if (html_find_body(dom, art, diag) != 0)
		return -1;
	read_head(dom, &pm);
	title = find_headline(dom, &pm, art, &t);
	if (title != NULL)
		diag_note(diag, "html: headline from <%s>, agreeing with the "
		    "page title", hdom_tag_name((enum htag)title->tag));
	else if (pm.og_title != NULL || pm.title != NULL) {
		char *tb;
		struct hnode *b;

		const char *pt = pm.og_title != NULL ? pm.og_title :
		    pm.title;
		char *rest = after_site(pt);
		struct hnode *r;

		t = article_strip_site(pt);
		title = find_text_block(dom, t);
		/*
		 * Sites that put their name first ("青溪县委党校--标题"): the
		 * part after the separator, longer than the first and
		 * printed on the page, is the headline.
		 */
		if (rest != NULL && utf8_count(rest, strlen(rest)) >
		    utf8_count(t, strlen(t)) &&
		    (r = find_text_block(dom, rest)) != NULL) {
			free(t);
			t = rest;
			rest = NULL;
			title = r;
		}
		free(rest);
		b = utf8_count(t, strlen(t)) <= 8 || title == NULL ?
		    last_headline(dom, art, HL_TITLED, &tb) : NULL;
		if (b == NULL && utf8_count(t, strlen(t)) <= 8)
			b = last_headline(dom, art, HL_HEADING, &tb);
		if (b != NULL && (utf8_count(tb, strlen(tb)) <=
		    utf8_count(t, strlen(t)) || article_same_text(tb, t))) {
			free(tb);
			b = NULL;
		}
		if (b != NULL) {
			/* <title> is the site's name; the page titles its text. */
			diag_note(diag, "html: headline from the element titled "
			    "so, or the last heading, before the text (the "
			    "page title \"%s\" is the site's name)", t);
			free(t);
			t = tb;
			title = b;
		} else if (title == NULL &&
		    (title = sole_h1(dom, art)) != NULL) {
			/*
			 * The page title is nowhere on the page, and one
			 * <h1> heads the article: the page prints its
			 * headline there; <title> is a shortened or SEO one.
			 */
			free(t);
			t = node_string(dom, title, 0);
			diag_note(diag, "html: headline from the only <h1> "
			    "before the text (the page title \"%s\" is not "
			    "shown on the page)", pm.og_title != NULL ?
			    pm.og_title : pm.title);
		} else
			diag_note(diag, "html: headline from the page title "
			    "\"%s\"", pm.og_title != NULL ? pm.og_title :
			    pm.title);
	}
	if (title == NULL && t == NULL && (title = first_h1(dom)) != NULL) {
		t = node_string(dom, title, 0);
		diag_note(diag, "html: headline from the first <h1> (the page "
		    "has no title)");
	}
	if (t != NULL && *t != '\0') {
		doc_set_meta(doc, META_TITLE, t);
		art->title = t;
		t = NULL;
	}

	free(t);
	if (title != NULL) {
		title->flags |= HN_TITLE;
		html_drop(title);
		find_deck(dom, title, doc, diag);
	}
	/* 主题——副题 printed in one headline: the dash starts the subtitle. */
	if (article_split_title(doc))
		diag_note(diag, "html: the headline's \"——\" part is its "
		    "subtitle");
	find_meta(dom, title, art, doc, diag);
	if (doc->meta[META_DATE] == NULL && pm.published != NULL &&
	    (d = article_find_date(pm.published, strlen(pm.published), NULL,
	    NULL)) != NULL) {
		doc_set_meta(doc, META_DATE, d);
		free(d);
	}
	if (doc->meta[META_AUTHOR] == NULL && pm.author != NULL &&
	    !site_name(pm.author, &pm))
		doc_set_meta(doc, META_AUTHOR, pm.author);
	if (pm.url != NULL && (strncasecmp(pm.url, "http://", 7) == 0 ||
	    strncasecmp(pm.url, "https://", 8) == 0))
		doc_set_meta(doc, META_URL, pm.url);
	page_meta_free(&pm);
	return 0;
}
