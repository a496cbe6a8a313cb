/*
 * opflow - the command-line face of libopflow: reports on a value chain
 * (as text, JSON or an HTML page), checks it, prints its schedule as CSV,
 * draws it for Graphviz or as an SVG Gantt chart, simulates its schedule
 * risk and writes it in canonical form.
 *
 *   opflow report FILE [--deadline T] [--durations MODE] [--json]
 *                 [--status-date T [--logic L]] [--baseline OLD]
 *                 [--start INSTANT] [--unit U]
 *   opflow report --html FILE [the options of report] [--by G]
 *                 [--max-rows N] [--ignore KIND]... [--iterations N
 *                 [the options of simulate]]
 *   opflow check FILE [--strict] [--ignore KIND]... [--json]
 *                [--start INSTANT] [--unit U]
 *   opflow schedule FILE [--deadline T] [--durations MODE]
 *                   [--status-date T [--logic L]] [--start INSTANT] [--unit U]
 *   opflow dot FILE [--deadline T] [--status-date T [--logic L]]
 *              [--start INSTANT] [--unit U]
 *   opflow gantt FILE [--by stage|department] [--max-rows N]
 *                [--deadline T] [--durations MODE]
 *                [--status-date T [--logic L]] [--start INSTANT] [--unit U]
 *   opflow simulate FILE [--iterations N] [--seed S] [--deadline T]
 *                   [--distribution D] [--threads K] [--bins B] [--top K]
 *                   [--no-sensitivity] [--quiet] [--json]
 *                   [--status-date T [--logic L]]
 *   opflow fmt FILE
 *   opflow [COMMAND] --help
 *
 * Exit status: 0 success (warnings do not change it unless --strict),
 * 1 an input error (parse error, cycle, unreadable file, out of memory),
 * 2 a usage error.
 */
#define _POSIX_C_SOURCE 200809L

#include <opflow.h>

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "html.h"

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
	"            the critical path (--json for a program, --html for a\n"
	"            self-contained page)\n"
	"  check     validate the file and warn about doubtful schedule logic\n"
	"            (--json for a program)\n"
	"  schedule  the schedule of every activity as CSV\n"
	"  dot       the value chain for Graphviz: opflow dot F | dot -Tsvg\n"
	"  gantt     the schedule as an SVG Gantt chart\n"
	"  simulate  Monte Carlo schedule risk: the lead time's distribution,\n"
	"            the chance of meeting --deadline, each activity's\n"
	"            criticality (--json for a program)\n"
	"  fmt       the file in canonical form on standard output\n"
	"\n"
	"FILE is an .opflow file (see opflow(5)), or - for standard input.\n"
	"'opflow COMMAND --help' lists the options of one command.\n"
	"\n"
	"options:\n"
	"  --deadline T      analyse against the deadline T (same time unit;\n"
	"                    of a dated graph also an instant)\n"
	"  --durations MODE  deterministic (default) or pert (PERT means)\n"
	"  --near-critical X near-critical threshold on total float\n"
	"  --status-date T   report, schedule, dot, simulate: the progress at T\n"
	"                    (of a dated graph also an instant)\n"
	"                    (actual starts and finishes, remaining work)\n"
	"  --logic L         with --status-date: retained (default) or\n"
	"                    override, how started work obeys its predecessors\n"
	"  --baseline OLD    report: compare the forecast with the plan in the\n"
	"                    .opflow file OLD\n"
	"  --start T         report, check, schedule, dot: date the graph from\n"
	"                    the instant T, as in 2026-12-21T06:00 (instead of\n"
	"                    the file's start)\n"
	"  --unit U          report, check, schedule, dot: the seconds in a unit\n"
	"                    of time: h (3600), min (60), s (1), d (28800, a day\n"
	"                    of one 8-hour shift) or a whole number; without a\n"
	"                    start it only labels the report's times\n"
	"  --json            report, check, simulate: print JSON instead of text\n"
	"  --html            report: one self-contained HTML page, with the\n"
	"                    Gantt chart, the handoff matrix, the findings of\n"
	"                    check and, with --iterations, the simulation's\n"
	"  --by G            gantt, report --html: rows grouped by stage\n"
	"                    (default) or department\n"
	"  --max-rows N      gantt, report --html: past N activities one row\n"
	"                    per department (default 500; 0: no limit)\n"
	"  --strict          check: exit 1 when there are warnings too (or no\n"
	"                    activity at all)\n"
	"  --ignore KIND     check, report --html: leave out the warnings of\n"
	"                    KIND, such as no-predecessor or high-float\n"
	"                    (repeatable)\n"
	"  --iterations N    simulate, report --html: N iterations (default\n"
	"                    10000)\n"
	"  --seed S          simulate: the random seed, 0 to 2^64 - 1 "
	"(default 0)\n"
	"  --distribution D  simulate: triangular (default) or pert "
	"(beta-PERT)\n"
	"  --threads K       simulate: K threads (default 0: one per "
	"processor)\n"
	"  --bins B          simulate: B histogram bins, 1 to 10000 "
	"(default 20)\n"
	"  --top K           simulate: list the K most critical activities\n"
	"                    (default 10; 0: all of them)\n"
	"  --no-sensitivity  simulate: skip the duration sensitivities\n"
	"  --quiet           simulate: no progress bar on a terminal\n"
	"  --help            print this help (after a command, that command's)\n"
	"                    and exit\n"
	"  --version         print the version and exit\n"
	"  --                end of options\n";

/* The help of each command: what it does, then the options it uses. */
#define HELP_FILE "FILE is an .opflow file (see opflow(5)), or - for " \
	"standard input.\n"
#define HELP_DEADLINE \
	"  --deadline T      analyse against the deadline T, in the file's\n" \
	"                    unit of time (of a dated graph also an instant)\n"
#define HELP_DURATIONS \
	"  --durations MODE  deterministic (default) or pert (PERT means)\n"
#define HELP_PROGRESS \
	"  --status-date T   the progress at T (of a dated graph also an\n" \
	"                    instant): actual starts and finishes, remaining\n" \
	"                    work\n" \
	"  --logic L         with --status-date: retained (default) or\n" \
	"                    override, how started work obeys its predecessors\n"
#define HELP_DATES \
	"  --start T         date the graph from the instant T, as in\n" \
	"                    2026-12-21T06:00 (instead of the file's start)\n" \
	"  --unit U          the seconds in a unit of time: h (3600), min (60),\n" \
	"                    s (1), d (28800, a day of one 8-hour shift) or a\n" \
	"                    whole number\n"
#define HELP_GANTT \
	"  --by G            group the chart's rows by stage (default) or\n" \
	"                    department\n" \
	"  --max-rows N      past N activities, one row per department\n" \
	"                    (default 500; 0: no limit)\n"
#define HELP_HELP \
	"  --help            print this help and exit\n"

static const struct {
	const char *command, *text;
} command_help[] = {
	{ "report",
	  "usage: opflow report FILE [OPTIONS]\n"
	  "\n"
	  "The figures of the value chain (scope, customer orientation,\n"
	  "collaboration, timeframe, PERT risk) and its critical path, as text\n"
	  "for a person or JSON for a program.  With --deadline the text starts\n"
	  "with \"finishes at T; late by N\" or \"finishes at T; N to spare\".\n"
	  HELP_FILE
	  "\n"
	  "options:\n"
	  HELP_DEADLINE
	  HELP_DURATIONS
	  "  --near-critical X list the activities whose total float is within X\n"
	  "                    of the least\n"
	  HELP_PROGRESS
	  "  --baseline OLD    compare the forecast with the plan in the .opflow\n"
	  "                    file OLD\n"
	  HELP_DATES
	  "  --json            print JSON instead of text\n"
	  "  --html            print one self-contained HTML page (no script,\n"
	  "                    nothing fetched): the verdict on --deadline, the\n"
	  "                    Gantt chart, the figures, the handoff matrix as\n"
	  "                    a heat table, the critical path, the findings of\n"
	  "                    check; with --iterations N, the simulation's\n"
	  "                    figures and histograms too\n"
	  "  with --html:\n"
	  "    --by G          group the Gantt chart's rows by stage (default)\n"
	  "                    or department\n"
	  "    --max-rows N    past N activities, one row per department\n"
	  "                    (default 500; 0: no limit)\n"
	  "    --ignore KIND   leave out the check's warnings of KIND\n"
	  "                    (repeatable; see opflow check --help)\n"
	  "    --iterations N  simulate N iterations; then --seed,\n"
	  "                    --distribution, --threads, --bins, --top,\n"
	  "                    --no-sensitivity and --quiet as opflow simulate\n"
	  "                    takes them\n"
	  HELP_HELP },
	{ "check",
	  "usage: opflow check FILE [OPTIONS]\n"
	  "\n"
	  "Validates the value chain and warns about doubtful schedule logic:\n"
	  "each finding a line (errors on standard error, warnings on standard\n"
	  "output), then their counts.  Exit status 1 on an error, and with\n"
	  "--strict on a warning too.\n"
	  HELP_FILE
	  "\n"
	  "options:\n"
	  "  --strict          exit 1 when there are warnings too, or no activity\n"
	  "                    at all\n"
	  "  --ignore KIND     leave out the warnings of KIND (repeatable):\n"
	  "                    no-predecessor, no-successor, negative-lag,\n"
	  "                    start-to-finish, high-float, out-of-sequence,\n"
	  "                    constraint-conflict, idle-calendar,\n"
	  "                    fractional-seconds\n"
	  "  --json            print the findings as one JSON object\n"
	  HELP_DATES
	  HELP_HELP },
	{ "schedule",
	  "usage: opflow schedule FILE [OPTIONS]\n"
	  "\n"
	  "The schedule of every activity as CSV: its early and late times,\n"
	  "floats and criticality; of a dated graph its instants too, and with\n"
	  "--status-date its state and where its work left starts.\n"
	  HELP_FILE
	  "\n"
	  "options:\n"
	  HELP_DEADLINE
	  HELP_DURATIONS
	  HELP_PROGRESS
	  HELP_DATES
	  HELP_HELP },
	{ "dot",
	  "usage: opflow dot FILE [OPTIONS]\n"
	  "\n"
	  "The value chain in the DOT language of Graphviz, grouped by stage,\n"
	  "the critical path bold: opflow dot FILE | dot -Tsvg > chain.svg\n"
	  HELP_FILE
	  "\n"
	  "options:\n"
	  HELP_DEADLINE
	  HELP_DURATIONS
	  HELP_PROGRESS
	  HELP_DATES
	  HELP_HELP },
	{ "gantt",
	  "usage: opflow gantt FILE [OPTIONS]\n"
	  "\n"
	  "The schedule as an SVG Gantt chart: a bar per activity from its\n"
	  "early start to its early finish, its total float a thin tail, the\n"
	  "critical bars and the driving flows among them red, the production\n"
	  "window shaded, a time axis in units or, dated, in dates:\n"
	  "opflow gantt FILE > chain.svg\n"
	  HELP_FILE
	  "\n"
	  "options:\n"
	  HELP_GANTT
	  HELP_DEADLINE
	  HELP_DURATIONS
	  HELP_PROGRESS
	  HELP_DATES
	  HELP_HELP },
	{ "simulate",
	  "usage: opflow simulate FILE [OPTIONS]\n"
	  "\n"
	  "Monte Carlo schedule risk: the lead time's distribution, the chance\n"
	  "of meeting --deadline and each activity's criticality, as text for\n"
	  "a person or JSON for a program.\n"
	  HELP_FILE
	  "\n"
	  "options:\n"
	  "  --iterations N    N iterations (default 10000)\n"
	  "  --seed S          the random seed, 0 to 2^64 - 1 (default 0)\n"
	  HELP_DEADLINE
	  "  --distribution D  triangular (default) or pert (beta-PERT)\n"
	  "  --threads K       K threads (default 0: one per processor)\n"
	  "  --bins B          B histogram bins, 1 to 10000 (default 20)\n"
	  "  --top K           list the K most critical activities (default 10;\n"
	  "                    0: all of them)\n"
	  "  --no-sensitivity  skip the duration sensitivities\n"
	  "  --quiet           no progress bar on a terminal\n"
	  HELP_PROGRESS
	  "  --json            print JSON instead of text\n"
	  HELP_HELP },
	{ "fmt",
	  "usage: opflow fmt FILE\n"
	  "\n"
	  "Writes the value chain on standard output in the canonical form of\n"
	  "opflow(5): statements and attributes in a stable order, numbers that\n"
	  "read back exactly, no comments.  Writing that again gives the same\n"
	  "bytes.\n"
	  HELP_FILE
	  "\n"
	  "options:\n"
	  HELP_HELP },
};

