/*
 * The closing of a letter or an official document: who sends it and
 * when, under the text (GB/T 9704-2012 §7.3.5: 发文机关署名, 成文日期).
 */
#ifndef ARTCONV_CLOSING_H
#define ARTCONV_CLOSING_H

#include <stddef.h>

#include "tree/diag.h"
#include "tree/doc.h"

/*
 * Marks the closing among the last blocks directly under doc->root: a
 * paragraph that is only a full date (2026年11月20日, 二〇二六年十一月二十日),
 * after the text, followed by nothing or by notes in brackets
 * (（此件公开发布）); and up to three short unpunctuated paragraphs right
 * above it, the sender's name(s).  Sets as.para.closing; returns how
 * many paragraphs it marked.
 */
size_t	 closing_mark(struct doc *doc, struct diag *diag);

/* Is s[0..len) a full date and nothing else (white space aside)? */
int	 closing_date_line(const char *s, size_t len);

#endif
