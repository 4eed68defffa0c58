/*
 * Unit tests: the Markdown reader (src/read/md/read_md.c): front matter, title,
 * heading ranks, pipe tables, raw HTML, enumerated lines, footers and
 * the outline recognition that follows.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

static struct doc *
read_md(const char *s)
{
	struct doc	*doc = tu_read(s, "md");

	assert_non_null(doc);
	assert_int_equal(doc_check(doc), 0);
	return doc;
}

static char *
text_of(const struct node *n)
{
	struct buf	 b = BUF_INIT;

	node_text(n, &b);
	return buf_detach(&b, NULL);
}

static int
has_text(const struct doc *doc, const char *needle)
{
	char	*t = text_of(doc->root);
	int	 r = strstr(t, needle) != NULL;

	free(t);
	return r;
}

static void
assert_text(const struct node *n, const char *want)
{
	char	*t = text_of(n);

	assert_string_equal(t, want);
	free(t);
}

static int
headings_at(const struct doc *doc, int level)
{
	struct iter	 it;
	int		 k = 0;

	iter_init(&it, doc->root);
	while (iter_next(&it) != ITER_DONE)
		if (it.event == ITER_ENTER && it.node->type == NODE_HEADING &&
		    it.node->as.heading.level == level)
			k++;
	return k;
}

static void
test_front_matter(void **state)
{
	struct doc	*doc = read_md("---\n"
	    "title: \"中國兩會的三大重點\"\n"
	    "date: \"2019-03-23\"\n"
	    "author: '桑普'\n"
	    "category: \"眾說\"\n"
	    "tags:\n  - \"習近平\"\n  - \"李克強\"\n"
	    "url: \"https://web.archive.org/web/2022/https://example.com/1\"\n"
	    "original_url: \"https://example.com/1\"\n"
	    "lang: zh-TW\n"
	    "---\n\n"
	    "# 中國兩會的三大重點\n\n"
	    "3月15日，中國人大、政協兩會結束。總括來說，有三個重點。\n");

	(void)state;
	assert_string_equal(doc->meta[META_TITLE], "中國兩會的三大重點");
	assert_string_equal(doc->meta[META_DATE], "2019-03-23");
	assert_string_equal(doc->meta[META_AUTHOR], "桑普");
	assert_string_equal(doc->meta[META_URL], "https://example.com/1");
	assert_string_equal(doc->meta[META_LANG], "zh-TW");
	/* The # heading repeats the title: not in the body. */
	assert_int_equal(node_count(doc->root, NODE_HEADING), 0);
	assert_int_equal(tu_block(doc, 0)->type, NODE_PARAGRAPH);
	assert_int_equal(tu_block(doc, 0)->line, 16);
	doc_free(doc);
}

/*
 * A site generator's file may open with a blank line before its front
 * matter: still the front matter, and line numbers count the blank line.
 */
static void
test_front_matter_after_blank(void **state)
{
	struct doc	*doc = read_md("\n---\ntitle: '10月新规公布'\n"
	    "categories:\n - 新媒体\n---\n\n正文第一段，说明情况。\n");

	(void)state;
	assert_string_equal(doc->meta[META_TITLE], "10月新规公布");
	assert_int_equal(tu_block(doc, 0)->type, NODE_PARAGRAPH);
	assert_int_equal(tu_block(doc, 0)->line, 8);
	assert_int_equal(node_count(doc->root, NODE_RULE), 0);
	doc_free(doc);
}

/* A web clipper's front matter: source is the page's address. */
static void
test_front_matter_clipper(void **state)
{
	struct doc	*doc = read_md("---\n"
	    "title: \"读书班开班\"\n"
	    "source: \"https://www.example.gov.cn/zgdt/1.html\"\n"
	    "---\n"
	    "当前位置：[首页](https://www.example.gov.cn/) > 组工动态\n\n"
	    "## 读书班开班\n\n"
	    "3月4日至5日，市委组织部举办处级干部读书班。\n");

	(void)state;
	assert_string_equal(doc->meta[META_URL],
	    "https://www.example.gov.cn/zgdt/1.html");
	assert_null(doc->meta[META_SOURCE]);
	/* The breadcrumb and the repeated headline are not in the body. */
	assert_int_equal(node_count(doc->root, NODE_HEADING), 0);
	assert_int_equal(node_count(doc->root, NODE_PARAGRAPH), 1);
	doc_free(doc);
}

