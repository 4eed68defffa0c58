/*
 * Unit tests: src/analyze/letter.c (the addressee that opens a letter,
 * speech or notice, the sender and date that close it), through the
 * whole reading of a text.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "analyze/letter.h"
#include "testutil.h"

static int
is_date(const char *s)
{
	return letter_date_line(s, strlen(s));
}

static void
test_date_lines(void **state)
{
	(void)state;
	assert_true(is_date("2026年11月20日"));
	assert_true(is_date(" 2026年1月5日　"));
	assert_true(is_date("２０２６年１１月２０日"));
	assert_true(is_date("二〇二六年八月二十五日"));
	assert_true(is_date("二○二六年十二月三十一日"));
	assert_true(is_date("2026 年 11 月 20 日"));
	assert_false(is_date("2026年11月"));
	assert_false(is_date("2026年13月1日"));
	assert_false(is_date("2026年11月32日"));
	assert_false(is_date("2026年11月20日电"));
	assert_false(is_date("截至2026年11月20日"));
	assert_false(is_date("26年11月20日"));
	assert_false(is_date(""));
}

/*
 * The roles of the text's blocks, one letter each ("N" document number,
 * "A" addressee, "G" a letter's 敬礼, "S" sender, "D" date, "-" anything
 * else); want must match the last ones.
 */
static void
kinds(const char *text, const char *want)
{
	struct doc		*doc = tu_read(text, "text");
	const struct node	*c;
	char			 got[64];
	size_t			 n = 0, k = strlen(want);

	assert_non_null(doc);
	for (c = doc->root->first_child; c != NULL && n < sizeof(got) - 1;
	    c = c->next)
		got[n++] = c->type != NODE_PARAGRAPH ? '-' :
		    c->as.para.role == PARA_ADDRESSEE ? 'A' :
		    c->as.para.role == PARA_DOCNUM ? 'N' :
		    c->as.para.role == PARA_SALUTE ? 'G' :
		    c->as.para.role == PARA_SIGNER ? 'S' :
		    c->as.para.role == PARA_DATE ? 'D' : '-';
	got[n] = '\0';
	assert_true(n >= k);
	assert_string_equal(got + n - k, want);
	/* Nothing before the last k blocks is marked. */
	for (; n > k; n--)
		assert_true(got[n - k - 1] == '-' || got[n - k - 1] == 'A' ||
		    got[n - k - 1] == 'N');
	doc_free(doc);
}

static void
test_notice(void **state)
{
	(void)state;
	/* Addressee; sender and date, then a bracketed note. */
	kinds("关于开展检查的通知\n\n各单位：\n\n现将有关事项通知如下，请认真执行。\n\n"
	    "特此通知\n\n区农业农村局\n2026年11月20日\n\n（此件公开发布）\n",
	    "A--SD-");
	/* The 版记 under it. */
	kinds("通知\n\n各单位：\n\n请认真执行。\n\n区农业农村局\n2026年11月20日\n\n"
	    "抄送：区委办公室，区人大办公室。\n\n区农业农村局办公室　2026年11月20日印发\n",
	    "A-SD--");
	/* Under a document number, which is one too. */
	kinds("关于开展检查的通知\n\n国办发〔2020〕24号\n\n各省、自治区、直辖市人民政府，"
	    "国务院各部委：\n\n现将有关事项通知如下，请认真执行。\n", "NA-");
	/* Two senders together. */
	kinds("联合通知\n\n各单位：\n\n请按要求做好工作。\n\n中共某县委\n某县人民政府\n"
	    "2026年11月20日\n", "-SSD");
	/* A letter: the greeting's lines are not the sender. */
	kinds("致家长的一封信\n\n尊敬的家长：\n\n新学期即将开始，请配合做好工作。\n\n"
	    "此致\n敬礼！\n\n实验小学\n二〇二六年八月二十五日\n", "-GSD");
	/* 敬礼 stands flush left under 此致, with or without a closing. */
	kinds("一封信\n\n亲爱的同学们：\n\n新学期开始了，祝大家学习进步。\n\n"
	    "此致\n\n敬礼\n", "-G");
}

static void
test_addressee(void **state)
{
	(void)state;
	/* A report's: under the speaker's line. */
	kinds("政府工作报告\n\n省长 张明\n\n各位代表：\n\n现在，我代表省人民政府，"
	    "向大会报告工作，请予审议。\n", "-A-");
	kinds("讲话\n\n同志们：\n\n今天召开会议，主要任务是部署工作。\n", "A-");
	/* A label with a colon addresses no one. */
	kinds("理论文章\n\n目录：\n\n一、导论\n\n正文第一段，说明情况。\n", "---");
	/* Nor does a sentence, nor an addressee under text. */
	kinds("标题\n\n主要内容如下，分三点说明：\n\n正文。\n", "--");
	kinds("标题\n\n正文第一段，说明情况。\n\n各位代表：\n\n正文。\n", "---");
	/* Nothing after it: no text to address. */
	kinds("标题\n\n正文第一段，说明情况。\n\n同志们：\n", "--");
}

static void
test_not_a_closing(void **state)
{
	(void)state;
	/* A date that is not the last thing in the text. */
	kinds("标题\n\n正文第一段，说明情况。\n\n2026年11月20日\n\n正文又一段。\n",
	    "--");
	/* A sentence above the date is not a sender. */
	kinds("标题\n\n正文第一段，说明情况。\n\n会议于下午结束。\n2026年11月20日\n",
	    "-D");
	/* Nothing but a title and a date: no text to close. */
	kinds("标题\n\n2026年11月20日\n", "");
	kinds("标题\n\n区农业农村局\n\n2026年11月20日\n", "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_lines),
		cmocka_unit_test(test_notice),
		cmocka_unit_test(test_addressee),
		cmocka_unit_test(test_not_a_closing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
