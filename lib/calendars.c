/*
 * calendars.c - the calendars of a graph (DESIGN, "Dates and working
 * calendars"): adding, replacing, finding and removing them; which one
 * the graph, a department and an activity work on; elapsed lags; the
 * project start and the unit of a dated graph; the working axis of a
 * calendar, exported.
 */
#include "config.h"

#include "internal.h"

#include <math.h>
#include <string.h>

static int check_calendar(const opflow_graph *g, opflow_id c, const char *fn)
{
	if (!g)
		return opflow__null_arg(fn, "graph");
	if (c >= g->ncal)
		return opflow__error(OPFLOW_ENOTFOUND, "%s: no calendar with id "
		    "%u (the graph has %zu)", fn, (unsigned)c, g->ncal);
	return 0;
}

/* A calendar id or OPFLOW_NONE for an assignment. */
static int check_assign(const opflow_graph *g, opflow_id c, const char *fn)
{
	return c == OPFLOW_NONE ? 0 : check_calendar(g, c, fn);
}

static uint32_t find(const opflow_graph *g, const char *key, size_t len)
{
	for (size_t i = 0; i < g->ncal; i++)
		if (g->cals[i]->key_len == len &&
		    memcmp(g->cals[i]->key, key, len) == 0)
			return (uint32_t)i;
	return OPFLOW_NONE;
}

int opflow_graph_add_calendar(opflow_id *out, opflow_graph *g,
                              const char *key, const char *spec)
{
	static const char fn[] = "opflow_graph_add_calendar";
	struct opflow__calendar *c;
	size_t len;
	int rc;

	char *own;

	if (!g)
		return opflow__null_arg(fn, "graph");
	if (!key)
		return opflow__null_arg(fn, "key");
	if (!spec)
		return opflow__null_arg(fn, "spec");
	if ((rc = opflow__check_key("calendar key", key, &len)))
		return rc;
	if (find(g, key, len) != OPFLOW_NONE)
		return opflow__error(OPFLOW_EEXISTS, "%s: calendar %k already "
		    "exists", fn, key);
	if (g->ncal >= OPFLOW_NONE - 1)
		return opflow__error(OPFLOW_ERANGE, "%s: too many calendars", fn);
	if ((rc = opflow__grow((void **)&g->cals, &g->cals_cap, g->ncal + 1,
	                       sizeof *g->cals)))
		return rc;
	/* the key lives apart from the calendar, which a new spec replaces */
	if (!(own = opflow__copy_text(key, len)))
		return opflow__nomem();
	if ((rc = opflow__cal_parse(&c, own, len, spec))) {
		opflow__free(own);
		return rc;
	}
	g->cals[g->ncal] = c;
	if (out)
		*out = (opflow_id)g->ncal;
	g->ncal++;
	opflow__changed(g);
	return 0;
}

int opflow_graph_set_calendar_spec(opflow_graph *g, opflow_id id,
                                   const char *spec)
{
	static const char fn[] = "opflow_graph_set_calendar_spec";
	struct opflow__calendar *c;
	int rc;

	if ((rc = check_calendar(g, id, fn)))
		return rc;
	if (!spec)
		return opflow__null_arg(fn, "spec");
	if ((rc = opflow__cal_parse(&c, g->cals[id]->key, g->cals[id]->key_len,
	                            spec)))
		return rc;
	opflow__free(g->cals[id]);
	g->cals[id] = c;
	opflow__changed(g);
	return 0;
}

size_t opflow_graph_calendar_count(const opflow_graph *g)
{
	return g ? g->ncal : 0;
}

int opflow_graph_find_calendar(opflow_id *out, const opflow_graph *g,
                               const char *key)
{
	static const char fn[] = "opflow_graph_find_calendar";
	uint32_t c;

	if (!out)
		return opflow__null_arg(fn, "out");
	if (!g)
		return opflow__null_arg(fn, "graph");
	if (!key)
		return opflow__null_arg(fn, "key");
	c = find(g, key, strlen(key));
	if (c == OPFLOW_NONE)
		return opflow__error(OPFLOW_ENOTFOUND, "%s: no calendar %k", fn,
		                     key);
	*out = c;
	return 0;
}

int opflow_graph_calendar_key(const char **out, const opflow_graph *g,
                              opflow_id id)
{
	static const char fn[] = "opflow_graph_calendar_key";
	int rc;

	if (!out)
		return opflow__null_arg(fn, "out");
	if ((rc = check_calendar(g, id, fn)))
		return rc;
	*out = g->cals[id]->key;
	return 0;
}

