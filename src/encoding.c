#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "buf.h"
#include "utf8.h"

void
enc_free(struct decoded *dec)
{
	if (dec == NULL)
		return;
	free(dec->text);
	dec->text = NULL;
	dec->len = 0;
}

/*
 * Labels seen in real pages and files.  GB2312 and GBK are decoded as
 * GB18030, which contains both, so a page that declares gb2312 but uses a
 * GBK character still decodes.
 */
static const struct {
	const char	*label;
	const char	*name;
} labels[] = {
	{ "utf-8", "UTF-8" }, { "utf8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" },
	{ "gb18030", "GB18030" }, { "gbk", "GB18030" }, { "gb2312", "GB18030" },
	{ "x-gbk", "GB18030" }, { "cp936", "GB18030" }, { "windows-936", "GB18030" },
	{ "euc-cn", "GB18030" }, { "csgb2312", "GB18030" }, { "gb_2312-80", "GB18030" },
	{ "chinese", "GB18030" }, { "iso-ir-58", "GB18030" }, { "hz-gb-2312", "HZ" },
	{ "big5", "BIG5" }, { "big-5", "BIG5" }, { "cn-big5", "BIG5" },
	{ "x-x-big5", "BIG5" }, { "csbig5", "BIG5" }, { "cp950", "CP950" },
	{ "big5-hkscs", "BIG5-HKSCS" }, { "utf-16", "UTF-16" },
	{ "utf-16le", "UTF-16LE" }, { "utf-16be", "UTF-16BE" },
	{ "iso-8859-1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
	{ "windows-1252", "WINDOWS-1252" }, { "us-ascii", "UTF-8" },
	{ "ascii", "UTF-8" },
};

const char *
enc_canonical(const char *label)
{
	size_t	 i;

	if (label == NULL)
		return NULL;
	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcasecmp(label, labels[i].label) == 0)
			return labels[i].name;
	return NULL;
}

int
enc_looks_binary(const char *data, size_t len)
{
	size_t	 i, n = len < 65536 ? len : 65536, ctrl = 0;
	unsigned char c;

	if (len >= 2 && (((unsigned char)data[0] == 0xFF &&
	    (unsigned char)data[1] == 0xFE) || ((unsigned char)data[0] == 0xFE &&
	    (unsigned char)data[1] == 0xFF)))
		return 0;
	if (len >= 4 && memcmp(data, "\0\0\xFE\xFF", 4) == 0)
		return 0;
	for (i = 0; i < n; i++) {
		c = (unsigned char)data[i];
		if (c == 0)
			return 1;
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
		    c != '\f' && c != 0x1B)
			ctrl++;
	}
	return n > 0 && ctrl * 20 > n;
}

/*
 * Decodes with iconv, replacing each invalid or truncated sequence with
 * U+FFFD.  Returns -1 if iconv does not know the encoding.
 */
static int
iconv_decode(const char *data, size_t len, const char *enc, struct buf *out,
    size_t *invalid)
{
	iconv_t		 cd;
	char		*in = (char *)data, *o;
	size_t		 inleft = len, oleft, room, r;

	*invalid = 0;
	if ((cd = iconv_open("UTF-8", enc)) == (iconv_t)-1)
		return -1;
	buf_grow(out, len + len / 2 + 16);
	while (inleft > 0) {
		room = out->cap - out->len - 1;
		o = out->ptr + out->len;
		oleft = room;
		r = iconv(cd, &in, &inleft, &o, &oleft);
		out->len += room - oleft;
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG) {
			buf_grow(out, inleft * 2 + 16);
			continue;
		}
		/* EILSEQ or EINVAL: one replacement, skip one byte, resync. */
		buf_put(out, "\xEF\xBF\xBD", 3);
		(*invalid)++;
		in++;
		inleft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	/* Flush any shift state (HZ). */
	buf_grow(out, 16);
	o = out->ptr + out->len;
	oleft = out->cap - out->len - 1;
	room = oleft;
	iconv(cd, NULL, NULL, &o, &oleft);
	out->len += room - oleft;
	out->ptr[out->len] = '\0';
	iconv_close(cd);
	return 0;
}

