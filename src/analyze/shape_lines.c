/*
 * The lines of a paragraph broken with <br> or Markdown hard breaks:
 * ruler lines (=====) become rules, enumerated lines become lists.
 */
#include <stdlib.h>
#include <string.h>

#include "tree/alloc.h"
#include "tree/buf.h"
#include "tree/utf8.h"
#include "shape_text.h"

/* --- lines of a paragraph ------------------------------------------------ */

/* Is the inline run [a, b) one line of ==== or ---- only? */
static int
rule_line(const struct node *a, const struct node *b)
{
	const char	*s;
	size_t		 i, marks = 0;
	char		 mark = 0;

	for (; a != b; a = a->next) {
		if (a->type != NODE_TEXT)
			return 0;
		for (s = a->as.text, i = 0; s[i] != '\0'; i++) {
			if (s[i] == ' ' || s[i] == '\t')
				continue;
			if ((s[i] != '=' && s[i] != '-' && s[i] != '*' &&
			    s[i] != '_') || (mark != 0 && s[i] != mark))
				return 0;
			mark = s[i];
			marks++;
		}
	}
	return marks >= 3;
}

/* Text of the inline run [a, b). */
static void
run_text(const struct node *a, const struct node *b, struct buf *out)
{
	for (; a != b; a = a->next)
		node_text(a, out);
}

/* Moves the run [a, b) into a new node of type t. */
static struct node *
take_run(struct node *a, struct node *b, enum node_type t)
{
	struct node	*n = node_new(t), *next;

	for (; a != b; a = next) {
		next = a->next;
		node_unlink(a);
		if (node_append(n, a) != 0)
			node_free(a);
	}
	return n;
}

struct line {
	struct node	*a, *b;		/* [a, b): the line's inlines */
	struct mark	 m;
	int		 marked;
};

/*
 * Splits paragraph p at its top-level line breaks into lines.  Returns
 * the number of lines (0 when a break is nested in a span).
 */
