/*
 * check_reference.c - the analysis engine against an independent
 * reference, on thousands of random value chains.
 *
 * The reference here is written another way than the library: the early
 * starts are found by Bellman-Ford relaxation of difference constraints
 * over the flow list (every constraint relaxed in every round until
 * nothing changes, at most n + 1 rounds, ES >= 0 as the starting point),
 * the late starts the same way downwards from LF <= H; stages by
 * breadth-first reachability from each production activity; chains and
 * critical paths by explicit enumeration and sorting; PERT sigma by
 * enumerating every critical path and summing its variances.  The
 * random graphs have ids in random order, 1 to 60 activities, all four
 * flow types, lags positive, zero and negative, zero durations, parallel
 * flows, departments, estimates, deadlines (also 0 and negative),
 * tolerances and near-critical thresholds.
 *
 * Times agree within 1e-9 * max(1, |T|, |H|); flags, stages, driving
 * flows, chains and paths exactly.  The generator is seeded: a failure
 * names the graph number, and the run is the same every time.
 * OPFLOW_TEST_SCALE scales the number of graphs (see analysis_util.h).
 */
#include "analysis_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXN 60
#define MAXM 400
#define MAXD 128
#define PATH_LIMIT 2000

/* DESIGN's category table: default kind and customer-facing flag. */
static const int default_production[15] = { 1, 1, 1, 1, 1, 1, 0, 0, 0, 0,
                                            0, 0, 0, 0, 0 };
static const int default_customer[15] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1,
                                          0, 1, 1, 1, 0 };

/* ---------------------------------------------------------------- model */

struct model {
	int n, m, nd;
	double dur[MAXN];               /* the duration in use */
	int has_est[MAXN];
	double est[MAXN][3];
	int production[MAXN], category[MAXN], customer[MAXN];
	int dept[MAXN];                 /* -1: none */
	int src[MAXM], dst[MAXM], type[MAXM];
	double lag[MAXM];
	/* every time is a multiple of 1/4 (exact in binary), so that a
	 * custom tolerance or threshold can be compared exactly */
	int dyadic;
	/* small integers only: many ties, many critical paths */
	int coarse;
	/* options */
	int pert_mode, has_deadline, has_tolerance;
	double deadline_offset, deadline, tolerance, near;
};

struct schedule {
	double d[MAXN], es[MAXN], ls[MAXN], ff[MAXN];
	double T, H, tol, min_tf;
	int crit[MAXN], near[MAXN], drive[MAXN];
};

/* A multiple of 1/2 in [lo, hi]. */
static double halves(struct au_rng *r, int lo, int hi)
{
	return (double)(lo * 2 + (int)au_rng_below(r, (uint32_t)(2 * (hi - lo) + 1)))
	       / 2.0;
}

/* A value in [0, span) rounded to thousandths: not exact in binary. */
static double thousandths(struct au_rng *r, double span)
{
	return floor(au_rng_unit(r) * span * 1000.0) / 1000.0;
}

static void random_estimate(struct au_rng *r, struct model *g, int i)
{
	double o, m, p;

	if (g->dyadic || au_rng_below(r, 2)) {
		/* integers with an integer mean: o + 4m + p = 6k */
		int oi = (int)au_rng_below(r, 8), mi = oi + (int)au_rng_below(r, 6);
		int pi = mi + (6 - (oi + 5 * mi) % 6) % 6 + 6 * (int)au_rng_below(r, 3);

		o = oi, m = mi, p = pi;
	} else {
		o = thousandths(r, 8);
		m = o + thousandths(r, 6);
		p = m + thousandths(r, 9);
	}
	g->has_est[i] = 1;
	g->est[i][0] = o;
	g->est[i][1] = m;
	g->est[i][2] = p;
}

