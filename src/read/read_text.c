/*
 * The plain-text reader: an article pasted or saved as text, possibly with
 * the site's navigation above it and its footer below.
 *
 * 1. Decode (encoding.h) and split into lines.
 * 2. Head: find the metadata block (article.h) among the first lines; the
 *    title is the nearest line above it (skipping "——" subtitle lines), not
 *    the most title-like line, because a site banner often looks like one.
 *    Everything above the title is site chrome.  Without a metadata block
 *    the first line is the title when it is shaped like one.
 * 3. Footer: from a footer line (最新评论, 回顶部, 相关报道：…) near the end
 *    on, nothing belongs to the article.
 * 4. Paragraphs: one per line, or, in hard-wrapped files, one per block of
 *    lines (a new one at each blank or indented line, or after a short
 *    line).  Page numbers ("— 1 —") and running heads are left out, and
 *    a paragraph a page broke goes on after them.
 * 5. Outline recognition (outline.h) turns paragraphs into headings,
 *    lists and points.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"
#include "analyze/article.h"
#include "analyze/outline.h"
#include "tree/alloc.h"
#include "tree/buf.h"
#include "tree/utf8.h"
#include "encoding.h"
#include "reader.h"

struct line {
	const char	*s;		/* trimmed text */
	size_t		 len;
	unsigned int	 no;		/* 1-based line number */
	int		 indent;	/* started with white space */
	size_t		 margin;	/* display columns of that space */
	size_t		 width;		/* display columns of the text */
	int		 drop;		/* chrome, metadata, title: not body */
};

/* line.drop for a page number: left out, and the paragraph goes on. */
#define PAGE_BREAK	2

struct lines {
	struct line	*v;
	size_t		 n, cap;
};

static void
lines_add(struct lines *ls, const char *s, size_t len, unsigned int no)
{
	struct line	*l;
	size_t		 a, b;

	b = utf8_trim(s, len, &a) + a;
	if (ls->n == ls->cap) {
		ls->cap = ls->cap ? ls->cap * 2 : 256;
		ls->v = xreallocarray(ls->v, ls->cap, sizeof(*ls->v));
	}
	l = &ls->v[ls->n++];
	l->s = s + a;
	l->len = b - a;
	l->no = no;
	l->indent = a > 0 && b > a;
	l->margin = l->indent ? utf8_width(s, a, 1) : 0;
	l->width = utf8_width(s + a, b - a, 1);
	l->drop = 0;
}

static int
is_blank(const struct line *l)
{
	return l->len == 0;
}

static int
starts_with(const struct line *l, const char *lit)
{
	size_t	 n = strlen(lit);

	return l->len >= n && memcmp(l->s, lit, n) == 0;
}

/* Index of the next (dir 1) or previous (dir -1) non-blank line, or -1. */
static long
step(const struct lines *ls, long i, int dir)
{
	for (i += dir; i >= 0 && (size_t)i < ls->n; i += dir)
		if (!is_blank(&ls->v[i]))
			return i;
	return -1;
}

static uint32_t
last_char(const struct line *l)
{
	size_t	 pos = l->len;

	return l->len ? utf8_prev(l->s, &pos) : 0;
}

static int
ends_with(const struct line *l, const char *lit)
{
	size_t	 n = strlen(lit);

	return l->len >= n && memcmp(l->s + l->len - n, lit, n) == 0;
}

static int
contains(const struct line *l, const char *lit)
{
	size_t	 n = strlen(lit), i;

	for (i = 0; i + n <= l->len; i++)
		if (memcmp(l->s + i, lit, n) == 0)
			return 1;
	return 0;
}

/*
 * A photo caption ("…国务院总理李克强作政府工作报告。新华社记者 庞兴雷 摄")
 * or a dateline ("新华社北京3月16日电", "本报讯"): news print both near the
 * headline, and neither is ever the title.
 */
static int
caption_or_dateline(const struct line *l)
{
	size_t	 chars = utf8_count(l->s, l->len);

	if (ends_with(l, "摄") || ends_with(l, "摄影") || ends_with(l, "供图") ||
	    ends_with(l, "摄）") || ends_with(l, "供图）") ||
	    starts_with(l, "图为") || starts_with(l, "图：") ||
	    starts_with(l, "（图"))
		return 1;
	return chars <= 40 && (ends_with(l, "日电") || ends_with(l, "日讯") ||
	    starts_with(l, "本报讯") || (contains(l, "日电（") &&
	    ends_with(l, "）")));
}

static int	 organisation_line(const struct line *);

/* The 发文字号 of an official document (article_document_number()). */
static int
doc_number_line(const struct line *l)
{
	return article_document_number(l->s, l->len);
}

/*
 * The 发文机关标志 printed in red over an official document: the issuing
 * body's name and "文件" ("平川市人民政府办公室文件"), Han only.  Titles
 * may end in 文件 too ("关于废止部分规范性文件"), so the caller asks for the
 * 发文字号 under it.
 */
static int
letterhead_shaped(const struct line *l)
{
	size_t		 pos = 0, chars = 0;
	uint32_t	 cp;

	if (!ends_with(l, "文件") || contains(l, "关于") || contains(l, "關於"))
		return 0;
	while (pos < l->len) {
		cp = utf8_next(l->s, l->len, &pos);
		if (cp == ' ' || cp == 0x3000)
			continue;
		if (!uc_is_han(cp))
			return 0;
		chars++;
	}
	return chars >= 4 && chars <= 40;
}

/*
 * A 纪要's or 简报's issue line under its masthead (GB/T 9704 §10.3):
 * "第15期", "（第6期）", "第6期（总第58期）", "2024年第3期"; short.
 */
static int
issue_line(const struct line *l)
{
	size_t		 i = 0, j, q, digits;
	uint32_t	 cp;

	if (utf8_count(l->s, l->len) > 16)
		return 0;
	while (i < l->len) {
		if (utf8_next(l->s, l->len, &i) != 0x7B2C)	/* 第 */
			continue;
		for (j = i, digits = 0; j < l->len; j = q, digits++) {
			q = j;
			cp = utf8_next(l->s, l->len, &q);
			if (!(cp >= '0' && cp <= '9') &&
			    article_cn_digit(cp) < 0 && cp != 0x5341 &&
			    cp != 0x767E)			/* 十 百 */
				break;
		}
		if (digits > 0 && j < l->len &&
		    utf8_next(l->s, l->len, &j) == 0x671F)	/* 期 */
			return 1;
	}
	return 0;
}

/*
 * A journal's issue line over an article copied from it ("1999年　第21卷
 * 第1-2期　Vol.21 No.1-2 1999", "1999年 第1期 No.1 1999"): a volume (第N卷,
 * Vol.) and an issue (期, No.), or the issue in both languages, short.
 */
static int
journal_issue_line(const struct line *l)
{
	return utf8_count(l->s, l->len) <= 60 && ((contains(l, "卷") &&
	    contains(l, "期") && contains(l, "第")) || (contains(l, "Vol") &&
	    contains(l, "No")) || (contains(l, "第") && contains(l, "期") &&
	    contains(l, "No")));
}

/*
 * The masthead of a 纪要 or 简报 (会议纪要, 专 题 会 议 纪 要, 组工简报,
 * 工作动态): Han letters only, spaced or not, four to twelve of them,
 * ending in the kind of publication; no 关于 (a title's "关于…的会议纪要").
 */
static int
masthead_line(const struct line *l)
{
	static const char *const kinds[] = {
		"纪要", "简报", "快报", "专报", "动态", "通讯", "紀要", "簡報",
	};
	char		 packed[40];
	size_t		 pos = 0, at, n = 0, i, w;
	uint32_t	 cp;

	if (contains(l, "关于") || contains(l, "關於"))
		return 0;
	while (pos < l->len) {
		at = pos;
		cp = utf8_next(l->s, l->len, &pos);
		if (cp == ' ' || cp == 0x3000)
			continue;
		if (!uc_is_han(cp) || n + (pos - at) > sizeof(packed))
			return 0;
		memcpy(packed + n, l->s + at, pos - at);
		n += pos - at;
	}
	if (utf8_count(packed, n) < 4)
		return 0;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		w = strlen(kinds[i]);
		if (n >= w && memcmp(packed + n - w, kinds[i], w) == 0)
			return 1;
	}
	return 0;
}

/*
 * The 版头 of an official document (GB/T 9704 §7.2): 份号, 密级, 紧急程度,
 * 发文机关标志 and 发文字号, above the title.  Not the title; the caller keeps
 * these lines as text.  Line t is one of them when it is a 发文字号, or a
 * letterhead with the 发文字号 among the next two lines, or a short 份号 /
 * 密级 / 紧急程度 line with one of those among the next three.
 */
static int
official_head_line(const struct lines *ls, long t)
{
	const struct line *l = &ls->v[t];
	long		 u = t;
	int		 k, mark;
	char		*d;

	if (doc_number_line(l) || issue_line(l) || journal_issue_line(l))
		return 1;
	/* The journal's name, Chinese and English, over its issue line. */
	if (utf8_count(l->s, l->len) <= 60 && !contains(l, "。") &&
	    !contains(l, "，"))
		for (k = 0; k < 2 && (u = step(ls, u, 1)) >= 0; k++)
			if (journal_issue_line(&ls->v[u]))
				return 1;
	u = t;
	/* A 纪要's or 简报's masthead, its issue line under it. */
	if (masthead_line(l)) {
		for (k = 0; k < 2 && (u = step(ls, u, 1)) >= 0; k++)
			if (issue_line(&ls->v[u]))
				return 1;
		return 0;
	}
	mark = utf8_count(l->s, l->len) <= 12 && (starts_with(l, "绝密") ||
	    starts_with(l, "机密") || starts_with(l, "秘密") ||
	    starts_with(l, "特急") || starts_with(l, "加急") ||
	    starts_with(l, "平急") || strspn(l->s, "0123456789") == l->len);
	/*
	 * Web copies print the issuing body's name where the red letterhead
	 * stood: the name, then the 发文字号 right under it.
	 */
	/* The unit that issues it and the date, under the issue line. */
	if ((u = step(ls, t, -1)) >= 0 && issue_line(&ls->v[u]) &&
	    utf8_count(l->s, l->len) <= 40 && (d = article_find_date(l->s,
	    l->len, NULL, NULL)) != NULL) {
		free(d);
		return 1;
	}
	u = t;
	if (!mark && !letterhead_shaped(l)) {
		u = step(ls, t, 1);
		return organisation_line(l) && u >= 0 &&
		    (doc_number_line(&ls->v[u]) || masthead_line(&ls->v[u]));
	}
	for (k = 0; k < (mark ? 3 : 2) && (u = step(ls, u, 1)) >= 0; k++)
		if (doc_number_line(&ls->v[u]) ||
		    (mark && letterhead_shaped(&ls->v[u])))
			return 1;
	return 0;
}

