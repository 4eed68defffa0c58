/*
 * Vertical books (--vertical, 竖排): the stylesheet additions, the pass
 * over each finished XHTML document, and the vertical cover.  See
 * epub_int.h; formats/epub/epub.c decides when they apply.
 *
 * What a reader needs, and who does it:
 *
 *   - Columns top to bottom, right to left: writing-mode vertical-rl on
 *     the root element (the -epub- and -webkit- forms for Readium, older
 *     Apple Books and Kobo engines), and page-progression-direction="rtl"
 *     on the spine (epub_pkg.c), so pages turn the Chinese way.
 *   - Punctuation in its vertical forms: the reading system's job, not
 *     the text's.  In vertical-rl with text-orientation mixed, every
 *     engine shapes text with the font's OpenType 'vert' feature, which
 *     every CJK font has for 。，、：；！？（）《》「」『』【】…—; the
 *     marks move to the top right and the brackets turn.  The Unicode
 *     "PRESENTATION FORM FOR VERTICAL" characters (U+FE10-FE19,
 *     U+FE30-FE4F) are compatibility characters for legacy systems: written
 *     into the text they would break search, copying and speech, and show
 *     sideways the moment a reader lays the book out horizontally.  So the
 *     text keeps its ordinary marks.
 *   - Except the curly quotes “ ” ‘ ’, which no font's 'vert' turns:
 *     Unicode gives them Vertical_Orientation R, so they lie on their side
 *     between upright characters.  Vertical Chinese uses corner brackets
 *     instead (GB/T 15834-2011; clreq: "弯引号用于横排、直角引号用于直排"):
 *     on the mainland, double quotes first, “”→『』 and ‘’→「」; in
 *     Taiwan and Hong Kong single first, “”→「」 and ‘’→『』.  An
 *     apostrophe between Latin letters stays.
 *   - Numbers of one or two digits stand upright, set across in one
 *     character's width (縦中横): text-combine-upright all, -epub-text-
 *     combine horizontal and -webkit-text-combine horizontal on a span
 *     around each such number.  (text-combine-upright: digits 2, which
 *     would need no markup, is not implemented by Blink or WebKit.)
 *     Longer numbers, dates and times (2021, 14:46, 10.6) and Latin words
 *     are set sideways, reading top to bottom: text-orientation mixed.
 *   - The cover is an SVG image, laid out here in columns; the title page
 *     and the contents follow the stylesheet.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tree/alloc.h"
#include "tree/escape.h"
#include "tree/utf8.h"
#include "epub_int.h"

/*
 * Added after epub_css.  The horizontal rules' physical margins and
 * paddings are turned a quarter: what was above a block (margin-top) is
 * now to its right (margin-right), the indent from the left edge is now
 * from the top.
 */
const char epub_css_vertical[] =
"/* Vertical writing. */\n"
"html {\n"
"  -epub-writing-mode: vertical-rl;\n"
"  -webkit-writing-mode: vertical-rl;\n"
"  writing-mode: vertical-rl;\n"
"  -epub-text-orientation: mixed;\n"
"  -webkit-text-orientation: mixed;\n"
"  text-orientation: mixed;\n"
"}\n"
"h1, h2, h3, h4, h5, h6 { margin: 0 1em 0 0.5em; }\n"
"h1.l1 { margin: 0 1.5em 0 1em; }\n"
"blockquote { margin: 2em 0.5em 0 0.5em; }\n"
"ul, ol { margin: 0 0.5em; padding-left: 0; padding-top: 2em; }\n"
"table { margin: 0 0.8em; }\n"
"figure { margin: 0 1em; }\n"
"figure img { max-width: 90vw; max-height: 90vh; }\n"
"hr {\n"
"  border: 0;\n"
"  border-right: 1px solid #777;\n"
"  width: 0;\n"
"  height: 30%;\n"
"  margin: auto 1.5em;\n"
"}\n"
"section.titlepage, body.titlepage section { padding-top: 0; "
"padding-right: 3em; }\n"
"h1.title { margin: 0 2em 0 0.8em; }\n"
"p.kicker { margin-top: 0; margin-right: 2em; }\n"
"p.meta { margin-top: 0; margin-right: 2em; }\n"
"nav ol { padding-left: 0; padding-top: 1.5em; }\n"
"nav > ol { padding-top: 0; }\n"
"nav li { margin: 0 0.2em; }\n"
/* 縦中横: a number of one or two digits, upright in one column. */
"span.tcy {\n"
"  -epub-text-combine: horizontal;\n"
"  -webkit-text-combine: horizontal;\n"
"  text-combine-upright: all;\n"
"}\n";

