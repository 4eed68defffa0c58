#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "utf8.h"

const char *const node_type_name[NODE__COUNT] = {
	[NODE_NONE] = "none",
	[NODE_DOCUMENT] = "document",
	[NODE_PARAGRAPH] = "paragraph",
	[NODE_HEADING] = "heading",
	[NODE_POINT_LIST] = "point_list",
	[NODE_POINT] = "point",
	[NODE_LIST] = "list",
	[NODE_LIST_ITEM] = "list_item",
	[NODE_QUOTE] = "quote",
	[NODE_TABLE] = "table",
	[NODE_TABLE_ROW] = "table_row",
	[NODE_TABLE_CELL] = "table_cell",
	[NODE_FIGURE] = "figure",
	[NODE_RULE] = "rule",
	[NODE_POINT_LEAD] = "point_lead",
	[NODE_TEXT] = "text",
	[NODE_STRONG] = "strong",
	[NODE_EMPH] = "emph",
	[NODE_LINK] = "link",
	[NODE_LINEBREAK] = "linebreak",
};

const char *const meta_key_name[META__COUNT] = {
	[META_TITLE] = "title",
	[META_SUBTITLE] = "subtitle",
	[META_KICKER] = "kicker",
	[META_DATE] = "date",
	[META_AUTHOR] = "author",
	[META_PUBLISHER] = "publisher",
	[META_SOURCE] = "source",
	[META_VIEWS] = "views",
	[META_LANG] = "lang",
	[META_URL] = "url",
};

struct doc *
doc_new(void)
{
	struct doc	*doc = xcalloc(1, sizeof(*doc));

	doc->root = node_new(NODE_DOCUMENT);
	return doc;
}

void
doc_free(struct doc *doc)
{
	int	 i;

	if (doc == NULL)
		return;
	for (i = 0; i < META__COUNT; i++)
		free(doc->meta[i]);
	node_free(doc->root);
	while (doc->media != NULL) {
		struct doc_media *m = doc->media;

		doc->media = m->next;
		free(m->name);
		free(m->data);
		free(m);
	}
	free(doc);
}

