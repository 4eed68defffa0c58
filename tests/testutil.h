/*
 * Helpers shared by the cmocka unit tests and the test tools: building
 * documents from text, rendering them, and reading fixtures.  With TU_ZIP
 * defined before it is included (after <cmocka.h>), also reading a zip
 * package (EPUB, DOCX) back with libzip and libxml2.
 */
#ifndef ARTCONV_TESTUTIL_H
#define ARTCONV_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/reader.h"
#include "tree/alloc.h"
#include "tree/buf.h"
#include "tree/diag.h"
#include "tree/doc.h"
#include "tree/utf8.h"
#include "docx/docx_int.h"
#include "epub/epub_int.h"
#include "pipeline.h"
#include "writer.h"

/* Reads the article s through the named reader (NULL: detect). */
static inline struct doc *
tu_read(const char *s, const char *reader)
{
	struct pipeline_opts	 po;
	struct diag		 d;
	struct doc		*doc = NULL;

	memset(&po, 0, sizeof(po));
	po.read.max_depth = 128;
	if (reader != NULL)
		po.reader = reader_find(reader);
	diag_init(&d, 0);
	if (pipeline_read(s, strlen(s), &po, &doc, &d) != 0)
		doc = NULL;
	diag_free(&d);
	return doc;
}

/*
 * Points o's options of writer w at the caller's struct (which o then
 * does not own: never render_opts_free() such an o).
 */
static inline void
tu_wopts(struct render_opts *o, const struct writer *w, void *opts)
{
	o->wopts[writer_index(w)] = opts;
}

/*
 * Default render options, as the command line sets them, except that the
 * EPUB's generated cover is SVG, whose bytes do not depend on the fonts
 * installed (test_epub.c tests the PNG cover by itself).  The EPUB and
 * DOCX options are static, reset by each call, changed through tu_epub()
 * and tu_docx(); never render_opts_free() such options.
 */
static inline struct render_opts
tu_opts(void)
{
	static struct epub_options	 eo;
	static struct docx_options	 dxo;
	struct render_opts		 o;

	memset(&o, 0, sizeof(o));
	memset(&eo, 0, sizeof(eo));
	memset(&dxo, 0, sizeof(dxo));
	o.bold_leads = 1;
	eo.svg_cover = 1;
	dxo.style = DOCX_OFFICIAL;
	tu_wopts(&o, &writer_epub, &eo);
	tu_wopts(&o, &writer_docx, &dxo);
	return o;
}

/* The EPUB and DOCX options of a tu_opts(), to change. */
static inline struct epub_options *
tu_epub(struct render_opts *o)
{
	return o->wopts[writer_index(&writer_epub)];
}

static inline struct docx_options *
tu_docx(struct render_opts *o)
{
	return o->wopts[writer_index(&writer_docx)];
}

/* Sets a writer's option in o (owned by o: render_opts_free() it). */
static inline void
tu_set(struct render_opts *o, const char *name, const char *value)
{
	if (writer_option_set(o, name, value) != 0)
		abort();
}

/* Renders doc with the named writer; returns a malloc'd string. */
static inline char *
tu_render(const struct doc *doc, const char *format,
    const struct render_opts *opts, size_t *lenp)
{
	const struct writer	*w = writer_find(format);
	const struct doc	*docs[1] = { doc };
	struct buf		 b = BUF_INIT;
	struct diag		 d;
	struct render_opts	 def;

	/* Not before it is needed: tu_opts() resets its static options. */
	if (opts == NULL) {
		def = tu_opts();
		opts = &def;
	}
	diag_init(&d, 0);
	if (w == NULL || w->render(docs, 1, opts, &b, &d) != 0) {
		buf_free(&b);
		diag_free(&d);
		return NULL;
	}
	diag_free(&d);
	return buf_detach(&b, lenp);
}

/* Reads a whole file (for fixtures); NULL if absent. */
static inline char *
tu_slurp(const char *path, size_t *lenp)
{
	FILE	*f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char	 chunk[65536];
	size_t	 n;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&b, chunk, n);
	fclose(f);
	return buf_detach(&b, lenp);
}

/*
 * The options the first byte of a fuzzing input selects, for
 * tests/fuzz_pipeline.c and the replay of its findings: bits 0-1 the
 * reader (detect, text, html, md), then one bit each for keeping
 * punctuation, split points, bold leads, wrapping at 20 columns, the
 * plain DOCX style (with a vertical EPUB) and a table of contents.  The
 * caller frees ro with render_opts_free().
 */
