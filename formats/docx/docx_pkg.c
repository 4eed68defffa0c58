/*
 * Packing a DOCX: the package-level parts ([Content_Types].xml, the
 * relationships, docProps) and the zip itself, plus the image headers the
 * writer needs to size pictures.  The parts are written in a fixed order
 * with the document's date on every entry, so the same input gives the
 * same bytes.
 */
#include <stdint.h>
#include <string.h>

#include "io/zipout.h"
#include "tree/escape.h"
#include "common.h"
#include "docx_int.h"

#define NS_PKG_REL \
	"http://schemas.openxmlformats.org/package/2006/relationships"

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

int
docx_image_info(const struct buf *b, const char **ext, int *w, int *h)
{
	const unsigned char	*p = (const unsigned char *)b->ptr;
	size_t			 len = b->len, pos;

	if (len >= 24 && memcmp(p, "\x89PNG\r\n\x1A\n", 8) == 0 &&
	    memcmp(p + 12, "IHDR", 4) == 0) {
		*ext = "png";
		*w = (int)(be32(p + 16) & 0x7FFFFFF);
		*h = (int)(be32(p + 20) & 0x7FFFFFF);
	} else if (len >= 10 && (memcmp(p, "GIF87a", 6) == 0 ||
	    memcmp(p, "GIF89a", 6) == 0)) {
		*ext = "gif";
		*w = p[6] | p[7] << 8;
		*h = p[8] | p[9] << 8;
	} else if (len >= 4 && p[0] == 0xFF && p[1] == 0xD8) {
		*ext = "jpeg";
		*w = *h = 0;
		/* Walk the segments to the first start-of-frame marker. */
		for (pos = 2; pos + 9 <= len && p[pos] == 0xFF; ) {
			unsigned m = p[pos + 1];

			if (m == 0xFF) {
				pos++;
				continue;
			}
			if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 &&
			    m != 0xCC) {
				*h = p[pos + 5] << 8 | p[pos + 6];
				*w = p[pos + 7] << 8 | p[pos + 8];
				break;
			}
			if (m == 0x01 || (m >= 0xD0 && m <= 0xD8))
				pos += 2;
			else
				pos += 2 + (size_t)(p[pos + 2] << 8 | p[pos + 3]);
		}
	} else
		return -1;
	return *w > 0 && *h > 0 ? 0 : -1;
}

/*
 * Core properties: title, subtitle as subject, author (else publisher) as
 * creator, the metadata line as description, the language, and the
 * document's date (never the clock) as created and modified.
 */
static void
put_core(struct buf *out, const struct doc *doc, const char *title,
    const char *lang, const struct render_opts *opts)
{
	const char	*creator = doc->meta[META_AUTHOR];
	const char	*sub = doc->meta[META_SUBTITLE];
	struct buf	 line = BUF_INIT;
	char		 iso[21];

	if (creator == NULL)
		creator = doc->meta[META_PUBLISHER];
	doc_time(opts, iso);
	BUF_PUTSL(out, DOCX_XML_DECL "<cp:coreProperties xmlns:cp=\""
	    "http://schemas.openxmlformats.org/package/2006/metadata/"
	    "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
	    "xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\""
	    "http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/"
	    "XMLSchema-instance\">");
	if (title != NULL) {
		BUF_PUTSL(out, "<dc:title>");
		esc_xml_text(out, title, strlen(title));
		BUF_PUTSL(out, "</dc:title>");
	}
	if (sub != NULL) {
		BUF_PUTSL(out, "<dc:subject>");
		esc_xml_text(out, sub, strlen(sub));
		BUF_PUTSL(out, "</dc:subject>");
	}
	if (creator != NULL) {
		BUF_PUTSL(out, "<dc:creator>");
		esc_xml_text(out, creator, strlen(creator));
		BUF_PUTSL(out, "</dc:creator>");
	}
	meta_line(doc, &line);
	if (line.len > 0) {
		BUF_PUTSL(out, "<dc:description>");
		esc_xml_text(out, line.ptr, line.len);
		BUF_PUTSL(out, "</dc:description>");
	}
	BUF_PUTSL(out, "<dc:language>");
	esc_xml_text(out, lang, strlen(lang));
	buf_printf(out, "</dc:language><dcterms:created xsi:type=\""
	    "dcterms:W3CDTF\">%s</dcterms:created><dcterms:modified "
	    "xsi:type=\"dcterms:W3CDTF\">%s</dcterms:modified>"
	    "</cp:coreProperties>", iso, iso);
	buf_free(&line);
}

/* Extended properties: only what does not change with the text. */
static void
put_app(struct buf *out)
{
	BUF_PUTSL(out, DOCX_XML_DECL "<Properties xmlns=\"http://schemas."
	    "openxmlformats.org/officeDocument/2006/extended-properties\">"
	    "<Application>artconv</Application><DocSecurity>0</DocSecurity>"
	    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
	    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false"
	    "</HyperlinksChanged></Properties>");
}

static void
override(struct buf *out, const char *part, const char *type)
{
	buf_printf(out, "<Override PartName=\"/%s\" ContentType=\"%s\"/>",
	    part, type);
}

