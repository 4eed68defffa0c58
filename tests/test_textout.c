/* Unit tests: formats/textout.c, the txt and Markdown line renderer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "textout.h"

#define SP "\xE3\x80\x80"	/* U+3000 */

static void
block(struct textout *t, const char *first, const char *rest, const char *s)
{
	textout_block(t, first, rest, s, strlen(s), 0);
}

/* First-line and continuation prefixes, the stack's before the block's. */
static void
test_prefixes(void **state)
{
	struct buf	 b = BUF_INIT;
	struct textout	 t;

	(void)state;
	textout_init(&t, &b, 0);
	textout_push(&t, "- ", "  ");
	block(&t, "1. ", "   ", "甲\n乙");
	block(&t, "", "", "丙");
	textout_pop(&t);
	assert_string_equal(b.ptr,
	    "- 1. 甲\n"
	    "     乙\n"
	    "\n"
	    "  丙\n");
	textout_free(&t);
	buf_free(&b);
}

/*
 * A quote inside a quote: the blank line before a quote's first block
 * is the surrounding text's, the ones inside carry the started prefixes
 * without their trailing space.
 */
static void
test_nested_quotes(void **state)
{
	struct buf	 b = BUF_INIT;
	struct textout	 t;

	(void)state;
	textout_init(&t, &b, 0);
	block(&t, "", "", "正文。");
	textout_push(&t, "> ", "> ");
	block(&t, "", "", "一层。");
	textout_push(&t, "> ", "> ");
	block(&t, "", "", "二层。");
	block(&t, "", "", "二层，\\\n换行。");
	textout_pop(&t);
	block(&t, "", "", "回到一层。");
	textout_pop(&t);
	block(&t, "", "", "正文继续。");
	assert_string_equal(b.ptr,
	    "正文。\n"
	    "\n"
	    "> 一层。\n"
	    ">\n"
	    "> > 二层。\n"
	    "> >\n"
	    "> > 二层，\\\n"
	    "> > 换行。\n"
	    ">\n"
	    "> 回到一层。\n"
	    "\n"
	    "正文继续。\n");
	/* Popping more than was pushed does nothing. */
	textout_pop(&t);
	assert_int_equal(t.depth, 0);
	textout_free(&t);
	buf_free(&b);
}

/* Blank lines lose ideographic-space indentation; inner empty lines not. */
static void
test_empty_lines(void **state)
{
	struct buf	 b = BUF_INIT;
	struct textout	 t;

	(void)state;
	textout_init(&t, &b, 0);
	/* Nothing to write: no line, no block counted. */
	block(&t, SP SP, "", "");
	assert_int_equal(t.blocks, 0);
	assert_int_equal(b.len, 0);
	textout_push(&t, SP SP, SP SP);
	block(&t, SP SP, "", "甲");
	block(&t, SP SP, "", "乙\n\n丙\n");
	textout_pop(&t);
	assert_string_equal(b.ptr,
	    SP SP SP SP "甲\n"
	    "\n"
	    SP SP SP SP "乙\n"
	    SP SP "\n"
	    SP SP "丙\n");
	assert_int_equal(t.blocks, 2);
	/* A writer may reset the count: no blank line then. */
	buf_truncate(&b, 0);
	t.blocks = 0;
	block(&t, "", "", "丁  ");
	assert_string_equal(b.ptr, "丁\n");
	buf_truncate(&b, 0);
	textout_push(&t, "> ", "> ");
	textout_blank(&t);		/* nothing started yet: no ">" */
	block(&t, "", "", "\n");	/* one empty line under the prefix */
	textout_blank(&t);
	assert_string_equal(b.ptr, "\n\n>\n>\n");
	textout_free(&t);
	buf_free(&b);
}

