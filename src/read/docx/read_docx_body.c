/*
 * document.xml (and the notes parts) streamed into blocks
 * (read_docx_int.h).  libxml2's xmlTextReader hands over one node at a
 * time, so memory follows the tree being built, not the XML.
 *
 * Every open element has a frame on a stack saying what it is; an
 * element is handled by what it is and what its parent is (w:b counts
 * only in a run's w:rPr, w:jc only in a paragraph's w:pPr).  Subtrees
 * that hold no visible text of the document are skipped whole: deleted
 * text (w:del, w:moveFrom), old properties (w:pPrChange), section and
 * table properties, the second and later branches of mc:AlternateContent
 * (Word writes a text box twice, as DrawingML and as VML), placeholder
 * content of content controls and generated tables of contents.
 *
 * What becomes of the text:
 *  - a paragraph is a NODE_PARAGRAPH, or a NODE_HEADING when its style
 *    (or w:outlineLvl) makes it one; bulleted paragraphs become list
 *    items; an automatic number ("一、" from numbering.xml) is written
 *    into the text, so that the outline recognition sees what the reader
 *    of the page sees;
 *  - runs: bold (w:b, directly or by character or paragraph style) is
 *    NODE_STRONG, w:em dots and w:i are NODE_EMPH, hyperlinks (w:hyperlink
 *    with an external target, HYPERLINK fields) NODE_LINK, w:br and w:cr
 *    line breaks, w:tab a space; hidden runs (w:vanish) are left out;
 *  - fields: the result is kept, the instruction never;
 *  - footnote and endnote references become "[N]", numbered in order of
 *    reference; the notes themselves are read into holders for the end;
 *  - text boxes (w:txbxContent) become blocks after the paragraph that
 *    anchors them, in document order;
 *  - tables become NODE_TABLE, each cell's paragraphs joined by line
 *    breaks; a table of one cell (a frame around text) gives its
 *    paragraphs as they are;
 *  - pictures (a:blip, v:imagedata) become NODE_FIGURE whose src is the
 *    part's name as the relationship writes it ("media/image1.png"),
 *    with the picture's description as alt text; with media kept, the
 *    bytes travel in doc->media.
 *
 * node->line holds the ordinal of the paragraph in its part.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tree/alloc.h"
#include "tree/utf8.h"
#include "read_docx_int.h"

#define NS_MC	"http://schemas.openxmlformats.org/markup-compatibility/2006"
#define NS_VML	"urn:schemas-microsoft-com:vml"
#define MAX_LEVELS	8	/* body, notes and nested text boxes */
#define MAX_TABLES	16	/* nested tables kept as tables */
#define MAX_FIELDS	16
#define MAX_MEDIA	((zip_uint64_t)256 << 20)

/* What an open element is. */
enum kind {
	K_OTHER,
	K_P, K_PPR, K_PPR_RPR, K_NUMPR,
	K_R, K_RPR, K_T, K_INSTR, K_MATH_T,
	K_HYPERLINK, K_FLDSIMPLE,
	K_TBL, K_TR, K_TRPR, K_TC, K_TCPR,
	K_TXBX, K_ALT, K_SDT, K_SDTPR, K_NOTE,
	K_PASS		/* transparent: no frame needed at its end */
};

struct field {
	int	 result;	/* past w:fldChar separate */
	int	 toc;		/* TOC/INDEX: result left out */
	char	*url;		/* HYPERLINK target, or NULL */
	struct buf instr;
};

struct run {
	int	 bold, emph, hidden;	/* direct, -1 unset */
	char	*style;			/* w:rStyle */
	int	 resolved;
	int	 e_bold, e_emph, e_hidden;
};

struct cell {
	struct node	*holder;	/* blocks of the cell */
	int		 span;		/* w:gridSpan */
	int		 merged;	/* w:vMerge continuation */
};

struct row {
	struct cell	*cells;
	size_t		 n, cap;
	int		 header;
};

struct table {
	struct row	*rows;
	size_t		 n, cap;
	unsigned int	 line;
};

struct para {
	struct node	*node;		/* NODE_PARAGRAPH being filled */
	struct node	*after;		/* holder: text boxes, figures */
	char		*style;
	int		 own_outline, own_num, own_ilvl, own_centered;
	int		 indent;	/* w:ind left, twips (0: the style's) */
	int		 run_in;	/* mark hidden with w:specVanish */
	int		 resolved;
	struct dx_props	 props;
	/* the open spans */
	struct node	*link, *strong, *emph;
	/*
	 * Text not yet in the tree, for run_to: runs are gathered here,
	 * since a paragraph can be split into any number of runs and
	 * appending to a text node one run at a time would copy it each
	 * time.
	 */
	struct buf	 run;
	struct node	*run_to;
};

struct level {
	struct node	*container;	/* where finished blocks go */
	int		 in_para;
	struct para	 p;
	struct run	 r;
	char		*hl_url;	/* the open w:hyperlink's target */
	int		 hl_depth;
	struct field	 fields[MAX_FIELDS];
	int		 nfields, fields_over;
	struct table	*tables[MAX_TABLES];
	int		 ntables;
	struct dx_note	*note;		/* the note being read (notes mode) */
};

struct alt {
	int	 taken;
};

struct sdt {
	int	 skip;		/* placeholder or contents: leave out */
};

struct walk {
	struct dx_ctx	*cx;
	struct dx_xml	*x;
	xmlTextReaderPtr r;
	enum kind	*stack;
	size_t		 depth, cap;
	struct level	*lv[MAX_LEVELS];
	int		 nlv;
	struct alt	 alts[64];
	int		 nalts;
	struct sdt	 sdts[64];
	int		 nsdts;
	/* The indents of the open levels of a list of list paragraphs. */
	int		 lind[8];
	int		 nlind;
	int		 bullet_base;	/* ilvl of a bulleted list's level 0 */
	int		 in_sdtpr;
	unsigned int	 paras;
	char		*alt_text;	/* wp:docPr descr of the next picture */
	int		 notes_mode, note_kind;
};

/* --- names and attributes ------------------------------------------------ */

static int
ns_w(const char *ns)
{
	return ns != NULL && (strcmp(ns, DX_NS_W) == 0 ||
	    strcmp(ns, DX_NS_W_STRICT) == 0);
}

static int
ns_drawing(const char *ns)
{
	return ns != NULL && (strstr(ns, "drawingml") != NULL);
}

static int
ns_math(const char *ns)
{
	return ns != NULL && strstr(ns, "/math") != NULL;
}

/* A w: attribute of the current element (owned by the caller). */
static char *
w_attr(struct walk *w, const char *name)
{
	xmlChar	*v = xmlTextReaderGetAttributeNs(w->r, BAD_CAST name,
		    BAD_CAST DX_NS_W);

	if (v == NULL)
		v = xmlTextReaderGetAttributeNs(w->r, BAD_CAST name,
		    BAD_CAST DX_NS_W_STRICT);
	return (char *)v;
}

static char *
r_attr(struct walk *w, const char *name)
{
	xmlChar	*v = xmlTextReaderGetAttributeNs(w->r, BAD_CAST name,
		    BAD_CAST DX_NS_R);

	if (v == NULL)
		v = xmlTextReaderGetAttributeNs(w->r, BAD_CAST name,
		    BAD_CAST DX_NS_R_STRICT);
	return (char *)v;
}

static int
w_int(struct walk *w, const char *name, int def)
{
	char	*v = w_attr(w, name), *end;
	long	 x;

	if (v == NULL)
		return def;
	x = strtol(v, &end, 10);
	if (end == v || x < -1000000 || x > 1000000)
		x = def;
	xmlFree(v);
	return (int)x;
}

