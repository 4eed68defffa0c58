/*
 * DOCX (WordprocessingML, ECMA-376 Transitional) for Word, WPS and
 * LibreOffice, laid out as a Chinese office expects: see docx_styles.c for
 * the two layouts and docx_ref.c for --reference-doc.
 *
 * This file writes word/document.xml from the tree (docx_pkg.c packs it
 * with the other parts).  Paragraphs only name styles; the few direct properties are structural:
 * a page break before each article of --combine, the extra left indent of
 * nested list items, and the two properties of run-in headings below.
 *
 * Run-in headings ("（一）指导思想。全面贯彻…" on one line) are written as
 * Word's "style separator" writes them: the heading is a paragraph of its
 * own in the heading style, whose paragraph mark is hidden (w:vanish +
 * w:specVanish), followed by the body paragraph.  Word shows the two on
 * one line, as the author wrote them, while the heading stays a real
 * heading for the navigation pane and the TOC field, and only the heading
 * text goes into the TOC.  Readers without the feature (LibreOffice 7.4,
 * pandoc) show the heading on a line of its own; the body paragraph has
 * no first-line indent of its own, so it reads as the continuation.  A
 * single paragraph with the heading font on its first run would keep the
 * layout everywhere but lose the heading: Word's navigation and TOC only
 * see paragraphs, and an outline level on the whole paragraph would put
 * all of its text into the TOC.
 *
 * --toc writes a TOC field (\o "1-3" \h \z \u) whose result is already
 * filled in: one hyperlink per heading to a _Toc bookmark around the
 * heading's text, so the table reads right before Word updates it.  Page
 * numbers appear when the user updates the field; settings.xml does not
 * set w:updateFields, because Word then asks on every opening whether to
 * update "fields that may refer to other files", which alarms readers of
 * an office handout more than the missing numbers help them.
 *
 * --combine (several documents) writes one document: the collection title
 * and the TOC on the first page, then each article from a new page, its
 * title as heading 1 (looking like a title) and its headings one level
 * down (looking as they would in the article alone).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/title_break.h"
#include "tree/alloc.h"
#include "tree/escape.h"
#include "tree/utf8.h"
#include "common.h"
#include "docx_int.h"

#define NS_WP \
	"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_PIC "http://schemas.openxmlformats.org/drawingml/2006/picture"

#define TOC_LEVELS	3	/* headings 1-3 go into the TOC */
#define LIST_DEPTH	16	/* ordered-list counters kept */
#define EMU_PER_TWIP	635
#define EMU_PER_PX	9525	/* at 96 dpi */
#define TEXT_CHUNK	(64 * 1024)	/* the most bytes of text in a w:t */

struct docx {
	const struct render_opts *opts;
	struct docx_kit	*kit;
	struct diag	*diag;
	struct buf	*out;		/* word/document.xml */
	struct buf	 rels;		/* relationships of links and images */
	int		 next_rid;
	int		 toc;		/* headings get _Toc bookmarks */
	int		 bookmarks;	/* bookmarks written so far */
	unsigned	 drawings;	/* wp:docPr ids used */
	enum points_mode points;
	int		 quote;		/* block-quote depth */
	int		 page_break;	/* next paragraph starts a page */
	int		 after_table;	/* last block was a table */
	int		 blocks;	/* paragraphs and tables written */
	int		 list_depth;
	int		 num[LIST_DEPTH];	/* ordered-list counters */
	struct docx_media *media;
	size_t		 nmedia;
	/* inline state */
	int		 strong, emph, lead;
	const struct node *link;	/* the open w:hyperlink */
};

/* Paragraph properties beyond the style. */
#define PARA_NO_INDENT	0x1	/* no first-line indent */
#define PARA_HIDDEN_END	0x2	/* style separator: mark hidden */
#define PARA_CENTER	0x4	/* centred (a document number) */

static void
put_attr(struct buf *out, const char *s)
{
	esc_xml_attr(out, s, strlen(s));
}

/*
 * Opens a paragraph of style role.  left_chars and right_chars indent it
 * (hundredths of a character; right_chars > 0 also sets it flush right,
 * as the closing of a notice is); space_before adds that many twips.
 */
static void
para_open_at(struct docx *dx, enum docx_role role, int left_chars,
    int right_chars, int space_before, int flags)
{
	BUF_PUTSL(dx->out, "<w:p><w:pPr><w:pStyle w:val=\"");
	put_attr(dx->out, dx->kit->id[role]);
	BUF_PUTSL(dx->out, "\"/>");
	if (dx->page_break) {
		BUF_PUTSL(dx->out, "<w:pageBreakBefore/>");
		dx->page_break = 0;
	}
	if (space_before > 0)
		buf_printf(dx->out, "<w:spacing w:before=\"%d\"/>",
		    space_before);
	if (left_chars > 0 || right_chars > 0 || (flags & PARA_NO_INDENT)) {
		BUF_PUTSL(dx->out, "<w:ind");
		if (left_chars > 0)
			buf_printf(dx->out, " w:leftChars=\"%d\" w:left=\"%d\"",
			    left_chars, left_chars * dx->kit->body_sz / 10);
		if (right_chars > 0)
			buf_printf(dx->out, " w:rightChars=\"%d\" "
			    "w:right=\"%d\"", right_chars,
			    right_chars * dx->kit->body_sz / 10);
		if (flags & PARA_NO_INDENT)
			BUF_PUTSL(dx->out, " w:firstLineChars=\"0\" "
			    "w:firstLine=\"0\"");
		BUF_PUTSL(dx->out, "/>");
	}
	if (right_chars > 0)
		BUF_PUTSL(dx->out, "<w:jc w:val=\"right\"/>");
	else if (flags & PARA_CENTER)
		BUF_PUTSL(dx->out, "<w:jc w:val=\"center\"/>");
	if (flags & PARA_HIDDEN_END)
		BUF_PUTSL(dx->out, "<w:rPr><w:vanish/><w:specVanish/></w:rPr>");
	BUF_PUTSL(dx->out, "</w:pPr>");
	dx->after_table = 0;
	dx->blocks++;
}

