/*
 * instant.c - instants of local civil time (DESIGN, "Dates and working
 * calendars"): seconds since 1970-01-01T00:00, no time zone, no
 * daylight-saving jumps; days since the epoch and the proleptic
 * Gregorian calendar both ways; ISO 8601 text both ways.  Locale-free.
 */
#include "config.h"

#include "internal.h"

#include <math.h>
#include <string.h>

int64_t opflow__floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/* Days since 1970-01-01 of a civil date (month 1..12, day 1..31), and
 * back: the well-known era arithmetic of 400-year cycles. */
int64_t opflow__days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = opflow__floor_div(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void opflow__civil_from_days(int64_t *y, int *m, int *d, int64_t z)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = opflow__floor_div(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int64_t y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	                            30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

/* n digits at p, or -1. */
static int digits(const char *p, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

int opflow__parse_date(int64_t *day, const char *p, size_t len)
{
	int y, m, d;

	if (len != 10 || p[4] != '-' || p[7] != '-')
		return -1;
	y = digits(p, 4);
	m = digits(p + 5, 2);
	d = digits(p + 8, 2);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	*day = opflow__days_from_civil(y, m, d);
	return 0;
}

int opflow_instant_parse(int64_t *out, const char *text)
{
	static const char fn[] = "opflow_instant_parse";
	size_t len;
	int64_t day;
	int hh = 0, mm = 0, ss = 0;

	if (!out)
		return opflow__null_arg(fn, "out");
	if (!text)
		return opflow__null_arg(fn, "text");
	len = strlen(text);
	if (len < 10 || opflow__parse_date(&day, text, 10))
		goto bad;
	if (len > 10) {
		const char *t = text + 11;

		if ((text[10] != 'T' && text[10] != ' ') ||
		    (len != 16 && len != 19) || t[2] != ':' ||
		    (len == 19 && t[5] != ':'))
			goto bad;
		hh = digits(t, 2);
		mm = digits(t + 3, 2);
		ss = len == 19 ? digits(t + 6, 2) : 0;
		if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 ||
		    ss > 59)
			goto bad;
	}
	*out = day * 86400 + hh * 3600 + mm * 60 + ss;
	return 0;
bad:
	return opflow__error(OPFLOW_EINVAL, "%s: %K is not an instant "
	    "YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS "
	    "(years 1 to 9999)", fn, len, text);
}

/* The first and the last instant of the years 1 to 9999. */
#define FIRST_INSTANT (-62135596800LL)
#define LAST_INSTANT (253402300799LL)

int opflow__instant_in_range(int64_t t)
{
	return t >= FIRST_INSTANT && t <= LAST_INSTANT;
}

static void put_digits(char *p, int64_t v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

int opflow_instant_format(char *buf, size_t size, int64_t t)
{
	static const char fn[] = "opflow_instant_format";
	int64_t day, sod, y;
	int m, d;
	size_t need;

	if (!buf)
		return opflow__null_arg(fn, "buf");
	if (size)
		buf[0] = '\0';
	if (!opflow__instant_in_range(t))
		return opflow__error(OPFLOW_ERANGE, "%s: the instant %D is "
		    "not in the years 1 to 9999", fn, (long long)t);
	day = opflow__floor_div(t, 86400);
	sod = t - day * 86400;
	need = sod % 60 ? 20 : 17;
	if (size < need)
		return opflow__error(OPFLOW_ERANGE, "%s: %zu bytes are too few "
		    "for the instant (%zu needed)", fn, size, need);
	opflow__civil_from_days(&y, &m, &d, day);
	put_digits(buf, y, 4);
	buf[4] = '-';
	put_digits(buf + 5, m, 2);
	buf[7] = '-';
	put_digits(buf + 8, d, 2);
	buf[10] = 'T';
	put_digits(buf + 11, sod / 3600, 2);
	buf[13] = ':';
	put_digits(buf + 14, sod / 60 % 60, 2);
	if (sod % 60) {
		buf[16] = ':';
		put_digits(buf + 17, sod % 60, 2);
	}
	buf[need - 1] = '\0';
	return 0;
}

int opflow__seconds_of(int64_t *out, double units, int64_t unit)
{
	double s = round(units * (double)unit);

	if (!(fabs(s) < 3.2e11))
		return -1;
	*out = (int64_t)s;
	return 0;
}

int opflow__instant_at(int64_t *out, int64_t start, double units,
                       int64_t unit)
{
	int64_t s;

	if (opflow__seconds_of(&s, units, unit) ||
	    !opflow__instant_in_range(start + s))
		return -1;
	*out = start + s;
	return 0;
}
