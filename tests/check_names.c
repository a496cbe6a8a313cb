/*
 * check_names.c - versions, error codes and their texts, the calling
 * thread's error details, the names of every enumeration both ways, the
 * category table, and the rules of opflow_set_allocator.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "testutil.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* -------------------------------------------------------------- version */

START_TEST(version_macros_and_functions_agree)
{
	char text[64];

	snprintf(text, sizeof text, "%d.%d.%d", OPFLOW_VERSION_MAJOR,
	         OPFLOW_VERSION_MINOR, OPFLOW_VERSION_PATCH);
	ck_assert_str_eq(OPFLOW_VERSION, text);
	ck_assert_str_eq(opflow_version(), OPFLOW_VERSION);
	ck_assert_int_eq(OPFLOW_VERSION_NUMBER,
	                 OPFLOW_VERSION_MAJOR * 10000 +
	                 OPFLOW_VERSION_MINOR * 100 + OPFLOW_VERSION_PATCH);
	ck_assert_int_eq(opflow_version_number(), OPFLOW_VERSION_NUMBER);
	/* minor and patch must fit their two digits */
	ck_assert_int_lt(OPFLOW_VERSION_MINOR, 100);
	ck_assert_int_lt(OPFLOW_VERSION_PATCH, 100);
#ifdef PACKAGE_VERSION
	/* configure.ac takes the package version from the header */
	ck_assert_str_eq(PACKAGE_VERSION, OPFLOW_VERSION);
#endif
}
END_TEST

/* --------------------------------------------------------------- errors */

static int contains_ci(const char *text, const char *word)
{
	size_t n = strlen(word);

	for (; *text; text++) {
		size_t i = 0;

		while (i < n && text[i] &&
		       tolower((unsigned char)text[i]) ==
		       tolower((unsigned char)word[i]))
			i++;
		if (i == n)
			return 1;
	}
	return 0;
}

/* The codes are ABI: their numbers never change. */
static const struct {
	int code, number;
	const char *word, *other_word;  /* the text says one of these */
} codes[] = {
	{ OPFLOW_OK, 0, "success", "no error" },
	{ OPFLOW_ENOMEM, -1, "memory", "memory" },
	{ OPFLOW_EINVAL, -2, "invalid", "invalid" },
	{ OPFLOW_ENOTFOUND, -3, "not found", "no such" },
	{ OPFLOW_EEXISTS, -4, "exist", "exist" },
	{ OPFLOW_ECYCLE, -5, "cycle", "cycle" },
	{ OPFLOW_EPARSE, -6, "pars", "malformed" },
	{ OPFLOW_EIO, -7, "output", "I/O" },
	{ OPFLOW_ERANGE, -8, "range", "overflow" },
	{ OPFLOW_EMISUSE, -9, "misuse", "not allowed" },
	{ OPFLOW_ECANCELED, -10, "cancel", "stop" },
};

START_TEST(error_codes_are_fixed)
{
	for (size_t i = 0; i < COUNT(codes); i++)
		ck_assert_int_eq(codes[i].code, codes[i].number);
}
END_TEST

START_TEST(strerror_every_code)
{
	const int unknown[] = { 1, 2, -11, -12, -100, 1000, -2147483647 - 1 };
	const char *unknown_text = opflow_strerror(unknown[0]);

	for (size_t i = 0; i < COUNT(codes); i++) {
		const char *t = opflow_strerror(codes[i].code);

		ck_assert_ptr_nonnull(t);
		ck_assert_msg(contains_ci(t, codes[i].word) ||
		              contains_ci(t, codes[i].other_word),
		    "opflow_strerror(%d) is \"%s\"", codes[i].code, t);
		/* fixed text: the same pointer contents every time */
		ck_assert_str_eq(opflow_strerror(codes[i].code), t);
		for (size_t j = 0; j < i; j++)
			ck_assert_str_ne(t, opflow_strerror(codes[j].code));
	}
	ck_assert_ptr_nonnull(unknown_text);
	ck_assert_uint_gt(strlen(unknown_text), 0);
	for (size_t i = 0; i < COUNT(unknown); i++) {
		const char *t = opflow_strerror(unknown[i]);

		ck_assert_ptr_nonnull(t);
		ck_assert_str_eq(t, unknown_text);
	}
	for (size_t i = 0; i < COUNT(codes); i++)
		ck_assert_str_ne(unknown_text, opflow_strerror(codes[i].code));
}
END_TEST

