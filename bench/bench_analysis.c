/*
 * bench_analysis.c - `make bench`: libopflow's speed and memory on random
 * value chains, next to baselines timed in the same run on the same data.
 *
 * Data, for 10^4, 10^5, ... activities up to --max: about four flows per
 * activity, each from a lower to a higher topological rank (mostly within
 * 64 ranks, one in eight anywhere before), duplicates dropped; activity
 * ids a random permutation of the ranks; the flows listed in shuffled
 * order, as an export from another system would list them; durations
 * integers 1 .. 20, so every lead time is exact and all engines must agree
 * to the bit; keys "a<k>" with k a random permutation of 0 .. n-1, so the
 * key table is not filled in sorted order.  The generator is seeded by the
 * size alone: the graph of a size is the same in every run.
 *
 * Baselines (bench_limit.c, bench_bgl.cpp, bench_igraph.c; built with
 * -O3 -march=native whatever the library was configured with):
 *   limit       arrays -> compressed rows in and out (by id) -> Kahn's
 *               order -> forward and backward passes, allocations included:
 *               what any critical-path computation must do on such input
 *   limit-topo  the two passes alone over rows relabelled in topological
 *               order beforehand
 *   csr build   the array-to-rows step of limit alone
 *   BGL         boost::compressed_sparse_row_graph from the flow arrays,
 *               topological_sort, both passes (program bench_bgl)
 *   igraph      igraph_create from the flow list, igraph_topological_sorting,
 *               out-adjacency lists, both passes (program bench_igraph)
 * BGL and igraph run as programs of their own on a data file this program
 * writes (format in bench_data.h); they are skipped, with the reason
 * printed, when the Makefile could not build them.  Analyses of libopflow
 * compute far more than the baselines (free float, driving flows, chains,
 * stages, scope, hand-offs, PERT): the baselines are a floor, not rivals
 * doing the same work.
 *
 * libopflow, as configured (default build: the Makefile's CFLAGS):
 *   build       opflow_graph_new + opflow_graph_add_activities (keys and
 *               durations) + opflow_graph_add_flows
 *   first       opflow_analyze of the freshly built graph (each repetition
 *               builds a new graph)
 *   unprepared  opflow_analyze again, on a graph never prepared
 *   prepare     opflow_graph_prepare (each repetition after an activity
 *               added and removed again, which drops the layout)
 *   prepared    opflow_analyze on the prepared graph
 *   durations   opflow_analyze after opflow_graph_set_activity_duration on
 *               1% of the activities (chosen anew, untimed, before each
 *               repetition); the analysis alone is timed
 *   memory      through a counting allocator installed with
 *               opflow_set_allocator (bytes requested, exact): the live
 *               bytes of the graph after building, of its layout after
 *               opflow_graph_prepare, of the analysis after opflow_analyze,
 *               and the peak over the three steps; against what limit
 *               allocates (its rows and work arrays)
 *   text        opflow_graph_save_buffer, opflow_graph_save_path,
 *               opflow_graph_load_path (the loaded graph must be
 *               opflow_graph_equal to the saved one) in MB/s (10^6 bytes
 *               of text per second), and `opflow check FILE` run as a
 *               process, output discarded, exit status 0 required
 * Every time is the minimum and the median of --reps repetitions, of
 * the CPU time of the process (user + system; for `opflow check`, of the
 * child), which other work on a machine shared by several people hardly
 * disturbs; with BENCH_CLOCK=wall in the environment, of the wall clock
 * (CLOCK_MONOTONIC).  Every lead time computed (limit, limit-topo,
 * BGL, igraph, each analysis of libopflow, limit-topo again after each
 * change of durations) must equal limit's exactly, or the program stops
 * with status 1.
 *
 * Ratios, from the medians: first / limit; unprepared, prepared and
 * durations / limit-topo; (build + first) / limit, the whole way from
 * arrays to results on both sides (limit includes its row build); build /
 * csr build; BGL (build + analysis) / libopflow (build + first) and the
 * same for igraph (above 1: libopflow is faster); peak memory / limit's.
 *
 * Usage: bench_analysis [--max N] [--reps R] [--scratch DIR] [--tool PATH]
 *                       [--bgl PATH | --no-bgl REASON]
 *                       [--igraph PATH | --no-igraph REASON]
 *        bench_analysis --export N FILE [R]
 * Defaults: --max 1000000 --reps 3 --scratch . (where the data and text
 * files come and go), no tool, no BGL, no igraph.  The second form
 * writes the graph of N activities to the data file FILE and prints
 * "limit <min> <median> <lead time> <activities> <flows> <limit-topo min>
 * <limit-topo median>" for R repetitions of limit and of limit-topo on it
 * (for bench_python.py).
 */