/* A random graph, built both in the model and in the library. */
static opflow_graph *random_graph(struct au_rng *r, struct model *g)
{
	opflow_graph *lib = au_graph();
	int rank_of[MAXN], id_of_rank[MAXN], order[MAXM], width;
	double density;
	char key[32];

	memset(g, 0, sizeof *g);
	/* a fifth small graphs, where the corner cases crowd */
	g->n = au_rng_below(r, 5) == 0 ? 1 + (int)au_rng_below(r, 6)
	                                : 1 + (int)au_rng_below(r, MAXN);
	/* a few departments, or now and then many more than the graph has
	 * activities (a sparse handoff matrix) */
	g->nd = au_rng_below(r, 8) == 0 ? 70 + (int)au_rng_below(r, MAXD - 70)
	                                : 1 + (int)au_rng_below(r, 6);
	g->dyadic = au_rng_below(r, 4) != 0;
	g->coarse = g->dyadic && au_rng_below(r, 2);
	for (int i = 0; i < g->n; i++)
		rank_of[i] = i;
	for (int i = g->n; i > 1; i--) {
		int j = (int)au_rng_below(r, (uint32_t)i), t = rank_of[i - 1];

		rank_of[i - 1] = rank_of[j];
		rank_of[j] = t;
	}
	for (int i = 0; i < g->n; i++)
		id_of_rank[rank_of[i]] = i;

	/* departments d0 .. d(nd-1) interned first, so their ids are their
	 * numbers; some may end up without activity */
	for (int d = 0; d < g->nd; d++) {
		opflow_id id;

		snprintf(key, sizeof key, "d%d", d);
		ck_assert_int_eq(opflow_graph_intern_department(&id, lib, key), 0);
		ck_assert_uint_eq(id, (unsigned)d);
	}

	for (int i = 0; i < g->n; i++) {
		opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
		char dkey[16];
		opflow_id id;
		uint32_t what = au_rng_below(r, 10);

		g->category[i] = (int)au_rng_below(r, 15);
		o.category = g->category[i];
		if (au_rng_below(r, 10) < 3) {
			g->production[i] = (int)au_rng_below(r, 2);
			o.kind = g->production[i] ? OPFLOW_KIND_PRODUCTION
			                          : OPFLOW_KIND_OPERATION;
		} else {
			g->production[i] = default_production[g->category[i]];
		}
		if (au_rng_below(r, 10) < 3) {
			g->customer[i] = (int)au_rng_below(r, 2);
			o.customer_facing = g->customer[i];
		} else {
			g->customer[i] = default_customer[g->category[i]];
		}
		g->dept[i] = au_rng_below(r, 5) == 0 ? -1
		             : (int)au_rng_below(r, (uint32_t)g->nd);
		if (g->dept[i] >= 0) {
			snprintf(dkey, sizeof dkey, "d%d", g->dept[i]);
			o.department = dkey;
		}
		if (au_rng_below(r, 10) < 3)
			random_estimate(r, g, i);
		if (what == 0) {                /* zero */
			o.has_duration = 1;
			g->dur[i] = 0;
		} else if (what == 1 && g->has_est[i]) {
			/* derived from the estimate's most likely value */
			g->dur[i] = g->est[i][1];
		} else if (what <= 3 && !g->dyadic) {
			o.has_duration = 1;
			g->dur[i] = thousandths(r, 15);
		} else {
			o.has_duration = 1;
			g->dur[i] = g->coarse ? (au_rng_below(r, 4) ? 1.0 : 2.0)
			                      : halves(r, 0, 12);
		}
		o.duration = g->dur[i];
		if (g->has_est[i]) {
			o.has_estimate = 1;
			o.optimistic = g->est[i][0];
			o.most_likely = g->est[i][1];
			o.pessimistic = g->est[i][2];
		}
		snprintf(key, sizeof key, "r%d", rank_of[i]);
		ck_assert_int_eq(opflow_graph_add_activity_ext(&id, lib, key, &o),
		                 0);
		ck_assert_uint_eq(id, (unsigned)i);
	}

	/* flows from lower to higher rank, then shuffled, so that neither
	 * ids nor flow order follow the topological order */
	density = (0.5 + 2.5 * au_rng_unit(r)) / (g->n > 1 ? g->n - 1 : 1);
	/* coarse graphs are often layered: flows only from one layer of
	 * ranks to the next, so that many paths are equally long */
	width = g->coarse && au_rng_below(r, 2) ? 2 + (int)au_rng_below(r, 4) : 0;
	for (int a = 0; a < g->n && g->m < MAXM - 1; a++)
		for (int b = a + 1; b < g->n && g->m < MAXM - 1; b++) {
			int t;

			if (width ? b / width != a / width + 1 ||
			            au_rng_below(r, 5) < 2
			          : au_rng_unit(r) >= density * 2)
				continue;
			t = (int)au_rng_below(r, 4);
			for (int k = 0; k < 2; k++) {
				uint32_t l = au_rng_below(r, 10);

				if (g->coarse && l < 8)
					l = 0;

				g->src[g->m] = id_of_rank[a];
				g->dst[g->m] = id_of_rank[b];
				g->type[g->m] = (t + k) % 4;
				g->lag[g->m] = l < 4 ? 0.0
				               : g->coarse ? (double)au_rng_below(r, 3) - 1
				               : l < 9 || g->dyadic ? halves(r, -6, 6)
				               : thousandths(r, 10) - 5;
				g->m++;
				/* parallel flows: another type, sometimes */
				if (au_rng_below(r, 8) != 0 || g->m >= MAXM)
					break;
			}
		}
	for (int f = 0; f < g->m; f++)
		order[f] = f;
	for (int f = g->m; f > 1; f--) {
		int j = (int)au_rng_below(r, (uint32_t)f), t = order[f - 1];

		order[f - 1] = order[j];
		order[j] = t;
	}
	{
		int src[MAXM], dst[MAXM], type[MAXM];
		double lag[MAXM];

		for (int f = 0; f < g->m; f++) {
			src[f] = g->src[order[f]];
			dst[f] = g->dst[order[f]];
			type[f] = g->type[order[f]];
			lag[f] = g->lag[order[f]];
		}
		memcpy(g->src, src, sizeof src);
		memcpy(g->dst, dst, sizeof dst);
		memcpy(g->type, type, sizeof type);
		memcpy(g->lag, lag, sizeof lag);
	}
	for (int f = 0; f < g->m; f++) {
		opflow_id id;

		ck_assert_int_eq(opflow_graph_add_flow(&id, lib, (opflow_id)g->src[f],
		                 (opflow_id)g->dst[f], (opflow_flow_type)g->type[f],
		                 g->lag[f]), 0);
		ck_assert_uint_eq(id, (unsigned)f);
	}
	return lib;
}

/* ------------------------------------------------------------ reference */

/* Start-to-start distance a flow imposes: S(b) >= S(a) + w. */
static double weight(const struct model *g, const double *d, int f)
{
	int a = g->src[f], b = g->dst[f];
	double L = g->lag[f];

	switch (g->type[f]) {
	case 0: return d[a] + L;        /* FS: S(b) + 0 >= S(a) + d(a) + L */
	case 1: return L;               /* SS */
	case 2: return d[a] + L - d[b]; /* FF: S(b) + d(b) >= S(a) + d(a) + L */
	default: return L - d[b];       /* SF: S(b) + d(b) >= S(a) + L */
	}
}

/* Early starts by Bellman-Ford over the flows whose ends are both in
 * `in` (NULL: all), from S = 0. */
