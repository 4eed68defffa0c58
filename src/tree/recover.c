/* This file implements the policy: it calls the C library's free(). */
#define ALLOC_IMPLEMENTATION
#include "recover.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

/*
 * The table of recorded blocks is a hash set of pointers with open
 * addressing and linear probing: recording and forgetting are O(1) on
 * average, which matters because a conversion makes tens of thousands of
 * allocations.  Its own storage comes straight from calloc(), never from
 * the wrappers it serves.
 */
#define EMPTY		NULL
#define REMOVED		((void *)&removed_marker)
#define MIN_SLOTS	1024

static const char	 removed_marker;

struct deferred {
	void	(*release)(void *);
	void	*resource;
};

/* One thread's open call.  Thread-local: calls on other threads are not
 * seen, and need no lock. */
struct call {
	int			 open;
	int			 failure;	/* enum recover_failure */
	struct recover_guard	*guard;		/* innermost landing point */
	void			**slots;	/* the recorded blocks */
	size_t			 nslots;	/* a power of two, or 0 */
	size_t			 nlive, nremoved;
	struct deferred		*deferred;
	size_t			 ndeferred, capdeferred;
};

static _Thread_local struct call	 call;

static size_t
slot_of(const void *p, size_t nslots)
{
	uintptr_t	 h = (uintptr_t)p;

	/* malloc() aligns to 16: the low bits carry nothing. */
	h ^= h >> 4;
	h *= (uintptr_t)0x9E3779B97F4A7C15ull;
	return (size_t)(h >> 7) & (nslots - 1);
}

/* Rebuilds the table with nslots slots; returns -1 if out of memory. */
static int
rehash(size_t nslots)
{
	void	**slots = calloc(nslots, sizeof(*slots)), **old = call.slots;
	size_t	  i, k, n = call.nslots;

	if (slots == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (old[i] == EMPTY || old[i] == REMOVED)
			continue;
		for (k = slot_of(old[i], nslots); slots[k] != EMPTY;
		    k = (k + 1) & (nslots - 1))
			;
		slots[k] = old[i];
	}
	free(old);
	call.slots = slots;
	call.nslots = nslots;
	call.nremoved = 0;
	return 0;
}

/* The slot holding p, or the table size if p is not recorded. */
static size_t
find(const void *p)
{
	size_t	 k;

	if (call.nslots == 0)
		return 0;
	for (k = slot_of(p, call.nslots); call.slots[k] != EMPTY;
	    k = (k + 1) & (call.nslots - 1))
		if (call.slots[k] == p)
			return k;
	return call.nslots;
}

int
recover_begin(struct recover_guard *g)
{
	if (call.open)
		return -1;
	memset(&call, 0, sizeof(call));
	call.open = 1;
	g->prev = NULL;
	call.guard = g;
	return 0;
}

static void
close_call(void)
{
	free(call.slots);
	free(call.deferred);
	memset(&call, 0, sizeof(call));
}

void
recover_commit(void)
{
	close_call();
}

int
recover_abandon(void)
{
	int	 failure = call.failure;
	size_t	 i;

	/*
	 * Releases first, newest first: they may free recorded blocks (a
	 * libzip source frees its buffers through us), which then leave
	 * the table before the sweep.  Nothing may jump any more.
	 */
	call.guard = NULL;
	while (call.ndeferred > 0) {
		struct deferred d = call.deferred[--call.ndeferred];

		d.release(d.resource);
	}
	for (i = 0; i < call.nslots; i++)
		if (call.slots[i] != EMPTY && call.slots[i] != REMOVED)
			free(call.slots[i]);
	close_call();
	return failure;
}

int
recover_active(void)
{
	return call.open;
}

_Noreturn void
recover_raise(enum recover_failure f)
{
	struct recover_guard	*g = call.guard;

	if (!call.open || g == NULL) {
		fputs(f == RECOVER_NOMEM ? "artconv: out of memory\n" :
		    "artconv: internal error\n", stderr);
		abort();
	}
	call.failure = f;
	call.guard = g->prev;
	longjmp(g->env, f);
}

void
recover_push(struct recover_guard *g)
{
	if (!call.open)
		return;
	g->prev = call.guard;
	call.guard = g;
}

void
recover_pop(struct recover_guard *g)
{
	if (call.open && call.guard == g)
		call.guard = g->prev;
}

int
recover_failure(void)
{
	return call.failure;
}

void
recover_defer(void (*release)(void *), void *resource)
{
	struct deferred	*v;
	size_t		 cap;

	if (!call.open)
		return;
	if (call.ndeferred == call.capdeferred) {
		cap = call.capdeferred ? call.capdeferred * 2 : 16;
		v = alloc_injected_failure() ? NULL :
		    realloc(call.deferred, cap * sizeof(*v));
		if (v == NULL) {
			release(resource);
			recover_raise(RECOVER_NOMEM);
		}
		call.deferred = v;
		call.capdeferred = cap;
	}
	call.deferred[call.ndeferred].release = release;
	call.deferred[call.ndeferred].resource = resource;
	call.ndeferred++;
}

void
recover_forget(void *resource)
{
	size_t	 i;

	if (!call.open)
		return;
	/* Resources are held briefly and released in order: search back. */
	for (i = call.ndeferred; i > 0; i--)
		if (call.deferred[i - 1].resource == resource) {
			memmove(&call.deferred[i - 1], &call.deferred[i],
			    (call.ndeferred - i) * sizeof(*call.deferred));
			call.ndeferred--;
			return;
		}
}

void
recover_reserve(void)
{
	size_t	 want;

	if (!call.open)
		return;
	/* At most three quarters full, counting removed slots. */
	if ((call.nlive + call.nremoved + 1) * 4 <= call.nslots * 3)
		return;
	want = call.nslots < MIN_SLOTS ? MIN_SLOTS : call.nslots;
	while ((call.nlive + 1) * 2 > want)
		want *= 2;
	if (alloc_injected_failure() || rehash(want) != 0)
		recover_raise(RECOVER_NOMEM);
}

void
recover_track(void *p)
{
	size_t	 k;

	if (!call.open)
		return;
	for (k = slot_of(p, call.nslots); call.slots[k] != EMPTY &&
	    call.slots[k] != REMOVED; k = (k + 1) & (call.nslots - 1))
		;
	if (call.slots[k] == REMOVED)
		call.nremoved--;
	call.slots[k] = p;
	call.nlive++;
}

int
recover_untrack(void *p)
{
	size_t	 k;

	if (!call.open || (k = find(p)) == call.nslots)
		return 0;
	call.slots[k] = REMOVED;
	call.nlive--;
	call.nremoved++;
	return 1;
}

int
recover_tracked(const void *p)
{
	return call.open && find(p) != call.nslots;
}

void
recover_disown(void *p)
{
	recover_untrack(p);
}
