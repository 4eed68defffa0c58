#include "outline.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>

#include "tree/alloc.h"
#include "tree/buf.h"
#include "tree/utf8.h"
#include "article.h"
#include "outline_int.h"
#include "shape_text.h"

/*
 * How each sibling block is classified.  The first pass sets the
 * classes a line has by itself; the second may turn headings into list
 * items or body text, and body text into headings.
 */
enum cls {
	CLS_OTHER,	/* not a plain paragraph: left alone */
	CLS_BODY,	/* a paragraph without a marker */
	CLS_HEADING,	/* heading-shaped: marker + short text, or unnumbered */
	CLS_RUNIN,	/* marker + heading-shaped first sentence + body */
	CLS_MARKED,	/* marker + body text: a paragraph or a list item */
	CLS_LIST	/* member of a list (decided by series) */
};

/* Level families: the marker families that make headings, and one more. */
#define FID_UNNUMBERED	FAM__HEADS
#define FID__COUNT	(FAM__HEADS + 1)

struct item {
	struct node	*node;
	struct buf	 text;		/* the paragraph's text content */
	enum cls	 cls;
	struct marker	 m;		/* fam FAM_NONE without a marker */
	int		 bare;		/* the marker alone on its line */
	int		 fid;		/* level family of a heading, or -1 */
	int		 level;		/* decided heading level */
	size_t		 chars;
	size_t		 runin_end;	/* bytes: end of the run-in sentence */
	size_t		 label_len;	/* bytes of the label a heading keeps */
	size_t		 body_off;	/* bytes before a heading's text */
	int		 back_matter;	/* after 附件 / 名词解释 */
	int		 join;		/* the next item is part of this one */
	int		 joined;	/* part of the item before */
	const char	*rule;
};

struct outline {
	struct item	*v;
	size_t		 n;
	const struct outline_opts *opts;
	struct diag	*diag;
	int		 base;		/* deepest level readers gave */
	int		 level_of[FID__COUNT];
	int		 over;		/* family unnumbered subheads are over */
};

static const char *
fid_name(int fid)
{
	return fid == FID_UNNUMBERED ? "unnumbered" :
	    outline_family_example[fid];
}

/* At most 40 characters of an item's text, for -v. */
static int
shown(const struct item *it)
{
	return (int)utf8_prefix(it->text.ptr, it->text.len, 40);
}

/* --- pass 1: evidence ---------------------------------------------------- */

/* Longest heading, in characters, for each family. */
static size_t
max_heading_chars(enum family fam)
{
	return fam <= FAM_CN ? 40 : 60;
}

/*
 * "一、主要工作成效：", "（二）存在的问题：": a 一、 or （一） heading that
 * ends in a colon, as many writers set it, the section's text under it.
 */
static int
colon_heading(const char *s, size_t len, const struct marker *m,
    size_t chars)
{
	size_t		 end = len;
	uint32_t	 last;

	if (m->fam != FAM_CN && m->fam != FAM_CN_PAREN)
		return 0;
	last = utf8_prev(s, &end);
	if ((last != 0xFF1A && last != ':') || end <= m->body)
		return 0;
	return outline_heading_shaped(s + m->body, end - m->body, chars - 1,
	    max_heading_chars(m->fam));
}

/* 附件, 附件1, 附件2：…, 附录, 名词解释: what follows is back matter. */
static int
is_back_matter(const char *s, size_t len)
{
	static const char *const words[] = {
		"附件", "附录", "名词解释", "名词注释", "参考文献"
	};
	size_t	 i, n, p;
	uint32_t cp;

	if (utf8_count(s, len) > 40)
		return 0;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		n = strlen(words[i]);
		if (len < n || memcmp(s, words[i], n) != 0)
			continue;
		if (n == len)
			return 1;
		p = n;
		cp = utf8_next(s, len, &p);
		return outline_dec_digit(cp) >= 0 ||
		    article_cn_digit(cp) >= 0 || cp == 0xFF1A || cp == ':' ||
		    cp == ' ';
	}
	return 0;
}

/*
 * "第一，传承红色基因是坚定理想信念的必然要求。" alone in its paragraph:
 * one short sentence (at most 40 characters, no stop before its end) after
 * an ordinal and a comma.  Speeches and commentaries set such sentences as
 * the subheads of a section; run on into text, 第一， is a point and is
 * left to the points pass.  Sets m (FAM_ORD) and returns 1, or returns 0.
 */
static int
ordinal_sentence(const char *s, size_t len, struct marker *m)
{
	size_t		 pos = 0, q;
	uint32_t	 cp;
	int		 n;

	if (len == 0 || utf8_next(s, len, &pos) != 0x7B2C)	/* 第 */
		return 0;
	if ((n = article_cn_number(s, len, &pos, ARTICLE_CN_SMALL)) < 1)
		return 0;
	q = pos;
	cp = pos < len ? utf8_next(s, len, &q) : 0;
	if (cp != 0xFF0C && cp != 0x3001)			/* ，、 */
		return 0;
	if (utf8_count(s, len) > 40 || q >= len ||
	    !outline_heading_shaped(s + q, len - q, utf8_count(s, len), 40) ||
	    !outline_has_letter(s + q, len - q))
		return 0;
	m->fam = FAM_ORD;
	m->num = n;
	m->len = q;
	m->body = q;
	return 1;
}

/*
 * 第一， sentences head sections only as a run 1, 2, … of two or more in
 * which each is followed by text of its own; side by side, or alone, they
 * are points, left to the points pass.
 */
static void
ordinal_runs(struct outline *o)
{
	size_t	 i, j, k, members;
	int	 want, ok;

	for (i = 0; i < o->n; i = j) {
		j = i + 1;
		if (o->v[i].m.fam != FAM_ORD)
			continue;
		ok = o->v[i].m.num == 1;
		members = 1;
		for (want = 2; j < o->n; j++) {
			if (o->v[j].m.fam != FAM_ORD)
				continue;
			if (o->v[j].m.num != want)
				break;
			want++;
			members++;
		}
		for (k = i; k < j; k++) {
			if (o->v[k].m.fam != FAM_ORD)
				continue;
			if (k + 1 == o->n ||
			    o->v[k + 1].node->type != NODE_PARAGRAPH ||
			    o->v[k + 1].m.fam != FAM_NONE ||
			    o->v[k + 1].cls != CLS_BODY)
				ok = 0;
		}
		if (ok && members >= 2)
			continue;
		for (k = i; k < j; k++) {
			if (o->v[k].m.fam != FAM_ORD)
				continue;
			o->v[k].m.fam = FAM_NONE;
			o->v[k].cls = CLS_BODY;
			o->v[k].rule = NULL;
			o->v[k].label_len = o->v[k].body_off = 0;
		}
	}
}

/*
 * A row of a table typed with spaces (1    身体素质    1）弹跳力差): two
 * or more gaps of three spaces or more, or of two ideographic spaces,
 * between its cells, or a figure after a gap of six (2)助跑速度较慢     58).
 * Letter-spaced headings (3  结  论, 第 一 章) have narrower gaps.
 */
static int
spaced_table_row(const char *s, size_t len)
{
	size_t		 pos = 0, run = 0, wide = 0, gaps = 0;
	uint32_t	 cp;

	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (cp == ' ' || cp == '\t') {
			run++;
			continue;
		}
		if (cp == 0x3000) {
			wide++;
			continue;
		}
		if ((run >= 6 || wide >= 3) && ((cp >= '0' && cp <= '9') ||
		    cp == '.' || cp == '-'))
			return 1;	/* a figure pushed far right */
		if (run >= 3 || wide >= 2 || (run > 0 && wide > 0))
			gaps++;
		run = wide = 0;
	}
	return gaps >= 2;
}

static void
classify(struct item *it)
{
	const char	*s = it->text.ptr;
	size_t		 len = it->text.len, body_chars, end;
	struct marker	*m = &it->m;

	it->cls = CLS_BODY;
	it->chars = utf8_count(s, len);
	if (spaced_table_row(s, len))
		return;
	if (!outline_parse_marker(s, len, 0, m)) {
		if (ordinal_sentence(s, len, m)) {
			it->cls = CLS_HEADING;
			it->rule = "第一， sentence standing alone";
			it->label_len = m->len;
			it->body_off = m->body;
		}
		return;
	}
	it->cls = CLS_MARKED;
	it->rule = "marker, body text";
	it->label_len = m->len;
	it->body_off = m->body;
	if (m->fam >= FAM__HEADS)
		return;
	if (m->body >= len) {
		it->bare = 1;
		it->cls = CLS_HEADING;
		it->rule = "section number alone on its line";
		return;
	}
	body_chars = utf8_count(s, m->body);
	if (m->fam == FAM_CHAPTER || m->fam == FAM_SECTION) {
		if (it->chars <= 30 && outline_heading_shaped(s + m->body,
		    len - m->body, it->chars, 30)) {
			it->cls = CLS_HEADING;
			it->rule = "chapter marker, short line";
		}
		return;
	}
	if (outline_heading_shaped(s + m->body, len - m->body, it->chars,
	    max_heading_chars(m->fam)) || colon_heading(s, len, m,
	    it->chars)) {
		it->cls = CLS_HEADING;
		it->rule = "marker, short, no sentence punctuation inside";
		return;
	}
	if (m->fam == FAM_SECNUM)
		return;
	end = outline_runin_sentence(s + m->body, len - m->body, body_chars,
	    60);
	if (end > 0) {
		it->cls = CLS_RUNIN;
		it->runin_end = m->body + end;
		it->rule = "marker, short first sentence, then body (run-in)";
	}
}

/* Moves a leading marker of an existing heading's text into its label. */
static void
label_existing_heading(struct item *it)
{
	struct node	*h = it->node, *rest;
	struct marker	 m;

	if (h->as.heading.label != NULL ||
	    !outline_parse_marker(it->text.ptr, it->text.len, 0, &m) ||
	    m.fam == FAM_ARTICLE || m.body >= it->text.len)
		return;
	rest = node_split_inlines(h, m.body, NODE_HEADING);
	while (h->first_child != NULL)
		node_free(h->first_child);
	node_move_children(h, rest);
	node_free(rest);
	h->as.heading.label = outline_trimmed_copy(it->text.ptr, m.len);
	node_trim_inlines(h);
}

