/*
 * passes.c - the arithmetic of the critical path method, in one place:
 * the forward and backward passes over the four flow types, free float,
 * driving flows, reach to production, the rounding of floats and the
 * critical set (DESIGN, "Timeframe arithmetic" and "Rounding").  Called
 * by the analysis and PERT alike; everything is by position in the
 * topological layout.
 */
#include "config.h"

#include "internal.h"

#include <math.h>

/* Where a constraint puts the early start of b, given a's early start. */
static inline double forward_bound(int type, double es_a, double d_a,
                                   double lag, double d_b)
{
	switch (type) {
	case OPFLOW_FLOW_FS: return es_a + d_a + lag;
	case OPFLOW_FLOW_SS: return es_a + lag;
	case OPFLOW_FLOW_FF: return es_a + d_a + lag - d_b;
	default:             return es_a + lag - d_b;
	}
}

/* Where a constraint puts the late finish of a, given b's late finish. */
static inline double backward_bound(int type, double lf_b, double d_b,
                                    double lag, double d_a)
{
	switch (type) {
	case OPFLOW_FLOW_FS: return lf_b - d_b - lag;
	case OPFLOW_FLOW_SS: return lf_b - d_b - lag + d_a;
	case OPFLOW_FLOW_FF: return lf_b - lag;
	default:             return lf_b - lag + d_a;
	}
}

/* The slack of a constraint at early times (DESIGN: free float terms). */
double opflow__slack(int type, double es_a, double d_a, double lag,
                     double es_b, double d_b)
{
	switch (type) {
	case OPFLOW_FLOW_FS: return es_b - lag - (es_a + d_a);
	case OPFLOW_FLOW_SS: return es_b - lag - es_a;
	case OPFLOW_FLOW_FF: return (es_b + d_b) - lag - (es_a + d_a);
	default:             return (es_b + d_b) - lag - es_a;
	}
}

/* In the passes below, plain is a constant, L->plain, each pass being
 * compiled twice: without types or lags to read when it is 1. */

/* The bound of in-row entry e on the early start of its target k, from
 * the early start and duration of its source. */
static OPFLOW__INLINE double in_bound(const struct opflow__layout *L,
                                      uint32_t e, double es_a, double d_a,
                                      double d_k, int plain)
{
	return plain ? es_a + d_a
	             : forward_bound(L->in_type[e], es_a, d_a, L->in_lag[e], d_k);
}

/* The bound of out-row entry e on the late finish of its source k, from
 * the late finish and duration of its target. */
static OPFLOW__INLINE double out_bound(const struct opflow__layout *L,
                                       uint32_t e, double lf_b, double d_b,
                                       double d_k, int plain)
{
	return plain ? lf_b - d_b
	             : backward_bound(L->out_type[e], lf_b, d_b, L->out_lag[e],
	                              d_k);
}

/* The early start of position k: the latest bound of its incoming
 * constraints, 0 without any. */
static OPFLOW__INLINE double early_start(const struct opflow__layout *L,
                                         const double *dur, const double *es,
                                         uint32_t k, int plain)
{
	double s = 0.0;

	for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1]; e++) {
		uint32_t a = L->in_src[e];
		double v = in_bound(L, e, es[a], dur[a], dur[k], plain);

		if (v > s)
			s = v;
	}
	return s;
}

/* The same among the production activities alone, their early starts
 * among themselves in start[]. */
static OPFLOW__INLINE double production_start(const struct opflow__layout *L,
                                              const double *dur,
                                              const double *start, uint32_t k,
                                              int plain)
{
	double s = 0.0;

	for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1]; e++) {
		uint32_t a = L->in_src[e];
		double v;

		if (!(L->attr[a] & OPFLOW__ATTR_PROD))
			continue;
		v = in_bound(L, e, start[a], dur[a], dur[k], plain);
		if (v > s)
			s = v;
	}
	return s;
}

/* The late finish of position k: the earliest bound of its outgoing
 * constraints, the horizon without any. */
static OPFLOW__INLINE double late_finish(const struct opflow__layout *L,
                                         const double *dur, const double *lf,
                                         double horizon, uint32_t k, int plain)
{
	double f = horizon;

	for (uint32_t e = L->out_off[k]; e < L->out_off[k + 1]; e++) {
		uint32_t b = L->out_dst[e];
		double v = out_bound(L, e, lf[b], dur[b], dur[k], plain);

		if (v < f)
			f = v;
	}
	return f;
}

