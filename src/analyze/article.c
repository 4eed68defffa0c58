#include "article.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "tree/alloc.h"
#include "tree/buf.h"
#include "tree/diag.h"
#include "tree/utf8.h"

enum field {
	F_DATE,
	F_AUTHOR,
	F_PUBLISHER,
	F_SOURCE,
	F_VIEWS,
	F_IGNORE	/* 评论 (comment count), 编辑, 字号: site furniture */
};

/* Longer labels first, so 发布时间 wins over 时间 and 浏览次数 over 浏览. */
static const struct {
	const char	*label;
	enum field	 field;
} labels[] = {
	{ "发布时间", F_DATE }, { "发布日期", F_DATE }, { "更新时间", F_DATE },
	/* Traditional forms, as Taiwan's and Hong Kong's sites label them. */
	{ "發布時間", F_DATE }, { "發布日期", F_DATE }, { "發佈日期", F_DATE },
	{ "更新時間", F_DATE }, { "發布單位", F_PUBLISHER },
	{ "發布機關", F_PUBLISHER }, { "瀏覽次數", F_VIEWS },
	{ "點閱次數", F_VIEWS }, { "編輯", F_IGNORE },
	{ "发表时间", F_DATE }, { "发表日期", F_DATE }, { "浏览次数", F_VIEWS },
	/* A forum's or blog's post line: "楼主 阿牛 发表于 2024-7-15 22:41". */
	{ "发表于", F_DATE }, { "發表於", F_DATE },
	{ "点击次数", F_VIEWS }, { "阅读次数", F_VIEWS }, { "责任编辑", F_IGNORE },
	{ "发布单位", F_PUBLISHER }, { "发布机构", F_PUBLISHER },
	{ "发布者", F_PUBLISHER }, { "发布人", F_PUBLISHER },
	{ "点击数", F_VIEWS }, { "阅读数", F_VIEWS }, { "浏览量", F_VIEWS },
	{ "阅读量", F_VIEWS }, { "作者", F_AUTHOR },
	/* A press release's contact, under its date and issuing unit. */
	{ "新聞聯絡人", F_IGNORE }, { "新闻联络人", F_IGNORE },
	{ "新闻联系人", F_IGNORE }, { "聯絡人", F_IGNORE },
	/* A Hong Kong paper's credits: writer and photographer. */
	{ "撰文", F_AUTHOR }, { "攝影", F_IGNORE }, { "摄影", F_IGNORE },
	{ "来源", F_SOURCE }, { "來源", F_SOURCE }, { "来自", F_SOURCE },
	{ "出处", F_SOURCE }, { "稿源", F_SOURCE }, { "查看", F_VIEWS },
	{ "浏览", F_VIEWS }, { "阅读", F_VIEWS }, { "点击", F_VIEWS },
	{ "评论", F_IGNORE }, { "时间", F_DATE }, { "時間", F_DATE },
	{ "日期", F_DATE }, { "编辑", F_IGNORE }, { "字号", F_IGNORE },
};

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Reads up to max digits at s[*p]; returns the value or -1. */
static int
digits(const char *s, size_t len, size_t *p, int min, int max)
{
	int	 v = 0, n = 0;

	while (*p < len && n < max && is_digit((unsigned char)s[*p])) {
		v = v * 10 + (s[*p] - '0');
		(*p)++;
		n++;
	}
	return n >= min ? v : -1;
}

static int
starts(const char *s, size_t len, size_t p, const char *lit)
{
	size_t	 n = strlen(lit);

	return p + n <= len && memcmp(s + p, lit, n) == 0;
}

static int
ends(const char *s, size_t len, const char *lit)
{
	size_t	 n = strlen(lit);

	return len >= n && memcmp(s + len - n, lit, n) == 0;
}

/*
 * Parses a date at s[p]; on success returns the end and fills y/m/d.
 * Taiwan counts years from 1912 (民國紀年): a year of three digits
 * ("113-05-14", "113年5月14日"), or of two or three after 民國 ("民國99年"),
 * is the 113th year of that era, 2024.  No four-digit year is ever read
 * so, and a count of years ("建校113年") has no month and day after it.
 */
static size_t
date_at(const char *s, size_t len, size_t p, int *y, int *m, int *d)
{
	size_t	 q = p, n;
	int	 cjk, era;
	char	 sep = 0;

	era = (p >= 6 && (memcmp(s + p - 6, "民國", 6) == 0 ||
	    memcmp(s + p - 6, "民国", 6) == 0));
	*y = digits(s, len, &q, 2, 4);
	n = q - p;
	if (n == 3 || (n == 2 && era)) {
		if (*y < 1 || *y > 199)
			return 0;
		*y += 1911;
	} else if (n != 4 || *y < 1900 || *y > 2199)
		return 0;
	if (starts(s, len, q, "年")) {
		cjk = 1;
		q += 3;
	} else if (q < len && (s[q] == '-' || s[q] == '/' || (s[q] == '.' &&
	    (n == 4 || era)))) {
		/* 110.12.5 without 民國 could be an address's digits. */
		cjk = 0;
		sep = s[q++];
	} else
		return 0;
	if ((*m = digits(s, len, &q, 1, 2)) < 1 || *m > 12)
		return 0;
	if (cjk) {
		if (!starts(s, len, q, "月"))
			return 0;
		q += 3;
	} else if (q < len && s[q] == sep)
		q++;
	else
		return 0;
	if ((*d = digits(s, len, &q, 1, 2)) < 1 || *d > 31)
		return 0;
	if (cjk) {
		if (starts(s, len, q, "日"))
			q += 3;
		else if (starts(s, len, q, "号"))
			q += 3;
		else
			return 0;
	} else if (q < len && is_digit((unsigned char)s[q]))
		return 0;
	return q;
}

