/*
 * Unit tests: the public API (include/artconv.h, src/api.c) and the
 * out-of-memory recovery under it (src/tree/recover.c).  Everything goes
 * through ac_ functions except the allocator's test hooks (alloc.h) and
 * the helpers that read a package back (testutil.h).
 *
 * The out-of-memory test makes the N-th allocation of a whole conversion
 * fail, for every N from 1 to the number of allocations the conversion
 * makes: each run must return AC_ERR_NOMEM (none may swallow the failure
 * or crash), and under AddressSanitizer (make asan) or valgrind (make
 * valgrind) none may leak.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <pthread.h>
#include <time.h>

#define TU_ZIP
#include "io/pngout.h"
#include "io/repro.h"
#include "io/zipout.h"
#include "tree/alloc.h"
#include "artconv.h"
#include "testutil.h"

#define SAMPLE		"fixtures/sample.txt"
#define IMAGE_PAGE	"fixtures/images/page.html"
#define IMAGE		"fixtures/images/red square.png"
#define WORD		"fixtures/word-official.docx"

/* An article dated in the hour New York skips (02:30 there). */
static const char dst_article[] =
    "夏令时测试\n\n2021-03-14 10:30　来源：测试\n\n正文。\n";

/* Reads path with default options; fails the test on error. */
static ac_doc *
read_fixture(const char *path)
{
	ac_doc		*doc = NULL;

	assert_int_equal(ac_read_file(path, NULL, &doc, NULL), AC_OK);
	assert_non_null(doc);
	return doc;
}

/* Renders doc in format; returns the bytes (free them) and *len. */
static char *
render(const ac_doc *doc, const char *format, const ac_render_options *o,
    size_t *len)
{
	ac_buffer	*b = ac_buffer_new();
	char		*bytes;

	assert_non_null(b);
	assert_int_equal(ac_render(doc, format, o, b, NULL), AC_OK);
	bytes = ac_buffer_detach(b, len);
	ac_buffer_free(b);
	return bytes;
}

/* Does diags hold a message of level containing text? */
static int
has_message(const ac_diags *d, ac_level level, const char *text)
{
	size_t	 i;

	for (i = 0; i < ac_diags_count(d); i++)
		if (ac_diags_level(d, i) == level &&
		    strstr(ac_diags_text(d, i), text) != NULL)
			return 1;
	return 0;
}

static void
test_version(void **state)
{
	char	 s[32];

	(void)state;
	assert_string_equal(ac_version(), AC_VERSION_STRING);
	snprintf(s, sizeof(s), "%d.%d.%d", AC_VERSION_MAJOR, AC_VERSION_MINOR,
	    AC_VERSION_PATCH);
	assert_string_equal(s, AC_VERSION_STRING);
	assert_int_equal(AC_VERSION_NUMBER, AC_VERSION_MAJOR << 16 |
	    AC_VERSION_MINOR << 8 | AC_VERSION_PATCH);
}

static void
test_strerror(void **state)
{
	int	 a, b;

	(void)state;
	for (a = AC_OK; a <= AC_ERR_INTERNAL; a++) {
		assert_true(strlen(ac_strerror((ac_status)a)) > 0);
		assert_string_not_equal(ac_strerror((ac_status)a),
		    "unknown error");
		for (b = AC_OK; b < a; b++)
			assert_string_not_equal(ac_strerror((ac_status)a),
			    ac_strerror((ac_status)b));
	}
	assert_string_equal(ac_strerror((ac_status)99), "unknown error");
	assert_string_equal(ac_strerror(AC_ERR_NOMEM), "out of memory");
}

static void
test_formats(void **state)
{
	/* The order of `artconv --list-formats`, and each one's files. */
	static const struct {
		const char	*name, *extension;
		int		 binary;
	} formats[] = {
		{ "txt", "txt", 0 },
		{ "md", "md", 0 },
		{ "epub", "epub", 1 },
		{ "json", "json", 0 },
		{ "docx", "docx", 1 },
		{ "pandoc-json", "pandoc.json", 0 },
		{ "html", "html", 0 },
		{ "html-fragment", "fragment.html", 0 },
	};
	static const char *const reader_names[] = { "text", "html", "md", "docx" };
	const size_t	 nformats = sizeof(formats) / sizeof(formats[0]);
	const size_t	 nreaders = sizeof(reader_names) / sizeof(reader_names[0]);
	const ac_format	*f;
	const ac_reader	*r;
	size_t		 i;

	(void)state;
	assert_int_equal(ac_format_count(), nformats);
	for (i = 0; i < nformats; i++) {
		f = ac_format_at(i);
		assert_string_equal(ac_format_name(f), formats[i].name);
		assert_string_equal(ac_format_extension(f),
		    formats[i].extension);
		assert_ptr_equal(ac_format_find(formats[i].name), f);
		assert_ptr_equal(ac_format_for_extension(
		    ac_format_extension(f)), f);
		assert_true(strlen(ac_format_description(f)) > 0);
		assert_int_equal(ac_format_is_binary(f), formats[i].binary);
	}
	assert_null(ac_format_at(nformats));
	assert_ptr_equal(ac_format_find("DOCX"), ac_format_find("docx"));
	assert_ptr_equal(ac_format_find("Pandoc-JSON"),
	    ac_format_find("pandoc-json"));
	assert_ptr_equal(ac_format_for_extension("markdown"),
	    ac_format_find("md"));
	/* A name is not an extension: pandoc-json writes NAME.pandoc.json. */
	assert_null(ac_format_for_extension("pandoc-json"));
	assert_null(ac_format_find("pdf"));
	assert_null(ac_format_find(NULL));
	assert_null(ac_format_name(NULL));
	assert_int_equal(ac_format_is_binary(NULL), 0);

	assert_int_equal(ac_reader_count(), nreaders);
	for (i = 0; i < ac_reader_count(); i++) {
		r = ac_reader_at(i);
		assert_string_equal(ac_reader_name(r), reader_names[i]);
		assert_ptr_equal(ac_reader_find(ac_reader_name(r)), r);
		assert_true(strlen(ac_reader_extensions(r)) > 0);
		assert_true(strlen(ac_reader_description(r)) > 0);
	}
	assert_ptr_equal(ac_reader_find("txt"), ac_reader_find("text"));
	assert_ptr_equal(ac_reader_find("DOCX"), ac_reader_find("docx"));
	assert_null(ac_reader_at(nreaders));
	assert_null(ac_reader_find("pdf"));

	assert_int_equal(ac_meta_key_count(), 10);
	assert_string_equal(ac_meta_key_at(0), "title");
	assert_string_equal(ac_meta_key_at(3), "date");
	assert_null(ac_meta_key_at(10));
}

