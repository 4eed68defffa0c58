/*
 * The run's inputs: the command line's files and folders, --files-from,
 * standard input when there are none; sorted, sharded, checked.
 */
#ifndef CLI_INPUTS_H
#define CLI_INPUTS_H

#include "batch.h"
#include "options.h"

/* Is one of argv[first..argc) a folder? */
int	 any_folder(int argc, char *argv[], int first);
/*
 * Fills in from argv[first..argc) and cli->files_from.  Returns GO_ON (an
 * input that could not be added sets *status to EXIT_INPUT) or the exit
 * status of the run.
 */
int	 gather_inputs(const struct cli *cli, int argc, char *argv[],
	    int first, int folders, struct inputs *in, int *status);

#endif
