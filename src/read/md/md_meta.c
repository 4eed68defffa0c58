/*
 * What surrounds the Markdown of an article: YAML front matter, the top
 * "#" heading that is its title, and the site footer after a last rule.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze/article.h"
#include "analyze/outline.h"
#include "analyze/shape_text.h"
#include "tree/alloc.h"
#include "tree/buf.h"
#include "tree/utf8.h"
#include "md_int.h"

/* --- front matter -------------------------------------------------------- */

/* Unquotes a YAML scalar ("…" with escapes, '…', or plain) into out. */
static void
yaml_scalar(const char *s, size_t len, struct buf *out)
{
	size_t	 i;

	md_trim(&s, &len);
	if (len >= 2 && s[0] == '"' && s[len - 1] == '"') {
		for (i = 1; i + 1 < len; i++) {
			if (s[i] != '\\' || i + 2 >= len) {
				buf_putc(out, s[i]);
				continue;
			}
			switch (s[++i]) {
			case 'n': buf_putc(out, '\n'); break;
			case 't': buf_putc(out, '\t'); break;
			case 'u':
				if (i + 4 < len) {
					char hex[5];
					unsigned long cp;

					memcpy(hex, s + i + 1, 4);
					hex[4] = '\0';
					cp = strtoul(hex, NULL, 16);
					if (cp > 0 && (cp < 0xD800 || cp > 0xDFFF))
						buf_put_utf8(out, (unsigned int)cp);
					i += 4;
				}
				break;
			default: buf_putc(out, s[i]); break;
			}
		}
		return;
	}
	if (len >= 2 && s[0] == '\'' && s[len - 1] == '\'') {
		for (i = 1; i + 1 < len; i++) {
			buf_putc(out, s[i]);
			if (s[i] == '\'' && s[i + 1] == '\'')
				i++;
		}
		return;
	}
	buf_put(out, s, len);
}

static const struct {
	const char	*key;
	int		 meta;		/* enum meta_key, or -1: ignored */
} fm_keys[] = {
	{ "title", META_TITLE }, { "subtitle", META_SUBTITLE },
	{ "kicker", META_KICKER }, { "date", META_DATE },
	{ "published", META_DATE }, { "pubdate", META_DATE },
	{ "author", META_AUTHOR }, { "authors", META_AUTHOR },
	{ "publisher", META_PUBLISHER }, { "source", META_SOURCE },
	{ "original_url", META_URL }, { "canonical_url", META_URL },
	{ "source_url", META_URL }, { "url", META_URL }, { "link", META_URL },
	{ "lang", META_LANG }, { "language", META_LANG },
};

static size_t	 front_matter_at(const char *, size_t, struct doc *,
		    unsigned int *, struct diag *);

/*
 * Reads YAML front matter at the start of s, after blank lines (a site
 * generator's stray first newline).  Returns the bytes it takes, blank
 * lines included (0 if there is none), and counts its lines in *lines.
 */
size_t
md_front_matter(const char *s, size_t len, struct doc *doc, unsigned int *lines,
    struct diag *diag)
{
	size_t		 lead = 0, e, took;
	unsigned int	 blank = 0;

	for (;;) {
		for (e = lead; e < len && (s[e] == ' ' || s[e] == '\t' ||
		    s[e] == '\r'); e++)
			;
		if (e >= len || s[e] != '\n' || blank >= 16)
			break;
		lead = e + 1;
		blank++;
	}
	took = front_matter_at(s + lead, len - lead, doc, lines, diag);
	if (took == 0)
		return 0;
	*lines += blank;
	return lead + took;
}

