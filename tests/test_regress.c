/*
 * Regression inputs found by fuzzing (fixtures/fuzz/): each goes through
 * the pipeline and every writer, in the ordinary (and sanitizer) builds
 * too, not only under libFuzzer.  The first byte selects options exactly
 * as in tests/fuzz_pipeline.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>

#include "testutil.h"

static void
replay(const char *path)
{
	static const char *const names[] = { NULL, "text", "html", "md" };
	struct pipeline_opts	 po;
	struct render_opts	 ro = tu_opts();
	struct diag		 d;
	struct doc		*doc = NULL;
	size_t			 len, w;
	char			*data = tu_slurp(path, &len);
	unsigned char		 sel;

	assert_non_null(data);
	if (len == 0) {
		free(data);
		return;
	}
	sel = (unsigned char)data[0];
	memset(&po, 0, sizeof(po));
	po.read.max_depth = 128;
	if (names[sel & 3] != NULL)
		po.reader = reader_find(names[sel & 3]);
	po.keep_punctuation = (sel >> 2) & 1;
	ro.points = (sel >> 3) & 1 ? POINTS_SPLIT : POINTS_INLINE;
	ro.bold_leads = (sel >> 4) & 1;
	ro.wrap = (sel >> 5) & 1 ? 20 : 0;
	ro.docx_style = (sel >> 6) & 1 ? DOCX_PLAIN : DOCX_OFFICIAL;
	ro.toc = (sel >> 7) & 1;
	diag_init(&d, 1);
	if (pipeline_read(data + 1, len - 1, &po, &doc, &d) == 0) {
		assert_int_equal(doc_check(doc), 0);
		for (w = 0; writers[w] != NULL; w++) {
			const struct doc *docs[1] = { doc };
			struct buf out = BUF_INIT;

			writers[w]->render(docs, 1, &ro, &out, &d);
			buf_free(&out);
		}
	}
	doc_free(doc);
	diag_free(&d);
	free(data);
}

static void
test_fuzz_findings(void **state)
{
	DIR		*dir = opendir("fixtures/fuzz");
	struct dirent	*de;
	char		 path[1024];
	int		 n = 0;

	(void)state;
	if (dir == NULL)
		return;
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "fixtures/fuzz/%s", de->d_name);
		replay(path);
		n++;
	}
	closedir(dir);
	print_message("replayed %d fuzz findings\n", n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fuzz_findings),
	};

	return cmocka_run_group_tests_name("regress", tests, NULL, NULL);
}
