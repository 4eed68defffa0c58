/*
 * The generated cover as a PNG image (see cover.h): library views on
 * tablets (Kobo, Google Play Books, many Android readers) show a JPEG or
 * PNG cover, and some show nothing for an SVG one.
 *
 * Text is shaped by pango (HarfBuzz) in fonts fontconfig finds, measured
 * first so that the shared layout breaks lines on real advances, then
 * drawn by cairo into an 8-bit alpha mask one line at a time.  Each line
 * is folded into a palette image at once: the cover has five colours (the
 * ground and four text colours), so a pixel is the ground or one text
 * colour at one of 32 coverage levels, and the image is a 129-colour
 * palette PNG (src/io/pngout.c), a third of the bytes of an RGB one to
 * compress.  The frame and rule are filled straight into the palette
 * image, on whole pixels.
 *
 * Reproducible: no time or text chunks; hinting off, grey antialiasing
 * and unrounded glyph positions whatever the user's fontconfig settings
 * say; so the bytes depend only on the text, the fonts and the library
 * versions.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/title_break.h"
#include "io/pngout.h"
#include "tree/alloc.h"
#include "tree/recover.h"
#include "tree/utf8.h"
#include "cover.h"
#include "writer.h"

#ifdef ARTCONV_PNG_COVER

#include <pango/pangocairo.h>

/*
 * Pango and cairo objects are held across allocations of ours: inside a
 * library call they are registered, so that a call abandoned for want of
 * memory releases them (recover.h).
 */
static void
release_object(void *o)
{
	g_object_unref(o);
}

static void
release_cairo(void *cr)
{
	cairo_destroy(cr);
}

static void
release_surface(void *s)
{
	cairo_surface_destroy(s);
}

#define FAMILIES	"Noto Serif CJK SC,Source Han Serif SC,Songti SC," \
			"STSong,SimSun,Noto Sans CJK SC,serif"
#define LEVELS		32	/* coverage levels per text colour */
#define GROUND		0xf7f2e8
#define FRAME		COVER_KICKER	/* frame and rule: the kicker's red */

static const enum cover_part colour_class[COVER__PARTS] = {
	[COVER_KICKER] = 0, [COVER_TITLE] = 1, [COVER_SUBTITLE] = 2,
	[COVER_SOURCE] = 3, [COVER_DATE] = 3
};
#define NCLASSES	4

struct png_ctx {
	PangoContext	*pango;
	int		 w, h;		/* pixels */
	unsigned char	*index;		/* w x h palette indices */
};

