/*
 * analysis.c - the critical path method over the four flow types, floats,
 * criticality, driving flows and critical chains.
 *
 * The passes run over the topological layout (the graph's own when
 * opflow_graph_prepare() made one, else a private one built here), in
 * positions; the result is then scattered into activity ids.  The graph is
 * only read.
 */
#include "config.h"

#include "internal.h"

#include <math.h>
#include <string.h>

/* ------------------------------------------------------------- the passes */

/* Where a constraint puts the early start of b, given a's early start. */
static inline double forward_bound(int type, double es_a, double d_a,
                                   double lag, double d_b)
{
	switch (type) {
	case OPFLOW_FLOW_FS: return es_a + d_a + lag;
	case OPFLOW_FLOW_SS: return es_a + lag;
	case OPFLOW_FLOW_FF: return es_a + d_a + lag - d_b;
	default:             return es_a + lag - d_b;
	}
}

/* Where a constraint puts the late finish of a, given b's late finish. */
static inline double backward_bound(int type, double lf_b, double d_b,
                                    double lag, double d_a)
{
	switch (type) {
	case OPFLOW_FLOW_FS: return lf_b - d_b - lag;
	case OPFLOW_FLOW_SS: return lf_b - d_b - lag + d_a;
	case OPFLOW_FLOW_FF: return lf_b - lag;
	default:             return lf_b - lag + d_a;
	}
}

/* The slack of a constraint at early times (DESIGN: free float terms). */
double opflow__slack(int type, double es_a, double d_a, double lag,
                           double es_b, double d_b)
{
	switch (type) {
	case OPFLOW_FLOW_FS: return es_b - lag - (es_a + d_a);
	case OPFLOW_FLOW_SS: return es_b - lag - es_a;
	case OPFLOW_FLOW_FF: return (es_b + d_b) - lag - (es_a + d_a);
	default:             return (es_b + d_b) - lag - es_a;
	}
}

int opflow__forward(const struct opflow__layout *L, const double *dur,
                    double *es, double *lead_time, uint32_t *bad)
{
	double T = 0.0;

	for (uint32_t k = 0; k < L->n; k++) {
		double s = 0.0, d = dur[k], ef;

		for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1]; e++) {
			uint32_t a = L->in_src[e];
			double v = forward_bound(L->in_type[e], es[a], dur[a],
			                         L->in_lag[e], d);

			if (v > s)
				s = v;
		}
		es[k] = s;
		ef = s + d;
		if (!isfinite(ef)) {
			*bad = k;
			return OPFLOW_ERANGE;
		}
		if (ef > T)
			T = ef;
	}
	*lead_time = T;
	return 0;
}

int opflow__backward(const struct opflow__layout *L, const double *dur,
                     double horizon, double *lf, uint32_t *bad)
{
	for (uint32_t k = L->n; k-- > 0;) {
		double f = horizon, d = dur[k];

		for (uint32_t e = L->out_off[k]; e < L->out_off[k + 1]; e++) {
			uint32_t b = L->out_dst[e];
			double v = backward_bound(L->out_type[e], lf[b], dur[b],
			                          L->out_lag[e], d);

			if (v < f)
				f = v;
		}
		lf[k] = f;
		if (!isfinite(f - d)) {
			*bad = k;
			return OPFLOW_ERANGE;
		}
	}
	return 0;
}

/* ---------------------------------------------------------------- options */

int opflow_analysis_options_init(opflow_analysis_options *opts, unsigned int version)
{
	static const opflow_analysis_options init = OPFLOW_ANALYSIS_OPTIONS_INIT;
	/* the size of each version, by where its last field ends */
	static const size_t sizes[] = { 0, sizeof init };

	return opflow__options_init(opts, &init, version, sizes,
	                            OPFLOW_ANALYSIS_OPTIONS_VERSION,
	                            "opflow_analysis_options_init");
}

static int check_options(const opflow_analysis_options *o)
{
	if (o->version < 1 || o->version > OPFLOW_ANALYSIS_OPTIONS_VERSION)
		return opflow__error(OPFLOW_EINVAL,
		    "analysis options version %u is not supported (this library "
		    "knows versions 1 to %u)", o->version,
		    (unsigned)OPFLOW_ANALYSIS_OPTIONS_VERSION);
	if (o->duration_mode != OPFLOW_DURATIONS_DETERMINISTIC &&
	    o->duration_mode != OPFLOW_DURATIONS_PERT)
		return opflow__error(OPFLOW_EINVAL, "unknown duration mode %d",
		                     o->duration_mode);
	if (o->has_deadline != 0 && o->has_deadline != 1)
		return opflow__error(OPFLOW_EINVAL,
		    "has_deadline must be 0 or 1, not %d", o->has_deadline);
	if (o->has_deadline && !isfinite(o->deadline))
		return opflow__error(OPFLOW_EINVAL, "the deadline is not finite");
	if (o->has_tolerance != 0 && o->has_tolerance != 1)
		return opflow__error(OPFLOW_EINVAL,
		    "has_tolerance must be 0 or 1, not %d", o->has_tolerance);
	if (o->has_tolerance && !(isfinite(o->tolerance) && o->tolerance >= 0))
		return opflow__error(OPFLOW_EINVAL,
		    "the critical tolerance must be finite and >= 0, not %g",
		    o->tolerance);
	if (!(isfinite(o->near_critical) && o->near_critical >= 0))
		return opflow__error(OPFLOW_EINVAL,
		    "the near-critical threshold must be finite and >= 0, not %g",
		    o->near_critical);
	return 0;
}

/* ------------------------------------------------------------ the result */

void opflow_analysis_free(opflow_analysis *a)
{
	if (!a)
		return;
	opflow__free(a->var_mem);
	opflow__free(a);
}

#define ALIGN8(x) (((x) + 7) & ~(size_t)7)

