/*
 * The writers' own options (struct writer_option): finding one by name,
 * setting it from a string or bytes into the writer's options struct in
 * struct render_opts, and freeing them.  The library's API and the
 * command line both set options through here, so a value is checked the
 * same way wherever it comes from.  Allocation is recoverable
 * (alloc_try_malloc): the API reports ENOMEM instead of aborting.
 */
#include "writer.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tree/alloc.h"

const void *
writer_options(const struct render_opts *opts, const struct writer *w)
{
	const void	*o = opts->wopts[writer_index(w)];

	return o != NULL ? o : w->options_default;
}

const struct writer_option *
writer_option_find(const char *name, const struct writer **wp)
{
	const struct writer_option *opt;
	size_t	 i;

	for (i = 0; writers[i] != NULL; i++)
		for (opt = writers[i]->options; opt != NULL &&
		    opt->name != NULL; opt++)
			if (strcmp(opt->name, name) == 0) {
				if (wp != NULL)
					*wp = writers[i];
				return opt;
			}
	return NULL;
}

/* Frees what the options o of w own: the bytes of its file options. */
static void
free_files(const struct writer *w, void *o)
{
	const struct writer_option *opt;
	struct slice	*s;

	for (opt = w->options; opt != NULL && opt->name != NULL; opt++)
		if (opt->kind == WOPT_FILE) {
			s = (struct slice *)(void *)((char *)o + opt->offset);
			free((void *)(uintptr_t)s->ptr);
			s->ptr = NULL;
			s->len = 0;
		}
}

void
render_opts_free(struct render_opts *opts)
{
	size_t	 i;

	for (i = 0; writers[i] != NULL; i++)
		if (opts->wopts[i] != NULL) {
			free_files(writers[i], opts->wopts[i]);
			free(opts->wopts[i]);
			opts->wopts[i] = NULL;
		}
}

/*
 * The option called name and where its value goes in opts (the writer's
 * options allocated with the defaults if need be), or NULL with errno.
 */
static const struct writer_option *
lookup(struct render_opts *opts, const char *name, char **value)
{
	const struct writer_option *opt;
	const struct writer *w;
	size_t	 i;

	if (name == NULL || (opt = writer_option_find(name, &w)) == NULL) {
		errno = EINVAL;
		return NULL;
	}
	i = writer_index(w);
	if (opts->wopts[i] == NULL) {
		if ((opts->wopts[i] = alloc_try_malloc(w->options_size)) ==
		    NULL) {
			errno = ENOMEM;
			return NULL;
		}
		memcpy(opts->wopts[i], w->options_default, w->options_size);
	}
	*value = (char *)opts->wopts[i] + opt->offset;
	return opt;
}

int
writer_option_set(struct render_opts *opts, const char *name,
    const char *value)
{
	const struct writer_option *opt;
	char	*slot, *end;
	long	 n;
	size_t	 i;

	if ((opt = lookup(opts, name, &slot)) == NULL)
		return -1;
	switch (opt->kind) {
	case WOPT_FLAG:
		if (value == NULL || strcmp(value, "1") == 0)
			*(int *)(void *)slot = 1;
		else if (strcmp(value, "0") == 0)
			*(int *)(void *)slot = 0;
		else
			goto bad;
		return 0;
	case WOPT_WORD:
		for (i = 0; value != NULL && opt->words[i] != NULL; i++)
			if (strcmp(value, opt->words[i]) == 0) {
				*(int *)(void *)slot = (int)i;
				return 0;
			}
		goto bad;
	case WOPT_NUMBER:
		if (value == NULL)
			goto bad;
		errno = 0;
		n = strtol(value, &end, 10);
		if (errno != 0 || end == value || *end != '\0' ||
		    !((n >= opt->min && n <= opt->max) ||
		    (n == 0 && opt->zero_ok)))
			goto bad;
		*(long *)(void *)slot = n;
		return 0;
	case WOPT_FILE:
		break;
	}
bad:
	errno = EINVAL;
	return -1;
}

int
writer_option_set_bytes(struct render_opts *opts, const char *name,
    const void *p, size_t len)
{
	const struct writer_option *opt;
	struct slice	*s;
	char		*slot, *copy = NULL;

	if ((opt = lookup(opts, name, &slot)) == NULL)
		return -1;
	if (opt->kind != WOPT_FILE || (p != NULL && (len > opt->max_size ||
	    (opt->check != NULL && opt->check(p, len) != 0)))) {
		errno = EINVAL;
		return -1;
	}
	if (p != NULL) {
		/* One byte more, so that an empty file is not NULL. */
		if ((copy = alloc_try_malloc(len + 1)) == NULL) {
			errno = ENOMEM;
			return -1;
		}
		memcpy(copy, p, len);
		copy[len] = '\0';
	}
	s = (struct slice *)(void *)slot;
	free((void *)(uintptr_t)s->ptr);
	s->ptr = copy;
	s->len = copy != NULL ? len : 0;
	return 0;
}
