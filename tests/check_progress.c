/*
 * check_progress.c - progress and date constraints (DESIGN, "Progress,
 * the status date and date constraints"): tracking fields and their
 * refusals, the analysis at a status date under retained logic and
 * progress override, the four date constraints, PERT with progress, and
 * the comparison with a baseline.  Every expected value is worked out by
 * hand in the comment beside it.
 */
#include "analysis_util.h"
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define M OPFLOW_CATEGORY_MANUFACTURING

struct row {
	opflow_state state;
	double es, ef, ls, lf, tf, ff, rs, r;
	int critical;
};

static void expect(const opflow_analysis *a, opflow_id id, struct row x)
{
	double es, ef, ls, lf, tf, ff, rs, r;
	opflow_state st;
	int crit, near;

	TU_OK(opflow_analysis_schedule(&es, &ef, &ls, &lf, a, id));
	TU_OK(opflow_analysis_floats(&tf, &ff, a, id));
	TU_OK(opflow_analysis_progress(&st, &rs, &r, a, id));
	TU_OK(opflow_analysis_criticality(&crit, &near, a, id));
	ck_assert_msg(st == x.state, "activity %u: state %d, expected %d",
	              (unsigned)id, (int)st, (int)x.state);
	TU_DOUBLE_EQ(es, x.es);
	TU_DOUBLE_EQ(ef, x.ef);
	TU_DOUBLE_EQ(ls, x.ls);
	TU_DOUBLE_EQ(lf, x.lf);
	TU_DOUBLE_EQ(tf, x.tf);
	TU_DOUBLE_EQ(ff, x.ff);
	TU_DOUBLE_EQ(rs, x.rs);
	TU_DOUBLE_EQ(r, x.r);
	ck_assert_msg(crit == x.critical, "activity %u: critical %d",
	              (unsigned)id, crit);
}

static void track(opflow_graph *g, opflow_id id, opflow_tracking f, double v)
{
	TU_OK(opflow_graph_set_activity_tracking(g, id, f, v));
}

static opflow_analysis_options at(double status_date, opflow_logic logic)
{
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;

	o.has_status_date = 1;
	o.status_date = status_date;
	o.logic = logic;
	return o;
}

static opflow_id drive(const opflow_analysis *a, opflow_id id)
{
	opflow_id f;

	TU_OK(opflow_analysis_driving_flow(&f, NULL, NULL, NULL, a, id));
	return f;
}

/* cut 2 -> weld 6 -> paint 3 -> assemble 4, all FS 0: the plan runs
 * 0-2, 2-8, 8-11, 11-15. */
static opflow_graph *line(void)
{
	opflow_graph *g = au_graph();
	opflow_id c = au_act(g, "cut", M, 2), w = au_act(g, "weld", M, 6);
	opflow_id p = au_act(g, "paint", M, 3);
	opflow_id s = au_act(g, "assemble", OPFLOW_CATEGORY_ASSEMBLY, 4);

	au_flow(g, c, w, OPFLOW_FLOW_FS, 0);
	au_flow(g, w, p, OPFLOW_FLOW_FS, 0);
	au_flow(g, p, s, OPFLOW_FLOW_FS, 0);
	return g;
}

START_TEST(tracking_fields)
{
	opflow_graph *g = line(), *before;
	double v;
	int set;

	TU_OK(opflow_graph_activity_tracking(&set, &v, g, 0,
	                                     OPFLOW_TRACK_ACTUAL_START));
	ck_assert(set == 0 && v == 0);
	/* a finish needs a start, no earlier than it */
	TU_FAILS(g, opflow_graph_set_activity_tracking(g, 0,
	         OPFLOW_TRACK_ACTUAL_FINISH, 2), OPFLOW_EINVAL, "cut",
	         "no actual start");
	track(g, 0, OPFLOW_TRACK_ACTUAL_START, 1);
	TU_FAILS(g, opflow_graph_set_activity_tracking(g, 0,
	         OPFLOW_TRACK_ACTUAL_FINISH, 0.5), OPFLOW_EINVAL, "cut",
	         "before its actual start");
	track(g, 0, OPFLOW_TRACK_ACTUAL_FINISH, 3);
	TU_FAILS(g, opflow_graph_set_activity_tracking(g, 0,
	         OPFLOW_TRACK_ACTUAL_START, 4), OPFLOW_EINVAL, "cut");
	TU_FAILS(g, opflow_graph_clear_activity_tracking(g, 0,
	         OPFLOW_TRACK_ACTUAL_START), OPFLOW_EINVAL, "cut",
	         "actual finish");
	TU_FAILS(g, opflow_graph_set_activity_tracking(g, 1,
	         OPFLOW_TRACK_REMAINING, -1), OPFLOW_EINVAL, "weld",
	         "negative");
	TU_FAILS(g, opflow_graph_set_activity_tracking(g, 1,
	         OPFLOW_TRACK_START_NO_LATER_THAN, NAN), OPFLOW_EINVAL,
	         "weld", "NaN");
	TU_FAILS(g, opflow_graph_set_activity_tracking(g, 1,
	         (opflow_tracking)7, 1), OPFLOW_EINVAL, "unknown");
	TU_FAILS(g, opflow_graph_set_activity_tracking(g, 9,
	         OPFLOW_TRACK_REMAINING, 1), OPFLOW_ENOTFOUND, "id 9");
	TU_FAILS(NULL, opflow_graph_activity_tracking(NULL, NULL, NULL, 0,
	         OPFLOW_TRACK_REMAINING), OPFLOW_EINVAL, "graph");
	TU_OK(opflow_graph_activity_tracking(&set, &v, g, 0,
	                                     OPFLOW_TRACK_ACTUAL_FINISH));
	ck_assert(set == 1 && v == 3);

	/* a clone has them, equality sees them, removal keeps them by key */
	track(g, 3, OPFLOW_TRACK_FINISH_NO_LATER_THAN, 20);
	before = tu_clone(g);
	ck_assert_int_eq(opflow_graph_equal(g, before), 1);
	track(before, 3, OPFLOW_TRACK_FINISH_NO_LATER_THAN, 21);
	ck_assert_int_eq(opflow_graph_equal(g, before), 0);
	TU_OK(opflow_graph_clear_activity_tracking(before, 3,
	      OPFLOW_TRACK_FINISH_NO_LATER_THAN));
	ck_assert_int_eq(opflow_graph_equal(g, before), 0);
	TU_OK(opflow_graph_remove_activity(g, 1));
	/* assemble is id 2 now */
	TU_OK(opflow_graph_activity_tracking(&set, &v, g, 2,
	      OPFLOW_TRACK_FINISH_NO_LATER_THAN));
	ck_assert(set == 1 && v == 20);
	TU_OK(opflow_graph_activity_tracking(&set, &v, g, 0,
	      OPFLOW_TRACK_ACTUAL_START));
	ck_assert(set == 1 && v == 1);
	/* clearing in the right order works; clearing twice is no error */
	TU_OK(opflow_graph_clear_activity_tracking(g, 0,
	      OPFLOW_TRACK_ACTUAL_FINISH));
	TU_OK(opflow_graph_clear_activity_tracking(g, 0,
	      OPFLOW_TRACK_ACTUAL_FINISH));
	TU_OK(opflow_graph_clear_activity_tracking(g, 0,
	      OPFLOW_TRACK_ACTUAL_START));
	opflow_graph_free(before);
	opflow_graph_free(g);
}
END_TEST

