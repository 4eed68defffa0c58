#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "artconv.h"
#include "util.h"

static void
add(struct inputs *in, const char *path, const char *rel)
{
	if (in->n == in->cap) {
		in->cap = in->cap ? in->cap * 2 : 64;
		in->v = ereallocarray(in->v, in->cap, sizeof(*in->v));
	}
	in->v[in->n].path = estrdup(path);
	in->v[in->n].rel = estrdup(rel);
	in->n++;
}

/* The file name of path without its extension ("stdin" for "-"). */
static char *
stem(const char *path)
{
	const char	*base = strrchr(path, '/'), *dot;

	if (strcmp(path, "-") == 0)
		return estrdup("stdin");
	base = base != NULL ? base + 1 : path;
	dot = strrchr(base, '.');
	return dot != NULL && dot != base ? estrndup(base, (size_t)(dot - base))
	    : estrdup(base);
}

/* Does name (or rel, for patterns with a slash) match one of pats? */
static int
matches(const char *rel, const char **pats, size_t n)
{
	const char	*base = strrchr(rel, '/');
	size_t		 i;

	base = base != NULL ? base + 1 : rel;
	for (i = 0; i < n; i++)
		if (fnmatch(pats[i], strchr(pats[i], '/') ? rel : base, 0) == 0)
			return 1;
	return 0;
}

/* Without --include: files with an extension some reader claims. */
static int
known_extension(const char *name)
{
	const char	*dot = strrchr(name, '.');
	size_t		 i, n;

	if (dot == NULL || dot == name)
		return 0;
	dot++;
	n = strlen(dot);
	for (i = 0; i < ac_reader_count(); i++) {
		const char *p = ac_reader_extensions(ac_reader_at(i));

		while (*p != '\0') {
			size_t w = strcspn(p, " ");

			if (w == n && strncasecmp(p, dot, n) == 0)
				return 1;
			p += w;
			while (*p == ' ')
				p++;
		}
	}
	return 0;
}

static int
wanted(const char *rel, const struct batch_filter *f)
{
	if (f->nexclude > 0 && matches(rel, f->exclude, f->nexclude))
		return 0;
	if (f->ninclude > 0)
		return matches(rel, f->include, f->ninclude);
	return known_extension(rel);
}

struct seen {
	dev_t	 dev;
	ino_t	 ino;
};

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Walks folder root (relative prefix rel, "" at the top) without
 * recursion: a list of folders still to read.  Folders already seen (a
 * symbolic link back up the tree) are not read twice.
 */
static int
walk(struct inputs *in, const char *root, const struct batch_filter *f,
    const char **why)
{
	struct {
		char	*path, *rel;
	}		*todo = NULL;
	size_t		 ntodo = 0, captodo = 0, nseen = 0, capseen = 0, i;
	struct seen	*seen = NULL;
	int		 rc = 0;

#define PUSH(p, r) do {							\
	if (ntodo == captodo) {						\
		captodo = captodo ? captodo * 2 : 16;			\
		todo = ereallocarray(todo, captodo, sizeof(*todo));	\
	}								\
	todo[ntodo].path = (p);						\
	todo[ntodo].rel = (r);						\
	ntodo++;							\
} while (0)

	PUSH(estrdup(root), estrdup(""));
	while (ntodo > 0) {
		char		*dir = todo[ntodo - 1].path;
		char		*drel = todo[ntodo - 1].rel;
		char		**names = NULL;
		size_t		 nnames = 0, capnames = 0;
		struct stat	 st;
		struct dirent	*de;
		DIR		*d;

		ntodo--;
		if (stat(dir, &st) != 0)
			goto next;
		if (f->skip_dir && st.st_dev == f->skip_dev &&
		    st.st_ino == f->skip_ino)
			goto next;
		for (i = 0; i < nseen; i++)
			if (seen[i].dev == st.st_dev && seen[i].ino == st.st_ino)
				break;
		if (i < nseen)
			goto next;		/* a loop: been here */
		if (nseen == capseen) {
			capseen = capseen ? capseen * 2 : 16;
			seen = ereallocarray(seen, capseen, sizeof(*seen));
		}
		seen[nseen].dev = st.st_dev;
		seen[nseen].ino = st.st_ino;
		nseen++;
		if ((d = opendir(dir)) == NULL) {
			*why = "some folders could not be read";
			goto next;
		}
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0 ||
			    (de->d_name[0] == '.' && !f->hidden))
				continue;
			if (nnames == capnames) {
				capnames = capnames ? capnames * 2 : 64;
				names = ereallocarray(names, capnames,
				    sizeof(*names));
			}
			names[nnames++] = estrdup(de->d_name);
		}
		closedir(d);
		/* Sorted, so runs and shards do not depend on readdir order. */
		qsort(names, nnames, sizeof(*names), cmp_names);
		for (i = nnames; i-- > 0;) {
			struct sbuf p = SBUF_INIT, r = SBUF_INIT;

			sb_puts(&p, dir);
			if (p.len > 0 && p.ptr[p.len - 1] != '/')
				sb_putc(&p, '/');
			sb_puts(&p, names[i]);
			if (drel[0] != '\0') {
				sb_puts(&r, drel);
				sb_putc(&r, '/');
			}
			sb_puts(&r, names[i]);
			if (stat(p.ptr, &st) == 0 && S_ISDIR(st.st_mode)) {
				PUSH(sb_detach(&p), sb_detach(&r));
				continue;
			}
			if (stat(p.ptr, &st) == 0 && S_ISREG(st.st_mode) &&
			    wanted(r.ptr, f)) {
				char *s = stem(r.ptr), *slash = strrchr(r.ptr, '/');
				struct sbuf rel = SBUF_INIT;

				if (slash != NULL)
					sb_put(&rel, r.ptr, (size_t)(slash -
					    r.ptr) + 1);
				sb_puts(&rel, s);
				add(in, p.ptr, rel.ptr);
				sb_free(&rel);
				free(s);
			}
			sb_free(&p);
			sb_free(&r);
		}
		for (i = 0; i < nnames; i++)
			free(names[i]);
		free(names);
