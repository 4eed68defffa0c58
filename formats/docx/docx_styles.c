/*
 * The two built-in DOCX layouts and the parts that come from them: the
 * page set-up, styles.xml, fontTable.xml, settings.xml and the footers.
 *
 * "official" follows GB/T 9704-2012 as ../shared/docs/typesetting.md §1
 * gives it: A4, margins 37/26/35/28 mm (top/right/bottom/left), a 22 x 28
 * document grid, title 2号 方正小标宋简体 centred, body 3号 仿宋_GB2312
 * indented 2 characters, 一、 黑体, （一） 楷体_GB2312, 1. and （1） 仿宋,
 * page numbers "— 1 —" in 4号 宋体 on the outer side of odd and even pages.
 * "plain" is a clean document for the screen: 宋体 小四 at 1.5 lines, 黑体
 * headings, Word's usual margins, a centred page number.
 *
 * Everything is expressed as styles (heading N carries its w:outlineLvl,
 * which Word's navigation pane and TOC field use); document.xml only names
 * them.  Each East Asian font goes into w:eastAsia and w:hAnsi with
 * w:hint="eastAsia", so that “” — … take the Chinese font; w:ascii keeps
 * Latin letters and digits in Times New Roman.  Every indent is written
 * both in character units (w:firstLineChars, which Word uses) and in twips
 * (for readers without character units: LibreOffice, pandoc).
 */
#include <stdlib.h>
#include <string.h>

#include "tree/alloc.h"
#include "tree/escape.h"
#include "common.h"
#include "docx_int.h"

/* Font roles a style can name; the layout turns them into font names. */
enum font_class {
	FONT_INHERIT = 0,
	FONT_BODY,
	FONT_TITLE,
	FONT_HEI,
	FONT_KAI,
	FONT_FANG,
	FONT_SONG,
	FONT__COUNT
};

enum jc {
	JC_INHERIT = 0,
	JC_BOTH,
	JC_LEFT,
	JC_CENTER,
	JC_RIGHT
};

/*
 * A style in a layout.  Zero means "inherit from the style it is based
 * on" for every field, so the tables below list only what differs; ZERO
 * asks for an explicit 0 where 0 itself would mean inherit.
 */
#define ZERO (-1)

struct spec {
	enum font_class	 font;
	int		 latin_cjk;	/* w:ascii is the East Asian font too */
	int		 sz;		/* half-points */
	int		 bold;		/* 1 on, ZERO off */
	int		 italic_off;	/* w:i off (reader defaults for headings) */
	const char	*color;		/* RRGGBB */
	int		 underline;
	int		 em_dot;	/* 着重号 */
	int		 tracking;	/* character spacing, twips */
	enum jc		 jc;
	int		 first;		/* first-line indent, 1/100 characters */
	int		 left, right;	/* indents, 1/100 characters */
	int		 before, after;	/* spacing, twips */
	int		 line;		/* > 0 exact twips; < 0 auto, 240ths */
	int		 keep_next;
	int		 no_grid;	/* w:snapToGrid off */
	int		 overflow;	/* w:overflowPunct, written explicitly */
	int		 outline;	/* outline level + 1 */
	int		 border;	/* bottom border (thematic break) */
	int		 tab_right;	/* right tab with dot leader (TOC) */
};

struct font_info {
	const char	*name;
	const char	*alt;		/* w:altName: the current Windows name */
	const char	*charset;	/* hex; 86 = GB2312 */
	const char	*family;
	const char	*pitch;
};

/* The fonts any layout may name, with what fontTable.xml says of them. */
static const struct font_info font_infos[] = {
	{ "Times New Roman", NULL, "00", "roman", "variable" },
	{ "Arial", NULL, "00", "swiss", "variable" },
	{ "仿宋_GB2312", "仿宋", "86", "modern", "fixed" },
	{ "楷体_GB2312", "楷体", "86", "modern", "fixed" },
	{ "方正小标宋简体", "宋体", "86", "script", "fixed" },
	{ "方正小标宋_GBK", "宋体", "86", "script", "fixed" },
	{ "黑体", "SimHei", "86", "modern", "fixed" },
	{ "宋体", "SimSun", "86", "auto", "variable" },
	{ "仿宋", "FangSong", "86", "modern", "fixed" },
	{ "楷体", "KaiTi", "86", "modern", "fixed" },
};

struct layout {
	const char	*font[FONT__COUNT];	/* East Asian names */
	const char	*latin;			/* w:ascii of text */
	const char	*latin_head;		/* w:ascii of headings */
	struct docx_page page;
	const char	*grid;			/* the w:docGrid element */
	int		 body_sz;
	int		 widow_off;		/* fill every page to 22 lines */
	int		 mirror;		/* double-sided: 28 mm inside */
	int		 even_odd;
	const char	*spacing_control;	/* punctuation compression */
	const struct spec *specs;		/* by role */
};

