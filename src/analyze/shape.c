#include "shape.h"

#include <stdlib.h>
#include <string.h>

#include "tree/alloc.h"
#include "tree/buf.h"
#include "tree/utf8.h"
#include "article.h"
#include "outline.h"
#include "shape_text.h"

/* --- headings ranked by nesting ------------------------------------------ */

/* Kinds of headings, in the order of the levels they can take. */
enum {
	K_NONE = -1,
	K_H1 = 0,		/* K_H1 + n - 1: an existing level-n heading */
	K_BOLD = 10,
	K_BRACKET,
	K_WECHAT,
	K_DI,
	K_PLAIN,
	K_SYMBOL = 100		/* K_SYMBOL + index of the symbol */
};

struct blk {
	struct node	*n;
	struct buf	 text;
	int		 kind;		/* K_* once decided */
	int		 single;	/* one line: no line break inside */
	int		 bold;		/* all of it strong */
	size_t		 label;		/* bytes of a label to keep */
	size_t		 body;		/* bytes before the heading text */
	size_t		 runin;		/* run-in: end of the heading part */
	int		 num;		/* a 第X，/01 number */
	const char	*rule;
};

static int
all_strong(const struct node *p)
{
	const struct node *n;
	int		 strong = 0;

	for (n = p->first_child; n != NULL; n = n->next) {
		if (n->type == NODE_STRONG)
			strong = 1;
		else if (n->type == NODE_TEXT) {
			const char *s = n->as.text;
			size_t pos = 0, len = strlen(s);

			while (pos < len)
				if (!uc_is_space(utf8_next(s, len, &pos)))
					return 0;
		} else
			return 0;
	}
	return strong;
}

static int
is_para(const struct blk *b)
{
	return b != NULL && b->n->type == NODE_PARAGRAPH && b->kind == K_NONE;
}

static size_t
chars_of(const struct blk *b)
{
	return utf8_count(b->text.ptr, b->text.len);
}

/* A bold single-line paragraph: maybe a subhead. */
static int
bold_line(const struct blk *b)
{
	return is_para(b) && b->single && b->bold;
}

static int
outline_marker(const char *s, size_t len)
{
	struct mark	 m;

	return ht_parse_mark(s, len, &m) && m.fam != M_BULLET;
}

/*
 * "2   讲规律、讲规则、讲信任": a section number and a space, as a clause
 * number is written ("1 总则").  The outline judges such a line with the
 * other numbers of its series, bold or not.
 */
static int
spaced_number(const char *s, size_t len)
{
	size_t		 pos = 0, q, digits = 0, spaces = 0;
	uint32_t	 cp = 0;

	while (pos < len) {
		q = pos;
		cp = utf8_next(s, len, &q);
		if (!((cp >= '0' && cp <= '9') || (cp >= 0xFF10 &&
		    cp <= 0xFF19)))
			break;
		digits++;
		pos = q;
	}
	while (pos < len) {
		q = pos;
		cp = utf8_next(s, len, &q);
		if (!uc_is_space(cp))
			break;
		spaces++;
		pos = q;
	}
	/* Not a quantity or a date set with spaces: "10 月 1 日起，…". */
	return digits >= 1 && digits <= 2 && spaces >= 1 && pos < len &&
	    uc_is_han(cp) && !article_quantity_unit(cp, 1);
}

/*
 * Does s open with a speaker's name and a colon (南风窗：…, 秦朔：…, 问：…),
 * the name short and unpunctuated, text after it?
 */
static int
speaker_turn(const char *s, size_t len)
{
	size_t		 pos = 0, chars = 0;
	uint32_t	 cp;

	while (pos < len && chars <= 8) {
		cp = utf8_next(s, len, &pos);
		if (cp == 0xFF1A || cp == ':')
			return chars >= 1 && pos < len;
		if (!uc_is_han(cp) && !((cp | 0x20) >= 'a' &&
		    (cp | 0x20) <= 'z') && cp != 0xB7 && cp != ' ')
			return 0;
		chars++;
	}
	return 0;
}

/*
 * "GPS: N24 39", "地址：北京": a label and its value, not a heading.  A
 * headline with a speaker or a theme before the colon ("专家：要警惕…")
 * has a phrase after it: five Chinese characters or more (…：一个伪命题).
 */
static int
inner_colon(const char *s, size_t len)
{
	size_t		 pos = 0, han = 0;
	uint32_t	 cp;
	int		 colon = 0;

	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if ((cp == ':' || cp == 0xFF1A) && pos < len && !colon) {
			colon = 1;
			continue;
		}
		han += colon && uc_is_han(cp);
	}
	return colon && han < 5;
}

static int	 headline_shaped(const char *, size_t);
static int	 headline_shaped_max(const char *, size_t, size_t);
static int	 before_text(const struct blk *, size_t);

/*
 * Is s the name a 印发/转发 notice's title quotes in 《》 ("关于印发《X》的
 * 通知")?  The notice then restates the document it issues under its
 * title: X is that document's title, not a subhead of the notice.
 */
static int
issued_document(const char *title, const char *s, size_t len)
{
	const char	*open, *close;

	for (open = title; title != NULL &&
	    (open = strstr(open, "《")) != NULL; open = close) {
		open += strlen("《");
		if ((close = strstr(open, "》")) == NULL)
			return 0;
		if ((size_t)(close - open) == len &&
		    memcmp(open, s, len) == 0)
			return 1;
	}
	return 0;
}

/*
 * A named series' number opening a line: a word of one to three Chinese
 * characters, a small Chinese numeral, then a space or a colon (案例一　…,
 * 镜头二：…, 场景三 …), as 典型案例 and features number their parts.
 * Returns the bytes of the word and numeral (0 if none), the number in
 * *num.
 */
static size_t
series_label(const char *s, size_t len, int *num)
{
	size_t		 pos = 0, word = 0, q;
	uint32_t	 cp;

	while (pos < len && word < 3) {
		q = pos;
		cp = utf8_next(s, len, &q);
		if (!uc_is_han(cp) || article_cn_digit(cp) >= 0)
			break;
		pos = q;
		word++;
	}
	if (word == 0 || (*num = article_cn_number(s, len, &pos,
	    ARTICLE_CN_SMALL)) < 1 || pos >= len)
		return 0;
	q = pos;
	cp = utf8_next(s, len, &q);
	if (cp != ' ' && cp != 0x3000 && cp != 0xFF1A && cp != ':')
		return 0;
	return pos;
}