next:
		free(dir);
		free(drel);
	}
#undef PUSH
	free(todo);
	free(seen);
	return rc;
}

int
inputs_is_skipped(const char *path, const struct batch_filter *f)
{
	struct stat	 st;

	return f->skip_dir && stat(path, &st) == 0 && S_ISDIR(st.st_mode) &&
	    st.st_dev == f->skip_dev && st.st_ino == f->skip_ino;
}

int
inputs_add(struct inputs *in, const char *path, const struct batch_filter *f,
    const char **why)
{
	struct stat	 st;
	char		*s;

	if (strcmp(path, "-") == 0) {
		add(in, path, "stdin");
		return 0;
	}
	if (stat(path, &st) != 0) {
		*why = strerror(errno);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		if (inputs_is_skipped(path, f)) {
			*why = "is the output folder; write to another one";
			return -1;
		}
		return walk(in, path, f, why);
	}
	s = stem(path);
	add(in, path, s);
	free(s);
	return 0;
}

size_t
inputs_add_list(struct inputs *in, const char *data, size_t len, int nul,
    const struct batch_filter *f, char **bad, const char **why)
{
	size_t		 start = 0, i, failed = 0;
	char		 sep = nul ? '\0' : '\n';

	*bad = NULL;
	for (i = 0; i <= len; i++) {
		char *path;

		if (i < len && data[i] != sep)
			continue;
		if (i > start) {
			size_t end = i;

			if (!nul && end > start && data[end - 1] == '\r')
				end--;
			path = estrndup(data + start, end - start);
			if (path[0] != '\0') {
				struct stat st;
				int dir = stat(path, &st) == 0 &&
				    S_ISDIR(st.st_mode);

				/* Listed files still pass the filters. */
				if (!dir && !wanted(path, f)) {
					free(path);
					start = i + 1;
					continue;
				}
				if (inputs_add(in, path, f, why) != 0) {
					if (failed++ == 0)
						*bad = path;
					else
						free(path);
					start = i + 1;
					continue;
				}
			}
			free(path);
		}
		start = i + 1;
	}
	return failed;
}

static int
cmp_inputs(const void *a, const void *b)
{
	return strcmp(((const struct input *)a)->path,
	    ((const struct input *)b)->path);
}

void
inputs_sort(struct inputs *in)
{
	size_t	 i, j;

	if (in->n == 0)
		return;
	qsort(in->v, in->n, sizeof(*in->v), cmp_inputs);
	for (i = j = 1; i < in->n; i++) {
		if (strcmp(in->v[i].path, in->v[j - 1].path) == 0) {
			free(in->v[i].path);
			free(in->v[i].rel);
			continue;
		}
		in->v[j++] = in->v[i];
	}
	in->n = j;
}

/* FNV-1a: a stable hash of the path for sharding. */
static uint64_t
path_hash(const char *s)
{
	uint64_t	 h = 1469598103934665603ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

void
inputs_shard(struct inputs *in, unsigned k, unsigned n)
{
	size_t	 i, j;

	for (i = j = 0; i < in->n; i++) {
		if (path_hash(in->v[i].path) % n == k - 1) {
			in->v[j++] = in->v[i];
			continue;
		}
		free(in->v[i].path);
		free(in->v[i].rel);
	}
	in->n = j;
}

static int
cmp_rel(const void *a, const void *b)
{
	return strcmp((*(const struct input *const *)a)->rel,
	    (*(const struct input *const *)b)->rel);
}

long
inputs_find_collision(const struct inputs *in, size_t *other)
{
	const struct input	**byrel;
	size_t			  i;
	long			  found = -1;

	if (in->n < 2)
		return -1;
	byrel = ereallocarray(NULL, in->n, sizeof(*byrel));
	for (i = 0; i < in->n; i++)
		byrel[i] = &in->v[i];
	qsort(byrel, in->n, sizeof(*byrel), cmp_rel);
	for (i = 1; i < in->n; i++)
		if (strcmp(byrel[i]->rel, byrel[i - 1]->rel) == 0) {
			found = byrel[i] - in->v;
			*other = (size_t)(byrel[i - 1] - in->v);
			break;
		}
	free(byrel);
	return found;
}

void
inputs_free(struct inputs *in)
{
	size_t	 i;

	for (i = 0; i < in->n; i++) {
		free(in->v[i].path);
		free(in->v[i].rel);
	}
	free(in->v);
	in->v = NULL;
	in->n = in->cap = 0;
}