/* Parses " 14:46" or "14:46:03" at s[p]; returns the end or 0. */
static size_t
time_at(const char *s, size_t len, size_t p, int *h, int *mi, int *sec)
{
	size_t	 q = p;

	while (q < len && s[q] == ' ')
		q++;
	if ((*h = digits(s, len, &q, 1, 2)) < 0 || *h > 23)
		return 0;
	if (q < len && s[q] == ':')
		q++;
	else if (starts(s, len, q, "："))
		q += 3;
	else
		return 0;
	if ((*mi = digits(s, len, &q, 2, 2)) < 0 || *mi > 59)
		return 0;
	*sec = -1;
	if (q + 2 < len && s[q] == ':' && is_digit((unsigned char)s[q + 1])) {
		size_t r = q + 1;

		if ((*sec = digits(s, len, &r, 2, 2)) >= 0 && *sec <= 59)
			q = r;
		else
			*sec = -1;
	}
	return q;
}

/*
 * Parses the day-month-year of e-mail and feed dates (RFC 5322: "30 Jun
 * 2020", after an optional "Tue, ") at s[p]; returns the end or 0.
 */
static size_t
mail_date_at(const char *s, size_t len, size_t p, int *y, int *m, int *d)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	size_t	 q = p, k;

	if ((*d = digits(s, len, &q, 1, 2)) < 1 || *d > 31 || q + 9 > len ||
	    s[q] != ' ')
		return 0;
	q++;
	for (k = 0; k < 12; k++)
		if ((s[q] | 0x20) == months[3 * k] &&
		    (s[q + 1] | 0x20) == months[3 * k + 1] &&
		    (s[q + 2] | 0x20) == months[3 * k + 2])
			break;
	if (k == 12 || s[q + 3] != ' ')
		return 0;
	*m = (int)k + 1;
	q += 4;
	if ((*y = digits(s, len, &q, 4, 4)) < 1900 || *y > 2199 ||
	    (q < len && is_digit((unsigned char)s[q])))
		return 0;
	return q;
}

/*
 * The day of the week news prints after a date ("2026年5月12日 星期二",
 * "（周二）", "週二"): returns the end, or 0.
 */
static size_t
weekday_at(const char *s, size_t len, size_t p)
{
	static const char *const words[] = { "星期", "礼拜", "禮拜", "周", "週" };
	static const char *const days = "一二三四五六日天";
	size_t	 q = utf8_skip_space(s, len, p), i, k;
	int	 paren = 0;

	if (starts(s, len, q, "（") || starts(s, len, q, "(")) {
		q += s[q] == '(' ? 1 : 3;
		paren = 1;
	}
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (starts(s, len, q, words[i]))
			break;
	if (i == sizeof(words) / sizeof(words[0]))
		return 0;
	q += strlen(words[i]);
	for (k = 0; k < strlen(days); k += 3)
		if (q + 3 <= len && memcmp(s + q, days + k, 3) == 0)
			break;
	if (k == strlen(days))
		return 0;
	q += 3;
	if (paren) {
		if (starts(s, len, q, "）") || starts(s, len, q, ")"))
			q += s[q] == ')' ? 1 : 3;
		else
			return 0;
	}
	return q;
}

char *
article_find_date(const char *s, size_t len, size_t *start, size_t *end)
{
	struct buf	 b = BUF_INIT;
	size_t		 p, q, t;
	int		 y, m, d, h, mi, sec;

	/* The shortest is 民國99.1.8: six bytes from the year on. */
	for (p = 0; p + 6 <= len; p++) {
		if (!is_digit((unsigned char)s[p]) ||
		    (p > 0 && is_digit((unsigned char)s[p - 1])))
			continue;
		if ((q = date_at(s, len, p, &y, &m, &d)) == 0 &&
		    (q = mail_date_at(s, len, p, &y, &m, &d)) == 0)
			continue;
		buf_printf(&b, "%04d-%02d-%02d", y, m, d);
		if ((t = weekday_at(s, len, q)) != 0)
			q = t;
		if ((t = time_at(s, len, utf8_skip_space(s, len, q), &h, &mi,
		    &sec)) != 0) {
			buf_printf(&b, " %02d:%02d", h, mi);
			if (sec >= 0)
				buf_printf(&b, ":%02d", sec);
			q = t;
		}
		if (start != NULL)
			*start = p;
		if (end != NULL)
			*end = q;
		return buf_detach(&b, NULL);
	}
	return NULL;
}

/* If a label with a colon starts at s[p], returns its index, else -1. */
static int
label_at(const char *s, size_t len, size_t p, size_t *value)
{
	size_t	 i, n, q;

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
		n = strlen(labels[i].label);
		if (!starts(s, len, p, labels[i].label))
			continue;
		q = p + n;
		while (q < len && s[q] == ' ')
			q++;
		if (q < len && s[q] == ':')
			q++;
		else if (starts(s, len, q, "："))
			q += 3;
		else
			return -1;
		while (q < len && (s[q] == ' ' || starts(s, len, q, "　")))
			q += s[q] == ' ' ? 1 : 3;
		*value = q;
		return (int)i;
	}
	return -1;
}

/* Separators between fields of a metadata line. */
static size_t
separator_at(const char *s, size_t len, size_t p)
{
	if (s[p] == '|')
		return 1;
	if (starts(s, len, p, "｜") || starts(s, len, p, "│") ||
	    starts(s, len, p, "　") || starts(s, len, p, "【") ||
	    starts(s, len, p, "】"))
		return 3;
	if (s[p] == ' ' && p + 1 < len && s[p + 1] == ' ')
		return 2;
	return 0;
}

