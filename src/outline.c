#include "outline.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "article.h"
#include "buf.h"
#include "utf8.h"

/*
 * Marker kinds.  The first six are outline ranks (see outline.h); the rest
 * only ever make lists or points.
 */
enum family {
	FAM_NONE = -1,
	FAM_CHAPTER = 0,	/* 第一章 第一编 第一部分 */
	FAM_SECTION,		/* 第一节 */
	FAM_CN,			/* 一、 */
	FAM_CN_PAREN,		/* （一） */
	FAM_NUM,		/* 1. 1． 1、 */
	FAM_NUM_PAREN,		/* （1） */
	FAM__RANKS,
	FAM_ARTICLE = FAM__RANKS, /* 第一条: a numbered paragraph */
	FAM_CIRCLED,		/* ① */
	FAM_DASH		/* —— */
};

static const char *const family_example[] = {
	"第一章", "第一节", "一、", "（一）", "1.", "（1）", "第一条", "①",
	"——"
};

/* How each sibling block was classified. */
enum cls {
	CLS_OTHER,	/* not a plain paragraph: left alone */
	CLS_BODY,	/* a paragraph without a marker */
	CLS_HEADING,	/* marker + heading-shaped text */
	CLS_RUNIN,	/* marker + heading-shaped first sentence + body */
	CLS_MARKED,	/* marker + body text: a paragraph or a list item */
	CLS_LIST	/* member of a list (decided by series) */
};

struct item {
	struct node	*node;
	struct buf	 text;		/* the paragraph's text content */
	enum cls	 cls;
	enum family	 fam;
	int		 num;		/* the marker's number */
	size_t		 label_len;	/* bytes of the marker */
	size_t		 body_off;	/* bytes up to the text after it */
	size_t		 runin_end;	/* bytes: end of the run-in sentence */
	int		 back_matter;	/* after 附件 / 名词解释 */
	int		 unnumbered;	/* an unnumbered heading */
	const char	*rule;
};

/* --- characters ---------------------------------------------------------- */

#define CP_TEN		0x5341u	/* 十 */

/* ASCII or full-width decimal digit value, or -1. */
static int
dec_digit(uint32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return (int)(cp - '0');
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return (int)(cp - 0xFF10);
	return -1;
}

/* Parses 1-2 decimal digits at s[*pos]; returns the value or -1. */
static int
dec_number(const char *s, size_t len, size_t *pos)
{
	size_t		 p = *pos, q;
	int		 value = 0, n = 0, d;

	while (p < len && n < 3) {
		q = p;
		if ((d = dec_digit(utf8_next(s, len, &q))) < 0)
			break;
		value = value * 10 + d;
		n++;
		p = q;
	}
	if (n == 0 || n > 2 || value == 0)
		return -1;
	*pos = p;
	return value;
}

static uint32_t
peek(const char *s, size_t len, size_t pos)
{
	return pos < len ? utf8_next(s, len, &pos) : 0;
}

static int
is_open_paren(uint32_t cp)
{
	return cp == '(' || cp == 0xFF08;
}

static int
is_close_paren(uint32_t cp)
{
	return cp == ')' || cp == 0xFF09;
}

/* Sentence-final marks: a heading has none inside. */
static int
is_stop(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F ||	/* 。！？ */
	    cp == 0xFF1B || cp == '!' || cp == '?' || cp == ';';	/* ； */
}

/* Marks a heading cannot end with: it would continue. */
static int
is_continuing(uint32_t cp)
{
	return cp == 0xFF0C || cp == 0x3001 || cp == 0xFF1B ||	/* ，、； */
	    cp == 0xFF1A || cp == ',' || cp == ';' || cp == ':' ||	/* ： */
	    cp == 0x2026 || cp == 0x2014;			/* … — */
}

/*
 * Characters after which an enumerator may begin: the start of a
 * sentence or clause.  Anything else (a Han character) means the marker
 * is part of a word: 统一是, 全国第二.
 */