START_TEST(status_date_line)
{
	opflow_graph *g = line();
	opflow_analysis_options o = at(5, OPFLOW_LOGIC_RETAINED);
	opflow_analysis *a, *plan;

	track(g, 0, OPFLOW_TRACK_ACTUAL_START, 0);
	track(g, 0, OPFLOW_TRACK_ACTUAL_FINISH, 2.5);
	track(g, 1, OPFLOW_TRACK_ACTUAL_START, 3);
	a = au_analyze(g, &o);
	/* cut completed at its actuals: 0 - 2.5, floats 0, not critical;
	 * its remaining start is its finish, nothing left */
	expect(a, 0, (struct row){ OPFLOW_STATE_COMPLETED, 0, 2.5, 0, 2.5,
	                           0, 0, 2.5, 0, 0 });
	/* weld in progress: r = 6 - (5 - 3) = 4; the remaining work starts
	 * at max(D = 5, cut's AF 2.5) = 5 and ends at 9; ES stays AS = 3;
	 * LF 9 (paint's LS), LS = LF - r = 5, TF = LF - EF = 0 */
	expect(a, 1, (struct row){ OPFLOW_STATE_IN_PROGRESS, 3, 9, 5, 9, 0, 0,
	                           5, 4, 1 });
	/* paint 9 - 12, assemble 12 - 16: T = 16 */
	expect(a, 2, (struct row){ OPFLOW_STATE_NOT_STARTED, 9, 12, 9, 12, 0,
	                           0, 9, 3, 1 });
	expect(a, 3, (struct row){ OPFLOW_STATE_NOT_STARTED, 12, 16, 12, 16,
	                           0, 0, 12, 4, 1 });
	TU_DOUBLE_EQ(au_figure(a, OPFLOW_FIGURE_LEAD_TIME), 16.0);
	/* the window of production (all four): 0 to 16 */
	TU_DOUBLE_EQ(au_figure(a, OPFLOW_FIGURE_PRODUCTION_START), 0.0);
	TU_DOUBLE_EQ(au_figure(a, OPFLOW_FIGURE_PRODUCTION_END), 16.0);
	/* weld is driven by nothing: the status date (5) binds, not the
	 * flow from cut (slack 5 - 0 - 2.5 = 2.5); paint by flow 1 */
	ck_assert_uint_eq(drive(a, 1), OPFLOW_NONE);
	ck_assert_uint_eq(drive(a, 2), 1);
	ck_assert_uint_eq(drive(a, 0), OPFLOW_NONE);
	/* the critical path: weld, paint, assemble */
	ck_assert_uint_eq(opflow_analysis_chain_count(a), 1);
	{
		opflow_id ids[4];
		size_t len;

		TU_OK(opflow_analysis_chain(&len, ids, 4, a, 0));
		ck_assert_uint_eq(len, 3);
		ck_assert(ids[0] == 1 && ids[1] == 2 && ids[2] == 3);
	}
	opflow_analysis_free(a);

	/* weld reports 1 unit left: 5 - 6, paint 6 - 9, assemble 9 - 13 */
	track(g, 1, OPFLOW_TRACK_REMAINING, 1);
	a = au_analyze(g, &o);
	expect(a, 1, (struct row){ OPFLOW_STATE_IN_PROGRESS, 3, 6, 5, 6, 0, 0,
	                           5, 1, 1 });
	TU_DOUBLE_EQ(au_figure(a, OPFLOW_FIGURE_LEAD_TIME), 13.0);
	opflow_analysis_free(a);

	/* under a deadline of 20 the floats of unfinished work move by
	 * 20 - 13 = 7, the completed cut's stay 0, the critical set stays */
	o.has_deadline = 1;
	o.deadline = 20;
	a = au_analyze(g, &o);
	expect(a, 0, (struct row){ OPFLOW_STATE_COMPLETED, 0, 2.5, 0, 2.5,
	                           0, 0, 2.5, 0, 0 });
	expect(a, 1, (struct row){ OPFLOW_STATE_IN_PROGRESS, 3, 6, 12, 13, 7,
	                           0, 5, 1, 1 });
	expect(a, 3, (struct row){ OPFLOW_STATE_NOT_STARTED, 9, 13, 16, 20, 7,
	                           7, 9, 4, 1 });
	opflow_analysis_free(a);

	/* without a status date the actuals are ignored: the plan, T = 15 */
	plan = au_analyze(g, NULL);
	expect(plan, 1, (struct row){ OPFLOW_STATE_NOT_STARTED, 2, 8, 2, 8, 0,
	                              0, 2, 6, 1 });
	TU_DOUBLE_EQ(au_figure(plan, OPFLOW_FIGURE_LEAD_TIME), 15.0);
	opflow_analysis_free(plan);

	/* actuals after the status date are refused by the analysis */
	o = at(2, OPFLOW_LOGIC_RETAINED);
	TU_FAILS(g, opflow_analyze(&a, g, &o), OPFLOW_EINVAL, "cut",
	         "after the status date");
	o = at(2.6, OPFLOW_LOGIC_RETAINED);
	TU_FAILS(g, opflow_analyze(&a, g, &o), OPFLOW_EINVAL, "weld",
	         "started at 3");
	o.logic = 2;
	TU_FAILS(g, opflow_analyze(&a, g, &o), OPFLOW_EINVAL, "logic");
	o.logic = OPFLOW_LOGIC_RETAINED;
	o.status_date = INFINITY;
	TU_FAILS(g, opflow_analyze(&a, g, &o), OPFLOW_EINVAL, "status date");
	opflow_graph_free(g);
}
END_TEST

