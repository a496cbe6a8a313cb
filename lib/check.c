/*
 * check.c - schedule-quality findings: errors that stop an analysis (a
 * cycle, times out of range) and warnings about the logic of the network
 * (open starts and ends, leads, start-to-finish flows, very high float),
 * about progress against the logic (out of sequence), about date
 * constraints that cannot all be met, and about the calendars and
 * durations of a dated graph.
 */
#include "config.h"

#include "internal.h"

#include <math.h>
#include <string.h>

struct finding {
	uint8_t kind, severity;
	uint32_t activity, flow;
	size_t message;         /* offset into text */
};

struct opflow_findings {
	size_t count, cap;
	struct finding *items;
	struct opflow__buf text;
};

int opflow_check_options_init(opflow_check_options *opts, unsigned int version)
{
	static const opflow_check_options init = OPFLOW_CHECK_OPTIONS_INIT;
	/* the size of each version, by where its last field ends */
	static const size_t sizes[] = { 0, sizeof init };

	return opflow__options_init(opts, &init, version, sizes,
	                            OPFLOW_CHECK_OPTIONS_VERSION,
	                            "opflow_check_options_init");
}

void opflow_findings_free(opflow_findings *f)
{
	if (!f)
		return;
	opflow__free(f->items);
	opflow__free(f->text.p);
	opflow__free(f);
}

size_t opflow_findings_count(const opflow_findings *f)
{
	return f ? f->count : 0;
}

int opflow_findings_get(opflow_finding_kind *kind, opflow_severity *severity,
                        opflow_id *activity, opflow_id *flow,
                        const char **message, const opflow_findings *f,
                        size_t index)
{
	const struct finding *x;

	if (!f)
		return opflow__null_arg("opflow_findings_get", "findings");
	if (index >= f->count)
		return opflow__error(OPFLOW_ENOTFOUND,
		    "opflow_findings_get: no finding %zu (there are %zu)", index,
		    f->count);
	x = &f->items[index];
	if (kind)
		*kind = (opflow_finding_kind)x->kind;
	if (severity)
		*severity = (opflow_severity)x->severity;
	if (activity)
		*activity = x->activity;
	if (flow)
		*flow = x->flow;
	if (message)
		*message = f->text.p + x->message;
	return 0;
}

/* Starts a finding; its message follows in f->text, ended by end(). */
static void add(opflow_findings *f, int kind, uint32_t activity, uint32_t flow)
{
	void *p = f->items;

	if (f->text.failed)
		return;
	if (opflow__grow(&p, &f->cap, f->count + 1, sizeof *f->items)) {
		f->text.failed = OPFLOW_ENOMEM;
		return;
	}
	f->items = p;
	f->items[f->count].kind = (uint8_t)kind;
	f->items[f->count].severity = kind <= OPFLOW_FINDING_OUT_OF_RANGE
	                              ? OPFLOW_SEVERITY_ERROR
	                              : OPFLOW_SEVERITY_WARNING;
	f->items[f->count].activity = activity;
	f->items[f->count].flow = flow;
	f->items[f->count].message = f->text.len;
	f->count++;
}

static void put(opflow_findings *f, const char *s)
{
	opflow__buf_puts(&f->text, s);
}

static void put_key(opflow_findings *f, const opflow_graph *g, uint32_t id)
{
	opflow__buf_key(&f->text, opflow__key(g, id), g->acts[id].key_len);
}

static void end(opflow_findings *f)
{
	opflow__buf_put(&f->text, "", 1);    /* the message's NUL */
}

/* x is below y, beyond the rounding of sums of the size of y */
static int below(double x, double y)
{
	return x < y - 1e-9 * fmax(1.0, fabs(y));
}

/* The actual time f of activity id, or 0 when it is not set. */
static int actual(double *out, const opflow_graph *g, uint32_t id, int f)
{
	const struct opflow__track *t = opflow__track_of(g, id);

	if (!t || !(t->set & (1u << f)))
		return 0;
	*out = t->v[f];
	return 1;
}

/*
 * Progress against flow e, from the actual times alone (DESIGN, "Out of
 * sequence"): its target started before an FS predecessor finished or an
 * SS predecessor started, or finished before an FF predecessor finished
 * or an SF predecessor started, the lag included.  A predecessor that has
 * not yet started (finished) holds nothing back yet that its successor
 * has passed: it is out of sequence too.
 */