/*
 * GB/T 9704 in Word units.  Text height 16838 - 2098 - 1984 = 12756
 * twips holds 22 lines of 579; text width 8845 twips = 442.25 pt holds 28
 * characters of 15.795 pt, which w:charSpace states as (15.795 - 16) x
 * 4096 = -841 relative to the 3号 (16 pt) Normal style.  The exact line
 * height repeats the grid pitch so that readers without a document grid
 * lay out the same 22 lines.
 *
 * Text does not snap to that grid, though: the paragraphs carry the same
 * metrics themselves.  LibreOffice gives every character at least a whole
 * grid cell of its font size, so 16 pt characters on 15.795 pt cells take
 * two cells each (14 a line).  Instead the exact line height repeats the
 * line pitch, and characters are narrowed by 5 twips to the 15.75 pt of
 * the standard's own 3号 (28 x 15.75 = 441 pt fit the 442.25 pt line, 29
 * do not), which gives 22 lines of 28 characters in Word and LibreOffice
 * alike, while Word's page set-up still reports the standard's grid.
 *
 * w:overflowPunct is Word's default (punctuation may hang into the
 * margin) written out because LibreOffice reads the element inverted:
 * "on" turns its hanging punctuation off, and LibreOffice 7.4 does not
 * draw a comma hung at the end of a paragraph's indented first line.
 */
static const struct spec official_specs[ROLE__COUNT] = {
	[ROLE_NORMAL] = { .font = FONT_BODY, .sz = 32, .tracking = -5,
	    .jc = JC_BOTH, .first = 200, .before = ZERO, .after = ZERO,
	    .line = 579, .no_grid = 1, .overflow = 1 },
	[ROLE_TITLE] = { .font = FONT_TITLE, .sz = 44, .bold = ZERO,
	    .tracking = ZERO, .jc = JC_CENTER, .first = ZERO, .line = 700,
	    .keep_next = 1, .no_grid = 1 },
	[ROLE_SUBTITLE] = { .font = FONT_KAI, .sz = 32, .jc = JC_CENTER,
	    .first = ZERO, .keep_next = 1 },
	[ROLE_META] = { .font = FONT_FANG, .sz = 28, .jc = JC_CENTER,
	    .first = ZERO, .after = 579 },
	[ROLE_HEADING + 0] = { .font = FONT_HEI, .sz = 32, .bold = ZERO,
	    .italic_off = 1, .color = "000000", .first = 200, .before = ZERO,
	    .after = ZERO, .keep_next = 1, .outline = 1 },
	[ROLE_HEADING + 1] = { .font = FONT_KAI, .sz = 32, .bold = ZERO,
	    .italic_off = 1, .color = "000000", .first = 200, .before = ZERO,
	    .after = ZERO, .keep_next = 1, .outline = 2 },
	[ROLE_HEADING + 2] = { .font = FONT_FANG, .sz = 32, .bold = 1,
	    .italic_off = 1, .color = "000000", .first = 200, .before = ZERO,
	    .after = ZERO, .keep_next = 1, .outline = 3 },
	[ROLE_HEADING + 3] = { .font = FONT_FANG, .sz = 32, .bold = ZERO,
	    .italic_off = 1, .color = "000000", .first = 200, .before = ZERO,
	    .after = ZERO, .keep_next = 1, .outline = 4 },
	[ROLE_HEADING + 4] = { .font = FONT_FANG, .sz = 32, .bold = ZERO,
	    .italic_off = 1, .color = "000000", .first = 200, .before = ZERO,
	    .after = ZERO, .keep_next = 1, .outline = 5 },
	[ROLE_HEADING + 5] = { .font = FONT_FANG, .sz = 32, .bold = ZERO,
	    .italic_off = 1, .color = "000000", .first = 200, .before = ZERO,
	    .after = ZERO, .keep_next = 1, .outline = 6 },
	[ROLE_HEADING + 6] = { .font = FONT_FANG, .sz = 32, .bold = ZERO,
	    .italic_off = 1, .color = "000000", .first = 200, .before = ZERO,
	    .after = ZERO, .keep_next = 1, .outline = 7 },
	[ROLE_QUOTE] = { .font = FONT_KAI, .left = 200, .right = 200 },
	[ROLE_LIST] = { .first = 200 },
	[ROLE_TABLE_TEXT] = { .sz = 28, .jc = JC_LEFT, .first = ZERO,
	    .line = -240, .no_grid = 1 },
	[ROLE_FIGURE] = { .jc = JC_CENTER, .first = ZERO, .line = -240,
	    .no_grid = 1, .keep_next = 1 },
	[ROLE_CAPTION] = { .sz = 28, .jc = JC_CENTER, .first = ZERO },
	[ROLE_RULE] = { .first = ZERO, .line = -240, .after = 289,
	    .border = 1 },
	[ROLE_TOC_HEADING] = { .font = FONT_HEI, .jc = JC_CENTER,
	    .first = ZERO, .keep_next = 1 },
	[ROLE_TOC + 0] = { .jc = JC_LEFT, .first = ZERO, .tab_right = 1 },
	[ROLE_TOC + 1] = { .jc = JC_LEFT, .first = ZERO, .left = 200,
	    .tab_right = 1 },
	[ROLE_TOC + 2] = { .jc = JC_LEFT, .first = ZERO, .left = 400,
	    .tab_right = 1 },
	[ROLE_FOOTER] = { .font = FONT_SONG, .latin_cjk = 1, .sz = 28,
	    .first = ZERO, .line = -240, .no_grid = 1 },
	[ROLE_STRONG] = { .bold = 1 },
	[ROLE_EMPH] = { .em_dot = 1 },
	[ROLE_LEAD] = { .bold = 1 },
	[ROLE_LINK] = { .underline = 1 },
};

