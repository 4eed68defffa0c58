/*
 * Diagnostics collected while converting one article.  Library code never
 * prints: it records notes (shown with -v), warnings (shown unless -q) and
 * at most one error here, and the command line (cli/) prints them as
 * "artconv: FILE: ...".
 */
#ifndef ARTCONV_DIAG_H
#define ARTCONV_DIAG_H

#include <stddef.h>

enum diag_level {
	DIAG_NOTE,	/* how the input was understood; -v */
	DIAG_WARN,	/* something was repaired or guessed; always shown */
	DIAG_ERROR	/* why the operation failed */
};

struct diag_msg {
	enum diag_level	 level;
	char		*text;
};

struct diag {
	struct diag_msg	*msgs;
	size_t		 n, cap;
	int		 verbose;	/* record notes only when set */
};

void	 diag_init(struct diag *d, int verbose);
/* Frees the messages; d may be reused after diag_init.  NULL is fine. */
void	 diag_free(struct diag *d);
void	 diag_note(struct diag *d, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 diag_warn(struct diag *d, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Records the error and returns -1, for "return diag_error(...)". */
int	 diag_error(struct diag *d, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* The last error message, or NULL. */
const char *diag_last_error(const struct diag *d);
size_t	 diag_count(const struct diag *d, enum diag_level level);

#endif
