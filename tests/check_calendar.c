/*
 * check_calendar.c - instants and working calendars (DESIGN, "Dates and
 * working calendars"): ISO 8601 text both ways, calendar specs read,
 * refused with the clause named and written back in canonical form, the
 * working axis of one-shift, lunch-break, two-shift, night-shift and
 * holiday calendars and of 24/7, the calendars of a graph with their
 * default, department and activity assignments and inheritance, elapsed
 * flows, the start and unit of a dated graph and the conversions between
 * times and instants.  Every expected value is worked out by hand in the
 * comment beside it; none is taken from the library's output.
 */
#include "testutil.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define M OPFLOW_CATEGORY_MANUFACTURING
#define H 3600LL
#define DAY 86400LL

/*
 * Anchors, by hand.  1970-01-01 is day 0 (a Thursday).
 * 2026-12-21: the years 1970..2025 are 56 years with 14 leap years
 * (1972, 1976, ..., 2024), 56 * 365 + 14 = 20454 days to 2026-01-01;
 * 2026 is not leap, and the days of January to November are
 * 31+28+31+30+31+30+31+31+30+31+30 = 334, so 2026-12-21 is day
 * 20454 + 334 + 20 = 20808, 20808 * 86400 = 1797811200; 20808 = 7 * 2972
 * + 4 and Thursday + 4 days is a Monday.
 * December 2026: Mon 21, Tue 22, Wed 23, Thu 24, Fri 25, Sat 26, Sun 27,
 * Mon 28, Tue 29, Wed 30, Thu 31, Fri 2027-01-01, Sat 2027-01-02.
 */
#define MON21 1797811200LL
/* 1900-01-01: 70 years back to 1970 with 17 leap years (1904 ... 1968;
 * 1900 is not leap), 70 * 365 + 17 = 25567 days, -25567 * 86400; it is a
 * Monday, since 20808 + 25567 = 46375 = 7 * 6625 days before Monday
 * 2026-12-21. */
#define MON1900 (-2208988800LL)
/* 0001-01-01: 1969 years before 1970 with 1969/4 - 1969/100 + 1969/400
 * = 492 - 19 + 4 = 477 leap years, 1969 * 365 + 477 = 719162 days,
 * -719162 * 86400 = -62135596800; 719162 = 7 * 102737 + 3 and Thursday
 * - 3 days is a Monday. */
#define FIRST (-62135596800LL)
/* 9999-12-31T23:59:59: from 0001-01-01 to 10000-01-01 are 9999 years
 * with 9999/4 - 9999/100 + 9999/400 = 2499 - 99 + 24 = 2424 leap years,
 * 9999 * 365 + 2424 = 3652059 days, so 10000-01-01 is day 3652059 -
 * 719162 = 2932897, the instant 253402300800; one second less is the
 * last instant. */
#define LAST 253402300799LL
/* 9999-12-31 is day 2932896 = 7 * 418985 + 1, Thursday + 1: a Friday;
 * so 9999-12-27 (day 2932892) is a Monday: 2932892 * 86400. */
#define MON9999 253401868800LL
/* 2024-02-29: 54 years 1970..2023 with 13 leap years (1972 ... 2020),
 * 54 * 365 + 13 = 19723 days to 2024-01-01, then 31 + 28 = 59 days:
 * day 19782, 19782 * 86400 = 1709164800. */
#define LEAP24 1709164800LL

static opflow_id cal(opflow_graph *g, const char *key, const char *spec)
{
	opflow_id id = OPFLOW_NONE;

	TU_OK(opflow_graph_add_calendar(&id, g, key, spec));
	return id;
}

static int64_t wt(const opflow_graph *g, opflow_id c, int64_t t1, int64_t t2)
{
	int64_t v = -4242;

	TU_OK(opflow_calendar_working_time(&v, g, c, t1, t2));
	return v;
}

static int64_t fin(const opflow_graph *g, opflow_id c, int64_t t, int64_t s)
{
	int64_t v = -4242;

	TU_OK(opflow_calendar_finish_after(&v, g, c, t, s));
	return v;
}

static int64_t sta(const opflow_graph *g, opflow_id c, int64_t t, int64_t s)
{
	int64_t v = -4242;

	TU_OK(opflow_calendar_start_after(&v, g, c, t, s));
	return v;
}

