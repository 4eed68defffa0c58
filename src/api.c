/*
 * The public API (include/artconv.h) over the converter's internals.
 *
 * Each conversion call (ac_read*, ac_render*) runs through run(): a
 * recoverable call (recover.h) in the C locale, with libxml2 silenced,
 * whose messages reach the caller's ac_diags only once it has succeeded
 * or failed on its own terms.  The small functions (options, buffers,
 * message lists) allocate with alloc_try_*() and report AC_ERR_NOMEM
 * themselves: they own no recoverable call.
 *
 * Opaque handles are the internal objects seen through public types: an
 * ac_doc is a struct doc, an ac_format a struct writer, an ac_reader a
 * struct reader.  The pointers are converted back before any use.
 */
#include "artconv.h"

#include <locale.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "fileio.h"
#include "pipeline.h"
#include "reader.h"
#include "recover.h"
#include "repro.h"
#include "writer.h"

struct ac_buffer {
	struct buf	 b;
	int		 nomem;		/* an append failed (for loaders) */
};

struct ac_diags {
	struct diag_msg	*msgs;
	size_t		 n;
};

struct ac_read_options {
	const struct reader	*reader;	/* NULL: detect */
	char			*encoding;
	char			*filename;
	char			*fallback_title;
	char			*meta[META__COUNT];
	int			 keep_punctuation;
	size_t			 max_depth;
};

struct ac_render_options {
	struct render_opts	 ro;		/* strings point below */
	char			*lang;
	char			*reference_doc;
	char			*cover;
	char			*book_title;
	ac_load_fn		 load;
	void			*load_ctx;
	ac_time_policy		 time;
	int64_t			 seconds;
};

/* The defaults of the command line. */
#define DEFAULT_MAX_DEPTH	128

/* --- set-up, once per process ------------------------------------------- */

static pthread_once_t	 setup_once = PTHREAD_ONCE_INIT;
static locale_t		 c_locale;

/*
 * libxml2 must be initialised once before threads use it; the C locale
 * object makes case-insensitive comparisons and number formatting the
 * same whatever locale the host program chose.
 */
