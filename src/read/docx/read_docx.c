/*
 * The DOCX reader: a Word file (WordprocessingML, as written by Word, WPS,
 * LibreOffice, pandoc or artconv) into the document tree.
 *
 * 1. The bytes: a zip (read safely, read_docx_zip.c), or an OLE compound
 *    file, which is either an encrypted OOXML document or a Word 97-2003
 *    .doc: both are refused with what to do instead.
 * 2. The package: the main part from _rels/.rels, its relationships
 *    (styles, numbering, notes, comments, hyperlinks, pictures), the core
 *    properties.
 * 3. The body (read_docx_body.c), with the styles and automatic numbers
 *    (read_docx_style.c), footnotes and endnotes read first so that their
 *    references can be numbered.
 * 4. The head, as a reader of the page sees it: a "Title" paragraph, else
 *    the only top-level heading that opens the document (pandoc without a
 *    title block, files whose title is "标题 1"), else the same rules as
 *    for plain text: the line above a metadata line, or a first line
 *    shaped like a title.  Metadata paragraphs (pandoc's Author and Date,
 *    artconv's Metadata line, "来源：…" lines) become metadata.  The core
 *    properties fill what the text leaves open: the title, the author
 *    (not Office's default account names) and the date of creation
 *    (China time; placeholder dates before 2000-01-02 are ignored).
 * 5. Then what every reader does: shaping (bold lines as subheads,
 *    heading levels ranked by nesting) and the outline recognition of
 *    plain text, for the many files whose headings are bold lines typed
 *    with 一、: the file's styles are evidence, not the last word.
 * 6. Notes go last: a rule, then a list of "[N]" items.
 *
 * Comments, deleted text, hidden text, generated contents, placeholder
 * text of content controls and symbol-font characters are left out and
 * counted (-v); embedded documents (w:altChunk) are warned about.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "analyze/analyze.h"
#include "analyze/article.h"
#include "analyze/outline.h"
#include "analyze/shape.h"
#include "io/xml_util.h"
#include "read/reader.h"
#include "tree/alloc.h"
#include "tree/buf.h"
#include "tree/utf8.h"
#include "read_docx_int.h"

static const unsigned char ole_magic[8] = {
	0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1
};

/* --- sniffing ------------------------------------------------------------ */

static int
has_bytes(const char *data, size_t len, const char *what, size_t n)
{
	size_t	 i;

	for (i = 0; i + n <= len; i++)
		if (data[i] == what[0] && memcmp(data + i, what, n) == 0)
			return 1;
	return 0;
}

static int
docx_sniff(const char *data, size_t len)
{
	size_t	 tail = len > 65536 ? len - 65536 : 0;

	if (len >= 8 && memcmp(data, ole_magic, 8) == 0)
		return 85;
	if (len < 4 || memcmp(data, "PK\3\4", 4) != 0)
		return 0;
	/* Entry names: in the first local headers or the central directory. */
	if (has_bytes(data, len < 65536 ? len : 65536, "word/", 5) ||
	    has_bytes(data + tail, len - tail, "word/", 5))
		return 95;
	return 85;	/* any zip: only this reader can say what it is */
}

/* UTF-16LE name of a stream in an OLE directory. */
static int
ole_has_stream(const char *data, size_t len, const char *ascii)
{
	char	 u[64];
	size_t	 n = strlen(ascii), i;

	if (n * 2 > sizeof(u))
		return 0;
	for (i = 0; i < n; i++) {
		u[2 * i] = ascii[i];
		u[2 * i + 1] = '\0';
	}
	return has_bytes(data, len, u, n * 2);
}

static int
refuse_ole(const char *data, size_t len, struct diag *diag)
{
	if (ole_has_stream(data, len, "EncryptedPackage"))
		return diag_error(diag, "an encrypted (password-protected) "
		    "Word document: open it in Word or WPS, remove the "
		    "password and save it again");
	if (ole_has_stream(data, len, "WordDocument"))
		return diag_error(diag, "a Word 97-2003 .doc file, not DOCX: "
		    "open it in Word, WPS or LibreOffice and save it as DOCX "
		    "(soffice --headless --convert-to docx FILE)");
	return diag_error(diag, "an OLE compound file (an old Office format), "
	    "not a DOCX file");
}

