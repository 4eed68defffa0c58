/*
 * PNG writer for palette images (see pngout.h).
 *
 * The image data of a PNG is one zlib stream of its filtered rows.
 * Deflating a 600 x 900 cover whole costs about a millisecond, nearly all
 * of it on rows of plain ground and frame that repeat down the page.  So
 * the stream is joined from pieces deflated apart: zlib's sync flush ends
 * a piece on a byte boundary, and a piece from a fresh stream refers to
 * nothing before it, so such pieces concatenate into a valid stream.  A
 * run of MIN_RUN or more rows equal to the one above is made of pieces
 * holding the filtered row (zeros) repeated 2^k times, deflated once per
 * process and kept; the other rows are deflated as they come.  Matches
 * are sought only as runs (zlib's Z_RLE strategy): on rows filtered Up,
 * which are runs of zeros between glyph edges, that is twice as fast as
 * zlib's fastest level and gives a smaller image (18 KB against 23 KB
 * for the sample's cover).
 * The Adler-32 of a run is combined from its row's, not computed over
 * every copy.
 * An empty final block, the zlib header and the Adler-32 of all the rows
 * complete the stream.  zlib rather than libdeflate, which compresses
 * only whole buffers and so cannot end a piece without ending the stream.
 *
 * Every row has filter type 2 (Up): a row that repeats the one above
 * becomes zeros, so all runs share one cached row, and the rows of text
 * are mostly zeros too (the frame and ground repeat above them), which
 * zlib gets through several times faster than the pixels themselves.
 */
#include "pngout.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "tree/alloc.h"
#include "tree/recover.h"

#define CACHE_ROWS	16	/* distinct repeated rows kept */
#define MIN_RUN		16	/* shorter runs are deflated with the rest */
#define MAX_POW		15	/* runs of up to 2^16 - 1 rows from pieces */
#define LITERAL_LEVEL	1	/* any level: run-length matching only */

struct cached_row {
	unsigned char	*row;		/* filter byte and pixels */
	size_t		 len;
	struct buf	*piece[MAX_POW + 1];	/* row x 2^k, deflated */
};

static pthread_mutex_t	 cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct cached_row cache[CACHE_ROWS];
static size_t		 ncache;

static void
put_be32(struct buf *b, uint32_t v)
{
	unsigned char	 c[4] = { (unsigned char)(v >> 24),
	    (unsigned char)(v >> 16), (unsigned char)(v >> 8),
	    (unsigned char)v };

	buf_put(b, c, 4);
}

/* A chunk: length, type, data, and the CRC of type and data. */
static void
put_chunk(struct buf *b, const char type[4], const void *data, size_t len)
{
	size_t	 at;

	put_be32(b, (uint32_t)len);
	at = b->len;
	buf_put(b, type, 4);
	if (len > 0)
		buf_put(b, data, len);
	put_be32(b, (uint32_t)crc32_z(0L, (const Bytef *)b->ptr + at,
	    len + 4));
}

/*
 * Deflates count copies of data[0..len) as a piece: raw deflate from a
 * fresh (reset) stream, ended by a sync flush.
 */
static void
deflate_piece(z_stream *zs, const unsigned char *data, size_t len,
    size_t count, struct buf *out)
{
	unsigned char	 chunk[16384];
	size_t		 i;
	int		 zrc;

	if (deflateReset(zs) != Z_OK)
		alloc_fail();
	for (i = 0; i < count; i++) {
		zs->next_in = (Bytef *)(uintptr_t)data;
		zs->avail_in = (uInt)len;
		do {
			zs->next_out = chunk;
			zs->avail_out = sizeof(chunk);
			zrc = deflate(zs, i + 1 == count ? Z_SYNC_FLUSH :
			    Z_NO_FLUSH);
			if (zrc != Z_OK && zrc != Z_BUF_ERROR)
				alloc_fail();
			buf_put(out, chunk, sizeof(chunk) - zs->avail_out);
		} while (zs->avail_out == 0 || zs->avail_in > 0);
	}
}