#include <opflow.h>

#include "bench_data.h"
#define BENCH_NAME "bench_analysis"
#include "bench_util.h"
#include "bench_limit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_SIZES 8

/* ------------------------------------------------------------ utilities */

/* Times of the repetitions of one figure. */
struct timing {
	double min, med;
};

static struct timing summarise(double *t, int reps)
{
	struct timing s;

	s.med = bench_median(t, reps);
	s.min = t[0];
	return s;
}

/* ----------------------------------------------------------------- data */

static void make_graph(struct bench_data *d, size_t n)
{
	uint64_t rng = 0x6F70666C6F772121ull ^ ((uint64_t)n * 0x9E3779B97F4A7C15ull);
	uint32_t *perm = xmalloc(n * sizeof *perm);
	uint64_t *pairs = xmalloc(n * 4 * sizeof *pairs);
	size_t m = 0;

	for (size_t i = 0; i < n; i++)
		perm[i] = (uint32_t)i;
	shuffle_u32(perm, n, &rng);  /* perm[rank] = id */
	for (size_t r = 1; r < n; r++) {
		for (int k = 0; k < 4; k++) {
			size_t span = rng_next(&rng) % 8 ? 64 : r;
			size_t back = 1 + rng_next(&rng) % (span < r ? span : r);

			pairs[m++] = (uint64_t)perm[r - back] << 32 | perm[r];
		}
	}
	qsort(pairs, m, sizeof *pairs, cmp_u64);
	d->n = n;
	d->m = 0;
	d->src = xmalloc(m * sizeof *d->src);
	d->dst = xmalloc(m * sizeof *d->dst);
	d->dur = xmalloc(n * sizeof *d->dur);
	d->keynum = xmalloc(n * sizeof *d->keynum);
	for (size_t i = 0; i < m; i++) {
		if (i && pairs[i] == pairs[i - 1])
			continue;
		d->src[d->m] = (uint32_t)(pairs[i] >> 32);
		d->dst[d->m] = (uint32_t)pairs[i];
		d->m++;
	}
	for (size_t i = 0; i < n; i++)
		d->dur[i] = (double)(1 + rng_next(&rng) % 20);
	for (size_t i = d->m; i > 1; i--) {
		size_t j = rng_next(&rng) % i;
		uint32_t s = d->src[i - 1], t = d->dst[i - 1];

		d->src[i - 1] = d->src[j];
		d->dst[i - 1] = d->dst[j];
		d->src[j] = s;
		d->dst[j] = t;
	}
	for (size_t i = 0; i < n; i++)
		d->keynum[i] = (uint32_t)i;
	shuffle_u32(d->keynum, n, &rng);
	free(perm);
	free(pairs);
}

static void write_data(const struct bench_data *d, const char *path)
{
	FILE *fp = fopen(path, "wb");
	uint64_t nm[2];

	nm[0] = d->n;
	nm[1] = d->m;
	if (!fp || fwrite(BENCH_MAGIC, 1, 8, fp) != 8 ||
	    fwrite(nm, sizeof nm[0], 2, fp) != 2 ||
	    fwrite(d->src, 4, d->m, fp) != d->m ||
	    fwrite(d->dst, 4, d->m, fp) != d->m ||
	    fwrite(d->dur, 8, d->n, fp) != d->n ||
	    fwrite(d->keynum, 4, d->n, fp) != d->n || fclose(fp))
		die("%s: %s", path, strerror(errno));
}

/* The keys, NUL-terminated back to back as opflow_graph_add_activities
 * takes them. */
static char *make_keys(const struct bench_data *d, size_t *size)
{
	char *keys = xmalloc(d->n * 12 + 1);
	size_t len = 0;

	for (size_t i = 0; i < d->n; i++)
		len += (size_t)sprintf(keys + len, "a%lu",
		                       (unsigned long)d->keynum[i]) + 1;
	*size = len;
	return keys;
}

/* ------------------------------------------------------------ baselines */

static void check_lead(double lead, double want, const char *engine,
                       size_t n)
{
	if (lead != want)
		die("%zu activities: the lead time of %s is %.17g, limit's is "
		    "%.17g", n, engine, lead, want);
}

