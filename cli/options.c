/*
 * The options: the getopt table, --help (its readers, formats and their
 * options come from the library: ac_reader_*, ac_format_*), one small
 * handler per option, and the checks and defaults once all are read.
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

#include <fcntl.h>

#include "artconv.h"
#include "files.h"
#include "options.h"
#include "outpath.h"
#include "util.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const char *const progname = "artconv";

const char *
shown(struct sbuf *b, const char *path)
{
	sb_truncate(b, 0);
	display_escape(b, path, strlen(path));
	return sb_str(b);
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

ac_status
check_nomem(ac_status st)
{
	if (st == AC_ERR_NOMEM)
		die_nomem();
	return st;
}

/* One option of a format, as the library lists them. */
struct wopt {
	const ac_format	*f;
	size_t		 i;
};

/* What a good value of a word option is: "a, b or c". */
static void
words_of(const struct wopt *o, struct sbuf *b)
{
	const char	*w;
	size_t		 k;

	sb_truncate(b, 0);
	for (k = 0; (w = ac_format_option_word(o->f, o->i, k)) != NULL; k++) {
		if (k > 0)
			sb_puts(b, ac_format_option_word(o->f, o->i, k + 1) !=
			    NULL ? ", " : " or ");
		sb_puts(b, w);
	}
}

/*
 * f's options for --help, under a heading: the option and its value's
 * name in 26 columns, then the help text's lines.
 */
static void
format_usage(FILE *f, const ac_format *fmt)
{
	const char	*h, *nl, *arg;
	size_t		 i;
	int		 n;

	if (ac_format_option_count(fmt) == 0)
		return;
	fprintf(f, "\n%s options:\n", ac_format_name(fmt));
	for (i = 0; i < ac_format_option_count(fmt); i++) {
		arg = ac_format_option_arg(fmt, i);
		n = fprintf(f, "      --%s%s%s", ac_format_option_name(fmt, i),
		    arg != NULL ? " " : "", arg != NULL ? arg : "");
		if (n > 24)
			fprintf(f, "\n%26s", "");
		else
			fprintf(f, "%*s", 26 - n, "");
		for (h = ac_format_option_help(fmt, i);
		    (nl = strchr(h, '\n')) != NULL; h = nl + 1)
			fprintf(f, "%.*s\n%26s", (int)(nl - h), h, "");
		fprintf(f, "%s\n", h);
	}
}

/*
 * The man page's section on the formats' options (mdoc), which "make
 * man" puts into artconv.1 between its GENERATED markers.
 */
