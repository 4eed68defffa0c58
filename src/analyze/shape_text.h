/*
 * Character classes, enumerators and inline helpers shared by the
 * shaping passes of the web page and Markdown readers (shape.c,
 * shape_lines.c) and by those readers themselves.  Strings are valid
 * UTF-8 (s[0..len)); nothing here allocates unless it says so.
 */
#ifndef ARTCONV_HTML_TEXT_H
#define ARTCONV_HTML_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "tree/buf.h"
#include "tree/diag.h"
#include "tree/doc.h"

/* First and last code point of s, 0 if empty. */
uint32_t ht_first_cp(const char *s, size_t len);
uint32_t ht_last_cp(const char *s, size_t len);
/* 。！？；!?; – a heading has none inside. */
int	 ht_is_stop(uint32_t cp);
/* ，、；：,;:…— – a heading cannot end with one: the phrase goes on. */
int	 ht_is_continuing(uint32_t cp);
/* Does s end a sentence (。！？…”」：） . ! ? : ))? */
int	 ht_ends_sentence(const char *s, size_t len);
/* Does s hold a Han character or a Latin letter? */
int	 ht_has_letter(const char *s, size_t len);
/*
 * Heading-shaped: at most max characters, a letter, no sentence mark
 * inside, no continuing mark at the end.  final_colon allows a final ：,
 * final_q a final ？.
 */
int	 ht_shaped(const char *s, size_t len, size_t max, int final_colon,
	    int final_q);
/* Symbols that lead a stand-alone section heading (➤ ● ■ ◆ ▶ ★ …). */
int	 ht_heading_symbol(uint32_t cp);

/* Kinds of enumerators at the start of a line. */
enum mfam {
	M_NONE,
	M_CHAPTER,	/* 第一章 第一节 第一条 */
	M_CN,		/* 一、 */
	M_CN_PAREN,	/* （一） */
	M_NUM,		/* 1. 1、 1） */
	M_NUM_PAREN,	/* （1） */
	M_CIRCLED,	/* ① */
	M_BULLET	/* • ● - */
};

struct mark {
	enum mfam	 fam;
	int		 num;
	uint32_t	 sym;		/* the bullet */
	size_t		 len;		/* bytes of the marker */
	size_t		 body;		/* bytes up to the text after it */
};

/*
 * Recognises an enumerator at the start of s ("（1）", "①", "一、",
 * "1.", "•").  Returns 1 and fills m if there is one followed by text.
 */
int	 ht_parse_mark(const char *s, size_t len, struct mark *m);

/* Does the inline tree under n hold a line break? */
int	 ht_has_break(const struct node *n);

/*
 * Lines of the paragraphs directly under doc->root: ruler lines (=====)
 * become rules; enumerated lines ((1) (2), ① ②, • •) become lists.
 */
void	 shape_lines(struct doc *doc, struct diag *diag);

#endif
