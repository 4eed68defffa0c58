/*
 * The run's inputs; see inputs.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files.h"
#include "inputs.h"
#include "outpath.h"
#include "util.h"

int
any_folder(int argc, char *argv[], int first)
{
	int	 a, folders = 0;

	for (a = first; a < argc; a++)
		folders |= file_is_dir(argv[a]);
	return folders;
}

/* The files and folders named on the command line. */
static void
add_args(const struct cli *cli, int argc, char *argv[], int first,
    struct inputs *in, int *status)
{
	struct sbuf	 name = SBUF_INIT;
	const char	*why;
	int		 a;

	for (a = first; a < argc; a++) {
		why = NULL;
		if (inputs_add(in, argv[a], &cli->filter, &why) != 0) {
			fprintf(stderr, "%s: %s: %s\n", progname,
			    shown(&name, argv[a]), why);
			*status = EXIT_INPUT;
		} else if (why != NULL && !cli->quiet)
			fprintf(stderr, "%s: %s: warning: %s\n", progname,
			    shown(&name, argv[a]), why);
	}
	sb_free(&name);
}

/* --files-from.  Returns GO_ON or EXIT_INPUT (the list unreadable). */
static int
add_list(const struct cli *cli, struct inputs *in, int *status)
{
	struct sbuf	 list = SBUF_INIT;
	const char	*why = NULL;
	char		*bad;
	size_t		 nbad;

	if (read_whole(cli->files_from, MAX_INPUT, 0, &list, &why) != 0) {
		fprintf(stderr, "%s: %s: %s\n", progname, cli->files_from, why);
		sb_free(&list);
		return EXIT_INPUT;
	}
	nbad = inputs_add_list(in, sb_str(&list), list.len, cli->nul, &cli->filter,
	    &bad, &why);
	if (nbad > 0) {
		fprintf(stderr, "%s: %s: %zu listed path%s not found (first: "
		    "%s: %s)\n", progname, cli->files_from, nbad,
		    nbad == 1 ? "" : "s", bad, why);
		free(bad);
		*status = EXIT_INPUT;
	}
	sb_free(&list);
	return GO_ON;
}

int
gather_inputs(const struct cli *cli, int argc, char *argv[], int first,
    int folders, struct inputs *in, int *status)
{
	const char	*why = NULL;
	int		 rc;

	if ((rc = outpath_check_args(cli, argc, argv, first)) != GO_ON)
		return rc;
	add_args(cli, argc, argv, first, in, status);
	if (cli->files_from != NULL &&
	    (rc = add_list(cli, in, status)) != GO_ON)
		return rc;
	if (first == argc && cli->files_from == NULL)
		inputs_add(in, "-", &cli->filter, &why);
	if (in->n > 1 || folders || cli->files_from != NULL)
		inputs_sort(in);
	if (cli->shard_n > 0)
		inputs_shard(in, cli->shard_k, cli->shard_n);
	if ((rc = outpath_check_inputs(cli, in)) != GO_ON)
		return rc;
	if (in->n == 0) {
		if (!cli->quiet)
			fprintf(stderr, "%s: no articles to convert\n",
			    progname);
		return *status;
	}
	return GO_ON;
}
