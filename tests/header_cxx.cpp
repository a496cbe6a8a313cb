/*
 * header_cxx.cpp - include/opflow.h on its own, as C++11 (built with
 * -std=c++11 -pedantic -Wall -Wextra -Werror): every *_OPTIONS_INIT macro
 * expanded, the enumerations used as C++ sees them, a few functions
 * linked and called.  The exit status tells which step went wrong.
 */
#include <opflow.h>

namespace {

struct graph_holder {
	opflow_graph *g;
	graph_holder() : g(nullptr) {}
	~graph_holder() { opflow_graph_free(g); }
};

int check_options()
{
	opflow_activity_options ao = OPFLOW_ACTIVITY_OPTIONS_INIT;
	opflow_analysis_options an = OPFLOW_ANALYSIS_OPTIONS_INIT;
	const opflow_activity_options cao = OPFLOW_ACTIVITY_OPTIONS_INIT;
	static const opflow_analysis_options san = OPFLOW_ANALYSIS_OPTIONS_INIT;
	const opflow_check_options co = OPFLOW_CHECK_OPTIONS_INIT;
	static const opflow_simulation_options so =
		OPFLOW_SIMULATION_OPTIONS_INIT;
	const opflow_gantt_options go = OPFLOW_GANTT_OPTIONS_INIT;

	if (ao.version != OPFLOW_ACTIVITY_OPTIONS_VERSION ||
	    ao.category != OPFLOW_CATEGORY_OTHER ||
	    ao.kind != OPFLOW_FROM_CATEGORY || ao.label != nullptr ||
	    cao.department != nullptr)
		return 1;
	if (an.version != OPFLOW_ANALYSIS_OPTIONS_VERSION ||
	    san.duration_mode != OPFLOW_DURATIONS_DETERMINISTIC)
		return 1;
	if (co.version != OPFLOW_CHECK_OPTIONS_VERSION || co.high_float != 0.5)
		return 1;
	if (go.version != OPFLOW_GANTT_OPTIONS_VERSION || go.max_rows != 500)
		return 1;
	if (so.version != OPFLOW_SIMULATION_OPTIONS_VERSION ||
	    so.distribution != OPFLOW_DISTRIBUTION_PERT - 1 ||
	    so.progress != nullptr)
		return 1;
	return 0;
}

int check_graph()
{
	graph_holder h;
	opflow_id a = OPFLOW_NONE, b = OPFLOW_NONE, f = OPFLOW_NONE;
	opflow_kind kind = OPFLOW_KIND_PRODUCTION;
	opflow_category category = OPFLOW_CATEGORY_OTHER;
	const char *key = nullptr;
	size_t count = 0;

	if (opflow_graph_new(&h.g) != OPFLOW_OK)
		return 1;
	if (opflow_graph_add_activity(&a, h.g, "research",
	                              OPFLOW_CATEGORY_MARKET_RESEARCH) ||
	    opflow_graph_add_activity(&b, h.g, "assemble",
	                              OPFLOW_CATEGORY_ASSEMBLY) ||
	    opflow_graph_add_flow(&f, h.g, a, b, OPFLOW_FLOW_SS, -1.0))
		return 1;
	if (opflow_graph_activity_kind(&kind, h.g, a) ||
	    kind != OPFLOW_KIND_OPERATION ||
	    opflow_graph_activity_category(&category, h.g, b) ||
	    category != OPFLOW_CATEGORY_ASSEMBLY ||
	    opflow_graph_activity_key(&key, h.g, b) || key == nullptr ||
	    key[0] != 'a' || opflow_graph_incoming(&count, nullptr, 0, h.g, b) ||
	    count != 1)
		return 1;
	if (opflow_graph_add_flow(&f, h.g, a, b, OPFLOW_FLOW_SS, 0.0) !=
	    OPFLOW_EEXISTS || opflow_error_code() != OPFLOW_EEXISTS)
		return 1;
	return 0;
}

} // namespace

int main()
{
	opflow_stage stage = OPFLOW_STAGE_PRE_PRODUCTION;
	opflow_flow_type type = OPFLOW_FLOW_FF;
	opflow_figure figure = OPFLOW_FIGURE_TIMEFRAME_RATIO;
	opflow_scor scor = OPFLOW_SCOR_NONE;
	opflow_porter porter = OPFLOW_PORTER_SUPPORT;
	opflow_duration_mode mode = OPFLOW_DURATIONS_DETERMINISTIC;
	opflow_malloc_fn m = nullptr;
	opflow_realloc_fn r = nullptr;
	opflow_free_fn fr = nullptr;
	opflow_path_cb cb = nullptr;

	if (opflow_version_number() != OPFLOW_VERSION_NUMBER)
		return 2;
	if (opflow_stage_name(stage) == nullptr ||
	    opflow_flow_type_name(type) == nullptr ||
	    opflow_figure_name(figure) == nullptr ||
	    opflow_scor_name(scor) == nullptr ||
	    opflow_porter_name(porter) == nullptr ||
	    opflow_duration_mode_name(mode) == nullptr)
		return 3;
	if (opflow_flow_type_from_name(&type, "SF") != OPFLOW_OK ||
	    type != OPFLOW_FLOW_SF)
		return 4;
	if (opflow_set_allocator(m, r, fr, nullptr) != OPFLOW_OK || cb != nullptr)
		return 5;
	if (check_options())
		return 6;
	if (check_graph())
		return 7;
	opflow_error_clear();
	return 0;
}
