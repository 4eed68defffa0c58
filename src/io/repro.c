#include "repro.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Days from 1970-01-01 to a proleptic Gregorian date: the year is counted
 * from March, so that the leap day ends it, in 400-year eras of 146 097
 * days.  Exact for every date, with no table and no time zone.
 */
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

long long
repro_utc_seconds(long long year, unsigned month, unsigned day,
    long long hour, long long minute, long long second)
{
	return days_from_civil(year, month, day) * 86400 + hour * 3600 +
	    minute * 60 + second;
}

time_t
repro_article_time(const struct doc *doc)
{
	const char	*d = doc->meta[META_DATE];
	int		 y, mo, day, h = 0, mi = 0, s = 0;

	if (d == NULL || sscanf(d, "%4d-%2d-%2d", &y, &mo, &day) != 3 ||
	    mo < 1 || mo > 12 || day < 1 || day > 31)
		return 0;
	if (strlen(d) >= 16)
		sscanf(d + 11, "%2d:%2d:%2d", &h, &mi, &s);
	/* China Standard Time is eight hours ahead of UTC. */
	return (time_t)(repro_utc_seconds(y, (unsigned)mo, (unsigned)day, h,
	    mi, s) - 8 * 3600);
}

int
repro_source_date_epoch(time_t *t)
{
	const char	*s = getenv("SOURCE_DATE_EPOCH");
	char		*end;
	long long	 n;

	if (s == NULL || s[0] == '\0')
		return 0;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || n < 0 ||
	    n > REPRO_MAX_EPOCH)
		return 0;
	*t = (time_t)n;
	return 1;
}
