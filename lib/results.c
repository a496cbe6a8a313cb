/*
 * results.c - reading an analysis: per activity (by id, mapped to the
 * position its values are kept at), the figures, the effective options,
 * whole columns, departments and the handoff matrix.  An analysis is
 * immutable, so every accessor may run on many threads at once.
 */
#include "config.h"

#include "internal.h"

#include <math.h>

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

int opflow__flow_tight(const opflow_analysis *a, const struct opflow__flow *f,
                       uint32_t id)
{
	uint32_t u = a->pos[f->source], v = a->pos[f->target];

	if (!(a->flags[u] & OPFLOW__CRIT) || !(a->flags[v] & OPFLOW__CRIT))
		return 0;
	if (a->dated)
		return a->d_tight[id];
	if (a->progress) {
		/* both are unfinished (critical), and the flow is kept unless
		 * its target's started work overrides its logic */
		double s;

		if (a->p_state[v] == OPFLOW_STATE_IN_PROGRESS &&
		    a->options.logic == OPFLOW_LOGIC_OVERRIDE)
			return 0;
		switch (f->type) {
		case OPFLOW_FLOW_FS: s = a->p_rs[v] - f->lag - a->p_ef[u]; break;
		case OPFLOW_FLOW_SS: s = a->p_rs[v] - f->lag - a->es[u]; break;
		case OPFLOW_FLOW_FF: s = a->p_ef[v] - f->lag - a->p_ef[u]; break;
		default:             s = a->p_ef[v] - f->lag - a->es[u]; break;
		}
		return s <= a->tolerance;
	}
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
	if (a->progress) {
		if (es)
			*es = a->es[k];
		if (ef)
			*ef = a->p_ef[k];
		if (ls)
			*ls = a->p_ls[k];
		if (lf)
			*lf = a->lf[k];
		return 0;
	}
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

int opflow_analysis_progress(opflow_state *state, double *remaining_start,
                             double *remaining, const opflow_analysis *a,
                             opflow_id id)
{
	uint32_t k;
	int rc;

	if ((rc = check_result(a, id, "opflow_analysis_progress")))
		return rc;
	k = a->pos[id];
	if (state)
		*state = a->progress ? (opflow_state)a->p_state[k]
		                     : OPFLOW_STATE_NOT_STARTED;
	if (remaining_start)
		*remaining_start = a->progress ? a->p_rs[k] : a->es[k];
	if (remaining)
		*remaining = a->progress ? a->p_rem[k] : a->dur[k];
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
		if (f == OPFLOW_FIGURE_WORKING_LEAD_TIME)
			return opflow__error(OPFLOW_ENOTFOUND,
			    "working_lead_time is absent: the graph is not "
			    "dated");
		if (f >= OPFLOW_FIGURE_PERT_LEAD_TIME && a->dated)
			return opflow__error(OPFLOW_ENOTFOUND,
			    "%s is absent: a dated analysis has no PERT figures",
			    opflow_figure_name(figure));
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
	if (out->version < 2)
		return 0;
	out->has_status_date = a->options.has_status_date;
	out->status_date = a->options.status_date;
	out->logic = a->options.logic;
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
	if ((int)column < 0 || (int)column > OPFLOW_COLUMN_LATE_FINISH_INSTANT)
		return opflow__error(OPFLOW_EINVAL, "%s: unknown column %d", fn,
		                     (int)column);
	n = capacity < a->n ? capacity : a->n;
	for (size_t i = 0; i < n; i++) {
		const uint32_t k = a->pos[i];
		const double es = a->es[k], d = a->dur[k];
		const double lf = a->progress ? a->lf[k] : a->lf[k] + a->shift;
		double v;

		switch (column) {
		case OPFLOW_COLUMN_DURATION: v = d; break;
		case OPFLOW_COLUMN_ES: v = es; break;
		case OPFLOW_COLUMN_EF:
			v = a->progress ? a->p_ef[k] : es + d;
			break;
		case OPFLOW_COLUMN_LS:
			v = a->progress ? a->p_ls[k] : lf - d;
			break;
		case OPFLOW_COLUMN_LF: v = lf; break;
		case OPFLOW_COLUMN_STATE:
			v = a->progress ? a->p_state[k] : OPFLOW_STATE_NOT_STARTED;
			break;
		case OPFLOW_COLUMN_REMAINING_START:
			v = a->progress ? a->p_rs[k] : es;
			break;
		case OPFLOW_COLUMN_REMAINING:
			v = a->progress ? a->p_rem[k] : d;
			break;
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
		case OPFLOW_COLUMN_START_INSTANT:
		case OPFLOW_COLUMN_FINISH_INSTANT:
		case OPFLOW_COLUMN_LATE_START_INSTANT:
		case OPFLOW_COLUMN_LATE_FINISH_INSTANT:
			v = a->dated ? (double)a->d_inst[4 * (size_t)k +
			        (column - OPFLOW_COLUMN_START_INSTANT)] : 0.0;
			break;
		default: v = a->stage[k]; break;
		}
		out[i] = v;
	}
	return 0;
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

/* ------------------------------------------------------------- dated */

int opflow_analysis_dates(int *is_dated, int64_t *start, int64_t *finish,
                          int64_t *unit, const opflow_analysis *a)
{
	if (!a)
		return opflow__null_arg("opflow_analysis_dates", "analysis");
	if (is_dated)
		*is_dated = a->dated;
	if (start)
		*start = a->dated ? a->d_start : 0;
	if (finish)
		*finish = a->dated ? a->d_finish : 0;
	if (unit)
		*unit = a->dated ? a->d_unit : 0;
	return 0;
}

static int undated(const char *fn)
{
	return opflow__error(OPFLOW_EMISUSE, "%s: the analysis is not of a "
	                     "dated graph", fn);
}

int opflow_analysis_instants(int64_t *start, int64_t *finish,
                             int64_t *late_start, int64_t *late_finish,
                             const opflow_analysis *a, opflow_id id)
{
	static const char fn[] = "opflow_analysis_instants";
	const int64_t *t;
	int rc;

	if ((rc = check_result(a, id, fn)))
		return rc;
	if (!a->dated)
		return undated(fn);
	t = a->d_inst + 4 * (size_t)a->pos[id];
	if (start)
		*start = t[0];
	if (finish)
		*finish = t[1];
	if (late_start)
		*late_start = t[2];
	if (late_finish)
		*late_finish = t[3];
	return 0;
}

int opflow_analysis_instant_of(int64_t *out, const opflow_analysis *a,
                               double time)
{
	static const char fn[] = "opflow_analysis_instant_of";

	if (!out)
		return opflow__null_arg(fn, "out");
	if (!a)
		return opflow__null_arg(fn, "analysis");
	if (!a->dated)
		return undated(fn);
	if (opflow__instant_at(out, a->d_start, time, a->d_unit))
		return opflow__error(OPFLOW_ERANGE, "%s: %g units after the "
		    "start is not in the years 1 to 9999", fn, time);
	return 0;
}
