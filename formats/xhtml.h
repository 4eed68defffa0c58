/*
 * The body of an article as (X)HTML markup, shared by the EPUB writer
 * (formats/epub/epub.c, XHTML chapter files) and the HTML writer
 * (formats/html.c, one HTML5 page).  The markup is the same in both: it
 * is well-formed XML (void elements as <br/>), or, with html set, HTML5
 * syntax (<br>).
 *
 * What a writer decides itself comes in through hooks: where each
 * heading and point goes in its contents (the EPUB's nav and NCX, the
 * page's contents list) and what image, if any, a figure shows.
 *
 * Markup, by node type:
 *
 *   heading      <hN class="lK" id="aI">label text</hN>; N is the rank
 *                among the headings open in this part plus rank_base
 *                (ranks never skip), K the tree's level, I the anchor
 *   run-in       <p class="run-in" id="aI"><span class="rh lK">label
 *                heading</span>paragraph</p> (levels 2 and deeper)
 *   point list   --points split: <p class="intro">, then one
 *                <p class="point" id="aI"> per point; inline: one
 *                <p class="points"> with <span class="point" id="aI">
 *   point lead   <b class="lead">label lead</b> with bold leads
 *   list         <ol>, <ul>, or <ul class="lit"> when items carry their
 *                own labels; <li>label text</li>
 *   table        <table><tr><th scope="col">/<td>
 *   figure       <figure><img/><figcaption> with an image, else
 *                <p class="caption">
 *   inlines      <strong> <em> <a href> <br/>; a link only for an
 *                absolute http(s) or mailto address, never nested
 */
#ifndef ARTCONV_XHTML_H
#define ARTCONV_XHTML_H

#include <stddef.h>

#include "common.h"

#define XHTML_MAX_LEVEL	6

/*
 * Pieces of the stylesheets both the EPUB (epub_css) and the HTML page
 * (html_css) are made of, as string literals to concatenate: the font
 * stacks (body 宋体, headings 黑体, 楷体 for level 2 and quotes, 仿宋
 * for level 3), the line breaking of body text, emphasis by dots, quotes
 * and lists, figures.  XHTML_CSS_FLOW ends the body rule and opens the
 * headings' rule after its font-family.
 */
#define XHTML_CSS_SERIF \
"  font-family: \"Songti SC\", \"STSong\", \"Noto Serif CJK SC\",\n" \
"    \"Source Han Serif SC\", \"Noto Serif SC\", \"SimSun\", \"宋体\", serif;\n"
#define XHTML_CSS_FLOW \
"  text-align: justify;\n" \
"  -webkit-line-break: strict;\n" \
"  line-break: strict;\n" \
"  overflow-wrap: break-word;\n" \
"}\n" \
"p { margin: 0; text-indent: 2em; }\n" \
"h1, h2, h3, h4, h5, h6 {\n" \
"  font-family: \"PingFang SC\", \"Heiti SC\", \"Noto Sans CJK SC\",\n" \
"    \"Source Han Sans SC\", \"Microsoft YaHei\", \"SimHei\", \"黑体\",\n" \
"    sans-serif;\n"
#define XHTML_CSS_KAITI \
"  font-family: \"STKaiti\", \"KaiTi\", \"楷体\", \"LXGW WenKai\",\n" \
"    \"AR PL UKai CN\", serif;\n"
#define XHTML_CSS_FANGSONG \
"  font-family: \"STFangsong\", \"FangSong\", \"仿宋\", \"FandolFang\",\n" \
"    \"Songti SC\", \"STSong\", \"Noto Serif CJK SC\", serif;\n"
/*
 * A letter's frame: the document number centred (GB/T 9704 §7.2.4), the
 * addressee and a letter's 敬礼 flush left (§7.3.3, 书信格式); the
 * sender and date to the right, two characters in, one line below the
 * text (§7.3.5).
 */
#define XHTML_CSS_CLOSING \
"p.addressee, p.salute { text-indent: 0; }\n" \
"p.docnum { text-indent: 0; text-align: center; }\n" \
"p.closing { text-indent: 0; text-align: right; margin-right: 2em; }\n" \
":not(.closing) + p.closing { margin-top: 1.75em; }\n"
#define XHTML_CSS_EMPHASIS \
"@supports (text-emphasis-style: dot) or (-webkit-text-emphasis-style: dot) {\n" \
"  em {\n" \
"    font-weight: inherit;\n" \
"    -webkit-text-emphasis-style: filled dot;\n" \
"    text-emphasis-style: filled dot;\n" \
"    -webkit-text-emphasis-position: under right;\n" \
"    text-emphasis-position: under right;\n" \
"  }\n" \
"}\n" \
"blockquote {\n" \
"  margin: 0.5em 0 0.5em 2em;\n" \
"  font-family: \"STKaiti\", \"KaiTi\", \"楷体\", \"LXGW WenKai\",\n" \
"    \"AR PL UKai CN\", serif;\n" \
"}\n" \
"ul, ol { margin: 0.5em 0; padding-left: 2em; }\n" \
"ul.lit { list-style: none; }\n"
#define XHTML_CSS_FIGURE \
"figure { margin: 1em 0; text-align: center; }\n" \
"figure img { max-width: 100%; height: auto; }\n"

