/*
 * Private interface of the DOCX reader (src/read_docx*.c); nothing else
 * includes it.
 *
 *   read_docx.c        the reader: sniffing, the package, core
 *                      properties, notes, the article's head, then the
 *                      shared shaping and outline recognition
 *   read_docx_zip.c    the zip, read safely: entry count, names, sizes
 *                      and compression ratios checked before anything is
 *                      inflated; XML parts parsed without DTDs or network
 *   read_docx_style.c  styles.xml and numbering.xml: what a paragraph's
 *                      style says (heading level, bold, numbering) and the
 *                      text of automatic numbers (一、 （一） 1.)
 *   read_docx_body.c   document.xml (and the notes) streamed with
 *                      libxml2's xmlTextReader into blocks
 */
#ifndef ARTCONV_READ_DOCX_INT_H
#define ARTCONV_READ_DOCX_INT_H

#include <stddef.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "tree/buf.h"
#include "tree/diag.h"
#include "tree/doc.h"

#define DX_NS_W	"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DX_NS_W_STRICT	"http://purl.oclc.org/ooxml/wordprocessingml/main"
#define DX_NS_R	\
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define DX_NS_R_STRICT	"http://purl.oclc.org/ooxml/officeDocument/relationships"

/* --- the zip (read_docx_zip.c) ------------------------------------------ */

/* Limits against hostile packages. */
#define DX_MAX_ENTRIES	50000			/* central directory */
#define DX_MAX_MAIN	((zip_uint64_t)256 << 20) /* document.xml */
#define DX_MAX_PART	((zip_uint64_t)64 << 20)  /* other XML parts */
#define DX_MAX_IMAGE	((zip_uint64_t)32 << 20)  /* one image */
#define DX_MAX_TOTAL	((zip_uint64_t)512 << 20) /* all parts read */
#define DX_MAX_RATIO	1100			/* deflate cannot exceed 1032 */

struct dx_zip {
	zip_t		*za;
	zip_source_t	*src;
	zip_uint64_t	 total;		/* uncompressed bytes handed out */
	struct diag	*diag;
};

/*
 * Opens the package data[0..len) after checking the central directory:
 * entry count, names (no absolute paths, no ".." components), methods
 * (stored or deflated) and compression ratios.  Returns 0, or -1 with a
 * one-line reason in diag.
 */
int	 dx_zip_open(struct dx_zip *z, const char *data, size_t len,
	    struct diag *diag);
void	 dx_zip_close(struct dx_zip *z);
/* Does the package hold this part (names compare without case)? */
int	 dx_zip_has(const struct dx_zip *z, const char *name);
/*
 * Reads a whole part into out, refusing more than max bytes.  Returns 0,
 * 1 if the part is absent, or -1 with the reason in diag.
 */
int	 dx_zip_read(struct dx_zip *z, const char *name, zip_uint64_t max,
	    struct buf *out);
/*
 * A streaming XML reader over a part (no DTD loading, no entity
 * substitution, no network), or NULL: absent (*absent set) or with the
 * reason in diag.  Free with dx_xml_close().
 */
struct dx_xml;
struct dx_xml	*dx_xml_open(struct dx_zip *z, const char *name,
		    zip_uint64_t max, int *absent);
xmlTextReaderPtr dx_xml_reader(struct dx_xml *x);
/*
 * Advances like xmlTextReaderRead(): 1 for a node, 0 at the end, -1 on an
 * error (reason in diag: not well-formed, a DTD, too large).  next set
 * skips the current node's subtree.
 */
int		 dx_xml_next(struct dx_xml *x, int skip);
void		 dx_xml_close(struct dx_xml *x);
/*
 * A part parsed whole (small parts: rels, styles, core), or NULL when
 * absent (*absent set) or unusable: then the reason is an error in diag
 * when required, else a warning.
 */
xmlDoc		*dx_xml_parse(struct dx_zip *z, const char *name,
		    int required, int *absent);

/*
 * The part a relationship target names, relative to the folder dir of
 * its source part ("word/"); "../" climbs, "/x" is from the root.
 */
char		*dx_part_name(const char *dir, const char *target);

/* Helpers on parsed parts. */
int		 dx_is(const xmlNode *n, const char *ns, const char *name);
int		 dx_is_w(const xmlNode *n, const char *name);
/* The w:NAME attribute (either namespace), or NULL. */
const char	*dx_w_attr(const xmlNode *n, const char *name);
/* An OOXML on/off value: absent val means on. */
int		 dx_on(const char *val);

/* --- styles and numbering (read_docx_style.c) ---------------------------- */

enum dx_style_kind {
	DXS_OTHER,
	DXS_TITLE,		/* Title, 标题 */
	DXS_SUBTITLE,
	DXS_META,		/* Author, Date, Metadata (pandoc, artconv) */
	DXS_TOC,		/* toc N, TOC Heading: generated contents */
	DXS_QUOTE,		/* Quote, Block Text, 引用 */
	DXS_CAPTION,
	DXS_LIST		/* List Paragraph, 列出段落: an item of a list */
};

