/*
 * Output naming and the output-path rules; see outpath.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "files.h"
#include "outpath.h"
#include "util.h"

/* The extension of path (after the last dot of its last part), or NULL. */
static const char *
extension_of(const char *path)
{
	const char	*base = strrchr(path, '/'), *dot;

	base = base != NULL ? base + 1 : path;
	dot = strrchr(base, '.');
	return dot != NULL && dot != base ? dot + 1 : NULL;
}

/*
 * Is -o a folder?  One that exists or ends in /; or, when a folder of
 * articles, several articles (not --combine) or several formats ask for
 * one, -o unless it names a file: an existing one, or one with a format's
 * extension (then the command line is more likely wrong than the folder
 * wanted).
 */
static int
output_is_dir(const struct cli *cli, int ninputs, int folders)
{
	const char	*ext;
	struct stat	 st;

	if (strcmp(cli->output, "-") == 0)
		return 0;	/* standard output, never a folder named "-" */
	if ((cli->output[0] != '\0' &&
	    cli->output[strlen(cli->output) - 1] == '/') ||
	    file_is_dir(cli->output))
		return 1;
	return (cli->nformats > 1 || (!cli->combine && (ninputs > 1 ||
	    folders))) && stat(cli->output, &st) != 0 &&
	    ((ext = extension_of(cli->output)) == NULL ||
	    ac_format_for_extension(ext) == NULL);
}

/* -t defaults from the -o extension, else md. */
static int
default_format(struct cli *cli)
{
	const char	*ext;

	ext = cli->output != NULL && !cli->output_dir ?
	    extension_of(cli->output) : NULL;
	if (ext != NULL && ac_format_for_extension(ext) == NULL)
		return usage_error("cannot tell the format from \"%s\"; use -t",
		    cli->output);
	cli->formats[cli->nformats++] = ext != NULL ?
	    ac_format_for_extension(ext) : ac_format_find("md");
	return GO_ON;
}

/* Creates the output folder; never reads it back as input. */
static int
make_output_dir(struct cli *cli)
{
	const char	*why;
	struct stat	 st;

	if (!file_is_dir(cli->output)) {
		if (file_mkdirs(cli->output, &why) != 0) {
			fprintf(stderr, "%s: %s: %s\n", progname, cli->output,
			    why);
			return EXIT_OUTPUT;
		}
		if (cli->verbose)
			fprintf(stderr, "%s: %s: created the output folder\n",
			    progname, cli->output);
	}
	if (stat(cli->output, &st) == 0) {
		cli->filter.skip_dir = 1;
		cli->filter.skip_dev = st.st_dev;
		cli->filter.skip_ino = st.st_ino;
	}
	return GO_ON;
}

int
outpath_settle(struct cli *cli, int ninputs, int folders)
{
	int	 rc;

	if (cli->output != NULL)
		cli->output_dir = output_is_dir(cli, ninputs, folders);
	if (cli->nformats == 0 && (rc = default_format(cli)) != GO_ON)
		return rc;
	if (cli->output != NULL && strcmp(cli->output, "-") == 0 &&
	    (cli->nformats > 1 || (!cli->combine && (ninputs > 1 ||
	    folders))))
		return usage_error("-o - writes one file to standard output; "
		    "use -o DIR/ for %s", cli->nformats > 1 ?
		    "several formats" : "several inputs");
	if (cli->output != NULL && !cli->output_dir && cli->nformats > 1)
		return usage_error("several formats need a folder: -o %s/",
		    cli->output);
	if (!cli->combine && cli->output != NULL && !cli->output_dir &&
	    (ninputs > 1 || folders))
		return usage_error("several inputs need a folder: -o %s/, or "
		    "--combine", cli->output);
	if (!cli->combine && cli->output == NULL && (ninputs > 1 || folders))
		return usage_error("several inputs need an output folder: "
		    "-o DIR/");
	if (cli->combine && cli->output == NULL)
		return usage_error("--combine needs -o FILE (or -o DIR/)");
	return cli->output_dir ? make_output_dir(cli) : GO_ON;
}

