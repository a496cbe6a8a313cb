/*
 * check_format.c - the .opflow text format, the CSV, JSON and DOT exports
 * and the schedule checks.  Expected texts are written out by hand.
 */
#define _GNU_SOURCE 1       /* newlocale, uselocale */
#include <opflow.h>

#include <check.h>
#include <locale.h>
#include <pthread.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static opflow_graph *load_ok(const char *text)
{
	opflow_graph *g = NULL;
	int rc = opflow_graph_load_buffer(&g, text, strlen(text));

	ck_assert_msg(rc == 0, "load failed: %d %s", rc, opflow_error_message());
	return g;
}

/* Loading text fails at line:column with a message containing what. */
static void load_fails(const char *text, size_t len, size_t line, size_t col,
                       const char *what)
{
	opflow_graph *g = (opflow_graph *)&g;   /* must stay untouched */
	opflow_graph *sentinel = g;
	int rc = opflow_graph_load_buffer(&g, text, len);

	ck_assert_int_eq(rc, OPFLOW_EPARSE);
	ck_assert_ptr_eq(g, sentinel);
	ck_assert_int_eq(opflow_error_code(), OPFLOW_EPARSE);
	ck_assert_msg(opflow_error_line() == line &&
	              opflow_error_column() == col,
	              "expected %zu:%zu, got %zu:%zu (%s)", line, col,
	              opflow_error_line(), opflow_error_column(),
	              opflow_error_message());
	ck_assert_msg(strstr(opflow_error_message(), what),
	              "message '%s' lacks '%s'", opflow_error_message(), what);
}

static void fails(const char *text, size_t line, size_t col, const char *what)
{
	load_fails(text, strlen(text), line, col, what);
}

static char *save(const opflow_graph *g)
{
	char *text = NULL;
	size_t len = 0;

	ck_assert_int_eq(opflow_graph_save_buffer(&text, &len, g), 0);
	ck_assert_uint_eq(strlen(text), len);
	return text;
}

static opflow_id find(const opflow_graph *g, const char *key)
{
	opflow_id id;

	ck_assert_int_eq(opflow_graph_find_activity(&id, g, key), 0);
	return id;
}

/* ------------------------------------------------------------ the format */

START_TEST(exact_text)
{
	/* A graph built through the API, and the text it must save as:
	 * departments first in id order, then activities, then flows;
	 * kind and customer-facing only where they differ from the
	 * category's defaults; FS and lag 0 left out. */
	static const char expected[] =
		"opflow 1\n"
		"\n"
		"department frame-shop name=\"Frame shop\"\n"
		"department \"after sales\"\n"
		"\n"
		"activity cut label=\"Cut \\\"tubes\\\"\" category=manufacturing "
		"department=frame-shop duration=2.5\n"
		"activity weld category=manufacturing kind=operation "
		"estimate=1/2/4\n"
		"activity \"call #1\" category=after-sales customer-facing=false "
		"department=\"after sales\" duration=0.1 estimate=0/0.5/1\n"
		"\n"
		"flow cut weld\n"
		"flow cut weld type=SS lag=-0.5\n"
		"flow weld \"call #1\" type=SF lag=3\n";
	opflow_graph *g, *back;
	opflow_id cut, weld, call, f, d;
	char *text;

	ck_assert_int_eq(opflow_graph_new(&g), 0);
	ck_assert_int_eq(opflow_graph_intern_department(&d, g, "frame-shop"), 0);
	ck_assert_int_eq(opflow_graph_set_department_name(g, d, "Frame shop"), 0);
	ck_assert_int_eq(opflow_graph_add_activity(&cut, g, "cut",
	                 OPFLOW_CATEGORY_MANUFACTURING), 0);
	ck_assert_int_eq(opflow_graph_set_activity_label(g, cut,
	                 "Cut \"tubes\""), 0);
	ck_assert_int_eq(opflow_graph_set_activity_department(g, cut,
	                 "frame-shop"), 0);
	ck_assert_int_eq(opflow_graph_set_activity_duration(g, cut, 2.5), 0);
	ck_assert_int_eq(opflow_graph_add_activity(&weld, g, "weld",
	                 OPFLOW_CATEGORY_MANUFACTURING), 0);
	ck_assert_int_eq(opflow_graph_set_activity_kind(g, weld,
	                 OPFLOW_KIND_OPERATION), 0);
	ck_assert_int_eq(opflow_graph_set_activity_estimate(g, weld, 1, 2, 4), 0);
	ck_assert_int_eq(opflow_graph_add_activity(&call, g, "call #1",
	                 OPFLOW_CATEGORY_AFTER_SALES), 0);
	ck_assert_int_eq(opflow_graph_set_activity_customer_facing(g, call, 0),
	                 0);
	ck_assert_int_eq(opflow_graph_set_activity_department(g, call,
	                 "after sales"), 0);
	ck_assert_int_eq(opflow_graph_set_activity_duration(g, call, 0.1), 0);
	ck_assert_int_eq(opflow_graph_set_activity_estimate(g, call, 0, 0.5, 1),
	                 0);
	ck_assert_int_eq(opflow_graph_add_flow(&f, g, cut, weld, OPFLOW_FLOW_FS,
	                 0), 0);
	ck_assert_int_eq(opflow_graph_add_flow(&f, g, cut, weld, OPFLOW_FLOW_SS,
	                 -0.5), 0);
	ck_assert_int_eq(opflow_graph_add_flow(&f, g, weld, call, OPFLOW_FLOW_SF,
	                 3), 0);
	text = save(g);
	ck_assert_str_eq(text, expected);
	back = load_ok(text);
	ck_assert_int_eq(opflow_graph_equal(g, back), 1);
	opflow_free(text);
	opflow_graph_free(back);
	opflow_graph_free(g);
}
END_TEST

START_TEST(round_trip_everything)
{
	/* keys and labels that need every escape, doubles that need all 17
	 * digits, and an unused department, survive save and load bit for
	 * bit; a second save gives the same text */
	static const double durations[] = {
		0.1, 1.0 / 3.0, 1e-300, 1.7976931348623157e308, 123456789.125,
		2.2250738585072014e-308, 4.9406564584124654e-324, 0.0
	};
	static const char *const keys[] = {
		"plain", "with space", "quote\"back\\slash", "tab\tnew\nline",
		"caf\xc3\xa9 \xe2\x82\xac", "#hash=eq", "\x01\x7f", "x"
	};
	opflow_graph *g, *back;
	opflow_id id, d, f;
	char *text, *again;

	ck_assert_int_eq(opflow_graph_new(&g), 0);
	ck_assert_int_eq(opflow_graph_intern_department(&d, g, "unused dept"), 0);
	ck_assert_int_eq(opflow_graph_set_department_name(g, d,
	                 "line\nbreak \"q\""), 0);
	for (int i = 0; i < 8; i++) {
		ck_assert_int_eq(opflow_graph_add_activity(&id, g, keys[i],
		                 (opflow_category)(i * 2 % 15)), 0);
		ck_assert_int_eq(opflow_graph_set_activity_label(g, id, keys[7 - i]),
		                 0);
		ck_assert_int_eq(opflow_graph_set_activity_duration(g, id,
		                 durations[i]), 0);
		if (i % 2)
			ck_assert_int_eq(opflow_graph_set_activity_estimate(g, id,
			                 durations[i] / 4, durations[i] / 2,
			                 durations[i]), 0);
		if (i % 3 == 0)
			ck_assert_int_eq(opflow_graph_clear_activity_duration(g, id),
			                 0);
		ck_assert_int_eq(opflow_graph_set_activity_department(g, id,
		                 keys[(i + 3) % 8]), 0);
	}
	for (opflow_id i = 0; i + 1 < 8; i++)
		ck_assert_int_eq(opflow_graph_add_flow(&f, g, i, i + 1,
		                 (opflow_flow_type)(i % 4), (i - 3.0) / 7.0), 0);
	text = save(g);
	back = load_ok(text);
	ck_assert_int_eq(opflow_graph_equal(g, back), 1);
	again = save(back);
	ck_assert_str_eq(text, again);
	opflow_free(text);
	opflow_free(again);
	opflow_graph_free(back);
	opflow_graph_free(g);
}
END_TEST

START_TEST(reading_forms)
{
	/* BOM, CRLF, comments, blank lines, tabs, escapes, attributes in any
	 * order, departments named after first use */
	static const char text[] =
		"\xEF\xBB\xBF# header comment\r\n"
		"\r\n"
		"opflow 1 # the version\r\n"
		"activity a\tduration=1e1 category=sales\r\n"
		"activity \"b\\x41\\u{e9}\\t\" department=ops kind=production "
		"estimate=1/2.5/3\r\n"
		"department ops name=\"Operations\"\r\n"
		"flow a \"bA\\u{E9}\\t\" lag=+2 type=FF\r\n";
	opflow_graph *g = load_ok(text);
	opflow_id a = find(g, "a"), b = find(g, "bA\xc3\xa9\t"), d, src, dst;
	opflow_kind kind;
	opflow_category cat;
	opflow_flow_type type;
	const char *name;
	double dur, lag;
	int expl, cf;

	ck_assert_int_eq(opflow_graph_activity_duration(&dur, &expl, g, a), 0);
	ck_assert(dur == 10 && expl == 1);
	ck_assert_int_eq(opflow_graph_activity_category(&cat, g, a), 0);
	ck_assert_int_eq(cat, OPFLOW_CATEGORY_SALES);
	ck_assert_int_eq(opflow_graph_activity_customer_facing(&cf, g, a), 0);
	ck_assert_int_eq(cf, 1);              /* sales' default */
	ck_assert_int_eq(opflow_graph_activity_duration(&dur, &expl, g, b), 0);
	ck_assert(dur == 2.5 && expl == 0);   /* derived from the estimate */
	ck_assert_int_eq(opflow_graph_activity_kind(&kind, g, b), 0);
	ck_assert_int_eq(kind, OPFLOW_KIND_PRODUCTION);
	ck_assert_int_eq(opflow_graph_activity_department(&d, g, b), 0);
	ck_assert_int_eq(opflow_graph_department_name(&name, g, d), 0);
	ck_assert_str_eq(name, "Operations");
	ck_assert_int_eq(opflow_graph_flow(&src, &dst, &type, &lag, g, 0), 0);
	ck_assert(src == a && dst == b && type == OPFLOW_FLOW_FF && lag == 2);
	opflow_graph_free(g);
}
END_TEST

START_TEST(empty_texts)
{
	static const char *const empties[] = {
		"", "opflow 1", "opflow 1\n", "\xEF\xBB\xBF", "# nothing\n\n",
		"\xEF\xBB\xBFopflow 1\r\n# only a comment\r\n"
	};

	for (size_t i = 0; i < sizeof empties / sizeof *empties; i++) {
		opflow_graph *g = load_ok(empties[i]);

		ck_assert_uint_eq(opflow_graph_activity_count(g), 0);
		ck_assert_uint_eq(opflow_graph_flow_count(g), 0);
		opflow_graph_free(g);
	}
}
END_TEST

