#include "shape_text.h"

#include <stdlib.h>
#include <string.h>

#include "tree/buf.h"
#include "tree/utf8.h"
#include "article.h"

/* --- characters ---------------------------------------------------------- */

uint32_t
ht_first_cp(const char *s, size_t len)
{
	size_t	 pos = 0;

	return len ? utf8_next(s, len, &pos) : 0;
}

uint32_t
ht_last_cp(const char *s, size_t len)
{
	size_t	 pos = len;

	return len ? utf8_prev(s, &pos) : 0;
}

/* Sentence-final marks: a heading has none inside. */
int
ht_is_stop(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1B ||
	    cp == '!' || cp == '?' || cp == ';';
}

/* Marks a heading cannot end with: the phrase goes on. */
int
ht_is_continuing(uint32_t cp)
{
	return cp == 0xFF0C || cp == 0x3001 || cp == 0xFF1B || cp == 0xFF1A ||
	    cp == ',' || cp == ';' || cp == ':' || cp == 0x2026 ||
	    cp == 0x2014;
}

int
ht_ends_sentence(const char *s, size_t len)
{
	uint32_t cp = ht_last_cp(s, len);

	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0x2026 ||
	    cp == 0x201D || cp == 0x300D || cp == 0xFF1A || cp == 0xFF09 ||
	    cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == ')';
}

int
ht_has_letter(const char *s, size_t len)
{
	size_t		 pos = 0;
	uint32_t	 cp;

	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (uc_is_han(cp) || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= 'a' && cp <= 'z'))
			return 1;
	}
	return 0;
}

/*
 * Heading-shaped: at most max characters, a letter, no sentence mark
 * inside, no continuing mark at the end.  final_colon allows a final ：,
 * final_q a final ？.
 */
int
ht_shaped(const char *s, size_t len, size_t max, int final_colon, int final_q)
{
	size_t		 pos = 0, chars = 0;
	uint32_t	 cp = 0;

	if (len == 0 || !ht_has_letter(s, len))
		return 0;
	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (++chars > max)
			return 0;
		if (pos < len && ht_is_stop(cp))
			return 0;
	}
	if (final_colon && (cp == 0xFF1A || cp == ':'))
		return 1;
	if (final_q && (cp == 0xFF1F || cp == '?'))
		return 1;
	return !ht_is_continuing(cp) && cp != 0xFF01 && cp != 0xFF1F &&
	    cp != '!' && cp != '?' && cp != ';';
}

static int
dec_num(const char *s, size_t len, size_t *pos)
{
	size_t		 p = *pos, q;
	int		 v = 0, n = 0;
	uint32_t	 cp;

	while (p < len && n < 3) {
		q = p;
		cp = utf8_next(s, len, &q);
		if (cp >= '0' && cp <= '9')
			v = v * 10 + (int)(cp - '0');
		else if (cp >= 0xFF10 && cp <= 0xFF19)
			v = v * 10 + (int)(cp - 0xFF10);
		else
			break;
		n++;
		p = q;
	}
	if (n == 0 || n > 2)
		return -1;
	*pos = p;
	return v;
}

static int
is_bullet(uint32_t cp)
{
	switch (cp) {
	case 0x2022: case 0xB7: case 0x25AA: case 0x25E6: case 0x25CB:
	case 0x25CF: case 0x25A0: case 0x25A1: case 0x25C6: case 0x25C7:
	case 0x2605: case 0x2606: case 0x27A4: case 0x25BA: case '-':
	case 0x2013: case 0x30FB:
		return 1;
	default:
		return 0;
	}
}

