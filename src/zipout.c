#include "zipout.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>
#include <zip.h>

#include "alloc.h"

struct zipout {
	zip_source_t	*src;		/* the in-memory archive */
	zip_t		*za;		/* NULL once closed */
	struct diag	*diag;
	time_t		 mtime;		/* the same instant as libzip keeps it */
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

/*
 * The time_t libzip derives from DOS fields (local time, as the zip format
 * has it) and turns back into the same fields when it writes the archive.
 * Computed once per archive and set with zip_file_set_mtime(), because
 * zip_file_set_dostime() calls mktime(), which looks at /etc/localtime
 * again for every entry.
 */
static time_t
dos_to_time(zip_uint16_t dtime, zip_uint16_t ddate)
{
	struct tm	 tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = ((ddate >> 9) & 127) + 80;
	tm.tm_mon = ((ddate >> 5) & 15) - 1;
	tm.tm_mday = ddate & 31;
	tm.tm_hour = (dtime >> 11) & 31;
	tm.tm_min = (dtime >> 5) & 63;
	tm.tm_sec = (dtime << 1) & 62;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

struct zipout *
zipout_new(time_t t, struct diag *diag)
{
	struct zipout	*z = xcalloc(1, sizeof(*z));
	zip_error_t	 err;
	zip_uint16_t	 dostime, dosdate;

	z->diag = diag;
	dos_datetime(t, &dostime, &dosdate);
	z->mtime = dos_to_time(dostime, dosdate);
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
	return z;
fail:
	diag_error(diag, "cannot create zip archive: %s",
	    zip_error_strerror(&err));
	zip_error_fini(&err);
	if (z->src != NULL)
		zip_source_free(z->src);
	free(z);
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
	e = &shared[nshared];
	e->plain = xmalloc(len);
	memcpy(e->plain, data, len);
	e->size = len;
	e->crc = crc;
	e->packed = xmalloc(d->len);
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
	if (zip_source_stat(z->src, &st) != 0 ||
	    zip_source_open(z->src) != 0) {
		diag_error(z->diag, "cannot read back zip archive: %s",
		    zip_error_strerror(zip_source_error(z->src)));
		return -1;
	}
	buf_grow(out, (size_t)st.size);
	n = zip_source_read(z->src, out->ptr + out->len, st.size);
	if (n < 0 || (zip_uint64_t)n != st.size) {
		diag_error(z->diag, "cannot read back zip archive");
		goto out;
	}
	out->len += (size_t)n;
	out->ptr[out->len] = '\0';
	rc = 0;
out:
	zip_source_close(z->src);
	return rc;
}

void
zipout_free(struct zipout *z)
{
	if (z == NULL)
		return;
	if (z->za != NULL)
		zip_discard(z->za);
	zip_source_free(z->src);
	free(z);
}