START_TEST(errors_point_at_their_place)
{
	fails("activity a\n", 1, 1, "expected the version line 'opflow 1'");
	fails("opflow 2\n", 1, 8, "format version 2 is not supported");
	fails("opflow\n", 1, 7, "expected the format version");
	fails("opflow 1 x\n", 1, 10, "expected the end of the line");
	fails("opflow 1\nactivities a\n", 2, 1, "unknown statement activities");
	fails("opflow 1\nactivity\n", 2, 9, "expected an activity key");
	fails("opflow 1\nactivity a dur=3\n", 2, 12,
	      "unknown activity attribute dur");
	fails("opflow 1\nactivity a duration=1 duration=2\n", 2, 23,
	      "duration= given twice");
	fails("opflow 1\nactivity a duration=x1\n", 2, 21,
	      "expected a number for duration");
	fails("opflow 1\nactivity a duration=-1\n", 2, 21, "negative");
	fails("opflow 1\nactivity a duration=1e999\n", 2, 21, "too large");
	fails("opflow 1\nactivity a duration=\"1\"\n", 2, 21, "not a quoted");
	fails("opflow 1\nactivity a estimate=1/2\n", 2, 21,
	      "OPTIMISTIC/MOST-LIKELY/PESSIMISTIC");
	fails("opflow 1\nactivity a estimate=3/2/1\n", 2, 21, "out of order");
	fails("opflow 1\nactivity a kind=both\n", 2, 17, "unknown kind both");
	fails("opflow 1\nactivity a category=design\n", 2, 21,
	      "unknown category design");
	fails("opflow 1\nactivity a customer-facing=yes\n", 2, 28,
	      "expected true or false");
	fails("opflow 1\nactivity a label=\"open\n", 2, 18, "unterminated string");
	fails("opflow 1\nactivity a label=\"\\q\"\n", 2, 19, "unknown escape");
	fails("opflow 1\nactivity a label=\"\\x0\"\n", 2, 19, "hexadecimal");
	fails("opflow 1\nactivity a label=\"\\x00\"\n", 2, 19, "NUL");
	fails("opflow 1\nactivity a label=\"\\u{d800}\"\n", 2, 19,
	      "not a valid character");
	fails("opflow 1\nactivity a label=\"\\xff\"\n", 2, 18, "UTF-8");
	fails("opflow 1\nactivity \"\"\n", 2, 10, "empty");
	fails("opflow 1\nactivity a\"b\"\n", 2, 11, "unexpected character");
	fails("opflow 1\nactivity \"a\"b\n", 2, 13, "a space after");
	fails("opflow 1\nactivity a x\n", 2, 12, "expected an attribute");
	fails("opflow 1\nactivity a\nactivity a\n", 3, 10, "already exists");
	fails("opflow 1\nactivity a\nflow a b\n", 3, 8, "unknown activity b");
	fails("opflow 1\nactivity a\nflow a a\n", 3, 8,
	      "a flow from a to itself is a self-loop");
	fails("opflow 1\nactivity a\nactivity b\nflow a b\nflow a b lag=1\n",
	      5, 6, "the FS flow from a to b is declared twice");
	fails("opflow 1\nactivity a\nactivity b\nflow a b type=XY\n", 4, 15,
	      "unknown flow type");
	fails("opflow 1\nactivity a\nactivity b\nflow a b kind=FS\n", 4, 10,
	      "unknown flow attribute kind");
	fails("opflow 1\ndepartment d name=\"x\"\ndepartment d name=\"y\"\n",
	      3, 12, "declared twice");
	fails("opflow 1\ndepartment d\ndepartment d\n", 3, 12,
	      "department d is declared twice");
	fails("opflow 1\nactivity a department=d\ndepartment d\n"
	      "department d name=\"D\"\n", 4, 12, "declared twice");
	fails("opflow 1\ndepartment d colour=red\n", 2, 14,
	      "unknown department attribute");
	fails("opflow 1\nactivity a ~\n", 2, 12, "unexpected character");
	/* invalid UTF-8 in the text: the column of the first bad byte */
	fails("opflow 1\nactivity ab\xc3\x28\n", 2, 12, "invalid UTF-8");
	fails("opflow 1\n# \xed\xa0\x80 surrogate\n", 2, 3, "invalid UTF-8");
	/* after multibyte characters: still the bad byte's own column */
	fails("opflow 1\nactivity caf\xc3\xa9\xff\n", 2, 15, "invalid UTF-8");
	fails("opflow 1\n# \xe2\x82\xac\xe2\x82\xac\xe2\x82\n", 2, 9,
	      "invalid UTF-8");
	/* a number may be long, but not endless */
	{
		char text[1200];
		int n = snprintf(text, sizeof text, "opflow 1\nactivity a "
		                 "duration=0.");

		memset(text + n, '0', 990);
		strcpy(text + n + 990, "25\n");
		{
			opflow_graph *g = load_ok(text);
			double d;

			/* 0.(990 zeros)25 is 2.5e-992: below the smallest
			 * double, so it reads as 0 */
			ck_assert_int_eq(opflow_graph_activity_duration(&d, NULL, g,
			                                                0), 0);
			ck_assert(d == 0);
			opflow_graph_free(g);
		}
		memset(text + n, '1', 1000);
		strcpy(text + n + 1000, "\n");
		fails(text, 2, 21, "longer than 1000 characters");
	}
	/* a NUL byte is an error, not the end of the text */
	load_fails("opflow 1\nactivity a\0b\n", 22, 2, 11, "NUL");
	load_fails("opflow 1\nactivity a\n\0", 21, 3, 1, "NUL");
}
END_TEST

START_TEST(streams_and_paths)
{
	opflow_graph *g, *back;
	char path[] = "format-test.opflow";
	FILE *fp;

	g = load_ok("opflow 1\nactivity a duration=2\nactivity b\nflow a b\n");
	ck_assert_int_eq(opflow_graph_save_path(g, path), 0);
	ck_assert_int_eq(opflow_graph_load_path(&back, path), 0);
	ck_assert_int_eq(opflow_graph_equal(g, back), 1);
	opflow_graph_free(back);
	fp = fopen(path, "rb");
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(opflow_graph_load_file(&back, fp), 0);
	fclose(fp);
	ck_assert_int_eq(opflow_graph_equal(g, back), 1);
	opflow_graph_free(back);
	fp = tmpfile();
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(opflow_graph_save_file(g, fp), 0);
	rewind(fp);
	ck_assert_int_eq(opflow_graph_load_file(&back, fp), 0);
	fclose(fp);
	ck_assert_int_eq(opflow_graph_equal(g, back), 1);
	opflow_graph_free(back);
	remove(path);

	ck_assert_int_eq(opflow_graph_load_path(&back, "no/such/file.opflow"),
	                 OPFLOW_EIO);
	ck_assert_ptr_nonnull(strstr(opflow_error_message(), "no/such/file"));
	ck_assert_int_eq(opflow_graph_save_path(g, "no/such/dir/x.opflow"),
	                 OPFLOW_EIO);
	ck_assert_int_eq(opflow_graph_load_path(NULL, path), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_graph_load_path(&back, NULL), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_graph_load_file(&back, NULL), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_graph_load_buffer(&back, NULL, 1), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_graph_save_file(g, NULL), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_graph_save_file(NULL, stdout), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_graph_save_buffer(NULL, NULL, g), OPFLOW_EINVAL);
	opflow_graph_free(g);
}
END_TEST

START_TEST(locale_independent)
{
	/* A host that set a German locale still reads and writes 12.5 */
	static const char text[] = "opflow 1\n\nactivity a category=other "
	                           "duration=12.5 estimate=0.25/12.5/100.75\n";
	opflow_graph *g, *back;
	char *saved;
	double dur;

	if (!setlocale(LC_ALL, "de_DE.UTF-8") && !setlocale(LC_ALL, "de_DE.utf8")) {
		fprintf(stderr, "locale_independent: no German locale here, "
		        "checked under the C locale only\n");
	} else {
		char probe[16];

		snprintf(probe, sizeof probe, "%.1f", 12.5);
		ck_assert_str_eq(probe, "12,5");    /* the locale is in force */
	}
	g = load_ok(text);
	ck_assert_int_eq(opflow_graph_activity_duration(&dur, NULL, g, 0), 0);
	ck_assert(dur == 12.5);
	saved = save(g);
	ck_assert_str_eq(saved, text);
	back = load_ok(saved);
	ck_assert_int_eq(opflow_graph_equal(g, back), 1);
	opflow_free(saved);
	opflow_graph_free(back);
	opflow_graph_free(g);
	setlocale(LC_ALL, "C");
}
END_TEST

/* ----------------------------------------------------------------- exports */

/* a(2) -> b(3) FS; a -> c(1) SS lag 1; a: Frame shop, b: "Sales, EU" */
static const char small[] =
	"opflow 1\n"
	"activity a label=\"Cut, \\\"bend\\\"\" category=manufacturing "
	"department=frame duration=2\n"
	"activity b category=sales department=\"Sales, EU\" duration=3\n"
	"activity c category=other duration=1\n"
	"flow a b\n"
	"flow a c type=SS lag=1\n";

START_TEST(csv_export)
{
	/* By hand: ES a=0 EF=2; b: ES=2 EF=5; c: ES=1 EF=2.  T = 5.
	 * Backward: LF b=5 LS=2; LF c=5 LS=4; a: FS to b: LF<=LS(b)=2;
	 * SS to c: LS(a)<=LS(c)-1=3 -> LF<=5; so LF a=2, LS=0.
	 * TF: a 0, b 0, c 3.  FF: a min(ES b-EF a=0, ES c-1-ES a=0)=0;
	 * b: H-EF=0; c: 5-2=3.  Stages: a production; b and c are reached
	 * from it: post-production. */
	static const char expected[] =
		"key,label,kind,category,department,stage,duration,es,ef,ls,lf,"
		"total_float,free_float,critical\r\n"
		"a,\"Cut, \"\"bend\"\"\",production,manufacturing,frame,"
		"production,2,0,2,0,2,0,0,true\r\n"
		"b,,operation,sales,\"Sales, EU\",post-production,3,2,5,2,5,0,0,"
		"true\r\n"
		"c,,operation,other,,post-production,1,1,2,4,5,3,3,false\r\n";
	opflow_graph *g = load_ok(small);
	opflow_analysis *a;
	char *csv;
	size_t len;

	ck_assert_int_eq(opflow_analyze(&a, g, NULL), 0);
	ck_assert_int_eq(opflow_analysis_write_csv(&csv, &len, a, g), 0);
	ck_assert_str_eq(csv, expected);
	ck_assert_uint_eq(len, strlen(expected));
	opflow_free(csv);
	/* a changed graph no longer matches its analysis */
	ck_assert_int_eq(opflow_graph_set_activity_label(g, 2, "x"), 0);
	ck_assert_int_eq(opflow_analysis_write_csv(&csv, &len, a, g),
	                 OPFLOW_EMISUSE);
	ck_assert_int_eq(opflow_analysis_write_json(&csv, &len, a, g),
	                 OPFLOW_EMISUSE);
	ck_assert_int_eq(opflow_graph_write_dot(&csv, &len, g, a),
	                 OPFLOW_EMISUSE);
	ck_assert_int_eq(opflow_analysis_write_csv(NULL, &len, a, g),
	                 OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_analysis_write_csv(&csv, &len, NULL, g),
	                 OPFLOW_EINVAL);
	opflow_analysis_free(a);
	opflow_graph_free(g);
}
END_TEST

START_TEST(json_export)
{
	opflow_graph *g = load_ok(small);
	opflow_analysis *a;
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;
	char *json;

	o.has_deadline = 1;
	o.deadline = 7;
	ck_assert_int_eq(opflow_analyze(&a, g, &o), 0);
	ck_assert_int_eq(opflow_analysis_write_json(&json, NULL, a, g), 0);
	/* the figures under their DESIGN names; hand values as in
	 * csv_export, with the horizon 7: TF a=2, b=2, c=5 */
	ck_assert_ptr_nonnull(strstr(json, "\"format_version\": 1"));
	ck_assert_ptr_nonnull(strstr(json, "\"deadline\": 7"));
	ck_assert_ptr_nonnull(strstr(json, "\"lead_time\": 5"));
	ck_assert_ptr_nonnull(strstr(json, "\"production_activities\": 1"));
	ck_assert_ptr_nonnull(strstr(json, "\"production_span\": 2"));
	ck_assert_ptr_nonnull(strstr(json, "\"timeframe_ratio\": 2.5"));
	ck_assert_ptr_nonnull(strstr(json, "\"boundary_handoffs\": 1"));
	ck_assert_ptr_nonnull(strstr(json, "\"pert_probability\": 1"));
	ck_assert_ptr_nonnull(strstr(json, "\"critical_path\": [[\"a\", \"b\"]]"));
	ck_assert_ptr_nonnull(strstr(json, "{\"from\": \"frame\", \"to\": "
	                             "\"Sales, EU\", \"count\": 1}"));
	ck_assert_ptr_nonnull(strstr(json, "\"label\": \"Cut, \\\"bend\\\"\""));
	ck_assert_ptr_nonnull(strstr(json, "\"key\": \"c\", \"label\": null"));
	ck_assert_ptr_nonnull(strstr(json, "\"total_float\": 5"));
	ck_assert_ptr_nonnull(strstr(json, "\"driving_flow\": {\"source\": "
	                             "\"a\", \"type\": \"SS\", \"lag\": 1}"));
	opflow_free(json);
	opflow_analysis_free(a);
	opflow_graph_free(g);

	/* no production activity: the production figures are null */
	g = load_ok("opflow 1\nactivity s category=sales duration=1\n");
	ck_assert_int_eq(opflow_analyze(&a, g, NULL), 0);
	ck_assert_int_eq(opflow_analysis_write_json(&json, NULL, a, g), 0);
	ck_assert_ptr_nonnull(strstr(json, "\"production_start\": null"));
	ck_assert_ptr_nonnull(strstr(json, "\"timeframe_ratio\": null"));
	ck_assert_ptr_nonnull(strstr(json, "\"pert_probability\": null"));
	opflow_free(json);
	opflow_analysis_free(a);
	opflow_graph_free(g);
}
END_TEST

START_TEST(dot_export)
{
	opflow_graph *g = load_ok(small);
	opflow_analysis *a;
	char *dot;

	ck_assert_int_eq(opflow_analyze(&a, g, NULL), 0);
	ck_assert_int_eq(opflow_graph_write_dot(&dot, NULL, g, a), 0);
	ck_assert_ptr_nonnull(strstr(dot, "digraph value_chain {"));
	ck_assert_ptr_nonnull(strstr(dot, "subgraph \"cluster_production\""));
	ck_assert_ptr_nonnull(strstr(dot,
	                      "subgraph \"cluster_post-production\""));
	ck_assert_ptr_null(strstr(dot, "cluster_pre-production"));
	/* a and b critical, bold; c not; the tight flow a -> b bold */
	ck_assert_ptr_nonnull(strstr(dot, "n0 [label=\"Cut, \\\"bend\\\"\\na\\n"
	                             "frame \xC2\xB7 2\", fillcolor=\"#f6c177\", "
	                             "penwidth=3];"));
	ck_assert_ptr_nonnull(strstr(dot, "n2 [label=\"c\\n1\", "
	                             "fillcolor=\"#a9c8f0\"];"));
	ck_assert_ptr_nonnull(strstr(dot, "n0 -> n1 [penwidth=3];"));
	ck_assert_ptr_nonnull(strstr(dot, "n0 -> n2 [label=\"SS +1\"];"));
	opflow_free(dot);
	opflow_analysis_free(a);
	/* a parallel SS +1 flow beside the tight a -> b: its slack is
	 * ES(b) - 1 - ES(a) = 1, so it is not drawn bold */
	{
		opflow_id f;

		ck_assert_int_eq(opflow_graph_add_flow(&f, g, 0, 1, OPFLOW_FLOW_SS,
		                                       1), 0);
	}
	ck_assert_int_eq(opflow_analyze(&a, g, NULL), 0);
	ck_assert_int_eq(opflow_graph_write_dot(&dot, NULL, g, a), 0);
	ck_assert_ptr_nonnull(strstr(dot, "n0 -> n1 [penwidth=3];"));
	ck_assert_ptr_nonnull(strstr(dot, "n0 -> n1 [label=\"SS +1\"];"));
	opflow_free(dot);
	/* without an analysis: no clusters, nothing bold */
	ck_assert_int_eq(opflow_graph_write_dot(&dot, NULL, g, NULL), 0);
	ck_assert_ptr_null(strstr(dot, "cluster"));
	ck_assert_ptr_null(strstr(dot, "penwidth"));
	opflow_free(dot);
	opflow_analysis_free(a);
	opflow_graph_free(g);
}
END_TEST