static int	 doc_kind_line(const struct line *, size_t);

/*
 * Could l be an article title?  2-80 characters (150 for an official
 * title ending in its kind of document), not ending like a sentence or a
 * clause, no full stop inside (a headline is one phrase,
 * a caption is sentences), and no caption or dateline.
 */
static int
title_shaped(const struct line *l)
{
	uint32_t	 c = last_char(l);
	size_t		 chars = utf8_count(l->s, l->len);

	/*
	 * Up to 80 characters; an official title naming the document it
	 * issues runs longer (关于印发《…实施意见》的通知), and ends in its
	 * kind.
	 */
	return chars >= 2 && (chars <= 80 || doc_kind_line(l, 150)) &&
	    c != 0x3002 && c != 0xFF0C &&
	    c != 0xFF1B && c != 0xFF1A && c != 0x3001 && c != ',' &&
	    c != ';' && c != ':' && !contains(l, "。") &&
	    !caption_or_dateline(l);
}

/* Does the line end with a full stop, "！" or "？" (a sentence of text)? */
static int
ends_full_sentence(const struct line *l)
{
	uint32_t c = last_char(l);

	return c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
}

/*
 * The words a body's name ends in (GB/T 9704 发文机关), and where each is
 * trusted: in the issuing body printed over a title (BODY_TITLE), in a
 * body signing under it (BODY_BYLINE), in each of joint issuers
 * (BODY_JOINT).  The lists differ on purpose: a lone "组" or "所" names too
 * much to sign alone, and a 公司 over a title is its issuer, never a byline.
 */
#define BODY_TITLE	1u
#define BODY_BYLINE	2u
#define BODY_JOINT	4u
#define BODY_ALL	(BODY_TITLE | BODY_BYLINE | BODY_JOINT)

static const struct body_word {
	const char	*word;
	unsigned	 uses;
} body_words[] = {
	{ "委员会", BODY_ALL }, { "支部", BODY_ALL }, { "党委", BODY_ALL },
	{ "政府", BODY_ALL }, { "办公室", BODY_ALL }, { "局", BODY_ALL },
	{ "厅", BODY_ALL }, { "委", BODY_ALL }, { "部", BODY_ALL },
	{ "院", BODY_ALL }, { "中心", BODY_ALL },
	{ "党组", BODY_TITLE | BODY_BYLINE },
	{ "办公厅", BODY_TITLE | BODY_BYLINE },
	{ "协会", BODY_TITLE | BODY_BYLINE },
	{ "学会", BODY_TITLE | BODY_BYLINE },
	{ "大学", BODY_TITLE | BODY_BYLINE },
	{ "学院", BODY_TITLE | BODY_BYLINE },
	{ "总支", BODY_TITLE }, { "公司", BODY_TITLE }, { "集团", BODY_TITLE },
	{ "班子", BODY_TITLE },		/* 领导班子: a 对照检查材料's author */
	{ "学校", BODY_TITLE }, { "街道", BODY_TITLE }, { "管委会", BODY_TITLE },
	{ "调研组", BODY_BYLINE }, { "课题组", BODY_BYLINE },
	{ "工作组", BODY_BYLINE }, { "研究会", BODY_BYLINE },
	{ "队", BODY_JOINT }, { "所", BODY_JOINT }, { "站", BODY_JOINT },
	{ "组", BODY_JOINT }, { "会", BODY_JOINT }, { "社", BODY_JOINT },
	{ "处", BODY_JOINT },
};

/* Does s[0..len) end in a body's name trusted for use? */
static int
ends_in_body(const char *s, size_t len, unsigned use)
{
	size_t	 i, n;

	for (i = 0; i < sizeof(body_words) / sizeof(body_words[0]); i++) {
		n = strlen(body_words[i].word);
		if ((body_words[i].uses & use) && len >= n &&
		    memcmp(s + len - n, body_words[i].word, n) == 0)
			return 1;
	}
	return 0;
}

/*
 * Two or more issuing bodies side by side, as joint documents and
 * statistical bulletins sign under the title: "云江市统计局　国家统计局云江
 * 调查队".  Each part is Han only and ends in the name of a body.
 */
static int
joint_issuers(const struct line *l)
{
	size_t		 pos = 0, start = 0, parts = 0, n;
	uint32_t	 cp;

	if (utf8_count(l->s, l->len) > 50)
		return 0;
	while (start < l->len) {
		/* One part: up to white space. */
		for (pos = start; pos < l->len;) {
			size_t q = pos;

			cp = utf8_next(l->s, l->len, &q);
			if (uc_is_space(cp) || cp == 0x3000)
				break;
			if (!uc_is_han(cp))
				return 0;
			pos = q;
		}
		n = pos - start;
		if (n < 6)		/* two Han characters at least */
			return 0;
		if (!ends_in_body(l->s + start, n, BODY_JOINT))
			return 0;
		parts++;
		while (pos < l->len) {
			size_t q = pos;

			cp = utf8_next(l->s, l->len, &q);
			if (!(uc_is_space(cp) || cp == 0x3000))
				break;
			pos = q;
		}
		start = pos;
	}
	return parts >= 2;
}

/*
 * The date of a newspaper's page head ("…报　2024年05月01日　星期三　第03版：
 * 要闻"): a line of at most 40 characters naming a page (第N版) and a
 * date.  Returns the date (to free) or NULL.
 */
static char *
epaper_page_date(const struct line *l)
{
	size_t	 i, j;

	if (utf8_count(l->s, l->len) > 40)
		return NULL;
	for (i = 0; i + 3 <= l->len; i++) {
		if (memcmp(l->s + i, "第", 3) != 0)
			continue;
		for (j = i + 3; j < l->len && l->s[j] >= '0' && l->s[j] <= '9';
		    j++)
			;
		if (j > i + 3 && j + 3 <= l->len &&
		    memcmp(l->s + j, "版", 3) == 0)
			return article_find_date(l->s, l->len, NULL, NULL);
	}
	return NULL;
}


/*
 * A byline printed under a title: the issuing body of an official text
 * (GB/T 9704 发文机关署名: "市人民政府办公室", "市卫生健康委调研组"), a
 * speaker's post and name ("市长　韩立新"), or a news credit ("记者　刘畅
 * 通讯员　赵亮", never a dateline "记者…报道电").  Short, Han only, and ending
 * in the word for a body, or a post ending in 长 记 任 员 席 理 授 者 表
 * followed by white space and a name of 2-4 characters.
 */
static int
byline_shaped(const struct line *l)
{
	static const uint32_t posts[] = {
		0x957F, 0x8BB0, 0x4EFB, 0x5458, 0x5E2D, 0x7406, 0x6388,
		0x8005, 0x8868,
	};
	size_t		 chars = utf8_count(l->s, l->len), pos = 0, i;
	size_t		 name = 0, gap = 0, before = 0;
	uint32_t	 cp, post = 0;

	if (joint_issuers(l))
		return 1;
	if (article_news_credit(l->s, l->len))
		return 1;
	if (chars < 3 || chars > 24)
		return 0;
	while (pos < l->len) {
		cp = utf8_next(l->s, l->len, &pos);
		if (uc_is_space(cp) || cp == 0x3000) {
			if (before == 0 || name > 0)
				return 0;
			gap = 1;
		} else if (cp == 0x3001 && !gap && before > 0) {
			continue;	/* 县委副书记、县长: posts listed */
		} else if ((cp == 0xB7 || cp == 0x30FB) && name > 0) {
			continue;	/* 买买提·艾力 */
		} else if (!uc_is_han(cp))
			return 0;
		else if (gap)
			name++;
		else {
			before++;
			post = cp;
		}
	}
	if (gap) {
		if (name < 2 || name > 4 || before > 14)
			return 0;
		for (i = 0; i < sizeof(posts) / sizeof(posts[0]); i++)
			if (post == posts[i])
				return 1;
		return 0;
	}
	return ends_in_body(l->s, l->len, BODY_BYLINE) && chars <= 16;
}

static void
set_line_meta(struct doc *doc, enum meta_key key, const struct line *l)
{
	char	*s = xstrndup(l->s, l->len);

	doc_set_meta(doc, key, s);
	free(s);
}

/* A digit or a Chinese numeral of a date (2026, 二〇二六, 二十七). */
static int
date_numeral(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19) ||
	    article_cn_digit(cp) >= 0 || cp == 0x5341 || cp == 0x25CB ||
	    cp == 0x3007;
}

/*
 * A speech's occasion printed without its dash, the subtitle of a report
 * or a speech: "2026年1月27日在陕西省第十四届人民代表大会第四次会议上" (and the
 * speaker after it).  A full date, 在, then 上 further on.
 */
static int
occasion_line(const struct line *l)
{
	static const uint32_t units[] = { 0x5E74, 0x6708, 0x65E5 };	/* 年月日 */
	size_t		 pos = 0, u, digits;
	uint32_t	 cp = 0;

	for (u = 0; u < 3; u++) {
		for (digits = 0; pos < l->len; digits++) {
			size_t q = pos;

			cp = utf8_next(l->s, l->len, &q);
			if (!date_numeral(cp))
				break;
			pos = q;
		}
		if (digits == 0 || pos >= l->len ||
		    utf8_next(l->s, l->len, &pos) != units[u])
			return 0;
	}
	if (pos >= l->len || utf8_next(l->s, l->len, &pos) != 0x5728)	/* 在 */
		return 0;
	while (pos < l->len)
		if (utf8_next(l->s, l->len, &pos) == 0x4E0A)		/* 上 */
			return utf8_count(l->s, l->len) <= 60;
	return 0;
}

