/*
 * text_read.c - reading the .opflow text format (opflow(5)): a version line,
 * then one statement a line:
 *
 *   opflow 1
 *   # comment
 *   start 2026-12-21T06:00
 *   calendar two-shift "mon-fri 06:00-14:00 14:00-22:00; 2026-12-24 off"
 *   default-calendar two-shift
 *   department frame-shop name="Frame shop" calendar=two-shift
 *   activity weld category=manufacturing department=frame-shop duration=6
 *   activity cut actual-start=0 remaining=1.5
 *   flow cut weld type=SS lag=-0.5 elapsed=true
 *
 * Reading is one pass over the text, linear in its size; every error
 * names its line and column (1-based, in bytes) and what was expected.
 */
#include "config.h"

#include "internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define FORMAT_VERSION 1

/* Whether the text s of len bytes is the literal lit. */
#define IS(s, len, lit) ((len) == sizeof lit - 1 && \
                         memcmp((s), lit, sizeof lit - 1) == 0)

/* ---------------------------------------------------------------- values */

static int number(struct reader *r, const struct token *t, double *out)
{
	int rc;

	if (t->value_quoted)
		return opflow__perr(r, t->value_col, "expected a number for %s, not a "
		            "quoted string", t->text);
	rc = opflow__parse_double(out, t->value, t->value_len);
	if (rc == -2)
		return opflow__perr(r, t->value_col, "the number %s for %s is too large",
		            t->value, t->text);
	if (rc == -3)
		return opflow__perr(r, t->value_col, "the number for %s is longer than "
		            "%d characters", t->text, OPFLOW__NUMBER_MAX);
	if (rc)
		return opflow__perr(r, t->value_col, "expected a number for %s, found %k",
		            t->text, t->value);
	return 0;
}

int opflow__key_token(struct reader *r, const struct token *t,
                      const char *what)
{
	if (t->kind == TOK_WORD || t->kind == TOK_STRING)
		return 0;
	if (t->kind == TOK_END)
		return opflow__perr(r, t->col, "expected %s, found the end of the line",
		            what);
	return opflow__perr(r, t->col, "expected %s, found the attribute %s=", what,
	            t->text);
}

static int statement_department(struct reader *r, opflow_graph *g)
{
	struct token key, t;
	const char *name = NULL;
	size_t name_col = 0, cal_col = 0;
	opflow_id d, cal = OPFLOW_NONE;
	int rc, have_cal = 0;

	if ((rc = opflow__next_token(r, &key)) ||
	    (rc = opflow__key_token(r, &key, "a department key after "
	                            "'department'")))
		return rc;
	for (;;) {
		if ((rc = opflow__next_token(r, &t)))
			return rc;
		if (t.kind == TOK_END)
			break;
		if (t.kind == TOK_ATTR && IS(t.text, t.len, "calendar")) {
			if (have_cal++)
				return opflow__perr(r, t.col, "calendar= given twice");
			if ((rc = opflow__calendar_of(r, g, t.value, t.value_col,
			                               &cal)))
				return rc;
			cal_col = t.value_col;
			continue;
		}
		if (t.kind != TOK_ATTR || !IS(t.text, t.len, "name"))
			return opflow__perr(r, t.col, "unknown department attribute %k: "
			            "expected name= or calendar=", t.text);
		if (name)
			return opflow__perr(r, t.col, "name= given twice");
		name = t.value;
		name_col = t.value_col;
	}
	if (opflow_graph_intern_department(&d, g, key.text))
		return opflow__at(r, key.col);
	if (d >= r->declared_cap) {
		void *p = r->declared;
		size_t cap = r->declared_cap;

		if ((rc = opflow__grow(&p, &cap, (size_t)d + 1, 1)))
			return rc;
		memset((uint8_t *)p + r->declared_cap, 0, cap - r->declared_cap);
		r->declared = p;
		r->declared_cap = cap;
	}
	if (r->declared[d])
		return opflow__perr(r, key.col, "department %k is declared twice",
		            key.text);
	r->declared[d] = 1;
	if (name && opflow_graph_set_department_name(g, d, name))
		return opflow__at(r, name_col);
	if (have_cal && opflow_graph_set_department_calendar(g, d, cal))
		return opflow__at(r, cal_col);
	return 0;
}