/* limit, R times; its lead time goes to *lead. */
static struct timing time_limit(const struct bench_data *d, int reps,
                                double *t, double *lead)
{
	for (int r = 0; r < reps; r++) {
		struct limit_out o;
		double t0 = bench_now();
		int rc = limit_run(&o, d->n, d->m, d->src, d->dst, d->dur);

		t[r] = bench_now() - t0;
		if (rc)
			die("limit: %s", rc == -2 ? "a cycle" : "out of memory");
		if (r)
			check_lead(o.lead, *lead, "limit (again)", d->n);
		*lead = o.lead;
		limit_out_free(&o);
	}
	return summarise(t, reps);
}

/* A baseline program: PROGRAM DATAFILE REPS, one line back. */
struct external {
	const char *path;       /* NULL: skipped */
	const char *why;        /* the reason when skipped */
	struct timing build, analysis, total;
	int ran;
};

static void run_external(struct external *x, const char *name,
                         const char *data, int reps, double lead, size_t n)
{
	int fd[2], status;
	char arg[16], line[512];
	double v[7];
	pid_t pid;
	FILE *fp;

	x->ran = 0;
	if (!x->path)
		return;
	snprintf(arg, sizeof arg, "%d", reps);
	fflush(stdout);
	if (pipe(fd))
		die("pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execl(x->path, x->path, data, arg, (char *)NULL);
		fprintf(stderr, "bench_analysis: %s: %s\n", x->path,
		        strerror(errno));
		_exit(127);
	}
	close(fd[1]);
	fp = fdopen(fd[0], "r");
	if (!fp)
		die("fdopen: %s", strerror(errno));
	if (!fgets(line, sizeof line, fp))
		line[0] = 0;
	fclose(fp);
	if (waitpid(pid, &status, 0) < 0)
		die("waitpid: %s", strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("%s (%s) failed on %zu activities", name, x->path, n);
	if (sscanf(line, "%lf %lf %lf %lf %lf %lf %lf", &v[0], &v[1], &v[2],
	           &v[3], &v[4], &v[5], &v[6]) != 7)
		die("%s (%s) printed \"%s\"", name, x->path, line);
	x->build.min = v[0];
	x->build.med = v[1];
	x->analysis.min = v[2];
	x->analysis.med = v[3];
	x->total.min = v[4];
	x->total.med = v[5];
	check_lead(v[6], lead, name, n);
	x->ran = 1;
}

/* ----------------------------------------------------- counting allocator */

struct counter {
	size_t live, peak;
};

#define HEADER 16  /* keeps malloc's alignment */

static void *count_malloc(size_t size, void *ctx)
{
	struct counter *c = ctx;
	char *p;

	if (size > SIZE_MAX - HEADER || !(p = malloc(size + HEADER)))
		return NULL;
	memcpy(p, &size, sizeof size);
	c->live += size;
	if (c->live > c->peak)
		c->peak = c->live;
	return p + HEADER;
}

static void *count_realloc(void *ptr, size_t size, void *ctx)
{
	struct counter *c = ctx;
	char *p = (char *)ptr - HEADER;
	size_t old;

	memcpy(&old, p, sizeof old);
	if (size > SIZE_MAX - HEADER || !(p = realloc(p, size + HEADER)))
		return NULL;
	memcpy(p, &size, sizeof size);
	c->live = c->live - old + size;
	if (c->live > c->peak)
		c->peak = c->live;
	return p + HEADER;
}

static void count_free(void *ptr, void *ctx)
{
	struct counter *c = ctx;
	char *p = (char *)ptr - HEADER;
	size_t old;

	memcpy(&old, p, sizeof old);
	c->live -= old;
	free(p);
}

/* -------------------------------------------------------------- library */

struct lib_input {
	const struct bench_data *d;
	const char *keys;
	size_t keys_size;
};

static opflow_graph *build(const struct lib_input *in)
{
	opflow_graph *g;
	opflow_id first;

	if (opflow_graph_new(&g))
		die_lib("opflow_graph_new");
	if (opflow_graph_add_activities(&first, g, in->d->n, in->keys,
	                                in->keys_size, NULL, NULL, in->d->dur))
		die_lib("opflow_graph_add_activities");
	if (opflow_graph_add_flows(&first, g, in->d->m, in->d->src,
	                           in->d->dst, NULL, NULL))
		die_lib("opflow_graph_add_flows");
	return g;
}

/* One timed analysis; its lead time must be want. */
static double analyse(const opflow_graph *g, double want, const char *what,
                      size_t n)
{
	opflow_analysis *a;
	double t0 = bench_now(), t, lead;

	if (opflow_analyze(&a, g, NULL))
		die_lib("opflow_analyze");
	t = bench_now() - t0;
	if (opflow_analysis_figure(&lead, a, OPFLOW_FIGURE_LEAD_TIME))
		die_lib("opflow_analysis_figure");
	opflow_analysis_free(a);
	check_lead(lead, want, what, n);
	return t;
}

/* One timed analysis of a dated graph; its lead time must be finite and
 * at least undated's (a calendar never makes work shorter). */
static double analyse_dated(const opflow_graph *g, double undated, size_t n)
{
	opflow_analysis *a;
	double t0 = bench_now(), t, lead;

	if (opflow_analyze(&a, g, NULL))
		die_lib("opflow_analyze (dated)");
	t = bench_now() - t0;
	if (opflow_analysis_figure(&lead, a, OPFLOW_FIGURE_LEAD_TIME))
		die_lib("opflow_analysis_figure");
	opflow_analysis_free(a);
	if (!(lead >= undated))
		die("%zu activities: the dated lead time %g is shorter than the "
		    "undated %g", n, lead, undated);
	return t;
}

/* Drops the layout the documented way: any change to activities. */
static void drop_layout(opflow_graph *g)
{
	opflow_id id;

	if (opflow_graph_add_activity(&id, g, "bench-extra",
	                              OPFLOW_CATEGORY_OTHER) ||
	    opflow_graph_remove_activity(g, id))
		die_lib("adding and removing an activity");
}

struct memory {
	size_t graph, layout, result, peak, limit;
};

static struct memory measure_memory(const struct lib_input *in)
{
	struct counter c = { 0, 0 };
	struct memory mem;
	opflow_graph *g;
	opflow_analysis *a;

	if (opflow_set_allocator(count_malloc, count_realloc, count_free, &c))
		die_lib("opflow_set_allocator");
	g = build(in);
	mem.graph = c.live;
	if (opflow_graph_prepare(g))
		die_lib("opflow_graph_prepare");
	mem.layout = c.live - mem.graph;
	if (opflow_analyze(&a, g, NULL))
		die_lib("opflow_analyze");
	mem.result = c.live - mem.graph - mem.layout;
	mem.peak = c.peak;
	opflow_analysis_free(a);
	opflow_graph_free(g);
	if (c.live != 0)
		die("%zu bytes still allocated after every object was freed",
		    c.live);
	if (opflow_set_allocator(NULL, NULL, NULL, NULL))
		die_lib("opflow_set_allocator");
	mem.limit = limit_bytes(in->d->n, in->d->m);
	return mem;
}

static double children_cpu(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_CHILDREN, &ru))
		die("getrusage: %s", strerror(errno));
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