static void
test_read_errors(void **state)
{
	ac_diags	*d = ac_diags_new();
	ac_read_options	*o = ac_read_options_new();
	ac_doc		*doc = (ac_doc *)1;

	(void)state;
	assert_int_equal(ac_read("", 0, NULL, &doc, d), AC_ERR_INPUT);
	assert_null(doc);
	assert_true(has_message(d, AC_ERROR, "empty file"));
	assert_int_equal(ac_read(NULL, 3, NULL, &doc, d), AC_ERR_INVALID);
	assert_int_equal(ac_read("abc", 3, NULL, NULL, d), AC_ERR_INVALID);
	assert_int_equal(ac_read_file(NULL, NULL, &doc, d), AC_ERR_INVALID);

	ac_diags_clear(d);
	assert_int_equal(ac_read_file("fixtures/no such file.txt", NULL, &doc,
	    d), AC_ERR_IO);
	assert_null(doc);
	assert_true(has_message(d, AC_ERROR, "no such file.txt"));
	assert_int_equal(ac_read_file("fixtures", NULL, &doc, d), AC_ERR_IO);
	assert_true(has_message(d, AC_ERROR, "is a directory"));

	/* Binary data is refused, not converted. */
	ac_diags_clear(d);
	assert_int_equal(ac_read("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
	    16, NULL, &doc, d), AC_ERR_INPUT);
	assert_int_equal(ac_diags_level(d, ac_diags_count(d) - 1), AC_ERROR);

	assert_int_equal(ac_read_options_set_reader(o, "pdf"),
	    AC_ERR_UNKNOWN_FORMAT);
	assert_int_equal(ac_read_options_set_reader(o, "auto"), AC_OK);
	assert_int_equal(ac_read_options_set_reader(NULL, "md"),
	    AC_ERR_INVALID);
	ac_read_options_free(o);
	ac_diags_free(d);
}

static void
test_render_by_name(void **state)
{
	static const char *const text_formats[] = { "md", "txt", "json" };
	ac_doc		*doc = read_fixture(SAMPLE);
	ac_diags	*d = ac_diags_new();
	ac_buffer	*b = ac_buffer_new();
	char		 path[64], *want, *got;
	size_t		 i, wlen, glen;

	(void)state;
	/* The golden files are the command line's output. */
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "fixtures/sample.expected.%s",
		    text_formats[i]);
		assert_non_null(want = tu_slurp(path, &wlen));
		got = render(doc, text_formats[i], NULL, &glen);
		assert_int_equal(glen, wlen);
		assert_memory_equal(got, want, wlen);
		free(want);
		free(got);
	}
	got = render(doc, "DOCX", NULL, &glen);
	assert_true(glen > 1000 && memcmp(got, "PK\3\4", 4) == 0);
	free(got);

	/* An unknown name: an error, a message, the buffer untouched. */
	assert_int_equal(ac_buffer_append(b, "x", 1), AC_OK);
	assert_int_equal(ac_render(doc, "pdf", NULL, b, d),
	    AC_ERR_UNKNOWN_FORMAT);
	assert_true(has_message(d, AC_ERROR, "pdf"));
	assert_int_equal(ac_buffer_len(b), 1);
	assert_int_equal(ac_render(doc, NULL, NULL, b, d),
	    AC_ERR_UNKNOWN_FORMAT);
	assert_int_equal(ac_render(NULL, "md", NULL, b, d), AC_ERR_INVALID);
	assert_int_equal(ac_render(doc, "md", NULL, NULL, d), AC_ERR_INVALID);
	assert_int_equal(ac_render_book(NULL, 0, "md", NULL, b, d),
	    AC_ERR_INVALID);

	/* Rendering appends. */
	ac_buffer_clear(b);
	assert_int_equal(ac_render(doc, "txt", NULL, b, NULL), AC_OK);
	glen = ac_buffer_len(b);
	assert_int_equal(ac_render(doc, "txt", NULL, b, NULL), AC_OK);
	assert_int_equal(ac_buffer_len(b), 2 * glen);
	assert_memory_equal(ac_buffer_data(b), ac_buffer_data(b) + glen, glen);
	assert_int_equal(ac_buffer_data(b)[2 * glen], '\0');

	ac_buffer_free(b);
	ac_diags_free(d);
	ac_doc_free(doc);
}

static void
test_diagnostics(void **state)
{
	static const char damaged[] = "标题\n\n正文\xff\xfe内容。\n";
	ac_diags	*d = ac_diags_new();
	ac_doc		*doc = NULL;
	size_t		 n;

	(void)state;
	assert_int_equal(ac_diags_count(d), 0);
	assert_int_equal(ac_read_file(SAMPLE, NULL, &doc, d), AC_OK);
	/* Notes say how the article was read, in order. */
	assert_int_equal(ac_diags_level(d, 0), AC_NOTE);
	assert_string_equal(ac_diags_text(d, 0), "reader: text");
	assert_true(has_message(d, AC_NOTE, "punctuation repaired: 80"));
	n = ac_diags_count(d);
	ac_doc_free(doc);

	/* Calls append; a repair is a warning. */
	assert_int_equal(ac_read(damaged, sizeof(damaged) - 1, NULL, &doc, d),
	    AC_OK);
	assert_true(ac_diags_count(d) > n);
	assert_string_equal(ac_diags_text(d, 0), "reader: text");
	assert_true(has_message(d, AC_WARNING, "invalid"));
	ac_doc_free(doc);

	assert_int_equal(ac_diags_level(d, 1000), AC_ERROR);
	assert_null(ac_diags_text(d, 1000));
	assert_null(ac_diags_text(NULL, 0));
	ac_diags_clear(d);
	assert_int_equal(ac_diags_count(d), 0);
	ac_diags_free(d);
	ac_diags_free(NULL);
}