int opflow_graph_calendar_spec(char **out, size_t *out_size,
                               const opflow_graph *g, opflow_id id)
{
	static const char fn[] = "opflow_graph_calendar_spec";
	size_t len;
	char *s;
	int rc;

	if (!out)
		return opflow__null_arg(fn, "out");
	if ((rc = check_calendar(g, id, fn)))
		return rc;
	len = strlen(g->cals[id]->spec);
	if (!(s = opflow__copy_text(g->cals[id]->spec, len)))
		return opflow__nomem();
	*out = s;
	if (out_size)
		*out_size = len;
	return 0;
}

/* An assignment (id + 1, 0 none) after calendar c is removed. */
static uint32_t renumber(uint32_t v, uint32_t c)
{
	return v == c + 1 ? 0 : v > c + 1 ? v - 1 : v;
}

int opflow_graph_remove_calendar(opflow_graph *g, opflow_id c)
{
	int rc;

	if ((rc = check_calendar(g, c, "opflow_graph_remove_calendar")))
		return rc;
	g->default_cal = renumber(g->default_cal, c);
	for (size_t i = 0; i < g->dept_cal_len; i++)
		g->dept_cal[i] = renumber(g->dept_cal[i], c);
	for (size_t i = 0; i < g->act_cal_len; i++)
		g->act_cal[i] = renumber(g->act_cal[i], c);
	opflow__free(g->cals[c]->key);
	opflow__free(g->cals[c]);
	memmove(g->cals + c, g->cals + c + 1,
	        (g->ncal - c - 1) * sizeof *g->cals);
	g->ncal--;
	opflow__changed(g);
	return 0;
}

/* ------------------------------------------------------------ assignments */

/* The calendar id of an assignment (id + 1, 0 none). */
static opflow_id assigned(uint32_t v)
{
	return v ? v - 1 : OPFLOW_NONE;
}

int opflow_graph_set_default_calendar(opflow_graph *g, opflow_id c)
{
	static const char fn[] = "opflow_graph_set_default_calendar";
	int rc;

	if (!g)
		return opflow__null_arg(fn, "graph");
	if ((rc = check_assign(g, c, fn)))
		return rc;
	g->default_cal = c == OPFLOW_NONE ? 0 : c + 1;
	opflow__changed(g);
	return 0;
}

int opflow_graph_default_calendar(opflow_id *out, const opflow_graph *g)
{
	static const char fn[] = "opflow_graph_default_calendar";

	if (!out)
		return opflow__null_arg(fn, "out");
	if (!g)
		return opflow__null_arg(fn, "graph");
	*out = assigned(g->default_cal);
	return 0;
}

/* Sets entry id of a side array (id + 1 values, 0 none) to v, growing it
 * with zeros as needed. */
static int side_set(uint32_t **arr, size_t *len, size_t *cap, uint32_t id,
                    uint32_t v)
{
	int rc;

	if (id >= *len) {
		if (!v)
			return 0;
		if ((rc = opflow__grow((void **)arr, cap, (size_t)id + 1,
		                       sizeof **arr)))
			return rc;
		memset(*arr + *len, 0, ((size_t)id + 1 - *len) * sizeof **arr);
		*len = (size_t)id + 1;
	}
	(*arr)[id] = v;
	return 0;
}

static uint32_t side_get(const uint32_t *arr, size_t len, uint32_t id)
{
	return id < len ? arr[id] : 0;
}

/* Assigns calendar c (or none) to entry id of a side array. */
static int assign(opflow_graph *g, uint32_t **arr, size_t *len, size_t *cap,
                  uint32_t id, opflow_id c, const char *fn)
{
	int rc;

	if ((rc = check_assign(g, c, fn)) ||
	    (rc = side_set(arr, len, cap, id, c == OPFLOW_NONE ? 0 : c + 1)))
		return rc;
	opflow__changed(g);
	return 0;
}

int opflow_graph_set_department_calendar(opflow_graph *g, opflow_id d,
                                         opflow_id c)
{
	static const char fn[] = "opflow_graph_set_department_calendar";
	int rc;

	if ((rc = opflow__check_dept_id(g, d, fn)))
		return rc;
	return assign(g, &g->dept_cal, &g->dept_cal_len, &g->dept_cal_cap, d, c,
	              fn);
}

int opflow_graph_department_calendar(opflow_id *out, const opflow_graph *g,
                                     opflow_id d)
{
	static const char fn[] = "opflow_graph_department_calendar";
	int rc;

	if (!out)
		return opflow__null_arg(fn, "out");
	if ((rc = opflow__check_dept_id(g, d, fn)))
		return rc;
	*out = assigned(side_get(g->dept_cal, g->dept_cal_len, d));
	return 0;
}

