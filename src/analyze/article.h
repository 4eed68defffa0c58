/*
 * What all readers share about an article's head: recognising metadata
 * lines ("2021-10-14 14:46| 发布者: …| 来自: 嘉兴老干部", "来源：江西日报",
 * "时间：2026-02-05"), dates, site chrome and footer lines, and the
 * language of the text; and the traits of Chinese prose that the
 * heading heuristics of the outline and web page passes both use.
 */
#ifndef ARTCONV_ARTICLE_H
#define ARTCONV_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

#include "tree/doc.h"

/* Fields found on metadata lines; owned strings, NULL when absent. */
struct article_meta {
	char	*date;		/* normalised: YYYY-MM-DD[ HH:MM[:SS]] */
	char	*author;
	char	*publisher;
	char	*source;
	char	*views;
};

/*
 * Returns 1 if s[0..len) is a metadata line and adds its fields to meta
 * (fields already set are kept).  A metadata line is short and either
 * holds a date together with a label (发布者 作者 来源 来自 查看 浏览 点击
 * 阅读 评论 时间 日期 …) followed by a colon, or starts with such a label.
 */
int	 article_meta_line(const char *s, size_t len, struct article_meta *meta);
/* Copies the fields that are set into doc's metadata (not overwriting). */
void	 article_meta_apply(const struct article_meta *meta, struct doc *doc);
void	 article_meta_free(struct article_meta *meta);

/*
 * Finds a date in s[0..len) (2021-10-14, 2021/10/14, 2021.10.14,
 * 2021年10月14日, each optionally followed by a time such as 14:46) and
 * returns it normalised as a new string ("2021-10-14 14:46"), or NULL.
 * *start and *end, when not NULL, receive its byte range.
 */
char	*article_find_date(const char *s, size_t len, size_t *start,
	    size_t *end);

/*
 * A headline printed with its subtitle after a dash ("主题——副题", as news
 * and reports print them): returns the byte offset of the "——" when both
 * sides have 4 characters or more, else 0.
 */
size_t	 article_subtitle_dash(const char *s, size_t len);
/*
 * Splits doc's title at article_subtitle_dash(): the part after the dash
 * goes in front of the subtitle.  Returns 1 if it did.
 */
int	 article_split_title(struct doc *doc);

/*
 * Where page title t's first site separator starts ("_", " - ", "--",
 * " | " …; a tight one only after four characters or more); *seplen is
 * its length.  NULL when t has none.
 */
const char *article_site_separator(const char *title, size_t *seplen);
/*
 * Cuts a site name off a page title: "标题_网易新闻" and "标题 - 山西省人民
 * 政府门户网站" give "标题".  Returns a new string.
 */
char	*article_strip_site(const char *title);
/* A short line of site navigation (设为首页, 登录, 【字号：…). */
int	 article_chrome_line(const char *s, size_t len);
/*
 * Is s[0..len) article text that no site chrome is: over 60 characters,
 * or a sentence ending in 。！？ (chrome is short link text)?  A head
 * found under such a line is no page head (a notice's closing sender and
 * date are not a title over a metadata line).
 */
#define ARTICLE_CHROME_MAX	60
/*
 * Does s[0..len) open with the 发文字号 of an official document (GB/T 9704
 * §7.2.4): the issuer's code, the year in 〔〕 and the number,
 * "平政办发〔2026〕12号", possibly with 签发人 after it on the line?  The
 * year may be bracketed [2026] or （2026）, as typed by people without the
 * 六角括号.
 */
int	 article_document_number(const char *s, size_t len);
int	 article_text_line(const char *s, size_t len);
/*
 * A breadcrumb: where the page sits in the site, as a label and a path
 * (当前位置：首页 >> 学习园地 >> 正文) or a path from the home page
 * (首页 > 新闻中心 > 公司要闻).  At most 60 characters.
 */
int	 article_breadcrumb(const char *s, size_t len);
/*
 * A path of short names (新闻中心 > 国内新闻 > 正文): two or more steps
 * (> » →), no name longer than ten characters, at most 60 in all.  Weaker
 * than article_breadcrumb(): for the lines above a title, where text
 * never stands.
 */