static void
test_options(void **state)
{
	static const char	 untitled[] = "　　只有一段正文，没有标题。\n";
	ac_read_options		*ro = ac_read_options_new();
	ac_render_options	*wo = ac_render_options_new();
	char			*png, *txt;
	size_t			 plen, len;
	ac_doc			*doc = NULL;

	(void)state;
	assert_int_equal(ac_render_options_set_wrap(wo, 5), AC_ERR_INVALID);
	assert_int_equal(ac_render_options_set_wrap(wo, 10001),
	    AC_ERR_INVALID);
	assert_int_equal(ac_render_options_set_wrap(wo, 8), AC_OK);
	assert_int_equal(ac_render_options_set_wrap(wo, 0), AC_OK);
	assert_int_equal(ac_render_options_set_cover(wo, "abc", 3),
	    AC_ERR_INVALID);
	assert_int_equal(ac_render_options_set_cover(wo, "GIF89a......", 12),
	    AC_ERR_INVALID);
	assert_non_null(png = tu_slurp(IMAGE, &plen));
	assert_int_equal(ac_render_options_set_cover(wo, png, plen), AC_OK);
	assert_int_equal(ac_render_options_set_cover(wo, NULL, 0), AC_OK);
	free(png);
	assert_int_equal(ac_render_options_set_time(wo, AC_TIME_FIXED, -1),
	    AC_ERR_INVALID);
	assert_int_equal(ac_render_options_set_time(wo, AC_TIME_FIXED,
	    REPRO_MAX_EPOCH + 1), AC_ERR_INVALID);
	assert_int_equal(ac_render_options_set_time(wo, (ac_time_policy)7, 0),
	    AC_ERR_INVALID);
	assert_int_equal(ac_render_options_set_points(wo, (ac_points)7),
	    AC_ERR_INVALID);
	assert_int_equal(ac_render_options_set_docx_style(wo,
	    (ac_docx_style)7), AC_ERR_INVALID);
	assert_int_equal(ac_render_options_set_toc(NULL, 1), AC_ERR_INVALID);
	assert_int_equal(ac_read_options_set_meta(ro, "colour", "red"),
	    AC_ERR_INVALID);

	/* --keep-punctuation keeps the title's ASCII comma. */
	assert_int_equal(ac_read_options_set_typography(ro, 0), AC_OK);
	assert_int_equal(ac_read_file(SAMPLE, ro, &doc, NULL), AC_OK);
	txt = render(doc, "txt", NULL, &len);
	assert_true(tu_contains(txt, "添彩,齐绘"));
	free(txt);
	ac_doc_free(doc);
	assert_int_equal(ac_read_options_set_typography(ro, 1), AC_OK);
	assert_int_equal(ac_read_file(SAMPLE, ro, &doc, NULL), AC_OK);
	txt = render(doc, "txt", NULL, &len);
	assert_false(tu_contains(txt, "添彩,齐绘"));
	free(txt);
	ac_doc_free(doc);

	/* -M title=… sets, -M source= clears. */
	assert_int_equal(ac_read_options_set_meta(ro, "title", "新标题"),
	    AC_OK);
	assert_int_equal(ac_read_options_set_meta(ro, "source", ""), AC_OK);
	assert_int_equal(ac_read_file(SAMPLE, ro, &doc, NULL), AC_OK);
	assert_string_equal(ac_doc_meta(doc, "title"), "新标题");
	assert_null(ac_doc_meta(doc, "source"));
	assert_null(ac_doc_meta(doc, "colour"));
	assert_non_null(ac_doc_meta(doc, "date"));
	ac_doc_free(doc);

	/* Without the override the article's own title comes back. */
	assert_int_equal(ac_read_options_set_meta(ro, "title", NULL), AC_OK);
	assert_int_equal(ac_read_file(SAMPLE, ro, &doc, NULL), AC_OK);
	assert_string_not_equal(ac_doc_meta(doc, "title"), "新标题");
	ac_doc_free(doc);

	/* A file name gives the title of an article without one. */
	assert_int_equal(ac_read_options_set_filename(ro, "dir/无题.txt"),
	    AC_OK);
	assert_int_equal(ac_read(untitled, sizeof(untitled) - 1, ro, &doc,
	    NULL), AC_OK);
	assert_string_equal(ac_doc_meta(doc, "title"), "无题");
	ac_doc_free(doc);
	assert_int_equal(ac_read_options_set_fallback_title(ro, "备用"),
	    AC_OK);
	assert_int_equal(ac_read(untitled, sizeof(untitled) - 1, ro, &doc,
	    NULL), AC_OK);
	assert_string_equal(ac_doc_meta(doc, "title"), "备用");
	ac_doc_free(doc);

	ac_read_options_free(ro);
	ac_render_options_free(wo);
	ac_read_options_free(NULL);
	ac_render_options_free(NULL);
}

/* Does the EPUB package (taken and freed) carry the modified date? */
static int
epub_modified(char *epub, size_t len, const char *want)
{
	struct tu_pkg	 p;
	char		*opf;
	int		 found;

	tu_pkg_open(&p, epub, len);
	opf = tu_pkg_entry(&p, "OEBPS/content.opf", NULL);
	found = tu_contains(opf, want);
	free(opf);
	tu_pkg_close(&p);
	return found;
}

static void
test_time_policy(void **state)
{
	ac_render_options	*o = ac_render_options_new();
	ac_doc			*doc = read_fixture(SAMPLE), *dst = NULL;
	char			*a, *b, iso[32];
	size_t			 alen, blen;
	time_t			 t;
	struct tm		 tm;

	(void)state;
	unsetenv("SOURCE_DATE_EPOCH");
	/* The default: the article's date. */
	t = repro_article_time((const struct doc *)doc);
	assert_true(t > 0);
	gmtime_r(&t, &tm);
	strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
	a = render(doc, "epub", NULL, &alen);
	assert_true(epub_modified(a, alen, iso));

	/* SOURCE_DATE_EPOCH, or a fixed time, instead. */
	assert_int_equal(ac_render_options_set_time(o, AC_TIME_FIXED,
	    1700000000), AC_OK);
	a = render(doc, "epub", o, &alen);
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	b = render(doc, "epub", NULL, &blen);
	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
	free(b);
	assert_true(epub_modified(a, alen, "2023-11-14T22:13:20Z"));
	setenv("SOURCE_DATE_EPOCH", "not a number", 1);
	b = render(doc, "epub", NULL, &blen);
	assert_true(epub_modified(b, blen, iso));
	unsetenv("SOURCE_DATE_EPOCH");

	/* The host's time zone changes nothing, even for a date it lacks. */
	assert_int_equal(ac_read(dst_article, sizeof(dst_article) - 1, NULL,
	    &dst, NULL), AC_OK);
	setenv("TZ", "UTC", 1);
	tzset();
	a = render(dst, "docx", NULL, &alen);
	setenv("TZ", "America/New_York", 1);
	tzset();
	b = render(dst, "docx", NULL, &blen);
	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
	free(a);
	free(b);
	unsetenv("TZ");
	tzset();

	ac_doc_free(dst);
	ac_doc_free(doc);
	ac_render_options_free(o);
}

