/*
 * A compact tree of a web page, built from libxml2's HTML parser.
 *
 * The readers for web pages and for raw HTML inside Markdown parse with
 * hdom_parse() and then only look at this tree.  It keeps what an article
 * extractor needs (elements, text, a dozen attributes) and nothing a reader
 * must never show: script, style, noscript and template text, comments,
 * and form controls never enter it.  Elements hidden with display:none,
 * visibility:hidden or the hidden attribute enter it flagged HN_HIDDEN;
 * hdom_hide() then removes them, unless one holds most of the page's
 * text (a WeChat article hides its body until its script runs), and what
 * the page hides by other means (class rules of its style sheets,
 * font-size:0 and height:0 SEO blocks, off-screen positioning).
 *
 * Limits: elements nested deeper than max_depth are flattened into their
 * ancestor at the limit (their text is kept, separated where a block
 * began); past HDOM_MAX_NODES nodes parsing stops.  Both are counted for
 * a warning.  Nodes and text live in a few large pools, so building and
 * freeing take time linear in the page and no recursion.
 */
#ifndef ARTCONV_HTML_DOM_H
#define ARTCONV_HTML_DOM_H

#include <stddef.h>
#include <stdint.h>

#include "tree/buf.h"

/* Tags the readers tell apart; everything else is HT_OTHER. */
enum htag {
	HT_TEXT = 0,	/* a text node, not an element */
	HT_ROOT,	/* the document node */
	HT_OTHER,
	HT_A, HT_ADDRESS, HT_ARTICLE, HT_ASIDE, HT_B, HT_BIG, HT_BLOCKQUOTE,
	HT_BODY, HT_BR, HT_CAPTION, HT_CENTER, HT_CITE, HT_CODE, HT_DD,
	HT_DEL, HT_DETAILS, HT_DIV, HT_DL, HT_DT, HT_EM, HT_FIELDSET,
	HT_FIGCAPTION, HT_FIGURE, HT_FONT, HT_FOOTER, HT_FORM, HT_H1, HT_H2,
	HT_H3, HT_H4, HT_H5, HT_H6, HT_HEAD, HT_HEADER, HT_HR, HT_HTML, HT_I,
	HT_IMG, HT_INS, HT_LI, HT_LINK, HT_MAIN, HT_MARK, HT_META, HT_NAV,
	HT_OL, HT_P, HT_PRE, HT_Q, HT_S, HT_SECTION, HT_SMALL, HT_SPAN,
	HT_STRIKE, HT_STRONG, HT_SUB, HT_SUMMARY, HT_SUP, HT_TABLE, HT_TBODY,
	HT_TD, HT_TFOOT, HT_TH, HT_THEAD, HT_TIME, HT_TITLE, HT_TR, HT_TT,
	HT_U, HT_UL, HT_WBR,
	HT__COUNT
};

/* Attributes kept on elements. */
enum hattr {
	HA_ID,
	HA_CLASS,
	HA_STYLE,
	HA_HREF,
	HA_SRC,
	HA_LAZY_SRC,	/* data-src, data-original, original, ... */
	HA_ALT,
	HA_TITLE,
	HA_NAME,
	HA_PROPERTY,
	HA_CONTENT,
	HA_HTTP_EQUIV,
	HA_CHARSET,
	HA_REL,
	HA_ALIGN,
	HA_WIDTH,
	HA_HEIGHT,
	HA_LANG,
	HA__COUNT
};

/* hnode.flags */
#define HN_DROP		0x01	/* not part of the article body */
#define HN_TITLE	0x02	/* the element holding the headline */
#define HN_UNLIKELY	0x04	/* inside comments, sidebars, menus … */
#define HN_HIDDEN	0x08	/* hidden by its own markup (until hdom_hide) */

struct hnode {
	struct hnode	*parent, *prev, *next, *first, *last;
	size_t		 off, len;	/* text: its bytes in hdom.text */
	uint32_t	 attr;		/* element: first index in hdom.attrs */
	uint16_t	 nattr;
	uint16_t	 tag;		/* enum htag */
	uint16_t	 flags;
	uint32_t	 order;		/* document order, from 0 */
	uint32_t	 line;		/* source line, 1-based */
	/* Statistics the extractor fills in (html_extract.c). */
	uint32_t	 chars;		/* non-space characters below */
	uint32_t	 link_chars;	/* of which inside <a> */
	uint32_t	 punct;		/* sentence punctuation below */
	uint32_t	 ichars;	/* inline characters up to a block */
	uint32_t	 ilink;		/* of which inside <a> */
	uint32_t	 ipunct;
	uint32_t	 ibr;		/* <br> in the inline content */
	float		 score;
};

