/* This file implements the policy: it calls the C library's free(). */
#define ALLOC_IMPLEMENTATION
#include "alloc.h"

#include <stdint.h>
#include <string.h>

/* The test hook's countdown and this thread's allocation count. */
static _Thread_local unsigned long	 fail_countdown;
static _Thread_local unsigned long	 allocations;

_Noreturn void
alloc_fail(void)
{
	recover_raise(RECOVER_NOMEM);
}

void
alloc_fail_at(unsigned long n)
{
	fail_countdown = n;
}

unsigned long
alloc_count(void)
{
	return allocations;
}

int
alloc_injected_failure(void)
{
	allocations++;
	return fail_countdown > 0 && --fail_countdown == 0;
}

/*
 * Room in the call's records is made before allocating, so that a block,
 * once obtained, is always recorded: a failure then leaks nothing.
 */
void *
xmalloc(size_t size)
{
	void	*p;

	recover_reserve();
	if (alloc_injected_failure() || (p = malloc(size ? size : 1)) == NULL)
		alloc_fail();
	recover_track(p);
	return p;
}

void *
xcalloc(size_t count, size_t size)
{
	void	*p;

	recover_reserve();
	if (alloc_injected_failure() ||
	    (p = calloc(count ? count : 1, size ? size : 1)) == NULL)
		alloc_fail();
	recover_track(p);
	return p;
}

/*
 * A block keeps its owner across realloc(): recorded blocks stay
 * recorded (under their new address), and a block of the caller's that a
 * call enlarges stays the caller's.
 */
void *
xrealloc(void *ptr, size_t size)
{
	void	*p;
	int	 recorded;

	if (ptr == NULL)
		return xmalloc(size);
	/* After realloc() the old address may not even be looked at. */
	recover_reserve();
	recorded = recover_untrack(ptr);
	if (alloc_injected_failure() ||
	    (p = realloc(ptr, size ? size : 1)) == NULL) {
		if (recorded)
			recover_track(ptr);
		alloc_fail();
	}
	if (recorded)
		recover_track(p);
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

void
alloc_free(void *p)
{
	if (p == NULL)
		return;
	recover_untrack(p);
	free(p);
}

void *
alloc_try_malloc(size_t size)
{
	return alloc_injected_failure() ? NULL : malloc(size ? size : 1);
}

void *
alloc_try_realloc(void *ptr, size_t size)
{
	return alloc_injected_failure() ? NULL : realloc(ptr, size ? size : 1);
}
