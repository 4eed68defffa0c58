/*
 * What a DOCX paragraph's style says, and the text of its automatic
 * number (read_docx_int.h).
 *
 * Styles are recognised by w:name, the built-in names Word writes in
 * English whatever its interface language ("heading 1", "Title"), and by
 * the localized names other producers write ("标题 1", "標題 1", "見出し 1",
 * "标题").  A style's properties come from its basedOn chain, nearest
 * first.  A heading level comes from the nearest style in the chain that
 * is a heading by name or sets w:outlineLvl (9 = body text).
 *
 * Numbering follows ECMA-376 §17.9 as Word applies it: counters belong to
 * the abstract definition, so numIds sharing one continue each other's
 * count; a num's w:startOverride restarts the count the first time that
 * num is used; a level restarts whenever a shallower level is numbered
 * (w:lvlRestart can delay or forbid that).  lvlText ("%1、", "（%2）",
 * "第%1章") is filled with each level's counter in that level's format
 * (w:isLgl: Arabic digits).  numStyleLink indirection is followed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tree/alloc.h"
#include "tree/utf8.h"
#include "read_docx_int.h"

#define DX_LEVELS	9
#define CHAIN_MAX	16

enum style_type { ST_PARAGRAPH, ST_CHARACTER, ST_OTHER };

struct dx_style {
	char			*id;
	char			*based_on;
	enum style_type		 type;
	int			 is_default;
	int			 heading_by_name;	/* 1-9, or 0 */
	int			 outline;		/* -1, 0-9 */
	enum dx_style_kind	 kind;
	int			 bold, emph, hidden, centered;	/* -1 unset */
	int			 num_id, ilvl;			/* -1 unset */
};

struct dx_lvl {
	int	 set;
	long	 start;
	char	*fmt;		/* numFmt, or NULL (decimal) */
	char	*text;		/* lvlText, or NULL */
	int	 restart;	/* lvlRestart: -1 default, 0 never, N */
	int	 legal;		/* isLgl */
	int	 suff;		/* 0 tab, 1 space, 2 nothing */
	char	*pstyle;	/* linked paragraph style id */
};

struct dx_abs {
	int		 id;
	char		*num_style_link;
	struct dx_lvl	 lvl[DX_LEVELS];
	long		 counter[DX_LEVELS];
	int		 used[DX_LEVELS];
};

struct dx_num {
	int		 id;
	int		 abs_id;
	long		 start_override[DX_LEVELS];	/* -1 none */
	struct dx_lvl	 lvl[DX_LEVELS];		/* full overrides */
	int		 lvl_used[DX_LEVELS];	/* levels numbered so far */
};

struct dx_styles {
	struct dx_style	*v;		/* sorted by id */
	size_t		 n;
	struct dx_style	*def_para;
	struct dx_abs	*abs;
	size_t		 nabs;
	struct dx_num	*nums;
	size_t		 nnums;
};

/* --- names --------------------------------------------------------------- */

