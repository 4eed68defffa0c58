/*
 * GFM pipe tables for the Markdown reader: cmark has no table extension,
 * so a paragraph whose lines hold a delimiter row ("| --- | :-: |") is
 * rebuilt here as a table.  Rows whose cells continue over several lines
 * (hard breaks inside cells, a malformed but common export) are joined
 * until a line ends with a pipe.
 */
#include <stdlib.h>
#include <string.h>

#include "tree/alloc.h"
#include "tree/buf.h"
#include "tree/utf8.h"
#include "md_int.h"

/* Is line s[0..len) a delimiter row ("| --- | :-: |")?  Returns columns. */
static size_t
delimiter_row(const char *s, size_t len)
{
	size_t	 i = 0, cols = 0, dashes;
	int	 pipes = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < len && s[i] == '|') {
		pipes++;
		i++;
	}
	while (i < len) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i >= len)
			break;
		if (s[i] == ':')
			i++;
		for (dashes = 0; i < len && s[i] == '-'; i++)
			dashes++;
		if (dashes == 0)
			return 0;
		if (i < len && s[i] == ':')
			i++;
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		cols++;
		if (i < len && s[i] == '|') {
			pipes++;
			i++;
		} else if (i < len)
			return 0;
	}
	return pipes > 0 ? cols : 0;
}

static void
line_at(const struct md *m, size_t no, const char **s, size_t *len)
{
	size_t	 a = m->lines[no], b = no + 1 < m->nlines ? m->lines[no + 1] :
	    m->len;

	while (b > a && (m->src[b - 1] == '\n' || m->src[b - 1] == '\r'))
		b--;
	*s = m->src + a;
	*len = b - a;
}

/* Trimmed of ASCII white space at both ends. */
void
md_trim(const char **s, size_t *len)
{
	while (*len > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

/* Fills a cell from its Markdown text, parsed as one paragraph. */
static void
fill_cell(struct md *m, struct node *cell, const char *s, size_t len)
{
	cmark_node	*doc = md_parse_commonmark(s, len);
	cmark_node	*c;

	for (c = cmark_node_first_child(doc); c != NULL;
	    c = cmark_node_next(c))
		if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH) {
			md_convert(m, c, cell);
			break;
		}
	cmark_node_free(doc);
	node_trim_text(cell, uc_is_space);
}

/*
 * Splits row text (its lines joined by '\n') into cells and appends a
 * row of ncols cells to table.
 */
static void
add_row(struct md *m, struct node *table, const char *s, size_t len,
    size_t ncols, int header, unsigned int line)
{
	struct node	*row = node_new(NODE_TABLE_ROW), *cell;
	struct buf	 cellsrc = BUF_INIT;
	size_t		 i = 0, a, col = 0, k;
	const char	*seg;
	size_t		 seglen;

	row->as.row.header = header;
	row->line = line;
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
		i++;
	if (i < len && s[i] == '|')
		i++;
	while (i < len && col < ncols) {
		for (a = i; i < len && !(s[i] == '|' && (i == a ||
		    s[i - 1] != '\\')); i++)
			;
		if (i >= len) {
			/* Text after the last pipe: a cell only if not blank. */
			for (k = a; k < len && (s[k] == ' ' || s[k] == '\n' ||
			    s[k] == '\t'); k++)
				;
			if (k == len)
				break;
		}
		/* Lines of the cell become hard line breaks. */
		buf_truncate(&cellsrc, 0);
		for (k = a; k <= i && k <= len; ) {
			size_t e = k;

			while (e < i && s[e] != '\n')
				e++;
			seg = s + k;
			seglen = e - k;
			md_trim(&seg, &seglen);
			if (seglen > 0) {
				if (cellsrc.len > 0)
					BUF_PUTSL(&cellsrc, "\\\n");
				buf_put(&cellsrc, seg, seglen);
			}
			k = e + 1;
		}
		cell = node_new(NODE_TABLE_CELL);
		fill_cell(m, cell, cellsrc.ptr, cellsrc.len);
		if (node_append(row, cell) != 0)
			node_free(cell);
		col++;
		if (i < len)
			i++;
	}
	for (; col < ncols; col++)
		node_append(row, node_new(NODE_TABLE_CELL));
	buf_free(&cellsrc);
	if (node_append(table, row) != 0)
		node_free(row);
}

/* A line that ends a row: it ends with an unescaped pipe. */
static int
closes_row(const char *s, size_t len)
{
	md_trim(&s, &len);
	return len > 0 && s[len - 1] == '|' && (len < 2 || s[len - 2] != '\\');
}

/*
 * A paragraph holding a GFM pipe table becomes a table (after a paragraph
 * for any lines above its header).  Rows whose cells continue over
 * several lines (a malformed but common export) are joined until a line
 * ends with a pipe.  Returns 1 if the paragraph was a table.
 */
int
md_pipe_table(struct md *m, cmark_node *para)
{
	int		 sl = cmark_node_get_start_line(para);
	int		 el = cmark_node_get_end_line(para);
	size_t		 first, last, d, hdr, i, ncols = 0, len, rows = 0;
	size_t		 row_start;
	const char	*s;
	struct node	*table;
	struct buf	 row = BUF_INIT;
	int		 piped;

	if (sl < 1 || el < sl || (size_t)el > m->nlines)
		return 0;
	first = (size_t)sl - 1;
	last = (size_t)el - 1;
	for (d = first + 1; d <= last; d++) {
		line_at(m, d, &s, &len);
		if ((ncols = delimiter_row(s, len)) > 0)
			break;
	}
	if (d > last || ncols == 0)
		return 0;
	/* The header row: back to the line that starts with a pipe. */
	for (hdr = d - 1; hdr > first; hdr--) {
		line_at(m, hdr, &s, &len);
		md_trim(&s, &len);
		if (len > 0 && s[0] == '|')
			break;
	}
	line_at(m, hdr, &s, &len);
	md_trim(&s, &len);
	piped = len > 0 && s[0] == '|';
	if (hdr > first) {
		/* Lines above the table: an ordinary paragraph. */
		cmark_node *doc = md_parse_commonmark(m->src + m->lines[first],
		    m->lines[hdr] - m->lines[first]);
		cmark_node *c;

		for (c = cmark_node_first_child(doc); c != NULL;
		    c = cmark_node_next(c))
			md_convert(m, c, NULL);
		cmark_node_free(doc);
	}
	table = node_new(NODE_TABLE);
	table->line = (unsigned int)hdr + 1 + m->line0;
	table->rule = "GFM pipe table";
	for (i = hdr; i < d; i++) {
		line_at(m, i, &s, &len);
		if (row.len > 0)
			buf_putc(&row, '\n');
		buf_put(&row, s, len);
	}
	add_row(m, table, row.ptr, row.len, ncols, 1, table->line);
	buf_truncate(&row, 0);
	for (i = row_start = d + 1; i <= last; i++) {
		line_at(m, i, &s, &len);
		if (row.len > 0)
			buf_putc(&row, '\n');
		buf_put(&row, s, len);
		if (!piped || closes_row(s, len) || i == last) {
			add_row(m, table, row.ptr, row.len, ncols, 0,
			    (unsigned int)row_start + 1 + m->line0);
			buf_truncate(&row, 0);
			row_start = i + 1;
			rows++;
		}
	}
	buf_free(&row);
	md_add_block(m, table);
	m->tables++;
	diag_note(m->diag, "line %u: pipe table, %zu columns, %zu rows",
	    table->line, ncols, rows);
	return 1;
}
