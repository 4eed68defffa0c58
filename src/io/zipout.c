#include "zipout.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>
#include <zip.h>

#include "tree/alloc.h"

struct zipout {
	zip_source_t	*src;		/* the in-memory archive */
	zip_t		*za;		/* NULL once closed */
	struct diag	*diag;
	time_t		 mtime;		/* handed to libzip, which ignores it: */
	zip_uint16_t	 dostime;	/* the entries' time and date fields, */
	zip_uint16_t	 dosdate;	/* set in the finished archive */
	int		 failed;
};

/*
 * One compressed entry as libzip reads it through deflated_cb(): libzip
 * sees a source already in deflate form with its CRC and sizes, and copies
 * it into the archive without compressing again.
 */
struct deflated {
	unsigned char	*data;
	size_t		 len;		/* compressed bytes */
	size_t		 size;		/* uncompressed bytes */
	uint32_t	 crc;
	size_t		 pos;		/* read position */
	zip_error_t	 error;
};

/* The shared entries (ZIPOUT_SHARED); each is immutable once listed. */
struct shared_entry {
	unsigned char	*plain;
	size_t		 size;
	uint32_t	 crc;
	unsigned char	*packed;
	size_t		 packed_len;
};

static pthread_mutex_t		 shared_lock = PTHREAD_MUTEX_INITIALIZER;
static struct shared_entry	 shared[ZIPOUT_SHARED_MAX];
static size_t			 nshared;