/* a 4 -> b 3, FS; at D = 2, a started at 0 and b at 1: b started before
 * its FS predecessor finished. */
START_TEST(out_of_sequence)
{
	opflow_graph *g = au_graph();
	opflow_id x = au_act(g, "a", M, 4), y = au_act(g, "b", M, 3);
	opflow_analysis_options o = at(2, OPFLOW_LOGIC_RETAINED);
	opflow_analysis *a;

	au_flow(g, x, y, OPFLOW_FLOW_FS, 0);
	track(g, x, OPFLOW_TRACK_ACTUAL_START, 0);
	track(g, y, OPFLOW_TRACK_ACTUAL_START, 1);
	/* retained: a's r = 4 - 2 = 2, RS 2, EF 4; b's r = 3 - 1 = 2, its
	 * remaining work waits for a: RS = max(2, EF(a) 4) = 4, EF 6, T 6.
	 * Backward: LF(b) 6, LS(b) = 6 - 2 = 4; LF(a) = LS(b) = 4, LS(a) 2;
	 * TF = LF - EF = 0 for both; b driven by the flow */
	a = au_analyze(g, &o);
	expect(a, x, (struct row){ OPFLOW_STATE_IN_PROGRESS, 0, 4, 2, 4, 0, 0,
	                           2, 2, 1 });
	expect(a, y, (struct row){ OPFLOW_STATE_IN_PROGRESS, 1, 6, 4, 6, 0, 0,
	                           4, 2, 1 });
	ck_assert_uint_eq(drive(a, y), 0);
	TU_DOUBLE_EQ(au_figure(a, OPFLOW_FIGURE_LEAD_TIME), 6.0);
	opflow_analysis_free(a);

	/* override: b's flow is ignored in both passes: RS 2, EF 4; T 4;
	 * a's LF is the horizon 4: TF 0 for both, b driven by nothing */
	o.logic = OPFLOW_LOGIC_OVERRIDE;
	a = au_analyze(g, &o);
	expect(a, x, (struct row){ OPFLOW_STATE_IN_PROGRESS, 0, 4, 2, 4, 0, 0,
	                           2, 2, 1 });
	expect(a, y, (struct row){ OPFLOW_STATE_IN_PROGRESS, 1, 4, 2, 4, 0, 0,
	                           2, 2, 1 });
	ck_assert_uint_eq(drive(a, y), OPFLOW_NONE);
	TU_DOUBLE_EQ(au_figure(a, OPFLOW_FIGURE_LEAD_TIME), 4.0);
	{
		opflow_analysis_options got = OPFLOW_ANALYSIS_OPTIONS_INIT;

		TU_OK(opflow_analysis_get_options(&got, a));
		ck_assert(got.has_status_date == 1 && got.status_date == 2 &&
		          got.logic == OPFLOW_LOGIC_OVERRIDE);
	}
	opflow_analysis_free(a);
	opflow_graph_free(g);
}
END_TEST

/* A completed predecessor holds the successor only through a lag that
 * reaches past the status date. */
