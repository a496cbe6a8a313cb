/*
 * check_dated.c - the analysis of a dated graph (DESIGN, "Dates and
 * working calendars"), every instant worked out by hand in the comment
 * beside it: shift ends, a lunch break, a holiday, a weekend, a night in
 * a 24/7 calendar, events and a milestone whose late instant is Monday
 * morning, an elapsed lag across a weekend against a working one, a
 * negative lag, SS with the second less where the predecessor's calendar
 * is idle, FF across two calendars (the successor finishing first on the
 * clock), a deadline giving negative float, the refusals.
 *
 * Calendars used: one-shift "mon-fri 06:00-14:00" (8 h a day), 24x7, and
 * day "mon-fri 08:00-12:00 13:00-17:00; 2026-12-24..2026-12-26 off".
 * 2026-12-21 is a Monday; 2027-01-01 is a Friday.
 */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define M OPFLOW_CATEGORY_MANUFACTURING
#define H 3600

static int64_t at(const char *text)
{
	int64_t t;

	TU_OK(opflow_instant_parse(&t, text));
	return t;
}

static opflow_id calendar(opflow_graph *g, const char *key, const char *spec)
{
	opflow_id c;

	TU_OK(opflow_graph_add_calendar(&c, g, key, spec));
	return c;
}

/* An activity of d units on calendar c (OPFLOW_NONE: inherit). */
static opflow_id act(opflow_graph *g, const char *key, double d, opflow_id c)
{
	opflow_id a = tu_add_dur(g, key, M, d);

	TU_OK(opflow_graph_set_activity_calendar(g, a, c));
	return a;
}

static opflow_analysis *analyze(const opflow_graph *g,
                                const opflow_analysis_options *o)
{
	opflow_analysis *a;

	TU_OK(opflow_analyze(&a, g, o));
	return a;
}

/* The instants of activity id are these (ISO text). */
static void instants(const opflow_analysis *a, opflow_id id,
                     const char *start, const char *finish,
                     const char *late_start, const char *late_finish)
{
	int64_t t[4];
	const char *want[4] = { start, finish, late_start, late_finish };

	TU_OK(opflow_analysis_instants(&t[0], &t[1], &t[2], &t[3], a, id));
	for (int i = 0; i < 4; i++) {
		char got[OPFLOW_INSTANT_SIZE];

		TU_OK(opflow_instant_format(got, sizeof got, t[i]));
		ck_assert_msg(strcmp(got, want[i]) == 0,
		    "activity %u, instant %d: %s, expected %s", (unsigned)id,
		    i, got, want[i]);
	}
}

static void floats(const opflow_analysis *a, opflow_id id, double tf,
                   double ff, int critical)
{
	double t, f;
	int c;

	TU_OK(opflow_analysis_floats(&t, &f, a, id));
	TU_OK(opflow_analysis_criticality(&c, NULL, a, id));
	ck_assert_msg(fabs(t - tf) < 1e-12 && fabs(f - ff) < 1e-12,
	    "activity %u: floats %.17g and %.17g, expected %g and %g",
	    (unsigned)id, t, f, tf, ff);
	ck_assert_msg(c == critical, "activity %u: critical %d", (unsigned)id,
	              c);
}

static double figure(const opflow_analysis *a, opflow_figure f)
{
	double v;

	TU_OK(opflow_analysis_figure(&v, a, f));
	return v;
}

/* weld 10 h (one-shift, the default) -> cure 30 h (24x7) -> paint 4 h
 * -> ship (an event), all FS 0, from Monday 2026-12-21 06:00. */