static int
is_boundary(uint32_t cp)
{
	switch (cp) {
	case 0x3002: case 0xFF1B: case 0xFF1A: case 0xFF0C:	/* 。；：， */
	case 0xFF01: case 0xFF1F: case 0x3001:			/* ！？、 */
	case 0xFF09: case 0x201D: case 0x2019: case 0x300D:	/* ）”’」 */
	case 0x300F: case 0x3011: case 0x300B: case 0x2026:	/* 』】》… */
	case 0x3000: case ' ': case '\t': case '\n': case 0xA0:
	case ',': case ';': case ':': case '!': case '?': case ')':
	case '.':
		return 1;
	default:
		return 0;
	}
}

static int
has_letter(const char *s, size_t len)
{
	size_t		 pos = 0;
	uint32_t	 cp;

	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (uc_is_han(cp) || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= 'a' && cp <= 'z') || (cp >= 0x3040 && cp <= 0x30FF))
			return 1;
	}
	return 0;
}

/* Bytes of white space at s[pos..]. */
static size_t
skip_space(const char *s, size_t len, size_t pos)
{
	size_t		 q;
	uint32_t	 cp;

	while (pos < len) {
		q = pos;
		cp = utf8_next(s, len, &q);
		if (!uc_is_space(cp))
			break;
		pos = q;
	}
	return pos;
}

/* --- markers ------------------------------------------------------------- */

struct marker {
	enum family	 fam;
	int		 num;
	size_t		 len;		/* bytes of the marker itself */
	size_t		 body;		/* bytes to the text after it */
};

/*
 * Recognises an outline marker at the start of s.  expect_num, when not 0,
 * is the number a surrounding series expects next; "20.2026年…" is then
 * accepted as marker 20 although a digit follows the period.
 */
static int
parse_marker(const char *s, size_t len, int expect_num, struct marker *m)
{
	size_t		 p = 0, q;
	uint32_t	 cp, next;
	int		 n;

	memset(m, 0, sizeof(*m));
	m->fam = FAM_NONE;
	if (len == 0)
		return 0;
	q = 0;
	cp = utf8_next(s, len, &q);
	if (cp == 0x7B2C) {				/* 第 */
		p = q;
		if ((n = article_cn_number(s, len, &p, ARTICLE_CN_ANY)) < 0)
			return 0;
		q = p;
		cp = utf8_next(s, len, &q);
		if (cp == 0x7AE0 || cp == 0x7F16)	/* 章 编 */
			m->fam = FAM_CHAPTER;
		else if (cp == 0x8282)			/* 节 */
			m->fam = FAM_SECTION;
		else if (cp == 0x6761)			/* 条 */
			m->fam = FAM_ARTICLE;
		else if (cp == 0x90E8 && peek(s, len, q) == 0x5206) {	/* 部分 */
			m->fam = FAM_CHAPTER;
			utf8_next(s, len, &q);
		} else
			return 0;
		m->num = n;
		m->len = q;
		m->body = skip_space(s, len, q);
		return 1;
	}
	if (article_cn_digit(cp) > 0 || cp == CP_TEN) {
		if ((n = article_cn_number(s, len, &p, ARTICLE_CN_ANY)) < 0)
			return 0;
		q = p;
		if (utf8_next(s, len, &q) != 0x3001)	/* 、 */
			return 0;
		/* 一、二年级: the 顿号 separates numerals, not a marker. */
		p = q;
		if (article_cn_number(s, len, &p, ARTICLE_CN_ANY) > 0 &&
		    (peek(s, len, p) == 0x3001 ||
		    peek(s, len, p) == 0x5E74))		/* 、 年 */
			return 0;
		m->fam = FAM_CN;
		m->num = n;
		m->len = q;
		m->body = skip_space(s, len, q);
		return 1;
	}
	if (is_open_paren(cp)) {
		p = q;
		next = peek(s, len, p);
		if (article_cn_digit(next) > 0 || next == CP_TEN) {
			n = article_cn_number(s, len, &p, ARTICLE_CN_ANY);
			m->fam = FAM_CN_PAREN;
		} else {
			n = dec_number(s, len, &p);
			m->fam = FAM_NUM_PAREN;
		}
		if (n < 0)
			return 0;
		q = p;
		if (!is_close_paren(utf8_next(s, len, &q)))
			return 0;
		m->num = n;
		m->len = q;
		m->body = skip_space(s, len, q);
		return 1;
	}
	if (dec_digit(cp) >= 0) {
		if ((n = dec_number(s, len, &p)) < 0)
			return 0;
		q = p;
		cp = utf8_next(s, len, &q);
		if (cp != '.' && cp != 0xFF0E && cp != 0x3001)	/* ． 、 */
			return 0;
		/* 1.5亿元, 2021.10.14: a number, not a marker. */
		if (dec_digit(peek(s, len, q)) >= 0 && n != expect_num)
			return 0;
		if (q >= len)
			return 0;
		m->fam = FAM_NUM;
		m->num = n;
		m->len = q;
		m->body = skip_space(s, len, q);
		return 1;
	}
	if (cp >= 0x2460 && cp <= 0x2473) {		/* ①-⑳ */
		m->fam = FAM_CIRCLED;
		m->num = (int)(cp - 0x2460) + 1;
		m->len = q;
		m->body = skip_space(s, len, q);
		return 1;
	}
	if (cp == 0x2014 && peek(s, len, q) == 0x2014) {	/* —— */
		utf8_next(s, len, &q);
		m->fam = FAM_DASH;
		m->num = 0;
		m->len = q;
		m->body = skip_space(s, len, q);
		return 1;
	}
	return 0;
}

