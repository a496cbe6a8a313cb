/*
 * testutil.c - helpers of the Check suites; see testutil.h.
 */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ allocator */

/* The hook's own context: the library must hand it back on every call. */
static struct {
	size_t live;
	unsigned long calls;
	size_t largest;         /* the largest size asked for */
	long fail_in;           /* allocations to let through before failing */
	int failed;
	unsigned long bad_ctx;
} hook;

static int fail_now(void)
{
	hook.calls++;
	if (hook.fail_in < 0)
		return 0;
	if (hook.fail_in-- == 0) {
		hook.failed = 1;
		return 1;
	}
	return 0;
}

static void *count_malloc(size_t size, void *ctx)
{
	void *p;

	if (ctx != &hook)
		hook.bad_ctx++;
	if (size > hook.largest)
		hook.largest = size;
	if (fail_now())
		return NULL;
	p = malloc(size);
	if (p)
		hook.live++;
	return p;
}

static void *count_realloc(void *ptr, size_t size, void *ctx)
{
	void *p;

	if (ctx != &hook)
		hook.bad_ctx++;
	if (size > hook.largest)
		hook.largest = size;
	if (fail_now())
		return NULL;
	p = realloc(ptr, size);
	if (p && !ptr)
		hook.live++;
	return p;
}

static void count_free(void *ptr, void *ctx)
{
	if (ctx != &hook)
		hook.bad_ctx++;
	if (ptr)
		hook.live--;
	free(ptr);
}

int tu_alloc_install(void)
{
	hook.fail_in = -1;
	hook.failed = 0;
	return opflow_set_allocator(count_malloc, count_realloc, count_free,
	                            &hook);
}

int tu_alloc_uninstall(void)
{
	return opflow_set_allocator(NULL, NULL, NULL, NULL);
}

size_t tu_alloc_live(void)
{
	return hook.live;
}

unsigned long tu_alloc_calls(void)
{
	return hook.calls;
}

size_t tu_alloc_largest(void)
{
	return hook.largest;
}

void tu_alloc_largest_reset(void)
{
	hook.largest = 0;
}

void tu_alloc_fail_at(long n)
{
	hook.fail_in = n < 0 ? -1 : n;
	hook.failed = 0;
}

int tu_alloc_failed(void)
{
	return hook.failed;
}

unsigned long tu_alloc_bad_ctx(void)
{
	return hook.bad_ctx;
}

/* ---------------------------------------------------------------- graphs */

opflow_graph *tu_clone(const opflow_graph *g)
{
	opflow_graph *c = NULL;
	int rc = opflow_graph_clone(&c, g);

	ck_assert_msg(rc == 0 && c, "opflow_graph_clone: %s",
	              opflow_error_message());
	return c;
}

opflow_graph *tu_graph(void)
{
	opflow_graph *g = NULL;
	int rc = opflow_graph_new(&g);

	ck_assert_msg(rc == 0 && g, "opflow_graph_new: %s",
	              opflow_error_message());
	return g;
}

opflow_id tu_add(opflow_graph *g, const char *key, opflow_category category)
{
	opflow_id id = OPFLOW_NONE;
	int rc = opflow_graph_add_activity(&id, g, key, category);

	ck_assert_msg(rc == 0, "adding activity %s: %s", key,
	              opflow_error_message());
	return id;
}

opflow_id tu_add_dur(opflow_graph *g, const char *key,
                     opflow_category category, double duration)
{
	opflow_id id = tu_add(g, key, category);
	int rc = opflow_graph_set_activity_duration(g, id, duration);

	ck_assert_msg(rc == 0, "duration of %s: %s", key,
	              opflow_error_message());
	return id;
}

opflow_id tu_flow(opflow_graph *g, opflow_id source, opflow_id target,
                  opflow_flow_type type, double lag)
{
	opflow_id id = OPFLOW_NONE;
	int rc = opflow_graph_add_flow(&id, g, source, target, type, lag);

	ck_assert_msg(rc == 0, "adding flow %u -> %u: %s", (unsigned)source,
	              (unsigned)target, opflow_error_message());
	return id;
}

opflow_id tu_find(const opflow_graph *g, const char *key)
{
	opflow_id id = OPFLOW_NONE;
	int rc = opflow_graph_find_activity(&id, g, key);

	ck_assert_msg(rc == 0, "finding %s: %s", key, opflow_error_message());
	return id;
}