void
doc_add_media(struct doc *doc, const char *name, const char *data,
    size_t len)
{
	struct doc_media	*m = xcalloc(1, sizeof(*m)), **tail;

	m->name = xstrdup(name);
	m->data = xmalloc(len > 0 ? len : 1);
	if (len > 0)
		memcpy(m->data, data, len);
	m->len = len;
	for (tail = &doc->media; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = m;
}

const struct doc_media *
doc_find_media(const struct doc *doc, const char *name)
{
	const struct doc_media	*m;

	for (m = doc->media; m != NULL; m = m->next)
		if (strcmp(m->name, name) == 0)
			return m;
	return NULL;
}

void
doc_set_meta(struct doc *doc, enum meta_key key, const char *value)
{
	struct buf	 b = BUF_INIT;

	free(doc->meta[key]);
	doc->meta[key] = NULL;
	if (value == NULL)
		return;
	utf8_repair(value, strlen(value), &b);
	doc->meta[key] = buf_detach(&b, NULL);
}

int
meta_key_lookup(const char *name)
{
	int	 i;

	for (i = 0; i < META__COUNT; i++)
		if (strcmp(name, meta_key_name[i]) == 0)
			return i;
	return -1;
}

struct node *
node_new(enum node_type type)
{
	struct node	*n = xcalloc(1, sizeof(*n));

	n->type = type;
	return n;
}

/*
 * The tree holds valid UTF-8 only.  Readers decode their input, but a
 * library can still hand back invalid bytes: cmark decodes &#xFFFE; and
 * &#xFFFF; to the single bytes 0xFE and 0xFF (its encoder's markers), so
 * text is checked here, where all of it enters, and repaired with U+FFFD.
 */
static char *
valid_copy(const char *s, size_t len)
{
	struct buf	 b = BUF_INIT;

	if (utf8_valid(s, len))
		return xstrndup(s, len);
	utf8_repair(s, len, &b);
	return buf_detach(&b, NULL);
}

struct node *
node_new_text(const char *s, size_t len)
{
	struct node	*n = node_new(NODE_TEXT);

	n->as.text = valid_copy(s, len);
	return n;
}

int
node_is_block(const struct node *node)
{
	return node->type >= NODE_FIRST_BLOCK && node->type <= NODE_LAST_BLOCK;
}

int
node_is_inline(const struct node *node)
{
	return node->type >= NODE_FIRST_INLINE &&
	    node->type <= NODE_LAST_INLINE;
}

static int
type_is_inline(enum node_type t)
{
	return t >= NODE_FIRST_INLINE && t <= NODE_LAST_INLINE;
}

static int
type_is_block(enum node_type t)
{
	return t >= NODE_FIRST_BLOCK && t <= NODE_LAST_BLOCK;
}

int
node_can_contain(enum node_type parent, enum node_type child)
{
	switch (parent) {
	case NODE_DOCUMENT:
	case NODE_QUOTE:
		return type_is_block(child) && child != NODE_POINT &&
		    child != NODE_LIST_ITEM && child != NODE_TABLE_ROW &&
		    child != NODE_TABLE_CELL;
	case NODE_POINT_LIST:
		return child == NODE_PARAGRAPH || child == NODE_POINT;
	case NODE_POINT:
		return type_is_inline(child);
	case NODE_LIST:
		return child == NODE_LIST_ITEM;
	case NODE_LIST_ITEM:
		return (type_is_inline(child) && child != NODE_POINT_LEAD) ||
		    child == NODE_LIST || child == NODE_PARAGRAPH ||
		    child == NODE_POINT_LIST;
	case NODE_TABLE:
		return child == NODE_TABLE_ROW;
	case NODE_TABLE_ROW:
		return child == NODE_TABLE_CELL;
	case NODE_PARAGRAPH:
	case NODE_HEADING:
	case NODE_TABLE_CELL:
	case NODE_FIGURE:
	case NODE_STRONG:
	case NODE_EMPH:
	case NODE_LINK:
	case NODE_POINT_LEAD:
		return type_is_inline(child) && child != NODE_POINT_LEAD;
	default:
		return 0;
	}
}

int
node_append(struct node *parent, struct node *child)
{
	if (child->parent != NULL || child->prev != NULL ||
	    child->next != NULL || child == parent ||
	    !node_can_contain(parent->type, child->type))
		return -1;
	child->parent = parent;
	child->prev = parent->last_child;
	if (parent->last_child != NULL)
		parent->last_child->next = child;
	else
		parent->first_child = child;
	parent->last_child = child;
	return 0;
}

int
node_insert_before(struct node *sibling, struct node *node)
{
	struct node	*parent = sibling->parent;

	if (parent == NULL || node->parent != NULL || node->prev != NULL ||
	    node->next != NULL || !node_can_contain(parent->type, node->type))
		return -1;
	node->parent = parent;
	node->next = sibling;
	node->prev = sibling->prev;
	if (sibling->prev != NULL)
		sibling->prev->next = node;
	else
		parent->first_child = node;
	sibling->prev = node;
	return 0;
}

void
node_unlink(struct node *node)
{
	if (node->prev != NULL)
		node->prev->next = node->next;
	else if (node->parent != NULL)
		node->parent->first_child = node->next;
	if (node->next != NULL)
		node->next->prev = node->prev;
	else if (node->parent != NULL)
		node->parent->last_child = node->prev;
	node->parent = node->prev = node->next = NULL;
}

static void
free_contents(struct node *n)
{
	switch (n->type) {
	case NODE_TEXT:
		free(n->as.text);
		break;
	case NODE_HEADING:
		free(n->as.heading.label);
		break;
	case NODE_POINT:
		free(n->as.point.label);
		break;
	case NODE_LIST_ITEM:
		free(n->as.item.label);
		break;
	case NODE_FIGURE:
		free(n->as.figure.src);
		free(n->as.figure.alt);
		break;
	case NODE_LINK:
		free(n->as.link.url);
		break;
	default:
		break;
	}
}

/*
 * Frees without recursion: each node's children are spliced into the
 * chain still to be freed, so a tree of any depth needs no stack.
 */
void
node_free(struct node *node)
{
	struct node	*cur, *next;

	if (node == NULL)
		return;
	node_unlink(node);
	cur = node;
	while (cur != NULL) {
		if (cur->first_child != NULL) {
			cur->last_child->next = cur->next;
			cur->next = cur->first_child;
		}
		next = cur->next;
		free_contents(cur);
		free(cur);
		cur = next;
	}
}

void
node_append_text(struct node *parent, const char *s, size_t len)
{
	struct node	*last = parent->last_child;
	size_t		 old;

	if (len == 0)
		return;
	if (last != NULL && last->type == NODE_TEXT) {
		char	*add = NULL;

		if (!utf8_valid(s, len)) {
			s = add = valid_copy(s, len);
			len = strlen(add);
		}
		old = strlen(last->as.text);
		last->as.text = xrealloc(last->as.text, old + len + 1);
		memcpy(last->as.text + old, s, len);
		last->as.text[old + len] = '\0';
		free(add);
		return;
	}
	if (node_append(parent, node_new_text(s, len)) != 0)
		recover_raise(RECOVER_BUG);	/* parent takes no text */
}

void
node_text(const struct node *node, struct buf *out)
{
	struct iter	 it;

	iter_init(&it, node);
	while (iter_next(&it) != ITER_DONE)
		if (it.event == ITER_ENTER && it.node->type == NODE_TEXT)
			buf_puts(out, it.node->as.text);
}

size_t
node_count(const struct node *node, enum node_type type)
{
	struct iter	 it;
	size_t		 n = 0;

	iter_init(&it, node);
	while (iter_next(&it) != ITER_DONE)
		if (it.event == ITER_ENTER && it.node->type == type)
			n++;
	return n;
}

void
doc_wrap_item_tails(struct doc *doc)
{
	struct iter	 it;
	struct node	*n, *c, *next, *para, *br;
	int		 seen_block;

	iter_init(&it, doc->root);
	while (iter_next(&it) != ITER_DONE) {
		if (it.event != ITER_ENTER || it.node->type != NODE_LIST_ITEM)
			continue;
		n = (struct node *)it.node;
		seen_block = 0;
		para = NULL;
		for (c = n->first_child; c != NULL; c = next) {
			next = c->next;
			if (!type_is_inline(c->type)) {
				seen_block = 1;
				para = NULL;
				continue;
			}
			if (!seen_block)
				continue;
			if (para == NULL) {
				para = node_new(NODE_PARAGRAPH);
				para->line = n->line;
				node_insert_before(c, para);
			}
			node_unlink(c);
			node_append(para, c);
		}
		for (c = n->first_child; c != NULL; c = next) {
			next = c->next;
			if (c->type == NODE_PARAGRAPH) {
				/* A break that only separated it goes. */
				while ((br = c->first_child) != NULL &&
				    br->type == NODE_LINEBREAK) {
					node_unlink(br);
					node_free(br);
				}
				while ((br = c->last_child) != NULL &&
				    br->type == NODE_LINEBREAK) {
					node_unlink(br);
					node_free(br);
				}
				node_trim_inlines(c);
				if (c->first_child == NULL) {
					node_unlink(c);
					node_free(c);
				}
			}
		}
	}
}

int
doc_check(const struct doc *doc)
{
	struct iter		 it;
	const struct node	*n, *c, *prev;

	if (doc == NULL || doc->root == NULL ||
	    doc->root->type != NODE_DOCUMENT || doc->root->parent != NULL)
		return -1;
	iter_init(&it, doc->root);
	while (iter_next(&it) != ITER_DONE) {
		if (it.event != ITER_ENTER)
			continue;
		n = it.node;
		if (n->type <= NODE_NONE || n->type >= NODE__COUNT)
			return -1;
		if (n->type == NODE_TEXT &&
		    (n->as.text == NULL || n->as.text[0] == '\0'))
			return -1;
		prev = NULL;
		for (c = n->first_child; c != NULL; c = c->next) {
			if (c->parent != n || c->prev != prev ||
			    !node_can_contain(n->type, c->type))
				return -1;
			/* An item's text comes before its blocks. */
			if (n->type == NODE_LIST_ITEM && prev != NULL &&
			    !type_is_inline(prev->type) &&
			    type_is_inline(c->type))
				return -1;
			prev = c;
		}
		if (n->last_child != prev)
			return -1;
	}
	return 0;
}

void
iter_init(struct iter *it, const struct node *root)
{
	it->root = root;
	it->node = NULL;
	it->event = ITER_DONE;
	it->skip = 0;
}

enum iter_event
iter_next(struct iter *it)
{
	const struct node	*n = it->node;

	if (n == NULL) {
		if (it->root == NULL)
			return ITER_DONE;
		it->node = it->root;
		return it->event = ITER_ENTER;
	}
	if (it->skip) {
		it->skip = 0;
		return it->event = ITER_EXIT;
	}
	if (it->event == ITER_ENTER && n->first_child != NULL) {
		it->node = n->first_child;
		return it->event = ITER_ENTER;
	}
	/* Leaving n: a leaf was entered, or a container exited. */
	if (n == it->root) {
		it->root = NULL;
		it->node = NULL;
		return it->event = ITER_DONE;
	}
	if (n->next != NULL) {
		it->node = n->next;
		return it->event = ITER_ENTER;
	}
	it->node = n->parent;
	return it->event = ITER_EXIT;
}

void
iter_skip_children(struct iter *it)
{
	if (it->event == ITER_ENTER && it->node != NULL &&
	    it->node->first_child != NULL)
		it->skip = 1;
}

size_t
node_text_len(const struct node *node)
{
	struct iter	 it;
	size_t		 n = 0;

	iter_init(&it, node);
	while (iter_next(&it) != ITER_DONE)
		if (it.event == ITER_ENTER && it.node->type == NODE_TEXT)
			n += strlen(it.node->as.text);
	return n;
}

void
node_move_children(struct node *to, struct node *from)
{
	struct node	*c;

	while ((c = from->first_child) != NULL) {
		node_unlink(c);
		if (node_append(to, c) != 0)
			recover_raise(RECOVER_BUG);	/* a bad pairing */
	}
}

/* A new empty node like n: same type and attributes, no children. */
static struct node *
shallow_copy(const struct node *n)
{
	struct node	*c = node_new(n->type);

	c->line = n->line;
	c->rule = n->rule;
	if (n->type == NODE_LINK && n->as.link.url != NULL)
		c->as.link.url = xstrdup(n->as.link.url);
	return c;
}

/* Moves child and all its following siblings to the end of to. */
static void
move_from(struct node *to, struct node *child)
{
	struct node	*next;

	for (; child != NULL; child = next) {
		next = child->next;
		node_unlink(child);
		if (node_append(to, child) != 0)
			recover_raise(RECOVER_BUG);
	}
}

/*
 * Splits container's children at text offset off, appending the part
 * from off onward to dst.  Recursion follows inline nesting only, which
 * readers cap.
 */
static void
split_into(struct node *container, size_t off, struct node *dst)
{
	struct node	*c, *part;
	size_t		 start = 0, len;

	for (c = container->first_child; c != NULL; c = c->next) {
		len = c->type == NODE_TEXT ? strlen(c->as.text) :
		    node_text_len(c);
		if (off <= start) {
			move_from(dst, c);
			return;
		}
		if (off < start + len) {
			struct node *next = c->next;

			if (c->type == NODE_TEXT) {
				part = node_new_text(c->as.text + (off - start),
				    len - (off - start));
				c->as.text[off - start] = '\0';
			} else {
				part = shallow_copy(c);
				split_into(c, off - start, part);
			}
			if (node_append(dst, part) != 0)
				recover_raise(RECOVER_BUG);
			move_from(dst, next);
			return;
		}
		start += len;
	}
}

struct node *
node_split_inlines(struct node *container, size_t off, enum node_type new_type)
{
	struct node	*dst = node_new(new_type);

	dst->line = container->line;
	split_into(container, off, dst);
	return dst;
}

/* The white space node_trim_inlines() removes. */
static int
trim_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == 0x3000 ||
	    cp == 0xA0;
}

