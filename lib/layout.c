/*
 * layout.c - the graph in topological order, as compressed rows, so that
 * the passes of an analysis stream over memory; and the report of a cycle
 * when there is no such order.
 */
#include "config.h"

#include "internal.h"

#include <math.h>
#include <string.h>

/* A finish-to-start flow with a lag of +0 (not -0, which x - lag would
 * turn into +0 where x is -0). */
static int plain_flow(int type, double lag)
{
	return type == OPFLOW_FLOW_FS && lag == 0.0 && !signbit(lag);
}

int opflow__flows_plain(const opflow_graph *g)
{
	for (size_t f = 0; f < g->m; f++)
		if (!plain_flow(g->flows[f].type, g->flows[f].lag))
			return 0;
	return 1;
}

size_t opflow__layout_size(size_t n, size_t m, int plain)
{
	size_t words, bytes;

	/* order, pos, in_off, out_off, dept; in_src, in_flow, out_dst,
	 * out_flow; durations, and unless plain lags; attributes, and
	 * unless plain types */
	if (n > SIZE_MAX / 64 || m > SIZE_MAX / 64)
		return SIZE_MAX;
	words = 5 * n + 2 + 4 * m;
	bytes = n * sizeof(double) + words * sizeof(uint32_t) + n;
	if (!plain)
		bytes += 2 * m * sizeof(double) + 2 * m;
	return bytes;
}

/* Sets the cycle error for the activities on one cycle, found among those
 * Kahn's algorithm left over (pending[i] != 0). */
static int report_cycle(const opflow_graph *g, const uint32_t *pending,
                        uint32_t *step, uint32_t *path)
{
	uint32_t start = OPFLOW_NONE, v, len = 0, first;

	for (size_t i = 0; i < g->n; i++) {
		step[i] = OPFLOW_NONE;
		if (pending[i] && start == OPFLOW_NONE)
			start = (uint32_t)i;
	}
	/* Walk backwards along flows from pending activities; every pending
	 * activity has a pending predecessor, so the walk closes a loop. */
	v = start;
	while (step[v] == OPFLOW_NONE) {
		uint32_t f;

		step[v] = len;
		path[len++] = v;
		for (f = g->acts[v].first_in; f != OPFLOW_NONE;
		     f = g->flows[f].next_in)
			if (pending[g->flows[f].source])
				break;
		v = g->flows[f].source;
	}
	/* path[step[v] .. len) is the loop, against the flow direction */
	first = step[v];
	len -= first;
	path += first;
	for (uint32_t i = 0; i < len / 2; i++) {
		uint32_t t = path[i];

		path[i] = path[len - 1 - i];
		path[len - 1 - i] = t;
	}
	/* start the report at the smallest id on the loop */
	{
		uint32_t lo = 0;

		for (uint32_t i = 1; i < len; i++)
			if (path[i] < path[lo])
				lo = i;
		for (uint32_t i = 0; i < len; i++)
			step[i] = path[(lo + i) % len];
	}
	return opflow__error_cycle(g, step, len);
}

/* Writes what the passes read of activity x at position k, keeping the
 * counts of production activities and of estimates. */
static void put_activity(struct opflow__layout *L, uint32_t k,
                         const struct opflow__activity *x)
{
	uint8_t attr = (uint8_t)((x->kind == OPFLOW_KIND_PRODUCTION ?
	                          OPFLOW__ATTR_PROD : 0) |
	                         (x->flags & OPFLOW__HAS_ESTIMATE ?
	                          OPFLOW__ATTR_ESTIMATE : 0));

	L->production -= (L->attr[k] & OPFLOW__ATTR_PROD) != 0;
	L->estimates -= (L->attr[k] & OPFLOW__ATTR_ESTIMATE) != 0;
	L->dur[k] = x->duration;
	L->dept[k] = x->department;
	L->attr[k] = attr;
	L->production += (attr & OPFLOW__ATTR_PROD) != 0;
	L->estimates += (attr & OPFLOW__ATTR_ESTIMATE) != 0;
}