static int pick(struct reader *r, const struct token *t, const char *what,
                int (*from_name)(int *, const char *), int *out)
{
	if (from_name(out, t->value))
		return opflow__perr(r, t->value_col, "unknown %s %k", what, t->value);
	return 0;
}

static int kind_of(int *out, const char *s)
{
	opflow_kind k;
	int rc = opflow_kind_from_name(&k, s);

	*out = (int)k;
	return rc;
}

static int category_of(int *out, const char *s)
{
	opflow_category c;
	int rc = opflow_category_from_name(&c, s);

	*out = (int)c;
	return rc;
}

/* The category of t's value: the reader's last one is tried first. */
static int category(struct reader *r, const struct token *t, int *out)
{
	const char *last = opflow_category_name((opflow_category)r->category);
	int rc;

	if (last && strcmp(last, t->value) == 0) {
		*out = r->category;
		return 0;
	}
	if (!(rc = pick(r, t, "category", category_of, out)))
		r->category = *out;
	return rc;
}

static int type_of(int *out, const char *s)
{
	opflow_flow_type t;
	int rc = opflow_flow_type_from_name(&t, s);

	*out = (int)t;
	return rc;
}

static int boolean(struct reader *r, const struct token *t, int *out)
{
	if (!t->value_quoted && IS(t->value, t->value_len, "true"))
		*out = 1;
	else if (!t->value_quoted && IS(t->value, t->value_len, "false"))
		*out = 0;
	else
		return opflow__perr(r, t->value_col, "expected true or false for %s, "
		            "found %k", t->text, t->value);
	return 0;
}

static int estimate(struct reader *r, const struct token *t,
                    opflow_activity_options *o)
{
	const char *v = t->value, *s1, *s2;
	double x[3];

	s1 = t->value_quoted ? NULL : memchr(v, '/', t->value_len);
	s2 = s1 ? memchr(s1 + 1, '/', t->value_len - (size_t)(s1 + 1 - v)) : NULL;
	if (!s1 || !s2 || memchr(s2 + 1, '/', t->value_len - (size_t)(s2 + 1 - v)))
		return opflow__perr(r, t->value_col, "expected an estimate written "
		            "OPTIMISTIC/MOST-LIKELY/PESSIMISTIC, found %k", v);
	{
		static const char *const name[3] = {
			"optimistic", "most likely", "pessimistic"
		};
		const char *part[3] = { v, s1 + 1, s2 + 1 };
		size_t plen[3] = { (size_t)(s1 - v), (size_t)(s2 - s1 - 1),
		                   t->value_len - (size_t)(s2 + 1 - v) };

		for (int i = 0; i < 3; i++) {
			int rc = opflow__parse_double(&x[i], part[i], plen[i]);

			if (rc == -3)
				return opflow__perr(r, t->value_col, "the %s duration of "
				            "the estimate is longer than %d "
				            "characters", name[i], OPFLOW__NUMBER_MAX);
			if (rc == -2)
				return opflow__perr(r, t->value_col, "the %s duration of "
				            "the estimate is too large", name[i]);
			if (rc)
				return opflow__perr(r, t->value_col, "expected three finite "
				            "numbers in the estimate %k", v);
		}
	}
	o->has_estimate = 1;
	o->optimistic = x[0];
	o->most_likely = x[1];
	o->pessimistic = x[2];
	return 0;
}

static const char activity_attrs[] = "label=, kind=, category=, "
	"department=, customer-facing=, duration=, estimate=, calendar=, "
	"actual-start=, actual-finish=, remaining=, start-no-earlier-than=, "
	"finish-no-earlier-than=, start-no-later-than= or "
	"finish-no-later-than=";

/* The attributes of an activity statement: its options and its
 * calendar, then its tracking fields in the order of opflow_tracking. */
