/*
 * The generated cover: an SVG page laying out kicker, title, subtitle,
 * source and date for Chinese text (see epub_int.h).
 *
 * SVG has no line breaking, so lines are broken here.  Widths are
 * estimated in tenths of an em: 10 for wide and full-width characters
 * (“” … — count as wide: in Chinese fonts they are), 6 for the rest.  The
 * text is centred, so a wrong estimate only shifts a line's margins.
 * All coordinates are integers, so no locale can change how they print.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "epub_int.h"
#include "../src/alloc.h"
#include "../src/escape.h"
#include "../src/utf8.h"

#define COVER_W		600
#define COVER_H		900
#define TEXT_W		440	/* width of the text column */
#define TITLE_MAX_H	380	/* height the title may take */
#define TITLE_MAX_F	52	/* largest and smallest title sizes */
#define TITLE_MIN_F	8
#define TITLE_FEW_F	36	/* above it, rather 3 lines than more */
#define SMALL_F		22	/* kicker and subtitle */
#define FOOT_F		18	/* source and date */
#define RED		"#9b1c1c"

#define SERIF	"'Songti SC','STSong','Noto Serif CJK SC'," \
		"'Source Han Serif SC','Noto Serif SC','SimSun',serif"

struct cline {
	size_t	 off, len;	/* bytes of the line in the text */
};

static int
cp_tenths(uint32_t cp)
{
	switch (uc_width(cp, 1)) {
	case 2:
		return 10;
	case 1:
		return 6;
	default:
		return 0;
	}
}

static int
is_space(uint32_t cp)
{
	return cp == ' ' || cp == 0x3000;
}

static int
is_alnum(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
	    (cp >= 'A' && cp <= 'Z');
}

/* Closing marks, which may not start a line (clreq, basic level). */
static int
no_line_start(uint32_t cp)
{
	static const uint32_t marks[] = {
		0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF01,
		0xFF1F, 0xFF09, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011,
		0x3015, 0x3017, 0x201D, 0x2019, 0x2026, 0x2014, 0x00B7,
		0x30FB, 0xFF5E, '%', ')', ']', '}', ',', '.', ':', ';', '!',
		'?'
	};
	size_t	 i;

	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (cp == marks[i])
			return 1;
	return 0;
}

/* Opening marks, which may not end a line. */
static int
no_line_end(uint32_t cp)
{
	static const uint32_t marks[] = {
		0xFF08, 0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014,
		0x3016, 0x201C, 0x2018, '(', '[', '{'
	};
	size_t	 i;

	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (cp == marks[i])
			return 1;
	return 0;
}

/* May a line end between a and b?  Spaces break after themselves. */
static int
can_break(uint32_t a, uint32_t b)
{
	if (is_space(b))
		return 0;
	if (is_space(a))
		return 1;
	return !no_line_start(b) && !no_line_end(a) &&
	    !(is_alnum(a) && is_alnum(b));
}

/* Records s[start..end) as a line without its outer spaces. */
static size_t
emit(const char *s, size_t start, size_t end, struct cline *out, size_t n)
{
	size_t		 pos;

	while (start < end) {
		pos = start;
		if (!is_space(utf8_next(s, end, &pos)))
			break;
		start = pos;
	}
	while (end > start) {
		pos = end;
		if (!is_space(utf8_prev(s, &pos)))
			break;
		end = pos;
	}
	if (end == start)
		return n;
	if (out != NULL) {
		out[n].off = start;
		out[n].len = end - start;
	}
	return n + 1;
}

/*
 * Breaks s into lines of at most cap tenths of an em, greedily, at the
 * last allowed break; a run with no allowed break is cut where it
 * overflows.  A closing mark may hang one em past the measure rather than
 * start the next line.  Stores the lines in out (room for len + 1) unless
 * NULL and returns their number.
 */
