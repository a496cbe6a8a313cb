/*
 * check_limits.c - every limit of libopflow(7), LIMITS, at the limit and
 * one past it.  At the limit the call works; one past it, it fails with
 * its code and a message naming the limit, changes nothing, and asks the
 * allocator for nothing large.
 *
 * Keys and labels go through every call that takes them, the text format
 * and the exports; numbers, escapes and lines through the text format,
 * from a buffer, a file and an endless stream; the counts of activities
 * and flows through the bulk calls, which decide a count past the limit
 * from the count alone, before they read a key or allocate (a graph at
 * those limits would not fit in memory); the critical-path cap and the
 * capacities of the calls that fill arrays; times at the edge of the
 * doubles; the size of the error message; enumerations and options
 * versions.  Every expected value is worked out here by hand.
 */
#define _GNU_SOURCE 1       /* fopencookie */
#include <opflow.h>

#include <check.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <unistd.h>

#include "testutil.h"

/* opflow(5): the longest line, and the longest number, of the format */
#define LINE_LIMIT ((size_t)4194304)
#define NUMBER_LIMIT ((size_t)1000)

/* ------------------------------------------------------------ allocator */

/* The counting hook of testutil is installed; the calls it counted when
 * watch() was last called, to count the requests of one call. */
static unsigned long calls_before;

static void watch(void)
{
	calls_before = tu_alloc_calls();
	tu_alloc_largest_reset();
}

/* Requests of malloc and realloc since watch(). */
static unsigned long hook_calls(void)
{
	return tu_alloc_calls() - calls_before;
}

/* ------------------------------------------------------------- helpers */

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	ck_assert_msg(p != NULL, "out of memory for %zu bytes", n);
	return p;
}

/* prefix, then unit repeated times times, then suffix; *len its length
 * (may be NULL).  NUL-terminated. */
static char *build(const char *prefix, const char *unit, size_t times,
                   const char *suffix, size_t *len)
{
	size_t lp = strlen(prefix), lu = strlen(unit), ls = strlen(suffix);
	size_t n = lp + lu * times + ls;
	char *s = xmalloc(n + 1), *p = s;

	memcpy(p, prefix, lp);
	p += lp;
	for (size_t i = 0; i < times; i++, p += lu)
		memcpy(p, unit, lu);
	memcpy(p, suffix, ls);
	s[n] = '\0';
	if (len)
		*len = n;
	return s;
}