#define OPTION_ATTRS 8
#define ACTIVITY_ATTRS (OPTION_ATTRS + OPFLOW__TRACK_FIELDS)

/*
 * The tracking attributes and the calendar of the activities queued and
 * not yet added (text_batch.c adds them a batch at a time).  They are
 * set once their activity exists, in the order of the text, each at its
 * own line and columns, before anything that follows is reported: the
 * first error of the text is still the one reported.
 */
struct tracked {
	opflow_id id;           /* its statement's rank among the activities */
	unsigned set;           /* 1 << opflow_tracking for each given */
	size_t lineno;
	double v[OPFLOW__TRACK_FIELDS];
	size_t col[OPFLOW__TRACK_FIELDS];
	opflow_id cal;          /* its own calendar, or OPFLOW_NONE */
	size_t cal_col;
};

struct tracking {
	struct tracked *q;
	size_t len, cap, done;  /* q[done .. len) wait for their activity */
	opflow_id next_id;      /* the id of the next activity statement */
};

/* Sets the waiting tracking fields of the activities the graph has now,
 * in the order of the text; an actual start before an actual finish,
 * whatever their order on the line.  Fails at the first value refused. */
static int settle(struct reader *r, opflow_graph *g, struct tracking *tk)
{
	size_t n = opflow_graph_activity_count(g), lineno = r->lineno;

	while (tk->done < tk->len && tk->q[tk->done].id < n) {
		const struct tracked *x = &tk->q[tk->done++];

		for (int f = 0; f < OPFLOW__TRACK_FIELDS; f++) {
			if (!(x->set & (1u << f)) ||
			    !opflow_graph_set_activity_tracking(g, x->id,
			            (opflow_tracking)f, x->v[f]))
				continue;
			r->lineno = x->lineno;
			return opflow__at(r, x->col[f]);
		}
		if (x->cal != OPFLOW_NONE &&
		    opflow_graph_set_activity_calendar(g, x->id, x->cal)) {
			r->lineno = x->lineno;
			return opflow__at(r, x->cal_col);
		}
	}
	if (tk->done == tk->len)
		tk->done = tk->len = 0;
	r->lineno = lineno;
	return 0;
}

/* The result rc of a call that may have added activities, once their
 * tracking fields are set: an error among those comes first in the
 * text, before the activity or line rc failed at; when there is none,
 * rc's error is as it was (a call that succeeds keeps it). */
static int added(struct reader *r, opflow_graph *g, struct tracking *tk,
                 int rc)
{
	int trc = tk->done == tk->len ? 0 : settle(r, g, tk);

	return trc ? trc : rc;
}

/* Queues the activity of key and options o, with its tracking fields and
 * calendar x when any is given. */
static int queue_activity(struct reader *r, opflow_graph *g,
                          struct tracking *tk, const struct token *key,
                          const opflow_activity_options *o,
                          const struct tracked *x)
{
	opflow_id id = tk->next_id++;
	int rc;

	if (x->set || x->cal != OPFLOW_NONE) {
		void *p = tk->q;

		if ((rc = opflow__grow(&p, &tk->cap, tk->len + 1,
		                       sizeof *tk->q)))
			return rc;
		tk->q = p;
		tk->q[tk->len] = *x;
		tk->q[tk->len].id = id;
		tk->q[tk->len].lineno = r->lineno;
		tk->len++;
	}
	/* a full batch is added at once */
	return added(r, g, tk, opflow__queue_activity(r, g, key, o));
}

static int statement_activity(struct reader *r, opflow_graph *g,
                              struct tracking *tk)
{
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
	struct tracked x;
	struct token key, t;
	unsigned seen = 0;
	size_t col[ACTIVITY_ATTRS] = { 0 }, len;
	int rc;

