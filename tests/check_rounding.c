/*
 * check_rounding.c - the rounding of floats (DESIGN, "Rounding"): times
 * are sums of doubles, so a float that should be 0 can come out a few
 * ulps off, and a deadline far from the lead time drowns the digits that
 * tell critical from not.  The rules checked here:
 *  - with the horizon at the lead time, no float is negative and no free
 *    float exceeds its total float; floats that are 0 are exactly 0;
 *  - a deadline shifts every late time and total float by exactly H - T
 *    and never changes the critical set;
 *  - a caller's tolerance of 0 still gets the exact floats.
 * Expected values are the invariants above, the shift H - T computed here,
 * and graphs whose critical set is known by construction.
 */
#include "analysis_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static opflow_analysis_options deadline_opts(double h)
{
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;

	o.has_deadline = 1;
	o.deadline = h;
	return o;
}

static opflow_graph *load_example(const char *name)
{
	char path[4096];
	opflow_graph *g = NULL;

	snprintf(path, sizeof path, "%s/examples/%s", au_srcdir(), name);
	ck_assert_msg(opflow_graph_load_path(&g, path) == 0, "%s: %s", path,
	              opflow_error_message());
	return g;
}

/* With H = T: 0 <= FF <= TF for every activity, and the least total
 * float is exactly 0 (some activity ends the lead time). */
static void check_no_negative(const opflow_analysis *an, const char *what)
{
	size_t n = opflow_analysis_activity_count(an);
	double least = INFINITY;

	for (size_t i = 0; i < n; i++) {
		double tf, ff;

		ck_assert_int_eq(opflow_analysis_floats(&tf, &ff, an,
		                                        (opflow_id)i), 0);
		ck_assert_msg(tf >= 0, "%s: activity %zu: total float %.17g < 0",
		              what, i, tf);
		ck_assert_msg(ff >= 0, "%s: activity %zu: free float %.17g < 0",
		              what, i, ff);
		ck_assert_msg(ff <= tf, "%s: activity %zu: free float %.17g > "
		              "total float %.17g", what, i, ff, tf);
		if (tf < least)
			least = tf;
	}
	if (n)
		ck_assert_msg(least == 0, "%s: least total float %.17g, not 0",
		              what, least);
}

/* The critical flags of an analysis, by id. */
static int *critical_set(const opflow_analysis *an)
{
	size_t n = opflow_analysis_activity_count(an);
	int *c = calloc(n ? n : 1, sizeof *c);

	ck_assert_ptr_nonnull(c);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(opflow_analysis_criticality(&c[i], NULL, an,
		                                             (opflow_id)i), 0);
	return c;
}

/* The analysis of g under deadline h against the one without: the same
 * critical set, early times unchanged, late times and total floats moved
 * by exactly h - T, free floats no larger than the total floats when
 * h >= T. */
static void check_shift(const opflow_graph *g, const opflow_analysis *base,
                        double h, const char *what)
{
	opflow_analysis_options o = deadline_opts(h);
	opflow_analysis *an = au_analyze(g, &o);
	size_t n = opflow_analysis_activity_count(an);
	double T = au_figure(base, OPFLOW_FIGURE_LEAD_TIME), shift = h - T;
	int *want = critical_set(base), *got = critical_set(an);

	ck_assert(au_figure(an, OPFLOW_FIGURE_LEAD_TIME) == T);
	for (size_t i = 0; i < n; i++) {
		opflow_id id = (opflow_id)i;
		double es0, lf0, tf0, es, lf, tf, ff;

		ck_assert_msg(got[i] == want[i], "%s, deadline %.17g: activity "
		              "%zu is %scritical, and %scritical without the "
		              "deadline", what, h, i, got[i] ? "" : "not ",
		              want[i] ? "" : "not ");
		ck_assert_int_eq(opflow_analysis_schedule(&es0, NULL, NULL, &lf0,
		                                          base, id), 0);
		ck_assert_int_eq(opflow_analysis_floats(&tf0, NULL, base, id), 0);
		ck_assert_int_eq(opflow_analysis_schedule(&es, NULL, NULL, &lf,
		                                          an, id), 0);
		ck_assert_int_eq(opflow_analysis_floats(&tf, &ff, an, id), 0);
		ck_assert(es == es0);
		ck_assert_msg(lf == lf0 + shift, "%s, deadline %.17g: LF of %zu "
		              "%.17g, not %.17g + %.17g", what, h, i, lf, lf0,
		              shift);
		ck_assert_msg(tf == tf0 + shift, "%s, deadline %.17g: TF of %zu "
		              "%.17g, not %.17g + %.17g", what, h, i, tf, tf0,
		              shift);
		if (h >= T)
			ck_assert_msg(ff >= 0 && ff <= tf, "%s, deadline %.17g: "
			              "free float %.17g of %zu outside [0, %.17g]",
			              what, h, ff, i, tf);
	}
	free(want);
	free(got);
	opflow_analysis_free(an);
}

