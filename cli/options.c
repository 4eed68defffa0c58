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
	    "      --wrap N            txt: wrap at N columns (default: none)\n"
	    "      --lang TAG          language tag (default: detected zh-CN or\n"
	    "                          zh-TW, or the --convert target's)\n"
	    "      --keep-punctuation  do not repair ASCII punctuation\n"
	    "      --convert CONV      Simplified/Traditional Chinese through\n"
	    "                          OpenCC: s2t t2s s2tw tw2s s2hk hk2s\n"
	    "                          s2twp tw2sp (tw/hk: regional forms;\n"
	    "                          twp/tw2sp: also Taiwan vocabulary)\n"
	    "      --docx-style STYLE  official (GB/T 9704, default) or plain\n"
	    "      --reference-doc F   take DOCX styles from Word file F\n"
	    "      --toc               DOCX: insert a table of contents\n"
	    "      --cover IMAGE       EPUB: JPEG or PNG cover image\n"
	    "      --vertical          EPUB: vertical text (竖排), columns and\n"
	    "                          pages from right to left\n"
	    "      --svg-cover         EPUB: generated cover as SVG, not PNG\n"
	    "                          (bytes independent of installed fonts)\n"
	    "      --template FILE     HTML: the page around the article ($title$,\n"
	    "                          $body$, $toc$ ..., see the manual)\n"
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
	    "      --shard K/N         convert only share K of N (stable by path)\n"
	    "\n"
	    "      --list-formats      print the output formats\n"
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
	OPT_WRAP,
	OPT_LANG,
	OPT_KEEP_PUNCT,
	OPT_CONVERT,
	OPT_DOCX_STYLE,
	OPT_REFERENCE_DOC,
	OPT_TOC,
	OPT_COVER,
	OPT_VERTICAL,
	OPT_SVG_COVER,
	OPT_TEMPLATE,
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
	OPT_VERSION
};

