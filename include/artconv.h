/*
 * artconv.h: the artconv library.
 *
 * artconv turns Chinese articles (plain text, saved web pages, Markdown,
 * Word files; UTF-8, GBK/GB18030, Big5 ...) into EPUB, DOCX, HTML,
 * Markdown, plain text, JSON and pandoc's JSON.  A conversion has two steps:
 *
 *   ac_read()    the article's bytes  -> an ac_doc (its structure: title,
 *                                       metadata, headings, points ...)
 *   ac_render()  an ac_doc, by format -> the output's bytes, in an
 *                name ("docx", "md")     ac_buffer
 *
 * and ac_render_book() makes one book of several documents.  The command
 * line `artconv` does exactly this; the same document and options give
 * byte-identical output through either.
 *
 * Conventions, for every function below:
 *
 *   Names.  Everything this header declares starts with ac_ or AC_, and
 *   the library exports nothing else.
 *
 *   Results.  Functions that can fail return an ac_status: AC_OK, or an
 *   error whose text ac_strerror() gives.  On failure they create nothing
 *   (output pointers are set to NULL) and leave the caller's objects as
 *   they were, apart from messages appended to an ac_diags.
 *
 *   Messages.  The library never prints.  What a call has to say (how it
 *   read the article, what it repaired, why it failed) is appended to the
 *   ac_diags the caller passes, which may be NULL to ignore them.
 *
 *   Memory.  Each object is created by one function and freed by its
 *   ac_..._free(), which accepts NULL; pointers into an object (strings
 *   it returns) live as long as the object and are not freed by the
 *   caller.  Running out of memory is an error like any other: the call
 *   returns AC_ERR_NOMEM having released everything it allocated.  The
 *   library never exits or aborts the program.
 *
 *   Threads.  Objects are independent: calls on different objects may run
 *   in parallel.  A document is never changed after ac_read(), so several
 *   threads may render the same document at once, and options objects may
 *   be shared by threads as long as nobody changes them meanwhile.  The
 *   library initialises what it needs (libxml2) itself, once, safely.
 *   A callback the library calls (a resource loader) must not call
 *   ac_read*() or ac_render*() on the same thread: they return AC_ERR_BUSY.
 *
 *   Reproducibility.  Output depends only on the input and the options:
 *   not on the time zone, the locale or the clock (unless asked with
 *   AC_TIME_NOW).  The one date written into EPUB and DOCX packages
 *   follows SOURCE_DATE_EPOCH, else the article's date; see
 *   ac_render_options_set_time().
 *
 * Example (error handling shortened):
 *
 *	ac_doc *doc;
 *	ac_buffer *out = ac_buffer_new();
 *
 *	if (ac_read_file("article.txt", NULL, &doc, NULL) == AC_OK &&
 *	    ac_render(doc, "docx", NULL, out, NULL) == AC_OK)
 *		fwrite(ac_buffer_data(out), 1, ac_buffer_len(out), f);
 *	ac_doc_free(doc);
 *	ac_buffer_free(out);
 */
#ifndef ARTCONV_H
#define ARTCONV_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Marks what the shared library exports (it is built hidden by default). */
#if defined(__GNUC__) && __GNUC__ >= 4
#define AC_EXPORT	__attribute__((visibility("default")))
#else
#define AC_EXPORT
#endif

/* --- version ------------------------------------------------------------ */

/* The version of this header; ac_version() gives the library's. */
#define AC_VERSION_MAJOR	0
#define AC_VERSION_MINOR	1
#define AC_VERSION_PATCH	0
#define AC_VERSION_STRING	"0.1.0"
/* The version as one comparable number: 0xMMmmpp (major, minor, patch). */
#define AC_VERSION_NUMBER	((AC_VERSION_MAJOR << 16) | \
				 (AC_VERSION_MINOR << 8) | AC_VERSION_PATCH)

/* The library's version, "MAJOR.MINOR.PATCH" (a static string). */
AC_EXPORT const char	*ac_version(void);
/*
 * How this build draws the EPUB's generated cover (a static string, for a
 * version message): "PNG (pango 1.50.12, cairo 1.16.0)", or "SVG (built
 * without cairo and pango)".
 */
