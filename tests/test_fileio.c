/*
 * File access of the command line (cli/files.c, cli/util.c): inputs
 * recognised by identity whatever name reaches them, writes that never
 * leave a temporary file or replace without being asked, and whole-file
 * reads with the library's reasons.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../cli/files.h"
#include "../cli/util.h"
#include "testutil.h"

static char	 dir[4096];

static void
path(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", dir, name);
}

static void
put(const char *name, const char *content)
{
	char	 p[4200];
	FILE	*f;

	path(p, sizeof(p), name);
	assert_non_null(f = fopen(p, "w"));
	fputs(content, f);
	fclose(f);
}

/* Files in dir whose name starts with a dot (temporary files). */
static int
dot_files(void)
{
	DIR		*d = opendir(dir);
	struct dirent	*de;
	int		 n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] == '.' && strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void
test_ids(void **state)
{
	struct file_ids	 ids;
	char		 a[4200], hard[4200], sym[4200], other[4200];
	int		 fd;

	(void)state;
	memset(&ids, 0, sizeof(ids));
	put("a.txt", "A");
	put("other.txt", "O");
	path(a, sizeof(a), "a.txt");
	path(hard, sizeof(hard), "hard.txt");
	path(sym, sizeof(sym), "sym.txt");
	path(other, sizeof(other), "other.txt");
	assert_int_equal(link(a, hard), 0);
	assert_int_equal(symlink("a.txt", sym), 0);
	file_ids_add_path(&ids, a);
	file_ids_add_path(&ids, "/dev/null");	/* not a regular file */
	file_ids_add_path(&ids, dir);		/* nor a folder */
	file_ids_sort(&ids);
	assert_int_equal(ids.n, 1);
	assert_true(file_ids_has_path(&ids, a));
	assert_true(file_ids_has_path(&ids, hard));
	assert_true(file_ids_has_path(&ids, sym));
	assert_false(file_ids_has_path(&ids, other));
	assert_false(file_ids_has_path(&ids, "/dev/null"));
	assert_false(file_ids_has_path(&ids, "no/such/file"));
	assert_true((fd = open(hard, O_RDONLY)) >= 0);
	assert_true(file_ids_has_fd(&ids, fd));
	close(fd);
	file_ids_free(&ids);
}

static void
test_write(void **state)
{
	char		 p[4200];
	const char	*why = NULL;
	size_t		 len;
	char		*got;

	(void)state;
	path(p, sizeof(p), "out.txt");
	assert_int_equal(file_write(p, "one", 3, 0, &why), 0);
	assert_int_equal(file_write(p, "two", 3, 0, &why), -1);
	assert_string_equal(why, "exists; use --force to replace it");
	assert_non_null(got = tu_slurp(p, &len));
	assert_string_equal(got, "one");
	free(got);
	assert_int_equal(file_write(p, "three", 5, FILE_FORCE | FILE_SYNC,
	    &why), 0);
	assert_non_null(got = tu_slurp(p, &len));
	assert_string_equal(got, "three");
	free(got);
	assert_int_equal(dot_files(), 0);
	/* A folder in the way. */
	assert_int_equal(file_write(dir, "x", 1, FILE_FORCE, &why), -1);
	assert_string_equal(why, "is a directory");
	assert_int_equal(dot_files(), 0);
}

/*
 * Reading whole files: --files-from and standard input (any file), and
 * the files options name (--cover: regular files only, never waiting on
 * a FIFO).
 */
static void
test_read(void **state)
{
	struct sbuf	 out = SBUF_INIT;
	char		 p[4200];
	const char	*why = NULL;

	(void)state;
	path(p, sizeof(p), "fifo");
	assert_int_equal(mkfifo(p, 0600), 0);
	assert_int_equal(read_whole(p, 100, READ_REGULAR, &out, &why), -1);
	assert_string_equal(why, "not a regular file");
	assert_int_equal(read_whole(dir, 100, READ_REGULAR, &out, &why), -1);
	assert_string_equal(why, "a folder");
	assert_int_equal(read_whole(dir, 100, 0, &out, &why), -1);
	assert_string_equal(why, "is a directory");
	assert_int_equal(read_whole("/dev/zero", 100, READ_REGULAR, &out,
	    &why), -1);
	assert_string_equal(why, "not a regular file");
	assert_int_equal(read_whole("/dev/zero", 100, 0, &out, &why), -1);
	assert_string_equal(why, "file too large");
	path(p, sizeof(p), "no-such-file");
	assert_int_equal(read_whole(p, 100, 0, &out, &why), -1);
	assert_string_equal(why, strerror(ENOENT));
	put("in.txt", "INSIDE");
	path(p, sizeof(p), "in.txt");
	assert_int_equal(read_whole(p, 3, READ_REGULAR, &out, &why), -1);
	assert_string_equal(why, "too large");
	assert_int_equal(read_whole(p, 3, 0, &out, &why), -1);
	assert_string_equal(why, "file too large");
	sb_truncate(&out, 0);
	assert_int_equal(read_whole(p, 6, READ_REGULAR, &out, &why), 0);
	assert_string_equal(sb_str(&out), "INSIDE");
	sb_truncate(&out, 0);
	assert_int_equal(read_whole(p, 6, 0, &out, &why), 0);
	assert_string_equal(sb_str(&out), "INSIDE");
	sb_free(&out);
	put("empty.txt", "");
	path(p, sizeof(p), "empty.txt");
	assert_int_equal(read_whole(p, 6, 0, &out, &why), 0);
	assert_int_equal(out.len, 0);
	assert_string_equal(sb_str(&out), "");
	sb_free(&out);
}

static int
setup(void **state)
{
	const char	*tmp = getenv("TMPDIR");

	(void)state;
	snprintf(dir, sizeof(dir), "%s/artconv-fileio.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	static const char *const names[] = {
		"a.txt", "hard.txt", "sym.txt", "other.txt", "out.txt",
		"fifo", "in.txt", "empty.txt"
	};
	char	 p[4200];
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		path(p, sizeof(p), names[i]);
		unlink(p);
	}
	return rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_write),
		cmocka_unit_test(test_read),
	};

	return cmocka_run_group_tests_name("fileio", tests, setup, teardown);
}