START_TEST(error_details_set_and_cleared)
{
	opflow_kind k;

	opflow_error_clear();
	ck_assert_int_eq(opflow_error_code(), 0);
	ck_assert_ptr_nonnull(opflow_error_message());
	ck_assert_str_eq(opflow_error_message(), "");
	ck_assert_uint_eq(opflow_error_line(), 0);
	ck_assert_uint_eq(opflow_error_column(), 0);
	ck_assert_uint_eq(opflow_error_cycle_length(), 0);
	ck_assert_ptr_null(opflow_error_cycle_key(0));
	ck_assert_uint_eq(opflow_error_cycle_id(0), OPFLOW_NONE);

	ck_assert_int_eq(opflow_kind_from_name(&k, "bogus-kind"), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_error_code(), OPFLOW_EINVAL);
	ck_assert_ptr_nonnull(strstr(opflow_error_message(), "bogus-kind"));
	/* not a parse error: no line, no column */
	ck_assert_uint_eq(opflow_error_line(), 0);
	ck_assert_uint_eq(opflow_error_column(), 0);
	/* a successful call leaves the details alone */
	ck_assert_int_eq(opflow_kind_from_name(&k, "operation"), 0);
	ck_assert_int_eq(opflow_error_code(), OPFLOW_EINVAL);
	ck_assert_ptr_nonnull(strstr(opflow_error_message(), "bogus-kind"));
	/* a later failure replaces them */
	ck_assert_int_eq(opflow_graph_new(NULL), OPFLOW_EINVAL);
	ck_assert_ptr_null(strstr(opflow_error_message(), "bogus-kind"));
	opflow_error_clear();
	ck_assert_int_eq(opflow_error_code(), 0);
	ck_assert_ptr_nonnull(opflow_error_message());
	ck_assert_str_eq(opflow_error_message(), "");
}
END_TEST

/* A graph with the cycle "ring-a" -> "ring-b" -> "ring-a" made to fail
 * opflow_graph_prepare() on the calling thread. */
static void cycle_error(void)
{
	opflow_graph *g = tu_graph();

	tu_add(g, "ring-a", OPFLOW_CATEGORY_OTHER);
	tu_add(g, "ring-b", OPFLOW_CATEGORY_OTHER);
	tu_flow(g, 0, 1, OPFLOW_FLOW_FS, 0);
	tu_flow(g, 1, 0, OPFLOW_FLOW_FS, 0);
	ck_assert_int_eq(opflow_graph_prepare(g), OPFLOW_ECYCLE);
	opflow_graph_free(g);
}

struct fresh_thread {
	int code_at_start, code_after;
	int message_was_null, message_was_empty;
	size_t cycle_at_start, cycle_after;
	char message_after[256];
};

static void *fresh_thread_main(void *arg)
{
	struct fresh_thread *t = arg;
	opflow_graph *g = NULL;
	opflow_id id;

	t->code_at_start = opflow_error_code();
	t->message_was_null = opflow_error_message() == NULL;
	t->message_was_empty = !t->message_was_null &&
	                       opflow_error_message()[0] == '\0';
	t->cycle_at_start = opflow_error_cycle_length();
	/* its own errors, a cycle among them, left behind at exit */
	if (opflow_graph_new(&g) == 0) {
		if (opflow_graph_add_activity(&id, g, "ring-a",
		                              OPFLOW_CATEGORY_OTHER) == 0 &&
		    opflow_graph_add_activity(&id, g, "ring-b",
		                              OPFLOW_CATEGORY_OTHER) == 0 &&
		    opflow_graph_add_flow(&id, g, 0, 1, OPFLOW_FLOW_FS, 0) == 0 &&
		    opflow_graph_add_flow(&id, g, 1, 0, OPFLOW_FLOW_FS, 0) == 0)
			opflow_graph_prepare(g);
		t->cycle_after = opflow_error_cycle_length();
		opflow_graph_find_activity(&id, g, "ghost-of-thread");
		opflow_graph_free(g);
	}
	t->code_after = opflow_error_code();
	snprintf(t->message_after, sizeof t->message_after, "%s",
	         opflow_error_message());
	/* ... and a cycle again, so the thread exits holding its details */
	opflow_graph_new(&g);
	if (g) {
		opflow_graph_add_activity(&id, g, "x", OPFLOW_CATEGORY_OTHER);
		opflow_graph_add_activity(&id, g, "y", OPFLOW_CATEGORY_OTHER);
		opflow_graph_add_flow(&id, g, 0, 1, OPFLOW_FLOW_FS, 0);
		opflow_graph_add_flow(&id, g, 1, 0, OPFLOW_FLOW_FS, 0);
		opflow_graph_prepare(g);
		opflow_graph_free(g);
	}
	return NULL;
}