	memset(&x, 0, sizeof x);
	x.cal = OPFLOW_NONE;
	if ((rc = opflow__next_token(r, &key)) ||
	    (rc = opflow__key_token(r, &key, "an activity key after "
	                            "'activity'")))
		return rc;
	for (;;) {
		static const char *const names[ACTIVITY_ATTRS] = {
			"label", "kind", "category", "department",
			"customer-facing", "duration", "estimate", "calendar",
			/* in the order of opflow_tracking */
			"actual-start", "actual-finish", "remaining",
			"start-no-earlier-than", "finish-no-earlier-than",
			"start-no-later-than", "finish-no-later-than"
		};
		unsigned which;

		if ((rc = opflow__next_token(r, &t)))
			return rc;
		if (t.kind == TOK_END)
			break;
		if (t.kind != TOK_ATTR)
			return opflow__perr(r, t.col, "expected an attribute (%s), found %k",
			            activity_attrs, t.text);
		for (which = 0; which < ACTIVITY_ATTRS; which++)
			if (t.text[0] == names[which][0] &&
			    strcmp(t.text, names[which]) == 0)
				break;
		if (which == ACTIVITY_ATTRS)
			return opflow__perr(r, t.col, "unknown activity attribute %k: "
			            "expected %s", t.text, activity_attrs);
		if (seen & (1u << which))
			return opflow__perr(r, t.col, "%s= given twice", t.text);
		seen |= 1u << which;
		col[which] = t.value_col;
		switch (which) {
		case 0: o.label = t.value; break;
		case 1: rc = pick(r, &t, "kind", kind_of, &o.kind); break;
		case 2: rc = category(r, &t, &o.category); break;
		case 3: o.department = t.value; break;
		case 4: rc = boolean(r, &t, &o.customer_facing); break;
		case 5:
			rc = number(r, &t, &o.duration);
			o.has_duration = 1;
			break;
		case 6: rc = estimate(r, &t, &o); break;
		case 7:
			/* set once the activity exists */
			rc = opflow__calendar_of(r, g, t.value, t.value_col,
			                         &x.cal);
			x.cal_col = t.value_col;
			break;
		default:
			/* checked when set, once the activity exists */
			which -= OPTION_ATTRS;
			rc = number(r, &t, &x.v[which]);
			x.col[which] = t.value_col;
			x.set |= 1u << which;
			break;
		}
		if (rc)
			return rc;
	}
	/* each value's own error at its own place; what is left is the key's */
	if (o.label && opflow__check_text("label", o.label, &len))
		return opflow__at(r, col[0]);
	if (o.department &&
	    opflow__check_key("department key", o.department, &len))
		return opflow__at(r, col[3]);
	if (o.has_duration && opflow__check_duration("duration", o.duration))
		return opflow__at(r, col[5]);
	if (o.has_estimate &&
	    (opflow__check_duration("optimistic estimate", o.optimistic) ||
	     opflow__check_duration("most likely estimate", o.most_likely) ||
	     opflow__check_duration("pessimistic estimate", o.pessimistic)))
		return opflow__at(r, col[6]);
	if (o.has_estimate && !(o.optimistic <= o.most_likely &&
	                        o.most_likely <= o.pessimistic))
		return opflow__perr(r, col[6], "estimate out of order: need optimistic "
		            "<= most likely <= pessimistic");
	return queue_activity(r, g, tk, &key, &o, &x);
}

int opflow__flow_end(opflow_id *out, const struct reader *r,
                     opflow_graph *g, const char *key, size_t col)
{
	if (opflow_graph_find_activity(out, g, key) == 0)
		return 0;
	/* a key no activity can have (empty, too long) is named as such */
	return opflow_error_code() != OPFLOW_ENOTFOUND ? opflow__at(r, col)
	       : opflow__perr(r, col, "unknown activity %k (a flow names "
	                      "activities declared above it)", key);
}

int opflow__flow_clash(const struct reader *r, const char *src,
                       size_t src_col, const char *dst, size_t dst_col,
                       int type, int duplicate)
{
	if (!duplicate)
		return opflow__perr(r, dst_col, "a flow from %k to itself is a "
		                    "self-loop", src);
	return opflow__perr(r, src_col, "the %s flow from %k to %k is declared "
	                    "twice",
	                    opflow_flow_type_name((opflow_flow_type)type), src,
	                    dst);
}

