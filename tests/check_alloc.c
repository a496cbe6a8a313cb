/*
 * check_alloc.c - every call that allocates, with the Nth allocation
 * failing for N = 0, 1, 2, ... until the call goes through: each failure
 * returns OPFLOW_ENOMEM, leaks nothing, leaves the graph and the outputs
 * as they were, and the graph still takes the same call afterwards.
 *
 * The counting hook of testutil.c is installed in main(), before any
 * library object exists.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define SENTINEL_ID ((opflow_id)4242)
static char sentinel_object;
#define SENTINEL_GRAPH ((opflow_graph *)(void *)&sentinel_object)
#define SENTINEL_ANALYSIS ((opflow_analysis *)(void *)&sentinel_object)

/* ---------------------------------------------------------------- graphs */

static opflow_graph *empty_graph(void)
{
	return tu_graph();
}

/* Two activities and no flow. */
static opflow_graph *pair_graph(void)
{
	opflow_graph *g = tu_graph();

	tu_add(g, "left", OPFLOW_CATEGORY_SOURCING);
	tu_add(g, "right", OPFLOW_CATEGORY_ASSEMBLY);
	return g;
}

/*
 * Eight activities, eight flows and eight departments: the first
 * capacity of every table, so that one more of anything grows them all.
 * Estimates, explicit durations, labels, departments with names, parallel
 * flows, a negative lag and handoffs between departments.
 *   0 design  product-development  estimate 3/5/9   Engineering
 *   1 buy     procurement          4                Purchasing
 *   2 cut     manufacturing        estimate 1/2/4   Plant
 *   3 weld    manufacturing        3                Plant
 *   4 paint   manufacturing        2                Paint shop
 *   5 pack    packaging            1                Plant
 *   6 sell    sales                2                Sales
 *   7 serve   customer-service     estimate 1/1/6   Service
 * flows design->cut, buy->cut +1, cut->weld SS +1, cut->weld FF +2,
 *       weld->paint, paint->pack -0.5, pack->sell, sell->serve
 */
static opflow_graph *full_graph(void)
{
	static const struct {
		const char *key;
		opflow_category category;
		double duration, o, m, p;
		const char *department;
	} acts[] = {
		{ "design", OPFLOW_CATEGORY_PRODUCT_DEVELOPMENT, -1, 3, 5, 9,
		  "Engineering" },
		{ "buy", OPFLOW_CATEGORY_PROCUREMENT, 4, 0, 0, 0, "Purchasing" },
		{ "cut", OPFLOW_CATEGORY_MANUFACTURING, -1, 1, 2, 4, "Plant" },
		{ "weld", OPFLOW_CATEGORY_MANUFACTURING, 3, 0, 0, 0, "Plant" },
		{ "paint", OPFLOW_CATEGORY_MANUFACTURING, 2, 0, 0, 0,
		  "Paint shop" },
		{ "pack", OPFLOW_CATEGORY_PACKAGING, 1, 0, 0, 0, "Plant" },
		{ "sell", OPFLOW_CATEGORY_SALES, 2, 0, 0, 0, "Sales" },
		{ "serve", OPFLOW_CATEGORY_CUSTOMER_SERVICE, -1, 1, 1, 6,
		  "Service" },
	};
	static const struct {
		opflow_id s, t;
		opflow_flow_type type;
		double lag;
	} flows[] = {
		{ 0, 2, OPFLOW_FLOW_FS, 0 }, { 1, 2, OPFLOW_FLOW_FS, 1 },
		{ 2, 3, OPFLOW_FLOW_SS, 1 }, { 2, 3, OPFLOW_FLOW_FF, 2 },
		{ 3, 4, OPFLOW_FLOW_FS, 0 }, { 4, 5, OPFLOW_FLOW_FS, -0.5 },
		{ 5, 6, OPFLOW_FLOW_FS, 0 }, { 6, 7, OPFLOW_FLOW_FS, 0 },
	};
	opflow_graph *g = tu_graph();
	opflow_id id;

	for (size_t i = 0; i < COUNT(acts); i++) {
		opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;

		o.category = acts[i].category;
		o.department = acts[i].department;
		o.label = i % 2 ? "A label" : NULL;
		if (acts[i].duration >= 0) {
			o.has_duration = 1;
			o.duration = acts[i].duration;
		} else {
			o.has_estimate = 1;
			o.optimistic = acts[i].o;
			o.most_likely = acts[i].m;
			o.pessimistic = acts[i].p;
		}
		TU_OK(opflow_graph_add_activity_ext(&id, g, acts[i].key, &o));
	}
	for (size_t i = 0; i < COUNT(flows); i++)
		tu_flow(g, flows[i].s, flows[i].t, flows[i].type, flows[i].lag);
	TU_OK(opflow_graph_intern_department(&id, g, "Finance"));
	TU_OK(opflow_graph_intern_department(&id, g, "Legal"));
	TU_OK(opflow_graph_set_department_name(g, 0, "Engineering and design"));
	ck_assert_uint_eq(opflow_graph_activity_count(g), 8);
	ck_assert_uint_eq(opflow_graph_flow_count(g), 8);
	ck_assert_uint_eq(opflow_graph_department_count(g), 8);
	return g;
}

static opflow_graph *prepared_graph(void)
{
	opflow_graph *g = full_graph();

	TU_OK(opflow_graph_prepare(g));
	return g;
}

/* Seventy activities in a chain, each in a department of its own: more
 * departments than a dense handoff matrix is kept for. */
