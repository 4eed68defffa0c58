/*
 * The document tree: the one model every reader builds and every writer
 * reads.
 *
 * A document is its metadata (title, date, source, ...) plus a tree of
 * nodes under a NODE_DOCUMENT root.  Nodes are linked cmark-style: each has
 * parent, prev/next sibling and first/last child pointers, so appending and
 * unlinking are O(1).  The tree owns every string hanging off it; doc_free()
 * releases everything without recursion, so any depth is safe.
 *
 * Blocks and what they mean in the outputs:
 *
 *   NODE_DOCUMENT    the root; children are blocks.
 *   NODE_PARAGRAPH   a body paragraph (<p>, a Word "Normal" paragraph, one
 *                    line of Markdown, an indented line of text); inlines.
 *                    as.para.role marks the addressee that opens a letter,
 *                    speech or notice, and the sender and date closing it.
 *   NODE_HEADING     an outline heading.  as.heading.level is 1-6, 1 being
 *                    the article's top-level themes (一、, then （一）, 1.,
 *                    （1） in official documents; h2-h6 in XHTML; "heading
 *                    1-6" in Word; ## to ###### in Markdown).
 *                    as.heading.label is the literal marker ("一、",
 *                    "（一）", "第一章"), NULL when unnumbered; the children
 *                    are the heading text without the label.  A run-in
 *                    heading ("（一）指导思想。全面贯彻…" on one line) is a
 *                    heading with as.heading.run_in set, followed by the
 *                    paragraph (or point list) that held the rest of the
 *                    line; writers that keep the author's layout may join
 *                    them again.
 *   NODE_POINT_LIST  one paragraph of inline points ("一是…。二是…。").  An
 *                    optional first child NODE_PARAGRAPH is the text before
 *                    the first point ("主要内容包括："); the other children
 *                    are NODE_POINT.  "--points inline" renders the whole
 *                    list as one paragraph, "--points split" renders one
 *                    paragraph per point.
 *   NODE_POINT       one point.  as.point.label is the enumerator as
 *                    written ("一是", "第一，", "首先，", "①"); the first child
 *                    is a NODE_POINT_LEAD holding the lead sentence, the
 *                    following inline children are the rest of its text.
 *   NODE_LIST        a plain list (ordered when as.list.ordered); children
 *                    are NODE_LIST_ITEM.
 *   NODE_LIST_ITEM   as.item.label is the literal marker when the source
 *                    had one ("（1）", "①", "——"), else NULL; children are
 *                    inlines (the item's text), then blocks: nested
 *                    NODE_LISTs and NODE_PARAGRAPHs for text that follows
 *                    a nested list inside the item.  No inline comes after
 *                    a block (doc_wrap_item_tails() sees to it).  When the
 *                    item's text enumerates points (一是…二是…), a
 *                    NODE_POINT_LIST takes the place of its inlines, as its
 *                    first child; writers keep it in the item's line.
 *   NODE_QUOTE       a block quote; children are blocks.
 *   NODE_TABLE       children are NODE_TABLE_ROW.
 *   NODE_TABLE_ROW   as.row.header marks a header row; children are cells.
 *   NODE_TABLE_CELL  children are inlines.
 *   NODE_FIGURE      an image: as.figure.src and as.figure.alt; children
 *                    are the caption's inlines (possibly none).
 *   NODE_RULE        a thematic break (no children).
 *
 * Inlines:
 *
 *   NODE_POINT_LEAD  the lead sentence of a point (bold by default).
 *   NODE_TEXT        as.text: literal UTF-8 text, never empty.
 *   NODE_STRONG      strong emphasis (bold); children are inlines.
 *   NODE_EMPH        emphasis; Chinese text shows it with weight or 着重号
 *                    dots, never italics.
 *   NODE_LINK        as.link.url; children are inlines.
 *   NODE_LINEBREAK   a hard line break inside a block.
 *
 * Each block also records where it came from and why: node->line is the
 * 1-based source line (0 if unknown) and node->rule a short static text
 * naming the recognition rule that made it ("L1 marker 一、", ...).  The
 * JSON writer and "artconv -v" show both.
 */
#ifndef ARTCONV_DOC_H
#define ARTCONV_DOC_H

#include <stddef.h>
#include <stdint.h>

