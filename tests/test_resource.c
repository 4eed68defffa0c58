/*
 * The confined resource loader (resource.c): what --images may read, in
 * both modes (openat2() and the portable walk), over the folder tree of
 * fuzz_resource.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <time.h>

#include "fuzz_resource.h"

static const int modes[] = { 0, RESOURCE_PORTABLE };

/* Loads src for the article art/page.html; returns the reason or NULL. */
static const char *
load(const char *src, int flags, int extra, struct buf *out)
{
	struct resource_confined *rc;
	struct resource_loader	 l;
	char			 article[4200];
	const char		*why = NULL;
	static char		 reason[256];

	snprintf(article, sizeof(article), "%s/art/page.html", fr_base);
	rc = resource_confined_new(article, extra ? fr_extra : NULL, 1 << 20,
	    flags);
	l = resource_confined_loader(rc);
	buf_truncate(out, 0);
	if (l.load(l.ctx, src, out, &why) == 0) {
		resource_confined_free(rc);
		return NULL;
	}
	assert_non_null(why);
	assert_int_equal(out->len, 0);
	snprintf(reason, sizeof(reason), "%s", why);
	resource_confined_free(rc);
	return reason;
}

#define LOADS(src, extra, want) do {					\
	for (m = 0; m < 2; m++) {					\
		assert_null(load((src), modes[m], (extra), &out));	\
		assert_string_equal(out.ptr, (want));			\
	}								\
} while (0)

#define REFUSED(src, extra, reason) do {				\
	for (m = 0; m < 2; m++) {					\
		const char *r_ = load((src), modes[m], (extra), &out);	\
		assert_non_null(r_);					\
		if (strstr(r_, (reason)) == NULL)			\
			fail_msg("%s (mode %d): \"%s\", expected \"%s\"",	\
			    (src), m, r_, (reason));			\
	}								\
} while (0)

static void
test_inside(void **state)
{
	struct buf	 out = BUF_INIT;
	char		 p[4200];
	int		 m;

	(void)state;
	LOADS("in.png", 0, "INSIDE");
	LOADS("./sub/../in.png", 0, "INSIDE");
	LOADS("sub/in2.png", 0, "INSIDE");
	LOADS("sub/rel.png", 0, "INSIDE");	/* a link staying inside */
	LOADS("dirlink/in2.png", 0, "INSIDE");
	LOADS("sub/up/in.png", 0, "INSIDE");	/* link "..", still inside */
	LOADS("page_files/a%20b.png", 0, "INSIDE");
	LOADS("in.png?v=3#top", 0, "INSIDE");
	/* An absolute path into the article's folder is inside. */
	snprintf(p, sizeof(p), "%s/art/in.png", fr_base);
	LOADS(p, 0, "INSIDE");
	buf_free(&out);
}

static void
test_outside(void **state)
{
	struct buf	 out = BUF_INIT;
	char		 p[4200];
	int		 m;

	(void)state;
	REFUSED("../secret", 0, "outside the article's folder");
	REFUSED("../out/secret", 0, "outside the article's folder");
	REFUSED("sub/../../secret", 0, "outside the article's folder");
	REFUSED("%2e%2e/secret", 0, "outside the article's folder");
	REFUSED("..%2Fsecret", 0, "outside the article's folder");
	snprintf(p, sizeof(p), "%s/secret", fr_base);
	REFUSED(p, 0, "absolute path");
	REFUSED("/etc/passwd", 0, "absolute path");
	REFUSED("/../../etc/passwd", 0, "absolute path");
	REFUSED("sub/out", 0, "symbolic link");
	REFUSED("outdir/secret", 0, "symbolic link");
	REFUSED("abs", 0, "symbolic link");
	REFUSED("sub/upup/secret", 0, "symbolic link");
	REFUSED("self/in.png", 0, "symbolic link");	/* absolute, inside */
	REFUSED("loop", 0, "symbolic links");
	buf_free(&out);
}

static void
test_urls(void **state)
{
	struct buf	 out = BUF_INIT;
	char		 p[4200];
	int		 m;

	(void)state;
	snprintf(p, sizeof(p), "file://%s/art/in.png", fr_base);
	REFUSED(p, 0, "a file: URL");
	REFUSED("FILE:in.png", 0, "a file: URL");
	REFUSED("http://example.com/in.png", 0, "network address");
	REFUSED("https://example.com/in.png", 0, "network address");
	REFUSED("//example.com/in.png", 0, "network address");
	REFUSED("data:image/png;base64,iVBORw0KGgo=", 0, "not a local file");
	REFUSED("javascript:alert(1)", 0, "not a local file");
	REFUSED("C:\\images\\a.png", 0, "absolute path");
	REFUSED("", 0, "empty");
	REFUSED("#top", 0, "empty");
	REFUSED("in%00.png", 0, "NUL");
	buf_free(&out);
}