/* ------------------------------------------------------------------ checks */

struct expect {
	opflow_finding_kind kind;
	opflow_severity severity;
	const char *activity;   /* key or NULL */
	opflow_id flow;
	const char *words;
};

static void findings_are(const char *text, const struct expect *e, size_t n)
{
	opflow_graph *g = load_ok(text);
	opflow_findings *f;

	ck_assert_int_eq(opflow_graph_check(&f, g, NULL), 0);
	ck_assert_uint_eq(opflow_findings_count(f), n);
	for (size_t i = 0; i < n; i++) {
		opflow_finding_kind kind;
		opflow_severity sev;
		opflow_id act, flow;
		const char *msg;

		ck_assert_int_eq(opflow_findings_get(&kind, &sev, &act, &flow, &msg,
		                                     f, i), 0);
		ck_assert_int_eq(kind, e[i].kind);
		ck_assert_int_eq(sev, e[i].severity);
		ck_assert_uint_eq(act, e[i].activity ? find(g, e[i].activity)
		                                     : OPFLOW_NONE);
		ck_assert_uint_eq(flow, e[i].flow);
		ck_assert_msg(strstr(msg, e[i].words), "'%s' lacks '%s'", msg,
		              e[i].words);
	}
	ck_assert_int_eq(opflow_findings_get(NULL, NULL, NULL, NULL, NULL, f, n),
	                 OPFLOW_ENOTFOUND);
	opflow_findings_free(f);
	opflow_graph_free(g);
}

START_TEST(schedule_checks)
{
	/* s1, s2 both start the chain; e1, e2 both end it; the SS -2 flow is
	 * a lead; the SF flow is flagged.  T = 10 (s1 -> m -> e1: 2+5+3).
	 * e2: ES = max(ES m - 2, ES s2 - 1) = 0, LF = 10: TF 9.  s2: LS <=
	 * LF e2 = 10, so LF = min(10, 11) = 10, LS = 9: TF 9.  Both > 5. */
	static const struct expect e[] = {
		{ OPFLOW_FINDING_NO_PREDECESSOR, OPFLOW_SEVERITY_WARNING, "s1",
		  OPFLOW_NONE, "2 activities start the chain" },
		{ OPFLOW_FINDING_NO_PREDECESSOR, OPFLOW_SEVERITY_WARNING, "s2",
		  OPFLOW_NONE, "s2 has no predecessor" },
		{ OPFLOW_FINDING_NO_SUCCESSOR, OPFLOW_SEVERITY_WARNING, "e1",
		  OPFLOW_NONE, "2 activities end the chain" },
		{ OPFLOW_FINDING_NO_SUCCESSOR, OPFLOW_SEVERITY_WARNING, "e2",
		  OPFLOW_NONE, "e2 has no successor" },
		{ OPFLOW_FINDING_NEGATIVE_LAG, OPFLOW_SEVERITY_WARNING, NULL, 1,
		  "m -> e2 has a negative lag" },
		{ OPFLOW_FINDING_START_TO_FINISH, OPFLOW_SEVERITY_WARNING, NULL, 3,
		  "s2 -> e2 is start-to-finish" },
		{ OPFLOW_FINDING_HIGH_FLOAT, OPFLOW_SEVERITY_WARNING, "s2",
		  OPFLOW_NONE, "total float of 9" },
		{ OPFLOW_FINDING_HIGH_FLOAT, OPFLOW_SEVERITY_WARNING, "e2",
		  OPFLOW_NONE, "total float of 9, more than 50% of the lead "
		  "time 10" },
	};

	findings_are("opflow 1\n"
	             "activity s1 duration=2\nactivity s2 duration=1\n"
	             "activity m duration=5\nactivity e1 duration=3\n"
	             "activity e2 duration=1\n"
	             "flow s1 m\nflow m e2 type=SS lag=-2\nflow m e1\n"
	             "flow s2 e2 type=SF\n", e, sizeof e / sizeof *e);
	/* one start and one end: nothing to say */
	findings_are("opflow 1\nactivity a duration=1\nactivity b duration=1\n"
	             "flow a b\n", NULL, 0);
	findings_are("", NULL, 0);
}
END_TEST

START_TEST(cycle_is_a_finding)
{
	static const struct expect e[] = {
		{ OPFLOW_FINDING_CYCLE, OPFLOW_SEVERITY_ERROR, "a", OPFLOW_NONE,
		  "cycle: a -> b -> a" },
	};

	/* x alone starts the chain and nothing ends it: the cycle is all */
	findings_are("opflow 1\nactivity x\nactivity a\nactivity b\n"
	             "flow x a\nflow a b type=SS\nflow b a type=SS\n", e, 1);
}
END_TEST

START_TEST(check_arguments_and_names)
{
	opflow_check_options o;
	opflow_findings *f;
	opflow_graph *g = load_ok("opflow 1\n");
	opflow_finding_kind k;
	opflow_severity s;
	static const char *const kinds[] = {
		"cycle", "out-of-range", "no-predecessor", "no-successor",
		"negative-lag", "start-to-finish", "high-float",
		"out-of-sequence", "constraint-conflict", "idle-calendar",
		"fractional-seconds"
	};

	ck_assert_int_eq(opflow_check_options_init(&o, OPFLOW_CHECK_OPTIONS_VERSION),
	                 0);
	ck_assert(o.version == 1 && o.high_float == 0.5);
	ck_assert_int_eq(opflow_check_options_init(&o, 2), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_check_options_init(NULL, 1), OPFLOW_EINVAL);
	o.high_float = -1;
	ck_assert_int_eq(opflow_graph_check(&f, g, &o), OPFLOW_EINVAL);
	o.high_float = NAN;
	ck_assert_int_eq(opflow_graph_check(&f, g, &o), OPFLOW_EINVAL);
	o.high_float = 0.5;
	o.version = 0;
	ck_assert_int_eq(opflow_graph_check(&f, g, &o), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_graph_check(NULL, g, NULL), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_graph_check(&f, NULL, NULL), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_findings_get(NULL, NULL, NULL, NULL, NULL, NULL,
	                                     0), OPFLOW_EINVAL);
	ck_assert_uint_eq(opflow_findings_count(NULL), 0);
	opflow_findings_free(NULL);
	for (int i = 0; i < 11; i++) {
		ck_assert_str_eq(opflow_finding_kind_name((opflow_finding_kind)i),
		                 kinds[i]);
		ck_assert_int_eq(opflow_finding_kind_from_name(&k, kinds[i]), 0);
		ck_assert_int_eq(k, i);
	}
	ck_assert_ptr_null(opflow_finding_kind_name((opflow_finding_kind)11));
	ck_assert_int_eq(opflow_finding_kind_from_name(&k, "loop"),
	                 OPFLOW_EINVAL);
	ck_assert_str_eq(opflow_severity_name(OPFLOW_SEVERITY_ERROR), "error");
	ck_assert_str_eq(opflow_severity_name(OPFLOW_SEVERITY_WARNING),
	                 "warning");
	ck_assert_ptr_null(opflow_severity_name((opflow_severity)2));
	ck_assert_int_eq(opflow_severity_from_name(&s, "warning"), 0);
	ck_assert_int_eq(s, OPFLOW_SEVERITY_WARNING);
	ck_assert_int_eq(opflow_severity_from_name(&s, "info"), OPFLOW_EINVAL);
	opflow_graph_free(g);
}
END_TEST

START_TEST(shortest_numbers)
{
	/* The shortest texts that read back exactly, as Python's repr() and
	 * David Gay's algorithm give them: 2^-24, 2^89 and the smallest
	 * subnormal, where the nearest 16 or 15 digits are not the
	 * shortest. */
	static const struct {
		double value;
		const char *text;
	} cases[] = {
		{ 0x1p-24, "5.960464477539063e-08" },
		{ 0x1p89, "6.189700196426902e+26" },
		{ 0x1p-1074, "5e-324" },
		{ 0.1, "0.1" },
		{ 1.0 / 3.0, "0.3333333333333333" },
		{ 2.5e-5, "2.5e-05" },
		{ 1e16, "10000000000000000" },
		{ 1e17, "1e+17" },
		{ 123456.75, "123456.75" },
	};
	char text[128], expect[128], *saved;
	opflow_graph *g;

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		snprintf(text, sizeof text, "opflow 1\n\nactivity a "
		         "category=other duration=%.17g\n", cases[i].value);
		g = load_ok(text);
		saved = save(g);
		snprintf(expect, sizeof expect, "opflow 1\n\nactivity a "
		         "category=other duration=%s\n", cases[i].text);
		ck_assert_str_eq(saved, expect);
		opflow_free(saved);
		opflow_graph_free(g);
	}
}
END_TEST

START_TEST(success_keeps_error_details)
{
	/* a successful load or check leaves the thread's last error as it
	 * was, even when the check meets a cycle */
	static const char cyclic[] = "opflow 1\nactivity a\nactivity b\n"
	                             "flow a b\nflow b a\nflow a b type=SS\n";
	opflow_graph *g = load_ok("opflow 1\n");
	opflow_findings *f;
	opflow_id id;

	ck_assert_int_eq(opflow_graph_find_activity(&id, g, "nope"),
	                 OPFLOW_ENOTFOUND);
	opflow_graph_free(g);
	g = load_ok(cyclic);
	ck_assert_int_eq(opflow_error_code(), OPFLOW_ENOTFOUND);
	ck_assert_str_eq(opflow_error_message(), "no activity nope");
	/* so do loading and saving calendars and a dated graph */
	{
		opflow_graph *d = load_ok("opflow 1\nstart 2026-12-21\n"
		                          "unit 60\ncalendar c \"mon 06:00-14:00\"\n"
		                          "calendar e \"tue 06:00-14:00\"\n"
		                          "default-calendar e\n"
		                          "department x calendar=c\n"
		                          "activity a calendar=e\nactivity b\n"
		                          "flow a b elapsed=true\n");
		char *text = save(d);

		ck_assert_int_eq(opflow_error_code(), OPFLOW_ENOTFOUND);
		ck_assert_str_eq(opflow_error_message(), "no activity nope");
		opflow_free(text);
		opflow_graph_free(d);
	}
	ck_assert_int_eq(opflow_graph_check(&f, g, NULL), 0);
	ck_assert_uint_eq(opflow_findings_count(f), 1);
	ck_assert_int_eq(opflow_error_code(), OPFLOW_ENOTFOUND);
	ck_assert_str_eq(opflow_error_message(), "no activity nope");
	ck_assert_uint_eq(opflow_error_cycle_length(), 0);
	opflow_findings_free(f);
	/* a cycle error set before survives a check, details and all */
	{
		opflow_analysis *a;

		ck_assert_int_eq(opflow_analyze(&a, g, NULL), OPFLOW_ECYCLE);
	}
	ck_assert_int_eq(opflow_graph_check(&f, g, NULL), 0);
	ck_assert_int_eq(opflow_error_code(), OPFLOW_ECYCLE);
	ck_assert_uint_eq(opflow_error_cycle_length(), 2);
	ck_assert_str_eq(opflow_error_cycle_key(0), "a");
	ck_assert_str_eq(opflow_error_cycle_key(1), "b");
	opflow_findings_free(f);
	opflow_graph_free(g);
	opflow_error_clear();
}
END_TEST

/* One thread reads and writes numbers under a German locale of its own
 * (uselocale) while others write JSON under the C locale: every number
 * still reads and writes with a '.'. */
struct locale_run {
	int german;
	int failures;
};

static void *locale_worker(void *p)
{
	struct locale_run *run = p;
	static const char text[] = "opflow 1\n\nactivity a category=other "
	                           "duration=12.5 estimate=0.25/12.5/100.75\n"
	                           "activity b category=sales duration=2.5\n"
	                           "\nflow a b lag=0.5\n";
	locale_t de = (locale_t)0, old = (locale_t)0;

	if (run->german) {
		de = newlocale(LC_ALL_MASK, "de_DE.UTF-8", (locale_t)0);
		if (!de)
			return NULL;
		old = uselocale(de);
	}
	for (int i = 0; i < 300; i++) {
		opflow_graph *g;
		opflow_analysis *a;
		char *out;

		if (opflow_graph_load_buffer(&g, text, sizeof text - 1)) {
			run->failures++;
			continue;
		}
		if (opflow_graph_save_buffer(&out, NULL, g) == 0) {
			run->failures += strcmp(out, text) != 0;
			opflow_free(out);
		}
		if (opflow_analyze(&a, g, NULL) == 0) {
			if (opflow_analysis_write_json(&out, NULL, a, g) == 0) {
				run->failures += !strstr(out, "\"lead_time\": 15.5");
				opflow_free(out);
			}
			opflow_analysis_free(a);
		}
		opflow_graph_free(g);
	}
	if (de) {
		uselocale(old);
		freelocale(de);
	}
	return NULL;
}

