/*
 * Private interface of the DOCX writer (formats/docx*.c); nothing outside
 * those files includes it.
 *
 *   docx.c          the writer: document.xml from the tree, the package
 *   docx_styles.c   the two layouts (official, plain): page set-up, the
 *                   style table, styles.xml, fontTable, settings, footers
 *   docx_ref.c      --reference-doc: styles, theme, fonts and page set-up
 *                   taken from a user's Word file
 *   docx_pkg.c      the package parts, the zip, image headers
 *
 * Paragraphs and runs refer to styles by role; a role's style id is ours
 * ("Heading1") or, with a reference document, whatever id the user's file
 * gives the style of the same w:name ("1", "Titre1").
 */
#ifndef ARTCONV_DOCX_INT_H
#define ARTCONV_DOCX_INT_H

#include <stddef.h>

#include "writer.h"

#define DOCX_NS_W \
	"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOCX_NS_R \
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define DOCX_REL_BASE \
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define DOCX_CT_BASE \
	"application/vnd.openxmlformats-officedocument.wordprocessingml."
#define DOCX_XML_DECL \
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* Deepest heading level: the tree's 6, plus one when --combine shifts. */
#define DOCX_MAX_LEVEL 7

enum docx_style {
	DOCX_OFFICIAL,	/* GB/T 9704-2012 official document layout */
	DOCX_PLAIN	/* clean modern document for screen reading */
};

/* The DOCX writer's own options (its table is in docx.c). */
struct docx_options {
	int		 style;		/* --docx-style: enum docx_style */
	int		 toc;		/* --toc: emit a TOC field */
	struct slice	 reference_doc;	/* --reference-doc bytes */
};

extern const struct writer writer_docx;

enum docx_role {
	/* paragraph styles */
	ROLE_NORMAL,
	ROLE_TITLE,
	ROLE_SUBTITLE,
	ROLE_META,		/* the date/source line under the title */
	ROLE_HEADING,		/* heading 1; heading N is ROLE_HEADING + N-1 */
	ROLE_QUOTE = ROLE_HEADING + DOCX_MAX_LEVEL,
	ROLE_LIST,		/* a list item with its literal label */
	ROLE_TABLE_TEXT,	/* paragraphs in table cells */
	ROLE_FIGURE,		/* the paragraph holding an image */
	ROLE_CAPTION,
	ROLE_RULE,		/* thematic break: an empty bordered paragraph */
	ROLE_TOC_HEADING,
	ROLE_TOC,		/* toc 1; toc N is ROLE_TOC + N-1 */
	ROLE_FOOTER = ROLE_TOC + 3,
	/* character styles */
	ROLE_DEFAULT_FONT,
	ROLE_STRONG,
	ROLE_EMPH,		/* 着重号 dots, never italics */
	ROLE_LEAD,		/* a point's label and lead sentence */
	ROLE_LINK,
	/* table styles */
	ROLE_TABLE_NORMAL,
	ROLE_TABLE_GRID,
	ROLE__COUNT
};

/* The page: sizes in twentieths of a point (twips). */
struct docx_page {
	int	 width, height;
	int	 top, right, bottom, left;
	int	 header, footer;
	int	 text_width;		/* width - left - right */
};

/*
 * Everything the package needs besides document.xml: the XML of the
 * parts that come from the layout (or the reference document), the style
 * id of every role and the page set-up.
 */
struct docx_kit {
	enum docx_style	 style;		/* official or plain */
	int		 shift;		/* heading levels shifted (--combine) */
	int		 even_odd;	/* separate even-page footer */
	int		 hant;		/* traditional text: GBK fonts */
	int		 body_sz;	/* Normal's size, half-points */
	long		 title_cap;	/* the title's measure in thousandths
					   of its em, or 0 when unknown (a
					   reference document's styles) */
	char		*id[ROLE__COUNT];	/* style ids, owned */
	struct buf	 styles;	/* word/styles.xml */
	struct buf	 fonts;		/* word/fontTable.xml */
	struct buf	 settings;	/* word/settings.xml */
	struct buf	 footer_odd;	/* word/footer1.xml (the default) */
	struct buf	 footer_even;	/* word/footer2.xml, when even_odd */
	struct buf	 theme;		/* word/theme/theme1.xml, or empty */
	struct buf	 numbering;	/* word/numbering.xml, or empty */
	struct buf	 sect;		/* sectPr children after the footers */
	struct docx_page page;
};

/*
 * Fills kit with the built-in layout opts->docx_style for a document in
 * language lang (zh-TW/zh-HK/zh-Hant get fonts that cover traditional
 * characters); shift is 1 when article titles are heading 1 (--combine).
 */
void	 docx_kit_init(struct docx_kit *kit, const struct render_opts *opts,
	    const char *lang, int shift);
/*
 * (Re)writes kit->sect from kit->page, with the layout's document grid
 * when grid is set.  The grid only fits the layout's own Normal style.
 */
void	 docx_kit_sect(struct docx_kit *kit, int grid);
/* Frees everything the kit holds.  NULL is fine. */
void	 docx_kit_free(struct docx_kit *kit);
/*
 * Appends to out the w:style definition of role as the built-in layout
 * has it, naming other styles (basedOn, next) by the ids in kit->id, with
 * style id id.  Used for styles.xml and to add what a reference document
 * lacks.  ns_decl adds an xmlns:w declaration to the element.
 */
void	 docx_style_def(const struct docx_kit *kit, enum docx_role role,
	    const char *id, int ns_decl, struct buf *out);
/* The w:name of a role's style ("heading 1", "Title", "Point Lead"). */
void	 docx_style_name(enum docx_role role, struct buf *out);
/* "paragraph", "character" or "table". */
const char *docx_style_type(enum docx_role role);
/* The style id the built-in layout gives a role ("Heading1"). */
void	 docx_style_builtin_id(enum docx_role role, struct buf *out);

/* An image part, word/media/imageN.EXT (N counts from 1 in order). */
struct docx_media {
	char		*src;		/* as in the tree */
	int		 rid;		/* its relationship, rIdN */
	int		 cx, cy;	/* size in pixels */
	const char	*ext;		/* "png", "jpeg" or "gif" */
	struct buf	 data;
};

/* What the package holds besides the kit's parts. */
struct docx_parts {
	struct buf		*document;	/* word/document.xml */
	const struct buf	*rels;		/* its Relationship elements */
	const struct docx_media	*media;
	size_t			 nmedia;
	const struct doc	*doc;		/* for docProps/core.xml */
	const char		*title;
	const char		*lang;
};

/*
 * The type ("png", "jpeg", "gif") and pixel size of an image from its
 * header.  Returns 0, or -1 if the bytes are none of these or cut short.
 */
int	 docx_image_info(const struct buf *b, const char **ext, int *w,
	    int *h);
/*
 * Appends the finished package to out; the document and the kit's part
 * buffers are consumed.  Returns 0, or -1 with the reason in diag.
 */
int	 docx_pack(struct docx_kit *kit, const struct docx_parts *parts,
	    const struct render_opts *opts, struct buf *out,
	    struct diag *diag);

/*
 * Replaces the kit's styles, fonts, theme, numbering and page set-up with
 * those of the reference document ref (the bytes of a .docx), mapping
 * each role to the user's style of the same name and adding the styles
 * the user's file lacks.  Returns 0, or -1 with the reason in diag if ref
 * is not a usable DOCX.
 */
int	 docx_ref_apply(struct docx_kit *kit, struct slice ref,
	    struct diag *diag);

#endif
