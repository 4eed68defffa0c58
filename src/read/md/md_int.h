/*
 * The Markdown reader's state, shared by its parts: read_md.c (the walk
 * over cmark's tree), md_table.c (pipe tables) and md_meta.c (front
 * matter, title, footer).  Not an interface for anything else.
 */
#ifndef ARTCONV_MD_INT_H
#define ARTCONV_MD_INT_H

#include <stddef.h>
#include <stdint.h>

/* cmark's short names (NODE_TEXT …) would clash with doc.h. */
#ifndef CMARK_NO_SHORT_NAMES
#define CMARK_NO_SHORT_NAMES
#endif
#include <cmark.h>

#include "tree/buf.h"
#include "tree/diag.h"
#include "tree/doc.h"

#define INL_MAX		32

struct inl {
	struct node	*n;
	int		 html;		/* opened by a raw <strong> */
};

enum act {
	ACT_NONE,
	ACT_POP_BLOCKS,		/* end of a block quote */
	ACT_POP_LIST,
	ACT_ITEM,
	ACT_PARA,
	ACT_HEADING,
	ACT_INLINE		/* an emphasis or link span */
};

struct md {
	struct doc	*doc;
	struct diag	*diag;
	const char	*src;		/* the Markdown text */
	size_t		 len;
	size_t		*lines;		/* byte offset of each line */
	size_t		 nlines;
	unsigned int	 line0;		/* lines of front matter before src */
	size_t		 max_depth;
	size_t		 depth;		/* nesting of quotes and lists */
	struct node	**blocks;	/* block containers, innermost last */
	size_t		 nblocks, capblocks;
	struct node	**lists;
	size_t		 nlists, caplists;
	unsigned char	*acts;		/* what each open node did */
	size_t		 nacts, capacts;
	struct node	*item;		/* the list item being filled */
	struct inl	 inl[INL_MAX];	/* inline containers, [0] the block */
	size_t		 ninl;
	size_t		 inl_over;	/* spans beyond INL_MAX */
	struct buf	 run;		/* text not yet in the tree */
	struct node	*run_to;
	int		 soft;		/* a soft line break is pending */
	uint32_t	 last;		/* last character put */
	size_t		 tables;
	size_t		 html_blocks;
};

/*
 * cmark_parse_document() with artconv's allocator (md_cmark.c): the tree
 * is freed with cmark_node_free(), and running out of memory inside cmark
 * fails the call like any other allocation (recover.h).  NULL if a line
 * is too long for cmark (about 1 GiB).
 */
cmark_node *md_parse_commonmark(const char *s, size_t len);
/*
 * Converts the cmark subtree at top.  With into set, top is a paragraph
 * whose inlines go into that node (a table cell); otherwise blocks go to
 * the current block container.
 */
void	 md_convert(struct md *m, cmark_node *top, struct node *into);
/* Appends a block to the current container (or frees it if refused). */
void	 md_add_block(struct md *m, struct node *n);
/* s[0..*len) without ASCII white space at either end. */
void	 md_trim(const char **s, size_t *len);
/*
 * If paragraph para holds a GFM pipe table, adds the table (after a
 * paragraph for lines above its header) and returns 1; else returns 0.
 */
int	 md_pipe_table(struct md *m, cmark_node *para);
/*
 * Reads YAML front matter at the start of s into doc's metadata (other
 * keys are noted in diag).  Returns the bytes it takes, 0 if there is
 * none, and its line count in *lines.
 */
size_t	 md_front_matter(const char *s, size_t len, struct doc *doc,
	    unsigned int *lines, struct diag *diag);
/*
 * The heading the article opens with is its title (a "#" line, or with
 * top_setext an underlined first line) when no other heading is at its
 * level or above: it becomes the title when the front matter has none,
 * and leaves the body when it repeats it, with the metadata lines under
 * it.
 */
void	 md_take_title(struct doc *doc, int top_setext, struct diag *diag);
/*
 * Drops the site footer: the few short blocks after a last rule.
 */
void	 md_cut_tail(struct doc *doc, struct diag *diag);
/*
 * Drops a quote at the top that repeats the opening of the text (a web
 * clipper's excerpt), and the rules under it.
 */
void	 md_drop_excerpt(struct doc *doc, struct diag *diag);

#endif