#define EQ64(a, b)                                                           \
	do {                                                                 \
		long long eq_a_ = (long long)(a), eq_b_ = (long long)(b);    \
		ck_assert_msg(eq_a_ == eq_b_, "%s is %lld, expected %lld",   \
		              #a, eq_a_, eq_b_);                             \
	} while (0)

/* ------------------------------------------------------------- instants */

static int64_t parse(const char *text)
{
	int64_t v = -4242;

	TU_OK(opflow_instant_parse(&v, text));
	return v;
}

static void parse_refused(const char *text)
{
	int64_t v = 4242;

	TU_FAILS(NULL, opflow_instant_parse(&v, text), OPFLOW_EINVAL,
	         "is not an instant");
	EQ64(v, 4242);
}

START_TEST(instant_parse)
{
	EQ64(parse("1970-01-01"), 0);
	EQ64(parse("1970-01-01T00:00"), 0);
	EQ64(parse("1970-01-01T00:00:00"), 0);
	EQ64(parse("1970-01-01 00:00:01"), 1);
	/* one second before the epoch */
	EQ64(parse("1969-12-31T23:59:59"), -1);
	/* 1969 is not leap: 365 days before */
	EQ64(parse("1969-01-01"), -365 * DAY);
	EQ64(parse("2026-12-21"), MON21);
	/* T or a space */
	EQ64(parse("2026-12-21T06:00"), MON21 + 6 * H);
	EQ64(parse("2026-12-21 06:00"), MON21 + 6 * H);
	/* 23:59:59 = 86399 s into the day */
	EQ64(parse("2026-12-21T23:59:59"), MON21 + 86399);
	EQ64(parse("2026-12-31T10:00"), MON21 + 10 * DAY + 10 * H);
	/* 2027-01-01 is 11 days after 2026-12-21 */
	EQ64(parse("2027-01-01"), MON21 + 11 * DAY);
	EQ64(parse("2024-02-29"), LEAP24);
	/* 12:34:56 = 12 * 3600 + 34 * 60 + 56 = 45296 s */
	EQ64(parse("2024-02-29T12:34:56"), LEAP24 + 45296);
	EQ64(parse("2024-03-01"), LEAP24 + DAY);
	/* 2000 is divisible by 400, so leap: 2000-01-01 is day 10957
	 * (30 * 365 + 7 leap years 1972 ... 1996), 946684800, and the
	 * 29th of February 59 days later */
	EQ64(parse("2000-02-29"), 946684800LL + 59 * DAY);
	EQ64(parse("1900-01-01"), MON1900);
	EQ64(parse("1900-01-01T06:00"), MON1900 + 6 * H);
	EQ64(parse("0001-01-01"), FIRST);
	EQ64(parse("0001-01-01T00:00:00"), FIRST);
	EQ64(parse("9999-12-31T23:59:59"), LAST);
	EQ64(parse("9999-12-27"), MON9999);
}
END_TEST

START_TEST(instant_parse_refused)
{
	int64_t v = 4242;

	parse_refused("2023-02-29");            /* 2023 is not leap */
	parse_refused("1900-02-29");            /* divisible by 100 only */
	parse_refused("0000-01-01");            /* year 0 */
	parse_refused("10000-01-01");           /* year 10000 */
	parse_refused("2026-12-21T24:00");      /* 24:00 only in specs */
	parse_refused("2026-12-21T23:60");
	parse_refused("2026-12-21T23:59:60");
	parse_refused("2026-12-21T25:00");
	parse_refused("2026-13-01");
	parse_refused("2026-00-10");
	parse_refused("2026-04-31");            /* April has 30 days */
	parse_refused("2026-12-32");
	parse_refused("2026-12-00");
	/* bad separators and shapes */
	parse_refused("2026/12/21");
	parse_refused("2026-12-21X06:00");
	parse_refused("2026-12-21t06:00");
	parse_refused("2026-12-21T06.00");
	parse_refused("2026-12-21T06:00.30");
	parse_refused("2026-12-21T06:00:");
	parse_refused("2026-12-21T06:00Z");
	parse_refused("2026-12-21T");
	parse_refused("2026-12-21T06");
	parse_refused("2026-12-21T6:00");
	parse_refused("2026-12-21 ");
	parse_refused(" 2026-12-21");
	parse_refused("26-12-21");
	parse_refused("2026-1-21");
	parse_refused("+2026-12-21");
	parse_refused("-001-01-01");
	parse_refused("");
	/* the message names the text */
	TU_FAILS(NULL, opflow_instant_parse(&v, "2023-02-29"), OPFLOW_EINVAL,
	         "opflow_instant_parse", "2023-02-29");
	TU_FAILS(NULL, opflow_instant_parse(NULL, "2026-12-21"), OPFLOW_EINVAL,
	         "out");
	TU_FAILS(NULL, opflow_instant_parse(&v, NULL), OPFLOW_EINVAL, "text");
	EQ64(v, 4242);
}
END_TEST

static void format_is(int64_t t, const char *expected)
{
	char buf[OPFLOW_INSTANT_SIZE];

	memset(buf, 'x', sizeof buf);
	TU_OK(opflow_instant_format(buf, sizeof buf, t));
	ck_assert_str_eq(buf, expected);
	/* and it reads back */
	EQ64(parse(buf), t);
}

START_TEST(instant_format)
{
	char buf[OPFLOW_INSTANT_SIZE];

	ck_assert_int_ge(OPFLOW_INSTANT_SIZE, 20);
	/* without seconds when they are 0, with them otherwise */
	format_is(0, "1970-01-01T00:00");
	format_is(1, "1970-01-01T00:00:01");
	format_is(-1, "1969-12-31T23:59:59");
	format_is(-365 * DAY, "1969-01-01T00:00");
	format_is(MON21 + 6 * H, "2026-12-21T06:00");
	format_is(MON21 + 6 * H + 30, "2026-12-21T06:00:30");
	format_is(MON21 + 6 * H + 90, "2026-12-21T06:01:30");
	format_is(LEAP24 + 12 * H, "2024-02-29T12:00");
	format_is(LEAP24 + DAY - 60, "2024-02-29T23:59");
	format_is(MON1900 + 6 * H, "1900-01-01T06:00");
	format_is(FIRST, "0001-01-01T00:00");
	format_is(FIRST + 59, "0001-01-01T00:00:59");
	format_is(LAST, "9999-12-31T23:59:59");
	format_is(LAST - 59, "9999-12-31T23:59");
	/* 361 days after Monday 2026-12-21: 364 days is Monday 2027-12-20,
	 * so Friday 2027-12-17 */
	format_is(MON21 + 361 * DAY + 14 * H, "2027-12-17T14:00");

	/* "YYYY-MM-DDTHH:MM" needs 17 bytes with its NUL, with ":SS" 20 */
	TU_OK(opflow_instant_format(buf, 17, MON21));
	ck_assert_str_eq(buf, "2026-12-21T00:00");
	strcpy(buf, "junk");
	TU_FAILS(NULL, opflow_instant_format(buf, 16, MON21), OPFLOW_ERANGE,
	         "too few", "17");
	ck_assert_str_eq(buf, "");
	TU_OK(opflow_instant_format(buf, 20, MON21 + 1));
	ck_assert_str_eq(buf, "2026-12-21T00:00:01");
	strcpy(buf, "junk");
	TU_FAILS(NULL, opflow_instant_format(buf, 19, MON21 + 1),
	         OPFLOW_ERANGE, "too few", "20");
	ck_assert_str_eq(buf, "");
	strcpy(buf, "junk");
	TU_FAILS(NULL, opflow_instant_format(buf, 1, MON21),
	         OPFLOW_ERANGE, "too few");
	ck_assert_str_eq(buf, "");
	/* no room at all: nothing written */
	strcpy(buf, "junk");
	TU_FAILS(NULL, opflow_instant_format(buf, 0, MON21),
	         OPFLOW_ERANGE, "too few");
	ck_assert_str_eq(buf, "junk");
	/* outside the years 1 to 9999 */
	strcpy(buf, "junk");
	TU_FAILS(NULL, opflow_instant_format(buf, sizeof buf, FIRST - 1),
	         OPFLOW_ERANGE, "1 to 9999");
	ck_assert_str_eq(buf, "");
	strcpy(buf, "junk");
	TU_FAILS(NULL, opflow_instant_format(buf, sizeof buf, LAST + 1),
	         OPFLOW_ERANGE, "1 to 9999");
	ck_assert_str_eq(buf, "");
	TU_FAILS(NULL, opflow_instant_format(buf, sizeof buf, INT64_MIN),
	         OPFLOW_ERANGE, "1 to 9999");
	TU_FAILS(NULL, opflow_instant_format(buf, sizeof buf, INT64_MAX),
	         OPFLOW_ERANGE, "1 to 9999");
	TU_FAILS(NULL, opflow_instant_format(NULL, 24, 0), OPFLOW_EINVAL,
	         "buf");
}
END_TEST

/* ------------------------------------------------------------ specs */

/* spec is refused, both as a new calendar and as a new spec for an
 * existing one, with a message naming the calendar and every needle;
 * nothing changes. */
#define SPEC_REFUSED(spec, ...)                                              \
	do {                                                                 \
		opflow_graph *sr_g_ = tu_graph();                            \
		opflow_id sr_id_ = 4242, sr_c_;                              \
		char *sr_s_ = NULL;                                          \
		sr_c_ = cal(sr_g_, "plant", "mon-fri 06:00-14:00");          \
		TU_FAILS(sr_g_, opflow_graph_add_calendar(&sr_id_, sr_g_,     \
		         "bad", (spec)), OPFLOW_EINVAL, "bad", __VA_ARGS__);  \
		ck_assert_uint_eq(sr_id_, 4242);                             \
		ck_assert_uint_eq(opflow_graph_calendar_count(sr_g_), 1);    \
		TU_FAILS(sr_g_, opflow_graph_set_calendar_spec(sr_g_, sr_c_,  \
		         (spec)), OPFLOW_EINVAL, "plant", __VA_ARGS__);       \
		TU_OK(opflow_graph_calendar_spec(&sr_s_, NULL, sr_g_, sr_c_)); \
		ck_assert_str_eq(sr_s_, "mon-fri 06:00-14:00");              \
		opflow_free(sr_s_);                                          \
		opflow_graph_free(sr_g_);                                    \
	} while (0)

START_TEST(spec_refused)
{
	/* a weekday named twice, alone or in a range */
	SPEC_REFUSED("mon 06:00-14:00; mon 08:00-10:00", "mon 08:00-10:00",
	             "mon is named twice");
	SPEC_REFUSED("mon-fri 06:00-14:00; wed off", "wed off",
	             "wed is named twice");
	SPEC_REFUSED("mon-wed 06:00-14:00; tue-fri 06:00-14:00",
	             "tue-fri 06:00-14:00", "tue is named twice");
	/* the night shift written with a weekday twice */
	SPEC_REFUSED("mon 22:00-24:00; tue-fri 00:00-06:00; "
	             "tue-fri 22:00-24:00; sat 00:00-06:00",
	             "tue-fri 22:00-24:00", "tue is named twice");
	/* a date in two exceptions: 2026-12-26 is in the range and alone */
	SPEC_REFUSED("mon-fri 06:00-14:00; 2026-12-24..2026-12-26 off; "
	             "2026-12-26 06:00-10:00", "2026-12-26 is in two "
	             "exceptions", "2026-12-24..2026-12-26 off",
	             "2026-12-26 06:00-10:00");
	/* listed the other way round, the same day is named */
	SPEC_REFUSED("mon-fri 06:00-14:00; 2026-12-26 06:00-10:00; "
	             "2026-12-24..2026-12-26 off", "2026-12-26 is in two "
	             "exceptions");
	/* two ranges overlapping on 2026-12-28 and 2026-12-29 */
	SPEC_REFUSED("mon-fri 06:00-14:00; 2026-12-24..2026-12-29 off; "
	             "2026-12-28..2027-01-02 off", "2026-12-28 is in two "
	             "exceptions");
	SPEC_REFUSED("mon-fri 06:00-14:00; 2026-12-24 off; 2026-12-24 off",
	             "2026-12-24 is in two exceptions");
	/* a range of dates ending before it starts */
	SPEC_REFUSED("mon-fri 06:00-14:00; 2026-12-26..2026-12-24 off",
	             "2026-12-26..2026-12-24 off",
	             "the range of dates ends before it starts");
	/* bad times */
	SPEC_REFUSED("mon 06:00-25:00", "mon 06:00-25:00",
	             "an interval is not HH:MM-HH:MM");
	SPEC_REFUSED("mon 12:60-14:00", "mon 12:60-14:00",
	             "an interval is not HH:MM-HH:MM");
	SPEC_REFUSED("mon 24:01-24:00", "an interval is not HH:MM-HH:MM");
	SPEC_REFUSED("mon 6:00-14:00", "mon 6:00-14:00",
	             "an interval is not HH:MM-HH:MM");
	SPEC_REFUSED("mon 06:00-14:00,14:00-22:00",
	             "an interval is not HH:MM-HH:MM");
	SPEC_REFUSED("mon 06:00 14:00", "an interval is not HH:MM-HH:MM");
	SPEC_REFUSED("mon off 06:00-14:00; tue 06:00-14:00",
	             "mon off 06:00-14:00", "an interval is not HH:MM-HH:MM");
	/* unsorted, overlapping */
	SPEC_REFUSED("mon 14:00-22:00 06:00-14:00", "mon 14:00-22:00 "
	             "06:00-14:00", "intervals are unsorted or overlap");
	SPEC_REFUSED("mon 06:00-14:00 13:00-22:00", "mon 06:00-14:00 "
	             "13:00-22:00", "intervals are unsorted or overlap");
	SPEC_REFUSED("tue 06:00-14:00; 2026-12-24 08:00-12:00 11:59-13:00",
	             "2026-12-24 08:00-12:00 11:59-13:00",
	             "intervals are unsorted or overlap");
	/* start >= end */
	SPEC_REFUSED("mon 14:00-06:00", "mon 14:00-06:00",
	             "an interval ends before it starts");
	SPEC_REFUSED("mon 10:00-10:00", "mon 10:00-10:00",
	             "an interval ends before it starts");
	SPEC_REFUSED("mon 24:00-24:00", "an interval ends before it starts");
	/* no working time in the week (exceptions do not count) */
	SPEC_REFUSED("mon off; sat off", "no working time in its week");
	SPEC_REFUSED("2026-12-27 08:00-12:00", "no working time in its week");
	SPEC_REFUSED("", "no working time in its week");
	SPEC_REFUSED(" ; ", "no working time in its week");
	/* unknown selectors */
	SPEC_REFUSED("monday 06:00-14:00", "monday 06:00-14:00",
	             "not a weekday");
	SPEC_REFUSED("xyz 06:00-14:00", "xyz 06:00-14:00", "not a weekday");
	SPEC_REFUSED("Mon 06:00-14:00", "Mon 06:00-14:00", "not a weekday");
	SPEC_REFUSED("mon+fri 06:00-14:00", "not a weekday");
	SPEC_REFUSED("mon-fri 06:00-14:00; 2026-12-24...2026-12-26 off",
	             "not a weekday");
	SPEC_REFUSED("mon-fri 06:00-14:00; 2026-02-29 off",
	             "2026-02-29 off", "a date is not YYYY-MM-DD");
	SPEC_REFUSED("mon-fri 06:00-14:00; 0000-12-24 off",
	             "a date is not YYYY-MM-DD");
	/* no work given */
	SPEC_REFUSED("mon", "mon", "neither \"off\" nor working intervals");
	SPEC_REFUSED("mon-fri 06:00-14:00; 2026-12-24",
	             "neither \"off\" nor working intervals");
	/* a range of weekdays does not wrap */
	SPEC_REFUSED("fri-mon 06:00-14:00", "fri-mon 06:00-14:00",
	             "a range of weekdays goes from Monday towards Sunday");
}
END_TEST

static void canonical_is(const char *spec, const char *expected)
{
	opflow_graph *g = tu_graph();
	opflow_id c = cal(g, "c", spec);
	char *s = NULL;
	size_t len = 4242;

	TU_OK(opflow_graph_calendar_spec(&s, &len, g, c));
	ck_assert_msg(strcmp(s, expected) == 0, "\"%s\" reads as \"%s\", "
	              "expected \"%s\"", spec, s, expected);
	ck_assert_uint_eq(len, strlen(expected));
	/* the canonical form reads back as itself; the key lent before
	 * stays where it was */
	{
		const char *key, *again;

		TU_OK(opflow_graph_calendar_key(&key, g, c));
		TU_OK(opflow_graph_set_calendar_spec(g, c, s));
		TU_OK(opflow_graph_calendar_key(&again, g, c));
		ck_assert_ptr_eq(key, again);
		ck_assert_str_eq(key, "c");
	}
	opflow_free(s);
	s = NULL;
	TU_OK(opflow_graph_calendar_spec(&s, NULL, g, c));
	ck_assert_str_eq(s, expected);
	opflow_free(s);
	opflow_graph_free(g);
}

START_TEST(spec_canonical)
{
	/* already canonical */
	canonical_is("mon-fri 06:00-14:00 14:00-22:00; sat 06:00-12:00; "
	             "2026-12-24..2026-12-26 off; 2026-12-31 06:00-10:00",
	             "mon-fri 06:00-14:00 14:00-22:00; sat 06:00-12:00; "
	             "2026-12-24..2026-12-26 off; 2026-12-31 06:00-10:00");
	/* touching intervals stay two */
	canonical_is("mon-fri 06:00-14:00 14:00-22:00",
	             "mon-fri 06:00-14:00 14:00-22:00");
	/* five weekdays alike merge into mon-fri */
	canonical_is("mon 06:00-14:00; tue 06:00-14:00; wed 06:00-14:00; "
	             "thu 06:00-14:00; fri 06:00-14:00", "mon-fri 06:00-14:00");
	canonical_is("thu-fri 06:00-14:00; mon-wed 06:00-14:00",
	             "mon-fri 06:00-14:00");
	/* only consecutive days merge */
	canonical_is("mon 06:00-14:00; wed 06:00-14:00",
	             "mon 06:00-14:00; wed 06:00-14:00");
	canonical_is("mon 06:00-14:00; tue 06:00-14:00; wed 08:00-12:00; "
	             "thu 06:00-14:00",
	             "mon-tue 06:00-14:00; wed 08:00-12:00; thu 06:00-14:00");
	/* weekdays in order, days without work omitted */
	canonical_is("sun off; sat 06:00-12:00; mon-fri 06:00-14:00",
	             "mon-fri 06:00-14:00; sat 06:00-12:00");
	canonical_is("mon off; tue-fri 06:00-14:00; sat off; sun off",
	             "tue-fri 06:00-14:00");
	canonical_is("mon-sun 00:00-24:00", "mon-sun 00:00-24:00");
	canonical_is("sun 08:00-12:00", "sun 08:00-12:00");
	canonical_is("mon 06:30-14:45", "mon 06:30-14:45");
	/* the night shift, already canonical */
	canonical_is("mon 22:00-24:00; tue-fri 00:00-06:00 22:00-24:00; "
	             "sat 00:00-06:00",
	             "mon 22:00-24:00; tue-fri 00:00-06:00 22:00-24:00; "
	             "sat 00:00-06:00");
	/* exceptions sorted by date, after the weekdays; "off" kept; a
	 * range of one day written as a date */
	canonical_is("2026-12-31 06:00-10:00; 2026-12-24..2026-12-26 off; "
	             "mon-fri 06:00-14:00; 2026-12-01..2026-12-01 off",
	             "mon-fri 06:00-14:00; 2026-12-01 off; "
	             "2026-12-24..2026-12-26 off; 2026-12-31 06:00-10:00");
	/* an exception on a day that does not work anyway is kept */
	canonical_is("mon-fri 06:00-14:00; 2026-12-27 off",
	             "mon-fri 06:00-14:00; 2026-12-27 off");
	/* spaces, tabs and new lines around and between */
	canonical_is("  mon-fri\t06:00-14:00   14:00-22:00 ;\n sat  06:00-12:00 ",
	             "mon-fri 06:00-14:00 14:00-22:00; sat 06:00-12:00");
	/* across years 1 and 9999 */
	canonical_is("mon-fri 06:00-14:00; 9999-12-31 off; "
	             "0001-01-01..0001-01-02 off",
	             "mon-fri 06:00-14:00; 0001-01-01..0001-01-02 off; "
	             "9999-12-31 off");
}
END_TEST

/* ------------------------------------------------------------ working axis */

START_TEST(axis_one_shift)
{
	opflow_graph *g = tu_graph();
	opflow_id c = cal(g, "one-shift", "mon-fri 06:00-14:00");

	/* Mon 06:00 + 8 h: the shift ends at 14:00, and that is the finish
	 * (the first instant with the work done), not Tue 06:00 */
	EQ64(fin(g, c, MON21 + 6 * H, 8 * H), MON21 + 14 * H);
	/* the start after 8 h is the last instant with that much done: the
	 * next working period, Tue 06:00 */
	EQ64(sta(g, c, MON21 + 6 * H, 8 * H), MON21 + DAY + 6 * H);
	/* from 05:00 nothing works until 06:00: 8 h end at 14:00 again */
	EQ64(fin(g, c, MON21 + 5 * H, 8 * H), MON21 + 14 * H);
	/* 0 s: a finish is t itself, a start the next working instant */
	EQ64(fin(g, c, MON21 + 6 * H, 0), MON21 + 6 * H);
	EQ64(fin(g, c, MON21 + 15 * H, 0), MON21 + 15 * H);
	EQ64(sta(g, c, MON21 + 5 * H, 0), MON21 + 6 * H);
	EQ64(sta(g, c, MON21 + 15 * H, 0), MON21 + DAY + 6 * H);
	EQ64(sta(g, c, MON21 + 10 * H, 0), MON21 + 10 * H);
	/* Mon 10:00 + 2 h 30 s: 12:00:30 */
	EQ64(fin(g, c, MON21 + 10 * H, 2 * H + 30), MON21 + 12 * H + 30);
	/* the weekend: Fri 25 10:00 + 8 h is 4 h on Friday (10-14), 4 h on
	 * Monday 28 (06-10): Mon 28 10:00 */
	EQ64(fin(g, c, MON21 + 4 * DAY + 10 * H, 8 * H), MON21 + 7 * DAY + 10 * H);
	/* Fri 14:00 + 0: start on Mon 28 06:00 */
	EQ64(sta(g, c, MON21 + 4 * DAY + 14 * H, 0), MON21 + 7 * DAY + 6 * H);
	/* Sat 26 10:00: the next start is Mon 28 06:00 */
	EQ64(sta(g, c, MON21 + 5 * DAY + 10 * H, 0), MON21 + 7 * DAY + 6 * H);
	/* a week is 5 * 8 h = 40 h = 144000 s; backwards negative */
	EQ64(wt(g, c, MON21, MON21 + 7 * DAY), 144000);
	EQ64(wt(g, c, MON21 + 7 * DAY, MON21), -144000);
	EQ64(wt(g, c, MON21 + 10 * H, MON21 + 10 * H), 0);
	/* Mon 10:00 to Tue 08:00: 4 h + 2 h */
	EQ64(wt(g, c, MON21 + 10 * H, MON21 + DAY + 8 * H), 6 * H);
	/* the weekend does not work */
	EQ64(wt(g, c, MON21 + 5 * DAY, MON21 + 7 * DAY), 0);
	EQ64(wt(g, c, MON21 + 4 * DAY + 14 * H, MON21 + 7 * DAY + 6 * H), 0);
	/* two weeks of work from Mon 06:00: 80 h end on Fri 2027-01-01
	 * 14:00, 11 days later */
	EQ64(fin(g, c, MON21 + 6 * H, 80 * H), MON21 + 11 * DAY + 14 * H);
	/* 52 weeks (2080 h) end on the Friday of the 52nd week, 51 * 7 + 4
	 * = 361 days later: Fri 2027-12-17 14:00 */
	EQ64(fin(g, c, MON21 + 6 * H, 2080 * H), MON21 + 361 * DAY + 14 * H);
	/* negative seconds: Mon 28 07:00 - 1 h reaches the W of Mon 28
	 * 06:00, which is also that of Fri 25 14:00: the first instant with
	 * it is Fri 14:00, the last Mon 06:00 */
	EQ64(fin(g, c, MON21 + 7 * DAY + 7 * H, -H), MON21 + 4 * DAY + 14 * H);
	EQ64(sta(g, c, MON21 + 7 * DAY + 7 * H, -H), MON21 + 7 * DAY + 6 * H);
	/* Mon 28 08:00 - 4 h: 2 h back to Mon 06:00, 2 more on Friday from
	 * 14:00: Fri 12:00, working, so first and last agree */
	EQ64(fin(g, c, MON21 + 7 * DAY + 8 * H, -4 * H), MON21 + 4 * DAY + 12 * H);
	EQ64(sta(g, c, MON21 + 7 * DAY + 8 * H, -4 * H), MON21 + 4 * DAY + 12 * H);
	/* 8 h back from Mon 28 06:00 (W of Fri 14:00) is Fri 06:00, whose
	 * W is also Thu 14:00's: first Thu 14:00, last Fri 06:00 */
	EQ64(fin(g, c, MON21 + 7 * DAY + 6 * H, -8 * H), MON21 + 3 * DAY + 14 * H);
	EQ64(sta(g, c, MON21 + 7 * DAY + 6 * H, -8 * H), MON21 + 4 * DAY + 6 * H);
	/* the epoch's own week: Thu 1970-01-01 and Fri 1970-01-02 work */
	EQ64(wt(g, c, 0, 7 * DAY), 144000);
	EQ64(fin(g, c, 0, 8 * H), 14 * H);
	EQ64(sta(g, c, 0, 16 * H), 4 * DAY + 6 * H);    /* Mon 1970-01-05 */
	/* across the epoch: Wed 1969-12-31 10:00 to Thu 1970-01-01 10:00 is
	 * 4 h + 4 h */
	EQ64(wt(g, c, -14 * H, 10 * H), 8 * H);
	EQ64(fin(g, c, -14 * H, 8 * H), 10 * H);
	opflow_graph_free(g);
}
END_TEST

START_TEST(axis_lunch_break)
{
	opflow_graph *g = tu_graph();
	opflow_id c = cal(g, "office", "mon-fri 08:00-12:00 13:00-17:00");

	/* 4 h from Mon 08:00 end at 12:00; the next 4 h start after lunch */
	EQ64(fin(g, c, MON21 + 8 * H, 4 * H), MON21 + 12 * H);
	EQ64(sta(g, c, MON21 + 8 * H, 4 * H), MON21 + 13 * H);
	/* Mon 10:00 + 3 h: 2 h to 12:00, 1 h from 13:00: 14:00 */
	EQ64(fin(g, c, MON21 + 10 * H, 3 * H), MON21 + 14 * H);
	/* in the break: a finish stays, a start waits for 13:00; one
	 * second of work ends at 13:00:01 */
	EQ64(fin(g, c, MON21 + 12 * H + 1800, 0), MON21 + 12 * H + 1800);
	EQ64(sta(g, c, MON21 + 12 * H + 1800, 0), MON21 + 13 * H);
	EQ64(fin(g, c, MON21 + 12 * H + 1800, 1), MON21 + 13 * H + 1);
	/* Mon 11:00 to 14:00: 1 h + 1 h; the break alone: 0 */
	EQ64(wt(g, c, MON21 + 11 * H, MON21 + 14 * H), 2 * H);
	EQ64(wt(g, c, MON21 + 12 * H + 900, MON21 + 12 * H + 2700), 0);
	/* a day 8 h, a week 40 h */
	EQ64(wt(g, c, MON21, MON21 + DAY), 8 * H);
	EQ64(wt(g, c, MON21, MON21 + 7 * DAY), 40 * H);
	/* Fri 25 16:00 + 2 h: 1 h on Friday, Mon 28 08:00-09:00 */
	EQ64(fin(g, c, MON21 + 4 * DAY + 16 * H, 2 * H), MON21 + 7 * DAY + 9 * H);
	/* Mon 14:00 - 3 h: 1 h back to 13:00, the break, 2 h back from
	 * 12:00: 10:00 */
	EQ64(fin(g, c, MON21 + 14 * H, -3 * H), MON21 + 10 * H);
	/* Mon 14:00 - 1 h: 13:00 has the W of 12:00: first 12:00, last 13:00 */
	EQ64(fin(g, c, MON21 + 14 * H, -H), MON21 + 12 * H);
	EQ64(sta(g, c, MON21 + 14 * H, -H), MON21 + 13 * H);
	opflow_graph_free(g);
}
END_TEST

/* The two-shift calendar of the specification with its holidays. */
static const char two_shift[] =
	"mon-fri 06:00-14:00 14:00-22:00; sat 06:00-12:00; "
	"2026-12-24..2026-12-26 off; 2026-12-31 06:00-10:00";

START_TEST(axis_two_shift_holidays)
{
	opflow_graph *g = tu_graph();
	opflow_id c = cal(g, "two-shift", two_shift);

	/* Mon 2026-12-21 06:00 + 20 h: Mon 06-22 is 16 h, 4 more on Tue:
	 * Tue 10:00 */
	EQ64(fin(g, c, MON21 + 6 * H, 20 * H), MON21 + DAY + 10 * H);
	/* 16 h end at Mon 22:00, and the next 16 h start on Tue 06:00 */
	EQ64(fin(g, c, MON21 + 6 * H, 16 * H), MON21 + 22 * H);
	EQ64(sta(g, c, MON21 + 6 * H, 16 * H), MON21 + DAY + 6 * H);
	/* touching shifts: 14:00 is working, so the start after 8 h is
	 * 14:00 itself */
	EQ64(fin(g, c, MON21 + 6 * H, 8 * H), MON21 + 14 * H);
	EQ64(sta(g, c, MON21 + 6 * H, 8 * H), MON21 + 14 * H);
	/* the week of Dec 21: Mon, Tue, Wed 16 h each, Thu to Sat off, Sun
	 * does not work: 48 h */
	EQ64(wt(g, c, MON21, MON21 + 7 * DAY), 48 * H);
	/* Sat 26 would work 06-12 but is a holiday */
	EQ64(wt(g, c, MON21 + 5 * DAY, MON21 + 6 * DAY), 0);
	/* Wed 23 20:00 + 4 h: 2 h to 22:00, then Thu 24 to Sun 27 do not
	 * work, Mon 28 06:00-08:00 */
	EQ64(fin(g, c, MON21 + 2 * DAY + 20 * H, 4 * H), MON21 + 7 * DAY + 8 * H);
	EQ64(sta(g, c, MON21 + 2 * DAY + 22 * H, 0), MON21 + 7 * DAY + 6 * H);
	/* the week of Dec 28: Mon, Tue, Wed 16 h, Thu 31 its own 4 h, Fri
	 * 2027-01-01 16 h, Sat 6 h: 74 h */
	EQ64(wt(g, c, MON21 + 7 * DAY, MON21 + 14 * DAY), 74 * H);
	/* the shorter day: Wed 30 22:00 starts again on Thu 31 06:00; 4 h
	 * from there end at 10:00, and the next start is Fri 06:00 */
	EQ64(sta(g, c, MON21 + 9 * DAY + 22 * H, 0), MON21 + 10 * DAY + 6 * H);
	EQ64(fin(g, c, MON21 + 10 * DAY + 6 * H, 4 * H), MON21 + 10 * DAY + 10 * H);
	EQ64(sta(g, c, MON21 + 10 * DAY + 6 * H, 4 * H), MON21 + 11 * DAY + 6 * H);
	/* Thu 31 08:00 + 4 h: 2 h to 10:00, 2 h on Fri 2027-01-01 */
	EQ64(fin(g, c, MON21 + 10 * DAY + 8 * H, 4 * H), MON21 + 11 * DAY + 8 * H);
	/* Thu 31 12:00 is after its hours */
	EQ64(wt(g, c, MON21 + 10 * DAY + 10 * H, MON21 + 10 * DAY + 22 * H), 0);
	/* Sat 2027-01-02: 06-12 */
	EQ64(wt(g, c, MON21 + 12 * DAY, MON21 + 13 * DAY), 6 * H);
	/* Mon 21 06:00 + 48 h ends with Wed 23 at 22:00; + 48 h + 1 s needs
	 * Mon 28 06:00:01 */
	EQ64(fin(g, c, MON21 + 6 * H, 48 * H), MON21 + 2 * DAY + 22 * H);
	EQ64(fin(g, c, MON21 + 6 * H, 48 * H + 1), MON21 + 7 * DAY + 6 * H + 1);
	/* backwards over the holidays: Mon 28 07:00 - 2 h is 1 h back to
	 * Mon 06:00, then Wed 23 21:00 */
	EQ64(fin(g, c, MON21 + 7 * DAY + 7 * H, -2 * H), MON21 + 2 * DAY + 21 * H);
	/* weeks before the holidays are plain: 80 + 6 = 86 h */
	EQ64(wt(g, c, MON21 - 7 * DAY, MON21), 86 * H);
	/* and after them: the week of 2027-01-04 */
	EQ64(wt(g, c, MON21 + 14 * DAY, MON21 + 21 * DAY), 86 * H);
	/* from 1900-01-01 (a Monday) to 2026-12-21: 6625 plain weeks */
	EQ64(wt(g, c, MON1900, MON21), 6625LL * 86 * H);
	opflow_graph_free(g);
}
END_TEST

START_TEST(axis_exceptions)
{
	opflow_graph *g = tu_graph();
	/* Tue 22 off, Thu 24 two hours, Sat 26 two hours */
	opflow_id c = cal(g, "mixed", "mon-fri 06:00-14:00; 2026-12-22 off; "
	                  "2026-12-24 10:00-12:00; 2026-12-26 06:00-08:00");
	/* a range across a weekend that works 2 h every day, Sat and Sun
	 * included: Thu 24 to Tue 29 */
	opflow_id r = cal(g, "range", "mon-fri 06:00-14:00; "
	                  "2026-12-24..2026-12-29 10:00-12:00");
	/* work on a Sunday only by exception */
	opflow_id s = cal(g, "sunday", "mon-fri 06:00-14:00; "
	                  "2026-12-27 08:00-12:00");

	/* the week of Dec 21: Mon 8, Tue 0, Wed 8, Thu 2, Fri 8, Sat 2 = 28 h;
	 * the next one plain, 40 h; the one before, 40 h */
	EQ64(wt(g, c, MON21, MON21 + 7 * DAY), 28 * H);
	EQ64(wt(g, c, MON21, MON21 + 14 * DAY), 68 * H);
	EQ64(wt(g, c, MON21 - 7 * DAY, MON21), 40 * H);
	EQ64(wt(g, c, MON21 + 14 * DAY, MON21 + 21 * DAY), 40 * H);
	/* Mon 06:00 + 8 h ends Mon 14:00, the next start skips Tue: Wed */
	EQ64(sta(g, c, MON21 + 6 * H, 8 * H), MON21 + 2 * DAY + 6 * H);
	/* + 17 h: Mon 8, Wed 8, then Thu 10:00-11:00 */
	EQ64(fin(g, c, MON21 + 6 * H, 17 * H), MON21 + 3 * DAY + 11 * H);
	/* + 28 h: the whole week, ending Sat 26 08:00; the next start Mon 28
	 * 06:00; + 30 h: Mon 28 08:00 */
	EQ64(fin(g, c, MON21 + 6 * H, 28 * H), MON21 + 5 * DAY + 8 * H);
	EQ64(sta(g, c, MON21 + 6 * H, 28 * H), MON21 + 7 * DAY + 6 * H);
	EQ64(fin(g, c, MON21 + 6 * H, 30 * H), MON21 + 7 * DAY + 8 * H);
	/* Thu 24 from 00:00 to 24:00 is its 2 h */
	EQ64(wt(g, c, MON21 + 3 * DAY, MON21 + 4 * DAY), 2 * H);

	/* range: Thu 24 to Tue 29 are 6 days of 2 h = 12 h */
	EQ64(wt(g, r, MON21 + 3 * DAY, MON21 + 9 * DAY), 12 * H);
	EQ64(wt(g, r, MON21, MON21 + 7 * DAY), 3 * 8 * H + 4 * 2 * H);
	/* Wed 23 12:00 + 2 h ends at Wed 14:00; the next start is Thu 10:00 */
	EQ64(fin(g, r, MON21 + 2 * DAY + 12 * H, 2 * H), MON21 + 2 * DAY + 14 * H);
	EQ64(sta(g, r, MON21 + 2 * DAY + 12 * H, 2 * H), MON21 + 3 * DAY + 10 * H);
	/* + 7 h: Wed 2, Thu 2, Fri 2, Sat 10:00-11:00 */
	EQ64(fin(g, r, MON21 + 2 * DAY + 12 * H, 7 * H), MON21 + 5 * DAY + 11 * H);
	/* + 14 h: Wed 2 and the 12 h of the range, ending Tue 29 12:00; the
	 * next start Wed 30 06:00 */
	EQ64(fin(g, r, MON21 + 2 * DAY + 12 * H, 14 * H), MON21 + 8 * DAY + 12 * H);
	EQ64(sta(g, r, MON21 + 2 * DAY + 12 * H, 14 * H), MON21 + 9 * DAY + 6 * H);
	/* Sun 27 11:00 - 3 h: 1 h back to Sun 10:00 (the W of Sat 12:00),
	 * 2 h more: Sat 10:00, whose W is also that of Fri 25 12:00 (the
	 * range works nothing before 10:00): first Fri 12:00, last Sat 10:00 */
	EQ64(fin(g, r, MON21 + 6 * DAY + 11 * H, -3 * H), MON21 + 4 * DAY + 12 * H);
	EQ64(sta(g, r, MON21 + 6 * DAY + 11 * H, -3 * H), MON21 + 5 * DAY + 10 * H);

	/* sunday: Fri 25 12:00 + 4 h: 2 h on Friday, Sun 27 08:00-10:00 */
	EQ64(fin(g, s, MON21 + 4 * DAY + 12 * H, 4 * H), MON21 + 6 * DAY + 10 * H);
	EQ64(wt(g, s, MON21 + 6 * DAY, MON21 + 7 * DAY), 4 * H);
	EQ64(wt(g, s, MON21, MON21 + 7 * DAY), 44 * H);
	/* Sun 27 12:00 + 0: the next start is Mon 28 06:00 */
	EQ64(sta(g, s, MON21 + 6 * DAY + 12 * H, 0), MON21 + 7 * DAY + 6 * H);
	/* Sun 3 Jan 2027 does not work */
	EQ64(wt(g, s, MON21 + 13 * DAY, MON21 + 14 * DAY), 0);
	opflow_graph_free(g);
}
END_TEST

START_TEST(axis_night_shift)
{
	opflow_graph *g = tu_graph();
	/* the night shift 22:00-06:00 from Monday night to Saturday
	 * morning, each weekday named once */
	opflow_id c = cal(g, "night", "mon 22:00-24:00; "
	                  "tue-fri 00:00-06:00 22:00-24:00; sat 00:00-06:00");

	/* a week: Mon 2 + Tue..Fri 4 * 8 + Sat 6 = 40 h */
	EQ64(wt(g, c, MON21, MON21 + 7 * DAY), 40 * H);
	/* a night: Mon 22:00 + 8 h: 2 h to midnight, 6 h on Tuesday:
	 * Tue 06:00; the next 8 h start on Tue 22:00 */
	EQ64(fin(g, c, MON21 + 22 * H, 8 * H), MON21 + DAY + 6 * H);
	EQ64(sta(g, c, MON21 + 22 * H, 8 * H), MON21 + DAY + 22 * H);
	/* midnight is no break: Mon 23:00 + 1 h ends and starts at Tue
	 * 00:00; + 2 h is Tue 01:00 */
	EQ64(fin(g, c, MON21 + 23 * H, H), MON21 + DAY);
	EQ64(sta(g, c, MON21 + 23 * H, H), MON21 + DAY);
	EQ64(fin(g, c, MON21 + 23 * H, 2 * H), MON21 + DAY + H);
	EQ64(wt(g, c, MON21 + 23 * H, MON21 + DAY + H), 2 * H);
	/* Fri 25 22:00 + 8 h: Sat 26 06:00; then nothing until Mon 28 22:00 */
	EQ64(fin(g, c, MON21 + 4 * DAY + 22 * H, 8 * H), MON21 + 5 * DAY + 6 * H);
	EQ64(sta(g, c, MON21 + 5 * DAY + 6 * H, 0), MON21 + 7 * DAY + 22 * H);
	/* Mon 21 06:00 + 0: the first night starts at 22:00 */
	EQ64(sta(g, c, MON21 + 6 * H, 0), MON21 + 22 * H);
	/* Tue 12:00 - 3 h: back to Tue 06:00 (its W), 3 h back: Tue 03:00 */
	EQ64(fin(g, c, MON21 + DAY + 12 * H, -3 * H), MON21 + DAY + 3 * H);
	/* the day shift of Tuesday does not work */
	EQ64(wt(g, c, MON21 + DAY + 6 * H, MON21 + DAY + 22 * H), 0);
	opflow_graph_free(g);
}
END_TEST

START_TEST(axis_24x7)
{
	opflow_graph *g = tu_graph();
	opflow_id full = cal(g, "24x7", "mon-sun 00:00-24:00");
	opflow_id ids[2] = { OPFLOW_NONE, 0 };

	ids[1] = full;
	/* OPFLOW_NONE and a calendar working every instant: W(t) = t */
	for (int i = 0; i < 2; i++) {
		opflow_id c = ids[i];

		EQ64(wt(g, c, 0, 100), 100);
		EQ64(wt(g, c, 100, 0), -100);
		EQ64(wt(g, c, MON21, MON21 + 7 * DAY), 7 * DAY);
		EQ64(fin(g, c, MON21, 5), MON21 + 5);
		EQ64(sta(g, c, MON21, 5), MON21 + 5);
		EQ64(sta(g, c, MON21 + 3 * H, 0), MON21 + 3 * H);
		EQ64(fin(g, c, MON21, -5), MON21 - 5);
		EQ64(sta(g, c, MON21, -5), MON21 - 5);
		EQ64(fin(g, c, MON21 + 5 * DAY + 23 * H, 2 * H),
		     MON21 + 6 * DAY + H);
		/* the whole range: LAST - FIRST = 253402300799 +
		 * 62135596800 */
		EQ64(wt(g, c, FIRST, LAST), 315537897599LL);
		/* up to the last instant, not past it */
		EQ64(fin(g, c, LAST - 10, 10), LAST);
		EQ64(sta(g, c, LAST - 10, 10), LAST);
		EQ64(fin(g, c, FIRST + 10, -10), FIRST);
		{
			int64_t v = 4242;

			TU_FAILS(g, opflow_calendar_finish_after(&v, g, c,
			         LAST - 10, 11), OPFLOW_ERANGE, "1 to 9999");
			TU_FAILS(g, opflow_calendar_start_after(&v, g, c,
			         FIRST + 10, -11), OPFLOW_ERANGE, "1 to 9999");
			EQ64(v, 4242);
		}
	}
	opflow_graph_free(g);
}
END_TEST

START_TEST(axis_far_instants)
{
	opflow_graph *g = tu_graph();
	opflow_id c = cal(g, "one-shift", "mon-fri 06:00-14:00");
	int64_t v = 4242;

	/* 1900-01-01 is a Monday */
	EQ64(fin(g, c, MON1900 + 6 * H, 8 * H), MON1900 + 14 * H);
	EQ64(sta(g, c, MON1900 + 6 * H, 8 * H), MON1900 + DAY + 6 * H);
	EQ64(wt(g, c, MON1900, MON1900 + 7 * DAY), 40 * H);
	/* 6625 weeks of 40 h to Monday 2026-12-21 */
	EQ64(wt(g, c, MON1900, MON21), 6625LL * 40 * H);
	EQ64(wt(g, c, MON21, MON1900), -6625LL * 40 * H);
	/* and back: 6625 weeks after Mon 1900-01-01 06:00 end on the
	 * Friday before 2026-12-21 at 14:00 */
	EQ64(fin(g, c, MON1900 + 6 * H, 6625LL * 40 * H),
	     MON21 - 3 * DAY + 14 * H);
	EQ64(sta(g, c, MON1900 + 6 * H, 6625LL * 40 * H), MON21 + 6 * H);
	/* year 1: 0001-01-01 is a Monday */
	EQ64(fin(g, c, FIRST, 8 * H), FIRST + 14 * H);
	EQ64(wt(g, c, FIRST, FIRST + 7 * DAY), 40 * H);
	/* 0001-01-01 10:00 - 3 h is 07:00; - 4 h reaches the W of 06:00,
	 * first reached on a Friday of the year 0: out of range, while the
	 * last instant with it, 06:00, is in range */
	EQ64(fin(g, c, FIRST + 10 * H, -3 * H), FIRST + 7 * H);
	EQ64(sta(g, c, FIRST + 10 * H, -4 * H), FIRST + 6 * H);
	TU_FAILS(g, opflow_calendar_finish_after(&v, g, c, FIRST + 10 * H,
	         -4 * H), OPFLOW_ERANGE, "opflow_calendar_finish_after");
	TU_FAILS(g, opflow_calendar_start_after(&v, g, c, FIRST + 10 * H,
	         -5 * H), OPFLOW_ERANGE, "opflow_calendar_start_after");
	/* 9999-12-27 is a Monday, 9999-12-31 a Friday: that week works
	 * 40 h up to the last instant */
	EQ64(wt(g, c, MON9999, LAST), 40 * H);
	EQ64(fin(g, c, MON9999 + 4 * DAY + 6 * H, 8 * H),
	     MON9999 + 4 * DAY + 14 * H);
	EQ64(fin(g, c, MON9999 + 4 * DAY + 14 * H, 0),
	     MON9999 + 4 * DAY + 14 * H);
	/* but what would end or start on Monday 10000-01-03 is out of range */
	TU_FAILS(g, opflow_calendar_finish_after(&v, g, c,
	         MON9999 + 4 * DAY + 10 * H, 8 * H), OPFLOW_ERANGE, "1 to 9999");
	TU_FAILS(g, opflow_calendar_start_after(&v, g, c,
	         MON9999 + 4 * DAY + 6 * H, 8 * H), OPFLOW_ERANGE, "1 to 9999");
	TU_FAILS(g, opflow_calendar_start_after(&v, g, c,
	         MON9999 + 4 * DAY + 14 * H, 0), OPFLOW_ERANGE, "1 to 9999");
	/* instants out of range */
	TU_FAILS(g, opflow_calendar_working_time(&v, g, c, MON9999, LAST + 1),
	         OPFLOW_ERANGE, "opflow_calendar_working_time");
	TU_FAILS(g, opflow_calendar_working_time(&v, g, c, FIRST - 1, 0),
	         OPFLOW_ERANGE, "1 to 9999");
	TU_FAILS(g, opflow_calendar_working_time(&v, g, OPFLOW_NONE,
	         INT64_MIN, 0), OPFLOW_ERANGE, "1 to 9999");
	TU_FAILS(g, opflow_calendar_finish_after(&v, g, c, LAST + 1, 0),
	         OPFLOW_ERANGE, "1 to 9999");
	TU_FAILS(g, opflow_calendar_start_after(&v, g, c, FIRST - 1, 0),
	         OPFLOW_ERANGE, "1 to 9999");
	TU_FAILS(g, opflow_calendar_finish_after(&v, g, c, 0, INT64_MAX),
	         OPFLOW_ERANGE, "1 to 9999");
	TU_FAILS(g, opflow_calendar_finish_after(&v, g, OPFLOW_NONE, 0,
	         INT64_MIN), OPFLOW_ERANGE, "1 to 9999");
	TU_FAILS(g, opflow_calendar_finish_after(&v, g, OPFLOW_NONE, FIRST,
	         400000000001LL), OPFLOW_ERANGE, "1 to 9999");
	EQ64(v, 4242);
	opflow_graph_free(g);
}
END_TEST

START_TEST(axis_bad_arguments)
{
	opflow_graph *g = tu_graph();
	opflow_id c = cal(g, "one-shift", "mon-fri 06:00-14:00");
	int64_t v = 4242;

	TU_FAILS(g, opflow_calendar_working_time(&v, g, c + 1, 0, 1),
	         OPFLOW_ENOTFOUND, "no calendar with id 1");
	TU_FAILS(g, opflow_calendar_finish_after(&v, g, 7, 0, 1),
	         OPFLOW_ENOTFOUND, "7");
	TU_FAILS(g, opflow_calendar_start_after(&v, g, OPFLOW_NONE - 1, 0, 1),
	         OPFLOW_ENOTFOUND, "no ");
	TU_FAILS(NULL, opflow_calendar_working_time(&v, NULL, OPFLOW_NONE, 0,
	         1), OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_calendar_finish_after(&v, NULL, OPFLOW_NONE, 0,
	         1), OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_calendar_start_after(&v, NULL, OPFLOW_NONE, 0,
	         1), OPFLOW_EINVAL, "graph");
	TU_FAILS(g, opflow_calendar_working_time(NULL, g, c, 0, 1),
	         OPFLOW_EINVAL, "out");
	TU_FAILS(g, opflow_calendar_finish_after(NULL, g, c, 0, 1),
	         OPFLOW_EINVAL, "out");
	TU_FAILS(g, opflow_calendar_start_after(NULL, g, c, 0, 1),
	         OPFLOW_EINVAL, "out");
	EQ64(v, 4242);
	opflow_graph_free(g);
}
END_TEST

/* ------------------------------------------------------------- the graph */

START_TEST(calendars_add_find_remove)
{
	opflow_graph *g = tu_graph();
	opflow_id a, b, c, id = 4242;
	const char *key = NULL;
	char *s = NULL;
	size_t len = 4242;
	char long_key[OPFLOW_KEY_MAX + 2];

	ck_assert_uint_eq(opflow_graph_calendar_count(g), 0);
	ck_assert_uint_eq(opflow_graph_calendar_count(NULL), 0);
	a = cal(g, "one-shift", "mon-fri 06:00-14:00");
	b = cal(g, "two-shift", two_shift);
	c = cal(g, "24x7", "mon-sun 00:00-24:00");
	/* dense ids in creation order */
	ck_assert_uint_eq(a, 0);
	ck_assert_uint_eq(b, 1);
	ck_assert_uint_eq(c, 2);
	ck_assert_uint_eq(opflow_graph_calendar_count(g), 3);
	/* out may be NULL */
	TU_OK(opflow_graph_add_calendar(NULL, g, "spare", "sat 06:00-12:00"));
	ck_assert_uint_eq(opflow_graph_calendar_count(g), 4);
	TU_OK(opflow_graph_find_calendar(&id, g, "two-shift"));
	ck_assert_uint_eq(id, 1);
	TU_OK(opflow_graph_find_calendar(&id, g, "spare"));
	ck_assert_uint_eq(id, 3);
	TU_OK(opflow_graph_calendar_key(&key, g, 2));
	ck_assert_str_eq(key, "24x7");
	TU_OK(opflow_graph_calendar_spec(&s, &len, g, b));
	ck_assert_str_eq(s, two_shift);
	ck_assert_uint_eq(len, strlen(two_shift));
	opflow_free(s);

	/* a key in use */
	id = 4242;
	TU_FAILS(g, opflow_graph_add_calendar(&id, g, "two-shift",
	         "mon 06:00-14:00"), OPFLOW_EEXISTS, "two-shift",
	         "already exists");
	ck_assert_uint_eq(id, 4242);
	/* keys of 1 to OPFLOW_KEY_MAX bytes */
	TU_FAILS(g, opflow_graph_add_calendar(&id, g, "", "mon 06:00-14:00"),
	         OPFLOW_EINVAL, "calendar key");
	memset(long_key, 'k', sizeof long_key - 1);
	long_key[sizeof long_key - 1] = '\0';
	TU_FAILS(g, opflow_graph_add_calendar(&id, g, long_key,
	         "mon 06:00-14:00"), OPFLOW_ERANGE, "calendar key");
	/* and valid UTF-8 */
	TU_FAILS(g, opflow_graph_add_calendar(&id, g, "bad\xff",
	         "mon 06:00-14:00"), OPFLOW_EINVAL, "UTF-8");
	long_key[OPFLOW_KEY_MAX] = '\0';
	TU_OK(opflow_graph_add_calendar(&id, g, long_key, "mon 06:00-14:00"));
	ck_assert_uint_eq(id, 4);
	TU_OK(opflow_graph_remove_calendar(g, 4));
	/* NULLs */
	TU_FAILS(NULL, opflow_graph_add_calendar(&id, NULL, "x",
	         "mon 06:00-14:00"), OPFLOW_EINVAL, "graph");
	TU_FAILS(g, opflow_graph_add_calendar(&id, g, NULL, "mon 06:00-14:00"),
	         OPFLOW_EINVAL, "key");
	TU_FAILS(g, opflow_graph_add_calendar(&id, g, "x", NULL),
	         OPFLOW_EINVAL, "spec");
	TU_FAILS(g, opflow_graph_set_calendar_spec(g, 0, NULL), OPFLOW_EINVAL,
	         "spec");
	TU_FAILS(NULL, opflow_graph_set_calendar_spec(NULL, 0,
	         "mon 06:00-14:00"), OPFLOW_EINVAL, "graph");
	TU_FAILS(g, opflow_graph_find_calendar(NULL, g, "24x7"), OPFLOW_EINVAL,
	         "out");
	TU_FAILS(NULL, opflow_graph_find_calendar(&id, NULL, "24x7"),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(g, opflow_graph_find_calendar(&id, g, NULL), OPFLOW_EINVAL,
	         "key");
	TU_FAILS(g, opflow_graph_calendar_key(NULL, g, 0), OPFLOW_EINVAL,
	         "out");
	TU_FAILS(NULL, opflow_graph_calendar_key(&key, NULL, 0), OPFLOW_EINVAL,
	         "graph");
	TU_FAILS(g, opflow_graph_calendar_spec(NULL, &len, g, 0),
	         OPFLOW_EINVAL, "out");
	TU_FAILS(NULL, opflow_graph_calendar_spec(&s, &len, NULL, 0),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_remove_calendar(NULL, 0), OPFLOW_EINVAL,
	         "graph");
	/* bad ids: 4 calendars, ids 0 to 3 */
	TU_FAILS(g, opflow_graph_find_calendar(&id, g, "three-shift"),
	         OPFLOW_ENOTFOUND, "three-shift");
	ck_assert_uint_eq(id, 4);
	TU_FAILS(g, opflow_graph_set_calendar_spec(g, 4, "mon 06:00-14:00"),
	         OPFLOW_ENOTFOUND, "no calendar with id 4");
	key = "untouched";
	TU_FAILS(g, opflow_graph_calendar_key(&key, g, 4),
	         OPFLOW_ENOTFOUND, "no ");
	ck_assert_str_eq(key, "untouched");
	s = NULL;
	TU_FAILS(g, opflow_graph_calendar_spec(&s, &len, g, OPFLOW_NONE),
	         OPFLOW_ENOTFOUND, "no ");
	ck_assert_ptr_null(s);
	TU_FAILS(g, opflow_graph_remove_calendar(g, 4),
	         OPFLOW_ENOTFOUND, "no ");
	TU_FAILS(g, opflow_graph_remove_calendar(g, OPFLOW_NONE),
	         OPFLOW_ENOTFOUND, "no ");

	/* a new spec replaces the old one, the key stays */
	TU_OK(opflow_graph_set_calendar_spec(g, a, "tue 06:00-14:00; "
	                                     "mon 06:00-14:00"));
	TU_OK(opflow_graph_calendar_spec(&s, NULL, g, a));
	ck_assert_str_eq(s, "mon-tue 06:00-14:00");
	opflow_free(s);
	TU_OK(opflow_graph_calendar_key(&key, g, a));
	ck_assert_str_eq(key, "one-shift");
	/* Mon 06:00 + 16 h on mon-tue 06-14: Tue 14:00 */
	EQ64(fin(g, a, MON21 + 6 * H, 16 * H), MON21 + DAY + 14 * H);

	/* removing the second moves the later ones down */
	TU_OK(opflow_graph_remove_calendar(g, b));
	ck_assert_uint_eq(opflow_graph_calendar_count(g), 3);
	TU_FAILS(g, opflow_graph_find_calendar(&id, g, "two-shift"),
	         OPFLOW_ENOTFOUND, "no ");
	TU_OK(opflow_graph_find_calendar(&id, g, "24x7"));
	ck_assert_uint_eq(id, 1);
	TU_OK(opflow_graph_find_calendar(&id, g, "spare"));
	ck_assert_uint_eq(id, 2);
	TU_OK(opflow_graph_calendar_key(&key, g, 2));
	ck_assert_str_eq(key, "spare");
	/* the key is free again */
	TU_OK(opflow_graph_add_calendar(&id, g, "two-shift", two_shift));
	ck_assert_uint_eq(id, 3);
	/* remove them all */
	while (opflow_graph_calendar_count(g))
		TU_OK(opflow_graph_remove_calendar(g, 0));
	TU_FAILS(g, opflow_graph_calendar_key(&key, g, 0),
	         OPFLOW_ENOTFOUND, "no ");
	opflow_graph_free(g);
}
END_TEST

/* Calendars 0 "one", 1 "two", 2 "three"; departments 0 "paint", 1
 * "weld", 2 "pack"; activities 0..4 (a0 in paint, a1 in weld, a2 in
 * pack, a3 and a4 in none). */
static opflow_graph *assigned_graph(void)
{
	opflow_graph *g = tu_graph();
	static const char *const keys[] = { "a0", "a1", "a2", "a3", "a4" };
	static const char *const depts[] = { "paint", "weld", "pack", NULL,
	                                     NULL };

	cal(g, "one", "mon-fri 06:00-14:00");
	cal(g, "two", "mon-fri 06:00-22:00");
	cal(g, "three", "mon-sun 00:00-24:00");
	for (int i = 0; i < 5; i++) {
		opflow_id a = tu_add_dur(g, keys[i], M, 1 + i);

		if (depts[i])
			TU_OK(opflow_graph_set_activity_department(g, a,
			                                           depts[i]));
	}
	ck_assert_uint_eq(opflow_graph_department_count(g), 3);
	return g;
}

static opflow_id own(const opflow_graph *g, opflow_id a)
{
	opflow_id v = 4242;

	TU_OK(opflow_graph_activity_calendar(&v, g, a));
	return v;
}

static opflow_id works_on(const opflow_graph *g, opflow_id a)
{
	opflow_id v = 4242;

	TU_OK(opflow_graph_activity_working_calendar(&v, g, a));
	return v;
}

static opflow_id dept_cal(const opflow_graph *g, opflow_id d)
{
	opflow_id v = 4242;

	TU_OK(opflow_graph_department_calendar(&v, g, d));
	return v;
}

static opflow_id default_cal(const opflow_graph *g)
{
	opflow_id v = 4242;

	TU_OK(opflow_graph_default_calendar(&v, g));
	return v;
}

START_TEST(assignments_inheritance)
{
	opflow_graph *g = assigned_graph();

	/* nothing assigned: every activity 24/7 */
	ck_assert_uint_eq(default_cal(g), OPFLOW_NONE);
	for (opflow_id a = 0; a < 5; a++) {
		ck_assert_uint_eq(own(g, a), OPFLOW_NONE);
		ck_assert_uint_eq(works_on(g, a), OPFLOW_NONE);
	}
	for (opflow_id d = 0; d < 3; d++)
		ck_assert_uint_eq(dept_cal(g, d), OPFLOW_NONE);

	/* the default reaches everyone without more */
	TU_OK(opflow_graph_set_default_calendar(g, 0));
	ck_assert_uint_eq(default_cal(g), 0);
	for (opflow_id a = 0; a < 5; a++)
		ck_assert_uint_eq(works_on(g, a), 0);
	/* paint's calendar reaches a0 only */
	TU_OK(opflow_graph_set_department_calendar(g, 0, 1));
	ck_assert_uint_eq(dept_cal(g, 0), 1);
	ck_assert_uint_eq(works_on(g, 0), 1);
	ck_assert_uint_eq(own(g, 0), OPFLOW_NONE);
	ck_assert_uint_eq(works_on(g, 1), 0);
	/* an activity's own beats its department's and the default */
	TU_OK(opflow_graph_set_activity_calendar(g, 0, 2));
	TU_OK(opflow_graph_set_activity_calendar(g, 3, 1));
	ck_assert_uint_eq(own(g, 0), 2);
	ck_assert_uint_eq(works_on(g, 0), 2);
	ck_assert_uint_eq(works_on(g, 3), 1);
	ck_assert_uint_eq(works_on(g, 4), 0);
	/* own back to none: the department's again */
	TU_OK(opflow_graph_set_activity_calendar(g, 0, OPFLOW_NONE));
	ck_assert_uint_eq(own(g, 0), OPFLOW_NONE);
	ck_assert_uint_eq(works_on(g, 0), 1);
	/* the default to none: a department's still holds, the others are
	 * 24/7 */
	TU_OK(opflow_graph_set_default_calendar(g, OPFLOW_NONE));
	ck_assert_uint_eq(default_cal(g), OPFLOW_NONE);
	ck_assert_uint_eq(works_on(g, 0), 1);
	ck_assert_uint_eq(works_on(g, 1), OPFLOW_NONE);
	ck_assert_uint_eq(works_on(g, 3), 1);
	ck_assert_uint_eq(works_on(g, 4), OPFLOW_NONE);
	/* moving a1 into paint gives it paint's calendar */
	TU_OK(opflow_graph_set_activity_department(g, 1, "paint"));
	ck_assert_uint_eq(works_on(g, 1), 1);
	/* and out of any department: the default, none */
	TU_OK(opflow_graph_set_activity_department(g, 1, NULL));
	ck_assert_uint_eq(works_on(g, 1), OPFLOW_NONE);
	TU_OK(opflow_graph_set_department_calendar(g, 0, OPFLOW_NONE));
	ck_assert_uint_eq(dept_cal(g, 0), OPFLOW_NONE);
	ck_assert_uint_eq(works_on(g, 0), OPFLOW_NONE);
	/* an activity added later inherits too */
	TU_OK(opflow_graph_set_default_calendar(g, 2));
	ck_assert_uint_eq(works_on(g, tu_add(g, "late", M)), 2);
	opflow_graph_free(g);
}
END_TEST

START_TEST(assignments_refused)
{
	opflow_graph *g = assigned_graph();
	opflow_id v = 4242;

	TU_OK(opflow_graph_set_default_calendar(g, 1));
	TU_OK(opflow_graph_set_department_calendar(g, 2, 0));
	TU_OK(opflow_graph_set_activity_calendar(g, 4, 2));
	/* bad calendar ids (3 calendars) */
	TU_FAILS(g, opflow_graph_set_default_calendar(g, 3), OPFLOW_ENOTFOUND,
	         "no calendar with id 3");
	TU_FAILS(g, opflow_graph_set_department_calendar(g, 0, 3),
	         OPFLOW_ENOTFOUND, "no calendar with id 3");
	TU_FAILS(g, opflow_graph_set_activity_calendar(g, 0, 3),
	         OPFLOW_ENOTFOUND, "no calendar with id 3");
	TU_FAILS(g, opflow_graph_set_activity_calendar(g, 0, OPFLOW_NONE - 1),
	         OPFLOW_ENOTFOUND, "no ");
	/* bad department and activity ids */
	TU_FAILS(g, opflow_graph_set_department_calendar(g, 3, 0),
	         OPFLOW_ENOTFOUND, "no department with id 3");
	TU_FAILS(g, opflow_graph_set_department_calendar(g, OPFLOW_NONE, 0),
	         OPFLOW_ENOTFOUND, "no ");
	TU_FAILS(g, opflow_graph_department_calendar(&v, g, 3),
	         OPFLOW_ENOTFOUND, "no department with id 3");
	TU_FAILS(g, opflow_graph_set_activity_calendar(g, 5, 0),
	         OPFLOW_ENOTFOUND, "no activity with id 5");
	TU_FAILS(g, opflow_graph_activity_calendar(&v, g, 5),
	         OPFLOW_ENOTFOUND, "no activity with id 5");
	TU_FAILS(g, opflow_graph_activity_working_calendar(&v, g, 5),
	         OPFLOW_ENOTFOUND, "no activity with id 5");
	ck_assert_uint_eq(v, 4242);
	/* NULLs */
	TU_FAILS(NULL, opflow_graph_set_default_calendar(NULL, 0),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_default_calendar(&v, NULL), OPFLOW_EINVAL,
	         "graph");
	TU_FAILS(g, opflow_graph_default_calendar(NULL, g), OPFLOW_EINVAL,
	         "out");
	TU_FAILS(NULL, opflow_graph_set_department_calendar(NULL, 0, 0),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_department_calendar(&v, NULL, 0),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(g, opflow_graph_department_calendar(NULL, g, 0),
	         OPFLOW_EINVAL, "out");
	TU_FAILS(NULL, opflow_graph_set_activity_calendar(NULL, 0, 0),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_activity_calendar(&v, NULL, 0),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(g, opflow_graph_activity_calendar(NULL, g, 0), OPFLOW_EINVAL,
	         "out");
	TU_FAILS(NULL, opflow_graph_activity_working_calendar(&v, NULL, 0),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(g, opflow_graph_activity_working_calendar(NULL, g, 0),
	         OPFLOW_EINVAL, "out");
	ck_assert_uint_eq(v, 4242);
	/* what was set before still holds */
	ck_assert_uint_eq(default_cal(g), 1);
	ck_assert_uint_eq(dept_cal(g, 2), 0);
	ck_assert_uint_eq(own(g, 4), 2);
	opflow_graph_free(g);
}
END_TEST

START_TEST(remove_calendar_renumbers)
{
	opflow_graph *g = assigned_graph();

	/* default two (1); paint one (0), weld three (2), pack two (1);
	 * a0 three (2), a1 two (1), a2 one (0), a3 none, a4 three (2) */
	TU_OK(opflow_graph_set_default_calendar(g, 1));
	TU_OK(opflow_graph_set_department_calendar(g, 0, 0));
	TU_OK(opflow_graph_set_department_calendar(g, 1, 2));
	TU_OK(opflow_graph_set_department_calendar(g, 2, 1));
	TU_OK(opflow_graph_set_activity_calendar(g, 0, 2));
	TU_OK(opflow_graph_set_activity_calendar(g, 1, 1));
	TU_OK(opflow_graph_set_activity_calendar(g, 2, 0));
	TU_OK(opflow_graph_set_activity_calendar(g, 4, 2));
	/* a3 (no department, no own) works on the default */
	ck_assert_uint_eq(works_on(g, 3), 1);

	/* removing two (1): what used it falls back to none, three (2)
	 * becomes 1, one (0) stays */
	TU_OK(opflow_graph_remove_calendar(g, 1));
	ck_assert_uint_eq(default_cal(g), OPFLOW_NONE);
	ck_assert_uint_eq(dept_cal(g, 0), 0);
	ck_assert_uint_eq(dept_cal(g, 1), 1);
	ck_assert_uint_eq(dept_cal(g, 2), OPFLOW_NONE);
	ck_assert_uint_eq(own(g, 0), 1);
	ck_assert_uint_eq(own(g, 1), OPFLOW_NONE);
	ck_assert_uint_eq(own(g, 2), 0);
	ck_assert_uint_eq(own(g, 3), OPFLOW_NONE);
	ck_assert_uint_eq(own(g, 4), 1);
	/* working: a0 own three (1); a1 in weld, three (1); a2 own one (0);
	 * a3 default none: 24/7; a4 own three (1) */
	ck_assert_uint_eq(works_on(g, 0), 1);
	ck_assert_uint_eq(works_on(g, 1), 1);
	ck_assert_uint_eq(works_on(g, 2), 0);
	ck_assert_uint_eq(works_on(g, 3), OPFLOW_NONE);
	ck_assert_uint_eq(works_on(g, 4), 1);

	/* removing one (0): paint and a2 fall back, three moves to 0 */
	TU_OK(opflow_graph_remove_calendar(g, 0));
	ck_assert_uint_eq(dept_cal(g, 0), OPFLOW_NONE);
	ck_assert_uint_eq(dept_cal(g, 1), 0);
	ck_assert_uint_eq(own(g, 0), 0);
	ck_assert_uint_eq(own(g, 2), OPFLOW_NONE);
	ck_assert_uint_eq(own(g, 4), 0);
	ck_assert_uint_eq(works_on(g, 2), OPFLOW_NONE);
	ck_assert_uint_eq(works_on(g, 1), 0);

	/* a default on the last one, removed: none */
	TU_OK(opflow_graph_set_default_calendar(g, 0));
	TU_OK(opflow_graph_remove_calendar(g, 0));
	ck_assert_uint_eq(opflow_graph_calendar_count(g), 0);
	ck_assert_uint_eq(default_cal(g), OPFLOW_NONE);
	for (opflow_id a = 0; a < 5; a++) {
		ck_assert_uint_eq(own(g, a), OPFLOW_NONE);
		ck_assert_uint_eq(works_on(g, a), OPFLOW_NONE);
	}
	/* equal to the graph that never had calendars */
	{
		opflow_graph *plain = assigned_graph();

		while (opflow_graph_calendar_count(plain))
			TU_OK(opflow_graph_remove_calendar(plain, 0));
		ck_assert_int_eq(opflow_graph_equal(g, plain), 1);
		opflow_graph_free(plain);
	}
	opflow_graph_free(g);
}
END_TEST

/* own calendars a0 one (0), a1 none, a2 two (1), a3 three (2), a4 one
 * (0); departments paint three (2), weld two (1), pack one (0). */
static opflow_graph *aligned_graph(void)
{
	opflow_graph *g = assigned_graph();

	TU_OK(opflow_graph_set_activity_calendar(g, 0, 0));
	TU_OK(opflow_graph_set_activity_calendar(g, 2, 1));
	TU_OK(opflow_graph_set_activity_calendar(g, 3, 2));
	TU_OK(opflow_graph_set_activity_calendar(g, 4, 0));
	TU_OK(opflow_graph_set_department_calendar(g, 0, 2));
	TU_OK(opflow_graph_set_department_calendar(g, 1, 1));
	TU_OK(opflow_graph_set_department_calendar(g, 2, 0));
	return g;
}

START_TEST(removals_keep_alignment)
{
	opflow_graph *g = aligned_graph();
	const opflow_id bulk[] = { 3, 0 };

	/* remove a1: a2, a3, a4 move down to 1, 2, 3 with their own
	 * calendars two, three, one */
	TU_OK(opflow_graph_remove_activity(g, 1));
	ck_assert_uint_eq(tu_find(g, "a2"), 1);
	ck_assert_uint_eq(own(g, 0), 0);
	ck_assert_uint_eq(own(g, 1), 1);
	ck_assert_uint_eq(own(g, 2), 2);
	ck_assert_uint_eq(own(g, 3), 0);
	/* the last one removed, a4: the others unchanged */
	TU_OK(opflow_graph_remove_activity(g, 3));
	ck_assert_uint_eq(own(g, 0), 0);
	ck_assert_uint_eq(own(g, 1), 1);
	ck_assert_uint_eq(own(g, 2), 2);
	/* a new activity gets none, whatever the removed one had */
	ck_assert_uint_eq(own(g, tu_add(g, "a5", M)), OPFLOW_NONE);
	opflow_graph_free(g);

	/* bulk: removing a3 and a0 leaves a1 (none), a2 (two), a4 (one) */
	g = aligned_graph();
	TU_OK(opflow_graph_remove_activities(g, bulk, 2));
	ck_assert_uint_eq(opflow_graph_activity_count(g), 3);
	ck_assert_uint_eq(tu_find(g, "a1"), 0);
	ck_assert_uint_eq(tu_find(g, "a4"), 2);
	ck_assert_uint_eq(own(g, 0), OPFLOW_NONE);
	ck_assert_uint_eq(own(g, 1), 1);
	ck_assert_uint_eq(own(g, 2), 0);
	/* a1 is in weld (two), so it works on two (1) */
	ck_assert_uint_eq(works_on(g, 0), 1);
	/* a refused bulk removal changes nothing */
	{
		const opflow_id bad[] = { 0, 3 };

		TU_FAILS(g, opflow_graph_remove_activities(g, bad, 2),
		         OPFLOW_ENOTFOUND, "no ");
	}
	opflow_graph_free(g);

	/* remove the department paint (0): weld and pack move down to 0 and
	 * 1 with two and one; a0 loses its department but keeps its own */
	g = aligned_graph();
	TU_OK(opflow_graph_remove_department(g, 0));
	ck_assert_uint_eq(opflow_graph_department_count(g), 2);
	ck_assert_uint_eq(dept_cal(g, 0), 1);
	ck_assert_uint_eq(dept_cal(g, 1), 0);
	ck_assert_uint_eq(works_on(g, 0), 0);
	/* a1 (weld, now 0, no own) works on two (1) */
	ck_assert_uint_eq(works_on(g, 1), 1);
	/* a0 without its own: no department, no default: 24/7 */
	TU_OK(opflow_graph_set_activity_calendar(g, 0, OPFLOW_NONE));
	ck_assert_uint_eq(works_on(g, 0), OPFLOW_NONE);
	/* the last department removed: weld keeps two */
	TU_OK(opflow_graph_remove_department(g, 1));
	ck_assert_uint_eq(dept_cal(g, 0), 1);
	/* a department interned anew has none */
	{
		opflow_id d;

		TU_OK(opflow_graph_intern_department(&d, g, "ship"));
		ck_assert_uint_eq(d, 1);
		ck_assert_uint_eq(dept_cal(g, d), OPFLOW_NONE);
	}
	opflow_graph_free(g);
}
END_TEST

START_TEST(flow_elapsed)
{
	opflow_graph *g = assigned_graph();
	opflow_id f0 = tu_flow(g, 0, 1, OPFLOW_FLOW_FS, 1);
	opflow_id f1 = tu_flow(g, 1, 2, OPFLOW_FLOW_FS, 2);
	opflow_id f2 = tu_flow(g, 2, 3, OPFLOW_FLOW_SS, 3);
	opflow_id f3 = tu_flow(g, 0, 4, OPFLOW_FLOW_FF, 4);
	int e = 4242;

	TU_OK(opflow_graph_flow_elapsed(&e, g, f0));
	ck_assert_int_eq(e, 0);
	TU_OK(opflow_graph_set_flow_elapsed(g, f1, 1));
	TU_OK(opflow_graph_set_flow_elapsed(g, f2, 1));
	TU_OK(opflow_graph_flow_elapsed(&e, g, f1));
	ck_assert_int_eq(e, 1);
	TU_OK(opflow_graph_set_flow_elapsed(g, f2, 0));
	TU_OK(opflow_graph_flow_elapsed(&e, g, f2));
	ck_assert_int_eq(e, 0);
	TU_OK(opflow_graph_set_flow_elapsed(g, f2, 1));
	e = 4242;
	TU_FAILS(g, opflow_graph_set_flow_elapsed(g, f0, 2), OPFLOW_EINVAL,
	         "0 or 1");
	TU_FAILS(g, opflow_graph_set_flow_elapsed(g, f0, -1),
	         OPFLOW_EINVAL, "opflow_");
	TU_FAILS(g, opflow_graph_set_flow_elapsed(g, 4, 1), OPFLOW_ENOTFOUND,
	         "no flow with id 4");
	TU_FAILS(g, opflow_graph_flow_elapsed(&e, g, 4),
	         OPFLOW_ENOTFOUND, "no ");
	TU_FAILS(NULL, opflow_graph_set_flow_elapsed(NULL, 0, 1), OPFLOW_EINVAL,
	         "graph");
	TU_FAILS(NULL, opflow_graph_flow_elapsed(&e, NULL, 0), OPFLOW_EINVAL,
	         "graph");
	TU_FAILS(g, opflow_graph_flow_elapsed(NULL, g, 0), OPFLOW_EINVAL,
	         "out");
	ck_assert_int_eq(e, 4242);
	/* removing a1 drops f0 and f1: f2 (elapsed) and f3 (not) become 0
	 * and 1 */
	TU_OK(opflow_graph_remove_activity(g, 1));
	ck_assert_uint_eq(opflow_graph_flow_count(g), 2);
	TU_OK(opflow_graph_flow_elapsed(&e, g, 0));
	ck_assert_int_eq(e, 1);
	TU_OK(opflow_graph_flow_elapsed(&e, g, 1));
	ck_assert_int_eq(e, 0);
	/* bulk: removing flow 0 leaves f3 alone, not elapsed */
	{
		const opflow_id ids[] = { 0 };

		TU_OK(opflow_graph_remove_flows(g, ids, 1));
		TU_OK(opflow_graph_flow_elapsed(&e, g, 0));
		ck_assert_int_eq(e, 0);
	}
	(void)f3;
	opflow_graph_free(g);
}
END_TEST

/* ------------------------------------------------------------ dated graphs */

START_TEST(start_and_unit)
{
	opflow_graph *g = tu_graph();
	int dated = 4242;
	int64_t start = 4242, unit = 4242;

	/* undated at first, unit 3600 */
	TU_OK(opflow_graph_start(&dated, &start, g));
	ck_assert_int_eq(dated, 0);
	EQ64(start, 0);
	TU_OK(opflow_graph_start(NULL, NULL, g));
	TU_OK(opflow_graph_unit(&unit, g));
	EQ64(unit, 3600);
	/* Mon 2026-12-21 06:00 */
	TU_OK(opflow_graph_set_start(g, MON21 + 6 * H));
	TU_OK(opflow_graph_start(&dated, &start, g));
	ck_assert_int_eq(dated, 1);
	EQ64(start, MON21 + 6 * H);
	dated = 4242;
	TU_OK(opflow_graph_start(&dated, NULL, g));
	ck_assert_int_eq(dated, 1);
	/* a start before 1970 and the ends of the range */
	TU_OK(opflow_graph_set_start(g, MON1900));
	TU_OK(opflow_graph_start(NULL, &start, g));
	EQ64(start, MON1900);
	TU_OK(opflow_graph_set_start(g, FIRST));
	TU_OK(opflow_graph_set_start(g, LAST));
	TU_OK(opflow_graph_set_start(g, 0));
	TU_OK(opflow_graph_start(&dated, &start, g));
	ck_assert_int_eq(dated, 1);
	EQ64(start, 0);
	TU_FAILS(g, opflow_graph_set_start(g, FIRST - 1), OPFLOW_ERANGE,
	         "1 to 9999");
	TU_FAILS(g, opflow_graph_set_start(g, LAST + 1),
	         OPFLOW_ERANGE, "1 to 9999");
	TU_FAILS(NULL, opflow_graph_set_start(NULL, 0), OPFLOW_EINVAL, "graph");
	/* cleared: undated again */
	TU_OK(opflow_graph_clear_start(g));
	start = 4242;
	TU_OK(opflow_graph_start(&dated, &start, g));
	ck_assert_int_eq(dated, 0);
	EQ64(start, 0);
	TU_OK(opflow_graph_clear_start(g));
	TU_FAILS(NULL, opflow_graph_clear_start(NULL), OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_start(&dated, &start, NULL), OPFLOW_EINVAL,
	         "graph");

	/* units: 1 s to a year of 366 days (31622400 s) */
	TU_OK(opflow_graph_set_unit(g, 60));
	TU_OK(opflow_graph_unit(&unit, g));
	EQ64(unit, 60);
	TU_OK(opflow_graph_set_unit(g, 1));
	TU_OK(opflow_graph_set_unit(g, 366 * DAY));
	TU_OK(opflow_graph_unit(&unit, g));
	EQ64(unit, 31622400);
	TU_FAILS(g, opflow_graph_set_unit(g, 0), OPFLOW_EINVAL, "unit");
	TU_FAILS(g, opflow_graph_set_unit(g, -3600), OPFLOW_EINVAL, "-3600");
	TU_FAILS(g, opflow_graph_set_unit(g, 366 * DAY + 1),
	         OPFLOW_EINVAL, "opflow_");
	TU_FAILS(g, opflow_graph_set_unit(g, INT64_MIN),
	         OPFLOW_EINVAL, "opflow_");
	TU_FAILS(NULL, opflow_graph_set_unit(NULL, 60), OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_unit(&unit, NULL), OPFLOW_EINVAL, "graph");
	TU_FAILS(g, opflow_graph_unit(NULL, g), OPFLOW_EINVAL, "out");
	EQ64(unit, 31622400);
	/* 3600 set explicitly is the default */
	TU_OK(opflow_graph_set_unit(g, 3600));
	{
		opflow_graph *fresh = tu_graph();

		ck_assert_int_eq(opflow_graph_equal(g, fresh), 1);
		opflow_graph_free(fresh);
	}
	opflow_graph_free(g);
}
END_TEST

START_TEST(instants_and_times)
{
	opflow_graph *g = tu_graph();
	const int64_t s = MON21 + 6 * H;
	int64_t t = 4242;
	double x = 4242;

	/* undated: both refused */
	TU_FAILS(g, opflow_graph_instant_of(&t, g, 1), OPFLOW_EMISUSE,
	         "not dated");
	TU_FAILS(g, opflow_graph_time_of(&x, g, s), OPFLOW_EMISUSE,
	         "not dated");
	EQ64(t, 4242);
	TU_DOUBLE_EQ(x, 4242);

	TU_OK(opflow_graph_set_start(g, s));
	/* hours: 20 h after Mon 06:00 is Tue 02:00 (elapsed, no calendar) */
	TU_OK(opflow_graph_instant_of(&t, g, 20));
	EQ64(t, s + 20 * H);
	TU_OK(opflow_graph_instant_of(&t, g, 0));
	EQ64(t, s);
	TU_OK(opflow_graph_instant_of(&t, g, -1.5));
	EQ64(t, s - 5400);
	TU_OK(opflow_graph_time_of(&x, g, s + 20 * H));
	TU_DOUBLE_EQ(x, 20);
	TU_OK(opflow_graph_time_of(&x, g, s - 5400));
	TU_DOUBLE_EQ(x, -1.5);
	/* one second is 1/3600 h */
	TU_OK(opflow_graph_time_of(&x, g, s + 1));
	TU_DOUBLE_EQ(x, 1.0 / 3600.0);
	/* 1900 is before the start */
	TU_OK(opflow_graph_time_of(&x, g, MON1900));
	TU_DOUBLE_EQ(x, (double)(MON1900 - s) / 3600.0);

	/* a unit of 2 s makes halves exact: 0.25 units = 0.5 s rounds away
	 * from zero to 1 s, -0.25 to -1 s, 0.75 (1.5 s) to 2 s, 1.25 (2.5 s)
	 * to 3 s, 0.2 (0.4 s) to 0 */
	TU_OK(opflow_graph_set_unit(g, 2));
	TU_OK(opflow_graph_instant_of(&t, g, 0.25));
	EQ64(t, s + 1);
	TU_OK(opflow_graph_instant_of(&t, g, -0.25));
	EQ64(t, s - 1);
	TU_OK(opflow_graph_instant_of(&t, g, 0.75));
	EQ64(t, s + 2);
	TU_OK(opflow_graph_instant_of(&t, g, -0.75));
	EQ64(t, s - 2);
	TU_OK(opflow_graph_instant_of(&t, g, 1.25));
	EQ64(t, s + 3);
	TU_OK(opflow_graph_instant_of(&t, g, -1.25));
	EQ64(t, s - 3);
	TU_OK(opflow_graph_instant_of(&t, g, 0.2));
	EQ64(t, s);
	TU_OK(opflow_graph_instant_of(&t, g, 0.3));
	EQ64(t, s + 1);
	TU_OK(opflow_graph_time_of(&x, g, s + 3));
	TU_DOUBLE_EQ(x, 1.5);
	/* days of 8 h: 28800 s; 2.5 days = 72000 s = 20 h */
	TU_OK(opflow_graph_set_unit(g, 28800));
	TU_OK(opflow_graph_instant_of(&t, g, 2.5));
	EQ64(t, s + 20 * H);
	TU_OK(opflow_graph_time_of(&x, g, s + 20 * H));
	TU_DOUBLE_EQ(x, 2.5);

	/* out of range */
	t = 4242;
	TU_FAILS(g, opflow_graph_instant_of(&t, g, 1e300), OPFLOW_ERANGE,
	         "1 to 9999");
	TU_FAILS(g, opflow_graph_instant_of(&t, g, -1e300),
	         OPFLOW_ERANGE, "1 to 9999");
	TU_FAILS(g, opflow_graph_instant_of(&t, g, NAN),
	         OPFLOW_ERANGE, "1 to 9999");
	TU_FAILS(g, opflow_graph_instant_of(&t, g, INFINITY),
	         OPFLOW_ERANGE, "1 to 9999");
	EQ64(t, 4242);
	x = 4242;
	TU_FAILS(g, opflow_graph_time_of(&x, g, LAST + 1),
	         OPFLOW_ERANGE, "1 to 9999");
	TU_FAILS(g, opflow_graph_time_of(&x, g, FIRST - 1),
	         OPFLOW_ERANGE, "1 to 9999");
	TU_DOUBLE_EQ(x, 4242);
	/* right at the ends: a start one hour before the last instant */
	TU_OK(opflow_graph_set_unit(g, 3600));
	TU_OK(opflow_graph_set_start(g, LAST - 3600));
	TU_OK(opflow_graph_instant_of(&t, g, 1));
	EQ64(t, LAST);
	/* 1.001 h is 3603.6 s, rounded 3604 s: 4 s past the last instant */
	TU_FAILS(g, opflow_graph_instant_of(&t, g, 1.001),
	         OPFLOW_ERANGE, "1 to 9999");
	TU_OK(opflow_graph_set_start(g, FIRST + 3600));
	TU_OK(opflow_graph_instant_of(&t, g, -1));
	EQ64(t, FIRST);
	TU_FAILS(g, opflow_graph_instant_of(&t, g, -1.001),
	         OPFLOW_ERANGE, "1 to 9999");
	TU_OK(opflow_graph_time_of(&x, g, FIRST));
	TU_DOUBLE_EQ(x, -1);
	/* NULLs */
	TU_FAILS(g, opflow_graph_instant_of(NULL, g, 1), OPFLOW_EINVAL, "out");
	TU_FAILS(g, opflow_graph_time_of(NULL, g, 1), OPFLOW_EINVAL, "out");
	TU_FAILS(NULL, opflow_graph_instant_of(&t, NULL, 1), OPFLOW_EINVAL,
	         "graph");
	TU_FAILS(NULL, opflow_graph_time_of(&x, NULL, 1), OPFLOW_EINVAL,
	         "graph");
	/* cleared: refused again */
	TU_OK(opflow_graph_clear_start(g));
	TU_FAILS(g, opflow_graph_instant_of(&t, g, 1),
	         OPFLOW_EMISUSE, "not dated");
	TU_FAILS(g, opflow_graph_time_of(&x, g, 0),
	         OPFLOW_EMISUSE, "not dated");
	opflow_graph_free(g);
}
END_TEST

/* ------------------------------------------------------- clone and equal */

/* The aligned graph, with default two (1), flows a0->a1 (elapsed) and
 * a1->a2, started Mon 2026-12-21 06:00, in minutes. */
static opflow_graph *dated_graph(void)
{
	opflow_graph *g = aligned_graph();

	TU_OK(opflow_graph_set_default_calendar(g, 1));
	tu_flow(g, 0, 1, OPFLOW_FLOW_FS, 12);
	tu_flow(g, 1, 2, OPFLOW_FLOW_SS, 1);
	TU_OK(opflow_graph_set_flow_elapsed(g, 0, 1));
	TU_OK(opflow_graph_set_start(g, MON21 + 6 * H));
	TU_OK(opflow_graph_set_unit(g, 60));
	return g;
}

/* A clone of g, changed by one call, differs from g. */
#define DIFFERS(g, call)                                                     \
	do {                                                                 \
		opflow_graph *df_c_ = tu_clone(g);                           \
		ck_assert_int_eq(opflow_graph_equal(df_c_, (g)), 1);          \
		{                                                            \
			opflow_graph *c = df_c_;                             \
			TU_OK(call);                                         \
		}                                                            \
		ck_assert_msg(opflow_graph_equal(df_c_, (g)) == 0,            \
		              "%s: the graphs are still equal", #call);      \
		ck_assert_msg(opflow_graph_equal((g), df_c_) == 0,            \
		              "%s: the graphs are still equal", #call);      \
		opflow_graph_free(df_c_);                                    \
	} while (0)

START_TEST(clone_and_equal)
{
	opflow_graph *g = dated_graph();
	opflow_graph *cl = tu_clone(g);
	opflow_id v;
	int dated, e;
	int64_t start, unit;
	const char *key;
	char *s;

	/* the clone has it all */
	ck_assert_int_eq(opflow_graph_equal(g, cl), 1);
	ck_assert_uint_eq(opflow_graph_calendar_count(cl), 3);
	TU_OK(opflow_graph_calendar_key(&key, cl, 2));
	ck_assert_str_eq(key, "three");
	TU_OK(opflow_graph_calendar_spec(&s, NULL, cl, 1));
	ck_assert_str_eq(s, "mon-fri 06:00-22:00");
	opflow_free(s);
	ck_assert_uint_eq(default_cal(cl), 1);
	ck_assert_uint_eq(dept_cal(cl, 0), 2);
	ck_assert_uint_eq(dept_cal(cl, 2), 0);
	ck_assert_uint_eq(own(cl, 3), 2);
	ck_assert_uint_eq(own(cl, 1), OPFLOW_NONE);
	/* a1 in weld (two) */
	ck_assert_uint_eq(works_on(cl, 1), 1);
	TU_OK(opflow_graph_flow_elapsed(&e, cl, 0));
	ck_assert_int_eq(e, 1);
	TU_OK(opflow_graph_flow_elapsed(&e, cl, 1));
	ck_assert_int_eq(e, 0);
	TU_OK(opflow_graph_start(&dated, &start, cl));
	ck_assert_int_eq(dated, 1);
	EQ64(start, MON21 + 6 * H);
	TU_OK(opflow_graph_unit(&unit, cl));
	EQ64(unit, 60);
	/* the clone's calendars work: 16 h from Mon 06:00 on two end at
	 * 22:00 */
	EQ64(fin(cl, 1, MON21 + 6 * H, 16 * H), MON21 + 22 * H);
	/* independent: changing the clone leaves g alone */
	TU_OK(opflow_graph_remove_calendar(cl, 0));
	ck_assert_uint_eq(opflow_graph_calendar_count(g), 3);
	ck_assert_uint_eq(own(g, 0), 0);
	opflow_graph_free(cl);

	/* every difference is seen */
	DIFFERS(g, opflow_graph_set_calendar_spec(c, 0, "mon-fri 06:00-13:00"));
	DIFFERS(g, opflow_graph_add_calendar(&v, c, "four", "sat 06:00-12:00"));
	DIFFERS(g, opflow_graph_remove_calendar(c, 2));
	DIFFERS(g, opflow_graph_set_default_calendar(c, 0));
	DIFFERS(g, opflow_graph_set_default_calendar(c, OPFLOW_NONE));
	DIFFERS(g, opflow_graph_set_department_calendar(c, 1, OPFLOW_NONE));
	DIFFERS(g, opflow_graph_set_department_calendar(c, 2, 2));
	DIFFERS(g, opflow_graph_set_activity_calendar(c, 1, 0));
	DIFFERS(g, opflow_graph_set_activity_calendar(c, 4, OPFLOW_NONE));
	DIFFERS(g, opflow_graph_set_flow_elapsed(c, 0, 0));
	DIFFERS(g, opflow_graph_set_flow_elapsed(c, 1, 1));
	DIFFERS(g, opflow_graph_set_start(c, MON21 + 6 * H + 1));
	DIFFERS(g, opflow_graph_clear_start(c));
	DIFFERS(g, opflow_graph_set_unit(c, 3600));
	/* the same spec written otherwise is the same calendar */
	cl = tu_clone(g);
	TU_OK(opflow_graph_set_calendar_spec(cl, 0, "fri 06:00-14:00; "
	      "mon-thu 06:00-14:00; sun off"));
	ck_assert_int_eq(opflow_graph_equal(g, cl), 1);
	/* an assignment set and taken back is no difference, even on an
	 * activity no one had set before */
	TU_OK(opflow_graph_set_activity_calendar(cl, 1, 2));
	TU_OK(opflow_graph_set_activity_calendar(cl, 1, OPFLOW_NONE));
	ck_assert_int_eq(opflow_graph_equal(g, cl), 1);
	opflow_graph_free(cl);

	/* built the same way but with another key: not equal */
	{
		opflow_graph *a = tu_graph(), *b = tu_graph();

		cal(a, "one", "mon-fri 06:00-14:00");
		cal(b, "uno", "mon-fri 06:00-14:00");
		ck_assert_int_eq(opflow_graph_equal(a, b), 0);
		opflow_graph_free(b);
		b = tu_graph();
		cal(b, "one", "mon-fri 06:00-14:00");
		ck_assert_int_eq(opflow_graph_equal(a, b), 1);
		/* the order of calendars matters (their ids) */
		cal(a, "two", "sat 06:00-12:00");
		cal(b, "zwei", "sat 06:00-12:00");
		ck_assert_int_eq(opflow_graph_equal(a, b), 0);
		opflow_graph_free(a);
		opflow_graph_free(b);
	}
	/* a graph cloned without calendars */
	{
		opflow_graph *e0 = tu_graph(), *e1 = tu_clone(e0);

		ck_assert_int_eq(opflow_graph_equal(e0, e1), 1);
		ck_assert_uint_eq(opflow_graph_calendar_count(e1), 0);
		opflow_graph_free(e0);
		opflow_graph_free(e1);
	}
	opflow_graph_free(g);
}
END_TEST

/* Every failing call of the section on the dated graph leaves it equal to
 * a clone taken before (TU_FAILS compares). */
START_TEST(failures_change_nothing)
{
	opflow_graph *g = dated_graph();
	opflow_id id = 4242;

	TU_FAILS(g, opflow_graph_add_calendar(&id, g, "one",
	         "mon 06:00-14:00"), OPFLOW_EEXISTS, "one");
	TU_FAILS(g, opflow_graph_add_calendar(&id, g, "four",
	         "mon 14:00-06:00"), OPFLOW_EINVAL, "four");
	TU_FAILS(g, opflow_graph_set_calendar_spec(g, 1, "mon 25:00-26:00"),
	         OPFLOW_EINVAL, "two");
	TU_FAILS(g, opflow_graph_set_calendar_spec(g, 3, "mon 06:00-14:00"),
	         OPFLOW_ENOTFOUND, "no ");
	TU_FAILS(g, opflow_graph_remove_calendar(g, 3),
	         OPFLOW_ENOTFOUND, "no ");
	TU_FAILS(g, opflow_graph_set_default_calendar(g, 3),
	         OPFLOW_ENOTFOUND, "no ");
	TU_FAILS(g, opflow_graph_set_department_calendar(g, 0, 7),
	         OPFLOW_ENOTFOUND, "no ");
	TU_FAILS(g, opflow_graph_set_activity_calendar(g, 2, 3),
	         OPFLOW_ENOTFOUND, "no ");
	TU_FAILS(g, opflow_graph_set_activity_calendar(g, 9, 0),
	         OPFLOW_ENOTFOUND, "no ");
	TU_FAILS(g, opflow_graph_set_flow_elapsed(g, 1, 7),
	         OPFLOW_EINVAL, "opflow_");
	TU_FAILS(g, opflow_graph_set_start(g, LAST + 1),
	         OPFLOW_ERANGE, "1 to 9999");
	TU_FAILS(g, opflow_graph_set_unit(g, 0), OPFLOW_EINVAL, "opflow_");
	ck_assert_uint_eq(id, 4242);
	opflow_graph_free(g);
}
END_TEST

static Suite *calendar_suite(void)
{
	Suite *s = suite_create("calendar");
	TCase *tc;

	tc = tcase_create("instants");
	tcase_add_test(tc, instant_parse);
	tcase_add_test(tc, instant_parse_refused);
	tcase_add_test(tc, instant_format);
	suite_add_tcase(s, tc);

	tc = tcase_create("specs");
	tcase_add_test(tc, spec_refused);
	tcase_add_test(tc, spec_canonical);
	suite_add_tcase(s, tc);

	tc = tcase_create("working axis");
	tcase_add_test(tc, axis_one_shift);
	tcase_add_test(tc, axis_lunch_break);
	tcase_add_test(tc, axis_two_shift_holidays);
	tcase_add_test(tc, axis_exceptions);
	tcase_add_test(tc, axis_night_shift);
	tcase_add_test(tc, axis_24x7);
	tcase_add_test(tc, axis_far_instants);
	tcase_add_test(tc, axis_bad_arguments);
	suite_add_tcase(s, tc);

	tc = tcase_create("graph");
	tcase_add_test(tc, calendars_add_find_remove);
	tcase_add_test(tc, assignments_inheritance);
	tcase_add_test(tc, assignments_refused);
	tcase_add_test(tc, remove_calendar_renumbers);
	tcase_add_test(tc, removals_keep_alignment);
	tcase_add_test(tc, flow_elapsed);
	tcase_add_test(tc, start_and_unit);
	tcase_add_test(tc, instants_and_times);
	tcase_add_test(tc, clone_and_equal);
	tcase_add_test(tc, failures_change_nothing);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(calendar_suite());
}
