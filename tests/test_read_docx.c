/*
 * Unit tests: the DOCX reader (src/read_docx*.c): number formats and
 * counters, styles, runs, fields, tracked changes, text boxes, tables,
 * notes, the head, core properties, and refusals.  Packages are built in
 * memory with zipout from a body, styles and numbering given as text.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/zipout.h"
#include "read/docx/read_docx_int.h"
#include "testutil.h"

#define W "xmlns:w=\"" DX_NS_W "\""
#define RB "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

struct pkg {
	const char	*body;		/* inside <w:body> */
	const char	*styles;	/* inside <w:styles>, or NULL */
	const char	*numbering;	/* inside <w:numbering>, or NULL */
	const char	*footnotes;	/* inside <w:footnotes>, or NULL */
	const char	*core;		/* inside cp:coreProperties, or NULL */
	const char	*prolog;	/* before document.xml's root, or NULL */
};

static void
add(struct zipout *z, const char *name, const char *a, const char *b,
    const char *c)
{
	struct buf	 x = BUF_INIT;

	buf_puts(&x, a);
	buf_puts(&x, b);
	buf_puts(&x, c);
	assert_int_equal(zipout_add(z, name, x.ptr, x.len, ZIPOUT_STORE), 0);
	buf_free(&x);
}

static void
build(const struct pkg *p, struct buf *out)
{
	struct diag	 d;
	struct zipout	*z;

	diag_init(&d, 0);
	z = zipout_new(0, &d);
	assert_non_null(z);
	add(z, "[Content_Types].xml", "<Types xmlns=\"http://schemas."
	    "openxmlformats.org/package/2006/content-types\"/>", "", "");
	add(z, "_rels/.rels", "<Relationships xmlns=\"http://schemas."
	    "openxmlformats.org/package/2006/relationships\"><Relationship "
	    "Id=\"r1\" Type=\"" RB "officeDocument\" Target=\"word/document.xml"
	    "\"/><Relationship Id=\"r2\" Type=\"http://schemas.openxmlformats."
	    "org/package/2006/relationships/metadata/core-properties\" "
	    "Target=\"docProps/core.xml\"/></Relationships>", "", "");
	add(z, "word/_rels/document.xml.rels", "<Relationships xmlns=\"http://"
	    "schemas.openxmlformats.org/package/2006/relationships\">"
	    "<Relationship Id=\"s\" Type=\"" RB "styles\" Target=\"styles.xml\"/>"
	    "<Relationship Id=\"n\" Type=\"" RB "numbering\" "
	    "Target=\"numbering.xml\"/><Relationship Id=\"f\" Type=\"" RB
	    "footnotes\" Target=\"footnotes.xml\"/><Relationship Id=\"h\" "
	    "Type=\"" RB "hyperlink\" Target=\"https://www.gov.cn/\" "
	    "TargetMode=\"External\"/></Relationships>", "", "");
	{
		struct buf d2 = BUF_INIT;

		if (p->prolog != NULL)
			buf_puts(&d2, p->prolog);
		buf_puts(&d2, "<w:document " W " xmlns:mc=\"http://schemas."
		    "openxmlformats.org/markup-compatibility/2006\" xmlns:r=\""
		    DX_NS_R "\"><w:body>");
		add(z, "word/document.xml", d2.ptr, p->body,
		    "</w:body></w:document>");
		buf_free(&d2);
	}
	if (p->styles != NULL)
		add(z, "word/styles.xml", "<w:styles " W ">", p->styles,
		    "</w:styles>");
	if (p->numbering != NULL)
		add(z, "word/numbering.xml", "<w:numbering " W ">",
		    p->numbering, "</w:numbering>");
	if (p->footnotes != NULL)
		add(z, "word/footnotes.xml", "<w:footnotes " W ">",
		    p->footnotes, "</w:footnotes>");
	if (p->core != NULL)
		add(z, "docProps/core.xml", "<cp:coreProperties xmlns:cp=\"http:"
		    "//schemas.openxmlformats.org/package/2006/metadata/core-"
		    "properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
		    "xmlns:dcterms=\"http://purl.org/dc/terms/\">", p->core,
		    "</cp:coreProperties>");
	assert_int_equal(zipout_finish(z, out), 0);
	zipout_free(z);
	diag_free(&d);
}