char *
output_path(const struct cli *cli, const struct input *in,
    const ac_format *f, const char **why)
{
	struct sbuf	 b = SBUF_INIT;

	if (cli->output != NULL && !cli->output_dir)
		return estrdup(cli->output);
	if (cli->output == NULL && cli->nformats == 1) {
		if (ac_format_is_binary(f) && isatty(STDOUT_FILENO)) {
			*why = "binary output to a terminal; use -o FILE";
			return NULL;
		}
		return estrdup("-");
	}
	if (cli->output != NULL) {
		sb_puts(&b, cli->output);
		if (b.len > 0 && b.ptr[b.len - 1] != '/')
			sb_putc(&b, '/');
	}
	sb_printf(&b, "%s.%s", in->rel, ac_format_extension(f));
	if (cli->output != NULL &&
	    file_prepare_inside(cli->output, b.ptr, why) != 0) {
		sb_free(&b);
		return NULL;
	}
	return sb_detach(&b);
}

const char *
output_display(const char *dest)
{
	return strcmp(dest, "-") == 0 ? "standard output" : dest;
}

int
output_is_input(const struct cli *cli, const char *dest)
{
	return strcmp(dest, "-") == 0 ?
	    file_ids_has_fd(&cli->inputs, STDOUT_FILENO) :
	    file_ids_has_path(&cli->inputs, dest);
}

int
up_to_date(const struct cli *cli, const struct input *in)
{
	time_t	 t_in = file_mtime(in->path), t_out;
	size_t	 i;

	if (t_in == (time_t)-1 || strcmp(in->path, "-") == 0)
		return 0;
	for (i = 0; i < cli->nformats; i++) {
		const char *why;
		char *dest = output_path(cli, in, cli->formats[i], &why);

		t_out = dest != NULL && strcmp(dest, "-") != 0 ?
		    file_mtime(dest) : (time_t)-1;
		free(dest);
		if (t_out == (time_t)-1 || t_out < t_in)
			return 0;
	}
	return 1;
}

/*
 * The output folder is skipped when walking inputs, so an input folder
 * that is the output folder would give nothing at all.
 */
int
outpath_check_args(const struct cli *cli, int argc, char *argv[], int first)
{
	struct sbuf	 name = SBUF_INIT;
	int		 a;

	for (a = first; a < argc; a++)
		if (cli->filter.skip_dir && inputs_is_skipped(argv[a],
		    &cli->filter)) {
			fprintf(stderr, "%s: %s: the output folder is this input "
			    "folder; write to another one (-o OTHER/)\n",
			    progname, shown(&name, argv[a]));
			sb_free(&name);
			return EXIT_USAGE;
		}
	return GO_ON;
}

int
outpath_check_inputs(const struct cli *cli, const struct inputs *in)
{
	size_t	 other;
	long	 clash;

	if (!cli->combine && cli->output_dir &&
	    (clash = inputs_find_collision(in, &other)) >= 0) {
		fprintf(stderr, "%s: %s and %s would write the same outputs "
		    "(%s.*); convert them separately\n", progname,
		    in->v[other].path, in->v[clash].path, in->v[clash].rel);
		return EXIT_USAGE;
	}
	return GO_ON;
}

void
outpath_note_inputs(struct cli *cli, const struct inputs *in)
{
	size_t	 i;

	for (i = 0; i < in->n; i++) {
		if (strcmp(in->v[i].path, "-") == 0)
			file_ids_add_fd(&cli->inputs, STDIN_FILENO);
		else
			file_ids_add_path(&cli->inputs, in->v[i].path);
	}
	for (i = 0; i < MAX_WRITER_OPTIONS; i++)
		if (cli->option_files[i] != NULL)
			file_ids_add_path(&cli->inputs, cli->option_files[i]);
	file_ids_sort(&cli->inputs);
}