/*
 * A copy of piece that outlives the call: the cache is the process's,
 * so it takes plain malloc() blocks, which a recoverable call neither
 * records nor frees when abandoned (recover.h; zipout.c's shared entries
 * do the same).  NULL when out of memory: the piece is then not kept.
 */
static struct buf *
keepable(const struct buf *piece)
{
	struct buf	*keep = malloc(sizeof(*keep));

	if (keep == NULL)
		return NULL;
	if ((keep->ptr = malloc(piece->len + 1)) == NULL) {
		free(keep);
		return NULL;
	}
	memcpy(keep->ptr, piece->ptr, piece->len);
	keep->ptr[piece->len] = '\0';
	keep->len = piece->len;
	keep->cap = piece->len + 1;
	return keep;
}

static void
unkeep(struct buf *keep)
{
	free(keep->ptr);
	free(keep);
}

/*
 * The piece for row x 2^k, made and kept on first use.  *owned is set
 * when the piece is not kept (the cache is full, or out of memory) and
 * the caller must free it.  Nothing is allocated while the lock is held
 * but with malloc(), which does not raise (recover.h, rule 4).
 */
static const struct buf *
repeated(z_stream *zs, const unsigned char *row, size_t len, int k,
    int *owned)
{
	struct cached_row	*c = NULL;
	struct buf		*piece, *keep;
	size_t			 i;

	*owned = 0;
	pthread_mutex_lock(&cache_lock);
	for (i = 0; i < ncache && c == NULL; i++)
		if (cache[i].len == len && memcmp(cache[i].row, row, len) == 0)
			c = &cache[i];
	if (c == NULL && ncache < CACHE_ROWS &&
	    (cache[ncache].row = malloc(len)) != NULL) {
		c = &cache[ncache++];
		memcpy(c->row, row, len);
		c->len = len;
	}
	piece = c != NULL ? c->piece[k] : NULL;
	pthread_mutex_unlock(&cache_lock);
	if (piece != NULL)
		return piece;	/* pieces never change once listed */

	piece = xcalloc(1, sizeof(*piece));
	buf_init(piece);
	deflate_piece(zs, row, len, (size_t)1 << k, piece);
	if (c == NULL || (keep = keepable(piece)) == NULL) {
		*owned = 1;
		return piece;
	}
	buf_free(piece);
	free(piece);
	pthread_mutex_lock(&cache_lock);
	if (c->piece[k] == NULL)
		c->piece[k] = keep;
	else {
		/* Another thread made it meanwhile: the same bytes. */
		unkeep(keep);
		keep = c->piece[k];
	}
	pthread_mutex_unlock(&cache_lock);
	return keep;
}

void
pngout_cache_clear(void)
{
	size_t	 i;
	int	 k;

	pthread_mutex_lock(&cache_lock);
	for (i = 0; i < ncache; i++) {
		free(cache[i].row);
		for (k = 0; k <= MAX_POW; k++)
			if (cache[i].piece[k] != NULL)
				unkeep(cache[i].piece[k]);
	}
	memset(cache, 0, sizeof(cache));
	ncache = 0;
	pthread_mutex_unlock(&cache_lock);
}

/* Adds n copies of row to the Adler-32 adler, in log n steps. */
static uLong
adler_repeat(uLong adler, const unsigned char *row, size_t len, size_t n)
{
	uLong		 one = adler32_z(adler32(0L, Z_NULL, 0), row, len);
	uLong		 pow = one;	/* of 2^k copies */
	z_off_t		 powlen = (z_off_t)len;

	for (; n > 0; n >>= 1) {
		if (n & 1)
			adler = adler32_combine(adler, pow, powlen);
		pow = adler32_combine(pow, pow, powlen);
		powlen *= 2;
	}
	return adler;
}

/* Ends a deflate stream of an abandoned call. */
static void
end_stream(void *zs)
{
	deflateEnd(zs);
}

