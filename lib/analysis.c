/*
 * analysis.c - an analysis: its options, the result's memory, and the
 * order of the work: the passes (passes.c) over the graph's topological
 * layout (layout.c), the critical chains (critical.c), scope (scope.c)
 * and PERT (risk.c).  The accessors of the result are in results.c.  The
 * graph is only read.
 */
#include "config.h"

#include "internal.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

/* ---------------------------------------------------------------- options */

int opflow_analysis_options_init(opflow_analysis_options *opts, unsigned int version)
{
	static const opflow_analysis_options init = OPFLOW_ANALYSIS_OPTIONS_INIT;
	/* the size of each version, by where its last field ends */
	static const size_t sizes[] = {
		0,
		offsetof(opflow_analysis_options, near_critical) + sizeof(double),
		sizeof init
	};

	return opflow__options_init(opts, &init, version, sizes,
	                            OPFLOW_ANALYSIS_OPTIONS_VERSION,
	                            "opflow_analysis_options_init");
}

void opflow__analysis_options_full(opflow_analysis_options *full,
                                   const opflow_analysis_options *o)
{
	static const opflow_analysis_options init = OPFLOW_ANALYSIS_OPTIONS_INIT;

	*full = init;
	if (o->version >= 2) {
		*full = *o;
		full->version = OPFLOW_ANALYSIS_OPTIONS_VERSION;
		return;
	}
	full->duration_mode = o->duration_mode;
	full->has_deadline = o->has_deadline;
	full->deadline = o->deadline;
	full->has_tolerance = o->has_tolerance;
	full->tolerance = o->tolerance;
	full->near_critical = o->near_critical;
}

int opflow__check_analysis_options(const opflow_analysis_options *o)
{
	if (o->version < 1 || o->version > OPFLOW_ANALYSIS_OPTIONS_VERSION)
		return opflow__error(OPFLOW_EINVAL,
		    "analysis options version %u is not supported (this library "
		    "knows versions 1 to %u)", o->version,
		    (unsigned)OPFLOW_ANALYSIS_OPTIONS_VERSION);
	if (o->duration_mode != OPFLOW_DURATIONS_DETERMINISTIC &&
	    o->duration_mode != OPFLOW_DURATIONS_PERT)
		return opflow__error(OPFLOW_EINVAL, "unknown duration mode %d",
		                     o->duration_mode);
	if (o->has_deadline != 0 && o->has_deadline != 1)
		return opflow__error(OPFLOW_EINVAL,
		    "has_deadline must be 0 or 1, not %d", o->has_deadline);
	if (o->has_deadline && !isfinite(o->deadline))
		return opflow__error(OPFLOW_EINVAL, "the deadline is not finite");
	if (o->has_tolerance != 0 && o->has_tolerance != 1)
		return opflow__error(OPFLOW_EINVAL,
		    "has_tolerance must be 0 or 1, not %d", o->has_tolerance);
	if (o->has_tolerance && !(isfinite(o->tolerance) && o->tolerance >= 0))
		return opflow__error(OPFLOW_EINVAL,
		    "the critical tolerance must be finite and >= 0, not %g",
		    o->tolerance);
	if (!(isfinite(o->near_critical) && o->near_critical >= 0))
		return opflow__error(OPFLOW_EINVAL,
		    "the near-critical threshold must be finite and >= 0, not %g",
		    o->near_critical);
	if (o->version < 2)
		return 0;
	if (o->has_status_date != 0 && o->has_status_date != 1)
		return opflow__error(OPFLOW_EINVAL,
		    "has_status_date must be 0 or 1, not %d", o->has_status_date);
	if (o->has_status_date && !isfinite(o->status_date))
		return opflow__error(OPFLOW_EINVAL, "the status date is not finite");
	if (o->logic != OPFLOW_LOGIC_RETAINED && o->logic != OPFLOW_LOGIC_OVERRIDE)
		return opflow__error(OPFLOW_EINVAL, "unknown logic %d", o->logic);
	return 0;
}

/* ------------------------------------------------------------ the result */

/* A graph's slot for a freed result, so that its next analysis neither
 * allocates nor touches fresh pages, and finds the names and the order
 * in place when its activities and flows are as they were.  Shared by
 * the graph and each of its results (refs counts them), so that a result
 * freed after its graph finds the slot closed and frees itself. */