static const struct spec plain_specs[ROLE__COUNT] = {
	[ROLE_NORMAL] = { .font = FONT_BODY, .sz = 24, .jc = JC_BOTH,
	    .first = 200, .before = ZERO, .after = ZERO, .line = -360,
	    .overflow = 1 },
	[ROLE_TITLE] = { .font = FONT_TITLE, .sz = 36, .bold = ZERO,
	    .jc = JC_CENTER, .first = ZERO, .before = 240, .after = 240,
	    .line = -300, .keep_next = 1 },
	[ROLE_SUBTITLE] = { .font = FONT_KAI, .sz = 28, .jc = JC_CENTER,
	    .first = ZERO, .after = 120, .keep_next = 1 },
	[ROLE_META] = { .sz = 21, .color = "595959", .jc = JC_CENTER,
	    .first = ZERO, .after = 360 },
	[ROLE_HEADING + 0] = { .font = FONT_HEI, .sz = 28, .bold = ZERO,
	    .italic_off = 1, .color = "000000", .first = ZERO, .before = 360,
	    .after = 120, .keep_next = 1, .outline = 1 },
	[ROLE_HEADING + 1] = { .font = FONT_HEI, .sz = 24, .bold = ZERO,
	    .italic_off = 1, .color = "000000", .first = ZERO, .before = 240,
	    .after = 60, .keep_next = 1, .outline = 2 },
	[ROLE_HEADING + 2] = { .font = FONT_SONG, .sz = 24, .bold = 1,
	    .italic_off = 1, .color = "000000", .first = ZERO, .before = 120,
	    .after = 60, .keep_next = 1, .outline = 3 },
	[ROLE_HEADING + 3] = { .font = FONT_KAI, .sz = 24, .bold = ZERO,
	    .italic_off = 1, .color = "000000", .first = ZERO, .before = 120,
	    .after = ZERO, .keep_next = 1, .outline = 4 },
	[ROLE_HEADING + 4] = { .font = FONT_KAI, .sz = 24, .bold = ZERO,
	    .italic_off = 1, .color = "000000", .first = ZERO, .before = 120,
	    .after = ZERO, .keep_next = 1, .outline = 5 },
	[ROLE_HEADING + 5] = { .font = FONT_KAI, .sz = 24, .bold = ZERO,
	    .italic_off = 1, .color = "000000", .first = ZERO, .before = 120,
	    .after = ZERO, .keep_next = 1, .outline = 6 },
	[ROLE_HEADING + 6] = { .font = FONT_KAI, .sz = 24, .bold = ZERO,
	    .italic_off = 1, .color = "000000", .first = ZERO, .before = 120,
	    .after = ZERO, .keep_next = 1, .outline = 7 },
	[ROLE_QUOTE] = { .font = FONT_KAI, .left = 200, .right = 200 },
	[ROLE_LIST] = { .first = 200 },
	[ROLE_TABLE_TEXT] = { .sz = 21, .jc = JC_LEFT, .first = ZERO,
	    .line = -240 },
	[ROLE_FIGURE] = { .jc = JC_CENTER, .first = ZERO, .line = -240,
	    .before = 120, .keep_next = 1 },
	[ROLE_CAPTION] = { .font = FONT_KAI, .sz = 21, .color = "595959",
	    .jc = JC_CENTER, .first = ZERO, .after = 120 },
	[ROLE_RULE] = { .first = ZERO, .line = -240, .after = 240,
	    .border = 1 },
	[ROLE_TOC_HEADING] = { .font = FONT_HEI, .sz = 28, .jc = JC_CENTER,
	    .first = ZERO, .after = 120, .keep_next = 1 },
	[ROLE_TOC + 0] = { .jc = JC_LEFT, .first = ZERO, .tab_right = 1 },
	[ROLE_TOC + 1] = { .jc = JC_LEFT, .first = ZERO, .left = 200,
	    .tab_right = 1 },
	[ROLE_TOC + 2] = { .jc = JC_LEFT, .first = ZERO, .left = 400,
	    .tab_right = 1 },
	[ROLE_FOOTER] = { .font = FONT_SONG, .sz = 18, .jc = JC_CENTER,
	    .first = ZERO, .line = -240 },
	[ROLE_STRONG] = { .bold = 1 },
	[ROLE_EMPH] = { .em_dot = 1 },
	[ROLE_LEAD] = { .bold = 1 },
	[ROLE_LINK] = { .color = "0563C1", .underline = 1 },
};