int opflow__layout_build(struct opflow__layout *L, void *mem,
                         const opflow_graph *g, uint32_t *scratch, int plain)
{
	size_t n = g->n, m = g->m, head = 0, tail = 0;
	uint32_t *indeg = scratch;
	char *p = mem;
	int identity = 1;

	L->n = (uint32_t)n;
	L->m = (uint32_t)m;
	L->plain = plain;
	L->in_lag = L->out_lag = NULL;
	L->in_type = L->out_type = NULL;
	if (!plain) {
		L->in_lag = (double *)(void *)p;  p += m * sizeof(double);
		L->out_lag = (double *)(void *)p; p += m * sizeof(double);
	}
	L->dur = (double *)(void *)p;     p += n * sizeof(double);
	L->dept = (uint32_t *)(void *)p;    p += n * sizeof(uint32_t);
	L->order = (uint32_t *)(void *)p;   p += n * sizeof(uint32_t);
	L->pos = (uint32_t *)(void *)p;     p += n * sizeof(uint32_t);
	L->in_off = (uint32_t *)(void *)p;  p += (n + 1) * sizeof(uint32_t);
	L->out_off = (uint32_t *)(void *)p; p += (n + 1) * sizeof(uint32_t);
	L->in_src = (uint32_t *)(void *)p;  p += m * sizeof(uint32_t);
	L->in_flow = (uint32_t *)(void *)p; p += m * sizeof(uint32_t);
	L->out_dst = (uint32_t *)(void *)p; p += m * sizeof(uint32_t);
	L->out_flow = (uint32_t *)(void *)p; p += m * sizeof(uint32_t);
	L->attr = (uint8_t *)p;             p += n;
	if (!plain) {
		L->in_type = (uint8_t *)p;  p += m;
		L->out_type = (uint8_t *)p;
	}

	/* ids already in topological order are kept as they are */
	for (size_t f = 0; f < m && identity; f++)
		identity = g->flows[f].source < g->flows[f].target;
	if (identity) {
		for (size_t i = 0; i < n; i++)
			L->order[i] = L->pos[i] = (uint32_t)i;
	} else {
		/* Kahn's algorithm over rows of outgoing flows by id, built
		 * where the positional rows go later; order[] is the queue */
		uint32_t *row = L->out_off, *dst = L->out_dst, *cur = L->in_off;

		memset(row, 0, (n + 1) * sizeof *row);
		memset(indeg, 0, n * sizeof *indeg);
		for (size_t f = 0; f < m; f++) {
			row[g->flows[f].source + 1]++;
			indeg[g->flows[f].target]++;
		}
		for (size_t i = 0; i < n; i++)
			row[i + 1] += row[i];
		memcpy(cur, row, n * sizeof *cur);
		for (size_t f = 0; f < m; f++)
			dst[cur[g->flows[f].source]++] = g->flows[f].target;
		for (size_t i = 0; i < n; i++)
			if (indeg[i] == 0)
				L->order[tail++] = (uint32_t)i;
		while (head < tail) {
			uint32_t v = L->order[head++];

			for (uint32_t e = row[v]; e < row[v + 1]; e++)
				if (--indeg[dst[e]] == 0)
					L->order[tail++] = dst[e];
		}
		if (tail < n)
			return report_cycle(g, indeg, L->pos, L->order);
		for (size_t k = 0; k < n; k++)
			L->pos[L->order[k]] = (uint32_t)k;
	}

	/* rows of incoming and outgoing flows, each in flow-id order */
	memset(L->in_off, 0, (n + 1) * sizeof *L->in_off);
	memset(L->out_off, 0, (n + 1) * sizeof *L->out_off);
	for (size_t f = 0; f < m; f++) {
		L->in_off[L->pos[g->flows[f].target] + 1]++;
		L->out_off[L->pos[g->flows[f].source] + 1]++;
	}
	for (size_t k = 0; k < n; k++) {
		L->in_off[k + 1] += L->in_off[k];
		L->out_off[k + 1] += L->out_off[k];
	}
	memcpy(scratch, L->in_off, n * sizeof *scratch);
	for (size_t f = 0; f < m; f++) {
		const struct opflow__flow *fl = &g->flows[f];
		uint32_t e = scratch[L->pos[fl->target]]++;

		L->in_src[e] = L->pos[fl->source];
		L->in_flow[e] = (uint32_t)f;
		if (!plain) {
			L->in_type[e] = fl->type;
			L->in_lag[e] = fl->lag;
		}
	}
	memcpy(scratch, L->out_off, n * sizeof *scratch);
	for (size_t f = 0; f < m; f++) {
		const struct opflow__flow *fl = &g->flows[f];
		uint32_t e = scratch[L->pos[fl->source]]++;

		L->out_dst[e] = L->pos[fl->target];
		L->out_flow[e] = (uint32_t)f;
		if (!plain) {
			L->out_type[e] = fl->type;
			L->out_lag[e] = fl->lag;
		}
	}
	/* what the passes read of each activity, by position */
	L->production = L->estimates = 0;
	if (n)
		memset(L->attr, 0, n);
	for (uint32_t k = 0; k < n; k++)
		put_activity(L, k, &g->acts[L->order[k]]);
	return 0;
}

