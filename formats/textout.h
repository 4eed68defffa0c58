/*
 * The text block renderer shared by the plain-text and Markdown writers,
 * after cmark's render.c: blocks of text written line by line under a
 * stack of prefixes, with blank lines between blocks and optional
 * wrapping at a display width.
 *
 * Containers (a block quote, ...) push a prefix when they open and pop it
 * when they close; every line written in between starts with the
 * prefixes of the whole stack, outermost first.  A prefix has two forms:
 * "first" for the first line written after the push (a list marker),
 * "rest" for every later line (its indentation).  A blank line between
 * blocks carries only the prefixes that have already written a line,
 * with trailing spaces and U+3000 removed: the blank line before the
 * first block of a quote belongs to the text around it ("" and not ">"),
 * the one between two blocks of a nested quote is "> >".
 *
 * Lines are UTF-8, end in LF, and never end in an ASCII space or tab.
 */
#ifndef ARTCONV_FORMATS_TEXTOUT_H
#define ARTCONV_FORMATS_TEXTOUT_H

#include <stddef.h>
#include <stdint.h>

#include "tree/buf.h"

struct textout_prefix {
	const char	*first;		/* the first line after the push */
	const char	*rest;		/* every later line */
	int		 started;	/* a line has been written under it */
};

struct textout {
	struct buf		*out;	/* where the lines go (appended) */
	size_t			 width;	/* wrap at this many columns; 0: never */
	/*
	 * Blocks written so far.  textout_block() writes a blank line first
	 * when it is nonzero; writers may set it (0 after a kicker that
	 * hugs the title, 1 after a title written with textout_line()).
	 */
	int			 blocks;
	struct textout_prefix	*stack;
	size_t			 depth, cap;
};

/* Flags of textout_block(). */
#define TEXTOUT_NOWRAP	0x1	/* lines stay whole whatever the width */

/* Starts a renderer appending to out, wrapping at width (0: never). */
void	 textout_init(struct textout *t, struct buf *out, size_t width);
/* Releases the prefix stack; out is the caller's. */
void	 textout_free(struct textout *t);
/*
 * Opens a container whose lines start with first (its first line) and
 * rest (every later one).  The strings are not copied: they must stay
 * valid until the matching textout_pop().
 */
void	 textout_push(struct textout *t, const char *first, const char *rest);
/* Closes the innermost container.  No-op on an empty stack. */
void	 textout_pop(struct textout *t);
/*
 * Writes a block: a blank line when blocks > 0, then s[0..len) split at
 * LF into lines.  The first line starts with the stack's prefixes and
 * first, each later line (and each line made by wrapping) with the
 * stack's prefixes and rest.  With a width, lines are wrapped by display
 * width (see textout_line()).  Counts one block.  An empty s writes
 * nothing and counts nothing.
 */
void	 textout_block(struct textout *t, const char *first,
	    const char *rest, const char *s, size_t len, int flags);
/*
 * Writes s[0..len) (no LF inside) as one line under the stack's prefixes
 * and first, without a blank line before it and without counting a block.
 * With a width, the line is broken where it would pass that many display
 * columns (wide and ambiguous characters count 2): between Chinese
 * characters or at spaces (dropped there), never before 。，、；：？！）》”
 * and the like nor after （《“, never inside —— or …… or a Latin word or
 * number; a unit wider than the whole line overflows.  The lines it makes
 * start with the stack's prefixes and rest.
 */
void	 textout_line(struct textout *t, const char *first,
	    const char *rest, const char *s, size_t len, int flags);
/* Writes a blank line (prefixes of the started containers, trimmed). */
void	 textout_blank(struct textout *t);

/* Line-breaking classes used by the wrapping (exposed for tests). */
/* May cp not start a line (。，、）》” ...)? */
int	 textout_no_line_start(uint32_t cp);
/* May cp not end a line (（《“ ...)? */
int	 textout_no_line_end(uint32_t cp);

#endif
