/*
 * analysis_util.c - helpers shared by the Check suites of the analysis
 * engine (see analysis_util.h).
 */
#include "analysis_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ building */

opflow_graph *au_graph(void)
{
	opflow_graph *g = NULL;

	ck_assert_int_eq(opflow_graph_new(&g), 0);
	ck_assert_ptr_nonnull(g);
	return g;
}

opflow_id au_act_ext(opflow_graph *g, const char *key,
                     opflow_category category, int kind, double duration,
                     const char *department)
{
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
	opflow_id id = OPFLOW_NONE;
	int rc;

	o.category = (int)category;
	o.kind = kind;
	o.department = department;
	o.has_duration = 1;
	o.duration = duration;
	rc = opflow_graph_add_activity_ext(&id, g, key, &o);
	ck_assert_msg(rc == 0, "adding %s: %d %s", key, rc,
	              opflow_error_message());
	return id;
}

opflow_id au_act(opflow_graph *g, const char *key, opflow_category category,
                 double duration)
{
	return au_act_ext(g, key, category, OPFLOW_FROM_CATEGORY, duration,
	                  NULL);
}

opflow_id au_flow(opflow_graph *g, opflow_id source, opflow_id target,
                  opflow_flow_type type, double lag)
{
	opflow_id f = OPFLOW_NONE;
	int rc = opflow_graph_add_flow(&f, g, source, target, type, lag);

	ck_assert_msg(rc == 0, "adding flow %u -> %u: %d %s", (unsigned)source,
	              (unsigned)target, rc, opflow_error_message());
	return f;
}

opflow_analysis *au_analyze(const opflow_graph *g,
                            const opflow_analysis_options *opts)
{
	opflow_analysis *a = NULL;
	int rc = opflow_analyze(&a, g, opts);

	ck_assert_msg(rc == 0, "opflow_analyze: %d %s", rc,
	              opflow_error_message());
	ck_assert_ptr_nonnull(a);
	return a;
}

double au_figure(const opflow_analysis *a, opflow_figure f)
{
	double v = NAN;
	int rc = opflow_analysis_figure(&v, a, f);

	ck_assert_msg(rc == 0, "figure %s: %d %s", opflow_figure_name(f), rc,
	              opflow_error_message());
	return v;
}

void au_near_impl(double got, double want, const char *what,
                  const char *file, int line)
{
	double scale = fabs(want) > 1 ? fabs(want) : 1;

	ck_assert_msg(fabs(got - want) <= 1e-9 * scale,
	              "%s:%d: %s is %.17g, expected %.17g", file, line, what,
	              got, want);
}

/* ------------------------------------------------------------ snapshot */

static char *copy_text(const char *s)
{
	size_t len = strlen(s);
	char *c = malloc(len + 1);

	if (c)
		memcpy(c, s, len + 1);
	return c;
}

static int add_path(const opflow_id *ids, size_t length, void *payload)
{
	struct au_snapshot *s = payload;

	if (s->path_ids_len + length > s->path_ids_cap) {
		size_t cap = 2 * (s->path_ids_len + length);
		opflow_id *p = realloc(s->path_ids, cap * sizeof *p);

		if (!p)
			return -100;
		s->path_ids = p;
		s->path_ids_cap = cap;
	}
	memcpy(s->path_ids + s->path_ids_len, ids, length * sizeof *ids);
	s->path_ids_len += length;
	s->path_off[++s->paths] = s->path_ids_len;
	return 0;
}

