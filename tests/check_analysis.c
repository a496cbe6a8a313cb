/*
 * check_analysis.c - the analysis engine on hand-worked examples.
 *
 * Every expected value below is worked out by hand from DESIGN.md
 * ("Timeframe arithmetic", "Scope, customer orientation, collaboration",
 * "Timeframe metrics", "Uncertainty"); the arithmetic is in the comments.
 * Notation: a(4) is activity a of duration 4; "a -SS +2-> b" is a flow
 * from a to b of type SS and lag +2; f0, f1, ... are flow ids in the
 * order the flows are added; H is the horizon (the lead time T, or the
 * deadline).
 */
#include "analysis_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- helpers */

struct act_expect {
	double es, ef, ls, lf, tf, ff;
	int critical, near;
};

static void expect_act(const opflow_analysis *a, opflow_id id,
                       struct act_expect e, const char *what)
{
	double es, ef, ls, lf, tf, ff;
	int crit = -1, near = -1;
	char name[128];

	ck_assert_int_eq(opflow_analysis_schedule(&es, &ef, &ls, &lf, a, id), 0);
	ck_assert_int_eq(opflow_analysis_floats(&tf, &ff, a, id), 0);
	ck_assert_int_eq(opflow_analysis_criticality(&crit, &near, a, id), 0);
	snprintf(name, sizeof name, "%s: es", what);
	AU_NEAR(es, e.es, name);
	snprintf(name, sizeof name, "%s: ef", what);
	AU_NEAR(ef, e.ef, name);
	snprintf(name, sizeof name, "%s: ls", what);
	AU_NEAR(ls, e.ls, name);
	snprintf(name, sizeof name, "%s: lf", what);
	AU_NEAR(lf, e.lf, name);
	snprintf(name, sizeof name, "%s: total float", what);
	AU_NEAR(tf, e.tf, name);
	snprintf(name, sizeof name, "%s: free float", what);
	AU_NEAR(ff, e.ff, name);
	ck_assert_msg(crit == e.critical, "%s: critical is %d, expected %d",
	              what, crit, e.critical);
	ck_assert_msg(near == e.near, "%s: near_critical is %d, expected %d",
	              what, near, e.near);
}

/* The driving flow; flow OPFLOW_NONE means "none" (source NONE too). */
static void expect_drive(const opflow_analysis *a, opflow_id id,
                         opflow_id flow, opflow_id source,
                         opflow_flow_type type, double lag, const char *what)
{
	opflow_id f = 12345, s = 12345;
	opflow_flow_type t = (opflow_flow_type)99;
	double l = NAN;

	ck_assert_int_eq(opflow_analysis_driving_flow(&f, &s, &t, &l, a, id), 0);
	ck_assert_msg(f == flow, "%s: driving flow %u, expected %u", what,
	              (unsigned)f, (unsigned)flow);
	ck_assert_msg(s == source, "%s: driving source %u, expected %u", what,
	              (unsigned)s, (unsigned)source);
	if (flow != OPFLOW_NONE) {
		ck_assert_msg(t == type, "%s: driving type %d, expected %d", what,
		              (int)t, (int)type);
		ck_assert_msg(l == lag, "%s: driving lag %g, expected %g", what,
		              l, lag);
	}
}

static void expect_stage(const opflow_analysis *a, opflow_id id,
                         opflow_stage stage, const char *what)
{
	opflow_stage s = (opflow_stage)99;

	ck_assert_int_eq(opflow_analysis_stage(&s, a, id), 0);
	ck_assert_msg(s == stage, "%s: stage %s, expected %s", what,
	              opflow_stage_name(s) ? opflow_stage_name(s) : "?",
	              opflow_stage_name(stage));
}

static void expect_absent(const opflow_analysis *a, opflow_figure f)
{
	double v = 42;

	ck_assert_msg(opflow_analysis_figure(&v, a, f) == OPFLOW_ENOTFOUND,
	              "%s should be absent", opflow_figure_name(f));
	ck_assert_msg(v == 0, "an absent %s reads as %g, not 0",
	              opflow_figure_name(f), v);
}

/* Chain c of the result must be exactly ids[0..len). */
static void expect_chain(const opflow_analysis *a, size_t c,
                         const opflow_id *ids, size_t len)
{
	opflow_id got[64];
	size_t n = 0;

	ck_assert_int_eq(opflow_analysis_chain(&n, got, 64, a, c), 0);
	ck_assert_msg(n == len, "chain %zu has %zu activities, expected %zu", c,
	              n, len);
	for (size_t i = 0; i < len; i++)
		ck_assert_msg(got[i] == ids[i], "chain %zu[%zu] is %u, expected %u",
		              c, i, (unsigned)got[i], (unsigned)ids[i]);
}

/* Collects critical paths, as "id id id;" text, into a buffer. */
struct paths {
	char text[4096];
	size_t calls;
	int stop_at;            /* return stop_value on this call (1-based) */
	int stop_value;
};

static int collect(const opflow_id *ids, size_t length, void *payload)
{
	struct paths *p = payload;
	size_t used = strlen(p->text);

	p->calls++;
	for (size_t i = 0; i < length; i++) {
		snprintf(p->text + used, sizeof p->text - used, "%s%u",
		         i ? " " : "", (unsigned)ids[i]);
		used = strlen(p->text);
	}
	snprintf(p->text + used, sizeof p->text - used, ";");
	if (p->stop_at && (int)p->calls == p->stop_at)
		return p->stop_value;
	return 0;
}

static opflow_analysis_options deadline_opts(double deadline)
{
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;

	o.has_deadline = 1;
	o.deadline = deadline;
	return o;
}

/* ---------------------------------------------------- the four flow types */

/*
 * p(5) -FS 0-> a(4) -X L-> b(6); p is market research (operation), a is
 * manufacturing (production), b is distribution (operation), so the
 * stages are pre-production, production, post-production.  Always
 * ES(p) = 0, EF(p) = 5, ES(a) = EF(p) + 0 = 5, EF(a) = 9; LS(a) = 5 and
 * LF(p) = LS(a) - 0 = 5 in every case below (a ends at H, or its bound
 * from b is 9), so p and a are critical with no float:
 * FF(p) = ES(a) - 0 - EF(p) = 0.
 */
struct type_case {
	opflow_flow_type type;
	double lag;
	double T;
	struct act_expect a, b;
	int b_driven;           /* b's driving flow is f1, else none */
};

static const struct type_case type_cases[] = {
	/* FS +2: ES(b) = EF(a) + 2 = 11, EF(b) = 17 = T.  Backward, H = 17:
	 * LF(b) = 17, LS(b) = 11; LF(a) = min(17, LS(b) - 2 = 9) = 9.
	 * FF(a) = min(ES(b) - 2 - EF(a) = 0, H - EF(a) = 8) = 0. */
	{ OPFLOW_FLOW_FS, 2, 17,
	  { 5, 9, 5, 9, 0, 0, 1, 1 }, { 11, 17, 11, 17, 0, 0, 1, 1 }, 1 },
	/* FS -2: ES(b) = 9 - 2 = 7, EF(b) = 13 = T.  LF(b) = 13, LS(b) = 7;
	 * LF(a) = min(13, 7 + 2) = 9.  FF(a) = min(7 + 2 - 9, 13 - 9) = 0. */
	{ OPFLOW_FLOW_FS, -2, 13,
	  { 5, 9, 5, 9, 0, 0, 1, 1 }, { 7, 13, 7, 13, 0, 0, 1, 1 }, 1 },
	/* SS +2: ES(b) = ES(a) + 2 = 7, EF(b) = 13 = T.  LS(b) = 7;
	 * LS(a) <= LS(b) - 2 = 5, so LF(a) = min(13, 5 + 4) = 9.
	 * FF(a) = min(ES(b) - 2 - ES(a) = 0, 13 - 9 = 4) = 0. */
	{ OPFLOW_FLOW_SS, 2, 13,
	  { 5, 9, 5, 9, 0, 0, 1, 1 }, { 7, 13, 7, 13, 0, 0, 1, 1 }, 1 },
	/* SS -2: ES(b) = 5 - 2 = 3, EF(b) = 9, T = max(9, 9) = 9.
	 * LS(b) = 3; LS(a) <= 3 + 2 = 5, LF(a) = min(9, 9) = 9.
	 * FF(a) = min(3 + 2 - 5 = 0, 9 - 9 = 0) = 0. */
	{ OPFLOW_FLOW_SS, -2, 9,
	  { 5, 9, 5, 9, 0, 0, 1, 1 }, { 3, 9, 3, 9, 0, 0, 1, 1 }, 1 },
	/* FF +2: EF(b) >= EF(a) + 2 = 11, ES(b) = 11 - 6 = 5, T = 11.
	 * LF(b) = 11; LF(a) = min(11, 11 - 2) = 9.
	 * FF(a) = min(EF(b) - 2 - EF(a) = 0, 11 - 9 = 2) = 0. */
	{ OPFLOW_FLOW_FF, 2, 11,
	  { 5, 9, 5, 9, 0, 0, 1, 1 }, { 5, 11, 5, 11, 0, 0, 1, 1 }, 1 },
	/* FF -2: EF(b) >= 9 - 2 = 7, ES(b) = 1, EF(b) = 7; T = 9 (a).
	 * LF(b) = 9, LS(b) = 3, TF(b) = 2; LF(a) = min(9, 9 + 2) = 9.
	 * FF(a) = min(EF(b) + 2 - EF(a) = 0, 9 - 9 = 0) = 0;
	 * FF(b) = H - EF(b) = 2.  b is driven (slack 0) but not critical. */
	{ OPFLOW_FLOW_FF, -2, 9,
	  { 5, 9, 5, 9, 0, 0, 1, 1 }, { 1, 7, 3, 9, 2, 2, 0, 0 }, 1 },
	/* SF +2: EF(b) >= ES(a) + 2 = 7, ES(b) = 1; T = 9.  LF(b) = 9,
	 * LS(b) = 3; LS(a) <= LF(b) - 2 = 7, LF(a) = min(9, 11) = 9.
	 * FF(a) = min(EF(b) - 2 - ES(a) = 0, 0) = 0; FF(b) = 9 - 7 = 2. */
	{ OPFLOW_FLOW_SF, 2, 9,
	  { 5, 9, 5, 9, 0, 0, 1, 1 }, { 1, 7, 3, 9, 2, 2, 0, 0 }, 1 },
	/* SF -2: EF(b) >= 5 - 2 = 3, ES(b) >= -3, so the start bound holds
	 * alone: ES(b) = 0, EF(b) = 6, no driving flow; T = 9.  LF(b) = 9,
	 * LS(b) = 3, TF(b) = 3; LS(a) <= 9 + 2, LF(a) = min(9, 15) = 9.
	 * FF(a) = min(EF(b) + 2 - ES(a) = 3, 9 - 9 = 0) = 0; FF(b) = 3. */
	{ OPFLOW_FLOW_SF, -2, 9,
	  { 5, 9, 5, 9, 0, 0, 1, 1 }, { 0, 6, 3, 9, 3, 3, 0, 0 }, 0 },
};

START_TEST(test_flow_types)
{
	const struct type_case *c = &type_cases[_i];
	opflow_graph *g = au_graph();
	opflow_id p = au_act(g, "p", OPFLOW_CATEGORY_MARKET_RESEARCH, 5);
	opflow_id a = au_act(g, "a", OPFLOW_CATEGORY_MANUFACTURING, 4);
	opflow_id b = au_act(g, "b", OPFLOW_CATEGORY_DISTRIBUTION, 6);
	opflow_id f0 = au_flow(g, p, a, OPFLOW_FLOW_FS, 0);
	opflow_id f1 = au_flow(g, a, b, c->type, c->lag);
	opflow_analysis *an = au_analyze(g, NULL);
	struct act_expect ep = { 0, 5, 0, 5, 0, 0, 1, 1 };
	char what[64];

	ck_assert_uint_eq(f0, 0);
	ck_assert_uint_eq(f1, 1);
	snprintf(what, sizeof what, "%s %+g", opflow_flow_type_name(c->type),
	         c->lag);
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_LEAD_TIME), c->T, what);
	expect_act(an, p, ep, "p");
	expect_act(an, a, c->a, "a");
	expect_act(an, b, c->b, what);
	expect_drive(an, p, OPFLOW_NONE, OPFLOW_NONE, OPFLOW_FLOW_FS, 0, "p");
	expect_drive(an, a, f0, p, OPFLOW_FLOW_FS, 0, "a");
	if (c->b_driven)
		expect_drive(an, b, f1, a, c->type, c->lag, what);
	else
		expect_drive(an, b, OPFLOW_NONE, OPFLOW_NONE, OPFLOW_FLOW_FS, 0,
		             what);
	expect_stage(an, p, OPFLOW_STAGE_PRE_PRODUCTION, "p");
	expect_stage(an, a, OPFLOW_STAGE_PRODUCTION, "a");
	expect_stage(an, b, OPFLOW_STAGE_POST_PRODUCTION, "b");
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

/* ------------------------------------------------ bounds inside the passes */

START_TEST(test_start_bound_inside_pass)
{
	/* a(2) -SS -5-> b(3) -SS +1-> c(1).
	 * Forward: ES(a) = 0; ES(b) = max(0, 0 - 5) = 0 (the start bound
	 * acts inside the pass); ES(c) = ES(b) + 1 = 1.  (Clamping only at
	 * the end would give ES(b) = -5 and ES(c) = -4 -> 0.)
	 * EF: a 2, b 3, c 2; T = 3.
	 * Backward, H = 3: LF(c) = 3, LS(c) = 2; LS(b) <= LS(c) - 1 = 1,
	 * i.e. LF(b) <= 4, so LF(b) = min(3, 4) = 3, LS(b) = 0; LS(a) <=
	 * LS(b) + 5 = 5, LF(a) <= 7, so LF(a) = 3, LS(a) = 1.
	 * TF: a 1, b 0, c 1; only b is critical.
	 * FF(a) = min(ES(b) + 5 - ES(a) = 5, H - EF(a) = 1) = 1;
	 * FF(b) = min(ES(c) - 1 - ES(b) = 0, 3 - 3 = 0) = 0; FF(c) = 1.
	 * Driving: b none (only the start bound holds); c f1 (slack 0). */
	opflow_graph *g = au_graph();
	opflow_id a = au_act(g, "a", OPFLOW_CATEGORY_ASSEMBLY, 2);
	opflow_id b = au_act(g, "b", OPFLOW_CATEGORY_ASSEMBLY, 3);
	opflow_id c = au_act(g, "c", OPFLOW_CATEGORY_ASSEMBLY, 1);
	opflow_id f1;
	opflow_analysis *an;
	struct act_expect ea = { 0, 2, 1, 3, 1, 1, 0, 0 };
	struct act_expect eb = { 0, 3, 0, 3, 0, 0, 1, 1 };
	struct act_expect ec = { 1, 2, 2, 3, 1, 1, 0, 0 };
	opflow_id chain[] = { b };

	au_flow(g, a, b, OPFLOW_FLOW_SS, -5);
	f1 = au_flow(g, b, c, OPFLOW_FLOW_SS, 1);
	an = au_analyze(g, NULL);
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_LEAD_TIME), 3, "T");
	expect_act(an, a, ea, "a");
	expect_act(an, b, eb, "b");
	expect_act(an, c, ec, "c");
	expect_drive(an, a, OPFLOW_NONE, OPFLOW_NONE, OPFLOW_FLOW_FS, 0, "a");
	expect_drive(an, b, OPFLOW_NONE, OPFLOW_NONE, OPFLOW_FLOW_FS, 0, "b");
	expect_drive(an, c, f1, b, OPFLOW_FLOW_SS, 1, "c");
	ck_assert_uint_eq(opflow_analysis_chain_count(an), 1);
	expect_chain(an, 0, chain, 1);
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

