/*
 * The options: the getopt table, --help (its reader and format lists come
 * from the reader list and the writer registry), one small handler per
 * option, and the checks and defaults once all are read.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "io/repro.h"
#include "read/reader.h"
#include "tree/alloc.h"
#include "tree/doc.h"
#include "tree/escape.h"
#include "artconv.h"
#include "options.h"
#include "outpath.h"

#define ARTCONV_VERSION AC_VERSION_STRING
#define MAX_REFERENCE_DOC ((size_t)64 << 20)
#define TEMPLATE_MAX ((size_t)4 << 20)	/* --template */
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const char *const progname = "artconv";

const char *
shown(struct buf *b, const char *path)
{
	buf_truncate(b, 0);
	esc_display(b, path, strlen(path));
	return b->ptr;
}

int
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

/* What a good value of a word option is: "a, b or c". */
static void
words_of(const struct writer_option *opt, struct buf *b)
{
	size_t	 i;

	buf_truncate(b, 0);
	for (i = 0; opt->words[i] != NULL; i++) {
		if (i > 0)
			buf_puts(b, opt->words[i + 1] != NULL ? ", " : " or ");
		buf_puts(b, opt->words[i]);
	}
}

/*
 * w's options for --help, under a heading: the option and its value's
 * name in 26 columns, then the help text's lines.
 */
static void
writer_usage(FILE *f, const struct writer *w)
{
	const struct writer_option *opt;
	const char	*h, *nl;
	int		 n;

	if (w->options == NULL || w->options[0].name == NULL)
		return;
	fprintf(f, "\n%s options:\n", w->name);
	for (opt = w->options; opt->name != NULL; opt++) {
		n = fprintf(f, "      --%s%s%s", opt->name,
		    opt->arg != NULL ? " " : "", opt->arg != NULL ? opt->arg :
		    "");
		if (n > 24)
			fprintf(f, "\n%26s", "");
		else
			fprintf(f, "%*s", 26 - n, "");
		for (h = opt->help; (nl = strchr(h, '\n')) != NULL; h = nl + 1)
			fprintf(f, "%.*s\n%26s", (int)(nl - h), h, "");
		fprintf(f, "%s\n", h);
	}
}

/*
 * The man page's section on the writers' options (mdoc), which "make
 * man" puts into artconv.1 between its GENERATED markers.
 */
static void
man_options(FILE *f)
{
	const struct writer_option *opt;
	const struct writer *w;
	const char	*a;
	size_t		 i, k;

	for (i = 0; (w = writers[i]) != NULL; i++) {
		if (w->options == NULL || w->options[0].name == NULL)
			continue;
		fprintf(f, ".Ss Options for %s\n"
		    "These only change %s output.\n"
		    ".Bl -tag -width Ds\n", w->name, w->name);
		for (opt = w->options; opt->name != NULL; opt++) {
			fprintf(f, ".It Fl -%s", opt->name);
			if (opt->kind == WOPT_WORD)
				for (k = 0; opt->words[k] != NULL; k++)
					fprintf(f, "%s%s", k > 0 ? " | " :
					    " Cm ", opt->words[k]);
			else if (opt->arg != NULL) {
				fputs(" Ar ", f);
				for (a = opt->arg; *a != '\0'; a++)
					fputc(*a >= 'A' && *a <= 'Z' ?
					    *a - 'A' + 'a' : *a, f);
			}
			fprintf(f, "\n%s\n", opt->man);
		}
		fputs(".El\n", f);
	}
}

