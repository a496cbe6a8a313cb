/*
 * check_gantt.c - the SVG Gantt chart of an analysis: its bars, float
 * tails, events, critical path, groups, production window, axis in
 * units and in dates, the summary by department, XML escaping and the
 * refusals.  Pixel positions worked out by hand: the time axis maps
 * [t0, t1] onto x = 240 .. 1200.
 */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

static size_t count(const char *s, const char *needle)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

static char *gantt(const opflow_graph *g, const opflow_analysis *a,
                   const opflow_gantt_options *o)
{
	char *s;
	size_t len;

	TU_OK(opflow_analysis_write_gantt(&s, &len, a, g, o));
	ck_assert_uint_eq(strlen(s), len);
	/* every & starts an entity */
	for (const char *p = s; (p = strchr(p, '&')); p++)
		ck_assert(strncmp(p, "&amp;", 5) == 0 ||
		          strncmp(p, "&lt;", 4) == 0 ||
		          strncmp(p, "&gt;", 4) == 0 ||
		          strncmp(p, "&quot;", 6) == 0 ||
		          strncmp(p, "&apos;", 6) == 0);
	return s;
}

/* a 2 -> b 3 (FS) -> d (an event); c 1 alone, its key to escape; all
 * manufacturing.  a 0-2, b 2-5, d at 5; c 0-1 with 4 of float: the
 * axis from 0 to 5, 192 px a unit. */
