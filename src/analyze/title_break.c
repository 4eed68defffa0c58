/*
 * Title line breaking (see title_break.h).  A dynamic programme over the
 * allowed break positions finds, for a given number of lines, the breaks
 * of least cost; it runs for the fewest lines that fit (found by a greedy
 * pass) and for one more.  Titles are short; a text with more than
 * MAX_CANDIDATES allowed breaks is wrapped greedily instead, so the cost
 * stays linear for anything a hostile input may call a title.
 */
#include "title_break.h"

#include <float.h>
#include <stdlib.h>

#include "tree/alloc.h"
#include "tree/utf8.h"

#define MAX_CANDIDATES	400

/* Costs, in squared ems (the unit of a line's imbalance). */
#define COST_WORD	100.0	/* may split a word */
#define COST_FAIR	16.0	/* before 关于, after 的, before a number */
#define COST_UNIT	400.0	/* between a number and its unit */
#define COST_LINE	50.0	/* a line more than the fewest */

enum brk {
	BRK_NONE,		/* not allowed */
	BRK_GOOD,
	BRK_FAIR,
	BRK_WORD,
	BRK_UNIT
};

int
title_advance(uint32_t cp)
{
	switch (uc_width(cp, 1)) {
	case 2:
		return 1000;
	case 1:
		return 600;
	default:
		return 0;
	}
}

static int
is_space(uint32_t cp)
{
	return cp == ' ' || cp == 0x3000 || cp == '\t' || cp == 0xA0;
}

