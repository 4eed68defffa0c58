/*
 * artconv's command line: what the options ask for (struct cli), how they
 * are read, and the messages every cli/ file prints.  Only cli/ prints,
 * always as "artconv: FILE: reason".  The conversion itself goes through
 * the library's public API (artconv.h) alone.
 */
#ifndef CLI_OPTIONS_H
#define CLI_OPTIONS_H

#include <stdint.h>
#include <stdio.h>

#include "artconv.h"
#include "batch.h"
#include "files.h"
#include "util.h"

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
/* The largest article or --files-from list read (the library's limit). */
#define MAX_INPUT ((size_t)1 << 30)

/*
 * An option that sets up reading or rendering, as given: options objects
 * made after the options are read (standard input's reading, an
 * article's pictures) replay them in order.
 */
struct setting {
	int		 code;		/* getopt's code */
	const char	*arg;
};

struct cli {
	const ac_format		*formats[MAX_FORMATS];
	size_t			 nformats;
	const char		*output;	/* -o, or NULL */
	int			 output_dir;	/* -o names a folder */
	/* What articles read from files and every render use. */
	ac_read_options		*read;
	ac_render_options	*render;
	struct setting		*settings;
	size_t			 nsettings;
	char			**owned;	/* strings settings point to */
	size_t			 nowned;
	const char		*title;		/* -M title=, for --combine */
	int			 images;	/* --images */
	int			 force, quiet, verbose, now;
	int64_t			 now_time;	/* --now: the run's date */
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
	/* The files writers' options read, and their bytes. */
	const char		*option_files[MAX_WRITER_OPTIONS];
	struct sbuf		 option_bytes[MAX_WRITER_OPTIONS];
	struct file_ids		 inputs;	/* never replaced by an output */
};

extern const char *const progname;

/* path as a message shows it: escaped, in b's storage. */
const char	*shown(struct sbuf *b, const char *path);
/* Prints "artconv: MESSAGE" and the --help hint; returns EXIT_USAGE. */
int		 usage_error(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));
/* Ends the program if st is AC_ERR_NOMEM; returns st. */
ac_status	 check_nomem(ac_status st);

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
/*
 * New options objects set up as cli->read and cli->render are, for
 * standard input (title "stdin") and for an article whose pictures are
 * read from its folder (base: its path).  They end the program when
 * memory runs out.
 */
ac_read_options	*read_options_for_stdin(const struct cli *cli);
ac_render_options *render_options_for(const struct cli *cli,
		    const char *base);

#endif
