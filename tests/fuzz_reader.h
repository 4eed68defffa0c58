/*
 * The body shared by the per-reader libFuzzer targets (fuzz_read_*.c):
 * one reader, called directly on the fuzzer's bytes, must either fail
 * with a reason or build a tree that passes doc_check() (links and
 * nesting) and holds only valid UTF-8.  Anything else aborts, which libFuzzer reports.
 * These targets run far faster than fuzz_pipeline.c, which also renders
 * every format, so they reach deeper into each reader.
 */
#ifndef ARTCONV_FUZZ_READER_H
#define ARTCONV_FUZZ_READER_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/reader.h"
#include "tree/diag.h"
#include "tree/doc.h"
#include "tree/utf8.h"
#include "fuzz_common.h"

static int
fuzz_valid(const char *s)
{
	return s == NULL || utf8_valid(s, strlen(s));
}

/* Every string the tree holds is valid UTF-8. */
static int
fuzz_tree_utf8(const struct doc *doc)
{
	struct iter		 it;
	const struct node	*n;
	int			 k;

	for (k = 0; k < META__COUNT; k++)
		if (!fuzz_valid(doc->meta[k]))
			return 0;
	iter_init(&it, doc->root);
	while (iter_next(&it) != ITER_DONE) {
		n = it.node;
		if (it.event != ITER_ENTER)
			continue;
		if ((n->type == NODE_TEXT && !fuzz_valid(n->as.text)) ||
		    (n->type == NODE_HEADING &&
		    !fuzz_valid(n->as.heading.label)) ||
		    (n->type == NODE_POINT && !fuzz_valid(n->as.point.label)) ||
		    (n->type == NODE_LIST_ITEM &&
		    !fuzz_valid(n->as.item.label)))
			return 0;
	}
	return 1;
}

static int
fuzz_reader(const char *name, const uint8_t *data, size_t size)
{
	const struct reader	*r = reader_find(name);
	struct read_opts	 ro;
	struct diag		 d;
	struct doc		*doc = NULL;
	int			 rc;

	if (r == NULL)
		abort();
	/* The outline options, chosen by the input's length. */
	memset(&ro, 0, sizeof(ro));
	ro.max_depth = 128;
	ro.media = 1;
	if (size % 5 == 0)
		ro.outline.mode = OUTLINE_NONE;
	else if (size % 7 == 0)
		ro.outline.levels = "一、,（一）,1.,01";
	diag_init(&d, 1);
	rc = r->read((const char *)data, size, &ro, &doc, &d);
	if (rc == 0 ? doc == NULL || doc_check(doc) != 0 ||
	    !fuzz_tree_utf8(doc) :
	    doc != NULL || diag_last_error(&d) == NULL)
		abort();
	(void)r->sniff((const char *)data, size);
	doc_free(doc);
	diag_free(&d);
	return 0;
}

#endif
