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

enum docx_style {
	DOCX_OFFICIAL,	/* GB/T 9704-2012 official document layout */
	DOCX_PLAIN	/* clean modern document for screen reading */
};

struct render_opts {
	enum points_mode	 points;
	int			 bold_leads;	/* points' lead sentences bold */
	size_t			 wrap;		/* txt: columns; 0 = no wrap */
	const char		*lang;		/* BCP 47 override, or NULL */
	/*
	 * The date written into package metadata and zip entries: from
	 * SOURCE_DATE_EPOCH, else the article's date, else 0 (writers then
	 * use 2000-01-01T00:00:00Z).  Never the clock unless --now.
	 */
	time_t			 timestamp;
	enum docx_style		 docx_style;
	int			 toc;		/* docx: emit a TOC field */
	struct slice		 reference_doc;	/* docx: --reference-doc bytes */
	struct slice		 cover;		/* epub: --cover image bytes */
	const char		*cover_type;	/* its media type */
	int			 svg_cover;	/* epub: generated cover as SVG
						   only, not PNG */
	int			 embed_images;	/* --images */
	struct resource_loader	 resources;	/* --images: reads pictures */
	const char		*collection_title; /* --combine book title */
	int			 vertical;	/* --vertical: 竖排 (EPUB) */
	struct slice		 html_template;	/* html: --template bytes */
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
	int		 binary;	/* zip container, not text */
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
