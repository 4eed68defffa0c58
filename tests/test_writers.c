/*
 * Unit tests: the text writers (formats/txt.c, md.c, json.c) and the
 * writer registry.  The Markdown is parsed back with libcmark to check
 * that emphasis really renders.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <cmark.h>
#include <libxml/parser.h>

#include "testutil.h"

static const char sample_like[] =
    "标题,副题\n\n2021-10-14 14:46| 来自: 嘉兴老干部\n\n"
    "导语段落，说明背景。\n\n"
    "一、添彩“革命红”助力“思想引富”\n\n"
    "一是注重党建引领。通过会议传达精神。二是加强团队建设。坚持标准。"
    "三是赓续“红色血脉”。开展活动。\n\n"
    "二、第二个主题\n\n"
    "（一）指导思想。全面贯彻精神，加强领导。\n\n"
    "1. 这一行以数字加空格开头，*星号*和_下划线_要转义。\n";

static char *
render(const char *input, const char *format, const struct render_opts *o)
{
	struct doc	*doc = tu_read(input, "text");
	char		*out;

	assert_non_null(doc);
	out = tu_render(doc, format, o, NULL);
	assert_non_null(out);
	doc_free(doc);
	return out;
}

static void
test_registry(void **state)
{
	size_t	 i;

	(void)state;
	assert_non_null(writer_find("txt"));
	assert_non_null(writer_find("MD"));
	assert_null(writer_find("pdf"));
	assert_ptr_equal(writer_for_extension("markdown"), writer_find("md"));
	for (i = 0; writers[i] != NULL; i++) {
		assert_non_null(writers[i]->name);
		assert_non_null(writers[i]->extension);
		assert_non_null(writers[i]->description);
		assert_non_null(writers[i]->render);
		assert_ptr_equal(writer_find(writers[i]->name), writers[i]);
	}
}

static void
test_txt_layout(void **state)
{
	char	*s = render(sample_like, "txt", NULL), *p;

	(void)state;
	assert_true(strncmp(s, "标题，副题\n2021-10-14 14:46　来源：嘉兴老干部\n\n"
	    "　　导语段落", strlen("标题，副题\n2021-10-14 14:46　来源：嘉兴老干部"
	    "\n\n　　导语段落")) == 0);
	assert_true(tu_contains(s, "\n\n一、添彩“革命红”助力“思想引富”\n\n"));
	/* Points inline by default: one paragraph. */
	assert_true(tu_contains(s, "　　一是注重党建引领。通过会议传达精神。二是"));
	/* A run-in heading is written back on one line. */
	assert_true(tu_contains(s, "　　（一）指导思想。全面贯彻精神"));
	/* LF only, final newline, no trailing spaces. */
	assert_null(strchr(s, '\r'));
	assert_int_equal(s[strlen(s) - 1], '\n');
	assert_int_not_equal(s[strlen(s) - 2], '\n');
	for (p = s; (p = strchr(p, '\n')) != NULL; p++)
		assert_true(p == s || (p[-1] != ' ' && p[-1] != '\t'));
	free(s);
}

static void
test_txt_split_points(void **state)
{
	struct render_opts	 o = tu_opts();
	char			*s;

	(void)state;
	o.points = POINTS_SPLIT;
	s = render(sample_like, "txt", &o);
	assert_true(tu_contains(s, "开展活动。") );
	assert_true(tu_contains(s, "传达精神。\n\n　　二是加强团队建设。"));
	free(s);
}

static void
test_txt_wrap(void **state)
{
	struct render_opts	 o;
	char			*s, *line, *save = NULL;
	const char		*in = "标题\n\n"
	    "这是一个很长的段落，用来测试按显示宽度折行的规则。句号和逗号不能"
	    "出现在行首，破折号——和省略号……不能被拆开，英文单词 internationalization "
	    "和数字 1234567 也要保持完整。\n";

	(void)state;
	memset(&o, 0, sizeof(o));
	o.bold_leads = 1;
	tu_set(&o, "wrap", "20");
	s = render(in, "txt", &o);
	for (line = strtok_r(s, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		size_t w = utf8_width(line, strlen(line), 1);

		/* Only an unbreakable word may exceed the width. */
		assert_true(w <= 20 || tu_contains(line, "internationalization"));
		assert_false(strncmp(line, "，", 3) == 0);
		assert_false(strncmp(line, "。", 3) == 0);
		assert_false(strncmp(line, "—", 3) == 0 &&
		    strncmp(line, "——", 6) != 0);
	}
	free(s);
	s = render(in, "txt", &o);
	assert_true(tu_contains(s, "——"));
	assert_true(tu_contains(s, "……"));
	assert_true(tu_contains(s, "1234567"));
	free(s);
	render_opts_free(&o);
}

/* Concatenated text of every node of type t in the CommonMark tree. */
static void
cmark_collect(cmark_node *root, cmark_node_type t, struct buf *out)
{
	cmark_iter	*it = cmark_iter_new(root);
	cmark_event_type ev;
	int		 depth = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (cmark_node_get_type(n) == t)
			depth += ev == CMARK_EVENT_ENTER ? 1 : -1;
		if (ev == CMARK_EVENT_ENTER && depth > 0 &&
		    cmark_node_get_type(n) == CMARK_NODE_TEXT) {
			buf_puts(out, cmark_node_get_literal(n));
			buf_putc(out, '|');
		}
	}
	cmark_iter_free(it);
}