/* MS-DOS date and time fields for t (UTC), clamped to 1980..2107. */
static void
dos_datetime(time_t t, zip_uint16_t *dtime, zip_uint16_t *ddate)
{
	struct tm	 tm;

	if (t < 315532800 || gmtime_r(&t, &tm) == NULL) {	/* 1980-01-01 */
		*dtime = 0;
		*ddate = (0 << 9) | (1 << 5) | 1;
		return;
	}
	if (tm.tm_year > 207)
		tm.tm_year = 207;
	*dtime = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) |
	    (tm.tm_sec / 2));
	*ddate = (zip_uint16_t)(((tm.tm_year - 80) << 9) |
	    ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

/* For an abandoned call (recover.h): the archive holds libzip objects. */
static void
abandon(void *z)
{
	zipout_free(z);
}

struct zipout *
zipout_new(time_t t, struct diag *diag)
{
	struct zipout	*z = xcalloc(1, sizeof(*z));
	zip_error_t	 err;
	char		 why[128];

	z->diag = diag;
	dos_datetime(t, &z->dostime, &z->dosdate);
	z->mtime = t;
	zip_error_init(&err);
	z->src = zip_source_buffer_create(NULL, 0, 0, &err);
	if (z->src == NULL)
		goto fail;
	z->za = zip_open_from_source(z->src, ZIP_TRUNCATE, &err);
	if (z->za == NULL)
		goto fail;
	/* Keep the source alive past zip_close() to read the bytes back. */
	zip_source_keep(z->src);
	zip_error_fini(&err);
	recover_defer(abandon, z);
	return z;
fail:
	/* libzip's objects go before diag_error() may allocate. */
	snprintf(why, sizeof(why), "%s", zip_error_strerror(&err));
	zip_error_fini(&err);
	if (z->src != NULL)
		zip_source_free(z->src);
	free(z);
	diag_error(diag, "cannot create zip archive: %s", why);
	return NULL;
}

static zip_int64_t
deflated_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct deflated	*d = ud;
	zip_stat_t	*st;
	size_t		 n;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		d->pos = 0;
		return 0;
	case ZIP_SOURCE_READ:
		n = d->len - d->pos;
		if (n > len)
			n = (size_t)len;
		memcpy(data, d->data + d->pos, n);
		d->pos += n;
		return (zip_int64_t)n;
	case ZIP_SOURCE_CLOSE:
		return 0;
	case ZIP_SOURCE_STAT:
		if (len < sizeof(*st)) {
			zip_error_set(&d->error, ZIP_ER_INVAL, 0);
			return -1;
		}
		st = data;
		zip_stat_init(st);
		st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE |
		    ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC;
		st->size = d->size;
		st->comp_size = d->len;
		st->comp_method = ZIP_CM_DEFLATE;
		st->crc = d->crc;
		return (zip_int64_t)sizeof(*st);
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&d->error, data, len);
	case ZIP_SOURCE_FREE:
		zip_error_fini(&d->error);
		free(d->data);
		free(d);
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN,
		    ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
		    ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		zip_error_set(&d->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

/* Looks data up among the shared entries; fills d and returns 1 if found. */
static int
shared_find(const void *data, size_t len, uint32_t crc, struct deflated *d)
{
	const struct shared_entry	*e = NULL;
	size_t				 i;

	pthread_mutex_lock(&shared_lock);
	for (i = 0; i < nshared && e == NULL; i++)
		if (shared[i].crc == crc && shared[i].size == len &&
		    memcmp(shared[i].plain, data, len) == 0)
			e = &shared[i];
	pthread_mutex_unlock(&shared_lock);
	if (e == NULL)
		return 0;
	/* Listed entries never change until zipout_shared_clear(). */
	d->data = xmalloc(e->packed_len);
	memcpy(d->data, e->packed, e->packed_len);
	d->len = e->packed_len;
	return 1;
}

static void
shared_keep(const void *data, size_t len, uint32_t crc,
    const struct deflated *d)
{
	struct shared_entry	*e;
	size_t			 i;

	if (len > ZIPOUT_SHARED_BYTES)
		return;
	pthread_mutex_lock(&shared_lock);
	for (i = 0; i < nshared; i++)
		if (shared[i].crc == crc && shared[i].size == len &&
		    memcmp(shared[i].plain, data, len) == 0)
			goto out;	/* another thread was first */
	if (nshared == ZIPOUT_SHARED_MAX)
		goto out;
	/*
	 * The list outlives the call, and a mutex is held: plain malloc(),
	 * and no entry if it fails (recover.h, rule 4).
	 */
	e = &shared[nshared];
	e->plain = malloc(len);
	e->packed = malloc(d->len);
	if (e->plain == NULL || e->packed == NULL) {
		free(e->plain);
		free(e->packed);
		goto out;
	}
	memcpy(e->plain, data, len);
	e->size = len;
	e->crc = crc;
	memcpy(e->packed, d->data, d->len);
	e->packed_len = d->len;
	nshared++;
out:
	pthread_mutex_unlock(&shared_lock);
}

void
zipout_shared_clear(void)
{
	size_t	 i;

	pthread_mutex_lock(&shared_lock);
	for (i = 0; i < nshared; i++) {
		free(shared[i].plain);
		free(shared[i].packed);
	}
	nshared = 0;
	pthread_mutex_unlock(&shared_lock);
}

/*
 * Each thread keeps its compressor: libdeflate's state is a few hundred
 * KB, and a batch deflates several entries per article.
 */
static pthread_key_t	 compressor_key;
static pthread_once_t	 compressor_once = PTHREAD_ONCE_INIT;

static void
compressor_free(void *c)
{
	libdeflate_free_compressor(c);
}

static void
compressor_key_init(void)
{
	if (pthread_key_create(&compressor_key, compressor_free) != 0)
		alloc_fail();
}

static struct libdeflate_compressor *
compressor(void)
{
	struct libdeflate_compressor	*c;

	pthread_once(&compressor_once, compressor_key_init);
	if ((c = pthread_getspecific(compressor_key)) == NULL) {
		if ((c = libdeflate_alloc_compressor(ZIPOUT_LEVEL)) == NULL)
			alloc_fail();
		if (pthread_setspecific(compressor_key, c) != 0)
			alloc_fail();
	}
	return c;
}

void
zipout_thread_done(void)
{
	struct libdeflate_compressor	*c;

	pthread_once(&compressor_once, compressor_key_init);
	if ((c = pthread_getspecific(compressor_key)) != NULL) {
		libdeflate_free_compressor(c);
		pthread_setspecific(compressor_key, NULL);
	}
}

/*
 * Deflates data[0..len) into d->data (raw deflate, as zip stores it), in
 * one call: libdeflate compresses whole buffers.
 */
static int
deflate_entry(struct zipout *z, const void *data, size_t len,
    struct deflated *d)
{
	struct libdeflate_compressor	*c = compressor();
	size_t				 bound;

	bound = libdeflate_deflate_compress_bound(c, len);
	d->data = xmalloc(bound);
	d->len = libdeflate_deflate_compress(c, data, len, d->data, bound);
	if (d->len == 0)
		return diag_error(z->diag, "cannot deflate a zip entry of %zu "
		    "bytes", len);
	return 0;
}

/* Adds src as entry name with the archive's time and permissions. */
static int
add_source(struct zipout *z, const char *name, zip_source_t *s, int store)
{
	zip_int64_t	 idx;

	idx = zip_file_add(z->za, name, s, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(s);
		return -1;
	}
	/*
	 * A deflated source keeps libzip's default method, which takes the
	 * method the source reports and so copies the bytes as they are.
	 */
	if ((store && zip_set_file_compression(z->za, (zip_uint64_t)idx,
	    ZIP_CM_STORE, 0) != 0) ||
	    zip_file_set_mtime(z->za, (zip_uint64_t)idx, z->mtime, 0) != 0 ||
	    zip_file_set_external_attributes(z->za, (zip_uint64_t)idx, 0,
	    ZIP_OPSYS_UNIX, 0100644u << 16) != 0)
		return -1;
	return 0;
}

int
zipout_add(struct zipout *z, const char *name, const void *data, size_t len,
    unsigned flags)
{
	zip_source_t	*s;
	struct deflated	*d;
	void		*copy;
	uint32_t	 crc;

	if (z->za == NULL || z->failed)
		return -1;
	if ((flags & ZIPOUT_STORE) || len == 0) {
		/* libzip takes no buffer for an empty entry: give it none. */
		copy = len > 0 ? xmalloc(len) : NULL;
		if (len > 0)
			memcpy(copy, data, len);
		if ((s = zip_source_buffer(z->za, copy, len, len > 0)) ==
		    NULL) {
			free(copy);
			goto fail;
		}
		/* libzip frees the copy now (recover.h, rule 2). */
		recover_disown(copy);
		if (add_source(z, name, s, 1) != 0)
			goto fail;
		return 0;
	}
	d = xcalloc(1, sizeof(*d));
	zip_error_init(&d->error);
	crc = libdeflate_crc32(0, data, len);
	d->crc = crc;
	d->size = len;
	if (!(flags & ZIPOUT_SHARED) || !shared_find(data, len, crc, d)) {
		if (deflate_entry(z, data, len, d) != 0) {
			zip_error_fini(&d->error);
			free(d->data);
			free(d);
			z->failed = 1;
			return -1;
		}
		if (flags & ZIPOUT_SHARED)
			shared_keep(data, len, crc, d);
	}
	if ((s = zip_source_function(z->za, deflated_cb, d)) == NULL) {
		zip_error_fini(&d->error);
		free(d->data);
		free(d);
		goto fail;
	}
	if (add_source(z, name, s, 0) != 0)
		goto fail;
	return 0;
fail:
	z->failed = 1;
	return diag_error(z->diag, "cannot add %s to zip archive: %s", name,
	    zip_strerror(z->za));
}

int
zipout_add_buf(struct zipout *z, const char *name, struct buf *b,
    unsigned flags)
{
	int	 rc = zipout_add(z, name, b->ptr, b->len, flags);

	buf_truncate(b, 0);
	return rc;
}

static unsigned
get16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)get16(p) | (uint32_t)get16(p + 2) << 16;
}