/* Reads bytes with the docx reader; NULL and the error in *why. */
static struct doc *
read_bytes(const char *data, size_t len, char *why, size_t whylen)
{
	struct pipeline_opts	 po;
	struct diag		 d;
	struct doc		*doc = NULL;

	memset(&po, 0, sizeof(po));
	po.read.max_depth = 128;
	po.reader = reader_find("docx");
	diag_init(&d, 0);
	if (pipeline_read(data, len, &po, &doc, &d) != 0) {
		doc = NULL;
		if (why != NULL)
			snprintf(why, whylen, "%s", diag_last_error(&d));
	} else
		assert_int_equal(doc_check(doc), 0);
	diag_free(&d);
	return doc;
}

static struct doc *
read_pkg(const struct pkg *p)
{
	struct buf	 b = BUF_INIT;
	struct doc	*doc;

	build(p, &b);
	doc = read_bytes(b.ptr, b.len, NULL, 0);
	buf_free(&b);
	assert_non_null(doc);
	return doc;
}

static char *
json_of(const struct doc *doc)
{
	struct render_opts	 o = tu_opts();

	return tu_render(doc, "json", &o, NULL);
}

static char *
md_of(const struct doc *doc)
{
	struct render_opts	 o = tu_opts();

	return tu_render(doc, "md", &o, NULL);
}

#define P(text) "<w:p><w:r><w:t>" text "</w:t></w:r></w:p>"
#define PS(style, text) "<w:p><w:pPr><w:pStyle w:val=\"" style "\"/></w:pPr>" \
	"<w:r><w:t>" text "</w:t></w:r></w:p>"
#define PN(num, lvl, text) "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" lvl \
	"\"/><w:numId w:val=\"" num "\"/></w:numPr></w:pPr><w:r><w:t>" text \
	"</w:t></w:r></w:p>"

/* --- number formats ------------------------------------------------------ */

static void
fmt_is(const char *fmt, long n, const char *want)
{
	struct buf	 b = BUF_INIT;

	dx_format_number(fmt, n, &b);
	assert_string_equal(b.ptr, want);
	buf_free(&b);
}

static void
test_number_formats(void **state)
{
	(void)state;
	fmt_is("chineseCounting", 1, "一");
	fmt_is("chineseCounting", 10, "十");
	fmt_is("chineseCounting", 11, "十一");
	fmt_is("chineseCounting", 20, "二十");
	fmt_is("chineseCounting", 99, "九十九");
	fmt_is("chineseCountingThousand", 101, "一百零一");
	fmt_is("chineseCountingThousand", 110, "一百一十");
	fmt_is("chineseCountingThousand", 1001, "一千零一");
	fmt_is("chineseLegalSimplified", 11, "壹拾壹");
	fmt_is("ideographDigital", 10, "一〇");
	fmt_is("ideographTraditional", 3, "丙");
	fmt_is("ideographZodiac", 12, "亥");
	fmt_is("decimalEnclosedCircle", 1, "①");
	fmt_is("decimalEnclosedCircleChinese", 25, "㉕");
	fmt_is("decimalEnclosedCircle", 51, "51");
	fmt_is("decimalEnclosedParen", 2, "⑵");
	fmt_is("decimalFullWidth", 12, "１２");
	fmt_is("upperRoman", 14, "XIV");
	fmt_is("lowerRoman", 9, "ix");
	fmt_is("upperLetter", 27, "AA");
	fmt_is("lowerLetter", 2, "b");
	fmt_is("decimalZero", 5, "05");
	fmt_is("decimal", 12, "12");
	fmt_is("none", 3, "");
	fmt_is("somethingNew", 7, "7");
}

/* --- numbering ------------------------------------------------------------ */

static const char numbering[] =
"<w:abstractNum w:abstractNumId=\"0\">"
"<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
"<w:lvlText w:val=\"%1、\"/><w:pStyle w:val=\"H1\"/></w:lvl>"
"<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
"<w:lvlText w:val=\"（%2）\"/><w:suff w:val=\"nothing\"/></w:lvl>"
"<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
"<w:lvlText w:val=\"%1.%3\"/><w:isLgl/></w:lvl></w:abstractNum>"
"<w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
"<w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"•\"/></w:lvl></w:abstractNum>"
"<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
"<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/></w:num>"
"<w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\">"
"<w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
"<w:num w:numId=\"4\"><w:abstractNumId w:val=\"1\"/></w:num>";

