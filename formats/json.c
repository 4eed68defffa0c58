/*
 * The document tree as JSON, for tooling and tests:
 *
 *   {"meta": {"title": …, "date": …, …},
 *    "blocks": [{"type": "heading", "line": 13, "rule": "…",
 *                "level": 1, "label": "一、", "text": "…"}, …]}
 *
 * Type names are node_type_name[] from src/tree/doc.h.  Every block has "type",
 * "line" (source line, 0 if unknown) and "rule" (why it was classified so).
 * paragraph: "text" (plain), plus "inlines" when it has formatting and
 * "role" ("docnum", "addressee", "salute", "signer" or "date") in a
 * letter's frame;
 * heading: "level", "label" (null when unnumbered), "text", "run_in";
 * point_list: "intro" (text before the first point, or null), "points";
 * point: "label", "lead", "text"; list: "ordered", "items";
 * list_item: "label", "text", "list" (nested, optional);
 * quote: "blocks"; table: "rows" of {"header", "cells": [text…]};
 * figure: "src", "alt", "caption"; rule: nothing more.
 * Several documents (--combine) give {"articles": [{"meta", "blocks"}…]}.
 * The README documents the schema.
 */
#include <string.h>

#include "tree/escape.h"
#include "common.h"

static void
json_string(struct buf *out, const char *s)
{
	if (s == NULL) {
		BUF_PUTSL(out, "null");
		return;
	}
	buf_putc(out, '"');
	esc_json(out, s, strlen(s));
	buf_putc(out, '"');
}

static void
json_text(struct buf *out, const struct node *n)
{
	struct buf	 b = BUF_INIT;

	plain_text(n, &b);
	buf_putc(out, '"');
	esc_json(out, b.ptr, b.len);
	buf_putc(out, '"');
	buf_free(&b);
}

/* Text of the children of n from first up to stop. */
static void
json_text_range(struct buf *out, const struct node *first,
    const struct node *stop)
{
	struct buf	 b = BUF_INIT;

	for (; first != NULL && first != stop; first = first->next)
		plain_text(first, &b);
	buf_putc(out, '"');
	esc_json(out, b.ptr, b.len);
	buf_putc(out, '"');
	buf_free(&b);
}

/* Does the inline content carry formatting beyond plain text? */
static int
formatted(const struct node *n)
{
	const struct node	*c;

	for (c = n->first_child; c != NULL; c = c->next)
		if (c->type != NODE_TEXT)
			return 1;
	return 0;
}

/* "inlines": the top-level inline nodes with their text. */
static void
json_inlines(struct buf *out, const struct node *n)
{
	const struct node	*c;

	BUF_PUTSL(out, ",\"inlines\":[");
	for (c = n->first_child; c != NULL; c = c->next) {
		if (c != n->first_child)
			buf_putc(out, ',');
		buf_printf(out, "{\"type\":\"%s\",\"text\":",
		    node_type_name[c->type]);
		if (c->type == NODE_TEXT)
			json_string(out, c->as.text);
		else if (c->type == NODE_LINEBREAK)
			BUF_PUTSL(out, "\"\\n\"");
		else
			json_text(out, c);
		if (c->type == NODE_LINK) {
			BUF_PUTSL(out, ",\"url\":");
			json_string(out, c->as.link.url);
		}
		buf_putc(out, '}');
	}
	buf_putc(out, ']');
}

static void
open_block(struct buf *out, const struct node *n)
{
	buf_printf(out, "{\"type\":\"%s\",\"line\":%u,\"rule\":",
	    node_type_name[n->type], n->line);
	json_string(out, n->rule);
}

/* Is n rendered as an element of its parent's array? */
static int
is_element(const struct node *n)
{
	/* A point list's intro paragraph is its "intro" field. */
	return !(n->type == NODE_PARAGRAPH && n->parent != NULL &&
	    n->parent->type == NODE_POINT_LIST);
}

static void
separator(struct buf *out, const struct node *n)
{
	const struct node	*p;

	for (p = n->prev; p != NULL; p = p->prev)
		if (is_element(p)) {
			BUF_PUTSL(out, ",\n");
			return;
		}
}