static uint64_t
get64(const unsigned char *p)
{
	return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

static void
put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v & 0xFF);
	p[1] = (unsigned char)(v >> 8);
}

/*
 * The offset of an entry's local header, from its central directory
 * header c (46 bytes and its variable fields, all inside the archive):
 * the 32-bit field, or the ZIP64 extra field when that holds 0xFFFFFFFF.
 * Returns 0, or -1 if the header does not say.
 */
static int
local_offset(const unsigned char *c, uint64_t *off)
{
	const unsigned char	*x = c + 46 + get16(c + 28);
	const unsigned char	*end = x + get16(c + 30);
	unsigned		 id, n;
	size_t			 skip = 0;

	*off = get32(c + 42);
	if (*off != 0xFFFFFFFFu)
		return 0;
	for (; end - x >= 4; x += 4 + n) {
		id = get16(x);
		n = get16(x + 2);
		if ((size_t)(end - x - 4) < n)
			return -1;
		if (id != 0x0001)
			continue;
		/* ZIP64 values come in this order, each only if needed. */
		skip += get32(c + 24) == 0xFFFFFFFFu ? 8 : 0;
		skip += get32(c + 20) == 0xFFFFFFFFu ? 8 : 0;
		if (n < skip + 8)
			return -1;
		*off = get64(x + 4 + skip);
		return 0;
	}
	return -1;
}

