/*
 * Outline recognition: finds the structure a Chinese reader sees in plain
 * paragraphs and rewrites the tree accordingly.  Every reader runs it on
 * the paragraphs it produced, so a text file, a web page and a Markdown
 * file with the same article give the same tree.  docs/outline.md states
 * each rule with the writing convention it rests on and examples (which
 * tests/outline_spec.sh runs); the rule names below are what node->rule
 * holds, and "artconv -v" explains every decision.
 *
 * It works on the whole document in two passes, the way a reader does.
 *
 * First, evidence.  Every paragraph that could be a heading or a list
 * item gets its marker (family and number: 第一章 第一节 一、 （一） 1.
 * （1） 01, and 第一条 ① —— 一， that only make lists), its length, its
 * sentence punctuation inside and at the end, whether its first sentence
 * is short and followed by more text (a run-in heading), whether the
 * marker stands alone on its line, and what follows it.
 *
 * Then, decisions, per family and per series:
 *
 *  - A table of contents (目录 / 目次 over short lines that come back
 *    later as headings) becomes a list; its entries find the body
 *    headings they name, even unnumbered or broken over two lines.
 *  - Members of one family numbered n, n+1, … on consecutive paragraphs
 *    are a list when they are full sentences (the law's "（一）…；" items,
 *    "一、…；" clauses after "如下："); inside a law (paragraphs 第X条)
 *    every 一、 （一） 1. is an item, never a heading.  After a back-matter
 *    line (附件, 附录, 名词解释) markers no longer make headings.
 *  - Otherwise a heading-shaped member is a heading and a run-in member
 *    ("（一）指导思想。全面贯彻…") a run-in heading.  A section number alone
 *    on its line (（一）, 1, 01) counts only in a series 1, 2, … of two or
 *    more, and takes the short line after it as its text.
 *  - An unnumbered series (two or more short lines without sentence
 *    punctuation, each between paragraphs that end sentences) is a
 *    heading level: the only one in a document without numbered
 *    headings, or the one above a numbered family whose numbering
 *    restarts at 1 right after each of its lines (过去五年工作回顾 over
 *    （一）…).
 *  - Levels come from how the families nest in this document: a family
 *    whose numbering restarts inside the sections of another is below
 *    it.  Only where the document shows nothing does the conventional
 *    order decide.  Headings a reader already found (HTML <h2>, Markdown
 *    ##) keep their levels above the ones found here.
 *
 * Points (outline_points.c) are found last, in body paragraphs.
 *
 * The user can overrule the guess: OUTLINE_NONE leaves paragraphs only
 * (no headings, lists or points made from text, reader headings turned
 * back into paragraphs); a levels list ("一、,（一）,1.") makes exactly
 * those marker families the heading levels, in that order.
 */
#ifndef ARTCONV_OUTLINE_H
#define ARTCONV_OUTLINE_H

#include <stddef.h>

#include "tree/diag.h"
#include "tree/doc.h"

/* node->rule of an unnumbered heading (readers may test for it). */
#define OUTLINE_RULE_UNNUMBERED \
	"short line without punctuation between paragraphs"
/* node->rule of a table of contents made into a list. */
#define OUTLINE_RULE_TOC	"table of contents"

enum outline_mode {
	OUTLINE_AUTO = 0,	/* recognise the outline */
	OUTLINE_NONE		/* paragraphs only */
};

struct outline_opts {
	enum outline_mode	 mode;
	/*
	 * Heading levels given by the user: markers such as "一、,（一）,1."
	 * separated by commas (ASCII or full-width) or spaces, level 1
	 * first; NULL to recognise them.  Checked with outline_levels_check().
	 */
	const char		*levels;
};

/*
 * Is spec a valid levels list?  Returns 0, or -1 with the offending
 * marker described in err (a short phrase for "artconv: --levels: …").
 */
int	 outline_levels_check(const char *spec, char *err, size_t errlen);

/*
 * Rewrites the paragraphs directly under doc->root (and under block
 * quotes) into headings, lists and point lists.  opts may be NULL (the
 * defaults).  Explains each decision as a diag note.
 */
void	 outline_recognise(struct doc *doc, const struct outline_opts *opts,
	    struct diag *diag);

/*
 * Does s[0..len) open with an outline marker (第一章, 一、, （一）, 1.,
 * 第 3 條, ①, ——…)?  Such a line is numbered, whatever its shape.
 */
int	 outline_numbered(const char *s, size_t len);

/*
 * Turns a table of contents among parent's children into a list (rule
 * OUTLINE_RULE_TOC), so that later passes take none of its lines for
 * headings.  outline_recognise() does it too; the web page and Markdown
 * shaping passes call it first.
 */
void	 outline_find_toc(struct node *parent, struct diag *diag);

#endif