struct hattr_val {
	uint8_t		 key;		/* enum hattr */
	size_t		 off;		/* NUL-terminated value in hdom.strs */
};

struct hdom_chunk;

struct hdom {
	struct hnode	*root;		/* HT_ROOT */
	struct buf	 text;		/* text node contents */
	struct buf	 strs;		/* attribute values */
	struct buf	 css;		/* contents of <style> elements */
	struct hattr_val *attrs;
	size_t		 nattrs, attrcap;
	struct hdom_chunk *chunks;	/* node storage */
	size_t		 nnodes;
	size_t		 depth_cut;	/* elements flattened by the depth cap */
	int		 node_cut;	/* parsing stopped at HDOM_MAX_NODES */
	size_t		 hidden;	/* elements removed as hidden */
	size_t		 hidden_kept;	/* hidden elements kept: the article */
};

#define HDOM_MAX_NODES	1000000

/*
 * Parses UTF-8 HTML s[0..len) (a page or a fragment) into dom, with
 * libxml2 in recovery mode: no network, no entities beyond HTML's own, no
 * output, the page's own charset declaration ignored.  max_depth 0 means
 * 128.  Returns 0, or -1 if libxml2 could not start (dom is then empty).
 * Free dom with hdom_free() in either case.
 */
int		 hdom_parse(struct hdom *dom, const char *s, size_t len,
		    size_t max_depth);
void		 hdom_free(struct hdom *dom);
/*
 * Removes the elements the page hides: by their own markup (HN_HIDDEN),
 * by style sheet rules, inline styles (font-size:0, zero height with
 * overflow:hidden, off-screen positions) and hiding class names.  A
 * hidden element that holds half of the page's text or more is the
 * article a script would show, and stays (counted in hidden_kept).
 * Returns how many were removed other than by their own markup.
 */
size_t		 hdom_hide(struct hdom *dom);

/*
 * Does a style attribute hide its element (display:none,
 * visibility:hidden)?  Shared by the parser and html_css.c.
 */
int		 hdom_style_hides(const char *style);
/* Detaches n (and its subtree) from the tree. */
void		 hdom_unlink(struct hnode *n);

/* The value of attribute key of element n, or NULL. */
const char	*hdom_attr(const struct hdom *dom, const struct hnode *n,
		    enum hattr key);
/* The text of a text node (not NUL-terminated), *len its length. */
const char	*hdom_text(const struct hdom *dom, const struct hnode *n,
		    size_t *len);
/* Lower-case tag name of t, for messages. */
const char	*hdom_tag_name(enum htag t);
/* Block-level elements start a new paragraph in the output. */
int		 hdom_is_block(enum htag t);
/* 1-6 for h1-h6, else 0. */
int		 hdom_heading_level(enum htag t);
/*
 * Document-order walk without recursion: the node after n in pre-order
 * within the subtree of top (NULL at the end).  With skip set, n's
 * children are skipped.
 */
struct hnode	*hdom_next(const struct hnode *top, const struct hnode *n,
		    int skip);
/*
 * Appends n's text content to out with white space collapsed the way a
 * browser shows it (a run becomes one space; none between Chinese
 * characters across a line break) and no leading or trailing space.
 * Nodes flagged HN_DROP are left out.  A run containing a line break or
 * <br> becomes two spaces when sep is set, so that fields of a metadata
 * line stay apart.
 */
void		 hdom_collect_text(const struct hdom *dom, const struct hnode *n,
		    struct buf *out, int sep);
/* Does the class or id of n contain one of the words (case-folded)? */
int		 hdom_class_has(const struct hdom *dom, const struct hnode *n,
		    const char *const *words);
/* ASCII case-insensitive: does s contain word? */
int		 hdom_contains_nocase(const char *s, const char *word);
/* HTML white space: space, tab, LF, CR, FF. */
int		 hdom_ws_byte(char c);
/*
 * The end of the word at s[i]: the first HTML white space or NBSP from i
 * on, or len.  *last receives the word's last character (unchanged if
 * the word is empty).
 */
size_t		 hdom_word_end(const char *s, size_t len, size_t i,
		    uint32_t *last);

#endif