/* ------------------------------------------------------------- the cache */

#define ALIGN8(x) (((x) + 7) & ~(size_t)7)

int opflow__layout_get(const struct opflow__layout **out,
                       const opflow_graph *g)
{
	/* the graph's content is only read; its layout slot is a cache */
	opflow_graph *cache = (opflow_graph *)(uintptr_t)g;
	struct opflow__layout *L, *expected = NULL;
	uint32_t *scratch;
	size_t bytes;
	int rc, plain;

	L = atomic_load_explicit(&cache->layout, memory_order_acquire);
	if (L) {
		*out = L;
		return 0;
	}
	plain = opflow__flows_plain(g);
	bytes = opflow__layout_size(g->n, g->m, plain);
	if (bytes == SIZE_MAX || bytes > SIZE_MAX - 64)
		return opflow__error(OPFLOW_ERANGE, "graph too large to lay out");
	L = opflow__malloc(ALIGN8(sizeof *L) + bytes);
	scratch = opflow__malloc(opflow__mul(g->n ? g->n : 1, sizeof *scratch));
	if (!L || !scratch) {
		opflow__free(L);
		opflow__free(scratch);
		return opflow__nomem();
	}
	rc = opflow__layout_build(L, (char *)L + ALIGN8(sizeof *L), g, scratch,
	                          plain);
	opflow__free(scratch);
	if (rc) {
		opflow__free(L);
		return rc;
	}
	/* publish it, unless another analysis of the graph did first */
	if (!atomic_compare_exchange_strong_explicit(&cache->layout, &expected,
	        L, memory_order_acq_rel, memory_order_acquire)) {
		opflow__free(L);
		L = expected;
	}
	*out = L;
	return 0;
}

void opflow__layout_drop(opflow_graph *g)
{
	struct opflow__layout *L =
		atomic_exchange_explicit(&g->layout, NULL, memory_order_acq_rel);

	opflow__free(L);
	opflow__kept_drop(g);
}

void opflow__layout_set_lag(opflow_graph *g, uint32_t f)
{
	struct opflow__layout *L =
		atomic_load_explicit(&g->layout, memory_order_relaxed);
	const struct opflow__flow *fl = &g->flows[f];
	uint32_t s, t;

	if (!L)
		return;
	if (L->plain) {
		/* a plain layout keeps no lags: only another lag of +0 keeps
		 * it */
		if (!plain_flow(fl->type, fl->lag))
			opflow__layout_drop(g);
		return;
	}
	/* the flow's entries in its source's out-row and its target's
	 * in-row: rows are short, so a scan is cheap */
	s = L->pos[fl->source];
	t = L->pos[fl->target];
	for (uint32_t e = L->out_off[s]; e < L->out_off[s + 1]; e++)
		if (L->out_flow[e] == f)
			L->out_lag[e] = fl->lag;
	for (uint32_t e = L->in_off[t]; e < L->in_off[t + 1]; e++)
		if (L->in_flow[e] == f)
			L->in_lag[e] = fl->lag;
}

void opflow__layout_set_activity(opflow_graph *g, uint32_t id)
{
	struct opflow__layout *L =
		atomic_load_explicit(&g->layout, memory_order_relaxed);
	if (!L)
		return;
	if (id == OPFLOW_NONE) {
		for (uint32_t k = 0; k < L->n; k++)
			L->dept[k] = g->acts[L->order[k]].department;
		return;
	}
	put_activity(L, L->pos[id], &g->acts[id]);
}
