/*
 * EPUB 3 writer: a book a Chinese reader enjoys on a tablet.
 *
 * The container is built in memory (zipout) with its entries always in
 * this order, so the same input and options give the same bytes:
 *
 *   mimetype                   stored, first, no extra field
 *   META-INF/container.xml
 *   META-INF/com.apple.ibooks.display-options.xml   use the book's fonts
 *   OEBPS/content.opf          package document
 *   OEBPS/toc.ncx              EPUB 2 table of contents (Kobo, old readers)
 *   OEBPS/style.css
 *   OEBPS/cover.png            generated cover (cover.svg without fonts
 *                              for it, or --svg-cover), or --cover's image
 *   OEBPS/NAME.xhtml           in spine order: cover, title page, contents
 *                              (nav), lead, ch01, ch02, ...
 *   OEBPS/images/imgNNN.*      embedded figures (--images)
 *
 * One chapter file per level-1 heading at the top of the tree, so readers
 * paginate by theme; what comes before the first one is the lead.  With
 * several documents (--combine) each is a part, aNN-title, aNN-lead and
 * aNN-chNN, after one cover and one contents page.  File names are ASCII.
 *
 * Typesetting follows clreq (../shared/docs/typesetting.md §3): 2em
 * indent on every paragraph, no gaps, justified, line-break: strict, line
 * height 1.75, literal font stacks ending in a generic family, headings
 * set apart by size and weight as well as face (Kobo may override faces),
 * emphasis by dots or weight, never italics.  Points default to --points split:
 * on a small screen one paragraph per point reads better, and each point's
 * anchor then opens at the start of a line.
 *
 * The whole body is walked with the tree iterator; the only nesting is the
 * one level needed to join a run-in heading with its paragraph.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "epub_int.h"
#include "../src/alloc.h"
#include "../src/escape.h"
#include "../src/utf8.h"
#include "../src/zipout.h"

#define OPS		"OEBPS/"
#define MAX_LEVEL	6
#define NAV_STACK	(MAX_LEVEL + 2)

/* Names the book uses where the article has none. */
#define UNTITLED	"未命名"
#define LEAD_LABEL	"引言"

struct epub {
	const struct render_opts *opts;
	struct diag		*diag;
	enum points_mode	 points;
	struct epub_part	*parts;		/* spine order */
	size_t			 nparts, partcap;
	size_t			 body;		/* first lead/chapter part */
	struct epub_tocent	*toc;
	size_t			 ntoc, toccap;
	struct epub_image	*images;
	size_t			 nimages, imagecap;
	struct epub_part	*cur;		/* the part being written */
	char			 prefix[24];	/* "" or "a01-" (--combine) */
	unsigned int		 nids;		/* anchors handed out */
	int			 tocbase;	/* depth of doc's entries - 1 */
	int			 nav[NAV_STACK]; /* levels open in the toc */
	int			 nnav;
	int			 hlev[MAX_LEVEL]; /* levels open in the file */
	int			 nh;
	int			 hopen;		/* rank of the open <hN> */
	int			 figure;	/* how the open figure is put */
};

enum {
	FIG_NONE,		/* nothing written */
	FIG_IMAGE,		/* <figure><img/><figcaption>… */
	FIG_CAPTION		/* <p class="caption">… (image not embedded) */
};

/* ------------------------------------------------------------ helpers */

static void
put_text(struct buf *b, const char *s)
{
	if (s != NULL)
		esc_xml_text(b, s, strlen(s));
}

static void
put_attr(struct buf *b, const char *s)
{
	if (s != NULL)
		esc_xml_attr(b, s, strlen(s));
}

static int
empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

/*
 * Can url be an <a href>?  Only absolute web and mail addresses: a
 * relative one would point into the container at nothing.
 */
static int
url_usable(const char *url)
{
	if (url == NULL)
		return 0;
	return strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0 ||
	    strncasecmp(url, "mailto:", 7) == 0;
}

/* Writes url as an attribute value, percent-encoding what a URL may not
 * hold (non-ASCII, spaces, controls, quotes and brackets). */
static void
put_url(struct buf *b, const char *url)
{
	struct buf	 u = BUF_INIT;
	const unsigned char *p;

	for (p = (const unsigned char *)url; *p != '\0'; p++)
		if (*p <= 0x20 || *p >= 0x7F || strchr("\"<>\\^`{|}", *p))
			buf_printf(&u, "%%%02X", *p);
		else
			buf_putc(&u, *p);
	esc_xml_attr(b, u.ptr, u.len);
	buf_free(&u);
}

