/*
 * The generated cover's layout and its SVG form (see cover.h).
 *
 * Sizes: the title takes the largest size, from 52 down to 8 units, at
 * which all of it fits a box of 440 x 380 units, in at most three lines
 * while the size stays above 36; below that, as many as it needs.  If a
 * line would then end inside a word, a size down to three quarters of
 * that one whose lines all end between words is taken instead.  A title
 * too long even at 8 units is cut after the last line that fits, with
 * "…": the cover is a picture, and the title page and the book's metadata
 * carry the whole title.  All coordinates are integers, so no locale can
 * change how they print.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/title_break.h"
#include "tree/alloc.h"
#include "tree/escape.h"
#include "tree/utf8.h"
#include "cover.h"
#include "epub_int.h"

#define TEXT_W		440	/* width of the text column */
#define TITLE_MAX_H	380	/* height the title may take */
#define TITLE_MAX_F	52	/* largest and smallest title sizes */
#define TITLE_MIN_F	8
#define TITLE_FEW_F	36	/* above it, rather 3 lines than more */
#define SMALL_F		22	/* kicker and subtitle */
#define FOOT_F		18	/* source and date */
#define ELLIPSIS_W	1000	/* "…", thousandths of an em */

#define SERIF	"'Songti SC','STSong','Noto Serif CJK SC'," \
		"'Source Han Serif SC','Noto Serif SC','SimSun',serif"

uint32_t
cover_color(enum cover_part part)
{
	switch (part) {
	case COVER_KICKER:
		return 0x9b1c1c;
	case COVER_TITLE:
		return 0x1a1a1a;
	case COVER_SUBTITLE:
		return 0x333333;
	default:
		return 0x444444;
	}
}

int
cover_bold(enum cover_part part)
{
	return part == COVER_TITLE;
}

