/*
 * Outline markers and the shapes of lines: the evidence the outline
 * recogniser collects in its first pass (outline_int.h).
 */
#include "outline.h"
#include "outline_int.h"

#include <string.h>

#include "tree/alloc.h"
#include "tree/utf8.h"
#include "article.h"

const char *const outline_family_example[FAM__COUNT] = {
	"第一章", "第一节", "壹、", "一、", "（一）", "1.", "（1）", "1 ", "1.1",
	"1.1.1", "第一，", "01", "第一条",
	"①", "——", "一，"
};

#define CP_TEN		0x5341u	/* 十 */

/* --- characters ---------------------------------------------------------- */

int
outline_dec_digit(uint32_t cp)
{
	return uc_digit(cp);
}

/* Parses 1-2 decimal digits at s[*pos]; returns the value or -1. */
static int
dec_number(const char *s, size_t len, size_t *pos)
{
	size_t		 p = *pos, q;
	int		 value = 0, n = 0, d;

	while (p < len && n < 3) {
		q = p;
		if ((d = outline_dec_digit(utf8_next(s, len, &q))) < 0)
			break;
		value = value * 10 + d;
		n++;
		p = q;
	}
	if (n == 0 || n > 2 || value == 0)
		return -1;
	*pos = p;
	return value;
}

static uint32_t
peek(const char *s, size_t len, size_t pos)
{
	return pos < len ? utf8_next(s, len, &pos) : 0;
}

uint32_t
outline_first_cp(const char *s, size_t len)
{
	return peek(s, len, 0);
}

uint32_t
outline_last_cp(const char *s, size_t len)
{
	size_t	 pos = len;

	return len ? utf8_prev(s, &pos) : 0;
}

static int
is_open_paren(uint32_t cp)
{
	return cp == '(' || cp == 0xFF08;
}

static int
is_close_paren(uint32_t cp)
{
	return cp == ')' || cp == 0xFF09;
}

int
outline_is_stop(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F ||	/* 。！？ */
	    cp == 0xFF1B || cp == '!' || cp == '?' || cp == ';';	/* ； */
}

int
outline_is_continuing(uint32_t cp)
{
	return cp == 0xFF0C || cp == 0x3001 || cp == 0xFF1B ||	/* ，、； */
	    cp == 0xFF1A || cp == ',' || cp == ';' || cp == ':' ||	/* ： */
	    cp == 0x2026 || cp == 0x2014;			/* … — */
}

/*
 * Characters after which an enumerator may begin: the start of a
 * sentence or clause, also inside a quotation (「第一，…；第二，…」).  Anything else (a Han character) means the marker
 * is part of a word: 统一是, 全国第二.
 */
int
outline_is_boundary(uint32_t cp)
{
	switch (cp) {
	case 0x3002: case 0xFF1B: case 0xFF1A: case 0xFF0C:	/* 。；：， */
	case 0xFF01: case 0xFF1F: case 0x3001:			/* ！？、 */
	case 0xFF09: case 0x201D: case 0x2019: case 0x300D:	/* ）”’」 */
	case 0x300F: case 0x3011: case 0x300B: case 0x2026:	/* 』】》… */
	case 0x300C: case 0x300E: case 0x201C: case 0x2018:	/* 「『“‘ */
	case 0x3000: case ' ': case '\t': case '\n': case 0xA0:
	case ',': case ';': case ':': case '!': case '?': case ')':
	case '.':
		return 1;
	default:
		return 0;
	}
}

int
outline_has_letter(const char *s, size_t len)
{
	size_t		 pos = 0;
	uint32_t	 cp;

	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (uc_is_han(cp) || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= 'a' && cp <= 'z') || (cp >= 0x3040 && cp <= 0x30FF))
			return 1;
	}
	return 0;
}

int
outline_ends_sentence(const char *s, size_t len)
{
	size_t	 pos = len;
	uint32_t cp = len ? utf8_prev(s, &pos) : 0;

	/*
	 * A closing quotation mark ends a sentence when the sentence ends
	 * inside it ("…的“数字难题”。" or "…他说：“好。”"); after a word it
	 * closes a quoted name, as subheads end: 看见老年人的“数字难题”.
	 */
	if (cp == 0x201D || cp == 0x300D) {
		uint32_t before = pos ? utf8_prev(s, &pos) : 0;

		return before == 0x3002 || before == 0xFF01 ||
		    before == 0xFF1F || before == 0x2026 || before == '.' ||
		    before == '!' || before == '?';
	}
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0x2026 ||
	    cp == 0xFF1A || cp == 0xFF09 ||
	    cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == ')';
}