struct loads {
	char		*png;
	size_t		 len;
	int		 calls;
	ac_status	 nested;	/* what ac_read() said from inside */
};

static int
load_png(void *ctx, const char *src, ac_buffer *out)
{
	struct loads	*l = ctx;
	ac_doc		*doc = NULL;

	l->calls++;
	l->nested = ac_read("x", 1, NULL, &doc, NULL);
	if (strcmp(src, "red%20square.png") != 0)
		return -1;
	return ac_buffer_append(out, l->png, l->len) == AC_OK ? 0 : -1;
}

static int
load_nothing(void *ctx, const char *src, ac_buffer *out)
{
	(void)src;
	(void)out;
	((struct loads *)ctx)->calls++;
	return -1;
}

/* Does the zip bytes' list of names hold an image's (EPUB, DOCX)? */
static int
has_png_entry(const char *zip, size_t len)
{
	static const char *const names[] = { "images/img001.png",
	    "media/image1.png" };
	size_t	 i, k, n;

	for (k = 0; k < 2; k++) {
		n = strlen(names[k]);
		for (i = 0; i + n <= len; i++)
			if (memcmp(zip + i, names[k], n) == 0)
				return 1;
	}
	return 0;
}

static void
test_loader(void **state)
{
	ac_render_options	*o = ac_render_options_new();
	ac_diags		*d = ac_diags_new();
	ac_doc			*doc = read_fixture(IMAGE_PAGE);
	struct loads		 l;
	ac_buffer		*b = ac_buffer_new();
	char			*epub;
	size_t			 len;

	(void)state;
	memset(&l, 0, sizeof(l));
	assert_non_null(l.png = tu_slurp(IMAGE, &l.len));
	/* Images on, no loader: nothing is loaded. */
	assert_int_equal(ac_render_options_set_images(o, 1), AC_OK);
	epub = render(doc, "epub", o, &len);
	assert_false(has_png_entry(epub, len));
	free(epub);

	assert_int_equal(ac_render_options_set_resource_loader(o, load_png,
	    &l), AC_OK);
	epub = render(doc, "epub", o, &len);
	assert_true(has_png_entry(epub, len));
	free(epub);
	assert_int_equal(l.calls, 1);
	/* A callback cannot start another conversion on its thread. */
	assert_int_equal(l.nested, AC_ERR_BUSY);
	epub = render(doc, "docx", o, &len);
	assert_true(has_png_entry(epub, len));
	free(epub);

	/* Images off: the loader is not called. */
	l.calls = 0;
	assert_int_equal(ac_render_options_set_images(o, 0), AC_OK);
	epub = render(doc, "epub", o, &len);
	assert_false(has_png_entry(epub, len));
	assert_int_equal(l.calls, 0);
	free(epub);

	/* A loader that fails: a warning, the caption stays. */
	assert_int_equal(ac_render_options_set_images(o, 1), AC_OK);
	assert_int_equal(ac_render_options_set_resource_loader(o, load_nothing,
	    &l), AC_OK);
	assert_int_equal(ac_render(doc, "epub", o, b, d), AC_OK);
	assert_int_equal(l.calls, 1);
	assert_true(has_message(d, AC_WARNING, "refused by the resource loader"));
	assert_true(has_message(d, AC_WARNING, "caption only"));

	free(l.png);
	ac_buffer_free(b);
	ac_diags_free(d);
	ac_doc_free(doc);
	ac_render_options_free(o);
}


/* How many lines of s start with prefix. */
static int
count_lines(const char *s, const char *prefix)
{
	size_t	 n = strlen(prefix);
	int	 count = 0;

	for (; s != NULL && *s != '\0'; s = strchr(s, '\n'), s = s ? s + 1 :
	    NULL)
		if (strncmp(s, prefix, n) == 0)
			count++;
	return count;
}

/* Reads SAMPLE with o and renders it as Markdown. */
static char *
sample_md(const ac_read_options *o)
{
	ac_doc	*doc = NULL;
	char	*md;
	size_t	 len;

	assert_int_equal(ac_read_file(SAMPLE, o, &doc, NULL), AC_OK);
	md = render(doc, "md", NULL, &len);
	ac_doc_free(doc);
	return md;
}

