/*
 * artconv: the command line.  This is the only file that prints; with
 * fileio.c, batch.c and resource.c (the pictures --images reads, confined
 * to the article's folder) it is the only code that touches files.  What it
 * knows about formats comes from the writer registry (formats/registry.c)
 * and the reader list (src/readers.c).
 *
 * One article or a thousand take the same path: the inputs become jobs;
 * workers (-j) convert jobs and keep their messages; the main thread
 * prints each job's messages in input order, shows progress on a
 * terminal, and sums up.  Outputs do not depend on -j.  No output may be
 * one of the run's inputs (cli.inputs, by device and inode).
 */
#include <errno.h>
#include <getopt.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "alloc.h"
#include "artconv.h"
#include "batch.h"
#include "buf.h"
#include "convert_script.h"
#include "diag.h"
#include "doc.h"
#include "escape.h"
#include "fileio.h"
#include "pipeline.h"
#include "reader.h"
#include "repro.h"
#include "resource.h"
#include "writer.h"
#include "pngout.h"
#include "zipout.h"

#define ARTCONV_VERSION AC_VERSION_STRING

/* Exit statuses (documented in the README and artconv.1). */
enum {
	EXIT_OK = 0,
	EXIT_INPUT = 1,		/* an article could not be read or converted */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_OUTPUT = 3		/* an output could not be written */
};

#define MAX_FORMATS 16
#define MAX_REFERENCE_DOC ((size_t)64 << 20)
#define TEMPLATE_MAX ((size_t)4 << 20)	/* --template */
#define MAX_PATTERNS 64

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
	struct batch_filter	 filter;
	const char		*include[MAX_PATTERNS];
	const char		*exclude[MAX_PATTERNS];
	struct buf		 reference_doc, cover, html_template;
	const char		*reference_path, *cover_path;
	struct resource_paths	*resource_paths;	/* --resource-path */
	struct file_ids		 inputs;	/* never replaced by an output */
	struct script_conv	*convert;	/* --convert */
};

/* One article of the run. */
struct job {
	const struct input	*in;
	int			 status;	/* EXIT_* */
	int			 skipped;	/* --update: up to date */
	int			 done;
	struct doc		*doc;		/* kept for --combine */
	struct buf		 log;		/* formatted messages */
	char			*reason;	/* first error, for the summary */
};

struct run {
	struct cli		*cli;
	struct job		*jobs;
	size_t			 njobs;
	size_t			 next;		/* next job to start */
	size_t			 finished;
	int			 stop;		/* --fail-fast tripped */
	pthread_mutex_t		 lock;
	pthread_cond_t		 changed;
};

static const char *progname = "artconv";

