/* Unit tests: src/tree/doc.c (tree, containment, iterator, splitting). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

static struct node *
para(const char *text)
{
	struct node	*p = node_new(NODE_PARAGRAPH);

	node_append_text(p, text, strlen(text));
	return p;
}

static void
test_append_and_check(void **state)
{
	struct doc	*doc = doc_new();
	struct node	*p = para("正文"), *h = node_new(NODE_HEADING);

	(void)state;
	assert_int_equal(node_append(doc->root, h), 0);
	assert_int_equal(node_append(doc->root, p), 0);
	assert_ptr_equal(doc->root->first_child, h);
	assert_ptr_equal(doc->root->last_child, p);
	assert_ptr_equal(p->prev, h);
	assert_int_equal(doc_check(doc), 0);
	/* Already attached; block under inline; inline under document. */
	assert_int_equal(node_append(doc->root, p), -1);
	{
		struct node *strong = node_new(NODE_STRONG);
		struct node *q = node_new(NODE_PARAGRAPH);
		struct node *t = node_new_text("x", 1);

		assert_int_equal(node_append(strong, q), -1);
		assert_int_equal(node_append(doc->root, t), -1);
		node_free(strong);
		node_free(q);
		node_free(t);
	}
	doc_free(doc);
}

static void
test_append_text_merges(void **state)
{
	struct node	*p = node_new(NODE_PARAGRAPH);
	struct buf	 b = BUF_INIT;

	(void)state;
	node_append_text(p, "一是", strlen("一是"));
	node_append_text(p, "注重", strlen("注重"));
	assert_ptr_equal(p->first_child, p->last_child);
	node_text(p, &b);
	assert_string_equal(b.ptr, "一是注重");
	assert_int_equal(node_text_len(p), b.len);
	buf_free(&b);
	node_free(p);
}

static void
test_iterator_order(void **state)
{
	struct doc	*doc = doc_new();
	struct node	*p = node_new(NODE_PARAGRAPH), *s = node_new(NODE_STRONG);
	struct iter	 it;
	struct buf	 b = BUF_INIT;
	enum iter_event	 ev;

	(void)state;
	node_append_text(s, "B", 1);
	node_append_text(p, "A", 1);
	node_append(p, s);
	node_append_text(p, "C", 1);
	node_append(doc->root, p);
	node_append(doc->root, node_new(NODE_RULE));
	iter_init(&it, doc->root);
	while ((ev = iter_next(&it)) != ITER_DONE)
		buf_printf(&b, "%c%s ", ev == ITER_ENTER ? '+' : '-',
		    it.node->type == NODE_TEXT ? it.node->as.text :
		    node_type_name[it.node->type]);
	assert_string_equal(b.ptr, "+document +paragraph +A +strong +B "
	    "-strong +C -paragraph +rule -document ");
	/* Skipping children still delivers the exit. */
	buf_truncate(&b, 0);
	iter_init(&it, doc->root);
	while ((ev = iter_next(&it)) != ITER_DONE) {
		buf_printf(&b, "%c%s ", ev == ITER_ENTER ? '+' : '-',
		    node_type_name[it.node->type]);
		if (ev == ITER_ENTER && it.node->type == NODE_PARAGRAPH)
			iter_skip_children(&it);
	}
	assert_string_equal(b.ptr, "+document +paragraph -paragraph +rule "
	    "-document ");
	buf_free(&b);
	doc_free(doc);
}

/* The tree as "+type" / text tokens, for comparing shapes. */
static void
shape(const struct node *root, struct buf *b)
{
	struct iter	 it;

	buf_truncate(b, 0);
	iter_init(&it, root);
	while (iter_next(&it) != ITER_DONE)
		if (it.event == ITER_ENTER)
			buf_printf(b, "%s ", it.node->type == NODE_TEXT ?
			    it.node->as.text :
			    node_type_name[it.node->type]);
}

