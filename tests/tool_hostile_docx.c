/*
 * tool_hostile_docx DIR: writes the hostile Word files tests/hostile.sh
 * feeds the DOCX reader.  The zips are written byte by byte here (not
 * with libzip), because the point is to write what no honest library
 * would: headers that lie about sizes, a million entries, "../" names.
 *
 *   dotdot.docx     a valid document plus an entry "../../evil.txt"
 *   bomb.docx       document.xml inflating to 300 MB, size declared
 *   liar.docx       the same bomb whose headers declare 2000 bytes
 *   entries.docx    1 000 000 empty entries (ZIP64 end record)
 *   xxe.docx        document.xml with an external entity (file:///etc/passwd)
 *   laughs.docx     document.xml with the billion-laughs entities
 *   nested.docx     100 000 nested w:sdt elements
 *   nodoc.docx      a zip without word/document.xml
 *   truncated.docx  a valid document cut in the middle
 *   crc.docx        a valid document with one inflated byte changed
 *   many.docx       200 000 paragraphs (time, not refusal)
 *   runs.docx       one paragraph of 500 000 runs, alternately bold
 *   word97.doc      an OLE compound file with a WordDocument stream
 *   encrypted.docx  an OLE compound file with an EncryptedPackage stream
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOC_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define BODY_OPEN "<w:document xmlns:w=\"" W_NS "\"><w:body>"
#define BODY_CLOSE "</w:body></w:document>"

struct zw {
	FILE		*f;
	unsigned char	*cd;		/* central directory */
	size_t		 cdlen, cdcap;
	unsigned long long count;
	long long	 off;
};

static void
die(const char *what)
{
	perror(what);
	exit(2);
}

static void
put(struct zw *z, const void *p, size_t n)
{
	if (fwrite(p, 1, n, z->f) != n)
		die("write");
	z->off += (long long)n;
}

static void
le(unsigned char *b, unsigned long long v, int n)
{
	int	 i;

	for (i = 0; i < n; i++, v >>= 8)
		b[i] = (unsigned char)(v & 0xFF);
}

static void
cd_add(struct zw *z, const unsigned char *p, size_t n)
{
	if (z->cdlen + n > z->cdcap) {
		z->cdcap = (z->cdlen + n) * 2;
		if ((z->cd = realloc(z->cd, z->cdcap)) == NULL)
			die("realloc");
	}
	memcpy(z->cd + z->cdlen, p, n);
	z->cdlen += n;
}

/* One entry: method 0 or 8; declared sizes may differ from the real. */
static void
entry(struct zw *z, const char *name, int method, const void *data,
    size_t len, unsigned long crc, unsigned long long usize,
    unsigned long long declared)
{
	unsigned char	 h[46];
	size_t		 nl = strlen(name);
	long long	 at = z->off;

	memset(h, 0, sizeof(h));
	le(h, 0x04034b50, 4);
	le(h + 4, 20, 2);
	le(h + 8, (unsigned)method, 2);
	le(h + 10, 0, 2);
	le(h + 12, 0x2821, 2);		/* 2000-01-01 */
	le(h + 14, crc, 4);
	le(h + 18, len, 4);
	le(h + 22, declared, 4);
	le(h + 26, nl, 2);
	put(z, h, 30);
	put(z, name, nl);
	put(z, data, len);
	memset(h, 0, sizeof(h));
	le(h, 0x02014b50, 4);
	le(h + 4, 20, 2);
	le(h + 6, 20, 2);
	le(h + 10, (unsigned)method, 2);
	le(h + 14, 0x2821, 2);
	le(h + 16, crc, 4);
	le(h + 20, len, 4);
	le(h + 24, declared, 4);
	le(h + 28, nl, 2);
	le(h + 42, (unsigned long long)at, 4);
	cd_add(z, h, 46);
	cd_add(z, (const unsigned char *)name, nl);
	z->count++;
	(void)usize;
}

static void
stored(struct zw *z, const char *name, const char *s, size_t n)
{
	entry(z, name, 0, s, n, crc32(0, (const unsigned char *)s, (uInt)n),
	    n, n);
}

static void
deflated(struct zw *z, const char *name, const char *s, size_t n)
{
	uLongf		 cap = compressBound((uLong)n);
	unsigned char	*out = malloc(cap);
	z_stream	 zs;

	if (out == NULL)
		die("malloc");
	memset(&zs, 0, sizeof(zs));
	if (deflateInit2(&zs, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) !=
	    Z_OK)
		die("deflateInit2");
	zs.next_in = (Bytef *)s;
	zs.avail_in = (uInt)n;
	zs.next_out = out;
	zs.avail_out = (uInt)cap;
	if (deflate(&zs, Z_FINISH) != Z_STREAM_END)
		die("deflate");
	entry(z, name, 8, out, zs.total_out,
	    crc32(0, (const unsigned char *)s, (uInt)n), n, n);
	deflateEnd(&zs);
	free(out);
}

static void
zw_open(struct zw *z, const char *dir, const char *name)
{
	char	 path[4096];

	memset(z, 0, sizeof(*z));
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((z->f = fopen(path, "wb")) == NULL)
		die(path);
}

