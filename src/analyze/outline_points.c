/*
 * Inline points: enumerators inside body paragraphs (outline_int.h).
 *
 * Kinds, each a convention of Chinese prose (docs/outline.md, "Points"):
 *
 *	是	一是 二是 … 十三是			runs may span paragraphs
 *	序	第一， 第二、 其一， 其二， 首先， 其次， 再次， 最后（最後）;
 *		首先是 首先要 首先应 … (the word run on, as speeches have it)
 *						one series: writers mix
 *						首先…第二…第三; runs may span
 *						paragraphs
 *	顿号	一、…；二、… or 一，…；二，… inside a paragraph
 *	括号	（一）…；（二）…；及（三）… inside a paragraph, never at
 *		its start (that is a run-in heading or a list item), as
 *		Hong Kong's and official texts enumerate in a sentence
 *	数字	…认为，1、…。2、…；3、… (or 1）…；2）…) inside a paragraph,
 *		never at its start, and never a list of figures (1、2号线)
 *	圈码	① ② inside a paragraph
 *
 * A label counts only at the start of a clause (after punctuation or
 * white space, or after 其中 包括 即), so 统一是, 全国第二, 第一种 do not,
 * and only in a run numbered 1, 2, 3… of at least two.  The one
 * exception is the first label of a run inside a paragraph: "农场一是增设
 * 销售网点。二是…三是…" opens a run that the later labels, each at a
 * clause start, confirm.  最后 closes a run with or without its comma.
 * A heading ends every run.
 */
#include "outline_int.h"

#include <stdlib.h>
#include <string.h>

#include "tree/alloc.h"
#include "tree/buf.h"
#include "tree/utf8.h"
#include "article.h"

#define CP_TEN		0x5341u	/* 十 */


enum point_kind {
	PK_SHI,		/* 一是 */
	PK_ORD,		/* 第一， 首先， 其次， 再次， 最后， */
	PK_CN,		/* 一、 一， within a paragraph */
	PK_CIRCLED,	/* ① within a paragraph */
	PK_PAREN,	/* （一） within a paragraph, not at its start */
	PK_DIGIT,	/* 1、 １、 within a paragraph, not at its start */
	PK__COUNT
};

struct cand {
	size_t		 para;		/* index into the paragraphs */
	size_t		 off;		/* byte offset of the label */
	size_t		 len;		/* bytes of the label */
	int		 num;		/* 1, 2, …; 0 for 最后 */
	enum point_kind	 kind;
	int		 weak;		/* not at a clause start */
	int		 ok;
};

struct cands {
	struct cand	*v;
	size_t		 n, cap;
};

static void
cand_add(struct cands *c, size_t para, size_t off, size_t len, int num,
    enum point_kind kind, int weak)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->v = xreallocarray(c->v, c->cap, sizeof(*c->v));
	}
	c->v[c->n].para = para;
	c->v[c->n].off = off;
	c->v[c->n].len = len;
	c->v[c->n].num = num;
	c->v[c->n].kind = kind;
	c->v[c->n].weak = weak;
	c->v[c->n].ok = 0;
	c->n++;
}

static uint32_t
peek(const char *s, size_t len, size_t pos)
{
	return pos < len ? utf8_next(s, len, &pos) : 0;
}

/* Is s followed at pos by a comma or 顿号 (第一，)? Returns its end. */
static size_t
after_comma(const char *s, size_t len, size_t pos)
{
	size_t		 q = pos;
	uint32_t	 cp;

	if (pos >= len)
		return 0;
	cp = utf8_next(s, len, &q);
	return (cp == 0xFF0C || cp == 0x3001 || cp == ',') ? q : 0;
}

/* Does one of the nwords words end s just before s[start]? */
static int
preceded_by(const char *s, size_t start, const char *const *words,
    size_t nwords)
{
	size_t	 i, n;

	for (i = 0; i < nwords; i++) {
		n = strlen(words[i]);
		if (start >= n && memcmp(s + start - n, words[i], n) == 0)
			return 1;
	}
	return 0;
}

/*
 * Words after which an enumerator begins without punctuation:
 * "其中一是…", "包括一是…", "即一是…".
 */