START_TEST(test_horizon_bound_inside_pass)
{
	/* a(10) -SS +1-> b(1).  ES(b) = 1, EF(b) = 2, T = 10.
	 * Backward: LF(b) = 10, LS(b) = 9; SS gives LS(a) <= 9 - 1 = 8,
	 * i.e. LF(a) <= 18, but LF(a) <= H = 10 inside the pass: LF(a) = 10,
	 * LS(a) = 0, TF(a) = 0: a is critical.  TF(b) = 9 - 1 = 8.
	 * FF(a) = min(ES(b) - 1 - ES(a) = 0, 10 - 10 = 0) = 0;
	 * FF(b) = 10 - 2 = 8. */
	opflow_graph *g = au_graph();
	opflow_id a = au_act(g, "a", OPFLOW_CATEGORY_ASSEMBLY, 10);
	opflow_id b = au_act(g, "b", OPFLOW_CATEGORY_ASSEMBLY, 1);
	opflow_id f0 = au_flow(g, a, b, OPFLOW_FLOW_SS, 1);
	opflow_analysis *an = au_analyze(g, NULL);
	struct act_expect ea = { 0, 10, 0, 10, 0, 0, 1, 1 };
	struct act_expect eb = { 1, 2, 9, 10, 8, 8, 0, 0 };
	opflow_id chain[] = { a };

	AU_NEAR(au_figure(an, OPFLOW_FIGURE_LEAD_TIME), 10, "T");
	expect_act(an, a, ea, "a");
	expect_act(an, b, eb, "b");
	expect_drive(an, b, f0, a, OPFLOW_FLOW_SS, 1, "b");
	ck_assert_uint_eq(opflow_analysis_chain_count(an), 1);
	expect_chain(an, 0, chain, 1);
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

/* -------------------------------------------------------------- deadlines */

/*
 * a(3) -> b(4), a -> c(2) (FS 0).  ES: a 0, b 3, c 3; EF: a 3, b 7, c 5;
 * T = 7.  For a horizon H: LF(b) = H, LS(b) = H - 4; LF(c) = H,
 * LS(c) = H - 2; LF(a) = min(H, LS(b), LS(c)) = H - 4, LS(a) = H - 7.
 * TF: a H - 7, b H - 7, c H - 5; min TF = H - 7: a and b critical.
 * FF(a) = min(ES(b) - EF(a) = 0, ES(c) - EF(a) = 0, H - 3);
 * FF(b) = H - 7; FF(c) = H - 5.
 */
static void check_deadline_case(const opflow_analysis_options *o, double H)
{
	opflow_graph *g = au_graph();
	opflow_id a = au_act(g, "a", OPFLOW_CATEGORY_ASSEMBLY, 3);
	opflow_id b = au_act(g, "b", OPFLOW_CATEGORY_ASSEMBLY, 4);
	opflow_id c = au_act(g, "c", OPFLOW_CATEGORY_ASSEMBLY, 2);
	opflow_analysis *an;
	double ffa = H - 3 < 0 ? H - 3 : 0;
	struct act_expect ea = { 0, 3, H - 7, H - 4, H - 7, ffa, 1, 1 };
	struct act_expect eb = { 3, 7, H - 4, H, H - 7, H - 7, 1, 1 };
	struct act_expect ec = { 3, 5, H - 2, H, H - 5, H - 5, 0, 0 };

	au_flow(g, a, b, OPFLOW_FLOW_FS, 0);
	au_flow(g, a, c, OPFLOW_FLOW_FS, 0);
	an = au_analyze(g, o);
	/* the deadline never changes the lead time */
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_LEAD_TIME), 7, "T");
	expect_act(an, a, ea, "a");
	expect_act(an, b, eb, "b");
	expect_act(an, c, ec, "c");
	if (o && o->has_deadline) {
		/* no estimate: sigma = 0, so P = 1 when deadline >= 7 else 0 */
		AU_NEAR(au_figure(an, OPFLOW_FIGURE_PERT_PROBABILITY),
		        H >= 7 ? 1 : 0, "pert_probability");
	} else {
		expect_absent(an, OPFLOW_FIGURE_PERT_PROBABILITY);
	}
	opflow_analysis_free(an);
	opflow_graph_free(g);
}

START_TEST(test_no_deadline)
{
	/* H = T = 7: TF a 0, b 0, c 2; FF a 0, b 0, c 2 */
	check_deadline_case(NULL, 7);
}
END_TEST

START_TEST(test_deadline_later)
{
	/* H = 10: TF a 3, b 3, c 5; the minimum float is 3 > 0 and the
	 * critical activities are those at the minimum, a and b.
	 * FF a 0, b 3, c 5. */
	opflow_analysis_options o = deadline_opts(10);

	check_deadline_case(&o, 10);
}
END_TEST

START_TEST(test_deadline_equal)
{
	opflow_analysis_options o = deadline_opts(7);

	check_deadline_case(&o, 7);
}
END_TEST

START_TEST(test_deadline_earlier)
{
	/* H = 5: TF a -2, b -2, c 0 (negative: the deadline is missed).
	 * FF(a) = min(0, 0, 5 - 3 = 2) = 0 > TF(a) = -2;
	 * FF(b) = 5 - 7 = -2 (negative); FF(c) = 0. */
	opflow_analysis_options o = deadline_opts(5);

	check_deadline_case(&o, 5);
}
END_TEST

START_TEST(test_deadline_zero)
{
	/* A deadline of 0 is a deadline (has_deadline = 1), not "none":
	 * H = 0: TF a -7, b -7, c -5; FF a = min(0, 0, 0 - 3) = -3,
	 * b = -7, c = -5; P = 0 since 0 < 7. */
	opflow_analysis_options o = deadline_opts(0);

	check_deadline_case(&o, 0);
}
END_TEST

START_TEST(test_deadline_negative)
{
	/* H = -3: TF a -10, b -10, c -8; FF a = -6, b = -10, c = -8. */
	opflow_analysis_options o = deadline_opts(-3);

	check_deadline_case(&o, -3);
}
END_TEST

START_TEST(test_deadline_flag_off_ignores_value)
{
	/* has_deadline = 0 with a deadline value: no deadline, H = T */
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;

	o.deadline = 3;
	check_deadline_case(&o, 7);
}
END_TEST

/* -------------------------------------------------------------- free float */

START_TEST(test_free_vs_total_float)
{
	/* a(2) -> b(4) -> d(3); a -> c(1) -> e(2) -> d (all FS 0):
	 * f0 a->b, f1 a->c, f2 b->d, f3 c->e, f4 e->d.
	 * ES: a 0, b 2, c 2, e 3, d = max(EF b 6, EF e 5) = 6; T = 9.
	 * LF: d 9 (LS 6); b 6 (LS 2); e 6 (LS 4); c = LS(e) = 4 (LS 3);
	 * a = min(LS b 2, LS c 3) = 2 (LS 0).
	 * TF: a 0, b 0, c 1, e 1, d 0.
	 * FF: a = min(2 - 2, 2 - 2, 9 - 2) = 0; b = 6 - 6 = 0;
	 * c = ES(e) - EF(c) = 3 - 3 = 0 (while its TF is 1);
	 * e = ES(d) - EF(e) = 6 - 5 = 1; d = 9 - 9 = 0. */
	opflow_graph *g = au_graph();
	opflow_id a = au_act(g, "a", OPFLOW_CATEGORY_ASSEMBLY, 2);
	opflow_id b = au_act(g, "b", OPFLOW_CATEGORY_ASSEMBLY, 4);
	opflow_id c = au_act(g, "c", OPFLOW_CATEGORY_ASSEMBLY, 1);
	opflow_id d = au_act(g, "d", OPFLOW_CATEGORY_ASSEMBLY, 3);
	opflow_id e = au_act(g, "e", OPFLOW_CATEGORY_ASSEMBLY, 2);
	opflow_analysis *an;
	struct act_expect xa = { 0, 2, 0, 2, 0, 0, 1, 1 };
	struct act_expect xb = { 2, 6, 2, 6, 0, 0, 1, 1 };
	struct act_expect xc = { 2, 3, 3, 4, 1, 0, 0, 0 };
	struct act_expect xd = { 6, 9, 6, 9, 0, 0, 1, 1 };
	struct act_expect xe = { 3, 5, 4, 6, 1, 1, 0, 0 };

	au_flow(g, a, b, OPFLOW_FLOW_FS, 0);
	au_flow(g, a, c, OPFLOW_FLOW_FS, 0);
	au_flow(g, b, d, OPFLOW_FLOW_FS, 0);
	au_flow(g, c, e, OPFLOW_FLOW_FS, 0);
	au_flow(g, e, d, OPFLOW_FLOW_FS, 0);
	an = au_analyze(g, NULL);
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_LEAD_TIME), 9, "T");
	expect_act(an, a, xa, "a");
	expect_act(an, b, xb, "b");
	expect_act(an, c, xc, "c");
	expect_act(an, d, xd, "d");
	expect_act(an, e, xe, "e");
	expect_drive(an, b, 0, a, OPFLOW_FLOW_FS, 0, "b");
	expect_drive(an, c, 1, a, OPFLOW_FLOW_FS, 0, "c");
	expect_drive(an, e, 3, c, OPFLOW_FLOW_FS, 0, "e");
	/* f2 from b is tight; f4 from e has slack 1 */
	expect_drive(an, d, 2, b, OPFLOW_FLOW_FS, 0, "d");
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

/* --------------------------------------------------------------- tolerance */