static void
zw_close(struct zw *z, int zip64)
{
	unsigned char	 e[56];
	long long	 cdoff = z->off, eocd64;

	put(z, z->cd, z->cdlen);
	if (zip64) {
		eocd64 = z->off;
		memset(e, 0, sizeof(e));
		le(e, 0x06064b50, 4);
		le(e + 4, 44, 8);
		le(e + 12, 45, 2);
		le(e + 14, 45, 2);
		le(e + 24, z->count, 8);
		le(e + 32, z->count, 8);
		le(e + 40, z->cdlen, 8);
		le(e + 48, (unsigned long long)cdoff, 8);
		put(z, e, 56);
		memset(e, 0, 20);
		le(e, 0x07064b50, 4);
		le(e + 8, (unsigned long long)eocd64, 8);
		le(e + 16, 1, 4);
		put(z, e, 20);
	}
	memset(e, 0, 22);
	le(e, 0x06054b50, 4);
	le(e + 8, zip64 ? 0xFFFF : z->count, 2);
	le(e + 10, zip64 ? 0xFFFF : z->count, 2);
	le(e + 12, z->cdlen, 4);
	le(e + 16, (unsigned long long)cdoff, 4);
	put(z, e, 22);
	if (fclose(z->f) != 0)
		die("fclose");
	free(z->cd);
}

static const char rels[] =
"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats"
".org/package/2006/relationships\"><Relationship Id=\"r1\" Type=\"http://"
"schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
"\" Target=\"word/document.xml\"/></Relationships>";
static const char ctypes[] =
"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
"package/2006/content-types\"/>";
static const char small_doc[] = DOC_HEAD BODY_OPEN
"<w:p><w:r><w:t>测试文件的标题</w:t></w:r></w:p>"
"<w:p><w:r><w:t>这是正文的第一段，内容不长。</w:t></w:r></w:p>" BODY_CLOSE;

static void
package(struct zw *z, const char *doc, size_t len)
{
	stored(z, "[Content_Types].xml", ctypes, strlen(ctypes));
	stored(z, "_rels/.rels", rels, strlen(rels));
	deflated(z, "word/document.xml", doc, len);
}

/* A whole file from a zip written in memory-free steps. */
static void
simple(const char *dir, const char *name, const char *doc, size_t len)
{
	struct zw	 z;

	zw_open(&z, dir, name);
	package(&z, doc, len);
	zw_close(&z, 0);
}

static char *
repeat_doc(const char *open, const char *unit, size_t times,
    const char *close, size_t *len)
{
	size_t	 ou = strlen(open), uu = strlen(unit), cu = strlen(close), i;
	char	*s = malloc(ou + uu * times + cu + 1), *p;

	if (s == NULL)
		die("malloc");
	memcpy(s, open, ou);
	for (p = s + ou, i = 0; i < times; i++, p += uu)
		memcpy(p, unit, uu);
	memcpy(p, close, cu);
	*len = ou + uu * times + cu;
	s[*len] = '\0';
	return s;
}

static void
bomb(const char *dir, const char *name, int lie)
{
	struct zw	 z;
	size_t		 len;
	char		*doc;
	uLongf		 cap;
	unsigned char	*out;
	z_stream	 zs;

	doc = repeat_doc(DOC_HEAD BODY_OPEN "<w:p><w:r><w:t>",
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 6000000,
	    "</w:t></w:r></w:p>" BODY_CLOSE, &len);
	cap = compressBound((uLong)len);
	if ((out = malloc(cap)) == NULL)
		die("malloc");
	memset(&zs, 0, sizeof(zs));
	deflateInit2(&zs, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);
	zs.next_in = (Bytef *)doc;
	zs.avail_in = (uInt)len;
	zs.next_out = out;
	zs.avail_out = (uInt)cap;
	if (deflate(&zs, Z_FINISH) != Z_STREAM_END)
		die("deflate");
	zw_open(&z, dir, name);
	stored(&z, "[Content_Types].xml", ctypes, strlen(ctypes));
	stored(&z, "_rels/.rels", rels, strlen(rels));
	entry(&z, "word/document.xml", 8, out, zs.total_out,
	    crc32(0, (const unsigned char *)doc, (uInt)len), len,
	    lie ? 2000 : len);
	zw_close(&z, 0);
	deflateEnd(&zs);
	free(out);
	free(doc);
}

static void
ole(const char *dir, const char *name, const char *stream)
{
	unsigned char	 b[2048];
	char		 path[4096];
	FILE		*f;
	size_t		 i, n = strlen(stream);

	memset(b, 0, sizeof(b));
	memcpy(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
	for (i = 0; i < n; i++)
		b[1024 + 2 * i] = (unsigned char)stream[i];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "wb")) == NULL || fwrite(b, 1, sizeof(b), f) !=
	    sizeof(b) || fclose(f) != 0)
		die(path);
}