/* --- shapes -------------------------------------------------------------- */

/*
 * Is s[0..len) (the text after a marker) heading-shaped?  total_chars
 * counts the marker too.
 */
static int
heading_shaped(const char *s, size_t len, size_t total_chars, size_t max_chars)
{
	size_t		 pos = 0;
	uint32_t	 cp = 0;

	if (len == 0 || total_chars > max_chars || !has_letter(s, len))
		return 0;
	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (pos < len && is_stop(cp))
			return 0;
	}
	if (is_continuing(cp) || cp == 0xFF01 || cp == 0xFF1F || cp == ';')
		return 0;
	return 1;
}

/*
 * If s[0..len) opens with a heading-shaped sentence followed by more text,
 * returns the byte length of that sentence (its 。 included), else 0.
 */
static size_t
runin_sentence(const char *s, size_t len, size_t marker_chars,
    size_t max_chars)
{
	size_t		 pos = 0, chars = marker_chars, end;
	uint32_t	 cp;

	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		chars++;
		if (chars > max_chars)
			return 0;
		if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F) {
			end = pos;
			if (skip_space(s, len, pos) >= len)
				return 0;	/* nothing follows */
			return has_letter(s, end) ? end : 0;
		}
		if (cp == 0xFF1B || cp == ';' || cp == 0xFF1A || cp == ':')
			return 0;
	}
	return 0;
}

/* Longest heading, in characters, for each rank. */
static size_t
max_heading_chars(enum family fam)
{
	return fam <= FAM_CN ? 40 : 60;
}

/* 附件, 附件1, 附件2：…, 附录, 名词解释: what follows is back matter. */
static int
is_back_matter(const char *s, size_t len)
{
	static const char *const words[] = {
		"附件", "附录", "名词解释", "名词注释", "参考文献"
	};
	size_t	 i, n;

	if (utf8_count(s, len) > 40)
		return 0;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		n = strlen(words[i]);
		if (len >= n && memcmp(s, words[i], n) == 0) {
			size_t p = n;
			uint32_t cp;

			if (p == len)
				return 1;
			cp = peek(s, len, p);
			return dec_digit(cp) >= 0 ||
			    article_cn_digit(cp) >= 0 ||
			    cp == 0xFF1A || cp == ':' || cp == ' ';
		}
	}
	return 0;
}

/* --- classification ------------------------------------------------------ */