static size_t
wrap(const char *s, size_t len, int cap, struct cline *out)
{
	size_t		 pos = 0, at, start = 0, brk = 0, n = 0;
	int		 w = 0, wbrk = 0, cw;
	uint32_t	 cp, prev = 0;

	while (pos < len) {
		at = pos;
		cp = utf8_next(s, len, &pos);
		cw = cp_tenths(cp);
		if (at > start && can_break(prev, cp)) {
			brk = at;
			wbrk = w;
		}
		if (at > start && w + cw > cap &&
		    !(no_line_start(cp) && w + cw <= cap + 10)) {
			if (brk > start) {
				n = emit(s, start, brk, out, n);
				start = brk;
				w -= wbrk;
			} else {
				n = emit(s, start, at, out, n);
				start = at;
				w = 0;
			}
			brk = start;
		}
		w += cw;
		prev = cp;
	}
	return emit(s, start, len, out, n);
}

static int
text_width(const char *s, size_t len)
{
	size_t	 pos = 0;
	int	 w = 0;

	while (pos < len)
		w += cp_tenths(utf8_next(s, len, &pos));
	return w;
}

/*
 * How bad a set of lines looks: the spread between the longest and the
 * shortest, plus a penalty for each line that ends inside a phrase rather
 * than after punctuation or a space (which is where a Chinese title
 * should break).
 */
static int
badness(const char *s, size_t len, const struct cline *l, size_t n)
{
	size_t		 i, pos, end;
	int		 w, lo = 0, hi = 0, bad = 0;
	uint32_t	 last;

	for (i = 0; i < n; i++) {
		w = text_width(s + l[i].off, l[i].len);
		if (i == 0 || w < lo)
			lo = w;
		if (i == 0 || w > hi)
			hi = w;
		if (i + 1 == n)
			continue;
		end = l[i].off + l[i].len;
		pos = end;
		last = utf8_prev(s, &pos);
		if (!no_line_start(last) && !(end < len && is_space(
		    utf8_next(s, len, &end))))
			bad += 30;
	}
	return hi - lo + bad;
}

/*
 * Like wrap(), but among the measures up to cap that need no more lines,
 * the one whose lines are most even and end best, so a title reads as
 * balanced lines broken between phrases.
 */
static size_t
wrap_balanced(const char *s, size_t len, int cap, struct cline *out)
{
	size_t		 n = wrap(s, len, cap, out);
	int		 c, best = cap, score, least = -1;

	if (n <= 1)
		return n;
	for (c = text_width(s, len) / (int)n; ; c += 5) {
		if (c > cap)
			c = cap;
		if (wrap(s, len, c, out) <= n) {
			score = badness(s, len, out, n);
			if (least < 0 || score < least) {
				least = score;
				best = c;
			}
		}
		if (c == cap)
			break;
	}
	return wrap(s, len, best, out);
}

/* Writes the lines as centred <text> elements from baseline y on. */
static int
put_lines(struct buf *b, const char *s, const struct cline *l, size_t n,
    int y, int size, int step, const char *attrs)
{
	size_t	 i;

	for (i = 0; i < n; i++, y += step) {
		buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"%d\"%s>",
		    COVER_W / 2, y, size, attrs);
		esc_xml_text(b, s + l[i].off, l[i].len);
		BUF_PUTSL(b, "</text>\n");
	}
	return y;
}

/* Lines of text s at font size f over the whole column; NULL-safe. */
static size_t
small_lines(const char *s, int f, struct cline **out)
{
	size_t	 len = s != NULL ? strlen(s) : 0;

	*out = xcalloc(len + 1, sizeof(**out));
	return len > 0 ? wrap_balanced(s, len, TEXT_W * 10 / f, *out) : 0;
}

