/*
 * Splitting long chapter files (see epub_int.h).
 *
 * Older reading engines refuse XHTML files over about 300 KB (Adobe's
 * RMSDK; calibre splits at 260 KB by default), and libxml2-based readers
 * refuse text nodes over 10 MB.  A part of the spine larger than
 * EPUB_PART_MAX is cut into pieces of at most that much body, each a
 * complete document with the part's head.  The cut is made, in order of
 * preference, between two blocks of the chapter once a piece has
 * SPLIT_SOFT bytes; between two elements at any depth once it has
 * SPLIT_HARD; after a sentence inside text; and, failing all of those,
 * between two characters once it reaches the maximum.  Elements open at
 * the cut are closed there and opened again at the start of the next
 * piece without their id; a paragraph or list item so continued gets
 * class "cont" (no first-line indent, no list marker), and a continued
 * <ol> starts at its open item's number.
 *
 * The parts are artconv's own XHTML (epub.c): well-formed, attribute
 * values in double quotes with '<' and '>' escaped, no comments, CDATA
 * or processing instructions in the body.  The scanner relies on that.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tree/alloc.h"
#include "tree/utf8.h"
#include "epub_int.h"

#define SPLIT_SOFT	(EPUB_PART_MAX * 3 / 4)
#define SPLIT_HARD	(EPUB_PART_MAX * 15 / 16)

/* An element open at the scan position. */
struct open_el {
	size_t		 off, len;	/* its start tag in the source */
	char		 name[12];
	unsigned long	 items;		/* <li> started in it (for <ol>) */
};

struct scan {
	const char	*s;
	size_t		 len;
	struct open_el	*stack;
	size_t		 depth, cap;
};

/* An anchor (id="...") and the piece it went to. */
struct anchor {
	char		*id;
	size_t		 piece;
};

static void
push(struct scan *sc, size_t off, size_t len, const char *name, size_t nl)
{
	struct open_el	*e;

	if (sc->depth == sc->cap) {
		sc->cap = sc->cap ? sc->cap * 2 : 16;
		sc->stack = xreallocarray(sc->stack, sc->cap,
		    sizeof(*sc->stack));
	}
	e = &sc->stack[sc->depth++];
	memset(e, 0, sizeof(*e));
	e->off = off;
	e->len = len;
	if (nl >= sizeof(e->name))
		nl = sizeof(e->name) - 1;
	memcpy(e->name, name, nl);
	if (sc->depth > 1 && nl == 2 && memcmp(name, "li", 2) == 0)
		sc->stack[sc->depth - 2].items++;
}

/* The end of the tag that starts at s[i] ('<'): the index after '>'. */
static size_t
tag_end(const char *s, size_t len, size_t i)
{
	int	 quote = 0;

	for (i++; i < len; i++) {
		if (s[i] == '"')
			quote = !quote;
		else if (s[i] == '>' && !quote)
			return i + 1;
	}
	return len;
}

/* The value of attribute attr in the tag s[off..off+len), or NULL. */
static const char *
attr_value(const char *s, size_t off, size_t len, const char *attr,
    size_t *vlen)
{
	size_t	 al = strlen(attr), i;

	for (i = off; i + al + 2 < off + len; i++)
		if (s[i] == ' ' && memcmp(s + i + 1, attr, al) == 0 &&
		    s[i + 1 + al] == '=' && s[i + 2 + al] == '"') {
			const char *v = s + i + 3 + al;
			const char *q = memchr(v, '"', off + len -
			    (size_t)(v - s));

			if (q == NULL)
				return NULL;
			*vlen = (size_t)(q - v);
			return v;
		}
	return NULL;
}

/*
 * Writes the start tag of e again for a continuing piece: without its id,
 * with class "cont" added to a paragraph or list item, and an <ol> made to
 * start at its open item's number.
 */
static void
reopen(const struct scan *sc, const struct open_el *e, struct buf *out)
{
	const char	*t = sc->s + e->off;
	size_t		 n = e->len, i = 0, vlen;
	int		 cont = strcmp(e->name, "p") == 0 ||
	    strcmp(e->name, "li") == 0;
	int		 has_class = 0;

	while (i < n) {
		if (t[i] == ' ' && i + 4 < n && memcmp(t + i, " id=\"", 5) ==
		    0) {
			const char *q = memchr(t + i + 5, '"', n - i - 5);

			i = q != NULL ? (size_t)(q - t) + 1 : n;
			continue;
		}
		if (cont && t[i] == ' ' && i + 7 < n &&
		    memcmp(t + i, " class=\"", 8) == 0) {
			BUF_PUTSL(out, " class=\"cont ");
			i += 8;
			has_class = 1;
			continue;
		}
		if (t[i] == '>' && i + 1 == n) {
			if (cont && !has_class)
				BUF_PUTSL(out, " class=\"cont\"");
			if (strcmp(e->name, "ol") == 0 && e->items > 0 &&
			    attr_value(t, 0, n, "start", &vlen) == NULL)
				buf_printf(out, " start=\"%lu\"", e->items);
			buf_putc(out, '>');
			break;
		}
		buf_putc(out, t[i]);
		i++;
	}
}

