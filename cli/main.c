/*
 * artconv: the command line, a user of the library like any other: it
 * includes artconv.h alone and links the public library, whose only
 * symbols are ac_ ones.  Only cli/ prints.  It reads the articles through
 * ac_read_file() (standard input itself), writes the outputs itself
 * (files.c), and lets the library load the pictures --images embeds,
 * confined to the article's folder.  What it knows about formats and
 * readers it asks the library (ac_format_*, ac_reader_*).
 *
 *   options.c   the options, --help, the checks and defaults
 *   inputs.c    the inputs: arguments, --files-from, shards
 *   outpath.c   where outputs go; no output may be one of the run's inputs
 *   jobs.c      the workers, the messages in input order, the progress
 *               line, --combine and the summary
 *   batch.c     walking folders for articles
 *   files.c     writing outputs safely; files by identity
 *   util.c      memory, strings, escaping for messages, reading files
 *
 * One article or a thousand take the same path: the inputs become jobs;
 * workers (-j) convert jobs and keep their messages; the main thread
 * prints each job's messages in input order, shows progress on a
 * terminal, and sums up.  Outputs do not depend on -j.
 */
#include <getopt.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>

#include "artconv.h"
#include "batch.h"
#include "files.h"
#include "inputs.h"
#include "jobs.h"
#include "options.h"
#include "outpath.h"

/*
 * Every EPUB and DOCX needs buffers of some hundred KB (libzip's, the
 * cover image's), which glibc by default maps and unmaps (or trims back
 * to the kernel) each time; the page faults and zeroing cost about a
 * tenth of a batch.  Keeping such blocks in the heap costs half a
 * megabyte.
 */
static void
tune_allocator(void)
{
#ifdef __GLIBC__
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
	mallopt(M_TRIM_THRESHOLD, 4 << 20);
#endif
}

/* Converts the inputs.  Returns the exit status, at least status. */
static int
convert(struct cli *cli, const struct inputs *in, int status)
{
	struct run		 r;
	struct run_counts	 counts;
	int			 rc;

	/* Inputs are never outputs (see write_outputs). */
	outpath_note_inputs(cli, in);
	file_cleanup_on_signals();
	run_init(&r, cli, in);
	run_jobs(&r, in->n == 1 ? 1 : cli->jobs);
	status = run_count(&r, &counts, status);
	if (cli->combine && (counts.failed == 0 || !cli->fail_fast)) {
		rc = write_combined(cli, &r);
		if (rc > status)
			status = rc;
	}
	run_summary(&r, &counts);
	run_free(&r);
	ac_cleanup();
	return status;
}

int
main(int argc, char *argv[])
{
	struct cli	 cli;
	struct inputs	 in = { 0 };
	int		 status = EXIT_OK, folders, rc;

	tune_allocator();
	cli_init(&cli);
	if ((rc = parse_options(&cli, argc, argv)) != GO_ON)
		goto done;
	folders = any_folder(argc, argv, optind);
	if ((rc = settle_options(&cli, argc - optind +
	    (cli.files_from != NULL), folders)) != GO_ON)
		goto done;
	if ((rc = gather_inputs(&cli, argc, argv, optind, folders, &in,
	    &status)) != GO_ON)
		goto done;
	rc = convert(&cli, &in, status);
done:
	inputs_free(&in);
	cli_free(&cli);
	return rc;
}
