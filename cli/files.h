/*
 * Files for the command line: writing outputs safely, folders, and the
 * rule that no output replaces an input (files by identity).  Functions
 * return 0 or -1 with a short reason in *why (a static string or
 * strerror text); they never print.
 */
#ifndef CLI_FILES_H
#define CLI_FILES_H

#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#define FILE_FORCE	0x1	/* replace an existing file */
#define FILE_SYNC	0x2	/* flush to disk before renaming into place */

/*
 * Writes data to path so that path never holds a partial file: the bytes
 * go to a temporary file in the same folder, which is renamed into place
 * once completely written (and, with FILE_SYNC, flushed to disk, so that
 * even a power failure cannot leave a short file).  Without FILE_FORCE an
 * existing path is left alone and the call fails ("exists; use --force to
 * replace it").  A path that exists but is not a regular file
 * (/dev/stdout, a FIFO) is written directly.  "-" writes to standard
 * output.
 */
int	 file_write(const char *path, const void *data, size_t len, int flags,
	    const char **why);
/*
 * Makes SIGINT, SIGTERM and SIGHUP remove the temporary files of writes in
 * progress before the program dies, so an interrupted run leaves neither a
 * partial output nor a stray temporary file.  It blocks those signals and
 * starts a thread that waits for them: call it before starting other
 * threads, which inherit the mask.
 */
void	 file_cleanup_on_signals(void);
/* 1 if path names an existing directory. */
int	 file_is_dir(const char *path);
/* Modification time of path, or -1. */
time_t	 file_mtime(const char *path);
/* Creates directory path and its parents (like mkdir -p). */
int	 file_mkdirs(const char *path, const char **why);
/*
 * Creates the folder that will hold path (inside root, which exists) and
 * checks that it really is inside root once symbolic links are followed.
 * Returns 0, or -1 with *why.
 */
int	 file_prepare_inside(const char *root, const char *path,
	    const char **why);

/*
 * A set of files by identity (device and inode), so that a file is
 * recognised whatever name reaches it: hard links, symbolic links, "./",
 * standard input redirected from it.  Only regular files are kept.
 */
struct file_id {
	dev_t	 dev;
	ino_t	 ino;
};

struct file_ids {
	struct file_id	*v;
	size_t		 n, cap;
	int		 sorted;
};

/* Adds the file path names (links followed), if it is a regular file. */
void	 file_ids_add_path(struct file_ids *ids, const char *path);
/* Adds the file open on fd, if it is a regular file. */
void	 file_ids_add_fd(struct file_ids *ids, int fd);
/* Sorts the set for fast look-ups (after the last add, before threads). */
void	 file_ids_sort(struct file_ids *ids);
/* 1 if path exists and is one of the files. */
int	 file_ids_has_path(const struct file_ids *ids, const char *path);
/* 1 if fd is open on one of the files. */
int	 file_ids_has_fd(const struct file_ids *ids, int fd);
void	 file_ids_free(struct file_ids *ids);

#endif
