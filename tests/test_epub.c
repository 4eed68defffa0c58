/*
 * Unit tests: the EPUB writer (formats/epub*.c).  Every book is read back
 * with libzip, and every XML part of it is parsed with libxml2, so a part
 * that is not well-formed fails the test that made it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zip.h>

#define TU_ZIP
#include "epub/epub_int.h"
#include "tree/alloc.h"
#include "testutil.h"
#include "tu_png.h"

static const char nested[] =
    "标题\n\n2021-10-14 14:46| 来自: 嘉兴老干部\n\n导语段落。\n\n"
    "一、第一主题\n\n（一）第一小节\n\n"
    "一是甲事项。内容一。二是乙事项。内容二。\n\n"
    "（二）第二小节\n\n正文段落。\n\n二、第二主题\n\n正文。\n";

/* The entry parsed as XML; fails the test if it is not well-formed. */
static xmlDocPtr
parse(struct tu_pkg *bk, const char *name)
{
	return tu_pkg_xml(bk, name, 0);
}

/* Parses every XML part; returns how many there were. */
static int
parse_all(struct tu_pkg *bk)
{
	static const char *const ext[] = {
		".xml", ".opf", ".ncx", ".xhtml", ".svg", NULL
	};

	return tu_pkg_xml_all(bk, ext, 0);
}

/* Namespaces for XPath over the book's parts. */
static const char *const ns[] = {
	"h", "http://www.w3.org/1999/xhtml",
	"epub", "http://www.idpf.org/2007/ops",
	"opf", "http://www.idpf.org/2007/opf",
	"dc", "http://purl.org/dc/elements/1.1/",
	"ncx", "http://www.daisy.org/z3986/2005/ncx/",
	"svg", "http://www.w3.org/2000/svg",
	NULL
};

static xmlXPathObjectPtr
xp(xmlDocPtr d, const char *expr)
{
	return tu_xpath(d, expr, ns);
}

static int
xp_count(xmlDocPtr d, const char *expr)
{
	return tu_xpath_count(d, expr, ns);
}

/* string(expr), malloc'd. */
static char *
xp_str(xmlDocPtr d, const char *expr)
{
	struct buf		 b = BUF_INIT;
	xmlXPathObjectPtr	 o;

	buf_printf(&b, "string(%s)", expr);
	o = xp(d, b.ptr);
	buf_truncate(&b, 0);
	buf_puts(&b, (const char *)o->stringval);
	xmlXPathFreeObject(o);
	return buf_detach(&b, NULL);
}

static void
assert_xp_str(xmlDocPtr d, const char *expr, const char *want)
{
	char	*got = xp_str(d, expr);

	if (strcmp(got, want) != 0)
		fail_msg("%s: got \"%s\", want \"%s\"", expr, got, want);
	free(got);
}

static char *
render_docs(const struct doc *const *docs, size_t n,
    const struct render_opts *o, size_t *lenp)
{
	struct buf	 b = BUF_INIT;
	struct diag	 d;

	diag_init(&d, 0);
	if (writer_find("epub")->render(docs, n, o, &b, &d) != 0)
		fail_msg("epub: %s", diag_last_error(&d));
	diag_free(&d);
	return buf_detach(&b, lenp);
}

/* Reads text and renders it into bk. */
static void
book_from(struct tu_pkg *bk, const char *text, const struct render_opts *o)
{
	struct doc		*doc = tu_read(text, "text");
	struct render_opts	 def;
	size_t			 len;
	char			*s;

	assert_non_null(doc);
	/* Not before it is needed: tu_opts() resets its static options. */
	if (o == NULL) {
		def = tu_opts();
		o = &def;
	}
	s = render_docs((const struct doc *const *)&doc, 1, o, &len);
	doc_free(doc);
	tu_pkg_open(bk, s, len);
}

/* Tree building for content the text reader cannot produce. */
static struct node *
add(struct node *parent, enum node_type t)
{
	struct node	*n = node_new(t);

	assert_int_equal(node_append(parent, n), 0);
	return n;
}

static struct node *
add_text(struct node *parent, enum node_type t, const char *s)
{
	struct node	*n = add(parent, t);

	node_append_text(n, s, strlen(s));
	return n;
}

static struct node *
add_heading(struct node *root, int level, const char *label,
    const char *text)
{
	struct node	*h = add_text(root, NODE_HEADING, text);

	h->as.heading.level = level;
	h->as.heading.label = label != NULL ? xstrdup(label) : NULL;
	return h;
}

/* ------------------------------------------------------------ tests */

static void
test_registered(void **state)
{
	const struct writer	*w = writer_find("epub");

	(void)state;
	assert_non_null(w);
	assert_int_equal(w->zip, 1);
	assert_string_equal(w->extension, "epub");
	assert_ptr_equal(writer_for_extension("EPUB"), w);
}