char *
outline_trimmed_copy(const char *s, size_t len)
{
	size_t	 a, n = utf8_trim(s, len, &a);

	return xstrndup(s + a, n);
}

/* --- markers ------------------------------------------------------------- */

/*
 * The capital numerals (大写数字) of accounts and of Taiwan's documents,
 * whose outline runs 壹、 一、 （一） 1、 （1）: simplified and traditional
 * forms.  Returns 1-9, 10 for 拾, or -1.
 */
static int
capital_digit(uint32_t cp)
{
	switch (cp) {
	case 0x58F9: return 1;				/* 壹 */
	case 0x8D30: case 0x8CB3: return 2;		/* 贰 貳 */
	case 0x53C1: case 0x53C3: return 3;		/* 叁 參 */
	case 0x8086: return 4;				/* 肆 */
	case 0x4F0D: return 5;				/* 伍 */
	case 0x9646: case 0x9678: return 6;		/* 陆 陸 */
	case 0x67D2: return 7;				/* 柒 */
	case 0x634C: return 8;				/* 捌 */
	case 0x7396: return 9;				/* 玖 */
	case 0x62FE: return 10;				/* 拾 */
	default: return -1;
	}
}

/* Parses 壹 … 玖, 拾, 拾壹 … 玖拾玖 at s[*pos]; returns the value or -1. */
static int
capital_number(const char *s, size_t len, size_t *pos)
{
	size_t		 p = *pos, q;
	int		 value = 0, digit = -1, d, tens = 0;

	while (p < len) {
		q = p;
		if ((d = capital_digit(utf8_next(s, len, &q))) < 0)
			break;
		if (d == 10) {
			if (tens)
				return -1;
			value = (digit < 0 ? 1 : digit) * 10;
			digit = -1;
			tens = 1;
		} else if (digit >= 0)
			return -1;		/* 壹貳: not one numeral */
		else
			digit = d;
		p = q;
	}
	if (p == *pos)
		return -1;
	if (digit > 0)
		value += digit;
	*pos = p;
	return value;
}

/* The unit after 第X: chapter (章 编 篇 部分), section (节), article (条). */
static enum family
ordinal_unit(const char *s, size_t len, size_t *q)
{
	uint32_t	 cp = utf8_next(s, len, q);

	switch (cp) {
	case 0x7AE0: case 0x7F16: case 0x7DE8: case 0x7BC7:	/* 章 编 編 篇 */
		return FAM_CHAPTER;
	case 0x8282: case 0x7BC0:				/* 节 節 */
		return FAM_SECTION;
	case 0x6761: case 0x689D:				/* 条 條 */
		return FAM_ARTICLE;
	case 0x90E8:						/* 部分 */
		if (peek(s, len, *q) == 0x5206) {
			utf8_next(s, len, q);
			return FAM_CHAPTER;
		}
		return FAM_NONE;
	default:
		return FAM_NONE;
	}
}

/*
 * A word glued to 第X章 / 第X部分 that makes it a sentence's subject, not
 * a heading's number: "第一部分的内容…", "第二章是…", "第三条和第四条…".
 */
static int
sentence_after_unit(uint32_t cp)
{
	switch (cp) {
	case 0x7684: case 0x662F: case 0x548C:			/* 的 是 和 */
	case 0x4E0E: case 0x53CA: case 0x6216:			/* 与 及 或 */
		return 1;
	default:
		return 0;
	}
}

/*
 * A unit two numerals joined by 、 share (一、二年级): 年 月 季 级 楼 层 号
 * 期 批 类 等 产 线, simplified and traditional.
 */
static int
shared_unit(uint32_t cp)
{
	static const uint32_t units[] = {
		0x5E74, 0x6708, 0x5B63, 0x7EA7, 0x7D1A, 0x697C, 0x6A13,
		0x5C42, 0x5C64, 0x53F7, 0x865F, 0x671F, 0x6279, 0x7C7B,
		0x985E, 0x7B49, 0x4EA7, 0x7522, 0x7EBF, 0x7DDA,
	};
	size_t	 i;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (cp == units[i])
			return 1;
	return 0;
}

/*
 * 第一章, and the spaced and Arabic forms laws and books print:
 * 第 一 章, 第1章, 第 1 條.
 */