START_TEST(test_tolerance_default_large)
{
	/* Independent a(1000), b(1000 - 5e-7), c(1000 - 2e-6): T = 1000,
	 * default tolerance 1e-9 * max(1, 1000) = 1e-6.  TF(b) = 5e-7 is
	 * within it (critical), TF(c) = 2e-6 is not.  (An unscaled 1e-9
	 * would leave b out.) */
	opflow_graph *g = au_graph();
	opflow_id a = au_act(g, "a", OPFLOW_CATEGORY_OTHER, 1000);
	opflow_id b = au_act(g, "b", OPFLOW_CATEGORY_OTHER, 1000 - 5e-7);
	opflow_id c = au_act(g, "c", OPFLOW_CATEGORY_OTHER, 1000 - 2e-6);
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_analysis *an = au_analyze(g, NULL);
	int crit;

	ck_assert_int_eq(opflow_analysis_criticality(&crit, NULL, an, a), 0);
	ck_assert_int_eq(crit, 1);
	ck_assert_int_eq(opflow_analysis_criticality(&crit, NULL, an, b), 0);
	ck_assert_int_eq(crit, 1);
	ck_assert_int_eq(opflow_analysis_criticality(&crit, NULL, an, c), 0);
	ck_assert_int_eq(crit, 0);
	opflow_analysis_free(an);

	/* a custom tolerance of 0: only a */
	o.has_tolerance = 1;
	o.tolerance = 0;
	an = au_analyze(g, &o);
	ck_assert_int_eq(opflow_analysis_criticality(&crit, NULL, an, a), 0);
	ck_assert_int_eq(crit, 1);
	ck_assert_int_eq(opflow_analysis_criticality(&crit, NULL, an, b), 0);
	ck_assert_int_eq(crit, 0);
	opflow_analysis_free(an);

	/* a custom tolerance of 1e-5: all three */
	o.tolerance = 1e-5;
	an = au_analyze(g, &o);
	ck_assert_int_eq(opflow_analysis_criticality(&crit, NULL, an, c), 0);
	ck_assert_int_eq(crit, 1);
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

START_TEST(test_tolerance_default_small)
{
	/* a(0.5), b(0.5 - 7e-10), c(0.5 - 1.5e-9): T = 0.5, tolerance
	 * 1e-9 * max(1, 0.5) = 1e-9.  TF(b) = 7e-10 <= 1e-9: critical
	 * (1e-9 * |T| = 5e-10 would leave it out); TF(c) = 1.5e-9 is not. */
	opflow_graph *g = au_graph();
	opflow_id b, c;
	opflow_analysis *an;
	int crit;

	au_act(g, "a", OPFLOW_CATEGORY_OTHER, 0.5);
	b = au_act(g, "b", OPFLOW_CATEGORY_OTHER, 0.5 - 7e-10);
	c = au_act(g, "c", OPFLOW_CATEGORY_OTHER, 0.5 - 1.5e-9);
	an = au_analyze(g, NULL);
	ck_assert_int_eq(opflow_analysis_criticality(&crit, NULL, an, b), 0);
	ck_assert_int_eq(crit, 1);
	ck_assert_int_eq(opflow_analysis_criticality(&crit, NULL, an, c), 0);
	ck_assert_int_eq(crit, 0);
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

START_TEST(test_tolerance_default_deadline)
{
	/* The default tolerance scales with the lead time, not with the
	 * deadline: a(0.5), b(0.5 - 5e-6), T = 0.5, deadline 1e6.
	 * TF(a) = 1e6 - 0.5, TF(b) = TF(a) + 5e-6; the tolerance is
	 * 1e-9 * max(1, 0.5) = 1e-9, so b is not critical (a tolerance
	 * scaled by the deadline, 1e-3, would make it critical). */
	opflow_graph *g = au_graph();
	opflow_analysis_options o = deadline_opts(1e6);
	opflow_analysis *an;
	opflow_id a, b;
	int crit;
	double tf;

	a = au_act(g, "a", OPFLOW_CATEGORY_OTHER, 0.5);
	b = au_act(g, "b", OPFLOW_CATEGORY_OTHER, 0.5 - 5e-6);
	an = au_analyze(g, &o);
	ck_assert_int_eq(opflow_analysis_floats(&tf, NULL, an, a), 0);
	AU_NEAR(tf, 1e6 - 0.5, "TF(a)");
	ck_assert_int_eq(opflow_analysis_criticality(&crit, NULL, an, a), 0);
	ck_assert_int_eq(crit, 1);
	ck_assert_int_eq(opflow_analysis_criticality(&crit, NULL, an, b), 0);
	ck_assert_int_eq(crit, 0);
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

START_TEST(test_tolerance_driving_flow)
{
	/* x(10 - 5e-9) -f0-> z(1), y(10) -f1-> z (FS 0).  ES(z) = 10,
	 * T = 11, default tolerance 1.1e-8.  Slack of f0 = 10 - (10 - 5e-9)
	 * = 5e-9: tight within the tolerance, and added first, so it drives
	 * z; x is critical (TF 5e-9).  With a tolerance of 0, f1 drives z
	 * and x is not critical. */
	opflow_graph *g = au_graph();
	opflow_id x = au_act(g, "x", OPFLOW_CATEGORY_OTHER, 10 - 5e-9);
	opflow_id y = au_act(g, "y", OPFLOW_CATEGORY_OTHER, 10);
	opflow_id z = au_act(g, "z", OPFLOW_CATEGORY_OTHER, 1);
	opflow_id f0 = au_flow(g, x, z, OPFLOW_FLOW_FS, 0);
	opflow_id f1 = au_flow(g, y, z, OPFLOW_FLOW_FS, 0);
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_analysis *an = au_analyze(g, NULL);
	int crit;

	expect_drive(an, z, f0, x, OPFLOW_FLOW_FS, 0, "z, default");
	ck_assert_int_eq(opflow_analysis_criticality(&crit, NULL, an, x), 0);
	ck_assert_int_eq(crit, 1);
	opflow_analysis_free(an);
	o.has_tolerance = 1;
	o.tolerance = 0;
	an = au_analyze(g, &o);
	expect_drive(an, z, f1, y, OPFLOW_FLOW_FS, 0, "z, tolerance 0");
	ck_assert_int_eq(opflow_analysis_criticality(&crit, NULL, an, x), 0);
	ck_assert_int_eq(crit, 0);
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

/* ----------------------------------------------------------- near-critical */

START_TEST(test_near_critical)
{
	/* a(3) -> b(4), a -> c(2): TF a 0, b 0, c 2 (see the deadlines). */
	opflow_graph *g = au_graph();
	opflow_id a = au_act(g, "a", OPFLOW_CATEGORY_ASSEMBLY, 3);
	opflow_id b = au_act(g, "b", OPFLOW_CATEGORY_ASSEMBLY, 4);
	opflow_id c = au_act(g, "c", OPFLOW_CATEGORY_ASSEMBLY, 2);
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;
	static const struct {
		int has_deadline;
		double deadline, threshold;
		int c_near;
	} cases[] = {
		{ 0, 0, 0, 0 },         /* default: near = critical */
		{ 0, 0, 1.5, 0 },       /* 2 > 0 + 1.5 */
		{ 0, 0, 2, 1 },         /* 2 <= 0 + 2 */
		{ 0, 0, 10, 1 },
		{ 1, 10, 1.5, 0 },      /* min TF 3, TF(c) 5 > 4.5 */
		{ 1, 10, 2, 1 },        /* 5 <= 3 + 2 */
	};

	au_flow(g, a, b, OPFLOW_FLOW_FS, 0);
	au_flow(g, a, c, OPFLOW_FLOW_FS, 0);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		opflow_analysis *an;
		int crit, near;

		o.has_deadline = cases[i].has_deadline;
		o.deadline = cases[i].deadline;
		o.near_critical = cases[i].threshold;
		an = au_analyze(g, &o);
		/* critical activities are near-critical too */
		ck_assert_int_eq(opflow_analysis_criticality(&crit, &near, an, a), 0);
		ck_assert(crit == 1 && near == 1);
		ck_assert_int_eq(opflow_analysis_criticality(&crit, &near, an, b), 0);
		ck_assert(crit == 1 && near == 1);
		ck_assert_int_eq(opflow_analysis_criticality(&crit, &near, an, c), 0);
		ck_assert_int_eq(crit, 0);
		ck_assert_msg(near == cases[i].c_near, "case %zu: near %d", i, near);
		opflow_analysis_free(an);
	}
	opflow_graph_free(g);
}
END_TEST

/* ----------------------------------------------------------- driving flows */

START_TEST(test_driving_parallel_flows)
{
	/* a(4) -FS 0-> b(3) (f0) and a -SS +4-> b (f1): both give
	 * ES(b) = 4, both tight; the first added, f0, drives b. */
	opflow_graph *g = au_graph();
	opflow_id a = au_act(g, "a", OPFLOW_CATEGORY_ASSEMBLY, 4);
	opflow_id b = au_act(g, "b", OPFLOW_CATEGORY_ASSEMBLY, 3);
	opflow_analysis *an;
	struct paths p;
	size_t count;
	int more;

	au_flow(g, a, b, OPFLOW_FLOW_FS, 0);
	au_flow(g, a, b, OPFLOW_FLOW_SS, 4);
	an = au_analyze(g, NULL);
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_LEAD_TIME), 7, "T");
	expect_drive(an, b, 0, a, OPFLOW_FLOW_FS, 0, "b");
	/* two tight flows between the same two activities: still one path */
	memset(&p, 0, sizeof p);
	ck_assert_int_eq(opflow_analysis_critical_paths(&count, &more, an, 10,
	                                                collect, &p), 0);
	ck_assert_str_eq(p.text, "0 1;");
	ck_assert_uint_eq(count, 1);
	ck_assert_int_eq(more, 0);
	opflow_analysis_free(an);
	opflow_graph_free(g);

	/* the same flows added the other way round: f0 is the SS one */
	g = au_graph();
	a = au_act(g, "a", OPFLOW_CATEGORY_ASSEMBLY, 4);
	b = au_act(g, "b", OPFLOW_CATEGORY_ASSEMBLY, 3);
	au_flow(g, a, b, OPFLOW_FLOW_SS, 4);
	au_flow(g, a, b, OPFLOW_FLOW_FS, 0);
	an = au_analyze(g, NULL);
	expect_drive(an, b, 0, a, OPFLOW_FLOW_SS, 4, "b (SS first)");
	opflow_analysis_free(an);
	opflow_graph_free(g);

	/* a -SS +1-> b (f0) gives ES(b) >= 1; a -FF +2-> b (f1) gives
	 * EF(b) >= 6, ES(b) >= 3: ES(b) = 3 and only f1 is tight. */
	g = au_graph();
	a = au_act(g, "a", OPFLOW_CATEGORY_ASSEMBLY, 4);
	b = au_act(g, "b", OPFLOW_CATEGORY_ASSEMBLY, 3);
	au_flow(g, a, b, OPFLOW_FLOW_SS, 1);
	au_flow(g, a, b, OPFLOW_FLOW_FF, 2);
	an = au_analyze(g, NULL);
	expect_drive(an, b, 1, a, OPFLOW_FLOW_FF, 2, "b (FF tight)");
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

START_TEST(test_driving_first_added)
{
	/* x(3) id 0, y(3) id 1, z(1) id 2; f0 y->z, f1 x->z: both tight at
	 * ES(z) = 3.  The first added is f0 (from y), though x has the
	 * smaller id. */
	opflow_graph *g = au_graph();
	opflow_id x = au_act(g, "x", OPFLOW_CATEGORY_ASSEMBLY, 3);
	opflow_id y = au_act(g, "y", OPFLOW_CATEGORY_ASSEMBLY, 3);
	opflow_id z = au_act(g, "z", OPFLOW_CATEGORY_ASSEMBLY, 1);
	opflow_analysis *an;

	au_flow(g, y, z, OPFLOW_FLOW_FS, 0);
	au_flow(g, x, z, OPFLOW_FLOW_FS, 0);
	an = au_analyze(g, NULL);
	expect_drive(an, z, 0, y, OPFLOW_FLOW_FS, 0, "z");
	expect_drive(an, x, OPFLOW_NONE, OPFLOW_NONE, OPFLOW_FLOW_FS, 0, "x");
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

START_TEST(test_driving_start_bound_only)
{
	/* a(2) -SS -1-> b(1): the flow allows ES(b) >= -1, the start bound
	 * sets ES(b) = 0: no driving flow (flow and source OPFLOW_NONE). */
	opflow_graph *g = au_graph();
	opflow_id a = au_act(g, "a", OPFLOW_CATEGORY_ASSEMBLY, 2);
	opflow_id b = au_act(g, "b", OPFLOW_CATEGORY_ASSEMBLY, 1);
	opflow_analysis *an;

	au_flow(g, a, b, OPFLOW_FLOW_SS, -1);
	an = au_analyze(g, NULL);
	expect_drive(an, b, OPFLOW_NONE, OPFLOW_NONE, OPFLOW_FLOW_FS, 0, "b");
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

/* --------------------------------------------------------- critical chains */

START_TEST(test_chains_branching)
{
	/* q(10) id 0, r(2) id 1, a(3) id 2, b(4) id 3, c(5) id 4, d(5) id 5;
	 * f0 r -FS-> a, f1 r -SS +1-> b, f2 a -FS-> c, f3 b -FS-> d.
	 * ES: q 0, r 0, a 2, b 1, c 5, d 5; EF: q 10, r 2, a 5, b 5,
	 * c 10, d 10; T = 10.  LF: c 10, d 10, a = LS(c) = 5, b = LS(d) = 5,
	 * r = min(LS(a) = 2, SS: LS(r) <= LS(b) - 1 = 0 so LF(r) <= 2) = 2;
	 * every TF is 0: all critical.  Driving: a f0, b f1, c f2, d f3.
	 * The forest: q alone; r with children b (ES 1) and a (ES 2).
	 * Chains by ES then id: [q], [r b d], [r a c]. */
	opflow_graph *g = au_graph();
	opflow_id q = au_act(g, "q", OPFLOW_CATEGORY_OTHER, 10);
	opflow_id r = au_act(g, "r", OPFLOW_CATEGORY_OTHER, 2);
	opflow_id a = au_act(g, "a", OPFLOW_CATEGORY_OTHER, 3);
	opflow_id b = au_act(g, "b", OPFLOW_CATEGORY_OTHER, 4);
	opflow_id c = au_act(g, "c", OPFLOW_CATEGORY_OTHER, 5);
	opflow_id d = au_act(g, "d", OPFLOW_CATEGORY_OTHER, 5);
	opflow_id c0[] = { q }, c1[] = { r, b, d }, c2[] = { r, a, c };
	opflow_id small[2] = { 777, 777 };
	opflow_analysis *an;
	size_t len;

	au_flow(g, r, a, OPFLOW_FLOW_FS, 0);
	au_flow(g, r, b, OPFLOW_FLOW_SS, 1);
	au_flow(g, a, c, OPFLOW_FLOW_FS, 0);
	au_flow(g, b, d, OPFLOW_FLOW_FS, 0);
	an = au_analyze(g, NULL);
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_LEAD_TIME), 10, "T");
	expect_drive(an, b, 1, r, OPFLOW_FLOW_SS, 1, "b");
	ck_assert_uint_eq(opflow_analysis_chain_count(an), 3);
	expect_chain(an, 0, c0, 1);
	expect_chain(an, 1, c1, 3);
	expect_chain(an, 2, c2, 3);
	/* the length alone, then a buffer too small: the first ids */
	ck_assert_int_eq(opflow_analysis_chain(&len, NULL, 0, an, 2), 0);
	ck_assert_uint_eq(len, 3);
	ck_assert_int_eq(opflow_analysis_chain(&len, small, 1, an, 2), 0);
	ck_assert_uint_eq(len, 3);
	ck_assert_uint_eq(small[0], r);
	ck_assert_uint_eq(small[1], 777);
	ck_assert_int_eq(opflow_analysis_chain(&len, small, 2, an, 3),
	                 OPFLOW_ENOTFOUND);
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

START_TEST(test_chains_vs_paths)
{
	/* r(2) id 0, a(3) id 1, b(3) id 2, c(1) id 3; f0 r->a, f1 r->b,
	 * f2 b->c, f3 a->c (FS 0).  ES: r 0, a 2, b 2, c 5; T = 6; all
	 * critical.  c has two tight flows; f2 (from b) drives it.
	 * Chains (the driving forest): [r a], [r b c].
	 * Critical paths (all tight flows): [r a c], [r b c]. */
	opflow_graph *g = au_graph();
	opflow_id r = au_act(g, "r", OPFLOW_CATEGORY_OTHER, 2);
	opflow_id a = au_act(g, "a", OPFLOW_CATEGORY_OTHER, 3);
	opflow_id b = au_act(g, "b", OPFLOW_CATEGORY_OTHER, 3);
	opflow_id c = au_act(g, "c", OPFLOW_CATEGORY_OTHER, 1);
	opflow_id c0[] = { r, a }, c1[] = { r, b, c };
	opflow_analysis *an;
	struct paths p;
	size_t count;
	int more;

	au_flow(g, r, a, OPFLOW_FLOW_FS, 0);
	au_flow(g, r, b, OPFLOW_FLOW_FS, 0);
	au_flow(g, b, c, OPFLOW_FLOW_FS, 0);
	au_flow(g, a, c, OPFLOW_FLOW_FS, 0);
	an = au_analyze(g, NULL);
	expect_drive(an, c, 2, b, OPFLOW_FLOW_FS, 0, "c");
	ck_assert_uint_eq(opflow_analysis_chain_count(an), 2);
	expect_chain(an, 0, c0, 2);
	expect_chain(an, 1, c1, 3);
	memset(&p, 0, sizeof p);
	ck_assert_int_eq(opflow_analysis_critical_paths(&count, &more, an, 100,
	                                                collect, &p), 0);
	ck_assert_str_eq(p.text, "0 1 3;0 2 3;");
	ck_assert_uint_eq(count, 2);
	ck_assert_int_eq(more, 0);
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

/* ---------------------------------------------------------- critical paths */

/*
 * t(1) id 0, m2(2) id 1, s(1) id 2, m1(2) id 3, w(3) id 4, x(3) id 5:
 * s -> m1, s -> m2, m1 -> t, m2 -> t, w -> t, x -> t (FS 0) and
 * s -SS 0-> x.  ES: s 0, x 0, w 0, m1 1, m2 1, t 3; T = 4; every TF is
 * 0 (LF: t 4; m1, m2, w, x 3; s = min(LS m1, LS m2 = 1, SS: LS(s) <=
 * LS(x) = 0) = 1).  Tight flows: all of them.  Roots (no tight flow
 * in): s and w, by (ES 0, id) s (2) then w (4); s's successors by (ES,
 * id): x (ES 0), m2 (ES 1, id 1), m1 (ES 1, id 3).  So the paths, in
 * lexicographic (ES, id) order: [s x t], [s m2 t], [s m1 t], [w t].
 */
static opflow_graph *paths_graph(void)
{
	opflow_graph *g = au_graph();
	opflow_id t = au_act(g, "t", OPFLOW_CATEGORY_OTHER, 1);
	opflow_id m2 = au_act(g, "m2", OPFLOW_CATEGORY_OTHER, 2);
	opflow_id s = au_act(g, "s", OPFLOW_CATEGORY_OTHER, 1);
	opflow_id m1 = au_act(g, "m1", OPFLOW_CATEGORY_OTHER, 2);
	opflow_id w = au_act(g, "w", OPFLOW_CATEGORY_OTHER, 3);
	opflow_id x = au_act(g, "x", OPFLOW_CATEGORY_OTHER, 3);

	au_flow(g, s, m1, OPFLOW_FLOW_FS, 0);
	au_flow(g, s, m2, OPFLOW_FLOW_FS, 0);
	au_flow(g, m1, t, OPFLOW_FLOW_FS, 0);
	au_flow(g, m2, t, OPFLOW_FLOW_FS, 0);
	au_flow(g, w, t, OPFLOW_FLOW_FS, 0);
	au_flow(g, x, t, OPFLOW_FLOW_FS, 0);
	au_flow(g, s, x, OPFLOW_FLOW_SS, 0);
	return g;
}

START_TEST(test_critical_paths_order)
{
	opflow_graph *g = paths_graph();
	opflow_analysis *an = au_analyze(g, NULL);
	struct paths p;
	size_t count = 99;
	int more = 99;

	AU_NEAR(au_figure(an, OPFLOW_FIGURE_LEAD_TIME), 4, "T");
	memset(&p, 0, sizeof p);
	ck_assert_int_eq(opflow_analysis_critical_paths(&count, &more, an, 100,
	                                                collect, &p), 0);
	ck_assert_str_eq(p.text, "2 5 0;2 1 0;2 3 0;4 0;");
	ck_assert_uint_eq(count, 4);
	ck_assert_int_eq(more, 0);

	/* exactly as many as asked: no more */
	memset(&p, 0, sizeof p);
	ck_assert_int_eq(opflow_analysis_critical_paths(&count, &more, an, 4,
	                                                collect, &p), 0);
	ck_assert_uint_eq(count, 4);
	ck_assert_int_eq(more, 0);

	/* the cap: the first two, and more = 1 */
	memset(&p, 0, sizeof p);
	ck_assert_int_eq(opflow_analysis_critical_paths(&count, &more, an, 2,
	                                                collect, &p), 0);
	ck_assert_str_eq(p.text, "2 5 0;2 1 0;");
	ck_assert_uint_eq(count, 2);
	ck_assert_int_eq(more, 1);

	/* three: more = 1 since [w t] remains */
	memset(&p, 0, sizeof p);
	ck_assert_int_eq(opflow_analysis_critical_paths(&count, &more, an, 3,
	                                                collect, &p), 0);
	ck_assert_uint_eq(count, 3);
	ck_assert_int_eq(more, 1);

	/* none asked */
	memset(&p, 0, sizeof p);
	ck_assert_int_eq(opflow_analysis_critical_paths(&count, &more, an, 0,
	                                                collect, &p), 0);
	ck_assert_uint_eq(count, 0);
	ck_assert_int_eq(more, 1);
	ck_assert_uint_eq(p.calls, 0);

	/* out_more may be NULL */
	memset(&p, 0, sizeof p);
	ck_assert_int_eq(opflow_analysis_critical_paths(&count, NULL, an, 1,
	                                                collect, &p), 0);
	ck_assert_uint_eq(count, 1);
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

START_TEST(test_critical_paths_stop)
{
	opflow_graph *g = paths_graph();
	opflow_analysis *an = au_analyze(g, NULL);
	struct paths p;
	size_t count;
	int more;

	/* the callback returns 7 on the second path: that stops the walk
	 * and 7 is returned */
	memset(&p, 0, sizeof p);
	p.stop_at = 2;
	p.stop_value = 7;
	ck_assert_int_eq(opflow_analysis_critical_paths(&count, &more, an, 100,
	                                                collect, &p), 7);
	ck_assert_uint_eq(p.calls, 2);
	ck_assert_str_eq(p.text, "2 5 0;2 1 0;");
	/* a negative value too */
	memset(&p, 0, sizeof p);
	p.stop_at = 1;
	p.stop_value = -42;
	ck_assert_int_eq(opflow_analysis_critical_paths(&count, &more, an, 100,
	                                                collect, &p), -42);
	ck_assert_uint_eq(p.calls, 1);
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

struct first_paths {
	size_t calls;
	opflow_id path[2][100];
	size_t len[2];
};

static int keep_first(const opflow_id *ids, size_t length, void *payload)
{
	struct first_paths *f = payload;

	if (f->calls < 2 && length <= 100) {
		memcpy(f->path[f->calls], ids, length * sizeof *ids);
		f->len[f->calls] = length;
	}
	f->calls++;
	return 0;
}

START_TEST(test_critical_paths_ladder)
{
	/* s, then 40 rungs of u_i, v_i, then t; every activity lasts 1;
	 * s -> u1, s -> v1, u_i -> u_i+1, u_i -> v_i+1, v_i -> u_i+1,
	 * v_i -> v_i+1, u40 -> t, v40 -> t (FS 0).  Every activity on rung
	 * i starts at i, T = 42, all are critical, and there are 2^40
	 * equally long critical paths.  Asking for 5 returns 5 at once with
	 * more = 1 (enumerating them all would never end).  u_i has the
	 * smaller id on its rung, so the first path is s u1 ... u40 t and
	 * the second s u1 ... u39 v40 t. */
	enum { RUNGS = 40 };
	opflow_graph *g = au_graph();
	opflow_id u[RUNGS + 1], v[RUNGS + 1], s, t;
	opflow_analysis *an;
	struct first_paths f;
	size_t count;
	int more;
	char key[16];

	s = au_act(g, "s", OPFLOW_CATEGORY_OTHER, 1);
	for (int i = 1; i <= RUNGS; i++) {
		snprintf(key, sizeof key, "u%d", i);
		u[i] = au_act(g, key, OPFLOW_CATEGORY_OTHER, 1);
		snprintf(key, sizeof key, "v%d", i);
		v[i] = au_act(g, key, OPFLOW_CATEGORY_OTHER, 1);
	}
	t = au_act(g, "t", OPFLOW_CATEGORY_OTHER, 1);
	au_flow(g, s, u[1], OPFLOW_FLOW_FS, 0);
	au_flow(g, s, v[1], OPFLOW_FLOW_FS, 0);
	for (int i = 1; i < RUNGS; i++) {
		au_flow(g, u[i], u[i + 1], OPFLOW_FLOW_FS, 0);
		au_flow(g, u[i], v[i + 1], OPFLOW_FLOW_FS, 0);
		au_flow(g, v[i], u[i + 1], OPFLOW_FLOW_FS, 0);
		au_flow(g, v[i], v[i + 1], OPFLOW_FLOW_FS, 0);
	}
	au_flow(g, u[RUNGS], t, OPFLOW_FLOW_FS, 0);
	au_flow(g, v[RUNGS], t, OPFLOW_FLOW_FS, 0);
	an = au_analyze(g, NULL);
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_LEAD_TIME), RUNGS + 2, "T");
	memset(&f, 0, sizeof f);
	ck_assert_int_eq(opflow_analysis_critical_paths(&count, &more, an, 5,
	                                                keep_first, &f), 0);
	ck_assert_uint_eq(count, 5);
	ck_assert_uint_eq(f.calls, 5);
	ck_assert_int_eq(more, 1);
	ck_assert_uint_eq(f.len[0], RUNGS + 2);
	ck_assert_uint_eq(f.len[1], RUNGS + 2);
	ck_assert_uint_eq(f.path[0][0], s);
	ck_assert_uint_eq(f.path[0][RUNGS + 1], t);
	for (int i = 1; i <= RUNGS; i++) {
		ck_assert_uint_eq(f.path[0][i], u[i]);
		ck_assert_uint_eq(f.path[1][i], i < RUNGS ? u[i] : v[i]);
	}
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

/* ------------------------------------------------------------------ stages */

START_TEST(test_stages)
{
	/* Operation activities r (market research) -SS-> m (product
	 * development) -> p1 (manufacturing, production) -> i (logistics)
	 * -> p2 (assembly, production) -> d (distribution) -> s
	 * (after-sales); y (marketing) -> z (sales) apart; x (other) alone;
	 * k (packaging, production) alone.  Added in a shuffled order so
	 * that ids are not topological.
	 * r, m reach production and are not reached: pre-production;
	 * i is reached from p1 and reaches p2: interleaved; d, s are
	 * reached and reach none: post-production; x, y, z: independent;
	 * p1, p2, k: production. */
	opflow_graph *g = au_graph();
	opflow_id s = au_act(g, "s", OPFLOW_CATEGORY_AFTER_SALES, 1);
	opflow_id p2 = au_act(g, "p2", OPFLOW_CATEGORY_ASSEMBLY, 1);
	opflow_id z = au_act(g, "z", OPFLOW_CATEGORY_SALES, 1);
	opflow_id i = au_act(g, "i", OPFLOW_CATEGORY_LOGISTICS, 1);
	opflow_id m = au_act(g, "m", OPFLOW_CATEGORY_PRODUCT_DEVELOPMENT, 1);
	opflow_id x = au_act(g, "x", OPFLOW_CATEGORY_OTHER, 1);
	opflow_id d = au_act(g, "d", OPFLOW_CATEGORY_DISTRIBUTION, 1);
	opflow_id p1 = au_act(g, "p1", OPFLOW_CATEGORY_MANUFACTURING, 1);
	opflow_id y = au_act(g, "y", OPFLOW_CATEGORY_MARKETING, 1);
	opflow_id r = au_act(g, "r", OPFLOW_CATEGORY_MARKET_RESEARCH, 1);
	opflow_id k = au_act(g, "k", OPFLOW_CATEGORY_PACKAGING, 1);
	opflow_analysis *an;

	au_flow(g, d, s, OPFLOW_FLOW_FS, 0);
	au_flow(g, p2, d, OPFLOW_FLOW_FF, 1);
	au_flow(g, i, p2, OPFLOW_FLOW_FS, 0);
	au_flow(g, p1, i, OPFLOW_FLOW_SF, 2);
	au_flow(g, m, p1, OPFLOW_FLOW_FS, 0);
	au_flow(g, r, m, OPFLOW_FLOW_SS, 0);
	au_flow(g, y, z, OPFLOW_FLOW_FS, 0);
	an = au_analyze(g, NULL);
	expect_stage(an, r, OPFLOW_STAGE_PRE_PRODUCTION, "r");
	expect_stage(an, m, OPFLOW_STAGE_PRE_PRODUCTION, "m");
	expect_stage(an, p1, OPFLOW_STAGE_PRODUCTION, "p1");
	expect_stage(an, i, OPFLOW_STAGE_INTERLEAVED, "i");
	expect_stage(an, p2, OPFLOW_STAGE_PRODUCTION, "p2");
	expect_stage(an, d, OPFLOW_STAGE_POST_PRODUCTION, "d");
	expect_stage(an, s, OPFLOW_STAGE_POST_PRODUCTION, "s");
	expect_stage(an, x, OPFLOW_STAGE_INDEPENDENT, "x");
	expect_stage(an, y, OPFLOW_STAGE_INDEPENDENT, "y");
	expect_stage(an, z, OPFLOW_STAGE_INDEPENDENT, "z");
	expect_stage(an, k, OPFLOW_STAGE_PRODUCTION, "k");
	opflow_analysis_free(an);

	/* the kind decides, not the category: m made production */
	ck_assert_int_eq(opflow_graph_set_activity_kind(g, m,
	                 OPFLOW_KIND_PRODUCTION), 0);
	an = au_analyze(g, NULL);
	expect_stage(an, m, OPFLOW_STAGE_PRODUCTION, "m as production");
	expect_stage(an, r, OPFLOW_STAGE_PRE_PRODUCTION, "r");
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

/* ------------------------------------------------------------------- scope */

/*
 * The scope graph (ids in order):
 *   0 research  market-research     operation  mkt    4  (made customer-facing)
 *   1 design    product-development operation  eng    6
 *   2 buy       procurement         production purch  2
 *   3 make      manufacturing       production plant  5
 *   4 check     quality-control     production plant  1
 *   5 sell      sales               operation  mkt    3  customer-facing
 *   6 ship      distribution        operation  log    2  customer-facing
 *   7 help      customer-service    operation  -      4  customer-facing
 *   8 pack      packaging           production -      1
 * Departments by first use: mkt 0, eng 1, purch 2, plant 3, then
 * "unused" 4 (interned, no activity), log 5.
 * Flows:
 *   f0 research->design FS   mkt->eng     within operation
 *   f1 design->make FS       eng->plant   across the boundary
 *   f2 buy->make FS          purch->plant within production
 *   f3 make->check FS        plant->plant same department: none
 *   f4 check->pack FS        plant->-     no department: none
 *   f5 pack->ship FS         -->log       none
 *   f6 check->ship FS        plant->log   boundary
 *   f7 check->ship SS        plant->log   boundary (parallel, counted)
 *   f8 ship->help FS         log->-       none
 *   f9 research->sell FS     mkt->mkt     none
 *   f10 sell->ship FS        mkt->log     within operation
 *   f11 buy->check SS        purch->plant within production
 */
struct scope_ids {
	opflow_id research, design, buy, make, check, sell, ship, help, pack;
};

static opflow_graph *scope_graph(struct scope_ids *x)
{
	opflow_graph *g = au_graph();
	opflow_id unused;
	const int K = OPFLOW_FROM_CATEGORY;

	x->research = au_act_ext(g, "research", OPFLOW_CATEGORY_MARKET_RESEARCH,
	                         K, 4, "mkt");
	x->design = au_act_ext(g, "design", OPFLOW_CATEGORY_PRODUCT_DEVELOPMENT,
	                       K, 6, "eng");
	x->buy = au_act_ext(g, "buy", OPFLOW_CATEGORY_PROCUREMENT, K, 2, "purch");
	x->make = au_act_ext(g, "make", OPFLOW_CATEGORY_MANUFACTURING, K, 5,
	                     "plant");
	x->check = au_act_ext(g, "check", OPFLOW_CATEGORY_QUALITY_CONTROL, K, 1,
	                      "plant");
	x->sell = au_act_ext(g, "sell", OPFLOW_CATEGORY_SALES, K, 3, "mkt");
	ck_assert_int_eq(opflow_graph_intern_department(&unused, g, "unused"), 0);
	ck_assert_uint_eq(unused, 4);
	x->ship = au_act_ext(g, "ship", OPFLOW_CATEGORY_DISTRIBUTION, K, 2, "log");
	x->help = au_act_ext(g, "help", OPFLOW_CATEGORY_CUSTOMER_SERVICE, K, 4,
	                     NULL);
	x->pack = au_act_ext(g, "pack", OPFLOW_CATEGORY_PACKAGING, K, 1, NULL);
	ck_assert_int_eq(opflow_graph_set_activity_customer_facing(g,
	                 x->research, 1), 0);
	au_flow(g, x->research, x->design, OPFLOW_FLOW_FS, 0);
	au_flow(g, x->design, x->make, OPFLOW_FLOW_FS, 0);
	au_flow(g, x->buy, x->make, OPFLOW_FLOW_FS, 0);
	au_flow(g, x->make, x->check, OPFLOW_FLOW_FS, 0);
	au_flow(g, x->check, x->pack, OPFLOW_FLOW_FS, 0);
	au_flow(g, x->pack, x->ship, OPFLOW_FLOW_FS, 0);
	au_flow(g, x->check, x->ship, OPFLOW_FLOW_FS, 0);
	au_flow(g, x->check, x->ship, OPFLOW_FLOW_SS, 0);
	au_flow(g, x->ship, x->help, OPFLOW_FLOW_FS, 0);
	au_flow(g, x->research, x->sell, OPFLOW_FLOW_FS, 0);
	au_flow(g, x->sell, x->ship, OPFLOW_FLOW_FS, 0);
	au_flow(g, x->buy, x->check, OPFLOW_FLOW_SS, 0);
	return g;
}

START_TEST(test_scope_figures)
{
	struct scope_ids x;
	opflow_graph *g = scope_graph(&x);
	opflow_analysis *an = au_analyze(g, NULL);
	static const struct {
		opflow_figure f;
		double v;
	} want[] = {
		{ OPFLOW_FIGURE_ACTIVITIES, 9 },
		/* buy, make, check, pack */
		{ OPFLOW_FIGURE_PRODUCTION_ACTIVITIES, 4 },
		{ OPFLOW_FIGURE_OPERATION_ACTIVITIES, 5 },
		/* 4 + 6 + 2 + 5 + 1 + 3 + 2 + 4 + 1 */
		{ OPFLOW_FIGURE_EFFORT, 28 },
		/* 2 + 5 + 1 + 1 */
		{ OPFLOW_FIGURE_PRODUCTION_EFFORT, 9 },
		{ OPFLOW_FIGURE_PRODUCTION_SHARE, 4.0 / 9.0 },
		{ OPFLOW_FIGURE_PRODUCTION_EFFORT_SHARE, 9.0 / 28.0 },
		/* mkt, eng, purch, plant, log ("unused" has no activity) */
		{ OPFLOW_FIGURE_DEPARTMENTS, 5 },
		/* purch, plant */
		{ OPFLOW_FIGURE_PRODUCTION_DEPARTMENTS, 2 },
		/* nine different categories */
		{ OPFLOW_FIGURE_CATEGORIES, 9 },
		/* procurement, manufacturing, quality-control, packaging */
		{ OPFLOW_FIGURE_PRODUCTION_CATEGORIES, 4 },
		/* research (set), sell, ship, help (from their categories) */
		{ OPFLOW_FIGURE_CUSTOMER_FACING, 4 },
		/* 4 + 3 + 2 + 4 */
		{ OPFLOW_FIGURE_CUSTOMER_FACING_EFFORT, 13 },
		/* f0 f1 f2 f6 f7 f10 f11 */
		{ OPFLOW_FIGURE_HANDOFFS, 7 },
		/* f2 f11 */
		{ OPFLOW_FIGURE_PRODUCTION_HANDOFFS, 2 },
		/* f1 f6 f7 */
		{ OPFLOW_FIGURE_BOUNDARY_HANDOFFS, 3 },
		/* f0 f10 */
		{ OPFLOW_FIGURE_OPERATION_HANDOFFS, 2 },
	};
	/* the matrix by (from, to): (mkt, eng) f0; (mkt, log) f10;
	 * (eng, plant) f1; (purch, plant) f2 f11; (plant, log) f6 f7 */
	static const struct {
		opflow_id from, to;
		size_t count;
	} matrix[] = {
		{ 0, 1, 1 }, { 0, 5, 1 }, { 1, 3, 1 }, { 2, 3, 2 }, { 3, 5, 2 },
	};
	static const char *dkeys[] = { "mkt", "eng", "purch", "plant", "unused",
	                               "log" };

	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		AU_NEAR(au_figure(an, want[i].f), want[i].v,
		        opflow_figure_name(want[i].f));
	ck_assert_uint_eq(opflow_analysis_handoff_count(an), 5);
	for (size_t i = 0; i < 5; i++) {
		opflow_id from, to;
		size_t count;

		ck_assert_int_eq(opflow_analysis_handoff(&from, &to, &count, an, i),
		                 0);
		ck_assert_msg(from == matrix[i].from && to == matrix[i].to &&
		              count == matrix[i].count,
		              "entry %zu: (%u, %u) x %zu", i, (unsigned)from,
		              (unsigned)to, count);
	}
	ck_assert_int_eq(opflow_analysis_handoff(NULL, NULL, NULL, an, 5),
	                 OPFLOW_ENOTFOUND);
	ck_assert_uint_eq(opflow_analysis_department_count(an), 6);
	for (opflow_id d = 0; d < 6; d++) {
		const char *k = NULL;

		ck_assert_int_eq(opflow_analysis_department_key(&k, an, d), 0);
		ck_assert_str_eq(k, dkeys[d]);
	}
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

START_TEST(test_handoff_matrix_many_departments)
{
	/* 100 departments dept00 .. dept99 (ids 0 .. 99), few in use, so
	 * that the matrix is far from dense: p (assembly, production) in
	 * dept99; q, r, s (other, operation) in dept50, dept03, dept03; t
	 * without department.  Flows:
	 *   p->q FS  99->50 boundary      p->r FS  99->3 boundary
	 *   p->r SS  99->3 boundary       q->r FS  50->3 operation
	 *   q->s FS  50->3 operation      r->s FS  same department: none
	 *   s->t FS  no department: none
	 * Handoffs 5: production 0, boundary 3, operation 2.  Matrix by
	 * (from, to): (50, 3) x 2, (99, 3) x 2, (99, 50) x 1.
	 * Departments in use: 3; in production: 1. */
	opflow_graph *g = au_graph();
	opflow_analysis *an;
	opflow_id p, q, r, s, t, d;
	static const struct {
		opflow_id from, to;
		size_t count;
	} matrix[] = { { 50, 3, 2 }, { 99, 3, 2 }, { 99, 50, 1 } };
	char key[16];

	for (int i = 0; i < 100; i++) {
		snprintf(key, sizeof key, "dept%02d", i);
		ck_assert_int_eq(opflow_graph_intern_department(&d, g, key), 0);
		ck_assert_uint_eq(d, (opflow_id)i);
	}
	p = au_act_ext(g, "p", OPFLOW_CATEGORY_ASSEMBLY, OPFLOW_FROM_CATEGORY, 1,
	               "dept99");
	q = au_act_ext(g, "q", OPFLOW_CATEGORY_OTHER, OPFLOW_FROM_CATEGORY, 1,
	               "dept50");
	r = au_act_ext(g, "r", OPFLOW_CATEGORY_OTHER, OPFLOW_FROM_CATEGORY, 1,
	               "dept03");
	s = au_act_ext(g, "s", OPFLOW_CATEGORY_OTHER, OPFLOW_FROM_CATEGORY, 1,
	               "dept03");
	t = au_act(g, "t", OPFLOW_CATEGORY_OTHER, 1);
	au_flow(g, p, q, OPFLOW_FLOW_FS, 0);
	au_flow(g, p, r, OPFLOW_FLOW_FS, 0);
	au_flow(g, p, r, OPFLOW_FLOW_SS, 0);
	au_flow(g, q, r, OPFLOW_FLOW_FS, 0);
	au_flow(g, q, s, OPFLOW_FLOW_FS, 0);
	au_flow(g, r, s, OPFLOW_FLOW_FS, 0);
	au_flow(g, s, t, OPFLOW_FLOW_FS, 0);
	an = au_analyze(g, NULL);
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_HANDOFFS), 5, "handoffs");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_HANDOFFS), 0, "prod");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_BOUNDARY_HANDOFFS), 3, "boundary");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_OPERATION_HANDOFFS), 2, "operation");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_DEPARTMENTS), 3, "departments");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_DEPARTMENTS), 1,
	        "production departments");
	ck_assert_uint_eq(opflow_analysis_department_count(an), 100);
	ck_assert_uint_eq(opflow_analysis_handoff_count(an), 3);
	for (size_t i = 0; i < 3; i++) {
		opflow_id from, to;
		size_t count;

		ck_assert_int_eq(opflow_analysis_handoff(&from, &to, &count, an, i),
		                 0);
		ck_assert_msg(from == matrix[i].from && to == matrix[i].to &&
		              count == matrix[i].count,
		              "entry %zu: (%u, %u) x %zu", i, (unsigned)from,
		              (unsigned)to, count);
	}
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

