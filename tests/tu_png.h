/*
 * Reading PNG images back in tests and test tools, with zlib: enough of
 * ISO/IEC 15948 for what artconv writes and what rendering engines write
 * (8-bit grey, grey + alpha, RGB, RGBA and palette images, the five row
 * filters, no interlacing), and the ink box the cover tests measure.
 */
#ifndef ARTCONV_TU_PNG_H
#define ARTCONV_TU_PNG_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static inline uint32_t
tu_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static inline int
tu_paeth(int a, int b, int c)
{
	int	 p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);

	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/*
 * Decodes the PNG p[0..len) into w x h RGB triples (malloc'd; alpha is
 * composed over white).  Returns NULL if it is not a PNG this reads, or
 * a chunk's CRC is wrong.
 */
static inline unsigned char *
tu_png_read(const unsigned char *p, size_t len, int *wp, int *hp)
{
	unsigned char	 plte[768] = { 0 };
	unsigned char	*idat = NULL, *raw = NULL, *rgb = NULL, *prev, *row;
	size_t		 nidat = 0, pos = 8, rowlen, rawlen;
	uint32_t	 w = 0, h = 0, n, x, y;
	int		 depth = 0, type = -1, bpp = 0, k, ok = 0;
	uLongf		 got;

	if (len < 8 || memcmp(p, "\x89PNG\r\n\x1A\n", 8) != 0)
		return NULL;
	while (pos + 12 <= len) {
		n = tu_be32(p + pos);
		if (n > len - pos - 12 || tu_be32(p + pos + 8 + n) !=
		    (uint32_t)crc32(0L, p + pos + 4, n + 4))
			goto out;
		if (memcmp(p + pos + 4, "IHDR", 4) == 0 && n == 13) {
			w = tu_be32(p + pos + 8);
			h = tu_be32(p + pos + 12);
			depth = p[pos + 16];
			type = p[pos + 17];
			if (p[pos + 20] != 0)
				goto out;	/* interlaced */
		} else if (memcmp(p + pos + 4, "PLTE", 4) == 0 && n <= 768)
			memcpy(plte, p + pos + 8, n);
		else if (memcmp(p + pos + 4, "IDAT", 4) == 0) {
			idat = realloc(idat, nidat + n + 1);
			if (idat == NULL)
				goto out;
			memcpy(idat + nidat, p + pos + 8, n);
			nidat += n;
		} else if (memcmp(p + pos + 4, "IEND", 4) == 0)
			break;
		pos += 12 + n;
	}
	switch (type) {
	case 0: bpp = 1; break;
	case 2: bpp = 3; break;
	case 3: bpp = 1; break;
	case 4: bpp = 2; break;
	case 6: bpp = 4; break;
	default: goto out;
	}
	if (depth != 8 || w == 0 || h == 0 || (uint64_t)w * h > 50000000)
		goto out;
	rowlen = (size_t)w * (size_t)bpp;
	rawlen = (rowlen + 1) * h;
	if ((raw = malloc(rawlen)) == NULL || (rgb = malloc((size_t)w * h *
	    3)) == NULL)
		goto out;
	got = rawlen;
	if (uncompress(raw, &got, idat, nidat) != Z_OK || got != rawlen)
		goto out;
	for (y = 0; y < h; y++) {
		row = raw + y * (rowlen + 1);
		prev = y > 0 ? row - (rowlen + 1) : NULL;
		for (x = 1; x <= rowlen; x++) {
			int a = x > (uint32_t)bpp ? row[x - bpp] : 0;
			int b = prev != NULL ? prev[x] : 0;
			int c = prev != NULL && x > (uint32_t)bpp ?
			    prev[x - bpp] : 0;

			switch (row[0]) {
			case 0: break;
			case 1: row[x] = (unsigned char)(row[x] + a); break;
			case 2: row[x] = (unsigned char)(row[x] + b); break;
			case 3: row[x] = (unsigned char)(row[x] + (a + b) / 2);
				break;
			case 4: row[x] = (unsigned char)(row[x] +
				    tu_paeth(a, b, c)); break;
			default: goto out;
			}
		}
		for (x = 0; x < w; x++) {
			const unsigned char *s = row + 1 + x * (uint32_t)bpp;
			unsigned char *d = rgb + ((size_t)y * w + x) * 3;
			int alpha = 255;

			switch (type) {
			case 0: d[0] = d[1] = d[2] = s[0]; break;
			case 4: d[0] = d[1] = d[2] = s[0]; alpha = s[1]; break;
			case 3: memcpy(d, plte + 3 * s[0], 3); break;
			case 2: memcpy(d, s, 3); break;
			default: memcpy(d, s, 3); alpha = s[3]; break;
			}
			for (k = 0; k < 3; k++)
				d[k] = (unsigned char)((d[k] * alpha + 255 *
				    (255 - alpha)) / 255);
		}
	}
	*wp = (int)w;
	*hp = (int)h;
	ok = 1;
out:
	free(idat);
	free(raw);
	if (!ok) {
		free(rgb);
		return NULL;
	}
	return rgb;
}

/* A box of pixels, inclusive; x0 > x1 when empty. */
struct tu_box {
	int	 x0, y0, x1, y1;
	long	 n;		/* pixels in it that matched */
};

static inline void
tu_box_add(struct tu_box *b, int x, int y)
{
	if (b->n++ == 0) {
		b->x0 = b->x1 = x;
		b->y0 = b->y1 = y;
		return;
	}
	b->x0 = x < b->x0 ? x : b->x0;
	b->x1 = x > b->x1 ? x : b->x1;
	b->y0 = y < b->y0 ? y : b->y0;
	b->y1 = y > b->y1 ? y : b->y1;
}

/*
 * The cover's two boxes in an RGB image: the frame (pixels of the
 * cover's red, #9b1c1c, within a tolerance for scaling and colour
 * management) and the ink of dark text (all channels below 0x60).
 */
static inline void
tu_cover_boxes(const unsigned char *rgb, int w, int h, struct tu_box *frame,
    struct tu_box *ink)
{
	int	 x, y;

	memset(frame, 0, sizeof(*frame));
	memset(ink, 0, sizeof(*ink));
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			const unsigned char *d = rgb + ((size_t)y * w + x) * 3;

			if (d[0] > 0x78 && d[0] < 0xC0 && d[1] < 0x50 &&
			    d[2] < 0x50)
				tu_box_add(frame, x, y);
			else if (d[0] < 0x60 && d[1] < 0x60 && d[2] < 0x60)
				tu_box_add(ink, x, y);
		}
}

#endif
