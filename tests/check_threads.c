/*
 * check_threads.c - analyses from many threads at once.
 *
 * DESIGN: a graph may be read from many threads at once (analyses
 * included); results are immutable; the last-error details are
 * thread-local.  Eight threads analyse one unchanged graph of a few
 * thousand activities, unprepared and then prepared, and compare every
 * figure of each result bit for bit with a result computed before they
 * started.  Simulations, each with threads of its own, run at once on
 * one graph not laid out yet, and give the bits of a simulation run
 * alone.  Then each thread triggers its own error and reads back its
 * own message while the others do the same.
 *
 * Check's assertions are not meant for worker threads, so workers only
 * record what went wrong; the main thread asserts after joining them.
 * tests/tsan.sh builds this file with ThreadSanitizer.
 */
#include "analysis_util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 8
#define VARIANTS 4

/* ------------------------------------------------------------ the graph */

/* A random value chain: ids in random order, all four flow types, lags
 * of both signs, departments, some three-point estimates. */
static opflow_graph *big_graph(size_t n, uint64_t seed)
{
	static const char *depts[] = { "plant", "eng", "sales", "log", "qa" };
	opflow_graph *g = au_graph();
	struct au_rng rng;
	opflow_id *id_of_rank = malloc(n * sizeof *id_of_rank);
	size_t *rank_of_slot = malloc(n * sizeof *rank_of_slot);
	char key[32];

	ck_assert_ptr_nonnull(id_of_rank);
	ck_assert_ptr_nonnull(rank_of_slot);
	au_rng_seed(&rng, seed);
	/* slot i (the id) holds the activity of topological rank
	 * rank_of_slot[i], a random permutation */
	for (size_t i = 0; i < n; i++)
		rank_of_slot[i] = i;
	for (size_t i = n; i > 1; i--) {
		size_t j = au_rng_below(&rng, (uint32_t)i), t = rank_of_slot[i - 1];

		rank_of_slot[i - 1] = rank_of_slot[j];
		rank_of_slot[j] = t;
	}
	for (size_t i = 0; i < n; i++) {
		opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
		opflow_id id;

		snprintf(key, sizeof key, "act-%zu", rank_of_slot[i]);
		o.category = (int)au_rng_below(&rng, 15);
		o.department = au_rng_below(&rng, 6) < 5
		               ? depts[au_rng_below(&rng, 5)] : NULL;
		o.has_duration = 1;
		o.duration = (double)au_rng_below(&rng, 20) * 0.5;
		if (au_rng_below(&rng, 4) == 0) {
			double lo = (double)au_rng_below(&rng, 10);

			o.has_estimate = 1;
			o.optimistic = lo;
			o.most_likely = lo + (double)au_rng_below(&rng, 5);
			o.pessimistic = o.most_likely + (double)au_rng_below(&rng, 9);
		}
		ck_assert_int_eq(opflow_graph_add_activity_ext(&id, g, key, &o), 0);
		ck_assert_uint_eq(id, i);
		id_of_rank[rank_of_slot[i]] = id;
	}
	for (size_t r = 1; r < n; r++) {
		uint32_t preds = 1 + au_rng_below(&rng, 3);

		for (uint32_t p = 0; p < preds; p++) {
			size_t back = 1 + au_rng_below(&rng, r < 40 ? (uint32_t)r : 40);
			opflow_id f;
			int rc = opflow_graph_add_flow(&f, g, id_of_rank[r - back],
			         id_of_rank[r], (opflow_flow_type)au_rng_below(&rng, 4),
			         (double)((int)au_rng_below(&rng, 9) - 4));

			/* the same pair and type twice is refused: skip it */
			ck_assert(rc == 0 || rc == OPFLOW_EEXISTS);
		}
	}
	free(id_of_rank);
	free(rank_of_slot);
	return g;
}

/* Options of the analyses: plain, a deadline, PERT durations with a
 * deadline before the lead time, a tolerance and near-critical band. */
static void variant(opflow_analysis_options *o, int v)
{
	opflow_analysis_options init = OPFLOW_ANALYSIS_OPTIONS_INIT;

	*o = init;
	switch (v) {
	case 1:
		o->has_deadline = 1;
		o->deadline = 5000;
		break;
	case 2:
		o->duration_mode = OPFLOW_DURATIONS_PERT;
		o->has_deadline = 1;
		o->deadline = 10;
		break;
	case 3:
		o->has_tolerance = 1;
		o->tolerance = 0.5;
		o->near_critical = 2;
		break;
	default:
		break;
	}
}