static void
test_container(void **state)
{
	static const char *const first[] = {
		"mimetype", "META-INF/container.xml",
		"META-INF/com.apple.ibooks.display-options.xml",
		"OEBPS/content.opf", "OEBPS/toc.ncx", "OEBPS/style.css",
		"OEBPS/cover.svg", "OEBPS/cover.xhtml", "OEBPS/title.xhtml",
		"OEBPS/nav.xhtml", "OEBPS/lead.xhtml", "OEBPS/ch01.xhtml",
		"OEBPS/ch02.xhtml"
	};
	struct tu_pkg		 bk;
	zip_stat_t		 st;
	xmlDocPtr		 d;
	const unsigned char	*p;
	size_t			 i;
	char			*s;

	(void)state;
	book_from(&bk, nested, NULL);
	assert_int_equal(zip_get_num_entries(bk.za, 0),
	    sizeof(first) / sizeof(first[0]));
	for (i = 0; i < sizeof(first) / sizeof(first[0]); i++)
		assert_string_equal(zip_get_name(bk.za, i, 0), first[i]);
	/* mimetype: stored, exact contents, no extra field anywhere. */
	assert_int_equal(zip_stat_index(bk.za, 0, 0, &st), 0);
	assert_int_equal(st.comp_method, ZIP_CM_STORE);
	s = tu_pkg_entry(&bk, "mimetype", NULL);
	assert_string_equal(s, "application/epub+zip");
	free(s);
	assert_int_equal(zip_file_extra_fields_count(bk.za, 0,
	    ZIP_FL_LOCAL), 0);
	assert_int_equal(zip_file_extra_fields_count(bk.za, 0,
	    ZIP_FL_CENTRAL), 0);
	/* The raw local header, as readers that sniff the file see it. */
	p = (const unsigned char *)bk.bytes;
	assert_memory_equal(p, "PK\x03\x04", 4);
	assert_int_equal(p[8] | p[9] << 8, 0);		/* method: stored */
	assert_int_equal(p[26] | p[27] << 8, 8);	/* name length */
	assert_int_equal(p[28] | p[29] << 8, 0);	/* extra length */
	assert_memory_equal(p + 30, "mimetypeapplication/epub+zip", 28);
	for (i = 1; i < sizeof(first) / sizeof(first[0]); i++) {
		assert_int_equal(zip_stat_index(bk.za, i, 0, &st), 0);
		assert_int_equal(st.comp_method, ZIP_CM_DEFLATE);
	}
	d = parse(&bk, "META-INF/container.xml");
	assert_int_equal(xp_count(d, "//*[local-name()='rootfile' and "
	    "@full-path='OEBPS/content.opf' and "
	    "@media-type='application/oebps-package+xml']"), 1);
	xmlFreeDoc(d);
	assert_int_equal(parse_all(&bk), 11);
	tu_pkg_close(&bk);
}

static void
test_metadata(void **state)
{
	struct render_opts	 o = tu_opts();
	struct tu_pkg		 bk;
	struct doc		*doc = tu_read(nested, "text");
	xmlDocPtr		 d;
	char			*id, *s;
	size_t			 len, i;

	(void)state;
	assert_non_null(doc);
	doc_set_meta(doc, META_AUTHOR, "作者甲");
	doc_set_meta(doc, META_PUBLISHER, "发布者乙");
	doc_set_meta(doc, META_SUBTITLE, "——副标题");
	doc_set_meta(doc, META_URL, "https://example.com/a?b=1&c=2");
	o.timestamp = 1634193960;		/* 2021-10-14 06:46 UTC */
	s = render_docs((const struct doc *const *)&doc, 1, &o, &len);
	tu_pkg_open(&bk, s, len);
	d = parse(&bk, "OEBPS/content.opf");
	assert_xp_str(d, "/opf:package/@version", "3.0");
	assert_xp_str(d, "/opf:package/@xml:lang", "zh-CN");
	assert_xp_str(d, "/opf:package/@unique-identifier", "pub-id");
	id = xp_str(d, "//dc:identifier[@id='pub-id']");
	/* urn:uuid: and a version-5, RFC 4122 variant UUID. */
	assert_int_equal(strlen(id), 9 + 36);
	assert_memory_equal(id, "urn:uuid:", 9);
	for (i = 9; i < 45; i++)
		if (i == 17 || i == 22 || i == 27 || i == 32)
			assert_int_equal(id[i], '-');
		else
			assert_non_null(strchr("0123456789abcdef", id[i]));
	assert_int_equal(id[23], '5');
	assert_non_null(strchr("89ab", id[28]));
	assert_xp_str(d, "//dc:title[@id='title']", "标题");
	assert_xp_str(d, "//opf:meta[@refines='#title']", "main");
	assert_xp_str(d, "//dc:title[@id='subtitle']", "——副标题");
	assert_xp_str(d, "//dc:language", "zh-CN");
	assert_xp_str(d, "//dc:creator", "作者甲");
	assert_xp_str(d, "//opf:meta[@refines='#creator1' and "
	    "@property='role']", "aut");
	assert_xp_str(d, "//dc:publisher", "发布者乙");
	assert_xp_str(d, "//dc:source[1]", "嘉兴老干部");
	assert_xp_str(d, "//dc:source[2]", "https://example.com/a?b=1&c=2");
	assert_xp_str(d, "//dc:date", "2021-10-14");
	assert_xp_str(d, "//opf:meta[@property='dcterms:modified']",
	    "2021-10-14T06:46:00Z");
	/* What DAISY Ace requires. */
	assert_int_equal(xp_count(d, "//opf:meta[@property="
	    "'schema:accessMode']"), 2);
	assert_int_equal(xp_count(d, "//opf:meta[@property="
	    "'schema:accessModeSufficient']"), 1);
	assert_true(xp_count(d, "//opf:meta[@property="
	    "'schema:accessibilityFeature']") >= 1);
	assert_int_equal(xp_count(d, "//opf:meta[@property="
	    "'schema:accessibilityHazard']"), 1);
	assert_int_equal(xp_count(d, "//opf:meta[@property="
	    "'schema:accessibilitySummary' and string-length() > 0]"), 1);
	/* Cover, nav and NCX are where readers look for them. */
	assert_int_equal(xp_count(d, "//opf:item[@properties='cover-image' "
	    "and @href='cover.svg' and @media-type='image/svg+xml']"), 1);
	assert_int_equal(xp_count(d, "//opf:meta[@name='cover' and "
	    "@content='cover-image']"), 1);
	assert_int_equal(xp_count(d, "//opf:item[@properties='nav']"), 1);
	assert_xp_str(d, "//opf:spine/@toc", "ncx");
	assert_xp_str(d, "//opf:spine/opf:itemref[1]/@idref", "cover");
	xmlFreeDoc(d);
	/* The NCX carries the same identifier (Kobo). */
	d = parse(&bk, "OEBPS/toc.ncx");
	assert_xp_str(d, "//ncx:meta[@name='dtb:uid']/@content", id);
	xmlFreeDoc(d);
	/* Title page: title, subtitle, the meta line, the address. */
	d = parse(&bk, "OEBPS/title.xhtml");
	assert_xp_str(d, "//h:h1", "标题");
	assert_xp_str(d, "//h:p[@class='subtitle']", "——副标题");
	assert_xp_str(d, "//h:p[@class='meta']", "2021-10-14 14:46　来源："
	    "嘉兴老干部　作者：作者甲　发布者：发布者乙");
	assert_xp_str(d, "//h:p[@class='url']/h:a/@href",
	    "https://example.com/a?b=1&c=2");
	xmlFreeDoc(d);
	tu_pkg_close(&bk);
	free(id);

	/* --lang, and the deterministic default date. */
	o = tu_opts();
	o.lang = "zh-Hans";
	s = render_docs((const struct doc *const *)&doc, 1, &o, &len);
	tu_pkg_open(&bk, s, len);
	d = parse(&bk, "OEBPS/content.opf");
	assert_xp_str(d, "//dc:language", "zh-Hans");
	assert_xp_str(d, "/opf:package/@xml:lang", "zh-Hans");
	assert_xp_str(d, "//opf:meta[@property='dcterms:modified']",
	    "2000-01-01T00:00:00Z");
	xmlFreeDoc(d);
	d = parse(&bk, "OEBPS/ch01.xhtml");
	assert_xp_str(d, "/h:html/@lang", "zh-Hans");
	assert_xp_str(d, "/h:html/@xml:lang", "zh-Hans");
	xmlFreeDoc(d);
	tu_pkg_close(&bk);
	doc_free(doc);
}

