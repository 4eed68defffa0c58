/*
 * Recovering from running out of memory inside a library call.
 *
 * The converter is written so that no function checks for NULL after an
 * allocation (alloc.h): a failed allocation never returns.  The command
 * line is happy to stop there, but a program embedding the library is
 * not, so each public entry point (src/api.c) runs as a *recoverable
 * call*:
 *
 *   - recover_begin() opens the call on this thread with a landing point,
 *     a jmp_buf set by the entry point's own setjmp();
 *   - while the call runs, every block the allocator wrappers hand out is
 *     recorded (recover_track), every block they release is forgotten, and
 *     code holding something the allocator does not know about (a libxml2
 *     parser, an iconv descriptor, a libzip archive, a file descriptor)
 *     registers how to release it (recover_defer / recover_forget);
 *   - when an allocation fails, the wrapper calls recover_raise(), which
 *     longjmp()s to the innermost landing point.  The entry point then
 *     calls recover_abandon(): the registered releases run (newest first),
 *     then every block still recorded is freed, so the call leaves nothing
 *     behind, and it returns AC_ERR_NOMEM;
 *   - on success recover_commit() forgets the records: what the call
 *     built now belongs to its caller.
 *
 * Rules that keep this sound (each is relied on somewhere):
 *   1. Library code frees through alloc_free() (alloc.h maps free() to
 *      it), so a freed block is never freed again by recover_abandon().
 *      `make libtest` checks that no library object calls free() itself.
 *   2. A block handed to a foreign library that will free it (libzip's
 *      zip_source_buffer with freep) is given up with recover_disown().
 *   3. No jump crosses frames of a foreign library that keeps state of its
 *      own (libxml2): callbacks called from inside libxml2 catch failures
 *      with their own landing point (recover_push/recover_pop), stop the
 *      parser, and re-raise once libxml2 has returned.  cmark and zlib
 *      allocate through our wrappers and keep no global state, so a jump
 *      through them leaves nothing behind.
 *   4. Nothing is allocated while a mutex is held or inside pthread_once.
 *   5. Objects of the caller that a call changes (its output buffer, its
 *      list of messages) never receive recorded blocks: the call builds
 *      its results in blocks of its own and hands them over after
 *      recover_commit().
 *
 * Outside a recoverable call (the command line) nothing is recorded and
 * a failure prints "artconv: out of memory" and aborts, as it always did.
 * A recoverable call cannot start inside another on the same thread
 * (recover_begin() refuses): the records and landing points are per
 * thread, so calls on different threads are independent.
 */
#ifndef ARTCONV_RECOVER_H
#define ARTCONV_RECOVER_H

#include <setjmp.h>

/* Why a recoverable call was abandoned (the value setjmp() returns). */
enum recover_failure {
	RECOVER_NOMEM = 1,	/* an allocation failed */
	RECOVER_BUG = 2		/* an internal consistency check failed */
};

/* A landing point: a jmp_buf and the landing point it hides. */
struct recover_guard {
	jmp_buf			 env;
	struct recover_guard	*prev;
};

/*
 * Opens a recoverable call on this thread with g as its landing point;
 * the caller then does "if (setjmp(g->env) != 0) ... recover_abandon()".
 * Returns 0, or -1 if a call is already open on this thread (nothing is
 * opened then).
 */
int	 recover_begin(struct recover_guard *g);
/* Ends the open call successfully: everything it allocated is kept. */
void	 recover_commit(void);
/*
 * Ends the open call after a jump to its landing point: runs the
 * registered releases, frees every recorded block, and returns why the
 * call failed (enum recover_failure).
 */
int	 recover_abandon(void);
/* 1 if a recoverable call is open on this thread. */
int	 recover_active(void);

/*
 * Jumps to the innermost landing point with failure f.  Outside a
 * recoverable call: prints "artconv: out of memory" (or "internal
 * error") and aborts, the command line's policy.
 */
_Noreturn void	 recover_raise(enum recover_failure f);

/*
 * A landing point inside the open call, for code that must not be jumped
 * over (see rule 3): recover_push(g), then "if (setjmp(g->env) != 0)"
 * handles the failure (the landing point is already removed) and
 * normally re-raises it; recover_pop(g) removes it on the normal path.
 * Both do nothing outside a recoverable call, where nothing jumps.
 */
void	 recover_push(struct recover_guard *g);
void	 recover_pop(struct recover_guard *g);
/* The failure last raised on this thread (enum recover_failure), or 0. */
int	 recover_failure(void);

/*
 * release(resource) is to run if the open call is abandoned; resource
 * must be unique among the registered ones (any pointer, or a small
 * integer such as a file descriptor cast to a pointer).  Raises
 * RECOVER_NOMEM, after running release(resource), if the registration
 * itself cannot be recorded.  recover_forget() drops the registration
 * before the code releases the resource itself.  Both do nothing outside
 * a recoverable call.
 */
void	 recover_defer(void (*release)(void *), void *resource);
void	 recover_forget(void *resource);

/* For the allocator wrappers (alloc.c) only. */
/* Makes room to record one more block; raises RECOVER_NOMEM if it cannot. */
void	 recover_reserve(void);
/* Records p, allocated in the open call (room was reserved). */
void	 recover_track(void *p);
/* Forgets p if it is recorded; returns 1 if it was. */
int	 recover_untrack(void *p);
/* 1 if p is recorded. */
int	 recover_tracked(const void *p);
/* Gives up p: it now belongs to a foreign library that will free it. */
void	 recover_disown(void *p);

#endif