struct opflow__recycler {
	atomic_size_t refs;
	_Atomic(opflow_analysis *) slot;   /* NULL, a result, or CLOSED */
};

static opflow_analysis closed_slot;
#define CLOSED (&closed_slot)

static void result_free(opflow_analysis *a)
{
	opflow__free(a->var_mem);
	opflow__free(a->prog_mem);
	opflow__free(a);
}

static void recycler_leave(struct opflow__recycler *r)
{
	if (atomic_fetch_sub_explicit(&r->refs, 1, memory_order_acq_rel) == 1)
		opflow__free(r);
}

/* The graph's slot, made by its first analysis; a reference to it for a
 * new result.  NULL: out of memory. */
static struct opflow__recycler *recycler_join(const opflow_graph *g)
{
	/* the graph's content is only read; the slot is a cache */
	opflow_graph *cache = (opflow_graph *)(uintptr_t)g;
	struct opflow__recycler *r = atomic_load_explicit(&cache->recycler,
	                                                  memory_order_acquire);
	struct opflow__recycler *expected = NULL;

	if (!r) {
		r = opflow__malloc(sizeof *r);
		if (!r)
			return NULL;
		atomic_init(&r->refs, 1);       /* the graph's */
		atomic_init(&r->slot, NULL);
		if (!atomic_compare_exchange_strong_explicit(&cache->recycler,
		        &expected, r, memory_order_acq_rel,
		        memory_order_acquire)) {
			opflow__free(r);
			r = expected;
		}
	}
	atomic_fetch_add_explicit(&r->refs, 1, memory_order_relaxed);
	return r;
}

void opflow_analysis_free(opflow_analysis *a)
{
	struct opflow__recycler *r;
	opflow_analysis *expected = NULL;

	if (!a)
		return;
	r = a->recycler;
	if (!r) {
		result_free(a);
		return;
	}
	opflow__free(a->prog_mem);
	a->prog_mem = NULL;
	/* into the graph's slot, unless it holds another result or the
	 * graph is gone; a is not touched once there */
	if (!atomic_compare_exchange_strong_explicit(&r->slot, &expected, a,
	        memory_order_acq_rel, memory_order_acquire))
		result_free(a);
	recycler_leave(r);
}

#define ALIGN8(x) (((x) + 7) & ~(size_t)7)

/* The result kept in slot r, when its block holds bytes without wasting
 * half of itself; else NULL. */
static opflow_analysis *recycled(struct opflow__recycler *r, size_t bytes)
{
	opflow_analysis *a = atomic_exchange_explicit(&r->slot, NULL,
	                                              memory_order_acq_rel);

	if (a && (a->bytes < bytes || a->bytes / 2 > bytes)) {
		result_free(a);
		a = NULL;
	}
	return a;
}

/* The result and its per-activity arrays, in one block: the graph's kept
 * one when it fits. */