int opflow_graph_set_activity_calendar(opflow_graph *g, opflow_id a,
                                       opflow_id c)
{
	static const char fn[] = "opflow_graph_set_activity_calendar";
	int rc;

	if ((rc = opflow__check_activity(g, a, fn)))
		return rc;
	return assign(g, &g->act_cal, &g->act_cal_len, &g->act_cal_cap, a, c,
	              fn);
}

int opflow_graph_activity_calendar(opflow_id *out, const opflow_graph *g,
                                   opflow_id a)
{
	static const char fn[] = "opflow_graph_activity_calendar";
	int rc;

	if (!out)
		return opflow__null_arg(fn, "out");
	if ((rc = opflow__check_activity(g, a, fn)))
		return rc;
	*out = assigned(side_get(g->act_cal, g->act_cal_len, a));
	return 0;
}

/* The calendar id + 1 activity a works on (0: 24/7). */
static uint32_t working_calendar(const opflow_graph *g, uint32_t a)
{
	uint32_t v = side_get(g->act_cal, g->act_cal_len, a);
	uint32_t d = g->acts[a].department;

	if (!v && d != OPFLOW_NONE)
		v = side_get(g->dept_cal, g->dept_cal_len, d);
	return v ? v : g->default_cal;
}

const struct opflow__calendar *opflow__cal_of(const opflow_graph *g,
                                              uint32_t a)
{
	uint32_t v = working_calendar(g, a);

	return v ? g->cals[v - 1] : NULL;
}

int opflow_graph_activity_working_calendar(opflow_id *out,
                                           const opflow_graph *g,
                                           opflow_id a)
{
	static const char fn[] = "opflow_graph_activity_working_calendar";
	int rc;

	if (!out)
		return opflow__null_arg(fn, "out");
	if ((rc = opflow__check_activity(g, a, fn)))
		return rc;
	*out = assigned(working_calendar(g, a));
	return 0;
}

static int check_flow(const opflow_graph *g, opflow_id f, const char *fn)
{
	if (!g)
		return opflow__null_arg(fn, "graph");
	if (f >= g->m)
		return opflow__error(OPFLOW_ENOTFOUND, "%s: no flow with id %u "
		    "(the graph has %zu)", fn, (unsigned)f, g->m);
	return 0;
}

int opflow_graph_set_flow_elapsed(opflow_graph *g, opflow_id f, int elapsed)
{
	static const char fn[] = "opflow_graph_set_flow_elapsed";
	int rc;

	if ((rc = check_flow(g, f, fn)))
		return rc;
	if (elapsed != 0 && elapsed != 1)
		return opflow__error(OPFLOW_EINVAL, "%s: elapsed is 0 or 1, not "
		    "%d", fn, elapsed);
	g->flows[f].elapsed = (uint8_t)elapsed;
	opflow__changed(g);
	return 0;
}

int opflow_graph_flow_elapsed(int *out, const opflow_graph *g, opflow_id f)
{
	static const char fn[] = "opflow_graph_flow_elapsed";
	int rc;

	if (!out)
		return opflow__null_arg(fn, "out");
	if ((rc = check_flow(g, f, fn)))
		return rc;
	*out = g->flows[f].elapsed;
	return 0;
}

/* ------------------------------------------------------------ dated graphs */

int opflow_graph_set_start(opflow_graph *g, int64_t start)
{
	static const char fn[] = "opflow_graph_set_start";

	if (!g)
		return opflow__null_arg(fn, "graph");
	if (!opflow__instant_in_range(start))
		return opflow__error(OPFLOW_ERANGE, "%s: the instant %D is not "
		    "in the years 1 to 9999", fn, (long long)start);
	g->dated = 1;
	g->start = start;
	opflow__changed(g);
	return 0;
}

int opflow_graph_clear_start(opflow_graph *g)
{
	if (!g)
		return opflow__null_arg("opflow_graph_clear_start", "graph");
	g->dated = 0;
	g->start = 0;
	opflow__changed(g);
	return 0;
}

int opflow_graph_start(int *is_dated, int64_t *start, const opflow_graph *g)
{
	if (!g)
		return opflow__null_arg("opflow_graph_start", "graph");
	if (is_dated)
		*is_dated = g->dated;
	if (start)
		*start = g->dated ? g->start : 0;
	return 0;
}

/* The longest unit: a year of 366 days. */
#define UNIT_MAX (366LL * 86400)