/*
 * Is bold line i one of a series of two or more (案例一 … 案例二 …): the
 * same word, numbered 1, 2, … in order?  Such parts' headlines run long
 * (the case's gist, a dash, the case's name).
 */
static int
bold_series(const struct blk *v, size_t n, size_t i)
{
	size_t		 k, lbl, l;
	int		 num, want = 1, mine = 0, seen = 0;

	if ((lbl = series_label(v[i].text.ptr, v[i].text.len, &mine)) == 0)
		return 0;
	for (k = 0; k < n; k++) {
		/* Those found already are K_BOLD, no longer paragraphs. */
		if (!(bold_line(&v[k]) || v[k].kind == K_BOLD) ||
		    (l = series_label(v[k].text.ptr,
		    v[k].text.len, &num)) != lbl || num != want ||
		    memcmp(v[k].text.ptr, v[i].text.ptr, l - 3) != 0)
			continue;
		want++;
		seen++;
	}
	return seen >= 2 && mine < want;
}

/*
 * Does s end with a sentence closed inside quotation marks (…太狡猾！”,
 * …了。」)?  Someone's words set bold for emphasis, not a subhead.
 */
static int
quoted_sentence(const char *s, size_t len)
{
	size_t		 pos = 0;
	uint32_t	 cp, prev = 0, last = 0;

	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (uc_is_space(cp))
			continue;
		prev = last;
		last = cp;
	}
	return (last == 0x201D || last == 0x300D || last == 0x300F) &&
	    (prev == 0x3002 || prev == 0xFF01 || prev == 0xFF1F ||
	    prev == '!' || prev == '?');
}

/*
 * A line naming a quotation's or a poem's author: a dash, then at most
 * twenty characters ("——（宋）陆游", "——鲁迅").
 */
static int
attribution(const struct blk *b)
{
	size_t		 pos = 0;

	return b->n->type == NODE_PARAGRAPH && b->single &&
	    b->text.len > 0 && (utf8_next(b->text.ptr, b->text.len, &pos) ==
	    0x2014 || ht_first_cp(b->text.ptr, b->text.len) == 0x2015) &&
	    chars_of(b) <= 22;
}

/* 原标题：…: the title the piece first ran under, a line about it. */
static int
original_title(const struct blk *b)
{
	return strncmp(b->text.ptr, "原标题", strlen("原标题")) == 0 ||
	    strncmp(b->text.ptr, "原題", strlen("原題")) == 0 ||
	    strncmp(b->text.ptr, "原题", strlen("原题")) == 0;
}

static void
find_bold(struct blk *v, size_t n, const char *title)
{
	size_t		 i, first_h;
	struct article_meta m;

	/*
	 * Headings the source marks (<h2>, ##, Word heading styles) rank
	 * above the subheads found here: a bold line before the first of
	 * them would sit in no section of theirs, so it is emphasis (a
	 * credit, a key sentence), not a subhead.
	 */
	for (first_h = 0; first_h < n && v[first_h].n->type != NODE_HEADING;
	    first_h++)
		;
	for (i = first_h < n ? first_h : 0; i + 1 < n; i++) {
		struct blk *b = &v[i], *next = &v[i + 1];
		size_t chars = chars_of(b), k = i + 1;

		/*
		 * News sets a picture right under a subhead: the section's
		 * text follows the picture (and its caption).  Only after
		 * the article's text has begun: a bold line over the opening
		 * picture is a credit or a kicker.
		 */
		while (k + 1 < n && v[k].n->type == NODE_FIGURE &&
		    !before_text(v, i))
			k++;
		if (k > i + 1 && k + 1 < n && is_para(&v[k]) &&
		    article_caption_text(v[k].text.ptr, v[k].text.len, 0))
			k++;
		next = &v[k];

		if (!bold_line(b) || chars < 2 || (chars > 40 &&
		    (chars > 80 || !bold_series(v, n, i))) ||
		    !headline_shaped_max(b->text.ptr, b->text.len, 80) ||
		    ht_last_cp(b->text.ptr, b->text.len) == 0xFF01 ||
		    ht_last_cp(b->text.ptr, b->text.len) == '!' ||
		    quoted_sentence(b->text.ptr, b->text.len) ||
		    attribution(b) ||
		    inner_colon(b->text.ptr, b->text.len) ||
		    outline_marker(b->text.ptr, b->text.len) ||
		    spaced_number(b->text.ptr, b->text.len) ||
		    ht_heading_symbol(ht_first_cp(b->text.ptr, b->text.len)) ||
		    ht_first_cp(b->text.ptr, b->text.len) == 0x3010 ||
		    issued_document(title, b->text.ptr, b->text.len) ||
		    article_news_credit(b->text.ptr, b->text.len) ||
		    /* 本文首发于…, 本文来源…: a line about the article. */
		    strncmp(b->text.ptr, "本文", strlen("本文")) == 0 ||
		    original_title(b) ||
		    article_caption_text(b->text.ptr, b->text.len, 0))
			continue;
		memset(&m, 0, sizeof(m));
		if (article_meta_line(b->text.ptr, b->text.len, &m)) {
			article_meta_free(&m);
			continue;
		}
		if (i > 0 && bold_line(&v[i - 1]) && !original_title(&v[i - 1]))
			continue;
		/*
		 * An interview's question in bold, the answer under it
		 * opening with the other speaker's name (南风窗：…？ /
		 * 秦朔：…): turns of a dialogue, not a subhead.
		 */
		if (speaker_turn(b->text.ptr, b->text.len) && is_para(next) &&
		    speaker_turn(next->text.ptr, next->text.len))
			continue;
		/*
		 * Text under it, or a 【…】 label opening its first part, or
		 * the author's line under a poem's title.
		 */
		if (!((is_para(next) && !bold_line(next)) ||
		    next->n->type == NODE_LIST || next->n->type == NODE_TABLE ||
		    next->n->type == NODE_QUOTE || next->kind == K_BRACKET ||
		    (attribution(next) && k + 1 < n && is_para(&v[k + 1]))))
			continue;
		b->kind = K_BOLD;
		b->rule = "bold stand-alone line";
	}
}

static int
symbol_index(uint32_t cp, uint32_t *syms, size_t *nsyms)
{
	size_t	 i;

	for (i = 0; i < *nsyms; i++)
		if (syms[i] == cp)
			return (int)i;
	if (*nsyms < 16)
		syms[(*nsyms)++] = cp;
	return (int)*nsyms - 1;
}

