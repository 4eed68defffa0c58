#include "textout.h"

#include <stdlib.h>
#include <string.h>

#include "tree/alloc.h"
#include "tree/utf8.h"

void
textout_init(struct textout *t, struct buf *out, size_t width)
{
	memset(t, 0, sizeof(*t));
	t->out = out;
	t->width = width;
}

void
textout_free(struct textout *t)
{
	free(t->stack);
	t->stack = NULL;
	t->depth = t->cap = 0;
}

void
textout_push(struct textout *t, const char *first, const char *rest)
{
	if (t->depth == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 8;
		t->stack = xreallocarray(t->stack, t->cap, sizeof(*t->stack));
	}
	t->stack[t->depth].first = first != NULL ? first : "";
	t->stack[t->depth].rest = rest != NULL ? rest : "";
	t->stack[t->depth].started = 0;
	t->depth++;
}

void
textout_pop(struct textout *t)
{
	if (t->depth > 0)
		t->depth--;
}

/*
 * Starts a line: the stack's prefixes, then own.  Every container has
 * now written a line, so later lines take their "rest" form.  Returns
 * the display width written, where wrapping starts counting.
 */
static size_t
start_line(struct textout *t, const char *own)
{
	size_t	 i, start = t->out->len;

	for (i = 0; i < t->depth; i++) {
		struct textout_prefix *p = &t->stack[i];

		buf_puts(t->out, p->started ? p->rest : p->first);
		p->started = 1;
	}
	buf_puts(t->out, own);
	return utf8_width(t->out->ptr + start, t->out->len - start, 1);
}

static void
end_line(struct textout *t)
{
	buf_rtrim_spaces(t->out);
	buf_putc(t->out, '\n');
}

void
textout_blank(struct textout *t)
{
	size_t	 i;

	for (i = 0; i < t->depth && t->stack[i].started; i++)
		buf_puts(t->out, t->stack[i].rest);
	/*
	 * A blank line is empty but for markup: ">" stays, the indentation
	 * of plain text (ideographic spaces) goes, as it did before quotes
	 * could nest.
	 */
	for (;;) {
		size_t n = t->out->len;

		if (n > 0 && (t->out->ptr[n - 1] == ' ' ||
		    t->out->ptr[n - 1] == '\t'))
			buf_truncate(t->out, n - 1);
		else if (n >= 3 && memcmp(t->out->ptr + n - 3,
		    "\xE3\x80\x80", 3) == 0)
			buf_truncate(t->out, n - 3);
		else
			break;
	}
	buf_putc(t->out, '\n');
}

/* May not start a line (clreq "basic" level plus a few). */
int
textout_no_line_start(uint32_t cp)
{
	static const char set[] =
	    "。，、；：？！）》〉」』】〕〗”’…%％·～?!,.;:)]}>";
	char	 enc[4];
	size_t	 n = utf8_encode(cp, enc), i, adv;

	for (i = 0; i + n <= sizeof(set) - 1; i += adv) {
		utf8_decode((const unsigned char *)set + i, sizeof(set) - 1 - i,
		    &adv);
		if (adv == n && memcmp(set + i, enc, n) == 0)
			return 1;
	}
	return 0;
}

/* May not end a line. */
int
textout_no_line_end(uint32_t cp)
{
	return cp == 0xFF08 || cp == 0x300A || cp == 0x3008 ||
	    cp == 0x300C || cp == 0x300E || cp == 0x3010 || cp == 0x3014 ||
	    cp == 0x3016 || cp == 0x201C || cp == 0x2018 || cp == '(' ||
	    cp == '[' || cp == '{';
}

static int
is_word_char(uint32_t cp)
{
	return cp > ' ' && cp < 0x7F && !textout_no_line_start(cp) &&
	    !textout_no_line_end(cp);
}

/*
 * Length in bytes of the unbreakable unit at s[pos]: a Latin word or
 * number, —— or ……, or one character; closing marks after it and opening
 * marks before the next character are glued on.
 */
static size_t
unit_len(const char *s, size_t len, size_t pos)
{
	size_t		 p = pos, q;
	uint32_t	 cp;

	/* Opening marks glue to what follows. */
	for (;;) {
		q = p;
		cp = utf8_next(s, len, &q);
		if (!textout_no_line_end(cp) || q >= len)
			break;
		p = q;
	}
	q = p;
	cp = utf8_next(s, len, &q);
	if (is_word_char(cp)) {
		while (q < len) {
			size_t r = q;

			if (!is_word_char(utf8_next(s, len, &r)))
				break;
			q = r;
		}
	} else if ((cp == 0x2014 || cp == 0x2026) && q < len) {
		size_t r = q;

		if (utf8_next(s, len, &r) == cp)
			q = r;
	}
	p = q;
	/* Closing marks glue to what precedes. */
	while (p < len) {
		q = p;
		cp = utf8_next(s, len, &q);
		if (!textout_no_line_start(cp))
			break;
		p = q;
	}
	return p - pos;
}

void
textout_line(struct textout *t, const char *first, const char *rest,
    const char *s, size_t len, int flags)
{
	size_t	 col, pos = 0, n, w, line_start;

	col = start_line(t, first);
	if (t->width == 0 || (flags & TEXTOUT_NOWRAP)) {
		buf_put(t->out, s, len);
		end_line(t);
		return;
	}
	line_start = t->out->len;
	while (pos < len) {
		if (s[pos] == ' ') {
			/* A space is a break opportunity; dropped at breaks. */
			if (col > 0 && t->out->len > line_start) {
				buf_putc(t->out, ' ');
				col++;
			}
			pos++;
			continue;
		}
		n = unit_len(s, len, pos);
		w = utf8_width(s + pos, n, 1);
		if (col + w > t->width && t->out->len > line_start) {
			end_line(t);
			col = start_line(t, rest);
			line_start = t->out->len;
		}
		buf_put(t->out, s + pos, n);
		col += w;
		pos += n;
	}
	end_line(t);
}

void
textout_block(struct textout *t, const char *first, const char *rest,
    const char *s, size_t len, int flags)
{
	const char	*nl;
	int		 line = 0;

	if (len == 0)
		return;
	if (t->blocks++ > 0)
		textout_blank(t);
	/* A final LF ends the last line; it does not start an empty one. */
	while (len > 0 || line == 0) {
		nl = memchr(s, '\n', len);
		textout_line(t, line++ == 0 ? first : rest, rest, s,
		    nl != NULL ? (size_t)(nl - s) : len, flags);
		if (nl == NULL)
			break;
		len -= (size_t)(nl - s) + 1;
		s = nl + 1;
	}
}