/* Heading text with its label, as the toc and <title> show it. */
static void
heading_text(const struct node *h, struct buf *b)
{
	labelled_text(h->as.heading.label, h, b);
	buf_truncate(b, strip_final_punct(b->ptr, b->len));
}

static int
heading_empty(const struct node *h)
{
	return empty(h->as.heading.label) && node_text_len(h) == 0;
}

/* A level-1 heading at the top of the tree starts a chapter file. */
static int
starts_chapter(const struct node *n)
{
	return n->type == NODE_HEADING && n->as.heading.level == 1 &&
	    !heading_empty(n);
}

/*
 * A run-in heading is written in one paragraph with the next block, as
 * the author had it; not a theme, whose chapter needs a real heading.
 */
static int
joins_next(const struct node *h)
{
	return h->as.heading.run_in && h->as.heading.level > 1 &&
	    h->next != NULL &&
	    h->next->type == NODE_PARAGRAPH;
}

static int
joined_to_heading(const struct node *p)
{
	return p->prev != NULL && p->prev->type == NODE_HEADING &&
	    !heading_empty(p->prev) && joins_next(p->prev);
}

/*
 * Does this link become an <a>?  It needs a usable address and a name,
 * and must not sit inside another <a> (HTML forbids nesting them).
 */
static int
link_opens(const struct node *n)
{
	const struct node	*p;

	if (!url_usable(n->as.link.url) || node_text_len(n) == 0)
		return 0;
	for (p = n->parent; p != NULL; p = p->parent)
		if (p->type == NODE_LINK && url_usable(p->as.link.url))
			return 0;
	return 1;
}

/* A list whose items carry literal labels shows those, not bullets. */
static int
list_labelled(const struct node *list)
{
	const struct node	*c;

	for (c = list->first_child; c != NULL; c = c->next)
		if (!empty(c->as.item.label))
			return 1;
	return 0;
}

/* Shortens a toc label to its first sentence, at most 40 characters. */
static void
short_label(struct buf *b)
{
	size_t		 pos = 0, n = 0;
	uint32_t	 cp;

	while (pos < b->len) {
		cp = utf8_next(b->ptr, b->len, &pos);
		if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F ||
		    cp == 0xFF1B) {
			buf_truncate(b, pos);
			break;
		}
		if (++n == 40 && pos < b->len) {
			buf_truncate(b, pos);
			BUF_PUTSL(b, "…");
			return;
		}
	}
	buf_truncate(b, strip_final_punct(b->ptr, b->len));
}

/* ------------------------------------------------------------ parts */

static struct epub_part *
part_add(struct epub *e, const char *name, const char *id)
{
	struct epub_part	*p;

	if (e->nparts == e->partcap) {
		e->partcap = e->partcap ? e->partcap * 2 : 16;
		e->parts = xreallocarray(e->parts, e->partcap,
		    sizeof(*e->parts));
	}
	p = &e->parts[e->nparts++];
	memset(p, 0, sizeof(*p));
	snprintf(p->name, sizeof(p->name), "%s", name);
	snprintf(p->id, sizeof(p->id), "%s", id);
	buf_init(&p->text);
	return p;
}

static void
toc_add(struct epub *e, int depth, const char *file, unsigned int anchor,
    const char *label, size_t len)
{
	struct epub_tocent	*t;
	struct buf		 href = BUF_INIT;

	if (e->ntoc == e->toccap) {
		e->toccap = e->toccap ? e->toccap * 2 : 32;
		e->toc = xreallocarray(e->toc, e->toccap, sizeof(*e->toc));
	}
	t = &e->toc[e->ntoc];
	/* Nesting opens one level at a time (an <ol> lives in an <li>). */
	if (e->ntoc == 0 || depth < 1)
		depth = 1;
	else if (depth > t[-1].depth + 1)
		depth = t[-1].depth + 1;
	e->ntoc++;
	buf_puts(&href, file);
	if (anchor != 0)
		buf_printf(&href, "#a%u", anchor);
	t->depth = depth;
	t->href = buf_detach(&href, NULL);
	t->label = len > 0 ? xstrndup(label, len) : xstrdup(UNTITLED);
}

/*
 * Toc depth for a heading of the given level: closes deeper or equal
 * headings still open, then opens this one.
 */