#define MAX_BINS 10000

struct args {
	const char *command, *file;
	int json, strict, html, has_deadline;
	unsigned long ignore;   /* check: the kinds of --ignore, bit by kind */
	const char *option;     /* the first option given, or NULL */
	int done;       /* --help or --version: nothing more to do */
	double deadline, near_critical;
	opflow_duration_mode durations;
	/* progress */
	int has_status_date, has_logic;
	double status_date;
	opflow_logic logic;
	const char *progress_option;    /* --status-date or --logic, or NULL */
	const char *baseline;           /* --baseline OLD, or NULL */
	/* dates */
	int has_start, has_unit;
	int64_t start, unit;
	/* --deadline and --status-date given as instants, made times once
	 * the (dated) graph is loaded */
	int deadline_at, status_at;
	int64_t deadline_instant, status_instant;
	const char *date_option;        /* --start or --unit, or NULL */
	/* simulate */
	const char *sim_option;         /* one of its options given, or NULL */
	opflow_distribution distribution;
	uint64_t iterations, seed;
	int threads, sensitivity, quiet, has_iterations;
	size_t bins, top;
	/* gantt, report --html */
	const char *gantt_option;       /* --by or --max-rows, or NULL */
	int gantt_group;                /* opflow_gantt_group */
	size_t max_rows;
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

/* A whole number in decimal digits from lo to hi into *out. */
static int whole(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
	uint64_t v = 0;

	if (!*s)
		return 0;
	for (; *s; s++) {
		unsigned d = (unsigned)((unsigned char)*s - '0');

		if (d > 9 || v > (UINT64_MAX - d) / 10)
			return 0;
		v = v * 10 + d;
	}
	if (v < lo || v > hi)
		return 0;
	*out = v;
	return 1;
}

/* The options without a value, then those with one; the flags from
 * FIRST_SIM_FLAG on and the values from V_ITERATIONS to V_TOP go with
 * simulate alone. */
static const char *const flag_names[] = {
	"--json", "--strict", "--html", "--no-sensitivity", "--quiet"
};
enum value_option {
	V_DEADLINE, V_DURATIONS, V_NEAR_CRITICAL, V_ITERATIONS, V_SEED,
	V_DISTRIBUTION, V_THREADS, V_BINS, V_TOP, V_STATUS_DATE, V_LOGIC,
	V_BASELINE, V_START, V_UNIT, V_IGNORE, V_BY, V_MAX_ROWS
};
static const char *const value_names[] = {
	"--deadline", "--durations", "--near-critical", "--iterations",
	"--seed", "--distribution", "--threads", "--bins", "--top",
	"--status-date", "--logic", "--baseline", "--start", "--unit",
	"--ignore", "--by", "--max-rows"
};
#define FIRST_SIM_FLAG 3
#define COUNT(t) (sizeof (t) / sizeof *(t))

static int find_name(const char *name, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, names[i]) == 0)
			return (int)i;
	return -1;
}

/* The longest unit the library takes: a year of 366 days. */
#define UNIT_MAX (366 * 86400)

/* The unit of --unit: a name or a whole number of seconds. */
static int unit_value(const char *s, int64_t *out)
{
	static const struct {
		const char *name;
		int64_t seconds;
	} names[] = {
		{ "h", 3600 }, { "min", 60 }, { "s", 1 }, { "d", 28800 }
	};
	uint64_t n;

	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(s, names[i].name) == 0) {
			*out = names[i].seconds;
			return 1;
		}
	if (!whole(s, 1, UNIT_MAX, &n))
		return 0;
	*out = (int64_t)n;
	return 1;
}

/* Whether kind is a kind of finding that --ignore takes: a warning's, the
 * errors never being left out. */
static int ignorable(opflow_finding_kind kind)
{
	return kind > OPFLOW_FINDING_OUT_OF_RANGE &&
	       (unsigned)kind < sizeof(unsigned long) * CHAR_BIT;
}

/* --ignore KIND: a kind of warning, else a usage error naming them all. */
static int ignore_kind(struct args *a, const char *value)
{
	opflow_finding_kind kind;
	char names[512];
	size_t len = 0;
	int k, i = 0, total = 0;

	if (opflow_finding_kind_from_name(&kind, value) == 0 &&
	    ignorable(kind)) {
		a->ignore |= 1UL << kind;
		return 0;
	}
	for (k = 0; opflow_finding_kind_name((opflow_finding_kind)k); k++)
		total += ignorable((opflow_finding_kind)k);
	names[0] = '\0';
	for (k = 0; opflow_finding_kind_name((opflow_finding_kind)k) &&
	            len < sizeof names; k++) {
		if (!ignorable((opflow_finding_kind)k))
			continue;
		len += (size_t)snprintf(names + len, sizeof names - len, "%s%s",
		                        i == 0 ? "" : i + 1 == total ? " or "
		                                                     : ", ",
		                        opflow_finding_kind_name(
		                                (opflow_finding_kind)k));
		i++;
	}
	return usage_error("--ignore takes a kind of warning: %s; not '%s'",
	                   names, value);
}

/* Sets option v of value_names to value. */
static int set_value(struct args *a, int v, const char *value)
{
	uint64_t n;

	switch ((enum value_option)v) {
	case V_DEADLINE:
		a->deadline_at = !number(value, &a->deadline);
		if (a->deadline_at &&
		    opflow_instant_parse(&a->deadline_instant, value))
			return usage_error("--deadline needs a finite number or "
			                   "an instant such as 2027-01-15T14:00, "
			                   "not '%s'", value);
		a->has_deadline = 1;
		break;
	case V_DURATIONS:
		if (opflow_duration_mode_from_name(&a->durations, value))
			return usage_error("--durations is deterministic or pert, "
			                   "not '%s'", value);
		break;
	case V_NEAR_CRITICAL:
		if (!number(value, &a->near_critical) || a->near_critical < 0)
			return usage_error("--near-critical needs a number "
			                   ">= 0, not '%s'", value);
		break;
	case V_ITERATIONS:
		if (!whole(value, 1, UINT64_MAX, &a->iterations))
			return usage_error("--iterations needs a whole number "
			                   ">= 1, not '%s'", value);
		break;
	case V_SEED:
		if (!whole(value, 0, UINT64_MAX, &a->seed))
			return usage_error("--seed needs a whole number from 0 "
			                   "to %" PRIu64 ", not '%s'", UINT64_MAX,
			                   value);
		break;
	case V_DISTRIBUTION:
		if (opflow_distribution_from_name(&a->distribution, value))
			return usage_error("--distribution is triangular or pert, "
			                   "not '%s'", value);
		break;
	case V_THREADS:
		if (!whole(value, 0, INT_MAX, &n))
			return usage_error("--threads needs a whole number >= 0 "
			                   "(0: one per processor), not '%s'",
			                   value);
		a->threads = (int)n;
		break;
	case V_BINS:
		if (!whole(value, 1, MAX_BINS, &n))
			return usage_error("--bins needs a whole number from 1 to "
			                   "%d, not '%s'", MAX_BINS, value);
		a->bins = (size_t)n;
		break;
	case V_TOP:
		if (!whole(value, 0, SIZE_MAX, &n))
			return usage_error("--top needs a whole number >= 0 "
			                   "(0: every activity), not '%s'", value);
		a->top = (size_t)n;
		break;
	case V_STATUS_DATE:
		a->status_at = !number(value, &a->status_date);
		if (a->status_at &&
		    opflow_instant_parse(&a->status_instant, value))
			return usage_error("--status-date needs a finite number "
			                   "or an instant such as "
			                   "2026-12-22T10:00, not '%s'", value);
		a->has_status_date = 1;
		break;
	case V_LOGIC:
		if (opflow_logic_from_name(&a->logic, value))
			return usage_error("--logic is retained or override, "
			                   "not '%s'", value);
		a->has_logic = 1;
		break;
	case V_BASELINE:
		if (!*value)
			return usage_error("%s", "--baseline needs a file name "
			                   "(- for standard input)");
		a->baseline = value;
		break;
	case V_START:
		if (opflow_instant_parse(&a->start, value))
			return usage_error("--start needs an instant YYYY-MM-DD, "
			                   "YYYY-MM-DDTHH:MM or "
			                   "YYYY-MM-DDTHH:MM:SS, not '%s'", value);
		a->has_start = 1;
		break;
	case V_IGNORE:
		return ignore_kind(a, value);
	case V_BY:
		if (strcmp(value, "stage") == 0)
			a->gantt_group = OPFLOW_GANTT_BY_STAGE;
		else if (strcmp(value, "department") == 0)
			a->gantt_group = OPFLOW_GANTT_BY_DEPARTMENT;
		else
			return usage_error("--by is stage or department, not "
			                   "'%s'", value);
		break;
	case V_MAX_ROWS:
		if (!whole(value, 0, SIZE_MAX, &n))
			return usage_error("--max-rows needs a whole number >= 0 "
			                   "(0: no limit), not '%s'", value);
		a->max_rows = (size_t)n;
		break;
	case V_UNIT:
		if (!unit_value(value, &a->unit))
			return usage_error("--unit is h, min, s, d or a whole "
			                   "number of seconds from 1 to %d, "
			                   "not '%s'", UNIT_MAX, value);
		a->has_unit = 1;
		break;
	}
	return 0;
}

static int is_command(const char *s)
{
	static const char *const commands[] = {
		"report", "check", "schedule", "dot", "gantt", "simulate",
		"fmt"
	};

	return find_name(s, commands, COUNT(commands)) >= 0;
}

/* The help of command, or the general help when it is NULL or no
 * command. */
static const char *help_of(const char *command)
{
	for (size_t i = 0; command && i < COUNT(command_help); i++)
		if (strcmp(command, command_help[i].command) == 0)
			return command_help[i].text;
	return usage_text;
}