static void
setup(void)
{
	xmlInitParser();
	c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

/* libxml2's errors are ours to report, never to print. */
static void
silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* --- one conversion call ------------------------------------------------- */

struct call {
	struct diag	 d;		/* this call's messages */
	ac_diags	*diags;		/* the caller's list, or NULL */
	struct diag_msg	*merged;	/* its messages then ours */
};

/*
 * Builds the caller's new message list inside the call, so that running
 * out of memory here still fails the call cleanly; install_messages()
 * puts it in place afterwards, without allocating (recover.h, rule 5).
 */
static void
merge_messages(struct call *c)
{
	size_t	 old;

	if (c->diags == NULL || c->d.n == 0)
		return;
	old = c->diags->n;
	c->merged = xreallocarray(NULL, old + c->d.n, sizeof(*c->merged));
	if (old > 0)
		memcpy(c->merged, c->diags->msgs, old * sizeof(*c->merged));
	memcpy(c->merged + old, c->d.msgs, c->d.n * sizeof(*c->merged));
}

static void
install_messages(struct call *c)
{
	if (c->merged != NULL) {
		free(c->diags->msgs);
		c->diags->msgs = c->merged;
		c->diags->n += c->d.n;
		/* The texts now belong to the caller's list. */
		free(c->d.msgs);
	} else
		diag_free(&c->d);
}

/*
 * Runs body(c, args) as one recoverable call and returns its status, or
 * AC_ERR_NOMEM / AC_ERR_INTERNAL if it was abandoned, or AC_ERR_BUSY if a
 * call is already running on this thread (from inside a loader).
 */
static ac_status
run_recoverable(ac_status (*body)(struct call *, void *), void *args,
    ac_diags *diags)
{
	struct recover_guard	 g;
	struct call		 c;
	ac_status		 st;

	if (recover_begin(&g) != 0)
		return AC_ERR_BUSY;
	if (setjmp(g.env) != 0)
		return recover_abandon() == RECOVER_BUG ? AC_ERR_INTERNAL :
		    AC_ERR_NOMEM;
	memset(&c, 0, sizeof(c));
	diag_init(&c.d, 1);
	c.diags = diags;
	st = body(&c, args);
	merge_messages(&c);
	recover_commit();
	install_messages(&c);
	return st;
}

/* run_recoverable() in the C locale, with libxml2's messages silenced. */
static ac_status
run(ac_status (*body)(struct call *, void *), void *args, ac_diags *diags)
{
	locale_t		 old_locale = (locale_t)0;
	xmlGenericErrorFunc	 old_generic;
	xmlStructuredErrorFunc	 old_structured;
	void			*old_generic_ctx, *old_structured_ctx;
	ac_status		 st;

	pthread_once(&setup_once, setup);
	if (c_locale != (locale_t)0)
		old_locale = uselocale(c_locale);
	old_generic = xmlGenericError;
	old_generic_ctx = xmlGenericErrorContext;
	old_structured = xmlStructuredError;
	old_structured_ctx = xmlStructuredErrorContext;
	xmlSetGenericErrorFunc(NULL, silent);
	xmlSetStructuredErrorFunc(NULL, NULL);
	st = run_recoverable(body, args, diags);
	xmlSetStructuredErrorFunc(old_structured_ctx, old_structured);
	xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
	if (c_locale != (locale_t)0)
		uselocale(old_locale);
	return st;
}

/* --- version and errors ------------------------------------------------- */

const char *
ac_version(void)
{
	return AC_VERSION_STRING;
}

const char *
ac_strerror(ac_status status)
{
	switch (status) {
	case AC_OK:
		return "success";
	case AC_ERR_NOMEM:
		return "out of memory";
	case AC_ERR_INVALID:
		return "invalid argument";
	case AC_ERR_UNKNOWN_FORMAT:
		return "unknown format";
	case AC_ERR_IO:
		return "cannot read the file";
	case AC_ERR_INPUT:
		return "cannot convert the article";
	case AC_ERR_RENDER:
		return "cannot make the output";
	case AC_ERR_BUSY:
		return "called from inside another artconv call";
	case AC_ERR_INTERNAL:
		return "internal error";
	}
	return "unknown error";
}

/* --- messages ------------------------------------------------------------ */

ac_diags *
ac_diags_new(void)
{
	ac_diags	*d = alloc_try_malloc(sizeof(*d));

	if (d != NULL) {
		d->msgs = NULL;
		d->n = 0;
	}
	return d;
}

void
ac_diags_clear(ac_diags *diags)
{
	size_t	 i;

	if (diags == NULL)
		return;
	for (i = 0; i < diags->n; i++)
		free(diags->msgs[i].text);
	free(diags->msgs);
	diags->msgs = NULL;
	diags->n = 0;
}

void
ac_diags_free(ac_diags *diags)
{
	ac_diags_clear(diags);
	free(diags);
}

size_t
ac_diags_count(const ac_diags *diags)
{
	return diags != NULL ? diags->n : 0;
}

ac_level
ac_diags_level(const ac_diags *diags, size_t i)
{
	if (diags == NULL || i >= diags->n)
		return AC_ERROR;
	switch (diags->msgs[i].level) {
	case DIAG_NOTE:
		return AC_NOTE;
	case DIAG_WARN:
		return AC_WARNING;
	case DIAG_ERROR:
		break;
	}
	return AC_ERROR;
}

const char *
ac_diags_text(const ac_diags *diags, size_t i)
{
	return diags != NULL && i < diags->n ? diags->msgs[i].text : NULL;
}

/* --- buffers ------------------------------------------------------------- */

ac_buffer *
ac_buffer_new(void)
{
	ac_buffer	*b = alloc_try_malloc(sizeof(*b));

	if (b != NULL) {
		buf_init(&b->b);
		b->nomem = 0;
	}
	return b;
}

void
ac_buffer_free(ac_buffer *buf)
{
	if (buf == NULL)
		return;
	buf_free(&buf->b);
	free(buf);
}

const char *
ac_buffer_data(const ac_buffer *buf)
{
	return buf != NULL ? buf->b.ptr : "";
}

size_t
ac_buffer_len(const ac_buffer *buf)
{
	return buf != NULL ? buf->b.len : 0;
}

/*
 * Makes room for extra more bytes without raising (buf_grow() would):
 * the same 1.5x growth.  Returns 0, or -1 when out of memory.
 */
static int
reserve(struct buf *b, size_t extra)
{
	size_t	 need, cap;
	char	*p;

	if (extra > SIZE_MAX - b->len - 1)
		return -1;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap < 64 ? 64 : b->cap;
	while (cap < need)
		cap = cap > SIZE_MAX / 3 * 2 ? need : cap + cap / 2;
	p = alloc_try_realloc(b->cap ? b->ptr : NULL, cap);
	if (p == NULL)
		return -1;
	if (b->cap == 0)
		p[0] = '\0';
	b->ptr = p;
	b->cap = cap;
	return 0;
}

ac_status
ac_buffer_append(ac_buffer *buf, const void *data, size_t len)
{
	if (buf == NULL || (data == NULL && len > 0))
		return AC_ERR_INVALID;
	if (len == 0)
		return AC_OK;
	if (reserve(&buf->b, len) != 0) {
		buf->nomem = 1;
		return AC_ERR_NOMEM;
	}
	memcpy(buf->b.ptr + buf->b.len, data, len);
	buf->b.len += len;
	buf->b.ptr[buf->b.len] = '\0';
	return AC_OK;
}

void
ac_buffer_clear(ac_buffer *buf)
{
	if (buf != NULL)
		buf_truncate(&buf->b, 0);
}

char *
ac_buffer_detach(ac_buffer *buf, size_t *len)
{
	char	*p;

	if (buf == NULL)
		return NULL;
	if (buf->b.cap == 0 && reserve(&buf->b, 0) != 0)
		return NULL;
	if (len != NULL)
		*len = buf->b.len;
	p = buf->b.ptr;
	buf_init(&buf->b);
	return p;
}

/*
 * Appends src to the caller's buffer after a call, or hands its storage
 * over when the buffer is empty.  Frees src's storage either way.
 * Returns AC_OK or AC_ERR_NOMEM (the buffer unchanged).
 */
static ac_status
deliver(struct buf *src, ac_buffer *out)
{
	ac_status	 st = AC_OK;

	if (out->b.len == 0 && src->cap > 0) {
		buf_free(&out->b);
		out->b = *src;
		buf_init(src);
		return AC_OK;
	}
	st = ac_buffer_append(out, src->ptr, src->len);
	out->nomem = 0;
	buf_free(src);
	return st;
}

/* --- formats and readers -------------------------------------------------- */

size_t
ac_format_count(void)
{
	size_t	 n = 0;

	while (writers[n] != NULL)
		n++;
	return n;
}

const ac_format *
ac_format_at(size_t i)
{
	return i < ac_format_count() ? (const ac_format *)writers[i] : NULL;
}

const ac_format *
ac_format_find(const char *name)
{
	return name != NULL ? (const ac_format *)writer_find(name) : NULL;
}

const ac_format *
ac_format_for_extension(const char *ext)
{
	return ext != NULL ? (const ac_format *)writer_for_extension(ext) :
	    NULL;
}

const char *
ac_format_name(const ac_format *f)
{
	return f != NULL ? ((const struct writer *)f)->name : NULL;
}

const char *
ac_format_extension(const ac_format *f)
{
	return f != NULL ? ((const struct writer *)f)->extension : NULL;
}

const char *
ac_format_description(const ac_format *f)
{
	return f != NULL ? ((const struct writer *)f)->description : NULL;
}

int
ac_format_is_binary(const ac_format *f)
{
	return f != NULL && ((const struct writer *)f)->binary;
}

size_t
ac_reader_count(void)
{
	size_t	 n = 0;

	while (readers[n] != NULL)
		n++;
	return n;
}

const ac_reader *
ac_reader_at(size_t i)
{
	return i < ac_reader_count() ? (const ac_reader *)readers[i] : NULL;
}

const ac_reader *
ac_reader_find(const char *name)
{
	return name != NULL ? (const ac_reader *)reader_find(name) : NULL;
}

const char *
ac_reader_name(const ac_reader *r)
{
	return r != NULL ? ((const struct reader *)r)->name : NULL;
}

const char *
ac_reader_extensions(const ac_reader *r)
{
	return r != NULL ? ((const struct reader *)r)->extensions : NULL;
}

const char *
ac_reader_description(const ac_reader *r)
{
	return r != NULL ? ((const struct reader *)r)->description : NULL;
}

size_t
ac_meta_key_count(void)
{
	return META__COUNT;
}

const char *
ac_meta_key_at(size_t i)
{
	return i < META__COUNT ? meta_key_name[i] : NULL;
}

/* --- options ------------------------------------------------------------- */

/* Replaces *slot with a copy of value (NULL clears it). */
static ac_status
set_string(char **slot, const char *value)
{
	char	*copy = NULL;
	size_t	 len;

	if (value != NULL) {
		len = strlen(value);
		if ((copy = alloc_try_malloc(len + 1)) == NULL)
			return AC_ERR_NOMEM;
		memcpy(copy, value, len + 1);
	}
	free(*slot);
	*slot = copy;
	return AC_OK;
}

/* Replaces *slot with a copy of bytes[0..len) (NULL clears it). */
static ac_status
set_bytes(char **slot, const void *bytes, size_t len)
{
	char	*copy = NULL;

	if (bytes != NULL) {
		if ((copy = alloc_try_malloc(len)) == NULL)
			return AC_ERR_NOMEM;
		memcpy(copy, bytes, len);
	}
	free(*slot);
	*slot = copy;
	return AC_OK;
}

ac_read_options *
ac_read_options_new(void)
{
	ac_read_options	*o = alloc_try_malloc(sizeof(*o));

	if (o != NULL) {
		memset(o, 0, sizeof(*o));
		o->max_depth = DEFAULT_MAX_DEPTH;
	}
	return o;
}

void
ac_read_options_free(ac_read_options *o)
{
	int	 i;

	if (o == NULL)
		return;
	free(o->encoding);
	free(o->filename);
	free(o->fallback_title);
	for (i = 0; i < META__COUNT; i++)
		free(o->meta[i]);
	free(o);
}

ac_status
ac_read_options_set_reader(ac_read_options *o, const char *name)
{
	const struct reader	*r = NULL;

	if (o == NULL)
		return AC_ERR_INVALID;
	if (name != NULL && strcmp(name, "auto") != 0 &&
	    (r = reader_find(name)) == NULL)
		return AC_ERR_UNKNOWN_FORMAT;
	o->reader = r;
	return AC_OK;
}

ac_status
ac_read_options_set_encoding(ac_read_options *o, const char *encoding)
{
	return o != NULL ? set_string(&o->encoding, encoding) : AC_ERR_INVALID;
}

ac_status
ac_read_options_set_filename(ac_read_options *o, const char *filename)
{
	return o != NULL ? set_string(&o->filename, filename) : AC_ERR_INVALID;
}

ac_status
ac_read_options_set_fallback_title(ac_read_options *o, const char *title)
{
	return o != NULL ? set_string(&o->fallback_title, title) :
	    AC_ERR_INVALID;
}

ac_status
ac_read_options_set_meta(ac_read_options *o, const char *key,
    const char *value)
{
	int	 k;

	if (o == NULL || key == NULL || (k = meta_key_lookup(key)) < 0)
		return AC_ERR_INVALID;
	return set_string(&o->meta[k], value);
}

ac_status
ac_read_options_set_typography(ac_read_options *o, int repair)
{
	if (o == NULL)
		return AC_ERR_INVALID;
	o->keep_punctuation = !repair;
	return AC_OK;
}

ac_status
ac_read_options_set_max_depth(ac_read_options *o, size_t depth)
{
	if (o == NULL)
		return AC_ERR_INVALID;
	o->max_depth = depth ? depth : DEFAULT_MAX_DEPTH;
	return AC_OK;
}

ac_render_options *
ac_render_options_new(void)
{
	ac_render_options	*o = alloc_try_malloc(sizeof(*o));

	if (o != NULL) {
		memset(o, 0, sizeof(*o));
		o->ro.bold_leads = 1;
		o->ro.points = POINTS_DEFAULT;
		o->ro.docx_style = DOCX_OFFICIAL;
		o->time = AC_TIME_AUTO;
	}
	return o;
}

void
ac_render_options_free(ac_render_options *o)
{
	if (o == NULL)
		return;
	free(o->lang);
	free(o->reference_doc);
	free(o->cover);
	free(o->book_title);
	free(o);
}

ac_status
ac_render_options_set_points(ac_render_options *o, ac_points points)
{
	if (o == NULL)
		return AC_ERR_INVALID;
	switch (points) {
	case AC_POINTS_DEFAULT:
		o->ro.points = POINTS_DEFAULT;
		return AC_OK;
	case AC_POINTS_INLINE:
		o->ro.points = POINTS_INLINE;
		return AC_OK;
	case AC_POINTS_SPLIT:
		o->ro.points = POINTS_SPLIT;
		return AC_OK;
	}
	return AC_ERR_INVALID;
}

ac_status
ac_render_options_set_bold_leads(ac_render_options *o, int bold)
{
	if (o == NULL)
		return AC_ERR_INVALID;
	o->ro.bold_leads = bold != 0;
	return AC_OK;
}

ac_status
ac_render_options_set_wrap(ac_render_options *o, size_t columns)
{
	/* The command line's bounds: narrower than 8 columns is no text. */
	if (o == NULL || (columns > 0 && columns < 8) || columns > 10000)
		return AC_ERR_INVALID;
	o->ro.wrap = columns;
	return AC_OK;
}

ac_status
ac_render_options_set_lang(ac_render_options *o, const char *lang)
{
	ac_status	 st;

	if (o == NULL)
		return AC_ERR_INVALID;
	if ((st = set_string(&o->lang, lang)) == AC_OK)
		o->ro.lang = o->lang;
	return st;
}

ac_status
ac_render_options_set_docx_style(ac_render_options *o, ac_docx_style style)
{
	if (o == NULL)
		return AC_ERR_INVALID;
	switch (style) {
	case AC_DOCX_OFFICIAL:
		o->ro.docx_style = DOCX_OFFICIAL;
		return AC_OK;
	case AC_DOCX_PLAIN:
		o->ro.docx_style = DOCX_PLAIN;
		return AC_OK;
	}
	return AC_ERR_INVALID;
}

ac_status
ac_render_options_set_toc(ac_render_options *o, int toc)
{
	if (o == NULL)
		return AC_ERR_INVALID;
	o->ro.toc = toc != 0;
	return AC_OK;
}

ac_status
ac_render_options_set_reference_doc(ac_render_options *o, const void *bytes,
    size_t len)
{
	ac_status	 st;

	if (o == NULL)
		return AC_ERR_INVALID;
	if ((st = set_bytes(&o->reference_doc, bytes, len)) != AC_OK)
		return st;
	o->ro.reference_doc.ptr = o->reference_doc;
	o->ro.reference_doc.len = bytes != NULL ? len : 0;
	return AC_OK;
}

ac_status
ac_render_options_set_cover(ac_render_options *o, const void *bytes,
    size_t len)
{
	const char	*type = NULL;
	ac_status	 st;

	if (o == NULL)
		return AC_ERR_INVALID;
	/* Every e-book reader shows JPEG and PNG covers; GIF not always. */
	if (bytes != NULL && ((type = writer_image_type(bytes, len)) ==
	    NULL || strcmp(type, "image/gif") == 0))
		return AC_ERR_INVALID;
	if ((st = set_bytes(&o->cover, bytes, len)) != AC_OK)
		return st;
	o->ro.cover.ptr = o->cover;
	o->ro.cover.len = bytes != NULL ? len : 0;
	o->ro.cover_type = type;
	return AC_OK;
}

ac_status
ac_render_options_set_images(ac_render_options *o, int embed)
{
	if (o == NULL)
		return AC_ERR_INVALID;
	o->ro.embed_images = embed != 0;
	return AC_OK;
}

ac_status
ac_render_options_set_resource_loader(ac_render_options *o, ac_load_fn load,
    void *ctx)
{
	if (o == NULL)
		return AC_ERR_INVALID;
	o->load = load;
	o->load_ctx = load != NULL ? ctx : NULL;
	return AC_OK;
}

ac_status
ac_render_options_set_time(ac_render_options *o, ac_time_policy policy,
    int64_t seconds)
{
	if (o == NULL)
		return AC_ERR_INVALID;
	switch (policy) {
	case AC_TIME_FIXED:
		if (seconds < 0 || seconds > REPRO_MAX_EPOCH)
			return AC_ERR_INVALID;
		break;
	case AC_TIME_AUTO:
	case AC_TIME_NOW:
		seconds = 0;
		break;
	default:
		return AC_ERR_INVALID;
	}
	o->time = policy;
	o->seconds = seconds;
	return AC_OK;
}

ac_status
ac_render_options_set_book_title(ac_render_options *o, const char *title)
{
	ac_status	 st;

	if (o == NULL)
		return AC_ERR_INVALID;
	if ((st = set_string(&o->book_title, title)) == AC_OK)
		o->ro.collection_title = o->book_title;
	return st;
}

/* --- reading ------------------------------------------------------------- */

struct read_call {
	const char		*data;
	size_t			 len;
	const char		*path;		/* ac_read_file(), or NULL */
	const ac_read_options	*opts;
	struct doc		*doc;		/* the result */
};

/* The file name of path without folder and extension, as a title. */
static char *
title_from_name(const char *path)
{
	const char	*base = strrchr(path, '/'), *dot;

	base = base != NULL ? base + 1 : path;
	dot = strrchr(base, '.');
	return dot != NULL && dot != base ?
	    xstrndup(base, (size_t)(dot - base)) : xstrdup(base);
}

static ac_status
read_body(struct call *c, void *args)
{
	struct read_call	*r = args;
	const ac_read_options	*o = r->opts;
	struct pipeline_opts	 po;
	struct buf		 file = BUF_INIT;
	const char		*why = NULL, *data = r->data;
	char			*stem = NULL;
	size_t			 len = r->len;
	ac_status		 st = AC_ERR_INPUT;
	int			 i;

	memset(&po, 0, sizeof(po));
	po.read.max_depth = DEFAULT_MAX_DEPTH;
	if (o != NULL) {
		po.reader = o->reader;
		po.read.encoding = o->encoding;
		po.read.filename = o->filename;
		po.read.max_depth = o->max_depth;
		po.keep_punctuation = o->keep_punctuation;
		po.fallback_title = o->fallback_title;
		for (i = 0; i < META__COUNT; i++)
			po.meta[i] = o->meta[i];
	}
	if (r->path != NULL) {
		/* A path names a file: "-" is not standard input here. */
		if (file_read(strcmp(r->path, "-") == 0 ? "./-" : r->path,
		    PIPELINE_MAX_INPUT, &file, &why) != 0) {
			diag_error(&c->d, "%s: %s", r->path, why);
			st = AC_ERR_IO;
			goto out;
		}
		data = file.ptr;
		len = file.len;
		po.read.filename = r->path;
	}
	if (po.fallback_title == NULL && po.read.filename != NULL)
		po.fallback_title = stem = title_from_name(po.read.filename);
	if (pipeline_read(data, len, &po, &r->doc, &c->d) != 0)
		goto out;
	st = AC_OK;
out:
	free(stem);
	buf_free(&file);
	return st;
}

static ac_status
read_common(struct read_call *r, ac_doc **doc, ac_diags *diags)
{
	ac_status	 st;

	st = run(read_body, r, diags);
	if (st == AC_OK)
		*doc = (ac_doc *)r->doc;
	return st;
}

ac_status
ac_read(const void *data, size_t len, const ac_read_options *opts,
    ac_doc **doc, ac_diags *diags)
{
	struct read_call	 r;

	if (doc == NULL)
		return AC_ERR_INVALID;
	*doc = NULL;
	if (data == NULL && len > 0)
		return AC_ERR_INVALID;
	memset(&r, 0, sizeof(r));
	r.data = data != NULL ? data : "";
	r.len = len;
	r.opts = opts;
	return read_common(&r, doc, diags);
}

ac_status
ac_read_file(const char *path, const ac_read_options *opts, ac_doc **doc,
    ac_diags *diags)
{
	struct read_call	 r;

	if (doc == NULL)
		return AC_ERR_INVALID;
	*doc = NULL;
	if (path == NULL)
		return AC_ERR_INVALID;
	memset(&r, 0, sizeof(r));
	r.path = path;
	r.opts = opts;
	return read_common(&r, doc, diags);
}

void
ac_doc_free(ac_doc *doc)
{
	doc_free((struct doc *)doc);
}

const char *
ac_doc_meta(const ac_doc *doc, const char *key)
{
	int	 k;

	if (doc == NULL || key == NULL || (k = meta_key_lookup(key)) < 0)
		return NULL;
	return ((const struct doc *)doc)->meta[k];
}

/* --- rendering ------------------------------------------------------------ */

struct render_call {
	const ac_doc *const	*docs;
	size_t			 ndocs;
	const char		*format;
	const ac_render_options	*opts;
	struct buf		 out;		/* the result */
};

/*
 * The writers' resource loader over the caller's: the caller fills a
 * buffer of its own (ac_buffer_append() never raises), which is copied
 * into the writer's.  Its storage is registered meanwhile, so that
 * running out of memory while copying leaks nothing.
 */
static void
free_block(void *p)
{
	free(p);
}

static int
load_resource(void *ctx, const char *src, struct buf *out)
{
	const ac_render_options	*o = ctx;
	ac_buffer		 loaded;
	int			 rc;

	buf_init(&loaded.b);
	loaded.nomem = 0;
	rc = o->load(o->load_ctx, src, &loaded);
	if (loaded.b.cap > 0)
		recover_defer(free_block, loaded.b.ptr);
	if (loaded.nomem)
		recover_raise(RECOVER_NOMEM);
	if (rc == 0)
		buf_put(out, loaded.b.ptr, loaded.b.len);
	if (loaded.b.cap > 0)
		recover_forget(loaded.b.ptr);
	buf_free(&loaded.b);
	return rc == 0 ? 0 : -1;
}

static ac_status
render_body(struct call *c, void *args)
{
	struct render_call	*r = args;
	const struct writer	*w;
	const struct doc	**docs;
	struct render_opts	 ro;
	time_t			 t;
	size_t			 i;
	ac_status		 st = AC_ERR_RENDER;

	if (r->format == NULL || (w = writer_find(r->format)) == NULL) {
		diag_error(&c->d, "unknown format \"%s\"",
		    r->format != NULL ? r->format : "(null)");
		return AC_ERR_UNKNOWN_FORMAT;
	}
	docs = xreallocarray(NULL, r->ndocs, sizeof(*docs));
	for (i = 0; i < r->ndocs; i++)
		docs[i] = (const struct doc *)r->docs[i];
	memset(&ro, 0, sizeof(ro));
	ro.bold_leads = 1;
	if (r->opts != NULL) {
		ro = r->opts->ro;
		if (r->opts->load != NULL) {
			ro.resources.load = load_resource;
			ro.resources.ctx = (void *)r->opts;
		}
	}
	switch (r->opts != NULL ? r->opts->time : AC_TIME_AUTO) {
	case AC_TIME_FIXED:
		ro.timestamp = (time_t)r->opts->seconds;
		break;
	case AC_TIME_NOW:
		ro.timestamp = time(NULL);
		break;
	case AC_TIME_AUTO:
		if (repro_source_date_epoch(&ro.timestamp))
			break;
		/* The newest article dates a book. */
		ro.timestamp = 0;
		for (i = 0; i < r->ndocs; i++)
			if ((t = repro_article_time(docs[i])) > ro.timestamp)
				ro.timestamp = t;
		break;
	}
	if (w->render(docs, r->ndocs, &ro, &r->out, &c->d) == 0)
		st = AC_OK;
	free(docs);
	return st;
}

ac_status
ac_render_book(const ac_doc *const *docs, size_t ndocs, const char *format,
    const ac_render_options *opts, ac_buffer *out, ac_diags *diags)
{
	struct render_call	 r;
	ac_status		 st;
	size_t			 i;

	if (docs == NULL || ndocs == 0 || out == NULL)
		return AC_ERR_INVALID;
	for (i = 0; i < ndocs; i++)
		if (docs[i] == NULL)
			return AC_ERR_INVALID;
	memset(&r, 0, sizeof(r));
	r.docs = docs;
	r.ndocs = ndocs;
	r.format = format;
	r.opts = opts;
	buf_init(&r.out);
	if ((st = run(render_body, &r, diags)) != AC_OK)
		return st;
	return deliver(&r.out, out);
}

ac_status
ac_render(const ac_doc *doc, const char *format,
    const ac_render_options *opts, ac_buffer *out, ac_diags *diags)
{
	const ac_doc	*docs[1] = { doc };

	if (doc == NULL)
		return AC_ERR_INVALID;
	return ac_render_book(docs, 1, format, opts, out, diags);
}