static opflow_graph *many_departments(void)
{
	opflow_graph *g = tu_graph();
	char key[32];

	for (int i = 0; i < 70; i++) {
		opflow_id id;

		snprintf(key, sizeof key, "step-%d", i);
		id = tu_add_dur(g, key, i % 2 ? OPFLOW_CATEGORY_ASSEMBLY
		                              : OPFLOW_CATEGORY_LOGISTICS, 1 + i % 3);
		snprintf(key, sizeof key, "department-%d", i);
		TU_OK(opflow_graph_set_activity_department(g, id, key));
		if (i > 0)
			tu_flow(g, id - 1, id, OPFLOW_FLOW_FS, 0);
		if (i > 1)
			tu_flow(g, id - 2, id, OPFLOW_FLOW_SS, 0.5);
	}
	return g;
}

/* The full graph with progress: design completed (0 - 4.5), buy and cut
 * in progress (cut with 1 left), sell to finish no later than 20. */
static opflow_graph *tracked_graph(void)
{
	opflow_graph *g = full_graph();

	TU_OK(opflow_graph_set_activity_tracking(g, 0,
	      OPFLOW_TRACK_ACTUAL_START, 0));
	TU_OK(opflow_graph_set_activity_tracking(g, 0,
	      OPFLOW_TRACK_ACTUAL_FINISH, 4.5));
	TU_OK(opflow_graph_set_activity_tracking(g, 1,
	      OPFLOW_TRACK_ACTUAL_START, 1));
	TU_OK(opflow_graph_set_activity_tracking(g, 2,
	      OPFLOW_TRACK_ACTUAL_START, 4.5));
	TU_OK(opflow_graph_set_activity_tracking(g, 2,
	      OPFLOW_TRACK_REMAINING, 1));
	TU_OK(opflow_graph_set_activity_tracking(g, 6,
	      OPFLOW_TRACK_FINISH_NO_LATER_THAN, 20));
	return g;
}

/* The full graph with two calendars and nothing assigned to them. */
static opflow_graph *calendar_graph(void)
{
	opflow_graph *g = full_graph();
	opflow_id id;

	TU_OK(opflow_graph_add_calendar(&id, g, "one-shift",
	                                "mon-fri 06:00-14:00"));
	TU_OK(opflow_graph_add_calendar(&id, g, "two-shift",
	    "mon-fri 06:00-14:00 14:00-22:00; sat 06:00-12:00; "
	    "2026-12-24..2026-12-26 off; 2026-12-31 06:00-10:00"));
	return g;
}

/* Eight calendars: the first capacity of the table, so that one more
 * grows it. */
static opflow_graph *eight_calendars(void)
{
	opflow_graph *g = calendar_graph();
	char key[32];

	for (int i = 2; i < 8; i++) {
		snprintf(key, sizeof key, "calendar-%d", i);
		TU_OK(opflow_graph_add_calendar(NULL, g, key,
		                                "mon-sat 07:00-15:00"));
	}
	ck_assert_uint_eq(opflow_graph_calendar_count(g), 8);
	return g;
}

/* The calendar graph dated (2026-12-21T06:00, in minutes), with a
 * default calendar, calendars for two departments and two activities,
 * and an elapsed flow. */
static opflow_graph *dated_graph(void)
{
	opflow_graph *g = calendar_graph();

	TU_OK(opflow_graph_set_default_calendar(g, 1));
	TU_OK(opflow_graph_set_department_calendar(g, 2, 0));
	TU_OK(opflow_graph_set_department_calendar(g, 4, 1));
	TU_OK(opflow_graph_set_activity_calendar(g, 3, 0));
	TU_OK(opflow_graph_set_activity_calendar(g, 6, 1));
	TU_OK(opflow_graph_set_flow_elapsed(g, 4, 1));
	TU_OK(opflow_graph_set_start(g, 1797832800));
	TU_OK(opflow_graph_set_unit(g, 60));
	return g;
}

/* The full graph with serve -> design closing a cycle through all. */
static opflow_graph *cyclic_graph(void)
{
	opflow_graph *g = full_graph();

	tu_flow(g, 7, 0, OPFLOW_FLOW_FS, 0);
	return g;
}

/* --------------------------------------------------------- the loop */

struct fx {
	opflow_graph *g;                /* the subject, if any */
	opflow_analysis *a;             /* an analysis of it, if needed */
	opflow_graph *made;             /* a graph the call made */
	opflow_analysis *result;        /* an analysis the call made */
};

struct op {
	const char *name;
	opflow_graph *(*setup)(void);   /* NULL: the call needs no graph */
	int (*run)(struct fx *fx);      /* checks its outputs, keeps results */
	int success;                    /* what it returns when it works */
	int mutates;                    /* compare a retry with a reference */
	int needs_analysis;
};

static void fx_free(struct fx *fx)
{
	opflow_graph_free(fx->made);
	opflow_analysis_free(fx->result);
	opflow_analysis_free(fx->a);
	opflow_graph_free(fx->g);
	memset(fx, 0, sizeof *fx);
}

static void fx_setup(struct fx *fx, const struct op *op)
{
	memset(fx, 0, sizeof *fx);
	if (op->setup)
		fx->g = op->setup();
	if (op->needs_analysis)
		TU_OK(opflow_analyze(&fx->a, fx->g, NULL));
}