static void
close_all(const struct scan *sc, struct buf *out)
{
	size_t	 i;

	for (i = sc->depth; i-- > 0;)
		buf_printf(out, "</%s>", sc->stack[i].name);
	BUF_PUTSL(out, "\n</body>\n</html>\n");
}

/*
 * A cut inside text that starts at from: after the first sentence end at
 * or past want, else at the last character boundary at or before max
 * that is not inside an entity; from itself if there is none.
 */
static size_t
text_cut(const char *s, size_t from, size_t end, size_t want, size_t max)
{
	size_t	 pos = want > from ? want : from, cut;
	uint32_t cp;

	/* Start at a character boundary. */
	while (pos < end && (s[pos] & 0xC0) == 0x80)
		pos++;
	while (pos < end && pos <= max) {
		cp = utf8_next(s, end, &pos);
		if (cp == '&') {
			const char *semi = memchr(s + pos, ';', end - pos);

			pos = semi != NULL ? (size_t)(semi - s) + 1 : end;
			continue;
		}
		if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F ||
		    cp == 0xFF1B || cp == 0x2026 || cp == '\n')
			return pos <= end ? pos : end;
	}
	/* No sentence end: the last boundary at or before max. */
	cut = from;
	for (pos = from; pos < end && pos <= max;) {
		cut = pos;
		if (s[pos] == '&') {
			const char *semi = memchr(s + pos, ';', end - pos);

			pos = semi != NULL ? (size_t)(semi - s) + 1 : end;
			continue;
		}
		utf8_next(s, end, &pos);
	}
	return cut;
}

/*
 * Splits the document d into pieces, appended to pieces[] (each a whole
 * document); records every id="..." with its piece in anchors.  Returns
 * the number of pieces (1 when it was not cut).
 */
static size_t
split_doc(const struct buf *d, struct buf **pieces, struct anchor **anchors,
    size_t *nanchors)
{
	struct scan	 sc;
	const char	*s = d->ptr, *body = strstr(d->ptr, "\n<body");
	size_t		 head, start, i, e, k, n = 0, acap = 0, cut;
	struct buf	*cur;
	size_t		 vlen;
	const char	*v;

	memset(&sc, 0, sizeof(sc));
	sc.s = s;
	sc.len = d->len;
	if (body == NULL)
		return 0;
	head = tag_end(s, d->len, (size_t)(body - s) + 1);
	if (head < d->len && s[head] == '\n')
		head++;

	*pieces = NULL;
#define NEW_PIECE() do {						\
	*pieces = xreallocarray(*pieces, n + 1, sizeof(**pieces));	\
	cur = &(*pieces)[n++];						\
	buf_init(cur);							\
	buf_put(cur, s, head);						\
	for (k = 0; k < sc.depth; k++)					\
		reopen(&sc, &sc.stack[k], cur);				\
	start = cur->len;						\
} while (0)
	NEW_PIECE();
	for (i = head; i < d->len;) {
		size_t	 size = cur->len - start;

		if (s[i] != '<') {
			/* Text up to the next tag. */
			const char *lt = memchr(s + i, '<', d->len - i);

			e = lt != NULL ? (size_t)(lt - s) : d->len;
			if (size + (e - i) <= SPLIT_HARD) {
				buf_put(cur, s + i, e - i);
				i = e;
				continue;
			}
			cut = text_cut(s, i, e, i + (SPLIT_HARD - (size <
			    SPLIT_HARD ? size : SPLIT_HARD)), i +
			    (EPUB_PART_MAX > size ? EPUB_PART_MAX - size : 0));
			if (cut == i && size == 0) {
				/* Nothing fits: at least one character. */
				cut = i;
				utf8_next(s, e, &cut);
			}
			buf_put(cur, s + i, cut - i);
			i = cut;
			if (i < e) {
				close_all(&sc, cur);
				NEW_PIECE();
			}
			continue;
		}
		e = tag_end(s, d->len, i);
		if (s[i + 1] == '/') {
			/* An end tag: </body> ends the scan. */
			if (e - i >= 7 && memcmp(s + i, "</body>", 7) == 0)
				break;
			buf_put(cur, s + i, e - i);
			if (sc.depth > 0)
				sc.depth--;
			i = e;
			if (i < d->len && s[i] == '\n')
				buf_putc(cur, s[i++]);
			/* A boundary: between blocks, or elements. */
			size = cur->len - start;
			if (sc.depth >= 1 && ((size >= SPLIT_SOFT &&
			    sc.depth == 1) || size >= SPLIT_HARD)) {
				close_all(&sc, cur);
				NEW_PIECE();
			}
			continue;
		}
		/* A start tag or an empty element. */
		if (size >= SPLIT_HARD && sc.depth >= 1) {
			close_all(&sc, cur);
			NEW_PIECE();
		}
		if ((v = attr_value(s, i, e - i, "id", &vlen)) != NULL) {
			if (*nanchors == acap) {
				acap = acap ? acap * 2 : 64;
				*anchors = xreallocarray(*anchors, acap,
				    sizeof(**anchors));
			}
			(*anchors)[*nanchors].id = xstrndup(v, vlen);
			(*anchors)[*nanchors].piece = n - 1;
			(*nanchors)++;
		}
		buf_put(cur, s + i, e - i);
		if (s[e - 2] != '/') {
			size_t nl = 0;

			while (i + 1 + nl < e && s[i + 1 + nl] != ' ' &&
			    s[i + 1 + nl] != '>' && s[i + 1 + nl] != '/')
				nl++;
			push(&sc, i, e - i, s + i + 1, nl);
		}
		i = e;
	}