/* `TOOL check FILE`, output discarded, R times: the child's CPU time, or
 * the wall clock from fork to wait. */
static struct timing time_check(const char *tool, const char *file,
                                int reps, double *t)
{
	int wall = bench_clock_wall() == 1;

	for (int r = 0; r < reps; r++) {
		double t0, c0;
		int status;
		pid_t pid;

		fflush(stdout);
		c0 = children_cpu();
		t0 = bench_now();
		pid = fork();
		if (pid < 0)
			die("fork: %s", strerror(errno));
		if (pid == 0) {
			int null = open("/dev/null", O_WRONLY);

			if (null >= 0)
				dup2(null, 1);
			execl(tool, tool, "check", file, (char *)NULL);
			fprintf(stderr, "bench_analysis: %s: %s\n", tool,
			        strerror(errno));
			_exit(127);
		}
		if (waitpid(pid, &status, 0) < 0)
			die("waitpid: %s", strerror(errno));
		t[r] = wall ? bench_now() - t0 : children_cpu() - c0;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			die("%s check %s failed", tool, file);
	}
	return summarise(t, reps);
}

/* ------------------------------------------------------------- one size */

struct result {
	size_t n, m;
	struct timing limit, topo, csr, build, first, unprepared, prepare,
	              prepared, durations, save_buffer, save_path, load_path,
	              check, dated;
	struct external bgl, igraph;
	struct memory mem;
	size_t text_bytes;
	int checked;
	double lead;
};

struct config {
	size_t max;
	int reps;
	const char *scratch, *tool;
	struct external bgl, igraph;
};