static void
set_field(struct article_meta *meta, enum field f, const char *s, size_t len)
{
	char	**slot = NULL, *date;

	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len == 0)
		return;
	switch (f) {
	case F_DATE:
		if (meta->date == NULL &&
		    (date = article_find_date(s, len, NULL, NULL)) != NULL)
			meta->date = date;
		return;
	case F_AUTHOR: slot = &meta->author; break;
	case F_PUBLISHER: slot = &meta->publisher; break;
	case F_SOURCE: slot = &meta->source; break;
	case F_VIEWS: slot = &meta->views; break;
	case F_IGNORE: return;
	}
	if (*slot == NULL)
		*slot = xstrndup(s, len);
}

/* Is s[p..) at the start of a field: line start or after a separator? */
static int
field_start(const char *s, size_t p)
{
	size_t	 q = p;
	uint32_t cp;

	if (p == 0)
		return 1;
	cp = utf8_prev(s, &q);
	return cp == ' ' || cp == '|' || cp == 0x3000 || cp == 0xFF5C ||
	    cp == 0x2502 || cp == 0x3011 || is_digit((int)cp) ||
	    cp == 0xFF1A || cp == ':';
}

int
article_meta_line(const char *s, size_t len, struct article_meta *meta)
{
	struct article_meta	 found = { 0 };
	size_t			 p = 0, v, end, ds, de;
	int			 nlabels = 0, first_label = -1, li;
	char			*date;

	if (len == 0 || utf8_count(s, len) > 150)
		return 0;
	date = article_find_date(s, len, &ds, &de);
	while (p < len) {
		if (field_start(s, p) && (li = label_at(s, len, p, &v)) >= 0) {
			if (nlabels++ == 0)
				first_label = (int)p;
			for (end = v; end < len; end++) {
				size_t w;

				if (separator_at(s, len, end))
					break;
				if (end > v && field_start(s, end) &&
				    label_at(s, len, end, &w) >= 0)
					break;
			}
			set_field(&found, labels[li].field, s + v, end - v);
			p = end;
			continue;
		}
		p++;
	}
	/*
	 * A metadata line: a label right at the start, a date with labels,
	 * or a line that is nothing but a date and time.
	 */
	if (!(first_label == 0 ||
	    (date != NULL && nlabels > 0 && (ds == 0 || first_label > 0)) ||
	    (date != NULL && ds == 0 && de == len))) {
		free(date);
		article_meta_free(&found);
		return 0;
	}
	if (found.date == NULL && date != NULL && (ds == 0 || de == len ||
	    first_label < 0 || (size_t)first_label > ds))
		found.date = date;
	else
		free(date);
	if (meta->date == NULL) { meta->date = found.date; found.date = NULL; }
	if (meta->author == NULL) { meta->author = found.author; found.author = NULL; }
	if (meta->publisher == NULL) { meta->publisher = found.publisher; found.publisher = NULL; }
	if (meta->source == NULL) { meta->source = found.source; found.source = NULL; }
	if (meta->views == NULL) { meta->views = found.views; found.views = NULL; }
	article_meta_free(&found);
	return 1;
}

void
article_meta_apply(const struct article_meta *meta, struct doc *doc)
{
	if (meta->date != NULL && doc->meta[META_DATE] == NULL)
		doc_set_meta(doc, META_DATE, meta->date);
	if (meta->author != NULL && doc->meta[META_AUTHOR] == NULL)
		doc_set_meta(doc, META_AUTHOR, meta->author);
	if (meta->publisher != NULL && doc->meta[META_PUBLISHER] == NULL)
		doc_set_meta(doc, META_PUBLISHER, meta->publisher);
	if (meta->source != NULL && doc->meta[META_SOURCE] == NULL)
		doc_set_meta(doc, META_SOURCE, meta->source);
	if (meta->views != NULL && doc->meta[META_VIEWS] == NULL)
		doc_set_meta(doc, META_VIEWS, meta->views);
}

void
article_meta_free(struct article_meta *meta)
{
	free(meta->date);
	free(meta->author);
	free(meta->publisher);
	free(meta->source);
	free(meta->views);
	memset(meta, 0, sizeof(*meta));
}

size_t
article_subtitle_dash(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i + 6 <= len; i++)
		if (memcmp(s + i, "——", 6) == 0)
			return utf8_count(s, i) >= 4 && utf8_count(s + i + 6,
			    len - i - 6) >= 4 ? i : 0;
	return 0;
}

int
article_split_title(struct doc *doc)
{
	struct buf	 sub = BUF_INIT;
	const char	*t = doc->meta[META_TITLE];
	size_t		 cut;
	char		*head;

	if (t == NULL || (cut = article_subtitle_dash(t, strlen(t))) == 0)
		return 0;
	buf_puts(&sub, t + cut);
	if (doc->meta[META_SUBTITLE] != NULL)
		buf_puts(&sub, doc->meta[META_SUBTITLE]);
	head = xstrndup(t, cut);
	doc_set_meta(doc, META_SUBTITLE, sub.ptr);
	doc_set_meta(doc, META_TITLE, head);
	free(head);
	buf_free(&sub);
	return 1;
}

static int
contains(const char *s, size_t len, const char *lit)
{
	size_t	 n = strlen(lit), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(s + i, lit, n) == 0)
			return 1;
	return 0;
}