START_TEST(shifts_and_a_night)
{
	opflow_graph *g = tu_graph();
	opflow_id one = calendar(g, "one-shift", "mon-fri 06:00-14:00");
	opflow_id all = calendar(g, "24x7", "mon-sun 00:00-24:00");
	opflow_id w = act(g, "weld", 10, OPFLOW_NONE);
	opflow_id c = act(g, "cure", 30, all);
	opflow_id p = act(g, "paint", 4, OPFLOW_NONE);
	opflow_id s = act(g, "ship", 0, OPFLOW_NONE);
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_analysis *a;
	int64_t start, finish, unit;
	int dated;
	double es, ef, ls, lf;

	TU_OK(opflow_graph_set_default_calendar(g, one));
	tu_flow(g, w, c, OPFLOW_FLOW_FS, 0);
	tu_flow(g, c, p, OPFLOW_FLOW_FS, 0);
	tu_flow(g, p, s, OPFLOW_FLOW_FS, 0);
	TU_OK(opflow_graph_set_start(g, at("2026-12-21T06:00")));
	a = analyze(g, NULL);
	/* weld: Monday's 8 h to 14:00, 2 more on Tuesday: 08:00.  cure:
	 * 30 h round the clock, Tuesday 08:00 to Wednesday 14:00.  paint:
	 * Wednesday's shift is over at 14:00; the last instant of that
	 * working position is Thursday 06:00: 06:00 to 10:00.  ship at
	 * paint's finish. */
	/* backward from the finish, Thursday 10:00: paint 06:00 - 10:00;
	 * cure must end by Thursday 06:00 (the last instant paint's late
	 * start position has), so starts by Wednesday 00:00: 16 h of 24x7
	 * float; weld must end by the working position of Wednesday 00:00,
	 * Tuesday 14:00, so starts by Monday 12:00: 6 h of float. */
	instants(a, w, "2026-12-21T06:00", "2026-12-22T08:00",
	         "2026-12-21T12:00", "2026-12-22T14:00");
	instants(a, c, "2026-12-22T08:00", "2026-12-23T14:00",
	         "2026-12-23T00:00", "2026-12-24T06:00");
	instants(a, p, "2026-12-24T06:00", "2026-12-24T10:00",
	         "2026-12-24T06:00", "2026-12-24T10:00");
	instants(a, s, "2026-12-24T10:00", "2026-12-24T10:00",
	         "2026-12-24T10:00", "2026-12-24T10:00");
	/* free floats: weld 0 (cure starts at its finish); cure from its
	 * finish to paint's start, Wednesday 14:00 to Thursday 06:00 of
	 * 24x7 time: 16 h */
	floats(a, w, 6, 0, 0);
	floats(a, c, 16, 16, 0);
	floats(a, p, 0, 0, 1);
	floats(a, s, 0, 0, 1);
	/* es .. lf in elapsed hours since the start: cure from 26 (Tuesday
	 * 08:00) to 56, late 42 (Wednesday 00:00) to 72 */
	TU_OK(opflow_analysis_schedule(&es, &ef, &ls, &lf, a, c));
	ck_assert(es == 26 && ef == 56 && ls == 42 && lf == 72);
	/* the lead time: 76 elapsed hours; of the one-shift calendar
	 * Monday to Wednesday 8 h each and Thursday 4: 28 */
	ck_assert(figure(a, OPFLOW_FIGURE_LEAD_TIME) == 76);
	ck_assert(figure(a, OPFLOW_FIGURE_WORKING_LEAD_TIME) == 28);
	TU_OK(opflow_analysis_dates(&dated, &start, &finish, &unit, a));
	ck_assert(dated == 1 && start == at("2026-12-21T06:00") &&
	          finish == at("2026-12-24T10:00") && unit == H);
	/* the production window: weld to paint (ship is distribution? no:
	 * every activity here is manufacturing), 0 to 76 */
	ck_assert(figure(a, OPFLOW_FIGURE_PRODUCTION_START) == 0);
	ck_assert(figure(a, OPFLOW_FIGURE_PRODUCTION_END) == 76);
	/* the critical chain: paint then ship */
	ck_assert_uint_eq(opflow_analysis_chain_count(a), 1);
	{
		opflow_id ids[4];
		size_t len;

		TU_OK(opflow_analysis_chain(&len, ids, 4, a, 0));
		ck_assert(len == 2 && ids[0] == p && ids[1] == s);
	}
	/* the instant columns */
	{
		double col[4];

		TU_OK(opflow_analysis_column(col, 4, a,
		                             OPFLOW_COLUMN_LATE_START_INSTANT));
		ck_assert(col[1] == (double)at("2026-12-23T00:00"));
	}
	opflow_analysis_free(a);

	/* a deadline of 100 h, Friday 2026-12-25 10:00: paint may finish
	 * then, 8 working hours later (Thursday 06:00 to Friday 06:00 has
	 * 8 of them); the critical set stays paint and ship */
	o.has_deadline = 1;
	o.deadline = 100;
	a = analyze(g, &o);
	instants(a, p, "2026-12-24T06:00", "2026-12-24T10:00",
	         "2026-12-25T06:00", "2026-12-25T10:00");
	floats(a, p, 8, 0, 1);
	floats(a, s, 8, 8, 1);
	floats(a, w, 14, 0, 0);
	opflow_analysis_free(a);

	/* a deadline of 4 h, Monday 10:00: weld cannot make it; paint's
	 * late finish is the position of Monday 10:00, 28 - 4 = 24 working
	 * hours before its finish */
	o.deadline = 4;
	a = analyze(g, &o);
	floats(a, p, -24, -24, 1);
	opflow_analysis_free(a);
	opflow_graph_free(g);
}
END_TEST

/* A 10 h job and a 4 h one on the day calendar (08-12, 13-17, closed
 * 24 to 26 December), from Wednesday 2026-12-23 08:00. */
