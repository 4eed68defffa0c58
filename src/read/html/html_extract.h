/*
 * Finding the article in a web page: its body among navigation, sidebars,
 * share widgets, comments and related-article lists; its headline; its
 * metadata (date, source, author, address), kicker and subtitle.
 *
 * The body is chosen the way readability-style extractors do it, tuned
 * for Chinese portals: every stretch of running text scores by its
 * sentence punctuation and length, less what of it is link text, and
 * gives its score to the block that holds it (and less to the blocks
 * around that); class and id names vote (content, article, 正文 … for,
 * comment, share, related, nav … against).  The best block, with the
 * siblings that score nearly as well, is the body; lists of links,
 * widgets and hinted chrome inside it are then cut out.
 *
 * The headline is the <h1>-<h4> or "title" element that agrees best with
 * og:title and the <title> text (which carries a site suffix such as
 * "_网易新闻"); failing that, the <title> text without that suffix.
 */
#ifndef ARTCONV_HTML_EXTRACT_H
#define ARTCONV_HTML_EXTRACT_H

#include <stddef.h>

#include "tree/diag.h"
#include "tree/doc.h"
#include "html_dom.h"

struct html_article {
	struct hnode	**roots;	/* the body, in document order */
	size_t		 nroots;
	char		*title;		/* the headline, or NULL */
};

/*
 * Finds the article in dom (after hdom_hide()).  Sets doc's title, kicker,
 * subtitle, date, author, source and URL where found, flags the nodes
 * that are not body (HN_DROP) and fills art.  Notes each decision in
 * diag.  Returns 0, or -1 when the page has no text at all.
 */
int	 html_extract(struct hdom *dom, struct doc *doc,
	    struct html_article *art, struct diag *diag);
void	 html_article_free(struct html_article *art);

/*
 * The body alone, for html_extract(): fills art, flags chrome inside it
 * HN_DROP.  Returns -1 when the page has no text.  Shared by
 * html_extract.c and html_meta.c, as are the two helpers below.
 */
int	 html_find_body(struct hdom *dom, struct html_article *art,
	    struct diag *diag);
/* Does element n have a block element among its children? */
int	 html_has_block_child(const struct hnode *n);
/* Flags n as not part of the article body. */
void	 html_drop(struct hnode *n);


#endif