const char *tu_message_lacks(const char *const *needles)
{
	const char *msg = opflow_error_message();

	if (!msg)
		return "(the message is NULL)";
	for (; *needles; needles++)
		if (!strstr(msg, *needles))
			return *needles;
	return NULL;
}

int tu_same_double(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

/* ------------------------------------------------------- category table */

const struct tu_category_row tu_categories[] = {
	{ OPFLOW_CATEGORY_SOURCING, "sourcing", OPFLOW_KIND_PRODUCTION, 0,
	  OPFLOW_SCOR_SOURCE, OPFLOW_PORTER_SUPPORT, "procurement" },
	{ OPFLOW_CATEGORY_PROCUREMENT, "procurement", OPFLOW_KIND_PRODUCTION, 0,
	  OPFLOW_SCOR_SOURCE, OPFLOW_PORTER_SUPPORT, "procurement" },
	{ OPFLOW_CATEGORY_MANUFACTURING, "manufacturing",
	  OPFLOW_KIND_PRODUCTION, 0, OPFLOW_SCOR_MAKE, OPFLOW_PORTER_PRIMARY,
	  "operations" },
	{ OPFLOW_CATEGORY_ASSEMBLY, "assembly", OPFLOW_KIND_PRODUCTION, 0,
	  OPFLOW_SCOR_MAKE, OPFLOW_PORTER_PRIMARY, "operations" },
	{ OPFLOW_CATEGORY_QUALITY_CONTROL, "quality-control",
	  OPFLOW_KIND_PRODUCTION, 0, OPFLOW_SCOR_MAKE, OPFLOW_PORTER_PRIMARY,
	  "operations" },
	{ OPFLOW_CATEGORY_PACKAGING, "packaging", OPFLOW_KIND_PRODUCTION, 0,
	  OPFLOW_SCOR_MAKE, OPFLOW_PORTER_PRIMARY, "operations" },
	{ OPFLOW_CATEGORY_MARKET_RESEARCH, "market-research",
	  OPFLOW_KIND_OPERATION, 0, OPFLOW_SCOR_PLAN, OPFLOW_PORTER_PRIMARY,
	  "marketing and sales" },
	{ OPFLOW_CATEGORY_PRODUCT_DEVELOPMENT, "product-development",
	  OPFLOW_KIND_OPERATION, 0, OPFLOW_SCOR_NONE, OPFLOW_PORTER_SUPPORT,
	  "technology development" },
	{ OPFLOW_CATEGORY_MARKETING, "marketing", OPFLOW_KIND_OPERATION, 1,
	  OPFLOW_SCOR_NONE, OPFLOW_PORTER_PRIMARY, "marketing and sales" },
	{ OPFLOW_CATEGORY_SALES, "sales", OPFLOW_KIND_OPERATION, 1,
	  OPFLOW_SCOR_DELIVER, OPFLOW_PORTER_PRIMARY, "marketing and sales" },
	{ OPFLOW_CATEGORY_LOGISTICS, "logistics", OPFLOW_KIND_OPERATION, 0,
	  OPFLOW_SCOR_DELIVER, OPFLOW_PORTER_PRIMARY, "outbound logistics" },
	{ OPFLOW_CATEGORY_DISTRIBUTION, "distribution", OPFLOW_KIND_OPERATION,
	  1, OPFLOW_SCOR_DELIVER, OPFLOW_PORTER_PRIMARY, "outbound logistics" },
	{ OPFLOW_CATEGORY_CUSTOMER_SERVICE, "customer-service",
	  OPFLOW_KIND_OPERATION, 1, OPFLOW_SCOR_DELIVER, OPFLOW_PORTER_PRIMARY,
	  "service" },
	{ OPFLOW_CATEGORY_AFTER_SALES, "after-sales", OPFLOW_KIND_OPERATION, 1,
	  OPFLOW_SCOR_RETURN, OPFLOW_PORTER_PRIMARY, "service" },
	{ OPFLOW_CATEGORY_OTHER, "other", OPFLOW_KIND_OPERATION, 0,
	  OPFLOW_SCOR_NONE, OPFLOW_PORTER_NONE, NULL },
};
const size_t tu_category_count = sizeof tu_categories / sizeof *tu_categories;

/* ------------------------------------------------------------------ main */

int tu_run(Suite *suite)
{
	SRunner *runner = srunner_create(suite);
	int failed;

	srunner_run_all(runner, CK_ENV);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