/* Every link of the nav must land on an element that exists. */
static void
assert_hrefs_resolve(struct tu_pkg *bk, xmlDocPtr nav)
{
	xmlXPathObjectPtr	 o;
	struct buf		 path = BUF_INIT, q = BUF_INIT;
	xmlDocPtr		 d;
	int			 i;

	o = xp(nav, "//h:nav[@epub:type='toc']//h:a/@href");
	assert_non_null(o->nodesetval);
	for (i = 0; i < o->nodesetval->nodeNr; i++) {
		xmlChar *href = xmlNodeGetContent(o->nodesetval->nodeTab[i]);
		char *hash = strchr((char *)href, '#');

		buf_truncate(&path, 0);
		buf_puts(&path, "OEBPS/");
		buf_put(&path, href, hash != NULL ? (size_t)(hash -
		    (char *)href) : strlen((char *)href));
		d = parse(bk, path.ptr);
		if (hash != NULL) {
			buf_truncate(&q, 0);
			buf_printf(&q, "//*[@id='%s']", hash + 1);
			if (xp_count(d, q.ptr) != 1)
				fail_msg("%s: no element %s", path.ptr, hash);
		}
		xmlFreeDoc(d);
		xmlFree(href);
	}
	xmlXPathFreeObject(o);
	buf_free(&path);
	buf_free(&q);
}

static void
test_nav_nesting(void **state)
{
	struct tu_pkg	 bk;
	xmlDocPtr	 d;

	(void)state;
	book_from(&bk, nested, NULL);
	d = parse(&bk, "OEBPS/nav.xhtml");
	assert_int_equal(xp_count(d, "//h:nav[@epub:type='toc' and "
	    "@role='doc-toc']"), 1);
	/* 引言, 一、 (with （一） (with two points) and （二）), 二、 */
	assert_int_equal(xp_count(d, "//h:nav[@epub:type='toc']/h:ol/h:li"),
	    3);
	assert_xp_str(d, "//h:nav[@epub:type='toc']/h:ol/h:li[1]/h:a",
	    "引言");
	assert_xp_str(d, "//h:nav[@epub:type='toc']/h:ol/h:li[2]/h:a",
	    "一、第一主题");
	assert_int_equal(xp_count(d, "//h:nav[@epub:type='toc']/h:ol/h:li[2]"
	    "/h:ol/h:li"), 2);
	assert_xp_str(d, "//h:nav[@epub:type='toc']/h:ol/h:li[2]/h:ol/"
	    "h:li[1]/h:a", "（一）第一小节");
	assert_int_equal(xp_count(d, "//h:nav[@epub:type='toc']/h:ol/h:li[2]"
	    "/h:ol/h:li[1]/h:ol/h:li"), 2);
	assert_xp_str(d, "//h:nav[@epub:type='toc']/h:ol/h:li[2]/h:ol/"
	    "h:li[1]/h:ol/h:li[1]/h:a", "一是甲事项");
	assert_xp_str(d, "//h:nav[@epub:type='toc']/h:ol/h:li[2]/h:ol/"
	    "h:li[1]/h:ol/h:li[2]/h:a", "二是乙事项");
	assert_int_equal(xp_count(d, "//h:nav[@epub:type='toc']/h:ol/h:li[3]"
	    "//h:li"), 0);
	assert_int_equal(xp_count(d, "//h:nav[@epub:type='landmarks']"
	    "//h:a[@epub:type='cover' or @epub:type='toc' or "
	    "@epub:type='bodymatter']"), 3);
	assert_hrefs_resolve(&bk, d);
	xmlFreeDoc(d);

	/* The NCX has the same tree, in reading order. */
	d = parse(&bk, "OEBPS/toc.ncx");
	assert_int_equal(xp_count(d, "/ncx:ncx/ncx:navMap/ncx:navPoint"), 3);
	assert_int_equal(xp_count(d, "//ncx:navPoint"), 7);
	assert_int_equal(xp_count(d, "/ncx:ncx/ncx:navMap/ncx:navPoint[2]/"
	    "ncx:navPoint[1]/ncx:navPoint"), 2);
	assert_xp_str(d, "//ncx:navPoint[@playOrder='4']/ncx:navLabel/"
	    "ncx:text", "一是甲事项");
	assert_xp_str(d, "//ncx:meta[@name='dtb:depth']/@content", "3");
	xmlFreeDoc(d);

	/* One chapter per theme: h1 for 一、, h2 for （一）. */
	d = parse(&bk, "OEBPS/ch01.xhtml");
	assert_xp_str(d, "//h:h1", "一、第一主题");
	assert_int_equal(xp_count(d, "//h:h2"), 2);
	assert_int_equal(xp_count(d, "//h:section[@epub:type='chapter' and "
	    "@role='doc-chapter']"), 1);
	xmlFreeDoc(d);
	d = parse(&bk, "OEBPS/lead.xhtml");
	assert_xp_str(d, "//h:p", "导语段落。");
	xmlFreeDoc(d);
	tu_pkg_close(&bk);
}

