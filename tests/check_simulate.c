/*
 * check_simulate.c - the Monte Carlo simulation (opflow_simulate and its
 * result) against what is known of it without the library:
 *
 *  - closed forms: the mean and variance of the triangular and beta-PERT
 *    distributions, their sums along a chain, the criticality of four
 *    identical branches, a graph without estimates worked out by hand,
 *    the sensitivity of an activity whose duration decides the lead time,
 *    all within five standard errors, from fixed seeds;
 *  - the exact bits of tests/simulate_reference.py, an independent model
 *    of the draws and the forward pass in Python;
 *  - the same bits for every thread count and run, other bits for
 *    another seed;
 *  - the estimators (nearest-rank percentiles, the standard deviation
 *    over N - 1, histograms, the probability of a deadline, the
 *    production span, how many iterations the sensitivities rank)
 *    recomputed here from the samples;
 *  - every error: its code, a message naming the culprit, the output left
 *    alone and nothing allocated; cancelling through the progress
 *    callback; each allocation failing in turn.
 *
 * The counting allocator of testutil.c is installed in main(), so that
 * every test can tell that a failed call kept nothing.  Under valgrind
 * (OPFLOW_TEST_SCALE=valgrind, or valgrind's preloaded objects) the
 * closed forms run a quarter of their iterations and the cases of more
 * than 2^27 ranked durations are skipped.
 */
#include "testutil.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static char sentinel_object;
#define SENTINEL ((opflow_simulation *)(void *)&sentinel_object)

/* ------------------------------------------------------------- helpers */

static int under_valgrind(void)
{
	const char *scale = getenv("OPFLOW_TEST_SCALE");
	const char *preload = getenv("LD_PRELOAD");

	return (scale && strcmp(scale, "valgrind") == 0) ||
	       (preload && strstr(preload, "vgpreload") != NULL);
}

/* The iterations of a closed-form test: a quarter under valgrind (the
 * tolerances follow from the count). */
static uint64_t closed_form_iterations(uint64_t n)
{
	return under_valgrind() ? n / 4 : n;
}

static opflow_id est_act(opflow_graph *g, const char *key,
                         opflow_category category, double o, double m,
                         double p)
{
	opflow_activity_options opts = OPFLOW_ACTIVITY_OPTIONS_INIT;
	opflow_id id = OPFLOW_NONE;

	opts.category = category;
	opts.has_estimate = 1;
	opts.optimistic = o;
	opts.most_likely = m;
	opts.pessimistic = p;
	TU_OK(opflow_graph_add_activity_ext(&id, g, key, &opts));
	return id;
}

static opflow_simulation *run(const opflow_graph *g,
                              const opflow_analysis_options *aopts,
                              int distribution, uint64_t iterations,
                              uint64_t seed, int threads)
{
	opflow_simulation_options o = OPFLOW_SIMULATION_OPTIONS_INIT;
	opflow_simulation *s = NULL;

	o.distribution = distribution;
	o.iterations = iterations;
	o.seed = seed;
	o.threads = threads;
	TU_OK(opflow_simulate(&s, g, aopts, &o));
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(opflow_simulation_iterations(s), iterations);
	return s;
}

