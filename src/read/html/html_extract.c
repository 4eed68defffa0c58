#include "html_extract.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze/article.h"
#include "tree/alloc.h"
#include "tree/buf.h"
#include "tree/utf8.h"

/* Class and id words for and against a block being the article body. */
static const char *const positive[] = {
	"article", "content", "post", "text", "body", "entry", "main",
	"story", "detail", "zoom", "trs_editor", "cont", "artibody",
	"endtext", "rich_media", "neirong", "zhengwen", "正文", NULL
};
static const char *const negative[] = {
	"comment", "foot", "nav", "menu", "sidebar", "side", "related",
	"relate", "share", "recommend", "tuijian", "banner", "breadcrumb",
	"crumb", "hotnews", "hot_", "-hot", "rank", "login", "copyright",
	"tags", "widget", "popup", "qrcode", "ewm", "toolbar", "print",
	"sponsor", "social", "subscribe", "advert", "-ad-", "_ad_", "ad-",
	"ads", "gg", "links", "more", "topbar", "header", "bottom", "reply",
	"pinglun", "jubao", "logo", "search", "weixin", "fenxiang",
	"xiangguan", "pagination", "pager", "statement", "disclaimer",
	"author-info", "keyword", NULL
};
/*
 * Blocks that hold no article whatever their text (comments, sidebars,
 * menus), unless their name also says they might.
 */
static const char *const unlikely[] = {
	"comment", "disqus", "reply", "replies", "remark", "community",
	"footer", "sidebar", "menu", "nav", "related", "relate", "recommend",
	"share", "social", "sponsor", "banner", "breadcrumb", "crumb",
	"pagination", "pager", "popup", "rss", "shoutbox", "skyscraper",
	"supplemental", "tuijian", "xiangguan", "pinglun", "gdpr", "agegate",
	"-ad-", "ad-break", "hotnews", "rank", "login", "copyright", "tie-",
	"header", "topbar", NULL
};
static const char *const maybe[] = {
	"article", "body", "content", "main", "column", "shadow", "zhengwen",
	"正文", NULL
};
/* Elements that are never body, wherever they are. */
static const char *const chrome[] = {
	"comment", "share", "related", "relate", "recommend", "tuijian",
	"breadcrumb", "crumb", "qrcode", "ewm", "toolbar", "jubao",
	"fenxiang", "xiangguan", "pinglun", "reply", "statement", "disclaimer",
	"subscribe", NULL
};
/* Readers' words: text-heavy, and never the article's. */
static const char *const discussion[] = {
	"comment", "reply", "pinglun", NULL
};

static int
is_space_cp(uint32_t cp)
{
	return uc_is_space(cp);
}

static int
is_punct_cp(uint32_t cp)
{
	switch (cp) {
	case 0xFF0C: case 0x3002: case 0xFF1B: case 0xFF1A: case 0xFF01:
	case 0xFF1F: case 0x3001: case ',': case ';':
		return 1;
	default:
		return 0;
	}
}

/* --- statistics ---------------------------------------------------------- */

static int
link_tag(uint16_t t)
{
	return t == HT_A;
}

/*
 * Fills the counters of every node.  Nodes are visited in reverse
 * document order, so each node's children are done before it.
 */
