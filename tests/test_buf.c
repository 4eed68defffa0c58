/* Unit tests: src/tree/buf.c and src/tree/alloc.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

static void
test_empty_is_valid_string(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	assert_non_null(b.ptr);
	assert_string_equal(b.ptr, "");
	assert_int_equal(b.len, 0);
	buf_free(&b);
	assert_string_equal(b.ptr, "");
}

static void
test_put_and_printf(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	buf_puts(&b, "中文");
	buf_putc(&b, '-');
	BUF_PUTSL(&b, "ab");
	buf_printf(&b, "%d/%s", 42, "x");
	assert_string_equal(b.ptr, "中文-ab42/x");
	assert_int_equal(b.len, strlen("中文-ab42/x"));
	buf_free(&b);
}

static void
test_growth_is_linear(void **state)
{
	struct buf	 b = BUF_INIT;
	size_t		 i, reallocs = 0, cap = 0;

	(void)state;
	for (i = 0; i < 1000000; i++) {
		buf_putc(&b, 'x');
		if (b.cap != cap) {
			reallocs++;
			cap = b.cap;
		}
	}
	assert_int_equal(b.len, 1000000);
	/* Geometric growth: a few dozen reallocations, not thousands. */
	assert_true(reallocs < 40);
	buf_free(&b);
}

static void
test_utf8_and_trim(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	buf_put_utf8(&b, 0x41);
	buf_put_utf8(&b, 0xE9);
	buf_put_utf8(&b, 0x4E2D);
	buf_put_utf8(&b, 0x1F600);
	assert_string_equal(b.ptr, "A\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80");
	BUF_PUTSL(&b, "  \t ");
	buf_rtrim_spaces(&b);
	assert_string_equal(b.ptr, "A\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80");
	buf_truncate(&b, 1);
	assert_string_equal(b.ptr, "A");
	buf_free(&b);
}

static void
test_detach(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*s;
	size_t		 len;

	(void)state;
	s = buf_detach(&b, &len);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	free(s);
	buf_puts(&b, "abc");
	s = buf_detach(&b, &len);
	assert_string_equal(s, "abc");
	assert_int_equal(len, 3);
	assert_int_equal(b.len, 0);
	free(s);
}

static void
test_xstrndup(void **state)
{
	char	*s;

	(void)state;
	s = xstrndup("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_is_valid_string),
		cmocka_unit_test(test_put_and_printf),
		cmocka_unit_test(test_growth_is_linear),
		cmocka_unit_test(test_utf8_and_trim),
		cmocka_unit_test(test_detach),
		cmocka_unit_test(test_xstrndup),
	};

	return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