static int
is_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static int
is_letter(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A) ||
	    (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

/*
 * Closing marks and clause punctuation, which may not start a line
 * (clreq, basic level; Word's default list for Simplified Chinese).
 */
static int
no_line_start(uint32_t cp)
{
	static const uint32_t marks[] = {
		0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF01,
		0xFF1F, 0xFF09, 0xFF3D, 0xFF5D, 0x3009, 0x300B, 0x300D,
		0x300F, 0x3011, 0x3015, 0x3017, 0x201D, 0x2019, 0x2026,
		0x2014, 0x00B7, 0x30FB, 0xFF5E, 0x2030, 0x2032, 0x2033,
		0x2103, '%', ')', ']', '}', ',', '.', ':', ';', '!', '?'
	};

	return uc_in(cp, marks, sizeof(marks) / sizeof(marks[0]));
}

/* Opening marks, which may not end a line. */
static int
no_line_end(uint32_t cp)
{
	static const uint32_t marks[] = {
		0xFF08, 0xFF3B, 0xFF5B, 0x3008, 0x300A, 0x300C, 0x300E,
		0x3010, 0x3014, 0x3016, 0x201C, 0x2018, '(', '[', '{'
	};

	return uc_in(cp, marks, sizeof(marks) / sizeof(marks[0]));
}

/* The break before cp[i] (0 < i < n). */
static enum brk
break_class(const uint32_t *cp, size_t n, size_t i)
{
	uint32_t	 a = cp[i - 1], b = cp[i];

	if (is_space(b))
		return BRK_NONE;	/* the break goes after the spaces */
	if (is_space(a))
		return BRK_GOOD;
	if (no_line_start(b) || no_line_end(a))
		return BRK_NONE;
	if ((is_letter(a) || is_digit(a)) && (is_letter(b) || is_digit(b)))
		return BRK_NONE;
	/* A middle dot joins the parts of a foreign name. */
	if (a == 0x00B7 || a == 0x30FB)
		return BRK_WORD;
	if (no_line_start(a) || no_line_end(b))
		return BRK_GOOD;
	if ((is_letter(a) && uc_is_cjk(b)) || (uc_is_cjk(a) && is_letter(b)))
		return BRK_GOOD;
	/* 2024年, 5亿: a number and what it counts. */
	if (is_digit(a) && uc_is_cjk(b))
		return BRK_UNIT;
	if ((b == 0x5173 && i + 1 < n && cp[i + 1] == 0x4E8E) ||	/* 关于 */
	    a == 0x7684 ||						/* 的 */
	    (is_digit(b) && uc_is_cjk(a) && a != 0x7B2C))		/* not 第 */
		return BRK_FAIR;
	return BRK_WORD;
}

static double
break_cost(enum brk k)
{
	switch (k) {
	case BRK_GOOD:
		return 0;
	case BRK_FAIR:
		return COST_FAIR;
	case BRK_UNIT:
		return COST_UNIT;
	default:
		return COST_WORD;
	}
}

struct text {
	const uint32_t	*cp;
	const size_t	*off;		/* byte offset of each code point */
	const long	*x;		/* advance before each code point */
	size_t		 n;
};

/* Width of the code points [i, j) without outer spaces. */
static long
width(const struct text *t, size_t i, size_t j)
{
	while (i < j && is_space(t->cp[i]))
		i++;
	while (j > i && is_space(t->cp[j - 1]))
		j--;
	return t->x[j] - t->x[i];
}

/* Records the code points [i, j) as a line unless it is all space. */
static size_t
emit(const struct text *t, size_t i, size_t j, struct title_line *out,
    size_t n)
{
	while (i < j && is_space(t->cp[i]))
		i++;
	while (j > i && is_space(t->cp[j - 1]))
		j--;
	if (i == j)
		return n;
	if (out != NULL) {
		out[n].off = t->off[i];
		out[n].len = t->off[j] - t->off[i];
	}
	return n + 1;
}

/*
 * Greedy: each line takes as much as fits and ends at its last allowed
 * break; a run with none is cut where it overflows (*cut is then set).
 */
static size_t
greedy(const struct text *t, const enum brk *cls, long cap,
    struct title_line *out, int *cut)
{
	size_t	 i, start = 0, brk = 0, n = 0;

	*cut = 0;
	for (i = 0; i < t->n; i++) {
		if (i > start && cls[i] != BRK_NONE)
			brk = i;
		while (i > start && !is_space(t->cp[i]) &&
		    width(t, start, i + 1) > cap) {
			if (brk > start) {
				n = emit(t, start, brk, out, n);
				start = brk;
			} else {
				n = emit(t, start, i, out, n);
				start = i;
				*cut = 1;
			}
		}
	}
	return emit(t, start, t->n, out, n);
}

/*
 * The least cost of breaking the text into exactly lines lines at the
 * candidate positions c[0..nc) (c[0] = 0, c[nc-1] = n); the chosen
 * candidates go into pick[0..lines].  DBL_MAX if no such layout fits.
 */
static double
best_layout(const struct text *t, const enum brk *cls, const size_t *c,
    size_t nc, long cap, size_t lines, size_t *pick)
{
	double	*cost, target, d, v, best;
	size_t	*from, l, i, j;
	long	 w;

	target = (double)width(t, 0, t->n) / (double)lines;
	cost = xcalloc((lines + 1) * nc, sizeof(*cost));
	from = xcalloc((lines + 1) * nc, sizeof(*from));
	for (l = 0; l <= lines; l++)
		for (j = 0; j < nc; j++)
			cost[l * nc + j] = DBL_MAX;
	cost[0] = 0;
	for (l = 1; l <= lines; l++)
		for (j = 1; j < nc; j++) {
			/* A line ending at c[j]; the last ends at the end. */
			if ((l == lines) != (j == nc - 1))
				continue;
			for (i = j; i-- > 0;) {
				if (cost[(l - 1) * nc + i] == DBL_MAX)
					continue;
				w = width(t, c[i], c[j]);
				if (w > cap)
					break;	/* wider still further back */
				if (w == 0)
					continue;
				d = ((double)w - target) / 1000.0;
				v = cost[(l - 1) * nc + i] + d * d +
				    (j < nc - 1 ? break_cost(cls[c[j]]) : 0);
				if (v < cost[l * nc + j]) {
					cost[l * nc + j] = v;
					from[l * nc + j] = i;
				}
			}
		}
	best = cost[lines * nc + nc - 1];
	if (best != DBL_MAX)
		for (l = lines, j = nc - 1; l > 0; l--) {
			pick[l] = c[j];
			j = from[l * nc + j];
			pick[l - 1] = c[j];
		}
	free(cost);
	free(from);
	return best;
}

/* Lines of out[0..n) that end at a break of class word or unit. */
static size_t
count_splits(const struct text *t, const enum brk *cls,
    const struct title_line *out, size_t n)
{
	size_t	 i, k = 0, splits = 0, end;

	for (i = 0; i + 1 < n; i++) {
		end = out[i + 1].off;
		while (k < t->n && t->off[k] < end)
			k++;
		if (k < t->n && (cls[k] == BRK_WORD || cls[k] == BRK_UNIT ||
		    cls[k] == BRK_NONE))
			splits++;
	}
	return splits;
}

size_t
title_break(const char *s, size_t len, const int *adv, long cap,
    size_t max_lines, struct title_line *out, size_t *splits)
{
	struct text	 t;
	uint32_t	*cp;
	size_t		*off, *c, *pick, *keep = NULL, n = 0, nc = 0, pos = 0;
	size_t		 lines, nmin, best_lines = 0, i, k;
	long		*x;
	enum brk	*cls;
	double		 v, best = DBL_MAX;
	int		 cut;

	cp = xcalloc(len + 1, sizeof(*cp));
	off = xcalloc(len + 1, sizeof(*off));
	x = xcalloc(len + 1, sizeof(*x));
	cls = xcalloc(len + 1, sizeof(*cls));
	while (pos < len) {
		off[n] = pos;
		cp[n] = utf8_next(s, len, &pos);
		x[n + 1] = x[n] + (adv != NULL ? adv[n] : title_advance(cp[n]));
		n++;
	}
	off[n] = len;
	t.cp = cp;
	t.off = off;
	t.x = x;
	t.n = n;
	for (i = 1; i < n; i++)
		cls[i] = break_class(cp, n, i);

	nmin = greedy(&t, cls, cap, out, &cut);
	c = xcalloc(n + 2, sizeof(*c));
	c[nc++] = 0;
	for (i = 1; i < n; i++)
		if (cls[i] != BRK_NONE)
			c[nc++] = i;
	c[nc++] = n;
	if (cut || nmin <= 1 || nc > MAX_CANDIDATES)
		goto done;

	pick = xcalloc(nmin + 2, sizeof(*pick));
	keep = xcalloc(nmin + 2, sizeof(*keep));
	for (lines = nmin; lines <= nmin + 1 && lines < nc; lines++) {
		if (lines > nmin && max_lines > 0 && lines > max_lines)
			break;
		v = best_layout(&t, cls, c, nc, cap, lines, pick);
		if (v == DBL_MAX)
			continue;
		v += COST_LINE * (double)(lines - nmin);
		if (v < best) {
			best = v;
			best_lines = lines;
			for (k = 0; k <= lines; k++)
				keep[k] = pick[k];
		}
	}
	if (best_lines > 0) {
		nmin = 0;
		for (k = 0; k < best_lines; k++)
			nmin = emit(&t, keep[k], keep[k + 1], out, nmin);
	}
	free(pick);
	free(keep);
done:
	if (splits != NULL)
		*splits = count_splits(&t, cls, out, nmin);
	free(c);
	free(cp);
	free(off);
	free(x);
	free(cls);
	return nmin;
}

size_t
title_phrases(const char *s, size_t len, struct title_line *out)
{
	uint32_t	*cp;
	size_t		*off, n = 0, nout = 0, start = 0, pos = 0, i;
	enum brk	 k;

	if (len == 0)
		return 0;
	cp = xcalloc(len + 1, sizeof(*cp));
	off = xcalloc(len + 1, sizeof(*off));
	while (pos < len) {
		off[n] = pos;
		cp[n++] = utf8_next(s, len, &pos);
	}
	off[n] = len;
	for (i = 1; i < n; i++) {
		k = break_class(cp, n, i);
		if (k != BRK_GOOD && k != BRK_FAIR)
			continue;
		/*
		 * One character is no phrase ("》的" before 通知): it stays
		 * with the text before it.
		 */
		if (i + 1 < n && (k = break_class(cp, n, i + 1)) != BRK_NONE &&
		    k != BRK_WORD && k != BRK_UNIT)
			continue;
		out[nout].off = off[start];
		out[nout++].len = off[i] - off[start];
		start = i;
	}
	out[nout].off = off[start];
	out[nout++].len = len - off[start];
	free(cp);
	free(off);
	return nout;
}