static void
para_open(struct docx *dx, enum docx_role role, int left_chars, int flags)
{
	para_open_at(dx, role, left_chars, 0, 0, flags);
}

static void
para_close(struct docx *dx)
{
	BUF_PUTSL(dx->out, "</w:p>");
}

/* The paragraph style of body text here. */
static enum docx_role
body_role(const struct docx *dx)
{
	return dx->quote > 0 ? ROLE_QUOTE : ROLE_NORMAL;
}

/*
 * The left indent of body text in a quote inside a quote: the Quote
 * style indents two characters, each further level two more, so nesting
 * shows.  0 (the style's own) outside quotes and in a single quote.
 */
static int
quote_left(const struct docx *dx)
{
	return dx->quote > 1 ? 200 * dx->quote : 0;
}

/* Is c a digit or part of a number's notation (5% 5.5 ２)? */
static int
numeric_byte(const char *s, size_t i, size_t len)
{
	return i < len && ((s[i] >= '0' && s[i] <= '9') || s[i] == '%' ||
	    s[i] == '.');
}

/*
 * Escaped text for a w:t.  A hyphen inside a numeric range ("5%-5.5%",
 * "2018-2022") gets a WORD JOINER (U+2060) after it: Word and LibreOffice
 * would otherwise break the line there, and the range would read as two
 * numbers (and text extractors drop such a line-end hyphen).
 */
static void
put_t_text(struct buf *out, const char *s, size_t len)
{
	size_t	 i, start = 0;

	for (i = 1; i + 1 < len; i++)
		if (s[i] == '-' && numeric_byte(s, i - 1, len) &&
		    numeric_byte(s, i + 1, len)) {
			esc_xml_text(out, s + start, i + 1 - start);
			BUF_PUTSL(out, "\xE2\x81\xA0");
			start = i + 1;
		}
	esc_xml_text(out, s + start, len - start);
}

/*
 * Writes text as w:t elements, TAB as w:tab and LF as w:br (inside the
 * current run).  A w:t holds at most TEXT_CHUNK bytes, cut between
 * characters: libxml2-based readers refuse text nodes over 10 MB, and a
 * paragraph can be longer than that.
 */
static void
put_t(struct buf *out, const char *s, size_t len)
{
	size_t	 i, start = 0, end;

	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '\t' && s[i] != '\n')
			continue;
		for (; start < i; start = end) {
			end = i - start > TEXT_CHUNK ? start + TEXT_CHUNK : i;
			while (end < i && end > start &&
			    ((unsigned char)s[end] & 0xC0) == 0x80)
				end--;
			BUF_PUTSL(out, "<w:t xml:space=\"preserve\">");
			put_t_text(out, s + start, end - start);
			BUF_PUTSL(out, "</w:t>");
		}
		if (i < len)
			buf_puts(out, s[i] == '\t' ? "<w:tab/>" : "<w:br/>");
		start = i + 1;
	}
}

/*
 * Run properties from the inline state: one character style (the
 * innermost meaning wins: link, lead, strong, emphasis) plus direct bold
 * or emphasis marks for the others that are also open.
 */
static void
put_rpr(struct docx *dx)
{
	enum docx_role	 style;
	int		 bold = dx->strong > 0 || dx->lead > 0;
	int		 em = dx->emph > 0;

	if (dx->link != NULL)
		style = ROLE_LINK;
	else if (dx->lead > 0)
		style = ROLE_LEAD;
	else if (dx->strong > 0)
		style = ROLE_STRONG;
	else if (em)
		style = ROLE_EMPH;
	else
		return;
	BUF_PUTSL(dx->out, "<w:rPr><w:rStyle w:val=\"");
	put_attr(dx->out, dx->kit->id[style]);
	BUF_PUTSL(dx->out, "\"/>");
	if (bold && style != ROLE_LEAD && style != ROLE_STRONG)
		BUF_PUTSL(dx->out, "<w:b/><w:bCs/>");
	if (em && style != ROLE_EMPH)
		BUF_PUTSL(dx->out, "<w:em w:val=\"dot\"/>");
	BUF_PUTSL(dx->out, "</w:rPr>");
}

static void
put_run(struct docx *dx, const char *s, size_t len)
{
	if (len == 0)
		return;
	BUF_PUTSL(dx->out, "<w:r>");
	put_rpr(dx);
	put_t(dx->out, s, len);
	BUF_PUTSL(dx->out, "</w:r>");
}

/* A heading's or item's label with what separates it from the text. */
static void
put_label(struct docx *dx, const char *label)
{
	struct buf	 b = BUF_INIT;

	if (label == NULL || label[0] == '\0')
		return;
	buf_puts(&b, label);
	buf_puts(&b, label_separator(label));
	put_run(dx, b.ptr, b.len);
	buf_free(&b);
}