/* "2021年10月14日" for a date that starts YYYY-MM-DD, else the text. */
static void
cover_date(const char *date, struct buf *b)
{
	int	 y, m, d;

	if (date == NULL || date[0] == '\0')
		return;
	if (sscanf(date, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 &&
	    m <= 12 && d >= 1 && d <= 31)
		buf_printf(b, "%d年%d月%d日", y, m, d);
	else
		buf_puts(b, date);
}

void
epub_cover_svg(struct buf *b, const char *lang, const struct epub_cover *c)
{
	struct cline	*tl, *kl, *sl, *srcl, *dl;
	struct buf	 date = BUF_INIT;
	size_t		 tlen = strlen(c->title), nt = 0, nk, ns, nsrc, nd;
	int		 f, lh = 0, block, y;

	tl = xcalloc(tlen + 1, sizeof(*tl));
	/*
	 * The largest size at which the whole title fits its box, in at
	 * most three lines while the size stays generous.
	 */
	for (f = TITLE_MAX_F; f >= TITLE_MIN_F; f -= 2) {
		nt = wrap_balanced(c->title, tlen, TEXT_W * 10 / f, tl);
		lh = f * 14 / 10;
		if (((int)nt * lh <= TITLE_MAX_H && (nt <= 3 ||
		    f <= TITLE_FEW_F)) || f == TITLE_MIN_F)
			break;
	}
	nk = small_lines(c->kicker, SMALL_F, &kl);
	ns = small_lines(c->subtitle, SMALL_F, &sl);
	nsrc = small_lines(c->source, FOOT_F, &srcl);
	cover_date(c->date, &date);
	nd = small_lines(date.ptr, FOOT_F, &dl);

	BUF_PUTSL(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" ");
	buf_printf(b, "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	    "xml:lang=\"", COVER_W, COVER_H, COVER_W, COVER_H);
	esc_xml_attr(b, lang, strlen(lang));
	BUF_PUTSL(b, "\">\n<title>");
	esc_xml_text(b, c->title, tlen);
	BUF_PUTSL(b, "</title>\n"
	    "<rect width=\"600\" height=\"900\" fill=\"#f7f2e8\"/>\n"
	    "<rect x=\"30\" y=\"30\" width=\"540\" height=\"840\" "
	    "fill=\"none\" stroke=\"" RED "\" stroke-width=\"3\"/>\n"
	    "<rect x=\"40\" y=\"40\" width=\"520\" height=\"820\" "
	    "fill=\"none\" stroke=\"" RED "\" stroke-width=\"1\"/>\n"
	    "<g text-anchor=\"middle\" font-family=\"" SERIF "\">\n");

	/* Kicker, title, rule and subtitle, centred around y = 420. */
	block = (int)nk * 32 + (nk ? 16 : 0) + (int)nt * lh + 64 +
	    (int)ns * 34;
	y = 420 - block / 2;
	if (y < 110)
		y = 110;
	y = put_lines(b, c->kicker, kl, nk, y + SMALL_F, SMALL_F, 32,
	    " fill=\"" RED "\"") - SMALL_F + (nk ? 16 : 0);
	y = put_lines(b, c->title, tl, nt, y + f, f, lh,
	    " font-weight=\"bold\" fill=\"#1a1a1a\"") - f;
	buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"60\" height=\"3\" "
	    "fill=\"" RED "\"/>\n", COVER_W / 2 - 30, y + 28);
	put_lines(b, c->subtitle, sl, ns, y + 64 + SMALL_F, SMALL_F, 34,
	    " fill=\"#333333\"");

	/* Source and date at the foot. */
	y = 832 - (int)(nsrc + nd - (nsrc + nd > 0)) * 28;
	y = put_lines(b, c->source, srcl, nsrc, y, FOOT_F, 28,
	    " fill=\"#444444\"");
	put_lines(b, date.ptr, dl, nd, y, FOOT_F, 28, " fill=\"#444444\"");
	BUF_PUTSL(b, "</g>\n</svg>\n");
	free(tl);
	free(kl);
	free(sl);
	free(srcl);
	free(dl);
	buf_free(&date);
}
