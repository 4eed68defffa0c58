/*
 * The book's identifier, for formats/epub/epub.c: see epub_int.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <libdeflate.h>

#include "epub_int.h"

/* ------------------------------------------------------------ SHA-1 */

/*
 * SHA-1 (FIPS 180-4), used only to derive the name-based (version 5,
 * RFC 4122) UUID that identifies the book; it protects nothing.
 */
struct sha1 {
	uint32_t	 h[5];
	uint64_t	 len;		/* bytes hashed so far */
	unsigned char	 blk[64];
	size_t		 fill;
};

#define ROL(x, n)	(((x) << (n)) | ((x) >> (32 - (n))))

static void
sha1_init(struct sha1 *s)
{
	memset(s, 0, sizeof(*s));
	s->h[0] = 0x67452301;
	s->h[1] = 0xEFCDAB89;
	s->h[2] = 0x98BADCFE;
	s->h[3] = 0x10325476;
	s->h[4] = 0xC3D2E1F0;
}

static void
sha1_block(struct sha1 *s, const unsigned char *p)
{
	uint32_t	 w[80], a, b, c, d, e, f, k, t;
	int		 i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (; i < 80; i++)
		w[i] = ROL(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = s->h[0];
	b = s->h[1];
	c = s->h[2];
	d = s->h[3];
	e = s->h[4];
	for (i = 0; i < 80; i++) {
		if (i < 20) {
			f = (b & c) | (~b & d);
			k = 0x5A827999;
		} else if (i < 40) {
			f = b ^ c ^ d;
			k = 0x6ED9EBA1;
		} else if (i < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8F1BBCDC;
		} else {
			f = b ^ c ^ d;
			k = 0xCA62C1D6;
		}
		t = ROL(a, 5) + f + e + k + w[i];
		e = d;
		d = c;
		c = ROL(b, 30);
		b = a;
		a = t;
	}
	s->h[0] += a;
	s->h[1] += b;
	s->h[2] += c;
	s->h[3] += d;
	s->h[4] += e;
}

static void
sha1_update(struct sha1 *s, const void *data, size_t len)
{
	const unsigned char	*p = data;
	size_t			 n;

	s->len += len;
	while (len > 0) {
		n = 64 - s->fill < len ? 64 - s->fill : len;
		memcpy(s->blk + s->fill, p, n);
		s->fill += n;
		p += n;
		len -= n;
		if (s->fill == 64) {
			sha1_block(s, s->blk);
			s->fill = 0;
		}
	}
}

static void
sha1_final(struct sha1 *s, unsigned char out[20])
{
	uint64_t	 bits = s->len * 8;
	unsigned char	 pad[8];
	int		 i;

	sha1_update(s, "\x80", 1);
	while (s->fill != 56)
		sha1_update(s, "", 1);
	for (i = 0; i < 8; i++)
		pad[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha1_update(s, pad, 8);
	for (i = 0; i < 20; i++)
		out[i] = (unsigned char)(s->h[i / 4] >> (24 - 8 * (i % 4)));
}

/* Hashes a tagged, length-prefixed string, so fields cannot run together. */
static void
hash_field(struct sha1 *s, int tag, const char *v)
{
	unsigned char	 head[5];
	size_t		 len = v != NULL ? strlen(v) : 0;

	if (v == NULL)
		return;
	head[0] = (unsigned char)tag;
	head[1] = (unsigned char)(len >> 24);
	head[2] = (unsigned char)(len >> 16);
	head[3] = (unsigned char)(len >> 8);
	head[4] = (unsigned char)len;
	sha1_update(s, head, sizeof(head));
	sha1_update(s, v, len);
}

/*
 * Hashes article text through its length, CRC-32 and Adler-32 (libdeflate:
 * some gigabytes a second) instead of feeding it whole to SHA-1 (a fifth of a
 * gigabyte a second here, and it reads every character of every book).
 * The identifier protects nothing; two texts that differ share all 64
 * bits of checksum only by a chance that stays negligible for millions of
 * books.
 */
static void
hash_text(struct sha1 *s, const char *v)
{
	unsigned char	 rec[13];
	size_t		 len = strlen(v);
	uint32_t	 crc, adler;
	int		 i;

	crc = libdeflate_crc32(0, v, len);
	adler = libdeflate_adler32(1, v, len);
	rec[0] = 'T';
	for (i = 0; i < 4; i++) {
		rec[1 + i] = (unsigned char)((uint64_t)len >> (24 - 8 * i));
		rec[5 + i] = (unsigned char)(crc >> (24 - 8 * i));
		rec[9 + i] = (unsigned char)(adler >> (24 - 8 * i));
	}
	sha1_update(s, rec, sizeof(rec));
}

/*
 * The book's identifier: a version-5 UUID over the collection title, each
 * document's metadata (except the view count and language, which do not
 * change what the text is) and its whole tree, structure included.  The
 * same content therefore always gets the same id, whatever the options.
 */
void
epub_book_id(const struct doc *const *docs, size_t ndocs, const char *coll,
    char out[37])
{
	/* uuid5(NAMESPACE_URL, "https://artconv.invalid/ns/epub") */
	static const unsigned char ns[16] = {
		0x9b, 0xca, 0xa2, 0x2e, 0xe4, 0x51, 0x59, 0x57,
		0xb7, 0x9c, 0x56, 0x63, 0xbe, 0xde, 0x70, 0x15
	};
	struct sha1		 s;
	struct iter		 it;
	const struct node	*n;
	unsigned char		 d[20], ev;
	size_t			 i, k, pos = 0;

	sha1_init(&s);
	sha1_update(&s, ns, sizeof(ns));
	hash_field(&s, 'C', ndocs > 1 ? coll : NULL);
	for (i = 0; i < ndocs; i++) {
		hash_field(&s, 'D', "");
		for (k = 0; k < META__COUNT; k++)
			if (k != META_VIEWS && k != META_LANG)
				hash_field(&s, 'a' + (int)k, docs[i]->meta[k]);
		iter_init(&it, docs[i]->root);
		while (iter_next(&it) != ITER_DONE) {
			n = it.node;
			ev = (unsigned char)(it.event == ITER_ENTER ?
			    n->type : 0x80 | n->type);
			sha1_update(&s, &ev, 1);
			if (it.event != ITER_ENTER)
				continue;
			switch (n->type) {
			case NODE_TEXT:
				hash_text(&s, n->as.text);
				break;
			case NODE_HEADING:
				ev = (unsigned char)(n->as.heading.level |
				    (n->as.heading.run_in ? 0x10 : 0));
				sha1_update(&s, &ev, 1);
				hash_field(&s, 'L', n->as.heading.label);
				break;
			case NODE_POINT:
				hash_field(&s, 'L', n->as.point.label);
				break;
			case NODE_LIST:
				sha1_update(&s, n->as.list.ordered ? "o" : "u",
				    1);
				break;
			case NODE_LIST_ITEM:
				hash_field(&s, 'L', n->as.item.label);
				break;
			case NODE_TABLE_ROW:
				sha1_update(&s, n->as.row.header ? "h" : "d",
				    1);
				break;
			case NODE_FIGURE:
				hash_field(&s, 'S', n->as.figure.src);
				hash_field(&s, 'A', n->as.figure.alt);
				break;
			case NODE_LINK:
				hash_field(&s, 'U', n->as.link.url);
				break;
			default:
				break;
			}
		}
	}
	sha1_final(&s, d);
	d[6] = (d[6] & 0x0F) | 0x50;		/* version 5 */
	d[8] = (d[8] & 0x3F) | 0x80;		/* RFC 4122 variant */
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[pos++] = '-';
		snprintf(out + pos, 3, "%02x", d[i]);
		pos += 2;
	}
	out[pos] = '\0';
}