START_TEST(locale_per_thread)
{
	struct locale_run runs[4] = { { 1, 0 }, { 0, 0 }, { 1, 0 }, { 0, 0 } };
	pthread_t t[4];

	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, locale_worker,
		                                &runs[i]), 0);
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		ck_assert_msg(runs[i].failures == 0, "thread %d (%s): %d failures",
		              i, runs[i].german ? "German" : "C",
		              runs[i].failures);
	}
}
END_TEST

/* n activities a0 .. a(n-1), then a chain of flows a(i) -> a(i+1): line
 * 2 + i declares a(i), line 2 + n + i the flow from a(i).  More is
 * appended with the returned length. */
static size_t many(char *buf, unsigned n)
{
	size_t len = (size_t)sprintf(buf, "opflow 1\n");

	for (unsigned i = 0; i < n; i++)
		len += (size_t)sprintf(buf + len, "activity a%u duration=%u.5\n",
		                       i, i % 7);
	for (unsigned i = 0; i + 1 < n; i++)
		len += (size_t)sprintf(buf + len, "flow a%u a%u\n", i, i + 1);
	return len;
}

/* Among many statements of a kind the first error of the text is the one
 * reported, at its line and column, whatever comes after it. */
START_TEST(first_error_among_many)
{
	char *buf = malloc(1 << 20);
	opflow_graph *g;
	size_t len;

	ck_assert_ptr_nonnull(buf);
	/* 1000 activities on lines 2 .. 1001, 999 flows on 1002 .. 2000 */
	len = many(buf, 1000);
	g = load_ok(buf);
	ck_assert_uint_eq(opflow_graph_activity_count(g), 1000);
	ck_assert_uint_eq(opflow_graph_flow_count(g), 999);
	opflow_graph_free(g);
	/* a flow to an activity declared later, then a bad line */
	sprintf(buf + len, "flow a5 b1\nactivity b1\nflow a1 ?\n");
	fails(buf, 2001, 9, "unknown activity b1");
	/* a flow repeated within the last few, then a bad token */
	sprintf(buf + len, "flow a300 a301 lag=2\nflow a1 a2 x=\n");
	fails(buf, 2001, 6, "the FS flow from a300 to a301 is declared twice");
	sprintf(buf + len, "flow a1 a2 type=SS\nflow a3 a4 type=SF\n"
	        "flow a1 a2 type=SS\n# end\n");
	fails(buf, 2003, 6, "the SS flow from a1 to a2 is declared twice");
	/* a self-loop, then a NUL byte */
	len += (size_t)sprintf(buf + len, "flow a7 a7\nflow a1 a3\n");
	memcpy(buf + len, "flow a1 a4\0\n", 12);
	load_fails(buf, len + 12, 2001, 9,
	           "a flow from a7 to itself is a self-loop");
	/* an activity declared twice, then invalid UTF-8 */
	len = (size_t)sprintf(buf, "opflow 1\n");
	for (unsigned i = 0; i < 600; i++)
		len += (size_t)sprintf(buf + len, "activity k%u\n", i);
	sprintf(buf + len, "activity k17 label=\"x\"\nactivity z\xff\n");
	fails(buf, 602, 10, "already exists");
	/* an error of the last statement comes after the first ones' */
	len = many(buf, 1000);
	sprintf(buf + len, "department d\nactivity q department=d "
	        "estimate=3/2/1\n");
	fails(buf, 2002, 34, "estimate out of order");
	/* keys of 8 bytes and of 9, quoted or bare, escaped or not: each
	 * flow finds its own activities */
	len = (size_t)sprintf(buf, "opflow 1\n"
	                      "activity abcdefgh\nactivity abcdefghi\n"
	                      "activity \"abcdefg\\x2e\"\nactivity abcdefg\n"
	                      "activity \"h\\u{e9}\"\nactivity abcdefgi\n");
	for (unsigned i = 0; i < 300; i++)
		len += (size_t)sprintf(buf + len, "activity x%u\n", 12345678u + i);
	len += (size_t)sprintf(buf + len, "flow abcdefgh abcdefghi\n"
	                       "flow abcdefg. abcdefg\nflow \"h\xc3\xa9\" abcdefgi\n"
	                       "flow abcdefghi abcdefg.\n");
	for (unsigned i = 0; i + 1 < 300; i++)
		len += (size_t)sprintf(buf + len, "flow x%u x%u\n", 12345678u + i,
		                       12345679u + i);
	g = load_ok(buf);
	ck_assert_uint_eq(opflow_graph_flow_count(g), 4 + 299);
	{
		static const char *const ends[][2] = {
			{ "abcdefgh", "abcdefghi" }, { "abcdefg.", "abcdefg" },
			{ "h\xc3\xa9", "abcdefgi" }, { "abcdefghi", "abcdefg." },
			{ "x12345678", "x12345679" }, { "x12345976", "x12345977" },
		};
		static const unsigned at[] = { 0, 1, 2, 3, 4, 302 };

		for (unsigned i = 0; i < 6; i++) {
			opflow_id s, t;

			ck_assert_int_eq(opflow_graph_flow(&s, &t, NULL, NULL, g,
			                                   at[i]), 0);
			ck_assert_uint_eq(s, find(g, ends[i][0]));
			ck_assert_uint_eq(t, find(g, ends[i][1]));
		}
	}
	opflow_graph_free(g);
	sprintf(buf + len, "flow abcdefgh abcdefgj\n");
	fails(buf, 2 + 6 + 300 + 4 + 299, 15, "unknown activity abcdefgj");
	/* an error in the middle of a batch of flows */
	len = many(buf, 1000);
	len = (size_t)(strstr(buf, "flow a400 a401\n") - buf);
	memcpy(buf + len, "flow a400 a400\n", 15);
	fails(buf, 1002 + 400, 11, "a flow from a400 to itself is a self-loop");
	free(buf);
}
END_TEST

/* ------------------------------------------------------------ tracking */

static const char *const track_names[7] = {
	"actual-start", "actual-finish", "remaining", "start-no-earlier-than",
	"finish-no-earlier-than", "start-no-later-than", "finish-no-later-than"
};

/* Activity id's tracking fields are exactly want[f] for each f whose bit
 * is in set, none other, doubles bit for bit. */
static void tracking_is(const opflow_graph *g, opflow_id id, unsigned set,
                        const double want[7])
{
	for (int f = 0; f < 7; f++) {
		int is_set = -1;
		double v = -42;

		ck_assert_int_eq(opflow_graph_activity_tracking(&is_set, &v, g,
		                 id, (opflow_tracking)f), 0);
		ck_assert_msg(is_set == !!(set & (1u << f)),
		              "activity %u: %s is%s set", (unsigned)id,
		              track_names[f], is_set ? "" : " not");
		if (is_set)
			ck_assert_msg(memcmp(&v, &want[f], sizeof v) == 0,
			              "activity %u: %s is %.17g, not %.17g",
			              (unsigned)id, track_names[f], v, want[f]);
	}
}

START_TEST(tracking_round_trip)
{
	/* Every tracking field, written after the other attributes in the
	 * order of opflow_tracking, only those set, each number the shortest
	 * that reads back: 0.1 + 0.2 needs 17 digits, 1e21 and DBL_MAX take
	 * an exponent (decimal exponents 21 and 308 are past 16), 1.5e-7 too
	 * (-7 is below -4); -0 is stored and written as 0. */
	static const char expected[] =
		"opflow 1\n"
		"\n"
		"activity cut category=manufacturing duration=2 actual-start=0 "
		"actual-finish=2.5\n"
		"activity weld category=manufacturing duration=6 actual-start=3 "
		"remaining=0.30000000000000004 finish-no-later-than=12\n"
		"activity paint category=manufacturing estimate=3/4/6 "
		"actual-start=7 actual-finish=1e+21 remaining=0 "
		"start-no-earlier-than=-2.5 finish-no-earlier-than=1.5e-07 "
		"start-no-later-than=123456789.125 "
		"finish-no-later-than=1.7976931348623157e+308\n"
		"activity pack category=packaging duration=1\n"
		"activity \"ship it\" label=\"Ship\" category=distribution "
		"start-no-later-than=5\n"
		"\n"
		"flow cut weld\n"
		"flow weld paint type=SS lag=1\n";
	static const double cut_v[7] = { 0, 2.5 };
	static const double weld_v[7] = { 3, 0, 0.30000000000000004, 0, 0, 0,
	                                  12 };
	static const double paint_v[7] = {
		7, 1e21, 0, -2.5, 1.5e-7, 123456789.125,
		1.7976931348623157e308
	};
	static const double none[7] = { 0 };
	static const double ship_v[7] = { 0, 0, 0, 0, 0, 5 };
	opflow_graph *g, *back;
	opflow_id cut, weld, paint, pack, ship, f;
	char *text, *again;

	ck_assert_int_eq(opflow_graph_new(&g), 0);
	ck_assert_int_eq(opflow_graph_add_activity(&cut, g, "cut",
	                 OPFLOW_CATEGORY_MANUFACTURING), 0);
	ck_assert_int_eq(opflow_graph_set_activity_duration(g, cut, 2), 0);
	ck_assert_int_eq(opflow_graph_set_activity_tracking(g, cut,
	                 OPFLOW_TRACK_ACTUAL_START, -0.0), 0);
	ck_assert_int_eq(opflow_graph_set_activity_tracking(g, cut,
	                 OPFLOW_TRACK_ACTUAL_FINISH, 2.5), 0);
	ck_assert_int_eq(opflow_graph_add_activity(&weld, g, "weld",
	                 OPFLOW_CATEGORY_MANUFACTURING), 0);
	ck_assert_int_eq(opflow_graph_set_activity_duration(g, weld, 6), 0);
	ck_assert_int_eq(opflow_graph_set_activity_tracking(g, weld,
	                 OPFLOW_TRACK_FINISH_NO_LATER_THAN, 12), 0);
	ck_assert_int_eq(opflow_graph_set_activity_tracking(g, weld,
	                 OPFLOW_TRACK_REMAINING, 0.1 + 0.2), 0);
	ck_assert_int_eq(opflow_graph_set_activity_tracking(g, weld,
	                 OPFLOW_TRACK_ACTUAL_START, 3), 0);
	ck_assert_int_eq(opflow_graph_add_activity(&paint, g, "paint",
	                 OPFLOW_CATEGORY_MANUFACTURING), 0);
	ck_assert_int_eq(opflow_graph_set_activity_estimate(g, paint, 3, 4, 6),
	                 0);
	for (int i = 0; i < 7; i++)
		ck_assert_int_eq(opflow_graph_set_activity_tracking(g, paint,
		                 (opflow_tracking)i, paint_v[i]), 0);
	ck_assert_int_eq(opflow_graph_add_activity(&pack, g, "pack",
	                 OPFLOW_CATEGORY_PACKAGING), 0);
	ck_assert_int_eq(opflow_graph_set_activity_duration(g, pack, 1), 0);
	/* set and cleared again: nothing to write */
	ck_assert_int_eq(opflow_graph_set_activity_tracking(g, pack,
	                 OPFLOW_TRACK_REMAINING, 1), 0);
	ck_assert_int_eq(opflow_graph_clear_activity_tracking(g, pack,
	                 OPFLOW_TRACK_REMAINING), 0);
	ck_assert_int_eq(opflow_graph_add_activity(&ship, g, "ship it",
	                 OPFLOW_CATEGORY_DISTRIBUTION), 0);
	ck_assert_int_eq(opflow_graph_set_activity_label(g, ship, "Ship"), 0);
	ck_assert_int_eq(opflow_graph_set_activity_tracking(g, ship,
	                 OPFLOW_TRACK_START_NO_LATER_THAN, 5), 0);
	ck_assert_int_eq(opflow_graph_add_flow(&f, g, cut, weld, OPFLOW_FLOW_FS,
	                 0), 0);
	ck_assert_int_eq(opflow_graph_add_flow(&f, g, weld, paint,
	                 OPFLOW_FLOW_SS, 1), 0);
	text = save(g);
	ck_assert_str_eq(text, expected);
	back = load_ok(text);
	ck_assert_int_eq(opflow_graph_equal(g, back), 1);
	/* read back field by field, not only through opflow_graph_equal;
	 * the bits are 1 << opflow_tracking: 1 actual start, 2 actual
	 * finish, 4 remaining, 32 start no later than, 64 finish no later
	 * than, 127 all seven */
	tracking_is(back, cut, 3, cut_v);
	tracking_is(back, weld, 1 | 4 | 64, weld_v);
	tracking_is(back, paint, 127, paint_v);
	tracking_is(back, pack, 0, none);
	tracking_is(back, ship, 32, ship_v);
	again = save(back);
	ck_assert_str_eq(again, expected);
	opflow_free(again);
	opflow_graph_free(back);
	/* the hand-written text reads as the same graph too */
	back = load_ok(expected);
	ck_assert_int_eq(opflow_graph_equal(g, back), 1);
	opflow_graph_free(back);
	/* one value off by one unit in the last place is another graph:
	 * 0.3 is not 0.1 + 0.2 */
	{
		char *other = malloc(sizeof expected);
		char *at;

		ck_assert_ptr_nonnull(other);
		memcpy(other, expected, sizeof expected);
		at = strstr(other, "remaining=0.30000000000000004 ");
		ck_assert_ptr_nonnull(at);
		/* the same length: 0.3 and 17 blanks for 0.30000000000000004 */
		memcpy(at, "remaining=0.3                 ", 30);
		back = load_ok(other);
		ck_assert_int_eq(opflow_graph_equal(g, back), 0);
		tracking_is(back, weld, 1 | 4 | 64, (const double[7]){ 3, 0, 0.3,
		            0, 0, 0, 12 });
		opflow_graph_free(back);
		free(other);
	}
	opflow_free(text);
	opflow_graph_free(g);
}
END_TEST

