#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>

#include "alloc.h"
#include "buf.h"

void
diag_init(struct diag *d, int verbose)
{
	d->msgs = NULL;
	d->n = d->cap = 0;
	d->verbose = verbose;
}

void
diag_free(struct diag *d)
{
	size_t	 i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++)
		free(d->msgs[i].text);
	free(d->msgs);
	d->msgs = NULL;
	d->n = d->cap = 0;
}

static void add(struct diag *, enum diag_level, const char *, va_list)
    __attribute__((format(printf, 3, 0)));

static void
add(struct diag *d, enum diag_level level, const char *fmt, va_list ap)
{
	struct buf	 b = BUF_INIT;

	buf_vprintf(&b, fmt, ap);
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->msgs = xreallocarray(d->msgs, d->cap, sizeof(*d->msgs));
	}
	d->msgs[d->n].level = level;
	d->msgs[d->n].text = buf_detach(&b, NULL);
	d->n++;
}

void
diag_note(struct diag *d, const char *fmt, ...)
{
	va_list	 ap;

	if (d == NULL || !d->verbose)
		return;
	va_start(ap, fmt);
	add(d, DIAG_NOTE, fmt, ap);
	va_end(ap);
}

void
diag_warn(struct diag *d, const char *fmt, ...)
{
	va_list	 ap;

	if (d == NULL)
		return;
	va_start(ap, fmt);
	add(d, DIAG_WARN, fmt, ap);
	va_end(ap);
}

int
diag_error(struct diag *d, const char *fmt, ...)
{
	va_list	 ap;

	if (d == NULL)
		return -1;
	va_start(ap, fmt);
	add(d, DIAG_ERROR, fmt, ap);
	va_end(ap);
	return -1;
}

const char *
diag_last_error(const struct diag *d)
{
	size_t	 i;

	for (i = d->n; i > 0; i--)
		if (d->msgs[i - 1].level == DIAG_ERROR)
			return d->msgs[i - 1].text;
	return NULL;
}

size_t
diag_count(const struct diag *d, enum diag_level level)
{
	size_t	 i, n = 0;

	for (i = 0; i < d->n; i++)
		if (d->msgs[i].level == level)
			n++;
	return n;
}
