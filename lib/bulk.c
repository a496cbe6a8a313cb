/*
 * bulk.c - many activities or flows at once: removal in one pass over the
 * graph, and the graph read out as columns.
 */
#include "config.h"

#include "internal.h"

#include <string.h>

/* Validates count ids below limit, none twice, and returns in *out_mark
 * a block of limit bytes, 1 for each id (the caller frees it).  Nothing
 * is changed on failure. */
static int mark_ids(uint8_t **out_mark, const opflow_id *ids, size_t count,
                    size_t limit, const char *what, const char *fn)
{
	uint8_t *mark;

	for (size_t i = 0; i < count; i++) {
		if (ids[i] >= limit)
			return opflow__error(OPFLOW_ENOTFOUND,
			    "%s: no %s with id %u (the graph has %zu; id %zu "
			    "of the batch)", fn, what, (unsigned)ids[i], limit,
			    i);
	}
	mark = opflow__calloc(limit ? limit : 1, 1);
	if (!mark)
		return opflow__nomem();
	for (size_t i = 0; i < count; i++) {
		if (mark[ids[i]]) {
			opflow__free(mark);
			return opflow__error(OPFLOW_EINVAL,
			    "%s: %s id %u is given twice (id %zu of the batch)",
			    fn, what, (unsigned)ids[i], i);
		}
		mark[ids[i]] = 1;
	}
	*out_mark = mark;
	return 0;
}

int opflow_graph_remove_activities(opflow_graph *g, const opflow_id *ids,
                                   size_t count)
{
	static const char fn[] = "opflow_graph_remove_activities";
	uint8_t *gone;
	uint32_t *shift;
	size_t w = 0, k = 0;
	int rc;

	if (!g)
		return opflow__null_arg(fn, "graph");
	if (count && !ids)
		return opflow__null_arg(fn, "activities");
	if (count == 0)
		return 0;
	if ((rc = mark_ids(&gone, ids, count, g->n, "activity", fn)))
		return rc;
	/* the new id of every activity that stays: its old id less the
	 * number of removed activities before it */
	shift = opflow__malloc(opflow__mul(g->n, sizeof *shift));
	if (!shift) {
		opflow__free(gone);
		return opflow__nomem();
	}
	for (size_t i = 0; i < g->n; i++) {
		shift[i] = (uint32_t)(i - k);
		k += gone[i];
	}
	for (size_t f = 0; f < g->m; f++) {
		struct opflow__flow fl = g->flows[f];

		if (gone[fl.source] || gone[fl.target])
			continue;
		fl.source = shift[fl.source];
		fl.target = shift[fl.target];
		g->flows[w++] = fl;
	}
	g->m = w;
	w = 0;
	for (size_t i = 0; i < g->n; i++) {
		struct opflow__activity *a = &g->acts[i];

		if (gone[i]) {
			opflow__keys_release(g, a->key, a->key_len);
			opflow__free(a->label);
			continue;
		}
		if (w != i)
			g->acts[w] = *a;
		w++;
	}
	opflow__track_compact(g, gone);
	opflow__cal_activities_compacted(g, gone);
	g->n = w;
	opflow__free(shift);
	opflow__free(gone);
	opflow__index_fill(&g->key_index, g->n, opflow__hash_act, g);
	opflow__index_fill(&g->flow_index, g->m, opflow__hash_flow, g);
	opflow__relink(g);
	opflow__drop_layout(g);
	return 0;
}

int opflow_graph_remove_flows(opflow_graph *g, const opflow_id *ids,
                              size_t count)
{
	static const char fn[] = "opflow_graph_remove_flows";
	uint8_t *gone;
	size_t w = 0;
	int rc;

	if (!g)
		return opflow__null_arg(fn, "graph");
	if (count && !ids)
		return opflow__null_arg(fn, "flows");
	if (count == 0)
		return 0;
	if ((rc = mark_ids(&gone, ids, count, g->m, "flow", fn)))
		return rc;
	for (size_t f = 0; f < g->m; f++) {
		if (!gone[f])
			g->flows[w++] = g->flows[f];
	}
	g->m = w;
	opflow__free(gone);
	opflow__index_fill(&g->flow_index, g->m, opflow__hash_flow, g);
	opflow__relink(g);
	opflow__drop_layout(g);
	return 0;
}

int opflow_graph_activity_columns(size_t *out_count, size_t capacity,
                                  const opflow_graph *g, const char **keys,
                                  const char **labels, int *kinds,
                                  int *categories, opflow_id *departments,
                                  int *customer_facing, double *durations,
                                  int *explicit_durations, int *has_estimates,
                                  double *estimates)
{
	static const char fn[] = "opflow_graph_activity_columns";
	size_t n;

	if (!out_count)
		return opflow__null_arg(fn, "out_count");
	if (!g)
		return opflow__null_arg(fn, "graph");
	n = g->n < capacity ? g->n : capacity;
	/* one column at a time: each loop reads the records in order */
	if (keys)
		for (size_t i = 0; i < n; i++)
			keys[i] = g->acts[i].key;
	if (labels)
		for (size_t i = 0; i < n; i++)
			labels[i] = g->acts[i].label;
	if (kinds)
		for (size_t i = 0; i < n; i++)
			kinds[i] = g->acts[i].kind;
	if (categories)
		for (size_t i = 0; i < n; i++)
			categories[i] = g->acts[i].category;
	if (departments)
		for (size_t i = 0; i < n; i++)
			departments[i] = g->acts[i].department;
	if (customer_facing)
		for (size_t i = 0; i < n; i++)
			customer_facing[i] = g->acts[i].customer_facing;
	if (durations)
		for (size_t i = 0; i < n; i++)
			durations[i] = g->acts[i].duration;
	if (explicit_durations)
		for (size_t i = 0; i < n; i++)
			explicit_durations[i] =
				(g->acts[i].flags & OPFLOW__EXPLICIT) != 0;
	if (has_estimates)
		for (size_t i = 0; i < n; i++)
			has_estimates[i] =
				(g->acts[i].flags & OPFLOW__HAS_ESTIMATE) != 0;
	if (estimates)
		for (size_t i = 0; i < n; i++) {
			const struct opflow__activity *a = &g->acts[i];
			int has = (a->flags & OPFLOW__HAS_ESTIMATE) != 0;

			for (int j = 0; j < 3; j++)
				estimates[3 * i + (size_t)j] =
					has ? a->est[j] : 0.0;
		}
	*out_count = g->n;
	return 0;
}

int opflow_graph_flow_columns(size_t *out_count, size_t capacity,
                              const opflow_graph *g, opflow_id *sources,
                              opflow_id *targets, int *types, double *lags)
{
	static const char fn[] = "opflow_graph_flow_columns";
	size_t m;

	if (!out_count)
		return opflow__null_arg(fn, "out_count");
	if (!g)
		return opflow__null_arg(fn, "graph");
	m = g->m < capacity ? g->m : capacity;
	if (sources)
		for (size_t f = 0; f < m; f++)
			sources[f] = g->flows[f].source;
	if (targets)
		for (size_t f = 0; f < m; f++)
			targets[f] = g->flows[f].target;
	if (types)
		for (size_t f = 0; f < m; f++)
			types[f] = g->flows[f].type;
	if (lags)
		for (size_t f = 0; f < m; f++)
			lags[f] = g->flows[f].lag;
	*out_count = g->m;
	return 0;
}