START_TEST(completed_lag)
{
	opflow_graph *g = au_graph();
	opflow_id x = au_act(g, "a", M, 2), y = au_act(g, "b", M, 3);
	opflow_analysis_options o = at(4, OPFLOW_LOGIC_RETAINED);
	opflow_analysis *a;
	opflow_id f = au_flow(g, x, y, OPFLOW_FLOW_FS, 5);

	track(g, x, OPFLOW_TRACK_ACTUAL_START, 0);
	track(g, x, OPFLOW_TRACK_ACTUAL_FINISH, 2);
	/* b: max(D 4, AF 2 + 5 = 7) = 7, EF 10; driven by the flow */
	a = au_analyze(g, &o);
	expect(a, y, (struct row){ OPFLOW_STATE_NOT_STARTED, 7, 10, 7, 10, 0,
	                           0, 7, 3, 1 });
	ck_assert_uint_eq(drive(a, y), f);
	opflow_analysis_free(a);
	/* lag 1: AF + 1 = 3 < D = 4: the status date binds, no driver */
	TU_OK(opflow_graph_set_flow_lag(g, f, 1));
	a = au_analyze(g, &o);
	expect(a, y, (struct row){ OPFLOW_STATE_NOT_STARTED, 4, 7, 4, 7, 0,
	                           0, 4, 3, 1 });
	ck_assert_uint_eq(drive(a, y), OPFLOW_NONE);
	opflow_analysis_free(a);
	opflow_graph_free(g);
}
END_TEST

/* a 2 -> b 3, FS 0: the plan is 0-2, 2-5. */
START_TEST(date_constraints)
{
	opflow_graph *g = au_graph();
	opflow_id x = au_act(g, "a", M, 2), y = au_act(g, "b", M, 3);
	opflow_analysis *a;

	au_flow(g, x, y, OPFLOW_FLOW_FS, 0);
	/* SNET 5 on b: b 5-8, T 8; a's LF = LS(b) 5, LS 3, TF 3; b TF 0 */
	track(g, y, OPFLOW_TRACK_START_NO_EARLIER_THAN, 5);
	a = au_analyze(g, NULL);
	expect(a, x, (struct row){ OPFLOW_STATE_NOT_STARTED, 0, 2, 3, 5, 3, 3,
	                           0, 2, 0 });
	expect(a, y, (struct row){ OPFLOW_STATE_NOT_STARTED, 5, 8, 5, 8, 0, 0,
	                           5, 3, 1 });
	opflow_analysis_free(a);
	/* and FNLT 6: LF(b) = min(8, 6) = 6, LS 3, TF(b) = 3 - 5 = -2;
	 * LF(a) = 3, LS(a) 1, TF(a) 1: b alone is critical (least -2);
	 * free float of a: ES(b) - EF(a) = 3, above TF 1, stays 3 */
	track(g, y, OPFLOW_TRACK_FINISH_NO_LATER_THAN, 6);
	a = au_analyze(g, NULL);
	expect(a, x, (struct row){ OPFLOW_STATE_NOT_STARTED, 0, 2, 1, 3, 1, 3,
	                           0, 2, 0 });
	expect(a, y, (struct row){ OPFLOW_STATE_NOT_STARTED, 5, 8, 3, 6, -2, 0,
	                           5, 3, 1 });
	opflow_analysis_free(a);
	TU_OK(opflow_graph_clear_activity_tracking(g, y,
	      OPFLOW_TRACK_START_NO_EARLIER_THAN));
	TU_OK(opflow_graph_clear_activity_tracking(g, y,
	      OPFLOW_TRACK_FINISH_NO_LATER_THAN));
	/* SNLT 1 on b: b 2-5, LF = min(5, 1 + 3) = 4, LS 1, TF -1; a: LF 1,
	 * LS -1, TF -1: both critical */
	track(g, y, OPFLOW_TRACK_START_NO_LATER_THAN, 1);
	a = au_analyze(g, NULL);
	expect(a, x, (struct row){ OPFLOW_STATE_NOT_STARTED, 0, 2, -1, 1, -1,
	                           0, 0, 2, 1 });
	expect(a, y, (struct row){ OPFLOW_STATE_NOT_STARTED, 2, 5, 1, 4, -1, 0,
	                           2, 3, 1 });
	opflow_analysis_free(a);
	TU_OK(opflow_graph_clear_activity_tracking(g, y,
	      OPFLOW_TRACK_START_NO_LATER_THAN));
	/* FNET 9 on b: ES = max(2, 9 - 3) = 6, EF 9, T 9; a TF = 6 - 2 = 4 */
	track(g, y, OPFLOW_TRACK_FINISH_NO_EARLIER_THAN, 9);
	a = au_analyze(g, NULL);
	expect(a, y, (struct row){ OPFLOW_STATE_NOT_STARTED, 6, 9, 6, 9, 0, 0,
	                           6, 3, 1 });
	expect(a, x, (struct row){ OPFLOW_STATE_NOT_STARTED, 0, 2, 4, 6, 4, 4,
	                           0, 2, 0 });
	TU_DOUBLE_EQ(au_figure(a, OPFLOW_FIGURE_LEAD_TIME), 9.0);
	opflow_analysis_free(a);
	opflow_graph_free(g);
}
END_TEST