static int statement_flow(struct reader *r, opflow_graph *g,
                          struct dates *dt)
{
	struct token src, dst, t;
	opflow_id s, d, f;
	int type = OPFLOW_FLOW_FS, have_type = 0, have_lag = 0;
	int have_elapsed = 0, elapsed = 0;
	double lag = 0;
	int rc;

	if ((rc = opflow__next_token(r, &src)) ||
	    (rc = opflow__key_token(r, &src, "the source activity after "
	                            "'flow'")) ||
	    (rc = opflow__next_token(r, &dst)) ||
	    (rc = opflow__key_token(r, &dst, "the target activity after "
	                            "the source")))
		return rc;
	for (;;) {
		if ((rc = opflow__next_token(r, &t)))
			return rc;
		if (t.kind == TOK_END)
			break;
		if (t.kind == TOK_ATTR && IS(t.text, t.len, "type")) {
			if (have_type++)
				return opflow__perr(r, t.col, "type= given twice");
			if ((rc = pick(r, &t, "flow type (FS, SS, FF or SF)",
			               type_of, &type)))
				return rc;
		} else if (t.kind == TOK_ATTR && IS(t.text, t.len, "lag")) {
			if (have_lag++)
				return opflow__perr(r, t.col, "lag= given twice");
			if ((rc = number(r, &t, &lag)))
				return rc;
		} else if (t.kind == TOK_ATTR && IS(t.text, t.len, "elapsed")) {
			if (have_elapsed++)
				return opflow__perr(r, t.col, "elapsed= given twice");
			if ((rc = boolean(r, &t, &elapsed)))
				return rc;
		} else {
			return opflow__perr(r, t.col, "unknown flow attribute %k: expected "
			            "type=, lag= or elapsed=", t.text);
		}
	}
	if ((rc = opflow__dates_flow(dt, elapsed)))
		return rc;
	if (src.kind == TOK_WORD && dst.kind == TOK_WORD)
		return opflow__queue_flow(r, g, &src, &dst, type, lag);
	if ((rc = opflow__flush_flows(r, g)) ||
	    (rc = opflow__flow_end(&s, r, g, src.text, src.col)) ||
	    (rc = opflow__flow_end(&d, r, g, dst.text, dst.col)))
		return rc;
	if (s == d || opflow__find_flow(g, s, d, type) != OPFLOW_NONE)
		return opflow__flow_clash(r, src.text, src.col, dst.text,
		                          dst.col, type, s != d);
	if (opflow_graph_add_flow(&f, g, s, d, (opflow_flow_type)type, lag))
		return opflow__at(r, src.col);
	return 0;
}

/* The version line, whose first token t was read. */
static int version_line(struct reader *r, const struct token *t_)
{
	const struct token *t = t_;
	struct token v, end;
	double version;
	int rc;

	if (t->kind != TOK_WORD || !IS(t->text, t->len, "opflow"))
		return opflow__perr(r, t->col, "expected the version line 'opflow %d' "
		            "first", FORMAT_VERSION);
	if ((rc = opflow__next_token(r, &v)))
		return rc;
	if (v.kind != TOK_WORD || opflow__parse_double(&version, v.text, v.len))
		return opflow__perr(r, v.col, "expected the format version after "
		            "'opflow'");
	if (version != FORMAT_VERSION)
		return opflow__perr(r, v.col, "format version %s is not supported (this "
		            "library reads version %d)", v.text, FORMAT_VERSION);
	if ((rc = opflow__next_token(r, &end)))
		return rc;
	if (end.kind != TOK_END)
		return opflow__perr(r, end.col, "expected the end of the line after the "
		            "format version");
	return 0;
}

/* --------------------------------------------------------------- loading */

/* A statement other than an activity or a flow, whose first token t was
 * read. */