/*
 * A heading a reader made becomes a paragraph again (the user asked for
 * paragraphs only, or for other heading levels); its label goes back in
 * front of its text.
 */
static void
demote_heading(struct node *h)
{
	struct node	*t;

	if (h->as.heading.label != NULL) {
		t = node_new_text(h->as.heading.label,
		    strlen(h->as.heading.label));
		if (h->first_child != NULL) {
			if (node_insert_before(h->first_child, t) != 0)
				recover_raise(RECOVER_BUG);
		} else if (node_append(h, t) != 0)
			recover_raise(RECOVER_BUG);
		free(h->as.heading.label);
	}
	h->type = NODE_PARAGRAPH;
	memset(&h->as, 0, sizeof(h->as));
	h->rule = "heading of the source, as a paragraph";
}

/* --- tables of contents -------------------------------------------------- */

/*
 * A table of contents has at most TOC_ENTRIES entries, and its entries
 * come back within TOC_REACH blocks: bounds that keep a hostile input
 * from costing entries × blocks.
 */
#define TOC_ENTRIES	400
#define TOC_REACH	20000

/* Text folded for matching: no white space or punctuation, ASCII forms. */
static void
match_fold(const char *s, size_t len, struct buf *out)
{
	size_t		 pos = 0;
	uint32_t	 cp;

	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		if (uc_is_space(cp) || uc_is_punct(cp) || cp == 0x2026 ||
		    (cp >= 0x3000 && cp <= 0x303F) || (cp < 0x80 &&
		    !((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= 'a' && cp <= 'z'))))
			continue;
		buf_put_utf8(out, cp);
	}
}

/*
 * A contents entry folded for matching, without the page number that
 * leader dots or spaces set off at its end ("第一章 总则……1").
 */
static void
toc_fold(const char *s, size_t len, struct buf *out)
{
	size_t		 end = len, q;
	uint32_t	 cp;
	int		 digits = 0, leader = 0;

	while (end > 0) {
		q = end;
		cp = utf8_prev(s, &q);
		if (outline_dec_digit(cp) < 0)
			break;
		digits++;
		end = q;
	}
	while (digits > 0 && end > 0) {
		q = end;
		cp = utf8_prev(s, &q);
		if (cp != '.' && cp != 0x2026 && cp != 0xB7 && cp != 0xFF0E &&
		    cp != 0x22EF && !uc_is_space(cp))
			break;
		leader++;
		end = q;
	}
	match_fold(s, leader > 0 ? end : len, out);
}

/* 目录, 目 录：, 目次, 目錄, Contents: the line that opens a table. */
static int
toc_title(const struct node *n)
{
	static const char *const words[] = {
		"目录", "目次", "目錄", "Contents", "CONTENTS", "contents"
	};
	struct buf	 t = BUF_INIT, f = BUF_INIT;
	size_t		 i;
	int		 yes = 0;

	if (n->type != NODE_PARAGRAPH && n->type != NODE_HEADING)
		return 0;
	node_text(n, &t);
	if (t.len < 40) {
		match_fold(t.ptr, t.len, &f);
		for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (f.len == strlen(words[i]) &&
			    memcmp(f.ptr, words[i], f.len) == 0)
				yes = 1;
	}
	buf_free(&t);
	buf_free(&f);
	return yes;
}

/*
 * Could a block be an entry of a table of contents: one line, short, no
 * sentence punctuation (a page number or leader dots may end it)?
 */
static int
toc_entry(const struct node *n, struct buf *text)
{
	size_t		 pos = 0, chars = 0;
	uint32_t	 cp;

	if ((n->type != NODE_PARAGRAPH && n->type != NODE_HEADING) ||
	    node_count(n, NODE_LINEBREAK) > 0)
		return 0;
	buf_truncate(text, 0);
	if (n->type == NODE_HEADING && n->as.heading.label != NULL)
		buf_puts(text, n->as.heading.label);
	node_text(n, text);
	cp = 0;
	while (pos < text->len) {
		cp = utf8_next(text->ptr, text->len, &pos);
		chars++;
		if (outline_is_stop(cp))
			return 0;
	}
	return chars >= 2 && chars <= 60 && !outline_is_continuing(cp) &&
	    outline_has_letter(text->ptr, text->len);
}

/*
 * Is folded g the end of folded f and at least half of it (an entry
 * with or without its number)?
 */
static int
suffix_of(const struct buf *f, const struct buf *g)
{
	return g->len > 0 && g->len <= f->len && g->len * 2 >= f->len &&
	    memcmp(f->ptr + f->len - g->len, g->ptr, g->len) == 0;
}

/*
 * Is the line folded as f, alone or with the line after it (next), the
 * first entry again?  Then the body has begun.
 */
static int
first_again(const struct buf *first, const struct buf *f,
    const struct node *next)
{
	struct buf	 t = BUF_INIT, two = BUF_INIT;
	int		 yes = suffix_of(first, f);

	if (!yes && next != NULL && toc_entry(next, &t)) {
		buf_putbuf(&two, f);
		toc_fold(t.ptr, t.len, &two);
		yes = suffix_of(first, &two);
	}
	buf_free(&t);
	buf_free(&two);
	return yes;
}

/* Does folded text f come back among the blocks from n on? */
static int
comes_back(const struct node *n, const struct buf *f)
{
	struct buf	 t = BUF_INIT, g = BUF_INIT;
	int		 found = 0, lines;
	size_t		 seen = 0;

	/* Bounded: a table of contents names headings within its book. */
	for (; n != NULL && !found && seen < TOC_REACH; n = n->next, seen++) {
		buf_truncate(&g, 0);
		/*
		 * The body heading may repeat the entry with or without its
		 * number, on one line or broken over two.
		 */
		for (lines = 0; lines < 2 && n != NULL; lines++) {
			const struct node *x = lines ? n->next : n;

			if (x == NULL || (x->type != NODE_PARAGRAPH &&
			    x->type != NODE_HEADING))
				break;
			buf_truncate(&t, 0);
			if (x->type == NODE_HEADING &&
			    x->as.heading.label != NULL)
				buf_puts(&t, x->as.heading.label);
			node_text(x, &t);
			if (t.len > 400)
				break;
			match_fold(t.ptr, t.len, &g);
			if (g.len > 0 && g.len <= f->len &&
			    memcmp(f->ptr + f->len - g.len, g.ptr, g.len) ==
			    0 && g.len * 2 >= f->len)
				found = 1;
			if (found || g.len >= f->len)
				break;
		}
	}
	buf_free(&t);
	buf_free(&g);
	return found;
}

void
outline_find_toc(struct node *parent, struct diag *diag)
{
	struct node	*c, *e, *end, *list, *li, *next;
	struct buf	 t = BUF_INIT, first = BUF_INIT, f = BUF_INIT;
	size_t		 entries, back;

	for (c = parent->first_child; c != NULL; c = c->next) {
		if (!toc_title(c))
			continue;
		entries = back = 0;
		buf_truncate(&first, 0);
		for (e = c->next; e != NULL && entries < TOC_ENTRIES &&
		    toc_entry(e, &t); e = e->next) {
			buf_truncate(&f, 0);
			toc_fold(t.ptr, t.len, &f);
			/*
			 * The first entry again, with or without its number:
			 * the body has begun.
			 */
			if (entries > 0 && first_again(&first, &f, e->next))
				break;
			if (entries == 0)
				buf_putbuf(&first, &f);
			entries++;
			back += comes_back(e->next, &f);
		}
		end = e;
		if (entries < 2 || back * 2 < entries)
			continue;
		list = node_new(NODE_LIST);
		list->line = c->next->line;
		list->rule = OUTLINE_RULE_TOC;
		if (node_insert_before(c->next, list) != 0)
			recover_raise(RECOVER_BUG);
		for (e = list->next; e != end; e = next) {
			next = e->next;
			li = node_new(NODE_LIST_ITEM);
			li->line = e->line;
			if (e->type == NODE_HEADING &&
			    e->as.heading.label != NULL)
				node_append_text(li, e->as.heading.label,
				    strlen(e->as.heading.label));
			node_move_children(li, e);
			node_free(e);
			if (node_append(list, li) != 0)
				recover_raise(RECOVER_BUG);
		}
		diag_note(diag, "line %u: table of contents (%s and %zu "
		    "entries, %zu of them repeated later as headings): kept "
		    "as a list, not headings", c->line, "目录", entries, back);
		c = list;
	}
	buf_free(&t);
	buf_free(&first);
	buf_free(&f);
}

/*
 * The body headings a table of contents names: an unnumbered line that
 * is an entry's text without its number, or that text broken over two
 * lines, or the number and the text on two lines, is a heading of the
 * entry's family.  Entries are found in order.
 */