START_TEST(error_details_per_thread)
{
	struct fresh_thread t;
	pthread_t th;
	opflow_kind k;

	memset(&t, 0, sizeof t);
	/* this thread has a cycle error and then a name error */
	cycle_error();
	ck_assert_uint_eq(opflow_error_cycle_length(), 2);
	ck_assert_int_eq(pthread_create(&th, NULL, fresh_thread_main, &t), 0);
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	/* the other thread started clean, whatever this one had */
	ck_assert_int_eq(t.code_at_start, 0);
	ck_assert_int_eq(t.message_was_null, 0);
	ck_assert_int_eq(t.message_was_empty, 1);
	ck_assert_uint_eq(t.cycle_at_start, 0);
	/* and saw its own */
	ck_assert_uint_eq(t.cycle_after, 2);
	ck_assert_int_eq(t.code_after, OPFLOW_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(t.message_after, "ghost-of-thread"));
	/* while this one kept its own */
	ck_assert_int_eq(opflow_error_code(), OPFLOW_ECYCLE);
	ck_assert_uint_eq(opflow_error_cycle_length(), 2);
	ck_assert_ptr_nonnull(strstr(opflow_error_message(), "ring-a"));
	ck_assert_ptr_null(strstr(opflow_error_message(), "ghost"));

	ck_assert_int_eq(opflow_kind_from_name(&k, "main-thread-kind"),
	                 OPFLOW_EINVAL);
	memset(&t, 0, sizeof t);
	ck_assert_int_eq(pthread_create(&th, NULL, fresh_thread_main, &t), 0);
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	ck_assert_int_eq(t.code_at_start, 0);
	ck_assert_int_eq(opflow_error_code(), OPFLOW_EINVAL);
	ck_assert_ptr_nonnull(strstr(opflow_error_message(),
	                             "main-thread-kind"));
	ck_assert_uint_eq(opflow_error_cycle_length(), 0);
	opflow_error_clear();
}
END_TEST

#define RACERS 4
#define ROUNDS 500

struct racer {
	int index;
	pthread_barrier_t *start;
	int wrong;
};

/* Threads failing at the same time each read back their own message. */
static void *racer_main(void *arg)
{
	struct racer *r = arg;
	char name[64];
	opflow_stage s;

	pthread_barrier_wait(r->start);
	for (int i = 0; i < ROUNDS; i++) {
		snprintf(name, sizeof name, "racer-%d-round-%d", r->index, i);
		if (opflow_stage_from_name(&s, name) != OPFLOW_EINVAL ||
		    opflow_error_code() != OPFLOW_EINVAL ||
		    !strstr(opflow_error_message(), name))
			r->wrong++;
		if (i % 50 == 0) {
			opflow_error_clear();
			if (opflow_error_code() != 0 ||
			    opflow_error_message()[0] != '\0')
				r->wrong++;
		}
	}
	return NULL;
}

START_TEST(error_details_do_not_race)
{
	pthread_t th[RACERS];
	struct racer r[RACERS];
	pthread_barrier_t start;

	ck_assert_int_eq(pthread_barrier_init(&start, NULL, RACERS), 0);
	for (int i = 0; i < RACERS; i++) {
		r[i].index = i;
		r[i].start = &start;
		r[i].wrong = 0;
		ck_assert_int_eq(pthread_create(&th[i], NULL, racer_main, &r[i]),
		                 0);
	}
	for (int i = 0; i < RACERS; i++) {
		ck_assert_int_eq(pthread_join(th[i], NULL), 0);
		ck_assert_int_eq(r[i].wrong, 0);
	}
	pthread_barrier_destroy(&start);
}
END_TEST

/* ---------------------------------------------------------------- names */

/* Each enumeration behind one shape: value -> name, name -> value.  The
 * value written on failure is the sentinel 77, so a failed call that
 * wrote its output shows. */