/*
 * A paragraph's own left indent (w:ind), in twips: w:left (w:start in
 * strict files), else w:leftChars (hundredths of a character) at a
 * 16-point character.  0 when unset: the style's indent.
 */
static int
para_indent(struct walk *w)
{
	int	 v;

	if ((v = w_int(w, "left", -1)) >= 0 ||
	    (v = w_int(w, "start", -1)) >= 0)
		return v;
	if ((v = w_int(w, "leftChars", -1)) >= 0 ||
	    (v = w_int(w, "startChars", -1)) >= 0)
		return v * 16 / 5;
	return 0;
}

/* w:val as an on/off switch (absent attribute: on). */
static int
w_on(struct walk *w)
{
	char	*v = w_attr(w, "val");
	int	 on = dx_on(v);

	xmlFree(v);
	return on;
}

const struct dx_rel *
dx_rel_find(const struct dx_ctx *cx, const char *id)
{
	size_t	 i;

	if (id == NULL)
		return NULL;
	for (i = 0; i < cx->nrels; i++)
		if (strcmp(cx->rels[i].id, id) == 0)
			return &cx->rels[i];
	return NULL;
}

/* --- levels -------------------------------------------------------------- */

static struct level *
cur(struct walk *w)
{
	return w->lv[w->nlv - 1];
}

static struct node *
holder_new(void)
{
	return node_new(NODE_DOCUMENT);
}

static void
para_clear(struct para *p)
{
	node_free(p->node);
	node_free(p->after);
	free(p->style);
	buf_free(&p->run);
	memset(p, 0, sizeof(*p));
	buf_init(&p->run);
}

static void
run_clear(struct run *r)
{
	free(r->style);
	memset(r, 0, sizeof(*r));
	r->bold = r->emph = r->hidden = -1;
}

static void
table_free(struct table *t)
{
	size_t	 i, j;

	for (i = 0; i < t->n; i++) {
		for (j = 0; j < t->rows[i].n; j++)
			node_free(t->rows[i].cells[j].holder);
		free(t->rows[i].cells);
	}
	free(t->rows);
	free(t);
}

static void
level_free(struct level *l)
{
	int	 i;

	if (l == NULL)
		return;
	para_clear(&l->p);
	run_clear(&l->r);
	free(l->hl_url);
	for (i = 0; i < l->nfields; i++) {
		free(l->fields[i].url);
		buf_free(&l->fields[i].instr);
	}
	for (i = 0; i < l->ntables; i++)
		table_free(l->tables[i]);
	free(l);
}

/*
 * Opens a level (a text box, a note) filling container, which it takes:
 * past MAX_LEVELS the container is freed and -1 returned (a fuzzed file
 * nesting text boxes without end leaked it).
 */
static int
level_push(struct walk *w, struct node *container)
{
	struct level	*l;

	if (w->nlv == MAX_LEVELS) {
		node_free(container);
		return -1;
	}
	l = xcalloc(1, sizeof(*l));
	buf_init(&l->p.run);
	l->container = container;
	run_clear(&l->r);
	w->lv[w->nlv++] = l;
	return 0;
}

/* The open cell's holder in this level, or the level's container. */
static struct node *
container(struct level *l)
{
	struct table	*t;
	struct row	*rw;

	if (l->ntables > 0) {
		t = l->tables[l->ntables - 1];
		if (t->n > 0) {
			rw = &t->rows[t->n - 1];
			if (rw->n > 0)
				return rw->cells[rw->n - 1].holder;
		}
	}
	return l->container;
}

/* --- text ---------------------------------------------------------------- */

/* Is text to be left out here: a field's instruction or a contents field? */
static int
field_hides(const struct level *l)
{
	int	 i;

	for (i = 0; i < l->nfields; i++)
		if (!l->fields[i].result || l->fields[i].toc)
			return 1;
	return 0;
}

static const char *
field_url(const struct level *l)
{
	int	 i;

	for (i = l->nfields; i > 0; i--)
		if (l->fields[i - 1].url != NULL)
			return l->fields[i - 1].url;
	return NULL;
}

static void
resolve_para(struct walk *w, struct para *p)
{
	struct dx_props	*q = &p->props;

	if (p->resolved)
		return;
	p->resolved = 1;
	memset(q, 0, sizeof(*q));
	q->bold = q->emph = q->hidden = q->centered = -1;
	q->num_id = q->ilvl = -1;
	q->kind = DXS_OTHER;
	dx_para_style(w->cx->styles, p->style, q);
	if (p->own_outline >= 0)
		q->heading = p->own_outline < 9 ? p->own_outline + 1 : 0;
	if (p->own_num >= 0) {
		q->num_id = p->own_num;
		q->ilvl = p->own_ilvl >= 0 ? p->own_ilvl : 0;
	}
	if (p->own_centered >= 0)
		q->centered = p->own_centered;
}

static void
resolve_run(struct walk *w, struct level *l)
{
	struct run	*r = &l->r;
	struct dx_props	 s;

	if (r->resolved)
		return;
	r->resolved = 1;
	memset(&s, 0, sizeof(s));
	s.bold = r->bold;
	s.emph = r->emph;
	s.hidden = r->hidden;
	if (r->style != NULL)
		dx_run_style(w->cx->styles, r->style, &s);
	if (l->in_para) {
		resolve_para(w, &l->p);
		if (s.bold < 0)
			s.bold = l->p.props.bold;
		if (s.emph < 0)
			s.emph = l->p.props.emph;
		if (s.hidden < 0)
			s.hidden = l->p.props.hidden;
	}
	r->e_bold = s.bold > 0;
	r->e_emph = s.emph > 0;
	r->e_hidden = s.hidden > 0;
}

static void
para_start(struct walk *w, struct level *l)
{
	para_clear(&l->p);
	l->in_para = 1;
	l->p.node = node_new(NODE_PARAGRAPH);
	l->p.node->line = ++w->paras;
	l->p.own_outline = l->p.own_num = l->p.own_ilvl = -1;
	l->p.own_centered = -1;
}

static void append_clean(struct node *to, const char *s, size_t len);

/* Moves the gathered text into the tree. */
static void
flush_run(struct para *p)
{
	if (p->run.len > 0 && p->run_to != NULL)
		append_clean(p->run_to, p->run.ptr, p->run.len);
	buf_truncate(&p->run, 0);
	p->run_to = NULL;
}

/* The innermost inline container for text with these properties. */
static struct node *
span_for(struct para *p, const char *url, int bold, int emph)
{
	struct node	*n, *to;

	to = p->run_to;
	if (to != NULL) {
		/* Unchanged properties: the same container, no flush. */
		int same_link = (p->link != NULL) == (url != NULL) &&
		    (p->link == NULL || strcmp(p->link->as.link.url, url) == 0);

		if (same_link && (p->strong != NULL) == bold &&
		    (p->emph != NULL) == emph)
			return to;
		flush_run(p);
	}

	if ((p->link != NULL) != (url != NULL) || (p->link != NULL &&
	    strcmp(p->link->as.link.url, url) != 0)) {
		p->link = p->strong = p->emph = NULL;
		if (url != NULL) {
			n = node_new(NODE_LINK);
			n->as.link.url = xstrdup(url);
			node_append(p->node, n);
			p->link = n;
		}
	}
	if ((p->strong != NULL) != bold) {
		p->strong = p->emph = NULL;
		if (bold) {
			n = node_new(NODE_STRONG);
			node_append(p->link != NULL ? p->link : p->node, n);
			p->strong = n;
		}
	}
	if ((p->emph != NULL) != emph) {
		p->emph = NULL;
		if (emph) {
			n = node_new(NODE_EMPH);
			node_append(p->strong != NULL ? p->strong :
			    p->link != NULL ? p->link : p->node, n);
			p->emph = n;
		}
	}
	return p->emph != NULL ? p->emph : p->strong != NULL ? p->strong :
	    p->link != NULL ? p->link : p->node;
}

