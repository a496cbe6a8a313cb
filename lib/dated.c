/*
 * dated.c - the analysis of a dated graph (DESIGN, "Dates and working
 * calendars"): each activity lives on the working axis of its calendar,
 * in whole seconds; the forward pass places starts at the last instant
 * of a working position and finishes at the first, zero-duration
 * activities (events) at the latest instant their constraints name; the
 * backward pass gives the latest working positions at which every flow's
 * constraint still holds, with the second less for SS and SF where the
 * predecessor's calendar is idle after the bound; floats are working
 * time of the activity's own calendar; the critical set is taken against
 * the project finish, whatever the deadline.  What a result reports is
 * filled in by position, as an analysis with progress reports it.
 */
#include "config.h"

#include "internal.h"

#include <math.h>
#include <string.h>

/* The working state of one dated analysis, by position: calendars,
 * durations in seconds, working positions and instants, early and late;
 * by in-row entry: lags in seconds and the slack of each flow. */
struct dated {
	const struct opflow__layout *L;
	const struct opflow__calendar **cal;
	int64_t S, H, unit;
	int64_t *d, *es, *ef, *st, *fi, *ls, *lf, *lst, *lfi, *lag;
	int64_t *ff_w;          /* free float, working seconds */
	int64_t *vb;            /* by in-row entry: where it puts its target */
	uint8_t *elapsed;       /* by in-row entry */
	/* one calendar for all and no elapsed lag: W maps the problem onto
	 * positions, and a flow between two activities of work is plain
	 * arithmetic on them (DESIGN's fast path) */
	int fast;
};

/* A time in units as whole seconds, halves away from zero; -1 when it
 * does not fit the years 1 to 9999. */
static int seconds_of(int64_t *out, double units, int64_t unit)
{
	double s = round(units * (double)unit);

	if (!(fabs(s) < 3.2e11))
		return -1;
	*out = (int64_t)s;
	return 0;
}

static int is_start_type(int type)
{
	return type == OPFLOW_FLOW_SS || type == OPFLOW_FLOW_SF;
}

static int is_finish_bound(int type)
{
	return type == OPFLOW_FLOW_FF || type == OPFLOW_FLOW_SF;
}

/* Where flow entry e from position a puts position k: for work, a bound
 * on its early start position (W of k); for an event, an instant. */
static int64_t bound_of(const struct dated *D, uint32_t e, uint32_t a,
                        uint32_t k)
{
	const struct opflow__layout *L = D->L;
	const struct opflow__calendar *c = D->cal[k];
	int type = L->in_type[e];
	int64_t x, lag = D->lag[e], v;

	if (D->fast && D->d[k]) {
		/* W of a's start or finish instant is its position */
		v = (is_start_type(type) ? D->es[a] : D->ef[a]) + lag;
		return is_finish_bound(type) ? v - D->d[k] : v;
	}
	x = is_start_type(type) ? D->st[a] : D->fi[a];
	if (!D->d[k]) {
		if (D->elapsed[e])
			return x + lag;
		return lag ? opflow__cal_first(c, opflow__cal_w(c, x) + lag) : x;
	}
	v = D->elapsed[e] ? opflow__cal_w(c, x + lag)
	                  : opflow__cal_w(c, x) + lag;
	return is_finish_bound(type) ? v - D->d[k] : v;
}

/* The forward pass over every position (prod_only: the production
 * activities and the flows among them alone); the latest finish. */
static int64_t forward(struct dated *D, const uint8_t *attr, int prod_only)
{
	const struct opflow__layout *L = D->L;
	const struct opflow__calendar *last = NULL;
	int64_t F = D->S, ws = D->S;

	for (uint32_t k = 0; k < L->n; k++) {
		const struct opflow__calendar *c = D->cal[k];
		int64_t v;

		if (prod_only && !(attr[k] & OPFLOW__ATTR_PROD))
			continue;
		if (c != last) {
			/* W of the start, once a calendar */
			last = c;
			ws = opflow__cal_w(c, D->S);
		}
		if (D->d[k]) {
			int64_t es = ws;

			for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1];
			     e++) {
				if (prod_only &&
				    !(attr[L->in_src[e]] & OPFLOW__ATTR_PROD))
					continue;
				v = bound_of(D, e, L->in_src[e], k);
				if (!prod_only)
					D->vb[e] = v;
				if (v > es)
					es = v;
			}
			D->es[k] = es;
			D->ef[k] = es + D->d[k];
			D->st[k] = opflow__cal_last(c, es);
			D->fi[k] = opflow__cal_first(c, D->ef[k]);
		} else {
			int64_t t = D->S;

			for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1];
			     e++) {
				if (prod_only &&
				    !(attr[L->in_src[e]] & OPFLOW__ATTR_PROD))
					continue;
				v = bound_of(D, e, L->in_src[e], k);
				if (!prod_only)
					D->vb[e] = v;
				if (v > t)
					t = v;
			}
			D->st[k] = D->fi[k] = t;
			D->es[k] = D->ef[k] = opflow__cal_w(c, t);
		}
		if (D->fi[k] > F)
			F = D->fi[k];
	}
	return F;
}

