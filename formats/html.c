/*
 * HTML writers: one standalone, accessible HTML5 page (-t html), or the
 * article's body alone for a site's own page (-t html-fragment).
 *
 * The body's markup is the EPUB chapters' (formats/xhtml.c): the same
 * headings, points, lists, tables and figures.  Around it the page has
 *
 *   <html lang>, <meta charset>, the viewport, <title>, the author;
 *   a <header> with kicker, <h1> title, subtitle and the metadata line;
 *   a <nav> contents list linking every heading (when there are any);
 *   the body in <main>, its level-1 headings as <h2> (the title is the
 *   page's only <h1>); with --combine, one <article> per document;
 *   one inline stylesheet: Chinese typesetting as in the EPUB (2em
 *   indents, justified, line-break: strict, emphasis by dots or weight,
 *   never italics), a print stylesheet (A4 with GB/T 9704's margins,
 *   no contents list) and dark colours under prefers-color-scheme.
 *
 * No scripts and no external requests: with --images pictures are
 * embedded as data: URLs, otherwise their captions stand alone.
 *
 * --template FILE frames the page in the user's own HTML, with pandoc's
 * syntax for the variables listed in html_vars[] below: $title$, $body$,
 * $toc$ …, $if(x)$…$else$…$endif$, and $$ for a dollar sign.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tree/alloc.h"
#include "tree/escape.h"
#include "tree/utf8.h"
#include "xhtml.h"

#define UNTITLED	"未命名"
#define TEMPLATE_DEPTH	16

static const char html_css[] =
"html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }\n"
"body {\n"
"  margin: 0 auto;\n"
"  padding: 2em 1.25em 4em;\n"
"  max-width: 40em;\n"
XHTML_CSS_SERIF
"  font-size: 1.0625em;\n"
"  line-height: 1.75;\n"
"  color: #1a1a1a;\n"
"  background: #fdfdfb;\n"
XHTML_CSS_FLOW
"  font-size: 1em;\n"
"  line-height: 1.5;\n"
"  text-align: left;\n"
"  text-indent: 2em;\n"
"  margin: 1em 0 0.5em;\n"
"  break-after: avoid;\n"
"}\n"
"header h1 {\n"
"  font-size: 1.6em;\n"
"  line-height: 1.4;\n"
"  text-align: center;\n"
"  text-indent: 0;\n"
"  margin: 0.5em 0;\n"
"}\n"
XHTML_CSS_TITLE_PHRASE
"header p { text-indent: 0; text-align: center; }\n"
"p.kicker, p.subtitle { font-size: 1.05em; }\n"
"p.meta { font-size: 0.85em; color: #555; margin: 0.5em 0 1.5em; }\n"
"h2.l1 { font-size: 1.2em; }\n"
".l2 {\n"
XHTML_CSS_KAITI
"  font-size: 1.1em;\n"
"}\n"
".l3 {\n"
XHTML_CSS_FANGSONG
"}\n"
".l4, .l5, .l6 { font-family: inherit; }\n"
"article > header h2 { font-size: 1.4em; text-align: center; text-indent: 0; }\n"
"span.rh { font-weight: bold; }\n"
"b.lead, strong { font-weight: bold; }\n"
"em { font-style: normal; font-weight: bold; }\n"
XHTML_CSS_EMPHASIS
XHTML_CSS_CLOSING
"li p { text-indent: 0; }\n"
"table { border-collapse: collapse; margin: 0.8em auto; font-size: 0.9em;\n"
"  line-height: 1.5; }\n"
"th, td { border: 1px solid #888; padding: 0.2em 0.5em; text-align: left;\n"
"  vertical-align: top; }\n"
XHTML_CSS_FIGURE
"figcaption, p.caption { text-indent: 0; text-align: center;\n"
"  font-size: 0.9em; color: #555; }\n"
"hr { border: 0; border-top: 1px solid #999; width: 30%; margin: 1.5em auto; }\n"
"a { color: #1a4d8c; }\n"
"nav.toc { margin: 1em 0 2em; padding: 0.5em 1em; border: 1px solid #ddd;\n"
"  border-radius: 4px; }\n"
"nav.toc h2 { text-indent: 0; margin: 0.3em 0; font-size: 1em; }\n"
"nav.toc ol { list-style: none; margin: 0; padding-left: 1.5em; }\n"
"nav.toc > ol { padding-left: 0; }\n"
"nav.toc a { color: inherit; text-decoration: none; }\n"
"nav.toc a:hover, nav.toc a:focus { text-decoration: underline; }\n"
":lang(zh-TW), :lang(zh-HK), :lang(zh-MO), :lang(zh-Hant) {\n"
"  font-family: \"Songti TC\", \"Noto Serif CJK TC\", \"Source Han Serif TC\",\n"
"    \"PMingLiU\", \"MingLiU\", serif;\n"
"}\n"
"@media (prefers-color-scheme: dark) {\n"
"  body { color: #ddd; background: #181a1b; }\n"
"  p.meta, figcaption, p.caption { color: #aaa; }\n"
"  a { color: #8ab4f8; }\n"
"  th, td { border-color: #666; }\n"
"  nav.toc { border-color: #444; }\n"
"  hr { border-top-color: #666; }\n"
"}\n"
/* Printed: A4 with the margins of GB/T 9704 (37/35 mm, 28/26 mm). */
"@media print {\n"
"  @page { size: A4; margin: 37mm 26mm 35mm 28mm; }\n"
"  body { max-width: none; padding: 0; font-size: 12pt; color: #000;\n"
"    background: #fff; }\n"
"  nav.toc { display: none; }\n"
"  a { color: inherit; text-decoration: none; }\n"
"  h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }\n"
"  figure, table { break-inside: avoid; page-break-inside: avoid; }\n"
"}\n";

