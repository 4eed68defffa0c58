/*
 * The run: the worker pool, one job per article, the messages each job
 * keeps, the progress line and the --combine book.  See jobs.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "io/fileio.h"
#include "io/repro.h"
#include "io/resource.h"
#include "tree/alloc.h"
#include "tree/diag.h"
#include "tree/escape.h"
#include "jobs.h"
#include "outpath.h"
#include "pipeline.h"
#include "writer.h"

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
		    output_is_input(cli, dest)) {
			/* Not even --force replaces an article with itself. */
			if (j->status < EXIT_OUTPUT)
				j->status = EXIT_OUTPUT;
			job_msg(j, output_display(dest), "is an input of this run; "
			    "not replaced, even with --force");
		} else if (dest == NULL ||
		    file_write(dest, out.ptr, out.len,
		    (cli->force ? FILE_FORCE : 0) | (cli->sync ? FILE_SYNC : 0),
		    &why) != 0) {
			if (j->status < EXIT_OUTPUT)
				j->status = EXIT_OUTPUT;
			job_msg(j, dest != NULL ? output_display(dest) : in->path,
			    "%s", why);
		} else if (cli->verbose && strcmp(dest, "-") != 0)
			diag_note(d, "wrote %s (%zu bytes)", dest, out.len);
		free(dest);
	}
	buf_free(&out);
}

/*
 * Reads and converts j's article into a tree; NULL when it cannot (the
 * reason in j's log).
 */
static struct doc *
read_job(const struct cli *cli, struct job *j, struct diag *d)
{
	struct buf		 in = BUF_INIT;
	struct doc		*doc = NULL;
	struct pipeline_opts	 po = cli->popts;
	const char		*why = NULL, *path = j->in->path;
	char			*stem;

	if (file_read(path, PIPELINE_MAX_INPUT, &in, &why) != 0) {
		j->status = EXIT_INPUT;
		job_msg(j, path, "%s", why);
		buf_free(&in);
		return NULL;
	}
	stem = strrchr(j->in->rel, '/') ? xstrdup(strrchr(j->in->rel, '/') +
	    1) : xstrdup(j->in->rel);
	po.read.filename = strcmp(path, "-") == 0 ? NULL : path;
	po.read.media = cli->ropts.embed_images;
	po.fallback_title = stem;
	if (pipeline_read(in.ptr, in.len, &po, &doc, d) != 0) {
		j->status = EXIT_INPUT;
		job_diag(j, path, d, cli->quiet);
		job_msg(j, path, "%s", diag_last_error(d) != NULL ?
		    diag_last_error(d) : "cannot convert");
		doc_free(doc);
		doc = NULL;
	}
	free(stem);
	buf_free(&in);
	return doc;
}

/* Converts one input to every requested format (thread-safe). */
static void
run_job(const struct cli *cli, struct job *j)
{
	struct diag		 d;
	struct doc		*doc;
	struct render_opts	 ro = cli->ropts;
	struct resource_confined *images = NULL;
	const char		*path = j->in->path;
	struct embedded_ctx	 ec;

	diag_init(&d, cli->verbose);
	if (cli->update && up_to_date(cli, j->in)) {
		j->skipped = 1;
		if (cli->verbose)
			job_msg(j, path, "up to date, skipped");
		diag_free(&d);
		return;
	}
	if ((doc = read_job(cli, j, &d)) == NULL) {
		diag_free(&d);
		return;
	}
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
	resource_confined_free(images);
	doc_free(doc);
	diag_free(&d);
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

/* Waits on r->changed (r->lock held) for a tenth of a second at most. */
static void
wait_a_tenth(struct run *r)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 100000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	pthread_cond_timedwait(&r->changed, &r->lock, &ts);
}

/*
 * Prints the messages of the jobs done from *printed on, in order, up to
 * the first not done (r->lock held); counts their failures.
 */
static void
print_done(struct run *r, size_t *printed, size_t *failed, int live)
{
	while (*printed < r->njobs && r->jobs[*printed].done) {
		struct job *j = &r->jobs[(*printed)++];

		*failed += j->status != EXIT_OK;
		if (j->log.len > 0) {
			if (live)
				fputs("\r\033[K", stderr);
			fputs(j->log.ptr, stderr);
		}
	}
}

void
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
		print_done(r, &printed, &failed, live);
		if (printed == r->njobs || (r->stop && r->finished ==
		    r->next))
			break;
		if (live && now_seconds() - last > 0.1) {
			progress(r, start, failed);
			last = now_seconds();
		}
		wait_a_tenth(r);
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

