/* Unit tests: src/article.c (script guess, Chinese numerals). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "article.h"

static const char *
guess(const char *s)
{
	return article_guess_lang(s, strlen(s));
}

static void
test_guess_lang(void **state)
{
	(void)state;
	assert_string_equal(guess("这个国家的发展，我们来说说。"), "zh-CN");
	assert_string_equal(guess("這個國家的發展，我們來說說。"), "zh-TW");
	/* Nothing that tells the scripts apart: the default. */
	assert_string_equal(guess(""), "zh-CN");
	assert_string_equal(guess("plain ASCII text"), "zh-CN");
	assert_string_equal(guess("人民日报评论"), "zh-CN");
	/* Two traditional characters are not enough evidence. */
	assert_string_equal(guess("這個人"), "zh-CN");
	/* Traditional must outnumber simplified two to one. */
	assert_string_equal(guess("這個國家們來说"), "zh-TW");
	assert_string_equal(guess("這個國这个国"), "zh-CN");
	/* First and last characters of each table count. */
	assert_string_equal(guess("与与与"), "zh-CN");
	assert_string_equal(guess("關關關"), "zh-TW");
	assert_string_equal(guess("來來來"), "zh-TW");
	assert_string_equal(guess("问问问問"), "zh-CN");
}

/* Only the first LANG_SAMPLE_BYTES are read. */
static void
test_guess_lang_sample(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	while (b.len < LANG_SAMPLE_BYTES)
		buf_puts(&b, "的的的的的的的的的的");
	buf_puts(&b, "這個國家的發展，我們來說說。");
	assert_string_equal(article_guess_lang(b.ptr, b.len), "zh-CN");
	buf_truncate(&b, 0);
	buf_puts(&b, "這個國家的發展，我們來說說。");
	while (b.len < 4 * LANG_SAMPLE_BYTES)
		buf_puts(&b, "的的的的的的的的的的");
	assert_string_equal(article_guess_lang(b.ptr, b.len), "zh-TW");
	buf_free(&b);
}

static void
test_cn_number(void **state)
{
	static const struct {
		const char	*s;
		int		 value;
	} cases[] = {
		{ "一", 1 }, { "九", 9 }, { "十", 10 }, { "十一", 11 },
		{ "二十", 20 }, { "二十三", 23 }, { "九十九", 99 },
	};
	size_t	 i, pos;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pos = 0;
		assert_int_equal(article_cn_number(cases[i].s,
		    strlen(cases[i].s), &pos, ARTICLE_CN_ANY), cases[i].value);
		assert_int_equal(pos, strlen(cases[i].s));
	}
	pos = 0;
	assert_true(article_cn_number("甲", 3, &pos, ARTICLE_CN_ANY) < 0);
	assert_int_equal(article_cn_digit(0x4E09), 3);	/* 三 */
	assert_int_equal(article_cn_digit(0x7532), -1);	/* 甲 */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guess_lang),
		cmocka_unit_test(test_guess_lang_sample),
		cmocka_unit_test(test_cn_number),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
