/*
 * The public API's options objects and its lists of formats, readers and
 * metadata keys (include/artconv.h).  Nothing here owns a recoverable
 * call: setters copy with alloc_try_malloc() and report AC_ERR_NOMEM.
 *
 * An ac_format is a struct writer and an ac_reader a struct reader, seen
 * through the public types; the pointers are converted back before any
 * use.
 */
#include "artconv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "io/repro.h"
#include "read/reader.h"
#include "tree/alloc.h"
#include "tree/doc.h"
#include "api_int.h"
#include "writer.h"

/* --- formats and readers -------------------------------------------------- */

size_t
ac_format_count(void)
{
	size_t	 n = 0;

	while (writers[n] != NULL)
		n++;
	return n;
}

const ac_format *
ac_format_at(size_t i)
{
	return i < ac_format_count() ? (const ac_format *)writers[i] : NULL;
}

const ac_format *
ac_format_find(const char *name)
{
	return name != NULL ? (const ac_format *)writer_find(name) : NULL;
}

const ac_format *
ac_format_for_extension(const char *ext)
{
	return ext != NULL ? (const ac_format *)writer_for_extension(ext) :
	    NULL;
}

const char *
ac_format_name(const ac_format *f)
{
	return f != NULL ? ((const struct writer *)f)->name : NULL;
}

const char *
ac_format_extension(const ac_format *f)
{
	return f != NULL ? ((const struct writer *)f)->extension : NULL;
}

const char *
ac_format_description(const ac_format *f)
{
	return f != NULL ? ((const struct writer *)f)->description : NULL;
}

int
ac_format_is_binary(const ac_format *f)
{
	return f != NULL && ((const struct writer *)f)->zip;
}

const char *
ac_format_text_parts(const ac_format *f)
{
	const struct writer	*w = (const struct writer *)f;

	return w != NULL && w->zip ? w->text_parts : NULL;
}

size_t
ac_format_option_count(const ac_format *f)
{
	const struct writer	*w = (const struct writer *)f;
	size_t			 n = 0;

	while (w != NULL && w->options != NULL && w->options[n].name != NULL)
		n++;
	return n;
}

/* Option i of format f, or NULL. */
static const struct writer_option *
option_at(const ac_format *f, size_t i)
{
	return i < ac_format_option_count(f) ?
	    &((const struct writer *)f)->options[i] : NULL;
}

/* A text of option i of format f (a field of its writer_option), or NULL. */
#define OPTION_TEXT(f, i, field) \
	(option_at(f, i) != NULL ? option_at(f, i)->field : NULL)

const char *
ac_format_option_name(const ac_format *f, size_t i)
{
	return OPTION_TEXT(f, i, name);
}

ac_option_kind
ac_format_option_kind(const ac_format *f, size_t i)
{
	const struct writer_option *opt = option_at(f, i);

	if (opt == NULL)
		return AC_OPTION_NONE;
	switch (opt->kind) {
	case WOPT_FLAG:
		return AC_OPTION_FLAG;
	case WOPT_WORD:
		return AC_OPTION_WORD;
	case WOPT_NUMBER:
		return AC_OPTION_NUMBER;
	case WOPT_FILE:
		return AC_OPTION_FILE;
	}
	return AC_OPTION_NONE;
}

const char *
ac_format_option_arg(const ac_format *f, size_t i)
{
	return OPTION_TEXT(f, i, arg);
}

const char *
ac_format_option_help(const ac_format *f, size_t i)
{
	return OPTION_TEXT(f, i, help);
}

const char *
ac_format_option_man(const ac_format *f, size_t i)
{
	return OPTION_TEXT(f, i, man);
}

const char *
ac_format_option_word(const ac_format *f, size_t i, size_t k)
{
	const struct writer_option *opt = option_at(f, i);
	size_t	 n;

	if (opt == NULL || opt->kind != WOPT_WORD || opt->words == NULL)
		return NULL;
	for (n = 0; n < k && opt->words[n] != NULL; n++)
		;
	return opt->words[n];
}

const char *
ac_format_option_takes(const ac_format *f, size_t i)
{
	return OPTION_TEXT(f, i, takes);
}

long
ac_format_option_min(const ac_format *f, size_t i)
{
	const struct writer_option *opt = option_at(f, i);

	return opt != NULL && opt->kind == WOPT_NUMBER ? opt->min : 0;
}

