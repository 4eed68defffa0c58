/*
 * The DOCX package, read safely (read_docx_int.h).
 *
 * A DOCX file is a zip that anyone can craft.  Before libzip reads the
 * central directory, its entry count is taken from the end-of-central-
 * directory record (libzip would otherwise allocate for every one of a
 * million entries first); then every entry is checked before anything is
 * inflated: no absolute or ".." names, only the methods Word writes
 * (stored, deflated), no encrypted entries, no compression ratio beyond
 * what deflate can reach.  Parts are read with a byte budget each and in
 * all, counted as they inflate, so a header that understates a size does
 * not help either.
 *
 * XML is parsed without loading DTDs, without substituting entities and
 * without network access; a part that declares a DTD at all is refused
 * (OPC forbids DTDs in package parts), so no external entity is ever
 * fetched and no entity is ever expanded.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include "tree/alloc.h"
#include "read_docx_int.h"

#define DX_XML_OPTS	(XML_PARSE_NONET | XML_PARSE_NOERROR | \
			    XML_PARSE_NOWARNING)

/* --- the central directory ---------------------------------------------- */

static unsigned long long
le(const unsigned char *p, int n)
{
	unsigned long long	 v = 0;

	while (n-- > 0)
		v = (v << 8) | p[n];
	return v;
}

/*
 * The entry count the end-of-central-directory record (or its ZIP64
 * form) announces, or 0 if there is no such record (libzip will then
 * refuse the file itself).
 */
static unsigned long long
announced_entries(const unsigned char *d, size_t len)
{
	size_t			 i, lo;
	unsigned long long	 n, off;

	if (len < 22)
		return 0;
	lo = len - 22 > 65535 ? len - 22 - 65535 : 0;
	for (i = len - 22 + 1; i-- > lo;) {
		if (memcmp(d + i, "PK\5\6", 4) != 0)
			continue;
		n = le(d + i + 10, 2);
		if (n != 0xFFFF || i < 20 || memcmp(d + i - 20, "PK\6\7", 4) != 0)
			return n;
		/* ZIP64: the locator gives the record holding the count. */
		off = le(d + i - 20 + 8, 8);
		if (off > len - 56 || memcmp(d + off, "PK\6\6", 4) != 0)
			return n;
		return le(d + off + 32, 8);
	}
	return 0;
}

/* An entry name that could point outside a folder it is extracted to. */
static int
unsafe_name(const char *name)
{
	const char	*p = name;
	size_t		 n;

	if (name[0] == '/' || name[0] == '\\' || (name[0] != '\0' &&
	    name[1] == ':'))
		return 1;
	while (*p != '\0') {
		n = strcspn(p, "/\\");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return 1;
		p += n;
		if (*p != '\0')
			p++;
	}
	return 0;
}