static void relax_forward(const struct model *g, const double *d,
                          const int *in, double *es)
{
	int rounds = 0, changed = 1;

	for (int i = 0; i < g->n; i++)
		es[i] = 0;
	while (changed) {
		changed = 0;
		ck_assert_msg(rounds++ <= g->n + 1, "forward relaxation diverges");
		for (int f = 0; f < g->m; f++) {
			int a = g->src[f], b = g->dst[f];
			double v;

			if (in && !(in[a] && in[b]))
				continue;
			v = es[a] + weight(g, d, f);
			if (v > es[b]) {
				es[b] = v;
				changed = 1;
			}
		}
	}
}

/* Late starts by Bellman-Ford downwards from LS = H - d. */
static void relax_backward(const struct model *g, const double *d, double H,
                           double *ls)
{
	int rounds = 0, changed = 1;

	for (int i = 0; i < g->n; i++)
		ls[i] = H - d[i];
	while (changed) {
		changed = 0;
		ck_assert_msg(rounds++ <= g->n + 1, "backward relaxation diverges");
		for (int f = 0; f < g->m; f++) {
			int a = g->src[f], b = g->dst[f];
			double v = ls[b] - weight(g, d, f);

			if (v < ls[a]) {
				ls[a] = v;
				changed = 1;
			}
		}
	}
}

/* DESIGN's free-float terms: the slack of a flow at early times. */
static double slack(const struct model *g, const struct schedule *s, int f)
{
	int a = g->src[f], b = g->dst[f];
	double L = g->lag[f];
	double esa = s->es[a], efa = s->es[a] + s->d[a];
	double esb = s->es[b], efb = s->es[b] + s->d[b];

	switch (g->type[f]) {
	case 0: return esb - L - efa;
	case 1: return esb - L - esa;
	case 2: return efb - L - efa;
	default: return efb - L - esa;
	}
}

static void compute_schedule(const struct model *g, const double *d,
                             int has_deadline, double deadline,
                             struct schedule *s)
{
	memcpy(s->d, d, (size_t)g->n * sizeof *d);
	relax_forward(g, d, NULL, s->es);
	s->T = 0;
	for (int i = 0; i < g->n; i++)
		if (s->es[i] + d[i] > s->T)
			s->T = s->es[i] + d[i];
	s->H = has_deadline ? deadline : s->T;
	relax_backward(g, d, s->H, s->ls);
	s->tol = g->has_tolerance ? g->tolerance
	         : 1e-9 * (fabs(s->T) > 1 ? fabs(s->T) : 1);
	s->min_tf = INFINITY;
	for (int i = 0; i < g->n; i++)
		if (s->ls[i] - s->es[i] < s->min_tf)
			s->min_tf = s->ls[i] - s->es[i];
	for (int i = 0; i < g->n; i++) {
		double tf = s->ls[i] - s->es[i];

		s->crit[i] = tf <= s->min_tf + s->tol;
		s->near[i] = s->crit[i] || tf <= s->min_tf + g->near;
		s->ff[i] = s->H - (s->es[i] + d[i]);
		s->drive[i] = -1;
	}
	for (int f = 0; f < g->m; f++) {
		double sl = slack(g, s, f);

		if (sl < s->ff[g->src[f]])
			s->ff[g->src[f]] = sl;
		/* flows in id order: the first tight one drives */
		if (sl <= s->tol && s->drive[g->dst[f]] < 0)
			s->drive[g->dst[f]] = f;
	}
}

/* Breadth-first search from `from` along flows (forward or backward);
 * marks every activity reached by at least one flow. */
static void bfs(const struct model *g, int from, int forward, int *mark)
{
	int queue[MAXN], seen[MAXN] = { 0 }, head = 0, tail = 0;

	queue[tail++] = from;
	seen[from] = 1;
	while (head < tail) {
		int v = queue[head++];

		for (int f = 0; f < g->m; f++) {
			int a = forward ? g->src[f] : g->dst[f];
			int b = forward ? g->dst[f] : g->src[f];

			if (a != v)
				continue;
			mark[b] = 1;
			if (!seen[b]) {
				seen[b] = 1;
				queue[tail++] = b;
			}
		}
	}
}

static void stages(const struct model *g, opflow_stage *stage)
{
	int reached[MAXN] = { 0 }, reaches[MAXN] = { 0 };

	for (int p = 0; p < g->n; p++)
		if (g->production[p]) {
			bfs(g, p, 1, reached);
			bfs(g, p, 0, reaches);
		}
	for (int i = 0; i < g->n; i++)
		stage[i] = g->production[i] ? OPFLOW_STAGE_PRODUCTION
		           : reached[i] && reaches[i] ? OPFLOW_STAGE_INTERLEAVED
		           : reaches[i] ? OPFLOW_STAGE_PRE_PRODUCTION
		           : reached[i] ? OPFLOW_STAGE_POST_PRODUCTION
		           : OPFLOW_STAGE_INDEPENDENT;
}

/* --------------------------------------------------------- path lists */

struct path_list {
	int count;
	int overflow;
	int len[PATH_LIMIT];
	int ids[PATH_LIMIT][MAXN];
	int index[PATH_LIMIT];          /* sorted order */
};

static const double *sort_es;

/* Lexicographic order of (early start, id) sequences. */
static int path_cmp_ids(const int *x, int nx, const int *y, int ny)
{
	for (int i = 0; i < nx && i < ny; i++) {
		if (x[i] == y[i])
			continue;
		if (sort_es[x[i]] != sort_es[y[i]])
			return sort_es[x[i]] < sort_es[y[i]] ? -1 : 1;
		return x[i] < y[i] ? -1 : 1;
	}
	return nx < ny ? -1 : nx > ny;
}

static const struct path_list *sort_list;

static int path_cmp(const void *p, const void *q)
{
	int i = *(const int *)p, j = *(const int *)q;

	return path_cmp_ids(sort_list->ids[i], sort_list->len[i],
	                    sort_list->ids[j], sort_list->len[j]);
}