/* Options may come before or after the operands; "--" ends them. */
static int parse_args(struct args *a, int argc, char **argv)
{
	int operands = 0, options = 1, rc;

	memset(a, 0, sizeof *a);
	a->durations = OPFLOW_DURATIONS_DETERMINISTIC;
	a->distribution = OPFLOW_DISTRIBUTION_TRIANGULAR;
	a->iterations = 10000;
	a->sensitivity = 1;
	a->bins = 20;
	a->top = 10;
	a->max_rows = 500;
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i], *value = NULL, *eq;
		char name[32];
		int f, v;

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
			fputs(help_of(operands ? a->command : NULL), tool_out);
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
		if ((f = find_name(name, flag_names, COUNT(flag_names))) >= 0) {
			if (!a->option)
				a->option = flag_names[f];
			if (value)
				return usage_error("option '%s' takes no value", name);
			if (f >= FIRST_SIM_FLAG)
				a->sim_option = flag_names[f];
			if (f == 0)
				a->json = 1;
			else if (f == 1)
				a->strict = 1;
			else if (f == 2)
				a->html = 1;
			else if (f == 3)
				a->sensitivity = 0;
			else
				a->quiet = 1;
			continue;
		}
		if ((v = find_name(name, value_names, COUNT(value_names))) < 0)
			return usage_error("unknown option '%s'", s);
		if (!a->option)
			a->option = value_names[v];
		if (!value) {
			if (i + 1 >= argc)
				return usage_error("option '%s' needs a value", name);
			value = argv[++i];
		}
		if (v >= V_ITERATIONS && v <= V_TOP)
			a->sim_option = value_names[v];
		if (v == V_ITERATIONS)
			a->has_iterations = 1;
		if (v == V_BY || v == V_MAX_ROWS)
			a->gantt_option = value_names[v];
		if (v == V_STATUS_DATE || v == V_LOGIC)
			a->progress_option = value_names[v];
		if (v == V_START || v == V_UNIT)
			a->date_option = value_names[v];
		if ((rc = set_value(a, v, value)))
			return rc;
	}
	if (!a->command)
		return usage_error("%s", "a command is needed: report, check, "
		                   "schedule, dot, gantt, simulate or fmt");
	if (!is_command(a->command))
		return usage_error("unknown command '%s'", a->command);
	if (!a->file)
		return usage_error("%s", "a FILE is needed (- for standard input)");
	if (a->option && strcmp(a->command, "fmt") == 0)
		return usage_error("%s does not go with fmt, which takes no "
		                   "option", a->option);
	if (a->json && strcmp(a->command, "report") != 0 &&
	    strcmp(a->command, "check") != 0 &&
	    strcmp(a->command, "simulate") != 0)
		return usage_error("%s", "--json goes with report, check or "
		                   "simulate");
	if (a->strict && strcmp(a->command, "check") != 0)
		return usage_error("%s", "--strict goes with check");
	if (a->ignore && strcmp(a->command, "check") != 0 && !a->html)
		return usage_error("%s", "--ignore goes with check (or report "
		                   "--html)");
	if (a->html && (strcmp(a->command, "report") != 0 || a->json))
		return usage_error("%s", "--html goes with report, without "
		                   "--json");
	if (a->sim_option && strcmp(a->command, "simulate") != 0 &&
	    !(a->html && a->has_iterations))
		return usage_error("%s goes with simulate (or with report "
		                   "--html --iterations N)", a->sim_option);
	if (a->gantt_option && strcmp(a->command, "gantt") != 0 && !a->html)
		return usage_error("%s goes with gantt or report --html",
		                   a->gantt_option);
	if (a->progress_option && strcmp(a->command, "check") == 0)
		return usage_error("%s goes with report, schedule, dot, gantt "
		                   "or simulate", a->progress_option);
	if (a->has_logic && !a->has_status_date)
		return usage_error("%s", "--logic goes with --status-date");
	if (a->date_option && strcmp(a->command, "simulate") == 0)
		return usage_error("%s goes with report, check, schedule, dot "
		                   "or gantt", a->date_option);
	if (a->baseline && strcmp(a->command, "report") != 0)
		return usage_error("%s", "--baseline goes with report");
	if (a->baseline && strcmp(a->baseline, "-") == 0 &&
	    strcmp(a->file, "-") == 0)
		return usage_error("%s", "FILE and --baseline cannot both be "
		                   "the standard input");
	return 0;
}

static const char *file_name(const char *file)
{
	return strcmp(file, "-") == 0 ? "<stdin>" : file;
}

static const char *display_name(const struct args *a)
{
	return file_name(a->file);
}

/* The library's last error about file, as FILE:LINE:COLUMN or FILE. */
static int file_error(const char *file)
{
	if (opflow_error_code() == OPFLOW_EPARSE && opflow_error_line())
		fprintf(tool_err, "%s:%zu:%zu: error: %s\n", file_name(file),
		        opflow_error_line(), opflow_error_column(),
		        opflow_error_message());
	else
		fprintf(tool_err, "%s: error: %s\n", file_name(file),
		        opflow_error_message());
	return EXIT_INPUT;
}

static int input_error(const struct args *a)
{
	return file_error(a->file);
}

/* Loads file into *g, dated by --start and --unit when they are given
 * (they override the file's start and unit). */
static int load_file(const struct args *a, const char *file, opflow_graph **g)
{
	int rc = strcmp(file, "-") == 0 ? opflow_graph_load_file(g, tool_in)
	                                 : opflow_graph_load_path(g, file);

	if (rc)
		return file_error(file);
	if ((a->has_start && opflow_graph_set_start(*g, a->start)) ||
	    (a->has_unit && opflow_graph_set_unit(*g, a->unit))) {
		rc = file_error(file);
		opflow_graph_free(*g);
		return rc;
	}
	return 0;
}

/* An instant given for option as a time of the dated graph g. */
static int time_of(double *out, const opflow_graph *g, int64_t instant,
                   const struct args *a, const char *option)
{
	int dated;

	opflow_graph_start(&dated, NULL, g);
	if (!dated) {
		fprintf(tool_err, "%s: error: %s is an instant, but the value "
		        "chain is not dated (give it a start, or --start)\n",
		        file_name(a->file), option);
		return EXIT_INPUT;
	}
	if (opflow_graph_time_of(out, g, instant))
		return input_error(a);
	return 0;
}

/* Loads the file; a deadline or status date given as an instant becomes
 * a time of it. */
static int load(struct args *a, opflow_graph **g)
{
	int rc = load_file(a, a->file, g);

	if (rc)
		return rc;
	if ((a->deadline_at && (rc = time_of(&a->deadline, *g,
	                                     a->deadline_instant, a,
	                                     "--deadline"))) ||
	    (a->status_at && (rc = time_of(&a->status_date, *g,
	                                   a->status_instant, a,
	                                   "--status-date")))) {
		opflow_graph_free(*g);
		return rc;
	}
	return 0;
}

/* The options of the command line; with progress, the status date and
 * the logic when progress is 1. */
static void analysis_options(opflow_analysis_options *o, const struct args *a,
                             int progress)
{
	opflow_analysis_options init = OPFLOW_ANALYSIS_OPTIONS_INIT;

	*o = init;
	o->duration_mode = a->durations;
	o->has_deadline = a->has_deadline;
	o->deadline = a->deadline;
	o->near_critical = a->near_critical;
	if (progress && a->has_status_date) {
		o->has_status_date = 1;
		o->status_date = a->status_date;
		o->logic = a->logic;
	}
}

static int analyse(const struct args *a, const opflow_graph *g,
                   opflow_analysis **out)
{
	opflow_analysis_options o;

	analysis_options(&o, a, 1);
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

/* ------------------------------------------------ the report's lines
 *
 * The text report is made of sections, each a title and lines: a name
 * and its value in two columns, a name alone or a text alone, indented
 * by 2 or 4.  With --html the same calls write the page's tables: a
 * section an <h2> and a <table>, a line a row. */

static int html_mode;           /* report --html: write HTML */
static int table_open;          /* html_mode: a <table> is open */

/* Closes the open table of html_mode. */
static void end_table(void)
{
	if (table_open)
		fputs("</table>\n", tool_out);
	table_open = 0;
}

/* fmt formatted in a new buffer, or NULL when out of memory. */
static char *vformat(const char *fmt, va_list ap)
{
	va_list copy;
	char *text;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0 || !(text = malloc((size_t)n + 1)))
		return NULL;
	vsnprintf(text, (size_t)n + 1, fmt, ap);
	return text;
}

static void escaped(const char *s)
{
	html_escape(tool_out, s ? s : "(out of memory)");
}

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static void section(const char *fmt, ...)
{
	va_list ap;
	char *title;

	va_start(ap, fmt);
	if (!html_mode) {
		fputc('\n', tool_out);
		vfprintf(tool_out, fmt, ap);
		fputc('\n', tool_out);
		va_end(ap);
		return;
	}
	title = vformat(fmt, ap);
	va_end(ap);
	end_table();
	fputs("<h2>", tool_out);
	escaped(title);
	fputs("</h2>\n<table class=\"figures\">\n", tool_out);
	table_open = 1;
	free(title);
}

/* A line indented by indent: name and the value of fmt in two columns
 * (the value from column 31), or name alone when fmt is NULL, or the
 * text of fmt alone when name is NULL. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void line(int indent, const char *name, const char *fmt, ...)
{
	va_list ap;
	char *text = NULL;

	va_start(ap, fmt);
	if (!html_mode) {
		fprintf(tool_out, "%*s", indent, "");
		if (name && fmt)
			fprintf(tool_out, "%-*s ", 30 - indent, name);
		else if (name)
			fputs(name, tool_out);
		if (fmt)
			vfprintf(tool_out, fmt, ap);
		fputc('\n', tool_out);
		va_end(ap);
		return;
	}
	if (fmt)
		text = vformat(fmt, ap);
	va_end(ap);
	if (!table_open)
		fputs("<table class=\"figures\">\n", tool_out);
	table_open = 1;
	fprintf(tool_out, "<tr class=\"i%d\">", indent);
	if (name && fmt) {
		fputs("<th>", tool_out);
		escaped(name);
		fputs("</th><td>", tool_out);
		escaped(text);
		fputs("</td>", tool_out);
	} else {
		fputs(name ? "<th colspan=\"2\">" : "<td colspan=\"2\">",
		      tool_out);
		escaped(name ? name : text);
		fputs(name ? "</th>" : "</td>", tool_out);
	}
	fputs("</tr>\n", tool_out);
	free(text);
}

static void row(const char *name, double v)
{
	line(2, name, "%g", v);
}

/* What follows each time of the text report for a dated graph or with
 * --unit, else nothing: " h", " min" or " s", else the unit in whole
 * hours, minutes or seconds, as " x 8 h" (--unit d), " x 15 min" or
 * " x 90 s". */
static char unit_label[48];

static void set_unit_label(const struct args *a, const opflow_graph *g)
{
	int64_t unit;
	int dated;

	unit_label[0] = '\0';
	opflow_graph_start(&dated, NULL, g);
	if (!dated && !a->has_unit)
		return;
	opflow_graph_unit(&unit, g);
	if (unit == 3600 || unit == 60 || unit == 1)
		snprintf(unit_label, sizeof unit_label, " %s",
		         unit == 3600 ? "h" : unit == 60 ? "min" : "s");
	else if (unit % 3600 == 0)
		snprintf(unit_label, sizeof unit_label, " x %" PRId64 " h",
		         unit / 3600);
	else if (unit % 60 == 0)
		snprintf(unit_label, sizeof unit_label, " x %" PRId64 " min",
		         unit / 60);
	else
		snprintf(unit_label, sizeof unit_label, " x %" PRId64 " s",
		         unit);
}

static void time_row(const char *name, double v)
{
	line(2, name, "%g%s", v, unit_label);
}

/* An instant as ISO 8601 text in buf, of OPFLOW_INSTANT_SIZE bytes. */
static const char *iso(char *buf, int64_t t)
{
	if (opflow_instant_format(buf, OPFLOW_INSTANT_SIZE, t))
		strcpy(buf, "?");
	return buf;
}

/* A time of a dated analysis as ISO 8601 text in buf. */
static const char *iso_of(char *buf, const opflow_analysis *an, double v)
{
	int64_t t;

	if (opflow_analysis_instant_of(&t, an, v)) {
		strcpy(buf, "?");
		return buf;
	}
	return iso(buf, t);
}

static int is_dated(const opflow_analysis *an)
{
	int dated = 0;

	opflow_analysis_dates(&dated, NULL, NULL, NULL, an);
	return dated;
}

static void percent_row(const char *name, double share, double part,
                        double whole, const char *of)
{
	line(2, name, "%.1f%% (%g of %g %s)", 100 * share, part, whole, of);
}

