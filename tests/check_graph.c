/*
 * check_graph.c - the value-chain graph: activities, keys, categories,
 * durations and estimates, departments, flows and their lists, removal
 * and renumbering, bulk adds, clone and equality, prepare; and for every
 * failing call its code, a message naming the culprit, and a graph left
 * exactly as it was.
 */
#include "testutil.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Ids that name nothing in a table of n entries: the first past the end,
 * one further on, and OPFLOW_NONE. */
static opflow_id bad_id(size_t n, int which)
{
	switch (which) {
	case 0: return (opflow_id)n;
	case 1: return (opflow_id)n + 5;
	default: return OPFLOW_NONE;
	}
}

static const char *num(char *buf, size_t cap, opflow_id id)
{
	snprintf(buf, cap, "%u", (unsigned)id);
	return buf;
}

/* A small bicycle value chain used by many tests:
 *   0 research  market-research      duration 10        Marketing
 *   1 design    product-development  estimate 10/15/26  Engineering
 *   2 tubes     procurement          duration 5         Purchasing
 *   3 weld      manufacturing        duration 6         Frame shop
 *   4 ship      distribution         duration 3         (none)
 * flows 0 research->design FS, 1 design->weld FS, 2 tubes->weld FS +2,
 *       3 weld->ship SS -1, 4 design->ship FF +4 */
static opflow_graph *sample(void)
{
	opflow_graph *g = tu_graph();
	opflow_id id;

	tu_add_dur(g, "research", OPFLOW_CATEGORY_MARKET_RESEARCH, 10);
	id = tu_add(g, "design", OPFLOW_CATEGORY_PRODUCT_DEVELOPMENT);
	TU_OK(opflow_graph_set_activity_estimate(g, id, 10, 15, 26));
	tu_add_dur(g, "tubes", OPFLOW_CATEGORY_PROCUREMENT, 5);
	id = tu_add_dur(g, "weld", OPFLOW_CATEGORY_MANUFACTURING, 6);
	TU_OK(opflow_graph_set_activity_label(g, id, "Weld frames"));
	tu_add_dur(g, "ship", OPFLOW_CATEGORY_DISTRIBUTION, 3);
	TU_OK(opflow_graph_set_activity_department(g, 0, "Marketing"));
	TU_OK(opflow_graph_set_activity_department(g, 1, "Engineering"));
	TU_OK(opflow_graph_set_activity_department(g, 2, "Purchasing"));
	TU_OK(opflow_graph_set_activity_department(g, 3, "Frame shop"));
	TU_OK(opflow_graph_set_department_name(g, 1, "Engineering & design"));
	tu_flow(g, 0, 1, OPFLOW_FLOW_FS, 0);
	tu_flow(g, 1, 3, OPFLOW_FLOW_FS, 0);
	tu_flow(g, 2, 3, OPFLOW_FLOW_FS, 2);
	tu_flow(g, 3, 4, OPFLOW_FLOW_SS, -1);
	tu_flow(g, 1, 4, OPFLOW_FLOW_FF, 4);
	return g;
}

static void expect_flow(const opflow_graph *g, opflow_id f, opflow_id s,
                        opflow_id t, opflow_flow_type type, double lag)
{
	opflow_id src = 99, dst = 99;
	opflow_flow_type ty = (opflow_flow_type)99;
	double l = -99;

	TU_OK(opflow_graph_flow(&src, &dst, &ty, &l, g, f));
	ck_assert_msg(src == s && dst == t && ty == type && tu_same_double(l, lag),
	    "flow %u is %u -> %u type %d lag %g, expected %u -> %u type %d "
	    "lag %g", (unsigned)f, (unsigned)src, (unsigned)dst, (int)ty, l,
	    (unsigned)s, (unsigned)t, (int)type, lag);
}

static void expect_key(const opflow_graph *g, opflow_id id, const char *key)
{
	const char *k = NULL;

	TU_OK(opflow_graph_activity_key(&k, g, id));
	ck_assert_msg(k && strcmp(k, key) == 0, "activity %u is %s, expected %s",
	              (unsigned)id, k ? k : "(null)", key);
	ck_assert_uint_eq(tu_find(g, key), id);
}

