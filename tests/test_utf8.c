/* Unit tests: src/utf8.c and src/tree/escape.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tree/buf.h"
#include "tree/escape.h"
#include "tree/utf8.h"
#include "../cli/util.h"
#include "testutil.h"

static void
test_decode_valid(void **state)
{
	size_t	 adv;

	(void)state;
	assert_int_equal(utf8_decode((const unsigned char *)"A", 1, &adv), 'A');
	assert_int_equal(adv, 1);
	assert_int_equal(utf8_decode((const unsigned char *)"中", 3, &adv),
	    0x4E2D);
	assert_int_equal(adv, 3);
	assert_int_equal(utf8_decode((const unsigned char *)"\xF0\x9F\x98\x80",
	    4, &adv), 0x1F600);
}

static void
test_decode_invalid(void **state)
{
	size_t	 adv;

	(void)state;
	/* Overlong, surrogate, truncated, stray continuation, 0xFF. */
	assert_int_equal(utf8_decode((const unsigned char *)"\xC0\xAF", 2,
	    &adv), -1);
	assert_int_equal(adv, 1);
	assert_int_equal(utf8_decode((const unsigned char *)"\xED\xA0\x80", 3,
	    &adv), -1);
	assert_int_equal(utf8_decode((const unsigned char *)"\xE4\xB8", 2,
	    &adv), -1);
	assert_int_equal(adv, 2);
	assert_int_equal(utf8_decode((const unsigned char *)"\x80", 1, &adv),
	    -1);
	assert_int_equal(utf8_decode((const unsigned char *)"\xFF", 1, &adv),
	    -1);
	assert_false(utf8_valid("a\xE4\xB8", 3));
	assert_true(utf8_valid("中文", strlen("中文")));
}

static void
test_prev_and_count(void **state)
{
	const char	*s = "a中😀";
	size_t		 pos = strlen(s);

	(void)state;
	assert_int_equal(utf8_prev(s, &pos), 0x1F600);
	assert_int_equal(utf8_prev(s, &pos), 0x4E2D);
	assert_int_equal(utf8_prev(s, &pos), 'a');
	assert_int_equal(pos, 0);
	assert_int_equal(utf8_count(s, strlen(s)), 3);
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(uc_width('a', 1), 1);
	assert_int_equal(uc_width(0x4E2D, 0), 2);	/* 中 */
	assert_int_equal(uc_width(0x3000, 0), 2);	/* ideographic space */
	assert_int_equal(uc_width(0xFF0C, 0), 2);	/* ， */
	assert_int_equal(uc_width(0x201C, 0), 1);	/* “ ambiguous */
	assert_int_equal(uc_width(0x201C, 1), 2);
	assert_int_equal(uc_width(0x2460, 1), 2);	/* ① */
	assert_int_equal(uc_width(0x0301, 1), 0);	/* combining */
	assert_int_equal(utf8_width("中文ab", strlen("中文ab"), 1), 6);
}

static void
test_classes(void **state)
{
	(void)state;
	assert_true(uc_is_han(0x4E00));
	assert_true(uc_is_cjk(0x3002));
	assert_true(uc_is_cjk(0xFF0C));
	assert_false(uc_is_cjk('a'));
	assert_true(uc_is_space(0x3000));
	assert_true(uc_is_space(0xA0));
	assert_true(uc_is_punct(0x3002));
	assert_true(uc_is_punct(0x201D));
	assert_false(uc_is_punct(0x4E2D));
	assert_true(uc_is_forbidden(0x01));
	assert_true(uc_is_forbidden(0xFFFE));
	assert_true(uc_is_forbidden(0x85));
	assert_false(uc_is_forbidden('\t'));
}

static char *
esc(void (*f)(struct buf *, const char *, size_t), const char *s, size_t len)
{
	struct buf	 b = BUF_INIT;

	f(&b, s, len);
	return buf_detach(&b, NULL);
}

static void
test_xml_escaping(void **state)
{
	char	*s;

	(void)state;
	s = esc(esc_xml_text, "a<b>&\"c\"", 8);
	assert_string_equal(s, "a&lt;b&gt;&amp;\"c\"");
	free(s);
	s = esc(esc_xml_attr, "a\"b\tc", 5);
	assert_string_equal(s, "a&quot;b&#9;c");
	free(s);
	/* Forbidden: C0 control, U+FFFE, C1 control, invalid byte. */
	s = esc(esc_xml_text, "x\x01y\xEF\xBF\xBEz\xC2\x85w\xFFv", 12);
	assert_string_equal(s, "x\xEF\xBF\xBDy\xEF\xBF\xBDz\xEF\xBF\xBDw"
	    "\xEF\xBF\xBDv");
	free(s);
	s = esc(esc_xml_text, "中文。", strlen("中文。"));
	assert_string_equal(s, "中文。");
	free(s);
}

static void
test_json_escaping(void **state)
{
	char	*s;

	(void)state;
	s = esc(esc_json, "a\"b\\c\nd\x01", 8);
	assert_string_equal(s, "a\\\"b\\\\c\\nd\\u0001");
	free(s);
}

static char *
md(const char *s, int flags)
{
	struct buf	 b = BUF_INIT;

	esc_md(&b, s, strlen(s), flags);
	return buf_detach(&b, NULL);
}