static int alloc_result(opflow_analysis **out, const opflow_graph *g,
                        const struct opflow__layout *L)
{
	size_t n = g->n, nd = g->nd, dkeys = 0, bytes, var_bytes = 0;
	struct opflow__recycler *r;
	opflow_analysis *a;
	void *var_mem = NULL;
	int same = 0;
	char *p;

	for (size_t d = 0; d < nd; d++)
		dkeys += g->depts[d].key_len + 1;
	/* 8-byte arrays first, then 4-byte, then bytes */
	bytes = opflow__mul(n, 5 * sizeof(double) + sizeof(size_t) +
	                       6 * sizeof(uint32_t) + 3);
	if (bytes == SIZE_MAX || nd > SIZE_MAX / 64 ||
	    g->keys_len > SIZE_MAX / 2 - bytes)
		return opflow__error(OPFLOW_ERANGE, "graph too large to analyse");
	bytes += ALIGN8(sizeof *a) + (nd + 1) * sizeof(double) +
	         nd * sizeof(size_t) + g->keys_len + dkeys;
	if (!(r = recycler_join(g)))
		return opflow__nomem();
	a = recycled(r, bytes);
	if (a) {
		/* the same activities (the generation moves with every
		 * activity or flow added or removed) and as many departments
		 * (which come before the names): the arrays fall where they
		 * were, names and order in them; a kept result has no
		 * progress block (opflow_analysis_free) */
		same = a->graph_serial == g->serial &&
		       a->graph_generation == g->generation && a->nd == nd;
		bytes = a->bytes;
		var_mem = a->var_mem;
		var_bytes = a->var_bytes;
	} else {
		a = opflow__malloc(bytes);
		if (!a) {
			recycler_leave(r);
			return opflow__nomem();
		}
	}
	memset(a, 0, sizeof *a);
	a->bytes = bytes;
	a->var_mem = var_mem;
	a->var_bytes = var_bytes;
	a->recycler = r;
	p = (char *)a + ALIGN8(sizeof *a);
#define CARVE(field, count) \
	(a->field = (void *)p, p += (count) * sizeof *a->field)
	CARVE(es, n);
	CARVE(lf, n);
	CARVE(dur, n);
	CARVE(free_float, n);
	CARVE(drive_lag, n);
	CARVE(crit_by_dept, nd + 1);
	CARVE(key_off, n);
	CARVE(dkey_off, nd);
	CARVE(pos, n);
	CARVE(order, n);
	CARVE(drive_flow, n);
	CARVE(drive_src, n);
	CARVE(chain_parent, n);
	CARVE(chain_depth, n);
	CARVE(drive_type, n);
	CARVE(flags, n);
	CARVE(stage, n);
	CARVE(keys, g->keys_len);
	CARVE(dkeys, dkeys);
#undef CARVE
	a->n = n;
	a->nd = nd;
	if (n && !same) {
		memcpy(a->pos, L->pos, n * sizeof *a->pos);
		memcpy(a->order, L->order, n * sizeof *a->order);
		/* the names, so that the result outlives the graph */
		opflow__keys_copy(a->key_off, a->keys, g);
	}
	p = a->dkeys;
	for (size_t d = 0; d < nd; d++) {
		a->dkey_off[d] = (size_t)(p - a->dkeys);
		memcpy(p, g->depts[d].key, g->depts[d].key_len + 1);
		p += g->depts[d].key_len + 1;
	}
	a->graph_serial = g->serial;
	a->graph_generation = g->generation;
	*out = a;
	return 0;
}

/* ------------------------------------------------------------- scratch */

/* The working block: its size, then the arrays. */
struct opflow__work_block {
	size_t bytes;
	double align_[1];
};

#define BLOCK_HEAD offsetof(struct opflow__work_block, align_)

void opflow__kept_drop(opflow_graph *g)
{
	struct opflow__recycler *r = atomic_load_explicit(&g->recycler,
	                                                  memory_order_acquire);
	opflow_analysis *a;

	opflow__free(atomic_exchange_explicit(&g->work_block, NULL,
	                                      memory_order_acq_rel));
	if (!r)
		return;
	a = atomic_exchange_explicit(&r->slot, NULL, memory_order_acq_rel);
	if (a)
		result_free(a);
}

void opflow__kept_close(opflow_graph *g)
{
	struct opflow__recycler *r = atomic_exchange_explicit(&g->recycler,
	                                 NULL, memory_order_acq_rel);
	opflow_analysis *a;

	if (!r)
		return;
	a = atomic_exchange_explicit(&r->slot, CLOSED, memory_order_acq_rel);
	if (a)
		result_free(a);
	recycler_leave(r);
}

/* A working block of at least bytes: the graph's, when it keeps one large
 * enough and no other analysis holds it, else a new one. */
static struct opflow__work_block *block_take(const opflow_graph *g,
                                             size_t bytes)
{
	/* the graph's content is only read; its block slot is a cache */
	opflow_graph *cache = (opflow_graph *)(uintptr_t)g;
	struct opflow__work_block *b =
		atomic_exchange_explicit(&cache->work_block, NULL,
		                         memory_order_acq_rel);

	if (b && b->bytes >= bytes)
		return b;
	opflow__free(b);
	if (bytes > SIZE_MAX - BLOCK_HEAD)
		return NULL;
	b = opflow__malloc(BLOCK_HEAD + bytes);
	if (b)
		b->bytes = bytes;
	return b;
}

/* Gives the block back to the graph for the next analysis, unless
 * another analysis gave one back first. */
static void block_give(const opflow_graph *g, struct opflow__work_block *b)
{
	opflow_graph *cache = (opflow_graph *)(uintptr_t)g;
	struct opflow__work_block *expected = NULL;

	if (b && !atomic_compare_exchange_strong_explicit(&cache->work_block,
	        &expected, b, memory_order_acq_rel, memory_order_acquire))
		opflow__free(b);
}

