/*
 * The EPUB's generated cover: one layout (formats/epub/epub_cover.c), drawn as
 * SVG (epub_cover.c) or, with cairo and pango, as a PNG image
 * (formats/epub/cover_png.c).  Nothing here is used outside formats/epub*.c
 * and formats/cover*.c.
 *
 * The page is 600 x 900 units: a paper-coloured ground in a double red
 * frame; kicker, title, a short red rule and subtitle centred around the
 * middle; source and date at the foot.  Lines are broken by the shared
 * title breaker (src/analyze/title_break.h), and the title's size shrinks until
 * all of it fits its box.
 */
#ifndef ARTCONV_COVER_H
#define ARTCONV_COVER_H

#include <stddef.h>
#include <stdint.h>

#include "tree/buf.h"
#include "tree/diag.h"

#define COVER_W		600
#define COVER_H		900

/* Text placed on the cover; NULL or "" when absent. */
struct epub_cover {
	const char	*kicker;
	const char	*title;		/* never empty */
	const char	*subtitle;
	const char	*source;
	const char	*date;		/* as in the document; YYYY-MM-DD...
					   is shown as 2021年10月14日 */
};

enum cover_part {
	COVER_KICKER,
	COVER_TITLE,
	COVER_SUBTITLE,
	COVER_SOURCE,
	COVER_DATE,
	COVER__PARTS
};

/* One line of text, centred on x = COVER_W / 2. */
struct cover_line {
	enum cover_part	 part;
	const char	*s;		/* bytes of the line */
	size_t		 len;
	int		 ellipsis;	/* draw "…" after it (the title was
					   cut short to fit the page) */
	int		 size;		/* font size */
	int		 y;		/* baseline */
};

struct cover_layout {
	struct cover_line	*line;
	size_t			 n;
	int			 rule_y;	/* top of the red rule */
	char			*text[COVER__PARTS];	/* what each part
							   shows (owned) */
};

/* The colour (0xRRGGBB) and weight of a part's text. */
uint32_t	 cover_color(enum cover_part part);
int		 cover_bold(enum cover_part part);
/* The text a part shows for c (the date as 2021年10月14日); malloc'd. */
char		*cover_text(const struct epub_cover *c, enum cover_part part);
/*
 * Lays out the cover.  text[part] is what cover_text() gave (NULL when
 * absent); adv[part], when not NULL, holds the advance of each code point
 * of text[part] in thousandths of an em in the font that draws it, else
 * widths are estimated.  The layout takes over the texts.
 */
void	 cover_layout(char *text[COVER__PARTS],
	    const int *const adv[COVER__PARTS], struct cover_layout *l);
void	 cover_layout_free(struct cover_layout *l);

/*
 * Appends an SVG image of the cover, with widths estimated: full-width
 * characters are an em, others 0.6 em; every <text> is centred by its
 * own text-anchor (not inherited: MuPDF ignores an inherited one).
 */
void	 epub_cover_svg(struct buf *b, const char *lang,
	    const struct epub_cover *c);
/*
 * Appends a PNG image of the cover (COVER_PNG_SCALE times the page's
 * units, 8-bit palette), its text shaped by pango in the system's Chinese
 * serif fonts (fontconfig).  The same text and fonts give the same bytes.
 * Returns 0; 1 when artconv was built without cairo and pango; 2 when no
 * installed font has every character of the text.  When not 0, nothing is
 * appended and why says why.
 */
int	 epub_cover_png(struct buf *out, const char *lang,
	    const struct epub_cover *c, const char **why);
#define COVER_PNG_SCALE	1

#endif
