/*
 * simulate.c - Monte Carlo schedule risk: the options, the random
 * streams and draws, and the iterations, split among threads.  Every
 * iteration is the passes of passes.c over the graph's layout with
 * durations drawn afresh; what it yields goes to places of its own (its
 * samples, a per-thread count of critical activities), so the result is
 * the same bits whatever the threads.  With a status date or date
 * constraints, the passes are those of progress.c, over the work left
 * (DESIGN, "Progress, the status date and date constraints": "Risk with
 * progress").  The statistics and the accessors are in simstats.c.
 */
#include "config.h"

#include "internal.h"

#include <math.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

/* ---------------------------------------------------------------- options */

int opflow_simulation_options_init(opflow_simulation_options *opts,
                                   unsigned int version)
{
	static const opflow_simulation_options init =
		OPFLOW_SIMULATION_OPTIONS_INIT;
	static const size_t sizes[] = { 0, sizeof init };

	return opflow__options_init(opts, &init, version, sizes,
	                            OPFLOW_SIMULATION_OPTIONS_VERSION,
	                            "opflow_simulation_options_init");
}

static int check_options(const opflow_simulation_options *o)
{
	if (o->version < 1 || o->version > OPFLOW_SIMULATION_OPTIONS_VERSION)
		return opflow__error(OPFLOW_EINVAL,
		    "simulation options version %u is not supported (this "
		    "library knows versions 1 to %u)", o->version,
		    (unsigned)OPFLOW_SIMULATION_OPTIONS_VERSION);
	if (o->distribution != OPFLOW_DISTRIBUTION_TRIANGULAR &&
	    o->distribution != OPFLOW_DISTRIBUTION_PERT)
		return opflow__error(OPFLOW_EINVAL, "unknown distribution %d",
		                     o->distribution);
	if (o->iterations < 1)
		return opflow__error(OPFLOW_EINVAL,
		                     "iterations must be at least 1, not 0");
	/* each iteration keeps two samples and their sorted copies */
	if (o->iterations > SIZE_MAX / 64 || o->iterations > UINT64_MAX / 2)
		return opflow__error(OPFLOW_ERANGE,
		    "too many iterations to keep their samples");
	if (o->threads < 0)
		return opflow__error(OPFLOW_EINVAL,
		    "threads must be >= 0 (0: one per processor), not %d",
		    o->threads);
	if (o->sensitivity != 0 && o->sensitivity != 1)
		return opflow__error(OPFLOW_EINVAL,
		    "sensitivity must be 0 or 1, not %d", o->sensitivity);
	return 0;
}

/* ------------------------------------------------------- random streams */

/* splitmix64 (Steele, Lea and Flood): seeds the iteration's stream. */
static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15u);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

struct rng {
	uint64_t s[4];
};

/* The stream of iteration i: xoshiro256** with its state the first four
 * outputs of splitmix64 started at seed ^ splitmix64 of i. */
static void rng_init(struct rng *r, uint64_t seed, uint64_t i)
{
	uint64_t x = i, start = seed ^ splitmix64(&x);

	for (int k = 0; k < 4; k++)
		r->s[k] = splitmix64(&start);
}

static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* xoshiro256** (Blackman and Vigna) */
static inline uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

/* Uniform on [0, 1), in steps of 2^-53. */
static inline double uniform(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1p-53;
}

/* A standard normal variate, by Marsaglia's polar method (the second
 * variate of each pair is not kept). */
static double normal(struct rng *r)
{
	for (;;) {
		double x = 2.0 * uniform(r) - 1.0, y = 2.0 * uniform(r) - 1.0;
		double s = x * x + y * y;

		if (s > 0.0 && s < 1.0)
			return x * sqrt(-2.0 * log(s) / s);
	}
}

/* A gamma variate of shape a >= 1 and scale 1, by Marsaglia and Tsang;
 * d = a - 1/3 and c = 1 / sqrt(9 d) are the caller's. */
