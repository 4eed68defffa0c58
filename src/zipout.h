/*
 * Building a zip container (EPUB, DOCX) in memory with libzip.
 *
 * Entries are written in the order they are added, with the fixed
 * timestamp given to zipout_new(), no extra fields and deflate level 6
 * unless stored, so the same entries give byte-identical archives.
 */
#ifndef ARTCONV_ZIPOUT_H
#define ARTCONV_ZIPOUT_H

#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "diag.h"

struct zipout;

/* Starts an empty archive whose entries carry time t (UTC; 0 = 1980-01-01). */
struct zipout	*zipout_new(time_t t, struct diag *diag);
/*
 * Adds an entry with a copy of data[0..len).  store: 1 keeps it
 * uncompressed (EPUB's mimetype), 0 deflates it.  Returns 0 or -1.
 */
int		 zipout_add(struct zipout *z, const char *name,
		    const void *data, size_t len, int store);
/* Adds the contents of b and empties it. */
int		 zipout_add_buf(struct zipout *z, const char *name,
		    struct buf *b, int store);
/* Finishes the archive and appends its bytes to out.  Returns 0 or -1. */
int		 zipout_finish(struct zipout *z, struct buf *out);
/* Frees z, finished or not.  NULL is fine. */
void		 zipout_free(struct zipout *z);

#endif
