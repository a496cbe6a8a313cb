/*
 * tracking.c - what the shop floor reports of an activity (actual start,
 * actual finish, remaining duration) and its date constraints (DESIGN,
 * "Progress, the status date and date constraints"), kept beside the
 * activities by id: most activities have none, so the activity records
 * stay as small as the passes want them.
 */
#include "config.h"

#include "internal.h"

#include <math.h>
#include <string.h>

static int check_field(int f, const char *fn)
{
	if (f < 0 || f >= OPFLOW__TRACK_FIELDS)
		return opflow__error(OPFLOW_EINVAL,
		    "%s: unknown tracking field %d", fn, f);
	return 0;
}

static void recount(opflow_graph *g)
{
	size_t actuals = 0, limits = 0;

	for (size_t i = 0; i < g->track_len; i++) {
		actuals += (g->track[i].set & OPFLOW__TRACK_ACTUALS) != 0;
		limits += (g->track[i].set & OPFLOW__TRACK_LIMITS) != 0;
	}
	g->track_actuals = actuals;
	g->track_limits = limits;
}

/* Moves the counters from an entry's fields old to now. */
static void account(opflow_graph *g, unsigned old, unsigned now)
{
	g->track_actuals -= (old & OPFLOW__TRACK_ACTUALS) != 0;
	g->track_limits -= (old & OPFLOW__TRACK_LIMITS) != 0;
	g->track_actuals += (now & OPFLOW__TRACK_ACTUALS) != 0;
	g->track_limits += (now & OPFLOW__TRACK_LIMITS) != 0;
}

/* The entry of id, made room for (entries up to id that did not exist
 * are empty). */
static int track_room(opflow_graph *g, uint32_t id)
{
	int rc;

	if (id < g->track_len)
		return 0;
	if ((rc = opflow__grow((void **)&g->track, &g->track_cap,
	                       (size_t)id + 1, sizeof *g->track)))
		return rc;
	memset(g->track + g->track_len, 0,
	       ((size_t)id + 1 - g->track_len) * sizeof *g->track);
	g->track_len = (size_t)id + 1;
	return 0;
}

int opflow_graph_activity_tracking(int *is_set, double *value,
                                   const opflow_graph *g, opflow_id id,
                                   opflow_tracking field)
{
	static const char fn[] = "opflow_graph_activity_tracking";
	const struct opflow__track *t;
	int rc;

	if ((rc = opflow__check_activity(g, id, fn)) ||
	    (rc = check_field((int)field, fn)))
		return rc;
	t = opflow__track_of(g, id);
	if (t && (t->set & (1u << field))) {
		if (is_set)
			*is_set = 1;
		if (value)
			*value = t->v[field];
	} else {
		if (is_set)
			*is_set = 0;
		if (value)
			*value = 0.0;
	}
	return 0;
}

/* Whether the entry, with field f set to v (or cleared when clear), keeps
 * an actual finish after an actual start; sets the error naming id. */
static int check_actuals(const opflow_graph *g, uint32_t id, int f, double v,
                         int clear)
{
	const struct opflow__track *t = opflow__track_of(g, id);
	unsigned set = t ? t->set : 0;
	double as = t ? t->v[OPFLOW_TRACK_ACTUAL_START] : 0.0;
	double af = t ? t->v[OPFLOW_TRACK_ACTUAL_FINISH] : 0.0;
	int has_as = (set >> OPFLOW_TRACK_ACTUAL_START) & 1;
	int has_af = (set >> OPFLOW_TRACK_ACTUAL_FINISH) & 1;

	if (f == OPFLOW_TRACK_ACTUAL_START) {
		has_as = !clear;
		as = v;
	} else if (f == OPFLOW_TRACK_ACTUAL_FINISH) {
		has_af = !clear;
		af = v;
	} else {
		return 0;
	}
	if (has_af && !has_as)
		return opflow__error(OPFLOW_EINVAL, clear ?
		    "activity %k has an actual finish: clear it before its "
		    "actual start" :
		    "activity %k has no actual start: an actual finish needs one",
		    opflow__key(g, id));
	if (has_af && af < as)
		return opflow__error(OPFLOW_EINVAL,
		    "activity %k would finish at %g, before its actual start %g",
		    opflow__key(g, id), af, as);
	return 0;
}