/* Short lines made of these words are site navigation. */
static const char *const chrome_words[] = {
	"设为首页", "加入收藏", "找回密码", "登录", "注册", "当前位置",
	"您的位置", "你的位置", "您现在的位置", "字号", "首页", "查看内容",
	"返回首页", "网站地图", "联系我们", "扫一扫", "扫码关注", "点击关注",
	"长按识别二维码", "长按二维码", "点击蓝字", "点击上方蓝字", "点蓝字",
	"點擊藍字",
	/* Traditional forms, as Hong Kong's and Taiwan's sites print them. */
	"設為首頁", "加入最愛", "列印此頁", "電郵此頁", "網站導覽", "字型大小",
	"目前位置", "回首頁", "打印此頁", "列印本頁", "首頁", "關於我們",
	"聯絡我們", "網站地圖",
	"打印本页", "打印此页",
	/* The share bar: 分享：Facebook　WhatsApp　複製連結. */
	"分享：", "复制链接", "複製連結",
	/* An e-paper's page links. */
	"上一版", "下一版", "返回目录",
};

/* Lines that are one toolbar word each (下载 / 打印 / 全屏 …). */
static const char *const toolbar_words[] = {
	"下载", "打印", "全屏", "收藏", "分享", "加大", "还原", "减小", "】",
	"【", "大", "中", "小", "关闭", "关闭窗口", "打印本页", "【打印】",
	"【关闭】", "默认", "字体",
};

int
article_document_number(const char *s, size_t len)
{
	size_t		 pos = 0, q, digits;
	uint32_t	 cp;
	int		 code = 0;

	if (utf8_count(s, len) > 40)
		return 0;
	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (uc_is_han(cp)) {
			code++;
			continue;
		}
		if (code == 0 || code > 12 || (cp != 0x3014 && cp != '[' &&
		    cp != 0xFF3B && cp != 0xFF08 && cp != '('))
			return 0;
		for (digits = 0; pos < len && s[pos] >= '0' &&
		    s[pos] <= '9'; pos++)
			digits++;
		q = pos;
		cp = pos < len ? utf8_next(s, len, &q) : 0;
		if (digits != 4 || (cp != 0x3015 && cp != ']' &&
		    cp != 0xFF3D && cp != 0xFF09 && cp != ')'))
			return 0;
		for (pos = q, digits = 0; pos < len && s[pos] >= '0' &&
		    s[pos] <= '9'; pos++)
			digits++;
		q = pos;
		cp = pos < len ? utf8_next(s, len, &q) : 0;
		return digits >= 1 && digits <= 4 &&
		    (cp == 0x53F7 || cp == 0x865F);		/* 号 號 */
	}
	return 0;
}

int
article_quantity_unit(uint32_t cp, int whole)
{
	switch (cp) {
	case 0x4E2A: case 0x4E07: case 0x4EBF: case 0x5143:	/* 个万亿元 */
	case 0x500D: case 0x5C81: case 0x7C73: case 0x5428:	/* 倍岁米吨 */
	case 0x4EA9: case 0x4EBA: case 0x6B21: case 0x5BB6:	/* 亩人次家 */
		return 1;
	case 0x5E74: case 0x6708: case 0x65E5: case 0x53F7:	/* 年月日号 */
	case 0x65F6: case 0x70B9: case 0x5206: case 0x79D2:	/* 时点分秒 */
		return whole;
	default:
		return 0;
	}
}

int
article_text_line(const char *s, size_t len)
{
	size_t		 start = 0, pos;
	uint32_t	 last;

	len = utf8_trim(s, len, &start);
	s += start;
	if (len == 0)
		return 0;
	if (utf8_count(s, len) > ARTICLE_CHROME_MAX)
		return 1;
	pos = len;
	last = utf8_prev(s, &pos);
	return last == 0x3002 || last == 0xFF01 || last == 0xFF1F;
}

/*
 * A database's field whose value is a code, not words ("【法宝引证码】
 * CLI.12.6476457"), or a permalink ("原文链接：https://…"): what a legal
 * database or an archive prints above the document it exports.
 */
static int
export_field(const char *s, size_t len)
{
	static const char *const links[] = {
		"原文链接", "原文地址", "本文链接", "文章链接", "原文連結",
		"原文網址", "本文連結"
	};
	size_t		 start = 0, pos, i, n, figures = 0;
	uint32_t	 cp;

	len = utf8_trim(s, len, &start);
	s += start;
	for (i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		n = strlen(links[i]);
		if (!starts(s, len, 0, links[i]))
			continue;
		pos = starts(s, len, n, "：") ? n + 3 :
		    starts(s, len, n, ":") ? n + 1 : 0;
		if (pos == 0)
			return 0;
		pos = utf8_skip_space(s, len, pos);
		return starts(s, len, pos, "http://") ||
		    starts(s, len, pos, "https://");
	}
	if (!starts(s, len, 0, "【"))
		return 0;
	for (pos = 3; pos < len && !starts(s, len, pos, "】"); pos++)
		;
	if (pos >= len)
		return 0;
	pos = utf8_skip_space(s, len, pos + strlen("】"));
	if (pos >= len)
		return 0;
	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (uc_is_han(cp))
			return 0;
		figures += uc_digit(cp) >= 0;
	}
	return figures > 0;
}

int
article_chrome_line(const char *s, size_t len)
{
	size_t	 i;

	if (export_field(s, len))
		return 1;
	for (i = 0; i < sizeof(toolbar_words) / sizeof(toolbar_words[0]); i++)
		if (len == strlen(toolbar_words[i]) &&
		    memcmp(s, toolbar_words[i], len) == 0)
			return 1;
	if (utf8_count(s, len) > 40)
		return 0;
	for (i = 0; i < sizeof(chrome_words) / sizeof(chrome_words[0]); i++)
		if (contains(s, len, chrome_words[i]))
			return 1;
	return starts(s, len, 0, "【字号") || starts(s, len, 0, "【字体") ||
	    starts(s, len, 0, "【字體");
}

