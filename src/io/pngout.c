/*
 * PNG writer for palette images (see pngout.h).
 *
 * The image data of a PNG is one zlib stream of its filtered rows.  Every
 * row has filter type 2 (Up): a row that repeats the one above becomes
 * zeros, and the rows of text are mostly zeros too (the frame and ground
 * repeat above them).
 *
 * The stream is written here rather than by zlib: on such rows the only
 * matches worth finding are runs of one byte (what zlib's Z_RLE strategy
 * looks for), and zlib spent most of a cover's encoding time on its
 * general machinery around them.  The rows are cut into tokens, a literal
 * byte or a run of the byte before (distance 1, 3 to 258 bytes); the
 * tokens are counted, and written as one deflate block with Huffman codes
 * made for those counts (RFC 1951, 3.2.7).  A run of rows equal to the
 * one above is never filtered nor scanned: it is that many zero rows,
 * runs of 258, and its Adler-32 is combined, not computed over every
 * copy.  The bytes depend only on the pixels.
 */
#include "pngout.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "tree/alloc.h"

#define NLITLEN		286	/* literals, end of block, 29 lengths */
#define NDIST		30
#define NCLEN		19	/* the code-length alphabet */
#define END_BLOCK	256
#define MAX_BITS	15	/* longest literal/length or distance code */
#define MAX_CLEN_BITS	7	/* longest code-length code */
#define MIN_MATCH	3
#define MAX_MATCH	258

/* Length symbol (257-285) and extra bits for each run of 3-258. */
struct lencode {
	uint16_t	 sym;
	uint8_t		 nextra;
	uint8_t		 extra;
};

/*
 * The image data as tokens v[0..n): each a literal byte (0-255), or a
 * run of MIN_MATCH + (v - 256) copies of the byte before it.
 */
struct tokens {
	uint16_t	*v;
	size_t		 n, cap;
	size_t		 litlen[NLITLEN];	/* symbol counts */
	int		 prev;			/* the last byte; -1 at first */
	struct lencode	 lc[MAX_MATCH + 1];	/* by run length */
};

static const uint16_t	 len_base[29] = {
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
	35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258
};
static const uint8_t	 len_extra[29] = {
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
	3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
};
/* The order code-length code lengths are sent in (RFC 1951, 3.2.7). */
static const uint8_t	 clen_order[NCLEN] = {
	16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15
};

/* The code of each run length, MIN_MATCH to MAX_MATCH, into lc. */
static void
len_codes(struct lencode lc[MAX_MATCH + 1])
{
	unsigned	 len;
	int		 i = 0;

	for (len = MIN_MATCH; len <= MAX_MATCH; len++) {
		while (i < 28 && len_base[i + 1] <= len)
			i++;
		lc[len].sym = (uint16_t)(257 + i);
		lc[len].nextra = len_extra[i];
		lc[len].extra = (uint8_t)(len - len_base[i]);
	}
}

/* Makes room for n more tokens. */
static void
tok_room(struct tokens *t, size_t n)
{
	if (n > t->cap - t->n) {
		t->cap = t->cap * 2 > t->n + n ? t->cap * 2 : t->n + n + 4096;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
	}
}

/* The next two need room for the token (tok_room). */
static inline void
tok_literal(struct tokens *t, unsigned char c)
{
	t->v[t->n++] = c;
	t->litlen[c]++;
	t->prev = c;
}

static inline void
tok_run(struct tokens *t, size_t len)
{
	t->v[t->n++] = (uint16_t)(256 + len - MIN_MATCH);
	t->litlen[t->lc[len].sym]++;
}

/*
 * How many of p[0..n) are c from the start: eight bytes a step where
 * the byte order lets the first differing byte be found from the low
 * bits, as the rows are mostly runs of zeros.
 */
static size_t
same_bytes(const unsigned char *p, size_t n, unsigned char c)
{
	size_t	 r = 0;

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t pat = 0x0101010101010101u * c, v;

	for (; r + 8 <= n; r += 8) {
		memcpy(&v, p + r, 8);
		if ((v ^= pat) != 0)
			return r + (size_t)(__builtin_ctzll(v) >> 3);
	}
#endif
	while (r < n && p[r] == c)
		r++;
	return r;
}

