/*
 * Allocation wrappers.  No other code checks for NULL: when the C library
 * cannot satisfy a request (or size arithmetic would overflow), the
 * wrapper does not return.  Inside a library call it raises
 * RECOVER_NOMEM (recover.h), and the call returns AC_ERR_NOMEM having
 * released everything it allocated; elsewhere (the command line) it
 * prints "artconv: out of memory" and aborts.
 *
 * Library code frees with free(), which this header maps to
 * alloc_free() so that a recoverable call knows which of its blocks are
 * gone (recover.h, rule 1).
 */
#ifndef ARTCONV_ALLOC_H
#define ARTCONV_ALLOC_H

#include <stddef.h>
#include <stdlib.h>

#include "recover.h"

void	*xmalloc(size_t size);
void	*xcalloc(size_t count, size_t size);
void	*xrealloc(void *ptr, size_t size);
/* Like xrealloc(ptr, count * size), failing if the product overflows. */
void	*xreallocarray(void *ptr, size_t count, size_t size);
char	*xstrdup(const char *s);
/* Copies len bytes of s and appends a NUL; s need not be NUL-terminated. */
char	*xstrndup(const char *s, size_t len);
/* Fails as out of memory; for size checks and libraries that report it. */
_Noreturn void	 alloc_fail(void);
/* Frees p (any block from the C library, or NULL). */
void	 alloc_free(void *p);

/*
 * For the public API's small functions, which report failure instead of
 * raising: like malloc() and realloc(), NULL when out of memory; never
 * recorded by a recoverable call (the block belongs to the caller).
 */
void	*alloc_try_malloc(size_t size);
void	*alloc_try_realloc(void *ptr, size_t size);

/*
 * Test hooks.  alloc_fail_at(n): the n-th allocation from now on this
 * thread fails (0: none).  alloc_count(): allocations this thread has
 * made.  alloc_injected_failure(): counts one allocation and says
 * whether it is the one to fail (for recover.c's own tables).
 */
void		 alloc_fail_at(unsigned long n);
unsigned long	 alloc_count(void);
int		 alloc_injected_failure(void);

#ifndef ALLOC_IMPLEMENTATION
#define free(p)	alloc_free(p)
#endif

#endif
