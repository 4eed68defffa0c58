/*
 * cmark allocating through artconv's wrappers.  cmark's own allocator
 * prints and aborts when memory runs out; ours fails the library call
 * instead, and every block cmark holds is then recorded and released
 * (recover.h).  cmark keeps no global state, so a failure may leave its
 * frames by a jump.
 */
#include "md_int.h"

#include <stdint.h>
#include <string.h>

#include "tree/alloc.h"

/*
 * cmark aborts when a line would need a buffer of INT32_MAX / 2 bytes or
 * more (its buffers count in int32_t); such a line is refused instead.
 */
#define CMARK_MAX_LINE	((size_t)(INT32_MAX / 2) - 2)

static void *
cm_calloc(size_t count, size_t size)
{
	return xcalloc(count, size);
}

static void *
cm_realloc(void *p, size_t size)
{
	return xrealloc(p, size);
}

static void
cm_free(void *p)
{
	free(p);
}

static cmark_mem	 artconv_mem = { cm_calloc, cm_realloc, cm_free };

cmark_node *
md_parse_commonmark(const char *s, size_t len)
{
	cmark_parser	*p;
	cmark_node	*root;
	const char	*nl, *at = s, *end = s + len;

	for (; at < end; at = nl + 1) {
		if ((nl = memchr(at, '\n', (size_t)(end - at))) == NULL)
			nl = end;
		if ((size_t)(nl - at) > CMARK_MAX_LINE)
			return NULL;
	}
	p = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, &artconv_mem);

	cmark_parser_feed(p, s, len);
	root = cmark_parser_finish(p);
	cmark_parser_free(p);
	return root;
}
