#include "convert_script.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <opencc.h>

#include "tree/alloc.h"
#include "tree/buf.h"
#include "tree/utf8.h"

/* What each --convert name loads and which language it produces. */
static const struct {
	const char	*name;
	const char	*config;	/* OpenCC configuration file */
	const char	*lang;
} conversions[] = {
	/* OpenCC's standard Traditional forms are no region's usage. */
	{ "s2t", "s2t.json", "zh-Hant" },
	{ "t2s", "t2s.json", "zh-CN" },
	{ "s2tw", "s2tw.json", "zh-TW" },
	{ "tw2s", "tw2s.json", "zh-CN" },
	{ "s2hk", "s2hk.json", "zh-HK" },
	{ "hk2s", "hk2s.json", "zh-CN" },
	{ "s2twp", "s2twp.json", "zh-TW" },
	{ "tw2sp", "tw2sp.json", "zh-CN" },
};

#define NCONV (sizeof(conversions) / sizeof(conversions[0]))

const char *const script_conv_names[] = {
	"s2t", "t2s", "s2tw", "tw2s", "s2hk", "hk2s", "s2twp", "tw2sp", NULL
};

struct script_conv {
	opencc_t	 cc;
	size_t		 which;		/* index into conversions[] */
};

/* OpenCC's error text is global: opening and reading it are one step. */
static pthread_mutex_t	 open_lock = PTHREAD_MUTEX_INITIALIZER;

struct script_conv *
script_conv_open(const char *name, char *why, size_t whylen)
{
	struct script_conv	*sc;
	opencc_t		 cc;
	size_t			 i;

	for (i = 0; i < NCONV; i++)
		if (strcmp(conversions[i].name, name) == 0)
			break;
	if (i == NCONV) {
		snprintf(why, whylen, "unknown conversion \"%s\"", name);
		return NULL;
	}
	/*
	 * Ours first: running out of memory then leaves no converter open
	 * (recover.h), and nothing of ours is allocated under the lock.
	 */
	sc = xcalloc(1, sizeof(*sc));
	pthread_mutex_lock(&open_lock);
	/* OpenCC reports failure as (opencc_t)-1, not NULL. */
	cc = opencc_open(conversions[i].config);
	if (cc == (opencc_t)-1)
		snprintf(why, whylen, "OpenCC cannot load %s: %s",
		    conversions[i].config, opencc_error());
	pthread_mutex_unlock(&open_lock);
	if (cc == (opencc_t)-1) {
		free(sc);
		return NULL;
	}
	sc->cc = cc;
	sc->which = i;
	return sc;
}

void
script_conv_close(struct script_conv *sc)
{
	if (sc == NULL)
		return;
	opencc_close(sc->cc);
	free(sc);
}

const char *
script_conv_name(const struct script_conv *sc)
{
	return conversions[sc->which].name;
}

const char *
script_conv_lang(const struct script_conv *sc)
{
	return conversions[sc->which].lang;
}

/*
 * Appends OpenCC's conversion of s[0..len) to out.  Returns 0, or -1 if
 * OpenCC fails (it rejects invalid UTF-8, which the tree never holds).
 */
static int
occ(const struct script_conv *sc, const char *s, size_t len, struct buf *out)
{
	char	*r;

	if (len == 0)
		return 0;
	if (!utf8_valid(s, len))
		return -1;
	/* Errors come back as NULL; running out of memory aborts. */
	if ((r = opencc_convert_utf8(sc->cc, s, len)) == NULL)
		return -1;
	buf_puts(out, r);
	opencc_convert_utf8_free(r);
	return 0;
}

/* ------------------------------------------------------------ addresses */

static int
ascii_url_char(unsigned char c)
{
	return c > ' ' && c < 0x7F && strchr("\"<>\\^`{|}", c) == NULL;
}

/* Length of the scheme (or "www.") of an address starting at s[i], or 0. */
static size_t
url_start(const char *s, size_t len, size_t i)
{
	static const char *const schemes[] = { "http://", "https://",
	    "ftp://", "mailto:", "www." };
	size_t	 k, n;

	for (k = 0; k < sizeof(schemes) / sizeof(schemes[0]); k++) {
		n = strlen(schemes[k]);
		if (len - i < n || strncmp(s + i, schemes[k], n) != 0)
			continue;
		/* "www." inside a word is not an address. */
		if (k == 4 && i > 0 && ascii_url_char((unsigned char)s[i - 1]))
			return 0;
		return n;
	}
	return 0;
}