static void alloc_loop(const struct op *op)
{
	long failures = 0;

	for (long n = 0;; n++) {
		struct fx fx;
		opflow_graph *before = NULL;
		int rc, failed;

		ck_assert_msg(tu_alloc_live() == 0, "%s: %zu blocks live before "
		              "round %ld", op->name, tu_alloc_live(), n);
		fx_setup(&fx, op);
		if (fx.g)
			before = tu_clone(fx.g);
		opflow_error_clear();

		tu_alloc_fail_at(n);
		rc = op->run(&fx);
		failed = tu_alloc_failed();
		tu_alloc_fail_at(-1);

		if (!failed) {
			/* every allocation went through: the call works */
			ck_assert_msg(rc == op->success,
			    "%s returned %d, expected %d: %s", op->name, rc,
			    op->success, opflow_error_message());
			opflow_graph_free(before);
			fx_free(&fx);
			opflow_error_clear();
			ck_assert_msg(tu_alloc_live() == 0,
			    "%s leaks %zu blocks when it succeeds", op->name,
			    tu_alloc_live());
			break;
		}
		failures++;
		ck_assert_msg(rc == OPFLOW_ENOMEM,
		    "%s with allocation %ld failing returned %d, expected "
		    "OPFLOW_ENOMEM: %s", op->name, n, rc, opflow_error_message());
		ck_assert_int_eq(opflow_error_code(), OPFLOW_ENOMEM);
		ck_assert_ptr_null(fx.made);
		ck_assert_ptr_null(fx.result);
		if (fx.g)
			ck_assert_msg(opflow_graph_equal(fx.g, before) == 1,
			    "%s with allocation %ld failing changed the graph",
			    op->name, n);
		if (fx.g && op->mutates) {
			/* the graph still takes the call, with the result a
			 * graph that never saw a failure gets */
			struct fx ref;

			fx_setup(&ref, op);
			ck_assert_int_eq(op->run(&ref), op->success);
			rc = op->run(&fx);
			ck_assert_msg(rc == op->success,
			    "%s failed again after allocation %ld had failed: "
			    "%d %s", op->name, n, rc, opflow_error_message());
			ck_assert_msg(opflow_graph_equal(fx.g, ref.g) == 1,
			    "%s after allocation %ld had failed gives another "
			    "graph", op->name, n);
			fx_free(&ref);
		}
		opflow_graph_free(before);
		fx_free(&fx);
		opflow_error_clear();
		ck_assert_msg(tu_alloc_live() == 0,
		    "%s leaks %zu blocks when allocation %ld fails", op->name,
		    tu_alloc_live(), n);
	}
	ck_assert_msg(failures > 0, "%s allocates nothing", op->name);
}

/* ------------------------------------------------------------ the calls */

static int run_graph_new(struct fx *fx)
{
	opflow_graph *g = SENTINEL_GRAPH;
	int rc = opflow_graph_new(&g);

	if (rc) {
		ck_assert_ptr_eq(g, SENTINEL_GRAPH);
	} else {
		ck_assert_ptr_nonnull(g);
		fx->made = g;
	}
	return rc;
}

/* An id output: untouched on failure, the next id on success. */
static void check_new_id(int rc, opflow_id id, size_t next)
{
	if (rc)
		ck_assert_uint_eq(id, SENTINEL_ID);
	else
		ck_assert_uint_eq(id, next);
}

static int run_add_activity(struct fx *fx)
{
	opflow_id id = SENTINEL_ID;
	size_t next = opflow_graph_activity_count(fx->g);
	int rc = opflow_graph_add_activity(&id, fx->g, "new-activity",
	                                   OPFLOW_CATEGORY_ASSEMBLY);

	check_new_id(rc, id, next);
	return rc;
}

static int run_add_activity_ext(struct fx *fx)
{
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
	opflow_id id = SENTINEL_ID;
	size_t next = opflow_graph_activity_count(fx->g);
	int rc;

	o.category = OPFLOW_CATEGORY_LOGISTICS;
	o.label = "Ship to the dealers";
	o.department = "Brand new department";
	o.has_estimate = 1;
	o.optimistic = 1;
	o.most_likely = 2;
	o.pessimistic = 3;
	rc = opflow_graph_add_activity_ext(&id, fx->g, "new-activity", &o);
	check_new_id(rc, id, next);
	return rc;
}

static int run_add_activities(struct fx *fx)
{
	static const char keys[] = "first-new\0second-new\0third-new";
	const int categories[] = { OPFLOW_CATEGORY_SALES, OPFLOW_CATEGORY_OTHER,
	                           OPFLOW_CATEGORY_ASSEMBLY };
	const int kinds[] = { OPFLOW_FROM_CATEGORY, OPFLOW_KIND_PRODUCTION,
	                      OPFLOW_FROM_CATEGORY };
	const double durations[] = { 1, 2, 3 };
	opflow_id id = SENTINEL_ID;
	size_t next = opflow_graph_activity_count(fx->g);
	int rc = opflow_graph_add_activities(&id, fx->g, 3, keys, sizeof keys,
	                                     categories, kinds, durations);

	check_new_id(rc, id, next);
	return rc;
}

static int run_add_flow(struct fx *fx)
{
	opflow_id id = SENTINEL_ID;
	size_t next = opflow_graph_flow_count(fx->g);
	int rc = opflow_graph_add_flow(&id, fx->g, 0, 1, OPFLOW_FLOW_SF, 2.5);

	check_new_id(rc, id, next);
	return rc;
}

static int run_add_flows(struct fx *fx)
{
	const opflow_id src[] = { 0, 1, 0 }, dst[] = { 1, 3, 7 };
	const int types[] = { OPFLOW_FLOW_SS, OPFLOW_FLOW_FS, OPFLOW_FLOW_FF };
	const double lags[] = { 1, 0, -3 };
	opflow_id id = SENTINEL_ID;
	size_t next = opflow_graph_flow_count(fx->g);
	int rc = opflow_graph_add_flows(&id, fx->g, 3, src, dst, types, lags);

	check_new_id(rc, id, next);
	return rc;
}

static int run_remove_activities(struct fx *fx)
{
	const opflow_id ids[] = { 3, 0, 5 };
	size_t n = opflow_graph_activity_count(fx->g);
	int rc = opflow_graph_remove_activities(fx->g, ids, 3);

	ck_assert_uint_eq(opflow_graph_activity_count(fx->g),
	                  rc ? n : n - 3);
	return rc;
}

static int run_remove_flows(struct fx *fx)
{
	const opflow_id ids[] = { 2, 0 };
	size_t m = opflow_graph_flow_count(fx->g);
	int rc = opflow_graph_remove_flows(fx->g, ids, 2);

	ck_assert_uint_eq(opflow_graph_flow_count(fx->g), rc ? m : m - 2);
	return rc;
}

