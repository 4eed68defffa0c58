/*
 * convert: reads an article and writes it as DOCX and Markdown with
 * libartconv, the library inside artconv.
 *
 *   cc convert.c $(pkg-config --cflags --libs artconv) -o convert
 *   ./convert article.txt out        # writes out.docx and out.md
 */
#include <stdio.h>

#include <artconv.h>

/* Renders doc in format into STEM.EXTENSION; returns 0, or 1 on failure. */
static int
save(const ac_doc *doc, const char *format, const char *stem)
{
	ac_buffer	*out = ac_buffer_new();
	ac_status	 st = AC_ERR_NOMEM;
	char		 path[4096];
	FILE		*f = NULL;
	int		 failed = 1;

	/* The format's extension: "pandoc-json" writes STEM.pandoc.json. */
	snprintf(path, sizeof(path), "%s.%s", stem,
	    ac_format_extension(ac_format_find(format)));
	if (out != NULL && (st = ac_render(doc, format, NULL, out, NULL)) ==
	    AC_OK && (f = fopen(path, "wb")) != NULL) {
		failed = fwrite(ac_buffer_data(out), 1, ac_buffer_len(out), f) !=
		    ac_buffer_len(out);
		failed |= fclose(f) != 0;
	}
	if (failed)
		fprintf(stderr, "convert: %s: %s\n", path,
		    st != AC_OK ? ac_strerror(st) : "cannot write");
	ac_buffer_free(out);
	return failed;
}

int
main(int argc, char *argv[])
{
	ac_diags	*diags = ac_diags_new();
	ac_doc		*doc;
	ac_status	 st;
	size_t		 i;
	int		 failed;

	if (argc != 3) {
		fprintf(stderr, "usage: convert ARTICLE OUTPUT-STEM\n");
		return 2;
	}
	st = ac_read_file(argv[1], NULL, &doc, diags);
	/* Warnings (what was repaired) and errors; notes say how it was read. */
	for (i = 0; i < ac_diags_count(diags); i++)
		if (ac_diags_level(diags, i) != AC_NOTE)
			fprintf(stderr, "convert: %s: %s\n", argv[1],
			    ac_diags_text(diags, i));
	ac_diags_free(diags);
	if (st != AC_OK) {
		fprintf(stderr, "convert: %s: %s\n", argv[1], ac_strerror(st));
		return 1;
	}
	failed = save(doc, "docx", argv[2]) | save(doc, "md", argv[2]);
	ac_doc_free(doc);
	return failed;
}