/* The newest article dates the book. */
static time_t
newest_article_time(const struct doc *const *docs, size_t n)
{
	time_t	 newest = 0, t;
	size_t	 i;

	for (i = 0; i < n; i++)
		if ((t = repro_article_time(docs[i])) > newest)
			newest = t;
	return newest;
}

/*
 * Writes the book of docs[0..n) like a job whose input is the output's
 * name: -o FILE, or DIR/collection.EXT.  Its title: -M title=, else the
 * output file's name.
 */
static int
write_book(struct cli *cli, const struct doc *const *docs, size_t n)
{
	struct job		 sum;
	struct input		 book;
	struct diag		 d;
	struct render_opts	 ro = cli->ropts;
	char			*name;
	int			 status;

	book.path = xstrdup(cli->output_dir ? cli->output : cli->output);
	book.rel = xstrdup("collection");
	name = xstrdup(cli->output_dir ? "collection" : cli->output);
	if (strrchr(name, '.') != NULL && strrchr(name, '.') > name)
		*strrchr(name, '.') = '\0';
	ro.collection_title = cli->popts.meta[META_TITLE] != NULL ?
	    cli->popts.meta[META_TITLE] : (strrchr(name, '/') != NULL ?
	    strrchr(name, '/') + 1 : name);
	if (!cli->now && !cli->source_epoch)
		ro.timestamp = newest_article_time(docs, n);
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
	return status;
}

int
write_combined(struct cli *cli, struct run *r)
{
	struct job		**order;
	const struct doc	**docs;
	size_t			 i, n = 0;
	int			 status = EXIT_INPUT;

	order = xcalloc(r->njobs, sizeof(*order));
	docs = xcalloc(r->njobs, sizeof(*docs));
	for (i = 0; i < r->njobs; i++)
		if (r->jobs[i].doc != NULL)
			order[n++] = &r->jobs[i];
	if (n > 0) {
		if (cli->order_date)
			qsort(order, n, sizeof(*order), cmp_date);
		for (i = 0; i < n; i++)
			docs[i] = order[i]->doc;
		status = write_book(cli, docs, n);
	}
	free(order);
	free(docs);
	return status;
}

void
run_init(struct run *r, struct cli *cli, const struct inputs *in)
{
	size_t	 i;

	memset(r, 0, sizeof(*r));
	r->cli = cli;
	r->njobs = in->n;
	r->jobs = xcalloc(in->n, sizeof(*r->jobs));
	for (i = 0; i < in->n; i++)
		r->jobs[i].in = &in->v[i];
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->changed, NULL);
}

void
run_free(struct run *r)
{
	size_t	 i;

	for (i = 0; i < r->njobs; i++) {
		doc_free(r->jobs[i].doc);
		buf_free(&r->jobs[i].log);
		free(r->jobs[i].reason);
	}
	free(r->jobs);
	pthread_mutex_destroy(&r->lock);
	pthread_cond_destroy(&r->changed);
}

int
run_count(const struct run *r, struct run_counts *c, int status)
{
	size_t	 i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < r->njobs; i++) {
		const struct job *j = &r->jobs[i];

		if (!j->done)
			continue;
		if (j->skipped)
			c->skipped++;
		else if (j->status != EXIT_OK)
			c->failed++;
		else
			c->converted++;
		if (j->status > status)
			status = j->status;
	}
	return status;
}

void
run_summary(const struct run *r, const struct run_counts *c)
{
	struct buf	 name = BUF_INIT;
	size_t		 i, rest;

	if (r->njobs <= 1 || r->cli->quiet)
		return;
	rest = r->njobs - c->converted - c->skipped - c->failed;
	fprintf(stderr, "%s: %zu converted, %zu skipped (up to date), "
	    "%zu failed", progname, c->converted, c->skipped, c->failed);
	if (rest > 0)
		fprintf(stderr, ", %zu not started (--fail-fast)", rest);
	fputc('\n', stderr);
	for (i = 0; i < r->njobs && c->failed > 0; i++)
		if (r->jobs[i].done && r->jobs[i].status != EXIT_OK &&
		    r->jobs[i].reason != NULL)
			fprintf(stderr, "  failed: %s: %s\n",
			    shown(&name, r->jobs[i].in->path),
			    r->jobs[i].reason);
	buf_free(&name);
}
