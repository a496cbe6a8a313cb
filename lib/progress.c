/*
 * progress.c - the passes of an analysis that takes progress and date
 * constraints into account (DESIGN, "Progress, the status date and date
 * constraints"): completed work fixed at its actuals, the remaining work
 * of started activities, the start bound of the status date, retained
 * logic or progress override, and the four date constraints.  Without
 * any of these the plain passes of passes.c run instead; where both
 * apply, the arithmetic is written in the same order so that the same
 * sums give the same bits.
 */
#include "config.h"

#include "internal.h"

#include <math.h>
#include <string.h>

#define ST_NOT OPFLOW_STATE_NOT_STARTED
#define ST_RUN OPFLOW_STATE_IN_PROGRESS
#define ST_DONE OPFLOW_STATE_COMPLETED

int opflow__progress_wanted(const opflow_graph *g,
                            const opflow_analysis_options *o)
{
	return o->has_status_date || g->track_limits;
}

void opflow__progress_free(struct opflow__work *w)
{
	opflow__free(w->p_mem);
	w->p_mem = NULL;
}

int opflow__progress_init(struct opflow__work *w,
                          const opflow_analysis_options *o)
{
	const struct opflow__layout *L = w->L;
	const opflow_graph *g = w->g;
	size_t n = L->n;
	char *p;

	w->progress = 1;
	w->logic = o->logic;
	w->has_status = o->has_status_date;
	w->status_date = o->has_status_date ? o->status_date : 0.0;
	w->bound = o->has_status_date && o->status_date > 0 ? o->status_date
	                                                     : 0.0;
	if (n > SIZE_MAX / 32)
		return opflow__error(OPFLOW_ERANGE, "graph too large to analyse");
	w->p_mem = opflow__malloc(n * (3 * sizeof(double) + 1) + 8);
	if (!w->p_mem)
		return opflow__nomem();
	p = w->p_mem;
	w->p_r = (double *)(void *)p;  p += n * sizeof(double);
	w->p_ef = (double *)(void *)p; p += n * sizeof(double);
	w->p_rs = (double *)(void *)p; p += n * sizeof(double);
	w->p_state = (uint8_t *)p;
	for (uint32_t k = 0; k < n; k++) {
		uint32_t id = L->order[k];
		const struct opflow__track *t = opflow__track_of(g, id);
		uint8_t st = ST_NOT;

		if (o->has_status_date && opflow__track_has(t, OPFLOW_TRACK_ACTUAL_START)) {
			double as = t->v[OPFLOW_TRACK_ACTUAL_START];

			if (as > o->status_date)
				return opflow__error(OPFLOW_EINVAL,
				    "activity %k started at %g, after the status "
				    "date %g", opflow__key(g, id), as,
				    o->status_date);
			st = ST_RUN;
			if (opflow__track_has(t, OPFLOW_TRACK_ACTUAL_FINISH)) {
				double af = t->v[OPFLOW_TRACK_ACTUAL_FINISH];

				if (af > o->status_date)
					return opflow__error(OPFLOW_EINVAL,
					    "activity %k finished at %g, after "
					    "the status date %g",
					    opflow__key(g, id), af,
					    o->status_date);
				st = ST_DONE;
			}
		}
		w->p_state[k] = st;
	}
	return 0;
}

/* Whether a flow into position b takes part in the passes: not into
 * completed work, nor into started work under progress override. */
static int kept(const struct opflow__work *w, uint32_t b)
{
	return w->p_state[b] == ST_NOT ||
	       (w->p_state[b] == ST_RUN && w->logic == OPFLOW_LOGIC_RETAINED);
}

/* Where a kept flow puts the start of b's remaining work (r its work
 * left), given its source's start and finish as they are read. */
static inline double bound_of(int type, double sa, double fa, double lag,
                              double r)
{
	switch (type) {
	case OPFLOW_FLOW_FS: return fa + lag;
	case OPFLOW_FLOW_SS: return sa + lag;
	case OPFLOW_FLOW_FF: return fa + lag - r;
	default:             return sa + lag - r;
	}
}

/* The work left of the unfinished activity at position k (t its
 * tracking entry): the remaining duration when reported, else what the
 * duration leaves at the status date.  In a simulation (p_scale set),
 * the drawn duration x times r0 / d0 (the plan's work left over its
 * duration), written r0 + (x - d0) r0 / d0 so that x = d0 gives r0
 * exactly (and x itself when r0 = d0); r0 where the scale is
 * negative. */
