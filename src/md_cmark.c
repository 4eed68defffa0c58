/*
 * cmark allocating through artconv's wrappers.  cmark's own allocator
 * prints and aborts when memory runs out; ours fails the library call
 * instead, and every block cmark holds is then recorded and released
 * (recover.h).  cmark keeps no global state, so a failure may leave its
 * frames by a jump.
 */
#include "md_int.h"

#include "alloc.h"

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
	cmark_parser	*p = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT,
			    &artconv_mem);
	cmark_node	*root;

	cmark_parser_feed(p, s, len);
	root = cmark_parser_finish(p);
	cmark_parser_free(p);
	return root;
}