static void sort_paths(struct path_list *l, const double *es)
{
	for (int i = 0; i < l->count; i++)
		l->index[i] = i;
	sort_es = es;
	sort_list = l;
	qsort(l->index, (size_t)l->count, sizeof *l->index, path_cmp);
}

/* Every maximal path in the graph of critical activities joined by tight
 * flows (parallel flows once), by depth-first enumeration. */
struct tight_graph {
	int succ[MAXN][MAXN], nsucc[MAXN], has_pred[MAXN];
};

static void tight_graph(const struct model *g, const struct schedule *s,
                        struct tight_graph *t)
{
	memset(t, 0, sizeof *t);
	for (int f = 0; f < g->m; f++) {
		int a = g->src[f], b = g->dst[f], dup = 0;

		if (!s->crit[a] || !s->crit[b] || slack(g, s, f) > s->tol)
			continue;
		for (int k = 0; k < t->nsucc[a]; k++)
			dup |= t->succ[a][k] == b;
		if (!dup)
			t->succ[a][t->nsucc[a]++] = b;
		t->has_pred[b] = 1;
	}
}

static double count_from(const struct tight_graph *t, int v, double *memo)
{
	double c = 0;

	if (memo[v] >= 0)
		return memo[v];
	if (t->nsucc[v] == 0)
		c = 1;
	for (int k = 0; k < t->nsucc[v]; k++)
		c += count_from(t, t->succ[v][k], memo);
	memo[v] = c;
	return c;
}

static void enumerate(const struct tight_graph *t, int v, int *stack,
                      int depth, struct path_list *l)
{
	stack[depth++] = v;
	if (t->nsucc[v] == 0) {
		if (l->count == PATH_LIMIT) {
			l->overflow = 1;
			return;
		}
		memcpy(l->ids[l->count], stack, (size_t)depth * sizeof *stack);
		l->len[l->count++] = depth;
		return;
	}
	for (int k = 0; k < t->nsucc[v]; k++)
		enumerate(t, t->succ[v][k], stack, depth, l);
}

/* The maximal critical paths, or overflow when there are more than the
 * limit (counted first, so the enumeration never runs away). */
static void critical_paths(const struct model *g, const struct schedule *s,
                           struct path_list *l)
{
	static struct tight_graph t;
	double memo[MAXN], total = 0;
	int stack[MAXN];

	tight_graph(g, s, &t);
	l->count = 0;
	l->overflow = 0;
	for (int i = 0; i < g->n; i++)
		memo[i] = -1;
	for (int i = 0; i < g->n; i++)
		if (s->crit[i] && !t.has_pred[i])
			total += count_from(&t, i, memo);
	if (total > PATH_LIMIT) {
		l->overflow = 1;
		return;
	}
	for (int i = 0; i < g->n; i++)
		if (s->crit[i] && !t.has_pred[i])
			enumerate(&t, i, stack, 0, l);
}

/* The chains: root-to-leaf paths of the forest in which each critical
 * activity hangs from the source of its driving flow, when critical. */
static void chains(const struct model *g, const struct schedule *s,
                   struct path_list *l)
{
	int parent[MAXN], has_child[MAXN] = { 0 };

	for (int i = 0; i < g->n; i++) {
		int f = s->drive[i];

		parent[i] = -1;
		if (s->crit[i] && f >= 0 && s->crit[g->src[f]])
			parent[i] = g->src[f];
	}
	for (int i = 0; i < g->n; i++)
		if (parent[i] >= 0)
			has_child[parent[i]] = 1;
	l->count = 0;
	l->overflow = 0;
	for (int leaf = 0; leaf < g->n; leaf++) {
		int rev[MAXN], len = 0;

		if (!s->crit[leaf] || has_child[leaf])
			continue;
		for (int v = leaf; v >= 0; v = parent[v])
			rev[len++] = v;
		for (int k = 0; k < len; k++)
			l->ids[l->count][k] = rev[len - 1 - k];
		l->len[l->count++] = len;
	}
}

/* ------------------------------------------------------------ comparison */

struct lib_paths {
	struct path_list *l;
	size_t calls;
};

static int take_path(const opflow_id *ids, size_t length, void *payload)
{
	struct lib_paths *p = payload;

	if (p->l->count < PATH_LIMIT && length <= MAXN) {
		for (size_t k = 0; k < length; k++)
			p->l->ids[p->l->count][k] = (int)ids[k];
		p->l->len[p->l->count] = (int)length;
		p->l->index[p->l->count] = p->l->count;
		p->l->count++;
	}
	p->calls++;
	return 0;
}

static long graphs_checked, paths_checked, paths_skipped, sigma_skipped;
static long paths_total, chains_total, with_deadline, in_pert_mode;

/* got within 1e-9 * scale of want, else a failure naming both */
#define CHECK_NEAR(got, want, scale, ...) do { \
	double g_ = (got), w_ = (want); \
	if (!(fabs(g_ - w_) <= 1e-9 * (scale))) { \
		char m_[256]; \
		snprintf(m_, sizeof m_, __VA_ARGS__); \
		ck_abort_msg("%s is %.17g, reference %.17g", m_, g_, w_); \
	} \
} while (0)

static void expect_figure(const opflow_analysis *an, opflow_figure f,
                          double want, double scale, long k)
{
	double v;
	int rc = opflow_analysis_figure(&v, an, f);

	ck_assert_msg(rc == 0, "graph %ld: %s: %d", k, opflow_figure_name(f), rc);
	ck_assert_msg(fabs(v - want) <= 1e-9 * scale,
	              "graph %ld: %s is %.17g, reference %.17g", k,
	              opflow_figure_name(f), v, want);
}

