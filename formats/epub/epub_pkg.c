/*
 * The EPUB writer's fixed files and package files: stylesheet, container,
 * package document (OPF), navigation document and EPUB 2 NCX.  See
 * epub_int.h; formats/epub/epub.c decides what goes into the book.
 */
#include <stdio.h>
#include <string.h>

#include "tree/escape.h"
#include "epub_int.h"
#include "xhtml.h"

/*
 * Chinese book typography after clreq and ../shared/docs/typesetting.md
 * §3.3.  Font stacks are written out (no var(): some EPUB 2 readers lack
 * it) and end in a generic family.  Headings differ in size and weight,
 * not only in face, because Kobo may override every font-family.
 * Emphasis is shown with 着重号 dots where supported, bold elsewhere;
 * never italics.
 */
const char epub_css[] =
"@charset \"UTF-8\";\n"
"body {\n"
XHTML_CSS_SERIF
"  line-height: 1.75;\n"
XHTML_CSS_FLOW
"  font-weight: bold;\n"
"  font-size: 1em;\n"
"  line-height: 1.5;\n"
"  text-align: left;\n"
"  text-indent: 2em;\n"
"  margin: 1em 0 0.5em 0;\n"
"  page-break-after: avoid;\n"
"  break-after: avoid;\n"
"}\n"
/* 一、 themes: chapter titles. */
"h1.l1 {\n"
"  font-size: 1.3em;\n"
"  text-align: center;\n"
"  text-indent: 0;\n"
"  margin: 1.5em 0 1em 0;\n"
"}\n"
/* （一）: 楷体 in official documents. */
".l2 {\n"
XHTML_CSS_KAITI
"  font-size: 1.15em;\n"
"}\n"
/* 1. and deeper: 仿宋, then the body face. */
".l3 {\n"
XHTML_CSS_FANGSONG
"  font-size: 1.05em;\n"
"}\n"
".l4, .l5, .l6 {\n"
"  font-family: \"Songti SC\", \"STSong\", \"Noto Serif CJK SC\",\n"
"    \"Source Han Serif SC\", \"SimSun\", serif;\n"
"}\n"
/* A run-in heading keeps its level's face inside the paragraph. */
"span.rh { font-weight: bold; font-size: 1em; }\n"
"b.lead, strong { font-weight: bold; }\n"
"em {\n"
"  font-style: normal;\n"
"  font-weight: bold;\n"
"}\n"
XHTML_CSS_EMPHASIS
XHTML_CSS_CLOSING
"li { margin: 0; }\n"
/* Text after a nested list, inside its item: no paragraph indent. */
"li p { text-indent: 0; margin: 0; }\n"
/* A paragraph or item continued from the previous file (a long chapter
 * is cut into files of at most 256 KB): no new indent or marker. */