static void
usage(FILE *f)
{
	size_t	 i;

	fprintf(f,
	    "usage: artconv [options] [FILE|FOLDER ...]\n"
	    "Converts Chinese articles (text, saved web pages, Markdown, Word\n"
	    "files) to e-books, Word files, web pages, Markdown and plain text.\n"
	    "FILE \"-\" or no FILE reads standard input; folders are converted\n"
	    "recursively.\n"
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
	    "      --outline MODE      auto (default) or none: paragraphs\n"
	    "                          only, no headings, lists or points\n"
	    "      --levels LIST       these markers are the heading\n"
	    "                          levels, in order, e.g. '一、,（一）,1.';\n"
	    "                          nothing else is\n"
	    "  -M, --meta KEY=VALUE    set metadata: title subtitle kicker date\n"
	    "                          author publisher source views lang url\n"
	    "      --points MODE       inline (one paragraph, as written) or\n"
	    "                          split (one paragraph per point)\n"
	    "      --leads MODE        bold (default) or plain lead sentences\n"
	    "      --lang TAG          language tag (default: detected zh-CN or\n"
	    "                          zh-TW, or the --convert target's)\n"
	    "      --keep-punctuation  do not repair ASCII punctuation\n"
	    "      --convert CONV      Simplified/Traditional Chinese through\n"
	    "                          OpenCC: s2t t2s s2tw tw2s s2hk hk2s\n"
	    "                          s2twp tw2sp (tw/hk: regional forms;\n"
	    "                          twp/tw2sp: also Taiwan vocabulary)\n"
	    "      --images            embed the pictures an article refers to\n"
	    "                          (EPUB, DOCX, HTML; default: caption\n"
	    "                          only), only from the article's folder\n"
	    "      --resource-path DIR[:DIR...]  also allow images from DIRs\n"
	    "      --now               date outputs with the current time\n"
	    "      --force             replace existing output files\n"
	    "      --sync              flush each output to disk before it\n"
	    "                          takes its name (survives power loss)\n"
	    "  -q, --quiet             no warnings, no progress\n"
	    "  -v, --verbose           explain how the article was read\n"
	    "\n"
	    "batches:\n"
	    "  -j, --jobs N            parallel workers (default: CPU count)\n"
	    "      --files-from FILE   read input paths from FILE (- = stdin)\n"
	    "  -0, --null              --files-from paths end with NUL\n"
	    "      --include PATTERN   only files matching (fnmatch; repeatable)\n"
	    "      --exclude PATTERN   skip files matching (repeatable)\n"
	    "      --hidden            include dot files and folders\n"
	    "      --update            skip inputs whose outputs are newer\n"
	    "      --fail-fast         stop at the first failure\n"
	    "      --keep-going        convert the rest after a failure (default)\n"
	    "      --combine           one book of all inputs (with -o FILE)\n"
	    "      --order KEY         --combine order: name (default) or date\n"
	    "      --shard K/N         convert only share K of N (stable by path)\n");
	for (i = 0; writers[i] != NULL; i++)
		writer_usage(f, writers[i]);
	fprintf(f, "\n"
	    "information:\n"
	    "      --list-formats[=long]\n"
	    "                          print the output formats (=long: with\n"
	    "                          extension, zip or text, text parts)\n"
	    "  -h, --help              this help\n"
	    "      --version           print the version\n"
	    "\n"
	    "formats:\n");
	for (i = 0; writers[i] != NULL; i++)
		fprintf(f, "  %-13s %s\n", writers[i]->name,
		    writers[i]->description);
	fprintf(f, "\nexit status: 0 ok, 1 an input failed, 2 usage, "
	    "3 an output could not be written\n");
}

enum {
	OPT_ENCODING = 256,
	OPT_OUTLINE,
	OPT_LEVELS,
	OPT_POINTS,
	OPT_LEADS,
	OPT_LANG,
	OPT_KEEP_PUNCT,
	OPT_CONVERT,
	OPT_IMAGES,
	OPT_RESOURCE_PATH,
	OPT_NOW,
	OPT_FORCE,
	OPT_SYNC,
	OPT_FILES_FROM,
	OPT_INCLUDE,
	OPT_EXCLUDE,
	OPT_HIDDEN,
	OPT_UPDATE,
	OPT_FAIL_FAST,
	OPT_KEEP_GOING,
	OPT_COMBINE,
	OPT_ORDER,
	OPT_SHARD,
	OPT_LIST_FORMATS,
	OPT_VERSION,
	OPT_HELP_MAN,
	/* The writers' options: OPT_WRITER + their place in wopt_list. */
	OPT_WRITER = 1024
};