static PangoFontDescription *
font_for(enum cover_part part, int size_units)
{
	PangoFontDescription *fd = pango_font_description_from_string(
	    FAMILIES);

	pango_font_description_set_weight(fd, cover_bold(part) ?
	    PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_absolute_size(fd,
	    (double)size_units * PANGO_SCALE);
	return fd;
}

static PangoLayout *
layout_for(struct png_ctx *pc, enum cover_part part, int size,
    const char *s, int len)
{
	PangoLayout		*pl = pango_layout_new(pc->pango);
	PangoFontDescription	*fd = font_for(part, size);

	pango_layout_set_font_description(pl, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(pl, s, len);
	return pl;
}

/*
 * The advance of each code point of s at 1000 units, which are
 * thousandths of an em.  Returns NULL, setting *missing, when a character
 * has no glyph in any installed font.
 */
static int *
measure(struct png_ctx *pc, enum cover_part part, const char *s,
    uint32_t *missing)
{
	PangoLayout	*pl;
	PangoLayoutIter	*it;
	PangoRectangle	 r;
	size_t		 n = utf8_count(s, strlen(s)), k = 0, pos;
	int		*adv;

	/* Ours first: nothing of ours is allocated while pl is held. */
	adv = xcalloc(n + 1, sizeof(*adv));
	pl = layout_for(pc, part, 1000, s, (int)strlen(s));
	if (pango_layout_get_unknown_glyphs_count(pl) > 0) {
		free(adv);
		/* Name the first character no font has. */
		for (pos = 0; s[pos] != '\0';) {
			size_t at = pos;
			uint32_t cp = utf8_next(s, strlen(s), &pos);
			PangoLayout *one = layout_for(pc, part, 1000, s + at,
			    (int)(pos - at));

			if (pango_layout_get_unknown_glyphs_count(one) > 0) {
				*missing = cp;
				g_object_unref(one);
				break;
			}
			g_object_unref(one);
		}
		g_object_unref(pl);
		return NULL;
	}
	it = pango_layout_get_iter(pl);
	do {
		if (k < n) {
			pango_layout_iter_get_char_extents(it, &r);
			adv[k] = r.width / PANGO_SCALE;
		}
		k++;
	} while (pango_layout_iter_next_char(it));
	pango_layout_iter_free(it);
	g_object_unref(pl);
	if (k < n) {
		/* Pango saw fewer characters than there are: estimate. */
		free(adv);
		adv = xcalloc(n + 1, sizeof(*adv));
		for (k = 0, pos = 0; k < n; k++)
			adv[k] = title_advance(utf8_next(s, strlen(s),
			    &pos));
	}
	return adv;
}

/* A filled rectangle of the frame's red, in page units. */
static void
fill(struct png_ctx *pc, int x, int y, int w, int h)
{
	int	 s = COVER_PNG_SCALE, row;
	uint8_t	 v = (uint8_t)(1 + colour_class[FRAME] * LEVELS + LEVELS - 1);

	for (row = y * s; row < (y + h) * s && row < pc->h; row++)
		memset(pc->index + (size_t)row * (size_t)pc->w + (size_t)x * s,
		    v, (size_t)(w * s));
}

/*
 * Draws one line into the mask, then moves its pixels into the palette
 * image as levels of the line's colour and clears the mask again.
 */
static void
draw_line(struct png_ctx *pc, cairo_t *cr, cairo_surface_t *mask,
    const struct cover_line *ln)
{
	struct buf	 text = BUF_INIT;
	PangoLayout	*pl;
	PangoRectangle	 ink, logical;
	double		 x, y, s = COVER_PNG_SCALE;
	int		 x0, x1, y0, y1, row, col, stride, base, lv;
	unsigned char	*a;

	buf_put(&text, ln->s, ln->len);
	if (ln->ellipsis)
		BUF_PUTSL(&text, "…");
	pl = layout_for(pc, ln->part, ln->size, text.ptr, (int)text.len);
	pango_layout_get_extents(pl, &ink, &logical);
	x = COVER_W / 2.0 - (double)logical.width / PANGO_SCALE / 2;
	y = ln->y - (double)pango_layout_get_baseline(pl) / PANGO_SCALE;
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, pl);
	g_object_unref(pl);
	buf_free(&text);
	cairo_surface_flush(mask);

	/* The ink box in pixels, a pixel wider for antialiasing. */
	x0 = (int)((x + (double)ink.x / PANGO_SCALE) * s) - 1;
	y0 = (int)((y + (double)ink.y / PANGO_SCALE) * s) - 1;
	x1 = (int)((x + (double)(ink.x + ink.width) / PANGO_SCALE) * s) + 2;
	y1 = (int)((y + (double)(ink.y + ink.height) / PANGO_SCALE) * s) + 2;
	x0 = x0 < 0 ? 0 : x0;
	y0 = y0 < 0 ? 0 : y0;
	x1 = x1 > pc->w ? pc->w : x1;
	y1 = y1 > pc->h ? pc->h : y1;
	a = cairo_image_surface_get_data(mask);
	stride = cairo_image_surface_get_stride(mask);
	base = 1 + colour_class[ln->part] * LEVELS - 1;
	for (row = y0; row < y1; row++)
		for (col = x0; col < x1; col++) {
			unsigned char *p = a + (size_t)row * (size_t)stride +
			    (size_t)col;
			uint64_t eight;

			/* Most of the box is blank: eight pixels a step. */
			if (col + 8 <= x1) {
				memcpy(&eight, p, 8);
				if (eight == 0) {
					col += 7;
					continue;
				}
			}
			if (*p == 0)
				continue;
			lv = (*p * LEVELS + 127) / 255;
			if (lv > 0)
				pc->index[(size_t)row * (size_t)pc->w +
				    (size_t)col] = (unsigned char)(base + lv);
			*p = 0;
		}
	cairo_surface_mark_dirty(mask);
}

static uint8_t
blend(uint32_t c, int shift, int lv)
{
	int	 g = (GROUND >> shift) & 0xff, t = (int)(c >> shift) & 0xff;

	return (uint8_t)(g + ((t - g) * lv + (t > g ? LEVELS / 2 :
	    -LEVELS / 2)) / LEVELS);
}

/*
 * The palette: the ground, then for each text colour its LEVELS blends
 * with the ground, from the faintest to the colour itself.
 */
static void
palette(unsigned char *plte)
{
	static const enum cover_part first_of_class[NCLASSES] = {
		COVER_KICKER, COVER_TITLE, COVER_SUBTITLE, COVER_SOURCE
	};
	int	 c, lv, k = 3;

	plte[0] = (GROUND >> 16) & 0xff;
	plte[1] = (GROUND >> 8) & 0xff;
	plte[2] = GROUND & 0xff;
	for (c = 0; c < NCLASSES; c++)
		for (lv = 1; lv <= LEVELS; lv++) {
			uint32_t col = cover_color(first_of_class[c]);

			plte[k++] = blend(col, 16, lv);
			plte[k++] = blend(col, 8, lv);
			plte[k++] = blend(col, 0, lv);
		}
}

/*
 * fontconfig and pango are not safe to enter from several threads at once
 * (ThreadSanitizer saw two workers of a batch racing inside fontconfig's
 * pattern code, and valgrind once saw a jump to a wild address there), so
 * one cover is drawn at a time; a cover takes a few milliseconds.  The
 * lock is released also when a recoverable call is abandoned inside.
 */
static pthread_mutex_t	 cover_lock = PTHREAD_MUTEX_INITIALIZER;
static PangoFontMap	*cover_fontmap;		/* under cover_lock */

static void
release_cover_lock(void *lock)
{
	pthread_mutex_unlock(lock);
}

static int	 draw_cover_png(struct png_ctx *, const char *,
		    const struct epub_cover *, const char **);

int
epub_cover_png(struct buf *out, const char *lang, const struct epub_cover *c,
    const char **why)
{
	struct png_ctx	 pc;
	unsigned char	 plte[3 * (1 + NCLASSES * LEVELS)];
	int		 rc;

	memset(&pc, 0, sizeof(pc));
	pthread_mutex_lock(&cover_lock);
	recover_defer(release_cover_lock, &cover_lock);
	rc = draw_cover_png(&pc, lang, c, why);
	recover_forget(&cover_lock);
	pthread_mutex_unlock(&cover_lock);
	if (rc != 0)
		return rc;
	/*
	 * Encoding the pixels touches neither pango nor fontconfig: done
	 * outside the lock, where it overlaps with another worker's drawing
	 * (it is a third of a cover's time).
	 */
	palette(plte);
	pngout_palette(out, pc.index, pc.w, pc.h, plte, 1 + NCLASSES * LEVELS);
	free(pc.index);
	return 0;
}

/* Draws the cover into pc->index, a new block, under cover_lock. */
static int
draw_cover_png(struct png_ctx *pcp, const char *lang,
    const struct epub_cover *c, const char **why)
{
	static __thread char	 reason[160];
	struct png_ctx		 pc;
	struct cover_layout	 l;
	cairo_font_options_t	*fo;
	cairo_surface_t		*mask;
	cairo_t			*cr;
	char			*text[COVER__PARTS];
	int			*adv[COVER__PARTS];
	uint32_t		 missing = 0;
	size_t			 i;
	int			 rc = 2;

	memset(&pc, 0, sizeof(pc));
	pc.w = COVER_W * COVER_PNG_SCALE;
	pc.h = COVER_H * COVER_PNG_SCALE;
	/*
	 * One font map for the process, used under cover_lock: pango's
	 * default one is per thread, and a worker's is destroyed (into
	 * fontconfig) when the worker ends, while another may be drawing.
	 */
	if (cover_fontmap == NULL)
		cover_fontmap = pango_cairo_font_map_new();
	pc.pango = pango_font_map_create_context(cover_fontmap);
	recover_defer(release_object, pc.pango);
	fo = cairo_font_options_create();
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(pc.pango, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(pc.pango, FALSE);
	pango_context_set_language(pc.pango, pango_language_from_string(lang));

	for (i = 0; i < COVER__PARTS; i++) {
		text[i] = cover_text(c, (enum cover_part)i);
		adv[i] = NULL;
	}
	for (i = 0; i < COVER__PARTS; i++)
		if (text[i] != NULL && (adv[i] = measure(&pc,
		    (enum cover_part)i, text[i], &missing)) == NULL) {
			snprintf(reason, sizeof(reason), "no installed font "
			    "has U+%04X (Debian: fonts-noto-cjk)",
			    (unsigned)missing);
			*why = reason;
			for (i = 0; i < COVER__PARTS; i++) {
				free(text[i]);
				free(adv[i]);
			}
			goto out;
		}
	cover_layout(text, (const int *const *)adv, &l);

	pc.index = xcalloc((size_t)pc.w * (size_t)pc.h, 1);
	fill(&pc, 29, 29, 3, COVER_H - 58);		/* outer frame, 3 wide */
	fill(&pc, COVER_W - 32, 29, 3, COVER_H - 58);
	fill(&pc, 29, 29, COVER_W - 58, 3);
	fill(&pc, 29, COVER_H - 32, COVER_W - 58, 3);
	fill(&pc, 40, 40, 1, COVER_H - 80);		/* inner frame, 1 wide */
	fill(&pc, COVER_W - 41, 40, 1, COVER_H - 80);
	fill(&pc, 40, 40, COVER_W - 80, 1);
	fill(&pc, 40, COVER_H - 41, COVER_W - 80, 1);
	fill(&pc, COVER_W / 2 - 30, l.rule_y, 60, 3);	/* the rule */

	mask = cairo_image_surface_create(CAIRO_FORMAT_A8, pc.w, pc.h);
	recover_defer(release_surface, mask);
	cr = cairo_create(mask);
	recover_defer(release_cairo, cr);
	cairo_scale(cr, COVER_PNG_SCALE, COVER_PNG_SCALE);
	pango_cairo_update_context(cr, pc.pango);
	cairo_set_source_rgba(cr, 0, 0, 0, 1);
	for (i = 0; i < l.n; i++)
		draw_line(&pc, cr, mask, &l.line[i]);
	recover_forget(cr);
	cairo_destroy(cr);
	recover_forget(mask);
	cairo_surface_destroy(mask);
	cover_layout_free(&l);
	for (i = 0; i < COVER__PARTS; i++)
		free(adv[i]);
	*pcp = pc;
	rc = 0;
out:
	recover_forget(pc.pango);
	g_object_unref(pc.pango);
	return rc;
}

const char *
writer_cover_engine(void)
{
	static char	 v[96];

	snprintf(v, sizeof(v), "PNG (pango %s, cairo %s)", pango_version_string(),
	    cairo_version_string());
	return v;
}

#else	/* !ARTCONV_PNG_COVER */

const char *
writer_cover_engine(void)
{
	return "SVG (built without cairo and pango)";
}

int
epub_cover_png(struct buf *out, const char *lang, const struct epub_cover *c,
    const char **why)
{
	(void)out;
	(void)lang;
	(void)c;
	*why = "built without cairo and pango";
	return 1;
}

#endif