static void report_scope(const opflow_analysis *an, const opflow_graph *g)
{
	int p;

	section("Scope (the production process within the operation "
	        "process)");
	row("activities", fig(an, OPFLOW_FIGURE_ACTIVITIES, &p));
	line(4, "production", "%g",
	     fig(an, OPFLOW_FIGURE_PRODUCTION_ACTIVITIES, &p));
	line(4, "operation", "%g",
	     fig(an, OPFLOW_FIGURE_OPERATION_ACTIVITIES, &p));
	percent_row("production share", fig(an, OPFLOW_FIGURE_PRODUCTION_SHARE, &p),
	            fig(an, OPFLOW_FIGURE_PRODUCTION_ACTIVITIES, &p),
	            fig(an, OPFLOW_FIGURE_ACTIVITIES, &p), "activities");
	row("effort", fig(an, OPFLOW_FIGURE_EFFORT, &p));
	percent_row("production effort share",
	            fig(an, OPFLOW_FIGURE_PRODUCTION_EFFORT_SHARE, &p),
	            fig(an, OPFLOW_FIGURE_PRODUCTION_EFFORT, &p),
	            fig(an, OPFLOW_FIGURE_EFFORT, &p), "effort");
	line(2, "departments", "%g (production: %g)",
	     fig(an, OPFLOW_FIGURE_DEPARTMENTS, &p),
	     fig(an, OPFLOW_FIGURE_PRODUCTION_DEPARTMENTS, &p));
	line(2, "categories", "%g (production: %g)",
	     fig(an, OPFLOW_FIGURE_CATEGORIES, &p),
	     fig(an, OPFLOW_FIGURE_PRODUCTION_CATEGORIES, &p));
	line(2, "flows", "%zu", opflow_graph_flow_count(g));

	section("Customer orientation");
	line(2, "customer-facing activities", "%g, with %g effort",
	     fig(an, OPFLOW_FIGURE_CUSTOMER_FACING, &p),
	     fig(an, OPFLOW_FIGURE_CUSTOMER_FACING_EFFORT, &p));
	for (opflow_id i = 0; i < opflow_graph_activity_count(g); i++) {
		const char *key;
		int cf;

		opflow_graph_activity_customer_facing(&cf, g, i);
		if (!cf)
			continue;
		opflow_graph_activity_key(&key, g, i);
		line(4, key, NULL);
	}
}

static void report_collaboration(const opflow_analysis *an)
{
	int p;

	section("Interdepartmental collaboration");
	row("handoffs", fig(an, OPFLOW_FIGURE_HANDOFFS, &p));
	line(4, "within production", "%g",
	     fig(an, OPFLOW_FIGURE_PRODUCTION_HANDOFFS, &p));
	line(4, "across the boundary", "%g",
	     fig(an, OPFLOW_FIGURE_BOUNDARY_HANDOFFS, &p));
	line(4, "within operation", "%g",
	     fig(an, OPFLOW_FIGURE_OPERATION_HANDOFFS, &p));
	if (html_mode) {
		/* the matrix as a table of its own */
		end_table();
		html_handoffs(tool_out, an);
		return;
	}
	if (opflow_analysis_handoff_count(an))
		line(2, "handoff matrix (from -> to: flows)", NULL);
	for (size_t h = 0; h < opflow_analysis_handoff_count(an); h++) {
		opflow_id from, to;
		size_t count;
		const char *f, *t;

		opflow_analysis_handoff(&from, &to, &count, an, h);
		opflow_analysis_department_key(&f, an, from);
		opflow_analysis_department_key(&t, an, to);
		line(4, NULL, "%s -> %s: %zu", f, t, count);
	}
}

/* A dated analysis: the project's start and finish, the working lead
 * time on the graph's calendar and the deadline as an instant. */
static void report_dates(const opflow_analysis *an, const opflow_graph *g,
                         const struct args *a)
{
	char t[OPFLOW_INSTANT_SIZE];
	const char *key = NULL;
	int64_t start, finish;
	opflow_id cal = OPFLOW_NONE;
	int p;

	opflow_analysis_dates(NULL, &start, &finish, NULL, an);
	line(2, "start", "%s", iso(t, start));
	line(2, "finish", "%s", iso(t, finish));
	time_row("lead time", fig(an, OPFLOW_FIGURE_LEAD_TIME, &p));
	opflow_graph_default_calendar(&cal, g);
	if (cal != OPFLOW_NONE)
		opflow_graph_calendar_key(&key, g, cal);
	line(2, "working lead time", "%g%s (%s%s)",
	     fig(an, OPFLOW_FIGURE_WORKING_LEAD_TIME, &p), unit_label,
	     key ? "calendar " : "no calendar: 24/7", key ? key : "");
	if (a->has_deadline)
		line(2, "deadline", "%s (%g%s)", iso_of(t, an, a->deadline),
		     a->deadline, unit_label);
}

static void report_timeframe(const opflow_analysis *an, const opflow_graph *g,
                             const struct args *a)
{
	int p, q, dated = is_dated(an);
	double v;

	section("Timeframe");
	if (dated)
		report_dates(an, g, a);
	else
		time_row("lead time", fig(an, OPFLOW_FIGURE_LEAD_TIME, &p));
	v = fig(an, OPFLOW_FIGURE_PRODUCTION_START, &p);
	if (!p) {
		line(2, "production window", "absent (no production "
		     "activity)");
	} else {
		if (dated) {
			char t1[OPFLOW_INSTANT_SIZE], t2[OPFLOW_INSTANT_SIZE];

			line(2, "production window", "%s to %s (%g%s)",
			     iso_of(t1, an, v),
			     iso_of(t2, an, fig(an,
			            OPFLOW_FIGURE_PRODUCTION_END, &p)),
			     fig(an, OPFLOW_FIGURE_PRODUCTION_WINDOW, &p),
			     unit_label);
		} else {
			line(2, "production window", "%g to %g%s (%g%s)", v,
			     fig(an, OPFLOW_FIGURE_PRODUCTION_END, &p),
			     unit_label,
			     fig(an, OPFLOW_FIGURE_PRODUCTION_WINDOW, &p),
			     unit_label);
		}
		time_row("before production",
		         fig(an, OPFLOW_FIGURE_PRE_PRODUCTION, &p));
		time_row("after production",
		         fig(an, OPFLOW_FIGURE_POST_PRODUCTION, &p));
		time_row("production span",
		         fig(an, OPFLOW_FIGURE_PRODUCTION_SPAN, &p));
		v = fig(an, OPFLOW_FIGURE_TIMEFRAME_RATIO, &q);
		if (q)
			line(2, "timeframe ratio", "%.3g", v);
		else
			line(2, "timeframe ratio", "absent (the production "
			     "span is 0)");
	}
	line(2, "critical time by kind", NULL);
	for (int k = OPFLOW_KIND_PRODUCTION; k <= OPFLOW_KIND_OPERATION; k++) {
		opflow_analysis_critical_time_by_kind(&v, an, (opflow_kind)k);
		line(4, opflow_kind_name((opflow_kind)k), "%g%s", v,
		     unit_label);
	}
	line(2, "critical time by department", NULL);
	for (size_t d = 0; d <= opflow_analysis_department_count(an); d++) {
		opflow_id id = d == opflow_analysis_department_count(an)
		               ? OPFLOW_NONE : (opflow_id)d;
		const char *key = "(no department)";

		opflow_analysis_critical_time_by_department(&v, an, id);
		if (v == 0)
			continue;
		if (id != OPFLOW_NONE)
			opflow_analysis_department_key(&key, an, id);
		line(4, key, "%g%s", v, unit_label);
	}
	section("Risk (PERT)");
	if (dated) {
		line(2, NULL, "absent (a dated analysis has no PERT "
		     "figures)");
		return;
	}
	time_row("expected lead time",
	         fig(an, OPFLOW_FIGURE_PERT_LEAD_TIME, &p));
	line(2, "standard deviation", "%.4g%s",
	     fig(an, OPFLOW_FIGURE_PERT_STDDEV, &p), unit_label);
	v = fig(an, OPFLOW_FIGURE_PERT_PROBABILITY, &p);
	if (p) {
		char label[96];

		snprintf(label, sizeof label, "P(lead time <= %g%s)",
		         a->deadline, unit_label);
		line(2, label, "%.1f%%", 100 * v);
	}
}

static void report_near(const opflow_analysis *an, const struct args *a)
{
	int any = 0;

	if (a->near_critical <= 0)
		return;
	section("Near-critical (total float within %g%s of the critical "
	        "path's)", a->near_critical, unit_label);
	for (opflow_id i = 0; i < opflow_analysis_activity_count(an); i++) {
		const char *key;
		int critical, near;
		double tf;

		opflow_analysis_criticality(&critical, &near, an, i);
		if (critical || !near)
			continue;
		opflow_analysis_activity_key(&key, an, i);
		opflow_analysis_floats(&tf, NULL, an, i);
		if (is_dated(an)) {
			char t1[OPFLOW_INSTANT_SIZE], t2[OPFLOW_INSTANT_SIZE];
			int64_t st, ls;

			opflow_analysis_instants(&st, NULL, &ls, NULL, an, i);
			line(2, key, "total float %g%s, start %s, late start "
			     "%s", tf, unit_label, iso(t1, st), iso(t2, ls));
		} else {
			line(2, key, "total float %g%s", tf, unit_label);
		}
		any = 1;
	}
	if (!any)
		line(2, NULL, "(none besides the critical activities)");
}

static void report_path(const opflow_analysis *an)
{
	size_t chains = opflow_analysis_chain_count(an), cap = 0;
	opflow_id *ids = NULL;

	section("Critical path");
	for (size_t c = 0; c < chains; c++) {
		size_t len;

		opflow_analysis_chain(&len, NULL, 0, an, c);
		if (len > cap) {
			free(ids);
			cap = len;
			ids = malloc(cap * sizeof *ids);
			if (!ids) {
				line(2, NULL, "(out of memory)");
				return;
			}
		}
		opflow_analysis_chain(&len, ids, cap, an, c);
		/* a chain of keys a line, in HTML a row with arrows */
		fputs(html_mode ? "<tr class=\"i2\"><td colspan=\"2\" "
		      "class=\"path\">" : "  ", tool_out);
		for (size_t i = 0; i < len; i++) {
			const char *key;

			opflow_analysis_activity_key(&key, an, ids[i]);
			if (i)
				fputs(html_mode ? " &rarr; " : " -> ", tool_out);
			if (html_mode) {
				fputs("<span>", tool_out);
				escaped(key);
				fputs("</span>", tool_out);
			} else {
				fputs(key, tool_out);
			}
		}
		fputs(html_mode ? "</td></tr>\n" : "\n", tool_out);
	}
	free(ids);
}

/* ------------------------------------------------ progress and baseline */

static void json_number(double d);
static void json_string(const char *s);
static int out_of_memory(const struct args *a);
static int left_out(const struct args *a, const opflow_findings *f, size_t i,
                    opflow_finding_kind *kind, opflow_severity *sev,
                    opflow_id *activity, opflow_id *flow, const char **msg);
static int run_simulation(const struct args *a, const opflow_graph *g,
                          opflow_simulation **sim, opflow_analysis **an);
static int simulate_print(const struct args *a, const opflow_graph *g,
                          opflow_simulation *sim, opflow_analysis *an);

/* The baseline of --baseline: its file loaded and analysed as the plan it
 * holds (no status date: its actuals, if any, are not read), with the
 * other options of the command line, and compared with the analysis. */
struct baseline {
	opflow_analysis *analysis;
	opflow_comparison *comparison;
};

static int load_baseline(const struct args *a, const opflow_analysis *an,
                         struct baseline *b)
{
	opflow_analysis_options o;
	opflow_graph *g;
	int rc;

	b->analysis = NULL;
	b->comparison = NULL;
	if (!a->baseline)
		return 0;
	if ((rc = load_file(a, a->baseline, &g)))
		return rc;
	analysis_options(&o, a, 0);
	rc = opflow_analyze(&b->analysis, g, &o);
	opflow_graph_free(g);
	if (rc)
		return file_error(a->baseline);
	if (opflow_compare(&b->comparison, an, b->analysis)) {
		rc = file_error(a->baseline);
		opflow_analysis_free(b->analysis);
		b->analysis = NULL;
		return rc;
	}
	return 0;
}

