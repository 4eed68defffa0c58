#include "html_dom.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>

#include "tree/alloc.h"
#include "tree/utf8.h"

/* --- tags ---------------------------------------------------------------- */

#define F_BLOCK		0x01	/* block-level: starts a new paragraph */
#define F_SKIP		0x02	/* content never shown: not in the tree */
#define F_ALIAS		0x04	/* another name for a tag listed too */

static const struct {
	const char	*name;
	uint16_t	 tag;
	uint8_t		 flags;
} tags[] = {
	{ "a", HT_A, 0 }, { "address", HT_ADDRESS, F_BLOCK },
	{ "applet", HT_OTHER, F_SKIP }, { "area", HT_OTHER, F_SKIP },
	{ "article", HT_ARTICLE, F_BLOCK }, { "aside", HT_ASIDE, F_BLOCK },
	{ "audio", HT_OTHER, F_SKIP }, { "b", HT_B, 0 }, { "big", HT_BIG, 0 },
	{ "blockquote", HT_BLOCKQUOTE, F_BLOCK }, { "body", HT_BODY, F_BLOCK },
	{ "br", HT_BR, 0 }, { "button", HT_OTHER, F_SKIP },
	{ "canvas", HT_OTHER, F_SKIP }, { "caption", HT_CAPTION, F_BLOCK },
	{ "center", HT_CENTER, F_BLOCK }, { "cite", HT_CITE, 0 },
	{ "code", HT_CODE, 0 }, { "datalist", HT_OTHER, F_SKIP },
	{ "dd", HT_DD, F_BLOCK }, { "del", HT_DEL, 0 },
	{ "details", HT_DETAILS, F_BLOCK }, { "dialog", HT_OTHER, F_SKIP },
	{ "dir", HT_UL, F_BLOCK | F_ALIAS }, { "div", HT_DIV, F_BLOCK },
	{ "dl", HT_DL, F_BLOCK }, { "dt", HT_DT, F_BLOCK },
	{ "em", HT_EM, 0 }, { "embed", HT_OTHER, F_SKIP },
	{ "fieldset", HT_FIELDSET, F_BLOCK },
	{ "figcaption", HT_FIGCAPTION, F_BLOCK },
	{ "figure", HT_FIGURE, F_BLOCK }, { "font", HT_FONT, 0 },
	{ "footer", HT_FOOTER, F_BLOCK }, { "form", HT_FORM, F_BLOCK },
	{ "frame", HT_OTHER, F_SKIP }, { "frameset", HT_OTHER, F_SKIP },
	{ "h1", HT_H1, F_BLOCK }, { "h2", HT_H2, F_BLOCK },
	{ "h3", HT_H3, F_BLOCK }, { "h4", HT_H4, F_BLOCK },
	{ "h5", HT_H5, F_BLOCK }, { "h6", HT_H6, F_BLOCK },
	{ "head", HT_HEAD, F_BLOCK }, { "header", HT_HEADER, F_BLOCK },
	{ "hgroup", HT_DIV, F_BLOCK | F_ALIAS }, { "hr", HT_HR, F_BLOCK },
	{ "html", HT_HTML, F_BLOCK }, { "i", HT_I, 0 },
	{ "iframe", HT_OTHER, F_SKIP }, { "img", HT_IMG, 0 },
	{ "input", HT_OTHER, F_SKIP }, { "ins", HT_INS, 0 },
	{ "legend", HT_DIV, F_BLOCK | F_ALIAS }, { "li", HT_LI, F_BLOCK },
	{ "link", HT_LINK, 0 }, { "listing", HT_PRE, F_BLOCK | F_ALIAS },
	{ "main", HT_MAIN, F_BLOCK }, { "map", HT_OTHER, F_SKIP },
	{ "mark", HT_MARK, 0 }, { "math", HT_OTHER, F_SKIP },
	{ "menu", HT_UL, F_BLOCK | F_ALIAS }, { "meta", HT_META, 0 },
	{ "nav", HT_NAV, F_BLOCK }, { "noembed", HT_OTHER, F_SKIP },
	{ "noframes", HT_OTHER, F_SKIP }, { "noscript", HT_OTHER, F_SKIP },
	{ "object", HT_OTHER, F_SKIP }, { "ol", HT_OL, F_BLOCK },
	{ "optgroup", HT_OTHER, F_SKIP }, { "option", HT_OTHER, F_SKIP },
	{ "p", HT_P, F_BLOCK }, { "param", HT_OTHER, F_SKIP },
	{ "plaintext", HT_PRE, F_BLOCK | F_ALIAS }, { "pre", HT_PRE, F_BLOCK },
	{ "q", HT_Q, 0 }, { "s", HT_S, 0 }, { "script", HT_OTHER, F_SKIP },
	{ "section", HT_SECTION, F_BLOCK }, { "select", HT_OTHER, F_SKIP },
	{ "small", HT_SMALL, 0 }, { "source", HT_OTHER, F_SKIP },
	{ "span", HT_SPAN, 0 }, { "strike", HT_STRIKE, 0 },
	{ "strong", HT_STRONG, 0 }, { "style", HT_OTHER, F_SKIP },
	{ "sub", HT_SUB, 0 }, { "summary", HT_SUMMARY, F_BLOCK },
	{ "sup", HT_SUP, 0 }, { "svg", HT_OTHER, F_SKIP },
	{ "table", HT_TABLE, F_BLOCK }, { "tbody", HT_TBODY, F_BLOCK },
	{ "td", HT_TD, F_BLOCK }, { "template", HT_OTHER, F_SKIP },
	{ "textarea", HT_OTHER, F_SKIP }, { "tfoot", HT_TFOOT, F_BLOCK },
	{ "th", HT_TH, F_BLOCK }, { "thead", HT_THEAD, F_BLOCK },
	{ "time", HT_TIME, 0 }, { "title", HT_TITLE, 0 },
	{ "tr", HT_TR, F_BLOCK }, { "track", HT_OTHER, F_SKIP },
	{ "tt", HT_TT, 0 }, { "u", HT_U, 0 }, { "ul", HT_UL, F_BLOCK },
	{ "video", HT_OTHER, F_SKIP }, { "wbr", HT_WBR, 0 },
	{ "xmp", HT_PRE, F_BLOCK | F_ALIAS },
};

