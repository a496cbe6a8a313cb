/*
 * bench_analysis.c - times a full analysis of random value chains of 10^4
 * to 10^6 activities (four flows per activity, ids in random order) next
 * to two plain C baselines of the same critical-path passes in the same
 * run:
 *   kahn  - compressed rows in id order, Kahn's order computed, forward
 *           and backward passes (what any CPM must do on unordered ids);
 *   topo  - the same rows stored in topological order: the passes alone.
 * libopflow's figures: opflow_analyze on an unprepared graph (it builds
 * its private topological layout), opflow_graph_prepare once, then
 * opflow_analyze on the prepared graph.  An analysis computes far more
 * than the baselines (free float, drivers, chains, stages, scope, PERT),
 * so the baselines are a floor, not a like-for-like rival.
 *
 * Usage: bench_analysis [max_activities [repetitions]]
 */
#include <opflow.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint64_t next(void)
{
	uint64_t z = (rng += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fprintf(stderr, "bench_analysis: out of memory\n");
		exit(1);
	}
	return p;
}

struct edges {
	size_t n, m;
	uint32_t *src, *dst;
	double *dur;
};

static int cmp_edge(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

/* A random DAG: each flow goes from a lower to a higher topological rank
 * (mostly near, sometimes far); ids are a random permutation of ranks. */
static void make_graph(struct edges *e, size_t n, size_t per)
{
	uint32_t *perm = xmalloc(n * sizeof *perm);
	uint64_t *pairs = xmalloc(n * per * sizeof *pairs);
	size_t m = 0;

	for (size_t i = 0; i < n; i++)
		perm[i] = (uint32_t)i;
	for (size_t i = n; i > 1; i--) {
		size_t j = next() % i;
		uint32_t t = perm[i - 1];

		perm[i - 1] = perm[j];
		perm[j] = t;
	}
	for (size_t r = 1; r < n; r++) {
		for (size_t k = 0; k < per; k++) {
			size_t span = next() % 8 ? 64 : r;
			size_t back = 1 + next() % (span < r ? span : r);

			pairs[m++] = (uint64_t)perm[r - back] << 32 | perm[r];
		}
	}
	qsort(pairs, m, sizeof *pairs, cmp_edge);
	e->n = n;
	e->m = 0;
	e->src = xmalloc(m * sizeof *e->src);
	e->dst = xmalloc(m * sizeof *e->dst);
	e->dur = xmalloc(n * sizeof *e->dur);
	for (size_t i = 0; i < m; i++) {
		if (i && pairs[i] == pairs[i - 1])
			continue;
		e->src[e->m] = (uint32_t)(pairs[i] >> 32);
		e->dst[e->m] = (uint32_t)pairs[i];
		e->m++;
	}
	for (size_t i = 0; i < n; i++)
		e->dur[i] = (double)(1 + next() % 20);
	/* flows in a shuffled order, as an ERP export would list them */
	for (size_t i = e->m; i > 1; i--) {
		size_t j = next() % i;
		uint32_t s = e->src[i - 1], d = e->dst[i - 1];

		e->src[i - 1] = e->src[j];
		e->dst[i - 1] = e->dst[j];
		e->src[j] = s;
		e->dst[j] = d;
	}
	free(perm);
	free(pairs);
}

/* Baseline "kahn": rows in id order, Kahn's order, both passes. */
static double baseline_kahn(const struct edges *e, double *out_lead)
{
	size_t n = e->n, m = e->m;
	uint32_t *ioff = calloc(n + 1, sizeof *ioff), *isrc = xmalloc(m * 4);
	uint32_t *ooff = calloc(n + 1, sizeof *ooff), *odst = xmalloc(m * 4);
	uint32_t *deg = xmalloc(n * 4), *order = xmalloc(n * 4);
	double *es = xmalloc(n * 8), *lf = xmalloc(n * 8), t0, T = 0;
	size_t head = 0, tail = 0;

	if (!ioff || !ooff)
		exit(1);
	t0 = now();
	for (size_t f = 0; f < m; f++) {
		ioff[e->dst[f] + 1]++;
		ooff[e->src[f] + 1]++;
	}
	for (size_t i = 0; i < n; i++) {
		ioff[i + 1] += ioff[i];
		ooff[i + 1] += ooff[i];
	}
	for (size_t i = 0; i < n; i++)
		deg[i] = ioff[i];
	for (size_t f = 0; f < m; f++)
		isrc[deg[e->dst[f]]++] = e->src[f];
	for (size_t i = 0; i < n; i++)
		deg[i] = ooff[i];
	for (size_t f = 0; f < m; f++)
		odst[deg[e->src[f]]++] = e->dst[f];
	for (size_t i = 0; i < n; i++) {
		deg[i] = ioff[i + 1] - ioff[i];
		if (!deg[i])
			order[tail++] = (uint32_t)i;
	}
	while (head < tail) {
		uint32_t v = order[head++];

		for (uint32_t k = ooff[v]; k < ooff[v + 1]; k++)
			if (--deg[odst[k]] == 0)
				order[tail++] = odst[k];
	}
	for (size_t k = 0; k < n; k++) {
		uint32_t v = order[k];
		double s = 0;

		for (uint32_t j = ioff[v]; j < ioff[v + 1]; j++) {
			double x = es[isrc[j]] + e->dur[isrc[j]];

			if (x > s)
				s = x;
		}
		es[v] = s;
		if (s + e->dur[v] > T)
			T = s + e->dur[v];
	}
	for (size_t k = n; k-- > 0;) {
		uint32_t v = order[k];
		double f = T;

		for (uint32_t j = ooff[v]; j < ooff[v + 1]; j++) {
			double x = lf[odst[j]] - e->dur[odst[j]];

			if (x < f)
				f = x;
		}
		lf[v] = f;
	}
	t0 = now() - t0;
	*out_lead = T;
	free(ioff); free(isrc); free(ooff); free(odst); free(deg);
	free(order); free(es); free(lf);
	return t0;
}

/* Baseline "topo": the rows already stored in topological order. */
struct topo {
	size_t n;
	uint32_t *ioff, *isrc, *ooff, *odst;
	double *dur, *es, *lf;
};

static void topo_build(struct topo *t, const struct edges *e)
{
	size_t n = e->n, m = e->m, head = 0, tail = 0;
	uint32_t *deg = calloc(n, 4), *order = xmalloc(n * 4), *pos = xmalloc(n * 4);
	uint32_t *first = xmalloc(n * 4), *nxt = xmalloc(m * 4);

	if (!deg)
		exit(1);
	t->n = n;
	t->ioff = calloc(n + 1, 4);
	t->ooff = calloc(n + 1, 4);
	t->isrc = xmalloc(m * 4);
	t->odst = xmalloc(m * 4);
	t->dur = xmalloc(n * 8);
	t->es = xmalloc(n * 8);
	t->lf = xmalloc(n * 8);
	if (!t->ioff || !t->ooff)
		exit(1);
	memset(first, 0xFF, n * 4);
	for (size_t f = 0; f < m; f++) {
		deg[e->dst[f]]++;
		nxt[f] = first[e->src[f]];
		first[e->src[f]] = (uint32_t)f;
	}
	for (size_t i = 0; i < n; i++)
		if (!deg[i])
			order[tail++] = (uint32_t)i;
	while (head < tail) {
		uint32_t v = order[head++];

		for (uint32_t f = first[v]; f != UINT32_MAX; f = nxt[f])
			if (--deg[e->dst[f]] == 0)
				order[tail++] = e->dst[f];
	}
	for (size_t k = 0; k < n; k++) {
		pos[order[k]] = (uint32_t)k;
		t->dur[k] = e->dur[order[k]];
	}
	for (size_t f = 0; f < m; f++) {
		t->ioff[pos[e->dst[f]] + 1]++;
		t->ooff[pos[e->src[f]] + 1]++;
	}
	for (size_t k = 0; k < n; k++) {
		t->ioff[k + 1] += t->ioff[k];
		t->ooff[k + 1] += t->ooff[k];
	}
	memcpy(deg, t->ioff, n * 4);
	for (size_t f = 0; f < m; f++)
		t->isrc[deg[pos[e->dst[f]]]++] = pos[e->src[f]];
	memcpy(deg, t->ooff, n * 4);
	for (size_t f = 0; f < m; f++)
		t->odst[deg[pos[e->src[f]]]++] = pos[e->dst[f]];
	free(deg); free(order); free(pos); free(first); free(nxt);
}

static double baseline_topo(struct topo *t, double *out_lead)
{
	double t0 = now(), T = 0;

	for (size_t k = 0; k < t->n; k++) {
		double s = 0;

		for (uint32_t j = t->ioff[k]; j < t->ioff[k + 1]; j++) {
			double x = t->es[t->isrc[j]] + t->dur[t->isrc[j]];

			if (x > s)
				s = x;
		}
		t->es[k] = s;
		if (s + t->dur[k] > T)
			T = s + t->dur[k];
	}
	for (size_t k = t->n; k-- > 0;) {
		double f = T;

		for (uint32_t j = t->ooff[k]; j < t->ooff[k + 1]; j++) {
			double x = t->lf[t->odst[j]] - t->dur[t->odst[j]];

			if (x < f)
				f = x;
		}
		t->lf[k] = f;
	}
	*out_lead = T;
	return now() - t0;
}

static void topo_free(struct topo *t)
{
	free(t->ioff); free(t->isrc); free(t->ooff); free(t->odst);
	free(t->dur); free(t->es); free(t->lf);
}

static void die(const char *what)
{
	fprintf(stderr, "bench_analysis: %s: %s\n", what, opflow_error_message());
	exit(1);
}

static opflow_graph *load(const struct edges *e)
{
	opflow_graph *g;
	char *keys = xmalloc(e->n * 12);
	size_t len = 0;
	opflow_id first;

	for (size_t i = 0; i < e->n; i++)
		len += (size_t)sprintf(keys + len, "a%zu", i) + 1;
	if (opflow_graph_new(&g) ||
	    opflow_graph_add_activities(&first, g, e->n, keys, len, NULL, NULL,
	                                e->dur) ||
	    opflow_graph_add_flows(&first, g, e->m, e->src, e->dst, NULL, NULL))
		die("building the graph");
	free(keys);
	return g;
}

static double analyse(const opflow_graph *g, double *lead)
{
	opflow_analysis *a;
	double t0 = now();

	if (opflow_analyze(&a, g, NULL))
		die("analysis");
	t0 = now() - t0;
	opflow_analysis_figure(lead, a, OPFLOW_FIGURE_LEAD_TIME);
	opflow_analysis_free(a);
	return t0;
}

#define BEST(var, expr) do { \
	for (int r_ = 0; r_ < reps; r_++) { double t_ = (expr); \
		if (r_ == 0 || t_ < var) var = t_; } } while (0)