/* Does block i come before any paragraph of text? */
static int
before_text(const struct blk *v, size_t i)
{
	while (i-- > 0)
		if (v[i].n->type == NODE_PARAGRAPH && ht_ends_sentence(
		    v[i].text.ptr, v[i].text.len))
			return 0;
	return 1;
}

/*
 * Is paragraph p one link and nothing else?  A 【…】 line that only links
 * elsewhere (【「救救小孩」拆解虐兒問題系列報導】 to the series' page) names
 * another page, not a part of this one.
 */
static int
whole_link(const struct node *p)
{
	const struct node *c = p->first_child;

	while (c != NULL && c == p->last_child && (c->type == NODE_STRONG ||
	    c->type == NODE_EMPH))
		p = c, c = c->first_child;
	return c != NULL && c == p->last_child && c->type == NODE_LINK;
}

static void
find_symbols(struct blk *v, size_t n)
{
	uint32_t	 syms[16];
	size_t		 nsyms = 0, i, q, len, chars;
	uint32_t	 cp;
	const char	*s;

	for (i = 0; i + 1 < n; i++) {
		struct blk *b = &v[i];

		if (!is_para(b) || !b->single)
			continue;
		s = b->text.ptr;
		len = b->text.len;
		chars = chars_of(b);
		q = 0;
		cp = len ? utf8_next(s, len, &q) : 0;
		if (cp == 0x3010 && ht_last_cp(s, len) == 0x3011 && chars <= 22 &&
		    strstr(s, "】") == s + len - 3) {
			/*
			 * 【联合发起人】 alone on its line heads a section; at
			 * the top, before any text, it is the column's tag
			 * (【编者按】, 【独家】), not a heading.
			 */
			if (before_text(v, i) || whole_link(b->n))
				continue;
			b->kind = K_BRACKET;
			b->rule = "【…】 line alone";
			continue;
		}
		/*
		 * A symbol-led line under a picture is its caption, unless
		 * the picture has its caption already.
		 */
		if (!ht_heading_symbol(cp) || chars > 41 || (i > 0 &&
		    v[i - 1].n->type == NODE_FIGURE &&
		    v[i - 1].n->first_child == NULL) ||
		    article_caption_text(s, len, 0))
			continue;
		q = utf8_skip_space(s, len, q);
		if (q >= len || !ht_shaped(s + q, len - q, 40, 1, 1))
			continue;
		b->kind = K_SYMBOL + symbol_index(cp, syms, &nsyms);
		b->label = utf8_encode(cp, (char[4]){ 0 });
		b->body = q;
		b->rule = "line led by a symbol";
	}
}

/*
 * A zero-padded section number glued to its heading ("01《热辣滚烫》…",
 * "02减肥100斤，新的贾玲来了"): returns the bytes of the number (2) when
 * what follows is no date or quantity (05月, 03:00, 01.5), else 0.
 */
static size_t
glued_number(const char *s, size_t len)
{
	size_t		 pos = 2;
	uint32_t	 cp;

	if (len < 3 || s[0] != '0' || s[1] < '1' || s[1] > '9')
		return 0;
	cp = utf8_next(s, len, &pos);
	switch (cp) {
	case 0x5E74: case 0x6708: case 0x65E5: case 0x53F7:	/* 年月日号 */
	case 0x65F6: case 0x70B9: case 0x5206: case 0x79D2:	/* 时点分秒 */
	case 0x4E2A: case '.': case ':': case '-': case '/': case '%':
	case ',': case 0xFF0E: case 0xFF1A: case 0xFF05: case 0x3002:
	case 0xFF0C:
		return 0;
	default:
		return cp >= '0' && cp <= '9' ? 0 : 2;
	}
}

/*
 * A headline (a subhead, or the text after a section number): at most 40
 * characters, a letter, no full stop or semicolon anywhere, not ending in
 * ，、；：.  Headlines may ask and answer ("减肥有多难？这样做是有害的"),
 * so ？ and ！ are allowed inside.
 */
static int
headline_shaped(const char *s, size_t len)
{
	return headline_shaped_max(s, len, 40);
}

static int
headline_shaped_max(const char *s, size_t len, size_t max_chars)
{
	size_t		 pos = 0;
	uint32_t	 cp = 0;

	if (len == 0 || utf8_count(s, len) > max_chars ||
	    !ht_has_letter(s, len))
		return 0;
	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (cp == 0x3002 || cp == 0xFF1B || cp == ';')
			return 0;
	}
	return !ht_is_continuing(cp) || cp == 0x2026;
}

/*
 * WeChat-style sections: "01" over the heading line, or glued to it.
 * Only a series 01, 02, … of two or more counts.
 */
/* 。！？ and their ASCII forms: the end of a sentence, not a headline. */
static int
full_stop(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '.' ||
	    cp == '!' || cp == '?';
}

static void
find_wechat(struct blk *v, size_t n)
{
	size_t	 i, found = 0, idx[32], g;
	int	 want = 1, num, glued[32];

	for (i = 0; i + 1 < n && found < 32; i++) {
		struct blk *b = &v[i], *h = &v[i + 1];
		const char *s = b->text.ptr;

		if (!is_para(b) || b->text.len == 0 || s[0] < '0' || s[0] > '9')
			continue;
		if (b->single && b->text.len > 2 &&
		    (g = glued_number(s, b->text.len)) > 0) {
			size_t body = utf8_skip_space(s, b->text.len, g);

			if (s[1] - '0' != want || !headline_shaped(s + body,
			    b->text.len - body))
				continue;
			glued[found] = (int)body;
			idx[found++] = i;
			want++;
			continue;
		}
		if (b->text.len > 2 ||
		    (b->text.len == 2 && (s[1] < '0' || s[1] > '9')) ||
		    i + 2 >= n)
			continue;
		num = atoi(s);
		if (num != want || !is_para(h))
			continue;
		if (h->single && ht_shaped(h->text.ptr, h->text.len, 40, 0,
		    1) && !full_stop(ht_last_cp(h->text.ptr, h->text.len)))
			glued[found] = 0;
		else if ((b->bold || found >= 2) && b->single)
			/*
			 * A bold number over text, or a plain one that goes
			 * on a series of two or more (01 甘结, 02 …, 03 …,
			 * then a bare 04 over the last part).
			 */
			glued[found] = -1;
		else
			continue;
		idx[found++] = i;
		want++;
	}
	if (found < 2)
		return;
	for (i = 0; i < found; i++) {
		v[idx[i]].kind = K_WECHAT;
		v[idx[i]].num = (int)i + 1;
		if (glued[i] > 0) {
			v[idx[i]].label = 2;
			v[idx[i]].body = (size_t)glued[i];
			v[idx[i]].rule = "section number glued to its heading, "
			    "in a series 01, 02, …";
			continue;
		}
		if (glued[i] < 0) {
			v[idx[i]].runin = 1;	/* the number is the heading */
			v[idx[i]].rule = "bold section number alone over "
			    "text, in a series 1, 2, …";
			continue;
		}
		v[idx[i]].rule = "section number over its heading line";
		v[idx[i] + 1].kind = K_WECHAT;	/* merged into the number */
		v[idx[i] + 1].num = -1;
	}
}

