#include "typography.h"

#include <stdlib.h>
#include <string.h>

#include "tree/alloc.h"
#include "tree/buf.h"
#include "tree/utf8.h"

/* Characters that make a neighbouring ASCII mark Chinese punctuation. */
static int
chinese_context(uint32_t cp)
{
	return uc_is_cjk(cp) || cp == 0x201C || cp == 0x201D ||	/* “ ” */
	    cp == 0x2018 || cp == 0x2019 || cp == 0x2026 ||		/* ‘ ’ … */
	    cp == 0x2014;						/* — */
}

static int
ascii_digit(uint32_t cp)
{
	return cp >= '0' && cp <= '9';
}

/* Marks the bytes of URLs (http://…, https://…, www.…) in s. */
static void
mark_urls(const char *s, size_t len, unsigned char *in_url)
{
	size_t	 i = 0, j;

	while (i < len) {
		if ((len - i >= 7 && strncmp(s + i, "http://", 7) == 0) ||
		    (len - i >= 8 && strncmp(s + i, "https://", 8) == 0) ||
		    (len - i >= 4 && strncmp(s + i, "www.", 4) == 0 &&
		    (i == 0 || (unsigned char)s[i - 1] < 0x80))) {
			/* Up to white space or a non-ASCII character. */
			for (j = i; j < len && (unsigned char)s[j] > ' ' &&
			    (unsigned char)s[j] < 0x80; j++)
				in_url[j] = 1;
			i = j;
		} else
			i++;
	}
}

/* Index of the ')' matching the '(' at s[open], or len if none. */
static size_t
matching_paren(const char *s, size_t len, size_t open)
{
	size_t	 i;
	int	 depth = 0;

	for (i = open; i < len; i++) {
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && --depth == 0)
			return i;
		else if (s[i] == '\n')
			break;
	}
	return len;
}

static int
has_cjk(const char *s, size_t from, size_t to)
{
	size_t	 pos = from;

	while (pos < to)
		if (uc_is_cjk(utf8_next(s, to, &pos)))
			return 1;
	return 0;
}

char *
typo_repair_string(const char *s, struct typo_stats *st)
{
	struct buf	 b = BUF_INIT;
	unsigned char	*in_url, *pair;
	size_t		 len = strlen(s), i, run = 0, pos, close;
	size_t		 changed = 0;
	uint32_t	 prev, next;
	const char	*rep;

	if (strpbrk(s, ",:;?!()") == NULL)
		return NULL;
	in_url = xcalloc(len + 1, 1);
	pair = xcalloc(len + 1, 1);	/* 1: convert this bracket */
	mark_urls(s, len, in_url);
	/* Decide bracket pairs first, so both halves change together. */
	for (i = 0; i < len; i++) {
		if (s[i] != '(' || in_url[i] || pair[i])
			continue;
		close = matching_paren(s, len, i);
		pos = i;
		prev = i > 0 ? utf8_prev(s, &pos) : 0;
		pos = close < len ? close + 1 : len;
		next = pos < len ? utf8_next(s, len, &pos) : 0;
		if (close < len && !in_url[close] &&
		    (chinese_context(prev) || chinese_context(next) ||
		    has_cjk(s, i + 1, close))) {
			pair[i] = pair[close] = 1;
		}
	}
	for (i = 0; i < len; i++) {
		char c = s[i];

		if ((c != ',' && c != ':' && c != ';' && c != '?' &&
		    c != '!' && c != '(' && c != ')') || in_url[i])
			continue;
		pos = i;
		prev = i > 0 ? utf8_prev(s, &pos) : 0;
		pos = i + 1;
		next = pos < len ? utf8_next(s, len, &pos) : 0;
		rep = NULL;
		switch (c) {
		case '(':
		case ')':
			if (pair[i] || (matching_paren(s, len, i) == len &&
			    (chinese_context(prev) || chinese_context(next))))
				rep = c == '(' ? "（" : "）";
			break;
		default:
			if (!chinese_context(prev) && !chinese_context(next))
				break;
			if (ascii_digit(prev) && ascii_digit(next))
				break;
			rep = c == ',' ? "，" : c == ':' ? "：" : c == ';' ?
			    "；" : c == '?' ? "？" : "！";
			break;
		}
		if (rep == NULL)
			continue;
		/* An unmatched ')' pairs with nothing: leave it unless
		 * Chinese sits next to it. */
		if (c == ')' && !pair[i] && !chinese_context(prev) &&
		    !chinese_context(next))
			continue;
		buf_put(&b, s + run, i - run);
		buf_puts(&b, rep);
		run = i + 1;
		changed++;
		if (st != NULL) {
			switch (c) {
			case ',': st->comma++; break;
			case ':': st->colon++; break;
			case ';': st->semicolon++; break;
			case '?': st->question++; break;
			case '!': st->exclamation++; break;
			default: st->paren++; break;
			}
		}
	}
	free(in_url);
	free(pair);
	if (changed == 0) {
		buf_free(&b);
		return NULL;
	}
	buf_put(&b, s + run, len - run);
	return buf_detach(&b, NULL);
}

/* Repairs *slot in place; returns 1 if it changed. */
static void
repair_slot(char **slot, struct typo_stats *st)
{
	char	*fixed;

	if (*slot == NULL)
		return;
	if ((fixed = typo_repair_string(*slot, st)) != NULL) {
		free(*slot);
		*slot = fixed;
	}
}

static size_t
total(const struct typo_stats *st)
{
	return st->comma + st->colon + st->semicolon + st->question +
	    st->exclamation + st->paren;
}

size_t
typo_repair(struct doc *doc, struct typo_stats *out)
{
	static const enum meta_key text_keys[] = {
		META_TITLE, META_SUBTITLE, META_KICKER, META_AUTHOR,
		META_PUBLISHER, META_SOURCE
	};
	struct typo_stats	 st = { 0 };
	struct iter		 it;
	struct node		*n;
	size_t			 i;

	for (i = 0; i < sizeof(text_keys) / sizeof(text_keys[0]); i++)
		repair_slot(&doc->meta[text_keys[i]], &st);
	iter_init(&it, doc->root);
	while (iter_next(&it) != ITER_DONE) {
		if (it.event != ITER_ENTER)
			continue;
		/* The tree is ours to change; the iterator only reads links. */
		n = (struct node *)it.node;
		switch (n->type) {
		case NODE_TEXT:
			repair_slot(&n->as.text, &st);
			break;
		case NODE_HEADING:
			repair_slot(&n->as.heading.label, &st);
			break;
		case NODE_POINT:
			repair_slot(&n->as.point.label, &st);
			break;
		case NODE_LIST_ITEM:
			repair_slot(&n->as.item.label, &st);
			break;
		case NODE_FIGURE:
			repair_slot(&n->as.figure.alt, &st);
			break;
		default:
			break;
		}
	}
	if (out != NULL)
		*out = st;
	return total(&st);
}