AC_EXPORT const char	*ac_cover_engine(void);
/*
 * Releases what the library keeps between calls to go faster: the zip
 * entries and cover pieces it shares between renders, and the calling
 * thread's compressor (other threads' go when they exit).  For a program
 * about to end, or one checking for leaks; the library stays usable and
 * keeps them again as it goes.  No other call may be running meanwhile.
 */
AC_EXPORT void		 ac_cleanup(void);

/* --- errors ------------------------------------------------------------- */

typedef enum ac_status {
	AC_OK = 0,
	AC_ERR_NOMEM,		/* out of memory */
	AC_ERR_INVALID,		/* a bad argument: NULL where an object is
				 * needed, a value out of range */
	AC_ERR_UNKNOWN_FORMAT,	/* no reader or output format of that name */
	AC_ERR_IO,		/* a file could not be read */
	AC_ERR_INPUT,		/* the article cannot be converted (empty,
				 * binary, too large, no text) */
	AC_ERR_RENDER,		/* the output cannot be made (a reference
				 * document that is not a DOCX file, ...) */
	AC_ERR_BUSY,		/* called from a callback of a call still
				 * running on this thread */
	AC_ERR_INTERNAL		/* a bug in artconv; please report it */
} ac_status;

/* A short English description of status (a static string). */
AC_EXPORT const char	*ac_strerror(ac_status status);

/* --- messages ----------------------------------------------------------- */

typedef enum ac_level {
	AC_NOTE,		/* how the input was understood */
	AC_WARNING,		/* something was repaired or guessed */
	AC_ERROR		/* why a call failed */
} ac_level;

/* A list of messages; calls append to it, in order. */
typedef struct ac_diags ac_diags;

/* An empty list, or NULL when out of memory. */
AC_EXPORT ac_diags	*ac_diags_new(void);
AC_EXPORT void		 ac_diags_free(ac_diags *diags);
/* Empties the list. */
AC_EXPORT void		 ac_diags_clear(ac_diags *diags);
AC_EXPORT size_t	 ac_diags_count(const ac_diags *diags);
/* The level of message i (0 <= i < count); AC_ERROR when out of range. */
AC_EXPORT ac_level	 ac_diags_level(const ac_diags *diags, size_t i);
/*
 * The text of message i, UTF-8, one line without a final newline, or NULL
 * when out of range.  It stays valid until the list is cleared or freed.
 */
AC_EXPORT const char	*ac_diags_text(const ac_diags *diags, size_t i);

/* --- buffers ------------------------------------------------------------ */

/* A growable run of bytes, for outputs and loaded resources. */
typedef struct ac_buffer ac_buffer;

/* An empty buffer, or NULL when out of memory. */
AC_EXPORT ac_buffer	*ac_buffer_new(void);
AC_EXPORT void		 ac_buffer_free(ac_buffer *buf);
/*
 * The contents: never NULL, followed by a NUL byte (not counted), valid
 * until the buffer is next changed or freed.  Binary formats contain NUL
 * bytes of their own: use ac_buffer_len().
 */
AC_EXPORT const char	*ac_buffer_data(const ac_buffer *buf);
AC_EXPORT size_t	 ac_buffer_len(const ac_buffer *buf);
/* Appends len bytes; AC_OK or AC_ERR_NOMEM (then unchanged). */
AC_EXPORT ac_status	 ac_buffer_append(ac_buffer *buf, const void *data,
			    size_t len);
/* Empties the buffer (keeping its storage). */
AC_EXPORT void		 ac_buffer_clear(ac_buffer *buf);
/*
 * Hands the contents to the caller, who frees them with free(); the
 * buffer is left empty.  *len (if not NULL) receives the length.  NULL
 * when out of memory (an empty buffer owns no storage to hand over).
 */
AC_EXPORT char		*ac_buffer_detach(ac_buffer *buf, size_t *len);

/* --- formats and readers ------------------------------------------------ */

typedef struct ac_format ac_format;	/* an output format (static) */
typedef struct ac_reader ac_reader;	/* an input reader (static) */

