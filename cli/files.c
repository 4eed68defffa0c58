/*
 * Writing outputs safely, and the file tests of the command line; see
 * files.h.  (The library reads articles itself: ac_read_file().)
 */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE		/* renameat2() */
#endif
#include "files.h"

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

#include "util.h"

/*
 * Temporary files being written, so that an interrupted run can remove
 * them.  A signal handler cannot take a lock, and other threads go on
 * writing while it runs, so signals are not handled by a handler: they
 * are blocked in every thread, and one thread waits for them (sigwait).
 * It takes temp_lock, removes every temporary file, and dies of the
 * signal while still holding the lock.  A temporary file is created
 * under the same lock, after its name is recorded, so no file can appear
 * that the cleanup does not know of.
 */
static pthread_mutex_t	 temp_lock = PTHREAD_MUTEX_INITIALIZER;
static char		**temp_names;	/* NULL: a free slot */
static size_t		 temp_cap;
static unsigned long	 temp_counter;

/*
 * Creates a new temporary file named after path's template (".NAME."
 * plus six characters), recorded for the cleanup.  Returns the
 * descriptor, or -1 with errno set; *slot receives the record.
 */
static int
temp_create(char *tmp, size_t suffix_at, size_t *slot)
{
	static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm"
	    "nopqrstuvwxyz0123456789";
	unsigned long	 x;
	size_t		 i, k;
	int		 fd = -1, tries;

	pthread_mutex_lock(&temp_lock);
	for (i = 0; i < temp_cap && temp_names[i] != NULL; i++)
		;
	if (i == temp_cap) {
		temp_cap = temp_cap ? temp_cap * 2 : 16;
		temp_names = ereallocarray(temp_names, temp_cap,
		    sizeof(*temp_names));
		for (k = i; k < temp_cap; k++)
			temp_names[k] = NULL;
	}
	for (tries = 0; tries < 100; tries++) {
		x = ((unsigned long)getpid() << 16) ^ (unsigned long)time(NULL) ^
		    (++temp_counter * 2654435761UL) ^ (unsigned long)(size_t)tmp;
		for (k = 0; k < 6; k++) {
			tmp[suffix_at + k] = chars[x % (sizeof(chars) - 1)];
			x /= sizeof(chars) - 1;
			x ^= temp_counter * 40503UL + k;
		}
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd >= 0) {
		temp_names[i] = tmp;
		*slot = i;
	}
	pthread_mutex_unlock(&temp_lock);
	return fd;
}

static void
temp_release(size_t slot)
{
	pthread_mutex_lock(&temp_lock);
	temp_names[slot] = NULL;
	pthread_mutex_unlock(&temp_lock);
}

static sigset_t	 cleanup_signals;

static void *
signal_thread(void *arg)
{
	size_t	 i;
	int	 sig;

	(void)arg;
	for (;;) {
		if (sigwait(&cleanup_signals, &sig) != 0)
			continue;
		pthread_mutex_lock(&temp_lock);
		for (i = 0; i < temp_cap; i++)
			if (temp_names[i] != NULL)
				unlink(temp_names[i]);
		/* Die of the signal, as without this thread. */
		signal(sig, SIG_DFL);
		pthread_sigmask(SIG_UNBLOCK, &cleanup_signals, NULL);
		raise(sig);
		_exit(128 + sig);
	}
	return NULL;
}