static int run_intern_department(struct fx *fx)
{
	opflow_id id = SENTINEL_ID;
	size_t next = opflow_graph_department_count(fx->g);
	int rc = opflow_graph_intern_department(&id, fx->g, "Brand new department");

	check_new_id(rc, id, next);
	return rc;
}

/* activity 2 has no label, activity 1 has one */
static int run_set_label_new(struct fx *fx)
{
	return opflow_graph_set_activity_label(fx->g, 2, "A new label");
}

static int run_set_label_replace(struct fx *fx)
{
	return opflow_graph_set_activity_label(fx->g, 1, "Another label");
}

static int run_set_department(struct fx *fx)
{
	return opflow_graph_set_activity_department(fx->g, 3,
	                                            "Brand new department");
}

/* department 1 has no display name, department 0 has one */
static int run_set_department_name_new(struct fx *fx)
{
	return opflow_graph_set_department_name(fx->g, 1, "Buyers");
}

static int run_set_department_name_replace(struct fx *fx)
{
	return opflow_graph_set_department_name(fx->g, 0, "R&D");
}

static int run_clone(struct fx *fx)
{
	opflow_graph *c = SENTINEL_GRAPH;
	int rc = opflow_graph_clone(&c, fx->g);

	if (rc) {
		ck_assert_ptr_eq(c, SENTINEL_GRAPH);
	} else {
		ck_assert_int_eq(opflow_graph_equal(c, fx->g), 1);
		fx->made = c;
	}
	return rc;
}

static int run_add_calendar(struct fx *fx)
{
	opflow_id id = SENTINEL_ID;
	size_t next = opflow_graph_calendar_count(fx->g);
	int rc = opflow_graph_add_calendar(&id, fx->g, "night",
	    "mon 22:00-24:00; tue-fri 00:00-06:00 22:00-24:00; "
	    "sat 00:00-06:00; 2026-12-24..2026-12-26 off");

	check_new_id(rc, id, next);
	ck_assert_uint_eq(opflow_graph_calendar_count(fx->g),
	                  rc ? next : next + 1);
	return rc;
}

static int run_set_calendar_spec(struct fx *fx)
{
	return opflow_graph_set_calendar_spec(fx->g, 1,
	    "sat 06:00-12:00; mon-fri 06:00-14:00 14:00-22:00; "
	    "2027-01-01 off; 2026-12-31 06:00-10:00");
}

/* no activity and no department has a calendar yet */
static int run_set_activity_calendar(struct fx *fx)
{
	return opflow_graph_set_activity_calendar(fx->g, 7, 1);
}

static int run_set_department_calendar(struct fx *fx)
{
	return opflow_graph_set_department_calendar(fx->g, 7, 0);
}

static int run_prepare(struct fx *fx)
{
	return opflow_graph_prepare(fx->g);
}

static int analyze(struct fx *fx, int mode, int has_deadline)
{
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_analysis *a = SENTINEL_ANALYSIS;
	int rc;

	o.duration_mode = mode;
	o.has_deadline = has_deadline;
	o.deadline = 12;
	rc = opflow_analyze(&a, fx->g, &o);
	if (rc) {
		ck_assert_ptr_eq(a, SENTINEL_ANALYSIS);
	} else {
		ck_assert_ptr_nonnull(a);
		ck_assert_uint_eq(opflow_analysis_activity_count(a),
		                  opflow_graph_activity_count(fx->g));
		fx->result = a;
	}
	return rc;
}

static int run_set_tracking(struct fx *fx)
{
	return opflow_graph_set_activity_tracking(fx->g, 7,
	       OPFLOW_TRACK_START_NO_EARLIER_THAN, 3);
}

static int run_analyze_progress(struct fx *fx)
{
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_analysis *a = SENTINEL_ANALYSIS;
	int rc;

	o.has_status_date = 1;
	o.status_date = 5;
	o.logic = OPFLOW_LOGIC_OVERRIDE;
	o.duration_mode = OPFLOW_DURATIONS_PERT;
	rc = opflow_analyze(&a, fx->g, &o);
	if (rc) {
		ck_assert_ptr_eq(a, SENTINEL_ANALYSIS);
	} else {
		ck_assert_ptr_nonnull(a);
		fx->result = a;
	}
	return rc;
}

static int run_compare(struct fx *fx)
{
	opflow_comparison *c = (opflow_comparison *)(void *)&sentinel_object;
	int rc = opflow_compare(&c, fx->a, fx->a);

	if (rc)
		ck_assert_ptr_eq(c,
		    (opflow_comparison *)(void *)&sentinel_object);
	else
		opflow_comparison_free(c);
	return rc;
}

static int run_analyze(struct fx *fx)
{
	return analyze(fx, OPFLOW_DURATIONS_DETERMINISTIC, 0);
}

static int run_analyze_deadline(struct fx *fx)
{
	return analyze(fx, OPFLOW_DURATIONS_DETERMINISTIC, 1);
}

static int run_analyze_pert(struct fx *fx)
{
	return analyze(fx, OPFLOW_DURATIONS_PERT, 0);
}

static int run_analyze_pert_deadline(struct fx *fx)
{
	return analyze(fx, OPFLOW_DURATIONS_PERT, 1);
}

static int count_path(const opflow_id *ids, size_t length, void *payload)
{
	(void)ids;
	(void)length;
	++*(size_t *)payload;
	return 0;
}

static int run_critical_paths(struct fx *fx)
{
	size_t count = 999, seen = 0;
	int more = 999;
	int rc = opflow_analysis_critical_paths(&count, &more, fx->a, 100,
	                                        count_path, &seen);

	if (rc) {
		ck_assert_uint_eq(count, 999);
		ck_assert_int_eq(more, 999);
		ck_assert_uint_eq(seen, 0);
	} else {
		ck_assert_uint_gt(count, 0);
		ck_assert_uint_eq(count, seen);
		ck_assert_int_eq(more, 0);
	}
	return rc;
}