static size_t
front_matter_at(const char *s, size_t len, struct doc *doc,
    unsigned int *lines, struct diag *diag)
{
	struct buf	 ignored = BUF_INIT, val = BUF_INIT;
	size_t		 pos, end = 0, a, e, k, nvals = 0, cut;
	const char	*line, *colon;
	size_t		 llen;
	int		 key = -2, got_url_first = 0;
	char		 name[32];

	*lines = 0;
	if (len < 4 || memcmp(s, "---", 3) != 0 || (s[3] != '\n' &&
	    s[3] != '\r'))
		return 0;
	/* The closing --- (or ...) line, within 64 KB. */
	for (pos = strcspn(s, "\n") + 1; pos < len && pos < 65536; ) {
		e = pos;
		while (e < len && s[e] != '\n')
			e++;
		llen = e - pos;
		if (llen > 0 && s[pos + llen - 1] == '\r')
			llen--;
		if (llen == 3 && (memcmp(s + pos, "---", 3) == 0 ||
		    memcmp(s + pos, "...", 3) == 0)) {
			end = e < len ? e + 1 : e;
			break;
		}
		pos = e + 1;
	}
	if (end == 0)
		return 0;
	for (pos = 0; pos < end; pos++)
		*lines += s[pos] == '\n';
	for (pos = strcspn(s, "\n") + 1; pos < end; pos = e + 1) {
		e = pos;
		while (e < end && s[e] != '\n')
			e++;
		line = s + pos;
		llen = e - pos;
		if (llen > 0 && line[llen - 1] == '\r')
			llen--;
		if (llen == 3 && (memcmp(line, "---", 3) == 0 ||
		    memcmp(line, "...", 3) == 0))
			break;
		md_trim(&line, &llen);
		if (llen == 0 || line[0] == '#')
			continue;
		if (line[0] == '-' && (llen == 1 || line[1] == ' ')) {
			/* A list item of the last key. */
			nvals++;
			if (key >= 0 && doc->meta[key] == NULL) {
				buf_truncate(&val, 0);
				yaml_scalar(line + 1, llen - 1, &val);
				if (val.len > 0)
					doc_set_meta(doc, (enum meta_key)key,
					    val.ptr);
			}
			continue;
		}
		if (pos > 0 && (s[pos] == ' ' || s[pos] == '\t'))
			continue;	/* a nested mapping: not ours */
		if ((colon = memchr(line, ':', llen)) == NULL)
			continue;
		a = (size_t)(colon - line);
		if (nvals > 0 && key == -1)
			buf_printf(&ignored, " (%zu values)", nvals);
		nvals = 0;
		key = -1;
		for (k = 0; k < sizeof(fm_keys) / sizeof(fm_keys[0]); k++)
			if (strlen(fm_keys[k].key) == a &&
			    strncasecmp(line, fm_keys[k].key, a) == 0) {
				key = fm_keys[k].meta;
				break;
			}
		buf_truncate(&val, 0);
		yaml_scalar(colon + 1, llen - a - 1, &val);
		if (key < 0) {
			/* At most 31 bytes, cut between characters. */
			cut = a < 31 ? a : 31;
			while (cut > 0 && cut < a &&
			    ((unsigned char)line[cut] & 0xC0) == 0x80)
				cut--;
			snprintf(name, sizeof(name), "%.*s", (int)cut, line);
			if (ignored.len > 0)
				BUF_PUTSL(&ignored, ",");
			buf_printf(&ignored, " %s", name);
			if (val.len > 0 && val.ptr[0] == '[')
				buf_printf(&ignored, " (%s)", val.ptr);
			else if (val.len > 0 && val.len < 40)
				buf_printf(&ignored, " (%s)", val.ptr);
			continue;
		}
		if (val.len == 0)
			continue;
		if (key == META_DATE) {
			char *d = article_find_date(val.ptr, val.len, NULL, NULL);

			if (d != NULL) {
				buf_truncate(&val, 0);
				buf_puts(&val, d);
				free(d);
			}
		}
		/*
		 * Web clippers (Obsidian's, MarkDownload) write the page's
		 * address as source: an address is the URL, not a source.
		 */
		if (key == META_SOURCE && (strncasecmp(val.ptr, "http://", 7)
		    == 0 || strncasecmp(val.ptr, "https://", 8) == 0))
			key = META_URL;
		/* original_url beats an archive's url. */
		if (key == META_URL && strncasecmp(line, "original_url", 12) == 0)
			got_url_first = 1;
		else if (key == META_URL && got_url_first)
			continue;
		if (key == META_URL || doc->meta[key] == NULL)
			doc_set_meta(doc, (enum meta_key)key, val.ptr);
	}
	if (nvals > 0 && key == -1)
		buf_printf(&ignored, " (%zu values)", nvals);
	if (ignored.len > 0)
		diag_note(diag, "front matter: not used:%s", ignored.ptr);
	diag_note(diag, "front matter: %u lines", *lines);
	buf_free(&ignored);
	buf_free(&val);
	return end;
}