static int
after_lead_in(const char *s, size_t start)
{
	static const char *const words[] = { "其中", "包括", "即" };

	return preceded_by(s, start, words, sizeof(words) / sizeof(words[0]));
}

/*
 * "1、" or "1）" inside a sentence at s[start] (its first digit cp, read
 * up to pos): the number, *end past the 、 or ）; or -1.  One or two
 * digits, not after another digit, and not a list of figures (1、2号线,
 * 3、4月).
 */
static int
digit_label(const char *s, size_t len, size_t start, size_t pos, uint32_t cp,
    size_t *end)
{
	size_t		 p = pos;
	uint32_t	 close;
	int		 n = outline_dec_digit(cp), d;

	if (start == 0 || n <= 0)
		return -1;
	if ((d = outline_dec_digit(peek(s, len, p))) >= 0) {
		n = n * 10 + d;
		utf8_next(s, len, &p);
	}
	close = peek(s, len, p);
	if (close != 0x3001 && close != 0xFF09 && close != ')')
		return -1;
	utf8_next(s, len, &p);
	if (outline_dec_digit(peek(s, len, p)) >= 0 || p >= len)
		return -1;
	*end = p;
	return n;
}

/* Whether cp can begin an enumerator scan_points() looks for. */
static int
may_open_point(uint32_t cp)
{
	return article_cn_digit(cp) > 0 || cp == CP_TEN ||
	    cp == 0x7B2C || cp == 0x9996 || cp == 0x5176 || cp == 0x518D ||
	    cp == 0x6700 || (cp >= 0x2460 && cp <= 0x2473) || cp == 0xFF08 ||
	    cp == '(' || outline_dec_digit(cp) > 0;
}

/*
 * A parenthesised number inside a sentence, "（一）", "(一)" or "（1）", at s[pos]
 * after its opening bracket: returns the number and sets *end past the
 * closing one, or -1.  Not a reference to a clause of a law ("第（一）项",
 * "（一）款"): the word after it is no 项 款 目 类.
 */
static int
paren_number(const char *s, size_t len, size_t pos, uint32_t open,
    size_t *end)
{
	size_t		 p = pos;
	uint32_t	 close, after;
	int		 n;

	if ((n = article_cn_number(s, len, &p, ARTICLE_CN_ANY)) <= 0) {
		/* （1）…（10）: one or two figures. */
		int d, digits = 0;

		for (n = 0; digits < 3 &&
		    (d = outline_dec_digit(peek(s, len, p))) >= 0; digits++) {
			n = n * 10 + d;
			utf8_next(s, len, &p);
		}
		if (digits == 0 || digits > 2 || n == 0)
			return -1;
	}
	close = utf8_next(s, len, &p);
	if ((open == 0xFF08 && close != 0xFF09) || (open == '(' &&
	    close != ')' && close != 0xFF09))
		return -1;
	after = peek(s, len, p);
	if (after == 0x9879 || after == 0x6B3E || after == 0x76EE ||
	    after == 0x7C7B || after == 0x985E || after == 0 ||
	    after == 0x3002)
		return -1;
	*end = p;
	return n;
}

/* 及 和 或 与: a run's last label may follow one (…；及（三）…). */
static int
after_conjunction(const char *s, size_t start)
{
	static const char *const words[] = { "及", "和", "或", "與", "与" };

	return preceded_by(s, start, words, sizeof(words) / sizeof(words[0]));
}

/* 首先 其次 再次 最后 最後: the number each stands for (0: last). */
static int
sequence_word(const char *s, size_t len, size_t pos, uint32_t cp,
    size_t *end)
{
	uint32_t	 next = peek(s, len, pos);

	*end = pos + 3;
	if (cp == 0x9996 && next == 0x5148)		/* 首先 */
		return 1;
	if (cp == 0x5176 && next == 0x6B21)		/* 其次 */
		return 2;
	if (cp == 0x518D && next == 0x6B21)		/* 再次 */
		return 3;
	if (cp == 0x6700 && (next == 0x540E || next == 0x5F8C))	/* 最后 */
		return 0;
	return -1;
}

/*
 * 要 应 應 需 必 得: the modal verbs a point may open with (首先要…, 首先得…
 * as speech and commentary say "must").
 */