/* Chinese characters are two columns; punctuation stays with its text. */
static void
test_wrap_cjk(void **state)
{
	struct buf	 b = BUF_INIT;
	struct textout	 t;

	(void)state;
	textout_init(&t, &b, 10);
	block(&t, "", "", "一二三四五六七八九十");
	assert_string_equal(b.ptr, "一二三四五\n六七八九十\n");
	buf_truncate(&b, 0);
	t.blocks = 0;
	t.width = 8;
	/* 。 may not start a line: 四。 moves down together. */
	block(&t, "", "", "一二三四。五");
	assert_string_equal(b.ptr, "一二三\n四。五\n");
	buf_truncate(&b, 0);
	t.blocks = 0;
	/* “ may not end a line; —— is never split. */
	block(&t, "", "", "一二“三”——四");
	assert_string_equal(b.ptr, "一二\n“三”\n——四\n");
	buf_truncate(&b, 0);
	t.blocks = 0;
	t.width = 10;
	/* A Latin word stays whole; the space at the break goes. */
	block(&t, "", "", "ab cd efghij");
	assert_string_equal(b.ptr, "ab cd\nefghij\n");
	buf_truncate(&b, 0);
	t.blocks = 0;
	/* Wider than the line: it overflows rather than breaks. */
	block(&t, "", "", "internationalization");
	assert_string_equal(b.ptr, "internationalization\n");
	/* NOWRAP keeps the line whole. */
	buf_truncate(&b, 0);
	t.blocks = 0;
	textout_block(&t, "", "", "一二三四五六七八", 24, TEXTOUT_NOWRAP);
	assert_string_equal(b.ptr, "一二三四五六七八\n");
	textout_free(&t);
	buf_free(&b);
}

/* Prefixes count towards the width; wrapped lines keep the stack's. */
static void
test_wrap_with_prefixes(void **state)
{
	struct buf	 b = BUF_INIT;
	struct textout	 t;
	(void)state;
	textout_init(&t, &b, 8);
	textout_push(&t, SP, SP);
	block(&t, SP SP, "", "一二三四");
	assert_string_equal(b.ptr, SP SP SP "一\n" SP "二三四\n");
	textout_push(&t, SP, SP);
	block(&t, SP SP, "", "一二三四五六");
	textout_pop(&t);
	textout_pop(&t);
	/* A line takes its first unit even when the prefixes fill it. */
	assert_string_equal(b.ptr, SP SP SP "一\n" SP "二三四\n"
	    "\n"
	    SP SP SP SP "一\n" SP SP "二三\n" SP SP "四五\n" SP SP "六\n");
	textout_free(&t);
	buf_free(&b);
}

static void
test_break_classes(void **state)
{
	(void)state;
	assert_true(textout_no_line_start(0x3002));	/* 。 */
	assert_true(textout_no_line_start(0xFF0C));	/* ， */
	assert_true(textout_no_line_start(0x201D));	/* ” */
	assert_true(textout_no_line_start('.'));
	assert_false(textout_no_line_start(0x4E00));	/* 一 */
	assert_false(textout_no_line_start(0x201C));	/* “ */
	assert_true(textout_no_line_end(0x201C));
	assert_true(textout_no_line_end(0xFF08));	/* （ */
	assert_true(textout_no_line_end(0x300A));	/* 《 */
	assert_false(textout_no_line_end(0x3002));
	assert_false(textout_no_line_end('a'));
}

/* Many levels: the stack grows. */
static void
test_deep_stack(void **state)
{
	struct buf	 b = BUF_INIT, want = BUF_INIT;
	struct textout	 t;
	int		 i;

	(void)state;
	textout_init(&t, &b, 0);
	for (i = 0; i < 40; i++) {
		textout_push(&t, ">", ">");
		BUF_PUTSL(&want, ">");
	}
	block(&t, " ", "", "深");
	BUF_PUTSL(&want, " 深\n");
	assert_string_equal(b.ptr, want.ptr);
	for (i = 0; i < 40; i++)
		textout_pop(&t);
	assert_int_equal(t.depth, 0);
	textout_free(&t);
	buf_free(&b);
	buf_free(&want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_nested_quotes),
		cmocka_unit_test(test_empty_lines),
		cmocka_unit_test(test_wrap_cjk),
		cmocka_unit_test(test_wrap_with_prefixes),
		cmocka_unit_test(test_break_classes),
		cmocka_unit_test(test_deep_stack),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