int
dx_zip_open(struct dx_zip *z, const char *data, size_t len, struct diag *diag)
{
	zip_error_t		 err;
	zip_stat_t		 st;
	zip_int64_t		 n, i;
	unsigned long long	 announced;
	const char		*name;

	memset(z, 0, sizeof(*z));
	z->diag = diag;
	announced = announced_entries((const unsigned char *)data, len);
	if (announced > DX_MAX_ENTRIES)
		return diag_error(diag, "the zip announces %llu entries (a DOCX "
		    "has dozens; more than %d are refused)", announced,
		    DX_MAX_ENTRIES);
	zip_error_init(&err);
	z->src = zip_source_buffer_create(data, len, 0, &err);
	if (z->src == NULL ||
	    (z->za = zip_open_from_source(z->src, ZIP_RDONLY, &err)) == NULL) {
		diag_error(diag, "not a DOCX file: the zip cannot be read (%s)",
		    zip_error_strerror(&err));
		zip_error_fini(&err);
		if (z->src != NULL)
			zip_source_free(z->src);
		z->src = NULL;
		return -1;
	}
	zip_error_fini(&err);
	n = zip_get_num_entries(z->za, 0);
	if (n < 0 || n > DX_MAX_ENTRIES) {
		diag_error(diag, "the zip has %lld entries (more than %d are "
		    "refused)", (long long)n, DX_MAX_ENTRIES);
		goto fail;
	}
	for (i = 0; i < n; i++) {
		if (zip_stat_index(z->za, (zip_uint64_t)i, ZIP_FL_ENC_RAW,
		    &st) != 0 || (name = st.name) == NULL) {
			diag_error(diag, "the zip is damaged (entry %lld)",
			    (long long)i);
			goto fail;
		}
		if (unsafe_name(name)) {
			diag_error(diag, "the zip has an entry named \"%.80s\", "
			    "outside the package: refused", name);
			goto fail;
		}
		if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
		    st.encryption_method != ZIP_EM_NONE) {
			diag_error(diag, "the zip entry %.80s is encrypted "
			    "(Word never does that): refused", name);
			goto fail;
		}
		if ((st.valid & ZIP_STAT_COMP_METHOD) &&
		    st.comp_method != ZIP_CM_STORE &&
		    st.comp_method != ZIP_CM_DEFLATE) {
			diag_error(diag, "the zip entry %.80s uses compression "
			    "method %d (DOCX uses only stored and deflated): "
			    "refused", name, (int)st.comp_method);
			goto fail;
		}
		if ((st.valid & ZIP_STAT_SIZE) &&
		    (st.valid & ZIP_STAT_COMP_SIZE) && st.size > (1u << 20) &&
		    (st.comp_size == 0 || st.size / st.comp_size >
		    DX_MAX_RATIO)) {
			diag_error(diag, "the zip entry %.80s would expand "
			    "%llu bytes to %llu (a zip bomb): refused", name,
			    (unsigned long long)st.comp_size,
			    (unsigned long long)st.size);
			goto fail;
		}
	}
	return 0;
fail:
	dx_zip_close(z);
	return -1;
}

void
dx_zip_close(struct dx_zip *z)
{
	if (z->za != NULL)
		zip_discard(z->za);	/* also frees the source */
	else if (z->src != NULL)
		zip_source_free(z->src);
	z->za = NULL;
	z->src = NULL;
}

int
dx_zip_has(const struct dx_zip *z, const char *name)
{
	return zip_name_locate(z->za, name, ZIP_FL_NOCASE) >= 0;
}

/*
 * Opens a part for reading; checks its declared size against max and
 * the total budget.  Returns the file, or NULL: absent (*absent set) or
 * with the reason in diag.
 */
static zip_file_t *
part_open(struct dx_zip *z, const char *name, zip_uint64_t max,
    zip_uint64_t *size, int *absent)
{
	zip_stat_t	 st;
	zip_int64_t	 idx;
	zip_file_t	*zf;

	*absent = 0;
	idx = zip_name_locate(z->za, name, ZIP_FL_NOCASE);
	if (idx < 0) {
		*absent = 1;
		return NULL;
	}
	if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) != 0 ||
	    !(st.valid & ZIP_STAT_SIZE)) {
		diag_error(z->diag, "the zip is damaged (%s)", name);
		return NULL;
	}
	if (st.size > max || z->total + st.size > DX_MAX_TOTAL) {
		diag_error(z->diag, "%s would expand to %llu bytes (more than "
		    "%llu MB are refused)", name, (unsigned long long)st.size,
		    (unsigned long long)(st.size > max ? max : DX_MAX_TOTAL) >>
		    20);
		return NULL;
	}
	if ((zf = zip_fopen_index(z->za, (zip_uint64_t)idx, 0)) == NULL) {
		diag_error(z->diag, "%s cannot be read from the zip (%s)", name,
		    zip_strerror(z->za));
		return NULL;
	}
	*size = st.size;
	return zf;
}

int
dx_zip_read(struct dx_zip *z, const char *name, zip_uint64_t max,
    struct buf *out)
{
	zip_file_t	*zf;
	zip_uint64_t	 size;
	zip_int64_t	 got;
	int		 absent;

