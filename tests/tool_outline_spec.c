/*
 * tool_outline_spec: runs the examples of docs/outline.md, in the manner
 * of cmark's spec tests.  An example is
 *
 *	```````````````````````````````` example [text|md|html] [OPTION]
 *	input, as a file would hold it
 *	.
 *	expected tree, one JSON object per line
 *	````````````````````````````````
 *
 * OPTION is --outline=none or --levels=LIST.  The input goes through the
 * same pipeline as artconv's (reader, outline, typography); the tree is
 * written as JSON lines -- the metadata set ({"title": …}, {"subtitle":
 * …}, {"date": …}, {"author": …}, {"source": …}), then one line per top
 * block:
 *
 *	{"h": LEVEL, "label": "一、", "text": "…", "run_in": true}
 *	{"p": "…"}
 *	{"list": [["（一）", "…"], [null, "…"]]}   an item with points in its
 *		text: ["3.", "…一是…二是…", ["一是", "二是"]]
 *	{"points": ["一是", "二是"], "text": "…the whole paragraph…"}
 *	{"figure": "alt"}  {"rule": true}  {"quote": [ …blocks… ]}
 *	{"table": [["cell", …], …]}
 *
 *   tool_outline_spec [-v] FILE
 *
 * Prints each failing example with what it got; -v prints every result.
 * Exits 1 if any example fails or there are none.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#define FENCE	"````````````````````````````````"

static void
json_str(struct buf *out, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	buf_putc(out, '"');
	for (; *u != '\0'; u++) {
		if (*u == '"' || *u == '\\') {
			buf_putc(out, '\\');
			buf_putc(out, (char)*u);
		} else if (*u == '\n')
			BUF_PUTSL(out, "\\n");
		else if (*u < 0x20)
			buf_printf(out, "\\u%04x", *u);
		else
			buf_putc(out, (char)*u);
	}
	buf_putc(out, '"');
}

static void
json_text(struct buf *out, const struct node *n)
{
	struct buf	 t = BUF_INIT;

	node_text(n, &t);
	json_str(out, t.ptr != NULL ? t.ptr : "");
	buf_free(&t);
}

static void blocks(struct buf *out, const struct node *first, int top);

/* A point list's labels as a JSON array. */
static void
points_labels(struct buf *out, const struct node *list)
{
	const struct node	*c;
	int			 comma = 0;

	buf_putc(out, '[');
	for (c = list->first_child; c != NULL; c = c->next)
		if (c->type == NODE_POINT) {
			if (comma++)
				BUF_PUTSL(out, ", ");
			json_str(out, c->as.point.label);
		}
	buf_putc(out, ']');
}

/* A point list's whole text, labels included, as a JSON string. */
static void
points_text(struct buf *out, const struct node *list)
{
	const struct node	*c;
	struct buf		 t = BUF_INIT;

	for (c = list->first_child; c != NULL; c = c->next) {
		if (c->type == NODE_POINT)
			buf_puts(&t, c->as.point.label);
		node_text(c, &t);
	}
	json_str(out, t.ptr != NULL ? t.ptr : "");
	buf_free(&t);
}

static void
block(struct buf *out, const struct node *n)
{
	const struct node *c, *d;
	int		 comma;

	switch (n->type) {
	case NODE_HEADING:
		buf_printf(out, "{\"h\": %d", n->as.heading.level);
		if (n->as.heading.label != NULL) {
			BUF_PUTSL(out, ", \"label\": ");
			json_str(out, n->as.heading.label);
		}
		BUF_PUTSL(out, ", \"text\": ");
		json_text(out, n);
		if (n->as.heading.run_in)
			BUF_PUTSL(out, ", \"run_in\": true");
		buf_putc(out, '}');
		break;
	case NODE_PARAGRAPH:
		BUF_PUTSL(out, "{\"p\": ");
		json_text(out, n);
		buf_putc(out, '}');
		break;
	case NODE_LIST:
		BUF_PUTSL(out, "{\"list\": [");
		for (c = n->first_child, comma = 0; c != NULL; c = c->next) {
			buf_puts(out, comma++ ? ", [" : "[");
			if (c->as.item.label != NULL)
				json_str(out, c->as.item.label);
			else
				BUF_PUTSL(out, "null");
			BUF_PUTSL(out, ", ");
			if (c->first_child != NULL &&
			    c->first_child->type == NODE_POINT_LIST) {
				/* An item whose text has points. */
				points_text(out, c->first_child);
				BUF_PUTSL(out, ", ");
				points_labels(out, c->first_child);
			} else
				json_text(out, c);
			buf_putc(out, ']');
		}
		BUF_PUTSL(out, "]}");
		break;
	case NODE_POINT_LIST:
		BUF_PUTSL(out, "{\"points\": ");
		points_labels(out, n);
		BUF_PUTSL(out, ", \"text\": ");
		points_text(out, n);
		buf_putc(out, '}');
		break;
	case NODE_FIGURE:
		BUF_PUTSL(out, "{\"figure\": ");
		json_str(out, n->as.figure.alt != NULL ? n->as.figure.alt : "");
		buf_putc(out, '}');
		break;
	case NODE_RULE:
		BUF_PUTSL(out, "{\"rule\": true}");
		break;
	case NODE_QUOTE:
		BUF_PUTSL(out, "{\"quote\": [");
		blocks(out, n->first_child, 0);
		BUF_PUTSL(out, "]}");
		break;
	case NODE_TABLE:
		BUF_PUTSL(out, "{\"table\": [");
		for (c = n->first_child; c != NULL; c = c->next) {
			buf_puts(out, c != n->first_child ? ", [" : "[");
			for (d = c->first_child; d != NULL; d = d->next) {
				if (d != c->first_child)
					BUF_PUTSL(out, ", ");
				json_text(out, d);
			}
			buf_putc(out, ']');
		}
		BUF_PUTSL(out, "]}");
		break;
	default:
		BUF_PUTSL(out, "{\"other\": ");
		json_text(out, n);
		buf_putc(out, '}');
		break;
	}
}