static OPFLOW__INLINE int forward(const struct opflow__layout *L,
                                  const double *dur, double *es,
                                  double *lead_time, uint32_t *bad, int plain)
{
	double T = 0.0;

	for (uint32_t k = 0; k < L->n; k++) {
		double ef = (es[k] = early_start(L, dur, es, k, plain)) + dur[k];

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

int opflow__forward(const struct opflow__layout *L, const double *dur,
                    double *es, double *lead_time, uint32_t *bad)
{
	return L->plain ? forward(L, dur, es, lead_time, bad, 1)
	                : forward(L, dur, es, lead_time, bad, 0);
}

/* The forward pass and the production span together, each production
 * activity's row read twice while it is at hand: what a simulation needs
 * on every iteration. */
static OPFLOW__INLINE int forward_span(const struct opflow__layout *L,
                                       const double *dur, double *es,
                                       double *start, double *lead_time,
                                       double *span, uint32_t *bad, int plain)
{
	double T = 0.0, P = 0.0;

	for (uint32_t k = 0; k < L->n; k++) {
		double ef = (es[k] = early_start(L, dur, es, k, plain)) + dur[k];
		double pf;

		if (!isfinite(ef)) {
			*bad = k;
			return OPFLOW_ERANGE;
		}
		if (ef > T)
			T = ef;
		if (!(L->attr[k] & OPFLOW__ATTR_PROD))
			continue;
		pf = (start[k] = production_start(L, dur, start, k, plain)) +
		     dur[k];
		if (pf > P)
			P = pf;
	}
	*lead_time = T;
	*span = P;
	return 0;
}

int opflow__forward_span(const struct opflow__layout *L, const double *dur,
                         double *es, double *start, double *lead_time,
                         double *span, uint32_t *bad)
{
	return L->plain ? forward_span(L, dur, es, start, lead_time, span, bad, 1)
	                : forward_span(L, dur, es, start, lead_time, span, bad, 0);
}

static OPFLOW__INLINE int backward(const struct opflow__layout *L,
                                   const double *dur, double horizon,
                                   double *lf, uint32_t *bad, int plain)
{
	for (uint32_t k = L->n; k-- > 0;) {
		lf[k] = late_finish(L, dur, lf, horizon, k, plain);
		if (!isfinite(lf[k] - dur[k])) {
			*bad = k;
			return OPFLOW_ERANGE;
		}
	}
	return 0;
}

int opflow__backward(const struct opflow__layout *L, const double *dur,
                     double horizon, double *lf, uint32_t *bad)
{
	return L->plain ? backward(L, dur, horizon, lf, bad, 1)
	                : backward(L, dur, horizon, lf, bad, 0);
}

/* The backward pass against the lead time T with the total floats on
 * the way: each activity's early start in es is replaced by its total
 * float, rounded as opflow__mark_critical rounds it (the passes before
 * it no longer need it), and the least of them goes to *min_tf. */
static OPFLOW__INLINE int backward_floats(const struct opflow__layout *L,
                                          const double *dur, double T,
                                          double eps, double *lf, double *es,
                                          double *min_tf, uint32_t *bad,
                                          int plain)
{
	double least = INFINITY;

	for (uint32_t k = L->n; k-- > 0;) {
		double f = late_finish(L, dur, lf, T, k, plain), tf;

		lf[k] = f;
		if (!isfinite(f - dur[k])) {
			*bad = k;
			return OPFLOW_ERANGE;
		}
		tf = opflow__round_float((f - dur[k]) - es[k], eps);
		es[k] = tf;
		if (tf < least)
			least = tf;
	}
	*min_tf = least;
	return 0;
}

int opflow__backward_floats(const struct opflow__layout *L, const double *dur,
                            double T, double eps, double *lf, double *es,
                            double *min_tf, uint32_t *bad)
{
	return L->plain ? backward_floats(L, dur, T, eps, lf, es, min_tf, bad, 1)
	                : backward_floats(L, dur, T, eps, lf, es, min_tf, bad, 0);
}

/* Which activities some production activity reaches (the backward pass
 * marks those that reach one). */
void opflow__reached(struct opflow__work *w)
{
	const struct opflow__layout *L = w->L;
	uint8_t *mk = w->mark;

	for (uint32_t k = 0; k < L->n; k++)
		for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1]; e++)
			if (mk[L->in_src[e]] & (OPFLOW__MARK_PROD | OPFLOW__MARK_REACHED))
				mk[k] |= OPFLOW__MARK_REACHED;
}

/* The backward pass of the main schedule against the lead time T, with
 * what the same rows give on the way: the least slack of each activity's
 * outgoing constraints at early times (in aux; +inf without any), the
 * driving flow of each activity (the first-added flow into it whose slack
 * is within tol: its out-row index in u32, its source position in tmp),
 * and which activities reach production.  One pass over the flows instead
 * of three. */