/* ------------------------------------------------------------ the pass */

/* Does lang name Traditional Chinese (single quotes first)? */
static int
single_first(const char *lang)
{
	return writer_lang_hant(lang);
}

static int
ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* Characters that make a digit part of a longer token (10.6, 14:46, 3%). */
static int
token_char(unsigned char c)
{
	return ascii_alnum(c) || (c != '\0' && strchr(".,:/%+-_#", c) != NULL);
}

/*
 * The corner bracket for the curly quote at s[i..i+3), or NULL when it
 * stays (not a quote, or an apostrophe between Latin letters).
 */
static const char *
corner(const char *s, size_t len, size_t i, int hant)
{
	unsigned char	 c;

	if (len - i < 3 || (unsigned char)s[i] != 0xE2 ||
	    (unsigned char)s[i + 1] != 0x80)
		return NULL;
	c = (unsigned char)s[i + 2];
	switch (c) {
	case 0x9C:				/* “ */
		return hant ? "「" : "『";
	case 0x9D:				/* ” */
		return hant ? "」" : "』";
	case 0x98:				/* ‘ */
		return hant ? "『" : "「";
	case 0x99:				/* ’ */
		if (i > 0 && i + 3 < len &&
		    ascii_alnum((unsigned char)s[i - 1]) &&
		    ascii_alnum((unsigned char)s[i + 3]))
			return NULL;		/* China’s */
		return hant ? "』" : "」";
	default:
		return NULL;
	}
}

void
epub_verticalize_text(struct buf *text, const char *lang)
{
	const char	*rep;
	size_t		 i;
	int		 hant = single_first(lang);

	/* Curly quotes and corner brackets are all three bytes long. */
	for (i = 0; i + 3 <= text->len; i++)
		if ((unsigned char)text->ptr[i] == 0xE2 &&
		    (rep = corner(text->ptr, text->len, i, hant)) != NULL) {
			memcpy(text->ptr + i, rep, 3);
			i += 2;
		}
}

void
epub_verticalize(struct buf *xhtml, const char *lang)
{
	struct buf	 out = BUF_INIT;
	const char	*s;
	size_t		 len, i = 0, j, run = 0, tag = 0;
	int		 in_tag = 0, in_quote = 0, body = 0;

	epub_verticalize_text(xhtml, lang);
	s = xhtml->ptr;
	len = xhtml->len;
	buf_grow(&out, len + len / 8);
	/* Numbers in the body's text (not in tags, not in <head>). */
	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (in_tag) {
			if (c == '"')
				in_quote = !in_quote;
			else if (c == '>' && !in_quote) {
				in_tag = 0;
				if (!body && i - tag >= 5 &&
				    memcmp(s + tag, "<body", 5) == 0)
					body = 1;
			}
			i++;
			continue;
		}
		if (c == '<') {
			in_tag = 1;
			in_quote = 0;
			tag = i++;
			continue;
		}
		if (!body || c < '0' || c > '9') {
			i++;
			continue;
		}
		for (j = i; j < len && s[j] >= '0' && s[j] <= '9'; j++)
			;
		if (j - i <= 2 && !token_char(i > 0 ?
		    (unsigned char)s[i - 1] : 0) &&
		    !token_char(j < len ? (unsigned char)s[j] : 0)) {
			buf_put(&out, s + run, i - run);
			BUF_PUTSL(&out, "<span class=\"tcy\">");
			buf_put(&out, s + i, j - i);
			BUF_PUTSL(&out, "</span>");
			run = j;
		}
		i = j;
	}
	buf_put(&out, s + run, len - run);
	buf_free(xhtml);
	*xhtml = out;
}