START_TEST(test_scope_current_activities)
{
	/* Departments and categories count over the activities as they are
	 * now: moving check out of "plant" and make out of manufacturing
	 * changes the counts; a department left without activity does not
	 * count. */
	struct scope_ids x;
	opflow_graph *g = scope_graph(&x);
	opflow_analysis *an;

	ck_assert_int_eq(opflow_graph_set_activity_department(g, x.make, "eng"),
	                 0);
	ck_assert_int_eq(opflow_graph_set_activity_department(g, x.check,
	                                                      "purch"), 0);
	ck_assert_int_eq(opflow_graph_set_activity_category(g, x.make,
	                 OPFLOW_CATEGORY_ASSEMBLY), 0);
	an = au_analyze(g, NULL);
	/* plant has no activity now: mkt, eng, purch, log */
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_DEPARTMENTS), 4, "departments");
	/* buy purch, make eng, check purch */
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_DEPARTMENTS), 2,
	        "production departments");
	/* manufacturing is gone, assembly is new: still 9 */
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_CATEGORIES), 9, "categories");
	/* make stays production (a category change keeps the kind) */
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_ACTIVITIES), 4, "prod");
	/* handoffs: f0 mkt->eng; f1 eng->eng none; f2 purch->eng;
	 * f3 eng->purch; f6 f7 purch->log; f10 mkt->log; f11 purch->purch
	 * none: 6, production f2 f3, boundary f6 f7, operation f0 f10 */
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_HANDOFFS), 6, "handoffs");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_HANDOFFS), 2, "prod h");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_BOUNDARY_HANDOFFS), 2, "boundary");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_OPERATION_HANDOFFS), 2, "op h");
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

/* --------------------------------------------------------------- timeframe */

