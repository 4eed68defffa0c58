/*
 * The tree as pandoc's JSON AST, so that
 *
 *	artconv -t pandoc-json a.txt | pandoc -f json -o a.odt
 *
 * hands artconv's outline to pandoc's writers (ODT, LaTeX, RST, Org, ...).
 * The JSON is pandoc-types API 1.22 ("pandoc-api-version": [1,22,2,1]),
 * what pandoc 2.11 to 2.19 read and write (Debian 12 has pandoc 2.17);
 * pandoc 3 (API 1.23) refuses it.
 *
 * Mapping (the README has the table):
 *   metadata     meta: title, subtitle, kicker, author (a list), publisher,
 *                source, date, url as MetaInlines; lang as MetaString.
 *                As in the Markdown writer, a 发布者 without an author is
 *                also the author.
 *   heading      Header with its level (一、 = 1 ...); the literal label
 *                leads the text and is kept as attribute label="一、";
 *                a run-in heading has class "run-in".
 *   points       Div .points holding the intro and the points; with
 *                --points inline (the default: the author's layout) one
 *                Para in which each point is a Span .point label="一是",
 *                with split a Div .point per point around its Para.  The
 *                lead sentence, label included, is Strong (Span .lead
 *                with --leads plain).  Div and Span attributes survive
 *                in HTML, EPUB and pandoc's Markdown; other writers keep
 *                the text, the bold lead and the paragraphs.
 *   list         OrderedList (1, Decimal, Period) or BulletList; a list
 *                with literal labels (（1）①——) is a BulletList whose
 *                items start with their labels, as in Markdown.
 *   frame        a notice's document number, the addressee opening a
 *                letter, speech or notice, and the sender and date closing
 *                it, and a letter's 敬礼: a Para in a Div of class
 *                "docnum", "addressee", "salute", "closing signer" or
 *                "closing date".
 *   quote        BlockQuote.  table: Table, leading header rows in
 *                TableHead, rows padded to the widest.  figure: Para of
 *                an Image titled "fig:" (pandoc 2's implicit figure),
 *                the caption as its text and the alt text as attribute
 *                alt.  rule: HorizontalRule.  line break: LineBreak.
 *   text         Str, with Space for runs of ASCII white space.
 * Several documents (--combine) become one: the collection title in the
 * metadata, each article a level-1 Header (class "article") followed by
 * its subtitle and metadata line and its outline one level down.
 *
 * Every container is opened and closed through the tree iterator, so
 * no depth of nesting can exhaust the stack.  Elements are written each
 * followed by a comma; closing a list drops the last one.
 */
#include <string.h>

#include "tree/escape.h"
#include "common.h"

#define API_VERSION	"[1,22,2,1]"
#define NO_ATTR		"[\"\",[],[]]"
#define MAX_LEVEL	6

struct pj {
	struct buf		*out;
	struct buf		 pend;		/* text not yet written */
	enum points_mode	 points;
	int			 bold_leads;
	int			 shift;		/* heading levels down (--combine) */
};

/* Closes a JSON array or object, dropping the comma after its last item. */
static void
close_with(struct buf *b, const char *closer)
{
	if (b->len > 0 && b->ptr[b->len - 1] == ',')
		buf_truncate(b, b->len - 1);
	buf_puts(b, closer);
}

static void
json_str(struct buf *b, const char *s, size_t len)
{
	buf_putc(b, '"');
	esc_json(b, s, len);
	buf_putc(b, '"');
}

static int
ascii_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Writes the pending text as Str and Space elements. */
static void
flush(struct pj *p)
{
	const char	*s = p->pend.ptr;
	size_t		 len = p->pend.len, i = 0, j;

	while (i < len) {
		if (ascii_space(s[i])) {
			while (i < len && ascii_space(s[i]))
				i++;
			BUF_PUTSL(p->out, "{\"t\":\"Space\"},");
			continue;
		}
		for (j = i; j < len && !ascii_space(s[j]); j++)
			;
		BUF_PUTSL(p->out, "{\"t\":\"Str\",\"c\":");
		json_str(p->out, s + i, j - i);
		BUF_PUTSL(p->out, "},");
		i = j;
	}
	buf_truncate(&p->pend, 0);
}

static void
text(struct pj *p, const char *s)
{
	if (s != NULL)
		buf_puts(&p->pend, s);
}

/* Writes an element that opens with markup: pending text goes first. */
static void
raw(struct pj *p, const char *json)
{
	flush(p);
	buf_puts(p->out, json);
}