/* Every sample of a measure, in iteration order (malloc'ed). */
static double *samples(const opflow_simulation *s, opflow_measure m)
{
	size_t n = (size_t)opflow_simulation_iterations(s);
	double *x = malloc(n * sizeof *x);

	ck_assert_ptr_nonnull(x);
	TU_OK(opflow_simulation_samples(x, n, s, m));
	return x;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double *sorted_copy(const double *x, size_t n)
{
	double *y = malloc(n * sizeof *y);

	ck_assert_ptr_nonnull(y);
	memcpy(y, x, n * sizeof *y);
	qsort(y, n, sizeof *y, by_value);
	return y;
}

static double mean_of(const opflow_simulation *s, opflow_measure m)
{
	double mean = NAN;

	TU_OK(opflow_simulation_summary(&mean, NULL, NULL, NULL, s, m));
	return mean;
}

static double stddev_of(const opflow_simulation *s, opflow_measure m)
{
	double sd = NAN;

	TU_OK(opflow_simulation_summary(NULL, &sd, NULL, NULL, s, m));
	return sd;
}

static double percentile(const opflow_simulation *s, opflow_measure m,
                         double p)
{
	double v = NAN;

	TU_OK(opflow_simulation_percentile(&v, s, m, p));
	return v;
}

static void activity(const opflow_simulation *s, opflow_id id, double *crit,
                     double *sens, double *cruc)
{
	TU_OK(opflow_simulation_activity(crit, sens, cruc, s, id));
}

/* |got - want| <= sigmas standard errors, named in the failure. */
#define WITHIN(got, want, se, what)                                          \
	do {                                                                 \
		double w_got_ = (got), w_want_ = (want), w_se_ = (se);       \
		ck_assert_msg(fabs(w_got_ - w_want_) <= 5.0 * w_se_,         \
		    "%s is %.10g, expected %.10g within 5 x %.3g", (what),    \
		    w_got_, w_want_, w_se_);                                 \
	} while (0)

/* The tolerance of a sample variance: its standard error
 * sqrt((mu4 - sigma^4) / N) with mu4 the fourth central moment. */
static double variance_se(double variance, double mu4, uint64_t n)
{
	return sqrt((mu4 - variance * variance) / (double)n);
}

/* ------------------------------------------------------- closed forms */

/*
 * One activity with the estimate (o, m, p) = (2, 5, 11).
 * Triangular: mean (o + m + p) / 3 = 18 / 3 = 6; variance
 * (o^2 + m^2 + p^2 - om - op - mp) / 18 = (4 + 25 + 121 - 10 - 22 - 55)
 * / 18 = 63 / 18 = 3.5; excess kurtosis -3/5 for every triangle, so
 * mu4 = 2.4 x 3.5^2 = 29.4.  Median and P80: F(m) = (m - o) / (p - o)
 * = 1/3 < 0.5, so both lie above m, where 1 - F(x) = (p - x)^2 /
 * ((p - o)(p - m)) = (11 - x)^2 / 54: the median 11 - sqrt(27), P80
 * 11 - sqrt(10.8); the density there 2 (11 - x) / 54, and the standard
 * error of a sample quantile sqrt(q (1 - q) / N) / density.
 * Beta-PERT: mean (o + 4m + p) / 6 = 33 / 6 = 5.5; variance
 * (mu - o)(p - mu) / 7 = 3.5 x 5.5 / 7 = 2.75; the shapes are
 * a = 1 + 4 (m - o) / (p - o) = 7/3 and b = 1 + 4 (p - m) / (p - o) =
 * 11/3, the beta's excess kurtosis 6 [(a - b)^2 (a + b + 1) - ab
 * (a + b + 2)] / [ab (a + b + 2)(a + b + 3)] = 6 [16/9 x 7 - 77/9 x 8] /
 * [77/9 x 8 x 9] = -336 / 616 = -6/11, so mu4 = (3 - 6/11) x 2.75^2 =
 * 27/11 x 7.5625.
 */
START_TEST(single_triangular)
{
	const uint64_t n = closed_form_iterations(200000);
	opflow_graph *g = tu_graph();
	opflow_simulation *s;
	double mean, sd, min, max, q, dens;

	est_act(g, "only", OPFLOW_CATEGORY_ASSEMBLY, 2, 5, 11);
	s = run(g, NULL, OPFLOW_DISTRIBUTION_TRIANGULAR, n, 1, 0);
	TU_OK(opflow_simulation_summary(&mean, &sd, &min, &max, s,
	                                OPFLOW_MEASURE_LEAD_TIME));
	WITHIN(mean, 6.0, sqrt(3.5 / (double)n), "triangular mean");
	WITHIN(sd * sd, 3.5, variance_se(3.5, 2.4 * 3.5 * 3.5, n),
	       "triangular variance");
	ck_assert(min >= 2.0 && max <= 11.0);
	q = 11.0 - sqrt(27.0);
	dens = 2.0 * (11.0 - q) / 54.0;
	WITHIN(percentile(s, OPFLOW_MEASURE_LEAD_TIME, 50), q,
	       sqrt(0.25 / (double)n) / dens, "triangular median");
	q = 11.0 - sqrt(10.8);
	dens = 2.0 * (11.0 - q) / 54.0;
	WITHIN(percentile(s, OPFLOW_MEASURE_LEAD_TIME, 80), q,
	       sqrt(0.16 / (double)n) / dens, "triangular P80");
	opflow_simulation_free(s);
	opflow_graph_free(g);
}
END_TEST

START_TEST(single_pert)
{
	const uint64_t n = closed_form_iterations(200000);
	opflow_graph *g = tu_graph();
	opflow_simulation *s;
	double mean, sd, min, max;

	est_act(g, "only", OPFLOW_CATEGORY_ASSEMBLY, 2, 5, 11);
	s = run(g, NULL, OPFLOW_DISTRIBUTION_PERT, n, 2, 0);
	TU_OK(opflow_simulation_summary(&mean, &sd, &min, &max, s,
	                                OPFLOW_MEASURE_LEAD_TIME));
	WITHIN(mean, 5.5, sqrt(2.75 / (double)n), "beta-PERT mean");
	WITHIN(sd * sd, 2.75,
	       variance_se(2.75, 27.0 / 11.0 * 2.75 * 2.75, n),
	       "beta-PERT variance");
	ck_assert(min >= 2.0 && max <= 11.0);
	/* the production span is the lead time here: one production
	 * activity and nothing else */
	{
		double *lead = samples(s, OPFLOW_MEASURE_LEAD_TIME);
		double *span = samples(s, OPFLOW_MEASURE_PRODUCTION_SPAN);

		ck_assert(memcmp(lead, span, (size_t)n * sizeof *lead) == 0);
		free(lead);
		free(span);
	}
	opflow_simulation_free(s);
	opflow_graph_free(g);
}
END_TEST

/*
 * A -> B -> C, finish to start without lags: the lead time is the sum of
 * three independent durations, so its mean is the sum of the means and
 * its variance the sum of the variances.
 *   A (2, 5, 11)  triangular 6, 3.5            PERT 5.5, 2.75
 *   B (1, 2, 6)   triangular 9/3 = 3,          PERT 15/6 = 2.5,
 *                 (1 + 4 + 36 - 2 - 6 - 12)/18      1.5 x 3.5 / 7 = 0.75
 *                 = 21/18 = 7/6
 *   C (4, 4, 10)  triangular 18/3 = 6,         PERT 30/6 = 5,
 *                 (16 + 16 + 100 - 16 - 40 - 40)/18  1 x 5 / 7 = 5/7
 *                 = 36/18 = 2
 *   sum           triangular 15, 20/3          PERT 13, 59/14
 * Every addend has a negative excess kurtosis, so the sum's fourth
 * moment is below the normal's 3 sigma^4: the variance's tolerance takes
 * mu4 = 3 sigma^4.
 */
START_TEST(chain_of_three)
{
	static const struct {
		int distribution;
		double mean, variance;
	} cases[] = {
		{ OPFLOW_DISTRIBUTION_TRIANGULAR, 15.0, 20.0 / 3.0 },
		{ OPFLOW_DISTRIBUTION_PERT, 13.0, 59.0 / 14.0 },
	};
	const uint64_t n = closed_form_iterations(100000);
	opflow_graph *g = tu_graph();
	opflow_id a, b, c;

	a = est_act(g, "a", OPFLOW_CATEGORY_MANUFACTURING, 2, 5, 11);
	b = est_act(g, "b", OPFLOW_CATEGORY_LOGISTICS, 1, 2, 6);
	c = est_act(g, "c", OPFLOW_CATEGORY_SALES, 4, 4, 10);
	tu_flow(g, a, b, OPFLOW_FLOW_FS, 0);
	tu_flow(g, b, c, OPFLOW_FLOW_FS, 0);
	for (size_t k = 0; k < COUNT(cases); k++) {
		opflow_simulation *s = run(g, NULL, cases[k].distribution, n,
		                           100 + k, 2);
		double mean, sd, min, max, v = cases[k].variance, crit;

		TU_OK(opflow_simulation_summary(&mean, &sd, &min, &max, s,
		                                OPFLOW_MEASURE_LEAD_TIME));
		WITHIN(mean, cases[k].mean, sqrt(v / (double)n),
		       opflow_distribution_name(cases[k].distribution));
		WITHIN(sd * sd, v, variance_se(v, 3.0 * v * v, n),
		       opflow_distribution_name(cases[k].distribution));
		ck_assert(min >= 7.0 && max <= 27.0);
		/* a chain is critical throughout */
		for (opflow_id id = 0; id < 3; id++) {
			activity(s, id, &crit, NULL, NULL);
			TU_DOUBLE_EQ(crit, 1.0);
		}
		opflow_simulation_free(s);
	}
	opflow_graph_free(g);
}
END_TEST

/*
 * start (1) -> four branches (2, 5, 11) -> end (1): the longest branch
 * is the only critical one, each with probability 1/4 by symmetry (ties
 * have probability 0); the criticalities, times N, are whole numbers
 * that add up to N.  The standard error of a share is
 * sqrt(1/4 x 3/4 / N).
 */
START_TEST(four_branches)
{
	const uint64_t n = closed_form_iterations(40000);
	opflow_graph *g = tu_graph();
	opflow_id start, end, br[4];
	opflow_simulation *s;
	uint64_t total = 0;
	double crit;

	start = tu_add_dur(g, "start", OPFLOW_CATEGORY_PROCUREMENT, 1);
	for (int i = 0; i < 4; i++) {
		char key[16];

		snprintf(key, sizeof key, "branch-%d", i);
		br[i] = est_act(g, key, OPFLOW_CATEGORY_MANUFACTURING, 2, 5,
		                11);
	}
	end = tu_add_dur(g, "end", OPFLOW_CATEGORY_PACKAGING, 1);
	for (int i = 0; i < 4; i++) {
		tu_flow(g, start, br[i], OPFLOW_FLOW_FS, 0);
		tu_flow(g, br[i], end, OPFLOW_FLOW_FS, 0);
	}
	s = run(g, NULL, OPFLOW_DISTRIBUTION_TRIANGULAR, n, 7, 3);
	for (int i = 0; i < 4; i++) {
		double times;

		activity(s, br[i], &crit, NULL, NULL);
		WITHIN(crit, 0.25, sqrt(0.1875 / (double)n), "a branch");
		times = crit * (double)n;
		ck_assert_msg(fabs(times - nearbyint(times)) < 1e-6,
		    "criticality %.17g times %llu is not a count", crit,
		    (unsigned long long)n);
		total += (uint64_t)nearbyint(times);
	}
	ck_assert_uint_eq(total, n);
	activity(s, start, &crit, NULL, NULL);
	TU_DOUBLE_EQ(crit, 1.0);
	activity(s, end, &crit, NULL, NULL);
	TU_DOUBLE_EQ(crit, 1.0);
	opflow_simulation_free(s);
	opflow_graph_free(g);
}
END_TEST

/*
 * No estimate: every iteration is the same schedule.
 *   a design   product-development  3
 *   b cut      manufacturing        2
 *   c buy      procurement          5
 *   d pack     packaging            1
 *   e ship     logistics            0.5
 * flows a -FS +1-> b, a -SS +1-> c, b -FF +2-> d, c -SF +6.5-> d,
 *       c -FS -0.5-> e
 * Forward: a 0..3; b 3 + 1 = 4..6; c 0 + 1 = 1..6;
 *   d: FF from b 4 + 2 + 2 - 1 = 7, SF from c 1 + 6.5 - 1 = 6.5, so 7..8;
 *   e: 1 + 5 - 0.5 = 5.5..6.  T = 8.
 * Backward against 8: d LF 8; e LF 8, float 8 - 0.5 - 5.5 = 2;
 *   c: SF to d 8 - 6.5 + 5 = 6.5, FS to e 8 - 0.5 + 0.5 = 8, so LF 6.5,
 *   float 6.5 - 5 - 1 = 0.5; b: FF to d 8 - 2 = 6, float 0;
 *   a: FS to b 6 - 2 - 1 = 3, SS to c 6.5 - 5 - 1 + 3 = 3.5, so LF 3,
 *   float 0.  Critical: a, b, d; with a tolerance of 0.5, c too.
 * Production span (b, c, d and the flows among them): b 0..2, c 0..5,
 *   d: FF 0 + 2 + 2 - 1 = 3, SF 0 + 6.5 - 1 = 5.5, so 5.5..6.5: 6.5.
 * Every figure is a sum of halves, so the sums over 1000 iterations and
 * their means are exact.
 */
static opflow_graph *fixed_graph(void)
{
	opflow_graph *g = tu_graph();
	opflow_id a, b, c, d, e;

	a = tu_add_dur(g, "design", OPFLOW_CATEGORY_PRODUCT_DEVELOPMENT, 3);
	b = tu_add_dur(g, "cut", OPFLOW_CATEGORY_MANUFACTURING, 2);
	c = tu_add_dur(g, "buy", OPFLOW_CATEGORY_PROCUREMENT, 5);
	d = tu_add_dur(g, "pack", OPFLOW_CATEGORY_PACKAGING, 1);
	e = tu_add_dur(g, "ship", OPFLOW_CATEGORY_LOGISTICS, 0.5);
	tu_flow(g, a, b, OPFLOW_FLOW_FS, 1);
	tu_flow(g, a, c, OPFLOW_FLOW_SS, 1);
	tu_flow(g, b, d, OPFLOW_FLOW_FF, 2);
	tu_flow(g, c, d, OPFLOW_FLOW_SF, 6.5);
	tu_flow(g, c, e, OPFLOW_FLOW_FS, -0.5);
	return g;
}

static void expect_constant(const opflow_simulation *s, opflow_measure m,
                            double value)
{
	static const double ps[] = { 0, 0.1, 50, 80, 95, 100 };
	const uint64_t n = opflow_simulation_iterations(s);
	double mean, sd, min, max, edges[6];
	uint64_t counts[5];

	TU_OK(opflow_simulation_summary(&mean, &sd, &min, &max, s, m));
	TU_DOUBLE_EQ(mean, value);
	TU_DOUBLE_EQ(sd, 0.0);
	TU_DOUBLE_EQ(min, value);
	TU_DOUBLE_EQ(max, value);
	for (size_t i = 0; i < COUNT(ps); i++)
		TU_DOUBLE_EQ(percentile(s, m, ps[i]), value);
	/* min == max: everything in the last bin, every edge the value */
	TU_OK(opflow_simulation_histogram(counts, edges, 5, s, m));
	for (int i = 0; i < 4; i++)
		ck_assert_uint_eq(counts[i], 0);
	ck_assert_uint_eq(counts[4], n);
	for (int i = 0; i <= 5; i++)
		TU_DOUBLE_EQ(edges[i], value);
}

START_TEST(deterministic)
{
	static const double critical[] = { 1, 1, 0, 1, 0 };
	opflow_graph *g = fixed_graph();
	opflow_analysis_options ao = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_simulation *s;
	double crit, sens, cruc, p;

	s = run(g, NULL, OPFLOW_DISTRIBUTION_PERT, 1000, 5, 2);
	expect_constant(s, OPFLOW_MEASURE_LEAD_TIME, 8.0);
	expect_constant(s, OPFLOW_MEASURE_PRODUCTION_SPAN, 6.5);
	ck_assert_uint_eq(opflow_simulation_sensitivity_iterations(s), 1000);
	for (opflow_id id = 0; id < 5; id++) {
		activity(s, id, &crit, &sens, &cruc);
		TU_DOUBLE_EQ(crit, critical[id]);
		TU_DOUBLE_EQ(sens, 0.0);
		TU_DOUBLE_EQ(cruc, 0.0);
	}
	opflow_simulation_free(s);

	/* a tolerance of 0.5 takes in c (float 0.5), not e (float 2) */
	ao.has_tolerance = 1;
	ao.tolerance = 0.5;
	s = run(g, &ao, OPFLOW_DISTRIBUTION_TRIANGULAR, 1000, 5, 1);
	for (opflow_id id = 0; id < 5; id++) {
		activity(s, id, &crit, NULL, NULL);
		TU_DOUBLE_EQ(crit, id == 2 ? 1.0 : critical[id]);
	}
	opflow_simulation_free(s);

	/* a deadline gives the probability and changes no criticality:
	 * each iteration is scheduled against its own lead time */
	ao = (opflow_analysis_options)OPFLOW_ANALYSIS_OPTIONS_INIT;
	ao.has_deadline = 1;
	ao.deadline = 10;
	s = run(g, &ao, OPFLOW_DISTRIBUTION_TRIANGULAR, 1000, 5, 1);
	for (opflow_id id = 0; id < 5; id++) {
		activity(s, id, &crit, NULL, NULL);
		TU_DOUBLE_EQ(crit, critical[id]);
	}
	TU_OK(opflow_simulation_probability(&p, s));
	TU_DOUBLE_EQ(p, 1.0);
	opflow_simulation_free(s);
	ao.deadline = 8;        /* met: lead time <= deadline */
	s = run(g, &ao, OPFLOW_DISTRIBUTION_TRIANGULAR, 10, 5, 1);
	TU_OK(opflow_simulation_probability(&p, s));
	TU_DOUBLE_EQ(p, 1.0);
	opflow_simulation_free(s);
	ao.deadline = 7.75;
	s = run(g, &ao, OPFLOW_DISTRIBUTION_TRIANGULAR, 10, 5, 1);
	TU_OK(opflow_simulation_probability(&p, s));
	TU_DOUBLE_EQ(p, 0.0);
	opflow_simulation_free(s);

	/* one iteration: the standard deviation is 0, not 0 / 0 */
	s = run(g, NULL, OPFLOW_DISTRIBUTION_TRIANGULAR, 1, 5, 4);
	expect_constant(s, OPFLOW_MEASURE_LEAD_TIME, 8.0);
	opflow_simulation_free(s);
	opflow_graph_free(g);
}
END_TEST

/*
 * first (2) -> x (2, 5, 11) -> last (3): the lead time is 5 + x, which
 * rises with x, so their ranks are the same and the sensitivity exactly
 * 1; the fixed activities have none.  Everything is critical, so the
 * cruciality of x is 1 x 1.
 */
START_TEST(series_sensitivity)
{
	opflow_graph *g = tu_graph();
	opflow_id first, x, last;

	first = tu_add_dur(g, "first", OPFLOW_CATEGORY_SOURCING, 2);
	x = est_act(g, "x", OPFLOW_CATEGORY_ASSEMBLY, 2, 5, 11);
	last = tu_add_dur(g, "last", OPFLOW_CATEGORY_DISTRIBUTION, 3);
	tu_flow(g, first, x, OPFLOW_FLOW_FS, 0);
	tu_flow(g, x, last, OPFLOW_FLOW_FS, 0);
	for (int d = 0; d < 2; d++) {
		opflow_simulation *s = run(g, NULL, d, 5000, 11, 2);
		double crit, sens, cruc;

		ck_assert_uint_eq(opflow_simulation_sensitivity_iterations(s),
		                  5000);
		activity(s, x, &crit, &sens, &cruc);
		TU_DOUBLE_EQ(crit, 1.0);
		TU_DOUBLE_EQ(sens, 1.0);
		TU_DOUBLE_EQ(cruc, 1.0);
		activity(s, first, &crit, &sens, &cruc);
		TU_DOUBLE_EQ(crit, 1.0);
		TU_DOUBLE_EQ(sens, 0.0);
		TU_DOUBLE_EQ(cruc, 0.0);
		activity(s, last, NULL, &sens, NULL);
		TU_DOUBLE_EQ(sens, 0.0);
		opflow_simulation_free(s);
	}
	opflow_graph_free(g);
}
END_TEST

/*
 * start (1) -> x (1, 2, 3) -> end (1) beside start -> y (10) -> end: x
 * never decides the lead time, 12 throughout, so neither its
 * sensitivity (the lead time is constant) nor its criticality is above
 * 0; y has no sensitivity either (its duration is constant).
 */
START_TEST(constant_lead_time)
{
	opflow_graph *g = tu_graph();
	opflow_id start, x, y, end;

	start = tu_add_dur(g, "start", OPFLOW_CATEGORY_OTHER, 1);
	x = est_act(g, "x", OPFLOW_CATEGORY_OTHER, 1, 2, 3);
	y = tu_add_dur(g, "y", OPFLOW_CATEGORY_OTHER, 10);
	end = tu_add_dur(g, "end", OPFLOW_CATEGORY_OTHER, 1);
	tu_flow(g, start, x, OPFLOW_FLOW_FS, 0);
	tu_flow(g, start, y, OPFLOW_FLOW_FS, 0);
	tu_flow(g, x, end, OPFLOW_FLOW_FS, 0);
	tu_flow(g, y, end, OPFLOW_FLOW_FS, 0);
	for (int d = 0; d < 2; d++) {
		opflow_simulation *s = run(g, NULL, d, 1000, 13, 2);
		double crit, sens, cruc;

		expect_constant(s, OPFLOW_MEASURE_LEAD_TIME, 12.0);
		ck_assert_uint_eq(opflow_simulation_sensitivity_iterations(s),
		                  1000);
		activity(s, x, &crit, &sens, &cruc);
		TU_DOUBLE_EQ(crit, 0.0);
		TU_DOUBLE_EQ(sens, 0.0);
		TU_DOUBLE_EQ(cruc, 0.0);
		activity(s, y, &crit, &sens, &cruc);
		TU_DOUBLE_EQ(crit, 1.0);
		TU_DOUBLE_EQ(sens, 0.0);
		TU_DOUBLE_EQ(cruc, 0.0);
		opflow_simulation_free(s);
	}
	opflow_graph_free(g);
}
END_TEST

/* No activity at all: a lead time of 0 in every iteration, no
 * production span, no activity to ask about. */
START_TEST(empty_graph)
{
	opflow_graph *g = tu_graph();
	opflow_simulation *s = run(g, NULL, OPFLOW_DISTRIBUTION_PERT, 100, 1,
	                           3);
	double v = 42, col[1] = { 42 };

	expect_constant(s, OPFLOW_MEASURE_LEAD_TIME, 0.0);
	ck_assert_uint_eq(opflow_simulation_activity_count(s), 0);
	TU_FAILS(NULL, opflow_simulation_summary(&v, NULL, NULL, NULL, s,
	         OPFLOW_MEASURE_PRODUCTION_SPAN), OPFLOW_ENOTFOUND,
	         "production");
	TU_FAILS(NULL, opflow_simulation_activity(&v, NULL, NULL, s, 0),
	         OPFLOW_ENOTFOUND, "activity 0");
	TU_OK(opflow_simulation_column(col, 1, s, OPFLOW_RISK_CRITICALITY));
	TU_DOUBLE_EQ(col[0], 42.0);
	TU_DOUBLE_EQ(v, 42.0);
	opflow_simulation_free(s);
	opflow_graph_free(g);
}
END_TEST

/*
 * start (1) -> x (2, 5, 11) -> end (1) beside start -> y (7) -> end:
 * T = max(1 + x, 8) + 1.  x is critical when x >= 7, with probability
 * (11 - 7)^2 / 54 = 16/54; y when x <= 7: the two shares add up to 1.
 * Every x below 7 gives T = 9: those iterations tie in the lead time,
 * and their ranks are the average of the ranks they span.  Because T
 * rises with x, each tie group of T holds the x of the ranks it spans,
 * in some order; with ry the group's average rank and mid = (N + 1) / 2,
 * its share of sum (rx - mid)(ry - mid) is size x (ry - mid)^2, the
 * same as of sum (ry - mid)^2, so Spearman's rho is sqrt(syy / sxx) with
 * sxx = N (N^2 - 1) / 12 (the x are all different): computed here from
 * the sorted lead times alone.
 */
START_TEST(parallel_sensitivity)
{
	const uint64_t n = 20000;
	opflow_graph *g = tu_graph();
	opflow_id start, x, y, end;
	opflow_simulation *s;
	double crit_x, sens_x, cruc_x, crit_y, sens_y, cruc_y;
	double *lead, *sorted, syy = 0.0, sxx, mid = ((double)n + 1.0) / 2.0;
	double column[4];

	start = tu_add_dur(g, "start", OPFLOW_CATEGORY_MARKETING, 1);
	x = est_act(g, "x", OPFLOW_CATEGORY_ASSEMBLY, 2, 5, 11);
	y = tu_add_dur(g, "y", OPFLOW_CATEGORY_ASSEMBLY, 7);
	end = tu_add_dur(g, "end", OPFLOW_CATEGORY_SALES, 1);
	tu_flow(g, start, x, OPFLOW_FLOW_FS, 0);
	tu_flow(g, start, y, OPFLOW_FLOW_FS, 0);
	tu_flow(g, x, end, OPFLOW_FLOW_FS, 0);
	tu_flow(g, y, end, OPFLOW_FLOW_FS, 0);
	s = run(g, NULL, OPFLOW_DISTRIBUTION_TRIANGULAR, n, 12, 2);
	activity(s, x, &crit_x, &sens_x, &cruc_x);
	activity(s, y, &crit_y, &sens_y, &cruc_y);
	WITHIN(crit_x, 16.0 / 54.0, sqrt(16.0 / 54.0 * 38.0 / 54.0 / (double)n),
	       "criticality of x");
	ck_assert_uint_eq((uint64_t)nearbyint(crit_x * (double)n) +
	                  (uint64_t)nearbyint(crit_y * (double)n), n);
	TU_DOUBLE_EQ(sens_y, 0.0);
	TU_DOUBLE_EQ(cruc_y, 0.0);
	TU_DOUBLE_EQ(cruc_x, crit_x * sens_x);

	lead = samples(s, OPFLOW_MEASURE_LEAD_TIME);
	sorted = sorted_copy(lead, (size_t)n);
	for (size_t i = 0, run_end; i < n; i = run_end) {
		double ry;

		for (run_end = i + 1;
		     run_end < n && sorted[run_end] == sorted[i]; run_end++)
			;
		ry = (double)(i + 1 + run_end) / 2.0;
		syy += (double)(run_end - i) * (ry - mid) * (ry - mid);
	}
	/* the ties are there: at least the x below 5 */
	ck_assert(sorted[n / 4] == 9.0);
	sxx = (double)n * ((double)n * (double)n - 1.0) / 12.0;
	ck_assert_msg(fabs(sens_x - sqrt(syy / sxx)) <= 1e-12,
	    "sensitivity of x is %.17g, expected %.17g", sens_x,
	    sqrt(syy / sxx));
	ck_assert(sens_x > 0.5 && sens_x < 1.0);

	/* the columns, in id order, exactly as opflow_simulation_activity */
	TU_OK(opflow_simulation_column(column, 4, s, OPFLOW_RISK_CRUCIALITY));
	TU_DOUBLE_EQ(column[x], cruc_x);
	TU_DOUBLE_EQ(column[y], 0.0);
	TU_OK(opflow_simulation_column(column, 4, s, OPFLOW_RISK_SENSITIVITY));
	TU_DOUBLE_EQ(column[x], sens_x);
	TU_OK(opflow_simulation_column(column, 4, s, OPFLOW_RISK_CRITICALITY));
	TU_DOUBLE_EQ(column[x], crit_x);
	TU_DOUBLE_EQ(column[y], crit_y);
	TU_DOUBLE_EQ(column[start], 1.0);
	TU_DOUBLE_EQ(column[end], 1.0);
	free(lead);
	free(sorted);
	opflow_simulation_free(s);
	opflow_graph_free(g);
}
END_TEST

/* ------------------------------------------------------------ reference */

/*
 * The value chain of tests/simulate_reference.py (its docstring draws
 * it), simulated for 1000 iterations from the seed 0xC0FFEE1234567890.
 * The arrays below are what `python3 tests/simulate_reference.py
 * --print` prints: the mean, standard deviation, minimum, maximum and
 * P80 of the lead time, the mean and standard deviation of the
 * production span, and the first eight samples of both, computed there
 * without the library.  Running the script without arguments (as make
 * check does) compares them with its own figures.
 */
#define REF_SEED UINT64_C(0xC0FFEE1234567890)
#define REF_ITERATIONS 1000

static const double ref_tri_lead[] = {
	0x1.17bd3e94bd4ecp+4, /* 17.48370226003037 */
	0x1.afc9083e5c0e1p+0, /* 1.6866612579579441 */
	0x1.bd72694d03007p+3, /* 13.920216226972128 */
	0x1.6e714519f9f8cp+4, /* 22.902653790922656 */
	0x1.2f20ebbd6a450p+4, /* 18.945537319090647 */
};
static const double ref_tri_lead_samples[] = {
	0x1.1dee68ac8f1a6p+4, /* 17.870705293711261 */
	0x1.0f1ae2d276dabp+4, /* 16.944063970686027 */
	0x1.352c6d92acaa9p+4, /* 19.323346684405497 */
	0x1.f9af68415d695p+3, /* 15.802662017503545 */
	0x1.6e714519f9f8cp+4, /* 22.902653790922656 */
	0x1.c0dcfabc51b53p+3, /* 14.026975028811341 */
	0x1.2395489383efdp+4, /* 18.223946167213388 */
	0x1.be50d99ef0df0p+3, /* 13.947369394713832 */
};
static const double ref_tri_span[] = {
	0x1.9d530e5b4caccp+3, /* 12.916388681716306 */
	0x1.3022f57d240d6p+0, /* 1.1880334311027148 */
};
static const double ref_tri_span_samples[] = {
	0x1.c1727130df13cp+3, /* 14.045219989253944 */
	0x1.74d9152b552e8p+3, /* 11.651499352106342 */
	0x1.f0a4951ba1c22p+3, /* 15.520090631454938 */
	0x1.80ce971c0c372p+3, /* 12.025218539028831 */
	0x1.c8a23d5fda0e2p+3, /* 14.2698046562295 */
	0x1.5751afd1b625ap+3, /* 10.728721532433315 */
	0x1.8999d131008fbp+3, /* 12.300026508052261 */
	0x1.59623d141b3bcp+3, /* 10.793242015142702 */
};
static const double ref_pert_lead[] = {
	0x1.04c305051a46ap+4, /* 16.297612209255398 */
	0x1.45c0f6e43cd2dp+0, /* 1.2724756533833201 */
	0x1.b97de6c724ff8p+3, /* 13.796618832544468 */
	0x1.570d3f0da6abbp+4, /* 21.440733960461085 */
	0x1.14f422e2efb44p+4, /* 17.309603582830519 */
};
static const double ref_pert_lead_samples[] = {
	0x1.09dd7e4e3004cp+4, /* 16.616575532360272 */
	0x1.d06761bd77747p+3, /* 14.512619848300927 */
	0x1.c0681f441ae08p+3, /* 14.01271022130733 */
	0x1.10e9487aceed0p+4, /* 17.056953887672364 */
	0x1.05f531abdbfb8p+4, /* 16.37236182339231 */
	0x1.dce926f3bb940p+3, /* 14.903460956612093 */
	0x1.e243097208fbbp+3, /* 15.070683214878832 */
	0x1.053693d3e2fa5p+4, /* 16.325824573213726 */
};
static const double ref_pert_span[] = {
	0x1.8acbda55447adp+3, /* 12.337384382761082 */
	0x1.f0ce2fcbdd38bp-1, /* 0.97032307971549991 */
};
static const double ref_pert_span_samples[] = {
	0x1.b3b52d5364d95p+3, /* 13.615866339567939 */
	0x1.633f6582136cbp+3, /* 11.10148883252568 */
	0x1.55b6899df3dbfp+3, /* 10.678532417775271 */
	0x1.7aebf9dab9a12p+3, /* 11.841305663297167 */
	0x1.9133eda5cf75dp+3, /* 12.537588905189915 */
	0x1.79e61896573a4p+3, /* 11.809337895998233 */
	0x1.6de4e2c0919e2p+3, /* 11.434190155135131 */
	0x1.7a9d8a00d97b8p+3, /* 11.831730844172725 */
};

static const char *const ref_keys[] = {
	"pack", "design", "buy", "cut", "weld", "sell", "ship", "test"
};

static opflow_graph *reference_graph(void)
{
	opflow_graph *g = tu_graph();

	est_act(g, "pack", OPFLOW_CATEGORY_PACKAGING, 1, 2, 4);
	est_act(g, "design", OPFLOW_CATEGORY_PRODUCT_DEVELOPMENT, 3, 5, 9);
	tu_add_dur(g, "buy", OPFLOW_CATEGORY_PROCUREMENT, 4);
	est_act(g, "cut", OPFLOW_CATEGORY_MANUFACTURING, 2, 3, 7);
	est_act(g, "weld", OPFLOW_CATEGORY_ASSEMBLY, 4, 4, 4);
	tu_add_dur(g, "sell", OPFLOW_CATEGORY_SALES, 2);
	est_act(g, "ship", OPFLOW_CATEGORY_LOGISTICS, 1, 1, 3);
	est_act(g, "test", OPFLOW_CATEGORY_QUALITY_CONTROL, 0.5, 1.5, 2);
	tu_flow(g, 1, 3, OPFLOW_FLOW_FS, 0);
	tu_flow(g, 2, 3, OPFLOW_FLOW_FS, 1);
	tu_flow(g, 3, 4, OPFLOW_FLOW_SS, 1);
	tu_flow(g, 3, 4, OPFLOW_FLOW_FF, 2);
	tu_flow(g, 4, 0, OPFLOW_FLOW_FS, -0.5);
	tu_flow(g, 2, 7, OPFLOW_FLOW_SS, 0.5);
	tu_flow(g, 7, 0, OPFLOW_FLOW_FF, 0);
	tu_flow(g, 0, 6, OPFLOW_FLOW_FS, 0);
	tu_flow(g, 1, 5, OPFLOW_FLOW_SF, 6);
	tu_flow(g, 6, 5, OPFLOW_FLOW_FS, 0);
	return g;
}

static void expect_bits(const double *got, const double *want, size_t n,
                        const char *what)
{
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(tu_same_double(got[i], want[i]),
		    "%s[%zu] is %a (%.17g), the reference %a (%.17g)", what, i,
		    got[i], got[i], want[i], want[i]);
}

static void expect_reference(const opflow_simulation *s, const double *lead,
                             const double *lead_samples, const double *span,
                             const double *span_samples, const char *what)
{
	double got[5], x[REF_ITERATIONS + 2];
	char name[64];

	TU_OK(opflow_simulation_summary(&got[0], &got[1], &got[2], &got[3], s,
	                                OPFLOW_MEASURE_LEAD_TIME));
	got[4] = percentile(s, OPFLOW_MEASURE_LEAD_TIME, 80);
	snprintf(name, sizeof name, "%s lead time", what);
	expect_bits(got, lead, 5, name);
	TU_OK(opflow_simulation_summary(&got[0], &got[1], NULL, NULL, s,
	                                OPFLOW_MEASURE_PRODUCTION_SPAN));
	snprintf(name, sizeof name, "%s production span", what);
	expect_bits(got, span, 2, name);

	/* room for more than there is: the rest stays as it was */
	x[REF_ITERATIONS] = x[REF_ITERATIONS + 1] = -7.0;
	TU_OK(opflow_simulation_samples(x, REF_ITERATIONS + 2, s,
	                                OPFLOW_MEASURE_LEAD_TIME));
	snprintf(name, sizeof name, "%s lead time samples", what);
	expect_bits(x, lead_samples, 8, name);
	TU_DOUBLE_EQ(x[REF_ITERATIONS], -7.0);
	TU_DOUBLE_EQ(x[REF_ITERATIONS + 1], -7.0);
	/* fewer than there are: only those */
	x[3] = -7.0;
	TU_OK(opflow_simulation_samples(x, 3, s,
	                                OPFLOW_MEASURE_PRODUCTION_SPAN));
	snprintf(name, sizeof name, "%s production span samples", what);
	expect_bits(x, span_samples, 3, name);
	TU_DOUBLE_EQ(x[3], -7.0);
	TU_OK(opflow_simulation_samples(x, 8, s,
	                                OPFLOW_MEASURE_PRODUCTION_SPAN));
	expect_bits(x, span_samples, 8, name);
	TU_OK(opflow_simulation_samples(NULL, 0, s, OPFLOW_MEASURE_LEAD_TIME));
}

START_TEST(reference_bits)
{
	for (int threads = 1; threads <= 2; threads++) {
		opflow_graph *g = reference_graph();
		opflow_simulation *tri, *pert;
		const char *key;

		tri = run(g, NULL, OPFLOW_DISTRIBUTION_TRIANGULAR,
		          REF_ITERATIONS, REF_SEED, threads);
		pert = run(g, NULL, OPFLOW_DISTRIBUTION_PERT, REF_ITERATIONS,
		           REF_SEED, threads);
		/* the result lives without the graph, its keys included */
		opflow_graph_free(g);
		expect_reference(tri, ref_tri_lead, ref_tri_lead_samples,
		                 ref_tri_span, ref_tri_span_samples,
		                 "triangular");
		expect_reference(pert, ref_pert_lead, ref_pert_lead_samples,
		                 ref_pert_span, ref_pert_span_samples, "pert");
		ck_assert_uint_eq(opflow_simulation_activity_count(tri), 8);
		for (opflow_id id = 0; id < 8; id++) {
			TU_OK(opflow_simulation_activity_key(&key, pert, id));
			ck_assert_str_eq(key, ref_keys[id]);
		}
		opflow_simulation_free(tri);
		opflow_simulation_free(pert);
	}
}
END_TEST

/* ---------------------------------------------------------- threads */

static uint64_t mix(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

static uint32_t below(uint64_t *state, uint32_t n)
{
	return (uint32_t)((mix(state) >> 33) % n);
}

/* A random value chain of n activities: ids in an order of their own,
 * all four flow types, lags of both signs, production and operation
 * activities, estimates on about half (some with o == p or m == o). */
static opflow_graph *random_graph(size_t n, uint64_t seed)
{
	opflow_graph *g = tu_graph();
	uint64_t st = seed;
	opflow_id *perm = malloc(n * sizeof *perm);
	char key[32];

	ck_assert_ptr_nonnull(perm);
	for (size_t i = 0; i < n; i++)
		perm[i] = (opflow_id)i;
	for (size_t i = n; i > 1; i--) {
		size_t j = below(&st, (uint32_t)i);
		opflow_id t = perm[i - 1];

		perm[i - 1] = perm[j];
		perm[j] = t;
	}
	for (size_t i = 0; i < n; i++) {
		opflow_category cat = (opflow_category)below(&st, 15);

		snprintf(key, sizeof key, "act-%zu", i);
		if (below(&st, 2)) {
			double o = below(&st, 6), m = o + below(&st, 4);

			est_act(g, key, cat, o, m, below(&st, 8) == 0 ? m :
			        m + 0.5 * (1 + below(&st, 12)));
		} else {
			tu_add_dur(g, key, cat, 0.25 * below(&st, 30));
		}
	}
	/* perm[r] is the activity of topological rank r */
	for (size_t r = 1; r < n; r++) {
		uint32_t preds = 1 + below(&st, 3);

		for (uint32_t k = 0; k < preds; k++) {
			size_t back = 1 + below(&st, r < 20 ? (uint32_t)r : 20);
			opflow_id f;
			int rc = opflow_graph_add_flow(&f, g, perm[r - back],
			         perm[r], (opflow_flow_type)below(&st, 4),
			         0.5 * ((double)below(&st, 9) - 3.0));

			ck_assert(rc == 0 || rc == OPFLOW_EEXISTS);
		}
	}
	free(perm);
	return g;
}

/* Everything a simulation tells, to compare bit for bit. */
struct snap {
	size_t n, acts;
	double *x[2];                   /* samples */
	double summary[2][4], pct[2][7], edges[2][10], prob;
	uint64_t counts[2][9], ranked;
	double *column[3];
};

static void snap_take(struct snap *sp, const opflow_simulation *s)
{
	static const double ps[] = { 0, 0.1, 50, 80, 95, 99.9, 100 };

	memset(sp, 0, sizeof *sp);
	sp->n = (size_t)opflow_simulation_iterations(s);
	sp->acts = opflow_simulation_activity_count(s);
	for (int m = 0; m < 2; m++) {
		sp->x[m] = samples(s, (opflow_measure)m);
		TU_OK(opflow_simulation_summary(&sp->summary[m][0],
		    &sp->summary[m][1], &sp->summary[m][2], &sp->summary[m][3],
		    s, (opflow_measure)m));
		for (size_t i = 0; i < COUNT(ps); i++)
			sp->pct[m][i] = percentile(s, (opflow_measure)m, ps[i]);
		TU_OK(opflow_simulation_histogram(sp->counts[m],
		    sp->edges[m], 9, s, (opflow_measure)m));
	}
	TU_OK(opflow_simulation_probability(&sp->prob, s));
	sp->ranked = opflow_simulation_sensitivity_iterations(s);
	for (int c = 0; c < 3; c++) {
		sp->column[c] = malloc(sp->acts * sizeof(double));
		ck_assert_ptr_nonnull(sp->column[c]);
		TU_OK(opflow_simulation_column(sp->column[c], sp->acts, s,
		                               (opflow_risk)c));
	}
}

static void snap_free(struct snap *sp)
{
	for (int m = 0; m < 2; m++)
		free(sp->x[m]);
	for (int c = 0; c < 3; c++)
		free(sp->column[c]);
}

static void snap_same(const struct snap *a, const struct snap *b,
                      const char *what)
{
	ck_assert_msg(a->n == b->n && a->acts == b->acts, "%s: sizes", what);
	for (int m = 0; m < 2; m++) {
		ck_assert_msg(!memcmp(a->x[m], b->x[m], a->n * sizeof(double)),
		              "%s: samples of measure %d", what, m);
		ck_assert_msg(!memcmp(a->summary[m], b->summary[m],
		              sizeof a->summary[m]), "%s: summary %d", what, m);
		ck_assert_msg(!memcmp(a->pct[m], b->pct[m], sizeof a->pct[m]),
		              "%s: percentiles %d", what, m);
		ck_assert_msg(!memcmp(a->counts[m], b->counts[m],
		              sizeof a->counts[m]), "%s: histogram %d", what,
		              m);
		ck_assert_msg(!memcmp(a->edges[m], b->edges[m],
		              sizeof a->edges[m]), "%s: edges %d", what, m);
	}
	ck_assert_msg(tu_same_double(a->prob, b->prob), "%s: probability",
	              what);
	ck_assert_msg(a->ranked == b->ranked, "%s: ranked", what);
	for (int c = 0; c < 3; c++)
		ck_assert_msg(!memcmp(a->column[c], b->column[c],
		              a->acts * sizeof(double)), "%s: column %d", what,
		              c);
}

START_TEST(same_bits_any_threads)
{
	static const int threads[] = { 1, 2, 3, 8 };
	const uint64_t n = under_valgrind() ? 400 : 3000;
	opflow_graph *g = random_graph(300, 99);
	opflow_analysis_options ao = OPFLOW_ANALYSIS_OPTIONS_INIT;
	int distribution = _i;
	struct snap ref, other;
	opflow_simulation *s;
	int nonzero = 0;
	char what[64];

	ao.has_deadline = 1;
	ao.deadline = 40;
	s = run(g, &ao, distribution, n, 2024, 1);
	snap_take(&ref, s);
	opflow_simulation_free(s);
	/* something to compare: spread, criticalities and sensitivities
	 * other than 0 and 1 */
	ck_assert(ref.summary[0][1] > 0.0);
	for (size_t i = 0; i < ref.acts; i++)
		nonzero += ref.column[0][i] > 0.0 && ref.column[0][i] < 1.0 &&
		           ref.column[1][i] != 0.0;
	ck_assert_int_gt(nonzero, 0);

	for (size_t t = 0; t < COUNT(threads); t++) {
		opflow_simulation_options got;

		for (int again = 0; again < 2; again++) {
			s = run(g, &ao, distribution, n, 2024, threads[t]);
			snap_take(&other, s);
			snprintf(what, sizeof what, "%s, %d threads, run %d",
			         opflow_distribution_name(distribution),
			         threads[t], again);
			snap_same(&ref, &other, what);
			snap_free(&other);
			got.version = OPFLOW_SIMULATION_OPTIONS_VERSION;
			TU_OK(opflow_simulation_get_options(&got, s));
			ck_assert_int_eq(got.threads, threads[t]);
			ck_assert_int_eq(got.distribution, distribution);
			ck_assert_uint_eq(got.iterations, n);
			ck_assert_uint_eq(got.seed, 2024);
			ck_assert_int_eq(got.sensitivity, 1);
			opflow_simulation_free(s);
		}
	}

	/* another seed: other samples */
	s = run(g, &ao, distribution, n, 2025, 2);
	snap_take(&other, s);
	ck_assert(memcmp(ref.x[0], other.x[0], n * sizeof(double)) != 0);
	ck_assert(!tu_same_double(ref.summary[0][0], other.summary[0][0]));
	snap_free(&other);
	opflow_simulation_free(s);
	snap_free(&ref);
	opflow_graph_free(g);
}
END_TEST

/* More threads than iterations, and the defaults. */
START_TEST(threads_and_defaults)
{
	opflow_graph *g = reference_graph();
	opflow_simulation_options got;
	opflow_simulation *s, *d;
	double *x, *y;

	s = run(g, NULL, OPFLOW_DISTRIBUTION_PERT, 5, 3, 1);
	d = run(g, NULL, OPFLOW_DISTRIBUTION_PERT, 5, 3, 8);
	got.version = 1;
	TU_OK(opflow_simulation_get_options(&got, d));
	ck_assert_int_ge(got.threads, 1);
	ck_assert_int_le(got.threads, 8);
	x = samples(s, OPFLOW_MEASURE_LEAD_TIME);
	y = samples(d, OPFLOW_MEASURE_LEAD_TIME);
	ck_assert(memcmp(x, y, 5 * sizeof *x) == 0);
	free(x);
	free(y);
	opflow_simulation_free(s);
	opflow_simulation_free(d);

	/* NULL options: triangular, 10000 iterations, seed 0, a thread per
	 * processor, sensitivities */
	TU_OK(opflow_simulate(&d, g, NULL, NULL));
	got.version = 1;
	TU_OK(opflow_simulation_get_options(&got, d));
	ck_assert_int_eq(got.distribution, OPFLOW_DISTRIBUTION_TRIANGULAR);
	ck_assert_uint_eq(got.iterations, 10000);
	ck_assert_uint_eq(got.seed, 0);
	ck_assert_int_ge(got.threads, 1);
	ck_assert_int_eq(got.sensitivity, 1);
	ck_assert_uint_eq(opflow_simulation_sensitivity_iterations(d), 10000);
	s = run(g, NULL, OPFLOW_DISTRIBUTION_TRIANGULAR, 10000, 0, 1);
	/* no deadline in either: the probability is absent, so compare the
	 * rest by hand */
	for (int m = 0; m < 2; m++) {
		x = samples(s, (opflow_measure)m);
		y = samples(d, (opflow_measure)m);
		ck_assert(memcmp(x, y, 10000 * sizeof *x) == 0);
		free(x);
		free(y);
	}
	for (int c = 0; c < 3; c++) {
		double cx[8], cy[8];

		TU_OK(opflow_simulation_column(cx, 8, s, (opflow_risk)c));
		TU_OK(opflow_simulation_column(cy, 8, d, (opflow_risk)c));
		ck_assert(memcmp(cx, cy, sizeof cx) == 0);
	}
	opflow_simulation_free(s);
	opflow_simulation_free(d);
	opflow_graph_free(g);
}
END_TEST

/* ---------------------------------------------------------- estimators */

/*
 * 20000 iterations of the reference chain.  Nearest rank ceil(p/100 x N),
 * at least 1: p = 0 -> 1 (the minimum), 0.1 -> 20, 50 -> 10000,
 * 80 -> 16000, 95 -> 19000, 100 -> 20000 (the maximum); also 12.345 ->
 * ceil(2469) = 2469 and 12.3456 -> ceil(2469.12) = 2470.
 */
START_TEST(percentiles_and_stddev)
{
	static const struct {
		double p;
		size_t rank;
	} cases[] = {
		{ 0, 1 }, { 0.1, 20 }, { 50, 10000 }, { 80, 16000 },
		{ 95, 19000 }, { 100, 20000 }, { 12.345, 2469 },
		{ 12.3456, 2470 },
	};
	const size_t n = 20000;
	opflow_graph *g = reference_graph();
	opflow_simulation *s = run(g, NULL, OPFLOW_DISTRIBUTION_TRIANGULAR, n,
	                           77, 2);

	for (int m = 0; m < 2; m++) {
		double *x = samples(s, (opflow_measure)m);
		double *sorted = sorted_copy(x, n);
		double sum = 0.0, sq = 0.0, mean, sd, min, max;

		for (size_t i = 0; i < COUNT(cases); i++)
			ck_assert_msg(tu_same_double(percentile(s,
			    (opflow_measure)m, cases[i].p),
			    sorted[cases[i].rank - 1]),
			    "P%g of measure %d is not the sample of rank %zu",
			    cases[i].p, m, cases[i].rank);
		for (size_t i = 0; i < n; i++)
			sum += x[i];
		mean = sum / (double)n;
		for (size_t i = 0; i < n; i++)
			sq += (x[i] - mean) * (x[i] - mean);
		TU_OK(opflow_simulation_summary(NULL, &sd, &min, &max, s,
		                                (opflow_measure)m));
		/* the mean summed in iteration order, as documented */
		TU_DOUBLE_EQ(mean_of(s, (opflow_measure)m), mean);
		ck_assert_msg(fabs(sd - sqrt(sq / (double)(n - 1))) <=
		              1e-13 * sd, "stddev %.17g, over N - 1 %.17g, "
		              "over N %.17g", sd, sqrt(sq / (double)(n - 1)),
		              sqrt(sq / (double)n));
		TU_DOUBLE_EQ(min, sorted[0]);
		TU_DOUBLE_EQ(max, sorted[n - 1]);
		free(x);
		free(sorted);
	}
	opflow_simulation_free(s);

	/* two iterations: (x0 - m)^2 + (x1 - m)^2 = (x0 - x1)^2 / 2, over
	 * N - 1 = 1, so the deviation is |x0 - x1| / sqrt(2); P50 is the
	 * lower sample (rank 1), P50.1 the upper (rank ceil(1.002) = 2) */
	s = run(g, NULL, OPFLOW_DISTRIBUTION_PERT, 2, 78, 2);
	{
		double x[2], sd;

		TU_OK(opflow_simulation_samples(x, 2, s,
		                                OPFLOW_MEASURE_LEAD_TIME));
		ck_assert(x[0] != x[1]);
		sd = stddev_of(s, OPFLOW_MEASURE_LEAD_TIME);
		ck_assert_msg(fabs(sd - fabs(x[0] - x[1]) / sqrt(2.0)) <=
		              1e-14 * sd, "stddev of two: %.17g", sd);
		TU_DOUBLE_EQ(percentile(s, OPFLOW_MEASURE_LEAD_TIME, 50),
		             fmin(x[0], x[1]));
		TU_DOUBLE_EQ(percentile(s, OPFLOW_MEASURE_LEAD_TIME, 50.1),
		             fmax(x[0], x[1]));
	}
	opflow_simulation_free(s);
	opflow_graph_free(g);
}
END_TEST

/* The bin of x among bins equal-width bins of edges (the last closed),
 * found by a scan of the edges. */
static size_t bin_of(double x, const double *edges, size_t bins)
{
	for (size_t b = 0; b + 1 < bins; b++)
		if (x >= edges[b] && x < edges[b + 1])
			return b;
	ck_assert_msg(x >= edges[bins - 1] && x <= edges[bins],
	              "%.17g is outside the histogram", x);
	return bins - 1;
}

START_TEST(histograms)
{
	static const size_t sizes[] = { 1, 2, 7, 64, 1000 };
	const size_t n = 20000;
	opflow_graph *g = reference_graph();
	opflow_simulation *s = run(g, NULL, OPFLOW_DISTRIBUTION_PERT, n, 5, 2);
	uint64_t *counts = malloc(1000 * sizeof *counts);
	uint64_t *mine = malloc(1000 * sizeof *mine);
	double *edges = malloc(1001 * sizeof *edges);

	ck_assert(counts && mine && edges);
	for (int m = 0; m < 2; m++) {
		double *x = samples(s, (opflow_measure)m);
		double *sorted = sorted_copy(x, n);
		double lo = sorted[0], hi = sorted[n - 1];

		for (size_t k = 0; k < COUNT(sizes); k++) {
			size_t bins = sizes[k];
			uint64_t sum = 0;

			TU_OK(opflow_simulation_histogram(counts, edges, bins,
			    s, (opflow_measure)m));
			for (size_t b = 0; b < bins; b++)
				TU_DOUBLE_EQ(edges[b], lo + (hi - lo) *
				             ((double)b / (double)bins));
			TU_DOUBLE_EQ(edges[bins], hi);
			memset(mine, 0, bins * sizeof *mine);
			for (size_t i = 0; i < n; i++)
				mine[bin_of(x[i], edges, bins)]++;
			for (size_t b = 0; b < bins; b++) {
				ck_assert_msg(counts[b] == mine[b],
				    "measure %d, %zu bins: bin %zu holds %llu, "
				    "counted %llu", m, bins, b,
				    (unsigned long long)counts[b],
				    (unsigned long long)mine[b]);
				sum += counts[b];
			}
			ck_assert_uint_eq(sum, n);
			/* the maximum is in the last bin */
			ck_assert_uint_ge(counts[bins - 1], 1);
			/* the same counts without the edges */
			memset(mine, 0xff, bins * sizeof *mine);
			TU_OK(opflow_simulation_histogram(mine, NULL, bins, s,
			                                  (opflow_measure)m));
			ck_assert(memcmp(mine, counts,
			                 bins * sizeof *mine) == 0);
		}
		free(x);
		free(sorted);
	}
	free(counts);
	free(mine);
	free(edges);
	opflow_simulation_free(s);
	opflow_graph_free(g);
}
END_TEST

/*
 * A histogram whose samples fall on its inner edges: the lead time of
 * start (1) -> x (2, 5, 11) -> end (1) beside start -> y (7) -> end is 9
 * for x < 7 (two thirds of the iterations and more: the minimum), else
 * x + 2.  With 1 bin, everything in it; with several, the ties at the
 * minimum in the first, which starts at it.
 */
START_TEST(histogram_ties_at_minimum)
{
	const size_t n = 3000;
	opflow_graph *g = tu_graph();
	opflow_id start, x, y, end;
	opflow_simulation *s;
	uint64_t counts[4];
	double edges[5], *lead;
	size_t at_min = 0;

	start = tu_add_dur(g, "start", OPFLOW_CATEGORY_OTHER, 1);
	x = est_act(g, "x", OPFLOW_CATEGORY_OTHER, 2, 5, 11);
	y = tu_add_dur(g, "y", OPFLOW_CATEGORY_OTHER, 7);
	end = tu_add_dur(g, "end", OPFLOW_CATEGORY_OTHER, 1);
	tu_flow(g, start, x, OPFLOW_FLOW_FS, 0);
	tu_flow(g, start, y, OPFLOW_FLOW_FS, 0);
	tu_flow(g, x, end, OPFLOW_FLOW_FS, 0);
	tu_flow(g, y, end, OPFLOW_FLOW_FS, 0);
	s = run(g, NULL, OPFLOW_DISTRIBUTION_TRIANGULAR, n, 8, 2);
	lead = samples(s, OPFLOW_MEASURE_LEAD_TIME);
	for (size_t i = 0; i < n; i++)
		at_min += lead[i] == 9.0;
	ck_assert_uint_gt(at_min, n / 2);
	TU_OK(opflow_simulation_histogram(counts, edges, 4, s,
	                                  OPFLOW_MEASURE_LEAD_TIME));
	TU_DOUBLE_EQ(edges[0], 9.0);
	ck_assert_uint_ge(counts[0], at_min);
	ck_assert_uint_eq(counts[0] + counts[1] + counts[2] + counts[3], n);
	TU_OK(opflow_simulation_histogram(counts, edges, 1, s,
	                                  OPFLOW_MEASURE_LEAD_TIME));
	ck_assert_uint_eq(counts[0], n);
	TU_DOUBLE_EQ(edges[0], 9.0);
	free(lead);
	opflow_simulation_free(s);
	opflow_graph_free(g);
}
END_TEST

START_TEST(probability)
{
	const size_t n = 20000;
	opflow_graph *g = reference_graph();
	opflow_analysis_options ao = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_simulation *s;
	double *x, p, deadlines[4];

	/* without a deadline: absent, and 0 */
	s = run(g, NULL, OPFLOW_DISTRIBUTION_TRIANGULAR, n, 31, 2);
	p = 42;
	TU_FAILS(NULL, opflow_simulation_probability(&p, s), OPFLOW_ENOTFOUND,
	         "deadline");
	TU_DOUBLE_EQ(p, 0.0);
	x = samples(s, OPFLOW_MEASURE_LEAD_TIME);
	opflow_simulation_free(s);

	/* a round deadline, a sample itself (met: <=), below every sample
	 * and above every sample */
	deadlines[0] = 17.5;
	deadlines[1] = x[123];
	deadlines[2] = 13.0;
	deadlines[3] = 30.0;
	for (size_t k = 0; k < COUNT(deadlines); k++) {
		size_t met = 0;

		for (size_t i = 0; i < n; i++)
			met += x[i] <= deadlines[k];
		ao.has_deadline = 1;
		ao.deadline = deadlines[k];
		s = run(g, &ao, OPFLOW_DISTRIBUTION_TRIANGULAR, n, 31, 2);
		TU_OK(opflow_simulation_probability(&p, s));
		TU_DOUBLE_EQ(p, (double)met / (double)n);
		opflow_simulation_free(s);
	}
	free(x);
	opflow_graph_free(g);
}
END_TEST

/*
 * The production span: the production activities and the flows among
 * them alone.  design (operation, estimate 3/5/9) -> cut (manufacturing,
 * estimate 2/3/7) -> ship (logistics, 2) -> pack (packaging, 1), and
 * cut -SS +1-> weld (assembly, 4).
 * Lead time: design + cut + 2 + 1 (weld ends at design + 5, no later
 * than pack since cut >= 2), in [8, 19].
 * Span: cut starts at 0 (design is an operation), weld at 1 and ends at
 * 5, pack starts at 0 (its only predecessor is an operation) and ends at
 * 1: max(cut, 5), in [5, 7]; when it is above 5 it is cut, and the lead
 * time less the span is design + 3, in [6, 12].
 * Its mean: 5 + E[(cut - 5)+], with P(cut > t) = (7 - t)^2 / 20 above
 * the mode 3, so E[(cut - 5)+] = the integral from 5 to 7 of
 * (7 - t)^2 / 20 dt = 8 / 60 = 2/15.  Its variance is below cut's,
 * (4 + 9 + 49 - 6 - 14 - 21) / 18 = 21/18, so its mean's standard
 * error below sqrt(21/18 / N).
 */
START_TEST(production_span)
{
	opflow_graph *g = tu_graph();
	opflow_id design, cut, ship, pack, weld;
	opflow_simulation *s;
	double *lead, *span, mean;
	const size_t n = 5000;

	design = est_act(g, "design", OPFLOW_CATEGORY_PRODUCT_DEVELOPMENT, 3,
	                 5, 9);
	cut = est_act(g, "cut", OPFLOW_CATEGORY_MANUFACTURING, 2, 3, 7);
	ship = tu_add_dur(g, "ship", OPFLOW_CATEGORY_LOGISTICS, 2);
	pack = tu_add_dur(g, "pack", OPFLOW_CATEGORY_PACKAGING, 1);
	weld = tu_add_dur(g, "weld", OPFLOW_CATEGORY_ASSEMBLY, 4);
	tu_flow(g, design, cut, OPFLOW_FLOW_FS, 0);
	tu_flow(g, cut, ship, OPFLOW_FLOW_FS, 0);
	tu_flow(g, ship, pack, OPFLOW_FLOW_FS, 0);
	tu_flow(g, cut, weld, OPFLOW_FLOW_SS, 1);
	s = run(g, NULL, OPFLOW_DISTRIBUTION_TRIANGULAR, n, 41, 2);
	lead = samples(s, OPFLOW_MEASURE_LEAD_TIME);
	span = samples(s, OPFLOW_MEASURE_PRODUCTION_SPAN);
	for (size_t i = 0; i < n; i++) {
		ck_assert(span[i] >= 5.0 && span[i] <= 7.0);
		ck_assert(lead[i] >= 8.0 && lead[i] <= 19.0);
		if (span[i] > 5.0)
			ck_assert(lead[i] - span[i] >= 6.0 - 1e-12 &&
			          lead[i] - span[i] <= 12.0 + 1e-12);
	}
	mean = mean_of(s, OPFLOW_MEASURE_PRODUCTION_SPAN);
	WITHIN(mean, 5.0 + 2.0 / 15.0, sqrt(21.0 / 18.0 / (double)n),
	       "mean production span");
	free(lead);
	free(span);
	opflow_simulation_free(s);
	opflow_graph_free(g);

	/* no production activity: the span is absent from every accessor */
	g = tu_graph();
	design = est_act(g, "design", OPFLOW_CATEGORY_PRODUCT_DEVELOPMENT, 3,
	                 5, 9);
	ship = tu_add_dur(g, "ship", OPFLOW_CATEGORY_LOGISTICS, 2);
	tu_flow(g, design, ship, OPFLOW_FLOW_FS, 0);
	s = run(g, NULL, OPFLOW_DISTRIBUTION_PERT, 100, 41, 1);
	{
		double v = 42, x[4] = { 42, 42, 42, 42 };
		uint64_t c[2] = { 42, 42 };

		TU_FAILS(NULL, opflow_simulation_summary(&v, &v, &v, &v, s,
		         OPFLOW_MEASURE_PRODUCTION_SPAN), OPFLOW_ENOTFOUND,
		         "production");
		TU_DOUBLE_EQ(v, 42.0);
		TU_FAILS(NULL, opflow_simulation_percentile(&v, s,
		         OPFLOW_MEASURE_PRODUCTION_SPAN, 50), OPFLOW_ENOTFOUND,
		         "production");
		TU_DOUBLE_EQ(v, 42.0);
		TU_FAILS(NULL, opflow_simulation_histogram(c, x, 2, s,
		         OPFLOW_MEASURE_PRODUCTION_SPAN), OPFLOW_ENOTFOUND,
		         "production");
		ck_assert_uint_eq(c[0], 42);
		TU_DOUBLE_EQ(x[0], 42.0);
		TU_FAILS(NULL, opflow_simulation_samples(x, 4, s,
		         OPFLOW_MEASURE_PRODUCTION_SPAN), OPFLOW_ENOTFOUND,
		         "production");
		TU_DOUBLE_EQ(x[0], 42.0);
		/* the lead time is there */
		TU_OK(opflow_simulation_summary(&v, NULL, NULL, NULL, s,
		                                OPFLOW_MEASURE_LEAD_TIME));
		ck_assert(v >= 5.0 && v <= 11.0);
	}
	opflow_simulation_free(s);
	opflow_graph_free(g);
}
END_TEST

/* How many iterations the sensitivities rank, below 2^27 durations. */
START_TEST(ranked_small)
{
	opflow_graph *g = reference_graph();  /* 6 estimates, 1 of o == p */
	opflow_simulation_options o = OPFLOW_SIMULATION_OPTIONS_INIT;
	opflow_simulation *s;
	double col[8];

	s = run(g, NULL, OPFLOW_DISTRIBUTION_TRIANGULAR, 20000, 1, 2);
	ck_assert_uint_eq(opflow_simulation_sensitivity_iterations(s), 20000);
	/* weld (4/4/4) is constant: no sensitivity */
	TU_OK(opflow_simulation_column(col, 8, s, OPFLOW_RISK_SENSITIVITY));
	TU_DOUBLE_EQ(col[4], 0.0);
	ck_assert(col[1] > 0.0);        /* design drives the lead time */
	opflow_simulation_free(s);

	/* sensitivity 0: none ranked, every sensitivity and cruciality 0 */
	o.iterations = 2000;
	o.sensitivity = 0;
	o.threads = 2;
	TU_OK(opflow_simulate(&s, g, NULL, &o));
	ck_assert_uint_eq(opflow_simulation_sensitivity_iterations(s), 0);
	for (int c = 1; c <= 2; c++) {
		TU_OK(opflow_simulation_column(col, 8, s, (opflow_risk)c));
		for (int i = 0; i < 8; i++)
			TU_DOUBLE_EQ(col[i], 0.0);
	}
	{
		opflow_simulation_options got;

		got.version = 1;
		TU_OK(opflow_simulation_get_options(&got, s));
		ck_assert_int_eq(got.sensitivity, 0);
	}
	opflow_simulation_free(s);
	opflow_graph_free(g);
}
END_TEST

/*
 * Past 2^27 = 134217728 ranked durations, activities with an estimate
 * and no flow: 70000 of them over 2000 iterations make 1.4 x 10^8, so
 * floor(2^27 / 70000) = 1917 iterations are ranked; 140000 over 1001
 * make 1.4 x 10^8 too, and floor(2^27 / 140000) = 958 is raised to
 * 1000.  Each keeps some 1 GiB of durations and takes a few seconds;
 * skipped under valgrind.
 */
static opflow_graph *many_estimates(size_t count)
{
	opflow_graph *g = tu_graph();
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
	char key[32];

	o.category = OPFLOW_CATEGORY_ASSEMBLY;
	o.has_estimate = 1;
	for (size_t i = 0; i < count; i++) {
		opflow_id id;

		o.optimistic = (double)(i % 5);
		o.most_likely = o.optimistic + 1;
		o.pessimistic = o.most_likely + 1 + (double)(i % 3);
		snprintf(key, sizeof key, "e%zu", i);
		TU_OK(opflow_graph_add_activity_ext(&id, g, key, &o));
	}
	return g;
}

START_TEST(ranked_large)
{
	static const struct {
		size_t count;
		uint64_t iterations, ranked;
	} cases[] = {
		{ 70000, 2000, 1917 },
		{ 140000, 1001, 1000 },
	};
	size_t k = (size_t)_i;
	opflow_graph *g;
	opflow_simulation *s;
	double sens;

	if (under_valgrind())
		return;
	g = many_estimates(cases[k].count);
	s = run(g, NULL, OPFLOW_DISTRIBUTION_TRIANGULAR, cases[k].iterations,
	        9, 2);
	ck_assert_uint_eq(opflow_simulation_sensitivity_iterations(s),
	                  cases[k].ranked);
	activity(s, 0, NULL, &sens, NULL);
	ck_assert(sens >= -1.0 && sens <= 1.0);
	opflow_simulation_free(s);
	opflow_graph_free(g);
}
END_TEST

/* -------------------------------------------------------------- errors */

/* opflow_simulate fails with code, naming every needle, leaving *out and
 * the graph as they were and keeping no block. */
#define SIM_FAILS(graph, aopts, sopts, code, ...)                            \
	do {                                                                 \
		opflow_simulation *sf_s_ = SENTINEL;                         \
		size_t sf_live_ = tu_alloc_live();                           \
		TU_FAILS((graph), opflow_simulate(&sf_s_, (graph), (aopts),  \
		         (sopts)), (code), __VA_ARGS__);                     \
		ck_assert_msg(sf_s_ == SENTINEL, "*out was written");        \
		ck_assert_msg(tu_alloc_live() == sf_live_,                   \
		    "%zu blocks kept by a failed simulation",                \
		    tu_alloc_live() - sf_live_);                             \
	} while (0)

START_TEST(bad_arguments)
{
	opflow_graph *g = reference_graph();
	opflow_simulation_options o;
	opflow_analysis_options ao = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_simulation *s = SENTINEL;

	/* the layout cached beforehand, so that only the call's own
	 * blocks count */
	TU_OK(opflow_graph_prepare(g));
	TU_FAILS(g, opflow_simulate(NULL, g, NULL, NULL), OPFLOW_EINVAL, "out");
	TU_FAILS(NULL, opflow_simulate(&s, NULL, NULL, NULL), OPFLOW_EINVAL,
	         "graph");
	ck_assert_ptr_eq(s, SENTINEL);

#define BAD(field, value, ...)                                               \
	do {                                                                 \
		o = (opflow_simulation_options)OPFLOW_SIMULATION_OPTIONS_INIT; \
		o.iterations = 100;                                          \
		o.field = (value);                                           \
		SIM_FAILS(g, NULL, &o, OPFLOW_EINVAL, __VA_ARGS__);          \
	} while (0)
	BAD(version, 0, "version 0");
	BAD(version, 99, "version 99");
	BAD(iterations, 0, "iterations must be at least 1");
	BAD(distribution, 7, "distribution 7");
	BAD(distribution, -1, "distribution -1");
	BAD(threads, -1, "threads", "-1");
	BAD(sensitivity, 2, "sensitivity", "2");
	BAD(sensitivity, -1, "sensitivity", "-1");
#undef BAD

	/* analysis options as opflow_analyze judges them */
	ao.has_deadline = 1;
	ao.deadline = NAN;
	SIM_FAILS(g, &ao, NULL, OPFLOW_EINVAL, "deadline");
	ao = (opflow_analysis_options)OPFLOW_ANALYSIS_OPTIONS_INIT;
	ao.has_tolerance = 1;
	ao.tolerance = -1;
	SIM_FAILS(g, &ao, NULL, OPFLOW_EINVAL, "tolerance");
	ao = (opflow_analysis_options)OPFLOW_ANALYSIS_OPTIONS_INIT;
	ao.version = 0;
	SIM_FAILS(g, &ao, NULL, OPFLOW_EINVAL, "version");
	opflow_graph_free(g);
}
END_TEST

START_TEST(cycle_and_range)
{
	opflow_graph *g = reference_graph();
	opflow_simulation_options o = OPFLOW_SIMULATION_OPTIONS_INIT;
	opflow_simulation *s = SENTINEL;
	opflow_id a, b;
	int seen_ship = 0;
	size_t live;

	/* ship -> cut closes cut -> weld -> pack -> ship */
	tu_flow(g, 6, 3, OPFLOW_FLOW_FS, 0);
	o.iterations = 100;
	live = tu_alloc_live();
	TU_FAILS(g, opflow_simulate(&s, g, NULL, &o), OPFLOW_ECYCLE, "cycle",
	         "ship");
	ck_assert_ptr_eq(s, SENTINEL);
	ck_assert_uint_eq(opflow_error_cycle_length(), 4);
	for (size_t i = 0; i < 4; i++)
		seen_ship += strcmp(opflow_error_cycle_key(i), "ship") == 0;
	ck_assert_int_eq(seen_ship, 1);
	/* the cycle's keys are the thread's error details, until cleared */
	opflow_error_clear();
	ck_assert_uint_eq(tu_alloc_live(), live);
	opflow_graph_free(g);

	/* the early finish of "late" overflows in every iteration */
	g = tu_graph();
	a = est_act(g, "early", OPFLOW_CATEGORY_OTHER, 1e308, 1.2e308,
	            1.5e308);
	b = tu_add_dur(g, "late", OPFLOW_CATEGORY_OTHER, 1.7e308);
	tu_flow(g, a, b, OPFLOW_FLOW_FS, 0);
	TU_OK(opflow_graph_prepare(g));
	o.threads = 2;
	SIM_FAILS(g, NULL, &o, OPFLOW_ERANGE, "late", "not finite");
	opflow_graph_free(g);

	/* finite samples whose sum overflows: 1e308 twice */
	g = tu_graph();
	tu_add_dur(g, "huge", OPFLOW_CATEGORY_OTHER, 1e308);
	TU_OK(opflow_graph_prepare(g));
	o.iterations = 2;
	SIM_FAILS(g, NULL, &o, OPFLOW_ERANGE, "mean", "not finite");
	opflow_graph_free(g);
	/* a finite mean whose squared deviations overflow: two samples in
	 * [0, 8e307], their sum at most 1.6e308, but (x - mean)^2 beyond
	 * the largest double as soon as they differ by more than 1e155 */
	g = tu_graph();
	est_act(g, "wide", OPFLOW_CATEGORY_OTHER, 0, 0, 8e307);
	TU_OK(opflow_graph_prepare(g));
	o.iterations = 2;
	SIM_FAILS(g, NULL, &o, OPFLOW_ERANGE, "standard deviation",
	          "not finite");
	opflow_graph_free(g);
}
END_TEST

START_TEST(bad_accessors)
{
	opflow_graph *g = reference_graph();
	opflow_simulation *s = run(g, NULL, OPFLOW_DISTRIBUTION_PERT, 200, 3,
	                           1);
	opflow_simulation_options got, before;
	const opflow_measure bad = (opflow_measure)5;
	double v = 42, x[4] = { 42, 42, 42, 42 };
	uint64_t c[3] = { 42, 42, 42 };
	const char *key = "untouched";
	size_t live = tu_alloc_live();

	TU_FAILS(NULL, opflow_simulation_percentile(&v, s,
	         OPFLOW_MEASURE_LEAD_TIME, -1), OPFLOW_EINVAL, "percentile",
	         "-1");
	TU_FAILS(NULL, opflow_simulation_percentile(&v, s,
	         OPFLOW_MEASURE_LEAD_TIME, 101), OPFLOW_EINVAL, "percentile",
	         "101");
	TU_FAILS(NULL, opflow_simulation_percentile(&v, s,
	         OPFLOW_MEASURE_LEAD_TIME, NAN), OPFLOW_EINVAL, "percentile");
	TU_FAILS(NULL, opflow_simulation_percentile(&v, s,
	         OPFLOW_MEASURE_PRODUCTION_SPAN, 100.0000001), OPFLOW_EINVAL,
	         "percentile");
	TU_DOUBLE_EQ(v, 42.0);
	TU_FAILS(NULL, opflow_simulation_histogram(c, x, 0, s,
	         OPFLOW_MEASURE_LEAD_TIME), OPFLOW_EINVAL, "bins");
	ck_assert_uint_eq(c[0], 42);
	TU_DOUBLE_EQ(x[0], 42.0);

	TU_FAILS(NULL, opflow_simulation_summary(&v, &v, &v, &v, s, bad),
	         OPFLOW_EINVAL, "measure 5");
	TU_FAILS(NULL, opflow_simulation_percentile(&v, s, bad, 50),
	         OPFLOW_EINVAL, "measure 5");
	TU_FAILS(NULL, opflow_simulation_histogram(c, x, 2, s, bad),
	         OPFLOW_EINVAL, "measure 5");
	TU_FAILS(NULL, opflow_simulation_samples(x, 4, s, bad), OPFLOW_EINVAL,
	         "measure 5");
	TU_FAILS(NULL, opflow_simulation_column(x, 4, s, (opflow_risk)3),
	         OPFLOW_EINVAL, "column 3");
	TU_DOUBLE_EQ(v, 42.0);
	TU_DOUBLE_EQ(x[0], 42.0);
	ck_assert_uint_eq(c[0], 42);

	TU_FAILS(NULL, opflow_simulation_activity(&v, &v, &v, s, 8),
	         OPFLOW_ENOTFOUND, "activity 8");
	TU_FAILS(NULL, opflow_simulation_activity(&v, NULL, NULL, s,
	         OPFLOW_NONE), OPFLOW_ENOTFOUND, "activity");
	TU_FAILS(NULL, opflow_simulation_activity_key(&key, s, 8),
	         OPFLOW_ENOTFOUND, "activity 8");
	TU_DOUBLE_EQ(v, 42.0);
	ck_assert_str_eq(key, "untouched");

	memset(&got, 0x5a, sizeof got);
	got.version = 0;
	before = got;
	TU_FAILS(NULL, opflow_simulation_get_options(&got, s), OPFLOW_EINVAL,
	         "version 0");
	ck_assert(memcmp(&got, &before, sizeof got) == 0);
	got.version = 2;
	TU_FAILS(NULL, opflow_simulation_get_options(&got, s), OPFLOW_EINVAL,
	         "version 2");

	/* NULL where something is needed */
	TU_FAILS(NULL, opflow_simulation_summary(&v, NULL, NULL, NULL, NULL,
	         OPFLOW_MEASURE_LEAD_TIME), OPFLOW_EINVAL, "simulation");
	TU_FAILS(NULL, opflow_simulation_percentile(NULL, s,
	         OPFLOW_MEASURE_LEAD_TIME, 50), OPFLOW_EINVAL, "out");
	TU_FAILS(NULL, opflow_simulation_histogram(NULL, x, 2, s,
	         OPFLOW_MEASURE_LEAD_TIME), OPFLOW_EINVAL, "counts");
	TU_FAILS(NULL, opflow_simulation_samples(NULL, 2, s,
	         OPFLOW_MEASURE_LEAD_TIME), OPFLOW_EINVAL, "out");
	TU_FAILS(NULL, opflow_simulation_probability(NULL, s), OPFLOW_EINVAL,
	         "out");
	TU_FAILS(NULL, opflow_simulation_activity(&v, NULL, NULL, NULL, 0),
	         OPFLOW_EINVAL, "simulation");
	ck_assert_uint_eq(opflow_simulation_iterations(NULL), 0);
	ck_assert_uint_eq(opflow_simulation_sensitivity_iterations(NULL), 0);
	ck_assert_uint_eq(opflow_simulation_activity_count(NULL), 0);
	opflow_simulation_free(NULL);
	ck_assert_uint_eq(tu_alloc_live(), live);
	opflow_simulation_free(s);
	opflow_graph_free(g);
}
END_TEST

/* ------------------------------------------------------------ progress */

struct progress {
	pthread_t caller;
	uint64_t calls, last_done, total, at_total;
	int cancel_at;          /* 1-based call that returns nonzero; 0 none */
	int cancel_at_total;    /* return nonzero when done == total */
	int wrong_thread, backwards, wrong_total;
};

static int on_progress(uint64_t done, uint64_t total, void *payload)
{
	struct progress *p = payload;

	p->calls++;
	p->wrong_thread += !pthread_equal(pthread_self(), p->caller);
	p->backwards += done < p->last_done;
	p->wrong_total += total != p->total;
	p->last_done = done;
	p->at_total += done == total;
	if (p->cancel_at && p->calls == (uint64_t)p->cancel_at)
		return 1;
	if (p->cancel_at_total && done == total)
		return 7;
	return 0;
}

static void progress_init(struct progress *p, opflow_simulation_options *o,
                          uint64_t iterations, int threads)
{
	memset(p, 0, sizeof *p);
	p->caller = pthread_self();
	p->total = iterations;
	*o = (opflow_simulation_options)OPFLOW_SIMULATION_OPTIONS_INIT;
	o->iterations = iterations;
	o->threads = threads;
	o->progress = on_progress;
	o->progress_payload = p;
}

START_TEST(progress_reports)
{
	static const int threads[] = { 1, 2, 8 };
	opflow_graph *g = reference_graph();
	opflow_simulation_options o;
	struct progress p;

	for (size_t t = 0; t < COUNT(threads); t++) {
		opflow_simulation *s = NULL;

		progress_init(&p, &o, 50000, threads[t]);
		TU_OK(opflow_simulate(&s, g, NULL, &o));
		/* alone, the calling thread reports between its chunks;
		 * with others, they may have done everything meanwhile (as
		 * under valgrind, which runs one thread at a time) */
		if (threads[t] == 1)
			ck_assert_uint_ge(p.calls, 2);
		ck_assert_uint_ge(p.calls, 1);
		ck_assert_int_eq(p.wrong_thread, 0);
		ck_assert_int_eq(p.backwards, 0);
		ck_assert_int_eq(p.wrong_total, 0);
		ck_assert_uint_eq(p.at_total, 1);
		ck_assert_uint_eq(p.last_done, 50000);
		opflow_simulation_free(s);

		/* one iteration: a single call, done == total */
		progress_init(&p, &o, 1, threads[t]);
		TU_OK(opflow_simulate(&s, g, NULL, &o));
		ck_assert_uint_eq(p.calls, 1);
		ck_assert_uint_eq(p.at_total, 1);
		opflow_simulation_free(s);
	}
	opflow_graph_free(g);
}
END_TEST

START_TEST(progress_cancels)
{
	opflow_graph *g = reference_graph();
	opflow_simulation_options o;
	struct progress p;

	TU_OK(opflow_graph_prepare(g));
	for (int threads = 1; threads <= 3; threads++) {
		/* at the first call: with one thread, long before the end
		 * (with more, the others may have finished by then) */
		progress_init(&p, &o, 100000, threads);
		p.cancel_at = 1;
		SIM_FAILS(g, NULL, &o, OPFLOW_ECANCELED, "cancelled");
		ck_assert_uint_eq(p.calls, 1);
		if (threads == 1) {
			ck_assert_uint_lt(p.last_done, 100000);
			ck_assert_uint_eq(p.at_total, 0);
		}

		/* at the last */
		progress_init(&p, &o, 3000, threads);
		p.cancel_at_total = 1;
		SIM_FAILS(g, NULL, &o, OPFLOW_ECANCELED, "cancelled");
		ck_assert_uint_eq(p.at_total, 1);

		/* one iteration: its only call */
		progress_init(&p, &o, 1, threads);
		p.cancel_at = 1;
		SIM_FAILS(g, NULL, &o, OPFLOW_ECANCELED, "cancelled");
		ck_assert_uint_eq(p.calls, 1);
	}
	ck_assert_str_eq(opflow_strerror(OPFLOW_ECANCELED), "cancelled");
	opflow_graph_free(g);
}
END_TEST

/* ---------------------------------------------------- allocation failures */

/* The reference graph, with progress at the status date 4 when asked:
 * design completed (0 - 3.5), buy in progress since 1, ship to finish
 * no later than 30. */
static opflow_graph *alloc_graph(int progress)
{
	opflow_graph *g = reference_graph();

	if (progress) {
		TU_OK(opflow_graph_set_activity_tracking(g, 1,
		      OPFLOW_TRACK_ACTUAL_START, 0));
		TU_OK(opflow_graph_set_activity_tracking(g, 1,
		      OPFLOW_TRACK_ACTUAL_FINISH, 3.5));
		TU_OK(opflow_graph_set_activity_tracking(g, 2,
		      OPFLOW_TRACK_ACTUAL_START, 1));
		TU_OK(opflow_graph_set_activity_tracking(g, 6,
		      OPFLOW_TRACK_FINISH_NO_LATER_THAN, 30));
	}
	return g;
}

/* Each allocation of a simulation failing in turn, on a graph not laid
 * out yet, with every part asked for (threads, sensitivities, a
 * deadline, production span, beta-PERT): OPFLOW_ENOMEM, *out as it was,
 * nothing kept once the graph is freed; then the call goes through and
 * gives the bits of a simulation that never saw a failure.  On one
 * thread and two (_i odd and even), of the plan and (_i from 3) of the
 * progress at a status date. */
START_TEST(allocation_failures)
{
	opflow_analysis_options ao = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_simulation_options o = OPFLOW_SIMULATION_OPTIONS_INIT;
	opflow_simulation *ref;
	int progress = _i >= 3;
	opflow_graph *g = alloc_graph(progress);
	double *want;
	long failures = 0;

	ao.has_deadline = 1;
	ao.deadline = 17;
	ao.has_status_date = progress;
	ao.status_date = 4;
	o.distribution = OPFLOW_DISTRIBUTION_PERT;
	o.iterations = 500;
	o.threads = (_i - 1) % 2 + 1;
	TU_OK(opflow_simulate(&ref, g, &ao, &o));
	want = samples(ref, OPFLOW_MEASURE_LEAD_TIME);
	opflow_simulation_free(ref);
	opflow_graph_free(g);
	ck_assert_uint_eq(tu_alloc_live(), 0);

	for (long k = 0;; k++) {
		opflow_simulation *s = SENTINEL;
		int rc, failed;

		g = alloc_graph(progress);
		opflow_error_clear();
		tu_alloc_fail_at(k);
		rc = opflow_simulate(&s, g, &ao, &o);
		failed = tu_alloc_failed();
		tu_alloc_fail_at(-1);
		if (!failed) {
			double *got;

			TU_OK(rc);
			got = samples(s, OPFLOW_MEASURE_LEAD_TIME);
			ck_assert(memcmp(got, want, 500 * sizeof *got) == 0);
			free(got);
			opflow_simulation_free(s);
			opflow_graph_free(g);
			ck_assert_uint_eq(tu_alloc_live(), 0);
			break;
		}
		failures++;
		ck_assert_msg(rc == OPFLOW_ENOMEM, "allocation %ld failing: "
		              "%d %s", k, rc, opflow_error_message());
		ck_assert_int_eq(opflow_error_code(), OPFLOW_ENOMEM);
		ck_assert_ptr_eq(s, SENTINEL);
		opflow_graph_free(g);
		ck_assert_msg(tu_alloc_live() == 0, "allocation %ld failing "
		              "leaves %zu blocks", k, tu_alloc_live());
	}
	/* the layout, the result, its samples, the draws, the kept
	 * durations, the ranks, the workers, a block each, the sorting keys */
	ck_assert_int_ge(failures, 8);
	free(want);
}
END_TEST

static void disarm(void)
{
	tu_alloc_fail_at(-1);
	opflow_error_clear();
}

static Suite *simulate_suite(void)
{
	Suite *s = suite_create("simulate");
	TCase *tc;

	tc = tcase_create("closed forms");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, single_triangular);
	tcase_add_test(tc, single_pert);
	tcase_add_test(tc, chain_of_three);
	tcase_add_test(tc, four_branches);
	tcase_add_test(tc, deterministic);
	tcase_add_test(tc, series_sensitivity);
	tcase_add_test(tc, constant_lead_time);
	tcase_add_test(tc, empty_graph);
	tcase_add_test(tc, parallel_sensitivity);
	suite_add_tcase(s, tc);

	tc = tcase_create("reference");
	tcase_add_test(tc, reference_bits);
	suite_add_tcase(s, tc);

	/* also run under ThreadSanitizer by tests/tsan.sh */
	tc = tcase_create("threads");
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, same_bits_any_threads,
	                    OPFLOW_DISTRIBUTION_TRIANGULAR,
	                    OPFLOW_DISTRIBUTION_PERT + 1);
	tcase_add_test(tc, threads_and_defaults);
	suite_add_tcase(s, tc);

	tc = tcase_create("estimators");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, percentiles_and_stddev);
	tcase_add_test(tc, histograms);
	tcase_add_test(tc, histogram_ties_at_minimum);
	tcase_add_test(tc, probability);
	tcase_add_test(tc, production_span);
	tcase_add_test(tc, ranked_small);
	suite_add_tcase(s, tc);

	tc = tcase_create("ranked large");
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, ranked_large, 0, 2);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, disarm, disarm);
	tcase_add_test(tc, bad_arguments);
	tcase_add_test(tc, cycle_and_range);
	tcase_add_test(tc, bad_accessors);
	tcase_add_test(tc, progress_reports);
	tcase_add_test(tc, progress_cancels);
	tcase_add_loop_test(tc, allocation_failures, 1, 5);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	int rc = tu_alloc_install();

	if (rc != 0) {
		fprintf(stderr, "check_simulate: opflow_set_allocator: %s\n",
		        opflow_error_message());
		return EXIT_FAILURE;
	}
	return tu_run(simulate_suite());
}