START_TEST(tracking_attribute_order)
{
	/* The seven attributes in the reverse of the written order, the
	 * actual finish before the actual start, mixed with the others: the
	 * same values, written back in the canonical order.  An actual
	 * finish equal to the actual start is allowed. */
	static const char text[] =
		"opflow 1\n"
		"activity a finish-no-later-than=10 start-no-later-than=8 "
		"duration=3 finish-no-earlier-than=4 start-no-earlier-than=1 "
		"remaining=.5 label=\"A\" actual-finish=2e0 actual-start=+1\n"
		"activity b actual-finish=5 category=sales actual-start=5\n"
		"activity c remaining=0 actual-start=-3\n";
	static const char canonical[] =
		"opflow 1\n"
		"\n"
		"activity a label=\"A\" category=other duration=3 "
		"actual-start=1 actual-finish=2 remaining=0.5 start-no-earlier-than=1 "
		"finish-no-earlier-than=4 start-no-later-than=8 "
		"finish-no-later-than=10\n"
		"activity b category=sales actual-start=5 actual-finish=5\n"
		"activity c category=other actual-start=-3 remaining=0\n";
	static const double a_v[7] = { 1, 2, 0.5, 1, 4, 8, 10 };
	static const double b_v[7] = { 5, 5 };
	static const double c_v[7] = { -3, 0, 0 };
	opflow_graph *g = load_ok(text), *back;
	char *saved;

	tracking_is(g, 0, 127, a_v);
	tracking_is(g, 1, 3, b_v);
	tracking_is(g, 2, 1 | 4, c_v);
	saved = save(g);
	ck_assert_str_eq(saved, canonical);
	back = load_ok(canonical);
	ck_assert_int_eq(opflow_graph_equal(g, back), 1);
	opflow_graph_free(back);
	opflow_free(saved);
	opflow_graph_free(g);
}
END_TEST

START_TEST(tracking_errors)
{
	/* columns by hand: "activity a " is 11 bytes, so the first attribute
	 * name is at column 12 and its value right after the '=':
	 * remaining= 10 bytes (value at 22), actual-start= 13 (25),
	 * actual-finish= 14 (26), start-no-later-than= 20 (32) */
	fails("opflow 1\nactivity a remaining=-1\n", 2, 22,
	      "remaining duration -1 of activity a is negative");
	fails("opflow 1\nactivity a actual-finish=3\n", 2, 26,
	      "activity a has no actual start: an actual finish needs one");
	fails("opflow 1\nactivity a actual-finish=3 actual-start=4\n", 2, 26,
	      "activity a would finish at 3, before its actual start 4");
	/* actual-start=4 at 12..26, a blank, actual-finish= at 27..40 */
	fails("opflow 1\nactivity a actual-start=4 actual-finish=3\n", 2, 41,
	      "activity a would finish at 3, before its actual start 4");
	/* the second remaining= at 24, after "remaining=1 " (12..23) */
	fails("opflow 1\nactivity a remaining=1 remaining=2\n", 2, 24,
	      "remaining= given twice");
	fails("opflow 1\nactivity a actual-start=1 duration=2 actual-start=1\n",
	      2, 38, "actual-start= given twice");
	fails("opflow 1\nactivity a actual-start=\"1\"\n", 2, 25,
	      "expected a number for actual-start, not a quoted string");
	fails("opflow 1\nactivity a actual-start=nan\n", 2, 25,
	      "expected a number for actual-start, found nan");
	fails("opflow 1\nactivity a start-no-later-than=1e999\n", 2, 32,
	      "the number 1e999 for start-no-later-than is too large");
	fails("opflow 1\nactivity a actual-begin=1\n", 2, 12,
	      "unknown activity attribute actual-begin");
	/* what the line says of itself comes before the tracking fields:
	 * remaining=-1 at 12..23, a blank, duration= at 25..33, its value
	 * at 34 */
	fails("opflow 1\nactivity a remaining=-1 duration=-1\n", 2, 34,
	      "negative");
	/* the key declared twice comes before its fields */
	fails("opflow 1\nactivity a\nactivity a remaining=-1\n", 3, 10,
	      "already exists");
	/* a remaining duration of 0 and an actual finish equal to the
	 * actual start are fine: the next error is the one reported */
	fails("opflow 1\nactivity a remaining=0 actual-start=2 actual-finish=2\n"
	      "activity a\n", 3, 10, "already exists");
}
END_TEST

/* Text of n activities t0 .. t(n-1) on lines 2 .. n + 1: every third
 * without tracking fields, the others with actual-start=i and
 * remaining=(i % 5), and t(bad) with remaining=-1 when bad < n. */
static size_t tracked_text(char *buf, unsigned n, unsigned bad)
{
	size_t len = (size_t)sprintf(buf, "opflow 1\n");

	for (unsigned i = 0; i < n; i++) {
		if (i == bad)
			len += (size_t)sprintf(buf + len, "activity t%u "
			                       "remaining=-1\n", i);
		else if (i % 3 == 0)
			len += (size_t)sprintf(buf + len, "activity t%u\n", i);
		else
			len += (size_t)sprintf(buf + len, "activity t%u "
			                       "remaining=%u actual-start=%u\n",
			                       i, i % 5, i);
	}
	return len;
}

START_TEST(tracking_among_many)
{
	char *buf = malloc(1 << 20);
	opflow_graph *g;
	size_t len;

	ck_assert_ptr_nonnull(buf);
	/* 1000 activities, read a few hundred at a time: each gets its own
	 * fields */
	tracked_text(buf, 1000, 1000);
	g = load_ok(buf);
	ck_assert_uint_eq(opflow_graph_activity_count(g), 1000);
	for (unsigned i = 0; i < 1000; i++) {
		const double v[7] = { i, 0, i % 5 };

		tracking_is(g, i, i % 3 == 0 ? 0 : 1 | 4, v);
	}
	opflow_graph_free(g);
	/* t700 (line 702) has remaining=-1, at column 25 ("activity t700 "
	 * is 14 bytes, "remaining=" 10 more); whatever follows it, its error
	 * is the one reported */
	tracked_text(buf, 1000, 700);
	fails(buf, 702, 25, "remaining duration -1 of activity t700 is "
	      "negative");
	/* followed by a key declared twice, by a bad line, by a flow, by a
	 * department statement */
	len = tracked_text(buf, 710, 700);
	strcpy(buf + len, "activity t3\n");
	fails(buf, 702, 25, "activity t700 is negative");
	strcpy(buf + len, "activity x ~\n");
	fails(buf, 702, 25, "activity t700 is negative");
	strcpy(buf + len, "flow t1 t2\n");
	fails(buf, 702, 25, "activity t700 is negative");
	strcpy(buf + len, "department d\n");
	fails(buf, 702, 25, "activity t700 is negative");
	/* early in a run of activities long enough to be added before the
	 * text ends: t5, line 7, column 23 ("activity t5 " is 12 bytes) */
	tracked_text(buf, 1000, 5);
	fails(buf, 7, 23, "activity t5 is negative");
	/* an earlier key declared twice comes first */
	tracked_text(buf, 710, 700);
	memcpy(strstr(buf, "activity t600\n"), "activity t599\n", 14);
	fails(buf, 602, 10, "activity t599 already exists");
	free(buf);
}
END_TEST

/* An allocator that fails its call number fail_at (0 the first), and
 * counts the blocks it handed out and are not yet freed. */
static struct {
	long calls, fail_at;
	long live;
} hook;

static int hook_fails(void)
{
	return hook.calls++ == hook.fail_at;
}

static void *hook_malloc(size_t size, void *ctx)
{
	void *p = hook_fails() ? NULL : malloc(size);

	(void)ctx;
	hook.live += p != NULL;
	return p;
}

static void *hook_realloc(void *ptr, size_t size, void *ctx)
{
	void *p = hook_fails() ? NULL : realloc(ptr, size);

	(void)ctx;
	hook.live += p && !ptr;
	return p;
}

static void hook_free(void *ptr, void *ctx)
{
	(void)ctx;
	hook.live -= ptr != NULL;
	free(ptr);
}

START_TEST(tracking_load_out_of_memory)
{
	/* Loading tracked activities, 600 of them (the reader adds them a
	 * few hundred at a time), with the nth allocation failing for n =
	 * 0, 1, 2, ...: OPFLOW_ENOMEM, no graph, nothing left allocated,
	 * until the load goes through with every field. */
	char *buf = malloc(1 << 16);
	int rc = OPFLOW_ENOMEM;
	long n;

	ck_assert_ptr_nonnull(buf);
	tracked_text(buf, 600, 600);
	opflow_error_clear();
	for (n = 0; rc == OPFLOW_ENOMEM && n < 100000; n++) {
		opflow_graph *g = (opflow_graph *)&g, *sentinel = g;

		hook.calls = hook.live = 0;
		hook.fail_at = n;
		ck_assert_int_eq(opflow_set_allocator(hook_malloc, hook_realloc,
		                                      hook_free, NULL), 0);
		rc = opflow_graph_load_buffer(&g, buf, strlen(buf));
		if (rc == 0) {
			/* past the last allocation: nothing failed */
			ck_assert(hook.calls <= n);
			for (unsigned i = 0; i < 600; i++) {
				const double v[7] = { i, 0, i % 5 };

				tracking_is(g, i, i % 3 == 0 ? 0 : 1 | 4, v);
			}
			opflow_graph_free(g);
		} else {
			ck_assert_int_eq(rc, OPFLOW_ENOMEM);
			ck_assert_int_eq(opflow_error_code(), OPFLOW_ENOMEM);
			ck_assert_ptr_eq(g, sentinel);
		}
		ck_assert_int_eq(hook.live, 0);
		ck_assert_int_eq(opflow_set_allocator(NULL, NULL, NULL, NULL),
		                 0);
	}
	ck_assert_int_eq(rc, 0);
	ck_assert(n > 5);
	free(buf);
}
END_TEST

/* ------------------------------------------------------ calendars, dates */

/* The instant of a civil date and time, by the C library's timegm() (no
 * zone, no daylight saving: what the library's instants are). */
static int64_t civil(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	return (int64_t)timegm(&tm);
}

static opflow_id add_calendar(opflow_graph *g, const char *key,
                              const char *spec)
{
	opflow_id c;

	ck_assert_msg(opflow_graph_add_calendar(&c, g, key, spec) == 0,
	              "calendar %s: %s", key, opflow_error_message());
	return c;
}

/* The calendar of key in g, or OPFLOW_NONE for NULL. */
static opflow_id cal_id(const opflow_graph *g, const char *key)
{
	opflow_id c;

	if (!key)
		return OPFLOW_NONE;
	ck_assert_int_eq(opflow_graph_find_calendar(&c, g, key), 0);
	return c;
}

/* Saves g as want, loads it back into an equal graph that saves as want
 * again; returns the graph read back. */
static opflow_graph *saves_as(const opflow_graph *g, const char *want)
{
	opflow_graph *back;
	char *text = save(g), *again;

	ck_assert_str_eq(text, want);
	back = load_ok(text);
	ck_assert_int_eq(opflow_graph_equal(g, back), 1);
	again = save(back);
	ck_assert_str_eq(again, want);
	opflow_free(again);
	opflow_free(text);
	return back;
}

static void start_is(const opflow_graph *g, int dated, int64_t start,
                     int64_t unit)
{
	int is_dated = -1;
	int64_t s = -1, u = -1;

	ck_assert_int_eq(opflow_graph_start(&is_dated, &s, g), 0);
	ck_assert_int_eq(is_dated, dated);
	ck_assert(s == start);
	ck_assert_int_eq(opflow_graph_unit(&u, g), 0);
	ck_assert(u == unit);
}

/* The calendars of g, in id order, are keys[i] with specs[i] (the
 * canonical form), n of them. */
static void calendars_are(const opflow_graph *g, const char *const *keys,
                          const char *const *specs, size_t n)
{
	ck_assert_uint_eq(opflow_graph_calendar_count(g), n);
	for (size_t i = 0; i < n; i++) {
		const char *key;
		char *spec;

		ck_assert_int_eq(opflow_graph_calendar_key(&key, g,
		                 (opflow_id)i), 0);
		ck_assert_str_eq(key, keys[i]);
		ck_assert_int_eq(opflow_graph_calendar_spec(&spec, NULL, g,
		                 (opflow_id)i), 0);
		ck_assert_str_eq(spec, specs[i]);
		opflow_free(spec);
	}
}

static void activity_calendar_is(const opflow_graph *g, const char *act,
                                 const char *cal)
{
	opflow_id c;

	ck_assert_int_eq(opflow_graph_activity_calendar(&c, g, find(g, act)), 0);
	ck_assert_msg(c == cal_id(g, cal), "activity %s: calendar %u", act,
	              (unsigned)c);
}

