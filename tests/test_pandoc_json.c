/* Unit tests: formats/pandoc_json.c (pandoc's JSON AST). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

/* ------------------------------------------- a strict JSON recogniser */

static const char *json_value(const char *p, int depth);

static const char *
ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

static const char *
json_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	while (*p != '"') {
		if ((unsigned char)*p < 0x20)
			return NULL;	/* raw control character */
		if (*p == '\\') {
			p++;
			if (*p == 'u') {
				int i;

				for (i = 1; i <= 4; i++)
					if (strchr("0123456789abcdefABCDEF",
					    p[i]) == NULL || p[i] == '\0')
						return NULL;
				p += 4;
			} else if (strchr("\"\\/bfnrt", *p) == NULL ||
			    *p == '\0')
				return NULL;
		}
		p++;
	}
	return p + 1;
}

static const char *
json_list(const char *p, char close, int object, int depth)
{
	p = ws(p + 1);
	if (*p == close)
		return p + 1;
	for (;;) {
		if (object) {
			if ((p = json_string(ws(p))) == NULL)
				return NULL;
			p = ws(p);
			if (*p++ != ':')
				return NULL;
		}
		if ((p = json_value(p, depth + 1)) == NULL)
			return NULL;
		p = ws(p);
		if (*p == close)
			return p + 1;
		if (*p++ != ',')
			return NULL;
	}
}

static const char *
json_value(const char *p, int depth)
{
	p = ws(p);
	if (depth > 100000)
		return NULL;
	if (*p == '{')
		return json_list(p, '}', 1, depth);
	if (*p == '[')
		return json_list(p, ']', 0, depth);
	if (*p == '"')
		return json_string(p);
	if (strncmp(p, "null", 4) == 0)
		return p + 4;
	if (*p >= '0' && *p <= '9') {
		while (*p >= '0' && *p <= '9')
			p++;
		return p;
	}
	return NULL;
}

static void
assert_json(const char *s)
{
	const char	*end = json_value(s, 0);

	if (end == NULL || *ws(end) != '\0')
		fail_msg("not JSON near byte %ld: %.80s", end ? (long)(end -
		    s) : -1L, end ? end : s);
}

/* ------------------------------------------------------------ tests */

static char *
render(const char *article, const char *reader, struct render_opts *o)
{
	struct doc	*doc = tu_read(article, reader);
	char		*out;

	assert_non_null(doc);
	out = tu_render(doc, "pandoc-json", o, NULL);
	assert_non_null(out);
	assert_json(out);
	doc_free(doc);
	return out;
}

static void
assert_has(const char *hay, const char *needle)
{
	if (strstr(hay, needle) == NULL)
		fail_msg("missing %s in %.400s", needle, hay);
}

static void
test_sample(void **state)
{
	char		*src = tu_slurp("fixtures/sample.txt", NULL), *out;
	struct doc	*doc;
	const char	*p;
	size_t		 n = 0;

	(void)state;
	assert_non_null(src);
	doc = tu_read(src, NULL);
	out = tu_render(doc, "pandoc-json", NULL, NULL);
	assert_json(out);
	assert_true(strncmp(out, "{\"pandoc-api-version\":[1,22,2,1],", 33)
	    == 0);
	assert_has(out, "\"title\":{\"t\":\"MetaInlines\"");
	assert_has(out, "\"lang\":{\"t\":\"MetaString\",\"c\":\"zh-CN\"}");
	assert_has(out, "\"date\":{\"t\":\"MetaInlines\",\"c\":[{\"t\":\"Str\","
	    "\"c\":\"2021-10-14\"},{\"t\":\"Space\"},{\"t\":\"Str\","
	    "\"c\":\"14:46\"}]}");
	/* Five level-1 headings with their labels. */
	for (p = out; (p = strstr(p, "{\"t\":\"Header\",\"c\":[1,")) != NULL;
	    p++)
		n++;
	assert_int_equal(n, 5);
	assert_has(out, "[[\"label\",\"一、\"]]],[{\"t\":\"Str\",\"c\":\"一、添彩");
	/* Points: one paragraph, a Span per point, the lead bold. */
	assert_has(out, "{\"t\":\"Div\",\"c\":[[\"\",[\"points\"],[]],"
	    "[{\"t\":\"Para\",\"c\":[{\"t\":\"Span\",\"c\":[[\"\",[\"point\"],"
	    "[[\"label\",\"一是\"]]],[{\"t\":\"Strong\",\"c\":[{\"t\":\"Str\","
	    "\"c\":\"一是注重党建引领。\"}]}");
	free(out);
	doc_free(doc);
	free(src);
}

static void
test_points_split_plain(void **state)
{
	struct render_opts	 o = tu_opts();
	char			*out;

	(void)state;
	o.points = POINTS_SPLIT;
	o.bold_leads = 0;
	out = render("标题\n\n一、总体要求\n\n主要有：一是加强领导。要落实。二是"
	    "健全机制。要完善。\n", NULL, &o);
	assert_has(out, "{\"t\":\"Div\",\"c\":[[\"\",[\"point\"],[[\"label\","
	    "\"一是\"]]],[{\"t\":\"Para\",\"c\":[{\"t\":\"Span\",\"c\":[[\"\","
	    "[\"lead\"],[]],[{\"t\":\"Str\",\"c\":\"一是加强领导。\"}]]}");
	free(out);
}