/* "2021年10月14日" for a date that starts YYYY-MM-DD, else the text. */
static char *
cover_date(const char *date)
{
	struct buf	 b = BUF_INIT;
	int		 y, m, d;

	if (sscanf(date, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 &&
	    m <= 12 && d >= 1 && d <= 31)
		buf_printf(&b, "%d年%d月%d日", y, m, d);
	else
		buf_puts(&b, date);
	return buf_detach(&b, NULL);
}

char *
cover_text(const struct epub_cover *c, enum cover_part part)
{
	const char	*s = NULL;

	switch (part) {
	case COVER_KICKER:
		s = c->kicker;
		break;
	case COVER_TITLE:
		s = c->title;
		break;
	case COVER_SUBTITLE:
		s = c->subtitle;
		break;
	case COVER_SOURCE:
		s = c->source;
		break;
	case COVER_DATE:
		if (c->date != NULL && c->date[0] != '\0')
			return cover_date(c->date);
		break;
	default:
		break;
	}
	return s != NULL && s[0] != '\0' ? xstrdup(s) : NULL;
}

/*
 * Adds the lines of part, broken at size f (nothing for an absent part);
 * the first baseline is y, then every step.  Returns the line count.
 */
static size_t
add_lines(struct cover_layout *l, enum cover_part part, int f, int y,
    int step, const struct title_line *tl, size_t n)
{
	const char	*s = l->text[part];
	size_t		 i;

	for (i = 0; i < n; i++, y += step) {
		struct cover_line *c = &l->line[l->n++];

		memset(c, 0, sizeof(*c));
		c->part = part;
		c->s = s + tl[i].off;
		c->len = tl[i].len;
		c->size = f;
		c->y = y;
	}
	return n;
}

/* Breaks a part's text at size f over the text column; NULL-safe. */
static size_t
break_part(const char *s, const int *adv, int f, size_t max_lines,
    struct title_line **out, size_t *splits)
{
	size_t	 len = s != NULL ? strlen(s) : 0;

	*out = xcalloc(len + 1, sizeof(**out));
	*splits = 0;
	return len > 0 ? title_break(s, len, adv, (long)TEXT_W * 1000 / f,
	    max_lines, *out, splits) : 0;
}

/* Does a title of n lines fit its box at size f? */
static int
title_fits(size_t n, int f)
{
	return (int)n * (f * 14 / 10) <= TITLE_MAX_H &&
	    (n <= 3 || f <= TITLE_FEW_F);
}

/*
 * The title's size: the largest at which it fits, or a smaller one, down
 * to three quarters of it, at which no line ends inside a word.
 */
static int
title_size(const char *s, const int *adv)
{
	struct title_line *tl;
	size_t		 n, splits;
	int		 f, first = 0;

	for (f = TITLE_MAX_F; f >= TITLE_MIN_F; f -= 2) {
		n = break_part(s, adv, f, f > TITLE_FEW_F ? 3 : 0, &tl,
		    &splits);
		free(tl);
		if (!title_fits(n, f))
			continue;
		if (first == 0)
			first = f;
		if (splits == 0)
			return f;
		if (f - 2 < first * 3 / 4)
			break;
	}
	return first != 0 ? first : TITLE_MIN_F;
}

/* The width of s[off..off+len) in thousandths of an em. */
static long
span_width(const char *s, const int *adv, size_t off, size_t len)
{
	size_t	 pos = 0, k = 0;
	long	 w = 0;

	while (pos < off) {
		utf8_next(s, off, &pos);
		k++;
	}
	pos = off;
	while (pos < off + len) {
		uint32_t cp = utf8_next(s, off + len, &pos);

		w += adv != NULL ? adv[k] : title_advance(cp);
		k++;
	}
	return w;
}

/*
 * Cuts the title to the lines that fit max_h at size f; the last one is
 * shortened until "…" fits after it.
 */
static size_t
cut_title(const char *s, const int *adv, int f, int lh, int max_h,
    struct title_line *tl, size_t n)
{
	size_t	 keep = (size_t)(max_h / lh), pos;
	long	 cap = (long)TEXT_W * 1000 / f;

	if (keep < 1)
		keep = 1;
	if (keep >= n)
		return n;
	while (tl[keep - 1].len > 0 && span_width(s, adv, tl[keep - 1].off,
	    tl[keep - 1].len) + ELLIPSIS_W > cap) {
		pos = tl[keep - 1].off + tl[keep - 1].len;
		utf8_prev(s, &pos);
		tl[keep - 1].len = pos - tl[keep - 1].off;
	}
	return keep;
}

void
cover_layout(char *text[COVER__PARTS], const int *const adv[COVER__PARTS],
    struct cover_layout *l)
{
	struct title_line *tl, *kl, *sl, *srcl, *dl;
	size_t		 nt, nk, ns, nsrc, nd, total, splits, i;
	int		 f, lh, block, y;

	memset(l, 0, sizeof(*l));
	for (i = 0; i < COVER__PARTS; i++)
		l->text[i] = text[i];
	f = title_size(text[COVER_TITLE], adv[COVER_TITLE]);
	lh = f * 14 / 10;
	nt = break_part(text[COVER_TITLE], adv[COVER_TITLE], f,
	    f > TITLE_FEW_F ? 3 : 0, &tl, &splits);
	total = nt;
	nt = cut_title(text[COVER_TITLE], adv[COVER_TITLE], f, lh,
	    TITLE_MAX_H, tl, nt);
	nk = break_part(text[COVER_KICKER], adv[COVER_KICKER], SMALL_F, 0,
	    &kl, &splits);
	ns = break_part(text[COVER_SUBTITLE], adv[COVER_SUBTITLE], SMALL_F, 0,
	    &sl, &splits);
	nsrc = break_part(text[COVER_SOURCE], adv[COVER_SOURCE], FOOT_F, 0,
	    &srcl, &splits);
	nd = break_part(text[COVER_DATE], adv[COVER_DATE], FOOT_F, 0, &dl,
	    &splits);
	l->line = xcalloc(nt + nk + ns + nsrc + nd + 1, sizeof(*l->line));

	/* Kicker, title, rule and subtitle, centred around y = 420. */
	block = (int)nk * 32 + (nk ? 16 : 0) + (int)nt * lh + 64 +
	    (int)ns * 34;
	y = 420 - block / 2;
	if (y < 110)
		y = 110;
	y += (int)add_lines(l, COVER_KICKER, SMALL_F, y + SMALL_F, 32,
	    kl, nk) * 32 + (nk ? 16 : 0);
	y += (int)add_lines(l, COVER_TITLE, f, y + f, lh, tl, nt) * lh;
	if (nt < total)
		l->line[l->n - 1].ellipsis = 1;
	l->rule_y = y + 28;
	add_lines(l, COVER_SUBTITLE, SMALL_F, y + 64 + SMALL_F, 34, sl,
	    ns);

	/* Source and date at the foot. */
	y = 832 - (int)(nsrc + nd - (nsrc + nd > 0)) * 28;
	y += (int)add_lines(l, COVER_SOURCE, FOOT_F, y, 28, srcl,
	    nsrc) * 28;
	add_lines(l, COVER_DATE, FOOT_F, y, 28, dl, nd);
	free(tl);
	free(kl);
	free(sl);
	free(srcl);
	free(dl);
}

void
cover_layout_free(struct cover_layout *l)
{
	size_t	 i;

	for (i = 0; i < COVER__PARTS; i++)
		free(l->text[i]);
	free(l->line);
	memset(l, 0, sizeof(*l));
}

void
epub_cover_svg_start(struct buf *b, const char *lang, const char *title,
    size_t len)
{
	BUF_PUTSL(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" ");
	buf_printf(b, "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	    "xml:lang=\"", COVER_W, COVER_H, COVER_W, COVER_H);
	esc_xml_attr(b, lang, strlen(lang));
	BUF_PUTSL(b, "\">\n<title>");
	esc_xml_text(b, title, len);
	BUF_PUTSL(b, "</title>\n");
}

void
epub_cover_svg(struct buf *b, const char *lang, const struct epub_cover *c)
{
	struct cover_layout	 l;
	const int		*adv[COVER__PARTS] = { NULL };
	char			*text[COVER__PARTS];
	const struct cover_line	*ln;
	size_t			 i;

	for (i = 0; i < COVER__PARTS; i++)
		text[i] = cover_text(c, (enum cover_part)i);
	cover_layout(text, adv, &l);

	epub_cover_svg_start(b, lang, c->title, strlen(c->title));
	buf_printf(b,
	    "<rect width=\"%d\" height=\"%d\" fill=\"#f7f2e8\"/>\n"
	    "<rect x=\"30\" y=\"30\" width=\"540\" height=\"840\" "
	    "fill=\"none\" stroke=\"#%06x\" stroke-width=\"3\"/>\n"
	    "<rect x=\"40\" y=\"40\" width=\"520\" height=\"820\" "
	    "fill=\"none\" stroke=\"#%06x\" stroke-width=\"1\"/>\n"
	    "<rect x=\"%d\" y=\"%d\" width=\"60\" height=\"3\" "
	    "fill=\"#%06x\"/>\n"
	    "<g font-family=\"" SERIF "\">\n", COVER_W, COVER_H,
	    (unsigned)cover_color(COVER_KICKER),
	    (unsigned)cover_color(COVER_KICKER), COVER_W / 2 - 30, l.rule_y,
	    (unsigned)cover_color(COVER_KICKER));
	for (i = 0; i < l.n; i++) {
		ln = &l.line[i];
		buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" "
		    "text-anchor=\"middle\"%s fill=\"#%06x\">", COVER_W / 2,
		    ln->y, ln->size, cover_bold(ln->part) ?
		    " font-weight=\"bold\"" : "",
		    (unsigned)cover_color(ln->part));
		esc_xml_text(b, ln->s, ln->len);
		if (ln->ellipsis)
			BUF_PUTSL(b, "…");
		BUF_PUTSL(b, "</text>\n");
	}
	BUF_PUTSL(b, "</g>\n</svg>\n");
	cover_layout_free(&l);
}
