/*
 * Writing a palette image as PNG (ISO/IEC 15948): the EPUB's generated
 * cover.  Fast for images made mostly of rows that repeat (a plain ground
 * and a frame, with a few lines of text) and of runs of one colour: see
 * pngout.c.
 */
#ifndef ARTCONV_PNGOUT_H
#define ARTCONV_PNGOUT_H

#include <stddef.h>

#include "tree/buf.h"

/*
 * Appends to out a PNG of the w x h image whose pixels are the palette
 * indices index[y * w + x] (8 bits each) into the ncolors (1-256) RGB
 * triples of palette.  No time or text chunks: the same pixels give the
 * same bytes.
 */
void	 pngout_palette(struct buf *out, const unsigned char *index, int w,
	    int h, const unsigned char *palette, int ncolors);
/*
 * Kept for its callers (at exit, between tests): the writer no longer
 * keeps anything between images, so there is nothing to forget.
 */
void	 pngout_cache_clear(void);

#endif
