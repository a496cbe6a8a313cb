/*
 * risk.c - schedule risk: PERT's expected lead time, its standard
 * deviation over the critical paths, and the probability of meeting a
 * deadline by the normal approximation.
 */
#include "config.h"

#include "internal.h"

#include <math.h>

double opflow__pert_mean(const struct opflow__activity *x)
{
	const double *e = x->est;
	double mean;

	if (!(x->flags & OPFLOW__HAS_ESTIMATE))
		return x->duration;
	mean = (e[0] + 4.0 * e[1] + e[2]) / 6.0;
	if (isfinite(mean))
		return mean;
	/* the sum overflowed: the same sum an eighth the size, then times
	 * 8/6 (scaling by powers of two is exact) */
	return (e[0] * 0.125 + e[1] * 0.5 + e[2] * 0.125) / 0.75;
}

/* The standard deviation (p - o) / 6 of an estimate; its square is the
 * variance. */
static double pert_sd(const struct opflow__activity *x)
{
	if (!(x->flags & OPFLOW__HAS_ESTIMATE))
		return 0.0;
	return (x->est[2] - x->est[0]) / 6.0;
}

/* The largest summed variance over the critical paths of the schedule in
 * w (critical positions marked, variances in aux): a longest-path pass
 * over the tight flows among critical activities.  Overwrites w->lf. */
static double critical_variance(struct opflow__work *w, double tol)
{
	const struct opflow__layout *L = w->L;
	const double *d = w->dur, *es = w->es, *var = w->aux;
	double *best = w->lf, top = 0.0;

	for (uint32_t k = 0; k < L->n; k++) {
		double b = 0.0;

		if (!(w->mark[k] & OPFLOW__MARK_CRIT))
			continue;
		for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1]; e++) {
			uint32_t u = L->in_src[e];

			if ((w->mark[u] & OPFLOW__MARK_CRIT) && best[u] > b &&
			    (w->progress ? opflow__progress_slack(w, e, k)
			     : opflow__slack(opflow__in_type(L, e), es[u], d[u],
			                     opflow__in_lag(L, e), es[k], d[k])) <= tol)
				b = best[u];
		}
		best[k] = b + var[k];
		if (best[k] > top)
			top = best[k];
	}
	return top;
}

int opflow__pert(struct opflow__work *w, opflow_analysis *a,
                 const opflow_analysis_options *o, int means_are_main,
                 int any_estimate, double main_tol)
{
	const struct opflow__layout *L = w->L;
	double T, sigma2 = 0.0, sigma, tol, eps, top = 0.0, scale = 1.0;
	uint32_t bad;

	if (means_are_main) {
		/* the main schedule already ran on the means */
		T = a->figure[OPFLOW_FIGURE_LEAD_TIME];
		tol = main_tol;
	} else {
		for (uint32_t k = 0; k < L->n; k++)
			w->dur[k] = opflow__pert_mean(&w->g->acts[L->order[k]]);
		if (w->progress) {
			/* the forecast on the means: the same passes as the
			 * main schedule's */
			if (opflow__progress_forward(w, &T, &bad))
				return opflow__not_finite(w, bad,
				                          "PERT early finish");
			if (opflow__progress_backward(w, T, 0.0, &bad))
				return opflow__not_finite(w, bad,
				                          "PERT late start");
			opflow__tolerances(&tol, &eps, T, o);
			opflow__progress_mark_critical(w, tol, eps);
		} else {
			if (opflow__forward(L, w->dur, w->es, &T, &bad))
				return opflow__not_finite(w, bad,
				                          "PERT early finish");
			if (opflow__backward(L, w->dur, T, w->lf, &bad))
				return opflow__not_finite(w, bad,
				                          "PERT late start");
			opflow__tolerances(&tol, &eps, T, o);
			opflow__mark_critical(w, tol, eps);
		}
	}
	/* Variances as (scale * sd)^2, scale a power of two that keeps the
	 * squares and their sums finite; sigma is sqrt(sum) / scale, exactly
	 * sqrt(sum of variances) whenever that sum fits a double.  Without
	 * any estimate, every variance and so sigma is 0: no pass needed. */
	if (any_estimate) {
		for (uint32_t k = 0; k < L->n; k++) {
			w->aux[k] = pert_sd(&w->g->acts[L->order[k]]) *
			            opflow__progress_sd_scale(w, k);
			if (w->aux[k] > top)
				top = w->aux[k];
		}
		while (top * scale > 1e145)
			scale *= 0x1p-64;
		for (uint32_t k = 0; k < L->n; k++)
			w->aux[k] = (w->aux[k] * scale) * (w->aux[k] * scale);
		sigma2 = critical_variance(w, tol);
	}
	sigma = sqrt(sigma2) / scale;
	a->figure[OPFLOW_FIGURE_PERT_LEAD_TIME] = T;
	a->figure[OPFLOW_FIGURE_PERT_STDDEV] = sigma;
	if (!o->has_deadline)
		opflow__set_absent(a, OPFLOW_FIGURE_PERT_PROBABILITY);
	else if (sigma > 0)
		a->figure[OPFLOW_FIGURE_PERT_PROBABILITY] =
			0.5 * erfc(-((o->deadline - T) / sigma) / sqrt(2.0));
	else
		a->figure[OPFLOW_FIGURE_PERT_PROBABILITY] =
			o->deadline >= T ? 1.0 : 0.0;
	return 0;
}