/* --outline, --levels, --convert, and a Word file's pictures. */
static void
test_read_outline_convert(void **state)
{
	ac_read_options		*o = ac_read_options_new();
	ac_render_options	*wo = ac_render_options_new();
	ac_diags		*d = ac_diags_new();
	ac_doc			*doc = NULL;
	char			*md, *epub;
	size_t			 len;

	(void)state;
	/* The sample has headings; --outline none keeps the title only. */
	md = sample_md(o);
	assert_true(count_lines(md, "#") > 1);
	free(md);
	assert_int_equal(ac_read_options_set_outline(o, AC_OUTLINE_NONE),
	    AC_OK);
	md = sample_md(o);
	assert_int_equal(count_lines(md, "#"), 1);
	free(md);
	assert_int_equal(ac_read_options_set_outline(o, (ac_outline)7),
	    AC_ERR_INVALID);
	assert_int_equal(ac_read_options_set_outline(NULL, AC_OUTLINE_AUTO),
	    AC_ERR_INVALID);
	assert_int_equal(ac_read_options_set_outline(o, AC_OUTLINE_AUTO),
	    AC_OK);

	/* --levels: the lists the command line refuses, refused. */
	assert_int_equal(ac_read_options_set_levels(o, ",,"), AC_ERR_INVALID);
	assert_int_equal(ac_read_options_set_levels(o, "一、,一、"),
	    AC_ERR_INVALID);
	assert_int_equal(ac_read_options_set_levels(o, "abc"), AC_ERR_INVALID);
	assert_int_equal(ac_read_options_set_levels(NULL, "一、"),
	    AC_ERR_INVALID);
	/* Only 第一章-style markers are headings: the sample has none. */
	assert_int_equal(ac_read_options_set_levels(o, "第一章"), AC_OK);
	md = sample_md(o);
	assert_int_equal(count_lines(md, "#"), 1);
	free(md);
	assert_int_equal(ac_read_options_set_levels(o, NULL), AC_OK);
	md = sample_md(o);
	assert_true(count_lines(md, "#") > 1);
	free(md);

	/* --convert: the text and the language change, -M values not. */
	assert_int_equal(ac_read_options_set_convert(o, "x2y", d),
	    AC_ERR_INVALID);
	assert_true(has_message(d, AC_ERROR, "x2y"));
	assert_int_equal(ac_read_options_set_convert(NULL, "s2t", d),
	    AC_ERR_INVALID);
	assert_int_equal(ac_read_options_set_convert(o, "s2t", d), AC_OK);
	assert_int_equal(ac_read_options_set_meta(o, "author", "张三"), AC_OK);
	assert_int_equal(ac_read(dst_article, sizeof(dst_article) - 1, o,
	    &doc, d), AC_OK);
	assert_string_equal(ac_doc_meta(doc, "title"), "夏令時測試");
	assert_string_equal(ac_doc_meta(doc, "lang"), "zh-Hant");
	assert_string_equal(ac_doc_meta(doc, "author"), "张三");
	ac_doc_free(doc);
	assert_int_equal(ac_read_options_set_convert(o, "none", d), AC_OK);
	assert_int_equal(ac_read(dst_article, sizeof(dst_article) - 1, o,
	    &doc, d), AC_OK);
	assert_string_equal(ac_doc_meta(doc, "title"), "夏令时测试");
	ac_doc_free(doc);

	/* A Word file's pictures: kept when asked, embedded without loader. */
	assert_int_equal(ac_read_options_set_convert(o, NULL, d), AC_OK);
	assert_int_equal(ac_read_options_set_images(NULL, 1), AC_ERR_INVALID);
	assert_int_equal(ac_render_options_set_images(wo, 1), AC_OK);
	assert_int_equal(ac_read_file(WORD, o, &doc, d), AC_OK);
	epub = render(doc, "epub", wo, &len);
	assert_false(has_png_entry(epub, len));
	free(epub);
	ac_doc_free(doc);
	assert_int_equal(ac_read_options_set_images(o, 1), AC_OK);
	assert_int_equal(ac_read_file(WORD, o, &doc, d), AC_OK);
	epub = render(doc, "epub", wo, &len);
	assert_true(has_png_entry(epub, len));
	free(epub);
	/* Images off at the render: captions only all the same. */
	epub = render(doc, "epub", NULL, &len);
	assert_false(has_png_entry(epub, len));
	free(epub);
	ac_doc_free(doc);
	ac_render_options_free(wo);
	ac_diags_free(d);
	ac_read_options_free(o);
}

/* --vertical, --svg-cover, --template. */
static void
test_render_epub_html_options(void **state)
{
	static const char page[] = "<!DOCTYPE html>\n<title>$title$</title>"
	    "\n<main>$body$</main>\n";
	ac_render_options	*o = ac_render_options_new();
	ac_diags		*d = ac_diags_new();
	ac_buffer		*b = ac_buffer_new();
	ac_doc			*doc = read_fixture(SAMPLE);
	struct tu_pkg		 p;
	char			*epub, *opf, *html, *big;
	size_t			 len;

	(void)state;
	assert_int_equal(ac_render_options_set_vertical(o, 1), AC_OK);
	epub = render(doc, "epub", o, &len);
	tu_pkg_open(&p, epub, len);
	opf = tu_pkg_entry(&p, "OEBPS/content.opf", NULL);
	assert_true(tu_contains(opf, "page-progression-direction=\"rtl\""));
	free(opf);
	tu_pkg_close(&p);
	assert_int_equal(ac_render_options_set_vertical(o, 0), AC_OK);
	epub = render(doc, "epub", o, &len);
	tu_pkg_open(&p, epub, len);
	opf = tu_pkg_entry(&p, "OEBPS/content.opf", NULL);
	assert_false(tu_contains(opf, "page-progression-direction=\"rtl\""));
	free(opf);
	tu_pkg_close(&p);

	/* --svg-cover: the generated cover is cover.svg. */
	assert_int_equal(ac_render_options_set_svg_cover(o, 1), AC_OK);
	epub = render(doc, "epub", o, &len);
	tu_pkg_open(&p, epub, len);
	opf = tu_pkg_entry(&p, "OEBPS/content.opf", NULL);
	assert_true(tu_contains(opf, "cover.svg"));
	assert_false(tu_contains(opf, "cover.png"));
	free(opf);
	tu_pkg_close(&p);
	assert_int_equal(ac_render_options_set_vertical(NULL, 1),
	    AC_ERR_INVALID);
	assert_int_equal(ac_render_options_set_svg_cover(NULL, 1),
	    AC_ERR_INVALID);

	/* --template: the page is the caller's; a bad one fails the render. */
	assert_int_equal(ac_render_options_set_html_template(o, page,
	    sizeof(page) - 1), AC_OK);
	html = render(doc, "html", o, &len);
	assert_true(strncmp(html, "<!DOCTYPE html>\n<title>", 23) == 0);
	assert_true(tu_contains(html, "<main>"));
	assert_true(tu_contains(html, "齐绘"));
	free(html);
	assert_int_equal(ac_render_options_set_html_template(o, "$nothing$",
	    9), AC_OK);
	assert_int_equal(ac_render(doc, "html", o, b, d), AC_ERR_RENDER);
	assert_int_equal(ac_buffer_len(b), 0);
	assert_true(has_message(d, AC_ERROR, "template"));
	/* Other formats ignore it. */
	assert_int_equal(ac_render(doc, "md", o, b, d), AC_OK);
	assert_non_null(big = calloc((4 << 20) + 1, 1));
	assert_int_equal(ac_render_options_set_html_template(o, big,
	    (4 << 20) + 1), AC_ERR_INVALID);
	free(big);
	assert_int_equal(ac_render_options_set_html_template(o, NULL, 0),
	    AC_OK);
	html = render(doc, "html", o, &len);
	assert_false(tu_contains(html, "<main>$"));
	free(html);

	ac_doc_free(doc);
	ac_buffer_free(b);
	ac_diags_free(d);
	ac_render_options_free(o);
}

/* The default loader: confined to the article's folder and path folders. */
/* Finds the option called name among the formats'; fails if none. */
static const ac_format *
option_of(const char *name, size_t *i)
{
	const ac_format	*f;
	size_t		 k;

	for (k = 0; (f = ac_format_at(k)) != NULL; k++)
		for (*i = 0; *i < ac_format_option_count(f); (*i)++)
			if (strcmp(ac_format_option_name(f, *i), name) == 0)
				return f;
	fail_msg("no option %s", name);
	return NULL;
}

