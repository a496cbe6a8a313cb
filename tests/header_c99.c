/*
 * header_c99.c - include/opflow.h on its own, as strict C99 (built with
 * -std=c99 -pedantic -Wall -Wextra -Werror): every *_OPTIONS_INIT macro
 * expanded, the enumerations used, a few functions linked and called.
 * The exit status tells which step went wrong.
 */
#include <opflow.h>

static int check_options(void)
{
	opflow_activity_options ao = OPFLOW_ACTIVITY_OPTIONS_INIT;
	opflow_activity_options ao2;
	opflow_analysis_options an = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_analysis_options an2;
	opflow_check_options co = OPFLOW_CHECK_OPTIONS_INIT;
	opflow_check_options co2;
	opflow_simulation_options so = OPFLOW_SIMULATION_OPTIONS_INIT;
	opflow_simulation_options so2;
	opflow_gantt_options go = OPFLOW_GANTT_OPTIONS_INIT;

	if (ao.version != OPFLOW_ACTIVITY_OPTIONS_VERSION ||
	    ao.category != OPFLOW_CATEGORY_OTHER ||
	    ao.kind != OPFLOW_FROM_CATEGORY ||
	    ao.customer_facing != OPFLOW_FROM_CATEGORY || ao.label != NULL ||
	    ao.department != NULL || ao.has_duration || ao.has_estimate)
		return 1;
	if (go.version != OPFLOW_GANTT_OPTIONS_VERSION ||
	    go.group != OPFLOW_GANTT_BY_STAGE || go.max_rows != 500)
		return 1;
	if (an.version != OPFLOW_ANALYSIS_OPTIONS_VERSION ||
	    an.duration_mode != OPFLOW_DURATIONS_DETERMINISTIC ||
	    an.has_deadline || an.has_tolerance || an.near_critical != 0.0)
		return 1;
	if (opflow_activity_options_init(&ao2, OPFLOW_ACTIVITY_OPTIONS_VERSION) ||
	    ao2.version != ao.version || ao2.kind != ao.kind)
		return 1;
	if (opflow_analysis_options_init(&an2, OPFLOW_ANALYSIS_OPTIONS_VERSION) ||
	    an2.version != an.version)
		return 1;
	if (co.version != OPFLOW_CHECK_OPTIONS_VERSION || co.high_float != 0.5 ||
	    opflow_check_options_init(&co2, OPFLOW_CHECK_OPTIONS_VERSION) ||
	    co2.high_float != co.high_float)
		return 1;
	if (so.version != OPFLOW_SIMULATION_OPTIONS_VERSION ||
	    so.distribution != OPFLOW_DISTRIBUTION_TRIANGULAR ||
	    so.iterations != 10000 || so.threads != 0 || so.sensitivity != 1 ||
	    so.progress != NULL ||
	    opflow_simulation_options_init(&so2,
	                                   OPFLOW_SIMULATION_OPTIONS_VERSION) ||
	    so2.iterations != so.iterations)
		return 1;
	return 0;
}

static int check_graph(void)
{
	opflow_graph *g = NULL;
	opflow_analysis *a = NULL;
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
	opflow_analysis_options ao = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_id make, ship, flow;
	opflow_kind kind = OPFLOW_KIND_OPERATION;
	opflow_stage stage = OPFLOW_STAGE_INDEPENDENT;
	opflow_flow_type type = OPFLOW_FLOW_SF;
	double lead = -1.0;
	int rc = 1;

	if (opflow_graph_new(&g) != OPFLOW_OK)
		return 1;
	o.category = OPFLOW_CATEGORY_MANUFACTURING;
	o.has_duration = 1;
	o.duration = 4.0;
	o.label = "Make";
	if (opflow_graph_add_activity_ext(&make, g, "make", &o) ||
	    opflow_graph_add_activity(&ship, g, "ship",
	                              OPFLOW_CATEGORY_DISTRIBUTION) ||
	    opflow_graph_set_activity_duration(g, ship, 1.5) ||
	    opflow_graph_add_flow(&flow, g, make, ship, OPFLOW_FLOW_FS, 0.5) ||
	    opflow_graph_activity_kind(&kind, g, make) ||
	    kind != OPFLOW_KIND_PRODUCTION ||
	    opflow_graph_flow(NULL, NULL, &type, NULL, g, flow) ||
	    type != OPFLOW_FLOW_FS)
		goto done;
	ao.has_deadline = 1;
	ao.deadline = 10.0;
	if (opflow_analyze(&a, g, &ao) ||
	    opflow_analysis_figure(&lead, a, OPFLOW_FIGURE_LEAD_TIME) ||
	    lead != 6.0 || opflow_analysis_stage(&stage, a, ship) ||
	    stage != OPFLOW_STAGE_POST_PRODUCTION)
		goto done;
	rc = 0;
done:
	opflow_analysis_free(a);
	opflow_graph_free(g);
	return rc;
}

int main(void)
{
	opflow_category c = OPFLOW_CATEGORY_AFTER_SALES;
	opflow_scor scor = OPFLOW_SCOR_ENABLE;
	opflow_porter porter = OPFLOW_PORTER_NONE;
	opflow_duration_mode mode = OPFLOW_DURATIONS_PERT;
	opflow_figure figure = OPFLOW_FIGURE_PERT_PROBABILITY;
	opflow_status status = OPFLOW_EMISUSE;
	opflow_id none = OPFLOW_NONE;

	if (opflow_version_number() != OPFLOW_VERSION_NUMBER)
		return 2;
	if (opflow_strerror(status) == NULL || opflow_error_message() == NULL)
		return 3;
	if (opflow_category_info(NULL, NULL, &scor, &porter, NULL, c) ||
	    scor != OPFLOW_SCOR_RETURN || porter != OPFLOW_PORTER_PRIMARY)
		return 4;
	if (opflow_duration_mode_name(mode) == NULL ||
	    opflow_figure_name(figure) == NULL || none != 0xFFFFFFFFu ||
	    OPFLOW_KEY_MAX < 1 || OPFLOW_TEXT_MAX < 1)
		return 5;
	if (check_options())
		return 6;
	if (check_graph())
		return 7;
	return 0;
}
