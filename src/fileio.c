#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"

int
file_read(const char *path, size_t max, struct buf *out, const char **why)
{
	struct stat	 st;
	ssize_t		 n;
	int		 fd, rc = -1;

	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		*why = strerror(errno);
		return -1;
	}
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
	for (;;) {
		buf_grow(out, 65536);
		n = read(fd, out->ptr + out->len, out->cap - out->len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			*why = strerror(errno);
			goto out;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->ptr[out->len] = '\0';
		if (out->len > max) {
			*why = "file too large";
			goto out;
		}
	}
	rc = 0;
out:
	if (fd != STDIN_FILENO)
		close(fd);
	return rc;
}

/* Writes all of data to fd; -1 with errno set on failure. */
static int
write_all(int fd, const char *data, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int
file_write(const char *path, const void *data, size_t len, int force,
    const char **why)
{
	struct stat	 st;
	char		*tmp = NULL, *slash;
	size_t		 dirlen;
	int		 fd = -1, rc = -1, saved;

	if (strcmp(path, "-") == 0) {
		if (write_all(STDOUT_FILENO, data, len) != 0) {
			*why = strerror(errno);
			return -1;
		}
		return 0;
	}
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			*why = "is a directory";
			return -1;
		}
		if (!S_ISREG(st.st_mode)) {
			/* A device or FIFO: nothing to replace, write to it. */
			if ((fd = open(path, O_WRONLY | O_CLOEXEC)) < 0 ||
			    write_all(fd, data, len) != 0) {
				*why = strerror(errno);
				if (fd >= 0)
					close(fd);
				return -1;
			}
			if (close(fd) != 0) {
				*why = strerror(errno);
				return -1;
			}
			return 0;
		}
		if (!force) {
			*why = "exists; use --force to replace it";
			return -1;
		}
	}
	/* A temporary file next to the target, so rename() is atomic. */
	slash = strrchr(path, '/');
	dirlen = slash != NULL ? (size_t)(slash - path) + 1 : 0;
	tmp = xmalloc(strlen(path) + 16);
	memcpy(tmp, path, dirlen);
	snprintf(tmp + dirlen, strlen(path) + 16 - dirlen, ".%s.XXXXXX",
	    path + dirlen);
	if ((fd = mkstemp(tmp)) < 0) {
		*why = strerror(errno);
		free(tmp);
		return -1;
	}
	if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		*why = strerror(errno);
		goto fail;
	}
	/* mkstemp() made it private; outputs are ordinary files. */
	(void)fchmod(fd, 0644);
	if (close(fd) != 0) {
		fd = -1;
		*why = strerror(errno);
		goto fail;
	}
	fd = -1;
	if (force) {
		if (rename(tmp, path) != 0) {
			*why = strerror(errno);
			goto fail;
		}
	} else {
		/* link() fails if the name appeared meanwhile: no overwrite. */
		if (link(tmp, path) != 0) {
			*why = errno == EEXIST ?
			    "exists; use --force to replace it" :
			    strerror(errno);
			if (errno == EPERM || errno == ENOTSUP ||
			    errno == EOPNOTSUPP || errno == EXDEV) {
				/* File systems without hard links. */
				if (access(path, F_OK) == 0) {
					*why = "exists; use --force to "
					    "replace it";
					goto fail;
				}
				if (rename(tmp, path) == 0)
					goto done;
				*why = strerror(errno);
			}
			goto fail;
		}
		unlink(tmp);
	}
done:
	rc = 0;
	free(tmp);
	return rc;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	errno = saved;
	return rc;
}

int
file_is_dir(const char *path)
{
	struct stat	 st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

time_t
file_mtime(const char *path)
{
	struct stat	 st;

	return stat(path, &st) == 0 ? st.st_mtime : (time_t)-1;
}

int
file_mkdirs(const char *path, const char **why)
{
	char	*p = xstrdup(path), *s;
	int	 rc = 0;

	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;

		*s = '\0';
		if (p[0] != '\0' && mkdir(p, 0755) != 0 && errno != EEXIST) {
			*why = strerror(errno);
			rc = -1;
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}
