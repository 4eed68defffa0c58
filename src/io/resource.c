#include "resource.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__linux__) && defined(__has_include)
#if __has_include(<linux/openat2.h>) && __has_include(<sys/syscall.h>)
#include <linux/openat2.h>
#include <sys/syscall.h>
#ifdef SYS_openat2
#define HAVE_OPENAT2 1
#endif
#endif
#endif

#include "tree/alloc.h"
#include "tree/recover.h"

/* Reasons (see resource.h: short, static, for a warning). */
static const char R_LEAVES[] = "a symbolic link leading out of the allowed "
    "folders";
static const char R_OUTSIDE[] = "outside the article's folder (see "
    "--resource-path)";
static const char R_ABSOLUTE[] = "an absolute path outside the article's "
    "folder (see --resource-path)";
static const char R_NETWORK[] = "a network address (never fetched)";
static const char R_FILE_URL[] = "a file: URL (only paths relative to the "
    "article are read)";
static const char R_URL[] = "not a local file";
static const char R_STDIN[] = "the article came from standard input, "
    "which has no folder (see --resource-path)";

/*
 * Folders are opened for lookups only where the system allows it
 * (O_PATH): a folder that may be searched but not listed still works.
 */
#ifdef O_PATH
#define DIR_FLAGS	(O_PATH | O_DIRECTORY | O_CLOEXEC)
#else
#define DIR_FLAGS	(O_RDONLY | O_DIRECTORY | O_CLOEXEC)
#endif
#define FILE_FLAGS	(O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
#define MAX_LINKS	40
#define MAX_DEPTH	256

struct root {
	int	 fd;
	char	*abs;	/* absolute, "." and ".." resolved by name */
	char	*real;	/* realpath(), links resolved; NULL if unknown */
};

struct resource_paths {
	struct root	*v;
	size_t		 n;
};

struct cached {
	char		*src;
	int		 ok;
	struct buf	 data;
	const char	*why;
};

struct resource_confined {
	struct root			 article;
	int				 has_article;
	const char			*article_why;	/* why it has none */
	const struct resource_paths	*extra;
	size_t				 max;
	int				 flags;
	struct cached			*cache;
	size_t				 ncache, capcache;
};

/* ------------------------------------------------------------ names */

/*
 * Appends to out (which holds an absolute path, "/" at least) the
 * components of rel, resolving "." and ".." by name; ".." at "/" stays
 * there, as the system does.
 */
static void
lex_append(struct buf *out, const char *rel)
{
	const char	*p = rel, *e;
	size_t		 n;

	while (*p != '\0') {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		e = strchr(p, '/');
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		if (n == 1 && p[0] == '.') {
			/* nothing */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (out->len > 1 && out->ptr[out->len - 1] != '/')
				out->len--;
			if (out->len > 1)
				out->len--;
			out->ptr[out->len] = '\0';
		} else {
			if (out->len > 1)
				buf_putc(out, '/');
			buf_put(out, p, n);
		}
		p += n;
	}
}

/* The absolute form of path (from the current folder), by name. */
static void
lex_absolute(struct buf *out, const char *path)
{
	char	 cwd[PATH_MAX];

	buf_truncate(out, 0);
	buf_putc(out, '/');
	if (path[0] != '/' && getcwd(cwd, sizeof(cwd)) != NULL)
		lex_append(out, cwd);
	lex_append(out, path);
}