static int
nav_heading(struct epub *e, int level)
{
	while (e->nnav > 0 && e->nav[e->nnav - 1] >= level)
		e->nnav--;
	e->nav[e->nnav++] = level;
	return e->tocbase + e->nnav;
}

/*
 * The rank (1-6) of an <hN> for a heading of the given level in this file:
 * its depth among the headings open here, so ranks never skip (h1 then
 * h3) even when the source skips levels.
 */
static int
html_rank(struct epub *e, int level)
{
	while (e->nh > 0 && e->hlev[e->nh - 1] >= level)
		e->nh--;
	if (e->nh < MAX_LEVEL)
		e->hlev[e->nh++] = level;
	return e->nh;
}

static void
part_begin(struct epub *e, const char *name, const char *id,
    const char *lang, const char *title, const char *bodyclass)
{
	e->cur = part_add(e, name, id);
	epub_xhtml_start(&e->cur->text, lang, empty(title) ? UNTITLED : title,
	    bodyclass);
	e->nh = 0;
	e->nnav = 0;
}

static void
part_end(struct epub *e)
{
	if (e->cur == NULL)
		return;
	BUF_PUTSL(&e->cur->text, "</section>\n</body>\n</html>\n");
	e->cur = NULL;
}

/* ------------------------------------------------------------ images */

/*
 * The embedded image for a figure, or NULL when images are not embedded,
 * the source cannot be loaded or is not a type every reader shows.
 */
static const struct epub_image *
figure_image(struct epub *e, const struct node *fig)
{
	const struct render_opts *o = e->opts;
	const char		*src = fig->as.figure.src, *type, *why = NULL;
	struct buf		 data = BUF_INIT;
	struct epub_image	*im;
	size_t			 i;

	if (!o->embed_images || o->resources.load == NULL || empty(src))
		return NULL;
	for (i = 0; i < e->nimages; i++)
		if (strcmp(e->images[i].src, src) == 0)
			return &e->images[i];
	if (o->resources.load(o->resources.ctx, src, &data, &why) != 0) {
		diag_warn(e->diag, "epub: image %s: %s; caption only", src,
		    why);
		goto fail;
	}
	if ((type = writer_image_type(data.ptr, data.len)) == NULL) {
		diag_warn(e->diag, "epub: %s is not JPEG, PNG or GIF; caption "
		    "only", src);
		goto fail;
	}
	if (e->nimages == e->imagecap) {
		e->imagecap = e->imagecap ? e->imagecap * 2 : 8;
		e->images = xreallocarray(e->images, e->imagecap,
		    sizeof(*e->images));
	}
	im = &e->images[e->nimages++];
	im->src = xstrdup(src);
	snprintf(im->name, sizeof(im->name), "images/img%03zu.%s",
	    e->nimages, epub_image_ext(type));
	im->type = type;
	im->data = data;
	return im;
fail:
	buf_free(&data);
	return NULL;
}

/* ------------------------------------------------------------ body */

static void render_node(struct epub *e, const struct node *n,
    enum iter_event ev, struct iter *it);

/*
 * Walks the subtree of n (n itself when self, else only its children).
 * An empty container gets only an ENTER from the iterator; its EXIT is
 * supplied here so every element is closed.
 */
static void
walk(struct epub *e, const struct node *n, int self)
{
	struct iter		 it;
	enum iter_event		 ev;
	const struct node	*c;

	iter_init(&it, n);
	while ((ev = iter_next(&it)) != ITER_DONE) {
		c = it.node;
		if (c == n && !self)
			continue;
		render_node(e, c, ev, &it);
		if (ev == ITER_ENTER && c->first_child == NULL &&
		    c->type != NODE_TEXT && c->type != NODE_LINEBREAK &&
		    c->type != NODE_RULE)
			render_node(e, c, ITER_EXIT, NULL);
	}
}

static void
open_heading(struct epub *e, const struct node *n, struct buf *b)
{
	struct buf	 label = BUF_INIT;
	const char	*l = n->as.heading.label;
	int		 level = n->as.heading.level, depth;

	if (level < 1)
		level = 1;
	if (level > MAX_LEVEL)
		level = MAX_LEVEL;
	e->nids++;
	heading_text(n, &label);
	depth = nav_heading(e, level);
	toc_add(e, depth, e->cur->name, e->nids, label.ptr, label.len);
	if (joins_next(n)) {
		buf_printf(b, "<p class=\"run-in\" id=\"a%u\"><span class=\"rh "
		    "l%d\">", e->nids, level);
		e->hopen = 0;
	} else {
		e->hopen = html_rank(e, level);
		buf_printf(b, "<h%d class=\"l%d\" id=\"a%u\">", e->hopen,
		    level, e->nids);
	}
	if (!empty(l)) {
		put_text(b, l);
		buf_puts(b, label_separator(l));
	}
	buf_free(&label);
}