static const struct layout official_layout = {
	{ NULL, "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312",
	    "仿宋_GB2312", "宋体" },
	"Times New Roman", "Times New Roman",
	{ 11906, 16838, 2098, 1474, 1984, 1587, 851, 1304, 8845 },
	"<w:docGrid w:type=\"linesAndChars\" w:linePitch=\"579\" "
	    "w:charSpace=\"-841\"/>",
	32, 1, 1, 1, "doNotCompress", official_specs
};

/* Traditional text: the GBK fonts, which have its characters. */
static const struct layout official_hant_layout = {
	{ NULL, "仿宋", "方正小标宋_GBK", "黑体", "楷体", "仿宋", "宋体" },
	"Times New Roman", "Times New Roman",
	{ 11906, 16838, 2098, 1474, 1984, 1587, 851, 1304, 8845 },
	"<w:docGrid w:type=\"linesAndChars\" w:linePitch=\"579\" "
	    "w:charSpace=\"-841\"/>",
	32, 1, 1, 1, "doNotCompress", official_specs
};

static const struct layout plain_layout = {
	{ NULL, "宋体", "黑体", "黑体", "楷体", "仿宋", "宋体" },
	"Times New Roman", "Arial",
	{ 11906, 16838, 1440, 1800, 1440, 1800, 851, 992, 8306 },
	"<w:docGrid w:linePitch=\"360\"/>",
	24, 0, 0, 0, "compressPunctuation", plain_specs
};

static const char *const heading_names[DOCX_MAX_LEVEL] = {
	"heading 1", "heading 2", "heading 3", "heading 4", "heading 5",
	"heading 6", "heading 7"
};

/* w:name and our w:styleId of the roles that are not numbered. */
static const struct {
	enum docx_role	 role;
	const char	*name;
	const char	*id;
} role_names[] = {
	{ ROLE_NORMAL, "Normal", "Normal" },
	{ ROLE_TITLE, "Title", "Title" },
	{ ROLE_SUBTITLE, "Subtitle", "Subtitle" },
	{ ROLE_META, "Metadata", "Metadata" },
	{ ROLE_QUOTE, "Quote", "Quote" },
	{ ROLE_LIST, "List Paragraph", "ListParagraph" },
	{ ROLE_TABLE_TEXT, "Table Text", "TableText" },
	{ ROLE_FIGURE, "Figure", "Figure" },
	{ ROLE_CAPTION, "caption", "Caption" },
	{ ROLE_RULE, "Horizontal Rule", "HorizontalRule" },
	{ ROLE_TOC_HEADING, "TOC Heading", "TOCHeading" },
	{ ROLE_FOOTER, "footer", "Footer" },
	{ ROLE_DEFAULT_FONT, "Default Paragraph Font",
	    "DefaultParagraphFont" },
	{ ROLE_STRONG, "Strong", "Strong" },
	{ ROLE_EMPH, "Emphasis", "Emphasis" },
	{ ROLE_LEAD, "Point Lead", "PointLead" },
	{ ROLE_LINK, "Hyperlink", "Hyperlink" },
	{ ROLE_TABLE_NORMAL, "Normal Table", "TableNormal" },
	{ ROLE_TABLE_GRID, "Table Grid", "TableGrid" },
};

static int
is_heading(enum docx_role role)
{
	return role >= ROLE_HEADING && role < ROLE_HEADING + DOCX_MAX_LEVEL;
}

static int
is_toc(enum docx_role role)
{
	return role >= ROLE_TOC && role < ROLE_TOC + 3;
}

void
docx_style_name(enum docx_role role, struct buf *out)
{
	size_t	 i;

	if (is_heading(role)) {
		buf_puts(out, heading_names[role - ROLE_HEADING]);
		return;
	}
	if (is_toc(role)) {
		buf_printf(out, "toc %d", (int)(role - ROLE_TOC) + 1);
		return;
	}
	for (i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++)
		if (role_names[i].role == role) {
			buf_puts(out, role_names[i].name);
			return;
		}
}

void
docx_style_builtin_id(enum docx_role role, struct buf *out)
{
	size_t	 i;

	if (is_heading(role)) {
		buf_printf(out, "Heading%d", (int)(role - ROLE_HEADING) + 1);
		return;
	}
	if (is_toc(role)) {
		buf_printf(out, "TOC%d", (int)(role - ROLE_TOC) + 1);
		return;
	}
	for (i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++)
		if (role_names[i].role == role) {
			buf_puts(out, role_names[i].id);
			return;
		}
}

