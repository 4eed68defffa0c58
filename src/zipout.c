#include "zipout.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "alloc.h"

struct zipout {
	zip_source_t	*src;		/* the in-memory archive */
	zip_t		*za;		/* NULL once closed */
	struct diag	*diag;
	zip_uint16_t	 dostime, dosdate;
	int		 failed;
};

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

struct zipout *
zipout_new(time_t t, struct diag *diag)
{
	struct zipout	*z = xcalloc(1, sizeof(*z));
	zip_error_t	 err;

	z->diag = diag;
	dos_datetime(t, &z->dostime, &z->dosdate);
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

int
zipout_add(struct zipout *z, const char *name, const void *data, size_t len,
    int store)
{
	zip_source_t	*s;
	zip_int64_t	 idx;
	void		*copy;

	if (z->za == NULL || z->failed)
		return -1;
	copy = xmalloc(len);
	if (len)
		memcpy(copy, data, len);
	s = zip_source_buffer(z->za, copy, len, 1);
	if (s == NULL) {
		free(copy);
		goto fail;
	}
	idx = zip_file_add(z->za, name, s, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(s);
		goto fail;
	}
	if (zip_set_file_compression(z->za, (zip_uint64_t)idx,
	    store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, store ? 0 : 6) != 0 ||
	    zip_file_set_dostime(z->za, (zip_uint64_t)idx, z->dostime,
	    z->dosdate, 0) != 0 ||
	    zip_file_set_external_attributes(z->za, (zip_uint64_t)idx, 0,
	    ZIP_OPSYS_UNIX, 0100644u << 16) != 0)
		goto fail;
	return 0;
fail:
	z->failed = 1;
	return diag_error(z->diag, "cannot add %s to zip archive: %s", name,
	    zip_strerror(z->za));
}

int
zipout_add_buf(struct zipout *z, const char *name, struct buf *b, int store)
{
	int	 rc = zipout_add(z, name, b->ptr, b->len, store);

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