/* a 10 -> b 4, SS lag 2; at D = 3 a started at 0. */
START_TEST(start_to_start_from_started)
{
	opflow_graph *g = au_graph();
	opflow_id x = au_act(g, "a", M, 10), y = au_act(g, "b", M, 4);
	opflow_analysis_options o = at(3, OPFLOW_LOGIC_RETAINED);
	opflow_analysis *a;

	au_flow(g, x, y, OPFLOW_FLOW_SS, 2);
	track(g, x, OPFLOW_TRACK_ACTUAL_START, 0);
	/* a: r 7, RS 3, EF 10. b: max(D 3, AS(a) 0 + 2) = 3, EF 7; T 10.
	 * The SS flow reads an actual start: it bounds nothing backwards,
	 * so LF(a) = 10, TF(a) 0; LF(b) 10, LS 6, TF 3, FF = H - EF = 3;
	 * a's free float is H - EF(a) = 0; b has no driver (slack 1) */
	a = au_analyze(g, &o);
	expect(a, x, (struct row){ OPFLOW_STATE_IN_PROGRESS, 0, 10, 3, 10, 0,
	                           0, 3, 7, 1 });
	expect(a, y, (struct row){ OPFLOW_STATE_NOT_STARTED, 3, 7, 6, 10, 3, 3,
	                           3, 4, 0 });
	ck_assert_uint_eq(drive(a, y), OPFLOW_NONE);
	opflow_analysis_free(a);
	opflow_graph_free(g);
}
END_TEST

START_TEST(pert_with_progress)
{
	opflow_graph *g = au_graph();
	opflow_id x = au_act(g, "a", M, 3), y = au_act(g, "b", M, 3);
	opflow_analysis_options o = at(1, OPFLOW_LOGIC_RETAINED);
	opflow_analysis *a;

	au_flow(g, x, y, OPFLOW_FLOW_FS, 0);
	/* means (1 + 8 + 9) / 6 = 3 and (0 + 12 + 6) / 6 = 3; standard
	 * deviations 8/6 and 6/6 */
	TU_OK(opflow_graph_set_activity_estimate(g, x, 1, 2, 9));
	TU_OK(opflow_graph_set_activity_estimate(g, y, 0, 3, 6));
	track(g, x, OPFLOW_TRACK_ACTUAL_START, 0);
	/* a in progress at 1: r = 2, its sd scaled by 2/3 to 8/9; both
	 * critical (1-3, 3-6): sigma^2 = 64/81 + 1 = 145/81 */
	a = au_analyze(g, &o);
	TU_DOUBLE_EQ(au_figure(a, OPFLOW_FIGURE_PERT_LEAD_TIME), 6.0);
	ck_assert_double_eq_tol(au_figure(a, OPFLOW_FIGURE_PERT_STDDEV),
	                        sqrt(145.0) / 9.0, 1e-12);
	opflow_analysis_free(a);
	/* a completed at 1: no variance of its own; b alone, sigma 1 */
	track(g, x, OPFLOW_TRACK_ACTUAL_FINISH, 1);
	a = au_analyze(g, &o);
	TU_DOUBLE_EQ(au_figure(a, OPFLOW_FIGURE_PERT_LEAD_TIME), 4.0);
	ck_assert_double_eq_tol(au_figure(a, OPFLOW_FIGURE_PERT_STDDEV), 1.0,
	                        1e-12);
	opflow_analysis_free(a);
	opflow_graph_free(g);
}
END_TEST

START_TEST(baseline)
{
	opflow_graph *g = line(), *h;
	opflow_analysis_options o = at(5, OPFLOW_LOGIC_RETAINED);
	opflow_analysis *plan, *now, *other;
	opflow_comparison *c;
	opflow_id ids[8];
	size_t matched, added, removed, count;
	double sv, fv, v;

	plan = au_analyze(g, NULL);
	track(g, 0, OPFLOW_TRACK_ACTUAL_START, 0);
	track(g, 0, OPFLOW_TRACK_ACTUAL_FINISH, 2.5);
	track(g, 1, OPFLOW_TRACK_ACTUAL_START, 3);
	now = au_analyze(g, &o);
	TU_OK(opflow_compare(&c, now, plan));
	opflow_analysis_free(now);
	opflow_analysis_free(plan);
	/* the forecast 16 against the plan's 15: a slip of 1 */
	TU_OK(opflow_comparison_figure(&v, c, OPFLOW_FIGURE_LEAD_TIME));
	TU_DOUBLE_EQ(v, 1.0);
	TU_OK(opflow_comparison_figure(&v, c, OPFLOW_FIGURE_PRODUCTION_START));
	TU_DOUBLE_EQ(v, 0.0);
	/* cut: 0 - 2.5 against 0 - 2; weld 3 - 9 against 2 - 8; paint 9 - 12
	 * against 8 - 11; assemble 12 - 16 against 11 - 15 */
	TU_OK(opflow_comparison_variance(&sv, &fv, c, 0));
	ck_assert(sv == 0 && fv == 0.5);
	TU_OK(opflow_comparison_variance(&sv, &fv, c, 1));
	ck_assert(sv == 1 && fv == 1);
	TU_OK(opflow_comparison_counts(&matched, &added, &removed, c));
	ck_assert(matched == 4 && added == 0 && removed == 0);
	/* finish variances 0.5, 1, 1, 1: weld, paint, assemble (ties by
	 * id), then cut */
	TU_OK(opflow_comparison_slipped(&count, ids, 2, c));
	ck_assert_uint_eq(count, 4);
	ck_assert(ids[0] == 1 && ids[1] == 2);
	TU_OK(opflow_comparison_slipped(&count, ids, 8, c));
	ck_assert(ids[2] == 3 && ids[3] == 0);
	TU_FAILS(NULL, opflow_comparison_variance(&sv, &fv, c, 4),
	         OPFLOW_ENOTFOUND, "id 4");
	TU_FAILS(NULL, opflow_comparison_figure(&v, c, (opflow_figure)29),
	         OPFLOW_EINVAL, "unknown figure");
	opflow_comparison_free(c);

	/* another graph: assemble removed, "extra" added */
	h = au_graph();
	au_act(h, "extra", OPFLOW_CATEGORY_SALES, 1);
	au_act(h, "weld", M, 6);
	au_act(h, "cut", M, 1);
	other = au_analyze(h, NULL);
	now = au_analyze(g, &o);
	TU_OK(opflow_compare(&c, other, now));
	TU_OK(opflow_comparison_counts(&matched, &added, &removed, c));
	ck_assert(matched == 2 && added == 1 && removed == 2);
	TU_FAILS(NULL, opflow_comparison_variance(&sv, &fv, c, 0),
	         OPFLOW_ENOTFOUND, "not in the baseline");
	/* weld 0 - 6 against 3 - 9 */
	TU_OK(opflow_comparison_variance(&sv, &fv, c, 1));
	ck_assert(sv == -3 && fv == -3);
	/* "extra" is not production: the production window is in both */
	TU_OK(opflow_comparison_slipped(&count, NULL, 0, c));
	ck_assert_uint_eq(count, 0);
	opflow_comparison_free(c);
	TU_FAILS(NULL, opflow_compare(&c, NULL, now), OPFLOW_EINVAL,
	         "analysis");
	opflow_analysis_free(other);
	opflow_analysis_free(now);
	opflow_graph_free(h);
	opflow_graph_free(g);
}
END_TEST