/* A page that cannot be read: what a call must not touch. */
static void *unreadable(void)
{
	long size = sysconf(_SC_PAGESIZE);
	void *p = mmap(NULL, (size_t)size, PROT_NONE,
	               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ck_assert_msg(p != MAP_FAILED, "mmap failed");
	return p;
}

static void release(void *page)
{
	munmap(page, (size_t)sysconf(_SC_PAGESIZE));
}

static int message_has(const char *needle)
{
	return strstr(opflow_error_message(), needle) != NULL;
}

#define NAMES(needle)                                                        \
	ck_assert_msg(message_has(needle), "the message \"%.300s\" does not name "     \
	              "\"%s\"", opflow_error_message(), (needle))

/* text[0..len) loads; the graph is returned. */
static opflow_graph *loads(const char *text, size_t len)
{
	opflow_graph *g = NULL;
	int rc = opflow_graph_load_buffer(&g, text, len);

	ck_assert_msg(rc == 0, "load failed: %d at %zu:%zu: %.300s", rc,
	              opflow_error_line(), opflow_error_column(),
	              opflow_error_message());
	return g;
}

/* text[0..len) is refused at line:column with a message naming what;
 * the output is left alone. */
static void refused(const char *text, size_t len, size_t line, size_t col,
                    const char *what)
{
	opflow_graph *g = (opflow_graph *)&g, *sentinel = g;
	int rc = opflow_graph_load_buffer(&g, text, len);

	ck_assert_msg(rc == OPFLOW_EPARSE, "expected OPFLOW_EPARSE, got %d "
	              "(%.300s)", rc, opflow_error_message());
	ck_assert_ptr_eq(g, sentinel);
	ck_assert_msg(opflow_error_line() == line &&
	              opflow_error_column() == col,
	              "expected %zu:%zu, got %zu:%zu (%.300s)", line, col,
	              opflow_error_line(), opflow_error_column(),
	              opflow_error_message());
	NAMES(what);
}

/* ----------------------------------------------------------------- keys */

/* The ways to fill a key of OPFLOW_KEY_MAX bytes: the limit counts
 * bytes, so 256 four-byte characters are as long as 1024 letters. */
static const char *const key_units[] = {
	"k", "\xC3\xA9", "\xF0\x9F\x9A\xB2", "a\xE2\x82\xAC"
};

START_TEST(key_at_and_past_the_limit)
{
	const char *unit = key_units[_i];
	size_t ulen = strlen(unit), len;
	char *key = build("", unit, OPFLOW_KEY_MAX / ulen, "", &len);
	char *past = build("", unit, OPFLOW_KEY_MAX / ulen, "x", NULL);
	char *bulk, *bulk_past;
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
	opflow_graph *g = tu_graph(), *h = tu_graph();
	opflow_id id, other, d, first;
	const char *s;

	ck_assert_uint_eq(len, OPFLOW_KEY_MAX);
	ck_assert_uint_eq(strlen(past), OPFLOW_KEY_MAX + 1);

	/* an activity key */
	TU_OK(opflow_graph_add_activity(&id, g, key, OPFLOW_CATEGORY_OTHER));
	TU_OK(opflow_graph_activity_key(&s, g, id));
	ck_assert_uint_eq(strlen(s), OPFLOW_KEY_MAX);
	ck_assert(memcmp(s, key, OPFLOW_KEY_MAX) == 0);
	TU_OK(opflow_graph_find_activity(&other, g, key));
	ck_assert_uint_eq(other, id);
	TU_FAILS(g, opflow_graph_add_activity(&other, g, past,
	                                      OPFLOW_CATEGORY_OTHER),
	         OPFLOW_ERANGE, "activity key", "longer than 1024 bytes");
	/* a key past the limit is out of range, not merely absent */
	TU_FAILS(g, opflow_graph_find_activity(&other, g, past),
	         OPFLOW_ERANGE, "longer than 1024 bytes");

	/* a department key, interned, looked up, given to an activity */
	TU_OK(opflow_graph_intern_department(&d, g, key));
	TU_OK(opflow_graph_department_key(&s, g, d));
	ck_assert_uint_eq(strlen(s), OPFLOW_KEY_MAX);
	TU_FAILS(g, opflow_graph_intern_department(&d, g, past),
	         OPFLOW_ERANGE, "department key", "longer than 1024 bytes");
	TU_FAILS(g, opflow_graph_find_department(&d, g, past),
	         OPFLOW_ERANGE, "longer than 1024 bytes");
	TU_OK(opflow_graph_set_activity_department(g, id, key));
	TU_FAILS(g, opflow_graph_set_activity_department(g, id, past),
	         OPFLOW_ERANGE, "department key", "longer than 1024 bytes");
	o.department = key;
	TU_OK(opflow_graph_add_activity_ext(&other, g, "b", &o));
	o.department = past;
	TU_FAILS(g, opflow_graph_add_activity_ext(&other, g, "c", &o),
	         OPFLOW_ERANGE, "department key", "longer than 1024 bytes");

	/* in a batch: "x", the key, "y", back to back */
	bulk = xmalloc(2 + OPFLOW_KEY_MAX + 1 + 2);
	memcpy(bulk, "x", 2);
	memcpy(bulk + 2, key, OPFLOW_KEY_MAX + 1);
	memcpy(bulk + 2 + OPFLOW_KEY_MAX + 1, "y", 2);
	bulk_past = xmalloc(2 + OPFLOW_KEY_MAX + 2 + 2);
	memcpy(bulk_past, "x", 2);
	memcpy(bulk_past + 2, past, OPFLOW_KEY_MAX + 2);
	memcpy(bulk_past + 2 + OPFLOW_KEY_MAX + 2, "y", 2);
	TU_FAILS(h, opflow_graph_add_activities(&first, h, 3, bulk_past,
	                                        OPFLOW_KEY_MAX + 6, NULL, NULL,
	                                        NULL),
	         OPFLOW_ERANGE, "key 1", "longer than 1024 bytes");
	TU_OK(opflow_graph_add_activities(&first, h, 3, bulk,
	                                  OPFLOW_KEY_MAX + 5, NULL, NULL, NULL));
	TU_OK(opflow_graph_activity_key(&s, h, first + 1));
	ck_assert_uint_eq(strlen(s), OPFLOW_KEY_MAX);

	free(bulk);
	free(bulk_past);
	free(key);
	free(past);
	opflow_graph_free(g);
	opflow_graph_free(h);
}
END_TEST

START_TEST(key_lower_limit)
{
	opflow_graph *g = tu_graph();
	opflow_id id;

	/* one byte is a key, none is not */
	TU_OK(opflow_graph_add_activity(&id, g, "a", OPFLOW_CATEGORY_OTHER));
	TU_FAILS(g, opflow_graph_add_activity(&id, g, "", OPFLOW_CATEGORY_OTHER),
	         OPFLOW_EINVAL, "empty");
	TU_OK(opflow_graph_intern_department(&id, g, "d"));
	TU_FAILS(g, opflow_graph_intern_department(&id, g, ""), OPFLOW_EINVAL,
	         "empty");
	opflow_graph_free(g);
}
END_TEST

/* A key one byte past the limit whose last character is cut by it is
 * still too long, not invalid UTF-8. */
START_TEST(key_past_the_limit_inside_a_character)
{
	char *past = build("", "a", OPFLOW_KEY_MAX - 1, "\xC3\xA9", NULL);
	opflow_graph *g = tu_graph();
	opflow_id id;

	ck_assert_uint_eq(strlen(past), OPFLOW_KEY_MAX + 1);
	TU_FAILS(g, opflow_graph_add_activity(&id, g, past,
	                                      OPFLOW_CATEGORY_OTHER),
	         OPFLOW_ERANGE, "longer than 1024 bytes");
	free(past);
	opflow_graph_free(g);
}
END_TEST

/* --------------------------------------------------------------- labels */

static const char *const text_units[] = { "l", "\xF0\x9F\x9A\xB2" };

START_TEST(text_at_and_past_the_limit)
{
	const char *unit = text_units[_i];
	size_t ulen = strlen(unit), len;
	char *text = build("", unit, OPFLOW_TEXT_MAX / ulen, "", &len);
	char *past = build("", unit, OPFLOW_TEXT_MAX / ulen, "x", NULL);
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
	opflow_graph *g = tu_graph();
	opflow_id a, b, d;
	const char *s;

	ck_assert_uint_eq(len, OPFLOW_TEXT_MAX);
	a = tu_add(g, "a", OPFLOW_CATEGORY_OTHER);
	TU_OK(opflow_graph_set_activity_label(g, a, text));
	TU_OK(opflow_graph_activity_label(&s, g, a));
	ck_assert_uint_eq(strlen(s), OPFLOW_TEXT_MAX);
	ck_assert(memcmp(s, text, OPFLOW_TEXT_MAX) == 0);
	TU_FAILS(g, opflow_graph_set_activity_label(g, a, past), OPFLOW_ERANGE,
	         "label", "longer than 65536 bytes");

	o.label = text;
	TU_OK(opflow_graph_add_activity_ext(&b, g, "b", &o));
	TU_OK(opflow_graph_activity_label(&s, g, b));
	ck_assert_uint_eq(strlen(s), OPFLOW_TEXT_MAX);
	o.label = past;
	TU_FAILS(g, opflow_graph_add_activity_ext(&b, g, "c", &o),
	         OPFLOW_ERANGE, "label", "longer than 65536 bytes");

	TU_OK(opflow_graph_intern_department(&d, g, "d"));
	TU_OK(opflow_graph_set_department_name(g, d, text));
	TU_OK(opflow_graph_department_name(&s, g, d));
	ck_assert_uint_eq(strlen(s), OPFLOW_TEXT_MAX);
	TU_FAILS(g, opflow_graph_set_department_name(g, d, past),
	         OPFLOW_ERANGE, "display name", "longer than 65536 bytes");

	/* the lower end: the empty text is no text */
	TU_OK(opflow_graph_set_activity_label(g, a, ""));
	TU_OK(opflow_graph_activity_label(&s, g, a));
	ck_assert_ptr_null(s);

	free(text);
	free(past);
	opflow_graph_free(g);
}
END_TEST

/* --------------------------------------------------------------- counts */

START_TEST(activity_count)
{
	void *page = unreadable();
	opflow_graph *g = tu_graph();
	opflow_id first = 7;
	const char *three = "a\0b\0c";
	int rc;

	/* an empty graph: a batch of OPFLOW_NONE activities is within the
	 * limit (refused only for its keys, of which "a" is one), one more
	 * is not, and is refused before its keys, read from a page that
	 * cannot be read, and before any allocation */
	watch();
	rc = opflow_graph_add_activities(&first, g, (size_t)OPFLOW_NONE, "a",
	                                 2, NULL, NULL, NULL);
	ck_assert_int_eq(rc, OPFLOW_EINVAL);
	NAMES("fewer than 4294967295 keys");
	ck_assert_uint_eq(hook_calls(), 0);
#if SIZE_MAX > UINT32_MAX
	watch();
	rc = opflow_graph_add_activities(&first, g, (size_t)OPFLOW_NONE + 1,
	                                 page, SIZE_MAX, page, page, page);
	ck_assert_int_eq(rc, OPFLOW_ERANGE);
	NAMES("at most 4294967295 activities");
	NAMES("4294967296 more");
	ck_assert_uint_eq(hook_calls(), 0);
#endif
	/* three activities: 4294967292 more fit, 4294967293 do not */
	TU_OK(opflow_graph_add_activities(&first, g, 3, three, 6, NULL, NULL,
	                                  NULL));
	watch();
	rc = opflow_graph_add_activities(&first, g, (size_t)OPFLOW_NONE - 3,
	                                 "d", 2, NULL, NULL, NULL);
	ck_assert_int_eq(rc, OPFLOW_EINVAL);
	NAMES("fewer than 4294967292 keys");
	watch();
	rc = opflow_graph_add_activities(&first, g, (size_t)OPFLOW_NONE - 2,
	                                 page, SIZE_MAX, page, page, page);
	ck_assert_int_eq(rc, OPFLOW_ERANGE);
	ck_assert_uint_eq(hook_calls(), 0);
	TU_FAILS(g, opflow_graph_add_activities(&first, g,
	                                        (size_t)OPFLOW_NONE - 2, page,
	                                        SIZE_MAX, page, page, page),
	         OPFLOW_ERANGE, "at most 4294967295 activities",
	         "4294967293 more do not fit beside its 3");
	/* no wrap at the top of size_t */
	TU_FAILS(g, opflow_graph_add_activities(&first, g, SIZE_MAX, page,
	                                        SIZE_MAX, page, page, page),
	         OPFLOW_ERANGE, "at most 4294967295 activities");
	ck_assert_uint_eq(first, 0);
	ck_assert_uint_eq(opflow_graph_activity_count(g), 3);
	release(page);
	opflow_graph_free(g);
}
END_TEST

START_TEST(flow_count)
{
	void *page = unreadable();
	opflow_graph *g = tu_graph();
	const opflow_id src[1] = { 42 }, dst[1] = { 0 };
	opflow_id first = 7, a, b;
	int rc;

	a = tu_add(g, "a", OPFLOW_CATEGORY_OTHER);
	b = tu_add(g, "b", OPFLOW_CATEGORY_OTHER);
#if SIZE_MAX > UINT32_MAX
	watch();
	rc = opflow_graph_add_flows(&first, g, (size_t)OPFLOW_NONE + 1, page,
	                            page, page, page);
	ck_assert_int_eq(rc, OPFLOW_ERANGE);
	NAMES("at most 4294967295 flows");
	ck_assert_uint_eq(hook_calls(), 0);
#endif
	tu_flow(g, a, b, OPFLOW_FLOW_FS, 0);
	/* one flow: 4294967294 more fit (refused only for the first of
	 * them, from activity 42, which does not exist), 4294967295 do not */
	watch();
	rc = opflow_graph_add_flows(&first, g, (size_t)OPFLOW_NONE - 1, src,
	                            dst, NULL, NULL);
	ck_assert_int_eq(rc, OPFLOW_ENOTFOUND);
	NAMES("flow 0 of the batch");
	ck_assert_uint_eq(hook_calls(), 0);
	watch();
	rc = opflow_graph_add_flows(&first, g, (size_t)OPFLOW_NONE, page, page,
	                            page, page);
	ck_assert_int_eq(rc, OPFLOW_ERANGE);
	ck_assert_uint_eq(hook_calls(), 0);
	TU_FAILS(g, opflow_graph_add_flows(&first, g, (size_t)OPFLOW_NONE, page,
	                                   page, page, page),
	         OPFLOW_ERANGE, "at most 4294967295 flows",
	         "4294967295 more do not fit beside its 1");
	TU_FAILS(g, opflow_graph_add_flows(&first, g, SIZE_MAX, page, page,
	                                   page, page),
	         OPFLOW_ERANGE, "at most 4294967295 flows");
	ck_assert_uint_eq(first, 7);
	release(page);
	opflow_graph_free(g);
}
END_TEST

/* Ids run from 0 to the count - 1; OPFLOW_NONE is never one. */
START_TEST(ids_end_at_the_count)
{
	opflow_graph *g = tu_graph();
	opflow_id a, b, f, d;
	const char *s;

	a = tu_add(g, "a", OPFLOW_CATEGORY_OTHER);
	b = tu_add(g, "b", OPFLOW_CATEGORY_OTHER);
	f = tu_flow(g, a, b, OPFLOW_FLOW_FS, 0);
	TU_OK(opflow_graph_intern_department(&d, g, "d"));
	TU_OK(opflow_graph_activity_key(&s, g, 1));
	TU_OK(opflow_graph_flow(NULL, NULL, NULL, NULL, g, f));
	TU_OK(opflow_graph_department_key(&s, g, d));
	TU_FAILS(g, opflow_graph_activity_key(&s, g, 2), OPFLOW_ENOTFOUND,
	         "no activity with id 2");
	TU_FAILS(g, opflow_graph_activity_key(&s, g, OPFLOW_NONE),
	         OPFLOW_ENOTFOUND, "no activity with id 4294967295");
	TU_FAILS(g, opflow_graph_flow(NULL, NULL, NULL, NULL, g, 1),
	         OPFLOW_ENOTFOUND, "no flow with id 1");
	TU_FAILS(g, opflow_graph_flow(NULL, NULL, NULL, NULL, g, OPFLOW_NONE),
	         OPFLOW_ENOTFOUND, "4294967295");
	TU_FAILS(g, opflow_graph_department_key(&s, g, 1), OPFLOW_ENOTFOUND,
	         "1");
	TU_FAILS(g, opflow_graph_department_key(&s, g, OPFLOW_NONE),
	         OPFLOW_ENOTFOUND, "4294967295");
	opflow_graph_free(g);
}
END_TEST

/* At most four flows from one activity to another: one of each type. */
START_TEST(flows_between_two_activities)
{
	opflow_graph *g = tu_graph();
	opflow_id a, b, f, in[5];
	size_t count;

	a = tu_add(g, "a", OPFLOW_CATEGORY_OTHER);
	b = tu_add(g, "b", OPFLOW_CATEGORY_OTHER);
	for (int t = OPFLOW_FLOW_FS; t <= OPFLOW_FLOW_SF; t++)
		TU_OK(opflow_graph_add_flow(&f, g, a, b, (opflow_flow_type)t, 1));
	for (int t = OPFLOW_FLOW_FS; t <= OPFLOW_FLOW_SF; t++)
		TU_FAILS(g, opflow_graph_add_flow(&f, g, a, b,
		                                  (opflow_flow_type)t, 2),
		         OPFLOW_EEXISTS, "already exists");
	TU_OK(opflow_graph_incoming(&count, in, 5, g, b));
	ck_assert_uint_eq(count, 4);
	opflow_graph_free(g);
}
END_TEST

/* ----------------------------------------------------- the text format */

START_TEST(format_keys)
{
	char *k = build("", "k", OPFLOW_KEY_MAX, "", NULL);
	char *kp = build("", "k", OPFLOW_KEY_MAX + 1, "", NULL);
	char *text;
	opflow_graph *g;
	const char *s;
	size_t len;

	/* a word */
	text = build("opflow 1\nactivity ", "k", OPFLOW_KEY_MAX, "\n", &len);
	g = loads(text, len);
	TU_OK(opflow_graph_activity_key(&s, g, 0));
	ck_assert_uint_eq(strlen(s), OPFLOW_KEY_MAX);
	opflow_graph_free(g);
	free(text);
	text = build("opflow 1\nactivity ", "k", OPFLOW_KEY_MAX + 1, "\n", &len);
	refused(text, len, 2, 10, "longer than 1024 bytes");
	free(text);

	/* quoted, with escapes: the limit is on the bytes they stand for */
	text = build("opflow 1\nactivity \"", "\\x41", OPFLOW_KEY_MAX, "\"\n",
	             &len);
	g = loads(text, len);
	TU_OK(opflow_graph_activity_key(&s, g, 0));
	ck_assert_uint_eq(strlen(s), OPFLOW_KEY_MAX);
	ck_assert(s[0] == 'A' && s[OPFLOW_KEY_MAX - 1] == 'A');
	opflow_graph_free(g);
	free(text);
	text = build("opflow 1\nactivity \"", "\\x41", OPFLOW_KEY_MAX + 1,
	             "\"\n", &len);
	refused(text, len, 2, 10, "longer than 1024 bytes");
	free(text);
	text = build("opflow 1\nactivity \"", "\\u{1F6B2}", OPFLOW_KEY_MAX / 4,
	             "\"\n", &len);
	g = loads(text, len);
	TU_OK(opflow_graph_activity_key(&s, g, 0));
	ck_assert_uint_eq(strlen(s), OPFLOW_KEY_MAX);
	opflow_graph_free(g);
	free(text);
	text = build("opflow 1\nactivity \"", "\\u{1F6B2}", OPFLOW_KEY_MAX / 4,
	             "x\"\n", &len);
	refused(text, len, 2, 10, "longer than 1024 bytes");
	free(text);

	/* a department statement, and the department= attribute */
	text = build("opflow 1\ndepartment ", "k", OPFLOW_KEY_MAX, "\n", &len);
	g = loads(text, len);
	ck_assert_uint_eq(opflow_graph_department_count(g), 1);
	opflow_graph_free(g);
	free(text);
	text = build("opflow 1\ndepartment ", "k", OPFLOW_KEY_MAX + 1, "\n",
	             &len);
	refused(text, len, 2, 12, "longer than 1024 bytes");
	free(text);
	text = build("opflow 1\nactivity a department=", "k", OPFLOW_KEY_MAX,
	             "\n", &len);
	g = loads(text, len);
	ck_assert_uint_eq(opflow_graph_department_count(g), 1);
	opflow_graph_free(g);
	free(text);
	text = build("opflow 1\nactivity a department=", "k",
	             OPFLOW_KEY_MAX + 1, "\n", &len);
	refused(text, len, 2, 23, "longer than 1024 bytes");
	free(text);

	/* the ends of a flow: a key past the limit is named as such, not as
	 * an unknown activity */
	{
		size_t n = strlen(k), m = strlen(kp);
		char *t = xmalloc(64 + 4 * m);

		len = (size_t)sprintf(t, "opflow 1\nactivity %s\nactivity b\n"
		                      "flow %s b\nflow b %s\n", k, k, k);
		g = loads(t, len);
		ck_assert_uint_eq(opflow_graph_flow_count(g), 2);
		opflow_graph_free(g);
		len = (size_t)sprintf(t, "opflow 1\nactivity %s\nactivity b\n"
		                      "flow %s b\n", k, kp);
		refused(t, len, 4, 6, "longer than 1024 bytes");
		len = (size_t)sprintf(t, "opflow 1\nactivity %s\nactivity b\n"
		                      "flow b %s\n", k, kp);
		refused(t, len, 4, 8, "longer than 1024 bytes");
		ck_assert_uint_eq(n + 1, m);
		free(t);
	}
	free(k);
	free(kp);
}
END_TEST

START_TEST(format_texts)
{
	opflow_graph *g;
	const char *s;
	char *text;
	size_t len;

	/* 'activity a label=' is 17 bytes: the value at column 18 */
	text = build("opflow 1\nactivity a label=\"", "l", OPFLOW_TEXT_MAX,
	             "\"\n", &len);
	g = loads(text, len);
	TU_OK(opflow_graph_activity_label(&s, g, 0));
	ck_assert_uint_eq(strlen(s), OPFLOW_TEXT_MAX);
	opflow_graph_free(g);
	free(text);
	text = build("opflow 1\nactivity a label=\"", "l", OPFLOW_TEXT_MAX + 1,
	             "\"\n", &len);
	refused(text, len, 2, 18, "longer than 65536 bytes");
	free(text);
	/* the longest escape for each byte: 10 bytes of text a byte */
	text = build("opflow 1\nactivity a label=\"", "\\u{00004A}",
	             OPFLOW_TEXT_MAX, "\"\n", &len);
	ck_assert_uint_eq(len, 9 + 17 + 1 + 10 * (size_t)OPFLOW_TEXT_MAX + 2);
	g = loads(text, len);
	TU_OK(opflow_graph_activity_label(&s, g, 0));
	ck_assert_uint_eq(strlen(s), OPFLOW_TEXT_MAX);
	ck_assert(s[0] == 'J' && s[OPFLOW_TEXT_MAX - 1] == 'J');
	opflow_graph_free(g);
	free(text);
	text = build("opflow 1\nactivity a label=\"", "\\u{00004A}",
	             OPFLOW_TEXT_MAX + 1, "\"\n", &len);
	refused(text, len, 2, 18, "longer than 65536 bytes");
	free(text);

	/* 'department d name=' is 18 bytes */
	text = build("opflow 1\ndepartment d name=\"", "n", OPFLOW_TEXT_MAX,
	             "\"\n", &len);
	g = loads(text, len);
	TU_OK(opflow_graph_department_name(&s, g, 0));
	ck_assert_uint_eq(strlen(s), OPFLOW_TEXT_MAX);
	opflow_graph_free(g);
	free(text);
	text = build("opflow 1\ndepartment d name=\"", "n", OPFLOW_TEXT_MAX + 1,
	             "\"\n", &len);
	refused(text, len, 2, 19, "longer than 65536 bytes");
	free(text);
}
END_TEST

/* A number of NUMBER_LIMIT characters: leading zeros, then 12.5. */
static char *long_number(size_t chars, const char *prefix, const char *sign,
                         const char *suffix, size_t *len)
{
	size_t zeros = chars - strlen(sign) - 4;
	char *head = build(prefix, "", 0, sign, NULL);
	char *zs = build(head, "0", zeros, "", NULL);
	char *text = build(zs, "", 0, "12.5", NULL);
	char *all = build(text, "", 0, suffix, len);

	free(head);
	free(zs);
	free(text);
	return all;
}

START_TEST(format_numbers)
{
	opflow_graph *g;
	char *text, *number;
	double d, o, m, p, lag;
	int explicit_, has;
	size_t len;

	/* 'activity a duration=' is 20 bytes */
	text = long_number(NUMBER_LIMIT, "opflow 1\nactivity a duration=", "",
	                   "\n", &len);
	ck_assert_uint_eq(len, 9 + 20 + NUMBER_LIMIT + 1);
	g = loads(text, len);
	TU_OK(opflow_graph_activity_duration(&d, &explicit_, g, 0));
	TU_DOUBLE_EQ(d, 12.5);
	opflow_graph_free(g);
	free(text);
	text = long_number(NUMBER_LIMIT + 1, "opflow 1\nactivity a duration=",
	                   "", "\n", &len);
	refused(text, len, 2, 21, "longer than 1000 characters");
	free(text);

	/* 'flow a b lag=' is 13 bytes; the sign counts */
	text = long_number(NUMBER_LIMIT,
	                   "opflow 1\nactivity a\nactivity b\nflow a b lag=",
	                   "-", "\n", &len);
	g = loads(text, len);
	TU_OK(opflow_graph_flow(NULL, NULL, NULL, &lag, g, 0));
	TU_DOUBLE_EQ(lag, -12.5);
	opflow_graph_free(g);
	free(text);
	text = long_number(NUMBER_LIMIT + 1,
	                   "opflow 1\nactivity a\nactivity b\nflow a b lag=",
	                   "-", "\n", &len);
	refused(text, len, 4, 14, "longer than 1000 characters");
	free(text);

	/* each number of an estimate; the error is at the estimate */
	number = long_number(NUMBER_LIMIT, "", "", "", NULL);
	text = build("opflow 1\nactivity a estimate=1/", "", 0, number, NULL);
	free(number);
	number = text;
	text = build(number, "", 0, "/20\n", &len);
	free(number);
	g = loads(text, len);
	TU_OK(opflow_graph_activity_estimate(&has, &o, &m, &p, g, 0));
	ck_assert_int_eq(has, 1);
	TU_DOUBLE_EQ(o, 1);
	TU_DOUBLE_EQ(m, 12.5);
	TU_DOUBLE_EQ(p, 20);
	opflow_graph_free(g);
	free(text);
	number = long_number(NUMBER_LIMIT + 1, "", "", "", NULL);
	text = build("opflow 1\nactivity a estimate=1/", "", 0, number, NULL);
	free(number);
	number = text;
	text = build(number, "", 0, "/20\n", &len);
	free(number);
	refused(text, len, 2, 21, "most likely");
	NAMES("longer than 1000 characters");
	free(text);

	/* magnitude: the largest double and what rounds to it load; the
	 * next 17-digit decimal lies past the midpoint to 2^1024 */
	text = build("opflow 1\nactivity a duration=1.7976931348623157e308\n"
	             "activity b duration=1.7976931348623158e308\n", "", 0, "",
	             &len);
	g = loads(text, len);
	TU_OK(opflow_graph_activity_duration(&d, NULL, g, 0));
	TU_DOUBLE_EQ(d, DBL_MAX);
	TU_OK(opflow_graph_activity_duration(&d, NULL, g, 1));
	TU_DOUBLE_EQ(d, DBL_MAX);
	opflow_graph_free(g);
	free(text);
	text = build("opflow 1\nactivity a duration=1.7976931348623159e308\n",
	             "", 0, "", &len);
	refused(text, len, 2, 21, "too large");
	free(text);
	text = build("opflow 1\nactivity a estimate=0/1/1.7976931348623159e308\n",
	             "", 0, "", &len);
	refused(text, len, 2, 21, "pessimistic");
	NAMES("too large");
	free(text);
	text = build("opflow 1\nactivity a\nactivity b\n"
	             "flow a b lag=-1.7976931348623159e308\n", "", 0, "", &len);
	refused(text, len, 4, 14, "too large");
	free(text);
}
END_TEST

/* \u{...}: 1 to 6 hexadecimal digits, at most 10FFFF. */
START_TEST(format_escapes)
{
	static const char ok[] =
		"opflow 1\nactivity a label=\"\\u{10FFFF}\\u{00004A}\"\n";
	static const char big[] =
		"opflow 1\nactivity a label=\"\\u{110000}\"\n";
	static const char seven[] =
		"opflow 1\nactivity a label=\"\\u{000004A}\"\n";
	opflow_graph *g = loads(ok, sizeof ok - 1);
	const char *s;

	TU_OK(opflow_graph_activity_label(&s, g, 0));
	ck_assert_str_eq(s, "\xF4\x8F\xBF\xBF" "J");
	opflow_graph_free(g);
	/* the backslash is at column 19 */
	refused(big, sizeof big - 1, 2, 19, "above 10FFFF");
	refused(seven, sizeof seven - 1, 2, 19, "1 to 6 hexadecimal digits");
}
END_TEST

/* "activity a #" and a comment up to length bytes; the line's end is
 * not added. */
static char *long_line(size_t length)
{
	char *s = build("activity a #", "c", length - 12, "", NULL);

	ck_assert_uint_eq(strlen(s), length);
	return s;
}

static char *with(const char *head, const char *line, const char *tail,
                  size_t *len)
{
	char *a = build(head, "", 0, line, NULL);
	char *b = build(a, "", 0, tail, len);

	free(a);
	return b;
}

START_TEST(format_lines)
{
	char *at = long_line(LINE_LIMIT), *past = long_line(LINE_LIMIT + 1);
	opflow_graph *g;
	char *text;
	size_t len;

	/* at the limit, ended by LF, CRLF or the end of the text */
	text = with("opflow 1\n", at, "\n", &len);
	g = loads(text, len);
	ck_assert_uint_eq(opflow_graph_activity_count(g), 1);
	opflow_graph_free(g);
	free(text);
	text = with("opflow 1\r\n", at, "\r\nactivity b\r\n", &len);
	g = loads(text, len);
	ck_assert_uint_eq(opflow_graph_activity_count(g), 2);
	opflow_graph_free(g);
	free(text);
	text = with("opflow 1\n", at, "", &len);
	g = loads(text, len);
	opflow_graph_free(g);
	free(text);

	/* one past: refused at its first byte past the limit, with no
	 * allocation near its size */
	text = with("opflow 1\n", past, "\n", &len);
	watch();
	refused(text, len, 2, LINE_LIMIT + 1, "longer than 4194304 bytes");
	ck_assert_msg(tu_alloc_largest() < 65536, "%zu bytes asked for",
	              tu_alloc_largest());
	free(text);
	text = with("opflow 1\r\n", past, "\r\n", &len);
	refused(text, len, 2, LINE_LIMIT + 1, "longer than 4194304 bytes");
	free(text);
	text = with("opflow 1\n", past, "", &len);
	refused(text, len, 2, LINE_LIMIT + 1, "longer than 4194304 bytes");
	free(text);

	/* the first line, after a byte-order mark that is not counted */
	text = build("\xEF\xBB\xBF" "opflow 1", " ", LINE_LIMIT - 8,
	             "\nactivity a\n", &len);
	g = loads(text, len);
	ck_assert_uint_eq(opflow_graph_activity_count(g), 1);
	opflow_graph_free(g);
	free(text);
	text = build("\xEF\xBB\xBF" "opflow 1", " ", LINE_LIMIT - 7, "\n",
	             &len);
	refused(text, len, 1, LINE_LIMIT + 1, "longer than 4194304 bytes");
	free(text);

	/* a character ending at the limit is in; one across it makes the
	 * line too long, not its UTF-8 invalid */
	text = build("opflow 1\nactivity a #", "c", LINE_LIMIT - 12 - 4,
	             "\xF0\x9F\x9A\xB2\n", &len);
	g = loads(text, len);
	opflow_graph_free(g);
	free(text);
	text = build("opflow 1\nactivity a #", "c", LINE_LIMIT - 12 - 1,
	             "\xC3\xA9\n", &len);
	refused(text, len, 2, LINE_LIMIT + 1, "longer than 4194304 bytes");
	free(text);

	/* within the limit, a NUL byte or invalid UTF-8 comes first; past
	 * it, the length does */
	text = with("opflow 1\n", past, "\n", &len);
	text[9 + 20 - 1] = '\0';
	refused(text, len, 2, 20, "NUL");
	text[9 + 20 - 1] = '\xFF';
	refused(text, len, 2, 20, "invalid UTF-8");
	text[9 + 20 - 1] = 'c';
	text[9 + LINE_LIMIT] = '\0';
	refused(text, len, 2, LINE_LIMIT + 1, "longer than 4194304 bytes");
	free(text);

	free(at);
	free(past);
}
END_TEST

/* The same from a file. */
START_TEST(format_lines_from_a_file)
{
	char *at = long_line(LINE_LIMIT), *past = long_line(LINE_LIMIT + 1);
	opflow_graph *g = NULL;
	FILE *fp;

	fp = tmpfile();
	ck_assert_ptr_nonnull(fp);
	fprintf(fp, "opflow 1\n%s\n", at);
	rewind(fp);
	TU_OK(opflow_graph_load_file(&g, fp));
	ck_assert_uint_eq(opflow_graph_activity_count(g), 1);
	opflow_graph_free(g);
	fclose(fp);

	fp = tmpfile();
	ck_assert_ptr_nonnull(fp);
	fprintf(fp, "opflow 1\n%s\nactivity b\n", past);
	rewind(fp);
	ck_assert_int_eq(opflow_graph_load_file(&g, fp), OPFLOW_EPARSE);
	ck_assert_uint_eq(opflow_error_line(), 2);
	ck_assert_uint_eq(opflow_error_column(), LINE_LIMIT + 1);
	NAMES("longer than 4194304 bytes");
	fclose(fp);
	free(at);
	free(past);
}
END_TEST

/* An endless line: "opflow 1", "activity a ", then spaces forever. */
struct endless {
	size_t served;
};

static ssize_t endless_read(void *cookie, char *buf, size_t size)
{
	static const char head[] = "opflow 1\nactivity a ";
	struct endless *e = cookie;

	for (size_t i = 0; i < size; i++, e->served++)
		buf[i] = e->served < sizeof head - 1 ? head[e->served] : ' ';
	return (ssize_t)size;
}

START_TEST(format_endless_line)
{
	static const cookie_io_functions_t io = { endless_read, NULL, NULL,
	                                          NULL };
	struct endless e = { 0 };
	opflow_graph *g = (opflow_graph *)&g, *sentinel = g;
	FILE *fp = fopencookie(&e, "r", io);

	ck_assert_ptr_nonnull(fp);
	watch();
	ck_assert_int_eq(opflow_graph_load_file(&g, fp), OPFLOW_EPARSE);
	ck_assert_ptr_eq(g, sentinel);
	ck_assert_uint_eq(opflow_error_line(), 2);
	ck_assert_uint_eq(opflow_error_column(), LINE_LIMIT + 1);
	NAMES("longer than 4194304 bytes");
	/* reading stopped soon after the limit: within twice the limit and
	 * a stdio buffer, what the buffer grows to by doubling */
	ck_assert_msg(e.served <= 2 * LINE_LIMIT + 65536 + BUFSIZ,
	              "%zu bytes read", e.served);
	ck_assert_msg(tu_alloc_largest() <= 2 * LINE_LIMIT + 65536,
	              "%zu bytes asked for", tu_alloc_largest());
	fclose(fp);
}
END_TEST

static size_t longest_line(const char *s, size_t len)
{
	size_t best = 0, start = 0;

	for (size_t i = 0; i <= len; i++)
		if (i == len || s[i] == '\n') {
			if (i - start > best)
				best = i - start;
			start = i + 1;
		}
	return best;
}

/* Everything at its limit, written with an escape for every byte,
 * saves in lines within the limit and reads back equal. */
START_TEST(saved_at_the_limits)
{
	char *k1 = build("", "\x01", OPFLOW_KEY_MAX, "", NULL);
	char *k2 = build("", "\x02", OPFLOW_KEY_MAX, "", NULL);
	char *dk = build("", "\x03", OPFLOW_KEY_MAX, "", NULL);
	char *text = build("", "\x04", OPFLOW_TEXT_MAX, "", NULL);
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
	opflow_graph *g = tu_graph(), *back;
	opflow_id a, b, d, f;
	char *saved;
	size_t len, line;

	o.label = text;
	o.department = dk;
	o.kind = OPFLOW_KIND_PRODUCTION;
	o.customer_facing = 1;
	o.has_duration = 1;
	o.duration = DBL_MAX;
	o.has_estimate = 1;
	o.optimistic = DBL_MIN;
	o.most_likely = DBL_MAX / 3;
	o.pessimistic = DBL_MAX;
	TU_OK(opflow_graph_add_activity_ext(&a, g, k1, &o));
	TU_OK(opflow_graph_add_activity_ext(&b, g, k2, &o));
	TU_OK(opflow_graph_find_department(&d, g, dk));
	TU_OK(opflow_graph_set_department_name(g, d, text));
	TU_OK(opflow_graph_add_flow(&f, g, a, b, OPFLOW_FLOW_SF, -DBL_MAX));
	TU_OK(opflow_graph_save_buffer(&saved, &len, g));
	line = longest_line(saved, len);
	/* an activity line holds its key, label and department key, each
	 * quoted with a four-byte \xHH escape for every byte */
	ck_assert_uint_gt(line, 4 * (size_t)OPFLOW_TEXT_MAX +
	                        8 * (size_t)OPFLOW_KEY_MAX);
	ck_assert_uint_le(line, LINE_LIMIT);
	back = loads(saved, len);
	ck_assert_int_eq(opflow_graph_equal(g, back), 1);
	opflow_free(saved);
	opflow_graph_free(back);
	opflow_graph_free(g);
	free(k1);
	free(k2);
	free(dk);
	free(text);
}
END_TEST

/* ------------------------------------------------------------- exports */

START_TEST(exports_at_the_limits)
{
	char *key = build("", "k", OPFLOW_KEY_MAX, "", NULL);
	char *label = build("", "l", OPFLOW_TEXT_MAX, "", NULL);
	opflow_graph *g = tu_graph();
	opflow_analysis *an;
	opflow_id a, b;
	char *out;
	size_t len;

	a = tu_add_dur(g, key, OPFLOW_CATEGORY_MANUFACTURING, 2);
	b = tu_add_dur(g, "b", OPFLOW_CATEGORY_SALES, 3);
	TU_OK(opflow_graph_set_activity_label(g, a, label));
	TU_OK(opflow_graph_set_activity_department(g, a, key));
	tu_flow(g, a, b, OPFLOW_FLOW_FS, 0);
	TU_OK(opflow_analyze(&an, g, NULL));
	/* each export holds the whole key and label */
	TU_OK(opflow_analysis_write_csv(&out, &len, an, g));
	ck_assert_ptr_nonnull(strstr(out, key));
	ck_assert_ptr_nonnull(strstr(out, label));
	opflow_free(out);
	TU_OK(opflow_analysis_write_json(&out, &len, an, g));
	ck_assert_ptr_nonnull(strstr(out, key));
	ck_assert_ptr_nonnull(strstr(out, label));
	opflow_free(out);
	TU_OK(opflow_graph_write_dot(&out, &len, g, an));
	ck_assert_ptr_nonnull(strstr(out, key));
	ck_assert_ptr_nonnull(strstr(out, label));
	opflow_free(out);
	opflow_analysis_free(an);
	opflow_graph_free(g);
	free(key);
	free(label);
}
END_TEST

/* ------------------------------------------------------------ analysis */

struct paths {
	size_t count, bad_length;
	char first[64], last[64];
	const opflow_graph *g;
};

/* The path as the letters of its middle activities ("a" or "b"). */
static void shape(char *out, const opflow_graph *g, const opflow_id *ids,
                  size_t length)
{
	size_t k = 0;

	for (size_t i = 1; i < length; i += 2) {
		const char *s;

		ck_assert_int_eq(opflow_graph_activity_key(&s, g, ids[i]), 0);
		out[k++] = s[0];
	}
	out[k] = '\0';
}

static int on_path(const opflow_id *ids, size_t length, void *payload)
{
	struct paths *p = payload;

	if (length != 21)
		p->bad_length++;
	if (p->count == 0)
		shape(p->first, p->g, ids, length);
	shape(p->last, p->g, ids, length);
	p->count++;
	return 0;
}

/* n0 .. n10 in a row, each step through a_i or b_i, every activity of
 * duration 1: all 2^10 = 1024 ways through are critical, each of 21
 * activities. */
static opflow_graph *diamonds(void)
{
	opflow_graph *g = tu_graph();
	opflow_id prev = tu_add_dur(g, "n0", OPFLOW_CATEGORY_OTHER, 1);

	for (int i = 1; i <= 10; i++) {
		char ka[8], kb[8], kn[8];
		opflow_id a, b, n;

		snprintf(ka, sizeof ka, "a%d", i);
		snprintf(kb, sizeof kb, "b%d", i);
		snprintf(kn, sizeof kn, "n%d", i);
		a = tu_add_dur(g, ka, OPFLOW_CATEGORY_OTHER, 1);
		b = tu_add_dur(g, kb, OPFLOW_CATEGORY_OTHER, 1);
		n = tu_add_dur(g, kn, OPFLOW_CATEGORY_OTHER, 1);
		tu_flow(g, prev, a, OPFLOW_FLOW_FS, 0);
		tu_flow(g, prev, b, OPFLOW_FLOW_FS, 0);
		tu_flow(g, a, n, OPFLOW_FLOW_FS, 0);
		tu_flow(g, b, n, OPFLOW_FLOW_FS, 0);
		prev = n;
	}
	return g;
}

START_TEST(critical_paths_cap)
{
	static const size_t caps[] = { 1024, 1023, 1, 0, SIZE_MAX };
	opflow_graph *g = diamonds();
	opflow_analysis *an;

	TU_OK(opflow_analyze(&an, g, NULL));
	for (size_t c = 0; c < sizeof caps / sizeof caps[0]; c++) {
		struct paths p = { 0, 0, "", "", g };
		size_t count = 99;
		int more = 99;

		TU_OK(opflow_analysis_critical_paths(&count, &more, an, caps[c],
		                                     on_path, &p));
		if (caps[c] >= 1024) {
			ck_assert_uint_eq(count, 1024);
			ck_assert_int_eq(more, 0);
		} else {
			ck_assert_uint_eq(count, caps[c]);
			ck_assert_int_eq(more, 1);
		}
		ck_assert_uint_eq(p.count, count);
		ck_assert_uint_eq(p.bad_length, 0);
		/* in order of (early start, id): a before b at every step */
		if (count > 0)
			ck_assert_str_eq(p.first, "aaaaaaaaaa");
		if (count == 1024)
			ck_assert_str_eq(p.last, "bbbbbbbbbb");
		if (count == 1023)
			ck_assert_str_eq(p.last, "bbbbbbbbba");
	}
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

/* Calls that fill an array write min(count, capacity) entries and
 * always say how many there are. */
START_TEST(capacities)
{
	opflow_graph *g = tu_graph();
	opflow_analysis *an;
	opflow_id a, b, c, d, ids[4], want[3];
	double col[5];
	size_t length, count;

	a = tu_add_dur(g, "a", OPFLOW_CATEGORY_OTHER, 1);
	b = tu_add_dur(g, "b", OPFLOW_CATEGORY_OTHER, 2);
	c = tu_add_dur(g, "c", OPFLOW_CATEGORY_OTHER, 3);
	d = tu_add_dur(g, "d", OPFLOW_CATEGORY_OTHER, 0.5);
	tu_flow(g, a, b, OPFLOW_FLOW_FS, 0);
	tu_flow(g, b, c, OPFLOW_FLOW_FS, 0);
	tu_flow(g, a, d, OPFLOW_FLOW_FS, 0);
	tu_flow(g, b, d, OPFLOW_FLOW_FS, 0);
	tu_flow(g, c, d, OPFLOW_FLOW_SS, 0);
	TU_OK(opflow_analyze(&an, g, NULL));

	/* the critical chain a b c (d ends at 3.5, c at 6) */
	want[0] = a;
	want[1] = b;
	want[2] = c;
	ck_assert_uint_eq(opflow_analysis_chain_count(an), 1);
	for (size_t cap = 0; cap <= 4; cap++) {
		for (size_t i = 0; i < 4; i++)
			ids[i] = 77;
		TU_OK(opflow_analysis_chain(&length, cap ? ids : NULL, cap, an,
		                            0));
		ck_assert_uint_eq(length, 3);
		for (size_t i = 0; i < 4; i++)
			ck_assert_uint_eq(ids[i], i < cap && i < 3 ? want[i] : 77);
	}
	TU_FAILS(NULL, opflow_analysis_chain(&length, ids, 4, an, 1),
	         OPFLOW_ENOTFOUND, "no chain 1");

	/* a column of the four activities: ES 0, 1, 3, 3 */
	for (size_t cap = 0; cap <= 5; cap++) {
		static const double es[4] = { 0, 1, 3, 3 };

		for (size_t i = 0; i < 5; i++)
			col[i] = -1;
		TU_OK(opflow_analysis_column(cap ? col : NULL, cap, an,
		                             OPFLOW_COLUMN_ES));
		for (size_t i = 0; i < 5; i++)
			TU_DOUBLE_EQ(col[i], i < cap && i < 4 ? es[i] : -1);
	}

	/* the flows into d: 2, 3, 4 */
	for (size_t cap = 0; cap <= 4; cap++) {
		for (size_t i = 0; i < 4; i++)
			ids[i] = 77;
		TU_OK(opflow_graph_incoming(&count, cap ? ids : NULL, cap, g, d));
		ck_assert_uint_eq(count, 3);
		for (size_t i = 0; i < 4; i++)
			ck_assert_uint_eq(ids[i], i < cap && i < 3 ? 2 + i : 77);
	}
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

/* Times are doubles: a lead time of DBL_MAX is one, the next would not
 * be finite. */
START_TEST(times_at_the_edge)
{
	const double half = DBL_MAX / 2, over = nextafter(DBL_MAX / 2, INFINITY);
	opflow_graph *g = tu_graph(), *h = tu_graph();
	opflow_analysis *an;
	opflow_id a, b, x, y;
	double v;

	/* in a row */
	a = tu_add_dur(g, "a", OPFLOW_CATEGORY_OTHER, half);
	b = tu_add_dur(g, "b", OPFLOW_CATEGORY_OTHER, half);
	tu_flow(g, a, b, OPFLOW_FLOW_FS, 0);
	TU_OK(opflow_analyze(&an, g, NULL));
	TU_OK(opflow_analysis_figure(&v, an, OPFLOW_FIGURE_LEAD_TIME));
	TU_DOUBLE_EQ(v, DBL_MAX);
	opflow_analysis_free(an);
	TU_OK(opflow_graph_set_activity_duration(g, b, over));
	an = (opflow_analysis *)&an;
	TU_FAILS(g, opflow_analyze(&an, g, NULL), OPFLOW_ERANGE,
	         "early finish of activity b", "not finite");
	ck_assert_ptr_eq(an, (opflow_analysis *)&an);

	/* side by side: the lead time stays finite, the effort does not */
	x = tu_add_dur(h, "x", OPFLOW_CATEGORY_OTHER, half);
	y = tu_add_dur(h, "y", OPFLOW_CATEGORY_OTHER, half);
	TU_OK(opflow_analyze(&an, h, NULL));
	TU_OK(opflow_analysis_figure(&v, an, OPFLOW_FIGURE_EFFORT));
	TU_DOUBLE_EQ(v, DBL_MAX);
	opflow_analysis_free(an);
	TU_OK(opflow_graph_set_activity_duration(h, y, over));
	TU_FAILS(h, opflow_analyze(&an, h, NULL), OPFLOW_ERANGE, "effort",
	         "not finite");
	(void)x;
	opflow_graph_free(g);
	opflow_graph_free(h);
}
END_TEST

/* --------------------------------------------------------------- errors */

/* A message holds at most 4095 bytes; the cycle details hold every
 * activity.  Forty keys of 150 bytes make a cycle of over 6000. */
START_TEST(message_size)
{
	opflow_graph *g = tu_graph();
	opflow_analysis *an = NULL;
	opflow_id ids[40];
	char key[151];
	size_t n;

	for (int i = 0; i < 40; i++) {
		memset(key, 'a' + i % 26, 150);
		key[0] = (char)('A' + i / 26);
		key[150] = '\0';
		ids[i] = tu_add(g, key, OPFLOW_CATEGORY_OTHER);
	}
	for (int i = 0; i < 40; i++)
		tu_flow(g, ids[i], ids[(i + 1) % 40], OPFLOW_FLOW_FS, 0);
	ck_assert_int_eq(opflow_analyze(&an, g, NULL), OPFLOW_ECYCLE);
	ck_assert_uint_eq(strlen(opflow_error_message()), 4095);
	ck_assert(strncmp(opflow_error_message(), "cycle: Aaaa", 11) == 0);
	n = opflow_error_cycle_length();
	ck_assert_uint_ge(n, 40);
	ck_assert_uint_le(n, 41);
	ck_assert_uint_eq(strlen(opflow_error_cycle_key(n - 1)), 150);
	ck_assert_ptr_null(opflow_error_cycle_key(n));
	ck_assert_uint_eq(opflow_error_cycle_id(n), OPFLOW_NONE);
	opflow_graph_free(g);

	/* a key at the limit is named by its first bytes */
	g = tu_graph();
	{
		char *k = build("", "q", OPFLOW_KEY_MAX, "", NULL);
		opflow_id id;

		tu_add(g, k, OPFLOW_CATEGORY_OTHER);
		TU_FAILS(g, opflow_graph_add_activity(&id, g, k,
		                                      OPFLOW_CATEGORY_OTHER),
		         OPFLOW_EEXISTS, "already exists", "...");
		ck_assert_uint_lt(strlen(opflow_error_message()), 300);
		free(k);
	}
	opflow_graph_free(g);
}
END_TEST

/* ------------------------------------------------ enumerations, options */

START_TEST(enumerations_end)
{
	opflow_graph *g = tu_graph();
	opflow_analysis *an;
	opflow_id a, b, f;
	double v[1];

	TU_OK(opflow_graph_add_activity(&a, g, "a", OPFLOW_CATEGORY_OTHER));
	TU_FAILS(g, opflow_graph_add_activity(&b, g, "b",
	                                      (opflow_category)15),
	         OPFLOW_EINVAL, "15");
	TU_OK(opflow_graph_add_activity(&b, g, "b", OPFLOW_CATEGORY_OTHER));
	TU_OK(opflow_graph_set_activity_kind(g, a, OPFLOW_KIND_OPERATION));
	TU_FAILS(g, opflow_graph_set_activity_kind(g, a, (opflow_kind)2),
	         OPFLOW_EINVAL, "2");
	TU_OK(opflow_graph_add_flow(&f, g, a, b, OPFLOW_FLOW_SF, 0));
	TU_FAILS(g, opflow_graph_add_flow(&f, g, a, b, (opflow_flow_type)4, 0),
	         OPFLOW_EINVAL, "4");
	TU_OK(opflow_analyze(&an, g, NULL));
	TU_OK(opflow_analysis_figure(v, an, OPFLOW_FIGURE_LEAD_TIME));
	/* the last figure is absent without a deadline, but known */
	ck_assert_int_eq(opflow_analysis_figure(v, an,
	                                        OPFLOW_FIGURE_PERT_PROBABILITY),
	                 OPFLOW_ENOTFOUND);
	TU_FAILS(NULL, opflow_analysis_figure(v, an, (opflow_figure)29),
	         OPFLOW_EINVAL, "unknown figure 29");
	TU_OK(opflow_analysis_column(v, 1, an, OPFLOW_COLUMN_REMAINING));
	TU_FAILS(NULL, opflow_analysis_column(v, 1, an, (opflow_column)17),
	         OPFLOW_EINVAL, "unknown column 17");
	opflow_analysis_free(an);

	ck_assert_str_eq(opflow_category_name(OPFLOW_CATEGORY_OTHER), "other");
	ck_assert_ptr_null(opflow_category_name((opflow_category)15));
	ck_assert_str_eq(opflow_flow_type_name(OPFLOW_FLOW_SF), "SF");
	ck_assert_ptr_null(opflow_flow_type_name((opflow_flow_type)4));
	ck_assert_str_eq(opflow_figure_name(OPFLOW_FIGURE_PERT_PROBABILITY),
	                 "pert_probability");
	ck_assert_ptr_null(opflow_figure_name((opflow_figure)29));
	ck_assert_ptr_nonnull(opflow_stage_name(OPFLOW_STAGE_INDEPENDENT));
	ck_assert_ptr_null(opflow_stage_name((opflow_stage)5));
	ck_assert_ptr_nonnull(opflow_duration_mode_name(OPFLOW_DURATIONS_PERT));
	ck_assert_ptr_null(opflow_duration_mode_name((opflow_duration_mode)2));
	ck_assert_str_eq(opflow_finding_kind_name(OPFLOW_FINDING_CONSTRAINT_CONFLICT),
	                 "constraint-conflict");
	ck_assert_ptr_null(opflow_finding_kind_name((opflow_finding_kind)11));
	ck_assert_str_eq(opflow_tracking_name(OPFLOW_TRACK_FINISH_NO_LATER_THAN),
	                 "finish_no_later_than");
	ck_assert_ptr_null(opflow_tracking_name((opflow_tracking)7));
	ck_assert_ptr_null(opflow_tracking_name((opflow_tracking)-1));
	ck_assert_str_eq(opflow_state_name(OPFLOW_STATE_COMPLETED), "completed");
	ck_assert_ptr_null(opflow_state_name((opflow_state)3));
	ck_assert_str_eq(opflow_logic_name(OPFLOW_LOGIC_OVERRIDE), "override");
	ck_assert_ptr_null(opflow_logic_name((opflow_logic)2));
	opflow_graph_free(g);
}
END_TEST

START_TEST(options_versions)
{
	opflow_activity_options ao;
	opflow_analysis_options an_o;
	opflow_check_options co;
	opflow_graph *g = tu_graph();
	opflow_analysis *an;
	opflow_findings *fs;
	opflow_id id;

	TU_OK(opflow_activity_options_init(&ao, OPFLOW_ACTIVITY_OPTIONS_VERSION));
	TU_FAILS(NULL, opflow_activity_options_init(&ao, 0), OPFLOW_EINVAL,
	         "version 0");
	TU_FAILS(NULL, opflow_activity_options_init(&ao,
	                                            OPFLOW_ACTIVITY_OPTIONS_VERSION + 1),
	         OPFLOW_EINVAL, "version 2");
	TU_OK(opflow_graph_add_activity_ext(&id, g, "a", &ao));
	ao.version = OPFLOW_ACTIVITY_OPTIONS_VERSION + 1;
	TU_FAILS(g, opflow_graph_add_activity_ext(&id, g, "b", &ao),
	         OPFLOW_EINVAL, "version 2");

	TU_OK(opflow_analysis_options_init(&an_o,
	                                   OPFLOW_ANALYSIS_OPTIONS_VERSION));
	TU_FAILS(NULL, opflow_analysis_options_init(&an_o,
	                                            OPFLOW_ANALYSIS_OPTIONS_VERSION + 1),
	         OPFLOW_EINVAL, "versions 1 to 2");
	TU_OK(opflow_analyze(&an, g, &an_o));
	opflow_analysis_free(an);
	an_o.version = OPFLOW_ANALYSIS_OPTIONS_VERSION + 1;
	TU_FAILS(g, opflow_analyze(&an, g, &an_o), OPFLOW_EINVAL, "versions 1 to 2");

	TU_OK(opflow_check_options_init(&co, OPFLOW_CHECK_OPTIONS_VERSION));
	TU_FAILS(NULL, opflow_check_options_init(&co,
	                                         OPFLOW_CHECK_OPTIONS_VERSION + 1),
	         OPFLOW_EINVAL, "version 2");
	TU_OK(opflow_graph_check(&fs, g, &co));
	opflow_findings_free(fs);
	co.version = OPFLOW_CHECK_OPTIONS_VERSION + 1;
	TU_FAILS(g, opflow_graph_check(&fs, g, &co), OPFLOW_EINVAL, "version 2");
	opflow_graph_free(g);
}
END_TEST

/* ------------------------------------------------------------------ main */

static void clear(void)
{
	opflow_error_clear();
}

static Suite *limits_suite(void)
{
	Suite *s = suite_create("limits");
	TCase *tc;

	tc = tcase_create("keys and texts");
	tcase_add_checked_fixture(tc, clear, clear);
	tcase_add_loop_test(tc, key_at_and_past_the_limit, 0,
	                    (int)(sizeof key_units / sizeof key_units[0]));
	tcase_add_test(tc, key_lower_limit);
	tcase_add_test(tc, key_past_the_limit_inside_a_character);
	tcase_add_loop_test(tc, text_at_and_past_the_limit, 0,
	                    (int)(sizeof text_units / sizeof text_units[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("counts and ids");
	tcase_add_checked_fixture(tc, clear, clear);
	tcase_add_test(tc, activity_count);
	tcase_add_test(tc, flow_count);
	tcase_add_test(tc, ids_end_at_the_count);
	tcase_add_test(tc, flows_between_two_activities);
	suite_add_tcase(s, tc);

	tc = tcase_create("text format");
	tcase_add_checked_fixture(tc, clear, clear);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, format_keys);
	tcase_add_test(tc, format_texts);
	tcase_add_test(tc, format_numbers);
	tcase_add_test(tc, format_escapes);
	tcase_add_test(tc, format_lines);
	tcase_add_test(tc, format_lines_from_a_file);
	tcase_add_test(tc, format_endless_line);
	tcase_add_test(tc, saved_at_the_limits);
	suite_add_tcase(s, tc);

	tc = tcase_create("analysis and exports");
	tcase_add_checked_fixture(tc, clear, clear);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, exports_at_the_limits);
	tcase_add_test(tc, critical_paths_cap);
	tcase_add_test(tc, capacities);
	tcase_add_test(tc, times_at_the_edge);
	tcase_add_test(tc, message_size);
	tcase_add_test(tc, enumerations_end);
	tcase_add_test(tc, options_versions);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	/* before the library holds any memory */
	if (tu_alloc_install()) {
		fprintf(stderr, "check_limits: opflow_set_allocator: %s\n",
		        opflow_error_message());
		return EXIT_FAILURE;
	}
	return tu_run(limits_suite());
}
