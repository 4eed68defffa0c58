/*
 * The frame of a letter, a speech or an official document: whom it
 * addresses, above the text, and who sends it and when, under it
 * (GB/T 9704-2012 §7.3.3 主送机关, §7.3.5 发文机关署名 and 成文日期; the
 * 称呼 and 署名 of a letter).
 */
#ifndef ARTCONV_LETTER_H
#define ARTCONV_LETTER_H

#include <stddef.h>

#include "tree/diag.h"
#include "tree/doc.h"

/*
 * Sets as.para.role on the blocks directly under doc->root:
 *  - PARA_DOCNUM: a document number (article_document_number()) among
 *    the first blocks, above any text;
 *  - PARA_ADDRESSEE: the first block, when it is a short paragraph that
 *    ends in a colon and holds no sentence ("各位代表：", "同志们：",
 *    "各乡镇人民政府，区政府各部门："), with text after it;
 *  - PARA_SALUTE: "敬礼！" right under "此致" among the last blocks;
 *  - PARA_DATE: a paragraph that is a full date and nothing else
 *    (2026年11月20日, 二〇二六年十一月二十日) among the last blocks, after
 *    the text, followed by nothing or by notes in brackets (（此件公开发布）);
 *  - PARA_SIGNER: up to three short paragraphs without sentence
 *    punctuation right above that date, the sender's names.
 * Returns how many paragraphs it marked.
 */
size_t	 letter_mark(struct doc *doc, struct diag *diag);

/* Is s[0..len) a full date and nothing else (white space aside)? */
int	 letter_date_line(const char *s, size_t len);

#endif