static const char styles[] =
"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"N\"><w:name w:val=\"Normal\"/></w:style>"
"<w:style w:type=\"paragraph\" w:styleId=\"H1\"><w:name w:val=\"标题 1\"/>"
"<w:basedOn w:val=\"N\"/><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>"
"<w:style w:type=\"paragraph\" w:styleId=\"2\"><w:name w:val=\"heading 2\"/></w:style>"
"<w:style w:type=\"paragraph\" w:styleId=\"Lvl\"><w:name w:val=\"某样式\"/>"
"<w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style>"
"<w:style w:type=\"paragraph\" w:styleId=\"Body\"><w:name w:val=\"正文\"/>"
"<w:basedOn w:val=\"H1\"/><w:pPr><w:numPr><w:numId w:val=\"0\"/></w:numPr>"
"<w:outlineLvl w:val=\"9\"/></w:pPr></w:style>"
"<w:style w:type=\"paragraph\" w:styleId=\"T\"><w:name w:val=\"Title\"/></w:style>"
"<w:style w:type=\"paragraph\" w:styleId=\"TOC1\"><w:name w:val=\"toc 1\"/></w:style>"
"<w:style w:type=\"character\" w:styleId=\"B\"><w:name w:val=\"Strong\"/>"
"<w:rPr><w:b/></w:rPr></w:style>";

static void
test_numbered_headings(void **state)
{
	struct pkg	 p = { 0 };
	struct doc	*doc;
	char		*j;

	(void)state;
	p.styles = styles;
	p.numbering = numbering;
	p.body = PS("T", "通知") PS("H1", "总则") PN("1", "1", "目的")
	    PN("1", "1", "范围") PS("H1", "要求") PN("1", "1", "组织")
	    PN("1", "2", "分工") PS("Body", "正文不是标题也没有编号。");
	doc = read_pkg(&p);
	assert_string_equal(doc->meta[META_TITLE], "通知");
	j = json_of(doc);
	assert_true(tu_contains(j, "\"level\":1,\"label\":\"一、\",\"text\":\"总则\""));
	assert_true(tu_contains(j, "\"level\":1,\"label\":\"二、\",\"text\":\"要求\""));
	/* Level 2 restarts under each level 1; isLgl: Arabic. */
	assert_true(tu_contains(j, "\"label\":\"（二）\",\"text\":\"范围\""));
	assert_true(tu_contains(j, "\"label\":\"（一）\",\"text\":\"组织\""));
	/* "2.1 分工": a clause number (GB/T 1.1), kept as the label. */
	assert_true(tu_contains(j, "\"label\":\"2.1\",\"text\":\"分工\""));
	assert_true(tu_contains(j, "\"type\":\"paragraph\",\"line\":8,"));
	assert_false(tu_contains(j, "三、"));
	free(j);
	doc_free(doc);
}

static void
test_counters_shared_and_restarted(void **state)
{
	struct pkg	 p = { 0 };
	struct doc	*doc;
	char		*m;

	(void)state;
	p.styles = styles;
	p.numbering = numbering;
	/* numIds 1 and 2 share an abstract: one count; 3 restarts it. */
	p.body = P("标题") PN("1", "0", "甲") PN("2", "0", "乙")
	    PN("1", "0", "丙") PN("3", "0", "丁") PN("2", "0", "戊")
	    PN("4", "0", "圆点一") PN("4", "0", "圆点二");
	doc = read_pkg(&p);
	m = md_of(doc);
	assert_true(tu_contains(m, "一、甲"));
	assert_true(tu_contains(m, "二、乙"));
	assert_true(tu_contains(m, "三、丙"));
	assert_true(tu_contains(m, "一、丁"));
	assert_true(tu_contains(m, "二、戊"));
	assert_true(tu_contains(m, "- 圆点一\n- 圆点二"));
	free(m);
	doc_free(doc);
}

/*
 * pandoc gives each list a num restarting all levels: a list nested in
 * item 2 must not restart the outer count (item 3 stays 三、).
 */
static const char numbering_restart[] =
"<w:abstractNum w:abstractNumId=\"0\">"
"<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
"<w:lvlText w:val=\"%1、\"/></w:lvl>"
"<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
"<w:lvlText w:val=\"（%2）\"/><w:suff w:val=\"nothing\"/></w:lvl></w:abstractNum>"
"<w:num w:numId=\"5\"><w:abstractNumId w:val=\"0\"/>"
"<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride>"
"<w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
"<w:num w:numId=\"6\"><w:abstractNumId w:val=\"0\"/>"
"<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride>"
"<w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>";

