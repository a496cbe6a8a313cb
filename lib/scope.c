/*
 * scope.c - scope, customer orientation and collaboration: how much of the
 * work, effort, departments and hand-offs belong to production versus the
 * whole operation process, and where the customer is touched.
 */
#include "config.h"

#include "internal.h"

#include <string.h>

static unsigned popcount(unsigned v)
{
	unsigned c = 0;

	for (; v; v &= v - 1)
		c++;
	return c;
}

static double share(double part, double whole)
{
	return whole == 0 ? 0.0 : part / whole;
}

int opflow__handoff_dense(const opflow_graph *g)
{
	size_t nd = g->nd;

	return nd == 0 || nd <= (g->n + g->m + 4096) / nd;
}

size_t opflow__count_handoffs(const opflow_graph *g)
{
	size_t h = 0;

	for (size_t f = 0; f < g->m; f++) {
		uint32_t ds = g->acts[g->flows[f].source].department;
		uint32_t dt = g->acts[g->flows[f].target].department;

		h += ds != OPFLOW_NONE && dt != OPFLOW_NONE && ds != dt;
	}
	return h;
}

/* Sorts the pairs by (from, to) with two stable counting sorts: linear in
 * handoffs plus departments. */
static void sort_pairs(struct opflow__work *w, size_t h)
{
	size_t nd = w->g->nd;
	uint32_t *pairs = w->pairs, *tmp = w->pairs_tmp, *count = w->dept_count;

	for (int pass = 1; pass >= 0; pass--) {
		memset(count, 0, (nd + 1) * sizeof *count);
		for (size_t i = 0; i < h; i++)
			count[pairs[2 * i + (size_t)pass] + 1]++;
		for (size_t d = 0; d < nd; d++)
			count[d + 1] += count[d];
		for (size_t i = 0; i < h; i++) {
			uint32_t slot = count[pairs[2 * i + (size_t)pass]]++;

			tmp[2 * slot] = pairs[2 * i];
			tmp[2 * slot + 1] = pairs[2 * i + 1];
		}
		memcpy(pairs, tmp, 2 * h * sizeof *pairs);
	}
	w->entries = 0;
	for (size_t i = 0; i < h; i++)
		w->entries += i == 0 || pairs[2 * i] != pairs[2 * i - 2] ||
		              pairs[2 * i + 1] != pairs[2 * i - 1];
}

void opflow__handoff_count(struct opflow__work *w, opflow_analysis *a)
{
	const struct opflow__layout *L = w->L;
	size_t nd = w->g->nd, h = 0, within_p = 0, across = 0, within_o = 0;

	if (w->dense && nd)
		memset(w->matrix, 0, nd * nd * sizeof *w->matrix);
	/* over the rows of the layout: the departments by position stay in
	 * cache where the activities would not */
	for (uint32_t k = 0; k < L->n; k++) {
		uint32_t dt = w->dept_p[k];
		int pt = (w->mark[k] & OPFLOW__MARK_PROD) != 0;

		if (dt == OPFLOW_NONE)
			continue;
		for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1]; e++) {
			uint32_t u = L->in_src[e], ds = w->dept_p[u];
			int ps = (w->mark[u] & OPFLOW__MARK_PROD) != 0;

			if (ds == OPFLOW_NONE || ds == dt)
				continue;
			h++;
			if (ps && pt)
				within_p++;
			else if (ps || pt)
				across++;
			else
				within_o++;
			if (w->dense) {
				w->matrix[(size_t)ds * nd + dt]++;
			} else {
				w->pairs[2 * (h - 1)] = ds;
				w->pairs[2 * (h - 1) + 1] = dt;
			}
		}
	}
	a->figure[OPFLOW_FIGURE_HANDOFFS] = (double)h;
	a->figure[OPFLOW_FIGURE_PRODUCTION_HANDOFFS] = (double)within_p;
	a->figure[OPFLOW_FIGURE_BOUNDARY_HANDOFFS] = (double)across;
	a->figure[OPFLOW_FIGURE_OPERATION_HANDOFFS] = (double)within_o;
	w->handoffs = h;
	if (!w->dense) {
		sort_pairs(w, h);
		return;
	}
	w->entries = 0;
	for (size_t c = 0; c < nd * nd; c++)
		w->entries += w->matrix[c] != 0;
}