static void print_row(const char *name, const char *what, struct timing t)
{
	printf("  %-11s %-44s %11.3f %11.3f\n", name, what, t.min * 1e3,
	       t.med * 1e3);
}

static void print_text_row(const char *name, struct timing t, size_t bytes)
{
	printf("  %-11s %-44s %11.3f %11.3f %9.1f\n", name, "", t.min * 1e3,
	       t.med * 1e3, (double)bytes / 1e6 / t.med);
}

static void print_external(const char *name, const struct external *x,
                           const char *build, const char *analysis)
{
	if (!x->ran) {
		printf("  %-11s skipped: %s\n", name, x->why);
		return;
	}
	print_row(name, build, x->build);
	print_row("", analysis, x->analysis);
	print_row("", "both", x->total);
}

static void run_size(struct result *res, const struct config *cfg,
                     size_t n)
{
	struct bench_data d;
	struct limit_topo topo;
	struct lib_input in;
	char data_path[4096], text_path[4096];
	int reps = cfg->reps;
	double *t = xmalloc((size_t)reps * sizeof *t), lead;
	uint64_t rng = 0x6475726174696F6Eull ^ n;
	size_t changes = n / 100 ? n / 100 : 1;
	opflow_graph *g;
	char *text;

	memset(res, 0, sizeof *res);
	make_graph(&d, n);
	res->n = n;
	res->m = d.m;
	snprintf(data_path, sizeof data_path, "%s/bench-%zu.data",
	         cfg->scratch, n);
	snprintf(text_path, sizeof text_path, "%s/bench-%zu.opflow",
	         cfg->scratch, n);

	/* baselines */
	res->limit = time_limit(&d, reps, t, &lead);
	res->lead = lead;
	for (int r = 0; r < reps; r++) {
		struct limit_csr c;
		double t0 = bench_now();

		if (limit_csr_build(&c, d.n, d.m, d.src, d.dst))
			die("csr build: out of memory");
		t[r] = bench_now() - t0;
		limit_csr_free(&c);
	}
	res->csr = summarise(t, reps);
	if (limit_topo_build(&topo, d.n, d.m, d.src, d.dst, d.dur))
		die("limit-topo: out of memory");
	for (int r = 0; r < reps; r++) {
		double t0 = bench_now(), T = limit_topo_passes(&topo);

		t[r] = bench_now() - t0;
		check_lead(T, lead, "limit-topo", n);
	}
	res->topo = summarise(t, reps);
	res->bgl = cfg->bgl;
	res->igraph = cfg->igraph;
	if (res->bgl.path || res->igraph.path) {
		write_data(&d, data_path);
		run_external(&res->bgl, "BGL", data_path, reps, lead, n);
		run_external(&res->igraph, "igraph", data_path, reps, lead, n);
		remove(data_path);
	}

	/* libopflow: build, first analysis */
	in.d = &d;
	in.keys = make_keys(&d, &in.keys_size);
	{
		double *tb = xmalloc((size_t)reps * sizeof *tb);

		g = NULL;
		for (int r = 0; r < reps; r++) {
			double t0;

			opflow_graph_free(g);
			t0 = bench_now();
			g = build(&in);
			tb[r] = bench_now() - t0;
			t[r] = analyse(g, lead, "the first analysis", n);
		}
		res->build = summarise(tb, reps);
		res->first = summarise(t, reps);
		free(tb);
	}
	for (int r = 0; r < reps; r++)
		t[r] = analyse(g, lead, "an unprepared analysis", n);
	res->unprepared = summarise(t, reps);
	for (int r = 0; r < reps; r++) {
		double t0;

		drop_layout(g);
		t0 = bench_now();
		if (opflow_graph_prepare(g))
			die_lib("opflow_graph_prepare");
		t[r] = bench_now() - t0;
	}
	res->prepare = summarise(t, reps);
	for (int r = 0; r < reps; r++)
		t[r] = analyse(g, lead, "a prepared analysis", n);
	res->prepared = summarise(t, reps);
	for (int r = 0; r < reps; r++) {
		double want;

		for (size_t k = 0; k < changes; k++) {
			uint32_t id = (uint32_t)(rng_next(&rng) % n);
			double v = (double)(1 + rng_next(&rng) % 20);

			if (opflow_graph_set_activity_duration(g, id, v))
				die_lib("opflow_graph_set_activity_duration");
			topo.dur[topo.pos[id]] = v;
		}
		want = limit_topo_passes(&topo);
		t[r] = analyse(g, want,
		               "an analysis after changes of durations", n);
	}
	res->durations = summarise(t, reps);
	/* the same graph dated, on one calendar of two shifts and a holiday
	 * (the layout stays: calendars and the start are no topology) */
	{
		opflow_analysis *a;
		opflow_id cal;
		double undated;

		if (opflow_analyze(&a, g, NULL) ||
		    opflow_analysis_figure(&undated, a,
		                           OPFLOW_FIGURE_LEAD_TIME))
			die_lib("opflow_analyze");
		opflow_analysis_free(a);
		if (opflow_graph_add_calendar(&cal, g, "two-shift",
		        "mon-fri 06:00-14:00 14:00-22:00; sat 06:00-12:00; "
		        "2026-12-24..2026-12-26 off") ||
		    opflow_graph_set_default_calendar(g, cal) ||
		    opflow_graph_set_unit(g, 60) ||
		    opflow_graph_set_start(g, 1797487200 /* 2026-12-17T06:00 */))
			die_lib("dating the graph");
		for (int r = 0; r < reps; r++)
			t[r] = analyse_dated(g, undated, n);
		res->dated = summarise(t, reps);
		if (opflow_graph_clear_start(g) ||
		    opflow_graph_remove_calendar(g, cal) ||
		    opflow_graph_set_unit(g, 3600))
			die_lib("undating the graph");
	}
	limit_topo_free(&topo);

	/* text format, on the graph as it is now */
	for (int r = 0; r < reps; r++) {
		double t0 = bench_now();

		if (opflow_graph_save_buffer(&text, &res->text_bytes, g))
			die_lib("opflow_graph_save_buffer");
		t[r] = bench_now() - t0;
		opflow_free(text);
	}
	res->save_buffer = summarise(t, reps);
	for (int r = 0; r < reps; r++) {
		double t0 = bench_now();

		if (opflow_graph_save_path(g, text_path))
			die_lib("opflow_graph_save_path");
		t[r] = bench_now() - t0;
	}
	res->save_path = summarise(t, reps);
	for (int r = 0; r < reps; r++) {
		opflow_graph *h;
		double t0 = bench_now();

		if (opflow_graph_load_path(&h, text_path))
			die_lib("opflow_graph_load_path");
		t[r] = bench_now() - t0;
		if (r == 0 && opflow_graph_equal(h, g) != 1)
			die("%zu activities: the graph loaded from %s is not the "
			    "graph saved", n, text_path);
		opflow_graph_free(h);
	}
	res->load_path = summarise(t, reps);
	if (cfg->tool) {
		res->check = time_check(cfg->tool, text_path, reps, t);
		res->checked = 1;
	}
	remove(text_path);
	opflow_graph_free(g);

	res->mem = measure_memory(&in);
	free((char *)in.keys);
	free(t);
	bench_data_free(&d);
}

