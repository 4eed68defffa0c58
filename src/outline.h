/*
 * Outline recognition: finds the structure a Chinese reader sees in plain
 * paragraphs and rewrites the tree accordingly.  Every reader runs it on
 * the paragraphs it produced, so a text file, a web page and a Markdown
 * file with the same article give the same tree.  docs/outline.md explains
 * the rules with examples; the rule names below are what node->rule holds.
 *
 * Headings.  A paragraph that starts with an outline marker
 *
 *	第一章 / 第一编 / 第一部分	chapter	(rank 0)
 *	第一节				section	(rank 1)
 *	一、				rank 2	(not 一、二年级…)
 *	（一） (一)			rank 3	(full- or half-width brackets)
 *	1. 1． 1、			rank 4	(not 1.5亿元, 2021.10.14)
 *	（1） (1)			rank 5
 *
 * becomes a heading when it is heading-shaped: short (40 characters for
 * rank 0-2, 60 for deeper ranks), no sentence punctuation inside, not
 * ending in ，、；： (a final 。 is allowed).  A paragraph whose first sentence
 * is heading-shaped and is followed by more text is a run-in heading
 * ("（一）指导思想。全面贯彻…"): it is split into a heading (run_in set) and a
 * paragraph.  Levels are the ranks actually used, compressed: a document
 * with 一、 and （一） headings has them at levels 1 and 2; one with only
 * （一） has them at level 1.
 *
 * Lists, not headings.  Two or more consecutive paragraphs that start with
 * markers of one kind numbered 1, 2, 3… and are not run-in headings form a
 * list (the law's "（一）…；" items, "一、…；" clauses after "如下："), as do
 * consecutive "——坚持…" lines and ①②③ paragraphs.  After a back-matter
 * line (附件, 附件1, 附件：…, 名词解释) markers no longer make headings.
 *
 * Unnumbered headings.  In a document with no numbered headings whose
 * paragraphs mostly end sentences (prose, not a photo essay), a short
 * line (≤ 30 characters, no hard break) without final punctuation,
 * between two body paragraphs that end a sentence, is a level-1 heading.
 *
 * Points.  Enumerators inside body paragraphs become point lists:
 * 一是/二是…十几是, 第一，/第二、…, 首先，/其次，/再次，/最后，, and, within one
 * paragraph, ①② and 一、…；二、….  A marker counts only at the start of a
 * paragraph or after punctuation (so 统一是, 全国第二, 第一种 do not), and
 * only as part of a run numbered 1, 2, 3… of at least two.  Runs of the
 * first three kinds may span paragraphs (one "一是…" line per paragraph).
 * A point's lead is its first sentence (up to 。；！？ or the next point).
 */
#ifndef ARTCONV_OUTLINE_H
#define ARTCONV_OUTLINE_H

#include "diag.h"
#include "doc.h"

/* node->rule of an unnumbered heading (readers may test for it). */
#define OUTLINE_RULE_UNNUMBERED \
	"short line without punctuation between paragraphs"

/*
 * Rewrites the paragraphs directly under doc->root (and under block
 * quotes) into headings, lists and point lists.  Blocks that readers
 * already marked as headings keep their level; recognised numbered
 * headings are ranked below the document's existing unnumbered ones.
 * Explains each decision as a diag note.
 */
void	 outline_recognise(struct doc *doc, struct diag *diag);

#endif
