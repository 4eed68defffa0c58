/*
 * The list of output formats.  To add one, write formats/NAME.c (or a
 * folder formats/NAME/) defining "const struct writer writer_NAME" and add
 * one X(NAME) line below; the README's "Adding an output format" walks
 * through it.
 */
#include "writer.h"

#include <string.h>
#include <strings.h>

#define ALL_WRITERS(X) \
	X(txt) \
	X(md) \
	X(epub) \
	X(json) \
	X(docx) \
	X(pandoc_json) \
	X(html) \
	X(html_fragment)

#define DECLARE(name) extern const struct writer writer_##name;
#define ENTRY(name) &writer_##name,

ALL_WRITERS(DECLARE)

const struct writer *const writers[] = {
	ALL_WRITERS(ENTRY)
	NULL
};

/* struct render_opts has a slot per writer. */
_Static_assert(sizeof(writers) / sizeof(writers[0]) - 1 <= WRITERS_MAX,
    "more writers than WRITERS_MAX");

size_t
writer_index(const struct writer *w)
{
	size_t	 i;

	for (i = 0; writers[i] != NULL && writers[i] != w; i++)
		;
	return i;
}

const struct writer *
writer_find(const char *name)
{
	size_t	 i;

	for (i = 0; writers[i] != NULL; i++)
		if (strcasecmp(writers[i]->name, name) == 0)
			return writers[i];
	return NULL;
}

const struct writer *
writer_for_extension(const char *ext)
{
	size_t	 i;

	for (i = 0; writers[i] != NULL; i++)
		if (strcasecmp(writers[i]->extension, ext) == 0)
			return writers[i];
	/* Common spellings of the same formats. */
	if (strcasecmp(ext, "markdown") == 0)
		return writer_find("md");
	if (strcasecmp(ext, "text") == 0)
		return writer_find("txt");
	return NULL;
}

enum points_mode
writer_points(const struct render_opts *opts, enum points_mode def)
{
	return opts->points == POINTS_DEFAULT ? def : opts->points;
}

const char *
writer_lang(const struct doc *doc, const struct render_opts *opts)
{
	if (opts->lang != NULL && opts->lang[0] != '\0')
		return opts->lang;
	if (doc->meta[META_LANG] != NULL)
		return doc->meta[META_LANG];
	return "zh-CN";
}

const char *
writer_image_type(const char *p, size_t len)
{
	if (len >= 3 && memcmp(p, "\xFF\xD8\xFF", 3) == 0)
		return "image/jpeg";
	if (len >= 8 && memcmp(p, "\x89PNG\r\n\x1A\n", 8) == 0)
		return "image/png";
	if (len >= 6 && (memcmp(p, "GIF87a", 6) == 0 ||
	    memcmp(p, "GIF89a", 6) == 0))
		return "image/gif";
	return NULL;
}