/* The result and its per-activity arrays, in one block. */
static int alloc_result(opflow_analysis **out, const opflow_graph *g,
                        const struct opflow__layout *L)
{
	size_t n = g->n, nd = g->nd, dkeys = 0, bytes;
	opflow_analysis *a;
	char *p;

	for (size_t d = 0; d < nd; d++)
		dkeys += g->depts[d].key_len + 1;
	/* 8-byte arrays first, then 4-byte, then bytes */
	bytes = opflow__mul(n, 5 * sizeof(double) + sizeof(size_t) +
	                       6 * sizeof(uint32_t) + 3);
	if (bytes == SIZE_MAX || nd > SIZE_MAX / 64 ||
	    g->keys_len > SIZE_MAX / 2 - bytes)
		return opflow__error(OPFLOW_ERANGE, "graph too large to analyse");
	bytes += ALIGN8(sizeof *a) + (nd + 1) * sizeof(double) +
	         nd * sizeof(size_t) + g->keys_len + dkeys;
	a = opflow__malloc(bytes);
	if (!a)
		return opflow__nomem();
	memset(a, 0, sizeof *a);
	p = (char *)a + ALIGN8(sizeof *a);
#define CARVE(field, count) \
	(a->field = (void *)p, p += (count) * sizeof *a->field)
	CARVE(es, n);
	CARVE(lf, n);
	CARVE(dur, n);
	CARVE(free_float, n);
	CARVE(drive_lag, n);
	CARVE(crit_by_dept, nd + 1);
	CARVE(key_off, n);
	CARVE(dkey_off, nd);
	CARVE(pos, n);
	CARVE(order, n);
	CARVE(drive_flow, n);
	CARVE(drive_src, n);
	CARVE(chain_parent, n);
	CARVE(chain_depth, n);
	CARVE(drive_type, n);
	CARVE(flags, n);
	CARVE(stage, n);
	CARVE(keys, g->keys_len);
	CARVE(dkeys, dkeys);
#undef CARVE
	a->n = n;
	a->nd = nd;
	if (n) {
		memcpy(a->pos, L->pos, n * sizeof *a->pos);
		memcpy(a->order, L->order, n * sizeof *a->order);
	}
	/* the names, so that the result outlives the graph */
	if (g->keys_len)
		memcpy(a->keys, g->keys, g->keys_len);
	for (size_t i = 0; i < n; i++)
		a->key_off[i] = g->acts[i].key_off;
	p = a->dkeys;
	for (size_t d = 0; d < nd; d++) {
		a->dkey_off[d] = (size_t)(p - a->dkeys);
		memcpy(p, g->depts[d].key, g->depts[d].key_len + 1);
		p += g->depts[d].key_len + 1;
	}
	a->graph_serial = g->serial;
	a->graph_generation = g->generation;
	*out = a;
	return 0;
}

/* ------------------------------------------------------------- scratch */

static void work_free(struct opflow__work *w)
{
	opflow__free(w->mem);
	w->mem = NULL;
}

/* One block for every working array; with a private topological layout
 * at its start when the graph has no prepared one. */
static int work_init(struct opflow__work *w, const opflow_graph *g)
{
	size_t n = g->n, nd = g->nd, lay = 0, bytes, cells, pairs;
	char *p;

	memset(w, 0, sizeof *w);
	w->g = g;
	w->dense = opflow__handoff_dense(g);
	cells = w->dense ? nd * nd : 0;
	pairs = w->dense ? 0 : 2 * opflow__count_handoffs(g);
	if (!g->layout_valid) {
		lay = opflow__layout_size(n, g->m);
		if (lay == SIZE_MAX)
			return opflow__error(OPFLOW_ERANGE,
			                     "graph too large to analyse");
		lay = ALIGN8(lay) + ALIGN8(sizeof(struct opflow__layout));
	}
	if (n > SIZE_MAX / 128 || pairs > SIZE_MAX / 32 ||
	    cells > SIZE_MAX / 16 || nd > SIZE_MAX / 16)
		return opflow__error(OPFLOW_ERANGE, "graph too large to analyse");
	bytes = n * (4 * sizeof(double) + 7 * sizeof(uint32_t) + 1) +
	        (cells + 2 * pairs + nd + 1) * sizeof(uint32_t) + nd + 8;
	if (bytes > SIZE_MAX - lay)
		return opflow__error(OPFLOW_ERANGE, "graph too large to analyse");
	w->mem = opflow__malloc(lay + bytes);
	if (!w->mem)
		return opflow__nomem();
	p = (char *)w->mem + lay;
	w->dur = (double *)(void *)p;  p += n * sizeof(double);
	w->es = (double *)(void *)p;   p += n * sizeof(double);
	w->lf = (double *)(void *)p;   p += n * sizeof(double);
	w->aux = (double *)(void *)p;  p += n * sizeof(double);
	w->u32 = (uint32_t *)(void *)p;         p += n * sizeof(uint32_t);
	w->sorted = (uint32_t *)(void *)p;      p += n * sizeof(uint32_t);
	w->tmp = (uint32_t *)(void *)p;         p += n * sizeof(uint32_t);
	w->first_child = (uint32_t *)(void *)p; p += n * sizeof(uint32_t);
	w->next_sib = (uint32_t *)(void *)p;    p += n * sizeof(uint32_t);
	w->seen = (uint32_t *)(void *)p;        p += n * sizeof(uint32_t);
	w->dept_p = (uint32_t *)(void *)p;      p += n * sizeof(uint32_t);
	w->matrix = (uint32_t *)(void *)p;      p += cells * sizeof(uint32_t);
	w->pairs = (uint32_t *)(void *)p;       p += pairs * sizeof(uint32_t);
	w->pairs_tmp = (uint32_t *)(void *)p;   p += pairs * sizeof(uint32_t);
	w->dept_count = (uint32_t *)(void *)p;  p += (nd + 1) * sizeof(uint32_t);
	w->mark = (uint8_t *)p;                 p += n;
	w->dept_seen = (uint8_t *)p;
	if (g->layout_valid) {
		w->L = &g->layout;
		return 0;
	}
	/* no prepared layout: build a private one (the graph stays as is) */
	{
		struct opflow__layout *L = (void *)((char *)w->mem + lay -
		                        ALIGN8(sizeof(struct opflow__layout)));

		w->L = L;
		return opflow__layout_build(L, w->mem, g, w->u32);
	}
}

