/*
 * The frame of a letter, a speech or an official document (letter.h).
 *
 * Letters, speeches and notices open with whom they address and close
 * with who sends them and when:
 *
 *	各乡镇人民政府，区政府各部门：
 *	　　为切实做好…，现将有关事项通知如下。…
 *
 *	　　　　　　　　　　　　区农业农村局
 *	　　　　　　　　　　　　　2026年11月20日
 *
 *	　　（此件公开发布）
 *
 * The addressee (主送机关, GB/T 9704-2012 §7.3.3; a letter's or a speech's
 * 称呼, "同志们：") stands flush left, with no paragraph indent: it is the
 * first block, short, ending in a colon, and no sentence.
 *
 * §7.3.5 sets sender and date to the right under the text; letters do the
 * same.  The date is the anchor: a paragraph that is a full date and
 * nothing else, among the last blocks, is the 成文日期.  The short lines
 * right above it without sentence punctuation are the sender's names, one
 * per line when several send it together.  Notes in brackets may follow
 * the date (附注, §7.3.6), and the 版记's lines (§7.4: 抄送, 印发).  A
 * date standing alone elsewhere is left as it is: only the end of a text
 * is its closing.
 */
#include "letter.h"

#include <string.h>

#include "tree/buf.h"
#include "tree/utf8.h"
#include "article.h"

#define MAX_SIGNERS	3	/* joint senders, one per line */
#define MAX_NOTES	4	/* notes and 版记 lines after the date */
#define SIGNER_WIDTH	40	/* half-width columns: 20 Han characters */
#define ADDRESSEE_MAX	60	/* characters */
#define FRONT_BLOCKS	4	/* short lines above the addressee */

#define NWORDS(a)	(sizeof(a) / sizeof((a)[0]))

/* Does s[0..len) open (at_end 0) or end (at_end 1) with one of words? */
static int
has_word(const char *s, size_t len, const char *const *words, size_t n,
    int at_end)
{
	size_t	 i, w;

	for (i = 0; i < n; i++) {
		w = strlen(words[i]);
		if (len >= w && memcmp(at_end ? s + len - w : s, words[i],
		    w) == 0)
			return 1;
	}
	return 0;
}

/* The next character at *pos, past white space; 0 at the end. */
static uint32_t
next_cp(const char *s, size_t len, size_t *pos)
{
	*pos = utf8_skip_space(s, len, *pos);
	return *pos < len ? utf8_next(s, len, pos) : 0;
}

/*
 * A day or month at *pos: one or two figures, or a Chinese numeral
 * (十一, 二十), advancing *pos past it; -1 if there is none.
 */
static int
read_number(const char *s, size_t len, size_t *pos)
{
	size_t	 p = utf8_skip_space(s, len, *pos), q;
	int	 v = 0, n = 0, d;

	for (;;) {
		q = p;
		if (p >= len || (d = uc_digit(utf8_next(s, len, &q))) < 0)
			break;
		v = v * 10 + d;
		p = q;
		if (++n > 2)
			return -1;
	}
	if (n == 0 && (v = article_cn_number(s, len, &p,
	    ARTICLE_CN_SMALL)) < 0)
		return -1;
	*pos = p;
	return v;
}

/* A year of four figures or four Chinese digits (二〇二六, 二○二六). */
static int
read_year(const char *s, size_t len, size_t *pos)
{
	size_t		 p = utf8_skip_space(s, len, *pos);
	uint32_t	 cp;
	int		 k;

	for (k = 0; k < 4; k++) {
		if (p >= len)
			return -1;
		cp = utf8_next(s, len, &p);
		if (uc_digit(cp) < 0 && article_cn_digit(cp) < 0 &&
		    cp != 0x25CB)		/* ○, often typed for 〇 */
			return -1;
	}
	*pos = p;
	return 0;
}

int
letter_date_line(const char *s, size_t len)
{
	size_t	 pos = 0;
	int	 m, d;

	if (read_year(s, len, &pos) != 0 || next_cp(s, len, &pos) != 0x5E74)
		return 0;				/* 年 */
	m = read_number(s, len, &pos);
	if (m < 1 || m > 12 || next_cp(s, len, &pos) != 0x6708)
		return 0;				/* 月 */
	d = read_number(s, len, &pos);
	if (d < 1 || d > 31 || next_cp(s, len, &pos) != 0x65E5)
		return 0;				/* 日 */
	return utf8_skip_space(s, len, pos) == len;
}

/*
 * Words that open the last lines of a text but send nothing: 特此通知,
 * 此致 / 敬礼, 谢谢, and the 附件 line above a signature.
 */
static int
closing_phrase(const char *s, size_t len)
{
	static const char *const words[] = {
		"特此", "此致", "敬礼", "谢谢", "附件", "附："
	};

	return has_word(s, len, words, NWORDS(words), 0);
}

