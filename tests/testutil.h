/*
 * Helpers shared by the cmocka unit tests: building documents from text,
 * rendering them, and finding fixtures.  Include after <cmocka.h>.
 */
#ifndef ARTCONV_TESTUTIL_H
#define ARTCONV_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "pipeline.h"
#include "reader.h"
#include "utf8.h"
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

/* Default render options, as the command line sets them. */
static inline struct render_opts
tu_opts(void)
{
	struct render_opts	 o;

	memset(&o, 0, sizeof(o));
	o.bold_leads = 1;
	return o;
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
	struct render_opts	 def = tu_opts();

	diag_init(&d, 0);
	if (w == NULL || w->render(docs, 1, opts ? opts : &def, &b, &d) != 0) {
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

/* Does haystack contain needle? */
static inline int
tu_contains(const char *haystack, const char *needle)
{
	return haystack != NULL && strstr(haystack, needle) != NULL;
}

#endif