int opflow__not_finite(const struct opflow__work *w, uint32_t pos, const char *what)
{
	uint32_t id = w->L->order[pos];

	return opflow__error(OPFLOW_ERANGE,
	    "the %s of activity %k is not finite (durations or lags too large)",
	    what, opflow__key(w->g, id));
}

/* ------------------------------------------------------------- analysis */


void opflow__set_absent(opflow_analysis *a, opflow_figure f)
{
	a->absent |= 1u << f;
	a->figure[f] = 0.0;
}

/* Which activities some production activity reaches (the backward pass
 * marks those that reach one). */
static void reached(struct opflow__work *w)
{
	const struct opflow__layout *L = w->L;
	uint8_t *mk = w->mark;

	for (uint32_t k = 0; k < L->n; k++)
		for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1]; e++)
			if (mk[L->in_src[e]] & (OPFLOW__MARK_PROD | OPFLOW__MARK_REACHED))
				mk[k] |= OPFLOW__MARK_REACHED;
}

static uint8_t stage_of(uint8_t mark)
{
	int reaches = (mark & OPFLOW__MARK_REACHES) != 0;
	int reached_ = (mark & OPFLOW__MARK_REACHED) != 0;

	if (mark & OPFLOW__MARK_PROD)
		return OPFLOW_STAGE_PRODUCTION;
	if (reaches && reached_)
		return OPFLOW_STAGE_INTERLEAVED;
	if (reaches)
		return OPFLOW_STAGE_PRE_PRODUCTION;
	if (reached_)
		return OPFLOW_STAGE_POST_PRODUCTION;
	return OPFLOW_STAGE_INDEPENDENT;
}

/* The backward pass of the main schedule against the lead time T, with
 * what the same rows give on the way: the least slack of each activity's
 * outgoing constraints at early times (in aux; +inf without any), the
 * driving flow of each activity (the first-added flow into it whose slack
 * is within tol: its out-row index in u32, its source position in tmp),
 * and which activities reach production.  One pass over the flows instead
 * of three. */
static int backward_full(struct opflow__work *w, double T, double tol,
                         uint32_t *bad)
{
	const struct opflow__layout *L = w->L;
	const double *d = w->dur, *es = w->es;
	double *lf = w->lf, *ff = w->aux;
	uint32_t *drive = w->u32, *drive_src = w->tmp;
	uint8_t *mk = w->mark;

	for (uint32_t k = 0; k < L->n; k++)
		drive[k] = OPFLOW_NONE;
	for (uint32_t k = L->n; k-- > 0;) {
		double f = T, free = INFINITY;

		for (uint32_t e = L->out_off[k]; e < L->out_off[k + 1]; e++) {
			uint32_t b = L->out_dst[e];
			double v = backward_bound(L->out_type[e], lf[b], d[b],
			                          L->out_lag[e], d[k]);
			double s = opflow__slack(L->out_type[e], es[k], d[k],
			                         L->out_lag[e], es[b], d[b]);

			if (v < f)
				f = v;
			if (s < free)
				free = s;
			if (s <= tol && (drive[b] == OPFLOW_NONE ||
			                 L->out_flow[e] < L->out_flow[drive[b]])) {
				drive[b] = e;
				drive_src[b] = k;
			}
			if (mk[b] & (OPFLOW__MARK_PROD | OPFLOW__MARK_REACHES))
				mk[k] |= OPFLOW__MARK_REACHES;
		}
		lf[k] = f;
		ff[k] = free;
		if (!isfinite(f - d[k])) {
			*bad = k;
			return OPFLOW_ERANGE;
		}
	}
	return 0;
}

double opflow__round_float(double f, double tol)
{
	return fabs(f) <= tol ? 0.0 : f;
}

/* Marks the critical activities of the schedule in w (late times against
 * the lead time): total float within tol of the least; returns the least
 * total float.  Floats within eps of 0 count as 0. */
double opflow__mark_critical(struct opflow__work *w, double tol, double eps)
{
	const struct opflow__layout *L = w->L;
	double min_tf = INFINITY;

	for (uint32_t k = 0; k < L->n; k++) {
		double tf = opflow__round_float((w->lf[k] - w->dur[k]) - w->es[k],
		                                eps);

		if (tf < min_tf)
			min_tf = tf;
	}
	for (uint32_t k = 0; k < L->n; k++) {
		double tf = opflow__round_float((w->lf[k] - w->dur[k]) - w->es[k],
		                                eps);

		if (tf <= min_tf + tol)
			w->mark[k] |= OPFLOW__MARK_CRIT;
		else
			w->mark[k] &= (uint8_t)~OPFLOW__MARK_CRIT;
	}
	return min_tf;
}

double opflow__default_tolerance(double lead_time)
{
	double t = fabs(lead_time);

	return 1e-9 * (t > 1.0 ? t : 1.0);
}

/* Sorts ids stably by the bits of key[id] (non-negative doubles order
 * as their bit patterns do), 8 bits at a time: linear time. */
static void radix_sort(uint32_t *ids, uint32_t *tmp, size_t c,
                       const double *key)
{
	for (int shift = 0; shift < 64; shift += 8) {
		size_t count[257] = { 0 };
		int same = 1;
		uint64_t first = 0;

		for (size_t i = 0; i < c; i++) {
			uint64_t bits;

			memcpy(&bits, &key[ids[i]], sizeof bits);
			if (i == 0)
				first = bits >> shift & 0xFF;
			else if ((bits >> shift & 0xFF) != first)
				same = 0;
			count[(bits >> shift & 0xFF) + 1]++;
		}
		if (same)
			continue;
		for (int b = 0; b < 256; b++)
			count[b + 1] += count[b];
		for (size_t i = 0; i < c; i++) {
			uint64_t bits;

			memcpy(&bits, &key[ids[i]], sizeof bits);
			tmp[count[bits >> shift & 0xFF]++] = ids[i];
		}
		memcpy(ids, tmp, c * sizeof *ids);
	}
}

/* Whether in-row entry e of position k is a tight flow from a critical
 * activity not seen yet for this target (parallel flows count once). */