/* --- the package --------------------------------------------------------- */

static void
rels_free(struct dx_ctx *cx)
{
	size_t	 i;

	for (i = 0; i < cx->nrels; i++) {
		free(cx->rels[i].id);
		free(cx->rels[i].type);
		free(cx->rels[i].target);
	}
	free(cx->rels);
	cx->rels = NULL;
	cx->nrels = 0;
}

/* Reads a relationships part into cx->rels (replacing what was there). */
static int
load_rels(struct dx_ctx *cx, const char *name)
{
	xmlDoc		*doc;
	xmlNode		*n;
	const char	*id, *type, *target, *mode;
	size_t		 cap = 0;
	int		 absent;

	rels_free(cx);
	if ((doc = dx_xml_parse(cx->zip, name, 1, &absent)) == NULL)
		return absent ? 0 : -1;
	for (n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    (id = xml_plain_attr(n, "Id")) == NULL ||
		    (type = xml_plain_attr(n, "Type")) == NULL ||
		    (target = xml_plain_attr(n, "Target")) == NULL)
			continue;
		if (cx->nrels == cap) {
			cap = cap ? cap * 2 : 32;
			cx->rels = xreallocarray(cx->rels, cap,
			    sizeof(*cx->rels));
		}
		mode = xml_plain_attr(n, "TargetMode");
		cx->rels[cx->nrels].id = xstrdup(id);
		cx->rels[cx->nrels].type = xstrdup(strrchr(type, '/') != NULL ?
		    strrchr(type, '/') + 1 : type);
		cx->rels[cx->nrels].target = xstrdup(target);
		cx->rels[cx->nrels].external = mode != NULL &&
		    strcmp(mode, "External") == 0;
		cx->nrels++;
	}
	xmlFreeDoc(doc);
	return 0;
}

/* The part of the first internal relationship of this type, or NULL. */
static char *
rel_part(const struct dx_ctx *cx, const char *dir, const char *type)
{
	size_t	 i;

	for (i = 0; i < cx->nrels; i++)
		if (!cx->rels[i].external &&
		    strcmp(cx->rels[i].type, type) == 0)
			return dx_part_name(dir, cx->rels[i].target);
	return NULL;
}

/* Core properties: the text of dc:title, dc:creator, dcterms:created. */
struct core {
	char	*title, *creator, *created;
};

static char *
node_content(const xmlNode *n)
{
	xmlChar	*c = xmlNodeGetContent(n);
	char	*s = NULL;

	if (c != NULL) {
		struct buf b = BUF_INIT;
		size_t a, tl = utf8_trim((const char *)c,
		    strlen((const char *)c), &a);

		if (tl > 0) {
			buf_put(&b, c + a, tl);
			s = buf_detach(&b, NULL);
		}
		xmlFree(c);
	}
	return s;
}

static void
load_core(struct dx_ctx *cx, const char *part, struct core *core)
{
	xmlDoc		*doc;
	xmlNode		*n;
	int		 absent;

	memset(core, 0, sizeof(*core));
	if (part == NULL ||
	    (doc = dx_xml_parse(cx->zip, part, 0, &absent)) == NULL)
		return;
	for (n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "title") == 0 &&
		    core->title == NULL)
			core->title = node_content(n);
		else if (strcmp((const char *)n->name, "creator") == 0 &&
		    core->creator == NULL)
			core->creator = node_content(n);
		else if (strcmp((const char *)n->name, "created") == 0 &&
		    core->created == NULL)
			core->created = node_content(n);
	}
	xmlFreeDoc(doc);
}

static void
core_free(struct core *core)
{
	free(core->title);
	free(core->creator);
	free(core->created);
}