/*
 * What the command line asks the library besides converting: the cover
 * engine, the options' words, bounds and man page text, checking
 * --levels with its reason, the reason a file cannot be read, standard
 * input's pictures, and releasing the caches.
 */
static void
test_cli_needs(void **state)
{
	ac_diags		*d = ac_diags_new();
	ac_render_options	*o = ac_render_options_new();
	const ac_format		*f;
	ac_doc			*doc = NULL;
	const char		*e = ac_cover_engine(), *t;
	char			*a, *b;
	size_t			 i, alen, blen;

	(void)state;
	assert_true(strncmp(e, "PNG (", 5) == 0 || strncmp(e, "SVG (", 5) == 0);

	f = option_of("docx-style", &i);
	assert_int_equal(ac_format_option_kind(f, i), AC_OPTION_WORD);
	assert_string_equal(ac_format_option_word(f, i, 0), "official");
	assert_string_equal(ac_format_option_word(f, i, 1), "plain");
	assert_null(ac_format_option_word(f, i, 2));
	assert_null(ac_format_option_word(f, i, 99));
	f = option_of("wrap", &i);
	assert_int_equal(ac_format_option_min(f, i), 8);
	assert_int_equal(ac_format_option_max(f, i), 10000);
	assert_non_null(ac_format_option_takes(f, i));
	assert_null(ac_format_option_word(f, i, 0));
	f = option_of("cover", &i);
	assert_int_equal(ac_format_option_min(f, i), 0);
	assert_int_equal(ac_format_option_max(f, i), 32L << 20);
	assert_string_equal(ac_format_option_takes(f, i),
	    "a JPEG or PNG image");
	for (i = 0; i < ac_format_count(); i++) {
		size_t k;

		f = ac_format_at(i);
		for (k = 0; k < ac_format_option_count(f); k++)
			assert_true(strlen(ac_format_option_man(f, k)) > 0);
		assert_null(ac_format_option_man(f, k));
		assert_null(ac_format_option_takes(f, k));
		assert_int_equal(ac_format_option_max(f, k), 0);
	}
	assert_null(ac_format_option_man(NULL, 0));
	assert_null(ac_format_option_word(NULL, 0, 0));
	assert_int_equal(ac_format_option_min(NULL, 0), 0);

	/* --levels: the reason, as a message of its own. */
	assert_int_equal(ac_levels_check("一、,（一）", d), AC_OK);
	assert_int_equal(ac_diags_count(d), 0);
	assert_int_equal(ac_levels_check(",,", d), AC_ERR_INVALID);
	assert_int_equal(ac_diags_count(d), 1);
	assert_int_equal(ac_diags_level(d, 0), AC_ERROR);
	assert_true(strlen(ac_diags_text(d, 0)) > 0);
	assert_int_equal(ac_levels_check(NULL, d), AC_ERR_INVALID);
	ac_diags_clear(d);

	/* A file that cannot be read: "PATH: REASON". */
	assert_int_equal(ac_read_file("no/such/file.txt", NULL, &doc, d),
	    AC_ERR_IO);
	t = ac_diags_text(d, ac_diags_count(d) - 1);
	assert_true(strncmp(t, "no/such/file.txt: ", 18) == 0);
	ac_diags_clear(d);

	/* An article from standard input has no folder to take pictures
	 * from; the warning says so. */
	doc = read_fixture(IMAGE_PAGE);
	assert_int_equal(ac_render_options_set_images(o, 1), AC_OK);
	assert_int_equal(ac_render_options_set_resource_base(o, "-"), AC_OK);
	{
		ac_buffer *out = ac_buffer_new();

		assert_int_equal(ac_render(doc, "epub", o, out, d), AC_OK);
		assert_false(has_png_entry(ac_buffer_data(out),
		    ac_buffer_len(out)));
		assert_true(has_message(d, AC_WARNING, "standard input"));
		ac_buffer_free(out);
	}

	/* The caches go, and come back with the same bytes. */
	a = render(doc, "epub", NULL, &alen);
	ac_cleanup();
	b = render(doc, "epub", NULL, &blen);
	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
	ac_cleanup();
	ac_cleanup();
	free(a);
	free(b);
	ac_doc_free(doc);
	ac_render_options_free(o);
	ac_diags_free(d);
}

static void
test_confined_loader(void **state)
{
	ac_render_options	*o = ac_render_options_new();
	ac_diags		*d = ac_diags_new();
	ac_doc			*doc = read_fixture(IMAGE_PAGE);
	static const char	 outside[] = "<html><title>越界</title><body>"
	    "<p>正文。</p><figure><img src=\"../sample.txt\"><figcaption>图"
	    "</figcaption></figure></body></html>";
	static const char *const formats[] = { "epub", "docx" };
	ac_buffer		*b = ac_buffer_new();
	struct loads		 l;
	char			*out;
	size_t			 len, i;

	(void)state;
	memset(&l, 0, sizeof(l));
	assert_int_equal(ac_render_options_set_images(o, 1), AC_OK);
	assert_int_equal(ac_render_options_set_resource_base(o, ""),
	    AC_ERR_INVALID);
	assert_int_equal(ac_render_options_set_resource_base(NULL, "x"),
	    AC_ERR_INVALID);
	/* The page's folder holds its picture. */
	assert_int_equal(ac_render_options_set_resource_base(o, IMAGE_PAGE),
	    AC_OK);
	for (i = 0; i < 2; i++) {
		out = render(doc, formats[i], o, &len);
		assert_true(has_png_entry(out, len));
		free(out);
	}
	out = render(doc, "html", o, &len);
	assert_true(tu_contains(out, "data:image/png;base64,"));
	free(out);

	/* From another folder it is not found ... */
	assert_int_equal(ac_render_options_set_resource_base(o, SAMPLE),
	    AC_OK);
	assert_int_equal(ac_render(doc, "epub", o, NULL, d), AC_ERR_INVALID);
	out = render(doc, "epub", o, &len);
	assert_false(has_png_entry(out, len));
	free(out);
	/* ... unless a resource path folder has it. */
	assert_int_equal(ac_render_options_add_resource_path(o,
	    "fixtures/no such folder"), AC_ERR_IO);
	assert_int_equal(ac_render_options_add_resource_path(o,
	    "fixtures/no such folder:fixtures/images"), AC_ERR_IO);
	out = render(doc, "epub", o, &len);
	assert_false(has_png_entry(out, len));
	free(out);
	assert_int_equal(ac_render_options_add_resource_path(o,
	    ":fixtures/images:"), AC_OK);
	out = render(doc, "epub", o, &len);
	assert_true(has_png_entry(out, len));
	free(out);
	/* The path folders alone, without an article folder. */
	assert_int_equal(ac_render_options_set_resource_base(o, NULL), AC_OK);
	out = render(doc, "docx", o, &len);
	assert_true(has_png_entry(out, len));
	free(out);
	assert_int_equal(ac_render_options_add_resource_path(o, NULL), AC_OK);
	out = render(doc, "docx", o, &len);
	assert_false(has_png_entry(out, len));
	free(out);

	/* The caller's loader replaces the default one. */
	assert_int_equal(ac_render_options_set_resource_base(o, IMAGE_PAGE),
	    AC_OK);
	assert_int_equal(ac_render_options_set_resource_loader(o, load_nothing,
	    &l), AC_OK);
	out = render(doc, "epub", o, &len);
	assert_false(has_png_entry(out, len));
	assert_int_equal(l.calls, 1);
	free(out);
	assert_int_equal(ac_render_options_set_resource_loader(o, NULL, NULL),
	    AC_OK);
	out = render(doc, "epub", o, &len);
	assert_true(has_png_entry(out, len));
	assert_int_equal(l.calls, 1);
	free(out);

	/* Nothing leaves the folders: a file beside them is refused. */
	ac_doc_free(doc);
	assert_int_equal(ac_read(outside, sizeof(outside) - 1, NULL, &doc,
	    NULL), AC_OK);
	ac_diags_clear(d);
	assert_int_equal(ac_render(doc, "epub", o, b, d), AC_OK);
	assert_true(has_message(d, AC_WARNING, "../sample.txt"));
	assert_true(has_message(d, AC_WARNING, "outside"));
	ac_doc_free(doc);
	ac_buffer_free(b);
	ac_diags_free(d);
	ac_render_options_free(o);
}