/*
 * 第一，…/第二，…: when most of a run 1, 2, 3… within one section are
 * one short sentence standing alone, the run is the section's subheads.
 */
static void
find_di(struct blk *v, size_t n)
{
	size_t		 i, j, k, m[16], cnt;
	size_t		 pos, q, lbl, end, chars;
	int		 want, alone, di;
	uint32_t	 cp;

	for (i = 0; i < n; i = j) {
		/* A section: up to the next heading. */
		for (j = i + 1; j < n && v[j].kind == K_NONE &&
		    v[j].n->type != NODE_HEADING; j++)
			;
		cnt = 0;
		want = 1;
		for (k = i; k < j && cnt < 16; k++) {
			const char *s = v[k].text.ptr;
			size_t len = v[k].text.len;
			int num;

			if (!is_para(&v[k]) || !v[k].single || len == 0)
				continue;
			/* 第一，… or, without 第, 一，… (never 一、: a heading's). */
			pos = 0;
			di = utf8_next(s, len, &pos) == 0x7B2C;
			if (!di)
				pos = 0;
			if ((num = article_cn_number(s, len, &pos,
			    ARTICLE_CN_SMALL)) != want || pos >= len)
				continue;
			q = pos;
			cp = utf8_next(s, len, &q);
			if (cp != 0xFF0C && ((cp != 0x3001 && cp != ',') || !di))
				continue;
			/* A law's clauses (一，…的；) are items, not heads. */
			if (!di && !full_stop(ht_last_cp(s, len)))
				continue;
			v[k].label = q;
			v[k].body = q;
			v[k].num = num;
			m[cnt++] = k;
			want++;
		}
		if (cnt < 2)
			continue;
		alone = 0;
		for (k = 0; k < cnt; k++) {
			struct blk *b = &v[m[k]];
			const char *s = b->text.ptr;

			lbl = b->label;
			b->runin = 0;
			/* The first sentence after the label. */
			for (end = pos = lbl, chars = 0; pos < b->text.len;) {
				cp = utf8_next(s, b->text.len, &pos);
				chars++;
				end = pos;
				if (cp == 0x3002 || cp == 0xFF01 ||
				    cp == 0xFF1F)
					break;
			}
			if (chars > 40)
				break;
			if (utf8_skip_space(s, b->text.len, end) >= b->text.len) {
				if (m[k] + 1 >= j || !is_para(&v[m[k] + 1]))
					break;
				alone++;
			} else
				b->runin = end;
		}
		if (k < cnt || (size_t)alone * 2 <= cnt)
			continue;
		for (k = 0; k < cnt; k++) {
			v[m[k]].kind = K_DI;
			v[m[k]].rule = v[m[k]].runin ? "第X， run: run-in "
			    "sentence" : "第X， run: sentence standing alone";
		}
	}
}

/*
 * The source's own headings number a run 第一，… 第二，… (a Word file's
 * heading styles, Markdown ##): a paragraph that opens with the next
 * number in bold, its first sentence short, inside the section of the
 * number before it, is the run's next heading at their level, run-in
 * when text follows the sentence.  Word files and Markdown write a
 * run-in heading so: a bold start (pandoc's Word file of an article
 * whose 第三， alone was run-in).
 */
static void
find_di_continued(struct blk *v, size_t n)
{
	size_t		 i, j, pos, q, end, chars;
	uint32_t	 cp;
	int		 num, prev;

	for (i = 1; i < n; i++) {
		struct blk *b = &v[i];
		const char *s = b->text.ptr;
		size_t len = b->text.len;

		if (!is_para(b) || !b->single || b->n->first_child == NULL ||
		    b->n->first_child->type != NODE_STRONG)
			continue;
		pos = 0;
		if (len == 0 || utf8_next(s, len, &pos) != 0x7B2C ||
		    (num = article_cn_number(s, len, &pos,
		    ARTICLE_CN_SMALL)) < 2 || pos >= len)
			continue;
		q = pos;
		cp = utf8_next(s, len, &q);
		if (cp != 0xFF0C && cp != 0x3001 && cp != ',')
			continue;
		/* The section it is in: the heading before it. */
		for (j = i; j > 0 && v[j - 1].n->type != NODE_HEADING; j--)
			;
		if (j == 0 || v[j - 1].kind < K_H1 || v[j - 1].kind >= K_BOLD)
			continue;
		pos = 0;
		if (v[j - 1].text.len == 0 || utf8_next(v[j - 1].text.ptr,
		    v[j - 1].text.len, &pos) != 0x7B2C)
			continue;
		prev = article_cn_number(v[j - 1].text.ptr, v[j - 1].text.len,
		    &pos, ARTICLE_CN_SMALL);
		if (prev != num - 1 || pos >= v[j - 1].text.len)
			continue;
		cp = utf8_next(v[j - 1].text.ptr, v[j - 1].text.len, &pos);
		if (cp != 0xFF0C && cp != 0x3001 && cp != ',')
			continue;
		for (end = pos = q, chars = 0; pos < len;) {
			cp = utf8_next(s, len, &pos);
			chars++;
			end = pos;
			if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F)
				break;
		}
		if (chars > 40 || chars < 2)
			continue;
		b->kind = v[j - 1].kind;
		b->label = q;
		b->body = q;
		b->num = num;
		b->runin = utf8_skip_space(s, len, end) >= len ? 0 : end;
		b->rule = b->runin ? "第X， after the source's 第X， "
		    "headings: run-in sentence in bold" : "第X， after the "
		    "source's 第X， headings: sentence in bold";
	}
}

