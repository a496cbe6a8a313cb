/*
 * analysis_util.h - helpers shared by the Check suites of the analysis
 * engine: building small graphs, reading every figure of a result into a
 * snapshot that can be compared bit for bit, a seeded random generator,
 * the test scale and the source directory.
 */
#ifndef ANALYSIS_UTIL_H
#define ANALYSIS_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include <check.h>

#include "opflow.h"

/* Number of figures in opflow_figure (OPFLOW_FIGURE_PERT_PROBABILITY + 1). */
#define AU_FIGURES 29

/* ------------------------------------------------------------ building */

/* These fail the current test (ck_assert) on any error, so they are for
 * the main thread only. */
opflow_graph *au_graph(void);
/* An activity with the category's kind and customer-facing flag and an
 * explicit duration. */
opflow_id au_act(opflow_graph *g, const char *key, opflow_category category,
                 double duration);
/* The same with an explicit kind (or OPFLOW_FROM_CATEGORY) and a
 * department (NULL: none). */
opflow_id au_act_ext(opflow_graph *g, const char *key,
                     opflow_category category, int kind, double duration,
                     const char *department);
opflow_id au_flow(opflow_graph *g, opflow_id source, opflow_id target,
                  opflow_flow_type type, double lag);
opflow_analysis *au_analyze(const opflow_graph *g,
                            const opflow_analysis_options *opts);
/* A figure that must be present. */
double au_figure(const opflow_analysis *a, opflow_figure f);

/* |got - want| <= 1e-9 * max(1, |want|), with a message naming what. */
#define AU_NEAR(got, want, what) \
	au_near_impl((got), (want), (what), __FILE__, __LINE__)
void au_near_impl(double got, double want, const char *what,
                  const char *file, int line);

/* ------------------------------------------------------------ snapshot */

struct au_activity {
	char *key;
	double duration, es, ef, ls, lf, total_float, free_float, drive_lag;
	int critical, near_critical;
	opflow_stage stage;
	opflow_id drive_flow, drive_source;
	opflow_flow_type drive_type;
};

/* Everything an analysis tells, read through the public accessors. */
struct au_snapshot {
	size_t n;
	struct au_activity *act;
	double figure[AU_FIGURES];
	int figure_rc[AU_FIGURES];
	size_t chains;
	size_t *chain_len;
	opflow_id **chain;
	/* the first AU_SNAPSHOT_PATHS critical paths, back to back */
	size_t paths;
	int paths_more;
	size_t *path_off;       /* paths + 1 offsets into path_ids */
	opflow_id *path_ids;
	size_t path_ids_len, path_ids_cap;
	size_t departments;
	char **department_key;
	double *critical_by_department;  /* departments + 1: the last is none */
	double critical_by_kind[2];
	size_t handoffs;
	opflow_id *handoff_from, *handoff_to;
	size_t *handoff_count;
};

#define AU_SNAPSHOT_PATHS 1000

/* 0, or -1 when an accessor failed or memory ran out (no ck_assert, so a
 * worker thread may call it). */
int au_snapshot_take(struct au_snapshot *s, const opflow_analysis *a);
void au_snapshot_free(struct au_snapshot *s);
/* NULL when equal bit for bit, else why (cap bytes), describing the
 * first difference. */
const char *au_snapshot_diff(const struct au_snapshot *x,
                             const struct au_snapshot *y, char *why,
                             size_t cap);

/* ------------------------------------------------------------- random */

/* splitmix64 (Steele, Lea, Flood 2014): small, seedable, reproducible. */
struct au_rng {
	uint64_t state;
};

void au_rng_seed(struct au_rng *r, uint64_t seed);
uint64_t au_rng_next(struct au_rng *r);
/* Uniform in [0, n), n > 0. */
uint32_t au_rng_below(struct au_rng *r, uint32_t n);
/* Uniform in [0, 1). */
double au_rng_unit(struct au_rng *r);

/* ------------------------------------------------------------ environment */

/* Multiplier for the number of random cases: OPFLOW_TEST_SCALE as a
 * number, "valgrind" for a small share, else 1 (a small share, too, when
 * the process runs under valgrind, which preloads its vgpreload objects). */
double au_test_scale(void);
/* count scaled, at least minimum. */
long au_scaled(long count, long minimum);
/* The source tree: abs_top_srcdir, else top_srcdir, else ".". */
const char *au_srcdir(void);

/* Runs a suite, CK_NORMAL; returns EXIT_SUCCESS when nothing failed. */
int au_run(Suite *s);

#endif /* ANALYSIS_UTIL_H */
