/*
 * report.c - the schedule as CSV (RFC 4180) and the whole analysis as a
 * JSON report, both named as DESIGN fixes the names, numbers in their
 * shortest round-trip form, absent values empty (CSV) or null (JSON).
 */
#include "config.h"

#include "internal.h"

#include <string.h>

/* ------------------------------------------------------------------- CSV */

/* An activity's numbers, in the order both exports write them. */
static const char *const value_names[7] = {
	"duration", "es", "ef", "ls", "lf", "total_float", "free_float"
};

static void values(double t[7], const opflow_analysis *a, uint32_t i)
{
	t[0] = a->dur[OPFLOW__AT(a, i)];
	opflow_analysis_schedule(&t[1], &t[2], &t[3], &t[4], a, i);
	opflow_analysis_floats(&t[5], &t[6], a, i);
}

static void csv_field(struct opflow__buf *b, const char *s, size_t len)
{
	size_t start = 0;

	if (!memchr(s, ',', len) && !memchr(s, '"', len) &&
	    !memchr(s, '\n', len) && !memchr(s, '\r', len)) {
		opflow__buf_put(b, s, len);
		return;
	}
	opflow__buf_put(b, "\"", 1);
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '"')
			continue;
		opflow__buf_put(b, s + start, i + 1 - start);
		opflow__buf_put(b, "\"", 1);
		start = i + 1;
	}
	opflow__buf_put(b, s + start, len - start);
	opflow__buf_put(b, "\"", 1);
}

static void csv_text(struct opflow__buf *b, const char *s)
{
	if (s)
		csv_field(b, s, strlen(s));
}

static void json_name(struct opflow__buf *b, const char *name, int first);

/* The four instants of position k of a dated analysis as ISO text, each
 * preceded by sep and, in JSON, quoted after its name. */
static const char *const instant_names[4] = {
	"start", "finish", "late_start", "late_finish"
};

static void instants(struct opflow__buf *b, const opflow_analysis *a,
                     uint32_t k, int json)
{
	for (int i = 0; i < 4; i++) {
		char t[OPFLOW_INSTANT_SIZE];

		if (a->dated)
			opflow_instant_format(t, sizeof t,
			                      a->d_inst[4 * (size_t)k + i]);
		if (json) {
			json_name(b, instant_names[i], 0);
			if (!a->dated) {
				opflow__buf_puts(b, "null");
				continue;
			}
			opflow__buf_puts(b, "\"");
			opflow__buf_puts(b, t);
			opflow__buf_puts(b, "\"");
		} else {
			opflow__buf_put(b, ",", 1);
			opflow__buf_puts(b, t);
		}
	}
}

int opflow_analysis_write_csv(char **out, size_t *out_size,
                              const opflow_analysis *a, const opflow_graph *g)
{
	static const char fn[] = "opflow_analysis_write_csv";
	struct opflow__buf b = { NULL, 0, 0, 0 };
	int rc;

	if (!out)
		return opflow__null_arg(fn, "out");
	if ((rc = opflow__check_pair(g, a, fn)))
		return rc;
	/* a dated analysis appends its instants */
	opflow__buf_puts(&b, "key,label,kind,category,department,stage,duration,"
	                 "es,ef,ls,lf,total_float,free_float,critical");
	opflow__buf_puts(&b, a->dated ? ",start,finish,late_start,late_finish"
	                                "\r\n" : "\r\n");
	for (size_t i = 0; i < g->n; i++) {
		const struct opflow__activity *x = &g->acts[i];
		double t[7];

		values(t, a, (uint32_t)i);
		csv_field(&b, opflow__key(g, (uint32_t)i), x->key_len);
		opflow__buf_put(&b, ",", 1);
		csv_text(&b, x->label);
		opflow__buf_put(&b, ",", 1);
		opflow__buf_puts(&b, opflow_kind_name((opflow_kind)x->kind));
		opflow__buf_put(&b, ",", 1);
		opflow__buf_puts(&b, opflow_category_name(
		                        (opflow_category)x->category));
		opflow__buf_put(&b, ",", 1);
		if (x->department != OPFLOW_NONE)
			csv_field(&b, g->depts[x->department].key,
			          g->depts[x->department].key_len);
		opflow__buf_put(&b, ",", 1);
		opflow__buf_puts(&b, opflow_stage_name(
		                        (opflow_stage)a->stage[OPFLOW__AT(a, i)]));
		for (int k = 0; k < 7; k++) {
			opflow__buf_put(&b, ",", 1);
			opflow__buf_double(&b, t[k]);
		}
		opflow__buf_puts(&b, a->flags[OPFLOW__AT(a, i)] & OPFLOW__CRIT
		                     ? ",true" : ",false");
		if (a->dated)
			instants(&b, a, OPFLOW__AT(a, i), 0);
		opflow__buf_puts(&b, "\r\n");
	}
	return opflow__buf_finish(&b, out, out_size);
}