static int statement(struct reader *r, opflow_graph *g, struct dates *dt,
                     const struct token *t)
{
	int rc;

	if (t->kind == TOK_WORD && IS(t->text, t->len, "department"))
		return statement_department(r, g);
	/* start, unit, calendar and default-calendar (text_dates.c) */
	if ((rc = opflow__dates_statement(r, g, dt, t)) <= 0)
		return rc;
	return opflow__perr(r, t->col, "unknown statement %k: expected "
	                    "activity, flow, department, calendar, "
	                    "default-calendar, start or unit", t->text);
}

/* The error rc of the line being read, once the statements waiting
 * before it are added and their tracking fields set: the first error of
 * the text is the one reported. */
static int failed(struct reader *r, opflow_graph *g, struct tracking *tk,
                  int rc)
{
	struct opflow__saved_error saved;
	int frc;

	if (!opflow__batch_waiting(r->batch) && tk->done == tk->len)
		return rc;
	opflow__error_save(&saved);
	if ((frc = added(r, g, tk, opflow__flush_all(r, g)))) {
		opflow__free(saved.cycle);
		return frc;
	}
	opflow__error_restore(&saved);
	return rc;
}

static int read_lines(opflow_graph *g, const char *data, size_t size,
                      struct reader *r, struct tracking *tk,
                      struct dates *dt)
{
	size_t pos = 0;
	int first = 1, expected = 0, rc;

	if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	r->lineno = 0;
	while (pos < size) {
		const char *nl = memchr(data + pos, '\n', size - pos);
		size_t end = nl ? (size_t)(nl - data) : size, len = end - pos;
		struct token t;

		r->lineno++;
		r->line = data + pos;
		if (len && r->line[len - 1] == '\r')
			len--;
		r->len = len;
		r->pos = 0;
		pos = nl ? end + 1 : size;
		if ((rc = opflow__check_line(r)))
			return rc;
		/* room for every token of the line, decoded */
		if (r->arena_cap < 2 * len + 2) {
			void *p = r->arena;
			size_t cap = r->arena_cap;

			if ((rc = opflow__grow(&p, &cap, 2 * len + 2, 1)))
				return rc;
			r->arena = p;
			r->arena_cap = cap;
		}
		r->arena_len = 0;
		if ((rc = opflow__next_token(r, &t)))
			return rc;
		if (t.kind == TOK_END)
			continue;
		if (first) {
			if ((rc = version_line(r, &t)))
				return rc;
			first = 0;
			continue;
		}
		/* room for the activities and flows ahead, once */
		if (!expected && t.kind == TOK_WORD &&
		    (IS(t.text, t.len, "flow") ||
		     IS(t.text, t.len, "activity"))) {
			expected = 1;
			if ((rc = opflow__batch_expect(r, g, r->line,
			                               data + size)))
				return rc;
		}
		/* what waits is added before another kind of statement */
		if (t.kind == TOK_WORD && IS(t.text, t.len, "flow")) {
			if (!(rc = added(r, g, tk, opflow__flush_acts(r, g))))
				rc = statement_flow(r, g, dt);
		} else if (t.kind == TOK_WORD &&
		           IS(t.text, t.len, "activity")) {
			if (!(rc = opflow__flush_flows(r, g)))
				rc = statement_activity(r, g, tk);
		} else if (!(rc = added(r, g, tk, opflow__flush_all(r, g)))) {
			rc = statement(r, g, dt, &t);
		}
		if (rc)
			return rc;
	}
	return 0;
}

static int parse(opflow_graph *g, const char *data, size_t size,
                 struct reader *r)
{
	struct tracking tk = { NULL, 0, 0, 0, 0 };
	struct dates dt = { 0, 0, 0, NULL, 0, 0, 0 };
	int rc = read_lines(g, data, size, r, &tk, &dt);

	rc = rc ? failed(r, g, &tk, rc)
	     : added(r, g, &tk, opflow__flush_all(r, g));
	rc = opflow__dates_finish(g, &dt, rc);
	opflow__free(tk.q);
	return rc;
}

