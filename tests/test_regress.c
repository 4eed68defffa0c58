/*
 * Regression inputs found by fuzzing (fixtures/fuzz/), in the ordinary
 * (and sanitizer) builds too, not only under libFuzzer.  Whatever target
 * found it, each input goes through every path a target takes: the
 * pipeline and every writer (the first byte selecting options exactly as
 * in tests/fuzz_pipeline.c), each reader alone on the whole input (as in
 * fuzz_read_*.c), and the confined resource loader (fuzz_resource.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>

#include "fuzz_resource.h"
#include "testutil.h"

static void
replay(const char *path)
{
	struct pipeline_opts	 po;
	struct render_opts	 ro;
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
	tu_fuzz_opts(sel, &po, &ro);
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
	render_opts_free(&ro);
	doc_free(doc);
	diag_free(&d);
	/* Each reader alone: fails with a reason or builds a sound tree. */
	for (w = 0; readers[w] != NULL; w++) {
		struct read_opts rop;
		int rc;

		memset(&rop, 0, sizeof(rop));
		rop.max_depth = 128;

		doc = NULL;
		diag_init(&d, 1);
		rc = readers[w]->read(data, len, &rop, &doc, &d);
		if (rc == 0) {
			assert_non_null(doc);
			assert_int_equal(doc_check(doc), 0);
		} else {
			assert_null(doc);
			assert_non_null(diag_last_error(&d));
		}
		doc_free(doc);
		diag_free(&d);
	}
	fuzz_resource_one((const uint8_t *)data, len);
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
	fuzz_resource_setup();
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