static void expect_absent(const opflow_analysis *an, opflow_figure f, long k)
{
	double v;

	ck_assert_msg(opflow_analysis_figure(&v, an, f) == OPFLOW_ENOTFOUND,
	              "graph %ld: %s should be absent", k, opflow_figure_name(f));
}

static void compare_paths(const struct path_list *want,
                          const struct path_list *got, int count,
                          const char *what, long k)
{
	for (int p = 0; p < count; p++) {
		int i = want->index[p], j = got->index[p];

		ck_assert_msg(want->len[i] == got->len[j],
		              "graph %ld: %s %d has %d activities, reference %d", k,
		              what, p, got->len[j], want->len[i]);
		for (int q = 0; q < want->len[i]; q++)
			ck_assert_msg(want->ids[i][q] == got->ids[j][q],
			              "graph %ld: %s %d differs at %d (%d, reference "
			              "%d)", k, what, p, q, got->ids[j][q],
			              want->ids[i][q]);
	}
}

static void check_scope(const struct model *g, const struct schedule *s,
                        const opflow_analysis *an, long k)
{
	int prod = 0, cf = 0, used[MAXD] = { 0 }, pused[MAXD] = { 0 };
	int cats[15] = { 0 }, pcats[15] = { 0 };
	static int matrix[MAXD][MAXD];
	int hand = 0, hp = 0, hb = 0, ho = 0, entries = 0;
	double effort = 0, peffort = 0, cfeffort = 0;
	double crit_dept[MAXD + 1] = { 0 }, crit_kind[2] = { 0 };
	int ndepts = 0, npdepts = 0, ncats = 0, npcats = 0;
	double scale = fabs(s->T) > 1 ? fabs(s->T) : 1;
	double v;

	memset(matrix, 0, sizeof matrix);
	for (int i = 0; i < g->n; i++) {
		effort += s->d[i];
		cats[g->category[i]] = 1;
		if (g->production[i]) {
			prod++;
			peffort += s->d[i];
			pcats[g->category[i]] = 1;
		}
		if (g->customer[i]) {
			cf++;
			cfeffort += s->d[i];
		}
		if (g->dept[i] >= 0) {
			used[g->dept[i]] = 1;
			if (g->production[i])
				pused[g->dept[i]] = 1;
		}
		if (s->crit[i]) {
			crit_dept[g->dept[i] >= 0 ? g->dept[i] : g->nd] += s->d[i];
			crit_kind[g->production[i] ? 0 : 1] += s->d[i];
		}
	}
	for (int d = 0; d < g->nd; d++)
		ndepts += used[d], npdepts += pused[d];
	for (int c = 0; c < 15; c++)
		ncats += cats[c], npcats += pcats[c];
	for (int f = 0; f < g->m; f++) {
		int a = g->src[f], b = g->dst[f];

		if (g->dept[a] < 0 || g->dept[b] < 0 || g->dept[a] == g->dept[b])
			continue;
		hand++;
		matrix[g->dept[a]][g->dept[b]]++;
		if (g->production[a] && g->production[b])
			hp++;
		else if (g->production[a] || g->production[b])
			hb++;
		else
			ho++;
	}
	expect_figure(an, OPFLOW_FIGURE_ACTIVITIES, g->n, 1, k);
	expect_figure(an, OPFLOW_FIGURE_PRODUCTION_ACTIVITIES, prod, 1, k);
	expect_figure(an, OPFLOW_FIGURE_OPERATION_ACTIVITIES, g->n - prod, 1, k);
	expect_figure(an, OPFLOW_FIGURE_EFFORT, effort, scale * g->n, k);
	expect_figure(an, OPFLOW_FIGURE_PRODUCTION_EFFORT, peffort,
	              scale * g->n, k);
	expect_figure(an, OPFLOW_FIGURE_PRODUCTION_SHARE,
	              (double)prod / g->n, 1, k);
	expect_figure(an, OPFLOW_FIGURE_PRODUCTION_EFFORT_SHARE,
	              effort > 0 ? peffort / effort : 0, 1, k);
	expect_figure(an, OPFLOW_FIGURE_DEPARTMENTS, ndepts, 1, k);
	expect_figure(an, OPFLOW_FIGURE_PRODUCTION_DEPARTMENTS, npdepts, 1, k);
	expect_figure(an, OPFLOW_FIGURE_CATEGORIES, ncats, 1, k);
	expect_figure(an, OPFLOW_FIGURE_PRODUCTION_CATEGORIES, npcats, 1, k);
	expect_figure(an, OPFLOW_FIGURE_CUSTOMER_FACING, cf, 1, k);
	expect_figure(an, OPFLOW_FIGURE_CUSTOMER_FACING_EFFORT, cfeffort,
	              scale * g->n, k);
	expect_figure(an, OPFLOW_FIGURE_HANDOFFS, hand, 1, k);
	expect_figure(an, OPFLOW_FIGURE_PRODUCTION_HANDOFFS, hp, 1, k);
	expect_figure(an, OPFLOW_FIGURE_BOUNDARY_HANDOFFS, hb, 1, k);
	expect_figure(an, OPFLOW_FIGURE_OPERATION_HANDOFFS, ho, 1, k);

	/* the matrix, row by row */
	for (int a = 0; a < g->nd; a++)
		for (int b = 0; b < g->nd; b++) {
			opflow_id from, to;
			size_t count;

			if (!matrix[a][b])
				continue;
			ck_assert_int_eq(opflow_analysis_handoff(&from, &to, &count, an,
			                                         (size_t)entries), 0);
			ck_assert_msg(from == (opflow_id)a && to == (opflow_id)b &&
			              count == (size_t)matrix[a][b],
			              "graph %ld: handoff entry %d is (%u, %u) x %zu, "
			              "reference (%d, %d) x %d", k, entries,
			              (unsigned)from, (unsigned)to, count, a, b,
			              matrix[a][b]);
			entries++;
		}
	ck_assert_uint_eq(opflow_analysis_handoff_count(an), (size_t)entries);

	ck_assert_uint_eq(opflow_analysis_department_count(an), (size_t)g->nd);
	for (int d = 0; d <= g->nd; d++) {
		opflow_id id = d < g->nd ? (opflow_id)d : OPFLOW_NONE;

		ck_assert_int_eq(opflow_analysis_critical_time_by_department(&v, an,
		                                                             id), 0);
		CHECK_NEAR(v, crit_dept[d], scale * g->n,
		           "graph %ld: critical time of department %d", k, d);
	}
	ck_assert_int_eq(opflow_analysis_critical_time_by_kind(&v, an,
	                 OPFLOW_KIND_PRODUCTION), 0);
	CHECK_NEAR(v, crit_kind[0], scale * g->n,
	           "graph %ld: critical production time", k);
	ck_assert_int_eq(opflow_analysis_critical_time_by_kind(&v, an,
	                 OPFLOW_KIND_OPERATION), 0);
	CHECK_NEAR(v, crit_kind[1], scale * g->n,
	           "graph %ld: critical operation time", k);
}