static void
match_toc(struct outline *o)
{
	struct item	*v = o->v;
	struct buf	 et = BUF_INIT, rest = BUF_INIT, num = BUF_INIT;
	struct buf	 a = BUF_INIT, b = BUF_INIT;
	struct marker	 m;
	struct node	*li;
	size_t		 i, k, cursor;
	int		 top = FAM__HEADS, fam;

	for (i = 0; i < o->n; i++) {
		if (v[i].node == NULL || v[i].node->type != NODE_LIST ||
		    v[i].node->rule == NULL ||
		    strcmp(v[i].node->rule, OUTLINE_RULE_TOC) != 0)
			continue;
		/* Unnumbered entries (导言, 结语) sit with the top family. */
		for (li = v[i].node->first_child; li != NULL; li = li->next) {
			buf_truncate(&et, 0);
			node_text(li, &et);
			if (outline_parse_marker(et.ptr, et.len, 0, &m) &&
			    m.fam < FAM__HEADS && (int)m.fam < top)
				top = m.fam;
		}
		cursor = i + 1;
		for (li = v[i].node->first_child; li != NULL; li = li->next) {
			buf_truncate(&et, 0);
			buf_truncate(&rest, 0);
			buf_truncate(&num, 0);
			node_text(li, &et);
			fam = top;
			if (outline_parse_marker(et.ptr, et.len, 0, &m)) {
				if (m.fam >= FAM__HEADS || m.body >= et.len)
					continue;
				fam = m.fam;
				toc_fold(et.ptr + m.body, et.len - m.body,
				    &rest);
				match_fold(et.ptr, m.len, &num);
			} else
				toc_fold(et.ptr, et.len, &rest);
			if (fam >= FAM__HEADS || rest.len == 0)
				continue;
			for (k = cursor; k < o->n && k < cursor + TOC_REACH;
			    k++) {
				const struct node *x = v[k].node;

				if (v[k].cls != CLS_BODY && !(x->type ==
				    NODE_HEADING && x->as.heading.label == NULL))
					continue;
				buf_truncate(&a, 0);
				match_fold(v[k].text.ptr, v[k].text.len, &a);
				if (a.len == 0 || a.len > rest.len + num.len)
					continue;
				buf_truncate(&b, 0);
				if (k + 1 < o->n && v[k + 1].cls == CLS_BODY)
					match_fold(v[k + 1].text.ptr,
					    v[k + 1].text.len, &b);
				if (a.len == rest.len && memcmp(a.ptr, rest.ptr,
				    a.len) == 0) {
					v[k].rule = "names an entry of the "
					    "table of contents";
				} else if (b.len > 0 && a.len + b.len ==
				    rest.len && memcmp(a.ptr, rest.ptr,
				    a.len) == 0 && memcmp(b.ptr, rest.ptr +
				    a.len, b.len) == 0) {
					v[k].join = 1;
					v[k + 1].joined = 1;
					v[k].rule = "names an entry of the "
					    "table of contents, over two lines";
				} else if (num.len > 0 && b.len > 0 &&
				    a.len == num.len && b.len == rest.len &&
				    memcmp(a.ptr, num.ptr, a.len) == 0 &&
				    memcmp(b.ptr, rest.ptr, b.len) == 0) {
					v[k].join = 1;
					v[k + 1].joined = 1;
					v[k].label_len = v[k].text.len;
					v[k].rule = "number and text of an "
					    "entry of the table of contents";
				} else
					continue;
				/*
				 * A heading the page's layout made (a bold
				 * line) takes the entry's family too.
				 */
				if (v[k].node->type == NODE_HEADING) {
					if (v[k].join)
						continue;
					demote_heading(v[k].node);
					v[k].m.fam = FAM_NONE;
				}
				v[k].cls = CLS_HEADING;
				v[k].fid = fam;
				cursor = k + 1 + (size_t)v[k].join;
				break;
			}
		}
	}
	buf_free(&et);
	buf_free(&rest);
	buf_free(&num);
	buf_free(&a);
	buf_free(&b);
}

/* --- pass 2: lists ------------------------------------------------------- */

/*
 * Does the numbering of the run [i, j) go on after it, past text of the
 * run's last member's own: "一、报告题目：…" … "五、报告人简介" over a
 * paragraph, then "六、报告内容摘要"?  Then the run is the first sections
 * of a series, not a list: one series numbers one kind of thing.
 */
static int
runs_on(const struct outline *o, size_t i, size_t j)
{
	const struct item *v = o->v;
	size_t		 k;

	if (j >= o->n || v[j].cls != CLS_BODY || v[i].m.fam == FAM_DASH)
		return 0;
	for (k = j; k < o->n && k < j + 20; k++) {
		if (v[k].cls == CLS_BODY && v[k].m.fam == FAM_NONE)
			continue;
		return v[k].m.fam == v[i].m.fam &&
		    v[k].m.num == v[j - 1].m.num + 1 && v[k].cls != CLS_OTHER;
	}
	return 0;
}

/*
 * Finds series: runs of consecutive items of one family numbered n, n+1,
 * … (or dash items).  A series of two or more that is not made of run-in
 * headings is a list.
 */
static void
find_lists(struct outline *o)
{
	struct item	*items = o->v;
	size_t		 i, j, k, runins, items_like, n = o->n;
	struct marker	 m;
	const char	*why;

	for (i = 0; i < n; i = j) {
		j = i + 1;
		if (items[i].cls == CLS_BODY || items[i].cls == CLS_OTHER ||
		    items[i].m.fam == FAM_NONE || items[i].bare ||
		    items[i].m.fam == FAM_ARTICLE ||
		    items[i].m.fam == FAM_SECNUM)
			continue;
		if (items[i].m.fam != FAM_DASH && items[i].m.num != 1)
			continue;
		while (j < n) {
			int want = items[i].m.num + (int)(j - i);

			if (items[i].m.fam == FAM_NUM &&
			    items[j].cls == CLS_BODY &&
			    outline_parse_marker(items[j].text.ptr,
			    items[j].text.len, want, &m) &&
			    m.fam == FAM_NUM && m.num == want) {
				/* "20.2026年…" inside a numbered series. */
				items[j].m = m;
				items[j].label_len = m.len;
				items[j].body_off = m.body;
				items[j].cls = CLS_MARKED;
			}
			if (items[j].m.fam != items[i].m.fam ||
			    items[j].cls == CLS_OTHER || items[j].bare)
				break;
			if (items[i].m.fam != FAM_DASH &&
			    items[j].m.num != want)
				break;
			j++;
		}
		if (j - i < 2)
			continue;
		/*
		 * Items are full sentences (（一）…；, 一、點收。) or phrases
		 * standing side by side; a heading has text of its own: a
		 * run-in sentence, or the paragraphs after it.
		 */
		for (runins = 0, items_like = 0, k = i; k < j; k++) {
			runins += items[k].cls == CLS_RUNIN;
			if (items[k].cls == CLS_MARKED ||
			    (items[k].cls == CLS_HEADING && (k + 1 < j ||
			    outline_is_stop(outline_last_cp(items[k].text.ptr,
			    items[k].text.len)) || outline_last_cp(
			    items[k].text.ptr, items[k].text.len) == 0x3002)))
				items_like++;
		}
		why = runs_on(o, i, j) ? "the first sections of a series "
		    "that goes on after text, not a list" :
		    runins * 2 > j - i || items_like * 2 <= j - i ? "headings, "
		    "not a list (they have text of their own: a run-in "
		    "sentence or what follows)" : NULL;
		if (why != NULL) {
			diag_note(o->diag, "line %u: %zu consecutive %s "
			    "paragraphs: %s", items[i].node->line, j - i,
			    outline_family_example[items[i].m.fam], why);
			continue;
		}
		for (k = i; k < j; k++) {
			items[k].cls = CLS_LIST;
			items[k].rule = "consecutive numbered lines: list";
		}
		if (items[i].m.fam == FAM_DASH)
			diag_note(o->diag, "line %u: %zu consecutive —— items "
			    "form a list", items[i].node->line, j - i);
		else
			diag_note(o->diag, "line %u: %zu consecutive %s items "
			    "form a list (numbered %d-%d with nothing between "
			    "them; not headings)", items[i].node->line, j - i,
			    outline_family_example[items[i].m.fam],
			    items[i].m.num, items[j - 1].m.num);
	}
}

/*
 * Numbering that runs on: members of one family numbered n, n+1, … in
 * order (whatever stands between them) are one series, and a series
 * numbers one kind of thing.  When most of a series are paragraphs or
 * list items ("1.便民服务事项：" … "2.公共服务事项：" …), a member
 * that happens to be short ("3.志愿服务事项，由各社区自行安排。") is
 * their next item, not a heading.
 */
static void
series_items(struct outline *o)
{
	struct item	*v = o->v;
	size_t		 i, k, idx[256], n, heads;
	int		 fam, last;

	for (fam = 0; fam < FAM__HEADS; fam++) {
		if (fam == FAM_SECNUM)
			continue;
		n = 0;
		last = -1;
		for (i = 0; i <= o->n; i++) {
			struct item *it = i < o->n ? &v[i] : NULL;

			if (it != NULL && (it->m.fam != (enum family)fam ||
			    it->bare || it->joined || it->back_matter ||
			    it->node->type != NODE_PARAGRAPH ||
			    (it->cls != CLS_HEADING && it->cls != CLS_RUNIN &&
			    it->cls != CLS_MARKED && it->cls != CLS_LIST)))
				continue;
			if (it != NULL && it->m.num == last + 1 && n > 0 &&
			    n < 256) {
				idx[n++] = i;
				last = it->m.num;
				continue;
			}
			/* The series so far ends here. */
			for (heads = 0, k = 0; k < n; k++)
				heads += v[idx[k]].cls == CLS_HEADING ||
				    v[idx[k]].cls == CLS_RUNIN;
			if (n >= 2 && heads > 0 && heads * 2 < n)
				for (k = 0; k < n; k++) {
					struct item *m = &v[idx[k]];

					if (m->cls != CLS_HEADING &&
					    m->cls != CLS_RUNIN)
						continue;
					m->cls = CLS_MARKED;
					m->rule = "in a numbered series of "
					    "paragraphs, not a heading";
					diag_note(o->diag, "line %u: %.*s: its "
					    "series %s %d-%d is mostly "
					    "paragraphs, so not a heading",
					    m->node->line, shown(m),
					    m->text.ptr,
					    outline_family_example[fam],
					    v[idx[0]].m.num, last);
				}
			n = 0;
			if (it != NULL) {
				idx[n++] = i;
				last = it->m.num;
			}
		}
	}
}

/*
 * A law (a text of 第X条 paragraphs) is divided into 编 章 节 and 条;
 * inside an article, 一、 （一） 1. number its items (项 目), never
 * headings.  Three articles make a law.
 */
