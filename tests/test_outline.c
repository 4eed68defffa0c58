/*
 * Unit tests: the text reader's head/footer analysis (src/read/read_text.c,
 * src/analyze/article.c) and outline recognition (src/analyze/outline.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "analyze/article.h"
#include "testutil.h"

static void
assert_text(const struct node *n, const char *want)
{
	struct buf	 b = BUF_INIT;

	node_text(n, &b);
	assert_string_equal(b.ptr, want);
	buf_free(&b);
}

static struct doc *
read_text(const char *s)
{
	struct doc	*doc = tu_read(s, "text");

	assert_non_null(doc);
	assert_int_equal(doc_check(doc), 0);
	return doc;
}

static void
test_title_by_position(void **state)
{
	struct doc	*doc = read_text(
	    "设为首页 注册 | 登录\n找回密码\n"
	    "我们的二十大——离退休干部对党的心声表白\n"
	    "老干部之家 首页 老干部工作 查看内容\n\n"
	    "红船银晖党建引领\n\n"
	    "2021-10-14 14:46| 发布者: 编辑甲| 查看: 644| 评论: 0|来自: 嘉兴老干部\n\n"
	    "正文第一段，说明情况。\n\n最新评论\n\n回顶部\n");

	(void)state;
	assert_string_equal(doc->meta[META_TITLE], "红船银晖党建引领");
	assert_string_equal(doc->meta[META_DATE], "2021-10-14 14:46");
	assert_string_equal(doc->meta[META_SOURCE], "嘉兴老干部");
	assert_string_equal(doc->meta[META_PUBLISHER], "编辑甲");
	assert_string_equal(doc->meta[META_VIEWS], "644");
	/* Only the body paragraph: no chrome, no footer. */
	assert_int_equal(node_count(doc->root, NODE_PARAGRAPH), 1);
	assert_text(tu_block(doc, 0), "正文第一段，说明情况。");
	doc_free(doc);
}

static void
test_neg_cases(void **state)
{
	struct doc	*doc = read_text(
	    "标题\n\n2021-10-14 14:46| 发布者: x| 来自: y\n\n"
	    "一、二年级学生参加了活动，效果良好。\n"
	    "1.5亿元资金已经下拨到位。\n"
	    "2021.10.14召开会议。\n"
	    "（一）支部带头，强化阵地堡垒作用。\n"
	    "（一）支部带头。通过“三会一课”等形式，推动工作落实。\n"
	    "1.加强组织领导\n"
	    "（1）制定实施方案\n"
	    "首先，要提高认识。\n"
	    "①是指……\n"
	    "一是加强组织领导，二是落实责任分工。\n");
	const struct node *n;

	(void)state;
	assert_int_equal(tu_block(doc, 0)->type, NODE_PARAGRAPH);	/* 一、二年级 */
	assert_int_equal(tu_block(doc, 1)->type, NODE_PARAGRAPH);	/* 1.5亿元 */
	assert_int_equal(tu_block(doc, 2)->type, NODE_PARAGRAPH);	/* 2021.10.14 */
	n = tu_block(doc, 3);					/* （一）…。 */
	assert_int_equal(n->type, NODE_HEADING);
	assert_string_equal(n->as.heading.label, "（一）");
	assert_text(n, "支部带头，强化阵地堡垒作用。");
	n = tu_block(doc, 4);					/* run-in */
	assert_int_equal(n->type, NODE_HEADING);
	assert_true(n->as.heading.run_in);
	assert_text(n, "支部带头。");
	assert_int_equal(tu_block(doc, 5)->type, NODE_PARAGRAPH);
	assert_text(tu_block(doc, 5), "通过“三会一课”等形式，推动工作落实。");
	n = tu_block(doc, 6);					/* 1.加强 */
	assert_int_equal(n->type, NODE_HEADING);
	assert_string_equal(n->as.heading.label, "1.");
	assert_int_equal(n->as.heading.level, 2);
	n = tu_block(doc, 7);					/* （1） */
	assert_int_equal(n->type, NODE_HEADING);
	assert_int_equal(n->as.heading.level, 3);
	assert_int_equal(tu_block(doc, 8)->type, NODE_PARAGRAPH);	/* 首先 alone */
	assert_int_equal(tu_block(doc, 9)->type, NODE_PARAGRAPH);	/* ①是指 */
	n = tu_block(doc, 10);
	assert_int_equal(n->type, NODE_POINT_LIST);
	assert_int_equal(node_count(n, NODE_POINT), 2);
	doc_free(doc);
}