static void
open_point(struct epub *e, const struct node *n, struct buf *b)
{
	struct buf		 label = BUF_INIT;
	const struct node	*lead = n->first_child;
	const char		*l = n->as.point.label;

	e->nids++;
	if (!empty(l)) {
		buf_puts(&label, l);
		buf_puts(&label, label_separator(l));
	}
	node_text(lead != NULL && lead->type == NODE_POINT_LEAD ? lead : n,
	    &label);
	short_label(&label);
	toc_add(e, e->tocbase + e->nnav + 1, e->cur->name, e->nids,
	    label.ptr, label.len);
	buf_free(&label);
	if (e->points == POINTS_SPLIT)
		buf_printf(b, "<p class=\"point\" id=\"a%u\">", e->nids);
	else
		buf_printf(b, "<span class=\"point\" id=\"a%u\">", e->nids);
	if (lead == NULL || lead->type != NODE_POINT_LEAD) {
		put_text(b, l);
		buf_puts(b, label_separator(l));
	}
}

static void
open_figure(struct epub *e, const struct node *n, struct buf *b)
{
	const struct epub_image	*im = figure_image(e, n);
	struct buf		 alt = BUF_INIT;

	if (im != NULL) {
		if (!empty(n->as.figure.alt))
			buf_puts(&alt, n->as.figure.alt);
		else
			plain_text(n, &alt);
		if (alt.len == 0)
			BUF_PUTSL(&alt, "插图");
		BUF_PUTSL(b, "<figure>\n<img src=\"");
		put_attr(b, im->name);
		BUF_PUTSL(b, "\" alt=\"");
		esc_xml_attr(b, alt.ptr, alt.len);
		BUF_PUTSL(b, "\"/>\n");
		if (n->first_child != NULL)
			BUF_PUTSL(b, "<figcaption>");
		e->figure = FIG_IMAGE;
	} else if (n->first_child != NULL) {
		BUF_PUTSL(b, "<p class=\"caption\">");
		e->figure = FIG_CAPTION;
	} else if (!empty(n->as.figure.alt)) {
		BUF_PUTSL(b, "<p class=\"caption\">［图：");
		put_text(b, n->as.figure.alt);
		BUF_PUTSL(b, "］");
		e->figure = FIG_CAPTION;
	} else
		e->figure = FIG_NONE;
	buf_free(&alt);
}

/*
 * Writes the markup for one iterator event.  it is NULL for a supplied
 * EXIT (see walk()).  Blocks nest only through the iterator; the one
 * nested walk is the body of a run-in heading, which holds inlines only.
 */
static void
render_node(struct epub *e, const struct node *n, enum iter_event ev,
    struct iter *it)
{
	struct buf	*b = &e->cur->text;
	int		 enter = ev == ITER_ENTER, split;