static void free_baseline(struct baseline *b)
{
	opflow_comparison_free(b->comparison);
	opflow_analysis_free(b->analysis);
}

/* "forecast finish T; late by N against the WHAT", or "N early against
 * the WHAT", or "on the WHAT" when the difference is within the
 * analysis's tolerance. */
static void forecast_line(const char *finish, double difference,
                          double tolerance, const char *what)
{
	if (fabs(difference) <= tolerance)
		line(2, NULL, "forecast finish %s; on the %s", finish, what);
	else if (difference > 0)
		line(2, NULL, "forecast finish %s; late by %g%s against the "
		     "%s", finish, difference, unit_label, what);
	else
		line(2, NULL, "forecast finish %s; %g%s early against the %s",
		     finish, -difference, unit_label, what);
}

/* The finish of the analysis, its lead time T, as text in finish (of
 * FINISH_SIZE bytes): the time, followed for a dated analysis by its
 * instant in parentheses. */
#define FINISH_SIZE 96

static double finish_text(char *finish, const opflow_analysis *an)
{
	char t[OPFLOW_INSTANT_SIZE];
	double T;
	int p;

	T = fig(an, OPFLOW_FIGURE_LEAD_TIME, &p);
	if (is_dated(an)) {
		int64_t f;

		opflow_analysis_dates(NULL, NULL, &f, NULL, an);
		snprintf(finish, FINISH_SIZE, "%g%s (%s)", T, unit_label,
		         iso(t, f));
	} else {
		snprintf(finish, FINISH_SIZE, "%g%s", T, unit_label);
	}
	return T;
}

/* With a deadline, the line under the report's title: "finishes at T;
 * late by N" when the finish is later than the deadline by more than
 * the analysis's tolerance, else "finishes at T; N to spare" (0 within
 * the tolerance). */
static void report_deadline(const struct args *a, const opflow_analysis *an)
{
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;
	char finish[FINISH_SIZE], verdict[FINISH_SIZE + 96];
	double late;

	if (!a->has_deadline)
		return;
	opflow_analysis_get_options(&o, an);
	late = finish_text(finish, an) - a->deadline;
	if (late > o.tolerance)
		snprintf(verdict, sizeof verdict, "finishes at %s; late by %g%s",
		         finish, late, unit_label);
	else
		snprintf(verdict, sizeof verdict, "finishes at %s; %g%s to "
		         "spare", finish, -late <= o.tolerance ? 0.0 : -late,
		         unit_label);
	if (!html_mode) {
		line(2, NULL, "%s", verdict);
		return;
	}
	fputs("<p class=\"verdict\">", tool_out);
	escaped(verdict);
	fputs("</p>\n", tool_out);
}

static void report_forecast(const struct args *a, const opflow_analysis *an,
                            const struct baseline *b)
{
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;
	double T, slip = 0;
	char finish[FINISH_SIZE];

	if (!a->has_status_date && !b->comparison)
		return;
	opflow_analysis_get_options(&o, an);
	/* the time, and the instant of a dated analysis */
	T = finish_text(finish, an);
	section("Forecast");
	if (b->comparison) {
		opflow_comparison_figure(&slip, b->comparison,
		                         OPFLOW_FIGURE_LEAD_TIME);
		forecast_line(finish, slip, o.tolerance, "baseline");
	}
	if (a->has_deadline)
		forecast_line(finish, T - a->deadline, o.tolerance, "deadline");
	if (!b->comparison && !a->has_deadline)
		line(2, NULL, "forecast finish %s", finish);
}

static void report_progress(const struct args *a, const opflow_analysis *an)
{
	size_t n = opflow_analysis_activity_count(an), count[3] = { 0, 0, 0 };
	char t1[OPFLOW_INSTANT_SIZE], t2[OPFLOW_INSTANT_SIZE];
	char t3[OPFLOW_INSTANT_SIZE];
	int dated = is_dated(an);

	if (!a->has_status_date)
		return;
	for (opflow_id i = 0; i < n; i++) {
		opflow_state st;

		opflow_analysis_progress(&st, NULL, NULL, an, i);
		count[st]++;
	}
	if (dated)
		section("Progress at the status date %s (%g%s, %s logic)",
		        iso_of(t1, an, a->status_date), a->status_date,
		        unit_label, opflow_logic_name(a->logic));
	else
		section("Progress at the status date %g%s (%s logic)",
		        a->status_date, unit_label,
		        opflow_logic_name(a->logic));
	line(2, "completed", "%zu", count[OPFLOW_STATE_COMPLETED]);
	line(2, "in progress", "%zu", count[OPFLOW_STATE_IN_PROGRESS]);
	line(2, "not started", "%zu", count[OPFLOW_STATE_NOT_STARTED]);
	if (count[OPFLOW_STATE_NOT_STARTED] == n)
		return;
	line(2, "started activities", NULL);
	for (opflow_id i = 0; i < n; i++) {
		const char *key;
		opflow_state st;
		double rs, r, es, ef;

		opflow_analysis_progress(&st, &rs, &r, an, i);
		if (st == OPFLOW_STATE_NOT_STARTED)
			continue;
		opflow_analysis_activity_key(&key, an, i);
		opflow_analysis_schedule(&es, &ef, NULL, NULL, an, i);
		/* a dated analysis: the instants, the work left in units */
		if (dated && st == OPFLOW_STATE_COMPLETED)
			line(4, key, "completed, %s to %s", iso_of(t1, an, es),
			     iso_of(t2, an, ef));
		else if (dated)
			line(4, key, "in progress since %s; %g%s left, %s to %s",
			     iso_of(t1, an, es), r, unit_label,
			     iso_of(t2, an, rs), iso_of(t3, an, ef));
		else if (st == OPFLOW_STATE_COMPLETED)
			line(4, key, "completed, %g to %g%s", es, ef,
			     unit_label);
		else
			line(4, key, "in progress since %g%s; %g%s left, %g to "
			     "%g%s", es, unit_label, r, unit_label, rs, ef,
			     unit_label);
	}
}

/* The activities that finish later than in the baseline: this many. */
#define SLIPPED_SHOWN 10

static void report_baseline(const struct args *a, const opflow_analysis *an,
                            const struct baseline *b)
{
	opflow_id ids[SLIPPED_SHOWN];
	size_t matched, added, removed, count, shown;
	int p;

	if (!b->comparison)
		return;
	opflow_comparison_counts(&matched, &added, &removed, b->comparison);
	opflow_comparison_slipped(&count, ids, SLIPPED_SHOWN, b->comparison);
	section("Baseline %s", file_name(a->baseline));
	time_row("lead time", fig(b->analysis, OPFLOW_FIGURE_LEAD_TIME, &p));
	line(2, "activities", "%zu matched, %zu added, %zu removed", matched,
	     added, removed);
	if (!count) {
		line(2, NULL, "(no activity finishes later than in the "
		     "baseline)");
		return;
	}
	line(2, "finishing later (finish variance, the most first)", NULL);
	shown = count < SLIPPED_SHOWN ? count : SLIPPED_SHOWN;
	for (size_t k = 0; k < shown; k++) {
		const char *key;
		double fv;

		opflow_analysis_activity_key(&key, an, ids[k]);
		opflow_comparison_variance(NULL, &fv, b->comparison, ids[k]);
		line(4, key, "%g%s", fv, unit_label);
	}
	if (count > shown)
		line(4, NULL, "(and %zu more)", count - shown);
}

static void json_progress(const struct args *a, const opflow_analysis *an)
{
	size_t n = opflow_analysis_activity_count(an), count[3] = { 0, 0, 0 };

	for (opflow_id i = 0; i < n; i++) {
		opflow_state st;

		opflow_analysis_progress(&st, NULL, NULL, an, i);
		count[st]++;
	}
	fprintf(tool_out, ",\n  \"progress\": {\"status_date\": ");
	json_number(a->status_date);
	fprintf(tool_out, ", \"logic\": \"%s\", \"completed\": %zu, "
	        "\"in_progress\": %zu, \"not_started\": %zu, \"activities\": [",
	        opflow_logic_name(a->logic), count[OPFLOW_STATE_COMPLETED],
	        count[OPFLOW_STATE_IN_PROGRESS],
	        count[OPFLOW_STATE_NOT_STARTED]);
	for (opflow_id i = 0; i < n; i++) {
		const char *key;
		opflow_state st;
		double rs, r;

		opflow_analysis_progress(&st, &rs, &r, an, i);
		opflow_analysis_activity_key(&key, an, i);
		fprintf(tool_out, "%s\n    {\"key\": ", i ? "," : "");
		json_string(key);
		fprintf(tool_out, ", \"state\": \"%s\", \"remaining_start\": ",
		        opflow_state_name(st));
		json_number(rs);
		fprintf(tool_out, ", \"remaining\": ");
		json_number(r);
		fputc('}', tool_out);
	}
	fprintf(tool_out, "%s]}", n ? "\n  " : "");
}

static int json_baseline(const struct args *a, const opflow_analysis *an,
                         const struct baseline *b)
{
	size_t n = opflow_analysis_activity_count(an), matched, added, removed;
	size_t count;
	opflow_id *ids;
	double v;
	int p;

	opflow_comparison_counts(&matched, &added, &removed, b->comparison);
	opflow_comparison_slipped(&count, NULL, 0, b->comparison);
	if (!(ids = malloc((count ? count : 1) * sizeof *ids)))
		return out_of_memory(a);
	opflow_comparison_slipped(&count, ids, count, b->comparison);
	fprintf(tool_out, ",\n  \"baseline\": {\"file\": ");
	json_string(file_name(a->baseline));
	fprintf(tool_out, ", \"lead_time\": ");
	json_number(fig(b->analysis, OPFLOW_FIGURE_LEAD_TIME, &p));
	opflow_comparison_figure(&v, b->comparison, OPFLOW_FIGURE_LEAD_TIME);
	fprintf(tool_out, ", \"slip\": ");
	json_number(v);
	fprintf(tool_out, ", \"matched\": %zu, \"added\": %zu, \"removed\": "
	        "%zu, \"slipped\": [", matched, added, removed);
	for (size_t k = 0; k < count; k++) {
		const char *key;

		opflow_analysis_activity_key(&key, an, ids[k]);
		fputs(k ? ", " : "", tool_out);
		json_string(key);
	}
	free(ids);
	fprintf(tool_out, "], \"activities\": [");
	for (opflow_id i = 0; i < n; i++) {
		const char *key;
		double sv, fv;
		int found = opflow_comparison_variance(&sv, &fv, b->comparison,
		                                       i) == 0;

		opflow_analysis_activity_key(&key, an, i);
		fprintf(tool_out, "%s\n    {\"key\": ", i ? "," : "");
		json_string(key);
		fprintf(tool_out, ", \"start_variance\": ");
		if (found)
			json_number(sv);
		else
			fputs("null", tool_out);
		fprintf(tool_out, ", \"finish_variance\": ");
		if (found)
			json_number(fv);
		else
			fputs("null", tool_out);
		fputc('}', tool_out);
	}
	fprintf(tool_out, "%s]}", n ? "\n  " : "");
	return 0;
}

/* The library's JSON report with the members of progress and baseline
 * added at the end of its object. */
static int emit_json(const struct args *a, char *text, size_t len,
                     const opflow_analysis *an, const struct baseline *b)
{
	size_t end = len;
	int rc = 0;

	if (!a->has_status_date && !b->comparison)
		return emit(text, len);
	/* the object's closing brace, and the blanks before it */
	while (end > 0 && text[end - 1] != '}')
		end--;
	if (end > 0)
		end--;
	while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == ' '))
		end--;
	if (fwrite(text, 1, end, tool_out) != end)
		write_errno = errno;
	opflow_free(text);
	if (a->has_status_date)
		json_progress(a, an);
	if (b->comparison)
		rc = json_baseline(a, an, b);
	fputs("\n}\n", tool_out);
	return rc;
}