/*
 * dcterms:created (UTC, W3CDTF) as the article's date in China time,
 * "YYYY-MM-DD HH:MM", or "YYYY-MM-DD" at midnight; NULL for dates before
 * 2000-01-02 (placeholders: Office's 1601 and 1899, artconv's 2000-01-01).
 */
static char *
core_date(const char *w3c)
{
	struct tm	 tm;
	time_t		 t;
	char		 out[32];
	int		 y, mo, d, h = 0, mi = 0, s = 0;

	if (w3c == NULL || sscanf(w3c, "%4d-%2d-%2d", &y, &mo, &d) != 3 ||
	    mo < 1 || mo > 12 || d < 1 || d > 31 || y < 2000 || y > 9999)
		return NULL;
	if (strlen(w3c) >= 16 && w3c[10] == 'T')
		sscanf(w3c + 11, "%2d:%2d:%2d", &h, &mi, &s);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	t = timegm(&tm);
	if (t == (time_t)-1 || t < 946771200)	/* 2000-01-02T00:00:00Z */
		return NULL;
	t += 8 * 3600;
	if (gmtime_r(&t, &tm) == NULL)
		return NULL;
	if (tm.tm_hour == 0 && tm.tm_min == 0 && tm.tm_sec == 0)
		strftime(out, sizeof(out), "%Y-%m-%d", &tm);
	else
		strftime(out, sizeof(out), "%Y-%m-%d %H:%M", &tm);
	return xstrdup(out);
}

/* Account names Office and other tools put in dc:creator by themselves. */
static int
generic_creator(const char *s)
{
	static const char *const names[] = {
		"administrator", "admin", "user", "owner", "microsoft",
		"microsoft office user", "microsoft office 用户", "微软用户",
		"微软中国", "windows 用户", "windows user", "python-docx",
		"un-named", "unknown", "author", "作者", "dell", "hp", "lenovo",
		"pc", "apache poi", "artconv", NULL
	};
	size_t	 i;

	for (i = 0; names[i] != NULL; i++)
		if (strcasecmp(s, names[i]) == 0)
			return 1;
	return 0;
}

/* --- the head ------------------------------------------------------------ */

static int
rule_is(const struct node *n, const char *rule)
{
	return n->rule != NULL && strcmp(n->rule, rule) == 0;
}



static void
take_meta_block(struct doc *doc, struct node *n, struct diag *diag)
{
	struct article_meta	 m = { 0 };
	struct buf		 t = BUF_INIT;
	char			*date;
	size_t			 a, e;

	node_text(n, &t);
	if (article_meta_line(t.ptr, t.len, &m))
		article_meta_apply(&m, doc);
	else if ((date = article_find_date(t.ptr, t.len, &a, &e)) != NULL &&
	    utf8_count(t.ptr, a) + utf8_count(t.ptr + e, t.len - e) <= 4) {
		if (doc->meta[META_DATE] == NULL)
			doc_set_meta(doc, META_DATE, date);
		free(date);
	} else if (t.len > 0 && doc->meta[META_AUTHOR] == NULL) {
		doc_set_meta(doc, META_AUTHOR, t.ptr);
	}
	article_meta_free(&m);
	diag_note(diag, "paragraph %u: metadata (%s)", n->line,
	    n->rule != NULL ? n->rule : "metadata line");
	buf_free(&t);
	node_free(n);
}

static void
set_title_from(struct doc *doc, struct node *n, const char *why,
    struct diag *diag)
{
	struct buf	 t = BUF_INIT;

	if (n->type == NODE_HEADING && n->as.heading.label != NULL)
		buf_puts(&t, n->as.heading.label);
	node_text(n, &t);
	doc_set_meta(doc, META_TITLE, t.ptr);
	diag_note(diag, "paragraph %u: title (%s)", n->line, why);
	buf_free(&t);
	node_free(n);
}

/*
 * A title printed over two lines (GB/T 9704 §7.2), as the text reader
 * reads it: the paragraph above title opens the document, and both are
 * short title-shaped phrases (at most 40 characters, no full stop, no
 * navigation).  Returns that first line, or NULL.
 */