static int
plain_candidate(const struct blk *b)
{
	size_t		 chars;
	uint32_t	 f, l;

	if (!is_para(b) || !b->single)
		return 0;
	chars = chars_of(b);
	if (chars < 4 || chars > 30 || !ht_shaped(b->text.ptr, b->text.len, 30,
	    0, 0) || ht_ends_sentence(b->text.ptr, b->text.len))
		return 0;
	/* 第 3 條, 1.: a numbered line is no unnumbered subhead. */
	if (outline_numbered(b->text.ptr, b->text.len))
		return 0;
	f = ht_first_cp(b->text.ptr, b->text.len);
	l = ht_last_cp(b->text.ptr, b->text.len);
	/*
	 * A caption (◎ 图：…截图) under a picture is no subhead, nor is a
	 * line led by a symbol: find_symbols() judges those.
	 */
	return !article_connective(l) && f != '(' && f != 0xFF08 &&
	    f != 0x3010 && f != '[' && f != 0x56FE && !ht_heading_symbol(f) &&
	    !article_caption_text(b->text.ptr, b->text.len, 0);
}

/* Is anything numbered as a heading (一、 （一） 第一章 1. short lines)? */
static int
numbered_headings(const struct blk *v, size_t n)
{
	struct mark	 m;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (v[i].n->type != NODE_PARAGRAPH ||
		    !ht_parse_mark(v[i].text.ptr, v[i].text.len, &m) ||
		    m.fam == M_BULLET || m.fam == M_CIRCLED)
			continue;
		if (ht_shaped(v[i].text.ptr + m.body, v[i].text.len - m.body,
		    40, 0, 0))
			return 1;
	}
	return 0;
}

/*
 * Without numbered headings, a short unpunctuated line between two
 * paragraphs that end a sentence is a subhead (the outline's own rule,
 * applied here so that it ranks among the other kinds).
 */
/*
 * Do the longer paragraphs end their sentences?  In a photo essay of
 * unpunctuated lines a short line is no subhead.
 */
static int
punctuated(const struct blk *v, size_t n)
{
	size_t	 i, long_paras = 0, ended = 0;

	for (i = 0; i < n; i++)
		if (is_para(&v[i]) && chars_of(&v[i]) >= 20) {
			long_paras++;
			ended += ht_ends_sentence(v[i].text.ptr, v[i].text.len);
		}
	return ended * 5 >= long_paras * 3;
}

/*
 * An article whose only subheads are short bold phrases (软硬兼施 / 补偿 /
 * 预见) may have lost the bold on one of them: a plain line of the same shape,
 * Han characters only and no longer than the longest of them, between two
 * paragraphs that end their sentences, is one of them.
 */
static void
find_unbolded(struct blk *v, size_t n)
{
	size_t		 i, k, bolds = 0, longest = 0, chars, pos;
	int		 han_only;

	for (i = 0; i < n; i++)
		if (v[i].kind == K_BOLD) {
			bolds++;
			if (chars_of(&v[i]) > longest)
				longest = chars_of(&v[i]);
		} else if (v[i].kind != K_NONE)
			return;		/* other headings: bold is a level */
	if (bolds < 2 || longest > 12)
		return;
	for (i = 1; i + 1 < n; i++) {
		struct blk *b = &v[i], *next = &v[i + 1];

		if (!is_para(b) || !b->single || b->bold)
			continue;
		chars = chars_of(b);
		if (chars < 2 || chars > longest)
			continue;
		for (han_only = 1, pos = 0; han_only && pos < b->text.len;)
			han_only = uc_is_han(utf8_next(b->text.ptr,
			    b->text.len, &pos));
		if (!han_only)
			continue;
		for (k = i - 1; k > 0 && v[k].n->type == NODE_FIGURE; k--)
			;
		if (!is_para(&v[k]) || chars_of(&v[k]) < 20 ||
		    !ht_ends_sentence(v[k].text.ptr, v[k].text.len) ||
		    !is_para(next) || chars_of(next) < 20 ||
		    !ht_ends_sentence(next->text.ptr, next->text.len))
			continue;
		b->kind = K_BOLD;
		b->rule = "plain line shaped as the bold subheads";
	}
}

static void
find_plain(struct blk *v, size_t n)
{
	size_t	 i, found = 0;

	if (numbered_headings(v, n) || !punctuated(v, n))
		return;
	for (i = 1; i + 1 < n; i++) {
		struct blk *prev = &v[i - 1], *next = &v[i + 1];
		size_t p = i - 1;

		if (!plain_candidate(&v[i]))
			continue;
		/*
		 * A picture with its caption may stand between the text and
		 * the subhead; a short line right under a picture without
		 * one is the picture's caption.
		 */
		while (p > 0 && v[p].n->type == NODE_FIGURE &&
		    v[p].n->first_child != NULL)
			p--;
		prev = &v[p];
		if (!((is_para(prev) && ht_ends_sentence(prev->text.ptr,
		    prev->text.len) && chars_of(prev) >= 20) ||
		    (prev->n->type == NODE_LIST && prev->kind == K_NONE)))
			continue;
		if (!is_para(next) || plain_candidate(next) ||
		    !ht_ends_sentence(next->text.ptr, next->text.len))
			continue;
		v[i].kind = K_PLAIN;
		v[i].rule = "short unpunctuated line between sentence-ending "
		    "paragraphs";
		found++;
	}
	/* One such line alone is no level: a dateline, a quote. */
	if (found < 2)
		for (i = 0; i < n; i++)
			if (v[i].kind == K_PLAIN)
				v[i].kind = K_NONE;
}

/* Ranks kinds by first appearance; returns the level of kind k. */
struct ranks {
	int	 order[64];
	size_t	 n;
	int	 bracket;	/* a 【…】 kind occurs */
	int	 bracket_level;	/* its level */
	int	 below;		/* the other kinds' levels start at 1 + below */
};

/*
 * 【…】 labels that come again in each section (典型案例's 【基本案情】
 * 【裁判结果】 【典型意义】 under every case) are the parts of the
 * sections headed by the kinds found above the first of them: the level
 * under those.  Otherwise a 【…】 line heads a section of its own.
 */