static void gantt_options(opflow_gantt_options *o, const struct args *a)
{
	opflow_gantt_options init = OPFLOW_GANTT_OPTIONS_INIT;

	*o = init;
	o->group = a->gantt_group;
	o->max_rows = a->max_rows;
}

static int cmd_gantt(const struct args *a, opflow_graph *g)
{
	opflow_gantt_options o;
	opflow_analysis *an;
	char *svg;
	size_t len;
	int rc;

	if ((rc = analyse(a, g, &an)))
		return rc;
	gantt_options(&o, a);
	rc = opflow_analysis_write_gantt(&svg, &len, an, g, &o)
	     ? input_error(a) : emit(svg, len);
	opflow_analysis_free(an);
	return rc;
}

/* The findings of check on the page, without those --ignore leaves
 * out. */
static int html_check(const struct args *a, const opflow_graph *g)
{
	opflow_check_options co = OPFLOW_CHECK_OPTIONS_INIT;
	opflow_findings *f;
	size_t ignored = 0;

	if (opflow_graph_check(&f, g, &co))
		return input_error(a);
	for (size_t i = 0; i < opflow_findings_count(f); i++) {
		opflow_finding_kind kind;
		opflow_severity sev;
		opflow_id act, flow;
		const char *msg;

		ignored += (size_t)left_out(a, f, i, &kind, &sev, &act, &flow,
		                            &msg);
	}
	fputs("<h2>Findings of check</h2>\n", tool_out);
	html_findings(tool_out, g, f, a->ignore);
	if (ignored)
		fprintf(tool_out, "<p>%zu finding%s of the kinds of --ignore "
		        "left out.</p>\n", ignored, ignored == 1 ? "" : "s");
	opflow_findings_free(f);
	return 0;
}

/* report --html: one page of the report's figures, the Gantt chart, the
 * handoff matrix, the findings of check and, with --iterations, the
 * simulation's. */
static int report_html(const struct args *a, const opflow_graph *g,
                       const opflow_analysis *an, const struct baseline *b)
{
	opflow_gantt_options o;
	opflow_simulation *sim = NULL;
	opflow_analysis *pert = NULL;
	char *title, *svg;
	size_t len, n = strlen(display_name(a)) + 16;
	int rc;

	/* everything that can fail before the first byte of the page */
	if (a->has_iterations && (rc = run_simulation(a, g, &sim, &pert)))
		return rc;
	gantt_options(&o, a);
	if (opflow_analysis_write_gantt(&svg, &len, an, g, &o)) {
		rc = input_error(a);
		goto fail;
	}
	if (!(title = malloc(n))) {
		opflow_free(svg);
		rc = out_of_memory(a);
		goto fail;
	}
	snprintf(title, n, "Value chain %s", display_name(a));
	html_mode = 1;
	table_open = 0;
	html_begin(tool_out, title);
	free(title);
	fprintf(tool_out, "<p class=\"summary\">%zu activities, %zu flows, "
	        "%zu departments</p>\n", opflow_graph_activity_count(g),
	        opflow_graph_flow_count(g), opflow_graph_department_count(g));
	report_deadline(a, an);
	fputs("<h2>Gantt chart</h2>\n", tool_out);
	html_svg(tool_out, svg, len);
	opflow_free(svg);
	report_scope(an, g);
	report_collaboration(an);
	report_timeframe(an, g, a);
	report_path(an);
	report_near(an, a);
	report_forecast(a, an, b);
	report_progress(a, an);
	report_baseline(a, an, b);
	end_table();
	rc = html_check(a, g);
	if (!rc && sim) {
		rc = simulate_print(a, g, sim, pert);
		sim = NULL;
		pert = NULL;
		end_table();
	}
	if (!rc)
		html_end(tool_out);
	html_mode = 0;
fail:
	opflow_simulation_free(sim);
	opflow_analysis_free(pert);
	return rc;
}

static int cmd_report(const struct args *a, opflow_graph *g)
{
	struct baseline b;
	opflow_analysis *an;
	int rc;

	if ((rc = analyse(a, g, &an)))
		return rc;
	if ((rc = load_baseline(a, an, &b))) {
		opflow_analysis_free(an);
		return rc;
	}
	set_unit_label(a, g);
	if (a->html) {
		rc = report_html(a, g, an, &b);
		free_baseline(&b);
		opflow_analysis_free(an);
		return rc;
	}
	if (a->json) {
		char *text;
		size_t len;

		rc = opflow_analysis_write_json(&text, &len, an, g)
		     ? input_error(a) : emit_json(a, text, len, an, &b);
		free_baseline(&b);
		opflow_analysis_free(an);
		return rc;
	}
	fprintf(tool_out, "Value chain %s: %zu activities, %zu flows, "
	        "%zu departments\n", display_name(a),
	        opflow_graph_activity_count(g), opflow_graph_flow_count(g),
	        opflow_graph_department_count(g));
	report_deadline(a, an);
	report_scope(an, g);
	report_collaboration(an);
	report_timeframe(an, g, a);
	report_path(an);
	report_near(an, a);
	report_forecast(a, an, &b);
	report_progress(a, an);
	report_baseline(a, an, &b);
	free_baseline(&b);
	opflow_analysis_free(an);
	return 0;
}

/* The message of the finding check --strict adds for a value chain
 * without any activity, and its kind in JSON. */
static const char no_activity[] = "the value chain has no activity";
#define NO_ACTIVITY_KIND "no-activity"

/* A finding of check as a member of the JSON array "findings". */
static void json_finding(int first, const char *kind, opflow_severity sev,
                         const opflow_graph *g, opflow_id activity,
                         opflow_id flow, const char *msg)
{
	const char *key;

	fprintf(tool_out, "%s\n    {\"kind\": ", first ? "" : ",");
	json_string(kind);
	fprintf(tool_out, ", \"severity\": ");
	json_string(opflow_severity_name(sev));
	fprintf(tool_out, ", \"activity\": ");
	if (activity != OPFLOW_NONE &&
	    opflow_graph_activity_key(&key, g, activity) == 0)
		json_string(key);
	else
		fputs("null", tool_out);
	fprintf(tool_out, ", \"flow\": ");
	if (flow != OPFLOW_NONE) {
		opflow_id source = 0, target = 0;
		opflow_flow_type type = OPFLOW_FLOW_FS;

		opflow_graph_flow(&source, &target, &type, NULL, g, flow);
		opflow_graph_activity_key(&key, g, source);
		fprintf(tool_out, "{\"source\": ");
		json_string(key);
		opflow_graph_activity_key(&key, g, target);
		fprintf(tool_out, ", \"target\": ");
		json_string(key);
		fprintf(tool_out, ", \"type\": ");
		json_string(opflow_flow_type_name(type));
		fputc('}', tool_out);
	} else {
		fputs("null", tool_out);
	}
	fprintf(tool_out, ", \"message\": ");
	json_string(msg);
	fputc('}', tool_out);
}

/* Whether check leaves out finding i of f, one of --ignore; its kind,
 * severity, activity, flow and message in the others. */
static int left_out(const struct args *a, const opflow_findings *f, size_t i,
                    opflow_finding_kind *kind, opflow_severity *sev,
                    opflow_id *activity, opflow_id *flow, const char **msg)
{
	opflow_findings_get(kind, sev, activity, flow, msg, f, i);
	return *sev != OPFLOW_SEVERITY_ERROR && ignorable(*kind) &&
	       (a->ignore & 1UL << *kind);
}

/* check --json: the object of the findings f (errors and warnings
 * counted, ignored left out). */
static void check_json(const struct args *a, const opflow_graph *g,
                       const opflow_findings *f, int empty, size_t errors,
                       size_t warnings, size_t ignored)
{
	int first = 1;

	fprintf(tool_out, "{\n  \"format\": \"opflow-check\", "
	        "\"format_version\": 1,\n  \"file\": ");
	json_string(display_name(a));
	fprintf(tool_out, ", \"activities\": %zu, \"flows\": %zu,\n"
	        "  \"counts\": {\"error\": %zu, \"warning\": %zu}, "
	        "\"ignored\": %zu, \"ignore\": [",
	        opflow_graph_activity_count(g), opflow_graph_flow_count(g),
	        errors, warnings, ignored);
	for (int k = 0; opflow_finding_kind_name((opflow_finding_kind)k); k++) {
		if (!ignorable((opflow_finding_kind)k) ||
		    !(a->ignore & 1UL << k))
			continue;
		fputs(first ? "" : ", ", tool_out);
		json_string(opflow_finding_kind_name((opflow_finding_kind)k));
		first = 0;
	}
	fprintf(tool_out, "],\n  \"findings\": [");
	first = 1;
	if (empty) {
		json_finding(first, NO_ACTIVITY_KIND, OPFLOW_SEVERITY_WARNING, g,
		             OPFLOW_NONE, OPFLOW_NONE, no_activity);
		first = 0;
	}
	for (size_t i = 0; i < opflow_findings_count(f); i++) {
		opflow_finding_kind kind;
		opflow_severity sev;
		opflow_id activity, flow;
		const char *msg;

		if (left_out(a, f, i, &kind, &sev, &activity, &flow, &msg))
			continue;
		json_finding(first, opflow_finding_kind_name(kind), sev, g,
		             activity, flow, msg);
		first = 0;
	}
	fprintf(tool_out, "%s]\n}\n", first ? "" : "\n  ");
}

/* check: the findings of the library but for those of --ignore, and with
 * --strict one more for a value chain without any activity; as lines or
 * as one JSON object.  It fails on an error, and with --strict on any
 * finding left. */
static int cmd_check(const struct args *a, opflow_graph *g)
{
	opflow_findings *f;
	size_t errors = 0, warnings = 0, ignored = 0;
	int empty = a->strict && opflow_graph_activity_count(g) == 0;
	int failed;

	if (opflow_graph_check(&f, g, NULL))
		return input_error(a);
	if (empty) {
		if (!a->json)
			fprintf(tool_out, "%s: %s: %s\n", display_name(a),
			        opflow_severity_name(OPFLOW_SEVERITY_WARNING),
			        no_activity);
		warnings++;
	}
	for (size_t i = 0; i < opflow_findings_count(f); i++) {
		opflow_finding_kind kind;
		opflow_severity sev;
		opflow_id activity, flow;
		const char *msg;

		if (left_out(a, f, i, &kind, &sev, &activity, &flow, &msg)) {
			ignored++;
			continue;
		}
		if (!a->json)
			fprintf(sev == OPFLOW_SEVERITY_ERROR ? tool_err
			                                     : tool_out,
			        "%s: %s: %s\n", display_name(a),
			        opflow_severity_name(sev), msg);
		if (sev == OPFLOW_SEVERITY_ERROR)
			errors++;
		else
			warnings++;
	}
	failed = errors || (a->strict && warnings);
	if (a->json) {
		check_json(a, g, f, empty, errors, warnings, ignored);
		/* the standard output holds the JSON alone: why the check
		 * failed goes to the standard error */
		if (failed)
			fprintf(tool_err, "%s: error: the check failed: %zu "
			        "errors, %zu warnings\n", display_name(a),
			        errors, warnings);
	} else {
		fprintf(tool_out, "%s: %zu activities, %zu flows: %zu errors, "
		        "%zu warnings\n", display_name(a),
		        opflow_graph_activity_count(g),
		        opflow_graph_flow_count(g), errors, warnings);
	}
	opflow_findings_free(f);
	return failed ? EXIT_INPUT : 0;
}

/* fmt: the graph as the library writes it, its canonical form. */
static int cmd_fmt(const struct args *a, const opflow_graph *g)
{
	char *text;
	size_t len;

	if (opflow_graph_save_buffer(&text, &len, g))
		return input_error(a);
	return emit(text, len);
}

static void put_bytes(const char *p, size_t n)
{
	if (fwrite(p, 1, n, tool_out) != n)
		write_errno = errno;
}

/* The library's CSV with two columns appended, state and
 * remaining_start: a record ends at a CR LF outside quotes; the first is
 * the header, then one per activity in id order. */