static void
blocks(struct buf *out, const struct node *first, int top)
{
	const struct node *n;

	for (n = first; n != NULL; n = n->next) {
		if (!top && n != first)
			BUF_PUTSL(out, ", ");
		block(out, n);
		if (top)
			buf_putc(out, '\n');
	}
}

static void
dump(const struct doc *doc, struct buf *out)
{
	static const enum meta_key keys[] = {
		META_TITLE, META_SUBTITLE, META_KICKER, META_DATE, META_AUTHOR,
		META_SOURCE
	};
	size_t	 i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (doc->meta[keys[i]] != NULL) {
			buf_printf(out, "{\"%s\": ", meta_key_name[keys[i]]);
			json_str(out, doc->meta[keys[i]]);
			BUF_PUTSL(out, "}\n");
		}
	blocks(out, doc->root->first_child, 1);
}

/* Runs one example; returns 1 if it passes. */
static int
run(const char *args, const char *input, size_t ilen, const char *expect,
    size_t elen, unsigned int line, int verbose)
{
	struct pipeline_opts po;
	struct diag	 d;
	struct doc	*doc = NULL;
	struct buf	 got = BUF_INIT;
	char		 reader[16] = "text", opt[256] = "";
	int		 ok;

	memset(&po, 0, sizeof(po));
	sscanf(args, "%15s %255s", reader, opt);
	if ((po.reader = reader_find(reader)) == NULL) {
		printf("example at line %u: unknown reader \"%s\"\n", line,
		    reader);
		return 0;
	}
	po.read.max_depth = 128;
	if (strcmp(opt, "--outline=none") == 0)
		po.read.outline.mode = OUTLINE_NONE;
	else if (strncmp(opt, "--levels=", 9) == 0)
		po.read.outline.levels = opt + 9;
	else if (opt[0] != '\0') {
		printf("example at line %u: unknown option \"%s\"\n", line,
		    opt);
		return 0;
	}
	diag_init(&d, 1);
	if (pipeline_read(input, ilen, &po, &doc, &d) != 0) {
		printf("example at line %u: %s\n", line,
		    diag_last_error(&d) ? diag_last_error(&d) : "failed");
		diag_free(&d);
		return 0;
	}
	dump(doc, &got);
	ok = got.len == elen && memcmp(got.ptr, expect, elen) == 0;
	if (!ok || verbose) {
		printf("example at line %u: %s\n", line, ok ? "ok" : "FAILED");
		if (!ok) {
			size_t k;

			printf("--- input\n%.*s--- expected\n%.*s--- got\n%s",
			    (int)ilen, input, (int)elen, expect,
			    got.ptr != NULL ? got.ptr : "");
			printf("--- how it was read (-v)\n");
			for (k = 0; k < d.n; k++)
				printf("  %s\n", d.msgs[k].text);
		}
	}
	doc_free(doc);
	diag_free(&d);
	buf_free(&got);
	return ok;
}

static unsigned int
line_of(const char *start, const char *p)
{
	unsigned int	 line = 1;

	for (; start < p; start++)
		line += *start == '\n';
	return line;
}

int
main(int argc, char *argv[])
{
	char		*md, *p, *end, *nl, *dot, *close, *e;
	size_t		 len, total = 0, passed = 0, n;
	int		 verbose = 0, c;

	while ((c = getopt(argc, argv, "v")) != -1) {
		if (c == 'v')
			verbose = 1;
		else
			return 2;
	}
	if (optind != argc - 1) {
		fprintf(stderr, "usage: tool_outline_spec [-v] FILE\n");
		return 2;
	}
	if ((md = tu_slurp(argv[optind], &len)) == NULL) {
		fprintf(stderr, "tool_outline_spec: %s: cannot read\n",
		    argv[optind]);
		return 2;
	}
	end = md + len;
	for (p = md; p < end; p = nl + 1) {
		char	 args[300];

		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			break;
		if (strncmp(p, FENCE " example", sizeof(FENCE) + 7) != 0)
			continue;
		n = (size_t)(nl - p) - (sizeof(FENCE) + 7);
		if (n >= sizeof(args))
			n = sizeof(args) - 1;
		memcpy(args, p + sizeof(FENCE) + 7, n);
		args[n] = '\0';
		total++;
		/* The input ends at a line ".", the expectation at a fence. */
		close = NULL;
		for (dot = nl + 1; dot + 1 < end; dot = e + 1) {
			if (dot[0] == '.' && dot[1] == '\n') {
				close = strstr(dot, "\n" FENCE);
				break;
			}
			e = memchr(dot, '\n', (size_t)(end - dot));
			if (e == NULL)
				break;
		}
		if (close == NULL) {
			printf("example at line %u: not closed\n",
			    line_of(md, p));
			break;
		}
		passed += run(args, nl + 1, (size_t)(dot - nl - 1), dot + 2,
		    (size_t)(close + 1 - (dot + 2)), line_of(md, p), verbose);
		if ((nl = memchr(close + 1, '\n', (size_t)(end - close - 1))) ==
		    NULL)
			break;
	}
	printf("outline spec: %zu examples, %zu passed, %zu failed\n", total,
	    passed, total - passed);
	free(md);
	return total > 0 && passed == total ? 0 : 1;
}