static void
test_points(void **state)
{
	struct doc	*doc = read_text(
	    "标题\n\n"
	    "主要内容包括：一是注重党建引领。通过会议传达精神。二是加强团队建设。"
	    "坚持标准。三是赓续“红色血脉”。开展活动。\n"
	    "全市统一是原则，全国第二，第一种情况不算。\n");
	const struct node *list = tu_block(doc, 0), *pt;

	(void)state;
	assert_int_equal(list->type, NODE_POINT_LIST);
	assert_int_equal(list->first_child->type, NODE_PARAGRAPH);
	assert_text(list->first_child, "主要内容包括：");
	pt = list->first_child->next;
	assert_int_equal(pt->type, NODE_POINT);
	assert_string_equal(pt->as.point.label, "一是");
	assert_int_equal(pt->first_child->type, NODE_POINT_LEAD);
	assert_text(pt->first_child, "注重党建引领。");
	assert_text(pt, "注重党建引领。通过会议传达精神。");
	assert_string_equal(list->last_child->as.point.label, "三是");
	/* 统一是, 全国第二, 第一种: not points. */
	assert_int_equal(tu_block(doc, 1)->type, NODE_PARAGRAPH);
	doc_free(doc);
}

static void
test_points_across_paragraphs(void **state)
{
	struct doc	*doc = read_text(
	    "标题\n\n一、总结\n"
	    "一是联合承办运动会。\n认真落实办赛理念。\n"
	    "二是推动经济运行。\n地区生产总值增长。其中一是工业，二是农业。\n"
	    "三是优化营商环境。\n持续改革。\n");

	(void)state;
	/* 3 standalone points + 2 inline ones. */
	assert_int_equal(node_count(doc->root, NODE_POINT), 5);
	assert_int_equal(tu_block(doc, 1)->type, NODE_POINT_LIST);
	assert_int_equal(tu_block(doc, 3)->type, NODE_POINT_LIST);
	doc_free(doc);
}

static void
test_lists_and_back_matter(void **state)
{
	struct doc	*doc = read_text(
	    "标题\n\n"
	    "第十五条 监察机关对下列人员进行监察：\n"
	    "（一）公务员；\n（二）管理公共事务的人员；\n（三）其他人员。\n"
	    "一、工作回顾\n正文。\n"
	    "附件1\n"
	    "一、提高保障水平。\n说明。\n二、建立护理制度。\n说明。\n");
	const struct node *list = tu_block(doc, 1);

	(void)state;
	assert_int_equal(list->type, NODE_LIST);
	assert_int_equal(node_count(list, NODE_LIST_ITEM), 3);
	assert_string_equal(list->first_child->as.item.label, "（一）");
	/* Only 一、工作回顾 is a heading: the appendix list is not. */
	assert_int_equal(node_count(doc->root, NODE_HEADING), 1);
	doc_free(doc);
}

static void
test_subtitle_and_dates(void **state)
{
	struct doc	*doc = read_text(
	    "政府工作报告\n——2026年1月26日在广东省第十四届\n"
	    "人民代表大会第五次会议上\n各位代表：\n正文。\n");

	(void)state;
	assert_string_equal(doc->meta[META_TITLE], "政府工作报告");
	assert_string_equal(doc->meta[META_SUBTITLE],
	    "——2026年1月26日在广东省第十四届人民代表大会第五次会议上");
	assert_string_equal(doc->meta[META_DATE], "2026-01-26");
	doc_free(doc);
}