/*
 * A URL for a HYPERLINK field: bytes outside printable ASCII and the
 * characters RFC 3986 never allows (the field's quote and backslash among
 * them) are percent-encoded, then the whole is XML-escaped.
 */
static void
put_url(struct buf *out, const char *url)
{
	const unsigned char	*p;
	struct buf		 b = BUF_INIT;

	for (p = (const unsigned char *)url; *p != '\0'; p++) {
		if (*p <= ' ' || *p >= 0x7F || strchr("\"<>\\^`{|}", *p))
			buf_printf(&b, "%%%02X", *p);
		else
			buf_putc(&b, *p);
	}
	esc_xml_text(out, b.ptr, b.len);
	buf_free(&b);
}

/* Adds a relationship of document.xml; returns its number. */
static int
add_rel(struct docx *dx, const char *type, const char *target)
{
	int	 rid = dx->next_rid++;

	buf_printf(&dx->rels, "<Relationship Id=\"rId%d\" Type=\""
	    DOCX_REL_BASE "%s\" Target=\"", rid, type);
	put_attr(&dx->rels, target);
	BUF_PUTSL(&dx->rels, "\"/>");
	return rid;
}

static int
linkable(const struct node *n)
{
	const char	*url = n->as.link.url;

	/* In-document anchors of the source page mean nothing here. */
	return url != NULL && url[0] != '\0' && url[0] != '#' &&
	    n->first_child != NULL;
}

/*
 * Opens a link as a HYPERLINK field rather than a w:hyperlink element:
 * Word, LibreOffice and pandoc follow both, but readers built on
 * python-docx (and the checkers that use it) see no text inside a
 * w:hyperlink, so the link text would seem lost.  The field's result
 * runs follow; the caller closes it with an "end" fldChar.
 */
static void
put_link_field(struct buf *out, const char *url)
{
	BUF_PUTSL(out, "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
	    "<w:r><w:instrText xml:space=\"preserve\"> HYPERLINK \"");
	put_url(out, url);
	BUF_PUTSL(out, "\" </w:instrText></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>");
}

/* Counts a span open or closed; empty spans get no EXIT. */
static void
span(int *depth, const struct node *n, enum iter_event ev)
{
	if (n->first_child == NULL)
		return;
	*depth += ev == ITER_ENTER ? 1 : -1;
}

/*
 * Writes the inline content of container as runs, stopping at nested
 * blocks (a list item's sub-list).
 */
static void
put_inlines(struct docx *dx, const struct node *container)
{
	struct iter		 it;
	enum iter_event		 ev;
	const struct node	*n;

	iter_init(&it, container);
	while ((ev = iter_next(&it)) != ITER_DONE) {
		n = it.node;
		if (n == container)
			continue;
		if (node_is_block(n)) {
			iter_skip_children(&it);
			continue;
		}
		switch (n->type) {
		case NODE_TEXT:
			put_run(dx, n->as.text, strlen(n->as.text));
			break;
		case NODE_LINEBREAK:
			BUF_PUTSL(dx->out, "<w:r><w:br/></w:r>");
			break;
		case NODE_STRONG:
			span(&dx->strong, n, ev);
			break;
		case NODE_EMPH:
			span(&dx->emph, n, ev);
			break;
		case NODE_POINT_LEAD:
			if (dx->opts->bold_leads)
				span(&dx->lead, n, ev);
			break;
		case NODE_LINK:
			if (!linkable(n) || (ev == ITER_ENTER ?
			    dx->link != NULL : dx->link != n))
				break;
			if (ev == ITER_ENTER) {
				put_link_field(dx->out, n->as.link.url);
				dx->link = n;
			} else {
				BUF_PUTSL(dx->out, "<w:r><w:fldChar "
				    "w:fldCharType=\"end\"/></w:r>");
				dx->link = NULL;
			}
			break;
		default:
			break;
		}
	}
}

/*
 * A title, broken into lines with explicit breaks where it needs more
 * than one (GB/T 9704 §7.3.1: whole words, balanced lines; the breaker in
 * src/analyze/title_break.h, shared with the EPUB cover), when the title style's
 * size is known.
 */
static void
put_title_runs(struct docx *dx, const char *s, size_t len)
{
	struct title_line	*l;
	size_t			 n, i;

	if (dx->kit->title_cap <= 0) {
		put_run(dx, s, len);
		return;
	}
	l = xcalloc(len + 1, sizeof(*l));
	n = title_break(s, len, NULL, dx->kit->title_cap, 0, l, NULL);
	if (n == 0)
		put_run(dx, s, len);
	for (i = 0; i < n; i++) {
		if (i > 0)
			BUF_PUTSL(dx->out, "<w:r><w:br/></w:r>");
		put_run(dx, s + l[i].off, l[i].len);
	}
	free(l);
}

/* A paragraph of plain text in a style (title, metadata). */
static void
put_text_para(struct docx *dx, enum docx_role role, const char *s,
    size_t len)
{
	para_open(dx, role, 0, 0);
	put_run(dx, s, len);
	para_close(dx);
}

static void
bookmark_start(struct docx *dx)
{
	dx->bookmarks++;
	buf_printf(dx->out, "<w:bookmarkStart w:id=\"%d\" "
	    "w:name=\"_Toc%08d\"/>", dx->bookmarks, dx->bookmarks);
}