/* --- after the walk ------------------------------------------------------ */

/* The one link a heading is made of, or NULL. */
static const struct node *
only_link(const struct node *h)
{
	const struct node *c = h->first_child;

	while (c != NULL && c == h->last_child && (c->type == NODE_STRONG ||
	    c->type == NODE_EMPH))
		c = c->first_child;
	if (c == NULL || c->type != NODE_LINK || c->parent->last_child != c ||
	    c->parent->first_child != c)
		return NULL;
	return c;
}

/*
 * A paragraph, or a quote of one paragraph: how Markdown writers set a
 * metadata line ("> 来源：…｜2024-12-20").
 */
static int
line_block(const struct node *n)
{
	return n != NULL && (n->type == NODE_PARAGRAPH ||
	    (n->type == NODE_QUOTE && n->first_child != NULL &&
	    n->first_child == n->last_child &&
	    n->first_child->type == NODE_PARAGRAPH));
}

/* Is n a metadata line ("日期：…", "来源：…")? */
static int
meta_follows(const struct node *n)
{
	struct article_meta	 meta = { 0 };
	struct buf		 t = BUF_INIT;
	int			 yes;

	if (!line_block(n))
		return 0;
	node_text(n, &t);
	yes = article_meta_line(t.ptr != NULL ? t.ptr : "", t.len, &meta);
	article_meta_free(&meta);
	buf_free(&t);
	return yes;
}

/*
 * Metadata lines right under the title ("日期：Tue, 30 Jun 2020 …",
 * "来源：…"): their fields go to the metadata, the lines leave the body.
 */
static void
take_meta_lines(struct doc *doc, struct node *from, struct diag *diag)
{
	struct article_meta	 meta = { 0 };
	struct node		*c, *next;
	struct buf		 t = BUF_INIT;
	size_t			 k;

	for (c = from, k = 0; c != NULL && k < 3; c = next, k++) {
		next = c->next;
		if (!line_block(c))
			break;
		buf_truncate(&t, 0);
		node_text(c, &t);
		if (article_chrome_line(t.ptr, t.len)) {
			/* The page's toolbar, saved with it (【字体：大 中 小】). */
			diag_note(diag, "line %u: toolbar under the title left "
			    "out (%zu bytes): %s", c->line, t.len, t.ptr);
			node_free(c);
			continue;
		}
		if (!article_meta_line(t.ptr, t.len, &meta))
			break;
		diag_note(diag, "line %u: metadata line under the title (%zu "
		    "bytes, into the metadata): %s", c->line, t.len, t.ptr);
		node_free(c);
	}
	article_meta_apply(&meta, doc);
	article_meta_free(&meta);
	buf_free(&t);
}

/*
 * Opening paragraph c, one inline of type inner (NODE_STRONG: all in
 * bold; NODE_TEXT: plain), shaped like a headline, in an article with no
 * heading of level 1 and no title in its front matter?
 */
static int
opening_headline(const struct doc *doc, const struct node *c,
    enum node_type inner)
{
	const struct node *n;
	struct buf	 t = BUF_INIT;
	int		 yes;

	if (c->type != NODE_PARAGRAPH || c->first_child == NULL ||
	    c->first_child != c->last_child ||
	    c->first_child->type != inner || doc->meta[META_TITLE] != NULL)
		return 0;
	/*
	 * A "#" heading further down would be the title, unless it is
	 * numbered ("# 一、基本情况"): then "#" is the outline's first
	 * level, as Word files converted by pandoc write it.
	 */
	for (n = c->next; n != NULL; n = n->next) {
		if (n->type != NODE_HEADING || n->as.heading.level != 1)
			continue;
		buf_truncate(&t, 0);
		node_text(n, &t);
		if (!outline_numbered(t.ptr, t.len)) {
			buf_free(&t);
			return 0;
		}
	}
	buf_truncate(&t, 0);
	node_text(c, &t);
	yes = t.len > 0 && article_title_shaped(t.ptr, t.len);
	buf_free(&t);
	return yes;
}