/* The output formats, in the order `artconv --help` lists them. */
AC_EXPORT size_t		 ac_format_count(void);
/* Format i (0 <= i < count), or NULL. */
AC_EXPORT const ac_format	*ac_format_at(size_t i);
/* The format called name ("md", "DOCX": any case), or NULL. */
AC_EXPORT const ac_format	*ac_format_find(const char *name);
/* The format writing files ending in .ext ("md", "markdown",
 * "pandoc.json"), or NULL. */
AC_EXPORT const ac_format	*ac_format_for_extension(const char *ext);
AC_EXPORT const char		*ac_format_name(const ac_format *f);
/*
 * The usual file name extension, without the leading dot.  Not always the
 * name: "pandoc-json" writes NAME.pandoc.json, "html-fragment"
 * NAME.fragment.html.
 */
AC_EXPORT const char		*ac_format_extension(const ac_format *f);
/* One line of English for a help text. */
AC_EXPORT const char		*ac_format_description(const ac_format *f);
/* 1 for binary formats (zip packages: EPUB, DOCX), 0 for text. */
AC_EXPORT int			 ac_format_is_binary(const ac_format *f);
/*
 * For a zip format, where its text is: space-separated fnmatch(3)
 * patterns of entry names (EPUB: every .xhtml file in OEBPS/); the XML
 * entries matching them, in the package's order, hold the text in
 * reading order.  NULL for text formats.
 */
AC_EXPORT const char		*ac_format_text_parts(const ac_format *f);

/*
 * A format's own options (`artconv --help` lists them under the format),
 * set with ac_render_options_set() or ac_render_options_set_bytes().
 */
typedef enum ac_option_kind {
	AC_OPTION_NONE,		/* no such option */
	AC_OPTION_FLAG,		/* on or off */
	AC_OPTION_WORD,		/* one of a few words */
	AC_OPTION_NUMBER,	/* a decimal number within bounds */
	AC_OPTION_FILE		/* a file's bytes */
} ac_option_kind;

/* How many options format f has (0 for NULL). */
AC_EXPORT size_t		 ac_format_option_count(const ac_format *f);
/* Option i's name, "wrap" for `--wrap`; NULL if there is no option i. */
AC_EXPORT const char		*ac_format_option_name(const ac_format *f,
				    size_t i);
AC_EXPORT ac_option_kind	 ac_format_option_kind(const ac_format *f,
				    size_t i);
/* The name of its value in the help ("N", "FILE"); NULL for flags. */
AC_EXPORT const char		*ac_format_option_arg(const ac_format *f,
				    size_t i);
/* Its help: English, lines separated by '\n'. */
AC_EXPORT const char		*ac_format_option_help(const ac_format *f,
				    size_t i);
/* Its paragraph in artconv(1): mdoc(7) lines. */
AC_EXPORT const char		*ac_format_option_man(const ac_format *f,
				    size_t i);
/* Word k (from 0) a word option takes; NULL after the last one. */
AC_EXPORT const char		*ac_format_option_word(const ac_format *f,
				    size_t i, size_t k);
/*
 * What a good value is, for a message ("--NAME takes TAKES"): English,
 * such as "a JPEG or PNG image"; NULL where the words or the bounds
 * below say it.
 */
AC_EXPORT const char		*ac_format_option_takes(const ac_format *f,
				    size_t i);
/*
 * The bounds of a number option (0 is also taken where the option says
 * so in its takes), or for a file option 0 and the most bytes it takes;
 * 0 for the others.
 */
AC_EXPORT long			 ac_format_option_min(const ac_format *f,
				    size_t i);
AC_EXPORT long			 ac_format_option_max(const ac_format *f,
				    size_t i);

/* The input readers: "text", "html", "md", "docx". */
AC_EXPORT size_t		 ac_reader_count(void);
AC_EXPORT const ac_reader	*ac_reader_at(size_t i);
/* The reader called name (any case; "txt" is "text"), or NULL. */
AC_EXPORT const ac_reader	*ac_reader_find(const char *name);
AC_EXPORT const char		*ac_reader_name(const ac_reader *r);
/* The file name extensions it claims, space-separated ("md markdown"). */
AC_EXPORT const char		*ac_reader_extensions(const ac_reader *r);
AC_EXPORT const char		*ac_reader_description(const ac_reader *r);