/* The general options; parse_options() adds the writers'. */
static const struct option fixed_options[] = {
	{ "to", required_argument, NULL, 't' },
	{ "output", required_argument, NULL, 'o' },
	{ "from", required_argument, NULL, 'f' },
	{ "meta", required_argument, NULL, 'M' },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "outline", required_argument, NULL, OPT_OUTLINE },
	{ "levels", required_argument, NULL, OPT_LEVELS },
	{ "points", required_argument, NULL, OPT_POINTS },
	{ "leads", required_argument, NULL, OPT_LEADS },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "keep-punctuation", no_argument, NULL, OPT_KEEP_PUNCT },
	{ "convert", required_argument, NULL, OPT_CONVERT },
	{ "images", no_argument, NULL, OPT_IMAGES },
	{ "resource-path", required_argument, NULL, OPT_RESOURCE_PATH },
	{ "now", no_argument, NULL, OPT_NOW },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "sync", no_argument, NULL, OPT_SYNC },
	{ "jobs", required_argument, NULL, 'j' },
	{ "files-from", required_argument, NULL, OPT_FILES_FROM },
	{ "null", no_argument, NULL, '0' },
	{ "include", required_argument, NULL, OPT_INCLUDE },
	{ "exclude", required_argument, NULL, OPT_EXCLUDE },
	{ "hidden", no_argument, NULL, OPT_HIDDEN },
	{ "update", no_argument, NULL, OPT_UPDATE },
	{ "fail-fast", no_argument, NULL, OPT_FAIL_FAST },
	{ "keep-going", no_argument, NULL, OPT_KEEP_GOING },
	{ "combine", no_argument, NULL, OPT_COMBINE },
	{ "order", required_argument, NULL, OPT_ORDER },
	{ "shard", required_argument, NULL, OPT_SHARD },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "list-formats", optional_argument, NULL, OPT_LIST_FORMATS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	/* Hidden: the man page's writer options (make man). */
	{ "help-man", no_argument, NULL, OPT_HELP_MAN },
	{ NULL, 0, NULL, 0 }
};

/* Every writer's options, in registry order, each name once. */
static const struct writer_option *wopt_list[MAX_WRITER_OPTIONS];
static size_t nwopt;

/* Fills wopt_list (once). */
static void
list_writer_options(void)
{
	const struct writer_option *opt;
	size_t	 i, k;

	if (nwopt > 0)
		return;
	for (i = 0; writers[i] != NULL; i++)
		for (opt = writers[i]->options; opt != NULL &&
		    opt->name != NULL; opt++) {
			for (k = 0; k < nwopt &&
			    strcmp(wopt_list[k]->name, opt->name) != 0; k++)
				;
			/* tests/test_writer_options.c: never full. */
			if (k == nwopt && nwopt < NELEM(wopt_list))
				wopt_list[nwopt++] = opt;
		}
}

void
cli_init(struct cli *cli)
{
	memset(cli, 0, sizeof(*cli));
	cli->ropts.bold_leads = 1;
	cli->popts.read.max_depth = 128;
	cli->filter.include = cli->include;
	cli->filter.exclude = cli->exclude;
}

void
cli_free(struct cli *cli)
{
	render_opts_free(&cli->ropts);
	buf_free(&cli->option_file);
	resource_paths_free(cli->resource_paths);
	file_ids_free(&cli->inputs);
	script_conv_close(cli->convert);
}

/*
 * A writer's file option (--cover, --reference-doc, --template): a
 * regular file (not a FIFO or device) of at most max bytes.
 */
static int
load_option_file(const char *opt, const char *path, size_t max,
    struct buf *b)
{
	struct buf	 name = BUF_INIT;
	const char	*why;

	buf_truncate(b, 0);
	if (resource_read_regular(path, max, b, &why) != 0) {
		fprintf(stderr, "%s: %s: %s (%s, at most %zu MB)\n", progname,
		    shown(&name, path), why, opt, max >> 20);
		buf_free(&name);
		return -1;
	}
	buf_free(&name);
	return 0;
}

static long
parse_long(const char *s, long min, long max)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || n < min || n > max)
		return min - 1;
	return n;
}

/*
 * For the options that take one of two words: sets *second to whether arg
 * is the second.  Returns GO_ON or EXIT_USAGE.
 */
static int
one_of(const char *opt, const char *arg, const char *first,
    const char *second_word, int *second)
{
	if (strcmp(arg, first) == 0)
		*second = 0;
	else if (strcmp(arg, second_word) == 0)
		*second = 1;
	else
		return usage_error("%s takes %s or %s, not \"%s\"", opt, first,
		    second_word, arg);
	return GO_ON;
}