/* The latest instant u of position a's start (SS, SF) or finish (FS, FF)
 * at which the flow out-row entry e to b still holds, b at working
 * positions pos (its start position for FS and SS, its finish position
 * for FF and SF) or, for an event, at instant t. */
static int64_t latest(const struct dated *D, uint32_t e, uint32_t b,
                      int64_t pos, int64_t t)
{
	const struct opflow__calendar *c = D->cal[b];
	int64_t lag = D->lag[D->L->m + e];
	int elapsed = D->elapsed[D->L->m + e];

	if (!D->d[b]) {
		if (elapsed)
			return t - lag;
		return lag ? opflow__cal_last(c, opflow__cal_w(c, t) - lag) : t;
	}
	if (elapsed)
		return opflow__cal_last(c, pos) - lag;
	return opflow__cal_last(c, pos - lag);
}

/* The bound flow out-row entry e from position a to b puts on a's late
 * finish position (work) or instant (an event), b at its late (late) or
 * early (!late) times. */
static int64_t back_bound(const struct dated *D, uint32_t e, uint32_t a,
                          uint32_t b, int late)
{
	const struct opflow__calendar *c = D->cal[a];
	int type = D->L->out_type[e];
	int64_t pos, t, u;

	if (late) {
		pos = is_finish_bound(type) ? D->lf[b] : D->ls[b];
		t = D->lst[b];
	} else {
		pos = is_finish_bound(type) ? D->ef[b] : D->es[b];
		t = D->st[b];
	}
	if (D->fast && D->d[a] && D->d[b]) {
		/* u is the last instant of position pos - lag: W there is
		 * that position, and the calendar works right after it */
		pos -= D->lag[D->L->m + e];
		return is_start_type(type) ? pos + D->d[a] : pos;
	}
	u = latest(D, e, b, pos, t);
	if (!D->d[a])
		return u;
	if (!is_start_type(type))
		return opflow__cal_w(c, u);
	/* a start is the last instant of its position: where the calendar
	 * is idle after u, the position must end a second earlier */
	return opflow__cal_w(c, u) -
	       (opflow__cal_works_after(c, u) ? 0 : 1) + D->d[a];
}

/* The backward pass against D->H: late positions and instants; the free
 * floats too when free is set (against the early times). */
static void backward(struct dated *D, uint8_t *mark, int free)
{
	const struct opflow__layout *L = D->L;
	const struct opflow__calendar *last = NULL;
	int64_t wh = D->H;

	for (uint32_t k = L->n; k-- > 0;) {
		const struct opflow__calendar *c = D->cal[k];
		int64_t lf, fl;

		if (c != last) {
			/* W of the horizon, once a calendar */
			last = c;
			wh = opflow__cal_w(c, D->H);
		}
		if (D->d[k]) {
			lf = fl = wh;
		} else {
			lf = fl = D->H;
		}
		for (uint32_t e = L->out_off[k]; e < L->out_off[k + 1]; e++) {
			uint32_t b = L->out_dst[e];
			int64_t v, db = D->d[b];

			if (D->fast && D->d[k] && db) {
				/* back_bound's fast case, positions alone:
				 * ls + d is lf, es + d is ef */
				int type = L->out_type[e];
				int64_t off = (is_finish_bound(type) ? db : 0) -
				              D->lag[L->m + e] +
				              (is_start_type(type) ? D->d[k] : 0);

				if ((v = D->ls[b] + off) < lf)
					lf = v;
				if (free && (v = D->es[b] + off) < fl)
					fl = v;
				if (mark && (mark[b] & (OPFLOW__MARK_PROD |
				                         OPFLOW__MARK_REACHES)))
					mark[k] |= OPFLOW__MARK_REACHES;
				continue;
			}
			v = back_bound(D, e, k, b, 1);
			if (mark && (mark[b] & (OPFLOW__MARK_PROD |
			                         OPFLOW__MARK_REACHES)))
				mark[k] |= OPFLOW__MARK_REACHES;
			if (v < lf)
				lf = v;
			if (free && (v = back_bound(D, e, k, b, 0)) < fl)
				fl = v;
		}
		if (D->d[k]) {
			D->lf[k] = lf;
			D->ls[k] = lf - D->d[k];
			D->lst[k] = opflow__cal_last(c, D->ls[k]);
			D->lfi[k] = opflow__cal_first(c, lf);
			if (free)
				D->ff_w[k] = fl - D->ef[k];
		} else {
			D->lst[k] = D->lfi[k] = lf;
			D->ls[k] = D->lf[k] = opflow__cal_w(c, lf);
			if (free)
				D->ff_w[k] = opflow__cal_w(c, fl) - D->es[k];
		}
	}
}