/*
 * The metadata keys of ac_read_options_set_meta() and ac_doc_meta():
 * title subtitle kicker date author publisher source views lang url.
 */
AC_EXPORT size_t	 ac_meta_key_count(void);
/* Key i (0 <= i < count), or NULL. */
AC_EXPORT const char	*ac_meta_key_at(size_t i);

/* --- reading ------------------------------------------------------------ */

/*
 * How to read an article.  A new object holds the command line's
 * defaults; NULL where a function takes one means the defaults too.
 * Setters copy the strings they are given.  They return AC_OK,
 * AC_ERR_INVALID for a NULL object or bad value, AC_ERR_NOMEM, or
 * AC_ERR_UNKNOWN_FORMAT; on error the object is unchanged.
 */
typedef struct ac_read_options ac_read_options;

AC_EXPORT ac_read_options	*ac_read_options_new(void);
AC_EXPORT void			 ac_read_options_free(ac_read_options *o);
/* The reader by name (ac_reader_find()); NULL or "auto": detect it from
 * the content and the file name (the default). */
AC_EXPORT ac_status	 ac_read_options_set_reader(ac_read_options *o,
			    const char *name);
/* The input's encoding, any name iconv knows ("GBK", "big5"); NULL:
 * detect it (the default). */
AC_EXPORT ac_status	 ac_read_options_set_encoding(ac_read_options *o,
			    const char *encoding);
/*
 * The input's file name, for detecting the reader from its extension and
 * as the title of an article that has none (the name without folder and
 * extension).  ac_read_file() sets it from its path.  NULL: none.
 */
AC_EXPORT ac_status	 ac_read_options_set_filename(ac_read_options *o,
			    const char *filename);
/* The title of an article that has none, before the file name; NULL: none. */
AC_EXPORT ac_status	 ac_read_options_set_fallback_title(
			    ac_read_options *o, const char *title);
/*
 * Overrides metadata key (ac_meta_key_at()) with value, as `artconv -M
 * key=value` does; "" removes what the article says, NULL drops the
 * override.  AC_ERR_INVALID for an unknown key.
 */
AC_EXPORT ac_status	 ac_read_options_set_meta(ac_read_options *o,
			    const char *key, const char *value);
/* 1 (the default): repair ASCII punctuation in Chinese text; 0: keep it
 * as written (`--keep-punctuation`). */
AC_EXPORT ac_status	 ac_read_options_set_typography(ac_read_options *o,
			    int repair);
/* The nesting depth beyond which HTML and Markdown are flattened; 0 is
 * the default, 128. */
AC_EXPORT ac_status	 ac_read_options_set_max_depth(ac_read_options *o,
			    size_t depth);

/* How headings, lists and points are recognised in plain paragraphs. */
typedef enum ac_outline {
	AC_OUTLINE_AUTO,	/* recognise them (the default) */
	AC_OUTLINE_NONE		/* paragraphs only (`--outline none`) */
} ac_outline;

/* The outline mode: `--outline`.  AC_ERR_INVALID for another value. */
AC_EXPORT ac_status	 ac_read_options_set_outline(ac_read_options *o,
			    ac_outline mode);
/*
 * The heading levels, as `--levels` takes them: markers such as
 * "一、,（一）,1." separated by commas (ASCII or full-width) or spaces,
 * level 1 first; paragraphs starting with one of them are headings of its
 * level, and no others.  NULL (the default): recognise them.
 * AC_ERR_INVALID for a list artconv would refuse (an empty or repeated
 * marker, say); the object is then unchanged.
 */
AC_EXPORT ac_status	 ac_read_options_set_levels(ac_read_options *o,
			    const char *levels);
/*
 * Whether ac_read_options_set_levels() takes levels: AC_OK, or
 * AC_ERR_INVALID with the reason appended to diags (which may be NULL);
 * AC_ERR_INVALID for NULL.
 */
AC_EXPORT ac_status	 ac_levels_check(const char *levels,
			    ac_diags *diags);