/*
 * The handlers, one per option that takes a value or does more than set a
 * flag.  Each returns GO_ON or an exit status.
 */

/* Parses "-t md,epub" into cli->formats. */
static int
opt_to(struct cli *cli, const char *arg)
{
	char	*copy = xstrdup(arg), *tok, *save = NULL;
	const struct writer *w;
	size_t	 i;
	int	 rc = GO_ON;

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
opt_output(struct cli *cli, const char *arg)
{
	cli->output = arg;
	return GO_ON;
}

static int
opt_from(struct cli *cli, const char *arg)
{
	if (strcmp(arg, "auto") == 0)
		cli->popts.reader = NULL;
	else if ((cli->popts.reader = reader_find(arg)) == NULL)
		return usage_error("unknown reader \"%s\"", arg);
	return GO_ON;
}

static int
opt_meta(struct cli *cli, const char *arg)
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
	return GO_ON;
}

static int
opt_encoding(struct cli *cli, const char *arg)
{
	cli->popts.read.encoding = arg;
	return GO_ON;
}

static int
opt_outline(struct cli *cli, const char *arg)
{
	int	 none = 0;

	if (one_of("--outline", arg, "auto", "none", &none) != GO_ON)
		return EXIT_USAGE;
	cli->popts.read.outline.mode = none ? OUTLINE_NONE : OUTLINE_AUTO;
	return GO_ON;
}

static int
opt_levels(struct cli *cli, const char *arg)
{
	char	 reason[160];

	if (outline_levels_check(arg, reason, sizeof(reason)) != 0)
		return usage_error("--levels: %s", reason);
	cli->popts.read.outline.levels = arg;
	return GO_ON;
}

static int
opt_points(struct cli *cli, const char *arg)
{
	int	 split = 0;

	if (one_of("--points", arg, "inline", "split", &split) != GO_ON)
		return EXIT_USAGE;
	cli->ropts.points = split ? POINTS_SPLIT : POINTS_INLINE;
	return GO_ON;
}

static int
opt_leads(struct cli *cli, const char *arg)
{
	int	 plain = 0;

	if (one_of("--leads", arg, "bold", "plain", &plain) != GO_ON)
		return EXIT_USAGE;
	cli->ropts.bold_leads = !plain;
	return GO_ON;
}

static int
opt_lang(struct cli *cli, const char *arg)
{
	cli->ropts.lang = arg;
	return GO_ON;
}

static int
opt_convert(struct cli *cli, const char *arg)
{
	char	 reason[256];

	script_conv_close(cli->convert);
	cli->popts.convert = NULL;
	if ((cli->convert = script_conv_open(arg, reason, sizeof(reason))) ==
	    NULL)
		return usage_error("--convert: %s (takes s2t, t2s, s2tw, tw2s, "
		    "s2hk, hk2s, s2twp or tw2sp)", reason);
	cli->popts.convert = cli->convert;
	return GO_ON;
}

static int
opt_resource_path(struct cli *cli, const char *arg)
{
	const char	*why;
	char		*bad;
	int		 rc;

	if (cli->resource_paths == NULL)
		cli->resource_paths = resource_paths_new();
	if (resource_paths_add(cli->resource_paths, arg, &bad, &why) != 0) {
		rc = usage_error("--resource-path: %s: %s", bad, why);
		free(bad);
		return rc;
	}
	return GO_ON;
}

static int
opt_jobs(struct cli *cli, const char *arg)
{
	if ((cli->jobs = parse_long(arg, 1, 1024)) < 1)
		return usage_error("-j takes 1 to 1024, not \"%s\"", arg);
	return GO_ON;
}

static int
opt_files_from(struct cli *cli, const char *arg)
{
	cli->files_from = arg;
	return GO_ON;
}

static int
opt_include(struct cli *cli, const char *arg)
{
	if (cli->filter.ninclude == MAX_PATTERNS)
		return usage_error("too many --include");
	cli->include[cli->filter.ninclude++] = arg;
	return GO_ON;
}

static int
opt_exclude(struct cli *cli, const char *arg)
{
	if (cli->filter.nexclude == MAX_PATTERNS)
		return usage_error("too many --exclude");
	cli->exclude[cli->filter.nexclude++] = arg;
	return GO_ON;
}