/* Version 1 of the options still works; columns agree with accessors;
 * simulations refuse the actuals the analysis refuses. */
START_TEST(versions_and_columns)
{
	opflow_graph *g = line();
	opflow_analysis_options o1, o = at(5, OPFLOW_LOGIC_RETAINED);
	opflow_analysis *a;
	opflow_simulation *s;
	double col[4];

	TU_OK(opflow_analysis_options_init(&o1, 1));
	track(g, 0, OPFLOW_TRACK_ACTUAL_START, 0);
	a = au_analyze(g, &o1);
	TU_DOUBLE_EQ(au_figure(a, OPFLOW_FIGURE_LEAD_TIME), 15.0);
	opflow_analysis_free(a);
	a = au_analyze(g, &o);
	/* cut in progress: r = max(0, 2 - 5) = 0, RS 5, EF 5; weld 5 - 11,
	 * paint 11 - 14, assemble 14 - 18 */
	TU_OK(opflow_analysis_column(col, 4, a, OPFLOW_COLUMN_STATE));
	ck_assert(col[0] == OPFLOW_STATE_IN_PROGRESS &&
	          col[1] == OPFLOW_STATE_NOT_STARTED);
	TU_OK(opflow_analysis_column(col, 4, a, OPFLOW_COLUMN_REMAINING_START));
	ck_assert(col[0] == 5 && col[1] == 5 && col[2] == 11 && col[3] == 14);
	TU_OK(opflow_analysis_column(col, 4, a, OPFLOW_COLUMN_REMAINING));
	ck_assert(col[0] == 0 && col[1] == 6 && col[3] == 4);
	TU_OK(opflow_analysis_column(col, 4, a, OPFLOW_COLUMN_EF));
	ck_assert(col[0] == 5 && col[3] == 18);
	opflow_analysis_free(a);
	/* a simulation refuses what the analysis refuses: cut started at
	 * 0, after a status date of -1 */
	o.status_date = -1;
	TU_FAILS(NULL, opflow_simulate(&s, g, &o, NULL), OPFLOW_EINVAL,
	         "after the status date");
	opflow_graph_free(g);
}
END_TEST

/* The frame shop's order on day 11 (examples/frame_shop_day11.opflow):
 * design 10 (product development, AS 0, R 3), buy-steel 3 (procurement,
 * 0 - 3 completed), weld 6 (AS 9), paint 4, ship 2 (distribution);
 * design -> weld FS, buy-steel -> weld FS -1, weld -> paint SS 2 and
 * FF 1, paint -> ship FS.  Retained logic at D = 11: design 11 - 14
 * (r 3); weld r = 6 - (11 - 9) = 4, from max(11, 14, 3 - 1) = 14 to 18;
 * paint (r 4) from max(11, 9 + 2, 18 + 1 - 4) = 15 to 19; ship 19 - 21:
 * T = 21; design, weld, paint and ship critical.  The timeframe figures
 * are the forecast's. */
