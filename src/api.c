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
 * An ac_doc is a struct doc seen through the public type; the pointer is
 * converted back before any use.  Options, formats and readers are in
 * api_options.c.
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

#include "io/fileio.h"
#include "io/pngout.h"
#include "io/repro.h"
#include "io/resource.h"
#include "io/zipout.h"
#include "read/reader.h"
#include "tree/alloc.h"
#include "tree/buf.h"
#include "tree/diag.h"
#include "tree/doc.h"
#include "tree/recover.h"
#include "api_int.h"
#include "pipeline.h"
#include "writer.h"

struct ac_buffer {
	struct buf	 b;
	int		 nomem;		/* an append failed (for loaders) */
};

struct ac_diags {
	struct diag_msg	*msgs;
	size_t		 n;
};

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
ac_cover_engine(void)
{
	return writer_cover_engine();
}

/* The caches are process-wide, but only this thread's compressor is ours
 * to free: the others' go with their threads (a key destructor). */
void
ac_cleanup(void)
{
	zipout_shared_clear();
	zipout_thread_done();
	pngout_cache_clear();
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
	po.read.max_depth = API_MAX_DEPTH;
	if (o != NULL) {
		po.reader = o->reader;
		po.read.encoding = o->encoding;
		po.read.filename = o->filename;
		po.read.max_depth = o->max_depth;
		po.keep_punctuation = o->keep_punctuation;
		po.fallback_title = o->fallback_title;
		for (i = 0; i < META__COUNT; i++)
			po.meta[i] = o->meta[i];
		po.read.outline.mode = o->outline;
		po.read.outline.levels = o->levels;
		po.read.media = o->media;
		po.convert = o->convert;
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

/* --- script conversion -------------------------------------------------- */

struct convert_call {
	const char		*name;
	struct script_conv	*sc;		/* the result */
};

static ac_status
convert_body(struct call *c, void *args)
{
	struct convert_call	*cc = args;
	char			 why[256];

	if ((cc->sc = script_conv_open(cc->name, why, sizeof(why))) == NULL) {
		diag_error(&c->d, "%s", why);
		return AC_ERR_INVALID;
	}
	return AC_OK;
}

/*
 * Opens the converter now, in a call of its own: an unknown name or a
 * missing OpenCC configuration is the setter's error, not every read's.
 */
ac_status
ac_read_options_set_convert(ac_read_options *o, const char *name,
    ac_diags *diags)
{
	struct convert_call	 cc;
	ac_status		 st;

	if (o == NULL)
		return AC_ERR_INVALID;
	cc.sc = NULL;
	if (name != NULL && strcmp(name, "none") != 0) {
		cc.name = name;
		if ((st = run(convert_body, &cc, diags)) != AC_OK)
			return st;
	}
	script_conv_close(o->convert);
	o->convert = cc.sc;
	return AC_OK;
}

/* --- checking levels ---------------------------------------------------- */

static ac_status
levels_body(struct call *c, void *args)
{
	char	 why[160];

	if (outline_levels_check(args, why, sizeof(why)) != 0) {
		diag_error(&c->d, "%s", why);
		return AC_ERR_INVALID;
	}
	return AC_OK;
}

/* A call of its own, so that the reason reaches diags like any other. */
ac_status
ac_levels_check(const char *levels, ac_diags *diags)
{
	if (levels == NULL)
		return AC_ERR_INVALID;
	return run(levels_body, (void *)levels, diags);
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
load_resource(void *ctx, const char *src, struct buf *out, const char **why)
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
	if (rc != 0)
		*why = "refused by the resource loader";
	return rc == 0 ? 0 : -1;
}

/*
 * The pictures a document carries (a Word file read with images kept)
 * come first, as on the command line; then the files, through the
 * caller's loader or the confined one.
 */
struct media_loader {
	const struct doc	**docs;
	size_t			 ndocs;
	struct resource_loader	 files;		/* load NULL: none */
};

static int
load_media(void *ctx, const char *src, struct buf *out, const char **why)
{
	const struct media_loader	*ml = ctx;
	const struct doc_media		*m;
	size_t				 i;

	for (i = 0; i < ml->ndocs; i++)
		if ((m = doc_find_media(ml->docs[i], src)) != NULL) {
			buf_put(out, m->data, m->len);
			return 0;
		}
	if (ml->files.load == NULL) {
		*why = "not in the document";
		return -1;
	}
	return ml->files.load(ml->files.ctx, src, out, why);
}

/*
 * The default loader, confined to the folder of the resource base and
 * the resource path folders (resource.h).  A folder that can no longer be
 * opened is a warning.  Returns NULL when there is nothing to search.
 */
static struct resource_confined *
confined_loader(const ac_render_options *o, struct resource_paths **rp,
    struct diag *d)
{
	const char	*p;
	const char	*why = NULL;
	char		*dir, *bad = NULL;
	size_t		 n;

	*rp = NULL;
	if (o->resource_base == NULL && o->resource_paths == NULL)
		return NULL;
	*rp = resource_paths_new();
	for (p = o->resource_paths != NULL ? o->resource_paths : "";
	    *p != '\0'; p += n + (p[n] == ':')) {
		if ((n = strcspn(p, ":")) == 0)
			continue;
		dir = xstrndup(p, n);
		if (resource_paths_add(*rp, dir, &bad, &why) != 0) {
			diag_warn(d, "resource path %s: %s", bad, why);
			free(bad);
		}
		free(dir);
	}
	return resource_confined_new(o->resource_base, *rp,
	    RESOURCE_MAX_IMAGE, 0);
}

static ac_status
render_body(struct call *c, void *args)
{
	struct render_call	*r = args;
	const struct writer	*w;
	const struct doc	**docs;
	struct render_opts	 ro;
	struct resource_confined *confined = NULL;
	struct resource_paths	*rp = NULL;
	struct media_loader	 ml;
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
		if (!ro.embed_images)
			;
		else if (r->opts->load != NULL) {
			ro.resources.load = load_resource;
			ro.resources.ctx = (void *)r->opts;
		} else if ((confined = confined_loader(r->opts, &rp, &c->d)) !=
		    NULL)
			ro.resources = resource_confined_loader(confined);
	}
	for (i = 0; i < r->ndocs && ro.embed_images; i++)
		if (docs[i]->media != NULL) {
			ml.docs = docs;
			ml.ndocs = r->ndocs;
			ml.files = ro.resources;
			ro.resources.load = load_media;
			ro.resources.ctx = &ml;
			break;
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
	resource_confined_free(confined);
	resource_paths_free(rp);
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