/* What follows root in path ("" for root itself), or NULL if not in it. */
static const char *
under(const char *path, const char *root)
{
	size_t	 n;

	if (root == NULL)
		return NULL;
	if (strcmp(root, "/") == 0)
		return path + 1;
	n = strlen(root);
	if (strncmp(path, root, n) != 0)
		return NULL;
	if (path[n] == '\0')
		return path + n;
	return path[n] == '/' ? path + n + 1 : NULL;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * The path a reference names, as a relative URL: refuses schemes and
 * network paths, cuts the query and fragment, decodes %XX.  Returns 0 or
 * -1 with *why.
 */
static int
url_path(const char *src, struct buf *out, const char **why)
{
	size_t	 i, n;

	n = strcspn(src, "?#");
	if (n == 0) {
		*why = "an empty reference";
		return -1;
	}
	/* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" */
	for (i = 0; i < n; i++) {
		char c = src[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (i > 0 && ((c >= '0' && c <= '9') || c == '+' ||
		    c == '-' || c == '.')))
			continue;
		if (c == ':' && i == 1) {
			*why = R_ABSOLUTE;	/* a drive letter: C:\... */
			return -1;
		}
		if (c == ':' && i > 1) {
			if (i == 4 && strncasecmp(src, "file", 4) == 0)
				*why = R_FILE_URL;
			else if ((i == 4 && strncasecmp(src, "http", 4) == 0) ||
			    (i == 5 && strncasecmp(src, "https", 5) == 0) ||
			    (i == 3 && strncasecmp(src, "ftp", 3) == 0))
				*why = R_NETWORK;
			else
				*why = R_URL;
			return -1;
		}
		break;
	}
	if (n >= 2 && src[0] == '/' && src[1] == '/') {
		*why = R_NETWORK;
		return -1;
	}
	buf_truncate(out, 0);
	for (i = 0; i < n; i++) {
		int hi, lo;

		if (src[i] == '%' && i + 2 < n &&
		    (hi = hexval(src[i + 1])) >= 0 &&
		    (lo = hexval(src[i + 2])) >= 0) {
			if (hi == 0 && lo == 0) {
				*why = "a NUL byte in the name";
				return -1;
			}
			buf_putc(out, hi * 16 + lo);
			i += 2;
		} else
			buf_putc(out, src[i]);
	}
	return 0;
}

/* ------------------------------------------------------------ opening */

/*
 * One component at a time: each is opened beneath the folder before it
 * with O_NOFOLLOW; a symbolic link is read and its target spliced into
 * the rest of the path, so ".." in it is checked like any other.
 */
static int
open_beneath_portable(int dirfd, const char *rel, const char **why)
{
	int		 stack[MAX_DEPTH];
	size_t		 depth = 0, n;
	struct buf	 pending = BUF_INIT, next = BUF_INIT;
	const char	*p, *e;
	char		 comp[NAME_MAX + 1], target[PATH_MAX];
	int		 links = 0, fd = -1, cur = dirfd, last, saved, err = 0;
	ssize_t		 tn;

	buf_puts(&pending, rel);
	p = pending.ptr;
	for (;;) {
		while (*p == '/')
			p++;
		if (*p == '\0') {
			/* rel named the folder itself, or ended in "/". */
			*why = "not a regular file";
			goto fail;
		}
		e = strchr(p, '/');
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		if (n > NAME_MAX) {
			*why = strerror(err = ENAMETOOLONG);
			goto fail;
		}
		memcpy(comp, p, n);
		comp[n] = '\0';
		p += n;
		while (*p == '/')
			p++;
		last = *p == '\0';
		if (strcmp(comp, ".") == 0)
			continue;
		if (strcmp(comp, "..") == 0) {
			if (depth == 0) {
				*why = links > 0 ? R_LEAVES : R_OUTSIDE;
				goto fail;
			}
			close(stack[--depth]);
			cur = depth > 0 ? stack[depth - 1] : dirfd;
			if (last) {
				*why = "not a regular file";
				goto fail;
			}
			continue;
		}
		fd = openat(cur, comp, last ? FILE_FLAGS | O_NOFOLLOW :
		    DIR_FLAGS | O_NOFOLLOW);
		if (fd < 0) {
			saved = errno;
			if ((saved == ELOOP || saved == ENOTDIR ||
			    saved == EMLINK) && (tn = readlinkat(cur, comp,
			    target, sizeof(target) - 1)) >= 0) {
				target[tn] = '\0';
				if (++links > MAX_LINKS) {
					*why = strerror(err = ELOOP);
					goto fail;
				}
				if (target[0] == '/') {
					*why = R_LEAVES;
					goto fail;
				}
				buf_truncate(&next, 0);
				buf_puts(&next, target);
				buf_putc(&next, '/');
				buf_puts(&next, p);
				buf_truncate(&pending, 0);
				buf_putbuf(&pending, &next);
				p = pending.ptr;
				continue;
			}
			*why = strerror(err = saved);
			goto fail;
		}
		if (last)
			break;
		if (depth == MAX_DEPTH) {
			close(fd);
			fd = -1;
			*why = strerror(err = ENAMETOOLONG);
			goto fail;
		}
		stack[depth++] = fd;
		cur = fd;
		fd = -1;
	}
	while (depth > 0)
		close(stack[--depth]);
	buf_free(&pending);
	buf_free(&next);
	return fd;
fail:
	while (depth > 0)
		close(stack[--depth]);
	buf_free(&pending);
	buf_free(&next);
	errno = err;
	return -1;
}

int
resource_open_beneath(int dirfd, const char *rel, int flags,
    const char **why)
{
#ifdef HAVE_OPENAT2
	if (!(flags & RESOURCE_PORTABLE)) {
		struct open_how	 how;
		long		 fd;

		memset(&how, 0, sizeof(how));
		how.flags = FILE_FLAGS;
		how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
		fd = syscall(SYS_openat2, dirfd, rel, &how, sizeof(how));
		if (fd >= 0)
			return (int)fd;
		switch (errno) {
		case EXDEV:
			/* ".." or a link leading out; say which. */
			*why = strstr(rel, "..") != NULL ? R_OUTSIDE : R_LEAVES;
			return -1;
		case ENOSYS:	/* kernel before 5.6 */
		case EPERM:	/* a seccomp filter */
		case EINVAL:
		case E2BIG:
			break;
		default:
			*why = strerror(errno);	/* errno kept for the caller */
			return -1;
		}
	}
#else
	(void)flags;
#endif
	return open_beneath_portable(dirfd, rel, why);
}

/*
 * Inside a library call (recover.h) a descriptor held across code that
 * may run out of memory is registered, so that an abandoned call closes
 * it; outside one these do nothing but close.  The key is fd + 1, never
 * NULL.
 */
static void
close_registered(void *key)
{
	close((int)((intptr_t)key - 1));
}

static void
fd_register(int fd)
{
	recover_defer(close_registered, (void *)((intptr_t)fd + 1));
}

static void
fd_close(int fd)
{
	recover_forget((void *)((intptr_t)fd + 1));
	close(fd);
}

/* Reads the regular file open on fd (closing it), at most max bytes. */
static int
read_fd(int fd, size_t max, struct buf *out, const char **why)
{
	struct stat	 st;
	int		 rc = -1;

	fd_register(fd);
	if (fstat(fd, &st) != 0) {
		*why = strerror(errno);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		*why = S_ISDIR(st.st_mode) ? "a folder" : "not a regular file";
		goto out;
	}
	if ((unsigned long long)st.st_size > max) {
		*why = "too large";
		goto out;
	}
	buf_grow(out, (size_t)st.st_size + 1);
	rc = buf_read_fd(out, fd, max, "too large", why);
out:
	fd_close(fd);
	return rc;
}

/* ------------------------------------------------------------ folders */

static int
root_open(struct root *r, const char *path, const char **why)
{
	struct buf	 b = BUF_INIT;
	char		 real[PATH_MAX];

	if ((r->fd = open(path, DIR_FLAGS)) < 0) {
		*why = strerror(errno);
		return -1;
	}
	fd_register(r->fd);
	lex_absolute(&b, path);
	r->abs = buf_detach(&b, NULL);
	/* Into our buffer: realpath()'s own would leak if xstrdup() raised. */
	r->real = realpath(path, real) != NULL ? xstrdup(real) : NULL;
	return 0;
}

static void
root_close(struct root *r)
{
	if (r->fd >= 0)
		fd_close(r->fd);
	free(r->abs);
	free(r->real);
	r->fd = -1;
	r->abs = r->real = NULL;
}

struct resource_paths *
resource_paths_new(void)
{
	return xcalloc(1, sizeof(struct resource_paths));
}

int
resource_paths_add(struct resource_paths *rp, const char *list, char **bad,
    const char **why)
{
	const char	*p = list;
	size_t		 n;

	*bad = NULL;
	while (*p != '\0') {
		char *dir;

		n = strcspn(p, ":");
		if (n > 0) {
			dir = xstrndup(p, n);
			rp->v = xreallocarray(rp->v, rp->n + 1,
			    sizeof(*rp->v));
			if (root_open(&rp->v[rp->n], dir, why) != 0) {
				*bad = dir;
				return -1;
			}
			rp->n++;
			free(dir);
		}
		p += n;
		if (*p == ':')
			p++;
	}
	return 0;
}

size_t
resource_paths_count(const struct resource_paths *rp)
{
	return rp != NULL ? rp->n : 0;
}

void
resource_paths_free(struct resource_paths *rp)
{
	size_t	 i;

	if (rp == NULL)
		return;
	for (i = 0; i < rp->n; i++)
		root_close(&rp->v[i]);
	free(rp->v);
	free(rp);
}

/* ------------------------------------------------------------ loading */

/*
 * Reads rest beneath root r.  Returns 0, or -1 with *why; *missing tells
 * "not there" (worth looking elsewhere) from "there but refused".
 */
static int
read_beneath(const struct resource_confined *rc, const struct root *r,
    const char *rest, struct buf *out, int *missing, const char **why)
{
	int	 fd;

	*missing = 0;
	if ((fd = resource_open_beneath(r->fd, rest, rc->flags, why)) < 0) {
		*missing = errno == ENOENT;
		return -1;
	}
	return read_fd(fd, rc->max, out, why);
}

/* The root whose folder holds the absolute path abs, and the rest. */
static const struct root *
find_root(const struct resource_confined *rc, const char *abs,
    const char **rest)
{
	size_t	 i;

	if (rc->has_article &&
	    ((*rest = under(abs, rc->article.abs)) != NULL ||
	    (*rest = under(abs, rc->article.real)) != NULL))
		return &rc->article;
	for (i = 0; rc->extra != NULL && i < rc->extra->n; i++)
		if ((*rest = under(abs, rc->extra->v[i].abs)) != NULL ||
		    (*rest = under(abs, rc->extra->v[i].real)) != NULL)
			return &rc->extra->v[i];
	return NULL;
}

/* Does the relative path rel stay below its starting folder by name? */
static int
stays_below(const char *rel)
{
	const char	*p = rel;
	long		 depth = 0;
	size_t		 n;

	while (*p != '\0') {
		while (*p == '/')
			p++;
		n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (--depth < 0)
				return 0;
		} else if (n > 0 && !(n == 1 && p[0] == '.'))
			depth++;
		p += n;
	}
	return 1;
}