/* Lower-case ASCII copy of a style name, trimmed. */
static void
fold_name(const char *s, char *out, size_t size)
{
	size_t	 n = 0;

	while (*s == ' ')
		s++;
	for (; *s != '\0' && n + 1 < size; s++)
		out[n++] = (*s >= 'A' && *s <= 'Z') ? (char)(*s + 32) : *s;
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

/* "heading 3" → 3: the name is word, optional spaces, one digit 1-9. */
static int
numbered_name(const char *name, const char *word)
{
	size_t	 n = strlen(word);

	if (strncmp(name, word, n) != 0)
		return 0;
	name += n;
	while (*name == ' ')
		name++;
	if (name[0] >= '1' && name[0] <= '9' && name[1] == '\0')
		return name[0] - '0';
	return 0;
}

static void
classify_name(struct dx_style *s, const char *raw)
{
	static const char *const heading_words[] = {
		"heading", "标题", "標題", "見出し", NULL
	};
	static const char *const toc_words[] = {
		"toc", "目录", "目錄", NULL
	};
	char	 name[128];
	int	 i, k;

	fold_name(raw, name, sizeof(name));
	for (i = 0; heading_words[i] != NULL; i++)
		if ((k = numbered_name(name, heading_words[i])) > 0) {
			s->heading_by_name = k;
			return;
		}
	for (i = 0; toc_words[i] != NULL; i++)
		if (numbered_name(name, toc_words[i]) > 0) {
			s->kind = DXS_TOC;
			return;
		}
	if (strcmp(name, "title") == 0 || strcmp(name, "标题") == 0 ||
	    strcmp(name, "標題") == 0)
		s->kind = DXS_TITLE;
	else if (strcmp(name, "subtitle") == 0 || strcmp(name, "副标题") == 0 ||
	    strcmp(name, "副標題") == 0)
		s->kind = DXS_SUBTITLE;
	else if (strcmp(name, "author") == 0 || strcmp(name, "date") == 0 ||
	    strcmp(name, "metadata") == 0)
		s->kind = DXS_META;
	else if (strcmp(name, "toc heading") == 0 ||
	    strcmp(name, "目录标题") == 0 || strcmp(name, "toc 标题") == 0)
		s->kind = DXS_TOC;
	else if (strcmp(name, "quote") == 0 || strcmp(name, "block text") == 0 ||
	    strcmp(name, "intense quote") == 0 || strcmp(name, "引用") == 0 ||
	    strcmp(name, "明显引用") == 0)
		s->kind = DXS_QUOTE;
	else if (strcmp(name, "caption") == 0 || strcmp(name, "题注") == 0 ||
	    strcmp(name, "題注") == 0)
		s->kind = DXS_CAPTION;
	else if (strcmp(name, "list paragraph") == 0 ||
	    strcmp(name, "列出段落") == 0 || strcmp(name, "列表段落") == 0)
		s->kind = DXS_LIST;
}

/* --- styles.xml ---------------------------------------------------------- */

static int
int_attr(const xmlNode *n, const char *name, int def)
{
	const char	*v = dx_w_attr(n, name);
	char		*end;
	long		 x;

	if (v == NULL)
		return def;
	x = strtol(v, &end, 10);
	if (end == v || x < -1000000 || x > 1000000)
		return def;
	return (int)x;
}

static void
read_rpr(const xmlNode *rpr, struct dx_style *s)
{
	const xmlNode	*c;

	for (c = rpr->children; c != NULL; c = c->next) {
		if (dx_is_w(c, "b"))
			s->bold = dx_on(dx_w_attr(c, "val"));
		else if (dx_is_w(c, "i"))
			s->emph = dx_on(dx_w_attr(c, "val"));
		else if (dx_is_w(c, "em"))
			s->emph = dx_on(dx_w_attr(c, "val"));
		else if (dx_is_w(c, "vanish"))
			s->hidden = dx_on(dx_w_attr(c, "val"));
	}
}

static void
read_ppr(const xmlNode *ppr, struct dx_style *s)
{
	const xmlNode	*c, *d;
	const char	*v;

	for (c = ppr->children; c != NULL; c = c->next) {
		if (dx_is_w(c, "outlineLvl"))
			s->outline = int_attr(c, "val", -1);
		else if (dx_is_w(c, "jc")) {
			v = dx_w_attr(c, "val");
			s->centered = v != NULL && strcmp(v, "center") == 0;
		} else if (dx_is_w(c, "numPr")) {
			for (d = c->children; d != NULL; d = d->next)
				if (dx_is_w(d, "numId"))
					s->num_id = int_attr(d, "val", -1);
				else if (dx_is_w(d, "ilvl"))
					s->ilvl = int_attr(d, "val", -1);
		}
	}
}

static int
cmp_style(const void *a, const void *b)
{
	return strcmp(((const struct dx_style *)a)->id,
	    ((const struct dx_style *)b)->id);
}

static struct dx_style *
find_style(const struct dx_styles *st, const char *id)
{
	struct dx_style	 key;

	if (id == NULL || st->n == 0)
		return NULL;
	key.id = (char *)id;
	return bsearch(&key, st->v, st->n, sizeof(*st->v), cmp_style);
}

static void
load_styles(struct dx_styles *st, xmlDoc *doc)
{
	const xmlNode	*root = xmlDocGetRootElement(doc), *n, *c;
	const char	*id, *type, *v;
	struct dx_style	*s;
	size_t		 cap = 0, i, j;

	for (n = root->children; n != NULL; n = n->next) {
		if (!dx_is_w(n, "style") || (id = dx_w_attr(n, "styleId")) ==
		    NULL)
			continue;
		if (st->n == cap) {
			cap = cap ? cap * 2 : 64;
			st->v = xreallocarray(st->v, cap, sizeof(*st->v));
		}
		s = &st->v[st->n++];
		memset(s, 0, sizeof(*s));
		s->id = xstrdup(id);
		type = dx_w_attr(n, "type");
		s->type = type == NULL || strcmp(type, "paragraph") == 0 ?
		    ST_PARAGRAPH : strcmp(type, "character") == 0 ?
		    ST_CHARACTER : ST_OTHER;
		s->is_default = dx_on(dx_w_attr(n, "default")) &&
		    dx_w_attr(n, "default") != NULL;
		s->outline = s->bold = s->emph = s->hidden = s->centered = -1;
		s->num_id = s->ilvl = -1;
		for (c = n->children; c != NULL; c = c->next) {
			if (dx_is_w(c, "name") && (v = dx_w_attr(c, "val")) !=
			    NULL)
				classify_name(s, v);
			else if (dx_is_w(c, "basedOn") &&
			    (v = dx_w_attr(c, "val")) != NULL) {
				/* Repeated: the last one counts, as in Word. */
				free(s->based_on);
				s->based_on = xstrdup(v);
			}
			else if (dx_is_w(c, "pPr"))
				read_ppr(c, s);
			else if (dx_is_w(c, "rPr"))
				read_rpr(c, s);
		}
	}
	if (st->n > 0)
		qsort(st->v, st->n, sizeof(*st->v), cmp_style);
	/* Duplicate ids: the first definition counts. */
	for (i = j = 0; i < st->n; i++) {
		if (j > 0 && strcmp(st->v[j - 1].id, st->v[i].id) == 0) {
			free(st->v[i].id);
			free(st->v[i].based_on);
			continue;
		}
		st->v[j++] = st->v[i];
	}
	st->n = j;
	for (i = 0; i < st->n; i++)
		if (st->v[i].type == ST_PARAGRAPH && st->v[i].is_default &&
		    st->def_para == NULL)
			st->def_para = &st->v[i];
}

/* --- numbering.xml ------------------------------------------------------- */

static void
read_lvl(const xmlNode *n, struct dx_lvl *l)
{
	const xmlNode	*c;
	const char	*v;

	l->set = 1;
	l->restart = -1;
	for (c = n->children; c != NULL; c = c->next) {
		v = dx_w_attr(c, "val");
		if (dx_is_w(c, "start"))
			l->start = int_attr(c, "val", 0);
		else if (dx_is_w(c, "numFmt") && v != NULL) {
			free(l->fmt);
			l->fmt = xstrdup(v);
		} else if (dx_is_w(c, "lvlText") && v != NULL) {
			free(l->text);
			l->text = xstrdup(v);
		} else if (dx_is_w(c, "lvlRestart"))
			l->restart = int_attr(c, "val", -1);
		else if (dx_is_w(c, "isLgl"))
			l->legal = dx_on(v);
		else if (dx_is_w(c, "suff") && v != NULL)
			l->suff = strcmp(v, "space") == 0 ? 1 :
			    strcmp(v, "nothing") == 0 ? 2 : 0;
		else if (dx_is_w(c, "pStyle") && v != NULL) {
			free(l->pstyle);
			l->pstyle = xstrdup(v);
		}
	}
}

static void
free_lvl(struct dx_lvl *l)
{
	free(l->fmt);
	free(l->text);
	free(l->pstyle);
}

static void
load_numbering(struct dx_styles *st, xmlDoc *doc)
{
	const xmlNode	*root = xmlDocGetRootElement(doc), *n, *c, *d;
	const char	*v;
	size_t		 capa = 0, capn = 0;
	int		 k;

	for (n = root->children; n != NULL; n = n->next) {
		if (dx_is_w(n, "abstractNum")) {
			struct dx_abs *a;

			if (st->nabs == capa) {
				capa = capa ? capa * 2 : 16;
				st->abs = xreallocarray(st->abs, capa,
				    sizeof(*st->abs));
			}
			a = &st->abs[st->nabs++];
			memset(a, 0, sizeof(*a));
			a->id = int_attr(n, "abstractNumId", -1);
			for (c = n->children; c != NULL; c = c->next) {
				if (dx_is_w(c, "lvl")) {
					k = int_attr(c, "ilvl", -1);
					if (k >= 0 && k < DX_LEVELS &&
					    !a->lvl[k].set)
						read_lvl(c, &a->lvl[k]);
				} else if (dx_is_w(c, "numStyleLink") &&
				    (v = dx_w_attr(c, "val")) != NULL &&
				    a->num_style_link == NULL)
					a->num_style_link = xstrdup(v);
			}
		} else if (dx_is_w(n, "num")) {
			struct dx_num *m;

			if (st->nnums == capn) {
				capn = capn ? capn * 2 : 16;
				st->nums = xreallocarray(st->nums, capn,
				    sizeof(*st->nums));
			}
			m = &st->nums[st->nnums++];
			memset(m, 0, sizeof(*m));
			m->id = int_attr(n, "numId", -1);
			m->abs_id = -1;
			for (k = 0; k < DX_LEVELS; k++)
				m->start_override[k] = -1;
			for (c = n->children; c != NULL; c = c->next) {
				if (dx_is_w(c, "abstractNumId"))
					m->abs_id = int_attr(c, "val", -1);
				if (!dx_is_w(c, "lvlOverride"))
					continue;
				k = int_attr(c, "ilvl", -1);
				if (k < 0 || k >= DX_LEVELS)
					continue;
				for (d = c->children; d != NULL; d = d->next)
					if (dx_is_w(d, "startOverride"))
						m->start_override[k] =
						    int_attr(d, "val", 0);
					else if (dx_is_w(d, "lvl") &&
					    !m->lvl[k].set)
						read_lvl(d, &m->lvl[k]);
			}
		}
	}
}

static struct dx_num *
find_num(const struct dx_styles *st, int id)
{
	size_t	 i;

	for (i = 0; i < st->nnums; i++)
		if (st->nums[i].id == id)
			return &st->nums[i];
	return NULL;
}

static struct dx_abs *
find_abs(const struct dx_styles *st, int id)
{
	size_t	 i;

	for (i = 0; i < st->nabs; i++)
		if (st->abs[i].id == id)
			return &st->abs[i];
	return NULL;
}

/* The abstract definition of a num, through numStyleLink. */
static struct dx_abs *
num_abs(const struct dx_styles *st, const struct dx_num *m)
{
	struct dx_abs	*a = find_abs(st, m->abs_id);
	struct dx_style	*s;
	struct dx_num	*linked;
	int		 hops;

	for (hops = 0; a != NULL && a->num_style_link != NULL && hops < 4;
	    hops++) {
		s = find_style(st, a->num_style_link);
		if (s == NULL || s->num_id < 0 ||
		    (linked = find_num(st, s->num_id)) == NULL ||
		    linked->abs_id == a->id)
			break;
		a = find_abs(st, linked->abs_id);
	}
	return a;
}

/* --- public -------------------------------------------------------------- */

struct dx_styles *
dx_styles_load(struct dx_zip *z, const char *styles_part,
    const char *numbering_part, struct diag *diag)
{
	struct dx_styles	*st = xcalloc(1, sizeof(*st));
	xmlDoc			*doc;
	int			 absent;

	(void)diag;
	if (styles_part != NULL &&
	    (doc = dx_xml_parse(z, styles_part, 0, &absent)) != NULL) {
		load_styles(st, doc);
		xmlFreeDoc(doc);
	}
	if (numbering_part != NULL &&
	    (doc = dx_xml_parse(z, numbering_part, 0, &absent)) != NULL) {
		load_numbering(st, doc);
		xmlFreeDoc(doc);
	}
	return st;
}

void
dx_styles_free(struct dx_styles *st)
{
	size_t	 i;
	int	 k;

	if (st == NULL)
		return;
	for (i = 0; i < st->n; i++) {
		free(st->v[i].id);
		free(st->v[i].based_on);
	}
	for (i = 0; i < st->nabs; i++) {
		free(st->abs[i].num_style_link);
		for (k = 0; k < DX_LEVELS; k++)
			free_lvl(&st->abs[i].lvl[k]);
	}
	for (i = 0; i < st->nnums; i++)
		for (k = 0; k < DX_LEVELS; k++)
			free_lvl(&st->nums[i].lvl[k]);
	free(st->v);
	free(st->abs);
	free(st->nums);
	free(st);
}

int
dx_style_level(const struct dx_styles *st, const char *style, int *num_id)
{
	struct dx_num	*m = find_num(st, *num_id);
	struct dx_abs	*a = m != NULL ? num_abs(st, m) : NULL;
	int		 k;

	if (a == NULL || style == NULL)
		return -1;
	for (k = 0; k < DX_LEVELS; k++)
		if (a->lvl[k].pstyle != NULL &&
		    strcmp(a->lvl[k].pstyle, style) == 0)
			return k;
	return -1;
}

void
dx_para_style(const struct dx_styles *st, const char *id, struct dx_props *p)
{
	const struct dx_style	*s = id != NULL ? find_style(st, id) : NULL;
	const char		*own = NULL;
	int			 hops, heading_set = 0;

	if (s == NULL)
		s = st->def_para;
	if (s != NULL)
		own = s->id;
	for (hops = 0; s != NULL && hops < CHAIN_MAX; hops++) {
		if (!heading_set && s->heading_by_name > 0) {
			p->heading = s->heading_by_name;
			heading_set = 1;
		} else if (!heading_set && s->outline >= 0) {
			p->heading = s->outline < 9 ? s->outline + 1 : 0;
			heading_set = 1;
		}
		if (p->kind == DXS_OTHER)
			p->kind = s->kind;
		if (p->bold < 0)
			p->bold = s->bold;
		if (p->emph < 0)
			p->emph = s->emph;
		if (p->hidden < 0)
			p->hidden = s->hidden;
		if (p->centered < 0)
			p->centered = s->centered;
		if (p->num_id < 0)
			p->num_id = s->num_id;
		if (p->ilvl < 0)
			p->ilvl = s->ilvl;
		s = s->based_on != NULL ? find_style(st, s->based_on) : NULL;
	}
	/* A style numbered through a level that names it. */
	if (p->num_id > 0 && p->ilvl < 0)
		p->ilvl = dx_style_level(st, own, &p->num_id);
}

void
dx_run_style(const struct dx_styles *st, const char *id, struct dx_props *p)
{
	const struct dx_style	*s = find_style(st, id);
	int			 hops;

	for (hops = 0; s != NULL && hops < CHAIN_MAX; hops++) {
		if (p->bold < 0)
			p->bold = s->bold;
		if (p->emph < 0)
			p->emph = s->emph;
		if (p->hidden < 0)
			p->hidden = s->hidden;
		s = s->based_on != NULL ? find_style(st, s->based_on) : NULL;
	}
}

/* --- number formats ------------------------------------------------------ */

static const char *const cn_digit[] = {
	"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"
};
static const char *const cn_legal[] = {
	"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"
};

/*
 * Chinese counting: 一 … 十 十一 … 二十 … 九十九, 一百, 一百零一, 一百一十,
 * 一千零一 …, as Word numbers 一、二、… and 第一章.  Legal: 壹 贰 拾 佰 仟.
 */
static void
cn_counting(long n, int legal, struct buf *out)
{
	static const char *const unit[] = { "", "十", "百", "千" };
	static const char *const unit_legal[] = { "", "拾", "佰", "仟" };
	const char *const *digit = legal ? cn_legal : cn_digit;
	int		 d[4], k, top, zero = 0;

	if (n <= 0 || n > 9999) {
		buf_printf(out, "%ld", n);
		return;
	}
	for (k = 0; k < 4; k++, n /= 10)
		d[k] = (int)(n % 10);
	for (top = 3; top > 0 && d[top] == 0; top--)
		;
	for (k = top; k >= 0; k--) {
		if (d[k] == 0) {
			zero = 1;
			continue;
		}
		if (zero) {
			buf_puts(out, legal ? "零" : "零");
			zero = 0;
		}
		/* 十一, not 一十一, when ten leads the number. */
		if (!(k == 1 && d[k] == 1 && k == top && !legal))
			buf_puts(out, digit[d[k]]);
		buf_puts(out, legal ? unit_legal[k] : unit[k]);
	}
}

static void
roman(long n, int upper, struct buf *out)
{
	static const struct { int v; const char *s; } r[] = {
		{ 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" },
		{ 100, "c" }, { 90, "xc" }, { 50, "l" }, { 40, "xl" },
		{ 10, "x" }, { 9, "ix" }, { 5, "v" }, { 4, "iv" }, { 1, "i" }
	};
	size_t	 i, start = out->len, j;

	if (n <= 0 || n >= 4000) {
		buf_printf(out, "%ld", n);
		return;
	}
	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++)
		while (n >= r[i].v) {
			buf_puts(out, r[i].s);
			n -= r[i].v;
		}
	if (upper)
		for (j = start; j < out->len; j++)
			out->ptr[j] = (char)(out->ptr[j] - 32);
}

/* A, B … Z, AA, BB … (Word repeats the letter). */
static void
letters(long n, int upper, struct buf *out)
{
	long	 k;

	if (n <= 0 || n > 26 * 20) {
		buf_printf(out, "%ld", n);
		return;
	}
	for (k = 0; k <= (n - 1) / 26; k++)
		buf_putc(out, (upper ? 'A' : 'a') + (int)((n - 1) % 26));
}

/* A code point from a table of consecutive ranges, or 0. */
static unsigned int
enclosed(long n, const long *from, const long *to, const unsigned int *base,
    size_t count)
{
	size_t	 i;

	for (i = 0; i < count; i++)
		if (n >= from[i] && n <= to[i])
			return base[i] + (unsigned int)(n - from[i]);
	return 0;
}

void
dx_format_number(const char *fmt, long n, struct buf *out)
{
	static const char *const tiangan[] = {
		"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"
	};
	static const char *const dizhi[] = {
		"子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉",
		"戌", "亥"
	};
	static const long c_from[] = { 1, 21, 36 }, c_to[] = { 20, 35, 50 };
	static const unsigned int c_base[] = { 0x2460, 0x3251, 0x32B1 };
	static const long one_from[] = { 1 }, par_to[] = { 20 },
	    ten_to[] = { 10 };
	static const unsigned int par_base[] = { 0x2474 },
	    stop_base[] = { 0x2488 }, ideo_base[] = { 0x3280 };
	unsigned int	 cp = 0;
	char		 digits[32];
	size_t		 i;

	if (fmt == NULL || strcmp(fmt, "decimal") == 0 ||
	    strcmp(fmt, "decimalHalfWidth") == 0) {
		buf_printf(out, "%ld", n);
		return;
	}
	if (strcmp(fmt, "none") == 0 || strcmp(fmt, "bullet") == 0)
		return;
	if (strcmp(fmt, "decimalZero") == 0) {
		buf_printf(out, n >= 0 && n < 10 ? "0%ld" : "%ld", n);
	} else if (strcmp(fmt, "upperRoman") == 0 ||
	    strcmp(fmt, "lowerRoman") == 0) {
		roman(n, fmt[0] == 'u', out);
	} else if (strcmp(fmt, "upperLetter") == 0 ||
	    strcmp(fmt, "lowerLetter") == 0) {
		letters(n, fmt[0] == 'u', out);
	} else if (strcmp(fmt, "chineseCounting") == 0 ||
	    strcmp(fmt, "chineseCountingThousand") == 0 ||
	    strcmp(fmt, "taiwaneseCounting") == 0 ||
	    strcmp(fmt, "taiwaneseCountingThousand") == 0 ||
	    strcmp(fmt, "japaneseCounting") == 0) {
		cn_counting(n, 0, out);
	} else if (strcmp(fmt, "chineseLegalSimplified") == 0 ||
	    strcmp(fmt, "ideographLegalTraditional") == 0) {
		cn_counting(n, 1, out);
	} else if (strcmp(fmt, "ideographDigital") == 0 ||
	    strcmp(fmt, "taiwaneseDigital") == 0 ||
	    strcmp(fmt, "japaneseDigitalTenThousand") == 0) {
		snprintf(digits, sizeof(digits), "%ld", n);
		for (i = 0; digits[i] != '\0'; i++)
			if (digits[i] >= '0' && digits[i] <= '9')
				buf_puts(out, cn_digit[digits[i] - '0']);
			else
				buf_putc(out, digits[i]);
	} else if (strcmp(fmt, "ideographTraditional") == 0 && n >= 1 &&
	    n <= 10) {
		buf_puts(out, tiangan[n - 1]);
	} else if (strcmp(fmt, "ideographZodiac") == 0 && n >= 1 && n <= 12) {
		buf_puts(out, dizhi[n - 1]);
	} else if ((strcmp(fmt, "decimalEnclosedCircle") == 0 ||
	    strcmp(fmt, "decimalEnclosedCircleChinese") == 0) &&
	    (cp = enclosed(n, c_from, c_to, c_base, 3)) != 0) {
		buf_put_utf8(out, cp);
	} else if (strcmp(fmt, "decimalEnclosedParen") == 0 &&
	    (cp = enclosed(n, one_from, par_to, par_base, 1)) != 0) {
		buf_put_utf8(out, cp);
	} else if (strcmp(fmt, "decimalEnclosedFullstop") == 0 &&
	    (cp = enclosed(n, one_from, par_to, stop_base, 1)) != 0) {
		buf_put_utf8(out, cp);
	} else if (strcmp(fmt, "ideographEnclosedCircle") == 0 &&
	    (cp = enclosed(n, one_from, ten_to, ideo_base, 1)) != 0) {
		buf_put_utf8(out, cp);
	} else if (strncmp(fmt, "decimalFullWidth", 16) == 0) {
		snprintf(digits, sizeof(digits), "%ld", n);
		for (i = 0; digits[i] != '\0'; i++)
			if (digits[i] >= '0' && digits[i] <= '9')
				buf_put_utf8(out, 0xFF10u +
				    (unsigned int)(digits[i] - '0'));
			else
				buf_putc(out, digits[i]);
	} else
		buf_printf(out, "%ld", n);
}

/* Does the number text end in punctuation that separates it already? */
static int
ends_separated(const struct buf *b)
{
	size_t		 pos = b->len;
	uint32_t	 c;

	if (b->len == 0)
		return 1;
	c = utf8_prev(b->ptr, &pos);
	return c == 0x3001 || c == 0xFF09 || c == ')' || c == '.' ||
	    c == 0xFF0E || c == 0xFF0C || c == ',' || c == 0xFF1A ||
	    c == ':' || c == 0x3011 || c == ']' || c == 0xFF3D ||
	    (c >= 0x2460 && c <= 0x249B) || (c >= 0x3251 && c <= 0x32BF);
}

int
dx_number(struct dx_styles *st, int num_id, int ilvl, struct buf *out)
{
	struct dx_num		*m;
	struct dx_abs		*a;
	const struct dx_lvl	*l, *lk;
	const char		*p;
	size_t			 start = out->len;
	long			*counter;
	int			*used;
	int			 k, legal;

	if (num_id <= 0 || (m = find_num(st, num_id)) == NULL ||
	    (a = num_abs(st, m)) == NULL)
		return -1;
	if (ilvl < 0 || ilvl >= DX_LEVELS)
		ilvl = 0;
	l = m->lvl[ilvl].set ? &m->lvl[ilvl] : &a->lvl[ilvl];
	if (!l->set)
		return -1;
	/*
	 * A restart (lvlOverride/startOverride) takes effect where the num
	 * first numbers that level: pandoc gives each list a num restarting
	 * every level, and a list nested in an item must not restart the
	 * item's own count.  Other nums of one abstract numbering count on
	 * together.
	 */
	counter = a->counter;
	used = a->used;
	if (!m->lvl_used[ilvl]) {
		m->lvl_used[ilvl] = 1;
		if (m->start_override[ilvl] >= 0) {
			counter[ilvl] = m->start_override[ilvl] - 1;
			used[ilvl] = 1;
		}
	}
	if (!used[ilvl]) {
		counter[ilvl] = l->start;
		used[ilvl] = 1;
	} else if (counter[ilvl] < 1000000)
		counter[ilvl]++;
	for (k = ilvl + 1; k < DX_LEVELS; k++) {
		int r = (m->lvl[k].set ? &m->lvl[k] : &a->lvl[k])->restart;

		if (r < 0 || (r > 0 && ilvl < r))
			used[k] = 0;
	}
	if (l->fmt != NULL && strcmp(l->fmt, "bullet") == 0)
		return 1;
	if (l->text == NULL)
		return 0;
	legal = l->legal;
	for (p = l->text; *p != '\0'; p++) {
		if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
			k = p[1] - '1';
			lk = m->lvl[k].set ? &m->lvl[k] : &a->lvl[k];
			dx_format_number(legal ? "decimal" : lk->fmt,
			    used[k] ? counter[k] : lk->start, out);
			p++;
		} else
			buf_putc(out, *p);
	}
	if (out->len > start && l->suff != 2 &&
	    (l->suff == 1 || !ends_separated(out)))
		buf_putc(out, ' ');
	return 0;
}
