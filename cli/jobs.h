/*
 * The run: one job per input; workers (-j) convert jobs and keep their
 * messages; the main thread prints each job's messages in input order,
 * shows progress on a terminal, and sums up.  Outputs do not depend on -j.
 */
#ifndef CLI_JOBS_H
#define CLI_JOBS_H

#include <pthread.h>

#include "artconv.h"
#include "batch.h"
#include "options.h"
#include "util.h"

/* One article of the run. */
struct job {
	const struct input	*in;
	int			 status;	/* EXIT_* */
	int			 skipped;	/* --update: up to date */
	int			 done;
	ac_doc			*doc;		/* kept for --combine */
	struct sbuf		 log;		/* formatted messages */
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

/* One job per input of in (which must outlive r). */
void	 run_init(struct run *r, struct cli *cli, const struct inputs *in);
void	 run_free(struct run *r);
/*
 * Runs every job with n workers, printing each job's messages in input
 * order as soon as it and all before it are done.
 */
void	 run_jobs(struct run *r, long n);
/* --combine: one output per format holding every article, in order. */
int	 write_combined(struct cli *cli, struct run *r);
struct run_counts {
	size_t	 converted, skipped, failed;
};

/* Counts the jobs done.  Returns the worst status of them and status. */
int	 run_count(const struct run *r, struct run_counts *c, int status);
/* The summary of a run of several articles (not with -q). */
void	 run_summary(const struct run *r, const struct run_counts *c);

#endif