/* [id, classes, key-value pairs] with one class and one pair, both optional. */
static void
attr(struct buf *b, const char *cls, const char *key, const char *value)
{
	BUF_PUTSL(b, "[\"\",[");
	if (cls != NULL)
		json_str(b, cls, strlen(cls));
	BUF_PUTSL(b, "],[");
	if (key != NULL && !blank(value)) {
		buf_putc(b, '[');
		json_str(b, key, strlen(key));
		buf_putc(b, ',');
		json_str(b, value, strlen(value));
		buf_putc(b, ']');
	}
	buf_putc(b, ']');
	buf_putc(b, ']');
}

/* label and its separator, as the text of the block it leads. */
static void
label_text(struct pj *p, const char *label)
{
	if (blank(label))
		return;
	text(p, label);
	text(p, label_separator(label));
}

/* A point's label: its text runs on after it, as written (首先要…). */
static void
point_label(struct pj *p, const char *label)
{
	if (!blank(label))
		text(p, label);
}

/* ------------------------------------------------------------ inlines */

static void
inline_event(struct pj *p, const struct node *n, enum iter_event ev,
    struct iter *it)
{
	int	 enter = ev == ITER_ENTER;

	switch (n->type) {
	case NODE_TEXT:
		text(p, n->as.text);
		break;
	case NODE_LINEBREAK:
		raw(p, "{\"t\":\"LineBreak\"},");
		break;
	case NODE_STRONG:
	case NODE_EMPH:
	case NODE_POINT_LEAD:
	case NODE_LINK:
		if (enter && n->first_child == NULL) {
			iter_skip_children(it);	/* nothing to show */
			break;
		}
		if (!enter) {
			flush(p);
			if (n->type == NODE_STRONG || n->type == NODE_EMPH)
				close_with(p->out, "]},");
			else if (n->type == NODE_LINK &&
			    !blank(n->as.link.url)) {
				close_with(p->out, "],[");
				json_str(p->out, n->as.link.url,
				    strlen(n->as.link.url));
				BUF_PUTSL(p->out, ",\"\"]]},");
			} else
				close_with(p->out, "]]},");
			break;
		}
		if (n->type == NODE_STRONG)
			raw(p, "{\"t\":\"Strong\",\"c\":[");
		else if (n->type == NODE_EMPH)
			raw(p, "{\"t\":\"Emph\",\"c\":[");
		else if (n->type == NODE_LINK && !blank(n->as.link.url))
			raw(p, "{\"t\":\"Link\",\"c\":[" NO_ATTR ",[");
		else
			raw(p, "{\"t\":\"Span\",\"c\":[" NO_ATTR ",[");
		break;
	default:
		break;
	}
}

/* Writes the inline siblings first .. stop (exclusive; NULL: all). */
static void
inlines(struct pj *p, const struct node *first, const struct node *stop)
{
	struct iter	 it;
	enum iter_event	 ev;

	for (; first != NULL && first != stop; first = first->next) {
		if (!node_is_inline(first))
			break;
		iter_init(&it, first);
		while ((ev = iter_next(&it)) != ITER_DONE)
			inline_event(p, it.node, ev, &it);
	}
}

/* ------------------------------------------------------------ blocks */

static int
heading_empty(const struct node *h)
{
	return blank(h->as.heading.label) && node_text_len(h) == 0;
}

static void
heading(struct pj *p, const struct node *h)
{
	int	 level = h->as.heading.level + p->shift;

	if (level < 1)
		level = 1;
	if (level > MAX_LEVEL)
		level = MAX_LEVEL;
	buf_printf(p->out, "{\"t\":\"Header\",\"c\":[%d,", level);
	attr(p->out, h->as.heading.run_in ? "run-in" : NULL, "label",
	    h->as.heading.label);
	BUF_PUTSL(p->out, ",[");
	label_text(p, h->as.heading.label);
	inlines(p, h->first_child, NULL);
	flush(p);
	close_with(p->out, "]]},");
}

static void
para(struct pj *p, const struct node *first)
{
	raw(p, "{\"t\":\"Para\",\"c\":[");
	inlines(p, first, NULL);
	flush(p);
	close_with(p->out, "]},");
}

/* One point: its lead (label included) and the rest of its text. */
static void
point_text(struct pj *p, const struct node *pt)
{
	const struct node	*c = pt->first_child;

	if (c != NULL && c->type == NODE_POINT_LEAD) {
		raw(p, p->bold_leads ? "{\"t\":\"Strong\",\"c\":[" :
		    "{\"t\":\"Span\",\"c\":[[\"\",[\"lead\"],[]],[");
		point_label(p, pt->as.point.label);
		inlines(p, c->first_child, NULL);
		flush(p);
		close_with(p->out, p->bold_leads ? "]}," : "]]},");
		c = c->next;
	} else
		point_label(p, pt->as.point.label);
	inlines(p, c, NULL);
}

