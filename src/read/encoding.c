#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tree/alloc.h"
#include "tree/buf.h"
#include "tree/utf8.h"

void
enc_drop_nul(struct decoded *dec, struct diag *diag)
{
	size_t	 r, w;

	for (r = w = 0; r < dec->len; r++)
		if (dec->text[r] != '\0')
			dec->text[w++] = dec->text[r];
	dec->text[w] = '\0';
	if (w < dec->len)
		diag_warn(diag, "%zu NUL byte%s removed", dec->len - w,
		    dec->len - w == 1 ? "" : "s");
	dec->len = w;
}

void
enc_warn_repairs(const struct decoded *dec, struct diag *diag)
{
	if (dec->gb_pairs)
		diag_warn(diag, "%zu GB18030 character%s inside the %s text "
		    "decoded as such", dec->gb_pairs, dec->gb_pairs == 1 ?
		    "" : "s", dec->encoding);
	if (dec->invalid)
		diag_warn(diag, "%zu invalid %s byte sequence%s replaced by "
		    "U+FFFD", dec->invalid, dec->encoding,
		    dec->invalid == 1 ? "" : "s");
	if (dec->controls)
		diag_warn(diag, "%zu control character%s replaced by U+FFFD",
		    dec->controls, dec->controls == 1 ? "" : "s");
}

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