/*
 * Marks the bytes of web addresses in s.  An address runs over the
 * characters a URL may hold, up to white space or punctuation.  Chinese
 * letters belong to it only once its path or query has begun (after one
 * of / ? # = & %, or at once after mailto:): "https://zh.wikipedia.org/wiki/头发" keeps its 头发,
 * while in "网址www.gov.cn发布了通知" the 发布 after the host is text.
 */
static void
mark_urls(const char *s, size_t len, unsigned char *keep)
{
	size_t		 i = 0, j, pos, n;
	uint32_t	 cp;
	int		 path;

	while (i < len) {
		if ((n = url_start(s, len, i)) == 0) {
			i++;
			continue;
		}
		memset(keep + i, 1, n);
		path = s[i] == 'm';	/* mailto: is all path */
		for (j = i + n; j < len; ) {
			unsigned char c = (unsigned char)s[j];

			if (c < 0x80) {
				if (!ascii_url_char(c))
					break;
				if (strchr("/?#=&%", c) != NULL)
					path = 1;
				keep[j++] = 1;
				continue;
			}
			pos = j;
			cp = utf8_next(s, len, &pos);
			if (!path || uc_is_space(cp) || uc_is_punct(cp))
				break;
			while (j < pos)
				keep[j++] = 1;
		}
		i = j;
	}
}

/* ------------------------------------------------------------ pieces */

/*
 * A unit: the strings shown as one run of text (a block's label and
 * inlines), converted together so phrases may span them.
 */
struct unit {
	char		**slot[64];
	size_t		 n;
};

/* Converts s[a..b) piece by piece into the outputs (see convert_unit). */
static int
per_piece(const struct script_conv *sc, const char *t, const size_t *off,
    size_t n, size_t a, size_t b, struct buf *out)
{
	size_t	 i, from, to;

	for (i = 0; i < n; i++) {
		from = off[i] > a ? off[i] : a;
		to = off[i + 1] < b ? off[i + 1] : b;
		if (from < to && occ(sc, t + from, to - from, &out[i]) != 0)
			return -1;
	}
	return 0;
}

/*
 * Number of code points in which a and b differ, position by position,
 * plus the difference of their lengths.
 */
static size_t
differing(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t	 pa = 0, pb = 0, n = 0;

	while (pa < alen && pb < blen)
		n += utf8_next(a, alen, &pa) != utf8_next(b, blen, &pb);
	return n + utf8_count(a + pa, alen - pa) + utf8_count(b + pb,
	    blen - pb);
}

static int
convert_unit(const struct script_conv *sc, struct unit *u, size_t *changed)
{
	struct buf	 t = BUF_INIT, conv = BUF_INIT, *out;
	unsigned char	*keep;
	size_t		*off, i, a, b, pos, k, want;
	int		 rc = -1;

	if (u->n == 0)
		return 0;
	off = xcalloc(u->n + 1, sizeof(*off));
	out = xcalloc(u->n, sizeof(*out));
	for (i = 0; i < u->n; i++) {
		off[i] = t.len;
		buf_puts(&t, *u->slot[i]);
		buf_init(&out[i]);
	}
	off[u->n] = t.len;
	keep = xcalloc(t.len + 1, 1);
	for (i = 0; i < u->n; i++)
		mark_urls(t.ptr + off[i], off[i + 1] - off[i], keep + off[i]);

	for (a = 0; a < t.len; a = b) {
		for (b = a; b < t.len && keep[b] == keep[a]; b++)
			;
		if (keep[a]) {
			for (i = 0; i < u->n; i++)
				if (off[i] < b && off[i + 1] > a)
					buf_put(&out[i], t.ptr + (off[i] > a ?
					    off[i] : a), (off[i + 1] < b ?
					    off[i + 1] : b) - (off[i] > a ?
					    off[i] : a));
			continue;
		}
		buf_truncate(&conv, 0);
		if (occ(sc, t.ptr + a, b - a, &conv) != 0)
			goto out;
		if (utf8_count(conv.ptr, conv.len) != utf8_count(t.ptr + a,
		    b - a)) {
			if (per_piece(sc, t.ptr, off, u->n, a, b, out) != 0)
				goto out;
			continue;
		}
		/* Same length: cut at the same character positions. */
		pos = 0;
		for (i = 0; i < u->n; i++) {
			if (off[i + 1] <= a || off[i] >= b)
				continue;
			want = utf8_count(t.ptr + (off[i] > a ? off[i] : a),
			    (off[i + 1] < b ? off[i + 1] : b) -
			    (off[i] > a ? off[i] : a));
			k = pos;
			while (want-- > 0)
				utf8_next(conv.ptr, conv.len, &k);
			buf_put(&out[i], conv.ptr + pos, k - pos);
			pos = k;
		}
	}
	for (i = 0; i < u->n; i++) {
		char *old = *u->slot[i];
		size_t len = off[i + 1] - off[i];

		if (out[i].len == len && memcmp(out[i].ptr, old, len) == 0)
			continue;
		if (changed != NULL)
			*changed += differing(old, len, out[i].ptr, out[i].len);
		free(old);
		*u->slot[i] = buf_detach(&out[i], NULL);
	}
	rc = 0;
out:
	for (i = 0; i < u->n; i++)
		buf_free(&out[i]);
	free(out);
	free(off);
	free(keep);
	buf_free(&t);
	buf_free(&conv);
	u->n = 0;
	return rc;
}