/* ------------------------------------------------------ shared analyses */

struct shared {
	const opflow_graph *graph;
	struct au_snapshot expect[VARIANTS];
	int reps;
};

struct worker {
	pthread_t thread;
	int index;
	struct shared *shared;
	char failure[256];
};

static void *analyse_worker(void *p)
{
	struct worker *w = p;

	for (int r = 0; r < w->shared->reps && !w->failure[0]; r++) {
		int v = (w->index + r) % VARIANTS;
		opflow_analysis_options o;
		opflow_analysis *a = NULL;
		struct au_snapshot s;
		const char *diff;
		char why[160];
		int rc;

		variant(&o, v);
		rc = opflow_analyze(&a, w->shared->graph, &o);
		if (rc) {
			snprintf(w->failure, sizeof w->failure,
			         "thread %d: opflow_analyze: %d %s", w->index, rc,
			         opflow_error_message());
			break;
		}
		if (au_snapshot_take(&s, a)) {
			snprintf(w->failure, sizeof w->failure,
			         "thread %d: reading the result failed", w->index);
		} else if ((diff = au_snapshot_diff(&s, &w->shared->expect[v],
		                                    why, sizeof why))) {
			snprintf(w->failure, sizeof w->failure,
			         "thread %d, variant %d: %s differs", w->index, v,
			         diff);
		}
		au_snapshot_free(&s);
		opflow_analysis_free(a);
	}
	return NULL;
}

static void run_concurrently(const opflow_graph *g)
{
	struct shared sh;
	struct worker w[THREADS];

	sh.graph = g;
	sh.reps = (int)au_scaled(6, 2);
	for (int v = 0; v < VARIANTS; v++) {
		opflow_analysis_options o;
		opflow_analysis *a;

		variant(&o, v);
		a = au_analyze(g, &o);
		ck_assert_int_eq(au_snapshot_take(&sh.expect[v], a), 0);
		opflow_analysis_free(a);
	}
	for (int i = 0; i < THREADS; i++) {
		w[i].index = i;
		w[i].shared = &sh;
		w[i].failure[0] = '\0';
		ck_assert_int_eq(pthread_create(&w[i].thread, NULL,
		                                analyse_worker, &w[i]), 0);
	}
	for (int i = 0; i < THREADS; i++)
		ck_assert_int_eq(pthread_join(w[i].thread, NULL), 0);
	for (int i = 0; i < THREADS; i++)
		ck_assert_msg(w[i].failure[0] == '\0', "%s", w[i].failure);
	for (int v = 0; v < VARIANTS; v++)
		au_snapshot_free(&sh.expect[v]);
}

START_TEST(test_unprepared)
{
	opflow_graph *g = big_graph(3000, 0x0F10A7u);

	run_concurrently(g);
	opflow_graph_free(g);
}
END_TEST

START_TEST(test_prepared)
{
	opflow_graph *g = big_graph(4000, 0xBEEFu);
	opflow_analysis *a;
	struct au_snapshot before, after;
	const char *diff;
	char why[160];

	/* the prepared layout gives the same result bit for bit */
	a = au_analyze(g, NULL);
	ck_assert_int_eq(au_snapshot_take(&before, a), 0);
	opflow_analysis_free(a);
	ck_assert_int_eq(opflow_graph_prepare(g), 0);
	a = au_analyze(g, NULL);
	ck_assert_int_eq(au_snapshot_take(&after, a), 0);
	opflow_analysis_free(a);
	diff = au_snapshot_diff(&before, &after, why, sizeof why);
	ck_assert_msg(diff == NULL, "prepared and unprepared differ: %s", diff);
	au_snapshot_free(&before);
	au_snapshot_free(&after);

	run_concurrently(g);
	opflow_graph_free(g);
}
END_TEST

/* ------------------------------------------------------ simulations */

#define SIM_CALLERS 4

struct sim_shared {
	const opflow_graph *graph;      /* not laid out before they start */
	uint64_t iterations;
	double *lead, *column[3];       /* of a simulation run alone */
	size_t n;
};

struct sim_worker {
	pthread_t thread;
	int index;
	struct sim_shared *shared;
	char failure[256];
};