static double gamma_draw(struct rng *r, double d, double c)
{
	for (;;) {
		double z = normal(r), v = 1.0 + c * z, u;

		if (v <= 0.0)
			continue;
		v = v * v * v;
		u = uniform(r);
		if (u < 1.0 - 0.0331 * (z * z) * (z * z))
			return d * v;
		if (log(u) < 0.5 * z * z + d * (1.0 - v + log(v)))
			return d * v;
	}
}

/* ------------------------------------------------------------- the draws */

/* An activity with an estimate, and what its draws need. */
struct drawn {
	uint32_t pos;           /* its position in the layout */
	double o, width;        /* o and p - o */
	/* triangular: F = (m - o) / (p - o), 1 - F; beta-PERT: the gamma
	 * parameters (d, c) of both shapes */
	double a, b, ca, cb;
};

static void drawn_init(struct drawn *x, uint32_t pos, const double *est,
                       int distribution)
{
	double o = est[0], m = est[1], p = est[2], w = p - o;

	x->pos = pos;
	x->o = o;
	x->width = w;
	x->a = x->b = x->ca = x->cb = 0.0;
	if (!(w > 0.0))
		return;
	if (distribution == OPFLOW_DISTRIBUTION_TRIANGULAR) {
		x->a = (m - o) / w;
		x->b = (p - m) / w;
	} else {
		/* shapes 1 + 4 (m - o) / (p - o) and 1 + 4 (p - m) / (p - o) */
		double alpha = 1.0 + 4.0 * ((m - o) / w);
		double beta = 1.0 + 4.0 * ((p - m) / w);

		x->a = alpha - 1.0 / 3.0;
		x->b = beta - 1.0 / 3.0;
		x->ca = 1.0 / sqrt(9.0 * x->a);
		x->cb = 1.0 / sqrt(9.0 * x->b);
	}
}

static inline double draw(const struct drawn *x, struct rng *r,
                          int distribution)
{
	double u, g, h;

	if (!(x->width > 0.0))
		return x->o;
	if (distribution == OPFLOW_DISTRIBUTION_TRIANGULAR) {
		/* the inverse of the distribution function, scaled by the
		 * width so that no product overflows */
		u = uniform(r);
		if (u < x->a)
			return x->o + x->width * sqrt(u * x->a);
		return (x->o + x->width) - x->width * sqrt((1.0 - u) * x->b);
	}
	g = gamma_draw(r, x->a, x->ca);
	h = gamma_draw(r, x->b, x->cb);
	return x->o + x->width * (g / (g + h));
}

/* ------------------------------------------------------------ iterations */

struct sim;

/* What one thread owns. */
struct worker {
	struct sim *S;
	double *dur, *es, *lf, *start;  /* by position; es ends as floats */
	uint64_t *critical;             /* by position */
	uint64_t failed_at;             /* UINT64_MAX: no failure */
	uint32_t bad;                   /* its position */
	int failed_what;                /* 0: early finish, 1: late start */
	/* with progress: the passes' working state over dur, es and lf,
	 * and the production span's two columns in start and span_fa */
	struct opflow__work pw;
	double *span_fa;
	void *mem, *pmem;
	pthread_t thread;
	int started;
};

struct sim {
	const opflow_graph *g;
	const struct opflow__layout *L;
	const opflow_analysis_options *aopts;
	opflow_simulation *result;
	int distribution;
	uint64_t seed, iterations, ranked, chunk;
	struct drawn *drawn;
	size_t ndrawn;
	double *kept;           /* drawn durations: ndrawn columns of ranked */
	/* with progress: the states, the plan's work left and the scales
	 * of the draws (opflow__progress_scales), shared by the workers */
	int progress;
	struct opflow__work pm;
	double *r0, *scale;
	_Atomic uint64_t next, done;
	atomic_int stop;
	/* the ranking phase */
	_Atomic size_t next_rank;
	double *lead_rank;
};

/* One iteration with progress: the forecast with the drawn durations,
 * each unfinished activity's work left scaled from its draw. */
