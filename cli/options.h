/*
 * artconv's command line: what the options ask for (struct cli), how they
 * are read, and the messages every cli/ file prints.  Only cli/ prints,
 * always as "artconv: FILE: reason".
 */
#ifndef CLI_OPTIONS_H
#define CLI_OPTIONS_H

#include <stdio.h>

#include "analyze/convert_script.h"
#include "io/fileio.h"
#include "io/resource.h"
#include "tree/buf.h"
#include "batch.h"
#include "pipeline.h"
#include "writer.h"

/* Exit statuses (documented in the README and artconv.1). */
enum {
	EXIT_OK = 0,
	EXIT_INPUT = 1,		/* an article could not be read or converted */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_OUTPUT = 3		/* an output could not be written */
};

/* What the option functions return to let main go on. */
#define GO_ON (-1)

#define MAX_FORMATS 16
#define MAX_PATTERNS 64
/* The most options all writers together may declare. */
#define MAX_WRITER_OPTIONS 256

struct cli {
	const struct writer	*formats[MAX_FORMATS];
	size_t			 nformats;
	const char		*output;	/* -o, or NULL */
	int			 output_dir;	/* -o names a folder */
	struct pipeline_opts	 popts;
	struct render_opts	 ropts;
	int			 force, quiet, verbose, now, source_epoch;
	int			 sync;		/* --sync: fsync outputs */
	int			 update;	/* skip up-to-date outputs */
	int			 fail_fast;
	int			 combine;
	int			 order_date;	/* --order date */
	long			 jobs;		/* -j */
	unsigned		 shard_k, shard_n;
	const char		*files_from;	/* --files-from, or NULL */
	int			 nul;		/* -0 */
	struct batch_filter	 filter;
	const char		*include[MAX_PATTERNS];
	const char		*exclude[MAX_PATTERNS];
	struct buf		 option_file;	/* a file option's bytes */
	/* The files writers' options read (never replaced by an output). */
	const char		*option_files[MAX_WRITER_OPTIONS];
	struct resource_paths	*resource_paths;	/* --resource-path */
	struct file_ids		 inputs;	/* never replaced by an output */
	struct script_conv	*convert;	/* --convert */
};

extern const char *const progname;

/* path as a message shows it: escaped, in b's storage. */
const char	*shown(struct buf *b, const char *path);
/* Prints "artconv: MESSAGE" and the --help hint; returns EXIT_USAGE. */
int		 usage_error(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));

void		 cli_init(struct cli *cli);
void		 cli_free(struct cli *cli);
/*
 * Reads the options into cli (optind is then the first input).  Returns
 * GO_ON, else an exit status (--help, --version, a bad option).
 */
int		 parse_options(struct cli *cli, int argc, char *argv[]);
/*
 * Checks option combinations and fills defaults for ninputs inputs
 * (folders: one of them is a folder).  Returns GO_ON or an exit status.
 */
int		 settle_options(struct cli *cli, int ninputs, int folders);

#endif