static int tight_pair(const struct opflow__work *w, uint32_t *seen, uint32_t e,
                      uint32_t k, double tol)
{
	const struct opflow__layout *L = w->L;
	uint32_t u = L->in_src[e];

	if (!(w->mark[u] & OPFLOW__MARK_CRIT) || seen[u] == k)
		return 0;
	if (opflow__slack(L->in_type[e], w->es[u], w->dur[u], L->in_lag[e],
	                  w->es[k], w->dur[k]) > tol)
		return 0;
	seen[u] = k;
	return 1;
}

/* The critical chains (the forest of driving flows among critical
 * activities, children ordered by early start then id) and the number of
 * leaves, tight flows among critical activities, and path roots. */
static void critical_count(opflow_analysis *a, struct opflow__work *w,
                           double tol)
{
	const struct opflow__layout *L = w->L;
	size_t n = a->n, c = 0;
	uint32_t *parent = a->chain_parent;

	/* critical positions in id order, then stably by early start */
	for (size_t i = 0; i < n; i++)
		if (a->flags[a->pos[i]] & OPFLOW__CRIT)
			w->sorted[c++] = a->pos[i];
	radix_sort(w->sorted, w->tmp, c, a->es);
	w->critical = c;

	/* each critical activity hangs from its driving source */
	for (size_t k = 0; k < n; k++) {
		uint32_t s = a->drive_src[k] == OPFLOW_NONE ? OPFLOW_NONE
		             : a->pos[a->drive_src[k]];

		parent[k] = OPFLOW_NONE;
		w->first_child[k] = w->next_sib[k] = OPFLOW_NONE;
		a->chain_depth[k] = 0;
		if ((a->flags[k] & OPFLOW__CRIT) && s != OPFLOW_NONE &&
		    (a->flags[s] & OPFLOW__CRIT))
			parent[k] = s;
	}
	w->root_head = OPFLOW_NONE;
	for (size_t i = c; i-- > 0;) {
		uint32_t v = w->sorted[i];

		if (parent[v] == OPFLOW_NONE) {
			w->next_sib[v] = w->root_head;
			w->root_head = v;
		} else {
			w->next_sib[v] = w->first_child[parent[v]];
			w->first_child[parent[v]] = v;
		}
	}
	w->leaves = w->tight = w->roots = 0;
	memset(w->seen, 0xFF, n * sizeof *w->seen);
	for (size_t i = 0; i < c; i++) {
		uint32_t k = w->sorted[i], in_tight = 0;

		w->leaves += w->first_child[k] == OPFLOW_NONE;
		for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1]; e++)
			if (tight_pair(w, w->seen, e, k, tol))
				w->tight++, in_tight = 1;
		w->roots += !in_tight;
	}
}

/* Fills the chain leaves, the tight rows and the path roots into the
 * room reserved in a. */
static void critical_fill(opflow_analysis *a, struct opflow__work *w,
                          double tol)
{
	const struct opflow__layout *L = w->L;
	size_t n = a->n, c = w->critical;
	const uint32_t *parent = a->chain_parent, *sorted = w->sorted;
	uint32_t v;

	/* leaves in depth-first order */
	v = w->root_head;
	while (v != OPFLOW_NONE) {
		if (parent[v] != OPFLOW_NONE)
			a->chain_depth[v] = a->chain_depth[parent[v]] + 1;
		if (w->first_child[v] != OPFLOW_NONE) {
			v = w->first_child[v];
			continue;
		}
		a->chain_leaf[a->chains++] = v;
		while (v != OPFLOW_NONE && w->next_sib[v] == OPFLOW_NONE)
			v = parent[v];
		if (v != OPFLOW_NONE)
			v = w->next_sib[v];
	}

	/* tight rows by source position; filling them in sorted order of
	 * the targets keeps each row in (early start, id) order */
	memset(a->tight_off, 0, (n + 1) * sizeof *a->tight_off);
	memset(w->seen, 0xFF, n * sizeof *w->seen);
	for (size_t i = 0; i < c; i++) {
		uint32_t k = sorted[i], in_tight = 0;

		for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1]; e++)
			if (tight_pair(w, w->seen, e, k, tol))
				a->tight_off[L->in_src[e] + 1]++, in_tight = 1;
		if (!in_tight)
			a->path_root[a->path_roots++] = k;
	}
	for (size_t i = 0; i < n; i++)
		a->tight_off[i + 1] += a->tight_off[i];
	memcpy(w->tmp, a->tight_off, n * sizeof *w->tmp);
	memset(w->seen, 0xFF, n * sizeof *w->seen);
	for (size_t i = 0; i < c; i++) {
		uint32_t k = sorted[i];

		for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1]; e++)
			if (tight_pair(w, w->seen, e, k, tol))
				a->tight_dst[w->tmp[L->in_src[e]]++] = k;
	}
	a->critical = c;
}

/* The result's second block: chains, tight rows, roots and handoffs. */
static int alloc_variable(opflow_analysis *a, const struct opflow__work *w)
{
	size_t words = w->leaves + (a->n + 1) + w->tight + w->roots +
	               2 * w->entries;
	char *p;

	a->var_mem = opflow__malloc(w->entries * sizeof(size_t) +
	                            words * sizeof(uint32_t));
	if (!a->var_mem)
		return opflow__nomem();
	p = a->var_mem;
	a->hand_count = (size_t *)(void *)p;
	p += w->entries * sizeof(size_t);
	a->chain_leaf = (uint32_t *)(void *)p;
	a->tight_off = a->chain_leaf + w->leaves;
	a->tight_dst = a->tight_off + a->n + 1;
	a->path_root = a->tight_dst + w->tight;
	a->hand_from = a->path_root + w->roots;
	a->hand_to = a->hand_from + w->entries;
	return 0;
}