/*
 * The word joiner artconv's own DOCX writer puts into numeric ranges
 * ("2021-⁠10-⁠14") to keep them on one line: not part of the text.
 */
static int
invisible(uint32_t cp)
{
	return cp == 0x2060;
}

static void
append_clean(struct node *to, const char *s, size_t len)
{
	size_t		 pos = 0, start = 0, q;
	uint32_t	 cp;

	while (pos < len) {
		if ((unsigned char)s[pos] < 0x80) {
			pos++;
			continue;
		}
		q = pos;
		cp = utf8_next(s, len, &q);
		if (invisible(cp)) {
			node_append_text(to, s + start, pos - start);
			start = q;
		}
		pos = q;
	}
	node_append_text(to, s + start, len - start);
}

/* Text of the current run, with its properties. */
static void
put_text(struct walk *w, const char *s, size_t len, int plain)
{
	struct level	*l = cur(w);
	const char	*url;

	if (len == 0 || field_hides(l))
		return;
	if (!l->in_para)
		para_start(w, l);
	resolve_run(w, l);
	if (!plain && l->r.e_hidden) {
		w->cx->counts.hidden++;
		return;
	}
	url = l->hl_url != NULL ? l->hl_url : field_url(l);
	l->p.run_to = span_for(&l->p, url, !plain && l->r.e_bold,
	    !plain && l->r.e_emph);
	buf_put(&l->p.run, s, len);
}

static void
put_break(struct walk *w)
{
	struct level	*l = cur(w);
	struct node	*to;

	if (field_hides(l))
		return;
	if (!l->in_para)
		para_start(w, l);
	resolve_run(w, l);
	if (l->r.e_hidden)
		return;
	to = span_for(&l->p, l->hl_url != NULL ? l->hl_url : field_url(l),
	    l->r.e_bold, l->r.e_emph);
	flush_run(&l->p);
	node_append(to, node_new(NODE_LINEBREAK));
}

/* --- blocks -------------------------------------------------------------- */

/* Adds block to the container: bulleted items gather into lists. */
static void
emit(struct node *to, struct node *block)
{
	if (node_append(to, block) != 0)
		node_free(block);
}

/*
 * Levels count from the list's first item: a bulleted list nested under
 * a numbered paragraph (pandoc: ilvl 1 under a "1." item read as a
 * paragraph) starts at its own level.
 */
static void
emit_item(struct walk *w, struct node *to, struct node *item, int ilvl)
{
	struct node	*list = to->last_child, *it, *sub;
	int		 d;

	if (list == NULL || list->type != NODE_LIST || list->as.list.ordered ||
	    list->rule == NULL || strcmp(list->rule, "Word bulleted list") !=
	    0) {
		list = node_new(NODE_LIST);
		list->rule = "Word bulleted list";
		list->line = item->line;
		emit(to, list);
		w->bullet_base = ilvl > 0 ? ilvl : 0;
	}
	if (ilvl < w->bullet_base)
		w->bullet_base = ilvl > 0 ? ilvl : 0;
	ilvl -= w->bullet_base;
	for (d = 0; d < ilvl && d < 8; d++) {
		it = list->last_child;
		if (it == NULL)
			break;
		sub = it->last_child;
		if (sub == NULL || sub->type != NODE_LIST) {
			sub = node_new(NODE_LIST);
			sub->rule = "Word bulleted list";
			sub->line = item->line;
			if (node_append(it, sub) != 0) {
				node_free(sub);
				break;
			}
		}
		list = sub;
	}
	if (node_append(list, item) != 0)
		node_free(item);
}

/* 一 二 三 … 十 〇 */
static int
cn_digit(uint32_t cp)
{
	static const uint32_t d[] = { 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
	    0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341, 0x3007 };
	size_t	 i;

	for (i = 0; i < sizeof(d) / sizeof(d[0]); i++)
		if (cp == d[i])
			return 1;
	return 0;
}

/*
 * The label a list paragraph carries as typed text, as artconv's writer
 * puts it: "・" (a bullet: *bullet set), or a number "1." "1．" "一、"
 * "(1)" "（一）".  Returns the bytes of the label and the white space
 * after it (the label alone in *label_len), 0 without one.
 */
static size_t
item_label(const char *s, size_t len, size_t *label_len, int *bullet)
{
	size_t		 pos = 0;
	uint32_t	 cp;
	int		 digits = 0, paren = 0;

	*bullet = 0;
	*label_len = 0;
	if (len == 0)
		return 0;
	cp = utf8_next(s, len, &pos);
	if (cp == 0x30FB || cp == 0x2022 || cp == 0xB7) {	/* ・ • · */
		*bullet = 1;
	} else {
		if (cp == '(' || cp == 0xFF08)
			paren = 1;
		else
			pos = 0;
		for (;;) {
			if (pos >= len)
				return 0;
			cp = utf8_next(s, len, &pos);
			if ((cp >= '0' && cp <= '9') ||
			    (cp >= 0xFF10 && cp <= 0xFF19) || cn_digit(cp)) {
				if (++digits > 4)
					return 0;
				continue;
			}
			if (digits == 0)
				return 0;
			if (paren ? (cp != ')' && cp != 0xFF09) :
			    (cp != '.' && cp != 0xFF0E && cp != 0x3001))
				return 0;
			break;
		}
	}
	*label_len = pos;
	for (;;) {
		if (pos < len && s[pos] == ' ')
			pos++;
		else if (pos + 2 < len && memcmp(s + pos, "\xE3\x80\x80", 3) ==
		    0)
			pos += 3;
		else
			break;
	}
	return pos < len ? pos : 0;
}

/*
 * A paragraph in a list style without Word numbering: an item whose
 * label is typed (artconv's writer, and LibreOffice re-saving its
 * files).  The indent shows the nesting: deeper than the item before,
 * one level down; back to an open level's indent, up to it.  A
 * paragraph without a label is text of the item above its level.
 */
static void
emit_list_para(struct walk *w, struct node *to, struct node *n, int indent)
{
	struct node	*list = to->last_child, *sub, *rest, *owner = NULL;
	struct buf	 text = BUF_INIT;
	size_t		 body, label_len;
	int		 bullet, d, depth, ordered;

	if (list == NULL || list->type != NODE_LIST || list->rule == NULL ||
	    strcmp(list->rule, DX_RULE_LIST_PARA) != 0) {
		list = node_new(NODE_LIST);
		list->rule = DX_RULE_LIST_PARA;
		list->line = n->line;
		emit(to, list);
		w->nlind = 1;
		w->lind[0] = indent;
	}
	depth = w->nlind - 1;
	while (depth > 0 && indent < w->lind[depth])
		depth--;
	if (indent > w->lind[depth] && depth + 1 < 8) {
		depth++;
		w->lind[depth] = indent;
	}
	w->nlind = depth + 1;
	node_text(n, &text);
	body = item_label(text.ptr, text.len, &label_len, &bullet);
	if (body == 0) {
		/* Text of the last item one level up (or of this level). */
		for (d = 0; d + 1 < depth && list->last_child != NULL; d++) {
			sub = list->last_child->last_child;
			if (sub == NULL || sub->type != NODE_LIST)
				break;
			list = sub;
		}
		owner = list->last_child;
	}
	if (owner != NULL) {
		n->rule = DX_RULE_LIST_PARA;
		if (node_append(owner, n) != 0)
			node_free(n);
		buf_free(&text);
		return;
	}
	/* Down to the list at this depth, opening it where needed. */
	for (d = 0; d < depth && list->last_child != NULL; d++) {
		sub = list->last_child->last_child;
		if (sub == NULL || sub->type != NODE_LIST) {
			sub = node_new(NODE_LIST);
			sub->rule = DX_RULE_LIST_PARA;
			sub->line = n->line;
			if (node_append(list->last_child, sub) != 0) {
				node_free(sub);
				break;
			}
		}
		list = sub;
	}
	if (body > 0) {
		rest = node_split_inlines(n, body, NODE_LIST_ITEM);
		while (n->first_child != NULL)
			node_free(n->first_child);
		node_move_children(n, rest);
		node_free(rest);
	}
	ordered = body > 0 && !bullet;
	if (list->first_child != NULL && list->as.list.ordered != ordered) {
		/* A bulleted list after a numbered one, or the reverse. */
		sub = node_new(NODE_LIST);
		sub->rule = DX_RULE_LIST_PARA;
		sub->line = n->line;
		if (node_append(list->parent, sub) != 0)
			node_free(sub);
		else
			list = sub;
	}
	list->as.list.ordered = ordered;
	n->type = NODE_LIST_ITEM;
	n->rule = NULL;
	memset(&n->as, 0, sizeof(n->as));
	if (ordered)	/* kept as written: it may be the item's text */
		n->as.item.label = xstrndup(text.ptr, label_len);
	if (node_append(list, n) != 0)
		node_free(n);
	buf_free(&text);
}