/* ------------------------------------------------ files, exports, checks */

static char sentinel_text;
#define SENTINEL_TEXT (&sentinel_text)

/* Every statement and attribute of the format, escapes and a BOM. */
static const char format_text[] =
	"\xEF\xBB\xBFopflow 1\r\n"
	"# a comment\n"
	"department eng name=\"Engineering \\\"R&D\\\"\"\n"
	"department plant\n"
	"activity design label=\"Design \\u{e9}\" category=product-development "
	"department=eng estimate=3/5/9\n"
	"activity buy category=procurement department=purchasing duration=4\n"
	"activity \"cut tubes\" category=manufacturing department=plant "
	"kind=production customer-facing=true duration=2 estimate=1/2/4 "
	"actual-start=0.5 remaining=1\n"
	"activity sell category=sales duration=2.5 finish-no-later-than=20\n"
	"flow design \"cut tubes\"\n"
	"flow buy \"cut tubes\" type=SS lag=-1\n"
	"flow \"cut tubes\" sell type=FF lag=0.5\n";

static int run_load(struct fx *fx)
{
	opflow_graph *g = SENTINEL_GRAPH;
	int rc = opflow_graph_load_buffer(&g, format_text, sizeof format_text - 1);

	if (rc) {
		ck_assert_ptr_eq(g, SENTINEL_GRAPH);
	} else {
		ck_assert_uint_eq(opflow_graph_activity_count(g), 4);
		fx->made = g;
	}
	return rc;
}

/* Text a call hands out: untouched on failure, freed here on success. */
static int text_result(int rc, char *text, size_t len, size_t at_least)
{
	if (rc) {
		ck_assert_ptr_eq(text, SENTINEL_TEXT);
		ck_assert_uint_eq(len, 4242);
	} else {
		ck_assert_uint_eq(strlen(text), len);
		ck_assert_uint_ge(len, at_least);
		opflow_free(text);
	}
	return rc;
}

static int run_save(struct fx *fx)
{
	char *text = SENTINEL_TEXT;
	size_t len = 4242;
	int rc = opflow_graph_save_buffer(&text, &len, fx->g);

	return text_result(rc, text, len, 9);
}

static int run_calendar_spec(struct fx *fx)
{
	char *text = SENTINEL_TEXT;
	size_t len = 4242;
	int rc = opflow_graph_calendar_spec(&text, &len, fx->g, 1);

	return text_result(rc, text, len, 20);
}

static int run_csv(struct fx *fx)
{
	char *text = SENTINEL_TEXT;
	size_t len = 4242;
	int rc = opflow_analysis_write_csv(&text, &len, fx->a, fx->g);

	return text_result(rc, text, len, 80);
}

static int run_json(struct fx *fx)
{
	char *text = SENTINEL_TEXT;
	size_t len = 4242;
	int rc = opflow_analysis_write_json(&text, &len, fx->a, fx->g);

	return text_result(rc, text, len, 80);
}

static int run_dot(struct fx *fx)
{
	char *text = SENTINEL_TEXT;
	size_t len = 4242;
	int rc = opflow_graph_write_dot(&text, &len, fx->g, fx->a);

	return text_result(rc, text, len, 20);
}

static int run_dot_plain(struct fx *fx)
{
	char *text = SENTINEL_TEXT;
	size_t len = 4242;
	int rc = opflow_graph_write_dot(&text, &len, fx->g, NULL);

	return text_result(rc, text, len, 20);
}

static int run_gantt(struct fx *fx)
{
	char *text = SENTINEL_TEXT;
	size_t len = 4242;
	int rc = opflow_analysis_write_gantt(&text, &len, fx->a, fx->g, NULL);

	return text_result(rc, text, len, 200);
}

static int run_check(struct fx *fx)
{
	opflow_findings *f = (opflow_findings *)(void *)&sentinel_object;
	int rc = opflow_graph_check(&f, fx->g, NULL);

	if (rc) {
		ck_assert_ptr_eq(f, (opflow_findings *)(void *)&sentinel_object);
	} else {
		ck_assert_uint_gt(opflow_findings_count(f), 0);
		opflow_findings_free(f);
	}
	return rc;
}