static void department_calendar_is(const opflow_graph *g, const char *dept,
                                   const char *cal)
{
	opflow_id d, c;

	ck_assert_int_eq(opflow_graph_find_department(&d, g, dept), 0);
	ck_assert_int_eq(opflow_graph_department_calendar(&c, g, d), 0);
	ck_assert_msg(c == cal_id(g, cal), "department %s: calendar %u", dept,
	              (unsigned)c);
}

static void default_calendar_is(const opflow_graph *g, const char *cal)
{
	opflow_id c;

	ck_assert_int_eq(opflow_graph_default_calendar(&c, g), 0);
	ck_assert_uint_eq(c, cal_id(g, cal));
}

static int elapsed_of(const opflow_graph *g, opflow_id flow)
{
	int e = -1;

	ck_assert_int_eq(opflow_graph_flow_elapsed(&e, g, flow), 0);
	return e;
}

START_TEST(calendars_round_trip)
{
	/* Three calendars given out of their canonical form: written in
	 * canonical form (weekdays Monday first, runs of days with the
	 * same intervals as ranges, days off left out, then exceptions by
	 * date), in id order after the start and the unit; the default
	 * calendar after them; calendar= after the department's name and
	 * after the activity's department; elapsed=true after the lag. */
	static const char expected[] =
		"opflow 1\n"
		"\n"
		"start 2026-12-21T06:00\n"
		"unit 60\n"
		"\n"
		"calendar two-shift \"mon-fri 06:00-14:00 14:00-22:00; "
		"sat 06:00-12:00; 2026-12-24..2026-12-26 off; "
		"2026-12-31 06:00-10:00\"\n"
		"calendar \"one shift\" \"mon-fri 06:00-14:00\"\n"
		"calendar short-week \"mon-tue 06:00-14:00; thu 06:00-14:00\"\n"
		"default-calendar two-shift\n"
		"\n"
		"department paint name=\"Paint shop\" calendar=\"one shift\"\n"
		"department weld\n"
		"department store calendar=short-week\n"
		"\n"
		"activity cut category=manufacturing department=weld "
		"duration=2\n"
		"activity paint-frame category=manufacturing department=paint "
		"calendar=two-shift duration=3\n"
		"activity cure label=\"Cure\" category=manufacturing "
		"calendar=\"one shift\" duration=12 actual-start=1\n"
		"activity pack category=packaging department=store duration=1\n"
		"\n"
		"flow cut paint-frame lag=2 elapsed=true\n"
		"flow paint-frame cure type=SS elapsed=true\n"
		"flow cure pack type=FF lag=1\n"
		"flow cut pack\n";
	/* with two-shift removed: no default, paint-frame's own gone, the
	 * others' ids one lower */
	static const char without[] =
		"opflow 1\n"
		"\n"
		"start 2026-12-21T06:00\n"
		"unit 60\n"
		"\n"
		"calendar \"one shift\" \"mon-fri 06:00-14:00\"\n"
		"calendar short-week \"mon-tue 06:00-14:00; thu 06:00-14:00\"\n"
		"\n"
		"department paint name=\"Paint shop\" calendar=\"one shift\"\n"
		"department weld\n"
		"department store calendar=short-week\n"
		"\n"
		"activity cut category=manufacturing department=weld "
		"duration=2\n"
		"activity paint-frame category=manufacturing department=paint "
		"duration=3\n"
		"activity cure label=\"Cure\" category=manufacturing "
		"calendar=\"one shift\" duration=12 actual-start=1\n"
		"activity pack category=packaging department=store duration=1\n"
		"\n"
		"flow cut paint-frame lag=2 elapsed=true\n"
		"flow paint-frame cure type=SS elapsed=true\n"
		"flow cure pack type=FF lag=1\n"
		"flow cut pack\n";
	static const char *const keys[] = { "two-shift", "one shift",
	                                    "short-week" };
	static const char *const specs[] = {
		"mon-fri 06:00-14:00 14:00-22:00; sat 06:00-12:00; "
		"2026-12-24..2026-12-26 off; 2026-12-31 06:00-10:00",
		"mon-fri 06:00-14:00",
		"mon-tue 06:00-14:00; thu 06:00-14:00"
	};
	opflow_graph *g, *back;
	opflow_id two, one, shortw, d, cut, paint, cure, pack, f;

	ck_assert_int_eq(opflow_graph_new(&g), 0);
	ck_assert_int_eq(opflow_graph_set_start(g, civil(2026, 12, 21, 6, 0, 0)),
	                 0);
	ck_assert_int_eq(opflow_graph_set_unit(g, 60), 0);
	two = add_calendar(g, "two-shift", "sat 06:00-12:00; "
	                   "mon-thu 06:00-14:00 14:00-22:00; "
	                   "fri 06:00-14:00 14:00-22:00; sun off; "
	                   "2026-12-31 06:00-10:00; 2026-12-24..2026-12-26 off");
	one = add_calendar(g, "one shift", "mon 06:00-14:00; wed 06:00-14:00;"
	                   "tue 06:00-14:00;thu-fri 06:00-14:00");
	shortw = add_calendar(g, "short-week", "thu 06:00-14:00; "
	                      "tue 06:00-14:00; mon 06:00-14:00");
	ck_assert_int_eq(opflow_graph_set_default_calendar(g, two), 0);
	ck_assert_int_eq(opflow_graph_intern_department(&d, g, "paint"), 0);
	ck_assert_int_eq(opflow_graph_set_department_name(g, d, "Paint shop"),
	                 0);
	ck_assert_int_eq(opflow_graph_set_department_calendar(g, d, one), 0);
	ck_assert_int_eq(opflow_graph_intern_department(&d, g, "weld"), 0);
	/* set and cleared again: nothing to write */
	ck_assert_int_eq(opflow_graph_set_department_calendar(g, d, one), 0);
	ck_assert_int_eq(opflow_graph_set_department_calendar(g, d,
	                 OPFLOW_NONE), 0);
	ck_assert_int_eq(opflow_graph_intern_department(&d, g, "store"), 0);
	ck_assert_int_eq(opflow_graph_set_department_calendar(g, d, shortw), 0);
	ck_assert_int_eq(opflow_graph_add_activity(&cut, g, "cut",
	                 OPFLOW_CATEGORY_MANUFACTURING), 0);
	ck_assert_int_eq(opflow_graph_set_activity_department(g, cut, "weld"),
	                 0);
	ck_assert_int_eq(opflow_graph_set_activity_duration(g, cut, 2), 0);
	ck_assert_int_eq(opflow_graph_add_activity(&paint, g, "paint-frame",
	                 OPFLOW_CATEGORY_MANUFACTURING), 0);
	ck_assert_int_eq(opflow_graph_set_activity_department(g, paint,
	                 "paint"), 0);
	ck_assert_int_eq(opflow_graph_set_activity_duration(g, paint, 3), 0);
	ck_assert_int_eq(opflow_graph_set_activity_calendar(g, paint, two), 0);
	ck_assert_int_eq(opflow_graph_add_activity(&cure, g, "cure",
	                 OPFLOW_CATEGORY_MANUFACTURING), 0);
	ck_assert_int_eq(opflow_graph_set_activity_label(g, cure, "Cure"), 0);
	ck_assert_int_eq(opflow_graph_set_activity_duration(g, cure, 12), 0);
	ck_assert_int_eq(opflow_graph_set_activity_tracking(g, cure,
	                 OPFLOW_TRACK_ACTUAL_START, 1), 0);
	ck_assert_int_eq(opflow_graph_set_activity_calendar(g, cure, one), 0);
	ck_assert_int_eq(opflow_graph_add_activity(&pack, g, "pack",
	                 OPFLOW_CATEGORY_PACKAGING), 0);
	ck_assert_int_eq(opflow_graph_set_activity_department(g, pack, "store"),
	                 0);
	ck_assert_int_eq(opflow_graph_set_activity_duration(g, pack, 1), 0);
	ck_assert_int_eq(opflow_graph_add_flow(&f, g, cut, paint, OPFLOW_FLOW_FS,
	                 2), 0);
	ck_assert_int_eq(opflow_graph_set_flow_elapsed(g, f, 1), 0);
	ck_assert_int_eq(opflow_graph_add_flow(&f, g, paint, cure,
	                 OPFLOW_FLOW_SS, 0), 0);
	ck_assert_int_eq(opflow_graph_set_flow_elapsed(g, f, 1), 0);
	ck_assert_int_eq(opflow_graph_add_flow(&f, g, cure, pack, OPFLOW_FLOW_FF,
	                 1), 0);
	ck_assert_int_eq(opflow_graph_add_flow(&f, g, cut, pack, OPFLOW_FLOW_FS,
	                 0), 0);
	ck_assert_int_eq(opflow_graph_set_flow_elapsed(g, f, 1), 0);
	ck_assert_int_eq(opflow_graph_set_flow_elapsed(g, f, 0), 0);

	back = saves_as(g, expected);
	/* read back item by item, not only through opflow_graph_equal */
	start_is(back, 1, civil(2026, 12, 21, 6, 0, 0), 60);
	calendars_are(back, keys, specs, 3);
	default_calendar_is(back, "two-shift");
	department_calendar_is(back, "paint", "one shift");
	department_calendar_is(back, "weld", NULL);
	department_calendar_is(back, "store", "short-week");
	activity_calendar_is(back, "cut", NULL);
	activity_calendar_is(back, "paint-frame", "two-shift");
	activity_calendar_is(back, "cure", "one shift");
	activity_calendar_is(back, "pack", NULL);
	ck_assert_int_eq(elapsed_of(back, 0), 1);
	ck_assert_int_eq(elapsed_of(back, 1), 1);
	ck_assert_int_eq(elapsed_of(back, 2), 0);
	ck_assert_int_eq(elapsed_of(back, 3), 0);
	opflow_graph_free(back);
	/* the hand-written text reads as the same graph too */
	back = load_ok(expected);
	ck_assert_int_eq(opflow_graph_equal(g, back), 1);
	opflow_graph_free(back);

	/* another calendar, an elapsed flow, a start or a unit is another
	 * graph */
	{
		static const char *const edits[][2] = {
			{ "calendar=short-week", "calendar=\"one shift\"" },
			{ "default-calendar two-shift", "default-calendar short-week" },
			{ "lag=1\n", "lag=1 elapsed=true\n" },
			{ "start 2026-12-21T06:00", "start 2026-12-21T06:01" },
			{ "unit 60", "unit 61" },
			{ "thu 06:00-14:00\"", "fri 06:00-14:00\"" },
		};

		for (size_t i = 0; i < sizeof edits / sizeof *edits; i++) {
			char *other = malloc(sizeof expected + 64), *at;
			size_t n0 = strlen(edits[i][0]);

			ck_assert_ptr_nonnull(other);
			at = strstr(expected, edits[i][0]);
			ck_assert_ptr_nonnull(at);
			memcpy(other, expected, (size_t)(at - expected));
			strcpy(other + (at - expected), edits[i][1]);
			strcat(other, at + n0);
			back = load_ok(other);
			ck_assert_msg(opflow_graph_equal(g, back) == 0,
			              "edit %zu reads as the same graph", i);
			opflow_graph_free(back);
			free(other);
		}
	}

	ck_assert_int_eq(opflow_graph_remove_calendar(g, two), 0);
	back = saves_as(g, without);
	default_calendar_is(back, NULL);
	activity_calendar_is(back, "paint-frame", NULL);
	activity_calendar_is(back, "cure", "one shift");
	department_calendar_is(back, "store", "short-week");
	opflow_graph_free(back);
	opflow_graph_free(g);
}
END_TEST

START_TEST(dated_graph_and_unit)
{
	/* The start written only for a dated graph, at the minute, with
	 * seconds when it has some; the unit only when not 3600, dated or
	 * not. */
	static const struct {
		int dated;
		int64_t start, unit;
		const char *text;
	} cases[] = {
		{ 0, 0, 3600, "opflow 1\n" },
		{ 0, 0, 60, "opflow 1\n\nunit 60\n" },
		{ 0, 0, 1, "opflow 1\n\nunit 1\n" },
		/* a year of 366 days, the longest unit */
		{ 0, 0, 366 * 86400, "opflow 1\n\nunit 31622400\n" },
		{ 1, 0, 3600, "opflow 1\n\nstart 1970-01-01T00:00\n" },
		/* 0001-01-01 is 719162 days before 1970-01-01, 9999-12-31
		 * 2932896 days after it */
		{ 1, -719162LL * 86400, 3600, "opflow 1\n\nstart 0001-01-01T00:00\n" },
		{ 1, 2932896LL * 86400 + 86399, 28800,
		  "opflow 1\n\nstart 9999-12-31T23:59:59\nunit 28800\n" },
		{ 1, -1, 3600, "opflow 1\n\nstart 1969-12-31T23:59:59\n" },
	};
	opflow_graph *g, *back;
	opflow_id id;

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		ck_assert_int_eq(opflow_graph_new(&g), 0);
		if (cases[i].dated)
			ck_assert_int_eq(opflow_graph_set_start(g,
			                 cases[i].start), 0);
		ck_assert_int_eq(opflow_graph_set_unit(g, cases[i].unit), 0);
		back = saves_as(g, cases[i].text);
		start_is(back, cases[i].dated, cases[i].start, cases[i].unit);
		opflow_graph_free(back);
		opflow_graph_free(g);
	}
	/* the start with seconds and activities; cleared, not written */
	ck_assert_int_eq(opflow_graph_new(&g), 0);
	ck_assert_int_eq(opflow_graph_set_start(g, civil(2026, 12, 21, 6, 0,
	                                                 30)), 0);
	ck_assert_int_eq(opflow_graph_add_activity(&id, g, "a",
	                 OPFLOW_CATEGORY_OTHER), 0);
	back = saves_as(g, "opflow 1\n\nstart 2026-12-21T06:00:30\n\n"
	                "activity a category=other\n");
	start_is(back, 1, civil(2026, 12, 21, 6, 0, 30), 3600);
	opflow_graph_free(back);
	ck_assert_int_eq(opflow_graph_clear_start(g), 0);
	back = saves_as(g, "opflow 1\n\nactivity a category=other\n");
	start_is(back, 0, 0, 3600);
	opflow_graph_free(back);
	opflow_graph_free(g);
}
END_TEST