static void work_free(struct opflow__work *w)
{
	block_give(w->g, w->block);
	w->block = NULL;
	opflow__free(w->d_mem);
	w->d_mem = NULL;
	opflow__progress_free(w);
}

/* One block for every working array, over the graph's topological layout
 * (built and cached in the graph by the first analysis). */
static int work_init(struct opflow__work *w, const opflow_graph *g)
{
	size_t n = g->n, nd = g->nd, bytes, cells, pairs;
	char *p;
	int rc;

	memset(w, 0, sizeof *w);
	w->g = g;
	w->dense = opflow__handoff_dense(g);
	cells = w->dense ? nd * nd : 0;
	pairs = w->dense ? 0 : 2 * opflow__count_handoffs(g);
	if (n > SIZE_MAX / 128 || pairs > SIZE_MAX / 32 ||
	    cells > SIZE_MAX / 16 || nd > SIZE_MAX / 16)
		return opflow__error(OPFLOW_ERANGE, "graph too large to analyse");
	if ((rc = opflow__layout_get(&w->L, g)))
		return rc;
	bytes = n * (4 * sizeof(double) + 7 * sizeof(uint32_t) + 1) +
	        TIGHT_WORDS(g->m) * sizeof(uint64_t) +
	        (cells + 2 * pairs + nd + 1) * sizeof(uint32_t) + nd + 8;
	w->block = block_take(g, bytes);
	if (!w->block)
		return opflow__nomem();
	p = (char *)w->block + BLOCK_HEAD;
	w->dur = (double *)(void *)p;  p += n * sizeof(double);
	w->es = (double *)(void *)p;   p += n * sizeof(double);
	w->lf = (double *)(void *)p;   p += n * sizeof(double);
	w->aux = (double *)(void *)p;  p += n * sizeof(double);
	w->tight_bits = (uint64_t *)(void *)p;
	p += TIGHT_WORDS(g->m) * sizeof(uint64_t);
	/* 8-aligned: the sort of the critical activities uses the two as
	 * one array of n 8-byte keys before they are filled */
	w->first_child = (uint32_t *)(void *)p; p += n * sizeof(uint32_t);
	w->next_sib = (uint32_t *)(void *)p;    p += n * sizeof(uint32_t);
	w->u32 = (uint32_t *)(void *)p;         p += n * sizeof(uint32_t);
	w->sorted = (uint32_t *)(void *)p;      p += n * sizeof(uint32_t);
	w->tmp = (uint32_t *)(void *)p;         p += n * sizeof(uint32_t);
	w->seen = (uint32_t *)(void *)p;        p += n * sizeof(uint32_t);
	w->crit_by_id = (uint32_t *)(void *)p;  p += n * sizeof(uint32_t);
	w->matrix = (uint32_t *)(void *)p;      p += cells * sizeof(uint32_t);
	w->pairs = (uint32_t *)(void *)p;       p += pairs * sizeof(uint32_t);
	w->pairs_tmp = (uint32_t *)(void *)p;   p += pairs * sizeof(uint32_t);
	w->dept_count = (uint32_t *)(void *)p;  p += (nd + 1) * sizeof(uint32_t);
	w->mark = (uint8_t *)p;                 p += n;
	w->dept_seen = (uint8_t *)p;
	return 0;
}

int opflow__not_finite(const struct opflow__work *w, uint32_t pos, const char *what)
{
	uint32_t id = w->L->order[pos];

	return opflow__error(OPFLOW_ERANGE,
	    "the %s of activity %k is not finite (durations or lags too large)",
	    what, opflow__key(w->g, id));
}

/* ------------------------------------------------------------- analysis */

void opflow__set_absent(opflow_analysis *a, opflow_figure f)
{
	a->absent |= 1u << f;
	a->figure[f] = 0.0;
}

static uint8_t stage_of(uint8_t mark)
{
	int reaches = (mark & OPFLOW__MARK_REACHES) != 0;
	int reached_ = (mark & OPFLOW__MARK_REACHED) != 0;

	if (mark & OPFLOW__MARK_PROD)
		return OPFLOW_STAGE_PRODUCTION;
	if (reaches && reached_)
		return OPFLOW_STAGE_INTERLEAVED;
	if (reaches)
		return OPFLOW_STAGE_PRE_PRODUCTION;
	if (reached_)
		return OPFLOW_STAGE_POST_PRODUCTION;
	return OPFLOW_STAGE_INDEPENDENT;
}