static int iterate_progress(struct sim *S, struct worker *w, uint64_t i,
                            uint32_t *bad)
{
	struct opflow__work *pw = &w->pw;
	const struct opflow__layout *L = S->L;
	const opflow_analysis_options *o = S->aopts;
	double T, H, tol, eps, span = 0.0;

	if (opflow__progress_forward(pw, &T, bad)) {
		w->failed_what = 0;
		return 1;
	}
	H = o->has_deadline ? o->deadline : T;
	opflow__tolerances(&tol, &eps, T, o);
	if (opflow__progress_backward(pw, T, H - T, bad)) {
		w->failed_what = 1;
		return 1;
	}
	opflow__progress_mark_critical(pw, tol, eps);
	for (uint32_t k = 0; k < L->n; k++)
		w->critical[k] += (pw->mark[k] & OPFLOW__MARK_CRIT) != 0;
	if (L->production)
		span = opflow__progress_span(pw, w->start, w->span_fa);
	S->result->samples[OPFLOW_MEASURE_LEAD_TIME][i] = T;
	S->result->samples[OPFLOW_MEASURE_PRODUCTION_SPAN][i] = span;
	/* what ranks against the lead time: the draw where it sets the
	 * work left, else a constant (completed work, work of duration 0
	 * or nothing left) */
	if (i < S->ranked)
		for (size_t j = 0; j < S->ndrawn; j++) {
			uint32_t k = S->drawn[j].pos;

			S->kept[j * S->ranked + i] =
			    S->scale[k] > 0 ? w->dur[k] : 0.0;
		}
	return 0;
}

static void iterate(struct sim *S, struct worker *w, uint64_t i)
{
	const struct opflow__layout *L = S->L;
	double T, tol, eps, span, min_tf;
	struct rng r;
	uint32_t bad;

	rng_init(&r, S->seed, i);
	for (size_t j = 0; j < S->ndrawn; j++)
		w->dur[S->drawn[j].pos] = draw(&S->drawn[j], &r, S->distribution);
	if (S->progress) {
		if (iterate_progress(S, w, i, &bad))
			goto fail;
		return;
	}
	if (opflow__forward_span(L, w->dur, w->es, w->start, &T, &span,
	                         &bad)) {
		w->failed_what = 0;
		goto fail;
	}
	opflow__tolerances(&tol, &eps, T, S->aopts);
	if (opflow__backward_floats(L, w->dur, T, eps, w->lf, w->es, &min_tf,
	                            &bad)) {
		w->failed_what = 1;
		goto fail;
	}
	/* critical: total float within tol of the least, as in
	 * opflow__mark_critical */
	for (uint32_t k = 0; k < L->n; k++)
		w->critical[k] += w->es[k] <= min_tf + tol;
	S->result->samples[OPFLOW_MEASURE_LEAD_TIME][i] = T;
	S->result->samples[OPFLOW_MEASURE_PRODUCTION_SPAN][i] = span;
	if (i < S->ranked)
		for (size_t j = 0; j < S->ndrawn; j++)
			S->kept[j * S->ranked + i] = w->dur[S->drawn[j].pos];
	return;
fail:
	if (i < w->failed_at) {
		w->failed_at = i;
		w->bad = bad;
	}
	atomic_store(&S->stop, 1);
}

/* Takes chunks of iterations until none is left, or only one chunk when
 * once is set (the calling thread, which reports progress between its
 * chunks); returns 0 when no iteration is left. */
static int run_chunks(struct sim *S, struct worker *w, int once)
{
	while (!atomic_load_explicit(&S->stop, memory_order_relaxed)) {
		uint64_t first = atomic_fetch_add(&S->next, S->chunk), end;

		if (first >= S->iterations)
			return 0;
		end = S->iterations - first < S->chunk ? S->iterations :
		      first + S->chunk;
		for (uint64_t i = first; i < end; i++)
			iterate(S, w, i);
		atomic_fetch_add(&S->done, end - first);
		if (once)
			return 1;
	}
	return 0;
}

