/*
 * tool_corpus_score: reads every article listed in CORPUS/EXPECTED.tsv the
 * way artconv does and compares what it recognised with what a careful
 * reader sees: the title, the number of level-1 and level-2 headings and
 * the number of inline points.  Prints a score table.
 *
 *   tool_corpus_score [-k KIND] [-s] CORPUS
 *
 * -k limits the run to one kind (text, html, markdown).  -s is strict:
 * exit 1 unless every file is exact.  Without -s only the project's own
 * sample (000-seed.txt) must be exact, and no file may fail to convert.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "html_text.h"

#define SEED "000-seed.txt"

static size_t
count_headings(const struct doc *doc, int level)
{
	struct iter	 it;
	size_t		 n = 0;

	iter_init(&it, doc->root);
	while (iter_next(&it) != ITER_DONE)
		if (it.event == ITER_ENTER && it.node->type == NODE_HEADING &&
		    it.node->as.heading.level == level)
			n++;
	return n;
}

int
main(int argc, char *argv[])
{
	const char	*corpus, *kind = NULL;
	char		*tsv, *line, *save = NULL, path[4096];
	size_t		 len, files = 0, exact = 0, titles = 0, counts = 0;
	size_t		 points_ok = 0;
	int		 strict = 0, rc = 0, c;

	while ((c = getopt(argc, argv, "k:s")) != -1) {
		if (c == 'k')
			kind = optarg;
		else if (c == 's')
			strict = 1;
		else
			return 2;
	}
	if (optind != argc - 1) {
		fprintf(stderr, "usage: tool_corpus_score [-k KIND] [-s] "
		    "CORPUS\n");
		return 2;
	}
	corpus = argv[optind];
	snprintf(path, sizeof(path), "%s/EXPECTED.tsv", corpus);
	if ((tsv = tu_slurp(path, &len)) == NULL) {
		fprintf(stderr, "tool_corpus_score: %s: cannot read\n", path);
		return 2;
	}
	printf("%-42s %-5s %-9s %-9s %-9s %s\n", "file", "title", "L1 got/exp",
	    "L2", "points", "");
	for (line = strtok_r(tsv, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char		*field[11] = { 0 }, *p = line, *data;
		int		 nf = 0;
		size_t		 dlen, l1, l2, pts;
		long		 e1, e2, ep;
		struct pipeline_opts po;
		struct diag	 d;
		struct doc	*doc = NULL;
		struct buf	 a = BUF_INIT, b = BUF_INIT;
		int		 title_ok, all_ok;

		if (strncmp(line, "file\t", 5) == 0)
			continue;
		while (nf < 11) {
			field[nf++] = p;
			if ((p = strchr(p, '\t')) == NULL)
				break;
			*p++ = '\0';
		}
		if (nf < 10 || (kind != NULL && strcmp(field[4], kind) != 0))
			continue;
		e1 = strtol(field[7], NULL, 10);
		e2 = strtol(field[8], NULL, 10);
		ep = strtol(field[9], NULL, 10);
		snprintf(path, sizeof(path), "%s/%s", corpus, field[0]);
		if ((data = tu_slurp(path, &dlen)) == NULL) {
			printf("%-42s missing\n", field[0]);
			rc = 1;
			continue;
		}
		memset(&po, 0, sizeof(po));
		po.read.filename = path;
		po.read.max_depth = 128;
		diag_init(&d, 0);
		files++;
		if (pipeline_read(data, dlen, &po, &doc, &d) != 0) {
			printf("%-42s FAILED: %s\n", field[0],
			    diag_last_error(&d) ? diag_last_error(&d) : "?");
			rc = 1;
			diag_free(&d);
			free(data);
			continue;
		}
		/*
		 * Titles compare folded: the typography pass turns the
		 * seed's "," into "，".
		 */
		ht_fold(field[6], &a);
		if (doc->meta[META_TITLE] != NULL)
			ht_fold(doc->meta[META_TITLE], &b);
		title_ok = a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
		l1 = count_headings(doc, 1);
		l2 = count_headings(doc, 2);
		pts = node_count(doc->root, NODE_POINT);
		all_ok = title_ok && (long)l1 == e1 && (long)l2 == e2 &&
		    (long)pts == ep;
		titles += title_ok;
		counts += (long)l1 == e1 && (long)l2 == e2;
		points_ok += (long)pts == ep;
		exact += all_ok;
		printf("%-42s %-5s %4zu/%-4ld %4zu/%-4ld %4zu/%-4ld %s\n",
		    field[0], title_ok ? "ok" : "MISS", l1, e1, l2, e2, pts,
		    ep, all_ok ? "exact" : "");
		if (!title_ok)
			printf("%42s got \"%s\"\n", "",
			    doc->meta[META_TITLE] ? doc->meta[META_TITLE] :
			    "(none)");
		if (!all_ok && (strict || strcmp(field[0], SEED) == 0))
			rc = 1;
		doc_free(doc);
		diag_free(&d);
		buf_free(&a);
		buf_free(&b);
		free(data);
	}
	printf("score: %zu files, titles %zu/%zu, heading counts %zu/%zu, "
	    "point counts %zu/%zu, exact %zu/%zu\n", files, titles, files,
	    counts, files, points_ok, files, exact, files);
	free(tsv);
	return rc;
}