static void
classify(struct item *it, int back_matter)
{
	struct marker	 m;
	const char	*s = it->text.ptr;
	size_t		 len = it->text.len, chars, body_chars, end;

	it->back_matter = back_matter;
	it->cls = CLS_BODY;
	it->fam = FAM_NONE;
	if (!parse_marker(s, len, 0, &m))
		return;
	it->fam = m.fam;
	it->num = m.num;
	it->label_len = m.len;
	it->body_off = m.body;
	it->cls = CLS_MARKED;
	it->rule = "marker, body text";
	if (m.fam >= FAM__RANKS || back_matter)
		return;
	chars = utf8_count(s, len);
	body_chars = utf8_count(s, m.body);
	if (m.fam == FAM_CHAPTER || m.fam == FAM_SECTION) {
		if (chars <= 30 && heading_shaped(s + m.body, len - m.body,
		    chars, 30)) {
			it->cls = CLS_HEADING;
			it->rule = "chapter marker, short line";
		}
		return;
	}
	if (heading_shaped(s + m.body, len - m.body, chars,
	    max_heading_chars(m.fam))) {
		it->cls = CLS_HEADING;
		it->rule = "marker, short, no sentence punctuation inside";
		return;
	}
	end = runin_sentence(s + m.body, len - m.body, body_chars, 60);
	if (end > 0) {
		it->cls = CLS_RUNIN;
		it->runin_end = m.body + end;
		it->rule = "marker, short first sentence, then body (run-in)";
	}
}

/*
 * Finds series: runs of consecutive items of one family numbered n, n+1,
 * … (or dash items).  A series of two or more that is not made of run-in
 * headings is a list.
 */
static void
find_lists(struct item *items, size_t n, struct diag *diag)
{
	size_t		 i, j, k, runins;
	struct marker	 m;

	for (i = 0; i < n; i = j) {
		j = i + 1;
		if (items[i].cls == CLS_BODY || items[i].cls == CLS_OTHER ||
		    items[i].fam == FAM_NONE)
			continue;
		if (items[i].fam != FAM_DASH && items[i].num != 1)
			continue;
		while (j < n) {
			int want = items[i].num + (int)(j - i);

			if (items[i].fam != FAM_DASH && items[j].fam != FAM_NUM &&
			    items[i].fam == FAM_NUM && items[j].cls == CLS_BODY &&
			    parse_marker(items[j].text.ptr, items[j].text.len,
			    want, &m) && m.fam == FAM_NUM && m.num == want) {
				/* "20.2026年…" inside a numbered series. */
				items[j].fam = FAM_NUM;
				items[j].num = want;
				items[j].label_len = m.len;
				items[j].body_off = m.body;
				items[j].cls = CLS_MARKED;
			}
			if (items[j].fam != items[i].fam ||
			    items[j].cls == CLS_OTHER)
				break;
			if (items[i].fam != FAM_DASH && items[j].num != want)
				break;
			j++;
		}
		if (j - i < 2)
			continue;
		for (runins = 0, k = i; k < j; k++)
			runins += items[k].cls == CLS_RUNIN;
		if (runins * 2 > j - i)
			continue;	/* a run of run-in headings */
		for (k = i; k < j; k++) {
			items[k].cls = CLS_LIST;
			items[k].rule = "consecutive numbered lines: list";
		}
		diag_note(diag, "line %u: %zu consecutive %s items form a list",
		    items[i].node->line, j - i, family_example[items[i].fam]);
	}
}

/* Last code point of s[0..len), or 0. */
static uint32_t
last_cp(const char *s, size_t len)
{
	size_t	 pos = len;

	return len ? utf8_prev(s, &pos) : 0;
}

static int
ends_sentence(const char *s, size_t len)
{
	uint32_t cp = last_cp(s, len);

	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0x2026 ||
	    cp == 0x201D || cp == 0x300D || cp == 0xFF1A || cp == 0xFF09 ||
	    cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == ')';
}

static int
unnumbered_candidate(const struct item *it)
{
	const char	*s = it->text.ptr;
	size_t		 len = it->text.len, chars = utf8_count(s, len);
	uint32_t	 first, last;

	if (it->cls != CLS_BODY || chars < 4 || chars > 30 ||
	    !heading_shaped(s, len, chars, 30))
		return 0;
	first = peek(s, len, 0);
	last = last_cp(s, len);
	if (ends_sentence(s, len) || article_connective(last) ||
	    is_open_paren(first) || first == 0x3010 || first == '[' ||
	    first == 0x56FE)				/* 【 [ 图 */
		return 0;
	return 1;
}

/*
 * Do the document's paragraphs end sentences?  In a photo essay or a
 * poem most lines do not, and a short unpunctuated line there is just a
 * line, not a subhead.  Counts paragraphs of 20 characters or more.
 */