static void
test_points(void **state)
{
	struct render_opts	 o = tu_opts();
	struct tu_pkg		 bk;
	xmlDocPtr		 d;

	(void)state;
	/* Default: split, one <p> per point, bold lead with its label. */
	book_from(&bk, nested, NULL);
	d = parse(&bk, "OEBPS/ch01.xhtml");
	assert_int_equal(xp_count(d, "//h:p[@class='point' and @id]"), 2);
	assert_xp_str(d, "//h:p[@class='point'][1]/h:b[@class='lead']",
	    "一是甲事项。");
	assert_xp_str(d, "//h:p[@class='point'][2]", "二是乙事项。内容二。");
	xmlFreeDoc(d);
	tu_pkg_close(&bk);

	/* inline: one paragraph, each point a span with its anchor. */
	o.points = POINTS_INLINE;
	o.bold_leads = 0;
	book_from(&bk, nested, &o);
	d = parse(&bk, "OEBPS/ch01.xhtml");
	assert_int_equal(xp_count(d, "//h:p[@class='point']"), 0);
	assert_int_equal(xp_count(d, "//h:p[@class='points']/"
	    "h:span[@class='point' and @id]"), 2);
	assert_xp_str(d, "//h:p[@class='points']",
	    "一是甲事项。内容一。二是乙事项。内容二。");
	assert_int_equal(xp_count(d, "//h:b"), 0);
	xmlFreeDoc(d);
	tu_pkg_close(&bk);
}

static void
test_escaping(void **state)
{
	static const char nasty[] = "A&B <C> \"D\" 'E' \x01\x0B\x1F\x7F"
	    "\xEF\xBF\xBE\xEF\xBF\xBF end";
	static const char clean[] = "A&B <C> \"D\" 'E' "
	    "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
	    "\xEF\xBF\xBD\xEF\xBF\xBD end";
	struct render_opts	 o = tu_opts();
	struct doc		*doc = doc_new();
	struct node		*p, *l;
	struct tu_pkg		 bk;
	xmlDocPtr		 d;
	size_t			 len;
	char			*s, *t;

	(void)state;
	doc_set_meta(doc, META_TITLE, nasty);
	doc_set_meta(doc, META_SUBTITLE, nasty);
	doc_set_meta(doc, META_SOURCE, nasty);
	doc_set_meta(doc, META_DATE, nasty);
	doc_set_meta(doc, META_AUTHOR, nasty);
	add_text(doc->root, NODE_PARAGRAPH, nasty);
	add_heading(doc->root, 1, "一、", nasty);
	p = add_text(doc->root, NODE_PARAGRAPH, "见");
	l = add_text(p, NODE_LINK, nasty);
	l->as.link.url = xstrdup("https://example.com/?a=1&b=\"2\" 中<>");
	s = render_docs((const struct doc *const *)&doc, 1, &o, &len);
	tu_pkg_open(&bk, s, len);
	assert_int_equal(parse_all(&bk), 10);
	d = parse(&bk, "OEBPS/content.opf");
	assert_xp_str(d, "//dc:title[@id='title']", clean);
	assert_xp_str(d, "//dc:creator", clean);
	xmlFreeDoc(d);
	d = parse(&bk, "OEBPS/lead.xhtml");
	assert_xp_str(d, "//h:p", clean);
	xmlFreeDoc(d);
	d = parse(&bk, "OEBPS/ch01.xhtml");
	t = xp_str(d, "//h:h1");
	assert_true(strncmp(t, "一、A&B <C>", strlen("一、A&B <C>")) == 0);
	free(t);
	assert_xp_str(d, "/h:html/h:head/h:title", "一、A&B <C> \"D\" 'E' "
	    "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
	    "\xEF\xBF\xBD\xEF\xBF\xBD end");
	assert_xp_str(d, "//h:a/@href",
	    "https://example.com/?a=1&b=%222%22%20%E4%B8%AD%3C%3E");
	assert_xp_str(d, "//h:a", clean);
	xmlFreeDoc(d);
	d = parse(&bk, "OEBPS/title.xhtml");
	assert_xp_str(d, "//h:h1", clean);
	assert_xp_str(d, "//h:p[@class='subtitle']", clean);
	xmlFreeDoc(d);
	d = parse(&bk, "OEBPS/cover.xhtml");
	assert_xp_str(d, "//h:img/@alt", clean);
	xmlFreeDoc(d);
	d = parse(&bk, "OEBPS/cover.svg");
	assert_xp_str(d, "/svg:svg/svg:title", clean);
	xmlFreeDoc(d);
	d = parse(&bk, "OEBPS/toc.ncx");
	assert_xp_str(d, "//ncx:docTitle/ncx:text", clean);
	xmlFreeDoc(d);
	tu_pkg_close(&bk);
	doc_free(doc);
}

/* A PNG signature is all the writer looks at. */
static int
load_png(void *ctx, const char *src, struct buf *out, const char **why)
{
	(void)ctx;
	if (strcmp(src, "missing.png") == 0) {
		*why = "No such file or directory";
		return -1;
	}
	buf_put(out, "\x89PNG\r\n\x1A\n\0\0\0\0", 12);
	return 0;
}