	split = e->points == POINTS_SPLIT;
	switch (n->type) {
	case NODE_PARAGRAPH:
		if (joined_to_heading(n)) {
			if (enter && it != NULL)
				iter_skip_children(it);
		} else if (n->parent->type == NODE_POINT_LIST) {
			if (split)
				buf_puts(b, enter ? "<p class=\"intro\">" :
				    "</p>\n");
		} else
			buf_puts(b, enter ? "<p>" : "</p>\n");
		break;
	case NODE_HEADING:
		if (heading_empty(n)) {
			if (enter && it != NULL)
				iter_skip_children(it);
			break;
		}
		if (enter)
			open_heading(e, n, b);
		else if (joins_next(n)) {
			BUF_PUTSL(b, "</span>");
			walk(e, n->next, 0);
			BUF_PUTSL(b, "</p>\n");
		} else
			buf_printf(b, "</h%d>\n", e->hopen);
		break;
	case NODE_POINT_LIST:
		if (!split)
			buf_puts(b, enter ? "<p class=\"points\">" : "</p>\n");
		break;
	case NODE_POINT:
		if (enter)
			open_point(e, n, b);
		else
			buf_puts(b, split ? "</p>\n" : "</span>");
		break;
	case NODE_POINT_LEAD:
		if (enter) {
			if (e->opts->bold_leads)
				BUF_PUTSL(b, "<b class=\"lead\">");
			put_text(b, n->parent->as.point.label);
			buf_puts(b, label_separator(n->parent->as.point.label));
		} else if (e->opts->bold_leads)
			BUF_PUTSL(b, "</b>");
		break;
	case NODE_LIST:
		if (list_labelled(n))
			buf_puts(b, enter ? "<ul class=\"lit\">\n" : "</ul>\n");
		else if (n->as.list.ordered)
			buf_puts(b, enter ? "<ol>\n" : "</ol>\n");
		else
			buf_puts(b, enter ? "<ul>\n" : "</ul>\n");
		break;
	case NODE_LIST_ITEM:
		if (enter) {
			BUF_PUTSL(b, "<li>");
			if (!empty(n->as.item.label)) {
				put_text(b, n->as.item.label);
				buf_puts(b, label_separator(n->as.item.label));
			}
		} else
			BUF_PUTSL(b, "</li>\n");
		break;
	case NODE_QUOTE:
		buf_puts(b, enter ? "<blockquote>\n" : "</blockquote>\n");
		break;
	case NODE_TABLE:
		buf_puts(b, enter ? "<table>\n" : "</table>\n");
		break;
	case NODE_TABLE_ROW:
		buf_puts(b, enter ? "<tr>" : "</tr>\n");
		break;
	case NODE_TABLE_CELL:
		/* An empty header cell would be a header naming nothing. */
		if (n->parent->as.row.header && node_text_len(n) > 0)
			buf_puts(b, enter ? "<th scope=\"col\">" : "</th>");
		else
			buf_puts(b, enter ? "<td>" : "</td>");
		break;
	case NODE_FIGURE:
		if (enter)
			open_figure(e, n, b);
		else if (e->figure == FIG_IMAGE)
			buf_puts(b, n->first_child != NULL ?
			    "</figcaption>\n</figure>\n" : "</figure>\n");
		else if (e->figure == FIG_CAPTION)
			BUF_PUTSL(b, "</p>\n");
		break;
	case NODE_RULE:
		BUF_PUTSL(b, "<hr/>\n");
		break;
	case NODE_TEXT:
		put_text(b, n->as.text);
		break;
	case NODE_STRONG:
		buf_puts(b, enter ? "<strong>" : "</strong>");
		break;
	case NODE_EMPH:
		buf_puts(b, enter ? "<em>" : "</em>");
		break;
	case NODE_LINK:
		if (!link_opens(n))
			break;
		if (enter) {
			BUF_PUTSL(b, "<a href=\"");
			put_url(b, n->as.link.url);
			BUF_PUTSL(b, "\">");
		} else
			BUF_PUTSL(b, "</a>");
		break;
	case NODE_LINEBREAK:
		BUF_PUTSL(b, "<br/>");
		break;
	default:
		break;
	}
}

/* ------------------------------------------------------------ documents */

static const char *
doc_title(const struct doc *doc)
{
	return empty(doc->meta[META_TITLE]) ? UNTITLED :
	    doc->meta[META_TITLE];
}

/* The title page: kicker, title, subtitle, the meta line, the address. */
static void
title_page(struct epub *e, const struct doc *doc, const char *lang)
{
	struct buf	*b, line = BUF_INIT;
	char		 name[64], id[48];
	const char	*url = doc->meta[META_URL];

	snprintf(name, sizeof(name), "%stitle.xhtml", e->prefix);
	if (e->prefix[0] != '\0')
		snprintf(id, sizeof(id), "%stitle", e->prefix);
	else
		snprintf(id, sizeof(id), "titlepage");
	part_begin(e, name, id, lang, doc_title(doc), "titlepage");
	b = &e->cur->text;
	BUF_PUTSL(b, "<section epub:type=\"titlepage\">\n");
	if (!empty(doc->meta[META_KICKER])) {
		BUF_PUTSL(b, "<p class=\"kicker\">");
		put_text(b, doc->meta[META_KICKER]);
		BUF_PUTSL(b, "</p>\n");
	}
	BUF_PUTSL(b, "<h1 class=\"title\">");
	put_text(b, doc_title(doc));
	BUF_PUTSL(b, "</h1>\n");
	if (!empty(doc->meta[META_SUBTITLE])) {
		BUF_PUTSL(b, "<p class=\"subtitle\">");
		put_text(b, doc->meta[META_SUBTITLE]);
		BUF_PUTSL(b, "</p>\n");
	}
	meta_line(doc, &line);
	if (line.len > 0) {
		BUF_PUTSL(b, "<p class=\"meta\">");
		esc_xml_text(b, line.ptr, line.len);
		BUF_PUTSL(b, "</p>\n");
	}
	if (!empty(url)) {
		BUF_PUTSL(b, "<p class=\"url\">原文：");
		if (url_usable(url)) {
			BUF_PUTSL(b, "<a href=\"");
			put_url(b, url);
			BUF_PUTSL(b, "\">");
			put_text(b, url);
			BUF_PUTSL(b, "</a>");
		} else
			put_text(b, url);
		BUF_PUTSL(b, "</p>\n");
	}
	part_end(e);
	buf_free(&line);
}