static int
bracket_level(const struct blk *v, size_t n, const struct ranks *r)
{
	size_t	 i, j, first = n, above = 0;
	int	 again = 0;

	for (i = 0; i < n && first == n; i++)
		if (v[i].kind == K_BRACKET)
			first = i;
	for (i = first; i < n && !again; i++)
		for (j = i + 1; j < n && v[i].kind == K_BRACKET; j++)
			if (v[j].kind == K_BRACKET &&
			    strcmp(v[i].text.ptr, v[j].text.ptr) == 0) {
				again = 1;
				break;
			}
	if (!again)
		return 1;
	for (j = 0; j < r->n; j++)
		for (i = 0; i < first; i++)
			if (v[i].kind == r->order[j]) {
				above++;
				break;
			}
	return above < 6 ? (int)above + 1 : 6;
}

/*
 * Do 【…】 lines head the sections the other subheads stand in: the first
 * comes before every other subhead, and another one comes later, each
 * with subheads under it ("【全国性新规】" over its items, then "【地方性
 * 新规】" over its own)?  Then they are the level above them.
 */
static int
brackets_head(const struct blk *v, size_t n)
{
	size_t	 i, brackets = 0;
	int	 under = 0;

	for (i = 0; i < n; i++) {
		int k = v[i].kind;

		if (k == K_NONE || (k == K_WECHAT && v[i].num < 0))
			continue;
		if (k == K_BRACKET) {
			if (brackets > 0 && !under)
				return 0;	/* one with nothing under it */
			brackets++;
			under = 0;
		} else if (brackets == 0)
			return 0;	/* a subhead above the first */
		else
			under = 1;
	}
	return brackets >= 2 && under;
}

static void
rank_kinds(const struct blk *v, size_t n, struct ranks *r)
{
	size_t	 i, j, hpos[6], nh = 0;
	int	 hk[6], t;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < n; i++) {
		int k = v[i].kind;

		if (k == K_NONE || (k == K_WECHAT && v[i].num < 0))
			continue;
		if (k == K_BRACKET) {
			r->bracket = 1;
			continue;
		}
		for (j = 0; j < r->n && r->order[j] != k; j++)
			;
		if (j == r->n && r->n < 64)
			r->order[r->n++] = k;
	}
	/* Existing heading levels keep their order among themselves. */
	for (i = 0; i < r->n; i++)
		if (r->order[i] >= K_H1 && r->order[i] < K_H1 + 6 && nh < 6) {
			hpos[nh] = i;
			hk[nh++] = r->order[i];
		}
	for (i = 1; i < nh; i++)
		for (j = i; j > 0 && hk[j - 1] > hk[j]; j--) {
			t = hk[j];
			hk[j] = hk[j - 1];
			hk[j - 1] = t;
		}
	for (i = 0; i < nh; i++)
		r->order[hpos[i]] = hk[i];
	r->bracket_level = r->bracket ? bracket_level(v, n, r) : 1;
	r->below = r->bracket && r->bracket_level == 1 &&
	    brackets_head(v, n);
}

static int
level_of(const struct ranks *r, int k)
{
	size_t	 i;

	if (k == K_BRACKET)
		return r->bracket_level;
	for (i = 0; i < r->n; i++)
		if (r->order[i] == k)
			return i + r->below < 6 ? (int)(i + r->below) + 1 : 6;
	return 6;
}

/* Replaces paragraph p by a heading of its text from byte body on. */
static struct node *
to_heading(struct node *p, const char *text, size_t label_len, size_t body,
    int level, const char *rule)
{
	struct node	*h = node_split_inlines(p, body, NODE_HEADING);
	size_t		 e = label_len;

	h->as.heading.level = level;
	if (label_len > 0) {
		while (e > 0 && (text[e - 1] == ' '))
			e--;
		h->as.heading.label = xstrndup(text, e);
	}
	h->line = p->line;
	h->rule = rule;
	node_trim_text(h, uc_is_space);
	if (node_insert_before(p, h) != 0)
		recover_raise(RECOVER_BUG);
	node_free(p);
	return h;
}

/* Unwraps strong spans directly under n. */
static void
unwrap_strong(struct node *n)
{
	struct node	*c, *next, *k;

	for (c = n->first_child; c != NULL; c = next) {
		next = c->next;
		if (c->type != NODE_STRONG)
			continue;
		while ((k = c->first_child) != NULL) {
			node_unlink(k);
			if (node_insert_before(c, k) != 0)
				recover_raise(RECOVER_BUG);
		}
		node_free(c);
	}
}

/* Drops the spans left without text at the edges of a point. */
static void
drop_empty_spans(struct node *n)
{
	struct node	*c, *next;

	for (c = n->first_child; c != NULL; c = next) {
		next = c->next;
		if ((c->type == NODE_STRONG || c->type == NODE_EMPH) &&
		    node_text_len(c) == 0 && node_count(c, NODE_LINEBREAK) == 0)
			node_free(c);
	}
}

/* Bold inside the leads of the points under parent (and its quotes). */
static void
points_unbold(struct node *parent)
{
	struct node	*c, *p, *lead;

	for (c = parent->first_child; c != NULL; c = c->next) {
		if (c->type == NODE_QUOTE)
			points_unbold(c);
		if (c->type != NODE_POINT_LIST)
			continue;
		for (p = c->first_child; p != NULL; p = p->next) {
			if (p->type != NODE_POINT)
				continue;
			lead = p->first_child;
			if (lead != NULL && lead->type == NODE_POINT_LEAD) {
				unwrap_strong(lead);
				drop_empty_spans(lead);
			}
			drop_empty_spans(p);
		}
	}
}

/*
 * Moves what follows byte at of a run-in heading's paragraph n into a
 * paragraph of its own right after n: the heading keeps its first
 * sentence, the body goes on as text.
 */
static void
split_run_in_body(struct node *n, size_t at)
{
	struct node	*tail = node_split_inlines(n, at, NODE_PARAGRAPH);

	tail->rule = "body of a run-in heading";
	node_trim_text(tail, uc_is_space);
	if (n->next != NULL)
		node_insert_before(n->next, tail);
	else
		node_append(n->parent, tail);
}