static void
test_not_regular(void **state)
{
	struct buf	 out = BUF_INIT;
	time_t		 t0 = time(NULL);
	int		 m;

	(void)state;
	/* A FIFO is refused at once, without waiting for a writer. */
	REFUSED("fifo", 0, "not a regular file");
	assert_true(time(NULL) - t0 < 5);
	REFUSED("sub", 0, "folder");
	REFUSED("nothere.png", 0, strerror(ENOENT));
	buf_free(&out);
}

static void
test_resource_path(void **state)
{
	struct buf	 out = BUF_INIT;
	char		 p[4200];
	int		 m;

	(void)state;
	/* Found in the extra folder: by name, by "..", by absolute path. */
	REFUSED("x.png", 0, strerror(ENOENT));
	LOADS("x.png", 1, "EXTRA");
	LOADS("../extra/x.png", 1, "EXTRA");
	snprintf(p, sizeof(p), "%s/extra/x.png", fr_base);
	LOADS(p, 1, "EXTRA");
	REFUSED("../secret", 1, "outside the article's folder");
	/* A link out of the article's folder is refused even into it. */
	REFUSED("toextra/x.png", 1, "symbolic link");
	/* The article's own file wins over an extra folder's. */
	LOADS("in.png", 1, "INSIDE");
	buf_free(&out);
}

static void
test_stdin(void **state)
{
	struct resource_confined *rc;
	struct resource_loader	 l;
	struct buf		 out = BUF_INIT;
	const char		*why = NULL;

	(void)state;
	rc = resource_confined_new("-", NULL, 1 << 20, 0);
	l = resource_confined_loader(rc);
	assert_int_equal(l.load(l.ctx, "in.png", &out, &why), -1);
	assert_non_null(strstr(why, "standard input"));
	resource_confined_free(rc);
	rc = resource_confined_new(NULL, fr_extra, 1 << 20, 0);
	l = resource_confined_loader(rc);
	assert_int_equal(l.load(l.ctx, "x.png", &out, &why), 0);
	assert_string_equal(out.ptr, "EXTRA");
	resource_confined_free(rc);
	buf_free(&out);
}

/* A second load of the same reference gives the same bytes. */
static void
test_cache(void **state)
{
	struct resource_confined *rc;
	struct resource_loader	 l;
	struct buf		 out = BUF_INIT;
	char			 article[4200], p[4200];
	const char		*why = NULL;

	(void)state;
	snprintf(article, sizeof(article), "%s/art/page.html", fr_base);
	snprintf(p, sizeof(p), "%s/art/tmp.png", fr_base);
	fr_file("art/tmp.png", "INSIDE");
	rc = resource_confined_new(article, NULL, 1 << 20, 0);
	l = resource_confined_loader(rc);
	assert_int_equal(l.load(l.ctx, "tmp.png", &out, &why), 0);
	assert_int_equal(unlink(p), 0);
	buf_truncate(&out, 0);
	assert_int_equal(l.load(l.ctx, "tmp.png", &out, &why), 0);
	assert_string_equal(out.ptr, "INSIDE");
	resource_confined_free(rc);
	buf_free(&out);
}

static void
test_size_limit(void **state)
{
	struct resource_confined *rc;
	struct resource_loader	 l;
	struct buf		 out = BUF_INIT;
	char			 article[4200];
	const char		*why = NULL;

	(void)state;
	snprintf(article, sizeof(article), "%s/art/page.html", fr_base);
	rc = resource_confined_new(article, NULL, 3, 0);
	l = resource_confined_loader(rc);
	assert_int_equal(l.load(l.ctx, "in.png", &out, &why), -1);
	assert_string_equal(why, "too large");
	resource_confined_free(rc);
	buf_free(&out);
}

static void
test_paths_add(void **state)
{
	struct resource_paths	*rp = resource_paths_new();
	char			 list[9000], *bad = NULL;
	const char		*why = NULL;

	(void)state;
	snprintf(list, sizeof(list), "%s/extra::%s/art", fr_base, fr_base);
	assert_int_equal(resource_paths_add(rp, list, &bad, &why), 0);
	assert_int_equal(resource_paths_count(rp), 2);
	snprintf(list, sizeof(list), "%s/nothere", fr_base);
	assert_int_equal(resource_paths_add(rp, list, &bad, &why), -1);
	assert_non_null(bad);
	assert_string_equal(bad, list);
	free(bad);
	resource_paths_free(rp);
}

static int
setup(void **state)
{
	(void)state;
	fuzz_resource_setup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inside),
		cmocka_unit_test(test_outside),
		cmocka_unit_test(test_urls),
		cmocka_unit_test(test_not_regular),
		cmocka_unit_test(test_resource_path),
		cmocka_unit_test(test_stdin),
		cmocka_unit_test(test_cache),
		cmocka_unit_test(test_size_limit),
		cmocka_unit_test(test_paths_add),
	};

	return cmocka_run_group_tests_name("resource", tests, setup, NULL);
}