static void out_of_sequence(opflow_findings *f, const opflow_graph *g,
                            uint32_t e)
{
	static const char *const type_names[] = { "FS", "SS", "FF", "SF" };
	const struct opflow__flow *fl = &g->flows[e];
	/* the target's start (FS, SS) or finish (FF, SF); the source's
	 * finish (FS, FF) or start (SS, SF) */
	int target_f = fl->type == OPFLOW_FLOW_FS || fl->type == OPFLOW_FLOW_SS
	               ? OPFLOW_TRACK_ACTUAL_START : OPFLOW_TRACK_ACTUAL_FINISH;
	int source_f = fl->type == OPFLOW_FLOW_FS || fl->type == OPFLOW_FLOW_FF
	               ? OPFLOW_TRACK_ACTUAL_FINISH : OPFLOW_TRACK_ACTUAL_START;
	const char *target_verb = target_f == OPFLOW_TRACK_ACTUAL_START
	                          ? "started" : "finished";
	const char *source_verb = source_f == OPFLOW_TRACK_ACTUAL_START
	                          ? "started" : "finished";
	double t = 0, s = 0;
	int known;

	if (fl->type > OPFLOW_FLOW_SF || !actual(&t, g, fl->target, target_f))
		return;
	known = actual(&s, g, fl->source, source_f);
	if (known && !below(t, s + fl->lag))
		return;
	add(f, OPFLOW_FINDING_OUT_OF_SEQUENCE, fl->target, e);
	put_key(f, g, fl->target);
	put(f, " ");
	put(f, target_verb);
	put(f, " at ");
	opflow__buf_double(&f->text, t);
	put(f, " before its ");
	put(f, type_names[fl->type]);
	put(f, " predecessor ");
	put_key(f, g, fl->source);
	put(f, " ");
	put(f, source_verb);
	if (!known) {
		put(f, " (it has not ");
		put(f, source_verb);
		put(f, ")");
	} else {
		put(f, " at ");
		opflow__buf_double(&f->text, s);
		if (fl->lag != 0) {
			put(f, fl->lag > 0 ? " plus the lag " : " less the lead ");
			opflow__buf_double(&f->text, fabs(fl->lag));
			put(f, " = ");
			opflow__buf_double(&f->text, s + fl->lag);
		}
	}
	end(f);
}

static void logic(opflow_findings *f, const opflow_graph *g)
{
	size_t starts = 0, ends = 0;

	for (size_t i = 0; i < g->n; i++) {
		starts += g->acts[i].first_in == OPFLOW_NONE;
		ends += g->acts[i].first_out == OPFLOW_NONE;
	}
	/* one activity may start the chain and one may end it */
	for (size_t i = 0; i < g->n && starts > 1; i++) {
		if (g->acts[i].first_in != OPFLOW_NONE)
			continue;
		add(f, OPFLOW_FINDING_NO_PREDECESSOR, (uint32_t)i, OPFLOW_NONE);
		put(f, "activity ");
		put_key(f, g, (uint32_t)i);
		put(f, " has no predecessor (");
		opflow__buf_size(&f->text, starts);
		put(f, " activities start the chain)");
		end(f);
	}
	for (size_t i = 0; i < g->n && ends > 1; i++) {
		if (g->acts[i].first_out != OPFLOW_NONE)
			continue;
		add(f, OPFLOW_FINDING_NO_SUCCESSOR, (uint32_t)i, OPFLOW_NONE);
		put(f, "activity ");
		put_key(f, g, (uint32_t)i);
		put(f, " has no successor (");
		opflow__buf_size(&f->text, ends);
		put(f, " activities end the chain)");
		end(f);
	}
	for (size_t e = 0; e < g->m; e++) {
		const struct opflow__flow *fl = &g->flows[e];

		if (fl->lag < 0) {
			add(f, OPFLOW_FINDING_NEGATIVE_LAG, OPFLOW_NONE, (uint32_t)e);
			put(f, "flow ");
			put_key(f, g, fl->source);
			put(f, " -> ");
			put_key(f, g, fl->target);
			put(f, " has a negative lag (a lead) of ");
			opflow__buf_double(&f->text, fl->lag);
			end(f);
		}
		if (fl->type == OPFLOW_FLOW_SF) {
			add(f, OPFLOW_FINDING_START_TO_FINISH, OPFLOW_NONE,
			    (uint32_t)e);
			put(f, "flow ");
			put_key(f, g, fl->source);
			put(f, " -> ");
			put_key(f, g, fl->target);
			put(f, " is start-to-finish, which is rarely what a "
			    "value chain means");
			end(f);
		}
		out_of_sequence(f, g, (uint32_t)e);
	}
}