/*
 * The title as Word files converted to Markdown (pandoc, editors' "copy
 * as Markdown") write it: such a paragraph all in bold, with text after
 * it; or written as a line of text, plain, with a metadata line right
 * under it ("> 来源：…｜2024-12-20").
 */
static int
opening_title(const struct doc *doc, const struct node *c)
{
	if (c->next != NULL && c->next->type == NODE_PARAGRAPH &&
	    opening_headline(doc, c, NODE_STRONG))
		return 1;
	return meta_follows(c->next) && opening_headline(doc, c, NODE_TEXT);
}

/*
 * The title of a Markdown article is the heading it opens with (only
 * figures and rules may stand above it) when no other heading is at its
 * level or above: a "#" line, or the first line of the file underlined
 * (setext: ==== or ----, often a link to the original, as archives write
 * it).  A "## 说明" at the top is a section, not a title.  It becomes the
 * title when the front matter has none (a link's address the URL), and
 * leaves the body when it repeats the title; metadata lines under it
 * follow it into the metadata.
 */
/*
 * A clipping extension's credit above the headline ("本文由 简悦 SimpRead
 * 转码， 原文地址 …"): short, naming the original's address.
 */
static int
clipper_credit(const char *s, size_t len)
{
	return utf8_count(s, len) <= 80 && (strstr(s, "原文地址") != NULL ||
	    strstr(s, "原文链接") != NULL) && (strstr(s, "转码") != NULL ||
	    strstr(s, "SimpRead") != NULL || strstr(s, "剪藏") != NULL ||
	    strstr(s, "保存") != NULL);
}

/* Drops the site's lines from first up to (not including) stop. */
static void
drop_before(struct node *first, struct node *stop, struct diag *diag)
{
	struct node	*c, *next;

	for (c = first; c != NULL && c != stop; c = next) {
		next = c->next;
		diag_note(diag, "line %u: site chrome above the title left "
		    "out", c->line);
		node_free(c);
	}
}

/*
 * The one later heading at h1's level or above, when it restates h1's
 * text without what h1 puts before it (a tag, the note's label: "#
 * [投稿g0v.news] 再開放空總黑客松" … "# 再開放空總黑客松"), with no other
 * between; else NULL.
 */
static struct node *
restated_headline(const struct node *h1)
{
	struct node	*c, *found = NULL;
	struct buf	 a = BUF_INIT, b = BUF_INIT, fa = BUF_INIT,
			 fb = BUF_INIT;
	int		 ok = 0;

	for (c = h1->next; c != NULL; c = c->next)
		if (c->type == NODE_HEADING &&
		    c->as.heading.level <= h1->as.heading.level) {
			if (found != NULL)
				return NULL;
			found = c;
		}
	if (found == NULL || found->as.heading.level !=
	    h1->as.heading.level)
		return NULL;
	node_text(h1, &a);
	node_text(found, &b);
	utf8_fold(a.ptr != NULL ? a.ptr : "", &fa);
	utf8_fold(b.ptr != NULL ? b.ptr : "", &fb);
	ok = fb.len >= 12 && fb.len < fa.len &&
	    memcmp(fa.ptr + fa.len - fb.len, fb.ptr, fb.len) == 0;
	buf_free(&a);
	buf_free(&b);
	buf_free(&fa);
	buf_free(&fb);
	return ok ? found : NULL;
}