/* Tokens for p[0..n): runs of the byte before, and literals. */
static void
tok_bytes(struct tokens *t, const unsigned char *p, size_t n)
{
	size_t	 i = 0, r;

	tok_room(t, n);
	while (i < n) {
		if (t->prev == p[i]) {
			r = same_bytes(p + i, n - i < MAX_MATCH ? n - i :
			    MAX_MATCH, p[i]);
			if (r >= MIN_MATCH) {
				tok_run(t, r);
				i += r;
				continue;
			}
		}
		tok_literal(t, p[i++]);
	}
}

/* Tokens for n zero bytes. */
static void
tok_zeros(struct tokens *t, size_t n)
{
	tok_room(t, 1 + n / MAX_MATCH + MIN_MATCH);
	if (n > 0 && t->prev != 0) {
		tok_literal(t, 0);
		n--;
	}
	for (; n >= MAX_MATCH; n -= MAX_MATCH)
		tok_run(t, MAX_MATCH);
	if (n >= MIN_MATCH)
		tok_run(t, n);
	else
		while (n-- > 0)
			tok_literal(t, 0);
}

/*
 * Code lengths of at most limit bits for the n symbols counted in freq,
 * into len (0 for a symbol not used).  At least two symbols must be
 * used.  A Huffman code whose lengths exceed the limit is made again for
 * counts halved (kept above zero), until none does: the code stays
 * complete, and as the counts even out it flattens.
 */
static void
huff_lengths(const size_t *freq, int n, int limit, uint8_t *len)
{
	size_t	 w[2 * NLITLEN], f[NLITLEN];
	int	 sym[NLITLEN], parent[2 * NLITLEN], depth[2 * NLITLEN];
	int	 m = 0, i, j, li, ii, next, a, b, deepest;

	for (i = 0; i < n; i++)
		f[i] = freq[i];
	for (;;) {
		/* The used symbols by count, then by number: an insertion
		 * sort, for at most 286 of them. */
		for (m = 0, i = 0; i < n; i++) {
			if (f[i] == 0)
				continue;
			for (j = m; j > 0 && f[sym[j - 1]] > f[i]; j--)
				sym[j] = sym[j - 1];
			sym[j] = i;
			m++;
		}
		for (i = 0; i < m; i++)
			w[i] = f[sym[i]];
		/* Two queues: the leaves, and the nodes made, which come out
		 * in order of weight. */
		for (li = 0, ii = m, next = m; next < 2 * m - 1; next++) {
			a = li < m && (ii >= next || w[li] <= w[ii]) ?
			    li++ : ii++;
			b = li < m && (ii >= next || w[li] <= w[ii]) ?
			    li++ : ii++;
			w[next] = w[a] + w[b];
			parent[a] = parent[b] = next;
		}
		depth[2 * m - 2] = 0;
		deepest = 0;
		for (i = 2 * m - 3; i >= 0; i--) {
			depth[i] = depth[parent[i]] + 1;
			if (depth[i] > deepest)
				deepest = depth[i];
		}
		if (deepest <= limit)
			break;
		for (i = 0; i < n; i++)
			if (f[i] > 0)
				f[i] = f[i] / 2 + 1;
	}
	memset(len, 0, (size_t)n);
	for (i = 0; i < m; i++)
		len[sym[i]] = (uint8_t)depth[i];
}

/*
 * The canonical codes for lengths len (RFC 1951, 3.2.2), bit-reversed,
 * as deflate sends Huffman codes from their first bit.
 */
static void
huff_codes(const uint8_t *len, int n, uint16_t *code)
{
	uint16_t	 count[MAX_BITS + 1] = { 0 }, next[MAX_BITS + 2];
	unsigned	 c = 0, r, k;
	int		 i, b;

	for (i = 0; i < n; i++)
		count[len[i]]++;
	count[0] = 0;
	for (b = 1; b <= MAX_BITS; b++) {
		c = (c + count[b - 1]) << 1;
		next[b] = (uint16_t)c;
	}
	for (i = 0; i < n; i++) {
		if (len[i] == 0) {
			code[i] = 0;
			continue;
		}
		c = next[len[i]]++;
		for (r = 0, k = 0; k < len[i]; k++)
			r |= ((c >> k) & 1u) << (len[i] - 1 - k);
		code[i] = (uint16_t)r;
	}
}

/* Bits out, first bit lowest, into a buffer grown beforehand. */
struct bits {
	unsigned char	*p;
	uint64_t	 acc;
	unsigned	 n;
};

