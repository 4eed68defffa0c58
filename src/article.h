/*
 * What all readers share about an article's head: recognising metadata
 * lines ("2021-10-14 14:46| 发布者: …| 来自: 嘉兴老干部", "来源：江西日报",
 * "时间：2026-02-05"), dates, site chrome and footer lines, and the
 * language of the text.
 */
#ifndef ARTCONV_ARTICLE_H
#define ARTCONV_ARTICLE_H

#include <stddef.h>

#include "doc.h"

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

/* A short line of site navigation (设为首页, 登录, 【字号：…). */
int	 article_chrome_line(const char *s, size_t len);
/*
 * A line that starts a page footer (最新评论, 回顶部, 相关报道：, 上一篇…):
 * what follows it is not part of the article.
 */
int	 article_footer_line(const char *s, size_t len);
/*
 * "zh-TW" when the text is mostly Traditional Chinese, else "zh-CN"; it
 * looks at no more than the first LANG_SAMPLE_BYTES.
 */
#define LANG_SAMPLE_BYTES (32 * 1024)
const char *article_guess_lang(const char *s, size_t len);

#endif