static const struct option long_options[] = {
	{ "to", required_argument, NULL, 't' },
	{ "output", required_argument, NULL, 'o' },
	{ "from", required_argument, NULL, 'f' },
	{ "meta", required_argument, NULL, 'M' },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "outline", required_argument, NULL, OPT_OUTLINE },
	{ "levels", required_argument, NULL, OPT_LEVELS },
	{ "points", required_argument, NULL, OPT_POINTS },
	{ "leads", required_argument, NULL, OPT_LEADS },
	{ "wrap", required_argument, NULL, OPT_WRAP },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "keep-punctuation", no_argument, NULL, OPT_KEEP_PUNCT },
	{ "convert", required_argument, NULL, OPT_CONVERT },
	{ "docx-style", required_argument, NULL, OPT_DOCX_STYLE },
	{ "reference-doc", required_argument, NULL, OPT_REFERENCE_DOC },
	{ "toc", no_argument, NULL, OPT_TOC },
	{ "cover", required_argument, NULL, OPT_COVER },
	{ "vertical", no_argument, NULL, OPT_VERTICAL },
	{ "svg-cover", no_argument, NULL, OPT_SVG_COVER },
	{ "template", required_argument, NULL, OPT_TEMPLATE },
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
	{ "list-formats", no_argument, NULL, OPT_LIST_FORMATS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

void
cli_init(struct cli *cli)
{
	memset(cli, 0, sizeof(*cli));
	buf_init(&cli->reference_doc);
	buf_init(&cli->html_template);
	buf_init(&cli->cover);
	cli->ropts.bold_leads = 1;
	cli->popts.read.max_depth = 128;
	cli->filter.include = cli->include;
	cli->filter.exclude = cli->exclude;
}

void
cli_free(struct cli *cli)
{
	buf_free(&cli->reference_doc);
	buf_free(&cli->html_template);
	buf_free(&cli->cover);
	resource_paths_free(cli->resource_paths);
	file_ids_free(&cli->inputs);
	script_conv_close(cli->convert);
}

/*
 * --cover, --reference-doc and --template: a regular file (not a FIFO or
 * device) of at most max bytes.
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
opt_wrap(struct cli *cli, const char *arg)
{
	long	 n = parse_long(arg, 0, 10000);

	if (n < 0 || (n > 0 && n < 8))
		return usage_error("--wrap takes 0 or a width of 8 to 10000 "
		    "columns, not \"%s\"", arg);
	cli->ropts.wrap = (size_t)n;
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
opt_docx_style(struct cli *cli, const char *arg)
{
	int	 plain = 0;

	if (one_of("--docx-style", arg, "official", "plain", &plain) != GO_ON)
		return EXIT_USAGE;
	cli->ropts.docx_style = plain ? DOCX_PLAIN : DOCX_OFFICIAL;
	return GO_ON;
}

static int
opt_reference_doc(struct cli *cli, const char *arg)
{
	if (load_option_file("--reference-doc", arg, MAX_REFERENCE_DOC,
	    &cli->reference_doc) != 0)
		return EXIT_USAGE;
	if (cli->reference_doc.len < 4 ||
	    memcmp(cli->reference_doc.ptr, "PK\3\4", 4) != 0)
		return usage_error("%s: --reference-doc takes a Word file "
		    "(.docx)", arg);
	cli->reference_path = arg;
	cli->ropts.reference_doc.ptr = cli->reference_doc.ptr;
	cli->ropts.reference_doc.len = cli->reference_doc.len;
	return GO_ON;
}

static int
opt_template(struct cli *cli, const char *arg)
{
	if (load_option_file("--template", arg, TEMPLATE_MAX,
	    &cli->html_template) != 0)
		return EXIT_USAGE;
	cli->ropts.html_template.ptr = cli->html_template.ptr;
	cli->ropts.html_template.len = cli->html_template.len;
	return GO_ON;
}

static int
opt_cover(struct cli *cli, const char *arg)
{
	if (load_option_file("--cover", arg, RESOURCE_MAX_IMAGE,
	    &cli->cover) != 0)
		return EXIT_USAGE;
	cli->cover_path = arg;
	cli->ropts.cover_type = writer_image_type(cli->cover.ptr,
	    cli->cover.len);
	if (cli->ropts.cover_type == NULL ||
	    strcmp(cli->ropts.cover_type, "image/gif") == 0)
		return usage_error("%s: --cover takes a JPEG or PNG image",
		    arg);
	cli->ropts.cover.ptr = cli->cover.ptr;
	cli->ropts.cover.len = cli->cover.len;
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

static int
opt_list_formats(struct cli *cli, const char *arg)
{
	size_t	 i;

	(void)cli;
	(void)arg;
	for (i = 0; writers[i] != NULL; i++)
		printf("%s\n", writers[i]->name);
	return EXIT_OK;
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
	{ OPT_WRAP, opt_wrap },
	{ OPT_LANG, opt_lang },
	{ OPT_CONVERT, opt_convert },
	{ OPT_DOCX_STYLE, opt_docx_style },
	{ OPT_REFERENCE_DOC, opt_reference_doc },
	{ OPT_TEMPLATE, opt_template },
	{ OPT_COVER, opt_cover },
	{ OPT_RESOURCE_PATH, opt_resource_path },
	{ 'j', opt_jobs },
	{ OPT_FILES_FROM, opt_files_from },
	{ OPT_INCLUDE, opt_include },
	{ OPT_EXCLUDE, opt_exclude },
	{ OPT_ORDER, opt_order },
	{ OPT_SHARD, opt_shard },
	{ OPT_LIST_FORMATS, opt_list_formats },
	{ 'h', opt_help },
	{ OPT_VERSION, opt_version }
};

/* The options that only set an int of struct cli. */
static const struct {
	int	 code;
	size_t	 offset;
	int	 value;
} flags[] = {
	{ OPT_KEEP_PUNCT, offsetof(struct cli, popts.keep_punctuation), 1 },
	{ OPT_TOC, offsetof(struct cli, ropts.toc), 1 },
	{ OPT_SVG_COVER, offsetof(struct cli, ropts.svg_cover), 1 },
	{ OPT_IMAGES, offsetof(struct cli, ropts.embed_images), 1 },
	{ OPT_VERTICAL, offsetof(struct cli, ropts.vertical), 1 },
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
	int	 c, rc;

	while ((c = getopt_long(argc, argv, "t:o:f:M:j:0qvh", long_options,
	    NULL)) != -1)
		if ((rc = handle_option(cli, c, optarg)) != GO_ON)
			return rc;
	return GO_ON;
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