static struct node *
title_first_line(const struct doc *doc, const struct node *title)
{
	struct node	*upper = title->prev;
	struct buf	 t = BUF_INIT;
	int		 yes;

	if (upper == NULL || upper != doc->root->first_child ||
	    upper->type != NODE_PARAGRAPH)
		return NULL;
	node_text(title, &t);
	yes = utf8_count(t.ptr, t.len) <= 40;
	buf_truncate(&t, 0);
	node_text(upper, &t);
	yes = yes && article_title_shaped(t.ptr, t.len) &&
	    utf8_count(t.ptr, t.len) <= 40 && strstr(t.ptr, "。") == NULL &&
	    strpbrk(t.ptr, ">|") == NULL && strstr(t.ptr, "｜") == NULL &&
	    !article_chrome_line(t.ptr, t.len);
	buf_free(&t);
	return yes ? upper : NULL;
}

/* "——2026年1月27日在…会议上" or "（2018年1月2日）" under a title. */
static int
subtitle_line(const struct node *n)
{
	struct buf	 t = BUF_INIT;
	char		*d = NULL;
	int		 yes;

	node_text(n, &t);
	yes = ((strncmp(t.ptr, "——", 6) == 0 || strncmp(t.ptr, "—", 3) == 0) &&
	    utf8_count(t.ptr, t.len) <= 60) ||
	    ((strncmp(t.ptr, "（", 3) == 0 || t.ptr[0] == '(') &&
	    utf8_count(t.ptr, t.len) <= 20 &&
	    (d = article_find_date(t.ptr, t.len, NULL, NULL)) != NULL);
	free(d);
	buf_free(&t);
	return yes;
}

/* Subtitle ("——…" or a Subtitle paragraph) and metadata right after. */
static void
after_title(struct doc *doc, struct node *next, struct diag *diag)
{
	struct article_meta	 m;
	struct buf		 t = BUF_INIT;
	struct node		*n;

	while ((n = next) != NULL && n->type == NODE_PARAGRAPH) {
		next = n->next;
		buf_truncate(&t, 0);
		node_text(n, &t);
		memset(&m, 0, sizeof(m));
		if (rule_is(n, DX_RULE_SUBTITLE) || subtitle_line(n)) {
			if (doc->meta[META_SUBTITLE] == NULL)
				doc_set_meta(doc, META_SUBTITLE, t.ptr);
			diag_note(diag, "paragraph %u: subtitle", n->line);
			node_free(n);
		} else if (rule_is(n, DX_RULE_META) ||
		    article_meta_line(t.ptr, t.len, &m)) {
			article_meta_free(&m);
			take_meta_block(doc, n, diag);
		} else {
			article_meta_free(&m);
			break;
		}
	}
	buf_free(&t);
	/* "——2025年1月20日在…上": the subtitle dates the article. */
	if (doc->meta[META_DATE] == NULL && doc->meta[META_SUBTITLE] != NULL) {
		char *d = article_find_date(doc->meta[META_SUBTITLE],
		    strlen(doc->meta[META_SUBTITLE]), NULL, NULL);

		if (d != NULL)
			doc_set_meta(doc, META_DATE, d);
		free(d);
	}
}

#define HEAD_BLOCKS	12


/*
 * Finds the title, subtitle and metadata among the first blocks.
 * Returns 1 if the head was a web page's (chrome above a title over a
 * metadata line), whose footer is then looked for too.
 */