/* UTF-8 with U+FFFD for each maximal invalid subpart. */
static void
utf8_repair(const char *data, size_t len, struct buf *out, size_t *invalid)
{
	size_t	 i = 0, run, adv;

	*invalid = 0;
	buf_grow(out, len);
	while (i < len) {
		run = i;
		while (i < len && (unsigned char)data[i] < 0x80)
			i++;
		while (i < len && (unsigned char)data[i] >= 0x80) {
			if (utf8_decode((const unsigned char *)data + i,
			    len - i, &adv) < 0)
				break;
			i += adv;
		}
		buf_put(out, data + run, i - run);
		if (i < len && (unsigned char)data[i] >= 0x80) {
			utf8_decode((const unsigned char *)data + i, len - i,
			    &adv);
			buf_put(out, "\xEF\xBF\xBD", 3);
			(*invalid)++;
			i += adv;
		}
	}
}

/* Counts valid multi-byte sequences and invalid subparts. */
static void
utf8_census(const char *data, size_t len, size_t *valid, size_t *bad)
{
	size_t	 i = 0, adv;

	*valid = *bad = 0;
	while (i < len) {
		if ((unsigned char)data[i] < 0x80) {
			i++;
			continue;
		}
		if (utf8_decode((const unsigned char *)data + i, len - i,
		    &adv) < 0)
			(*bad)++;
		else
			(*valid)++;
		i += adv;
	}
}

/*
 * The most frequent characters of Chinese prose, in both scripts.  A
 * correct decoding is full of them; decoding GBK bytes as Big5 (or the
 * reverse) yields mostly rare characters.
 */
static const char common_chars[] =
    "的一是不了在人有我他这中大来上国个到说们为子和你地出道也时年得就那要"
    "下以生会自着去之过家学对可里后小么心多天而能好都然没日于起还发成事只"
    "作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样"
    "现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部"
    "正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使"
    "教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总"
    "才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常"
    "提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记"
    "這個們來說為時會過對裡後麼沒於還發經頭動長現樣實進話兒間頭問機給幾"
    "業電門東與關內軍產萬體別處總師書員聽義車應場從開無學國";

static size_t
common_score(const char *s, size_t len)
{
	size_t		 pos = 0, hits = 0, p;
	uint32_t	 cp;
	char		 enc[4];
	size_t		 n;

	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (cp < 0x4E00 || cp > 0x9FFF)
			continue;
		n = utf8_encode(cp, enc);
		for (p = 0; p + n <= sizeof(common_chars) - 1; p += 3)
			if (memcmp(common_chars + p, enc, n) == 0) {
				hits++;
				break;
			}
	}
	return hits;
}

static int
decode_as(const char *data, size_t len, const char *enc, struct decoded *out)
{
	struct buf	 b = BUF_INIT;
	size_t		 invalid;

	if (strcmp(enc, "UTF-8") == 0)
		utf8_repair(data, len, &b, &invalid);
	else if (iconv_decode(data, len, enc, &b, &invalid) != 0) {
		buf_free(&b);
		return -1;
	}
	out->invalid = invalid;
	out->text = buf_detach(&b, &out->len);
	out->encoding = enc;
	return 0;
}

/*
 * Picks GB18030 or Big5 for bytes that are not valid UTF-8, or UTF-8 after
 * all when it has fewer damaged sequences than either (utf8_bad of them
 * among utf8_valid good ones): a short UTF-8 text with a stray byte.
 */
static void
decode_legacy(const char *data, size_t len, const char *hint,
    size_t utf8_valid, size_t utf8_bad, struct decoded *out,
    struct diag *diag)
{
	struct decoded	 gb = { 0 }, big5 = { 0 };
	size_t		 sample = len < 1 << 20 ? len : 1 << 20;
	size_t		 gb_score, big5_score;
	int		 use_big5;