static OPFLOW__INLINE int backward_full(struct opflow__work *w, double T,
                                        double tol, uint32_t *bad, int plain)
{
	const struct opflow__layout *L = w->L;
	const double *d = w->dur, *es = w->es;
	double *lf = w->lf, *ff = w->aux;
	uint32_t *drive = w->u32, *drive_src = w->tmp;
	uint8_t *mk = w->mark;

	for (uint32_t k = 0; k < L->n; k++)
		drive[k] = OPFLOW_NONE;
	for (uint32_t k = L->n; k-- > 0;) {
		double f = T, free = INFINITY, ef = es[k] + d[k];

		for (uint32_t e = L->out_off[k]; e < L->out_off[k + 1]; e++) {
			uint32_t b = L->out_dst[e];
			double v = out_bound(L, e, lf[b], d[b], d[k], plain);
			double s = plain ? es[b] - ef
			                 : opflow__slack(L->out_type[e], es[k], d[k],
			                                 L->out_lag[e], es[b], d[b]);

			if (v < f)
				f = v;
			if (s < free)
				free = s;
			if (s <= tol && (drive[b] == OPFLOW_NONE ||
			                 L->out_flow[e] < L->out_flow[drive[b]])) {
				drive[b] = e;
				drive_src[b] = k;
			}
			if (mk[b] & (OPFLOW__MARK_PROD | OPFLOW__MARK_REACHES))
				mk[k] |= OPFLOW__MARK_REACHES;
		}
		lf[k] = f;
		ff[k] = free;
		if (!isfinite(f - d[k])) {
			*bad = k;
			return OPFLOW_ERANGE;
		}
	}
	return 0;
}

int opflow__backward_full(struct opflow__work *w, double T, double tol,
                          uint32_t *bad)
{
	return w->L->plain ? backward_full(w, T, tol, bad, 1)
	                   : backward_full(w, T, tol, bad, 0);
}

double opflow__round_float(double f, double tol)
{
	return fabs(f) <= tol ? 0.0 : f;
}

/* Marks the critical activities of the schedule in w (late times against
 * the lead time): total float within tol of the least; returns the least
 * total float.  Floats within eps of 0 count as 0. */
double opflow__mark_critical(struct opflow__work *w, double tol, double eps)
{
	const struct opflow__layout *L = w->L;
	double min_tf = INFINITY;

	for (uint32_t k = 0; k < L->n; k++) {
		double tf = opflow__round_float((w->lf[k] - w->dur[k]) - w->es[k],
		                                eps);

		if (tf < min_tf)
			min_tf = tf;
	}
	for (uint32_t k = 0; k < L->n; k++) {
		double tf = opflow__round_float((w->lf[k] - w->dur[k]) - w->es[k],
		                                eps);

		if (tf <= min_tf + tol)
			w->mark[k] |= OPFLOW__MARK_CRIT;
		else
			w->mark[k] &= (uint8_t)~OPFLOW__MARK_CRIT;
	}
	return min_tf;
}

void opflow__tolerances(double *tol, double *eps, double lead_time,
                        const opflow_analysis_options *o)
{
	/* tol decides what is critical; floats within eps of 0 are taken
	 * for rounding errors and reported as 0: the default tolerance, or
	 * the caller's when that is smaller (0 asks for exact floats) */
	*eps = opflow__default_tolerance(lead_time);
	*tol = o->has_tolerance ? o->tolerance : *eps;
	if (*tol < *eps)
		*eps = *tol;
}

double opflow__default_tolerance(double lead_time)
{
	double t = fabs(lead_time);

	return 1e-9 * (t > 1.0 ? t : 1.0);
}

/* Lead time of the production activities and the flows among them: a
 * forward pass over those alone, their early starts in start[]. */
static OPFLOW__INLINE double span(const struct opflow__layout *L,
                                   const double *dur, double *start, int plain)
{
	double P = 0.0;

	for (uint32_t k = 0; k < L->n; k++) {
		double f;

		if (!(L->attr[k] & OPFLOW__ATTR_PROD))
			continue;
		f = (start[k] = production_start(L, dur, start, k, plain)) +
		    dur[k];
		if (f > P)
			P = f;
	}
	return P;
}

double opflow__span(const struct opflow__layout *L, const double *dur,
                    double *start)
{
	return L->plain ? span(L, dur, start, 1) : span(L, dur, start, 0);
}

double opflow__production_span(struct opflow__work *w)
{
	return opflow__span(w->L, w->dur, w->aux);
}

/* The reported free float: the least slack of the outgoing constraints
 * and the horizon term (T - EF) + (H - T), rounded like the total float
 * tf (before its shift): within eps of 0 it is 0, within eps above the
 * total float it is the total float. */
double opflow__free_float(double slack, double end, double tf, double shift,
                          double eps)
{
	double ff, total = tf + shift;

	/* the horizon term against the total float before both are shifted,
	 * where their difference is still visible */
	if (end > tf && end <= tf + eps)
		end = tf;
	ff = end + shift;
	if (slack < ff)
		ff = slack;
	ff = opflow__round_float(ff, eps);
	if (ff > total && ff <= total + eps)
		ff = total;
	return ff;
}

double opflow__total_float(const opflow_analysis *a, uint32_t k)
{
	if (a->progress)
		return a->p_tf[k];
	return opflow__round_float((a->lf[k] - a->dur[k]) - a->es[k],
	                           a->eps) + a->shift;
}