static void
law_items(struct outline *o)
{
	size_t	 i, articles = 0, items = 0;
	int	 in_article = 0;

	for (i = 0; i < o->n; i++)
		articles += o->v[i].m.fam == FAM_ARTICLE;
	if (articles < 3)
		return;
	for (i = 0; i < o->n; i++) {
		struct item *it = &o->v[i];

		if (it->m.fam == FAM_ARTICLE)
			in_article = 1;
		else if (it->m.fam == FAM_CHAPTER || it->m.fam == FAM_SECTION ||
		    it->node->type == NODE_HEADING)
			in_article = 0;
		else if (in_article && (it->cls == CLS_HEADING ||
		    it->cls == CLS_RUNIN) && it->m.fam != FAM_NONE) {
			it->cls = CLS_MARKED;
			it->bare = 0;
			it->rule = "item of a law's article";
			items++;
		}
	}
	diag_note(o->diag, "a law (%zu articles 第X条): 一、 （一） 1. inside "
	    "articles number items, not headings (%zu such lines)", articles,
	    items);
}

/* --- pass 2: headings ---------------------------------------------------- */

static int
is_member(const struct item *it)
{
	return (it->cls == CLS_HEADING || it->cls == CLS_RUNIN) &&
	    !it->joined && it->node->type == NODE_PARAGRAPH;
}

/*
 * Is the item after a section number alone a heading line for it: short,
 * no sentence punctuation, followed by more text?
 */
static int
title_line(const struct outline *o, size_t i)
{
	const struct item *t;

	if (i + 1 >= o->n)
		return 0;
	t = &o->v[i + 1];
	return t->cls == CLS_BODY && t->node->type == NODE_PARAGRAPH &&
	    t->chars <= 40 && outline_heading_shaped(t->text.ptr, t->text.len,
	    t->chars, 40) && !outline_ends_sentence(t->text.ptr, t->text.len) &&
	    i + 2 < o->n && o->v[i + 2].cls != CLS_OTHER;
}

/*
 * Section numbers alone on their lines and zero-padded numbers glued to
 * a heading (（一）, 1, 01) number sections only as a series 1, 2, … of
 * two or more; the number takes the short line under it as its text.
 */
static void
decide_bare(struct outline *o)
{
	struct item	*v = o->v;
	size_t		 i, k, idx[64], n;
	int		 fam, want;

	for (fam = 0; fam < FAM__HEADS; fam++) {
		n = 0;
		want = 1;
		for (i = 0; i < o->n && n < 64; i++) {
			if (!is_member(&v[i]) ||
			    v[i].m.fam != (enum family)fam ||
			    (!v[i].bare && fam != FAM_SECNUM))
				continue;
			if (v[i].m.num == want) {
				idx[n++] = i;
				want++;
			}
		}
		for (i = 0; i < o->n; i++) {
			if (!is_member(&v[i]) ||
			    v[i].m.fam != (enum family)fam ||
			    (!v[i].bare && fam != FAM_SECNUM))
				continue;
			for (k = 0; k < n && idx[k] != i; k++)
				;
			if (n >= 2 && k < n)
				continue;
			v[i].cls = CLS_BODY;
			v[i].bare = 0;
			diag_note(o->diag, "line %u: %.*s is no section number "
			    "(not in a series 1, 2, … of two or more)",
			    v[i].node->line, shown(&v[i]), v[i].text.ptr);
		}
		if (n < 2)
			continue;
		for (k = 0; k < n; k++) {
			i = idx[k];
			if (v[i].bare && title_line(o, i)) {
				v[i].join = 1;
				v[i + 1].joined = 1;
				v[i].rule = "section number alone on its line, "
				    "its heading on the next";
			}
		}
		diag_note(o->diag, "%s: %zu section numbers in a series 1-%zu",
		    outline_family_example[fam], n, n);
	}
}

/*
 * A heading broken over two lines: in a family of run-in headings
 * ("（一）标题。正文…"), a member that is only a short phrase ending
 * without punctuation, followed by a paragraph whose first sentence is
 * short, is one run-in heading cut in two ("（二）坚持不懈用" / "新时代…
 * 凝心铸魂。…").
 */
static void
join_broken(struct outline *o)
{
	struct item	*v = o->v;
	size_t		 i, end;
	size_t		 runins[FAM__HEADS] = { 0 }, heads[FAM__HEADS] = { 0 };

	for (i = 0; i < o->n; i++)
		if (is_member(&v[i]) && v[i].m.fam != FAM_NONE &&
		    v[i].m.fam < FAM__HEADS) {
			heads[v[i].m.fam]++;
			runins[v[i].m.fam] += v[i].cls == CLS_RUNIN;
		}
	for (i = 0; i + 1 < o->n; i++) {
		struct item *it = &v[i], *next = &v[i + 1];
		enum family f = it->m.fam;

		if (!is_member(it) || it->cls != CLS_HEADING || it->bare ||
		    f == FAM_NONE || f >= FAM__HEADS ||
		    it->chars - utf8_count(it->text.ptr, it->body_off) > 20 ||
		    outline_ends_sentence(it->text.ptr, it->text.len) ||
		    next->cls != CLS_BODY || next->node->type != NODE_PARAGRAPH)
			continue;
		/*
		 * A heading cannot end in a connective (的 和 与 …): one
		 * that does goes on in the short line after it.
		 */
		if (article_connective(outline_last_cp(it->text.ptr,
		    it->text.len)) && next->chars <= 25 &&
		    outline_heading_shaped(next->text.ptr, next->text.len,
		    next->chars, 25) && !outline_ends_sentence(next->text.ptr,
		    next->text.len)) {
			it->join = 1;
			next->joined = 1;
			it->rule = "heading broken over two lines (it ended in "
			    "a connective)";
			diag_note(o->diag, "line %u: %.*s continues on line %u "
			    "(a heading does not end in a connective)",
			    it->node->line, shown(it), it->text.ptr,
			    next->node->line);
			continue;
		}
		if (heads[f] < 3 || runins[f] * 10 < heads[f] * 6)
			continue;
		end = outline_runin_sentence(next->text.ptr, next->text.len,
		    it->chars, 60);
		if (end == 0)
			continue;
		it->join = 1;
		next->joined = 1;
		it->cls = CLS_RUNIN;
		it->runin_end = it->text.len + end;
		it->rule = "run-in heading broken over two lines";
		diag_note(o->diag, "line %u: %.*s continues on line %u (its "
		    "family's headings are run-in; this one breaks off without "
		    "punctuation)", it->node->line, shown(it), it->text.ptr,
		    next->node->line);
	}
}

/* --- pass 2: unnumbered headings ----------------------------------------- */

/*
 * Does s end in a four-character idiom whose last word is 之 (一改了之,
 * 不了了之, 久而久之, 取而代之)?  Then 之 closes the phrase, not a line
 * broken off before its noun.
 */
static int
idiom_end(const char *s, size_t len)
{
	size_t		 pos = len;
	uint32_t	 c[4] = { 0 };
	int		 k;

	for (k = 3; k >= 0 && pos > 0; k--)
		c[k] = utf8_prev(s, &pos);
	return c[3] == 0x4E4B && (c[2] == 0x4E86 || c[1] == 0x800C);
}

/*
 * A heading of one short word: set letter-spaced, its two to four
 * characters apart ("案　由", "前　言", "附　则": the typesetter's way of
 * giving a heading of one word the width of a heading), or one of the
 * section words a proposal (提案, 议案) or a paper is written under
 * ("案由", "理由", "建议", "前言") on a line of its own.
 */
static int
one_word_heading(const char *s, size_t len)
{
	static const char *const words[] = {
		"案由", "理由", "建议", "办法", "依据", "背景", "对策",
		"前言", "引言", "结语", "结论", "建議", "辦法", "對策",
	};
	size_t		 w, pos = 0, han = 0, gaps = 0;
	uint32_t	 cp;
	int		 space = 0;

	for (w = 0; w < sizeof(words) / sizeof(words[0]); w++)
		if (len == strlen(words[w]) && memcmp(s, words[w], len) == 0)
			return 1;

	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (cp == ' ' || cp == 0x3000) {
			if (han == 0 || space)
				continue;
			space = 1;
			gaps++;
		} else if (uc_is_han(cp)) {
			if (han > 0 && !space)
				return 0;
			space = 0;
			han++;
		} else
			return 0;
	}
	return han >= 2 && han <= 4 && gaps == han - 1 && !space;
}

/*
 * A heading set in black lenticular brackets on its own line ("【工作亮点】",
 * "【存在问题】"), as reports and WeChat posts mark sections: two to twelve
 * letters inside, nothing after.  An editor's note (【编者按】) or an
 * abstract is no section.
 */
static int
bracket_heading(const char *s, size_t len)
{
	static const char *const notes[] = {
		"编者按", "編者按", "编者的话", "按语", "导读", "導讀", "摘要",
		"提要", "内容提要", "核心提示", "阅读提示",
	};
	size_t		 pos = 0, chars = 0, i;
	uint32_t	 cp = 0;

	if (len < 6 || utf8_next(s, len, &pos) != 0x3010)
		return 0;
	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (cp == 0x3011)
			break;
		if (!uc_is_han(cp) && !(cp < 0x80 && isalnum((int)cp)))
			return 0;
		chars++;
	}
	if (cp != 0x3011 || pos != len || chars < 2 || chars > 12)
		return 0;
	for (i = 0; i < sizeof(notes) / sizeof(notes[0]); i++)
		if (len == strlen(notes[i]) + 6 &&
		    memcmp(s + 3, notes[i], strlen(notes[i])) == 0)
			return 0;
	return 1;
}

/*
 * A heading led by a symbol on its own line ("★ 第一天：神農街、赤崁樓",
 * "◆ 成果转化应用成效明显"), as blogs, WeChat posts and company news mark
 * sections: the symbol, then a heading-shaped phrase of two to thirty
 * characters.  The symbol marks it as a heading whatever ends it, so it
 * needs only text or a list under it (a 小吃清單 over its list).
 */
