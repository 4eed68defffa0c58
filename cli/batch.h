/*
 * Collecting the articles of a batch run: files and folders from the
 * command line or --files-from, folders walked recursively (no shell
 * globbing), filtered by --include/--exclude, hidden files skipped unless
 * asked, symbolic-link loops visited once.  Part of the command line: it
 * reads directories but never prints.
 */
#ifndef ARTCONV_BATCH_H
#define ARTCONV_BATCH_H

#include <stddef.h>
#include <sys/types.h>

struct input {
	char	*path;		/* as given, or found under a folder */
	char	*rel;		/* output name under -o DIR, without extension:
				 * the path below the walked folder, or the
				 * file name; never absolute, never "..". */
};

struct inputs {
	struct input	*v;
	size_t		 n, cap;
};

struct batch_filter {
	const char	**include;	/* fnmatch patterns; none = readers' */
	size_t		  ninclude;	/* extensions */
	const char	**exclude;
	size_t		  nexclude;
	int		  hidden;	/* include dot files and folders */
	int		  skip_dir;	/* do not walk into this folder: */
	dev_t		  skip_dev;	/* the output folder */
	ino_t		  skip_ino;
};

/*
 * Adds path: a file (always taken, "-" is standard input) or a folder,
 * walked recursively for files that pass the filter.  Returns 0, or -1
 * with *why set (a missing path, an unreadable folder).  *why may also be
 * set on success to note folders that could not be read (as a warning).
 */
int	 inputs_add(struct inputs *in, const char *path,
	    const struct batch_filter *f, const char **why);
/*
 * Adds the paths listed in data[0..len) (one a line, or NUL-separated
 * when nul is set).  Listed folders are walked.  Returns the number of
 * entries that could not be added; *bad receives the first of them.
 */
size_t	 inputs_add_list(struct inputs *in, const char *data, size_t len,
	    int nul, const struct batch_filter *f, char **bad,
	    const char **why);
/* 1 if path is the folder f skips (the output folder), by identity. */
int	 inputs_is_skipped(const char *path, const struct batch_filter *f);
/* Sorts by path (byte order) and drops exact duplicates. */
void	 inputs_sort(struct inputs *in);
/*
 * Keeps only share k (1-based) of n: the inputs whose path hashes to it.
 * The hash is of the path alone, so a file's share never depends on what
 * else is in the list.
 */
void	 inputs_shard(struct inputs *in, unsigned k, unsigned n);
/* Returns the index of an input whose rel equals another's, or -1. */
long	 inputs_find_collision(const struct inputs *in, size_t *other);
void	 inputs_free(struct inputs *in);

#endif