static void print_size(const struct result *r, int reps)
{
	char title[128];
	const char *rule = "======================================"
	                   "======================================";
	int len = snprintf(title, sizeof title, "=== %zu activities, %zu flows ",
	                   r->n, r->m);

	printf("%s%.*s\n", title, len < 82 ? 82 - len : 0, rule);
	printf("%-58s %11s %11s\n", "", "min ms", "median ms");
	printf("baselines (-O3 -march=native)\n");
	print_row("limit", "arrays -> CSR + Kahn + forward/backward", r->limit);
	print_row("limit-topo", "both passes over a CSR in topological order",
	          r->topo);
	print_row("csr build", "arrays -> CSR alone", r->csr);
	print_external("BGL", &r->bgl, "compressed_sparse_row_graph",
	               "topological_sort + both passes");
	print_external("igraph", &r->igraph, "igraph_create",
	               "topological_sorting + adjlist + passes");
	printf("libopflow (as configured)\n");
	print_row("build", "graph_new + add_activities + add_flows", r->build);
	print_row("first", "analysis of the freshly built graph", r->first);
	print_row("unprepared", "analysis again, no prepare", r->unprepared);
	print_row("prepare", "opflow_graph_prepare, layout dropped before",
	          r->prepare);
	print_row("prepared", "analysis again, after prepare", r->prepared);
	{
		char what[64];

		snprintf(what, sizeof what, "analysis after %zu durations "
		         "changed", r->n / 100 ? r->n / 100 : 1);
		print_row("durations", what, r->durations);
	}
	print_row("dated", "prepared analysis on a two-shift calendar",
	          r->dated);
	snprintf(title, sizeof title, "text format (%.3f MB)",
	         (double)r->text_bytes / 1e6);
	printf("%-58s %11s %11s %9s\n", title, "min ms", "median ms", "MB/s");
	print_text_row("save_buffer", r->save_buffer, r->text_bytes);
	print_text_row("save_path", r->save_path, r->text_bytes);
	print_text_row("load_path", r->load_path, r->text_bytes);
	if (r->checked)
		print_text_row("opflow check", r->check, r->text_bytes);
	else
		printf("  %-11s skipped: no tool given\n", "opflow check");
	printf("memory (MB)  graph %.3f, layout %.3f, analysis %.3f; peak "
	       "%.3f;\n             limit's CSR + work arrays %.3f\n",
	       (double)r->mem.graph / 1e6, (double)r->mem.layout / 1e6,
	       (double)r->mem.result / 1e6, (double)r->mem.peak / 1e6,
	       (double)r->mem.limit / 1e6);
	printf("lead time %.17g, the same in every engine and analysis (%d "
	       "runs each)\n\n", r->lead, reps);
	fflush(stdout);
}