static int
take_head(struct doc *doc, struct diag *diag)
{
	struct node	*n, *next, *first, *title = NULL;
	struct buf	 t = BUF_INIT;
	struct article_meta m;
	size_t		 k;
	int		 top, scrape = 0;

	/* Metadata paragraphs by style (pandoc's Author and Date). */
	for (n = doc->root->first_child, k = 0; n != NULL && k < HEAD_BLOCKS;
	    n = next, k++) {
		next = n->next;
		if (n->type == NODE_PARAGRAPH && rule_is(n, DX_RULE_META))
			take_meta_block(doc, n, diag);
	}
	/* A Title paragraph. */
	for (n = doc->root->first_child, k = 0; n != NULL && k < HEAD_BLOCKS;
	    n = n->next, k++)
		if (n->type == NODE_PARAGRAPH && rule_is(n, DX_RULE_TITLE)) {
			title = n;
			break;
		}
	if (title != NULL) {
		next = title->next;
		set_title_from(doc, title, "Title style", diag);
		after_title(doc, next, diag);
		goto out;
	}
	/* The one top-level heading that opens the document. */
	first = doc->root->first_child;
	if (first != NULL && first->type == NODE_HEADING) {
		top = first->as.heading.level;
		for (n = first->next; n != NULL; n = n->next)
			if (n->type == NODE_HEADING &&
			    n->as.heading.level <= top)
				break;
		if (n == NULL && first->next != NULL) {
			next = first->next;
			set_title_from(doc, first, "the only top-level heading, "
			    "first in the document", diag);
			after_title(doc, next, diag);
			goto out;
		}
	}
	/* As in plain text: the paragraph above a metadata line. */
	for (n = doc->root->first_child, k = 0; n != NULL && k < HEAD_BLOCKS;
	    n = n->next, k++) {
		if (n->type != NODE_PARAGRAPH)
			continue;
		buf_truncate(&t, 0);
		node_text(n, &t);
		memset(&m, 0, sizeof(m));
		if (article_meta_line(t.ptr, t.len, &m)) {
			article_meta_free(&m);
			/* Above it, past "——…在…会议上" subtitle lines. */
			for (title = n->prev; title != NULL &&
			    title->type == NODE_PARAGRAPH &&
			    subtitle_line(title); title = title->prev)
				;
			break;
		}
		article_meta_free(&m);
	}
	/*
	 * Chrome above a page's head is short link text: under a line of
	 * article text, the "head" is a notice's closing (sender and date).
	 */
	for (n = title != NULL ? title->prev : NULL; n != NULL; n = n->prev) {
		buf_truncate(&t, 0);
		node_text(n, &t);
		if (article_text_line(t.ptr, t.len)) {
			diag_note(diag, "paragraph %u looks like a title over "
			    "metadata, but text stands above it; kept as text",
			    title->line);
			title = NULL;
			break;
		}
	}
	if (title != NULL && title->type == NODE_PARAGRAPH) {
		buf_truncate(&t, 0);
		node_text(title, &t);
		if (article_title_shaped(t.ptr, t.len)) {
			struct node *upper = title_first_line(doc, title);

			while ((n = doc->root->first_child) != title &&
			    n != upper) {
				diag_note(diag, "paragraph %u: site chrome above "
				    "the title", n->line);
				node_free(n);
			}
			next = title->next;
			set_title_from(doc, title, "the paragraph above the "
			    "metadata line", diag);
			if (upper != NULL) {
				buf_truncate(&t, 0);
				node_text(upper, &t);
				buf_putc(&t, ' ');
				buf_puts(&t, doc->meta[META_TITLE]);
				doc_set_meta(doc, META_TITLE, t.ptr);
				diag_note(diag, "paragraph %u: the title's first "
				    "line (two short lines open the document, "
				    "then the head)", upper->line);
				node_free(upper);
			}
			after_title(doc, next, diag);
			scrape = 1;
			goto out;
		}
	}
	/* A first paragraph shaped like a title, with more after it. */
	first = doc->root->first_child;
	if (first != NULL && first->type == NODE_PARAGRAPH &&
	    first->next != NULL) {
		buf_truncate(&t, 0);
		node_text(first, &t);
		if (article_title_shaped(t.ptr, t.len) && first->first_child != NULL &&
		    first->first_child->type != NODE_LINEBREAK) {
			next = first->next;
			set_title_from(doc, first, rule_is(first,
			    DX_RULE_CENTERED) ? "first paragraph, centred" :
			    "first paragraph, shaped like a title", diag);
			after_title(doc, next, diag);
		}
	}
out:
	buf_free(&t);
	return scrape;
}


/* --- after the body ------------------------------------------------------ */

