/*
 * Pictures and tables of a web page (html_conv.h): which <img> is the
 * article's picture and which text below it its caption, and which
 * <table> holds data rather than the page's layout.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tree/alloc.h"
#include "tree/buf.h"
#include "tree/utf8.h"
#include "html_conv.h"

static const char *const caption_words[] = {
	"caption", "pictext", "pic_txt", "pictxt", "pic-txt", "img_desc",
	"imgdesc", "img-desc", "photo_desc", "tuzhu", "img_title", "pic_title",
	"figcaption", "image-caption", "imgtxt", "img_txt", NULL
};

static int
centered(const struct hdom *dom, const struct hnode *n)
{
	const char	*v;

	if (n == NULL || n->tag == HT_TEXT)
		return 0;
	if (n->tag == HT_CENTER)
		return 1;
	if ((v = hdom_attr(dom, n, HA_ALIGN)) != NULL &&
	    strcasecmp(v, "center") == 0)
		return 1;
	if ((v = hdom_attr(dom, n, HA_STYLE)) != NULL) {
		const char *p = v;
		size_t	 k;

		/* "text-align: center", any case, any spacing. */
		for (; *p != '\0'; p++) {
			if (strncasecmp(p, "text-align", 10) != 0)
				continue;
			for (k = 10; p[k] == ' ' || p[k] == ':'; k++)
				;
			if (strncasecmp(p + k, "center", 6) == 0)
				return 1;
		}
	}
	return 0;
}

/*
 * Does the element a paragraph started in look like a caption's: a
 * caption class, or centred with all of its text bold?
 */
int
html_caption_hint(const struct hdom *dom, const struct hnode *el,
    int all_bold)
{
	if (el == NULL)
		return 0;
	return hdom_class_has(dom, el, caption_words) ||
	    (centered(dom, el) && all_bold);
}

static int
placeholder_src(const char *src)
{
	return src == NULL || *src == '\0' || strncasecmp(src, "data:", 5) == 0 ||
	    hdom_contains_nocase(src, "blank.gif") ||
	    hdom_contains_nocase(src, "spacer.gif") ||
	    hdom_contains_nocase(src, "none.gif") ||
	    hdom_contains_nocase(src, "loading") ||
	    hdom_contains_nocase(src, "grey.gif") ||
	    hdom_contains_nocase(src, "placeholder");
}

/* Decorations that are not the article's pictures. */
static int
decoration(const struct hdom *dom, const struct hnode *img, const char *src)
{
	static const char *const words[] = {
		"logo", "icon", "qrcode", "qr_code", "erweima", "ewm", "avatar",
		"share", "arrow", "button", "btn_", "spacer", "pixel", "emoji",
		"smiley", NULL
	};
	const char	*w = hdom_attr(dom, img, HA_WIDTH);
	const char	*h = hdom_attr(dom, img, HA_HEIGHT);
	size_t		 i;

	if ((w != NULL && *w != '\0' && atoi(w) > 0 && atoi(w) <= 40) ||
	    (h != NULL && *h != '\0' && atoi(h) > 0 && atoi(h) <= 40))
		return 1;
	for (i = 0; words[i] != NULL; i++)
		if (hdom_contains_nocase(src, words[i]))
			return 1;
	return hdom_class_has(dom, img, words);
}

struct node *
html_figure(const struct hdom *dom, const struct hnode *img)
{
	const char	*src = hdom_attr(dom, img, HA_SRC);
	const char	*lazy = hdom_attr(dom, img, HA_LAZY_SRC);
	const char	*alt = hdom_attr(dom, img, HA_ALT);
	struct node	*f;

	if (placeholder_src(src) && lazy != NULL && !placeholder_src(lazy))
		src = lazy;
	if (placeholder_src(src) || decoration(dom, img, src))
		return NULL;
	f = node_new(NODE_FIGURE);
	f->as.figure.src = xstrdup(src);
	if (alt != NULL) {
		struct buf a = BUF_INIT;
		struct node tmp;

		/* The alt text, white space collapsed like any text. */
		memset(&tmp, 0, sizeof(tmp));
		tmp.type = NODE_PARAGRAPH;
		node_append_text(&tmp, alt, strlen(alt));
		node_trim_text(&tmp, uc_is_space);
		node_text(&tmp, &a);
		if (a.len > 0)
			f->as.figure.alt = buf_detach(&a, NULL);
		buf_free(&a);
		while (tmp.first_child != NULL)
			node_free(tmp.first_child);
	}
	return f;
}

/*
 * A data table has rows of at least two cells, no table inside it and no
 * long text in a cell; anything else is page layout and is read through.
 */
int
html_data_table(const struct hdom *dom, const struct hnode *table)
{
	const struct hnode *n;
	size_t		 rows = 0, cells = 0, maxcells = 0;

	(void)dom;
	for (n = hdom_next(table, table, 0); n != NULL;
	    n = hdom_next(table, n, 0)) {
		switch (n->tag) {
		case HT_TABLE:
		case HT_UL:
		case HT_OL:
		case HT_BLOCKQUOTE:
		case HT_H1: case HT_H2: case HT_H3:
		case HT_H4: case HT_H5: case HT_H6:
			return 0;
		case HT_TR:
			rows++;
			cells = 0;
			break;
		case HT_TD:
		case HT_TH:
			if (n->chars > 300)
				return 0;
			if (++cells > maxcells)
				maxcells = cells;
			break;
		default:
			break;
		}
	}
	return rows >= 2 && maxcells >= 2;
}