static double work_left(const struct opflow__work *w, uint32_t k,
                        const struct opflow__track *t)
{
	double d = w->dur[k];

	if (w->p_scale) {
		double s = w->p_scale[k];

		if (s < 0)
			return w->p_r0[k];
		return s == 1.0 ? d : fmax(0.0, w->p_r0[k] +
		                                (d - w->p_d0[k]) * s);
	}
	if (w->has_status && opflow__track_has(t, OPFLOW_TRACK_REMAINING))
		return t->v[OPFLOW_TRACK_REMAINING];
	if (w->p_state[k] == ST_RUN)
		return fmax(0.0, d - (w->status_date -
		                      t->v[OPFLOW_TRACK_ACTUAL_START]));
	return d;
}

/* The remaining start of the unfinished activity at position k (t its
 * tracking entry, r its work left): the start bound, its early
 * constraints and its kept incoming flows, each source read at sa (its
 * start) and fa (its finish); with prod_only, the flows from production
 * activities alone. */
static double remaining_start(const struct opflow__work *w, uint32_t k,
                              const struct opflow__track *t, double r,
                              const double *sa, const double *fa,
                              int prod_only)
{
	const struct opflow__layout *L = w->L;
	double s = w->bound;

	if (opflow__track_has(t, OPFLOW_TRACK_START_NO_EARLIER_THAN) &&
	    t->v[OPFLOW_TRACK_START_NO_EARLIER_THAN] > s)
		s = t->v[OPFLOW_TRACK_START_NO_EARLIER_THAN];
	if (opflow__track_has(t, OPFLOW_TRACK_FINISH_NO_EARLIER_THAN) &&
	    t->v[OPFLOW_TRACK_FINISH_NO_EARLIER_THAN] - r > s)
		s = t->v[OPFLOW_TRACK_FINISH_NO_EARLIER_THAN] - r;
	if (!kept(w, k))
		return s;
	for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1]; e++) {
		uint32_t a = L->in_src[e];
		double v;

		if (prod_only && !(L->attr[a] & OPFLOW__ATTR_PROD))
			continue;
		v = bound_of(opflow__in_type(L, e), sa[a], fa[a],
		             opflow__in_lag(L, e), r);
		if (v > s)
			s = v;
	}
	return s;
}

void opflow__progress_scales(const struct opflow__work *w, double *r0,
                             double *scale)
{
	const struct opflow__layout *L = w->L;

	for (uint32_t k = 0; k < L->n; k++) {
		const struct opflow__track *t = opflow__track_of(w->g,
		                                                 L->order[k]);
		double d = w->dur[k];

		r0[k] = w->p_state[k] == ST_DONE ? 0.0 : work_left(w, k, t);
		if (w->p_state[k] == ST_DONE)
			scale[k] = -1.0;
		else if (r0[k] == d)
			scale[k] = 1.0;         /* the draw is the work left */
		else
			scale[k] = d > 0 ? r0[k] / d : -1.0;
	}
}