struct tocent {
	int		 depth;
	char		 href[32];	/* "#a12", "#art2" */
	char		*text;
};

/* The HTML writer's own options (html_option_table below). */
struct html_options {
	struct slice	 template;	/* --template: the page's bytes */
};

extern const struct writer writer_html;

struct html {
	const struct render_opts *opts;
	struct diag	*diag;
	struct xhtml	 x;
	struct tocent	*toc;
	size_t		 ntoc, toccap;
	struct xhtml_levels nav;	/* headings open, for the contents */
	int		 tocbase;
	struct {
		char	*src;
		char	*url;	/* data: URL, or NULL (not loadable) */
	}		*images;
	size_t		 nimages;
};

/* --- hooks --------------------------------------------------------------- */

static void
toc_add(struct html *h, int depth, const char *href, const char *text,
    size_t len)
{
	struct tocent	*t;

	if (h->ntoc == h->toccap) {
		h->toccap = h->toccap ? h->toccap * 2 : 32;
		h->toc = xreallocarray(h->toc, h->toccap, sizeof(*h->toc));
	}
	t = &h->toc[h->ntoc];
	t->depth = xhtml_toc_depth(depth, h->ntoc > 0 ? t[-1].depth : 0);
	snprintf(t->href, sizeof(t->href), "%s", href);
	t->text = len > 0 ? xstrndup(text, len) : xstrdup(UNTITLED);
	h->ntoc++;
}

static void
toc_heading(void *ctx, unsigned int id, int level, const char *text,
    size_t len)
{
	struct html	*h = ctx;
	char		 href[32];

	snprintf(href, sizeof(href), "#a%u", id);
	toc_add(h, h->tocbase + xhtml_levels_open(&h->nav, level), href, text,
	    len);
}

static void
base64(struct buf *b, const unsigned char *p, size_t n)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t	 i;

	for (i = 0; i + 2 < n; i += 3) {
		buf_putc(b, tab[p[i] >> 2]);
		buf_putc(b, tab[((p[i] & 3) << 4) | (p[i + 1] >> 4)]);
		buf_putc(b, tab[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)]);
		buf_putc(b, tab[p[i + 2] & 63]);
	}
	if (n - i == 1) {
		buf_putc(b, tab[p[i] >> 2]);
		buf_putc(b, tab[(p[i] & 3) << 4]);
		BUF_PUTSL(b, "==");
	} else if (n - i == 2) {
		buf_putc(b, tab[p[i] >> 2]);
		buf_putc(b, tab[((p[i] & 3) << 4) | (p[i + 1] >> 4)]);
		buf_putc(b, tab[(p[i + 1] & 15) << 2]);
		buf_putc(b, '=');
	}
}

