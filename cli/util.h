/*
 * The command line's small tools: memory that never fails (the program
 * ends with "artconv: out of memory" instead), a growable string, file
 * names and quotations made safe for a terminal, and reading a file whole.
 * The library has its own of each; the command line uses none of them
 * (it sees only artconv.h).
 */
#ifndef CLI_UTIL_H
#define CLI_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* malloc() and friends that end the program when memory runs out. */
void	*emalloc(size_t n);
void	*ecalloc(size_t n, size_t size);
void	*ereallocarray(void *p, size_t n, size_t size);
char	*estrdup(const char *s);
char	*estrndup(const char *s, size_t n);
/* Prints "artconv: out of memory" and aborts. */
void	 die_nomem(void) __attribute__((noreturn));

/*
 * A growable string: ptr is never NULL once something was added and is
 * always NUL-terminated then; SBUF_INIT (all zero) is the empty string,
 * whose ptr is NULL.
 */
struct sbuf {
	char	*ptr;
	size_t	 len, cap;
};
#define SBUF_INIT { NULL, 0, 0 }

void	 sb_put(struct sbuf *b, const void *p, size_t n);
void	 sb_puts(struct sbuf *b, const char *s);
void	 sb_putc(struct sbuf *b, char c);
void	 sb_printf(struct sbuf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 sb_vprintf(struct sbuf *b, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0)));
/* Keeps the first n bytes (n <= len). */
void	 sb_truncate(struct sbuf *b, size_t n);
/* The contents, "" when empty: a NUL-terminated string. */
const char *sb_str(const struct sbuf *b);
/* Hands the string over (free() it); b is left empty. */
char	*sb_detach(struct sbuf *b);
void	 sb_free(struct sbuf *b);

/*
 * Appends s[0..len) as a message on a terminal shows it: C0 and C1
 * controls, DEL, invalid UTF-8 and the bidirectional controls that
 * reorder what a terminal shows (U+202E and kin) become visible escapes
 * (\n, \t, \x1b, \u202e), so that a message stays on one line and cannot
 * steer the terminal.  A backslash stays as it is.
 */
void	 display_escape(struct sbuf *b, const char *s, size_t len);

#define READ_REGULAR	0x1	/* only a regular file, opened without
				   waiting (a FIFO is refused) */
/*
 * Reads the file at path whole into out (appending), at most max bytes.
 * "-" is standard input, unless READ_REGULAR.  Returns 0, or -1 with a
 * short reason in *why (a static string or strerror's).
 */
int	 read_whole(const char *path, size_t max, int flags, struct sbuf *out,
	    const char **why);

#endif
