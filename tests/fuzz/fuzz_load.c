/*
 * fuzz_load.c - feeds arbitrary bytes to the .opflow reader.  Whatever
 * loads must save, load back into an equal graph, and go through every
 * analysis and export without a crash, a leak or undefined behaviour.
 * Built with libFuzzer (tests/fuzz/run.sh), or with tests/fuzz/replay.c
 * to replay a corpus in `make check`.
 */
#include <opflow.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void must(int condition)
{
	if (!condition)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	opflow_graph *g, *back;
	opflow_analysis *a;
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_findings *f;
	char *text;
	size_t len, count;
	int more, rc;

	if (opflow_graph_load_buffer(&g, (const char *)data, size)) {
		/* a failed load says where */
		must(opflow_error_code() == OPFLOW_EPARSE ||
		     opflow_error_code() == OPFLOW_ENOMEM);
		must(opflow_error_code() != OPFLOW_EPARSE ||
		     opflow_error_line() > 0);
		return 0;
	}
	must(opflow_graph_save_buffer(&text, &len, g) == 0);
	must(opflow_graph_load_buffer(&back, text, len) == 0);
	must(opflow_graph_equal(g, back) == 1);
	opflow_free(text);
	opflow_graph_free(back);

	must(opflow_graph_check(&f, g, NULL) == 0);
	opflow_findings_free(f);
	for (int mode = 0; mode < 2; mode++) {
		o.duration_mode = mode;
		o.has_deadline = mode;
		o.deadline = 10;
		rc = opflow_analyze(&a, g, &o);
		must(rc == 0 || rc == OPFLOW_ECYCLE || rc == OPFLOW_ERANGE);
		if (rc)
			continue;
		must(opflow_analysis_write_json(&text, &len, a, g) == 0);
		opflow_free(text);
		must(opflow_analysis_write_csv(&text, &len, a, g) == 0);
		opflow_free(text);
		must(opflow_graph_write_dot(&text, &len, g, a) == 0);
		opflow_free(text);
		opflow_analysis_free(a);
	}
	if (opflow_graph_prepare(g) == 0 && opflow_analyze(&a, g, NULL) == 0) {
		must(opflow_analysis_critical_paths(&count, &more, a, 16,
		     NULL, NULL) == OPFLOW_EINVAL);
		opflow_analysis_free(a);
	}
	opflow_graph_free(g);
	return 0;
}