START_TEST(calendar_reading_forms)
{
	/* The statements in any order but for a calendar above its uses;
	 * keys bare or quoted; the start in each ISO 8601 form, quoted when
	 * it holds a space; the unit with leading zeros; elapsed=false as
	 * good as nothing; comments; read back in canonical form. */
	static const char *const text =
		"opflow 1\n"
		"activity a duration=1 # before any calendar\n"
		"unit 0060 # a minute\n"
		"calendar \"one shift\" \"mon-fri\\t06:00-14:00\" # a tab\n"
		"department d calendar=%s\n"
		"activity b department=d calendar=\"one\\x20shift\"\n"
		"calendar nights \"tue-fri 00:00-06:00 22:00-24:00; "
		"mon 22:00-24:00; sat 00:00-06:00\"\n"
		"activity c calendar=nights estimate=1/2/3\n"
		"start \"2026-12-21 06:00\"\n"
		"default-calendar \"one shift\"\n"
		"department e calendar=nights name=\"E\"\n"
		"flow a b elapsed=false\n"
		"flow \"a\" \"c\" type=SS elapsed=true lag=1.5\n"
		"flow b c elapsed=true\n";
	static const char canonical[] =
		"opflow 1\n"
		"\n"
		"start 2026-12-21T06:00\n"
		"unit 60\n"
		"\n"
		"calendar \"one shift\" \"mon-fri 06:00-14:00\"\n"
		"calendar nights \"mon 22:00-24:00; tue-fri 00:00-06:00 "
		"22:00-24:00; sat 00:00-06:00\"\n"
		"default-calendar \"one shift\"\n"
		"\n"
		"department d calendar=\"one shift\"\n"
		"department e name=\"E\" calendar=nights\n"
		"\n"
		"activity a category=other duration=1\n"
		"activity b category=other department=d "
		"calendar=\"one shift\"\n"
		"activity c category=other calendar=nights estimate=1/2/3\n"
		"\n"
		"flow a b\n"
		"flow a c type=SS lag=1.5 elapsed=true\n"
		"flow b c elapsed=true\n";
	char buf[2048];
	opflow_graph *g, *back;
	char *saved;

	/* a key with a blank is quoted: one\ shift is no key, the
	 * backslash at 26 ("department d " 13 bytes, "calendar=one" 12)
	 * follows the word one */
	snprintf(buf, sizeof buf, text, "one\\ shift");
	fails(buf, 5, 26, "unexpected character");
	snprintf(buf, sizeof buf, text, "\"one shift\"");
	g = load_ok(buf);
	start_is(g, 1, civil(2026, 12, 21, 6, 0, 0), 60);
	default_calendar_is(g, "one shift");
	department_calendar_is(g, "d", "one shift");
	department_calendar_is(g, "e", "nights");
	activity_calendar_is(g, "a", NULL);
	activity_calendar_is(g, "b", "one shift");
	activity_calendar_is(g, "c", "nights");
	ck_assert_int_eq(elapsed_of(g, 0), 0);
	ck_assert_int_eq(elapsed_of(g, 1), 1);
	ck_assert_int_eq(elapsed_of(g, 2), 1);
	saved = save(g);
	ck_assert_str_eq(saved, canonical);
	back = load_ok(canonical);
	ck_assert_int_eq(opflow_graph_equal(g, back), 1);
	opflow_graph_free(back);
	opflow_free(saved);
	opflow_graph_free(g);

	/* the other forms of the start */
	{
		static const struct {
			const char *text;
			int64_t start;
		} starts[] = {
			{ "start 2026-12-21", 0 },
			{ "start 2026-12-21T06:30", 6 * 3600 + 30 * 60 },
			{ "start 2026-12-21T06:30:15", 6 * 3600 + 30 * 60 + 15 },
			{ "start \"2026-12-21 06:30:15\"", 6 * 3600 + 30 * 60 + 15 },
			{ "start 2026-12-21T23:59:59", 86399 },
			{ "start \"2026-12-21\"", 0 },
		};

		for (size_t i = 0; i < sizeof starts / sizeof *starts; i++) {
			snprintf(buf, sizeof buf, "opflow 1\n%s\n",
			         starts[i].text);
			g = load_ok(buf);
			start_is(g, 1, civil(2026, 12, 21, 0, 0, 0) +
			         starts[i].start, 3600);
			opflow_graph_free(g);
		}
	}
}
END_TEST

/* Loading "opflow 1\ncalendar c SPEC\n" fails at 2:12 with the message
 * opflow_graph_add_calendar gives for the spec. */
static void spec_fails(const char *spec)
{
	opflow_graph *g;
	opflow_id c;
	char text[512], want[4096];

	ck_assert_int_eq(opflow_graph_new(&g), 0);
	ck_assert_int_eq(opflow_graph_add_calendar(&c, g, "c", spec),
	                 OPFLOW_EINVAL);
	snprintf(want, sizeof want, "%s", opflow_error_message());
	opflow_graph_free(g);
	snprintf(text, sizeof text, "opflow 1\ncalendar c \"%s\"\n", spec);
	fails(text, 2, 12, "calendar c");
	ck_assert_msg(strstr(opflow_error_message(), want) != NULL,
	              "'%s' lacks the library's '%s'", opflow_error_message(),
	              want);
}

START_TEST(calendar_errors)
{
	static const char cal[] = "opflow 1\ncalendar c \"mon 06:00-14:00\"\n";
	char buf[512];

	/* an unknown calendar at its value: "activity a " is 11 bytes and
	 * "calendar=" 9, "department d " 13, "default-calendar " 17 */
	fails("opflow 1\nactivity a calendar=x\n", 2, 21,
	      "unknown calendar x");
	fails("opflow 1\ndepartment d calendar=x\n", 2, 23,
	      "unknown calendar x");
	fails("opflow 1\ndefault-calendar x\n", 2, 18, "unknown calendar x");
	fails("opflow 1\nactivity a calendar=\"x y\"\n", 2, 21,
	      "unknown calendar \"x y\"");
	/* declared below its use */
	fails("opflow 1\nactivity a calendar=c\ncalendar c \"mon 06:00-14:00\"\n",
	      2, 21, "unknown calendar c");
	fails("opflow 1\ndefault-calendar c\ncalendar c \"mon 06:00-14:00\"\n",
	      2, 18, "unknown calendar c");
	/* a bad spec at its opening quote ("calendar c " is 11 bytes), with
	 * the library's message naming the clause */
	spec_fails("mon-fri 25:00-26:00");
	spec_fails("mon 12:60-13:00");
	spec_fails("mon 06:00-07:00; mon 08:00-09:00");
	spec_fails("mon-fri 06:00-14:00; fri 14:00-22:00");
	spec_fails("sat off");
	spec_fails("");
	spec_fails("mon 08:00-12:00 11:00-13:00");
	spec_fails("mon 12:00-08:00");
	spec_fails("mon 10:00-12:00 08:00-09:00");
	spec_fails("fri-mon 06:00-14:00");
	spec_fails("mon 06:00-14:00; 2026-12-26..2026-12-24 off");
	spec_fails("mon 06:00-14:00; 2026-12-24 off; "
	           "2026-12-20..2026-12-26 off");
	spec_fails("mon 06:00-14:00; 2026-02-29 off");
	spec_fails("monday 06:00-14:00");
	fails("opflow 1\ncalendar c \"mon-fri 25:00-26:00\"\n", 2, 12,
	      "25:00-26:00");
	fails("opflow 1\ncalendar c \"mon 06:00-07:00; mon 08:00-09:00\"\n",
	      2, 12, "mon is named twice");
	/* a key declared twice, bare or quoted, at the second key */
	snprintf(buf, sizeof buf, "%scalendar c \"tue 06:00-14:00\"\n", cal);
	fails(buf, 3, 10, "calendar c is declared twice");
	snprintf(buf, sizeof buf, "%scalendar \"c\" \"mon 06:00-14:00\"\n",
	         cal);
	fails(buf, 3, 10, "calendar c is declared twice");
	/* the statement itself */
	fails("opflow 1\ncalendar\n", 2, 9, "expected a calendar key");
	fails("opflow 1\ncalendar \"\" \"mon 06:00-14:00\"\n", 2, 10,
	      "calendar key is empty");
	fails("opflow 1\ncalendar \"\\xff\" \"mon 06:00-14:00\"\n", 2, 10,
	      "UTF-8");
	fails("opflow 1\ncalendar c\n", 2, 11, "found the end of the line");
	fails("opflow 1\ncalendar c mon\n", 2, 12, "a quoted string");
	fails("opflow 1\ncalendar c x=\"mon 06:00-14:00\"\n", 2, 12,
	      "a quoted string");
	/* "calendar c " 11 bytes, the spec 17 (12..28), a blank, x at 30 */
	fails("opflow 1\ncalendar c \"mon 06:00-14:00\" x\n", 2, 30,
	      "expected the end of the line");
	fails("opflow 1\nCalendar c \"mon 06:00-14:00\"\n", 2, 1,
	      "unknown statement Calendar");
	fails("opflow 1\nholiday 2026-12-24\n", 2, 1,
	      "expected activity, flow, department, calendar, "
	      "default-calendar, start or unit");
	/* calendar= twice: "activity a calendar=c " is 22 bytes,
	 * "department d calendar=c " 24 */
	snprintf(buf, sizeof buf, "%sactivity a calendar=c calendar=c\n", cal);
	fails(buf, 3, 23, "calendar= given twice");
	snprintf(buf, sizeof buf, "%sdepartment d calendar=c calendar=c\n",
	         cal);
	fails(buf, 3, 25, "calendar= given twice");
	snprintf(buf, sizeof buf, "%sdepartment d calendar=c size=3\n", cal);
	fails(buf, 3, 25, "expected name= or calendar=");
	/* default-calendar */
	snprintf(buf, sizeof buf, "%sdefault-calendar c\ndefault-calendar c\n",
	         cal);
	fails(buf, 4, 1, "default-calendar is given twice");
	fails("opflow 1\ndefault-calendar\n", 2, 17, "expected a calendar key");
	snprintf(buf, sizeof buf, "%sdefault-calendar c x\n", cal);
	fails(buf, 3, 20, "expected the end of the line");

	/* the start: "start " is 6 bytes */
	fails("opflow 1\nstart 2026-13-01\n", 2, 7,
	      "2026-13-01 is not an instant");
	fails("opflow 1\nstart 2026-02-29\n", 2, 7, "is not an instant");
	fails("opflow 1\nstart 2026-12-21T24:00\n", 2, 7, "is not an instant");
	fails("opflow 1\nstart 2026-12-21T06\n", 2, 7, "is not an instant");
	fails("opflow 1\nstart 2026-12-21T06:00:60\n", 2, 7,
	      "is not an instant");
	fails("opflow 1\nstart 0000-12-31\n", 2, 7, "is not an instant");
	fails("opflow 1\nstart 12/21/2026\n", 2, 7, "is not an instant");
	fails("opflow 1\nstart \"2026-12-21  06:00\"\n", 2, 7,
	      "is not an instant");
	fails("opflow 1\nstart\n", 2, 6, "expected the project start");
	fails("opflow 1\nstart at=2026-12-21\n", 2, 7,
	      "expected the project start");
	/* unquoted, a blank ends the instant: the time is one token too
	 * many, at 18 */
	fails("opflow 1\nstart 2026-12-21 06:00\n", 2, 18,
	      "expected the end of the line");
	fails("opflow 1\nstart 2026-12-21\nstart 2026-12-21\n", 3, 1,
	      "start is given twice");

	/* the unit: "unit " is 5 bytes */
	fails("opflow 1\nunit 0\n", 2, 6, "not 0");
	fails("opflow 1\nunit 000\n", 2, 6, "not 0");
	fails("opflow 1\nunit 31622401\n", 2, 6, "not 31622401");
	fails("opflow 1\nunit 1.5\n", 2, 6, "whole number of seconds");
	fails("opflow 1\nunit 60.0\n", 2, 6, "whole number of seconds");
	fails("opflow 1\nunit 36e2\n", 2, 6, "whole number of seconds");
	fails("opflow 1\nunit -60\n", 2, 6, "whole number of seconds");
	fails("opflow 1\nunit +60\n", 2, 6, "whole number of seconds");
	fails("opflow 1\nunit h\n", 2, 6, "whole number of seconds");
	fails("opflow 1\nunit \"60\"\n", 2, 6, "not a quoted string");
	fails("opflow 1\nunit s=60\n", 2, 6, "found the attribute s=");
	fails("opflow 1\nunit 123456789012345678901234567890\n", 2, 6,
	      "too large");
	fails("opflow 1\nunit\n", 2, 5, "found the end of the line");
	fails("opflow 1\nunit 60 s\n", 2, 9, "expected the end of the line");
	fails("opflow 1\nunit 60\nunit 60\n", 3, 1, "unit is given twice");

	/* elapsed=: "flow a b " is 9 bytes, "elapsed=" 8 */
	fails("opflow 1\nactivity a\nactivity b\nflow a b elapsed=maybe\n", 4,
	      18, "expected true or false for elapsed, found maybe");
	fails("opflow 1\nactivity a\nactivity b\nflow a b elapsed=1\n", 4,
	      18, "expected true or false for elapsed");
	fails("opflow 1\nactivity a\nactivity b\nflow a b elapsed=\"true\"\n",
	      4, 18, "expected true or false for elapsed");
	fails("opflow 1\nactivity a\nactivity b\nflow \"a\" b elapsed=no\n",
	      4, 20, "expected true or false for elapsed");
	/* "elapsed=true " takes 10..22 */
	fails("opflow 1\nactivity a\nactivity b\n"
	      "flow a b elapsed=true elapsed=true\n", 4, 23,
	      "elapsed= given twice");
	fails("opflow 1\nactivity a\nactivity b\nflow a b elapse=true\n", 4,
	      10, "expected type=, lag= or elapsed=");

	/* the first error of the text comes first: the key declared twice
	 * on line 3 before the unknown calendar, the bad spec, the bad
	 * start of line 4 */
	fails("opflow 1\nactivity a\nactivity a\nactivity b calendar=x\n", 3,
	      10, "already exists");
	fails("opflow 1\nactivity a\nactivity a\ncalendar c \"sat off\"\n", 3,
	      10, "already exists");
	fails("opflow 1\nactivity a\nactivity a\nstart 2026\n", 3, 10,
	      "already exists");
	fails("opflow 1\nactivity a\nflow a b elapsed=true\nunit 0\n", 3, 8,
	      "unknown activity b");
}
END_TEST