static int
symbol_heading(const char *s, size_t len)
{
	size_t		 pos = 0, rest;
	uint32_t	 cp;

	if (len == 0 || !ht_heading_symbol(utf8_next(s, len, &pos)))
		return 0;
	pos = utf8_skip_space(s, len, pos);
	if (pos >= len)
		return 0;
	rest = utf8_count(s + pos, len - pos);
	cp = utf8_next(s, len, &(size_t){ pos });
	/* "◎ 图：@贾玲微博截图": a picture's caption, left where it was. */
	return rest >= 2 && rest <= 30 && !ht_heading_symbol(cp) &&
	    ht_shaped(s + pos, len - pos, 30, 1, 1) &&
	    !article_caption_text(s, len, 0) &&
	    !article_caption_text(s + pos, len - pos, 0) &&
	    strstr(s, "截图") == NULL && strstr(s, "图：") == NULL &&
	    strstr(s, "圖：") == NULL && strstr(s, "图片") == NULL;
}

static int
unnumbered_candidate(const struct item *it)
{
	const char	*s = it->text.ptr;
	size_t		 len = it->text.len;
	uint32_t	 first, last;

	if (it->cls != CLS_BODY || it->joined ||
	    (it->chars < 4 && !one_word_heading(s, len)) ||
	    it->chars > 30 || it->node->type != NODE_PARAGRAPH ||
	    node_count(it->node, NODE_LINEBREAK) > 0 ||
	    !outline_heading_shaped(s, len, it->chars, 30))
		return 0;
	first = outline_first_cp(s, len);
	last = outline_last_cp(s, len);
	if (bracket_heading(s, len) || symbol_heading(s, len))
		return 1;
	if (outline_ends_sentence(s, len) || (article_connective(last) &&
	    !idiom_end(s, len)) ||
	    first == '(' || first == 0xFF08 || first == 0x3010 ||
	    first == '[' || first == 0x56FE)		/* （ 【 [ 图 */
		return 0;
	/* A picture's credit (故宫博物院供图) whose picture is lost. */
	return !article_caption_text(s, len, 0);
}

/* A paragraph that ends a thought: 20 characters or more, sentence end. */
static int
complete_paragraph(const struct item *it)
{
	return (it->cls == CLS_BODY && it->node->type == NODE_PARAGRAPH &&
	    it->chars >= 20 && outline_ends_sentence(it->text.ptr,
	    it->text.len)) || it->cls == CLS_LIST ||
	    it->node->type == NODE_LIST;
}

/*
 * Do the document's paragraphs end sentences?  In a photo essay or a
 * poem most lines do not, and a short unpunctuated line there is just a
 * line, not a subhead.  Counts paragraphs of 20 characters or more, half
 * of them Han at least: a table flattened into lines of figures
 * (电力0.2080.2600…) is no sentence.
 */
static int
prose(const struct outline *o)
{
	size_t	 i, long_ones = 0, ended = 0;

	for (i = 0; i < o->n; i++) {
		const struct item *it = &o->v[i];

		if (it->cls == CLS_OTHER || it->m.fam != FAM_NONE ||
		    it->chars < 20 ||
		    outline_han_count(it->text.ptr, it->text.len) * 2 < it->chars)
			continue;
		long_ones++;
		ended += outline_ends_sentence(it->text.ptr, it->text.len);
	}
	return long_ones == 0 || ended * 10 >= long_ones * 6;
}

/*
 * Is candidate c (opening no numbering) a sibling of the unnumbered lines
 * that open family fam's numbering?  It comes after the first of them
 * (or before, once the text has begun), and no heading of that family
 * stands between it and the next
 * candidate: it closes the numbering above it and opens a section of
 * plain paragraphs (报告 put 存在的问题和不足 beside 主要工作成效 over
 * （一）…).
 */
static int
sibling_section(const struct outline *o, const size_t *cand,
    const size_t *opens, size_t nc, size_t c, int fam)
{
	size_t	 i, j, end = o->n;
	int	 opener_before = 0, opener_after = 0;

	for (i = 0; i < nc; i++)
		if (opens[i] != SIZE_MAX &&
		    o->v[opens[i]].m.fam == (enum family)fam) {
			opener_before |= i < c;
			opener_after |= i > c;
		}
	/*
	 * Before the first opener, only past the article's opening text
	 * (基本情况 after the introduction, before 对策建议 over （一）…): a
	 * short line at the very top is a dateline or a byline.
	 */
	if (!opener_before && !(opener_after && cand[c] > 0 &&
	    (complete_paragraph(&o->v[cand[c] - 1]) ||
	    one_word_heading(o->v[cand[c]].text.ptr, o->v[cand[c]].text.len))))
		return 0;
	if (c + 1 < nc)
		end = cand[c + 1];
	for (j = cand[c] + 1; j < end; j++)
		if (is_member(&o->v[j]) && o->v[j].m.fam == (enum family)fam)
			return 0;
	return 1;
}

/*
 * Is item i's text named earlier by a line of a digest, a symbol and the
 * same words ("◆ 夏粮收购工作即将展开" in a news programme's 本期主要内容):
 * the digest lists the items, the item opens with its headline.
 */
static int
named_in_digest(const struct outline *o, size_t i)
{
	const struct item *it = &o->v[i];
	size_t		 k, q;
	uint32_t	 cp;

	for (k = 0; k < i; k++) {
		const struct item *d = &o->v[k];

		q = 0;
		if (d->text.len <= it->text.len)
			continue;
		cp = utf8_next(d->text.ptr, d->text.len, &q);
		if (!ht_heading_symbol(cp) && cp != 0xB7 && cp != 0x2022)
			continue;
		q = utf8_skip_space(d->text.ptr, d->text.len, q);
		if (d->text.len - q == it->text.len &&
		    memcmp(d->text.ptr + q, it->text.ptr, it->text.len) == 0)
			return 1;
	}
	return 0;
}

/*
 * Unnumbered headings: short lines without sentence punctuation, each
 * after a paragraph that ends a thought.  Without numbered headings they
 * stand between two paragraphs that end sentences (对职业行乞者进行救助教
 * 育、劝返和异地分流安置); beside numbered ones, each is followed at once
 * by a member numbered 1 of one family, which restarts under it
 * (过去五年工作回顾 over （一）…).  Either way two or more make a level.
 */
static void
find_unnumbered(struct outline *o, int numbered)
{
	struct item	*v = o->v;
	size_t		 i, k, cand[256], opens[256], nc = 0;
	size_t		 over[FAM__HEADS] = { 0 };
	int		 f, best = -1, digest;

	if (!numbered && !prose(o))
		return;
	for (i = 0; i + 1 < o->n && nc < 256; i++) {
		if (!unnumbered_candidate(&v[i]))
			continue;
		digest = (!numbered && named_in_digest(o, i)) ||
		    one_word_heading(v[i].text.ptr, v[i].text.len) ||
		    bracket_heading(v[i].text.ptr, v[i].text.len) ||
		    symbol_heading(v[i].text.ptr, v[i].text.len);
		if (i > 0 && !complete_paragraph(&v[i - 1]) &&
		    !(numbered && (is_member(&v[i - 1]) ||
		    v[i - 1].cls == CLS_MARKED)) &&
		    !outline_ends_sentence(v[i - 1].text.ptr,
		    v[i - 1].text.len) && !digest)
			continue;
		if (!numbered) {
			/* A bracketed heading needs only text under it. */
			if (bracket_heading(v[i].text.ptr, v[i].text.len) &&
			    v[i + 1].cls == CLS_BODY &&
			    !unnumbered_candidate(&v[i + 1])) {
				cand[nc++] = i;
				continue;
			}
			/*
			 * A symbol-led one, text or a list, or a subhead led
			 * by another symbol (📌 over ◆).
			 */
			if (symbol_heading(v[i].text.ptr, v[i].text.len) &&
			    (v[i + 1].cls == CLS_BODY ||
			    v[i + 1].cls == CLS_LIST) &&
			    (!unnumbered_candidate(&v[i + 1]) ||
			    (symbol_heading(v[i + 1].text.ptr,
			    v[i + 1].text.len) && outline_first_cp(
			    v[i + 1].text.ptr, v[i + 1].text.len) !=
			    outline_first_cp(v[i].text.ptr, v[i].text.len)))) {
				cand[nc++] = i;
				continue;
			}
			if (((i == 0 || !complete_paragraph(&v[i - 1]) ||
			    v[i - 1].node->type == NODE_LIST) && !digest) ||
			    unnumbered_candidate(&v[i + 1]) ||
			    v[i + 1].cls != CLS_BODY ||
			    !outline_ends_sentence(v[i + 1].text.ptr,
			    v[i + 1].text.len))
				continue;
			cand[nc++] = i;
			continue;
		}
		/*
		 * A report's section may open with a paragraph or two of
		 * introduction (总述) before its （一）, and the sentence that
		 * announces them ("重点抓好八个方面工作："): skip up to two
		 * paragraphs that end sentences, then one such lead-in.
		 */
		for (k = i + 1; k < i + 3 && k + 1 < o->n &&
		    !is_member(&v[k]) && v[k].cls == CLS_BODY &&
		    v[k].node->type == NODE_PARAGRAPH && v[k].chars >= 20 &&
		    outline_ends_sentence(v[k].text.ptr, v[k].text.len); k++)
			;
		if (k > i + 1 && k + 1 < o->n && !is_member(&v[k]) &&
		    v[k].cls == CLS_BODY &&
		    v[k].node->type == NODE_PARAGRAPH &&
		    outline_last_cp(v[k].text.ptr, v[k].text.len) == 0xFF1A)
			k++;
		if (!is_member(&v[k]) || v[k].m.num != 1 ||
		    v[k].m.fam == FAM_NONE || v[k].m.fam >= FAM__HEADS) {
			/*
			 * A sibling that opens no numbering: a section of
			 * plain paragraphs (存在的问题和不足 then a paragraph),
			 * standing between paragraphs that end sentences.
			 */
			if (v[i + 1].cls == CLS_BODY &&
			    v[i + 1].node->type == NODE_PARAGRAPH &&
			    !unnumbered_candidate(&v[i + 1]) &&
			    v[i + 1].chars >= 20 &&
			    outline_ends_sentence(v[i + 1].text.ptr,
			    v[i + 1].text.len)) {
				cand[nc++] = i;
				opens[nc - 1] = SIZE_MAX;
			}
			continue;
		}
		cand[nc++] = i;
		opens[nc - 1] = k;
		over[v[k].m.fam]++;
	}
	if (numbered) {
		for (f = 0; f < FAM__HEADS; f++)
			if (over[f] >= 1 && (best < 0 || over[f] > over[best]))
				best = f;
		if (best < 0)
			return;
		for (k = i = 0; i < nc; i++)
			if (opens[i] != SIZE_MAX ?
			    v[opens[i]].m.fam == (enum family)best :
			    sibling_section(o, cand, opens, nc, i, best))
				cand[k++] = cand[i];
		nc = k;
		/* Two openers make the level; one needs a sibling. */
		if (over[best] < 2 && nc < 2)
			nc = 0;
	}
	if (nc < 2) {
		if (nc == 1)
			diag_note(o->diag, "line %u: %.*s stays a paragraph: a "
			    "short line alone is no heading level (two or more "
			    "make one)", v[cand[0]].node->line,
			    shown(&v[cand[0]]), v[cand[0]].text.ptr);
		return;
	}
	for (i = 0; i < nc; i++) {
		struct item *it = &v[cand[i]];

		it->cls = CLS_HEADING;
		it->fid = FID_UNNUMBERED;
		it->rule = OUTLINE_RULE_UNNUMBERED;
	}
	if (numbered)
		diag_note(o->diag, "unnumbered: %zu short lines, each followed "
		    "by %s numbered 1 (or by a section of plain paragraphs "
		    "after one that is): a level above %s", nc,
		    outline_family_example[best],
		    outline_family_example[best]);
	else
		diag_note(o->diag, "unnumbered: %zu short lines without "
		    "punctuation between paragraphs that end sentences: "
		    "the document's subheads", nc);
	o->over = best;
}