/* With progress: the states under the analysis options o (refusing
 * actuals after the status date), the plan's work left and the scales
 * of the draws, and each worker's progress state over its own columns. */
static int progress_setup(struct sim *S, struct worker *w, unsigned threads,
                          const opflow_analysis_options *o)
{
	const struct opflow__layout *L = S->L;
	size_t n = L->n;
	int rc;

	S->pm.g = S->g;
	S->pm.L = L;
	S->pm.dur = L->dur;
	if ((rc = opflow__progress_init(&S->pm, o)))
		return rc;
	S->progress = 1;
	S->r0 = opflow__malloc(opflow__mul(n ? 2 * n : 1, sizeof *S->r0));
	if (!S->r0)
		return opflow__nomem();
	S->scale = S->r0 + n;
	opflow__progress_scales(&S->pm, S->r0, S->scale);
	for (unsigned t = 0; t < threads; t++) {
		struct opflow__work *pw = &w[t].pw;
		double *p;

		/* four columns of doubles and the marks */
		w[t].pmem = opflow__malloc(n * (4 * sizeof(double) + 1) + 1);
		if (!w[t].pmem)
			return opflow__nomem();
		*pw = S->pm;
		pw->p_mem = NULL;
		pw->dur = w[t].dur;
		pw->es = w[t].es;
		pw->lf = w[t].lf;
		p = w[t].pmem;
		pw->p_r = p;
		pw->p_ef = p + n;
		pw->p_rs = p + 2 * n;
		w[t].span_fa = p + 3 * n;
		pw->mark = (uint8_t *)(void *)(p + 4 * n);
		for (uint32_t k = 0; k < n; k++)
			pw->mark[k] = L->attr[k] & OPFLOW__MARK_PROD;
		pw->p_scale = S->scale;
		pw->p_r0 = S->r0;
		pw->p_d0 = L->dur;
	}
	return 0;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;

	run_chunks(w->S, w, 0);
	return NULL;
}

/* ------------------------------------------------------------ the ranks */

/* The scratch of the ranking phase, in each worker's block. */
struct ranking {
	double *rank;
	uint64_t *keys, *key_tmp;
	uint32_t *idx, *idx_tmp;
};

static void ranking_carve(struct ranking *k, char *p, size_t n)
{
	k->rank = (double *)(void *)p;       p += n * sizeof(double);
	k->keys = (uint64_t *)(void *)p;     p += n * sizeof(uint64_t);
	k->key_tmp = (uint64_t *)(void *)p;  p += n * sizeof(uint64_t);
	k->idx = (uint32_t *)(void *)p;      p += n * sizeof(uint32_t);
	k->idx_tmp = (uint32_t *)(void *)p;
}

#define RANKING_BYTES(n) ((n) * (3 * sizeof(double) + 2 * sizeof(uint32_t)))

/* The sensitivity of each drawn activity, taken in turn by the threads. */
static void rank_all(struct sim *S, struct worker *w)
{
	const size_t n = (size_t)S->ranked;
	struct ranking k;

	ranking_carve(&k, (char *)w->mem, n);
	for (;;) {
		size_t j = atomic_fetch_add(&S->next_rank, 1);
		uint32_t id;
		double r = 0.0;

		if (j >= S->ndrawn)
			return;
		id = S->L->order[S->drawn[j].pos];
		if (opflow__ranks(k.rank, S->kept + j * n, n, k.keys, k.idx,
		                  k.key_tmp, k.idx_tmp))
			r = opflow__rank_correlation(k.rank, S->lead_rank, n);
		S->result->sensitivity[id] = r;
	}
}

static void *ranker_main(void *arg)
{
	struct worker *w = arg;

	rank_all(w->S, w);
	return NULL;
}

/* ----------------------------------------------------------- simulating */