/* --images: the picture as a data: URL, so the page needs no file. */
static const char *
page_image(void *ctx, const struct node *fig)
{
	struct html		*h = ctx;
	const struct render_opts *o = h->opts;
	const char		*src = fig->as.figure.src, *type, *why = NULL;
	struct buf		 data = BUF_INIT, url = BUF_INIT;
	size_t			 i;

	if (!o->embed_images || o->resources.load == NULL || blank(src))
		return NULL;
	for (i = 0; i < h->nimages; i++)
		if (strcmp(h->images[i].src, src) == 0)
			return h->images[i].url;
	h->images = xreallocarray(h->images, h->nimages + 1,
	    sizeof(*h->images));
	h->images[h->nimages].src = xstrdup(src);
	h->images[h->nimages].url = NULL;
	h->nimages++;
	if (o->resources.load(o->resources.ctx, src, &data, &why) != 0)
		diag_warn(h->diag, "html: image %s: %s; caption only", src,
		    why != NULL ? why : "cannot be read");
	else if ((type = writer_image_type(data.ptr, data.len)) == NULL)
		diag_warn(h->diag, "html: %s is not JPEG, PNG or GIF; caption "
		    "only", src);
	else {
		buf_printf(&url, "data:%s;base64,", type);
		base64(&url, (const unsigned char *)data.ptr, data.len);
		h->images[h->nimages - 1].url = buf_detach(&url, NULL);
	}
	buf_free(&data);
	return h->images[h->nimages - 1].url;
}

/* --- parts of the page ---------------------------------------------------- */

static const char *
doc_title(const struct doc *doc)
{
	return blank(doc->meta[META_TITLE]) ? UNTITLED : doc->meta[META_TITLE];
}

/* Kicker, title (<hN>), subtitle and the metadata line. */
static void
head_block(const struct doc *doc, int rank, struct buf *b)
{
	BUF_PUTSL(b, "<header>\n");
	xhtml_title_block(b, doc, doc_title(doc), rank, "meta");
	BUF_PUTSL(b, "</header>\n");
}

/* The contents list: nested <ol> of links to the headings. */
static void
toc_nav(const struct html *h, struct buf *b)
{
	size_t	 i;
	int	 prev = 0;

	if (h->ntoc == 0)
		return;
	BUF_PUTSL(b, "<nav class=\"toc\" aria-labelledby=\"toc-title\">\n"
	    "<h2 id=\"toc-title\">目录</h2>\n");
	for (i = 0; i < h->ntoc; i++)
		xhtml_toc_item(b, &prev, h->toc[i].depth, h->toc[i].href,
		    h->toc[i].text);
	xhtml_toc_end(b, prev);
	BUF_PUTSL(b, "</nav>\n");
}

/* The documents' bodies; with several, one <article> each. */
static void
bodies(struct html *h, const struct doc *const *docs, size_t ndocs,
    struct buf *b)
{
	size_t	 i;
	char	 id[32];

	h->x.out = b;
	if (ndocs == 1) {
		h->x.rank_base = 1;
		h->tocbase = 0;
		xhtml_new_part(&h->x);
		xhtml_walk(&h->x, docs[0]->root, 0);
		return;
	}
	for (i = 0; i < ndocs; i++) {
		snprintf(id, sizeof(id), "art%zu", i + 1);
		buf_printf(b, "<article id=\"%s\" lang=\"", id);
		xml_attr(b, writer_lang(docs[i], h->opts));
		BUF_PUTSL(b, "\">\n");
		head_block(docs[i], 2, b);
		/* The article's title heads its entries in the contents. */
		h->nav.n = 0;
		h->tocbase = 1;
		snprintf(id, sizeof(id), "#art%zu", i + 1);
		toc_add(h, 1, id, doc_title(docs[i]),
		    strlen(doc_title(docs[i])));
		h->x.rank_base = 2;
		xhtml_new_part(&h->x);
		xhtml_walk(&h->x, docs[i]->root, 0);
		BUF_PUTSL(b, "</article>\n");
	}
}

/* --- templates ----------------------------------------------------------- */

/* The variables a template may use; values are escaped unless raw. */
struct var {
	const char	*name;
	int		 raw;
	struct buf	 value;
};

enum {
	V_TITLE, V_SUBTITLE, V_KICKER, V_DATE, V_AUTHOR, V_PUBLISHER,
	V_SOURCE, V_URL, V_LANG, V_META, V_HEADER, V_TOC, V_BODY, V_CSS,
	V__COUNT
};

static const char *const html_vars[V__COUNT] = {
	"title", "subtitle", "kicker", "date", "author", "publisher",
	"source", "url", "lang", "meta", "header", "toc", "body", "css"
};

/*
 * Expands t[*pos..) into out until $else$/$endif$ (returned as 1/2) or
 * the end (0); -1 on an error (reason in diag).  emit 0 skips output.
 */
