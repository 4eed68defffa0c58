/*
 * What a page hides by style (html_dom.h): inline styles, the simple
 * rules of its style sheets, and class names that mean "hidden".
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tree/alloc.h"
#include "tree/utf8.h"
#include "html_dom.h"

/* --- styles -------------------------------------------------------------- */

/*
 * Calls fn for each "property: value" declaration of a style attribute
 * or rule body, with both lower-cased and trimmed and "!important"
 * removed.  Stops and returns 1 as soon as fn does.
 */
static int
each_decl(const char *s, size_t len, int (*fn)(const char *, const char *,
    void *), void *arg)
{
	char	 prop[32], val[64];
	size_t	 i = 0, n;
	char	*bang;

	while (i < len) {
		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r' || s[i] == ';'))
			i++;
		for (n = 0; i < len && s[i] != ':' && s[i] != ';'; i++)
			if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' &&
			    s[i] != '\r' && n + 1 < sizeof(prop))
				prop[n++] = (char)(s[i] | 0x20);
		prop[n] = '\0';
		if (i >= len || s[i] != ':')
			continue;
		for (i++, n = 0; i < len && s[i] != ';'; i++)
			if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' &&
			    s[i] != '\r' && n + 1 < sizeof(val))
				val[n++] = (char)((s[i] >= 'A' && s[i] <= 'Z') ?
				    s[i] | 0x20 : s[i]);
		val[n] = '\0';
		if ((bang = strchr(val, '!')) != NULL)
			*bang = '\0';
		if (fn(prop, val, arg))
			return 1;
	}
	return 0;
}

static int
decl_hides(const char *prop, const char *val, void *arg)
{
	(void)arg;
	return (strcmp(prop, "display") == 0 && strcmp(val, "none") == 0) ||
	    (strcmp(prop, "visibility") == 0 && strcmp(val, "hidden") == 0);
}

/* Is a CSS length or number zero ("0", "0px", "0.0em")? */
static int
is_zero(const char *v)
{
	if (*v == '\0')
		return 0;
	while (*v == '0' || *v == '.')
		v++;
	return *v == '\0' || strcmp(v, "px") == 0 || strcmp(v, "pt") == 0 ||
	    strcmp(v, "em") == 0 || strcmp(v, "%") == 0 || strcmp(v, "rem") == 0;
}

/* A large negative offset: "-9999px", "-10000em". */
static int
is_far_negative(const char *v)
{
	return v[0] == '-' && strtol(v + 1, NULL, 10) >= 999;
}

struct zero_style {
	int	 font0, height0, width0, overflow, absolute, far, opacity0;
	int	 font_set;		/* a non-zero font-size */
};

static int
decl_zero(const char *prop, const char *val, void *arg)
{
	struct zero_style *z = arg;

	if (strcmp(prop, "font-size") == 0) {
		if (is_zero(val))
			z->font0 = 1;
		else
			z->font_set = 1;
	} else if (strcmp(prop, "height") == 0 || strcmp(prop, "max-height") == 0)
		z->height0 |= is_zero(val);
	else if (strcmp(prop, "width") == 0 || strcmp(prop, "max-width") == 0)
		z->width0 |= is_zero(val);
	else if (strcmp(prop, "overflow") == 0)
		z->overflow |= strcmp(val, "hidden") == 0;
	else if (strcmp(prop, "position") == 0)
		z->absolute |= strcmp(val, "absolute") == 0 ||
		    strcmp(val, "fixed") == 0;
	else if (strcmp(prop, "left") == 0 || strcmp(prop, "top") == 0 ||
	    strcmp(prop, "text-indent") == 0 || strcmp(prop, "margin-left") == 0)
		z->far |= is_far_negative(val);
	else if (strcmp(prop, "opacity") == 0)
		z->opacity0 |= is_zero(val);
	return 0;
}

int
hdom_style_hides(const char *style)
{
	return each_decl(style, strlen(style), decl_hides, NULL);
}

/* --- hidden elements ----------------------------------------------------- */

struct names {
	char	**v;
	size_t	 n, cap;
};