static int emit_csv(char *text, size_t len, const opflow_analysis *an)
{
	size_t start = 0, record = 0;
	int quoted = 0;

	for (size_t i = 0; i + 1 < len; i++) {
		if (text[i] == '"')
			quoted = !quoted;
		if (quoted || text[i] != '\r' || text[i + 1] != '\n')
			continue;
		put_bytes(text + start, i - start);
		if (record == 0) {
			fputs(",state,remaining_start", tool_out);
		} else {
			opflow_state st = OPFLOW_STATE_NOT_STARTED;
			double rs = 0;

			opflow_analysis_progress(&st, &rs, NULL, an,
			                         (opflow_id)(record - 1));
			fprintf(tool_out, ",%s,", opflow_state_name(st));
			json_number(rs);
		}
		fputs("\r\n", tool_out);
		record++;
		start = i + 2;
		i++;
	}
	put_bytes(text + start, len - start);
	opflow_free(text);
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
	if (rc)
		rc = input_error(a);
	else if (csv && a->has_status_date)
		rc = emit_csv(text, len, an);
	else
		rc = emit(text, len);
	opflow_analysis_free(an);
	return rc;
}

/* ------------------------------------------------------------- simulate */

/* A decimal candidate: n significant digits d[0..n-1] (d[0] != 0), the
 * first one of weight 10^e. */
struct decimal {
	char d[24];
	int n, e;
};

/* Whether the candidate reads back as d. */
static int reads_back(const struct decimal *c, int negative, double d)
{
	char s[48];

	snprintf(s, sizeof s, "%s%c.%.*se%d", negative ? "-" : "", c->d[0],
	         c->n - 1, c->d + 1, c->e);
	return strtod(s, NULL) == d;
}

/* The next n-digit decimal above (up) or below c. */
static void step(struct decimal *c, int up)
{
	int i = c->n - 1, zeros = 1;

	if (up) {
		while (i >= 0 && c->d[i] == '9')
			c->d[i--] = '0';
		if (i >= 0) {
			c->d[i]++;
		} else {
			c->d[0] = '1';
			c->e++;
		}
		return;
	}
	for (int k = 1; k < c->n; k++)
		zeros &= c->d[k] == '0';
	if (c->d[0] == '1' && zeros) {
		memset(c->d, '9', (size_t)c->n);
		c->e--;
		return;
	}
	while (c->d[i] == '0')
		c->d[i--] = '9';
	c->d[i]--;
}

/*
 * The shortest decimal that reads back as d, written as the library
 * writes numbers (its JSON report, its text format): positional for
 * decimal exponents from -4 to 16, else d.ddde+XX, no trailing zeros;
 * 0 for both zeros.  For the finite d; buf holds at least 32 bytes.
 */
