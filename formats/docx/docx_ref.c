/*
 * --reference-doc: the look of a user's Word file, as pandoc users know
 * it.  From the reference .docx (read in memory with libzip) we take
 * styles.xml, the theme, the font table, numbering.xml when its styles
 * use numbering, and the page set-up of its last section (size, margins,
 * columns, document grid).  Footers and settings stay ours.
 *
 * Styles are matched by w:name, never by w:styleId: Word writes the built-
 * in names in English ("heading 1", "Title") whatever the interface
 * language, while the ids are localized ("1", "Titre1", "标题1").  A role
 * whose style the user's file lacks gets the built-in layout's definition
 * appended, under an id that does not clash with the user's ids, so that
 * every pStyle/rStyle we write names a defined style.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "io/xml_util.h"
#include "tree/alloc.h"
#include "tree/escape.h"
#include "docx_int.h"

#define REF_MAX_PART	(64u * 1024 * 1024)	/* zip bombs stop here */
#define REF_XML_OPTS	(XML_PARSE_NONET | XML_PARSE_NOERROR | \
			    XML_PARSE_NOWARNING)
#define REF_MAX_DEPTH	6			/* of copied sectPr markup */

struct ref {
	zip_t		*za;
	struct diag	*diag;
	char		*main;		/* the main document part */
	char		*styles;	/* part names from its relationships */
	char		*theme;
	char		*fonts;
	char		*numbering;
};

/*
 * Reads the part name from the archive into out.  Returns 0, or -1 if it
 * is absent, unreadable or too large.
 */
static int
read_part(const struct ref *r, const char *name, struct buf *out)
{
	zip_stat_t	 st;
	zip_file_t	*zf;
	zip_int64_t	 idx, n;
	int		 rc = -1;

	idx = zip_name_locate(r->za, name, ZIP_FL_NOCASE);
	if (idx < 0 || zip_stat_index(r->za, (zip_uint64_t)idx, 0, &st) != 0 ||
	    !(st.valid & ZIP_STAT_SIZE) || st.size > REF_MAX_PART)
		return -1;
	/* Room first: nothing is allocated while the entry is open. */
	buf_truncate(out, 0);
	buf_grow(out, (size_t)st.size);
	if ((zf = zip_fopen_index(r->za, (zip_uint64_t)idx, 0)) == NULL)
		return -1;
	n = zip_fread(zf, out->ptr, st.size);
	if (n >= 0 && (zip_uint64_t)n == st.size) {
		out->len = (size_t)n;
		out->ptr[out->len] = '\0';
		rc = 0;
	}
	zip_fclose(zf);
	return rc;
}

static int
has_part(const struct ref *r, const char *name)
{
	return zip_name_locate(r->za, name, ZIP_FL_NOCASE) >= 0;
}

/*
 * libxml2's trees and strings are not our memory: an abandoned call
 * releases them through these (recover.h).
 */
static void
abandon_tree(void *doc)
{
	xmlFreeDoc(doc);
}

static void
abandon_string(void *s)
{
	xmlFree(s);
}

static void
abandon_archive(void *za)
{
	zip_discard(za);
}

/* Parses XML, registering the tree for an abandoned call; or NULL. */
static xmlDoc *
parse_xml(const char *s, size_t len, const char *name)
{
	xmlDoc		*doc;

	if (len >= INT32_MAX ||
	    (doc = xmlReadMemory(s, (int)len, name, NULL, REF_XML_OPTS)) ==
	    NULL)
		return NULL;
	recover_defer(abandon_tree, doc);
	return doc;
}

/* Frees a tree from parse_xml(); NULL is fine. */
static void
free_xml(xmlDoc *doc)
{
	if (doc == NULL)
		return;
	recover_forget(doc);
	xmlFreeDoc(doc);
}

static xmlDoc *
parse_part(const struct ref *r, const char *name)
{
	struct buf	 b = BUF_INIT;
	xmlDoc		*doc = NULL;

	if (read_part(r, name, &b) == 0)
		doc = parse_xml(b.ptr, b.len, name);
	buf_free(&b);
	/*
	 * Package parts must not hold a DTD, and readers are to treat one
	 * as an error (ECMA-376 Part 2, M1.18): it brings entities (external
	 * files, billion-laughs expansion) and entity reference nodes that
	 * nothing here expects.
	 */
	if (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL)) {
		diag_warn(r->diag, "reference document: %s holds a DTD, which "
		    "packages must not (ECMA-376 Part 2, M1.18); part ignored",
		    name);
		xmlFreeDoc(doc);
		doc = NULL;
	}
	return doc;
}