/*
 * A list item's point list, as the item's inlines: its text before the
 * points, then each point a Span (an item is one line whatever --points
 * says).
 */
static void
item_point_inlines(struct pj *p, const struct node *list)
{
	const struct node	*c;

	for (c = list->first_child; c != NULL; c = c->next) {
		if (c->type == NODE_PARAGRAPH) {
			inlines(p, c->first_child, NULL);
			continue;
		}
		if (c->type != NODE_POINT)
			continue;
		flush(p);
		BUF_PUTSL(p->out, "{\"t\":\"Span\",\"c\":[");
		attr(p->out, "point", "label", c->as.point.label);
		BUF_PUTSL(p->out, ",[");
		point_text(p, c);
		flush(p);
		close_with(p->out, "]]},");
	}
}

static void
point_list(struct pj *p, const struct node *list)
{
	const struct node	*c;
	int			 split = p->points == POINTS_SPLIT;

	raw(p, "{\"t\":\"Div\",\"c\":[[\"\",[\"points\"],[]],[");
	if (!split)
		BUF_PUTSL(p->out, "{\"t\":\"Para\",\"c\":[");
	for (c = list->first_child; c != NULL; c = c->next) {
		if (c->type == NODE_PARAGRAPH) {
			if (split)
				para(p, c->first_child);
			else
				inlines(p, c->first_child, NULL);
			continue;
		}
		if (c->type != NODE_POINT)
			continue;
		flush(p);
		buf_puts(p->out, split ? "{\"t\":\"Div\",\"c\":[" :
		    "{\"t\":\"Span\",\"c\":[");
		attr(p->out, "point", "label", c->as.point.label);
		buf_puts(p->out, split ? ",[{\"t\":\"Para\",\"c\":[" : ",[");
		point_text(p, c);
		flush(p);
		close_with(p->out, split ? "]}]]}," : "]]},");
	}
	flush(p);
	if (!split)
		close_with(p->out, "]},");
	close_with(p->out, "]]},");
}

static void
list_item_start(struct pj *p, const struct node *item)
{
	const struct node	*c = item->first_child;

	buf_putc(p->out, '[');
	if (blank(item->as.item.label) && (c == NULL || (!node_is_inline(c) &&
	    c->type != NODE_POINT_LIST)))
		return;
	BUF_PUTSL(p->out, "{\"t\":\"Plain\",\"c\":[");
	label_text(p, item->as.item.label);
	if (c != NULL && c->type == NODE_POINT_LIST)
		item_point_inlines(p, c);
	else
		inlines(p, c, NULL);
	flush(p);
	close_with(p->out, "]},");
}

static void
table(struct pj *p, const struct node *t)
{
	const struct node	*row, *cell;
	size_t			 cols, i;
	int			 head = 1;

	if ((cols = table_columns(t)) == 0)
		return;
	BUF_PUTSL(p->out, "{\"t\":\"Table\",\"c\":[" NO_ATTR ",[null,[]],[");
	for (i = 0; i < cols; i++)
		BUF_PUTSL(p->out, "[{\"t\":\"AlignDefault\"},"
		    "{\"t\":\"ColWidthDefault\"}],");
	close_with(p->out, "],[" NO_ATTR ",[");
	for (row = t->first_child; row != NULL; row = row->next) {
		if (head && !row->as.row.header) {
			/* The head ends; the one body begins. */
			head = 0;
			close_with(p->out, "]],[[" NO_ATTR ",0,[],[");
		}
		BUF_PUTSL(p->out, "[" NO_ATTR ",[");
		for (i = 0, cell = row->first_child; i < cols; i++) {
			BUF_PUTSL(p->out, "[" NO_ATTR ",{\"t\":\"AlignDefault\"},"
			    "1,1,[");
			if (cell != NULL && cell->first_child != NULL) {
				BUF_PUTSL(p->out, "{\"t\":\"Plain\",\"c\":[");
				inlines(p, cell->first_child, NULL);
				flush(p);
				close_with(p->out, "]}");
			}
			BUF_PUTSL(p->out, "]],");
			if (cell != NULL)
				cell = cell->next;
		}
		close_with(p->out, "]],");
	}
	if (head)	/* header rows only: no body */
		close_with(p->out, "]],[]");
	else
		close_with(p->out, "]]]");
	BUF_PUTSL(p->out, ",[" NO_ATTR ",[]]]},");
}