/* Prepends text to the paragraph's inline content. */
static void
prepend_text(struct node *p, const char *s, size_t len)
{
	struct node	*t;

	if (len == 0)
		return;
	t = node_new_text(s, len);
	if (p->first_child != NULL)
		node_insert_before(p->first_child, t);
	else
		node_append(p, t);
}

static void
emit_after(struct node *to, struct node *holder)
{
	struct node	*c;

	if (holder == NULL)
		return;
	while ((c = holder->first_child) != NULL) {
		node_unlink(c);
		emit(to, c);
	}
}

static void
para_end(struct walk *w, struct level *l)
{
	struct para	*p = &l->p;
	struct node	*n, *to = container(l);
	struct buf	 num = BUF_INIT;
	int		 bullet = -1;

	if (!l->in_para)
		return;
	l->in_para = 0;
	resolve_para(w, p);
	flush_run(p);
	n = p->node;
	p->node = NULL;
	if (p->props.kind == DXS_TOC) {
		w->cx->counts.toc++;
		node_free(n);
		goto after;
	}
	if (p->props.num_id > 0)
		bullet = dx_number(w->cx->styles, p->props.num_id,
		    p->props.ilvl, &num);
	node_trim_inlines(n);
	if (n->first_child == NULL) {
		node_free(n);
		goto after;
	}
	if (bullet == 1) {
		n->type = NODE_LIST_ITEM;
		n->rule = NULL;
		emit_item(w, to, n, p->props.ilvl);
		goto after;
	}
	if (p->props.kind == DXS_LIST && bullet < 0 && p->props.heading <= 0) {
		emit_list_para(w, to, n, p->indent);
		goto after;
	}
	prepend_text(n, num.ptr, num.len);
	if (p->props.heading > 0) {
		n->type = NODE_HEADING;
		/* heading 7-9 exist in Word; the tree stops at 6. */
		n->as.heading.level = p->props.heading < 6 ?
		    p->props.heading : 6;
		n->as.heading.run_in = p->run_in;
		n->rule = p->own_outline >= 0 ? DX_RULE_OUTLINE_LEVEL :
		    DX_RULE_STYLE_HEADING;
	} else if (p->props.kind == DXS_TITLE)
		n->rule = DX_RULE_TITLE;
	else if (p->props.kind == DXS_SUBTITLE)
		n->rule = DX_RULE_SUBTITLE;
	else if (p->props.kind == DXS_META)
		n->rule = DX_RULE_META;
	else if (p->props.kind == DXS_QUOTE)
		n->rule = DX_RULE_QUOTE;
	else if (p->props.kind == DXS_CAPTION)
		n->rule = DX_RULE_CAPTION;
	else if (num.len > 0)
		n->rule = DX_RULE_NUMBERED;
	else if (p->props.centered > 0)
		n->rule = DX_RULE_CENTERED;
	else
		n->rule = DX_RULE_PARAGRAPH;
	emit(to, n);
after:
	emit_after(to, p->after);
	buf_free(&num);
	para_clear(p);
}

/* Moves the inline content of a cell's blocks into cell, line by line. */
static void flatten(struct node *cell, struct node *b, int *first);

static void
flatten_inlines(struct node *cell, struct node *from, const char *label,
    int *first)
{
	struct node	*c;

	if (!*first)
		node_append(cell, node_new(NODE_LINEBREAK));
	*first = 0;
	if (label != NULL && *label != '\0')
		node_append_text(cell, label, strlen(label));
	while ((c = from->first_child) != NULL && node_is_inline(c) &&
	    c->type != NODE_POINT_LEAD) {
		node_unlink(c);
		if (node_append(cell, c) != 0)
			node_free(c);
	}
}

static void
flatten(struct node *cell, struct node *b, int *first)
{
	struct node	*c, *row, *x;
	int		 sep;

	switch (b->type) {
	case NODE_PARAGRAPH:
	case NODE_HEADING:
		flatten_inlines(cell, b, b->type == NODE_HEADING ?
		    b->as.heading.label : NULL, first);
		break;
	case NODE_FIGURE:
		if (b->first_child != NULL)
			flatten_inlines(cell, b, NULL, first);
		break;
	case NODE_LIST_ITEM:
		flatten_inlines(cell, b, b->as.item.label, first);
		for (c = b->first_child; c != NULL; c = c->next)
			if (node_is_block(c) || c->type == NODE_LIST_ITEM)
				flatten(cell, c, first);
		break;
	case NODE_LIST:
	case NODE_QUOTE:
	case NODE_DOCUMENT:
		for (c = b->first_child; c != NULL; c = c->next)
			if (node_is_block(c) || c->type == NODE_LIST_ITEM)
				flatten(cell, c, first);
		break;
	case NODE_TABLE:
		for (row = b->first_child; row != NULL; row = row->next) {
			sep = 0;
			for (c = row->first_child; c != NULL; c = c->next) {
				if (c->first_child == NULL)
					continue;
				if (sep)
					node_append_text(cell, " ", 1);
				else if (!*first)
					node_append(cell,
					    node_new(NODE_LINEBREAK));
				*first = 0;
				sep = 1;
				while ((x = c->first_child) != NULL) {
					node_unlink(x);
					if (node_append(cell, x) != 0)
						node_free(x);
				}
			}
		}
		break;
	default:
		break;
	}
}

static void
table_end(struct walk *w, struct level *l)
{
	struct table	*t = l->tables[--l->ntables];
	struct node	*to = container(l), *tbl, *row, *cell;
	size_t		 i, j;
	int		 k, first;

	if (t->n == 1 && t->rows[0].n == 1 && t->rows[0].cells[0].span <= 1) {
		/* A frame around text: its paragraphs, as they are. */
		struct node *c, *h = t->rows[0].cells[0].holder;

		for (c = h->first_child; c != NULL; c = c->next)
			if (c->type == NODE_PARAGRAPH && c->rule != NULL &&
			    strcmp(c->rule, DX_RULE_PARAGRAPH) == 0)
				c->rule = DX_RULE_ONE_CELL;
		emit_after(to, h);
		table_free(t);
		return;
	}
	tbl = node_new(NODE_TABLE);
	tbl->line = t->line;
	for (i = 0; i < t->n; i++) {
		if (t->rows[i].n == 0)
			continue;
		row = node_new(NODE_TABLE_ROW);
		row->as.row.header = t->rows[i].header;
		for (j = 0; j < t->rows[i].n; j++) {
			struct cell *c = &t->rows[i].cells[j];

			cell = node_new(NODE_TABLE_CELL);
			first = 1;
			flatten(cell, c->holder, &first);
			node_trim_inlines(cell);
			node_append(row, cell);
			/* Merged columns keep the grid: empty cells. */
			for (k = 1; k < c->span && k < 64; k++)
				node_append(row, node_new(NODE_TABLE_CELL));
		}
		node_append(tbl, row);
	}
	table_free(t);
	if (tbl->first_child == NULL)
		node_free(tbl);
	else
		emit(to, tbl);
	(void)w;
}