static int
expand(const char *t, size_t len, size_t *pos, struct var *vars, int emit,
    int depth, struct buf *out, struct diag *diag)
{
	size_t	 e, n;
	int	 k, r, cond;
	char	 name[40];

	while (*pos < len) {
		if (t[*pos] != '$') {
			e = *pos;
			while (e < len && t[e] != '$')
				e++;
			if (emit)
				buf_put(out, t + *pos, e - *pos);
			*pos = e;
			continue;
		}
		if (*pos + 1 < len && t[*pos + 1] == '$') {
			if (emit)
				buf_putc(out, '$');
			*pos += 2;
			continue;
		}
		for (e = *pos + 1; e < len && t[e] != '$' && t[e] != '\n'; e++)
			;
		if (e >= len || t[e] != '$' || e - *pos - 1 >= sizeof(name))
			return diag_error(diag, "html: template: unclosed $ at "
			    "byte %zu", *pos);
		n = e - *pos - 1;
		memcpy(name, t + *pos + 1, n);
		name[n] = '\0';
		*pos = e + 1;
		if (strcmp(name, "else") == 0)
			return 1;
		if (strcmp(name, "endif") == 0)
			return 2;
		if (strncmp(name, "if(", 3) == 0 && n > 4 &&
		    name[n - 1] == ')') {
			name[n - 1] = '\0';
			for (k = 0; k < V__COUNT; k++)
				if (strcmp(html_vars[k], name + 3) == 0)
					break;
			if (k == V__COUNT)
				return diag_error(diag, "html: template: unknown "
				    "variable $if(%s)$", name + 3);
			if (depth >= TEMPLATE_DEPTH)
				return diag_error(diag, "html: template: $if$ "
				    "nested too deeply");
			cond = vars[k].value.len > 0;
			r = expand(t, len, pos, vars, emit && cond, depth + 1,
			    out, diag);
			if (r == 1)
				r = expand(t, len, pos, vars, emit && !cond,
				    depth + 1, out, diag);
			if (r < 0)
				return -1;
			if (r != 2)
				return diag_error(diag, "html: template: "
				    "$if(%s)$ without $endif$", name + 3);
			continue;
		}
		for (k = 0; k < V__COUNT; k++)
			if (strcmp(html_vars[k], name) == 0)
				break;
		if (k == V__COUNT)
			return diag_error(diag, "html: template: unknown "
			    "variable $%s$ (known: title subtitle kicker date "
			    "author publisher source url lang meta header toc "
			    "body css)", name);
		if (!emit)
			continue;
		if (vars[k].raw)
			buf_putbuf(out, &vars[k].value);
		else
			esc_xml_text(out, vars[k].value.ptr, vars[k].value.len);
	}
	return 0;
}

static int
apply_template(const struct slice *tpl, struct var *vars,
    struct buf *out, struct diag *diag)
{
	const char	*t = tpl->ptr;
	size_t		 len = tpl->len, pos = 0;
	int		 r;

	if (!utf8_valid(t, len))
		return diag_error(diag, "html: the template is not UTF-8");
	r = expand(t, len, &pos, vars, 1, 0, out, diag);
	if (r == 1 || r == 2)
		return diag_error(diag, "html: template: $%s$ without "
		    "$if(…)$", r == 1 ? "else" : "endif");
	return r;
}

/* --- the writers ---------------------------------------------------------- */

static void
html_free(struct html *h)
{
	size_t	 i;

	for (i = 0; i < h->ntoc; i++)
		free(h->toc[i].text);
	for (i = 0; i < h->nimages; i++) {
		free(h->images[i].src);
		free(h->images[i].url);
	}
	free(h->toc);
	free(h->images);
}

static void
html_init(struct html *h, const struct render_opts *opts, struct diag *diag)
{
	memset(h, 0, sizeof(*h));
	h->opts = opts;
	h->diag = diag;
	h->x.opts = opts;
	h->x.html = 1;
	h->x.points = writer_points(opts, POINTS_INLINE);
	h->x.hooks.heading = toc_heading;
	h->x.hooks.image = page_image;
	h->x.hooks.ctx = h;
}