/* Adds the contents page's slot to the spine; it is written last. */
static void
nav_slot(struct epub *e)
{
	struct epub_part	*p = part_add(e, "nav.xhtml", "nav");

	p->props = "nav";
}

/*
 * One document: its title page, then the lead and a chapter per level-1
 * heading.  With --combine, its toc entries nest under its title.
 */
static void
render_doc(struct epub *e, const struct doc *doc, const char *lang,
    int combine)
{
	const struct node	*c;
	struct buf		 title = BUF_INIT;
	char			 name[64], id[48];
	unsigned int		 nchap = 0;

	title_page(e, doc, lang);
	e->tocbase = 0;
	if (combine) {
		toc_add(e, 1, e->parts[e->nparts - 1].name, 0, doc_title(doc),
		    strlen(doc_title(doc)));
		e->tocbase = 1;
	} else
		nav_slot(e);
	for (c = doc->root->first_child; c != NULL; c = c->next) {
		if (starts_chapter(c)) {
			part_end(e);
			nchap++;
			snprintf(name, sizeof(name), "%sch%02u.xhtml",
			    e->prefix, nchap);
			snprintf(id, sizeof(id), "%sch%02u", e->prefix, nchap);
			buf_truncate(&title, 0);
			heading_text(c, &title);
			part_begin(e, name, id, lang, title.ptr, "chapter");
			BUF_PUTSL(&e->cur->text, "<section "
			    "epub:type=\"chapter\" role=\"doc-chapter\">\n");
			if (e->body == SIZE_MAX)
				e->body = e->nparts - 1;
		} else if (e->cur == NULL) {
			snprintf(name, sizeof(name), "%slead.xhtml", e->prefix);
			snprintf(id, sizeof(id), "%slead", e->prefix);
			part_begin(e, name, id, lang, LEAD_LABEL, "lead");
			BUF_PUTSL(&e->cur->text, "<section>\n");
			toc_add(e, e->tocbase + 1, name, 0, LEAD_LABEL,
			    strlen(LEAD_LABEL));
			/* Headings in the lead nest under its entry. */
			e->nav[e->nnav++] = 0;
			if (e->body == SIZE_MAX)
				e->body = e->nparts - 1;
		}
		walk(e, c, 1);
	}
	part_end(e);
	buf_free(&title);
}

/* ------------------------------------------------------------ the book */

/* The cover page (first in the spine) and, unless given, its image. */
static void
cover_page(struct epub *e, const char *lang, const char *title,
    const char *image)
{
	struct buf	*b;

	e->cur = part_add(e, "cover.xhtml", "cover");
	b = &e->cur->text;
	epub_xhtml_start(b, lang, "封面", "cover");
	BUF_PUTSL(b, "<section class=\"cover\">\n<img src=\"");
	put_attr(b, image);
	BUF_PUTSL(b, "\" alt=\"");
	put_attr(b, title);
	BUF_PUTSL(b, "\" epub:type=\"cover\" role=\"doc-cover\"/>\n");
	part_end(e);
}

/* The text of the generated cover. */
static void
cover_text_of(const struct doc *const *docs, size_t ndocs, const char *title,
    struct epub_cover *c)
{
	const struct doc	*d = docs[0];

	memset(c, 0, sizeof(*c));
	c->title = title;
	if (ndocs == 1) {
		c->kicker = d->meta[META_KICKER];
		c->subtitle = d->meta[META_SUBTITLE];
		c->source = !empty(d->meta[META_SOURCE]) ?
		    d->meta[META_SOURCE] : d->meta[META_AUTHOR];
		c->date = d->meta[META_DATE];
	}
}