static void check_timeframe(const struct model *g, const struct schedule *s,
                            const opflow_analysis *an, long k)
{
	int in[MAXN], any = 0;
	double es[MAXN], start = INFINITY, end = -INFINITY, span = 0;
	double scale = fabs(s->T) > 1 ? fabs(s->T) : 1;

	for (int i = 0; i < g->n; i++) {
		in[i] = g->production[i];
		if (!in[i])
			continue;
		any = 1;
		if (s->es[i] < start)
			start = s->es[i];
		if (s->es[i] + s->d[i] > end)
			end = s->es[i] + s->d[i];
	}
	expect_figure(an, OPFLOW_FIGURE_LEAD_TIME, s->T, scale, k);
	if (!any) {
		for (int f = OPFLOW_FIGURE_PRODUCTION_START;
		     f <= OPFLOW_FIGURE_TIMEFRAME_RATIO; f++)
			expect_absent(an, (opflow_figure)f, k);
		return;
	}
	/* the production subgraph alone, relaxed the same way */
	relax_forward(g, s->d, in, es);
	for (int i = 0; i < g->n; i++)
		if (in[i] && es[i] + s->d[i] > span)
			span = es[i] + s->d[i];
	expect_figure(an, OPFLOW_FIGURE_PRODUCTION_START, start, scale, k);
	expect_figure(an, OPFLOW_FIGURE_PRODUCTION_END, end, scale, k);
	expect_figure(an, OPFLOW_FIGURE_PRODUCTION_WINDOW, end - start, scale, k);
	expect_figure(an, OPFLOW_FIGURE_PRE_PRODUCTION, start, scale, k);
	expect_figure(an, OPFLOW_FIGURE_POST_PRODUCTION, s->T - end, scale, k);
	expect_figure(an, OPFLOW_FIGURE_PRODUCTION_SPAN, span, scale, k);
	if (span > 0)
		expect_figure(an, OPFLOW_FIGURE_TIMEFRAME_RATIO, s->T / span,
		              s->T / span > 1 ? s->T / span : 1, k);
	else
		expect_absent(an, OPFLOW_FIGURE_TIMEFRAME_RATIO, k);
}

static void check_pert(const struct model *g, const opflow_analysis *an,
                       long k)
{
	static struct schedule p;
	static struct path_list l;
	double mean[MAXN], var[MAXN], sigma2 = 0, sigma, v;
	double scale;

	for (int i = 0; i < g->n; i++) {
		if (g->has_est[i]) {
			double o = g->est[i][0], m = g->est[i][1], q = g->est[i][2];

			mean[i] = (o + 4 * m + q) / 6;
			var[i] = ((q - o) / 6) * ((q - o) / 6);
		} else {
			mean[i] = g->dur[i];
			var[i] = 0;
		}
	}
	/* the critical activities of the schedule on the means */
	compute_schedule(g, mean, 0, 0, &p);
	scale = fabs(p.T) > 1 ? fabs(p.T) : 1;
	expect_figure(an, OPFLOW_FIGURE_PERT_LEAD_TIME, p.T, scale, k);
	critical_paths(g, &p, &l);
	if (l.overflow) {
		sigma_skipped++;
		return;
	}
	for (int q = 0; q < l.count; q++) {
		double sum = 0;

		for (int j = 0; j < l.len[q]; j++)
			sum += var[l.ids[q][j]];
		if (sum > sigma2)
			sigma2 = sum;
	}
	sigma = sqrt(sigma2);
	expect_figure(an, OPFLOW_FIGURE_PERT_STDDEV, sigma,
	              sigma > 1 ? sigma : 1, k);
	if (!g->has_deadline) {
		expect_absent(an, OPFLOW_FIGURE_PERT_PROBABILITY, k);
		return;
	}
	ck_assert_int_eq(opflow_analysis_figure(&v, an,
	                 OPFLOW_FIGURE_PERT_PROBABILITY), 0);
	if (sigma > 0) {
		/* Phi by erf, where the library may use erfc */
		double z = (g->deadline - p.T) / sigma;

		CHECK_NEAR(v, 0.5 * (1 + erf(z / sqrt(2.0))), 1,
		           "graph %ld: pert_probability", k);
	} else {
		ck_assert_msg(v == (g->deadline >= p.T ? 1.0 : 0.0),
		              "graph %ld: pert_probability %g with sigma 0", k, v);
	}
}