"p.cont { text-indent: 0; }\n"
"li.cont { list-style: none; }\n"
"table {\n"
"  border-collapse: collapse;\n"
"  margin: 0.8em auto;\n"
"  font-size: 0.9em;\n"
"  line-height: 1.5;\n"
"}\n"
"th, td {\n"
"  border: 1px solid #555;\n"
"  padding: 0.2em 0.4em;\n"
"  text-align: left;\n"
"  vertical-align: top;\n"
"}\n"
"th { font-weight: bold; }\n"
XHTML_CSS_FIGURE
"figcaption, p.caption {\n"
"  text-indent: 0;\n"
"  text-align: center;\n"
"  font-size: 0.9em;\n"
"}\n"
"hr {\n"
"  border: 0;\n"
"  border-top: 1px solid #777;\n"
"  width: 30%;\n"
"  margin: 1.5em auto;\n"
"}\n"
"a { color: #1a4d8c; }\n"
/* Traditional Chinese text: fonts with Traditional glyph forms. */
"body:lang(zh-TW), body:lang(zh-HK), body:lang(zh-MO),\n"
"body:lang(zh-Hant) {\n"
"  font-family: \"Songti TC\", \"Noto Serif CJK TC\",\n"
"    \"Source Han Serif TC\", \"Noto Serif TC\", \"PMingLiU\", \"MingLiU\",\n"
"    serif;\n"
"}\n"
"body:lang(zh-TW) h1, body:lang(zh-TW) h2,\n"
"body:lang(zh-TW) h3, body:lang(zh-TW) h4,\n"
"body:lang(zh-TW) h5, body:lang(zh-TW) h6,\n"
"body:lang(zh-HK) h1, body:lang(zh-HK) h2,\n"
"body:lang(zh-HK) h3, body:lang(zh-HK) h4,\n"
"body:lang(zh-HK) h5, body:lang(zh-HK) h6,\n"
"body:lang(zh-MO) h1, body:lang(zh-MO) h2,\n"
"body:lang(zh-MO) h3, body:lang(zh-MO) h4,\n"
"body:lang(zh-MO) h5, body:lang(zh-MO) h6,\n"
"body:lang(zh-Hant) h1, body:lang(zh-Hant) h2,\n"
"body:lang(zh-Hant) h3, body:lang(zh-Hant) h4,\n"
"body:lang(zh-Hant) h5, body:lang(zh-Hant) h6 {\n"
"  font-family: \"PingFang TC\", \"Heiti TC\", \"Noto Sans CJK TC\",\n"
"    \"Source Han Sans TC\", \"Microsoft JhengHei\", sans-serif;\n"
"}\n"
/* Title page. */
"section.titlepage, body.titlepage section { padding-top: 3em; }\n"
"h1.title {\n"
"  font-size: 1.6em;\n"
"  line-height: 1.4;\n"
"  text-align: center;\n"
"  text-indent: 0;\n"
"  margin: 2em 0 0.8em 0;\n"
"}\n"
XHTML_CSS_TITLE_PHRASE
"p.kicker, p.subtitle, p.meta, p.url { text-indent: 0; text-align: center; }\n"
"p.kicker { margin-top: 2em; }\n"
"p.subtitle { font-size: 1.1em; }\n"
"p.meta { font-size: 0.85em; margin-top: 2em; }\n"
"p.url { font-size: 0.75em; overflow-wrap: anywhere; }\n"
/* Cover. */
"body.cover section { text-align: center; }\n"
"body.cover img { max-width: 100%; max-height: 100vh; }\n"
/* Contents.  The landmarks list is for the reading system, not a page:
 * MuPDF ignores the hidden attribute, so the stylesheet hides it too. */
"[hidden], nav#landmarks { display: none; }\n"
"h1.toc-title { text-align: center; text-indent: 0; font-size: 1.3em; }\n"
"nav ol { list-style: none; margin: 0; padding-left: 1.5em; }\n"
"nav > ol { padding-left: 0; }\n"
"nav li { margin: 0.2em 0; }\n"
"nav a { color: inherit; text-decoration: none; }\n";