START_TEST(test_timeframe_figures)
{
	/* The scope graph.  Early schedule: research 0-4, design 4-10,
	 * buy 0-2 (procurement with float, starting at 0), make
	 * max(10, 2) = 10-15, check 15-16 (f11 SS: >= 0), pack 16-17,
	 * sell 4-7, ship max(pack 17, check 16, check SS 15, sell 7) =
	 * 17-19, help 19-23; T = 23.
	 * Production (buy, make, check, pack): start min ES = 0 (buy),
	 * end max EF = 17 (pack), window 17, pre-production 0 while design
	 * still runs until 10, post-production 23 - 17 = 6.
	 * Production span, the production activities alone: buy 0-2, make
	 * 2-7, check max(7, SS 0) = 7-8, pack 8-9: span 9; ratio 23 / 9.
	 * Backward, H = 23: help LS 19; ship LF 19, LS 17; pack LF 17,
	 * LS 16; check LF min(16, 17, SS 17 + 1) = 16, LS 15; sell LF 17,
	 * LS 14; make LF 15, LS 10; buy LF min(10, SS: 15 + 2) = 10, LS 8;
	 * design LF 10, LS 4; research LF min(4, 14) = 4, LS 0.
	 * TF: buy 8, sell 10, all others 0.
	 * Critical time by department: mkt 4 (research), eng 6, purch 0,
	 * plant 5 + 1 = 6, unused 0, log 2, none: pack 1 + help 4 = 5.
	 * By kind: production make 5 + check 1 + pack 1 = 7; operation
	 * research 4 + design 6 + ship 2 + help 4 = 16. */
	struct scope_ids x;
	opflow_graph *g = scope_graph(&x);
	opflow_analysis *an = au_analyze(g, NULL);
	static const double by_dept[] = { 4, 6, 0, 6, 0, 2 };
	double v, es;
	int crit;

	AU_NEAR(au_figure(an, OPFLOW_FIGURE_LEAD_TIME), 23, "lead_time");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_START), 0, "start");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_END), 17, "end");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_WINDOW), 17, "window");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRE_PRODUCTION), 0, "pre");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_POST_PRODUCTION), 6, "post");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_SPAN), 9, "span");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_TIMEFRAME_RATIO), 23.0 / 9.0,
	        "ratio");
	/* the early-start procurement case: buy starts at 0 with float 8
	 * while design runs from 4 to 10 */
	ck_assert_int_eq(opflow_analysis_schedule(&es, NULL, NULL, NULL, an,
	                                          x.buy), 0);
	AU_NEAR(es, 0, "ES(buy)");
	ck_assert_int_eq(opflow_analysis_floats(&v, NULL, an, x.buy), 0);
	AU_NEAR(v, 8, "TF(buy)");
	ck_assert_int_eq(opflow_analysis_criticality(&crit, NULL, an, x.buy), 0);
	ck_assert_int_eq(crit, 0);
	ck_assert_int_eq(opflow_analysis_schedule(&es, NULL, NULL, NULL, an,
	                                          x.design), 0);
	AU_NEAR(es, 4, "ES(design)");
	for (opflow_id d = 0; d < 6; d++) {
		ck_assert_int_eq(opflow_analysis_critical_time_by_department(&v, an,
		                                                             d), 0);
		AU_NEAR(v, by_dept[d], "critical time by department");
	}
	ck_assert_int_eq(opflow_analysis_critical_time_by_department(&v, an,
	                 OPFLOW_NONE), 0);
	AU_NEAR(v, 5, "critical time without department");
	ck_assert_int_eq(opflow_analysis_critical_time_by_kind(&v, an,
	                 OPFLOW_KIND_PRODUCTION), 0);
	AU_NEAR(v, 7, "critical production time");
	ck_assert_int_eq(opflow_analysis_critical_time_by_kind(&v, an,
	                 OPFLOW_KIND_OPERATION), 0);
	AU_NEAR(v, 16, "critical operation time");
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

START_TEST(test_timeframe_with_deadline)
{
	/* The production window lies in the early schedule: a deadline
	 * changes the floats, not the window; post-production is T - end
	 * with T the lead time, not the deadline. */
	struct scope_ids x;
	opflow_graph *g = scope_graph(&x);
	opflow_analysis_options o = deadline_opts(30);
	opflow_analysis *an = au_analyze(g, &o);
	double v;

	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_START), 0, "start");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_END), 17, "end");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_POST_PRODUCTION), 6, "post");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_TIMEFRAME_RATIO), 23.0 / 9.0,
	        "ratio");
	/* TF(research) = 30 - 23 = 7, the minimum: the same activities are
	 * critical, so the same critical time */
	ck_assert_int_eq(opflow_analysis_floats(&v, NULL, an, x.research), 0);
	AU_NEAR(v, 7, "TF(research)");
	ck_assert_int_eq(opflow_analysis_critical_time_by_kind(&v, an,
	                 OPFLOW_KIND_OPERATION), 0);
	AU_NEAR(v, 16, "critical operation time");
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

START_TEST(test_critical_time_overlap)
{
	/* a(5) and b(5), both production in "plant", no flows, c(3)
	 * operation without department: T = 5, a and b critical (TF 0),
	 * c not (TF 2).  Overlapping critical activities each count:
	 * production 10, plant 10, none 0, operation 0. */
	opflow_graph *g = au_graph();
	opflow_analysis *an;
	double v;

	au_act_ext(g, "a", OPFLOW_CATEGORY_ASSEMBLY, OPFLOW_FROM_CATEGORY, 5,
	           "plant");
	au_act_ext(g, "b", OPFLOW_CATEGORY_ASSEMBLY, OPFLOW_FROM_CATEGORY, 5,
	           "plant");
	au_act(g, "c", OPFLOW_CATEGORY_SALES, 3);
	an = au_analyze(g, NULL);
	ck_assert_int_eq(opflow_analysis_critical_time_by_kind(&v, an,
	                 OPFLOW_KIND_PRODUCTION), 0);
	AU_NEAR(v, 10, "production");
	ck_assert_int_eq(opflow_analysis_critical_time_by_kind(&v, an,
	                 OPFLOW_KIND_OPERATION), 0);
	AU_NEAR(v, 0, "operation");
	ck_assert_int_eq(opflow_analysis_critical_time_by_department(&v, an, 0),
	                 0);
	AU_NEAR(v, 10, "plant");
	ck_assert_int_eq(opflow_analysis_critical_time_by_department(&v, an,
	                 OPFLOW_NONE), 0);
	AU_NEAR(v, 0, "none");
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

START_TEST(test_production_span_alone)
{
	/* p1(2) -> o(10) -> p2(3), p1 and p2 production, o operation; and
	 * p1 -SS +1-> p2.  Whole schedule: p1 0-2, o 2-12, p2 12-15,
	 * T = 15; window 0-15.  The production subgraph alone: p1 0-2, p2
	 * by SS at 1, 1-4: span 4; ratio 15 / 4. */
	opflow_graph *g = au_graph();
	opflow_id p1 = au_act(g, "p1", OPFLOW_CATEGORY_MANUFACTURING, 2);
	opflow_id o = au_act(g, "o", OPFLOW_CATEGORY_LOGISTICS, 10);
	opflow_id p2 = au_act(g, "p2", OPFLOW_CATEGORY_ASSEMBLY, 3);
	opflow_analysis *an;

	au_flow(g, p1, o, OPFLOW_FLOW_FS, 0);
	au_flow(g, o, p2, OPFLOW_FLOW_FS, 0);
	au_flow(g, p1, p2, OPFLOW_FLOW_SS, 1);
	an = au_analyze(g, NULL);
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_LEAD_TIME), 15, "T");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_START), 0, "start");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_END), 15, "end");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_WINDOW), 15, "window");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_POST_PRODUCTION), 0, "post");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_SPAN), 4, "span");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_TIMEFRAME_RATIO), 15.0 / 4.0,
	        "ratio");
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

START_TEST(test_absent_figures)
{
	/* No production activity: the production figures are absent
	 * (OPFLOW_ENOTFOUND, 0 written); scope figures never are. */
	static const opflow_figure production[] = {
		OPFLOW_FIGURE_PRODUCTION_START, OPFLOW_FIGURE_PRODUCTION_END,
		OPFLOW_FIGURE_PRODUCTION_WINDOW, OPFLOW_FIGURE_PRE_PRODUCTION,
		OPFLOW_FIGURE_POST_PRODUCTION, OPFLOW_FIGURE_PRODUCTION_SPAN,
		OPFLOW_FIGURE_TIMEFRAME_RATIO,
	};
	opflow_graph *g = au_graph();
	opflow_id a = au_act(g, "a", OPFLOW_CATEGORY_SALES, 2);
	opflow_id b = au_act(g, "b", OPFLOW_CATEGORY_MARKETING, 3);
	opflow_id z;
	opflow_analysis *an;
	opflow_analysis_options o = deadline_opts(4);

	au_flow(g, a, b, OPFLOW_FLOW_FS, 0);
	an = au_analyze(g, NULL);
	for (size_t i = 0; i < sizeof production / sizeof production[0]; i++)
		expect_absent(an, production[i]);
	/* no deadline: no probability */
	expect_absent(an, OPFLOW_FIGURE_PERT_PROBABILITY);
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_LEAD_TIME), 5, "T");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_ACTIVITIES), 0, "prod");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_SHARE), 0, "share");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_EFFORT_SHARE), 0,
	        "effort share");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PERT_LEAD_TIME), 5, "pert T");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PERT_STDDEV), 0, "sigma");
	opflow_analysis_free(an);
	/* with a deadline the probability is there: sigma 0, 4 < 5: 0 */
	an = au_analyze(g, &o);
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PERT_PROBABILITY), 0, "P");
	opflow_analysis_free(an);

	/* a production activity of duration 0: the window is there, the
	 * span is 0, so the ratio alone is absent */
	z = au_act(g, "z", OPFLOW_CATEGORY_ASSEMBLY, 0);
	au_flow(g, a, z, OPFLOW_FLOW_FS, 0);
	an = au_analyze(g, NULL);
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_START), 2, "start");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_END), 2, "end");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_WINDOW), 0, "window");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRE_PRODUCTION), 2, "pre");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_POST_PRODUCTION), 3, "post");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_SPAN), 0, "span");
	expect_absent(an, OPFLOW_FIGURE_TIMEFRAME_RATIO);
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

/* -------------------------------------------------------------------- PERT */

static opflow_id add_estimated(opflow_graph *g, const char *key,
                               int has_duration, double duration, double o,
                               double m, double p)
{
	opflow_activity_options opts = OPFLOW_ACTIVITY_OPTIONS_INIT;
	opflow_id id;
	int rc;

	opts.category = OPFLOW_CATEGORY_ASSEMBLY;
	opts.has_duration = has_duration;
	opts.duration = duration;
	opts.has_estimate = 1;
	opts.optimistic = o;
	opts.most_likely = m;
	opts.pessimistic = p;
	rc = opflow_graph_add_activity_ext(&id, g, key, &opts);
	ck_assert_msg(rc == 0, "%s", opflow_error_message());
	return id;
}

/* Phi(z), the standard normal distribution function. */
static double phi(double z)
{
	return 0.5 * erfc(-z / sqrt(2.0));
}

START_TEST(test_pert_series)
{
	/* a (1, 4, 13): mean (1 + 16 + 13) / 6 = 5, variance (12/6)^2 = 4;
	 * b (2, 3, 10): mean (2 + 12 + 10) / 6 = 4, variance (8/6)^2 = 16/9.
	 * a -> b: expected lead time 9; one critical path, sigma^2 =
	 * 4 + 16/9 = 52/9.  Durations derive from the most likely values
	 * (4 and 3), so the deterministic lead time is 7. */
	opflow_graph *g = au_graph();
	opflow_id a = add_estimated(g, "a", 0, 0, 1, 4, 13);
	opflow_id b = add_estimated(g, "b", 0, 0, 2, 3, 10);
	opflow_analysis_options o = deadline_opts(11);
	opflow_analysis *an;
	double sigma = sqrt(52.0 / 9.0);

	au_flow(g, a, b, OPFLOW_FLOW_FS, 0);
	an = au_analyze(g, &o);
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_LEAD_TIME), 7, "T");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PERT_LEAD_TIME), 9, "pert T");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PERT_STDDEV), sigma, "sigma");
	/* z = (11 - 9) / sigma */
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PERT_PROBABILITY),
	        phi(2.0 / sigma), "P");
	opflow_analysis_free(an);
	/* deadlines 9 + k sigma: Phi(k), tabulated */
	{
		static const struct {
			double k, p;
		} cases[] = {
			{ 1, 0.84134474606854293 },
			{ 0, 0.5 },
			{ -1, 0.15865525393145707 },
			{ 2, 0.97724986805182079 },
			{ -3, 0.0013498980316301 },
		};

		for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
			o = deadline_opts(9 + cases[i].k * sigma);
			an = au_analyze(g, &o);
			AU_NEAR(au_figure(an, OPFLOW_FIGURE_PERT_PROBABILITY),
			        cases[i].p, "P (tabulated)");
			opflow_analysis_free(an);
		}
	}
	opflow_graph_free(g);
}
END_TEST

/*
 * s(2) id 0, a id 1, b id 2, t id 3, no estimate on s;
 * f0 s->b, f1 s->a, f2 b->t, f3 a->t (FS 0).
 * a: explicit duration 4, estimate (1, 4, 13): mean 5, variance 4;
 * b: explicit duration 6, estimate (3, 5, 7): mean (3 + 20 + 7) / 6 = 5,
 *    variance (4/6)^2 = 4/9;
 * t: explicit duration 1, estimate (0, 0, 6): mean 6/6 = 1, variance 1.
 * Deterministic: s 0-2, a 2-6, b 2-8, t 8-9, T = 9; only s b t critical.
 * PERT means: both branches 2-7, t 7-8: expected lead time 8, both
 * paths critical; sigma^2 = max(0 + 4 + 1, 0 + 4/9 + 1) = 5, sigma =
 * sqrt(5).  (The deterministic critical path, or t's driving flow f2
 * from b, would give 13/9; the largest prefix alone, s a, 4.)
 */
static opflow_graph *pert_graph(void)
{
	opflow_graph *g = au_graph();
	opflow_id s = au_act(g, "s", OPFLOW_CATEGORY_ASSEMBLY, 2);
	opflow_id a = add_estimated(g, "a", 1, 4, 1, 4, 13);
	opflow_id b = add_estimated(g, "b", 1, 6, 3, 5, 7);
	opflow_id t = add_estimated(g, "t", 1, 1, 0, 0, 6);

	au_flow(g, s, b, OPFLOW_FLOW_FS, 0);
	au_flow(g, s, a, OPFLOW_FLOW_FS, 0);
	au_flow(g, b, t, OPFLOW_FLOW_FS, 0);
	au_flow(g, a, t, OPFLOW_FLOW_FS, 0);
	return g;
}

START_TEST(test_pert_parallel_paths)
{
	opflow_graph *g = pert_graph();
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_analysis *an;
	int crit;
	double d;

	an = au_analyze(g, NULL);
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_LEAD_TIME), 9, "T");
	ck_assert_int_eq(opflow_analysis_criticality(&crit, NULL, an, 1), 0);
	ck_assert_int_eq(crit, 0);     /* a, deterministic */
	ck_assert_int_eq(opflow_analysis_duration(&d, an, 1), 0);
	AU_NEAR(d, 4, "duration(a)");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PERT_LEAD_TIME), 8, "pert T");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PERT_STDDEV), sqrt(5.0), "sigma");
	expect_absent(an, OPFLOW_FIGURE_PERT_PROBABILITY);
	opflow_analysis_free(an);

	/* probabilities: Phi((D - 8) / sqrt(5)) */
	{
		static const double deadlines[] = { 10, 8, 6, 12, 8.5 };

		for (size_t i = 0; i < sizeof deadlines / sizeof deadlines[0];
		     i++) {
			o = deadline_opts(deadlines[i]);
			an = au_analyze(g, &o);
			AU_NEAR(au_figure(an, OPFLOW_FIGURE_PERT_PROBABILITY),
			        phi((deadlines[i] - 8) / sqrt(5.0)), "P");
			opflow_analysis_free(an);
		}
	}
	opflow_graph_free(g);
}
END_TEST

START_TEST(test_pert_mode)
{
	/* In PERT mode the schedule itself runs on the means: durations
	 * s 2, a 5, b 5, t 1; T = 8; a and b both critical; t's driving
	 * flow is f2 (from b, added first); chains [s a], [s b t];
	 * sigma = sqrt(5), P(T <= 9) = Phi(1 / sqrt(5)). */
	opflow_graph *g = pert_graph();
	opflow_analysis_options o = deadline_opts(9);
	opflow_analysis *an;
	static const double means[] = { 2, 5, 5, 1 };
	opflow_id c0[] = { 0, 1 }, c1[] = { 0, 2, 3 };
	int crit;
	double d;

	o.duration_mode = OPFLOW_DURATIONS_PERT;
	an = au_analyze(g, &o);
	for (opflow_id i = 0; i < 4; i++) {
		ck_assert_int_eq(opflow_analysis_duration(&d, an, i), 0);
		AU_NEAR(d, means[i], "mean duration");
		ck_assert_int_eq(opflow_analysis_criticality(&crit, NULL, an, i), 0);
		ck_assert_int_eq(crit, 1);
	}
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_LEAD_TIME), 8, "T");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PERT_LEAD_TIME), 8, "pert T");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PERT_STDDEV), sqrt(5.0), "sigma");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PERT_PROBABILITY),
	        phi(1 / sqrt(5.0)), "P");
	expect_drive(an, 3, 2, 2, OPFLOW_FLOW_FS, 0, "t");
	ck_assert_uint_eq(opflow_analysis_chain_count(an), 2);
	expect_chain(an, 0, c0, 2);
	expect_chain(an, 1, c1, 3);
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

