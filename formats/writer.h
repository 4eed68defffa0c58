/*
 * The writer interface.  A writer is one constant struct writer in its own
 * file in formats/; formats/registry.c lists them all, and the CLI's -t
 * parsing, --list-formats and --help are built from that list.
 *
 * A writer only reads the tree and fills a buffer: it never touches files
 * (the CLI writes the buffer) and never prints (it reports through diag).
 * The same documents and options must give byte-identical output.
 */
#ifndef ARTCONV_WRITER_H
#define ARTCONV_WRITER_H

#include <stddef.h>
#include <time.h>

#include "io/resource.h"
#include "tree/buf.h"
#include "tree/diag.h"
#include "tree/doc.h"

enum points_mode {
	POINTS_DEFAULT,	/* the writer's own default */
	POINTS_INLINE,	/* a theme's points stay in one paragraph */
	POINTS_SPLIT	/* each point is its own paragraph */
};

/* The most writers the registry may list (registry.c checks it). */
#define WRITERS_MAX 32

struct render_opts {
	enum points_mode	 points;
	int			 bold_leads;	/* points' lead sentences bold */
	const char		*lang;		/* BCP 47 override, or NULL */
	/*
	 * The date written into package metadata and zip entries: from
	 * SOURCE_DATE_EPOCH, else the article's date, else 0 (writers then
	 * use 2000-01-01T00:00:00Z).  Never the clock unless --now.
	 */
	time_t			 timestamp;
	int			 embed_images;	/* --images */
	struct resource_loader	 resources;	/* --images: reads pictures */
	const char		*collection_title; /* --combine book title */
	/*
	 * Each writer's own options (struct writer's options_size bytes),
	 * at the writer's position in writers[]; NULL means its defaults.
	 * Filled by writer_option_set() and freed by render_opts_free();
	 * writers read theirs with writer_options().
	 */
	void			*wopts[WRITERS_MAX];
};

/*
 * One option of one writer: --NAME on the command line, NAME for
 * ac_render_options_set(), a line in --help and a paragraph in the man
 * page, all generated from this table.  The value lives in the writer's
 * own options struct at offset.  A name belongs to one writer only and
 * never clashes with a general option (tests/test_writer_options.c).
 */
enum writer_option_kind {
	WOPT_FLAG,	/* --NAME: an int set to 1 (the API may set 0) */
	WOPT_WORD,	/* --NAME WORD: an int, the index of WORD in words */
	WOPT_NUMBER,	/* --NAME N: a long from min to max, or 0 if zero_ok */
	WOPT_FILE	/* --NAME FILE: a struct slice of the file's bytes */
};

struct writer_option {
	const char		*name;		/* without "--"; NULL ends */
	enum writer_option_kind	 kind;
	const char		*arg;		/* --help's value name ("N") */
	const char		*help;		/* --help text, '\n' between
						   lines of at most 52 columns */
	const char		*man;		/* the man page's paragraph:
						   mdoc lines after .It */
	size_t			 offset;	/* of the value in the options */
	const char *const	*words;		/* WORD: NULL-terminated */
	long			 min, max;	/* NUMBER: the bounds */
	int			 zero_ok;	/* NUMBER: 0 (off) also taken */
	size_t			 max_size;	/* FILE: at most so many bytes */
	/* FILE: 0 if the bytes are acceptable, else -1; NULL takes any. */
	int			(*check)(const char *p, size_t len);
	/*
	 * What a good value is, for messages ("--wrap takes TAKES, not
	 * ..."): needed for NUMBER and FILE with check, generated for WORD.
	 */
	const char		*takes;
};

/*
 * render(): renders ndocs >= 1 documents into out (appending).  With more
 * than one document (--combine) each one is a part of a single book with
 * a table of contents over all of them.  Returns 0, or -1 with the reason
 * in diag.
 */
struct writer {
	const char	*name;		/* -t NAME */
	const char	*extension;	/* of output files, without the dot */
	const char	*description;	/* one line for --help */
	/*
	 * zip: the output is a zip package, not text.  text_parts: where
	 * its text is, space-separated fnmatch(3) patterns of entry names;
	 * the matching XML entries, in the package's order, hold the text
	 * in reading order (tests extract it: tool_preserve, golden.sh).
	 */
	int		 zip;
	const char	*text_parts;
	/*
	 * The writer's own options: the table (NULL or ended by a NULL
	 * name), the size of the struct they fill and its defaults.
	 */
	const struct writer_option *options;
	size_t		 options_size;
	const void	*options_default;
	int		(*render)(const struct doc *const *docs, size_t ndocs,
			    const struct render_opts *opts, struct buf *out,
			    struct diag *diag);
};

/* All writers, in the order --help shows them, NULL-terminated. */
extern const struct writer *const writers[];

/* The writer called name, or NULL. */
const struct writer	*writer_find(const char *name);
/* The writer producing files with extension ext ("md", "epub"), or NULL. */
const struct writer	*writer_for_extension(const char *ext);
/* writers[]'s index of w (which must be registered). */
size_t			 writer_index(const struct writer *w);
/* w's options in opts: the ones set, else w->options_default. */
const void		*writer_options(const struct render_opts *opts,
			    const struct writer *w);
/*
 * The option called name (without "--") and its writer (in *w if w is
 * not NULL), or NULL.
 */
const struct writer_option *writer_option_find(const char *name,
			    const struct writer **w);
/*
 * Sets option name in opts from a string: a flag takes NULL or "1" (on)
 * or "0" (off), a word one of its words, a number its decimal digits; a
 * file option takes bytes, through writer_option_set_bytes().  The
 * writer's options are allocated with its defaults on first use.
 * Returns 0, or -1 with errno EINVAL (unknown name, bad value) or ENOMEM.
 */
int			 writer_option_set(struct render_opts *opts,
			    const char *name, const char *value);
/*
 * Sets file option name to a copy of p[0..len), checked against its
 * max_size and check; p NULL clears it.  Returns 0 or -1 as above.
 */
int			 writer_option_set_bytes(struct render_opts *opts,
			    const char *name, const void *p, size_t len);
/* Frees every writer's options in opts (and the bytes they hold). */
void			 render_opts_free(struct render_opts *opts);
/* The effective points mode: opts->points, or def when it is DEFAULT. */
enum points_mode	 writer_points(const struct render_opts *opts,
			    enum points_mode def);
/* The document language: opts->lang, the document's, or "zh-CN". */
const char		*writer_lang(const struct doc *doc,
			    const struct render_opts *opts);
/*
 * How this build draws the EPUB's generated cover, for --version: "PNG
 * (pango 1.50.12, cairo 1.16.0)", or "SVG (built without cairo and
 * pango)".
 */
const char		*writer_cover_engine(void);
/*
 * The media type of image bytes that every e-book reader and word
 * processor shows ("image/jpeg", "image/png", "image/gif"), or NULL.
 */
const char		*writer_image_type(const char *p, size_t len);

#endif