/* Lead time of the production activities and the flows among them. */
static double production_span(struct opflow__work *w)
{
	const struct opflow__layout *L = w->L;
	double span = 0.0;

	for (uint32_t k = 0; k < L->n; k++) {
		double s = 0.0;

		if (!(w->mark[k] & OPFLOW__MARK_PROD))
			continue;
		for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1]; e++) {
			uint32_t u = L->in_src[e];
			double v;

			if (!(w->mark[u] & OPFLOW__MARK_PROD))
				continue;
			v = forward_bound(L->in_type[e], w->aux[u], w->dur[u],
			                  L->in_lag[e], w->dur[k]);
			if (v > s)
				s = v;
		}
		w->aux[k] = s;
		if (s + w->dur[k] > span)
			span = s + w->dur[k];
	}
	return span;
}

/* Sums of finite durations can still overflow: such a figure is an
 * out-of-range error, like a time that is not finite. */
static int check_finite(const opflow_analysis *a)
{
	for (int f = 0; f < OPFLOW__FIGURES; f++)
		if (!(a->absent & (1u << f)) && !isfinite(a->figure[f]))
			return opflow__error(OPFLOW_ERANGE,
			    "the figure %s is not finite (durations too large)",
			    opflow_figure_name((opflow_figure)f));
	for (size_t d = 0; d <= a->nd; d++)
		if (!isfinite(a->crit_by_dept[d]))
			return opflow__error(OPFLOW_ERANGE,
			    "the critical time of department %s is not finite "
			    "(durations too large)",
			    d < a->nd ? a->dkeys + a->dkey_off[d] : "(none)");
	for (int k = 0; k < 2; k++)
		if (!isfinite(a->crit_by_kind[k]))
			return opflow__error(OPFLOW_ERANGE,
			    "the critical time of the %s activities is not "
			    "finite (durations too large)",
			    opflow_kind_name((opflow_kind)k));
	return 0;
}

/* The reported free float: the least slack of the outgoing constraints
 * and the horizon term (T - EF) + (H - T), rounded like the total float
 * tf (before its shift): within eps of 0 it is 0, within eps above the
 * total float it is the total float. */
static double free_float(double slack, double end, double tf, double shift,
                         double eps)
{
	double ff = end + shift, total = tf + shift;

	if (slack < ff)
		ff = slack;
	ff = opflow__round_float(ff, eps);
	if (ff > total && ff <= total + eps)
		ff = total;
	return ff;
}

double opflow__total_float(const opflow_analysis *a, uint32_t k)
{
	return opflow__round_float((a->lf[k] - a->dur[k]) - a->es[k],
	                           a->eps) + a->shift;
}

int opflow_analyze(opflow_analysis **out, const opflow_graph *g,
                   const opflow_analysis_options *opts)
{
	static const opflow_analysis_options defaults =
		OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_analysis *a = NULL;
	struct opflow__work w;
	double T, H, tol, eps, min_tf, near;
	int rc, any_estimate = 0, any_prod = 0;
	uint32_t bad;
	size_t n;

	if (!out)
		return opflow__null_arg("opflow_analyze", "out");
	if (!g)
		return opflow__null_arg("opflow_analyze", "graph");
	if (!opts)
		opts = &defaults;
	if ((rc = check_options(opts)))
		return rc;
	n = g->n;
	if ((rc = work_init(&w, g)))
		goto fail;
	if ((rc = alloc_result(&a, g, w.L)))
		goto fail;

	/* durations, by position */
	for (uint32_t k = 0; k < n; k++) {
		const struct opflow__activity *x = &g->acts[w.L->order[k]];

		if (x->flags & OPFLOW__HAS_ESTIMATE)
			any_estimate = 1;
		w.dur[k] = opts->duration_mode == OPFLOW_DURATIONS_PERT
		           ? opflow__pert_mean(x) : x->duration;
		w.mark[k] = x->kind == OPFLOW_KIND_PRODUCTION ? OPFLOW__MARK_PROD : 0;
		w.dept_p[k] = x->department;
		any_prod |= w.mark[k];
	}

	if ((rc = opflow__forward(w.L, w.dur, w.es, &T, &bad))) {
		rc = opflow__not_finite(&w, bad, "early finish");
		goto fail;
	}
	H = opts->has_deadline ? opts->deadline : T;
	/* tol decides what is critical; floats within eps of 0 are taken
	 * for rounding errors and reported as 0: the default tolerance, or
	 * the caller's when that is smaller (0 asks for exact floats) */
	eps = opflow__default_tolerance(T);
	tol = opts->has_tolerance ? opts->tolerance : eps;
	if (tol < eps)
		eps = tol;
	reached(&w);
	/* against T: a deadline shifts the late times and floats afterwards
	 * (DESIGN, "Rounding"), so that its digits cannot blur the critical
	 * set */
	if ((rc = backward_full(&w, T, tol, &bad))) {
		rc = opflow__not_finite(&w, bad, "late start");
		goto fail;
	}
	a->tolerance = tol;
	a->eps = eps;
	a->options = defaults;
	a->options.duration_mode = opts->duration_mode;
	a->options.has_deadline = opts->has_deadline;
	a->options.deadline = opts->has_deadline ? opts->deadline : 0.0;
	a->options.has_tolerance = opts->has_tolerance;
	a->options.tolerance = opts->has_tolerance ? opts->tolerance : 0.0;
	a->options.near_critical = opts->near_critical;
	a->horizon = H;
	a->shift = H - T;
	min_tf = opflow__mark_critical(&w, tol, eps);
	near = opts->near_critical;

	if (n) {
		memcpy(a->es, w.es, n * sizeof *a->es);
		memcpy(a->lf, w.lf, n * sizeof *a->lf);
		memcpy(a->dur, w.dur, n * sizeof *a->dur);
	}
	for (uint32_t k = 0; k < n; k++) {
		double tf = opflow__round_float((w.lf[k] - w.dur[k]) - w.es[k],
		                                eps);
		uint8_t f = 0;
		uint32_t e = w.u32[k];

		a->free_float[k] = free_float(w.aux[k], T - (w.es[k] + w.dur[k]),
		                              tf, a->shift, eps);
		if (!isfinite(a->free_float[k]) ||
		    !isfinite(opflow__total_float(a, k)) ||
		    !isfinite((w.lf[k] + a->shift) - w.dur[k])) {
			rc = opflow__not_finite(&w, k, "late start");
			goto fail;
		}

		if (w.mark[k] & OPFLOW__MARK_CRIT)
			f = OPFLOW__CRIT | OPFLOW__NEAR;
		else if (tf <= min_tf + near)
			f = OPFLOW__NEAR;
		a->flags[k] = f;
		a->stage[k] = stage_of(w.mark[k]);
		if (e == OPFLOW_NONE) {
			a->drive_flow[k] = a->drive_src[k] = OPFLOW_NONE;
			a->drive_type[k] = 0;
			a->drive_lag[k] = 0.0;
		} else {
			a->drive_flow[k] = w.L->out_flow[e];
			a->drive_src[k] = w.L->order[w.tmp[k]];
			a->drive_type[k] = w.L->out_type[e];
			a->drive_lag[k] = w.L->out_lag[e];
		}
	}
	a->figure[OPFLOW_FIGURE_LEAD_TIME] = T;
	critical_count(a, &w, tol);
	opflow__handoff_count(&w, a);
	if ((rc = alloc_variable(a, &w)))
		goto fail;
	critical_fill(a, &w, tol);
	opflow__handoff_fill(&w, a);
	opflow__scope(a, &w);

	/* timeframe: the production window inside the early schedule */
	if (any_prod) {
		double start = INFINITY, end = -INFINITY, span;

		for (uint32_t k = 0; k < n; k++) {
			if (!(w.mark[k] & OPFLOW__MARK_PROD))
				continue;
			if (w.es[k] < start)
				start = w.es[k];
			if (w.es[k] + w.dur[k] > end)
				end = w.es[k] + w.dur[k];
		}
		span = production_span(&w);
		a->figure[OPFLOW_FIGURE_PRODUCTION_START] = start;
		a->figure[OPFLOW_FIGURE_PRODUCTION_END] = end;
		a->figure[OPFLOW_FIGURE_PRODUCTION_WINDOW] = end - start;
		a->figure[OPFLOW_FIGURE_PRE_PRODUCTION] = start;
		a->figure[OPFLOW_FIGURE_POST_PRODUCTION] = T - end;
		a->figure[OPFLOW_FIGURE_PRODUCTION_SPAN] = span;
		if (span > 0)
			a->figure[OPFLOW_FIGURE_TIMEFRAME_RATIO] = T / span;
		else
			opflow__set_absent(a, OPFLOW_FIGURE_TIMEFRAME_RATIO);
	} else {
		opflow__set_absent(a, OPFLOW_FIGURE_PRODUCTION_START);
		opflow__set_absent(a, OPFLOW_FIGURE_PRODUCTION_END);
		opflow__set_absent(a, OPFLOW_FIGURE_PRODUCTION_WINDOW);
		opflow__set_absent(a, OPFLOW_FIGURE_PRE_PRODUCTION);
		opflow__set_absent(a, OPFLOW_FIGURE_POST_PRODUCTION);
		opflow__set_absent(a, OPFLOW_FIGURE_PRODUCTION_SPAN);
		opflow__set_absent(a, OPFLOW_FIGURE_TIMEFRAME_RATIO);
	}

	/* last: the PERT pass may reuse the working arrays */
	if ((rc = opflow__pert(&w, a, opts,
	               opts->duration_mode == OPFLOW_DURATIONS_PERT ||
	               !any_estimate, tol)))
		goto fail;
	if ((rc = check_finite(a)))
		goto fail;
	work_free(&w);
	*out = a;
	return 0;
fail:
	work_free(&w);
	opflow_analysis_free(a);
	return rc;
}