/* Deadlines from 1e-3 to 1e12 times the lead time. */
static const double factors[] = {
	1e-3, 0.1, 0.5, 0.999, 1, 1.001, 2, 10, 1e3, 1e6, 1e9, 1e12
};

START_TEST(test_machining)
{
	/* The machining shop derived from a real event log: its sums of
	 * decimal durations leave total floats of a few ulps below 0 on
	 * the critical activities when nothing rounds them. */
	opflow_graph *g = load_example("machining.opflow");
	opflow_analysis *an = au_analyze(g, NULL);
	double T = au_figure(an, OPFLOW_FIGURE_LEAD_TIME);
	int *crit = critical_set(an);
	size_t n = opflow_analysis_activity_count(an), critical = 0;

	check_no_negative(an, "machining");
	for (size_t i = 0; i < n; i++) {
		double tf, ff;

		opflow_analysis_floats(&tf, &ff, an, (opflow_id)i);
		if (crit[i]) {
			critical++;
			ck_assert_msg(tf == 0 && !signbit(tf), "machining: "
			              "critical activity %zu has total float %.17g",
			              i, tf);
		}
	}
	ck_assert_uint_gt(critical, 0);
	for (size_t f = 0; f < sizeof factors / sizeof *factors; f++)
		check_shift(g, an, factors[f] * T, "machining");
	free(crit);
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

START_TEST(test_far_deadline_tenths)
{
	/* A chain of 1000 activities of 0.1 and beside it a branch of one
	 * activity 2e-6 shorter than the chain (T is about 100, the
	 * tolerance about 1e-7): the chain is critical, the branch is not,
	 * also under a deadline of 1e8, where one ulp is about 1.5e-8 and
	 * the chain's late times computed back from 1e8 would wander by
	 * many of them. */
	opflow_graph *g = au_graph();
	opflow_analysis *an, *far;
	opflow_analysis_options o = deadline_opts(1e8);
	opflow_id prev = OPFLOW_NONE, side;
	double T, chain = 0;
	char key[32];

	for (int i = 0; i < 1000; i++) {
		opflow_id id;

		snprintf(key, sizeof key, "step-%d", i);
		id = au_act(g, key, OPFLOW_CATEGORY_MANUFACTURING, 0.1);
		if (prev != OPFLOW_NONE)
			au_flow(g, prev, id, OPFLOW_FLOW_FS, 0);
		prev = id;
		chain += 0.1;
	}
	side = au_act(g, "side", OPFLOW_CATEGORY_ASSEMBLY, chain - 2e-6);
	an = au_analyze(g, NULL);
	T = au_figure(an, OPFLOW_FIGURE_LEAD_TIME);
	ck_assert(T == chain);
	check_no_negative(an, "tenths");
	far = au_analyze(g, &o);
	for (opflow_id i = 0; i < 1000; i++) {
		int c;
		double tf, tf_first;

		opflow_analysis_criticality(&c, NULL, far, i);
		ck_assert_msg(c, "step %u is not critical under 1e8", (unsigned)i);
		opflow_analysis_floats(&tf, NULL, far, i);
		opflow_analysis_floats(&tf_first, NULL, far, 0);
		/* every step has the same float: exactly 1e8 - T */
		ck_assert_msg(tf == 1e8 - T, "step %u: total float %.17g, not "
		              "%.17g", (unsigned)i, tf, 1e8 - T);
	}
	{
		int c;

		opflow_analysis_criticality(&c, NULL, far, side);
		ck_assert_msg(!c, "the side branch is critical under 1e8");
	}
	check_shift(g, an, 1e8, "tenths");
	for (size_t f = 0; f < sizeof factors / sizeof *factors; f++)
		check_shift(g, an, factors[f] * T, "tenths");
	opflow_analysis_free(far);
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

START_TEST(test_exact_when_asked)
{
	/* A caller's tolerance of 0 asks for exact comparisons: floats are
	 * then not rounded.  a(0.1) -> b(0.2) -> c(0.3) beside d(0.6):
	 * 0.1 + 0.2 + 0.3 = 0.6000000000000001 in doubles, so d has a total
	 * float of one ulp (1.1e-16), reported as such with tolerance 0 and
	 * as exactly 0 by default, when d is critical too. */
	opflow_graph *g = au_graph();
	opflow_id a = au_act(g, "a", OPFLOW_CATEGORY_OTHER, 0.1);
	opflow_id b = au_act(g, "b", OPFLOW_CATEGORY_OTHER, 0.2);
	opflow_id c = au_act(g, "c", OPFLOW_CATEGORY_OTHER, 0.3);
	opflow_id d = au_act(g, "d", OPFLOW_CATEGORY_OTHER, 0.6);
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_analysis *an;
	double tf, ff;
	int crit;

	au_flow(g, a, b, OPFLOW_FLOW_FS, 0);
	au_flow(g, b, c, OPFLOW_FLOW_FS, 0);
	ck_assert(0.1 + 0.2 + 0.3 > 0.6);
	an = au_analyze(g, NULL);
	opflow_analysis_floats(&tf, &ff, an, d);
	ck_assert(tf == 0 && ff == 0);
	opflow_analysis_criticality(&crit, NULL, an, d);
	ck_assert_int_eq(crit, 1);
	check_no_negative(an, "default");
	opflow_analysis_free(an);

	o.has_tolerance = 1;
	o.tolerance = 0;
	an = au_analyze(g, &o);
	opflow_analysis_floats(&tf, &ff, an, d);
	ck_assert(tf == (0.1 + 0.2 + 0.3) - 0.6);
	ck_assert(ff == tf);
	opflow_analysis_criticality(&crit, NULL, an, d);
	ck_assert_int_eq(crit, 0);
	opflow_analysis_free(an);

	/* a large caller's tolerance makes more activities critical, but
	 * does not round floats away: d(0.5) has a float of 0.1 */
	opflow_graph_set_activity_duration(g, d, 0.5);
	o.tolerance = 0.2;
	an = au_analyze(g, &o);
	opflow_analysis_floats(&tf, &ff, an, d);
	ck_assert_msg(fabs(tf - 0.1) < 1e-15, "TF(d) = %.17g", tf);
	opflow_analysis_criticality(&crit, NULL, an, d);
	ck_assert_int_eq(crit, 1);
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

/* A random value chain with decimal durations and lags (tenths and
 * hundredths, which doubles cannot hold exactly) and every flow type. */
static opflow_graph *random_graph(struct au_rng *r, int n)
{
	static const opflow_flow_type types[] = {
		OPFLOW_FLOW_FS, OPFLOW_FLOW_FS, OPFLOW_FLOW_FS, OPFLOW_FLOW_SS,
		OPFLOW_FLOW_FF, OPFLOW_FLOW_SF
	};
	opflow_graph *g = au_graph();
	char key[32];

	for (int i = 0; i < n; i++) {
		double d = (double)au_rng_below(r, 400) / 10.0 +
		           (double)au_rng_below(r, 10) / 100.0;

		snprintf(key, sizeof key, "a%d", i);
		au_act(g, key, au_rng_below(r, 2) ? OPFLOW_CATEGORY_ASSEMBLY
		                                  : OPFLOW_CATEGORY_SALES, d);
	}
	for (int j = 1; j < n; j++) {
		int k = 1 + (int)au_rng_below(r, 3);

		for (int e = 0; e < k; e++) {
			opflow_id from = au_rng_below(r, (uint32_t)j), f;
			opflow_flow_type t = types[au_rng_below(r, 6)];
			double lag = au_rng_below(r, 4) ? 0.0
			             : ((double)au_rng_below(r, 60) - 20.0) / 10.0;

			if (opflow_graph_find_flow(&f, g, from, (opflow_id)j, t) == 0)
				continue;
			au_flow(g, from, (opflow_id)j, t, lag);
		}
	}
	return g;
}

START_TEST(test_random_graphs)
{
	struct au_rng r;
	long cases = au_scaled(200, 10);

	au_rng_seed(&r, 0x5eed0001u + (uint64_t)_i);
	for (long c = 0; c < cases; c++) {
		opflow_graph *g = random_graph(&r, 2 + (int)au_rng_below(&r, 60));
		opflow_analysis *an = au_analyze(g, NULL);
		double T = au_figure(an, OPFLOW_FIGURE_LEAD_TIME);
		char what[64];

		snprintf(what, sizeof what, "random graph %ld", c);
		check_no_negative(an, what);
		if (T > 0) {
			for (size_t f = 0; f < sizeof factors / sizeof *factors;
			     f++)
				check_shift(g, an, factors[f] * T, what);
			/* and deadlines anywhere from 1e-3 to 1e12 of T */
			for (int f = 0; f < 4; f++)
				check_shift(g, an, pow(10, -3 + 15 *
				            au_rng_unit(&r)) * T, what);
		}
		opflow_analysis_free(an);
		opflow_graph_free(g);
	}
}
END_TEST

#define OK(call) ck_assert_int_eq((call), 0)

/* Everything an analysis reports, as bits: every column, the driving
 * flows, the figures and the chains. */
struct bits {
	double col[10][300];
	opflow_id drive[300];
	double figure[OPFLOW_FIGURE_WORKING_LEAD_TIME + 1];
	size_t chains;
	opflow_id chain[300];
};

static void read_bits(struct bits *b, const opflow_graph *g,
                      const opflow_analysis_options *o)
{
	opflow_analysis *an;
	size_t len;

	memset(b, 0, sizeof *b);
	OK(opflow_analyze(&an, g, o));
	for (int c = 0; c < 10; c++)
		OK(opflow_analysis_column(b->col[c], 300, an,
		                             (opflow_column)c));
	for (opflow_id i = 0; i < 300; i++)
		OK(opflow_analysis_driving_flow(&b->drive[i], NULL, NULL, NULL,
		                                   an, i));
	for (int f = 0; f <= OPFLOW_FIGURE_WORKING_LEAD_TIME; f++)
		(void)opflow_analysis_figure(&b->figure[f], an, (opflow_figure)f);
	b->chains = opflow_analysis_chain_count(an);
	ck_assert_uint_gt(b->chains, 0);
	OK(opflow_analysis_chain(&len, b->chain, 300, an, b->chains - 1));
	opflow_analysis_free(an);
}

/* A graph whose flows are all finish-to-start without lags is analysed
 * over a layout that keeps no types or lags, with the bounds x + d and
 * x - d for x + d + 0 and x - d - 0: the same bits as over a layout that
 * keeps them (made by setting a lag, laying the graph out, and setting it
 * back to 0), with every option of the rounding.  Random graphs of 300
 * activities with many durations of 0, so that early starts tie. */
START_TEST(test_plain_layout_same_bits)
{
	static struct bits plain, full;
	uint32_t x = 2463534242u + (uint32_t)_i;
	opflow_analysis_options o[3];
	opflow_graph *g;
	opflow_id id, f;

	for (int k = 0; k < 3; k++)
		OK(opflow_analysis_options_init(&o[k],
		                                   OPFLOW_ANALYSIS_OPTIONS_VERSION));
	o[1].has_deadline = 1;
	o[1].deadline = 1e6 + 0.1;
	o[2].has_tolerance = 1;
	o[2].tolerance = 0;
	o[2].near_critical = 2.5;
	OK(opflow_graph_new(&g));
	for (int i = 0; i < 300; i++) {
		char key[16];

		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		snprintf(key, sizeof key, "a%d", i);
		OK(opflow_graph_add_activity(&id, g, key, i % 3 ?
		      OPFLOW_CATEGORY_MANUFACTURING : OPFLOW_CATEGORY_SALES));
		OK(opflow_graph_set_activity_duration(g, id,
		      x % 3 ? (double)(x % 7) / 10 : 0.0));
	}
	/* from each activity to i + 1, to one of i + 2 .. i + 4 and to one
	 * of i + 5 .. i + 9, each with a chance of 3 in 4 */
	for (int i = 0; i < 299; i++)
		for (int j = 0; j < 3; j++) {
			int t;

			x ^= x << 13, x ^= x >> 17, x ^= x << 5;
			t = i + (j == 0 ? 1 : j == 1 ? 2 + (int)(x / 4 % 3)
			                             : 5 + (int)(x / 4 % 5));
			if (x % 4 && t < 300)
				OK(opflow_graph_add_flow(&f, g, (opflow_id)i,
				                         (opflow_id)t,
				                         OPFLOW_FLOW_FS, 0));
		}
	for (int k = 0; k < 3; k++) {
		read_bits(&plain, g, &o[k]);
		OK(opflow_graph_set_flow_lag(g, 0, 1));
		OK(opflow_graph_prepare(g));
		OK(opflow_graph_set_flow_lag(g, 0, 0));
		read_bits(&full, g, &o[k]);
		ck_assert_msg(memcmp(&plain, &full, sizeof plain) == 0,
		              "options %d: plain and full layouts differ", k);
		/* a new layout of the same flows: plain again */
		OK(opflow_graph_add_activity(&id, g, "extra",
		                                OPFLOW_CATEGORY_SALES));
		OK(opflow_graph_remove_activity(g, id));
	}
	opflow_graph_free(g);
}
END_TEST

static Suite *rounding_suite(void)
{
	Suite *s = suite_create("rounding");
	TCase *tc = tcase_create("floats");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_machining);
	tcase_add_test(tc, test_far_deadline_tenths);
	tcase_add_test(tc, test_exact_when_asked);
	tcase_add_loop_test(tc, test_random_graphs, 0, 2);
	tcase_add_loop_test(tc, test_plain_layout_same_bits, 0, 8);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return au_run(rounding_suite());
}