const char *
article_site_separator(const char *title, size_t *seplen)
{
	static const char *const spaced[] = {
		" - ", " | ", " _ ", " :: ", " — ", " – ", " · ", " -- ",
		"｜", " >> ",
	};
	static const char *const tight[] = { "_", "--", "|", "-", "—" };
	const char	*best = NULL, *p;
	size_t		 i, chars;

	for (i = 0; i < sizeof(spaced) / sizeof(spaced[0]); i++)
		if ((p = strstr(title, spaced[i])) != NULL && p != title &&
		    (best == NULL || p < best)) {
			best = p;
			*seplen = strlen(spaced[i]);
		}
	if (best == NULL)
		for (i = 0; i < sizeof(tight) / sizeof(tight[0]); i++) {
			if ((p = strstr(title, tight[i])) == NULL || p == title)
				continue;
			chars = utf8_count(title, (size_t)(p - title));
			if (chars >= 4 && (best == NULL || p < best)) {
				best = p;
				*seplen = strlen(tight[i]);
			}
		}
	return best;
}

char *
article_strip_site(const char *title)
{
	const char	*p;
	size_t		 seplen;

	if ((p = article_site_separator(title, &seplen)) == NULL)
		return xstrdup(title);
	while (p > title && p[-1] == ' ')
		p--;
	return xstrndup(title, (size_t)(p - title));
}

/*
 * The path steps of s (">", "»" …): how many, and whether it starts at
 * the home page; the longest name between two steps in *longest.
 */
static size_t
path_steps(const char *s, size_t len, int *home, size_t *longest)
{
	static const char *const steps[] = { ">", "＞", "»", "→", "》" };
	/* From the home page on, a dash or a slash is a step too. */
	static const char *const home_steps[] = { " - ", "－", "/", "／" };
	static const char *const homes[] = {
		"首页", "首頁", "网站首页", "網站首頁", "主页", "主頁", "Home", "home",
	};
	size_t	 i, k, nsteps = 0, seg = 0;

	*home = 0;
	*longest = 0;
	for (i = 0; i < sizeof(homes) / sizeof(homes[0]); i++)
		if (starts(s, len, 0, homes[i]))
			*home = 1;
	for (k = 0; k < len;) {
		for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
			if (starts(s, len, k, steps[i]))
				break;
		if (i < sizeof(steps) / sizeof(steps[0])) {
			nsteps++;
			k += strlen(steps[i]);
			seg = 0;
			continue;
		}
		for (i = 0; *home && i < sizeof(home_steps) /
		    sizeof(home_steps[0]); i++)
			if (starts(s, len, k, home_steps[i]))
				break;
		if (*home && i < sizeof(home_steps) / sizeof(home_steps[0])) {
			nsteps++;
			k += strlen(home_steps[i]);
			seg = 0;
			continue;
		}
		if (s[k] != ' ' && ++seg > *longest)
			*longest = seg;
		utf8_next(s, len, &k);
	}
	return nsteps;
}

int
article_path_line(const char *s, size_t len)
{
	size_t	 start, longest;
	int	 home;

	len = utf8_trim(s, len, &start);
	s += start;
	return len > 0 && utf8_count(s, len) <= 60 &&
	    path_steps(s, len, &home, &longest) >= 2 && longest <= 10;
}

int
article_breadcrumb(const char *s, size_t len)
{
	static const char *const place_labels[] = {
		"当前位置", "您的位置", "你的位置", "您现在的位置", "您当前的位置",
		"你现在的位置", "所在位置", "目前位置", "當前位置",
		"您現在的位置", "現在位置",
	};
	size_t	 i, start, longest;
	int	 home;

	len = utf8_trim(s, len, &start);
	s += start;
	if (len == 0 || utf8_count(s, len) > 60)
		return 0;
	for (i = 0; i < sizeof(place_labels) / sizeof(place_labels[0]); i++)
		if (starts(s, len, 0, place_labels[i]) && (starts(s, len,
		    strlen(place_labels[i]), "：") || starts(s, len,
		    strlen(place_labels[i]), ":")))
			return 1;
	return path_steps(s, len, &home, &longest) >= 1 && home;
}

static const char *const footer_words[] = {
	"最新评论", "发表评论", "网友评论", "我要评论", "回顶部", "返回顶部",
	"相关报道", "相关阅读", "相关新闻", "相关文章", "相关链接",
	"推荐阅读", "延伸阅读", "上一篇", "下一篇", "分享到", "打印本页",
	"关闭窗口", "【打印】", "【关闭】", "热门文章", "猜你喜欢",
	"往期推荐", "往期回顾", "相关推荐", "精彩推荐", "热门推荐",
	"为你推荐", "大家都在看", "更多精彩", "视频推荐", "推荐视频",
	"相关视频", "热门评论", "精彩评论", "全部评论", "阅读原文",
	"点击阅读原文", "扫码关注", "长按识别", "长按二维码", "分享至",
	"相關閱讀", "相關新聞", "相關文章", "延伸閱讀", "推薦閱讀",
	"熱門文章", "上一篇：", "下一篇：", "相关日志", "相關日誌",
	"相关博文", "相關博文",
	"预览时标签不可点", "微信扫一扫", "微信掃一掃",	/* a saved WeChat page */
};

/*
 * The line the news site puts under an article: the editor in charge and
 * the page's tools, "【纠错】　【责任编辑:李雪】", "（责任编辑：王一）".  It
 * starts with 责任编辑 (a site's credit, bracketed or not) or with a
 * 【】 tag of a credit or tool word (【编辑：…】, 【纠错】, 【打印】), then a
 * colon, a space or the closing bracket; short, and no sentence in it.
 * A plain "编辑：陈晨　审核：李强" is the post's own credit, written by its
 * authors (WeChat posts end so), and stays text.
 */