/* --- threads ---------------------------------------------------------- */

struct worker {
	const ac_doc	*doc;
	const char	*format;
	const char	*want;
	size_t		 wlen;
	int		 same;
};

static void *
render_many(void *arg)
{
	struct worker	*w = arg;
	ac_buffer	*b;
	int		 i;

	for (i = 0; i < 5; i++) {
		if ((b = ac_buffer_new()) == NULL)
			return NULL;
		if (ac_render(w->doc, w->format, NULL, b, NULL) == AC_OK &&
		    ac_buffer_len(b) == w->wlen &&
		    memcmp(ac_buffer_data(b), w->want, w->wlen) == 0)
			w->same++;
		ac_buffer_free(b);
	}
	return NULL;
}

/* One document rendered by four threads at once gives the same bytes. */
static void
test_threads(void **state)
{
	static const char *const formats[] = { "epub", "docx", "md", "json" };
	ac_doc		*doc = read_fixture(SAMPLE);
	struct worker	 w[4];
	pthread_t	 t[4];
	char		*want[4];
	int		 i;

	(void)state;
	for (i = 0; i < 4; i++) {
		want[i] = render(doc, formats[i], NULL, &w[i].wlen);
		w[i].doc = doc;
		w[i].format = formats[i];
		w[i].want = want[i];
		w[i].same = 0;
	}
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, render_many,
		    &w[i]), 0);
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(w[i].same, 5);
		free(want[i]);
	}
	ac_doc_free(doc);
}

/* --- running out of memory --------------------------------------------- */

/* One conversion: an input, options, the formats to render. */
struct scenario {
	const char	*name;
	const char	*input;		/* a fixture */
	const char	*formats;	/* space-separated */
	int		 reference;	/* DOCX with a reference document */
	int		 book;		/* a book of the input twice */
	int		 images;	/* 1: images through load_png, 2:
					 * through the confined loader */
	int		 more;		/* vertical, SVG cover, a template,
					 * levels, no outline */
};

static const struct scenario scenarios[] = {
	{ "text to docx and md", SAMPLE, "docx md", 0, 0, 0, 0 },
	{ "html to epub and txt", "fixtures/list-tail.html", "epub txt",
	    0, 0, 0, 0 },
	{ "gbk html to json", "fixtures/portal-gbk.html", "json", 0, 0, 0, 0 },
	{ "markdown to md and epub", "fixtures/table.md", "md epub", 0, 0, 0,
	    0 },
	{ "front matter to docx", "fixtures/front-matter.md", "docx", 0, 0, 0,
	    0 },
	{ "docx with a reference document", "fixtures/list-tail.html", "docx",
	    1, 0, 0, 0 },
	{ "book to epub and docx", "fixtures/hidden-seo.html", "epub docx",
	    0, 1, 0, 0 },
	{ "images through a loader", IMAGE_PAGE, "epub docx", 0, 0, 1, 0 },
	{ "images, confined loader", IMAGE_PAGE, "epub docx html", 0, 0, 2,
	    0 },
	{ "vertical, template, levels", SAMPLE, "epub html", 0, 0, 0, 1 },
	{ "no outline, svg cover", "fixtures/table.md", "epub md", 0, 0, 0,
	    2 },
};

struct input {
	char		*bytes;
	size_t		 len;
	char		*reference;	/* a DOCX of our own */
	size_t		 reflen;
	struct loads	 loads;
};

/*
 * Converts as the scenario says; returns the first failure or AC_OK, and
 * the outputs' bytes concatenated in *out (NULL on failure).
 */