int au_snapshot_take(struct au_snapshot *s, const opflow_analysis *a)
{
	size_t count;

	memset(s, 0, sizeof *s);
	s->n = opflow_analysis_activity_count(a);
	s->act = calloc(s->n ? s->n : 1, sizeof *s->act);
	if (!s->act)
		return -1;
	for (size_t i = 0; i < s->n; i++) {
		struct au_activity *x = &s->act[i];
		opflow_id id = (opflow_id)i;
		const char *key = NULL;

		if (opflow_analysis_activity_key(&key, a, id) ||
		    !(x->key = copy_text(key)) ||
		    opflow_analysis_duration(&x->duration, a, id) ||
		    opflow_analysis_schedule(&x->es, &x->ef, &x->ls, &x->lf, a,
		                             id) ||
		    opflow_analysis_floats(&x->total_float, &x->free_float, a,
		                           id) ||
		    opflow_analysis_criticality(&x->critical, &x->near_critical,
		                                a, id) ||
		    opflow_analysis_stage(&x->stage, a, id) ||
		    opflow_analysis_driving_flow(&x->drive_flow, &x->drive_source,
		                                 &x->drive_type, &x->drive_lag, a,
		                                 id))
			return -1;
	}
	for (int f = 0; f < AU_FIGURES; f++)
		s->figure_rc[f] = opflow_analysis_figure(&s->figure[f], a,
		                                         (opflow_figure)f);

	s->chains = opflow_analysis_chain_count(a);
	s->chain_len = calloc(s->chains ? s->chains : 1, sizeof *s->chain_len);
	s->chain = calloc(s->chains ? s->chains : 1, sizeof *s->chain);
	if (!s->chain_len || !s->chain)
		return -1;
	for (size_t c = 0; c < s->chains; c++) {
		size_t len = 0;

		if (opflow_analysis_chain(&len, NULL, 0, a, c))
			return -1;
		s->chain[c] = malloc((len ? len : 1) * sizeof **s->chain);
		if (!s->chain[c] ||
		    opflow_analysis_chain(&s->chain_len[c], s->chain[c], len, a,
		                          c) || s->chain_len[c] != len)
			return -1;
	}

	s->path_off = calloc(AU_SNAPSHOT_PATHS + 1, sizeof *s->path_off);
	if (!s->path_off ||
	    opflow_analysis_critical_paths(&count, &s->paths_more, a,
	                                   AU_SNAPSHOT_PATHS, add_path, s) ||
	    count != s->paths)
		return -1;

	s->departments = opflow_analysis_department_count(a);
	s->department_key = calloc(s->departments + 1,
	                           sizeof *s->department_key);
	s->critical_by_department = calloc(s->departments + 1,
	                                   sizeof *s->critical_by_department);
	if (!s->department_key || !s->critical_by_department)
		return -1;
	for (size_t d = 0; d < s->departments; d++) {
		const char *key = NULL;

		if (opflow_analysis_department_key(&key, a, (opflow_id)d) ||
		    !(s->department_key[d] = copy_text(key)) ||
		    opflow_analysis_critical_time_by_department(
			    &s->critical_by_department[d], a, (opflow_id)d))
			return -1;
	}
	if (opflow_analysis_critical_time_by_department(
		    &s->critical_by_department[s->departments], a, OPFLOW_NONE) ||
	    opflow_analysis_critical_time_by_kind(&s->critical_by_kind[0], a,
	                                          OPFLOW_KIND_PRODUCTION) ||
	    opflow_analysis_critical_time_by_kind(&s->critical_by_kind[1], a,
	                                          OPFLOW_KIND_OPERATION))
		return -1;

	s->handoffs = opflow_analysis_handoff_count(a);
	count = s->handoffs ? s->handoffs : 1;
	s->handoff_from = calloc(count, sizeof *s->handoff_from);
	s->handoff_to = calloc(count, sizeof *s->handoff_to);
	s->handoff_count = calloc(count, sizeof *s->handoff_count);
	if (!s->handoff_from || !s->handoff_to || !s->handoff_count)
		return -1;
	for (size_t h = 0; h < s->handoffs; h++)
		if (opflow_analysis_handoff(&s->handoff_from[h], &s->handoff_to[h],
		                            &s->handoff_count[h], a, h))
			return -1;
	return 0;
}

void au_snapshot_free(struct au_snapshot *s)
{
	if (s->act)
		for (size_t i = 0; i < s->n; i++)
			free(s->act[i].key);
	free(s->act);
	if (s->chain)
		for (size_t c = 0; c < s->chains; c++)
			free(s->chain[c]);
	free(s->chain);
	free(s->chain_len);
	free(s->path_off);
	free(s->path_ids);
	if (s->department_key)
		for (size_t d = 0; d < s->departments; d++)
			free(s->department_key[d]);
	free(s->department_key);
	free(s->critical_by_department);
	free(s->handoff_from);
	free(s->handoff_to);
	free(s->handoff_count);
	memset(s, 0, sizeof *s);
}

static const char *describe(char *why, size_t cap, const char *what)
{
	snprintf(why, cap, "%s", what);
	return why;
}

static int same_double(double x, double y)
{
	return memcmp(&x, &y, sizeof x) == 0;
}

