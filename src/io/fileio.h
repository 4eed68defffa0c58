/*
 * Reading an article file whole, for ac_read_file().  (The command line
 * writes its outputs itself: cli/files.c.)  Returns 0 or -1 with a short
 * reason in *why (a static string or strerror text); never prints.
 */
#ifndef ARTCONV_FILEIO_H
#define ARTCONV_FILEIO_H

#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "tree/buf.h"

/*
 * Reads the file at path ("-" is standard input) into out, refusing
 * directories and anything larger than max bytes.
 */
int	 file_read(const char *path, size_t max, struct buf *out,
	    const char **why);

#endif