static int
is_elem(const xmlNode *n, const char *ns, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, ns) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

/* An attribute in the WordprocessingML namespace (owned by the doc). */
static const char *
w_attr(const xmlNode *n, const char *name)
{
	const xmlAttr	*a;

	for (a = n->properties; a != NULL; a = a->next)
		if (a->ns != NULL && strcmp((const char *)a->ns->href,
		    DOCX_NS_W) == 0 && strcmp((const char *)a->name, name) == 0 &&
		    a->children != NULL && a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	return NULL;
}


/* The directory part of a part name, with its final slash ("word/"). */
static size_t
dir_len(const char *part)
{
	const char	*slash = strrchr(part, '/');

	return slash != NULL ? (size_t)(slash - part) + 1 : 0;
}

/* A relationship target resolved against the source part's folder. */
static char *
resolve(const char *source, const char *target)
{
	struct buf	 b = BUF_INIT;
	size_t		 dl = dir_len(source);

	if (target[0] == '/')
		return xstrdup(target + 1);
	while (strncmp(target, "../", 3) == 0 && dl > 0) {
		target += 3;
		dl--;
		while (dl > 0 && source[dl - 1] != '/')
			dl--;
	}
	buf_put(&b, source, dl);
	buf_puts(&b, target);
	return buf_detach(&b, NULL);
}

/* The relationships part of part: "word/_rels/document.xml.rels". */
static void
rels_name(const char *part, struct buf *out)
{
	size_t	 dl = dir_len(part);

	buf_put(out, part, dl);
	buf_puts(out, "_rels/");
	buf_puts(out, part + dl);
	buf_puts(out, ".rels");
}

/* The part's internal relationships, for each the last word of its type. */
typedef void rel_fn(struct ref *r, const char *source, const char *type,
    const char *target);

static void
each_rel(struct ref *r, const char *source, rel_fn *fn)
{
	struct buf	 name = BUF_INIT;
	xmlDoc		*doc;
	xmlNode		*n;
	const char	*type, *target, *mode;

	rels_name(source, &name);
	if ((doc = parse_part(r, name.ptr)) != NULL) {
		for (n = xmlDocGetRootElement(doc)->children; n != NULL;
		    n = n->next) {
			if (n->type != XML_ELEMENT_NODE ||
			    (type = xml_plain_attr(n, "Type")) == NULL ||
			    (target = xml_plain_attr(n, "Target")) == NULL ||
			    strrchr(type, '/') == NULL)
				continue;
			mode = xml_plain_attr(n, "TargetMode");
			if (mode == NULL || strcmp(mode, "External") != 0)
				fn(r, source, strrchr(type, '/') + 1, target);
		}
		free_xml(doc);
	}
	buf_free(&name);
}

static void
package_rel(struct ref *r, const char *source, const char *type,
    const char *target)
{
	if (strcmp(type, "officeDocument") == 0 && r->main == NULL)
		r->main = resolve(source, target);
}

static void
document_rel(struct ref *r, const char *source, const char *type,
    const char *target)
{
	char	**slot = NULL;

	if (strcmp(type, "styles") == 0)
		slot = &r->styles;
	else if (strcmp(type, "theme") == 0)
		slot = &r->theme;
	else if (strcmp(type, "fontTable") == 0)
		slot = &r->fonts;
	else if (strcmp(type, "numbering") == 0)
		slot = &r->numbering;
	if (slot != NULL && *slot == NULL)
		*slot = resolve(source, target);
}

/*
 * Finds the main document and the parts its relationships name.  Returns
 * 0, or -1 if there is no main document.
 */
static int
find_parts(struct ref *r)
{
	each_rel(r, "", package_rel);
	if (r->main == NULL)
		r->main = xstrdup("word/document.xml");
	if (!has_part(r, r->main))
		return -1;
	each_rel(r, r->main, document_rel);
	if (r->styles == NULL)
		r->styles = resolve(r->main, "styles.xml");
	return 0;
}

/* Does part have relationships of its own (which we would not copy)? */
static int
has_rels(const struct ref *r, const char *part)
{
	struct buf	 b = BUF_INIT;
	int		 yes;

	rels_name(part, &b);
	yes = has_part(r, b.ptr);
	buf_free(&b);
	return yes;
}

/* The w:style children of root, as an array; *n receives the count. */
static xmlNode **
style_list(xmlNode *root, size_t *n)
{
	xmlNode		**v = NULL, *c;
	size_t		  cnt = 0;

	for (c = root->children; c != NULL; c = c->next)
		if (is_elem(c, DOCX_NS_W, "style")) {
			v = xreallocarray(v, cnt + 1, sizeof(*v));
			v[cnt++] = c;
		}
	*n = cnt;
	return v;
}

static const char *
style_name(const xmlNode *style)
{
	const xmlNode	*c;

	for (c = style->children; c != NULL; c = c->next)
		if (is_elem(c, DOCX_NS_W, "name"))
			return w_attr(c, "val");
	return NULL;
}

static int
id_taken(xmlNode **styles, size_t n, const char *id)
{
	size_t		 i;
	const char	*s;

	for (i = 0; i < n; i++)
		if ((s = w_attr(styles[i], "styleId")) != NULL &&
		    strcasecmp(s, id) == 0)
			return 1;
	return 0;
}

/*
 * Points kit->id[role] at the user's style for the role, or picks a free
 * id for the built-in definition.  Returns 1 if the style must be added.
 */
static int
map_role(struct docx_kit *kit, enum docx_role role, xmlNode **styles,
    size_t n)
{
	struct buf	 name = BUF_INIT, id = BUF_INIT;
	const char	*type = docx_style_type(role), *t, *d, *nm, *sid;
	size_t		 i, len;
	int		 add = 1, k;

	docx_style_name(role, &name);
	for (i = 0; i < n && add; i++) {
		t = w_attr(styles[i], "type");
		d = w_attr(styles[i], "default");
		nm = style_name(styles[i]);
		sid = w_attr(styles[i], "styleId");
		if (sid == NULL || strcmp(t != NULL ? t : "paragraph",
		    type) != 0)
			continue;
		/* The default styles are found by their flag. */
		if ((role == ROLE_NORMAL || role == ROLE_DEFAULT_FONT ||
		    role == ROLE_TABLE_NORMAL) ? d != NULL && (strcmp(d, "1") ==
		    0 || strcmp(d, "true") == 0 || strcmp(d, "on") == 0) :
		    nm != NULL && strcasecmp(nm, name.ptr) == 0) {
			free(kit->id[role]);
			kit->id[role] = xstrdup(sid);
			add = 0;
		}
	}
	if (add) {
		docx_style_builtin_id(role, &id);
		len = id.len;
		for (k = 1; id_taken(styles, n, id.ptr); k++) {
			buf_truncate(&id, len);
			buf_printf(&id, "Artconv%d", k);
		}
		free(kit->id[role]);
		kit->id[role] = xstrdup(id.ptr);
	}
	buf_free(&name);
	buf_free(&id);
	return add;
}

/*
 * The next node after n in document order below root, or NULL; children
 * are skipped when skip is set.  Walks without recursion.
 */
static xmlNode *
next_node(xmlNode *root, xmlNode *n, int skip)
{
	/* An entity reference's children are the entity's, not below it. */
	if (!skip && n->children != NULL && n->type != XML_ENTITY_REF_NODE)
		return n->children;
	while (n != root && n->next == NULL)
		n = n->parent;
	return n == root ? NULL : n->next;
}

/*
 * Counts the w:numPr elements below root; with drop, also removes them
 * (for numbering we could not bring along).
 */
static size_t
numbering_refs(xmlNode *root, int drop)
{
	xmlNode		*n = root, *next;
	size_t		 count = 0;

	while (n != NULL) {
		if (!is_elem(n, DOCX_NS_W, "numPr")) {
			n = next_node(root, n, 0);
			continue;
		}
		count++;
		next = next_node(root, n, 1);
		if (drop) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		}
		n = next;
	}
	return count;
}