/* --- pictures ------------------------------------------------------------ */

static void
picture(struct walk *w, const char *rid)
{
	struct dx_ctx		*cx = w->cx;
	const struct dx_rel	*rel = dx_rel_find(cx, rid);
	struct level		*l = cur(w);
	struct node		*f;
	struct buf		 data = BUF_INIT;
	char			*part;

	if (rel == NULL || field_hides(l))
		return;
	cx->counts.images++;
	f = node_new(NODE_FIGURE);
	f->as.figure.src = xstrdup(rel->target);
	f->line = w->paras;
	if (w->alt_text != NULL && w->alt_text[0] != '\0')
		f->as.figure.alt = xstrdup(w->alt_text);
	free(w->alt_text);
	w->alt_text = NULL;
	if (cx->keep_media && !rel->external &&
	    doc_find_media(cx->doc, rel->target) == NULL) {
		part = dx_part_name(cx->main_dir, rel->target);
		if (cx->media_bytes < MAX_MEDIA &&
		    dx_zip_read(cx->zip, part, DX_MAX_IMAGE, &data) == 0) {
			doc_add_media(cx->doc, rel->target, data.ptr, data.len);
			cx->media_bytes += data.len;
			cx->counts.images_kept++;
		}
		free(part);
		buf_free(&data);
	}
	/* Before a paragraph with no text yet, else after it. */
	if (l->in_para)
		flush_run(&l->p);
	if (!l->in_para || l->p.node->first_child == NULL)
		emit(container(l), f);
	else {
		if (l->p.after == NULL)
			l->p.after = holder_new();
		emit(l->p.after, f);
	}
}

/* --- text boxes ---------------------------------------------------------- */

static int
textbox_open(struct walk *w)
{
	if (level_push(w, holder_new()) != 0)
		return -1;
	w->cx->counts.textboxes++;
	return 0;
}

static void
textbox_close(struct walk *w)
{
	struct level	*l = cur(w), *outer;
	struct node	*h, *c;

	para_end(w, l);
	while (l->ntables > 0)
		table_end(w, l);
	h = l->container;
	l->container = NULL;
	w->nlv--;
	level_free(l);
	outer = cur(w);
	for (c = h->first_child; c != NULL; c = c->next)
		if (c->rule != NULL && strcmp(c->rule, DX_RULE_PARAGRAPH) == 0)
			c->rule = DX_RULE_TEXTBOX;
	if (outer->in_para) {
		if (outer->p.after == NULL)
			outer->p.after = holder_new();
		emit_after(outer->p.after, h);
	} else
		emit_after(container(outer), h);
	node_free(h);
}

/* --- fields -------------------------------------------------------------- */

/* Reads the field's instruction: HYPERLINK "url" or a contents field. */
static void
field_classify(struct field *f)
{
	const char	*s = f->instr.ptr, *q, *e;

	while (*s == ' ')
		s++;
	if (strncasecmp(s, "TOC", 3) == 0 || strncasecmp(s, "INDEX", 5) == 0 ||
	    strncasecmp(s, "TOA", 3) == 0)
		f->toc = 1;
	if (strncasecmp(s, "HYPERLINK", 9) != 0 || strstr(s, "\\l") != NULL)
		return;
	if ((q = strchr(s, '"')) != NULL && (e = strchr(q + 1, '"')) != NULL &&
	    e > q + 1)
		f->url = xstrndup(q + 1, (size_t)(e - q - 1));
}

static void
field_begin(struct level *l, const char *instr, int result)
{
	struct field	*f;

	if (l->nfields == MAX_FIELDS) {
		l->fields_over++;
		return;
	}
	f = &l->fields[l->nfields++];
	memset(f, 0, sizeof(*f));
	buf_init(&f->instr);
	if (instr != NULL)
		buf_puts(&f->instr, instr);
	f->result = result;
	if (result)
		field_classify(f);
}

static void
field_end(struct level *l)
{
	struct field	*f;

	if (l->fields_over > 0) {
		l->fields_over--;
		return;
	}
	if (l->nfields == 0)
		return;
	f = &l->fields[--l->nfields];
	free(f->url);
	buf_free(&f->instr);
}

static void
fld_char(struct walk *w, struct level *l)
{
	char	*type = w_attr(w, "fldCharType");

	if (type == NULL)
		return;
	if (strcmp(type, "begin") == 0)
		field_begin(l, NULL, 0);
	else if (strcmp(type, "separate") == 0 && l->nfields > 0 &&
	    l->fields_over == 0 && !l->fields[l->nfields - 1].result) {
		/* A second "separate" in one field changes nothing. */
		l->fields[l->nfields - 1].result = 1;
		field_classify(&l->fields[l->nfields - 1]);
		w->cx->counts.fields++;
	} else if (strcmp(type, "end") == 0)
		field_end(l);
	xmlFree(type);
}

/* --- notes --------------------------------------------------------------- */

static struct dx_note *
note_find(struct dx_ctx *cx, int kind, int id)
{
	size_t	 i;

	for (i = 0; i < cx->nnotes; i++)
		if (cx->notes[i].kind == kind && cx->notes[i].id == id)
			return &cx->notes[i];
	return NULL;
}

static void
note_reference(struct walk *w, int kind)
{
	struct dx_note	*n = note_find(w->cx, kind, w_int(w, "id", -1));
	char		 mark[24];
	char		*custom = w_attr(w, "customMarkFollows");
	int		 own = custom != NULL && dx_on(custom);

	xmlFree(custom);
	if (n == NULL || n->blocks == NULL || n->blocks->first_child == NULL)
		return;
	if (n->number == 0)
		n->number = ++w->cx->next_number;
	if (own)
		return;		/* the author's mark follows as text */
	snprintf(mark, sizeof(mark), "[%d]", n->number);
	put_text(w, mark, strlen(mark), 1);
}

static int
note_open(struct walk *w)
{
	struct dx_ctx	*cx = w->cx;
	char		*type = w_attr(w, "type");
	int		 id = w_int(w, "id", -1), skip;

	skip = type != NULL && strcmp(type, "normal") != 0;
	xmlFree(type);
	if (skip || note_find(cx, w->note_kind, id) != NULL ||
	    level_push(w, holder_new()) != 0)
		return -1;
	if (cx->nnotes == cx->capnotes) {
		cx->capnotes = cx->capnotes ? cx->capnotes * 2 : 16;
		cx->notes = xreallocarray(cx->notes, cx->capnotes,
		    sizeof(*cx->notes));
	}
	memset(&cx->notes[cx->nnotes], 0, sizeof(cx->notes[0]));
	cx->notes[cx->nnotes].kind = w->note_kind;
	cx->notes[cx->nnotes].id = id;
	cur(w)->note = &cx->notes[cx->nnotes];
	cx->nnotes++;
	return 0;
}