/* ------------------------------------------------------------ the cover */

#define COVER_W		600
#define COVER_H		900
#define TOP		130	/* columns start here */
#define BOTTOM		790	/* and end before here */
#define TITLE_MAX_F	60
#define TITLE_MIN_F	14
#define TITLE_MAX_COLS	4	/* while the size stays above TITLE_FEW_F */
#define TITLE_FEW_F	36
#define TITLE_BOX_W	420	/* width the title columns may take */
#define SMALL_F		24	/* kicker and subtitle */
#define FOOT_F		18	/* source and date */
#define RED		"#9b1c1c"

#define SERIF	"'Songti SC','STSong','Noto Serif CJK SC'," \
		"'Source Han Serif SC','Noto Serif SC','SimSun',serif"
#define SERIF_TC "'Songti TC','Noto Serif CJK TC','Source Han Serif TC'," \
		"'Noto Serif TC','PMingLiU',serif"

/*
 * SVG renderers differ in vertical text (MuPDF and some reading systems
 * ignore writing-mode in SVG), so the cover places every character itself:
 * a Han character upright in its cell; brackets, quotes, the colon and
 * semicolon, dashes and ellipses turned a quarter, as the font's vertical
 * forms are; the comma, the full stop and the enumeration comma moved from
 * the bottom left of their cell to the top right; a number of one or two
 * digits across one cell; other Latin text turned sideways.  The ordinary
 * characters are drawn, not the "PRESENTATION FORM FOR VERTICAL" ones,
 * which many fonts lack (MuPDF's built-in CJK font among them).
 */
static int
turned(uint32_t cp)
{
	static const uint32_t marks[] = {
		0xFF08, 0xFF09, 0x3014, 0x3015, 0x3010, 0x3011, 0x300A, 0x300B,
		0x3008, 0x3009, 0x300C, 0x300D, 0x300E, 0x300F, 0xFF3B, 0xFF3D,
		0xFF5B, 0xFF5D, 0x2026, 0x2014, 0xFF5E, 0xFF1A, 0xFF1B, 0x201C,
		0x201D, 0x2018, 0x2019
	};

	return uc_in(cp, marks, sizeof(marks) / sizeof(marks[0]));
}

static int
raised(uint32_t cp)
{
	return cp == 0xFF0C || cp == 0x3002 || cp == 0x3001 || cp == 0xFF0E;
}

/* One cell of a column: a character, a number, or a sideways run. */
struct cell {
	size_t	 off, len;	/* bytes of the text */
	int	 kind;		/* CELL_* */
	int	 h;		/* height in tenths of an em */
};

enum {
	CELL_CHAR,		/* upright, one em */
	CELL_TCY,		/* one or two digits across one em */
	CELL_SIDE		/* Latin turned sideways */
};

/* Marks that may not start a column (clreq, basic level). */
static int
no_column_start(uint32_t cp)
{
	static const uint32_t marks[] = {
		0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF01,
		0xFF1F, 0xFF09, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011,
		0x3015, 0x201D, 0x2019, 0x2026
	};

	return uc_in(cp, marks, sizeof(marks) / sizeof(marks[0]));
}

/* Opening marks, which may not end a column. */
static int
no_column_end(uint32_t cp)
{
	static const uint32_t marks[] = {
		0xFF08, 0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014,
		0x201C, 0x2018
	};

	return uc_in(cp, marks, sizeof(marks) / sizeof(marks[0]));
}

static int
latin(uint32_t cp)
{
	return cp > ' ' && cp < 0x80;
}