const char *
docx_style_type(enum docx_role role)
{
	if (role >= ROLE_TABLE_NORMAL)
		return "table";
	if (role >= ROLE_DEFAULT_FONT)
		return "character";
	return "paragraph";
}

static const struct layout *
layout_of(const struct docx_kit *kit)
{
	if (kit->style == DOCX_PLAIN)
		return &plain_layout;
	return kit->hant ? &official_hant_layout : &official_layout;
}

/*
 * The spec of a role.  With --combine (shift) the article titles are
 * heading 1 and look like titles, and heading N+1 looks like heading N,
 * so that an article's 一、 keeps its font one outline level down.
 */
static struct spec
spec_of(const struct docx_kit *kit, enum docx_role role)
{
	const struct layout	*l = layout_of(kit);
	struct spec		 s;

	if (!kit->shift || !is_heading(role))
		return l->specs[role];
	if (role == ROLE_HEADING) {
		s = l->specs[ROLE_TITLE];
		s.italic_off = 1;
		s.color = "000000";
		s.outline = 1;
		return s;
	}
	s = l->specs[role - 1];
	s.outline++;
	return s;
}

static const char *
font_name(const struct docx_kit *kit, enum font_class f)
{
	return layout_of(kit)->font[f];
}

/* Explicit zero, a value, or nothing. */
static int
has(int v)
{
	return v != 0;
}

static int
val(int v)
{
	return v == ZERO ? 0 : v;
}

static void
put_ppr(const struct docx_kit *kit, const struct spec *s, struct buf *out)
{
	const struct layout	*l = layout_of(kit);
	size_t			 start;
	int			 sz = s->sz ? s->sz : l->body_sz;

	BUF_PUTSL(out, "<w:pPr>");
	start = out->len;
	if (s->keep_next)
		BUF_PUTSL(out, "<w:keepNext/>");
	if (s->border)
		BUF_PUTSL(out, "<w:pBdr><w:bottom w:val=\"single\" "
		    "w:sz=\"6\" w:space=\"1\" w:color=\"auto\"/></w:pBdr>");
	if (s->tab_right)
		buf_printf(out, "<w:tabs><w:tab w:val=\"right\" "
		    "w:leader=\"dot\" w:pos=\"%d\"/></w:tabs>",
		    kit->page.text_width);
	if (s->overflow)
		BUF_PUTSL(out, "<w:overflowPunct/>");
	if (s->no_grid)
		BUF_PUTSL(out, "<w:snapToGrid w:val=\"0\"/>");
	if (has(s->before) || has(s->after) || s->line != 0) {
		BUF_PUTSL(out, "<w:spacing");
		if (has(s->before))
			buf_printf(out, " w:before=\"%d\"", val(s->before));
		if (has(s->after))
			buf_printf(out, " w:after=\"%d\"", val(s->after));
		if (s->line > 0)
			buf_printf(out, " w:line=\"%d\" w:lineRule=\"exact\"",
			    s->line);
		else if (s->line < 0)
			buf_printf(out, " w:line=\"%d\" w:lineRule=\"auto\"",
			    -s->line);
		BUF_PUTSL(out, "/>");
	}
	if (has(s->first) || s->left || s->right) {
		BUF_PUTSL(out, "<w:ind");
		/* 100 "chars" are one character of the style's size. */
		if (s->left)
			buf_printf(out, " w:leftChars=\"%d\" w:left=\"%d\"",
			    s->left, s->left * sz / 10);
		if (s->right)
			buf_printf(out, " w:rightChars=\"%d\" w:right=\"%d\"",
			    s->right, s->right * sz / 10);
		if (has(s->first))
			buf_printf(out, " w:firstLineChars=\"%d\" "
			    "w:firstLine=\"%d\"", val(s->first),
			    val(s->first) * sz / 10);
		BUF_PUTSL(out, "/>");
	}
	if (s->jc != JC_INHERIT) {
		static const char *const jcs[] = { "", "both", "left",
		    "center", "right" };

		buf_printf(out, "<w:jc w:val=\"%s\"/>", jcs[s->jc]);
	}
	if (s->outline)
		buf_printf(out, "<w:outlineLvl w:val=\"%d\"/>", s->outline - 1);
	if (out->len == start)
		buf_truncate(out, start - (sizeof("<w:pPr>") - 1));
	else
		BUF_PUTSL(out, "</w:pPr>");
}

/* w:rFonts naming East Asian font cjk (Latin text in latin). */
static void
put_rfonts(const char *latin, const char *cjk, struct buf *out)
{
	BUF_PUTSL(out, "<w:rFonts w:ascii=\"");
	esc_xml_attr(out, latin, strlen(latin));
	BUF_PUTSL(out, "\" w:hAnsi=\"");
	esc_xml_attr(out, cjk, strlen(cjk));
	BUF_PUTSL(out, "\" w:eastAsia=\"");
	esc_xml_attr(out, cjk, strlen(cjk));
	BUF_PUTSL(out, "\" w:cs=\"");
	esc_xml_attr(out, latin, strlen(latin));
	BUF_PUTSL(out, "\" w:hint=\"eastAsia\"/>");
}