START_TEST(test_pert_sigma_zero)
{
	/* No estimate: sigma = 0, expected lead time = T = 5; P is 1 when
	 * the deadline is >= 5, else 0. */
	opflow_graph *g = au_graph();
	opflow_id a = au_act(g, "a", OPFLOW_CATEGORY_ASSEMBLY, 2);
	opflow_id b = au_act(g, "b", OPFLOW_CATEGORY_ASSEMBLY, 3);
	static const struct {
		double deadline, p;
	} cases[] = { { 5, 1 }, { 100, 1 }, { 4.5, 0 }, { 0, 0 }, { -1, 0 } };

	au_flow(g, a, b, OPFLOW_FLOW_FS, 0);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		opflow_analysis_options o = deadline_opts(cases[i].deadline);
		opflow_analysis *an = au_analyze(g, &o);

		AU_NEAR(au_figure(an, OPFLOW_FIGURE_PERT_STDDEV), 0, "sigma");
		AU_NEAR(au_figure(an, OPFLOW_FIGURE_PERT_LEAD_TIME), 5, "pert T");
		ck_assert_msg(au_figure(an, OPFLOW_FIGURE_PERT_PROBABILITY) ==
		              cases[i].p, "deadline %g", cases[i].deadline);
		opflow_analysis_free(an);
	}
	/* degenerate estimates (o = m = p) have no variance either */
	opflow_graph_free(g);
	g = au_graph();
	add_estimated(g, "c", 0, 0, 3, 3, 3);
	{
		opflow_analysis_options o = deadline_opts(3);
		opflow_analysis *an = au_analyze(g, &o);

		AU_NEAR(au_figure(an, OPFLOW_FIGURE_PERT_STDDEV), 0, "sigma");
		ck_assert(au_figure(an, OPFLOW_FIGURE_PERT_PROBABILITY) == 1);
		opflow_analysis_free(an);
	}
	opflow_graph_free(g);
}
END_TEST

/* ------------------------------------------------------- degenerate graphs */

START_TEST(test_empty_graph)
{
	opflow_graph *g = au_graph();
	opflow_analysis *an = au_analyze(g, NULL);
	opflow_analysis_options o = deadline_opts(3);
	struct paths p;
	size_t count = 9;
	int more = 9;
	double v;

	ck_assert_uint_eq(opflow_analysis_activity_count(an), 0);
	ck_assert_uint_eq(opflow_analysis_department_count(an), 0);
	ck_assert_uint_eq(opflow_analysis_chain_count(an), 0);
	ck_assert_uint_eq(opflow_analysis_handoff_count(an), 0);
	for (int f = OPFLOW_FIGURE_ACTIVITIES; f <= OPFLOW_FIGURE_LEAD_TIME; f++)
		AU_NEAR(au_figure(an, (opflow_figure)f), 0,
		        opflow_figure_name((opflow_figure)f));
	for (int f = OPFLOW_FIGURE_PRODUCTION_START;
	     f <= OPFLOW_FIGURE_TIMEFRAME_RATIO; f++)
		expect_absent(an, (opflow_figure)f);
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PERT_LEAD_TIME), 0, "pert T");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PERT_STDDEV), 0, "sigma");
	expect_absent(an, OPFLOW_FIGURE_PERT_PROBABILITY);
	memset(&p, 0, sizeof p);
	ck_assert_int_eq(opflow_analysis_critical_paths(&count, &more, an, 10,
	                                                collect, &p), 0);
	ck_assert_uint_eq(count, 0);
	ck_assert_int_eq(more, 0);
	ck_assert_uint_eq(p.calls, 0);
	ck_assert_int_eq(opflow_analysis_critical_time_by_department(&v, an,
	                 OPFLOW_NONE), 0);
	AU_NEAR(v, 0, "critical time without department");
	ck_assert_int_eq(opflow_analysis_critical_time_by_kind(&v, an,
	                 OPFLOW_KIND_PRODUCTION), 0);
	AU_NEAR(v, 0, "critical production time");
	opflow_analysis_free(an);
	/* with a deadline of 3 >= 0: P = 1 */
	an = au_analyze(g, &o);
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PERT_PROBABILITY), 1, "P");
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

START_TEST(test_zero_durations)
{
	/* a(0) -> b(0) -> c(0), d(0) alone; a and b production.  T = 0,
	 * every time 0, every float 0, all critical.  b and c are driven
	 * by their flows (tight at 0 together with the start bound).
	 * Chains: [a b c], [d].  Effort 0: the effort share is 0 (0/0);
	 * production share 2/4; span 0, so no ratio. */
	opflow_graph *g = au_graph();
	opflow_id a = au_act(g, "a", OPFLOW_CATEGORY_ASSEMBLY, 0);
	opflow_id b = au_act(g, "b", OPFLOW_CATEGORY_ASSEMBLY, 0);
	opflow_id c = au_act(g, "c", OPFLOW_CATEGORY_SALES, 0);
	opflow_id d = au_act(g, "d", OPFLOW_CATEGORY_SALES, 0);
	opflow_id c0[] = { a, b, c }, c1[] = { d };
	struct act_expect zero = { 0, 0, 0, 0, 0, 0, 1, 1 };
	opflow_analysis *an;

	au_flow(g, a, b, OPFLOW_FLOW_FS, 0);
	au_flow(g, b, c, OPFLOW_FLOW_FS, 0);
	an = au_analyze(g, NULL);
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_LEAD_TIME), 0, "T");
	for (opflow_id i = 0; i < 4; i++)
		expect_act(an, i, zero, "zero");
	expect_drive(an, a, OPFLOW_NONE, OPFLOW_NONE, OPFLOW_FLOW_FS, 0, "a");
	expect_drive(an, b, 0, a, OPFLOW_FLOW_FS, 0, "b");
	expect_drive(an, c, 1, b, OPFLOW_FLOW_FS, 0, "c");
	expect_drive(an, d, OPFLOW_NONE, OPFLOW_NONE, OPFLOW_FLOW_FS, 0, "d");
	ck_assert_uint_eq(opflow_analysis_chain_count(an), 2);
	expect_chain(an, 0, c0, 3);
	expect_chain(an, 1, c1, 1);
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_SHARE), 0.5, "share");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_EFFORT_SHARE), 0,
	        "effort share");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_SPAN), 0, "span");
	expect_absent(an, OPFLOW_FIGURE_TIMEFRAME_RATIO);
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

/* ------------------------------------------------------------------ cycles */

/* The cycle details must name exactly the activities keys[0..len) as one
 * loop (any rotation), each joined to the next by a flow, and the
 * message must read "cycle: k0 -> k1 -> ... -> k0".  The details are
 * copied first: any later failing call replaces them. */
static void expect_cycle(const opflow_graph *g, const char *const *keys,
                         size_t len)
{
	char msg[1024] = "cycle: ", got_msg[1024], got_key[16][32];
	opflow_id got_id[16];
	size_t n = opflow_error_cycle_length(), start = len;

	ck_assert_int_eq(opflow_error_code(), OPFLOW_ECYCLE);
	ck_assert_uint_eq(n, len);
	ck_assert_uint_le(n, 16);
	snprintf(got_msg, sizeof got_msg, "%s", opflow_error_message());
	for (size_t i = 0; i < n; i++) {
		const char *k = opflow_error_cycle_key(i);

		ck_assert_ptr_nonnull(k);
		snprintf(got_key[i], sizeof got_key[i], "%s", k);
		got_id[i] = opflow_error_cycle_id(i);
	}
	/* past the end */
	ck_assert_uint_eq(opflow_error_cycle_id(n), OPFLOW_NONE);
	ck_assert_ptr_null(opflow_error_cycle_key(n));

	for (size_t i = 0; i < len; i++)
		if (strcmp(got_key[0], keys[i]) == 0)
			start = i;
	ck_assert_msg(start < len, "cycle starts at %s", got_key[0]);
	for (size_t i = 0; i < n; i++) {
		opflow_id next = got_id[(i + 1) % n], found;
		int joined = 0;

		ck_assert_str_eq(got_key[i], keys[(start + i) % len]);
		ck_assert_int_eq(opflow_graph_find_activity(&found, g, got_key[i]),
		                 0);
		ck_assert_uint_eq(found, got_id[i]);
		/* a flow from this one to the next, of some type */
		for (int t = OPFLOW_FLOW_FS; t <= OPFLOW_FLOW_SF; t++)
			joined |= opflow_graph_find_flow(&found, g, got_id[i], next,
			                                 (opflow_flow_type)t) == 0;
		ck_assert_msg(joined, "no flow %s -> %s", got_key[i],
		              got_key[(i + 1) % n]);
		strcat(msg, got_key[i]);
		strcat(msg, " -> ");
	}
	strcat(msg, got_key[0]);
	ck_assert_str_eq(got_msg, msg);
}

START_TEST(test_cycle_ss_zero)
{
	/* a -SS 0-> b -SS 0-> a: every constraint could hold with
	 * ES(a) = ES(b), but any directed cycle is an error. */
	opflow_graph *g = au_graph();
	opflow_id a = au_act(g, "a", OPFLOW_CATEGORY_ASSEMBLY, 1);
	opflow_id b = au_act(g, "b", OPFLOW_CATEGORY_ASSEMBLY, 1);
	opflow_analysis *an = (opflow_analysis *)&an;
	opflow_analysis *sentinel = an;
	static const char *const keys[] = { "a", "b" };

	au_flow(g, a, b, OPFLOW_FLOW_SS, 0);
	au_flow(g, b, a, OPFLOW_FLOW_SS, 0);
	opflow_error_clear();
	ck_assert_int_eq(opflow_analyze(&an, g, NULL), OPFLOW_ECYCLE);
	ck_assert_ptr_eq(an, sentinel);         /* untouched */
	/* the message names the loop */
	ck_assert(strcmp(opflow_error_message(), "cycle: a -> b -> a") == 0 ||
	          strcmp(opflow_error_message(), "cycle: b -> a -> b") == 0);
	expect_cycle(g, keys, 2);
	/* preparing finds it too, and the graph is unchanged */
	ck_assert_int_eq(opflow_graph_prepare(g), OPFLOW_ECYCLE);
	expect_cycle(g, keys, 2);
	ck_assert_uint_eq(opflow_graph_activity_count(g), 2);
	ck_assert_uint_eq(opflow_graph_flow_count(g), 2);
	/* a successful call does not clear the details; clear does.
	 * (expect_cycle's flow lookups failed on purpose and replaced the
	 * details, so analyse again first.) */
	ck_assert_int_eq(opflow_analyze(&an, g, NULL), OPFLOW_ECYCLE);
	{
		opflow_graph *ok = au_graph();
		opflow_analysis *r;

		au_act(ok, "fine", OPFLOW_CATEGORY_OTHER, 1);
		r = au_analyze(ok, NULL);
		opflow_analysis_free(r);
		opflow_graph_free(ok);
	}
	ck_assert_int_eq(opflow_error_code(), OPFLOW_ECYCLE);
	ck_assert_uint_eq(opflow_error_cycle_length(), 2);
	opflow_error_clear();
	ck_assert_uint_eq(opflow_error_cycle_length(), 0);
	opflow_graph_free(g);
}
END_TEST

START_TEST(test_cycle_in_bigger_graph)
{
	/* n0 -> n1 -> ... -> n9 (FS), plus n7 -FF 2-> n4 closes the loop
	 * n4 -> n5 -> n6 -> n7 -> n4; n8, n9 lie after it, x and y apart,
	 * z before n0.  Activities are added in a scrambled order.  Only the
	 * four on the loop are named, in flow order. */
	static const char *const order[] = { "n9", "x", "n5", "n0", "n7", "y",
	                                     "n2", "n4", "n8", "n1", "z", "n6",
	                                     "n3" };
	static const char *const loop[] = { "n4", "n5", "n6", "n7" };
	opflow_graph *g = au_graph();
	opflow_id id[10], x, y, z, f;
	char key[8];

	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		au_act(g, order[i], OPFLOW_CATEGORY_OTHER, 1);
	for (int i = 0; i < 10; i++) {
		snprintf(key, sizeof key, "n%d", i);
		ck_assert_int_eq(opflow_graph_find_activity(&id[i], g, key), 0);
	}
	ck_assert_int_eq(opflow_graph_find_activity(&x, g, "x"), 0);
	ck_assert_int_eq(opflow_graph_find_activity(&y, g, "y"), 0);
	ck_assert_int_eq(opflow_graph_find_activity(&z, g, "z"), 0);
	au_flow(g, x, y, OPFLOW_FLOW_FS, 0);
	au_flow(g, z, id[0], OPFLOW_FLOW_SS, 0);
	for (int i = 0; i < 9; i++)
		au_flow(g, id[i], id[i + 1], OPFLOW_FLOW_FS, 0);
	f = au_flow(g, id[7], id[4], OPFLOW_FLOW_FF, 2);
	{
		opflow_analysis *an = NULL;

		ck_assert_int_eq(opflow_analyze(&an, g, NULL), OPFLOW_ECYCLE);
		ck_assert_ptr_null(an);
		expect_cycle(g, loop, 4);
		ck_assert_int_eq(opflow_graph_prepare(g), OPFLOW_ECYCLE);
		expect_cycle(g, loop, 4);
		/* without the closing flow the graph analyses: z -SS 0-> n0
		 * starts n0 at 0, so n9 ends at 10 = T */
		ck_assert_int_eq(opflow_graph_remove_flow(g, f), 0);
		an = au_analyze(g, NULL);
		AU_NEAR(au_figure(an, OPFLOW_FIGURE_LEAD_TIME), 10, "T");
		opflow_analysis_free(an);
	}
	opflow_graph_free(g);
}
END_TEST

/* -------------------------------------------------------------- non-finite */

START_TEST(test_non_finite_times)
{
	opflow_graph *g = au_graph();
	opflow_id a = au_act(g, "first-step", OPFLOW_CATEGORY_ASSEMBLY, 1e308);
	opflow_id b = au_act(g, "second-step", OPFLOW_CATEGORY_ASSEMBLY, 1e308);
	opflow_analysis *an = NULL;
	opflow_analysis_options o = deadline_opts(-1e308);
	opflow_graph *h;

	/* EF(second-step) = 1e308 + 1e308 = inf: out of range, named */
	au_flow(g, a, b, OPFLOW_FLOW_FS, 0);
	ck_assert_int_eq(opflow_analyze(&an, g, NULL), OPFLOW_ERANGE);
	ck_assert_ptr_null(an);
	ck_assert_int_eq(opflow_error_code(), OPFLOW_ERANGE);
	ck_assert_msg(strstr(opflow_error_message(), "second-step") != NULL,
	              "message: %s", opflow_error_message());
	opflow_graph_free(g);

	/* a lag can overflow too: a(1e308) -FS +1e308-> b(1) */
	g = au_graph();
	a = au_act(g, "lagged-from", OPFLOW_CATEGORY_ASSEMBLY, 1e308);
	b = au_act(g, "lagged-to", OPFLOW_CATEGORY_ASSEMBLY, 1);
	au_flow(g, a, b, OPFLOW_FLOW_FS, 1e308);
	ck_assert_int_eq(opflow_analyze(&an, g, NULL), OPFLOW_ERANGE);
	ck_assert_ptr_null(an);
	ck_assert_msg(strstr(opflow_error_message(), "lagged-to") != NULL,
	              "message: %s", opflow_error_message());
	opflow_graph_free(g);

	/* the backward pass: deadline -1e308, LS = -1e308 - 1e308 = -inf */
	h = au_graph();
	au_act(h, "huge", OPFLOW_CATEGORY_ASSEMBLY, 1e308);
	ck_assert_int_eq(opflow_analyze(&an, h, &o), OPFLOW_ERANGE);
	ck_assert_ptr_null(an);
	ck_assert_msg(strstr(opflow_error_message(), "huge") != NULL,
	              "message: %s", opflow_error_message());
	/* and 1e308 alone is fine */
	an = au_analyze(h, NULL);
	ck_assert(au_figure(an, OPFLOW_FIGURE_LEAD_TIME) == 1e308);
	opflow_analysis_free(an);
	opflow_graph_free(h);
}
END_TEST

/* Analyses a graph of one activity with the estimate (1e308, 1e308,
 * 1e308) and reads T and the PERT figures; everything is freed before
 * the caller asserts, so a failure leaks nothing. */
static int analyse_large_estimate(int duration_mode, double *T,
                                  double *pert_T, double *sigma, char *msg,
                                  size_t cap)
{
	opflow_graph *g = au_graph();
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_analysis *an = NULL;
	int rc;

	add_estimated(g, "big", 0, 0, 1e308, 1e308, 1e308);
	o.duration_mode = duration_mode;
	rc = opflow_analyze(&an, g, &o);
	snprintf(msg, cap, "%s", rc ? opflow_error_message() : "");
	if (rc == 0) {
		opflow_analysis_figure(T, an, OPFLOW_FIGURE_LEAD_TIME);
		opflow_analysis_figure(pert_T, an, OPFLOW_FIGURE_PERT_LEAD_TIME);
		opflow_analysis_figure(sigma, an, OPFLOW_FIGURE_PERT_STDDEV);
	}
	opflow_analysis_free(an);
	opflow_graph_free(g);
	return rc;
}