static void
test_restart_where_first_used(void **state)
{
	struct pkg	 p = { 0 };
	struct doc	*doc;
	char		*m;

	(void)state;
	p.styles = styles;
	p.numbering = numbering_restart;
	p.body = P("标题") PN("5", "0", "甲") PN("5", "0", "乙")
	    PN("6", "1", "子") PN("6", "1", "丑") PN("5", "0", "丙");
	doc = read_pkg(&p);
	m = md_of(doc);
	assert_true(tu_contains(m, "二、乙"));
	assert_true(tu_contains(m, "（一）子"));
	assert_true(tu_contains(m, "（二）丑"));
	assert_true(tu_contains(m, "三、丙"));
	free(m);
	doc_free(doc);
}

/* --- list paragraphs ------------------------------------------------------ */

static const char styles_list[] =
"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"N\"><w:name w:val=\"Normal\"/></w:style>"
"<w:style w:type=\"paragraph\" w:styleId=\"LP\"><w:name w:val=\"List Paragraph\"/></w:style>";

#define LP(ind, text) "<w:p><w:pPr><w:pStyle w:val=\"LP\"/>" ind "</w:pPr>" \
	"<w:r><w:t>" text "</w:t></w:r></w:p>"
#define IND "<w:ind w:leftChars=\"200\" w:left=\"640\"/>"

/*
 * artconv's writer: List Paragraph, the label typed, nesting by indent,
 * the text after a nested list at the nested indent without a label.
 */
static void
test_list_paragraphs(void **state)
{
	struct pkg	 p = { 0 };
	struct doc	*doc;
	char		*m, *j;

	(void)state;
	p.styles = styles_list;
	p.body = P("清单") P("市民政局日前公布社区服务清单，共分三类事项。")
	    LP("", "1.便民服务事项：") LP(IND, "・老年人助餐；")
	    LP(IND, "・托育服务；") LP(IND, "以上事项由社区统一受理。")
	    LP("", "2.志愿服务事项，由各社区自行安排。")
	    P("清单将根据群众需求动态调整。");
	doc = read_pkg(&p);
	m = md_of(doc);
	j = json_of(doc);
	assert_false(tu_contains(j, "\"heading\""));
	assert_true(tu_contains(m, "- 1\\.便民服务事项：\n  - 老年人助餐；\n"
	    "  - 托育服务；\n\n  以上事项由社区统一受理。\n"
	    "- 2\\.志愿服务事项，由各社区自行安排。\n"));
	assert_true(tu_contains(j, "\"label\":\"2.\""));
	free(m);
	free(j);
	doc_free(doc);
}

/* --- styles, runs, fields ----------------------------------------------- */

static void
test_styles_and_runs(void **state)
{
	struct pkg	 p = { 0 };
	struct doc	*doc;
	char		*m, *j;

	(void)state;
	p.styles = styles;
	p.body = P("标题行") PS("2", "二级标题") PS("Lvl", "大纲级别标题")
	    "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>粗体</w:t></w:r>"
	    "<w:r><w:rPr><w:rStyle w:val=\"B\"/></w:rPr><w:t>样式粗体</w:t></w:r>"
	    "<w:r><w:rPr><w:b w:val=\"0\"/></w:rPr><w:t>不粗</w:t></w:r>"
	    "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
	    "<w:del><w:r><w:delText>删除</w:delText></w:r></w:del>"
	    "<w:ins><w:r><w:t>插入</w:t></w:r></w:ins>"
	    "<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r>"
	    "<w:r><w:rPr><w:em w:val=\"dot\"/></w:rPr><w:t>着重</w:t></w:r></w:p>"
	    "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>"
	    "<w:instrText> HYPERLINK \"https://example.org/a\" </w:instrText></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>域结果"
	    "</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
	    "<w:hyperlink r:id=\"h\"><w:r><w:t>政府网</w:t></w:r></w:hyperlink>"
	    "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>7</w:t></w:r></w:fldSimple>"
	    "</w:p>"
	    PS("TOC1", "目录项不读") P("结尾。");
	doc = read_pkg(&p);
	m = md_of(doc);
	j = json_of(doc);
	assert_true(tu_contains(j, "\"type\":\"heading\",\"line\":2,"));
	assert_true(tu_contains(j, "\"text\":\"大纲级别标题\""));
	assert_true(tu_contains(m, "**粗体样式粗体**不粗插入甲 乙\\\n丙"));
	assert_true(tu_contains(m, "*着重*"));
	assert_false(tu_contains(m, "隐藏"));
	assert_false(tu_contains(m, "删除"));
	assert_false(tu_contains(m, "HYPERLINK"));
	assert_true(tu_contains(m, "[域结果](<https://example.org/a>)"));
	assert_true(tu_contains(m, "[政府网](<https://www.gov.cn/>)"));
	assert_true(tu_contains(m, "政府网](<https://www.gov.cn/>)7"));
	assert_false(tu_contains(m, "目录项不读"));
	free(m);
	free(j);
	doc_free(doc);
}

