/*
 * value_chain.c - builds a small bicycle value chain with libopflow and
 * prints its activities by kind and department, then the headline figures
 * of its analysis.
 */
#include <opflow.h>

#include <stdio.h>
#include <stdlib.h>

struct step {
	const char *key, *label, *department;
	opflow_category category;
	double duration;
};

static const struct step steps[] = {
	{ "research", "Market research", "Marketing",
	  OPFLOW_CATEGORY_MARKET_RESEARCH, 10 },
	{ "design", "Frame design", "Engineering",
	  OPFLOW_CATEGORY_PRODUCT_DEVELOPMENT, 15 },
	{ "buy-tubes", "Buy steel tubes", "Purchasing",
	  OPFLOW_CATEGORY_PROCUREMENT, 5 },
	{ "weld", "Weld frames", "Frame shop",
	  OPFLOW_CATEGORY_MANUFACTURING, 6 },
	{ "assemble", "Assemble bicycles", "Assembly",
	  OPFLOW_CATEGORY_ASSEMBLY, 4 },
	{ "inspect", "Final inspection", "Quality",
	  OPFLOW_CATEGORY_QUALITY_CONTROL, 1 },
	{ "pack", "Pack for shipping", "Assembly",
	  OPFLOW_CATEGORY_PACKAGING, 1 },
	{ "campaign", "Launch campaign", "Marketing",
	  OPFLOW_CATEGORY_MARKETING, 8 },
	{ "ship", "Ship to dealers", "Logistics",
	  OPFLOW_CATEGORY_DISTRIBUTION, 3 },
	{ "support", "Dealer support", "Service",
	  OPFLOW_CATEGORY_CUSTOMER_SERVICE, 5 },
};

static const char *const flows[][2] = {
	{ "research", "design" }, { "design", "weld" },
	{ "buy-tubes", "weld" }, { "weld", "assemble" },
	{ "assemble", "inspect" }, { "inspect", "pack" },
	{ "design", "campaign" }, { "pack", "ship" },
	{ "campaign", "ship" }, { "ship", "support" },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int fail(const char *what)
{
	fprintf(stderr, "value_chain: %s: %s\n", what, opflow_error_message());
	return EXIT_FAILURE;
}

int main(void)
{
	opflow_graph *g;
	opflow_analysis *a;
	opflow_id id, src, dst, flow;
	double lead, window, ratio;

	if (opflow_graph_new(&g))
		return fail("new graph");
	for (size_t i = 0; i < COUNT(steps); i++) {
		opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;

		o.category = steps[i].category;
		o.label = steps[i].label;
		o.department = steps[i].department;
		o.has_duration = 1;
		o.duration = steps[i].duration;
		if (opflow_graph_add_activity_ext(&id, g, steps[i].key, &o))
			return fail(steps[i].key);
	}
	for (size_t i = 0; i < COUNT(flows); i++) {
		if (opflow_graph_find_activity(&src, g, flows[i][0]) ||
		    opflow_graph_find_activity(&dst, g, flows[i][1]) ||
		    opflow_graph_add_flow(&flow, g, src, dst, OPFLOW_FLOW_FS, 0))
			return fail("flow");
	}

	printf("libopflow %s: a bicycle value chain of %zu activities\n\n",
	       opflow_version(), opflow_graph_activity_count(g));
	for (int kind = OPFLOW_KIND_PRODUCTION; kind <= OPFLOW_KIND_OPERATION;
	     kind++) {
		printf("%s activities\n", opflow_kind_name((opflow_kind)kind));
		for (size_t d = 0; d < opflow_graph_department_count(g); d++) {
			const char *dept;

			opflow_graph_department_key(&dept, g, (opflow_id)d);
			for (opflow_id i = 0; i < opflow_graph_activity_count(g); i++) {
				opflow_kind k;
				opflow_id ad;
				const char *key, *label;
				double dur;

				opflow_graph_activity_kind(&k, g, i);
				opflow_graph_activity_department(&ad, g, i);
				if ((int)k != kind || ad != d)
					continue;
				opflow_graph_activity_key(&key, g, i);
				opflow_graph_activity_label(&label, g, i);
				opflow_graph_activity_duration(&dur, NULL, g, i);
				printf("  %-12s %-10s %-20s %4g days\n", dept, key,
				       label, dur);
			}
		}
	}

	if (opflow_analyze(&a, g, NULL))
		return fail("analysis");
	opflow_analysis_figure(&lead, a, OPFLOW_FIGURE_LEAD_TIME);
	opflow_analysis_figure(&window, a, OPFLOW_FIGURE_PRODUCTION_WINDOW);
	opflow_analysis_figure(&ratio, a, OPFLOW_FIGURE_TIMEFRAME_RATIO);
	printf("\nlead time %g days; production window %g days; "
	       "the operation process takes %.2f times the production span\n",
	       lead, window, ratio);
	opflow_analysis_free(a);
	opflow_graph_free(g);
	return EXIT_SUCCESS;
}
