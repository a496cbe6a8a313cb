/*
 * bench_simulate.c - `make bench-simulate`: Monte Carlo iterations a
 * second next to the repeated analysis of the same graph, in one run.
 *
 * For each size (10^3 activities up to --max, by tens) it builds a random
 * value chain (4 flows per activity to earlier ones in a shuffled order,
 * integer durations 1..20, a three-point estimate (0.8 d, d, 1.5 d) on
 * every activity, a third of them production activities), prepares it,
 * and times, each --reps times (medians):
 *   - analysis        opflow_analyze of the unchanged graph: analyses/s;
 *   - triangular      opflow_simulate, one thread, triangular durations,
 *                     without and with the sensitivities: iterations/s;
 *   - beta-PERT       the same with beta-PERT durations;
 *   - 2 threads       triangular on two threads, against one thread, by
 *                     the wall clock (the CPU time adds the threads up).
 * Then the ratios: iterations/s of one thread against analyses/s (the
 * per-thread rate), and two threads against one.  The clock is
 * BENCH_CLOCK's (the process's CPU time by default) but for the thread
 * ratio.  `bench_simulate --one ACTIVITIES THREADS ITERATIONS` builds
 * the graph and runs one simulation, for timing from outside
 * (/usr/bin/time, hyperfine).
 */
#define BENCH_NAME "bench_simulate"

#include <opflow.h>

#include "bench_data.h"
#include "bench_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double wall_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static opflow_graph *make_graph(size_t n)
{
	uint64_t rng = 0x73696D756C617465ull ^ ((uint64_t)n * 0x9E3779B97F4A7C15ull);
	uint32_t *perm = xmalloc(n * sizeof *perm);
	opflow_graph *g;

	if (opflow_graph_new(&g))
		die_lib("opflow_graph_new");
	for (size_t i = 0; i < n; i++) {
		opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
		double d = (double)(1 + rng_next(&rng) % 20);
		char key[32];
		opflow_id id;

		snprintf(key, sizeof key, "a%zu", i);
		o.category = rng_next(&rng) % 3 ? OPFLOW_CATEGORY_LOGISTICS :
		             OPFLOW_CATEGORY_MANUFACTURING;
		o.has_estimate = 1;
		o.optimistic = 0.8 * d;
		o.most_likely = d;
		o.pessimistic = 1.5 * d;
		if (opflow_graph_add_activity_ext(&id, g, key, &o))
			die_lib("opflow_graph_add_activity_ext");
		perm[i] = (uint32_t)i;
	}
	shuffle_u32(perm, n, &rng);     /* perm[rank] = id */
	for (size_t r = 1; r < n; r++)
		for (int k = 0; k < 4; k++) {
			size_t span = rng_next(&rng) % 8 ? 64 : r;
			size_t back = 1 + rng_next(&rng) % (span < r ? span : r);
			opflow_id f;
			int rc = opflow_graph_add_flow(&f, g, perm[r - back],
			                               perm[r], OPFLOW_FLOW_FS, 0.0);

			if (rc && rc != OPFLOW_EEXISTS)
				die_lib("opflow_graph_add_flow");
		}
	free(perm);
	if (opflow_graph_prepare(g))
		die_lib("opflow_graph_prepare");
	return g;
}

/* What to run: an analysis, or a simulation of iterations. */
struct job {
	const opflow_graph *g;
	int distribution, threads, sensitivity;
	uint64_t iterations;
};

static void run_analysis(const struct job *j)
{
	opflow_analysis *a;

	if (opflow_analyze(&a, j->g, NULL))
		die_lib("opflow_analyze");
	opflow_analysis_free(a);
}

static void run_simulation(const struct job *j)
{
	opflow_simulation_options o = OPFLOW_SIMULATION_OPTIONS_INIT;
	opflow_simulation *s;

	o.iterations = j->iterations;
	o.seed = 1;
	o.distribution = j->distribution;
	o.threads = j->threads;
	o.sensitivity = j->sensitivity;
	if (opflow_simulate(&s, j->g, NULL, &o))
		die_lib("opflow_simulate");
	opflow_simulation_free(s);
}

