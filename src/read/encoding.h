/*
 * Character encodings at the reader boundary.  Everything after this
 * module sees valid UTF-8 with LF line ends.
 *
 * Detection order: a byte-order mark (UTF-8, UTF-16, UTF-32); valid UTF-8
 * (or UTF-8 with a few damaged bytes); otherwise GB18030 (a superset of
 * GB2312 and GBK) or Big5, whichever decodes with fewer invalid sequences
 * and more common Chinese characters.  Invalid sequences become U+FFFD and
 * are counted; nothing is dropped.  UTF-8 text with a few stray GB18030
 * characters (files merged from both encodings) gets those characters
 * decoded as GB18030, with a count.
 */
#ifndef ARTCONV_ENCODING_H
#define ARTCONV_ENCODING_H

#include <stddef.h>

#include "tree/diag.h"

struct decoded {
	char		*text;		/* UTF-8, NUL-terminated, owned */
	size_t		 len;
	const char	*encoding;	/* static name of what was decoded */
	size_t		 invalid;	/* sequences replaced by U+FFFD */
	size_t		 gb_pairs;	/* GB18030 pairs inside UTF-8 */
	size_t		 controls;	/* control characters replaced */
	int		 bom;		/* a byte-order mark was present */
};

/*
 * Decodes data[0..len) into out.  forced names the encoding (any name
 * iconv knows, e.g. "GBK", "big5"); NULL detects it.  hint is an encoding
 * a container declared (an HTML <meta charset>), used only when the bytes
 * do not decide.  Returns 0, or -1 if forced names no known encoding.
 */
int	 enc_decode(const char *data, size_t len, const char *forced,
	    const char *hint, struct decoded *out, struct diag *diag);
/*
 * Makes decoded text safe for the tree: CRLF and CR become LF, TAB a
 * space; C0 and C1 controls other than TAB and LF, and non-characters,
 * become U+FFFD (counted in out->controls); a leading U+FEFF is dropped.
 */
void	 enc_clean(struct decoded *dec);
/* Drops NUL bytes from dec->text, warning how many there were. */
void	 enc_drop_nul(struct decoded *dec, struct diag *diag);
/*
 * Warns about the invalid sequences and control characters that decoding
 * and enc_clean() replaced by U+FFFD.
 */
void	 enc_warn_repairs(const struct decoded *dec, struct diag *diag);
void	 enc_free(struct decoded *dec);
/*
 * Returns 1 if data looks like binary rather than text: NUL bytes or many
 * control bytes, without a UTF-16/32 byte-order mark.
 */
int	 enc_looks_binary(const char *data, size_t len);
/*
 * Canonical name for an encoding label as found in the wild ("gb2312",
 * "x-gbk", "utf8", "big5-hkscs"), or NULL if unknown.  GB2312 and GBK map
 * to GB18030, their superset.
 */
const char *enc_canonical(const char *label);

#endif