START_TEST(lunch_and_holiday)
{
	opflow_graph *g = tu_graph();
	opflow_id day = calendar(g, "day", "mon-fri 08:00-12:00 13:00-17:00; "
	                         "2026-12-24..2026-12-26 off");
	opflow_id j = act(g, "job", 10, day), k = act(g, "short", 4, day);
	opflow_analysis *a;

	TU_OK(opflow_graph_set_start(g, at("2026-12-23T08:00")));
	a = analyze(g, NULL);
	/* job: Wednesday's 8 h, then the holiday and the weekend: Monday
	 * 28th 08:00 + 2 h = 10:00.  short: 08:00 to 12:00, not 13:00 (a
	 * finish is the end of the last worked period) */
	instants(a, j, "2026-12-23T08:00", "2026-12-28T10:00",
	         "2026-12-23T08:00", "2026-12-28T10:00");
	instants(a, k, "2026-12-23T08:00", "2026-12-23T12:00",
	         "2026-12-23T15:00", "2026-12-28T10:00");
	/* short by the finish, Monday 10:00: Monday's 2 h and Wednesday
	 * 15:00 - 17:00, so it starts by Wednesday 15:00 (08-12 and 13-15
	 * before it: a float of 6 working hours, its free float too); the
	 * lead time 5 days and 2 h, 122 h elapsed; the graph has no
	 * default calendar: 122 working hours of 24/7 */
	floats(a, k, 6, 6, 0);
	ck_assert(figure(a, OPFLOW_FIGURE_LEAD_TIME) == 122);
	ck_assert(figure(a, OPFLOW_FIGURE_WORKING_LEAD_TIME) == 122);
	opflow_analysis_free(a);
	opflow_graph_free(g);
}
END_TEST

/* a 8 h -> milestone m -> c 8 h, FS 0, one-shift, from Friday
 * 2027-01-01 06:00. */
START_TEST(milestone_after_the_weekend)
{
	opflow_graph *g = tu_graph();
	opflow_id one = calendar(g, "one-shift", "mon-fri 06:00-14:00");
	opflow_id x = act(g, "a", 8, one), m = act(g, "m", 0, one);
	opflow_id c = act(g, "c", 8, one);
	opflow_analysis *a;

	tu_flow(g, x, m, OPFLOW_FLOW_FS, 0);
	tu_flow(g, m, c, OPFLOW_FLOW_FS, 0);
	TU_OK(opflow_graph_set_start(g, at("2027-01-01T06:00")));
	a = analyze(g, NULL);
	/* a: Friday 06:00 - 14:00; m at a's finish, Friday 14:00 (an
	 * event lies at the instant its constraint names); c starts at the
	 * next working instant, Monday 06:00, and ends at 14:00.  Late: c
	 * as early; m by c's late start, Monday 06:00: a late instant after
	 * its instant, yet no working time between: float 0, critical */
	instants(a, m, "2027-01-01T14:00", "2027-01-01T14:00",
	         "2027-01-04T06:00", "2027-01-04T06:00");
	instants(a, x, "2027-01-01T06:00", "2027-01-01T14:00",
	         "2027-01-01T06:00", "2027-01-01T14:00");
	instants(a, c, "2027-01-04T06:00", "2027-01-04T14:00",
	         "2027-01-04T06:00", "2027-01-04T14:00");
	floats(a, m, 0, 0, 1);
	floats(a, x, 0, 0, 1);
	floats(a, c, 0, 0, 1);
	/* 80 elapsed hours, 16 working */
	ck_assert(figure(a, OPFLOW_FIGURE_LEAD_TIME) == 80);
	opflow_analysis_free(a);
	opflow_graph_free(g);
}
END_TEST

/* paint 8 h -> assemble 4 h, FS with a lag of 12 h, one-shift, from
 * Friday 2027-01-01 06:00; elapsed, then working. */
START_TEST(elapsed_lag_over_a_weekend)
{
	opflow_graph *g = tu_graph();
	opflow_id one = calendar(g, "one-shift", "mon-fri 06:00-14:00");
	opflow_id p = act(g, "paint", 8, one), s = act(g, "assemble", 4, one);
	opflow_id f = tu_flow(g, p, s, OPFLOW_FLOW_FS, 12);
	opflow_analysis *a;
	int elapsed;

	TU_OK(opflow_graph_set_start(g, at("2027-01-01T06:00")));
	TU_OK(opflow_graph_set_flow_elapsed(g, f, 1));
	TU_OK(opflow_graph_flow_elapsed(&elapsed, g, f));
	ck_assert_int_eq(elapsed, 1);
	a = analyze(g, NULL);
	/* paint 06:00 - 14:00 Friday; the paint cures 12 h of the clock,
	 * to Saturday 02:00, whose working position is Friday's end:
	 * assemble Monday 06:00 - 10:00.  Backward: paint must finish 12 h
	 * before the last instant of assemble's late start position
	 * (Monday 06:00): Sunday 18:00, whose position is Friday 14:00:
	 * float 0 */
	instants(a, s, "2027-01-04T06:00", "2027-01-04T10:00",
	         "2027-01-04T06:00", "2027-01-04T10:00");
	instants(a, p, "2027-01-01T06:00", "2027-01-01T14:00",
	         "2027-01-01T06:00", "2027-01-01T14:00");
	floats(a, p, 0, 0, 1);
	opflow_analysis_free(a);

	/* a working lag: 12 h of the shift after Friday 14:00, Monday's 8
	 * and 4 on Tuesday: assemble Tuesday 10:00 - 14:00 */
	TU_OK(opflow_graph_set_flow_elapsed(g, f, 0));
	a = analyze(g, NULL);
	instants(a, s, "2027-01-05T10:00", "2027-01-05T14:00",
	         "2027-01-05T10:00", "2027-01-05T14:00");
	opflow_analysis_free(a);

	/* a negative lag of 2 h: assemble may start 2 working hours
	 * before paint ends, Friday 12:00, and ends Friday 14:00 + 2 h of
	 * the next working day: Monday 08:00 */
	TU_OK(opflow_graph_set_flow_lag(g, f, -2));
	a = analyze(g, NULL);
	instants(a, s, "2027-01-01T12:00", "2027-01-04T08:00",
	         "2027-01-01T12:00", "2027-01-04T08:00");
	opflow_analysis_free(a);
	opflow_graph_free(g);
}
END_TEST

