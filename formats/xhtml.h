/*
 * The body of an article as (X)HTML markup, shared by the EPUB writer
 * (formats/epub.c, XHTML chapter files) and the HTML writer
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
	int			 hlev[XHTML_MAX_LEVEL]; /* levels open */
	int			 nh;
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