int	 article_path_line(const char *s, size_t len);
/*
 * A line that starts a page footer (最新评论, 回顶部, 相关报道：, 上一篇…,
 * the editor's credit 【纠错】【责任编辑：…】 or （责任编辑：…）): what
 * follows it is not part of the article.
 */
int	 article_footer_line(const char *s, size_t len);
/*
 * The mark that ends a public-account post: "END", "— END —", "▌END",
 * "-END-" (the word END in any case, alone but for white space, dashes,
 * bars and bullets).  What follows it may still be the post's credits.
 */
int	 article_end_mark(const char *s, size_t len);
/*
 * "zh-TW" when the text is mostly Traditional Chinese, else "zh-CN"; it
 * looks at no more than the first LANG_SAMPLE_BYTES.
 */
#define LANG_SAMPLE_BYTES (8 * 1024)
const char *article_guess_lang(const char *s, size_t len);

/*
 * Do strings a and b (valid UTF-8) say the same, as titles are compared
 * (a headline against the title taken from metadata, front matter or the
 * page's <title>)?  They do when they are equal after utf8_fold(): all
 * white space is ignored, wherever it stands (ASCII spaces, tabs and
 * newlines, NBSP, U+3000 and the other Unicode spaces), so "标题 一" and
 * "标题一" match; full-width ASCII counts as ASCII ("ＡＢ" is "AB").
 * Nothing else is folded: case and punctuation count.
 */
int	 article_same_text(const char *a, const char *b);

/*
 * A character a line cannot end with unless it breaks off mid-phrase
 * (的和与及或在是对把将为从向以了着之被并而): such a line is no heading.
 */
int	 article_connective(uint32_t cp);

/*
 * Is cp a unit after a number that makes it a quantity (2.5 万, 3 个) or,
 * after a whole number (whole set), a date or a time (3 月, 8 时)?  Text set
 * with spaces between figures and words (PDF copies, 盘古之白 on the web)
 * puts them apart.
 */
int	 article_quantity_unit(uint32_t cp, int whole);
/* Value of a Chinese numeral digit (〇 零 0, 一 1, 二 两 2 … 九 9), or -1. */
int	 article_cn_digit(uint32_t cp);
/*
 * Parses the Chinese numeral at s[*pos], advancing *pos past it.  Returns
 * its value (at least 1), or -1 with *pos unchanged if there is none.
 * ARTICLE_CN_ANY reads 一 … 九百九十九, with 〇 零 两 as digits;
 * ARTICLE_CN_SMALL only 一 … 九十九 written with 一 … 九 and one 十, so
 * the numeral of "第一百" is 一 and the one of "两、" is none.
 */
#define ARTICLE_CN_ANY		0
#define ARTICLE_CN_SMALL	1
int	 article_cn_number(const char *s, size_t len, size_t *pos, int form);

/*
 * Is s[0..len) a news credit: "记者　刘畅　通讯员　赵亮", "本报评论员",
 * "文/…", also after the outlet's name ("澎湃新闻记者 曹雨 实习生 孙可")?
 * At most 30 characters, no 。 or ，, never a dateline (…日电, 本报讯).
 */
int	 article_news_credit(const char *s, size_t len);
/*
 * Is s (the text of a block right below a picture) the picture's caption,
 * by the way Chinese captions are written ("图为…", "…摄", "▲…")?  hinted
 * is set when the source's layout (a caption class, centring, all bold)
 * suggests one.
 */
int	 article_caption_text(const char *s, size_t len, int hinted);

/*
 * Could s be a headline?  2-80 characters, not ending like a clause
 * (。，；：、), no full stop inside (a headline is one phrase).
 */
int	 article_title_shaped(const char *s, size_t len);

struct diag;

/*
 * Cuts a saved page's footer from doc: from a footer line (相关阅读,
 * 上一篇, 往期推荐, 责任编辑：… — article_footer_line()) that is a
 * paragraph or heading in the last part of the body (40 % of its blocks
 * or of its text) on, unless what follows it outweighs what comes before.
 * who names the reader in the -v notes ("html", "md").
 */
void	 article_cut_footer(struct doc *doc, const char *who,
	    struct diag *diag);

#endif
