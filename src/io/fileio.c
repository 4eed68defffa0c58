#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tree/alloc.h"

/* For an abandoned call (recover.h): a descriptor kept in a pointer. */
static void
close_abandoned(void *fd)
{
	close((int)(intptr_t)fd);
}

int
file_read(const char *path, size_t max, struct buf *out, const char **why)
{
	struct stat	 st;
	int		 fd, rc = -1;

	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		*why = strerror(errno);
		return -1;
	}
	if (fd != STDIN_FILENO)
		recover_defer(close_abandoned, (void *)(intptr_t)fd);
	if (fstat(fd, &st) != 0) {
		*why = strerror(errno);
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		*why = "is a directory";
		goto out;
	}
	if (S_ISREG(st.st_mode)) {
		if ((unsigned long long)st.st_size > max) {
			*why = "file too large";
			goto out;
		}
		buf_grow(out, (size_t)st.st_size);
	}
	rc = buf_read_fd(out, fd, max, "file too large", why);
out:
	if (fd != STDIN_FILENO) {
		recover_forget((void *)(intptr_t)fd);
		close(fd);
	}
	return rc;
}