/* Splits s into cells; returns how many (out has room for len). */
static size_t
cells(const char *s, size_t len, struct cell *out)
{
	size_t		 pos = 0, at, n = 0, end, digits;
	uint32_t	 cp;
	int		 w;

	while (pos < len) {
		at = pos;
		cp = utf8_next(s, len, &pos);
		if (cp == ' ' || cp == 0x3000) {
			/* A space: half a cell of gap. */
			out[n].off = at;
			out[n].len = 0;
			out[n].kind = CELL_CHAR;
			out[n++].h = 5;
			continue;
		}
		if (!latin(cp)) {
			out[n].off = at;
			out[n].len = pos - at;
			out[n].kind = CELL_CHAR;
			out[n++].h = 10;
			continue;
		}
		/* A run of Latin text: up to the next space or non-Latin. */
		for (end = at, digits = 0, w = 0; end < len && latin(
		    (unsigned char)s[end]); end++) {
			digits += s[end] >= '0' && s[end] <= '9';
			/* Capitals are wider than the rest. */
			w += s[end] >= 'A' && s[end] <= 'Z' ? 7 : 6;
		}
		out[n].off = at;
		out[n].len = end - at;
		if (digits == end - at && digits <= 2) {
			out[n].kind = CELL_TCY;
			out[n].h = 10;
		} else {
			out[n].kind = CELL_SIDE;
			out[n].h = w;
		}
		n++;
		pos = end;
	}
	return n;
}

static uint32_t
cell_cp(const char *s, const struct cell *c)
{
	size_t	 pos = c->off;

	return c->len > 0 ? utf8_next(s, c->off + c->len, &pos) : ' ';
}

/*
 * Breaks the cells into columns of at most cap tenths of an em: a
 * closing mark may hang below the column rather than start the next, an
 * opening mark goes down with what follows.  starts[] (room for n + 1)
 * receives the first cell of each column; returns the number of columns.
 */
static size_t
columns(const char *s, const struct cell *c, size_t n, int cap,
    size_t *starts)
{
	size_t	 i, k, brk, ncol = 0, start = 0;
	int	 h = 0;

	for (i = 0; i < n; i++) {
		if (i > start && h + c[i].h > cap &&
		    !(no_column_start(cell_cp(s, &c[i])) &&
		    h + c[i].h <= cap + 10)) {
			brk = i;
			/* An opening mark does not end a column. */
			while (brk > start + 1 &&
			    no_column_end(cell_cp(s, &c[brk - 1])))
				brk--;
			starts[ncol++] = start;
			start = brk;
			h = 0;
			for (k = brk; k < i; k++)
				h += c[k].h;
		}
		h += c[i].h;
	}
	if (n > 0)
		starts[ncol++] = start;
	starts[ncol] = n;
	return ncol;
}

/*
 * How bad a set of columns looks: the spread between the longest and the
 * shortest, plus a penalty for each column that ends inside a phrase
 * rather than after punctuation or a space (where a Chinese title should
 * break).
 */
static int
badness(const char *s, const struct cell *c, const size_t *starts,
    size_t ncol)
{
	size_t		 i, k;
	int		 h, lo = 0, hi = 0, bad = 0;
	uint32_t	 last;

	for (i = 0; i < ncol; i++) {
		for (h = 0, k = starts[i]; k < starts[i + 1]; k++)
			h += c[k].h;
		if (i == 0 || h < lo)
			lo = h;
		if (i == 0 || h > hi)
			hi = h;
		if (i + 1 == ncol || starts[i + 1] == starts[i])
			continue;
		last = cell_cp(s, &c[starts[i + 1] - 1]);
		if (!uc_is_punct(last) && last != ' ' &&
		    c[starts[i + 1]].len > 0)
			bad += 30;
	}
	return hi - lo + bad;
}

/*
 * Like columns(), but among the heights up to cap that need no more
 * columns, the one whose columns are most even and end best.
 */
static size_t
columns_balanced(const char *s, const struct cell *c, size_t n, int cap,
    size_t *starts)
{
	size_t	 ncol = columns(s, c, n, cap, starts), k;
	int	 total = 0, h, best = cap, score, least = -1;

	if (ncol <= 1)
		return ncol;
	for (k = 0; k < n; k++)
		total += c[k].h;
	for (h = total / (int)ncol; ; h += 5) {
		if (h > cap)
			h = cap;
		if (columns(s, c, n, h, starts) <= ncol) {
			score = badness(s, c, starts, ncol);
			if (least < 0 || score < least) {
				least = score;
				best = h;
			}
		}
		if (h == cap)
			break;
	}
	return columns(s, c, n, best, starts);
}