/*
 * A sender's name: short, at least two Han characters, no sentence
 * punctuation (a name has none; a sentence, a greeting or a list item
 * does), not a date.
 */
static int
signer_line(const char *s, size_t len)
{
	static const uint32_t stops[] = {
		0x3002, 0xFF0C, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0x3001,
		',', ';', ':', '!', '?', '.', 0x2026
	};
	size_t		 pos = 0, start = 0, han = 0;
	uint32_t	 cp;

	len = utf8_trim(s, len, &start);
	s += start;
	if (len == 0 || utf8_width(s, len, 1) > SIGNER_WIDTH ||
	    closing_phrase(s, len) || letter_date_line(s, len))
		return 0;
	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (uc_in(cp, stops, NWORDS(stops)))
			return 0;
		han += uc_is_han(cp) != 0;
	}
	return han >= 2;
}

/*
 * What may follow the date: a note in brackets (附注: （此件公开发布）,
 * （联系人：…）), and the lines of a document's 版记 (§7.4: 抄送：…, and
 * "区政府办公室　2026年11月20日印发").
 */
static int
after_date_line(const char *s, size_t len)
{
	static const char *const opens[] = { "抄送", "抄报", "分送", "报：",
		"送：", "发：" };
	static const char *const issued[] = { "印发" };
	size_t		 start = 0, pos;
	uint32_t	 first, last;

	len = utf8_trim(s, len, &start);
	s += start;
	if (has_word(s, len, opens, NWORDS(opens), 0) ||
	    (has_word(s, len, issued, NWORDS(issued), 1) &&
	    utf8_count(s, len) <= 40))
		return 1;
	if (len < 2)
		return 0;
	pos = 0;
	first = utf8_next(s, len, &pos);
	pos = len;
	last = utf8_prev(s, &pos);
	return (first == 0xFF08 && last == 0xFF09) ||
	    (first == '(' && last == ')');
}

/*
 * Does the addressee s[0..len) (its colon cut off) read as one: opening
 * as a salutation does (各, 尊敬的, 亲爱的, 致) or ending in whom it
 * addresses (同志们, 各位代表, 张明同志, 各部门, 区人民政府)?  A label
 * ending in a colon (目录：, 摘要：) addresses no one.
 */
static int
addresses_someone(const char *s, size_t len)
{
	static const char *const opens[] = {
		"各", "尊敬的", "亲爱的", "致", "敬爱的"
	};
	static const char *const ends[] = {
		"们", "代表", "委员", "同志", "先生", "女士", "朋友", "领导",
		"来宾", "嘉宾", "家长", "老师", "同学", "部门", "单位", "机构",
		"政府", "党委", "委员会", "办公室", "公司", "学校", "局", "厅",
		"同仁", "校友", "会员", "乡亲", "村民", "居民", "市民", "员工",
		"职工", "读者", "网友", "用户", "客户", "阁下"
	};

	return has_word(s, len, opens, NWORDS(opens), 0) ||
	    has_word(s, len, ends, NWORDS(ends), 1);
}

/*
 * An addressee: a colon ends it, no sentence is inside it, and it names
 * whom it addresses ("各位代表：", "尊敬的各位家长：", "各省、自治区、直辖市
 * 人民政府，国务院各部委：").
 */
static int
addressee_line(const char *s, size_t len)
{
	static const uint32_t stops[] = {
		0x3002, 0xFF01, 0xFF1F, 0xFF1B, '.', '!', '?', ';'
	};
	size_t		 pos = 0, start = 0, han = 0, end;
	uint32_t	 cp;

	len = utf8_trim(s, len, &start);
	s += start;
	if (len == 0 || utf8_count(s, len) > ADDRESSEE_MAX)
		return 0;
	end = len;
	do		/* past zero-width marks a page may leave */
		cp = utf8_prev(s, &end);
	while (end > 0 && (cp == 0x200B || cp == 0x200C || cp == 0x200D ||
	    cp == 0x2060 || cp == 0xFEFF));
	if (cp != 0xFF1A && cp != ':')
		return 0;
	while (pos < end) {
		cp = utf8_next(s, end, &pos);
		if (uc_in(cp, stops, NWORDS(stops)) ||
		    cp == 0xFF1A || cp == ':')
			return 0;
		han += uc_is_han(cp) != 0;
	}
	return han >= 2 && addresses_someone(s, end);
}

static enum para_role
role_of(const struct node *n)
{
	return n != NULL && n->type == NODE_PARAGRAPH ? n->as.para.role :
	    PARA_TEXT;
}

