/*
 * artconv: the command line.  This is the only file that prints; with
 * fileio.c it is the only code that touches files.  Everything it knows
 * about formats comes from the writer registry (formats/registry.c) and
 * the reader list (src/readers.c).
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "fileio.h"
#include "pipeline.h"
#include "reader.h"
#include "writer.h"

#define ARTCONV_VERSION "0.1.0"

/* Exit statuses (documented in the README and artconv.1). */
enum {
	EXIT_OK = 0,
	EXIT_INPUT = 1,		/* an article could not be read or converted */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_OUTPUT = 3		/* an output could not be written */
};

#define MAX_FORMATS 16

struct cli {
	const struct writer	*formats[MAX_FORMATS];
	size_t			 nformats;
	const char		*output;	/* -o, or NULL */
	int			 output_dir;	/* -o names a folder */
	struct pipeline_opts	 popts;
	struct render_opts	 ropts;
	int			 force;
	int			 quiet;
	int			 verbose;
	int			 now;		/* --now: timestamps from clock */
	int			 source_epoch;	/* SOURCE_DATE_EPOCH was set */
	struct buf		 reference_doc;
	struct buf		 cover;
};

static const char *progname = "artconv";

static void
print_diag(const char *file, const struct diag *d, int quiet)
{
	size_t	 i;

	for (i = 0; i < d->n; i++) {
		const struct diag_msg *m = &d->msgs[i];

		if (m->level == DIAG_WARN && quiet)
			continue;
		fprintf(stderr, "%s: %s: %s%s\n", progname, file,
		    m->level == DIAG_WARN ? "warning: " : "", m->text);
	}
}

static void
usage(FILE *f)
{
	size_t	 i;

	fprintf(f,
	    "usage: artconv [options] [FILE ...]\n"
	    "Converts Chinese articles (text, saved web pages, Markdown) to\n"
	    "e-books, Word files, Markdown and plain text.  FILE \"-\" or no\n"
	    "FILE reads standard input.\n"
	    "\n"
	    "  -t, --to FORMAT[,FORMAT...]  output formats (default: from the\n"
	    "                          -o extension, else md)\n"
	    "  -o, --output PATH       output file, or folder (ending in / or\n"
	    "                          existing) for one file per format\n"
	    "  -f, --from READER       input reader: auto");
	for (i = 0; readers[i] != NULL; i++)
		fprintf(f, "|%s", readers[i]->name);
	fprintf(f, " (default auto)\n"
	    "      --encoding NAME     input encoding (default: detect)\n"
	    "  -M, --meta KEY=VALUE    set metadata: title subtitle kicker date\n"
	    "                          author publisher source views lang url\n"
	    "      --points MODE       inline (one paragraph, as written) or\n"
	    "                          split (one paragraph per point)\n"
	    "      --leads MODE        bold (default) or plain lead sentences\n"
	    "      --wrap N            txt: wrap at N columns (default: none)\n"
	    "      --lang TAG          language tag (default: detected zh-CN/zh-TW)\n"
	    "      --keep-punctuation  do not repair ASCII punctuation\n"
	    "      --docx-style STYLE  official (GB/T 9704, default) or plain\n"
	    "      --reference-doc F   take DOCX styles from Word file F\n"
	    "      --toc               DOCX: insert a table of contents\n"
	    "      --cover IMAGE       EPUB: JPEG or PNG cover image\n"
	    "      --now               date outputs with the current time\n"
	    "      --force             replace existing output files\n"
	    "  -q, --quiet             no warnings\n"
	    "  -v, --verbose           explain how the article was read\n"
	    "      --list-formats      print the output formats\n"
	    "  -h, --help              this help\n"
	    "      --version           print the version\n"
	    "\n"
	    "formats:\n");
	for (i = 0; writers[i] != NULL; i++)
		fprintf(f, "  %-6s %s\n", writers[i]->name,
		    writers[i]->description);
	fprintf(f, "\nexit status: 0 ok, 1 an input failed, 2 usage, "
	    "3 an output could not be written\n");
}

static int usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static int
usage_error(const char *fmt, ...)
{
	va_list	 ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s: try 'artconv --help'\n", progname);
	return EXIT_USAGE;
}

/* Parses "-t md,epub" into cli->formats. */
static int
parse_formats(struct cli *cli, const char *arg)
{
	char	*copy = xstrdup(arg), *tok, *save = NULL;
	const struct writer *w;
	size_t	 i;
	int	 rc = 0;

	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if ((w = writer_find(tok)) == NULL) {
			rc = usage_error("unknown format \"%s\" (see "
			    "--list-formats)", tok);
			break;
		}
		for (i = 0; i < cli->nformats && cli->formats[i] != w; i++)
			;
		if (i < cli->nformats)
			continue;
		if (cli->nformats == MAX_FORMATS) {
			rc = usage_error("too many formats");
			break;
		}
		cli->formats[cli->nformats++] = w;
	}
	free(copy);
	return rc;
}