static void
test_title_and_ranks(void **state)
{
	struct doc	*doc = read_md("# 《新闻联播》 (20221025)\n\n"
	    "## 新闻摘要\n\n本期节目主要内容：很多。\n\n## 详细新闻\n\n"
	    "### 第一条新闻的标题\n\n正文一。\n\n### 第二条新闻的标题\n\n"
	    "正文二。\n");

	(void)state;
	assert_string_equal(doc->meta[META_TITLE], "《新闻联播》 (20221025)");
	assert_int_equal(headings_at(doc, 1), 2);
	assert_int_equal(headings_at(doc, 2), 2);
	doc_free(doc);

	/* A lone ### is level 1; a # inside the title text stays. */
	doc = read_md("# #教會機構MeToo：聯署聲明\n\n正文。\n\n### 小標題\n\n"
	    "正文。\n");
	assert_string_equal(doc->meta[META_TITLE], "#教會機構MeToo：聯署聲明");
	assert_int_equal(headings_at(doc, 1), 1);
	doc_free(doc);
}

static void
test_pipe_tables(void **state)
{
	struct doc	*doc = read_md("表格之前的一段文字。\n\n"
	    "| 名稱 | 數量 |\n| --- | ---: |\n| 甲 | **1** |\n| 乙 \\| 丙 | 2 |\n");
	const struct node *t;

	(void)state;
	t = tu_block(doc, 1);
	assert_int_equal(t->type, NODE_TABLE);
	assert_int_equal(node_count(t, NODE_TABLE_ROW), 3);
	assert_int_equal(node_count(t, NODE_TABLE_CELL), 6);
	assert_true(t->first_child->as.row.header);
	assert_int_equal(node_count(t, NODE_STRONG), 1);
	assert_text(t->last_child->first_child, "乙 | 丙");
	doc_free(doc);

	/* Cells continued over several lines (hard breaks in the cells). */
	doc = read_md("| 第三波疫情爆發公院染疫情況 |  |\n| --- | --- |\n"
	    "| 威爾斯醫院   \n 腎科護理中心 | 1女病人   \n 21日出院   \n"
	    " 昨初步確診 |\n| 北區醫院   \n 物理治療門診 | 1男病人   \n"
	    " 求醫確診 |\n| 律敦治醫院 | 1名病人 |\n");
	t = tu_block(doc, 0);
	assert_int_equal(t->type, NODE_TABLE);
	assert_int_equal(node_count(t, NODE_TABLE_ROW), 4);
	assert_int_equal(node_count(t, NODE_TABLE_CELL), 8);
	assert_text(t->first_child->next->first_child, "威爾斯醫院腎科護理中心");
	assert_int_equal(node_count(t->first_child->next, NODE_LINEBREAK), 3);
	doc_free(doc);
}

static void
test_raw_html(void **state)
{
	struct doc	*doc = read_md("正文第一段。\n\n<figure>\n"
	    "<img src=\"https://example.com/a.jpg\" alt=\"\">\n"
	    "<figcaption>總理發表報告。美聯社</figcaption>\n</figure>\n\n"
	    "<p><strong>央视网消息</strong>（新闻联播）：会议召开。</p>"
	    "<p>第二段<br>换行。</p>\n\n"
	    "行內<strong>粗體</strong>與<br>換行，<span>標籤</span>不顯示。\n");
	const struct node *f;
	char		*t;

	(void)state;
	f = tu_block(doc, 1);
	assert_int_equal(f->type, NODE_FIGURE);
	assert_string_equal(f->as.figure.src, "https://example.com/a.jpg");
	assert_text(f, "總理發表報告。美聯社");
	assert_int_equal(tu_block(doc, 2)->type, NODE_PARAGRAPH);
	assert_int_equal(tu_block(doc, 2)->first_child->type, NODE_STRONG);
	assert_int_equal(node_count(doc->root, NODE_STRONG), 2);
	assert_int_equal(node_count(doc->root, NODE_LINEBREAK), 2);
	t = text_of(doc->root);
	assert_null(strstr(t, "<"));
	assert_non_null(strstr(t, "行內粗體與"));
	assert_non_null(strstr(t, "標籤不顯示"));
	free(t);
	doc_free(doc);
}

/*
 * "**…**" that CommonMark leaves open because Chinese punctuation stands
 * before the closing run and a letter after it: bold all the same, and
 * the asterisks are not text.  A lone "**" and "** 3 **" stay as written.
 */
static void
test_cjk_strong(void **state)
{
	struct doc	*doc = read_md("正文。\n\n"
	    "**推动数据共享。**一些材料分散在不同地区。\n\n"
	    "**统一标准。**同一事项条件不同，**兼顾线下。**保留窗口。\n\n"
	    "单独的**星号不算，2 ** 3 ** 4 也不算。\n");
	const struct node *p;

	(void)state;
	p = tu_block(doc, 1);
	assert_int_equal(p->first_child->type, NODE_STRONG);
	assert_text(p->first_child, "推动数据共享。");
	assert_false(has_text(doc, "**推动"));
	assert_int_equal(node_count(doc->root, NODE_STRONG), 3);
	assert_true(has_text(doc, "单独的**星号不算，2 ** 3 ** 4 也不算。"));
	doc_free(doc);
}