/* The flows into (incoming = 1) or out of an activity, against a list. */
static void expect_list(const opflow_graph *g, opflow_id act, int incoming,
                        const opflow_id *want, size_t n)
{
	opflow_id buf[16];
	size_t count = 999;

	for (size_t i = 0; i < COUNT(buf); i++)
		buf[i] = 777;
	TU_OK(incoming ? opflow_graph_incoming(&count, buf, COUNT(buf), g, act)
	               : opflow_graph_outgoing(&count, buf, COUNT(buf), g, act));
	ck_assert_msg(count == n, "%s of activity %u: %zu flows, expected %zu",
	              incoming ? "incoming" : "outgoing", (unsigned)act, count, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(buf[i] == want[i],
		    "%s of activity %u: flow %zu is %u, expected %u",
		    incoming ? "incoming" : "outgoing", (unsigned)act, i,
		    (unsigned)buf[i], (unsigned)want[i]);
	for (size_t i = n; i < COUNT(buf); i++)
		ck_assert_uint_eq(buf[i], 777);
}

static void expect_duration(const opflow_graph *g, opflow_id id, double d,
                            int is_explicit)
{
	double got = -1;
	int ex = -1;

	TU_OK(opflow_graph_activity_duration(&got, &ex, g, id));
	ck_assert_msg(tu_same_double(got, d) && ex == is_explicit,
	    "activity %u: duration %.17g (explicit %d), expected %.17g "
	    "(explicit %d)", (unsigned)id, got, ex, d, is_explicit);
}

static void expect_estimate(const opflow_graph *g, opflow_id id, int has,
                            double o, double m, double p)
{
	int h = -1;
	double a = -1, b = -1, c = -1;

	TU_OK(opflow_graph_activity_estimate(&h, &a, &b, &c, g, id));
	ck_assert_msg(h == has && tu_same_double(a, o) && tu_same_double(b, m) &&
	              tu_same_double(c, p),
	    "activity %u: estimate %d %g/%g/%g, expected %d %g/%g/%g",
	    (unsigned)id, h, a, b, c, has, o, m, p);
}

static double lead_time(const opflow_graph *g)
{
	opflow_analysis *a = NULL;
	double t = -1;

	TU_OK(opflow_analyze(&a, g, NULL));
	TU_OK(opflow_analysis_figure(&t, a, OPFLOW_FIGURE_LEAD_TIME));
	opflow_analysis_free(a);
	return t;
}

static double early_start(const opflow_graph *g, opflow_id id)
{
	opflow_analysis *a = NULL;
	double es = -1;

	TU_OK(opflow_analyze(&a, g, NULL));
	TU_OK(opflow_analysis_schedule(&es, NULL, NULL, NULL, a, id));
	opflow_analysis_free(a);
	return es;
}

/* ------------------------------------------------------------ lifecycle */

START_TEST(new_graph_is_empty)
{
	opflow_graph *g = NULL;

	TU_OK(opflow_graph_new(&g));
	ck_assert_ptr_nonnull(g);
	ck_assert_uint_eq(opflow_graph_activity_count(g), 0);
	ck_assert_uint_eq(opflow_graph_flow_count(g), 0);
	ck_assert_uint_eq(opflow_graph_department_count(g), 0);
	opflow_graph_free(g);
	opflow_graph_free(NULL);
	ck_assert_uint_eq(opflow_graph_activity_count(NULL), 0);
	ck_assert_uint_eq(opflow_graph_flow_count(NULL), 0);
	ck_assert_uint_eq(opflow_graph_department_count(NULL), 0);
}
END_TEST

START_TEST(lifecycle_null_arguments)
{
	opflow_graph *g = tu_graph(), *c = (opflow_graph *)&c;

	TU_FAILS(NULL, opflow_graph_new(NULL), OPFLOW_EINVAL, "out");
	TU_FAILS(g, opflow_graph_clone(NULL, g), OPFLOW_EINVAL, "out");
	TU_FAILS(NULL, opflow_graph_clone(&c, NULL), OPFLOW_EINVAL, "graph");
	ck_assert_ptr_eq(c, (opflow_graph *)&c);
	ck_assert_int_eq(opflow_graph_equal(NULL, g), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_graph_equal(g, NULL), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_graph_equal(NULL, NULL), OPFLOW_EINVAL);
	TU_FAILS(NULL, opflow_graph_prepare(NULL), OPFLOW_EINVAL, "graph");
	opflow_graph_free(g);
}
END_TEST

START_TEST(activity_options_init)
{
	opflow_activity_options o, sentinel;

	memset(&o, 0x5A, sizeof o);
	TU_OK(opflow_activity_options_init(&o, OPFLOW_ACTIVITY_OPTIONS_VERSION));
	ck_assert_uint_eq(o.version, 1);
	ck_assert_int_eq(o.category, OPFLOW_CATEGORY_OTHER);
	ck_assert_int_eq(o.kind, OPFLOW_FROM_CATEGORY);
	ck_assert_int_eq(o.customer_facing, OPFLOW_FROM_CATEGORY);
	ck_assert_ptr_null(o.label);
	ck_assert_ptr_null(o.department);
	ck_assert_int_eq(o.has_duration, 0);
	ck_assert_int_eq(o.has_estimate, 0);
	TU_DOUBLE_EQ(o.duration, 0.0);
	TU_DOUBLE_EQ(o.optimistic, 0.0);
	TU_DOUBLE_EQ(o.most_likely, 0.0);
	TU_DOUBLE_EQ(o.pessimistic, 0.0);

	/* versions it does not know leave the struct alone */
	memset(&o, 0x5A, sizeof o);
	memcpy(&sentinel, &o, sizeof o);
	TU_FAILS(NULL, opflow_activity_options_init(&o, 0), OPFLOW_EINVAL, "0");
	ck_assert(memcmp(&o, &sentinel, sizeof o) == 0);
	TU_FAILS(NULL, opflow_activity_options_init(&o,
	                   OPFLOW_ACTIVITY_OPTIONS_VERSION + 1),
	         OPFLOW_EINVAL, "2");
	ck_assert(memcmp(&o, &sentinel, sizeof o) == 0);
	TU_FAILS(NULL, opflow_activity_options_init(NULL, 1), OPFLOW_EINVAL,
	         "opts");
}
END_TEST

START_TEST(activity_options_version_checked)
{
	opflow_graph *g = sample();
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
	opflow_id id = 4242;

	o.version = 0;
	TU_FAILS(g, opflow_graph_add_activity_ext(&id, g, "paint", &o),
	         OPFLOW_EINVAL, "version");
	o.version = OPFLOW_ACTIVITY_OPTIONS_VERSION + 1;
	TU_FAILS(g, opflow_graph_add_activity_ext(&id, g, "paint", &o),
	         OPFLOW_EINVAL, "version");
	o.version = 1000;
	TU_FAILS(g, opflow_graph_add_activity_ext(&id, g, "paint", &o),
	         OPFLOW_EINVAL, "1000");
	ck_assert_uint_eq(id, 4242);
	opflow_graph_free(g);
}
END_TEST

/* ----------------------------------------------------------------- keys */

START_TEST(activities_get_dense_ids_in_order)
{
	opflow_graph *g = tu_graph();
	const char *keys[] = { "research", "design", "weld", "ship" };

	for (size_t i = 0; i < COUNT(keys); i++)
		ck_assert_uint_eq(tu_add(g, keys[i], OPFLOW_CATEGORY_OTHER), i);
	ck_assert_uint_eq(opflow_graph_activity_count(g), 4);
	for (size_t i = 0; i < COUNT(keys); i++)
		expect_key(g, (opflow_id)i, keys[i]);
	opflow_graph_free(g);
}
END_TEST

START_TEST(add_activity_null_arguments)
{
	opflow_graph *g = sample();
	opflow_id id = 4242;

	TU_FAILS(g, opflow_graph_add_activity(NULL, g, "x",
	                                      OPFLOW_CATEGORY_OTHER),
	         OPFLOW_EINVAL, "out");
	TU_FAILS(NULL, opflow_graph_add_activity(&id, NULL, "x",
	                                         OPFLOW_CATEGORY_OTHER),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(g, opflow_graph_add_activity(&id, g, NULL,
	                                      OPFLOW_CATEGORY_OTHER),
	         OPFLOW_EINVAL, "key");
	TU_FAILS(g, opflow_graph_add_activity_ext(NULL, g, "x", NULL),
	         OPFLOW_EINVAL, "out");
	TU_FAILS(NULL, opflow_graph_add_activity_ext(&id, NULL, "x", NULL),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(g, opflow_graph_add_activity_ext(&id, g, NULL, NULL),
	         OPFLOW_EINVAL, "key");
	ck_assert_uint_eq(id, 4242);
	opflow_graph_free(g);
}
END_TEST

START_TEST(duplicate_keys_refused)
{
	opflow_graph *g = sample();
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
	opflow_id id = 4242;

	TU_FAILS(g, opflow_graph_add_activity(&id, g, "weld",
	                                      OPFLOW_CATEGORY_ASSEMBLY),
	         OPFLOW_EEXISTS, "weld");
	o.label = "another";
	o.department = "Brand new department";
	TU_FAILS(g, opflow_graph_add_activity_ext(&id, g, "design", &o),
	         OPFLOW_EEXISTS, "design");
	ck_assert_uint_eq(id, 4242);
	/* the failed call interned no department */
	ck_assert_uint_eq(opflow_graph_department_count(g), 4);
	opflow_graph_free(g);
}
END_TEST

/* Keys that take many bytes to quote still give a message, cut short,
 * that says what is wrong. */
START_TEST(long_keys_in_messages)
{
	opflow_graph *g = tu_graph();
	const char fill[] = { '\x01', '"', '\\', 'k' };
	char key[OPFLOW_KEY_MAX + 2];
	char message[256] = "";
	opflow_id id;
	int rc;

	for (size_t f = 0; f < COUNT(fill); f++) {
		memset(key, fill[f], OPFLOW_KEY_MAX);
		key[OPFLOW_KEY_MAX] = '\0';
		TU_OK(opflow_graph_add_activity(&id, g, key, OPFLOW_CATEGORY_OTHER));
		TU_FAILS(g, opflow_graph_add_activity(&id, g, key,
		                                      OPFLOW_CATEGORY_OTHER),
		         OPFLOW_EEXISTS, "");
		ck_assert_uint_gt(strlen(opflow_error_message()), 0);
		ck_assert_uint_lt(strlen(opflow_error_message()), 16384);
		TU_FAILS(g, opflow_graph_add_flow(&id, g, id, id, OPFLOW_FLOW_FS,
		                                  0),
		         OPFLOW_EINVAL, "");
		key[OPFLOW_KEY_MAX] = fill[f];
		key[OPFLOW_KEY_MAX + 1] = '\0';
		TU_FAILS(g, opflow_graph_add_activity(&id, g, key,
		                                      OPFLOW_CATEGORY_OTHER),
		         OPFLOW_ERANGE, "");
		ck_assert_uint_gt(strlen(opflow_error_message()), 0);
	}
	/* a key of OPFLOW_KEY_MAX bytes that are not UTF-8 */
	memset(key, '\xFF', OPFLOW_KEY_MAX);
	key[OPFLOW_KEY_MAX] = '\0';
	rc = opflow_graph_add_activity(&id, g, key, OPFLOW_CATEGORY_OTHER);
	snprintf(message, sizeof message, "%s", opflow_error_message());
	opflow_graph_free(g);
	ck_assert_int_eq(rc, OPFLOW_EINVAL);
	ck_assert_msg(strstr(opflow_error_message(), "UTF-8") != NULL,
	    "the message for a long key that is not UTF-8 does not say so: "
	    "\"%.200s...\"", message);
}
END_TEST

START_TEST(keys_compared_byte_for_byte)
{
	opflow_graph *g = tu_graph();

	ck_assert_uint_eq(tu_add(g, "weld", OPFLOW_CATEGORY_OTHER), 0);
	ck_assert_uint_eq(tu_add(g, "Weld", OPFLOW_CATEGORY_OTHER), 1);
	ck_assert_uint_eq(tu_add(g, "weld ", OPFLOW_CATEGORY_OTHER), 2);
	/* U+00E9 precomposed, and e + U+0301 combining acute */
	ck_assert_uint_eq(tu_add(g, "caf\xC3\xA9", OPFLOW_CATEGORY_OTHER), 3);
	ck_assert_uint_eq(tu_add(g, "cafe\xCC\x81", OPFLOW_CATEGORY_OTHER), 4);
	/* any valid UTF-8 without NUL is a key */
	ck_assert_uint_eq(tu_add(g, "weld \"A\"\tline\n2",
	                         OPFLOW_CATEGORY_OTHER), 5);
	expect_key(g, 0, "weld");
	expect_key(g, 1, "Weld");
	expect_key(g, 2, "weld ");
	expect_key(g, 3, "caf\xC3\xA9");
	expect_key(g, 4, "cafe\xCC\x81");
	expect_key(g, 5, "weld \"A\"\tline\n2");
	opflow_graph_free(g);
}
END_TEST

START_TEST(empty_key_refused)
{
	opflow_graph *g = sample();
	opflow_id id = 4242;

	TU_FAILS(g, opflow_graph_add_activity(&id, g, "", OPFLOW_CATEGORY_OTHER),
	         OPFLOW_EINVAL, "empty");
	TU_FAILS(g, opflow_graph_find_activity(&id, g, ""), OPFLOW_EINVAL,
	         "empty");
	ck_assert_uint_eq(id, 4242);
	opflow_graph_free(g);
}
END_TEST

/* Byte sequences that are not UTF-8, each after a readable prefix. */
static const char *const bad_utf8[] = {
	"bad-\xC0\xAF",             /* overlong '/' in two bytes */
	"bad-\xC1\xBF",             /* overlong U+007F */
	"bad-\xE0\x80\xAF",         /* overlong '/' in three bytes */
	"bad-\xE0\x9F\xBF",         /* overlong U+07FF */
	"bad-\xF0\x80\x80\xAF",     /* overlong '/' in four bytes */
	"bad-\xF0\x8F\xBF\xBF",     /* overlong U+FFFF */
	"bad-\xED\xA0\x80",         /* U+D800, a surrogate */
	"bad-\xED\xBF\xBF",         /* U+DFFF, a surrogate */
	"bad-\xF4\x90\x80\x80",     /* U+110000, above U+10FFFF */
	"bad-\xF5\x80\x80\x80",     /* lead byte past F4 */
	"bad-\xF8\x88\x80\x80\x80", /* five-byte form */
	"bad-\xFF",
	"bad-\xFE",
	"bad-\x80",                 /* lone continuation byte */
	"bad-\xBFx",
	"bad-\xE2\x82",             /* truncated euro sign at the end */
	"bad-\xE2\x82x",            /* truncated in the middle */
	"bad-\xC3",                 /* truncated two-byte sequence */
	"bad-\xC3(",                /* bad continuation */
	"bad-\xF0\x9F\x9A",         /* truncated four-byte sequence */
};

/* Edge cases that are valid UTF-8. */
static const char *const good_utf8[] = {
	"\x7F",                     /* U+007F */
	"\xC2\x80",                 /* U+0080 */
	"\xDF\xBF",                 /* U+07FF */
	"\xE0\xA0\x80",             /* U+0800 */
	"\xED\x9F\xBF",             /* U+D7FF, just below the surrogates */
	"\xEE\x80\x80",             /* U+E000, just above them */
	"\xEF\xBF\xBF",             /* U+FFFF */
	"\xF0\x90\x80\x80",         /* U+10000 */
	"\xF0\x9F\x9A\xB2",         /* U+1F6B2 bicycle */
	"\xF4\x8F\xBF\xBF",         /* U+10FFFF */
	"\xE2\x82\xAC 10",          /* euro sign */
};

START_TEST(invalid_utf8_keys_refused)
{
	opflow_graph *g = sample();
	opflow_id id = 4242;

	for (size_t i = 0; i < COUNT(bad_utf8); i++) {
		TU_FAILS(g, opflow_graph_add_activity(&id, g, bad_utf8[i],
		                                      OPFLOW_CATEGORY_OTHER),
		         OPFLOW_EINVAL, "bad-", "UTF-8");
		TU_FAILS(g, opflow_graph_find_activity(&id, g, bad_utf8[i]),
		         OPFLOW_EINVAL, "bad-");
		TU_FAILS(g, opflow_graph_intern_department(&id, g, bad_utf8[i]),
		         OPFLOW_EINVAL, "bad-");
		TU_FAILS(g, opflow_graph_set_activity_department(g, 0,
		                                                 bad_utf8[i]),
		         OPFLOW_EINVAL, "bad-");
	}
	ck_assert_uint_eq(id, 4242);
	for (size_t i = 0; i < COUNT(good_utf8); i++) {
		TU_OK(opflow_graph_add_activity(&id, g, good_utf8[i],
		                                OPFLOW_CATEGORY_OTHER));
		ck_assert_uint_eq(id, 5 + i);
		expect_key(g, id, good_utf8[i]);
	}
	opflow_graph_free(g);
}
END_TEST

START_TEST(key_length_limit)
{
	opflow_graph *g = sample();
	char key[OPFLOW_KEY_MAX + 2];
	opflow_id id = 4242, d = 4242;
	const char *k;

	/* exactly OPFLOW_KEY_MAX bytes is a key */
	memset(key, 'k', OPFLOW_KEY_MAX);
	memcpy(key, "toolong-", 8);
	key[OPFLOW_KEY_MAX] = '\0';
	TU_OK(opflow_graph_add_activity(&id, g, key, OPFLOW_CATEGORY_OTHER));
	ck_assert_uint_eq(id, 5);
	TU_OK(opflow_graph_activity_key(&k, g, id));
	ck_assert_uint_eq(strlen(k), OPFLOW_KEY_MAX);
	TU_OK(opflow_graph_intern_department(&d, g, key));
	ck_assert_uint_eq(d, 4);

	/* one more byte is out of range */
	key[OPFLOW_KEY_MAX] = 'k';
	key[OPFLOW_KEY_MAX + 1] = '\0';
	id = d = 4242;
	TU_FAILS(g, opflow_graph_add_activity(&id, g, key, OPFLOW_CATEGORY_OTHER),
	         OPFLOW_ERANGE, "toolong-");
	TU_FAILS(g, opflow_graph_find_activity(&id, g, key), OPFLOW_ERANGE,
	         "toolong-");
	TU_FAILS(g, opflow_graph_intern_department(&d, g, key), OPFLOW_ERANGE,
	         "toolong-");
	TU_FAILS(g, opflow_graph_set_activity_department(g, 0, key),
	         OPFLOW_ERANGE, "toolong-");
	ck_assert_uint_eq(id, 4242);
	ck_assert_uint_eq(d, 4242);

	/* bytes, not characters: 1022 bytes and a two-byte e-acute fit */
	memset(key, 'e', OPFLOW_KEY_MAX - 2);
	memcpy(key + OPFLOW_KEY_MAX - 2, "\xC3\xA9", 3);
	TU_OK(opflow_graph_add_activity(&id, g, key, OPFLOW_CATEGORY_OTHER));
	ck_assert_uint_eq(id, 6);
	memset(key, 'f', OPFLOW_KEY_MAX - 1);
	memcpy(key + OPFLOW_KEY_MAX - 1, "\xC3\xA9", 3);
	TU_FAILS(g, opflow_graph_add_activity(&id, g, key, OPFLOW_CATEGORY_OTHER),
	         OPFLOW_ERANGE, "fff");
	opflow_graph_free(g);
}
END_TEST

START_TEST(find_activity)
{
	opflow_graph *g = sample();
	opflow_id id = 4242;

	TU_OK(opflow_graph_find_activity(&id, g, "weld"));
	ck_assert_uint_eq(id, 3);
	id = 4242;
	TU_FAILS(g, opflow_graph_find_activity(&id, g, "paint"),
	         OPFLOW_ENOTFOUND, "paint");
	TU_FAILS(g, opflow_graph_find_activity(&id, g, "Weld"),
	         OPFLOW_ENOTFOUND, "Weld");
	TU_FAILS(g, opflow_graph_find_activity(NULL, g, "weld"), OPFLOW_EINVAL,
	         "out");
	TU_FAILS(NULL, opflow_graph_find_activity(&id, NULL, "weld"),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(g, opflow_graph_find_activity(&id, g, NULL), OPFLOW_EINVAL,
	         "key");
	ck_assert_uint_eq(id, 4242);
	opflow_graph_free(g);
}
END_TEST

/* ----------------------------------------------------------- categories */

START_TEST(category_gives_defaults)
{
	opflow_graph *g = tu_graph();

	for (size_t i = 0; i < tu_category_count; i++) {
		const struct tu_category_row *r = &tu_categories[i];
		opflow_category c = (opflow_category)99;
		opflow_kind k = (opflow_kind)99;
		int cf = 99;
		opflow_id id = tu_add(g, r->name, r->category);

		TU_OK(opflow_graph_activity_category(&c, g, id));
		TU_OK(opflow_graph_activity_kind(&k, g, id));
		TU_OK(opflow_graph_activity_customer_facing(&cf, g, id));
		ck_assert_msg(c == r->category && k == r->kind &&
		              cf == r->customer_facing,
		    "%s: category %d kind %d customer-facing %d, expected "
		    "%d %d %d", r->name, (int)c, (int)k, cf, (int)r->category,
		    (int)r->kind, r->customer_facing);
	}
	opflow_graph_free(g);
}
END_TEST

START_TEST(no_category_is_other)
{
	opflow_graph *g = tu_graph();
	opflow_id id = 4242;
	opflow_category c;
	opflow_kind k;
	int cf;

	TU_OK(opflow_graph_add_activity_ext(&id, g, "misc", NULL));
	ck_assert_uint_eq(id, 0);
	TU_OK(opflow_graph_activity_category(&c, g, id));
	TU_OK(opflow_graph_activity_kind(&k, g, id));
	TU_OK(opflow_graph_activity_customer_facing(&cf, g, id));
	ck_assert_int_eq(c, OPFLOW_CATEGORY_OTHER);
	ck_assert_int_eq(k, OPFLOW_KIND_OPERATION);
	ck_assert_int_eq(cf, 0);
	opflow_graph_free(g);
}
END_TEST

START_TEST(explicit_kind_and_customer_facing_override_category)
{
	opflow_graph *g = tu_graph();
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
	opflow_id id;
	opflow_kind k;
	int cf;

	/* sales is an operation activity and customer-facing by default */
	o.category = OPFLOW_CATEGORY_SALES;
	o.kind = OPFLOW_KIND_PRODUCTION;
	o.customer_facing = 0;
	TU_OK(opflow_graph_add_activity_ext(&id, g, "configure-to-order", &o));
	TU_OK(opflow_graph_activity_kind(&k, g, id));
	TU_OK(opflow_graph_activity_customer_facing(&cf, g, id));
	ck_assert_int_eq(k, OPFLOW_KIND_PRODUCTION);
	ck_assert_int_eq(cf, 0);
	/* one from the category, the other given */
	o.category = OPFLOW_CATEGORY_ASSEMBLY;
	o.kind = OPFLOW_FROM_CATEGORY;
	o.customer_facing = 1;
	TU_OK(opflow_graph_add_activity_ext(&id, g, "showroom-assembly", &o));
	TU_OK(opflow_graph_activity_kind(&k, g, id));
	TU_OK(opflow_graph_activity_customer_facing(&cf, g, id));
	ck_assert_int_eq(k, OPFLOW_KIND_PRODUCTION);
	ck_assert_int_eq(cf, 1);
	opflow_graph_free(g);
}
END_TEST

START_TEST(changing_category_keeps_kind_and_customer_facing)
{
	opflow_graph *g = tu_graph();
	opflow_id id = tu_add(g, "weld", OPFLOW_CATEGORY_MANUFACTURING);
	opflow_category c;
	opflow_kind k;
	int cf;

	TU_OK(opflow_graph_set_activity_category(g, id,
	                                         OPFLOW_CATEGORY_AFTER_SALES));
	TU_OK(opflow_graph_activity_category(&c, g, id));
	TU_OK(opflow_graph_activity_kind(&k, g, id));
	TU_OK(opflow_graph_activity_customer_facing(&cf, g, id));
	ck_assert_int_eq(c, OPFLOW_CATEGORY_AFTER_SALES);
	ck_assert_int_eq(k, OPFLOW_KIND_PRODUCTION);
	ck_assert_int_eq(cf, 0);
	/* and the other way round */
	id = tu_add(g, "care", OPFLOW_CATEGORY_CUSTOMER_SERVICE);
	TU_OK(opflow_graph_set_activity_category(g, id,
	                                         OPFLOW_CATEGORY_PACKAGING));
	TU_OK(opflow_graph_activity_kind(&k, g, id));
	TU_OK(opflow_graph_activity_customer_facing(&cf, g, id));
	ck_assert_int_eq(k, OPFLOW_KIND_OPERATION);
	ck_assert_int_eq(cf, 1);
	/* kind and flag set on their own */
	TU_OK(opflow_graph_set_activity_kind(g, id, OPFLOW_KIND_PRODUCTION));
	TU_OK(opflow_graph_set_activity_customer_facing(g, id, 0));
	TU_OK(opflow_graph_activity_kind(&k, g, id));
	TU_OK(opflow_graph_activity_customer_facing(&cf, g, id));
	TU_OK(opflow_graph_activity_category(&c, g, id));
	ck_assert_int_eq(k, OPFLOW_KIND_PRODUCTION);
	ck_assert_int_eq(cf, 0);
	ck_assert_int_eq(c, OPFLOW_CATEGORY_PACKAGING);
	opflow_graph_free(g);
}
END_TEST

START_TEST(unknown_enum_values_refused)
{
	opflow_graph *g = sample();
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
	opflow_id id = 4242;

	TU_FAILS(g, opflow_graph_add_activity(&id, g, "x", (opflow_category)15),
	         OPFLOW_EINVAL, "15");
	TU_FAILS(g, opflow_graph_add_activity(&id, g, "x", (opflow_category)-1),
	         OPFLOW_EINVAL, "-1");
	o.category = 1000;
	TU_FAILS(g, opflow_graph_add_activity_ext(&id, g, "x", &o),
	         OPFLOW_EINVAL, "1000");
	o.category = OPFLOW_CATEGORY_OTHER;
	o.kind = 2;
	TU_FAILS(g, opflow_graph_add_activity_ext(&id, g, "x", &o),
	         OPFLOW_EINVAL, "2");
	o.kind = -2;
	TU_FAILS(g, opflow_graph_add_activity_ext(&id, g, "x", &o),
	         OPFLOW_EINVAL, "-2");
	o.kind = OPFLOW_FROM_CATEGORY;
	o.customer_facing = 2;
	TU_FAILS(g, opflow_graph_add_activity_ext(&id, g, "x", &o),
	         OPFLOW_EINVAL, "2");
	o.customer_facing = -7;
	TU_FAILS(g, opflow_graph_add_activity_ext(&id, g, "x", &o),
	         OPFLOW_EINVAL, "-7");
	ck_assert_uint_eq(id, 4242);

	TU_FAILS(g, opflow_graph_set_activity_category(g, 3,
	                                               (opflow_category)15),
	         OPFLOW_EINVAL, "15");
	TU_FAILS(g, opflow_graph_set_activity_kind(g, 3, (opflow_kind)2),
	         OPFLOW_EINVAL, "2");
	/* "from the category" is for new activities only */
	TU_FAILS(g, opflow_graph_set_activity_kind(g, 3,
	                                           (opflow_kind)OPFLOW_FROM_CATEGORY),
	         OPFLOW_EINVAL, "-1");
	TU_FAILS(g, opflow_graph_set_activity_customer_facing(g, 3, 2),
	         OPFLOW_EINVAL, "2");
	TU_FAILS(g, opflow_graph_set_activity_customer_facing(g, 3, -1),
	         OPFLOW_EINVAL, "-1");
	TU_FAILS(g, opflow_graph_add_flow(&id, g, 0, 4, (opflow_flow_type)4, 0),
	         OPFLOW_EINVAL, "4");
	TU_FAILS(g, opflow_graph_add_flow(&id, g, 0, 4, (opflow_flow_type)-1, 0),
	         OPFLOW_EINVAL, "-1");
	TU_FAILS(g, opflow_graph_find_flow(&id, g, 0, 1, (opflow_flow_type)4),
	         OPFLOW_EINVAL, "4");
	ck_assert_uint_eq(id, 4242);
	opflow_graph_free(g);
}
END_TEST

/* -------------------------------------------------------------- durations */

START_TEST(no_duration_no_estimate_is_zero)
{
	opflow_graph *g = tu_graph();
	opflow_id id = tu_add(g, "x", OPFLOW_CATEGORY_OTHER);

	expect_duration(g, id, 0.0, 0);
	expect_estimate(g, id, 0, 0, 0, 0);
	/* every output may be NULL */
	TU_OK(opflow_graph_activity_duration(NULL, NULL, g, id));
	TU_OK(opflow_graph_activity_estimate(NULL, NULL, NULL, NULL, g, id));
	opflow_graph_free(g);
}
END_TEST

START_TEST(explicit_and_derived_durations)
{
	opflow_graph *g = tu_graph();
	opflow_id a = tu_add(g, "a", OPFLOW_CATEGORY_OTHER);
	opflow_id b = tu_add(g, "b", OPFLOW_CATEGORY_OTHER);

	/* an estimate gives a derived duration, its most likely value */
	TU_OK(opflow_graph_set_activity_estimate(g, a, 1, 2, 6));
	expect_duration(g, a, 2.0, 0);
	expect_estimate(g, a, 1, 1, 2, 6);
	/* a new estimate re-derives it */
	TU_OK(opflow_graph_set_activity_estimate(g, a, 2, 4, 9));
	expect_duration(g, a, 4.0, 0);
	/* an explicit duration wins and stays when the estimate changes */
	TU_OK(opflow_graph_set_activity_duration(g, a, 7));
	expect_duration(g, a, 7.0, 1);
	TU_OK(opflow_graph_set_activity_estimate(g, a, 1, 3, 5));
	expect_duration(g, a, 7.0, 1);
	expect_estimate(g, a, 1, 1, 3, 5);
	/* clearing the duration makes it derived again */
	TU_OK(opflow_graph_clear_activity_duration(g, a));
	expect_duration(g, a, 3.0, 0);
	/* clearing the estimate leaves a derived duration of 0 */
	TU_OK(opflow_graph_clear_activity_estimate(g, a));
	expect_duration(g, a, 0.0, 0);
	expect_estimate(g, a, 0, 0, 0, 0);

	/* an explicit duration survives clearing the estimate */
	TU_OK(opflow_graph_set_activity_estimate(g, b, 3, 4, 8));
	TU_OK(opflow_graph_set_activity_duration(g, b, 5));
	TU_OK(opflow_graph_clear_activity_estimate(g, b));
	expect_duration(g, b, 5.0, 1);
	expect_estimate(g, b, 0, 0, 0, 0);
	/* and clearing it without an estimate gives 0 */
	TU_OK(opflow_graph_clear_activity_duration(g, b));
	expect_duration(g, b, 0.0, 0);
	/* an explicit 0 is explicit */
	TU_OK(opflow_graph_set_activity_estimate(g, b, 3, 4, 8));
	TU_OK(opflow_graph_set_activity_duration(g, b, 0));
	expect_duration(g, b, 0.0, 1);
	opflow_graph_free(g);
}
END_TEST

START_TEST(options_durations_and_estimates)
{
	opflow_graph *g = tu_graph();
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
	opflow_id id;

	o.has_estimate = 1;
	o.optimistic = 2;
	o.most_likely = 3;
	o.pessimistic = 10;
	TU_OK(opflow_graph_add_activity_ext(&id, g, "estimated", &o));
	expect_duration(g, id, 3.0, 0);
	expect_estimate(g, id, 1, 2, 3, 10);
	o.has_duration = 1;
	o.duration = 4.5;
	TU_OK(opflow_graph_add_activity_ext(&id, g, "both", &o));
	expect_duration(g, id, 4.5, 1);
	expect_estimate(g, id, 1, 2, 3, 10);
	o.has_estimate = 0;
	TU_OK(opflow_graph_add_activity_ext(&id, g, "explicit", &o));
	expect_duration(g, id, 4.5, 1);
	expect_estimate(g, id, 0, 0, 0, 0);
	/* the three values may be equal */
	o.has_duration = 0;
	o.has_estimate = 1;
	o.optimistic = o.most_likely = o.pessimistic = 6;
	TU_OK(opflow_graph_add_activity_ext(&id, g, "certain", &o));
	expect_duration(g, id, 6.0, 0);
	opflow_graph_free(g);
}
END_TEST

static const double bad_durations[] = { -1.0, -DBL_MIN, -DBL_MAX,
                                        -INFINITY, INFINITY };

START_TEST(bad_durations_refused)
{
	opflow_graph *g = sample();
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
	opflow_id id = 4242;

	TU_FAILS(g, opflow_graph_set_activity_duration(g, 3, NAN),
	         OPFLOW_EINVAL, "weld");
	TU_FAILS(g, opflow_graph_set_activity_duration(g, 3, -NAN),
	         OPFLOW_EINVAL, "weld");
	for (size_t i = 0; i < COUNT(bad_durations); i++)
		TU_FAILS(g, opflow_graph_set_activity_duration(g, 3,
		                                               bad_durations[i]),
		         OPFLOW_EINVAL, "weld");
	o.has_duration = 1;
	o.duration = NAN;
	TU_FAILS(g, opflow_graph_add_activity_ext(&id, g, "paint", &o),
	         OPFLOW_EINVAL, "duration");
	for (size_t i = 0; i < COUNT(bad_durations); i++) {
		o.duration = bad_durations[i];
		TU_FAILS(g, opflow_graph_add_activity_ext(&id, g, "paint", &o),
		         OPFLOW_EINVAL, "duration");
	}
	ck_assert_uint_eq(id, 4242);
	/* the largest finite duration is a duration */
	TU_OK(opflow_graph_set_activity_duration(g, 3, DBL_MAX));
	expect_duration(g, 3, DBL_MAX, 1);
	opflow_graph_free(g);
}
END_TEST

START_TEST(bad_estimates_refused)
{
	opflow_graph *g = sample();
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
	const double bad[] = { NAN, -1.0, -DBL_MIN, INFINITY, -INFINITY };
	opflow_id id = 4242;

	/* out of order: o > m, m > p, o > p */
	TU_FAILS(g, opflow_graph_set_activity_estimate(g, 3, 3, 2, 4),
	         OPFLOW_EINVAL, "weld");
	TU_FAILS(g, opflow_graph_set_activity_estimate(g, 3, 1, 5, 4),
	         OPFLOW_EINVAL, "weld");
	TU_FAILS(g, opflow_graph_set_activity_estimate(g, 3, 5, 5, 4),
	         OPFLOW_EINVAL, "weld");
	/* not finite or negative in any position */
	for (size_t i = 0; i < COUNT(bad); i++) {
		TU_FAILS(g, opflow_graph_set_activity_estimate(g, 3, bad[i], 2, 3),
		         OPFLOW_EINVAL, "optimistic");
		TU_FAILS(g, opflow_graph_set_activity_estimate(g, 3, 1, bad[i], 3),
		         OPFLOW_EINVAL, "most likely");
		TU_FAILS(g, opflow_graph_set_activity_estimate(g, 3, 0, 0, bad[i]),
		         OPFLOW_EINVAL, "pessimistic");
	}
	o.has_estimate = 1;
	o.optimistic = 4;
	o.most_likely = 3;
	o.pessimistic = 5;
	TU_FAILS(g, opflow_graph_add_activity_ext(&id, g, "paint", &o),
	         OPFLOW_EINVAL, "order");
	o.optimistic = 1;
	o.pessimistic = NAN;
	TU_FAILS(g, opflow_graph_add_activity_ext(&id, g, "paint", &o),
	         OPFLOW_EINVAL, "pessimistic");
	o.pessimistic = INFINITY;
	TU_FAILS(g, opflow_graph_add_activity_ext(&id, g, "paint", &o),
	         OPFLOW_EINVAL, "pessimistic");
	o.pessimistic = 5;
	o.optimistic = -1;
	TU_FAILS(g, opflow_graph_add_activity_ext(&id, g, "paint", &o),
	         OPFLOW_EINVAL, "optimistic");
	ck_assert_uint_eq(id, 4242);
	opflow_graph_free(g);
}
END_TEST

START_TEST(negative_zero_becomes_zero)
{
	opflow_graph *g = tu_graph();
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
	const double nz = -0.0;
	const double durations[] = { -0.0, 1.0 };
	const opflow_id src[] = { 0, 2 }, dst[] = { 2, 3 };
	const double lags[] = { -0.0, -0.0 };
	opflow_id a, b, f, first;
	double lag;

	ck_assert(signbit(nz));
	a = tu_add(g, "a", OPFLOW_CATEGORY_OTHER);
	b = tu_add(g, "b", OPFLOW_CATEGORY_OTHER);
	TU_OK(opflow_graph_set_activity_duration(g, a, nz));
	expect_duration(g, a, 0.0, 1);
	TU_OK(opflow_graph_set_activity_estimate(g, b, nz, nz, nz));
	expect_estimate(g, b, 1, 0.0, 0.0, 0.0);
	expect_duration(g, b, 0.0, 0);

	o.has_duration = 1;
	o.duration = nz;
	o.has_estimate = 1;
	o.optimistic = o.most_likely = nz;
	o.pessimistic = 2;
	TU_OK(opflow_graph_add_activity_ext(&a, g, "c", &o));
	expect_duration(g, a, 0.0, 1);
	expect_estimate(g, a, 1, 0.0, 0.0, 2.0);
	TU_OK(opflow_graph_add_activities(&first, g, 2, "d\0e", 4, NULL, NULL,
	                                  durations));
	expect_duration(g, first, 0.0, 1);

	f = tu_flow(g, 0, 1, OPFLOW_FLOW_FS, nz);
	TU_OK(opflow_graph_flow(NULL, NULL, NULL, &lag, g, f));
	TU_DOUBLE_EQ(lag, 0.0);
	TU_OK(opflow_graph_set_flow_lag(g, f, 5));
	TU_OK(opflow_graph_set_flow_lag(g, f, nz));
	TU_OK(opflow_graph_flow(NULL, NULL, NULL, &lag, g, f));
	TU_DOUBLE_EQ(lag, 0.0);
	TU_OK(opflow_graph_add_flows(&first, g, 2, src, dst, NULL, lags));
	TU_OK(opflow_graph_flow(NULL, NULL, NULL, &lag, g, first));
	TU_DOUBLE_EQ(lag, 0.0);
	TU_OK(opflow_graph_flow(NULL, NULL, NULL, &lag, g, first + 1));
	TU_DOUBLE_EQ(lag, 0.0);
	opflow_graph_free(g);
}
END_TEST

/* ------------------------------------------------------------ departments */

START_TEST(departments_interned_in_first_use_order)
{
	opflow_graph *g = tu_graph();
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
	opflow_id d = 4242, a, b, c;
	const char *k;

	o.department = "Engineering";
	TU_OK(opflow_graph_add_activity_ext(&a, g, "design", &o));
	TU_OK(opflow_graph_intern_department(&d, g, "Plant"));
	ck_assert_uint_eq(d, 1);
	TU_OK(opflow_graph_intern_department(&d, g, "Engineering"));
	ck_assert_uint_eq(d, 0);
	b = tu_add(g, "weld", OPFLOW_CATEGORY_MANUFACTURING);
	TU_OK(opflow_graph_set_activity_department(g, b, "Plant"));
	c = tu_add(g, "ship", OPFLOW_CATEGORY_DISTRIBUTION);
	TU_OK(opflow_graph_set_activity_department(g, c, "Logistics"));
	/* byte-exact: another department */
	TU_OK(opflow_graph_intern_department(&d, g, "plant"));
	ck_assert_uint_eq(d, 3);
	ck_assert_uint_eq(opflow_graph_department_count(g), 4);

	TU_OK(opflow_graph_activity_department(&d, g, a));
	ck_assert_uint_eq(d, 0);
	TU_OK(opflow_graph_activity_department(&d, g, b));
	ck_assert_uint_eq(d, 1);
	TU_OK(opflow_graph_activity_department(&d, g, c));
	ck_assert_uint_eq(d, 2);
	TU_OK(opflow_graph_department_key(&k, g, 2));
	ck_assert_str_eq(k, "Logistics");
	TU_OK(opflow_graph_department_key(&k, g, 3));
	ck_assert_str_eq(k, "plant");
	TU_OK(opflow_graph_find_department(&d, g, "Plant"));
	ck_assert_uint_eq(d, 1);

	/* NULL takes the department away; the department stays */
	TU_OK(opflow_graph_set_activity_department(g, c, NULL));
	TU_OK(opflow_graph_activity_department(&d, g, c));
	ck_assert_uint_eq(d, OPFLOW_NONE);
	ck_assert_uint_eq(opflow_graph_department_count(g), 4);
	/* an activity without one says OPFLOW_NONE */
	c = tu_add(g, "misc", OPFLOW_CATEGORY_OTHER);
	TU_OK(opflow_graph_activity_department(&d, g, c));
	ck_assert_uint_eq(d, OPFLOW_NONE);
	opflow_graph_free(g);
}
END_TEST

START_TEST(department_display_names)
{
	opflow_graph *g = sample();
	char name[OPFLOW_TEXT_MAX + 2];
	const char *n = "x";

	TU_OK(opflow_graph_department_name(&n, g, 0));
	ck_assert_ptr_null(n);
	TU_OK(opflow_graph_department_name(&n, g, 1));
	ck_assert_str_eq(n, "Engineering & design");
	TU_OK(opflow_graph_set_department_name(g, 0, "Marketing \xE2\x80\x94 EU"));
	TU_OK(opflow_graph_department_name(&n, g, 0));
	ck_assert_str_eq(n, "Marketing \xE2\x80\x94 EU");
	/* the key stays the key */
	TU_OK(opflow_graph_department_key(&n, g, 0));
	ck_assert_str_eq(n, "Marketing");
	TU_OK(opflow_graph_set_department_name(g, 0, ""));
	TU_OK(opflow_graph_department_name(&n, g, 0));
	ck_assert_ptr_null(n);
	TU_OK(opflow_graph_set_department_name(g, 1, NULL));
	TU_OK(opflow_graph_department_name(&n, g, 1));
	ck_assert_ptr_null(n);

	/* OPFLOW_TEXT_MAX bytes is a name, one more is out of range */
	memset(name, 'n', OPFLOW_TEXT_MAX);
	name[OPFLOW_TEXT_MAX] = '\0';
	TU_OK(opflow_graph_set_department_name(g, 2, name));
	TU_OK(opflow_graph_department_name(&n, g, 2));
	ck_assert_uint_eq(strlen(n), OPFLOW_TEXT_MAX);
	name[OPFLOW_TEXT_MAX] = 'n';
	name[OPFLOW_TEXT_MAX + 1] = '\0';
	TU_FAILS(g, opflow_graph_set_department_name(g, 2, name), OPFLOW_ERANGE,
	         "name");
	TU_FAILS(g, opflow_graph_set_department_name(g, 2, "bad \xC0\xAF"),
	         OPFLOW_EINVAL, "UTF-8");
	opflow_graph_free(g);
}
END_TEST

START_TEST(remove_department_renumbers)
{
	opflow_graph *g = tu_graph();
	opflow_id x, y, z, w, d;
	const char *k, *n;

	x = tu_add(g, "x", OPFLOW_CATEGORY_OTHER);
	y = tu_add(g, "y", OPFLOW_CATEGORY_OTHER);
	z = tu_add(g, "z", OPFLOW_CATEGORY_OTHER);
	w = tu_add(g, "w", OPFLOW_CATEGORY_OTHER);
	TU_OK(opflow_graph_set_activity_department(g, x, "A"));
	TU_OK(opflow_graph_set_activity_department(g, y, "B"));
	TU_OK(opflow_graph_set_activity_department(g, z, "C"));
	TU_OK(opflow_graph_set_department_name(g, 2, "Department C"));
	TU_OK(opflow_graph_remove_department(g, 1));
	ck_assert_uint_eq(opflow_graph_department_count(g), 2);
	TU_OK(opflow_graph_department_key(&k, g, 0));
	ck_assert_str_eq(k, "A");
	TU_OK(opflow_graph_department_key(&k, g, 1));
	ck_assert_str_eq(k, "C");
	TU_OK(opflow_graph_department_name(&n, g, 1));
	ck_assert_str_eq(n, "Department C");
	TU_OK(opflow_graph_activity_department(&d, g, x));
	ck_assert_uint_eq(d, 0);
	TU_OK(opflow_graph_activity_department(&d, g, y));
	ck_assert_uint_eq(d, OPFLOW_NONE);
	TU_OK(opflow_graph_activity_department(&d, g, z));
	ck_assert_uint_eq(d, 1);
	TU_OK(opflow_graph_activity_department(&d, g, w));
	ck_assert_uint_eq(d, OPFLOW_NONE);
	TU_FAILS(g, opflow_graph_find_department(&d, g, "B"), OPFLOW_ENOTFOUND,
	         "B");
	TU_OK(opflow_graph_find_department(&d, g, "C"));
	ck_assert_uint_eq(d, 1);
	/* interned again, it comes last */
	TU_OK(opflow_graph_intern_department(&d, g, "B"));
	ck_assert_uint_eq(d, 2);
	/* removing the first and the last */
	TU_OK(opflow_graph_remove_department(g, 0));
	TU_OK(opflow_graph_activity_department(&d, g, x));
	ck_assert_uint_eq(d, OPFLOW_NONE);
	TU_OK(opflow_graph_activity_department(&d, g, z));
	ck_assert_uint_eq(d, 0);
	TU_OK(opflow_graph_remove_department(g, 1));
	ck_assert_uint_eq(opflow_graph_department_count(g), 1);
	TU_OK(opflow_graph_find_department(&d, g, "C"));
	ck_assert_uint_eq(d, 0);
	opflow_graph_free(g);
}
END_TEST

START_TEST(department_errors)
{
	opflow_graph *g = sample();
	char buf[16];
	opflow_id d = 4242;
	const char *s = "untouched";

	TU_FAILS(g, opflow_graph_intern_department(NULL, g, "X"), OPFLOW_EINVAL,
	         "out");
	TU_FAILS(NULL, opflow_graph_intern_department(&d, NULL, "X"),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(g, opflow_graph_intern_department(&d, g, NULL), OPFLOW_EINVAL,
	         "key");
	TU_FAILS(g, opflow_graph_intern_department(&d, g, ""), OPFLOW_EINVAL,
	         "empty");
	TU_FAILS(g, opflow_graph_find_department(&d, g, "Sales"),
	         OPFLOW_ENOTFOUND, "Sales");
	TU_FAILS(g, opflow_graph_find_department(NULL, g, "Sales"),
	         OPFLOW_EINVAL, "out");
	TU_FAILS(NULL, opflow_graph_find_department(&d, NULL, "Sales"),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(g, opflow_graph_find_department(&d, g, NULL), OPFLOW_EINVAL,
	         "key");
	TU_FAILS(g, opflow_graph_find_department(&d, g, ""), OPFLOW_EINVAL,
	         "empty");
	TU_FAILS(g, opflow_graph_set_activity_department(g, 0, ""),
	         OPFLOW_EINVAL, "empty");
	ck_assert_uint_eq(d, 4242);
	for (int i = 0; i < 3; i++) {
		opflow_id bad = bad_id(4, i);

		num(buf, sizeof buf, bad);
		TU_FAILS(g, opflow_graph_department_key(&s, g, bad),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_department_name(&s, g, bad),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_set_department_name(g, bad, "X"),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_remove_department(g, bad),
		         OPFLOW_ENOTFOUND, buf);
	}
	ck_assert_str_eq(s, "untouched");
	TU_FAILS(g, opflow_graph_department_key(NULL, g, 0), OPFLOW_EINVAL,
	         "out");
	TU_FAILS(NULL, opflow_graph_department_key(&s, NULL, 0), OPFLOW_EINVAL,
	         "graph");
	TU_FAILS(g, opflow_graph_department_name(NULL, g, 0), OPFLOW_EINVAL,
	         "out");
	TU_FAILS(NULL, opflow_graph_department_name(&s, NULL, 0), OPFLOW_EINVAL,
	         "graph");
	TU_FAILS(NULL, opflow_graph_set_department_name(NULL, 0, "X"),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_remove_department(NULL, 0), OPFLOW_EINVAL,
	         "graph");
	opflow_graph_free(g);
}
END_TEST

/* ------------------------------------------------------------------ flows */

START_TEST(flows_in_insertion_order)
{
	opflow_graph *g = sample();
	opflow_id f = 4242;

	ck_assert_uint_eq(opflow_graph_flow_count(g), 5);
	expect_flow(g, 0, 0, 1, OPFLOW_FLOW_FS, 0);
	expect_flow(g, 1, 1, 3, OPFLOW_FLOW_FS, 0);
	expect_flow(g, 2, 2, 3, OPFLOW_FLOW_FS, 2);
	expect_flow(g, 3, 3, 4, OPFLOW_FLOW_SS, -1);
	expect_flow(g, 4, 1, 4, OPFLOW_FLOW_FF, 4);
	TU_OK(opflow_graph_find_flow(&f, g, 3, 4, OPFLOW_FLOW_SS));
	ck_assert_uint_eq(f, 3);
	TU_OK(opflow_graph_find_flow(&f, g, 2, 3, OPFLOW_FLOW_FS));
	ck_assert_uint_eq(f, 2);
	/* every output of opflow_graph_flow may be NULL */
	TU_OK(opflow_graph_flow(NULL, NULL, NULL, NULL, g, 4));
	opflow_graph_free(g);
}
END_TEST

START_TEST(parallel_flows_of_other_types)
{
	opflow_graph *g = tu_graph();
	opflow_id a = tu_add(g, "a", OPFLOW_CATEGORY_OTHER);
	opflow_id b = tu_add(g, "b", OPFLOW_CATEGORY_OTHER);
	opflow_id f = 4242;
	const opflow_flow_type types[] = { OPFLOW_FLOW_FS, OPFLOW_FLOW_SS,
	                                   OPFLOW_FLOW_FF, OPFLOW_FLOW_SF };

	for (size_t i = 0; i < COUNT(types); i++)
		ck_assert_uint_eq(tu_flow(g, a, b, types[i], (double)i), i);
	for (size_t i = 0; i < COUNT(types); i++) {
		TU_OK(opflow_graph_find_flow(&f, g, a, b, types[i]));
		ck_assert_uint_eq(f, i);
		expect_flow(g, (opflow_id)i, a, b, types[i], (double)i);
	}
	/* the same type again is refused, whatever the lag */
	f = 4242;
	TU_FAILS(g, opflow_graph_add_flow(&f, g, a, b, OPFLOW_FLOW_SS, 7),
	         OPFLOW_EEXISTS, "a", "b", "SS");
	TU_FAILS(g, opflow_graph_add_flow(&f, g, a, b, OPFLOW_FLOW_FS, 0),
	         OPFLOW_EEXISTS, "a", "b", "FS");
	ck_assert_uint_eq(f, 4242);
	/* the other direction is another flow (a cycle is an analysis error) */
	ck_assert_uint_eq(tu_flow(g, b, a, OPFLOW_FLOW_FS, 0), 4);
	opflow_graph_free(g);
}
END_TEST

START_TEST(flow_errors)
{
	opflow_graph *g = sample();
	char buf[16];
	opflow_id f = 4242, s = 4242;
	opflow_flow_type t = (opflow_flow_type)42;
	double lag = 42;

	TU_FAILS(g, opflow_graph_add_flow(&f, g, 3, 3, OPFLOW_FLOW_FS, 0),
	         OPFLOW_EINVAL, "weld");
	TU_FAILS(g, opflow_graph_add_flow(&f, g, 0, 4, OPFLOW_FLOW_FS, NAN),
	         OPFLOW_EINVAL, "lag");
	TU_FAILS(g, opflow_graph_add_flow(&f, g, 0, 4, OPFLOW_FLOW_FS, INFINITY),
	         OPFLOW_EINVAL, "lag");
	TU_FAILS(g, opflow_graph_add_flow(&f, g, 0, 4, OPFLOW_FLOW_FS, -INFINITY),
	         OPFLOW_EINVAL, "lag");
	TU_FAILS(g, opflow_graph_add_flow(NULL, g, 0, 4, OPFLOW_FLOW_FS, 0),
	         OPFLOW_EINVAL, "out");
	TU_FAILS(NULL, opflow_graph_add_flow(&f, NULL, 0, 4, OPFLOW_FLOW_FS, 0),
	         OPFLOW_EINVAL, "graph");
	for (int i = 0; i < 3; i++) {
		opflow_id bad = bad_id(5, i);

		num(buf, sizeof buf, bad);
		TU_FAILS(g, opflow_graph_add_flow(&f, g, bad, 4, OPFLOW_FLOW_FS,
		                                  0), OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_add_flow(&f, g, 0, bad, OPFLOW_FLOW_FS,
		                                  0), OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_find_flow(&f, g, bad, 4, OPFLOW_FLOW_FS),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_find_flow(&f, g, 0, bad, OPFLOW_FLOW_FS),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_flow(&s, &s, &t, &lag, g, bad),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_set_flow_lag(g, bad, 1), OPFLOW_ENOTFOUND,
		         buf);
		TU_FAILS(g, opflow_graph_remove_flow(g, bad), OPFLOW_ENOTFOUND,
		         buf);
	}
	/* flows that do not exist between activities that do */
	TU_FAILS(g, opflow_graph_find_flow(&f, g, 0, 4, OPFLOW_FLOW_FS),
	         OPFLOW_ENOTFOUND, "research", "ship");
	TU_FAILS(g, opflow_graph_find_flow(&f, g, 3, 4, OPFLOW_FLOW_FS),
	         OPFLOW_ENOTFOUND, "weld", "ship");
	TU_FAILS(g, opflow_graph_find_flow(&f, g, 1, 0, OPFLOW_FLOW_FS),
	         OPFLOW_ENOTFOUND, "design", "research");
	TU_FAILS(g, opflow_graph_find_flow(NULL, g, 0, 1, OPFLOW_FLOW_FS),
	         OPFLOW_EINVAL, "out");
	TU_FAILS(NULL, opflow_graph_find_flow(&f, NULL, 0, 1, OPFLOW_FLOW_FS),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_flow(&s, &s, &t, &lag, NULL, 0),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_set_flow_lag(NULL, 0, 1), OPFLOW_EINVAL,
	         "graph");
	TU_FAILS(NULL, opflow_graph_remove_flow(NULL, 0), OPFLOW_EINVAL,
	         "graph");
	TU_FAILS(g, opflow_graph_set_flow_lag(g, 2, NAN), OPFLOW_EINVAL, "lag");
	TU_FAILS(g, opflow_graph_set_flow_lag(g, 2, INFINITY), OPFLOW_EINVAL,
	         "lag");
	ck_assert_uint_eq(f, 4242);
	ck_assert_uint_eq(s, 4242);
	ck_assert_int_eq(t, 42);
	TU_DOUBLE_EQ(lag, 42.0);
	opflow_graph_free(g);
}
END_TEST

START_TEST(negative_lags_are_leads)
{
	opflow_graph *g = tu_graph();
	opflow_id a = tu_add(g, "a", OPFLOW_CATEGORY_OTHER);
	opflow_id b = tu_add(g, "b", OPFLOW_CATEGORY_OTHER);
	opflow_id f = tu_flow(g, a, b, OPFLOW_FLOW_SS, -5.25);

	expect_flow(g, f, a, b, OPFLOW_FLOW_SS, -5.25);
	TU_OK(opflow_graph_set_flow_lag(g, f, -DBL_MAX));
	expect_flow(g, f, a, b, OPFLOW_FLOW_SS, -DBL_MAX);
	TU_OK(opflow_graph_set_flow_lag(g, f, 3.5));
	expect_flow(g, f, a, b, OPFLOW_FLOW_SS, 3.5);
	opflow_graph_free(g);
}
END_TEST

/* a0 b1 c2 d3; flows 0 d->c, 1 a->c, 2 b->c SS, 3 a->b, 4 a->c SS */
static opflow_graph *fan_in(void)
{
	opflow_graph *g = tu_graph();

	tu_add(g, "a", OPFLOW_CATEGORY_OTHER);
	tu_add(g, "b", OPFLOW_CATEGORY_OTHER);
	tu_add(g, "c", OPFLOW_CATEGORY_OTHER);
	tu_add(g, "d", OPFLOW_CATEGORY_OTHER);
	tu_flow(g, 3, 2, OPFLOW_FLOW_FS, 0);
	tu_flow(g, 0, 2, OPFLOW_FLOW_FS, 0);
	tu_flow(g, 1, 2, OPFLOW_FLOW_SS, 0);
	tu_flow(g, 0, 1, OPFLOW_FLOW_FS, 0);
	tu_flow(g, 0, 2, OPFLOW_FLOW_SS, 0);
	return g;
}

START_TEST(incoming_and_outgoing_in_flow_id_order)
{
	opflow_graph *g = fan_in();
	const opflow_id in_c[] = { 0, 1, 2, 4 }, out_a[] = { 1, 3, 4 };
	const opflow_id out_b[] = { 2 }, in_b[] = { 3 }, out_d[] = { 0 };
	const opflow_id in_c2[] = { 0, 1, 3 }, out_a2[] = { 2, 3 };
	const opflow_id in_c3[] = { 0, 1, 3, 4 }, out_a3[] = { 2, 3, 4 };
	opflow_id f;

	expect_list(g, 2, 1, in_c, 4);
	expect_list(g, 0, 0, out_a, 3);
	expect_list(g, 1, 0, out_b, 1);
	expect_list(g, 1, 1, in_b, 1);
	expect_list(g, 3, 0, out_d, 1);
	expect_list(g, 0, 1, NULL, 0);
	expect_list(g, 2, 0, NULL, 0);
	expect_list(g, 3, 1, NULL, 0);

	/* removing flow 1 (a->c FS) moves the later ones down */
	TU_OK(opflow_graph_remove_flow(g, 1));
	ck_assert_uint_eq(opflow_graph_flow_count(g), 4);
	expect_flow(g, 0, 3, 2, OPFLOW_FLOW_FS, 0);
	expect_flow(g, 1, 1, 2, OPFLOW_FLOW_SS, 0);
	expect_flow(g, 2, 0, 1, OPFLOW_FLOW_FS, 0);
	expect_flow(g, 3, 0, 2, OPFLOW_FLOW_SS, 0);
	expect_list(g, 2, 1, in_c2, 3);
	expect_list(g, 0, 0, out_a2, 2);
	TU_FAILS(g, opflow_graph_find_flow(&f, g, 0, 2, OPFLOW_FLOW_FS),
	         OPFLOW_ENOTFOUND, "a", "c");
	TU_OK(opflow_graph_find_flow(&f, g, 0, 2, OPFLOW_FLOW_SS));
	ck_assert_uint_eq(f, 3);
	/* added again, it comes last */
	ck_assert_uint_eq(tu_flow(g, 0, 2, OPFLOW_FLOW_FS, 1), 4);
	expect_list(g, 2, 1, in_c3, 4);
	expect_list(g, 0, 0, out_a3, 3);
	opflow_graph_free(g);
}
END_TEST

START_TEST(list_count_and_capacity)
{
	opflow_graph *g = fan_in();
	opflow_id buf[8];
	size_t count = 999;
	char bufid[16];

	/* capacity 0: the count alone, flows may be NULL */
	TU_OK(opflow_graph_incoming(&count, NULL, 0, g, 2));
	ck_assert_uint_eq(count, 4);
	count = 999;
	TU_OK(opflow_graph_outgoing(&count, NULL, 0, g, 0));
	ck_assert_uint_eq(count, 3);
	/* a short buffer gets the first ids, and nothing past its end */
	for (size_t i = 0; i < COUNT(buf); i++)
		buf[i] = 777;
	TU_OK(opflow_graph_incoming(&count, buf, 2, g, 2));
	ck_assert_uint_eq(count, 4);
	ck_assert_uint_eq(buf[0], 0);
	ck_assert_uint_eq(buf[1], 1);
	ck_assert_uint_eq(buf[2], 777);
	for (size_t i = 0; i < COUNT(buf); i++)
		buf[i] = 777;
	TU_OK(opflow_graph_outgoing(&count, buf, 1, g, 0));
	ck_assert_uint_eq(count, 3);
	ck_assert_uint_eq(buf[0], 1);
	ck_assert_uint_eq(buf[1], 777);

	count = 999;
	TU_FAILS(g, opflow_graph_incoming(NULL, buf, 8, g, 2), OPFLOW_EINVAL,
	         "out_count");
	TU_FAILS(g, opflow_graph_outgoing(NULL, buf, 8, g, 2), OPFLOW_EINVAL,
	         "out_count");
	TU_FAILS(g, opflow_graph_incoming(&count, NULL, 1, g, 2), OPFLOW_EINVAL,
	         "flows");
	TU_FAILS(g, opflow_graph_outgoing(&count, NULL, 1, g, 2), OPFLOW_EINVAL,
	         "flows");
	TU_FAILS(NULL, opflow_graph_incoming(&count, buf, 8, NULL, 2),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_outgoing(&count, buf, 8, NULL, 2),
	         OPFLOW_EINVAL, "graph");
	for (int i = 0; i < 3; i++) {
		opflow_id bad = bad_id(4, i);

		num(bufid, sizeof bufid, bad);
		TU_FAILS(g, opflow_graph_incoming(&count, buf, 8, g, bad),
		         OPFLOW_ENOTFOUND, bufid);
		TU_FAILS(g, opflow_graph_outgoing(&count, buf, 8, g, bad),
		         OPFLOW_ENOTFOUND, bufid);
	}
	ck_assert_uint_eq(count, 999);
	opflow_graph_free(g);
}
END_TEST

/* --------------------------------------------------------------- removal */

START_TEST(remove_activity_renumbers_everything)
{
	opflow_graph *g = tu_graph();
	opflow_id f;
	const char *s;
	const opflow_id out_a[] = { 0 }, out_b[] = { 2 }, in_e[] = { 1, 2 };
	const opflow_id in_b[] = { 0 }, out_d[] = { 1 };
	const opflow_id in_f[] = { 3 };

	/* a0 b1 c2 d3 e4; flows 0 a->b, 1 b->c, 2 c->d, 3 a->c, 4 d->e +1.5,
	 * 5 b->e SS */
	tu_add_dur(g, "a", OPFLOW_CATEGORY_MARKET_RESEARCH, 1);
	tu_add_dur(g, "b", OPFLOW_CATEGORY_SOURCING, 2);
	tu_add_dur(g, "c", OPFLOW_CATEGORY_MANUFACTURING, 3);
	tu_add_dur(g, "d", OPFLOW_CATEGORY_ASSEMBLY, 4);
	tu_add_dur(g, "e", OPFLOW_CATEGORY_SALES, 5);
	TU_OK(opflow_graph_set_activity_label(g, 3, "Assemble"));
	TU_OK(opflow_graph_set_activity_department(g, 3, "Plant"));
	TU_OK(opflow_graph_set_activity_estimate(g, 4, 1, 5, 9));
	tu_flow(g, 0, 1, OPFLOW_FLOW_FS, 0);
	tu_flow(g, 1, 2, OPFLOW_FLOW_FS, 0);
	tu_flow(g, 2, 3, OPFLOW_FLOW_FS, 0);
	tu_flow(g, 0, 2, OPFLOW_FLOW_FS, 0);
	tu_flow(g, 3, 4, OPFLOW_FLOW_FS, 1.5);
	tu_flow(g, 1, 4, OPFLOW_FLOW_SS, 0);

	TU_OK(opflow_graph_remove_activity(g, 2));
	ck_assert_uint_eq(opflow_graph_activity_count(g), 4);
	ck_assert_uint_eq(opflow_graph_flow_count(g), 3);
	expect_key(g, 0, "a");
	expect_key(g, 1, "b");
	expect_key(g, 2, "d");
	expect_key(g, 3, "e");
	TU_FAILS(g, opflow_graph_find_activity(&f, g, "c"), OPFLOW_ENOTFOUND,
	         "c");
	/* what moved kept its attributes */
	expect_duration(g, 2, 4.0, 1);
	expect_duration(g, 3, 5.0, 1);
	expect_estimate(g, 3, 1, 1, 5, 9);
	TU_OK(opflow_graph_activity_label(&s, g, 2));
	ck_assert_str_eq(s, "Assemble");
	TU_OK(opflow_graph_activity_department(&f, g, 2));
	ck_assert_uint_eq(f, 0);
	{
		opflow_category c;

		TU_OK(opflow_graph_activity_category(&c, g, 3));
		ck_assert_int_eq(c, OPFLOW_CATEGORY_SALES);
	}
	/* its flows went, the others follow the new ids */
	expect_flow(g, 0, 0, 1, OPFLOW_FLOW_FS, 0);
	expect_flow(g, 1, 2, 3, OPFLOW_FLOW_FS, 1.5);
	expect_flow(g, 2, 1, 3, OPFLOW_FLOW_SS, 0);
	TU_OK(opflow_graph_find_flow(&f, g, 2, 3, OPFLOW_FLOW_FS));
	ck_assert_uint_eq(f, 1);
	TU_OK(opflow_graph_find_flow(&f, g, 1, 3, OPFLOW_FLOW_SS));
	ck_assert_uint_eq(f, 2);
	expect_list(g, 0, 0, out_a, 1);
	expect_list(g, 0, 1, NULL, 0);
	expect_list(g, 1, 0, out_b, 1);
	expect_list(g, 1, 1, in_b, 1);
	expect_list(g, 2, 0, out_d, 1);
	expect_list(g, 2, 1, NULL, 0);
	expect_list(g, 3, 1, in_e, 2);
	expect_list(g, 3, 0, NULL, 0);

	/* keys stay usable: the removed key and new ones can be added */
	ck_assert_uint_eq(tu_add(g, "c", OPFLOW_CATEGORY_OTHER), 4);
	ck_assert_uint_eq(tu_add(g, "f", OPFLOW_CATEGORY_OTHER), 5);
	ck_assert_uint_eq(tu_flow(g, 3, 5, OPFLOW_FLOW_FS, 0), 3);
	expect_list(g, 5, 1, in_f, 1);
	expect_key(g, 2, "d");
	expect_key(g, 4, "c");
	expect_key(g, 5, "f");

	/* the first and the last */
	TU_OK(opflow_graph_remove_activity(g, 0));
	expect_key(g, 0, "b");
	expect_key(g, 1, "d");
	expect_key(g, 2, "e");
	expect_key(g, 3, "c");
	expect_key(g, 4, "f");
	ck_assert_uint_eq(opflow_graph_flow_count(g), 3);
	expect_flow(g, 0, 1, 2, OPFLOW_FLOW_FS, 1.5);
	expect_flow(g, 1, 0, 2, OPFLOW_FLOW_SS, 0);
	expect_flow(g, 2, 2, 4, OPFLOW_FLOW_FS, 0);
	TU_OK(opflow_graph_remove_activity(g, 4));
	ck_assert_uint_eq(opflow_graph_activity_count(g), 4);
	ck_assert_uint_eq(opflow_graph_flow_count(g), 2);
	expect_key(g, 3, "c");
	expect_list(g, 2, 0, NULL, 0);
	/* down to nothing */
	while (opflow_graph_activity_count(g) > 0)
		TU_OK(opflow_graph_remove_activity(g, 0));
	ck_assert_uint_eq(opflow_graph_flow_count(g), 0);
	/* departments are not removed with their activities */
	ck_assert_uint_eq(opflow_graph_department_count(g), 1);
	ck_assert_uint_eq(tu_add(g, "a", OPFLOW_CATEGORY_OTHER), 0);
	opflow_graph_free(g);
}
END_TEST

START_TEST(remove_errors)
{
	opflow_graph *g = sample();
	char buf[16];

	for (int i = 0; i < 3; i++) {
		opflow_id bad = bad_id(5, i);

		num(buf, sizeof buf, bad);
		TU_FAILS(g, opflow_graph_remove_activity(g, bad),
		         OPFLOW_ENOTFOUND, buf);
	}
	TU_FAILS(NULL, opflow_graph_remove_activity(NULL, 0), OPFLOW_EINVAL,
	         "graph");
	opflow_graph_free(g);
}
END_TEST

/* ------------------------------------------------- activity getters, setters */

START_TEST(activity_accessors_null_and_unknown)
{
	opflow_graph *g = sample();
	const char *s = "untouched";
	opflow_kind k = (opflow_kind)42;
	opflow_category c = (opflow_category)42;
	opflow_id d = 42;
	int i42 = 42;
	double x = 42;
	char buf[16];

	TU_FAILS(g, opflow_graph_activity_key(NULL, g, 0), OPFLOW_EINVAL, "out");
	TU_FAILS(g, opflow_graph_activity_label(NULL, g, 0), OPFLOW_EINVAL,
	         "out");
	TU_FAILS(g, opflow_graph_activity_kind(NULL, g, 0), OPFLOW_EINVAL, "out");
	TU_FAILS(g, opflow_graph_activity_category(NULL, g, 0), OPFLOW_EINVAL,
	         "out");
	TU_FAILS(g, opflow_graph_activity_department(NULL, g, 0), OPFLOW_EINVAL,
	         "out");
	TU_FAILS(g, opflow_graph_activity_customer_facing(NULL, g, 0),
	         OPFLOW_EINVAL, "out");
	TU_FAILS(NULL, opflow_graph_activity_key(&s, NULL, 0), OPFLOW_EINVAL,
	         "graph");
	TU_FAILS(NULL, opflow_graph_activity_label(&s, NULL, 0), OPFLOW_EINVAL,
	         "graph");
	TU_FAILS(NULL, opflow_graph_activity_kind(&k, NULL, 0), OPFLOW_EINVAL,
	         "graph");
	TU_FAILS(NULL, opflow_graph_activity_category(&c, NULL, 0),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_activity_department(&d, NULL, 0),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_activity_customer_facing(&i42, NULL, 0),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_activity_duration(&x, &i42, NULL, 0),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_activity_estimate(&i42, &x, &x, &x, NULL, 0),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_set_activity_label(NULL, 0, "x"),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_set_activity_kind(NULL, 0,
	                                              OPFLOW_KIND_OPERATION),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_set_activity_category(NULL, 0,
	                                                  OPFLOW_CATEGORY_SALES),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_set_activity_department(NULL, 0, "x"),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_set_activity_customer_facing(NULL, 0, 1),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_set_activity_duration(NULL, 0, 1),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_clear_activity_duration(NULL, 0),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_set_activity_estimate(NULL, 0, 1, 2, 3),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(NULL, opflow_graph_clear_activity_estimate(NULL, 0),
	         OPFLOW_EINVAL, "graph");

	for (int b = 0; b < 3; b++) {
		opflow_id bad = bad_id(5, b);

		num(buf, sizeof buf, bad);
		TU_FAILS(g, opflow_graph_activity_key(&s, g, bad),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_activity_label(&s, g, bad),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_activity_kind(&k, g, bad),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_activity_category(&c, g, bad),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_activity_department(&d, g, bad),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_activity_customer_facing(&i42, g, bad),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_activity_duration(&x, &i42, g, bad),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_activity_estimate(&i42, &x, &x, &x, g,
		                                           bad),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_set_activity_label(g, bad, "x"),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_set_activity_kind(g, bad,
		                                           OPFLOW_KIND_OPERATION),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_set_activity_category(g, bad,
		                                               OPFLOW_CATEGORY_SALES),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_set_activity_department(g, bad, "New"),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_set_activity_department(g, bad, NULL),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_set_activity_customer_facing(g, bad, 1),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_set_activity_duration(g, bad, 1),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_clear_activity_duration(g, bad),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_set_activity_estimate(g, bad, 1, 2, 3),
		         OPFLOW_ENOTFOUND, buf);
		TU_FAILS(g, opflow_graph_clear_activity_estimate(g, bad),
		         OPFLOW_ENOTFOUND, buf);
	}
	/* nothing was written through the outputs */
	ck_assert_str_eq(s, "untouched");
	ck_assert_int_eq(k, 42);
	ck_assert_int_eq(c, 42);
	ck_assert_uint_eq(d, 42);
	ck_assert_int_eq(i42, 42);
	TU_DOUBLE_EQ(x, 42.0);
	/* a failed set leaves no new department behind */
	ck_assert_uint_eq(opflow_graph_department_count(g), 4);
	opflow_graph_free(g);
}
END_TEST

START_TEST(labels)
{
	opflow_graph *g = sample();
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
	char label[OPFLOW_TEXT_MAX + 2];
	const char *s = "x";
	opflow_id id = 4242;

	TU_OK(opflow_graph_activity_label(&s, g, 0));
	ck_assert_ptr_null(s);
	TU_OK(opflow_graph_activity_label(&s, g, 3));
	ck_assert_str_eq(s, "Weld frames");
	TU_OK(opflow_graph_set_activity_label(g, 3, "Weld \xE2\x80\x9C" "diamond\xE2\x80\x9D frames"));
	TU_OK(opflow_graph_activity_label(&s, g, 3));
	ck_assert_str_eq(s, "Weld \xE2\x80\x9C" "diamond\xE2\x80\x9D frames");
	TU_OK(opflow_graph_set_activity_label(g, 3, ""));
	TU_OK(opflow_graph_activity_label(&s, g, 3));
	ck_assert_ptr_null(s);
	TU_OK(opflow_graph_set_activity_label(g, 0, "Research"));
	TU_OK(opflow_graph_set_activity_label(g, 0, NULL));
	TU_OK(opflow_graph_activity_label(&s, g, 0));
	ck_assert_ptr_null(s);
	/* through the options, and an empty one is none */
	o.label = "Paint frames";
	TU_OK(opflow_graph_add_activity_ext(&id, g, "paint", &o));
	TU_OK(opflow_graph_activity_label(&s, g, id));
	ck_assert_str_eq(s, "Paint frames");
	o.label = "";
	TU_OK(opflow_graph_add_activity_ext(&id, g, "dry", &o));
	TU_OK(opflow_graph_activity_label(&s, g, id));
	ck_assert_ptr_null(s);

	memset(label, 'l', OPFLOW_TEXT_MAX);
	label[OPFLOW_TEXT_MAX] = '\0';
	TU_OK(opflow_graph_set_activity_label(g, 1, label));
	TU_OK(opflow_graph_activity_label(&s, g, 1));
	ck_assert_uint_eq(strlen(s), OPFLOW_TEXT_MAX);
	label[OPFLOW_TEXT_MAX] = 'l';
	label[OPFLOW_TEXT_MAX + 1] = '\0';
	TU_FAILS(g, opflow_graph_set_activity_label(g, 2, label), OPFLOW_ERANGE,
	         "label");
	TU_FAILS(g, opflow_graph_set_activity_label(g, 2, "bad \xED\xA0\x80"),
	         OPFLOW_EINVAL, "label", "UTF-8");
	id = 4242;
	o.label = label;
	TU_FAILS(g, opflow_graph_add_activity_ext(&id, g, "varnish", &o),
	         OPFLOW_ERANGE, "label");
	o.label = "bad \xC3";
	TU_FAILS(g, opflow_graph_add_activity_ext(&id, g, "varnish", &o),
	         OPFLOW_EINVAL, "label");
	ck_assert_uint_eq(id, 4242);
	opflow_graph_free(g);
}
END_TEST

START_TEST(options_department)
{
	opflow_graph *g = sample();
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
	opflow_id id = 4242, d = 4242;

	o.department = "Frame shop";
	TU_OK(opflow_graph_add_activity_ext(&id, g, "paint", &o));
	TU_OK(opflow_graph_activity_department(&d, g, id));
	ck_assert_uint_eq(d, 3);
	o.department = "Paint shop";
	TU_OK(opflow_graph_add_activity_ext(&id, g, "dry", &o));
	TU_OK(opflow_graph_activity_department(&d, g, id));
	ck_assert_uint_eq(d, 4);
	ck_assert_uint_eq(opflow_graph_department_count(g), 5);
	id = 4242;
	o.department = "";
	TU_FAILS(g, opflow_graph_add_activity_ext(&id, g, "varnish", &o),
	         OPFLOW_EINVAL, "department");
	o.department = "bad \xF4\x90\x80\x80";
	TU_FAILS(g, opflow_graph_add_activity_ext(&id, g, "varnish", &o),
	         OPFLOW_EINVAL, "department");
	ck_assert_uint_eq(id, 4242);
	opflow_graph_free(g);
}
END_TEST

/*
 * A string the graph lent out (a key, a label, a department key or name)
 * is valid when it is passed back into a call on the same graph: the
 * call must read it before it moves anything.  Keys are lent from the
 * graph's own storage, which grows as activities are added; growing it
 * here many times over makes sure one of the adds moves it.
 */
START_TEST(borrowed_strings_passed_back)
{
	opflow_graph *g = tu_graph();
	char key[64];
	const char *k, *s;
	opflow_id id, d;

	tu_add(g, "origin-activity-key", OPFLOW_CATEGORY_OTHER);
	for (int i = 0; i < 200; i++) {
		opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;

		TU_OK(opflow_graph_activity_key(&k, g, 0));
		o.label = k;
		o.department = k;
		snprintf(key, sizeof key, "copy-%d-of-the-origin-activity", i);
		TU_OK(opflow_graph_add_activity_ext(&id, g, key, &o));
		TU_OK(opflow_graph_activity_label(&s, g, id));
		ck_assert_str_eq(s, "origin-activity-key");
		TU_OK(opflow_graph_activity_department(&d, g, id));
		TU_OK(opflow_graph_department_key(&s, g, d));
		ck_assert_str_eq(s, "origin-activity-key");
	}
	ck_assert_uint_eq(opflow_graph_department_count(g), 1);
	/* labels and names handed back to the object they came from */
	TU_OK(opflow_graph_activity_label(&s, g, 5));
	TU_OK(opflow_graph_set_activity_label(g, 5, s));
	TU_OK(opflow_graph_activity_label(&s, g, 5));
	ck_assert_str_eq(s, "origin-activity-key");
	TU_OK(opflow_graph_set_department_name(g, 0, "Origin department"));
	TU_OK(opflow_graph_department_name(&s, g, 0));
	TU_OK(opflow_graph_set_department_name(g, 0, s));
	TU_OK(opflow_graph_department_name(&s, g, 0));
	ck_assert_str_eq(s, "Origin department");
	/* a key lent out, as a new department and as a label elsewhere */
	for (int i = 0; i < 40; i++) {
		TU_OK(opflow_graph_activity_key(&k, g, (opflow_id)i));
		TU_OK(opflow_graph_set_activity_department(g, (opflow_id)i + 1, k));
		TU_OK(opflow_graph_activity_key(&k, g, (opflow_id)i));
		TU_OK(opflow_graph_set_activity_label(g, (opflow_id)i + 2, k));
	}
	TU_OK(opflow_graph_activity_department(&d, g, 40));
	TU_OK(opflow_graph_department_key(&s, g, d));
	ck_assert_str_eq(s, "copy-38-of-the-origin-activity");
	TU_OK(opflow_graph_activity_label(&s, g, 41));
	ck_assert_str_eq(s, "copy-38-of-the-origin-activity");
	opflow_graph_free(g);
}
END_TEST

/* Whether text contains one of the '|'-separated needles. */
static int names_one_of(const char *text, const char *needles)
{
	while (*needles) {
		size_t len = strcspn(needles, "|");
		char buf[256];

		snprintf(buf, sizeof buf, "%.*s", (int)len, needles);
		if (strstr(text, buf))
			return 1;
		needles += len;
		if (*needles == '|')
			needles++;
	}
	return 0;
}

/*
 * Every failing call on an existing activity, flow or department says
 * which one, as set_activity_duration ("duration of activity weld") and
 * an estimate out of order already do.  The gaps are collected, so that
 * one run lists them all.
 */
START_TEST(failures_name_their_subject)
{
	opflow_graph *g = sample();
	char label[OPFLOW_TEXT_MAX + 2];
	char missing[4096] = "";
	opflow_id id = 4242;
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
	struct {
		const char *call, *subject;
		int rc, code;
	} cases[32];
	size_t n = 0;

	memset(label, 'l', OPFLOW_TEXT_MAX + 1);
	label[OPFLOW_TEXT_MAX + 1] = '\0';
#define CASE(call_, code_, subject_)                                          \
	do {                                                                  \
		cases[n].rc = (call_);                                        \
		cases[n].code = (code_);                                      \
		cases[n].call = #call_;                                       \
		cases[n].subject = (subject_);                                \
		if (cases[n].rc == cases[n].code &&                           \
		    !names_one_of(opflow_error_message(), (subject_))) {      \
			strncat(missing, "\n  ", sizeof missing - strlen(missing) - 1); \
			strncat(missing, #call_, sizeof missing - strlen(missing) - 1); \
			strncat(missing, ": \"", sizeof missing - strlen(missing) - 1); \
			strncat(missing, opflow_error_message(),              \
			        sizeof missing - strlen(missing) - 1);        \
			strncat(missing, "\" lacks ", sizeof missing - strlen(missing) - 1); \
			strncat(missing, (subject_), sizeof missing - strlen(missing) - 1); \
		}                                                             \
		n++;                                                          \
	} while (0)

	CASE(opflow_graph_set_activity_duration(g, 3, NAN), OPFLOW_EINVAL,
	     "weld");
	CASE(opflow_graph_set_activity_estimate(g, 3, NAN, 1, 2), OPFLOW_EINVAL,
	     "weld");
	CASE(opflow_graph_set_activity_estimate(g, 3, 1, 2, -1), OPFLOW_EINVAL,
	     "weld");
	CASE(opflow_graph_set_activity_estimate(g, 3, 3, 2, 4), OPFLOW_EINVAL,
	     "weld");
	CASE(opflow_graph_set_activity_kind(g, 3, (opflow_kind)2),
	     OPFLOW_EINVAL, "weld");
	CASE(opflow_graph_set_activity_category(g, 3, (opflow_category)15),
	     OPFLOW_EINVAL, "weld");
	CASE(opflow_graph_set_activity_customer_facing(g, 3, 2), OPFLOW_EINVAL,
	     "weld");
	CASE(opflow_graph_set_activity_label(g, 3, "bad \xC3"), OPFLOW_EINVAL,
	     "weld");
	CASE(opflow_graph_set_activity_label(g, 3, label), OPFLOW_ERANGE,
	     "weld");
	CASE(opflow_graph_set_flow_lag(g, 2, NAN), OPFLOW_EINVAL,
	     "flow 2|tubes");
	CASE(opflow_graph_set_flow_lag(g, 2, INFINITY), OPFLOW_EINVAL,
	     "flow 2|tubes");
	CASE(opflow_graph_set_department_name(g, 3, "bad \xC3"), OPFLOW_EINVAL,
	     "Frame shop|department 3");
	CASE(opflow_graph_set_department_name(g, 3, label), OPFLOW_ERANGE,
	     "Frame shop|department 3");
	CASE(opflow_graph_add_flow(&id, g, 0, 4, OPFLOW_FLOW_FS, NAN),
	     OPFLOW_EINVAL, "research");
	CASE(opflow_graph_add_flow(&id, g, 0, 4, (opflow_flow_type)9, 0),
	     OPFLOW_EINVAL, "research");
	CASE(opflow_graph_add_flow(&id, g, 3, 3, OPFLOW_FLOW_FS, 0),
	     OPFLOW_EINVAL, "weld");
	CASE(opflow_graph_add_activity(&id, g, "paint", (opflow_category)15),
	     OPFLOW_EINVAL, "paint");
	o.has_duration = 1;
	o.duration = -1;
	CASE(opflow_graph_add_activity_ext(&id, g, "paint", &o), OPFLOW_EINVAL,
	     "paint");
	o.has_duration = 0;
	o.has_estimate = 1;
	o.optimistic = 3;
	o.most_likely = 2;
	o.pessimistic = 4;
	CASE(opflow_graph_add_activity_ext(&id, g, "paint", &o), OPFLOW_EINVAL,
	     "paint");
	o.has_estimate = 0;
	o.label = "bad \xC3";
	CASE(opflow_graph_add_activity_ext(&id, g, "paint", &o), OPFLOW_EINVAL,
	     "paint");
#undef CASE
	opflow_graph_free(g);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(cases[i].rc == cases[i].code,
		    "%s returned %d, expected %d: %s", cases[i].call,
		    cases[i].rc, cases[i].code, opflow_error_message());
	ck_assert_msg(missing[0] == '\0',
	    "failing calls whose message does not name their subject:%s",
	    missing);
}
END_TEST

/* ------------------------------------------------------------- bulk adds */

START_TEST(add_activities_in_bulk)
{
	opflow_graph *g = tu_graph();
	const int categories[] = { OPFLOW_CATEGORY_PROCUREMENT,
	                           OPFLOW_CATEGORY_MARKETING,
	                           OPFLOW_CATEGORY_MANUFACTURING };
	const int kinds[] = { OPFLOW_FROM_CATEGORY, OPFLOW_KIND_PRODUCTION,
	                      OPFLOW_KIND_OPERATION };
	const double durations[] = { 1.5, 0, 7 };
	opflow_id first = 4242;
	opflow_category c;
	opflow_kind k;
	int cf;

	tu_add(g, "existing", OPFLOW_CATEGORY_OTHER);
	TU_OK(opflow_graph_add_activities(&first, g, 3, "buy\0promote\0weld",
	                                  sizeof "buy\0promote\0weld",
	                                  categories, kinds, durations));
	ck_assert_uint_eq(first, 1);
	ck_assert_uint_eq(opflow_graph_activity_count(g), 4);
	expect_key(g, 1, "buy");
	expect_key(g, 2, "promote");
	expect_key(g, 3, "weld");
	TU_OK(opflow_graph_activity_kind(&k, g, 1));
	ck_assert_int_eq(k, OPFLOW_KIND_PRODUCTION);
	TU_OK(opflow_graph_activity_kind(&k, g, 2));
	ck_assert_int_eq(k, OPFLOW_KIND_PRODUCTION);
	TU_OK(opflow_graph_activity_kind(&k, g, 3));
	ck_assert_int_eq(k, OPFLOW_KIND_OPERATION);
	TU_OK(opflow_graph_activity_category(&c, g, 2));
	ck_assert_int_eq(c, OPFLOW_CATEGORY_MARKETING);
	/* customer-facing comes from the category */
	TU_OK(opflow_graph_activity_customer_facing(&cf, g, 2));
	ck_assert_int_eq(cf, 1);
	expect_duration(g, 1, 1.5, 1);
	expect_duration(g, 2, 0.0, 1);
	expect_duration(g, 3, 7.0, 1);

	/* without the arrays: other, from the category, no duration */
	TU_OK(opflow_graph_add_activities(&first, g, 2, "x\0y", 4, NULL, NULL,
	                                  NULL));
	ck_assert_uint_eq(first, 4);
	TU_OK(opflow_graph_activity_category(&c, g, 5));
	TU_OK(opflow_graph_activity_kind(&k, g, 5));
	ck_assert_int_eq(c, OPFLOW_CATEGORY_OTHER);
	ck_assert_int_eq(k, OPFLOW_KIND_OPERATION);
	expect_duration(g, 5, 0.0, 0);
	expect_key(g, 5, "y");

	/* nothing at all */
	first = 4242;
	TU_OK(opflow_graph_add_activities(&first, g, 0, NULL, 0, NULL, NULL,
	                                  NULL));
	ck_assert_uint_eq(first, 6);
	ck_assert_uint_eq(opflow_graph_activity_count(g), 6);
	opflow_graph_free(g);
}
END_TEST

START_TEST(add_activities_all_or_nothing)
{
	opflow_graph *g = sample();
	const int bad_cat[] = { 0, 15, 0 }, bad_kind[] = { 0, 0, 7 };
	const double nan_dur[] = { 1, NAN, 1 }, neg_dur[] = { 1, 1, -2 };
	char longkeys[OPFLOW_KEY_MAX + 8];
	opflow_id first = 4242;

	/* an existing key in the middle */
	TU_FAILS(g, opflow_graph_add_activities(&first, g, 3, "xray\0weld\0yankee", 17,
	                                        NULL, NULL, NULL),
	         OPFLOW_EEXISTS, "weld");
	/* the same key twice within the batch */
	TU_FAILS(g, opflow_graph_add_activities(&first, g, 3, "xray\0yankee\0xray", 17,
	                                        NULL, NULL, NULL),
	         OPFLOW_EEXISTS, "xray");
	TU_FAILS(g, opflow_graph_add_activities(&first, g, 2, "xray\0xray", 10,
	                                        NULL, NULL, NULL),
	         OPFLOW_EEXISTS, "xray");
	/* bad keys */
	TU_FAILS(g, opflow_graph_add_activities(&first, g, 3, "x\0\0y", 5, NULL,
	                                        NULL, NULL),
	         OPFLOW_EINVAL, "empty");
	TU_FAILS(g, opflow_graph_add_activities(&first, g, 3,
	                                        "x\0bad-\xED\xA0\x80\0y", 12,
	                                        NULL, NULL, NULL),
	         OPFLOW_EINVAL, "bad-");
	memset(longkeys, 'k', sizeof longkeys);
	memcpy(longkeys, "x\0toolong-", 10);
	longkeys[sizeof longkeys - 1] = '\0';
	TU_FAILS(g, opflow_graph_add_activities(&first, g, 2, longkeys,
	                                        sizeof longkeys, NULL, NULL,
	                                        NULL),
	         OPFLOW_ERANGE, "toolong-");
	/* bad attributes of the second or third */
	TU_FAILS(g, opflow_graph_add_activities(&first, g, 3, "xray\0yankee\0zulu", 17,
	                                        bad_cat, NULL, NULL),
	         OPFLOW_EINVAL, "yankee", "15");
	TU_FAILS(g, opflow_graph_add_activities(&first, g, 3, "xray\0yankee\0zulu", 17,
	                                        NULL, bad_kind, NULL),
	         OPFLOW_EINVAL, "zulu", "7");
	TU_FAILS(g, opflow_graph_add_activities(&first, g, 3, "xray\0yankee\0zulu", 17,
	                                        NULL, NULL, nan_dur),
	         OPFLOW_EINVAL, "yankee");
	TU_FAILS(g, opflow_graph_add_activities(&first, g, 3, "xray\0yankee\0zulu", 17,
	                                        NULL, NULL, neg_dur),
	         OPFLOW_EINVAL, "zulu");
	/* sizes that do not match the keys */
	TU_FAILS(g, opflow_graph_add_activities(&first, g, 3, "xray\0yankee\0zulu", 16,
	                                        NULL, NULL, NULL),
	         OPFLOW_EINVAL, "keys");
	TU_FAILS(g, opflow_graph_add_activities(&first, g, 2, "xray\0yankee\0zulu", 17,
	                                        NULL, NULL, NULL),
	         OPFLOW_EINVAL, "keys");
	TU_FAILS(g, opflow_graph_add_activities(&first, g, 4, "xray\0yankee\0zulu", 17,
	                                        NULL, NULL, NULL),
	         OPFLOW_EINVAL, "keys");
	TU_FAILS(g, opflow_graph_add_activities(&first, g, 1, "x", 0, NULL, NULL,
	                                        NULL),
	         OPFLOW_EINVAL, "keys");
	/* sizes far beyond the keys, counts far beyond the buffer */
	TU_FAILS(g, opflow_graph_add_activities(&first, g, 1, "xray", SIZE_MAX,
	                                        NULL, NULL, NULL),
	         OPFLOW_EINVAL, "keys");
	TU_FAILS(g, opflow_graph_add_activities(&first, g, 1000,
	                                        "xray\0yankee", 12, NULL, NULL,
	                                        NULL),
	         OPFLOW_EINVAL, "keys");
	/* a count past the limit is refused first, whatever the keys */
	TU_FAILS(g, opflow_graph_add_activities(&first, g, SIZE_MAX,
	                                        "xray\0yankee", 12, NULL, NULL,
	                                        NULL),
	         OPFLOW_ERANGE, "at most 4294967295 activities");
	/* NULL */
	TU_FAILS(g, opflow_graph_add_activities(NULL, g, 1, "x", 2, NULL, NULL,
	                                        NULL),
	         OPFLOW_EINVAL, "out_first");
	TU_FAILS(NULL, opflow_graph_add_activities(&first, NULL, 1, "x", 2, NULL,
	                                           NULL, NULL),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(g, opflow_graph_add_activities(&first, g, 1, NULL, 2, NULL,
	                                        NULL, NULL),
	         OPFLOW_EINVAL, "keys");
	ck_assert_uint_eq(first, 4242);

	/* after all that, a good batch gets the next ids */
	TU_OK(opflow_graph_add_activities(&first, g, 3, "xray\0yankee\0zulu", 17, NULL, NULL,
	                                  NULL));
	ck_assert_uint_eq(first, 5);
	expect_key(g, 5, "xray");
	expect_key(g, 6, "yankee");
	expect_key(g, 7, "zulu");
	expect_key(g, 3, "weld");
	opflow_graph_free(g);
}
END_TEST

START_TEST(add_flows_in_bulk)
{
	opflow_graph *g = sample();
	const opflow_id src[] = { 0, 0, 2 }, dst[] = { 4, 4, 4 };
	const int types[] = { OPFLOW_FLOW_FS, OPFLOW_FLOW_SS, OPFLOW_FLOW_SF };
	const double lags[] = { 1, -2, 0.5 };
	const opflow_id in_ship[] = { 3, 4, 5, 6, 7 };
	const opflow_id src2[] = { 0, 2 }, dst2[] = { 3, 1 };
	opflow_id first = 4242;

	TU_OK(opflow_graph_add_flows(&first, g, 3, src, dst, types, lags));
	ck_assert_uint_eq(first, 5);
	ck_assert_uint_eq(opflow_graph_flow_count(g), 8);
	expect_flow(g, 5, 0, 4, OPFLOW_FLOW_FS, 1);
	expect_flow(g, 6, 0, 4, OPFLOW_FLOW_SS, -2);
	expect_flow(g, 7, 2, 4, OPFLOW_FLOW_SF, 0.5);
	expect_list(g, 4, 1, in_ship, 5);
	/* without types and lags: FS, 0 */
	TU_OK(opflow_graph_add_flows(&first, g, 2, src2, dst2, NULL, NULL));
	ck_assert_uint_eq(first, 8);
	expect_flow(g, 8, 0, 3, OPFLOW_FLOW_FS, 0);
	expect_flow(g, 9, 2, 1, OPFLOW_FLOW_FS, 0);
	first = 4242;
	TU_OK(opflow_graph_add_flows(&first, g, 0, NULL, NULL, NULL, NULL));
	ck_assert_uint_eq(first, 10);
	opflow_graph_free(g);
}
END_TEST

START_TEST(add_flows_all_or_nothing)
{
	opflow_graph *g = sample();
	const opflow_id out_design[] = { 1, 4 }, in_weld[] = { 1, 2 };
	opflow_id first = 4242;
	/* the middle one exists already (design->weld FS) */
	const opflow_id s1[] = { 0, 1, 2 }, t1[] = { 4, 3, 4 };
	/* the same flow twice within the batch */
	const opflow_id s2[] = { 0, 2, 0 }, t2[] = { 4, 4, 4 };
	const int ty2[] = { OPFLOW_FLOW_SS, OPFLOW_FLOW_FS, OPFLOW_FLOW_SS };
	/* a self-loop, an unknown id */
	const opflow_id s3[] = { 0, 2, 3 }, t3[] = { 4, 2, 4 };
	const opflow_id s4[] = { 0, 9 }, t4[] = { 4, 4 };
	const opflow_id s5[] = { 0, 2 }, t5[] = { 4, 4 };
	const int bad_types[] = { OPFLOW_FLOW_FS, 4 };
	const double bad_lags[] = { 0, NAN };

	TU_FAILS(g, opflow_graph_add_flows(&first, g, 3, s1, t1, NULL, NULL),
	         OPFLOW_EEXISTS, "design", "weld");
	TU_FAILS(g, opflow_graph_add_flows(&first, g, 3, s2, t2, ty2, NULL),
	         OPFLOW_EEXISTS, "research", "ship");
	TU_FAILS(g, opflow_graph_add_flows(&first, g, 3, s3, t3, NULL, NULL),
	         OPFLOW_EINVAL, "tubes");
	TU_FAILS(g, opflow_graph_add_flows(&first, g, 2, s4, t4, NULL, NULL),
	         OPFLOW_ENOTFOUND, "9");
	TU_FAILS(g, opflow_graph_add_flows(&first, g, 2, s5, t5, bad_types,
	                                   NULL),
	         OPFLOW_EINVAL, "4");
	TU_FAILS(g, opflow_graph_add_flows(&first, g, 2, s5, t5, NULL, bad_lags),
	         OPFLOW_EINVAL, "lag");
	TU_FAILS(g, opflow_graph_add_flows(NULL, g, 2, s5, t5, NULL, NULL),
	         OPFLOW_EINVAL, "out_first");
	TU_FAILS(NULL, opflow_graph_add_flows(&first, NULL, 2, s5, t5, NULL,
	                                      NULL),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(g, opflow_graph_add_flows(&first, g, 2, NULL, t5, NULL, NULL),
	         OPFLOW_EINVAL, "sources");
	TU_FAILS(g, opflow_graph_add_flows(&first, g, 2, s5, NULL, NULL, NULL),
	         OPFLOW_EINVAL, "targets");
	ck_assert_uint_eq(first, 4242);
	/* the lists are as they were, and the next batch gets id 5 */
	expect_list(g, 1, 0, out_design, 2);
	expect_list(g, 3, 1, in_weld, 2);
	TU_OK(opflow_graph_add_flows(&first, g, 2, s5, t5, NULL, NULL));
	ck_assert_uint_eq(first, 5);
	/* parallel flows of different types within one batch are fine */
	TU_OK(opflow_graph_add_flows(&first, g, 3, s2, t2, (const int[]){
	          OPFLOW_FLOW_SS, OPFLOW_FLOW_SS, OPFLOW_FLOW_FF }, NULL));
	ck_assert_uint_eq(first, 7);
	opflow_graph_free(g);
}
END_TEST

/* ---------------------------------------------------------- clone, equal */

START_TEST(clone_is_equal_and_independent)
{
	opflow_graph *g = sample(), *c = tu_clone(g);
	const char *s;

	ck_assert_int_eq(opflow_graph_equal(g, c), 1);
	ck_assert_int_eq(opflow_graph_equal(c, g), 1);
	ck_assert_int_eq(opflow_graph_equal(g, g), 1);
	/* everything reads back the same from the clone */
	expect_key(c, 3, "weld");
	expect_duration(c, 1, 15.0, 0);
	expect_estimate(c, 1, 1, 10, 15, 26);
	expect_flow(c, 3, 3, 4, OPFLOW_FLOW_SS, -1);
	TU_OK(opflow_graph_activity_label(&s, c, 3));
	ck_assert_str_eq(s, "Weld frames");
	TU_OK(opflow_graph_department_name(&s, c, 1));
	ck_assert_str_eq(s, "Engineering & design");
	/* changing one leaves the other */
	TU_OK(opflow_graph_set_activity_label(c, 3, "Braze frames"));
	TU_OK(opflow_graph_remove_activity(c, 0));
	TU_OK(opflow_graph_set_department_name(c, 1, "R&D"));
	ck_assert_int_eq(opflow_graph_equal(g, c), 0);
	TU_OK(opflow_graph_activity_label(&s, g, 3));
	ck_assert_str_eq(s, "Weld frames");
	TU_OK(opflow_graph_department_name(&s, g, 1));
	ck_assert_str_eq(s, "Engineering & design");
	ck_assert_uint_eq(opflow_graph_activity_count(g), 5);
	ck_assert_uint_eq(opflow_graph_flow_count(g), 5);
	/* the clone of an empty graph */
	opflow_graph_free(c);
	opflow_graph_free(g);
	g = tu_graph();
	c = tu_clone(g);
	ck_assert_int_eq(opflow_graph_equal(g, c), 1);
	ck_assert_uint_eq(tu_add(c, "a", OPFLOW_CATEGORY_OTHER), 0);
	ck_assert_int_eq(opflow_graph_equal(g, c), 0);
	opflow_graph_free(c);
	opflow_graph_free(g);
}
END_TEST

/* A change to make to a clone of sample(), which equal must notice. */
typedef void (*mutation)(opflow_graph *g);

static void m_label_added(opflow_graph *g)
{ TU_OK(opflow_graph_set_activity_label(g, 0, "Research")); }
static void m_label_changed(opflow_graph *g)
{ TU_OK(opflow_graph_set_activity_label(g, 3, "Weld frameS")); }
static void m_label_removed(opflow_graph *g)
{ TU_OK(opflow_graph_set_activity_label(g, 3, NULL)); }
static void m_kind(opflow_graph *g)
{ TU_OK(opflow_graph_set_activity_kind(g, 3, OPFLOW_KIND_OPERATION)); }
static void m_category(opflow_graph *g)
{ TU_OK(opflow_graph_set_activity_category(g, 3, OPFLOW_CATEGORY_ASSEMBLY)); }
static void m_department(opflow_graph *g)
{ TU_OK(opflow_graph_set_activity_department(g, 3, "Purchasing")); }
static void m_department_removed(opflow_graph *g)
{ TU_OK(opflow_graph_set_activity_department(g, 3, NULL)); }
static void m_customer_facing(opflow_graph *g)
{ TU_OK(opflow_graph_set_activity_customer_facing(g, 3, 1)); }
/* design's duration is 15, derived; the same value made explicit */
static void m_explicit_flag(opflow_graph *g)
{ TU_OK(opflow_graph_set_activity_duration(g, 1, 15)); }
static void m_duration_bits(opflow_graph *g)
{ TU_OK(opflow_graph_set_activity_duration(g, 3, nextafter(6.0, 7.0))); }
static void m_estimate_o(opflow_graph *g)
{ TU_OK(opflow_graph_set_activity_estimate(g, 1, nextafter(10.0, 0), 15, 26)); }
static void m_estimate_p(opflow_graph *g)
{ TU_OK(opflow_graph_set_activity_estimate(g, 1, 10, 15, 26.5)); }
static void m_estimate_added(opflow_graph *g)
{ TU_OK(opflow_graph_set_activity_estimate(g, 3, 5, 6, 7)); }
static void m_estimate_removed(opflow_graph *g)
{ TU_OK(opflow_graph_clear_activity_estimate(g, 1)); }
static void m_lag(opflow_graph *g)
{ TU_OK(opflow_graph_set_flow_lag(g, 2, nextafter(2.0, 3.0))); }
static void m_lag_sign(opflow_graph *g)
{ TU_OK(opflow_graph_set_flow_lag(g, 3, 1)); }
static void m_department_name(opflow_graph *g)
{ TU_OK(opflow_graph_set_department_name(g, 1, "Engineering and design")); }
static void m_department_name_added(opflow_graph *g)
{ TU_OK(opflow_graph_set_department_name(g, 0, "Marketing")); }
static void m_department_name_removed(opflow_graph *g)
{ TU_OK(opflow_graph_set_department_name(g, 1, NULL)); }
static void m_unused_department(opflow_graph *g)
{
	opflow_id d;

	TU_OK(opflow_graph_intern_department(&d, g, "Idle"));
}
static void m_department_removal(opflow_graph *g)
{ TU_OK(opflow_graph_remove_department(g, 3)); }
static void m_flow_removed(opflow_graph *g)
{ TU_OK(opflow_graph_remove_flow(g, 4)); }
static void m_flow_added(opflow_graph *g)
{ tu_flow(g, 0, 4, OPFLOW_FLOW_FS, 0); }
static void m_activity_added(opflow_graph *g)
{ tu_add(g, "extra", OPFLOW_CATEGORY_OTHER); }

START_TEST(equal_notices_every_attribute)
{
	static const struct {
		const char *what;
		mutation change;
	} changes[] = {
		{ "label added", m_label_added },
		{ "label changed", m_label_changed },
		{ "label removed", m_label_removed },
		{ "kind", m_kind },
		{ "category", m_category },
		{ "department", m_department },
		{ "department removed", m_department_removed },
		{ "customer-facing", m_customer_facing },
		{ "explicit flag", m_explicit_flag },
		{ "duration bits", m_duration_bits },
		{ "optimistic estimate", m_estimate_o },
		{ "pessimistic estimate", m_estimate_p },
		{ "estimate added", m_estimate_added },
		{ "estimate removed", m_estimate_removed },
		{ "flow lag", m_lag },
		{ "flow lag sign", m_lag_sign },
		{ "department name", m_department_name },
		{ "department name added", m_department_name_added },
		{ "department name removed", m_department_name_removed },
		{ "unused department", m_unused_department },
		{ "department removal", m_department_removal },
		{ "flow removed", m_flow_removed },
		{ "flow added", m_flow_added },
		{ "activity added", m_activity_added },
	};
	opflow_graph *g = sample();

	for (size_t i = 0; i < COUNT(changes); i++) {
		opflow_graph *c = tu_clone(g);

		changes[i].change(c);
		ck_assert_msg(opflow_graph_equal(g, c) == 0,
		              "equal misses a change: %s", changes[i].what);
		ck_assert_msg(opflow_graph_equal(c, g) == 0,
		              "equal misses a change: %s (reversed)",
		              changes[i].what);
		opflow_graph_free(c);
	}
	opflow_graph_free(g);
}
END_TEST

/* Two graphs built from these steps differ only where the steps do. */
static opflow_graph *two_flows(opflow_flow_type t0, opflow_flow_type t1,
                               int swap_flows, int swap_keys)
{
	opflow_graph *g = tu_graph();

	tu_add(g, swap_keys ? "b" : "a", OPFLOW_CATEGORY_OTHER);
	tu_add(g, swap_keys ? "a" : "b", OPFLOW_CATEGORY_OTHER);
	tu_add(g, "c", OPFLOW_CATEGORY_OTHER);
	if (swap_flows) {
		tu_flow(g, 1, 2, t1, 0);
		tu_flow(g, 0, 1, t0, 0);
	} else {
		tu_flow(g, 0, 1, t0, 0);
		tu_flow(g, 1, 2, t1, 0);
	}
	return g;
}

START_TEST(equal_compares_order_and_types)
{
	opflow_graph *a = two_flows(OPFLOW_FLOW_FS, OPFLOW_FLOW_SS, 0, 0);
	opflow_graph *same = two_flows(OPFLOW_FLOW_FS, OPFLOW_FLOW_SS, 0, 0);
	opflow_graph *type = two_flows(OPFLOW_FLOW_FS, OPFLOW_FLOW_FF, 0, 0);
	opflow_graph *order = two_flows(OPFLOW_FLOW_FS, OPFLOW_FLOW_SS, 1, 0);
	opflow_graph *keys = two_flows(OPFLOW_FLOW_FS, OPFLOW_FLOW_SS, 0, 1);
	opflow_graph *d1 = tu_graph(), *d2 = tu_graph();
	opflow_id d;

	ck_assert_int_eq(opflow_graph_equal(a, same), 1);
	ck_assert_int_eq(opflow_graph_equal(a, type), 0);
	ck_assert_int_eq(opflow_graph_equal(a, order), 0);
	ck_assert_int_eq(opflow_graph_equal(a, keys), 0);
	/* departments in another order */
	TU_OK(opflow_graph_intern_department(&d, d1, "X"));
	TU_OK(opflow_graph_intern_department(&d, d1, "Y"));
	TU_OK(opflow_graph_intern_department(&d, d2, "Y"));
	TU_OK(opflow_graph_intern_department(&d, d2, "X"));
	ck_assert_int_eq(opflow_graph_equal(d1, d2), 0);
	/* what does not show stays out: a cleared estimate, a layout */
	TU_OK(opflow_graph_set_activity_estimate(same, 0, 1, 2, 3));
	TU_OK(opflow_graph_clear_activity_estimate(same, 0));
	TU_OK(opflow_graph_prepare(same));
	ck_assert_int_eq(opflow_graph_equal(a, same), 1);
	/* a label set and taken away again */
	TU_OK(opflow_graph_set_activity_label(same, 1, "B"));
	TU_OK(opflow_graph_set_activity_label(same, 1, NULL));
	ck_assert_int_eq(opflow_graph_equal(a, same), 1);
	opflow_graph_free(a);
	opflow_graph_free(same);
	opflow_graph_free(type);
	opflow_graph_free(order);
	opflow_graph_free(keys);
	opflow_graph_free(d1);
	opflow_graph_free(d2);
}
END_TEST

/* ----------------------------------------------------------------- prepare */

START_TEST(prepare_then_mutate)
{
	opflow_graph *g = tu_graph();
	opflow_id first;
	const opflow_id src[] = { 0 }, dst[] = { 2 };

	/* a(2) -> b(3): lead time 5 */
	tu_add_dur(g, "a", OPFLOW_CATEGORY_OTHER, 2);
	tu_add_dur(g, "b", OPFLOW_CATEGORY_OTHER, 3);
	tu_flow(g, 0, 1, OPFLOW_FLOW_FS, 0);
	TU_OK(opflow_graph_prepare(g));
	TU_OK(opflow_graph_prepare(g));
	ck_assert_double_eq(lead_time(g), 5);

	/* + c(4) after b: 2 + 3 + 4 */
	TU_OK(opflow_graph_prepare(g));
	tu_add_dur(g, "c", OPFLOW_CATEGORY_OTHER, 4);
	tu_flow(g, 1, 2, OPFLOW_FLOW_FS, 0);
	ck_assert_double_eq(lead_time(g), 9);
	/* lag 10 on a -> b: b starts at 12, c ends at 19 */
	TU_OK(opflow_graph_prepare(g));
	TU_OK(opflow_graph_set_flow_lag(g, 0, 10));
	ck_assert_double_eq(lead_time(g), 19);
	ck_assert_double_eq(early_start(g, 1), 12);
	/* without a -> b: b 0-3, c 3-7 */
	TU_OK(opflow_graph_prepare(g));
	TU_OK(opflow_graph_remove_flow(g, 0));
	ck_assert_double_eq(lead_time(g), 7);
	/* c -> a, against the id order: a 7-9 */
	TU_OK(opflow_graph_prepare(g));
	tu_flow(g, 2, 0, OPFLOW_FLOW_FS, 0);
	ck_assert_double_eq(lead_time(g), 9);
	ck_assert_double_eq(early_start(g, 0), 7);
	/* without b: c(0) 0-4 is now id 1, a 4-6 */
	TU_OK(opflow_graph_prepare(g));
	TU_OK(opflow_graph_remove_activity(g, 1));
	ck_assert_double_eq(lead_time(g), 6);
	ck_assert_double_eq(early_start(g, 0), 4);
	/* d(10) alone: 10 */
	TU_OK(opflow_graph_prepare(g));
	TU_OK(opflow_graph_add_activities(&first, g, 1, "d", 2, NULL, NULL,
	                                  (const double[]){ 10 }));
	ck_assert_double_eq(lead_time(g), 10);
	/* a -> d: d 6-16 */
	TU_OK(opflow_graph_prepare(g));
	TU_OK(opflow_graph_add_flows(&first, g, 1, src, dst, NULL, NULL));
	ck_assert_double_eq(lead_time(g), 16);
	/* c takes 1: c 0-1, a 1-3, d 3-13 */
	TU_OK(opflow_graph_prepare(g));
	TU_OK(opflow_graph_set_activity_duration(g, 1, 1));
	ck_assert_double_eq(lead_time(g), 13);
	/* an added activity on its own: e(20) */
	TU_OK(opflow_graph_prepare(g));
	tu_add_dur(g, "e", OPFLOW_CATEGORY_OTHER, 20);
	ck_assert_double_eq(lead_time(g), 20);
	opflow_graph_free(g);
}
END_TEST

/* Failed calls leave a prepared graph prepared for the graph it is. */
START_TEST(failed_calls_keep_prepared_graph_right)
{
	opflow_graph *g = tu_graph();
	opflow_id first = 4242;
	const opflow_id src[] = { 0, 0, 0 }, dst[] = { 2, 2, 1 };
	const int types[] = { OPFLOW_FLOW_FS, OPFLOW_FLOW_SS, OPFLOW_FLOW_FS };

	/* a(2) -> b(3) -> c(4): 9 */
	tu_add_dur(g, "a", OPFLOW_CATEGORY_OTHER, 2);
	tu_add_dur(g, "b", OPFLOW_CATEGORY_OTHER, 3);
	tu_add_dur(g, "c", OPFLOW_CATEGORY_OTHER, 4);
	tu_flow(g, 0, 1, OPFLOW_FLOW_FS, 0);
	tu_flow(g, 1, 2, OPFLOW_FLOW_FS, 0);
	TU_OK(opflow_graph_prepare(g));
	/* a batch of activities that fails on its third, and one of flows
	 * that fails on its third after two that would change the rows */
	TU_FAILS(g, opflow_graph_add_activities(&first, g, 3,
	                                        "x-new\0y-new\0b", 14, NULL,
	                                        NULL, NULL),
	         OPFLOW_EEXISTS, "b");
	TU_FAILS(g, opflow_graph_add_flows(&first, g, 3, src, dst, types, NULL),
	         OPFLOW_EEXISTS, "FS");
	TU_FAILS(g, opflow_graph_add_flow(&first, g, 2, 2, OPFLOW_FLOW_FS, 0),
	         OPFLOW_EINVAL, "c");
	ck_assert_uint_eq(first, 4242);
	ck_assert_double_eq(lead_time(g), 9);
	ck_assert_double_eq(early_start(g, 2), 5);
	/* and the next change is seen */
	tu_flow(g, 0, 2, OPFLOW_FLOW_FS, 10);
	ck_assert_double_eq(lead_time(g), 16);
	opflow_graph_free(g);
}
END_TEST

START_TEST(prepare_finds_cycles)
{
	opflow_graph *g = tu_graph();
	const char *const ring[] = { "a", "b", "c" };
	size_t start = 3;

	/* xenon0 a1 b2 c3 delta4: xenon -> a -> b -> c -> a, delta apart */
	tu_add(g, "xenon", OPFLOW_CATEGORY_OTHER);
	tu_add(g, "a", OPFLOW_CATEGORY_OTHER);
	tu_add(g, "b", OPFLOW_CATEGORY_OTHER);
	tu_add(g, "c", OPFLOW_CATEGORY_OTHER);
	tu_add(g, "delta", OPFLOW_CATEGORY_OTHER);
	tu_flow(g, 0, 1, OPFLOW_FLOW_FS, 0);
	tu_flow(g, 1, 2, OPFLOW_FLOW_SS, -4);
	tu_flow(g, 2, 3, OPFLOW_FLOW_FF, 0);
	tu_flow(g, 3, 1, OPFLOW_FLOW_SF, -100);
	TU_FAILS(g, opflow_graph_prepare(g), OPFLOW_ECYCLE, "a", "b", "c");
	/* the details list the activities on the cycle, in flow order */
	ck_assert_uint_eq(opflow_error_cycle_length(), 3);
	for (size_t i = 0; i < 3; i++)
		if (strcmp(opflow_error_cycle_key(0), ring[i]) == 0)
			start = i;
	ck_assert_msg(start < 3, "the cycle starts at %s",
	              opflow_error_cycle_key(0));
	for (size_t i = 0; i < 3; i++) {
		ck_assert_str_eq(opflow_error_cycle_key(i), ring[(start + i) % 3]);
		ck_assert_uint_eq(opflow_error_cycle_id(i), 1 + (start + i) % 3);
	}
	ck_assert_ptr_null(opflow_error_cycle_key(3));
	ck_assert_uint_eq(opflow_error_cycle_id(3), OPFLOW_NONE);
	ck_assert_ptr_null(strstr(opflow_error_message(), "xenon"));
	/* a two-activity cycle in id order still counts */
	TU_OK(opflow_graph_remove_flow(g, 3));
	TU_OK(opflow_graph_prepare(g));
	tu_flow(g, 4, 0, OPFLOW_FLOW_FS, 0);
	tu_flow(g, 0, 4, OPFLOW_FLOW_SS, 0);
	TU_FAILS(g, opflow_graph_prepare(g), OPFLOW_ECYCLE, "xenon", "delta");
	ck_assert_uint_eq(opflow_error_cycle_length(), 2);
	opflow_error_clear();
	ck_assert_uint_eq(opflow_error_cycle_length(), 0);
	opflow_graph_free(g);
}
END_TEST

/* ------------------------------------------------------------------ main */

static Suite *graph_suite(void)
{
	Suite *s = suite_create("graph");
	TCase *tc;

	tc = tcase_create("lifecycle");
	tcase_add_test(tc, new_graph_is_empty);
	tcase_add_test(tc, lifecycle_null_arguments);
	tcase_add_test(tc, activity_options_init);
	tcase_add_test(tc, activity_options_version_checked);
	suite_add_tcase(s, tc);

	tc = tcase_create("keys");
	tcase_add_test(tc, activities_get_dense_ids_in_order);
	tcase_add_test(tc, add_activity_null_arguments);
	tcase_add_test(tc, duplicate_keys_refused);
	tcase_add_test(tc, keys_compared_byte_for_byte);
	tcase_add_test(tc, long_keys_in_messages);
	tcase_add_test(tc, empty_key_refused);
	tcase_add_test(tc, invalid_utf8_keys_refused);
	tcase_add_test(tc, key_length_limit);
	tcase_add_test(tc, find_activity);
	suite_add_tcase(s, tc);

	tc = tcase_create("attributes");
	tcase_add_test(tc, category_gives_defaults);
	tcase_add_test(tc, no_category_is_other);
	tcase_add_test(tc, explicit_kind_and_customer_facing_override_category);
	tcase_add_test(tc, changing_category_keeps_kind_and_customer_facing);
	tcase_add_test(tc, unknown_enum_values_refused);
	tcase_add_test(tc, labels);
	tcase_add_test(tc, options_department);
	tcase_add_test(tc, activity_accessors_null_and_unknown);
	tcase_add_test(tc, failures_name_their_subject);
	tcase_add_test(tc, borrowed_strings_passed_back);
	suite_add_tcase(s, tc);

	tc = tcase_create("durations");
	tcase_add_test(tc, no_duration_no_estimate_is_zero);
	tcase_add_test(tc, explicit_and_derived_durations);
	tcase_add_test(tc, options_durations_and_estimates);
	tcase_add_test(tc, bad_durations_refused);
	tcase_add_test(tc, bad_estimates_refused);
	tcase_add_test(tc, negative_zero_becomes_zero);
	suite_add_tcase(s, tc);

	tc = tcase_create("departments");
	tcase_add_test(tc, departments_interned_in_first_use_order);
	tcase_add_test(tc, department_display_names);
	tcase_add_test(tc, remove_department_renumbers);
	tcase_add_test(tc, department_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("flows");
	tcase_add_test(tc, flows_in_insertion_order);
	tcase_add_test(tc, parallel_flows_of_other_types);
	tcase_add_test(tc, flow_errors);
	tcase_add_test(tc, negative_lags_are_leads);
	tcase_add_test(tc, incoming_and_outgoing_in_flow_id_order);
	tcase_add_test(tc, list_count_and_capacity);
	suite_add_tcase(s, tc);

	tc = tcase_create("removal");
	tcase_add_test(tc, remove_activity_renumbers_everything);
	tcase_add_test(tc, remove_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("bulk");
	tcase_add_test(tc, add_activities_in_bulk);
	tcase_add_test(tc, add_activities_all_or_nothing);
	tcase_add_test(tc, add_flows_in_bulk);
	tcase_add_test(tc, add_flows_all_or_nothing);
	suite_add_tcase(s, tc);

	tc = tcase_create("clone and equal");
	tcase_add_test(tc, clone_is_equal_and_independent);
	tcase_add_test(tc, equal_notices_every_attribute);
	tcase_add_test(tc, equal_compares_order_and_types);
	suite_add_tcase(s, tc);

	tc = tcase_create("prepare");
	tcase_add_test(tc, prepare_then_mutate);
	tcase_add_test(tc, failed_calls_keep_prepared_graph_right);
	tcase_add_test(tc, prepare_finds_cycles);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(graph_suite());
}