void
pngout_palette(struct buf *out, const unsigned char *index, int w, int h,
    const unsigned char *palette, int ncolors)
{
	struct buf	 idat = BUF_INIT, lit = BUF_INIT;
	unsigned char	 ihdr[13];
	unsigned char	*row, *zero;
	size_t		 rowlen = (size_t)w + 1, y, run, i, x;
	uLong		 adler = adler32(0L, Z_NULL, 0);
	z_stream	*zs;
	int		 k;

	/*
	 * zlib's state is malloc()ed by zlib: registered, so that a library
	 * call abandoned meanwhile ends the stream (recover.h).  The z_stream
	 * itself is a block of ours, still there when the release runs.
	 */
	zs = xcalloc(1, sizeof(*zs));
	if (deflateInit2(zs, LITERAL_LEVEL, Z_DEFLATED, -MAX_WBITS, 8,
	    Z_RLE) != Z_OK)
		alloc_fail();
	recover_defer(end_stream, zs);
	row = xcalloc(rowlen, 1);
	zero = xcalloc(rowlen, 1);
	row[0] = zero[0] = 2;		/* filter: Up */
	/* zlib header: deflate, 32 KB window, fastest; checksum 0 mod 31. */
	BUF_PUTSL(&idat, "\x78\x01");
	for (y = 0; y < (size_t)h; y += run) {
		const unsigned char *px = index + y * (size_t)w;

		/* Rows equal to the one above filter to zeros. */
		for (run = 0; y + run < (size_t)h && y + run > 0 &&
		    run < ((size_t)1 << (MAX_POW + 1)) - 1 &&
		    memcmp(px + run * (size_t)w, px + run * (size_t)w -
		    (size_t)w, (size_t)w) == 0; run++)
			;
		if (run == 0) {
			for (x = 0; x < (size_t)w; x++)
				row[x + 1] = (unsigned char)(px[x] -
				    (y > 0 ? px[x - (size_t)w] : 0));
			buf_put(&lit, row, rowlen);
			adler = adler32_z(adler, row, rowlen);
			run = 1;
			continue;
		}
		adler = adler_repeat(adler, zero, rowlen, run);
		if (run < MIN_RUN) {
			for (i = 0; i < run; i++)
				buf_put(&lit, zero, rowlen);
			continue;
		}
		if (lit.len > 0) {
			deflate_piece(zs, (const unsigned char *)lit.ptr,
			    lit.len, 1, &idat);
			buf_truncate(&lit, 0);
		}
		for (k = MAX_POW; k >= 0; k--)
			if (run & ((size_t)1 << k)) {
				int owned;
				const struct buf *p = repeated(zs, zero,
				    rowlen, k, &owned);

				buf_putbuf(&idat, p);
				if (owned) {
					buf_free((struct buf *)(uintptr_t)p);
					free((void *)(uintptr_t)p);
				}
			}
	}
	if (lit.len > 0)
		deflate_piece(zs, (const unsigned char *)lit.ptr, lit.len, 1,
		    &idat);
	/* The final block: fixed Huffman codes, nothing but its end. */
	BUF_PUTSL(&idat, "\x03\x00");
	put_be32(&idat, (uint32_t)adler);
	recover_forget(zs);
	deflateEnd(zs);
	free(zs);

	ihdr[0] = (unsigned char)(w >> 24);
	ihdr[1] = (unsigned char)(w >> 16);
	ihdr[2] = (unsigned char)(w >> 8);
	ihdr[3] = (unsigned char)w;
	ihdr[4] = (unsigned char)(h >> 24);
	ihdr[5] = (unsigned char)(h >> 16);
	ihdr[6] = (unsigned char)(h >> 8);
	ihdr[7] = (unsigned char)h;
	ihdr[8] = 8;		/* bits per pixel */
	ihdr[9] = 3;		/* colour type: palette */
	ihdr[10] = 0;		/* deflate */
	ihdr[11] = 0;		/* adaptive filtering */
	ihdr[12] = 0;		/* no interlace */
	BUF_PUTSL(out, "\x89PNG\r\n\x1A\n");
	put_chunk(out, "IHDR", ihdr, sizeof(ihdr));
	put_chunk(out, "PLTE", palette, (size_t)ncolors * 3);
	put_chunk(out, "IDAT", idat.ptr, idat.len);
	put_chunk(out, "IEND", NULL, 0);
	free(row);
	free(zero);
	buf_free(&idat);
	buf_free(&lit);
}