static void
note_close(struct walk *w)
{
	struct level	*l = cur(w);
	size_t		 idx;

	para_end(w, l);
	while (l->ntables > 0)
		table_end(w, l);
	/* notes may have moved with a realloc: find it by position */
	idx = w->cx->nnotes - 1;
	w->cx->notes[idx].blocks = l->container;
	l->container = NULL;
	w->nlv--;
	level_free(l);
}

/* --- elements ------------------------------------------------------------ */

/* Elements whose whole subtree holds nothing to read. */
static int
skipped_w(const char *name)
{
	static const char *const names[] = {
		"del", "moveFrom", "delText", "pPrChange", "rPrChange",
		"sectPr", "tblPr", "tblGrid", "tblPrEx", "sdtEndPr",
		"tblPrChange", "trPrChange", "tcPrChange", "sectPrChange",
		"numberingChange", "fldData", "ffData", "object",
		"commentRangeStart", "commentRangeEnd", "footnotePr",
		"endnotePr", "headerReference", "footerReference",
		"bookmarkStart", "bookmarkEnd", "proofErr", "tabs",
		"separator", "continuationSeparator", "footnoteRef",
		"endnoteRef", "annotationRef", "lastRenderedPageBreak",
		NULL
	};
	size_t	 i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], name) == 0)
			return 1;
	return 0;
}

static enum kind
parent(const struct walk *w)
{
	return w->depth > 0 ? w->stack[w->depth - 1] : K_OTHER;
}

/*
 * The start of a w: element.  start_w settles what holds for every one
 * (inside w:sdtPr, skipped subtrees, children of a property element),
 * then looks the name up in w_elements: one handler per element of the
 * content.  A handler returns the element's kind; it sets *skip to leave
 * the subtree out.
 */

/* What a handler of a w: element is given. */
struct w_start {
	struct walk	*w;
	struct level	*l;		/* the level being filled */
	const char	*name;		/* local name of the element */
	enum kind	 up;		/* kind of its parent element */
	int		*skip;		/* set to leave the subtree out */
};

/* Inside w:sdtPr: placeholders and tables of contents are left out. */
static enum kind
start_sdtpr_child(const struct w_start *s)
{
	struct walk	*w = s->w;
	char		*v;

	if (strcmp(s->name, "showingPlcHdr") == 0 && w->nsdts > 0 &&
	    w_on(w)) {
		w->sdts[w->nsdts - 1].skip = 1;
		w->cx->counts.placeholders++;
	} else if (strcmp(s->name, "docPartGallery") == 0 && w->nsdts > 0) {
		v = w_attr(w, "val");
		if (v != NULL && strstr(v, "Table of Contents") != NULL)
			w->sdts[w->nsdts - 1].skip = 1;
		xmlFree(v);
	}
	return K_OTHER;
}

/* In w:pPr: style, outline level, indent, centring of the paragraph. */
static enum kind
start_ppr_child(const struct w_start *s)
{
	struct walk	*w = s->w;
	struct level	*l = s->l;
	const char	*name = s->name;
	char		*v;

	if (strcmp(name, "pStyle") == 0 && l->in_para) {
		free(l->p.style);
		v = w_attr(w, "val");
		l->p.style = v != NULL ? xstrdup(v) : NULL;
		xmlFree(v);
	} else if (strcmp(name, "outlineLvl") == 0 && l->in_para)
		l->p.own_outline = w_int(w, "val", -1);
	else if (strcmp(name, "ind") == 0 && l->in_para)
		l->p.indent = para_indent(w);
	else if (strcmp(name, "jc") == 0 && l->in_para) {
		v = w_attr(w, "val");
		l->p.own_centered = v != NULL && strcmp(v, "center") == 0;
		xmlFree(v);
	} else if (strcmp(name, "numPr") == 0)
		return K_NUMPR;
	else if (strcmp(name, "rPr") == 0)
		return K_PPR_RPR;
	*s->skip = 1;
	return K_OTHER;
}

/* In w:numPr: the paragraph's list and list level. */
static enum kind
start_numpr_child(const struct w_start *s)
{
	struct level	*l = s->l;

	if (strcmp(s->name, "numId") == 0 && l->in_para)
		l->p.own_num = w_int(s->w, "val", -1);
	else if (strcmp(s->name, "ilvl") == 0 && l->in_para)
		l->p.own_ilvl = w_int(s->w, "val", -1);
	*s->skip = 1;
	return K_OTHER;
}

/* In the paragraph mark's w:rPr: a run-in heading (w:specVanish). */
static enum kind
start_ppr_rpr_child(const struct w_start *s)
{
	if (strcmp(s->name, "specVanish") == 0 && s->l->in_para)
		s->l->p.run_in = w_on(s->w);
	*s->skip = 1;
	return K_OTHER;
}

/* In a run's w:rPr: bold, emphasis, hidden, character style. */
static enum kind
start_rpr_child(const struct w_start *s)
{
	struct walk	*w = s->w;
	struct level	*l = s->l;
	const char	*name = s->name;
	char		*v;

	if (strcmp(name, "b") == 0)
		l->r.bold = w_on(w);
	else if (strcmp(name, "i") == 0 || strcmp(name, "em") == 0)
		l->r.emph = w_on(w);
	else if (strcmp(name, "vanish") == 0)
		l->r.hidden = w_on(w);
	else if (strcmp(name, "rStyle") == 0) {
		free(l->r.style);
		v = w_attr(w, "val");
		l->r.style = v != NULL ? xstrdup(v) : NULL;
		xmlFree(v);
	}
	*s->skip = 1;
	return K_OTHER;
}

/* In w:trPr: a header row repeated on each page. */
static enum kind
start_trpr_child(const struct w_start *s)
{
	struct level	*l = s->l;
	struct table	*t = l->ntables > 0 ? l->tables[l->ntables - 1] : NULL;

	if (strcmp(s->name, "tblHeader") == 0 && t != NULL && t->n > 0 &&
	    w_on(s->w))
		t->rows[t->n - 1].header = 1;
	*s->skip = 1;
	return K_OTHER;
}

/* In w:tcPr: the cell's column span and vertical merge. */
static enum kind
start_tcpr_child(const struct w_start *s)
{
	struct level	*l = s->l;
	struct table	*t;
	struct row	*rw;
	struct cell	*c;
	char		*v;

	*s->skip = 1;
	if (l->ntables == 0)
		return K_OTHER;
	t = l->tables[l->ntables - 1];
	rw = t->n > 0 ? &t->rows[t->n - 1] : NULL;
	c = rw != NULL && rw->n > 0 ? &rw->cells[rw->n - 1] : NULL;
	if (c != NULL && strcmp(s->name, "gridSpan") == 0)
		c->span = w_int(s->w, "val", 1);
	else if (c != NULL && strcmp(s->name, "vMerge") == 0) {
		v = w_attr(s->w, "val");
		c->merged = v == NULL || strcmp(v, "restart") != 0;
		xmlFree(v);
	}
	return K_OTHER;
}

static enum kind
start_p(const struct w_start *s)
{
	para_end(s->w, s->l);
	para_start(s->w, s->l);
	return K_P;
}

/* Paragraph properties count in a paragraph only. */
static enum kind
start_ppr(const struct w_start *s)
{
	if (s->up == K_P)
		return K_PPR;
	*s->skip = 1;
	return K_OTHER;
}

static enum kind
start_r(const struct w_start *s)
{
	run_clear(&s->l->r);
	return K_R;
}

/* Run properties count in a run only. */
static enum kind
start_rpr(const struct w_start *s)
{
	if (s->up == K_R)
		return K_RPR;
	*s->skip = 1;
	return K_OTHER;
}

static enum kind
start_t(const struct w_start *s)
{
	(void)s;
	return K_T;
}