/* The result's second block: chains, tight rows, roots and handoffs. */
static int alloc_variable(opflow_analysis *a, const struct opflow__work *w)
{
	size_t words = w->leaves + (a->n + 1) + w->tight + w->roots +
	               2 * w->entries;
	size_t bytes = w->entries * sizeof(size_t) + words * sizeof(uint32_t);
	char *p;

	/* a kept result's, when large enough */
	if (!a->var_mem || a->var_bytes < bytes) {
		opflow__free(a->var_mem);
		a->var_bytes = 0;
		a->var_mem = opflow__malloc(bytes);
		if (!a->var_mem)
			return opflow__nomem();
		a->var_bytes = bytes;
	}
	p = a->var_mem;
	a->hand_count = (size_t *)(void *)p;
	p += w->entries * sizeof(size_t);
	a->chain_leaf = (uint32_t *)(void *)p;
	a->tight_off = a->chain_leaf + w->leaves;
	a->tight_dst = a->tight_off + a->n + 1;
	a->path_root = a->tight_dst + w->tight;
	a->hand_from = a->path_root + w->roots;
	a->hand_to = a->hand_from + w->entries;
	return 0;
}

/* Sums of finite durations can still overflow: such a figure is an
 * out-of-range error, like a time that is not finite. */
static int check_finite(const opflow_analysis *a)
{
	for (int f = 0; f < OPFLOW__FIGURES; f++)
		if (!(a->absent & (1u << f)) && !isfinite(a->figure[f]))
			return opflow__error(OPFLOW_ERANGE,
			    "the figure %s is not finite (durations too large)",
			    opflow_figure_name((opflow_figure)f));
	for (size_t d = 0; d <= a->nd; d++)
		if (!isfinite(a->crit_by_dept[d]))
			return opflow__error(OPFLOW_ERANGE,
			    "the critical time of department %s is not finite "
			    "(durations too large)",
			    d < a->nd ? a->dkeys + a->dkey_off[d] : "(none)");
	for (int k = 0; k < 2; k++)
		if (!isfinite(a->crit_by_kind[k]))
			return opflow__error(OPFLOW_ERANGE,
			    "the critical time of the %s activities is not "
			    "finite (durations too large)",
			    opflow_kind_name((opflow_kind)k));
	return 0;
}

/* What the result keeps of the options, the tolerances and the horizon
 * H of the lead time T. */
static void record_options(opflow_analysis *a,
                           const opflow_analysis_options *opts, double tol,
                           double eps, double T, double H)
{
	static const opflow_analysis_options defaults =
		OPFLOW_ANALYSIS_OPTIONS_INIT;

	a->tolerance = tol;
	a->eps = eps;
	a->options = defaults;
	a->options.duration_mode = opts->duration_mode;
	a->options.has_deadline = opts->has_deadline;
	a->options.deadline = opts->has_deadline ? opts->deadline : 0.0;
	a->options.has_tolerance = opts->has_tolerance;
	a->options.tolerance = opts->has_tolerance ? opts->tolerance : 0.0;
	a->options.near_critical = opts->near_critical;
	a->options.has_status_date = opts->has_status_date;
	a->options.status_date = opts->has_status_date ? opts->status_date
	                                               : 0.0;
	a->options.logic = opts->logic;
	a->horizon = H;
	a->shift = H - T;
}