static const struct op ops[] = {
	{ "opflow_graph_new", NULL, run_graph_new, 0, 0, 0 },
	{ "opflow_graph_add_activity, empty graph", empty_graph,
	  run_add_activity, 0, 1, 0 },
	{ "opflow_graph_add_activity, growing", full_graph, run_add_activity,
	  0, 1, 0 },
	{ "opflow_graph_add_activity_ext, empty graph", empty_graph,
	  run_add_activity_ext, 0, 1, 0 },
	{ "opflow_graph_add_activity_ext, growing", full_graph,
	  run_add_activity_ext, 0, 1, 0 },
	{ "opflow_graph_add_activities, empty graph", empty_graph,
	  run_add_activities, 0, 1, 0 },
	{ "opflow_graph_add_activities, growing", full_graph,
	  run_add_activities, 0, 1, 0 },
	{ "opflow_graph_add_flow, first flow", pair_graph, run_add_flow, 0, 1,
	  0 },
	{ "opflow_graph_add_flow, growing", full_graph, run_add_flow, 0, 1, 0 },
	{ "opflow_graph_add_flows", full_graph, run_add_flows, 0, 1, 0 },
	{ "opflow_graph_remove_activities", full_graph, run_remove_activities,
	  0, 1, 0 },
	{ "opflow_graph_remove_flows", full_graph, run_remove_flows, 0, 1, 0 },
	{ "opflow_graph_intern_department, empty graph", empty_graph,
	  run_intern_department, 0, 1, 0 },
	{ "opflow_graph_intern_department, growing", full_graph,
	  run_intern_department, 0, 1, 0 },
	{ "opflow_graph_set_activity_label, new", full_graph,
	  run_set_label_new, 0, 1, 0 },
	{ "opflow_graph_set_activity_label, replacing", full_graph,
	  run_set_label_replace, 0, 1, 0 },
	{ "opflow_graph_set_activity_department", full_graph,
	  run_set_department, 0, 1, 0 },
	{ "opflow_graph_set_department_name, new", full_graph,
	  run_set_department_name_new, 0, 1, 0 },
	{ "opflow_graph_set_department_name, replacing", full_graph,
	  run_set_department_name_replace, 0, 1, 0 },
	{ "opflow_graph_clone", full_graph, run_clone, 0, 0, 0 },
	{ "opflow_graph_clone, empty graph", empty_graph, run_clone, 0, 0, 0 },
	{ "opflow_graph_prepare", full_graph, run_prepare, 0, 1, 0 },
	{ "opflow_graph_prepare, cycle", cyclic_graph, run_prepare,
	  OPFLOW_ECYCLE, 0, 0 },
	{ "opflow_analyze", full_graph, run_analyze, 0, 0, 0 },
	{ "opflow_analyze, deadline", full_graph, run_analyze_deadline, 0, 0,
	  0 },
	{ "opflow_analyze, PERT", full_graph, run_analyze_pert, 0, 0, 0 },
	{ "opflow_analyze, PERT and deadline", full_graph,
	  run_analyze_pert_deadline, 0, 0, 0 },
	{ "opflow_analyze, prepared graph", prepared_graph, run_analyze, 0, 0,
	  0 },
	{ "opflow_analyze, prepared graph, PERT and deadline", prepared_graph,
	  run_analyze_pert_deadline, 0, 0, 0 },
	{ "opflow_analyze, empty graph", empty_graph, run_analyze, 0, 0, 0 },
	{ "opflow_graph_set_activity_tracking, first entry", full_graph,
	  run_set_tracking, 0, 1, 0 },
	{ "opflow_analyze, progress", tracked_graph, run_analyze_progress, 0,
	  0, 0 },
	{ "opflow_compare", tracked_graph, run_compare, 0, 0, 1 },
	{ "opflow_analyze, many departments", many_departments, run_analyze, 0,
	  0, 0 },
	{ "opflow_graph_clone, many departments", many_departments, run_clone,
	  0, 0, 0 },
	{ "opflow_analyze, cycle", cyclic_graph, run_analyze, OPFLOW_ECYCLE,
	  0, 0 },
	{ "opflow_analyze, cycle, PERT and deadline", cyclic_graph,
	  run_analyze_pert_deadline, OPFLOW_ECYCLE, 0, 0 },
	{ "opflow_analysis_critical_paths", full_graph, run_critical_paths, 0,
	  0, 1 },
	{ "opflow_graph_add_calendar, first calendar", full_graph,
	  run_add_calendar, 0, 1, 0 },
	{ "opflow_graph_add_calendar, growing", eight_calendars,
	  run_add_calendar, 0, 1, 0 },
	{ "opflow_graph_set_calendar_spec", dated_graph,
	  run_set_calendar_spec, 0, 1, 0 },
	{ "opflow_graph_calendar_spec", dated_graph, run_calendar_spec, 0, 0,
	  0 },
	{ "opflow_graph_set_activity_calendar, first entry", calendar_graph,
	  run_set_activity_calendar, 0, 1, 0 },
	{ "opflow_graph_set_department_calendar, first entry", calendar_graph,
	  run_set_department_calendar, 0, 1, 0 },
	{ "opflow_graph_clone, calendars", dated_graph, run_clone, 0, 0, 0 },
	{ "opflow_graph_load_buffer", NULL, run_load, 0, 0, 0 },
	{ "opflow_graph_save_buffer", full_graph, run_save, 0, 0, 0 },
	{ "opflow_graph_save_buffer, empty graph", empty_graph, run_save, 0, 0,
	  0 },
	{ "opflow_analysis_write_csv", full_graph, run_csv, 0, 0, 1 },
	{ "opflow_analysis_write_json", full_graph, run_json, 0, 0, 1 },
	{ "opflow_analysis_write_json, many departments", many_departments,
	  run_json, 0, 0, 1 },
	{ "opflow_graph_write_dot", full_graph, run_dot, 0, 0, 1 },
	{ "opflow_graph_write_dot, no analysis", full_graph, run_dot_plain, 0,
	  0, 0 },
	{ "opflow_analysis_write_gantt", full_graph, run_gantt, 0, 0, 1 },
	{ "opflow_graph_check", full_graph, run_check, 0, 0, 0 },
	{ "opflow_graph_check, cycle", cyclic_graph, run_check, 0, 0, 0 },
};

START_TEST(allocation_failures)
{
	alloc_loop(&ops[_i]);
}
END_TEST

/* ------------------------------------------------------- the hook itself */

START_TEST(hook_sees_every_block)
{
	opflow_graph *g, *c;
	opflow_analysis *a;

	ck_assert_uint_eq(tu_alloc_live(), 0);
	g = full_graph();
	ck_assert_uint_gt(tu_alloc_live(), 0);
	c = tu_clone(g);
	TU_OK(opflow_analyze(&a, c, NULL));
	opflow_graph_free(g);
	opflow_graph_free(c);
	ck_assert_uint_gt(tu_alloc_live(), 0);
	opflow_analysis_free(a);
	ck_assert_uint_eq(tu_alloc_live(), 0);
	ck_assert_uint_eq(tu_alloc_bad_ctx(), 0);
}
END_TEST

