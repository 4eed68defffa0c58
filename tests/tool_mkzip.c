/*
 * tool_mkzip: test helper that builds zip files an attacker would, for
 * the attack suite (tests/attack.sh).
 *
 *   tool_mkzip OUT NAME=FILE ...   one entry per argument, named NAME
 *                                  exactly as given ("../x", "/abs"),
 *                                  holding FILE's bytes, deflated (a big
 *                                  sparse FILE makes a zip bomb)
 */
#include <stdio.h>
#include <string.h>
#include <zip.h>

int
main(int argc, char *argv[])
{
	zip_t		*za;
	zip_source_t	*src;
	int		 err, i;

	if (argc < 3) {
		fprintf(stderr, "usage: tool_mkzip OUT NAME=FILE ...\n");
		return 2;
	}
	if ((za = zip_open(argv[1], ZIP_CREATE | ZIP_TRUNCATE, &err)) ==
	    NULL) {
		fprintf(stderr, "tool_mkzip: %s: cannot create\n", argv[1]);
		return 1;
	}
	for (i = 2; i < argc; i++) {
		char		*eq = strchr(argv[i], '=');
		zip_int64_t	 idx;

		if (eq == NULL) {
			fprintf(stderr, "tool_mkzip: %s: not NAME=FILE\n",
			    argv[i]);
			zip_discard(za);
			return 2;
		}
		*eq = '\0';
		if ((src = zip_source_file(za, eq + 1, 0, -1)) == NULL ||
		    (idx = zip_file_add(za, argv[i], src,
		    ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE)) < 0) {
			fprintf(stderr, "tool_mkzip: %s: %s\n", argv[i],
			    zip_strerror(za));
			zip_source_free(src);
			zip_discard(za);
			return 1;
		}
		zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE,
		    9);
	}
	if (zip_close(za) != 0) {
		fprintf(stderr, "tool_mkzip: %s: %s\n", argv[1],
		    zip_strerror(za));
		return 1;
	}
	return 0;
}