/* Consecutive quotation paragraphs become one block quote. */
static void
group_quotes(struct doc *doc)
{
	struct node	*c, *next, *q = NULL;

	for (c = doc->root->first_child; c != NULL; c = next) {
		next = c->next;
		if (c->type != NODE_PARAGRAPH || !rule_is(c, DX_RULE_QUOTE)) {
			q = NULL;
			continue;
		}
		if (q == NULL) {
			q = node_new(NODE_QUOTE);
			q->line = c->line;
			q->rule = DX_RULE_QUOTE;
			node_insert_before(c, q);
		}
		node_unlink(c);
		c->rule = DX_RULE_PARAGRAPH;
		node_append(q, c);
	}
}

/* A caption paragraph right after a picture without one becomes its. */
static void
attach_captions(struct doc *doc)
{
	struct node	*c, *next, *f;

	for (c = doc->root->first_child; c != NULL; c = next) {
		next = c->next;
		if (c->type != NODE_PARAGRAPH || !rule_is(c, DX_RULE_CAPTION))
			continue;
		f = c->prev;
		if (f != NULL && f->type == NODE_FIGURE &&
		    f->first_child == NULL) {
			node_move_children(f, c);
			node_free(c);
		} else {
			/*
			 * A caption whose picture is not in the file (artconv
			 * writes one when the image was not embedded): a
			 * figure without image, as it was, never a subhead.
			 */
			f = node_new(NODE_FIGURE);
			f->as.figure.src = xstrdup("");
			f->line = c->line;
			f->rule = DX_RULE_CAPTION;
			node_insert_before(c, f);
			node_move_children(f, c);
			node_free(c);
		}
	}
}

/* Notes at the end: a rule, then "[N]" items in order of reference. */
static void
append_notes(struct dx_ctx *cx, struct doc *doc)
{
	struct node	*list = NULL, *item, *b;
	char		 label[24];
	int		 k;
	size_t		 i;

	for (k = 1; k <= cx->next_number; k++)
		for (i = 0; i < cx->nnotes; i++) {
			struct dx_note *nt = &cx->notes[i];

			if (nt->number != k || nt->blocks == NULL)
				continue;
			if (list == NULL) {
				b = node_new(NODE_RULE);
				b->rule = "notes follow";
				node_append(doc->root, b);
				list = node_new(NODE_LIST);
				list->as.list.ordered = 1;
				list->rule = "Word footnotes and endnotes";
				node_append(doc->root, list);
			}
			item = node_new(NODE_LIST_ITEM);
			snprintf(label, sizeof(label), "[%d]", k);
			item->as.item.label = xstrdup(label);
			while ((b = nt->blocks->first_child) != NULL) {
				node_unlink(b);
				if (item->first_child == NULL &&
				    (b->type == NODE_PARAGRAPH ||
				    b->type == NODE_HEADING)) {
					node_move_children(item, b);
					node_free(b);
				} else if (b->type == NODE_PARAGRAPH) {
					if (node_append(item, b) != 0)
						node_free(b);
				} else {
					/* A table or list in a note: its text. */
					struct buf t = BUF_INIT;
					struct node *p = node_new(
					    NODE_PARAGRAPH);

					node_text(b, &t);
					node_append_text(p, t.ptr, t.len);
					buf_free(&t);
					node_free(b);
					if (p->first_child == NULL ||
					    node_append(item, p) != 0)
						node_free(p);
				}
			}
			node_trim_inlines(item);
			node_append(list, item);
		}
}