static int
resolve_and_read(struct resource_confined *rc, const char *src,
    struct buf *out, const char **why)
{
	struct buf		 path = BUF_INIT, abs = BUF_INIT;
	const struct root	*r;
	const char		*rest, *notfound = NULL;
	size_t			 i;
	int			 ret = -1, missing;

	if (url_path(src, &path, why) != 0)
		goto out;
	if (path.ptr[0] == '/') {
		buf_putc(&abs, '/');
		lex_append(&abs, path.ptr);
		if ((r = find_root(rc, abs.ptr, &rest)) == NULL) {
			*why = R_ABSOLUTE;
			goto out;
		}
		ret = read_beneath(rc, r, rest, out, &missing, why);
		goto out;
	}
	if (rc->has_article) {
		buf_puts(&abs, rc->article.abs);
		lex_append(&abs, path.ptr);
		if ((r = find_root(rc, abs.ptr, &rest)) == NULL) {
			*why = R_OUTSIDE;
			goto out;
		}
		ret = read_beneath(rc, r, rest, out, &missing, why);
		if (ret == 0 || !missing || r != &rc->article)
			goto out;
		notfound = *why;
	}
	/* Not in the article's folder: the --resource-path folders. */
	if (stays_below(path.ptr))
		for (i = 0; rc->extra != NULL && i < rc->extra->n; i++) {
			buf_truncate(out, 0);
			ret = read_beneath(rc, &rc->extra->v[i], path.ptr, out,
			    &missing, why);
			if (ret == 0 || !missing)
				goto out;
		}
	*why = notfound != NULL ? notfound : rc->has_article ?
	    strerror(ENOENT) : rc->article_why;
	ret = -1;
out:
	if (ret != 0)
		buf_truncate(out, 0);
	buf_free(&path);
	buf_free(&abs);
	return ret;
}