void
md_take_title(struct doc *doc, int top_setext, struct diag *diag)
{
	struct node	*c, *h1 = NULL, *after, *first;
	size_t		 k;
	const struct node *link;
	struct buf	 t = BUF_INIT;

	for (c = doc->root->first_child; c != NULL; c = c->next)
		if (c->type != NODE_FIGURE && c->type != NODE_RULE)
			break;
	if (c != NULL && opening_title(doc, c)) {
		node_text(c, &t);
		after = c->next;
		doc_set_meta(doc, META_TITLE, t.ptr);
		diag_note(diag, "line %u: a headline-shaped line opens the "
		    "article, bold or over a metadata line: the title",
		    c->line);
		node_free(c);
		take_meta_lines(doc, after, diag);
		buf_free(&t);
		return;
	}
	/*
	 * A clipped page may keep its breadcrumb above the headline
	 * (当前位置：[首页](…) > [组工动态](…)): skipped here, dropped with
	 * the headline it stands over.
	 */
	for (first = c, k = 0; c != NULL && k < 3 && (c->type ==
	    NODE_PARAGRAPH || c->type == NODE_QUOTE); c = c->next, k++) {
		buf_truncate(&t, 0);
		node_text(c, &t);
		if (!article_breadcrumb(t.ptr, t.len) &&
		    !article_chrome_line(t.ptr, t.len) &&
		    !clipper_credit(t.ptr, t.len))
			break;
	}
	if (c == NULL || c->type != NODE_HEADING)
		goto out;
	buf_truncate(&t, 0);
	node_text(c, &t);
	/* The front matter's title, repeated by a heading of any level. */
	if (doc->meta[META_TITLE] != NULL &&
	    article_same_text(doc->meta[META_TITLE], t.ptr)) {
		diag_note(diag, "line %u: the heading the article opens with "
		    "repeats the title", c->line);
		drop_before(first, c, diag);
		after = c->next;
		node_free(c);
		take_meta_lines(doc, after, diag);
		goto out;
	}
	buf_truncate(&t, 0);
	if (c->as.heading.level != 1 && !top_setext)
		goto out;
	h1 = c;
	/*
	 * An underlined link to the original, or a first line with the
	 * date under it, is the title whatever headings follow.
	 */
	if (!(top_setext && (only_link(h1) != NULL ||
	    meta_follows(h1->next))))
		for (c = h1->next; c != NULL; c = c->next)
			if (c->type == NODE_HEADING &&
			    c->as.heading.level <= h1->as.heading.level) {
				if ((c = restated_headline(h1)) == NULL)
					goto out;
				/*
				 * A draft's or a note's own heading over
				 * the article's ("# [投稿] 标题" … "# 标题"):
				 * the first stays as text.
				 */
				diag_note(diag, "line %u: the heading restates "
				    "line %u's: the article's title, line %u's "
				    "text", c->line, h1->line, h1->line);
				h1->type = NODE_PARAGRAPH;
				memset(&h1->as, 0, sizeof(h1->as));
				h1->rule = "a heading the article's title "
				    "restates: text";
				first = h1 = c;
				break;
			}
	node_text(h1, &t);
	after = h1->next;
	if (doc->meta[META_TITLE] == NULL && doc->meta[META_URL] != NULL) {
		/*
		 * A clipped page (its address in the front matter) heads
		 * with the page's <title>: "标题--理论-江城网".
		 */
		char *stem = article_strip_site(t.ptr);

		if (strlen(stem) < t.len && utf8_count(t.ptr + strlen(stem),
		    t.len - strlen(stem)) <= 20) {
			diag_note(diag, "line %u: the site's name after the "
			    "clipped page's title left out: %s", h1->line,
			    t.ptr + strlen(stem));
			buf_truncate(&t, 0);
			buf_puts(&t, stem);
		}
		free(stem);
	}
	if (doc->meta[META_TITLE] == NULL) {
		doc_set_meta(doc, META_TITLE, t.ptr);
		if ((link = only_link(h1)) != NULL &&
		    doc->meta[META_URL] == NULL && link->as.link.url != NULL &&
		    *link->as.link.url != '\0')
			doc_set_meta(doc, META_URL, link->as.link.url);
		diag_note(diag, "line %u: the heading the article opens with "
		    "(level %d, no other at its level) is the title%s",
		    h1->line, h1->as.heading.level, link != NULL ?
		    "; its link the address" : "");
		drop_before(first, h1, diag);
		node_free(h1);
		take_meta_lines(doc, after, diag);
	} else if (article_same_text(doc->meta[META_TITLE], t.ptr)) {
		diag_note(diag, "line %u: the heading the article opens with "
		    "repeats the title", h1->line);
		drop_before(first, h1, diag);
		node_free(h1);
		take_meta_lines(doc, after, diag);
	}
out:
	buf_free(&t);
}

