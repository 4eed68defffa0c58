#include "utf8.h"
#include <string.h>
#include "buf.h"

int32_t
utf8_decode(const unsigned char *s, size_t len, size_t *adv)
{
	uint32_t	 cp, min;
	size_t		 need, i;
	unsigned char	 lo = 0x80, hi = 0xBF;

	if (len == 0) {
		*adv = 0;
		return -1;
	}
	if (s[0] < 0x80) {
		*adv = 1;
		return s[0];
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		need = 1; cp = s[0] & 0x1F; min = 0x80;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		need = 2; cp = s[0] & 0x0F; min = 0x800;
		/* Second-byte limits exclude overlongs and surrogates. */
		if (s[0] == 0xE0)
			lo = 0xA0;
		else if (s[0] == 0xED)
			hi = 0x9F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		need = 3; cp = s[0] & 0x07; min = 0x10000;
		if (s[0] == 0xF0)
			lo = 0x90;
		else if (s[0] == 0xF4)
			hi = 0x8F;
	} else {
		*adv = 1;
		return -1;
	}
	for (i = 1; i <= need; i++) {
		if (i >= len || s[i] < lo || s[i] > hi) {
			*adv = i;
			return -1;
		}
		lo = 0x80;
		hi = 0xBF;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	*adv = need + 1;
	return cp >= min ? (int32_t)cp : -1;
}

/*
 * The tree holds only valid UTF-8, so this decodes by the lead byte alone
 * (it is the hot path of every writer).  It stays inside s[0..len) even
 * on malformed input, returning U+FFFD for a truncated sequence.
 */
uint32_t
utf8_next_other(const char *s, size_t len, size_t *pos)
{
	const unsigned char	*p = (const unsigned char *)s + *pos;
	size_t			 left = len - *pos;

	if (p[0] < 0x80) {
		*pos += 1;
		return p[0];
	}
	if (p[0] >= 0xE0 && p[0] < 0xF0 && left >= 3) {
		*pos += 3;
		return ((uint32_t)(p[0] & 0x0F) << 12) |
		    ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
	}
	if (p[0] >= 0xC0 && p[0] < 0xE0 && left >= 2) {
		*pos += 2;
		return ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
	}
	if (p[0] >= 0xF0 && p[0] < 0xF8 && left >= 4) {
		*pos += 4;
		return ((uint32_t)(p[0] & 0x07) << 18) |
		    ((uint32_t)(p[1] & 0x3F) << 12) |
		    ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
	}
	*pos += 1;
	return UC_REPLACEMENT;
}

uint32_t
utf8_prev(const char *s, size_t *pos)
{
	size_t	 start = *pos, adv;
	int32_t	 cp;

	if (start == 0)
		return 0;
	start--;
	while (start > 0 && *pos - start < 4 &&
	    ((unsigned char)s[start] & 0xC0) == 0x80)
		start--;
	cp = utf8_decode((const unsigned char *)s + start, *pos - start, &adv);
	if (cp < 0 || start + adv != *pos) {
		*pos -= 1;
		return UC_REPLACEMENT;
	}
	*pos = start;
	return (uint32_t)cp;
}

int
utf8_valid(const char *s, size_t len)
{
	size_t	 i = 0, adv;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if (utf8_decode((const unsigned char *)s + i, len - i, &adv) < 0)
			return 0;
		i += adv;
	}
	return 1;
}

size_t
utf8_repair(const char *data, size_t len, struct buf *out)
{
	size_t	 i = 0, run, adv, invalid = 0;

	buf_grow(out, len);
	while (i < len) {
		run = i;
		while (i < len && (unsigned char)data[i] < 0x80)
			i++;
		while (i < len && (unsigned char)data[i] >= 0x80) {
			if (utf8_is_plain3((const unsigned char *)data + i,
			    len - i)) {
				i += 3;
				continue;
			}
			if (utf8_decode((const unsigned char *)data + i,
			    len - i, &adv) < 0)
				break;
			i += adv;
		}
		buf_put(out, data + run, i - run);
		if (i < len && (unsigned char)data[i] >= 0x80) {
			utf8_decode((const unsigned char *)data + i, len - i,
			    &adv);
			BUF_PUTSL(out, "\xEF\xBF\xBD");
			invalid++;
			i += adv;
		}
	}
	return invalid;
}

