/*
 * Allocation wrappers.  Out of memory is not an error artconv recovers from:
 * every function here prints "artconv: out of memory" and aborts when the C
 * library cannot satisfy the request, so no other code checks for NULL.
 * Size arithmetic that would overflow also aborts.
 */
#ifndef ARTCONV_ALLOC_H
#define ARTCONV_ALLOC_H

#include <stddef.h>

void	*xmalloc(size_t size);
void	*xcalloc(size_t count, size_t size);
void	*xrealloc(void *ptr, size_t size);
/* Like xrealloc(ptr, count * size), aborting if the product overflows. */
void	*xreallocarray(void *ptr, size_t count, size_t size);
char	*xstrdup(const char *s);
/* Copies len bytes of s and appends a NUL; s need not be NUL-terminated. */
char	*xstrndup(const char *s, size_t len);
/* Aborts with the out-of-memory message; for libraries that report it. */
_Noreturn void	 alloc_fail(void);

#endif