static int
opt_order(struct cli *cli, const char *arg)
{
	return one_of("--order", arg, "name", "date", &cli->order_date) !=
	    GO_ON ? EXIT_USAGE : GO_ON;
}

static int
opt_shard(struct cli *cli, const char *arg)
{
	if (sscanf(arg, "%u/%u", &cli->shard_k, &cli->shard_n) != 2 ||
	    cli->shard_n == 0 || cli->shard_k < 1 ||
	    cli->shard_k > cli->shard_n)
		return usage_error("--shard takes K/N with 1 <= K <= N, not "
		    "\"%s\"", arg);
	return GO_ON;
}

/*
 * --list-formats: the names; =long: also, tab-separated, the extension,
 * "zip" or "text" and the zip entries that hold the text ("-" for text),
 * for scripts (the tests unpack and extract by it).
 */
static int
opt_list_formats(struct cli *cli, const char *arg)
{
	const struct writer *w;
	size_t	 i;

	(void)cli;
	if (arg != NULL && strcmp(arg, "long") != 0)
		return usage_error("--list-formats takes nothing or =long, "
		    "not \"%s\"", arg);
	for (i = 0; (w = writers[i]) != NULL; i++)
		if (arg == NULL)
			printf("%s\n", w->name);
		else
			printf("%s\t%s\t%s\t%s\n", w->name, w->extension,
			    w->zip ? "zip" : "text", w->zip &&
			    w->text_parts != NULL ? w->text_parts : "-");
	return EXIT_OK;
}

static int
opt_help_man(struct cli *cli, const char *arg)
{
	(void)cli;
	(void)arg;
	man_options(stdout);
	return EXIT_OK;
}

/*
 * A writer's option: checked and stored by writer_option_set*() in the
 * writer's options, with the command line's own messages.
 */
static int
opt_writer(struct cli *cli, size_t k, const char *arg)
{
	const struct writer_option *opt = wopt_list[k];
	struct buf	 b = BUF_INIT;
	int		 rc = GO_ON;

	buf_printf(&b, "--%s", opt->name);
	if (opt->kind == WOPT_FILE) {
		if (load_option_file(b.ptr, arg, opt->max_size,
		    &cli->option_file) != 0)
			rc = EXIT_USAGE;
		else if (writer_option_set_bytes(&cli->ropts, opt->name,
		    cli->option_file.ptr, cli->option_file.len) != 0) {
			if (errno == ENOMEM)
				alloc_fail();
			rc = usage_error("%s: --%s takes %s", arg, opt->name,
			    opt->takes);
		} else
			cli->option_files[k] = arg;
		buf_truncate(&cli->option_file, 0);
	} else if (writer_option_set(&cli->ropts, opt->name,
	    opt->kind == WOPT_FLAG ? NULL : arg) != 0) {
		if (errno == ENOMEM)
			alloc_fail();
		if (opt->kind == WOPT_WORD)
			words_of(opt, &b);
		else if (opt->takes != NULL) {
			buf_truncate(&b, 0);
			buf_puts(&b, opt->takes);
		} else {
			buf_truncate(&b, 0);
			buf_printf(&b, "%ld to %ld", opt->min, opt->max);
		}
		rc = usage_error("--%s takes %s, not \"%s\"", opt->name, b.ptr,
		    arg);
	}
	buf_free(&b);
	return rc;
}

static int
opt_help(struct cli *cli, const char *arg)
{
	(void)cli;
	(void)arg;
	usage(stdout);
	return EXIT_OK;
}

static int
opt_version(struct cli *cli, const char *arg)
{
	(void)cli;
	(void)arg;
	printf("artconv %s\nEPUB cover: %s\n", ARTCONV_VERSION,
	    writer_cover_engine());
	return EXIT_OK;
}