static void
test_md_renders_bold_and_escapes(void **state)
{
	char		*s = render(sample_like, "md", NULL);
	cmark_node	*doc = cmark_parse_document(s, strlen(s), 0);
	struct buf	 strong = BUF_INIT, heads = BUF_INIT, all = BUF_INIT;
	cmark_iter	*it;

	(void)state;
	assert_true(strncmp(s, "---\n", 4) == 0);
	assert_true(tu_contains(s, "lang: \"zh-CN\""));
	assert_true(tu_contains(s, "\n# 标题，副题\n"));
	assert_true(tu_contains(s, "\n## 一、添彩"));
	cmark_collect(doc, CMARK_NODE_STRONG, &strong);
	/* The lead sentences are bold in CommonMark, punctuation outside. */
	assert_true(tu_contains(strong.ptr, "一是注重党建引领|"));
	assert_true(tu_contains(strong.ptr, "三是赓续“红色血脉”|"));
	cmark_collect(doc, CMARK_NODE_HEADING, &heads);
	assert_true(tu_contains(heads.ptr, "一、添彩“革命红”助力“思想引富”|"));
	/* No literal ** left, no list made of "1. ", * and _ kept. */
	it = cmark_iter_new(doc);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		assert_int_not_equal(cmark_node_get_type(n), CMARK_NODE_LIST);
		if (cmark_node_get_type(n) == CMARK_NODE_TEXT)
			buf_puts(&all, cmark_node_get_literal(n));
	}
	cmark_iter_free(it);
	assert_null(strstr(all.ptr, "**"));
	assert_true(tu_contains(all.ptr, "*星号*和_下划线_"));
	buf_free(&strong);
	buf_free(&heads);
	buf_free(&all);
	cmark_node_free(doc);
	free(s);
}

static void
test_md_runin_heading_keeps_stop(void **state)
{
	char	*s = render(sample_like, "md", NULL);

	(void)state;
	/* A heading may not end in 。: it becomes a bold lead, 。 kept. */
	assert_true(tu_contains(s, "\n**（一）指导思想**。全面贯彻精神"));
	free(s);
}

/*
 * A run-in heading whose line goes on to enumerate points: "（一）扩大内需。
 * 要…。一是…二是…" is one paragraph as the author wrote it, in every
 * text format; with --points split, the first point stays on the
 * heading's line.
 */
static const char runin_points[] =
    "工作报告\n\n一、总体要求\n\n"
    "（一）着力扩大内需。要坚持战略基点。一是提振消费；二是扩大投资；"
    "三是稳定外需。\n\n"
    "（二）降低准入门槛。一是精简审批；二是取消资质；三是规范收费。\n\n"
    "（三）深化改革。全面深化改革开放。\n";

static void
test_runin_heading_with_points(void **state)
{
	struct render_opts	 o = tu_opts();
	char			*s;

	(void)state;
	s = render(runin_points, "txt", NULL);
	assert_true(tu_contains(s, "\n\n　　（一）着力扩大内需。要坚持战略基点。"
	    "一是提振消费；二是扩大投资；三是稳定外需。\n\n"));
	assert_true(tu_contains(s, "\n\n　　（二）降低准入门槛。一是精简审批；"
	    "二是取消资质；三是规范收费。\n\n"));
	free(s);
	s = render(runin_points, "md", NULL);
	assert_true(tu_contains(s, "\n\n**（一）着力扩大内需**。要坚持战略基点。"
	    "**一是提振消费**；**二是扩大投资**；**三是稳定外需**。\n"));
	assert_true(tu_contains(s, "\n\n**（二）降低准入门槛**。**一是精简审批**；"));
	free(s);
	s = render(runin_points, "html", NULL);
	assert_true(tu_contains(s, "<span class=\"rh l2\">（二）降低准入门槛。"
	    "</span><span class=\"point\""));
	assert_false(tu_contains(s, "<p class=\"points\">"));
	free(s);
	o.points = POINTS_SPLIT;
	s = render(runin_points, "txt", &o);
	assert_true(tu_contains(s, "\n\n　　（二）降低准入门槛。一是精简审批；\n\n"
	    "　　二是取消资质；\n\n"));
	free(s);
	s = render(runin_points, "md", &o);
	assert_true(tu_contains(s, "\n\n**（二）降低准入门槛**。**一是精简审批**；"
	    "\n\n**二是取消资质**；\n"));
	free(s);
	/* Points one paragraph each: the heading stands alone in HTML. */
	s = render(runin_points, "html", &o);
	assert_true(tu_contains(s, ">（二）降低准入门槛。</h3>"));
	assert_true(tu_contains(s, "<p class=\"point\""));
	free(s);
}