#define ADAPT(prefix, type)                                                   \
	static const char *prefix##_name(int v)                               \
	{                                                                     \
		return opflow_##prefix##_name((type)v);                       \
	}                                                                     \
	static int prefix##_from(int *out, const char *name)                  \
	{                                                                     \
		type t = (type)77;                                            \
		int rc = opflow_##prefix##_from_name(out ? &t : NULL, name);  \
		if (out)                                                      \
			*out = (int)t;                                        \
		return rc;                                                    \
	}

ADAPT(kind, opflow_kind)
ADAPT(category, opflow_category)
ADAPT(flow_type, opflow_flow_type)
ADAPT(stage, opflow_stage)
ADAPT(scor, opflow_scor)
ADAPT(porter, opflow_porter)
ADAPT(duration_mode, opflow_duration_mode)
ADAPT(figure, opflow_figure)
ADAPT(distribution, opflow_distribution)
ADAPT(measure, opflow_measure)

struct entry {
	int value, number;      /* the constant, and its number typed in */
	const char *name;       /* as DESIGN.md spells it */
};

static const struct entry kinds[] = {
	{ OPFLOW_KIND_PRODUCTION, 0, "production" },
	{ OPFLOW_KIND_OPERATION, 1, "operation" },
};

static const struct entry categories[] = {
	{ OPFLOW_CATEGORY_SOURCING, 0, "sourcing" },
	{ OPFLOW_CATEGORY_PROCUREMENT, 1, "procurement" },
	{ OPFLOW_CATEGORY_MANUFACTURING, 2, "manufacturing" },
	{ OPFLOW_CATEGORY_ASSEMBLY, 3, "assembly" },
	{ OPFLOW_CATEGORY_QUALITY_CONTROL, 4, "quality-control" },
	{ OPFLOW_CATEGORY_PACKAGING, 5, "packaging" },
	{ OPFLOW_CATEGORY_MARKET_RESEARCH, 6, "market-research" },
	{ OPFLOW_CATEGORY_PRODUCT_DEVELOPMENT, 7, "product-development" },
	{ OPFLOW_CATEGORY_MARKETING, 8, "marketing" },
	{ OPFLOW_CATEGORY_SALES, 9, "sales" },
	{ OPFLOW_CATEGORY_LOGISTICS, 10, "logistics" },
	{ OPFLOW_CATEGORY_DISTRIBUTION, 11, "distribution" },
	{ OPFLOW_CATEGORY_CUSTOMER_SERVICE, 12, "customer-service" },
	{ OPFLOW_CATEGORY_AFTER_SALES, 13, "after-sales" },
	{ OPFLOW_CATEGORY_OTHER, 14, "other" },
};

static const struct entry flow_types[] = {
	{ OPFLOW_FLOW_FS, 0, "FS" },
	{ OPFLOW_FLOW_SS, 1, "SS" },
	{ OPFLOW_FLOW_FF, 2, "FF" },
	{ OPFLOW_FLOW_SF, 3, "SF" },
};

static const struct entry stages[] = {
	{ OPFLOW_STAGE_PRODUCTION, 0, "production" },
	{ OPFLOW_STAGE_PRE_PRODUCTION, 1, "pre-production" },
	{ OPFLOW_STAGE_POST_PRODUCTION, 2, "post-production" },
	{ OPFLOW_STAGE_INTERLEAVED, 3, "interleaved" },
	{ OPFLOW_STAGE_INDEPENDENT, 4, "independent" },
};

static const struct entry scors[] = {
	{ OPFLOW_SCOR_PLAN, 0, "plan" },
	{ OPFLOW_SCOR_SOURCE, 1, "source" },
	{ OPFLOW_SCOR_MAKE, 2, "make" },
	{ OPFLOW_SCOR_DELIVER, 3, "deliver" },
	{ OPFLOW_SCOR_RETURN, 4, "return" },
	{ OPFLOW_SCOR_ENABLE, 5, "enable" },
	{ OPFLOW_SCOR_NONE, 6, "none" },
};

static const struct entry porters[] = {
	{ OPFLOW_PORTER_PRIMARY, 0, "primary" },
	{ OPFLOW_PORTER_SUPPORT, 1, "support" },
	{ OPFLOW_PORTER_NONE, 2, "none" },
};

/* DESIGN.md does not fix these two; they are the names the options and
 * the file format use. */
static const struct entry duration_modes[] = {
	{ OPFLOW_DURATIONS_DETERMINISTIC, 0, "deterministic" },
	{ OPFLOW_DURATIONS_PERT, 1, "pert" },
};