static int
prose(const struct item *items, size_t n)
{
	size_t	 i, long_ones = 0, ended = 0;

	for (i = 0; i < n; i++) {
		if (items[i].cls == CLS_OTHER || items[i].fam != FAM_NONE ||
		    utf8_count(items[i].text.ptr, items[i].text.len) < 20)
			continue;
		long_ones++;
		ended += ends_sentence(items[i].text.ptr, items[i].text.len);
	}
	return long_ones == 0 || ended * 10 >= long_ones * 6;
}

/*
 * Without numbered headings, short unpunctuated lines standing between
 * complete paragraphs are the article's subheads, in prose.  A line that
 * holds a hard break (a stanza, an address) is not.
 */
static void
find_unnumbered(struct item *items, size_t n)
{
	size_t	 i;

	if (!prose(items, n))
		return;
	for (i = 1; i + 1 < n; i++) {
		const struct item *prev = &items[i - 1], *next = &items[i + 1];

		/* The line before ends a thought: a paragraph or a list. */
		if (!unnumbered_candidate(&items[i]) || next->cls == CLS_OTHER ||
		    node_count(items[i].node, NODE_LINEBREAK) > 0 ||
		    (prev->cls != CLS_BODY && prev->cls != CLS_LIST))
			continue;
		if (!ends_sentence(prev->text.ptr, prev->text.len) ||
		    utf8_count(prev->text.ptr, prev->text.len) < 20)
			continue;
		if (unnumbered_candidate(next) ||
		    !ends_sentence(next->text.ptr, next->text.len))
			continue;
		items[i].cls = CLS_HEADING;
		items[i].unnumbered = 1;
		items[i].rule = OUTLINE_RULE_UNNUMBERED;
	}
}

/* --- rewriting ----------------------------------------------------------- */

/* A copy of s[0..len) without surrounding white space. */
static char *
trimmed_copy(const char *s, size_t len)
{
	size_t	 a = skip_space(s, len, 0), b = len, q;

	while (b > a) {
		q = b;
		if (!uc_is_space(utf8_prev(s, &q)))
			break;
		b = q;
	}
	return xstrndup(s + a, b - a);
}

/*
 * Replaces paragraph p by a heading made of its text from body_off on,
 * labelled with its first label_len bytes.  Returns the heading.
 */
static struct node *
to_heading(struct node *p, const char *text, size_t label_len,
    size_t body_off, int level, const char *rule)
{
	struct node	*h, *rest;

	rest = node_split_inlines(p, body_off, NODE_HEADING);
	h = rest;
	h->as.heading.level = level;
	h->as.heading.label = label_len ? trimmed_copy(text, label_len) : NULL;
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

	list->as.list.ordered = items[from].fam != FAM_DASH;
	list->line = items[from].node->line;
	list->rule = items[from].rule;
	if (node_insert_before(items[from].node, list) != 0)
		recover_raise(RECOVER_BUG);
	for (k = from; k < to; k++) {
		li = node_split_inlines(items[k].node, items[k].body_off,
		    NODE_LIST_ITEM);
		li->as.item.label = trimmed_copy(items[k].text.ptr,
		    items[k].label_len);
		li->line = items[k].node->line;
		node_trim_inlines(li);
		node_free(items[k].node);
		items[k].node = NULL;
		if (node_append(list, li) != 0)
			recover_raise(RECOVER_BUG);
	}
}

/* The existing headings' deepest level. */
static int
deepest_heading(struct item *items, size_t n)
{
	size_t	 i;
	int	 deepest = 0;

	for (i = 0; i < n; i++)
		if (items[i].node->type == NODE_HEADING &&
		    items[i].node->as.heading.level > deepest)
			deepest = items[i].node->as.heading.level;
	return deepest;
}

/* Moves a leading marker of an existing heading's text into its label. */
static void
label_existing_heading(struct item *it)
{
	struct node	*h = it->node, *rest;
	struct marker	 m;

	if (h->as.heading.label != NULL ||
	    !parse_marker(it->text.ptr, it->text.len, 0, &m) ||
	    m.fam == FAM_ARTICLE || m.body >= it->text.len)
		return;
	rest = node_split_inlines(h, m.body, NODE_HEADING);
	while (h->first_child != NULL)
		node_free(h->first_child);
	node_move_children(h, rest);
	node_free(rest);
	h->as.heading.label = trimmed_copy(it->text.ptr, m.len);
	node_trim_inlines(h);
}