/*
 * Writes the cells of one column, centred on x, from y downwards, at
 * font size f.
 */
static void
put_column(struct buf *b, const char *s, const struct cell *c, size_t from,
    size_t to, int x, int y, int f, const char *attrs)
{
	uint32_t	 cp;
	size_t		 i;
	int		 h;

	for (i = from; i < to; i++) {
		h = c[i].h * f / 10;
		if (c[i].len == 0) {
			y += h;
			continue;
		}
		switch (c[i].kind) {
		case CELL_CHAR:
			/*
			 * All text starts at its left edge: MuPDF and browsers
			 * disagree on text-anchor="middle" for turned text.
			 * A CJK glyph's em box spans 0.88 em above the
			 * baseline and 0.12 em below.
			 */
			cp = cell_cp(s, &c[i]);
			if (turned(cp))
				buf_printf(b, "<g transform=\"translate(%d %d) "
				    "rotate(90)\"><text x=\"%d\" y=\"%d\" "
				    "font-size=\"%d\"%s>", x, y + f / 2, -f / 2,
				    f * 38 / 100, f, attrs);
			else if (raised(cp))
				buf_printf(b, "<text x=\"%d\" y=\"%d\" "
				    "font-size=\"%d\"%s>", x - f / 2 + f * 55 / 100,
				    y + f * 88 / 100 - f * 55 / 100, f, attrs);
			else
				buf_printf(b, "<text x=\"%d\" y=\"%d\" "
				    "font-size=\"%d\"%s>", x - f / 2,
				    y + f * 88 / 100, f, attrs);
			esc_xml_text(b, s + c[i].off, c[i].len);
			if (turned(cp)) {
				BUF_PUTSL(b, "</text></g>\n");
				y += h;
				continue;
			}
			break;
		case CELL_TCY:
			/* Two digits squeezed into one em, one as it is. */
			buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"%d\""
			    "%s", x - (c[i].len == 2 ? f * 45 / 100 : f / 4),
			    y + f * 80 / 100, f * 8 / 10, attrs);
			if (c[i].len == 2)
				buf_printf(b, " textLength=\"%d\" lengthAdjust="
				    "\"spacingAndGlyphs\"", f * 9 / 10);
			buf_putc(b, '>');
			esc_xml_text(b, s + c[i].off, c[i].len);
			break;
		default:
			/* Sideways: turned a quarter clockwise about the
			 * run's start, its baseline down the column. */
			buf_printf(b, "<g transform=\"translate(%d %d) "
			    "rotate(90)\"><text x=\"0\" y=\"%d\" "
			    "font-size=\"%d\"%s>", x, y, f * 35 / 100, f, attrs);
			esc_xml_text(b, s + c[i].off, c[i].len);
			BUF_PUTSL(b, "</text></g>\n");
			y += h;
			continue;
		}
		BUF_PUTSL(b, "</text>\n");
		y += h;
	}
}

/* Cells and columns of a text at size f in a column of height cap px. */
struct vtext {
	const char	*s;
	struct cell	*c;
	size_t		 n;
	size_t		*starts;
	size_t		 ncol;
};

static void
vtext_init(struct vtext *t, const char *s)
{
	size_t	 len = s != NULL ? strlen(s) : 0;

	t->s = s;
	t->c = xcalloc(len + 1, sizeof(*t->c));
	t->starts = xcalloc(len + 2, sizeof(*t->starts));
	t->n = len > 0 ? cells(s, len, t->c) : 0;
	t->ncol = 0;
}

static void
vtext_layout(struct vtext *t, int f, int height)
{
	t->ncol = columns_balanced(t->s, t->c, t->n, height * 10 / f,
	    t->starts);
}

/* Writes t's columns from x (the rightmost centre) leftwards; returns the
 * x after the last column. */
static int
vtext_put(struct buf *b, const struct vtext *t, int x, int y, int f,
    int pitch, const char *attrs)
{
	size_t	 i;

	for (i = 0; i < t->ncol; i++, x -= pitch)
		put_column(b, t->s, t->c, t->starts[i], t->starts[i + 1], x, y,
		    f, attrs);
	return x;
}