static void
test_all_nodes(void **state)
{
	struct render_opts	 o = tu_opts();
	struct doc		*doc = doc_new();
	struct node		*r, *n, *list, *item, *row, *f;
	struct tu_pkg		 bk;
	xmlDocPtr		 d;
	size_t			 len;
	char			*s;

	(void)state;
	doc_set_meta(doc, META_TITLE, "全部节点");
	r = doc->root;
	add_heading(r, 1, "一、", "主题");
	n = add_heading(r, 2, "（一）", "指导思想。");
	n->as.heading.run_in = 1;
	add_text(r, NODE_PARAGRAPH, "全面贯彻。");
	add_heading(r, 3, "1.", "小节");
	add_heading(r, 6, NULL, "跳级标题");
	n = add_text(r, NODE_PARAGRAPH, "普通");
	add_text(n, NODE_STRONG, "粗体");
	add_text(n, NODE_EMPH, "着重");
	add(n, NODE_LINEBREAK);
	add_text(n, NODE_LINK, "相对链接不成为链接");
	n->last_child->as.link.url = xstrdup("page.html");
	list = add(r, NODE_LIST);
	list->as.list.ordered = 1;
	item = add_text(list, NODE_LIST_ITEM, "甲");
	item->as.item.label = xstrdup("（1）");
	n = add(item, NODE_LIST);
	add_text(n, NODE_LIST_ITEM, "嵌套");
	add_text(list, NODE_LIST_ITEM, "乙");
	n = add(r, NODE_QUOTE);
	add_text(n, NODE_PARAGRAPH, "引文。");
	n = add(r, NODE_TABLE);
	row = add(n, NODE_TABLE_ROW);
	row->as.row.header = 1;
	add_text(row, NODE_TABLE_CELL, "项目");
	add_text(row, NODE_TABLE_CELL, "数值");
	add(row, NODE_TABLE_CELL);
	row = add(n, NODE_TABLE_ROW);
	add_text(row, NODE_TABLE_CELL, "甲");
	add(row, NODE_TABLE_CELL);
	f = add_text(r, NODE_FIGURE, "图一说明");
	f->as.figure.src = xstrdup("a.png");
	f = add(r, NODE_FIGURE);
	f->as.figure.src = xstrdup("missing.png");
	f->as.figure.alt = xstrdup("缺图");
	add(r, NODE_RULE);
	add(r, NODE_PARAGRAPH);
	assert_int_equal(doc_check(doc), 0);

	o.embed_images = 1;
	o.resources.load = load_png;
	s = render_docs((const struct doc *const *)&doc, 1, &o, &len);
	tu_pkg_open(&bk, s, len);
	parse_all(&bk);
	d = parse(&bk, "OEBPS/ch01.xhtml");
	/* The run-in heading shares its paragraph; no level is skipped. */
	assert_xp_str(d, "//h:p[@class='run-in']",
	    "（一）指导思想。全面贯彻。");
	assert_xp_str(d, "//h:p[@class='run-in']/h:span[@class='rh l2']",
	    "（一）指导思想。");
	assert_xp_str(d, "//h:h2[@class='l3']", "1.小节");
	assert_xp_str(d, "//h:h3[@class='l6']", "跳级标题");
	assert_int_equal(xp_count(d, "//h:h4|//h:h5|//h:h6"), 0);
	assert_xp_str(d, "//h:strong", "粗体");
	assert_xp_str(d, "//h:em", "着重");
	assert_int_equal(xp_count(d, "//h:br"), 1);
	assert_int_equal(xp_count(d, "//h:a"), 0);
	assert_int_equal(xp_count(d, "//h:ul[@class='lit']/h:li"), 2);
	assert_xp_str(d, "//h:ul[@class='lit']/h:li[1]/text()", "（1）甲");
	assert_xp_str(d, "//h:ul[@class='lit']/h:li[1]/h:ul/h:li", "嵌套");
	assert_xp_str(d, "//h:blockquote/h:p", "引文。");
	assert_int_equal(xp_count(d, "//h:table/h:tr[1]/h:th[@scope='col']"),
	    2);
	assert_int_equal(xp_count(d, "//h:table/h:tr[1]/h:td"), 1);
	assert_int_equal(xp_count(d, "//h:table/h:tr[2]/h:td"), 2);
	assert_xp_str(d, "//h:figure/h:img/@src", "images/img001.png");
	assert_xp_str(d, "//h:figure/h:img/@alt", "图一说明");
	assert_xp_str(d, "//h:figure/h:figcaption", "图一说明");
	assert_xp_str(d, "//h:p[@class='caption']", "［图：缺图］");
	assert_int_equal(xp_count(d, "//h:hr"), 1);
	xmlFreeDoc(d);
	d = parse(&bk, "OEBPS/content.opf");
	assert_int_equal(xp_count(d, "//opf:item[@href='images/img001.png' "
	    "and @media-type='image/png']"), 1);
	xmlFreeDoc(d);
	s = tu_pkg_entry(&bk, "OEBPS/images/img001.png", &len);
	assert_non_null(s);
	assert_int_equal(len, 12);
	free(s);
	/* The run-in heading is in the nav too. */
	d = parse(&bk, "OEBPS/nav.xhtml");
	assert_int_equal(xp_count(d, "//h:nav[@epub:type='toc']//h:a["
	    ". = '（一）指导思想']"), 1);
	assert_hrefs_resolve(&bk, d);
	xmlFreeDoc(d);
	tu_pkg_close(&bk);

	/* Without --images no figure gets an <img>. */
	o.embed_images = 0;
	s = render_docs((const struct doc *const *)&doc, 1, &o, &len);
	tu_pkg_open(&bk, s, len);
	d = parse(&bk, "OEBPS/ch01.xhtml");
	assert_int_equal(xp_count(d, "//h:img"), 0);
	assert_int_equal(xp_count(d, "//h:p[@class='caption']"), 2);
	xmlFreeDoc(d);
	assert_null(tu_pkg_entry(&bk, "OEBPS/images/img001.png", NULL));
	tu_pkg_close(&bk);
	doc_free(doc);
}