static unsigned resolve_threads(int asked, uint64_t iterations)
{
	long online = 1;
	uint64_t t;

	if (asked == 0) {
#ifdef _SC_NPROCESSORS_ONLN
		online = sysconf(_SC_NPROCESSORS_ONLN);
#endif
		t = online < 1 ? 1 : (uint64_t)online;
	} else {
		t = (uint64_t)asked;
	}
	if (t > 256)
		t = 256;
	if (t > iterations)
		t = iterations;
	return (unsigned)t;
}

/* The result's block: the struct, criticality and sensitivity, the keys;
 * the samples in a second block. */
static int alloc_result(opflow_simulation **out, const opflow_graph *g,
                        uint64_t iterations)
{
	size_t n = g->n, bytes;
	opflow_simulation *s;
	char *p;

	bytes = opflow__mul(n, 2 * sizeof(double) + sizeof(size_t));
	if (bytes == SIZE_MAX || g->keys_len > SIZE_MAX / 2 - bytes)
		return opflow__error(OPFLOW_ERANGE, "graph too large to simulate");
	bytes += ((sizeof *s + 7) & ~(size_t)7) + g->keys_len;
	s = opflow__malloc(bytes);
	if (!s)
		return opflow__nomem();
	memset(s, 0, sizeof *s);
	s->sample_mem = opflow__malloc(opflow__mul((size_t)iterations,
	                                           4 * sizeof(double)));
	if (!s->sample_mem) {
		opflow__free(s);
		return opflow__nomem();
	}
	p = (char *)s + ((sizeof *s + 7) & ~(size_t)7);
	s->criticality = (double *)(void *)p;   p += n * sizeof(double);
	s->sensitivity = (double *)(void *)p;   p += n * sizeof(double);
	s->key_off = (size_t *)(void *)p;       p += n * sizeof(size_t);
	s->keys = p;
	s->n = n;
	s->iterations = iterations;
	s->samples[0] = s->sample_mem;
	s->samples[1] = s->samples[0] + iterations;
	s->sorted[0] = s->samples[1] + iterations;
	s->sorted[1] = s->sorted[0] + iterations;
	opflow__keys_copy(s->key_off, s->keys, g);
	for (size_t i = 0; i < n; i++)
		s->sensitivity[i] = 0.0;
	*out = s;
	return 0;
}

void opflow_simulation_free(opflow_simulation *s)
{
	if (!s)
		return;
	opflow__free(s->sample_mem);
	opflow__free(s);
}

/* How many of the first iterations the sensitivities rank (DESIGN,
 * "Uncertainty"): all while iterations x drawn activities <= 2^27. */
static uint64_t ranked_iterations(uint64_t iterations, size_t drawn)
{
	uint64_t fit;

	if (drawn == 0 || iterations <= (UINT64_C(1) << 27) / drawn)
		return iterations;
	fit = (UINT64_C(1) << 27) / drawn;
	if (fit < 1000)
		fit = 1000;
	return fit < iterations ? fit : iterations;
}

/* Starts threads 1 .. count - 1 on fn; returns how many run in all (the
 * calling thread included): fewer when the system refuses a thread,
 * which changes the speed and nothing else. */
static unsigned start_threads(struct worker *w, unsigned count,
                              void *(*fn)(void *))
{
	unsigned t;

	for (t = 1; t < count; t++) {
		if (pthread_create(&w[t].thread, NULL, fn, &w[t]) != 0)
			break;
		w[t].started = 1;
	}
	return t;
}

static void join_threads(struct worker *w, unsigned count)
{
	for (unsigned t = 1; t < count; t++)
		if (w[t].started) {
			pthread_join(w[t].thread, NULL);
			w[t].started = 0;
		}
}

/* The iterations: the calling thread takes chunks like the others and,
 * between its chunks, reports progress. */
