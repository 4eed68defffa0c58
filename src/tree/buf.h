/*
 * Growable byte buffer.  Every writer renders into one; only the command
 * line (cli/) writes a buffer to a file.  The buffer always holds a NUL after its last byte, so
 * b->ptr is a valid C string (of the first NUL-free part) even when empty.
 * Growth is geometric (about 1.5x), so a sequence of appends is amortised
 * linear in the total size.  Allocation failure aborts (see alloc.h).
 */
#ifndef ARTCONV_BUF_H
#define ARTCONV_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*ptr;	/* contents, NUL-terminated; never NULL after buf_init */
	size_t	 len;	/* bytes used, not counting the NUL */
	size_t	 cap;	/* bytes allocated; 0 while ptr points at a static "" */
};

/* A borrowed, not necessarily NUL-terminated, run of bytes. */
struct slice {
	const char	*ptr;
	size_t		 len;
};

#define BUF_INIT { (char *)"", 0, 0 }
/* Appends a string literal without calling strlen. */
#define BUF_PUTSL(b, lit) buf_put((b), "" lit, sizeof(lit) - 1)

void	 buf_init(struct buf *b);
/* Releases the storage; b is then empty and may be reused.  NULL is fine. */
void	 buf_free(struct buf *b);
/* Makes room for at least extra more bytes. */
void	 buf_grow(struct buf *b, size_t extra);
void	 buf_put(struct buf *b, const void *data, size_t len);
void	 buf_putc(struct buf *b, int c);
void	 buf_puts(struct buf *b, const char *s);
void	 buf_putbuf(struct buf *b, const struct buf *other);
/* Appends the UTF-8 encoding of code point cp (must be a scalar value). */
void	 buf_put_utf8(struct buf *b, unsigned int cp);
void	 buf_printf(struct buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0)));
/* Shortens the contents to len bytes (no-op if already shorter). */
void	 buf_truncate(struct buf *b, size_t len);
/* Removes trailing ASCII spaces and tabs. */
void	 buf_rtrim_spaces(struct buf *b);
/*
 * Appends what can be read from fd until end of file (retrying after
 * EINTR), keeping out NUL-terminated.  Returns 0, or -1 with *why set to
 * strerror() text on a read error or to toolarge once out holds more
 * than max bytes (what was read stays in out).  Does not close fd.
 */
int	 buf_read_fd(struct buf *out, int fd, size_t max, const char *toolarge,
	    const char **why);
/* Hands the contents to the caller (free with free()); b becomes empty. */
char	*buf_detach(struct buf *b, size_t *lenp);

#endif
