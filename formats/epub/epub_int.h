/*
 * Internal interfaces of the EPUB writer, shared by formats/epub/epub.c (the
 * tree to XHTML and the container), epub_pkg.c (package document, nav,
 * NCX, stylesheet), epub_cover.c and cover_png.c (the generated cover,
 * cover.h) and epub_id.c (the identifier).  Nothing here is used outside
 * formats/epub*.c and formats/cover*.c.
 */
#ifndef ARTCONV_EPUB_INT_H
#define ARTCONV_EPUB_INT_H

#include <stddef.h>

#include "common.h"
#include "cover.h"

/* One XHTML document of the spine, in spine order. */
struct epub_part {
	char		 name[64];	/* file name in OEBPS/, ASCII */
	char		 id[48];	/* manifest id */
	const char	*props;		/* manifest properties, or NULL */
	struct buf	 text;		/* the complete document */
};

/* One entry of the table of contents, in reading order. */
struct epub_tocent {
	int		 depth;		/* 1 = top; grows by at most 1 */
	char		*href;		/* "ch01.xhtml#a3" */
	char		*label;		/* never empty */
};

/* An embedded image. */
struct epub_image {
	char		*src;		/* as the document refers to it */
	char		 name[32];	/* "images/img001.png" */
	const char	*type;		/* media type */
	struct buf	 data;
};

/* Everything the package files describe. */
struct epub_book {
	const struct doc *const	*docs;
	size_t			 ndocs;
	const char		*title;		/* book title, never empty */
	const char		*lang;		/* BCP 47, checked */
	const char		*uuid;		/* without "urn:uuid:" */
	const char		*modified;	/* YYYY-MM-DDThh:mm:ssZ */
	const char		*cover_name;	/* "cover.svg", "cover.jpg" */
	const char		*cover_type;	/* its media type */
	const struct epub_part	*parts;
	size_t			 nparts;
	size_t			 body;		/* first lead/chapter part,
						   or nparts if none */
	const struct epub_tocent *toc;
	size_t			 ntoc;		/* >= 1 */
	const struct epub_image	*images;
	size_t			 nimages;
	int			 vertical;	/* pages turn right to left */
};

/*
 * Writes the book's name-based UUID (version 5) into out as
 * "xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx": a hash of the documents'
 * metadata (not the view count or language) and whole trees, and of coll
 * when there are several documents.  Same content, same id.
 */
void	 epub_book_id(const struct doc *const *docs, size_t ndocs,
	    const char *coll, char out[37]);
/*
 * The most body a spine document may hold, in bytes: older reading
 * engines refuse XHTML files over about 300 KB.
 */
#define EPUB_PART_MAX	(256 * 1024)
/*
 * Cuts every part of parts[0..*nparts) but the nav document that is
 * larger than EPUB_PART_MAX into documents of at most that much body
 * (plus head and closing tags), "ch01.xhtml", "ch01-2.xhtml", ..., in
 * spine order; see epub_split.c for where.  *cap is the array's room,
 * *body the index of the first body part (moved along); toc hrefs to
 * anchors that moved into a later piece are rewritten.
 */
void	 epub_split_parts(struct epub_part **parts, size_t *nparts,
	    size_t *cap, size_t *body, struct epub_tocent *toc, size_t ntoc);
/*
 * Opens a cover SVG of COVER_W x COVER_H: the XML declaration, <svg> with
 * its size and xml:lang, and <title> holding title[0..len), escaped.
 */
void	 epub_cover_svg_start(struct buf *b, const char *lang,
	    const char *title, size_t len);
/*
 * The vertical cover (--vertical): the same text in columns from right to
 * left, each character placed by the code (see epub_vertical.c).
 */
void	 epub_cover_svg_vertical(struct buf *b, const char *lang,
	    const struct epub_cover *c);
/*
 * --vertical: rewrites a finished XHTML document for vertical text: curly
 * quotes become the corner brackets of lang's convention, numbers of one
 * or two digits in the body text get <span class="tcy">.
 */
void	 epub_verticalize(struct buf *xhtml, const char *lang);
/* Only the quotes, in plain text (same length in bytes). */
void	 epub_verticalize_text(struct buf *text, const char *lang);
/* Appends the package document, the nav document and the NCX. */
void	 epub_opf(const struct epub_book *bk, struct buf *b);
void	 epub_nav(const struct epub_book *bk, struct buf *b);
void	 epub_ncx(const struct epub_book *bk, struct buf *b);
/*
 * Is tag a well-formed BCP 47 tag as far as EPUBCheck looks: subtags of
 * 1-8 letters or digits joined by hyphens, the first all letters?
 */
int		 epub_lang_ok(const char *tag);
/* The file extension for a writer_image_type() ("jpg", "png", "gif"). */
const char	*epub_image_ext(const char *type);
/* Appends the XHTML prologue up to and including <body class="...">. */
void	 epub_xhtml_start(struct buf *b, const char *lang, const char *title,
	    const char *bodyclass);

/* The stylesheet (style.css) and META-INF files, NUL-terminated. */
extern const char	 epub_css[];
/* Appended to the stylesheet for --vertical. */
extern const char	 epub_css_vertical[];
extern const char	 epub_container_xml[];
extern const char	 epub_apple_options[];

/* The EPUB writer's own options (its table is in epub.c). */
struct epub_options {
	struct slice	 cover;		/* --cover: JPEG or PNG bytes */
	int		 svg_cover;	/* --svg-cover: generated cover SVG */
	int		 vertical;	/* --vertical: 竖排 */
};

extern const struct writer writer_epub;

#endif