/* What a paragraph's or a run's properties say, resolved. */
struct dx_props {
	int	 heading;	/* 1-9, or 0 */
	int	 bold;		/* -1 unset, 0, 1 */
	int	 emph;		/* -1 unset, 0, 1 (w:em dots, w:i) */
	int	 hidden;	/* -1 unset, 0, 1 (w:vanish) */
	int	 num_id;	/* -1 unset, 0 none */
	int	 ilvl;		/* -1 unset */
	enum dx_style_kind kind;
	int	 centered;
};

struct dx_styles;

struct dx_styles *dx_styles_load(struct dx_zip *z, const char *styles_part,
		    const char *numbering_part, struct diag *diag);
void		 dx_styles_free(struct dx_styles *st);
/* Fills p from the paragraph style id (NULL: the default style). */
void		 dx_para_style(const struct dx_styles *st, const char *id,
		    struct dx_props *p);
/* Merges the character style id's run properties into p. */
void		 dx_run_style(const struct dx_styles *st, const char *id,
		    struct dx_props *p);
/*
 * The number of a numbered paragraph (numId, ilvl): advances the
 * counters and appends its text ("一、", "（二）", "1.") with the level's
 * suffix to out.  Returns 1 for a bullet (nothing appended), 0 for a
 * number, -1 when the paragraph has no numbering.
 */
int		 dx_number(struct dx_styles *st, int num_id, int ilvl,
		    struct buf *out);
/* The level a numbering style gives a paragraph style (for w:pStyle
 * links in numbering levels), or -1. */
int		 dx_style_level(const struct dx_styles *st, const char *style,
		    int *num_id);
/* Writes n in the OOXML number format fmt ("chineseCounting", ...). */
void		 dx_format_number(const char *fmt, long n, struct buf *out);

/* --- the body (read_docx_body.c) ---------------------------------------- */

/* A relationship of the main part. */
struct dx_rel {
	char	*id;
	char	*type;		/* last word: "hyperlink", "image" */
	char	*target;	/* as written, or resolved part name */
	int	 external;
};

struct dx_note {
	int		 kind;		/* 0 footnote, 1 endnote */
	int		 id;
	int		 number;	/* [N] in order of reference; 0 unused */
	struct node	*blocks;	/* a NODE_DOCUMENT holder */
};

struct dx_counts {
	size_t	 deleted;	/* w:del runs left out */
	size_t	 inserted;	/* w:ins runs read */
	size_t	 hidden;	/* hidden runs left out */
	size_t	 fields;	/* field results read */
	size_t	 toc;		/* contents paragraphs left out */
	size_t	 textboxes;
	size_t	 images;
	size_t	 images_kept;
	size_t	 placeholders;	/* content-control placeholder text */
	size_t	 symbols;	/* symbol-font characters dropped */
	size_t	 chunks;	/* w:altChunk not read */
	size_t	 comments;	/* comment references */
	size_t	 depth_cut;
};

/* Everything the body walk needs from the package. */
struct dx_ctx {
	struct dx_zip		*zip;
	struct dx_styles	*styles;
	struct dx_rel		*rels;
	size_t			 nrels;
	const char		*main_dir;	/* "word/" */
	struct doc		*doc;		/* for media */
	int			 keep_media;
	struct diag		*diag;
	struct dx_counts	 counts;
	/* notes, numbered in order of first reference */
	struct dx_note		*notes;		/* footnotes then endnotes */
	size_t			 nnotes, capnotes;
	int			 next_number;	/* numbers handed out */
	zip_uint64_t		 media_bytes;
};

/* Paragraph marks a block got from the walk, kept in node->rule. */
#define DX_RULE_STYLE_HEADING	"Word heading style"
#define DX_RULE_OUTLINE_LEVEL	"Word outline level"
#define DX_RULE_TITLE		"Word title style"
#define DX_RULE_SUBTITLE	"Word subtitle style"
#define DX_RULE_META		"Word metadata style"
#define DX_RULE_CENTERED	"Word paragraph, centred"
#define DX_RULE_PARAGRAPH	"Word paragraph"
#define DX_RULE_NUMBERED	"Word paragraph, numbered"
#define DX_RULE_TEXTBOX		"Word text box"
#define DX_RULE_ONE_CELL	"Word one-cell table, read as its paragraphs"
#define DX_RULE_QUOTE		"Word quotation style"
#define DX_RULE_CAPTION		"Word caption style"
#define DX_RULE_LIST_PARA	"Word list paragraph style"

/*
 * Streams the part (document.xml, or footnotes.xml / endnotes.xml with
 * notes set) into blocks under holder.  With notes set, each w:footnote
 * or w:endnote becomes a dx_note (kind 0 footnotes, 1 endnotes).
 * Returns 0, or -1 with the reason in diag.
 */
int	 dx_body_read(struct dx_ctx *cx, const char *part, struct node *holder,
	    int notes, int kind);
/* The relationship with this id, or NULL. */
const struct dx_rel *dx_rel_find(const struct dx_ctx *cx, const char *id);

#endif