static int
parse_ordinal(const char *s, size_t len, size_t p, struct marker *m)
{
	size_t		 q;
	int		 n;

	p = utf8_skip_space(s, len, p);
	if (outline_dec_digit(peek(s, len, p)) >= 0)
		n = dec_number(s, len, &p);
	else
		n = article_cn_number(s, len, &p, ARTICLE_CN_ANY);
	if (n < 0)
		return 0;
	q = utf8_skip_space(s, len, p);
	if (q >= len || (m->fam = ordinal_unit(s, len, &q)) == FAM_NONE)
		return 0;
	if (q < len && sentence_after_unit(peek(s, len, q)))
		return 0;
	m->num = n;
	m->len = q;
	m->body = utf8_skip_space(s, len, q);
	return 1;
}

/*
 * What may follow a zero-padded section number glued to its heading
 * ("01《热辣滚烫》…", "02减肥100斤"): not a digit or a unit that makes the
 * number a quantity or a date (05月, 03:00, 01.5).
 */
static int
secnum_follower(uint32_t cp)
{
	switch (cp) {
	case 0x5E74: case 0x6708: case 0x65E5: case 0x53F7:	/* 年月日号 */
	case 0x65F6: case 0x70B9: case 0x5206: case 0x79D2:	/* 时点分秒 */
	case 0x4E2A:						/* 个 */
	case '.': case ':': case '-': case '/': case '%': case ',':
	case 0xFF0E: case 0xFF1A: case 0xFF05: case 0x3002:
	case 0xFF0C:
		return 0;
	default:
		return outline_dec_digit(cp) < 0;
	}
}

size_t
outline_han_count(const char *s, size_t len)
{
	size_t	 pos = 0, han = 0;

	while (pos < len)
		han += uc_is_han(utf8_next(s, len, &pos));
	return han;
}

/*
 * Three capital letters or more at s[at] ("2　GTEM小室用于…"): a name the
 * heading opens with, not a unit (MB, km).
 */
static int
acronym_at(const char *s, size_t len, size_t at)
{
	size_t	 n = 0;

	while (at + n < len && s[at + n] >= 'A' && s[at + n] <= 'Z')
		n++;
	return n >= 3;
}

/*
 * A clause number of a standard, a plan or a technical report (GB/T 1.1:
 * 章条编号 "1", "1.1", "4.2.1"), then white space and the heading's text:
 * "1 总则", "1.1 编制目的".  The number at s[p] has been read as first;
 * q is past it.  Sets m and returns 1, or returns 0.
 */
static int
parse_decimal(const char *s, size_t len, size_t q, int first, struct marker *m)
{
	size_t		 p = q, r;
	uint32_t	 cp;
	int		 depth = 1, n = first;

	for (;;) {
		r = p;
		cp = p < len ? utf8_next(s, len, &r) : 0;
		if ((cp != '.' && cp != 0xFF0E) ||
		    outline_dec_digit(peek(s, len, r)) < 0)
			break;
		p = r;
		if ((n = dec_number(s, len, &p)) < 0 || ++depth > 4)
			return 0;
	}
	r = utf8_skip_space(s, len, p);
	if (r == p || r >= len)
		return 0;
	cp = peek(s, len, r);
	/*
	 * A subclause's heading may open with a figure ("3.2.1  1917～1938年
	 * 的初期发展"): a number with two dots or more is no quantity.
	 */
	if (!(uc_is_han(cp) || (depth >= 3 && outline_dec_digit(cp) >= 0 &&
	    outline_han_count(s + r, len - r) >= 4) || (acronym_at(s, len, r) &&
	    outline_han_count(s + r, len - r) >= 4)) ||
	    article_quantity_unit(cp, depth == 1))
		return 0;
	m->fam = depth == 1 ? FAM_DEC1 : depth == 2 ? FAM_DEC2 : FAM_DEC3;
	m->num = n;
	m->len = p;
	m->body = r;
	return 1;
}