START_TEST(test_pert_large_means)
{
	/* An estimate (1e308, 1e308, 1e308) has the finite mean
	 * (o + 4m + p) / 6 = 1e308 and variance 0: in PERT mode the lead
	 * time is 1e308, a finite time, so the analysis must succeed
	 * (DESIGN: only a computed time that is not finite is out of
	 * range; computing 4 * 1e308 first overflows to infinity). */
	double T = 0, pert_T = 0, sigma = -1;
	char msg[512];
	int rc = analyse_large_estimate(OPFLOW_DURATIONS_PERT, &T, &pert_T,
	                                &sigma, msg, sizeof msg);

	ck_assert_msg(rc == 0, "PERT mode: %d %s", rc, msg);
	ck_assert(T == 1e308);
	ck_assert(pert_T == 1e308);
	ck_assert(sigma == 0);
}
END_TEST

START_TEST(test_pert_large_means_deterministic)
{
	/* The same estimate in the deterministic mode: the duration is the
	 * most likely value, 1e308, so T = 1e308; the PERT figures, on the
	 * mean 1e308, are finite too. */
	double T = 0, pert_T = 0, sigma = -1;
	char msg[512];
	int rc = analyse_large_estimate(OPFLOW_DURATIONS_DETERMINISTIC, &T,
	                                &pert_T, &sigma, msg, sizeof msg);

	ck_assert_msg(rc == 0, "deterministic: %d %s", rc, msg);
	ck_assert(T == 1e308);
	ck_assert(pert_T == 1e308);
	ck_assert(sigma == 0);
}
END_TEST

START_TEST(test_pert_large_variance)
{
	/* The estimate (0, 0, 1e200): mean 1e200 / 6, standard deviation
	 * (1e200 - 0) / 6, both finite, though the variance (1e200/6)^2 is
	 * not representable.  With a deadline of 1e199: z = (1e199 -
	 * 1e200/6) / (1e200/6) = 0.6 - 1 = -0.4, P = Phi(-0.4).  sigma
	 * must be the finite 1e200 / 6, not infinity. */
	opflow_graph *g = au_graph();
	opflow_analysis_options o = deadline_opts(1e199);
	opflow_analysis *an;
	double m = 1e200 / 6, pert_T = 0, sigma = 0, p = 0;

	add_estimated(g, "wide", 0, 0, 0, 0, 1e200);
	an = au_analyze(g, &o);
	opflow_analysis_figure(&pert_T, an, OPFLOW_FIGURE_PERT_LEAD_TIME);
	opflow_analysis_figure(&sigma, an, OPFLOW_FIGURE_PERT_STDDEV);
	opflow_analysis_figure(&p, an, OPFLOW_FIGURE_PERT_PROBABILITY);
	opflow_analysis_free(an);
	opflow_graph_free(g);
	AU_NEAR(pert_T, m, "pert_lead_time");
	AU_NEAR(sigma, m, "pert_stddev");
	AU_NEAR(p, phi((1e199 - m) / m), "pert_probability");
}
END_TEST

/* ----------------------------------------------------------- invalid input */

START_TEST(test_invalid_options)
{
	opflow_graph *g = au_graph();
	opflow_analysis *sentinel = (opflow_analysis *)&sentinel;
	opflow_analysis_options o, init = OPFLOW_ANALYSIS_OPTIONS_INIT;

	au_act(g, "a", OPFLOW_CATEGORY_ASSEMBLY, 1);
	for (int i = 0; i < 14; i++) {
		opflow_analysis *an = sentinel;
		int rc;

		o = init;
		switch (i) {
		case 0: o.version = 0; break;
		case 1: o.version = OPFLOW_ANALYSIS_OPTIONS_VERSION + 1; break;
		case 2: o.duration_mode = 2; break;
		case 3: o.duration_mode = -1; break;
		case 4: o.has_deadline = 1; o.deadline = NAN; break;
		case 5: o.has_deadline = 1; o.deadline = INFINITY; break;
		case 6: o.has_deadline = 1; o.deadline = -INFINITY; break;
		case 7: o.has_tolerance = 1; o.tolerance = -1e-12; break;
		case 8: o.has_tolerance = 1; o.tolerance = NAN; break;
		case 9: o.has_tolerance = 1; o.tolerance = INFINITY; break;
		case 10: o.near_critical = -1; break;
		case 11: o.near_critical = NAN; break;
		case 12: o.near_critical = INFINITY; break;
		default: o.version = 1000; break;
		}
		rc = opflow_analyze(&an, g, &o);
		ck_assert_msg(rc == OPFLOW_EINVAL, "case %d: %d", i, rc);
		ck_assert_msg(an == sentinel, "case %d wrote the result", i);
		ck_assert_int_eq(opflow_error_code(), OPFLOW_EINVAL);
		ck_assert_msg(opflow_error_message()[0] != '\0', "case %d", i);
	}
	/* a deadline value without the flag is no deadline, even NaN */
	o = init;
	o.deadline = NAN;
	{
		opflow_analysis *an = au_analyze(g, &o);

		expect_absent(an, OPFLOW_FIGURE_PERT_PROBABILITY);
		opflow_analysis_free(an);
	}
	/* options_init */
	ck_assert_int_eq(opflow_analysis_options_init(&o, 0), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_options_init(&o,
	                 OPFLOW_ANALYSIS_OPTIONS_VERSION + 1), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_options_init(NULL,
	                 OPFLOW_ANALYSIS_OPTIONS_VERSION), OPFLOW_EINVAL);
	memset(&o, 0x5A, sizeof o);
	ck_assert_int_eq(opflow_analysis_options_init(&o,
	                 OPFLOW_ANALYSIS_OPTIONS_VERSION), 0);
	ck_assert_uint_eq(o.version, OPFLOW_ANALYSIS_OPTIONS_VERSION);
	ck_assert_int_eq(o.duration_mode, OPFLOW_DURATIONS_DETERMINISTIC);
	ck_assert_int_eq(o.has_deadline, 0);
	ck_assert_int_eq(o.has_tolerance, 0);
	ck_assert(o.near_critical == 0);
	opflow_graph_free(g);
}
END_TEST

static int count_path(const opflow_id *ids, size_t length, void *payload)
{
	(void)ids;
	(void)length;
	++*(size_t *)payload;
	return 0;
}

START_TEST(test_null_arguments)
{
	opflow_graph *g = au_graph();
	opflow_analysis *an;
	const char *s;
	double v;
	size_t n;
	opflow_stage st;

	au_act(g, "a", OPFLOW_CATEGORY_ASSEMBLY, 1);
	ck_assert_int_eq(opflow_analyze(NULL, g, NULL), OPFLOW_EINVAL);
	an = (opflow_analysis *)&an;
	ck_assert_int_eq(opflow_analyze(&an, NULL, NULL), OPFLOW_EINVAL);
	ck_assert_ptr_eq(an, (opflow_analysis *)&an);
	an = au_analyze(g, NULL);

	/* a NULL result */
	ck_assert_uint_eq(opflow_analysis_activity_count(NULL), 0);
	ck_assert_uint_eq(opflow_analysis_chain_count(NULL), 0);
	ck_assert_uint_eq(opflow_analysis_department_count(NULL), 0);
	ck_assert_uint_eq(opflow_analysis_handoff_count(NULL), 0);
	ck_assert_int_eq(opflow_analysis_activity_key(&s, NULL, 0), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_duration(&v, NULL, 0), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_schedule(&v, NULL, NULL, NULL, NULL, 0),
	                 OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_floats(&v, NULL, NULL, 0), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_criticality(NULL, NULL, NULL, 0),
	                 OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_stage(&st, NULL, 0), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_driving_flow(NULL, NULL, NULL, NULL,
	                                              NULL, 0), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_figure(&v, NULL,
	                 OPFLOW_FIGURE_LEAD_TIME), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_chain(&n, NULL, 0, NULL, 0),
	                 OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_critical_paths(&n, NULL, NULL, 1,
	                 count_path, &n), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_department_key(&s, NULL, 0),
	                 OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_critical_time_by_department(&v, NULL,
	                 OPFLOW_NONE), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_critical_time_by_kind(&v, NULL,
	                 OPFLOW_KIND_PRODUCTION), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_handoff(NULL, NULL, NULL, NULL, 0),
	                 OPFLOW_EINVAL);
	opflow_analysis_free(NULL);

	/* NULL outputs where one is required */
	ck_assert_int_eq(opflow_analysis_activity_key(NULL, an, 0), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_duration(NULL, an, 0), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_stage(NULL, an, 0), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_figure(NULL, an,
	                 OPFLOW_FIGURE_LEAD_TIME), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_chain(NULL, NULL, 0, an, 0),
	                 OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_chain(&n, NULL, 4, an, 0), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_critical_paths(NULL, NULL, an, 1,
	                 count_path, &n), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_critical_paths(&n, NULL, an, 1, NULL,
	                 NULL), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_department_key(NULL, an, 0),
	                 OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_critical_time_by_department(NULL, an,
	                 OPFLOW_NONE), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_critical_time_by_kind(NULL, an,
	                 OPFLOW_KIND_PRODUCTION), OPFLOW_EINVAL);
	/* optional outputs may all be NULL */
	ck_assert_int_eq(opflow_analysis_schedule(NULL, NULL, NULL, NULL, an, 0),
	                 0);
	ck_assert_int_eq(opflow_analysis_floats(NULL, NULL, an, 0), 0);
	ck_assert_int_eq(opflow_analysis_criticality(NULL, NULL, an, 0), 0);
	ck_assert_int_eq(opflow_analysis_driving_flow(NULL, NULL, NULL, NULL, an,
	                                              0), 0);
	/* unknown enumeration values */
	ck_assert_int_eq(opflow_analysis_figure(&v, an, (opflow_figure)-1),
	                 OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_figure(&v, an, (opflow_figure)AU_FIGURES),
	                 OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_critical_time_by_kind(&v, an,
	                 (opflow_kind)2), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_critical_time_by_kind(&v, an,
	                 (opflow_kind)-1), OPFLOW_EINVAL);
	/* and the graph side of analysis */
	ck_assert_int_eq(opflow_graph_prepare(NULL), OPFLOW_EINVAL);
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

START_TEST(test_unknown_ids)
{
	opflow_graph *g = au_graph();
	opflow_analysis *an;
	static const opflow_id bad[] = { 2, 3, 1000, OPFLOW_NONE };

	au_act_ext(g, "a", OPFLOW_CATEGORY_ASSEMBLY, OPFLOW_FROM_CATEGORY, 1,
	           "plant");
	au_act(g, "b", OPFLOW_CATEGORY_ASSEMBLY, 1);
	an = au_analyze(g, NULL);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		opflow_id id = bad[i], f = 77;
		const char *s = "untouched";
		double v = 77;
		int crit = 77;
		opflow_stage st = (opflow_stage)77;

		ck_assert_int_eq(opflow_analysis_activity_key(&s, an, id),
		                 OPFLOW_ENOTFOUND);
		ck_assert_str_eq(s, "untouched");
		ck_assert_int_eq(opflow_analysis_duration(&v, an, id),
		                 OPFLOW_ENOTFOUND);
		ck_assert_int_eq(opflow_analysis_schedule(&v, &v, &v, &v, an, id),
		                 OPFLOW_ENOTFOUND);
		ck_assert_int_eq(opflow_analysis_floats(&v, &v, an, id),
		                 OPFLOW_ENOTFOUND);
		ck_assert(v == 77);
		ck_assert_int_eq(opflow_analysis_criticality(&crit, &crit, an, id),
		                 OPFLOW_ENOTFOUND);
		ck_assert_int_eq(crit, 77);
		ck_assert_int_eq(opflow_analysis_stage(&st, an, id),
		                 OPFLOW_ENOTFOUND);
		ck_assert_int_eq(st, 77);
		ck_assert_int_eq(opflow_analysis_driving_flow(&f, &f, NULL, &v, an,
		                                              id), OPFLOW_ENOTFOUND);
		ck_assert_uint_eq(f, 77);
		ck_assert_int_eq(opflow_error_code(), OPFLOW_ENOTFOUND);
	}
	/* departments: 0 is "plant"; 1 is unknown; OPFLOW_NONE is the
	 * "no department" row for critical time only */
	{
		const char *s;
		double v;

		ck_assert_int_eq(opflow_analysis_department_key(&s, an, 1),
		                 OPFLOW_ENOTFOUND);
		ck_assert_int_eq(opflow_analysis_department_key(&s, an,
		                 OPFLOW_NONE), OPFLOW_ENOTFOUND);
		ck_assert_int_eq(opflow_analysis_critical_time_by_department(&v, an,
		                 1), OPFLOW_ENOTFOUND);
		ck_assert_int_eq(opflow_analysis_critical_time_by_department(&v, an,
		                 OPFLOW_NONE), 0);
		AU_NEAR(v, 1, "critical time of b (no department)");
	}
	/* chains and handoffs past the end */
	{
		size_t len;

		ck_assert_uint_eq(opflow_analysis_chain_count(an), 2);
		ck_assert_int_eq(opflow_analysis_chain(&len, NULL, 0, an, 2),
		                 OPFLOW_ENOTFOUND);
		ck_assert_int_eq(opflow_analysis_chain(&len, NULL, 0, an,
		                                       (size_t)-1), OPFLOW_ENOTFOUND);
		ck_assert_int_eq(opflow_analysis_handoff(NULL, NULL, NULL, an, 0),
		                 OPFLOW_ENOTFOUND);
	}
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

/* ---------------------------------------------------- result independence */

START_TEST(test_result_outlives_graph)
{
	struct scope_ids x;
	opflow_graph *g = scope_graph(&x);
	opflow_analysis_options o = deadline_opts(25);
	opflow_analysis *an = au_analyze(g, &o);
	struct au_snapshot before, after;
	const char *diff;
	char why[160];
	opflow_id f;

	ck_assert_int_eq(au_snapshot_take(&before, an), 0);
	/* spot checks that the snapshot says what it should */
	ck_assert_uint_eq(before.n, 9);
	ck_assert_str_eq(before.act[x.check].key, "check");
	ck_assert_str_eq(before.department_key[5], "log");

	/* change everything the result came from */
	ck_assert_int_eq(opflow_graph_set_activity_duration(g, x.make, 50), 0);
	ck_assert_int_eq(opflow_graph_set_activity_kind(g, x.sell,
	                 OPFLOW_KIND_PRODUCTION), 0);
	ck_assert_int_eq(opflow_graph_set_activity_department(g, x.ship, "new"),
	                 0);
	ck_assert_int_eq(opflow_graph_add_flow(&f, g, x.help, x.pack,
	                 OPFLOW_FLOW_FS, 0), 0);
	ck_assert_int_eq(opflow_graph_remove_activity(g, x.research), 0);
	ck_assert_int_eq(opflow_graph_remove_department(g, 0), 0);
	{
		opflow_id extra;
		char key[16];

		/* enough new keys to move the key storage */
		for (int i = 0; i < 200; i++) {
			snprintf(key, sizeof key, "extra%d", i);
			ck_assert_int_eq(opflow_graph_add_activity(&extra, g, key,
			                 OPFLOW_CATEGORY_OTHER), 0);
		}
	}
	ck_assert_int_eq(au_snapshot_take(&after, an), 0);
	diff = au_snapshot_diff(&before, &after, why, sizeof why);
	ck_assert_msg(diff == NULL, "after changing the graph: %s", diff);
	au_snapshot_free(&after);

	opflow_graph_free(g);
	ck_assert_int_eq(au_snapshot_take(&after, an), 0);
	diff = au_snapshot_diff(&before, &after, why, sizeof why);
	ck_assert_msg(diff == NULL, "after freeing the graph: %s", diff);
	au_snapshot_free(&after);
	au_snapshot_free(&before);
	opflow_analysis_free(an);
}
END_TEST

START_TEST(test_analysis_keeps_graph)
{
	/* An analysis never writes to its graph: a clone taken before is
	 * still equal after. */
	struct scope_ids x;
	opflow_graph *g = scope_graph(&x), *copy = NULL;
	opflow_analysis *an;

	ck_assert_int_eq(opflow_graph_clone(&copy, g), 0);
	an = au_analyze(g, NULL);
	ck_assert_int_eq(opflow_graph_equal(g, copy), 1);
	opflow_analysis_free(an);
	opflow_graph_free(copy);
	opflow_graph_free(g);
}
END_TEST

/* A graph whose ids are not in topological order: the scope graph's
 * activities added in reverse, its flows in reverse. */
static opflow_graph *reversed_graph(void)
{
	struct scope_ids x;
	opflow_graph *src = scope_graph(&x), *g = au_graph();
	size_t n = opflow_graph_activity_count(src);
	size_t m = opflow_graph_flow_count(src);

	for (size_t i = n; i-- > 0;) {
		const char *key, *dkey = NULL;
		opflow_category cat;
		opflow_kind kind;
		opflow_id dept;
		double dur;
		int cf;

		ck_assert_int_eq(opflow_graph_activity_key(&key, src,
		                                           (opflow_id)i), 0);
		ck_assert_int_eq(opflow_graph_activity_category(&cat, src,
		                                                (opflow_id)i), 0);
		ck_assert_int_eq(opflow_graph_activity_kind(&kind, src,
		                                            (opflow_id)i), 0);
		ck_assert_int_eq(opflow_graph_activity_duration(&dur, NULL, src,
		                                                (opflow_id)i), 0);
		ck_assert_int_eq(opflow_graph_activity_department(&dept, src,
		                                                  (opflow_id)i), 0);
		ck_assert_int_eq(opflow_graph_activity_customer_facing(&cf, src,
		                 (opflow_id)i), 0);
		if (dept != OPFLOW_NONE)
			ck_assert_int_eq(opflow_graph_department_key(&dkey, src,
			                                             dept), 0);
		{
			opflow_id id = au_act_ext(g, key, cat, (int)kind, dur, dkey);

			ck_assert_int_eq(opflow_graph_set_activity_customer_facing(
				g, id, cf), 0);
		}
	}
	for (size_t f = m; f-- > 0;) {
		opflow_id s, t;
		opflow_flow_type type;
		double lag;

		ck_assert_int_eq(opflow_graph_flow(&s, &t, &type, &lag, src,
		                                   (opflow_id)f), 0);
		au_flow(g, (opflow_id)(n - 1 - s), (opflow_id)(n - 1 - t), type,
		        lag);
	}
	opflow_graph_free(src);
	return g;
}

static void expect_same_prepared(opflow_graph *g,
                                 const opflow_analysis_options *o)
{
	opflow_analysis *an;
	struct au_snapshot plain, prepared;
	const char *diff;
	char why[160];

	an = au_analyze(g, o);
	ck_assert_int_eq(au_snapshot_take(&plain, an), 0);
	opflow_analysis_free(an);
	ck_assert_int_eq(opflow_graph_prepare(g), 0);
	ck_assert_int_eq(opflow_graph_prepare(g), 0);   /* twice is fine */
	an = au_analyze(g, o);
	ck_assert_int_eq(au_snapshot_take(&prepared, an), 0);
	opflow_analysis_free(an);
	diff = au_snapshot_diff(&plain, &prepared, why, sizeof why);
	ck_assert_msg(diff == NULL, "prepared and unprepared differ: %s", diff);
	au_snapshot_free(&plain);
	au_snapshot_free(&prepared);
}

START_TEST(test_prepared_identical)
{
	struct scope_ids x;
	opflow_graph *g = scope_graph(&x), *r = reversed_graph(), *p;
	opflow_analysis_options o = deadline_opts(21);
	opflow_analysis *an;
	double t;

	/* ids in topological order */
	expect_same_prepared(g, NULL);
	opflow_graph_free(g);
	/* ids in reverse topological order, with a deadline */
	expect_same_prepared(r, &o);
	/* the reversed graph has the same schedule: T = 23 */
	an = au_analyze(r, NULL);
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_LEAD_TIME), 23, "T reversed");
	AU_NEAR(au_figure(an, OPFLOW_FIGURE_PRODUCTION_SPAN), 9, "span");
	opflow_analysis_free(an);
	opflow_graph_free(r);

	/* a change after prepare drops the layout: the next analysis sees
	 * the change */
	p = paths_graph();
	ck_assert_int_eq(opflow_graph_prepare(p), 0);
	ck_assert_int_eq(opflow_graph_set_activity_duration(p, 0, 11), 0);
	an = au_analyze(p, NULL);
	t = au_figure(an, OPFLOW_FIGURE_LEAD_TIME);
	AU_NEAR(t, 14, "T after a change");     /* t now 3-14 */
	opflow_analysis_free(an);
	expect_same_prepared(p, NULL);
	opflow_graph_free(p);
}
END_TEST

