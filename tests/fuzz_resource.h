/*
 * The body of the resource-confinement fuzz target (fuzz_resource.c),
 * shared with the regression replay (test_regress.c).
 *
 * A folder tree is laid out once in a temporary folder: an article's
 * folder holding files marked INSIDE, symbolic links that stay inside
 * and links that lead out (relative, absolute, through ".."), a loop and
 * a FIFO; beside it a folder with a file marked OUTSIDE and a
 * --resource-path folder with one marked EXTRA.  Each input is a
 * reference as an article would write it; whatever the loader returns
 * must be an INSIDE file (or EXTRA when that folder is allowed), never
 * anything else, in both the openat2() and the portable mode.  The
 * reference, escaped for a message (the command line's display_escape), must be one line of
 * valid UTF-8 without a right-to-left override.
 */
#ifndef ARTCONV_FUZZ_RESOURCE_H
#define ARTCONV_FUZZ_RESOURCE_H

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/resource.h"
#include "tree/alloc.h"
#include "tree/buf.h"
#include "tree/escape.h"
#include "tree/utf8.h"
#include "../cli/util.h"

static char			 fr_base[4096];
static struct resource_paths	*fr_extra;

/* Removes path and, for a folder, what is in it (links not followed). */
static inline void
fr_rm(const char *path)
{
	struct stat	 st;
	struct dirent	*de;
	DIR		*d;
	char		 p[4200];

	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode) && (d = opendir(path)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			if (snprintf(p, sizeof(p), "%s/%s", path,
			    de->d_name) < (int)sizeof(p))
				fr_rm(p);
		}
		closedir(d);
	}
	remove(path);
}

static inline void
fr_cleanup(void)
{
	if (fr_base[0] != '\0')
		fr_rm(fr_base);
	resource_paths_free(fr_extra);
}

static inline void
fr_file(const char *rel, const char *content)
{
	char	 p[4200];
	FILE	*f;

	snprintf(p, sizeof(p), "%s/%s", fr_base, rel);
	if ((f = fopen(p, "w")) == NULL)
		abort();
	fputs(content, f);
	fclose(f);
}

static inline void
fr_link(const char *target, const char *rel)
{
	char	 p[4200];

	snprintf(p, sizeof(p), "%s/%s", fr_base, rel);
	if (symlink(target, p) != 0)
		abort();
}

static inline void
fr_dir(const char *rel)
{
	char	 p[4200];

	snprintf(p, sizeof(p), "%s/%s", fr_base, rel);
	if (mkdir(p, 0755) != 0)
		abort();
}

/* Lays out the tree; call once. */
static inline void
fuzz_resource_setup(void)
{
	const char	*tmp = getenv("TMPDIR");
	char		 p[4200], *bad;
	const char	*why;

	snprintf(fr_base, sizeof(fr_base), "%s/artconv-fuzzres.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(fr_base) == NULL)
		abort();
	atexit(fr_cleanup);
	fr_dir("art");
	fr_dir("art/sub");
	fr_dir("art/page_files");
	fr_dir("out");
	fr_dir("extra");
	fr_file("art/page.html", "INSIDE");
	fr_file("art/in.png", "INSIDE");
	fr_file("art/sub/in2.png", "INSIDE");
	fr_file("art/page_files/a b.png", "INSIDE");
	fr_file("out/secret", "OUTSIDE");
	fr_file("secret", "OUTSIDE");
	fr_file("extra/x.png", "EXTRA");
	fr_link("..", "art/sub/up");
	fr_link("../..", "art/sub/upup");
	fr_link("../../out/secret", "art/sub/out");
	fr_link("../out", "art/outdir");
	fr_link("sub", "art/dirlink");
	fr_link("in2.png", "art/sub/rel.png");
	fr_link("loop", "art/loop");
	fr_link("../extra", "art/toextra");
	snprintf(p, sizeof(p), "%s/out/secret", fr_base);
	fr_link(p, "art/abs");
	snprintf(p, sizeof(p), "%s/art", fr_base);
	fr_link(p, "art/self");
	snprintf(p, sizeof(p), "%s/art/fifo", fr_base);
	if (mkfifo(p, 0644) != 0)
		abort();
	fr_extra = resource_paths_new();
	snprintf(p, sizeof(p), "%s/extra", fr_base);
	if (resource_paths_add(fr_extra, p, &bad, &why) != 0)
		abort();
}

/*
 * One reference: the first byte picks the mode (bit 0: portable, bit 1:
 * with the EXTRA folder, bit 2: the reference is made absolute under the
 * temporary folder), the rest is the reference.
 */
static inline void
fuzz_resource_one(const uint8_t *data, size_t size)
{
	struct resource_confined *rc;
	struct resource_loader	 l;
	struct buf		 src = BUF_INIT, out = BUF_INIT;
	char			 article[4200];
	const char		*why = NULL;
	int			 flags, extra, fd;

	if (size < 1)
		return;
	flags = data[0] & 1 ? RESOURCE_PORTABLE : 0;
	extra = (data[0] & 2) != 0;
	if (data[0] & 4) {
		buf_puts(&src, fr_base);
		buf_putc(&src, '/');
	}
	buf_put(&src, data + 1, strnlen((const char *)data + 1, size - 1));
	snprintf(article, sizeof(article), "%s/art/page.html", fr_base);
	rc = resource_confined_new(article, extra ? fr_extra : NULL, 1 << 20,
	    flags);
	l = resource_confined_loader(rc);
	if (l.load(l.ctx, src.ptr, &out, &why) == 0) {
		if (strcmp(out.ptr, "INSIDE") != 0 &&
		    !(extra && strcmp(out.ptr, "EXTRA") == 0))
			abort();	/* read a file it must not */
	} else if (why == NULL || out.len != 0)
		abort();
	resource_confined_free(rc);
	/* The primitive alone, beneath the article's folder. */
	snprintf(article, sizeof(article), "%s/art", fr_base);
	if ((fd = open(article, O_RDONLY | O_DIRECTORY)) < 0)
		abort();
	buf_truncate(&out, 0);
	if (data[0] & 4) {
		buf_truncate(&src, 0);
		buf_put(&src, data + 1, strnlen((const char *)data + 1,
		    size - 1));
	}
	{
		int f = resource_open_beneath(fd, src.ptr, flags, &why);

		if (f >= 0) {
			char b[16];
			ssize_t n = read(f, b, sizeof(b) - 1);

			/* Folders and the FIFO read as nothing or fail. */
			if (n > 0) {
				b[n] = '\0';
				if (strcmp(b, "INSIDE") != 0)
					abort();
			}
			close(f);
		}
	}
	close(fd);
	/* Shown in a message, the reference is one line of valid UTF-8. */
	{
		struct sbuf	 shown = SBUF_INIT;
		size_t		 i;

		display_escape(&shown, (const char *)data + 1, size - 1);
		for (i = 0; i < shown.len; i++)
			if ((unsigned char)shown.ptr[i] < 0x20 ||
			    shown.ptr[i] == 0x7F)
				abort();
		if (!utf8_valid(sb_str(&shown), shown.len) ||
		    strstr(sb_str(&shown), "\xe2\x80\xae") != NULL)
			abort();
		sb_free(&shown);
	}
	buf_free(&src);
	buf_free(&out);
}

#endif