/* SS from a job on the one-shift calendar to one round the clock whose
 * latest start falls after the shift: the plain mirror would let the
 * first start the next morning. */
START_TEST(start_to_start_across_calendars)
{
	opflow_graph *g = tu_graph();
	opflow_id one = calendar(g, "one-shift", "mon-fri 06:00-14:00");
	opflow_id all = calendar(g, "24x7", "mon-sun 00:00-24:00");
	opflow_id x = act(g, "a", 2, one), b = act(g, "b", 20, all);
	opflow_id c = act(g, "c", 30, all);
	opflow_analysis *an;

	(void)c;
	tu_flow(g, x, b, OPFLOW_FLOW_SS, 0);
	TU_OK(opflow_graph_set_start(g, at("2026-12-21T06:00")));
	an = analyze(g, NULL);
	/* a 06:00 - 08:00 Monday; b from a's start, 06:00, for 20 h, to
	 * Tuesday 02:00; c 06:00 to Tuesday 12:00, the finish.  Backward:
	 * b by Tuesday 12:00, so starts by Monday 16:00; a must start by
	 * then, but its calendar is idle at 16:00: its latest start
	 * position is one second before Monday's end, 7:59:59 into the
	 * shift: 13:59:59, and it finishes 2 h of work later, Tuesday
	 * 07:59:59.  Float: 7 h 59 min 59 s. */
	instants(an, x, "2026-12-21T06:00", "2026-12-21T08:00",
	         "2026-12-21T13:59:59", "2026-12-22T07:59:59");
	instants(an, b, "2026-12-21T06:00", "2026-12-22T02:00",
	         "2026-12-21T16:00", "2026-12-22T12:00");
	/* free float 0: b starts early at a's early start */
	floats(an, x, 28799.0 / 3600, 0, 0);
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

/* FF across calendars: a 10 h round the clock, b 2 h on the one-shift
 * calendar, FF 0, from Monday 2026-12-21 06:00. */
START_TEST(finish_to_finish_across_calendars)
{
	opflow_graph *g = tu_graph();
	opflow_id one = calendar(g, "one-shift", "mon-fri 06:00-14:00");
	opflow_id all = calendar(g, "24x7", "mon-sun 00:00-24:00");
	opflow_id x = act(g, "a", 10, all), b = act(g, "b", 2, one);
	opflow_analysis *an;

	tu_flow(g, x, b, OPFLOW_FLOW_FF, 0);
	TU_OK(opflow_graph_set_start(g, at("2026-12-21T06:00")));
	an = analyze(g, NULL);
	/* a 06:00 - 16:00; b must finish no earlier than the position of
	 * 16:00 on its calendar, the end of Monday's shift: b 12:00 -
	 * 14:00, before a finishes on the clock */
	instants(an, b, "2026-12-21T12:00", "2026-12-21T14:00",
	         "2026-12-21T12:00", "2026-12-21T14:00");
	instants(an, x, "2026-12-21T06:00", "2026-12-21T16:00",
	         "2026-12-21T06:00", "2026-12-21T16:00");
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

/* Durations round to the second; the unit; what undated analyses say;
 * what a dated graph refuses. */
START_TEST(units_rounding_and_refusals)
{
	opflow_graph *g = tu_graph();
	opflow_id x = act(g, "a", 1.0 / 3, OPFLOW_NONE);
	opflow_id y = act(g, "b", 0.0001, OPFLOW_NONE);
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_simulation *s;
	opflow_analysis *a;
	int64_t t;
	int dated;
	double v;

	/* undated: no instants */
	a = analyze(g, NULL);
	TU_OK(opflow_analysis_dates(&dated, NULL, NULL, NULL, a));
	ck_assert_int_eq(dated, 0);
	TU_FAILS(NULL, opflow_analysis_instants(&t, NULL, NULL, NULL, a, x),
	         OPFLOW_EMISUSE, "not of a dated graph");
	TU_FAILS(NULL, opflow_analysis_instant_of(&t, a, 1), OPFLOW_EMISUSE,
	         "not of a dated graph");
	TU_FAILS(NULL, opflow_analysis_figure(&v, a,
	         OPFLOW_FIGURE_WORKING_LEAD_TIME), OPFLOW_ENOTFOUND,
	         "not dated");
	opflow_analysis_free(a);

	/* minutes: 1/3 of a minute is 20 s; 0.0001 min is 0.006 s, 0 */
	TU_OK(opflow_graph_set_start(g, at("2026-12-21T06:00")));
	TU_OK(opflow_graph_set_unit(g, 60));
	a = analyze(g, NULL);
	instants(a, x, "2026-12-21T06:00", "2026-12-21T06:00:20",
	         "2026-12-21T06:00", "2026-12-21T06:00:20");
	instants(a, y, "2026-12-21T06:00", "2026-12-21T06:00",
	         "2026-12-21T06:00:20", "2026-12-21T06:00:20");
	TU_OK(opflow_analysis_instant_of(&t, a, 1.5));
	ck_assert(t == at("2026-12-21T06:01:30"));
	ck_assert(figure(a, OPFLOW_FIGURE_LEAD_TIME) == 20.0 / 60);
	/* no PERT figures */
	TU_FAILS(NULL, opflow_analysis_figure(&v, a,
	         OPFLOW_FIGURE_PERT_LEAD_TIME), OPFLOW_ENOTFOUND, "dated");
	opflow_analysis_free(a);

	/* simulations of a dated graph are refused */
	TU_FAILS(g, opflow_simulate(&s, g, NULL, NULL), OPFLOW_EINVAL,
	         "dated");
	/* a deadline beyond the year 9999 */
	o.has_status_date = 0;
	o.has_deadline = 1;
	o.deadline = 1e12;
	TU_FAILS(g, opflow_analyze(&a, g, &o), OPFLOW_ERANGE, "deadline");
	/* a duration beyond it */
	TU_OK(opflow_graph_set_activity_duration(g, x, 1e15));
	TU_FAILS(g, opflow_analyze(&a, g, NULL), OPFLOW_ERANGE, "a");
	opflow_graph_free(g);
}
END_TEST

/* The checks of a dated graph in seconds: a calendar closed for the
 * year after the start, a duration of 2.5 s (rounded to 3, half away
 * from zero). */
START_TEST(checks)
{
	opflow_graph *g = tu_graph();
	opflow_id shut = calendar(g, "shut", "mon 06:00-07:00; "
	                          "2027-01-01..2028-12-31 off");
	opflow_id x = act(g, "a", 2.5, OPFLOW_NONE);
	opflow_id y = act(g, "b", 1, shut);
	opflow_findings *f;
	opflow_finding_kind kind;
	opflow_severity sev;
	opflow_id who;
	const char *msg;
	size_t seen = 0;

	tu_flow(g, x, y, OPFLOW_FLOW_FS, 0);
	/* undated: neither finding */
	TU_OK(opflow_graph_check(&f, g, NULL));
	for (size_t i = 0; i < opflow_findings_count(f); i++) {
		TU_OK(opflow_findings_get(&kind, NULL, NULL, NULL, NULL, f, i));
		ck_assert(kind != OPFLOW_FINDING_IDLE_CALENDAR &&
		          kind != OPFLOW_FINDING_FRACTIONAL_SECONDS);
	}
	opflow_findings_free(f);
	TU_OK(opflow_graph_set_start(g, at("2027-01-01T00:00")));
	TU_OK(opflow_graph_set_unit(g, 1));
	TU_OK(opflow_graph_check(&f, g, NULL));
	for (size_t i = 0; i < opflow_findings_count(f); i++) {
		TU_OK(opflow_findings_get(&kind, &sev, &who, NULL, &msg, f, i));
		if (kind == OPFLOW_FINDING_IDLE_CALENDAR) {
			ck_assert(who == y && sev == OPFLOW_SEVERITY_WARNING);
			ck_assert_str_eq(msg, "activity b works on calendar shut, "
			    "which has no working time in the year after the "
			    "start");
			seen++;
		}
		if (kind == OPFLOW_FINDING_FRACTIONAL_SECONDS) {
			ck_assert(who == x);
			ck_assert_str_eq(msg, "activity a has a duration of "
			    "2.5 seconds, which the dated schedule rounds to "
			    "3");
			seen++;
		}
	}
	ck_assert_uint_eq(seen, 2);
	opflow_findings_free(f);
	ck_assert_str_eq(opflow_finding_kind_name(
	                 OPFLOW_FINDING_IDLE_CALENDAR), "idle-calendar");
	ck_assert_str_eq(opflow_finding_kind_name(
	                 OPFLOW_FINDING_FRACTIONAL_SECONDS),
	                 "fractional-seconds");
	opflow_graph_free(g);
}
END_TEST

/* ------------------------------------------- one calendar: the fast path */

static uint64_t rng_state;

static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng_state >> 33) % n);
}

