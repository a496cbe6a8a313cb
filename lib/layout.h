/*
 * layout.h - the graph's topological layout (layout.c): its structure,
 * the reading of its flows' types and lags, and its making.  Included by
 * internal.h; nothing here is installed.
 */
#ifndef OPFLOW_LAYOUT_H
#define OPFLOW_LAYOUT_H

#include "opflow.h"

#include <stddef.h>
#include <stdint.h>

/* The graph in topological order, as compressed rows: position p holds
 * activity order[p]; the flows into it are in_*[in_off[p] .. in_off[p+1])
 * in flow-id order, the flows out of it out_*[out_off[p] .. out_off[p+1]).
 * Sources and targets are positions. */
struct opflow__layout {
	uint32_t n, m;
	uint32_t *order, *pos;
	uint32_t *in_off, *in_src, *in_flow;
	uint32_t *out_off, *out_dst, *out_flow;
	/* NULL in a plain layout (below): read them with opflow__in_type
	 * and the like */
	double *in_lag, *out_lag;
	uint8_t *in_type, *out_type;
	/* What the passes read of each activity, by position, kept up to
	 * date by every edit that keeps the layout: the duration in use,
	 * the department, and OPFLOW__ATTR_* bits; with the counts of
	 * production activities and of activities with an estimate. */
	double *dur;
	uint32_t *dept;
	uint8_t *attr;
	size_t production, estimates;
	/* Every flow finish-to-start with a lag of +0: the layout keeps no
	 * types or lags and the passes read none (x + 0 and x - 0 are x for
	 * every time they meet).  A lag set to anything else drops such a
	 * layout. */
	int plain;
};

/* The type and lag of in-row and out-row entry e of layout L. */
static inline int opflow__in_type(const struct opflow__layout *L, uint32_t e)
{
	return L->plain ? OPFLOW_FLOW_FS : L->in_type[e];
}

static inline int opflow__out_type(const struct opflow__layout *L, uint32_t e)
{
	return L->plain ? OPFLOW_FLOW_FS : L->out_type[e];
}

static inline double opflow__in_lag(const struct opflow__layout *L, uint32_t e)
{
	return L->plain ? 0.0 : L->in_lag[e];
}

static inline double opflow__out_lag(const struct opflow__layout *L, uint32_t e)
{
	return L->plain ? 0.0 : L->out_lag[e];
}
#define OPFLOW__ATTR_PROD 1u            /* = OPFLOW__MARK_PROD */
#define OPFLOW__ATTR_ESTIMATE 2u

/* Whether the m flows of g are all plain (finish-to-start, lag +0). */
int opflow__flows_plain(const opflow_graph *g);
/* Bytes a layout of n activities and m flows needs; without the types
 * and lags of the flows when they are plain. */
size_t opflow__layout_size(size_t n, size_t m, int plain);
/* Builds the layout in mem (opflow__layout_size bytes, plain as
 * opflow__flows_plain says).  Needs scratch of n uint32_t.  Returns 0 or
 * OPFLOW_ECYCLE with the cycle details set (or OPFLOW_ENOMEM when those
 * could not be stored). */
int opflow__layout_build(struct opflow__layout *out, void *mem,
                         const opflow_graph *g, uint32_t *scratch, int plain);
/* The graph's layout, built and published when it has none yet: 0, or
 * OPFLOW_ENOMEM, OPFLOW_ERANGE or OPFLOW_ECYCLE with the error set.  Safe
 * to call from many threads reading the graph at once. */
int opflow__layout_get(const struct opflow__layout **out,
                       const opflow_graph *g);
/* Frees the graph's layout and what the graph keeps with it (an edit
 * that changes the topology, or a lag a plain layout cannot hold). */
void opflow__layout_drop(opflow_graph *g);
/* Copies the lag of flow f into the layout, if there is one; drops a
 * plain layout instead when the flow is no longer plain. */
void opflow__layout_set_lag(opflow_graph *g, uint32_t f);
/* Copies what the passes read of activity id into the layout, if there
 * is one; every department when id is OPFLOW_NONE (they were
 * renumbered).  Declared with opflow__activity_changed, in internal.h. */

#endif