/*
 * A title over two short lines that open the document, then the metadata
 * line: one title, as the text reader reads the same lines; a navigation
 * line above a title is no part of it.
 */
static void
test_two_line_title(void **state)
{
	struct pkg	 p = { 0 };
	struct doc	*doc;

	(void)state;
	p.body = P("品牌丝路行（南美站）正式启动") P("成功举办双向经贸投资推介会")
	    P("2019-09-18 06:23　来源：山西日报") P("正文第一段。") P("正文第二段。");
	doc = read_pkg(&p);
	assert_string_equal(doc->meta[META_TITLE],
	    "品牌丝路行（南美站）正式启动 成功举办双向经贸投资推介会");
	doc_free(doc);
	p.body = P("首页 > 新闻中心 > 要闻") P("成功举办双向经贸投资推介会")
	    P("2019-09-18 06:23　来源：山西日报") P("正文第一段。") P("正文第二段。");
	doc = read_pkg(&p);
	assert_string_equal(doc->meta[META_TITLE], "成功举办双向经贸投资推介会");
	doc_free(doc);
}

/*
 * A short notice whose closing (sender over date) falls within the
 * paragraphs searched for a page's head: text stands above them, so they
 * are no title over a metadata line, and nothing above is chrome.
 */
static void
test_closing_is_no_head(void **state)
{
	struct pkg	 p = { 0 };
	struct doc	*doc;
	char		*s;

	(void)state;
	p.body = P("关于做好农田水利建设工作的通知") P("各乡镇人民政府：")
	    P("为切实做好农田水利建设工作，现将有关事项通知如下。")
	    P("一、明确目标任务") P("各乡镇要倒排工期，确保明年三月底前完工。")
	    P("区农业农村局") P("2026年11月20日");
	doc = read_pkg(&p);
	assert_string_equal(doc->meta[META_TITLE],
	    "关于做好农田水利建设工作的通知");
	assert_null(doc->meta[META_DATE]);
	s = json_of(doc);
	assert_non_null(strstr(s, "现将有关事项通知如下"));
	assert_non_null(strstr(s, "\"role\":\"date\""));
	free(s);
	doc_free(doc);
}

static void
test_textboxes_tables_sdt(void **state)
{
	struct pkg	 p = { 0 };
	struct doc	*doc;
	char		*m;

	(void)state;
	p.body = P("标题") P("正文开头。")
	    "<w:p><w:r><w:t>锚点段落。</w:t></w:r><w:r><mc:AlternateContent>"
	    "<mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>"
	    P("文本框里的字。") "</w:txbxContent></w:drawing></mc:Choice>"
	    "<mc:Fallback><w:pict><w:txbxContent>" P("文本框里的字。")
	    "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent>"
	    "</w:r></w:p>"
	    "<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc>" P("表头一")
	    "</w:tc><w:tc>" P("表头二") "</w:tc></w:tr><w:tr><w:tc>"
	    "<w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>" P("跨列") P("第二段")
	    "</w:tc></w:tr></w:tbl>"
	    "<w:tbl><w:tr><w:tc>" P("框中第一段。") P("框中第二段。")
	    "</w:tc></w:tr></w:tbl>"
	    "<w:sdt><w:sdtPr><w:alias w:val=\"x\"/></w:sdtPr><w:sdtContent>"
	    P("控件内容。") "</w:sdtContent></w:sdt>"
	    "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
	    P("单击此处输入文字。") "</w:sdtContent></w:sdt>";
	doc = read_pkg(&p);
	m = md_of(doc);
	assert_true(tu_contains(m, "锚点段落。\n\n文本框里的字。"));
	assert_false(tu_contains(strstr(m, "文本框里的字。") + 1,
	    "文本框里的字。"));
	assert_true(tu_contains(m, "| 表头一 | 表头二 |"));
	assert_true(tu_contains(m, "| 跨列<br>第二段 | |") ||
	    tu_contains(m, "| 跨列 第二段 | |") ||
	    tu_contains(m, "跨列"));
	assert_true(tu_contains(m, "框中第一段。\n\n框中第二段。"));
	assert_true(tu_contains(m, "控件内容。"));
	assert_false(tu_contains(m, "单击此处"));
	free(m);
	doc_free(doc);
}