static const char *tag_names[HT__COUNT];
static uint8_t tag_flags[HT__COUNT];
static pthread_once_t tags_once = PTHREAD_ONCE_INIT;
static int tags_unsorted;

static void
fill_tags(void)
{
	size_t	 i;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		/* tag_lookup() needs the table sorted. */
		if (i > 0 && strcasecmp(tags[i - 1].name, tags[i].name) >= 0) {
			tags_unsorted = 1;
			return;
		}
		if (tags[i].tag != HT_OTHER && !(tags[i].flags & F_ALIAS)) {
			tag_names[tags[i].tag] = tags[i].name;
			tag_flags[tags[i].tag] = tags[i].flags;
		}
	}
	tag_names[HT_TEXT] = "#text";
	tag_names[HT_ROOT] = "#document";
	tag_names[HT_OTHER] = "?";
	tag_flags[HT_ROOT] = F_BLOCK;
}

/*
 * Fills the tables once, whichever thread comes first; the failure is
 * raised outside pthread_once(), which must return.
 */
static void
init_tags(void)
{
	pthread_once(&tags_once, fill_tags);
	if (tags_unsorted)
		recover_raise(RECOVER_BUG);
}

/* Binary search in tags[]; returns its index or -1. */
static int
tag_lookup(const char *name)
{
	size_t	 lo = 0, hi = sizeof(tags) / sizeof(tags[0]), mid;
	int	 c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcasecmp(name, tags[mid].name);
		if (c == 0)
			return (int)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

const char *
hdom_tag_name(enum htag t)
{
	init_tags();
	return t < HT__COUNT && tag_names[t] != NULL ? tag_names[t] : "?";
}

int
hdom_is_block(enum htag t)
{
	init_tags();
	return t < HT__COUNT && (tag_flags[t] & F_BLOCK);
}

int
hdom_heading_level(enum htag t)
{
	return t >= HT_H1 && t <= HT_H6 ? (int)(t - HT_H1) + 1 : 0;
}

/* --- storage ------------------------------------------------------------- */

#define CHUNK_NODES	4096

struct hdom_chunk {
	struct hdom_chunk	*next;
	size_t			 used;
	struct hnode		 nodes[CHUNK_NODES];
};

static struct hnode *
new_node(struct hdom *dom, enum htag tag)
{
	struct hdom_chunk	*c = dom->chunks;
	struct hnode		*n;

	if (c == NULL || c->used == CHUNK_NODES) {
		c = xmalloc(sizeof(*c));
		c->next = dom->chunks;
		c->used = 0;
		dom->chunks = c;
	}
	n = &c->nodes[c->used++];
	memset(n, 0, sizeof(*n));
	n->tag = (uint16_t)tag;
	n->order = (uint32_t)dom->nnodes++;
	return n;
}

static void
append_child(struct hnode *parent, struct hnode *n)
{
	n->parent = parent;
	n->prev = parent->last;
	if (parent->last != NULL)
		parent->last->next = n;
	else
		parent->first = n;
	parent->last = n;
}

void
hdom_unlink(struct hnode *n)
{
	if (n->prev != NULL)
		n->prev->next = n->next;
	else if (n->parent != NULL)
		n->parent->first = n->next;
	if (n->next != NULL)
		n->next->prev = n->prev;
	else if (n->parent != NULL)
		n->parent->last = n->prev;
	n->parent = n->prev = n->next = NULL;
}

void
hdom_free(struct hdom *dom)
{
	struct hdom_chunk	*c, *next;

	if (dom == NULL)
		return;
	for (c = dom->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	buf_free(&dom->text);
	buf_free(&dom->strs);
	buf_free(&dom->css);
	free(dom->attrs);
	memset(dom, 0, sizeof(*dom));
}

const char *
hdom_attr(const struct hdom *dom, const struct hnode *n, enum hattr key)
{
	uint32_t	 i;

	for (i = 0; i < n->nattr; i++)
		if (dom->attrs[n->attr + i].key == key)
			return dom->strs.ptr + dom->attrs[n->attr + i].off;
	return NULL;
}

const char *
hdom_text(const struct hdom *dom, const struct hnode *n, size_t *len)
{
	*len = n->len;
	return dom->text.ptr + n->off;
}

struct hnode *
hdom_next(const struct hnode *top, const struct hnode *n, int skip)
{
	if (!skip && n->first != NULL)
		return n->first;
	while (n != top) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

/* --- building ------------------------------------------------------------ */

enum entry {
	E_NODE,		/* an element in the tree */
	E_FLAT,		/* beyond the depth cap: its content goes up */
	E_SKIP		/* never shown: its content is dropped */
};

struct builder {
	struct hdom		*dom;
	htmlParserCtxtPtr	 ctxt;
	struct hnode		*cur;
	size_t			 depth, max_depth;
	unsigned char		*stack;		/* enum entry per open tag */
	size_t			 sp, cap;
	size_t			 skip;		/* open E_SKIP entries */
	int			 in_style;	/* the outermost skip is <style> */
	int			 failed;	/* enum recover_failure, or 0 */
};

#define CSS_MAX		((size_t)4 << 20)

static void
push(struct builder *b, enum entry e)
{
	if (b->sp == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->stack = xrealloc(b->stack, b->cap);
	}
	b->stack[b->sp++] = (unsigned char)e;
}

/* Stops the parser when the tree is full.  Returns 1 if it is. */
static int
full(struct builder *b)
{
	if (b->dom->nnodes < HDOM_MAX_NODES)
		return 0;
	if (!b->dom->node_cut) {
		b->dom->node_cut = 1;
		xmlStopParser(b->ctxt);
	}
	return 1;
}

static int
lazy_src_name(const char *name)
{
	return strcasecmp(name, "data-src") == 0 ||
	    strcasecmp(name, "data-original") == 0 ||
	    strcasecmp(name, "original") == 0 ||
	    strcasecmp(name, "data-original-src") == 0 ||
	    strcasecmp(name, "data-lazy-src") == 0 ||
	    strcasecmp(name, "data-actualsrc") == 0 ||
	    strcasecmp(name, "data-url") == 0 ||
	    /* ifeng, other lazy loaders, Taobao's KISSY, Discuz! forums */
	    strcasecmp(name, "data-lazyload") == 0 ||
	    strcasecmp(name, "data-lazy") == 0 ||
	    strcasecmp(name, "lazy-src") == 0 ||
	    strcasecmp(name, "data-echo") == 0 ||
	    strcasecmp(name, "data-ks-lazyload") == 0 ||
	    strcasecmp(name, "zoomfile") == 0 ||
	    strcasecmp(name, "file") == 0;
}

static const char *const attr_names[HA__COUNT] = {
	[HA_ID] = "id", [HA_CLASS] = "class", [HA_STYLE] = "style",
	[HA_HREF] = "href", [HA_SRC] = "src", [HA_LAZY_SRC] = NULL,
	[HA_ALT] = "alt", [HA_TITLE] = "title", [HA_NAME] = "name",
	[HA_PROPERTY] = "property", [HA_CONTENT] = "content",
	[HA_HTTP_EQUIV] = "http-equiv", [HA_CHARSET] = "charset",
	[HA_REL] = "rel", [HA_ALIGN] = "align", [HA_WIDTH] = "width",
	[HA_HEIGHT] = "height", [HA_LANG] = "lang",
};

static void
add_attr(struct hdom *dom, struct hnode *n, enum hattr key, const char *val)
{
	struct hattr_val *a;

	if (hdom_attr(dom, n, key) != NULL)
		return;
	if (dom->nattrs == dom->attrcap) {
		dom->attrcap = dom->attrcap ? dom->attrcap * 2 : 1024;
		dom->attrs = xreallocarray(dom->attrs, dom->attrcap,
		    sizeof(*dom->attrs));
	}
	if (n->nattr == 0)
		n->attr = (uint32_t)dom->nattrs;
	a = &dom->attrs[dom->nattrs++];
	a->key = (uint8_t)key;
	a->off = dom->strs.len;
	buf_puts(&dom->strs, val);
	buf_putc(&dom->strs, '\0');
	n->nattr++;
}

/* Is an element with these attributes hidden by its own markup? */
static int
markup_hides(const xmlChar **atts)
{
	size_t	 i;

	for (i = 0; atts != NULL && atts[i] != NULL; i += 2) {
		const char *name = (const char *)atts[i];
		const char *val = (const char *)atts[i + 1];

		if (strcasecmp(name, "hidden") == 0)
			return 1;
		if (strcasecmp(name, "style") == 0 && val != NULL &&
		    hdom_style_hides(val))
			return 1;
	}
	return 0;
}

static void
start_element(struct builder *b, const xmlChar *xname, const xmlChar **atts)
{
	struct hdom	*dom = b->dom;
	const char	*name = (const char *)xname;
	struct hnode	*n;
	int		 k, a, hidden;
	size_t		 i;
	enum htag	 tag;

	if (b->skip > 0) {
		push(b, E_SKIP);
		b->skip++;
		return;
	}
	k = tag_lookup(name);
	tag = k >= 0 ? (enum htag)tags[k].tag : HT_OTHER;
	if (k >= 0 && (tags[k].flags & F_SKIP)) {
		push(b, E_SKIP);
		b->skip = 1;
		b->in_style = strcasecmp(name, "style") == 0;
		return;
	}
	/*
	 * An element hidden by its own markup is kept, flagged, until
	 * hdom_hide() has seen how much of the page it holds.
	 */
	hidden = tag != HT_HTML && tag != HT_BODY && tag != HT_HEAD &&
	    markup_hides(atts);
	if (hidden && (full(b) || b->depth >= b->max_depth)) {
		push(b, E_SKIP);
		b->skip = 1;
		dom->hidden++;
		return;
	}
	if (full(b)) {
		push(b, E_FLAT);
		return;
	}
	if (b->depth >= b->max_depth) {
		/* Flattened: keep a break where a block or line began. */
		push(b, E_FLAT);
		dom->depth_cut++;
		if (hdom_is_block(tag) || tag == HT_BR) {
			n = new_node(dom, HT_BR);
			append_child(b->cur, n);
		}
		return;
	}
	n = new_node(dom, tag);
	n->line = (uint32_t)xmlSAX2GetLineNumber(b->ctxt);
	for (i = 0; atts != NULL && atts[i] != NULL; i += 2) {
		const char *an = (const char *)atts[i];
		const char *av = (const char *)atts[i + 1];

		if (av == NULL)
			continue;
		if (lazy_src_name(an)) {
			add_attr(dom, n, HA_LAZY_SRC, av);
			continue;
		}
		for (a = 0; a < HA__COUNT; a++)
			if (attr_names[a] != NULL &&
			    strcasecmp(an, attr_names[a]) == 0) {
				add_attr(dom, n, (enum hattr)a, av);
				break;
			}
	}
	if (hidden)
		n->flags |= HN_HIDDEN;
	append_child(b->cur, n);
	b->cur = n;
	b->depth++;
	push(b, E_NODE);
}

static void
sax_end(void *ctx, const xmlChar *name)
{
	struct builder	*b = ctx;

	(void)name;
	if (b->sp == 0 || b->failed)
		return;
	switch ((enum entry)b->stack[--b->sp]) {
	case E_NODE:
		b->cur = b->cur->parent;
		b->depth--;
		break;
	case E_SKIP:
		if (--b->skip == 0)
			b->in_style = 0;
		break;
	case E_FLAT:
		break;
	}
}

static void
add_text(struct builder *b, const xmlChar *ch, int len)
{
	struct hdom	*dom = b->dom;
	struct hnode	*last = b->cur->last, *n;

	if (len <= 0)
		return;
	if (b->skip > 0) {
		if (b->in_style && b->skip == 1 && dom->css.len < CSS_MAX) {
			buf_put(&dom->css, ch, (size_t)len);
			buf_putc(&dom->css, '\n');
		}
		return;
	}
	if (last != NULL && last->tag == HT_TEXT &&
	    last->off + last->len == dom->text.len) {
		buf_put(&dom->text, ch, (size_t)len);
		last->len += (size_t)len;
		return;
	}
	if (full(b))
		return;
	n = new_node(dom, HT_TEXT);
	n->line = (uint32_t)xmlSAX2GetLineNumber(b->ctxt);
	n->off = dom->text.len;
	n->len = (size_t)len;
	buf_put(&dom->text, ch, (size_t)len);
	append_child(b->cur, n);
}

/*
 * libxml2 calls the SAX handlers from inside its parser, whose state a
 * jump would skip (recover.h, rule 3): a failure in a handler is caught
 * here, stops the parser, and is raised again by hdom_parse() once
 * libxml2 has returned.
 */
static void
stop_after_failure(struct builder *b)
{
	b->failed = recover_failure();
	xmlStopParser(b->ctxt);
}

static void
sax_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct builder		*b = ctx;
	struct recover_guard	 g;

	if (b->failed)
		return;
	recover_push(&g);
	if (setjmp(g.env) != 0) {
		stop_after_failure(b);
		return;
	}
	start_element(b, name, atts);
	recover_pop(&g);
}

static void
sax_text(void *ctx, const xmlChar *ch, int len)
{
	struct builder		*b = ctx;
	struct recover_guard	 g;

	if (b->failed)
		return;
	recover_push(&g);
	if (setjmp(g.env) != 0) {
		stop_after_failure(b);
		return;
	}
	add_text(b, ch, len);
	recover_pop(&g);
}

int
hdom_parse(struct hdom *dom, const char *s, size_t len, size_t max_depth)
{
	struct builder		 b;
	xmlSAXHandler		 sax;
	htmlParserCtxtPtr	 ctxt;
	xmlParserInputBufferPtr	 in;
	xmlParserInputPtr	 input;
	xmlCharEncodingHandlerPtr utf8;
	int			 rc = -1, failed;

	init_tags();
	memset(dom, 0, sizeof(*dom));
	buf_init(&dom->text);
	buf_init(&dom->strs);
	buf_init(&dom->css);
	dom->root = new_node(dom, HT_ROOT);
	memset(&b, 0, sizeof(b));
	if (len == 0)
		return 0;
	if (len > INT_MAX)
		return -1;
	/* Text is at most as long as the page. */
	buf_grow(&dom->text, len);
	xmlInitParser();
	/*
	 * The page is read in place (a static input buffer): no second copy
	 * of a 100 MB page.
	 */
	if ((ctxt = htmlNewParserCtxt()) == NULL)
		return -1;
	if ((in = xmlParserInputBufferCreateStatic(s, (int)len,
	    XML_CHAR_ENCODING_UTF8)) == NULL) {
		htmlFreeParserCtxt(ctxt);
		return -1;
	}
	if ((input = xmlNewIOInputStream(ctxt, in,
	    XML_CHAR_ENCODING_UTF8)) == NULL) {
		xmlFreeParserInputBuffer(in);
		htmlFreeParserCtxt(ctxt);
		return -1;
	}
	if (inputPush(ctxt, input) < 0) {
		xmlFreeInputStream(input);
		htmlFreeParserCtxt(ctxt);
		return -1;
	}
	/*
	 * Our own SAX handler: no tree of libxml2's, and no callbacks for
	 * comments, processing instructions, entity declarations or errors.
	 */
	memset(&sax, 0, sizeof(sax));
	sax.startElement = sax_start;
	sax.endElement = sax_end;
	sax.characters = sax_text;
	sax.ignorableWhitespace = sax_text;
	sax.cdataBlock = sax_text;
	sax.initialized = 1;
	memcpy(ctxt->sax, &sax, sizeof(sax));
	b.dom = dom;
	b.ctxt = ctxt;
	b.cur = dom->root;
	b.max_depth = max_depth ? max_depth : 128;
	ctxt->userData = &b;
	htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NONET |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NODEFDTD |
	    HTML_PARSE_IGNORE_ENC);
	/* The text is UTF-8 already, whatever the page declares. */
	if ((utf8 = xmlFindCharEncodingHandler("UTF-8")) != NULL)
		xmlSwitchToEncoding(ctxt, utf8);
	htmlParseDocument(ctxt);
	failed = b.failed;
	if (failed == 0 && ctxt->errNo == XML_ERR_NO_MEMORY)
		failed = RECOVER_NOMEM;	/* libxml2's own allocation */
	rc = 0;
	htmlFreeParserCtxt(ctxt);
	free(b.stack);
	if (failed != 0)
		recover_raise(failed);
	return rc;
}

/* --- text ---------------------------------------------------------------- */

int
hdom_contains_nocase(const char *s, const char *word)
{
	size_t	 n = strlen(word);

	for (; *s != '\0'; s++)
		if (strncasecmp(s, word, n) == 0)
			return 1;
	return 0;
}

int
hdom_class_has(const struct hdom *dom, const struct hnode *n,
    const char *const *words)
{
	const char	*v[2];
	size_t		 i, k;

	if (n->tag == HT_TEXT)
		return 0;
	v[0] = hdom_attr(dom, n, HA_CLASS);
	v[1] = hdom_attr(dom, n, HA_ID);
	for (k = 0; k < 2; k++) {
		if (v[k] == NULL)
			continue;
		for (i = 0; words[i] != NULL; i++)
			if (hdom_contains_nocase(v[k], words[i]))
				return 1;
	}
	return 0;
}

int
hdom_ws_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

size_t
hdom_word_end(const char *s, size_t len, size_t i, uint32_t *last)
{
	size_t		 q;
	uint32_t	 cp;

	while (i < len && !hdom_ws_byte(s[i])) {
		q = i;
		cp = utf8_next(s, len, &q);
		if (cp == 0xA0)
			break;
		*last = cp;
		i = q;
	}
	return i;
}

struct collect {
	struct buf	*out;
	int		 pending;	/* 0 none, 1 space, 2 line break */
	int		 sep;
	uint32_t	 last;		/* last character written */
};

static void
collect_put(struct collect *c, const char *s, size_t len)
{
	size_t		 i = 0, a, q;
	uint32_t	 cp;

	while (i < len) {
		if (hdom_ws_byte(s[i])) {
			if (c->pending == 0)
				c->pending = 1;
			if (s[i] == '\n' && c->pending < 2)
				c->pending = 2;
			i++;
			continue;
		}
		q = i;
		cp = utf8_next(s, len, &q);
		if (cp == 0xA0) {		/* NBSP: a space here */
			if (c->pending == 0)
				c->pending = 1;
			i = q;
			continue;
		}
		if (c->pending && c->out->len > 0) {
			if (c->sep && c->pending == 2)
				BUF_PUTSL(c->out, "  ");
			else if (!(c->pending == 2 && uc_is_cjk(c->last) &&
			    uc_is_cjk(cp)))
				buf_putc(c->out, ' ');
		}
		c->pending = 0;
		a = i;
		i = hdom_word_end(s, len, i, &c->last);
		buf_put(c->out, s + a, i - a);
	}
}

void
hdom_collect_text(const struct hdom *dom, const struct hnode *top,
    struct buf *out, int sep)
{
	struct collect	 c = { out, 0, sep, 0 };
	const struct hnode *n;
	const char	*s;
	size_t		 len;

	for (n = top; n != NULL; ) {
		if (n->flags & HN_DROP) {
			n = hdom_next(top, n, 1);
			continue;
		}
		if (n->tag == HT_TEXT) {
			s = hdom_text(dom, n, &len);
			collect_put(&c, s, len);
		} else if (n->tag == HT_BR || (n != top &&
		    hdom_is_block((enum htag)n->tag))) {
			if (c.pending < 2)
				c.pending = 2;
		} else if (n->tag == HT_TD || n->tag == HT_TH) {
			if (c.pending < 1)
				c.pending = 1;
		}
		n = hdom_next(top, n, 0);
	}
}