/* -------------------------------------------------------------- accessors */

int opflow__check_pair(const opflow_graph *g, const opflow_analysis *a,
                       const char *fn)
{
	if (!g)
		return opflow__null_arg(fn, "graph");
	if (!a)
		return opflow__null_arg(fn, "analysis");
	if (a->graph_serial != g->serial || a->graph_generation != g->generation)
		return opflow__error(OPFLOW_EMISUSE,
		    "%s: the analysis is not of this graph as it is now (the "
		    "graph changed since, or it is another graph)", fn);
	return 0;
}

int opflow__flow_tight(const opflow_analysis *a, const struct opflow__flow *f)
{
	uint32_t u = a->pos[f->source], v = a->pos[f->target];

	if (!(a->flags[u] & OPFLOW__CRIT) || !(a->flags[v] & OPFLOW__CRIT))
		return 0;
	return opflow__slack(f->type, a->es[u], a->dur[u], f->lag, a->es[v],
	                     a->dur[v]) <= a->tolerance;
}

static int check_result(const opflow_analysis *a, opflow_id id,
                        const char *fn)
{
	if (!a)
		return opflow__null_arg(fn, "analysis");
	if (id >= a->n)
		return opflow__error(OPFLOW_ENOTFOUND,
		    "%s: no activity with id %u (the analysis has %zu)", fn,
		    (unsigned)id, a->n);
	return 0;
}

size_t opflow_analysis_activity_count(const opflow_analysis *a)
{
	return a ? a->n : 0;
}

int opflow_analysis_activity_key(const char **out, const opflow_analysis *a,
                                 opflow_id id)
{
	int rc;

	if (!out)
		return opflow__null_arg("opflow_analysis_activity_key", "out");
	if ((rc = check_result(a, id, "opflow_analysis_activity_key")))
		return rc;
	*out = a->keys + a->key_off[id];
	return 0;
}

int opflow_analysis_duration(double *out, const opflow_analysis *a,
                             opflow_id id)
{
	uint32_t k;
	int rc;

	if (!out)
		return opflow__null_arg("opflow_analysis_duration", "out");
	if ((rc = check_result(a, id, "opflow_analysis_duration")))
		return rc;
	k = a->pos[id];
	*out = a->dur[k];
	return 0;
}

int opflow_analysis_schedule(double *es, double *ef, double *ls, double *lf,
                             const opflow_analysis *a, opflow_id id)
{
	uint32_t k;
	int rc;

	if ((rc = check_result(a, id, "opflow_analysis_schedule")))
		return rc;
	k = a->pos[id];
	if (es)
		*es = a->es[k];
	if (ef)
		*ef = a->es[k] + a->dur[k];
	if (ls)
		*ls = (a->lf[k] + a->shift) - a->dur[k];
	if (lf)
		*lf = a->lf[k] + a->shift;
	return 0;
}