static int
credit_line(const char *s, size_t len)
{
	static const char *const opens[] = { "【", "（", "(", "[", "" };
	static const char *const site[] = { "责任编辑", "責任編輯", "责编" };
	static const char *const tags[] = {
		"编辑", "編輯", "校对", "校對", "审核", "審核", "纠错", "糾錯",
		"我要纠错", "打印本页", "关闭窗口", "打印", "关闭", "收藏",
	};
	static const char *const after[] = {
		"：", ":", " ", "　", "】", "）", ")", "]",
	};
	size_t	 i, j, k, p, n;

	if (utf8_count(s, len) > 30 || contains(s, len, "。") ||
	    contains(s, len, "，"))
		return 0;
	for (i = 0; i < sizeof(opens) / sizeof(opens[0]); i++) {
		if (!starts(s, len, 0, opens[i]))
			continue;
		p = strlen(opens[i]);
		for (k = 0; k < sizeof(site) / sizeof(site[0]) +
		    (i == 0 ? sizeof(tags) / sizeof(tags[0]) : 0); k++) {
			const char *w = k < sizeof(site) / sizeof(site[0]) ?
			    site[k] : tags[k - sizeof(site) / sizeof(site[0])];

			if (!starts(s, len, p, w))
				continue;
			n = p + strlen(w);
			for (j = 0; j < sizeof(after) / sizeof(after[0]); j++)
				if (starts(s, len, n, after[j]))
					return 1;
		}
		return 0;
	}
	return 0;
}

int
article_footer_line(const char *s, size_t len)
{
	static const char *const adjacent[] = {
		"上一篇：", "下一篇：", "上一篇:", "下一篇:", "上一条：",
		"下一条：", "上一篇 ", "下一篇 ", "上一篇　", "下一篇　",
	};
	static const char *const qr_starts[] = {
		"长按", "長按", "扫码", "掃碼", "扫描", "掃描", "识别", "微信扫",
		"扫一扫", "掃一掃",
	};
	size_t	 i, n;

	/*
	 * "上一篇：" and "下一篇：" link the neighbouring articles of the
	 * site by their headlines, whatever their length.
	 */
	for (i = 0; i < sizeof(adjacent) / sizeof(adjacent[0]); i++) {
		n = strlen(adjacent[i]);
		if (len >= n && memcmp(s, adjacent[i], n) == 0 &&
		    utf8_count(s, len) <= 80)
			return 1;
	}
	/*
	 * The prompt that closes a WeChat article: scan or press the QR
	 * code to follow the account ("长按识别下方二维码，关注…"), or to
	 * open the page on a phone ("扫一扫在手机打开当前页").
	 */
	for (i = 0; i < sizeof(qr_starts) / sizeof(qr_starts[0]); i++) {
		n = strlen(qr_starts[i]);
		if (len >= n && memcmp(s, qr_starts[i], n) == 0 &&
		    utf8_count(s, len) <= 40 && (contains(s, len, "二维码") ||
		    contains(s, len, "关注") || contains(s, len, "關注") ||
		    contains(s, len, "手机") || contains(s, len, "手機")))
			return 1;
	}
	if (credit_line(s, len))
		return 1;
	/*
	 * A site's reprint notice ("本文为…原创，转载请注明出处。", "未经授权
	 * 不得转载") and its app plea ("打开…APP，阅读更多本地新闻").
	 */
	if (utf8_count(s, len) <= 40 && ((contains(s, len, "转载") ||
	    contains(s, len, "轉載")) && (contains(s, len, "注明") ||
	    contains(s, len, "授权") || contains(s, len, "不得") ||
	    contains(s, len, "禁止") || contains(s, len, "联系"))))
		return 1;
	if (utf8_count(s, len) <= 30 && (starts(s, len, 0, "打开") ||
	    starts(s, len, 0, "下载") || starts(s, len, 0, "打開") ||
	    starts(s, len, 0, "下載")) && (contains(s, len, "APP") ||
	    contains(s, len, "App") || contains(s, len, "客户端") ||
	    contains(s, len, "客戶端")))
		return 1;
	if (utf8_count(s, len) > 14)
		return 0;
	for (i = 0; i < sizeof(footer_words) / sizeof(footer_words[0]); i++) {
		n = strlen(footer_words[i]);
		if (len >= n && memcmp(s, footer_words[i], n) == 0)
			return 1;
	}
	return 0;
}

