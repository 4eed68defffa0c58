/* Unit tests: src/analyze/article.c (script guess, Chinese numerals, titles). */
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "analyze/article.h"
#include "testutil.h"

static void
test_guess_lang(void **state)
{
	static const struct {
		const char	*text, *lang;
	} cases[] = {
		{ "这个国家的发展，我们来说说。", "zh-CN" },
		{ "這個國家的發展，我們來說說。", "zh-TW" },
		/* Nothing that tells the scripts apart: the default. */
		{ "", "zh-CN" },
		{ "plain ASCII text", "zh-CN" },
		{ "人民日报评论", "zh-CN" },
		/* Two traditional characters are not enough evidence. */
		{ "這個人", "zh-CN" },
		/* Traditional must outnumber simplified two to one. */
		{ "這個國家們來说", "zh-TW" },
		{ "這個國这个国", "zh-CN" },
		/* First and last characters of each table count. */
		{ "与与与", "zh-CN" },
		{ "關關關", "zh-TW" },
		{ "來來來", "zh-TW" },
		{ "问问问問", "zh-CN" },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(article_guess_lang(cases[i].text,
		    strlen(cases[i].text)), cases[i].lang);
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

/* Titles match whatever white space they hold, and full-width ASCII. */
static void
test_same_text(void **state)
{
	(void)state;
	assert_true(article_same_text("标题一", "标题一"));
	assert_true(article_same_text("标题 一", "标题一"));
	assert_true(article_same_text(" 标题\t一\n", "标题一"));
	assert_true(article_same_text("标题\xc2\xa0一", "标题\xe3\x80\x80一"));
	assert_true(article_same_text("ＡＢＣ２０２１", "ABC 2021"));
	assert_true(article_same_text("", " \xe3\x80\x80"));
	assert_false(article_same_text("abc", "ABC"));
	assert_false(article_same_text("标题一", "标题一。"));
	assert_false(article_same_text("标题一", "标题二"));
}

/* Breadcrumbs: a place label, or a path from the home page; not text. */
static void
test_breadcrumb(void **state)
{
	static const char *const yes[] = {
		"当前位置：首页 >> 学习园地 >> 正文",
		"您现在的位置：首页 > 新闻中心 > 公司要闻",
		"  您当前的位置: 首页 > 政务公开 > 工作动态",
		"首页 > 新闻中心 > 公司要闻",
		"首頁 » 新聞 » 本地",
		"網站首頁→最新消息",
	};
	static const char *const no[] = {
		"当前位置",			/* a word, not a label */
		"首页改版后访问量大增，3月同比增长20%以上。",
		"首页",
		"本次活动的位置：县文化广场",
		"当前位置：首页 >> 学习园地 >> 正文 >> 这是一个很长很长很长很长很长很长"
		    "很长很长很长很长很长很长很长很长很长很长很长很长很长很长的句子",
	};
	size_t	 i;

	(void)state;
	/* Without the home page, a path of short names, above a title. */
	assert_false(article_breadcrumb("新闻中心 > 国内新闻 > 正文", 36));
	assert_true(article_path_line("新闻中心 > 国内新闻 > 正文", 36));
	assert_false(article_path_line("收入 > 支出", 14));
	assert_false(article_path_line("这是一个很长很长很长的名字 > 国内 > 正文",
	    strlen("这是一个很长很长很长的名字 > 国内 > 正文")));
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		assert_true(article_breadcrumb(yes[i], strlen(yes[i])));
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		assert_false(article_breadcrumb(no[i], strlen(no[i])));
}

static void
expect_date(const char *s, const char *want)
{
	char	*d = article_find_date(s, strlen(s), NULL, NULL);

	if (want == NULL)
		assert_null(d);
	else {
		assert_non_null(d);
		assert_string_equal(d, want);
	}
	free(d);
}

/* Dates in the forms articles print them, Taiwan's era years among them. */
static void
test_find_date(void **state)
{
	(void)state;
	expect_date("发布时间：2024-03-05 17:20", "2024-03-05 17:20");
	expect_date("2021年10月14日 星期四", "2021-10-14");
	expect_date("Tue, 30 Jun 2020 16:14:48 +0000", "2020-06-30 16:14:48");
	/* 民國紀年: the 113th year from 1912 is 2024. */
	expect_date("發布日期：113-05-14", "2024-05-14");
	expect_date("中華民國113年5月14日", "2024-05-14");
	expect_date("民國99年1月8日", "2010-01-08");
	expect_date("民國99.1.8", "2010-01-08");
	/* Not dates: a count of years, an address's digits, a year alone. */
	expect_date("本校建校113年，培養人才無數。", NULL);
	expect_date("主機位址 110.12.5", NULL);
	expect_date("99年以前", NULL);
	expect_date("1899-01-01", NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guess_lang),
		cmocka_unit_test(test_guess_lang_sample),
		cmocka_unit_test(test_cn_number),
		cmocka_unit_test(test_same_text),
		cmocka_unit_test(test_breadcrumb),
		cmocka_unit_test(test_find_date),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