/* ------------------------------------------------------------------ JSON */

static void json_string(struct opflow__buf *b, const char *s, size_t len)
{
	opflow__buf_escaped(b, s, len, 1);
}

static void json_str(struct opflow__buf *b, const char *s)
{
	if (s)
		json_string(b, s, strlen(s));
	else
		opflow__buf_puts(b, "null");
}

static void json_name(struct opflow__buf *b, const char *name, int first)
{
	opflow__buf_puts(b, first ? "\"" : ", \"");
	opflow__buf_puts(b, name);
	opflow__buf_puts(b, "\": ");
}

static void json_figure(struct opflow__buf *b, const opflow_analysis *a,
                        opflow_figure f, int first)
{
	json_name(b, opflow_figure_name(f), first);
	if (a->absent & (1u << f))
		opflow__buf_puts(b, "null");
	else
		opflow__buf_double(b, a->figure[f]);
}

static const char *dept_key(const opflow_analysis *a, uint32_t d)
{
	return d == OPFLOW_NONE ? NULL : a->dkeys + a->dkey_off[d];
}

static void json_activity(struct opflow__buf *b, const opflow_analysis *a,
                          const opflow_graph *g, uint32_t i)
{
	const struct opflow__activity *x = &g->acts[i];
	const uint32_t k = OPFLOW__AT(a, i);
	double t[7];

	values(t, a, i);
	opflow__buf_puts(b, "    {\"key\": ");
	json_string(b, opflow__key(g, i), x->key_len);
	opflow__buf_puts(b, ", \"label\": ");
	json_str(b, x->label);
	opflow__buf_puts(b, ", \"kind\": ");
	json_str(b, opflow_kind_name((opflow_kind)x->kind));
	opflow__buf_puts(b, ", \"category\": ");
	json_str(b, opflow_category_name((opflow_category)x->category));
	opflow__buf_puts(b, ", \"department\": ");
	json_str(b, dept_key(a, x->department));
	opflow__buf_puts(b, ", \"customer_facing\": ");
	opflow__buf_puts(b, x->customer_facing ? "true" : "false");
	opflow__buf_puts(b, ", \"stage\": ");
	json_str(b, opflow_stage_name((opflow_stage)a->stage[k]));
	for (int v = 0; v < 7; v++) {
		json_name(b, value_names[v], 0);
		opflow__buf_double(b, t[v]);
	}
	opflow__buf_puts(b, ", \"critical\": ");
	opflow__buf_puts(b, a->flags[k] & OPFLOW__CRIT ? "true" : "false");
	opflow__buf_puts(b, ", \"near_critical\": ");
	opflow__buf_puts(b, a->flags[k] & OPFLOW__NEAR ? "true" : "false");
	opflow__buf_puts(b, ", \"driving_flow\": ");
	if (a->drive_flow[k] == OPFLOW_NONE) {
		opflow__buf_puts(b, "null");
	} else {
		opflow__buf_puts(b, "{\"source\": ");
		json_str(b, a->keys + a->key_off[a->drive_src[k]]);
		opflow__buf_puts(b, ", \"type\": ");
		json_str(b, opflow_flow_type_name(
		                (opflow_flow_type)a->drive_type[k]));
		opflow__buf_puts(b, ", \"lag\": ");
		opflow__buf_double(b, a->drive_lag[k]);
		opflow__buf_puts(b, "}");
	}
	/* at a status date: the state and where the work left starts */
	opflow__buf_puts(b, ", \"state\": ");
	if (a->options.has_status_date) {
		json_str(b, opflow_state_name((opflow_state)a->p_state[k]));
		opflow__buf_puts(b, ", \"remaining_start\": ");
		opflow__buf_double(b, a->p_rs[k]);
	} else {
		opflow__buf_puts(b, "null, \"remaining_start\": null");
	}
	/* of a dated graph: the four instants */
	instants(b, a, k, 1);
	opflow__buf_puts(b, "}");
}

