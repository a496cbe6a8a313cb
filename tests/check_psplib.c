/*
 * check_psplib.c - the lead time of the PSPLIB benchmark networks.
 *
 * Each instance in tests/data/psplib/ (Kolisch & Sprecher 1997, see the
 * README there) is parsed here: the PRECEDENCE RELATIONS section gives
 * each job's successors, the REQUESTS/DURATIONS section its duration, and
 * the PROJECT INFORMATION line the published MPM-Time, the critical-path
 * length of the network without resources.  The network is built with
 * finish-to-start flows of lag 0, once with ids in the file's job order
 * and once in the reverse order, and its lead time must be the MPM-Time.
 */
#include "analysis_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct instance {
	const char *name;
	int published;          /* literal MPM-Time; 0: only read it */
};

static const struct instance instances[] = {
	{ "j301_1", 38 },
	{ "j301_2", 0 },
	{ "j305_1", 0 },
	{ "j3010_1", 0 },
	{ "j3013_1", 34 },
	{ "j3021_1", 0 },
	{ "j3025_1", 0 },
	{ "j3029_1", 0 },
	{ "j3037_1", 0 },
	{ "j3045_1", 0 },
	{ "j1201_1", 99 },
	{ "j12013_1", 121 },
	{ "j12025_1", 0 },
	{ "j12037_1", 0 },
	{ "j12049_1", 0 },
};
#define INSTANCES (int)(sizeof instances / sizeof instances[0])

#define MAX_JOBS 200
#define MAX_SUCC 32

struct network {
	int jobs;               /* from the header, with source and sink */
	int mpm_time;
	int duration[MAX_JOBS + 1];
	int have_duration[MAX_JOBS + 1];
	int succ_count[MAX_JOBS + 1];
	int succ[MAX_JOBS + 1][MAX_SUCC];
	int have_succ[MAX_JOBS + 1];
};

static int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Reads integers from s into v (at most max); returns how many. */
static int read_ints(const char *s, int *v, int max)
{
	int count = 0;

	while (count < max) {
		char *end;
		long x = strtol(s, &end, 10);

		if (end == s)
			break;
		v[count++] = (int)x;
		s = end;
	}
	return count;
}

static void parse(struct network *net, const char *path)
{
	enum { NONE, INFO, PREC, DUR } section = NONE;
	char line[1024];
	int skip = 0;
	FILE *f = fopen(path, "r");

	ck_assert_msg(f != NULL, "cannot open %s", path);
	memset(net, 0, sizeof *net);
	net->mpm_time = -1;
	while (fgets(line, sizeof line, f)) {
		int v[MAX_SUCC + 4], k;

		if (starts_with(line, "jobs (incl. supersource/sink")) {
			const char *colon = strchr(line, ':');

			ck_assert_ptr_nonnull(colon);
			net->jobs = atoi(colon + 1);
			ck_assert_int_gt(net->jobs, 1);
			ck_assert_int_le(net->jobs, MAX_JOBS);
			continue;
		}
		if (starts_with(line, "PROJECT INFORMATION:")) {
			section = INFO, skip = 1;
			continue;
		}
		if (starts_with(line, "PRECEDENCE RELATIONS:")) {
			section = PREC, skip = 1;
			continue;
		}
		if (starts_with(line, "REQUESTS/DURATIONS:")) {
			section = DUR, skip = 2;
			continue;
		}
		if (line[0] == '*') {
			section = NONE;
			continue;
		}
		if (section == NONE)
			continue;
		if (skip) {             /* column headings, dashes */
			skip--;
			continue;
		}
		k = read_ints(line, v, MAX_SUCC + 4);
		switch (section) {
		case INFO:
			/* pronr. #jobs rel.date duedate tardcost MPM-Time */
			ck_assert_int_eq(k, 6);
			net->mpm_time = v[5];
			section = NONE;
			break;
		case PREC:
			/* jobnr. #modes #successors successors... */
			ck_assert_int_ge(k, 3);
			ck_assert_int_ge(v[0], 1);
			ck_assert_int_le(v[0], net->jobs);
			ck_assert_int_eq(k, 3 + v[2]);
			ck_assert_int_le(v[2], MAX_SUCC);
			net->have_succ[v[0]] = 1;
			net->succ_count[v[0]] = v[2];
			for (int i = 0; i < v[2]; i++) {
				ck_assert_int_ge(v[3 + i], 1);
				ck_assert_int_le(v[3 + i], net->jobs);
				net->succ[v[0]][i] = v[3 + i];
			}
			break;
		case DUR:
			/* jobnr. mode duration R1 R2 ... */
			ck_assert_int_ge(k, 3);
			ck_assert_int_ge(v[0], 1);
			ck_assert_int_le(v[0], net->jobs);
			ck_assert_int_ge(v[2], 0);
			net->duration[v[0]] = v[2];
			net->have_duration[v[0]] = 1;
			break;
		default:
			break;
		}
	}
	fclose(f);
	ck_assert_int_gt(net->jobs, 0);
	ck_assert_int_ge(net->mpm_time, 0);
	for (int j = 1; j <= net->jobs; j++) {
		ck_assert_msg(net->have_succ[j], "%s: job %d has no precedence "
		              "line", path, j);
		ck_assert_msg(net->have_duration[j], "%s: job %d has no "
		              "duration", path, j);
	}
}