/* Text of the paragraphs under n, headings left out. */
static void
paragraph_text(const struct node *n, struct buf *out)
{
	const struct node *c;

	for (c = n->first_child; c != NULL; c = c->next)
		if (c->type == NODE_PARAGRAPH)
			node_text(c, out);
}

/* Does quote q open with MarkDownload's "## Excerpt" heading? */
static int
excerpt_heading(const struct node *q)
{
	const struct node *h = q->first_child;
	struct buf	 t = BUF_INIT;
	int		 yes;

	if (h == NULL || h->type != NODE_HEADING)
		return 0;
	node_text(h, &t);
	yes = t.len == 7 && strncasecmp(t.ptr, "Excerpt", 7) == 0;
	buf_free(&t);
	return yes;
}

/*
 * A clipper's excerpt above the text ("> ## Excerpt" and the page's
 * description, as MarkDownload writes it): a quote at the top whose text
 * is the opening of the article's first paragraph (four fifths of it the
 * same, the description often cut or ending otherwise) repeats the text
 * and is left out, with the rules that fenced it; so is a quote headed
 * "Excerpt", MarkDownload's own, whatever part of the page it quotes.
 */
void
md_drop_excerpt(struct doc *doc, struct diag *diag)
{
	struct node	*q = doc->root->first_child, *c, *next;
	struct buf	 a = BUF_INIT, b = BUF_INIT;
	size_t		 same = 0, k;

	if (q == NULL || q->type != NODE_QUOTE)
		return;
	paragraph_text(q, &a);
	for (c = q->next, k = 0; c != NULL && k < 6; c = c->next, k++) {
		if (c->type != NODE_PARAGRAPH)
			continue;
		buf_truncate(&b, 0);
		node_text(c, &b);
		if (utf8_count(b.ptr, b.len) >= 20 &&
		    ht_ends_sentence(b.ptr, b.len))
			break;
	}
	if (c != NULL && a.len >= 30)
		while (same < a.len && same < b.len && a.ptr[same] ==
		    b.ptr[same])
			same++;
	if (excerpt_heading(q) || (c != NULL && a.len >= 30 &&
	    same * 5 >= a.len * 4)) {
		diag_note(diag, "line %u: a quote repeating the opening of the "
		    "text (a clipper's excerpt) left out (%zu bytes)", q->line,
		    a.len);
		node_free(q);
		for (c = doc->root->first_child; c != NULL &&
		    c->type == NODE_RULE; c = next) {
			next = c->next;
			node_free(c);
		}
	}
	buf_free(&a);
	buf_free(&b);
}

/*
 * Words of a site's furniture after an article: subscription and share
 * pleas, copyright and reprint notices, author boxes, tag lists.
 */
static int
chrome_words(const char *s, size_t len)
{
	static const char *const words[] = {
		"订阅", "訂閱", "关注", "關注", "分享", "转载", "轉載", "版权",
		"版權", "评论", "評論", "留言", "扫码", "掃碼", "二维码",
		"二維碼", "赞赏", "讚賞", "点赞", "博客", "作者简介", "作者簡介",
		"原文链接", "原文鏈接", "相关阅读", "相關閱讀", "延伸阅读",
		"推荐阅读", "Feed", "Post tags", "Tags:", "标签", "標籤",
		"Copyright", "All rights", "订户", "訂戶", "支持我们的工作",
		"支持我們的工作",
	};
	size_t	 i, n, k;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		n = strlen(words[i]);
		for (k = 0; k + n <= len; k++)
			if (memcmp(s + k, words[i], n) == 0)
				return 1;
	}
	return 0;
}

