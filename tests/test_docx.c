/*
 * Unit tests: the DOCX writer (formats/docx*.c).  Every package is opened
 * again with libzip and each of its XML parts parsed with libxml2; the
 * checks then look at the parts with XPath.
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
#include "docx/docx_int.h"
#include "tree/alloc.h"
#include "testutil.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

static const char article[] =
    "关于测试的标题\n\n2021-10-14 14:46| 发布者: 编辑| 来自: 测试来源\n\n"
    "导语段落。\n\n一、第一主题\n\n（一）第一小节\n\n"
    "一是甲事项。内容一。二是乙事项。内容二。\n\n"
    "（二）指导思想。全面贯彻落实，推进各项工作。\n\n"
    "二、第二主题\n\n正文。\n";

/* Word's parts, parsed without libxml2's messages. */
static xmlDocPtr
xml(struct tu_pkg *p, const char *name)
{
	return tu_pkg_xml(p, name, XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

/* Parses every .xml and .rels part; returns how many there were. */
static int
xml_all(struct tu_pkg *p)
{
	static const char *const ext[] = { ".xml", ".rels", NULL };

	return tu_pkg_xml_all(p, ext, XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
}

/* Namespaces for XPath over the parts. */
static const char *const ns[] = {
	"w", W_NS,
	"r", "http://schemas.openxmlformats.org/officeDocument/2006/"
	    "relationships",
	"pr", "http://schemas.openxmlformats.org/package/2006/relationships",
	"ct", "http://schemas.openxmlformats.org/package/2006/content-types",
	"cp", "http://schemas.openxmlformats.org/package/2006/metadata/"
	    "core-properties",
	"dc", "http://purl.org/dc/elements/1.1/",
	"dcterms", "http://purl.org/dc/terms/",
	"a", "http://schemas.openxmlformats.org/drawingml/2006/main",
	NULL
};

static xmlXPathObjectPtr
xp(xmlDocPtr d, const char *expr)
{
	return tu_xpath(d, expr, ns);
}

static int
count(xmlDocPtr d, const char *expr)
{
	return tu_xpath_count(d, expr, ns);
}

static void
assert_str(xmlDocPtr d, const char *expr, const char *want)
{
	struct buf		 b = BUF_INIT;
	xmlXPathObjectPtr	 o;

	buf_printf(&b, "string(%s)", expr);
	o = xp(d, b.ptr);
	if (strcmp((const char *)o->stringval, want) != 0)
		fail_msg("%s: got \"%s\", want \"%s\"", expr,
		    (const char *)o->stringval, want);
	xmlXPathFreeObject(o);
	buf_free(&b);
}

/* Renders, failing the test on error; the bytes are malloc'd. */
static char *
render(const struct doc *const *docs, size_t n, const struct render_opts *o,
    size_t *lenp)
{
	struct buf	 b = BUF_INIT;
	struct diag	 d;

	diag_init(&d, 0);
	if (writer_find("docx")->render(docs, n, o, &b, &d) != 0)
		fail_msg("docx: %s", diag_last_error(&d));
	diag_free(&d);
	return buf_detach(&b, lenp);
}

static void
render_pkg(const struct doc *doc, const struct render_opts *o, struct tu_pkg *p)
{
	const struct doc *docs[1] = { doc };
	size_t		 len;
	char		*s = render(docs, 1, o, &len);

	tu_pkg_open(p, s, len);
}

/* Every pStyle/rStyle/tblStyle of document.xml is defined in styles.xml. */
static void
assert_styles_defined(struct tu_pkg *p)
{
	xmlDocPtr		 doc = xml(p, "word/document.xml");
	xmlDocPtr		 st = xml(p, "word/styles.xml");
	xmlXPathObjectPtr	 o = xp(doc, "//w:pStyle/@w:val | "
	    "//w:rStyle/@w:val | //w:tblStyle/@w:val");
	struct buf		 q = BUF_INIT;
	int			 i;

	for (i = 0; o->nodesetval != NULL && i < o->nodesetval->nodeNr; i++) {
		xmlChar *v = xmlNodeGetContent(o->nodesetval->nodeTab[i]);

		buf_truncate(&q, 0);
		buf_printf(&q, "//w:style[@w:styleId='%s']", (char *)v);
		if (count(st, q.ptr) != 1)
			fail_msg("style %s used but not defined once", v);
		xmlFree(v);
	}
	xmlXPathFreeObject(o);
	buf_free(&q);
	xmlFreeDoc(doc);
	xmlFreeDoc(st);
}

static void
test_registered(void **state)
{
	const struct writer	*w = writer_find("docx");

	(void)state;
	assert_non_null(w);
	assert_true(w->zip);
	assert_string_equal(w->extension, "docx");
	assert_ptr_equal(writer_for_extension("docx"), w);
}

static void
test_parts(void **state)
{
	struct doc		*doc = tu_read(article, NULL);
	struct render_opts	 o = tu_opts();
	struct tu_pkg		 p;
	xmlDocPtr		 d;
	static const char *const parts[] = {
		"[Content_Types].xml", "_rels/.rels", "docProps/core.xml",
		"docProps/app.xml", "word/document.xml", "word/styles.xml",
		"word/settings.xml", "word/fontTable.xml", "word/footer1.xml",
		"word/footer2.xml", "word/_rels/document.xml.rels"
	};
	size_t			 i;

	(void)state;
	assert_non_null(doc);
	o.timestamp = 1634193960;	/* 2021-10-14 06:46 UTC */
	render_pkg(doc, &o, &p);
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (zip_name_locate(p.za, parts[i], 0) < 0)
			fail_msg("no part %s", parts[i]);
	assert_int_equal(zip_get_num_entries(p.za, 0), 11);
	assert_int_equal(xml_all(&p), 11);
	/* The content types go first, for streaming readers. */
	assert_string_equal(zip_get_name(p.za, 0, 0), "[Content_Types].xml");

	d = xml(&p, "[Content_Types].xml");
	assert_int_equal(count(d, "//ct:Override"), 8);
	assert_int_equal(count(d, "//ct:Override[@PartName='/word/document."
	    "xml' and @ContentType='application/vnd.openxmlformats-"
	    "officedocument.wordprocessingml.document.main+xml']"), 1);
	xmlFreeDoc(d);

	d = xml(&p, "_rels/.rels");
	assert_str(d, "//pr:Relationship[@Type='http://schemas."
	    "openxmlformats.org/officeDocument/2006/relationships/"
	    "officeDocument']/@Target", "word/document.xml");
	assert_int_equal(count(d, "//pr:Relationship"), 3);
	xmlFreeDoc(d);

	/* Every relationship of the document points at a part. */
	d = xml(&p, "word/_rels/document.xml.rels");
	assert_int_equal(count(d, "//pr:Relationship"), 5);
	{
		xmlXPathObjectPtr o2 = xp(d, "//pr:Relationship/@Target");
		struct buf name = BUF_INIT;
		int k;

		for (k = 0; k < o2->nodesetval->nodeNr; k++) {
			xmlChar *t = xmlNodeGetContent(
			    o2->nodesetval->nodeTab[k]);

			buf_truncate(&name, 0);
			buf_printf(&name, "word/%s", (char *)t);
			if (zip_name_locate(p.za, name.ptr, 0) < 0)
				fail_msg("relationship to missing %s", t);
			xmlFree(t);
		}
		xmlXPathFreeObject(o2);
		buf_free(&name);
	}
	xmlFreeDoc(d);

	d = xml(&p, "docProps/core.xml");
	assert_str(d, "//dc:title", "关于测试的标题");
	assert_str(d, "//dc:creator", "编辑");
	assert_str(d, "//dc:language", "zh-CN");
	assert_str(d, "//dcterms:created", "2021-10-14T06:46:00Z");
	assert_str(d, "//dcterms:modified", "2021-10-14T06:46:00Z");
	xmlFreeDoc(d);

	d = xml(&p, "word/document.xml");
	assert_str(d, "//w:body/w:p[1]/w:pPr/w:pStyle/@w:val", "Title");
	assert_str(d, "//w:body/w:p[1]", "关于测试的标题");
	assert_str(d, "//w:body/w:p[2]/w:pPr/w:pStyle/@w:val", "Metadata");
	assert_str(d, "//w:body/w:p[2]",
	    /* A word joiner keeps the date on one line. */
	    "2021-\xE2\x81\xA0" "10-\xE2\x81\xA0" "14 14:46　来源：测试来源　发布者：编辑");
	/* 一、 is heading 1, （一） heading 2, labels as text. */
	assert_int_equal(count(d, "//w:p[w:pPr/w:pStyle/@w:val='Heading1']"),
	    2);
	assert_int_equal(count(d, "//w:p[w:pPr/w:pStyle/@w:val='Heading2']"),
	    2);
	assert_str(d, "//w:p[w:pPr/w:pStyle/@w:val='Heading1'][1]",
	    "一、第一主题");
	/* The section is the body's last child. */
	assert_int_equal(count(d, "/w:document/w:body/*[last()][self::"
	    "w:sectPr]"), 1);
	xmlFreeDoc(d);
	assert_styles_defined(&p);
	tu_pkg_close(&p);
	doc_free(doc);
}

static void
test_escaping(void **state)
{
	struct doc		*doc = doc_new();
	struct node		*para = node_new(NODE_PARAGRAPH);
	struct node		*link = node_new(NODE_LINK);
	struct render_opts	 o = tu_opts();
	struct tu_pkg		 p;
	xmlDocPtr		 d;
	char			*s;
	static const char text[] = "A&B <c> \"q\" 'a' \x01\x1F end";

	(void)state;
	doc_set_meta(doc, META_TITLE, "T&<\"x\">");
	doc_set_meta(doc, META_AUTHOR, "a\x02" "b");
	node_append_text(para, text, sizeof(text) - 1);
	link->as.link.url = xstrdup("http://example.com/?a=1&b=\"2\" 中");
	node_append_text(link, "链接", strlen("链接"));
	assert_int_equal(node_append(para, link), 0);
	assert_int_equal(node_append(doc->root, para), 0);
	render_pkg(doc, &o, &p);
	assert_int_equal(xml_all(&p), 11);

	s = tu_pkg_entry(&p, "word/document.xml", NULL);
	assert_true(tu_contains(s, "A&amp;B &lt;c&gt; \"q\" 'a' "
	    "\xEF\xBF\xBD\xEF\xBF\xBD end"));
	assert_false(tu_contains(s, "\x01"));
	free(s);
	d = xml(&p, "word/document.xml");
	assert_str(d, "//w:body/w:p[1]", "T&<\"x\">");
	assert_str(d, "//w:p[w:r/w:instrText[contains(., 'HYPERLINK')]]"
	    "/w:r[w:rPr/w:rStyle/@w:val='Hyperlink']", "链接");
	assert_str(d, "//w:r[w:rPr/w:rStyle/@w:val='Hyperlink']/w:t",
	    "链接");
	xmlFreeDoc(d);
	/* The link target: escaped, quotes, spaces and UTF-8 encoded. */
	d = xml(&p, "word/document.xml");
	assert_str(d, "//w:instrText[contains(., 'HYPERLINK')]",
	    " HYPERLINK \"http://example.com/?a=1&b=%222%22%20%E4%B8%AD\" ");
	xmlFreeDoc(d);
	d = xml(&p, "docProps/core.xml");
	assert_str(d, "//dc:title", "T&<\"x\">");
	assert_str(d, "//dc:creator", "a\xEF\xBF\xBD" "b");
	xmlFreeDoc(d);
	tu_pkg_close(&p);
	doc_free(doc);
}

/* The style table: names Word recognises, outline levels, fonts. */
static void
test_styles(void **state)
{
	static const char *const official_fonts[] = {
		"黑体", "楷体_GB2312", "仿宋_GB2312", "仿宋_GB2312"
	};
	struct doc		*doc = tu_read(article, NULL);
	struct render_opts	 o = tu_opts();
	struct buf		 q = BUF_INIT, v = BUF_INIT;
	struct tu_pkg		 p;
	xmlDocPtr		 d;
	int			 i;

	(void)state;
	render_pkg(doc, &o, &p);
	d = xml(&p, "word/styles.xml");
	for (i = 1; i <= 6; i++) {
		buf_truncate(&q, 0);
		buf_printf(&q, "//w:style[@w:styleId='Heading%d']/w:name/@w:val",
		    i);
		buf_truncate(&v, 0);
		buf_printf(&v, "heading %d", i);
		assert_str(d, q.ptr, v.ptr);
		buf_truncate(&q, 0);
		buf_printf(&q, "//w:style[@w:styleId='Heading%d']/w:pPr/"
		    "w:outlineLvl/@w:val", i);
		buf_truncate(&v, 0);
		buf_printf(&v, "%d", i - 1);
		assert_str(d, q.ptr, v.ptr);
		buf_truncate(&q, 0);
		buf_printf(&q, "//w:style[@w:styleId='Heading%d']/w:basedOn/"
		    "@w:val", i);
		assert_str(d, q.ptr, "Normal");
		if (i <= 4) {
			buf_truncate(&q, 0);
			buf_printf(&q, "//w:style[@w:styleId='Heading%d']/"
			    "w:rPr/w:rFonts[@w:hint='eastAsia']/@w:eastAsia",
			    i);
			assert_str(d, q.ptr, official_fonts[i - 1]);
		}
	}
	/* No heading 7 unless articles are combined. */
	assert_int_equal(count(d, "//w:style[@w:styleId='Heading7']"), 0);
	assert_str(d, "//w:docDefaults//w:lang/@w:eastAsia", "zh-CN");
	assert_str(d, "//w:docDefaults//w:rFonts/@w:hint", "eastAsia");
	assert_str(d, "//w:docDefaults//w:rFonts/@w:hAnsi", "仿宋_GB2312");
	assert_str(d, "//w:style[@w:styleId='Normal']/@w:default", "1");
	assert_str(d, "//w:style[@w:styleId='Normal']//w:ind/"
	    "@w:firstLineChars", "200");
	assert_str(d, "//w:style[@w:styleId='Normal']//w:ind/@w:firstLine",
	    "640");
	assert_str(d, "//w:style[@w:styleId='Normal']//w:jc/@w:val", "both");
	assert_str(d, "//w:style[@w:styleId='Normal']//w:sz/@w:val", "32");
	assert_str(d, "//w:style[@w:styleId='Title']//w:rFonts/@w:eastAsia",
	    "方正小标宋简体");
	assert_str(d, "//w:style[@w:styleId='Title']//w:sz/@w:val", "44");
	assert_str(d, "//w:style[@w:styleId='Title']//w:jc/@w:val", "center");
	assert_str(d, "//w:style[@w:styleId='Metadata']//w:sz/@w:val", "28");
	assert_str(d, "//w:style[@w:styleId='Footer']//w:rFonts/@w:eastAsia",
	    "宋体");
	assert_str(d, "//w:style[@w:styleId='Emphasis']//w:em/@w:val", "dot");
	assert_int_equal(count(d, "//w:style[@w:styleId='Emphasis']//w:i"), 0);
	/* Style ids are unique. */
	assert_int_equal(count(d, "//w:style"), count(d, "//w:style[not("
	    "@w:styleId = preceding-sibling::w:style/@w:styleId)]"));
	xmlFreeDoc(d);
	d = xml(&p, "word/fontTable.xml");
	assert_str(d, "//w:font[@w:name='仿宋_GB2312']/w:altName/@w:val",
	    "仿宋");
	assert_str(d, "//w:font[@w:name='楷体_GB2312']/w:altName/@w:val",
	    "楷体");
	assert_str(d, "//w:font[@w:name='仿宋_GB2312']/w:charset/@w:val",
	    "86");
	xmlFreeDoc(d);
	tu_pkg_close(&p);
	buf_free(&q);
	buf_free(&v);
	doc_free(doc);
}

/* GB/T 9704 numbers for official, Word's usual ones for plain. */
static void
test_layouts(void **state)
{
	struct doc		*doc = tu_read(article, NULL);
	struct render_opts	 o = tu_opts();
	struct tu_pkg		 p;
	xmlDocPtr		 d;

	(void)state;
	render_pkg(doc, &o, &p);
	d = xml(&p, "word/document.xml");
	assert_str(d, "//w:sectPr/w:pgSz/@w:w", "11906");
	assert_str(d, "//w:sectPr/w:pgSz/@w:h", "16838");
	assert_str(d, "//w:sectPr/w:pgMar/@w:top", "2098");
	assert_str(d, "//w:sectPr/w:pgMar/@w:bottom", "1984");
	assert_str(d, "//w:sectPr/w:pgMar/@w:left", "1587");
	assert_str(d, "//w:sectPr/w:pgMar/@w:right", "1474");
	assert_str(d, "//w:sectPr/w:docGrid/@w:type", "linesAndChars");
	assert_str(d, "//w:sectPr/w:docGrid/@w:linePitch", "579");
	assert_str(d, "//w:sectPr/w:docGrid/@w:charSpace", "-841");
	assert_int_equal(count(d, "//w:sectPr/w:footerReference"), 2);
	xmlFreeDoc(d);
	d = xml(&p, "word/settings.xml");
	assert_int_equal(count(d, "//w:evenAndOddHeaders"), 1);
	assert_int_equal(count(d, "//w:updateFields"), 0);
	xmlFreeDoc(d);
	d = xml(&p, "word/styles.xml");
	assert_str(d, "//w:style[@w:styleId='Normal']//w:spacing/@w:line",
	    "579");
	assert_str(d, "//w:style[@w:styleId='Normal']//w:spacing/@w:lineRule",
	    "exact");
	xmlFreeDoc(d);
	/* Odd pages right, even pages left, "— N —". */
	d = xml(&p, "word/footer1.xml");
	assert_str(d, "//w:jc/@w:val", "right");
	assert_str(d, "//w:r[1]/w:t", "\xE2\x80\x94 ");
	assert_str(d, "//w:instrText", " PAGE ");
	assert_str(d, "//w:r[last()]/w:t", " \xE2\x80\x94");
	xmlFreeDoc(d);
	d = xml(&p, "word/footer2.xml");
	assert_str(d, "//w:jc/@w:val", "left");
	xmlFreeDoc(d);
	tu_pkg_close(&p);

	tu_docx(&o)->style = DOCX_PLAIN;
	render_pkg(doc, &o, &p);
	assert_int_equal(xml_all(&p), 10);
	assert_true(zip_name_locate(p.za, "word/footer2.xml", 0) < 0);
	d = xml(&p, "word/document.xml");
	assert_str(d, "//w:sectPr/w:pgMar/@w:top", "1440");
	assert_str(d, "//w:sectPr/w:pgMar/@w:left", "1800");
	assert_int_equal(count(d, "//w:sectPr/w:footerReference"), 1);
	assert_int_equal(count(d, "//w:docGrid[@w:type]"), 0);
	xmlFreeDoc(d);
	d = xml(&p, "word/settings.xml");
	assert_int_equal(count(d, "//w:evenAndOddHeaders"), 0);
	xmlFreeDoc(d);
	d = xml(&p, "word/styles.xml");
	assert_str(d, "//w:style[@w:styleId='Normal']//w:sz/@w:val", "24");
	assert_str(d, "//w:style[@w:styleId='Heading1']//w:sz/@w:val", "28");
	assert_str(d, "//w:style[@w:styleId='Heading1']//w:rFonts/"
	    "@w:eastAsia", "黑体");
	assert_str(d, "//w:docDefaults//w:rFonts/@w:eastAsia", "宋体");
	xmlFreeDoc(d);
	d = xml(&p, "word/footer1.xml");
	assert_str(d, "//w:jc/@w:val", "center");
	assert_str(d, "//w:p/w:r[1]/w:t", "");
	assert_str(d, "//w:instrText", " PAGE ");
	xmlFreeDoc(d);
	assert_styles_defined(&p);
	tu_pkg_close(&p);
	doc_free(doc);
}

/* Run-in heading, points inline/split, bold leads or not. */
static void
test_points_and_run_in(void **state)
{
	struct doc		*doc = tu_read(article, NULL);
	struct render_opts	 o = tu_opts();
	struct tu_pkg		 p;
	xmlDocPtr		 d;

	(void)state;
	render_pkg(doc, &o, &p);
	d = xml(&p, "word/document.xml");
	/* Inline: the two points are one paragraph, leads bold. */
	assert_int_equal(count(d, "//w:p[contains(., '一是甲事项。')]"), 1);
	assert_str(d, "//w:p[contains(., '一是甲事项。')]",
	    "一是甲事项。内容一。二是乙事项。内容二。");
	assert_int_equal(count(d, "//w:r[w:rPr/w:rStyle/@w:val='PointLead']"),
	    4);
	assert_str(d, "//w:r[w:rPr/w:rStyle/@w:val='PointLead'][1]", "一是");
	/* The run-in heading: hidden paragraph mark, then its body. */
	assert_str(d, "//w:p[w:pPr/w:rPr/w:specVanish]", "（二）指导思想。");
	assert_int_equal(count(d, "//w:p[w:pPr/w:rPr/w:specVanish]/w:pPr/"
	    "w:rPr/w:vanish"), 1);
	assert_str(d, "//w:p[w:pPr/w:rPr/w:specVanish]/w:pPr/w:pStyle/@w:val",
	    "Heading2");
	assert_str(d, "//w:p[w:pPr/w:rPr/w:specVanish]/following-sibling::"
	    "w:p[1]", "全面贯彻落实，推进各项工作。");
	assert_str(d, "//w:p[w:pPr/w:rPr/w:specVanish]/following-sibling::"
	    "w:p[1]/w:pPr/w:ind/@w:firstLineChars", "0");
	xmlFreeDoc(d);
	tu_pkg_close(&p);

	o.points = POINTS_SPLIT;
	o.bold_leads = 0;
	render_pkg(doc, &o, &p);
	d = xml(&p, "word/document.xml");
	assert_str(d, "//w:p[contains(., '一是甲事项。')]", "一是甲事项。内容一。");
	assert_str(d, "//w:p[contains(., '二是乙事项。')]", "二是乙事项。内容二。");
	assert_int_equal(count(d, "//w:rStyle[@w:val='PointLead']"), 0);
	xmlFreeDoc(d);
	tu_pkg_close(&p);
	doc_free(doc);
}

/*
 * A run-in heading whose line goes on to enumerate points: the points
 * continue the heading's paragraph (hidden mark, no first-line indent),
 * as the author wrote "（二）降低门槛。一是…二是…" on one line.
 */
static void
test_run_in_points(void **state)
{
	struct doc		*doc = tu_read("报告\n\n一、总体要求\n\n"
				    "（一）扩大内需。要坚持基点。一是提振消费；"
				    "二是扩大投资。\n\n（二）降低门槛。"
				    "一是精简审批；二是取消资质。\n", NULL);
	struct render_opts	 o = tu_opts();
	struct tu_pkg		 p;
	xmlDocPtr		 d;

	(void)state;
	render_pkg(doc, &o, &p);
	d = xml(&p, "word/document.xml");
	assert_int_equal(count(d, "//w:p[w:pPr/w:rPr/w:specVanish]"), 2);
	assert_str(d, "//w:p[w:pPr/w:rPr/w:specVanish][1]/following-sibling::"
	    "w:p[1]", "要坚持基点。一是提振消费；二是扩大投资。");
	assert_str(d, "//w:p[w:pPr/w:rPr/w:specVanish][2]/following-sibling::"
	    "w:p[1]", "一是精简审批；二是取消资质。");
	assert_int_equal(count(d, "//w:p[w:pPr/w:rPr/w:specVanish]/"
	    "following-sibling::w:p[1]/w:pPr/w:ind[@w:firstLineChars='0']"),
	    2);
	xmlFreeDoc(d);
	tu_pkg_close(&p);
	doc_free(doc);

	/* A label that runs on (首先要…) gets no space after it. */
	doc = tu_read("报告\n\n要成立专班。首先要摸清底数，其次要压实责任，"
	    "最后要严格考核。\n", NULL);
	render_pkg(doc, &o, &p);
	d = xml(&p, "word/document.xml");
	assert_str(d, "//w:p[contains(., '首先')]", "要成立专班。首先要摸清底数，"
	    "其次要压实责任，最后要严格考核。");
	xmlFreeDoc(d);
	tu_pkg_close(&p);
	doc_free(doc);
}

/*
 * The frame of a notice: the addressee flush left (GB/T 9704 §7.3.3); the
 * closing (§7.3.5.2) flush right, the date two characters in, the sender
 * above it so that the date starts two characters right of the sender's
 * first; a line's space above.
 */
static void
test_closing(void **state)
{
	struct doc		*doc = tu_read("通知\n\n区农发〔2026〕9号\n\n各单位："
				    "\n\n请按要求做好工作。\n\n区农业农村局\n"
				    "2026年11月20日\n", NULL);
	struct render_opts	 o = tu_opts();
	struct tu_pkg		 p;
	xmlDocPtr		 d;

	(void)state;
	render_pkg(doc, &o, &p);
	d = xml(&p, "word/document.xml");
	assert_int_equal(count(d, "//w:p[w:pPr/w:jc/@w:val='right']"), 2);
	/* 区农业农村局: 6 characters; the date: 8 figures and 3 characters. */
	assert_str(d, "//w:p[.='区农业农村局']/w:pPr/w:ind/@w:rightChars", "500");
	assert_str(d, "//w:p[.='2026年11月20日']/w:pPr/w:ind/@w:rightChars",
	    "200");
	assert_str(d, "//w:p[.='区农业农村局']/w:pPr/w:ind/@w:firstLineChars",
	    "0");
	assert_int_equal(count(d, "//w:p[.='区农业农村局']/w:pPr/w:spacing"), 1);
	assert_int_equal(count(d, "//w:p[.='2026年11月20日']/w:pPr/w:spacing"),
	    0);
	/* The document number centred (§7.2.4). */
	assert_str(d, "//w:p[.='区农发〔2026〕9号']/w:pPr/w:jc/@w:val", "center");
	/* The addressee opening it: flush left, where text is indented. */
	assert_str(d, "//w:p[.='各单位：']/w:pPr/w:ind/@w:firstLineChars", "0");
	assert_int_equal(count(d, "//w:p[.='请按要求做好工作。']/w:pPr/w:ind"), 0);
	xmlFreeDoc(d);
	tu_pkg_close(&p);
	doc_free(doc);
}

static void
test_toc(void **state)
{
	struct doc		*doc = tu_read(article, NULL);
	struct render_opts	 o = tu_opts();
	struct tu_pkg		 p;
	xmlDocPtr		 d;
	xmlXPathObjectPtr	 a;
	struct buf		 q = BUF_INIT;
	int			 i;

	(void)state;
	tu_docx(&o)->toc = 1;
	render_pkg(doc, &o, &p);
	d = xml(&p, "word/document.xml");
	assert_int_equal(count(d, "//w:instrText[contains(., 'TOC \\o "
	    "\"1-3\" \\h')]"), 1);
	assert_int_equal(count(d, "//w:fldChar[@w:fldCharType='begin']"), 1);
	assert_int_equal(count(d, "//w:fldChar[@w:fldCharType='separate']"),
	    1);
	assert_int_equal(count(d, "//w:fldChar[@w:fldCharType='end']"), 1);
	/* Four headings of levels 1-2: four entries, already filled in. */
	assert_int_equal(count(d, "//w:p[w:pPr/w:pStyle[starts-with(@w:val,"
	    "'TOC')]]/w:hyperlink"), 4);
	assert_str(d, "//w:p[w:pPr/w:pStyle/@w:val='TOC1'][1]/w:hyperlink",
	    "一、第一主题");
	assert_str(d, "//w:p[w:pPr/w:pStyle/@w:val='TOC2'][2]",
	    "（二）指导思想。");
	/* Each entry's anchor is a bookmark around its heading. */
	a = xp(d, "//w:hyperlink/@w:anchor");
	assert_int_equal(a->nodesetval->nodeNr, 4);
	for (i = 0; i < a->nodesetval->nodeNr; i++) {
		xmlChar *name = xmlNodeGetContent(a->nodesetval->nodeTab[i]);

		buf_truncate(&q, 0);
		buf_printf(&q, "//w:p[starts-with(w:pPr/w:pStyle/@w:val, "
		    "'Heading')]/w:bookmarkStart[@w:name='%s']", (char *)name);
		assert_int_equal(count(d, q.ptr), 1);
		xmlFree(name);
	}
	xmlXPathFreeObject(a);
	assert_int_equal(count(d, "//w:bookmarkStart"),
	    count(d, "//w:bookmarkEnd"));
	xmlFreeDoc(d);
	d = xml(&p, "word/settings.xml");
	assert_int_equal(count(d, "//w:updateFields"), 0);
	xmlFreeDoc(d);
	assert_styles_defined(&p);
	tu_pkg_close(&p);
	buf_free(&q);
	doc_free(doc);
}

static void
test_deterministic(void **state)
{
	struct doc		*doc = tu_read(article, NULL);
	const struct doc	*docs[1] = { doc };
	struct render_opts	 o = tu_opts();
	size_t			 l1, l2;
	char			*a, *b;

	(void)state;
	tu_docx(&o)->toc = 1;
	a = render(docs, 1, &o, &l1);
	b = render(docs, 1, &o, &l2);
	assert_int_equal(l1, l2);
	assert_memory_equal(a, b, l1);
	free(a);
	free(b);
	/* The date inside comes from the options, never the clock. */
	o.timestamp = 0;
	a = render(docs, 1, &o, &l1);
	{
		struct tu_pkg p;
		xmlDocPtr d;

		tu_pkg_open(&p, a, l1);
		d = xml(&p, "docProps/core.xml");
		assert_str(d, "//dcterms:created", "2000-01-01T00:00:00Z");
		xmlFreeDoc(d);
		tu_pkg_close(&p);
	}
	doc_free(doc);
}

static void
test_combine(void **state)
{
	struct doc		*d1 = tu_read(article, NULL);
	struct doc		*d2 = tu_read("第二篇\n\n一、甲\n\n正文甲。\n\n"
	    "二、乙\n\n正文乙。\n", NULL);
	const struct doc	*docs[2] = { d1, d2 };
	struct render_opts	 o = tu_opts();
	struct tu_pkg		 p;
	xmlDocPtr		 d;
	size_t			 len;
	char			*s;

	(void)state;
	assert_non_null(d1);
	assert_non_null(d2);
	o.collection_title = "文集";
	s = render(docs, 2, &o, &len);
	tu_pkg_open(&p, s, len);
	assert_int_equal(xml_all(&p), 11);
	d = xml(&p, "word/document.xml");
	assert_str(d, "//w:body/w:p[1]/w:pPr/w:pStyle/@w:val", "Title");
	assert_str(d, "//w:body/w:p[1]", "文集");
	/* Article titles are heading 1, each on a new page. */
	assert_int_equal(count(d, "//w:p[w:pPr/w:pStyle/@w:val='Heading1']"),
	    2);
	assert_int_equal(count(d, "//w:p[w:pPr/w:pStyle/@w:val='Heading1']"
	    "[w:pPr/w:pageBreakBefore]"), 2);
	assert_str(d, "//w:p[w:pPr/w:pStyle/@w:val='Heading1'][2]", "第二篇");
	/* Their 一、 one level down. */
	assert_int_equal(count(d, "//w:p[w:pPr/w:pStyle/@w:val='Heading2']"),
	    4);
	/* A TOC over both, whatever opts->toc says. */
	assert_int_equal(count(d, "//w:p[w:pPr/w:pStyle/@w:val='TOC1']"), 2);
	assert_str(d, "//w:p[w:pPr/w:pStyle/@w:val='TOC1'][2]", "第二篇");
	assert_int_equal(count(d, "//w:p[w:pPr/w:pStyle/@w:val='TOC2']"), 4);
	assert_int_equal(count(d, "//w:hyperlink[@w:anchor]"),
	    count(d, "//w:bookmarkStart"));
	xmlFreeDoc(d);
	d = xml(&p, "word/styles.xml");
	assert_int_equal(count(d, "//w:style[@w:styleId='Heading7']"), 1);
	/* Article titles keep the title's look at outline level 1. */
	assert_str(d, "//w:style[@w:styleId='Heading1']//w:sz/@w:val", "44");
	assert_str(d, "//w:style[@w:styleId='Heading1']//w:outlineLvl/@w:val",
	    "0");
	assert_str(d, "//w:style[@w:styleId='Heading2']//w:rFonts/"
	    "@w:eastAsia", "黑体");
	xmlFreeDoc(d);
	d = xml(&p, "docProps/core.xml");
	assert_str(d, "//dc:title", "文集");
	xmlFreeDoc(d);
	assert_styles_defined(&p);
	tu_pkg_close(&p);
	doc_free(d1);
	doc_free(d2);
}

/* The head of an 800 x 600 PNG (served for any src but missing.png). */
static const unsigned char png1[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
	0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0x03, 0x20, 0, 0, 0x02, 0x58,
	8, 2, 0, 0, 0, 0x3C, 0x84, 0xA6, 0xC4,
	0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82
};

static int
load_png(void *ctx, const char *src, struct buf *out, const char **why)
{
	(void)ctx;
	if (strcmp(src, "missing.png") == 0) {
		*why = "No such file or directory";
		return -1;
	}
	buf_put(out, png1, sizeof(png1));
	return 0;
}

static struct node *
add(struct node *parent, enum node_type t)
{
	struct node	*n = node_new(t);

	assert_int_equal(node_append(parent, n), 0);
	return n;
}

static void
text(struct node *parent, const char *s)
{
	node_append_text(parent, s, strlen(s));
}

/* Every node type renders, into valid parts. */
static void
test_all_nodes(void **state)
{
	struct doc		*doc = doc_new();
	struct node		*n, *m, *list, *item, *row, *q;
	struct render_opts	 o = tu_opts();
	struct tu_pkg		 p;
	xmlDocPtr		 d;

	(void)state;
	doc_set_meta(doc, META_TITLE, "全部节点");
	doc_set_meta(doc, META_KICKER, "引题");
	doc_set_meta(doc, META_SUBTITLE, "——副标题");
	n = add(doc->root, NODE_PARAGRAPH);
	text(n, "普通");
	text(add(n, NODE_STRONG), "加粗");
	text(add(n, NODE_EMPH), "着重");
	m = add(n, NODE_STRONG);
	text(add(m, NODE_EMPH), "双重");
	add(n, NODE_LINEBREAK);
	m = add(n, NODE_LINK);
	m->as.link.url = xstrdup("https://example.org/");
	text(m, "网址");
	m = add(n, NODE_LINK);
	m->as.link.url = xstrdup("#anchor");
	text(m, "锚点");
	text(n, "\t制表");
	n = add(doc->root, NODE_HEADING);
	n->as.heading.level = 1;
	n->as.heading.label = xstrdup("第一章");
	text(n, "总则");
	n = add(doc->root, NODE_POINT_LIST);
	text(add(n, NODE_PARAGRAPH), "主要包括：");
	m = add(n, NODE_POINT);
	m->as.point.label = xstrdup("第一，");
	text(add(m, NODE_POINT_LEAD), "要点一。");
	text(m, "说明。");
	list = add(doc->root, NODE_LIST);
	list->as.list.ordered = 1;
	item = add(list, NODE_LIST_ITEM);
	text(item, "甲项");
	m = add(item, NODE_LIST);
	item = add(m, NODE_LIST_ITEM);
	item->as.item.label = xstrdup("（1）");
	text(item, "嵌套");
	item = add(list, NODE_LIST_ITEM);
	text(item, "乙项");
	q = add(doc->root, NODE_QUOTE);
	text(add(q, NODE_PARAGRAPH), "引文。");
	n = add(doc->root, NODE_TABLE);
	row = add(n, NODE_TABLE_ROW);
	row->as.row.header = 1;
	text(add(row, NODE_TABLE_CELL), "项目");
	text(add(row, NODE_TABLE_CELL), "数值");
	row = add(n, NODE_TABLE_ROW);
	text(add(row, NODE_TABLE_CELL), "甲");
	n = add(doc->root, NODE_TABLE);		/* right after a table */
	row = add(n, NODE_TABLE_ROW);
	text(add(row, NODE_TABLE_CELL), "乙");
	n = add(doc->root, NODE_FIGURE);
	n->as.figure.src = xstrdup("a.png");
	n->as.figure.alt = xstrdup("示意图");
	text(n, "图1 说明");
	n = add(doc->root, NODE_FIGURE);
	n->as.figure.src = xstrdup("a.png");
	n = add(doc->root, NODE_FIGURE);
	n->as.figure.src = xstrdup("missing.png");
	n->as.figure.alt = xstrdup("缺图");
	add(doc->root, NODE_RULE);
	assert_int_equal(doc_check(doc), 0);

	o.embed_images = 1;
	o.resources.load = load_png;
	render_pkg(doc, &o, &p);
	assert_int_equal(xml_all(&p), 11);
	assert_true(zip_name_locate(p.za, "word/media/image1.png", 0) >= 0);
	assert_true(zip_name_locate(p.za, "word/media/image2.png", 0) < 0);
	d = xml(&p, "word/document.xml");
	assert_str(d, "//w:body/w:p[1]/w:pPr/w:pStyle/@w:val", "Subtitle");
	assert_str(d, "//w:body/w:p[2]/w:pPr/w:pStyle/@w:val", "Title");
	assert_str(d, "//w:body/w:p[3]", "——副标题");
	assert_int_equal(count(d, "//w:body/w:p//w:r[w:rPr/w:rStyle/@w:val="
	    "'Strong']"), 2);
	assert_int_equal(count(d, "//w:r[w:rPr/w:rStyle/@w:val='Emphasis']"),
	    1);
	assert_int_equal(count(d, "//w:r[w:rPr/w:rStyle/@w:val='Strong']"
	    "[w:rPr/w:em/@w:val='dot']"), 1);
	assert_int_equal(count(d, "//w:br"), 1);
	assert_int_equal(count(d, "//w:tab"), 1);
	/* Links are HYPERLINK fields (python-docx reads their text). */
	assert_int_equal(count(d, "//w:instrText[contains(., 'HYPERLINK')]"),
	    1);
	assert_int_equal(count(d, "//w:p[contains(., '锚点')]"), 1);
	assert_str(d, "//w:p[w:pPr/w:pStyle/@w:val='Heading1']", "第一章　总则");
	assert_str(d, "//w:p[contains(., '主要包括')]",
	    "主要包括：第一，要点一。说明。");
	assert_str(d, "//w:p[w:pPr/w:pStyle/@w:val='ListParagraph'][1]",
	    "1.甲项");
	assert_str(d, "//w:p[w:pPr/w:pStyle/@w:val='ListParagraph'][2]",
	    "（1）嵌套");
	assert_str(d, "//w:p[w:pPr/w:pStyle/@w:val='ListParagraph'][2]/"
	    "w:pPr/w:ind/@w:leftChars", "200");
	assert_str(d, "//w:p[w:pPr/w:pStyle/@w:val='ListParagraph'][3]",
	    "2.乙项");
	assert_str(d, "//w:p[w:pPr/w:pStyle/@w:val='Quote']", "引文。");
	assert_int_equal(count(d, "//w:tbl"), 2);
	assert_int_equal(count(d, "//w:tbl[1]/w:tblGrid/w:gridCol"), 2);
	assert_int_equal(count(d, "//w:tbl[1]/w:tr[1]/w:trPr/w:tblHeader"), 1);
	/* A short row is padded to the grid. */
	assert_int_equal(count(d, "//w:tbl[1]/w:tr[2]/w:tc"), 2);
	assert_int_equal(count(d, "//w:tbl[1]/w:tr[1]//w:rStyle[@w:val="
	    "'Strong']"), 2);
	/* Tables apart, and never the last body element. */
	assert_int_equal(count(d, "//w:tbl[1]/following-sibling::*[1]"
	    "[self::w:p]"), 1);
	assert_int_equal(count(d, "//w:drawing"), 2);
	assert_str(d, "(//w:drawing)[1]//@descr", "示意图");
	assert_int_equal(count(d, "//a:blip[@r:embed]"), 2);
	assert_str(d, "//w:p[w:pPr/w:pStyle/@w:val='Caption'][1]",
	    "图1 说明");
	assert_str(d, "//w:p[w:pPr/w:pStyle/@w:val='Caption'][2]",
	    "［图：缺图］");
	assert_int_equal(count(d, "//w:p[w:pPr/w:pStyle/@w:val="
	    "'HorizontalRule']"), 1);
	xmlFreeDoc(d);
	d = xml(&p, "word/_rels/document.xml.rels");
	/* The link is a field, so no external relationship. */
	assert_int_equal(count(d, "//pr:Relationship[@TargetMode='External']"),
	    0);
	assert_int_equal(count(d, "//pr:Relationship[@Target="
	    "'media/image1.png']"), 1);
	xmlFreeDoc(d);
	d = xml(&p, "[Content_Types].xml");
	assert_int_equal(count(d, "//ct:Default[@Extension='png' and "
	    "@ContentType='image/png']"), 1);
	xmlFreeDoc(d);
	assert_styles_defined(&p);
	tu_pkg_close(&p);

	/* Without --images: the caption only, or the alt text. */
	o.embed_images = 0;
	render_pkg(doc, &o, &p);
	d = xml(&p, "word/document.xml");
	assert_int_equal(count(d, "//w:drawing"), 0);
	assert_int_equal(count(d, "//w:p[w:pPr/w:pStyle/@w:val='Caption']"),
	    2);
	xmlFreeDoc(d);
	assert_true(zip_name_locate(p.za, "word/media/image1.png", 0) < 0);
	tu_pkg_close(&p);
	doc_free(doc);
}

/* Adds a stored entry to a zip being built. */
static void
zadd(zip_t *za, const char *name, const char *s)
{
	zip_source_t	*src = zip_source_buffer(za, s, strlen(s), 0);

	assert_non_null(src);
	assert_true(zip_file_add(za, name, src, ZIP_FL_OVERWRITE) >= 0);
}

#define REF_STYLES	0x1	/* with styles.xml */
#define REF_PAGE	0x2	/* with a final sectPr */

/*
 * A reference document as a localized Word writes it: style ids "a",
 * "1", "Titre", a Letter page with other margins.
 */
static char *
make_reference(size_t *lenp, int what)
{
	zip_source_t	*src;
	zip_error_t	 err;
	zip_stat_t	 st;
	zip_t		*za;
	char		*out;

	zip_error_init(&err);
	assert_non_null(src = zip_source_buffer_create(NULL, 0, 0, &err));
	assert_non_null(za = zip_open_from_source(src, ZIP_TRUNCATE, &err));
	zip_source_keep(src);
	zadd(za, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types "
	    "xmlns=\"http://schemas.openxmlformats.org/package/2006/"
	    "content-types\"/>");
	zadd(za, "_rels/.rels", "<?xml version=\"1.0\"?><Relationships "
	    "xmlns=\"http://schemas.openxmlformats.org/package/2006/"
	    "relationships\"><Relationship Id=\"rId1\" Type=\"http://"
	    "schemas.openxmlformats.org/officeDocument/2006/relationships/"
	    "officeDocument\" Target=\"word/document.xml\"/>"
	    "</Relationships>");
	zadd(za, "word/document.xml", what & REF_PAGE ? "<?xml version=\"1.0\"?>"
	    "<w:document xmlns:w=\"" W_NS "\"><w:body><w:p/><w:sectPr>"
	    "<w:pgSz w:w=\"12240\" w:h=\"15840\"/><w:pgMar w:top=\"1000\" "
	    "w:right=\"1100\" w:bottom=\"1200\" w:left=\"1300\" "
	    "w:header=\"700\" w:footer=\"800\" w:gutter=\"0\"/><w:cols "
	    "w:space=\"720\"/><w:titlePg/></w:sectPr></w:body></w:document>" :
	    "<?xml version=\"1.0\"?><w:document xmlns:w=\"" W_NS "\">"
	    "<w:body><w:p/></w:body></w:document>");
	if (what & REF_STYLES) {
		zadd(za, "word/_rels/document.xml.rels", "<?xml version="
		    "\"1.0\"?><Relationships xmlns=\"http://schemas."
		    "openxmlformats.org/package/2006/relationships\">"
		    "<Relationship Id=\"rId9\" Type=\"http://schemas."
		    "openxmlformats.org/officeDocument/2006/relationships/"
		    "styles\" Target=\"styles.xml\"/></Relationships>");
		zadd(za, "word/styles.xml", "<?xml version=\"1.0\" "
		    "encoding=\"UTF-8\" standalone=\"yes\"?>"
		    "<w:styles xmlns:w=\"" W_NS "\">"
		    "<w:style w:type=\"paragraph\" w:default=\"1\" "
		    "w:styleId=\"a\"><w:name w:val=\"Normal\"/><w:rPr>"
		    "<w:sz w:val=\"30\"/></w:rPr></w:style>"
		    "<w:style w:type=\"paragraph\" w:styleId=\"1\">"
		    "<w:name w:val=\"heading 1\"/><w:basedOn w:val=\"a\"/>"
		    "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr>"
		    "<w:outlineLvl w:val=\"0\"/></w:pPr></w:style>"
		    "<w:style w:type=\"paragraph\" w:styleId=\"Titre\">"
		    "<w:name w:val=\"Title\"/><w:basedOn w:val=\"a\"/></w:style>"
		    "<w:style w:type=\"character\" w:styleId=\"Heading2\">"
		    "<w:name w:val=\"Odd Character Style\"/></w:style>"
		    "</w:styles>");
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_stat(src, &st), 0);
	assert_int_equal(zip_source_open(src), 0);
	out = xmalloc(st.size);
	assert_int_equal(zip_source_read(src, out, st.size),
	    (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&err);
	*lenp = st.size;
	return out;
}

static void
test_reference_doc(void **state)
{
	struct doc		*doc = tu_read(article, NULL);
	const struct doc	*docs[1] = { doc };
	struct render_opts	 o = tu_opts();
	struct buf		 b = BUF_INIT;
	struct diag		 dg;
	struct tu_pkg		 p;
	xmlDocPtr		 d;
	size_t			 len;
	char			*ref;

	(void)state;
	ref = make_reference(&len, REF_STYLES | REF_PAGE);
	tu_docx(&o)->reference_doc.ptr = ref;
	tu_docx(&o)->reference_doc.len = len;
	tu_docx(&o)->toc = 1;
	render_pkg(doc, &o, &p);
	assert_int_equal(xml_all(&p), 11);
	d = xml(&p, "word/document.xml");
	/* The user's ids, found by style name. */
	assert_str(d, "//w:body/w:p[1]/w:pPr/w:pStyle/@w:val", "Titre");
	assert_int_equal(count(d, "//w:pStyle[@w:val='1']"), 2);
	assert_int_equal(count(d, "//w:pStyle[@w:val='Normal']"), 0);
	assert_int_equal(count(d, "//w:pStyle[@w:val='a']"), 4);
	/* Heading2 is a character style there: ours is renamed. */
	assert_int_equal(count(d, "//w:pStyle[@w:val='Heading2']"), 0);
	assert_int_equal(count(d, "//w:pStyle[@w:val='Heading2Artconv1']"),
	    2);
	/* The user's page, without what needs parts we do not copy. */
	assert_str(d, "//w:sectPr/w:pgSz/@w:w", "12240");
	assert_str(d, "//w:sectPr/w:pgMar/@w:left", "1300");
	assert_int_equal(count(d, "//w:sectPr/w:titlePg"), 0);
	assert_int_equal(count(d, "//w:sectPr/w:footerReference"), 2);
	xmlFreeDoc(d);
	d = xml(&p, "word/styles.xml");
	assert_str(d, "//w:style[@w:styleId='a']//w:sz/@w:val", "30");
	assert_str(d, "//w:style[@w:styleId='Heading2Artconv1']/w:name/@w:val",
	    "heading 2");
	assert_str(d, "//w:style[@w:styleId='Heading2Artconv1']/w:basedOn/"
	    "@w:val", "a");
	/* No numbering.xml in the reference: the numbering goes. */
	assert_int_equal(count(d, "//w:numPr"), 0);
	assert_int_equal(count(d, "//w:style[@w:styleId='Metadata']"), 1);
	xmlFreeDoc(d);
	assert_true(zip_name_locate(p.za, "word/numbering.xml", 0) < 0);
	assert_styles_defined(&p);
	tu_pkg_close(&p);
	free(ref);

	/* No page in the reference: ours, without the character grid. */
	ref = make_reference(&len, REF_STYLES);
	tu_docx(&o)->reference_doc.ptr = ref;
	tu_docx(&o)->reference_doc.len = len;
	render_pkg(doc, &o, &p);
	d = xml(&p, "word/document.xml");
	assert_str(d, "//w:sectPr/w:pgMar/@w:top", "2098");
	assert_int_equal(count(d, "//w:sectPr/w:docGrid"), 0);
	xmlFreeDoc(d);
	tu_pkg_close(&p);
	free(ref);

	/* Not a zip, or a zip without styles: a clear error. */
	diag_init(&dg, 0);
	tu_docx(&o)->reference_doc.ptr = "not a zip";
	tu_docx(&o)->reference_doc.len = 9;
	assert_int_equal(writer_find("docx")->render(docs, 1, &o, &b, &dg),
	    -1);
	assert_true(tu_contains(diag_last_error(&dg), "not a DOCX"));
	diag_free(&dg);
	ref = make_reference(&len, REF_PAGE);
	diag_init(&dg, 0);
	tu_docx(&o)->reference_doc.ptr = ref;
	tu_docx(&o)->reference_doc.len = len;
	assert_int_equal(writer_find("docx")->render(docs, 1, &o, &b, &dg),
	    -1);
	assert_true(tu_contains(diag_last_error(&dg), "styles"));
	assert_int_equal(b.len, 0);
	diag_free(&dg);
	free(ref);
	buf_free(&b);
	doc_free(doc);
}

/* Traditional Chinese gets fonts that have its characters. */
static void
test_lang(void **state)
{
	struct doc		*doc = tu_read(article, NULL);
	struct render_opts	 o = tu_opts();
	struct tu_pkg		 p;
	xmlDocPtr		 d;

	(void)state;
	o.lang = "zh-TW";
	tu_docx(&o)->toc = 1;
	render_pkg(doc, &o, &p);
	d = xml(&p, "word/styles.xml");
	assert_str(d, "//w:docDefaults//w:lang/@w:eastAsia", "zh-TW");
	assert_str(d, "//w:docDefaults//w:rFonts/@w:eastAsia", "仿宋");
	xmlFreeDoc(d);
	d = xml(&p, "word/document.xml");
	assert_str(d, "//w:p[w:pPr/w:pStyle/@w:val='TOCHeading']", "目錄");
	xmlFreeDoc(d);
	tu_pkg_close(&p);
	doc_free(doc);
}

/* Image headers: type and size, or -1. */
static void
test_image_info(void **state)
{
	static const unsigned char gif[] = "GIF89a\x40\x01\xF0\x00";
	static const unsigned char jpeg[] = {
		0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 'J', 'F',
		0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x03
	};
	struct buf	 b = BUF_INIT;
	const char	*ext = NULL;
	int		 w = 0, h = 0;

	(void)state;
	buf_put(&b, png1, sizeof(png1));
	assert_int_equal(docx_image_info(&b, &ext, &w, &h), 0);
	assert_string_equal(ext, "png");
	assert_int_equal(w, 800);
	assert_int_equal(h, 600);
	buf_truncate(&b, 0);
	buf_put(&b, gif, sizeof(gif) - 1);
	assert_int_equal(docx_image_info(&b, &ext, &w, &h), 0);
	assert_string_equal(ext, "gif");
	assert_int_equal(w, 320);
	assert_int_equal(h, 240);
	buf_truncate(&b, 0);
	buf_put(&b, jpeg, sizeof(jpeg));
	assert_int_equal(docx_image_info(&b, &ext, &w, &h), 0);
	assert_string_equal(ext, "jpeg");
	assert_int_equal(w, 640);
	assert_int_equal(h, 480);
	/* Cut short before the frame header, or not an image. */
	buf_truncate(&b, 12);
	assert_int_equal(docx_image_info(&b, &ext, &w, &h), -1);
	buf_truncate(&b, 0);
	BUF_PUTSL(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
	assert_int_equal(docx_image_info(&b, &ext, &w, &h), -1);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registered),
		cmocka_unit_test(test_parts),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_styles),
		cmocka_unit_test(test_layouts),
		cmocka_unit_test(test_points_and_run_in),
		cmocka_unit_test(test_run_in_points),
		cmocka_unit_test(test_closing),
		cmocka_unit_test(test_toc),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_combine),
		cmocka_unit_test(test_all_nodes),
		cmocka_unit_test(test_reference_doc),
		cmocka_unit_test(test_lang),
		cmocka_unit_test(test_image_info),
	};

	return cmocka_run_group_tests_name("docx", tests, NULL, NULL);
}