static void
report(const struct dx_ctx *cx, size_t comments, struct diag *diag)
{
	const struct dx_counts *c = &cx->counts;

	if (comments > 0)
		diag_note(diag, "docx: %zu comment%s left out", comments,
		    comments == 1 ? "" : "s");
	if (c->deleted > 0)
		diag_note(diag, "docx: %zu tracked deletion%s left out, %zu "
		    "insertion%s read", c->deleted, c->deleted == 1 ? "" : "s",
		    c->inserted, c->inserted == 1 ? "" : "s");
	else if (c->inserted > 0)
		diag_note(diag, "docx: %zu tracked insertion%s read",
		    c->inserted, c->inserted == 1 ? "" : "s");
	if (c->hidden > 0)
		diag_note(diag, "docx: %zu hidden run%s left out", c->hidden,
		    c->hidden == 1 ? "" : "s");
	if (c->fields > 0)
		diag_note(diag, "docx: %zu field%s: result read, instruction "
		    "not", c->fields, c->fields == 1 ? "" : "s");
	if (c->toc > 0)
		diag_note(diag, "docx: %zu paragraph%s of a generated table of "
		    "contents left out", c->toc, c->toc == 1 ? "" : "s");
	if (c->textboxes > 0)
		diag_note(diag, "docx: %zu text box%s read after the paragraph "
		    "anchoring it", c->textboxes, c->textboxes == 1 ? "" : "es");
	if (c->images > 0)
		diag_note(diag, "docx: %zu picture%s (%zu kept for --images)",
		    c->images, c->images == 1 ? "" : "s", c->images_kept);
	if (c->placeholders > 0)
		diag_note(diag, "docx: %zu content control%s showing "
		    "placeholder text left out", c->placeholders,
		    c->placeholders == 1 ? "" : "s");
	if (c->symbols > 0)
		diag_warn(diag, "%zu symbol-font character%s (Wingdings, "
		    "Symbol) left out", c->symbols, c->symbols == 1 ? "" : "s");
	if (c->chunks > 0)
		diag_warn(diag, "%zu embedded document%s (w:altChunk) not read",
		    c->chunks, c->chunks == 1 ? "" : "s");
	if (c->depth_cut > 0)
		diag_warn(diag, "%zu text box%s or table%s nested too deeply "
		    "read flat or left out", c->depth_cut, c->depth_cut == 1 ?
		    "" : "es", c->depth_cut == 1 ? "" : "s");
}

static size_t
count_comments(struct dx_ctx *cx, const char *part)
{
	xmlDoc		*doc;
	xmlNode		*n;
	size_t		 k = 0;
	int		 absent;

	if (part == NULL || (doc = dx_xml_parse(cx->zip, part, 0,
	    &absent)) == NULL)
		return cx->counts.comments;
	for (n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next)
		if (dx_is_w(n, "comment"))
			k++;
	xmlFreeDoc(doc);
	return k;
}

static void
read_notes(struct dx_ctx *cx, const char *part, int kind)
{
	struct node	*junk;

	if (part == NULL)
		return;
	junk = node_new(NODE_DOCUMENT);
	if (dx_body_read(cx, part, junk, 1, kind) != 0)
		diag_warn(cx->diag, "%s not read; its notes are missing",
		    part);
	node_free(junk);
}

static int
docx_read(const char *data, size_t len, const struct read_opts *opts,
    struct doc **out, struct diag *diag)
{
	struct dx_zip	 zip;
	struct dx_ctx	 cx;
	struct core	 core;
	struct doc	*doc = NULL;
	char		*main_part = NULL, *core_part = NULL, *dir = NULL;
	char		*styles = NULL, *numbering = NULL, *foot = NULL;
	char		*end = NULL, *comm = NULL, *date;
	const char	*slash;
	size_t		 i, comments;
	int		 rc = -1, scrape;

	*out = NULL;
	memset(&cx, 0, sizeof(cx));
	memset(&core, 0, sizeof(core));
	memset(&zip, 0, sizeof(zip));
	if (len >= 8 && memcmp(data, ole_magic, 8) == 0)
		return refuse_ole(data, len, diag);
	if (len < 4 || memcmp(data, "PK", 2) != 0)
		return diag_error(diag, "not a DOCX file (not a zip archive)");
	if (dx_zip_open(&zip, data, len, diag) != 0)
		return -1;
	cx.zip = &zip;
	cx.diag = diag;
	cx.keep_media = opts->media;