/* The slack of in-row entry e of position k at the early times, in
 * working seconds of k (an event: in seconds). */
static int64_t slack_of(const struct dated *D, uint32_t e, uint32_t k)
{
	return D->d[k] ? D->es[k] - D->vb[e] : D->st[k] - D->vb[e];
}

/* The result's arrays of explicit times (as an analysis with progress
 * has them) and its instants. */
static int result_arrays(opflow_analysis *a, size_t n, size_t m)
{
	char *p;

	a->progress = 1;
	a->prog_mem = opflow__malloc(n * (5 * sizeof(double) +
	                                  4 * sizeof(int64_t) + 1) + m + 8);
	if (!a->prog_mem)
		return opflow__nomem();
	p = a->prog_mem;
	a->d_inst = (int64_t *)(void *)p; p += 4 * n * sizeof(int64_t);
	a->p_ef = (double *)(void *)p;  p += n * sizeof(double);
	a->p_ls = (double *)(void *)p;  p += n * sizeof(double);
	a->p_tf = (double *)(void *)p;  p += n * sizeof(double);
	a->p_rs = (double *)(void *)p;  p += n * sizeof(double);
	a->p_rem = (double *)(void *)p; p += n * sizeof(double);
	a->p_state = (uint8_t *)p;      p += n;
	a->d_tight = (uint8_t *)p;
	return 0;
}

static int range_error(const opflow_graph *g, uint32_t id, const char *what)
{
	return opflow__error(OPFLOW_ERANGE, "the %s of activity %k is not in "
	                     "the years 1 to 9999", what, opflow__key(g, id));
}