/* Adds the n (at most 32) low bits of v. */
static inline void
put_bits(struct bits *w, uint64_t v, unsigned n)
{
	w->acc |= (uint64_t)v << w->n;
	w->n += n;
	if (w->n >= 32) {
		w->p[0] = (unsigned char)w->acc;
		w->p[1] = (unsigned char)(w->acc >> 8);
		w->p[2] = (unsigned char)(w->acc >> 16);
		w->p[3] = (unsigned char)(w->acc >> 24);
		w->p += 4;
		w->acc >>= 32;
		w->n -= 32;
	}
}

/* Writes out what is left, padded with zero bits to a byte. */
static void
flush_bits(struct bits *w)
{
	for (; w->n > 0; w->n = w->n > 8 ? w->n - 8 : 0) {
		*w->p++ = (unsigned char)w->acc;
		w->acc >>= 8;
	}
}

/*
 * The code lengths of both codes as the code-length alphabet has them:
 * symbols 0-15, 16 (the last length again, 3-6 times), 17 (3-10 zeros)
 * and 18 (11-138 zeros), each with its extra bits.
 */
static size_t
clen_symbols(const uint8_t *all, size_t total, uint8_t *sym, uint8_t *extra)
{
	size_t	 i = 0, k = 0, run, r;

	while (i < total) {
		for (run = 1; i + run < total && all[i + run] == all[i]; run++)
			;
		if (all[i] == 0) {
			for (; run >= 11; run -= r, i += r) {
				r = run < 138 ? run : 138;
				sym[k] = 18;
				extra[k++] = (uint8_t)(r - 11);
			}
			if (run >= 3) {
				sym[k] = 17;
				extra[k++] = (uint8_t)(run - 3);
				i += run;
				run = 0;
			}
		} else {
			sym[k] = all[i];
			extra[k++] = 0;
			i++;
			run--;
			for (; run >= 3; run -= r, i += r) {
				r = run < 6 ? run : 6;
				sym[k] = 16;
				extra[k++] = (uint8_t)(r - 3);
			}
		}
		for (; run > 0; run--, i++) {
			sym[k] = all[i];
			extra[k++] = 0;
		}
	}
	return k;
}

/* Makes sure at least two of freq[0..n) are above zero. */
static void
two_used(size_t *freq, int n)
{
	int	 i, used = 0;

	for (i = 0; i < n; i++)
		used += freq[i] > 0;
	for (i = 0; i < n && used < 2; i++)
		if (freq[i] == 0) {
			freq[i] = 1;
			used++;
		}
}