static void
outline_siblings(struct node *parent, struct diag *diag);

/* --- points -------------------------------------------------------------- */

enum point_kind {
	PK_SHI,		/* 一是 */
	PK_DI,		/* 第一， */
	PK_SHOUXIAN,	/* 首先， 其次， 再次， 最后， */
	PK_CN,		/* 一、 within a paragraph */
	PK_CIRCLED,	/* ① within a paragraph */
	PK__COUNT
};

struct cand {
	size_t		 para;		/* index into the paragraphs */
	size_t		 off;		/* byte offset of the label */
	size_t		 len;		/* bytes of the label */
	int		 num;		/* 1, 2, …; 0 for 最后 */
	enum point_kind	 kind;
	int		 ok;
};

struct cands {
	struct cand	*v;
	size_t		 n, cap;
};

static void
cand_add(struct cands *c, size_t para, size_t off, size_t len, int num,
    enum point_kind kind)
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
	c->v[c->n].ok = 0;
	c->n++;
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

/*
 * Words after which an enumerator begins without punctuation:
 * "其中一是…", "包括一是…", "即一是…".
 */
static int
after_lead_in(const char *s, size_t start)
{
	static const char *const words[] = { "其中", "包括", "即" };
	size_t	 i, n;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		n = strlen(words[i]);
		if (start >= n && memcmp(s + start - n, words[i], n) == 0)
			return 1;
	}
	return 0;
}

/* Whether cp can begin an enumerator scan_points() looks for. */
static int
may_open_point(uint32_t cp)
{
	return article_cn_digit(cp) > 0 || cp == CP_TEN ||
	    cp == 0x7B2C || cp == 0x9996 || cp == 0x5176 || cp == 0x518D ||
	    cp == 0x6700 || (cp >= 0x2460 && cp <= 0x2473);
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
		at_boundary = start == 0 || is_boundary(prev);
		prev = cp;
		/* The cheap test first: most characters open nothing. */
		if (!may_open_point(cp) ||
		    (!at_boundary && !after_lead_in(s, start)))
			continue;
		p = start;
		if (article_cn_digit(cp) > 0 || cp == CP_TEN) {
			if ((n = article_cn_number(s, len, &p,
			    ARTICLE_CN_ANY)) < 0)
				continue;
			q = p;
			cp = peek(s, len, p);
			if (cp == 0x662F) {			/* 是 */
				utf8_next(s, len, &q);
				cand_add(c, para, start, q - start, n, PK_SHI);
			} else if (cp == 0x3001) {		/* 、 */
				utf8_next(s, len, &q);
				/* 一、二年级 */
				p = q;
				if (article_cn_number(s, len, &p,
				    ARTICLE_CN_ANY) > 0 &&
				    (peek(s, len, p) == 0x3001 ||
				    peek(s, len, p) == 0x5E74))
					continue;
				cand_add(c, para, start, q - start, n, PK_CN);
			}
		} else if (cp == 0x7B2C) {			/* 第 */
			p = pos;
			if ((n = article_cn_number(s, len, &p,
			    ARTICLE_CN_ANY)) < 0)
				continue;
			if ((q = after_comma(s, len, p)) == 0)
				continue;
			cand_add(c, para, start, q - start, n, PK_DI);
		} else if (cp == 0x9996 || cp == 0x5176 || cp == 0x518D ||
		    cp == 0x6700) {			/* 首 其 再 最 */
			static const uint32_t second[] = {
				0x5148, 0x6B21, 0x6B21, 0x540E
			};	/* 先 次 次 后 */
			int which = cp == 0x9996 ? 0 : cp == 0x5176 ? 1 :
			    cp == 0x518D ? 2 : 3;

			p = pos;
			if (peek(s, len, p) != second[which])
				continue;
			utf8_next(s, len, &p);
			if ((q = after_comma(s, len, p)) == 0)
				continue;
			cand_add(c, para, start, q - start,
			    which == 3 ? 0 : which + 1, PK_SHOUXIAN);
		} else if (cp >= 0x2460 && cp <= 0x2473) {
			cand_add(c, para, start, pos - start,
			    (int)(cp - 0x2460) + 1, PK_CIRCLED);
		}
	}
}