static int
modal_verb(uint32_t cp)
{
	return cp == 0x8981 || cp == 0x5E94 || cp == 0x61C9 || cp == 0x9700 ||
	    cp == 0x5FC5 || cp == 0x5F97;
}

/* Finds enumerator candidates in paragraph para's text. */
static void
scan_points(const char *s, size_t len, size_t para, struct cands *c)
{
	size_t		 pos = 0, start, p, q;
	uint32_t	 cp, prev = 0;
	int		 n, at_boundary;

	while (pos < len) {
		start = pos;
		cp = utf8_next(s, len, &pos);
		/*
		 * The cheap test first: most characters open nothing, and
		 * the lead-in words need looking for only before one that
		 * may.
		 */
		if (!may_open_point(cp)) {
			prev = cp;
			continue;
		}
		at_boundary = start == 0 || outline_is_boundary(prev) ||
		    after_lead_in(s, start);
		prev = cp;
		p = start;
		if (article_cn_digit(cp) > 0 || cp == CP_TEN) {
			if ((n = article_cn_number(s, len, &p,
			    ARTICLE_CN_ANY)) < 0)
				continue;
			/*
			 * A numeral is one word: the 一是 inside 十一是 is
			 * no label of its own (it would read as the run's
			 * first label said again and end the run at 十一).
			 */
			pos = p;
			q = p;
			cp = peek(s, len, p);
			if (cp == 0x662F) {			/* 是 */
				utf8_next(s, len, &q);
				/*
				 * 一是一，二是二 (one is one: say things as
				 * they are) is an idiom, not a label: the
				 * same number again after 是.
				 */
				p = q;
				if (article_cn_number(s, len, &p,
				    ARTICLE_CN_ANY) == n &&
				    !uc_is_han(peek(s, len, p)))
					continue;
				cand_add(c, para, start, q - start, n, PK_SHI,
				    !at_boundary);
			} else if ((cp == 0x3001 || cp == 0xFF0C) &&
			    at_boundary) {			/* 、 ， */
				utf8_next(s, len, &q);
				/* 一、二年级 */
				p = q;
				if (article_cn_number(s, len, &p,
				    ARTICLE_CN_ANY) > 0 &&
				    (peek(s, len, p) == 0x3001 ||
				    peek(s, len, p) == 0xFF0C ||
				    peek(s, len, p) == 0x5E74))
					continue;
				cand_add(c, para, start, q - start, n, PK_CN,
				    0);
			}
		} else if (outline_dec_digit(cp) >= 0) {		/* 1、 */
			if (!at_boundary ||
			    (n = digit_label(s, len, start, pos, cp, &q)) < 0)
				continue;
			cand_add(c, para, start, q - start, n, PK_DIGIT, 0);
		} else if (cp == 0xFF08 || cp == '(') {		/* （ ( */
			if (start == 0 || (n = paren_number(s, len, pos, cp,
			    &q)) < 0)
				continue;
			cand_add(c, para, start, q - start, n, PK_PAREN,
			    !at_boundary && !after_conjunction(s, start));
		} else if (!at_boundary) {
			continue;
		} else if (cp == 0x7B2C) {			/* 第 */
			p = pos;
			if ((n = article_cn_number(s, len, &p,
			    ARTICLE_CN_ANY)) < 0)
				continue;
			if ((q = after_comma(s, len, p)) == 0)
				continue;
			cand_add(c, para, start, q - start, n, PK_ORD, 0);
		} else if (cp == 0x5176 && (p = pos, (n = article_cn_number(s,
		    len, &p, ARTICLE_CN_SMALL)) > 0) && (q = after_comma(s, len,
		    p)) > 0) {				/* 其一， 其二， */
			cand_add(c, para, start, q - start, n, PK_ORD, 0);
		} else if (cp == 0x9996 || cp == 0x5176 || cp == 0x518D ||
		    cp == 0x6700) {			/* 首 其 再 最 */
			if ((n = sequence_word(s, len, pos, cp, &p)) < 0)
				continue;
			q = after_comma(s, len, p);
			/*
			 * Speeches and reports run the word on: 首先是…；
			 * 其次是… (是 belongs to the label, as in 一是) and
			 * 首先要…；其次要… and the other modal verbs, 首先应…,
			 * 首先應…, 首先需…, 首先必须… (the verb begins the
			 * point's own text).
			 */
			if (q == 0 && peek(s, len, p) == 0x662F) {	/* 是 */
				q = p;
				utf8_next(s, len, &q);
			} else if (q == 0 && modal_verb(peek(s, len, p)))
				q = p;
			if (q == 0 && n == 1) {
				/*
				 * 首先 run straight on into its verb (首先将
				 * 其置于…；其次，…；第三，…) opens a run only
				 * when two more labels confirm it.
				 */
				cand_add(c, para, start, p - start, n, PK_ORD,
				    1);
				continue;
			}
			if (q == 0) {
				/* 最后 closes a run without its comma. */
				if (n != 0)
					continue;
				q = p;
			}
			cand_add(c, para, start, q - start, n, PK_ORD, 0);
		} else if (cp >= 0x2460 && cp <= 0x2473) {
			cand_add(c, para, start, pos - start,
			    (int)(cp - 0x2460) + 1, PK_CIRCLED, 0);
		}
	}
}

