/*
 * flow.c - the graph's flows: dense ids in insertion order, an index by
 * (source, target, type), and each activity's lists of incoming and
 * outgoing flows.
 */
#include "config.h"

#include "internal.h"

#include <string.h>

static int about_flow(const opflow_graph *g, uint32_t f, int rc)
{
	const struct opflow__flow *fl = &g->flows[f];

	return opflow__error(rc, "flow %u (%k -> %k): %m", (unsigned)f,
	                     opflow__key(g, fl->source),
	                     opflow__key(g, fl->target));
}

static int check_new_flow(const opflow_graph *g, uint32_t s, uint32_t t,
                          int type, double lag, const char *fn)
{
	int rc;

	if (s >= g->n)
		return opflow__error(OPFLOW_ENOTFOUND,
		    "%s: no source activity with id %u (the graph has %zu)", fn,
		    (unsigned)s, g->n);
	if (t >= g->n)
		return opflow__error(OPFLOW_ENOTFOUND,
		    "%s: no target activity with id %u (the graph has %zu)", fn,
		    (unsigned)t, g->n);
	if (s == t)
		return opflow__error(OPFLOW_EINVAL,
		    "%s: a flow from activity %k to itself is a self-loop", fn,
		    opflow__key(g, s));
	if ((rc = opflow__check_flow_type(type)))
		return opflow__error(rc, "%s: flow %k -> %k: %m", fn,
		                     opflow__key(g, s), opflow__key(g, t));
	if ((rc = opflow__check_lag(lag)))
		return opflow__error(rc, "%s: flow %k -> %k: %m", fn,
		                     opflow__key(g, s), opflow__key(g, t));
	return 0;
}

static int duplicate_flow(const opflow_graph *g, uint32_t s, uint32_t t,
                          int type, const char *fn)
{
	return opflow__error(OPFLOW_EEXISTS,
	    "%s: a %s flow from %k to %k already exists", fn,
	    opflow_flow_type_name((opflow_flow_type)type), opflow__key(g, s),
	    opflow__key(g, t));
}

/* Whether count more flows fit under the limit of OPFLOW_NONE (ids stay
 * below OPFLOW_NONE); decided from the counts alone. */
static int check_flow_room(const opflow_graph *g, size_t count)
{
	if (count > (size_t)OPFLOW_NONE - g->m)
		return opflow__error(OPFLOW_ERANGE,
		    "a graph holds at most %u flows: %zu more do not fit beside "
		    "its %zu", (unsigned)OPFLOW_NONE, count, g->m);
	return 0;
}

static int reserve_flows(opflow_graph *g, size_t count)
{
	int rc;

	if ((rc = check_flow_room(g, count)))
		return rc;
	if ((rc = opflow__grow((void **)&g->flows, &g->flows_cap, g->m + count,
	                       sizeof *g->flows)) ||
	    (rc = opflow__index_reserve(&g->flow_index, g->m + count, g->m, opflow__hash_flow, g)))
		return rc;
	return 0;
}

/* Appends the flow, its id in the index at slot (where
 * opflow__index_put would put it). */
static uint32_t append_flow_at(opflow_graph *g, uint32_t s, uint32_t t,
                               int type, double lag, size_t slot)
{
	uint32_t f = (uint32_t)g->m;
	struct opflow__flow *fl = &g->flows[f];

	fl->source = s;
	fl->target = t;
	fl->type = (uint8_t)type;
	fl->elapsed = 0;
	fl->lag = opflow__plus_zero(lag);
	g->m++;
	g->flow_index.slots[slot] = f;
	opflow__link_flow(g, f);
	return f;
}

/* The flow of s, t and type in the index (which has room), as
 * opflow__find_flow finds it; else OPFLOW_NONE, and *slot the empty slot
 * where opflow__index_put would put it. */
static uint32_t probe_flow(const opflow_graph *g, uint32_t s, uint32_t t,
                           int type, size_t *slot)
{
	const struct opflow__index *ix = &g->flow_index;
	size_t mask = ix->cap - 1, i;

	for (i = opflow__flow_hash(s, t, (uint32_t)type) & mask;;
	     i = (i + 1) & mask) {
		uint32_t id = ix->slots[i];
		const struct opflow__flow *f;

		if (id == OPFLOW_NONE) {
			*slot = i;
			return OPFLOW_NONE;
		}
		f = &g->flows[id];
		if (f->source == s && f->target == t &&
		    f->type == (uint8_t)type)
			return id;
	}
}

static uint32_t append_flow(opflow_graph *g, uint32_t s, uint32_t t, int type,
                            double lag)
{
	const struct opflow__index *ix = &g->flow_index;
	size_t mask = ix->cap - 1, slot;

	/* the first empty slot, as opflow__index_put finds it */
	for (slot = opflow__flow_hash(s, t, (uint32_t)type) & mask;
	     ix->slots[slot] != OPFLOW_NONE; slot = (slot + 1) & mask)
		;
	return append_flow_at(g, s, t, type, lag, slot);
}

int opflow_graph_add_flow(opflow_id *out, opflow_graph *g, opflow_id source,
                          opflow_id target, opflow_flow_type type, double lag)
{
	static const char fn[] = "opflow_graph_add_flow";
	int rc;

	if (!out)
		return opflow__null_arg(fn, "out");
	if (!g)
		return opflow__null_arg(fn, "graph");
	if ((rc = check_new_flow(g, source, target, (int)type, lag, fn)))
		return rc;
	if (opflow__find_flow(g, source, target, (int)type) != OPFLOW_NONE)
		return duplicate_flow(g, source, target, (int)type, fn);
	if ((rc = reserve_flows(g, 1)))
		return rc;
	*out = append_flow(g, source, target, (int)type, lag);
	opflow__drop_layout(g);
	return 0;
}

