/*
 * Reading an article into a finished tree: reader, then the typography
 * pass, the script conversion (--convert), then metadata overrides and
 * fallbacks.  Values given with -M and the file-name fallback title are
 * taken as they are, never converted.  The CLI, the tests and the
 * fuzz targets all go through here, so they convert the same way.
 */
#ifndef ARTCONV_PIPELINE_H
#define ARTCONV_PIPELINE_H

#include <stddef.h>

#include "analyze/convert_script.h"
#include "read/reader.h"
#include "tree/diag.h"
#include "tree/doc.h"

struct pipeline_opts {
	const struct reader	*reader;	/* NULL: detect */
	struct read_opts	 read;
	int			 keep_punctuation; /* skip the typography pass */
	const struct script_conv *convert; /* --convert, or NULL */
	const char		*meta[META__COUNT]; /* -M overrides, or NULL */
	const char		*fallback_title; /* when the article has none */
};

/* Largest input accepted, in bytes. */
#define PIPELINE_MAX_INPUT ((size_t)1 << 30)

/*
 * Builds the document for data[0..len).  Returns 0, or -1 with the reason
 * in diag.  Notes in diag say which reader and encoding were used and what
 * the typography pass changed.
 */
int	 pipeline_read(const char *data, size_t len,
	    const struct pipeline_opts *opts, struct doc **out,
	    struct diag *diag);

#endif