/* ------------------------------------------------------------- ratios */

typedef double (*ratio_fn)(const struct result *r);

static double q(double a, double b)
{
	return b > 0 ? a / b : -1;
}

static double r_first(const struct result *r)
{
	return q(r->first.med, r->limit.med);
}

static double r_unprepared(const struct result *r)
{
	return q(r->unprepared.med, r->topo.med);
}

static double r_prepared(const struct result *r)
{
	return q(r->prepared.med, r->topo.med);
}

static double r_durations(const struct result *r)
{
	return q(r->durations.med, r->topo.med);
}

static double r_dated(const struct result *r)
{
	return q(r->dated.med, r->prepared.med);
}

static double r_whole(const struct result *r)
{
	return q(r->build.med + r->first.med, r->limit.med);
}

static double r_build(const struct result *r)
{
	return q(r->build.med, r->csr.med);
}

static double r_bgl(const struct result *r)
{
	return r->bgl.ran ? q(r->bgl.total.med, r->build.med + r->first.med)
	                  : -1;
}

static double r_igraph(const struct result *r)
{
	return r->igraph.ran ? q(r->igraph.total.med,
	                         r->build.med + r->first.med) : -1;
}

static double r_memory(const struct result *r)
{
	return q((double)r->mem.peak, (double)r->mem.limit);
}

static double mbs(const struct result *r, struct timing t)
{
	return q((double)r->text_bytes / 1e6, t.med);
}

static double r_save_buffer(const struct result *r)
{
	return mbs(r, r->save_buffer);
}

static double r_save_path(const struct result *r)
{
	return mbs(r, r->save_path);
}

static double r_load_path(const struct result *r)
{
	return mbs(r, r->load_path);
}

static double r_check(const struct result *r)
{
	return r->checked ? r->check.med : -1;
}

static void print_ratios(const struct result *res, size_t count)
{
	static const struct {
		const char *name;
		ratio_fn fn;
		int decimals;
	} rows[] = {
		{ "first analysis / limit", r_first, 2 },
		{ "unprepared analysis / limit-topo", r_unprepared, 2 },
		{ "prepared analysis / limit-topo", r_prepared, 2 },
		{ "analysis after durations / limit-topo", r_durations,
		  2 },
		{ "dated analysis / prepared analysis", r_dated, 2 },
		{ "(build + first) / limit", r_whole, 2 },
		{ "build / csr build", r_build, 2 },
		{ "BGL / (build + first)", r_bgl, 2 },
		{ "igraph / (build + first)", r_igraph, 2 },
		{ "peak memory / limit's", r_memory, 2 },
		{ "save_buffer, MB/s", r_save_buffer, 1 },
		{ "save_path, MB/s", r_save_path, 1 },
		{ "load_path, MB/s", r_load_path, 1 },
		{ "opflow check, seconds", r_check, 3 },
	};

	printf("=== ratios of medians (BGL and igraph rows: above 1, libopflow "
	       "is faster) ===\n");
	printf("%-40s", "activities");
	for (size_t i = 0; i < count; i++)
		printf("%10zu", res[i].n);
	printf("\n");
	for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
		printf("%-40s", rows[k].name);
		for (size_t i = 0; i < count; i++) {
			double v = rows[k].fn(&res[i]);

			if (v < 0)
				printf("%10s", "-");
			else
				printf("%10.*f", rows[k].decimals, v);
		}
		printf("\n");
	}
}