static void
put_rpr(const struct docx_kit *kit, enum docx_role role, const struct spec *s,
    struct buf *out)
{
	const struct layout	*l = layout_of(kit);
	size_t			 start;

	BUF_PUTSL(out, "<w:rPr>");
	start = out->len;
	if (s->font != FONT_INHERIT) {
		const char *cjk = font_name(kit, s->font);

		put_rfonts(s->latin_cjk ? cjk : is_heading(role) ||
		    role == ROLE_TITLE ? l->latin_head : l->latin, cjk, out);
	}
	if (s->bold == 1)
		BUF_PUTSL(out, "<w:b/><w:bCs/>");
	else if (s->bold == ZERO)
		BUF_PUTSL(out, "<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>");
	if (s->italic_off)
		BUF_PUTSL(out, "<w:i w:val=\"0\"/><w:iCs w:val=\"0\"/>");
	if (s->color != NULL)
		buf_printf(out, "<w:color w:val=\"%s\"/>", s->color);
	if (has(s->tracking))
		buf_printf(out, "<w:spacing w:val=\"%d\"/>", val(s->tracking));
	if (s->sz)
		buf_printf(out, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>",
		    s->sz, s->sz);
	if (s->underline)
		BUF_PUTSL(out, "<w:u w:val=\"single\"/>");
	if (s->em_dot)
		BUF_PUTSL(out, "<w:em w:val=\"dot\"/>");
	if (out->len == start)
		buf_truncate(out, start - (sizeof("<w:rPr>") - 1));
	else
		BUF_PUTSL(out, "</w:rPr>");
}

static void
put_val(struct buf *out, const char *elem, const char *v)
{
	buf_printf(out, "<w:%s w:val=\"", elem);
	esc_xml_attr(out, v, strlen(v));
	BUF_PUTSL(out, "\"/>");
}

void
docx_style_def(const struct docx_kit *kit, enum docx_role role,
    const char *id, int ns_decl, struct buf *out)
{
	struct spec	 s = spec_of(kit, role);
	struct buf	 name = BUF_INIT;
	const char	*type = docx_style_type(role);
	int		 para = type[0] == 'p';

	buf_printf(out, "<w:style%s w:type=\"%s\"", ns_decl ?
	    " xmlns:w=\"" DOCX_NS_W "\"" : "", type);
	if (role == ROLE_NORMAL || role == ROLE_DEFAULT_FONT ||
	    role == ROLE_TABLE_NORMAL)
		BUF_PUTSL(out, " w:default=\"1\"");
	else if (role == ROLE_META || role == ROLE_TABLE_TEXT ||
	    role == ROLE_FIGURE || role == ROLE_RULE || role == ROLE_LEAD)
		BUF_PUTSL(out, " w:customStyle=\"1\"");
	BUF_PUTSL(out, " w:styleId=\"");
	esc_xml_attr(out, id, strlen(id));
	BUF_PUTSL(out, "\">");
	docx_style_name(role, &name);
	put_val(out, "name", name.ptr);
	buf_free(&name);
	if (para && role != ROLE_NORMAL)
		put_val(out, "basedOn", kit->id[ROLE_NORMAL]);
	else if (role == ROLE_TABLE_GRID)
		put_val(out, "basedOn", kit->id[ROLE_TABLE_NORMAL]);
	else if (type[0] == 'c' && role != ROLE_DEFAULT_FONT)
		put_val(out, "basedOn", kit->id[ROLE_DEFAULT_FONT]);
	if (role == ROLE_TITLE || role == ROLE_SUBTITLE || role == ROLE_META ||
	    is_heading(role) || role == ROLE_TOC_HEADING ||
	    role == ROLE_FIGURE || role == ROLE_CAPTION)
		put_val(out, "next", kit->id[ROLE_NORMAL]);
	if (is_heading(role))
		buf_printf(out, "<w:uiPriority w:val=\"9\"/>");
	if (role == ROLE_DEFAULT_FONT || role == ROLE_TABLE_NORMAL)
		BUF_PUTSL(out, "<w:uiPriority w:val=\"1\"/><w:semiHidden/>"
		    "<w:unhideWhenUsed/>");
	if (role == ROLE_NORMAL || role == ROLE_TITLE ||
	    role == ROLE_SUBTITLE || is_heading(role) || role == ROLE_QUOTE ||
	    role == ROLE_STRONG || role == ROLE_EMPH)
		BUF_PUTSL(out, "<w:qFormat/>");
	if (type[0] != 't') {
		if (para)
			put_ppr(kit, &s, out);
		put_rpr(kit, role, &s, out);
	} else if (role == ROLE_TABLE_NORMAL)
		BUF_PUTSL(out, "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
		    "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
		    "<w:left w:w=\"108\" w:type=\"dxa\"/>"
		    "<w:bottom w:w=\"0\" w:type=\"dxa\"/>"
		    "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar>"
		    "</w:tblPr>");
	else {
		static const char *const sides[] = { "top", "left", "bottom",
		    "right", "insideH", "insideV" };
		size_t i;

		BUF_PUTSL(out, "<w:tblPr><w:tblBorders>");
		for (i = 0; i < sizeof(sides) / sizeof(sides[0]); i++)
			buf_printf(out, "<w:%s w:val=\"single\" w:sz=\"4\" "
			    "w:space=\"0\" w:color=\"auto\"/>", sides[i]);
		BUF_PUTSL(out, "</w:tblBorders></w:tblPr>");
	}
	BUF_PUTSL(out, "</w:style>");
}

