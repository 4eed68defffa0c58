/*
 * The outline recogniser's parts, shared by outline.c (the two passes:
 * evidence, then decisions), outline_mark.c (markers and the shapes of
 * lines) and outline_points.c (inline points).  Not an interface for
 * anything else: readers use outline.h.
 */
#ifndef ARTCONV_OUTLINE_INT_H
#define ARTCONV_OUTLINE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "tree/diag.h"
#include "tree/doc.h"

/*
 * Marker families.  The first FAM__HEADS can make headings; the rest
 * only ever make lists or points.  The order of the heading families is
 * the conventional one (GB/T 9704 §7.3.3: 一、 （一） 1. （1）, with
 * chapters and sections above, and the capital numerals 壹、 貳、 that
 * Taiwan's documents set over 一、), used only where the document itself
 * does not show which family holds which.
 */
enum family {
	FAM_NONE = -1,
	FAM_CHAPTER = 0,	/* 第一章 第一编 第一部分 第 一 章 第1章 */
	FAM_SECTION,		/* 第一节 */
	FAM_CAPITAL,		/* 壹、 (Taiwan's 公文 and books: above 一、) */
	FAM_CN,			/* 一、 */
	FAM_CN_PAREN,		/* （一） (一) */
	FAM_NUM,		/* 1. 1． 1、 */
	FAM_NUM_PAREN,		/* （1） (1) */
	FAM_DEC1,		/* "1 总则": a clause number (GB/T 1.1), a space */
	FAM_DEC2,		/* "1.1 编制目的" */
	FAM_DEC3,		/* "4.2.1 …" and deeper */
	FAM_ORD,		/* "第一，…。" one sentence standing alone */
	FAM_SECNUM,		/* 01 glued to a heading, or a number alone */
	FAM__HEADS,
	FAM_ARTICLE = FAM__HEADS, /* 第一条: a numbered paragraph of a law */
	FAM_CIRCLED,		/* ① */
	FAM_DASH,		/* —— */
	FAM_CN_COMMA,		/* 一， */
	FAM__COUNT
};

/* The family's marker as written for the first member: "一、", "（一）". */
extern const char *const outline_family_example[FAM__COUNT];

struct marker {
	enum family	 fam;
	int		 num;		/* 1, 2, …; 0 for ——  */
	size_t		 len;		/* bytes of the marker itself */
	size_t		 body;		/* bytes to the text after it */
};

/*
 * Recognises an outline marker at the start of s[0..len).  expect, when
 * not 0, is the number a surrounding series expects next: "20.2026年…" is
 * then marker 20 although a digit follows the period.  Returns 1 and
 * fills m, or 0.  A marker with nothing after it (m->body == len) is a
 * bare marker: a section number standing alone on its line.
 */
int	 outline_parse_marker(const char *s, size_t len, int expect,
	    struct marker *m);

/* Characters. */
int	 outline_dec_digit(uint32_t cp);
int	 outline_is_stop(uint32_t cp);		/* 。！？；!?; */
int	 outline_is_continuing(uint32_t cp);	/* ，、；：…— */
int	 outline_is_boundary(uint32_t cp);	/* where a clause may start */
int	 outline_has_letter(const char *s, size_t len);
size_t	 outline_han_count(const char *s, size_t len);	/* Han characters */
uint32_t outline_first_cp(const char *s, size_t len);
uint32_t outline_last_cp(const char *s, size_t len);
/* Does s end a sentence (。！？…”」：） and ASCII forms)? */
int	 outline_ends_sentence(const char *s, size_t len);
/*
 * Is s[0..len) (the text after a marker) heading-shaped: a letter, at
 * most max_chars characters counting the marker (total_chars), no
 * sentence mark inside, not ending in ，、；：…— ！？ ?  A final 。 is
 * allowed: （一）支部带头，强化阵地堡垒作用。
 */
int	 outline_heading_shaped(const char *s, size_t len, size_t total_chars,
	    size_t max_chars);
/*
 * If s[0..len) opens with a heading-shaped sentence (ending in 。！？,
 * at most max_chars characters counting marker_chars, no ；： in it)
 * followed by more text, returns that sentence's byte length, else 0.
 */
size_t	 outline_runin_sentence(const char *s, size_t len, size_t marker_chars,
	    size_t max_chars);
/* A copy of s[0..len) without surrounding white space. */
char	*outline_trimmed_copy(const char *s, size_t len);

/*
 * Finds the inline points (一是…二是…, 第一，…, 首先，…, ①②, 一、…；二、…)
 * in the paragraphs directly under parent and rewrites those paragraphs
 * into point lists.
 */
void	 outline_points(struct node *parent, struct diag *diag);

#endif