int opflow__progress_forward(struct opflow__work *w, double *lead_time,
                             uint32_t *bad)
{
	const struct opflow__layout *L = w->L;
	const opflow_graph *g = w->g;
	double T = 0.0;

	for (uint32_t k = 0; k < L->n; k++) {
		const struct opflow__track *t = opflow__track_of(g, L->order[k]);
		double r, s, ef;
		uint8_t st = w->p_state[k];

		if (st == ST_DONE) {
			w->es[k] = t->v[OPFLOW_TRACK_ACTUAL_START];
			w->p_rs[k] = ef = t->v[OPFLOW_TRACK_ACTUAL_FINISH];
			w->p_r[k] = 0.0;
			w->p_ef[k] = ef;
			if (ef > T)
				T = ef;
			continue;
		}
		r = work_left(w, k, t);
		s = remaining_start(w, k, t, r, w->es, w->p_ef, 0);
		w->es[k] = st == ST_RUN ? t->v[OPFLOW_TRACK_ACTUAL_START] : s;
		w->p_rs[k] = s;
		w->p_r[k] = r;
		w->p_ef[k] = ef = s + r;
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

double opflow__progress_span(const struct opflow__work *w, double *sa,
                             double *fa)
{
	const struct opflow__layout *L = w->L;
	const opflow_graph *g = w->g;
	double P = 0.0;

	for (uint32_t k = 0; k < L->n; k++) {
		const struct opflow__track *t;
		uint8_t st = w->p_state[k];
		double s;

		if (!(L->attr[k] & OPFLOW__ATTR_PROD))
			continue;
		t = opflow__track_of(g, L->order[k]);
		if (st == ST_DONE) {
			sa[k] = t->v[OPFLOW_TRACK_ACTUAL_START];
			fa[k] = t->v[OPFLOW_TRACK_ACTUAL_FINISH];
		} else {
			s = remaining_start(w, k, t, w->p_r[k], sa, fa, 1);
			sa[k] = st == ST_RUN ? t->v[OPFLOW_TRACK_ACTUAL_START]
			                     : s;
			fa[k] = s + w->p_r[k];
		}
		if (fa[k] > P)
			P = fa[k];
	}
	return P;
}

/* Where a kept flow a -> b puts the late finish of a (r_a its work
 * left), given b's late finish lf_b and work left r_b: the mirror of
 * bound_of, written as passes.c writes it. */
static inline double mirror_of(int type, double lf_b, double r_b, double lag,
                               double r_a)
{
	switch (type) {
	case OPFLOW_FLOW_FS: return lf_b - r_b - lag;
	case OPFLOW_FLOW_SS: return lf_b - r_b - lag + r_a;
	case OPFLOW_FLOW_FF: return lf_b - lag;
	default:             return lf_b - lag + r_a;
	}
}

/* Whether a kept flow of this type from position a bounds a backwards:
 * not from an actual time (a started source's start, a completed
 * source's finish). */
static int mirrored(const struct opflow__work *w, uint32_t a, int type)
{
	if (w->p_state[a] == ST_DONE)
		return 0;
	if (type == OPFLOW_FLOW_SS || type == OPFLOW_FLOW_SF)
		return w->p_state[a] == ST_NOT;
	return 1;
}

int opflow__progress_backward(struct opflow__work *w, double T, double shift,
                              uint32_t *bad)
{
	const struct opflow__layout *L = w->L;
	const opflow_graph *g = w->g;
	uint8_t *mk = w->mark;

	for (uint32_t k = L->n; k-- > 0;) {
		const struct opflow__track *t = opflow__track_of(g, L->order[k]);
		double f = T, r = w->p_r[k];

		for (uint32_t e = L->out_off[k]; e < L->out_off[k + 1]; e++) {
			uint32_t b = L->out_dst[e];
			int type = opflow__out_type(L, e);
			double v;

			if (mk[b] & (OPFLOW__MARK_PROD | OPFLOW__MARK_REACHES))
				mk[k] |= OPFLOW__MARK_REACHES;
			if (!kept(w, b) || !mirrored(w, k, type))
				continue;
			v = mirror_of(type, w->lf[b], w->p_r[b],
			              opflow__out_lag(L, e), r);
			if (v < f)
				f = v;
		}
		if (w->p_state[k] == ST_DONE) {
			w->lf[k] = 0.0;
			continue;
		}
		if (opflow__track_has(t, OPFLOW_TRACK_FINISH_NO_LATER_THAN) &&
		    t->v[OPFLOW_TRACK_FINISH_NO_LATER_THAN] - shift < f)
			f = t->v[OPFLOW_TRACK_FINISH_NO_LATER_THAN] - shift;
		if (w->p_state[k] == ST_NOT &&
		    opflow__track_has(t, OPFLOW_TRACK_START_NO_LATER_THAN) &&
		    (t->v[OPFLOW_TRACK_START_NO_LATER_THAN] - shift) + r < f)
			f = (t->v[OPFLOW_TRACK_START_NO_LATER_THAN] - shift) + r;
		w->lf[k] = f;
		if (!isfinite(f - r)) {
			*bad = k;
			return OPFLOW_ERANGE;
		}
	}
	return 0;
}

/* The slack of a constraint at early times: b's remaining start sb and
 * early finish fb against a's start and finish as read. */
static inline double slack_of(int type, double sa, double fa, double lag,
                              double sb, double fb)
{
	switch (type) {
	case OPFLOW_FLOW_FS: return sb - lag - fa;
	case OPFLOW_FLOW_SS: return sb - lag - sa;
	case OPFLOW_FLOW_FF: return fb - lag - fa;
	default:             return fb - lag - sa;
	}
}

double opflow__progress_slack(const struct opflow__work *w, uint32_t e,
                              uint32_t k)
{
	const struct opflow__layout *L = w->L;
	uint32_t a = L->in_src[e];

	if (!kept(w, k))
		return INFINITY;
	return slack_of(opflow__in_type(L, e), w->es[a], w->p_ef[a],
	                opflow__in_lag(L, e), w->p_rs[k], w->p_ef[k]);
}

double opflow__progress_tf(const struct opflow__work *w, uint32_t k,
                           double eps)
{
	switch (w->p_state[k]) {
	case ST_DONE:
		return INFINITY;
	case ST_RUN:
		return opflow__round_float(w->lf[k] - w->p_ef[k], eps);
	default:
		return opflow__round_float((w->lf[k] - w->p_r[k]) - w->es[k],
		                           eps);
	}
}

double opflow__progress_mark_critical(struct opflow__work *w, double tol,
                                      double eps)
{
	const struct opflow__layout *L = w->L;
	double min_tf = INFINITY;

	for (uint32_t k = 0; k < L->n; k++) {
		double tf = opflow__progress_tf(w, k, eps);

		if (tf < min_tf)
			min_tf = tf;
	}
	for (uint32_t k = 0; k < L->n; k++) {
		double tf = opflow__progress_tf(w, k, eps);

		if (w->p_state[k] != ST_DONE && tf <= min_tf + tol)
			w->mark[k] |= OPFLOW__MARK_CRIT;
		else
			w->mark[k] &= (uint8_t)~OPFLOW__MARK_CRIT;
	}
	return min_tf;
}

/* The least slack at early times of the kept outgoing flows of position
 * k that bound it backwards; +inf without any. */
static double out_slack(const struct opflow__work *w, uint32_t k)
{
	const struct opflow__layout *L = w->L;
	double free = INFINITY;

	for (uint32_t e = L->out_off[k]; e < L->out_off[k + 1]; e++) {
		uint32_t b = L->out_dst[e];
		int type = opflow__out_type(L, e);
		double s;

		if (!kept(w, b) || !mirrored(w, k, type))
			continue;
		s = slack_of(type, w->es[k], w->p_ef[k], opflow__out_lag(L, e),
		             w->p_rs[b], w->p_ef[b]);
		if (s < free)
			free = s;
	}
	return free;
}

int opflow__progress_fill(struct opflow__work *w, opflow_analysis *a,
                          double T, double tol, double eps, double min_tf,
                          double near)
{
	const struct opflow__layout *L = w->L;
	size_t n = L->n;
	char *p;

	a->progress = 1;
	a->prog_mem = opflow__malloc(n * (5 * sizeof(double) + 1) + 8);
	if (!a->prog_mem)
		return opflow__nomem();
	p = a->prog_mem;
	a->p_ef = (double *)(void *)p;  p += n * sizeof(double);
	a->p_ls = (double *)(void *)p;  p += n * sizeof(double);
	a->p_tf = (double *)(void *)p;  p += n * sizeof(double);
	a->p_rs = (double *)(void *)p;  p += n * sizeof(double);
	a->p_rem = (double *)(void *)p; p += n * sizeof(double);
	a->p_state = (uint8_t *)p;
	for (uint32_t k = 0; k < n; k++) {
		uint8_t st = w->p_state[k], f = 0;
		double tf = opflow__progress_tf(w, k, eps), lf;
		uint32_t drive = OPFLOW_NONE;

		a->es[k] = w->es[k];
		a->dur[k] = w->dur[k];
		a->p_ef[k] = w->p_ef[k];
		a->p_rs[k] = w->p_rs[k];
		a->p_rem[k] = w->p_r[k];
		a->p_state[k] = st;
		if (st == ST_DONE) {
			a->lf[k] = w->p_ef[k];
			a->p_ls[k] = w->es[k];
			a->p_tf[k] = 0.0;
			a->free_float[k] = 0.0;
		} else {
			a->lf[k] = lf = w->lf[k] + a->shift;
			a->p_ls[k] = lf - w->p_r[k];
			a->p_tf[k] = tf + a->shift;
			a->free_float[k] = opflow__free_float(out_slack(w, k),
			    T - w->p_ef[k], tf, a->shift, eps);
			if (!isfinite(a->free_float[k]) ||
			    !isfinite(a->p_tf[k]) || !isfinite(a->p_ls[k]))
				return opflow__not_finite(w, k, "late start");
			if (w->mark[k] & OPFLOW__MARK_CRIT)
				f = OPFLOW__CRIT | OPFLOW__NEAR;
			else if (tf <= min_tf + near)
				f = OPFLOW__NEAR;
			/* the driving flow: the first-added kept flow whose
			 * constraint holds with equality */
			for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1]; e++)
				if (opflow__progress_slack(w, e, k) <= tol &&
				    (drive == OPFLOW_NONE ||
				     L->in_flow[e] < L->in_flow[drive]))
					drive = e;
		}
		a->flags[k] = f;
		if (drive == OPFLOW_NONE) {
			a->drive_flow[k] = a->drive_src[k] = OPFLOW_NONE;
			a->drive_type[k] = 0;
			a->drive_lag[k] = 0.0;
		} else {
			a->drive_flow[k] = L->in_flow[drive];
			a->drive_src[k] = L->order[L->in_src[drive]];
			a->drive_type[k] = opflow__in_type(L, drive);
			a->drive_lag[k] = opflow__in_lag(L, drive);
		}
	}
	return 0;
}

double opflow__progress_sd_scale(const struct opflow__work *w, uint32_t k)
{
	if (!w->progress)
		return 1.0;
	switch (w->p_state[k]) {
	case ST_DONE:
		return 0.0;
	case ST_RUN:
		return w->dur[k] > 0 ? w->p_r[k] / w->dur[k] : 0.0;
	default:
		return 1.0;
	}
}