/* Adds a string to the unit; a full unit is converted first. */
static int
unit_add(const struct script_conv *sc, struct unit *u, char **slot,
    size_t *changed)
{
	if (*slot == NULL || (*slot)[0] == '\0')
		return 0;
	if (u->n == sizeof(u->slot) / sizeof(u->slot[0]) &&
	    convert_unit(sc, u, changed) != 0)
		return -1;
	u->slot[u->n++] = slot;
	return 0;
}

char *
script_conv_string(const struct script_conv *sc, const char *s, size_t len)
{
	struct unit	 u;
	char		*copy = xstrndup(s, len);

	u.n = 0;
	u.slot[u.n++] = &copy;
	if (convert_unit(sc, &u, NULL) != 0) {
		free(copy);
		return NULL;
	}
	return copy;
}

int
script_conv_doc(const struct script_conv *sc, struct doc *doc,
    size_t *changed, struct diag *diag)
{
	static const enum meta_key text_keys[] = {
		META_TITLE, META_SUBTITLE, META_KICKER, META_AUTHOR,
		META_PUBLISHER, META_SOURCE
	};
	struct unit	 u;
	struct iter	 it;
	struct node	*n;
	size_t		 i, count = 0;
	int		 rc = 0;

	u.n = 0;
	for (i = 0; i < sizeof(text_keys) / sizeof(text_keys[0]) &&
	    rc == 0; i++) {
		rc = unit_add(sc, &u, &doc->meta[text_keys[i]], &count);
		if (rc == 0)
			rc = convert_unit(sc, &u, &count);
	}
	iter_init(&it, doc->root);
	while (rc == 0 && iter_next(&it) != ITER_DONE) {
		/* The tree is ours to change; the iterator only reads links. */
		n = (struct node *)it.node;
		if (node_is_inline(n)) {
			if (n->type == NODE_TEXT && it.event == ITER_ENTER)
				rc = unit_add(sc, &u, &n->as.text, &count);
			continue;
		}
		/* A block starts or ends: the run of text before it ends. */
		if ((rc = convert_unit(sc, &u, &count)) != 0 ||
		    it.event != ITER_ENTER)
			continue;
		switch (n->type) {
		case NODE_HEADING:
			rc = unit_add(sc, &u, &n->as.heading.label, &count);
			break;
		case NODE_POINT:
			rc = unit_add(sc, &u, &n->as.point.label, &count);
			break;
		case NODE_LIST_ITEM:
			rc = unit_add(sc, &u, &n->as.item.label, &count);
			break;
		case NODE_FIGURE:
			/* The alt text stands alone; the caption follows. */
			if ((rc = unit_add(sc, &u, &n->as.figure.alt,
			    &count)) == 0)
				rc = convert_unit(sc, &u, &count);
			break;
		default:
			break;
		}
	}
	if (rc == 0)
		rc = convert_unit(sc, &u, &count);
	if (changed != NULL)
		*changed = count;
	if (rc != 0)
		return diag_error(diag, "OpenCC could not convert the text "
		    "(%s)", script_conv_name(sc));
	doc_set_meta(doc, META_LANG, script_conv_lang(sc));
	return 0;
}
