/*
 * Simplified <-> Traditional Chinese (--convert), through OpenCC.
 *
 * OpenCC converts phrases, not characters: its dictionaries are matched
 * longest phrase first, so 头发 becomes 頭髮 (hair), not 頭發, and the
 * tw/hk variants add regional character forms, the twp/tw2sp variants
 * also regional vocabulary (软件 -> 軟體).  The configurations are
 * OpenCC's own, found by name in its data folder (/usr/share/opencc).
 *
 * The pass runs on the finished tree, after recognition, so the outline
 * cannot change: it rewrites strings only -- text nodes, labels, figure
 * alt text and the text metadata (title, subtitle, kicker, author,
 * publisher, source) -- never a link's address, an image's file name,
 * the article's URL or its date, and never a web address written in the
 * text.  It then sets the document's language tag to the target's.
 *
 * Phrases may span inline formatting ("一是<b>头</b>发"): the text of each
 * block (its label, then its inlines) is converted as one string and cut
 * back at the same character positions.  That is exact whenever the
 * conversion keeps the number of characters, as every OpenCC table does
 * but the Taiwan vocabulary of s2twp and tw2sp (U盘 -> 隨身碟); when the
 * number changes, the pieces are converted one by one instead.
 *
 * One opened converter may be used by several threads at once: OpenCC's
 * conversion is a const operation on read-only dictionaries.
 */
#ifndef ARTCONV_CONVERT_SCRIPT_H
#define ARTCONV_CONVERT_SCRIPT_H

#include <stddef.h>

#include "tree/diag.h"
#include "tree/doc.h"

struct script_conv;

/* The names --convert takes, NULL-terminated: "s2t", "t2s", ... */
extern const char *const script_conv_names[];

/*
 * Opens the conversion called name (one of script_conv_names).  Returns
 * NULL with a one-line reason in why[0..whylen) when the name is unknown
 * or OpenCC cannot load its configuration.  Thread-safe (a lock keeps
 * OpenCC's global error text to the call that failed); still, open once,
 * before starting workers: loading the dictionaries takes a while.
 */
struct script_conv	*script_conv_open(const char *name, char *why,
			    size_t whylen);
/* Frees the converter.  NULL is fine. */
void			 script_conv_close(struct script_conv *sc);
/* "s2t", ...: the name it was opened with. */
const char		*script_conv_name(const struct script_conv *sc);
/* The BCP 47 tag of the converted text: zh-Hant, zh-TW, zh-HK, zh-CN. */
const char		*script_conv_lang(const struct script_conv *sc);

/*
 * Converts the UTF-8 string s[0..len), web addresses in it excepted, into
 * a new string (free() it).  Returns NULL if OpenCC reports an error.
 */
char			*script_conv_string(const struct script_conv *sc,
			    const char *s, size_t len);

/*
 * Converts doc in place as described above and sets its META_LANG.
 * *changed (if not NULL) receives the number of characters that changed.
 * Returns 0, or -1 with the reason in diag (the tree then holds a mix of
 * converted and unconverted strings, all valid).
 */
int			 script_conv_doc(const struct script_conv *sc,
			    struct doc *doc, size_t *changed,
			    struct diag *diag);

#endif