/* Defaults for rels, xml and the image types used; one Override a part. */
static void
put_content_types(struct buf *out, const struct docx_kit *kit,
    const struct docx_parts *parts)
{
	static const char *const exts[] = { "png", "jpeg", "gif" };
	size_t	 e, i;

	BUF_PUTSL(out, DOCX_XML_DECL "<Types xmlns=\"http://schemas."
	    "openxmlformats.org/package/2006/content-types\"><Default "
	    "Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-"
	    "package.relationships+xml\"/><Default Extension=\"xml\" "
	    "ContentType=\"application/xml\"/>");
	for (e = 0; e < sizeof(exts) / sizeof(exts[0]); e++)
		for (i = 0; i < parts->nmedia; i++)
			if (strcmp(parts->media[i].ext, exts[e]) == 0) {
				buf_printf(out, "<Default Extension=\"%s\" "
				    "ContentType=\"image/%s\"/>", exts[e],
				    exts[e]);
				break;
			}
	override(out, "word/document.xml", DOCX_CT_BASE "document.main+xml");
	override(out, "word/styles.xml", DOCX_CT_BASE "styles+xml");
	override(out, "word/settings.xml", DOCX_CT_BASE "settings+xml");
	override(out, "word/fontTable.xml", DOCX_CT_BASE "fontTable+xml");
	override(out, "word/footer1.xml", DOCX_CT_BASE "footer+xml");
	if (kit->even_odd)
		override(out, "word/footer2.xml", DOCX_CT_BASE "footer+xml");
	if (kit->theme.len > 0)
		override(out, "word/theme/theme1.xml", "application/"
		    "vnd.openxmlformats-officedocument.theme+xml");
	if (kit->numbering.len > 0)
		override(out, "word/numbering.xml", DOCX_CT_BASE
		    "numbering+xml");
	override(out, "docProps/core.xml",
	    "application/vnd.openxmlformats-package.core-properties+xml");
	override(out, "docProps/app.xml", "application/vnd.openxmlformats-"
	    "officedocument.extended-properties+xml");
	BUF_PUTSL(out, "</Types>");
}

static void
put_package_rels(struct buf *out)
{
	BUF_PUTSL(out, DOCX_XML_DECL "<Relationships xmlns=\"" NS_PKG_REL "\">"
	    "<Relationship Id=\"rId1\" Type=\"" DOCX_REL_BASE "officeDocument\""
	    " Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\""
	    NS_PKG_REL "/metadata/core-properties\" Target=\"docProps/"
	    "core.xml\"/><Relationship Id=\"rId3\" Type=\"" DOCX_REL_BASE
	    "extended-properties\" Target=\"docProps/app.xml\"/>"
	    "</Relationships>");
}

int
docx_pack(struct docx_kit *kit, const struct docx_parts *parts,
    const struct render_opts *opts, struct buf *out, struct diag *diag)
{
	struct zipout	*z;
	struct buf	 b = BUF_INIT;
	char		 iso[21];
	size_t		 i;
	int		 rc = -1;

	if ((z = zipout_new(doc_time(opts, iso), diag)) == NULL)
		return -1;
	put_content_types(&b, kit, parts);
	if (zipout_add_buf(z, "[Content_Types].xml", &b, ZIPOUT_SHARED) != 0)
		goto out;
	put_package_rels(&b);
	if (zipout_add_buf(z, "_rels/.rels", &b, ZIPOUT_SHARED) != 0)
		goto out;
	put_core(&b, parts->doc, parts->title, parts->lang, opts);
	if (zipout_add_buf(z, "docProps/core.xml", &b, 0) != 0)
		goto out;
	put_app(&b);
	if (zipout_add_buf(z, "docProps/app.xml", &b, ZIPOUT_SHARED) != 0 ||
	    zipout_add_buf(z, "word/document.xml", parts->document, 0) != 0 ||
	    zipout_add_buf(z, "word/styles.xml", &kit->styles, ZIPOUT_SHARED) != 0 ||
	    zipout_add_buf(z, "word/settings.xml", &kit->settings,
	    ZIPOUT_SHARED) != 0 ||
	    zipout_add_buf(z, "word/fontTable.xml", &kit->fonts, ZIPOUT_SHARED) != 0 ||
	    zipout_add_buf(z, "word/footer1.xml", &kit->footer_odd,
	    ZIPOUT_SHARED) != 0)
		goto out;
	if (kit->even_odd && zipout_add_buf(z, "word/footer2.xml",
	    &kit->footer_even, ZIPOUT_SHARED) != 0)
		goto out;
	if (kit->theme.len > 0 && zipout_add_buf(z,
	    "word/theme/theme1.xml", &kit->theme, ZIPOUT_SHARED) != 0)
		goto out;
	if (kit->numbering.len > 0 && zipout_add_buf(z,
	    "word/numbering.xml", &kit->numbering, ZIPOUT_SHARED) != 0)
		goto out;
	for (i = 0; i < parts->nmedia; i++) {
		buf_truncate(&b, 0);
		buf_printf(&b, "word/media/image%zu.%s", i + 1,
		    parts->media[i].ext);
		/* Compressed images gain nothing from deflate. */
		if (zipout_add(z, b.ptr, parts->media[i].data.ptr,
		    parts->media[i].data.len, ZIPOUT_STORE) != 0)
			goto out;
	}
	buf_truncate(&b, 0);
	BUF_PUTSL(&b, DOCX_XML_DECL "<Relationships xmlns=\"" NS_PKG_REL
	    "\">");
	buf_putbuf(&b, parts->rels);
	BUF_PUTSL(&b, "</Relationships>");
	if (zipout_add_buf(z, "word/_rels/document.xml.rels", &b,
	    ZIPOUT_SHARED) != 0 ||
	    zipout_finish(z, out) != 0)
		goto out;
	rc = 0;
out:
	zipout_free(z);
	buf_free(&b);
	return rc;
}