/* --------------------------------------------------------------- main */

static size_t parse_size(const char *s, const char *what)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || !*s || v < 1 || v > 100000000ull)
		die("%s: \"%s\" is not a count from 1 to 10^8", what, s);
	return (size_t)v;
}

static int export_mode(int argc, char **argv)
{
	struct bench_data d;
	size_t n;
	int reps = 3;
	double *t, lead;
	struct timing s, st;
	struct limit_topo topo;

	if (argc < 4 || argc > 5)
		die("usage: bench_analysis --export N FILE [REPETITIONS]");
	n = parse_size(argv[2], "--export");
	if (argc == 5 && (reps = bench_reps(argv[4])) < 0)
		die("repetitions: \"%s\" is not from 1 to 1000", argv[4]);
	make_graph(&d, n);
	write_data(&d, argv[3]);
	t = xmalloc((size_t)reps * sizeof *t);
	s = time_limit(&d, reps, t, &lead);
	if (limit_topo_build(&topo, d.n, d.m, d.src, d.dst, d.dur))
		die("limit-topo: out of memory");
	for (int r = 0; r < reps; r++) {
		double t0 = bench_now(), T = limit_topo_passes(&topo);

		t[r] = bench_now() - t0;
		check_lead(T, lead, "limit-topo", n);
	}
	st = summarise(t, reps);
	printf("limit %.9f %.9f %.17g %zu %zu %.9f %.9f\n", s.min, s.med,
	       lead, (size_t)d.n, (size_t)d.m, st.min, st.med);
	limit_topo_free(&topo);
	free(t);
	bench_data_free(&d);
	return 0;
}

int main(int argc, char **argv)
{
	struct config cfg;
	struct result res[MAX_SIZES];
	size_t count = 0;

	if (bench_clock_wall() < 0)
		die("BENCH_CLOCK is \"%s\": cpu (or empty) or wall, please",
		    getenv("BENCH_CLOCK"));
	if (argc > 1 && strcmp(argv[1], "--export") == 0)
		return export_mode(argc, argv);
	memset(&cfg, 0, sizeof cfg);
	cfg.max = 1000000;
	cfg.reps = 3;
	cfg.scratch = ".";
	cfg.bgl.why = "no --bgl program given";
	cfg.igraph.why = "no --igraph program given";
	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (!val)
			die("%s needs a value", opt);
		i++;
		if (strcmp(opt, "--max") == 0)
			cfg.max = parse_size(val, opt);
		else if (strcmp(opt, "--reps") == 0) {
			if ((cfg.reps = bench_reps(val)) < 0)
				die("--reps: \"%s\" is not from 1 to 1000", val);
		} else if (strcmp(opt, "--scratch") == 0)
			cfg.scratch = val;
		else if (strcmp(opt, "--tool") == 0)
			cfg.tool = val;
		else if (strcmp(opt, "--bgl") == 0)
			cfg.bgl.path = val;
		else if (strcmp(opt, "--no-bgl") == 0)
			cfg.bgl.why = val;
		else if (strcmp(opt, "--igraph") == 0)
			cfg.igraph.path = val;
		else if (strcmp(opt, "--no-igraph") == 0)
			cfg.igraph.why = val;
		else
			die("unknown option %s", opt);
	}
	printf("libopflow %s: random value chains, ~4 flows per activity, ids "
	       "a random\npermutation of topological ranks, flows in shuffled "
	       "order, keys \"a<k>\" for a\nrandom permutation k, durations "
	       "integers 1..20.  Min and median of %d runs,\nmilliseconds of "
	       "%s; MB = 10^6 bytes.\n\n", opflow_version(), cfg.reps,
	       bench_clock_wall() ? "wall-clock time (BENCH_CLOCK=wall)"
	                          : "CPU time (BENCH_CLOCK=wall for wall-clock "
	                            "time)");
	fflush(stdout);
	for (size_t n = 10000; n <= cfg.max && count < MAX_SIZES; n *= 10) {
		run_size(&res[count], &cfg, n);
		print_size(&res[count], cfg.reps);
		count++;
	}
	if (count)
		print_ratios(res, count);
	else
		printf("no size up to %zu: the smallest is 10000\n", cfg.max);
	return 0;
}