/* The line heading an author box: the author's blog, or 作者简介. */
static int
author_box(const char *s, size_t len)
{
	return utf8_count(s, len) <= 30 && (strstr(s, "博客") != NULL ||
	    strstr(s, "作者简介") != NULL || strstr(s, "作者簡介") != NULL ||
	    strstr(s, "关于作者") != NULL || strstr(s, "關於作者") != NULL);
}

/*
 * Letters in s (Han characters and Latin letters): a sentence of article
 * text has words, where a stamp ("（更新时间戳： 1741179706911）") has
 * figures.
 */
static size_t
letters(const char *s, size_t len)
{
	size_t		 pos = 0, n = 0;
	uint32_t	 cp;

	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		n += uc_is_han(cp) || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= 'a' && cp <= 'z');
	}
	return n;
}

/*
 * Is the part of the document from c on a site's footer rather than the
 * article?  It is when no block of it reads as article text: a heading,
 * or a paragraph of 20 characters or more, 10 of them letters, that ends
 * a sentence, without furniture words.  Position alone never decides: a
 * transcript whose items are separated by rules goes on after every rule.
 */
static int
footer_like(const struct node *c)
{
	struct buf	 t = BUF_INIT;
	int		 text = 0, box = 0;

	for (; c != NULL && !text; c = c->next) {
		if (c->type != NODE_PARAGRAPH && c->type != NODE_HEADING &&
		    c->type != NODE_QUOTE && c->type != NODE_LIST &&
		    c->type != NODE_TABLE)
			continue;
		buf_truncate(&t, 0);
		node_text(c, &t);
		/*
		 * An author box: the name's line (博客 | 清涼, 作者简介),
		 * then one paragraph about the author.
		 */
		if (box) {
			box = 0;
			continue;
		}
		if (chrome_words(t.ptr, t.len)) {
			box = author_box(t.ptr, t.len);
			continue;
		}
		if (c->type == NODE_HEADING || c->type == NODE_TABLE ||
		    (utf8_count(t.ptr, t.len) >= 20 &&
		    letters(t.ptr, t.len) >= 10 &&
		    ht_ends_sentence(t.ptr, t.len)))
			text = 1;
	}
	buf_free(&t);
	return !text;
}

/*
 * After the last rule near the end, a few blocks that read as a site's
 * footer (author box, subscription plea, tags) are not the article.
 * Repeated while the tail stays small and footer-like; every block left
 * out is listed under -v with its size.
 */
void
md_cut_tail(struct doc *doc, struct diag *diag)
{
	struct node	*c, *rule, *next;
	struct buf	 t = BUF_INIT;
	size_t		 total, tail, blocks, cut = 0;

	for (;;) {
		total = node_text_len(doc->root);
		rule = NULL;
		for (c = doc->root->last_child; c != NULL; c = c->prev)
			if (c->type == NODE_RULE) {
				rule = c;
				break;
			}
		if (rule == NULL)
			break;
		for (tail = 0, blocks = 0, c = rule->next; c != NULL;
		    c = c->next, blocks++)
			tail += node_text_len(c);
		if (blocks > 6 || tail * 5 > total || !footer_like(rule->next))
			break;
		for (c = rule; c != NULL; c = next) {
			next = c->next;
			buf_truncate(&t, 0);
			node_text(c, &t);
			if (t.len > 0)
				diag_note(diag, "line %u: after the last rule, "
				    "site footer left out (%zu bytes): %.*s",
				    c->line, t.len,
				    (int)utf8_prefix(t.ptr, t.len, 40), t.ptr);
			node_free(c);
			cut++;
		}
	}
	/* A rule left last ends nothing. */
	while ((c = doc->root->last_child) != NULL && c->type == NODE_RULE) {
		node_free(c);
		cut++;
	}
	buf_free(&t);
	if (cut > 0)
		diag_note(diag, "%zu block%s after the last rule (site footer) "
		    "left out", cut, cut == 1 ? "" : "s");
}