/*
 * The generated cover image: a PNG, which every reading system's library
 * view shows, when cairo, pango and a font for its text are there; else
 * the SVG.  Returns the file name ("cover.png", "cover.svg").
 */
static const char *
generated_cover(struct epub *e, const struct doc *const *docs, size_t ndocs,
    const char *title, const char *lang, struct buf *out, const char **type)
{
	struct epub_cover	 c;
	const char		*why = NULL;
	int			 rc = 1;

	cover_text_of(docs, ndocs, title, &c);
	/* The vertical cover sets each character itself: SVG only. */
	if (e->opts->vertical) {
		epub_cover_svg_vertical(out, lang, &c);
		*type = "image/svg+xml";
		return "cover.svg";
	}
	if (!e->opts->svg_cover &&
	    (rc = epub_cover_png(out, lang, &c, &why)) == 0) {
		*type = "image/png";
		return "cover.png";
	}
	if (rc == 2)
		diag_warn(e->diag, "epub: cover kept as SVG: %s", why);
	else if (why != NULL)
		diag_note(e->diag, "epub: cover kept as SVG: %s", why);
	epub_cover_svg(out, lang, &c);
	*type = "image/svg+xml";
	return "cover.svg";
}

/*
 * Metadata with no place in a book is reported, not dropped silently: the
 * view count is the web site's, not the article's.
 */
static void
note_unused(struct epub *e, const struct doc *doc)
{
	if (!empty(doc->meta[META_VIEWS]))
		diag_note(e->diag, "epub: view count %s not kept (no place "
		    "for it in a book)", doc->meta[META_VIEWS]);
}

static void
epub_free(struct epub *e)
{
	size_t	 i;

	for (i = 0; i < e->nparts; i++)
		buf_free(&e->parts[i].text);
	for (i = 0; i < e->ntoc; i++) {
		free(e->toc[i].href);
		free(e->toc[i].label);
	}
	for (i = 0; i < e->nimages; i++) {
		free(e->images[i].src);
		buf_free(&e->images[i].data);
	}
	free(e->parts);
	free(e->toc);
	free(e->images);
}

/*
 * Adds one entry under OEBPS/ (or the root when name has a folder).
 * Raster images are stored: deflate gains nothing on JPEG, PNG, GIF or
 * WebP; text parts and SVG are deflated.
 */
static int
add_entry(struct zipout *z, const char *dir, const char *name,
    const void *data, size_t len, int image)
{
	struct buf	 path = BUF_INIT;
	size_t		 n = strlen(name);
	int		 rc, store;

	store = image && !(n >= 4 && strcmp(name + n - 4, ".svg") == 0);
	buf_puts(&path, dir);
	buf_puts(&path, name);
	rc = zipout_add(z, path.ptr, data, len,
	    store ? ZIPOUT_STORE : ZIPOUT_DEFLATE);
	buf_free(&path);
	return rc;
}

