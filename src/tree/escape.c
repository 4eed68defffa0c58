#include "escape.h"

#include "utf8.h"

/*
 * Byte classes.  Runs of bytes of class 0 are copied with one buf_put;
 * only flagged bytes are looked at one by one.
 */
#define C_XML	0x01	/* & < > */
#define C_ATTR	0x02	/* " TAB LF CR */
#define C_CTRL	0x04	/* C0 control, DEL */
#define C_HIGH	0x08	/* non-ASCII: check for U+FFFE, C1, invalid UTF-8 */
#define C_JSON	0x10	/* " \ */
#define C_MD	0x20	/* \ ` * _ [ ] < & ~ */

/*
 * cls[byte]: the classes above.  Written out (not computed at start-up) so
 * the escapers need no initialisation and are safe to call from several
 * threads.  0x00-0x1F and 0x7F are C_CTRL (TAB, LF, CR also C_ATTR);
 * 0x80-0xFF are C_HIGH.
 */
static const unsigned char cls[256] = {
	0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x06, 0x06, 0x04, 0x04, 0x06, 0x04, 0x04,
	0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04,
	0x00, 0x00, 0x12, 0x00, 0x00, 0x00, 0x21, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x21, 0x00, 0x01, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x20, 0x30, 0x20, 0x00, 0x20,
	0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x20, 0x04,
	0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08,
	0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08,
	0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08,
	0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08,
	0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08,
	0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08,
	0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08,
	0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08,
};

#define REPLACEMENT "\xEF\xBF\xBD"	/* U+FFFD */

/*
 * Handles a non-ASCII byte sequence at s[*i] for XML: copies a valid,
 * allowed code point, or writes U+FFFD for anything invalid or forbidden.
 */
static void
xml_high(struct buf *b, const char *s, size_t len, size_t *i)
{
	const unsigned char	*u = (const unsigned char *)s + *i;
	size_t			 adv;
	int32_t			 cp;

	cp = utf8_decode(u, len - *i, &adv);
	if (cp < 0 || uc_is_forbidden((uint32_t)cp))
		BUF_PUTSL(b, REPLACEMENT);
	else
		buf_put(b, s + *i, adv);
	*i += adv;
}

static void
xml_escape(struct buf *b, const char *s, size_t len, int attr)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char	 mask = C_XML | C_CTRL | C_HIGH | (attr ? C_ATTR : 0);
	size_t		 i = 0, run;

	while (i < len) {
		run = i;
		for (;;) {
			while (i < len && !(cls[(unsigned char)s[i]] & mask))
				i++;
			/*
			 * Chinese text stays in the run too (utf8_is_plain3()),
			 * so a paragraph is copied in one piece.
			 */
			if (utf8_is_plain3(u + i, len - i)) {
				i += 3;
				continue;
			}
			break;
		}
		buf_put(b, s + run, i - run);
		if (i >= len)
			break;
		switch (s[i]) {
		case '&': BUF_PUTSL(b, "&amp;"); i++; continue;
		case '<': BUF_PUTSL(b, "&lt;"); i++; continue;
		case '>': BUF_PUTSL(b, "&gt;"); i++; continue;
		case '"': BUF_PUTSL(b, "&quot;"); i++; continue;
		case '\t': buf_puts(b, attr ? "&#9;" : "\t"); i++; continue;
		case '\n': buf_puts(b, attr ? "&#10;" : "\n"); i++; continue;
		default:
			break;
		}
		if ((unsigned char)s[i] >= 0x80)
			xml_high(b, s, len, &i);
		else {
			/* CR, other C0 controls and DEL. */
			BUF_PUTSL(b, REPLACEMENT);
			i++;
		}
	}
}

void
esc_xml_text(struct buf *b, const char *s, size_t len)
{
	xml_escape(b, s, len, 0);
}

void
esc_xml_attr(struct buf *b, const char *s, size_t len)
{
	xml_escape(b, s, len, 1);
}

void
esc_json(struct buf *b, const char *s, size_t len)
{
	unsigned char	 mask = C_JSON | C_CTRL;
	size_t		 i = 0, run;

	while (i < len) {
		run = i;
		while (i < len && !(cls[(unsigned char)s[i]] & mask))
			i++;
		buf_put(b, s + run, i - run);
		if (i >= len)
			break;
		switch (s[i]) {
		case '"': BUF_PUTSL(b, "\\\""); break;
		case '\\': BUF_PUTSL(b, "\\\\"); break;
		case '\n': BUF_PUTSL(b, "\\n"); break;
		case '\t': BUF_PUTSL(b, "\\t"); break;
		case '\r': BUF_PUTSL(b, "\\r"); break;
		default:
			buf_printf(b, "\\u%04x", (unsigned char)s[i]);
			break;
		}
		i++;
	}
}

/* Length of the run of c at s[i..len). */
static size_t
run_of(const char *s, size_t len, size_t i, char c)
{
	size_t	 n = 0;

	while (i + n < len && s[i + n] == c)
		n++;
	return n;
}

/*
 * Escapes what would start a block at the beginning of a line.  Returns how
 * many bytes of s it consumed (already written to b).
 */
static size_t
md_line_start(struct buf *b, const char *s, size_t len)
{
	size_t	 n;

	if (len == 0)
		return 0;
	switch (s[0]) {
	case '#':	/* ATX heading, and "#word" that linters flag */
	case '>':	/* block quote */
	case '+':	/* bullet */
	case '=':	/* setext underline */
		buf_putc(b, '\\');
		buf_putc(b, s[0]);
		return 1;
	case '-':
		/* Bullet ("- x") or thematic break / setext underline ("---"). */
		n = run_of(s, len, 0, '-');
		if (n == len || s[1] == ' ' || s[1] == '\t' || n >= 3) {
			BUF_PUTSL(b, "\\-");
			return 1;
		}
		return 0;
	default:
		break;
	}
	/* Ordered list marker: 1-9 digits, then '.' or ')', then a blank. */
	for (n = 0; n < len && n < 10 && s[n] >= '0' && s[n] <= '9'; n++)
		;
	if (n > 0 && n < 10 && n < len && (s[n] == '.' || s[n] == ')') &&
	    (n + 1 == len || s[n + 1] == ' ' || s[n + 1] == '\t')) {
		buf_put(b, s, n);
		buf_putc(b, '\\');
		buf_putc(b, s[n]);
		return n + 1;
	}
	return 0;
}

void
esc_md(struct buf *b, const char *s, size_t len, int flags)
{
	size_t	 i = 0, run;

	if (flags & ESC_MD_LINE_START)
		i = md_line_start(b, s, len);
	while (i < len) {
		run = i;
		while (i < len && !(cls[(unsigned char)s[i]] & C_MD) &&
		    !(s[i] == '|' && (flags & ESC_MD_TABLE)))
			i++;
		buf_put(b, s + run, i - run);
		if (i >= len)
			break;
		buf_putc(b, '\\');
		buf_putc(b, s[i]);
		i++;
	}
}