static void shortest(char *buf, double d)
{
	struct decimal c = { { 0 }, 0, 0 };
	int negative = d < 0, found = 0, n, e;
	char *p = buf;

	if (d == 0 || !isfinite(d)) {
		strcpy(buf, d == 0 ? "0" : "null");
		return;
	}
	for (int digits = 1; digits <= 17 && !found; digits++) {
		char s[40], *q;
		struct decimal o;

		/* -d.ddde-XX: the nearest decimal of that many digits */
		snprintf(s, sizeof s, "%.*e", digits - 1, fabs(d));
		c.n = 0;
		for (q = s; *q != 'e'; q++)
			if (*q != '.')
				c.d[c.n++] = *q;
		c.e = atoi(q + 1);
		for (int k = 0; k < 3 && !found; k++) {
			o = c;
			if (k)
				step(&o, k == 1);
			if (reads_back(&o, negative, d)) {
				c = o;
				found = 1;
			}
		}
	}
	n = c.n;
	e = c.e;
	while (n > 1 && c.d[n - 1] == '0')
		n--;
	if (negative)
		*p++ = '-';
	if (e < -4 || e > 16) {
		*p++ = c.d[0];
		if (n > 1) {
			*p++ = '.';
			memcpy(p, c.d + 1, (size_t)n - 1);
			p += n - 1;
		}
		sprintf(p, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
		return;
	}
	if (e < 0) {
		*p++ = '0';
		*p++ = '.';
		for (int k = 0; k < -e - 1; k++)
			*p++ = '0';
		memcpy(p, c.d, (size_t)n);
		p += n;
	} else if (n <= e + 1) {
		memcpy(p, c.d, (size_t)n);
		p += n;
		for (int k = n; k <= e; k++)
			*p++ = '0';
	} else {
		memcpy(p, c.d, (size_t)e + 1);
		p += e + 1;
		*p++ = '.';
		memcpy(p, c.d + e + 1, (size_t)(n - e - 1));
		p += n - e - 1;
	}
	*p = '\0';
}

static void json_number(double d)
{
	char buf[40];

	shortest(buf, d);
	fputs(buf, tool_out);
}

/* A JSON string, escaped as the library's JSON report escapes. */
static void json_string(const char *s)
{
	static const char hex[] = "0123456789abcdef";

	fputc('"', tool_out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(tool_out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", tool_out);
		else if (c == '\t')
			fputs("\\t", tool_out);
		else if (c == '\r')
			fputs("\\r", tool_out);
		else if (c < 0x20)
			fprintf(tool_out, "\\u00%c%c", hex[c >> 4], hex[c & 15]);
		else
			fputc(c, tool_out);
	}
	fputc('"', tool_out);
}

/* The progress bar on a terminal: redrawn when the percentage changes,
 * erased when done. */
struct progress {
	FILE *err;
	int percent;    /* last drawn, or -1 */
	int width;      /* of the line drawn, 0 when none is shown */
};

static void progress_erase(struct progress *p)
{
	if (p->width) {
		fprintf(p->err, "\r%*s\r", p->width, "");
		fflush(p->err);
		p->width = 0;
	}
}

static int progress_bar(uint64_t done, uint64_t total, void *payload)
{
	static const char bar[] = "########################################";
	struct progress *p = payload;
	int percent, filled, width;

	if (done >= total) {
		progress_erase(p);
		return 0;
	}
	percent = (int)((double)done / (double)total * 100);
	if (percent == p->percent)
		return 0;
	p->percent = percent;
	filled = (int)((double)done / (double)total * (sizeof bar - 1));
	width = fprintf(p->err, "\rsimulating [%-*.*s] %3d%%",
	                (int)(sizeof bar - 1), filled, bar, percent);
	if (width > p->width)
		p->width = width;
	fflush(p->err);
	return 0;
}

static int out_of_memory(const struct args *a)
{
	fprintf(tool_err, "%s: error: out of memory\n", display_name(a));
	return EXIT_INPUT;
}

/* The percentiles the JSON object gives: 5, 10, ..., 95. */
#define PERCENTILE_STEP 5

static void json_measure(const struct args *a, const opflow_simulation *sim,
                         opflow_measure m, uint64_t *counts, double *edges)
{
	static const char *const names[] = {
		"mean", "stddev", "min", "max", "p50", "p80", "p95"
	};
	double v[7];

	opflow_simulation_summary(&v[0], &v[1], &v[2], &v[3], sim, m);
	opflow_simulation_percentile(&v[4], sim, m, 50);
	opflow_simulation_percentile(&v[5], sim, m, 80);
	opflow_simulation_percentile(&v[6], sim, m, 95);
	fputc('{', tool_out);
	for (int i = 0; i < 7; i++) {
		fprintf(tool_out, "%s\"%s\": ", i ? ", " : "", names[i]);
		json_number(v[i]);
	}
	fprintf(tool_out, ", \"percentiles\": {");
	for (int p = PERCENTILE_STEP; p < 100; p += PERCENTILE_STEP) {
		double x;

		opflow_simulation_percentile(&x, sim, m, p);
		fprintf(tool_out, "%s\"%d\": ", p > PERCENTILE_STEP ? ", " : "",
		        p);
		json_number(x);
	}
	opflow_simulation_histogram(counts, edges, a->bins, sim, m);
	fprintf(tool_out, "}, \"histogram\": {\"edges\": [");
	for (size_t i = 0; i <= a->bins; i++) {
		fputs(i ? ", " : "", tool_out);
		json_number(edges[i]);
	}
	fprintf(tool_out, "], \"counts\": [");
	for (size_t i = 0; i < a->bins; i++)
		fprintf(tool_out, "%s%" PRIu64, i ? ", " : "", counts[i]);
	fprintf(tool_out, "]}}");
}

static void json_figure(const char *name, const opflow_analysis *an,
                        opflow_figure f)
{
	double v;

	fprintf(tool_out, ",\n  \"%s\": ", name);
	if (opflow_analysis_figure(&v, an, f) == 0)
		json_number(v);
	else
		fputs("null", tool_out);
}

static void simulate_json(const struct args *a, const opflow_simulation *sim,
                          const opflow_analysis *an, uint64_t *counts,
                          double *edges)
{
	opflow_simulation_options o = OPFLOW_SIMULATION_OPTIONS_INIT;
	double v;

	opflow_simulation_get_options(&o, sim);
	fprintf(tool_out, "{\n  \"format_version\": 1,\n  \"iterations\": %"
	        PRIu64 ",\n  \"seed\": %" PRIu64 ",\n  \"distribution\": ",
	        opflow_simulation_iterations(sim), o.seed);
	json_string(opflow_distribution_name(
		(opflow_distribution)o.distribution));
	fprintf(tool_out, ",\n  \"threads\": %d,\n  \"sensitivity_iterations\": "
	        "%" PRIu64 ",\n  \"deadline\": ", o.threads,
	        opflow_simulation_sensitivity_iterations(sim));
	if (a->has_deadline)
		json_number(a->deadline);
	else
		fputs("null", tool_out);
	fprintf(tool_out, ",\n  \"status_date\": ");
	if (a->has_status_date)
		json_number(a->status_date);
	else
		fputs("null", tool_out);
	fprintf(tool_out, ",\n  \"logic\": ");
	if (a->has_status_date)
		json_string(opflow_logic_name(a->logic));
	else
		fputs("null", tool_out);
	fprintf(tool_out, ",\n  \"probability\": ");
	if (opflow_simulation_probability(&v, sim) == 0)
		json_number(v);
	else
		fputs("null", tool_out);
	json_figure("pert_lead_time", an, OPFLOW_FIGURE_PERT_LEAD_TIME);
	json_figure("pert_stddev", an, OPFLOW_FIGURE_PERT_STDDEV);
	json_figure("pert_probability", an, OPFLOW_FIGURE_PERT_PROBABILITY);
	fprintf(tool_out, ",\n  \"lead_time\": ");
	json_measure(a, sim, OPFLOW_MEASURE_LEAD_TIME, counts, edges);
	fprintf(tool_out, ",\n  \"production_span\": ");
	if (opflow_simulation_summary(NULL, NULL, NULL, NULL, sim,
	                              OPFLOW_MEASURE_PRODUCTION_SPAN) == 0)
		json_measure(a, sim, OPFLOW_MEASURE_PRODUCTION_SPAN, counts,
		             edges);
	else
		fputs("null", tool_out);
	fprintf(tool_out, ",\n  \"activities\": [");
	for (opflow_id i = 0; i < opflow_simulation_activity_count(sim); i++) {
		const char *key;
		double r[3];

		opflow_simulation_activity_key(&key, sim, i);
		opflow_simulation_activity(&r[0], &r[1], &r[2], sim, i);
		fprintf(tool_out, "%s\n    {\"key\": ", i ? "," : "");
		json_string(key);
		fprintf(tool_out, ", \"criticality\": ");
		json_number(r[0]);
		fprintf(tool_out, ", \"sensitivity\": ");
		if (a->sensitivity)
			json_number(r[1]);
		else
			fputs("null", tool_out);
		fprintf(tool_out, ", \"cruciality\": ");
		if (a->sensitivity)
			json_number(r[2]);
		else
			fputs("null", tool_out);
		fputc('}', tool_out);
	}
	fprintf(tool_out, "%s]\n}\n",
	        opflow_simulation_activity_count(sim) ? "\n  " : "");
}

/* The histogram as text: one line a bin, its range, its count and a bar
 * of '#' scaled to the largest bin (at least one '#' for a bin that is not
 * empty); one line when every sample is the same. */
#define BAR_WIDTH 40

static void text_histogram(const struct args *a, const uint64_t *counts,
                           const double *edges)
{
	size_t first = 0, width = 0;
	uint64_t most = 0;
	char range[96];
	int digits;

	if (edges[0] == edges[a->bins])
		first = a->bins - 1;
	for (size_t i = first; i < a->bins; i++) {
		size_t n = (size_t)snprintf(range, sizeof range, "[%g, %g%c",
		                            edges[i], edges[i + 1],
		                            i + 1 == a->bins ? ']' : ')');

		if (n > width)
			width = n;
		if (counts[i] > most)
			most = counts[i];
	}
	digits = snprintf(range, sizeof range, "%" PRIu64, most);
	fprintf(tool_out, "  histogram\n");
	for (size_t i = first; i < a->bins; i++) {
		int len = 0;

		if (counts[i])
			len = (int)((double)counts[i] / (double)most * BAR_WIDTH
			            + 0.5);
		if (counts[i] && len < 1)
			len = 1;
		snprintf(range, sizeof range, "[%g, %g%c", edges[i],
		         edges[i + 1], i + 1 == a->bins ? ']' : ')');
		fprintf(tool_out, "    %-*s  %*" PRIu64 "  %.*s\n", (int)width,
		        range, digits, counts[i], len,
		        "########################################");
	}
}

static void text_measure(const struct args *a, const opflow_simulation *sim,
                         opflow_measure m, const opflow_analysis *an,
                         uint64_t *counts, double *edges)
{
	double mean, sd, min, max, v;
	int present;

	section("%s", m == OPFLOW_MEASURE_LEAD_TIME ? "Lead time"
	                                            : "Production span");
	if (opflow_simulation_summary(&mean, &sd, &min, &max, sim, m)) {
		line(2, NULL, "absent (no production activity)");
		return;
	}
	row("mean", mean);
	row("standard deviation", sd);
	row("minimum", min);
	row("maximum", max);
	opflow_simulation_percentile(&v, sim, m, 50);
	row("P50", v);
	opflow_simulation_percentile(&v, sim, m, 80);
	row("P80", v);
	opflow_simulation_percentile(&v, sim, m, 95);
	row("P95", v);
	if (m == OPFLOW_MEASURE_LEAD_TIME) {
		row("PERT expected lead time",
		    fig(an, OPFLOW_FIGURE_PERT_LEAD_TIME, &present));
		row("PERT standard deviation",
		    fig(an, OPFLOW_FIGURE_PERT_STDDEV, &present));
		if (opflow_simulation_probability(&v, sim) == 0) {
			char label[64];

			snprintf(label, sizeof label, "P(lead time <= %g)",
			         a->deadline);
			line(2, label, "%.1f%% (PERT: %.1f%%)", 100 * v,
			     100 * fig(an, OPFLOW_FIGURE_PERT_PROBABILITY,
			               &present));
		}
	}
	opflow_simulation_histogram(counts, edges, a->bins, sim, m);
	if (html_mode) {
		end_table();
		html_histogram(tool_out, counts, edges, a->bins,
		               m == OPFLOW_MEASURE_LEAD_TIME && a->has_deadline,
		               a->deadline, unit_label);
	} else {
		text_histogram(a, counts, edges);
	}
}

struct ranked {
	opflow_id id;
	double criticality, sensitivity, cruciality;
};

/* criticality, then cruciality, highest first; then by id */
static int by_rank(const void *x, const void *y)
{
	const struct ranked *p = x, *q = y;

	if (p->criticality != q->criticality)
		return p->criticality > q->criticality ? -1 : 1;
	if (p->cruciality != q->cruciality)
		return p->cruciality > q->cruciality ? -1 : 1;
	return p->id < q->id ? -1 : p->id > q->id;
}

static void risk_cell(const struct args *a, double v, int width)
{
	if (a->sensitivity)
		fprintf(tool_out, "  %*.3f", width, v);
	else
		fprintf(tool_out, "  %*s", width, "-");
}

/* The ranked activities of text_activities as a table of the page. */
static void html_activities(const struct args *a, const opflow_simulation *sim,
                            const struct ranked *r, size_t shown)
{
	end_table();
	fputs("<table class=\"findings\">\n<tr><th>activity</th>"
	      "<th>criticality</th><th>sensitivity</th><th>cruciality</th>"
	      "</tr>\n", tool_out);
	for (size_t k = 0; k < shown; k++) {
		const char *key;

		opflow_simulation_activity_key(&key, sim, r[k].id);
		fputs("<tr><td>", tool_out);
		escaped(key);
		fprintf(tool_out, "</td><td>%.3f</td>", r[k].criticality);
		if (a->sensitivity)
			fprintf(tool_out, "<td>%.3f</td><td>%.3f</td></tr>\n",
			        r[k].sensitivity, r[k].cruciality);
		else
			fputs("<td>-</td><td>-</td></tr>\n", tool_out);
	}
	fputs("</table>\n", tool_out);
}

static int text_activities(const struct args *a, const opflow_simulation *sim)
{
	size_t count = opflow_simulation_activity_count(sim), shown = count;
	size_t width = strlen("activity");
	struct ranked *r = NULL;

	if (a->top && a->top < count)
		shown = a->top;
	if (count && !(r = malloc(count * sizeof *r)))
		return out_of_memory(a);
	for (opflow_id i = 0; i < count; i++) {
		r[i].id = i;
		opflow_simulation_activity(&r[i].criticality, &r[i].sensitivity,
		                           &r[i].cruciality, sim, i);
	}
	if (count)
		qsort(r, count, sizeof *r, by_rank);
	if (shown == count)
		section("Activities by criticality, then cruciality (all %zu)",
		        count);
	else
		section("Activities by criticality, then cruciality (top %zu of "
		        "%zu)", shown, count);
	if (html_mode) {
		html_activities(a, sim, r, shown);
		free(r);
		return 0;
	}
	for (size_t k = 0; k < shown; k++) {
		const char *key;

		opflow_simulation_activity_key(&key, sim, r[k].id);
		if (strlen(key) > width)
			width = strlen(key);
	}
	if (width > 40)
		width = 40;
	fprintf(tool_out, "  %-*s  criticality  sensitivity  cruciality\n",
	        (int)width, "activity");
	for (size_t k = 0; k < shown; k++) {
		const char *key;

		opflow_simulation_activity_key(&key, sim, r[k].id);
		fprintf(tool_out, "  %-*s  %11.3f", (int)width, key,
		        r[k].criticality);
		risk_cell(a, r[k].sensitivity, 11);
		risk_cell(a, r[k].cruciality, 10);
		fputc('\n', tool_out);
	}
	free(r);
	return 0;
}

static int simulate_text(const struct args *a, const opflow_simulation *sim,
                         const opflow_analysis *an, const opflow_graph *g,
                         uint64_t *counts, double *edges)
{
	size_t estimates = 0;
	uint64_t n = opflow_simulation_iterations(sim);
	uint64_t ranked = opflow_simulation_sensitivity_iterations(sim);

	for (opflow_id i = 0; i < opflow_graph_activity_count(g); i++) {
		int has;

		opflow_graph_activity_estimate(&has, NULL, NULL, NULL, g, i);
		estimates += (size_t)has;
	}
	if (html_mode)
		section("Monte Carlo simulation: %" PRIu64 " iteration%s, %s "
		        "durations, seed %" PRIu64, n, n == 1 ? "" : "s",
		        a->distribution == OPFLOW_DISTRIBUTION_PERT
		        ? "beta-PERT" : "triangular", a->seed);
	else
		fprintf(tool_out, "Simulation of %s: %" PRIu64 " iteration%s, "
		        "%s durations, seed %" PRIu64 "\n", display_name(a), n,
		        n == 1 ? "" : "s",
		        a->distribution == OPFLOW_DISTRIBUTION_PERT
		        ? "beta-PERT" : "triangular", a->seed);
	line(2, "activities", "%zu (%zu with an estimate)",
	     opflow_graph_activity_count(g), estimates);
	if (a->has_status_date)
		line(2, "status date", "%g (%s logic)", a->status_date,
		     opflow_logic_name(a->logic));
	if (a->sensitivity && ranked < n)
		line(2, "sensitivities from", "the first %" PRIu64
		     " iterations", ranked);
	text_measure(a, sim, OPFLOW_MEASURE_LEAD_TIME, an, counts, edges);
	text_measure(a, sim, OPFLOW_MEASURE_PRODUCTION_SPAN, an, counts, edges);
	return text_activities(a, sim);
}

/* The simulation of the command line in *sim, and in *an the analysis
 * with PERT durations whose figures go beside the simulated ones. */
static int run_simulation(const struct args *a, const opflow_graph *g,
                          opflow_simulation **sim, opflow_analysis **an)
{
	opflow_analysis_options ao = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_simulation_options so = OPFLOW_SIMULATION_OPTIONS_INIT;
	struct progress bar = { NULL, -1, 0 };
	int rc, fd;

	analysis_options(&ao, a, 1);
	ao.duration_mode = OPFLOW_DURATIONS_PERT;
	ao.near_critical = 0.0;
	if (opflow_analyze(an, g, &ao))
		return input_error(a);
	so.distribution = (int)a->distribution;
	so.iterations = a->iterations;
	so.seed = a->seed;
	so.threads = a->threads;
	so.sensitivity = a->sensitivity;
	fd = fileno(tool_err);
	if (!a->quiet && fd >= 0 && isatty(fd)) {
		bar.err = tool_err;
		so.progress = progress_bar;
		so.progress_payload = &bar;
	}
	rc = opflow_simulate(sim, g, &ao, &so);
	if (bar.err)
		progress_erase(&bar);
	if (rc) {
		rc = input_error(a);
		opflow_analysis_free(*an);
		return rc;
	}
	return 0;
}

/* The figures of the simulation sim (an: its PERT analysis) as text,
 * JSON or (html_mode) the page's sections; frees both. */
static int simulate_print(const struct args *a, const opflow_graph *g,
                          opflow_simulation *sim, opflow_analysis *an)
{
	uint64_t *counts;
	double *edges;
	int rc = 0;

	counts = malloc(a->bins * sizeof *counts);
	edges = malloc((a->bins + 1) * sizeof *edges);
	if (!counts || !edges)
		rc = out_of_memory(a);
	else if (a->json)
		simulate_json(a, sim, an, counts, edges);
	else
		rc = simulate_text(a, sim, an, g, counts, edges);
	free(counts);
	free(edges);
	opflow_simulation_free(sim);
	opflow_analysis_free(an);
	return rc;
}

/* opflow simulate: the simulation and its figures. */
static int simulate_output(const struct args *a, const opflow_graph *g)
{
	opflow_simulation *sim;
	opflow_analysis *an;
	int rc;

	if ((rc = run_simulation(a, g, &sim, &an)))
		return rc;
	return simulate_print(a, g, sim, an);
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
	unit_label[0] = '\0';
	html_mode = table_open = 0;
	if ((rc = parse_args(&a, argc, argv)) || a.done)
		return rc;
	if ((rc = load(&a, &g)))
		return rc;
	if (strcmp(a.command, "report") == 0)
		rc = cmd_report(&a, g);
	else if (strcmp(a.command, "check") == 0)
		rc = cmd_check(&a, g);
	else if (strcmp(a.command, "simulate") == 0)
		rc = simulate_output(&a, g);
	else if (strcmp(a.command, "fmt") == 0)
		rc = cmd_fmt(&a, g);
	else if (strcmp(a.command, "gantt") == 0)
		rc = cmd_gantt(&a, g);
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