/* "敬礼！" (or without its mark) and nothing else. */
static int
salute_line(const char *s, size_t len)
{
	size_t		 start = 0, end;

	if (len == 0)
		return 0;
	len = utf8_trim(s, len, &start);
	s += start;
	end = len;
	if (len > 0 && (utf8_prev(s, &end) == 0xFF01 || s[len - 1] == '!'))
		len = end;
	return len == strlen("敬礼") && memcmp(s, "敬礼", len) == 0;
}

/* The plain text of a top-level paragraph into b; 0 if n is none. */
static int
para_text(const struct node *n, struct buf *b)
{
	buf_truncate(b, 0);
	if (n == NULL || n->type != NODE_PARAGRAPH)
		return 0;
	node_text(n, b);
	return 1;
}

/*
 * The front of the text: its document number, and the addressee among its
 * first blocks, under nothing but short lines of front matter that are no
 * sentences (a document number, the speaker, a dateline, the occasion in
 * brackets).
 */
static size_t
mark_addressee(struct doc *doc, struct diag *diag)
{
	struct node	*first = doc->root->first_child;
	struct buf	 t = BUF_INIT;
	size_t		 marked = 0, k;

	for (k = 0; k < FRONT_BLOCKS && para_text(first, &t) &&
	    !addressee_line(t.ptr, t.len); k++) {
		if (article_document_number(t.ptr, t.len)) {
			first->as.para.role = PARA_DOCNUM;
			first->rule = "the document number (发文字号)";
			marked++;
		} else if (article_text_line(t.ptr, t.len))
			break;
		first = first->next;
	}
	if (para_text(first, &t) && first->next != NULL &&
	    addressee_line(t.ptr, t.len)) {
		first->as.para.role = PARA_ADDRESSEE;
		first->rule = "the addressee opening the text";
		diag_note(diag, "line %u: the text opens by addressing %.*s",
		    first->line, (int)t.len, t.ptr);
		marked++;
	}
	buf_free(&t);
	return marked;
}

/*
 * A letter's 祝颂语: "此致" indented as a paragraph is, then "敬礼！" on the
 * next line flush left (书信格式), among the last blocks.
 */
static size_t
mark_salute(struct doc *doc, struct diag *diag)
{
	struct node	*c;
	struct buf	 t = BUF_INIT, p = BUF_INIT;
	size_t		 k, marked = 0;

	for (k = 0, c = doc->root->last_child; c != NULL && k < 8 &&
	    marked == 0; k++, c = c->prev) {
		if (!para_text(c, &t) || !para_text(c->prev, &p))
			continue;
		if (salute_line(t.ptr, t.len) && p.len >= strlen("此致") &&
		    memcmp(p.ptr, "此致", strlen("此致")) == 0 &&
		    utf8_count(p.ptr, p.len) <= 4) {
			c->as.para.role = PARA_SALUTE;
			c->rule = "a letter's 敬礼 under 此致";
			diag_note(diag, "line %u: 敬礼 under 此致, flush left",
			    c->line);
			marked = 1;
		}
	}
	buf_free(&t);
	buf_free(&p);
	return marked;
}

/* The sender and date closing the text, if its last blocks are they. */
static size_t
mark_closing(struct doc *doc, struct diag *diag)
{
	struct node	*date, *first, *c;
	struct buf	 t = BUF_INIT;
	size_t		 notes = 0, marked = 0, k;

	/* The date: the last paragraph, or one before bracketed notes. */
	for (date = doc->root->last_child; date != NULL; date = date->prev) {
		if (!para_text(date, &t))
			goto out;
		if (letter_date_line(t.ptr, t.len))
			break;
		if (!after_date_line(t.ptr, t.len) || ++notes > MAX_NOTES)
			goto out;
	}
	if (date == NULL)
		goto out;
	first = date;
	for (k = 0, c = date->prev; k < MAX_SIGNERS && para_text(c, &t) &&
	    signer_line(t.ptr, t.len); k++, c = c->prev)
		first = c;
	/* A closing closes a text: text must come before it. */
	if (first->prev == NULL || (first->prev == doc->root->first_child &&
	    role_of(first->prev) == PARA_ADDRESSEE))
		goto out;
	for (c = first; c != date->next; c = c->next) {
		c->as.para.role = c == date ? PARA_DATE : PARA_SIGNER;
		c->rule = c == date ? "closing: the date under the text" :
		    "closing: the sender above the date";
		marked++;
	}
	para_text(date, &t);
	diag_note(diag, "line %u: the text closes with %zu line(s) of "
	    "sender and its date %.*s", first->line, marked - 1,
	    (int)t.len, t.ptr);
out:
	buf_free(&t);
	return marked;
}

size_t
letter_mark(struct doc *doc, struct diag *diag)
{
	size_t	 n = mark_addressee(doc, diag);

	n += mark_salute(doc, diag);
	return n + mark_closing(doc, diag);
}