static void
bookmark_end(struct docx *dx)
{
	buf_printf(dx->out, "<w:bookmarkEnd w:id=\"%d\"/>", dx->bookmarks);
}

/* The outline level of a heading in this document (1-7). */
static int
heading_level(const struct docx *dx, const struct node *h)
{
	int	 level = h->as.heading.level + dx->kit->shift;

	if (level < 1)
		level = 1;
	return level > DOCX_MAX_LEVEL ? DOCX_MAX_LEVEL : level;
}

/* A closing paragraph's kind (doc.h), PARA_TEXT for any other block. */
static enum para_role
role_of(const struct node *n)
{
	return n != NULL && n->type == NODE_PARAGRAPH ?
	    n->as.para.role : PARA_TEXT;
}

/* The width of a block's text, in half-width columns. */
static long
text_columns(const struct node *n)
{
	struct buf	 b = BUF_INIT;
	long		 w;

	node_text(n, &b);
	w = (long)utf8_width(b.ptr, b.len, 1);
	buf_free(&b);
	return w;
}

/*
 * The right indent of a closing paragraph, in hundredths of a character,
 * as GB/T 9704-2012 §7.3.5.2 sets a notice without a seal: the sender two
 * characters in from the right, the date on the next line starting two
 * characters right of the sender's first; when that would bring the date
 * closer than two characters to the edge, the date two characters in and
 * the sender moved left to keep the step.  A date with no sender above
 * it: two characters in.
 */
static int
closing_right(const struct node *p)
{
	const struct node	*date = p, *signer;
	long			 sw, dw, right;	/* half-width columns */

	while (date != NULL && role_of(date) == PARA_SIGNER)
		date = date->next;
	if (role_of(date) != PARA_DATE)
		return 200;
	signer = p != date ? p : date->prev;
	if (role_of(signer) != PARA_SIGNER)
		return 200;
	sw = text_columns(signer);
	dw = text_columns(date);
	if (sw - dw >= 4)
		right = p == date ? sw - dw : 4;
	else
		right = p == date ? 4 : 8 + dw - sw;
	return (int)(right * 50);
}

/*
 * A closing paragraph: flush right at its indent, no first-line indent,
 * and a blank line's space above the first (正文下空一行).
 */
static void
put_closing(struct docx *dx, const struct node *p)
{
	int	 before = role_of(p->prev) != PARA_SIGNER ?
		    dx->kit->body_sz * 18 : 0;

	para_open_at(dx, ROLE_NORMAL, 0, closing_right(p), before,
	    PARA_NO_INDENT);
	put_inlines(dx, p);
	para_close(dx);
}

/* A run-in heading whose body paragraph follows (and will be written). */
static int
is_run_in(const struct node *h)
{
	return node_run_in_body(h) != NULL && h->next->first_child != NULL;
}

static void
put_heading(struct docx *dx, const struct node *h)
{
	int	 level = heading_level(dx, h);
	int	 mark = dx->toc && level <= TOC_LEVELS;

	para_open(dx, (enum docx_role)(ROLE_HEADING + level - 1), 0,
	    is_run_in(h) ? PARA_HIDDEN_END : 0);
	if (mark)
		bookmark_start(dx);
	put_label(dx, h->as.heading.label);
	put_inlines(dx, h);
	if (mark)
		bookmark_end(dx);
	para_close(dx);
}

static void
put_point(struct docx *dx, const struct node *pt)
{
	int	 lead = dx->opts->bold_leads && pt->first_child != NULL &&
	    pt->first_child->type == NODE_POINT_LEAD;

	/* The label belongs to the lead sentence: 一是注重党建引领。 */
	dx->lead += lead;
	/* As written: the text follows the label with nothing between. */
	if (!blank(pt->as.point.label))
		put_run(dx, pt->as.point.label, strlen(pt->as.point.label));
	dx->lead -= lead;
	put_inlines(dx, pt);
}

/*
 * Inline points stay in one paragraph, as official documents have them.
 * The first paragraph takes first_flags (PARA_NO_INDENT after a run-in
 * heading, whose line it continues).
 */
static void
put_point_list(struct docx *dx, const struct node *list, int first_flags)
{
	const struct node	*c;
	int			 open = 0;

	for (c = list->first_child; c != NULL; c = c->next) {
		if (!open) {
			para_open(dx, body_role(dx), quote_left(dx),
			    c == list->first_child ? first_flags : 0);
			open = 1;
		}
		if (c->type == NODE_POINT)
			put_point(dx, c);
		else
			put_inlines(dx, c);
		if (dx->points == POINTS_SPLIT || c->next == NULL) {
			para_close(dx);
			open = 0;
		}
	}
}

/* The point list that is a list item's text, or NULL. */
static const struct node *
item_points(const struct node *item)
{
	return item->first_child != NULL &&
	    item->first_child->type == NODE_POINT_LIST ?
	    item->first_child : NULL;
}