START_TEST(forecast_timeframe)
{
	opflow_graph *g = au_graph();
	opflow_id d = au_act(g, "design", OPFLOW_CATEGORY_PRODUCT_DEVELOPMENT,
	                     10);
	opflow_id b = au_act(g, "buy-steel", OPFLOW_CATEGORY_PROCUREMENT, 3);
	opflow_id w = au_act(g, "weld", M, 6), p = au_act(g, "paint", M, 4);
	opflow_id s = au_act(g, "ship", OPFLOW_CATEGORY_DISTRIBUTION, 2);
	opflow_analysis_options o = at(11, OPFLOW_LOGIC_RETAINED);
	opflow_analysis *a;
	double v;

	au_flow(g, d, w, OPFLOW_FLOW_FS, 0);
	au_flow(g, b, w, OPFLOW_FLOW_FS, -1);
	au_flow(g, w, p, OPFLOW_FLOW_SS, 2);
	au_flow(g, w, p, OPFLOW_FLOW_FF, 1);
	au_flow(g, p, s, OPFLOW_FLOW_FS, 0);
	track(g, d, OPFLOW_TRACK_ACTUAL_START, 0);
	track(g, d, OPFLOW_TRACK_REMAINING, 3);
	track(g, b, OPFLOW_TRACK_ACTUAL_START, 0);
	track(g, b, OPFLOW_TRACK_ACTUAL_FINISH, 3);
	track(g, w, OPFLOW_TRACK_ACTUAL_START, 9);
	a = au_analyze(g, &o);
	TU_DOUBLE_EQ(au_figure(a, OPFLOW_FIGURE_LEAD_TIME), 21.0);
	/* production (buy-steel, weld, paint): from buy-steel's AS 0 to
	 * paint's EF 19; ship's 2 after it */
	TU_DOUBLE_EQ(au_figure(a, OPFLOW_FIGURE_PRODUCTION_START), 0.0);
	TU_DOUBLE_EQ(au_figure(a, OPFLOW_FIGURE_PRODUCTION_END), 19.0);
	TU_DOUBLE_EQ(au_figure(a, OPFLOW_FIGURE_POST_PRODUCTION), 2.0);
	/* the span, production alone at D = 11: buy-steel 0 - 3; weld's
	 * 4 left from max(11, 3 - 1) = 11 to 15; paint from max(11, 9 + 2,
	 * 15 + 1 - 4) = 12 to 16.  Ratio 21 / 16. */
	TU_DOUBLE_EQ(au_figure(a, OPFLOW_FIGURE_PRODUCTION_SPAN), 16.0);
	TU_DOUBLE_EQ(au_figure(a, OPFLOW_FIGURE_TIMEFRAME_RATIO), 21.0 / 16);
	/* critical time: the work left of the critical activities, design
	 * 3 + ship 2 of operation, weld 4 + paint 4 of production */
	TU_OK(opflow_analysis_critical_time_by_kind(&v, a,
	                                            OPFLOW_KIND_OPERATION));
	TU_DOUBLE_EQ(v, 5.0);
	TU_OK(opflow_analysis_critical_time_by_kind(&v, a,
	                                            OPFLOW_KIND_PRODUCTION));
	TU_DOUBLE_EQ(v, 8.0);
	TU_OK(opflow_analysis_critical_time_by_department(&v, a, OPFLOW_NONE));
	TU_DOUBLE_EQ(v, 13.0);
	opflow_analysis_free(a);

	/* under progress override weld's rest goes on from D: 11 - 15;
	 * paint from max(11, 11, 15 + 1 - 4) = 12 to 16, ship 16 - 18:
	 * T = 18; design (EF 14, LF 18) has float 4; critical weld 4,
	 * paint 4, ship 2; the span is the same 16 */
	o.logic = OPFLOW_LOGIC_OVERRIDE;
	a = au_analyze(g, &o);
	TU_DOUBLE_EQ(au_figure(a, OPFLOW_FIGURE_LEAD_TIME), 18.0);
	TU_DOUBLE_EQ(au_figure(a, OPFLOW_FIGURE_PRODUCTION_SPAN), 16.0);
	TU_OK(opflow_analysis_critical_time_by_kind(&v, a,
	                                            OPFLOW_KIND_OPERATION));
	TU_DOUBLE_EQ(v, 2.0);
	TU_OK(opflow_analysis_critical_time_by_kind(&v, a,
	                                            OPFLOW_KIND_PRODUCTION));
	TU_DOUBLE_EQ(v, 8.0);
	opflow_analysis_free(a);

	/* the plan: durations in full, span buy-steel 0 - 3, weld 2 - 8,
	 * paint max(4, 8 + 1 - 4) = 5 - 9 */
	a = au_analyze(g, NULL);
	TU_DOUBLE_EQ(au_figure(a, OPFLOW_FIGURE_PRODUCTION_SPAN), 9.0);
	opflow_analysis_free(a);
	opflow_graph_free(g);
}
END_TEST

/* Monte Carlo with progress on the line at D = 5 (cut 0 - 2.5
 * completed, weld started at 3): weld's work left is r = 6 - 2 = 4 of
 * its d = 6, so a draw x of its estimate works 4x / 6; paint 3 and
 * assemble 4 follow: T = 5 + 2x/3 + 7.  Estimates: cut (1, 2, 10), which
 * changes nothing once completed; weld (3, 6, 9): T from 14 to 18,
 * mean 16, standard deviation (2/3) sqrt((9 + 36 + 81 - 18 - 27 - 54)
 * / 18) = (2/3) sqrt(1.5). */