enum node_type {
	NODE_NONE = 0,
	NODE_DOCUMENT,
	/* blocks */
	NODE_PARAGRAPH,
	NODE_HEADING,
	NODE_POINT_LIST,
	NODE_POINT,
	NODE_LIST,
	NODE_LIST_ITEM,
	NODE_QUOTE,
	NODE_TABLE,
	NODE_TABLE_ROW,
	NODE_TABLE_CELL,
	NODE_FIGURE,
	NODE_RULE,
	/* inlines */
	NODE_POINT_LEAD,
	NODE_TEXT,
	NODE_STRONG,
	NODE_EMPH,
	NODE_LINK,
	NODE_LINEBREAK,
	NODE__COUNT,

	NODE_FIRST_BLOCK = NODE_PARAGRAPH,
	NODE_LAST_BLOCK = NODE_RULE,
	NODE_FIRST_INLINE = NODE_POINT_LEAD,
	NODE_LAST_INLINE = NODE_LINEBREAK
};

/* Lower-case names ("paragraph", "point_list", ...), used by the JSON. */
extern const char *const node_type_name[NODE__COUNT];

/*
 * A paragraph's part in the frame of a letter, a speech or an official
 * document (GB/T 9704-2012 §7.2.4, §7.3.3 and §7.3.5; 书信格式): its
 * document number, centred; the addressee that opens it and a letter's
 * "敬礼！" under "此致", flush left; the sender and the date that close it,
 * set to the right under the text.
 * PARA_TEXT for every other paragraph.
 */
enum para_role {
	PARA_TEXT = 0,
	PARA_DOCNUM,		/* 发文字号, centred: "国办发〔2020〕24号" */
	PARA_ADDRESSEE,		/* 主送机关 / 称呼: "各位代表：" */
	PARA_SALUTE,		/* 祝颂语's second line under 此致: "敬礼！" */
	PARA_SIGNER,		/* 署名: who sends it ("区农业农村局") */
	PARA_DATE		/* 成文日期: "2026年11月20日" */
};

struct node {
	enum node_type	 type;
	struct node	*parent;
	struct node	*prev, *next;
	struct node	*first_child, *last_child;
	unsigned int	 line;		/* source line, 1-based; 0 unknown */
	const char	*rule;		/* static: why the block is what it is */
	union {
		char	*text;			/* NODE_TEXT */
		struct {
			int	 level;		/* 1-6 */
			int	 run_in;	/* body text followed on its line */
			char	*label;		/* "一、", or NULL */
		} heading;
		struct {
			enum para_role role;
		} para;
		struct {
			char	*label;		/* "一是", "第一，", "①" */
		} point;
		struct {
			int	 ordered;
		} list;
		struct {
			char	*label;		/* literal marker, or NULL */
		} item;
		struct {
			int	 header;
		} row;
		struct {
			char	*src;		/* as found in the source */
			char	*alt;		/* may be NULL */
		} figure;
		struct {
			char	*url;
		} link;
	} as;
};

/* Document metadata keys, in the order the writers present them. */
enum meta_key {
	META_TITLE,
	META_SUBTITLE,	/* 副标题 / the "——2026年…会议上" line */
	META_KICKER,	/* 引题 above the title */
	META_DATE,	/* as "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" when parsed */
	META_AUTHOR,	/* 作者 */
	META_PUBLISHER,	/* 发布者 */
	META_SOURCE,	/* 来源 / 来自 */
	META_VIEWS,	/* 查看 / 浏览 count */
	META_LANG,	/* BCP 47 tag of the text, e.g. "zh-CN", "zh-TW" */
	META_URL,	/* original address when known */
	META__COUNT
};

/* "title", "subtitle", ... as used by -M key=value, YAML and JSON. */
extern const char *const meta_key_name[META__COUNT];

/*
 * A file that travels inside the source (an image in a DOCX package),
 * found by the name a NODE_FIGURE's src gives it.  Readers keep media
 * only when asked (read_opts.media); writers reach them through the
 * CLI's resource loader.
 */
struct doc_media {
	char			*name;
	char			*data;
	size_t			 len;
	struct doc_media	*next;
};

struct doc {
	char		*meta[META__COUNT];	/* owned; NULL when unknown */
	struct node	*root;			/* NODE_DOCUMENT */
	struct doc_media *media;		/* owned list, or NULL */
};

struct doc	*doc_new(void);
/* Frees the document, its metadata and its whole tree.  NULL is fine. */
void		 doc_free(struct doc *doc);
/* Replaces a metadata value with a copy of value (NULL clears it). */
void		 doc_set_meta(struct doc *doc, enum meta_key key,
		    const char *value);
/* Returns the key for a name such as "title", or -1. */
int		 meta_key_lookup(const char *name);
/* Adds a copy of data[0..len) as the medium called name. */
void		 doc_add_media(struct doc *doc, const char *name,
		    const char *data, size_t len);