static void
put_item(struct docx *dx, const struct node *item)
{
	const struct node	*list = item->parent;
	int			 depth = dx->list_depth;
	char			 num[16];

	para_open(dx, ROLE_LIST, depth > 1 ? 200 * (depth - 1) : 0, 0);
	if (item->as.item.label != NULL)
		put_label(dx, item->as.item.label);
	else if (list->as.list.ordered && depth >= 1 && depth <= LIST_DEPTH) {
		snprintf(num, sizeof(num), "%d.", ++dx->num[depth - 1]);
		put_run(dx, num, strlen(num));
	} else
		put_run(dx, "\xE3\x83\xBB", 3);		/* ・ */
	if (item_points(item) != NULL) {
		/* Points in the item's text stay in its paragraph. */
		const struct node *c;

		for (c = item_points(item)->first_child; c != NULL;
		    c = c->next)
			if (c->type == NODE_POINT)
				put_point(dx, c);
			else
				put_inlines(dx, c);
	} else
		put_inlines(dx, item);
	para_close(dx);
}

/* Borders from the Table Grid style; header rows repeat and are bold. */
static void
put_table(struct docx *dx, const struct node *table)
{
	const struct node	*row, *cell;
	size_t			 cols, i;
	int			 width;

	if ((cols = table_columns(table)) == 0)
		return;
	/* Two tables in a row would merge into one. */
	if (dx->after_table)
		BUF_PUTSL(dx->out, "<w:p/>");
	/* An article that starts with a table starts a page all the same. */
	if (dx->page_break) {
		para_open(dx, ROLE_NORMAL, 0, 0);
		para_close(dx);
	}
	width = dx->kit->page.text_width / (int)cols;
	BUF_PUTSL(dx->out, "<w:tbl><w:tblPr><w:tblStyle w:val=\"");
	put_attr(dx->out, dx->kit->id[ROLE_TABLE_GRID]);
	BUF_PUTSL(dx->out, "\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>"
	    "</w:tblPr><w:tblGrid>");
	for (i = 0; i < cols; i++)
		buf_printf(dx->out, "<w:gridCol w:w=\"%d\"/>", width);
	BUF_PUTSL(dx->out, "</w:tblGrid>");
	for (row = table->first_child; row != NULL; row = row->next) {
		BUF_PUTSL(dx->out, "<w:tr>");
		if (row->as.row.header)
			BUF_PUTSL(dx->out, "<w:trPr><w:tblHeader/></w:trPr>");
		dx->strong += row->as.row.header != 0;
		for (i = 0, cell = row->first_child; i < cols; i++) {
			buf_printf(dx->out, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" "
			    "w:type=\"dxa\"/></w:tcPr>", width);
			para_open(dx, ROLE_TABLE_TEXT, 0, 0);
			if (cell != NULL) {
				put_inlines(dx, cell);
				cell = cell->next;
			}
			para_close(dx);
			BUF_PUTSL(dx->out, "</w:tc>");
		}
		dx->strong -= row->as.row.header != 0;
		BUF_PUTSL(dx->out, "</w:tr>");
	}
	BUF_PUTSL(dx->out, "</w:tbl>");
	dx->after_table = 1;
	dx->blocks++;
}

/* The image of src, loaded once per document; NULL if unusable. */
static const struct docx_media *
load_media(struct docx *dx, const char *src)
{
	const struct resource_loader *rl = &dx->opts->resources;
	struct docx_media m;
	struct buf	 part = BUF_INIT;
	const char	*why = NULL;
	size_t		 i;

	for (i = 0; i < dx->nmedia; i++)
		if (strcmp(dx->media[i].src, src) == 0)
			return &dx->media[i];
	memset(&m, 0, sizeof(m));
	buf_init(&m.data);
	if (rl->load == NULL)
		return NULL;
	if (rl->load(rl->ctx, src, &m.data, &why) != 0) {
		diag_warn(dx->diag, "docx: image %s: %s; caption only", src,
		    why);
		buf_free(&m.data);
		return NULL;
	}
	if (docx_image_info(&m.data, &m.ext, &m.cx, &m.cy) != 0) {
		diag_warn(dx->diag, "docx: %s is not JPEG, PNG or GIF; caption "
		    "only", src);
		buf_free(&m.data);
		return NULL;
	}
	m.src = xstrdup(src);
	buf_printf(&part, "media/image%zu.%s", dx->nmedia + 1, m.ext);
	m.rid = add_rel(dx, "image", part.ptr);
	buf_free(&part);
	dx->media = xreallocarray(dx->media, dx->nmedia + 1,
	    sizeof(*dx->media));
	dx->media[dx->nmedia] = m;
	return &dx->media[dx->nmedia++];
}

/* An inline picture scaled to fit the text block, aspect kept. */
static void
put_drawing(struct docx *dx, const struct docx_media *m, const char *alt)
{
	const struct docx_page *pg = &dx->kit->page;
	int64_t	 cx = (int64_t)m->cx * EMU_PER_PX, cy = (int64_t)m->cy *
	    EMU_PER_PX;
	int64_t	 maxw = (int64_t)pg->text_width * EMU_PER_TWIP;
	int64_t	 maxh = (int64_t)(pg->height - pg->top - pg->bottom) *
	    EMU_PER_TWIP * 3 / 4;
	unsigned id = ++dx->drawings;

	if (cx > maxw) {
		cy = cy * maxw / cx;
		cx = maxw;
	}
	if (cy > maxh && maxh > 0) {
		cx = cx * maxh / cy;
		cy = maxh;
	}
	if (cx < 1)
		cx = 1;
	if (cy < 1)
		cy = 1;
	buf_printf(dx->out, "<w:r><w:drawing><wp:inline distT=\"0\" "
	    "distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"%lld\" "
	    "cy=\"%lld\"/><wp:docPr id=\"%u\" name=\"Picture %u\"",
	    (long long)cx, (long long)cy, id, id);
	if (alt != NULL && alt[0] != '\0') {
		BUF_PUTSL(dx->out, " descr=\"");
		put_attr(dx->out, alt);
		BUF_PUTSL(dx->out, "\"");
	}
	buf_printf(dx->out, "/><wp:cNvGraphicFramePr><a:graphicFrameLocks "
	    "noChangeAspect=\"1\"/></wp:cNvGraphicFramePr><a:graphic>"
	    "<a:graphicData uri=\"" NS_PIC "\"><pic:pic><pic:nvPicPr>"
	    "<pic:cNvPr id=\"0\" name=\"image.%s\"/><pic:cNvPicPr/>"
	    "</pic:nvPicPr><pic:blipFill><a:blip r:embed=\"rId%d\"/>"
	    "<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr>"
	    "<a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"%lld\" cy=\"%lld\"/>"
	    "</a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>"
	    "</pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>"
	    "</w:drawing></w:r>", m->ext, m->rid, (long long)cx,
	    (long long)cy);
}