/* Appends line l to the subtitle, joined without a space. */
static void
add_subtitle(struct doc *doc, const struct line *l)
{
	struct buf	 b = BUF_INIT;

	if (doc->meta[META_SUBTITLE] != NULL)
		buf_puts(&b, doc->meta[META_SUBTITLE]);
	buf_put(&b, l->s, l->len);
	doc_set_meta(doc, META_SUBTITLE, b.ptr);
	buf_free(&b);
}

static int
is_dash_line(const struct line *l)
{
	/* ―― (U+2015, a horizontal bar) stands for —— in many copies. */
	return starts_with(l, "——") || starts_with(l, "—") ||
	    starts_with(l, "――") || starts_with(l, "--") ||
	    occasion_line(l);
}

/* "（2018年1月2日）": a date line under a title. */
static int
is_paren_date(const struct line *l)
{
	char	*d;
	int	 ok;

	if (!(starts_with(l, "（") || starts_with(l, "(")) ||
	    utf8_count(l->s, l->len) > 20)
		return 0;
	d = article_find_date(l->s, l->len, NULL, NULL);
	ok = d != NULL;
	free(d);
	return ok;
}

/*
 * A line wholly in brackets under a title: a note on its status
 * ("（征求意见稿）", "（草案）", "（2026年修订）"), not the title going on.
 */
static int
paren_note(const struct line *l)
{
	return (starts_with(l, "（") && ends_with(l, "）")) ||
	    (starts_with(l, "(") && ends_with(l, ")"));
}

/* Fills the date from a subtitle such as "——2026年1月26日在…会议上". */
static void
date_from_subtitle(struct doc *doc)
{
	char	*d;

	if (doc->meta[META_DATE] != NULL || doc->meta[META_SUBTITLE] == NULL)
		return;
	d = article_find_date(doc->meta[META_SUBTITLE],
	    strlen(doc->meta[META_SUBTITLE]), NULL, NULL);
	if (d != NULL)
		doc_set_meta(doc, META_DATE, d);
	free(d);
}

/*
 * Subtitle lines after the title at index t: "——…" (with a broken-off
 * continuation such as "人民代表大会第五次会议上") and "（2018年1月2日）".
 * Returns the index of the last line consumed.
 */
static long
take_subtitles(struct lines *ls, long t, struct doc *doc, struct diag *diag)
{
	long	 i = t, j, k;

	while ((j = step(ls, i, 1)) >= 0) {
		struct line *l = &ls->v[j];

		if (is_dash_line(l) && utf8_count(l->s, l->len) <= 60) {
			add_subtitle(doc, l);
			l->drop = 1;
			i = j;
			/* A subtitle broken over two lines. */
			j = step(ls, i, 1);
			if (j >= 0 && !is_dash_line(&ls->v[j]) &&
			    utf8_count(ls->v[j].s, ls->v[j].len) <= 25 &&
			    (last_char(&ls->v[j]) == 0x4E0A ||	/* 上 */
			    (ls->v[j].len >= 6 && memcmp(ls->v[j].s +
			    ls->v[j].len - 6, "讲话", 6) == 0))) {
				add_subtitle(doc, &ls->v[j]);
				ls->v[j].drop = 1;
				diag_note(diag, "line %u: continues the "
				    "subtitle", ls->v[j].no);
				i = j;
			}
			continue;
		}
		if (is_paren_date(l)) {
			add_subtitle(doc, l);
			l->drop = 1;
			i = j;
			continue;
		}
		/*
		 * A speech prints the speaker ("县长　林海") between its
		 * title and its date line: the author.
		 */
		if (byline_shaped(l) && doc->meta[META_AUTHOR] == NULL &&
		    (k = step(ls, j, 1)) >= 0 && (is_paren_date(&ls->v[k]) ||
		    is_dash_line(&ls->v[k]))) {
			set_line_meta(doc, META_AUTHOR, l);
			l->drop = 1;
			diag_note(diag, "line %u: byline under the title (a "
			    "speaker or an issuing body): the author", l->no);
			i = j;
			continue;
		}
		break;
	}
	date_from_subtitle(doc);
	return i;
}

/* Lines searched for the metadata block; a longer line ends the search. */
#define HEAD_LINES	40
#define HEAD_LONG_LINE	150

/*
 * A field-label line of a bibliographic export ("【 标  题 】万福店农场…",
 * "【原文出处】中国农垦经济"): the label without its spaces into label,
 * the value's offset into *value.  Labels are 1-8 Han characters.
 */
static int
field_line(const struct line *l, struct buf *label, size_t *value)
{
	size_t		 pos, q, han = 0;
	uint32_t	 cp;

	buf_truncate(label, 0);
	if (!starts_with(l, "【"))
		return 0;
	for (pos = 3; pos < l->len;) {
		q = pos;
		cp = utf8_next(l->s, l->len, &q);
		if (cp == 0x3011) {			/* 】 */
			*value = utf8_skip_space(l->s, l->len, q);
			return han >= 1 && han <= 8;
		}
		if (uc_is_han(cp)) {
			han++;
			buf_put(label, l->s + pos, q - pos);
		} else if (!uc_is_space(cp))
			return 0;
		pos = q;
	}
	return 0;
}

static int
label_is(const struct buf *label, const char *const *words)
{
	for (; *words != NULL; words++)
		if (label->len == strlen(*words) &&
		    memcmp(label->ptr, *words, label->len) == 0)
			return 1;
	return 0;
}

/*
 * A block of field-label lines at the top (two or more, the CNKI and
 * Fudan corpus export style) is the article's metadata, not its text:
 * 标题 is the title, 作者 the author, 原文出处 the source, 日期 the date;
 * other fields (文献号, 分类号, 复印期号) are listed under -v with their
 * sizes.  【正文】 ends the block; the body starts after it (or with the
 * text on its own line).  Returns the first line after the block, or
 * `from` when there is none.
 */
static long
read_fields(struct lines *ls, long from, struct doc *doc, struct diag *diag)
{
	static const char *const title[] = { "标题", "題名", "题名", "篇名",
	    "標題", NULL };
	static const char *const subtitle[] = { "副标题", "副標題", NULL };
	static const char *const author[] = { "作者", "著者", "责任者",
	    "作者单位", NULL };
	static const char *const source[] = { "原文出处", "出处", "出處",
	    "来源", "來源", "文献来源", "刊名", NULL };
	static const char *const date[] = { "日期", "发表日期", "出版日期",
	    "发布日期", "时间", NULL };
	static const char *const body[] = { "正文", "正  文", NULL };
	struct buf	 label = BUF_INIT;
	long		 i, n = 0;
	size_t		 v;
	char		*d;

	for (i = step(ls, from - 1, 1); i >= 0 && field_line(&ls->v[i],
	    &label, &v); i = step(ls, i, 1))
		n++;
	if (n < 2) {
		buf_free(&label);
		return from;
	}
	for (i = step(ls, from - 1, 1); i >= 0 && field_line(&ls->v[i],
	    &label, &v); i = step(ls, i, 1)) {
		struct line *l = &ls->v[i];
		struct line val = { l->s + v, l->len - v, l->no, 0, 0, 0, 0 };

		if (label_is(&label, body)) {
			if (val.len > 0) {
				/* The text begins on the marker's line. */
				l->s = val.s;
				l->len = val.len;
				l->width = utf8_width(l->s, l->len, 1);
				diag_note(diag, "line %u: 【正文】 marks the body",
				    l->no);
				buf_free(&label);
				return i;
			}
			l->drop = 1;
			diag_note(diag, "line %u: 【正文】 marks the body", l->no);
			i = step(ls, i, 1);
			break;
		}
		l->drop = 1;
		if (val.len == 0)
			continue;
		if (label_is(&label, title) && doc->meta[META_TITLE] == NULL)
			set_line_meta(doc, META_TITLE, &val);
		else if (label_is(&label, subtitle))
			set_line_meta(doc, META_SUBTITLE, &val);
		else if (label_is(&label, author))
			set_line_meta(doc, META_AUTHOR, &val);
		else if (label_is(&label, source))
			set_line_meta(doc, META_SOURCE, &val);
		else if (label_is(&label, date) && (d = article_find_date(
		    val.s, val.len, NULL, NULL)) != NULL) {
			doc_set_meta(doc, META_DATE, d);
			free(d);
		} else {
			diag_note(diag, "line %u: field 【%.*s】 left out (%zu "
			    "bytes): %.*s", l->no, (int)label.len, label.ptr,
			    l->len, (int)l->len, l->s);
			continue;
		}
		diag_note(diag, "line %u: field 【%.*s】 into the metadata",
		    l->no, (int)label.len, label.ptr);
	}
	buf_free(&label);
	return i >= 0 ? i : (long)ls->n;
}

/*
 * Does the line hold the separators of a breadcrumb or a link bar
 * ("首页 > 要闻", "注册 | 登录")?  Such a line is navigation, not a title.
 */
static int
chrome_separators(const struct line *l)
{
	return contains(l, ">") || contains(l, "|") || contains(l, "＞") ||
	    contains(l, "｜") || contains(l, "》》") || contains(l, "→") ||
	    contains(l, "»");
}

/*
 * The page's toolbar among the metadata lines: in brackets
 * (【字号：大 中 小】　【打印】　【关闭】), a share bar (分享：Facebook
 * WhatsApp 複製連結), or a public account's plea (点击蓝字 关注我们).  Only these: a short first sentence naming a chrome
 * word (注册, 首页) stays text.
 */
static int
head_toolbar(const struct line *l)
{
	return ((starts_with(l, "【") || starts_with(l, "分享") ||
	    contains(l, "蓝字") || contains(l, "藍字")) &&
	    article_chrome_line(l->s, l->len)) || (starts_with(l, "分享到") &&
	    utf8_count(l->s, l->len) <= 20);
}