/* Does candidate x continue a run that expects number expect? */
static int
continues(const struct cand *x, enum point_kind kind, int expect, int run_len)
{
	if (x->weak)
		return 0;
	if (x->num == expect)
		return 1;
	if (kind == PK_ORD && (x->num == 0 || (x->num == 3 && expect == 4)))
		return 1;
	/* 一是…；一是…: the first label said twice. */
	return kind == PK_SHI && x->num == 1 && expect == 2 && run_len == 1;
}

/*
 * May candidate i begin or go on with a run across paragraphs?  It opens
 * its paragraph; or it is 首先 / 第一 closing its paragraph's last
 * sentences ("…的表象背后，首先是不成网。"), the next ones opening later
 * paragraphs ("其次是地理位置偏。").
 */
static int
opens_across(const struct cands *c, size_t i)
{
	const struct cand *x = &c->v[i];
	size_t	 k;

	if (x->off == 0)
		return 1;
	if (x->kind != PK_ORD || x->num != 1)
		return 0;
	for (k = i + 1; k < c->n && c->v[k].para == x->para; k++)
		if (c->v[k].kind == PK_ORD)
			return 0;
	return 1;
}

/*
 * Accepts candidates of one kind that form runs 1, 2, 3… of at least two,
 * in document order.  With across set, runs are made of labels that open
 * their paragraphs (one "一是…" line per paragraph) and were not accepted
 * within a paragraph; otherwise runs stay inside one paragraph, and only
 * their first label may stand where no clause starts (confirmed by at
 * least two more).
 */
static void
accept_runs(struct cands *c, enum point_kind kind, int across)
{
	size_t	 i, k, run_start = 0, run_len = 0, run_para = 0;
	int	 expect = 0, cont, need;

	for (i = 0; i <= c->n; i++) {
		struct cand *x = i < c->n ? &c->v[i] : NULL;

		if (x != NULL && (x->kind != kind ||
		    (across && (x->ok || !opens_across(c, i) || x->weak))))
			continue;
		cont = x != NULL && run_len > 0 &&
		    (across || x->para == run_para) &&
		    continues(x, kind, expect, (int)run_len);
		if (cont) {
			run_len++;
			expect = x->num == 0 ? -1 : x->num == 1 ? 2 :
			    x->num + 1;
			continue;
		}
		need = run_len > 0 && c->v[run_start].weak ? 3 : 2;
		if (run_len >= (size_t)need)
			for (k = run_start; k < i; k++)
				if (c->v[k].kind == kind &&
				    (!across || (opens_across(c, k) &&
				    !c->v[k].weak)))
					c->v[k].ok = 1;
		run_len = 0;
		if (x != NULL && x->num == 1 && (!across || !x->weak)) {
			run_start = i;
			run_len = 1;
			run_para = x->para;
			expect = 2;
		}
	}
}