static void
apply(struct blk *v, size_t n, const struct ranks *r, struct diag *diag)
{
	struct node	*h;
	size_t		 i;
	int		 lvl;

	for (i = 0; i < n; i++) {
		struct blk *b = &v[i];

		if (b->kind == K_NONE)
			continue;
		lvl = level_of(r, b->kind);
		if (b->n->type == NODE_HEADING) {
			b->n->as.heading.level = lvl;
			continue;
		}
		if (b->kind < K_BOLD && b->runin) {
			/* find_di_continued(): at an existing level. */
			split_run_in_body(b->n, b->runin);
			unwrap_strong(b->n);
			h = to_heading(b->n, b->text.ptr, b->label, b->body,
			    lvl, b->rule);
			h->as.heading.run_in = 1;
			b->n = h;
			diag_note(diag, "level-%d heading (%s): %.*s", lvl,
			    b->rule, (int)utf8_prefix(b->text.ptr, b->runin,
			    30), b->text.ptr);
			continue;
		}
		switch (b->kind) {
		case K_WECHAT:
			if (b->num < 0)
				break;
			if (b->runin) {
				unwrap_strong(b->n);
				b->n = to_heading(b->n, b->text.ptr, 0, 0, lvl,
				    b->rule);
				break;
			}
			if (b->label > 0) {
				b->n = to_heading(b->n, b->text.ptr, b->label,
				    b->body, lvl, b->rule);
				break;
			}
			h = to_heading(v[i + 1].n, v[i + 1].text.ptr, 0, 0, lvl,
			    b->rule);
			h->as.heading.label = xstrdup(b->text.ptr);
			node_free(b->n);
			v[i + 1].n = h;
			break;
		case K_DI:
			if (b->runin) {
				split_run_in_body(b->n, b->runin);
			}
			h = to_heading(b->n, b->text.ptr, b->label, b->body, lvl,
			    b->rule);
			h->as.heading.run_in = b->runin > 0;
			b->n = h;
			break;
		case K_BOLD:
			unwrap_strong(b->n);
			b->n = to_heading(b->n, b->text.ptr, 0, 0, lvl, b->rule);
			break;
		default:
			b->n = to_heading(b->n, b->text.ptr, b->label, b->body,
			    lvl, b->rule);
			break;
		}
		diag_note(diag, "level-%d heading (%s): %.*s", lvl,
		    b->rule != NULL ? b->rule : "heading",
		    (int)utf8_prefix(b->text.ptr, b->text.len, 30),
		    b->text.ptr);
	}
}

/*
 * A bold subhead set over two lines (WeChat centres a long one so: "感恩
 * 教育面前，" / "每个小孩都是不孝子"): a bold line that ends in a comma,
 * then a bold line that ends no sentence, 40 characters together, text
 * under them.  They are joined into one line before subheads are looked
 * for.
 */
static void
join_broken_bold(struct doc *doc, struct diag *diag)
{
	struct node	*c, *next;
	struct buf	 a = BUF_INIT, b = BUF_INIT;
	uint32_t	 last;

	for (c = doc->root->first_child; c != NULL; c = c->next) {
		next = c->next;
		if (next == NULL || next->next == NULL ||
		    c->type != NODE_PARAGRAPH || next->type != NODE_PARAGRAPH ||
		    next->next->type != NODE_PARAGRAPH ||
		    !all_strong(c) || !all_strong(next) ||
		    all_strong(next->next) || ht_has_break(c) ||
		    ht_has_break(next))
			continue;
		buf_truncate(&a, 0);
		buf_truncate(&b, 0);
		node_text(c, &a);
		node_text(next, &b);
		last = ht_last_cp(a.ptr, a.len);
		if ((last != 0xFF0C && last != ',') ||
		    ht_ends_sentence(b.ptr, b.len) ||
		    ht_last_cp(b.ptr, b.len) == 0xFF0C ||
		    utf8_count(a.ptr, a.len) + utf8_count(b.ptr, b.len) > 40)
			continue;
		node_move_children(c, next);
		node_unlink(next);
		node_free(next);
		diag_note(diag, "line %u: a bold line ending in a comma and the "
		    "bold line under it: one subhead over two lines", c->line);
	}
	buf_free(&a);
	buf_free(&b);
}

static void
shape_headings(struct doc *doc, struct diag *diag)
{
	struct blk	*v = NULL;
	struct node	*c;
	struct ranks	 r;
	size_t		 n = 0, cap = 0, i;

	join_broken_bold(doc, diag);
	for (c = doc->root->first_child; c != NULL; c = c->next) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		memset(&v[n], 0, sizeof(v[n]));
		v[n].n = c;
		v[n].kind = K_NONE;
		buf_init(&v[n].text);
		if (c->type == NODE_PARAGRAPH || c->type == NODE_HEADING) {
			node_text(c, &v[n].text);
			v[n].single = !ht_has_break(c);
			v[n].bold = c->type == NODE_PARAGRAPH && all_strong(c);
		}
		if (c->type == NODE_HEADING)
			v[n].kind = K_H1 + c->as.heading.level - 1;
		n++;
	}
	find_wechat(v, n);
	find_symbols(v, n);
	find_bold(v, n, doc->meta[META_TITLE]);
	find_unbolded(v, n);
	find_di(v, n);
	find_di_continued(v, n);
	find_plain(v, n);
	rank_kinds(v, n, &r);
	apply(v, n, &r, diag);
	for (i = 0; i < n; i++)
		buf_free(&v[i].text);
	free(v);
}

/* --- driver -------------------------------------------------------------- */

static void
rank_existing(struct doc *doc)
{
	struct node	*c;
	int		 used[7] = { 0 }, map[7] = { 0 }, l, next = 0;

	for (c = doc->root->first_child; c != NULL; c = c->next)
		if (c->type == NODE_HEADING && c->as.heading.level >= 1 &&
		    c->as.heading.level <= 6)
			used[c->as.heading.level] = 1;
	for (l = 1; l <= 6; l++)
		if (used[l])
			map[l] = ++next;
	for (c = doc->root->first_child; c != NULL; c = c->next)
		if (c->type == NODE_HEADING && c->as.heading.level >= 1 &&
		    c->as.heading.level <= 6)
			c->as.heading.level = map[c->as.heading.level];
}

/*
 * Does s open with an ordinal ("第一，" "第三、" "首先，")?  A run of such
 * sentences set as headings numbers the section's subheads.
 */
static int
ordinal_start(const char *s, size_t len)
{
	static const char *const words[] = { "首先", "其次", "再次", "最后" };
	size_t		 pos = 0, i, n;
	uint32_t	 cp;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		n = strlen(words[i]);
		if (len >= n && memcmp(s, words[i], n) == 0)
			return 1;
	}
	if (len < 6 || memcmp(s, "第", 3) != 0)
		return 0;
	pos = 3;
	cp = utf8_next(s, len, &pos);
	return (cp == 0x4E00 || cp == 0x4E8C || cp == 0x4E09 || cp == 0x56DB ||
	    cp == 0x4E94 || cp == 0x516D || cp == 0x4E03 || cp == 0x516B ||
	    cp == 0x4E5D || cp == 0x5341);
}