int opflow_graph_load_buffer(opflow_graph **out, const char *data, size_t size)
{
	struct reader r;
	opflow_graph *g;
	int rc;

	if (!out)
		return opflow__null_arg("opflow_graph_load_buffer", "out");
	if (!data && size)
		return opflow__null_arg("opflow_graph_load_buffer", "data");
	if ((rc = opflow_graph_new(&g)))
		return rc;
	memset(&r, 0, sizeof r);
	if ((rc = opflow__batch_new(&r.batch))) {
		opflow_graph_free(g);
		return rc;
	}
	rc = parse(g, data ? data : "", size, &r);
	opflow__batch_free(r.batch);
	opflow__free(r.arena);
	opflow__free(r.declared);
	if (rc) {
		opflow_graph_free(g);
		return rc;
	}
	*out = g;
	return 0;
}

int opflow__io_error(const char *what, const char *path, int err)
{
	char msg[256];

#if defined(STRERROR_R_CHAR_P)
	const char *text = strerror_r(err, msg, sizeof msg);
#else
	const char *text = strerror_r(err, msg, sizeof msg) ? "I/O error" : msg;
#endif
	if (path)
		return opflow__error(OPFLOW_EIO, "cannot %s %k: %s", what, path,
		                     text);
	return opflow__error(OPFLOW_EIO, "cannot %s the stream: %s", what, text);
}

static int read_all(FILE *fp, const char *path, char **out, size_t *out_len)
{
	char *buf = NULL;
	size_t len = 0, cap = 0, run = 0;
	struct stat st;
	int rc;

	/* a regular file is read in one go, into room for all of it */
	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0 && (uintmax_t)st.st_size < SIZE_MAX / 4) {
		cap = (size_t)st.st_size + 65536;
		if (!(buf = opflow__malloc(cap)))
			return opflow__nomem();
	}
	for (;;) {
		size_t got, i;

		if (cap - len < 65536) {
			void *p = buf;

			if ((rc = opflow__grow(&p, &cap, len + 65536, 1))) {
				opflow__free(buf);
				return rc;
			}
			buf = p;
		}
		got = fread(buf + len, 1, cap - len, fp);
		/* a NUL byte ends the text's validity: what was read is
		 * enough to say where (and /dev/zero does not fill memory) */
		if (got && memchr(buf + len, '\0', got)) {
			len += got;
			break;
		}
		/* so does a line past the limit, once its first bytes past
		 * it (and past a byte-order mark and a carriage return) are
		 * read: an endless line does not fill memory either */
		for (i = got; i > 0 && buf[len + i - 1] != '\n'; i--)
			;
		run = i ? got - i : run + got;
		len += got;
		if (run > (size_t)OPFLOW__LINE_MAX + 8)
			break;
		if (got == 0) {
			if (ferror(fp)) {
				int err = errno;

				opflow__free(buf);
				return opflow__io_error("read", path, err ? err : EIO);
			}
			break;
		}
	}
	*out = buf;
	*out_len = len;
	return 0;
}

/* Reads fp to its end (path names it in messages, or NULL) and loads
 * what it holds. */
static int load_stream(opflow_graph **out, FILE *fp, const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;

	if ((rc = read_all(fp, path, &buf, &len)))
		return rc;
	rc = opflow_graph_load_buffer(out, buf, len);
	opflow__free(buf);
	return rc;
}

int opflow_graph_load_file(opflow_graph **out, FILE *fp)
{
	if (!out)
		return opflow__null_arg("opflow_graph_load_file", "out");
	if (!fp)
		return opflow__null_arg("opflow_graph_load_file", "fp");
	return load_stream(out, fp, NULL);
}

int opflow_graph_load_path(opflow_graph **out, const char *path)
{
	FILE *fp;
	int rc;

	if (!out)
		return opflow__null_arg("opflow_graph_load_path", "out");
	if (!path)
		return opflow__null_arg("opflow_graph_load_path", "path");
	fp = fopen(path, "rb");
	if (!fp)
		return opflow__io_error("open", path, errno);
	rc = load_stream(out, fp, path);
	fclose(fp);
	return rc;
}
