/* Unit tests: vertical books (formats/epub/epub_vertical.c, --vertical). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <libxml/parser.h>
#include <zip.h>

#define TU_ZIP
#include "epub/epub_int.h"
#include "testutil.h"

/* epub_verticalize() of s for lang. */
static void
check(const char *lang, const char *in, const char *want)
{
	struct buf	 b = BUF_INIT;

	buf_puts(&b, in);
	epub_verticalize(&b, lang);
	buf_putc(&b, '\0');
	assert_string_equal(b.ptr, want);
	buf_free(&b);
}

#define HEAD	"<html><head><title>2021年“10”</title></head><body class=\"c\">"

static void
test_quotes(void **state)
{
	(void)state;
	/* Mainland: double quotes first, “”→『』, ‘’→「」. */
	check("zh-CN", "<body>他说：“要‘自主’。”</body>",
	    "<body>他说：『要「自主」。』</body>");
	/* Taiwan and Hong Kong: single first. */
	check("zh-TW", "<body>他說：“要‘自主’。”</body>",
	    "<body>他說：「要『自主』。」</body>");
	check("zh-Hant", "<body>“甲”</body>", "<body>「甲」</body>");
	/* An apostrophe in a Latin word stays; so do straight quotes. */
	check("zh-CN", "<body>China’s \"AI\"</body>",
	    "<body>China’s \"AI\"</body>");
	/* Attribute values too (alt text is read aloud). */
	check("zh-CN", "<body><img alt=\"“图”\"/></body>",
	    "<body><img alt=\"『图』\"/></body>");
}

static void
test_upright_numbers(void **state)
{
	(void)state;
	check("zh-CN", HEAD "第3届，10月14日</body>",
	    "<html><head><title>2021年『10』</title></head><body class=\"c\">"
	    "第<span class=\"tcy\">3</span>届，<span class=\"tcy\">10</span>月"
	    "<span class=\"tcy\">14</span>日</body>");
	/* Longer numbers, decimals, times, dates and codes go sideways. */
	check("zh-CN", "<body>2021年 10.6% 14:46 A4 4G 2021-10-14 #5</body>",
	    "<body>2021年 10.6% 14:46 A4 4G 2021-10-14 #5</body>");
	/* Not inside tags: ids, classes, attribute values. */
	check("zh-CN", "<body><h2 class=\"l2\" id=\"a12\" title=\"3 > 2\">"
	    "12</h2></body>",
	    "<body><h2 class=\"l2\" id=\"a12\" title=\"3 > 2\">"
	    "<span class=\"tcy\">12</span></h2></body>");
	/* Entities around a number are its edges. */
	check("zh-CN", "<body>&lt;12&gt;</body>",
	    "<body>&lt;<span class=\"tcy\">12</span>&gt;</body>");
}

static void
test_book(void **state)
{
	struct doc		*doc = tu_read("“十四五”规划第3届\n\n2021-10-14 "
	    "14:46| 来源: 测试\n\n一、总体要求\n\n到2025年完成12项。\n", NULL);
	struct render_opts	 o = tu_opts();
	struct tu_pkg		 bk;
	char			*epub, *opf, *css, *ch, *svg;
	size_t			 len;

	(void)state;
	tu_epub(&o)->vertical = 1;
	epub = tu_render(doc, "epub", &o, &len);
	assert_non_null(epub);
	tu_pkg_open(&bk, epub, len);
	opf = tu_pkg_entry(&bk, "OEBPS/content.opf", NULL);
	assert_true(tu_contains(opf, "<spine toc=\"ncx\" "
	    "page-progression-direction=\"rtl\">"));
	css = tu_pkg_entry(&bk, "OEBPS/style.css", NULL);
	assert_true(tu_contains(css, "  writing-mode: vertical-rl;"));
	assert_true(tu_contains(css, "-epub-writing-mode: vertical-rl;"));
	assert_true(tu_contains(css, "text-combine-upright: all;"));
	ch = tu_pkg_entry(&bk, "OEBPS/ch01.xhtml", NULL);
	assert_true(tu_contains(ch, "完成<span class=\"tcy\">12</span>项"));
	assert_true(tu_contains(ch, "到2025年"));
	svg = tu_pkg_entry(&bk, "OEBPS/cover.svg", NULL);
	assert_true(tu_contains(svg, "<title>『十四五』规划第3届</title>"));
	/* Every part is still well-formed XML. */
	xmlFreeDoc(tu_pkg_xml(&bk, "OEBPS/ch01.xhtml", 0));
	xmlFreeDoc(tu_pkg_xml(&bk, "OEBPS/title.xhtml", 0));
	xmlFreeDoc(tu_pkg_xml(&bk, "OEBPS/nav.xhtml", 0));
	xmlFreeDoc(tu_pkg_xml(&bk, "OEBPS/cover.svg", 0));
	free(opf);
	free(css);
	free(ch);
	free(svg);
	tu_pkg_close(&bk);

	/* Without --vertical nothing of it. */
	tu_epub(&o)->vertical = 0;
	epub = tu_render(doc, "epub", &o, &len);
	tu_pkg_open(&bk, epub, len);
	opf = tu_pkg_entry(&bk, "OEBPS/content.opf", NULL);
	assert_false(tu_contains(opf, "page-progression-direction"));
	css = tu_pkg_entry(&bk, "OEBPS/style.css", NULL);
	assert_false(tu_contains(css, "vertical-rl"));
	free(opf);
	free(css);
	tu_pkg_close(&bk);
	doc_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_upright_numbers),
		cmocka_unit_test(test_book),
	};

	return cmocka_run_group_tests_name("epub_vertical", tests, NULL, NULL);
}