static void high_float(opflow_findings *f, const opflow_graph *g,
                       const opflow_analysis *a, double ratio)
{
	double T = a->figure[OPFLOW_FIGURE_LEAD_TIME];

	if (!(T > 0))
		return;
	for (size_t i = 0; i < g->n; i++) {
		double tf;

		opflow_analysis_floats(&tf, NULL, a, (opflow_id)i);
		if (!(tf > ratio * T))
			continue;
		add(f, OPFLOW_FINDING_HIGH_FLOAT, (uint32_t)i, OPFLOW_NONE);
		put(f, "activity ");
		put_key(f, g, (uint32_t)i);
		put(f, " has a total float of ");
		opflow__buf_double(&f->text, tf);
		put(f, ", more than ");
		opflow__buf_double(&f->text, ratio * 100);
		put(f, "% of the lead time ");
		opflow__buf_double(&f->text, T);
		end(f);
	}
}

#define SNET OPFLOW_TRACK_START_NO_EARLIER_THAN
#define FNET OPFLOW_TRACK_FINISH_NO_EARLIER_THAN
#define SNLT OPFLOW_TRACK_START_NO_LATER_THAN
#define FNLT OPFLOW_TRACK_FINISH_NO_LATER_THAN

static const char *const limit_names[OPFLOW__TRACK_FIELDS] = {
	NULL, NULL, NULL, "start no earlier than", "finish no earlier than",
	"start no later than", "finish no later than"
};

/* One reason of a conflict, "E > L" or "E + duration D = S > L" (sign 1)
 * or "E - duration D = S > L" (sign -1), E and L the fields e and l. */
static void reason(opflow_findings *f, int *count, const double *v, int e,
                   int sign, double d, int l)
{
	put(f, (*count)++ ? ", " : "");
	put(f, limit_names[e]);
	put(f, " ");
	opflow__buf_double(&f->text, v[e]);
	if (sign) {
		put(f, sign > 0 ? " + duration " : " - duration ");
		opflow__buf_double(&f->text, d);
		put(f, " = ");
		opflow__buf_double(&f->text, v[e] + sign * d);
	}
	put(f, " > ");
	put(f, limit_names[l]);
	put(f, " ");
	opflow__buf_double(&f->text, v[l]);
}

/*
 * Date constraints that cannot all be met, one finding per activity: its
 * own (a start no earlier than after its start no later than, the same
 * of the finishes, or an earlier and a later limit less than its duration
 * apart), or a negative total float in the plan (a: the analysis without
 * status date and deadline, NULL when the graph cannot be analysed),
 * which only late date constraints make.
 */
static void conflicts(opflow_findings *f, const opflow_graph *g,
                      const opflow_analysis *a)
{
	for (uint32_t i = 0; i < g->n; i++) {
		const struct opflow__track *t = opflow__track_of(g, i);
		double v[OPFLOW__TRACK_FIELDS] = { 0 };
		double d = g->acts[i].duration, tf = 0, ef = 0, lf = 0;
		int set[OPFLOW__TRACK_FIELDS] = { 0 }, c[4], late, count = 0;

		for (int k = 0; t && k < OPFLOW__TRACK_FIELDS; k++) {
			set[k] = (t->set >> k) & 1u;
			v[k] = set[k] ? t->v[k] : 0;
		}
		c[0] = set[SNET] && set[SNLT] && below(v[SNLT], v[SNET]);
		c[1] = set[FNET] && set[FNLT] && below(v[FNLT], v[FNET]);
		c[2] = set[SNET] && set[FNLT] && below(v[FNLT], v[SNET] + d);
		c[3] = set[FNET] && set[SNLT] && below(v[SNLT], v[FNET] - d);
		if (a) {
			opflow_analysis_floats(&tf, NULL, a, i);
			opflow_analysis_schedule(NULL, &ef, NULL, &lf, a, i);
		}
		late = a && tf < 0;
		if (!(c[0] || c[1] || c[2] || c[3] || late))
			continue;
		add(f, OPFLOW_FINDING_CONSTRAINT_CONFLICT, i, OPFLOW_NONE);
		put(f, "activity ");
		put_key(f, g, i);
		put(f, ": ");
		if (c[0] || c[1] || c[2] || c[3]) {
			put(f, "its date constraints cannot all hold (");
			if (c[0])
				reason(f, &count, v, SNET, 0, d, SNLT);
			if (c[1])
				reason(f, &count, v, FNET, 0, d, FNLT);
			if (c[2])
				reason(f, &count, v, SNET, 1, d, FNLT);
			if (c[3])
				reason(f, &count, v, FNET, -1, d, SNLT);
			put(f, late ? "); " : ")");
		}
		if (late) {
			put(f, "its total float in the plan is ");
			opflow__buf_double(&f->text, tf);
			put(f, " (early finish ");
			opflow__buf_double(&f->text, ef);
			put(f, ", late finish ");
			opflow__buf_double(&f->text, lf);
			put(f, "): late date constraints are not met");
		}
		end(f);
	}
}

