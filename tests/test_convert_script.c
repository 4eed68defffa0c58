/* Unit tests: src/analyze/convert_script.c (--convert through OpenCC). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "analyze/convert_script.h"
#include "testutil.h"

static struct script_conv *
open_conv(const char *name)
{
	char			 why[256];
	struct script_conv	*sc = script_conv_open(name, why, sizeof(why));

	if (sc == NULL)
		fail_msg("%s: %s", name, why);
	return sc;
}

/* The conversion of s by the named configuration. */
static void
check(const char *name, const char *in, const char *want)
{
	struct script_conv	*sc = open_conv(name);
	char			*got = script_conv_string(sc, in, strlen(in));

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
	script_conv_close(sc);
}

static void
test_phrases_not_characters(void **state)
{
	(void)state;
	/* 发 is 發 (send) or 髮 (hair): the phrase decides. */
	check("s2t", "头发", "頭髮");
	check("s2t", "发展", "發展");
	check("s2t", "后来", "後來");
	check("t2s", "頭髮與發展", "头发与发展");
}

static void
test_regional_variants(void **state)
{
	(void)state;
	check("s2tw", "软件", "軟件");
	check("s2twp", "软件和鼠标", "軟體和滑鼠");
	check("s2hk", "里面", "裏面");
	check("s2tw", "里面", "裡面");
	check("tw2sp", "軟體", "软件");
	check("hk2s", "裏面", "里面");
}

static void
test_addresses_untouched(void **state)
{
	(void)state;
	check("s2t", "见https://zh.wikipedia.org/wiki/头发，头发",
	    "見https://zh.wikipedia.org/wiki/头发，頭髮");
	check("s2t", "网址www.gov.cn发布了", "網址www.gov.cn發佈了");
	check("s2t", "http://a.cn/?q=头发 头发", "http://a.cn/?q=头发 頭髮");
	check("s2t", "mailto:头发@x.cn", "mailto:头发@x.cn");
	/* Not an address: "www." inside a word. */
	check("s2t", "awww.头发", "awww.頭髮");
}

static void
test_unknown_name(void **state)
{
	char	 why[256];

	(void)state;
	assert_null(script_conv_open("s2x", why, sizeof(why)));
	assert_non_null(strstr(why, "s2x"));
	assert_null(script_conv_open("", why, sizeof(why)));
}

/* A paragraph of text pieces; NULL ends, "*" before a piece makes it bold. */
static struct node *
para(struct node *parent, ...)
{
	struct node	*p = node_new(NODE_PARAGRAPH), *s;
	const char	*t;
	va_list		 ap;

	va_start(ap, parent);
	while ((t = va_arg(ap, const char *)) != NULL) {
		if (t[0] == '*') {
			s = node_new(NODE_STRONG);
			node_append_text(s, t + 1, strlen(t + 1));
			node_append(p, s);
		} else
			node_append(p, node_new_text(t, strlen(t)));
	}
	va_end(ap);
	node_append(parent, p);
	return p;
}

static void
count_types(const struct doc *doc, size_t out[NODE__COUNT])
{
	int	 t;

	for (t = 0; t < NODE__COUNT; t++)
		out[t] = node_count(doc->root, (enum node_type)t);
}