static void
stats(struct hdom *dom, struct hnode ***order, size_t *count)
{
	struct hnode	**v = NULL, *n, *p;
	size_t		 cap = 0, k = 0, i, len, pos;
	const char	*s;
	uint32_t	 cp;

	for (n = dom->root; n != NULL; n = hdom_next(dom->root, n, 0)) {
		if (k == cap) {
			cap = cap ? cap * 2 : 4096;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[k++] = n;
		n->flags &= (uint16_t)~HN_UNLIKELY;
		/*
		 * Inside an unlikely block, unlikely too, unless named as
		 * an article's and nothing else: a page that never closes
		 * its <div class="breadcrumb"> nests its text inside it
		 * (<div class="article-content">).
		 */
		if (n->parent != NULL && (n->parent->flags & HN_UNLIKELY) &&
		    !(n->tag != HT_TEXT && hdom_class_has(dom, n, maybe) &&
		    !hdom_class_has(dom, n, unlikely)))
			n->flags |= HN_UNLIKELY;
		else if (n->tag != HT_TEXT && n->tag != HT_HTML &&
		    n->tag != HT_BODY && n->tag != HT_ARTICLE &&
		    n->tag != HT_MAIN && n->tag != HT_ROOT && n->tag != HT_A &&
		    hdom_class_has(dom, n, unlikely) &&
		    !hdom_class_has(dom, n, maybe))
			n->flags |= HN_UNLIKELY;
		n->chars = n->link_chars = n->punct = 0;
		n->ichars = n->ilink = n->ipunct = n->ibr = 0;
		n->score = 0;
	}
	for (i = k; i-- > 0;) {
		n = v[i];
		if (n->tag == HT_TEXT) {
			s = hdom_text(dom, n, &len);
			for (pos = 0; pos < len;) {
				cp = utf8_next(s, len, &pos);
				if (is_space_cp(cp))
					continue;
				n->chars++;
				n->punct += is_punct_cp(cp);
			}
			n->ichars = n->chars;
			n->ipunct = n->punct;
		} else if (link_tag(n->tag)) {
			n->link_chars = n->chars;
			n->ilink = n->ichars;
		}
		if ((p = n->parent) == NULL)
			continue;
		p->chars += n->chars;
		p->link_chars += n->link_chars;
		p->punct += n->punct;
		if (n->tag == HT_BR)
			p->ibr++;
		else if (!hdom_is_block((enum htag)n->tag)) {
			p->ichars += n->ichars;
			p->ilink += n->ilink;
			p->ipunct += n->ipunct;
			p->ibr += n->ibr;
		}
	}
	*order = v;
	*count = k;
}

static double
link_density(const struct hnode *n)
{
	return n->chars ? (double)n->link_chars / n->chars : 0;
}

/* Does a block element have block elements below it? */
int
html_has_block_child(const struct hnode *n)
{
	const struct hnode *c;

	for (c = n->first; c != NULL; c = c->next)
		if (c->tag != HT_TEXT && hdom_is_block((enum htag)c->tag))
			return 1;
	return 0;
}

static int
can_hold_body(uint16_t t)
{
	switch (t) {
	case HT_TEXT: case HT_ROOT: case HT_HTML: case HT_HEAD: case HT_P:
	case HT_H1: case HT_H2: case HT_H3: case HT_H4: case HT_H5:
	case HT_H6: case HT_TR: case HT_HR: case HT_A: case HT_LI:
	case HT_UL: case HT_OL: case HT_TITLE:
		return 0;
	default:
		return 1;
	}
}

static void
credit(struct hnode *n, double s)
{
	int	 level;

	for (level = 0; n != NULL && level < 3; n = n->parent, level++)
		if (can_hold_body(n->tag))
			n->score += (float)(s / (level + 1));
}

static double
hint_weight(const struct hdom *dom, const struct hnode *n)
{
	double	 w = 0;

	if (hdom_class_has(dom, n, positive))
		w += 25;
	if (hdom_class_has(dom, n, negative))
		w -= 25;
	switch (n->tag) {
	case HT_ARTICLE: case HT_MAIN:
		w += 10;
		break;
	case HT_DIV:
		w += 3;
		break;
	case HT_TD: case HT_BLOCKQUOTE: case HT_PRE:
		w += 1;
		break;
	case HT_NAV: case HT_ASIDE: case HT_FOOTER: case HT_HEADER:
	case HT_FORM:
		w -= 10;
		break;
	default:
		break;
	}
	return w;
}

/* Scores every block of running text and credits its holders. */
static void
score(struct hdom *dom, struct hnode **v, size_t k)
{
	struct hnode	*n;
	size_t		 i;
	double		 segs, s, ld;

	for (i = 0; i < k; i++) {
		n = v[i];
		if (n->tag == HT_TEXT || n->ichars == 0 ||
		    !(hdom_is_block((enum htag)n->tag)) || n->tag == HT_ROOT ||
		    (n->flags & HN_UNLIKELY))
			continue;
		if (n->ichars < 10 && n->ipunct == 0)
			continue;
		segs = n->ibr + 1;
		if (segs > n->ichars / 15.0 + 1)
			segs = (double)(n->ichars / 15) + 1;
		s = segs + n->ipunct;
		s += n->ichars / 40.0 < 3 * segs ? n->ichars / 40.0 : 3 * segs;
		ld = (double)n->ilink / n->ichars;
		s *= 1 - ld;
		if (s <= 0)
			continue;
		/* A paragraph scores for its holder; loose text for its own. */
		if (!html_has_block_child(n) || n->tag == HT_P ||
		    hdom_heading_level((enum htag)n->tag) > 0 || n->tag == HT_LI)
			credit(n->parent, s);
		else
			credit(n, s);
	}
	(void)dom;
}

static double
final_score(const struct hdom *dom, const struct hnode *n)
{
	if (n->score <= 0 || (n->flags & HN_UNLIKELY))
		return 0;
	return n->score * (1 - link_density(n)) + hint_weight(dom, n);
}

/* --- the body ------------------------------------------------------------ */

static void
add_root(struct html_article *art, struct hnode *n)
{
	art->roots = xreallocarray(art->roots, art->nroots + 1,
	    sizeof(*art->roots));
	art->roots[art->nroots++] = n;
}

/* Is a sibling of the chosen block part of the body too? */
static int
good_sibling(const struct hdom *dom, const struct hnode *s, double top)
{
	double	 f;

	if (s->tag == HT_TEXT || (s->flags & (HN_DROP | HN_UNLIKELY)))
		return 0;
	f = final_score(dom, s);
	if (f >= 10 && f >= top * 0.2 && !hdom_class_has(dom, s, chrome))
		return 1;
	/* A stray paragraph of prose next to the body. */
	return (s->tag == HT_P || !html_has_block_child(s)) && s->ichars >= 40 &&
	    s->ipunct >= 2 && s->ilink * 4 < s->ichars &&
	    !hdom_class_has(dom, s, negative);
}

static struct hnode *
pick_body(struct hdom *dom, struct hnode **v, size_t k,
    struct html_article *art, struct diag *diag)
{
	struct hnode	*best = NULL, *s;
	double		 f, bestf = 0;
	size_t		 i;

	for (i = 0; i < k; i++) {
		if (v[i]->tag == HT_TEXT || !can_hold_body(v[i]->tag))
			continue;
		f = final_score(dom, v[i]);
		if (f > bestf) {
			bestf = f;
			best = v[i];
		}
	}
	if (best == NULL) {
		/* No running text anywhere: take the whole body. */
		for (i = 0; i < k; i++)
			if (v[i]->tag == HT_BODY)
				best = v[i];
		if (best == NULL)
			best = dom->root;
		add_root(art, best);
		diag_note(diag, "html: no block of running text; taking the "
		    "whole page");
		return best;
	}
	diag_note(diag, "html: body is <%s%s%s> (score %.0f, %u characters)",
	    hdom_tag_name((enum htag)best->tag),
	    hdom_attr(dom, best, HA_CLASS) ? " class=" : "",
	    hdom_attr(dom, best, HA_CLASS) ? hdom_attr(dom, best, HA_CLASS) :
	    "", bestf, best->chars);
	if (best->parent == NULL || best->parent->tag == HT_ROOT ||
	    best->tag == HT_BODY) {
		add_root(art, best);
		return best;
	}
	for (s = best->parent->first; s != NULL; s = s->next)
		if (s == best || good_sibling(dom, s, bestf))
			add_root(art, s);
	if (art->nroots > 1)
		diag_note(diag, "html: %zu sibling block%s join%s the body",
		    art->nroots - 1, art->nroots == 2 ? "" : "s",
		    art->nroots == 2 ? "s" : "");
	return best;
}

void
html_drop(struct hnode *n)
{
	n->flags |= HN_DROP;
}

/*
 * Does n, named like a widget, hold the body's text (ifeng's article
 * is <div class="js_img_share_area">: pictures in it can be shared)?  It
 * does when it holds most of the body's characters, as prose with few
 * links; a comment thread's name is never the article's.
 */
static int
carries_body(const struct hdom *dom, const struct hnode *n,
    const struct hnode *top)
{
	return n->chars * 2 >= top->chars && n->punct >= 5 &&
	    link_density(n) < 0.2 && !hdom_class_has(dom, n, discussion);
}

/*
 * Is block n, mostly a link, a card the author placed between two
 * paragraphs (a note's embedded book or film: title, rating and author
 * inside one <a>)?  One link in all, a short text, and prose after it in
 * the body.  A list of links is chrome wherever it stands, and so is a
 * lone link at the end (a "related" box).
 */
static int
embedded_card(const struct hnode *top, const struct hnode *n)
{
	const struct hnode	*c, *after;
	size_t			 links = 0;

	if (n->chars > 120)
		return 0;
	for (c = hdom_next(n, n, 0); c != NULL; c = hdom_next(n, c, 0))
		if (c->tag == HT_A && ++links > 1)
			return 0;
	if (links != 1)
		return 0;
	for (after = hdom_next(top, n, 1); after != NULL;
	    after = hdom_next(top, after, 0))
		if (after->tag == HT_P && after->punct >= 2 &&
		    link_density(after) < 0.2)
			return 1;
	return 0;
}

/*
 * Cuts chrome out of the body: navigation, asides and footers, blocks
 * named like widgets, and lists of links.
 */
static void
clean_body(struct hdom *dom, struct html_article *art, struct diag *diag)
{
	struct hnode	*top, *n;
	size_t		 r, cut = 0;
	int		 bad, skip;

	for (r = 0; r < art->nroots; r++) {
		top = art->roots[r];
		for (n = hdom_next(top, top, 0); n != NULL;
		    n = hdom_next(top, n, skip)) {
			bad = skip = 0;
			if (n->tag == HT_TEXT)
				continue;
			/*
			 * Preformatted text is the author's, whatever its
			 * spans are named: a highlighter marks code with
			 * "hljs-comment" and "hljs-keyword".
			 */
			if (n->tag == HT_PRE || n->tag == HT_CODE) {
				skip = 1;
				continue;
			}
			switch (n->tag) {
			case HT_NAV:
			case HT_ASIDE:
			case HT_FOOTER:
				bad = 1;
				break;
			case HT_HEADER:
				bad = n->chars * 3 < top->chars;
				break;
			case HT_DIV: case HT_SECTION: case HT_UL: case HT_OL:
			case HT_DL: case HT_TABLE: case HT_FORM: case HT_SPAN:
			case HT_OTHER: case HT_P: case HT_TD: case HT_LI:
			case HT_CENTER:
				if (n->chars > 0 && hdom_class_has(dom, n, chrome))
					bad = !carries_body(dom, n, top);
				else if (n->chars > 0 &&
				    hdom_class_has(dom, n, negative) &&
				    !hdom_class_has(dom, n, positive) &&
				    (n->punct < 3 || link_density(n) > 0.3))
					bad = 1;
				else if (n->tag != HT_P && n->tag != HT_SPAN &&
				    n->chars >= 4 && link_density(n) > 0.5 &&
				    !embedded_card(top, n))
					bad = 1;
				break;
			default:
				break;
			}
			if (bad) {
				html_drop(n);
				cut++;
				skip = 1;
			}
		}
	}
	if (cut > 0)
		diag_note(diag, "html: %zu block%s of page chrome inside the "
		    "body left out", cut, cut == 1 ? "" : "s");
}

int
html_find_body(struct hdom *dom, struct html_article *art, struct diag *diag)
{
	struct hnode	**order = NULL;
	size_t		 k;

	memset(art, 0, sizeof(*art));
	stats(dom, &order, &k);
	if (dom->root->chars == 0) {
		free(order);
		return -1;
	}
	score(dom, order, k);
	pick_body(dom, order, k, art, diag);
	free(order);
	clean_body(dom, art, diag);
	return 0;
}

void
html_article_free(struct html_article *art)
{
	free(art->roots);
	free(art->title);
	memset(art, 0, sizeof(*art));
}
