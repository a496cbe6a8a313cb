/*
 * opflow - the command-line face of libopflow: reports on a value chain,
 * checks it, prints its schedule as CSV and draws it for Graphviz.
 *
 *   opflow report FILE [--deadline T] [--durations MODE] [--json]
 *   opflow check FILE [--strict]
 *   opflow schedule FILE [--deadline T] [--durations MODE]
 *   opflow dot FILE [--deadline T]
 *
 * Exit status: 0 success (warnings do not change it unless --strict),
 * 1 an input error (parse error, cycle, unreadable file, out of memory),
 * 2 a usage error.
 */
#include <opflow.h>

#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_INPUT 1
#define EXIT_USAGE 2

/* Runs the tool on its own streams and returns the exit status; main()
 * passes stdin, stdout and stderr.  It never exits: a program may call
 * it again and again (tests/fuzz/fuzz_tool.c does). */
int opflow_tool_main(int argc, char **argv, FILE *in, FILE *out, FILE *err);

/* the streams of the current run */
static FILE *tool_in, *tool_out, *tool_err;

static const char usage_text[] =
	"usage: opflow COMMAND FILE [OPTIONS]\n"
	"\n"
	"commands:\n"
	"  report    scope, customer, collaboration and timeframe figures and\n"
	"            the critical path (--json for a program)\n"
	"  check     validate the file and warn about doubtful schedule logic\n"
	"  schedule  the schedule of every activity as CSV\n"
	"  dot       the value chain for Graphviz: opflow dot F | dot -Tsvg\n"
	"\n"
	"FILE is an .opflow file (see opflow(5)), or - for standard input.\n"
	"\n"
	"options:\n"
	"  --deadline T      analyse against the deadline T (same time unit)\n"
	"  --durations MODE  deterministic (default) or pert (PERT means)\n"
	"  --near-critical X near-critical threshold on total float\n"
	"  --json            report: print JSON instead of text\n"
	"  --strict          check: exit 1 when there are warnings too\n"
	"  --help            print this help and exit\n"
	"  --version         print the version and exit\n"
	"  --                end of options\n";

struct args {
	const char *command, *file;
	int json, strict, has_deadline;
	int done;       /* --help or --version: nothing more to do */
	double deadline, near_critical;
	opflow_duration_mode durations;
};

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(tool_err, "opflow: ");
	va_start(ap, fmt);
	vfprintf(tool_err, fmt, ap);
	va_end(ap);
	fprintf(tool_err, "\nTry 'opflow --help'.\n");
	return EXIT_USAGE;
}

static int number(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return *s && !*end && errno == 0 && isfinite(*out);
}

/* why a write to standard output failed, for the final message */
static int write_errno;

/* 0 when standard output took everything, else 1 with a message. */
static int flushed(void)
{
	errno = 0;
	if (fflush(tool_out) != 0 || ferror(tool_out)) {
		int err = errno ? errno : write_errno;

		fprintf(tool_err, "opflow: cannot write the output: %s\n",
		        err ? strerror(err) : "write error");
		return EXIT_INPUT;
	}
	return 0;
}