int opflow_graph_set_activity_tracking(opflow_graph *g, opflow_id id,
                                       opflow_tracking field, double value)
{
	static const char fn[] = "opflow_graph_set_activity_tracking";
	const char *name;
	int rc;

	if ((rc = opflow__check_activity(g, id, fn)) ||
	    (rc = check_field((int)field, fn)))
		return rc;
	name = opflow_tracking_name(field);
	if (isnan(value) || isinf(value))
		return opflow__error(OPFLOW_EINVAL, "%s of activity %k is %s",
		    name, opflow__key(g, id), isnan(value) ? "NaN" : "infinite");
	if (field == OPFLOW_TRACK_REMAINING && value < 0)
		return opflow__error(OPFLOW_EINVAL,
		    "remaining duration %g of activity %k is negative", value,
		    opflow__key(g, id));
	if ((rc = check_actuals(g, id, (int)field, value, 0)))
		return rc;
	if ((rc = track_room(g, id)))
		return rc;
	g->track[id].v[field] = opflow__plus_zero(value);
	account(g, g->track[id].set, g->track[id].set | (1u << field));
	g->track[id].set |= (uint8_t)(1u << field);
	opflow__changed(g);
	return 0;
}

int opflow_graph_clear_activity_tracking(opflow_graph *g, opflow_id id,
                                         opflow_tracking field)
{
	static const char fn[] = "opflow_graph_clear_activity_tracking";
	int rc;

	if ((rc = opflow__check_activity(g, id, fn)) ||
	    (rc = check_field((int)field, fn)))
		return rc;
	if (!opflow__track_of(g, id) ||
	    !(g->track[id].set & (1u << field)))
		return 0;
	if ((rc = check_actuals(g, id, (int)field, 0.0, 1)))
		return rc;
	account(g, g->track[id].set, g->track[id].set & ~(1u << field));
	g->track[id].set &= (uint8_t)~(1u << field);
	g->track[id].v[field] = 0.0;
	opflow__changed(g);
	return 0;
}

void opflow__track_remove(opflow_graph *g, uint32_t id)
{
	if (id >= g->track_len)
		return;
	account(g, g->track[id].set, 0);
	memmove(g->track + id, g->track + id + 1,
	        (g->track_len - id - 1) * sizeof *g->track);
	g->track_len--;
}

void opflow__track_compact(opflow_graph *g, const uint8_t *gone)
{
	size_t w = 0;

	for (size_t i = 0; i < g->track_len; i++)
		if (!gone[i])
			g->track[w++] = g->track[i];
	g->track_len = w;
	recount(g);
}

int opflow__track_copy(opflow_graph *g, const opflow_graph *src)
{
	if (!src->track_len)
		return 0;
	g->track = opflow__malloc(opflow__mul(src->track_len, sizeof *g->track));
	if (!g->track)
		return opflow__nomem();
	memcpy(g->track, src->track, src->track_len * sizeof *g->track);
	g->track_len = g->track_cap = src->track_len;
	g->track_actuals = src->track_actuals;
	g->track_limits = src->track_limits;
	return 0;
}

int opflow__track_equal(const opflow_graph *a, const opflow_graph *b)
{
	size_t n = a->n < b->n ? a->n : b->n;

	for (uint32_t i = 0; i < n; i++) {
		const struct opflow__track *x = opflow__track_of(a, i);
		const struct opflow__track *y = opflow__track_of(b, i);

		if (!x || !y) {
			if (x != y)
				return 0;
			continue;
		}
		if (x->set != y->set)
			return 0;
		for (int f = 0; f < OPFLOW__TRACK_FIELDS; f++)
			if ((x->set & (1u << f)) &&
			    memcmp(&x->v[f], &y->v[f], sizeof x->v[f]) != 0)
				return 0;
	}
	return 1;
}
