/*
 * dot.c - the graph for Graphviz: activities grouped by stage, filled by
 * kind, labelled with their department and duration; the critical path
 * drawn bold.  Without an analysis: the activities and flows alone.
 */
#include "config.h"

#include "internal.h"

#include <string.h>

/* A DOT double-quoted string; a newline becomes DOT's \n line break. */
static void dot_string(struct opflow__buf *b, const char *s, size_t len)
{
	size_t start = 0;

	opflow__buf_put(b, "\"", 1);
	for (size_t i = 0; i < len; i++) {
		const char *esc;

		if (s[i] == '"')
			esc = "\\\"";
		else if (s[i] == '\\')
			esc = "\\\\";
		else if (s[i] == '\n')
			esc = "\\n";
		else if (s[i] == '\r' || s[i] == '\t')
			esc = " ";
		else
			continue;
		opflow__buf_put(b, s + start, i - start);
		opflow__buf_puts(b, esc);
		start = i + 1;
	}
	opflow__buf_put(b, s + start, len - start);
	opflow__buf_put(b, "\"", 1);
}

/* The label's text before quoting: "Label\nkey\nDepartment · 6" */
static void node_label(struct opflow__buf *tmp, const opflow_graph *g,
                       const opflow_analysis *a, uint32_t i)
{
	const struct opflow__activity *x = &g->acts[i];

	tmp->len = 0;
	if (x->label) {
		opflow__buf_puts(tmp, x->label);
		opflow__buf_puts(tmp, "\n");
	}
	opflow__buf_put(tmp, opflow__key(g, i), x->key_len);
	opflow__buf_puts(tmp, "\n");
	if (x->department != OPFLOW_NONE) {
		opflow__buf_puts(tmp, g->depts[x->department].key);
		opflow__buf_puts(tmp, " \xC2\xB7 ");
	}
	opflow__buf_double(tmp, a ? a->dur[OPFLOW__AT(a, i)] : x->duration);
}

static void node(struct opflow__buf *b, struct opflow__buf *tmp,
                 const opflow_graph *g, const opflow_analysis *a, uint32_t i,
                 const char *indent)
{
	int prod = g->acts[i].kind == OPFLOW_KIND_PRODUCTION;

	opflow__buf_puts(b, indent);
	opflow__buf_puts(b, "n");
	opflow__buf_size(b, i);
	opflow__buf_puts(b, " [label=");
	node_label(tmp, g, a, i);
	if (!tmp->failed)
		dot_string(b, tmp->p, tmp->len);
	opflow__buf_puts(b, prod ? ", fillcolor=\"#f6c177\"" :
	                           ", fillcolor=\"#a9c8f0\"");
	if (a && (a->flags[OPFLOW__AT(a, i)] & OPFLOW__CRIT))
		opflow__buf_puts(b, ", penwidth=3");
	opflow__buf_puts(b, "];\n");
}

int opflow_graph_write_dot(char **out, size_t *out_size, const opflow_graph *g,
                           const opflow_analysis *a)
{
	static const char fn[] = "opflow_graph_write_dot";
	static const char *const clusters[] = {
		"pre-production", "production", "interleaved",
		"post-production", "independent"
	};
	static const int cluster_stage[] = {
		OPFLOW_STAGE_PRE_PRODUCTION, OPFLOW_STAGE_PRODUCTION,
		OPFLOW_STAGE_INTERLEAVED, OPFLOW_STAGE_POST_PRODUCTION,
		OPFLOW_STAGE_INDEPENDENT
	};
	struct opflow__buf b = { NULL, 0, 0, 0 }, tmp = { NULL, 0, 0, 0 };
	int rc;

	if (!out)
		return opflow__null_arg(fn, "out");
	if (!g)
		return opflow__null_arg(fn, "graph");
	if (a && (rc = opflow__check_pair(g, a, fn)))
		return rc;
	opflow__buf_puts(&b, "digraph value_chain {\n"
	    "  graph [rankdir=LR, fontname=\"Helvetica\", newrank=true");
	if (a) {
		opflow__buf_puts(&b, ", labelloc=t, label=\"lead time ");
		opflow__buf_double(&b, a->figure[OPFLOW_FIGURE_LEAD_TIME]);
		opflow__buf_puts(&b, "; bold: the critical path\"");
	}
	opflow__buf_puts(&b, "];\n"
	    "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\","
	    " fontsize=10];\n"
	    "  edge [fontname=\"Helvetica\", fontsize=9];\n");
	if (a) {
		for (int c = 0; c < 5; c++) {
			int any = 0;

			for (size_t i = 0; i < g->n && !any; i++)
				any = a->stage[OPFLOW__AT(a, i)] ==
				      cluster_stage[c];
			if (!any)
				continue;
			opflow__buf_puts(&b, "  subgraph \"cluster_");
			opflow__buf_puts(&b, clusters[c]);
			opflow__buf_puts(&b, "\" {\n    label=\"");
			opflow__buf_puts(&b, clusters[c]);
			opflow__buf_puts(&b, "\"; style=\"rounded,dashed\"; "
			                 "color=\"#888888\";\n");
			for (size_t i = 0; i < g->n; i++)
				if (a->stage[OPFLOW__AT(a, i)] == cluster_stage[c])
					node(&b, &tmp, g, a, (uint32_t)i, "    ");
			opflow__buf_puts(&b, "  }\n");
		}
	} else {
		for (size_t i = 0; i < g->n; i++)
			node(&b, &tmp, g, a, (uint32_t)i, "  ");
	}
	for (size_t f = 0; f < g->m; f++) {
		const struct opflow__flow *fl = &g->flows[f];
		int labelled = fl->type != OPFLOW_FLOW_FS || fl->lag != 0;
		int bold = a && opflow__flow_tight(a, fl, (uint32_t)f);

		opflow__buf_puts(&b, "  n");
		opflow__buf_size(&b, fl->source);
		opflow__buf_puts(&b, " -> n");
		opflow__buf_size(&b, fl->target);
		if (labelled || bold)
			opflow__buf_puts(&b, " [");
		if (labelled) {
			opflow__buf_puts(&b, "label=\"");
			opflow__buf_puts(&b, opflow_flow_type_name(
			                        (opflow_flow_type)fl->type));
			if (fl->lag != 0) {
				opflow__buf_puts(&b, fl->lag > 0 ? " +" : " ");
				opflow__buf_double(&b, fl->lag);
			}
			opflow__buf_puts(&b, "\"");
		}
		if (bold)
			opflow__buf_puts(&b, labelled ? ", penwidth=3"
			                              : "penwidth=3");
		if (labelled || bold)
			opflow__buf_puts(&b, "]");
		opflow__buf_puts(&b, ";\n");
	}
	opflow__buf_puts(&b, "}\n");
	if (tmp.failed && !b.failed)
		b.failed = tmp.failed;
	opflow__free(tmp.p);
	return opflow__buf_finish(&b, out, out_size);
}