/*
 * A dated graph: an activity whose calendar has no working time in the
 * year after the project start (it would wait past it), and one whose
 * duration is not a whole number of seconds (it is rounded).
 */
static void dated(opflow_findings *f, const opflow_graph *g)
{
	int64_t unit = opflow__unit(g);

	if (!g->dated)
		return;
	for (uint32_t i = 0; i < g->n; i++) {
		const struct opflow__calendar *c = opflow__cal_of(g, i);
		double s = g->acts[i].duration * (double)unit;

		if (c && opflow__instant_in_range(g->start + 366 * 86400LL) &&
		    opflow__cal_w(c, g->start + 366 * 86400LL) ==
		    opflow__cal_w(c, g->start)) {
			add(f, OPFLOW_FINDING_IDLE_CALENDAR, i, OPFLOW_NONE);
			put(f, "activity ");
			put_key(f, g, i);
			put(f, " works on calendar ");
			opflow__buf_key(&f->text, c->key, c->key_len);
			put(f, ", which has no working time in the year after "
			       "the start");
			end(f);
		}
		if (s != round(s)) {
			add(f, OPFLOW_FINDING_FRACTIONAL_SECONDS, i, OPFLOW_NONE);
			put(f, "activity ");
			put_key(f, g, i);
			put(f, " has a duration of ");
			opflow__buf_double(&f->text, s);
			put(f, " seconds, which the dated schedule rounds to ");
			opflow__buf_double(&f->text, round(s));
			end(f);
		}
	}
}

int opflow_graph_check(opflow_findings **out, const opflow_graph *g,
                       const opflow_check_options *opts)
{
	static const char fn[] = "opflow_graph_check";
	static const opflow_check_options defaults = OPFLOW_CHECK_OPTIONS_INIT;
	struct opflow__saved_error saved;
	opflow_findings *f;
	opflow_analysis *a = NULL;
	int rc;

	if (!out)
		return opflow__null_arg(fn, "out");
	if (!g)
		return opflow__null_arg(fn, "graph");
	if (!opts)
		opts = &defaults;
	if (opts->version < 1 || opts->version > OPFLOW_CHECK_OPTIONS_VERSION)
		return opflow__error(OPFLOW_EINVAL,
		    "check options version %u is not supported (this library "
		    "knows versions 1 to %u)", opts->version,
		    (unsigned)OPFLOW_CHECK_OPTIONS_VERSION);
	if (!(isfinite(opts->high_float) && opts->high_float >= 0))
		return opflow__error(OPFLOW_EINVAL,
		    "the high-float ratio must be finite and >= 0, not %g",
		    opts->high_float);
	f = opflow__calloc(1, sizeof *f);
	if (!f)
		return opflow__nomem();
	/* the analysis is the check's own business: its failure becomes a
	 * finding and leaves the caller's error details alone */
	opflow__error_save(&saved);
	rc = opflow_analyze(&a, g, NULL);
	if (rc == OPFLOW_ECYCLE || rc == OPFLOW_ERANGE) {
		/* the analysis's own message names the culprits */
		add(f, rc == OPFLOW_ECYCLE ? OPFLOW_FINDING_CYCLE
		                           : OPFLOW_FINDING_OUT_OF_RANGE,
		    rc == OPFLOW_ECYCLE ? opflow_error_cycle_id(0) : OPFLOW_NONE,
		    OPFLOW_NONE);
		put(f, opflow_error_message());
		end(f);
		rc = 0;
	}
	if (rc) {
		opflow__free(saved.cycle);
		opflow_findings_free(f);
		return rc;
	}
	opflow__error_restore(&saved);
	logic(f, g);
	if (a)
		high_float(f, g, a, opts->high_float);
	conflicts(f, g, a);
	dated(f, g);
	opflow_analysis_free(a);
	if (f->text.failed) {
		rc = f->text.failed;
		opflow_findings_free(f);
		return rc == OPFLOW_ENOMEM ? opflow__nomem()
		                           : opflow__error(rc, "findings too large");
	}
	*out = f;
	return 0;
}