/* Weekly patterns and exceptions to draw a calendar from. */
static const char *const weeks[] = {
	"mon-fri 06:00-14:00",
	"mon-fri 08:00-12:00 13:00-17:00",
	"mon-fri 06:00-14:00 14:00-22:00; sat 06:00-12:00",
	"mon 22:00-24:00; tue-fri 00:00-06:00 22:00-24:00; sat 00:00-06:00",
	"mon-sun 00:00-24:00",
	"wed 10:00-10:30",
	"mon-fri 07:00-07:01 23:59-24:00; sun 12:00-13:00",
};
static const char *const exceptions[] = {
	"", "; 2026-12-24..2026-12-26 off",
	"; 2026-12-23 10:00-11:00; 2026-12-31..2027-01-01 off",
	"; 2026-12-19..2026-12-20 08:00-09:00 12:00-20:00",
};

/*
 * DESIGN: with one calendar for every activity and no elapsed lag, the
 * dated schedule is the unit schedule (in seconds, from W(S)) mapped
 * through W: a start at the last instant of its position, a finish at
 * the first, events at instants of their positions; floats and the
 * critical set the unit schedule's.  Random value chains in minutes
 * (durations 0 to 600, lags -180 to 300, all four flow types), against
 * the same graph undated.
 */
START_TEST(one_calendar_is_the_unit_schedule)
{
	rng_state = 20261221;
	for (int round = 0; round < 400; round++) {
		opflow_graph *g = tu_graph(), *u;
		char spec[256];
		opflow_id c;
		unsigned n = 1 + rnd(14);
		opflow_analysis *a, *b;
		int64_t S = at("2026-12-18T00:00") + 60 * (int64_t)rnd(10000);
		int64_t WS, unit = 60;

		snprintf(spec, sizeof spec, "%s%s", weeks[rnd(7)],
		         exceptions[rnd(4)]);
		c = calendar(g, "c", spec);
		TU_OK(opflow_graph_set_default_calendar(g, c));
		for (unsigned i = 0; i < n; i++) {
			char key[16];

			snprintf(key, sizeof key, "a%u", i);
			tu_add_dur(g, key, i % 3 ? M : OPFLOW_CATEGORY_SALES,
			           rnd(4) ? (double)rnd(601) : 0.0);
		}
		for (unsigned j = 1; j < n; j++)
			for (unsigned i = 0; i < j; i++)
				if (!rnd(3))
					tu_flow(g, i, j, (opflow_flow_type)rnd(4),
					        (double)rnd(481) - 180);
		TU_OK(opflow_graph_set_unit(g, unit));
		u = tu_clone(g);
		TU_OK(opflow_graph_set_start(g, S));
		a = analyze(g, NULL);
		b = analyze(u, NULL);
		TU_OK(opflow_calendar_working_time(&WS, g, c,
		      at("1970-01-01T00:00"), S));
		for (opflow_id i = 0; i < n; i++) {
			double t[4], tf[2], uf[2];
			int64_t inst[4], w;
			int ca, cb;
			double d;

			TU_OK(opflow_analysis_schedule(&t[0], &t[1], &t[2], &t[3],
			                               b, i));
			TU_OK(opflow_analysis_instants(&inst[0], &inst[1],
			      &inst[2], &inst[3], a, i));
			TU_OK(opflow_graph_activity_duration(&d, NULL, g, i));
			for (int k = 0; k < 4; k++) {
				int64_t pos = WS + (int64_t)t[k] * unit, want;

				/* the instant's working position */
				TU_OK(opflow_calendar_working_time(&w, g, c,
				      at("1970-01-01T00:00"), inst[k]));
				ck_assert_msg(w == pos, "round %d (%s), activity "
				    "%u, instant %d: position %lld, the unit "
				    "schedule's %lld", round, spec, (unsigned)i,
				    k, (long long)w, (long long)pos);
				if (d == 0)
					continue;
				/* work: starts last, finishes first */
				if (k % 2 == 0)
					TU_OK(opflow_calendar_start_after(&want, g,
					      c, at("1970-01-01T00:00"), pos));
				else
					TU_OK(opflow_calendar_finish_after(&want,
					      g, c, at("1970-01-01T00:00"), pos));
				ck_assert_msg(inst[k] == want, "round %d (%s), "
				    "activity %u, instant %d", round, spec,
				    (unsigned)i, k);
			}
			TU_OK(opflow_analysis_floats(&tf[0], &tf[1], a, i));
			TU_OK(opflow_analysis_floats(&uf[0], &uf[1], b, i));
			TU_OK(opflow_analysis_criticality(&ca, NULL, a, i));
			TU_OK(opflow_analysis_criticality(&cb, NULL, b, i));
			ck_assert_msg(tf[0] == uf[0] && tf[1] == uf[1] && ca == cb,
			    "round %d (%s), activity %u: floats %g %g crit %d, "
			    "unit %g %g crit %d", round, spec, (unsigned)i,
			    tf[0], tf[1], ca, uf[0], uf[1], cb);
		}
		opflow_analysis_free(a);
		opflow_analysis_free(b);
		opflow_graph_free(u);
		opflow_graph_free(g);
	}
}
END_TEST

