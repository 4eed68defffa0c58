#include "alloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void
alloc_fail(void)
{
	fputs("artconv: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t size)
{
	void	*p = malloc(size ? size : 1);

	if (p == NULL)
		alloc_fail();
	return p;
}

void *
xcalloc(size_t count, size_t size)
{
	void	*p = calloc(count ? count : 1, size ? size : 1);

	if (p == NULL)
		alloc_fail();
	return p;
}

void *
xrealloc(void *ptr, size_t size)
{
	void	*p = realloc(ptr, size ? size : 1);

	if (p == NULL)
		alloc_fail();
	return p;
}

void *
xreallocarray(void *ptr, size_t count, size_t size)
{
	if (size != 0 && count > SIZE_MAX / size)
		alloc_fail();
	return xrealloc(ptr, count * size);
}

char *
xstrndup(const char *s, size_t len)
{
	char	*p;

	if (len == SIZE_MAX)
		alloc_fail();
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}