START_TEST(simulate_with_progress)
{
	opflow_graph *g = line();
	opflow_analysis_options o = at(5, OPFLOW_LOGIC_RETAINED);
	opflow_simulation_options so = OPFLOW_SIMULATION_OPTIONS_INIT;
	opflow_simulation *s;
	opflow_analysis *a;
	double mean, sd, lo, hi, crit[4], sens[4], *x;
	const uint64_t N = 20000;
	int flags[4];

	track(g, 0, OPFLOW_TRACK_ACTUAL_START, 0);
	track(g, 0, OPFLOW_TRACK_ACTUAL_FINISH, 2.5);
	track(g, 1, OPFLOW_TRACK_ACTUAL_START, 3);
	TU_OK(opflow_graph_set_activity_estimate(g, 0, 1, 2, 10));
	TU_OK(opflow_graph_set_activity_estimate(g, 1, 3, 6, 9));
	so.iterations = N;
	so.seed = 11;
	so.threads = 2;
	TU_OK(opflow_simulate(&s, g, &o, &so));
	TU_OK(opflow_simulation_summary(&mean, &sd, &lo, &hi, s,
	                                OPFLOW_MEASURE_LEAD_TIME));
	ck_assert_msg(lo >= 14 && hi <= 18 && lo < 14.5 && hi > 17.5,
	              "lead time from %g to %g", lo, hi);
	/* the mean within 5 standard errors (0.0058 each) */
	ck_assert_msg(fabs(mean - 16) < 0.03, "mean %g", mean);
	ck_assert_msg(fabs(sd - 2.0 / 3 * sqrt(1.5)) < 0.02, "sd %g", sd);
	/* every sample: 12 + 2x/3 with x in [3, 9] */
	x = malloc(N * sizeof *x);
	ck_assert_ptr_nonnull(x);
	TU_OK(opflow_simulation_samples(x, N, s, OPFLOW_MEASURE_LEAD_TIME));
	for (uint64_t i = 0; i < N; i++)
		ck_assert(x[i] >= 14 && x[i] <= 18);
	/* the production span: all four are production, so the same */
	TU_OK(opflow_simulation_samples(x, N, s,
	                                OPFLOW_MEASURE_PRODUCTION_SPAN));
	TU_OK(opflow_simulation_summary(&mean, NULL, NULL, NULL, s,
	                                OPFLOW_MEASURE_LEAD_TIME));
	{
		double span_mean = 0;

		for (uint64_t i = 0; i < N; i++)
			span_mean += x[i];
		ck_assert(fabs(span_mean / (double)N - mean) < 1e-9);
	}
	free(x);
	/* cut completed: never critical, its draw ranks against nothing;
	 * weld, paint and assemble always critical; the lead time follows
	 * weld's draw alone: sensitivity 1 */
	TU_OK(opflow_simulation_column(crit, 4, s, OPFLOW_RISK_CRITICALITY));
	TU_OK(opflow_simulation_column(sens, 4, s, OPFLOW_RISK_SENSITIVITY));
	ck_assert(crit[0] == 0 && crit[1] == 1 && crit[2] == 1 &&
	          crit[3] == 1);
	ck_assert(sens[0] == 0);
	ck_assert_msg(sens[1] > 0.999, "weld's sensitivity %g", sens[1]);
	opflow_simulation_free(s);

	/* estimates of no width (o = m = p = d) draw the durations
	 * themselves: every sample is the analysis' lead time and the
	 * criticality its critical set, here under progress override with
	 * a finish constraint on paint of 10 (negative float: paint's LF
	 * 10, below its EF 12) */
	for (opflow_id id = 0; id < 4; id++) {
		double d;

		TU_OK(opflow_graph_activity_duration(&d, NULL, g, id));
		TU_OK(opflow_graph_set_activity_estimate(g, id, d, d, d));
	}
	track(g, 2, OPFLOW_TRACK_FINISH_NO_LATER_THAN, 10);
	o.logic = OPFLOW_LOGIC_OVERRIDE;
	a = au_analyze(g, &o);
	so.iterations = 50;
	TU_OK(opflow_simulate(&s, g, &o, &so));
	TU_OK(opflow_simulation_summary(&mean, &sd, &lo, &hi, s,
	                                OPFLOW_MEASURE_LEAD_TIME));
	/* weld 5 - 9, paint 9 - 12, assemble 12 - 16 */
	TU_DOUBLE_EQ(au_figure(a, OPFLOW_FIGURE_LEAD_TIME), 16.0);
	ck_assert(lo == 16 && hi == 16 && sd == 0);
	TU_OK(opflow_simulation_column(crit, 4, s, OPFLOW_RISK_CRITICALITY));
	for (opflow_id id = 0; id < 4; id++) {
		TU_OK(opflow_analysis_criticality(&flags[id], NULL, a, id));
		ck_assert_msg(crit[id] == flags[id], "activity %u: %g",
		              (unsigned)id, crit[id]);
	}
	/* weld and paint critical (float 10 - 12 = -2), assemble not
	 * (float 0) */
	ck_assert(flags[0] == 0 && flags[1] == 1 && flags[2] == 1 &&
	          flags[3] == 0);
	opflow_analysis_free(a);
	opflow_simulation_free(s);
	opflow_graph_free(g);
}
END_TEST

static Suite *progress_suite(void)
{
	Suite *s = suite_create("progress");
	TCase *tc = tcase_create("progress");

	tcase_add_test(tc, tracking_fields);
	tcase_add_test(tc, status_date_line);
	tcase_add_test(tc, out_of_sequence);
	tcase_add_test(tc, completed_lag);
	tcase_add_test(tc, date_constraints);
	tcase_add_test(tc, start_to_start_from_started);
	tcase_add_test(tc, pert_with_progress);
	tcase_add_test(tc, baseline);
	tcase_add_test(tc, versions_and_columns);
	tcase_add_test(tc, forecast_timeframe);
	tcase_add_test(tc, simulate_with_progress);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(progress_suite());
}