/* The distributions of DESIGN.md, "Uncertainty", as the tool spells
 * them, and what a simulation's statistics are about. */
static const struct entry distributions[] = {
	{ OPFLOW_DISTRIBUTION_TRIANGULAR, 0, "triangular" },
	{ OPFLOW_DISTRIBUTION_PERT, 1, "pert" },
};

static const struct entry measures[] = {
	{ OPFLOW_MEASURE_LEAD_TIME, 0, "lead_time" },
	{ OPFLOW_MEASURE_PRODUCTION_SPAN, 1, "production_span" },
};

/* The scope, timeframe and PERT names of DESIGN.md, as figures. */
static const struct entry figures[] = {
	{ OPFLOW_FIGURE_ACTIVITIES, 0, "activities" },
	{ OPFLOW_FIGURE_PRODUCTION_ACTIVITIES, 1, "production_activities" },
	{ OPFLOW_FIGURE_OPERATION_ACTIVITIES, 2, "operation_activities" },
	{ OPFLOW_FIGURE_EFFORT, 3, "effort" },
	{ OPFLOW_FIGURE_PRODUCTION_EFFORT, 4, "production_effort" },
	{ OPFLOW_FIGURE_PRODUCTION_SHARE, 5, "production_share" },
	{ OPFLOW_FIGURE_PRODUCTION_EFFORT_SHARE, 6, "production_effort_share" },
	{ OPFLOW_FIGURE_DEPARTMENTS, 7, "departments" },
	{ OPFLOW_FIGURE_PRODUCTION_DEPARTMENTS, 8, "production_departments" },
	{ OPFLOW_FIGURE_CATEGORIES, 9, "categories" },
	{ OPFLOW_FIGURE_PRODUCTION_CATEGORIES, 10, "production_categories" },
	{ OPFLOW_FIGURE_CUSTOMER_FACING, 11, "customer_facing" },
	{ OPFLOW_FIGURE_CUSTOMER_FACING_EFFORT, 12, "customer_facing_effort" },
	{ OPFLOW_FIGURE_HANDOFFS, 13, "handoffs" },
	{ OPFLOW_FIGURE_PRODUCTION_HANDOFFS, 14, "production_handoffs" },
	{ OPFLOW_FIGURE_BOUNDARY_HANDOFFS, 15, "boundary_handoffs" },
	{ OPFLOW_FIGURE_OPERATION_HANDOFFS, 16, "operation_handoffs" },
	{ OPFLOW_FIGURE_LEAD_TIME, 17, "lead_time" },
	{ OPFLOW_FIGURE_PRODUCTION_START, 18, "production_start" },
	{ OPFLOW_FIGURE_PRODUCTION_END, 19, "production_end" },
	{ OPFLOW_FIGURE_PRODUCTION_WINDOW, 20, "production_window" },
	{ OPFLOW_FIGURE_PRE_PRODUCTION, 21, "pre_production" },
	{ OPFLOW_FIGURE_POST_PRODUCTION, 22, "post_production" },
	{ OPFLOW_FIGURE_PRODUCTION_SPAN, 23, "production_span" },
	{ OPFLOW_FIGURE_TIMEFRAME_RATIO, 24, "timeframe_ratio" },
	{ OPFLOW_FIGURE_PERT_LEAD_TIME, 25, "pert_lead_time" },
	{ OPFLOW_FIGURE_PERT_STDDEV, 26, "pert_stddev" },
	{ OPFLOW_FIGURE_PERT_PROBABILITY, 27, "pert_probability" },
	{ OPFLOW_FIGURE_WORKING_LEAD_TIME, 28, "working_lead_time" },
};