static void
test_enumerated_lines(void **state)
{
	struct doc	*doc = read_md("我們要求：\n\n"
	    "(1) 缺乏性騷擾防止機制；   \n (2) 缺乏對性騷擾的認識；   \n"
	    " (3) 迴避與掩蓋事實。\n\n"
	    "① 將事件寫入記錄；   \n ② 公開道歉。\n\n"
	    "=================   \n 懇請參與網上聯署   \n 截止時間：11月13日\n"
	    " =================\n");
	const struct node *l;

	(void)state;
	/* Lists, not points. */
	assert_int_equal(node_count(doc->root, NODE_POINT), 0);
	l = tu_block(doc, 1);
	assert_int_equal(l->type, NODE_LIST);
	assert_int_equal(node_count(l, NODE_LIST_ITEM), 3);
	assert_string_equal(l->first_child->as.item.label, "(1)");
	assert_text(l->first_child, "缺乏性騷擾防止機制；");
	l = tu_block(doc, 2);
	assert_int_equal(l->type, NODE_LIST);
	assert_string_equal(l->last_child->as.item.label, "②");
	/* The ruler lines are rules, not a setext heading. */
	assert_int_equal(node_count(doc->root, NODE_HEADING), 0);
	assert_int_equal(tu_block(doc, 3)->type, NODE_RULE);
	assert_int_equal(tu_block(doc, 4)->type, NODE_PARAGRAPH);
	assert_int_equal(node_count(tu_block(doc, 4), NODE_LINEBREAK), 1);
	doc_free(doc);
}

static void
test_symbol_sections(void **state)
{
	struct doc	*doc = read_md("開頭的一段話，說明聲明的來由。\n\n"
	    "➤ 我們要求兩機構：\n\n第一段要求的內容，寫得很清楚。\n\n"
	    "➤ 我們希望與您一齊：\n\n呼籲身邊的朋友關注事件。\n\n"
	    "【聯合發起人】\n\n● 基督教團體：\n\n甲團體   \n乙團體\n\n"
	    "● 個人：\n\n丙   \n丁\n");

	(void)state;
	assert_int_equal(headings_at(doc, 1), 3);
	assert_int_equal(headings_at(doc, 2), 2);
	doc_free(doc);
}

static void
test_footer_and_outline(void **state)
{
	struct doc	*doc = read_md("---\ntitle: 工作報告\nauthor: 桑普\n---\n\n"
	    "一、總體要求\n\n正文段落說明總體要求，一是堅持黨的領導，二是堅持"
	    "人民至上，三是堅持改革創新。\n\n二、主要任務\n\n正文段落說明主要"
	    "任務，內容很多，寫得很長很長。\n\n---\n\n"
	    "![博客 | 桑普](https://example.com/avatar.png)\n\n"
	    "**博客 | 桑普**\n\n政治評論人，律師。\n");

	(void)state;
	assert_int_equal(headings_at(doc, 1), 2);
	assert_int_equal(node_count(doc->root, NODE_POINT), 3);
	assert_false(has_text(doc, "博客"));
	assert_int_equal(node_count(doc->root, NODE_FIGURE), 0);
	assert_int_equal(node_count(doc->root, NODE_RULE), 0);
	doc_free(doc);
}

/*
 * A transcript whose items are separated by rules: what follows the last
 * rule is an item like the others (a heading, a paragraph of news), not
 * a footer, and nothing after any rule is lost.
 */
static void
test_rules_between_items(void **state)
{
	struct buf	 md = BUF_INIT;
	struct doc	*doc;
	int		 i;

	buf_puts(&md, "---\ntitle: 新闻联播文字稿\n---\n\n");
	for (i = 1; i <= 5; i++)
		buf_printf(&md, "### 第%d条新闻的标题\n\n[查看视频](https://x.cn/%d)"
		    "\n\n央视网消息：这是第%d条新闻的正文，内容完整，讲述了一件"
		    "事情的经过。\n\n---\n\n", i, i, i);
	buf_puts(&md, "### 最后一条新闻的标题\n\n央视网消息：这是最后一条新闻"
	    "的正文，内容同样完整，讲述了另一件事情。\n");
	doc = read_md(md.ptr);
	(void)state;
	assert_int_equal(headings_at(doc, 1), 6);
	assert_true(has_text(doc, "最后一条新闻的正文"));
	assert_true(has_text(doc, "第5条新闻的正文"));
	doc_free(doc);
	buf_free(&md);
}

/*
 * Links back to the original: an archive's quoted pointer above the text
 * and a transcript's last one are not the article; those between its
 * items stay.  An update stamp after the last rule is a footer: it has
 * figures, not words.
 */