static int
page_render(const struct doc *const *docs, size_t ndocs,
    const struct render_opts *opts, struct buf *out, struct diag *diag)
{
	const struct html_options *ho = writer_options(opts, &writer_html);
	struct html	 h;
	struct var	 v[V__COUNT];
	struct buf	 body = BUF_INIT;
	const struct doc *d = docs[0];
	const char	*lang, *title;
	int		 k, rc = -1;

	if (ndocs == 0)
		return diag_error(diag, "html: nothing to write");
	html_init(&h, opts, diag);
	lang = writer_lang(d, opts);
	title = ndocs > 1 && !blank(opts->collection_title) ?
	    opts->collection_title : doc_title(d);
	bodies(&h, docs, ndocs, &body);
	for (k = 0; k < V__COUNT; k++) {
		v[k].name = html_vars[k];
		v[k].raw = k >= V_HEADER;
		buf_init(&v[k].value);
	}
	buf_puts(&v[V_TITLE].value, title);
	if (ndocs == 1) {
		static const enum meta_key keys[] = {
			META_SUBTITLE, META_KICKER, META_DATE, META_AUTHOR,
			META_PUBLISHER, META_SOURCE, META_URL
		};
		static const int slots[] = {
			V_SUBTITLE, V_KICKER, V_DATE, V_AUTHOR, V_PUBLISHER,
			V_SOURCE, V_URL
		};
		size_t i;

		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			if (!blank(d->meta[keys[i]]))
				buf_puts(&v[slots[i]].value, d->meta[keys[i]]);
		meta_line(d, &v[V_META].value);
		head_block(d, 1, &v[V_HEADER].value);
	} else {
		BUF_PUTSL(&v[V_HEADER].value, "<header>\n<h1 class=\"title\">");
		xhtml_title_text(&v[V_HEADER].value, title);
		BUF_PUTSL(&v[V_HEADER].value, "</h1>\n</header>\n");
	}
	buf_puts(&v[V_LANG].value, lang);
	toc_nav(&h, &v[V_TOC].value);
	buf_putbuf(&v[V_BODY].value, &body);
	buf_puts(&v[V_CSS].value, html_css);
	if (ho->template.len > 0) {
		if (apply_template(&ho->template, v, out, diag) != 0)
			goto out;
		rc = 0;
		goto out;
	}
	BUF_PUTSL(out, "<!DOCTYPE html>\n<html lang=\"");
	xml_attr(out, lang);
	BUF_PUTSL(out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<meta name=\"color-scheme\" "
	    "content=\"light dark\">\n<title>");
	xml_text(out, title);
	BUF_PUTSL(out, "</title>\n");
	if (v[V_AUTHOR].value.len > 0) {
		BUF_PUTSL(out, "<meta name=\"author\" content=\"");
		esc_xml_attr(out, v[V_AUTHOR].value.ptr, v[V_AUTHOR].value.len);
		BUF_PUTSL(out, "\">\n");
	}
	BUF_PUTSL(out, "<style>\n");
	buf_puts(out, html_css);
	BUF_PUTSL(out, "</style>\n</head>\n<body id=\"top\">\n");
	buf_putbuf(out, &v[V_HEADER].value);
	buf_putbuf(out, &v[V_TOC].value);
	BUF_PUTSL(out, "<main>\n");
	buf_putbuf(out, &body);
	BUF_PUTSL(out, "</main>\n</body>\n</html>\n");
	rc = 0;
out:
	for (k = 0; k < V__COUNT; k++)
		buf_free(&v[k].value);
	buf_free(&body);
	html_free(&h);
	return rc;
}

static int
fragment_render(const struct doc *const *docs, size_t ndocs,
    const struct render_opts *opts, struct buf *out, struct diag *diag)
{
	struct html	 h;

	if (ndocs == 0)
		return diag_error(diag, "html-fragment: nothing to write");
	html_init(&h, opts, diag);
	h.x.hooks.heading = NULL;
	bodies(&h, docs, ndocs, out);
	html_free(&h);
	return 0;
}

static const struct writer_option html_option_table[] = {
	{
		.name = "template",
		.kind = WOPT_FILE,
		.arg = "FILE",
		.help = "the page around the article ($title$,\n"
		    "$body$, $toc$ ..., see the manual)",
		.man = "HTML: frame the page in\n.Ar file\ninstead of the "
		    "built-in page; see\n.Sx HTML TEMPLATES .",
		.offset = offsetof(struct html_options, template),
		.max_size = (size_t)4 << 20,
	},
	{ .name = NULL }
};

static const struct html_options html_defaults = { .template = { 0 } };

const struct writer writer_html = {
	.name = "html",
	.extension = "html",
	.description = "one HTML5 page: contents, Chinese typesetting, print "
	    "and dark styles",
	.options = html_option_table,
	.options_size = sizeof(struct html_options),
	.options_default = &html_defaults,
	.render = page_render,
};

const struct writer writer_html_fragment = {
	.name = "html-fragment",
	.extension = "fragment.html",
	.description = "the article's body as HTML, to put into a page of "
	    "one's own",
	.render = fragment_render,
};
