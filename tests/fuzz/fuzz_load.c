/*
 * fuzz_load.c - feeds arbitrary bytes to the .opflow reader, from a buffer
 * and from a stream, which must agree.  Whatever loads must save, load
 * back into an equal graph and save to the same text again, clone, check,
 * and go through every analysis, every accessor of its results and every
 * export without a crash, a leak or undefined behaviour.  Each input then
 * runs once more with one allocation failing (which one depends on the
 * input): every step must then succeed or report OPFLOW_ENOMEM, and free
 * everything all the same.
 * Built with libFuzzer (tests/fuzz/run.sh), or with tests/fuzz/replay.c
 * to replay a corpus in `make check`.
 */
#define _POSIX_C_SOURCE 200809L
#include <opflow.h>

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void failed(int line, const char *what)
{
	fprintf(stderr, "fuzz_load.c:%d: %s\n", line, what);
	abort();
}

#define must(condition) \
	((condition) ? (void)0 : failed(__LINE__, #condition))

/* ------------------------------------------------------------ allocator */

/* Blocks the library holds, allocations made, and the one that fails
 * (-1: none); the hook is installed once, at the first input. */
static long live, made, fail_at = -1;

static void *fz_malloc(size_t size, void *ctx)
{
	void *p;

	(void)ctx;
	if (made++ == fail_at)
		return NULL;
	if ((p = malloc(size)))
		live++;
	return p;
}

static void *fz_realloc(void *ptr, size_t size, void *ctx)
{
	void *p;

	(void)ctx;
	if (made++ == fail_at)
		return NULL;
	if ((p = realloc(ptr, size)) && !ptr)
		live++;
	return p;
}

static void fz_free(void *ptr, void *ctx)
{
	(void)ctx;
	if (ptr)
		live--;
	free(ptr);
}

/* -------------------------------------------------------------- helpers */

/* Inside a run with a failing allocation, a call may report running out
 * of memory, and the run stops there; any other failure is a bug. */
static int injecting;

#define OK(call) do { \
		int ok_rc_ = (call); \
		if (ok_rc_ == OPFLOW_ENOMEM && injecting) { \
			must(opflow_error_code() == OPFLOW_ENOMEM); \
			goto out; \
		} \
		must(ok_rc_ == 0); \
	} while (0)

static int same_double(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

struct paths {
	size_t n, calls;
	const opflow_analysis *a;
};

static int on_path(const opflow_id *ids, size_t length, void *payload)
{
	struct paths *p = payload;

	must(length > 0);
	for (size_t i = 0; i < length; i++) {
		int critical;

		must(ids[i] < p->n);
		must(opflow_analysis_criticality(&critical, NULL, p->a,
		                                 ids[i]) == 0 && critical);
	}
	p->calls++;
	return 0;
}

/* Every accessor of an analysis of g, each checked against the others;
 * 0, or OPFLOW_ENOMEM while an allocation fails. */
static int walk(const opflow_analysis *a, const opflow_graph *g,
                 double *column, opflow_id *ids)
{
	size_t n = opflow_analysis_activity_count(a), nd, len, count;
	struct paths paths = { n, 0, a };
	int more, rc;

	must(n == opflow_graph_activity_count(g));
	for (int c = OPFLOW_COLUMN_DURATION; c <= OPFLOW_COLUMN_STAGE; c++) {
		must(opflow_analysis_column(column, n, a, (opflow_column)c) == 0);
		for (opflow_id i = 0; i < n; i++) {
			double v[7];
			int critical, near;
			opflow_stage stage;

			must(opflow_analysis_duration(&v[0], a, i) == 0);
			must(opflow_analysis_schedule(&v[1], &v[2], &v[3], &v[4],
			                              a, i) == 0);
			must(opflow_analysis_floats(&v[5], &v[6], a, i) == 0);
			must(opflow_analysis_criticality(&critical, &near, a,
			                                 i) == 0);
			must(opflow_analysis_stage(&stage, a, i) == 0);
			if (c <= OPFLOW_COLUMN_FREE_FLOAT)
				must(same_double(column[i], v[c]) &&
				     isfinite(v[c]));
			else if (c == OPFLOW_COLUMN_CRITICAL)
				must(column[i] == critical);
			else if (c == OPFLOW_COLUMN_NEAR_CRITICAL)
				must(column[i] == near && (near || !critical));
			else
				must(column[i] == stage &&
				     opflow_stage_name(stage) != NULL);
		}
	}
	for (opflow_id i = 0; i < n; i++) {
		const char *k1, *k2;
		opflow_id flow, source;
		opflow_flow_type type;
		double lag;

		must(opflow_analysis_activity_key(&k1, a, i) == 0);
		must(opflow_graph_activity_key(&k2, g, i) == 0);
		must(strcmp(k1, k2) == 0);
		must(opflow_analysis_driving_flow(&flow, &source, &type, &lag,
		                                  a, i) == 0);
		must(flow == OPFLOW_NONE ||
		     (flow < opflow_graph_flow_count(g) && source < n &&
		      opflow_flow_type_name(type) != NULL && isfinite(lag)));
	}
	for (int f = OPFLOW_FIGURE_ACTIVITIES; f <= OPFLOW_FIGURE_PERT_PROBABILITY;
	     f++) {
		double v;
		int got = opflow_analysis_figure(&v, a, (opflow_figure)f);

		must(got == 0 || (got == OPFLOW_ENOTFOUND && v == 0));
		must(isfinite(v));
		must(f != OPFLOW_FIGURE_PERT_PROBABILITY || (v >= 0 && v <= 1));
	}
	len = 0;
	for (size_t c = 0; c < opflow_analysis_chain_count(a); c++) {
		size_t got;

		must(opflow_analysis_chain(&count, ids, n, a, c) == 0);
		must(count > 0 && count <= n);
		must(opflow_analysis_chain(&got, NULL, 0, a, c) == 0);
		must(got == count);
		len += count;
		/* a chain runs from a root of the forest down to a leaf */
		for (size_t i = 0; i < count; i++) {
			int critical;

			must(ids[i] < n);
			must(opflow_analysis_criticality(&critical, NULL, a,
			                                 ids[i]) == 0 && critical);
		}
	}
	must(n == 0 || len > 0);
	must(opflow_analysis_chain(&count, NULL, 0, a,
	     opflow_analysis_chain_count(a)) == OPFLOW_ENOTFOUND);
	rc = opflow_analysis_critical_paths(&count, &more, a, 8, on_path,
	                                    &paths);
	if (rc == OPFLOW_ENOMEM && injecting)
		return rc;
	must(rc == 0);
	must(count == paths.calls && count <= 8 && (n == 0 || count > 0));

	nd = opflow_analysis_department_count(a);
	must(nd == opflow_graph_department_count(g));
	for (size_t d = 0; d <= nd; d++) {
		opflow_id id = d == nd ? OPFLOW_NONE : (opflow_id)d;
		double v;

		if (id != OPFLOW_NONE) {
			const char *k1, *k2;

			must(opflow_analysis_department_key(&k1, a, id) == 0);
			must(opflow_graph_department_key(&k2, g, id) == 0);
			must(strcmp(k1, k2) == 0);
		}
		must(opflow_analysis_critical_time_by_department(&v, a, id) == 0);
		must(isfinite(v) && v >= 0);
	}
	for (int k = OPFLOW_KIND_PRODUCTION; k <= OPFLOW_KIND_OPERATION; k++) {
		double v;

		must(opflow_analysis_critical_time_by_kind(&v, a,
		     (opflow_kind)k) == 0);
		must(isfinite(v) && v >= 0);
	}
	for (size_t h = 0, prev = 0; h < opflow_analysis_handoff_count(a); h++) {
		opflow_id from, to;

		must(opflow_analysis_handoff(&from, &to, &count, a, h) == 0);
		must(from < nd && to < nd && count > 0);
		must(h == 0 || (size_t)from * nd + to > prev);
		prev = (size_t)from * nd + to;
	}
	return 0;
}

/* The exports of a, each a string of the length given. */
static int exports(const opflow_analysis *a, const opflow_graph *g)
{
	char *text;
	size_t len;
	int rc;

	if ((rc = opflow_analysis_write_json(&text, &len, a, g)))
		return rc;
	must(strlen(text) == len && len > 0 && text[0] == '{');
	opflow_free(text);
	if ((rc = opflow_analysis_write_csv(&text, &len, a, g)))
		return rc;
	must(strlen(text) == len && strncmp(text, "key,", 4) == 0);
	opflow_free(text);
	if ((rc = opflow_graph_write_dot(&text, &len, g, a)))
		return rc;
	must(strlen(text) == len);
	opflow_free(text);
	return 0;
}

/* ------------------------------------------------------------- pipeline */

static void pipeline(const uint8_t *data, size_t size)
{
	static char empty[1];
	opflow_graph *g = NULL, *back = NULL, *copy = NULL;
	opflow_analysis *a = NULL, *b = NULL;
	opflow_findings *f = NULL;
	opflow_check_options co = OPFLOW_CHECK_OPTIONS_INIT;
	char *text = NULL, *again = NULL;
	double *column = NULL;
	opflow_id *ids = NULL;
	size_t len, len2, n;
	FILE *fp;
	int rc, cycle = 0;

	rc = opflow_graph_load_buffer(&g, (const char *)data, size);
	/* the stream reader says the same */
	if ((fp = fmemopen(size ? (void *)data : empty, size ? size : 1,
	                   "rb"))) {
		opflow_graph *h = NULL;
		char msg[1024];
		size_t line = opflow_error_line(), col = opflow_error_column();
		int code = opflow_error_code(), rc2;

		snprintf(msg, sizeof msg, "%s", opflow_error_message());
		if (size == 0)
			(void)fgetc(fp);        /* fmemopen wants a byte */
		rc2 = opflow_graph_load_file(&h, fp);
		fclose(fp);
		if (!(injecting && (rc == OPFLOW_ENOMEM ||
		                    rc2 == OPFLOW_ENOMEM))) {
			must(rc2 == rc);
			if (rc)
				must(opflow_error_code() == code &&
				     opflow_error_line() == line &&
				     opflow_error_column() == col &&
				     strcmp(opflow_error_message(), msg) == 0);
			else
				must(opflow_graph_equal(g, h) == 1);
		}
		opflow_graph_free(h);
		if ((rc2 && !rc) || (injecting && rc2 == OPFLOW_ENOMEM))
			goto out;
	}
	if (rc) {
		if (injecting && rc == OPFLOW_ENOMEM)
			goto out;
		/* a failed load says where and what */
		must(opflow_error_code() == rc);
		must(rc == OPFLOW_EPARSE && opflow_error_line() > 0 &&
		     opflow_error_column() > 0 && *opflow_error_message());
		goto out;
	}
	n = opflow_graph_activity_count(g);

	/* saved text loads back equal and saves to the same text */
	OK(opflow_graph_save_buffer(&text, &len, g));
	must(strlen(text) == len);
	OK(opflow_graph_load_buffer(&back, text, len));
	must(opflow_graph_equal(g, back) == 1);
	OK(opflow_graph_save_buffer(&again, &len2, back));
	must(len2 == len && memcmp(text, again, len) == 0);
	OK(opflow_graph_clone(&copy, g));
	must(opflow_graph_equal(g, copy) == 1);

	/* checks: a cycle is a finding, and the analysis fails alike */
	for (int i = 0; i < 2; i++) {
		co.high_float = i ? 0 : 0.5;
		OK(opflow_graph_check(&f, g, &co));
		for (size_t j = 0; j < opflow_findings_count(f); j++) {
			opflow_finding_kind kind;
			opflow_severity sev;
			opflow_id act, flow;
			const char *msg;

			must(opflow_findings_get(&kind, &sev, &act, &flow, &msg,
			                         f, j) == 0);
			must(opflow_finding_kind_name(kind) != NULL &&
			     opflow_severity_name(sev) != NULL && *msg);
			must(act == OPFLOW_NONE || act < n);
			must(flow == OPFLOW_NONE ||
			     flow < opflow_graph_flow_count(g));
			if (kind == OPFLOW_FINDING_CYCLE)
				cycle = 1;
		}
		opflow_findings_free(f);
		f = NULL;
	}

	column = malloc((n ? n : 1) * sizeof *column);
	ids = malloc((n ? n : 1) * sizeof *ids);
	must(column != NULL && ids != NULL);
	for (int mode = 0; mode < 4; mode++) {
		opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;
		opflow_analysis_options got = OPFLOW_ANALYSIS_OPTIONS_INIT;
		double lead = 0;

		o.duration_mode = mode & 1;
		if (mode >= 2 && b) {
			/* a deadline just short of the lead time */
			must(opflow_analysis_figure(&lead, b,
			     OPFLOW_FIGURE_LEAD_TIME) == 0);
			o.has_deadline = 1;
			o.deadline = lead - 1;
			o.near_critical = 1;
		}
		rc = opflow_analyze(&a, g, &o);
		if (rc == OPFLOW_ENOMEM && injecting)
			goto out;
		must(rc == 0 || rc == OPFLOW_ECYCLE || rc == OPFLOW_ERANGE);
		must(rc != OPFLOW_ECYCLE || cycle);
		must(rc != OPFLOW_ECYCLE || opflow_error_cycle_length() >= 2);
		if (rc)
			continue;
		must(!cycle);
		must(opflow_analysis_get_options(&got, a) == 0);
		must(got.duration_mode == o.duration_mode &&
		     got.has_deadline == o.has_deadline && got.has_tolerance);
		OK(walk(a, g, column, ids));
		OK(exports(a, g));
		if (mode < 2) {
			opflow_analysis_free(b);
			b = a;
		} else {
			opflow_analysis_free(a);
		}
		a = NULL;
	}
	opflow_free(again);
	again = NULL;
	OK(opflow_graph_write_dot(&again, NULL, g, NULL));

	/* a prepared graph analyses the same, bit for bit */
	if (b && (rc = opflow_graph_prepare(copy)) != OPFLOW_ENOMEM) {
		must(rc == 0);
		OK(opflow_analyze(&a, copy, NULL));
		/* b is the PERT analysis; compare with the default one */
		opflow_analysis_free(b);
		b = NULL;
		OK(opflow_analyze(&b, g, NULL));
		for (int c = OPFLOW_COLUMN_DURATION; c <= OPFLOW_COLUMN_STAGE;
		     c++) {
			double *other = malloc((n ? n : 1) * sizeof *other);

			must(other != NULL);
			must(opflow_analysis_column(column, n, a,
			                            (opflow_column)c) == 0);
			must(opflow_analysis_column(other, n, b,
			                            (opflow_column)c) == 0);
			must(n == 0 || memcmp(column, other,
			                      n * sizeof *column) == 0);
			free(other);
		}
		must(opflow_analysis_critical_paths(&len, &rc, a, 16, NULL,
		                                    NULL) == OPFLOW_EINVAL);
		/* an analysis of the graph as it was is not exported */
		if (n) {
			char *csv = NULL;

			OK(opflow_graph_set_activity_label(copy, 0, "changed"));
			rc = opflow_analysis_write_csv(&csv, NULL, a, copy);
			must(rc == OPFLOW_EMISUSE && csv == NULL);
		}
	}
out:
	free(column);
	free(ids);
	opflow_free(text);
	opflow_free(again);
	opflow_findings_free(f);
	opflow_analysis_free(a);
	opflow_analysis_free(b);
	opflow_graph_free(copy);
	opflow_graph_free(back);
	opflow_graph_free(g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int hooked = -1;
	uint32_t hash = 2166136261u;

	if (hooked < 0)
		hooked = opflow_set_allocator(fz_malloc, fz_realloc, fz_free,
		                              NULL) == 0;
	made = 0;
	fail_at = -1;
	injecting = 0;
	pipeline(data, size);
	opflow_error_clear();
	must(!hooked || live == 0);
	if (!hooked || made == 0)
		return 0;

	/* again, with one allocation failing */
	for (size_t i = 0; i < size; i++)
		hash = (hash ^ data[i]) * 16777619u;
	fail_at = (long)(hash % (uint32_t)made);
	made = 0;
	injecting = 1;
	pipeline(data, size);
	injecting = 0;
	fail_at = -1;
	opflow_error_clear();
	must(live == 0);
	return 0;
}
