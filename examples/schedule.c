/*
 * schedule.c - loads a value chain from an .opflow file, analyses it
 * against an optional deadline and prints each activity's schedule and
 * why the critical ones are critical (their driving flow).
 *
 * Usage: schedule FILE [DEADLINE]
 */
#include <opflow.h>

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	opflow_analysis_options opts = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_graph *g;
	opflow_analysis *a;
	double lead;

	if (argc < 2) {
		fprintf(stderr, "usage: schedule FILE [DEADLINE]\n");
		return 2;
	}
	if (opflow_graph_load_path(&g, argv[1])) {
		fprintf(stderr, "%s:%zu:%zu: %s\n", argv[1], opflow_error_line(),
		        opflow_error_column(), opflow_error_message());
		return 1;
	}
	if (argc > 2) {
		opts.has_deadline = 1;
		opts.deadline = strtod(argv[2], NULL);
	}
	if (opflow_analyze(&a, g, &opts)) {
		fprintf(stderr, "%s: %s\n", argv[1], opflow_error_message());
		opflow_graph_free(g);
		return 1;
	}
	printf("%-22s %8s %8s %8s %8s  %s\n", "activity", "start", "finish",
	       "float", "latest", "driven by");
	for (opflow_id i = 0; i < opflow_analysis_activity_count(a); i++) {
		const char *key, *source = "";
		double es, ef, lf, tf;
		opflow_id flow, from;
		opflow_flow_type type;
		int critical;

		opflow_analysis_activity_key(&key, a, i);
		opflow_analysis_schedule(&es, &ef, NULL, &lf, a, i);
		opflow_analysis_floats(&tf, NULL, a, i);
		opflow_analysis_criticality(&critical, NULL, a, i);
		opflow_analysis_driving_flow(&flow, &from, &type, NULL, a, i);
		if (flow != OPFLOW_NONE)
			opflow_analysis_activity_key(&source, a, from);
		printf("%-22s %8g %8g %8g %8g  %s%s%s%s\n", key, es, ef, tf, lf,
		       critical ? "* " : "", source,
		       flow != OPFLOW_NONE ? " " : "",
		       flow != OPFLOW_NONE ? opflow_flow_type_name(type) : "");
	}
	opflow_analysis_figure(&lead, a, OPFLOW_FIGURE_LEAD_TIME);
	printf("\nlead time %g; * marks the critical activities\n", lead);
	opflow_analysis_free(a);
	opflow_graph_free(g);
	return 0;
}