/* Options may come before or after the operands; "--" ends them. */
static int parse_args(struct args *a, int argc, char **argv)
{
	int operands = 0, options = 1;

	memset(a, 0, sizeof *a);
	a->durations = OPFLOW_DURATIONS_DETERMINISTIC;
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i], *value = NULL, *eq;
		char name[32];

		if (!options || s[0] != '-' || strcmp(s, "-") == 0) {
			if (operands == 0)
				a->command = s;
			else if (operands == 1)
				a->file = s;
			else
				return usage_error("unexpected argument '%s'", s);
			operands++;
			continue;
		}
		if (strcmp(s, "--") == 0) {
			options = 0;
			continue;
		}
		if (strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0) {
			fputs(usage_text, tool_out);
			a->done = 1;
			return flushed();
		}
		if (strcmp(s, "--version") == 0) {
			fprintf(tool_out, "opflow %s\n", opflow_version());
			a->done = 1;
			return flushed();
		}
		/* --name=value or --name value */
		eq = strchr(s, '=');
		if (eq && (size_t)(eq - s) < sizeof name) {
			memcpy(name, s, (size_t)(eq - s));
			name[eq - s] = '\0';
			value = eq + 1;
		} else if (strlen(s) < sizeof name) {
			strcpy(name, s);
		} else {
			return usage_error("unknown option '%s'", s);
		}
		if (strcmp(name, "--json") == 0 || strcmp(name, "--strict") == 0) {
			if (value)
				return usage_error("option '%s' takes no value", name);
			if (name[2] == 'j')
				a->json = 1;
			else
				a->strict = 1;
			continue;
		}
		if (strcmp(name, "--deadline") != 0 &&
		    strcmp(name, "--durations") != 0 &&
		    strcmp(name, "--near-critical") != 0)
			return usage_error("unknown option '%s'", s);
		if (!value) {
			if (i + 1 >= argc)
				return usage_error("option '%s' needs a value", name);
			value = argv[++i];
		}
		if (strcmp(name, "--deadline") == 0) {
			if (!number(value, &a->deadline))
				return usage_error("--deadline needs a finite number, "
				                   "not '%s'", value);
			a->has_deadline = 1;
		} else if (strcmp(name, "--near-critical") == 0) {
			if (!number(value, &a->near_critical) ||
			    a->near_critical < 0)
				return usage_error("--near-critical needs a number "
				                   ">= 0, not '%s'", value);
		} else if (opflow_duration_mode_from_name(&a->durations, value)) {
			return usage_error("--durations is deterministic or pert, "
			                   "not '%s'", value);
		}
	}
	if (!a->command)
		return usage_error("%s", "a command is needed: report, check, "
		                   "schedule or dot");
	if (strcmp(a->command, "report") != 0 && strcmp(a->command, "check") != 0 &&
	    strcmp(a->command, "schedule") != 0 && strcmp(a->command, "dot") != 0)
		return usage_error("unknown command '%s'", a->command);
	if (!a->file)
		return usage_error("%s", "a FILE is needed (- for standard input)");
	if (a->json && strcmp(a->command, "report") != 0)
		return usage_error("%s", "--json goes with report");
	if (a->strict && strcmp(a->command, "check") != 0)
		return usage_error("%s", "--strict goes with check");
	return 0;
}

static const char *display_name(const struct args *a)
{
	return strcmp(a->file, "-") == 0 ? "<stdin>" : a->file;
}

/* The library's last error, as FILE:LINE:COLUMN or FILE. */
static int input_error(const struct args *a)
{
	if (opflow_error_code() == OPFLOW_EPARSE && opflow_error_line())
		fprintf(tool_err, "%s:%zu:%zu: error: %s\n", display_name(a),
		        opflow_error_line(), opflow_error_column(),
		        opflow_error_message());
	else
		fprintf(tool_err, "%s: error: %s\n", display_name(a),
		        opflow_error_message());
	return EXIT_INPUT;
}

static int load(const struct args *a, opflow_graph **g)
{
	int rc = strcmp(a->file, "-") == 0 ? opflow_graph_load_file(g, tool_in)
	                                    : opflow_graph_load_path(g, a->file);

	return rc ? input_error(a) : 0;
}

static int analyse(const struct args *a, const opflow_graph *g,
                   opflow_analysis **out)
{
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;

	o.duration_mode = a->durations;
	o.has_deadline = a->has_deadline;
	o.deadline = a->deadline;
	o.near_critical = a->near_critical;
	return opflow_analyze(out, g, &o) ? input_error(a) : 0;
}

static int emit(char *text, size_t len)
{
	if (fwrite(text, 1, len, tool_out) != len)
		write_errno = errno;
	opflow_free(text);
	return 0;
}

/* ------------------------------------------------------------ text report */

static double fig(const opflow_analysis *an, opflow_figure f, int *present)
{
	double v = 0;

	*present = opflow_analysis_figure(&v, an, f) == 0;
	return v;
}

static void row(const char *name, double v)
{
	fprintf(tool_out, "  %-28s %g\n", name, v);
}