static enum kind
start_instr_text(const struct w_start *s)
{
	(void)s;
	return K_INSTR;
}

/* w:tab and w:ptab. */
static enum kind
start_tab(const struct w_start *s)
{
	put_text(s->w, " ", 1, 0);
	return K_OTHER;
}

/* A line break; page and column breaks are not kept. */
static enum kind
start_br(const struct w_start *s)
{
	char	*v = w_attr(s->w, "type");

	if (v == NULL || strcmp(v, "textWrapping") == 0)
		put_break(s->w);
	xmlFree(v);
	return K_OTHER;
}

static enum kind
start_cr(const struct w_start *s)
{
	put_break(s->w);
	return K_OTHER;
}

static enum kind
start_no_break_hyphen(const struct w_start *s)
{
	put_text(s->w, "-", 1, 0);
	return K_OTHER;
}

static enum kind
start_sym(const struct w_start *s)
{
	char		*c = w_attr(s->w, "char");
	unsigned long	 cp = c != NULL ? strtoul(c, NULL, 16) : 0;
	char		 u[4];

	xmlFree(c);
	/* Symbol fonts map their glyphs into the private area. */
	if (cp >= 0x20 && cp < 0xD800 && !(cp >= 0xE000 && cp <= 0xF8FF))
		put_text(s->w, u, utf8_encode((uint32_t)cp, u), 0);
	else
		s->w->cx->counts.symbols++;
	return K_OTHER;
}

static enum kind
start_fld_char(const struct w_start *s)
{
	fld_char(s->w, s->l);
	return K_OTHER;
}

static enum kind
start_fld_simple(const struct w_start *s)
{
	char	*v = w_attr(s->w, "instr");

	field_begin(s->l, v != NULL ? v : "", 1);
	xmlFree(v);
	s->w->cx->counts.fields++;
	return K_FLDSIMPLE;
}

/* A link to an external target; the outermost one counts. */
static enum kind
start_hyperlink(const struct w_start *s)
{
	struct level		*l = s->l;
	const struct dx_rel	*rel;
	char			*v;

	v = r_attr(s->w, "id");
	rel = dx_rel_find(s->w->cx, v);
	xmlFree(v);
	if (l->hl_depth++ == 0 && rel != NULL && rel->external) {
		free(l->hl_url);
		l->hl_url = xstrdup(rel->target);
	}
	return K_HYPERLINK;
}

/* w:ins and w:moveTo: tracked insertions are read as accepted. */
static enum kind
start_insertion(const struct w_start *s)
{
	s->w->cx->counts.inserted++;
	return K_OTHER;
}

static enum kind
start_footnote_reference(const struct w_start *s)
{
	note_reference(s->w, 0);
	return K_OTHER;
}

static enum kind
start_endnote_reference(const struct w_start *s)
{
	note_reference(s->w, 1);
	return K_OTHER;
}

static enum kind
start_comment_reference(const struct w_start *s)
{
	s->w->cx->counts.comments++;
	return K_OTHER;
}

/* An embedded other document: counted, not read. */
static enum kind
start_alt_chunk(const struct w_start *s)
{
	s->w->cx->counts.chunks++;
	*s->skip = 1;
	return K_OTHER;
}

/* A table; past MAX_TABLES nested ones, its content is read through. */
static enum kind
start_tbl(const struct w_start *s)
{
	struct level	*l = s->l;
	struct table	*t;

	para_end(s->w, l);
	if (l->ntables == MAX_TABLES) {
		s->w->cx->counts.depth_cut++;
		return K_PASS;
	}
	t = xcalloc(1, sizeof(*t));
	t->line = s->w->paras + 1;
	l->tables[l->ntables++] = t;
	return K_TBL;
}

static enum kind
start_tr(const struct w_start *s)
{
	struct table	*t;

	if (s->up != K_TBL)
		return K_OTHER;
	t = s->l->tables[s->l->ntables - 1];
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 8;
		t->rows = xreallocarray(t->rows, t->cap, sizeof(*t->rows));
	}
	memset(&t->rows[t->n++], 0, sizeof(t->rows[0]));
	return K_TR;
}

static enum kind
start_trpr(const struct w_start *s)
{
	return s->up == K_TR ? K_TRPR : K_OTHER;
}

static enum kind
start_tc(const struct w_start *s)
{
	struct table	*t;
	struct row	*rw;

	if (s->up != K_TR)
		return K_OTHER;
	t = s->l->tables[s->l->ntables - 1];
	rw = &t->rows[t->n - 1];
	para_end(s->w, s->l);
	if (rw->n == rw->cap) {
		rw->cap = rw->cap ? rw->cap * 2 : 8;
		rw->cells = xreallocarray(rw->cells, rw->cap,
		    sizeof(*rw->cells));
	}
	rw->cells[rw->n].holder = holder_new();
	rw->cells[rw->n].span = 1;
	rw->cells[rw->n].merged = 0;
	rw->n++;
	return K_TC;
}

static enum kind
start_tcpr(const struct w_start *s)
{
	return s->up == K_TC ? K_TCPR : K_OTHER;
}

static enum kind
start_txbx_content(const struct w_start *s)
{
	if (textbox_open(s->w) != 0) {
		s->w->cx->counts.depth_cut++;
		*s->skip = 1;
		return K_OTHER;
	}
	return K_TXBX;
}

static enum kind
start_sdt(const struct w_start *s)
{
	struct walk	*w = s->w;

	if (w->nsdts == 64) {
		*s->skip = 1;	/* beyond any real document */
		w->cx->counts.depth_cut++;
		return K_OTHER;
	}
	w->sdts[w->nsdts++].skip = 0;
	return K_SDT;
}

static enum kind
start_sdtpr(const struct w_start *s)
{
	s->w->in_sdtpr++;
	return K_SDTPR;
}

/* The content of a placeholder or table of contents is left out. */
static enum kind
start_sdt_content(const struct w_start *s)
{
	struct walk	*w = s->w;

	if (w->nsdts > 0 && w->sdts[w->nsdts - 1].skip)
		*s->skip = 1;
	return K_OTHER;
}

/* w:footnote and w:endnote, at the top of the notes part. */
static enum kind
start_note(const struct w_start *s)
{
	struct walk	*w = s->w;

	if (!w->notes_mode || w->nlv != 1)
		return K_OTHER;
	if (note_open(w) != 0) {
		*s->skip = 1;
		return K_OTHER;
	}
	return K_NOTE;
}

/* The elements of the content, the most frequent first. */
static const struct w_element {
	const char	*name;
	enum kind	(*start)(const struct w_start *);
} w_elements[] = {
	{ "p", start_p },
	{ "pPr", start_ppr },
	{ "r", start_r },
	{ "rPr", start_rpr },
	{ "t", start_t },
	{ "instrText", start_instr_text },
	{ "tab", start_tab },
	{ "ptab", start_tab },
	{ "br", start_br },
	{ "cr", start_cr },
	{ "noBreakHyphen", start_no_break_hyphen },
	{ "sym", start_sym },
	{ "fldChar", start_fld_char },
	{ "fldSimple", start_fld_simple },
	{ "hyperlink", start_hyperlink },
	{ "ins", start_insertion },
	{ "moveTo", start_insertion },
	{ "footnoteReference", start_footnote_reference },
	{ "endnoteReference", start_endnote_reference },
	{ "commentReference", start_comment_reference },
	{ "altChunk", start_alt_chunk },
	{ "tbl", start_tbl },
	{ "tr", start_tr },
	{ "trPr", start_trpr },
	{ "tc", start_tc },
	{ "tcPr", start_tcpr },
	{ "txbxContent", start_txbx_content },
	{ "sdt", start_sdt },
	{ "sdtPr", start_sdtpr },
	{ "sdtContent", start_sdt_content },
	{ "footnote", start_note },
	{ "endnote", start_note },
};

