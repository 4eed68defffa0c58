/*
 * libFuzzer target: the docx reader (see fuzz_reader.h).  Input that is
 * a zip or an OLE file goes to the reader as it is (seeds: the DOCX
 * fixtures).  Anything else is taken as the parts of a package, separated
 * by NUL bytes: word/document.xml, then word/numbering.xml,
 * word/styles.xml and word/footnotes.xml, packed into a zip here, so that
 * mutations reach the XML instead of breaking the zip's checksums.
 */
#include "io/zipout.h"
#include "fuzz_reader.h"

#define CT "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas." \
	"openxmlformats.org/package/2006/content-types\"/>"
#define RELS_BASE "http://schemas.openxmlformats.org/officeDocument/2006/" \
	"relationships/"
#define RELS "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas." \
	"openxmlformats.org/package/2006/relationships\">" \
	"<Relationship Id=\"r1\" Type=\"" RELS_BASE "numbering\" " \
	"Target=\"numbering.xml\"/>" \
	"<Relationship Id=\"r2\" Type=\"" RELS_BASE "styles\" " \
	"Target=\"styles.xml\"/>" \
	"<Relationship Id=\"r3\" Type=\"" RELS_BASE "footnotes\" " \
	"Target=\"footnotes.xml\"/>" \
	"<Relationship Id=\"r4\" Type=\"" RELS_BASE "hyperlink\" " \
	"Target=\"https://example.org/\" TargetMode=\"External\"/>" \
	"<Relationship Id=\"r5\" Type=\"" RELS_BASE "image\" " \
	"Target=\"media/a.png\"/></Relationships>"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"word/document.xml", "word/numbering.xml", "word/styles.xml",
		"word/footnotes.xml"
	};
	struct diag	 d;
	struct zipout	*z;
	struct buf	 zip = BUF_INIT;
	const char	*p = (const char *)data, *end = p + size, *nul;
	size_t		 k;

	if ((size >= 2 && memcmp(data, "PK", 2) == 0) ||
	    (size >= 4 && memcmp(data, "\xD0\xCF\x11\xE0", 4) == 0))
		return fuzz_reader("docx", data, size);
	diag_init(&d, 0);
	if ((z = zipout_new(0, &d)) == NULL)
		abort();
	if (zipout_add(z, "[Content_Types].xml", CT, strlen(CT),
	    ZIPOUT_STORE) != 0 || zipout_add(z,
	    "word/_rels/document.xml.rels", RELS, strlen(RELS),
	    ZIPOUT_STORE) != 0 || zipout_add(z, "word/media/a.png",
	    "\x89PNG\r\n\x1A\n", 8, ZIPOUT_STORE) != 0)
		abort();
	for (k = 0; k < sizeof(names) / sizeof(names[0]) && p <= end; k++) {
		nul = memchr(p, '\0', (size_t)(end - p));
		if (nul == NULL)
			nul = end;
		if (zipout_add(z, names[k], p, (size_t)(nul - p),
		    ZIPOUT_STORE) != 0)
			abort();
		p = nul + 1;
	}
	if (zipout_finish(z, &zip) != 0)
		abort();
	zipout_free(z);
	diag_free(&d);
	fuzz_reader("docx", (const uint8_t *)zip.ptr, zip.len);
	buf_free(&zip);
	return 0;
}