int opflow_graph_add_flows(opflow_id *out_first, opflow_graph *g, size_t count,
                           const opflow_id *sources, const opflow_id *targets,
                           const int *types, const double *lags)
{
	static const char fn[] = "opflow_graph_add_flows";
	size_t m0;
	int rc;

	if (!out_first)
		return opflow__null_arg(fn, "out_first");
	if (!g)
		return opflow__null_arg(fn, "graph");
	if (count && !sources)
		return opflow__null_arg(fn, "sources");
	if (count && !targets)
		return opflow__null_arg(fn, "targets");
	/* a count past the limit is refused before any flow is read */
	if ((rc = check_flow_room(g, count)))
		return rc;
	for (size_t i = 0; i < count; i++) {
		if ((rc = check_new_flow(g, sources[i], targets[i],
		                         types ? types[i] : OPFLOW_FLOW_FS,
		                         lags ? lags[i] : 0.0, fn)))
			return opflow__error(rc, "%m (flow %zu of the batch)",
			                     i);
	}
	if ((rc = reserve_flows(g, count)))
		return rc;
	m0 = g->m;
	for (size_t i = 0; i < count; i++) {
		int type = types ? types[i] : OPFLOW_FLOW_FS;
		size_t slot;

		/* one probe finds a duplicate or where the flow goes */
		if (probe_flow(g, sources[i], targets[i], type, &slot) !=
		    OPFLOW_NONE) {
			g->m = m0;
			opflow__index_fill(&g->flow_index, g->m, opflow__hash_flow, g);
			opflow__relink(g);
			return duplicate_flow(g, sources[i], targets[i], type, fn);
		}
		append_flow_at(g, sources[i], targets[i], type,
		               lags ? lags[i] : 0.0, slot);
	}
	*out_first = (opflow_id)m0;
	if (count)
		opflow__drop_layout(g);
	return 0;
}

int opflow_graph_find_flow(opflow_id *out, const opflow_graph *g,
                           opflow_id source, opflow_id target,
                           opflow_flow_type type)
{
	static const char fn[] = "opflow_graph_find_flow";
	uint32_t f;
	int rc;

	if (!out)
		return opflow__null_arg(fn, "out");
	if ((rc = opflow__check_activity(g, source, fn)) ||
	    (rc = opflow__check_activity(g, target, fn)) ||
	    (rc = opflow__check_flow_type((int)type)))
		return rc;
	f = opflow__find_flow(g, source, target, (int)type);
	if (f == OPFLOW_NONE)
		return opflow__error(OPFLOW_ENOTFOUND, "no %s flow from %k to %k",
		                     opflow_flow_type_name(type),
		                     opflow__key(g, source), opflow__key(g, target));
	*out = f;
	return 0;
}

int opflow_graph_remove_flow(opflow_graph *g, opflow_id flow)
{
	int rc;

	if ((rc = opflow__check_flow_id(g, flow, "opflow_graph_remove_flow")))
		return rc;
	memmove(&g->flows[flow], &g->flows[flow + 1],
	        (g->m - flow - 1) * sizeof *g->flows);
	g->m--;
	opflow__index_fill(&g->flow_index, g->m, opflow__hash_flow, g);
	opflow__relink(g);
	opflow__drop_layout(g);
	return 0;
}

int opflow_graph_flow(opflow_id *source, opflow_id *target,
                      opflow_flow_type *type, double *lag,
                      const opflow_graph *g, opflow_id flow)
{
	const struct opflow__flow *f;
	int rc;

	if ((rc = opflow__check_flow_id(g, flow, "opflow_graph_flow")))
		return rc;
	f = &g->flows[flow];
	if (source)
		*source = f->source;
	if (target)
		*target = f->target;
	if (type)
		*type = (opflow_flow_type)f->type;
	if (lag)
		*lag = f->lag;
	return 0;
}

int opflow_graph_set_flow_lag(opflow_graph *g, opflow_id flow, double lag)
{
	int rc;

	if ((rc = opflow__check_flow_id(g, flow, "opflow_graph_set_flow_lag")))
		return rc;
	if ((rc = opflow__check_lag(lag)))
		return about_flow(g, flow, rc);
	g->flows[flow].lag = opflow__plus_zero(lag);
	opflow__layout_set_lag(g, flow);
	opflow__changed(g);
	return 0;
}

static int list_flows(size_t *out_count, opflow_id *flows, size_t capacity,
                      const opflow_graph *g, opflow_id id, int incoming,
                      const char *fn)
{
	size_t k = 0;
	uint32_t f;
	int rc;

	if (!out_count)
		return opflow__null_arg(fn, "out_count");
	if (capacity && !flows)
		return opflow__null_arg(fn, "flows");
	if ((rc = opflow__check_activity(g, id, fn)))
		return rc;
	f = incoming ? g->acts[id].first_in : g->acts[id].first_out;
	while (f != OPFLOW_NONE) {
		if (k < capacity)
			flows[k] = f;
		k++;
		f = incoming ? g->flows[f].next_in : g->flows[f].next_out;
	}
	*out_count = k;
	return 0;
}

int opflow_graph_incoming(size_t *out_count, opflow_id *flows, size_t capacity,
                          const opflow_graph *g, opflow_id id)
{
	return list_flows(out_count, flows, capacity, g, id, 1,
	                  "opflow_graph_incoming");
}

int opflow_graph_outgoing(size_t *out_count, opflow_id *flows, size_t capacity,
                          const opflow_graph *g, opflow_id id)
{
	return list_flows(out_count, flows, capacity, g, id, 0,
	                  "opflow_graph_outgoing");
}