static void percent_row(const char *name, double share, double part,
                        double whole, const char *of)
{
	fprintf(tool_out, "  %-28s %.1f%% (%g of %g %s)\n", name, 100 * share,
	        part, whole, of);
}

static void report_scope(const opflow_analysis *an, const opflow_graph *g)
{
	int p;

	fprintf(tool_out, "Scope (the production process within the "
	        "operation process)\n");
	row("activities", fig(an, OPFLOW_FIGURE_ACTIVITIES, &p));
	row("  production", fig(an, OPFLOW_FIGURE_PRODUCTION_ACTIVITIES, &p));
	row("  operation", fig(an, OPFLOW_FIGURE_OPERATION_ACTIVITIES, &p));
	percent_row("production share", fig(an, OPFLOW_FIGURE_PRODUCTION_SHARE, &p),
	            fig(an, OPFLOW_FIGURE_PRODUCTION_ACTIVITIES, &p),
	            fig(an, OPFLOW_FIGURE_ACTIVITIES, &p), "activities");
	row("effort", fig(an, OPFLOW_FIGURE_EFFORT, &p));
	percent_row("production effort share",
	            fig(an, OPFLOW_FIGURE_PRODUCTION_EFFORT_SHARE, &p),
	            fig(an, OPFLOW_FIGURE_PRODUCTION_EFFORT, &p),
	            fig(an, OPFLOW_FIGURE_EFFORT, &p), "effort");
	fprintf(tool_out, "  %-28s %g (production: %g)\n", "departments",
	        fig(an, OPFLOW_FIGURE_DEPARTMENTS, &p),
	        fig(an, OPFLOW_FIGURE_PRODUCTION_DEPARTMENTS, &p));
	fprintf(tool_out, "  %-28s %g (production: %g)\n", "categories",
	        fig(an, OPFLOW_FIGURE_CATEGORIES, &p),
	        fig(an, OPFLOW_FIGURE_PRODUCTION_CATEGORIES, &p));
	fprintf(tool_out, "  %-28s %zu\n", "flows", opflow_graph_flow_count(g));

	fprintf(tool_out, "\nCustomer orientation\n");
	fprintf(tool_out, "  %-28s %g, with %g effort\n",
	        "customer-facing activities",
	        fig(an, OPFLOW_FIGURE_CUSTOMER_FACING, &p),
	        fig(an, OPFLOW_FIGURE_CUSTOMER_FACING_EFFORT, &p));
	for (opflow_id i = 0; i < opflow_graph_activity_count(g); i++) {
		const char *key;
		int cf;

		opflow_graph_activity_customer_facing(&cf, g, i);
		if (!cf)
			continue;
		opflow_graph_activity_key(&key, g, i);
		fprintf(tool_out, "    %s\n", key);
	}
}

static void report_collaboration(const opflow_analysis *an)
{
	int p;

	fprintf(tool_out, "\nInterdepartmental collaboration\n");
	row("handoffs", fig(an, OPFLOW_FIGURE_HANDOFFS, &p));
	row("  within production", fig(an, OPFLOW_FIGURE_PRODUCTION_HANDOFFS, &p));
	row("  across the boundary", fig(an, OPFLOW_FIGURE_BOUNDARY_HANDOFFS, &p));
	row("  within operation", fig(an, OPFLOW_FIGURE_OPERATION_HANDOFFS, &p));
	if (opflow_analysis_handoff_count(an))
		fprintf(tool_out, "  handoff matrix (from -> to: flows)\n");
	for (size_t h = 0; h < opflow_analysis_handoff_count(an); h++) {
		opflow_id from, to;
		size_t count;
		const char *f, *t;

		opflow_analysis_handoff(&from, &to, &count, an, h);
		opflow_analysis_department_key(&f, an, from);
		opflow_analysis_department_key(&t, an, to);
		fprintf(tool_out, "    %s -> %s: %zu\n", f, t, count);
	}
}