int opflow_analysis_floats(double *total_float, double *free_float,
                           const opflow_analysis *a, opflow_id id)
{
	uint32_t k;
	int rc;

	if ((rc = check_result(a, id, "opflow_analysis_floats")))
		return rc;
	k = a->pos[id];
	if (total_float)
		*total_float = opflow__total_float(a, k);
	if (free_float)
		*free_float = a->free_float[k];
	return 0;
}

int opflow_analysis_criticality(int *critical, int *near_critical,
                                const opflow_analysis *a, opflow_id id)
{
	uint32_t k;
	int rc;

	if ((rc = check_result(a, id, "opflow_analysis_criticality")))
		return rc;
	k = a->pos[id];
	if (critical)
		*critical = (a->flags[k] & OPFLOW__CRIT) != 0;
	if (near_critical)
		*near_critical = (a->flags[k] & OPFLOW__NEAR) != 0;
	return 0;
}

int opflow_analysis_stage(opflow_stage *out, const opflow_analysis *a,
                          opflow_id id)
{
	uint32_t k;
	int rc;

	if (!out)
		return opflow__null_arg("opflow_analysis_stage", "out");
	if ((rc = check_result(a, id, "opflow_analysis_stage")))
		return rc;
	k = a->pos[id];
	*out = (opflow_stage)a->stage[k];
	return 0;
}

int opflow_analysis_driving_flow(opflow_id *flow, opflow_id *source,
                                 opflow_flow_type *type, double *lag,
                                 const opflow_analysis *a, opflow_id id)
{
	uint32_t k;
	int rc;

	if ((rc = check_result(a, id, "opflow_analysis_driving_flow")))
		return rc;
	k = a->pos[id];
	if (flow)
		*flow = a->drive_flow[k];
	if (source)
		*source = a->drive_src[k];
	if (type)
		*type = (opflow_flow_type)a->drive_type[k];
	if (lag)
		*lag = a->drive_lag[k];
	return 0;
}

int opflow_analysis_figure(double *out, const opflow_analysis *a,
                           opflow_figure figure)
{
	int f = (int)figure;

	if (!out)
		return opflow__null_arg("opflow_analysis_figure", "out");
	if (!a)
		return opflow__null_arg("opflow_analysis_figure", "analysis");
	if (f < 0 || f >= OPFLOW__FIGURES)
		return opflow__error(OPFLOW_EINVAL,
		    "opflow_analysis_figure: unknown figure %d", f);
	if (a->absent & (1u << f)) {
		*out = 0.0;
		if (f == OPFLOW_FIGURE_PERT_PROBABILITY)
			return opflow__error(OPFLOW_ENOTFOUND,
			    "pert_probability is absent: the analysis has no "
			    "deadline");
		if (f == OPFLOW_FIGURE_TIMEFRAME_RATIO && a->figure[
		    OPFLOW_FIGURE_PRODUCTION_SPAN] == 0 &&
		    !(a->absent & (1u << OPFLOW_FIGURE_PRODUCTION_SPAN)))
			return opflow__error(OPFLOW_ENOTFOUND,
			    "timeframe_ratio is absent: the production span is 0");
		return opflow__error(OPFLOW_ENOTFOUND,
		    "%s is absent: the graph has no production activity",
		    opflow_figure_name(figure));
	}
	*out = a->figure[f];
	return 0;
}

int opflow_analysis_get_options(opflow_analysis_options *out,
                                const opflow_analysis *a)
{
	if (!out)
		return opflow__null_arg("opflow_analysis_get_options", "out");
	if (!a)
		return opflow__null_arg("opflow_analysis_get_options", "analysis");
	/* fill the fields of the caller's version, no more: a caller built
	 * against an older header has a shorter struct */
	if (out->version < 1 || out->version > OPFLOW_ANALYSIS_OPTIONS_VERSION)
		return opflow__error(OPFLOW_EINVAL,
		    "opflow_analysis_get_options: out->version %u is not "
		    "supported (this library knows versions 1 to %u); initialise "
		    "it with OPFLOW_ANALYSIS_OPTIONS_INIT", out->version,
		    (unsigned)OPFLOW_ANALYSIS_OPTIONS_VERSION);
	/* version 1: every field there is today */
	out->duration_mode = a->options.duration_mode;
	out->has_deadline = a->options.has_deadline;
	out->deadline = a->options.deadline;
	out->has_tolerance = 1;
	out->tolerance = a->tolerance;
	out->near_critical = a->options.near_critical;
	return 0;
}

int opflow_analysis_column(double *out, size_t capacity,
                           const opflow_analysis *a, opflow_column column)
{
	static const char fn[] = "opflow_analysis_column";
	size_t n;

	if (capacity && !out)
		return opflow__null_arg(fn, "out");
	if (!a)
		return opflow__null_arg(fn, "analysis");
	if ((int)column < 0 || (int)column > OPFLOW_COLUMN_STAGE)
		return opflow__error(OPFLOW_EINVAL, "%s: unknown column %d", fn,
		                     (int)column);
	n = capacity < a->n ? capacity : a->n;
	for (size_t i = 0; i < n; i++) {
		const uint32_t k = a->pos[i];
		const double es = a->es[k], d = a->dur[k];
		const double lf = a->lf[k] + a->shift;
		double v;

		switch (column) {
		case OPFLOW_COLUMN_DURATION: v = d; break;
		case OPFLOW_COLUMN_ES: v = es; break;
		case OPFLOW_COLUMN_EF: v = es + d; break;
		case OPFLOW_COLUMN_LS: v = lf - d; break;
		case OPFLOW_COLUMN_LF: v = lf; break;
		case OPFLOW_COLUMN_TOTAL_FLOAT:
			v = opflow__total_float(a, k);
			break;
		case OPFLOW_COLUMN_FREE_FLOAT: v = a->free_float[k]; break;
		case OPFLOW_COLUMN_CRITICAL:
			v = (a->flags[k] & OPFLOW__CRIT) != 0;
			break;
		case OPFLOW_COLUMN_NEAR_CRITICAL:
			v = (a->flags[k] & OPFLOW__NEAR) != 0;
			break;
		default: v = a->stage[k]; break;
		}
		out[i] = v;
	}
	return 0;
}