static void
test_unnumbered_subheads(void **state)
{
	struct doc	*doc = read_text(
	    "标题\n\n"
	    "７月２日，深圳市法制办公布了条例，再次公开征求社会意见。\n"
	    "对职业行乞者进行救助教育\n"
	    "《条例》规定对流浪乞讨人员实行分类救助管理，具体如下。\n"
	    "灾民生活特困难可予临时救助金\n"
	    "条例还规定了临时救助金的发放标准和申请办法。\n");
	struct doc	*one = read_text(
	    "标题\n\n"
	    "７月２日，深圳市法制办公布了条例，再次公开征求社会意见。\n"
	    "对职业行乞者进行救助教育\n"
	    "《条例》规定对流浪乞讨人员实行分类救助管理，具体如下。\n");

	(void)state;
	assert_int_equal(tu_block(doc, 1)->type, NODE_HEADING);
	assert_null(tu_block(doc, 1)->as.heading.label);
	assert_int_equal(tu_block(doc, 3)->type, NODE_HEADING);
	/* One short line is no level: it may be a dateline, a quote. */
	assert_int_equal(tu_block(one, 1)->type, NODE_PARAGRAPH);
	doc_free(doc);
	doc_free(one);
}

/* Taiwan's outline 壹、 一、: the capital numerals are the top family. */
static void
test_capital_numerals(void **state)
{
	struct doc	*doc = read_text(
	    "施政計畫\n\n壹、施政願景\n\n本府推動各項建設。\n\n"
	    "貳、施政重點\n\n一、交通建設\n\n持續推動捷運建設。\n\n"
	    "二、社會福利\n\n擴大長照服務據點。\n\n"
	    "拾壹、附則\n\n陆、海、空三军联合演习。\n");
	const struct node *h;

	(void)state;
	h = tu_block(doc, 0);
	assert_int_equal(h->type, NODE_HEADING);
	assert_int_equal(h->as.heading.level, 1);
	assert_string_equal(h->as.heading.label, "壹、");
	h = tu_block(doc, 3);
	assert_int_equal(h->as.heading.level, 2);
	assert_string_equal(h->as.heading.label, "一、");
	/* 拾壹 is one numeral, eleven. */
	assert_int_equal(node_count(doc->root, NODE_HEADING), 5);
	h = tu_block(doc, 7);
	assert_int_equal(h->as.heading.level, 1);
	assert_string_equal(h->as.heading.label, "拾壹、");
	/* 陆、海、: the 顿号 lists words. */
	assert_text(doc->root->last_child, "陆、海、空三军联合演习。");
	doc_free(doc);
}

/* The 版头 of an official document is kept as text, never the title. */
static void
test_official_head(void **state)
{
	struct doc	*doc = read_text(
	    "机密★1年\n特急\n\n平川市人民政府文件\n\n平政发［2026］3号\n\n"
	    "关于加强城乡供水保障的意见\n\n"
	    "各县（区）人民政府：\n现提出如下意见。\n");
	struct doc	*title = read_text(
	    "关于废止部分规范性文件\n\n市政府决定废止以下文件。\n\n"
	    "一、平川市供水管理办法。\n");

	(void)state;
	assert_string_equal(doc->meta[META_TITLE], "关于加强城乡供水保障的意见");
	assert_text(tu_block(doc, 0), "机密★1年");
	assert_text(tu_block(doc, 2), "平川市人民政府文件");
	assert_text(tu_block(doc, 3), "平政发［2026］3号");
	/* A title may end in 文件: without a 发文字号 under it, the title. */
	assert_string_equal(title->meta[META_TITLE], "关于废止部分规范性文件");
	doc_free(doc);
	doc_free(title);
}

static void
test_meta_lines(void **state)
{
	struct article_meta	 m = { 0 };

	(void)state;
	assert_true(article_meta_line("来源：江西日报", strlen("来源：江西日报"),
	    &m));
	assert_string_equal(m.source, "江西日报");
	assert_true(article_meta_line("时间：2026-02-05",
	    strlen("时间：2026-02-05"), &m));
	assert_string_equal(m.date, "2026-02-05");
	article_meta_free(&m);
	assert_false(article_meta_line("作者认为这是对的。",
	    strlen("作者认为这是对的。"), &m));
	assert_true(article_meta_line("2019年10月31日 23:00 浏览：33",
	    strlen("2019年10月31日 23:00 浏览：33"), &m));
	assert_string_equal(m.date, "2019-10-31 23:00");
	assert_string_equal(m.views, "33");
	article_meta_free(&m);
	/* The day of the week between date and time. */
	assert_true(article_meta_line("2026年5月12日 星期二　15:42",
	    strlen("2026年5月12日 星期二　15:42"), &m));
	assert_string_equal(m.date, "2026-05-12 15:42");
	article_meta_free(&m);
	assert_true(article_meta_line("2026-05-12（周二）",
	    strlen("2026-05-12（周二）"), &m));
	assert_string_equal(m.date, "2026-05-12");
	article_meta_free(&m);
	assert_false(article_meta_line("2026年5月12日星期二上午召开会议。",
	    strlen("2026年5月12日星期二上午召开会议。"), &m));
	article_meta_free(&m);
}