	/* Score on a prefix; decode the whole input only once. */
	decode_as(data, sample, "GB18030", &gb);
	decode_as(data, sample, "BIG5", &big5);
	gb_score = common_score(gb.text, gb.len);
	big5_score = common_score(big5.text, big5.len);
	if (big5.invalid != gb.invalid)
		use_big5 = big5.invalid * 4 < gb.invalid ||
		    (big5.invalid < gb.invalid && big5_score > gb_score);
	else
		use_big5 = big5_score > gb_score;
	if (!use_big5 && big5_score == gb_score && hint != NULL &&
	    strcmp(hint, "BIG5") == 0)
		use_big5 = 1;
	diag_note(diag, "not UTF-8 (%zu invalid sequences): GB18030 scores %zu "
	    "(%zu invalid), Big5 scores %zu (%zu invalid)", utf8_bad, gb_score,
	    gb.invalid, big5_score, big5.invalid);
	if (utf8_valid > utf8_bad && utf8_bad < gb.invalid &&
	    utf8_bad < big5.invalid) {
		enc_free(&gb);
		enc_free(&big5);
		decode_as(data, len, "UTF-8", out);
		return;
	}
	enc_free(&gb);
	enc_free(&big5);
	decode_as(data, len, use_big5 ? "BIG5" : "GB18030", out);
}

int
enc_decode(const char *data, size_t len, const char *forced,
    const char *hint, struct decoded *out, struct diag *diag)
{
	const unsigned char	*u = (const unsigned char *)data;
	const char		*name;
	size_t			 valid, bad;

	memset(out, 0, sizeof(*out));
	if (forced != NULL) {
		name = enc_canonical(forced);
		if (name == NULL)
			name = forced;
		if (decode_as(data, len, name, out) != 0)
			return diag_error(diag, "unknown encoding \"%s\"",
			    forced);
		return 0;
	}
	if (len >= 4 && memcmp(u, "\xFF\xFE\0\0", 4) == 0) {
		out->bom = 1;
		return decode_as(data + 4, len - 4, "UTF-32LE", out);
	}
	if (len >= 4 && memcmp(u, "\0\0\xFE\xFF", 4) == 0) {
		out->bom = 1;
		return decode_as(data + 4, len - 4, "UTF-32BE", out);
	}
	if (len >= 3 && memcmp(u, "\xEF\xBB\xBF", 3) == 0) {
		out->bom = 1;
		return decode_as(data + 3, len - 3, "UTF-8", out);
	}
	if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		out->bom = 1;
		return decode_as(data + 2, len - 2, "UTF-16LE", out);
	}
	if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		out->bom = 1;
		return decode_as(data + 2, len - 2, "UTF-16BE", out);
	}
	utf8_census(data, len, &valid, &bad);
	/*
	 * UTF-8 when valid, or when damaged bytes are rare among many valid
	 * sequences (a truncated or partly corrupted UTF-8 file).  Legacy
	 * double-byte text almost never forms valid UTF-8 sequences.
	 */
	if (bad == 0 || (valid >= 16 && bad * 50 <= valid))
		return decode_as(data, len, "UTF-8", out);
	decode_legacy(data, len, hint != NULL ? enc_canonical(hint) : NULL,
	    valid, bad, out, diag);
	return 0;
}

void
enc_clean(struct decoded *dec)
{
	struct buf	 b = BUF_INIT;
	const char	*s = dec->text;
	size_t		 len = dec->len, i = 0, run, adv;
	int32_t		 cp;

	buf_grow(&b, len);
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len) {
		run = i;
		while (i < len && (unsigned char)s[i] >= 0x20 &&
		    (unsigned char)s[i] < 0x7F)
			i++;
		buf_put(&b, s + run, i - run);
		if (i >= len)
			break;
		if (s[i] == '\r') {
			buf_putc(&b, '\n');
			i += (i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		if (s[i] == '\n' || s[i] == '\t') {
			/* A tab is layout, not text: a space keeps words apart. */
			buf_putc(&b, s[i] == '\t' ? ' ' : '\n');
			i++;
			continue;
		}
		cp = utf8_decode((const unsigned char *)s + i, len - i, &adv);
		if (cp < 0 || uc_is_forbidden((uint32_t)cp)) {
			if (cp >= 0)
				dec->controls++;
			else
				dec->invalid++;
			buf_put(&b, "\xEF\xBF\xBD", 3);
		} else
			buf_put(&b, s + i, adv);
		i += adv;
	}
	free(dec->text);
	dec->text = buf_detach(&b, &dec->len);
}