/*
 * An image when --images is on and it can be loaded, then its caption;
 * otherwise the caption alone, or "［图：alt］" as the text writer has it.
 */
static void
put_figure(struct docx *dx, const struct node *fig)
{
	const struct docx_media	*m = NULL;
	const char		*alt = fig->as.figure.alt;
	struct buf		 b = BUF_INIT;

	if (dx->opts->embed_images && fig->as.figure.src != NULL &&
	    fig->as.figure.src[0] != '\0')
		m = load_media(dx, fig->as.figure.src);
	if (m != NULL) {
		para_open(dx, ROLE_FIGURE, 0, 0);
		put_drawing(dx, m, alt);
		para_close(dx);
	}
	if (fig->first_child != NULL) {
		para_open(dx, ROLE_CAPTION, 0, 0);
		put_inlines(dx, fig);
		para_close(dx);
	} else if (m == NULL && alt != NULL && alt[0] != '\0') {
		buf_puts(&b, dx->kit->hant ? "［圖：" : "［图：");
		buf_puts(&b, alt);
		buf_puts(&b, "］");
		put_text_para(dx, ROLE_CAPTION, b.ptr, b.len);
	}
	buf_free(&b);
}

static void
put_blocks(struct docx *dx, const struct node *root)
{
	struct iter		 it;
	enum iter_event		 ev;
	const struct node	*n;

	iter_init(&it, root);
	while ((ev = iter_next(&it)) != ITER_DONE) {
		n = it.node;
		if (n == root)
			continue;
		if (ev == ITER_EXIT) {
			if (n->type == NODE_QUOTE)
				dx->quote--;
			else if (n->type == NODE_LIST)
				dx->list_depth--;
			continue;
		}
		switch (n->type) {
		case NODE_PARAGRAPH:
			if (n->first_child == NULL)
				break;
			if (n->parent->type == NODE_LIST_ITEM) {
				/* Text after a nested list: its item's. */
				para_open(dx, ROLE_LIST, 200 * dx->list_depth,
				    0);
				put_inlines(dx, n);
				para_close(dx);
				break;
			}
			if (n->parent->type == NODE_DOCUMENT &&
			    (role_of(n) == PARA_SIGNER ||
			    role_of(n) == PARA_DATE)) {
				put_closing(dx, n);
				break;
			}
			/*
			 * The addressee and a letter's 敬礼 stand flush
			 * left (顶格), the document number centred.
			 */
			para_open(dx, body_role(dx), quote_left(dx),
			    role_of(n) == PARA_DOCNUM ? PARA_NO_INDENT |
			    PARA_CENTER :
			    role_of(n) == PARA_ADDRESSEE ||
			    role_of(n) == PARA_SALUTE ||
			    (node_is_run_in_body(n) && is_run_in(n->prev)) ?
			    PARA_NO_INDENT : 0);
			put_inlines(dx, n);
			para_close(dx);
			break;
		case NODE_HEADING:
			put_heading(dx, n);
			break;
		case NODE_POINT_LIST:
			/* An item's text is written with the item. */
			if (n->parent->type != NODE_LIST_ITEM ||
			    item_points(n->parent) != n)
				put_point_list(dx, n,
				    node_is_run_in_body(n) &&
				    is_run_in(n->prev) ? PARA_NO_INDENT : 0);
			break;
		case NODE_LIST:
			if (n->first_child == NULL)
				break;
			if (++dx->list_depth <= LIST_DEPTH)
				dx->num[dx->list_depth - 1] = 0;
			continue;	/* into the items */
		case NODE_LIST_ITEM:
			put_item(dx, n);
			continue;	/* into a nested list */
		case NODE_QUOTE:
			if (n->first_child != NULL)
				dx->quote++;
			continue;
		case NODE_TABLE:
			put_table(dx, n);
			break;
		case NODE_FIGURE:
			put_figure(dx, n);
			break;
		case NODE_RULE:
			para_open(dx, ROLE_RULE, 0, 0);
			para_close(dx);
			break;
		default:
			break;
		}
		iter_skip_children(&it);
	}
}