/* A file's limit is at most 64 MiB, well within a long. */
long
ac_format_option_max(const ac_format *f, size_t i)
{
	const struct writer_option *opt = option_at(f, i);

	if (opt == NULL)
		return 0;
	if (opt->kind == WOPT_NUMBER)
		return opt->max;
	return opt->kind == WOPT_FILE ? (long)opt->max_size : 0;
}

size_t
ac_reader_count(void)
{
	size_t	 n = 0;

	while (readers[n] != NULL)
		n++;
	return n;
}

const ac_reader *
ac_reader_at(size_t i)
{
	return i < ac_reader_count() ? (const ac_reader *)readers[i] : NULL;
}

const ac_reader *
ac_reader_find(const char *name)
{
	return name != NULL ? (const ac_reader *)reader_find(name) : NULL;
}

const char *
ac_reader_name(const ac_reader *r)
{
	return r != NULL ? ((const struct reader *)r)->name : NULL;
}

const char *
ac_reader_extensions(const ac_reader *r)
{
	return r != NULL ? ((const struct reader *)r)->extensions : NULL;
}

const char *
ac_reader_description(const ac_reader *r)
{
	return r != NULL ? ((const struct reader *)r)->description : NULL;
}

size_t
ac_meta_key_count(void)
{
	return META__COUNT;
}

const char *
ac_meta_key_at(size_t i)
{
	return i < META__COUNT ? meta_key_name[i] : NULL;
}

/* --- options ------------------------------------------------------------- */

/* Replaces *slot with a copy of value (NULL clears it). */
static ac_status
set_string(char **slot, const char *value)
{
	char	*copy = NULL;
	size_t	 len;

	if (value != NULL) {
		len = strlen(value);
		if ((copy = alloc_try_malloc(len + 1)) == NULL)
			return AC_ERR_NOMEM;
		memcpy(copy, value, len + 1);
	}
	free(*slot);
	*slot = copy;
	return AC_OK;
}

ac_read_options *
ac_read_options_new(void)
{
	ac_read_options	*o = alloc_try_malloc(sizeof(*o));

	if (o != NULL) {
		memset(o, 0, sizeof(*o));
		o->max_depth = API_MAX_DEPTH;
		o->outline = OUTLINE_AUTO;
	}
	return o;
}

void
ac_read_options_free(ac_read_options *o)
{
	int	 i;

	if (o == NULL)
		return;
	free(o->encoding);
	free(o->filename);
	free(o->fallback_title);
	for (i = 0; i < META__COUNT; i++)
		free(o->meta[i]);
	free(o->levels);
	script_conv_close(o->convert);
	free(o);
}

ac_status
ac_read_options_set_reader(ac_read_options *o, const char *name)
{
	const struct reader	*r = NULL;

	if (o == NULL)
		return AC_ERR_INVALID;
	if (name != NULL && strcmp(name, "auto") != 0 &&
	    (r = reader_find(name)) == NULL)
		return AC_ERR_UNKNOWN_FORMAT;
	o->reader = r;
	return AC_OK;
}

ac_status
ac_read_options_set_encoding(ac_read_options *o, const char *encoding)
{
	return o != NULL ? set_string(&o->encoding, encoding) : AC_ERR_INVALID;
}

ac_status
ac_read_options_set_filename(ac_read_options *o, const char *filename)
{
	return o != NULL ? set_string(&o->filename, filename) : AC_ERR_INVALID;
}

ac_status
ac_read_options_set_fallback_title(ac_read_options *o, const char *title)
{
	return o != NULL ? set_string(&o->fallback_title, title) :
	    AC_ERR_INVALID;
}

ac_status
ac_read_options_set_meta(ac_read_options *o, const char *key,
    const char *value)
{
	int	 k;

	if (o == NULL || key == NULL || (k = meta_key_lookup(key)) < 0)
		return AC_ERR_INVALID;
	return set_string(&o->meta[k], value);
}

ac_status
ac_read_options_set_typography(ac_read_options *o, int repair)
{
	if (o == NULL)
		return AC_ERR_INVALID;
	o->keep_punctuation = !repair;
	return AC_OK;
}

ac_status
ac_read_options_set_max_depth(ac_read_options *o, size_t depth)
{
	if (o == NULL)
		return AC_ERR_INVALID;
	o->max_depth = depth ? depth : API_MAX_DEPTH;
	return AC_OK;
}