static inline void
tu_fuzz_opts(unsigned char sel, struct pipeline_opts *po,
    struct render_opts *ro)
{
	static const char *const names[] = { NULL, "text", "html", "md" };

	memset(po, 0, sizeof(*po));
	memset(ro, 0, sizeof(*ro));
	po->read.max_depth = 128;
	if (names[sel & 3] != NULL)
		po->reader = reader_find(names[sel & 3]);
	po->keep_punctuation = (sel >> 2) & 1;
	ro->points = (sel >> 3) & 1 ? POINTS_SPLIT : POINTS_INLINE;
	ro->bold_leads = (sel >> 4) & 1;
	tu_set(ro, "wrap", (sel >> 5) & 1 ? "20" : "0");
	tu_set(ro, "docx-style", (sel >> 6) & 1 ? "plain" : "official");
	tu_set(ro, "vertical", (sel >> 6) & 1 ? "1" : "0");
	tu_set(ro, "toc", (sel >> 7) & 1 ? "1" : "0");
	/*
	 * The cover's layout and line breaking are fuzzed through the SVG
	 * cover; drawing it with pango would slow every run down tenfold.
	 */
	tu_set(ro, "svg-cover", "1");
}

/* Does haystack contain needle? */
static inline int
tu_contains(const char *haystack, const char *needle)
{
	return haystack != NULL && strstr(haystack, needle) != NULL;
}

/* --- "nothing lost": text compared as a sequence of characters ------ */

/* Code points that count: no white space, no ASCII punctuation. */
struct tu_seq {
	uint32_t	*v;
	size_t		 n, cap;
};

static inline void
tu_seq_add(struct tu_seq *q, const char *s, size_t len)
{
	size_t		 pos = 0;
	uint32_t	 cp;

	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;		/* full-width → ASCII */
		if (uc_is_space(cp) || (cp < 0x80 && !((cp >= '0' &&
		    cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' &&
		    cp <= 'z'))))
			continue;
		if (q->n == q->cap) {
			q->cap = q->cap ? q->cap * 2 : 4096;
			q->v = realloc(q->v, q->cap * sizeof(*q->v));
			if (q->v == NULL)
				abort();
		}
		q->v[q->n++] = cp;
	}
}

/*
 * The tree's body text, in reading order, labels included.  The head
 * (kicker, title, subtitle) is checked separately: formats place it
 * differently (Markdown cannot put a paragraph above its "#" title).
 */
static inline void
tu_tree_text(const struct doc *doc, struct buf *out)
{
	struct iter	 it;
	const struct node *n;
	iter_init(&it, doc->root);
	while (iter_next(&it) != ITER_DONE) {
		if (it.event != ITER_ENTER)
			continue;
		n = it.node;
		if (n->type == NODE_TEXT)
			buf_puts(out, n->as.text);
		else if (n->type == NODE_HEADING && n->as.heading.label)
			buf_puts(out, n->as.heading.label);
		else if (n->type == NODE_POINT)
			buf_puts(out, n->as.point.label);
		else if (n->type == NODE_LIST_ITEM && n->as.item.label)
			buf_puts(out, n->as.item.label);
	}
}

/*
 * Matches ref as a subsequence of got.  Returns the number of reference
 * characters not found (0 = nothing lost) and prints where it went wrong.
 */
static inline size_t
tu_seq_lost(const struct tu_seq *ref, const struct tu_seq *got, const char *format)
{
	size_t	 i = 0, j = 0, k;
	struct buf ctx = BUF_INIT;

	while (i < ref->n && j < got->n) {
		if (ref->v[i] == got->v[j])
			i++;
		j++;
	}
	if (i == ref->n)
		return 0;
	for (k = i; k < ref->n && k < i + 20; k++)
		buf_put_utf8(&ctx, ref->v[k]);
	printf("  %s: lost from character %zu of %zu: \"%s…\"\n", format, i,
	    ref->n, ctx.ptr);
	buf_free(&ctx);
	return ref->n - i;
}

#ifdef cmocka_unit_test

/* The i-th top-level block (0-based) of a tree; fails the test if absent. */
static inline const struct node *
tu_block(const struct doc *doc, int i)
{
	const struct node	*n = doc->root->first_child;

	while (n != NULL && i-- > 0)
		n = n->next;
	assert_non_null(n);
	return n;
}
#endif

