/*
 * The writers' option tables (struct writer_option) and what is generated
 * from them: names unique and clear of the general options, the generic
 * setters (internal and public) with good and bad values, and the public
 * listing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "artconv.h"
#include "testutil.h"

/* The command line's own long options (cli/options.c). */
static const char *const general[] = {
	"to", "output", "from", "meta", "encoding", "outline", "levels",
	"points", "leads", "lang", "keep-punctuation", "convert", "images",
	"resource-path", "now", "force", "sync", "jobs", "files-from", "null",
	"include", "exclude", "hidden", "update", "fail-fast", "keep-going",
	"combine", "order", "shard", "quiet", "verbose", "list-formats",
	"help", "version", "help-man", NULL
};

/* Every table is complete, and each name belongs to one writer only. */
static void
test_tables(void **state)
{
	const struct writer_option *opt, *o2;
	const struct writer *w;
	size_t	 i, j, k, total = 0;

	(void)state;
	for (i = 0; writers[i] != NULL; i++) {
		assert_true(writer_index(writers[i]) == i);
		assert_true(i < WRITERS_MAX);
		if (writers[i]->zip)
			assert_non_null(writers[i]->text_parts);
		for (opt = writers[i]->options; opt != NULL &&
		    opt->name != NULL; opt++, total++) {
			assert_non_null(writers[i]->options_default);
			assert_true(writers[i]->options_size > 0);
			assert_non_null(opt->help);
			assert_non_null(opt->man);
			assert_true(opt->kind == WOPT_FLAG || opt->arg != NULL);
			assert_true(opt->kind != WOPT_WORD || opt->words != NULL);
			assert_true(opt->kind != WOPT_NUMBER ||
			    opt->takes != NULL);
			assert_true(opt->kind != WOPT_FILE ||
			    (opt->max_size > 0 && (opt->check == NULL ||
			    opt->takes != NULL)));
			for (k = 0; general[k] != NULL; k++)
				assert_string_not_equal(opt->name, general[k]);
			assert_ptr_equal(writer_option_find(opt->name, &w),
			    opt);
			assert_ptr_equal(w, writers[i]);
			for (j = i + 1; writers[j] != NULL; j++)
				for (o2 = writers[j]->options; o2 != NULL &&
				    o2->name != NULL; o2++)
					assert_string_not_equal(opt->name,
					    o2->name);
		}
	}
	assert_true(total > 0 && total < 256);	/* cli's MAX_WRITER_OPTIONS */
	assert_null(writer_option_find("no-such-option", NULL));
}

/* writer_option_set*(): values land in the writer's options. */
static void
test_set(void **state)
{
	struct render_opts		 o;
	const struct docx_options	*dx;
	const struct epub_options	*eo;

	(void)state;
	memset(&o, 0, sizeof(o));
	dx = writer_options(&o, &writer_docx);
	assert_ptr_equal(dx, writer_docx.options_default);
	assert_int_equal(writer_option_set(&o, "docx-style", "plain"), 0);
	assert_int_equal(writer_option_set(&o, "toc", NULL), 0);
	dx = writer_options(&o, &writer_docx);
	assert_int_equal(dx->style, DOCX_PLAIN);
	assert_int_equal(dx->toc, 1);
	assert_int_equal(writer_option_set(&o, "toc", "0"), 0);
	assert_int_equal(dx->toc, 0);
	assert_int_equal(writer_option_set(&o, "docx-style", "fancy"), -1);
	assert_int_equal(dx->style, DOCX_PLAIN);
	assert_int_equal(writer_option_set(&o, "toc", "yes"), -1);
	assert_int_equal(writer_option_set(&o, "wrap", "7"), -1);
	assert_int_equal(writer_option_set(&o, "wrap", "10001"), -1);
	assert_int_equal(writer_option_set(&o, "wrap", "12x"), -1);
	assert_int_equal(writer_option_set(&o, "wrap", "0"), 0);
	assert_int_equal(writer_option_set(&o, "wrap", "8"), 0);
	assert_int_equal(writer_option_set(&o, "nope", "1"), -1);
	/* Files: through the bytes setter only, checked. */
	assert_int_equal(writer_option_set(&o, "cover", "x.png"), -1);
	assert_int_equal(writer_option_set_bytes(&o, "cover", "GIF89a..", 8),
	    -1);
	assert_int_equal(writer_option_set_bytes(&o, "cover",
	    "\x89PNG\r\n\x1A\n..", 10), 0);
	eo = writer_options(&o, &writer_epub);
	assert_int_equal(eo->cover.len, 10);
	assert_int_equal(writer_option_set_bytes(&o, "cover", NULL, 0), 0);
	assert_int_equal(eo->cover.len, 0);
	assert_null(eo->cover.ptr);
	assert_int_equal(writer_option_set_bytes(&o, "reference-doc",
	    "not a zip", 9), -1);
	assert_int_equal(writer_option_set_bytes(&o, "reference-doc",
	    "PK\3\4....", 8), 0);
	assert_int_equal(writer_option_set_bytes(&o, "toc", "1", 1), -1);
	render_opts_free(&o);
	assert_null(o.wopts[writer_index(&writer_docx)]);
}