static int
parse_marker_at(const char *s, size_t len, int expect, struct marker *m)
{
	size_t		 p = 0, q;
	uint32_t	 cp, next;
	int		 n;

	memset(m, 0, sizeof(*m));
	m->fam = FAM_NONE;
	if (len == 0)
		return 0;
	q = 0;
	cp = utf8_next(s, len, &q);
	if (cp == 0x7B2C)				/* 第 */
		return parse_ordinal(s, len, q, m);
	if (article_cn_digit(cp) > 0 || cp == CP_TEN) {
		if ((n = article_cn_number(s, len, &p, ARTICLE_CN_ANY)) < 0)
			return 0;
		/*
		 * 一 alone on its line: a commentary's section number, set
		 * as 一、 is (一 / 二 / 三 over each part).
		 */
		if (utf8_skip_space(s, len, p) >= len && n <= 20) {
			m->fam = FAM_CN;
			m->num = n;
			m->len = p;
			m->body = len;
			return 1;
		}
		q = p;
		cp = utf8_next(s, len, &q);
		if (cp == 0xFF0C) {			/* 一， */
			m->fam = FAM_CN_COMMA;
			goto done;
		}
		/*
		 * 一. and 一．: pasted and PDF-copied text writes the
		 * 顿号 as a period, half or full width.
		 */
		if (cp != 0x3001 && cp != '.' && cp != 0xFF0E)	/* 、 . ． */
			return 0;
		/*
		 * 一、二年级, 一、二月, 一、二季度, 一、二楼: the 顿号
		 * separates numerals that share a unit, not a marker; they
		 * count up (一、一年来工作回顾 is section 一's heading).
		 */
		p = q;
		if (article_cn_number(s, len, &p, ARTICLE_CN_ANY) > n &&
		    (peek(s, len, p) == 0x3001 ||
		    shared_unit(peek(s, len, p))))
			return 0;
		m->fam = FAM_CN;
		goto done;
	}
	/*
	 * Roman numerals Ⅰ、 Ⅱ、 (one character each, U+2160-216B), as
	 * some reports number their parts: the family above 一、, with 壹、.
	 */
	if (cp >= 0x2160 && cp <= 0x216B) {
		n = (int)(cp - 0x2160) + 1;
		next = peek(s, len, q);
		if (next != 0x3001 && next != '.' && next != 0xFF0E)
			return 0;
		utf8_next(s, len, &q);
		if (q >= len)
			return 0;
		m->fam = FAM_CAPITAL;
		goto done;
	}
	if (capital_digit(cp) > 0) {
		if ((n = capital_number(s, len, &p)) < 0)
			return 0;
		q = p;
		if (utf8_next(s, len, &q) != 0x3001)	/* 、 */
			return 0;
		/* 陆、海、空: the 顿号 lists words, not a marker. */
		p = q;
		if (uc_is_han(peek(s, len, p))) {
			utf8_next(s, len, &p);
			if (peek(s, len, p) == 0x3001)
				return 0;
		}
		m->fam = FAM_CAPITAL;
		goto done;
	}
	if (is_open_paren(cp)) {
		p = q;
		next = peek(s, len, p);
		if (article_cn_digit(next) > 0 || next == CP_TEN) {
			n = article_cn_number(s, len, &p, ARTICLE_CN_ANY);
			m->fam = FAM_CN_PAREN;
		} else {
			n = dec_number(s, len, &p);
			m->fam = FAM_NUM_PAREN;
		}
		if (n < 0)
			return 0;
		q = p;
		if (!is_close_paren(utf8_next(s, len, &q)))
			return 0;
		goto done;
	}
	if (outline_dec_digit(cp) >= 0) {
		int zero = outline_dec_digit(cp) == 0;

		if ((n = dec_number(s, len, &p)) < 0)
			return 0;
		if (parse_decimal(s, len, p, n, m))
			return 1;
		q = p;
		if (p >= len ||
		    utf8_skip_space(s, len, p) >= len) {
			/* A number alone on its line: a section number. */
			m->fam = FAM_SECNUM;
			goto done;
		}
		cp = utf8_next(s, len, &q);
		if (cp == '.' || cp == 0xFF0E || cp == 0x3001) { /* ． 、 */
			/* 1.5亿元, 2021.10.14: a number, not a marker. */
			if (outline_dec_digit(peek(s, len, q)) >= 0 &&
			    n != expect)
				return 0;
			if (q >= len)
				return 0;
			m->fam = FAM_NUM;
			goto done;
		}
		/*
		 * 1) and 1）: the half-bracketed form forums and pasted
		 * text use for (1), with text after it.
		 */
		if ((cp == ')' || cp == 0xFF09) && q < len &&
		    uc_is_han(peek(s, len, utf8_skip_space(s, len, q)))) {
			m->fam = FAM_NUM_PAREN;
			goto done;
		}
		/* 01《热辣滚烫》…: a zero-padded number glued to a heading. */
		if (zero && secnum_follower(cp)) {
			q = p;
			m->fam = FAM_SECNUM;
			goto done;
		}
		return 0;
	}
	if (cp >= 0x2460 && cp <= 0x2473) {		/* ①-⑳ */
		m->fam = FAM_CIRCLED;
		n = (int)(cp - 0x2460) + 1;
		goto done;
	}
	if (cp == 0x2014 && peek(s, len, q) == 0x2014) {	/* —— */
		utf8_next(s, len, &q);
		m->fam = FAM_DASH;
		n = 0;
		goto done;
	}
	return 0;
done:
	m->num = n;
	m->len = q;
	m->body = utf8_skip_space(s, len, q);
	return 1;
}