/* The beta-PERT simulation of the test, with threads of its own. */
static int simulate(opflow_simulation **out, const opflow_graph *g,
                    uint64_t iterations, int threads)
{
	opflow_simulation_options o = OPFLOW_SIMULATION_OPTIONS_INIT;
	opflow_analysis_options a = OPFLOW_ANALYSIS_OPTIONS_INIT;

	a.has_deadline = 1;
	a.deadline = 100;
	o.distribution = OPFLOW_DISTRIBUTION_PERT;
	o.iterations = iterations;
	o.seed = 0x5EED;
	o.threads = threads;
	return opflow_simulate(out, g, &a, &o);
}

/* NULL when s has the lead times and columns of sh, else what differs. */
static const char *sim_differs(const opflow_simulation *s,
                               const struct sim_shared *sh)
{
	const char *why = NULL;
	double *x = malloc((size_t)sh->iterations * sizeof *x);
	double *c = malloc(sh->n * sizeof *c);

	if (!x || !c) {
		why = "memory";
	} else if (opflow_simulation_samples(x, (size_t)sh->iterations, s,
	                                     OPFLOW_MEASURE_LEAD_TIME) ||
	           memcmp(x, sh->lead, (size_t)sh->iterations * sizeof *x)) {
		why = "the lead times";
	} else {
		for (int k = 0; k < 3 && !why; k++)
			if (opflow_simulation_column(c, sh->n, s,
			                             (opflow_risk)k) ||
			    memcmp(c, sh->column[k], sh->n * sizeof *c))
				why = "a column of criticality, sensitivity or "
				      "cruciality";
	}
	free(x);
	free(c);
	return why;
}

static void *simulate_worker(void *p)
{
	struct sim_worker *w = p;
	opflow_simulation *s = NULL;
	const char *why;
	int rc = simulate(&s, w->shared->graph, w->shared->iterations,
	                  1 + w->index % 3);

	if (rc)
		snprintf(w->failure, sizeof w->failure,
		         "caller %d: opflow_simulate: %d %s", w->index, rc,
		         opflow_error_message());
	else if ((why = sim_differs(s, w->shared)))
		snprintf(w->failure, sizeof w->failure,
		         "caller %d (%d threads): %s differ", w->index,
		         1 + w->index % 3, why);
	opflow_simulation_free(s);
	return NULL;
}

START_TEST(test_simulations)
{
	opflow_graph *g = big_graph(1500, 0x51A1u), *alone;
	opflow_simulation *s = NULL;
	struct sim_shared sh;
	struct sim_worker w[SIM_CALLERS];

	sh.graph = g;
	sh.iterations = (uint64_t)au_scaled(400, 40);
	sh.n = opflow_graph_activity_count(g);
	/* alone, on a copy, so that the callers find g not laid out */
	ck_assert_int_eq(opflow_graph_clone(&alone, g), 0);
	ck_assert_int_eq(simulate(&s, alone, sh.iterations, 1), 0);
	sh.lead = malloc((size_t)sh.iterations * sizeof *sh.lead);
	ck_assert_ptr_nonnull(sh.lead);
	ck_assert_int_eq(opflow_simulation_samples(sh.lead,
	    (size_t)sh.iterations, s, OPFLOW_MEASURE_LEAD_TIME), 0);
	for (int k = 0; k < 3; k++) {
		sh.column[k] = malloc(sh.n * sizeof *sh.column[k]);
		ck_assert_ptr_nonnull(sh.column[k]);
		ck_assert_int_eq(opflow_simulation_column(sh.column[k], sh.n, s,
		                                          (opflow_risk)k), 0);
	}
	opflow_simulation_free(s);
	opflow_graph_free(alone);

	for (int i = 0; i < SIM_CALLERS; i++) {
		w[i].index = i;
		w[i].shared = &sh;
		w[i].failure[0] = '\0';
		ck_assert_int_eq(pthread_create(&w[i].thread, NULL,
		                                simulate_worker, &w[i]), 0);
	}
	for (int i = 0; i < SIM_CALLERS; i++)
		ck_assert_int_eq(pthread_join(w[i].thread, NULL), 0);
	for (int i = 0; i < SIM_CALLERS; i++)
		ck_assert_msg(w[i].failure[0] == '\0', "%s", w[i].failure);
	free(sh.lead);
	for (int k = 0; k < 3; k++)
		free(sh.column[k]);
	opflow_graph_free(g);
}
END_TEST

/* ------------------------------------------------------ per-thread errors */

#define ROUNDS 20

struct error_shared {
	pthread_barrier_t barrier;
	const opflow_graph *graph;          /* acyclic, shared */
	const opflow_analysis *analysis;    /* of graph, shared */
	const opflow_graph *cyclic[THREADS]; /* one per thread */
};