/* Drops the non-blank lines from..to (exclusive) as site chrome. */
static void
drop_chrome(struct lines *ls, long from, long to, struct diag *diag)
{
	long	 k;

	for (k = from; k < to; k++)
		if (!is_blank(&ls->v[k]) && !ls->v[k].drop) {
			ls->v[k].drop = 1;
			diag_note(diag, "line %u: site chrome above the title "
			    "left out (%zu bytes): %.*s", ls->v[k].no,
			    ls->v[k].len, (int)ls->v[k].len, ls->v[k].s);
		}
}

/*
 * GB/T 9704 §7.2: a title names the issuing body, the matter and the kind
 * of document (发文机关 + 事由 + 文种).  Printed over two lines, the first
 * may be the body alone ("中共…第二支部委员会") and the second the rest,
 * ending in the kind ("2024年度工作总结").
 */
static int
organisation_line(const struct line *l)
{
	size_t	 pos = 0;
	uint32_t cp;

	if (utf8_count(l->s, l->len) > 30)
		return 0;
	while (pos < l->len) {
		cp = utf8_next(l->s, l->len, &pos);
		if (!uc_is_han(cp) && !(cp >= '0' && cp <= '9'))
			return 0;	/* a name is Han (and numbers) only */
	}
	return ends_in_body(l->s, l->len, BODY_TITLE);
}

/*
 * Does l end in the kind of document?  max_chars bounds its length: a
 * matter with a document's name in it (关于印发《…实施方案》的通知) runs
 * long.
 */
static int
doc_kind_line(const struct line *l, size_t max_chars)
{
	static const char *const kinds[] = {
		"总结", "报告", "方案", "意见", "通知", "办法", "规定", "讲话",
		"决定", "通报", "请示", "批复", "纪要", "公告", "通告", "规划",
		"计划", "要点", "细则", "条例", "决议", "公报", "汇报", "章程",
		"總結", "報告", "規定", "講話", "決定", "計劃", "規劃",
		"答复", "复函", "函", "提案", "议案", "建议", "倡议书", "公示",
		"答覆", "復函", "議案", "建議", "倡議書",
		/* 工作总结和工作打算, 2024年工作安排, 对照检查材料 */
		"打算", "安排", "材料",
	};
	size_t	 i;

	if (utf8_count(l->s, l->len) > max_chars)
		return 0;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (ends_with(l, kinds[i]))
			return 1;
	return 0;
}

/*
 * A title broken inside its phrase, as PDF copies and centred layouts
 * break it (GB/T 9704 §7.3.1 asks otherwise, but copies keep the breaks):
 * the first line ends in 的 ("关于…情况的" / "调研报告"), or the second is
 * only the kind of document, short, that the first does not end in
 * ("…整治提升" / "行动实施方案").
 */
static int
title_broken_phrase(const struct line *a, const struct line *b)
{
	size_t	 pos = 0;
	uint32_t cp;

	if (utf8_count(b->s, b->len) > 20 || utf8_count(a->s, a->len) > 40 ||
	    b->len == 0)
		return 0;
	/*
	 * 主题—副题 broken at its dash ("…的一种新设备—" / "吉赫横电磁波传输室
	 * (GTEM小室)"): the second line may name things in Latin letters.
	 */
	if (ends_with(a, "—") && !ends_with(a, "——") &&
	    utf8_count(a->s, a->len) > 2 && title_shaped(b))
		return 1;
	while (pos < b->len) {
		cp = utf8_next(b->s, b->len, &pos);
		if (!uc_is_han(cp))
			return 0;
	}
	if (ends_with(a, "的"))
		return 1;
	return doc_kind_line(b, 12) && !doc_kind_line(a, 60) &&
	    !organisation_line(a) && title_shaped(a);
}

/*
 * Does line a leave a quotation or a book title open ("…“不为机" with
 * its "关锦上添花…”" on the next line, a title hard-wrapped in a narrow
 * column) that line b closes?
 */
static int
title_open_quote(const struct line *a, const struct line *b)
{
	static const uint32_t pairs[][2] = {
		{ 0x201C, 0x201D }, { 0x300A, 0x300B }, { 0xFF08, 0xFF09 },
		{ 0x300C, 0x300D }
	};
	size_t		 i, pos;
	int		 depth;
	uint32_t	 cp;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		for (depth = 0, pos = 0; pos < a->len;) {
			cp = utf8_next(a->s, a->len, &pos);
			depth += (cp == pairs[i][0]) - (cp == pairs[i][1]);
		}
		if (depth <= 0)
			continue;
		for (pos = 0; pos < b->len;) {
			cp = utf8_next(b->s, b->len, &pos);
			if (cp == pairs[i][0])
				break;
			if (cp == pairs[i][1])
				return 1;
		}
	}
	return 0;
}

/*
 * Does line b repeat the end of line a (a file's headline "2018政府工作
 * 报告" over the printed title "政府工作报告")?  Then it is no second half.
 */
static int
repeats_end(const struct line *a, const struct line *b)
{
	return b->len > 0 && b->len < a->len &&
	    memcmp(a->s + a->len - b->len, b->s, b->len) == 0;
}

/*
 * A title printed over two lines (GB/T 9704 §7.2: the title may take
 * several lines): line t and the next line are both short title-shaped
 * phrases, and what follows them belongs to the head (a "——" subtitle, a
 * date line, a metadata line), or line t names the issuing body and the
 * next line ends in the kind of document.  Returns the second line's
 * index, or -1.
 */
static long
title_second_line(const struct lines *ls, long t)
{
	long		 u, w;
	const struct line *l;
	struct article_meta m = { 0 };
	int		 head;

	if ((u = step(ls, t, 1)) < 0)
		return -1;
	l = &ls->v[u];
	if (repeats_end(&ls->v[t], l))
		return -1;
	if (utf8_count(ls->v[t].s, ls->v[t].len) <= 40 &&
	    utf8_count(l->s, l->len) <= 40 && title_open_quote(&ls->v[t], l))
		return u;
	/*
	 * The issuing body, then the matter and the kind of document: the
	 * matter starts 关于 and may quote a long name.
	 */
	if (organisation_line(&ls->v[t]) && starts_with(l, "关于") &&
	    title_shaped(l) && doc_kind_line(l, 60))
		return u;
	if (title_broken_phrase(&ls->v[t], l))
		return u;
	if (!title_shaped(l) || is_dash_line(l) || is_paren_date(l) ||
	    paren_note(l) || utf8_count(l->s, l->len) > 40 ||
	    utf8_count(ls->v[t].s, ls->v[t].len) > 40 ||
	    article_chrome_line(l->s, l->len) || byline_shaped(l) ||
	    article_meta_line(l->s, l->len, &m)) {
		article_meta_free(&m);
		return -1;
	}
	/* The issuing body, then the matter and the kind of document. */
	if (organisation_line(&ls->v[t]) && doc_kind_line(l, 30))
		return u;
	if ((w = step(ls, u, 1)) < 0)
		return -1;
	/*
	 * What heads an article under its title: a subtitle, a date, a
	 * metadata line, or the unit that wrote it on a line of its own
	 * (经验交流材料, 典型材料: "清河县青山镇党委").
	 */
	head = is_dash_line(&ls->v[w]) || is_paren_date(&ls->v[w]) ||
	    article_meta_line(ls->v[w].s, ls->v[w].len, &m) ||
	    organisation_line(&ls->v[w]);
	article_meta_free(&m);
	return head ? u : -1;
}

/*
 * Sets the title from line t (and the line after it when the title takes
 * two), splitting off a "——" subtitle printed on the same line
 * ("主题——副题", as headlines often are).  Returns the title's last line.
 */
static long
take_title(struct lines *ls, long t, struct doc *doc, struct diag *diag)
{
	struct buf	 b = BUF_INIT;
	long		 u = title_second_line(ls, t);

	buf_put(&b, ls->v[t].s, ls->v[t].len);
	ls->v[t].drop = 1;
	if (u >= 0) {
		/*
		 * The body and its matter are one phrase, as is a phrase
		 * broken in two; two clauses are two.
		 */
		if (!(organisation_line(&ls->v[t]) &&
		    (starts_with(&ls->v[u], "关于") ||
		    doc_kind_line(&ls->v[u], 30))) &&
		    !title_broken_phrase(&ls->v[t], &ls->v[u]) &&
		    !title_open_quote(&ls->v[t], &ls->v[u]))
			buf_putc(&b, ' ');
		buf_put(&b, ls->v[u].s, ls->v[u].len);
		ls->v[u].drop = 1;
		diag_note(diag, "line %u: the title goes on (two short lines, "
		    "then the head)", ls->v[u].no);
	}
	doc_set_meta(doc, META_TITLE, b.ptr);
	buf_free(&b);
	/* 主题——副题: the dash splits a headline from its subtitle. */
	if (article_split_title(doc))
		diag_note(diag, "line %u: the title's \"——\" part is its "
		    "subtitle", ls->v[t].no);
	return u >= 0 ? u : t;
}

/*
 * A press release's banner: the issuing body and the kind of page
 * ("交通部觀光署　新聞稿", "新闻发布"), short.
 */
static int
release_banner(const struct line *l)
{
	static const char *const kinds[] = {
		"新闻稿", "新聞稿", "新闻发布", "新聞發布", "新闻公报", "新聞公報",
		"新闻通稿", "新聞通稿",
	};
	size_t	 i;

	if (utf8_count(l->s, l->len) > 24)
		return 0;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (ends_with(l, kinds[i]))
			return 1;
	return 0;
}

/*
 * Finds title, subtitle, metadata and top chrome; marks those lines
 * dropped.  Returns the index of the first line the body may use (lines
 * before it are all dropped).
 */