/* Text of the lines of head (none in the line numbers below), three
 * calendars c0 .. c2 (lines 2 to 4), n activities t0 ..
 * t(n-1) (lines 5 to n + 4), t(i) on calendar c(i % 3) but every fourth,
 * and t(bad) on the unknown calendar nope when bad < n; then flows from
 * t(i) to t(i + 1), elapsed for every fifth, those of every seventh
 * with quoted keys. */
static size_t calendar_text(char *buf, unsigned n, unsigned bad,
                            const char *head)
{
	size_t len = (size_t)sprintf(buf, "opflow 1\n%s"
	                             "calendar c0 \"mon-fri 06:00-14:00\"\n"
	                             "calendar c1 \"mon-sat 06:00-22:00\"\n"
	                             "calendar c2 \"mon-sun 00:00-24:00\"\n",
	                             head);

	for (unsigned i = 0; i < n; i++) {
		if (i == bad)
			len += (size_t)sprintf(buf + len, "activity t%u "
			                       "calendar=nope\n", i);
		else if (i % 4 == 0)
			len += (size_t)sprintf(buf + len, "activity t%u\n", i);
		else
			len += (size_t)sprintf(buf + len, "activity t%u "
			                       "calendar=c%u duration=1\n", i,
			                       i % 3);
	}
	for (unsigned i = 0; i + 1 < n; i++)
		len += (size_t)sprintf(buf + len, i % 7 ? "flow t%u t%u%s\n"
		                       : "flow \"t%u\" \"t%u\"%s\n", i, i + 1,
		                       i % 5 ? "" : " elapsed=true");
	return len;
}

/* What calendar_text(buf, n, n) holds, in g. */
static void calendar_text_is(const opflow_graph *g, unsigned n)
{
	ck_assert_uint_eq(opflow_graph_activity_count(g), n);
	ck_assert_uint_eq(opflow_graph_flow_count(g), n - 1);
	ck_assert_uint_eq(opflow_graph_calendar_count(g), 3);
	for (unsigned i = 0; i < n; i++) {
		opflow_id c;

		ck_assert_int_eq(opflow_graph_activity_calendar(&c, g, i), 0);
		ck_assert_uint_eq(c, i % 4 == 0 ? OPFLOW_NONE : i % 3);
	}
	for (unsigned i = 0; i + 1 < n; i++) {
		opflow_id s, t;

		ck_assert_int_eq(opflow_graph_flow(&s, &t, NULL, NULL, g, i), 0);
		ck_assert(s == i && t == i + 1);
		ck_assert_int_eq(elapsed_of(g, i), i % 5 == 0);
	}
}

START_TEST(calendars_among_many)
{
	char *buf = malloc(1 << 20);
	opflow_graph *g, *back;
	char *text;
	size_t len;

	ck_assert_ptr_nonnull(buf);
	/* 1000 activities and 999 flows, read a few hundred at a time, the
	 * flows of quoted keys one at a time: each gets its own calendar,
	 * each flow its own mark */
	calendar_text(buf, 1000, 1000, "");
	g = load_ok(buf);
	calendar_text_is(g, 1000);
	text = save(g);
	back = load_ok(text);
	ck_assert_int_eq(opflow_graph_equal(g, back), 1);
	calendar_text_is(back, 1000);
	opflow_graph_free(back);
	opflow_free(text);
	opflow_graph_free(g);
	/* t700 (line 705) has calendar=nope, at column 24 ("activity t700 "
	 * is 14 bytes, "calendar=" 9 more); whatever follows, its error is
	 * the one reported */
	calendar_text(buf, 1000, 700, "");
	fails(buf, 705, 24, "unknown calendar nope");
	/* an earlier key declared twice comes first */
	calendar_text(buf, 1000, 700, "");
	memcpy(strstr(buf, "activity t600\n"), "activity t599\n", 14);
	fails(buf, 605, 10, "activity t599 already exists");
	/* an error after many activities with calendars, then a bad line */
	len = calendar_text(buf, 700, 700, "");
	strcpy(buf + len, "flow t1 t3 elapsed=maybe\nactivity x ~\n");
	fails(buf, 4 + 700 + 699 + 1, 20, "expected true or false");
	free(buf);
}
END_TEST

/* A spec of the weekday clause "mon 06:00-14:00" and n exceptions, the
 * days from 2000-01-01 on, each of 48 intervals of a minute, one minute
 * apart: 15 + 588 n bytes ("; ", the date, 48 times " HH:MM-HH:MM"),
 * already in canonical form. */
static char *long_spec(unsigned n)
{
	char *spec = malloc(16 + (size_t)n * 588 + 1), *p;

	ck_assert_ptr_nonnull(spec);
	p = spec + sprintf(spec, "mon 06:00-14:00");
	for (unsigned i = 0; i < n; i++) {
		time_t t = (time_t)(civil(2000, 1, 1, 0, 0, 0) +
		                    (int64_t)i * 86400);
		struct tm tm;

		ck_assert_ptr_nonnull(gmtime_r(&t, &tm));
		p += sprintf(p, "; %04d-%02d-%02d", tm.tm_year + 1900,
		             tm.tm_mon + 1, tm.tm_mday);
		for (int k = 0; k < 48; k++)
			p += sprintf(p, " %02d:%02d-%02d:%02d", 2 * k / 60,
			             2 * k % 60, (2 * k + 1) / 60,
			             (2 * k + 1) % 60);
	}
	ck_assert_uint_eq((size_t)(p - spec), 15 + (size_t)n * 588);
	return spec;
}

START_TEST(calendar_line_limit)
{
	/* The statement of calendar big is "calendar big " (13 bytes), the
	 * spec in quotes (15 + 588 n + 2): 30 + 588 n bytes.  The reader
	 * takes lines of 4194304 bytes: n = 7133 makes 4194234, written and
	 * read back; n = 7134 makes 4194822, which the writer refuses
	 * rather than write a text that does not read back. */
	opflow_graph *g, *back;
	char *spec, *text = NULL;
	size_t len;

	spec = long_spec(7133);
	ck_assert_int_eq(opflow_graph_new(&g), 0);
	add_calendar(g, "big", spec);
	ck_assert_int_eq(opflow_graph_save_buffer(&text, &len, g), 0);
	ck_assert_uint_eq(len, strlen("opflow 1\n\n") + 30 + 588 * 7133 + 1);
	ck_assert(strncmp(text + 10, "calendar big \"mon 06:00-14:00; "
	                  "2000-01-01 00:00-00:01 00:02-00:03 ", 66) == 0);
	back = load_ok(text);
	ck_assert_int_eq(opflow_graph_equal(g, back), 1);
	opflow_graph_free(back);
	opflow_free(text);
	opflow_graph_free(g);
	free(spec);

	spec = long_spec(7134);
	ck_assert_int_eq(opflow_graph_new(&g), 0);
	add_calendar(g, "big", spec);
	text = (char *)&text;
	ck_assert_int_eq(opflow_graph_save_buffer(&text, &len, g),
	                 OPFLOW_ERANGE);
	ck_assert_ptr_eq(text, (char *)&text);
	ck_assert_ptr_nonnull(strstr(opflow_error_message(),
	                             "calendar big would be longer than"));
	opflow_graph_free(g);
	free(spec);
}
END_TEST

START_TEST(calendars_load_out_of_memory)
{
	/* Loading the calendars, the start, the unit, the default, the
	 * departments' and activities' calendars and elapsed flows, with
	 * the nth allocation failing for n = 0, 1, 2, ...: OPFLOW_ENOMEM,
	 * no graph, nothing left allocated, until the load goes through
	 * with everything. */
	char *buf = malloc(1 << 16);
	int rc = OPFLOW_ENOMEM;
	size_t len;
	long n;

	ck_assert_ptr_nonnull(buf);
	len = calendar_text(buf, 600, 600, "start 2026-12-21T06:00\n"
	                    "unit 60\n");
	strcpy(buf + len, "default-calendar c1\ndepartment d calendar=c2\n"
	       "activity u department=d\n");
	opflow_error_clear();
	for (n = 0; rc == OPFLOW_ENOMEM && n < 100000; n++) {
		opflow_graph *g = (opflow_graph *)&g, *sentinel = g;

		hook.calls = hook.live = 0;
		hook.fail_at = n;
		ck_assert_int_eq(opflow_set_allocator(hook_malloc, hook_realloc,
		                                      hook_free, NULL), 0);
		rc = opflow_graph_load_buffer(&g, buf, strlen(buf));
		if (rc == 0) {
			opflow_id d, c;

			/* past the last allocation: nothing failed */
			ck_assert(hook.calls <= n);
			start_is(g, 1, civil(2026, 12, 21, 6, 0, 0), 60);
			default_calendar_is(g, "c1");
			ck_assert_int_eq(opflow_graph_find_department(&d, g, "d"),
			                 0);
			ck_assert_int_eq(opflow_graph_department_calendar(&c, g,
			                 d), 0);
			ck_assert_uint_eq(c, 2);
			ck_assert_int_eq(opflow_graph_activity_calendar(&c, g,
			                 600), 0);
			ck_assert_uint_eq(c, OPFLOW_NONE);
			for (unsigned i = 0; i < 600; i++) {
				ck_assert_int_eq(opflow_graph_activity_calendar(&c,
				                 g, i), 0);
				ck_assert_uint_eq(c, i % 4 == 0 ? OPFLOW_NONE
				                  : i % 3);
			}
			for (unsigned i = 0; i + 1 < 600; i++)
				ck_assert_int_eq(elapsed_of(g, i), i % 5 == 0);
			opflow_graph_free(g);
		} else {
			ck_assert_int_eq(rc, OPFLOW_ENOMEM);
			ck_assert_int_eq(opflow_error_code(), OPFLOW_ENOMEM);
			ck_assert_ptr_eq(g, sentinel);
		}
		ck_assert_int_eq(hook.live, 0);
		ck_assert_int_eq(opflow_set_allocator(NULL, NULL, NULL, NULL),
		                 0);
	}
	ck_assert_int_eq(rc, 0);
	ck_assert(n > 5);
	free(buf);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("format");
	TCase *t = tcase_create("format");

	tcase_add_test(t, exact_text);
	tcase_add_test(t, round_trip_everything);
	tcase_add_test(t, reading_forms);
	tcase_add_test(t, empty_texts);
	tcase_add_test(t, errors_point_at_their_place);
	tcase_add_test(t, first_error_among_many);
	tcase_add_test(t, tracking_round_trip);
	tcase_add_test(t, tracking_attribute_order);
	tcase_add_test(t, tracking_errors);
	tcase_add_test(t, tracking_among_many);
	tcase_add_test(t, tracking_load_out_of_memory);
	tcase_add_test(t, calendars_round_trip);
	tcase_add_test(t, dated_graph_and_unit);
	tcase_add_test(t, calendar_reading_forms);
	tcase_add_test(t, calendar_errors);
	tcase_add_test(t, calendars_among_many);
	tcase_add_test(t, calendar_line_limit);
	tcase_add_test(t, calendars_load_out_of_memory);
	tcase_add_test(t, streams_and_paths);
	tcase_add_test(t, locale_independent);
	tcase_add_test(t, csv_export);
	tcase_add_test(t, json_export);
	tcase_add_test(t, dot_export);
	tcase_add_test(t, schedule_checks);
	tcase_add_test(t, cycle_is_a_finding);
	tcase_add_test(t, check_arguments_and_names);
	tcase_add_test(t, shortest_numbers);
	tcase_add_test(t, success_keeps_error_details);
	tcase_add_test(t, locale_per_thread);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *r = srunner_create(suite());
	int failed;

	srunner_run_all(r, CK_NORMAL);
	failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