/* The median over reps of the time of fn, divided by per. */
static double timed(void (*fn)(const struct job *), const struct job *j,
                    int reps, int wall, double per)
{
	double t[64];

	for (int r = 0; r < reps; r++) {
		double t0 = wall ? wall_now() : bench_now();

		fn(j);
		t[r] = ((wall ? wall_now() : bench_now()) - t0) / per;
	}
	return bench_median(t, reps);
}

/* Repetitions of the analysis that take about a tenth of a second. */
static uint64_t analyses_for(const opflow_graph *g)
{
	struct job j = { g, 0, 1, 0, 0 };
	double t0 = bench_now(), t;

	run_analysis(&j);
	t = bench_now() - t0;
	return t > 0.1 ? 1 : (uint64_t)(0.1 / (t > 1e-7 ? t : 1e-7)) + 1;
}

static void analyses(const struct job *j)
{
	for (uint64_t i = 0; i < j->iterations; i++)
		run_analysis(j);
}

int main(int argc, char **argv)
{
	size_t max = 100000;
	int reps = 3;

	if (argc == 5 && strcmp(argv[1], "--one") == 0) {
		/* one simulation: --one ACTIVITIES THREADS ITERATIONS */
		opflow_graph *g = make_graph((size_t)strtoull(argv[2], NULL, 10));
		struct job j = { g, OPFLOW_DISTRIBUTION_TRIANGULAR, atoi(argv[3]),
		                 0, strtoull(argv[4], NULL, 10) };

		run_simulation(&j);
		opflow_graph_free(g);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--max") == 0 && i + 1 < argc)
			max = (size_t)strtoull(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc)
			reps = atoi(argv[++i]);
		else
			die("usage: bench_simulate [--max N] [--reps R]");
	}
	if (reps < 1 || reps > 64 || max < 1000 || bench_clock_wall() < 0)
		die("--reps 1..64, --max >= 1000, BENCH_CLOCK cpu or wall");
	printf("Monte Carlo simulation against repeated analysis "
	       "(medians of %d; %s clock, 2-thread ratio by the wall clock)\n\n",
	       reps, bench_clock_wall() ? "wall" : "CPU");
	printf("%10s %12s %12s %12s %12s %12s %10s %10s %10s\n", "activities",
	       "analyses/s", "tri it/s", "tri+sens", "pert it/s", "2 thr it/s",
	       "tri/anal", "pert/anal", "2thr/1thr");
	for (size_t n = 1000; n <= max; n *= 10) {
		opflow_graph *g = make_graph(n);
		uint64_t na = analyses_for(g);
		uint64_t it = (uint64_t)(2e7 / (double)n) + 10;
		struct job a = { g, 0, 1, 0, na };
		struct job tri = { g, OPFLOW_DISTRIBUTION_TRIANGULAR, 1, 0, it };
		struct job sens = { g, OPFLOW_DISTRIBUTION_TRIANGULAR, 1, 1, it };
		struct job pert = { g, OPFLOW_DISTRIBUTION_PERT, 1, 0, it };
		struct job two = { g, OPFLOW_DISTRIBUTION_TRIANGULAR, 2, 0, it };
		double ta = timed(analyses, &a, reps, 0, (double)na);
		double tt = timed(run_simulation, &tri, reps, 0, (double)it);
		double ts = timed(run_simulation, &sens, reps, 0, (double)it);
		double tp = timed(run_simulation, &pert, reps, 0, (double)it);
		double w1 = timed(run_simulation, &tri, reps, 1, (double)it);
		double w2 = timed(run_simulation, &two, reps, 1, (double)it);

		printf("%10zu %12.0f %12.0f %12.0f %12.0f %12.0f %10.2f %10.2f "
		       "%10.2f\n", n, 1 / ta, 1 / tt, 1 / ts, 1 / tp, 1 / w2,
		       ta / tt, ta / tp, w1 / w2);
		fflush(stdout);
		opflow_graph_free(g);
	}
	printf("\ntargets: tri/anal >= 0.60, pert/anal >= 0.30, "
	       "2thr/1thr >= 1.70\n");
	return 0;
}
