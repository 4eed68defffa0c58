#include "pipeline.h"

#include <string.h>

#include "analyze/typography.h"

int
pipeline_read(const char *data, size_t len, const struct pipeline_opts *opts,
    struct doc **out, struct diag *diag)
{
	const struct reader	*r = opts->reader;
	struct typo_stats	 st;
	struct doc		*doc = NULL;
	size_t			 fixed, changed;
	int			 i;

	*out = NULL;
	if (len == 0)
		return diag_error(diag, "empty file");
	if (len > PIPELINE_MAX_INPUT)
		return diag_error(diag, "input too large (%zu bytes; the limit "
		    "is %zu)", len, PIPELINE_MAX_INPUT);
	if (r == NULL)
		r = reader_detect(opts->read.filename, data, len);
	diag_note(diag, "reader: %s", r->name);
	if (r->read(data, len, &opts->read, &doc, diag) != 0)
		return -1;
	if (!opts->keep_punctuation) {
		fixed = typo_repair(doc, &st);
		if (fixed > 0)
			diag_note(diag, "punctuation repaired: %zu (，%zu ：%zu "
			    "；%zu ？%zu ！%zu （）%zu)", fixed, st.comma,
			    st.colon, st.semicolon, st.question,
			    st.exclamation, st.paren);
	}
	if (opts->convert != NULL) {
		if (script_conv_doc(opts->convert, doc, &changed, diag) != 0) {
			doc_free(doc);
			return -1;
		}
		diag_note(diag, "converted (%s, %s): %zu characters changed",
		    script_conv_name(opts->convert),
		    script_conv_lang(opts->convert), changed);
	}
	for (i = 0; i < META__COUNT; i++)
		if (opts->meta[i] != NULL)
			doc_set_meta(doc, (enum meta_key)i,
			    opts->meta[i][0] != '\0' ? opts->meta[i] : NULL);
	if (doc->meta[META_TITLE] == NULL && opts->fallback_title != NULL) {
		doc_set_meta(doc, META_TITLE, opts->fallback_title);
		diag_note(diag, "no title found; using \"%s\"",
		    opts->fallback_title);
	}
	if (doc->meta[META_LANG] == NULL)
		doc_set_meta(doc, META_LANG, "zh-CN");
	*out = doc;
	return 0;
}
