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

#include "artconv.h"
#include "files.h"
#include "jobs.h"
#include "outpath.h"
#include "util.h"

static void job_msg(struct job *j, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Messages name files and quote articles: control characters in them are
 * shown escaped, so that each message is one line (display_escape).
 */
static void
job_msg(struct job *j, const char *file, const char *fmt, ...)
{
	va_list		 ap;
	struct sbuf	 text = SBUF_INIT;
	size_t		 start;

	sb_printf(&j->log, "%s: ", progname);
	display_escape(&j->log, file, strlen(file));
	sb_puts(&j->log, ": ");
	start = j->log.len;
	va_start(ap, fmt);
	sb_vprintf(&text, fmt, ap);
	va_end(ap);
	display_escape(&j->log, sb_str(&text), text.len);
	sb_free(&text);
	if (j->reason == NULL && j->status != EXIT_OK)
		j->reason = estrdup(j->log.ptr + start);
	sb_putc(&j->log, '\n');
}

/*
 * What the library said during one job, kept until the job has reported
 * its failures: notes (with -v) and warnings (without -q) in order, each
 * a NUL-terminated text in held, and the last error, which a failure
 * names.
 */
struct said {
	struct sbuf	 held;
	char		*last_error;
};

/* Moves d's messages into s and empties d. */
static void
hear(const struct cli *cli, struct said *s, ac_diags *d)
{
	size_t	 i, n = ac_diags_count(d);

	for (i = 0; i < n; i++) {
		const char *text = ac_diags_text(d, i);

		switch (ac_diags_level(d, i)) {
		case AC_ERROR:
			free(s->last_error);
			s->last_error = estrdup(text);
			break;
		case AC_WARNING:
			if (!cli->quiet) {
				sb_puts(&s->held, "warning: ");
				sb_put(&s->held, text, strlen(text) + 1);
			}
			break;
		case AC_NOTE:
			if (cli->verbose)
				sb_put(&s->held, text, strlen(text) + 1);
			break;
		}
	}
	ac_diags_clear(d);
}

/*
 * Copies the notes and warnings held into the job's log.  Errors are not:
 * the code that saw the failure reports it once, with its context.
 */
static void
tell(struct job *j, const char *file, struct said *s)
{
	size_t	 at;

	for (at = 0; at < s->held.len; at += strlen(s->held.ptr + at) + 1)
		job_msg(j, file, "%s", s->held.ptr + at);
	sb_truncate(&s->held, 0);
}

static void
said_free(struct said *s)
{
	sb_free(&s->held);
	free(s->last_error);
}

static ac_diags *
diags_new(void)
{
	ac_diags	*d = ac_diags_new();

	if (d == NULL)
		die_nomem();
	return d;
}

/* Renders docs in every format and writes the outputs. */
static void
write_outputs(const struct cli *cli, struct job *j, const struct input *in,
    const ac_doc *const *docs, size_t ndocs, const ac_render_options *ro,
    ac_diags *d, struct said *s)
{
	ac_buffer	*out = ac_buffer_new();
	const char	*why = NULL;
	char		*dest;
	size_t		 i, len;
	ac_status	 st;

	if (out == NULL)
		die_nomem();
	for (i = 0; i < cli->nformats; i++) {
		const ac_format *f = cli->formats[i];

		ac_buffer_clear(out);
		st = check_nomem(ac_render_book(docs, ndocs, ac_format_name(f),
		    ro, out, d));
		hear(cli, s, d);
		if (st != AC_OK) {
			j->status = EXIT_INPUT;
			job_msg(j, in->path, "%s: %s", ac_format_name(f),
			    s->last_error != NULL ? s->last_error :
			    "cannot render");
			continue;
		}
		len = ac_buffer_len(out);
		if ((dest = output_path(cli, in, f, &why)) != NULL &&
		    output_is_input(cli, dest)) {
			/* Not even --force replaces an article with itself. */
			if (j->status < EXIT_OUTPUT)
				j->status = EXIT_OUTPUT;
			job_msg(j, output_display(dest), "is an input of this run; "
			    "not replaced, even with --force");
		} else if (dest == NULL ||
		    file_write(dest, ac_buffer_data(out), len,
		    (cli->force ? FILE_FORCE : 0) | (cli->sync ? FILE_SYNC : 0),
		    &why) != 0) {
			if (j->status < EXIT_OUTPUT)
				j->status = EXIT_OUTPUT;
			job_msg(j, dest != NULL ? output_display(dest) : in->path,
			    "%s", why);
		} else if (cli->verbose && strcmp(dest, "-") != 0) {
			struct sbuf note = SBUF_INIT;

			sb_printf(&note, "wrote %s (%zu bytes)", dest, len);
			sb_put(&s->held, note.ptr, note.len + 1);
			sb_free(&note);
		}
		free(dest);
	}
	ac_buffer_free(out);
}

/*
 * Reads standard input and converts it with options of its own (its
 * title when it has none: "stdin").
 */
static ac_status
read_stdin(const struct cli *cli, struct job *j, ac_doc **doc, ac_diags *d)
{
	struct sbuf	 in = SBUF_INIT;
	ac_read_options	*o;
	const char	*why = NULL;
	ac_status	 st;

	if (read_whole("-", MAX_INPUT, 0, &in, &why) != 0) {
		j->status = EXIT_INPUT;
		job_msg(j, "-", "%s", why);
		sb_free(&in);
		return AC_ERR_IO;
	}
	o = read_options_for_stdin(cli);
	st = ac_read(sb_str(&in), in.len, o, doc, d);
	ac_read_options_free(o);
	sb_free(&in);
	return st;
}

/*
 * Reads and converts j's article into a document; NULL when it cannot
 * (the reason in j's log).
 */
static ac_doc *
read_job(const struct cli *cli, struct job *j, ac_diags *d, struct said *s)
{
	ac_doc		*doc = NULL;
	const char	*path = j->in->path, *text;
	size_t		 n;
	ac_status	 st;

	if (strcmp(path, "-") == 0) {
		if ((st = check_nomem(read_stdin(cli, j, &doc, d))) ==
		    AC_ERR_IO)
			return NULL;
	} else
		st = check_nomem(ac_read_file(path, cli->read, &doc, d));
	if (st == AC_ERR_IO) {
		/* "PATH: REASON" (artconv.h): the reason, named as ours. */
		text = ac_diags_text(d, ac_diags_count(d) - 1);
		n = strlen(path);
		if (text != NULL && strncmp(text, path, n) == 0 &&
		    strncmp(text + n, ": ", 2) == 0)
			text += n + 2;
		j->status = EXIT_INPUT;
		job_msg(j, path, "%s", text != NULL ? text : ac_strerror(st));
		ac_diags_clear(d);
		return NULL;
	}
	hear(cli, s, d);
	if (st != AC_OK) {
		j->status = EXIT_INPUT;
		tell(j, path, s);
		job_msg(j, path, "%s", s->last_error != NULL ? s->last_error :
		    st == AC_ERR_INTERNAL ? ac_strerror(st) : "cannot convert");
		return NULL;
	}
	return doc;
}

/* Converts one input to every requested format (thread-safe). */
static void
run_job(const struct cli *cli, struct job *j)
{
	ac_diags		*d;
	ac_doc			*doc;
	ac_render_options	*own = NULL;
	struct said		 s = { SBUF_INIT, NULL };
	const char		*path = j->in->path;

	if (cli->update && up_to_date(cli, j->in)) {
		j->skipped = 1;
		if (cli->verbose)
			job_msg(j, path, "up to date, skipped");
		return;
	}
	d = diags_new();
	if ((doc = read_job(cli, j, d, &s)) == NULL)
		goto done;
	if (cli->combine) {
		j->doc = doc;
		doc = NULL;
	} else {
		const ac_doc *docs[1] = { doc };

		/* Pictures come from the article's own folder. */
		if (cli->images)
			own = render_options_for(cli, path);
		write_outputs(cli, j, j->in, docs, 1, own != NULL ? own :
		    cli->render, d, &s);
	}
	tell(j, path, &s);
	ac_render_options_free(own);
	ac_doc_free(doc);
done:
	said_free(&s);
	ac_diags_free(d);
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
	threads = ecalloc((size_t)n, sizeof(*threads));
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
	const char *da = ac_doc_meta(ja->doc, "date");
	const char *db = ac_doc_meta(jb->doc, "date");
	int	 c;

	/* Undated articles last; then by name for a stable order. */
	if (da == NULL || db == NULL)
		c = (da == NULL) - (db == NULL);
	else
		c = strcmp(da, db);
	return c != 0 ? c : strcmp(ja->in->path, jb->in->path);
}

/*
 * Writes the book of docs[0..n) like a job whose input is the output's
 * name: -o FILE, or DIR/collection.EXT.  Its title: -M title=, else the
 * output file's name; its date the newest article's (AC_TIME_AUTO).  The
 * book loads no pictures, as always: the render options are changed for
 * it, the jobs being done.
 */
static int
write_book(struct cli *cli, const ac_doc *const *docs, size_t n)
{
	struct job		 sum;
	struct input		 book;
	struct said		 s = { SBUF_INIT, NULL };
	ac_diags		*d = diags_new();
	char			*name;
	int			 status;

	book.path = estrdup(cli->output);
	book.rel = estrdup("collection");
	name = estrdup(cli->output_dir ? "collection" : cli->output);
	if (strrchr(name, '.') != NULL && strrchr(name, '.') > name)
		*strrchr(name, '.') = '\0';
	check_nomem(ac_render_options_set_book_title(cli->render,
	    cli->title != NULL ? cli->title : (strrchr(name, '/') != NULL ?
	    strrchr(name, '/') + 1 : name)));
	check_nomem(ac_render_options_set_images(cli->render, 0));
	memset(&sum, 0, sizeof(sum));
	write_outputs(cli, &sum, &book, docs, n, cli->render, d, &s);
	tell(&sum, book.path, &s);
	if (sum.log.len > 0)
		fputs(sum.log.ptr, stderr);
	status = sum.status;
	said_free(&s);
	ac_diags_free(d);
	sb_free(&sum.log);
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
	const ac_doc		**docs;
	size_t			 i, n = 0;
	int			 status = EXIT_INPUT;

	order = ecalloc(r->njobs, sizeof(*order));
	docs = ecalloc(r->njobs, sizeof(*docs));
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
	r->jobs = ecalloc(in->n, sizeof(*r->jobs));
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
		ac_doc_free(r->jobs[i].doc);
		sb_free(&r->jobs[i].log);
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
	struct sbuf	 name = SBUF_INIT;
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
	sb_free(&name);
}