	/* The main part and the core properties, from the package rels. */
	if (load_rels(&cx, "_rels/.rels") != 0)
		goto out;
	main_part = rel_part(&cx, "", "officeDocument");
	core_part = rel_part(&cx, "", "core-properties");
	if (main_part == NULL || !dx_zip_has(&zip, main_part)) {
		free(main_part);
		main_part = xstrdup("word/document.xml");
	}
	if (core_part == NULL)
		core_part = xstrdup("docProps/core.xml");
	if (!dx_zip_has(&zip, main_part)) {
		diag_error(diag, "a zip archive without word/document.xml: not "
		    "a Word document");
		goto out;
	}
	slash = strrchr(main_part, '/');
	dir = xstrndup(main_part, slash != NULL ?
	    (size_t)(slash - main_part) + 1 : 0);
	cx.main_dir = dir;
	{
		struct buf r = BUF_INIT;

		buf_puts(&r, dir);
		buf_puts(&r, "_rels/");
		buf_puts(&r, main_part + strlen(dir));
		buf_puts(&r, ".rels");
		if (load_rels(&cx, r.ptr) != 0) {
			buf_free(&r);
			goto out;
		}
		buf_free(&r);
	}
	styles = rel_part(&cx, dir, "styles");
	numbering = rel_part(&cx, dir, "numbering");
	foot = rel_part(&cx, dir, "footnotes");
	end = rel_part(&cx, dir, "endnotes");
	comm = rel_part(&cx, dir, "comments");
	cx.styles = dx_styles_load(&zip, styles, numbering, diag);
	load_core(&cx, core_part, &core);
	read_notes(&cx, foot, 0);
	read_notes(&cx, end, 1);

	doc = doc_new();
	cx.doc = doc;
	if (dx_body_read(&cx, main_part, doc->root, 0, 0) != 0)
		goto out;
	comments = count_comments(&cx, comm);
	doc_wrap_item_tails(doc);
	group_quotes(doc);
	attach_captions(doc);
	scrape = take_head(doc, diag);
	if (shape_drop_title_repeat(doc) > 0)
		diag_note(diag, "docx: title repeated above the text left out");
	if (scrape)
		article_cut_footer(doc, "docx", diag);
	/* The core properties fill what the text leaves open. */
	if (doc->meta[META_TITLE] == NULL && core.title != NULL) {
		doc_set_meta(doc, META_TITLE, core.title);
		diag_note(diag, "title from the core properties (dc:title)");
	}
	if (doc->meta[META_AUTHOR] == NULL && core.creator != NULL &&
	    !generic_creator(core.creator) &&
	    (doc->meta[META_PUBLISHER] == NULL ||
	    strcmp(doc->meta[META_PUBLISHER], core.creator) != 0) &&
	    (doc->meta[META_SOURCE] == NULL ||
	    strcmp(doc->meta[META_SOURCE], core.creator) != 0))
		doc_set_meta(doc, META_AUTHOR, core.creator);
	if (doc->meta[META_DATE] == NULL &&
	    (date = core_date(core.created)) != NULL) {
		doc_set_meta(doc, META_DATE, date);
		diag_note(diag, "date from the core properties (created %s)",
		    core.created);
		free(date);
	}
	analyze_article(doc, ANALYZE_LAYOUT, NULL, 0, &opts->outline, diag);
	/* The notes come after the outline: their paragraphs are not outlined. */
	append_notes(&cx, doc);
	report(&cx, comments, diag);
	rc = analyze_deliver(&doc, out, "no text in the document", diag);
out:
	for (i = 0; i < cx.nnotes; i++)
		node_free(cx.notes[i].blocks);
	free(cx.notes);
	rels_free(&cx);
	dx_styles_free(cx.styles);
	core_free(&core);
	doc_free(doc);
	free(main_part);
	free(core_part);
	free(dir);
	free(styles);
	free(numbering);
	free(foot);
	free(end);
	free(comm);
	dx_zip_close(&zip);
	return rc;
}

const struct reader reader_docx = {
	"docx",
	"docx docm dotx dotm doc",
	"Word documents (DOCX from Word, WPS, LibreOffice, pandoc)",
	docx_sniff,
	docx_read,
};