static size_t
split_lines(struct node *p, struct line **out)
{
	struct line	*v = NULL;
	struct node	*c, *a = p->first_child;
	size_t		 n = 0, cap = 0;

	for (c = p->first_child;; c = c->next) {
		if (c != NULL && c->type != NODE_LINEBREAK) {
			if (ht_has_break(c)) {
				free(v);
				return 0;
			}
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		memset(&v[n], 0, sizeof(v[n]));
		v[n].a = a;
		v[n].b = c;
		n++;
		if (c == NULL)
			break;
		a = c->next;
	}
	*out = v;
	return n;
}

/* Paragraph lines of ==== become rules; the lines between stay together. */
static void
split_rules(struct node *p)
{
	struct line	*v;
	struct node	*x, *k;
	size_t		 n, i, j, rules = 0;

	if ((n = split_lines(p, &v)) < 1)
		return;
	for (i = 0; i < n; i++)
		rules += rule_line(v[i].a, v[i].b);
	if (rules == 0) {
		free(v);
		return;
	}
	for (i = 0; i < n; i = j) {
		if (rule_line(v[i].a, v[i].b)) {
			x = node_new(NODE_RULE);
			x->line = p->line;
			while (v[i].a != v[i].b) {
				k = v[i].a;
				v[i].a = k->next;
				node_free(k);
			}
			j = i + 1;
		} else {
			/* Up to the next rule line, breaks included. */
			for (j = i + 1; j < n && !rule_line(v[j].a, v[j].b);
			    j++)
				;
			x = take_run(v[i].a, v[j - 1].b, NODE_PARAGRAPH);
			x->line = p->line;
			x->rule = p->rule;
			while (x->last_child != NULL &&
			    x->last_child->type == NODE_LINEBREAK)
				node_free(x->last_child);
		}
		if (v[j - 1].b != NULL && v[j - 1].b->parent == p)
			node_free(v[j - 1].b);
		node_trim_text(x, uc_is_space);
		if (x->type == NODE_PARAGRAPH && x->first_child == NULL)
			node_free(x);
		else if (node_insert_before(p, x) != 0)
			node_free(x);
	}
	node_free(p);
	free(v);
}

/* Strips the marker (m.body bytes of text) from the start of a run. */
static void
strip_marker(struct node *item, size_t body)
{
	struct node	*t = item->first_child;
	struct node	*rest;

	if (t == NULL)
		return;
	rest = node_split_inlines(item, body, NODE_LIST_ITEM);
	while (item->first_child != NULL)
		node_free(item->first_child);
	node_move_children(item, rest);
	node_free(rest);
}

/* Enumerated lines ((1) (2) …, ① ②, • •) become a list. */
static void
split_list(struct node *p, struct diag *diag)
{
	struct line	*v;
	struct buf	 t = BUF_INIT;
	struct node	*list, *item, *intro;
	size_t		 n, i, from;
	int		 ok = 1;

	if ((n = split_lines(p, &v)) < 2)
		return;
	for (i = 0; i < n; i++) {
		buf_truncate(&t, 0);
		run_text(v[i].a, v[i].b, &t);
		v[i].marked = v[i].a != v[i].b && v[i].a->type == NODE_TEXT &&
		    ht_parse_mark(t.ptr, t.len, &v[i].m) &&
		    v[i].m.fam != M_CHAPTER && strlen(v[i].a->as.text) >=
		    v[i].m.body;
	}
	buf_free(&t);
	from = v[0].marked ? 0 : 1;
	if (n - from < 2)
		ok = 0;
	for (i = from; ok && i < n; i++) {
		if (!v[i].marked || v[i].m.fam != v[from].m.fam)
			ok = 0;
		else if (v[i].m.fam == M_BULLET ? v[i].m.sym != v[from].m.sym :
		    v[i].m.num != (int)(i - from) + 1)
			ok = 0;
	}
	if (!ok) {
		free(v);
		return;
	}
	if (from == 1) {
		intro = take_run(v[0].a, v[0].b, NODE_PARAGRAPH);
		intro->line = p->line;
		intro->rule = p->rule;
		node_trim_text(intro, uc_is_space);
		if (node_insert_before(p, intro) != 0)
			node_free(intro);
	}
	list = node_new(NODE_LIST);
	list->as.list.ordered = v[from].m.fam != M_BULLET;
	list->line = p->line;
	list->rule = "lines with enumerators: list";
	for (i = from; i < n; i++) {
		char *label = xstrndup(v[i].a->as.text, v[i].m.len);

		item = take_run(v[i].a, v[i].b, NODE_LIST_ITEM);
		strip_marker(item, v[i].m.body);
		node_trim_text(item, uc_is_space);
		while (strlen(label) > 0 && label[strlen(label) - 1] == ' ')
			label[strlen(label) - 1] = '\0';
		item->as.item.label = label;
		item->line = p->line;
		if (node_append(list, item) != 0)
			node_free(item);
	}
	diag_note(diag, "line %u: %zu enumerated lines form a list", p->line,
	    n - from);
	if (node_insert_before(p, list) != 0)
		node_free(list);
	node_free(p);
	free(v);
}

/*
 * A numbered heading on the first line of a paragraph whose other lines
 * are its text ("<p>2、安全教育<br>请家长切实履行……</p>"): pages typed
 * into a plain editor put a section's heading and its text in one
 * paragraph, broken where the heading line ends.  The heading line
 * becomes a paragraph of its own, so that it reads as a stand-alone
 * heading; the marker must be an outline number (一、 （一） 1、 （1）),
 * the line heading-shaped (at most 30 characters, no sentence mark in
 * it), and the lines after it longer text that ends a sentence.
 */
static void
split_head_line(struct node *p, struct diag *diag)
{
	struct line	*v;
	struct buf	 t = BUF_INIT;
	struct node	*head;
	struct mark	 m;
	size_t		 n, start, head_chars;
	int		 ok;

	if ((n = split_lines(p, &v)) < 2)
		return;
	run_text(v[0].a, v[0].b, &t);
	head_chars = utf8_count(t.ptr, t.len);
	ok = v[0].a != v[0].b && v[0].a->type == NODE_TEXT &&
	    ht_parse_mark(t.ptr, t.len, &m) && (m.fam == M_CN ||
	    m.fam == M_CN_PAREN || m.fam == M_NUM || m.fam == M_NUM_PAREN) &&
	    ht_shaped(t.ptr + m.body, t.len - m.body, 30, 1, 1);
	if (ok) {
		buf_truncate(&t, 0);
		run_text(v[1].a, v[n - 1].b, &t);
		start = 0;
		ok = utf8_count(t.ptr, t.len) > head_chars &&
		    ht_ends_sentence(t.ptr, utf8_trim(t.ptr, t.len, &start) +
		    start);
	}
	buf_free(&t);
	if (!ok) {
		free(v);
		return;
	}
	head = take_run(v[0].a, v[0].b, NODE_PARAGRAPH);
	head->line = p->line;
	head->rule = p->rule;
	node_trim_text(head, uc_is_space);
	node_free(v[0].b);		/* the break after the heading */
	node_trim_text(p, uc_is_space);
	if (node_insert_before(p, head) != 0)
		node_free(head);
	diag_note(diag, "line %u: a numbered heading line above its text in "
	    "one paragraph: a paragraph of its own", p->line);
	free(v);
	/* The text may end in enumerated lines: "…物品：<br>（1）…<br>（2）…". */
	if (ht_has_break(p))
		split_list(p, diag);
}

void
shape_lines(struct doc *doc, struct diag *diag)
{
	struct node	*c, *next;

	for (c = doc->root->first_child; c != NULL; c = next) {
		next = c->next;
		if (c->type == NODE_PARAGRAPH && ht_has_break(c))
			split_rules(c);
	}
	for (c = doc->root->first_child; c != NULL; c = next) {
		next = c->next;
		if (c->type == NODE_PARAGRAPH && ht_has_break(c))
			split_list(c, diag);
	}
	for (c = doc->root->first_child; c != NULL; c = next) {
		next = c->next;
		if (c->type == NODE_PARAGRAPH && ht_has_break(c))
			split_head_line(c, diag);
	}
}