int opflow_graph_set_unit(opflow_graph *g, int64_t seconds)
{
	static const char fn[] = "opflow_graph_set_unit";

	if (!g)
		return opflow__null_arg(fn, "graph");
	if (seconds < 1 || seconds > UNIT_MAX)
		return opflow__error(OPFLOW_EINVAL, "%s: a unit is 1 to %D "
		    "seconds, not %D", fn, (long long)UNIT_MAX,
		    (long long)seconds);
	g->unit = seconds == 3600 ? 0 : seconds;
	opflow__changed(g);
	return 0;
}

int opflow_graph_unit(int64_t *out, const opflow_graph *g)
{
	if (!out)
		return opflow__null_arg("opflow_graph_unit", "out");
	if (!g)
		return opflow__null_arg("opflow_graph_unit", "graph");
	*out = opflow__unit(g);
	return 0;
}

static int check_dated(const opflow_graph *g, const char *fn)
{
	if (!g)
		return opflow__null_arg(fn, "graph");
	if (!g->dated)
		return opflow__error(OPFLOW_EMISUSE, "%s: the graph is not "
		    "dated (it has no start)", fn);
	return 0;
}

int opflow_graph_instant_of(int64_t *out, const opflow_graph *g, double time)
{
	static const char fn[] = "opflow_graph_instant_of";
	int rc;

	if (!out)
		return opflow__null_arg(fn, "out");
	if ((rc = check_dated(g, fn)))
		return rc;
	if (opflow__instant_at(out, g->start, time, opflow__unit(g)))
		return opflow__error(OPFLOW_ERANGE, "%s: %g units after the "
		    "start is not in the years 1 to 9999", fn, time);
	return 0;
}

int opflow_graph_time_of(double *out, const opflow_graph *g, int64_t instant)
{
	static const char fn[] = "opflow_graph_time_of";
	int rc;

	if (!out)
		return opflow__null_arg(fn, "out");
	if ((rc = check_dated(g, fn)))
		return rc;
	if (!opflow__instant_in_range(instant))
		return opflow__error(OPFLOW_ERANGE, "%s: the instant %D is not "
		    "in the years 1 to 9999", fn, (long long)instant);
	*out = (double)(instant - g->start) / (double)opflow__unit(g);
	return 0;
}

/* ------------------------------------------------------------ working axis */

static int axis_args(const struct opflow__calendar **c, const opflow_graph *g,
                     opflow_id id, const char *fn)
{
	int rc;

	if (!g)
		return opflow__null_arg(fn, "graph");
	if ((rc = check_assign(g, id, fn)))
		return rc;
	*c = id == OPFLOW_NONE ? NULL : g->cals[id];
	return 0;
}

static int range_error(const char *fn)
{
	return opflow__error(OPFLOW_ERANGE, "%s: an instant is not in the "
	                     "years 1 to 9999", fn);
}

int opflow_calendar_working_time(int64_t *out, const opflow_graph *g,
                                 opflow_id id, int64_t t1, int64_t t2)
{
	static const char fn[] = "opflow_calendar_working_time";
	const struct opflow__calendar *c;
	int rc;

	if (!out)
		return opflow__null_arg(fn, "out");
	if ((rc = axis_args(&c, g, id, fn)))
		return rc;
	if (!opflow__instant_in_range(t1) || !opflow__instant_in_range(t2))
		return range_error(fn);
	*out = opflow__cal_w(c, t2) - opflow__cal_w(c, t1);
	return 0;
}

/* The first (finish) or last (start) instant with W = W(t) + seconds. */
static int axis_after(int64_t *out, const opflow_graph *g, opflow_id id,
                      int64_t t, int64_t seconds, int last, const char *fn)
{
	const struct opflow__calendar *c;
	int64_t u;
	int rc;

	if (!out)
		return opflow__null_arg(fn, "out");
	if ((rc = axis_args(&c, g, id, fn)))
		return rc;
	if (!opflow__instant_in_range(t) || seconds > 400000000000LL ||
	    seconds < -400000000000LL)
		return range_error(fn);
	if (!seconds && !last) {
		*out = t;
		return 0;
	}
	u = last ? opflow__cal_last(c, opflow__cal_w(c, t) + seconds)
	         : opflow__cal_first(c, opflow__cal_w(c, t) + seconds);
	if (!opflow__instant_in_range(u))
		return range_error(fn);
	*out = u;
	return 0;
}

int opflow_calendar_finish_after(int64_t *out, const opflow_graph *g,
                                 opflow_id id, int64_t t, int64_t seconds)
{
	return axis_after(out, g, id, t, seconds, 0,
	                  "opflow_calendar_finish_after");
}