/* For an abandoned call (recover.h): the descriptor is not memory. */
static void
close_descriptor(void *cd)
{
	iconv_close((iconv_t)cd);
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
	recover_defer(close_descriptor, (void *)cd);
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
	recover_forget((void *)cd);
	iconv_close(cd);
	return 0;
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
		if (utf8_is_plain3((const unsigned char *)data + i, len - i)) {
			(*valid)++;
			i += 3;
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
static const uint32_t common_chars[] = {
	0x4E00, 0x4E07, 0x4E09, 0x4E0A, 0x4E0B, 0x4E0D, 0x4E0E, 0x4E16,
	0x4E1A, 0x4E1C, 0x4E24, 0x4E2A, 0x4E2D, 0x4E3A, 0x4E3B, 0x4E48,
	0x4E4B, 0x4E5D, 0x4E5F, 0x4E66, 0x4E86, 0x4E8B, 0x4E8C, 0x4E8E,
	0x4E94, 0x4E9B, 0x4EA7, 0x4EAC, 0x4EB2, 0x4EBA, 0x4EC0, 0x4ECA,
	0x4ECE, 0x4ED6, 0x4EE3, 0x4EE5, 0x4EEC, 0x4EF6, 0x4EFB, 0x4F1A,
	0x4F46, 0x4F4D, 0x4F4F, 0x4F53, 0x4F55, 0x4F5C, 0x4F60, 0x4F7F,
	0x4F86, 0x4FBF, 0x4FE1, 0x500B, 0x5011, 0x505A, 0x513F, 0x5148,
	0x5149, 0x5152, 0x5165, 0x5167, 0x5168, 0x516C, 0x5173, 0x5176,
	0x5185, 0x518D, 0x519B, 0x51E0, 0x51FA, 0x5206, 0x5225, 0x5229,
	0x522B, 0x5230, 0x5236, 0x524D, 0x529B, 0x52A0, 0x52A1, 0x52A8,
	0x52D5, 0x5316, 0x5317, 0x5341, 0x534E, 0x5374, 0x539F, 0x53BB,
	0x53C8, 0x53CA, 0x53CD, 0x53D1, 0x53D7, 0x53E3, 0x53EA, 0x53EB,
	0x53EF, 0x53F0, 0x53F8, 0x5404, 0x5408, 0x540C, 0x540D, 0x540E,
	0x5411, 0x542C, 0x5458, 0x547D, 0x548C, 0x54E1, 0x554F, 0x56DB,
	0x56DE, 0x56E0, 0x56FD, 0x570B, 0x5728, 0x5730, 0x573A, 0x5834,
	0x58F0, 0x5904, 0x5916, 0x591A, 0x5927, 0x5929, 0x592A, 0x5934,
	0x5973, 0x597D, 0x5982, 0x5B50, 0x5B66, 0x5B78, 0x5B89, 0x5B9A,
	0x5B9E, 0x5BB6, 0x5BE6, 0x5BF9, 0x5C06, 0x5C0D, 0x5C0F, 0x5C11,
	0x5C31, 0x5C71, 0x5DE5, 0x5DF1, 0x5DF2, 0x5E02, 0x5E08, 0x5E2B,
	0x5E38, 0x5E73, 0x5E74, 0x5E76, 0x5E7E, 0x5E94, 0x5F00, 0x5F20,
	0x5F53, 0x5F88, 0x5F8C, 0x5F97, 0x5F9E, 0x5FC3, 0x6027, 0x603B,
	0x60C5, 0x60F3, 0x610F, 0x611F, 0x61C9, 0x6210, 0x6211, 0x6216,
	0x6240, 0x624B, 0x624D, 0x6253, 0x628A, 0x62A5, 0x63D0, 0x653E,
	0x653F, 0x6559, 0x6570, 0x6587, 0x65B0, 0x65B9, 0x65BC, 0x65E0,
	0x65E5, 0x65F6, 0x660E, 0x662F, 0x6642, 0x66F4, 0x66F8, 0x6700,
	0x6703, 0x6708, 0x6709, 0x671F, 0x672C, 0x673A, 0x6765, 0x6771,
	0x679C, 0x6837, 0x696D, 0x6A23, 0x6A5F, 0x6B21, 0x6B63, 0x6B64,
	0x6B7B, 0x6BD4, 0x6C11, 0x6C14, 0x6C34, 0x6C92, 0x6CA1, 0x6CD5,
	0x6D3B, 0x6D77, 0x6E05, 0x70B9, 0x70BA, 0x7121, 0x7136, 0x7269,
	0x738B, 0x73B0, 0x73FE, 0x7406, 0x751F, 0x7522, 0x7528, 0x7531,
	0x7535, 0x754C, 0x767C, 0x767D, 0x7684, 0x76EE, 0x76F8, 0x770B,
	0x771F, 0x773C, 0x7740, 0x77E5, 0x795E, 0x79CD, 0x7ACB, 0x7B11,
	0x7B2C, 0x7B49, 0x7CFB, 0x7D66, 0x7D93, 0x7E3D, 0x7ECF, 0x7ED9,
	0x7F8E, 0x7FA9, 0x8001, 0x8005, 0x800C, 0x807D, 0x80FD, 0x81EA,
	0x81F3, 0x8207, 0x842C, 0x8655, 0x884C, 0x8868, 0x88AB, 0x88E1,
	0x897F, 0x8981, 0x89C1, 0x89E3, 0x8A71, 0x8AAA, 0x8BA1, 0x8BB0,
	0x8BDD, 0x8BF4, 0x8C61, 0x8D70, 0x8D77, 0x8DEF, 0x8EAB, 0x8ECA,
	0x8ECD, 0x8F66, 0x8FC7, 0x8FD8, 0x8FD9, 0x8FDB, 0x9019, 0x901A,
	0x9032, 0x904E, 0x9053, 0x9084, 0x90A3, 0x90E8, 0x90FD, 0x91CC,
	0x91CD, 0x91D1, 0x9577, 0x957F, 0x9580, 0x958B, 0x9593, 0x95DC,
	0x95E8, 0x95EE, 0x95F4, 0x96BE, 0x96FB, 0x9762, 0x982D, 0x9A6C,
	0x9AD4, 0x9AD8, 0x9EBC,
};

/*
 * How many of s's characters are common ones.  The list is made into a
 * bitmap of the ideographs first (a few hundred stores, 2.6 KB): a
 * search of the list for each character of a megabyte of text was most
 * of the time spent telling GB18030 from Big5.
 */
static size_t
common_score(const char *s, size_t len)
{
	uint64_t	 map[(0x9FFF - 0x4E00) / 64 + 1];
	size_t		 pos = 0, hits = 0, i;
	uint32_t	 cp;

	memset(map, 0, sizeof(map));
	for (i = 0; i < sizeof(common_chars) / sizeof(common_chars[0]); i++)
		map[(common_chars[i] - 0x4E00) / 64] |=
		    (uint64_t)1 << ((common_chars[i] - 0x4E00) % 64);
	while (pos < len) {
		cp = utf8_next(s, len, &pos);
		if (cp >= 0x4E00 && cp <= 0x9FFF &&
		    (map[(cp - 0x4E00) / 64] >> ((cp - 0x4E00) % 64) & 1))
			hits++;
	}
	return hits;
}

/*
 * Characters a GB18030 double-byte pair may stand for inside UTF-8 text:
 * Han ideographs, CJK and full-width punctuation.  Anything else (Latin,
 * Greek, box drawing) is more likely a damaged byte than a stray GBK
 * character, and stays U+FFFD.
 */
static int
gb_pair_plausible(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 &&
	    cp <= 0x4DBF) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0xFF01 && cp <= 0xFF5E) || (cp >= 0x2010 && cp <= 0x2027);
}