START_TEST(bars_floats_events_path)
{
	opflow_graph *g = tu_graph();
	opflow_id a = tu_add_dur(g, "a", OPFLOW_CATEGORY_MANUFACTURING, 2);
	opflow_id b = tu_add_dur(g, "b", OPFLOW_CATEGORY_MANUFACTURING, 3);
	opflow_id c = tu_add_dur(g, "<c&\"x'>", OPFLOW_CATEGORY_MANUFACTURING,
	                         1);
	opflow_id d = tu_add_dur(g, "d", OPFLOW_CATEGORY_MANUFACTURING, 0);
	opflow_analysis *an;
	char *s;

	(void)c;
	tu_flow(g, a, b, OPFLOW_FLOW_FS, 0);
	tu_flow(g, b, d, OPFLOW_FLOW_FS, 0);
	TU_OK(opflow_analyze(&an, g, NULL));
	s = gantt(g, an, NULL);
	ck_assert(strncmp(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ",
	                  44) == 0);
	ck_assert(strstr(s, "</svg>\n") && !strstr(s, "<script"));
	/* three bars, two critical, one event (critical) */
	ck_assert_uint_eq(count(s, "class=\"bar"), 3);
	ck_assert_uint_eq(count(s, "class=\"bar critical\""), 2);
	ck_assert_uint_eq(count(s, "class=\"event critical\""), 1);
	/* a from 240 over 384 px, b from 624 over 576 */
	ck_assert(strstr(s, "class=\"bar critical\" x=\"240\" y=\"69\" "
	                    "width=\"384\" height=\"12\""));
	ck_assert(strstr(s, "class=\"bar critical\" x=\"624\""));
	/* c's float from its finish at 1 (432) to its late finish at 5 */
	ck_assert(strstr(s, "class=\"float\" x=\"432\""));
	ck_assert(strstr(s, "width=\"768\" height=\"2\""));
	/* the driving flows a -> b and b -> d, from finish to start */
	ck_assert_uint_eq(count(s, "class=\"path\""), 2);
	ck_assert(strstr(s, "<line class=\"path\" x1=\"624\""));
	ck_assert(strstr(s, "x2=\"1200\""));
	/* the key escaped, once as a label and once in its bar's title */
	ck_assert_uint_eq(count(s, "&lt;c&amp;&quot;x&apos;&gt;"), 2);
	/* everything is production: one group, the window over it all */
	ck_assert_uint_eq(count(s, ">production</text>"), 1);
	ck_assert(strstr(s, "class=\"window\" x=\"240\""));
	ck_assert(strstr(s, "<title>production window 0 to 5</title>"));
	/* the axis: ticks every 0.5 from 0 to 5 */
	ck_assert_uint_eq(count(s, "class=\"tick\""), 11);
	ck_assert(strstr(s, "text-anchor=\"middle\">2.5</text>"));
	opflow_free(s);
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

START_TEST(groups_summary_dates_refusals)
{
	opflow_graph *g = tu_graph(), *h = tu_graph();
	opflow_gantt_options o;
	opflow_analysis *an;
	opflow_id x;
	int64_t t;
	char *s = NULL;

	tu_add_dur(g, "design", OPFLOW_CATEGORY_PRODUCT_DEVELOPMENT, 4);
	x = tu_add_dur(g, "make", OPFLOW_CATEGORY_MANUFACTURING, 8);
	tu_add_dur(g, "ship", OPFLOW_CATEGORY_DISTRIBUTION, 2);
	tu_flow(g, 0, 1, OPFLOW_FLOW_FS, 0);
	tu_flow(g, 1, 2, OPFLOW_FLOW_FS, 0);
	TU_OK(opflow_graph_set_activity_department(g, 0, "eng"));
	TU_OK(opflow_graph_set_activity_department(g, x, "shop"));
	TU_OK(opflow_analyze(&an, g, NULL));
	/* by stage: the stages in the order of the chain */
	s = gantt(g, an, NULL);
	ck_assert(strstr(s, ">pre-production</text>") <
	          strstr(s, ">production</text>"));
	ck_assert(strstr(s, ">production</text>") <
	          strstr(s, ">post-production</text>"));
	opflow_free(s);
	/* by department: eng, shop, then those without one */
	TU_OK(opflow_gantt_options_init(&o, OPFLOW_GANTT_OPTIONS_VERSION));
	ck_assert_uint_eq(o.max_rows, 500);
	o.group = OPFLOW_GANTT_BY_DEPARTMENT;
	s = gantt(g, an, &o);
	ck_assert(strstr(s, ">eng</text>") < strstr(s, ">shop</text>"));
	ck_assert(strstr(s, ">shop</text>") <
	          strstr(s, ">(no department)</text>"));
	opflow_free(s);
	/* past two rows, one a department: three rows, all critical */
	o.max_rows = 2;
	s = gantt(g, an, &o);
	ck_assert_uint_eq(count(s, "class=\"bar critical\""), 3);
	ck_assert(strstr(s, "<title>shop: 1 activities, 1 critical</title>"));
	opflow_free(s);
	opflow_analysis_free(an);

	/* dated from Monday 2026-12-21 06:00 round the clock: 14 hours,
	 * ticks on whole hours every 2 h, 06:00 to 20:00 */
	TU_OK(opflow_instant_parse(&t, "2026-12-21T06:00"));
	TU_OK(opflow_graph_set_start(g, t));
	TU_OK(opflow_analyze(&an, g, NULL));
	s = gantt(g, an, NULL);
	ck_assert(strstr(s, ">2026-12-21 06:00</text>"));
	ck_assert(strstr(s, ">2026-12-21 20:00</text>"));
	ck_assert_uint_eq(count(s, "class=\"tick\""), 8);
	opflow_free(s);

	/* refusals */
	s = NULL;
	TU_FAILS(NULL, opflow_analysis_write_gantt(NULL, NULL, an, g, NULL),
	         OPFLOW_EINVAL, "out");
	o.version = 9;
	TU_FAILS(NULL, opflow_analysis_write_gantt(&s, NULL, an, g, &o),
	         OPFLOW_EINVAL, "version");
	o.version = OPFLOW_GANTT_OPTIONS_VERSION;
	o.group = 7;
	TU_FAILS(NULL, opflow_analysis_write_gantt(&s, NULL, an, g, &o),
	         OPFLOW_EINVAL, "grouping");
	TU_FAILS(NULL, opflow_analysis_write_gantt(&s, NULL, an, h, NULL),
	         OPFLOW_EMISUSE, "not of this graph");
	ck_assert_ptr_null(s);
	TU_FAILS(NULL, opflow_gantt_options_init(&o, 0), OPFLOW_EINVAL,
	         "version");
	opflow_analysis_free(an);
	opflow_graph_free(g);
	opflow_graph_free(h);
}
END_TEST

/* The deadline and the status date as dashed lines; the summary without
 * a row for activities without a department when there are none.
 * design 4, make 8, ship 2 in a chain; deadline 20, status date 3 with
 * nothing started: design starts at 3 (DESIGN, the start bound), the
 * late finishes are against 20, so the axis runs from 0 to 20: x = 240
 * + t / 20 * 960, the deadline at 1200, the status date at 384. */
START_TEST(markers_and_full_summary)
{
	opflow_analysis_options ao = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_graph *g = tu_graph();
	opflow_gantt_options o = OPFLOW_GANTT_OPTIONS_INIT;
	opflow_analysis *an;
	char *s;

	tu_add_dur(g, "design", OPFLOW_CATEGORY_PRODUCT_DEVELOPMENT, 4);
	tu_add_dur(g, "make", OPFLOW_CATEGORY_MANUFACTURING, 8);
	tu_add_dur(g, "ship", OPFLOW_CATEGORY_DISTRIBUTION, 2);
	tu_flow(g, 0, 1, OPFLOW_FLOW_FS, 0);
	tu_flow(g, 1, 2, OPFLOW_FLOW_FS, 0);
	TU_OK(opflow_graph_set_activity_department(g, 0, "eng"));
	TU_OK(opflow_graph_set_activity_department(g, 1, "shop"));
	TU_OK(opflow_graph_set_activity_department(g, 2, "log"));
	ao.has_deadline = 1;
	ao.deadline = 20;
	ao.has_status_date = 1;
	ao.status_date = 3;
	TU_OK(opflow_analyze(&an, g, &ao));
	s = gantt(g, an, NULL);
	ck_assert_uint_eq(count(s, "<line class=\"marker\""), 2);
	ck_assert(strstr(s, "<line class=\"marker\" x1=\"1200\" "));
	ck_assert(strstr(s, "<title>deadline 20</title>"));
	ck_assert(strstr(s, "<line class=\"marker\" x1=\"384\" "));
	ck_assert(strstr(s, "<title>status date 3</title>"));
	opflow_free(s);
	/* a summary of the three departments, no fourth row */
	o.max_rows = 2;
	s = gantt(g, an, &o);
	ck_assert_ptr_null(strstr(s, "(no department)"));
	ck_assert_uint_eq(count(s, "class=\"bar"), 3);
	opflow_free(s);
	opflow_analysis_free(an);
	/* without a deadline or a status date, no marker */
	TU_OK(opflow_analyze(&an, g, NULL));
	s = gantt(g, an, NULL);
	ck_assert_uint_eq(count(s, "class=\"marker\""), 0);
	opflow_free(s);
	opflow_analysis_free(an);
	opflow_graph_free(g);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("gantt");
	TCase *tc = tcase_create("svg");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, bars_floats_events_path);
	tcase_add_test(tc, groups_summary_dates_refusals);
	tcase_add_test(tc, markers_and_full_summary);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