/* Appends the tokens to out as one final deflate block (RFC 1951). */
static void
put_block(struct buf *out, const struct tokens *t)
{
	size_t		 litf[NLITLEN], distf[NDIST] = { 0 }, clenf[NCLEN] = { 0 };
	uint8_t		 litl[NLITLEN], distl[NDIST], clenl[NCLEN];
	uint8_t		 all[NLITLEN + NDIST], csym[NLITLEN + NDIST];
	uint8_t		 cextra[NLITLEN + NDIST];
	uint16_t	 litc[NLITLEN], distc[NDIST], clenc[NCLEN];
	uint64_t	 tokbits[256 + MAX_MATCH - MIN_MATCH + 1];
	uint8_t		 toklen[256 + MAX_MATCH - MIN_MATCH + 1];
	struct bits	 w;
	size_t		 i, nc, runs = 0;
	int		 nlit, ndist = NDIST, nclen;

	memcpy(litf, t->litlen, sizeof(litf));
	litf[END_BLOCK] = 1;
	for (i = 257; i < NLITLEN; i++)
		runs += litf[i];
	distf[0] = runs;		/* every run is at distance 1 */
	two_used(litf, NLITLEN);
	two_used(distf, NDIST);
	huff_lengths(litf, NLITLEN, MAX_BITS, litl);
	huff_lengths(distf, NDIST, MAX_BITS, distl);
	huff_codes(litl, NLITLEN, litc);
	huff_codes(distl, NDIST, distc);

	for (nlit = NLITLEN; litl[nlit - 1] == 0; nlit--)
		;
	for (; ndist > 1 && distl[ndist - 1] == 0; ndist--)
		;
	memcpy(all, litl, (size_t)nlit);
	memcpy(all + nlit, distl, (size_t)ndist);
	nc = clen_symbols(all, (size_t)(nlit + ndist), csym, cextra);
	for (i = 0; i < nc; i++)
		clenf[csym[i]]++;
	two_used(clenf, NCLEN);
	huff_lengths(clenf, NCLEN, MAX_CLEN_BITS, clenl);
	huff_codes(clenl, NCLEN, clenc);
	for (nclen = NCLEN; nclen > 4 && clenl[clen_order[nclen - 1]] == 0;
	    nclen--)
		;

	/* At most 15 + 5 + 1 bits a token (below), and the header. */
	buf_grow(out, t->n * 3 + 1024);
	w.p = (unsigned char *)out->ptr + out->len;
	w.acc = 0;
	w.n = 0;
	put_bits(&w, 1, 1);			/* the final block */
	put_bits(&w, 2, 2);			/* dynamic Huffman codes */
	put_bits(&w, (unsigned)(nlit - 257), 5);
	put_bits(&w, (unsigned)(ndist - 1), 5);
	put_bits(&w, (unsigned)(nclen - 4), 4);
	for (i = 0; i < (size_t)nclen; i++)
		put_bits(&w, clenl[clen_order[i]], 3);
	for (i = 0; i < nc; i++) {
		put_bits(&w, clenc[csym[i]], clenl[csym[i]]);
		if (csym[i] == 16)
			put_bits(&w, cextra[i], 2);
		else if (csym[i] == 17)
			put_bits(&w, cextra[i], 3);
		else if (csym[i] == 18)
			put_bits(&w, cextra[i], 7);
	}
	/*
	 * Each token's bits in one piece: a literal's code, or a run's
	 * length code, extra bits and distance code, at most 15 + 5 + 1
	 * bits (two distance codes are used, so each has one bit).
	 */
	for (i = 0; i < 256; i++) {
		tokbits[i] = litc[i];
		toklen[i] = litl[i];
	}
	for (i = MIN_MATCH; i <= MAX_MATCH; i++) {
		struct lencode c = t->lc[i];
		size_t k = 256 + i - MIN_MATCH;

		tokbits[k] = litc[c.sym] | (uint64_t)c.extra << litl[c.sym] |
		    (uint64_t)distc[0] << (litl[c.sym] + c.nextra);
		toklen[k] = (uint8_t)(litl[c.sym] + c.nextra + distl[0]);
	}
	for (i = 0; i < t->n; i++)
		put_bits(&w, tokbits[t->v[i]], toklen[t->v[i]]);
	put_bits(&w, litc[END_BLOCK], litl[END_BLOCK]);
	flush_bits(&w);
	out->len = (size_t)(w.p - (unsigned char *)out->ptr);
	out->ptr[out->len] = '\0';
}

void
pngout_cache_clear(void)
{
	/* Nothing is kept between images any more. */
}

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

void
pngout_palette(struct buf *out, const unsigned char *index, int w, int h,
    const unsigned char *palette, int ncolors)
{
	struct buf	 idat = BUF_INIT;
	struct tokens	 t;
	unsigned char	 ihdr[13];
	unsigned char	*row, *zero;
	size_t		 rowlen = (size_t)w + 1, y, run, x;
	uLong		 adler = adler32(0L, Z_NULL, 0);
	unsigned char	 up = 2;	/* the filter byte: Up */

	memset(&t, 0, sizeof(t));
	t.prev = -1;
	len_codes(t.lc);
	row = xcalloc(rowlen, 1);
	zero = xcalloc(rowlen, 1);
	row[0] = zero[0] = up;
	for (y = 0; y < (size_t)h; y += run) {
		const unsigned char *px = index + y * (size_t)w;

		/* Rows equal to the one above filter to zeros. */
		for (run = 0; y + run < (size_t)h && y + run > 0 &&
		    memcmp(px + run * (size_t)w, px + run * (size_t)w -
		    (size_t)w, (size_t)w) == 0; run++) {
			tok_bytes(&t, &up, 1);
			tok_zeros(&t, (size_t)w);
		}
		if (run > 0) {
			adler = adler_repeat(adler, zero, rowlen, run);
			continue;
		}
		if (y == 0)
			memcpy(row + 1, px, (size_t)w);
		else
			for (x = 0; x < (size_t)w; x++)
				row[x + 1] = (unsigned char)(px[x] -
				    px[x - (size_t)w]);
		tok_bytes(&t, row, rowlen);
		adler = adler32_z(adler, row, rowlen);
		run = 1;
	}
	/* zlib header: deflate, 32 KB window, fastest; checksum 0 mod 31. */
	BUF_PUTSL(&idat, "\x78\x01");
	put_block(&idat, &t);
	put_be32(&idat, (uint32_t)adler);

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
	free(t.v);
	free(row);
	free(zero);
	buf_free(&idat);
}