/*
 * Writes the MS-DOS time and date fields of every entry, in the central
 * directory and in the local headers, into the archive zip[0..len).
 * libzip would write the time_t it was given converted to local time:
 * then the bytes depend on the machine's time zone, and a date that does
 * not exist in that zone (the hour skipped by daylight saving) comes out
 * an hour off.  Setting the fields ourselves needs no zone at all, so the
 * library gives the same bytes in any program.  Returns 0, or -1 if the
 * archive is not laid out as libzip writes it.
 */
static int
set_entry_times(unsigned char *zip, size_t len, unsigned dostime,
    unsigned dosdate)
{
	unsigned char	*e, *c, *l;
	uint64_t	 count, cd, cdsize, i, off;

	/* The end record, at the very end: we write no archive comment. */
	if (len < 22 || get32(zip + len - 22) != 0x06054b50)
		return -1;
	e = zip + len - 22;
	count = get16(e + 10);
	cdsize = get32(e + 12);
	cd = get32(e + 16);
	if (count == 0xFFFF || cdsize == 0xFFFFFFFFu || cd == 0xFFFFFFFFu) {
		/* ZIP64: the locator precedes the end record. */
		if (len < 22 + 20 + 56 || get32(e - 20) != 0x07064b50 ||
		    (off = get64(e - 20 + 8)) > len - 22 - 20 - 56 ||
		    get32(zip + off) != 0x06064b50)
			return -1;
		count = get64(zip + off + 32);
		cdsize = get64(zip + off + 40);
		cd = get64(zip + off + 48);
	}
	if (cd > len || cdsize > len - cd)
		return -1;
	c = zip + cd;
	for (i = 0; i < count; i++) {
		if ((size_t)(zip + cd + cdsize - c) < 46 ||
		    get32(c) != 0x02014b50 ||
		    (size_t)(zip + cd + cdsize - c) < 46 + (size_t)get16(c + 28) +
		    get16(c + 30) + get16(c + 32) ||
		    local_offset(c, &off) != 0 || off > len || len - off < 30 ||
		    get32(zip + off) != 0x04034b50)
			return -1;
		put16(c + 12, dostime);
		put16(c + 14, dosdate);
		l = zip + off;
		put16(l + 10, dostime);
		put16(l + 12, dosdate);
		c += 46 + get16(c + 28) + get16(c + 30) + get16(c + 32);
	}
	return 0;
}

int
zipout_finish(struct zipout *z, struct buf *out)
{
	zip_stat_t	 st;
	zip_int64_t	 n;
	int		 rc = -1;

	if (z->za == NULL || z->failed)
		return -1;
	if (zip_close(z->za) != 0) {
		diag_error(z->diag, "cannot write zip archive: %s",
		    zip_strerror(z->za));
		zip_discard(z->za);
		z->za = NULL;
		return -1;
	}
	z->za = NULL;
	zip_stat_init(&st);
	if (zip_source_stat(z->src, &st) != 0) {
		diag_error(z->diag, "cannot read back zip archive: %s",
		    zip_error_strerror(zip_source_error(z->src)));
		return -1;
	}
	/* Room first: nothing is allocated while the source is open. */
	buf_grow(out, (size_t)st.size);
	if (zip_source_open(z->src) != 0) {
		diag_error(z->diag, "cannot read back zip archive: %s",
		    zip_error_strerror(zip_source_error(z->src)));
		return -1;
	}
	n = zip_source_read(z->src, out->ptr + out->len, st.size);
	zip_source_close(z->src);
	if (n < 0 || (zip_uint64_t)n != st.size) {
		diag_error(z->diag, "cannot read back zip archive");
		goto out;
	}
	if (set_entry_times((unsigned char *)out->ptr + out->len, (size_t)n,
	    z->dostime, z->dosdate) != 0) {
		diag_error(z->diag, "cannot set the times of the zip entries");
		goto out;
	}
	out->len += (size_t)n;
	out->ptr[out->len] = '\0';
	rc = 0;
out:
	return rc;
}

void
zipout_free(struct zipout *z)
{
	if (z == NULL)
		return;
	recover_forget(z);
	if (z->za != NULL)
		zip_discard(z->za);
	zip_source_free(z->src);
	free(z);
}