/*
 * Handles the start of a w: element.  Returns its kind; sets *skip to
 * leave its subtree out.
 */
static enum kind
start_w(struct walk *w, const char *name, int *skip)
{
	struct w_start	 s;
	size_t		 i;

	s.w = w;
	s.l = cur(w);
	s.name = name;
	s.up = parent(w);
	s.skip = skip;
	if (w->in_sdtpr)
		return start_sdtpr_child(&s);
	if (skipped_w(name)) {
		if (strcmp(name, "del") == 0 || strcmp(name, "moveFrom") == 0)
			w->cx->counts.deleted++;
		*skip = 1;
		return K_OTHER;
	}
	switch (s.up) {
	case K_PPR:
		return start_ppr_child(&s);
	case K_NUMPR:
		return start_numpr_child(&s);
	case K_PPR_RPR:
		return start_ppr_rpr_child(&s);
	case K_RPR:
		return start_rpr_child(&s);
	case K_TRPR:
		return start_trpr_child(&s);
	case K_TCPR:
		return start_tcpr_child(&s);
	default:
		break;
	}
	for (i = 0; i < sizeof(w_elements) / sizeof(w_elements[0]); i++)
		if (strcmp(w_elements[i].name, name) == 0)
			return w_elements[i].start(&s);
	return K_OTHER;
}

static enum kind
start_element(struct walk *w, int *skip)
{
	const char	*name = (const char *)xmlTextReaderConstLocalName(w->r);
	const char	*ns = (const char *)xmlTextReaderConstNamespaceUri(w->r);
	char		*v;

	if (name == NULL)
		return K_OTHER;
	if (ns_w(ns))
		return start_w(w, name, skip);
	if (ns != NULL && strcmp(ns, NS_MC) == 0) {
		if (strcmp(name, "AlternateContent") == 0) {
			if (w->nalts == 64) {
				*skip = 1;
				return K_OTHER;
			}
			w->alts[w->nalts++].taken = 0;
			return K_ALT;
		}
		if ((strcmp(name, "Choice") == 0 ||
		    strcmp(name, "Fallback") == 0) && parent(w) == K_ALT) {
			if (w->alts[w->nalts - 1].taken)
				*skip = 1;
			w->alts[w->nalts - 1].taken = 1;
		}
		return K_OTHER;
	}
	if (ns_drawing(ns) && strcmp(name, "docPr") == 0) {
		free(w->alt_text);
		v = (char *)xmlTextReaderGetAttribute(w->r, BAD_CAST "descr");
		if (v == NULL || v[0] == '\0') {
			xmlFree(v);
			v = (char *)xmlTextReaderGetAttribute(w->r,
			    BAD_CAST "title");
		}
		w->alt_text = v != NULL ? xstrdup(v) : NULL;
		xmlFree(v);
		return K_OTHER;
	}
	if (ns_drawing(ns) && strcmp(name, "blip") == 0) {
		v = r_attr(w, "embed");
		if (v == NULL)
			v = r_attr(w, "link");
		picture(w, v);
		xmlFree(v);
		return K_OTHER;
	}
	if (ns != NULL && strcmp(ns, NS_VML) == 0) {
		if (strcmp(name, "imagedata") == 0) {
			v = r_attr(w, "id");
			picture(w, v);
			xmlFree(v);
		} else if (strcmp(name, "textpath") == 0) {
			/* WordArt: its text is an attribute. */
			v = (char *)xmlTextReaderGetAttribute(w->r,
			    BAD_CAST "string");
			if (v != NULL && v[0] != '\0' && textbox_open(w) == 0) {
				put_text(w, v, strlen(v), 1);
				textbox_close(w);
			}
			xmlFree(v);
		}
		return K_OTHER;
	}
	if (ns_math(ns) && strcmp(name, "t") == 0)
		return K_MATH_T;
	return K_OTHER;
}

static void
end_element(struct walk *w, enum kind k)
{
	struct level	*l = cur(w);

	switch (k) {
	case K_P:
		para_end(w, l);
		break;
	case K_PPR:
		if (l->in_para)
			resolve_para(w, &l->p);
		break;
	case K_R:
		run_clear(&l->r);
		break;
	case K_HYPERLINK:
		if (l->hl_depth > 0 && --l->hl_depth == 0) {
			free(l->hl_url);
			l->hl_url = NULL;
		}
		break;
	case K_FLDSIMPLE:
		field_end(l);
		break;
	case K_TBL:
		para_end(w, l);
		if (l->ntables > 0)
			table_end(w, l);
		break;
	case K_TC:
		para_end(w, l);
		break;
	case K_TXBX:
		textbox_close(w);
		break;
	case K_ALT:
		w->nalts--;
		break;
	case K_SDT:
		w->nsdts--;
		break;
	case K_SDTPR:
		w->in_sdtpr--;
		break;
	case K_NOTE:
		note_close(w);
		break;
	default:
		break;
	}
}

static void
text_node(struct walk *w)
{
	const char	*s = (const char *)xmlTextReaderConstValue(w->r);
	enum kind	 k = parent(w);
	struct level	*l = cur(w);

	if (s == NULL)
		return;
	if (k == K_T || k == K_MATH_T)
		put_text(w, s, strlen(s), 0);
	else if (k == K_INSTR && l->nfields > 0 && l->fields_over == 0 &&
	    !l->fields[l->nfields - 1].result)
		buf_puts(&l->fields[l->nfields - 1].instr, s);
}

int
dx_body_read(struct dx_ctx *cx, const char *part, struct node *holder,
    int notes, int kind)
{
	struct walk	 w;
	int		 rc, skip = 0, absent, type, status = -1;
	enum kind	 k;

	memset(&w, 0, sizeof(w));
	w.cx = cx;
	w.notes_mode = notes;
	w.note_kind = kind;
	if ((w.x = dx_xml_open(cx->zip, part, notes ? DX_MAX_PART :
	    DX_MAX_MAIN, &absent)) == NULL)
		return absent ? 0 : -1;
	w.r = dx_xml_reader(w.x);
	level_push(&w, holder);
	while ((rc = dx_xml_next(w.x, skip)) == 1) {
		skip = 0;
		type = xmlTextReaderNodeType(w.r);
		if (type == XML_READER_TYPE_ELEMENT) {
			int empty = xmlTextReaderIsEmptyElement(w.r);

			k = start_element(&w, &skip);
			if (skip)
				continue;
			if (empty) {
				end_element(&w, k);
				continue;
			}
			if (w.depth == w.cap) {
				w.cap = w.cap ? w.cap * 2 : 64;
				w.stack = xreallocarray(w.stack, w.cap,
				    sizeof(*w.stack));
			}
			w.stack[w.depth++] = k;
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (w.depth > 0)
				end_element(&w, w.stack[--w.depth]);
		} else if (type == XML_READER_TYPE_TEXT ||
		    type == XML_READER_TYPE_CDATA ||
		    type == XML_READER_TYPE_WHITESPACE ||
		    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
			text_node(&w);
	}
	if (rc == 0)
		status = 0;
	/* Close what a truncated part left open, innermost first. */
	while (w.nlv > 1) {
		if (w.notes_mode && cur(&w)->note != NULL)
			note_close(&w);
		else
			textbox_close(&w);
	}
	if (status == 0) {
		para_end(&w, cur(&w));
		while (cur(&w)->ntables > 0)
			table_end(&w, cur(&w));
	}
	cur(&w)->container = NULL;	/* the caller's */
	level_free(cur(&w));
	free(w.alt_text);
	free(w.stack);
	dx_xml_close(w.x);
	return status;
}