static const struct {
	int	 code;
	int	(*handle)(struct cli *, const char *);
} handlers[] = {
	{ 't', opt_to },
	{ 'o', opt_output },
	{ 'f', opt_from },
	{ 'M', opt_meta },
	{ OPT_ENCODING, opt_encoding },
	{ OPT_OUTLINE, opt_outline },
	{ OPT_LEVELS, opt_levels },
	{ OPT_POINTS, opt_points },
	{ OPT_LEADS, opt_leads },
	{ OPT_LANG, opt_lang },
	{ OPT_CONVERT, opt_convert },
	{ OPT_RESOURCE_PATH, opt_resource_path },
	{ 'j', opt_jobs },
	{ OPT_FILES_FROM, opt_files_from },
	{ OPT_INCLUDE, opt_include },
	{ OPT_EXCLUDE, opt_exclude },
	{ OPT_ORDER, opt_order },
	{ OPT_SHARD, opt_shard },
	{ OPT_LIST_FORMATS, opt_list_formats },
	{ 'h', opt_help },
	{ OPT_VERSION, opt_version },
	{ OPT_HELP_MAN, opt_help_man }
};

/* The options that only set an int of struct cli. */
static const struct {
	int	 code;
	size_t	 offset;
	int	 value;
} flags[] = {
	{ OPT_KEEP_PUNCT, offsetof(struct cli, popts.keep_punctuation), 1 },
	{ OPT_IMAGES, offsetof(struct cli, ropts.embed_images), 1 },
	{ OPT_NOW, offsetof(struct cli, now), 1 },
	{ OPT_FORCE, offsetof(struct cli, force), 1 },
	{ OPT_SYNC, offsetof(struct cli, sync), 1 },
	{ '0', offsetof(struct cli, nul), 1 },
	{ OPT_HIDDEN, offsetof(struct cli, filter.hidden), 1 },
	{ OPT_UPDATE, offsetof(struct cli, update), 1 },
	{ OPT_FAIL_FAST, offsetof(struct cli, fail_fast), 1 },
	{ OPT_KEEP_GOING, offsetof(struct cli, fail_fast), 0 },
	{ OPT_COMBINE, offsetof(struct cli, combine), 1 },
	{ 'q', offsetof(struct cli, quiet), 1 },
	{ 'v', offsetof(struct cli, verbose), 1 }
};

/* One option c (getopt's code) with its argument arg. */
static int
handle_option(struct cli *cli, int c, const char *arg)
{
	size_t	 i;

	if (c >= OPT_WRITER && (size_t)(c - OPT_WRITER) < nwopt)
		return opt_writer(cli, (size_t)(c - OPT_WRITER), arg);
	for (i = 0; i < NELEM(flags); i++)
		if (flags[i].code == c) {
			*(int *)(void *)((char *)cli + flags[i].offset) =
			    flags[i].value;
			return GO_ON;
		}
	for (i = 0; i < NELEM(handlers); i++)
		if (handlers[i].code == c)
			return handlers[i].handle(cli, arg);
	fprintf(stderr, "%s: try 'artconv --help'\n", progname);
	return EXIT_USAGE;
}

int
parse_options(struct cli *cli, int argc, char *argv[])
{
	struct option	*all;
	size_t		 n = NELEM(fixed_options) - 1, k;
	int		 c, rc = GO_ON;

	/* The getopt table: the general options, then the writers'. */
	list_writer_options();
	all = xreallocarray(NULL, n + nwopt + 1, sizeof(*all));
	memcpy(all, fixed_options, n * sizeof(*all));
	for (k = 0; k < nwopt; k++) {
		all[n + k].name = wopt_list[k]->name;
		all[n + k].has_arg = wopt_list[k]->kind == WOPT_FLAG ?
		    no_argument : required_argument;
		all[n + k].flag = NULL;
		all[n + k].val = OPT_WRITER + (int)k;
	}
	memset(&all[n + nwopt], 0, sizeof(*all));
	while ((c = getopt_long(argc, argv, "t:o:f:M:j:0qvh", all,
	    NULL)) != -1)
		if ((rc = handle_option(cli, c, optarg)) != GO_ON)
			break;
	free(all);
	return rc;
}

int
settle_options(struct cli *cli, int ninputs, int folders)
{
	long	 n;
	int	 rc;

	if ((rc = outpath_settle(cli, ninputs, folders)) != GO_ON)
		return rc;
	if (!cli->now && repro_source_date_epoch(&cli->ropts.timestamp))
		cli->source_epoch = 1;
	if (cli->now)
		cli->ropts.timestamp = time(NULL);
	if (cli->jobs == 0) {
		n = sysconf(_SC_NPROCESSORS_ONLN);
		cli->jobs = n > 0 ? n : 1;
	}
	return GO_ON;
}