/* --- pass 2: levels ------------------------------------------------------ */

/*
 * Does family g hold family f: in the stretches from one g heading to
 * the next (or to the end), f headings occur, and wherever they do their
 * numbering starts again at 1?
 */
static int
holds(const struct outline *o, int g, int f)
{
	size_t	 i;
	int	 in_g = 0, seen = 0, first_f = 1, stretches = 0;

	for (i = 0; i < o->n; i++) {
		const struct item *it = &o->v[i];

		if (it->level < 0)
			continue;
		if (it->fid == g) {
			in_g = 1;
			first_f = 1;
		} else if (it->fid == f && in_g) {
			if (first_f) {
				stretches++;
				if (it->m.num != 1)
					return 0;
				first_f = 0;
			}
			seen = 1;
		}
	}
	return seen && stretches > 0;
}

/*
 * The levels the source's own headings give marker families: when every
 * heading a reader found (Word heading style, <h2>, ##) that opens with
 * a marker of family f has one level, f is that level in this document,
 * and members of f recognised in the text join it (pandoc's Word file
 * keeps "（三）基本原则" a heading style but makes the run-in
 * "（一）指导思想。…" a paragraph with a bold start).  0 where none or
 * where they disagree.
 */
static void
pin_families(const struct outline *o, int *pinned)
{
	struct marker	 m;
	size_t		 i;
	int		 f, lvl;

	for (f = 0; f < FAM__HEADS; f++)
		pinned[f] = 0;
	for (i = 0; i < o->n; i++) {
		const struct node *h = o->v[i].node;

		if (h->type != NODE_HEADING || h->as.heading.label == NULL ||
		    !outline_parse_marker(h->as.heading.label,
		    strlen(h->as.heading.label), 0, &m) ||
		    m.fam == FAM_NONE || m.fam >= FAM__HEADS)
			continue;
		lvl = h->as.heading.level;
		if (pinned[m.fam] == 0)
			pinned[m.fam] = lvl;
		else if (pinned[m.fam] != lvl)
			pinned[m.fam] = -1;
	}
	for (f = 0; f < FAM__HEADS; f++)
		if (pinned[f] < 0)
			pinned[f] = 0;
}

/* Index of the first heading of family f, or SIZE_MAX. */
static size_t
first_of(const struct outline *o, int f)
{
	size_t	 i;

	for (i = 0; i < o->n; i++)
		if (o->v[i].level >= 0 && o->v[i].fid == f)
			return i;
	return SIZE_MAX;
}

/*
 * Orders the level families present: by how many others hold each
 * (holds() one way and not the other), then by the conventional order.
 * An unnumbered level goes right above the family it was found over.
 */
static void
assign_levels(struct outline *o)
{
	int	 used[FID__COUNT] = { 0 }, depth[FID__COUNT] = { 0 };
	int	 pinned[FAM__HEADS];
	int	 order[FID__COUNT], n = 0, f, g, k, key_f, key_g, over;
	size_t	 i;

	for (i = 0; i < o->n; i++)
		if (o->v[i].level >= 0 && o->v[i].fid >= 0)
			used[o->v[i].fid] = 1;
	pin_families(o, pinned);
	for (f = 0; f < FAM__HEADS; f++)
		if (pinned[f] > 0 && used[f]) {
			used[f] = 0;
			diag_note(o->diag, "level %d: %s headings, the level of "
			    "the source's own %s headings", pinned[f],
			    outline_family_example[f],
			    outline_family_example[f]);
		}
	over = o->over;
	for (f = 0; f < FAM__HEADS; f++)
		for (g = 0; g < FAM__HEADS; g++)
			if (f != g && used[f] && used[g] && holds(o, g, f) &&
			    !holds(o, f, g))
				depth[f]++;
	/*
	 * A family no other holds nor is held by goes where the conventional
	 * order puts it: under the deepest family before it in that order
	 * (1. after （一） held by 一、, not beside 一、).
	 */
	for (f = 0; f < FAM__HEADS; f++) {
		if (!used[f])
			continue;
		for (g = 0; g < FAM__HEADS; g++)
			if (g != f && used[g] && (holds(o, g, f) ||
			    holds(o, f, g)))
				break;
		if (g < FAM__HEADS)
			continue;
		for (g = 0; g < f; g++)
			if (used[g] && depth[g] > depth[f])
				depth[f] = depth[g];
		/*
		 * The conventional order puts f above g, but g's numbering
		 * began first and all of f stands after it: f's items are
		 * inside g's sections (（1） items under 2.2 of a paper
		 * numbered 1, 2.1, 2.2).
		 */
		for (g = f + 1; g < FAM__HEADS; g++)
			if (used[g] && first_of(o, g) < first_of(o, f) &&
			    depth[g] + 1 > depth[f])
				depth[f] = depth[g] + 1;
	}
	for (f = 0; f < FID__COUNT; f++) {
		if (!used[f])
			continue;
		/* Insertion by (depth, conventional order). */
		key_f = f == FID_UNNUMBERED ? (over >= 0 ? over * 2 - 1 : -1) :
		    f * 2;
		if (f == FID_UNNUMBERED && over >= 0)
			depth[f] = depth[over];
		for (k = n; k > 0; k--) {
			g = order[k - 1];
			key_g = g == FID_UNNUMBERED ?
			    (over >= 0 ? over * 2 - 1 : -1) : g * 2;
			if (depth[g] < depth[f] || (depth[g] == depth[f] &&
			    key_g < key_f))
				break;
			order[k] = g;
		}
		order[k] = f;
		n++;
	}
	for (k = 0; k < n; k++) {
		o->level_of[order[k]] = o->base + 1 + k;
		if (o->level_of[order[k]] > 6)
			o->level_of[order[k]] = 6;
	}
	for (k = 0; k < n; k++) {
		struct buf holds_f = BUF_INIT, held = BUF_INIT;

		f = order[k];
		if (f == FID_UNNUMBERED) {
			diag_note(o->diag, "level %d: unnumbered "
			    "subheads%s%s%s", o->level_of[f], over >= 0 ? ": each opens its own "
			    "numbering of " : "", over >= 0 ?
			    outline_family_example[over] : "", over >= 0 ?
			    ", so they are above it" : "");
			continue;
		}
		for (g = 0; g < FAM__HEADS; g++) {
			if (g == f || !used[g])
				continue;
			if (holds(o, f, g) && !holds(o, g, f))
				buf_printf(&held, "%s%s", held.len ? ", " : "",
				    outline_family_example[g]);
			if (holds(o, g, f) && !holds(o, f, g))
				buf_printf(&holds_f, "%s%s", holds_f.len ?
				    ", " : "", outline_family_example[g]);
		}
		diag_note(o->diag, "level %d: %s headings: %s%s%s%s%s%s",
		    o->level_of[f], outline_family_example[f],
		    holds_f.len ? "inside the sections of " : "",
		    holds_f.len ? holds_f.ptr : "",
		    holds_f.len && held.len ? "; " : "",
		    held.len ? "their own sections hold " : "",
		    held.len ? held.ptr : "",
		    holds_f.len || held.len ? " (numbering that starts again "
		    "at 1 in each section)" : k == 0 ? "the top level found" :
		    "no family holds another here, so the conventional order "
		    "(GB/T 9704: 一、 （一） 1. （1）)");
		buf_free(&holds_f);
		buf_free(&held);
	}
	for (f = 0; f < FAM__HEADS; f++)
		if (pinned[f] > 0)
			o->level_of[f] = pinned[f];
	for (i = 0; i < o->n; i++)
		if (o->v[i].level >= 0 && o->v[i].fid >= 0)
			o->v[i].level = o->level_of[o->v[i].fid];
}

/*
 * For -v: each heading family's members, their numbering (runs 1-3, 1-7)
 * and whether each is followed by text of its own (what tells headings
 * from a list, whose items stand side by side).
 */