/*
 * Converts the article between Simplified and Traditional Chinese with
 * OpenCC, as `--convert` does: name is one of s2t t2s s2tw tw2s s2hk hk2s
 * s2twp tw2sp; NULL or "none" (the default): no conversion.  The text and
 * the text metadata are converted, never addresses, file names or dates,
 * and the document's language becomes the target's (zh-Hant, zh-TW ...);
 * values given with ac_read_options_set_meta() are kept as given.
 * OpenCC's dictionaries are loaded here, once per options object (this
 * takes a while), and shared by every read using it, also from several
 * threads.  AC_ERR_INVALID for an unknown name or a configuration OpenCC
 * cannot load, with the reason appended to diags (which may be NULL);
 * AC_ERR_NOMEM.  On error the object is unchanged.
 */
AC_EXPORT ac_status	 ac_read_options_set_convert(ac_read_options *o,
			    const char *name, ac_diags *diags);
/*
 * 1: a Word file's own pictures are kept in the document, so that a
 * render with ac_render_options_set_images() embeds them (the command
 * line does this under `--images`); 0 (the default): their captions only.
 * Other readers refer to pictures by file name and ignore this.
 */
AC_EXPORT ac_status	 ac_read_options_set_images(ac_read_options *o,
			    int keep);

/* An article read into its structure; immutable. */
typedef struct ac_doc ac_doc;

/*
 * Reads the article in data[0..len) (at most 1 GiB).  On AC_OK *doc is a
 * new document for the caller to free with ac_doc_free(); on error *doc
 * is NULL and diags says why (AC_ERR_INPUT: empty, binary, no text ...).
 * opts may be NULL (defaults).  data is not kept.
 */
AC_EXPORT ac_status	 ac_read(const void *data, size_t len,
			    const ac_read_options *opts, ac_doc **doc,
			    ac_diags *diags);
/*
 * Reads the article in the file at path, as ac_read() with the file name
 * set from path.  AC_ERR_IO if the file cannot be read: the error
 * appended to diags is then "PATH: REASON", path as given.
 */
AC_EXPORT ac_status	 ac_read_file(const char *path,
			    const ac_read_options *opts, ac_doc **doc,
			    ac_diags *diags);
AC_EXPORT void		 ac_doc_free(ac_doc *doc);
/*
 * The document's metadata value for key (ac_meta_key_at()), UTF-8, or
 * NULL when unknown.  Dates are "YYYY-MM-DD" or "YYYY-MM-DD HH:MM".
 */
AC_EXPORT const char	*ac_doc_meta(const ac_doc *doc, const char *key);

/* --- rendering ---------------------------------------------------------- */

/* How inline points (一是…二是…) are laid out. */
typedef enum ac_points {
	AC_POINTS_DEFAULT,	/* each format's own default */
	AC_POINTS_INLINE,	/* one paragraph, as written */
	AC_POINTS_SPLIT		/* one paragraph per point */
} ac_points;

typedef enum ac_docx_style {
	AC_DOCX_OFFICIAL,	/* GB/T 9704 official document (default) */
	AC_DOCX_PLAIN		/* a clean modern document */
} ac_docx_style;

/* Which date EPUB and DOCX packages carry. */
typedef enum ac_time_policy {
	AC_TIME_AUTO,		/* SOURCE_DATE_EPOCH if set, else the
				 * article's date (the newest one for a
				 * book), else 2000-01-01 (the default) */
	AC_TIME_FIXED,		/* the seconds given (since 1970, UTC) */
	AC_TIME_NOW		/* the clock: output changes at each call */
} ac_time_policy;

/*
 * Loads a resource a document refers to (an image's src) into out with
 * ac_buffer_append(), for ac_render_options_set_images().  Returns 0, or
 * -1 if it cannot (the output then keeps the image's caption only).  It
 * runs on the rendering thread, may be called from several threads at
 * once when several renders share it, and must not call ac_read*() or
 * ac_render*().  src is untrusted input: a loader decides what it may
 * read (a folder it confines reads to, say).
 */
typedef int (*ac_load_fn)(void *ctx, const char *src, ac_buffer *out);

/*
 * How to render.  A new object holds the command line's defaults; NULL
 * where a function takes one means the defaults too.  Setters return as
 * for ac_read_options.
 */
typedef struct ac_render_options ac_render_options;

AC_EXPORT ac_render_options	*ac_render_options_new(void);
AC_EXPORT void			 ac_render_options_free(
				    ac_render_options *o);
