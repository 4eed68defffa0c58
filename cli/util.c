/*
 * The command line's small tools; see util.h.
 */
#define _GNU_SOURCE	/* vasprintf() */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* As the library did when the command line shared its allocator. */
void
die_nomem(void)
{
	fputs("artconv: out of memory\n", stderr);
	abort();
}

void *
emalloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		die_nomem();
	return p;
}

void *
ecalloc(size_t n, size_t size)
{
	void	*p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		die_nomem();
	return p;
}

void *
ereallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		die_nomem();
	if ((p = realloc(p, n * size > 0 ? n * size : 1)) == NULL)
		die_nomem();
	return p;
}

char *
estrdup(const char *s)
{
	return estrndup(s, strlen(s));
}

char *
estrndup(const char *s, size_t n)
{
	char	*p;

	n = strnlen(s, n);
	p = emalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Room for n more bytes and the NUL; grows by half again. */
static void
sb_room(struct sbuf *b, size_t n)
{
	size_t	 need;

	if (n > SIZE_MAX - b->len - 1)
		die_nomem();
	need = b->len + n + 1;
	if (need <= b->cap)
		return;
	if (b->cap < 64)
		b->cap = 64;
	while (b->cap < need)
		b->cap = b->cap > SIZE_MAX / 3 * 2 ? need : b->cap + b->cap / 2;
	b->ptr = ereallocarray(b->ptr, b->cap, 1);
}

void
sb_put(struct sbuf *b, const void *p, size_t n)
{
	sb_room(b, n);
	if (n > 0)
		memcpy(b->ptr + b->len, p, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void
sb_puts(struct sbuf *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

void
sb_putc(struct sbuf *b, char c)
{
	sb_put(b, &c, 1);
}

/* Messages only: an allocation each is cheap enough. */
void
sb_vprintf(struct sbuf *b, const char *fmt, va_list ap)
{
	char	*s;
	int	 n;

	if ((n = vasprintf(&s, fmt, ap)) < 0)
		die_nomem();
	sb_put(b, s, (size_t)n);
	free(s);
}

void
sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		die_nomem();
	sb_put(b, s, (size_t)n);
	free(s);
}

void
sb_truncate(struct sbuf *b, size_t n)
{
	if (b->ptr != NULL && n <= b->len) {
		b->len = n;
		b->ptr[n] = '\0';
	}
}

const char *
sb_str(const struct sbuf *b)
{
	return b->ptr != NULL ? b->ptr : "";
}

char *
sb_detach(struct sbuf *b)
{
	char	*p = b->ptr != NULL ? b->ptr : estrdup("");

	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}

void
sb_free(struct sbuf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

/*
 * The length of the valid UTF-8 sequence at s (at most len bytes), or 0
 * if there is none; *bad then receives how many bytes to show escaped:
 * the lead byte and the continuation bytes that fitted, as a decoder
 * resynchronising at the first byte that does not fit would skip.
 */
static size_t
utf8_seq(const unsigned char *s, size_t len, uint32_t *cp, size_t *bad)
{
	unsigned char	 lo = 0x80, hi = 0xBF;
	size_t		 need, i;

	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		need = 1;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		need = 2;
		lo = s[0] == 0xE0 ? 0xA0 : 0x80;	/* no overlongs */
		hi = s[0] == 0xED ? 0x9F : 0xBF;	/* no surrogates */
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		need = 3;
		lo = s[0] == 0xF0 ? 0x90 : 0x80;
		hi = s[0] == 0xF4 ? 0x8F : 0xBF;
	} else {
		*bad = 1;
		return 0;
	}
	*cp = s[0] & (0x3F >> need);
	for (i = 1; i <= need; i++, lo = 0x80, hi = 0xBF) {
		if (i >= len || s[i] < lo || s[i] > hi) {
			*bad = i;
			return 0;
		}
		*cp = (*cp << 6) | (s[i] & 0x3F);
	}
	return need + 1;
}

/* U+061C, U+200E/F, U+202A..E, U+2066..9: they reorder a line. */
static int
reorders(uint32_t cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void
display_escape(struct sbuf *b, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t		 i = 0, run, n, bad;
	uint32_t	 cp;

	while (i < len) {
		for (run = i; run < len && u[run] >= 0x20 && u[run] < 0x7F;
		    run++)
			;
		sb_put(b, s + i, run - i);
		if ((i = run) >= len)
			break;
		if (u[i] == '\n' || u[i] == '\t' || u[i] == '\r') {
			sb_putc(b, '\\');
			sb_putc(b, u[i] == '\n' ? 'n' : u[i] == '\t' ? 't' :
			    'r');
			i++;
		} else if (u[i] < 0x80) {
			sb_printf(b, "\\x%02x", u[i]);
			i++;
		} else if ((n = utf8_seq(u + i, len - i, &cp, &bad)) == 0) {
			for (n = 0; n < bad; n++)
				sb_printf(b, "\\x%02x", u[i + n]);
			i += bad;
		} else {
			if ((cp >= 0x80 && cp < 0xA0) || reorders(cp))
				sb_printf(b, "\\u%04x", (unsigned)cp);
			else
				sb_put(b, s + i, n);
			i += n;
		}
	}
}

/*
 * Reads fd to its end.  The reasons are the library's, so that messages
 * do not change with who reads.
 */
int
read_whole(const char *path, size_t max, int flags, struct sbuf *out,
    const char **why)
{
	const char	*toolarge = flags & READ_REGULAR ? "too large" :
			    "file too large";
	struct stat	 st;
	ssize_t		 n;
	int		 fd, rc = -1;

	if (!(flags & READ_REGULAR) && strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC | ((flags &
	    READ_REGULAR) ? O_NOCTTY | O_NONBLOCK : 0))) < 0) {
		*why = strerror(errno);
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		*why = strerror(errno);
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		*why = flags & READ_REGULAR ? "a folder" : "is a directory";
		goto out;
	}
	if ((flags & READ_REGULAR) && !S_ISREG(st.st_mode)) {
		*why = "not a regular file";
		goto out;
	}
	if (S_ISREG(st.st_mode)) {
		if ((unsigned long long)st.st_size > max) {
			*why = toolarge;
			goto out;
		}
		sb_room(out, (size_t)st.st_size);
	}
	for (;;) {
		sb_room(out, 65536);
		out->ptr[out->len] = '\0';
		n = read(fd, out->ptr + out->len, out->cap - out->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*why = strerror(errno);
			goto out;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->ptr[out->len] = '\0';
		if (out->len > max) {
			*why = toolarge;
			goto out;
		}
	}
	rc = 0;
out:
	if (fd != STDIN_FILENO)
		close(fd);
	return rc;
}