/*
 * Maps the roles, appends the missing styles and serialises the result
 * into kit->styles.  *numbering says whether numbering.xml could be
 * taken; it is cleared when the styles do not use numbering, and the
 * styles lose their numbering when it could not.  Returns 0 or -1.
 */
static int
take_styles(struct docx_kit *kit, struct ref *r, int *numbering)
{
	xmlDoc		*doc, *frag = NULL;
	xmlNode		*root, **styles, *c, *copy;
	struct buf	 defs = BUF_INIT;
	xmlChar		*mem = NULL;
	int		 size = 0, role, rc = -1;
	size_t		 n;
	char		 add[ROLE__COUNT];

	if ((doc = parse_part(r, r->styles)) == NULL ||
	    !is_elem(root = xmlDocGetRootElement(doc), DOCX_NS_W, "styles")) {
		diag_error(r->diag, "reference document: %s is missing or not "
		    "WordprocessingML styles", r->styles);
		goto out;
	}
	styles = style_list(root, &n);
	for (role = 0; role < ROLE__COUNT; role++)
		add[role] = (char)map_role(kit, (enum docx_role)role, styles,
		    n);
	free(styles);
	BUF_PUTSL(&defs, "<w:styles xmlns:w=\"" DOCX_NS_W "\">");
	for (role = 0; role < ROLE__COUNT; role++)
		if (add[role] && (role != ROLE_HEADING + DOCX_MAX_LEVEL - 1 ||
		    kit->shift))
			docx_style_def(kit, (enum docx_role)role, kit->id[role],
			    1, &defs);
	BUF_PUTSL(&defs, "</w:styles>");
	frag = parse_xml(defs.ptr, defs.len, "styles");
	if (frag == NULL) {
		/* Our own markup: a bug if it happens. */
		diag_error(r->diag, "cannot add styles to the reference "
		    "document");
		goto out;
	}
	for (c = xmlDocGetRootElement(frag)->children; c != NULL; c = c->next) {
		copy = xmlDocCopyNode(c, doc, 1);
		xmlAddChild(root, copy);
		xmlReconciliateNs(doc, copy);
	}
	if (numbering_refs(root, !*numbering) == 0)
		*numbering = 0;
	xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
	if (mem != NULL)
		recover_defer(abandon_string, mem);
	if (mem == NULL || size < 0) {
		diag_error(r->diag, "cannot write the reference document's "
		    "styles");
		goto out;
	}
	buf_truncate(&kit->styles, 0);
	buf_put(&kit->styles, mem, (size_t)size);
	rc = 0;
out:
	if (mem != NULL) {
		recover_forget(mem);
		xmlFree(mem);
	}
	free_xml(frag);
	free_xml(doc);
	buf_free(&defs);
	return rc;
}