static int
parse_meta(struct cli *cli, const char *arg)
{
	const char	*eq = strchr(arg, '=');
	char		*key;
	int		 k;

	if (eq == NULL)
		return usage_error("-M needs KEY=VALUE, not \"%s\"", arg);
	key = xstrndup(arg, (size_t)(eq - arg));
	k = meta_key_lookup(key);
	free(key);
	if (k < 0)
		return usage_error("unknown metadata key in \"%s\"", arg);
	cli->popts.meta[k] = eq + 1;
	return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
	long long	 era;
	unsigned	 yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

/*
 * The article's date as a timestamp.  Dates are China Standard Time
 * (UTC+8) unless the article says otherwise; none of them do.
 */
static time_t
article_time(const struct doc *doc)
{
	const char	*d = doc->meta[META_DATE];
	int		 y, mo, day, h = 0, mi = 0, s = 0;

	if (d == NULL || sscanf(d, "%4d-%2d-%2d", &y, &mo, &day) != 3)
		return 0;
	if (strlen(d) >= 16)
		sscanf(d + 11, "%2d:%2d:%2d", &h, &mi, &s);
	return (time_t)(days_from_civil(y, (unsigned)mo, (unsigned)day) *
	    86400 + h * 3600 + mi * 60 + s - 8 * 3600);
}

/* The file name without folders and extension; "stdin" for "-". */
static char *
stem_of(const char *path)
{
	const char	*base = strrchr(path, '/'), *dot;

	if (strcmp(path, "-") == 0)
		return xstrdup("stdin");
	base = base != NULL ? base + 1 : path;
	dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		return xstrdup(base);
	return xstrndup(base, (size_t)(dot - base));
}

/* Where format w of input goes; NULL with *why on error. */
static char *
output_path(const struct cli *cli, const char *input, const struct writer *w,
    const char **why)
{
	struct buf	 b = BUF_INIT;
	char		*stem;

	if (cli->output != NULL && !cli->output_dir)
		return xstrdup(cli->output);
	if (cli->output == NULL && cli->nformats == 1) {
		if (w->binary && isatty(STDOUT_FILENO)) {
			*why = "binary output to a terminal; use -o FILE";
			return NULL;
		}
		return xstrdup("-");
	}
	stem = stem_of(input);
	if (cli->output != NULL) {
		buf_puts(&b, cli->output);
		if (b.len > 0 && b.ptr[b.len - 1] != '/')
			buf_putc(&b, '/');
	}
	buf_printf(&b, "%s.%s", stem, w->extension);
	free(stem);
	return buf_detach(&b, NULL);
}

/* Converts one input to every requested format.  Returns an exit status. */
static int
convert_file(struct cli *cli, const char *path)
{
	struct buf	 in = BUF_INIT, out = BUF_INIT;
	struct diag	 d;
	struct doc	*doc = NULL;
	const char	*why = NULL;
	char		*stem = stem_of(path), *dest;
	size_t		 i;
	int		 status = EXIT_OK;

	diag_init(&d, cli->verbose);
	if (file_read(path, PIPELINE_MAX_INPUT, &in, &why) != 0) {
		fprintf(stderr, "%s: %s: %s\n", progname, path, why);
		status = EXIT_INPUT;
		goto out;
	}
	cli->popts.read.filename = strcmp(path, "-") == 0 ? NULL : path;
	cli->popts.fallback_title = stem;
	if (pipeline_read(in.ptr, in.len, &cli->popts, &doc, &d) != 0) {
		print_diag(path, &d, cli->quiet);
		status = EXIT_INPUT;
		goto out;
	}
	buf_free(&in);
	if (!cli->now && !cli->source_epoch)
		cli->ropts.timestamp = article_time(doc);
	for (i = 0; i < cli->nformats; i++) {
		const struct writer *w = cli->formats[i];
		const struct doc *docs[1] = { doc };

		buf_truncate(&out, 0);
		if (w->render(docs, 1, &cli->ropts, &out, &d) != 0) {
			status = EXIT_INPUT;
			continue;
		}
		if ((dest = output_path(cli, path, w, &why)) == NULL ||
		    file_write(dest, out.ptr, out.len, cli->force, &why) != 0) {
			fprintf(stderr, "%s: %s: %s\n", progname,
			    dest != NULL ? (strcmp(dest, "-") == 0 ?
			    "standard output" : dest) : w->name, why);
			status = EXIT_OUTPUT;
		} else if (cli->verbose && strcmp(dest, "-") != 0)
			diag_note(&d, "wrote %s (%zu bytes)", dest, out.len);
		free(dest);
	}
	print_diag(path, &d, cli->quiet);
out:
	doc_free(doc);
	diag_free(&d);
	buf_free(&in);
	buf_free(&out);
	free(stem);
	return status;
}

enum {
	OPT_ENCODING = 256,
	OPT_POINTS,
	OPT_LEADS,
	OPT_WRAP,
	OPT_LANG,
	OPT_KEEP_PUNCT,
	OPT_DOCX_STYLE,
	OPT_REFERENCE_DOC,
	OPT_TOC,
	OPT_COVER,
	OPT_NOW,
	OPT_FORCE,
	OPT_LIST_FORMATS,
	OPT_VERSION
};

static const struct option long_options[] = {
	{ "to", required_argument, NULL, 't' },
	{ "output", required_argument, NULL, 'o' },
	{ "from", required_argument, NULL, 'f' },
	{ "meta", required_argument, NULL, 'M' },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "points", required_argument, NULL, OPT_POINTS },
	{ "leads", required_argument, NULL, OPT_LEADS },
	{ "wrap", required_argument, NULL, OPT_WRAP },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "keep-punctuation", no_argument, NULL, OPT_KEEP_PUNCT },
	{ "docx-style", required_argument, NULL, OPT_DOCX_STYLE },
	{ "reference-doc", required_argument, NULL, OPT_REFERENCE_DOC },
	{ "toc", no_argument, NULL, OPT_TOC },
	{ "cover", required_argument, NULL, OPT_COVER },
	{ "now", no_argument, NULL, OPT_NOW },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "list-formats", no_argument, NULL, OPT_LIST_FORMATS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