static double lead_time_of(const opflow_graph *g)
{
	opflow_analysis *an = au_analyze(g, NULL);
	double t = au_figure(an, OPFLOW_FIGURE_LEAD_TIME);

	opflow_analysis_free(an);
	return t;
}

START_TEST(test_prepared_then_changed)
{
	/* The paths graph (T = 4; f6 is s -SS 0-> x), prepared before each
	 * change; every change must show in the next analysis.
	 * 1. lag of f6 to 2: x 2-5, t 5-6, T = 6;
	 * 2. f6 removed: x back at 0, T = 4;
	 * 3. z(5) added after t: T = 4 + 5 = 9;
	 * 4. w removed: T = 9 (w was one of several critical branches);
	 * 5. z's duration to 1: T = 5;
	 * 6. a clone of the prepared graph analyses alike, also after the
	 *    original is freed. */
	opflow_graph *g = paths_graph(), *c = NULL;
	opflow_id t, w, z;

	ck_assert_int_eq(opflow_graph_find_activity(&t, g, "t"), 0);
	ck_assert_int_eq(opflow_graph_prepare(g), 0);
	ck_assert_int_eq(opflow_graph_set_flow_lag(g, 6, 2), 0);
	AU_NEAR(lead_time_of(g), 6, "after the lag");
	ck_assert_int_eq(opflow_graph_prepare(g), 0);
	AU_NEAR(lead_time_of(g), 6, "after the lag, prepared");
	ck_assert_int_eq(opflow_graph_remove_flow(g, 6), 0);
	AU_NEAR(lead_time_of(g), 4, "after removing the flow");
	ck_assert_int_eq(opflow_graph_prepare(g), 0);
	z = au_act(g, "z", OPFLOW_CATEGORY_OTHER, 5);
	au_flow(g, t, z, OPFLOW_FLOW_FS, 0);
	AU_NEAR(lead_time_of(g), 9, "after adding z");
	ck_assert_int_eq(opflow_graph_prepare(g), 0);
	ck_assert_int_eq(opflow_graph_find_activity(&w, g, "w"), 0);
	ck_assert_int_eq(opflow_graph_remove_activity(g, w), 0);
	AU_NEAR(lead_time_of(g), 9, "after removing w");
	ck_assert_int_eq(opflow_graph_prepare(g), 0);
	ck_assert_int_eq(opflow_graph_find_activity(&z, g, "z"), 0);
	ck_assert_int_eq(opflow_graph_set_activity_duration(g, z, 1), 0);
	AU_NEAR(lead_time_of(g), 5, "after z's duration");
	ck_assert_int_eq(opflow_graph_prepare(g), 0);
	ck_assert_int_eq(opflow_graph_clone(&c, g), 0);
	AU_NEAR(lead_time_of(c), 5, "the clone");
	opflow_graph_free(g);
	AU_NEAR(lead_time_of(c), 5, "the clone, original freed");
	ck_assert_int_eq(opflow_graph_prepare(c), 0);
	AU_NEAR(lead_time_of(c), 5, "the clone, prepared");
	opflow_graph_free(c);

	/* A changed lag is written into the kept layout, into the entries of
	 * that flow only: a(1) -FS 0-> b(1) and a -SS 0-> b in parallel;
	 * by hand ES(b) = max(EF(a) + 0, ES(a) + 0) = 1, T = 2; the SS lag
	 * to 10: ES(b) = 10, T = 11; then the FS lag to 20: ES(b) = 21,
	 * T = 22; each seen by an analysis that reuses the layout. */
	{
		opflow_graph *p = au_graph();
		opflow_id a = au_act(p, "a", OPFLOW_CATEGORY_OTHER, 1);
		opflow_id b = au_act(p, "b", OPFLOW_CATEGORY_OTHER, 1);
		opflow_id fs = au_flow(p, a, b, OPFLOW_FLOW_FS, 0);
		opflow_id ss = au_flow(p, a, b, OPFLOW_FLOW_SS, 0);

		AU_NEAR(lead_time_of(p), 2, "parallel flows");
		ck_assert_int_eq(opflow_graph_set_flow_lag(p, ss, 10), 0);
		AU_NEAR(lead_time_of(p), 11, "the SS lag to 10");
		ck_assert_int_eq(opflow_graph_set_flow_lag(p, fs, 20), 0);
		AU_NEAR(lead_time_of(p), 22, "the FS lag to 20");
		opflow_graph_free(p);
	}
}
END_TEST

/*
 * The column accessor and the effective options.  Network: a(4) -FS->
 * b(2), a -SS+1-> c(6), with a deadline of 10.  By hand: ES a=0, b=4,
 * c=1; EF 4, 6, 7; T = 7.  H = 10: LF b=10, c=10; a: FS LF<=LS(b)=8, SS
 * LS(a)<=LS(c)-1=3 so LF<=7: LF a=7.  LS 3, 8, 4; TF 3, 4, 3 (min 3: a
 * and c critical; b, TF 4 > 3 + 0.5, is not near-critical either).
 * FF: a min(ES b-EF a=0, ES c-1-ES a=0)=0; b 10-6=4; c 10-7=3.  Stages:
 * all production.
 */
START_TEST(test_columns_and_options)
{
	static const double want[10][3] = {
		{ 4, 2, 6 }, { 0, 4, 1 }, { 4, 6, 7 }, { 3, 8, 4 }, { 7, 10, 10 },
		{ 3, 4, 3 }, { 0, 4, 3 }, { 1, 0, 1 }, { 1, 0, 1 }, { 0, 0, 0 },
	};
	opflow_graph *g = au_graph();
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_analysis_options got = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_analysis *a;
	opflow_id x = au_act(g, "a", OPFLOW_CATEGORY_MANUFACTURING, 4);
	opflow_id y = au_act(g, "b", OPFLOW_CATEGORY_MANUFACTURING, 2);
	opflow_id z = au_act(g, "c", OPFLOW_CATEGORY_MANUFACTURING, 6);
	double col[3], big[5];

	au_flow(g, x, y, OPFLOW_FLOW_FS, 0);
	au_flow(g, x, z, OPFLOW_FLOW_SS, 1);
	o.has_deadline = 1;
	o.deadline = 10;
	o.near_critical = 0.5;
	a = au_analyze(g, &o);
	for (int c = 0; c <= OPFLOW_COLUMN_STAGE; c++) {
		ck_assert_int_eq(opflow_analysis_column(col, 3, a,
		                                        (opflow_column)c), 0);
		for (int i = 0; i < 3; i++)
			ck_assert_msg(col[i] == want[c][i], "column %d row %d: %g, "
			              "not %g", c, i, col[i], want[c][i]);
	}
	/* a short buffer gets the first values; a long one the activities */
	col[1] = -1;
	ck_assert_int_eq(opflow_analysis_column(col, 1, a, OPFLOW_COLUMN_ES), 0);
	ck_assert(col[0] == 0 && col[1] == -1);
	big[3] = -7;
	ck_assert_int_eq(opflow_analysis_column(big, 5, a, OPFLOW_COLUMN_LF), 0);
	ck_assert(big[2] == 10 && big[3] == -7);
	ck_assert_int_eq(opflow_analysis_column(NULL, 0, a, OPFLOW_COLUMN_ES), 0);
	ck_assert_int_eq(opflow_analysis_column(NULL, 3, a, OPFLOW_COLUMN_ES),
	                 OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_column(col, 3, NULL, OPFLOW_COLUMN_ES),
	                 OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_column(col, 3, a, (opflow_column)17),
	                 OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_column(col, 3, a, (opflow_column)-1),
	                 OPFLOW_EINVAL);

	/* the options as in effect: the default tolerance 1e-9 * max(1, 7) */
	ck_assert_int_eq(opflow_analysis_get_options(&got, a), 0);
	ck_assert_uint_eq(got.version, OPFLOW_ANALYSIS_OPTIONS_VERSION);
	ck_assert_int_eq(got.duration_mode, OPFLOW_DURATIONS_DETERMINISTIC);
	ck_assert(got.has_deadline == 1 && got.deadline == 10);
	ck_assert(got.has_tolerance == 1 && got.tolerance == 1e-9 * 7);
	ck_assert(got.near_critical == 0.5);
	ck_assert_int_eq(opflow_analysis_get_options(NULL, a), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_get_options(&got, NULL), OPFLOW_EINVAL);
	/* the caller's version says how much may be written */
	got.version = 0;
	ck_assert_int_eq(opflow_analysis_get_options(&got, a), OPFLOW_EINVAL);
	got.version = OPFLOW_ANALYSIS_OPTIONS_VERSION + 1;
	ck_assert_int_eq(opflow_analysis_get_options(&got, a), OPFLOW_EINVAL);
	opflow_analysis_free(a);

	/* a given tolerance is the one reported; no deadline: 0 */
	o.has_deadline = 0;
	o.has_tolerance = 1;
	o.tolerance = 0.25;
	o.duration_mode = OPFLOW_DURATIONS_PERT;
	a = au_analyze(g, &o);
	got.version = OPFLOW_ANALYSIS_OPTIONS_VERSION;
	ck_assert_int_eq(opflow_analysis_get_options(&got, a), 0);
	ck_assert(got.has_deadline == 0 && got.deadline == 0);
	ck_assert(got.has_tolerance == 1 && got.tolerance == 0.25);
	ck_assert_int_eq(got.duration_mode, OPFLOW_DURATIONS_PERT);
	opflow_analysis_free(a);
	opflow_graph_free(g);
}
END_TEST

/* Finite durations whose sums are not: effort overflows (1e308 + 1e308),
 * and so would the timeframe ratio T / span = 1e308 / 5e-324.  Such a
 * figure is an out-of-range error, named, as a time would be. */
START_TEST(test_figures_not_finite)
{
	opflow_graph *g = au_graph();
	opflow_analysis *a = NULL;

	au_act(g, "big", OPFLOW_CATEGORY_OTHER, 1e308);
	au_act(g, "bigger", OPFLOW_CATEGORY_OTHER, 1e308);
	au_act(g, "tiny", OPFLOW_CATEGORY_MANUFACTURING, 0x1p-1074);
	ck_assert_int_eq(opflow_analyze(&a, g, NULL), OPFLOW_ERANGE);
	ck_assert_ptr_null(a);
	ck_assert_msg(strstr(opflow_error_message(), "effort"), "%s",
	              opflow_error_message());
	opflow_graph_free(g);

	g = au_graph();
	au_act(g, "big", OPFLOW_CATEGORY_OTHER, 1e308);
	au_act(g, "tiny", OPFLOW_CATEGORY_MANUFACTURING, 0x1p-1074);
	ck_assert_int_eq(opflow_analyze(&a, g, NULL), OPFLOW_ERANGE);
	ck_assert_msg(strstr(opflow_error_message(), "timeframe_ratio"), "%s",
	              opflow_error_message());
	opflow_graph_free(g);
}
END_TEST

/* ------------------------------------------------------------------ suite */

int main(void)
{
	Suite *s = suite_create("analysis");
	TCase *tc;

	tc = tcase_create("passes");
	tcase_add_loop_test(tc, test_flow_types, 0,
	                    (int)(sizeof type_cases / sizeof type_cases[0]));
	tcase_add_test(tc, test_start_bound_inside_pass);
	tcase_add_test(tc, test_horizon_bound_inside_pass);
	tcase_add_test(tc, test_no_deadline);
	tcase_add_test(tc, test_deadline_later);
	tcase_add_test(tc, test_deadline_equal);
	tcase_add_test(tc, test_deadline_earlier);
	tcase_add_test(tc, test_deadline_zero);
	tcase_add_test(tc, test_deadline_negative);
	tcase_add_test(tc, test_deadline_flag_off_ignores_value);
	tcase_add_test(tc, test_free_vs_total_float);
	tcase_add_test(tc, test_tolerance_default_large);
	tcase_add_test(tc, test_tolerance_default_small);
	tcase_add_test(tc, test_tolerance_default_deadline);
	tcase_add_test(tc, test_tolerance_driving_flow);
	tcase_add_test(tc, test_near_critical);
	suite_add_tcase(s, tc);

	tc = tcase_create("critical");
	tcase_add_test(tc, test_driving_parallel_flows);
	tcase_add_test(tc, test_driving_first_added);
	tcase_add_test(tc, test_driving_start_bound_only);
	tcase_add_test(tc, test_chains_branching);
	tcase_add_test(tc, test_chains_vs_paths);
	tcase_add_test(tc, test_critical_paths_order);
	tcase_add_test(tc, test_critical_paths_stop);
	tcase_add_test(tc, test_critical_paths_ladder);
	suite_add_tcase(s, tc);

	tc = tcase_create("figures");
	tcase_add_test(tc, test_stages);
	tcase_add_test(tc, test_scope_figures);
	tcase_add_test(tc, test_handoff_matrix_many_departments);
	tcase_add_test(tc, test_scope_current_activities);
	tcase_add_test(tc, test_timeframe_figures);
	tcase_add_test(tc, test_timeframe_with_deadline);
	tcase_add_test(tc, test_critical_time_overlap);
	tcase_add_test(tc, test_production_span_alone);
	tcase_add_test(tc, test_absent_figures);
	tcase_add_test(tc, test_pert_series);
	tcase_add_test(tc, test_pert_parallel_paths);
	tcase_add_test(tc, test_pert_mode);
	tcase_add_test(tc, test_pert_sigma_zero);
	suite_add_tcase(s, tc);

	tc = tcase_create("edges");
	tcase_add_test(tc, test_empty_graph);
	tcase_add_test(tc, test_zero_durations);
	tcase_add_test(tc, test_cycle_ss_zero);
	tcase_add_test(tc, test_cycle_in_bigger_graph);
	tcase_add_test(tc, test_non_finite_times);
	tcase_add_test(tc, test_pert_large_means);
	tcase_add_test(tc, test_pert_large_means_deterministic);
	tcase_add_test(tc, test_pert_large_variance);
	tcase_add_test(tc, test_invalid_options);
	tcase_add_test(tc, test_null_arguments);
	tcase_add_test(tc, test_unknown_ids);
	tcase_add_test(tc, test_result_outlives_graph);
	tcase_add_test(tc, test_analysis_keeps_graph);
	tcase_add_test(tc, test_prepared_identical);
	tcase_add_test(tc, test_prepared_then_changed);
	tcase_add_test(tc, test_columns_and_options);
	tcase_add_test(tc, test_figures_not_finite);
	suite_add_tcase(s, tc);
	return au_run(s);
}