static void
man_options(FILE *f)
{
	const ac_format	*fmt;
	const char	*a, *w;
	size_t		 i, j, k;

	for (i = 0; (fmt = ac_format_at(i)) != NULL; i++) {
		if (ac_format_option_count(fmt) == 0)
			continue;
		fprintf(f, ".Ss Options for %s\n"
		    "These only change %s output.\n"
		    ".Bl -tag -width Ds\n", ac_format_name(fmt),
		    ac_format_name(fmt));
		for (j = 0; j < ac_format_option_count(fmt); j++) {
			fprintf(f, ".It Fl -%s", ac_format_option_name(fmt, j));
			if (ac_format_option_kind(fmt, j) == AC_OPTION_WORD)
				for (k = 0; (w = ac_format_option_word(fmt, j,
				    k)) != NULL; k++)
					fprintf(f, "%s%s", k > 0 ? " | " :
					    " Cm ", w);
			else if ((a = ac_format_option_arg(fmt, j)) != NULL) {
				fputs(" Ar ", f);
				for (; *a != '\0'; a++)
					fputc(*a >= 'A' && *a <= 'Z' ?
					    *a - 'A' + 'a' : *a, f);
			}
			fprintf(f, "\n%s\n", ac_format_option_man(fmt, j));
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
	for (i = 0; i < ac_reader_count(); i++)
		fprintf(f, "|%s", ac_reader_name(ac_reader_at(i)));
	fprintf(f, " (default auto)\n"
	    "      --encoding NAME     input encoding (default: detect)\n"
	    "      --outline MODE      auto (default) or none: paragraphs\n"
	    "                          only, no headings, lists or points\n"
	    "      --levels LIST       these markers are the heading\n"
	    "                          levels, in order, e.g. '一、,（一）,1.',\n"
	    "                          '1,1.1' (clause numbers) or '第一'\n"
	    "                          (第一，… sentences); nothing else is\n"
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
	for (i = 0; i < ac_format_count(); i++)
		format_usage(f, ac_format_at(i));
	fprintf(f, "\n"
	    "information:\n"
	    "      --list-formats[=long]\n"
	    "                          print the output formats (=long: with\n"
	    "                          extension, zip or text, text parts)\n"
	    "  -h, --help              this help\n"
	    "      --version           print the version\n"
	    "\n"
	    "formats:\n");
	for (i = 0; i < ac_format_count(); i++)
		fprintf(f, "  %-13s %s\n", ac_format_name(ac_format_at(i)),
		    ac_format_description(ac_format_at(i)));
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
	/* The formats' options: OPT_WRITER + their place in wopt_list. */
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

/* Every format's options, in the library's order, each name once. */
static struct wopt wopt_list[MAX_WRITER_OPTIONS];
static size_t nwopt;

/* Fills wopt_list (once). */
static void
list_writer_options(void)
{
	const ac_format	*f;
	size_t		 i, j, k;

	if (nwopt > 0)
		return;
	for (i = 0; (f = ac_format_at(i)) != NULL; i++)
		for (j = 0; j < ac_format_option_count(f); j++) {
			for (k = 0; k < nwopt && strcmp(ac_format_option_name(
			    wopt_list[k].f, wopt_list[k].i),
			    ac_format_option_name(f, j)) != 0; k++)
				;
			/* tests/test_writer_options.c: never full. */
			if (k == nwopt && nwopt < NELEM(wopt_list)) {
				wopt_list[nwopt].f = f;
				wopt_list[nwopt++].i = j;
			}
		}
}

void
cli_init(struct cli *cli)
{
	memset(cli, 0, sizeof(*cli));
	if ((cli->read = ac_read_options_new()) == NULL ||
	    (cli->render = ac_render_options_new()) == NULL)
		die_nomem();
	cli->filter.include = cli->include;
	cli->filter.exclude = cli->exclude;
}

void
cli_free(struct cli *cli)
{
	size_t	 i;

	ac_read_options_free(cli->read);
	ac_render_options_free(cli->render);
	free(cli->settings);
	for (i = 0; i < cli->nowned; i++)
		free(cli->owned[i]);
	free(cli->owned);
	for (i = 0; i < MAX_WRITER_OPTIONS; i++)
		sb_free(&cli->option_bytes[i]);
	file_ids_free(&cli->inputs);
}

/*
 * A format's file option (--cover, --reference-doc, --template): a
 * regular file (not a FIFO or device) of at most max bytes.
 */
static int
load_option_file(const char *opt, const char *path, size_t max,
    struct sbuf *b)
{
	struct sbuf	 name = SBUF_INIT;
	const char	*why;

	sb_truncate(b, 0);
	if (read_whole(path, max, READ_REGULAR, b, &why) != 0) {
		fprintf(stderr, "%s: %s: %s (%s, at most %zu MB)\n", progname,
		    shown(&name, path), why, opt, max >> 20);
		sb_free(&name);
		return -1;
	}
	sb_free(&name);
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
 * The settings: each option that sets up reading or rendering is checked
 * by its handler, applied to cli->read and cli->render, and kept so that
 * read_options_for_stdin() and render_options_for() can apply it again.
 */

/* Applies s to ro and rn (either may be NULL).  Returns the status. */
static ac_status
apply(const struct cli *cli, const struct setting *s, ac_read_options *ro,
    ac_render_options *rn, ac_diags *d)
{
	const struct wopt *o;
	const char	*eq;
	char		*key;
	ac_status	 st = AC_OK;

	if (s->code >= OPT_WRITER) {
		o = &wopt_list[s->code - OPT_WRITER];
		if (rn == NULL)
			return AC_OK;
		if (ac_format_option_kind(o->f, o->i) == AC_OPTION_FILE)
			return ac_render_options_set_bytes(rn,
			    ac_format_option_name(o->f, o->i),
			    sb_str(&cli->option_bytes[s->code - OPT_WRITER]),
			    cli->option_bytes[s->code - OPT_WRITER].len);
		return ac_render_options_set(rn, ac_format_option_name(o->f,
		    o->i), ac_format_option_kind(o->f, o->i) ==
		    AC_OPTION_FLAG ? NULL : s->arg);
	}
	if (ro != NULL)
		switch (s->code) {
		case 'f':
			return ac_read_options_set_reader(ro, s->arg);
		case 'M':
			eq = strchr(s->arg, '=');
			key = estrndup(s->arg, (size_t)(eq - s->arg));
			st = ac_read_options_set_meta(ro, key, eq + 1);
			free(key);
			return st;
		case OPT_ENCODING:
			return ac_read_options_set_encoding(ro, s->arg);
		case OPT_OUTLINE:
			return ac_read_options_set_outline(ro,
			    strcmp(s->arg, "none") == 0 ? AC_OUTLINE_NONE :
			    AC_OUTLINE_AUTO);
		case OPT_LEVELS:
			return ac_read_options_set_levels(ro, s->arg);
		case OPT_KEEP_PUNCT:
			return ac_read_options_set_typography(ro, 0);
		case OPT_CONVERT:
			return ac_read_options_set_convert(ro, s->arg, d);
		case OPT_IMAGES:
			st = ac_read_options_set_images(ro, 1);
			break;
		}
	if (rn != NULL && st == AC_OK)
		switch (s->code) {
		case OPT_POINTS:
			return ac_render_options_set_points(rn,
			    strcmp(s->arg, "split") == 0 ? AC_POINTS_SPLIT :
			    AC_POINTS_INLINE);
		case OPT_LEADS:
			return ac_render_options_set_bold_leads(rn,
			    strcmp(s->arg, "plain") != 0);
		case OPT_LANG:
			return ac_render_options_set_lang(rn, s->arg);
		case OPT_IMAGES:
			return ac_render_options_set_images(rn, 1);
		case OPT_RESOURCE_PATH:
			return ac_render_options_add_resource_path(rn, s->arg);
		}
	return st;
}

/*
 * Applies the option to cli->read and cli->render and keeps it.  Returns
 * the status (AC_ERR_NOMEM ends the program), with the library's reason
 * appended to d (which may be NULL).
 */
static ac_status
set(struct cli *cli, int code, const char *arg, ac_diags *d)
{
	struct setting	 s;
	ac_status	 st;

	s.code = code;
	s.arg = arg;
	if ((st = check_nomem(apply(cli, &s, cli->read, cli->render, d))) !=
	    AC_OK)
		return st;
	cli->settings = ereallocarray(cli->settings, cli->nsettings + 1,
	    sizeof(*cli->settings));
	cli->settings[cli->nsettings++] = s;
	return AC_OK;
}

/* The last error d holds, or what. */
static const char *
reason(const ac_diags *d, const char *what)
{
	size_t	 i;

	for (i = ac_diags_count(d); i-- > 0;)
		if (ac_diags_level(d, i) == AC_ERROR)
			return ac_diags_text(d, i);
	return what;
}

/* Applies every setting kept to ro and rn (either may be NULL). */
static void
replay(const struct cli *cli, ac_read_options *ro, ac_render_options *rn)
{
	size_t	 i;

	for (i = 0; i < cli->nsettings; i++)
		check_nomem(apply(cli, &cli->settings[i], ro, rn, NULL));
}

ac_read_options *
read_options_for_stdin(const struct cli *cli)
{
	ac_read_options	*o;

	if ((o = ac_read_options_new()) == NULL)
		die_nomem();
	replay(cli, o, NULL);
	check_nomem(ac_read_options_set_fallback_title(o, "stdin"));
	return o;
}

ac_render_options *
render_options_for(const struct cli *cli, const char *base)
{
	ac_render_options *o;

	if ((o = ac_render_options_new()) == NULL)
		die_nomem();
	replay(cli, NULL, o);
	if (cli->now)
		check_nomem(ac_render_options_set_time(o, AC_TIME_FIXED,
		    cli->now_time));
	check_nomem(ac_render_options_set_resource_base(o, base));
	return o;
}

/*
 * The handlers, one per option that takes a value or does more than set a
 * flag.  Each returns GO_ON or an exit status.
 */

/* Parses "-t md,epub" into cli->formats. */
static int
opt_to(struct cli *cli, const char *arg)
{
	char		*copy = estrdup(arg), *tok, *save = NULL;
	const ac_format	*f;
	size_t		 i;
	int		 rc = GO_ON;

	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if ((f = ac_format_find(tok)) == NULL) {
			rc = usage_error("unknown format \"%s\" (see "
			    "--list-formats)", tok);
			break;
		}
		for (i = 0; i < cli->nformats && cli->formats[i] != f; i++)
			;
		if (i < cli->nformats)
			continue;
		if (cli->nformats == MAX_FORMATS) {
			rc = usage_error("too many formats");
			break;
		}
		cli->formats[cli->nformats++] = f;
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
	if (set(cli, 'f', arg, NULL) != AC_OK)
		return usage_error("unknown reader \"%s\"", arg);
	return GO_ON;
}

static int
opt_meta(struct cli *cli, const char *arg)
{
	const char	*eq = strchr(arg, '=');

	if (eq == NULL)
		return usage_error("-M needs KEY=VALUE, not \"%s\"", arg);
	if (set(cli, 'M', arg, NULL) != AC_OK)
		return usage_error("unknown metadata key in \"%s\"", arg);
	if (eq - arg == 5 && strncmp(arg, "title", 5) == 0)
		cli->title = eq + 1;
	return GO_ON;
}

static int
opt_encoding(struct cli *cli, const char *arg)
{
	set(cli, OPT_ENCODING, arg, NULL);
	return GO_ON;
}

/* An option taking one of two words: checked, then set. */
static int
two_words(struct cli *cli, int code, const char *opt, const char *arg,
    const char *first, const char *second)
{
	int	 which;

	if (one_of(opt, arg, first, second, &which) != GO_ON)
		return EXIT_USAGE;
	set(cli, code, arg, NULL);
	return GO_ON;
}

static int
opt_outline(struct cli *cli, const char *arg)
{
	return two_words(cli, OPT_OUTLINE, "--outline", arg, "auto", "none");
}

static int
opt_levels(struct cli *cli, const char *arg)
{
	ac_diags	*d = ac_diags_new();
	int		 rc = GO_ON;

	if (d == NULL)
		die_nomem();
	if (check_nomem(ac_levels_check(arg, d)) != AC_OK)
		rc = usage_error("--levels: %s", reason(d, "invalid"));
	else
		set(cli, OPT_LEVELS, arg, NULL);
	ac_diags_free(d);
	return rc;
}

static int
opt_points(struct cli *cli, const char *arg)
{
	return two_words(cli, OPT_POINTS, "--points", arg, "inline", "split");
}

static int
opt_leads(struct cli *cli, const char *arg)
{
	return two_words(cli, OPT_LEADS, "--leads", arg, "bold", "plain");
}

static int
opt_lang(struct cli *cli, const char *arg)
{
	set(cli, OPT_LANG, arg, NULL);
	return GO_ON;
}

static int
opt_keep_punct(struct cli *cli, const char *arg)
{
	set(cli, OPT_KEEP_PUNCT, arg, NULL);
	return GO_ON;
}

static int
opt_images(struct cli *cli, const char *arg)
{
	set(cli, OPT_IMAGES, arg, NULL);
	cli->images = 1;
	return GO_ON;
}

/*
 * The library takes "none" for no conversion; artconv never did, and
 * names it as an unknown conversion, as before.
 */
static int
opt_convert(struct cli *cli, const char *arg)
{
	ac_diags	*d = ac_diags_new();
	int		 rc = GO_ON;

	if (d == NULL)
		die_nomem();
	if (strcmp(arg, "none") == 0)
		rc = usage_error("--convert: unknown conversion \"none\" "
		    "(takes s2t, t2s, s2tw, tw2s, s2hk, hk2s, s2twp or tw2sp)");
	else if (set(cli, OPT_CONVERT, arg, d) != AC_OK)
		rc = usage_error("--convert: %s (takes s2t, t2s, s2tw, tw2s, "
		    "s2hk, hk2s, s2twp or tw2sp)", reason(d, "cannot open"));
	ac_diags_free(d);
	return rc;
}

/*
 * Each folder on its own, so that a message names the one that cannot be
 * opened, with the reason the library's check met (the same open()).
 */
static int
opt_resource_path(struct cli *cli, const char *arg)
{
	const char	*p;
	char		*dir;
	size_t		 n;
	int		 fd, rc = GO_ON;
	ac_status	 st;

	for (p = arg; *p != '\0' && rc == GO_ON; p += n + (p[n] == ':')) {
		if ((n = strcspn(p, ":")) == 0)
			continue;
		dir = estrndup(p, n);
		if ((st = set(cli, OPT_RESOURCE_PATH, dir, NULL)) == AC_OK) {
			/* Kept: the setting points into it. */
			cli->owned = ereallocarray(cli->owned, cli->nowned + 1,
			    sizeof(*cli->owned));
			cli->owned[cli->nowned++] = dir;
			continue;
		}
#ifdef O_PATH
		fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
#else
		fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
#endif
		rc = usage_error("--resource-path: %s: %s", dir, fd < 0 ?
		    strerror(errno) : ac_strerror(st));
		if (fd >= 0)
			close(fd);
		free(dir);
	}
	return rc;
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
	const ac_format	*f;
	size_t		 i;

	(void)cli;
	if (arg != NULL && strcmp(arg, "long") != 0)
		return usage_error("--list-formats takes nothing or =long, "
		    "not \"%s\"", arg);
	for (i = 0; (f = ac_format_at(i)) != NULL; i++)
		if (arg == NULL)
			printf("%s\n", ac_format_name(f));
		else
			printf("%s\t%s\t%s\t%s\n", ac_format_name(f),
			    ac_format_extension(f), ac_format_is_binary(f) ?
			    "zip" : "text", ac_format_text_parts(f) != NULL ?
			    ac_format_text_parts(f) : "-");
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
 * A format's option: checked and stored by the library, with the command
 * line's own messages.  A file option's bytes are kept for the settings.
 */
static int
opt_writer(struct cli *cli, size_t k, const char *arg)
{
	const struct wopt *o = &wopt_list[k];
	const char	*name = ac_format_option_name(o->f, o->i);
	const char	*takes = ac_format_option_takes(o->f, o->i);
	ac_option_kind	 kind = ac_format_option_kind(o->f, o->i);
	struct sbuf	 b = SBUF_INIT;
	int		 rc = GO_ON;

	sb_printf(&b, "--%s", name);
	if (kind == AC_OPTION_FILE) {
		if (load_option_file(b.ptr, arg, (size_t)ac_format_option_max(
		    o->f, o->i), &cli->option_bytes[k]) != 0)
			rc = EXIT_USAGE;
		else if (set(cli, OPT_WRITER + (int)k, arg, NULL) != AC_OK)
			rc = usage_error("%s: --%s takes %s", arg, name, takes);
		else
			cli->option_files[k] = arg;
		if (rc != GO_ON)
			sb_free(&cli->option_bytes[k]);
	} else if (set(cli, OPT_WRITER + (int)k, arg, NULL) != AC_OK) {
		if (kind == AC_OPTION_WORD)
			words_of(o, &b);
		else if (takes != NULL) {
			sb_truncate(&b, 0);
			sb_puts(&b, takes);
		} else {
			sb_truncate(&b, 0);
			sb_printf(&b, "%ld to %ld", ac_format_option_min(o->f,
			    o->i), ac_format_option_max(o->f, o->i));
		}
		rc = usage_error("--%s takes %s, not \"%s\"", name, b.ptr,
		    arg);
	}
	sb_free(&b);
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
	printf("artconv %s\nEPUB cover: %s\n", AC_VERSION_STRING,
	    ac_cover_engine());
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
	{ OPT_KEEP_PUNCT, opt_keep_punct },
	{ OPT_IMAGES, opt_images },
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

	/* The getopt table: the general options, then the formats'. */
	list_writer_options();
	all = ereallocarray(NULL, n + nwopt + 1, sizeof(*all));
	memcpy(all, fixed_options, n * sizeof(*all));
	for (k = 0; k < nwopt; k++) {
		all[n + k].name = ac_format_option_name(wopt_list[k].f,
		    wopt_list[k].i);
		all[n + k].has_arg = ac_format_option_kind(wopt_list[k].f,
		    wopt_list[k].i) == AC_OPTION_FLAG ? no_argument :
		    required_argument;
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
	/*
	 * --now: one date for the whole run.  Else the library's
	 * AC_TIME_AUTO: SOURCE_DATE_EPOCH, else the article's date.
	 */
	if (cli->now) {
		cli->now_time = (int64_t)time(NULL);
		check_nomem(ac_render_options_set_time(cli->render,
		    AC_TIME_FIXED, cli->now_time));
	}
	if (cli->jobs == 0) {
		n = sysconf(_SC_NPROCESSORS_ONLN);
		cli->jobs = n > 0 ? n : 1;
	}
	return GO_ON;
}