/* Where the lead sentence that starts at s[from] ends (before limit). */
static size_t
lead_end(const char *s, size_t from, size_t limit)
{
	size_t		 pos = from;
	uint32_t	 cp;

	while (pos < limit) {
		cp = utf8_next(s, limit, &pos);
		if (cp == 0x3002 || cp == 0xFF1B || cp == 0xFF01 ||
		    cp == 0xFF1F || cp == ';' || cp == '!' || cp == '?')
			return pos;
	}
	return limit;
}

/*
 * Rewrites paragraph p (text s) into a point list with the given accepted
 * candidates (in order of offset).
 */
static void
to_points(struct node *p, const char *s, size_t len, struct cand *v, size_t n)
{
	struct node	*list = node_new(NODE_POINT_LIST), **points;
	struct node	*seg, *rest, *lead, *pt;
	size_t		 i, end, le;

	points = xcalloc(n, sizeof(*points));
	list->line = p->line;
	list->rule = "enumerators 一是/第一，/首先，/①/一、 in a run of two "
	    "or more";
	for (i = n; i-- > 0;) {
		end = i + 1 < n ? v[i + 1].off : len;
		le = lead_end(s, v[i].off + v[i].len, end);
		seg = node_split_inlines(p, v[i].off, NODE_POINT);
		rest = node_split_inlines(seg, le - v[i].off, NODE_PARAGRAPH);
		lead = node_split_inlines(seg, v[i].len, NODE_POINT_LEAD);
		pt = node_new(NODE_POINT);
		pt->line = p->line;
		pt->as.point.label = xstrndup(s + v[i].off, v[i].len);
		node_trim_inlines(lead);
		node_trim_inlines(rest);
		if (node_append(pt, lead) != 0)
			recover_raise(RECOVER_BUG);
		node_move_children(pt, rest);
		node_free(rest);
		node_free(seg);
		points[i] = pt;
	}
	node_trim_inlines(p);
	if (node_insert_before(p, list) != 0)
		recover_raise(RECOVER_BUG);
	node_unlink(p);
	if (p->first_child != NULL) {
		p->rule = "text before the first point";
		if (node_append(list, p) != 0)
			recover_raise(RECOVER_BUG);
	} else
		node_free(p);
	for (i = 0; i < n; i++)
		if (node_append(list, points[i]) != 0)
			recover_raise(RECOVER_BUG);
	free(points);
}

/*
 * Do the accepted labels of v[0..n) (one paragraph, in order) mix kinds
 * back and forth?  Runs of one kind after another are not mixed.
 */
static int
interleaved(const struct cand *v, size_t n)
{
	int	 seen[PK__COUNT] = { 0 }, last = -1;
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (!v[i].ok || (int)v[i].kind == last)
			continue;
		if (seen[v[i].kind])
			return 1;
		seen[v[i].kind] = 1;
		last = (int)v[i].kind;
	}
	return 0;
}

/* The paragraphs scanned for points, with their text and section. */
struct paras {
	struct node	**paras;
	struct buf	 *texts;
	int		 *sections;	/* < 0: a list item's wrapped text */
	size_t		  n, cap;
};

static void
add_para(struct paras *pc, struct node *para, int section, struct cands *c)
{
	if (pc->n == pc->cap) {
		pc->cap = pc->cap ? pc->cap * 2 : 64;
		pc->paras = xreallocarray(pc->paras, pc->cap,
		    sizeof(*pc->paras));
		pc->texts = xreallocarray(pc->texts, pc->cap,
		    sizeof(*pc->texts));
		pc->sections = xreallocarray(pc->sections, pc->cap,
		    sizeof(*pc->sections));
	}
	pc->paras[pc->n] = para;
	pc->sections[pc->n] = section;
	buf_init(&pc->texts[pc->n]);
	node_text(para, &pc->texts[pc->n]);
	scan_points(pc->texts[pc->n].ptr, pc->texts[pc->n].len, pc->n, c);
	pc->n++;
}

/*
 * Wraps list item item's text (its leading inlines) in a new paragraph,
 * its first child, and returns it; NULL when the item has no text.
 */