size_t
utf8_prefix(const char *s, size_t len, size_t chars)
{
	size_t	 pos = 0;

	while (pos < len && chars-- > 0)
		utf8_next(s, len, &pos);
	return pos;
}

size_t
utf8_count(const char *s, size_t len)
{
	size_t	 i = 0, n = 0;

	/*
	 * Eight bytes a step: a continuation byte (10xxxxxx) has its top
	 * bit set and the next one clear; the others are counted, the
	 * flags summed by a multiplication (any byte order).
	 */
	for (; i + 8 <= len; i += 8) {
		uint64_t v, cont;

		memcpy(&v, s + i, 8);
		cont = (v & ~(v << 1) & 0x8080808080808080u) >> 7;
		n += 8 - (size_t)((cont * 0x0101010101010101u) >> 56);
	}
	for (; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

int
uc_digit(uint32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return (int)(cp - '0');
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return (int)(cp - 0xFF10);
	return -1;
}

int
uc_is_han(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) ||
	    (cp >= 0x3400 && cp <= 0x4DBF) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0x20000 && cp <= 0x3134F) ||
	    cp == 0x3007;		/* 〇 */
}

int
uc_is_cjk(uint32_t cp)
{
	return uc_is_han(cp) ||
	    (cp >= 0x3000 && cp <= 0x303F) ||	/* CJK symbols, punctuation */
	    (cp >= 0x3040 && cp <= 0x30FF) ||	/* kana */
	    (cp >= 0x3100 && cp <= 0x312F) ||	/* bopomofo */
	    (cp >= 0x31A0 && cp <= 0x31BF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) ||	/* Hangul syllables */
	    (cp >= 0xFE30 && cp <= 0xFE4F) ||	/* CJK compatibility forms */
	    (cp >= 0xFF01 && cp <= 0xFF60) ||	/* full-width forms */
	    (cp >= 0xFFE0 && cp <= 0xFFE6);
}

int
uc_is_punct(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) ||
		    (cp >= 0x5B && cp <= 0x60) || (cp >= 0x7B && cp <= 0x7E);
	return cp == 0xA1 || cp == 0xA7 || cp == 0xAB || cp == 0xB6 ||
	    cp == 0xB7 || cp == 0xBB || cp == 0xBF ||
	    (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E) ||
	    (cp >= 0x2E00 && cp <= 0x2E4F) || (cp >= 0x3001 && cp <= 0x3003) ||
	    (cp >= 0x3008 && cp <= 0x3011) || (cp >= 0x3014 && cp <= 0x301F) ||
	    cp == 0x3030 || cp == 0x303D || cp == 0x30FB ||
	    (cp >= 0xFE10 && cp <= 0xFE19) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
	    (cp >= 0xFE50 && cp <= 0xFE6B) || (cp >= 0xFF01 && cp <= 0xFF03) ||
	    (cp >= 0xFF05 && cp <= 0xFF0A) || (cp >= 0xFF0C && cp <= 0xFF0F) ||
	    cp == 0xFF1A || cp == 0xFF1B || cp == 0xFF1F || cp == 0xFF20 ||
	    (cp >= 0xFF3B && cp <= 0xFF3D) || cp == 0xFF3F || cp == 0xFF5B ||
	    cp == 0xFF5D || (cp >= 0xFF5F && cp <= 0xFF65);
}

