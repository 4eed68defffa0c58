#include "common.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze/article.h"
#include "tree/alloc.h"
#include "tree/utf8.h"

const char *
label_separator(const char *label)
{
	size_t		 pos;
	uint32_t	 last;

	if (label == NULL || label[0] == '\0')
		return "";
	pos = strlen(label);
	last = utf8_prev(label, &pos);
	if (last == 0x3001 || last == 0xFF09 || last == ')' || last == '.' ||
	    last == 0xFF0E || last == 0xFF0C || last == ',' ||
	    (last >= 0x2460 && last <= 0x2473) || last == 0x2014 ||
	    last == 0x662F)				/* 、 ） . ， ① — 是 */
		return "";
	return "\xE3\x80\x80";			/* U+3000 */
}

int
blank(const char *s)
{
	return s == NULL || s[0] == '\0';
}

int
list_labelled(const struct node *list)
{
	const struct node	*c;

	for (c = list->first_child; c != NULL; c = c->next)
		if (!blank(c->as.item.label))
			return 1;
	return 0;
}

size_t
table_columns(const struct node *table)
{
	const struct node	*row, *cell;
	size_t			 cols = 0, n;

	for (row = table->first_child; row != NULL; row = row->next) {
		for (n = 0, cell = row->first_child; cell; cell = cell->next)
			n++;
		if (n > cols)
			cols = n;
	}
	return cols;
}

void
labelled_text(const char *label, const struct node *n, struct buf *out)
{
	if (label != NULL) {
		buf_puts(out, label);
		buf_puts(out, label_separator(label));
	}
	node_text(n, out);
}

int
writer_lang_hant(const char *lang)
{
	static const char *const tags[] = { "zh-TW", "zh-HK", "zh-MO",
	    "zh-Hant" };
	size_t	 i, n;

	if (lang == NULL)
		return 0;
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		n = strlen(tags[i]);
		if (strncasecmp(lang, tags[i], n) == 0 &&
		    (lang[n] == '\0' || lang[n] == '-'))
			return 1;
	}
	return 0;
}

void
meta_line(const struct doc *doc, struct buf *out)
{
	static const struct {
		enum meta_key	 key;
		const char	*prefix, *prefix_hant;
	} fields[] = {
		{ META_DATE, "", "" },
		{ META_SOURCE, "来源：", "來源：" },
		{ META_AUTHOR, "作者：", "作者：" },
		{ META_PUBLISHER, "发布者：", "發佈者：" },
	};
	size_t	 i, start = out->len;
	char	*shown = NULL;
	int	 hant = writer_lang_hant(doc->meta[META_LANG]);

	/* A date the subtitle already shows ("（2018年1月2日）") is not repeated. */
	if (doc->meta[META_SUBTITLE] != NULL)
		shown = article_find_date(doc->meta[META_SUBTITLE],
		    strlen(doc->meta[META_SUBTITLE]), NULL, NULL);
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const char *v = doc->meta[fields[i].key];

		if (v == NULL || v[0] == '\0' || (fields[i].key == META_DATE &&
		    shown != NULL && strcmp(shown, v) == 0))
			continue;
		if (out->len > start)
			buf_puts(out, "\xE3\x80\x80");
		buf_puts(out, hant ? fields[i].prefix_hant : fields[i].prefix);
		buf_puts(out, v);
	}
	free(shown);
}

time_t
doc_time(const struct render_opts *opts, char iso[21])
{
	time_t		 t = opts->timestamp > 0 ? opts->timestamp : 946684800;
	struct tm	 tm;

	if (gmtime_r(&t, &tm) == NULL) {
		t = 946684800;
		gmtime_r(&t, &tm);
	}
	strftime(iso, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return t;
}

size_t
strip_final_punct(const char *s, size_t len)
{
	size_t		 pos;
	uint32_t	 cp;

	while (len > 0) {
		pos = len;
		cp = utf8_prev(s, &pos);
		if (cp == 0x3002 || cp == 0xFF0C || cp == 0xFF1B ||
		    cp == 0xFF1A || cp == 0xFF01 || cp == 0xFF1F ||
		    cp == 0x3001 || cp == 0x2026 || cp == ',' || cp == ';' ||
		    cp == ':' || cp == '.' || cp == '!' || cp == '?')
			len = pos;
		else
			break;
	}
	return len;
}

void
plain_text(const struct node *n, struct buf *out)
{
	struct iter	 it;

	iter_init(&it, n);
	while (iter_next(&it) != ITER_DONE) {
		if (it.event != ITER_ENTER)
			continue;
		if (it.node->type == NODE_TEXT)
			buf_puts(out, it.node->as.text);
		else if (it.node->type == NODE_LINEBREAK)
			buf_putc(out, '\n');
	}
}