static int
confined_load(void *ctx, const char *src, struct buf *out, const char **why)
{
	struct resource_confined *rc = ctx;
	struct cached		 *c;
	size_t			  i;

	for (i = 0; i < rc->ncache; i++)
		if (strcmp(rc->cache[i].src, src) == 0)
			break;
	if (i == rc->ncache) {
		if (rc->ncache == rc->capcache) {
			rc->capcache = rc->capcache ? rc->capcache * 2 : 8;
			rc->cache = xreallocarray(rc->cache, rc->capcache,
			    sizeof(*rc->cache));
		}
		c = &rc->cache[rc->ncache++];
		c->src = xstrdup(src);
		buf_init(&c->data);
		c->why = NULL;
		c->ok = resolve_and_read(rc, src, &c->data, &c->why) == 0;
	}
	c = &rc->cache[i];
	if (!c->ok) {
		*why = c->why;
		return -1;
	}
	buf_putbuf(out, &c->data);
	return 0;
}

struct resource_confined *
resource_confined_new(const char *path, const struct resource_paths *extra,
    size_t max, int flags)
{
	struct resource_confined *rc = xcalloc(1, sizeof(*rc));
	const char	*slash;
	char		*dir;

	rc->extra = extra;
	rc->max = max;
	rc->flags = flags;
	rc->article.fd = -1;
	rc->article_why = R_STDIN;
	if (path != NULL && strcmp(path, "-") != 0) {
		slash = strrchr(path, '/');
		dir = slash == NULL ? xstrdup(".") : slash == path ?
		    xstrdup("/") : xstrndup(path, (size_t)(slash - path));
		if (root_open(&rc->article, dir, &rc->article_why) == 0)
			rc->has_article = 1;
		free(dir);
	}
	return rc;
}

void
resource_confined_free(struct resource_confined *rc)
{
	size_t	 i;

	if (rc == NULL)
		return;
	if (rc->has_article)
		root_close(&rc->article);
	for (i = 0; i < rc->ncache; i++) {
		free(rc->cache[i].src);
		buf_free(&rc->cache[i].data);
	}
	free(rc->cache);
	free(rc);
}

struct resource_loader
resource_confined_loader(struct resource_confined *rc)
{
	struct resource_loader	 l;

	l.load = confined_load;
	l.ctx = rc;
	return l;
}