/* Text of a TOC entry: label, separator, heading text. */
static void
toc_entry(struct docx *dx, int level, const char *label, const char *text,
    const struct node *h, int *first)
{
	struct buf	 b = BUF_INIT;

	if (h != NULL)
		labelled_text(label, h, &b);
	else
		buf_puts(&b, text);
	BUF_PUTSL(dx->out, "<w:p><w:pPr><w:pStyle w:val=\"");
	put_attr(dx->out, dx->kit->id[ROLE_TOC + level - 1]);
	BUF_PUTSL(dx->out, "\"/></w:pPr>");
	if (*first) {
		BUF_PUTSL(dx->out, "<w:r><w:fldChar w:fldCharType=\"begin\"/>"
		    "</w:r><w:r><w:instrText xml:space=\"preserve\"> TOC "
		    "\\o \"1-3\" \\h \\z \\u </w:instrText></w:r>"
		    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>");
		*first = 0;
	}
	dx->bookmarks++;
	buf_printf(dx->out, "<w:hyperlink w:anchor=\"_Toc%08d\" "
	    "w:history=\"1\">", dx->bookmarks);
	put_run(dx, b.ptr, b.len);
	BUF_PUTSL(dx->out, "</w:hyperlink></w:p>");
	buf_free(&b);
}

/*
 * The TOC: a heading, then the field whose result lists every heading of
 * levels 1-3 in the order the body will bookmark them (article titles
 * first when combined).  The bookmark counter is reset afterwards so that
 * the body numbers its bookmarks the same way.
 */
static void
put_toc(struct docx *dx, const struct doc *const *docs, size_t ndocs)
{
	struct iter		 it;
	const struct node	*n;
	size_t			 i;
	int			 first = 1, level;
	const char		*title;

	para_open(dx, ROLE_TOC_HEADING, 0, 0);
	put_run(dx, dx->kit->hant ? "目錄" : "目录", 6);
	para_close(dx);
	for (i = 0; i < ndocs; i++) {
		title = docs[i]->meta[META_TITLE];
		if (dx->kit->shift && title != NULL && title[0] != '\0')
			toc_entry(dx, 1, NULL, title, NULL, &first);
		iter_init(&it, docs[i]->root);
		while (iter_next(&it) != ITER_DONE) {
			n = it.node;
			if (it.event != ITER_ENTER || n->type != NODE_HEADING)
				continue;
			level = heading_level(dx, n);
			if (level <= TOC_LEVELS)
				toc_entry(dx, level, n->as.heading.label, NULL,
				    n, &first);
			iter_skip_children(&it);
		}
	}
	if (first)
		BUF_PUTSL(dx->out, "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/>"
		    "</w:r><w:r><w:instrText xml:space=\"preserve\"> TOC "
		    "\\o \"1-3\" \\h \\z \\u </w:instrText></w:r>"
		    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
		    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>");
	else {
		/* Close the field inside the last entry's paragraph. */
		buf_truncate(dx->out, dx->out->len - (sizeof("</w:p>") - 1));
		BUF_PUTSL(dx->out, "<w:r><w:fldChar w:fldCharType=\"end\"/>"
		    "</w:r></w:p>");
	}
	dx->bookmarks = 0;
}

/* Kicker, title, subtitle and the metadata line of one document. */
static void
put_front(struct docx *dx, const struct doc *doc)
{
	const char	*kicker = doc->meta[META_KICKER];
	const char	*title = doc->meta[META_TITLE];
	const char	*sub = doc->meta[META_SUBTITLE];
	struct buf	 line = BUF_INIT;

	if (kicker != NULL && kicker[0] != '\0')
		put_text_para(dx, ROLE_SUBTITLE, kicker, strlen(kicker));
	if (title != NULL && title[0] != '\0') {
		if (dx->kit->shift) {
			para_open(dx, ROLE_HEADING, 0, 0);
			if (dx->toc)
				bookmark_start(dx);
			put_title_runs(dx, title, strlen(title));
			if (dx->toc)
				bookmark_end(dx);
			para_close(dx);
		} else {
			para_open(dx, ROLE_TITLE, 0, 0);
			put_title_runs(dx, title, strlen(title));
			para_close(dx);
		}
	}
	if (sub != NULL && sub[0] != '\0')
		put_text_para(dx, ROLE_SUBTITLE, sub, strlen(sub));
	meta_line(doc, &line);
	if (line.len > 0)
		put_text_para(dx, ROLE_META, line.ptr, line.len);
	buf_free(&line);
}

static void
put_document(struct docx *dx, const struct doc *const *docs, size_t ndocs,
    const char *collection)
{
	size_t	 i;

	BUF_PUTSL(dx->out, DOCX_XML_DECL "<w:document xmlns:w=\"" DOCX_NS_W
	    "\" xmlns:r=\"" DOCX_NS_R "\" xmlns:wp=\"" NS_WP "\" xmlns:a=\""
	    NS_A "\" xmlns:pic=\"" NS_PIC "\"><w:body>");
	if (ndocs > 1) {
		if (collection != NULL && collection[0] != '\0') {
			para_open(dx, ROLE_TITLE, 0, 0);
			put_title_runs(dx, collection, strlen(collection));
			para_close(dx);
		}
		put_toc(dx, docs, ndocs);
	}
	for (i = 0; i < ndocs; i++) {
		dx->quote = 0;
		dx->list_depth = 0;
		dx->page_break = ndocs > 1;
		put_front(dx, docs[i]);
		if (ndocs == 1 && dx->toc)
			put_toc(dx, docs, ndocs);
		put_blocks(dx, docs[i]->root);
	}
	/* The body ends with a paragraph, as Word's own files do. */
	if (dx->after_table || dx->blocks == 0)
		BUF_PUTSL(dx->out, "<w:p/>");
	BUF_PUTSL(dx->out, "<w:sectPr>");
	if (dx->kit->even_odd)
		BUF_PUTSL(dx->out, "<w:footerReference w:type=\"even\" "
		    "r:id=\"rId5\"/>");
	BUF_PUTSL(dx->out, "<w:footerReference w:type=\"default\" "
	    "r:id=\"rId4\"/>");
	buf_putbuf(dx->out, &dx->kit->sect);
	BUF_PUTSL(dx->out, "</w:sectPr></w:body></w:document>");
}

/*
 * The fixed relationships of document.xml: rId1-3 styles, settings and
 * fonts, rId4 the (odd-page) footer, rId5 the even-page footer, then the
 * reference document's theme and numbering; links and images follow.
 */
static void
fixed_rels(struct docx *dx)
{
	add_rel(dx, "styles", "styles.xml");
	add_rel(dx, "settings", "settings.xml");
	add_rel(dx, "fontTable", "fontTable.xml");
	add_rel(dx, "footer", "footer1.xml");
	if (dx->kit->even_odd)
		add_rel(dx, "footer", "footer2.xml");
	else
		dx->next_rid++;
	if (dx->kit->theme.len > 0)
		add_rel(dx, "theme", "theme/theme1.xml");
	if (dx->kit->numbering.len > 0)
		add_rel(dx, "numbering", "numbering.xml");
}

static int
docx_render(const struct doc *const *docs, size_t ndocs,
    const struct render_opts *opts, struct buf *out, struct diag *diag)
{
	const struct docx_options *dxo = writer_options(opts, &writer_docx);
	struct docx_kit	 kit;
	struct docx	 dx;
	struct docx_parts parts;
	struct buf	 body = BUF_INIT;
	const char	*lang = writer_lang(docs[0], opts);
	const char	*title = docs[0]->meta[META_TITLE];
	size_t		 i;
	int		 rc = -1;

	if (ndocs > 1 && opts->collection_title != NULL)
		title = opts->collection_title;
	docx_kit_init(&kit, opts, lang, ndocs > 1);
	memset(&dx, 0, sizeof(dx));
	buf_init(&dx.rels);
	dx.opts = opts;
	dx.kit = &kit;
	dx.diag = diag;
	dx.out = &body;
	dx.next_rid = 1;
	dx.toc = dxo->toc || ndocs > 1;
	dx.points = writer_points(opts, POINTS_INLINE);
	if (dxo->reference_doc.len > 0 &&
	    docx_ref_apply(&kit, dxo->reference_doc, diag) != 0)
		goto out;
	fixed_rels(&dx);
	put_document(&dx, docs, ndocs, opts->collection_title);
	parts.document = &body;
	parts.rels = &dx.rels;
	parts.media = dx.media;
	parts.nmedia = dx.nmedia;
	parts.doc = docs[0];
	parts.title = title;
	parts.lang = lang;
	rc = docx_pack(&kit, &parts, opts, out, diag);
out:
	for (i = 0; i < dx.nmedia; i++) {
		free(dx.media[i].src);
		buf_free(&dx.media[i].data);
	}
	free(dx.media);
	buf_free(&dx.rels);
	buf_free(&body);
	docx_kit_free(&kit);
	return rc;
}

/* --reference-doc: any zip package; docx_ref.c reads what it needs. */
static int
is_zip(const char *p, size_t len)
{
	return len >= 4 && memcmp(p, "PK\3\4", 4) == 0 ? 0 : -1;
}

static const char *const style_words[] = { "official", "plain", NULL };

static const struct writer_option docx_option_table[] = {
	{
		.name = "docx-style",
		.kind = WOPT_WORD,
		.arg = "STYLE",
		.help = "official (GB/T 9704, default) or plain",
		.man = "DOCX layout: GB/T 9704-2012 official document "
		    "(default) or a plain\nmodern document.",
		.offset = offsetof(struct docx_options, style),
		.words = style_words,
	},
	{
		.name = "reference-doc",
		.kind = WOPT_FILE,
		.arg = "FILE",
		.help = "take styles, fonts and page setup from\n"
		    "Word file FILE",
		.man = "DOCX: take styles, fonts and page setup from a Word "
		    "document: a regular\nfile (not a FIFO or device) of at "
		    "most 64 MB holding a zip package.\nParts that hold a "
		    "DTD are refused, as ECMA-376 requires.",
		.offset = offsetof(struct docx_options, reference_doc),
		.max_size = (size_t)64 << 20,
		.check = is_zip,
		.takes = "a Word file (.docx)",
	},
	{
		.name = "toc",
		.kind = WOPT_FLAG,
		.help = "insert a table of contents",
		.man = "DOCX: insert a table of contents.",
		.offset = offsetof(struct docx_options, toc),
	},
	{ .name = NULL }
};

static const struct docx_options docx_defaults = {
	.style = DOCX_OFFICIAL,
};

const struct writer writer_docx = {
	.name = "docx",
	.extension = "docx",
	.description = "Word document: GB/T 9704 official layout or plain, "
	    "styles, TOC",
	.zip = 1,
	.text_parts = "word/document.xml",
	.options = docx_option_table,
	.options_size = sizeof(struct docx_options),
	.options_default = &docx_defaults,
	.render = docx_render,
};