static void report_timeframe(const opflow_analysis *an, const struct args *a)
{
	int p, q;
	double v;

	fprintf(tool_out, "\nTimeframe\n");
	row("lead time", fig(an, OPFLOW_FIGURE_LEAD_TIME, &p));
	v = fig(an, OPFLOW_FIGURE_PRODUCTION_START, &p);
	if (!p) {
		fprintf(tool_out, "  %-28s %s\n", "production window",
		        "absent (no production activity)");
	} else {
		fprintf(tool_out, "  %-28s %g to %g (%g)\n",
		        "production window", v,
		        fig(an, OPFLOW_FIGURE_PRODUCTION_END, &p),
		        fig(an, OPFLOW_FIGURE_PRODUCTION_WINDOW, &p));
		row("before production", fig(an, OPFLOW_FIGURE_PRE_PRODUCTION, &p));
		row("after production", fig(an, OPFLOW_FIGURE_POST_PRODUCTION, &p));
		row("production span", fig(an, OPFLOW_FIGURE_PRODUCTION_SPAN, &p));
		v = fig(an, OPFLOW_FIGURE_TIMEFRAME_RATIO, &q);
		if (q)
			fprintf(tool_out, "  %-28s %.3g\n", "timeframe ratio",
			        v);
		else
			fprintf(tool_out, "  %-28s absent (the production "
			        "span is 0)\n", "timeframe ratio");
	}
	fprintf(tool_out, "  critical time by kind\n");
	for (int k = OPFLOW_KIND_PRODUCTION; k <= OPFLOW_KIND_OPERATION; k++) {
		opflow_analysis_critical_time_by_kind(&v, an, (opflow_kind)k);
		fprintf(tool_out, "    %-26s %g\n",
		        opflow_kind_name((opflow_kind)k), v);
	}
	fprintf(tool_out, "  critical time by department\n");
	for (size_t d = 0; d <= opflow_analysis_department_count(an); d++) {
		opflow_id id = d == opflow_analysis_department_count(an)
		               ? OPFLOW_NONE : (opflow_id)d;
		const char *key = "(no department)";

		opflow_analysis_critical_time_by_department(&v, an, id);
		if (v == 0)
			continue;
		if (id != OPFLOW_NONE)
			opflow_analysis_department_key(&key, an, id);
		fprintf(tool_out, "    %-26s %g\n", key, v);
	}
	fprintf(tool_out, "\nRisk (PERT)\n");
	row("expected lead time", fig(an, OPFLOW_FIGURE_PERT_LEAD_TIME, &p));
	fprintf(tool_out, "  %-28s %.4g\n", "standard deviation",
	        fig(an, OPFLOW_FIGURE_PERT_STDDEV, &p));
	v = fig(an, OPFLOW_FIGURE_PERT_PROBABILITY, &p);
	if (p) {
		char label[64];

		snprintf(label, sizeof label, "P(lead time <= %g)", a->deadline);
		fprintf(tool_out, "  %-28s %.1f%%\n", label, 100 * v);
	}
}

static void report_near(const opflow_analysis *an, const struct args *a)
{
	int any = 0;

	if (a->near_critical <= 0)
		return;
	fprintf(tool_out, "\nNear-critical (total float within %g of the "
	        "critical path's)\n", a->near_critical);
	for (opflow_id i = 0; i < opflow_analysis_activity_count(an); i++) {
		const char *key;
		int critical, near;
		double tf;

		opflow_analysis_criticality(&critical, &near, an, i);
		if (critical || !near)
			continue;
		opflow_analysis_activity_key(&key, an, i);
		opflow_analysis_floats(&tf, NULL, an, i);
		fprintf(tool_out, "  %-28s total float %g\n", key, tf);
		any = 1;
	}
	if (!any)
		fprintf(tool_out, "  (none besides the critical activities)\n");
}