int
main(int argc, char *argv[])
{
	const char	*dir, *lit;
	struct zw	 z;
	char		*doc, path[4096];
	size_t		 len;
	unsigned long	 i;
	FILE		*f;

	if (argc != 2) {
		fprintf(stderr, "usage: tool_hostile_docx DIR\n");
		return 2;
	}
	dir = argv[1];

	zw_open(&z, dir, "dotdot.docx");
	package(&z, small_doc, strlen(small_doc));
	stored(&z, "../../evil.txt", "gotcha", 6);
	zw_close(&z, 0);

	bomb(dir, "bomb.docx", 0);
	bomb(dir, "liar.docx", 1);

	zw_open(&z, dir, "entries.docx");
	package(&z, small_doc, strlen(small_doc));
	for (i = 0; i < 1000000; i++) {
		char n[16];

		snprintf(n, sizeof(n), "%lx", i);
		stored(&z, n, "", 0);
	}
	zw_close(&z, 1);

	lit = DOC_HEAD "<!DOCTYPE w:document [<!ENTITY x SYSTEM "
	    "\"file:///etc/passwd\">]>" BODY_OPEN
	    "<w:p><w:r><w:t>外部实体：&x;</w:t></w:r></w:p>" BODY_CLOSE;
	simple(dir, "xxe.docx", lit, strlen(lit));
	lit = DOC_HEAD "<!DOCTYPE w:document [<!ENTITY a \"哈哈哈哈哈哈哈哈哈哈\">"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
	    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
	    "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
	    "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">"
	    "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">]>" BODY_OPEN
	    "<w:p><w:r><w:t>&g;</w:t></w:r></w:p>" BODY_CLOSE;
	simple(dir, "laughs.docx", lit, strlen(lit));

	doc = repeat_doc(DOC_HEAD BODY_OPEN "<w:p><w:r><w:t>嵌套</w:t></w:r>"
	    "</w:p>", "<w:sdt><w:sdtContent>", 100000, "", &len);
	simple(dir, "nested.docx", doc, len);
	free(doc);

	zw_open(&z, dir, "nodoc.docx");
	stored(&z, "[Content_Types].xml", ctypes, strlen(ctypes));
	stored(&z, "word/styles.xml", "<x/>", 4);
	zw_close(&z, 0);

	doc = repeat_doc(DOC_HEAD BODY_OPEN "<w:p><w:r><w:t>很多段落的文件"
	    "</w:t></w:r></w:p>", "<w:p><w:r><w:t>这是一个段落，内容重复。"
	    "</w:t></w:r></w:p>", 200000, BODY_CLOSE, &len);
	simple(dir, "many.docx", doc, len);
	free(doc);

	doc = repeat_doc(DOC_HEAD BODY_OPEN "<w:p><w:r><w:t>很多文字块</w:t>"
	    "</w:r></w:p><w:p>", "<w:r><w:t>字</w:t></w:r><w:r><w:rPr><w:b/>"
	    "</w:rPr><w:t>粗</w:t></w:r>", 250000, "</w:p>" BODY_CLOSE, &len);
	simple(dir, "runs.docx", doc, len);
	free(doc);

	/* Truncated and damaged copies of a valid file. */
	{
		char	 in[4096];
		unsigned char *buf;
		long	 sz;
		size_t	 k;

		doc = repeat_doc(DOC_HEAD BODY_OPEN, "<w:p><w:r><w:t>完整"
		    "的段落文字，用来测试损坏的压缩数据。</w:t></w:r></w:p>", 400,
		    BODY_CLOSE, &len);
		simple(dir, "valid.docx", doc, len);
		free(doc);
		snprintf(in, sizeof(in), "%s/valid.docx", dir);
		if ((f = fopen(in, "rb")) == NULL)
			die(in);
		fseek(f, 0, SEEK_END);
		sz = ftell(f);
		rewind(f);
		if ((buf = malloc((size_t)sz)) == NULL ||
		    fread(buf, 1, (size_t)sz, f) != (size_t)sz)
			die("read");
		fclose(f);
		snprintf(path, sizeof(path), "%s/truncated.docx", dir);
		if ((f = fopen(path, "wb")) == NULL ||
		    fwrite(buf, 1, (size_t)sz / 2, f) != (size_t)sz / 2 ||
		    fclose(f) != 0)
			die(path);
		/* A byte inside the deflate stream of document.xml. */
		for (k = 30; k + 17 < (size_t)sz; k++)
			if (memcmp(buf + k, "word/document.xml", 17) == 0 &&
			    memcmp(buf + k - 30, "PK\3\4", 4) == 0)
				break;
		if (k + 17 + 40 < (size_t)sz)
			buf[k + 17 + 40] ^= 0x55;
		snprintf(path, sizeof(path), "%s/crc.docx", dir);
		if ((f = fopen(path, "wb")) == NULL ||
		    fwrite(buf, 1, (size_t)sz, f) != (size_t)sz ||
		    fclose(f) != 0)
			die(path);
		free(buf);
	}

	ole(dir, "word97.doc", "WordDocument");
	ole(dir, "encrypted.docx", "EncryptedPackage");
	return 0;
}
