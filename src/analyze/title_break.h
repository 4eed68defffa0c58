/*
 * Line breaks for a title set in a fixed measure: the EPUB's generated
 * cover and the DOCX official title share them.
 *
 * GB/T 9704-2012 §7.3.1 asks that a title that wraps keep its words whole
 * and its lines balanced (回行时，要做到词意完整，排列对称，长短适宜).  There is no
 * word list here, so "whole words" rests on what Chinese writing marks:
 * a break is clean after clause punctuation (，、；：), after a closing
 * quotation mark or bracket, before an opening one, at a space and where
 * Han text meets Latin letters; fair before 关于 and after 的, which join
 * the parts of an official title (发文机关 + 关于 + 事由 + 的 + 文种); and
 * costly anywhere else between two Han characters, where it may split a
 * word.  Line-start and line-end prohibitions (clreq, basic level) are
 * never broken, nor a run of Latin letters or digits.
 *
 * Among the layouts that fit, the breaker takes the one with the least
 * cost: the squared difference of each line from the average width, plus
 * the cost of each break, plus a cost for a line more than the fewest
 * possible (one more is considered).
 */
#ifndef ARTCONV_TITLE_BREAK_H
#define ARTCONV_TITLE_BREAK_H

#include <stddef.h>
#include <stdint.h>

/* One line: bytes s[off..off+len), outer spaces trimmed. */
struct title_line {
	size_t	 off, len;
};

/*
 * Estimated advance of cp in thousandths of an em: 1000 for wide and
 * full-width characters, and for “” ‘’ … — which Chinese fonts set full
 * width; 600 for other visible characters (generous for Latin text); 0
 * for zero-width ones.
 */
int	 title_advance(uint32_t cp);
/*
 * Breaks the valid UTF-8 s[0..len) into lines at most cap wide, in
 * thousandths of an em.  adv gives the advance of each code point of s in
 * order, in the same unit (measured by the caller in the font it sets),
 * or is NULL for title_advance().  A line never gets more than cap unless
 * a run that may not be broken is wider; such a run is cut where it
 * overflows.  With max_lines > 0 the extra balanced line is only
 * considered within that many lines.
 *
 * out needs room for one line per code point (utf8_count(s, len) + 1
 * entries is always enough).  Returns the number of lines, 0 for empty or
 * all-space text.  When splits is not NULL it receives the number of
 * lines that end where a word may be split (between two Han characters,
 * or a number and its unit) or a run is cut.
 */
size_t	 title_break(const char *s, size_t len, const int *adv, long cap,
	    size_t max_lines, struct title_line *out, size_t *splits);

/*
 * Splits the valid UTF-8 s[0..len) into phrases for a title set by a
 * reading engine, whose width is unknown here: the pieces between the
 * clean and fair breaks above (after clause punctuation and closing
 * quotes, before opening ones, at spaces, before 关于, after 的), so that
 * a page can keep each phrase on one line while it fits.  The phrases
 * cover s exactly, in order (spaces stay at the end of the phrase they
 * follow).  out needs room for utf8_count(s, len) + 1 entries.  Returns
 * the number of phrases, 0 for empty text.
 */
size_t	 title_phrases(const char *s, size_t len, struct title_line *out);

#endif