/* The public API: listing and the generic setters. */
static void
test_api(void **state)
{
	const ac_format		*f = ac_format_find("docx");
	ac_render_options	*o = ac_render_options_new();
	size_t			 i, n;

	(void)state;
	assert_non_null(o);
	n = ac_format_option_count(f);
	assert_int_equal(n, 3);
	assert_string_equal(ac_format_option_name(f, 0), "docx-style");
	assert_int_equal(ac_format_option_kind(f, 0), AC_OPTION_WORD);
	assert_string_equal(ac_format_option_arg(f, 0), "STYLE");
	assert_true(tu_contains(ac_format_option_help(f, 0), "official"));
	assert_int_equal(ac_format_option_kind(f, 1), AC_OPTION_FILE);
	assert_int_equal(ac_format_option_kind(f, 2), AC_OPTION_FLAG);
	assert_null(ac_format_option_arg(f, 2));
	assert_null(ac_format_option_name(f, n));
	assert_int_equal(ac_format_option_kind(f, n), AC_OPTION_NONE);
	assert_int_equal(ac_format_option_count(NULL), 0);
	assert_int_equal(ac_format_option_count(ac_format_find("md")), 0);
	assert_string_equal(ac_format_text_parts(ac_format_find("docx")),
	    "word/document.xml");
	assert_null(ac_format_text_parts(ac_format_find("md")));
	for (i = 0; i < ac_format_count(); i++)
		assert_int_equal(ac_format_is_binary(ac_format_at(i)),
		    ac_format_text_parts(ac_format_at(i)) != NULL);

	assert_int_equal(ac_render_options_set(o, "toc", NULL), AC_OK);
	assert_int_equal(ac_render_options_set(o, "docx-style", "plain"),
	    AC_OK);
	assert_int_equal(ac_render_options_set(o, "docx-style", "x"),
	    AC_ERR_INVALID);
	assert_int_equal(ac_render_options_set(o, "wrap", "20"), AC_OK);
	assert_int_equal(ac_render_options_set(o, "wrap", "5"),
	    AC_ERR_INVALID);
	assert_int_equal(ac_render_options_set(o, "vertical", "1"), AC_OK);
	assert_int_equal(ac_render_options_set(o, "template", "x"),
	    AC_ERR_INVALID);
	assert_int_equal(ac_render_options_set(o, "points", "split"),
	    AC_ERR_INVALID);
	assert_int_equal(ac_render_options_set(NULL, "toc", NULL),
	    AC_ERR_INVALID);
	assert_int_equal(ac_render_options_set(o, NULL, NULL),
	    AC_ERR_INVALID);
	assert_int_equal(ac_render_options_set_bytes(o, "template", "<p>$body$",
	    9), AC_OK);
	assert_int_equal(ac_render_options_set_bytes(o, "cover", "abc", 3),
	    AC_ERR_INVALID);
	assert_int_equal(ac_render_options_set_bytes(o, "toc", "1", 1),
	    AC_ERR_INVALID);
	assert_int_equal(ac_render_options_set_bytes(o, "template", NULL, 0),
	    AC_OK);
	/* The older setters are the same options. */
	assert_int_equal(ac_render_options_set_toc(o, 0), AC_OK);
	assert_int_equal(ac_render_options_set_docx_style(o,
	    (ac_docx_style)9), AC_ERR_INVALID);
	ac_render_options_free(o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_api),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