static void
vtext_free(struct vtext *t)
{
	free(t->c);
	free(t->starts);
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
epub_cover_svg_vertical(struct buf *b, const char *lang,
    const struct epub_cover *c)
{
	struct vtext	 title, kicker, sub, foot;
	struct buf	 footer = BUF_INIT, t = BUF_INIT;
	int		 f, pitch = 0, hant = single_first(lang), x, width;

	/* Quotes become corner brackets, as in the text. */
	buf_puts(&t, c->title);
	epub_verticalize_text(&t, lang);
	vtext_init(&title, t.ptr);
	for (f = TITLE_MAX_F; f >= TITLE_MIN_F; f -= 2) {
		vtext_layout(&title, f, BOTTOM - TOP);
		pitch = f * 14 / 10;
		if (((int)title.ncol * pitch <= TITLE_BOX_W &&
		    ((int)title.ncol <= TITLE_MAX_COLS || f <= TITLE_FEW_F)) ||
		    f == TITLE_MIN_F)
			break;
	}
	vtext_init(&kicker, c->kicker);
	vtext_layout(&kicker, SMALL_F, BOTTOM - TOP - 60);
	vtext_init(&sub, c->subtitle);
	vtext_layout(&sub, SMALL_F, BOTTOM - TOP - 60);
	if (c->source != NULL && c->source[0] != '\0')
		buf_puts(&footer, c->source);
	if (c->date != NULL && c->date[0] != '\0') {
		if (footer.len > 0)
			BUF_PUTSL(&footer, "\xE3\x80\x80");	/* U+3000 */
		cover_date(c->date, &footer);
	}
	vtext_init(&foot, footer.ptr);
	vtext_layout(&foot, FOOT_F, 300);

	epub_cover_svg_start(b, lang, t.ptr, t.len);
	BUF_PUTSL(b,
	    "<rect width=\"600\" height=\"900\" fill=\"#f7f2e8\"/>\n"
	    "<rect x=\"30\" y=\"30\" width=\"540\" height=\"840\" "
	    "fill=\"none\" stroke=\"" RED "\" stroke-width=\"3\"/>\n"
	    "<rect x=\"40\" y=\"40\" width=\"520\" height=\"820\" "
	    "fill=\"none\" stroke=\"" RED "\" stroke-width=\"1\"/>\n");
	buf_printf(b, "<g font-family=\"%s\">\n",
	    hant ? SERIF_TC : SERIF);

	/*
	 * Right to left: the kicker, the title, a rule, the subtitle; the
	 * whole group centred across the page.  Source and date stand at
	 * the foot of the leftmost column.
	 */
	width = (int)kicker.ncol * 36 + (kicker.ncol ? 12 : 0) +
	    (int)title.ncol * pitch + 40 + (int)sub.ncol * 36;
	x = COVER_W / 2 + width / 2;
	if (x > COVER_W - 70)
		x = COVER_W - 70;
	if (kicker.ncol > 0)
		x = vtext_put(b, &kicker, x - 18, TOP + 30, SMALL_F, 36,
		    " fill=\"" RED "\"") + 18 - 12;
	x = vtext_put(b, &title, x - pitch / 2, TOP, f, pitch,
	    " font-weight=\"bold\" fill=\"#1a1a1a\"") + pitch / 2;
	buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"3\" height=\"60\" "
	    "fill=\"" RED "\"/>\n", x - 20, TOP);
	x -= 40;
	if (sub.ncol > 0)
		vtext_put(b, &sub, x - 18, TOP + 90, SMALL_F, 36,
		    " fill=\"#333333\"");
	if (foot.ncol > 0)
		vtext_put(b, &foot, 70 + ((int)foot.ncol - 1) * 28, BOTTOM -
		    300, FOOT_F, 28, " fill=\"#444444\"");
	BUF_PUTSL(b, "</g>\n</svg>\n");
	vtext_free(&title);
	vtext_free(&kicker);
	vtext_free(&sub);
	vtext_free(&foot);
	buf_free(&footer);
	buf_free(&t);
}