const char epub_container_xml[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<container version=\"1.0\" "
"xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
"<rootfiles>\n"
"<rootfile full-path=\"OEBPS/content.opf\" "
"media-type=\"application/oebps-package+xml\"/>\n"
"</rootfiles>\n"
"</container>\n";

/* Apple Books: use the stylesheet's fonts, not the reader's default. */
const char epub_apple_options[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<display_options>\n"
"<platform name=\"*\">\n"
"<option name=\"specified-fonts\">true</option>\n"
"</platform>\n"
"</display_options>\n";

/*
 * A well-formed BCP 47 tag as far as EPUBCheck looks: subtags of 1-8
 * letters or digits separated by hyphens, the first all letters.
 */
int
epub_lang_ok(const char *tag)
{
	size_t	 n = 0, i;
	int	 first = 1;

	for (i = 0; ; i++) {
		char c = tag[i];

		if (c == '-' || c == '\0') {
			if (n == 0 || n > 8)
				return 0;
			if (c == '\0')
				return 1;
			n = 0;
			first = 0;
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (!first && c >= '0' && c <= '9'))
			n++;
		else
			return 0;
	}
}

const char *
epub_image_ext(const char *type)
{
	if (strcmp(type, "image/jpeg") == 0)
		return "jpg";
	if (strcmp(type, "image/png") == 0)
		return "png";
	return "gif";
}

void
epub_xhtml_start(struct buf *b, const char *lang, const char *title,
    const char *bodyclass)
{
	BUF_PUTSL(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!DOCTYPE html>\n"
	    "<html xmlns=\"http://www.w3.org/1999/xhtml\" "
	    "xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"");
	xml_attr(b, lang);
	BUF_PUTSL(b, "\" xml:lang=\"");
	xml_attr(b, lang);
	BUF_PUTSL(b, "\">\n<head>\n<title>");
	xml_text(b, title);
	BUF_PUTSL(b, "</title>\n<link rel=\"stylesheet\" type=\"text/css\" "
	    "href=\"style.css\"/>\n</head>\n<body class=\"");
	xml_attr(b, bodyclass);
	BUF_PUTSL(b, "\">\n");
}

/* ------------------------------------------------------------ OPF */

/* Is docs[i]'s value for key the first of its kind among the docs? */
static int
first_of(const struct epub_book *bk, size_t i, enum meta_key key)
{
	const char	*v = bk->docs[i]->meta[key];
	size_t		 j;

	if (v == NULL || v[0] == '\0')
		return 0;
	for (j = 0; j < i; j++)
		if (bk->docs[j]->meta[key] != NULL &&
		    strcmp(bk->docs[j]->meta[key], v) == 0)
			return 0;
	return 1;
}

/* Writes <elem>value</elem> once for each distinct value of key. */
static void
dc_values(const struct epub_book *bk, struct buf *b, enum meta_key key,
    const char *elem)
{
	size_t	 i;

	for (i = 0; i < bk->ndocs; i++) {
		if (!first_of(bk, i, key))
			continue;
		buf_printf(b, "<dc:%s>", elem);
		xml_text(b, bk->docs[i]->meta[key]);
		buf_printf(b, "</dc:%s>\n", elem);
	}
}

/* Copies the YYYY-MM-DD a date starts with into out; 0 if it has none. */
static int
w3c_date(const char *d, char out[11])
{
	int	 i;

	if (d == NULL)
		return 0;
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? d[i] != '-' : d[i] < '0' || d[i] > '9')
			return 0;
	if (d[10] != '\0' && d[10] != ' ' && d[10] != 'T')
		return 0;
	if (memcmp(d + 5, "01", 2) < 0 || memcmp(d + 5, "12", 2) > 0 ||
	    memcmp(d + 8, "01", 2) < 0 || memcmp(d + 8, "31", 2) > 0)
		return 0;
	memcpy(out, d, 10);
	out[10] = '\0';
	return 1;
}

static void
opf_metadata(const struct epub_book *bk, struct buf *b)
{
	const struct doc	*d0 = bk->docs[0];
	char			 date[11];
	size_t			 i, n = 0;

	BUF_PUTSL(b, "<metadata "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
	buf_printf(b, "<dc:identifier id=\"pub-id\">urn:uuid:%s"
	    "</dc:identifier>\n", bk->uuid);
	BUF_PUTSL(b, "<dc:title id=\"title\">");
	xml_text(b, bk->title);
	BUF_PUTSL(b, "</dc:title>\n"
	    "<meta refines=\"#title\" property=\"title-type\">main</meta>\n");
	if (bk->ndocs == 1 && d0->meta[META_SUBTITLE] != NULL &&
	    d0->meta[META_SUBTITLE][0] != '\0') {
		BUF_PUTSL(b, "<dc:title id=\"subtitle\">");
		xml_text(b, d0->meta[META_SUBTITLE]);
		BUF_PUTSL(b, "</dc:title>\n<meta refines=\"#subtitle\" "
		    "property=\"title-type\">subtitle</meta>\n");
	}
	BUF_PUTSL(b, "<dc:language>");
	xml_text(b, bk->lang);
	BUF_PUTSL(b, "</dc:language>\n");
	for (i = 0; i < bk->ndocs; i++) {
		if (!first_of(bk, i, META_AUTHOR))
			continue;
		buf_printf(b, "<dc:creator id=\"creator%zu\">", ++n);
		xml_text(b, bk->docs[i]->meta[META_AUTHOR]);
		buf_printf(b, "</dc:creator>\n<meta refines=\"#creator%zu\" "
		    "property=\"role\" scheme=\"marc:relators\">aut</meta>\n",
		    n);
	}
	dc_values(bk, b, META_PUBLISHER, "publisher");
	dc_values(bk, b, META_SOURCE, "source");
	dc_values(bk, b, META_URL, "source");
	for (i = 0; i < bk->ndocs; i++)
		if (w3c_date(bk->docs[i]->meta[META_DATE], date)) {
			buf_printf(b, "<dc:date>%s</dc:date>\n", date);
			break;
		}
	buf_printf(b, "<meta property=\"dcterms:modified\">%s</meta>\n",
	    bk->modified);
	/* EPUB Accessibility 1.1 discovery metadata (DAISY Ace checks it). */
	BUF_PUTSL(b,
	    "<meta property=\"schema:accessMode\">textual</meta>\n"
	    "<meta property=\"schema:accessMode\">visual</meta>\n"
	    "<meta property=\"schema:accessModeSufficient\">textual</meta>\n"
	    "<meta property=\"schema:accessibilityFeature\">"
	    "structuralNavigation</meta>\n"
	    "<meta property=\"schema:accessibilityFeature\">"
	    "tableOfContents</meta>\n"
	    "<meta property=\"schema:accessibilityFeature\">"
	    "readingOrder</meta>\n"
	    "<meta property=\"schema:accessibilityFeature\">"
	    "alternativeText</meta>\n"
	    "<meta property=\"schema:accessibilityHazard\">none</meta>\n"
	    "<meta property=\"schema:accessibilitySummary\">"
	    "本书全部内容为文字，标题分级，目录可跳转到各章、各小标题和各要点，"
	    "阅读顺序与原文一致；封面和插图附有替代文字。</meta>\n"
	    "<meta name=\"cover\" content=\"cover-image\"/>\n"
	    "</metadata>\n");
}

void
epub_opf(const struct epub_book *bk, struct buf *b)
{
	const struct epub_part	*p;
	size_t			 i;

	BUF_PUTSL(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
	    "unique-identifier=\"pub-id\" xml:lang=\"");
	xml_attr(b, bk->lang);
	BUF_PUTSL(b, "\">\n");
	opf_metadata(bk, b);
	BUF_PUTSL(b, "<manifest>\n"
	    "<item id=\"ncx\" href=\"toc.ncx\" "
	    "media-type=\"application/x-dtbncx+xml\"/>\n"
	    "<item id=\"css\" href=\"style.css\" media-type=\"text/css\"/>\n"
	    "<item id=\"cover-image\" href=\"");
	xml_attr(b, bk->cover_name);
	BUF_PUTSL(b, "\" media-type=\"");
	xml_attr(b, bk->cover_type);
	BUF_PUTSL(b, "\" properties=\"cover-image\"/>\n");
	for (i = 0; i < bk->nparts; i++) {
		p = &bk->parts[i];
		buf_printf(b, "<item id=\"%s\" href=\"%s\" "
		    "media-type=\"application/xhtml+xml\"", p->id, p->name);
		if (p->props != NULL)
			buf_printf(b, " properties=\"%s\"", p->props);
		BUF_PUTSL(b, "/>\n");
	}
	for (i = 0; i < bk->nimages; i++)
		buf_printf(b, "<item id=\"img%03zu\" href=\"%s\" "
		    "media-type=\"%s\"/>\n", i + 1, bk->images[i].name,
		    bk->images[i].type);
	BUF_PUTSL(b, "</manifest>\n<spine toc=\"ncx\"");
	if (bk->vertical)	/* vertical Chinese turns pages leftwards */
		BUF_PUTSL(b, " page-progression-direction=\"rtl\"");
	BUF_PUTSL(b, ">\n");
	for (i = 0; i < bk->nparts; i++)
		buf_printf(b, "<itemref idref=\"%s\"/>\n", bk->parts[i].id);
	/* EPUB 2 readers find the cover and the text through the guide. */
	BUF_PUTSL(b, "</spine>\n<guide>\n"
	    "<reference type=\"cover\" title=\"封面\" href=\"cover.xhtml\"/>\n"
	    "<reference type=\"toc\" title=\"目录\" href=\"nav.xhtml\"/>\n");
	if (bk->body < bk->nparts)
		buf_printf(b, "<reference type=\"text\" title=\"正文\" "
		    "href=\"%s\"/>\n", bk->parts[bk->body].name);
	BUF_PUTSL(b, "</guide>\n</package>\n");
}

/* ------------------------------------------------------------ nav, NCX */

void
epub_nav(const struct epub_book *bk, struct buf *b)
{
	const struct epub_tocent	*t;
	size_t				 i;
	int				 prev = 0;

	epub_xhtml_start(b, bk->lang, "目录", "nav");
	BUF_PUTSL(b, "<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\">\n"
	    "<h1 class=\"toc-title\">目录</h1>\n");
	for (i = 0; i < bk->ntoc; i++) {
		t = &bk->toc[i];
		xhtml_toc_item(b, &prev, t->depth, t->href, t->label);
	}
	xhtml_toc_end(b, prev);
	BUF_PUTSL(b, "</nav>\n"
	    "<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"\">\n"
	    "<h2>导览</h2>\n<ol>\n"
	    "<li><a epub:type=\"cover\" href=\"cover.xhtml\">封面</a></li>\n");
	for (i = 0; i < bk->nparts; i++)
		if (strcmp(bk->parts[i].name, "title.xhtml") == 0)
			BUF_PUTSL(b, "<li><a epub:type=\"titlepage\" "
			    "href=\"title.xhtml\">书名页</a></li>\n");
	BUF_PUTSL(b, "<li><a epub:type=\"toc\" href=\"nav.xhtml#toc\">目录</a>"
	    "</li>\n");
	if (bk->body < bk->nparts)
		buf_printf(b, "<li><a epub:type=\"bodymatter\" href=\"%s\">"
		    "正文</a></li>\n", bk->parts[bk->body].name);
	BUF_PUTSL(b, "</ol>\n</nav>\n</body>\n</html>\n");
}

void
epub_ncx(const struct epub_book *bk, struct buf *b)
{
	const struct epub_tocent	*t;
	size_t				 i;
	int				 prev = 0, d, depth = 1;

	for (i = 0; i < bk->ntoc; i++)
		if (bk->toc[i].depth > depth)
			depth = bk->toc[i].depth;
	BUF_PUTSL(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" "
	    "version=\"2005-1\" xml:lang=\"");
	xml_attr(b, bk->lang);
	buf_printf(b, "\">\n<head>\n"
	    "<meta name=\"dtb:uid\" content=\"urn:uuid:%s\"/>\n"
	    "<meta name=\"dtb:depth\" content=\"%d\"/>\n"
	    "<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n"
	    "<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n"
	    "</head>\n<docTitle><text>", bk->uuid, depth);
	xml_text(b, bk->title);
	BUF_PUTSL(b, "</text></docTitle>\n<navMap>\n");
	for (i = 0; i < bk->ntoc; i++) {
		t = &bk->toc[i];
		for (d = prev; d >= t->depth; d--)
			BUF_PUTSL(b, "</navPoint>\n");
		buf_printf(b, "<navPoint id=\"np%zu\" playOrder=\"%zu\">"
		    "<navLabel><text>", i + 1, i + 1);
		xml_text(b, t->label);
		BUF_PUTSL(b, "</text></navLabel><content src=\"");
		xml_attr(b, t->href);
		BUF_PUTSL(b, "\"/>\n");
		prev = t->depth;
	}
	for (d = prev; d >= 1; d--)
		BUF_PUTSL(b, "</navPoint>\n");
	BUF_PUTSL(b, "</navMap>\n</ncx>\n");
}