	buf_truncate(out, 0);
	if ((zf = part_open(z, name, max, &size, &absent)) == NULL)
		return absent ? 1 : -1;
	buf_grow(out, (size_t)size + 1);
	got = zip_fread(zf, out->ptr, size);
	/* One byte more than announced means the header lied. */
	if (got >= 0 && (zip_uint64_t)got == size &&
	    zip_fread(zf, out->ptr + size, 1) == 0) {
		out->len = (size_t)size;
		out->ptr[out->len] = '\0';
		z->total += size;
		zip_fclose(zf);
		return 0;
	}
	diag_error(z->diag, "%s in the zip is damaged (%s)", name,
	    got < 0 ? zip_file_strerror(zf) : "size differs from its header");
	zip_fclose(zf);
	buf_truncate(out, 0);
	return -1;
}

/* --- streaming XML ------------------------------------------------------- */

struct dx_xml {
	struct dx_zip		*z;
	zip_file_t		*zf;
	zip_uint64_t		 size, got;
	int			 io_error;	/* the zip failed, reason set */
	const char		*name;
	char			 err[160];	/* first parse error */
	int			 errline;
	xmlTextReaderPtr	 r;
};

static int
io_read(void *ctx, char *buffer, int len)
{
	struct dx_xml	*x = ctx;
	zip_int64_t	 n;

	if (x->io_error)
		return -1;
	n = zip_fread(x->zf, buffer, (zip_uint64_t)len);
	if (n < 0 || x->got + (zip_uint64_t)n > x->size) {
		x->io_error = 1;
		diag_error(x->z->diag, "%s in the zip is damaged (%s)", x->name,
		    n < 0 ? zip_file_strerror(x->zf) :
		    "it expands past its declared size");
		return -1;
	}
	x->got += (zip_uint64_t)n;
	x->z->total += (zip_uint64_t)n;
	return (int)n;
}

static int
io_close(void *ctx)
{
	(void)ctx;
	return 0;
}

static void
on_error(void *arg, const char *msg, xmlParserSeverities severity,
    xmlTextReaderLocatorPtr loc)
{
	struct dx_xml	*x = arg;
	size_t		 n;

	if (x->err[0] != '\0' || (severity != XML_PARSER_SEVERITY_ERROR &&
	    severity != XML_PARSER_SEVERITY_VALIDITY_ERROR))
		return;
	snprintf(x->err, sizeof(x->err), "%s", msg);
	n = strlen(x->err);
	while (n > 0 && (x->err[n - 1] == '\n' || x->err[n - 1] == ' '))
		x->err[--n] = '\0';
	x->errline = xmlTextReaderLocatorLineNumber(loc);
}

struct dx_xml *
dx_xml_open(struct dx_zip *z, const char *name, zip_uint64_t max,
    int *absent)
{
	struct dx_xml	*x;
	zip_file_t	*zf;
	zip_uint64_t	 size;

	if ((zf = part_open(z, name, max, &size, absent)) == NULL)
		return NULL;
	x = xcalloc(1, sizeof(*x));
	x->z = z;
	x->zf = zf;
	x->size = size;
	x->name = name;
	x->r = xmlReaderForIO(io_read, io_close, x, name, NULL, DX_XML_OPTS);
	if (x->r == NULL) {
		diag_error(z->diag, "%s: the XML parser could not start", name);
		zip_fclose(zf);
		free(x);
		return NULL;
	}
	xmlTextReaderSetErrorHandler(x->r, on_error, x);
	return x;
}

xmlTextReaderPtr
dx_xml_reader(struct dx_xml *x)
{
	return x->r;
}