/* The first (or last) text node of the inline subtree, or NULL. */
static struct node *
edge_text(struct node *n, int last)
{
	while (n != NULL && n->type != NODE_TEXT) {
		if (n->type == NODE_LINEBREAK)
			return NULL;
		n = last ? n->last_child : n->first_child;
	}
	return n;
}

void
node_trim_text(struct node *container, int (*is_space)(uint32_t))
{
	struct node	*t;
	size_t		 len, a, b;

	while ((t = edge_text(container->first_child, 0)) != NULL) {
		len = strlen(t->as.text);
		a = utf8_skip_while(t->as.text, len, 0, is_space);
		if (a == 0)
			break;
		memmove(t->as.text, t->as.text + a, len - a + 1);
		if (a < len)
			break;
		node_free(t);
	}
	while ((t = edge_text(container->last_child, 1)) != NULL) {
		len = strlen(t->as.text);
		b = utf8_back_while(t->as.text, 0, len, is_space);
		if (b == len)
			break;
		t->as.text[b] = '\0';
		if (b > 0)
			break;
		node_free(t);
	}
}

void
node_trim_inlines(struct node *container)
{
	node_trim_text(container, trim_space);
	/* Spans left empty by the trimming go too. */
	while (container->first_child != NULL &&
	    container->first_child->type != NODE_TEXT &&
	    container->first_child->type != NODE_LINEBREAK &&
	    node_text_len(container->first_child) == 0)
		node_free(container->first_child);
	while (container->last_child != NULL &&
	    container->last_child->type != NODE_TEXT &&
	    container->last_child->type != NODE_LINEBREAK &&
	    node_text_len(container->last_child) == 0)
		node_free(container->last_child);
}

const struct node *
node_run_in_body(const struct node *h)
{
	if (h == NULL || h->type != NODE_HEADING || !h->as.heading.run_in ||
	    h->next == NULL || (h->next->type != NODE_PARAGRAPH &&
	    h->next->type != NODE_POINT_LIST))
		return NULL;
	return h->next;
}

int
node_is_run_in_body(const struct node *p)
{
	return p != NULL && p->prev != NULL &&
	    node_run_in_body(p->prev) == p;
}