static size_t
read_head(struct lines *ls, struct doc *doc, struct diag *diag)
{
	struct article_meta	 meta = { 0 };
	long			 i, first = -1, last = -1, t, k, from, keep;
	long			 byline = -1, two = -1, masthead = -1;
	int			 seen = 0;
	char			*d;

	from = read_fields(ls, 0, doc, diag);
	if (from > 0 && doc->meta[META_TITLE] != NULL)
		return (size_t)from;
	for (i = step(ls, from - 1, 1); i >= 0 && seen < HEAD_LINES;
	    i = step(ls, i, 1), seen++) {
		struct line *l = &ls->v[i];

		if (utf8_count(l->s, l->len) > HEAD_LONG_LINE)
			break;
		if (article_meta_line(l->s, l->len, &meta)) {
			if (first < 0)
				first = i;
			last = i;
			l->drop = 1;
		} else if (first >= 0 && head_toolbar(l)) {
			last = i;
			l->drop = 1;
		} else if (first >= 0)
			break;
	}
	/*
	 * A press release's banner over its metadata, the headline under
	 * them ("交通部觀光署　新聞稿", "發布日期：…", then the headline): the
	 * banner is the site's, the title is below.
	 */
	if (first >= 0 && (t = step(ls, first, -1)) >= from &&
	    release_banner(&ls->v[t]) && (k = step(ls, last, 1)) >= 0 &&
	    title_shaped(&ls->v[k]) && step(ls, k, 1) >= 0) {
		drop_chrome(ls, from, first, diag);
		set_line_meta(doc, META_TITLE, &ls->v[k]);
		ls->v[k].drop = 1;
		diag_note(diag, "line %u: title (under the metadata, a press "
		    "release's banner above them)", ls->v[k].no);
		article_meta_apply(&meta, doc);
		article_meta_free(&meta);
		take_subtitles(ls, k, doc, diag);
		return (size_t)k + 1;
	}
	if (first >= 0) {
		/* The title is the line above the block, past subtitles. */
		t = step(ls, first, -1);
		while (t >= 0 && (is_dash_line(&ls->v[t]) ||
		    is_paren_date(&ls->v[t])))
			t = step(ls, t, -1);
		/*
		 * The issuing body or the speaker printed between the title
		 * and the date (GB/T 9704 puts 发文机关署名 and 成文日期
		 * together): the title is above it.
		 */
		if (t >= 0 && byline_shaped(&ls->v[t])) {
			/* Past the subtitle over the speaker (——…会议上). */
			k = step(ls, t, -1);
			while (k >= from && k >= 0 &&
			    (is_dash_line(&ls->v[k]) ||
			    is_paren_date(&ls->v[k])))
				k = step(ls, k, -1);
			if (k >= from && k >= 0 && title_shaped(&ls->v[k]) &&
			    !byline_shaped(&ls->v[k])) {
				byline = t;
				t = k;
			}
		}
		/*
		 * Site chrome is short link text; a line that ends a
		 * sentence is article text, so this is no page head (the
		 * date and the issuing body under a notice's last line).
		 */
		for (k = t - 1; t >= 0 && k >= from; k--)
			if (article_text_line(ls->v[k].s, ls->v[k].len))
				break;
		if (t < from || k >= from || !title_shaped(&ls->v[t])) {
			/* Not a page head after all: keep every line. */
			for (i = first; i <= last; i++)
				ls->v[i].drop = 0;
			article_meta_free(&meta);
			diag_note(diag, "line %u looks like metadata but has "
			    "no title above it; kept as text",
			    ls->v[first].no);
			first = -1;
		} else {
			/*
			 * A title over two lines opening the file, its second
			 * line right above the metadata (GB/T 9704 §7.2).
			 */
			k = step(ls, t, -1);
			if (k >= 0 && k >= from && step(ls, k, -1) < from &&
			    title_shaped(&ls->v[k]) && !byline_shaped(&ls->v[k]) &&
			    !article_chrome_line(ls->v[k].s, ls->v[k].len) &&
			    !chrome_separators(&ls->v[k]) &&
			    utf8_count(ls->v[k].s, ls->v[k].len) <= 40 &&
			    utf8_count(ls->v[t].s, ls->v[t].len) <= 40) {
				two = k;
				diag_note(diag, "line %u: the title goes on in "
				    "line %u (two short lines, then the head)",
				    ls->v[k].no, ls->v[t].no);
			}
			drop_chrome(ls, from, two >= 0 ? two : t, diag);
			if (two >= 0) {
				struct buf b = BUF_INIT;

				buf_put(&b, ls->v[two].s, ls->v[two].len);
				buf_putc(&b, ' ');
				buf_put(&b, ls->v[t].s, ls->v[t].len);
				doc_set_meta(doc, META_TITLE, b.ptr);
				buf_free(&b);
				ls->v[two].drop = 1;
			} else
				set_line_meta(doc, META_TITLE, &ls->v[t]);
			ls->v[t].drop = 1;
			if (byline >= 0) {
				set_line_meta(doc, META_AUTHOR, &ls->v[byline]);
				ls->v[byline].drop = 1;
				diag_note(diag, "line %u: byline under the title "
				    "(an issuing body or a speaker): the "
				    "author", ls->v[byline].no);
			}
			diag_note(diag, "line %u: title (the line above the "
			    "metadata line %u)", ls->v[t].no, ls->v[first].no);
			article_meta_apply(&meta, doc);
			article_meta_free(&meta);
			take_subtitles(ls, t, doc, diag);
			diag_note(diag, "line %u: metadata line%s", ls->v[first].no,
			    last > first ? "s" : "");
			return (size_t)last + 1;
		}
	}
	/*
	 * No metadata: skip toolbar chrome, and captions and datelines
	 * (kept as text), then take a title-shaped line.  A site's banner
	 * stands above its toolbar ("香港特別行政區政府　新聞公報" over
	 * "English | 列印此頁"): the title is sought below the last toolbar
	 * line among the short lines that open the page.
	 */
	keep = -1;
	for (k = -1, t = step(ls, from - 1, 1), i = 0; t >= 0 && i < 8;
	    t = step(ls, t, 1), i++) {
		if (article_text_line(ls->v[t].s, ls->v[t].len))
			break;
		if (article_chrome_line(ls->v[t].s, ls->v[t].len))
			k = t;
	}
	/*
	 * Not when a line above the toolbar carries a date: that is the
	 * article's head (a post's title and account line over 点击蓝字).
	 */
	for (t = from; k >= 0 && t < k; t++)
		if ((d = article_find_date(ls->v[t].s, ls->v[t].len, NULL,
		    NULL)) != NULL) {
			free(d);
			k = -1;
		}
	if (k >= 0 && step(ls, k, -1) >= from && step(ls, k, -1) >= 0) {
		/* An e-paper's page head in the banner still dates it. */
		for (t = from; t < k && doc->meta[META_DATE] == NULL; t++)
			if ((d = epaper_page_date(&ls->v[t])) != NULL) {
				doc_set_meta(doc, META_DATE, d);
				free(d);
			}
		from = k + 1;
		diag_note(diag, "line %u: toolbar; the lines above it are the "
		    "site's banner", ls->v[k].no);
	}
	for (t = step(ls, from - 1, 1); t >= 0; t = step(ls, t, 1)) {
		if (article_chrome_line(ls->v[t].s, ls->v[t].len) ||
		    article_breadcrumb(ls->v[t].s, ls->v[t].len) ||
		    article_path_line(ls->v[t].s, ls->v[t].len))
			continue;
		/*
		 * A newspaper's page head, copied from its e-paper: the
		 * paper, the date, the page (澜州工人报　2024年05月01日　星期三
		 * 第03版：劳动者之歌).  Its date is the article's.
		 */
		if (keep < 0 && (d = epaper_page_date(&ls->v[t])) != NULL) {
			if (doc->meta[META_DATE] == NULL)
				doc_set_meta(doc, META_DATE, d);
			free(d);
			ls->v[t].drop = 1;
			diag_note(diag, "line %u: a newspaper's page head (its "
			    "date into the metadata)", ls->v[t].no);
			continue;
		}
		/*
		 * Metadata printed above the title (發布日期：…, 發布單位：…,
		 * as government press releases set their head), before any
		 * text: the metadata, and the title under it.
		 */
		if (keep < 0 && article_meta_line(ls->v[t].s, ls->v[t].len,
		    &meta) && (k = step(ls, t, 1)) >= 0 &&
		    (title_shaped(&ls->v[k]) || article_meta_line(ls->v[k].s,
		    ls->v[k].len, &meta))) {
			ls->v[t].drop = 1;
			diag_note(diag, "line %u: metadata line above the "
			    "title", ls->v[t].no);
			continue;
		}
		if (official_head_line(ls, t)) {
			if (keep < 0)
				keep = t;
			if (masthead < 0 && masthead_line(&ls->v[t]))
				masthead = t;
			diag_note(diag, "line %u: the head of an official "
			    "document (发文机关标志, 发文字号), not the title; "
			    "kept as text", ls->v[t].no);
			continue;
		}
		if (!caption_or_dateline(&ls->v[t]))
			break;
		if (keep < 0)
			keep = t;
		diag_note(diag, "line %u: a caption or dateline, not the "
		    "title; kept as text", ls->v[t].no);
	}
	/*
	 * A 纪要 with no title of its own under its masthead and issue
	 * line (县政府常务会议纪要 / 〔2026〕第3期, then the text): the
	 * masthead names it.
	 */
	if (masthead >= 0 && (t < 0 || !title_shaped(&ls->v[t]) ||
	    ends_full_sentence(&ls->v[t]))) {
		diag_note(diag, "line %u: the masthead has no title under it: "
		    "it is the title", ls->v[masthead].no);
		t = masthead;
	}
	if (t < 0 || !title_shaped(&ls->v[t]) || step(ls, t, 1) < 0)
		return (size_t)from;
	drop_chrome(ls, from, keep >= 0 ? keep : t, diag);
	i = take_title(ls, t, doc, diag);
	diag_note(diag, "line %u: title (first line, no metadata line found)",
	    ls->v[t].no);
	i = take_subtitles(ls, i, doc, diag);
	/* Metadata lines right under the title and subtitle, and the toolbar. */
	for (k = step(ls, i, 1); k >= 0; k = step(ls, k, 1)) {
		if (head_toolbar(&ls->v[k])) {
			ls->v[k].drop = 1;
			diag_note(diag, "line %u: the page's toolbar under the "
			    "title left out", ls->v[k].no);
			i = k;
			continue;
		}
		/*
		 * A public account's line under a post's title ("原创 云岫文旅
		 * 2024-04-28 17:30"): the date is the post's.
		 */
		if (starts_with(&ls->v[k], "原创") &&
		    utf8_count(ls->v[k].s, ls->v[k].len) <= 40 &&
		    (d = article_find_date(ls->v[k].s, ls->v[k].len, NULL,
		    NULL)) != NULL) {
			if (meta.date == NULL)
				meta.date = d;
			else
				free(d);
			ls->v[k].drop = 1;
			diag_note(diag, "line %u: a public account's line under "
			    "the title (its date into the metadata)",
			    ls->v[k].no);
			i = k;
			continue;
		}
		if (!article_meta_line(ls->v[k].s, ls->v[k].len, &meta))
			break;
		ls->v[k].drop = 1;
		diag_note(diag, "line %u: metadata line", ls->v[k].no);
		i = k;
	}
	article_meta_apply(&meta, doc);
	article_meta_free(&meta);
	return keep >= 0 ? (size_t)keep : (size_t)i + 1;
}