static void
test_md_escaping(void **state)
{
	char	*s;

	(void)state;
	s = md("a*b_c[d]e`f<g&h~i\\j", 0);
	assert_string_equal(s, "a\\*b\\_c\\[d\\]e\\`f\\<g\\&h\\~i\\\\j");
	free(s);
	/* "1.加强" stays; "1. 加强" would be a list. */
	s = md("1.加强", ESC_MD_LINE_START);
	assert_string_equal(s, "1.加强");
	free(s);
	s = md("1. 加强", ESC_MD_LINE_START);
	assert_string_equal(s, "1\\. 加强");
	free(s);
	s = md("#教會", ESC_MD_LINE_START);
	assert_string_equal(s, "\\#教會");
	free(s);
	s = md("- 项", ESC_MD_LINE_START);
	assert_string_equal(s, "\\- 项");
	free(s);
	s = md("---", ESC_MD_LINE_START);
	assert_string_equal(s, "\\---");
	free(s);
	s = md("——坚持", ESC_MD_LINE_START);
	assert_string_equal(s, "——坚持");
	free(s);
	s = md("a|b", ESC_MD_TABLE);
	assert_string_equal(s, "a\\|b");
	free(s);
}

static void
test_repair(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	assert_int_equal(utf8_repair("a\xE4\xB8\xAD" "b", 5, &b), 0);
	assert_memory_equal(b.ptr, "a\xE4\xB8\xAD" "b", 5);	/* unchanged */
	b.len = 0;
	/* A bad byte and a cut sequence: one U+FFFD each. */
	assert_int_equal(utf8_repair("x\xFFy\xE4\xB8", 5, &b), 2);
	assert_int_equal(b.len, 8);
	assert_memory_equal(b.ptr, "x\xEF\xBF\xBDy\xEF\xBF\xBD", 8);
	b.len = 0;
	/* A surrogate: three maximal subparts, as Unicode recommends. */
	assert_int_equal(utf8_repair("\xED\xA0\x80", 3, &b), 3);
	assert_true(utf8_valid(b.ptr, b.len));
	buf_free(&b);
}

/* utf8_next stays inside the string even when the text ends mid-sequence. */
static void
test_next_truncated(void **state)
{
	size_t	 pos = 0;

	(void)state;
	assert_int_equal(utf8_next("\xE4\xB8", 2, &pos), 0xFFFD);
	assert_int_equal(pos, 1);
	assert_int_equal(utf8_next("\xE4\xB8", 2, &pos), 0xFFFD);
	assert_int_equal(pos, 2);
}

/*
 * Messages (the command line's display_escape()): controls and
 * bidirectional overrides become visible escapes.
 */
static void
test_esc_display(void **state)
{
	static const struct {
		const char	*in, *out;
	} cases[] = {
		{ "plain 文章.txt", "plain 文章.txt" },
		{ "new\nline\ttab\rcr", "new\\nline\\ttab\\rcr" },
		{ "esc\033[2Jx\177", "esc\\x1b[2Jx\\x7f" },
		{ "rtl\342\200\256gpj.exe", "rtl\\u202egpj.exe" },
		{ "c1\302\205end", "c1\\u0085end" },
		{ "bad\377\376", "bad\\xff\\xfe" },
		{ "back\\slash", "back\\slash" },
		{ "\357\277\276 stays", "\357\277\276 stays" },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sbuf b = SBUF_INIT;

		display_escape(&b, cases[i].in, strlen(cases[i].in));
		assert_string_equal(sb_str(&b), cases[i].out);
		sb_free(&b);
	}
}

/* Trimming: any width of white space at either end, nothing inside. */
static void
test_trim(void **state)
{
	static const struct {
		const char	*in;
		size_t		 start, len;
	} cases[] = {
		{ "", 0, 0 },
		{ "标题", 0, 6 },
		{ " \t标题\n", 2, 6 },
		/* U+3000, NBSP, U+2003 at the ends; the inner space stays. */
		{ "\xe3\x80\x80标 题\xc2\xa0\xe2\x80\x83", 3, 7 },
		{ "\xe3\x80\x80 \xc2\xa0", 6, 0 },
	};
	size_t	 i, start, n;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *s = cases[i].in;

		n = utf8_trim(s, strlen(s), &start);
		assert_int_equal(start, cases[i].start);
		assert_int_equal(n, cases[i].len);
	}
	assert_int_equal(utf8_skip_space("\xe3\x80\x80 a", 5, 0), 4);
	assert_int_equal(utf8_skip_space("a b", 3, 1), 2);
	assert_int_equal(utf8_back_while("ab  ", 0, 4, uc_is_space), 2);
	assert_int_equal(utf8_back_while("  ", 1, 2, uc_is_space), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_esc_display),
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_repair),
		cmocka_unit_test(test_next_truncated),
		cmocka_unit_test(test_decode_invalid),
		cmocka_unit_test(test_prev_and_count),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_xml_escaping),
		cmocka_unit_test(test_json_escaping),
		cmocka_unit_test(test_md_escaping),
	};

	return cmocka_run_group_tests_name("utf8+escape", tests, NULL, NULL);
}