/* Symbols that lead a stand-alone section heading. */
int
ht_heading_symbol(uint32_t cp)
{
	switch (cp) {
	case 0x27A4: case 0x27A2: case 0x27A3: case 0x25BA: case 0x25B6:
	case 0x25B8: case 0x25A0: case 0x25A1: case 0x25C6: case 0x25C7:
	case 0x25CF: case 0x25CB: case 0x25CE: case 0x2605: case 0x2606:
	case 0x2756: case 0x2726: case 0x25C9: case 0x25B2: case 0x2666:
	case 0x272A: case 0x2B50: case 0x2714: case 0x2611:
	/* Emoji that posts set before a section's name: 📌 🔸 🔹 🌟 💡 ✅ */
	case 0x1F4CC: case 0x1F538: case 0x1F539: case 0x1F31F:
	case 0x1F4A1: case 0x2705:
		return 1;
	default:
		return 0;
	}
}

/* Recognises an enumerator at the start of s. */
int
ht_parse_mark(const char *s, size_t len, struct mark *m)
{
	size_t		 p = 0, q = 0;
	uint32_t	 cp, c2;
	int		 n;

	memset(m, 0, sizeof(*m));
	if (len == 0)
		return 0;
	cp = utf8_next(s, len, &q);
	if (cp == 0x7B2C) {				/* 第 */
		p = q;
		if ((n = article_cn_number(s, len, &p, ARTICLE_CN_SMALL)) < 0)
			return 0;
		q = p;
		c2 = utf8_next(s, len, &q);
		if (c2 != 0x7AE0 && c2 != 0x8282 && c2 != 0x7F16 &&
		    c2 != 0x6761 && c2 != 0x90E8)	/* 章节编条部 */
			return 0;
		m->fam = M_CHAPTER;
		m->num = n;
	} else if (article_cn_digit(cp) > 0 || cp == 0x5341) {
		if ((n = article_cn_number(s, len, &p, ARTICLE_CN_SMALL)) < 0)
			return 0;
		q = p;
		if (utf8_next(s, len, &q) != 0x3001)
			return 0;
		m->fam = M_CN;
		m->num = n;
	} else if (cp == '(' || cp == 0xFF08) {
		p = q;
		c2 = p < len ? ht_first_cp(s + p, len - p) : 0;
		if (article_cn_digit(c2) > 0 || c2 == 0x5341) {
			n = article_cn_number(s, len, &p, ARTICLE_CN_SMALL);
			m->fam = M_CN_PAREN;
		} else {
			n = dec_num(s, len, &p);
			m->fam = M_NUM_PAREN;
		}
		if (n <= 0 || p >= len)
			return 0;
		q = p;
		c2 = utf8_next(s, len, &q);
		if (c2 != ')' && c2 != 0xFF09)
			return 0;
		m->num = n;
	} else if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 &&
	    cp <= 0xFF19)) {
		if ((n = dec_num(s, len, &p)) <= 0 || p >= len)
			return 0;
		q = p;
		c2 = utf8_next(s, len, &q);
		if (c2 != '.' && c2 != 0xFF0E && c2 != 0x3001 && c2 != ')' &&
		    c2 != 0xFF09)
			return 0;
		if (q < len && ht_first_cp(s + q, len - q) >= '0' &&
		    ht_first_cp(s + q, len - q) <= '9')
			return 0;			/* 1.5 */
		m->fam = M_NUM;
		m->num = n;
	} else if (cp >= 0x2460 && cp <= 0x2473) {
		m->fam = M_CIRCLED;
		m->num = (int)(cp - 0x2460) + 1;
	} else if (is_bullet(cp)) {
		m->fam = M_BULLET;
		m->sym = cp;
		if (cp == '-' && (q >= len || s[q] != ' '))
			return 0;
	} else
		return 0;
	m->len = q;
	m->body = utf8_skip_space(s, len, q);
	return m->body < len;
}


int
ht_has_break(const struct node *p)
{
	struct iter	 it;

	iter_init(&it, p);
	while (iter_next(&it) != ITER_DONE)
		if (it.event == ITER_ENTER && it.node->type == NODE_LINEBREAK)
			return 1;
	return 0;
}