static const struct {
	const char *what;
	const struct entry *entries;
	size_t count;
	const char *(*name)(int v);
	int (*from)(int *out, const char *name);
} enums[] = {
#define ENUM(table, prefix) \
	{ #prefix, table, COUNT(table), prefix##_name, prefix##_from }
	ENUM(kinds, kind),
	ENUM(categories, category),
	ENUM(flow_types, flow_type),
	ENUM(stages, stage),
	ENUM(scors, scor),
	ENUM(porters, porter),
	ENUM(duration_modes, duration_mode),
	ENUM(figures, figure),
	ENUM(distributions, distribution),
	ENUM(measures, measure),
#undef ENUM
};

START_TEST(enum_values_are_fixed)
{
	for (size_t e = 0; e < COUNT(enums); e++)
		for (size_t i = 0; i < enums[e].count; i++)
			ck_assert_msg(enums[e].entries[i].value ==
			              enums[e].entries[i].number,
			    "%s %s is %d, expected %d", enums[e].what,
			    enums[e].entries[i].name, enums[e].entries[i].value,
			    enums[e].entries[i].number);
}
END_TEST

START_TEST(names_both_ways)
{
	for (size_t e = 0; e < COUNT(enums); e++) {
		for (size_t i = 0; i < enums[e].count; i++) {
			const struct entry *x = &enums[e].entries[i];
			const char *n = enums[e].name(x->value);
			int v = -1;

			ck_assert_msg(n && strcmp(n, x->name) == 0,
			    "%s %d is named %s, expected %s", enums[e].what,
			    x->value, n ? n : "NULL", x->name);
			ck_assert_msg(enums[e].from(&v, x->name) == 0 &&
			              v == x->value,
			    "%s \"%s\" reads as %d, expected %d: %s",
			    enums[e].what, x->name, v, x->value,
			    opflow_error_message());
		}
	}
}
END_TEST

START_TEST(unknown_values_have_no_name)
{
	for (size_t e = 0; e < COUNT(enums); e++) {
		const int unknown[] = { (int)enums[e].count,
		                        (int)enums[e].count + 1, -1, 1000,
		                        -2147483647 - 1 };

		for (size_t i = 0; i < COUNT(unknown); i++)
			ck_assert_msg(enums[e].name(unknown[i]) == NULL,
			    "%s %d has the name %s", enums[e].what, unknown[i],
			    enums[e].name(unknown[i]));
	}
}
END_TEST

START_TEST(unknown_names_refused)
{
	for (size_t e = 0; e < COUNT(enums); e++) {
		char padded[64], cut[64];
		const char *first = enums[e].entries[0].name;
		const char *unknown[] = { "", "bogus", "no-such-name", padded,
		                          cut, " none" };
		int v;

		snprintf(padded, sizeof padded, "%s ", first);
		snprintf(cut, sizeof cut, "%.*s", (int)strlen(first) - 1, first);
		for (size_t i = 0; i < COUNT(unknown); i++) {
			int rc = enums[e].from(&v, unknown[i]);

			ck_assert_msg(rc == OPFLOW_EINVAL,
			    "%s \"%s\": %d, expected OPFLOW_EINVAL", enums[e].what,
			    unknown[i], rc);
			ck_assert_int_eq(opflow_error_code(), OPFLOW_EINVAL);
			ck_assert_msg(v == 77, "%s \"%s\" wrote %d", enums[e].what,
			              unknown[i], v);
			if (unknown[i][0])
				ck_assert_msg(strstr(opflow_error_message(),
				                     unknown[i]) != NULL,
				    "the message \"%s\" does not name \"%s\"",
				    opflow_error_message(), unknown[i]);
		}
		ck_assert_int_eq(enums[e].from(&v, NULL), OPFLOW_EINVAL);
		ck_assert_int_eq(v, 77);
		ck_assert_int_eq(enums[e].from(NULL, first), OPFLOW_EINVAL);
	}
}
END_TEST

/* The names are shared: a stage and a kind both say "production", a SCOR
 * process and a Porter class both "none". */
START_TEST(shared_names)
{
	opflow_stage s;
	opflow_kind k;
	opflow_scor sc;
	opflow_porter p;

	ck_assert_int_eq(opflow_stage_from_name(&s, "production"), 0);
	ck_assert_int_eq(s, OPFLOW_STAGE_PRODUCTION);
	ck_assert_int_eq(opflow_kind_from_name(&k, "production"), 0);
	ck_assert_int_eq(k, OPFLOW_KIND_PRODUCTION);
	ck_assert_int_eq(opflow_scor_from_name(&sc, "none"), 0);
	ck_assert_int_eq(sc, OPFLOW_SCOR_NONE);
	ck_assert_int_eq(opflow_porter_from_name(&p, "none"), 0);
	ck_assert_int_eq(p, OPFLOW_PORTER_NONE);
	/* a category's name is not a kind's */
	ck_assert_int_eq(opflow_kind_from_name(&k, "manufacturing"),
	                 OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_stage_from_name(&s, "operation"), OPFLOW_EINVAL);
}
END_TEST

/* ------------------------------------------------------- category table */

START_TEST(category_table)
{
	ck_assert_uint_eq(tu_category_count, COUNT(categories));
	for (size_t i = 0; i < tu_category_count; i++) {
		const struct tu_category_row *r = &tu_categories[i];
		opflow_kind kind = (opflow_kind)77;
		int cf = 77;
		opflow_scor scor = (opflow_scor)77;
		opflow_porter porter = (opflow_porter)77;
		const char *activity = "unset";

		ck_assert_str_eq(opflow_category_name(r->category), r->name);
		ck_assert_int_eq(opflow_category_info(&kind, &cf, &scor, &porter,
		                                      &activity, r->category), 0);
		ck_assert_msg(kind == r->kind && cf == r->customer_facing &&
		              scor == r->scor && porter == r->porter,
		    "%s: kind %s, customer-facing %d, SCOR %s, Porter %s; "
		    "expected %s, %d, %s, %s", r->name,
		    opflow_kind_name(kind), cf, opflow_scor_name(scor),
		    opflow_porter_name(porter), opflow_kind_name(r->kind),
		    r->customer_facing, opflow_scor_name(r->scor),
		    opflow_porter_name(r->porter));
		if (r->porter_activity)
			ck_assert_msg(activity &&
			              strcmp(activity, r->porter_activity) == 0,
			    "%s: Porter activity %s, expected %s", r->name,
			    activity ? activity : "NULL", r->porter_activity);
		else
			ck_assert_msg(activity == NULL,
			    "%s: Porter activity %s, expected NULL", r->name,
			    activity);
		/* any output may be NULL */
		ck_assert_int_eq(opflow_category_info(NULL, NULL, NULL, NULL,
		                                      NULL, r->category), 0);
		ck_assert_int_eq(opflow_category_info(NULL, &cf, NULL, NULL,
		                                      NULL, r->category), 0);
		ck_assert_int_eq(cf, r->customer_facing);
	}
}
END_TEST

START_TEST(category_info_unknown)
{
	const int unknown[] = { 15, -1, 1000 };

	for (size_t i = 0; i < COUNT(unknown); i++) {
		opflow_kind kind = (opflow_kind)77;
		int cf = 77;
		opflow_scor scor = (opflow_scor)77;
		opflow_porter porter = (opflow_porter)77;
		const char *activity = "unset";
		char num[16];

		snprintf(num, sizeof num, "%d", unknown[i]);
		ck_assert_int_eq(opflow_category_info(&kind, &cf, &scor, &porter,
		                     &activity, (opflow_category)unknown[i]),
		                 OPFLOW_EINVAL);
		ck_assert_ptr_nonnull(strstr(opflow_error_message(), num));
		ck_assert_int_eq(kind, 77);
		ck_assert_int_eq(cf, 77);
		ck_assert_int_eq(scor, 77);
		ck_assert_int_eq(porter, 77);
		ck_assert_str_eq(activity, "unset");
	}
}
END_TEST

/* ------------------------------------------------------------ allocator */

static void *plain_malloc(size_t size, void *ctx)
{
	(void)ctx;
	return malloc(size);
}

static void *plain_realloc(void *ptr, size_t size, void *ctx)
{
	(void)ctx;
	return realloc(ptr, size);
}

static void plain_free(void *ptr, void *ctx)
{
	(void)ctx;
	free(ptr);
}

START_TEST(set_allocator_all_or_none)
{
	for (int mask = 1; mask < 7; mask++) {
		int rc = opflow_set_allocator(mask & 1 ? plain_malloc : NULL,
		                              mask & 2 ? plain_realloc : NULL,
		                              mask & 4 ? plain_free : NULL, NULL);

		ck_assert_msg(rc == OPFLOW_EINVAL, "mask %d: %d", mask, rc);
		ck_assert_int_eq(opflow_error_code(), OPFLOW_EINVAL);
		ck_assert_uint_gt(strlen(opflow_error_message()), 0);
	}
	ck_assert_int_eq(opflow_set_allocator(plain_malloc, plain_realloc,
	                                      plain_free, NULL), 0);
	ck_assert_int_eq(opflow_set_allocator(NULL, NULL, NULL, NULL), 0);
}
END_TEST

START_TEST(set_allocator_only_without_live_objects)
{
	opflow_graph *g;
	opflow_analysis *a = NULL;

	TU_OK(tu_alloc_install());
	ck_assert_uint_eq(tu_alloc_live(), 0);
	g = tu_graph();
	/* the hook serves the library, with its context */
	ck_assert_uint_gt(tu_alloc_live(), 0);
	tu_add(g, "a", OPFLOW_CATEGORY_MANUFACTURING);
	ck_assert_uint_eq(tu_alloc_bad_ctx(), 0);

	ck_assert_int_eq(opflow_set_allocator(plain_malloc, plain_realloc,
	                                      plain_free, NULL), OPFLOW_EMISUSE);
	ck_assert_int_eq(opflow_error_code(), OPFLOW_EMISUSE);
	ck_assert_int_eq(opflow_set_allocator(NULL, NULL, NULL, NULL),
	                 OPFLOW_EMISUSE);
	/* an analysis alone keeps it refused */
	TU_OK(opflow_analyze(&a, g, NULL));
	opflow_graph_free(g);
	ck_assert_uint_gt(tu_alloc_live(), 0);
	ck_assert_int_eq(opflow_set_allocator(NULL, NULL, NULL, NULL),
	                 OPFLOW_EMISUSE);
	opflow_analysis_free(a);
	ck_assert_uint_eq(tu_alloc_live(), 0);
	/* the details of a cycle error hold memory of the hook too: the
	 * hook stays until they are cleared */
	g = tu_graph();
	tu_add(g, "x", OPFLOW_CATEGORY_OTHER);
	tu_add(g, "y", OPFLOW_CATEGORY_OTHER);
	tu_flow(g, 0, 1, OPFLOW_FLOW_FS, 0);
	tu_flow(g, 1, 0, OPFLOW_FLOW_SS, 0);
	ck_assert_int_eq(opflow_analyze(&a, g, NULL), OPFLOW_ECYCLE);
	opflow_graph_free(g);
	ck_assert_uint_eq(opflow_error_cycle_length(), 2);
	ck_assert_uint_eq(tu_alloc_live(), 1);
	ck_assert_int_eq(opflow_set_allocator(plain_malloc, plain_realloc,
	                                      plain_free, NULL), OPFLOW_EMISUSE);
	ck_assert_uint_eq(opflow_error_cycle_length(), 0);  /* replaced */
	ck_assert_uint_eq(tu_alloc_live(), 0);
	opflow_error_clear();
	/* freeing nothing frees nothing */
	opflow_free(NULL);
	ck_assert_uint_eq(tu_alloc_live(), 0);
	/* allowed again once everything is freed */
	ck_assert_int_eq(opflow_set_allocator(plain_malloc, plain_realloc,
	                                      plain_free, NULL), 0);
	ck_assert_int_eq(opflow_set_allocator(NULL, NULL, NULL, NULL), 0);
	/* and the default serves again: nothing more through the hook */
	{
		unsigned long calls = tu_alloc_calls();

		g = tu_graph();
		tu_add(g, "b", OPFLOW_CATEGORY_OTHER);
		opflow_graph_free(g);
		ck_assert_uint_eq(tu_alloc_calls(), calls);
	}
	ck_assert_uint_eq(tu_alloc_bad_ctx(), 0);
}
END_TEST

/* ------------------------------------------------------------------ main */

static Suite *names_suite(void)
{
	Suite *s = suite_create("names");
	TCase *tc;

	tc = tcase_create("version");
	tcase_add_test(tc, version_macros_and_functions_agree);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_test(tc, error_codes_are_fixed);
	tcase_add_test(tc, strerror_every_code);
	tcase_add_test(tc, error_details_set_and_cleared);
	tcase_add_test(tc, error_details_per_thread);
	tcase_add_test(tc, error_details_do_not_race);
	suite_add_tcase(s, tc);

	tc = tcase_create("names");
	tcase_add_test(tc, enum_values_are_fixed);
	tcase_add_test(tc, names_both_ways);
	tcase_add_test(tc, unknown_values_have_no_name);
	tcase_add_test(tc, unknown_names_refused);
	tcase_add_test(tc, shared_names);
	tcase_add_test(tc, category_table);
	tcase_add_test(tc, category_info_unknown);
	suite_add_tcase(s, tc);

	tc = tcase_create("allocator");
	tcase_add_test(tc, set_allocator_all_or_none);
	tcase_add_test(tc, set_allocator_only_without_live_objects);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(names_suite());
}
