/*
 * tool_roundtrip: does a Word file made from an article read back as the
 * article?
 *
 *   tool_roundtrip ORIGINAL PRODUCER=FILE.docx ...
 *
 * Reads ORIGINAL as artconv does, then each DOCX (written from it by
 * PRODUCER: artconv, pandoc, LibreOffice …) through the docx reader, and
 * prints one line per DOCX: the title read back (same or what differs),
 * the number of headings at each level (original / read back), the
 * characters of the original's body missing from the DOCX's tree, in
 * order (white space and ASCII punctuation ignored, full-width forms
 * equal to ASCII: tu_seq in testutil.h), and the milliseconds the read
 * took.  Exits 1 if any title, heading count or character differs.
 *
 * A title that differs only in white space is the same title: the DOCX
 * writer breaks a long title into lines where its parts meet, and the
 * space between two parts becomes that line break (GB/T 9704 7.3.1), so
 * it cannot come back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>

#include "testutil.h"

static struct doc *
read_file(const char *path, const char *stem, double *ms)
{
	struct pipeline_opts	 po;
	struct diag		 d;
	struct doc		*doc = NULL;
	struct timespec		 a, b;
	size_t			 len;
	char			*data = tu_slurp(path, &len);

	if (data == NULL)
		return NULL;
	memset(&po, 0, sizeof(po));
	po.read.filename = path;
	po.fallback_title = stem;
	po.read.max_depth = 128;
	diag_init(&d, 0);
	clock_gettime(CLOCK_MONOTONIC, &a);
	if (pipeline_read(data, len, &po, &doc, &d) != 0) {
		printf("%s: not read: %s\n", path, diag_last_error(&d));
		doc = NULL;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	if (ms != NULL)
		*ms = (double)(b.tv_sec - a.tv_sec) * 1e3 +
		    (double)(b.tv_nsec - a.tv_nsec) / 1e6;
	diag_free(&d);
	free(data);
	return doc;
}

/* "3+12+4": headings per level, deepest used level last. */
static void
heading_counts(const struct doc *doc, char *out, size_t size)
{
	struct iter	 it;
	int		 n[7] = { 0 }, deepest = 0, k;
	size_t		 used = 0;

	iter_init(&it, doc->root);
	while (iter_next(&it) != ITER_DONE)
		if (it.event == ITER_ENTER && it.node->type == NODE_HEADING) {
			k = it.node->as.heading.level;
			if (k < 1)
				k = 1;
			if (k > 6)
				k = 6;
			n[k]++;
			if (k > deepest)
				deepest = k;
		}
	out[0] = '\0';
	if (deepest == 0)
		snprintf(out, size, "0");
	for (k = 1; k <= deepest && used < size; k++)
		used += (size_t)snprintf(out + used, size - used, "%s%d",
		    k > 1 ? "+" : "", n[k]);
}

/* Advances past ASCII white space and U+3000 IDEOGRAPHIC SPACE. */
static const char *
skip_spaces(const char *s)
{
	for (;;) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else
			return s;
	}
}

/* Are a and b the same text but for white space? */
static int
same_but_spaces(const char *a, const char *b)
{
	for (;;) {
		a = skip_spaces(a);
		b = skip_spaces(b);
		if (*a != *b)
			return 0;
		if (*a == '\0')
			return 1;
		a++;
		b++;
	}
}

int
main(int argc, char *argv[])
{
	struct doc	*orig, *back;
	struct tu_seq	 ref = { 0 };
	struct buf	 t = BUF_INIT;
	char		 ho[64], hb[64];
	const char	*title, *base;
	char		*stem;
	double		 ms;
	int		 a, rc = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: tool_roundtrip ORIGINAL "
		    "PRODUCER=FILE.docx ...\n");
		return 2;
	}
	xmlInitParser();
	/* As the CLI does: the file's name when the article has no title. */
	base = strrchr(argv[1], '/') != NULL ? strrchr(argv[1], '/') + 1 :
	    argv[1];
	stem = xstrdup(base);
	if (strrchr(stem, '.') != NULL)
		*strrchr(stem, '.') = '\0';
	if ((orig = read_file(argv[1], stem, NULL)) == NULL)
		return 1;
	tu_tree_text(orig, &t);
	tu_seq_add(&ref, t.ptr, t.len);
	heading_counts(orig, ho, sizeof(ho));
	title = orig->meta[META_TITLE] != NULL ? orig->meta[META_TITLE] : "";
	for (a = 2; a < argc; a++) {
		const char	*eq = strchr(argv[a], '=');
		const char	*file = eq != NULL ? eq + 1 : argv[a];
		const char	*back_title;
		struct tu_seq	 got = { 0 };
		size_t		 lost;
		int		 same;

		if ((back = read_file(file, NULL, &ms)) == NULL) {
			rc = 1;
			continue;
		}
		buf_truncate(&t, 0);
		/* The head counts too: some producers put the title in it. */
		tu_tree_text(back, &t);
		tu_seq_add(&got, t.ptr, t.len);
		heading_counts(back, hb, sizeof(hb));
		back_title = back->meta[META_TITLE] != NULL ?
		    back->meta[META_TITLE] : "";
		same = strcmp(title, back_title) == 0 ? 2 :
		    same_but_spaces(title, back_title);
		lost = tu_seq_lost(&ref, &got, "text");
		printf("%-12.*s %-28s title %s  headings %s/%s  %zu lost  "
		    "%.1f ms\n", eq != NULL ? (int)(eq - argv[a]) : 4,
		    eq != NULL ? argv[a] : "docx", strrchr(argv[1], '/') ?
		    strrchr(argv[1], '/') + 1 : argv[1], same == 2 ? "same" :
		    same ? "same but for spaces" : "DIFFERS", ho, hb, lost,
		    ms);
		if (!same) {
			printf("  title: \"%s\" read back as \"%s\"\n", title,
			    back->meta[META_TITLE] != NULL ?
			    back->meta[META_TITLE] : "(none)");
			rc = 1;
		}
		if (strcmp(ho, hb) != 0 || lost > 0)
			rc = 1;
		free(got.v);
		doc_free(back);
	}
	free(ref.v);
	buf_free(&t);
	doc_free(orig);
	free(stem);
	return rc;
}