static ac_status
run_scenario(const struct scenario *sc, struct input *in, char **out,
    size_t *outlen)
{
	ac_read_options		*ro = ac_read_options_new();
	ac_render_options	*wo = ac_render_options_new();
	ac_diags		*d = ac_diags_new();
	ac_buffer		*b = ac_buffer_new();
	ac_doc			*doc = NULL;
	const ac_doc		*docs[2];
	char			 fmt[16];
	const char		*p = sc->formats;
	ac_status		 st = AC_ERR_NOMEM;
	size_t			 n;

	*out = NULL;
	if (ro == NULL || wo == NULL || d == NULL || b == NULL)
		goto out;
	if ((st = ac_read_options_set_filename(ro, sc->input)) != AC_OK ||
	    (sc->reference && (st = ac_render_options_set_reference_doc(wo,
	    in->reference, in->reflen)) != AC_OK) ||
	    (sc->images && (st = ac_render_options_set_images(wo, 1)) !=
	    AC_OK) ||
	    (sc->images == 1 && (st = ac_render_options_set_resource_loader(wo,
	    load_png, &in->loads)) != AC_OK) ||
	    (sc->images == 2 && ((st = ac_render_options_set_resource_base(wo,
	    "fixtures/list-tail.html")) != AC_OK ||
	    (st = ac_render_options_add_resource_path(wo, "fixtures/images")) !=
	    AC_OK)) ||
	    (sc->more == 1 && ((st = ac_render_options_set_vertical(wo, 1)) !=
	    AC_OK || (st = ac_render_options_set_html_template(wo,
	    "<h1>$title$</h1>\n$toc$\n$body$\n", 30)) != AC_OK ||
	    (st = ac_read_options_set_levels(ro, "一、,（一）")) != AC_OK)) ||
	    (sc->more == 2 && ((st = ac_render_options_set_svg_cover(wo, 1)) !=
	    AC_OK || (st = ac_read_options_set_outline(ro, AC_OUTLINE_NONE)) !=
	    AC_OK)) ||
	    (sc->book && (st = ac_render_options_set_book_title(wo, "合订本")) !=
	    AC_OK))
		goto out;
	if ((st = ac_read(in->bytes, in->len, ro, &doc, d)) != AC_OK)
		goto out;
	docs[0] = docs[1] = doc;
	while (*p != '\0') {
		n = strcspn(p, " ");
		snprintf(fmt, sizeof(fmt), "%.*s", (int)n, p);
		p += n + (p[n] == ' ');
		st = sc->book ? ac_render_book(docs, 2, fmt, wo, b, d) :
		    ac_render(doc, fmt, wo, b, d);
		if (st != AC_OK)
			goto out;
	}
	*out = ac_buffer_detach(b, outlen);
	st = *out != NULL ? AC_OK : AC_ERR_NOMEM;
out:
	ac_doc_free(doc);
	ac_buffer_free(b);
	ac_diags_free(d);
	ac_read_options_free(ro);
	ac_render_options_free(wo);
	return st;
}

static ac_status
convert(const struct scenario *sc, struct input *in, char **out,
    size_t *outlen)
{
	/*
	 * Every run starts cold: the process's caches (zip entries, the PNG
	 * cover's rows) only skip work, but a warm run makes fewer
	 * allocations, so the failure points would no longer line up.
	 */
	zipout_shared_clear();
	pngout_cache_clear();
	return run_scenario(sc, in, out, outlen);
}

/*
 * How many allocation points to try in one scenario: every one.  Under
 * valgrind, which runs this some fifty times slower, every seventh (the
 * sanitizer build still tries them all).
 */
static unsigned long
stride(void)
{
	const char	*p = getenv("LD_PRELOAD");

	return p != NULL && strstr(p, "vgpreload") != NULL ? 7 : 1;
}

/* The process's open descriptors (Linux), or -1 when unknown. */
static int
open_fds(void)
{
	DIR		*dir = opendir("/proc/self/fd");
	int		 n = 0;

	if (dir == NULL)
		return -1;
	while (readdir(dir) != NULL)
		n++;
	closedir(dir);
	return n;
}

static void
test_nomem(void **state)
{
	struct input	 in;
	const struct scenario *sc;
	char		*want, *got;
	size_t		 i, wlen, glen;
	unsigned long	 n, k, tried, total = 0, step = stride();
	ac_doc		*doc;
	ac_status	 st;
	int		 fds = open_fds();

	(void)state;
	memset(&in, 0, sizeof(in));
	assert_non_null(in.loads.png = tu_slurp(IMAGE, &in.loads.len));
	doc = read_fixture(SAMPLE);
	in.reference = render(doc, "docx", NULL, &in.reflen);
	ac_doc_free(doc);
	for (i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
		sc = &scenarios[i];
		assert_non_null(in.bytes = tu_slurp(sc->input, &in.len));
		/* A clean run: its outputs, and how many allocations. */
		k = alloc_count();
		assert_int_equal(convert(sc, &in, &want, &wlen), AC_OK);
		k = alloc_count() - k;
		tried = 0;
		for (n = 1; n <= k; n += step) {
			alloc_fail_at(n);
			if ((st = convert(sc, &in, &got, &glen)) !=
			    AC_ERR_NOMEM)
				fail_msg("%s: allocation %lu of %lu failed, "
				    "yet the conversion reported %s, not "
				    "AC_ERR_NOMEM", sc->name, n, k,
				    ac_strerror(st));
			alloc_fail_at(0);
			assert_null(got);
			tried++;
		}
		/* One past the last: nothing fails, the same bytes. */
		alloc_fail_at(k + 1);
		assert_int_equal(convert(sc, &in, &got, &glen), AC_OK);
		alloc_fail_at(0);
		assert_int_equal(glen, wlen);
		assert_memory_equal(got, want, wlen);
		free(got);
		/*
		 * Warm: the caches that abandoned runs filled must hold only
		 * what outlives a call.  A run fails or gives the same bytes.
		 */
		zipout_shared_clear();
		pngout_cache_clear();
		for (n = 1; n <= k; n += step) {
			alloc_fail_at(n);
			st = run_scenario(sc, &in, &got, &glen);
			alloc_fail_at(0);
			if (st == AC_OK) {
				assert_int_equal(glen, wlen);
				assert_memory_equal(got, want, wlen);
				free(got);
			} else if (st != AC_ERR_NOMEM)
				fail_msg("%s: warm, allocation %lu failed: "
				    "%s", sc->name, n, ac_strerror(st));
		}
		print_message("nomem: %-32s %5lu allocations, %5lu failure "
		    "points tried: all AC_ERR_NOMEM\n", sc->name, k, tried);
		total += tried;
		free(want);
		free(in.bytes);
	}
	print_message("nomem: %lu failure points in %zu conversions\n", total,
	    sizeof(scenarios) / sizeof(scenarios[0]));
	free(in.reference);
	free(in.loads.png);
	/* Abandoned calls closed the folders and files they had open. */
	assert_int_equal(open_fds(), fds);
}

/* The process's shared zip entries are not a leak. */
static int
teardown(void **state)
{
	(void)state;
	zipout_shared_clear();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_strerror),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_read_errors),
		cmocka_unit_test(test_render_by_name),
		cmocka_unit_test(test_diagnostics),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_time_policy),
		cmocka_unit_test(test_loader),
		cmocka_unit_test(test_read_outline_convert),
		cmocka_unit_test(test_render_epub_html_options),
		cmocka_unit_test(test_confined_loader),
		cmocka_unit_test(test_cli_needs),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_nomem),
	};

	return cmocka_run_group_tests(tests, NULL, teardown);
}
