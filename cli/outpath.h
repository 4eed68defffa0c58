/*
 * Where outputs go: -o as a file or a folder, the format from its
 * extension, FOLDER/REL.EXT names, and the rule that no output may be one
 * of the run's inputs (cli->inputs, by device and inode).
 */
#ifndef CLI_OUTPATH_H
#define CLI_OUTPATH_H

#include "batch.h"
#include "artconv.h"
#include "options.h"

/*
 * Decides whether -o is a folder (creating it if need be) and the format
 * when -t is not given.  Returns GO_ON or an exit status.
 */
int		 outpath_settle(struct cli *cli, int ninputs, int folders);
/* Where format f of input in goes; NULL with *why on error. */
char		*output_path(const struct cli *cli, const struct input *in,
		    const ac_format *f, const char **why);
/* dest as messages name it ("standard output" for "-"). */
const char	*output_display(const char *dest);
/* Is dest (a path or "-") one of the run's inputs? */
int		 output_is_input(const struct cli *cli, const char *dest);
/* --update: are all of the input's outputs newer than it? */
int		 up_to_date(const struct cli *cli, const struct input *in);
/*
 * Refuses an input folder that is the output folder, with a message.
 * Returns GO_ON or EXIT_USAGE.
 */
int		 outpath_check_args(const struct cli *cli, int argc,
		    char *argv[], int first);
/*
 * Refuses two inputs that would write the same outputs, with a message.
 * Returns GO_ON or EXIT_USAGE.
 */
int		 outpath_check_inputs(const struct cli *cli,
		    const struct inputs *in);
/* Records the inputs (and --cover, --reference-doc) in cli->inputs. */
void		 outpath_note_inputs(struct cli *cli, const struct inputs *in);

#endif
