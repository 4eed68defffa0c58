/*
 * Unit tests: src/io/zipout.c.  Every archive is read back with libzip, which
 * checks the local headers against the central directory (ZIP_CHECKCONS)
 * and each entry's CRC when it is read to its end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>

#define TU_ZIP
#include "io/zipout.h"
#include "testutil.h"

/* Fills b with len bytes of Chinese-like text varied by seed. */
static void
fill_text(struct buf *b, size_t len, unsigned seed)
{
	static const char *const words[] = {
		"坚持", "党建", "引领", "，", "发展", "共同富裕", "。", "\n",
		"<w:p>", "高质量", "示范区",
	};
	unsigned	 x = seed * 2654435761u + 1;

	buf_truncate(b, 0);
	while (b->len < len) {
		x = x * 1103515245u + 12345u;
		buf_puts(b, words[(x >> 16) % (sizeof(words) / sizeof(words[0]))]);
	}
	buf_truncate(b, len);
}

/* The entry read to its end (so libzip checks its CRC); fails on error. */
static void
assert_entry(zip_t *za, const char *name, const void *want, size_t len,
    zip_uint16_t method)
{
	zip_stat_t	 st;
	zip_file_t	*zf;
	char		*got = xmalloc(len + 16);

	assert_int_equal(zip_stat(za, name, 0, &st), 0);
	assert_int_equal(st.size, len);
	assert_int_equal(st.comp_method, method);
	assert_non_null(zf = zip_fopen(za, name, 0));
	assert_int_equal(zip_fread(zf, got, len + 16), (zip_int64_t)len);
	assert_int_equal(zip_fread(zf, got, 16), 0);
	assert_int_equal(zip_fclose(zf), 0);
	assert_memory_equal(got, want, len);
	free(got);
}

/* Builds an archive of the three entries a, b, c with the given flags. */
static void
build(struct buf *out, const struct buf *a, const struct buf *b,
    const struct buf *c, unsigned flags)
{
	struct diag	 diag;
	struct zipout	*z;

	diag_init(&diag, 0);
	assert_non_null(z = zipout_new(1634193960, &diag));
	assert_int_equal(zipout_add(z, "mimetype", "application/epub+zip",
	    20, ZIPOUT_STORE), 0);
	assert_int_equal(zipout_add(z, "a.xml", a->ptr, a->len, flags), 0);
	assert_int_equal(zipout_add(z, "b.xml", b->ptr, b->len, flags), 0);
	assert_int_equal(zipout_add(z, "c/empty", c->ptr, c->len, flags), 0);
	assert_int_equal(zipout_finish(z, out), 0);
	zipout_free(z);
	assert_int_equal(diag_count(&diag, DIAG_ERROR), 0);
	diag_free(&diag);
}

/* build() read back as a package (close it). */
static void
build_open(struct tu_pkg *p, const struct buf *a, const struct buf *b,
    const struct buf *c, unsigned flags)
{
	struct buf	 out = BUF_INIT;
	char		*bytes;
	size_t		 n;

	build(&out, a, b, c, flags);
	bytes = buf_detach(&out, &n);
	tu_pkg_open(p, bytes, n);
}

static void
test_entries_round_trip(void **state)
{
	struct buf	 a = BUF_INIT, b = BUF_INIT, c = BUF_INIT;
	struct tu_pkg	 p;

	(void)state;
	fill_text(&a, 3000, 1);
	fill_text(&b, 300000, 2);	/* several deflate blocks */
	build_open(&p, &a, &b, &c, ZIPOUT_DEFLATE);
	assert_int_equal(zip_get_num_entries(p.za, 0), 4);
	assert_string_equal(zip_get_name(p.za, 0, 0), "mimetype");
	assert_entry(p.za, "mimetype", "application/epub+zip", 20,
	    ZIP_CM_STORE);
	assert_entry(p.za, "a.xml", a.ptr, a.len, ZIP_CM_DEFLATE);
	assert_entry(p.za, "b.xml", b.ptr, b.len, ZIP_CM_DEFLATE);
	/* An empty entry is stored: there is nothing to deflate. */
	assert_entry(p.za, "c/empty", "", 0, ZIP_CM_STORE);
	tu_pkg_close(&p);
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
}

static void
test_deflate_compresses(void **state)
{
	struct buf	 a = BUF_INIT, b = BUF_INIT, c = BUF_INIT;
	struct buf	 out = BUF_INIT;

	(void)state;
	fill_text(&a, 100000, 3);
	fill_text(&b, 100000, 4);
	build(&out, &a, &b, &c, ZIPOUT_DEFLATE);
	/* Repetitive text: far smaller than the 200 KB it holds. */
	assert_true(out.len < 200000 / 3);
	buf_free(&out);
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
}