/* Progress on the one-shift calendar from Monday 2026-12-21 06:00: buy
 * completed before the start (-10 to -2), weld 16 h started at the start
 * (FS from buy), paint 4 h after weld; the status date 10 h, Monday
 * 16:00, after the shift. */
START_TEST(progress_on_a_shift)
{
	opflow_graph *g = tu_graph();
	opflow_id one = calendar(g, "one-shift", "mon-fri 06:00-14:00");
	opflow_id buy = act(g, "buy", 2, one), w = act(g, "weld", 16, one);
	opflow_id p = act(g, "paint", 4, one);
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_analysis *a;
	opflow_state st;
	double rs, r, es, ef;

	tu_flow(g, buy, w, OPFLOW_FLOW_FS, 0);
	tu_flow(g, w, p, OPFLOW_FLOW_FS, 0);
	TU_OK(opflow_graph_set_start(g, at("2026-12-21T06:00")));
	TU_OK(opflow_graph_set_activity_tracking(g, buy,
	      OPFLOW_TRACK_ACTUAL_START, -10));
	TU_OK(opflow_graph_set_activity_tracking(g, buy,
	      OPFLOW_TRACK_ACTUAL_FINISH, -2));
	TU_OK(opflow_graph_set_activity_tracking(g, w,
	      OPFLOW_TRACK_ACTUAL_START, 0));
	o.has_status_date = 1;
	o.status_date = 10;
	a = analyze(g, &o);
	/* weld has worked Monday's 8 h: 8 left, from the status date's
	 * position, the end of Monday's shift, whose last instant is
	 * Tuesday 06:00, to 14:00; paint Wednesday 06:00 - 10:00 */
	TU_OK(opflow_analysis_progress(&st, &rs, &r, a, w));
	ck_assert(st == OPFLOW_STATE_IN_PROGRESS && rs == 24 && r == 8);
	instants(a, w, "2026-12-21T06:00", "2026-12-22T14:00",
	         "2026-12-22T06:00", "2026-12-22T14:00");
	instants(a, p, "2026-12-23T06:00", "2026-12-23T10:00",
	         "2026-12-23T06:00", "2026-12-23T10:00");
	TU_OK(opflow_analysis_schedule(&es, &ef, NULL, NULL, a, buy));
	ck_assert(es == -10 && ef == -2);
	floats(a, buy, 0, 0, 0);
	floats(a, w, 0, 0, 1);
	floats(a, p, 0, 0, 1);
	ck_assert(figure(a, OPFLOW_FIGURE_LEAD_TIME) == 52);
	opflow_analysis_free(a);

	/* paint to start no later than Tuesday 20:00, when the shift is
	 * idle: its start position must end a second before the end of
	 * Tuesday's shift, 13:59:59; weld must finish by then too: both
	 * have a float of -1 s, the least, and are critical */
	TU_OK(opflow_graph_set_activity_tracking(g, p,
	      OPFLOW_TRACK_START_NO_LATER_THAN, 38));
	a = analyze(g, &o);
	instants(a, p, "2026-12-23T06:00", "2026-12-23T10:00",
	         "2026-12-22T13:59:59", "2026-12-23T09:59:59");
	/* free float ignores date constraints: the finish is the horizon */
	floats(a, p, -1.0 / 3600, 0, 1);
	floats(a, w, -1.0 / 3600, 0, 1);
	opflow_analysis_free(a);
	opflow_graph_free(g);
}
END_TEST