static int run_iterations(struct sim *S, struct worker *w, unsigned *threads,
                          const opflow_simulation_options *o)
{
	uint64_t step = S->iterations / 100, reported = 0;
	unsigned used = start_threads(w, *threads, worker_main);
	int cancelled = 0;

	if (step < 1)
		step = 1;
	while (run_chunks(S, &w[0], 1)) {
		uint64_t done = atomic_load(&S->done);

		if (o->progress && done < S->iterations &&
		    done - reported >= step) {
			reported = done;
			if (o->progress(done, S->iterations,
			                o->progress_payload)) {
				cancelled = 1;
				atomic_store(&S->stop, 1);
			}
		}
	}
	join_threads(w, used);
	*threads = used;
	for (unsigned t = 0; t < used; t++) {
		if (w[t].failed_at == UINT64_MAX)
			continue;
		for (unsigned u = t + 1; u < used; u++)
			if (w[u].failed_at < w[t].failed_at)
				t = u;
		return opflow__error(OPFLOW_ERANGE,
		    "the %s of activity %k is not finite in iteration %zu "
		    "(durations or lags too large)",
		    w[t].failed_what ? "late start" : "early finish",
		    opflow__key(S->g, S->L->order[w[t].bad]),
		    (size_t)w[t].failed_at);
	}
	if (!cancelled && o->progress &&
	    o->progress(S->iterations, S->iterations, o->progress_payload))
		cancelled = 1;
	if (cancelled)
		return opflow__error(OPFLOW_ECANCELED,
		    "the simulation was cancelled by its progress callback "
		    "after %zu of %zu iterations",
		    (size_t)atomic_load(&S->done), (size_t)S->iterations);
	return 0;
}