/* Roles this document uses: heading 7 only when headings shift. */
static int
role_in_use(const struct docx_kit *kit, enum docx_role role)
{
	return role != ROLE_HEADING + DOCX_MAX_LEVEL - 1 || kit->shift;
}

static void
build_styles(struct docx_kit *kit, const char *lang)
{
	const struct layout	*l = layout_of(kit);
	struct buf		*out = &kit->styles;
	int			 r;

	BUF_PUTSL(out, DOCX_XML_DECL "<w:styles xmlns:w=\"" DOCX_NS_W "\">"
	    "<w:docDefaults><w:rPrDefault><w:rPr>");
	put_rfonts(l->latin, l->font[FONT_BODY], out);
	buf_printf(out, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>"
	    "<w:lang w:val=\"en-US\" w:eastAsia=\"", l->body_sz, l->body_sz);
	esc_xml_attr(out, lang, strlen(lang));
	BUF_PUTSL(out, "\"/></w:rPr></w:rPrDefault><w:pPrDefault>");
	/* Widow control would leave 21 lines on some pages of the grid. */
	if (l->widow_off)
		BUF_PUTSL(out, "<w:pPr><w:widowControl w:val=\"0\"/></w:pPr>");
	BUF_PUTSL(out, "</w:pPrDefault></w:docDefaults>");
	for (r = 0; r < ROLE__COUNT; r++)
		if (role_in_use(kit, (enum docx_role)r))
			docx_style_def(kit, (enum docx_role)r, kit->id[r], 0,
			    out);
	BUF_PUTSL(out, "</w:styles>");
}

static void
build_fonts(struct docx_kit *kit)
{
	const struct layout	*l = layout_of(kit);
	struct buf		*out = &kit->fonts;
	size_t			 i, f;

	BUF_PUTSL(out, DOCX_XML_DECL "<w:fonts xmlns:w=\"" DOCX_NS_W "\">");
	for (i = 0; i < sizeof(font_infos) / sizeof(font_infos[0]); i++) {
		const struct font_info *fi = &font_infos[i];
		int used = strcmp(fi->name, l->latin) == 0 ||
		    strcmp(fi->name, l->latin_head) == 0;

		for (f = 1; f < FONT__COUNT && !used; f++)
			used = strcmp(fi->name, l->font[f]) == 0;
		if (!used)
			continue;
		BUF_PUTSL(out, "<w:font w:name=\"");
		buf_puts(out, fi->name);
		BUF_PUTSL(out, "\">");
		if (fi->alt != NULL)
			put_val(out, "altName", fi->alt);
		buf_printf(out, "<w:charset w:val=\"%s\"/><w:family "
		    "w:val=\"%s\"/><w:pitch w:val=\"%s\"/></w:font>",
		    fi->charset, fi->family, fi->pitch);
	}
	BUF_PUTSL(out, "</w:fonts>");
}

static void
build_settings(struct docx_kit *kit, const char *lang)
{
	const struct layout	*l = layout_of(kit);
	struct buf		*out = &kit->settings;

	BUF_PUTSL(out, DOCX_XML_DECL "<w:settings xmlns:w=\"" DOCX_NS_W "\">"
	    "<w:zoom w:percent=\"100\"/>");
	/* Printed on both sides: the 28 mm margin stays on the binding. */
	if (l->mirror)
		BUF_PUTSL(out, "<w:mirrorMargins/>");
	BUF_PUTSL(out, "<w:defaultTabStop w:val=\"420\"/>");
	if (kit->even_odd)
		BUF_PUTSL(out, "<w:evenAndOddHeaders/>");
	buf_printf(out, "<w:characterSpacingControl w:val=\"%s\"/>",
	    l->spacing_control);
	/*
	 * A line ended by a hard break is not stretched to the margin in
	 * justified text (Word and LibreOffice both read this); Word 2013+
	 * layout, not compatibility mode.
	 */
	BUF_PUTSL(out, "<w:compat><w:doNotExpandShiftReturn/>"
	    "<w:compatSetting w:name=\"compatibilityMode\""
	    " w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>"
	    "</w:compat><w:themeFontLang w:val=\"en-US\" w:eastAsia=\"");
	esc_xml_attr(out, lang, strlen(lang));
	BUF_PUTSL(out, "\"/><w:decimalSymbol w:val=\".\"/>"
	    "<w:listSeparator w:val=\",\"/></w:settings>");
}

