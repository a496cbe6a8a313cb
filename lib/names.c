/*
 * names.c - the names of every enumeration, as files, reports and bindings
 * spell them, and the category table.
 */
#include "config.h"

#include "internal.h"

#include <string.h>

static const char *const kind_names[] = { "production", "operation" };

static const char *const category_names[] = {
	"sourcing", "procurement", "manufacturing", "assembly",
	"quality-control", "packaging", "market-research",
	"product-development", "marketing", "sales", "logistics",
	"distribution", "customer-service", "after-sales", "other"
};

static const char *const flow_type_names[] = { "FS", "SS", "FF", "SF" };

static const char *const stage_names[] = {
	"production", "pre-production", "post-production", "interleaved",
	"independent"
};

static const char *const scor_names[] = {
	"plan", "source", "make", "deliver", "return", "enable", "none"
};

static const char *const porter_names[] = { "primary", "support", "none" };

static const char *const duration_mode_names[] = { "deterministic", "pert" };

static const char *const distribution_names[] = { "triangular", "pert" };

static const char *const measure_names[] = { "lead_time", "production_span" };

static const char *const tracking_names[] = {
	"actual_start", "actual_finish", "remaining", "start_no_earlier_than",
	"finish_no_earlier_than", "start_no_later_than", "finish_no_later_than"
};

static const char *const state_names[] = {
	"not-started", "in-progress", "completed"
};

static const char *const logic_names[] = { "retained", "override" };

static const char *const severity_names[] = { "error", "warning" };

static const char *const finding_kind_names[] = {
	"cycle", "out-of-range", "no-predecessor", "no-successor",
	"negative-lag", "start-to-finish", "high-float", "out-of-sequence",
	"constraint-conflict", "idle-calendar", "fractional-seconds"
};

