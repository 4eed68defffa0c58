/*
 * Building a zip container (EPUB, DOCX) in memory with libzip.
 *
 * Entries are written in the order they are added, with the fixed
 * timestamp given to zipout_new() and no extra fields, so the same
 * entries give byte-identical archives.  Entries are deflated here with
 * libdeflate (ZIPOUT_LEVEL) and handed to libzip already compressed;
 * libzip lays out the container.
 */
#ifndef ARTCONV_ZIPOUT_H
#define ARTCONV_ZIPOUT_H

#include <stddef.h>
#include <time.h>

#include "tree/buf.h"
#include "tree/diag.h"

struct zipout;

/* Starts an empty archive whose entries carry time t (UTC; 0 = 1980-01-01). */
struct zipout	*zipout_new(time_t t, struct diag *diag);
/*
 * The libdeflate level of every compressed entry.  On the 127 MB of EPUB
 * and DOCX parts of `make bench`, level 1 deflates in 0.87 s to 38.1 %,
 * where zlib took 2.17 s at its level 2 (38.2 %) and 3.83 s at its level
 * 6 (35.8 %); libdeflate's level 6 would take 1.83 s for 35.7 %.  Archives
 * 6 % smaller are not worth twice the time here; see README.md, Speed.
 */
#define ZIPOUT_LEVEL	1

/* Flags for zipout_add(). */
#define ZIPOUT_DEFLATE	0	/* compress the entry */
#define ZIPOUT_STORE	1	/* keep it uncompressed (EPUB's mimetype, images) */
/*
 * The entry is boilerplate that repeats from archive to archive in one run
 * (stylesheets, fixed package parts): its compressed form is kept and
 * reused for identical bytes, in any thread.  Reuse cannot change the
 * output, only skip work; at most ZIPOUT_SHARED_MAX entries of up to
 * ZIPOUT_SHARED_BYTES each are kept.
 */
#define ZIPOUT_SHARED	2
#define ZIPOUT_SHARED_MAX	64
#define ZIPOUT_SHARED_BYTES	(64 * 1024)

/*
 * Adds an entry with the bytes data[0..len), copied or compressed, as
 * flags say.  Returns 0 or -1.
 */
int		 zipout_add(struct zipout *z, const char *name,
		    const void *data, size_t len, unsigned flags);
/* Adds the contents of b and empties it. */
int		 zipout_add_buf(struct zipout *z, const char *name,
		    struct buf *b, unsigned flags);
/* Finishes the archive and appends its bytes to out.  Returns 0 or -1. */
int		 zipout_finish(struct zipout *z, struct buf *out);
/* Frees z, finished or not.  NULL is fine. */
void		 zipout_free(struct zipout *z);
/* Forgets the shared entries (at exit, or between tests). */
void		 zipout_shared_clear(void);
/*
 * Frees the calling thread's compressor (other threads' go when they
 * exit); for the main thread at exit, so that leak checkers see none.
 */
void		 zipout_thread_done(void);

#endif