/* Copies an element of the page set-up with its w: attributes. */
static void
put_elem(struct buf *out, const xmlNode *n, int depth)
{
	const xmlAttr	*a;
	const xmlNode	*c;
	int		 kids = 0;

	if (depth > REF_MAX_DEPTH)
		return;
	buf_printf(out, "<w:%s", (const char *)n->name);
	for (a = n->properties; a != NULL; a = a->next) {
		if (a->ns == NULL || strcmp((const char *)a->ns->href,
		    DOCX_NS_W) != 0 || a->children == NULL ||
		    a->children->type != XML_TEXT_NODE)
			continue;
		buf_printf(out, " w:%s=\"", (const char *)a->name);
		esc_xml_attr(out, (const char *)a->children->content,
		    strlen((const char *)a->children->content));
		buf_putc(out, '"');
	}
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || c->ns == NULL ||
		    strcmp((const char *)c->ns->href, DOCX_NS_W) != 0)
			continue;
		if (!kids++)
			buf_putc(out, '>');
		put_elem(out, c, depth + 1);
	}
	if (kids)
		buf_printf(out, "</w:%s>", (const char *)n->name);
	else
		BUF_PUTSL(out, "/>");
}

static int
int_attr(const xmlNode *n, const char *name, int *v)
{
	const char	*s = w_attr(n, name);
	char		*end;
	long		 l;

	if (s == NULL)
		return -1;
	l = strtol(s, &end, 10);
	if (end == s || l < -100000 || l > 100000)
		return -1;
	*v = (int)l;
	return 0;
}

/*
 * Takes the page set-up of the main document's last section: the parts
 * of sectPr that need no relationships, in their schema order.  Without
 * one, the layout's page stays, without its document grid.
 */