#ifdef TU_ZIP
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zip.h>

/* A zip package read back from its bytes. */
struct tu_pkg {
	char	*bytes;
	size_t	 len;
	zip_t	*za;
};

/* Opens the package bytes (taking them); fails the test unless a zip. */
static inline void
tu_pkg_open(struct tu_pkg *p, char *bytes, size_t len)
{
	zip_source_t	*src;
	zip_error_t	 err;

	assert_non_null(bytes);
	p->bytes = bytes;
	p->len = len;
	zip_error_init(&err);
	assert_non_null(src = zip_source_buffer_create(bytes, len, 0, &err));
	p->za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
	if (p->za == NULL)
		fail_msg("not a zip archive: %s", zip_error_strerror(&err));
	zip_error_fini(&err);
}

static inline void
tu_pkg_close(struct tu_pkg *p)
{
	zip_discard(p->za);
	free(p->bytes);
}

/* An entry's bytes, NUL-terminated (free them), or NULL if absent. */
static inline char *
tu_pkg_entry(struct tu_pkg *p, const char *name, size_t *lenp)
{
	zip_stat_t	 st;
	zip_file_t	*zf;
	char		*data;

	if (zip_stat(p->za, name, 0, &st) != 0)
		return NULL;
	assert_non_null(zf = zip_fopen(p->za, name, 0));
	data = xmalloc(st.size + 1);
	assert_int_equal(zip_fread(zf, data, st.size), (zip_int64_t)st.size);
	zip_fclose(zf);
	data[st.size] = '\0';
	if (lenp != NULL)
		*lenp = st.size;
	return data;
}

/*
 * The entry parsed as XML (libxml2 options opts besides XML_PARSE_NONET);
 * fails the test if it is absent or not well-formed.
 */
static inline xmlDocPtr
tu_pkg_xml(struct tu_pkg *p, const char *name, int opts)
{
	xmlDocPtr	 d;
	size_t		 len = 0;	/* fail_msg() may seem to return */
	char		*s = tu_pkg_entry(p, name, &len);

	if (s == NULL)
		fail_msg("no entry %s", name);
	d = xmlReadMemory(s, (int)len, name, NULL, XML_PARSE_NONET | opts);
	if (d == NULL)
		fail_msg("%s is not well-formed XML", name);
	free(s);
	return d;
}

/*
 * Parses every entry whose name ends in one of ext (NULL-terminated) with
 * tu_pkg_xml(); returns how many there were.
 */
static inline int
tu_pkg_xml_all(struct tu_pkg *p, const char *const *ext, int opts)
{
	zip_int64_t	 i, n = zip_get_num_entries(p->za, 0);
	const char	*name;
	size_t		 j, len, el;
	int		 count = 0;

	for (i = 0; i < n; i++) {
		name = zip_get_name(p->za, (zip_uint64_t)i, 0);
		len = strlen(name);
		for (j = 0; ext[j] != NULL; j++) {
			el = strlen(ext[j]);
			if (len > el && strcmp(name + len - el, ext[j]) == 0) {
				xmlFreeDoc(tu_pkg_xml(p, name, opts));
				count++;
				break;
			}
		}
	}
	return count;
}

/*
 * Evaluates the XPath expr over d with the namespaces ns (prefix, URI
 * pairs, NULL-terminated); fails the test if expr is not XPath.
 */
static inline xmlXPathObjectPtr
tu_xpath(xmlDocPtr d, const char *expr, const char *const *ns)
{
	xmlXPathContextPtr	 ctx = xmlXPathNewContext(d);
	xmlXPathObjectPtr	 o;

	for (; ns[0] != NULL; ns += 2)
		xmlXPathRegisterNs(ctx, BAD_CAST ns[0], BAD_CAST ns[1]);
	o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	xmlXPathFreeContext(ctx);
	if (o == NULL)
		fail_msg("bad XPath %s", expr);
	return o;
}

/* How many nodes tu_xpath() selects. */
static inline int
tu_xpath_count(xmlDocPtr d, const char *expr, const char *const *ns)
{
	xmlXPathObjectPtr	 o = tu_xpath(d, expr, ns);
	int			 n;

	n = o->nodesetval != NULL ? o->nodesetval->nodeNr : 0;
	xmlXPathFreeObject(o);
	return n;
}
#endif /* TU_ZIP */

#endif