int
dx_xml_next(struct dx_xml *x, int skip)
{
	int	 rc;

	rc = skip ? xmlTextReaderNext(x->r) : xmlTextReaderRead(x->r);
	if (rc == 1 && xmlTextReaderNodeType(x->r) ==
	    XML_READER_TYPE_DOCUMENT_TYPE) {
		diag_error(x->z->diag, "%s declares a DTD, which package parts "
		    "may not (external entities): refused", x->name);
		return -1;
	}
	if (rc >= 0)
		return rc;
	if (!x->io_error)
		diag_error(x->z->diag, "%s is not well-formed XML (line %d: %s)",
		    x->name, x->errline, x->err[0] != '\0' ? x->err :
		    "parse error");
	return -1;
}

void
dx_xml_close(struct dx_xml *x)
{
	if (x == NULL)
		return;
	xmlFreeTextReader(x->r);
	zip_fclose(x->zf);
	free(x);
}

/* --- whole parts --------------------------------------------------------- */

xmlDoc *
dx_xml_parse(struct dx_zip *z, const char *name, int required, int *absent)
{
	struct buf	 b = BUF_INIT;
	xmlDoc		*doc = NULL;
	size_t		 before = diag_count(z->diag, DIAG_ERROR);
	int		 rc;

	*absent = 0;
	rc = dx_zip_read(z, name, DX_MAX_PART, &b);
	if (rc == 1) {
		*absent = 1;
		goto out;
	}
	if (rc == 0 && b.len > INT32_MAX - 1)
		rc = -1;
	if (rc == 0) {
		doc = xmlReadMemory(b.ptr, (int)b.len, name, NULL, DX_XML_OPTS);
		if (doc != NULL && doc->intSubset != NULL) {
			xmlFreeDoc(doc);
			doc = NULL;
			if (required)
				diag_error(z->diag, "%s declares a DTD, which "
				    "package parts may not (external entities): "
				    "refused", name);
			else
				diag_warn(z->diag, "%s declares a DTD: not "
				    "read (external entities)", name);
			goto out;
		}
		if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
			xmlFreeDoc(doc);
			doc = NULL;
			if (required)
				diag_error(z->diag, "%s is not well-formed XML",
				    name);
			else
				diag_warn(z->diag, "%s is not well-formed XML; "
				    "not read", name);
		}
		goto out;
	}
	/* Read errors: an error already; only a warning if not required. */
	if (!required && diag_count(z->diag, DIAG_ERROR) > before)
		diag_warn(z->diag, "%s not read", name);
out:
	buf_free(&b);
	return doc;
}

/* --- helpers on parsed parts -------------------------------------------- */

char *
dx_part_name(const char *dir, const char *target)
{
	struct buf	 b = BUF_INIT;
	size_t		 dl = strlen(dir);

	if (target[0] == '/')
		return xstrdup(target + 1);
	while (strncmp(target, "../", 3) == 0) {
		target += 3;
		if (dl > 0)
			dl--;
		while (dl > 0 && dir[dl - 1] != '/')
			dl--;
	}
	buf_put(&b, dir, dl);
	buf_puts(&b, target);
	return buf_detach(&b, NULL);
}

int
dx_is(const xmlNode *n, const char *ns, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, ns) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

int
dx_is_w(const xmlNode *n, const char *name)
{
	return dx_is(n, DX_NS_W, name) || dx_is(n, DX_NS_W_STRICT, name);
}

const char *
dx_w_attr(const xmlNode *n, const char *name)
{
	const xmlAttr	*a;

	for (a = n->properties; a != NULL; a = a->next)
		if (a->ns != NULL && (strcmp((const char *)a->ns->href,
		    DX_NS_W) == 0 || strcmp((const char *)a->ns->href,
		    DX_NS_W_STRICT) == 0) &&
		    strcmp((const char *)a->name, name) == 0 &&
		    a->children != NULL && a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	return NULL;
}


int
dx_on(const char *val)
{
	return val == NULL || !(strcmp(val, "0") == 0 ||
	    strcasecmp(val, "false") == 0 || strcasecmp(val, "off") == 0 ||
	    strcasecmp(val, "none") == 0);
}