/*
 * Markup headings that hold a sentence are paragraphs: headlines and
 * subheads carry no full stop (newspaper practice), so an <h1> around
 * "市委召开全会，审议通过…的决定。" is a news item set large.  A question
 * or an exclamation is a heading's own voice (问：…？ in a Q&A).  Only
 * unnumbered ones: a numbered heading of a report may end in "。"
 * (（一）支部带头，强化阵地堡垒作用。).  Two or more such in the
 * document, or one that holds a comma as well.
 */
static void
demote_sentences(struct doc *doc, struct diag *diag)
{
	struct node	*c;
	struct buf	 t = BUF_INIT;
	size_t		 n = 0, pass;
	uint32_t	 last;

	for (pass = 0; pass < 2; pass++)
		for (c = doc->root->first_child; c != NULL; c = c->next) {
			if (c->type != NODE_HEADING || c->as.heading.label)
				continue;
			buf_truncate(&t, 0);
			node_text(c, &t);
			last = ht_last_cp(t.ptr, t.len);
			if (last != 0x3002 || utf8_count(t.ptr, t.len) < 10 ||
			    outline_numbered(t.ptr, t.len) ||
			    ordinal_start(t.ptr, t.len))
				continue;
			if (pass == 0) {
				n++;
				continue;
			}
			if (n < 2 && strstr(t.ptr, "，") == NULL)
				continue;
			c->type = NODE_PARAGRAPH;
			memset(&c->as, 0, sizeof(c->as));
			c->rule = "markup heading holding a sentence: a "
			    "paragraph";
			diag_note(diag, "line %u: a heading of the source ends "
			    "a sentence: a paragraph: %s", c->line, t.ptr);
		}
	buf_free(&t);
}

/*
 * Headings of the source that are no section's, above the first
 * paragraph of text: one whose text is all a link (a series' or a
 * collection's page: ### [【《線上談》結集】](…)), and two or more level-1
 * headings stacked (a WeChat post's deck set in <h1> lines, 绥德县举行 /
 * 庆“八一”双拥文艺汇演暨…) — paragraphs.
 */
static void
demote_furniture(struct doc *doc, struct diag *diag)
{
	struct node	*c, *first = NULL;
	size_t		 stacked = 0;

	for (c = doc->root->first_child; c != NULL; c = c->next) {
		if (c->type == NODE_FIGURE)
			continue;
		/* <h1>s: the headline's rank, under the headline. */
		if (c->type != NODE_HEADING || c->as.heading.label != NULL ||
		    c->as.heading.level != 1)
			break;
		if (first == NULL)
			first = c;
		stacked++;
	}
	if (stacked >= 2 && c != NULL && c->type == NODE_PARAGRAPH)
		for (c = first; c != NULL && c->type != NODE_PARAGRAPH;
		    c = c->next) {
			if (c->type != NODE_HEADING)
				continue;
			c->type = NODE_PARAGRAPH;
			memset(&c->as, 0, sizeof(c->as));
			c->rule = "headings stacked over the text: a deck";
			diag_note(diag, "line %u: headings stacked at the top "
			    "of the text, no text under each: the deck, "
			    "paragraphs", c->line);
		}
	for (c = doc->root->first_child; c != NULL &&
	    c->type != NODE_PARAGRAPH; c = c->next)
		if (c->type == NODE_HEADING && c->as.heading.label == NULL &&
		    c->first_child != NULL &&
		    c->first_child == c->last_child &&
		    c->first_child->type == NODE_LINK) {
			c->type = NODE_PARAGRAPH;
			memset(&c->as, 0, sizeof(c->as));
			c->rule = "heading that is only a link: a paragraph";
			diag_note(diag, "line %u: a heading that is only a "
			    "link (a series' page) is no section", c->line);
		}
}

void
shape_tree(struct doc *doc, struct diag *diag)
{
	/* A table of contents first: its lines look like subheads. */
	outline_find_toc(doc->root, diag);
	demote_sentences(doc, diag);
	demote_furniture(doc, diag);
	rank_existing(doc);
	shape_lines(doc, diag);
	shape_headings(doc, diag);
}

void
shape_after_outline(struct doc *doc)
{
	struct node	*c;

	/* A heading made of a bold line: the bold was the heading. */
	for (c = doc->root->first_child; c != NULL; c = c->next)
		if (c->type == NODE_HEADING && c->first_child != NULL &&
		    c->first_child == c->last_child &&
		    c->first_child->type == NODE_STRONG)
			unwrap_strong(c);
	/*
	 * Points whose leads the source set in bold: the lead is bold by
	 * itself (--leads), and a span split at the lead's edge would
	 * leave empty bold markers behind.
	 */
	points_unbold(doc->root);
}

size_t
shape_drop_title_repeat(struct doc *doc)
{
	struct buf	 t = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
	struct node	*c, *next;
	size_t		 k = 0, dropped = 0;
	int		 which;

	for (c = doc->root->first_child; c != NULL && k < 3; c = next, k++) {
		next = c->next;
		if (c->type != NODE_PARAGRAPH && c->type != NODE_HEADING)
			continue;
		buf_truncate(&t, 0);
		buf_truncate(&a, 0);
		node_text(c, &b);
		utf8_fold(b.ptr, &t);
		buf_truncate(&b, 0);
		for (which = 0; which < 2; which++) {
			const char *m = doc->meta[which == 0 ? META_TITLE :
			    META_SUBTITLE];

			if (m == NULL)
				continue;
			buf_truncate(&a, 0);
			utf8_fold(m, &a);
			if (a.len > 0 && a.len == t.len &&
			    memcmp(a.ptr, t.ptr, t.len) == 0) {
				node_free(c);
				dropped++;
				break;
			}
		}
	}
	buf_free(&t);
	buf_free(&a);
	buf_free(&b);
	return dropped;
}

void
shape_sample_text(const struct doc *doc, struct buf *out)
{
	struct iter	 it;

	iter_init(&it, doc->root);
	while (out->len < LANG_SAMPLE_BYTES && iter_next(&it) != ITER_DONE)
		if (it.event == ITER_ENTER && it.node->type == NODE_TEXT)
			buf_puts(out, it.node->as.text);
}