struct error_worker {
	pthread_t thread;
	int index;
	struct error_shared *shared;
	char failure[512];
};

/* Triggers this thread's error of the round; fills what it expects. */
static int trigger(struct error_worker *w, int round, int *code,
                   char *expect, size_t cap)
{
	const struct error_shared *sh = w->shared;
	int i = w->index;
	int rc = 0;

	switch (i % 4) {
	case 0: {       /* a cycle: t<i>-x -> t<i>-y -> t<i>-x */
		opflow_analysis *a = NULL;

		rc = opflow_analyze(&a, sh->cyclic[i], NULL);
		*code = OPFLOW_ECYCLE;
		/* either rotation of the loop: x -> y -> x or y -> x -> y */
		snprintf(expect, cap, "t%d-x -> t%d-y", i, i);
		opflow_analysis_free(a);
		break;
	}
	case 1: {       /* an unknown activity id, different each round */
		unsigned id = 1000000u + 1000u * (unsigned)i + (unsigned)round;
		double es;

		rc = opflow_analysis_schedule(&es, NULL, NULL, NULL,
		                              sh->analysis, (opflow_id)id);
		*code = OPFLOW_ENOTFOUND;
		snprintf(expect, cap, "%u", id);
		break;
	}
	case 2: {       /* an unknown key */
		opflow_id id;

		snprintf(expect, cap, "missing-%d-%d", i, round);
		rc = opflow_graph_find_activity(&id, sh->graph, expect);
		*code = OPFLOW_ENOTFOUND;
		break;
	}
	default: {      /* a negative tolerance, named in the message */
		opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;
		opflow_analysis *a = NULL;

		o.has_tolerance = 1;
		o.tolerance = -(double)(100 * i + round + 1);
		rc = opflow_analyze(&a, sh->graph, &o);
		*code = OPFLOW_EINVAL;
		snprintf(expect, cap, "%d", -(100 * i + round + 1));
		opflow_analysis_free(a);
		break;
	}
	}
	return rc;
}

static void *error_worker(void *p)
{
	struct error_worker *w = p;
	struct error_shared *sh = w->shared;
	char expect[128];

	for (int round = 0; round < ROUNDS; round++) {
		opflow_analysis *a = NULL;
		int code = 0, rc = trigger(w, round, &code, expect, sizeof expect);

		if (rc != code && !w->failure[0])
			snprintf(w->failure, sizeof w->failure,
			         "thread %d round %d: returned %d, expected %d",
			         w->index, round, rc, code);
		/* everybody has set an error; a success does not clear it */
		pthread_barrier_wait(&sh->barrier);
		if (opflow_analyze(&a, sh->graph, NULL) && !w->failure[0])
			snprintf(w->failure, sizeof w->failure,
			         "thread %d: analysis failed", w->index);
		opflow_analysis_free(a);
		pthread_barrier_wait(&sh->barrier);

		if (!w->failure[0] && opflow_error_code() != code)
			snprintf(w->failure, sizeof w->failure,
			         "thread %d round %d: error code %d, expected %d",
			         w->index, round, opflow_error_code(), code);
		if (!w->failure[0] && !strstr(opflow_error_message(), expect))
			snprintf(w->failure, sizeof w->failure,
			         "thread %d round %d: message \"%s\" lacks \"%s\"",
			         w->index, round, opflow_error_message(), expect);
		if (!w->failure[0] && code == OPFLOW_ECYCLE) {
			char x[32], y[32];
			const char *k0 = opflow_error_cycle_key(0);
			const char *k1 = opflow_error_cycle_key(1);

			snprintf(x, sizeof x, "t%d-x", w->index);
			snprintf(y, sizeof y, "t%d-y", w->index);
			int xy = k0 && k1 && !strcmp(k0, x) && !strcmp(k1, y) &&
			         opflow_error_cycle_id(0) == 0 &&
			         opflow_error_cycle_id(1) == 1;
			int yx = k0 && k1 && !strcmp(k0, y) && !strcmp(k1, x) &&
			         opflow_error_cycle_id(0) == 1 &&
			         opflow_error_cycle_id(1) == 0;

			if (opflow_error_cycle_length() != 2 || !(xy || yx) ||
			    strncmp(opflow_error_message(), "cycle: ", 7))
				snprintf(w->failure, sizeof w->failure,
				         "thread %d round %d: wrong cycle details",
				         w->index, round);
		}
		if (!w->failure[0] && code != OPFLOW_ECYCLE &&
		    opflow_error_cycle_length() != 0)
			snprintf(w->failure, sizeof w->failure,
			         "thread %d round %d: cycle details of another "
			         "thread", w->index, round);
		pthread_barrier_wait(&sh->barrier);
	}
	return NULL;
}