/*
 * Sets the format option called name (ac_format_option_name(); an option
 * belongs to one format and only changes its output) as the command
 * line's --NAME VALUE would: a flag takes NULL or "1" (on) or "0" (off),
 * a word option one of its words, a number option decimal digits within
 * its bounds.  AC_ERR_INVALID for an unknown name, a file option or a
 * bad value (the option is then unchanged).
 */
AC_EXPORT ac_status	 ac_render_options_set(ac_render_options *o,
			    const char *name, const char *value);
/*
 * Sets the file option called name to bytes[0..len) (copied), checked as
 * the command line checks the file's contents (size, type); NULL clears
 * it.  AC_ERR_INVALID for an unknown name, an option that is not a file
 * option, or bytes it refuses.
 */
AC_EXPORT ac_status	 ac_render_options_set_bytes(ac_render_options *o,
			    const char *name, const void *bytes, size_t len);
/* Inline points: `--points`. */
AC_EXPORT ac_status	 ac_render_options_set_points(ac_render_options *o,
			    ac_points points);
/* 1 (the default): points' lead sentences in bold; 0: plain (`--leads`). */
AC_EXPORT ac_status	 ac_render_options_set_bold_leads(
			    ac_render_options *o, int bold);
/* txt: wrap at columns (8 to 10000; CJK characters count two); 0: do not
 * wrap (the default).  As ac_render_options_set(o, "wrap", ...). */
AC_EXPORT ac_status	 ac_render_options_set_wrap(ac_render_options *o,
			    size_t columns);
/* The language tag written into the outputs ("zh-TW"); NULL: the
 * document's, detected when read (the default). */
AC_EXPORT ac_status	 ac_render_options_set_lang(ac_render_options *o,
			    const char *lang);
/* DOCX layout: `--docx-style`. */
AC_EXPORT ac_status	 ac_render_options_set_docx_style(
			    ac_render_options *o, ac_docx_style style);
/* 1: DOCX starts with a table of contents (`--toc`); 0 (default): not. */
AC_EXPORT ac_status	 ac_render_options_set_toc(ac_render_options *o,
			    int toc);
/*
 * DOCX takes its styles, fonts and page set-up from the Word file in
 * bytes[0..len) (`--reference-doc`), copied; NULL: none (the default).
 * Bytes that are not a zip package, or more than 64 MiB, are
 * AC_ERR_INVALID, as on the command line; a zip package that is not a
 * DOCX file fails the render with AC_ERR_RENDER.
 */
AC_EXPORT ac_status	 ac_render_options_set_reference_doc(
			    ac_render_options *o, const void *bytes,
			    size_t len);
/* EPUB cover image, JPEG or PNG of at most 32 MiB, in bytes[0..len)
 * (copied); anything else is AC_ERR_INVALID.  NULL: none (the default). */
AC_EXPORT ac_status	 ac_render_options_set_cover(ac_render_options *o,
			    const void *bytes, size_t len);
/*
 * 1: EPUB, DOCX and HTML embed the images a document refers to, loaded as
 * described below; 0 (the default): captions only (`--images`).
 */
AC_EXPORT ac_status	 ac_render_options_set_images(ac_render_options *o,
			    int embed);
/*
 * Where images are loaded from.  With images on (above), each picture a
 * document refers to is looked for:
 *   1. among the document's own pictures (a Word file read with
 *      ac_read_options_set_images());
 *   2. then through the caller's loader, if one is set;
 *   3. else through the default loader, which is artconv's: confined to
 *      the folder of the article (the resource base) with the folders
 *      below it, and to the resource path folders.  It reads no URL (no
 *      http:, file:, data: ...), no path whose ".." or absolute form leaves
 *      those folders, no symbolic link that leads out of the folder it is
 *      met in, nothing but regular files of at most 32 MiB.  With neither
 *      a base nor a path folder it loads nothing.
 * A picture that cannot be loaded keeps its caption, with a warning
 * naming it and the reason.
 */
/* The caller's resource loader and its context, used instead of the
 * default one; NULL load: the default loader (the default). */
AC_EXPORT ac_status	 ac_render_options_set_resource_loader(
			    ac_render_options *o, ac_load_fn load,
			    void *ctx);
