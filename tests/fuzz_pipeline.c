/*
 * libFuzzer target: the whole pipeline.  The first byte picks the reader
 * and options; the rest is the article.  Every registered writer renders
 * the tree; every XML part of a zip output must parse with libxml2 and
 * every text output must be valid UTF-8, or the target aborts (a crash is
 * a finding).  Build and run with `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <zip.h>

#include "fuzz_common.h"
#include "testutil.h"

static int
is_xml_part(const char *name)
{
	static const char *const ext[] = {
		".xml", ".rels", ".xhtml", ".opf", ".ncx", ".svg"
	};
	size_t	 n = strlen(name), i, e;

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		e = strlen(ext[i]);
		if (n >= e && strcmp(name + n - e, ext[i]) == 0)
			return 1;
	}
	return 0;
}

/* Aborts unless every XML part of the zip in out parses. */
static void
check_zip(const struct buf *out)
{
	zip_error_t	 err;
	zip_source_t	*src;
	zip_t		*za;
	zip_int64_t	 i, n;

	zip_error_init(&err);
	if ((src = zip_source_buffer_create(out->ptr, out->len, 0, &err)) ==
	    NULL || (za = zip_open_from_source(src, ZIP_RDONLY |
	    ZIP_CHECKCONS, &err)) == NULL)
		abort();
	n = zip_get_num_entries(za, 0);
	for (i = 0; i < n; i++) {
		const char	*name = zip_get_name(za, (zip_uint64_t)i, 0);
		zip_stat_t	 st;
		zip_file_t	*f;
		char		*data;
		xmlDoc		*x;

		if (name == NULL || !is_xml_part(name))
			continue;
		if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) != 0 ||
		    (f = zip_fopen_index(za, (zip_uint64_t)i, 0)) == NULL)
			abort();
		data = malloc(st.size + 1);
		if (data == NULL ||
		    zip_fread(f, data, st.size) != (zip_int64_t)st.size)
			abort();
		zip_fclose(f);
		x = xmlReadMemory(data, (int)st.size, name, NULL,
		    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		if (x == NULL)
			abort();	/* a writer produced invalid XML */
		xmlFreeDoc(x);
		free(data);
	}
	zip_close(za);
	zip_error_fini(&err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pipeline_opts	 po;
	struct render_opts	 ro;
	struct diag		 d;
	struct doc		*doc = NULL;
	size_t			 w;
	uint8_t			 sel;

	if (size < 1)
		return 0;
	sel = data[0];
	tu_fuzz_opts(sel, &po, &ro);
	/* With kept punctuation, also the Traditional Chinese pass. */
	if (po.keep_punctuation) {
		static struct script_conv *sc;
		char why[256];

		if (sc == NULL && (sc = script_conv_open("s2twp", why,
		    sizeof(why))) == NULL)
			abort();
		po.convert = sc;
	}
	diag_init(&d, 1);
	if (pipeline_read((const char *)data + 1, size - 1, &po, &doc, &d) !=
	    0) {
		diag_free(&d);
		render_opts_free(&ro);
		return 0;
	}
	if (doc_check(doc) != 0)
		abort();
	for (w = 0; writers[w] != NULL; w++) {
		const struct doc *docs[2] = { doc, doc };
		struct buf out = BUF_INIT;
		size_t ndocs = (sel & 0x80) && (sel & 0x40) ? 2 : 1;

		if (writers[w]->render(docs, ndocs, &ro, &out, &d) == 0) {
			if (writers[w]->zip)
				check_zip(&out);
			else if (!utf8_valid(out.ptr, out.len))
				abort();
		}
		buf_free(&out);
	}
	doc_free(doc);
	diag_free(&d);
	render_opts_free(&ro);
	return 0;
}