/* Marks the page footer dropped: from a footer line in the last part. */
static void
read_footer(struct lines *ls, size_t body_start, struct diag *diag)
{
	size_t	 i, nonblank = 0, seen = 0, from, bytes = 0, before = 0;

	for (i = body_start; i < ls->n; i++)
		if (!is_blank(&ls->v[i])) {
			nonblank++;
			bytes += ls->v[i].len;
		}
	/*
	 * Only the last 40 % of the body's text (and always its last 3
	 * lines).  Counted in text, not lines: under a short article a
	 * site's footer may be more lines than the article.
	 */
	for (i = body_start; i < ls->n; i++) {
		if (is_blank(&ls->v[i]))
			continue;
		seen++;
		before += ls->v[i].len;
		if ((before - ls->v[i].len) * 10 < bytes * 6 &&
		    nonblank - seen >= 3)
			continue;
		if (seen == 1)
			continue;	/* never the whole body */
		if (!article_footer_line(ls->v[i].s, ls->v[i].len))
			continue;
		for (from = i; i < ls->n; i++)
			if (!is_blank(&ls->v[i]) && !ls->v[i].drop) {
				ls->v[i].drop = 1;
				diag_note(diag, "line %u: page footer%s",
				    ls->v[i].no, i == from ? " starts" : "");
			}
		return;
	}
}

/*
 * A page number printed in the text (GB/T 9704 §7.5: an official
 * document numbers its pages "— 1 —", an Arabic numeral between two
 * dashes; PDF copies keep it as a line of its own).  The whole line is a
 * dash (— – - － ─), 1-4 digits and the same dash, spaces allowed.
 */
static int
page_number_line(const struct line *l)
{
	size_t		 pos = 0, digits = 0, q;
	uint32_t	 open, cp = 0;

	if (l->len == 0)
		return 0;
	open = utf8_next(l->s, l->len, &pos);
	if (open != 0x2014 && open != 0x2013 && open != '-' &&
	    open != 0xFF0D && open != 0x2500)
		return 0;
	while (pos < l->len) {
		q = pos;
		cp = utf8_next(l->s, l->len, &q);
		if (cp >= '0' && cp <= '9')
			digits++;
		else if (!(uc_is_space(cp) || cp == 0x3000))
			break;
		pos = q;
	}
	if (digits == 0 || digits > 4 || pos >= l->len)
		return 0;
	pos = utf8_skip_space(l->s, l->len, pos);
	if (utf8_next(l->s, l->len, &pos) != open)
		return 0;
	return utf8_skip_space(l->s, l->len, pos) == l->len;
}

/*
 * Drops the page numbers printed between the lines (page_number_line()):
 * a printing artefact, not text.  They are marked PAGE_BREAK so that
 * read_body() can join a paragraph the page broke.
 */
static void
drop_page_numbers(struct lines *ls, size_t from, struct diag *diag)
{
	size_t	 i;

	for (i = from; i < ls->n; i++)
		if (!ls->v[i].drop && page_number_line(&ls->v[i])) {
			ls->v[i].drop = PAGE_BREAK;
			diag_note(diag, "line %u: a page number, left out: "
			    "%.*s", ls->v[i].no, (int)ls->v[i].len,
			    ls->v[i].s);
		}
}

/*
 * Does l open with a number that labels it ("4) …", "3. …", "（2）…",
 * "1、…")?  That number is a heading's or an item's, and sections repeat
 * their subheads ("4) 已实施与建议方案" in each part): no page number.
 */
static int
numbered_label(const struct line *l)
{
	size_t		 pos = 0, digits = 0;
	uint32_t	 cp = 0;

	if (pos < l->len && (cp = utf8_next(l->s, l->len, &pos)) != 0xFF08 &&
	    cp != '(')
		pos = 0;
	while (pos < l->len) {
		size_t q = pos;

		cp = utf8_next(l->s, l->len, &q);
		if (uc_digit(cp) < 0)
			break;
		digits++;
		pos = q;
	}
	return digits > 0 && digits <= 2 && (cp == ')' || cp == 0xFF09 ||
	    cp == '.' || cp == 0xFF0E || cp == 0x3001);
}

/*
 * The line without its ASCII digits into out, if it may be a running
 * head: four Han characters or more, no sentence punctuation (。，；！？),
 * not opening with a numbered label.
 */
static int
running_key(const struct line *l, struct buf *out)
{
	size_t		 pos = 0, q, han = 0;
	uint32_t	 cp;

	buf_truncate(out, 0);
	if (numbered_label(l))
		return 0;
	while (pos < l->len) {
		q = pos;
		cp = utf8_next(l->s, l->len, &q);
		if (cp == 0x3002 || cp == 0xFF0C || cp == 0xFF1B ||
		    cp == 0xFF01 || cp == 0xFF1F)
			return 0;
		han += uc_is_han(cp);
		if (!(cp >= '0' && cp <= '9'))
			buf_put(out, l->s + pos, q - pos);
		pos = q;
	}
	return han >= 4;
}

/*
 * Do lines a and b (the same but for their numbers) differ in one number
 * only, and is it no part of a date (a page number: "·46·" and "·47·";
 * a diary's "2月17日 星期一" and "3月3日 星期一" are entries, not pages)?
 */
static int
one_page_number(const struct line *a, const struct line *b)
{
	size_t		 pa = 0, pb = 0, sa, sb, diff = 0;
	uint32_t	 ca, cb, after;

	for (;;) {
		while (pa < a->len && !(a->s[pa] >= '0' && a->s[pa] <= '9'))
			pa++;
		while (pb < b->len && !(b->s[pb] >= '0' && b->s[pb] <= '9'))
			pb++;
		if (pa >= a->len || pb >= b->len)
			return pa >= a->len && pb >= b->len && diff == 1;
		for (sa = pa; pa < a->len && a->s[pa] >= '0' &&
		    a->s[pa] <= '9'; pa++)
			;
		for (sb = pb; pb < b->len && b->s[pb] >= '0' &&
		    b->s[pb] <= '9'; pb++)
			;
		if (pa - sa == pb - sb && memcmp(a->s + sa, b->s + sb,
		    pa - sa) == 0)
			continue;
		diff++;
		ca = pa < a->len ? (sa = pa, utf8_next(a->s, a->len, &sa)) : 0;
		cb = pb < b->len ? (sb = pb, utf8_next(b->s, b->len, &sb)) : 0;
		after = ca != 0 ? ca : cb;
		if (after == 0x5E74 || after == 0x6708 || after == 0x65E5 ||
		    after == 0x53F7 || after == 0x65F6 || after == 0x5206)
			return 0;	/* 年月日号时分 */
	}
}

/*
 * Drops the running heads of a paginated text (a journal's "·46·　农业经
 * 济与管理　2025年第3期" on every page, PDF copies keep it among the
 * lines): a line printed twice or more, the same but for its numbers,
 * and the numbers differ (the page number changes); or the same line
 * twice or more, each time beside a page number.  Like a page number
 * it is a printing artefact, marked PAGE_BREAK.
 */