/*
 * Progress on a dated graph round the clock, in seconds, is progress in
 * unit time (DESIGN: W(t) = t on 24/7): random value chains with actual
 * starts and finishes, remaining durations, the four date constraints,
 * status dates negative, zero and positive, both logics, against the
 * same graph undated (whose analysis tests/check_progress.c and an
 * independent model check).
 */
START_TEST(progress_round_the_clock_is_unit_progress)
{
	static const opflow_tracking limits[4] = {
		OPFLOW_TRACK_START_NO_EARLIER_THAN,
		OPFLOW_TRACK_FINISH_NO_EARLIER_THAN,
		OPFLOW_TRACK_START_NO_LATER_THAN,
		OPFLOW_TRACK_FINISH_NO_LATER_THAN
	};

	rng_state = 1303;
	for (int round = 0; round < 1500; round++) {
		opflow_graph *g = tu_graph(), *u;
		unsigned n = 1 + rnd(10);
		double D = (double)rnd(40) - 8;
		opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;
		opflow_analysis *a, *b;

		for (unsigned i = 0; i < n; i++) {
			char key[16];
			opflow_id id;
			double d = rnd(5) ? (double)rnd(12) : 0.0;

			snprintf(key, sizeof key, "a%u", i);
			id = tu_add_dur(g, key, i % 2 ? M :
			                OPFLOW_CATEGORY_LOGISTICS, d);
			switch (rnd(4)) {
			case 0: {       /* completed */
				double as = D - rnd(20);
				double af = as + rnd((unsigned)(D - as) + 1);

				TU_OK(opflow_graph_set_activity_tracking(g, id,
				      OPFLOW_TRACK_ACTUAL_START, as));
				TU_OK(opflow_graph_set_activity_tracking(g, id,
				      OPFLOW_TRACK_ACTUAL_FINISH, af));
				break;
			}
			case 1:         /* in progress */
				TU_OK(opflow_graph_set_activity_tracking(g, id,
				      OPFLOW_TRACK_ACTUAL_START, D - rnd(15)));
				break;
			default:
				break;
			}
			if (!rnd(4))
				TU_OK(opflow_graph_set_activity_tracking(g, id,
				      OPFLOW_TRACK_REMAINING, rnd(8)));
			if (!rnd(3))
				TU_OK(opflow_graph_set_activity_tracking(g, id,
				      limits[rnd(4)], (double)rnd(60) - 10));
		}
		for (unsigned j = 1; j < n; j++)
			for (unsigned i = 0; i < j; i++)
				if (!rnd(3))
					tu_flow(g, i, j, (opflow_flow_type)rnd(4),
					        (double)rnd(13) - 4);
		TU_OK(opflow_graph_set_unit(g, 1));
		u = tu_clone(g);
		TU_OK(opflow_graph_set_start(g, at("2026-12-21T06:00")));
		o.has_status_date = rnd(6) != 0;
		o.status_date = D;
		o.logic = rnd(2) ? OPFLOW_LOGIC_OVERRIDE : OPFLOW_LOGIC_RETAINED;
		a = analyze(g, &o);
		b = analyze(u, &o);
		ck_assert(figure(a, OPFLOW_FIGURE_LEAD_TIME) ==
		          figure(b, OPFLOW_FIGURE_LEAD_TIME));
		for (opflow_id i = 0; i < n; i++) {
			double x[10], y[10];
			int ca, cb, s1, s2;
			opflow_state sa, sb;

			TU_OK(opflow_analysis_schedule(&x[0], &x[1], &x[2], &x[3],
			                               a, i));
			TU_OK(opflow_analysis_schedule(&y[0], &y[1], &y[2], &y[3],
			                               b, i));
			TU_OK(opflow_analysis_floats(&x[4], &x[5], a, i));
			TU_OK(opflow_analysis_floats(&y[4], &y[5], b, i));
			TU_OK(opflow_analysis_progress(&sa, &x[6], &x[7], a, i));
			TU_OK(opflow_analysis_progress(&sb, &y[6], &y[7], b, i));
			TU_OK(opflow_analysis_criticality(&ca, NULL, a, i));
			TU_OK(opflow_analysis_criticality(&cb, NULL, b, i));
			s1 = (int)sa;
			s2 = (int)sb;
			for (int k = 0; k < 8; k++)
				ck_assert_msg(x[k] == y[k], "round %d, activity "
				    "%u, value %d: dated %g, unit %g", round,
				    (unsigned)i, k, x[k], y[k]);
			ck_assert_msg(ca == cb && s1 == s2, "round %d, activity "
			    "%u: critical %d / %d, state %d / %d", round,
			    (unsigned)i, ca, cb, s1, s2);
		}
		opflow_analysis_free(a);
		opflow_analysis_free(b);
		opflow_graph_free(u);
		opflow_graph_free(g);
	}
}
END_TEST

static Suite *dated_suite(void)
{
	Suite *s = suite_create("dated");
	TCase *tc = tcase_create("analysis");

	tcase_add_test(tc, shifts_and_a_night);
	tcase_add_test(tc, lunch_and_holiday);
	tcase_add_test(tc, milestone_after_the_weekend);
	tcase_add_test(tc, elapsed_lag_over_a_weekend);
	tcase_add_test(tc, start_to_start_across_calendars);
	tcase_add_test(tc, finish_to_finish_across_calendars);
	tcase_add_test(tc, units_rounding_and_refusals);
	tcase_add_test(tc, checks);
	tcase_add_test(tc, one_calendar_is_the_unit_schedule);
	tcase_add_test(tc, progress_round_the_clock_is_unit_progress);
	tcase_add_test(tc, progress_on_a_shift);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(dated_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