static void
take_page(struct docx_kit *kit, struct ref *r)
{
	static const char *const keep[] = { "pgSz", "pgMar", "paperSrc",
	    "lnNumType", "pgNumType", "cols", "vAlign", "textDirection",
	    "bidi", "rtlGutter", "docGrid" };
	xmlDoc		*doc;
	xmlNode		*body = NULL, *sect = NULL, *c;
	struct docx_page p = kit->page;
	struct buf	 b = BUF_INIT;
	size_t		 i;
	int		 gutter = 0;

	if ((doc = parse_part(r, r->main)) == NULL) {
		docx_kit_sect(kit, 0);
		return;
	}
	for (c = xmlDocGetRootElement(doc)->children; c != NULL; c = c->next)
		if (is_elem(c, DOCX_NS_W, "body"))
			body = c;
	for (c = body != NULL ? body->children : NULL; c != NULL; c = c->next)
		if (is_elem(c, DOCX_NS_W, "sectPr"))
			sect = c;
	for (c = sect != NULL ? sect->children : NULL; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || c->ns == NULL ||
		    strcmp((const char *)c->ns->href, DOCX_NS_W) != 0)
			continue;
		for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
			if (strcmp((const char *)c->name, keep[i]) == 0)
				break;
		if (i == sizeof(keep) / sizeof(keep[0]))
			continue;
		put_elem(&b, c, 0);
		if (strcmp(keep[i], "pgSz") == 0) {
			int_attr(c, "w", &p.width);
			int_attr(c, "h", &p.height);
		} else if (strcmp(keep[i], "pgMar") == 0) {
			int_attr(c, "top", &p.top);
			int_attr(c, "right", &p.right);
			int_attr(c, "bottom", &p.bottom);
			int_attr(c, "left", &p.left);
			int_attr(c, "header", &p.header);
			int_attr(c, "footer", &p.footer);
			int_attr(c, "gutter", &gutter);
		}
	}
	p.text_width = p.width - p.left - p.right - gutter;
	if (b.len > 0 && p.text_width > 0) {
		buf_truncate(&kit->sect, 0);
		buf_putbuf(&kit->sect, &b);
		kit->page = p;
	} else
		/*
		 * Our page, but not our character grid: it would space the
		 * user's text out to 28 characters a line.
		 */
		docx_kit_sect(kit, 0);
	buf_free(&b);
	free_xml(doc);
}

int
docx_ref_apply(struct docx_kit *kit, struct slice bytes, struct diag *diag)
{
	struct ref	 r;
	zip_source_t	*src = NULL;
	zip_error_t	 err;
	int		 numbering = 0, rc = -1;
	char		 why[128];

	memset(&r, 0, sizeof(r));
	r.diag = diag;
	kit->title_cap = 0;	/* the user's title style: size unknown */
	zip_error_init(&err);
	if ((src = zip_source_buffer_create(bytes.ptr, bytes.len, 0,
	    &err)) == NULL ||
	    (r.za = zip_open_from_source(src, ZIP_RDONLY, &err)) == NULL) {
		/* libzip's objects go before diag_error() may allocate. */
		snprintf(why, sizeof(why), "%s", zip_error_strerror(&err));
		zip_error_fini(&err);
		zip_source_free(src);
		diag_error(diag, "reference document is not a DOCX file "
		    "(not a zip archive: %s)", why);
		goto out;
	}
	recover_defer(abandon_archive, r.za);
	if (find_parts(&r) != 0) {
		diag_error(diag, "reference document is not a DOCX file "
		    "(no %s)", r.main);
		goto out;
	}
	if (r.numbering != NULL && !has_rels(&r, r.numbering) &&
	    read_part(&r, r.numbering, &kit->numbering) == 0)
		numbering = 1;
	/* The page first: the styles added for TOC tabs use its width. */
	take_page(kit, &r);
	if (take_styles(kit, &r, &numbering) != 0)
		goto out;
	if (!numbering)
		buf_truncate(&kit->numbering, 0);
	if (r.theme != NULL && !has_rels(&r, r.theme))
		read_part(&r, r.theme, &kit->theme);
	if (r.fonts != NULL && !has_rels(&r, r.fonts)) {
		struct buf b = BUF_INIT;

		if (read_part(&r, r.fonts, &b) == 0) {
			buf_truncate(&kit->fonts, 0);
			buf_putbuf(&kit->fonts, &b);
		}
		buf_free(&b);
	}
	rc = 0;
out:
	if (rc != 0)
		buf_truncate(&kit->numbering, 0);
	if (r.za != NULL) {
		recover_forget(r.za);
		zip_discard(r.za);
	}
	zip_error_fini(&err);
	free(r.main);
	free(r.styles);
	free(r.theme);
	free(r.fonts);
	free(r.numbering);
	return rc;
}
