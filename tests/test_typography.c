/* Unit tests: src/analyze/typography.c (punctuation repair). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "analyze/typography.h"
#include "testutil.h"

/* The repaired form of s (s itself when nothing changes). */
static void
check(const char *in, const char *want)
{
	char	*got = typo_repair_string(in, NULL);

	assert_string_equal(got != NULL ? got : in, want);
	free(got);
}

static void
test_commas_between_chinese(void **state)
{
	(void)state;
	check("党建引领银晖聚力添彩,齐绘“共富”篇章",
	    "党建引领银晖聚力添彩，齐绘“共富”篇章");
	check("品牌”,依托", "品牌”，依托");
	check("问题:一是;二是?好!", "问题：一是；二是？好！");
}

static void
test_parentheses_in_pairs(void **state)
{
	(void)state;
	check("全体(扩大)会议", "全体（扩大）会议");
	check("PM2.5(细颗粒物)浓度", "PM2.5（细颗粒物）浓度");
	check("规划(2018-2022年)", "规划（2018-2022年）");
	check("f(x) = y", "f(x) = y");
}

static void
test_left_alone(void **state)
{
	(void)state;
	check("1,000元", "1,000元");
	check("14:46发布", "14:46发布");
	check("见http://example.com/a,b:c网站", "见http://example.com/a,b:c网站");
	check("Hello, world: yes; no?", "Hello, world: yes; no?");
	check("已经。没有", "已经。没有");
}

static void
test_counts_and_tree(void **state)
{
	struct doc		*doc = doc_new();
	struct node		*p = node_new(NODE_PARAGRAPH);
	struct typo_stats	 st;
	const char		*text = "一,二:三;四(五)";

	(void)state;
	doc_set_meta(doc, META_TITLE, "标题,副题");
	node_append_text(p, text, strlen(text));
	node_append(doc->root, p);
	assert_int_equal(typo_repair(doc, &st), 6);
	assert_int_equal(st.comma, 2);
	assert_int_equal(st.colon, 1);
	assert_int_equal(st.semicolon, 1);
	assert_int_equal(st.paren, 2);
	assert_string_equal(doc->meta[META_TITLE], "标题，副题");
	assert_string_equal(p->first_child->as.text, "一，二：三；四（五）");
	doc_free(doc);
}

static void
test_sample_has_76_commas(void **state)
{
	char			*src = tu_slurp("fixtures/sample.txt", NULL);
	struct pipeline_opts	 po;
	struct doc		*doc = NULL;
	struct typo_stats	 st;

	(void)state;
	assert_non_null(src);
	memset(&po, 0, sizeof(po));
	po.keep_punctuation = 1;
	po.reader = reader_find("text");
	assert_int_equal(pipeline_read(src, strlen(src), &po, &doc, NULL), 0);
	typo_repair(doc, &st);
	assert_int_equal(st.comma, 76);
	doc_free(doc);
	free(src);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commas_between_chinese),
		cmocka_unit_test(test_parentheses_in_pairs),
		cmocka_unit_test(test_left_alone),
		cmocka_unit_test(test_counts_and_tree),
		cmocka_unit_test(test_sample_has_76_commas),
	};

	return cmocka_run_group_tests_name("typography", tests, NULL, NULL);
}