void
file_cleanup_on_signals(void)
{
	pthread_t	 t;

	sigemptyset(&cleanup_signals);
	sigaddset(&cleanup_signals, SIGINT);
	sigaddset(&cleanup_signals, SIGTERM);
	sigaddset(&cleanup_signals, SIGHUP);
	/* Threads created from now on inherit the mask. */
	if (pthread_sigmask(SIG_BLOCK, &cleanup_signals, NULL) != 0)
		return;
	if (pthread_create(&t, NULL, signal_thread, NULL) != 0) {
		pthread_sigmask(SIG_UNBLOCK, &cleanup_signals, NULL);
		return;
	}
	pthread_detach(t);
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

/*
 * Gives the temporary file tmp the name path unless path exists; returns
 * 0, or -1 with errno (EEXIST: path exists).  Linux renames without
 * replacing in one step; where the kernel or the file system cannot
 * (EINVAL, ENOSYS), or elsewhere, link() then unlink(): link() refuses an
 * existing name too.  One step instead of two is a directory update less
 * per output, which a batch of thousands of files notices.
 */
static int
move_no_replace(const char *tmp, const char *path)
{
#if defined(__linux__) && defined(RENAME_NOREPLACE)
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
#endif
	if (link(tmp, path) != 0)
		return -1;
	unlink(tmp);
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
	size_t		 slot;
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
	tmp = emalloc(strlen(path) + 16);
	memcpy(tmp, path, dirlen);
	snprintf(tmp + dirlen, strlen(path) + 16 - dirlen, ".%s.XXXXXX",
	    path + dirlen);
	if ((fd = temp_create(tmp, strlen(tmp) - 6, &slot)) < 0) {
		*why = strerror(errno);
		free(tmp);
		return -1;
	}
	if (write_all(fd, data, len) != 0 ||
	    ((flags & FILE_SYNC) && fsync(fd) != 0)) {
		*why = strerror(errno);
		goto fail;
	}
	/* Created private; outputs are ordinary files. */
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
		/* Fails if the name appeared meanwhile: no overwrite. */
		if (move_no_replace(tmp, path) != 0) {
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
	char	*p = estrdup(path), *s;
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

/*
 * realpath() of root, remembered per thread for the last root asked: a
 * batch asks for the same output folder once per file, and realpath()
 * costs a system call per path component.  Returns 0, or -1 with errno.
 */
static int
real_root(const char *root, char rroot[PATH_MAX])
{
	static __thread char	 last[PATH_MAX], last_real[PATH_MAX];

	if (last[0] == '\0' || strcmp(last, root) != 0) {
		last[0] = '\0';
		if (strlen(root) >= sizeof(last)) {
			errno = ENAMETOOLONG;
			return -1;
		}
		if (realpath(root, last_real) == NULL)
			return -1;
		strcpy(last, root);
	}
	memcpy(rroot, last_real, PATH_MAX);
	return 0;
}

int
file_prepare_inside(const char *root, const char *path, const char **why)
{
	char		 rroot[PATH_MAX], *p, *s;
	size_t		 n = strlen(root);
	struct stat	 st;
	int		 rc = -1;

	if (strncmp(path, root, n) != 0)
		return 0;	/* not under root: nothing to check */
	if (real_root(root, rroot) != 0) {
		*why = strerror(errno);
		return -1;
	}
	p = estrdup(path);
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

static void
ids_add(struct file_ids *ids, const struct stat *st)
{
	if (!S_ISREG(st->st_mode))
		return;
	if (ids->n == ids->cap) {
		ids->cap = ids->cap ? ids->cap * 2 : 16;
		ids->v = ereallocarray(ids->v, ids->cap, sizeof(*ids->v));
	}
	ids->v[ids->n].dev = st->st_dev;
	ids->v[ids->n].ino = st->st_ino;
	ids->n++;
	ids->sorted = 0;
}

void
file_ids_add_path(struct file_ids *ids, const char *path)
{
	struct stat	 st;

	if (stat(path, &st) == 0)
		ids_add(ids, &st);
}

void
file_ids_add_fd(struct file_ids *ids, int fd)
{
	struct stat	 st;

	if (fstat(fd, &st) == 0)
		ids_add(ids, &st);
}

static int
cmp_id(const void *a, const void *b)
{
	const struct file_id *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return 0;
}

void
file_ids_sort(struct file_ids *ids)
{
	if (ids->n > 0)
		qsort(ids->v, ids->n, sizeof(*ids->v), cmp_id);
	ids->sorted = 1;
}

static int
ids_has(const struct file_ids *ids, const struct stat *st)
{
	struct file_id	 key;
	size_t		 i;

	if (!S_ISREG(st->st_mode) || ids->n == 0)
		return 0;
	if (!ids->sorted) {
		for (i = 0; i < ids->n; i++)
			if (ids->v[i].dev == st->st_dev &&
			    ids->v[i].ino == st->st_ino)
				return 1;
		return 0;
	}
	key.dev = st->st_dev;
	key.ino = st->st_ino;
	return bsearch(&key, ids->v, ids->n, sizeof(*ids->v), cmp_id) != NULL;
}

int
file_ids_has_path(const struct file_ids *ids, const char *path)
{
	struct stat	 st;

	return stat(path, &st) == 0 && ids_has(ids, &st);
}

int
file_ids_has_fd(const struct file_ids *ids, int fd)
{
	struct stat	 st;

	return fstat(fd, &st) == 0 && ids_has(ids, &st);
}

void
file_ids_free(struct file_ids *ids)
{
	free(ids->v);
	ids->v = NULL;
	ids->n = ids->cap = 0;
}