/* The dc:identifier of the EPUB made from doc (free it). */
static char *
book_id(const struct doc *doc, const struct render_opts *o)
{
	struct tu_pkg	 bk;
	xmlDocPtr	 d;
	char		*id, *bytes;
	size_t		 len;

	bytes = render_docs((const struct doc *const *)&doc, 1, o, &len);
	tu_pkg_open(&bk, bytes, len);
	d = parse(&bk, "OEBPS/content.opf");
	id = xp_str(d, "//dc:identifier");
	xmlFreeDoc(d);
	tu_pkg_close(&bk);
	return id;
}

static void
test_deterministic(void **state)
{
	struct render_opts	 o = tu_opts();
	struct doc		*doc = tu_read(nested, "text");
	char			*a, *b, *ida, *idb;
	size_t			 la, lb;
	struct iter		 it;

	(void)state;
	o.timestamp = 1634193960;
	a = render_docs((const struct doc *const *)&doc, 1, &o, &la);
	b = render_docs((const struct doc *const *)&doc, 1, &o, &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	free(a);
	free(b);
	/* The id follows the content, not the options... */
	ida = book_id(doc, &o);
	o.points = POINTS_INLINE;
	o.timestamp = 0;
	idb = book_id(doc, &o);
	assert_string_equal(ida, idb);
	free(idb);
	/* ...and changes with it. */
	node_append_text(doc->root->last_child, "改", strlen("改"));
	idb = book_id(doc, &o);
	assert_string_not_equal(ida, idb);
	free(idb);
	/* One character changed for another of the same length. */
	iter_init(&it, doc->root);
	while (iter_next(&it) != ITER_DONE && it.node->type != NODE_TEXT)
		continue;
	assert_non_null(it.node);
	assert_int_equal(it.node->type, NODE_TEXT);
	assert_true(strlen(it.node->as.text) >= 3);
	it.node->as.text[2] ^= 1;		/* last byte of a Han character */
	idb = book_id(doc, &o);
	assert_string_not_equal(ida, idb);
	free(ida);
	free(idb);
	doc_free(doc);
}

static void
test_combine(void **state)
{
	struct render_opts	 o = tu_opts();
	struct doc		*docs[2];
	struct tu_pkg		 bk;
	xmlDocPtr		 d;
	size_t			 len;
	char			*s;

	(void)state;
	docs[0] = tu_read(nested, "text");
	docs[1] = tu_read("第二篇\n\n2022-01-02| 来源: 某报\n\n开头。\n\n"
	    "一、唯一主题\n\n内容。\n", "text");
	assert_non_null(docs[0]);
	assert_non_null(docs[1]);
	o.collection_title = "文集";
	s = render_docs((const struct doc *const *)docs, 2, &o, &len);
	tu_pkg_open(&bk, s, len);
	assert_string_equal(zip_get_name(bk.za, 8, 0), "OEBPS/nav.xhtml");
	assert_string_equal(zip_get_name(bk.za, 9, 0),
	    "OEBPS/a01-title.xhtml");
	assert_int_equal(parse_all(&bk), 14);
	d = parse(&bk, "OEBPS/content.opf");
	assert_xp_str(d, "//dc:title", "文集");
	assert_int_equal(xp_count(d, "//dc:source"), 2);
	assert_xp_str(d, "//dc:date", "2021-10-14");
	assert_int_equal(xp_count(d, "//opf:spine/opf:itemref"), 9);
	xmlFreeDoc(d);
	d = parse(&bk, "OEBPS/nav.xhtml");
	/* One entry per article, its lead and chapters nested under it. */
	assert_int_equal(xp_count(d, "//h:nav[@epub:type='toc']/h:ol/h:li"),
	    2);
	assert_xp_str(d, "//h:nav[@epub:type='toc']/h:ol/h:li[1]/h:a",
	    "标题");
	assert_xp_str(d, "//h:nav[@epub:type='toc']/h:ol/h:li[1]/h:a/@href",
	    "a01-title.xhtml");
	assert_int_equal(xp_count(d, "//h:nav[@epub:type='toc']/h:ol/h:li[1]"
	    "/h:ol/h:li"), 3);
	assert_xp_str(d, "//h:nav[@epub:type='toc']/h:ol/h:li[2]/h:ol/"
	    "h:li[2]/h:a", "一、唯一主题");
	assert_xp_str(d, "//h:nav[@epub:type='toc']/h:ol/h:li[2]/h:ol/"
	    "h:li[2]/h:a/@href", "a02-ch01.xhtml#a7");
	assert_hrefs_resolve(&bk, d);
	xmlFreeDoc(d);
	d = parse(&bk, "OEBPS/toc.ncx");
	assert_int_equal(xp_count(d, "/ncx:ncx/ncx:navMap/ncx:navPoint"), 2);
	xmlFreeDoc(d);
	tu_pkg_close(&bk);
	doc_free(docs[0]);
	doc_free(docs[1]);
}

static void
test_cover(void **state)
{
	static const char png[] = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR";
	struct render_opts	 o = tu_opts();
	struct buf		 title = BUF_INIT, got = BUF_INIT;
	struct doc		*doc = doc_new();
	struct tu_pkg		 bk;
	xmlDocPtr		 d;
	xmlXPathObjectPtr	 lines;
	size_t			 len;
	int			 i;
	char			*s;

	(void)state;
	/* A very long title is wrapped and shrunk, never cut. */
	for (i = 0; i < 12; i++)
		buf_puts(&title, "关于进一步加强“共同富裕”（示范区）建设的"
		    "若干意见，2026年版；");
	doc_set_meta(doc, META_TITLE, title.ptr);
	doc_set_meta(doc, META_KICKER, "引题");
	add_text(doc->root, NODE_PARAGRAPH, "正文。");
	s = render_docs((const struct doc *const *)&doc, 1, &o, &len);
	tu_pkg_open(&bk, s, len);
	d = parse(&bk, "OEBPS/cover.svg");
	lines = xp(d, "//svg:text[@font-weight='bold']");
	assert_true(lines->nodesetval->nodeNr > 3);
	for (i = 0; i < lines->nodesetval->nodeNr; i++) {
		xmlChar *t = xmlNodeGetContent(lines->nodesetval->nodeTab[i]);

		buf_puts(&got, (char *)t);
		xmlFree(t);
	}
	assert_string_equal(got.ptr, title.ptr);
	xmlXPathFreeObject(lines);
	assert_int_equal(xp_count(d, "//svg:text[. = '引题']"), 1);
	/* Each line centred by its own anchor: MuPDF inherits none. */
	assert_true(xp_count(d, "//svg:text") > 4);
	assert_int_equal(xp_count(d, "//svg:text[not(@text-anchor="
	    "'middle')]"), 0);
	xmlFreeDoc(d);
	d = parse(&bk, "OEBPS/cover.xhtml");
	assert_xp_str(d, "//h:img[@epub:type='cover' and @role='doc-cover']"
	    "/@src", "cover.svg");
	xmlFreeDoc(d);
	tu_pkg_close(&bk);

	/* --cover: the user's image replaces the generated one. */
	tu_epub(&o)->cover.ptr = png;
	tu_epub(&o)->cover.len = sizeof(png) - 1;
	s = render_docs((const struct doc *const *)&doc, 1, &o, &len);
	tu_pkg_open(&bk, s, len);
	assert_null(tu_pkg_entry(&bk, "OEBPS/cover.svg", NULL));
	s = tu_pkg_entry(&bk, "OEBPS/cover.png", &len);
	assert_int_equal(len, sizeof(png) - 1);
	assert_memory_equal(s, png, len);
	free(s);
	d = parse(&bk, "OEBPS/content.opf");
	assert_int_equal(xp_count(d, "//opf:item[@properties='cover-image' "
	    "and @href='cover.png' and @media-type='image/png']"), 1);
	xmlFreeDoc(d);
	d = parse(&bk, "OEBPS/cover.xhtml");
	assert_xp_str(d, "//h:img/@src", "cover.png");
	xmlFreeDoc(d);
	tu_pkg_close(&bk);
	buf_free(&title);
	buf_free(&got);
	doc_free(doc);
}

/*
 * The generated cover as PNG: a 600 x 900 image whose dark text lies
 * inside the red frame, the same bytes every time, and the cover-image
 * of the book.  Skipped without cairo and pango or a font for the text.
 */
static void
test_cover_png(void **state)
{
	static const char article[] =
	    "浙江嘉兴“红船银晖”党建引领银晖聚力添彩,齐绘“共富”篇章\n\n"
	    "2021-10-14 14:46| 来自: 嘉兴老干部\n\n正文。\n";
	struct render_opts	 o = tu_opts();
	struct epub_cover	 c;
	struct buf		 a = BUF_INIT, b = BUF_INIT;
	struct tu_box		 frame, ink;
	struct tu_pkg		 bk;
	xmlDocPtr		 d;
	const char		*why = NULL;
	unsigned char		*rgb;
	int			 w, h;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.title = "浙江嘉兴“红船银晖”党建引领银晖聚力添彩，齐绘“共富”篇章";
	c.source = "嘉兴老干部";
	c.date = "2021-10-14 14:46";
	if (epub_cover_png(&a, "zh-CN", &c, &why) != 0) {
		print_message("cover PNG SKIPPED: %s\n", why);
		skip();
	}
	assert_int_equal(epub_cover_png(&b, "zh-CN", &c, &why), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.ptr, b.ptr, a.len);
	rgb = tu_png_read((const unsigned char *)a.ptr, a.len, &w, &h);
	assert_non_null(rgb);
	assert_int_equal(w, COVER_W * COVER_PNG_SCALE);
	assert_int_equal(h, COVER_H * COVER_PNG_SCALE);
	tu_cover_boxes(rgb, w, h, &frame, &ink);
	assert_true(frame.n > 0 && ink.n > 500);
	assert_true(ink.x0 > frame.x0 && ink.x1 < frame.x1);
	assert_true(ink.y0 > frame.y0 && ink.y1 < frame.y1);
	/* Centred: the margins differ by less than the ink of a comma. */
	assert_true(abs((ink.x0 - frame.x0) - (frame.x1 - ink.x1)) < w / 10);
	free(rgb);

	/* In the book: cover.png is the cover-image, and no SVG. */
	tu_epub(&o)->svg_cover = 0;
	book_from(&bk, article, &o);
	assert_null(tu_pkg_entry(&bk, "OEBPS/cover.svg", NULL));
	d = parse(&bk, "OEBPS/content.opf");
	assert_int_equal(xp_count(d, "//opf:item[@properties='cover-image' "
	    "and @href='cover.png' and @media-type='image/png']"), 1);
	xmlFreeDoc(d);
	d = parse(&bk, "OEBPS/cover.xhtml");
	assert_xp_str(d, "//h:img/@src", "cover.png");
	xmlFreeDoc(d);
	tu_pkg_close(&bk);
	buf_free(&a);
	buf_free(&b);
}

/* The landmarks list is hidden by the stylesheet too, not only by hidden. */
static void
test_landmarks_hidden(void **state)
{
	struct tu_pkg	 bk;
	xmlDocPtr	 d;
	char		*css;

	(void)state;
	book_from(&bk, nested, NULL);
	d = parse(&bk, "OEBPS/nav.xhtml");
	assert_int_equal(xp_count(d, "//h:nav[@epub:type='landmarks' and "
	    "@id='landmarks' and @hidden]"), 1);
	xmlFreeDoc(d);
	css = tu_pkg_entry(&bk, "OEBPS/style.css", NULL);
	assert_non_null(strstr(css, "nav#landmarks { display: none; }"));
	free(css);
	tu_pkg_close(&bk);
}

/*
 * A chapter far over EPUB_PART_MAX, with one paragraph of 1.2 MB and many
 * small ones and points, is cut into documents of at most that much,
 * each whole; the contents still lead to every anchor, and no text is
 * lost or repeated.
 */
static void
test_long_chapter(void **state)
{
	struct render_opts	 o = tu_opts();
	struct doc		*doc = doc_new();
	struct buf		 big = BUF_INIT, want = BUF_INIT, got = BUF_INIT;
	struct tu_pkg		 bk;
	xmlDocPtr		 d;
	xmlXPathObjectPtr	 items;
	size_t			 len, i;
	char			*s, name[64];
	int			 k, parts = 0;

	(void)state;
	doc_set_meta(doc, META_TITLE, "长文");
	add_heading(doc->root, 1, "一、", "第一主题");
	for (i = 0; i < 40000; i++)
		buf_puts(&big, i % 10 == 9 ? "一句话结束了。" : "很长的文字");
	add_text(doc->root, NODE_PARAGRAPH, big.ptr);
	buf_puts(&want, big.ptr);
	for (k = 0; k < 3000; k++) {
		buf_truncate(&big, 0);
		buf_printf(&big, "第%d段<&>，短的段落。", k);
		add_text(doc->root, NODE_PARAGRAPH, big.ptr);
		buf_puts(&want, big.ptr);
		if (k % 500 == 0) {
			buf_truncate(&big, 0);
			buf_printf(&big, "第%d节", k);
			add_heading(doc->root, 2, NULL, big.ptr);
			buf_puts(&want, big.ptr);
		}
	}
	s = render_docs((const struct doc *const *)&doc, 1, &o, &len);
	tu_pkg_open(&bk, s, len);
	/* Every entry but mimetype and style.css is XML. */
	assert_int_equal(parse_all(&bk), zip_get_num_entries(bk.za, 0) - 2);
	d = parse(&bk, "OEBPS/content.opf");
	items = xp(d, "//opf:spine/opf:itemref/@idref");
	for (k = 0; k < items->nodesetval->nodeNr; k++) {
		xmlChar *id = xmlNodeGetContent(items->nodesetval->nodeTab[k]);
		xmlDocPtr x;
		char *t;

		if (strncmp((char *)id, "ch01", 4) != 0) {
			xmlFree(id);
			continue;
		}
		snprintf(name, sizeof(name), "OEBPS/%s.xhtml", (char *)id);
		t = tu_pkg_entry(&bk, name, &len);
		assert_true(len <= EPUB_PART_MAX + 2048);
		free(t);
		x = parse(&bk, name);
		t = xp_str(x, "/h:html/h:body");
		buf_puts(&got, t);
		free(t);
		xmlFreeDoc(x);
		xmlFree(id);
		parts++;
	}
	xmlXPathFreeObject(items);
	xmlFreeDoc(d);
	assert_true(parts >= 3);
	/* All the text, once, in order (white space aside). */
	buf_truncate(&big, 0);
	for (i = 0; i < got.len; i++)
		if (got.ptr[i] != '\n')
			buf_putc(&big, got.ptr[i]);
	assert_string_equal(big.ptr + strlen("一、第一主题"), want.ptr);
	d = parse(&bk, "OEBPS/nav.xhtml");
	assert_hrefs_resolve(&bk, d);
	assert_true(xp_count(d, "//h:a[starts-with(@href, 'ch01-')]") >= 5);
	xmlFreeDoc(d);
	d = parse(&bk, "OEBPS/ch01-2.xhtml");
	assert_int_equal(xp_count(d, "//h:p[@class='cont']"), 1);
	xmlFreeDoc(d);
	tu_pkg_close(&bk);
	buf_free(&big);
	buf_free(&want);
	buf_free(&got);
	doc_free(doc);
}

static void
test_bad_input(void **state)
{
	struct render_opts	 o = tu_opts();
	struct doc		*doc = doc_new();
	struct buf		 b = BUF_INIT;
	struct diag		 dg;
	const struct doc	*docs[1] = { doc };
	struct tu_pkg		 bk;
	xmlDocPtr		 d;
	size_t			 len;
	char			*s;

	(void)state;
	diag_init(&dg, 0);
	o.lang = "zh CN";
	assert_int_equal(writer_find("epub")->render(docs, 1, &o, &b, &dg),
	    -1);
	assert_non_null(diag_last_error(&dg));
	o = tu_opts();
	tu_epub(&o)->cover.ptr = "not an image";
	tu_epub(&o)->cover.len = 12;
	assert_int_equal(writer_find("epub")->render(docs, 1, &o, &b, &dg),
	    -1);
	diag_free(&dg);
	buf_free(&b);
	/* An empty, untitled document still makes a valid book. */
	o = tu_opts();
	s = render_docs(docs, 1, &o, &len);
	tu_pkg_open(&bk, s, len);
	assert_int_equal(parse_all(&bk), 8);
	d = parse(&bk, "OEBPS/nav.xhtml");
	assert_int_equal(xp_count(d, "//h:nav[@epub:type='toc']//h:li"), 1);
	assert_hrefs_resolve(&bk, d);
	xmlFreeDoc(d);
	tu_pkg_close(&bk);
	doc_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registered),
		cmocka_unit_test(test_container),
		cmocka_unit_test(test_metadata),
		cmocka_unit_test(test_nav_nesting),
		cmocka_unit_test(test_points),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_all_nodes),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_combine),
		cmocka_unit_test(test_cover),
		cmocka_unit_test(test_cover_png),
		cmocka_unit_test(test_landmarks_hidden),
		cmocka_unit_test(test_long_chapter),
		cmocka_unit_test(test_bad_input),
	};

	return cmocka_run_group_tests_name("epub", tests, NULL, NULL);
}