ac_render_options *
ac_render_options_new(void)
{
	ac_render_options	*o = alloc_try_malloc(sizeof(*o));

	if (o != NULL) {
		memset(o, 0, sizeof(*o));
		o->ro.bold_leads = 1;
		o->ro.points = POINTS_DEFAULT;
		o->time = AC_TIME_AUTO;
	}
	return o;
}

void
ac_render_options_free(ac_render_options *o)
{
	if (o == NULL)
		return;
	render_opts_free(&o->ro);
	free(o->lang);
	free(o->book_title);
	free(o->resource_base);
	free(o->resource_paths);
	free(o);
}

ac_status
ac_render_options_set_points(ac_render_options *o, ac_points points)
{
	if (o == NULL)
		return AC_ERR_INVALID;
	switch (points) {
	case AC_POINTS_DEFAULT:
		o->ro.points = POINTS_DEFAULT;
		return AC_OK;
	case AC_POINTS_INLINE:
		o->ro.points = POINTS_INLINE;
		return AC_OK;
	case AC_POINTS_SPLIT:
		o->ro.points = POINTS_SPLIT;
		return AC_OK;
	}
	return AC_ERR_INVALID;
}

ac_status
ac_render_options_set_bold_leads(ac_render_options *o, int bold)
{
	if (o == NULL)
		return AC_ERR_INVALID;
	o->ro.bold_leads = bold != 0;
	return AC_OK;
}

/* The writers' options: the generic setters and their older wrappers. */

/* The status for writer_option_set*()'s result rc. */
static ac_status
option_status(int rc)
{
	if (rc == 0)
		return AC_OK;
	return errno == ENOMEM ? AC_ERR_NOMEM : AC_ERR_INVALID;
}

ac_status
ac_render_options_set(ac_render_options *o, const char *name,
    const char *value)
{
	const struct writer_option *opt;

	if (o == NULL || name == NULL ||
	    (opt = writer_option_find(name, NULL)) == NULL ||
	    opt->kind == WOPT_FILE)
		return AC_ERR_INVALID;
	return option_status(writer_option_set(&o->ro, name, value));
}

ac_status
ac_render_options_set_bytes(ac_render_options *o, const char *name,
    const void *bytes, size_t len)
{
	if (o == NULL || name == NULL)
		return AC_ERR_INVALID;
	return option_status(writer_option_set_bytes(&o->ro, name, bytes,
	    len));
}

/* A flag option on (nonzero) or off. */
static ac_status
set_flag(ac_render_options *o, const char *name, int on)
{
	return ac_render_options_set(o, name, on ? "1" : "0");
}

ac_status
ac_render_options_set_wrap(ac_render_options *o, size_t columns)
{
	char	 n[32];

	snprintf(n, sizeof(n), "%zu", columns);
	return ac_render_options_set(o, "wrap", n);
}

ac_status
ac_render_options_set_lang(ac_render_options *o, const char *lang)
{
	ac_status	 st;

	if (o == NULL)
		return AC_ERR_INVALID;
	if ((st = set_string(&o->lang, lang)) == AC_OK)
		o->ro.lang = o->lang;
	return st;
}

ac_status
ac_render_options_set_docx_style(ac_render_options *o, ac_docx_style style)
{
	switch (style) {
	case AC_DOCX_OFFICIAL:
		return ac_render_options_set(o, "docx-style", "official");
	case AC_DOCX_PLAIN:
		return ac_render_options_set(o, "docx-style", "plain");
	}
	return AC_ERR_INVALID;
}

ac_status
ac_render_options_set_toc(ac_render_options *o, int toc)
{
	return set_flag(o, "toc", toc);
}

ac_status
ac_render_options_set_reference_doc(ac_render_options *o, const void *bytes,
    size_t len)
{
	return ac_render_options_set_bytes(o, "reference-doc", bytes, len);
}

ac_status
ac_render_options_set_cover(ac_render_options *o, const void *bytes,
    size_t len)
{
	return ac_render_options_set_bytes(o, "cover", bytes, len);
}

ac_status
ac_render_options_set_images(ac_render_options *o, int embed)
{
	if (o == NULL)
		return AC_ERR_INVALID;
	o->ro.embed_images = embed != 0;
	return AC_OK;
}

ac_status
ac_render_options_set_resource_loader(ac_render_options *o, ac_load_fn load,
    void *ctx)
{
	if (o == NULL)
		return AC_ERR_INVALID;
	o->load = load;
	o->load_ctx = load != NULL ? ctx : NULL;
	return AC_OK;
}

