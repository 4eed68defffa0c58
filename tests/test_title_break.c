/* Unit tests: src/analyze/title_break.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analyze/title_break.h"
#include "testutil.h"

#define SAMPLE "浙江嘉兴“红船银晖”党建引领银晖聚力添彩，齐绘“共富”篇章"

/* Breaks s at a measure of cap ems; the lines joined by '|'. */
static char *
broken(const char *s, double cap, size_t max_lines)
{
	size_t			 len = strlen(s), n, i;
	struct title_line	*l = xcalloc(len + 1, sizeof(*l));
	struct buf		 b = BUF_INIT;

	n = title_break(s, len, NULL, (long)(cap * 1000), max_lines, l, NULL);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(&b, '|');
		buf_put(&b, s + l[i].off, l[i].len);
	}
	free(l);
	return buf_detach(&b, NULL);
}

static void
expect_break(const char *s, double cap, size_t max_lines, const char *want)
{
	char	*got = broken(s, cap, max_lines);

	assert_string_equal(got, want);
	free(got);
}

/*
 * The sample's title in the official DOCX layout (2号 in 156 mm: 20
 * characters) and on the cover (about 12 characters): lines end after a
 * closing quotation mark or a comma, never inside 银晖聚力添彩.
 */
static void
test_sample_title(void **state)
{
	(void)state;
	expect_break(SAMPLE, 20.1, 0, "浙江嘉兴“红船银晖”|党建引领银晖聚力添彩，齐绘“共富”篇章");
	expect_break(SAMPLE, 12.2, 3, "浙江嘉兴“红船银晖”|党建引领银晖聚力添彩，|齐绘“共富”篇章");
	expect_break(SAMPLE, 40, 0, SAMPLE);
}

/* The parts of an official title: 发文机关 | 关于 + 事由 + 的 | 文种. */
static void
test_official_parts(void **state)
{
	(void)state;
	expect_break("关于印发《党政机关公文处理工作条例》的通知", 20.1, 0,
	    "关于印发|《党政机关公文处理工作条例》的通知");
	expect_break("某某县人民政府办公室关于做好2024年春节期间安全生产工作的紧急通知",
	    20.1, 0, "某某县人民政府办公室关于做好|2024年春节期间安全生产工作的紧急通知");
}

/*
 * Prohibitions hold whatever the cost: no line starts with a closing mark
 * or ends with an opening one, Latin words and numbers stay whole.
 */
static void
test_prohibitions(void **state)
{
	char	*got;

	(void)state;
	got = broken("关于“十四五”规划的说明和2035年远景目标的建议", 6, 0);
	assert_null(strstr(got, "|”"));
	assert_null(strstr(got, "“|"));
	assert_null(strstr(got, "20|35"));
	assert_null(strstr(got, "203|5"));
	free(got);
	expect_break("Hello World 你好世界", 7, 0, "Hello World|你好世界");
}

/* What cannot fit is cut, never lost; spaces alone make no line. */
static void
test_overflow_and_space(void **state)
{
	(void)state;
	expect_break("abcdefghijklmnop", 3, 0, "abcde|fghij|klmno|p");
	expect_break("   ", 5, 0, "");
	expect_break("", 5, 0, "");
	expect_break("一二三", 0.5, 0, "一|二|三");
}

/* Measured advances replace the estimate. */
static void
test_measured(void **state)
{
	static const int adv[] = { 1000, 1000, 1000, 1000, 1000, 1000 };
	struct title_line l[7];
	const char	*s = "甲乙，丙丁戊";

	(void)state;
	assert_int_equal(title_break(s, strlen(s), adv, 3500, 0, l, NULL), 2);
	assert_int_equal(l[0].len, strlen("甲乙，"));
}

/* A title far longer than any title is wrapped, in linear time. */
/* The phrases a page keeps whole: they cover the title exactly. */
static void
test_phrases(void **state)
{
	static const char *const cases[][2] = {
		{ SAMPLE, "浙江嘉兴|“红船银晖”|党建引领银晖聚力添彩，|齐绘|“共富”|篇章" },
		{ "关于印发《党政机关公文处理工作条例》的通知",
		  "关于印发|《党政机关公文处理工作条例》的|通知" },
		{ "Hello world 你好", "Hello |world |你好" },
		{ "标题", "标题" },
	};
	struct title_line	 l[64];
	struct buf		 b = BUF_INIT;
	size_t			 i, k, n;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		n = title_phrases(cases[i][0], strlen(cases[i][0]), l);
		buf_truncate(&b, 0);
		for (k = 0; k < n; k++) {
			if (k > 0)
				buf_putc(&b, '|');
			assert_int_equal(l[k].off, k == 0 ? 0 :
			    l[k - 1].off + l[k - 1].len);
			buf_put(&b, cases[i][0] + l[k].off, l[k].len);
		}
		buf_putc(&b, '\0');
		assert_string_equal(b.ptr, cases[i][1]);
	}
	assert_int_equal(title_phrases("", 0, l), 0);
	buf_free(&b);
}

static void
test_long_text(void **state)
{
	struct buf		 b = BUF_INIT;
	struct title_line	*l;
	size_t			 i, n, total = 0;

	(void)state;
	for (i = 0; i < 20000; i++)
		buf_puts(&b, i % 7 == 6 ? "，" : "字");
	l = xcalloc(b.len + 1, sizeof(*l));
	n = title_break(b.ptr, b.len, NULL, 20000, 0, l, NULL);
	assert_true(n >= 1000);
	for (i = 0; i < n; i++)
		total += l[i].len;
	assert_int_equal(total, b.len);
	free(l);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample_title),
		cmocka_unit_test(test_official_parts),
		cmocka_unit_test(test_prohibitions),
		cmocka_unit_test(test_overflow_and_space),
		cmocka_unit_test(test_measured),
		cmocka_unit_test(test_long_text),
		cmocka_unit_test(test_phrases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
