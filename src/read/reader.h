/*
 * The reader interface, the mirror image of formats/writer.h.  A reader
 * turns the raw bytes of one article into a document tree; src/read/readers.c
 * lists them all.  Readers never touch files and never print.
 */
#ifndef ARTCONV_READER_H
#define ARTCONV_READER_H

#include <stddef.h>

#include "analyze/outline.h"
#include "tree/diag.h"
#include "tree/doc.h"

struct read_opts {
	const char	*encoding;	/* --encoding: forced, or NULL */
	const char	*filename;	/* for messages and sniffing; or NULL */
	size_t		 max_depth;	/* nesting limit for tree readers */
	struct outline_opts outline;	/* --outline, --levels */
	int		 media;		/* keep embedded images (--images) */
};

struct reader {
	const char	*name;		/* -f NAME */
	const char	*extensions;	/* space-separated, lower case */
	const char	*description;	/* one line for --help */
	/* How sure (0-100) the reader is that data is its format. */
	int		(*sniff)(const char *data, size_t len);
	/*
	 * Builds *out from data[0..len).  Returns 0, or -1 with the reason in
	 * diag (and *out NULL).  Repairs (invalid bytes, guessed encoding)
	 * are reported as warnings; classification choices as notes.
	 */
	int		(*read)(const char *data, size_t len,
			    const struct read_opts *opts, struct doc **out,
			    struct diag *diag);
};

/* All readers, NULL-terminated. */
extern const struct reader *const readers[];

const struct reader	*reader_find(const char *name);
/*
 * Picks the reader for an input: the highest sniff() score when a reader
 * is sure of the content (80 or more, SNIFF_SURE in readers.c, e.g. an ".txt" that is
 * really a saved web page) and the extension's reader is not; else by the
 * file name's extension; else by the highest score (text by default).
 */
const struct reader	*reader_detect(const char *filename,
			    const char *data, size_t len);

#endif