int opflow__dated(struct opflow__work *w, opflow_analysis *a,
                  const opflow_analysis_options *o, double *lead_time)
{
	const opflow_graph *g = w->g;
	const struct opflow__layout *L = w->L;
	size_t n = L->n, m = L->m;
	struct dated D;
	int64_t F, unit = opflow__unit(g), *tf_crit;
	const struct opflow__calendar *def =
		g->default_cal ? g->cals[g->default_cal - 1] : NULL;
	double near = o->near_critical;
	char *p;
	int rc, any_elapsed = 0;

	if (o->has_status_date || g->track_limits)
		return opflow__error(OPFLOW_EINVAL, "a dated graph is analysed "
		    "without a status date or date constraints (progress on "
		    "working calendars is not supported yet)");
	memset(&D, 0, sizeof D);
	D.L = L;
	D.S = g->start;
	D.unit = unit;
	/* by position: 13 int64 and a calendar pointer; lags by in-row and
	 * out-row entry; elapsed flags likewise */
	w->d_mem = opflow__malloc(n * (13 * sizeof(int64_t) +
	                               sizeof(double) + sizeof *D.cal) +
	                          m * (3 * sizeof(int64_t) + sizeof(double) +
	                               2) + 8);
	if (!w->d_mem)
		return opflow__nomem();
	p = w->d_mem;
#define CARVE(field, count) \
	(field = (void *)p, p += (count) * sizeof *field)
	CARVE(D.d, n);
	CARVE(D.es, n);
	CARVE(D.ef, n);
	CARVE(D.st, n);
	CARVE(D.fi, n);
	CARVE(D.ls, n);
	CARVE(D.lf, n);
	CARVE(D.lst, n);
	CARVE(D.lfi, n);
	CARVE(D.ff_w, n);
	CARVE(tf_crit, n);
	CARVE(D.lag, 2 * m);
	CARVE(D.vb, m);
	CARVE(w->d_slack, m);
	CARVE(w->p_ef, n);
	CARVE(D.cal, n);
	CARVE(D.elapsed, 2 * m);
#undef CARVE
	(void)p;
	/* elapsed lags, read by flow id only when there are any */
	for (size_t f = 0; f < m && !any_elapsed; f++)
		any_elapsed = g->flows[f].elapsed;
	if (m)
		memset(D.elapsed, 0, 2 * m);
	D.fast = !any_elapsed;
	for (uint32_t k = 0; k < n; k++) {
		uint32_t id = L->order[k];

		D.cal[k] = opflow__cal_of(g, id);
		D.fast &= D.cal[k] == D.cal[0];
		if (seconds_of(&D.d[k], w->dur[k], unit))
			return range_error(g, id, "duration");
		for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1]; e++) {
			if (seconds_of(&D.lag[e], L->in_lag[e], unit))
				return range_error(g, id, "lag of a flow into");
			if (any_elapsed)
				D.elapsed[e] = g->flows[L->in_flow[e]].elapsed;
		}
		for (uint32_t e = L->out_off[k]; e < L->out_off[k + 1]; e++) {
			/* out-row entries after the in-row ones */
			seconds_of(&D.lag[m + e], L->out_lag[e], unit);
			if (any_elapsed)
				D.elapsed[m + e] =
				    g->flows[L->out_flow[e]].elapsed;
		}
	}
	opflow__reached(w);
	F = forward(&D, L->attr, 0);
	for (uint32_t k = 0; k < n; k++)
		if (!opflow__instant_in_range(D.fi[k]) ||
		    !opflow__instant_in_range(D.st[k]))
			return range_error(g, L->order[k], "finish");

	/* the critical set against the project finish; without a deadline
	 * the same pass reports the late times and floats */
	D.H = F;
	backward(&D, w->mark, !o->has_deadline);
	for (uint32_t k = 0; k < n; k++)
		tf_crit[k] = D.ls[k] - D.es[k];
	/* the reported late times and floats against the deadline */
	if (o->has_deadline) {
		int64_t h;

		if (seconds_of(&h, o->deadline, unit) ||
		    !opflow__instant_in_range(D.S + h))
			return opflow__error(OPFLOW_ERANGE, "the deadline %g is "
			    "not in the years 1 to 9999", o->deadline);
		D.H = D.S + h;
		backward(&D, NULL, 1);
	}
	for (uint32_t k = 0; k < n; k++)
		if (!opflow__instant_in_range(D.lst[k]) ||
		    !opflow__instant_in_range(D.lfi[k]))
			return range_error(g, L->order[k], "late start");

	if ((rc = result_arrays(a, n, m)))
		return rc;
	a->dated = 1;
	a->d_start = D.S;
	a->d_finish = F;
	a->d_unit = unit;
	for (uint32_t k = 0; k < n; k++) {
		double u = (double)unit;
		uint32_t drive = OPFLOW_NONE;
		uint8_t f = 0;

		w->es[k] = (double)(D.st[k] - D.S) / u;
		w->p_ef[k] = (double)(D.fi[k] - D.S) / u;
		a->es[k] = w->es[k];
		a->dur[k] = w->dur[k];
		a->p_ef[k] = w->p_ef[k];
		a->p_ls[k] = (double)(D.lst[k] - D.S) / u;
		a->lf[k] = (double)(D.lfi[k] - D.S) / u;
		a->p_tf[k] = (double)(D.ls[k] - D.es[k]) / u;
		a->p_rs[k] = a->es[k];
		a->p_rem[k] = w->dur[k];
		a->p_state[k] = OPFLOW_STATE_NOT_STARTED;
		a->free_float[k] = (double)D.ff_w[k] / u;
		a->d_inst[4 * k] = D.st[k];
		a->d_inst[4 * k + 1] = D.fi[k];
		a->d_inst[4 * k + 2] = D.lst[k];
		a->d_inst[4 * k + 3] = D.lfi[k];
		if (tf_crit[k] == 0) {
			f = OPFLOW__CRIT | OPFLOW__NEAR;
			w->mark[k] |= OPFLOW__MARK_CRIT;
		} else {
			w->mark[k] &= (uint8_t)~OPFLOW__MARK_CRIT;
			if ((double)tf_crit[k] / u <= near)
				f = OPFLOW__NEAR;
		}
		a->flags[k] = f;
		for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1]; e++) {
			int64_t s = slack_of(&D, e, k);

			w->d_slack[e] = (double)s / u;
			a->d_tight[L->in_flow[e]] = s <= 0;
			if (s <= 0 && drive == OPFLOW_NONE)
				drive = e;
		}
		if (drive == OPFLOW_NONE) {
			a->drive_flow[k] = a->drive_src[k] = OPFLOW_NONE;
			a->drive_type[k] = 0;
			a->drive_lag[k] = 0.0;
		} else {
			a->drive_flow[k] = L->in_flow[drive];
			a->drive_src[k] = L->order[L->in_src[drive]];
			a->drive_type[k] = L->in_type[drive];
			a->drive_lag[k] = L->in_lag[drive];
		}
	}
	/* the production span: the forward pass over production alone */
	if (L->production) {
		int64_t P = forward(&D, L->attr, 1);

		w->d_span = (double)(P - D.S) / (double)unit;
	}
	a->figure[OPFLOW_FIGURE_WORKING_LEAD_TIME] =
		(double)(opflow__cal_w(def, F) - opflow__cal_w(def, D.S)) /
		(double)unit;
	*lead_time = (double)(F - D.S) / (double)unit;
	return 0;
}
