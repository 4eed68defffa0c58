/*
 * tool_preserve: "nothing lost", measured.  For each input article it
 * builds the tree as artconv does, renders every registered format, pulls
 * the visible text back out of each output (a zip format: the XML entries
 * its writer's text_parts name, in the package's order; text formats as
 * they are) and checks that every character of the reference text appears in
 * that order.  Every XML part of a zip output must parse with libxml2.
 *
 *   tool_preserve [-b BODY] [-x CHROME]... [-t FORMAT,...] FILE...
 *
 * The reference is the article's text as the reader produced it (title,
 * subtitle and every block with its labels), or with -b the given body
 * file (the source minus navigation, metadata line and footer).  White
 * space and ASCII punctuation are ignored, and full-width forms compare
 * equal to ASCII ones (the punctuation repair changes ,→，).  -x names
 * text that must not appear in any output (site chrome).
 *
 * Prints, per file and format, the characters lost; exits 1 if any.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "testutil.h"

#define MAX_CHROME 32

/*
 * Appends the text content under root in document order, skipping <head>,
 * <script> and field codes (instrText).  Walks with parent links, so any
 * depth is fine.
 */
static void
xml_text(xmlNode *root, struct buf *out)
{
	xmlNode	*n = root;

	while (n != NULL) {
		int skip = n->type == XML_ELEMENT_NODE &&
		    (xmlStrcmp(n->name, BAD_CAST "head") == 0 ||
		    xmlStrcmp(n->name, BAD_CAST "script") == 0 ||
		    xmlStrcmp(n->name, BAD_CAST "instrText") == 0);

		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE)
			buf_puts(out, (const char *)n->content);
		if (!skip && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != root && n->next == NULL)
			n = n->parent;
		if (n == root)
			break;
		n = n->next;
	}
}

static char *
zip_entry(zip_t *za, const char *name, size_t *len)
{
	zip_stat_t	 st;
	zip_file_t	*zf;
	char		*data;

	if (zip_stat(za, name, 0, &st) != 0 ||
	    (zf = zip_fopen(za, name, 0)) == NULL)
		return NULL;
	data = malloc(st.size + 1);
	if (data == NULL ||
	    zip_fread(zf, data, st.size) != (zip_int64_t)st.size) {
		free(data);
		zip_fclose(zf);
		return NULL;
	}
	zip_fclose(zf);
	data[st.size] = '\0';
	*len = st.size;
	return data;
}