static void
test_source_links_and_stamp(void **state)
{
	struct doc	*doc = read_md("# 黑客松社群報導\n\n"
	    "> [點此觀看原始內容](https://g0v.hackpad.tw/x)\n\n"
	    "### 第一條\n\n央視網消息：這是第一條新聞的正文，內容完整。\n\n"
	    "[查看原文](https://tv.cctv.com/1)\n\n"
	    "### 第二條\n\n央視網消息：這是第二條新聞的正文，內容完整。\n\n"
	    "[查看原文](https://tv.cctv.com/2)\n\n---\n\n"
	    "(更新时间戳: 1741179706911)\n");

	(void)state;
	assert_false(has_text(doc, "點此觀看原始內容"));
	assert_int_equal(node_count(doc->root, NODE_QUOTE), 0);
	assert_int_equal(node_count(doc->root, NODE_LINK), 1);
	assert_false(has_text(doc, "更新时间戳"));
	assert_true(has_text(doc, "第二條新聞的正文"));
	doc_free(doc);
}

static void
test_lists_and_quotes(void **state)
{
	struct doc	*doc = read_md("## 說明\n* [專案說明](/a)\n"
	    "* [範本](/b)\n  - 子項目\n\n> 引用一段話。\n>\n> > 再引用。\n\n"
	    "```\n代碼 第一行\n第二行\n```\n");
	const struct node *l;

	(void)state;
	l = tu_block(doc, 1);
	assert_int_equal(l->type, NODE_LIST);
	assert_int_equal(node_count(l, NODE_LIST), 2);
	assert_int_equal(node_count(l, NODE_LINK), 2);
	assert_int_equal(node_count(doc->root, NODE_QUOTE), 2);
	assert_true(has_text(doc, "代碼 第一行"));
	doc_free(doc);
}

static void
test_hostile(void **state)
{
	struct buf	 b = BUF_INIT;
	struct doc	*doc;
	size_t		 i;

	(void)state;
	for (i = 0; i < 100000; i++)
		BUF_PUTSL(&b, "> ");
	BUF_PUTSL(&b, "深處的文字。\n");
	doc = read_md(b.ptr);
	assert_true(has_text(doc, "深處的文字"));
	doc_free(doc);
	buf_truncate(&b, 0);
	for (i = 0; i < 2000; i++) {
		size_t k;

		for (k = 0; k < i; k++)
			BUF_PUTSL(&b, "  ");
		BUF_PUTSL(&b, "- 項\n");
	}
	doc = read_md(b.ptr);
	assert_true(node_count(doc->root, NODE_LIST) <= 130);
	doc_free(doc);
	buf_free(&b);
	/* A front matter that never closes is text. */
	doc = read_md("---\ntitle: x\n\n正文。\n");
	assert_null(doc->meta[META_TITLE]);
	doc_free(doc);
}

/*
 * Text after a nested list inside an item stays in that item, after the
 * list, in every text writer (Markdown and JSON used to drop it).
 */
static void
test_item_tail(void **state)
{
	struct doc		*doc = read_md("# 标题\n\n- 甲\n  1. 乙\n\n  丙\n"
			    "- 丁\n");
	const struct node	*item;
	const char		*fmt[] = { "md", "txt", "json" };
	char			*out, *a, *b, *c;
	size_t			 i;

	(void)state;
	item = tu_block(doc, 0)->first_child;
	assert_int_equal(item->type, NODE_LIST_ITEM);
	assert_int_equal(item->last_child->type, NODE_PARAGRAPH);
	assert_int_equal(item->last_child->prev->type, NODE_LIST);
	for (i = 0; i < sizeof(fmt) / sizeof(fmt[0]); i++) {
		assert_non_null(out = tu_render(doc, fmt[i], NULL, NULL));
		assert_non_null(a = strstr(out, "甲"));
		assert_non_null(b = strstr(out, "乙"));
		assert_non_null(c = strstr(out, "丙"));
		assert_true(a < b && b < c);
		assert_non_null(strstr(c, "丁"));
		free(out);
	}
	doc_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_front_matter),
		cmocka_unit_test(test_front_matter_clipper),
		cmocka_unit_test(test_front_matter_after_blank),
		cmocka_unit_test(test_title_and_ranks),
		cmocka_unit_test(test_pipe_tables),
		cmocka_unit_test(test_cjk_strong),
		cmocka_unit_test(test_raw_html),
		cmocka_unit_test(test_enumerated_lines),
		cmocka_unit_test(test_symbol_sections),
		cmocka_unit_test(test_footer_and_outline),
		cmocka_unit_test(test_lists_and_quotes),
		cmocka_unit_test(test_source_links_and_stamp),
		cmocka_unit_test(test_rules_between_items),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_item_tail),
	};

	return cmocka_run_group_tests_name("read_md", tests, NULL, NULL);
}