void opflow__handoff_fill(const struct opflow__work *w, opflow_analysis *a)
{
	size_t nd = w->g->nd;
	const uint32_t *pairs = w->pairs;

	a->handoffs = 0;
	if (w->dense) {
		for (size_t c = 0; c < nd * nd; c++) {
			if (!w->matrix[c])
				continue;
			a->hand_from[a->handoffs] = (uint32_t)(c / nd);
			a->hand_to[a->handoffs] = (uint32_t)(c % nd);
			a->hand_count[a->handoffs++] = w->matrix[c];
		}
		return;
	}
	for (size_t i = 0; i < w->handoffs; i++) {
		if (i == 0 || pairs[2 * i] != pairs[2 * i - 2] ||
		    pairs[2 * i + 1] != pairs[2 * i - 1]) {
			a->hand_from[a->handoffs] = pairs[2 * i];
			a->hand_to[a->handoffs] = pairs[2 * i + 1];
			a->hand_count[a->handoffs] = 0;
			a->handoffs++;
		}
		a->hand_count[a->handoffs - 1]++;
	}
}

void opflow__scope(opflow_analysis *a, const struct opflow__work *w)
{
	const opflow_graph *g = w->g;
	size_t n = g->n, nd = g->nd, prod = 0, cf = 0, depts = 0, pdepts = 0;
	double effort = 0, peffort = 0, cfeffort = 0;
	unsigned cats = 0, pcats = 0;
	uint8_t *seen;

	/* departments in use: bit 1 by any activity, bit 2 by production */
	seen = w->dept_seen;
	memset(seen, 0, nd);
	for (size_t d = 0; d <= nd; d++)
		a->crit_by_dept[d] = 0.0;
	a->crit_by_kind[0] = a->crit_by_kind[1] = 0.0;
	/* sums in id order; the durations as analysed, which are the
	 * activities' own unless PERT means, progress or dates made others */
	for (size_t i = 0; i < n; i++) {
		const struct opflow__activity *x = &g->acts[i];
		int is_prod = x->kind == OPFLOW_KIND_PRODUCTION;
		double d = w->own_durations ? x->duration
		                            : a->dur[OPFLOW__AT(a, i)];

		effort += d;
		cats |= 1u << x->category;
		if (is_prod) {
			prod++;
			peffort += d;
			pcats |= 1u << x->category;
		}
		if (x->customer_facing) {
			cf++;
			cfeffort += d;
		}
		if (x->department != OPFLOW_NONE)
			seen[x->department] |= (uint8_t)(is_prod ? 3 : 1);
	}
	/* the critical activities, in id order too */
	for (size_t j = 0; j < w->critical; j++) {
		uint32_t k = w->crit_by_id[j];
		const struct opflow__activity *x = &g->acts[a->order[k]];
		/* with progress, the forecast's part: the work left */
		double c = a->progress ? a->p_rem[k] : a->dur[k];

		a->crit_by_dept[x->department == OPFLOW_NONE
		                ? nd : x->department] += c;
		a->crit_by_kind[x->kind] += c;
	}
	for (size_t d = 0; d < nd; d++) {
		depts += (seen[d] & 1) != 0;
		pdepts += (seen[d] & 2) != 0;
	}
	a->figure[OPFLOW_FIGURE_ACTIVITIES] = (double)n;
	a->figure[OPFLOW_FIGURE_PRODUCTION_ACTIVITIES] = (double)prod;
	a->figure[OPFLOW_FIGURE_OPERATION_ACTIVITIES] = (double)(n - prod);
	a->figure[OPFLOW_FIGURE_EFFORT] = effort;
	a->figure[OPFLOW_FIGURE_PRODUCTION_EFFORT] = peffort;
	a->figure[OPFLOW_FIGURE_PRODUCTION_SHARE] = share((double)prod, (double)n);
	a->figure[OPFLOW_FIGURE_PRODUCTION_EFFORT_SHARE] = share(peffort, effort);
	a->figure[OPFLOW_FIGURE_DEPARTMENTS] = (double)depts;
	a->figure[OPFLOW_FIGURE_PRODUCTION_DEPARTMENTS] = (double)pdepts;
	a->figure[OPFLOW_FIGURE_CATEGORIES] = (double)popcount(cats);
	a->figure[OPFLOW_FIGURE_PRODUCTION_CATEGORIES] =
		(double)popcount(pcats);
	a->figure[OPFLOW_FIGURE_CUSTOMER_FACING] = (double)cf;
	a->figure[OPFLOW_FIGURE_CUSTOMER_FACING_EFFORT] = cfeffort;
}