static void check_graph(struct au_rng *rng, long k)
{
	static struct model g;
	static struct schedule s;
	static struct path_list want, got;
	opflow_graph *lib = random_graph(rng, &g);
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_analysis *an;
	opflow_stage stage[MAXN];
	double d[MAXN], lib_es[MAXN], scale;
	int exact = g.dyadic;

	/* durations of the main schedule */
	for (int i = 0; i < g.n; i++)
		d[i] = g.dur[i];
	g.pert_mode = au_rng_below(rng, 5) == 0;
	if (g.pert_mode) {
		o.duration_mode = OPFLOW_DURATIONS_PERT;
		for (int i = 0; i < g.n; i++)
			if (g.has_est[i])
				d[i] = (g.est[i][0] + 4 * g.est[i][1] + g.est[i][2]) / 6;
	}
	/* a custom tolerance and near-critical band only where every time
	 * is exact, so that the comparisons with them are exact too */
	if (exact && au_rng_below(rng, 4) == 0) {
		static const double tols[] = { 0, 0.5, 1, 2 };

		g.has_tolerance = 1;
		g.tolerance = tols[au_rng_below(rng, 4)];
		o.has_tolerance = 1;
		o.tolerance = g.tolerance;
	}
	if (exact && au_rng_below(rng, 3) == 0) {
		static const double nears[] = { 0.5, 1, 2.5, 4 };

		g.near = nears[au_rng_below(rng, 4)];
		o.near_critical = g.near;
	}
	/* a deadline: around the lead time, or 0, or negative */
	if (au_rng_below(rng, 3) == 0) {
		struct schedule tmp;
		uint32_t w = au_rng_below(rng, 6);

		compute_schedule(&g, d, 0, 0, &tmp);
		g.has_deadline = 1;
		g.deadline = w == 0 ? 0
		             : w == 1 ? -halves(rng, 1, 10)
		             : tmp.T + halves(rng, -8, 8);
		/* equal to the lead time only where both are exact */
		if (!exact && g.deadline == tmp.T)
			g.deadline += 0.5;
		o.has_deadline = 1;
		o.deadline = g.deadline;
	}

	compute_schedule(&g, d, g.has_deadline, g.deadline, &s);
	with_deadline += g.has_deadline;
	in_pert_mode += g.pert_mode;
	stages(&g, stage);
	an = au_analyze(lib, &o);
	scale = fabs(s.T) > fabs(s.H) ? fabs(s.T) : fabs(s.H);
	if (scale < 1)
		scale = 1;

	ck_assert_uint_eq(opflow_analysis_activity_count(an), (size_t)g.n);
	for (int i = 0; i < g.n; i++) {
		double es, ef, ls, lf, tf, ff, dur, lag;
		int crit, near;
		opflow_stage st;
		opflow_id flow, source;
		opflow_flow_type type;
		opflow_id id = (opflow_id)i;

		ck_assert_int_eq(opflow_analysis_duration(&dur, an, id), 0);
		ck_assert_int_eq(opflow_analysis_schedule(&es, &ef, &ls, &lf, an,
		                                          id), 0);
		ck_assert_int_eq(opflow_analysis_floats(&tf, &ff, an, id), 0);
		ck_assert_int_eq(opflow_analysis_criticality(&crit, &near, an, id),
		                 0);
		ck_assert_int_eq(opflow_analysis_stage(&st, an, id), 0);
		ck_assert_int_eq(opflow_analysis_driving_flow(&flow, &source, &type,
		                                              &lag, an, id), 0);
		lib_es[i] = es;
		CHECK_NEAR(dur, s.d[i], scale, "graph %ld: duration of %d", k, i);
		CHECK_NEAR(es, s.es[i], scale, "graph %ld: es of %d", k, i);
		CHECK_NEAR(ef, s.es[i] + s.d[i], scale, "graph %ld: ef of %d", k, i);
		CHECK_NEAR(ls, s.ls[i], scale, "graph %ld: ls of %d", k, i);
		CHECK_NEAR(lf, s.ls[i] + s.d[i], scale, "graph %ld: lf of %d", k, i);
		CHECK_NEAR(tf, s.ls[i] - s.es[i], scale,
		           "graph %ld: total float of %d", k, i);
		CHECK_NEAR(ff, s.ff[i], scale, "graph %ld: free float of %d", k, i);
		/* DESIGN: with H >= T, 0 <= free float <= total float */
		if (s.H >= s.T)
			ck_assert_msg(ff >= -1e-9 * scale && ff <= tf + 1e-9 * scale,
			              "graph %ld: free float %.17g of %d outside "
			              "[0, TF = %.17g]", k, ff, i, tf);
		ck_assert_msg(crit == s.crit[i], "graph %ld: critical(%d) = %d, "
		              "reference %d", k, i, crit, s.crit[i]);
		ck_assert_msg(near == s.near[i], "graph %ld: near_critical(%d) = "
		              "%d, reference %d", k, i, near, s.near[i]);
		ck_assert_msg(st == stage[i], "graph %ld: stage(%d) = %s, "
		              "reference %s", k, i, opflow_stage_name(st),
		              opflow_stage_name(stage[i]));
		if (s.drive[i] < 0) {
			ck_assert_msg(flow == OPFLOW_NONE && source == OPFLOW_NONE,
			              "graph %ld: %d is driven by flow %u, reference "
			              "none", k, i, (unsigned)flow);
		} else {
			int f = s.drive[i];

			ck_assert_msg(flow == (opflow_id)f, "graph %ld: %d is driven by "
			              "flow %u, reference %d", k, i, (unsigned)flow, f);
			ck_assert(source == (opflow_id)g.src[f] &&
			          (int)type == g.type[f] && lag == g.lag[f]);
		}
	}

	/* chains, ordered by (early start as reported, id) */
	chains(&g, &s, &want);
	sort_paths(&want, lib_es);
	ck_assert_msg(opflow_analysis_chain_count(an) == (size_t)want.count,
	              "graph %ld: %zu chains, reference %d", k,
	              opflow_analysis_chain_count(an), want.count);
	got.count = want.count;
	for (int c = 0; c < want.count; c++) {
		opflow_id ids[MAXN];
		size_t len;

		ck_assert_int_eq(opflow_analysis_chain(&len, ids, MAXN, an,
		                                       (size_t)c), 0);
		ck_assert_uint_le(len, MAXN);
		for (size_t q = 0; q < len; q++)
			got.ids[c][q] = (int)ids[q];
		got.len[c] = (int)len;
		got.index[c] = c;
	}
	compare_paths(&want, &got, want.count, "chain", k);
	chains_total += want.count;

	/* every critical path, when there are not too many */
	critical_paths(&g, &s, &want);
	if (want.overflow) {
		paths_skipped++;
	} else {
		struct lib_paths lp = { &got, 0 };
		size_t count;
		int more;

		sort_paths(&want, lib_es);
		got.count = 0;
		ck_assert_int_eq(opflow_analysis_critical_paths(&count, &more, an,
		                 PATH_LIMIT + 1, take_path, &lp), 0);
		ck_assert_msg(count == (size_t)want.count && lp.calls == count,
		              "graph %ld: %zu critical paths, reference %d", k,
		              count, want.count);
		ck_assert_int_eq(more, 0);
		compare_paths(&want, &got, want.count, "critical path", k);
		/* one short of all: more */
		if (want.count > 0) {
			lp.calls = 0;
			got.count = 0;
			ck_assert_int_eq(opflow_analysis_critical_paths(&count, &more,
			                 an, (size_t)want.count - 1, take_path, &lp), 0);
			ck_assert_uint_eq(count, (size_t)want.count - 1);
			ck_assert_int_eq(more, 1);
			compare_paths(&want, &got, want.count - 1, "critical path", k);
		}
		paths_checked++;
		paths_total += want.count;
	}

	check_scope(&g, &s, an, k);
	check_timeframe(&g, &s, an, k);
	check_pert(&g, an, k);

	/* now and then: the prepared graph gives the same bits */
	if (k % 8 == 0) {
		struct au_snapshot x, y;
		opflow_analysis *again;
		const char *diff;
		char why[160];

		ck_assert_int_eq(au_snapshot_take(&x, an), 0);
		ck_assert_int_eq(opflow_graph_prepare(lib), 0);
		again = au_analyze(lib, &o);
		ck_assert_int_eq(au_snapshot_take(&y, again), 0);
		diff = au_snapshot_diff(&x, &y, why, sizeof why);
		ck_assert_msg(diff == NULL, "graph %ld: prepared differs: %s", k,
		              diff);
		au_snapshot_free(&x);
		au_snapshot_free(&y);
		opflow_analysis_free(again);
	}
	opflow_analysis_free(an);
	opflow_graph_free(lib);
	graphs_checked++;
}