/* A failed growth in the middle of many adds loses nothing added before. */
START_TEST(failure_after_growth_keeps_earlier_work)
{
	opflow_graph *g = tu_graph();
	char key[32];
	opflow_id id;
	int rc;

	for (int i = 0; i < 100; i++) {
		snprintf(key, sizeof key, "activity-%d", i);
		tu_alloc_fail_at(i % 3 == 0 ? 0 : -1);
		rc = opflow_graph_add_activity(&id, g, key, OPFLOW_CATEGORY_OTHER);
		if (tu_alloc_failed()) {
			ck_assert_int_eq(rc, OPFLOW_ENOMEM);
			tu_alloc_fail_at(-1);
			TU_OK(opflow_graph_add_activity(&id, g, key,
			                                OPFLOW_CATEGORY_OTHER));
		} else {
			TU_OK(rc);
		}
		tu_alloc_fail_at(-1);
		ck_assert_uint_eq(id, i);
	}
	for (int i = 0; i < 100; i++) {
		snprintf(key, sizeof key, "activity-%d", i);
		ck_assert_uint_eq(tu_find(g, key), i);
	}
	opflow_graph_free(g);
	ck_assert_uint_eq(tu_alloc_live(), 0);
}
END_TEST

/* Calls to the allocator during one analysis of g. */
static unsigned long analysis_calls(const opflow_graph *g)
{
	unsigned long before = tu_alloc_calls();
	opflow_analysis *a;

	TU_OK(opflow_analyze(&a, g, NULL));
	opflow_analysis_free(a);
	return tu_alloc_calls() - before;
}

/* The graph keeps its layout, the working block of its last analysis and
 * the last result freed: analysing it again allocates nothing, after an
 * edit of durations too.  While a result is held, the next analysis
 * takes the kept one, and the one after it allocates a block and the
 * variable part (two calls).  Adding an activity drops what is kept, so
 * the next analysis lays the graph out again, and the one after it is
 * back to none. */
START_TEST(repeated_analysis_allocates_nothing)
{
	opflow_graph *g = full_graph();
	opflow_analysis *held;
	opflow_id id;
	size_t kept;

	ck_assert_uint_gt(analysis_calls(g), 2);
	ck_assert_uint_eq(analysis_calls(g), 0);
	TU_OK(opflow_graph_set_activity_duration(g, 3, 7.5));
	ck_assert_uint_eq(analysis_calls(g), 0);
	kept = tu_alloc_calls();
	TU_OK(opflow_analyze(&held, g, NULL));
	ck_assert_uint_eq(tu_alloc_calls(), kept);
	ck_assert_uint_eq(analysis_calls(g), 2);
	kept = tu_alloc_live();
	opflow_analysis_free(held);     /* the slot is taken: freed */
	ck_assert_uint_eq(tu_alloc_live(), kept - 2);

	kept = tu_alloc_live();
	TU_OK(opflow_graph_add_activity(&id, g, "extra", OPFLOW_CATEGORY_SALES));
	ck_assert_uint_lt(tu_alloc_live(), kept);
	ck_assert_uint_gt(analysis_calls(g), 2);
	ck_assert_uint_eq(analysis_calls(g), 0);
	opflow_graph_free(g);
	ck_assert_uint_eq(tu_alloc_live(), 0);
}
END_TEST

/* a(2) -> b(3) -> c(4), finish-to-start, the first flow's lag given. */
static opflow_graph *chain3(double lag)
{
	opflow_graph *g;
	opflow_id id;

	TU_OK(opflow_graph_new(&g));
	TU_OK(opflow_graph_add_activity(&id, g, "a", OPFLOW_CATEGORY_SALES));
	TU_OK(opflow_graph_add_activity(&id, g, "b", OPFLOW_CATEGORY_SALES));
	TU_OK(opflow_graph_add_activity(&id, g, "c", OPFLOW_CATEGORY_SALES));
	TU_OK(opflow_graph_set_activity_duration(g, 0, 2));
	TU_OK(opflow_graph_set_activity_duration(g, 1, 3));
	TU_OK(opflow_graph_set_activity_duration(g, 2, 4));
	TU_OK(opflow_graph_add_flow(&id, g, 0, 1, OPFLOW_FLOW_FS, lag));
	TU_OK(opflow_graph_add_flow(&id, g, 1, 2, OPFLOW_FLOW_FS, 0));
	return g;
}

static double lead_time(const opflow_graph *g)
{
	opflow_analysis *a;
	double T;

	TU_OK(opflow_analyze(&a, g, NULL));
	TU_OK(opflow_analysis_figure(&T, a, OPFLOW_FIGURE_LEAD_TIME));
	opflow_analysis_free(a);
	return T;
}

/* The layout of a graph whose flows are all finish-to-start with a lag
 * of +0 keeps no types or lags: 2 * 8 + 2 bytes less a flow, 36 for the
 * two flows here.  Setting a lag of +0 (or -0, which the graph keeps as
 * +0) keeps it; any other lag drops it, and the layout built again keeps
 * every lag and takes later lags in place. */