static void
json_blocks(struct buf *out, const struct node *root)
{
	struct iter		 it;
	const struct node	*n;
	enum iter_event		 ev;

	iter_init(&it, root);
	while ((ev = iter_next(&it)) != ITER_DONE) {
		n = it.node;
		if (n == root)
			continue;
		if (ev == ITER_EXIT) {
			switch (n->type) {
			case NODE_POINT_LIST:
			case NODE_LIST:
			case NODE_QUOTE:
			case NODE_TABLE:
				BUF_PUTSL(out, "]}");
				break;
			case NODE_LIST_ITEM:
				/* "blocks" is open if the item has any. */
				if (n->last_child != NULL &&
				    !node_is_inline(n->last_child))
					buf_putc(out, ']');
				buf_putc(out, '}');
				break;
			default:
				break;
			}
			continue;
		}
		if (node_is_inline(n) || !is_element(n)) {
			iter_skip_children(&it);
			continue;
		}
		if (n->parent->type == NODE_LIST_ITEM &&
		    (n->prev == NULL || node_is_inline(n->prev)))
			BUF_PUTSL(out, ",\"blocks\":[");
		else
			separator(out, n);
		open_block(out, n);
		switch (n->type) {
		case NODE_PARAGRAPH:
			BUF_PUTSL(out, ",\"text\":");
			json_text(out, n);
			if (formatted(n))
				json_inlines(out, n);
			if (n->as.para.role != PARA_TEXT)
				buf_printf(out, ",\"role\":\"%s\"",
				    n->as.para.role == PARA_DATE ? "date" :
				    n->as.para.role == PARA_SIGNER ? "signer" :
				    n->as.para.role == PARA_DOCNUM ? "docnum" :
				    n->as.para.role == PARA_SALUTE ? "salute" :
				    "addressee");
			buf_putc(out, '}');
			break;
		case NODE_HEADING:
			buf_printf(out, ",\"level\":%d,\"label\":",
			    n->as.heading.level);
			json_string(out, n->as.heading.label);
			BUF_PUTSL(out, ",\"text\":");
			json_text(out, n);
			buf_printf(out, ",\"run_in\":%s}",
			    n->as.heading.run_in ? "true" : "false");
			break;
		case NODE_POINT_LIST:
			BUF_PUTSL(out, ",\"intro\":");
			if (n->first_child != NULL &&
			    n->first_child->type == NODE_PARAGRAPH)
				json_text(out, n->first_child);
			else
				BUF_PUTSL(out, "null");
			BUF_PUTSL(out, ",\"points\":[");
			continue;	/* children follow */
		case NODE_POINT: {
			const struct node *lead = n->first_child;

			BUF_PUTSL(out, ",\"label\":");
			json_string(out, n->as.point.label);
			BUF_PUTSL(out, ",\"lead\":");
			if (lead != NULL && lead->type == NODE_POINT_LEAD) {
				json_text(out, lead);
				lead = lead->next;
			} else
				BUF_PUTSL(out, "\"\"");
			BUF_PUTSL(out, ",\"text\":");
			json_text_range(out, lead, NULL);
			buf_putc(out, '}');
			break;
		}
		case NODE_LIST:
			buf_printf(out, ",\"ordered\":%s,\"items\":[",
			    n->as.list.ordered ? "true" : "false");
			continue;
		case NODE_LIST_ITEM: {
			const struct node *c;

			BUF_PUTSL(out, ",\"label\":");
			json_string(out, n->as.item.label);
			for (c = n->first_child; c != NULL &&
			    node_is_inline(c); c = c->next)
				;
			BUF_PUTSL(out, ",\"text\":");
			json_text_range(out, n->first_child, c);
			continue;	/* nested lists and paragraphs may follow */
		}
		case NODE_QUOTE:
			BUF_PUTSL(out, ",\"blocks\":[");
			continue;
		case NODE_TABLE:
			BUF_PUTSL(out, ",\"rows\":[");
			continue;
		case NODE_TABLE_ROW: {
			const struct node *cell;

			buf_printf(out, ",\"header\":%s,\"cells\":[",
			    n->as.row.header ? "true" : "false");
			for (cell = n->first_child; cell; cell = cell->next) {
				if (cell != n->first_child)
					buf_putc(out, ',');
				json_text(out, cell);
			}
			BUF_PUTSL(out, "]}");
			break;
		}
		case NODE_FIGURE:
			BUF_PUTSL(out, ",\"src\":");
			json_string(out, n->as.figure.src);
			BUF_PUTSL(out, ",\"alt\":");
			json_string(out, n->as.figure.alt);
			BUF_PUTSL(out, ",\"caption\":");
			json_text(out, n);
			buf_putc(out, '}');
			break;
		default:
			buf_putc(out, '}');
			break;
		}
		iter_skip_children(&it);
	}
}

static void
json_doc(struct buf *out, const struct doc *doc)
{
	int	 i, first = 1;

	BUF_PUTSL(out, "{\"meta\":{");
	for (i = 0; i < META__COUNT; i++) {
		if (doc->meta[i] == NULL)
			continue;
		if (!first)
			buf_putc(out, ',');
		first = 0;
		json_string(out, meta_key_name[i]);
		buf_putc(out, ':');
		json_string(out, doc->meta[i]);
	}
	BUF_PUTSL(out, "},\n\"blocks\":[\n");
	json_blocks(out, doc->root);
	BUF_PUTSL(out, "\n]}");
}

static int
json_render(const struct doc *const *docs, size_t ndocs,
    const struct render_opts *opts, struct buf *out, struct diag *diag)
{
	size_t	 i;

	(void)opts;
	(void)diag;
	if (ndocs == 1)
		json_doc(out, docs[0]);
	else {
		BUF_PUTSL(out, "{\"title\":");
		json_string(out, opts->collection_title);
		BUF_PUTSL(out, ",\"articles\":[");
		for (i = 0; i < ndocs; i++) {
			if (i > 0)
				buf_putc(out, ',');
			json_doc(out, docs[i]);
		}
		BUF_PUTSL(out, "]}");
	}
	buf_putc(out, '\n');
	return 0;
}

const struct writer writer_json = {
	.name = "json",
	.extension = "json",
	.description = "the document tree as JSON (schema in the README)",
	.render = json_render,
};