static void report_path(const opflow_analysis *an)
{
	size_t chains = opflow_analysis_chain_count(an), cap = 0;
	opflow_id *ids = NULL;

	fprintf(tool_out, "\nCritical path\n");
	for (size_t c = 0; c < chains; c++) {
		size_t len;

		opflow_analysis_chain(&len, NULL, 0, an, c);
		if (len > cap) {
			free(ids);
			cap = len;
			ids = malloc(cap * sizeof *ids);
			if (!ids) {
				fprintf(tool_out, "  (out of memory)\n");
				return;
			}
		}
		opflow_analysis_chain(&len, ids, cap, an, c);
		fprintf(tool_out, "  ");
		for (size_t i = 0; i < len; i++) {
			const char *key;

			opflow_analysis_activity_key(&key, an, ids[i]);
			fprintf(tool_out, "%s%s", i ? " -> " : "", key);
		}
		fputc('\n', tool_out);
	}
	free(ids);
}

static int cmd_report(const struct args *a, opflow_graph *g)
{
	opflow_analysis *an;
	int rc;

	if ((rc = analyse(a, g, &an)))
		return rc;
	if (a->json) {
		char *text;
		size_t len;

		rc = opflow_analysis_write_json(&text, &len, an, g)
		     ? input_error(a) : emit(text, len);
		opflow_analysis_free(an);
		return rc;
	}
	fprintf(tool_out, "Value chain %s: %zu activities, %zu flows, "
	        "%zu departments\n\n", display_name(a),
	        opflow_graph_activity_count(g), opflow_graph_flow_count(g),
	        opflow_graph_department_count(g));
	report_scope(an, g);
	report_collaboration(an);
	report_timeframe(an, a);
	report_path(an);
	report_near(an, a);
	opflow_analysis_free(an);
	return 0;
}

static int cmd_check(const struct args *a, opflow_graph *g)
{
	opflow_findings *f;
	size_t errors = 0, warnings = 0;

	if (opflow_graph_check(&f, g, NULL))
		return input_error(a);
	for (size_t i = 0; i < opflow_findings_count(f); i++) {
		opflow_severity sev;
		const char *msg;

		opflow_findings_get(NULL, &sev, NULL, NULL, &msg, f, i);
		fprintf(sev == OPFLOW_SEVERITY_ERROR ? tool_err : tool_out,
		        "%s: %s: %s\n", display_name(a), opflow_severity_name(sev),
		        msg);
		if (sev == OPFLOW_SEVERITY_ERROR)
			errors++;
		else
			warnings++;
	}
	opflow_findings_free(f);
	fprintf(tool_out, "%s: %zu activities, %zu flows: %zu errors, "
	        "%zu warnings\n", display_name(a), opflow_graph_activity_count(g),
	        opflow_graph_flow_count(g), errors, warnings);
	if (errors || (a->strict && warnings))
		return EXIT_INPUT;
	return 0;
}

static int cmd_export(const struct args *a, opflow_graph *g, int csv)
{
	opflow_analysis *an;
	char *text;
	size_t len;
	int rc;

	if ((rc = analyse(a, g, &an)))
		return rc;
	rc = csv ? opflow_analysis_write_csv(&text, &len, an, g)
	         : opflow_graph_write_dot(&text, &len, g, an);
	opflow_analysis_free(an);
	return rc ? input_error(a) : emit(text, len);
}

int opflow_tool_main(int argc, char **argv, FILE *in, FILE *out, FILE *err)
{
	struct args a;
	opflow_graph *g;
	int rc;

	tool_in = in;
	tool_out = out;
	tool_err = err;
	write_errno = 0;
	if ((rc = parse_args(&a, argc, argv)) || a.done)
		return rc;
	if ((rc = load(&a, &g)))
		return rc;
	if (strcmp(a.command, "report") == 0)
		rc = cmd_report(&a, g);
	else if (strcmp(a.command, "check") == 0)
		rc = cmd_check(&a, g);
	else
		rc = cmd_export(&a, g, strcmp(a.command, "schedule") == 0);
	opflow_graph_free(g);
	/* output that could not be written is an error, like any other */
	return flushed() ? EXIT_INPUT : rc;
}

#ifndef OPFLOW_TOOL_NO_MAIN
int main(int argc, char **argv)
{
	return opflow_tool_main(argc, argv, stdin, stdout, stderr);
}
#endif