/* <li>甲<ul><li>乙</li></ul><br>丙<ol><li>丁</li></ol> <br></li> */
static void
test_wrap_item_tails(void **state)
{
	struct doc	*doc = doc_new();
	struct node	*list = node_new(NODE_LIST);
	struct node	*item = node_new(NODE_LIST_ITEM);
	struct node	*sub1 = node_new(NODE_LIST), *sub2 = node_new(NODE_LIST);
	struct node	*i1 = node_new(NODE_LIST_ITEM);
	struct node	*i2 = node_new(NODE_LIST_ITEM);
	struct buf	 b = BUF_INIT;

	(void)state;
	node_append_text(i1, "乙", strlen("乙"));
	node_append(sub1, i1);
	node_append_text(i2, "丁", strlen("丁"));
	node_append(sub2, i2);
	node_append_text(item, "甲", strlen("甲"));
	node_append(item, sub1);
	node_append(item, node_new(NODE_LINEBREAK));
	node_append_text(item, "丙", strlen("丙"));
	node_append(item, sub2);
	node_append_text(item, " ", 1);
	node_append(item, node_new(NODE_LINEBREAK));
	node_append(list, item);
	node_append(doc->root, list);
	/* Text after a block in an item breaks the contract... */
	assert_int_equal(doc_check(doc), -1);
	doc_wrap_item_tails(doc);
	/* ...and is wrapped, in order; the blank tail goes. */
	assert_int_equal(doc_check(doc), 0);
	shape(doc->root, &b);
	assert_string_equal(b.ptr, "document list list_item 甲 list "
	    "list_item 乙 paragraph 丙 list list_item 丁 ");
	/* A tree that keeps the contract is left alone. */
	doc_wrap_item_tails(doc);
	shape(doc->root, &b);
	assert_string_equal(b.ptr, "document list list_item 甲 list "
	    "list_item 乙 paragraph 丙 list list_item 丁 ");
	buf_free(&b);
	doc_free(doc);
}

static void
test_split_inlines(void **state)
{
	struct node	*p = node_new(NODE_PARAGRAPH), *s = node_new(NODE_STRONG);
	struct node	*tail;
	struct buf	 b = BUF_INIT;

	(void)state;
	/* "一是" + strong("注重党建") + "引领。" split inside the strong. */
	node_append_text(p, "一是", strlen("一是"));
	node_append_text(s, "注重党建", strlen("注重党建"));
	node_append(p, s);
	node_append_text(p, "引领。", strlen("引领。"));
	tail = node_split_inlines(p, strlen("一是注重"), NODE_PARAGRAPH);
	node_text(p, &b);
	assert_string_equal(b.ptr, "一是注重");
	buf_truncate(&b, 0);
	node_text(tail, &b);
	assert_string_equal(b.ptr, "党建引领。");
	assert_int_equal(tail->first_child->type, NODE_STRONG);
	assert_int_equal(p->last_child->type, NODE_STRONG);
	buf_free(&b);
	node_free(p);
	node_free(tail);
}

static void
test_trim(void **state)
{
	struct node	*p = para(" \xE3\x80\x80 正文\xC2\xA0 ");
	struct buf	 b = BUF_INIT;

	(void)state;
	node_trim_inlines(p);
	node_text(p, &b);
	assert_string_equal(b.ptr, "正文");
	buf_free(&b);
	node_free(p);
}

static void
test_deep_free(void **state)
{
	struct node	*root = node_new(NODE_QUOTE), *cur = root, *q;
	int		 i;

	(void)state;
	/* A million nested quotes: freeing must not recurse. */
	for (i = 0; i < 1000000; i++) {
		q = node_new(NODE_QUOTE);
		node_append(cur, q);
		cur = q;
	}
	node_free(root);
}

static void
test_meta(void **state)
{
	struct doc	*doc = doc_new();

	(void)state;
	assert_int_equal(meta_key_lookup("title"), META_TITLE);
	assert_int_equal(meta_key_lookup("source"), META_SOURCE);
	assert_int_equal(meta_key_lookup("nope"), -1);
	doc_set_meta(doc, META_TITLE, "标题");
	doc_set_meta(doc, META_TITLE, "新标题");
	assert_string_equal(doc->meta[META_TITLE], "新标题");
	doc_set_meta(doc, META_TITLE, NULL);
	assert_null(doc->meta[META_TITLE]);
	doc_free(doc);
	doc_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append_and_check),
		cmocka_unit_test(test_append_text_merges),
		cmocka_unit_test(test_iterator_order),
		cmocka_unit_test(test_wrap_item_tails),
		cmocka_unit_test(test_split_inlines),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_deep_free),
		cmocka_unit_test(test_meta),
	};

	return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}