static void job_msg(struct job *j, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Messages name files and quote articles: control characters in them are
 * shown escaped, so that each message is one line (esc_display).
 */
static void
job_msg(struct job *j, const char *file, const char *fmt, ...)
{
	va_list		 ap;
	struct buf	 text = BUF_INIT;
	size_t		 start;

	buf_printf(&j->log, "%s: ", progname);
	esc_display(&j->log, file, strlen(file));
	buf_puts(&j->log, ": ");
	start = j->log.len;
	va_start(ap, fmt);
	buf_vprintf(&text, fmt, ap);
	va_end(ap);
	esc_display(&j->log, text.ptr, text.len);
	buf_free(&text);
	if (j->reason == NULL && j->status != EXIT_OK)
		j->reason = xstrdup(j->log.ptr + start);
	buf_putc(&j->log, '\n');
}

/* path as a message shows it: escaped, in b's storage. */
static const char *
shown(struct buf *b, const char *path)
{
	buf_truncate(b, 0);
	esc_display(b, path, strlen(path));
	return b->ptr;
}

/*
 * Copies notes and warnings into the job's log.  Errors are not: the code
 * that saw the failure reports it once, with its context.
 */
static void
job_diag(struct job *j, const char *file, const struct diag *d, int quiet)
{
	size_t	 i;

	for (i = 0; i < d->n; i++) {
		const struct diag_msg *m = &d->msgs[i];

		if ((m->level == DIAG_WARN && quiet) || m->level == DIAG_ERROR)
			continue;
		job_msg(j, file, "%s%s", m->level == DIAG_WARN ? "warning: " :
		    "", m->text);
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

/* Where format w of input in goes; NULL with *why on error. */
static char *
output_path(const struct cli *cli, const struct input *in,
    const struct writer *w, const char **why)
{
	struct buf	 b = BUF_INIT;

	if (cli->output != NULL && !cli->output_dir)
		return xstrdup(cli->output);
	if (cli->output == NULL && cli->nformats == 1) {
		if (w->binary && isatty(STDOUT_FILENO)) {
			*why = "binary output to a terminal; use -o FILE";
			return NULL;
		}
		return xstrdup("-");
	}
	if (cli->output != NULL) {
		buf_puts(&b, cli->output);
		if (b.len > 0 && b.ptr[b.len - 1] != '/')
			buf_putc(&b, '/');
	}
	buf_printf(&b, "%s.%s", in->rel, w->extension);
	if (cli->output != NULL &&
	    file_prepare_inside(cli->output, b.ptr, why) != 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

static const char *
display(const char *path)
{
	return strcmp(path, "-") == 0 ? "standard output" : path;
}

/* --update: are all of the input's outputs newer than it? */
static int
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
 * --images for an article that carries its pictures (a DOCX): those
 * first, then files through the confined loader.
 */
struct embedded_ctx {
	const struct doc	*doc;
	struct resource_loader	 files;		/* load NULL: none */
};

static int
load_embedded(void *ctx, const char *src, struct buf *out, const char **why)
{
	const struct embedded_ctx *ec = ctx;
	const struct doc_media	*m = doc_find_media(ec->doc, src);

	if (m != NULL) {
		buf_put(out, m->data, m->len);
		return 0;
	}
	if (ec->files.load == NULL) {
		*why = "not in the document";
		return -1;
	}
	return ec->files.load(ec->files.ctx, src, out, why);
}

/* Renders docs in every format and writes the outputs. */
static void
write_outputs(const struct cli *cli, struct job *j, const struct input *in,
    const struct doc *const *docs, size_t ndocs, struct render_opts *ro,
    struct diag *d)
{
	struct buf	 out = BUF_INIT;
	const char	*why = NULL;
	char		*dest;
	size_t		 i;

	for (i = 0; i < cli->nformats; i++) {
		const struct writer *w = cli->formats[i];

		buf_truncate(&out, 0);
		if (w->render(docs, ndocs, ro, &out, d) != 0) {
			j->status = EXIT_INPUT;
			job_msg(j, in->path, "%s: %s", w->name,
			    diag_last_error(d) ? diag_last_error(d) :
			    "cannot render");
			continue;
		}
		if ((dest = output_path(cli, in, w, &why)) != NULL &&
		    (strcmp(dest, "-") == 0 ?
		    file_ids_has_fd(&cli->inputs, STDOUT_FILENO) :
		    file_ids_has_path(&cli->inputs, dest))) {
			/* Not even --force replaces an article with itself. */
			if (j->status < EXIT_OUTPUT)
				j->status = EXIT_OUTPUT;
			job_msg(j, display(dest), "is an input of this run; "
			    "not replaced, even with --force");
		} else if (dest == NULL ||
		    file_write(dest, out.ptr, out.len,
		    (cli->force ? FILE_FORCE : 0) | (cli->sync ? FILE_SYNC : 0),
		    &why) != 0) {
			if (j->status < EXIT_OUTPUT)
				j->status = EXIT_OUTPUT;
			job_msg(j, dest != NULL ? display(dest) : in->path,
			    "%s", why);
		} else if (cli->verbose && strcmp(dest, "-") != 0)
			diag_note(d, "wrote %s (%zu bytes)", dest, out.len);
		free(dest);
	}
	buf_free(&out);
}

/* Converts one input to every requested format (thread-safe). */
static void
run_job(const struct cli *cli, struct job *j)
{
	struct buf		 in = BUF_INIT;
	struct diag		 d;
	struct doc		*doc = NULL;
	struct pipeline_opts	 po = cli->popts;
	struct render_opts	 ro = cli->ropts;
	struct resource_confined *images = NULL;
	const char		*why = NULL, *path = j->in->path;
	char			*stem;
	struct embedded_ctx	 ec;

	diag_init(&d, cli->verbose);
	if (cli->update && up_to_date(cli, j->in)) {
		j->skipped = 1;
		if (cli->verbose)
			job_msg(j, path, "up to date, skipped");
		goto out;
	}
	if (file_read(path, PIPELINE_MAX_INPUT, &in, &why) != 0) {
		j->status = EXIT_INPUT;
		job_msg(j, path, "%s", why);
		goto out;
	}
	stem = strrchr(j->in->rel, '/') ? xstrdup(strrchr(j->in->rel, '/') +
	    1) : xstrdup(j->in->rel);
	po.read.filename = strcmp(path, "-") == 0 ? NULL : path;
	po.read.media = cli->ropts.embed_images;
	po.fallback_title = stem;
	if (pipeline_read(in.ptr, in.len, &po, &doc, &d) != 0) {
		j->status = EXIT_INPUT;
		job_diag(j, path, &d, cli->quiet);
		job_msg(j, path, "%s", diag_last_error(&d) != NULL ?
		    diag_last_error(&d) : "cannot convert");
		free(stem);
		goto out;
	}
	free(stem);
	buf_free(&in);
	if (!cli->now && !cli->source_epoch)
		ro.timestamp = repro_article_time(doc);
	if (ro.embed_images) {
		images = resource_confined_new(path, cli->resource_paths,
		    RESOURCE_MAX_IMAGE, 0);
		ro.resources = resource_confined_loader(images);
	}
	if (ro.embed_images && doc->media != NULL) {
		ec.doc = doc;
		ec.files = ro.resources;
		ro.resources.load = load_embedded;
		ro.resources.ctx = &ec;
	}
	if (cli->combine) {
		j->doc = doc;
		doc = NULL;
	} else {
		const struct doc *docs[1] = { doc };

		write_outputs(cli, j, j->in, docs, 1, &ro, &d);
	}
	job_diag(j, path, &d, cli->quiet);
out:
	resource_confined_free(images);
	doc_free(doc);
	diag_free(&d);
	buf_free(&in);
}

static void *
worker(void *arg)
{
	struct run	*r = arg;
	size_t		 i;

	for (;;) {
		pthread_mutex_lock(&r->lock);
		if (r->stop || r->next >= r->njobs) {
			pthread_mutex_unlock(&r->lock);
			return NULL;
		}
		i = r->next++;
		pthread_mutex_unlock(&r->lock);
		run_job(r->cli, &r->jobs[i]);
		pthread_mutex_lock(&r->lock);
		r->jobs[i].done = 1;
		r->finished++;
		if (r->jobs[i].status != EXIT_OK && r->cli->fail_fast)
			r->stop = 1;
		/*
		 * Wake the printing thread only when it has something to do:
		 * a message, or the end.  Waking it for every article cost a
		 * context switch each; the progress line keeps its own
		 * ten-a-second pace.
		 */
		if (r->jobs[i].log.len > 0 || r->stop ||
		    r->finished == r->njobs)
			pthread_cond_signal(&r->changed);
		pthread_mutex_unlock(&r->lock);
	}
}

static double
now_seconds(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The live line: done/total, rate, time left, failures. */
static void
progress(const struct run *r, double start, size_t failed)
{
	double	 el = now_seconds() - start, rate;
	long	 left;

	rate = el > 0 ? (double)r->finished / el : 0;
	left = rate > 0 ? (long)((double)(r->njobs - r->finished) / rate) : 0;
	fprintf(stderr, "\r\033[K%s: %zu/%zu done, %.1f/s, ETA %ld:%02ld, "
	    "%zu failed", progname, r->finished, r->njobs, rate, left / 60,
	    left % 60, failed);
	fflush(stderr);
}

/*
 * Runs every job with n workers, printing each job's messages in input
 * order as soon as it and all before it are done.
 */
static void
run_jobs(struct run *r, long n)
{
	pthread_t	*threads;
	size_t		 printed = 0, failed = 0;
	long		 i, started = 0;
	double		 start = now_seconds(), last = 0;
	int		 live = !r->cli->quiet && r->njobs > 1 &&
			    isatty(STDERR_FILENO);

	if (n > (long)r->njobs)
		n = (long)r->njobs;
	threads = xcalloc((size_t)n, sizeof(*threads));
	for (i = 0; i < n; i++)
		if (pthread_create(&threads[i], NULL, worker, r) == 0)
			started++;
	if (started == 0)
		worker(r);	/* no threads: do the work here */
	pthread_mutex_lock(&r->lock);
	for (;;) {
		while (printed < r->njobs && r->jobs[printed].done) {
			struct job *j = &r->jobs[printed++];

			failed += j->status != EXIT_OK;
			if (j->log.len > 0) {
				if (live)
					fputs("\r\033[K", stderr);
				fputs(j->log.ptr, stderr);
			}
		}
		if (printed == r->njobs || (r->stop && r->finished ==
		    r->next))
			break;
		if (live && now_seconds() - last > 0.1) {
			progress(r, start, failed);
			last = now_seconds();
		}
		{
			struct timespec ts;

			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_nsec += 100000000;
			if (ts.tv_nsec >= 1000000000) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000;
			}
			pthread_cond_timedwait(&r->changed, &r->lock, &ts);
		}
	}
	pthread_mutex_unlock(&r->lock);
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	/* Jobs finished after --fail-fast stopped the printing. */
	for (; printed < r->njobs; printed++)
		if (r->jobs[printed].done && r->jobs[printed].log.len > 0)
			fputs(r->jobs[printed].log.ptr, stderr);
	if (live)
		fputs("\r\033[K", stderr);
	free(threads);
}

static int
cmp_date(const void *a, const void *b)
{
	const struct job *ja = *(const struct job *const *)a;
	const struct job *jb = *(const struct job *const *)b;
	const char *da = ja->doc->meta[META_DATE], *db = jb->doc->meta[META_DATE];
	int	 c;

	/* Undated articles last; then by name for a stable order. */
	if (da == NULL || db == NULL)
		c = (da == NULL) - (db == NULL);
	else
		c = strcmp(da, db);
	return c != 0 ? c : strcmp(ja->in->path, jb->in->path);
}

/* --combine: one output per format holding every article, in order. */
static int
write_combined(struct cli *cli, struct run *r)
{
	struct job		**order, sum;
	const struct doc	**docs;
	struct input		 book;
	struct diag		 d;
	struct render_opts	 ro = cli->ropts;
	char			*name;
	size_t			 i, n = 0;
	int			 status;

	order = xcalloc(r->njobs, sizeof(*order));
	docs = xcalloc(r->njobs, sizeof(*docs));
	for (i = 0; i < r->njobs; i++)
		if (r->jobs[i].doc != NULL)
			order[n++] = &r->jobs[i];
	if (n == 0) {
		free(order);
		free(docs);
		return EXIT_INPUT;
	}
	if (cli->order_date)
		qsort(order, n, sizeof(*order), cmp_date);
	for (i = 0; i < n; i++)
		docs[i] = order[i]->doc;
	/*
	 * The book is written like a job whose input is the output's name:
	 * -o FILE, or DIR/collection.EXT.  Its title: -M title=, else the
	 * output file's name.
	 */
	book.path = xstrdup(cli->output_dir ? cli->output : cli->output);
	book.rel = xstrdup("collection");
	name = xstrdup(cli->output_dir ? "collection" : cli->output);
	if (strrchr(name, '.') != NULL && strrchr(name, '.') > name)
		*strrchr(name, '.') = '\0';
	ro.collection_title = cli->popts.meta[META_TITLE] != NULL ?
	    cli->popts.meta[META_TITLE] : (strrchr(name, '/') != NULL ?
	    strrchr(name, '/') + 1 : name);
	if (!cli->now && !cli->source_epoch) {
		/* The newest article dates the book. */
		ro.timestamp = 0;
		for (i = 0; i < n; i++) {
			time_t t = repro_article_time(docs[i]);

			if (t > ro.timestamp)
				ro.timestamp = t;
		}
	}
	memset(&sum, 0, sizeof(sum));
	diag_init(&d, cli->verbose);
	write_outputs(cli, &sum, &book, docs, n, &ro, &d);
	job_diag(&sum, book.path, &d, cli->quiet);
	if (sum.log.len > 0)
		fputs(sum.log.ptr, stderr);
	status = sum.status;
	diag_free(&d);
	buf_free(&sum.log);
	free(sum.reason);
	free(name);
	free(book.path);
	free(book.rel);
	free(order);
	free(docs);
	return status;
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

/* Parses the options into cli.  Returns -1 to go on, else an exit status. */
static int
parse_options(struct cli *cli, int argc, char *argv[], const char **files_from,
    int *nul)
{
	size_t		 ninc = 0, nexc = 0;
	const char	*why;
	long		 n;
	int		 c, i, rc;

	while ((c = getopt_long(argc, argv, "t:o:f:M:j:0qvh", long_options,
	    NULL)) != -1) {
		switch (c) {
		case 't':
			if (parse_formats(cli, optarg) != 0)
				return EXIT_USAGE;
			break;
		case 'o':
			cli->output = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "auto") == 0)
				cli->popts.reader = NULL;
			else if ((cli->popts.reader = reader_find(optarg)) ==
			    NULL)
				return usage_error("unknown reader \"%s\"",
				    optarg);
			break;
		case 'M':
			if (parse_meta(cli, optarg) != 0)
				return EXIT_USAGE;
			break;
		case OPT_ENCODING:
			cli->popts.read.encoding = optarg;
			break;
		case OPT_OUTLINE:
			if (strcmp(optarg, "auto") == 0)
				cli->popts.read.outline.mode = OUTLINE_AUTO;
			else if (strcmp(optarg, "none") == 0)
				cli->popts.read.outline.mode = OUTLINE_NONE;
			else
				return usage_error("--outline takes auto or "
				    "none, not \"%s\"", optarg);
			break;
		case OPT_LEVELS: {
			char	 reason[160];

			if (outline_levels_check(optarg, reason,
			    sizeof(reason)) != 0)
				return usage_error("--levels: %s", reason);
			cli->popts.read.outline.levels = optarg;
			break;
		}
		case OPT_POINTS:
			if (strcmp(optarg, "inline") == 0)
				cli->ropts.points = POINTS_INLINE;
			else if (strcmp(optarg, "split") == 0)
				cli->ropts.points = POINTS_SPLIT;
			else
				return usage_error("--points takes inline or "
				    "split, not \"%s\"", optarg);
			break;
		case OPT_LEADS:
			if (strcmp(optarg, "bold") == 0)
				cli->ropts.bold_leads = 1;
			else if (strcmp(optarg, "plain") == 0)
				cli->ropts.bold_leads = 0;
			else
				return usage_error("--leads takes bold or "
				    "plain, not \"%s\"", optarg);
			break;
		case OPT_WRAP:
			n = parse_long(optarg, 0, 10000);
			if (n < 0 || (n > 0 && n < 8))
				return usage_error("--wrap takes 0 or a width "
				    "of 8 to 10000 columns, not \"%s\"", optarg);
			cli->ropts.wrap = (size_t)n;
			break;
		case OPT_LANG:
			cli->ropts.lang = optarg;
			break;
		case OPT_KEEP_PUNCT:
			cli->popts.keep_punctuation = 1;
			break;
		case OPT_CONVERT: {
			char reason[256];

			script_conv_close(cli->convert);
			cli->popts.convert = NULL;
			if ((cli->convert = script_conv_open(optarg, reason,
			    sizeof(reason))) == NULL)
				return usage_error("--convert: %s (takes s2t, "
				    "t2s, s2tw, tw2s, s2hk, hk2s, s2twp or "
				    "tw2sp)", reason);
			cli->popts.convert = cli->convert;
			break;
		}
		case OPT_DOCX_STYLE:
			if (strcmp(optarg, "official") == 0)
				cli->ropts.docx_style = DOCX_OFFICIAL;
			else if (strcmp(optarg, "plain") == 0)
				cli->ropts.docx_style = DOCX_PLAIN;
			else
				return usage_error("--docx-style takes "
				    "official or plain, not \"%s\"", optarg);
			break;
		case OPT_REFERENCE_DOC:
			if (load_option_file("--reference-doc", optarg,
			    MAX_REFERENCE_DOC, &cli->reference_doc) != 0)
				return EXIT_USAGE;
			if (cli->reference_doc.len < 4 ||
			    memcmp(cli->reference_doc.ptr, "PK\3\4", 4) != 0)
				return usage_error("%s: --reference-doc takes a "
				    "Word file (.docx)", optarg);
			cli->reference_path = optarg;
			cli->ropts.reference_doc.ptr = cli->reference_doc.ptr;
			cli->ropts.reference_doc.len = cli->reference_doc.len;
			break;
		case OPT_TOC:
			cli->ropts.toc = 1;
			break;
		case OPT_TEMPLATE:
			if (load_option_file("--template", optarg,
			    TEMPLATE_MAX, &cli->html_template) != 0)
				return EXIT_USAGE;
			cli->ropts.html_template.ptr = cli->html_template.ptr;
			cli->ropts.html_template.len = cli->html_template.len;
			break;
		case OPT_COVER:
			if (load_option_file("--cover", optarg,
			    RESOURCE_MAX_IMAGE, &cli->cover) != 0)
				return EXIT_USAGE;
			cli->cover_path = optarg;
			cli->ropts.cover_type = writer_image_type(
			    cli->cover.ptr, cli->cover.len);
			if (cli->ropts.cover_type == NULL ||
			    strcmp(cli->ropts.cover_type, "image/gif") == 0)
				return usage_error("%s: --cover takes a JPEG "
				    "or PNG image", optarg);
			cli->ropts.cover.ptr = cli->cover.ptr;
			cli->ropts.cover.len = cli->cover.len;
			break;
		case OPT_SVG_COVER:
			cli->ropts.svg_cover = 1;
			break;
		case OPT_IMAGES:
			cli->ropts.embed_images = 1;
			break;
		case OPT_RESOURCE_PATH: {
			char *bad;

			if (cli->resource_paths == NULL)
				cli->resource_paths = resource_paths_new();
			if (resource_paths_add(cli->resource_paths, optarg,
			    &bad, &why) != 0) {
				rc = usage_error("--resource-path: %s: %s", bad,
				    why);
				free(bad);
				return rc;
			}
			break;
		}
		case OPT_VERTICAL:
			cli->ropts.vertical = 1;
			break;
		case OPT_NOW:
			cli->now = 1;
			break;
		case OPT_FORCE:
			cli->force = 1;
			break;
		case OPT_SYNC:
			cli->sync = 1;
			break;
		case 'j':
			if ((cli->jobs = parse_long(optarg, 1, 1024)) < 1)
				return usage_error("-j takes 1 to 1024, not "
				    "\"%s\"", optarg);
			break;
		case OPT_FILES_FROM:
			*files_from = optarg;
			break;
		case '0':
			*nul = 1;
			break;
		case OPT_INCLUDE:
			if (ninc == MAX_PATTERNS)
				return usage_error("too many --include");
			cli->include[ninc++] = optarg;
			break;
		case OPT_EXCLUDE:
			if (nexc == MAX_PATTERNS)
				return usage_error("too many --exclude");
			cli->exclude[nexc++] = optarg;
			break;
		case OPT_HIDDEN:
			cli->filter.hidden = 1;
			break;
		case OPT_UPDATE:
			cli->update = 1;
			break;
		case OPT_FAIL_FAST:
			cli->fail_fast = 1;
			break;
		case OPT_KEEP_GOING:
			cli->fail_fast = 0;
			break;
		case OPT_COMBINE:
			cli->combine = 1;
			break;
		case OPT_ORDER:
			if (strcmp(optarg, "name") == 0)
				cli->order_date = 0;
			else if (strcmp(optarg, "date") == 0)
				cli->order_date = 1;
			else
				return usage_error("--order takes name or "
				    "date, not \"%s\"", optarg);
			break;
		case OPT_SHARD:
			if (sscanf(optarg, "%u/%u", &cli->shard_k,
			    &cli->shard_n) != 2 || cli->shard_n == 0 ||
			    cli->shard_k < 1 || cli->shard_k > cli->shard_n)
				return usage_error("--shard takes K/N with "
				    "1 <= K <= N, not \"%s\"", optarg);
			break;
		case 'q':
			cli->quiet = 1;
			break;
		case 'v':
			cli->verbose = 1;
			break;
		case OPT_LIST_FORMATS:
			for (i = 0; writers[i] != NULL; i++)
				printf("%s\n", writers[i]->name);
			return EXIT_OK;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case OPT_VERSION:
			printf("artconv %s\nEPUB cover: %s\n", ARTCONV_VERSION,
			    writer_cover_engine());
			return EXIT_OK;
		default:
			fprintf(stderr, "%s: try 'artconv --help'\n", progname);
			return EXIT_USAGE;
		}
	}
	cli->filter.include = cli->include;
	cli->filter.ninclude = ninc;
	cli->filter.exclude = cli->exclude;
	cli->filter.nexclude = nexc;
	return -1;
}

/* Checks option combinations and fills defaults.  Returns -1 or a status. */
static int
settle_options(struct cli *cli, int ninputs, int folders)
{
	const char	*ext, *why;
	struct stat	 st;
	long		 n;

	if (cli->output != NULL)
		cli->output_dir = (cli->output[0] != '\0' &&
		    cli->output[strlen(cli->output) - 1] == '/') ||
		    file_is_dir(cli->output);
	/*
	 * A folder of articles, several articles (not --combine) or several
	 * formats make -o a folder, created if need be, unless it names a
	 * file: an existing one, or one with a format's extension (then the
	 * command line is more likely wrong than the folder wanted).
	 */
	if (cli->output != NULL && !cli->output_dir &&
	    (cli->nformats > 1 || (!cli->combine && (ninputs > 1 || folders)))
	    && stat(cli->output, &st) != 0 && ((ext = extension_of(
	    cli->output)) == NULL || writer_for_extension(ext) == NULL))
		cli->output_dir = 1;
	if (cli->nformats == 0) {
		/* -t defaults from the -o extension. */
		ext = cli->output != NULL && !cli->output_dir ?
		    extension_of(cli->output) : NULL;
		if (ext != NULL && writer_for_extension(ext) == NULL)
			return usage_error("cannot tell the format from "
			    "\"%s\"; use -t", cli->output);
		cli->formats[cli->nformats++] = ext != NULL ?
		    writer_for_extension(ext) : writer_find("md");
	}
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
	if (cli->output_dir && !file_is_dir(cli->output)) {
		if (file_mkdirs(cli->output, &why) != 0) {
			fprintf(stderr, "%s: %s: %s\n", progname, cli->output,
			    why);
			return EXIT_OUTPUT;
		}
		if (cli->verbose)
			fprintf(stderr, "%s: %s: created the output folder\n",
			    progname, cli->output);
	}
	if (cli->output_dir && stat(cli->output, &st) == 0) {
		/* Never read our own outputs back as inputs. */
		cli->filter.skip_dir = 1;
		cli->filter.skip_dev = st.st_dev;
		cli->filter.skip_ino = st.st_ino;
	}
	if (!cli->now && repro_source_date_epoch(&cli->ropts.timestamp))
		cli->source_epoch = 1;
	if (cli->now)
		cli->ropts.timestamp = time(NULL);
	if (cli->jobs == 0) {
		n = sysconf(_SC_NPROCESSORS_ONLN);
		cli->jobs = n > 0 ? n : 1;
	}
	return -1;
}

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

int
main(int argc, char *argv[])
{
	struct cli	 cli;
	struct inputs	 in = { 0 };
	struct run	 r;
	const char	*files_from = NULL, *why = NULL;
	size_t		 i, other, converted = 0, skipped = 0, failed = 0;
	struct buf	 name = BUF_INIT;
	int		 status = EXIT_OK, nul = 0, folders = 0, rc, a;
	long		 clash;

	tune_allocator();
	memset(&cli, 0, sizeof(cli));
	buf_init(&cli.reference_doc);
	buf_init(&cli.html_template);
	buf_init(&cli.cover);
	cli.ropts.bold_leads = 1;
	cli.popts.read.max_depth = 128;
	if ((rc = parse_options(&cli, argc, argv, &files_from, &nul)) >= 0)
		goto done;
	for (a = optind; a < argc; a++)
		folders |= file_is_dir(argv[a]);
	if ((rc = settle_options(&cli, argc - optind + (files_from != NULL),
	    folders)) >= 0)
		goto done;

	/*
	 * The output folder is skipped when walking inputs, so an input
	 * folder that is the output folder would give nothing at all.
	 */
	for (a = optind; a < argc; a++)
		if (cli.filter.skip_dir && inputs_is_skipped(argv[a],
		    &cli.filter)) {
			fprintf(stderr, "%s: %s: the output folder is this input "
			    "folder; write to another one (-o OTHER/)\n",
			    progname, shown(&name, argv[a]));
			rc = EXIT_USAGE;
			goto done;
		}

	/* The inputs. */
	for (a = optind; a < argc; a++) {
		why = NULL;
		if (inputs_add(&in, argv[a], &cli.filter, &why) != 0) {
			fprintf(stderr, "%s: %s: %s\n", progname,
			    shown(&name, argv[a]), why);
			status = EXIT_INPUT;
		} else if (why != NULL && !cli.quiet)
			fprintf(stderr, "%s: %s: warning: %s\n", progname,
			    shown(&name, argv[a]), why);
	}
	if (files_from != NULL) {
		struct buf list = BUF_INIT;
		char *bad;
		size_t nbad;

		if (file_read(files_from, PIPELINE_MAX_INPUT, &list, &why) !=
		    0) {
			fprintf(stderr, "%s: %s: %s\n", progname, files_from,
			    why);
			rc = EXIT_INPUT;
			buf_free(&list);
			goto done;
		}
		nbad = inputs_add_list(&in, list.ptr, list.len, nul,
		    &cli.filter, &bad, &why);
		if (nbad > 0) {
			fprintf(stderr, "%s: %s: %zu listed path%s not found "
			    "(first: %s: %s)\n", progname, files_from, nbad,
			    nbad == 1 ? "" : "s", bad, why);
			free(bad);
			status = EXIT_INPUT;
		}
		buf_free(&list);
	}
	if (optind == argc && files_from == NULL)
		inputs_add(&in, "-", &cli.filter, &why);
	if (in.n > 1 || folders || files_from != NULL)
		inputs_sort(&in);
	if (cli.shard_n > 0)
		inputs_shard(&in, cli.shard_k, cli.shard_n);
	if (!cli.combine && cli.output_dir &&
	    (clash = inputs_find_collision(&in, &other)) >= 0) {
		fprintf(stderr, "%s: %s and %s would write the same outputs "
		    "(%s.*); convert them separately\n", progname,
		    in.v[other].path, in.v[clash].path, in.v[clash].rel);
		rc = EXIT_USAGE;
		goto done;
	}
	if (in.n == 0) {
		if (!cli.quiet)
			fprintf(stderr, "%s: no articles to convert\n",
			    progname);
		rc = status;
		goto done;
	}

	/* Inputs are never outputs (see write_outputs). */
	for (i = 0; i < in.n; i++) {
		if (strcmp(in.v[i].path, "-") == 0)
			file_ids_add_fd(&cli.inputs, STDIN_FILENO);
		else
			file_ids_add_path(&cli.inputs, in.v[i].path);
	}
	if (cli.cover_path != NULL)
		file_ids_add_path(&cli.inputs, cli.cover_path);
	if (cli.reference_path != NULL)
		file_ids_add_path(&cli.inputs, cli.reference_path);
	file_ids_sort(&cli.inputs);

	/* The work. */
	xmlInitParser();
	file_cleanup_on_signals();
	memset(&r, 0, sizeof(r));
	r.cli = &cli;
	r.njobs = in.n;
	r.jobs = xcalloc(in.n, sizeof(*r.jobs));
	for (i = 0; i < in.n; i++)
		r.jobs[i].in = &in.v[i];
	pthread_mutex_init(&r.lock, NULL);
	pthread_cond_init(&r.changed, NULL);
	run_jobs(&r, in.n == 1 ? 1 : cli.jobs);
	for (i = 0; i < r.njobs; i++) {
		struct job *j = &r.jobs[i];

		if (!j->done)
			continue;
		if (j->skipped)
			skipped++;
		else if (j->status != EXIT_OK)
			failed++;
		else
			converted++;
		if (j->status > status)
			status = j->status;
	}
	if (cli.combine && (failed == 0 || !cli.fail_fast)) {
		rc = write_combined(&cli, &r);
		if (rc > status)
			status = rc;
	}
	if (r.njobs > 1 && !cli.quiet) {
		fprintf(stderr, "%s: %zu converted, %zu skipped (up to date), "
		    "%zu failed", progname, converted, skipped, failed);
		if (r.njobs - converted - skipped - failed > 0)
			fprintf(stderr, ", %zu not started (--fail-fast)",
			    r.njobs - converted - skipped - failed);
		fputc('\n', stderr);
		for (i = 0; i < r.njobs && failed > 0; i++)
			if (r.jobs[i].done && r.jobs[i].status != EXIT_OK &&
			    r.jobs[i].reason != NULL)
				fprintf(stderr, "  failed: %s: %s\n",
				    shown(&name, r.jobs[i].in->path),
				    r.jobs[i].reason);
	}
	for (i = 0; i < r.njobs; i++) {
		doc_free(r.jobs[i].doc);
		buf_free(&r.jobs[i].log);
		free(r.jobs[i].reason);
	}
	free(r.jobs);
	pthread_mutex_destroy(&r.lock);
	pthread_cond_destroy(&r.changed);
	xmlCleanupParser();
	zipout_shared_clear();
	zipout_thread_done();
	pngout_cache_clear();
	rc = status;
done:
	inputs_free(&in);
	buf_free(&cli.reference_doc);
	buf_free(&cli.html_template);
	buf_free(&cli.cover);
	resource_paths_free(cli.resource_paths);
	file_ids_free(&cli.inputs);
	buf_free(&name);
	script_conv_close(cli.convert);
	return rc;
}