int opflow_analyze(opflow_analysis **out, const opflow_graph *g,
                   const opflow_analysis_options *opts)
{
	static const opflow_analysis_options defaults =
		OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_analysis_options full;
	opflow_analysis *a = NULL;
	struct opflow__work w;
	double T, H, tol, eps, min_tf, near;
	double *own_dur, *own_es, *own_lf;
	int rc, any_estimate = 0, any_prod = 0, progress, means;
	uint32_t bad;
	size_t n;

	if (!out)
		return opflow__null_arg("opflow_analyze", "out");
	if (!g)
		return opflow__null_arg("opflow_analyze", "graph");
	if (!opts)
		opts = &defaults;
	if ((rc = opflow__check_analysis_options(opts)))
		return rc;
	opflow__analysis_options_full(&full, opts);
	opts = &full;
	n = g->n;
	progress = opflow__progress_wanted(g, opts);
	if ((rc = work_init(&w, g)))
		goto fail;
	if (progress && (rc = opflow__progress_init(&w, opts)))
		goto fail;
	if ((rc = alloc_result(&a, g, w.L)))
		goto fail;

	/* without progress or dates, the main schedule is worked out in the
	 * result's own arrays */
	own_dur = w.dur;
	own_es = w.es;
	own_lf = w.lf;
	if (!progress && !g->dated) {
		w.dur = a->dur;
		w.es = a->es;
		w.lf = a->lf;
	}
	/* durations, kinds and departments by position, as the layout keeps
	 * them; PERT means from the estimates */
	any_estimate = w.L->estimates != 0;
	any_prod = w.L->production != 0;
	if (opts->duration_mode == OPFLOW_DURATIONS_PERT && any_estimate) {
		for (uint32_t k = 0; k < n; k++)
			w.dur[k] = opflow__pert_mean(&g->acts[w.L->order[k]]);
	} else {
		if (n)
			memcpy(w.dur, w.L->dur, n * sizeof *w.dur);
		w.own_durations = !progress && !g->dated;
	}
	for (uint32_t k = 0; k < n; k++)
		w.mark[k] = w.L->attr[k] & OPFLOW__MARK_PROD;
	w.dept_p = w.L->dept;

	if (g->dated) {
		/* on the working calendars; reported as with progress */
		if ((rc = opflow__dated(&w, a, opts, &T)))
			goto fail;
		progress = 1;
		opflow__tolerances(&tol, &eps, T, opts);
		record_options(a, opts, tol, eps, T,
		               opts->has_deadline ? opts->deadline : T);
		for (uint32_t k = 0; k < n; k++)
			a->stage[k] = stage_of(w.mark[k]);
		goto figures;
	}
	rc = progress ? opflow__progress_forward(&w, &T, &bad)
	              : opflow__forward(w.L, w.dur, w.es, &T, &bad);
	if (rc) {
		rc = opflow__not_finite(&w, bad, "early finish");
		goto fail;
	}
	H = opts->has_deadline ? opts->deadline : T;
	opflow__tolerances(&tol, &eps, T, opts);
	opflow__reached(&w);
	/* against T: a deadline shifts the late times and floats afterwards
	 * (DESIGN, "Rounding"), so that its digits cannot blur the critical
	 * set */
	rc = progress ? opflow__progress_backward(&w, T, H - T, &bad)
	              : opflow__backward_full(&w, T, tol, &bad);
	if (rc) {
		rc = opflow__not_finite(&w, bad, "late start");
		goto fail;
	}
	record_options(a, opts, tol, eps, T, H);
	near = opts->near_critical;
	if (progress) {
		min_tf = opflow__progress_mark_critical(&w, tol, eps);
		if ((rc = opflow__progress_fill(&w, a, T, tol, eps, min_tf,
		                                near)))
			goto fail;
		for (uint32_t k = 0; k < n; k++)
			a->stage[k] = stage_of(w.mark[k]);
		goto figures;
	}
	min_tf = opflow__mark_critical(&w, tol, eps);

	for (uint32_t k = 0; k < n; k++) {
		double tf = opflow__round_float((w.lf[k] - w.dur[k]) - w.es[k],
		                                eps);
		uint8_t f = 0;
		uint32_t e = w.u32[k];

		a->free_float[k] = opflow__free_float(w.aux[k], T - (w.es[k] + w.dur[k]),
		                              tf, a->shift, eps);
		if (!isfinite(a->free_float[k]) ||
		    !isfinite(opflow__total_float(a, k)) ||
		    !isfinite((w.lf[k] + a->shift) - w.dur[k])) {
			rc = opflow__not_finite(&w, k, "late start");
			goto fail;
		}

		if (w.mark[k] & OPFLOW__MARK_CRIT)
			f = OPFLOW__CRIT | OPFLOW__NEAR;
		else if (tf <= min_tf + near)
			f = OPFLOW__NEAR;
		a->flags[k] = f;
		a->stage[k] = stage_of(w.mark[k]);
		if (e == OPFLOW_NONE) {
			a->drive_flow[k] = a->drive_src[k] = OPFLOW_NONE;
			a->drive_type[k] = 0;
			a->drive_lag[k] = 0.0;
		} else {
			a->drive_flow[k] = w.L->out_flow[e];
			a->drive_src[k] = w.L->order[w.tmp[k]];
			a->drive_type[k] = opflow__out_type(w.L, e);
			a->drive_lag[k] = opflow__out_lag(w.L, e);
		}
	}
figures:
	a->figure[OPFLOW_FIGURE_LEAD_TIME] = T;
	opflow__critical_count(a, &w, tol);
	opflow__handoff_count(&w, a);
	if ((rc = alloc_variable(a, &w)))
		goto fail;
	opflow__critical_fill(a, &w);
	opflow__handoff_fill(&w, a);
	opflow__scope(a, &w);

	/* timeframe: the production window inside the early schedule */
	if (any_prod) {
		double start = INFINITY, end = -INFINITY, span;

		for (uint32_t k = 0; k < n; k++) {
			if (!(w.mark[k] & OPFLOW__MARK_PROD))
				continue;
			double ef = progress ? w.p_ef[k] : w.es[k] + w.dur[k];

			if (w.es[k] < start)
				start = w.es[k];
			if (ef > end)
				end = ef;
		}
		if (g->dated) {
			span = w.d_span;
		} else if (!progress) {
			span = opflow__production_span(&w);
		} else {
			double *fa = opflow__malloc(opflow__mul(n,
			                                        sizeof *fa));

			if (!fa) {
				rc = opflow__nomem();
				goto fail;
			}
			span = opflow__progress_span(&w, w.aux, fa);
			opflow__free(fa);
		}
		a->figure[OPFLOW_FIGURE_PRODUCTION_START] = start;
		a->figure[OPFLOW_FIGURE_PRODUCTION_END] = end;
		a->figure[OPFLOW_FIGURE_PRODUCTION_WINDOW] = end - start;
		a->figure[OPFLOW_FIGURE_PRE_PRODUCTION] = start;
		a->figure[OPFLOW_FIGURE_POST_PRODUCTION] = T - end;
		a->figure[OPFLOW_FIGURE_PRODUCTION_SPAN] = span;
		if (span > 0)
			a->figure[OPFLOW_FIGURE_TIMEFRAME_RATIO] = T / span;
		else
			opflow__set_absent(a, OPFLOW_FIGURE_TIMEFRAME_RATIO);
	} else {
		opflow__set_absent(a, OPFLOW_FIGURE_PRODUCTION_START);
		opflow__set_absent(a, OPFLOW_FIGURE_PRODUCTION_END);
		opflow__set_absent(a, OPFLOW_FIGURE_PRODUCTION_WINDOW);
		opflow__set_absent(a, OPFLOW_FIGURE_PRE_PRODUCTION);
		opflow__set_absent(a, OPFLOW_FIGURE_POST_PRODUCTION);
		opflow__set_absent(a, OPFLOW_FIGURE_PRODUCTION_SPAN);
		opflow__set_absent(a, OPFLOW_FIGURE_TIMEFRAME_RATIO);
	}

	if (g->dated) {
		/* PERT is of unit time: a dated analysis has none */
		opflow__set_absent(a, OPFLOW_FIGURE_PERT_LEAD_TIME);
		opflow__set_absent(a, OPFLOW_FIGURE_PERT_STDDEV);
		opflow__set_absent(a, OPFLOW_FIGURE_PERT_PROBABILITY);
		goto done;
	}
	opflow__set_absent(a, OPFLOW_FIGURE_WORKING_LEAD_TIME);
	/* last: the PERT pass reuses the working arrays (its own schedule
	 * unless the main one ran on the means, and the late finishes as
	 * scratch), never the result's */
	means = opts->duration_mode == OPFLOW_DURATIONS_PERT || !any_estimate;
	w.lf = own_lf;
	if (!means) {
		w.dur = own_dur;
		w.es = own_es;
	}
	if ((rc = opflow__pert(&w, a, opts, means, any_estimate, tol)))
		goto fail;
done:
	if ((rc = check_finite(a)))
		goto fail;
	work_free(&w);
	*out = a;
	return 0;
fail:
	work_free(&w);
	opflow_analysis_free(a);
	return rc;
}