static struct node *
item_paragraph(struct node *item)
{
	struct node	*para, *c;

	if (item->type != NODE_LIST_ITEM || item->first_child == NULL ||
	    !node_is_inline(item->first_child))
		return NULL;
	para = node_new(NODE_PARAGRAPH);
	para->line = item->line;
	if (node_insert_before(item->first_child, para) != 0)
		recover_raise(RECOVER_BUG);
	while ((c = para->next) != NULL && node_is_inline(c)) {
		node_unlink(c);
		if (node_append(para, c) != 0)
			recover_raise(RECOVER_BUG);
	}
	return para;
}

/* Undoes item_paragraph(): the text goes back into the item. */
static void
item_unwrap(struct node *para)
{
	struct node	*c;

	while ((c = para->first_child) != NULL) {
		node_unlink(c);
		if (node_insert_before(para, c) != 0)
			recover_raise(RECOVER_BUG);
	}
	node_unlink(para);
	node_free(para);
}

void
outline_points(struct node *parent, struct diag *diag)
{
	struct cands	 c = { 0 };
	struct paras	 pc = { 0 };
	struct node	**paras, *n;
	struct buf	*texts;
	size_t		 np, i, j, k, first;
	int		 kind, section = 0, wrapped = 0;
	int		*sections;
	unsigned char	*pointed;

	for (n = parent->first_child; n != NULL; n = n->next) {
		if (n->type == NODE_HEADING)
			section++;
		if (n->type == NODE_LIST) {
			/*
			 * A list item's own text may enumerate too (a 工作要点
			 * item "3.…重点抓好三件事：一是…，二是…，三是…"):
			 * its inlines are wrapped in a paragraph of their own
			 * section, so that no run crosses into the text
			 * around the list, and unwrapped again below unless
			 * points were found.
			 */
			struct node *item, *para;

			for (item = n->first_child; item != NULL;
			    item = item->next)
				if ((para = item_paragraph(item)) != NULL)
					add_para(&pc, para, --wrapped, &c);
			continue;
		}
		if (n->type == NODE_PARAGRAPH)
			add_para(&pc, n, section, &c);
	}
	paras = pc.paras;
	texts = pc.texts;
	sections = pc.sections;
	np = pc.n;
	pointed = xcalloc(np + 1, 1);
	/* A heading ends every run: runs are found section by section. */
	for (kind = 0; kind < PK__COUNT; kind++) {
		for (i = 0; i < c.n; i = j) {
			for (j = i; j < c.n &&
			    sections[c.v[j].para] == sections[c.v[i].para]; j++)
				;
			struct cands sub = { c.v + i, j - i, j - i };

			accept_runs(&sub, (enum point_kind)kind, 0);
			if (kind == PK_SHI || kind == PK_ORD)
				accept_runs(&sub, (enum point_kind)kind, 1);
		}
	}
	/*
	 * Per paragraph: runs of several kinds one after the other (a
	 * 其次，… paragraph that goes on 一是…二是…三是…, as speeches and
	 * reports nest them) are all kept; where they interleave, the kind
	 * whose first accepted label is first.
	 */
	for (i = 0; i < c.n; i = j) {
		int one_kind;

		for (j = i; j < c.n && c.v[j].para == c.v[i].para; j++)
			;
		for (first = i; first < j && !c.v[first].ok; first++)
			;
		if (first == j)
			continue;
		one_kind = interleaved(c.v + i, j - i);
		k = 0;
		for (size_t m = i; m < j; m++)
			if (c.v[m].ok && (!one_kind ||
			    c.v[m].kind == c.v[first].kind))
				c.v[i + k++] = c.v[m];
		diag_note(diag, "line %u: %zu point%s (%.*s…)",
		    paras[c.v[i].para]->line, k, k == 1 ? "" : "s",
		    (int)c.v[i].len, texts[c.v[i].para].ptr + c.v[i].off);
		to_points(paras[c.v[i].para], texts[c.v[i].para].ptr,
		    texts[c.v[i].para].len, c.v + i, k);
		pointed[c.v[i].para] = 1;
	}
	for (i = 0; i < np; i++) {
		if (sections[i] < 0 && !pointed[i])
			item_unwrap(paras[i]);
		buf_free(&texts[i]);
	}
	free(pointed);
	free(texts);
	free(paras);
	free(sections);
	free(c.v);
}
