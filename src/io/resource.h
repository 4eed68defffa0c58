/*
 * Resources an article refers to (the pictures of a saved page, say), and
 * the confined loader that reads them.
 *
 * Writers that embed pictures never open files: they call a struct
 * resource_loader, which the caller supplies.  The public API gives them
 * the confined loader below (the command line's); a program using the
 * library may give its own (one that fetches from a database, or refuses
 * everything).
 *
 * The confinement rule.  A reference is read only if it resolves inside
 * one of the allowed folders: the article's own folder (with the folders
 * below it, such as the NAME_files/ folder a browser saves beside a page)
 * and the folders of --resource-path.  Resolution is that of a relative
 * URL: "?query" and "#fragment" are cut, %XX escapes decoded, then
 * - URLs with a scheme (http:, file:, data: ...) and network paths (//host)
 *   are refused: nothing is ever fetched;
 * - a relative path is taken from the article's folder; one whose ".."
 *   leads out of it is refused unless it lands in a --resource-path
 *   folder; one not found there is looked up in each --resource-path
 *   folder in turn;
 * - an absolute path is refused unless it lies in an allowed folder;
 * - symbolic links are followed only while they stay inside the folder
 *   they are met in (an absolute link target counts as leaving it).
 * The check is made on what is opened, not on the name beforehand: the
 * file is opened beneath the folder's descriptor, by openat2() with
 * RESOLVE_BENEATH where the kernel has it, else one component at a time
 * with O_NOFOLLOW, so a name swapped for a link meanwhile cannot lead out.
 * Only regular files are read (a FIFO or device is refused without
 * blocking), up to a size limit.
 *
 * Like fileio.c (reading an article) it touches files for the library; it
 * never prints.  Reasons are short static strings for a warning.
 */
#ifndef ARTCONV_RESOURCE_H
#define ARTCONV_RESOURCE_H

#include <stddef.h>

#include "tree/buf.h"

/*
 * Loads the resource src (as the article writes it) into out.  Returns 0,
 * or -1 with *why set to a short reason ("outside the article's folder"),
 * valid as long as the loader's context.  The writer names src and the
 * reason in a warning and keeps the caption.
 */
struct resource_loader {
	int	(*load)(void *ctx, const char *src, struct buf *out,
		    const char **why);
	void	*ctx;
};

/* Pictures larger than this are refused. */
#define RESOURCE_MAX_IMAGE	((size_t)32 << 20)

/* The --resource-path folders, opened once and shared by every article. */
struct resource_paths;

struct resource_paths	*resource_paths_new(void);
/*
 * Adds the folders of list (separated by ':').  Returns 0, or -1 with
 * *why and *bad (the folder that failed, to free) set.
 */
int	 resource_paths_add(struct resource_paths *rp, const char *list,
	    char **bad, const char **why);
size_t	 resource_paths_count(const struct resource_paths *rp);
void	 resource_paths_free(struct resource_paths *rp);

/* One article's confined loader; it remembers what it loaded or refused. */
struct resource_confined;

#define RESOURCE_PORTABLE	0x1	/* never use openat2() (for tests) */

/*
 * A loader for the article at path (NULL or "-": standard input, which has
 * no folder; only the --resource-path folders are then searched).  extra
 * may be NULL.  Files larger than max bytes are refused.  Returns NULL if
 * the article's folder cannot be opened.  Not shared between threads.
 */
struct resource_confined *resource_confined_new(const char *path,
	    const struct resource_paths *extra, size_t max, int flags);
void	 resource_confined_free(struct resource_confined *rc);
/* The loader to hand to writers (struct render_opts). */
struct resource_loader resource_confined_loader(struct resource_confined *rc);

/*
 * Opens rel (relative, '/'-separated) beneath the open folder dirfd for
 * reading, never leaving it (see above).  Returns the descriptor, or -1
 * with *why.  Exposed for tests and the fuzz target.
 */
int	 resource_open_beneath(int dirfd, const char *rel, int flags,
	    const char **why);

#endif
