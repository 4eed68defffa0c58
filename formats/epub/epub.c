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
 * The chapters' markup comes from formats/xhtml.c (shared with the HTML
 * writer); this file decides the files, the contents and the images.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/zipout.h"
#include "tree/alloc.h"
#include "tree/escape.h"
#include "tree/utf8.h"
#include "epub_int.h"
#include "xhtml.h"

#define OPS		"OEBPS/"

/* Names the book uses where the article has none. */
#define UNTITLED	"未命名"
#define LEAD_LABEL	"引言"

struct epub {
	const struct render_opts *opts;
	const struct epub_options *eo;	/* opts' EPUB options */
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
	int			 tocbase;	/* depth of doc's entries - 1 */
	struct xhtml_levels	 nav;		/* headings open, for the toc */
	struct xhtml		 x;		/* the chapters' markup */
};

/* ------------------------------------------------------------ helpers */

/* A level-1 heading at the top of the tree starts a chapter file. */
static int
starts_chapter(const struct node *n)
{
	return n->type == NODE_HEADING && n->as.heading.level == 1 &&
	    !xhtml_heading_empty(n);
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
	depth = xhtml_toc_depth(depth, e->ntoc > 0 ? t[-1].depth : 0);
	e->ntoc++;
	buf_puts(&href, file);
	if (anchor != 0)
		buf_printf(&href, "#a%u", anchor);
	t->depth = depth;
	t->href = buf_detach(&href, NULL);
	t->label = len > 0 ? xstrndup(label, len) : xstrdup(UNTITLED);
}