/*
 * The path of the article file whose folder the default loader reads
 * from, as artconv reads from its input's folder: relative references
 * ("photo.jpg", "page_files/a.png") are taken from that folder.  A
 * relative path is taken from the current folder at each render.  "-"
 * is an article read from standard input: no article folder, and a
 * picture the default loader cannot find says so.  NULL (the default):
 * no article folder; "" is AC_ERR_INVALID.  The folder is
 * opened at each render; one that cannot be opened then loads nothing.
 */
AC_EXPORT ac_status	 ac_render_options_set_resource_base(
			    ac_render_options *o, const char *path);
/*
 * Adds folders that the default loader also reads from, as
 * `--resource-path` does: dirs is one folder or several separated by ':'
 * (empty parts are skipped).  A reference not found in the article's
 * folder is looked up in each folder in the order added; ".." may lead
 * from the article's folder into one of them.  AC_ERR_IO if a folder
 * cannot be opened (nothing is added then); NULL removes every folder
 * added.  A folder that cannot be opened any more at a render is a
 * warning of that render.
 */
AC_EXPORT ac_status	 ac_render_options_add_resource_path(
			    ac_render_options *o, const char *dirs);
/*
 * The date written into EPUB and DOCX packages (metadata, zip entries):
 * AC_TIME_AUTO (the default; seconds ignored), AC_TIME_FIXED with
 * seconds since 1970-01-01T00:00:00Z (0 to 253402300799), AC_TIME_NOW.
 */
AC_EXPORT ac_status	 ac_render_options_set_time(ac_render_options *o,
			    ac_time_policy policy, int64_t seconds);
/*
 * The title of a book made by ac_render_book() (artconv --combine uses the
 * output's file name).  NULL (the default): none; the book is then headed
 * by its articles' own titles (EPUB and DOCX take the first one's).
 */
AC_EXPORT ac_status	 ac_render_options_set_book_title(
			    ac_render_options *o, const char *title);

/*
 * 1: EPUB in vertical text (竖排, `--vertical`): columns and pages from
 * right to left; 0 (the default): horizontal.  Other formats ignore it.
 */
AC_EXPORT ac_status	 ac_render_options_set_vertical(
			    ac_render_options *o, int vertical);
/*
 * 1: the EPUB's generated cover (a book without a cover image) is SVG,
 * whose bytes do not depend on the fonts installed (`--svg-cover`); 0
 * (the default): a PNG drawn with the installed fonts where the library
 * was built with cairo and pango, else SVG.
 */
AC_EXPORT ac_status	 ac_render_options_set_svg_cover(
			    ac_render_options *o, int svg);
/*
 * The page around the article for "html", in bytes[0..len) (copied; at
 * most 4 MiB, else AC_ERR_INVALID), as `--template FILE`: UTF-8 HTML with
 * $title$, $body$, $toc$ ... (see artconv(1)).  A template artconv
 * refuses fails the render with AC_ERR_RENDER, diags saying why.  NULL
 * (the default): artconv's own page.  Other formats ignore it.
 */
AC_EXPORT ac_status	 ac_render_options_set_html_template(
			    ac_render_options *o, const void *bytes,
			    size_t len);

/*
 * Renders doc in the named format (ac_format_find()) and appends the
 * bytes to out.  AC_ERR_UNKNOWN_FORMAT for an unknown name; AC_ERR_RENDER
 * when the output cannot be made (diags says why).  opts may be NULL.  On
 * error out is unchanged.
 */
AC_EXPORT ac_status	 ac_render(const ac_doc *doc, const char *format,
			    const ac_render_options *opts, ac_buffer *out,
			    ac_diags *diags);
/*
 * Renders docs[0..ndocs) as one book (`artconv --combine`), each document
 * a part with its own title, under one table of contents, in the order
 * given.  As ac_render() otherwise; ndocs must be at least 1.
 */
AC_EXPORT ac_status	 ac_render_book(const ac_doc *const *docs,
			    size_t ndocs, const char *format,
			    const ac_render_options *opts, ac_buffer *out,
			    ac_diags *diags);

#ifdef __cplusplus
}
#endif

#endif