static int
same_line(const struct line *a, const struct line *b)
{
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

/*
 * Is line i next to a page break: the nearest text line above or below it
 * (blank lines between) a page number already left out?  A running head
 * without a number of its own ("桃源人大·调研与建议　2024年第3期" above a
 * separate "- 2 -") is recognised by standing there on every page.
 */
static int
at_page_break(const struct lines *ls, size_t i)
{
	size_t	 k;

	for (k = i; k-- > 0;) {
		if (ls->v[k].drop == PAGE_BREAK)
			return 1;
		if (!is_blank(&ls->v[k]))
			break;
	}
	for (k = i + 1; k < ls->n; k++) {
		if (ls->v[k].drop == PAGE_BREAK)
			return 1;
		if (!is_blank(&ls->v[k]))
			break;
	}
	return 0;
}

/* A line's running-head key (running_key()) in a shared buffer. */
struct head_key {
	size_t		 off, len;	/* in the keys' buffer */
	size_t		 line;		/* index in the lines */
	const char	*base;		/* the buffer, for sorting */
};

static int
cmp_head_key(const void *pa, const void *pb)
{
	const struct head_key *a = pa, *b = pb;
	int		 c;

	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	if ((c = memcmp(a->base + a->off, b->base + b->off, a->len)) != 0)
		return c;
	return a->line < b->line ? -1 : a->line > b->line;
}

static int
same_key(const struct head_key *a, const struct head_key *b)
{
	return a->len == b->len && memcmp(a->base + a->off, b->base + b->off,
	    a->len) == 0;
}

/*
 * Is line i one of a list, its key's next line within three lines of
 * text (blank lines not counted)?  A page holds more than that: lines the
 * same but for a number standing together ("关于第1项…" / "关于第2项…")
 * are a list, never running heads.
 */
static int
crowded_head(const struct lines *ls, const struct head_key *v, size_t at,
    size_t nv)
{
	size_t	 k, gap, x;

	for (k = at + 1; k < nv && same_key(&v[k], &v[at]); k++) {
		for (gap = 0, x = v[at].line + 1; x < v[k].line; x++)
			gap += !is_blank(&ls->v[x]);
		return gap < 3;
	}
	for (k = at; k-- > 0 && same_key(&v[k], &v[at]);) {
		for (gap = 0, x = v[k].line + 1; x < v[at].line; x++)
			gap += !is_blank(&ls->v[x]);
		return gap < 3;
	}
	return 0;
}

/*
 * Drops the running heads of a paginated text (see above).  Each line's
 * key is taken once and the keys sorted, so a line is compared only with
 * the nearest lines of the same key (32 on each side): a long text costs
 * no more than its lines.
 */
static void
drop_running_heads(struct lines *ls, size_t from, struct diag *diag)
{
	struct buf	 keys = BUF_INIT, one = BUF_INIT;
	struct head_key	*v;
	size_t		*pos, i, k, m, nv = 0, n = ls->n > from ? ls->n - from : 0;
	int		 twin;

	if (n == 0)
		return;
	v = xcalloc(n, sizeof(*v));
	pos = xcalloc(n, sizeof(*pos));
	for (i = from; i < ls->n; i++) {
		pos[i - from] = SIZE_MAX;
		/* A line left out for another reason is no head's twin. */
		if ((ls->v[i].drop && ls->v[i].drop != PAGE_BREAK) ||
		    !running_key(&ls->v[i], &one))
			continue;
		v[nv].off = keys.len;
		v[nv].len = one.len;
		v[nv].line = i;
		buf_put(&keys, one.ptr, one.len);
		nv++;
	}
	for (k = 0; k < nv; k++)
		v[k].base = keys.ptr;
	qsort(v, nv, sizeof(*v), cmp_head_key);
	for (k = 0; k < nv; k++)
		pos[v[k].line - from] = k;
	/*
	 * Twice round: a head without a number is known by the page break
	 * beside it, which may be a numbered head found later in the first
	 * round ("第 2 页 共 3 页").
	 */
	for (k = 0; k < 2 * n; k++) {
		i = from + k % n;
		if (ls->v[i].drop || pos[i - from] == SIZE_MAX ||
		    crowded_head(ls, v, pos[i - from], nv))
			continue;
		twin = 0;
		for (m = 1; m <= 32 && !twin; m++) {
			size_t at = pos[i - from];
			const struct head_key *c[2] = {
				at + m < nv ? &v[at + m] : NULL,
				at >= m ? &v[at - m] : NULL
			};
			int side;

			for (side = 0; side < 2 && !twin; side++) {
				size_t j;

				if (c[side] == NULL || !same_key(c[side],
				    &v[at]))
					continue;
				j = c[side]->line;
				twin = one_page_number(&ls->v[i], &ls->v[j]) ||
				    (same_line(&ls->v[i], &ls->v[j]) &&
				    at_page_break(ls, i) &&
				    at_page_break(ls, j));
			}
		}
		if (!twin)
			continue;
		ls->v[i].drop = PAGE_BREAK;
		diag_note(diag, "line %u: a running head (printed again on "
		    "another page), left out: %.*s", ls->v[i].no,
		    (int)ls->v[i].len, ls->v[i].s);
	}
	free(v);
	free(pos);
	buf_free(&keys);
	buf_free(&one);
}

/* "[12]…" or "［12］…": an entry of a list of references. */
static int
reference_entry(const struct line *l)
{
	size_t		 pos = 0, digits = 0;
	uint32_t	 open, cp = 0;

	if (l->len == 0)
		return 0;
	open = utf8_next(l->s, l->len, &pos);
	if (open != '[' && open != 0xFF3B)
		return 0;
	while (pos < l->len && (cp = utf8_next(l->s, l->len, &pos)) >= '0' &&
	    cp <= '9')
		digits++;
	return digits >= 1 && digits <= 3 && (cp == ']' || cp == 0xFF3D);
}

/* Does the text end a sentence (。！？… or a closing quote after one)? */
static int
buf_ends_sentence(const struct buf *b)
{
	size_t	 pos = b->len;
	uint32_t c;

	if (b->len == 0)
		return 1;
	c = utf8_prev(b->ptr, &pos);
	return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0x2026 ||
	    c == 0x201D || c == 0x300D || c == 0xFF1A || c == '.' ||
	    c == '!' || c == '?' || c == ':';
}

/*
 * From line i (blank or dropped), the index of the next text line when
 * only blank lines and page numbers stand between, at least one page
 * number; or 0.  A paragraph the page broke goes on there.
 */
static size_t
past_page_break(const struct lines *ls, size_t i)
{
	int	 page = 0;

	for (; i < ls->n; i++) {
		if (ls->v[i].drop == PAGE_BREAK)
			page = 1;
		else if (!is_blank(&ls->v[i]))
			return page && !ls->v[i].drop ? i : 0;
	}
	return 0;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t	 x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Does the line end a sentence (。！？…” and their ASCII forms)? */
static int
line_ends_sentence(const struct line *l)
{
	uint32_t c = last_char(l);

	return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0x2026 ||
	    c == 0x201D || c == 0x300D || c == 0xFF1A || c == 0xFF09 ||
	    c == '.' || c == '!' || c == '?' || c == ':' || c == ')';
}

/*
 * An entry of a table of contents: text, a leader of dots (……, ····,
 * ....) and a page number at the end ("一、发展基础……………1").  Such lines
 * are all about as wide, which is no sign of hard wrapping, and each is
 * a line of its own.
 */
static int
toc_entry(const struct line *l)
{
	size_t		 pos = l->len, digits = 0, dots = 0, p;
	uint32_t	 cp;

	while (pos > 0) {
		p = pos;
		cp = utf8_prev(l->s, &p);
		if (!((cp >= '0' && cp <= '9') || (cp >= 0xFF10 &&
		    cp <= 0xFF19)))
			break;
		digits++;
		pos = p;
	}
	if (digits == 0 || digits > 4)
		return 0;
	while (pos > 0) {
		p = pos;
		cp = utf8_prev(l->s, &p);
		if (cp == ' ' || cp == 0x3000 || cp == '\t')
			;
		else if (cp == 0x2026 || cp == 0x22EF)	/* … ⋯ */
			dots += 3;
		else if (cp == '.' || cp == 0xFF0E || cp == 0xB7 ||
		    cp == 0x30FB)			/* . ． · ・ */
			dots++;
		else
			break;
		pos = p;
	}
	return dots >= 4 && pos > 0;
}

/*
 * Hard-wrapped text (lines cut at a fixed width, as old archives and
 * e-mail keep it): most lines that run on into the next are about as
 * wide as the widest, most of them stop mid-sentence, and hardly any
 * line is wider.  Returns that
 * width in columns, or 0 if lines are paragraphs.  The width is taken
 * near the top of the range (the 80th percentile) with 4 characters of
 * slack below, because line-breaking rules push punctuation to the next
 * line or pull it back.
 */
static size_t
wrap_width(const struct lines *ls, size_t from)
{
	size_t	 i, inner = 0, near = 0, near_open = 0, open = 0, w, *widths;
	size_t	 lines, wide;

	widths = xcalloc(ls->n + 1, sizeof(*widths));
	for (i = from; i + 1 < ls->n; i++) {
		if (is_blank(&ls->v[i]) || is_blank(&ls->v[i + 1]) ||
		    ls->v[i].drop || ls->v[i + 1].drop || ls->v[i + 1].indent ||
		    toc_entry(&ls->v[i]) || toc_entry(&ls->v[i + 1]))
			continue;
		widths[inner++] = ls->v[i].width;
		open += !line_ends_sentence(&ls->v[i]);
	}
	w = 0;
	if (inner >= 3) {
		qsort(widths, inner, sizeof(*widths), cmp_size);
		w = widths[inner * 8 / 10];
	}
	for (i = from, inner = 0; w > 0 && i + 1 < ls->n; i++) {
		if (is_blank(&ls->v[i]) || is_blank(&ls->v[i + 1]) ||
		    ls->v[i].drop || ls->v[i + 1].drop || ls->v[i + 1].indent ||
		    toc_entry(&ls->v[i]) || toc_entry(&ls->v[i + 1]))
			continue;
		inner++;
		if (ls->v[i].width + 8 >= w && ls->v[i].width <= w + 4) {
			near++;
			near_open += !line_ends_sentence(&ls->v[i]);
		}
	}
	free(widths);
	if (w < 30 || w > 200 || open * 2 < inner)
		return 0;
	/*
	 * Wrapped at a width, no line is much wider: a file whose lines
	 * of text often run past it keeps paragraphs on lines, and the
	 * few lines near the width are a list or a digest.
	 */
	for (i = from, lines = 0, wide = 0; i < ls->n; i++)
		if (!is_blank(&ls->v[i]) && !ls->v[i].drop) {
			lines++;
			wide += ls->v[i].width > w + 8;
		}
	if (wide * 10 > lines)
		return 0;
	/*
	 * Text pasted from a PDF has no blank line between paragraphs, so
	 * headings and the short last lines of paragraphs stand among the
	 * full ones: fewer lines are near the width, but those that are
	 * (eight or more, two in five) almost all stop mid-sentence.
	 */
	if (near * 10 < inner * 6 && !(near >= 8 && near * 10 >= inner * 4 &&
	    near_open * 10 >= near * 8))
		return 0;
	return w;
}

/* Do paragraphs of the wrapped text start with an indented line? */
static int
indented_paragraphs(const struct lines *ls, size_t from)
{
	size_t	 i, starts = 0, indented = 0;

	for (i = from + 1; i < ls->n; i++)
		if (!is_blank(&ls->v[i]) && !is_blank(&ls->v[i - 1])) {
			starts += line_ends_sentence(&ls->v[i - 1]);
			indented += ls->v[i].indent;
		}
	return indented >= 2 && indented * 4 >= starts;
}

/* Appends line text to a paragraph being joined from wrapped lines. */
static void
join_line(struct buf *b, const struct line *l)
{
	size_t	 pos = b->len;
	uint32_t before, after;

	if (b->len > 0) {
		before = utf8_prev(b->ptr, &pos);
		pos = 0;
		after = utf8_next(l->s, l->len, &pos);
		/*
		 * Western words need their space back; Chinese does not, nor
		 * a number the wrap cut in two ("2" / "000户", "9" / "8%").
		 */
		if (!uc_is_cjk(before) && !uc_is_cjk(after) &&
		    before < 0x2000 && after < 0x2000 &&
		    !(before >= '0' && before <= '9' &&
		    ((after >= '0' && after <= '9') || after == '%')))
			buf_putc(b, ' ');
	}
	buf_put(b, l->s, l->len);
}

static void
add_paragraph(struct doc *doc, const struct buf *text, unsigned int no,
    const char *rule)
{
	struct node	*p;

	if (text->len == 0)
		return;
	p = node_new(NODE_PARAGRAPH);
	p->line = no;
	p->rule = rule;
	node_append_text(p, text->ptr, text->len);
	if (node_append(doc->root, p) != 0)
		recover_raise(RECOVER_BUG);
}

/*
 * A column set off by a margin (a wire copy's text under a label,
 * "    (4)内容:     新华社…" over lines indented 13 spaces, paragraphs
 * 17): when most lines start at one margin past the left edge, that is
 * the edge, and only a line indented past it is indented.
 */
static void
hanging_margin(struct lines *ls, size_t from, struct diag *diag)
{
	size_t	 i, j, lines = 0, best = 0, best_n = 0, n;

	for (i = from; i < ls->n; i++)
		lines += !is_blank(&ls->v[i]) && !ls->v[i].drop;
	for (i = from; i < ls->n; i++) {
		if (is_blank(&ls->v[i]) || ls->v[i].drop ||
		    ls->v[i].margin == 0 || ls->v[i].margin == best)
			continue;
		for (j = i, n = 0; j < ls->n; j++)
			n += !is_blank(&ls->v[j]) && !ls->v[j].drop &&
			    ls->v[j].margin == ls->v[i].margin;
		if (n > best_n) {
			best = ls->v[i].margin;
			best_n = n;
		}
		if (best_n * 2 > lines)
			break;
	}
	if (lines < 4 || best_n * 2 <= lines)
		return;
	/*
	 * Hardly any line of text starts left of it (a title, a label): in
	 * a text whose paragraphs start indented over lines at the left
	 * edge, the indent is no margin.
	 */
	for (i = from, n = 0; i < ls->n; i++)
		n += !is_blank(&ls->v[i]) && !ls->v[i].drop &&
		    ls->v[i].margin < best;
	if (n * 10 > lines)
		return;
	for (i = from; i < ls->n; i++)
		ls->v[i].indent = ls->v[i].margin > best;
	diag_note(diag, "text set off by a margin of %zu columns: lines "
	    "indented past it start paragraphs", best);
}

static void
read_body(struct lines *ls, size_t from, struct doc *doc, struct diag *diag)
{
	struct buf	 para = BUF_INIT;
	size_t		 i, next, w;
	unsigned int	 no = 0;
	int		 by_indent, carry = 0;

	hanging_margin(ls, from, diag);
	w = wrap_width(ls, from);
	by_indent = w > 0 && indented_paragraphs(ls, from);

	if (w > 0)
		diag_note(diag, "hard-wrapped text (%zu columns): joining lines "
		    "into paragraphs (a new one at a blank line, %s)", w,
		    by_indent ? "an indented line or a short line" :
		    "or after a short line");
	for (i = from; i < ls->n; i++) {
		struct line *l = &ls->v[i];

		if ((is_blank(l) || l->drop) && para.len > 0 &&
		    !buf_ends_sentence(&para) &&
		    (next = past_page_break(ls, i)) > 0) {
			/* The page broke the paragraph: it goes on. */
			diag_note(diag, "line %u: the paragraph goes on after "
			    "the page number", ls->v[next].no);
			i = next - 1;
			carry = 1;
			continue;
		}
		if (is_blank(l) || l->drop) {
			add_paragraph(doc, &para, no, "text block");
			buf_truncate(&para, 0);
			continue;
		}
		if (w > 0 && toc_entry(l)) {
			add_paragraph(doc, &para, no, "text block");
			buf_truncate(&para, 0);
			buf_put(&para, l->s, l->len);
			add_paragraph(doc, &para, l->no, "table of contents "
			    "entry");
			buf_truncate(&para, 0);
			continue;
		}
		/*
		 * A line well short of the width, without a sentence end,
		 * right after a line that ends one, is a line of its own: a
		 * heading between paragraphs ("二、存在的主要问题").
		 */
		if (w > 0 && para.len > 0 && l->width * 4 < w * 3 &&
		    !line_ends_sentence(l) && i > from &&
		    !is_blank(&ls->v[i - 1]) &&
		    ends_full_sentence(&ls->v[i - 1])) {
			add_paragraph(doc, &para, no, "text block");
			buf_truncate(&para, 0);
		}
		/*
		 * A reference entry ("[2]李强.…") after one that ended
		 * starts its own paragraph: a bibliography is a list.  So
		 * does a numbered line (一．总体要求。) after a sentence's
		 * end, though the line before it reached the width.
		 */
		if (w > 0 && para.len > 0 && (reference_entry(l) ||
		    outline_numbered(l->s, l->len)) &&
		    buf_ends_sentence(&para)) {
			add_paragraph(doc, &para, no, "text block");
			buf_truncate(&para, 0);
		}
		if (!carry && (w == 0 || l->indent || para.len == 0)) {
			add_paragraph(doc, &para, no, "text line");
			buf_truncate(&para, 0);
			no = l->no;
		}
		carry = 0;
		join_line(&para, l);
		/*
		 * A line well short of the width ends its paragraph; so does
		 * a slightly short one that ends a sentence, unless
		 * paragraphs are marked by indentation.
		 */
		if (w > 0 && (l->width * 4 < w * 3 || (!by_indent &&
		    l->width + 8 < w && line_ends_sentence(l)))) {
			add_paragraph(doc, &para, no, "text block");
			buf_truncate(&para, 0);
		}
	}
	add_paragraph(doc, &para, no, "text line");
	buf_free(&para);
}

/*
 * Paragraph marks in private use: some archives keep paragraph breaks as
 * one private-use character (the SogouCS news corpus: GB18030 FD A3,
 * U+E40C, also in its UTF-8 copies), the whole article on one line.  A
 * private-use character that recurs (three times or more) and mostly
 * stands after the end of a sentence or clause (。！？…”）；：) is such a
 * mark: each becomes a
 * paragraph break.  Returns how many.
 */
static size_t
pua_breaks(struct decoded *dec)
{
	const unsigned char *u = (const unsigned char *)dec->text;
	uint32_t	*count, *after_stop, cp, prev = 0, best = 0;
	size_t		 i, pos, n = 0;

	count = xcalloc(0x1900, sizeof(*count));
	after_stop = xcalloc(0x1900, sizeof(*after_stop));
	for (pos = 0; pos < dec->len;) {
		if (u[pos] < 0x80) {
			prev = u[pos++];
			continue;
		}
		cp = utf8_next(dec->text, dec->len, &pos);
		if (cp >= 0xE000 && cp <= 0xF8FF) {
			count[cp - 0xE000]++;
			after_stop[cp - 0xE000] += prev == 0x3002 ||
			    prev == 0xFF01 || prev == 0xFF1F ||
			    prev == 0x201D || prev == 0x300D ||
			    prev == 0x2026 || prev == 0xFF09 ||
			    prev == 0xFF1B || prev == 0xFF1A;	/* ；： */
		}
		prev = cp;
	}
	for (i = 1; i < 0x1900; i++)
		if (count[i] > count[best])
			best = (uint32_t)i;
	if (count[best] >= 3 && after_stop[best] * 2 >= count[best]) {
		char	 enc[4];
		size_t	 k = utf8_encode(best + 0xE000, enc);

		for (i = 0; i + k <= dec->len; i++)
			if (memcmp(dec->text + i, enc, k) == 0) {
				memset(dec->text + i, '\n', k);
				n++;
			}
	}
	free(count);
	free(after_stop);
	return n;
}

static int
text_sniff(const char *data, size_t len)
{
	(void)data;
	(void)len;
	return 10;	/* the fallback for anything */
}

static int
text_read(const char *data, size_t len, const struct read_opts *opts,
    struct doc **out, struct diag *diag)
{
	struct decoded	 dec;
	struct lines	 ls = { 0 };
	struct doc	*doc = NULL;
	size_t		 i, start, body;
	unsigned int	 no = 1;
	int		 rc = -1;

	*out = NULL;
	memset(&dec, 0, sizeof(dec));
	if (opts->encoding == NULL && enc_looks_binary(data, len)) {
		diag_error(diag, "binary data, not a text article");
		goto out;
	}
	if (enc_decode(data, len, opts->encoding, NULL, &dec, diag) != 0)
		goto out;
	enc_clean(&dec);
	diag_note(diag, "encoding: %s%s", dec.encoding,
	    dec.bom ? " (byte-order mark)" : "");
	enc_warn_repairs(&dec, diag);
	if ((i = pua_breaks(&dec)) > 0)
		diag_note(diag, "%zu private-use paragraph marks (a character "
		    "that recurs after the ends of sentences) read as "
		    "paragraph breaks", i);
	for (i = start = 0; i <= dec.len; i++)
		if (i == dec.len || dec.text[i] == '\n') {
			if (i < dec.len || i > start)
				lines_add(&ls, dec.text + start, i - start, no);
			no++;
			start = i + 1;
		}
	doc = doc_new();
	body = read_head(&ls, doc, diag);
	read_footer(&ls, body, diag);
	drop_page_numbers(&ls, body, diag);
	drop_running_heads(&ls, body, diag);
	read_body(&ls, body, doc, diag);
	/* The language from all the text, the lines left out included. */
	analyze_article(doc, ANALYZE_PLAIN, dec.text, dec.len, &opts->outline,
	    diag);
	rc = analyze_deliver(&doc, out, "no text", diag);
out:
	doc_free(doc);
	free(ls.v);
	enc_free(&dec);
	return rc;
}

const struct reader reader_text = {
	"text",
	"txt text",
	"plain text (UTF-8, GB18030/GBK/GB2312, Big5, UTF-16 with BOM)",
	text_sniff,
	text_read,
};