/* The critical chains as arrays of keys. */
static int json_chains(struct opflow__buf *b, const opflow_analysis *a)
{
	size_t longest = 1, len;
	opflow_id *ids;

	for (size_t c = 0; c < a->chains; c++)
		if (a->chain_depth[a->chain_leaf[c]] + (size_t)1 > longest)
			longest = a->chain_depth[a->chain_leaf[c]] + (size_t)1;
	ids = opflow__malloc(opflow__mul(longest, sizeof *ids));
	if (!ids)
		return opflow__nomem();
	for (size_t c = 0; c < a->chains; c++) {
		opflow_analysis_chain(&len, ids, longest, a, c);
		opflow__buf_puts(b, c ? ", [" : "[");
		for (size_t i = 0; i < len; i++) {
			if (i)
				opflow__buf_puts(b, ", ");
			json_str(b, a->keys + a->key_off[ids[i]]);
		}
		opflow__buf_puts(b, "]");
	}
	opflow__free(ids);
	return 0;
}

int opflow_analysis_write_json(char **out, size_t *out_size,
                               const opflow_analysis *a, const opflow_graph *g)
{
	static const char fn[] = "opflow_analysis_write_json";
	struct opflow__buf b = { NULL, 0, 0, 0 };
	int rc;

	if (!out)
		return opflow__null_arg(fn, "out");
	if ((rc = opflow__check_pair(g, a, fn)))
		return rc;
	opflow__buf_puts(&b, "{\n  \"format\": \"opflow-report\", "
	                 "\"format_version\": 1, \"library_version\": ");
	json_str(&b, OPFLOW_VERSION);
	opflow__buf_puts(&b, ",\n  \"options\": {\"durations\": ");
	json_str(&b, opflow_duration_mode_name(
	                 (opflow_duration_mode)a->options.duration_mode));
	opflow__buf_puts(&b, ", \"deadline\": ");
	if (a->options.has_deadline)
		opflow__buf_double(&b, a->options.deadline);
	else
		opflow__buf_puts(&b, "null");
	opflow__buf_puts(&b, ", \"tolerance\": ");
	opflow__buf_double(&b, a->tolerance);
	opflow__buf_puts(&b, ", \"near_critical\": ");
	opflow__buf_double(&b, a->options.near_critical);
	opflow__buf_puts(&b, ", \"status_date\": ");
	if (a->options.has_status_date) {
		opflow__buf_double(&b, a->options.status_date);
		opflow__buf_puts(&b, ", \"logic\": ");
		json_str(&b, opflow_logic_name((opflow_logic)a->options.logic));
	} else {
		opflow__buf_puts(&b, "null, \"logic\": null");
	}
	opflow__buf_puts(&b, "},\n  \"scope\": {");
	for (int f = OPFLOW_FIGURE_ACTIVITIES; f <= OPFLOW_FIGURE_OPERATION_HANDOFFS;
	     f++)
		json_figure(&b, a, (opflow_figure)f, f == 0);
	opflow__buf_puts(&b, "},\n  \"timeframe\": {");
	for (int f = OPFLOW_FIGURE_LEAD_TIME; f <= OPFLOW_FIGURE_TIMEFRAME_RATIO;
	     f++)
		json_figure(&b, a, (opflow_figure)f, f == OPFLOW_FIGURE_LEAD_TIME);
	opflow__buf_puts(&b, ",\n    \"critical_time_by_department\": [");
	for (size_t d = 0, k = 0; d <= a->nd; d++) {
		uint32_t id = d == a->nd ? OPFLOW_NONE : (uint32_t)d;

		if (a->crit_by_dept[d] == 0)
			continue;
		opflow__buf_puts(&b, k++ ? ", {\"department\": "
		                         : "{\"department\": ");
		json_str(&b, dept_key(a, id));
		opflow__buf_puts(&b, ", \"time\": ");
		opflow__buf_double(&b, a->crit_by_dept[d]);
		opflow__buf_puts(&b, "}");
	}
	opflow__buf_puts(&b, "],\n    \"critical_time_by_kind\": {"
	                 "\"production\": ");
	opflow__buf_double(&b, a->crit_by_kind[OPFLOW_KIND_PRODUCTION]);
	opflow__buf_puts(&b, ", \"operation\": ");
	opflow__buf_double(&b, a->crit_by_kind[OPFLOW_KIND_OPERATION]);
	/* since 1.4: the working lead time and, dated, the project's start
	 * and finish instants and the seconds of its unit (null when
	 * undated) */
	opflow__buf_puts(&b, "},\n    ");
	json_figure(&b, a, OPFLOW_FIGURE_WORKING_LEAD_TIME, 1);
	for (int i = 0; i < 2; i++) {
		char t[OPFLOW_INSTANT_SIZE];

		json_name(&b, i ? "finish" : "start", 0);
		if (!a->dated) {
			opflow__buf_puts(&b, "null");
			continue;
		}
		opflow_instant_format(t, sizeof t, i ? a->d_finish : a->d_start);
		opflow__buf_puts(&b, "\"");
		opflow__buf_puts(&b, t);
		opflow__buf_puts(&b, "\"");
	}
	json_name(&b, "unit", 0);
	if (a->dated)
		opflow__buf_size(&b, (size_t)a->d_unit);
	else
		opflow__buf_puts(&b, "null");
	opflow__buf_puts(&b, "},\n  \"pert\": {");
	for (int f = OPFLOW_FIGURE_PERT_LEAD_TIME;
	     f <= OPFLOW_FIGURE_PERT_PROBABILITY; f++)
		json_figure(&b, a, (opflow_figure)f,
		            f == OPFLOW_FIGURE_PERT_LEAD_TIME);
	opflow__buf_puts(&b, "},\n  \"critical_path\": [");
	if ((rc = json_chains(&b, a)))
		goto fail;
	opflow__buf_puts(&b, "],\n  \"handoff_matrix\": [");
	for (size_t h = 0; h < a->handoffs; h++) {
		opflow__buf_puts(&b, h ? ", {\"from\": " : "{\"from\": ");
		json_str(&b, dept_key(a, a->hand_from[h]));
		opflow__buf_puts(&b, ", \"to\": ");
		json_str(&b, dept_key(a, a->hand_to[h]));
		opflow__buf_puts(&b, ", \"count\": ");
		opflow__buf_size(&b, a->hand_count[h]);
		opflow__buf_puts(&b, "}");
	}
	opflow__buf_puts(&b, "],\n  \"activities\": [\n");
	for (size_t i = 0; i < g->n; i++) {
		json_activity(&b, a, g, (uint32_t)i);
		opflow__buf_puts(&b, i + 1 < g->n ? ",\n" : "\n");
	}
	opflow__buf_puts(&b, "  ]\n}\n");
	return opflow__buf_finish(&b, out, out_size);
fail:
	opflow__free(b.p);
	return rc;
}