static void
test_tree(void **state)
{
	struct script_conv	*sc = open_conv("s2tw");
	struct doc		*doc = doc_new();
	struct node		*h, *pl, *pt, *lead, *p, *link, *fig;
	size_t			 before[NODE__COUNT], after[NODE__COUNT];
	size_t			 changed = 0;

	(void)state;
	doc_set_meta(doc, META_TITLE, "关于发展的报告");
	doc_set_meta(doc, META_DATE, "2021-10-14");
	doc_set_meta(doc, META_URL, "http://example.cn/头发.html");
	doc_set_meta(doc, META_SOURCE, "新华社");
	doc_set_meta(doc, META_LANG, "zh-CN");
	h = node_new(NODE_HEADING);
	h->as.heading.level = 1;
	h->as.heading.label = xstrdup("一、");
	node_append_text(h, "总体要求", strlen("总体要求"));
	node_append(doc->root, h);
	/* A phrase split by formatting: 头 | 发. */
	p = para(doc->root, "他剪了", "*头", "发。", NULL);
	pl = node_new(NODE_POINT_LIST);
	pt = node_new(NODE_POINT);
	pt->as.point.label = xstrdup("最后，");
	lead = node_new(NODE_POINT_LEAD);
	node_append_text(lead, "加强领导。", strlen("加强领导。"));
	node_append(pt, lead);
	node_append_text(pt, "后续跟进。", strlen("后续跟进。"));
	node_append(pl, pt);
	node_append(doc->root, pl);
	link = node_new(NODE_LINK);
	link->as.link.url = xstrdup("https://example.cn/头发");
	node_append_text(link, "头发", strlen("头发"));
	node_append(para(doc->root, "见", NULL), link);
	fig = node_new(NODE_FIGURE);
	fig->as.figure.src = xstrdup("图片/头发.jpg");
	fig->as.figure.alt = xstrdup("头发");
	node_append_text(fig, "图为头发", strlen("图为头发"));
	node_append(doc->root, fig);
	assert_int_equal(doc_check(doc), 0);
	count_types(doc, before);

	assert_int_equal(script_conv_doc(sc, doc, &changed, NULL), 0);
	assert_int_equal(doc_check(doc), 0);
	count_types(doc, after);
	assert_memory_equal(before, after, sizeof(before));

	assert_string_equal(doc->meta[META_TITLE], "關於發展的報告");
	assert_string_equal(doc->meta[META_SOURCE], "新華社");
	assert_string_equal(doc->meta[META_DATE], "2021-10-14");
	assert_string_equal(doc->meta[META_URL], "http://example.cn/头发.html");
	assert_string_equal(doc->meta[META_LANG], "zh-TW");
	assert_string_equal(h->as.heading.label, "一、");
	assert_string_equal(h->first_child->as.text, "總體要求");
	/* Cut back at the same places: 頭 in the bold span, 髮 after it. */
	assert_string_equal(p->first_child->as.text, "他剪了");
	assert_string_equal(p->first_child->next->first_child->as.text, "頭");
	assert_string_equal(p->last_child->as.text, "髮。");
	assert_string_equal(pt->as.point.label, "最後，");
	assert_string_equal(lead->first_child->as.text, "加強領導。");
	assert_string_equal(pt->last_child->as.text, "後續跟進。");
	assert_string_equal(link->as.link.url, "https://example.cn/头发");
	assert_string_equal(link->first_child->as.text, "頭髮");
	assert_string_equal(fig->as.figure.src, "图片/头发.jpg");
	assert_string_equal(fig->as.figure.alt, "頭髮");
	assert_string_equal(fig->first_child->as.text, "圖為頭髮");
	assert_true(changed >= 20);
	doc_free(doc);
	script_conv_close(sc);
}

/* Taiwan vocabulary changes lengths; pieces are then converted alone. */
static void
test_length_changes(void **state)
{
	struct script_conv	*sc = open_conv("s2twp");
	struct doc		*doc = doc_new();
	struct node		*p;

	(void)state;
	p = para(doc->root, "插入U盘，", "*打开", "软件。", NULL);
	assert_int_equal(script_conv_doc(sc, doc, NULL, NULL), 0);
	assert_string_equal(p->first_child->as.text, "插入隨身碟，");
	assert_string_equal(p->first_child->next->first_child->as.text,
	    "開啟");
	assert_string_equal(p->last_child->as.text, "軟體。");
	assert_int_equal(doc_check(doc), 0);
	doc_free(doc);
	script_conv_close(sc);
}

/* -M values and the file-name title are taken as given. */
static void
test_pipeline(void **state)
{
	struct script_conv	*sc = open_conv("s2t");
	struct pipeline_opts	 po;
	struct doc		*doc = NULL;
	const char		*src = "头发的故事\n\n一、发展\n\n头发很长。\n";

	(void)state;
	memset(&po, 0, sizeof(po));
	po.read.max_depth = 128;
	po.convert = sc;
	po.meta[META_AUTHOR] = "张三发";
	assert_int_equal(pipeline_read(src, strlen(src), &po, &doc, NULL),
	    0);
	assert_string_equal(doc->meta[META_TITLE], "頭髮的故事");
	assert_string_equal(doc->meta[META_AUTHOR], "张三发");
	assert_string_equal(doc->meta[META_LANG], "zh-Hant");
	assert_int_equal(node_count(doc->root, NODE_HEADING), 1);
	doc_free(doc);
	/* An explicit language wins over the conversion's. */
	po.meta[META_LANG] = "zh-MO";
	assert_int_equal(pipeline_read(src, strlen(src), &po, &doc, NULL),
	    0);
	assert_string_equal(doc->meta[META_LANG], "zh-MO");
	doc_free(doc);
	script_conv_close(sc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phrases_not_characters),
		cmocka_unit_test(test_regional_variants),
		cmocka_unit_test(test_addresses_untouched),
		cmocka_unit_test(test_unknown_name),
		cmocka_unit_test(test_tree),
		cmocka_unit_test(test_length_changes),
		cmocka_unit_test(test_pipeline),
	};

	return cmocka_run_group_tests_name("convert_script", tests, NULL,
	    NULL);
}