size_t opflow_analysis_chain_count(const opflow_analysis *a)
{
	return a ? a->chains : 0;
}

int opflow_analysis_chain(size_t *out_length, opflow_id *ids, size_t capacity,
                          const opflow_analysis *a, size_t chain)
{
	static const char fn[] = "opflow_analysis_chain";
	uint32_t v;
	size_t len;

	if (!out_length)
		return opflow__null_arg(fn, "out_length");
	if (capacity && !ids)
		return opflow__null_arg(fn, "ids");
	if (!a)
		return opflow__null_arg(fn, "analysis");
	if (chain >= a->chains)
		return opflow__error(OPFLOW_ENOTFOUND,
		    "%s: no chain %zu (the analysis has %zu)", fn, chain,
		    a->chains);
	v = a->chain_leaf[chain];
	len = (size_t)a->chain_depth[v] + 1;
	*out_length = len;
	/* walk up from the leaf, filling from the end */
	for (size_t i = len; i-- > 0; v = a->chain_parent[v])
		if (i < capacity)
			ids[i] = a->order[v];
	return 0;
}

int opflow_analysis_critical_paths(size_t *out_count, int *out_more,
                                   const opflow_analysis *a, size_t max_paths,
                                   opflow_path_cb callback, void *payload)
{
	static const char fn[] = "opflow_analysis_critical_paths";
	uint32_t *path, *cursor, *ids;
	size_t depth = 0, delivered = 0, root = 0, room;
	int rc = 0, more = 0;

	if (!out_count)
		return opflow__null_arg(fn, "out_count");
	if (!a)
		return opflow__null_arg(fn, "analysis");
	if (!callback)
		return opflow__null_arg(fn, "callback");
	/* positions on the path, their cursors, and the ids the callback
	 * sees */
	room = a->critical ? a->critical : 1;
	path = opflow__malloc(opflow__mul(3 * room, sizeof *path));
	if (!path)
		return opflow__nomem();
	cursor = path + room;
	ids = cursor + room;
	/* Depth-first over tight flows.  Every branch ends in a path, so
	 * the next path costs no more than its own length, and a branch not
	 * taken when the cap is reached proves there are more. */
	for (;;) {
		uint32_t v;

		if (depth == 0) {
			if (root == a->path_roots)
				break;
			if (delivered == max_paths) {
				more = 1;
				break;
			}
			v = a->path_root[root++];
		} else {
			uint32_t u = path[depth - 1];

			if (cursor[depth - 1] == a->tight_off[u + 1]) {
				depth--;
				continue;
			}
			if (delivered == max_paths) {
				more = 1;
				break;
			}
			v = a->tight_dst[cursor[depth - 1]++];
		}
		path[depth] = v;
		ids[depth] = a->order[v];
		cursor[depth] = a->tight_off[v];
		depth++;
		if (a->tight_off[v] == a->tight_off[v + 1]) {
			delivered++;
			if ((rc = callback(ids, depth, payload)))
				break;
			depth--;
		}
	}
	opflow__free(path);
	*out_count = delivered;
	if (out_more)
		*out_more = more;
	return rc;
}

size_t opflow_analysis_department_count(const opflow_analysis *a)
{
	return a ? a->nd : 0;
}

int opflow_analysis_department_key(const char **out, const opflow_analysis *a,
                                   opflow_id d)
{
	static const char fn[] = "opflow_analysis_department_key";

	if (!out)
		return opflow__null_arg(fn, "out");
	if (!a)
		return opflow__null_arg(fn, "analysis");
	if (d >= a->nd)
		return opflow__error(OPFLOW_ENOTFOUND,
		    "%s: no department with id %u (the analysis has %zu)", fn,
		    (unsigned)d, a->nd);
	*out = a->dkeys + a->dkey_off[d];
	return 0;
}

int opflow_analysis_critical_time_by_department(double *out,
                                                const opflow_analysis *a,
                                                opflow_id d)
{
	static const char fn[] = "opflow_analysis_critical_time_by_department";

	if (!out)
		return opflow__null_arg(fn, "out");
	if (!a)
		return opflow__null_arg(fn, "analysis");
	if (d == OPFLOW_NONE) {
		*out = a->crit_by_dept[a->nd];
		return 0;
	}
	if (d >= a->nd)
		return opflow__error(OPFLOW_ENOTFOUND,
		    "%s: no department with id %u (the analysis has %zu)", fn,
		    (unsigned)d, a->nd);
	*out = a->crit_by_dept[d];
	return 0;
}

int opflow_analysis_critical_time_by_kind(double *out, const opflow_analysis *a,
                                          opflow_kind kind)
{
	static const char fn[] = "opflow_analysis_critical_time_by_kind";

	if (!out)
		return opflow__null_arg(fn, "out");
	if (!a)
		return opflow__null_arg(fn, "analysis");
	if (kind != OPFLOW_KIND_PRODUCTION && kind != OPFLOW_KIND_OPERATION)
		return opflow__error(OPFLOW_EINVAL, "%s: unknown kind %d", fn,
		                     (int)kind);
	*out = a->crit_by_kind[kind];
	return 0;
}

size_t opflow_analysis_handoff_count(const opflow_analysis *a)
{
	return a ? a->handoffs : 0;
}

int opflow_analysis_handoff(opflow_id *from, opflow_id *to, size_t *count,
                            const opflow_analysis *a, size_t entry)
{
	static const char fn[] = "opflow_analysis_handoff";

	if (!a)
		return opflow__null_arg(fn, "analysis");
	if (entry >= a->handoffs)
		return opflow__error(OPFLOW_ENOTFOUND,
		    "%s: no entry %zu (the matrix has %zu)", fn, entry,
		    a->handoffs);
	if (from)
		*from = a->hand_from[entry];
	if (to)
		*to = a->hand_to[entry];
	if (count)
		*count = a->hand_count[entry];
	return 0;
}