int opflow_calendar_start_after(int64_t *out, const opflow_graph *g,
                                opflow_id id, int64_t t, int64_t seconds)
{
	return axis_after(out, g, id, t, seconds, 1,
	                  "opflow_calendar_start_after");
}

/* ------------------------------------------------------------ the graph's */

void opflow__cal_activity_removed(opflow_graph *g, uint32_t id)
{
	if (id >= g->act_cal_len)
		return;
	memmove(g->act_cal + id, g->act_cal + id + 1,
	        (g->act_cal_len - id - 1) * sizeof *g->act_cal);
	g->act_cal_len--;
}

void opflow__cal_activities_compacted(opflow_graph *g, const uint8_t *gone)
{
	size_t w = 0;

	for (size_t i = 0; i < g->act_cal_len; i++)
		if (!gone[i])
			g->act_cal[w++] = g->act_cal[i];
	g->act_cal_len = w;
}

void opflow__cal_department_removed(opflow_graph *g, uint32_t d)
{
	if (d >= g->dept_cal_len)
		return;
	memmove(g->dept_cal + d, g->dept_cal + d + 1,
	        (g->dept_cal_len - d - 1) * sizeof *g->dept_cal);
	g->dept_cal_len--;
}

static uint32_t *copy_side(const uint32_t *src, size_t len, size_t *cap)
{
	uint32_t *p;

	*cap = 0;
	if (!len)
		return NULL;
	p = opflow__malloc(opflow__mul(len, sizeof *p));
	if (p) {
		memcpy(p, src, len * sizeof *p);
		*cap = len;
	}
	return p;
}

int opflow__cal_copy(opflow_graph *g, const opflow_graph *src)
{
	g->dated = src->dated;
	g->start = src->start;
	g->unit = src->unit;
	g->default_cal = src->default_cal;
	if (src->ncal) {
		g->cals = opflow__calloc(src->ncal, sizeof *g->cals);
		if (!g->cals)
			return opflow__nomem();
		g->cals_cap = src->ncal;
		for (size_t i = 0; i < src->ncal; i++) {
			const struct opflow__calendar *c = src->cals[i];
			char *own = opflow__copy_text(c->key, c->key_len);
			int rc;

			if (!own)
				return opflow__nomem();
			if ((rc = opflow__cal_parse(&g->cals[i], own,
			                            c->key_len, c->spec))) {
				opflow__free(own);
				return rc;
			}
			g->ncal++;
		}
	}
	g->dept_cal = copy_side(src->dept_cal, src->dept_cal_len,
	                        &g->dept_cal_cap);
	g->act_cal = copy_side(src->act_cal, src->act_cal_len,
	                       &g->act_cal_cap);
	if ((src->dept_cal_len && !g->dept_cal) ||
	    (src->act_cal_len && !g->act_cal))
		return opflow__nomem();
	g->dept_cal_len = src->dept_cal_len;
	g->act_cal_len = src->act_cal_len;
	return 0;
}

static int same_side(const uint32_t *a, size_t alen, const uint32_t *b,
                     size_t blen)
{
	size_t n = alen > blen ? alen : blen;

	for (size_t i = 0; i < n; i++)
		if (side_get(a, alen, (uint32_t)i) != side_get(b, blen,
		                                               (uint32_t)i))
			return 0;
	return 1;
}

int opflow__cal_equal(const opflow_graph *a, const opflow_graph *b)
{
	if (a->dated != b->dated || a->start != b->start ||
	    opflow__unit(a) != opflow__unit(b) || a->ncal != b->ncal ||
	    a->default_cal != b->default_cal)
		return 0;
	for (size_t i = 0; i < a->ncal; i++)
		if (strcmp(a->cals[i]->key, b->cals[i]->key) != 0 ||
		    strcmp(a->cals[i]->spec, b->cals[i]->spec) != 0)
			return 0;
	for (size_t f = 0; f < a->m; f++)
		if (a->flows[f].elapsed != b->flows[f].elapsed)
			return 0;
	return same_side(a->dept_cal, a->dept_cal_len, b->dept_cal,
	                 b->dept_cal_len) &&
	       same_side(a->act_cal, a->act_cal_len, b->act_cal,
	                 b->act_cal_len);
}

void opflow__cal_free(opflow_graph *g)
{
	for (size_t i = 0; i < g->ncal; i++) {
		opflow__free(g->cals[i]->key);
		opflow__free(g->cals[i]);
	}
	opflow__free(g->cals);
	opflow__free(g->dept_cal);
	opflow__free(g->act_cal);
}
