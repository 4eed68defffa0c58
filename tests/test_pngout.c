/* Unit tests: src/io/pngout.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "io/pngout.h"
#include "testutil.h"
#include "tu_png.h"

static const unsigned char palette[] = {
	0xf7, 0xf2, 0xe8,	0x9b, 0x1c, 0x1c,	0x1a, 0x1a, 0x1a,
	0x10, 0x20, 0x30,
};

/* Encodes index, decodes it back, and compares every pixel. */
static void
round_trip(const unsigned char *index, int w, int h, struct buf *png)
{
	unsigned char	*rgb;
	int		 gw, gh;
	size_t		 i;

	pngout_palette(png, index, w, h, palette, 4);
	rgb = tu_png_read((const unsigned char *)png->ptr, png->len, &gw, &gh);
	assert_non_null(rgb);
	assert_int_equal(gw, w);
	assert_int_equal(gh, h);
	for (i = 0; i < (size_t)w * (size_t)h; i++)
		assert_memory_equal(rgb + 3 * i, palette + 3 * index[i], 3);
	free(rgb);
}

/*
 * A page like the cover: runs of repeated rows, long and short, between
 * rows that all differ; decoded back exactly, and the same bytes each
 * time.
 */
static void
test_cover_like(void **state)
{
	const int	 w = 300, h = 450;
	unsigned char	*index = xcalloc((size_t)w * h, 1);
	struct buf	 a = BUF_INIT, b = BUF_INIT;
	int		 x, y;

	(void)state;
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			unsigned char *p = index + (size_t)y * w + x;

			if (x == 10 || x == w - 11 || y == 10 || y == h - 11)
				*p = 1;
			else if (y >= 100 && y < 140 && ((x * 7 + y * 3) % 11) < 4)
				*p = 2;
			else if (y >= 200 && y < 203)
				*p = (unsigned char)(x % 4);
		}
	pngout_cache_clear();
	round_trip(index, w, h, &a);
	round_trip(index, w, h, &b);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.ptr, b.ptr, a.len);
	pngout_cache_clear();
	buf_truncate(&b, 0);
	round_trip(index, w, h, &b);
	assert_memory_equal(a.ptr, b.ptr, a.len);
	/* Far smaller than the pixels: the runs cost almost nothing. */
	assert_true(a.len < (size_t)w * h / 20);
	buf_free(&a);
	buf_free(&b);
	free(index);
}

/* Long runs of repeated rows, and one-row images. */
static void
test_extremes(void **state)
{
	const int	 w = 3, h = 140000;
	unsigned char	*index = xcalloc((size_t)w * h, 1);
	struct buf	 png = BUF_INIT;

	(void)state;
	index[5] = 3;
	index[(size_t)w * 100000 + 1] = 2;	/* after a run of 99998 rows */
	round_trip(index, w, h, &png);
	buf_truncate(&png, 0);
	round_trip(index, 1, 1, &png);
	buf_truncate(&png, 0);
	round_trip(index, 1, 17, &png);
	buf_free(&png);
	free(index);
	pngout_cache_clear();
}

/*
 * Byte values counted 1, 1, 3, 6, 12, 24 …: each more frequent than all
 * the rarer ones together, so an optimal code for them is a chain longer
 * than deflate's 15 bits, and the writer must make a shorter one; the
 * image still decodes exactly.
 */
static void
test_skewed(void **state)
{
	enum { NSYM = 19 };
	unsigned char	 pal[3 * 256];
	size_t		 left[NSYM], total = 0, i, k, n = 0;
	unsigned char	*index, *rgb;
	struct buf	 png = BUF_INIT;
	int		 gw, gh, more = 1;

	(void)state;
	for (k = 0; k < NSYM; k++) {
		left[k] = k < 2 ? 1 : (size_t)3 << (k - 2);
		total += left[k];
	}
	for (i = 0; i < 256; i++) {
		pal[3 * i] = (unsigned char)i;
		pal[3 * i + 1] = (unsigned char)(255 - i);
		pal[3 * i + 2] = (unsigned char)(i ^ 0x55);
	}
	index = xcalloc(total, 1);
	/* Round robin, so that few values stand in runs. */
	while (more)
		for (more = 0, k = 0; k < NSYM; k++)
			if (left[k] > 0) {
				index[n++] = (unsigned char)(k * 7 + 3);
				left[k]--;
				more = 1;
			}
	assert_int_equal(n, total);
	pngout_palette(&png, index, (int)total, 1, pal, 256);
	rgb = tu_png_read((const unsigned char *)png.ptr, png.len, &gw, &gh);
	assert_non_null(rgb);
	assert_int_equal(gw, (int)total);
	assert_int_equal(gh, 1);
	for (i = 0; i < total; i++)
		assert_memory_equal(rgb + 3 * i, pal + 3 * index[i], 3);
	free(rgb);
	free(index);
	buf_free(&png);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cover_like),
		cmocka_unit_test(test_extremes),
		cmocka_unit_test(test_skewed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