static void
figure(struct pj *p, const struct node *fig)
{
	const char	*src = fig->as.figure.src, *alt = fig->as.figure.alt;

	if (blank(src)) {
		/* No image to show: its caption, or its description. */
		if (fig->first_child != NULL)
			para(p, fig->first_child);
		else if (!blank(alt)) {
			raw(p, "{\"t\":\"Para\",\"c\":[");
			text(p, alt);
			flush(p);
			close_with(p->out, "]},");
		}
		return;
	}
	BUF_PUTSL(p->out, "{\"t\":\"Para\",\"c\":[{\"t\":\"Image\",\"c\":[");
	attr(p->out, NULL, fig->first_child != NULL ? "alt" : NULL, alt);
	BUF_PUTSL(p->out, ",[");
	if (fig->first_child != NULL)
		inlines(p, fig->first_child, NULL);
	else
		text(p, alt);
	flush(p);
	close_with(p->out, "],[");
	json_str(p->out, src, strlen(src));
	BUF_PUTSL(p->out, ",\"fig:\"]]}]},");
}

/* Opens (enter) or closes a container block. */
static void
container(struct pj *p, const struct node *n, int enter)
{
	int	 numbered;

	switch (n->type) {
	case NODE_LIST:
		numbered = n->as.list.ordered && !list_labelled(n);
		if (enter)
			buf_puts(p->out, numbered ? "{\"t\":\"OrderedList\","
			    "\"c\":[[1,{\"t\":\"Decimal\"},{\"t\":\"Period\"}],[" :
			    "{\"t\":\"BulletList\",\"c\":[");
		else
			close_with(p->out, numbered ? "]]}," : "]},");
		break;
	case NODE_LIST_ITEM:
		if (enter)
			list_item_start(p, n);
		else
			close_with(p->out, "],");
		break;
	case NODE_QUOTE:
		if (enter)
			BUF_PUTSL(p->out, "{\"t\":\"BlockQuote\",\"c\":[");
		else
			close_with(p->out, "]},");
		break;
	default:
		break;
	}
}

static void
blocks(struct pj *p, const struct node *root)
{
	struct iter		 it;
	const struct node	*n;
	enum iter_event		 ev;

	iter_init(&it, root);
	while ((ev = iter_next(&it)) != ITER_DONE) {
		n = it.node;
		if (n == root || node_is_inline(n)) {
			if (n != root)
				iter_skip_children(&it);
			continue;
		}
		switch (n->type) {
		case NODE_LIST:
		case NODE_LIST_ITEM:
		case NODE_QUOTE:
			container(p, n, ev == ITER_ENTER);
			if (ev == ITER_ENTER && n->first_child == NULL)
				container(p, n, 0);
			continue;
		default:
			break;
		}
		if (ev != ITER_ENTER)
			continue;
		switch (n->type) {
		case NODE_PARAGRAPH:
			if (n->first_child == NULL)
				break;
			if (n->parent->type != NODE_DOCUMENT ||
			    n->as.para.role == PARA_TEXT) {
				para(p, n->first_child);
				break;
			}
			/* A letter's frame keeps its role as a class. */
			raw(p, n->as.para.role == PARA_ADDRESSEE ?
			    "{\"t\":\"Div\",\"c\":[[\"\",[\"addressee\"],[]],[" :
			    n->as.para.role == PARA_DOCNUM ?
			    "{\"t\":\"Div\",\"c\":[[\"\",[\"docnum\"],[]],[" :
			    n->as.para.role == PARA_SALUTE ?
			    "{\"t\":\"Div\",\"c\":[[\"\",[\"salute\"],[]],[" :
			    n->as.para.role == PARA_SIGNER ?
			    "{\"t\":\"Div\",\"c\":[[\"\",[\"closing\",\"signer\"],[]],[" :
			    "{\"t\":\"Div\",\"c\":[[\"\",[\"closing\",\"date\"],[]],[");
			para(p, n->first_child);
			close_with(p->out, "]]},");
			break;
		case NODE_HEADING:
			if (!heading_empty(n))
				heading(p, n);
			break;
		case NODE_POINT_LIST:
			/* An item's text went out with the item. */
			if (n->parent->type != NODE_LIST_ITEM ||
			    n->parent->first_child != n)
				point_list(p, n);
			break;
		case NODE_TABLE:
			table(p, n);
			break;
		case NODE_FIGURE:
			figure(p, n);
			break;
		case NODE_RULE:
			BUF_PUTSL(p->out, "{\"t\":\"HorizontalRule\"},");
			break;
		default:
			break;
		}
		iter_skip_children(&it);
	}
}

/* ------------------------------------------------------------ metadata */