/*
 * Accepts candidates of one kind that form runs 1, 2, 3… of at least two,
 * in document order.  With across set, runs are made of labels that open
 * their paragraphs (one "一是…" line per paragraph) and were not accepted
 * within a paragraph; otherwise runs stay inside one paragraph.
 */
static void
accept_runs(struct cands *c, enum point_kind kind, int across)
{
	size_t	 i, k, run_start = 0, run_len = 0, run_para = 0;
	int	 expect = 0, cont;

	for (i = 0; i <= c->n; i++) {
		struct cand *x = i < c->n ? &c->v[i] : NULL;

		if (x != NULL && (x->kind != kind ||
		    (across && (x->ok || x->off != 0))))
			continue;
		cont = x != NULL && run_len > 0 &&
		    (across || x->para == run_para) &&
		    (x->num == expect || (kind == PK_SHOUXIAN &&
		    (x->num == 0 || (x->num == 3 && expect == 4))));
		if (cont) {
			run_len++;
			expect = x->num == 0 ? -1 : x->num + 1;
			continue;
		}
		if (run_len >= 2)
			for (k = run_start; k < i; k++)
				if (c->v[k].kind == kind &&
				    (!across || c->v[k].off == 0))
					c->v[k].ok = 1;
		run_len = 0;
		if (x != NULL && x->num == 1) {
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

/* Finds and rewrites points in the paragraphs directly under parent. */
static void
find_points(struct node *parent, struct diag *diag)
{
	struct cands	 c = { 0 };
	struct node	**paras = NULL, *n;
	struct buf	*texts = NULL;
	size_t		 np = 0, cap = 0, i, j, k, first;
	int		 kind, section = 0;
	int		*sections = NULL;

	for (n = parent->first_child; n != NULL; n = n->next) {
		if (n->type == NODE_HEADING)
			section++;
		if (n->type != NODE_PARAGRAPH)
			continue;
		if (np == cap) {
			cap = cap ? cap * 2 : 64;
			paras = xreallocarray(paras, cap, sizeof(*paras));
			texts = xreallocarray(texts, cap, sizeof(*texts));
			sections = xreallocarray(sections, cap,
			    sizeof(*sections));
		}
		paras[np] = n;
		sections[np] = section;
		buf_init(&texts[np]);
		node_text(n, &texts[np]);
		scan_points(texts[np].ptr, texts[np].len, np, &c);
		np++;
	}
	/* A heading ends every run: renumber paragraphs by section. */
	for (kind = 0; kind < PK__COUNT; kind++) {
		for (i = 0; i < c.n; i = j) {
			for (j = i; j < c.n &&
			    sections[c.v[j].para] == sections[c.v[i].para]; j++)
				;
			struct cands sub = { c.v + i, j - i, j - i };

			accept_runs(&sub, (enum point_kind)kind, 0);
			if (kind == PK_SHI || kind == PK_DI ||
			    kind == PK_SHOUXIAN)
				accept_runs(&sub, (enum point_kind)kind, 1);
		}
	}
	/* Per paragraph: keep the kind whose first accepted label is first. */
	for (i = 0; i < c.n; i = j) {
		for (j = i; j < c.n && c.v[j].para == c.v[i].para; j++)
			;
		for (first = i; first < j && !c.v[first].ok; first++)
			;
		if (first == j)
			continue;
		k = 0;
		for (size_t m = i; m < j; m++)
			if (c.v[m].ok && c.v[m].kind == c.v[first].kind)
				c.v[i + k++] = c.v[m];
		diag_note(diag, "line %u: %zu point%s (%.*s…)",
		    paras[c.v[i].para]->line, k, k == 1 ? "" : "s",
		    (int)c.v[i].len, texts[c.v[i].para].ptr + c.v[i].off);
		to_points(paras[c.v[i].para], texts[c.v[i].para].ptr,
		    texts[c.v[i].para].len, c.v + i, k);
	}
	for (i = 0; i < np; i++)
		buf_free(&texts[i]);
	free(texts);
	free(paras);
	free(sections);
	free(c.v);
}

/* --- driver -------------------------------------------------------------- */

static void
outline_siblings(struct node *parent, struct diag *diag)
{
	struct item	*items = NULL;
	struct node	*n, *next;
	size_t		 count = 0, cap = 0, i, j;
	int		 back = 0, used[FAM__RANKS] = { 0 }, level_of[FAM__RANKS];
	int		 base, level, numbered = 0;

	for (n = parent->first_child; n != NULL; n = n->next) {
		if (count == cap) {
			cap = cap ? cap * 2 : 64;
			items = xreallocarray(items, cap, sizeof(*items));
		}
		memset(&items[count], 0, sizeof(items[count]));
		items[count].node = n;
		buf_init(&items[count].text);
		items[count].cls = CLS_OTHER;
		items[count].fam = FAM_NONE;
		if (n->type == NODE_PARAGRAPH || n->type == NODE_HEADING) {
			node_text(n, &items[count].text);
			if (n->type == NODE_PARAGRAPH) {
				if (is_back_matter(items[count].text.ptr,
				    items[count].text.len))
					back = 1;
				classify(&items[count], back);
			} else
				label_existing_heading(&items[count]);
		}
		count++;
	}
	find_lists(items, count, diag);
	for (i = 0; i < count; i++)
		if ((items[i].cls == CLS_HEADING ||
		    items[i].cls == CLS_RUNIN) && items[i].fam < FAM__RANKS &&
		    items[i].fam != FAM_NONE) {
			used[items[i].fam] = 1;
			numbered = 1;
		}
	if (!numbered)
		find_unnumbered(items, count);
	base = deepest_heading(items, count);
	level = base;
	for (i = 0; i < FAM__RANKS; i++)
		level_of[i] = used[i] ? ++level : 0;
	for (i = 0; i < count; i = j) {
		struct item *it = &items[i];
		unsigned int line = it->node->line;

		j = i + 1;
		if (it->cls == CLS_LIST) {
			while (j < count && items[j].cls == CLS_LIST &&
			    items[j].fam == it->fam &&
			    (it->fam == FAM_DASH ||
			    items[j].num == items[j - 1].num + 1))
				j++;
			to_list(items, i, j);
			continue;
		}
		if (it->cls == CLS_HEADING && it->unnumbered) {
			to_heading(it->node, it->text.ptr, 0, 0, base + 1,
			    it->rule);
			diag_note(diag, "line %u: level-%d heading: %s",
			    line, base + 1, it->rule);
		} else if (it->cls == CLS_HEADING) {
			diag_note(diag, "line %u: level-%d heading %s: %s",
			    line, level_of[it->fam],
			    family_example[it->fam], it->rule);
			to_heading(it->node, it->text.ptr, it->label_len,
			    it->body_off, level_of[it->fam], it->rule);
		} else if (it->cls == CLS_RUNIN) {
			struct node *tail = node_split_inlines(it->node,
			    it->runin_end, NODE_PARAGRAPH);
			struct node *h;

			diag_note(diag, "line %u: level-%d run-in heading %s",
			    line, level_of[it->fam],
			    family_example[it->fam]);
			tail->rule = "body of a run-in heading";
			node_trim_inlines(tail);
			h = to_heading(it->node, it->text.ptr, it->label_len,
			    it->body_off, level_of[it->fam], it->rule);
			h->as.heading.run_in = 1;
			if (h->next != NULL) {
				if (node_insert_before(h->next, tail) != 0)
					recover_raise(RECOVER_BUG);
			} else if (node_append(parent, tail) != 0)
				recover_raise(RECOVER_BUG);
		}
	}
	for (i = 0; i < count; i++)
		buf_free(&items[i].text);
	free(items);
	find_points(parent, diag);
	for (n = parent->first_child; n != NULL; n = next) {
		next = n->next;
		if (n->type == NODE_QUOTE)
			outline_siblings(n, diag);
	}
}

void
outline_recognise(struct doc *doc, struct diag *diag)
{
	outline_siblings(doc->root, diag);
}