/* The extension of path (after the last dot of its last part), or NULL. */
static const char *
extension_of(const char *path)
{
	const char	*base = strrchr(path, '/'), *dot;

	base = base != NULL ? base + 1 : path;
	dot = strrchr(base, '.');
	return dot != NULL && dot != base ? dot + 1 : NULL;
}

/* Loads a file named by an option; exits on failure. */
static int
load_option_file(const char *opt, const char *path, struct buf *b)
{
	const char	*why;

	if (file_read(path, PIPELINE_MAX_INPUT, b, &why) != 0) {
		fprintf(stderr, "%s: %s: %s (%s)\n", progname, path, why, opt);
		return -1;
	}
	return 0;
}

static const char *
image_type(const struct buf *b)
{
	if (b->len >= 3 && memcmp(b->ptr, "\xFF\xD8\xFF", 3) == 0)
		return "image/jpeg";
	if (b->len >= 8 && memcmp(b->ptr, "\x89PNG\r\n\x1A\n", 8) == 0)
		return "image/png";
	return NULL;
}

int
main(int argc, char *argv[])
{
	struct cli	 cli;
	const char	*ext, *epoch;
	char		*end;
	int		 c, i, status = EXIT_OK, s;
	long		 n;

	memset(&cli, 0, sizeof(cli));
	buf_init(&cli.reference_doc);
	buf_init(&cli.cover);
	cli.ropts.bold_leads = 1;
	cli.popts.read.max_depth = 128;
	while ((c = getopt_long(argc, argv, "t:o:f:M:qvh", long_options,
	    NULL)) != -1) {
		switch (c) {
		case 't':
			if (parse_formats(&cli, optarg) != 0)
				return EXIT_USAGE;
			break;
		case 'o':
			cli.output = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "auto") == 0)
				cli.popts.reader = NULL;
			else if ((cli.popts.reader = reader_find(optarg)) ==
			    NULL)
				return usage_error("unknown reader \"%s\"",
				    optarg);
			break;
		case 'M':
			if (parse_meta(&cli, optarg) != 0)
				return EXIT_USAGE;
			break;
		case OPT_ENCODING:
			cli.popts.read.encoding = optarg;
			break;
		case OPT_POINTS:
			if (strcmp(optarg, "inline") == 0)
				cli.ropts.points = POINTS_INLINE;
			else if (strcmp(optarg, "split") == 0)
				cli.ropts.points = POINTS_SPLIT;
			else
				return usage_error("--points takes inline or "
				    "split, not \"%s\"", optarg);
			break;
		case OPT_LEADS:
			if (strcmp(optarg, "bold") == 0)
				cli.ropts.bold_leads = 1;
			else if (strcmp(optarg, "plain") == 0)
				cli.ropts.bold_leads = 0;
			else
				return usage_error("--leads takes bold or "
				    "plain, not \"%s\"", optarg);
			break;
		case OPT_WRAP:
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || n < 0 || n > 10000 ||
			    (n > 0 && n < 8))
				return usage_error("--wrap takes 0 or a width "
				    "of 8 to 10000 columns, not \"%s\"", optarg);
			cli.ropts.wrap = (size_t)n;
			break;
		case OPT_LANG:
			cli.ropts.lang = optarg;
			break;
		case OPT_KEEP_PUNCT:
			cli.popts.keep_punctuation = 1;
			break;
		case OPT_DOCX_STYLE:
			if (strcmp(optarg, "official") == 0)
				cli.ropts.docx_style = DOCX_OFFICIAL;
			else if (strcmp(optarg, "plain") == 0)
				cli.ropts.docx_style = DOCX_PLAIN;
			else
				return usage_error("--docx-style takes "
				    "official or plain, not \"%s\"", optarg);
			break;
		case OPT_REFERENCE_DOC:
			if (load_option_file("--reference-doc", optarg,
			    &cli.reference_doc) != 0)
				return EXIT_USAGE;
			cli.ropts.reference_doc.ptr = cli.reference_doc.ptr;
			cli.ropts.reference_doc.len = cli.reference_doc.len;
			break;
		case OPT_TOC:
			cli.ropts.toc = 1;
			break;
		case OPT_COVER:
			if (load_option_file("--cover", optarg, &cli.cover) != 0)
				return EXIT_USAGE;
			if ((cli.ropts.cover_type = image_type(&cli.cover)) ==
			    NULL)
				return usage_error("%s: --cover takes a JPEG "
				    "or PNG image", optarg);
			cli.ropts.cover.ptr = cli.cover.ptr;
			cli.ropts.cover.len = cli.cover.len;
			break;
		case OPT_NOW:
			cli.now = 1;
			break;
		case OPT_FORCE:
			cli.force = 1;
			break;
		case 'q':
			cli.quiet = 1;
			break;
		case 'v':
			cli.verbose = 1;
			break;
		case OPT_LIST_FORMATS:
			for (i = 0; writers[i] != NULL; i++)
				printf("%s\n", writers[i]->name);
			return EXIT_OK;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case OPT_VERSION:
			printf("artconv %s\n", ARTCONV_VERSION);
			return EXIT_OK;
		default:
			fprintf(stderr, "%s: try 'artconv --help'\n", progname);
			return EXIT_USAGE;
		}
	}
	if (cli.output != NULL)
		cli.output_dir = cli.output[strlen(cli.output) - 1] == '/' ||
		    file_is_dir(cli.output);
	if (cli.nformats == 0) {
		/* -t defaults from the -o extension. */
		ext = cli.output != NULL && !cli.output_dir ?
		    extension_of(cli.output) : NULL;
		if (ext != NULL && writer_for_extension(ext) == NULL)
			return usage_error("cannot tell the format from "
			    "\"%s\"; use -t", cli.output);
		cli.formats[cli.nformats++] = ext != NULL ?
		    writer_for_extension(ext) : writer_find("md");
	}
	if (cli.output != NULL && !cli.output_dir && cli.nformats > 1)
		return usage_error("several formats need a folder: -o %s/",
		    cli.output);
	if (cli.output != NULL && !cli.output_dir && argc - optind > 1)
		return usage_error("several inputs need a folder: -o %s/",
		    cli.output);
	if (cli.output_dir && !file_is_dir(cli.output)) {
		const char *why;

		if (file_mkdirs(cli.output, &why) != 0) {
			fprintf(stderr, "%s: %s: %s\n", progname, cli.output,
			    why);
			return EXIT_OUTPUT;
		}
	}
	if ((epoch = getenv("SOURCE_DATE_EPOCH")) != NULL && !cli.now) {
		errno = 0;
		n = strtol(epoch, &end, 10);
		if (errno == 0 && *end == '\0' && n >= 0) {
			cli.ropts.timestamp = (time_t)n;
			cli.source_epoch = 1;
		}
	}
	if (cli.now)
		cli.ropts.timestamp = time(NULL);
	if (optind == argc)
		status = convert_file(&cli, "-");
	for (i = optind; i < argc; i++) {
		s = convert_file(&cli, argv[i]);
		if (s > status)
			status = s;
	}
	buf_free(&cli.reference_doc);
	buf_free(&cli.cover);
	return status;
}