START_TEST(plain_layout_keeps_no_lags)
{
	opflow_graph *g = chain3(0.0), *h = chain3(1.0);
	size_t plain, full;

	tu_alloc_largest_reset();
	TU_OK(opflow_graph_prepare(g));
	plain = tu_alloc_largest();
	tu_alloc_largest_reset();
	TU_OK(opflow_graph_prepare(h));
	full = tu_alloc_largest();
	ck_assert_uint_eq(full - plain, 36);

	ck_assert_double_eq(lead_time(g), 9);
	ck_assert_uint_eq(analysis_calls(g), 0);
	TU_OK(opflow_graph_set_flow_lag(g, 0, 0.0));
	ck_assert_uint_eq(analysis_calls(g), 0);
	TU_OK(opflow_graph_set_flow_lag(g, 0, -0.0));  /* kept as +0 */
	ck_assert_uint_eq(analysis_calls(g), 0);
	TU_OK(opflow_graph_set_flow_lag(g, 0, 1.5));
	ck_assert_uint_gt(analysis_calls(g), 2);        /* laid out again */
	ck_assert_double_eq(lead_time(g), 10.5);
	TU_OK(opflow_graph_set_flow_lag(g, 0, 0.0));
	ck_assert_uint_eq(analysis_calls(g), 0);        /* in place */
	ck_assert_double_eq(lead_time(g), 9);
	TU_OK(opflow_graph_set_flow_lag(g, 1, 2.0));
	ck_assert_uint_eq(analysis_calls(g), 0);
	ck_assert_double_eq(lead_time(g), 11);
	ck_assert_double_eq(lead_time(h), 10);
	opflow_graph_free(g);
	opflow_graph_free(h);
	ck_assert_uint_eq(tu_alloc_live(), 0);
}
END_TEST

/* A kept result serves the graph's next analysis only with that
 * analysis's names, order and departments: held while an activity is
 * removed and another with a key of the same length added (as many
 * activities, the same bytes of keys) and a department removed and
 * another added, then freed, it gives the next analysis its block with
 * the new names, order and department key.  A result freed after its
 * graph, and results freed together, leave nothing behind. */
START_TEST(kept_result_takes_the_new_graph)
{
	opflow_graph *g;
	opflow_analysis *a, *b;
	opflow_id id, f, d;
	const char *key;
	unsigned long kept;
	double es;

	g = chain3(0);          /* a(2) -> b(3) -> c(4) */
	TU_OK(opflow_graph_set_activity_department(g, 0, "sales"));
	TU_OK(opflow_analyze(&a, g, NULL));
	TU_OK(opflow_analysis_activity_key(&key, a, 1));
	ck_assert_str_eq(key, "b");

	/* c -> x(5) -> a: ids 0 a, 1 c, 2 x after b goes (the activities
	 * after it move down one id) */
	TU_OK(opflow_graph_remove_activity(g, 1));
	TU_OK(opflow_graph_find_activity(&id, g, "c"));
	ck_assert_uint_eq(id, 1);
	TU_OK(opflow_graph_add_activity(&id, g, "x", OPFLOW_CATEGORY_SALES));
	ck_assert_uint_eq(id, 2);
	TU_OK(opflow_graph_set_activity_duration(g, 2, 5));
	TU_OK(opflow_graph_add_flow(&f, g, 1, 2, OPFLOW_FLOW_FS, 0));
	TU_OK(opflow_graph_add_flow(&f, g, 2, 0, OPFLOW_FLOW_FS, 0));
	TU_OK(opflow_graph_remove_department(g, 0));
	TU_OK(opflow_graph_set_activity_department(g, 2, "works"));
	TU_OK(opflow_graph_find_department(&d, g, "works"));
	/* held over the edits (which dropped what the graph kept), then
	 * freed: the graph keeps it, and the next analysis takes it */
	opflow_analysis_free(a);
	kept = tu_alloc_calls();
	TU_OK(opflow_analyze(&a, g, NULL));
	/* the layout, its scratch and the working block: the result and
	 * its variable part are the kept ones */
	ck_assert_uint_eq(tu_alloc_calls() - kept, 3);
	TU_OK(opflow_analysis_activity_key(&key, a, 0));
	ck_assert_str_eq(key, "a");
	TU_OK(opflow_analysis_activity_key(&key, a, 1));
	ck_assert_str_eq(key, "c");
	TU_OK(opflow_analysis_activity_key(&key, a, 2));
	ck_assert_str_eq(key, "x");
	TU_OK(opflow_analysis_department_key(&key, a, d));
	ck_assert_str_eq(key, "works");
	/* c at 0, x at 4, a at 9 */
	TU_OK(opflow_analysis_schedule(&es, NULL, NULL, NULL, a, 0));
	ck_assert(es == 9.0);
	TU_OK(opflow_analysis_schedule(&es, NULL, NULL, NULL, a, 2));
	ck_assert(es == 4.0);

	/* two held, freed with the graph between them */
	TU_OK(opflow_analyze(&b, g, NULL));
	opflow_analysis_free(a);
	opflow_graph_free(g);
	TU_OK(opflow_analysis_activity_key(&key, b, 2));
	ck_assert_str_eq(key, "x");
	opflow_analysis_free(b);
	ck_assert_uint_eq(tu_alloc_live(), 0);
}
END_TEST

static void disarm(void)
{
	tu_alloc_fail_at(-1);
	opflow_error_clear();
}

static Suite *alloc_suite(void)
{
	Suite *s = suite_create("alloc");
	TCase *tc;

	tc = tcase_create("hook");
	tcase_add_checked_fixture(tc, disarm, disarm);
	tcase_add_test(tc, hook_sees_every_block);
	tcase_add_test(tc, failure_after_growth_keeps_earlier_work);
	tcase_add_test(tc, repeated_analysis_allocates_nothing);
	tcase_add_test(tc, kept_result_takes_the_new_graph);
	tcase_add_test(tc, plain_layout_keeps_no_lags);
	suite_add_tcase(s, tc);

	/* one case per call, so that a report names the call */
	for (size_t i = 0; i < COUNT(ops); i++) {
		tc = tcase_create(ops[i].name);
		tcase_add_checked_fixture(tc, disarm, disarm);
		tcase_add_loop_test(tc, allocation_failures, (int)i, (int)i + 1);
		suite_add_tcase(s, tc);
	}
	return s;
}

int main(void)
{
	int rc = tu_alloc_install();

	if (rc != 0) {
		fprintf(stderr, "check_alloc: opflow_set_allocator: %s\n",
		        opflow_error_message());
		return EXIT_FAILURE;
	}
	return tu_run(alloc_suite());
}