/*
 * If u[0..left) opens with a GB18030 double-byte pair standing for a
 * plausible character, writes its UTF-8 form to out and returns 2, else
 * returns 0.  Both bytes must be 0x81 or above, so an ASCII letter after
 * a damaged byte is never taken into a pair.
 */
static size_t
gb_pair(iconv_t cd, const unsigned char *u, size_t left, struct buf *out)
{
	char		 in[2], o[8], *ip = in, *op = o;
	size_t		 il = 2, ol = sizeof(o), pos = 0;
	uint32_t	 cp;

	if (left < 2 || u[0] < 0x81 || u[0] == 0xFF || u[1] < 0x81 ||
	    u[1] == 0xFF)
		return 0;
	memcpy(in, u, 2);
	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || il != 0)
		return 0;
	cp = utf8_next(o, sizeof(o) - ol, &pos);
	if (pos != sizeof(o) - ol || !gb_pair_plausible(cp))
		return 0;
	buf_put(out, o, pos);
	return 2;
}

/*
 * Is u[0..left) a UTF-8 sequence cut short: a lead byte with at least one
 * of the continuation bytes it needs, but not all?  Such bytes are
 * damaged UTF-8, not a GBK pair.
 */
static int
truncated_utf8(const unsigned char *u, size_t left)
{
	size_t	 need, k;

	if (u[0] >= 0xC2 && u[0] <= 0xDF)
		need = 2;
	else if (u[0] >= 0xE0 && u[0] <= 0xEF)
		need = 3;
	else if (u[0] >= 0xF0 && u[0] <= 0xF4)
		need = 4;
	else
		return 0;
	for (k = 1; k < need && k < left && (u[k] & 0xC0) == 0x80; k++)
		;
	return k >= 2 && k < need;
}

/*
 * UTF-8 with stray GB18030 characters, as Chinese archives that merged
 * files of both encodings have them: where the bytes are not UTF-8 but
 * form GB18030 pairs of Chinese characters or punctuation, those are
 * the characters (counted in *gb); other invalid sequences become U+FFFD
 * (counted in *invalid).
 */
static void
utf8_mixed(const char *data, size_t len, struct buf *out, size_t *invalid,
    size_t *gb)
{
	const unsigned char *u = (const unsigned char *)data;
	iconv_t		 cd = iconv_open("UTF-8", "GB18030");
	size_t		 i = 0, run, adv, n;

	*invalid = *gb = 0;
	/* Closed by an abandoned library call too (recover.h). */
	if (cd != (iconv_t)-1)
		recover_defer(close_descriptor, (void *)cd);
	buf_grow(out, len);
	while (i < len) {
		run = i;
		while (i < len) {
			if (u[i] < 0x80) {
				i++;
				continue;
			}
			if (utf8_is_plain3(u + i, len - i)) {
				i += 3;
				continue;
			}
			if (utf8_decode(u + i, len - i, &adv) < 0)
				break;
			i += adv;
		}
		buf_put(out, data + run, i - run);
		if (i >= len)
			break;
		if (cd != (iconv_t)-1 && !truncated_utf8(u + i, len - i) &&
		    (n = gb_pair(cd, u + i, len - i, out)) > 0) {
			(*gb)++;
			i += n;
			continue;
		}
		utf8_decode(u + i, len - i, &adv);
		BUF_PUTSL(out, "\xEF\xBF\xBD");
		(*invalid)++;
		i += adv;
	}
	if (cd != (iconv_t)-1) {
		recover_forget((void *)cd);
		iconv_close(cd);
	}
}

static int
decode_as(const char *data, size_t len, const char *enc, struct decoded *out)
{
	struct buf	 b = BUF_INIT;
	size_t		 invalid;

	if (strcmp(enc, "UTF-8") == 0)
		utf8_mixed(data, len, &b, &invalid, &out->gb_pairs);
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
		for (;;) {
			while (i < len && (unsigned char)s[i] >= 0x20 &&
			    (unsigned char)s[i] < 0x7F)
				i++;
			/* Chinese text stays in the run (see utf8.h). */
			if (utf8_is_plain3((const unsigned char *)s + i,
			    len - i)) {
				i += 3;
				continue;
			}
			break;
		}
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