static const char *const figure_names[] = {
	"activities", "production_activities", "operation_activities",
	"effort", "production_effort", "production_share",
	"production_effort_share", "departments", "production_departments",
	"categories", "production_categories", "customer_facing",
	"customer_facing_effort", "handoffs", "production_handoffs",
	"boundary_handoffs", "operation_handoffs", "lead_time",
	"production_start", "production_end", "production_window",
	"pre_production", "post_production", "production_span",
	"timeframe_ratio", "pert_lead_time", "pert_stddev", "pert_probability",
	"working_lead_time"
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *name_of(const char *const *names, size_t count, int v)
{
	if (v < 0 || (size_t)v >= count)
		return NULL;
	return names[v];
}

static int from_name(int *out, const char *const *names, size_t count,
                     const char *func, const char *what, const char *name)
{
	if (!out)
		return opflow__null_arg(func, "out");
	if (!name)
		return opflow__null_arg(func, "name");
	for (size_t i = 0; i < count; i++) {
		if (strcmp(names[i], name) == 0) {
			*out = (int)i;
			return 0;
		}
	}
	return opflow__error(OPFLOW_EINVAL, "unknown %s name %k", what, name);
}

#define NAME_PAIR(type, prefix, table, what)                                  \
	const char *opflow_##prefix##_name(type v)                            \
	{                                                                     \
		return name_of(table, COUNT(table), (int)v);                  \
	}                                                                     \
	int opflow_##prefix##_from_name(type *out, const char *name)          \
	{                                                                     \
		int v = 0;                                                    \
		int rc = from_name(out ? &v : NULL, table, COUNT(table),      \
		                   "opflow_" #prefix "_from_name", what, name); \
		if (rc == 0)                                                  \
			*out = (type)v;                                       \
		return rc;                                                    \
	}

NAME_PAIR(opflow_kind, kind, kind_names, "kind")
NAME_PAIR(opflow_category, category, category_names, "category")
NAME_PAIR(opflow_flow_type, flow_type, flow_type_names, "flow type")
NAME_PAIR(opflow_stage, stage, stage_names, "stage")
NAME_PAIR(opflow_scor, scor, scor_names, "SCOR process")
NAME_PAIR(opflow_porter, porter, porter_names, "Porter class")
NAME_PAIR(opflow_duration_mode, duration_mode, duration_mode_names,
          "duration mode")
NAME_PAIR(opflow_figure, figure, figure_names, "figure")
NAME_PAIR(opflow_distribution, distribution, distribution_names,
          "distribution")
NAME_PAIR(opflow_measure, measure, measure_names, "measure")
NAME_PAIR(opflow_tracking, tracking, tracking_names, "tracking field")
NAME_PAIR(opflow_state, state, state_names, "state")
NAME_PAIR(opflow_logic, logic, logic_names, "logic")
NAME_PAIR(opflow_severity, severity, severity_names, "severity")
NAME_PAIR(opflow_finding_kind, finding_kind, finding_kind_names,
          "finding kind")

static const struct {
	unsigned char kind, customer_facing, scor, porter;
	const char *porter_activity;
} categories[] = {
	/* sourcing */ { OPFLOW_KIND_PRODUCTION, 0, OPFLOW_SCOR_SOURCE,
	                 OPFLOW_PORTER_SUPPORT, "procurement" },
	/* procurement */ { OPFLOW_KIND_PRODUCTION, 0, OPFLOW_SCOR_SOURCE,
	                    OPFLOW_PORTER_SUPPORT, "procurement" },
	/* manufacturing */ { OPFLOW_KIND_PRODUCTION, 0, OPFLOW_SCOR_MAKE,
	                      OPFLOW_PORTER_PRIMARY, "operations" },
	/* assembly */ { OPFLOW_KIND_PRODUCTION, 0, OPFLOW_SCOR_MAKE,
	                 OPFLOW_PORTER_PRIMARY, "operations" },
	/* quality-control */ { OPFLOW_KIND_PRODUCTION, 0, OPFLOW_SCOR_MAKE,
	                        OPFLOW_PORTER_PRIMARY, "operations" },
	/* packaging */ { OPFLOW_KIND_PRODUCTION, 0, OPFLOW_SCOR_MAKE,
	                  OPFLOW_PORTER_PRIMARY, "operations" },
	/* market-research */ { OPFLOW_KIND_OPERATION, 0, OPFLOW_SCOR_PLAN,
	                        OPFLOW_PORTER_PRIMARY, "marketing and sales" },
	/* product-development */ { OPFLOW_KIND_OPERATION, 0, OPFLOW_SCOR_NONE,
	                            OPFLOW_PORTER_SUPPORT,
	                            "technology development" },
	/* marketing */ { OPFLOW_KIND_OPERATION, 1, OPFLOW_SCOR_NONE,
	                  OPFLOW_PORTER_PRIMARY, "marketing and sales" },
	/* sales */ { OPFLOW_KIND_OPERATION, 1, OPFLOW_SCOR_DELIVER,
	              OPFLOW_PORTER_PRIMARY, "marketing and sales" },
	/* logistics */ { OPFLOW_KIND_OPERATION, 0, OPFLOW_SCOR_DELIVER,
	                  OPFLOW_PORTER_PRIMARY, "outbound logistics" },
	/* distribution */ { OPFLOW_KIND_OPERATION, 1, OPFLOW_SCOR_DELIVER,
	                     OPFLOW_PORTER_PRIMARY, "outbound logistics" },
	/* customer-service */ { OPFLOW_KIND_OPERATION, 1, OPFLOW_SCOR_DELIVER,
	                         OPFLOW_PORTER_PRIMARY, "service" },
	/* after-sales */ { OPFLOW_KIND_OPERATION, 1, OPFLOW_SCOR_RETURN,
	                    OPFLOW_PORTER_PRIMARY, "service" },
	/* other */ { OPFLOW_KIND_OPERATION, 0, OPFLOW_SCOR_NONE,
	              OPFLOW_PORTER_NONE, NULL },
};

int opflow_category_info(opflow_kind *kind, int *customer_facing,
                         opflow_scor *scor, opflow_porter *porter,
                         const char **porter_activity, opflow_category category)
{
	int c = (int)category;

	if (c < 0 || (size_t)c >= COUNT(categories))
		return opflow__error(OPFLOW_EINVAL,
		    "opflow_category_info: unknown category %d", c);
	if (kind)
		*kind = (opflow_kind)categories[c].kind;
	if (customer_facing)
		*customer_facing = categories[c].customer_facing;
	if (scor)
		*scor = (opflow_scor)categories[c].scor;
	if (porter)
		*porter = (opflow_porter)categories[c].porter;
	if (porter_activity)
		*porter_activity = categories[c].porter_activity;
	return 0;
}