START_TEST(test_errors_per_thread)
{
	struct error_shared sh;
	struct error_worker w[THREADS];
	opflow_graph *g = big_graph(500, 7), *cyc[THREADS];
	opflow_analysis *a = au_analyze(g, NULL);

	sh.graph = g;
	sh.analysis = a;
	for (int i = 0; i < THREADS; i++) {
		char x[32], y[32];
		opflow_id ix, iy;

		cyc[i] = au_graph();
		snprintf(x, sizeof x, "t%d-x", i);
		snprintf(y, sizeof y, "t%d-y", i);
		ix = au_act(cyc[i], x, OPFLOW_CATEGORY_ASSEMBLY, 1);
		iy = au_act(cyc[i], y, OPFLOW_CATEGORY_ASSEMBLY, 1);
		au_flow(cyc[i], ix, iy, OPFLOW_FLOW_FS, 0);
		au_flow(cyc[i], iy, ix, OPFLOW_FLOW_SS, 0);
		sh.cyclic[i] = cyc[i];
	}
	ck_assert_int_eq(pthread_barrier_init(&sh.barrier, NULL, THREADS), 0);
	for (int i = 0; i < THREADS; i++) {
		w[i].index = i;
		w[i].shared = &sh;
		w[i].failure[0] = '\0';
		ck_assert_int_eq(pthread_create(&w[i].thread, NULL, error_worker,
		                                &w[i]), 0);
	}
	for (int i = 0; i < THREADS; i++)
		ck_assert_int_eq(pthread_join(w[i].thread, NULL), 0);
	pthread_barrier_destroy(&sh.barrier);
	for (int i = 0; i < THREADS; i++)
		ck_assert_msg(w[i].failure[0] == '\0', "%s", w[i].failure);
	for (int i = 0; i < THREADS; i++)
		opflow_graph_free(cyc[i]);
	opflow_analysis_free(a);
	opflow_graph_free(g);
}
END_TEST

/*
 * A thread exits with the details of a cycle error; a destructor of the
 * host's, run after the library's, clears the thread's last error.  The
 * details must be freed once, and not be read once freed.
 */
static pthread_key_t host_key;

static void host_destructor(void *p)
{
	(void)p;
	opflow_error_clear();
	ck_assert_uint_eq(opflow_error_cycle_length(), 0);
	ck_assert_ptr_null(opflow_error_cycle_key(0));
}

static void *cycle_then_exit(void *p)
{
	opflow_graph *g = p;
	opflow_analysis *a;

	pthread_setspecific(host_key, g);
	ck_assert_int_eq(opflow_analyze(&a, g, NULL), OPFLOW_ECYCLE);
	ck_assert_uint_eq(opflow_error_cycle_length(), 2);
	return NULL;
}

START_TEST(test_cycle_details_at_thread_exit)
{
	opflow_graph *g = au_graph();
	opflow_analysis *a;
	pthread_t t;

	au_act(g, "a", OPFLOW_CATEGORY_OTHER, 1);
	au_act(g, "b", OPFLOW_CATEGORY_OTHER, 1);
	au_flow(g, 0, 1, OPFLOW_FLOW_FS, 0);
	au_flow(g, 1, 0, OPFLOW_FLOW_FS, 0);
	/* the library's key first, the host's after it */
	ck_assert_int_eq(opflow_analyze(&a, g, NULL), OPFLOW_ECYCLE);
	opflow_error_clear();
	ck_assert_int_eq(pthread_key_create(&host_key, host_destructor), 0);
	for (int i = 0; i < 4; i++) {
		ck_assert_int_eq(pthread_create(&t, NULL, cycle_then_exit, g), 0);
		ck_assert_int_eq(pthread_join(t, NULL), 0);
	}
	pthread_key_delete(host_key);
	opflow_graph_free(g);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("threads");
	TCase *tc = tcase_create("concurrent");

	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_unprepared);
	tcase_add_test(tc, test_prepared);
	tcase_add_test(tc, test_simulations);
	tcase_add_test(tc, test_errors_per_thread);
	tcase_add_test(tc, test_cycle_details_at_thread_exit);
	suite_add_tcase(s, tc);
	return au_run(s);
}