int
article_end_mark(const char *s, size_t len)
{
	size_t		 pos = 0, q, letters = 0;
	char		 word[4];
	uint32_t	 cp;

	if (len > 64)
		return 0;
	while (pos < len) {
		q = pos;
		cp = utf8_next(s, len, &q);
		if (cp < 0x80 && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')) {
			if (letters == 3)
				return 0;
			word[letters++] = (char)(cp | 0x20);
		} else if (!(uc_is_space(cp) || cp == 0x3000 || cp == '-' ||
		    cp == 0x2014 || cp == 0x2013 || cp == 0x2500 ||
		    cp == 0xFF0D || cp == 0x258C || cp == 0x25A0 ||
		    cp == 0x25CF || cp == 0x25C6 || cp == 0x00B7 ||
		    cp == 0x2022 || cp == '=' || cp == '*' || cp == '~' ||
		    cp == '|' || cp == 0xFF5C) ||
		    (letters > 0 && letters < 3 && !(cp < 0x80 &&
		    ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'))))
			return 0;	/* "E N D" spaced out is no mark */
		pos = q;
	}
	return letters == 3 && memcmp(word, "end", 3) == 0;
}

/*
 * Frequent characters that exist in only one script (这/這, 个/個, 们/們,
 * 来/來, 说/說, 为/為, 时/時, 会/會, 过/過, 对/對, 国/國, 发/發 …).
 */
static const uint32_t simplified_only[] = {
	0x4E0E, 0x4E1C, 0x4E2A, 0x4E3A, 0x4E66, 0x4E8E, 0x4EEC, 0x4F1A,
	0x5173, 0x52A8, 0x53D1, 0x540E, 0x56FD, 0x5B66, 0x5B9E, 0x5BF9,
	0x5E94, 0x5F00, 0x65F6, 0x6765, 0x73B0, 0x7ECF, 0x89C1, 0x8BF4,
	0x8F66, 0x8FC7, 0x8FD9, 0x8FDB, 0x957F, 0x95E8, 0x95EE,
};
static const uint32_t traditional_only[] = {
	0x4F86, 0x500B, 0x5011, 0x52D5, 0x554F, 0x570B, 0x5B78, 0x5BE6,
	0x5C0D, 0x5F8C, 0x61C9, 0x65BC, 0x6642, 0x66F8, 0x6703, 0x6771,
	0x70BA, 0x73FE, 0x767C, 0x7D93, 0x8207, 0x898B, 0x8AAA, 0x8ECA,
	0x9019, 0x9032, 0x904E, 0x9577, 0x9580, 0x958B, 0x95DC,
};

/*
 * Which script, if any, each character of U+4E00..U+9FFF belongs to alone:
 * two bits per character (1 simplified, 2 traditional), filled in once.
 * The guess runs on every article, and a table look-up per character
 * costs a tenth of two binary searches.
 */
#define HAN_FIRST	0x4E00
#define HAN_LAST	0x9FFF
static unsigned char	 script_of[(HAN_LAST - HAN_FIRST + 1) / 4];
static pthread_once_t	 script_once = PTHREAD_ONCE_INIT;

static void
script_mark(const uint32_t *t, size_t n, unsigned bits)
{
	size_t	 i, k;

	for (i = 0; i < n; i++) {
		k = t[i] - HAN_FIRST;
		script_of[k / 4] |= (unsigned char)(bits << (2 * (k % 4)));
	}
}

static void
script_init(void)
{
	script_mark(simplified_only, sizeof(simplified_only) /
	    sizeof(simplified_only[0]), 1);
	script_mark(traditional_only, sizeof(traditional_only) /
	    sizeof(traditional_only[0]), 2);
}

const char *
article_guess_lang(const char *s, size_t len)
{
	size_t		 pos = 0, simp = 0, trad = 0;
	uint32_t	 cp;

	/*
	 * The first 8 KB (some 2 700 characters) settle the script;
	 * reading further only costs time on long articles.
	 */
	if (len > LANG_SAMPLE_BYTES)
		len = LANG_SAMPLE_BYTES;
	pthread_once(&script_once, script_init);
	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (cp < HAN_FIRST || cp > HAN_LAST)
			continue;
		cp -= HAN_FIRST;
		switch ((script_of[cp / 4] >> (2 * (cp % 4))) & 3) {
		case 1:
			simp++;
			break;
		case 2:
			trad++;
			break;
		default:
			break;
		}
	}
	return trad > simp * 2 && trad >= 3 ? "zh-TW" : "zh-CN";
}

int
article_connective(uint32_t cp)
{
	static const uint32_t words[] = {
		0x7684, 0x548C, 0x4E0E, 0x53CA, 0x6216, 0x5728, 0x662F,
		0x5BF9, 0x628A, 0x5C06, 0x4E3A, 0x4ECE, 0x5411, 0x4EE5,
		0x4E86, 0x7740, 0x4E4B, 0x88AB, 0x5E76, 0x800C,
	};	/* 的和与及或在是对把将为从向以了着之被并而 */
	size_t	 i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (cp == words[i])
			return 1;
	return 0;
}

int
article_cn_digit(uint32_t cp)
{
	switch (cp) {
	case 0x3007: case 0x96F6: return 0;	/* 〇 零 */
	case 0x4E00: return 1;			/* 一 */
	case 0x4E8C: case 0x4E24: return 2;	/* 二 两 */
	case 0x4E09: return 3;
	case 0x56DB: return 4;
	case 0x4E94: return 5;
	case 0x516D: return 6;
	case 0x4E03: return 7;
	case 0x516B: return 8;
	case 0x4E5D: return 9;
	default: return -1;
	}
}

int
article_cn_number(const char *s, size_t len, size_t *pos, int form)
{
	size_t		 p = *pos, q;
	int		 small = form == ARTICLE_CN_SMALL;
	int		 value = 0, digit = -1, d;
	uint32_t	 cp;

	while (p < len) {
		q = p;
		cp = utf8_next(s, len, &q);
		d = article_cn_digit(cp);
		if (small && (d == 0 || cp == 0x4E24))	/* 〇 零 两 */
			d = -1;
		if (d >= 0) {
			if (digit >= 0)
				break;		/* 二三: not one numeral */
			digit = d;
		} else if (cp == 0x5341) {		/* 十 */
			if (small && value > 0)
				break;
			value += (digit < 0 ? 1 : digit) * 10;
			digit = -1;
		} else if (cp == 0x767E && !small) {	/* 百 */
			if (digit < 0)
				break;
			value += digit * 100;
			digit = -1;
		} else
			break;
		p = q;
		if (value > 999)
			return -1;
	}
	if (p == *pos)
		return -1;
	if (digit > 0)
		value += digit;
	if (value == 0)
		return -1;
	*pos = p;
	return value;
}

int
article_same_text(const char *a, const char *b)
{
	struct buf	 x = BUF_INIT, y = BUF_INIT;
	int		 eq;

	utf8_fold(a, &x);
	utf8_fold(b, &y);
	eq = x.len == y.len && memcmp(x.ptr, y.ptr, x.len) == 0;
	buf_free(&x);
	buf_free(&y);
	return eq;
}

int
article_caption_text(const char *s, size_t len, int hinted)
{
	static const char *const heads[] = {
		"图为", "图注", "图：", "图:", "图片：", "图片来源", "图/",
		"圖為", "圖注", "圖：", "圖片：", "圖/", "（图", "(图", "（圖",
		"上图", "下图", "左图", "右图", "上圖", "下圖", "▲", "△",
		"◎", "↑",
	};
	static const char *const tails[] = {
		"摄）", "摄)", "攝）", "攝)", "摄", "攝", "供图", "供圖",
		"资料图", "資料圖", "资料图片", "資料圖片", "图）", "圖）",
		"截图", "截圖",
	};
	size_t	 chars, i;

	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\n'))
		len--;
	chars = utf8_count(s, len);
	if (chars < 2 || chars > 150)
		return 0;
	for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
		if (starts(s, len, 0, heads[i]))
			return 1;
	if (chars <= 100)
		for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++)
			if (ends(s, len, tails[i]))
				return 1;
	return hinted && chars <= 100;
}

/*
 * From a footer line (相关阅读, 上一篇, 往期推荐 …; a paragraph or a
 * heading) in the last part of the body (40 % of its blocks or of its
 * text) on, nothing belongs to the
 * article, unless what follows it outweighs what comes before (then the
 * line was part of the text).  Every block left out is listed under -v.
 */
void
article_cut_footer(struct doc *doc, const char *who, struct diag *diag)
{
	struct node	*c, *d, *next;
	struct buf	 t = BUF_INIT;
	size_t		 n = 0, i = 0, cut = 0, before = 0, after, total = 0;

	for (c = doc->root->first_child; c != NULL; c = c->next) {
		n++;
		total += node_text_len(c);
	}
	for (c = doc->root->first_child; c != NULL; c = next, i++) {
		next = c->next;
		/*
		 * The last part by blocks or by text: a footer's own lines
		 * (links, share buttons) are many and short, and put its
		 * first line early when blocks are counted.
		 */
		if ((i * 10 < n * 6 && before * 10 < total * 6) ||
		    (c->type != NODE_PARAGRAPH &&
		    c->type != NODE_HEADING) || i == 0) {
			before += node_text_len(c);
			continue;
		}
		buf_truncate(&t, 0);
		node_text(c, &t);
		if (!article_footer_line(t.ptr, t.len)) {
			before += node_text_len(c);
			continue;
		}
		for (after = 0, d = c; d != NULL; d = d->next)
			after += node_text_len(d);
		if (after > before)
			break;
		for (; c != NULL; c = next) {
			next = c->next;
			buf_truncate(&t, 0);
			node_text(c, &t);
			if (t.len > 0)
				diag_note(diag, "%s: footer left out (%zu "
				    "bytes): %.*s", who, t.len,
				    (int)utf8_prefix(t.ptr, t.len, 30), t.ptr);
			node_free(c);
			cut++;
		}
		break;
	}
	buf_free(&t);
	if (cut > 0)
		diag_note(diag, "%s: %zu block%s from a footer line on left "
		    "out", who, cut, cut == 1 ? "" : "s");
}

int
article_title_shaped(const char *s, size_t len)
{
	size_t		 n = utf8_count(s, len), pos = len;
	uint32_t	 c = len > 0 ? utf8_prev(s, &pos) : 0;

	return n >= 2 && n <= 80 && c != 0x3002 && c != 0xFF0C &&
	    c != 0xFF1B && c != 0xFF1A && c != 0x3001 && c != ',' &&
	    c != ';' && c != ':' && !contains(s, len, "。");
}

/*
 * Does word follow a short outlet's name at the start of s, a space after
 * it ("澎湃新闻记者 曹雨": two to eight Han characters, then 记者)?
 */
static int
outlet_before(const char *s, size_t len, const char *word)
{
	size_t		 pos = 0, han = 0, at, n = strlen(word);
	uint32_t	 cp;

	for (at = 0; at + n <= len && memcmp(s + at, word, n) != 0; at++)
		;
	if (at + n > len)
		return 0;
	while (pos < at) {
		cp = utf8_next(s, at, &pos);
		if (!uc_is_han(cp))
			return 0;
		han++;
	}
	if (han < 2 || han > 8 || at + n >= len)
		return 0;
	pos = at + n;
	cp = utf8_next(s, len, &pos);
	return uc_is_space(cp) || cp == 0x3000;
}

int
article_news_credit(const char *s, size_t len)
{
	static const char *const credits[] = {
		"记者", "本报记者", "通讯员", "特约记者", "撰稿", "文／",
		"文/", "記者", "本報記者", "通訊員", "文丨", "文｜", "文|",
		/* An editorial's byline: 本报评论员, 本刊特约评论员. */
		"本报评论员", "本刊评论员", "本报特约评论员", "本刊特约评论员",
		"特约评论员", "评论员", "本報評論員", "評論員",
	};
	size_t	 i, n;

	if (utf8_count(s, len) > 30 || contains(s, len, "。") ||
	    contains(s, len, "，") || contains(s, len, "日电") ||
	    contains(s, len, "报讯") || contains(s, len, "日讯"))
		return 0;
	for (i = 0; i < sizeof(credits) / sizeof(credits[0]); i++) {
		n = strlen(credits[i]);
		if ((len >= n && memcmp(s, credits[i], n) == 0) || (i < 2 &&
		    outlet_before(s, len, credits[i])))
			return 1;
	}
	return 0;
}
