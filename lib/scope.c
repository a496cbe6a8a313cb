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

/* Handoff counts by class, and the matrix sorted by (from, to) with two
 * counting passes: linear in flows plus departments. */
static int handoffs(opflow_analysis *a, const opflow_graph *g)
{
	size_t h = 0, nd = g->nd, entries = 0, within_p = 0, across = 0,
	       within_o = 0;
	uint32_t *pairs, *tmp, *count;
	void *scratch;

	for (size_t f = 0; f < g->m; f++) {
		const struct opflow__flow *fl = &g->flows[f];
		const struct opflow__activity *s = &g->acts[fl->source];
		const struct opflow__activity *t = &g->acts[fl->target];
		int ps = s->kind == OPFLOW_KIND_PRODUCTION;
		int pt = t->kind == OPFLOW_KIND_PRODUCTION;

		if (s->department == OPFLOW_NONE || t->department == OPFLOW_NONE ||
		    s->department == t->department)
			continue;
		h++;
		if (ps && pt)
			within_p++;
		else if (ps || pt)
			across++;
		else
			within_o++;
	}
	a->figure[OPFLOW_FIGURE_HANDOFFS] = (double)h;
	a->figure[OPFLOW_FIGURE_PRODUCTION_HANDOFFS] = (double)within_p;
	a->figure[OPFLOW_FIGURE_BOUNDARY_HANDOFFS] = (double)across;
	a->figure[OPFLOW_FIGURE_OPERATION_HANDOFFS] = (double)within_o;
	if (h == 0)
		return 0;

	scratch = opflow__malloc(opflow__mul(4 * h + nd + 1, sizeof(uint32_t)));
	if (!scratch)
		return opflow__nomem();
	pairs = scratch;            /* (from, to) pairs */
	tmp = pairs + 2 * h;
	count = tmp + 2 * h;
	h = 0;
	for (size_t f = 0; f < g->m; f++) {
		uint32_t ds = g->acts[g->flows[f].source].department;
		uint32_t dt = g->acts[g->flows[f].target].department;

		if (ds == OPFLOW_NONE || dt == OPFLOW_NONE || ds == dt)
			continue;
		pairs[2 * h] = ds;
		pairs[2 * h + 1] = dt;
		h++;
	}
	/* stable counting sorts: by "to", then by "from" */
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
	for (size_t i = 0; i < h; i++)
		entries += i == 0 || pairs[2 * i] != pairs[2 * i - 2] ||
		           pairs[2 * i + 1] != pairs[2 * i - 1];
	a->hand_mem = opflow__malloc(opflow__mul(entries,
	                             sizeof(size_t) + 2 * sizeof(uint32_t)));
	if (!a->hand_mem) {
		opflow__free(scratch);
		return opflow__nomem();
	}
	a->hand_count = a->hand_mem;
	a->hand_from = (uint32_t *)(void *)(a->hand_count + entries);
	a->hand_to = a->hand_from + entries;
	for (size_t i = 0; i < h; i++) {
		if (i == 0 || pairs[2 * i] != pairs[2 * i - 2] ||
		    pairs[2 * i + 1] != pairs[2 * i - 1]) {
			a->hand_from[a->handoffs] = pairs[2 * i];
			a->hand_to[a->handoffs] = pairs[2 * i + 1];
			a->hand_count[a->handoffs] = 0;
			a->handoffs++;
		}
		a->hand_count[a->handoffs - 1]++;
	}
	opflow__free(scratch);
	return 0;
}

int opflow__scope(opflow_analysis *a, const opflow_graph *g)
{
	size_t n = g->n, nd = g->nd, prod = 0, cf = 0, depts = 0, pdepts = 0;
	double effort = 0, peffort = 0, cfeffort = 0;
	unsigned cats = 0, pcats = 0;
	uint8_t *seen;

	/* departments in use: bit 1 by any activity, bit 2 by production */
	seen = opflow__calloc(nd ? nd : 1, 1);
	if (!seen)
		return opflow__nomem();
	for (size_t d = 0; d <= nd; d++)
		a->crit_by_dept[d] = 0.0;
	a->crit_by_kind[0] = a->crit_by_kind[1] = 0.0;
	for (size_t i = 0; i < n; i++) {
		const struct opflow__activity *x = &g->acts[i];
		int is_prod = x->kind == OPFLOW_KIND_PRODUCTION;
		double d = a->dur[i];

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
		if (a->flags[i] & OPFLOW__CRIT) {
			a->crit_by_dept[x->department == OPFLOW_NONE
			                ? nd : x->department] += d;
			a->crit_by_kind[x->kind] += d;
		}
	}
	for (size_t d = 0; d < nd; d++) {
		depts += (seen[d] & 1) != 0;
		pdepts += (seen[d] & 2) != 0;
	}
	opflow__free(seen);
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
	return handoffs(a, g);
}