START_TEST(test_random_graphs)
{
	struct au_rng rng;
	long graphs = au_scaled(1500, 30);

	au_rng_seed(&rng, UINT64_C(0x6F70666C6F77) + (uint64_t)_i);
	for (long k = 0; k < graphs; k++)
		check_graph(&rng, k);
	printf("reference: %ld graphs; critical paths compared on %ld, "
	       "sigma on %ld; %ld paths, %ld chains, %ld with a deadline, "
	       "%ld in PERT mode\n", graphs_checked, paths_checked,
	       graphs_checked - sigma_skipped, paths_total, chains_total,
	       with_deadline, in_pert_mode);
	/* the comparison of paths ran on most graphs */
	ck_assert_msg(paths_checked >= graphs_checked * 3 / 4,
	              "critical paths compared on %ld of %ld graphs",
	              paths_checked, graphs_checked);
	ck_assert_msg(sigma_skipped <= graphs_checked / 4,
	              "sigma compared on %ld of %ld graphs",
	              graphs_checked - sigma_skipped, graphs_checked);
}
END_TEST

/* The reference on its own, on a case worked by hand, so that it cannot
 * silently agree with the library on something wrong: a(2) -SS -5-> b(3)
 * -SS +1-> c(1) gives ES 0, 0, 1 and LS 1, 0, 2 (see check_analysis.c). */
START_TEST(test_reference_itself)
{
	static struct model g;
	static struct schedule s;
	double d[3] = { 2, 3, 1 };

	memset(&g, 0, sizeof g);
	g.n = 3;
	g.m = 2;
	g.src[0] = 0, g.dst[0] = 1, g.type[0] = 1, g.lag[0] = -5;
	g.src[1] = 1, g.dst[1] = 2, g.type[1] = 1, g.lag[1] = 1;
	compute_schedule(&g, d, 0, 0, &s);
	ck_assert(s.T == 3);
	ck_assert(s.es[0] == 0 && s.es[1] == 0 && s.es[2] == 1);
	ck_assert(s.ls[0] == 1 && s.ls[1] == 0 && s.ls[2] == 2);
	ck_assert(!s.crit[0] && s.crit[1] && !s.crit[2]);
	ck_assert(s.drive[0] == -1 && s.drive[1] == -1 && s.drive[2] == 1);
	ck_assert(s.ff[0] == 1 && s.ff[1] == 0 && s.ff[2] == 1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("reference");
	TCase *tc = tcase_create("random");

	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_reference_itself);
	tcase_add_loop_test(tc, test_random_graphs, 0, 2);
	suite_add_tcase(s, tc);
	return au_run(s);
}
