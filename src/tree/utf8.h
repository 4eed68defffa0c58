/*
 * UTF-8 decoding and the character classes the converter needs.
 *
 * Text inside the document tree is always valid UTF-8 (readers convert and
 * repair input before building nodes), so utf8_next() may assume validity;
 * utf8_decode() is the checked form used at the reader boundary.
 */
#ifndef ARTCONV_UTF8_H
#define ARTCONV_UTF8_H

#include <stddef.h>
#include <stdint.h>

struct buf;

#define UC_REPLACEMENT 0xFFFDu

/*
 * Decodes one code point from s[0..len).  On success returns the code point
 * and stores its byte length in *adv.  On an invalid, overlong, surrogate or
 * truncated sequence returns -1 and stores in *adv how many bytes make up
 * the maximal invalid subpart (at least 1), as the Unicode standard
 * recommends for U+FFFD substitution.
 */
int32_t	 utf8_decode(const unsigned char *s, size_t len, size_t *adv);
/*
 * Whether u[0..left) starts with a three-byte sequence for U+1000..U+CFFF
 * (lead byte E1-EC): always well-formed, and never a character XML or
 * uc_is_forbidden() rejects.  Chinese text is mostly made of these, so
 * scanning loops test this before decoding.
 */
static inline int
utf8_is_plain3(const unsigned char *u, size_t left)
{
	return left >= 3 && u[0] >= 0xE1 && u[0] <= 0xEC &&
	    (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80;
}
/*
 * Decodes the code point at s[*pos], advancing *pos.  Valid UTF-8 is
 * assumed (no validation); it never reads past s[len - 1].  Inline for
 * ASCII and three-byte sequences (Chinese text), which most scanning
 * loops meet; utf8_next_other() decodes the rest.
 */
uint32_t utf8_next_other(const char *s, size_t len, size_t *pos);
static inline uint32_t
utf8_next(const char *s, size_t len, size_t *pos)
{
	const unsigned char	*p = (const unsigned char *)s + *pos;

	if (p[0] < 0x80) {
		*pos += 1;
		return p[0];
	}
	if (p[0] >= 0xE0 && p[0] < 0xF0 && len - *pos >= 3) {
		*pos += 3;
		return ((uint32_t)(p[0] & 0x0F) << 12) |
		    ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
	}
	return utf8_next_other(s, len, pos);
}
/* Decodes the code point that ends just before s[*pos], moving *pos back. */
uint32_t utf8_prev(const char *s, size_t *pos);
/* Returns 1 if s[0..len) is entirely valid UTF-8. */
int	 utf8_valid(const char *s, size_t len);
/*
 * Appends s[0..len) to out with U+FFFD for each maximal invalid subpart
 * (the W3C/Unicode practice); returns the number replaced.  Everything
 * entering the tree passes through it or an equivalent decoder.
 */
size_t	 utf8_repair(const char *s, size_t len, struct buf *out);
/*
 * Trimming valid UTF-8.  utf8_skip_while() returns the first position at
 * or after pos in s[0..len) whose character is not in the class `in`, or
 * len; utf8_back_while() the position at or after floor where the run of
 * such characters that ends s[floor..end) starts (end when there is
 * none).  The _space forms and utf8_trim() take white space of any width
 * as uc_is_space() does: ASCII white space, NBSP, U+3000 and the other
 * Unicode spaces.
 */
size_t	 utf8_skip_while(const char *s, size_t len, size_t pos,
	    int (*in)(uint32_t));
size_t	 utf8_back_while(const char *s, size_t floor, size_t end,
	    int (*in)(uint32_t));
/* pos moved past white space. */
size_t	 utf8_skip_space(const char *s, size_t len, size_t pos);
/*
 * The part of s[0..len) without white space at either end: returns its
 * length and stores its start in *start (len, and length 0, when s is
 * all white space).
 */
size_t	 utf8_trim(const char *s, size_t len, size_t *start);
/* Bytes of the first `chars` code points of valid UTF-8 s[0..len). */
size_t	 utf8_prefix(const char *s, size_t len, size_t chars);
/* Number of code points in valid UTF-8 s[0..len). */
size_t	 utf8_count(const char *s, size_t len);
/* Encodes cp into out (4 bytes room); returns the length. */
size_t	 utf8_encode(uint32_t cp, char *out);

/* Is cp one of set[0..n)?  (Small lists, such as line-breaking marks.) */
int	 uc_in(uint32_t cp, const uint32_t *set, size_t n);
/* Han ideograph (CJK Unified, extensions, compatibility). */
int	 uc_is_han(uint32_t cp);
/* The value of a decimal figure, 0-9 or its full-width form; else -1. */
int	 uc_digit(uint32_t cp);
/*
 * A character of CJK script or CJK punctuation: Han, kana, Hangul, bopomofo,
 * CJK symbols and punctuation (U+3000-303F), full-width forms.  This is the
 * "Chinese neighbour" test of the punctuation repair.
 */
int	 uc_is_cjk(uint32_t cp);
/*
 * Punctuation as CommonMark's emphasis rules see it: ASCII punctuation and
 * the Unicode P* categories (CJK marks such as 。“”《》（） included).
 */
int	 uc_is_punct(uint32_t cp);
/* White space of any width, including NBSP and U+3000. */
int	 uc_is_space(uint32_t cp);
/* Control characters and non-characters that no output should contain. */
int	 uc_is_forbidden(uint32_t cp);
/*
 * Display width in columns (UAX #11): 2 for Wide and Full-width, 0 for
 * combining marks and zero-width characters, 1 otherwise.  East Asian
 * Ambiguous characters (“ ” … — · ①) count 2 when ambiguous_wide is set,
 * as they do in Chinese text, else 1.
 */
int	 uc_width(uint32_t cp, int ambiguous_wide);
/* Sum of uc_width over valid UTF-8 s[0..len). */
size_t	 utf8_width(const char *s, size_t len, int ambiguous_wide);
/*
 * Appends valid UTF-8 string s to out folded for comparison: every white
 * space character (uc_is_space(): ASCII white space, NBSP, U+3000 and
 * the other Unicode spaces) left out, full-width ASCII (U+FF01-FF5E) as
 * ASCII.
 */
void	 utf8_fold(const char *s, struct buf *out);

#endif