/*
 * The headings open at a point of the text, as a stack of strictly rising
 * levels (1-6; a writer may push 0 for an entry that holds the headings
 * after it, such as the EPUB's lead).
 */
struct xhtml_levels {
	int	 lev[XHTML_MAX_LEVEL + 1];
	int	 n;
};

/*
 * A heading of the given level opens: those open at the same or a deeper
 * level close.  Returns how many are now open, this one included: its
 * depth among them (its <hN> rank, its nesting in a contents list).
 */
int	 xhtml_levels_open(struct xhtml_levels *l, int level);
/*
 * The depth a contents entry may take after one of depth prev (0: it is
 * the first): at least 1 and at most prev + 1, because nesting opens one
 * level at a time (an <ol> lives in an <li>).
 */
int	 xhtml_toc_depth(int depth, int prev);

struct xhtml_hooks {
	/*
	 * A heading of the given level (1-6) was given anchor "a<id>";
	 * text is its label and text as a contents entry shows it.
	 */
	void		(*heading)(void *ctx, unsigned int id, int level,
			    const char *text, size_t len);
	/* A point was given anchor "a<id>"; text is its short label. */
	void		(*point)(void *ctx, unsigned int id, const char *text,
			    size_t len);
	/*
	 * The src to write for a figure's image (valid until the walk
	 * ends), or NULL to show the caption only.
	 */
	const char	*(*image)(void *ctx, const struct node *fig);
	void		*ctx;
};

struct xhtml {
	struct buf		*out;		/* where the markup goes */
	const struct render_opts *opts;
	enum points_mode	 points;	/* INLINE or SPLIT */
	int			 rank_base;	/* added to every <hN> rank */
	int			 html;		/* HTML syntax: <br>, not <br/> */
	struct xhtml_hooks	 hooks;
	unsigned int		 nids;		/* anchors handed out */
	struct xhtml_levels	 open;		/* headings open */
	int			 hopen;		/* rank of the open <hN> */
	int			 figure;	/* how the open figure is put */
};

/*
 * Writes the markup of n and its subtree (self set) or of its children
 * only (self 0) to x->out.
 */
void	 xhtml_walk(struct xhtml *x, const struct node *n, int self);
/* A new part (file) starts: headings rank from the top again. */
void	 xhtml_new_part(struct xhtml *x);

/*
 * Append s escaped as XML character data (xml_text) or as an attribute
 * value in double quotes (xml_attr); a NULL s appends nothing.
 */
void	 xml_text(struct buf *b, const char *s);
void	 xml_attr(struct buf *b, const char *s);
/*
 * A contents list as nested <ol>s of <li><a href>: call xhtml_toc_item()
 * for each entry in reading order (depth 1 at the top, never more than
 * one deeper than the entry before; *prev starts at 0 and carries the
 * last depth), then xhtml_toc_end() once, which closes everything up to
 * and including the outer </ol>.  At least one entry is needed.
 */
void	 xhtml_toc_item(struct buf *b, int *prev, int depth, const char *href,
	    const char *text);
void	 xhtml_toc_end(struct buf *b, int prev);
/*
 * Appends a title as XML character data with a <wbr/> between its
 * phrases (title_phrases()); the stylesheet keeps the rest of the title
 * from breaking between Han characters (word-break: keep-all), so that a
 * reading engine wraps a long title between phrases rather than inside a
 * word, and anywhere only when a phrase is wider than the line.  Engines
 * without keep-all wrap as before.
 */
void	 xhtml_title_text(struct buf *b, const char *title);
/*
 * The CSS rule that goes with xhtml_title_text(), for every stylesheet
 * that shows a title.
 */
#define XHTML_CSS_TITLE_PHRASE \
	".title { word-break: keep-all; overflow-wrap: anywhere; }\n"
/*
 * The head of an article (the EPUB's title page, the page's <header>):
 * <p class="kicker">, <hN class="title"> with title (N = rank), <p
 * class="subtitle">, <p class="meta"> with meta_line(), and the source
 * address as <p class="URLCLASS">原文：<a href>… (a link only when
 * xhtml_url_usable()); each paragraph only when the document has it.
 */
void	 xhtml_title_block(struct buf *b, const struct doc *doc,
	    const char *title, int rank, const char *urlclass);
/*
 * Can url be an <a href>?  Only absolute web and mail addresses: a
 * relative one would point into the container (or the page's folder)
 * at nothing.
 */
int	 xhtml_url_usable(const char *url);
/* Writes url as an attribute value, percent-encoding what a URL may not
 * hold (non-ASCII, spaces, controls, quotes and brackets). */
void	 xhtml_put_url(struct buf *b, const char *url);
/* Heading text with its label, as a contents entry and <title> show it. */
void	 xhtml_heading_text(const struct node *h, struct buf *b);
/* A heading with neither label nor text (written as nothing). */
int	 xhtml_heading_empty(const struct node *h);

#endif