static void
explain_series(const struct outline *o)
{
	struct buf	 runs = BUF_INIT;
	size_t		 i, members, runins, alone;
	int		 f, first, last;

	for (f = 0; f < FAM__HEADS; f++) {
		members = runins = alone = 0;
		first = last = -1;
		buf_truncate(&runs, 0);
		for (i = 0; i < o->n; i++) {
			const struct item *it = &o->v[i];

			if (it->level < 0 || it->fid != f)
				continue;
			members++;
			runins += it->cls == CLS_RUNIN;
			if (i + 1 < o->n && o->v[i + 1].level >= 0 &&
			    o->v[i + 1].fid == f && !it->join)
				alone++;
			if (first >= 0 && it->m.num == last + 1) {
				last = it->m.num;
				continue;
			}
			if (first >= 0)
				buf_printf(&runs, "%s%d-%d", runs.len ? ", " :
				    "", first, last);
			first = last = it->m.num;
		}
		if (members == 0)
			continue;
		if (first > 0)
			buf_printf(&runs, "%s%d-%d", runs.len ? ", " : "",
			    first, last);
		diag_note(o->diag, "%s: %zu heading%s%s%s%s; %s%s",
		    outline_family_example[f], members, members == 1 ? "" : "s",
		    runs.len ? " numbered " : " named by the table of contents",
		    runs.len ? runs.ptr : "", runins ? " (run-in: short first "
		    "sentence, then text)" : "", alone == 0 ? "each followed "
		    "by text of its own, so not a list" : "some stand side by "
		    "side", alone == 0 ? "" : " (kept: heading-shaped)");
	}
	buf_free(&runs);
}

/*
 * Numbered sections over the headings found before (bold lines, a
 * page's <h3>): when the first heading of all is a member of the top
 * family found here, and the headings already there stand inside two or
 * more of its sections, the numbers head the sections and those headings
 * are their parts (an interview series: 1, 2, 3 over the same bold
 * questions in each).  Otherwise found headings rank under the source's.
 */
static void
numbers_over_layout(struct outline *o)
{
	size_t		 i, members = 0, sections = 0;
	int		 top = 7, shift, in_section = 0, seen_member = 0;

	if (o->base == 0)
		return;
	for (i = 0; i < o->n; i++)
		if (o->v[i].level > 0 && o->v[i].fid >= 0 &&
		    o->v[i].level < top)
			top = o->v[i].level;
	if (top == 7)
		return;
	for (i = 0; i < o->n; i++) {
		const struct item *it = &o->v[i];

		if (it->level == top && it->fid >= 0) {
			members++;
			seen_member = 1;
			in_section = 0;
		} else if (it->node->type == NODE_HEADING && it->level < 0) {
			if (!seen_member)
				return;		/* a heading comes first */
			if (!in_section)
				sections++;
			in_section = 1;
		}
	}
	if (members < 2 || sections < 2)
		return;
	shift = top - 1;
	for (i = 0; i < o->n; i++) {
		struct item *it = &o->v[i];

		if (it->level > 0 && it->fid >= 0)
			it->level -= shift;
		else if (it->node->type == NODE_HEADING && it->level < 0 &&
		    it->node->as.heading.level + o->base < 7)
			it->node->as.heading.level += o->base;
	}
	diag_note(o->diag, "the numbered headings come first and hold the "
	    "headings found before in %zu of their sections: they rank "
	    "above them", sections);
}

/* Decides headings and their levels by the evidence (no user levels). */
/*
 * Symbol-led subheads inside numbered sections ("Ⅰ、创新成果丰硕" over
 * "◆ 关键核心技术攻关取得突破" and its paragraph): two or more lines led by
 * one symbol, each a symbol heading over text of its own, all after the
 * first numbered heading, are the level below the deepest numbered one.
 * A symbol marks a subhead where numbers run out; it never outranks them.
 */
static void
find_symbol_subheads(struct outline *o)
{
	struct item	*v = o->v;
	size_t		 i, k, nc = 0, cand[64];
	int		 deepest = 0, seen = 0, same = 0;
	uint32_t	 sym = 0, cp;

	for (i = 0; i < o->n && nc < 64; i++) {
		if (is_member(&v[i]) && v[i].level > 0) {
			seen = 1;
			if (v[i].level > deepest)
				deepest = v[i].level;
			continue;
		}
		if (!seen || v[i].cls != CLS_BODY || i + 1 >= o->n ||
		    !symbol_heading(v[i].text.ptr, v[i].text.len) ||
		    v[i + 1].cls != CLS_BODY ||
		    v[i + 1].node->type != NODE_PARAGRAPH ||
		    symbol_heading(v[i + 1].text.ptr, v[i + 1].text.len))
			continue;
		cand[nc++] = i;
	}
	for (k = 0; k < nc; k++) {
		cp = outline_first_cp(v[cand[k]].text.ptr,
		    v[cand[k]].text.len);
		if (k == 0)
			sym = cp;
		same += cp == sym;
	}
	if (nc < 2 || (size_t)same != nc || deepest == 0 || deepest >= 6)
		return;
	for (k = 0; k < nc; k++) {
		struct item *it = &v[cand[k]];

		it->cls = CLS_HEADING;
		it->fid = FID_UNNUMBERED;
		it->level = deepest + 1;
		it->label_len = 0;
		it->rule = "line led by a symbol, inside numbered sections";
	}
	diag_note(o->diag, "symbol subheads: %zu lines led by one symbol "
	    "inside numbered sections: level %d", nc, deepest + 1);
}

/*
 * Two symbols leading unnumbered subheads ("📌 赏花踏青" over "◆ 桃源谷景区"):
 * the symbol of the first is the upper level, and the other, when each
 * of its lines comes after one of the first, the level under it.
 */
static void
nest_symbols(struct outline *o)
{
	struct item	*v = o->v;
	size_t		 i, nb = 0;
	uint32_t	 a = 0, b = 0, cp;
	int		 seen_a = 0;

	for (i = 0; i < o->n; i++) {
		if (v[i].fid != FID_UNNUMBERED || v[i].level <= 0 ||
		    !is_member(&v[i]))
			continue;
		if (!symbol_heading(v[i].text.ptr, v[i].text.len))
			return;
		cp = outline_first_cp(v[i].text.ptr, v[i].text.len);
		if (a == 0)
			a = cp;
		if (cp == a) {
			seen_a = 1;
			continue;
		}
		if ((b != 0 && cp != b) || !seen_a)
			return;
		b = cp;
		nb++;
	}
	if (nb == 0)
		return;
	for (i = 0; i < o->n; i++)
		if (v[i].fid == FID_UNNUMBERED && v[i].level > 0 &&
		    v[i].level < 6 && is_member(&v[i]) &&
		    outline_first_cp(v[i].text.ptr, v[i].text.len) == b)
			v[i].level++;
	diag_note(o->diag, "symbol subheads: lines led by a second symbol, "
	    "each after one led by the first, are the level under it");
}

static void
decide_auto(struct outline *o)
{
	struct item	*v = o->v;
	size_t		 i;
	int		 numbered = 0;

	decide_bare(o);
	for (i = 0; i < o->n; i++) {
		v[i].level = -1;
		if (is_member(&v[i]) && v[i].m.fam != FAM_NONE &&
		    v[i].m.fam < FAM__HEADS && !v[i].back_matter) {
			v[i].fid = v[i].m.fam;
			numbered = 1;
		} else if (is_member(&v[i]) && v[i].fid >= 0)
			numbered = 1;	/* named by the table of contents */
	}
	o->over = -1;
	find_unnumbered(o, numbered);
	for (i = 0; i < o->n; i++)
		if (is_member(&v[i]) && v[i].fid >= 0)
			v[i].level = 0;
	explain_series(o);
	assign_levels(o);
	numbers_over_layout(o);
	if (o->over < 0)
		find_symbol_subheads(o);
	nest_symbols(o);
}

/*
 * The user's levels: a paragraph whose marker belongs to the k-th family
 * listed is a heading of level k when heading-shaped, a run-in heading
 * when its first sentence is; nothing else is a heading.
 */
static void
decide_levels(struct outline *o, const int *level_of)
{
	size_t	 i;

	for (i = 0; i < o->n; i++) {
		struct item *it = &o->v[i];

		it->level = -1;
		if (!is_member(it) || it->m.fam == FAM_NONE ||
		    it->m.fam >= FAM__HEADS || level_of[it->m.fam] == 0) {
			if (is_member(it) && !it->back_matter)
				it->cls = it->m.fam == FAM_NONE ? CLS_BODY :
				    CLS_MARKED;
			continue;
		}
		it->fid = it->m.fam;
		it->level = level_of[it->m.fam];
		it->rule = "marker of a level given by --levels";
	}
}

/* --- rewriting ----------------------------------------------------------- */

/*
 * Replaces paragraph p by a heading made of its text from body_off on,
 * labelled with its first label_len bytes.  Returns the heading.
 */
static struct node *
to_heading(struct node *p, const char *text, size_t label_len,
    size_t body_off, int level, const char *rule)
{
	struct node	*h;

	h = node_split_inlines(p, body_off, NODE_HEADING);
	h->as.heading.level = level;
	h->as.heading.label = label_len ? outline_trimmed_copy(text,
	    label_len) : NULL;
	if (h->as.heading.label != NULL && *h->as.heading.label == '\0') {
		free(h->as.heading.label);
		h->as.heading.label = NULL;
	}
	h->line = p->line;
	h->rule = rule;
	node_trim_inlines(h);
	if (node_insert_before(p, h) != 0)
		recover_raise(RECOVER_BUG);
	node_free(p);
	return h;
}

static void
to_list(struct item *items, size_t from, size_t to)
{
	struct node	*list = node_new(NODE_LIST), *li;
	size_t		 k;

	list->as.list.ordered = items[from].m.fam != FAM_DASH;
	list->line = items[from].node->line;
	list->rule = items[from].rule;
	if (node_insert_before(items[from].node, list) != 0)
		recover_raise(RECOVER_BUG);
	for (k = from; k < to; k++) {
		li = node_split_inlines(items[k].node, items[k].body_off,
		    NODE_LIST_ITEM);
		li->as.item.label = outline_trimmed_copy(items[k].text.ptr,
		    items[k].m.len);
		li->line = items[k].node->line;
		node_trim_inlines(li);
		node_free(items[k].node);
		items[k].node = NULL;
		if (node_append(list, li) != 0)
			recover_raise(RECOVER_BUG);
	}
}

/*
 * Joins item i+1 into item i (a heading over two lines, a section number
 * and its heading line): its inlines move over, its text is appended.
 */