int
uc_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	    cp == '\f' || cp == '\v' || cp == 0xA0 || cp == 0x1680 ||
	    (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
	    cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

int
uc_in(uint32_t cp, const uint32_t *set, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (cp == set[i])
			return 1;
	return 0;
}

int
uc_is_forbidden(uint32_t cp)
{
	if (cp < 0x20)
		return cp != '\t' && cp != '\n';
	return (cp >= 0x7F && cp <= 0x9F) ||
	    (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF;
}

struct range {
	uint32_t	 lo, hi;
};

/* Wide (W) and Full-width (F) blocks of UAX #11, coarsened to blocks. */
static const struct range wide[] = {
	{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A },
	{ 0x23E9, 0x23EC }, { 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 },
	{ 0x25FD, 0x25FE }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267F, 0x267F }, { 0x2693, 0x2693 }, { 0x26A1, 0x26A1 },
	{ 0x26AA, 0x26AB }, { 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 },
	{ 0x26CE, 0x26CE }, { 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA },
	{ 0x26F2, 0x26F3 }, { 0x26F5, 0x26F5 }, { 0x26FA, 0x26FA },
	{ 0x26FD, 0x26FD }, { 0x2705, 0x2705 }, { 0x270A, 0x270B },
	{ 0x2728, 0x2728 }, { 0x274C, 0x274C }, { 0x274E, 0x274E },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27B0, 0x27B0 }, { 0x27BF, 0x27BF }, { 0x2B1B, 0x2B1C },
	{ 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 }, { 0x2E80, 0x303E },
	{ 0x3041, 0x33FF }, { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF },
	{ 0xA000, 0xA4CF }, { 0xA960, 0xA97F }, { 0xAC00, 0xD7A3 },
	{ 0xF900, 0xFAFF }, { 0xFE10, 0xFE19 }, { 0xFE30, 0xFE6F },
	{ 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x16FE0, 0x16FE4 },
	{ 0x17000, 0x18CFF }, { 0x1B000, 0x1B2FF }, { 0x1F004, 0x1F004 },
	{ 0x1F0CF, 0x1F0CF }, { 0x1F18E, 0x1F18E }, { 0x1F191, 0x1F19A },
	{ 0x1F200, 0x1F251 }, { 0x1F300, 0x1F64F }, { 0x1F680, 0x1F6FF },
	{ 0x1F7E0, 0x1F7EB }, { 0x1F90C, 0x1F9FF }, { 0x1FA70, 0x1FAFF },
	{ 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
};

/* East Asian Ambiguous characters that occur in Chinese text. */
static const struct range ambiguous[] = {
	{ 0x00A1, 0x00A1 }, { 0x00A4, 0x00A4 }, { 0x00A7, 0x00A8 },
	{ 0x00AA, 0x00AA }, { 0x00AD, 0x00AE }, { 0x00B0, 0x00B4 },
	{ 0x00B6, 0x00BA }, { 0x00BC, 0x00BF }, { 0x00C6, 0x00C6 },
	{ 0x00D0, 0x00D0 }, { 0x00D7, 0x00D8 }, { 0x00DE, 0x00E1 },
	{ 0x00E6, 0x00E6 }, { 0x00E8, 0x00EA }, { 0x00EC, 0x00ED },
	{ 0x00F0, 0x00F0 }, { 0x00F2, 0x00F3 }, { 0x00F7, 0x00FA },
	{ 0x00FC, 0x00FC }, { 0x00FE, 0x00FE }, { 0x0391, 0x03A9 },
	{ 0x03B1, 0x03C9 }, { 0x0401, 0x0401 }, { 0x0410, 0x044F },
	{ 0x0451, 0x0451 }, { 0x2010, 0x2010 }, { 0x2013, 0x2016 },
	{ 0x2018, 0x2019 }, { 0x201C, 0x201D }, { 0x2020, 0x2022 },
	{ 0x2024, 0x2027 }, { 0x2030, 0x2030 }, { 0x2032, 0x2033 },
	{ 0x2035, 0x2035 }, { 0x203B, 0x203B }, { 0x203E, 0x203E },
	{ 0x2103, 0x2103 }, { 0x2105, 0x2105 }, { 0x2109, 0x2109 },
	{ 0x2116, 0x2116 }, { 0x2121, 0x2122 }, { 0x2160, 0x216B },
	{ 0x2170, 0x2179 }, { 0x2190, 0x2199 }, { 0x21D2, 0x21D2 },
	{ 0x21D4, 0x21D4 }, { 0x2200, 0x22FF }, { 0x2460, 0x24E9 },
	{ 0x24EB, 0x254B }, { 0x2550, 0x2573 }, { 0x2580, 0x258F },
	{ 0x2592, 0x2595 }, { 0x25A0, 0x25A1 }, { 0x25A3, 0x25A9 },
	{ 0x25B2, 0x25B3 }, { 0x25B6, 0x25B7 }, { 0x25BC, 0x25BD },
	{ 0x25C0, 0x25C1 }, { 0x25C6, 0x25C8 }, { 0x25CB, 0x25CB },
	{ 0x25CE, 0x25D1 }, { 0x25E2, 0x25E5 }, { 0x25EF, 0x25EF },
	{ 0x2605, 0x2606 }, { 0x2609, 0x2609 }, { 0x260E, 0x260F },
	{ 0x261C, 0x261C }, { 0x261E, 0x261E }, { 0x2640, 0x2640 },
	{ 0x2642, 0x2642 }, { 0x2660, 0x2665 }, { 0x2667, 0x266F },
	{ 0x2776, 0x277F }, { 0x3248, 0x324F }, { 0xE000, 0xF8FF },
	{ 0xFFFD, 0xFFFD },
};

static int
in_ranges(uint32_t cp, const struct range *r, size_t n)
{
	size_t	 lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

int
uc_width(uint32_t cp, int ambiguous_wide)
{
	if (cp >= 0x4E00 && cp <= 0x9FFF)
		return 2;		/* the common case: Han */
	if ((cp >= 0x3000 && cp <= 0x303E) || (cp >= 0xFF00 && cp <= 0xFF60))
		return 2;		/* next: CJK and full-width punctuation */
	if (cp < 0x300)
		return cp < 0x20 || cp == 0x7F ? 0 :
		    (ambiguous_wide && cp >= 0xA1 &&
		     in_ranges(cp, ambiguous,
		     sizeof(ambiguous) / sizeof(ambiguous[0]))) ? 2 : 1;
	if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x200B && cp <= 0x200F) ||
	    (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x3099 || cp == 0x309A ||
	    cp == 0xFEFF || (cp >= 0x20D0 && cp <= 0x20FF))
		return 0;
	if (in_ranges(cp, wide, sizeof(wide) / sizeof(wide[0])))
		return 2;
	if (ambiguous_wide && in_ranges(cp, ambiguous,
	    sizeof(ambiguous) / sizeof(ambiguous[0])))
		return 2;
	return 1;
}

size_t
utf8_width(const char *s, size_t len, int ambiguous_wide)
{
	size_t	 pos = 0, w = 0;

	while (pos < len)
		w += (size_t)uc_width(utf8_next(s, len, &pos), ambiguous_wide);
	return w;
}

void
utf8_fold(const char *s, struct buf *out)
{
	size_t		 pos = 0, len = strlen(s);
	uint32_t	 cp;

	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (uc_is_space(cp))
			continue;
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		buf_put_utf8(out, cp);
	}
}

size_t
utf8_skip_while(const char *s, size_t len, size_t pos, int (*in)(uint32_t))
{
	size_t	 q;

	while (pos < len) {
		q = pos;
		if (!in(utf8_next(s, len, &q)))
			break;
		pos = q;
	}
	return pos;
}

size_t
utf8_back_while(const char *s, size_t floor, size_t end, int (*in)(uint32_t))
{
	size_t	 q;

	while (end > floor) {
		q = end;
		if (!in(utf8_prev(s, &q)))
			break;
		end = q;
	}
	return end;
}

size_t
utf8_skip_space(const char *s, size_t len, size_t pos)
{
	return utf8_skip_while(s, len, pos, uc_is_space);
}

size_t
utf8_trim(const char *s, size_t len, size_t *start)
{
	size_t	 a = utf8_skip_while(s, len, 0, uc_is_space);

	*start = a;
	return utf8_back_while(s, a, len, uc_is_space) - a;
}
