/*
 * Reproducible output: the one date an output carries (package metadata,
 * zip entry times) comes from a stated policy, never from the clock unless
 * asked, and is computed without the process's time zone, so that the
 * same article and options give the same bytes in any program on any
 * machine.
 *
 * The policy, shared by the command line and the library: the time in
 * SOURCE_DATE_EPOCH when it is set (the reproducible-builds convention),
 * else the article's own date (the newest one for a book of several),
 * else none (writers then use 2000-01-01T00:00:00Z).
 */
#ifndef ARTCONV_REPRO_H
#define ARTCONV_REPRO_H

#include <time.h>

#include "tree/doc.h"

/* The latest SOURCE_DATE_EPOCH accepted: 9999-12-31T23:59:59Z. */
#define REPRO_MAX_EPOCH	253402300799LL

/*
 * Seconds from 1970-01-01T00:00:00Z to the given proleptic Gregorian
 * date and time of day in UTC, by arithmetic alone (no timegm(), no TZ).
 */
long long	 repro_utc_seconds(long long year, unsigned month, unsigned day,
		    long long hour, long long minute, long long second);
/*
 * The article's date (its META_DATE, "YYYY-MM-DD" or "YYYY-MM-DD HH:MM
 * [:SS]") as a timestamp, or 0 when it has none.  Dates are China
 * Standard Time (UTC+8) unless the article says otherwise; none do.
 */
time_t		 repro_article_time(const struct doc *doc);
/*
 * SOURCE_DATE_EPOCH from the environment: 1 with *t set when it holds a
 * decimal number of seconds from 0 to REPRO_MAX_EPOCH, else 0 (unset,
 * empty or malformed: ignored).
 */
int		 repro_source_date_epoch(time_t *t);

#endif