static void
names_add(struct names *ns, const char *s, size_t len)
{
	if (ns->n == ns->cap) {
		ns->cap = ns->cap ? ns->cap * 2 : 64;
		ns->v = xreallocarray(ns->v, ns->cap, sizeof(*ns->v));
	}
	ns->v[ns->n++] = xstrndup(s, len);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
names_has(const struct names *ns, const char *s)
{
	return ns->n > 0 && bsearch(&s, ns->v, ns->n, sizeof(*ns->v),
	    cmp_str) != NULL;
}

static void
names_free(struct names *ns)
{
	size_t	 i;

	for (i = 0; i < ns->n; i++)
		free(ns->v[i]);
	free(ns->v);
}

static int
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* Records sel if it is a lone ".class" or "#id" (maybe after a tag). */
static void
simple_selector(const char *s, size_t len, struct names *classes,
    struct names *ids)
{
	size_t	 i = 0, j;
	char	 kind;

	while (i < len && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t'))
		i++;
	while (len > i && (s[len - 1] == ' ' || s[len - 1] == '\n' ||
	    s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	while (i < len && is_name_char(s[i]))
		i++;
	if (i >= len || (s[i] != '.' && s[i] != '#'))
		return;
	kind = s[i++];
	for (j = i; j < len && is_name_char(s[j]); j++)
		;
	if (j != len || j == i)
		return;
	names_add(kind == '.' ? classes : ids, s + i, j - i);
}

/*
 * Collects the classes and ids that the page's style sheets hide with
 * display:none or visibility:hidden.  Only simple selectors count, and
 * nothing inside @media and other at-rule blocks (a rule for small
 * screens does not hide anything on a page being read).
 */
static void
css_hidden(const char *s, size_t len, struct names *classes,
    struct names *ids)
{
	size_t	 i = 0, sel, body, k, a;
	int	 depth;

	while (i < len) {
		if (i + 1 < len && s[i] == '/' && s[i + 1] == '*') {
			const char *e = NULL;

			for (k = i + 2; k + 1 < len; k++)
				if (s[k] == '*' && s[k + 1] == '/') {
					e = s + k;
					break;
				}
			i = e != NULL ? (size_t)(e - s) + 2 : len;
			continue;
		}
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' ||
		    s[i] == '\r' || s[i] == '}' || s[i] == ';') {
			i++;
			continue;
		}
		if (s[i] == '@') {
			while (i < len && s[i] != ';' && s[i] != '{')
				i++;
			if (i < len && s[i] == '{')
				for (depth = 0; i < len; i++) {
					if (s[i] == '{')
						depth++;
					else if (s[i] == '}' && --depth == 0) {
						i++;
						break;
					}
				}
			continue;
		}
		for (sel = i; i < len && s[i] != '{'; i++)
			;
		if (i >= len)
			break;
		for (body = ++i; i < len && s[i] != '}'; i++)
			;
		if (!each_decl(s + body, i - body, decl_hides, NULL))
			continue;
		for (a = k = sel; k <= body - 1; k++)
			if (k == body - 1 || s[k] == ',') {
				simple_selector(s + a, k - a, classes, ids);
				a = k + 1;
			}
	}
	if (classes->n > 1)
		qsort(classes->v, classes->n, sizeof(*classes->v), cmp_str);
	if (ids->n > 1)
		qsort(ids->v, ids->n, sizeof(*ids->v), cmp_str);
}

/* Class names that mean "hidden" on most sites. */
static int
hiding_class(const char *tok, size_t len)
{
	static const char *const exact[] = {
		"hide", "hidden", "is-hidden", "invisible", "sr-only",
		"visually-hidden", "visuallyhidden", "screen-reader-text",
		"screenreader-only", "offscreen", "display-none", "d-none",
	};
	static const char *const suffix[] = {
		"-hide", "_hide", "-hidden", "_hidden",
	};
	size_t	 i, n;

	for (i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
		if (len == strlen(exact[i]) && strncasecmp(tok, exact[i],
		    len) == 0)
			return 1;
	for (i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		n = strlen(suffix[i]);
		if (len > n && strncasecmp(tok + len - n, suffix[i], n) == 0)
			return 1;
	}
	return 0;
}

static int
classes_hide(const char *cls, const struct names *hidden)
{
	char	 tok[128];
	size_t	 i = 0, a;

	while (cls[i] != '\0') {
		while (cls[i] == ' ' || cls[i] == '\t' || cls[i] == '\n')
			i++;
		for (a = i; cls[i] != '\0' && cls[i] != ' ' && cls[i] != '\t' &&
		    cls[i] != '\n'; i++)
			;
		if (i == a)
			break;
		if (hiding_class(cls + a, i - a))
			return 1;
		if (i - a < sizeof(tok)) {
			memcpy(tok, cls + a, i - a);
			tok[i - a] = '\0';
			if (names_has(hidden, tok))
				return 1;
		}
	}
	return 0;
}

/* Does any element below n set a non-zero font size of its own? */
static int
font_reset_below(const struct hdom *dom, const struct hnode *n)
{
	const struct hnode *d;
	const char	*st;
	size_t		 seen = 0;

	for (d = hdom_next(n, n, 0); d != NULL && seen < 10000;
	    d = hdom_next(n, d, 0), seen++) {
		struct zero_style z;

		if (d->tag == HT_TEXT || (st = hdom_attr(dom, d, HA_STYLE)) ==
		    NULL)
			continue;
		memset(&z, 0, sizeof(z));
		each_decl(st, strlen(st), decl_zero, &z);
		if (z.font_set)
			return 1;
	}
	return 0;
}

static int
style_hides(const struct hdom *dom, const struct hnode *n)
{
	const char		*st = hdom_attr(dom, n, HA_STYLE);
	struct zero_style	 z;

	if (st == NULL)
		return 0;
	memset(&z, 0, sizeof(z));
	each_decl(st, strlen(st), decl_zero, &z);
	if ((z.height0 || z.width0) && z.overflow)
		return 1;
	if (z.absolute && z.far)
		return 1;
	if (z.opacity0)
		return 1;
	/* font-size:0 on a parent is also a trick against inline gaps. */
	return z.font0 && !font_reset_below(dom, n);
}

/* Non-space characters of text below n. */
static size_t
text_chars(const struct hdom *dom, const struct hnode *n)
{
	const struct hnode *d;
	const char	*s;
	size_t		 len, pos, chars = 0;

	for (d = n; d != NULL; d = hdom_next(n, d, 0)) {
		if (d->tag != HT_TEXT)
			continue;
		s = hdom_text(dom, d, &len);
		for (pos = 0; pos < len;)
			if (!uc_is_space(utf8_next(s, len, &pos)))
				chars++;
	}
	return chars;
}

/*
 * Elements hidden by their own markup leave the tree, except one that
 * holds half of the page's text or more: that is the article, which the
 * page's script would show (WeChat's #js_content is visibility:hidden
 * until then).
 */
static void
hide_marked(struct hdom *dom)
{
	struct hnode	*n, *next;
	size_t		 total = text_chars(dom, dom->root);
	int		 hide;

	for (n = dom->root; n != NULL; n = next) {
		hide = 0;
		if (n->flags & HN_HIDDEN) {
			n->flags &= (uint16_t)~HN_HIDDEN;
			if (total > 0 && text_chars(dom, n) * 2 >= total)
				dom->hidden_kept++;
			else
				hide = 1;
		}
		next = hdom_next(dom->root, n, hide);
		if (hide) {
			hdom_unlink(n);
			dom->hidden++;
		}
	}
}

size_t
hdom_hide(struct hdom *dom)
{
	struct names	 classes = { 0 }, ids = { 0 };
	struct hnode	*n, *next;
	const char	*v;
	size_t		 removed = 0, total;
	int		 hide;

	hide_marked(dom);
	total = text_chars(dom, dom->root);
	css_hidden(dom->css.ptr, dom->css.len, &classes, &ids);
	for (n = dom->root; n != NULL; n = next) {
		hide = 0;
		if (n->tag != HT_TEXT && n->tag != HT_ROOT && n->tag != HT_HTML &&
		    n->tag != HT_BODY && n->tag != HT_HEAD) {
			if ((v = hdom_attr(dom, n, HA_CLASS)) != NULL &&
			    classes_hide(v, &classes))
				hide = 1;
			else if ((v = hdom_attr(dom, n, HA_ID)) != NULL &&
			    names_has(&ids, v))
				hide = 1;
			else if (style_hides(dom, n))
				hide = 1;
			/*
			 * Hidden by the style sheet or by its own style, but
			 * holding half of the page's text: the article a
			 * script shows (WeChat hides #js_content both ways).
			 */
			if (hide && total > 0 && text_chars(dom, n) * 2 >= total) {
				hide = 0;
				dom->hidden_kept++;
			}
		}
		next = hdom_next(dom->root, n, hide);
		if (hide) {
			hdom_unlink(n);
			removed++;
		}
	}
	names_free(&classes);
	names_free(&ids);
	dom->hidden += removed;
	return removed;
}