/* The medium called name, or NULL. */
const struct doc_media *doc_find_media(const struct doc *doc,
		    const char *name);

/* A new detached node of the given type, all fields zero. */
struct node	*node_new(enum node_type type);
/* A text node holding a copy of s[0..len). */
struct node	*node_new_text(const char *s, size_t len);
/*
 * Appends child as the last child of parent.  Returns 0, or -1 (and
 * changes nothing) if the pairing is not allowed or child is attached.
 */
int		 node_append(struct node *parent, struct node *child);
/* Inserts node just before sibling (same parent).  Returns 0 or -1. */
int		 node_insert_before(struct node *sibling, struct node *node);
/* Detaches node (and its subtree) from its parent and siblings. */
void		 node_unlink(struct node *node);
/* Unlinks and frees node with its subtree.  NULL is fine. */
void		 node_free(struct node *node);
/* Returns 1 if a node of type child may be a child of type parent. */
int		 node_can_contain(enum node_type parent, enum node_type child);
int		 node_is_block(const struct node *node);
int		 node_is_inline(const struct node *node);
/* Appends a text node, merging with a preceding text node. */
void		 node_append_text(struct node *parent, const char *s,
		    size_t len);
/* The node's text content: all NODE_TEXT below it, in order. */
struct buf;
void		 node_text(const struct node *node, struct buf *out);
/* Bytes of text content (what node_text would append). */
size_t		 node_text_len(const struct node *node);
/*
 * Splits the inline content of container at byte offset off of its text
 * content: everything from off onward moves into a new node of type
 * new_type, which is returned (detached; possibly without children).
 * Spans that straddle the offset are split into two spans of the same
 * kind.  off must fall on a UTF-8 character boundary.
 */
struct node	*node_split_inlines(struct node *container, size_t off,
		    enum node_type new_type);
/*
 * Removes the characters for which is_space() holds at the start and end
 * of the container's inline content, dropping text nodes that become
 * empty; a line break at either end stops it.
 */
void		 node_trim_text(struct node *container,
		    int (*is_space)(uint32_t));
/*
 * node_trim_text() of white space (space, tab, newline, NBSP, U+3000),
 * then drops the spans left empty at either end.
 */
void		 node_trim_inlines(struct node *container);
/* Moves all children of from to the end of to's children. */
void		 node_move_children(struct node *to, struct node *from);
/*
 * The block that holds the rest of a run-in heading's line: h's next
 * sibling when h is a NODE_HEADING with as.heading.run_in set and that
 * sibling is a NODE_PARAGRAPH, or a NODE_POINT_LIST when the rest of the
 * line enumerates points ("（一）扩大内需。一是…二是…"); else NULL.
 * Writers that keep the author's layout write the two together.
 */
const struct node *node_run_in_body(const struct node *h);
/* Is p the node_run_in_body() of the block before it? */
int		 node_is_run_in_body(const struct node *p);
/* Number of nodes of the given type in the subtree (node included). */
size_t		 node_count(const struct node *node, enum node_type type);
/*
 * Puts inlines that follow a nested list in a list item (the 丙 of
 * <li>甲<ol><li>乙</li></ol>丙</li>) into paragraphs of that item, in
 * order, as NODE_LIST_ITEM requires.  Readers call it before handing the
 * tree on.
 */
void		 doc_wrap_item_tails(struct doc *doc);
/*
 * Verifies parent, sibling and child links and containment rules in the
 * whole tree.  Returns 0 if consistent, -1 otherwise.
 */
int		 doc_check(const struct doc *doc);

/*
 * Enter/exit iteration, cmark style:
 *
 *	struct iter it;
 *	iter_init(&it, doc->root);
 *	while ((ev = iter_next(&it)) != ITER_DONE) {
 *		n = it.node;
 *		... ev == ITER_ENTER or ITER_EXIT ...
 *	}
 *
 * Leaf nodes (NODE_TEXT, NODE_LINEBREAK, NODE_RULE and empty containers)
 * get only ITER_ENTER.  iter_skip_children() after an ITER_ENTER makes the
 * next event the EXIT of that node.  The tree must not be changed during
 * iteration.
 */
enum iter_event {
	ITER_DONE = 0,
	ITER_ENTER,
	ITER_EXIT
};

struct iter {
	const struct node	*root;
	const struct node	*node;
	enum iter_event		 event;
	int			 skip;	/* next event: EXIT of node */
};

void		 iter_init(struct iter *it, const struct node *root);
enum iter_event	 iter_next(struct iter *it);
void		 iter_skip_children(struct iter *it);

#endif