static xmlDoc *
parse_xml(const char *data, size_t len)
{
	return xmlReadMemory(data, (int)len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

/* Does entry name match one of the space-separated patterns in parts? */
static int
text_part(const char *name, const char *parts)
{
	char	 pat[256];
	size_t	 n;

	for (; *parts != '\0'; parts += n) {
		parts += strspn(parts, " ");
		n = strcspn(parts, " ");
		if (n == 0 || n >= sizeof(pat))
			continue;
		memcpy(pat, parts, n);
		pat[n] = '\0';
		if (fnmatch(pat, name, 0) == 0)
			return 1;
	}
	return 0;
}

/*
 * Extracts a zip output's text.  Returns the number of XML parts that do
 * not parse (reported), or -1 if the container cannot be read.
 */
static int
zip_text(const char *data, size_t len, const char *format, const char *parts,
    struct buf *out)
{
	zip_error_t	 err;
	zip_source_t	*src;
	zip_t		*za;
	zip_int64_t	 i, n;
	int		 bad = 0;

	zip_error_init(&err);
	src = zip_source_buffer_create(data, len, 0, &err);
	if (src == NULL || (za = zip_open_from_source(src, ZIP_RDONLY,
	    &err)) == NULL) {
		zip_error_fini(&err);
		if (src != NULL)
			zip_source_free(src);
		return -1;
	}
	n = zip_get_num_entries(za, 0);
	for (i = 0; i < n; i++) {
		const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
		size_t elen, nl = name != NULL ? strlen(name) : 0;
		char *e;
		xmlDoc *x;

		if (nl < 4 || (strcmp(name + nl - 4, ".xml") != 0 &&
		    strcmp(name + nl - 5, ".rels") != 0 &&
		    strcmp(name + nl - 6, ".xhtml") != 0 &&
		    strcmp(name + nl - 4, ".opf") != 0 &&
		    strcmp(name + nl - 4, ".ncx") != 0 &&
		    strcmp(name + nl - 4, ".svg") != 0))
			continue;
		if ((e = zip_entry(za, name, &elen)) == NULL ||
		    (x = parse_xml(e, elen)) == NULL) {
			printf("  %s: XML part %s does not parse\n", format,
			    name);
			bad++;
		} else
			xmlFreeDoc(x);
		free(e);
	}
	/* The text: the entries matching the writer's text_parts, in order. */
	for (i = 0; i < n; i++) {
		const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
		size_t elen;
		char *e;
		xmlDoc *x;

		if (name == NULL || !text_part(name, parts))
			continue;
		e = zip_entry(za, name, &elen);
		if ((x = e != NULL ? parse_xml(e, elen) : NULL) != NULL)
			xml_text(xmlDocGetRootElement(x), out);
		xmlFreeDoc(x);
		free(e);
	}
	zip_close(za);
	return bad;
}

/*
 * Markdown may spell a character as a numeric reference (&#x3002;); what
 * a reader sees is the character.
 */
static void
decode_refs(const struct buf *in, struct buf *out)
{
	size_t		 i, j;
	unsigned long	 cp;
	char		*end;

	for (i = 0; i < in->len; i++) {
		if (in->ptr[i] == '&' && i + 3 < in->len && in->ptr[i + 1] == '#') {
			int hex = in->ptr[i + 2] == 'x' || in->ptr[i + 2] == 'X';

			j = i + (hex ? 3 : 2);
			cp = strtoul(in->ptr + j, &end, hex ? 16 : 10);
			if (end != in->ptr + j && *end == ';' && cp > 0 &&
			    cp <= 0x10FFFF) {
				buf_put_utf8(out, (unsigned int)cp);
				i = (size_t)(end - in->ptr);
				continue;
			}
		}
		buf_putc(out, in->ptr[i]);
	}
}

/* Characters of the kicker, title and subtitle missing from got. */
static size_t
head_lost(const struct doc *doc, const struct tu_seq *got, const char *format)
{
	static const enum meta_key head[] = {
		META_KICKER, META_TITLE, META_SUBTITLE
	};
	size_t	 k, lost = 0;

	for (k = 0; k < sizeof(head) / sizeof(head[0]); k++) {
		struct tu_seq f = { 0 };

		if (doc->meta[head[k]] == NULL)
			continue;
		tu_seq_add(&f, doc->meta[head[k]], strlen(doc->meta[head[k]]));
		lost += tu_seq_lost(&f, got, format);
		free(f.v);
	}
	return lost;
}

int
main(int argc, char *argv[])
{
	const char	*body = NULL, *chrome[MAX_CHROME], *only = NULL;
	size_t		 nchrome = 0, lost_total = 0;
	int		 c, a, rc = 0;

	while ((c = getopt(argc, argv, "b:x:t:")) != -1) {
		if (c == 'b')
			body = optarg;
		else if (c == 'x' && nchrome < MAX_CHROME)
			chrome[nchrome++] = optarg;
		else if (c == 't')
			only = optarg;
		else
			return 2;
	}
	xmlInitParser();
	for (a = optind; a < argc; a++) {
		struct pipeline_opts po;
		struct diag	 d;
		struct doc	*doc = NULL;
		struct tu_seq	 ref = { 0 };
		struct buf	 rtext = BUF_INIT;
		size_t		 len, w, bl;
		char		*data = tu_slurp(argv[a], &len), *btext;

		if (data == NULL) {
			printf("%s: cannot read\n", argv[a]);
			rc = 1;
			continue;
		}
		memset(&po, 0, sizeof(po));
		po.read.filename = argv[a];
		po.read.max_depth = 128;
		diag_init(&d, 0);
		if (pipeline_read(data, len, &po, &doc, &d) != 0) {
			printf("%s: not converted: %s\n", argv[a],
			    diag_last_error(&d));
			rc = 1;
			goto next;
		}
		if (body != NULL && (btext = tu_slurp(body, &bl)) != NULL) {
			tu_seq_add(&ref, btext, bl);
			free(btext);
		} else {
			tu_tree_text(doc, &rtext);
			tu_seq_add(&ref, rtext.ptr, rtext.len);
		}
		for (w = 0; writers[w] != NULL; w++) {
			const struct writer *wr = writers[w];
			const struct doc *docs[1] = { doc };
			struct render_opts ro;
			struct buf out = BUF_INIT, text = BUF_INIT;
			struct tu_seq got = { 0 };
			size_t lost, k;
			int bad = 0;

			/* -b's body starts with the title a fragment leaves out. */
			if (body != NULL && strcmp(wr->name, "html-fragment") == 0)
				continue;
			if (only != NULL && strstr(only, wr->name) == NULL)
				continue;
			memset(&ro, 0, sizeof(ro));
			ro.bold_leads = 1;
			if (wr->render(docs, 1, &ro, &out, &d) != 0) {
				printf("%s: %s: render failed\n", argv[a],
				    wr->name);
				rc = 1;
				continue;
			}
			if (wr->zip)
				bad = zip_text(out.ptr, out.len, wr->name,
				    wr->text_parts != NULL ? wr->text_parts :
				    "", &text);
			else if (strcmp(wr->name, "md") == 0)
				decode_refs(&out, &text);
			else
				buf_putbuf(&text, &out);
			if (bad != 0) {
				printf("%s: %s: %s\n", argv[a], wr->name,
				    bad < 0 ? "unreadable container" :
				    "invalid XML");
				rc = 1;
			}
			tu_seq_add(&got, text.ptr, text.len);
			lost = tu_seq_lost(&ref, &got, wr->name);
			if (body == NULL)
				/* A fragment is the body alone, by design. */
				if (strcmp(wr->name, "html-fragment") != 0)
					lost += head_lost(doc, &got, wr->name);
			for (k = 0; k < nchrome; k++)
				if (strstr(text.ptr, chrome[k]) != NULL) {
					printf("  %s: chrome text \"%s\" "
					    "present\n", wr->name, chrome[k]);
					rc = 1;
				}
			printf("%s: %s: %zu of %zu characters, %zu lost\n",
			    argv[a], wr->name, ref.n - lost, ref.n, lost);
			lost_total += lost;
			free(got.v);
			buf_free(&out);
			buf_free(&text);
		}
next:
		free(ref.v);
		buf_free(&rtext);
		doc_free(doc);
		diag_free(&d);
		free(data);
	}
	xmlCleanupParser();
	if (lost_total > 0)
		rc = 1;
	return rc;
}
