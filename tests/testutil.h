/*
 * testutil.h - what the Check suites share: a counting allocator hook
 * that can fail the Nth allocation, assertions that a failing call
 * returned its code, named its culprit and left the graph as it was, and
 * the category table of DESIGN.md typed in by hand.
 */
#ifndef OPFLOW_TESTUTIL_H
#define OPFLOW_TESTUTIL_H

#include <opflow.h>

#include <check.h>
#include <stddef.h>

/* ------------------------------------------------------------ allocator */

/* Installs the counting hook with opflow_set_allocator (no library
 * object may be alive); tu_alloc_uninstall() restores the default.  Both
 * return what opflow_set_allocator returned. */
int tu_alloc_install(void);
int tu_alloc_uninstall(void);
/* Blocks the hook handed out and not yet freed (realloc keeps a block). */
size_t tu_alloc_live(void);
/* Calls of malloc and realloc through the hook since it was installed. */
unsigned long tu_alloc_calls(void);
/* The largest size asked of malloc or realloc through the hook since it
 * was installed or since tu_alloc_largest_reset(). */
size_t tu_alloc_largest(void);
void tu_alloc_largest_reset(void);
/* Fails the nth allocation (malloc or realloc) from now on: 0 the next
 * one, 1 the one after, ...; only that one.  A negative n disarms. */
void tu_alloc_fail_at(long n);
/* 1 when the armed failure has happened since tu_alloc_fail_at(). */
int tu_alloc_failed(void);
/* Calls of the hook that did not get the context pointer it was given. */
unsigned long tu_alloc_bad_ctx(void);

/* ---------------------------------------------------------------- graphs */

/* A clone of g (the test fails if it cannot be made). */
opflow_graph *tu_clone(const opflow_graph *g);
/* A new empty graph and an activity added to g, its id returned. */
opflow_graph *tu_graph(void);
opflow_id tu_add(opflow_graph *g, const char *key, opflow_category category);
opflow_id tu_add_dur(opflow_graph *g, const char *key,
                     opflow_category category, double duration);
opflow_id tu_flow(opflow_graph *g, opflow_id source, opflow_id target,
                  opflow_flow_type type, double lag);
/* The id of the activity with this key (the test fails without one). */
opflow_id tu_find(const opflow_graph *g, const char *key);

/* NULL when the thread's error message contains every needle (a list
 * ended by NULL), else the first needle missing. */
const char *tu_message_lacks(const char *const *needles);

/* Asserts that CALL returns CODE, that opflow_error_code() agrees, that
 * the message contains every needle, and that GRAPH (may be NULL) is
 * equal to a clone taken before the call. */
#define TU_FAILS(graph, call, code, ...)                                     \
	do {                                                                 \
		const opflow_graph *tu_g_ = (graph);                         \
		opflow_graph *tu_before_ = tu_g_ ? tu_clone(tu_g_) : NULL;    \
		const char *const tu_needles_[] = { __VA_ARGS__, NULL };      \
		int tu_rc_ = (call);                                         \
		const char *tu_miss_;                                        \
		ck_assert_msg(tu_rc_ == (code),                              \
		    "%s returned %d, expected %d (%s); message: %.300s", #call, \
		    tu_rc_, (int)(code), #code, opflow_error_message());     \
		ck_assert_msg(opflow_error_code() == (code),                 \
		    "%s: opflow_error_code() is %d, expected %d", #call,     \
		    opflow_error_code(), (int)(code));                       \
		tu_miss_ = tu_message_lacks(tu_needles_);                    \
		ck_assert_msg(tu_miss_ == NULL,                              \
		    "%s: the message \"%.300s\" does not name \"%s\"", #call, \
		    opflow_error_message(), tu_miss_ ? tu_miss_ : "");        \
		if (tu_before_) {                                            \
			ck_assert_msg(opflow_graph_equal(tu_g_, tu_before_) == 1, \
			    "%s changed the graph although it failed", #call); \
			opflow_graph_free(tu_before_);                       \
		}                                                            \
	} while (0)

/* Asserts that CALL returns 0, with the message in the failure. */
#define TU_OK(call)                                                          \
	do {                                                                 \
		int tu_rc_ = (call);                                         \
		ck_assert_msg(tu_rc_ == 0, "%s returned %d: %.300s", #call,   \
		              tu_rc_, opflow_error_message());               \
	} while (0)

/* Bit-exact comparison of doubles (tells -0 from 0). */
int tu_same_double(double a, double b);
#define TU_DOUBLE_EQ(a, b)                                                   \
	do {                                                                 \
		double tu_a_ = (a), tu_b_ = (b);                             \
		ck_assert_msg(tu_same_double(tu_a_, tu_b_),                  \
		    "%s is %.17g, expected %.17g", #a, tu_a_, tu_b_);        \
	} while (0)

/* ------------------------------------------------------- category table */

/* DESIGN.md, "Category", row by row. */
struct tu_category_row {
	opflow_category category;
	const char *name;
	opflow_kind kind;
	int customer_facing;
	opflow_scor scor;
	opflow_porter porter;
	const char *porter_activity;    /* NULL for "other" */
};
extern const struct tu_category_row tu_categories[];
extern const size_t tu_category_count;

/* ------------------------------------------------------------------ main */

/* Runs the suite; returns EXIT_SUCCESS only when every test passed. */
int tu_run(Suite *suite);

#endif /* OPFLOW_TESTUTIL_H */
