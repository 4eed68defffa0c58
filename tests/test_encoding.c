/* Unit tests: src/read/encoding.c (detection, repair, cleaning). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <iconv.h>

#include "read/encoding.h"
#include "testutil.h"

/* Converts UTF-8 s into encoding enc with iconv, for building inputs. */
static char *
encode(const char *s, const char *enc, size_t *len)
{
	iconv_t		 cd = iconv_open(enc, "UTF-8");
	char		*in = (char *)s, *out, *o;
	size_t		 inleft = strlen(s), oleft = inleft * 4 + 8;

	assert_true(cd != (iconv_t)-1);
	out = o = xmalloc(oleft);
	assert_true(iconv(cd, &in, &inleft, &o, &oleft) != (size_t)-1);
	iconv_close(cd);
	*len = (size_t)(o - out);
	return out;
}

static const char article[] =
    "浙江嘉兴市委八届十二次全体会议，围绕高质量发展建设共同富裕示范区的"
    "典范城市这一目标，描绘了嘉兴未来发展的美好蓝图。我们的人民在这里"
    "生活，国家的发展是大家的事情。";

static void
check_decodes(const char *enc, const char *expect_name)
{
	struct decoded	 d;
	size_t		 len;
	char		*bytes = encode(article, enc, &len);

	assert_int_equal(enc_decode(bytes, len, NULL, NULL, &d, NULL), 0);
	assert_string_equal(d.encoding, expect_name);
	assert_int_equal(d.invalid, 0);
	assert_string_equal(d.text, article);
	enc_free(&d);
	free(bytes);
}

static void
test_detects_legacy(void **state)
{
	(void)state;
	check_decodes("UTF-8", "UTF-8");
	check_decodes("GBK", "GB18030");
	check_decodes("GB18030", "GB18030");
}

static void
test_detects_big5(void **state)
{
	static const char trad[] = "這個國家的人們來說，時間過得很快，"
	    "我們對於發展與經濟的問題，還有很多話要說。";
	struct decoded	 d;
	size_t		 len;
	char		*bytes = encode(trad, "BIG5", &len);

	(void)state;
	assert_int_equal(enc_decode(bytes, len, NULL, NULL, &d, NULL), 0);
	assert_string_equal(d.encoding, "BIG5");
	assert_string_equal(d.text, trad);
	enc_free(&d);
	free(bytes);
}

static void
test_boms(void **state)
{
	struct decoded	 d;

	(void)state;
	assert_int_equal(enc_decode("\xEF\xBB\xBF中", 6, NULL, NULL, &d,
	    NULL), 0);
	assert_true(d.bom);
	assert_string_equal(d.text, "中");
	enc_free(&d);
	assert_int_equal(enc_decode("\xFF\xFE\x2D\x4E", 4, NULL, NULL, &d,
	    NULL), 0);
	assert_string_equal(d.encoding, "UTF-16LE");
	assert_string_equal(d.text, "中");
	enc_free(&d);
	assert_int_equal(enc_decode("\xFE\xFF\x4E\x2D", 4, NULL, NULL, &d,
	    NULL), 0);
	assert_string_equal(d.text, "中");
	enc_free(&d);
}

static void
test_invalid_counted(void **state)
{
	struct decoded	 d;
	struct buf	 b = BUF_INIT;

	(void)state;
	/* Mostly UTF-8 with two damaged bytes: UTF-8 with replacements. */
	buf_puts(&b, article);
	buf_puts(&b, "\xFF");
	buf_puts(&b, article);
	buf_puts(&b, "\xE4\xB8");
	assert_int_equal(enc_decode(b.ptr, b.len, NULL, NULL, &d, NULL), 0);
	assert_string_equal(d.encoding, "UTF-8");
	assert_int_equal(d.invalid, 2);
	assert_true(strstr(d.text, "\xEF\xBF\xBD") != NULL);
	assert_true(utf8_valid(d.text, d.len));
	enc_free(&d);
	buf_free(&b);
}

/*
 * A UTF-8 file with one stray GBK sequence （二） (A3A8 B6FE A3A9): the
 * characters, counted; a truncated UTF-8 sequence and a damaged byte
 * before an ASCII letter stay U+FFFD.
 */
static void
test_mixed_gbk_in_utf8(void **state)
{
	struct decoded	 d;
	struct buf	 b = BUF_INIT;
	int		 i;

	(void)state;
	for (i = 0; i < 6; i++)
		buf_puts(&b, article);
	buf_puts(&b, "\n\xA3\xA8\xB6\xFE\xA3\xA9\n");
	buf_puts(&b, article);
	buf_puts(&b, "\xA3x\xE4\xB8");
	assert_int_equal(enc_decode(b.ptr, b.len, NULL, NULL, &d, NULL), 0);
	assert_string_equal(d.encoding, "UTF-8");
	assert_int_equal(d.gb_pairs, 3);
	assert_int_equal(d.invalid, 2);
	assert_true(strstr(d.text, "\n（二）\n") != NULL);
	assert_true(strstr(d.text, "\xEF\xBF\xBDx\xEF\xBF\xBD") != NULL);
	enc_free(&d);
	buf_free(&b);
}

static void
test_forced(void **state)
{
	struct decoded	 d;
	struct diag	 dg;
	size_t		 len;
	char		*bytes = encode(article, "GBK", &len);

	(void)state;
	diag_init(&dg, 0);
	assert_int_equal(enc_decode(bytes, len, "gb2312", NULL, &d, &dg), 0);
	assert_string_equal(d.text, article);
	enc_free(&d);
	assert_int_equal(enc_decode(bytes, len, "no-such-enc", NULL, &d,
	    &dg), -1);
	assert_non_null(diag_last_error(&dg));
	diag_free(&dg);
	free(bytes);
}

static void
test_clean(void **state)
{
	struct decoded	 d;

	(void)state;
	assert_int_equal(enc_decode("a\r\nb\rc\x01" "d\xC2\x85", 10, NULL,
	    NULL, &d, NULL), 0);
	enc_clean(&d);
	assert_string_equal(d.text, "a\nb\nc\xEF\xBF\xBD" "d\xEF\xBF\xBD");
	assert_int_equal(d.controls, 2);
	enc_free(&d);
}

static void
test_binary_and_labels(void **state)
{
	(void)state;
	assert_true(enc_looks_binary("PK\x03\x04\0\0\0", 7));
	assert_false(enc_looks_binary("中文\n", 7));
	assert_false(enc_looks_binary("\xFF\xFE\x2D\x00", 4));
	assert_string_equal(enc_canonical("GB2312"), "GB18030");
	assert_string_equal(enc_canonical("utf8"), "UTF-8");
	assert_string_equal(enc_canonical("Big5"), "BIG5");
	assert_null(enc_canonical("klingon"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detects_legacy),
		cmocka_unit_test(test_detects_big5),
		cmocka_unit_test(test_boms),
		cmocka_unit_test(test_invalid_counted),
		cmocka_unit_test(test_mixed_gbk_in_utf8),
		cmocka_unit_test(test_forced),
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_binary_and_labels),
	};

	return cmocka_run_group_tests_name("encoding", tests, NULL, NULL);
}
