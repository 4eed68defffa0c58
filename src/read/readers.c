/*
 * The list of input readers.  To add one, write src/read_NAME.c defining
 * "const struct reader reader_NAME" and add one X(NAME) line below.
 */
#include "reader.h"

#include <string.h>
#include <strings.h>

#define ALL_READERS(X) \
	X(text) \
	X(html) \
	X(md) \
	X(docx)

#define DECLARE(name) extern const struct reader reader_##name;
#define ENTRY(name) &reader_##name,

ALL_READERS(DECLARE)

const struct reader *const readers[] = {
	ALL_READERS(ENTRY)
	NULL
};

const struct reader *
reader_find(const char *name)
{
	size_t	 i;

	for (i = 0; readers[i] != NULL; i++)
		if (strcasecmp(readers[i]->name, name) == 0)
			return readers[i];
	if (strcasecmp(name, "txt") == 0)
		return reader_find("text");
	return NULL;
}

/* Returns 1 if ext (no dot) is listed in the space-separated list. */
static int
has_extension(const char *list, const char *ext)
{
	size_t	 n = strlen(ext);
	const char *p = list;

	while (*p != '\0') {
		size_t w = strcspn(p, " ");

		if (w == n && strncasecmp(p, ext, n) == 0)
			return 1;
		p += w;
		while (*p == ' ')
			p++;
	}
	return 0;
}

/* A sniff score at which content beats a file name's extension. */
#define SNIFF_SURE	80

const struct reader *
reader_detect(const char *filename, const char *data, size_t len)
{
	const struct reader	*best = NULL, *by_name = NULL;
	const char		*dot, *slash;
	int			 score, best_score = -1;
	size_t			 i;

	if (filename != NULL) {
		slash = strrchr(filename, '/');
		dot = strrchr(slash != NULL ? slash : filename, '.');
		if (dot != NULL && dot[1] != '\0')
			for (i = 0; readers[i] != NULL && by_name == NULL; i++)
				if (has_extension(readers[i]->extensions,
				    dot + 1))
					by_name = readers[i];
	}
	for (i = 0; readers[i] != NULL; i++) {
		score = readers[i]->sniff(data, len);
		if (score > best_score) {
			best_score = score;
			best = readers[i];
		}
	}
	/*
	 * The extension decides unless the content is surely something
	 * else: a web page saved as .txt is still a web page.
	 */
	if (by_name != NULL && (best == by_name || best_score < SNIFF_SURE ||
	    by_name->sniff(data, len) >= SNIFF_SURE))
		return by_name;
	return best;
}