const char *au_snapshot_diff(const struct au_snapshot *x,
                             const struct au_snapshot *y, char *why,
                             size_t cap)
{

	if (x->n != y->n)
		return describe(why, cap, "activity count");
	for (size_t i = 0; i < x->n; i++) {
		const struct au_activity *p = &x->act[i], *q = &y->act[i];

		snprintf(why, cap, "activity %zu", i);
		if (strcmp(p->key, q->key) || !same_double(p->duration, q->duration) ||
		    !same_double(p->es, q->es) || !same_double(p->ef, q->ef) ||
		    !same_double(p->ls, q->ls) || !same_double(p->lf, q->lf) ||
		    !same_double(p->total_float, q->total_float) ||
		    !same_double(p->free_float, q->free_float) ||
		    !same_double(p->drive_lag, q->drive_lag) ||
		    p->critical != q->critical ||
		    p->near_critical != q->near_critical ||
		    p->stage != q->stage || p->drive_flow != q->drive_flow ||
		    p->drive_source != q->drive_source ||
		    p->drive_type != q->drive_type)
			return why;
	}
	for (int f = 0; f < AU_FIGURES; f++) {
		snprintf(why, cap, "figure %s",
		         opflow_figure_name((opflow_figure)f));
		if (x->figure_rc[f] != y->figure_rc[f] ||
		    !same_double(x->figure[f], y->figure[f]))
			return why;
	}
	if (x->chains != y->chains)
		return describe(why, cap, "chain count");
	for (size_t c = 0; c < x->chains; c++)
		if (x->chain_len[c] != y->chain_len[c] ||
		    memcmp(x->chain[c], y->chain[c],
		           x->chain_len[c] * sizeof **x->chain))
			return describe(why, cap, "chains");
	if (x->paths != y->paths || x->paths_more != y->paths_more ||
	    x->path_ids_len != y->path_ids_len ||
	    memcmp(x->path_off, y->path_off, (x->paths + 1) * sizeof *x->path_off) ||
	    (x->path_ids_len && memcmp(x->path_ids, y->path_ids,
	                               x->path_ids_len * sizeof *x->path_ids)))
		return describe(why, cap, "critical paths");
	if (x->departments != y->departments)
		return describe(why, cap, "department count");
	for (size_t d = 0; d < x->departments; d++)
		if (strcmp(x->department_key[d], y->department_key[d]))
			return describe(why, cap, "department keys");
	for (size_t d = 0; d <= x->departments; d++)
		if (!same_double(x->critical_by_department[d],
		                 y->critical_by_department[d]))
			return describe(why, cap, "critical time by department");
	if (!same_double(x->critical_by_kind[0], y->critical_by_kind[0]) ||
	    !same_double(x->critical_by_kind[1], y->critical_by_kind[1]))
		return describe(why, cap, "critical time by kind");
	if (x->handoffs != y->handoffs)
		return describe(why, cap, "handoff count");
	for (size_t h = 0; h < x->handoffs; h++)
		if (x->handoff_from[h] != y->handoff_from[h] ||
		    x->handoff_to[h] != y->handoff_to[h] ||
		    x->handoff_count[h] != y->handoff_count[h])
			return describe(why, cap, "handoff matrix");
	return NULL;
}

/* ------------------------------------------------------------- random */

void au_rng_seed(struct au_rng *r, uint64_t seed)
{
	r->state = seed;
}

uint64_t au_rng_next(struct au_rng *r)
{
	uint64_t z = (r->state += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

uint32_t au_rng_below(struct au_rng *r, uint32_t n)
{
	/* the top 32 bits, scaled: bias below 2^-32 per value */
	return (uint32_t)(((au_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

double au_rng_unit(struct au_rng *r)
{
	return (double)(au_rng_next(r) >> 11) * 0x1.0p-53;
}

/* ------------------------------------------------------------ environment */

double au_test_scale(void)
{
	const char *s = getenv("OPFLOW_TEST_SCALE");
	const char *pre = getenv("LD_PRELOAD");

	if (s && *s) {
		char *end;
		double v;

		if (strcmp(s, "valgrind") == 0)
			return 0.05;
		v = strtod(s, &end);
		if (*end == '\0' && v > 0 && v <= 1000)
			return v;
	}
	if (pre && strstr(pre, "vgpreload"))
		return 0.05;
	return 1.0;
}

long au_scaled(long count, long minimum)
{
	double v = (double)count * au_test_scale();

	return v < (double)minimum ? minimum : (long)v;
}

const char *au_srcdir(void)
{
	const char *d = getenv("abs_top_srcdir");

	if (!d || !*d)
		d = getenv("top_srcdir");
	if (!d || !*d)
		d = ".";
	return d;
}

int au_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