static void
join_items(struct item *v, size_t i)
{
	struct node	*a = v[i].node, *b = v[i + 1].node;

	node_move_children(a, b);
	node_free(b);
	v[i + 1].node = NULL;
	buf_putbuf(&v[i].text, &v[i + 1].text);
}

static void
apply(struct outline *o, struct node *parent)
{
	struct item	*v = o->v;
	size_t		 i, j, label, body;
	struct node	*h, *tail;

	for (i = 0; i < o->n; i = j) {
		struct item *it = &v[i];
		unsigned int line;

		j = i + 1;
		if (it->node == NULL)
			continue;
		line = it->node->line;
		if (it->cls == CLS_LIST) {
			while (j < o->n && v[j].cls == CLS_LIST &&
			    v[j].m.fam == it->m.fam &&
			    (it->m.fam == FAM_DASH ||
			    v[j].m.num == v[j - 1].m.num + 1))
				j++;
			to_list(v, i, j);
			continue;
		}
		if (it->level < 0 || !is_member(it))
			continue;
		label = it->fid == FID_UNNUMBERED || it->m.fam == FAM_NONE ?
		    it->label_len : it->m.len;
		body = it->fid == FID_UNNUMBERED || it->m.fam == FAM_NONE ?
		    it->label_len : it->m.body;
		if (it->join && i + 1 < o->n && v[i + 1].node != NULL) {
			if (it->bare || (it->m.fam == FAM_NONE &&
			    it->label_len > 0))
				body = it->text.len;
			join_items(v, i);
			j = i + 2;
		}
		if (it->cls == CLS_RUNIN) {
			tail = node_split_inlines(it->node, it->runin_end,
			    NODE_PARAGRAPH);
			tail->rule = "body of a run-in heading";
			tail->line = line;
			node_trim_inlines(tail);
			h = to_heading(it->node, it->text.ptr, label, body,
			    it->level, it->rule);
			h->as.heading.run_in = 1;
			if (h->next != NULL) {
				if (node_insert_before(h->next, tail) != 0)
					recover_raise(RECOVER_BUG);
			} else if (node_append(parent, tail) != 0)
				recover_raise(RECOVER_BUG);
		} else
			h = to_heading(it->node, it->text.ptr, label, body,
			    it->level, it->rule);
		it->node = h;
		diag_note(o->diag, "line %u: level-%d %sheading %.*s (%s: %s)",
		    line, it->level, it->cls == CLS_RUNIN ? "run-in " : "",
		    shown(it), it->text.ptr, fid_name(it->fid), it->rule);
	}
}

/* --- driver -------------------------------------------------------------- */

/*
 * Headings rank by nesting: a heading's level is one more than the number
 * of headings it stands under.  The families' order gives 一、 over （一）
 * over 1.; where a section skips one (1. right under 四、 in a text whose
 * other sections have （一）), its headings are the next level down, as a
 * reader and a contents list see them, and no heading level is skipped
 * (EPUB and Word outlines take a skipped level for a missing section).
 */
static void
rank_by_nesting(struct node *parent, struct diag *diag)
{
	struct node	*n;
	int		 above[6], depth = 0, level;
	size_t		 moved = 0;
	unsigned int	 first = 0;

	for (n = parent->first_child; n != NULL; n = n->next) {
		if (n->type != NODE_HEADING)
			continue;
		level = n->as.heading.level;
		while (depth > 0 && above[depth - 1] >= level)
			depth--;
		if (depth == 6)		/* levels are 1-6: not reached */
			depth--;
		above[depth++] = level;
		if (depth != level && moved++ == 0)
			first = n->line;
		n->as.heading.level = depth;
	}
	if (moved > 0)
		diag_note(diag, "line %u: %zu heading%s take%s the level of "
		    "their nesting (a level above them is skipped)", first,
		    moved, moved == 1 ? "" : "s", moved == 1 ? "s" : "");
}

/* Marker families named by a --levels list; fills level_of[]. */
static int
parse_levels(const char *spec, int *level_of, char *err, size_t errlen)
{
	const char	*p = spec, *e;
	struct marker	 m;
	char		 probe[64];
	size_t		 n;
	int		 level = 0;

	memset(level_of, 0, sizeof(int) * FAM__HEADS);
	while (*p != '\0') {
		while (*p == ',' || *p == ' ' || strncmp(p, "，", 3) == 0)
			p += strncmp(p, "，", 3) == 0 ? 3 : 1;
		if (*p == '\0')
			break;
		for (e = p; *e != '\0' && *e != ',' && *e != ' ' &&
		    strncmp(e, "，", 3) != 0; e++)
			;
		/*
		 * With a heading's text after it: "1." alone is no marker.
		 * Clause numbers ("1", "1.1") take white space before the
		 * text; "第一" stands for the 第一，… heading sentences (the
		 * comma would end the item of the list).
		 */
		n = (size_t)(e - p) < sizeof(probe) - 5 ? (size_t)(e - p) : 0;
		memcpy(probe, p, n);
		memcpy(probe + n, "甲", 3);
		if (n == strlen("第一") && memcmp(p, "第一", n) == 0) {
			m.fam = FAM_ORD;
		} else if (n == 0 || ((!outline_parse_marker(probe, n + 3, 0,
		    &m) || m.fam >= FAM__HEADS || m.body != n) &&
		    (memcpy(probe + n, " 甲", 4), !outline_parse_marker(probe,
		    n + 4, 0, &m) || m.fam >= FAM__HEADS || m.len != n))) {
			if (err != NULL)
				snprintf(err, errlen, "\"%.*s\" is not an "
				    "outline marker (like 第一章 一、 （一） 1. "
				    "（1） 01 1.1 第一)", (int)(e - p), p);
			return -1;
		}
		if (level_of[m.fam] != 0) {
			if (err != NULL)
				snprintf(err, errlen, "\"%.*s\" is listed "
				    "twice", (int)(e - p), p);
			return -1;
		}
		if (++level > 6) {
			if (err != NULL)
				snprintf(err, errlen, "more than 6 levels");
			return -1;
		}
		level_of[m.fam] = level;
		p = e;
	}
	if (level == 0) {
		if (err != NULL)
			snprintf(err, errlen, "no marker given");
		return -1;
	}
	return 0;
}

int
outline_levels_check(const char *spec, char *err, size_t errlen)
{
	int	 level_of[FAM__HEADS];

	return parse_levels(spec, level_of, err, errlen);
}

static void
outline_siblings(struct node *parent, const struct outline_opts *opts,
    struct diag *diag)
{
	struct outline	 o;
	struct node	*n, *next;
	size_t		 cap = 0, i;
	int		 back = 0, user[FAM__HEADS];
	int		 flat = opts->mode == OUTLINE_NONE;

	memset(&o, 0, sizeof(o));
	o.opts = opts;
	o.diag = diag;
	if (opts->levels != NULL &&
	    parse_levels(opts->levels, user, NULL, 0) != 0)
		flat = 1;	/* refused by the caller already */
	if (!flat)
		outline_find_toc(parent, diag);
	for (n = parent->first_child; n != NULL; n = n->next) {
		struct item *it;

		if (n->type == NODE_HEADING && (flat || opts->levels != NULL))
			demote_heading(n);
		if (o.n == cap) {
			cap = cap ? cap * 2 : 64;
			o.v = xreallocarray(o.v, cap, sizeof(*o.v));
		}
		it = &o.v[o.n++];
		memset(it, 0, sizeof(*it));
		it->node = n;
		buf_init(&it->text);
		it->cls = CLS_OTHER;
		it->m.fam = FAM_NONE;
		it->fid = -1;
		it->level = -1;
		if (n->type == NODE_PARAGRAPH || n->type == NODE_HEADING) {
			node_text(n, &it->text);
			it->chars = utf8_count(it->text.ptr, it->text.len);
			if (n->type == NODE_PARAGRAPH) {
				int numbered_back;

				if (is_back_matter(it->text.ptr, it->text.len))
					back = 1;
				if (!flat)
					classify(it);
				else
					it->cls = CLS_BODY;
				/*
				 * "4  参考文献", numbered as the sections
				 * before it: a section of the paper, the
				 * references under it back matter.
				 */
				numbered_back = !flat && !back &&
				    it->m.fam != FAM_NONE &&
				    it->body_off < it->text.len &&
				    is_back_matter(it->text.ptr + it->body_off,
				    it->text.len - it->body_off);
				it->back_matter = back;
				if (numbered_back)
					back = 1;
			} else {
				label_existing_heading(it);
				if (n->as.heading.level > o.base)
					o.base = n->as.heading.level;
			}
		}
	}
	if (flat) {
		diag_note(diag, "outline: none (paragraphs only)");
		goto out;
	}
	ordinal_runs(&o);
	for (i = 0; i < o.n; i++)
		if (o.v[i].back_matter && (o.v[i].cls == CLS_HEADING ||
		    o.v[i].cls == CLS_RUNIN)) {
			o.v[i].cls = CLS_MARKED;
			o.v[i].bare = 0;
		}
	match_toc(&o);
	for (o.base = 0, i = 0; i < o.n; i++)
		if (o.v[i].node->type == NODE_HEADING &&
		    o.v[i].node->as.heading.level > o.base)
			o.base = o.v[i].node->as.heading.level;
	law_items(&o);
	join_broken(&o);
	find_lists(&o);
	if (opts->levels == NULL)
		series_items(&o);
	if (opts->levels != NULL) {
		o.base = 0;
		decide_levels(&o, user);
	} else
		decide_auto(&o);
	apply(&o, parent);
	if (opts->levels == NULL)
		rank_by_nesting(parent, diag);
	outline_points(parent, diag);
out:
	for (i = 0; i < o.n; i++)
		buf_free(&o.v[i].text);
	free(o.v);
	for (n = parent->first_child; n != NULL; n = next) {
		next = n->next;
		if (n->type == NODE_QUOTE)
			outline_siblings(n, opts, diag);
	}
}

void
outline_recognise(struct doc *doc, const struct outline_opts *opts,
    struct diag *diag)
{
	static const struct outline_opts defaults = { OUTLINE_AUTO, NULL };

	outline_siblings(doc->root, opts != NULL ? opts : &defaults, diag);
}
