/*
 * tool_zipdump: test helper that shows what is inside a zip container.
 *
 *   tool_zipdump FILE            one line per entry: name, method
 *                                (stored/deflated), size, extra-field bytes
 *   tool_zipdump -x DIR FILE     extracts every entry under DIR
 *   tool_zipdump -p NAME FILE    prints one entry's contents
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

static int
mkparents(char *path)
{
	char	*s;

	for (s = path + 1; *s != '\0'; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(path, 0755) != 0 && errno != EEXIST)
				return -1;
			*s = '/';
		}
	return 0;
}

static char *
read_entry(zip_t *za, zip_uint64_t i, zip_uint64_t *size)
{
	zip_stat_t	 st;
	zip_file_t	*zf;
	char		*data;

	if (zip_stat_index(za, i, 0, &st) != 0 ||
	    (zf = zip_fopen_index(za, i, 0)) == NULL)
		return NULL;
	data = malloc(st.size + 1);
	if (data == NULL || zip_fread(zf, data, st.size) != (zip_int64_t)st.size) {
		free(data);
		zip_fclose(zf);
		return NULL;
	}
	zip_fclose(zf);
	*size = st.size;
	return data;
}

int
main(int argc, char *argv[])
{
	const char	*mode = "list", *arg = NULL, *file;
	zip_t		*za;
	zip_int64_t	 n, i;
	int		 err, rc = 0;

	if (argc == 4 && (strcmp(argv[1], "-x") == 0 ||
	    strcmp(argv[1], "-p") == 0)) {
		mode = argv[1];
		arg = argv[2];
		file = argv[3];
	} else if (argc == 2)
		file = argv[1];
	else {
		fprintf(stderr, "usage: tool_zipdump [-x DIR | -p NAME] FILE\n");
		return 2;
	}
	if ((za = zip_open(file, ZIP_RDONLY | ZIP_CHECKCONS, &err)) == NULL) {
		zip_error_t ze;

		zip_error_init_with_code(&ze, err);
		fprintf(stderr, "tool_zipdump: %s: %s\n", file,
		    zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return 1;
	}
	n = zip_get_num_entries(za, 0);
	for (i = 0; i < n; i++) {
		zip_stat_t	 st;
		zip_uint64_t	 size;
		char		*data, *path;

		if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) != 0) {
			rc = 1;
			continue;
		}
		if (strcmp(mode, "list") == 0) {
			printf("%s %s %llu extra=%d\n", st.name,
			    st.comp_method == ZIP_CM_STORE ? "stored" :
			    "deflated", (unsigned long long)st.size,
			    zip_file_extra_fields_count(za, (zip_uint64_t)i,
			    ZIP_FL_LOCAL) + zip_file_extra_fields_count(za,
			    (zip_uint64_t)i, ZIP_FL_CENTRAL));
			continue;
		}
		if (strcmp(mode, "-p") == 0 && strcmp(st.name, arg) != 0)
			continue;
		if ((data = read_entry(za, (zip_uint64_t)i, &size)) == NULL) {
			rc = 1;
			continue;
		}
		if (strcmp(mode, "-p") == 0)
			fwrite(data, 1, size, stdout);
		else {
			FILE *f;

			path = malloc(strlen(arg) + strlen(st.name) + 2);
			sprintf(path, "%s/%s", arg, st.name);
			if (mkparents(path) != 0 ||
			    (f = fopen(path, "wb")) == NULL) {
				rc = 1;
			} else {
				fwrite(data, 1, size, f);
				fclose(f);
			}
			free(path);
		}
		free(data);
	}
	zip_close(za);
	return rc;
}