static void
test_hard_wrapped_text(void **state)
{
	struct doc	*doc = read_text(
	    "标题\n\n"
	    "这是一段被硬换行的文字，每一行的宽度都差不多，读者看到的\n"
	    "是同一个段落，所以转换时要把这些行重新连接成一个完整的段\n"
	    "落，不要在中间插入空格，这样才对。\n\n"
	    "第二段也是这样被硬换行的文字，每一行的宽度都差不多，读者\n"
	    "看到的是同一个段落。\n");

	(void)state;
	assert_int_equal(node_count(doc->root, NODE_PARAGRAPH), 2);
	assert_text(tu_block(doc, 0), "这是一段被硬换行的文字，每一行的宽度都差不多"
	    "，读者看到的是同一个段落，所以转换时要把这些行重新连接成一个完整"
	    "的段落，不要在中间插入空格，这样才对。");
	doc_free(doc);
	/*
	 * Digest lines of one width among paragraphs on lines much wider:
	 * not wrapped text, every line stays.
	 */
	doc = read_text(
	    "标题\n\n本期主要内容：\n"
	    "◆ 全市重点项目集中开工总投资一百八十六亿元\n"
	    "◆ 青溪至云岭高速公路青溪段主线今天全线贯通\n"
	    "◆ 我市启动二〇二六年文明交通专项整治行动\n"
	    "◆ 全市夏粮收购工作即将在下周全面展开了\n\n"
	    "全市重点项目集中开工\n"
	    "　　今天上午，我市举行2026年第二批重点项目集中开工活动，全市共有"
	    "52个项目集中开工，总投资186亿元，涵盖先进制造、基础设施和民生等领域。\n"
	    "　　在青溪经济开发区主会场，年产20万套新能源汽车零部件项目现场机器"
	    "轰鸣、车来车往，建设者们正在抢抓工期，确保项目早日建成投产见效。\n");
	assert_int_equal(node_count(doc->root, NODE_PARAGRAPH), 8);
	doc_free(doc);
}

static void
test_traditional_language(void **state)
{
	struct doc	*doc = read_text("標題\n\n這個國家的人們來說，時間過得很快，"
	    "我們對於發展與經濟的問題還有很多話要說。\n");

	(void)state;
	assert_string_equal(doc->meta[META_LANG], "zh-TW");
	doc_free(doc);
}

static void
test_rejects_binary_and_empty(void **state)
{
	struct pipeline_opts	 po;
	struct diag		 d;
	struct doc		*doc = NULL;

	(void)state;
	memset(&po, 0, sizeof(po));
	po.reader = reader_find("text");
	diag_init(&d, 0);
	assert_int_equal(pipeline_read("\x7F" "ELF\0\0\1\0", 8, &po, &doc, &d),
	    -1);
	assert_true(tu_contains(diag_last_error(&d), "binary"));
	assert_int_equal(pipeline_read("", 0, &po, &doc, &d), -1);
	assert_true(tu_contains(diag_last_error(&d), "empty"));
	assert_int_equal(pipeline_read(" \n\n \n", 5, &po, &doc, &d), -1);
	assert_null(doc);
	diag_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_title_by_position),
		cmocka_unit_test(test_neg_cases),
		cmocka_unit_test(test_points),
		cmocka_unit_test(test_points_across_paragraphs),
		cmocka_unit_test(test_lists_and_back_matter),
		cmocka_unit_test(test_subtitle_and_dates),
		cmocka_unit_test(test_unnumbered_subheads),
		cmocka_unit_test(test_capital_numerals),
		cmocka_unit_test(test_official_head),
		cmocka_unit_test(test_meta_lines),
		cmocka_unit_test(test_hard_wrapped_text),
		cmocka_unit_test(test_traditional_language),
		cmocka_unit_test(test_rejects_binary_and_empty),
	};

	return cmocka_run_group_tests_name("outline", tests, NULL, NULL);
}