static void
test_escaping(void **state)
{
	struct doc	*doc = doc_new();
	struct node	*p = node_new(NODE_PARAGRAPH), *link;
	const char	*t = "a \"q\" b\\c\x01 \t d";
	char		*out;

	(void)state;
	doc_set_meta(doc, META_TITLE, "T\"itle");
	node_append_text(p, t, strlen(t));
	link = node_new(NODE_LINK);
	link->as.link.url = xstrdup("http://x.cn/?a=\"1\"");
	node_append_text(link, "链接", strlen("链接"));
	node_append(p, link);
	node_append(doc->root, p);
	out = tu_render(doc, "pandoc-json", NULL, NULL);
	assert_json(out);
	assert_has(out, "{\"t\":\"Str\",\"c\":\"\\\"q\\\"\"},{\"t\":\"Space\"},"
	    "{\"t\":\"Str\",\"c\":\"b\\\\c\\u0001\"},{\"t\":\"Space\"},"
	    "{\"t\":\"Str\",\"c\":\"d\"}");
	assert_has(out, "{\"t\":\"Link\",\"c\":[[\"\",[],[]],[{\"t\":\"Str\","
	    "\"c\":\"链接\"}],[\"http://x.cn/?a=\\\"1\\\"\",\"\"]]}");
	assert_has(out, "\"T\\\"itle\"");
	free(out);
	doc_free(doc);
}

/* Odd shapes: empty items and spans, header-only tables, deep nesting. */
static void
test_shapes(void **state)
{
	struct doc	*doc = doc_new();
	struct node	*list, *item, *table, *row, *cell, *q, *s, *fig;
	char		*out;
	int		 i;

	(void)state;
	list = node_new(NODE_LIST);
	list->as.list.ordered = 1;
	node_append(list, node_new(NODE_LIST_ITEM));
	item = node_new(NODE_LIST_ITEM);
	node_append(item, node_new(NODE_STRONG));
	node_append_text(item, "项", strlen("项"));
	node_append(list, item);
	node_append(doc->root, list);
	table = node_new(NODE_TABLE);
	row = node_new(NODE_TABLE_ROW);
	row->as.row.header = 1;
	cell = node_new(NODE_TABLE_CELL);
	node_append_text(cell, "甲", strlen("甲"));
	node_append(row, cell);
	node_append(row, node_new(NODE_TABLE_CELL));
	node_append(table, row);
	node_append(doc->root, table);
	node_append(doc->root, node_new(NODE_TABLE));
	node_append(doc->root, node_new(NODE_QUOTE));
	fig = node_new(NODE_FIGURE);
	fig->as.figure.src = xstrdup("a.png");
	fig->as.figure.alt = xstrdup("说明");
	node_append_text(fig, "图注", strlen("图注"));
	node_append(doc->root, fig);
	/* 3000 nested quotes and spans: no recursion in the writer. */
	q = doc->root;
	for (i = 0; i < 3000; i++) {
		struct node *inner = node_new(NODE_QUOTE);

		node_append(q, inner);
		q = inner;
	}
	s = node_new(NODE_PARAGRAPH);
	node_append(q, s);
	for (i = 0; i < 3000; i++) {
		struct node *inner = node_new(NODE_EMPH);

		node_append(s, inner);
		s = inner;
	}
	node_append_text(s, "深", strlen("深"));
	assert_int_equal(doc_check(doc), 0);
	out = tu_render(doc, "pandoc-json", NULL, NULL);
	assert_json(out);
	assert_has(out, "{\"t\":\"OrderedList\",\"c\":[[1,{\"t\":\"Decimal\"},"
	    "{\"t\":\"Period\"}],[[],[{\"t\":\"Plain\",\"c\":[{\"t\":\"Str\","
	    "\"c\":\"项\"}]}]]]}");
	assert_has(out, "[{\"t\":\"Plain\",\"c\":[{\"t\":\"Str\",\"c\":\"甲\"}]}]],"
	    "[[\"\",[],[]],{\"t\":\"AlignDefault\"},1,1,[]]]]]],[],");
	assert_has(out, "{\"t\":\"BlockQuote\",\"c\":[]}");
	assert_has(out, "{\"t\":\"Image\",\"c\":[[\"\",[],[[\"alt\",\"说明\"]]],"
	    "[{\"t\":\"Str\",\"c\":\"图注\"}],[\"a.png\",\"fig:\"]]}");
	assert_has(out, "{\"t\":\"Str\",\"c\":\"深\"}");
	free(out);
	doc_free(doc);
}

static void
test_combine(void **state)
{
	struct doc		*a = tu_read("甲文\n\n一、总则\n\n正文。\n", NULL);
	struct doc		*b = tu_read("乙文\n\n正文。\n", NULL);
	const struct doc	*docs[2] = { a, b };
	const struct writer	*w = writer_find("pandoc-json");
	struct render_opts	 o = tu_opts();
	struct buf		 out = BUF_INIT;

	(void)state;
	o.collection_title = "文集";
	assert_int_equal(w->render(docs, 2, &o, &out, NULL), 0);
	buf_putc(&out, '\0');
	assert_json(out.ptr);
	assert_has(out.ptr, "\"title\":{\"t\":\"MetaInlines\",\"c\":[{\"t\":"
	    "\"Str\",\"c\":\"文集\"}]}");
	assert_has(out.ptr, "{\"t\":\"Header\",\"c\":[1,[\"\",[\"article\"],[]],"
	    "[{\"t\":\"Str\",\"c\":\"甲文\"}]]}");
	assert_has(out.ptr, "{\"t\":\"Header\",\"c\":[2,[\"\",[],[[\"label\","
	    "\"一、\"]]]");
	buf_free(&out);
	doc_free(a);
	doc_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample),
		cmocka_unit_test(test_points_split_plain),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_combine),
	};

	return cmocka_run_group_tests_name("pandoc_json", tests, NULL, NULL);
}