/* The network as a graph, job j added as the (j-1)th activity, or in the
 * reverse order so that no flow goes from a lower id to a higher one. */
static opflow_graph *build(const struct network *net, int reverse,
                           opflow_id *id_of)
{
	opflow_graph *g = au_graph();
	char key[32];

	for (int i = 0; i < net->jobs; i++) {
		int j = reverse ? net->jobs - i : i + 1;

		snprintf(key, sizeof key, "job%d", j);
		id_of[j] = au_act(g, key, OPFLOW_CATEGORY_MANUFACTURING,
		                  (double)net->duration[j]);
	}
	for (int j = 1; j <= net->jobs; j++)
		for (int s = 0; s < net->succ_count[j]; s++)
			au_flow(g, id_of[j], id_of[net->succ[j][s]],
			        OPFLOW_FLOW_FS, 0.0);
	return g;
}

START_TEST(test_mpm_time)
{
	const struct instance *in = &instances[_i];
	static struct network net;
	opflow_id id_of[MAX_JOBS + 1];
	char path[4096];

	snprintf(path, sizeof path, "%s/tests/data/psplib/%s.sm", au_srcdir(),
	         in->name);
	parse(&net, path);
	/* the four values DESIGN quotes, asserted literally as well */
	if (in->published)
		ck_assert_msg(net.mpm_time == in->published,
		              "%s: MPM-Time read as %d, published %d", in->name,
		              net.mpm_time, in->published);

	for (int reverse = 0; reverse <= 1; reverse++) {
		opflow_graph *g = build(&net, reverse, id_of);
		opflow_analysis *a = au_analyze(g, NULL);
		int sink = net.jobs, found = 0;
		double es, ef;

		ck_assert_msg(au_figure(a, OPFLOW_FIGURE_LEAD_TIME) ==
		              (double)net.mpm_time,
		              "%s (reverse %d): lead time %.17g, MPM-Time %d",
		              in->name, reverse,
		              au_figure(a, OPFLOW_FIGURE_LEAD_TIME), net.mpm_time);
		if (in->published)
			ck_assert(au_figure(a, OPFLOW_FIGURE_LEAD_TIME) ==
			          (double)in->published);
		/* the dummy sink (duration 0, successor of everything) ends
		 * at the lead time, and one critical chain runs from the
		 * dummy source to it */
		ck_assert_int_eq(opflow_analysis_schedule(&es, &ef, NULL, NULL, a,
		                                          id_of[sink]), 0);
		ck_assert(es == (double)net.mpm_time && ef == es);
		for (size_t c = 0; c < opflow_analysis_chain_count(a); c++) {
			opflow_id ids[MAX_JOBS];
			size_t len = 0;

			ck_assert_int_eq(opflow_analysis_chain(&len, ids, MAX_JOBS,
			                                       a, c), 0);
			ck_assert_uint_le(len, MAX_JOBS);
			if (len && ids[0] == id_of[1] &&
			    ids[len - 1] == id_of[sink])
				found = 1;
		}
		ck_assert_msg(found, "%s: no critical chain from source to sink",
		              in->name);
		opflow_analysis_free(a);
		opflow_graph_free(g);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("psplib");
	TCase *tc = tcase_create("mpm-time");

	tcase_add_loop_test(tc, test_mpm_time, 0, INSTANCES);
	suite_add_tcase(s, tc);
	return au_run(s);
}
