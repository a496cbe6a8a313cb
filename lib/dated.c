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
	/* progress (DESIGN, "Progress, the status date and date
	 * constraints"), by position: the state (NULL: none), the position
	 * of the start successors read (W of st: an actual start once
	 * started), the remaining start instant, and the actual and
	 * constraint instants (lim: SNET, FNET, SNLT, FNLT, each valid when
	 * its bit of has is set); bound, the instant no unfinished work
	 * starts before; override, the logic */
	const uint8_t *state;
	int64_t *sp, *rsi, *as, *af, *lim;
	uint8_t *has;
	int64_t bound;
	int override;
	uint8_t *elapsed;       /* by in-row entry */
	/* one calendar for all and no elapsed lag: W maps the problem onto
	 * positions, and a flow between two activities of work is plain
	 * arithmetic on them (DESIGN's fast path) */
	int fast;
};

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
	int type = opflow__in_type(L, e);
	int64_t x, lag = D->lag[e], v;

	if (D->fast && D->d[k]) {
		/* W of a's start or finish instant is its position */
		v = (is_start_type(type) ? D->sp[a] : D->ef[a]) + lag;
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

#define ST_NOT OPFLOW_STATE_NOT_STARTED
#define ST_RUN OPFLOW_STATE_IN_PROGRESS
#define ST_DONE OPFLOW_STATE_COMPLETED
#define LIM_SNET 0
#define LIM_FNET 1
#define LIM_SNLT 2
#define LIM_FNLT 3

static int state_of(const struct dated *D, uint32_t k)
{
	return D->state ? D->state[k] : ST_NOT;
}

/* Whether a flow into position b takes part in the passes: not into
 * completed work, nor into started work under progress override. */
static int kept(const struct dated *D, uint32_t b)
{
	int st = state_of(D, b);

	return st == ST_NOT || (st == ST_RUN && !D->override);
}

static int has_lim(const struct dated *D, uint32_t k, int which)
{
	return D->has && (D->has[k] >> which) & 1;
}

/* The forward pass over every position (prod_only: the production
 * activities and the flows among them alone); the latest finish. */
static int64_t forward(struct dated *D, const uint8_t *attr, int prod_only)
{
	const struct opflow__layout *L = D->L;
	const struct opflow__calendar *last = NULL;
	int64_t F = D->S, wb = D->bound;

	for (uint32_t k = 0; k < L->n; k++) {
		const struct opflow__calendar *c = D->cal[k];
		const int64_t *lim = D->lim + 4 * (size_t)k;
		int st = state_of(D, k);
		int64_t v, s;

		if (prod_only && !(attr[k] & OPFLOW__ATTR_PROD))
			continue;
		if (st == ST_DONE) {
			/* fixed at its actual times */
			D->st[k] = D->as[k];
			D->fi[k] = D->rsi[k] = D->af[k];
			D->sp[k] = opflow__cal_w(c, D->as[k]);
			D->es[k] = D->ef[k] = opflow__cal_w(c, D->af[k]);
			if (D->fi[k] > F)
				F = D->fi[k];
			continue;
		}
		if (c != last) {
			/* W of the start bound, once a calendar */
			last = c;
			wb = opflow__cal_w(c, D->bound);
		}
		if (D->d[k]) {
			s = wb;
			if (has_lim(D, k, LIM_SNET) &&
			    (v = opflow__cal_w(c, lim[LIM_SNET])) > s)
				s = v;
			if (has_lim(D, k, LIM_FNET) &&
			    (v = opflow__cal_w(c, lim[LIM_FNET]) - D->d[k]) > s)
				s = v;
		} else {
			s = D->bound;
			if (has_lim(D, k, LIM_SNET) && lim[LIM_SNET] > s)
				s = lim[LIM_SNET];
			if (has_lim(D, k, LIM_FNET) && lim[LIM_FNET] > s)
				s = lim[LIM_FNET];
		}
		if (kept(D, k))
			for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1];
			     e++) {
				if (prod_only &&
				    !(attr[L->in_src[e]] & OPFLOW__ATTR_PROD))
					continue;
				v = bound_of(D, e, L->in_src[e], k);
				if (!prod_only)
					D->vb[e] = v;
				if (v > s)
					s = v;
			}
		if (D->d[k]) {
			/* s is the position of the (remaining) start */
			D->es[k] = s;
			D->ef[k] = s + D->d[k];
			D->rsi[k] = opflow__cal_last(c, s);
			D->fi[k] = opflow__cal_first(c, D->ef[k]);
		} else {
			/* an event, or started work with nothing left: s is
			 * an instant */
			D->rsi[k] = D->fi[k] = s;
			D->es[k] = D->ef[k] = opflow__cal_w(c, s);
		}
		if (st == ST_RUN) {
			D->st[k] = D->as[k];
			D->sp[k] = opflow__cal_w(c, D->as[k]);
		} else {
			D->st[k] = D->rsi[k];
			D->sp[k] = D->es[k];
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
	int type = opflow__out_type(D->L, e);
	int64_t pos, t, u;

	if (late) {
		pos = is_finish_bound(type) ? D->lf[b] : D->ls[b];
		t = D->lst[b];
	} else {
		pos = is_finish_bound(type) ? D->ef[b] : D->es[b];
		t = D->rsi[b];
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
		const int64_t *lim = D->lim + 4 * (size_t)k;
		int st = state_of(D, k);
		int64_t lf, fl, v;

		if (st == ST_DONE) {
			/* fixed: its late times are its actual ones */
			for (uint32_t e = L->out_off[k]; e < L->out_off[k + 1];
			     e++)
				if (mark && (mark[L->out_dst[e]] &
				             (OPFLOW__MARK_PROD |
				              OPFLOW__MARK_REACHES)))
					mark[k] |= OPFLOW__MARK_REACHES;
			D->ls[k] = D->lf[k] = D->ef[k];
			D->lst[k] = D->st[k];
			D->lfi[k] = D->fi[k];
			if (free)
				D->ff_w[k] = 0;
			continue;
		}
		if (c != last) {
			/* W of the horizon, once a calendar */
			last = c;
			wh = opflow__cal_w(c, D->H);
		}
		if (D->d[k]) {
			lf = fl = wh;
			if (has_lim(D, k, LIM_FNLT) &&
			    (v = opflow__cal_w(c, lim[LIM_FNLT])) < lf)
				lf = v;
			/* a start no later than an instant: the last instant
			 * of the start position must not pass it */
			if (st == ST_NOT && has_lim(D, k, LIM_SNLT) &&
			    (v = opflow__cal_w(c, lim[LIM_SNLT]) -
			         !opflow__cal_works_after(c, lim[LIM_SNLT]) +
			         D->d[k]) < lf)
				lf = v;
		} else {
			lf = fl = D->H;
			if (has_lim(D, k, LIM_FNLT) && lim[LIM_FNLT] < lf)
				lf = lim[LIM_FNLT];
			if (st == ST_NOT && has_lim(D, k, LIM_SNLT) &&
			    lim[LIM_SNLT] < lf)
				lf = lim[LIM_SNLT];
		}
		for (uint32_t e = L->out_off[k]; e < L->out_off[k + 1]; e++) {
			uint32_t b = L->out_dst[e];
			int64_t db = D->d[b];

			if (mark && (mark[b] & (OPFLOW__MARK_PROD |
			                         OPFLOW__MARK_REACHES)))
				mark[k] |= OPFLOW__MARK_REACHES;
			/* kept flows, mirrored only from work not started,
			 * or from work unfinished for a finish */
			if (!kept(D, b) || (st == ST_RUN &&
			                    is_start_type(opflow__out_type(L, e))))
				continue;
			if (D->fast && D->d[k] && db) {
				/* back_bound's fast case, positions alone:
				 * ls + d is lf, es + d is ef */
				int type = opflow__out_type(L, e);
				int64_t off = (is_finish_bound(type) ? db : 0) -
				              D->lag[L->m + e] +
				              (is_start_type(type) ? D->d[k] : 0);

				if ((v = D->ls[b] + off) < lf)
					lf = v;
				if (free && (v = D->es[b] + off) < fl)
					fl = v;
				continue;
			}
			v = back_bound(D, e, k, b, 1);
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
	return D->d[k] ? D->es[k] - D->vb[e] : D->rsi[k] - D->vb[e];
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

/* The states (opflow__progress_init made them), the start bound, the
 * logic; each activity's actual times and date constraints as instants. */
static int progress_setup(struct dated *D, const struct opflow__work *w,
                          const opflow_analysis_options *o)
{
	static const int limits[4] = {
		OPFLOW_TRACK_START_NO_EARLIER_THAN,
		OPFLOW_TRACK_FINISH_NO_EARLIER_THAN,
		OPFLOW_TRACK_START_NO_LATER_THAN,
		OPFLOW_TRACK_FINISH_NO_LATER_THAN
	};
	const struct opflow__layout *L = D->L;
	const opflow_graph *g = w->g;

	D->bound = D->S;
	D->state = w->progress ? w->p_state : NULL;
	D->override = o->logic == OPFLOW_LOGIC_OVERRIDE;
	if (o->has_status_date && o->status_date > 0 &&
	    opflow__instant_at(&D->bound, D->S, o->status_date,
	                       D->unit))
		return opflow__error(OPFLOW_ERANGE, "the status date %g is not "
		    "in the years 1 to 9999", o->status_date);
	memset(D->has, 0, L->n);
	if (!w->progress)
		return 0;
	for (uint32_t k = 0; k < L->n; k++) {
		uint32_t id = L->order[k];
		const struct opflow__track *t = opflow__track_of(g, id);
		int st = D->state[k];

		if (!t)
			continue;
		if ((st != ST_NOT && opflow__instant_at(&D->as[k], D->S,
		                  t->v[OPFLOW_TRACK_ACTUAL_START], D->unit)) ||
		    (st == ST_DONE && opflow__instant_at(&D->af[k], D->S,
		                  t->v[OPFLOW_TRACK_ACTUAL_FINISH], D->unit)))
			return range_error(g, id, "actual time");
		for (int i = 0; i < 4; i++) {
			if (!opflow__track_has(t, limits[i]))
				continue;
			if (opflow__instant_at(&D->lim[4 * (size_t)k + i], D->S,
			                       t->v[limits[i]], D->unit))
				return range_error(g, id, "date constraint");
			D->has[k] |= (uint8_t)(1u << i);
		}
	}
	return 0;
}

/* Position k's work left in seconds, in place of its duration in D->d:
 * the remaining duration when reported at a status date, else, started,
 * what the duration leaves in working time at the status date; 0 once
 * completed. */
static int work_left(struct dated *D, const struct opflow__work *w,
                     uint32_t k)
{
	const struct opflow__track *t = D->state ?
		opflow__track_of(w->g, D->L->order[k]) : NULL;
	int st = state_of(D, k);
	int64_t done, status;

	if (st == ST_DONE) {
		D->d[k] = 0;
		return 0;
	}
	if (w->has_status && opflow__track_has(t, OPFLOW_TRACK_REMAINING)) {
		if (opflow__seconds_of(&D->d[k], t->v[OPFLOW_TRACK_REMAINING],
		                       D->unit))
			return range_error(w->g, D->L->order[k],
			                   "remaining duration");
		return 0;
	}
	if (st == ST_NOT)
		return 0;
	if (opflow__instant_at(&status, D->S, w->status_date, D->unit))
		return opflow__error(OPFLOW_ERANGE, "the status date %g is not "
		    "in the years 1 to 9999", w->status_date);
	done = opflow__cal_w(D->cal[k], status) -
	       opflow__cal_w(D->cal[k], D->as[k]);
	D->d[k] = D->d[k] > done ? D->d[k] - done : 0;
	return 0;
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
	int64_t tf_min = INT64_MAX;

	memset(&D, 0, sizeof D);
	D.L = L;
	D.S = g->start;
	D.unit = unit;
	/* by position: 13 int64 and a calendar pointer; lags by in-row and
	 * out-row entry; elapsed flags likewise */
	w->d_mem = opflow__malloc(n * (21 * sizeof(int64_t) +
	                               sizeof(double) + sizeof *D.cal + 1) +
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
	CARVE(D.sp, n);
	CARVE(D.rsi, n);
	CARVE(D.as, n);
	CARVE(D.af, n);
	CARVE(D.lim, 4 * n);
	CARVE(D.cal, n);
	CARVE(D.elapsed, 2 * m);
	CARVE(D.has, n);
#undef CARVE
	(void)p;
	if ((rc = progress_setup(&D, w, o)))
		return rc;
	/* elapsed lags, read by flow id only when there are any */
	for (size_t f = 0; f < m && !any_elapsed; f++)
		any_elapsed = g->flows[f].elapsed;
	if (m)
		memset(D.elapsed, 0, 2 * m);
	D.fast = !any_elapsed;
	for (uint32_t k = 0; k < n; k++) {
		uint32_t id = L->order[k];

		/* without an activity's or a department's own calendar, every
		 * activity works on the default: no look-up by id */
		D.cal[k] = g->act_cal_len || g->dept_cal_len ?
		           opflow__cal_of(g, id) : def;
		D.fast &= D.cal[k] == D.cal[0];
		if (opflow__seconds_of(&D.d[k], w->dur[k], unit))
			return range_error(g, id, "duration");
		if ((rc = work_left(&D, w, k)))
			return rc;
		for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1]; e++) {
			if (opflow__seconds_of(&D.lag[e], opflow__in_lag(L, e),
			                       unit))
				return range_error(g, id, "lag of a flow into");
			if (any_elapsed)
				D.elapsed[e] = g->flows[L->in_flow[e]].elapsed;
		}
		for (uint32_t e = L->out_off[k]; e < L->out_off[k + 1]; e++) {
			/* out-row entries after the in-row ones */
			opflow__seconds_of(&D.lag[m + e],
			                   opflow__out_lag(L, e), unit);
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
	for (uint32_t k = 0; k < n; k++) {
		tf_crit[k] = D.ls[k] - D.es[k];
		if (state_of(&D, k) != ST_DONE && tf_crit[k] < tf_min)
			tf_min = tf_crit[k];
	}
	/* the reported late times and floats against the deadline */
	if (o->has_deadline) {
		if (opflow__instant_at(&D.H, D.S, o->deadline, unit))
			return opflow__error(OPFLOW_ERANGE, "the deadline %g is "
			    "not in the years 1 to 9999", o->deadline);
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
		a->p_rs[k] = (double)(D.rsi[k] - D.S) / u;
		a->p_rem[k] = (double)D.d[k] / u;
		a->p_state[k] = (uint8_t)state_of(&D, k);
		a->free_float[k] = (double)D.ff_w[k] / u;
		a->d_inst[4 * k] = D.st[k];
		a->d_inst[4 * k + 1] = D.fi[k];
		a->d_inst[4 * k + 2] = D.lst[k];
		a->d_inst[4 * k + 3] = D.lfi[k];
		w->mark[k] &= (uint8_t)~OPFLOW__MARK_CRIT;
		for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1]; e++) {
			w->d_slack[e] = INFINITY;
			a->d_tight[L->in_flow[e]] = 0;
		}
		if (state_of(&D, k) == ST_DONE) {
			/* completed: floats 0, never critical, no driver */
			a->p_tf[k] = 0.0;
			a->flags[k] = 0;
			a->drive_flow[k] = a->drive_src[k] = OPFLOW_NONE;
			a->drive_type[k] = 0;
			a->drive_lag[k] = 0.0;
			continue;
		}
		/* critical: the least float of the unfinished work (0 in a
		 * plan without date constraints), against the finish */
		if (tf_crit[k] == tf_min) {
			f = OPFLOW__CRIT | OPFLOW__NEAR;
			w->mark[k] |= OPFLOW__MARK_CRIT;
		} else if ((double)(tf_crit[k] - tf_min) / u <= near) {
			f = OPFLOW__NEAR;
		}
		a->flags[k] = f;
		for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1] &&
		                                kept(&D, k); e++) {
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
			a->drive_type[k] = opflow__in_type(L, drive);
			a->drive_lag[k] = opflow__in_lag(L, drive);
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