#undef NEW_PIECE
	close_all(&sc, cur);
	free(sc.stack);
	return n;
}

/* "ch01.xhtml" and k = 2 give "ch01-2.xhtml" and id "ch01-2". */
static void
piece_names(const struct epub_part *p, size_t k, struct epub_part *q)
{
	const char	*dot = strrchr(p->name, '.');
	int		 base = dot != NULL ? (int)(dot - p->name) :
	    (int)strlen(p->name);
	char		 num[24];

	/* Part names and ids are short ("a01-ch01"): nothing is cut. */
	snprintf(num, sizeof(num), "-%zu", k);
	snprintf(q->name, sizeof(q->name), "%.*s%s%.8s", base < 32 ? base : 32,
	    p->name, num, dot != NULL ? dot : "");
	snprintf(q->id, sizeof(q->id), "%.23s%s", p->id, num);
}

void
epub_split_parts(struct epub_part **parts, size_t *nparts, size_t *cap,
    size_t *body, struct epub_tocent *toc, size_t ntoc)
{
	struct buf	*pieces = NULL;
	struct anchor	*anchors;
	size_t		 i, j, k, n, na, t;

	for (i = 0; i < *nparts; i++) {
		struct epub_part *p = &(*parts)[i];

		if (p->text.len <= EPUB_PART_MAX || (p->props != NULL &&
		    strcmp(p->props, "nav") == 0))
			continue;
		anchors = NULL;
		pieces = NULL;
		na = 0;
		n = split_doc(&p->text, &pieces, &anchors, &na);
		if (n <= 1) {
			for (k = 0; k < n; k++)
				buf_free(&pieces[k]);
			free(pieces);
			for (k = 0; k < na; k++)
				free(anchors[k].id);
			free(anchors);
			continue;
		}
		/* Room for the new parts after this one. */
		if (*nparts + n - 1 > *cap) {
			*cap = *nparts + n - 1;
			*parts = xreallocarray(*parts, *cap, sizeof(**parts));
			p = &(*parts)[i];
		}
		memmove(&(*parts)[i + n], &(*parts)[i + 1],
		    (*nparts - i - 1) * sizeof(**parts));
		*nparts += n - 1;
		if (*body != SIZE_MAX && *body > i && *body < *nparts)
			*body += n - 1;
		buf_free(&p->text);
		p->text = pieces[0];
		for (k = 1; k < n; k++) {
			struct epub_part *q = &(*parts)[i + k];

			memset(q, 0, sizeof(*q));
			piece_names(p, k + 1, q);
			q->props = NULL;
			q->text = pieces[k];
		}
		/*
		 * The toc follows its anchors into the pieces.  Entries come
		 * in document order, like the anchors, so one walk finds
		 * them all (a search from the start is the fallback).
		 */
		for (t = 0, j = 0; t < ntoc; t++) {
			char		*hash = strchr(toc[t].href, '#');
			size_t		 fl = hash != NULL ?
			    (size_t)(hash - toc[t].href) : 0, tries;

			if (hash == NULL || fl != strlen(p->name) ||
			    memcmp(toc[t].href, p->name, fl) != 0)
				continue;
			for (tries = 0; tries < na; tries++, j++) {
				if (j == na)
					j = 0;
				if (strcmp(anchors[j].id, hash + 1) == 0)
					break;
			}
			if (tries == na || anchors[j].piece == 0)
				continue;
			{
				struct buf h = BUF_INIT;

				buf_puts(&h, (*parts)[i + anchors[j].piece].name);
				buf_puts(&h, hash);
				free(toc[t].href);
				toc[t].href = buf_detach(&h, NULL);
			}
		}
		for (k = 0; k < na; k++)
			free(anchors[k].id);
		free(anchors);
		free(pieces);
		i += n - 1;
	}
}