/*
 * A decoration before a marker, as WeChat editors and slides set headings
 * ("📌 一、…", "■ （一）…"): an emoji or a geometric or dingbat symbol,
 * then white space.  Returns its length in bytes, or 0.
 */
static size_t
decoration(const char *s, size_t len)
{
	size_t		 p = 0;
	uint32_t	 cp;

	if (len == 0)
		return 0;
	cp = utf8_next(s, len, &p);
	if (!((cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x2600 &&
	    cp <= 0x27BF) || (cp >= 0x25A0 && cp <= 0x25FF) || cp == 0x203B))
		return 0;
	while (p < len && (s[p] == ' ' || (len - p >= 3 &&
	    memcmp(s + p, "\xE3\x80\x80", 3) == 0) || (len - p >= 3 &&
	    memcmp(s + p, "\xEF\xB8\x8F", 3) == 0)))	/* U+3000, VS16 */
		p += s[p] == ' ' ? 1 : 3;
	return p;
}

int
outline_parse_marker(const char *s, size_t len, int expect, struct marker *m)
{
	size_t	 skip;

	if (parse_marker_at(s, len, expect, m))
		return 1;
	if ((skip = decoration(s, len)) == 0 || skip >= len ||
	    !parse_marker_at(s + skip, len - skip, expect, m) ||
	    m->fam == FAM_DASH || m->fam == FAM_CIRCLED)
		return 0;
	m->len += skip;
	m->body += skip;
	return 1;
}

/* --- shapes -------------------------------------------------------------- */

int
outline_heading_shaped(const char *s, size_t len, size_t total_chars,
    size_t max_chars)
{
	size_t		 pos = 0;
	uint32_t	 cp = 0;

	if (len == 0 || total_chars > max_chars || !outline_has_letter(s, len))
		return 0;
	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (pos < len && outline_is_stop(cp))
			return 0;
	}
	if (outline_is_continuing(cp) || cp == 0xFF01 || cp == 0xFF1F ||
	    cp == ';')
		return 0;
	return 1;
}

/*
 * Is s[0..len) one note in brackets, （《新闻联播》 20250118 19:00） or
 * (完): the source or an aside after a sentence, not text under a
 * heading?
 */
static int
bracketed_note(const char *s, size_t len)
{
	size_t		 pos = 0;
	uint32_t	 first, cp = 0;
	int		 depth = 0;

	if (len == 0)
		return 0;
	first = utf8_next(s, len, &pos);
	if (first != 0xFF08 && first != '(')
		return 0;
	depth = 1;
	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (cp == 0xFF08 || cp == '(')
			depth++;
		else if ((cp == 0xFF09 || cp == ')') && --depth == 0)
			return utf8_skip_space(s, len, pos) >= len;
	}
	return 0;
}

size_t
outline_runin_sentence(const char *s, size_t len, size_t marker_chars,
    size_t max_chars)
{
	size_t		 pos = 0, chars = marker_chars, end;
	uint32_t	 cp;

	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		chars++;
		if (chars > max_chars)
			return 0;
		if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F) {
			end = pos;
			if (utf8_skip_space(s, len, pos) >= len)
				return 0;	/* nothing follows */
			if (bracketed_note(s + utf8_skip_space(s, len, pos),
			    len - utf8_skip_space(s, len, pos)))
				return 0;	/* only a note follows */
			return outline_has_letter(s, end) ? end : 0;
		}
		if (cp == 0xFF1B || cp == ';' || cp == 0xFF1A || cp == ':')
			return 0;
	}
	return 0;
}

int
outline_numbered(const char *s, size_t len)
{
	struct marker	 m;

	return outline_parse_marker(s, len, 0, &m);
}