int opflow_simulate(opflow_simulation **out, const opflow_graph *g,
                    const opflow_analysis_options *aopts,
                    const opflow_simulation_options *sopts)
{
	static const opflow_analysis_options adefaults =
		OPFLOW_ANALYSIS_OPTIONS_INIT;
	static const opflow_simulation_options sdefaults =
		OPFLOW_SIMULATION_OPTIONS_INIT;
	opflow_analysis_options afull;
	opflow_simulation *res = NULL;
	struct worker *w = NULL;
	struct sim S;
	unsigned threads;
	size_t n, per, ranked_bytes;
	int rc;

	if (!out)
		return opflow__null_arg("opflow_simulate", "out");
	if (!g)
		return opflow__null_arg("opflow_simulate", "graph");
	if (!aopts)
		aopts = &adefaults;
	if (!sopts)
		sopts = &sdefaults;
	if ((rc = opflow__check_analysis_options(aopts)) ||
	    (rc = check_options(sopts)))
		return rc;
	opflow__analysis_options_full(&afull, aopts);
	aopts = &afull;
	if (g->dated)
		return opflow__error(OPFLOW_EINVAL, "opflow_simulate: a dated "
		    "graph is not simulated (its schedule risk is that of the "
		    "same graph undated, in units)");
	memset(&S, 0, sizeof S);
	S.g = g;
	S.aopts = aopts;
	S.distribution = sopts->distribution;
	S.seed = sopts->seed;
	S.iterations = sopts->iterations;
	if ((rc = opflow__layout_get(&S.L, g)))
		return rc;
	n = g->n;
	for (size_t i = 0; i < n; i++)
		S.ndrawn += (g->acts[i].flags & OPFLOW__HAS_ESTIMATE) != 0;
	S.ranked = sopts->sensitivity ?
	           ranked_iterations(S.iterations, S.ndrawn) : 0;
	threads = resolve_threads(sopts->threads, S.iterations);
	S.chunk = S.iterations / ((uint64_t)threads * 32);
	if (S.chunk < 1)
		S.chunk = 1;
	if (S.chunk > 256)
		S.chunk = 256;

	/* every block before the first iteration: none during them */
	ranked_bytes = S.ndrawn ? RANKING_BYTES((size_t)S.ranked) : 0;
	per = opflow__mul(n, 4 * sizeof(double) + sizeof(uint64_t));
	if (per == SIZE_MAX ||
	    opflow__mul(S.ndrawn, (size_t)S.ranked) > SIZE_MAX / 16)
		return opflow__error(OPFLOW_ERANGE, "graph too large to simulate");
	if (ranked_bytes > per)
		per = ranked_bytes;
	if ((rc = alloc_result(&res, g, S.iterations)))
		return rc;
	S.result = res;
	S.drawn = opflow__malloc(opflow__mul(S.ndrawn ? S.ndrawn : 1,
	                                     sizeof *S.drawn));
	S.kept = opflow__malloc(opflow__mul(S.ndrawn * (size_t)S.ranked + 1,
	                                    sizeof *S.kept));
	S.lead_rank = opflow__malloc(opflow__mul((size_t)S.ranked + 1,
	                                         sizeof *S.lead_rank));
	w = opflow__calloc(threads, sizeof *w);
	if (!S.drawn || !S.kept || !S.lead_rank || !w) {
		rc = opflow__nomem();
		goto done;
	}
	for (unsigned t = 0; t < threads; t++) {
		w[t].S = &S;
		w[t].failed_at = UINT64_MAX;
		w[t].mem = opflow__malloc(per ? per : 1);
		if (!w[t].mem) {
			rc = opflow__nomem();
			goto done;
		}
		w[t].dur = (double *)w[t].mem;
		w[t].es = w[t].dur + n;
		w[t].lf = w[t].es + n;
		w[t].start = w[t].lf + n;
		w[t].critical = (uint64_t *)(void *)(w[t].start + n);
		if (n) {
			memcpy(w[t].dur, S.L->dur, n * sizeof *w[t].dur);
			memset(w[t].critical, 0, n * sizeof *w[t].critical);
		}
	}
	if (opflow__progress_wanted(g, aopts) &&
	    (rc = progress_setup(&S, w, threads, aopts)))
		goto done;
	/* the drawn activities in id order: the order of their draws */
	S.ndrawn = 0;
	for (size_t i = 0; i < n; i++)
		if (g->acts[i].flags & OPFLOW__HAS_ESTIMATE)
			drawn_init(&S.drawn[S.ndrawn++], S.L->pos[i],
			           g->acts[i].est, S.distribution);

	if ((rc = run_iterations(&S, w, &threads, sopts)))
		goto done;
	for (size_t i = 0; i < n; i++) {
		uint64_t c = 0;
		uint32_t k = S.L->pos[i];

		for (unsigned t = 0; t < threads; t++)
			c += w[t].critical[k];
		res->criticality[i] = (double)c / (double)S.iterations;
	}
	res->options = *sopts;
	res->options.version = 1;
	res->options.threads = (int)threads;
	res->options.progress = NULL;
	res->options.progress_payload = NULL;
	res->ranked = S.ranked;
	res->has_deadline = aopts->has_deadline;
	res->deadline = aopts->has_deadline ? aopts->deadline : 0.0;
	res->has_span = S.L->production != 0;
	if ((rc = opflow__simulation_stats(res)))
		goto done;

	/* the sensitivities: ranks of the lead time, then of each drawn
	 * duration, the activities split among the threads */
	if (S.ranked >= 2 && S.ndrawn) {
		struct ranking k;

		ranking_carve(&k, (char *)w[0].mem, (size_t)S.ranked);
		if (opflow__ranks(S.lead_rank,
		                  res->samples[OPFLOW_MEASURE_LEAD_TIME],
		                  (size_t)S.ranked, k.keys, k.idx, k.key_tmp,
		                  k.idx_tmp)) {
			unsigned used = start_threads(w, threads, ranker_main);

			rank_all(&S, &w[0]);
			join_threads(w, used);
		}
	}
	*out = res;
	res = NULL;
done:
	if (w)
		for (unsigned t = 0; t < threads; t++) {
			opflow__free(w[t].mem);
			opflow__free(w[t].pmem);
		}
	opflow__free(w);
	opflow__progress_free(&S.pm);
	opflow__free(S.r0);
	opflow__free(S.drawn);
	opflow__free(S.kept);
	opflow__free(S.lead_rank);
	opflow_simulation_free(res);
	return rc;
}