static int
epub_render(const struct doc *const *docs, size_t ndocs,
    const struct render_opts *opts, struct buf *out, struct diag *diag)
{
	struct epub		 e;
	struct epub_book	 bk;
	struct zipout		*z = NULL;
	struct buf		 b = BUF_INIT, cover = BUF_INIT;
	const char		*lang, *title, *coll = NULL, *ctype;
	char			 uuid[37], modified[21], cname[16];
	size_t			 i;
	time_t			 t;
	int			 rc = -1;

	memset(&e, 0, sizeof(e));
	if (ndocs == 0)
		return diag_error(diag, "epub: nothing to write");
	e.opts = opts;
	e.diag = diag;
	e.points = writer_points(opts, POINTS_SPLIT);
	e.body = SIZE_MAX;
	for (i = 0; i < ndocs; i++)
		if (!epub_lang_ok(writer_lang(docs[i], opts))) {
			diag_error(diag, "epub: \"%s\" is not a language tag "
			    "(BCP 47, e.g. zh-CN)", writer_lang(docs[i], opts));
			goto out;
		}
	lang = writer_lang(docs[0], opts);
	if (ndocs > 1 && !empty(opts->collection_title))
		coll = opts->collection_title;
	title = coll != NULL ? coll : doc_title(docs[0]);
	if (opts->cover.len > 0) {
		/* The bytes decide, whatever opts->cover_type says. */
		ctype = writer_image_type(opts->cover.ptr, opts->cover.len);
		if (ctype == NULL) {
			diag_error(diag, "epub: the cover is not a JPEG, PNG "
			    "or GIF image");
			goto out;
		}
		snprintf(cname, sizeof(cname), "cover.%s", epub_image_ext(ctype));
	} else
		snprintf(cname, sizeof(cname), "%s", generated_cover(&e, docs,
		    ndocs, title, lang, &cover, &ctype));
	epub_book_id(docs, ndocs, coll, uuid);
	t = doc_time(opts, modified);

	cover_page(&e, lang, title, cname);
	if (ndocs > 1)
		nav_slot(&e);
	for (i = 0; i < ndocs; i++) {
		if (ndocs > 1)
			snprintf(e.prefix, sizeof(e.prefix), "a%02zu-", i + 1);
		render_doc(&e, docs[i], writer_lang(docs[i], opts), ndocs > 1);
		note_unused(&e, docs[i]);
	}
	if (e.ntoc == 0)	/* an empty article: the toc needs an entry */
		toc_add(&e, 1, e.parts[1].name, 0, title, strlen(title));
	epub_split_parts(&e.parts, &e.nparts, &e.partcap, &e.body, e.toc,
	    e.ntoc);
	if (e.body == SIZE_MAX)
		e.body = e.nparts;

	memset(&bk, 0, sizeof(bk));
	bk.docs = docs;
	bk.ndocs = ndocs;
	bk.title = title;
	bk.lang = lang;
	bk.uuid = uuid;
	bk.modified = modified;
	bk.cover_name = cname;
	bk.cover_type = ctype;
	bk.parts = e.parts;
	bk.nparts = e.nparts;
	bk.body = e.body;
	bk.toc = e.toc;
	bk.ntoc = e.ntoc;
	bk.images = e.images;
	bk.nimages = e.nimages;
	bk.vertical = opts->vertical;
	for (i = 0; i < e.nparts; i++)
		if (e.parts[i].props != NULL &&
		    strcmp(e.parts[i].props, "nav") == 0)
			epub_nav(&bk, &e.parts[i].text);
	for (i = 0; i < e.nparts && opts->vertical; i++)
		epub_verticalize(&e.parts[i].text, lang);

	if ((z = zipout_new(t, diag)) == NULL)
		goto out;
	if (zipout_add(z, "mimetype", "application/epub+zip", 20,
	    ZIPOUT_STORE) != 0 ||
	    zipout_add(z, "META-INF/container.xml", epub_container_xml,
	    strlen(epub_container_xml), ZIPOUT_SHARED) != 0 ||
	    zipout_add(z, "META-INF/com.apple.ibooks.display-options.xml",
	    epub_apple_options, strlen(epub_apple_options),
	    ZIPOUT_SHARED) != 0)
		goto out;
	epub_opf(&bk, &b);
	if (zipout_add_buf(z, OPS "content.opf", &b, 0) != 0)
		goto out;
	epub_ncx(&bk, &b);
	if (zipout_add_buf(z, OPS "toc.ncx", &b, 0) != 0)
		goto out;
	buf_puts(&b, epub_css);
	if (opts->vertical)
		buf_puts(&b, epub_css_vertical);
	if (zipout_add_buf(z, OPS "style.css", &b, ZIPOUT_SHARED) != 0)
		goto out;
	if (opts->cover.len > 0) {
		if (add_entry(z, OPS, cname, opts->cover.ptr,
		    opts->cover.len, 1) != 0)
			goto out;
	} else if (add_entry(z, OPS, cname, cover.ptr, cover.len, 1) != 0)
		goto out;
	for (i = 0; i < e.nparts; i++)
		if (add_entry(z, OPS, e.parts[i].name, e.parts[i].text.ptr,
		    e.parts[i].text.len, 0) != 0)
			goto out;
	for (i = 0; i < e.nimages; i++)
		if (add_entry(z, OPS, e.images[i].name, e.images[i].data.ptr,
		    e.images[i].data.len, 1) != 0)
			goto out;
	if (zipout_finish(z, out) != 0)
		goto out;
	rc = 0;
out:
	zipout_free(z);
	buf_free(&b);
	buf_free(&cover);
	epub_free(&e);
	return rc;
}

const struct writer writer_epub = {
	"epub",
	"epub",
	"EPUB 3 e-book: Chinese typesetting, chapters, nav and cover",
	1,
	epub_render,
};