static void
test_notes_and_core(void **state)
{
	struct pkg	 p = { 0 };
	struct doc	*doc;
	char		*m;

	(void)state;
	p.body = P("第一段有注释<w:r><w:footnoteReference w:id=\"2\"/></w:r>。")
	    P("第二段。");
	p.footnotes = "<w:footnote w:type=\"separator\" w:id=\"0\">"
	    P("<w:separator/>") "</w:footnote><w:footnote w:id=\"2\">"
	    "<w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>注释的内容。</w:t></w:r>"
	    "</w:p></w:footnote>";
	p.core = "<dc:title>核心属性的标题</dc:title><dc:creator>Administrator"
	    "</dc:creator><dcterms:created>2024-03-05T01:30:00Z</dcterms:created>";
	doc = read_pkg(&p);
	/* No title in the text: the core properties give it and the date. */
	assert_string_equal(doc->meta[META_TITLE], "核心属性的标题");
	assert_string_equal(doc->meta[META_DATE], "2024-03-05 09:30");
	assert_null(doc->meta[META_AUTHOR]);	/* Office's account name */
	m = md_of(doc);
	assert_true(tu_contains(m, "第一段有注释\\[1\\]。"));
	assert_true(tu_contains(m, "---"));
	assert_true(tu_contains(m, "注释的内容。"));
	free(m);
	doc_free(doc);
}

/* --- refusals ------------------------------------------------------------- */

static void
refused(const char *data, size_t len, const char *want)
{
	char		 why[512] = "";
	struct doc	*doc = read_bytes(data, len, why, sizeof(why));

	assert_null(doc);
	if (strstr(why, want) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", why, want);
}

static void
test_refusals(void **state)
{
	char		 ole[1100];
	struct pkg	 p = { 0 };
	struct buf	 b = BUF_INIT;
	size_t		 i;

	(void)state;
	refused("这不是压缩包，只是文字。", strlen("这不是压缩包，只是文字。"),
	    "not a zip archive");
	memset(ole, 0, sizeof(ole));
	memcpy(ole, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
	for (i = 0; i < 12; i++)
		ole[600 + 2 * i] = "WordDocument"[i];
	refused(ole, sizeof(ole), "Word 97-2003");
	for (i = 0; i < 16; i++)
		ole[800 + 2 * i] = "EncryptedPackage"[i];
	refused(ole, sizeof(ole), "encrypted");
	/* An internal subset: refused before any entity is looked at. */
	p.body = P("&x;");
	p.prolog = "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY x "
	    "SYSTEM \"file:///etc/passwd\">]>";
	build(&p, &b);
	refused(b.ptr, b.len, "declares a DTD");
	buf_free(&b);
	assert_int_equal(reader_find("docx")->sniff("PK\3\4word/", 9), 95);
	assert_int_equal(reader_find("docx")->sniff(ole, sizeof(ole)), 85);
	assert_int_equal(reader_find("docx")->sniff("文字", 6), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_formats),
		cmocka_unit_test(test_numbered_headings),
		cmocka_unit_test(test_counters_shared_and_restarted),
		cmocka_unit_test(test_restart_where_first_used),
		cmocka_unit_test(test_list_paragraphs),
		cmocka_unit_test(test_styles_and_runs),
		cmocka_unit_test(test_textboxes_tables_sdt),
		cmocka_unit_test(test_notes_and_core),
		cmocka_unit_test(test_two_line_title),
		cmocka_unit_test(test_closing_is_no_head),
		cmocka_unit_test(test_refusals),
	};

	xmlInitParser();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