/* "key":{"t":"MetaInlines","c":[...]}, for a value that is set. */
static void
meta_inlines(struct pj *p, const char *key, const char *value)
{
	if (blank(value))
		return;
	json_str(p->out, key, strlen(key));
	BUF_PUTSL(p->out, ":{\"t\":\"MetaInlines\",\"c\":[");
	text(p, value);
	flush(p);
	close_with(p->out, "]},");
}

static void
meta_block(struct pj *p, const struct doc *doc, const char *title,
    const char *lang, int combined)
{
	const char	*author = doc->meta[META_AUTHOR];

	BUF_PUTSL(p->out, "\"meta\":{");
	meta_inlines(p, "title", title);
	if (!combined) {
		if (blank(author))
			author = doc->meta[META_PUBLISHER];
		if (!blank(author)) {
			BUF_PUTSL(p->out, "\"author\":{\"t\":\"MetaList\",\"c\":"
			    "[{\"t\":\"MetaInlines\",\"c\":[");
			text(p, author);
			flush(p);
			close_with(p->out, "]}]},");
		}
		meta_inlines(p, "subtitle", doc->meta[META_SUBTITLE]);
		meta_inlines(p, "kicker", doc->meta[META_KICKER]);
		if (!blank(doc->meta[META_AUTHOR]))
			meta_inlines(p, "publisher",
			    doc->meta[META_PUBLISHER]);
		meta_inlines(p, "source", doc->meta[META_SOURCE]);
		meta_inlines(p, "date", doc->meta[META_DATE]);
		meta_inlines(p, "url", doc->meta[META_URL]);
	}
	BUF_PUTSL(p->out, "\"lang\":{\"t\":\"MetaString\",\"c\":");
	json_str(p->out, lang, strlen(lang));
	BUF_PUTSL(p->out, "}}");
}

/* --combine: the article's title, subtitle and metadata line. */
static void
article_head(struct pj *p, const struct doc *doc)
{
	struct buf	 line = BUF_INIT;
	const char	*title = doc->meta[META_TITLE];

	if (!blank(doc->meta[META_KICKER])) {
		raw(p, "{\"t\":\"Para\",\"c\":[");
		text(p, doc->meta[META_KICKER]);
		flush(p);
		close_with(p->out, "]},");
	}
	BUF_PUTSL(p->out, "{\"t\":\"Header\",\"c\":[1,");
	attr(p->out, "article", NULL, NULL);
	BUF_PUTSL(p->out, ",[");
	text(p, blank(title) ? "未命名" : title);
	flush(p);
	close_with(p->out, "]]},");
	if (!blank(doc->meta[META_SUBTITLE])) {
		raw(p, "{\"t\":\"Para\",\"c\":[");
		text(p, doc->meta[META_SUBTITLE]);
		flush(p);
		close_with(p->out, "]},");
	}
	meta_line(doc, &line);
	if (line.len > 0) {
		raw(p, "{\"t\":\"Para\",\"c\":[");
		buf_putbuf(&p->pend, &line);
		flush(p);
		close_with(p->out, "]},");
	}
	buf_free(&line);
}

static int
pandoc_json_render(const struct doc *const *docs, size_t ndocs,
    const struct render_opts *opts, struct buf *out, struct diag *diag)
{
	struct pj	 p;
	const char	*title;
	size_t		 i;

	(void)diag;
	memset(&p, 0, sizeof(p));
	p.out = out;
	buf_init(&p.pend);
	p.points = writer_points(opts, POINTS_INLINE);
	p.bold_leads = opts->bold_leads;
	BUF_PUTSL(out, "{\"pandoc-api-version\":" API_VERSION ",");
	if (ndocs > 1) {
		title = !blank(opts->collection_title) ?
		    opts->collection_title : docs[0]->meta[META_TITLE];
		meta_block(&p, docs[0], title, writer_lang(docs[0], opts), 1);
	} else
		meta_block(&p, docs[0], docs[0]->meta[META_TITLE],
		    writer_lang(docs[0], opts), 0);
	BUF_PUTSL(out, ",\"blocks\":[");
	for (i = 0; i < ndocs; i++) {
		if (ndocs > 1) {
			article_head(&p, docs[i]);
			p.shift = 1;
		}
		blocks(&p, docs[i]->root);
	}
	close_with(out, "]}\n");
	buf_free(&p.pend);
	return 0;
}

const struct writer writer_pandoc_json = {
	.name = "pandoc-json",
	.extension = "pandoc.json",
	.description = "pandoc's JSON AST (API 1.22, pandoc 2.11-2.19): pipe into "
	    "pandoc -f json",
	.render = pandoc_json_render,
};