/*
 * A footer holding the page number: "— N —" on the outer side of the page
 * (odd: right, even: left, one character in from the margin) for the
 * official layout, a centred number for the plain one.
 */
static void
build_footer(struct docx_kit *kit, int even, struct buf *out)
{
	int	 official = kit->style == DOCX_OFFICIAL;

	BUF_PUTSL(out, DOCX_XML_DECL "<w:ftr xmlns:w=\"" DOCX_NS_W "\" "
	    "xmlns:r=\"" DOCX_NS_R "\"><w:p><w:pPr>");
	put_val(out, "pStyle", kit->id[ROLE_FOOTER]);
	if (official && even)
		BUF_PUTSL(out, "<w:ind w:leftChars=\"100\" w:left=\"280\"/>"
		    "<w:jc w:val=\"left\"/>");
	else if (official)
		BUF_PUTSL(out, "<w:ind w:rightChars=\"100\" w:right=\"280\"/>"
		    "<w:jc w:val=\"right\"/>");
	else
		BUF_PUTSL(out, "<w:jc w:val=\"center\"/>");
	BUF_PUTSL(out, "</w:pPr>");
	if (official)
		BUF_PUTSL(out, "<w:r><w:t xml:space=\"preserve\">\xE2\x80\x94 "
		    "</w:t></w:r>");
	BUF_PUTSL(out, "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
	    "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"
	    "</w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
	    "<w:r><w:t>1</w:t></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
	if (official)
		BUF_PUTSL(out, "<w:r><w:t xml:space=\"preserve\"> \xE2\x80\x94"
		    "</w:t></w:r>");
	BUF_PUTSL(out, "</w:p></w:ftr>");
}

void
docx_kit_sect(struct docx_kit *kit, int grid)
{
	const struct docx_page	*p = &kit->page;

	buf_truncate(&kit->sect, 0);
	buf_printf(&kit->sect, "<w:pgSz w:w=\"%d\" w:h=\"%d\"/>"
	    "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" "
	    "w:left=\"%d\" w:header=\"%d\" w:footer=\"%d\" w:gutter=\"0\"/>"
	    "<w:cols w:space=\"425\"/>", p->width, p->height, p->top, p->right,
	    p->bottom, p->left, p->header, p->footer);
	if (grid)
		buf_puts(&kit->sect, layout_of(kit)->grid);
}

void
docx_kit_init(struct docx_kit *kit, const struct render_opts *opts,
    const char *lang, int shift)
{
	struct buf	 id = BUF_INIT;
	int		 r;

	memset(kit, 0, sizeof(*kit));
	buf_init(&kit->styles);
	buf_init(&kit->fonts);
	buf_init(&kit->settings);
	buf_init(&kit->footer_odd);
	buf_init(&kit->footer_even);
	buf_init(&kit->theme);
	buf_init(&kit->numbering);
	buf_init(&kit->sect);
	kit->style = ((const struct docx_options *)writer_options(opts,
	    &writer_docx))->style == DOCX_PLAIN ? DOCX_PLAIN : DOCX_OFFICIAL;
	kit->shift = shift;
	kit->hant = writer_lang_hant(lang);
	kit->even_odd = layout_of(kit)->even_odd;
	kit->page = layout_of(kit)->page;
	kit->body_sz = layout_of(kit)->body_sz;
	/* An em of sz half-points is sz * 10 twips; the title has no indent. */
	kit->title_cap = (long)kit->page.text_width * 100 /
	    layout_of(kit)->specs[ROLE_TITLE].sz;
	for (r = 0; r < ROLE__COUNT; r++) {
		buf_truncate(&id, 0);
		docx_style_builtin_id((enum docx_role)r, &id);
		kit->id[r] = xstrdup(id.ptr);
	}
	buf_free(&id);
	build_styles(kit, lang);
	build_fonts(kit);
	build_settings(kit, lang);
	build_footer(kit, 0, &kit->footer_odd);
	if (kit->even_odd)
		build_footer(kit, 1, &kit->footer_even);
	docx_kit_sect(kit, 1);
}

void
docx_kit_free(struct docx_kit *kit)
{
	int	 r;

	if (kit == NULL)
		return;
	for (r = 0; r < ROLE__COUNT; r++)
		free(kit->id[r]);
	buf_free(&kit->styles);
	buf_free(&kit->fonts);
	buf_free(&kit->settings);
	buf_free(&kit->footer_odd);
	buf_free(&kit->footer_even);
	buf_free(&kit->theme);
	buf_free(&kit->numbering);
	buf_free(&kit->sect);
}
