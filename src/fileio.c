#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"

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
	ssize_t		 n;
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
	if (fd != STDIN_FILENO) {
		recover_forget((void *)(intptr_t)fd);
		close(fd);
	}
	return rc;
}

/*
 * Temporary files being written, for the signal handler.  Slots are
 * claimed under a mutex; the handler only reads them and calls unlink(),
 * which is async-signal-safe.
 */
#define TEMP_SLOTS 64
static char			 temp_path[TEMP_SLOTS][PATH_MAX];
static volatile sig_atomic_t	 temp_used[TEMP_SLOTS];
static pthread_mutex_t		 temp_lock = PTHREAD_MUTEX_INITIALIZER;

static int
temp_claim(const char *path)
{
	int	 i, slot = -1;

	if (strlen(path) >= PATH_MAX)
		return -1;
	pthread_mutex_lock(&temp_lock);
	for (i = 0; i < TEMP_SLOTS; i++)
		if (!temp_used[i]) {
			strcpy(temp_path[i], path);
			temp_used[i] = 1;
			slot = i;
			break;
		}
	pthread_mutex_unlock(&temp_lock);
	return slot;
}

static void
temp_release(int slot)
{
	if (slot < 0)
		return;
	pthread_mutex_lock(&temp_lock);
	temp_used[slot] = 0;
	pthread_mutex_unlock(&temp_lock);
}

static void
on_signal(int sig)
{
	int	 i;

	for (i = 0; i < TEMP_SLOTS; i++)
		if (temp_used[i])
			unlink(temp_path[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

void
file_cleanup_on_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
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
file_write(const char *path, const void *data, size_t len, int flags,
    const char **why)
{
	int		 force = (flags & FILE_FORCE) != 0;
	struct stat	 st;
	char		*tmp = NULL, *slash;
	size_t		 dirlen;
	int		 fd = -1, rc = -1, saved, slot = -1;

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
	slot = temp_claim(tmp);
	if (write_all(fd, data, len) != 0 ||
	    ((flags & FILE_SYNC) && fsync(fd) != 0)) {
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
	temp_release(slot);
	free(tmp);
	return 0;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	temp_release(slot);
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

/* Is the existing path p, links followed, inside the real path rroot? */
static int
is_inside(const char *p, const char *rroot)
{
	char	 real[PATH_MAX];
	size_t	 n = strlen(rroot);

	if (realpath(p, real) == NULL)
		return 0;
	if (n == 1 && rroot[0] == '/')
		return 1;
	return strncmp(real, rroot, n) == 0 &&
	    (real[n] == '\0' || real[n] == '/');
}

int
file_prepare_inside(const char *root, const char *path, const char **why)
{
	char		 rroot[PATH_MAX], *p, *s;
	size_t		 n = strlen(root);
	struct stat	 st;
	int		 rc = -1;

	if (realpath(root, rroot) == NULL) {
		*why = strerror(errno);
		return -1;
	}
	if (strncmp(path, root, n) != 0)
		return 0;	/* not under root: nothing to check */
	p = xstrdup(path);
	/*
	 * Each folder below root is checked before anything is created in
	 * it, so a symbolic link pointing elsewhere is never written through.
	 */
	for (s = p + n; (s = strchr(s, '/')) != NULL; s++) {
		if (s == p + n - 1 || s == p)
			continue;
		*s = '\0';
		if (p[0] != '\0' && lstat(p, &st) != 0) {
			if (mkdir(p, 0755) != 0 && errno != EEXIST) {
				*why = strerror(errno);
				goto out;
			}
		}
		if (p[0] != '\0' && !is_inside(p, rroot)) {
			*why = "would be written outside the output folder "
			    "(a symbolic link)";
			goto out;
		}
		*s = '/';
	}
	/* The file itself must not be a link out either. */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
	    !is_inside(path, rroot)) {
		*why = "would be written outside the output folder "
		    "(a symbolic link)";
		goto out;
	}
	rc = 0;
out:
	free(p);
	return rc;
}