int main(int argc, char **argv)
{
	size_t max = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
	int reps = argc > 2 ? atoi(argv[2]) : 3;

	if (reps < 1)
		reps = 1;
	printf("libopflow %s: analysis of random value chains, 4 flows per "
	       "activity, ids in random order; best of %d runs, seconds\n\n",
	       opflow_version(), reps);
	printf("%9s %9s | %8s %8s | %9s %9s %9s\n", "activities", "flows",
	       "kahn", "topo", "opflow", "prepare", "prepared");
	for (size_t n = 10000; n <= max; n *= 10) {
		struct edges e;
		struct topo t;
		opflow_graph *g;
		double tk = 0, tt = 0, tu = 0, tp = 0, tpa = 0;
		double lk = 0, lt = 0, lu = 0, lp = 0;

		make_graph(&e, n, 4);
		topo_build(&t, &e);
		g = load(&e);
		BEST(tk, baseline_kahn(&e, &lk));
		BEST(tt, baseline_topo(&t, &lt));
		BEST(tu, analyse(g, &lu));
		tp = now();
		if (opflow_graph_prepare(g))
			die("prepare");
		tp = now() - tp;
		BEST(tpa, analyse(g, &lp));
		if (lk != lt || lk != lu || lk != lp) {
			fprintf(stderr, "bench_analysis: lead times differ: %g %g "
			        "%g %g\n", lk, lt, lu, lp);
			return 1;
		}
		printf("%10zu %9zu | %8.4f %8.4f | %9.4f %9.4f %9.4f\n", n, e.m,
		       tk, tt, tu, tp, tpa);
		fflush(stdout);
		opflow_graph_free(g);
		topo_free(&t);
		free(e.src); free(e.dst); free(e.dur);
	}
	return 0;
}