/*
 * A point's label runs straight into its text when the author wrote it so
 * ("首先要…，其次要…"): no writer puts a space between them.
 */
static void
test_point_label_runs_on(void **state)
{
	static const char *const formats[] = {
		"txt", "md", "html", "pandoc-json"
	};
	const char	*in = "标题\n\n各乡镇要成立专班。首先要摸清底数，"
			    "其次要压实责任，最后要严格考核。\n";
	char		*s;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		s = render(in, formats[i], NULL);
		assert_true(tu_contains(s, "首先要摸清底数"));
		assert_true(tu_contains(s, "其次要压实责任"));
		assert_false(tu_contains(s, "首先　要"));
		free(s);
	}
}

/*
 * What GFM would link by itself is written so that CommonMark links it
 * too (e-mail autolinks) or leaves it as text (an escaped "www."), and
 * the text stays the same.
 */
static void
test_md_bare_addresses(void **state)
{
	struct doc	*doc = tu_read("标题\n\n联系：39media@mail.39.net，网站"
	    "（www.39.net）或 https://x.cn/a 。\n", "text");
	char		*s = tu_render(doc, "md", NULL, NULL);
	cmark_node	*md = cmark_parse_document(s, strlen(s), 0);
	char		*html = cmark_render_html(md, 0);

	(void)state;
	assert_true(tu_contains(s, "<39media@mail.39.net>"));
	assert_true(tu_contains(s, "（www\\.39.net）"));
	assert_true(tu_contains(s, "<https://x.cn/a>"));
	assert_true(tu_contains(html, "href=\"mailto:39media@mail.39.net\""));
	assert_true(tu_contains(html, "（www.39.net）"));
	free(html);
	cmark_node_free(md);
	free(s);
	doc_free(doc);
}

static void
test_json_schema(void **state)
{
	char	*s = render(sample_like, "json", NULL);

	(void)state;
	assert_true(tu_contains(s, "\"meta\":{\"title\":\"标题，副题\""));
	assert_true(tu_contains(s, "{\"type\":\"heading\",\"line\":7,"));
	assert_true(tu_contains(s, "\"level\":1,\"label\":\"一、\",\"text\":"
	    "\"添彩“革命红”助力“思想引富”\""));
	assert_true(tu_contains(s, "\"type\":\"point\""));
	assert_true(tu_contains(s, "\"label\":\"一是\",\"lead\":\"注重党建引领。\","
	    "\"text\":\"通过会议传达精神。\""));
	assert_true(tu_contains(s, "\"run_in\":true"));
	free(s);
}

static void
test_json_escapes(void **state)
{
	char	*s = render("标题\"引号\"\\\n\n内容\x01控制。\n", "json", NULL);

	(void)state;
	assert_true(tu_contains(s, "标题\\\"引号\\\"\\\\"));
	assert_false(tu_contains(s, "\x01"));
	free(s);
}

static void
test_deterministic(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; writers[i] != NULL; i++) {
		struct doc *doc = tu_read(sample_like, "text");
		size_t la, lb;
		char *a = tu_render(doc, writers[i]->name, NULL, &la);
		char *b = tu_render(doc, writers[i]->name, NULL, &lb);

		assert_non_null(a);
		assert_int_equal(la, lb);
		assert_memory_equal(a, b, la);
		free(a);
		free(b);
		doc_free(doc);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry),
		cmocka_unit_test(test_txt_layout),
		cmocka_unit_test(test_txt_split_points),
		cmocka_unit_test(test_txt_wrap),
		cmocka_unit_test(test_md_renders_bold_and_escapes),
		cmocka_unit_test(test_md_runin_heading_keeps_stop),
		cmocka_unit_test(test_md_bare_addresses),
		cmocka_unit_test(test_runin_heading_with_points),
		cmocka_unit_test(test_point_label_runs_on),
		cmocka_unit_test(test_json_schema),
		cmocka_unit_test(test_json_escapes),
		cmocka_unit_test(test_deterministic),
	};

	return cmocka_run_group_tests_name("writers", tests, NULL, NULL);
}