static void
part_begin(struct epub *e, const char *name, const char *id,
    const char *lang, const char *title, const char *bodyclass)
{
	e->cur = part_add(e, name, id);
	epub_xhtml_start(&e->cur->text, lang, blank(title) ? UNTITLED : title,
	    bodyclass);
	e->x.out = &e->cur->text;
	xhtml_new_part(&e->x);
	e->nav.n = 0;
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

	if (!o->embed_images || o->resources.load == NULL || blank(src))
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

/* The hooks of the chapters' markup (xhtml.h): contents and images. */
static void
toc_heading(void *ctx, unsigned int id, int level, const char *text,
    size_t len)
{
	struct epub	*e = ctx;

	toc_add(e, e->tocbase + xhtml_levels_open(&e->nav, level),
	    e->cur->name, id, text, len);
}

static void
toc_point(void *ctx, unsigned int id, const char *text, size_t len)
{
	struct epub	*e = ctx;

	toc_add(e, e->tocbase + e->nav.n + 1, e->cur->name, id, text, len);
}

static const char *
chapter_image(void *ctx, const struct node *fig)
{
	const struct epub_image	*im = figure_image(ctx, fig);

	return im != NULL ? im->name : NULL;
}

/* ------------------------------------------------------------ documents */

static const char *
doc_title(const struct doc *doc)
{
	return blank(doc->meta[META_TITLE]) ? UNTITLED :
	    doc->meta[META_TITLE];
}

/* The title page: kicker, title, subtitle, the meta line, the address. */
static void
title_page(struct epub *e, const struct doc *doc, const char *lang)
{
	struct buf	*b;
	char		 name[64], id[48];

	snprintf(name, sizeof(name), "%stitle.xhtml", e->prefix);
	if (e->prefix[0] != '\0')
		snprintf(id, sizeof(id), "%stitle", e->prefix);
	else
		snprintf(id, sizeof(id), "titlepage");
	part_begin(e, name, id, lang, doc_title(doc), "titlepage");
	b = &e->cur->text;
	BUF_PUTSL(b, "<section epub:type=\"titlepage\">\n");
	xhtml_title_block(b, doc, doc_title(doc), 1, "url");
	part_end(e);
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
			xhtml_heading_text(c, &title);
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
			xhtml_levels_open(&e->nav, 0);
			if (e->body == SIZE_MAX)
				e->body = e->nparts - 1;
		}
		xhtml_walk(&e->x, c, 1);
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
	xml_attr(b, image);
	BUF_PUTSL(b, "\" alt=\"");
	xml_attr(b, title);
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
		c->source = !blank(d->meta[META_SOURCE]) ?
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
	if (e->eo->vertical) {
		epub_cover_svg_vertical(out, lang, &c);
		*type = "image/svg+xml";
		return "cover.svg";
	}
	if (!e->eo->svg_cover &&
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
	if (!blank(doc->meta[META_VIEWS]))
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
	e.eo = writer_options(opts, &writer_epub);
	e.diag = diag;
	e.points = writer_points(opts, POINTS_SPLIT);
	e.body = SIZE_MAX;
	e.x.opts = opts;
	e.x.points = e.points;
	e.x.hooks.heading = toc_heading;
	e.x.hooks.point = toc_point;
	e.x.hooks.image = chapter_image;
	e.x.hooks.ctx = &e;
	for (i = 0; i < ndocs; i++)
		if (!epub_lang_ok(writer_lang(docs[i], opts))) {
			diag_error(diag, "epub: \"%s\" is not a language tag "
			    "(BCP 47, e.g. zh-CN)", writer_lang(docs[i], opts));
			goto out;
		}
	lang = writer_lang(docs[0], opts);
	if (ndocs > 1 && !blank(opts->collection_title))
		coll = opts->collection_title;
	title = coll != NULL ? coll : doc_title(docs[0]);
	if (e.eo->cover.len > 0) {
		/* The bytes decide the media type. */
		ctype = writer_image_type(e.eo->cover.ptr, e.eo->cover.len);
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
	bk.vertical = e.eo->vertical;
	for (i = 0; i < e.nparts; i++)
		if (e.parts[i].props != NULL &&
		    strcmp(e.parts[i].props, "nav") == 0)
			epub_nav(&bk, &e.parts[i].text);
	for (i = 0; i < e.nparts && e.eo->vertical; i++)
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
	if (e.eo->vertical)
		buf_puts(&b, epub_css_vertical);
	if (zipout_add_buf(z, OPS "style.css", &b, ZIPOUT_SHARED) != 0)
		goto out;
	if (e.eo->cover.len > 0) {
		if (add_entry(z, OPS, cname, e.eo->cover.ptr,
		    e.eo->cover.len, 1) != 0)
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

/* --cover: what every e-book reader shows; GIF not always. */
static int
cover_ok(const char *p, size_t len)
{
	const char	*type = writer_image_type(p, len);

	return type != NULL && strcmp(type, "image/gif") != 0 ? 0 : -1;
}

static const struct writer_option epub_option_table[] = {
	{
		.name = "cover",
		.kind = WOPT_FILE,
		.arg = "IMAGE",
		.help = "JPEG or PNG cover image",
		.man = "EPUB: use a JPEG or PNG cover instead of the generated "
		    "one: a regular\nfile of at most 32 MB.",
		.offset = offsetof(struct epub_options, cover),
		.max_size = RESOURCE_MAX_IMAGE,
		.check = cover_ok,
		.takes = "a JPEG or PNG image",
	},
	{
		.name = "vertical",
		.kind = WOPT_FLAG,
		.help = "vertical text (竖排), columns and pages\n"
		    "from right to left",
		.man = "EPUB: set the book vertically (竖排): columns from top "
		    "to bottom and\nright to left, pages turned from right to "
		    "left, the generated cover in\ncolumns.\nPunctuation takes "
		    "the font's vertical forms; curly quotes become corner\n"
		    "brackets\n.Pf ( Ql 『』\nand\n.Ql 「」 ,\nthe order "
		    "following the language tag); numbers of one or two digits "
		    "stand\nupright, longer numbers and Latin words lie "
		    "sideways.\nOther formats are not affected.",
		.offset = offsetof(struct epub_options, vertical),
	},
	{
		.name = "svg-cover",
		.kind = WOPT_FLAG,
		.help = "generated cover as SVG, not PNG (bytes\n"
		    "independent of installed fonts)",
		.man = "EPUB: make the generated cover an SVG image instead of "
		    "a PNG drawn with\nthe installed fonts (the bytes then do "
		    "not depend on the fonts).",
		.offset = offsetof(struct epub_options, svg_cover),
	},
	{ .name = NULL }
};

static const struct epub_options epub_defaults = { .svg_cover = 0 };

const struct writer writer_epub = {
	.name = "epub",
	.extension = "epub",
	.description = "EPUB 3 e-book: Chinese typesetting, chapters, nav and "
	    "cover",
	.zip = 1,
	.text_parts = "OEBPS/*.xhtml",
	.options = epub_option_table,
	.options_size = sizeof(struct epub_options),
	.options_default = &epub_defaults,
	.render = epub_render,
};