static void
test_deterministic(void **state)
{
	struct buf	 a = BUF_INIT, b = BUF_INIT, c = BUF_INIT;
	struct buf	 one = BUF_INIT, two = BUF_INIT;

	(void)state;
	fill_text(&a, 5000, 5);
	fill_text(&b, 70000, 6);
	build(&one, &a, &b, &c, ZIPOUT_DEFLATE);
	build(&two, &a, &b, &c, ZIPOUT_DEFLATE);
	assert_int_equal(one.len, two.len);
	assert_memory_equal(one.ptr, two.ptr, one.len);
	buf_free(&one);
	buf_free(&two);
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
}

/*
 * Shared entries change nothing in the output: the first archive
 * compresses and keeps them, the second reuses them, and both equal an
 * archive built without sharing.
 */
static void
test_shared_same_bytes(void **state)
{
	struct buf	 a = BUF_INIT, b = BUF_INIT, c = BUF_INIT;
	struct buf	 plain = BUF_INIT, first = BUF_INIT, second = BUF_INIT;

	(void)state;
	zipout_shared_clear();
	fill_text(&a, 11000, 7);
	fill_text(&b, ZIPOUT_SHARED_BYTES + 1000, 8);	/* too big to keep */
	build(&plain, &a, &b, &c, ZIPOUT_DEFLATE);
	build(&first, &a, &b, &c, ZIPOUT_SHARED);
	build(&second, &a, &b, &c, ZIPOUT_SHARED);
	assert_int_equal(plain.len, first.len);
	assert_memory_equal(plain.ptr, first.ptr, plain.len);
	assert_int_equal(plain.len, second.len);
	assert_memory_equal(plain.ptr, second.ptr, plain.len);
	/* Same length and CRC-like start, one byte different: no mix-up. */
	a.ptr[a.len - 1] ^= 1;
	buf_truncate(&first, 0);
	build(&first, &a, &b, &c, ZIPOUT_SHARED);
	buf_truncate(&plain, 0);
	build(&plain, &a, &b, &c, ZIPOUT_DEFLATE);
	assert_int_equal(plain.len, first.len);
	assert_memory_equal(plain.ptr, first.ptr, plain.len);
	zipout_shared_clear();
	buf_free(&plain);
	buf_free(&first);
	buf_free(&second);
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
}

/* More distinct shared entries than are kept: all still come out right. */
static void
test_shared_full(void **state)
{
	struct buf	 a = BUF_INIT, b = BUF_INIT, c = BUF_INIT;
	struct buf	 out = BUF_INIT;
	struct tu_pkg	 p;
	unsigned	 i;

	(void)state;
	zipout_shared_clear();
	for (i = 0; i < ZIPOUT_SHARED_MAX; i++) {
		fill_text(&a, 2000, 100 + i);
		fill_text(&b, 3000, 1000 + i);
		buf_truncate(&out, 0);
		build(&out, &a, &b, &c, ZIPOUT_SHARED);
		buf_free(&out);
	}
	fill_text(&a, 2000, 9999);
	fill_text(&b, 3000, 99999);
	build_open(&p, &a, &b, &c, ZIPOUT_SHARED);
	assert_entry(p.za, "a.xml", a.ptr, a.len, ZIP_CM_DEFLATE);
	assert_entry(p.za, "b.xml", b.ptr, b.len, ZIP_CM_DEFLATE);
	tu_pkg_close(&p);
	zipout_shared_clear();
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
}

struct worker_arg {
	const struct buf	*a, *b, *c;
	struct buf		 out;
};

static void *
build_shared(void *v)
{
	struct worker_arg	*w = v;
	int			 i;

	for (i = 0; i < 20; i++) {
		buf_truncate(&w->out, 0);
		build(&w->out, w->a, w->b, w->c, ZIPOUT_SHARED);
	}
	return NULL;
}

/* Threads sharing entries (as `-j N` does) build the same bytes. */
static void
test_shared_threads(void **state)
{
	struct buf		 a = BUF_INIT, b = BUF_INIT, c = BUF_INIT;
	struct buf		 want = BUF_INIT;
	struct worker_arg	 w[4];
	pthread_t		 t[4];
	int			 i;

	(void)state;
	zipout_shared_clear();
	fill_text(&a, 9000, 11);
	fill_text(&b, 20000, 12);
	build(&want, &a, &b, &c, ZIPOUT_DEFLATE);
	for (i = 0; i < 4; i++) {
		w[i].a = &a;
		w[i].b = &b;
		w[i].c = &c;
		buf_init(&w[i].out);
		assert_int_equal(pthread_create(&t[i], NULL, build_shared,
		    &w[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_int_equal(w[i].out.len, want.len);
		assert_memory_equal(w[i].out.ptr, want.ptr, want.len);
		buf_free(&w[i].out);
	}
	zipout_shared_clear();
	buf_free(&want);
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entries_round_trip),
		cmocka_unit_test(test_deflate_compresses),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_shared_same_bytes),
		cmocka_unit_test(test_shared_full),
		cmocka_unit_test(test_shared_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