ac_status
ac_render_options_set_time(ac_render_options *o, ac_time_policy policy,
    int64_t seconds)
{
	if (o == NULL)
		return AC_ERR_INVALID;
	switch (policy) {
	case AC_TIME_FIXED:
		if (seconds < 0 || seconds > REPRO_MAX_EPOCH)
			return AC_ERR_INVALID;
		break;
	case AC_TIME_AUTO:
	case AC_TIME_NOW:
		seconds = 0;
		break;
	default:
		return AC_ERR_INVALID;
	}
	o->time = policy;
	o->seconds = seconds;
	return AC_OK;
}

ac_status
ac_render_options_set_book_title(ac_render_options *o, const char *title)
{
	ac_status	 st;

	if (o == NULL)
		return AC_ERR_INVALID;
	if ((st = set_string(&o->book_title, title)) == AC_OK)
		o->ro.collection_title = o->book_title;
	return st;
}

/* --- outline, pictures ---------------------------------------------------- */

ac_status
ac_read_options_set_outline(ac_read_options *o, ac_outline mode)
{
	if (o == NULL)
		return AC_ERR_INVALID;
	switch (mode) {
	case AC_OUTLINE_AUTO:
		o->outline = OUTLINE_AUTO;
		return AC_OK;
	case AC_OUTLINE_NONE:
		o->outline = OUTLINE_NONE;
		return AC_OK;
	}
	return AC_ERR_INVALID;
}

ac_status
ac_read_options_set_levels(ac_read_options *o, const char *levels)
{
	char	 why[160];

	if (o == NULL || (levels != NULL &&
	    outline_levels_check(levels, why, sizeof(why)) != 0))
		return AC_ERR_INVALID;
	return set_string(&o->levels, levels);
}

ac_status
ac_read_options_set_images(ac_read_options *o, int keep)
{
	if (o == NULL)
		return AC_ERR_INVALID;
	o->media = keep != 0;
	return AC_OK;
}

ac_status
ac_render_options_set_vertical(ac_render_options *o, int vertical)
{
	return set_flag(o, "vertical", vertical);
}

ac_status
ac_render_options_set_svg_cover(ac_render_options *o, int svg)
{
	return set_flag(o, "svg-cover", svg);
}

ac_status
ac_render_options_set_html_template(ac_render_options *o, const void *bytes,
    size_t len)
{
	return ac_render_options_set_bytes(o, "template", bytes, len);
}

/* --- the confined resource loader ----------------------------------------- */

ac_status
ac_render_options_set_resource_base(ac_render_options *o, const char *path)
{
	if (o == NULL || (path != NULL && *path == '\0'))
		return AC_ERR_INVALID;
	return set_string(&o->resource_base, path);
}

/*
 * Can dir[0..len) be opened as a folder?  (The render opens it again.)
 * With the flags the render uses (resource.c): a folder that can be
 * searched but not listed serves too.
 */
static int
is_folder(const char *dir, size_t len)
{
	char	*copy;
	int	 fd;

	if ((copy = alloc_try_malloc(len + 1)) == NULL)
		return -1;
	memcpy(copy, dir, len);
	copy[len] = '\0';
#ifdef O_PATH
	fd = open(copy, O_PATH | O_DIRECTORY | O_CLOEXEC);
#else
	fd = open(copy, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
#endif
	free(copy);
	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

ac_status
ac_render_options_add_resource_path(ac_render_options *o, const char *dirs)
{
	const char	*p;
	char		*joined;
	size_t		 n, old;
	int		 rc;

	if (o == NULL)
		return AC_ERR_INVALID;
	if (dirs == NULL) {
		free(o->resource_paths);
		o->resource_paths = NULL;
		return AC_OK;
	}
	for (p = dirs; *p != '\0'; p += n + (p[n] == ':')) {
		n = strcspn(p, ":");
		if (n > 0 && (rc = is_folder(p, n)) <= 0)
			return rc < 0 ? AC_ERR_NOMEM : AC_ERR_IO;
	}
	if (*dirs == '\0')
		return AC_OK;
	old = o->resource_paths != NULL ? strlen(o->resource_paths) : 0;
	n = strlen(dirs);
	if ((joined = alloc_try_malloc(old + 1 + n + 1)) == NULL)
		return AC_ERR_NOMEM;
	if (old > 0) {
		memcpy(joined, o->resource_paths, old);
		joined[old++] = ':';
	}
	memcpy(joined + old, dirs, n + 1);
	free(o->resource_paths);
	o->resource_paths = joined;
	return AC_OK;
}
