/*
 * bench_text.c - `make bench-text`: the speed of the .opflow text format.
 *
 * A random value chain as bench_analysis.c makes them (n activities,
 * about 4n flows, ids a random permutation of the ranks, flows in shuffled
 * order, keys "a<k>" for a random permutation k, integer durations 1 ..
 * 20), and one flow in eight with a lag in tenths or quarters, is built
 * through the bulk calls and timed:
 *
 *   save_path   opflow_graph_save_path, end to end, in MB/s of the file
 *   load_path   opflow_graph_load_path, end to end, in MB/s of the file
 *   check       `TOOL check FILE` (loading, analysis, findings), in
 *               seconds, its output thrown away
 *
 * in CPU time (the check's: its process's), or in wall-clock time with
 * BENCH_CLOCK=wall
 *
 * each REPS times, as the minimum and the median.  The loaded graph is
 * saved again and must give the same text to the byte.
 *
 *   bench_text [--n N] [--reps R] [--scratch DIR] [--tool TOOL]
 */
#include <opflow.h>

#include "bench_data.h"
#define BENCH_NAME "bench_text"
#include "bench_util.h"

#include <errno.h>
#include <stdarg.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static opflow_graph *make_graph(size_t n)
{
	uint64_t rng = 0x6F70666C6F772121ull ^ ((uint64_t)n * 0x9E3779B97F4A7C15ull);
	uint32_t *perm = xmalloc(n * sizeof *perm);
	uint64_t *pairs = xmalloc(n * 4 * sizeof *pairs);
	uint32_t *src, *dst, *keynum = xmalloc(n * sizeof *keynum);
	double *dur = xmalloc(n * sizeof *dur), *lag;
	char *keys = xmalloc(n * 12 + 1);
	size_t m = 0, k = 0, klen = 0;
	opflow_graph *g;
	opflow_id first;

	for (size_t i = 0; i < n; i++)
		perm[i] = (uint32_t)i;
	shuffle_u32(perm, n, &rng);
	for (size_t r = 1; r < n; r++) {
		for (int j = 0; j < 4; j++) {
			size_t span = rng_next(&rng) % 8 ? 64 : r;
			size_t back = 1 + rng_next(&rng) % (span < r ? span : r);

			pairs[m++] = (uint64_t)perm[r - back] << 32 | perm[r];
		}
	}
	qsort(pairs, m, sizeof *pairs, cmp_u64);
	src = xmalloc((m ? m : 1) * sizeof *src);
	dst = xmalloc((m ? m : 1) * sizeof *dst);
	lag = xmalloc((m ? m : 1) * sizeof *lag);
	for (size_t i = 0; i < m; i++) {
		if (i && pairs[i] == pairs[i - 1])
			continue;
		src[k] = (uint32_t)(pairs[i] >> 32);
		dst[k] = (uint32_t)pairs[i];
		k++;
	}
	m = k;
	for (size_t i = 0; i < n; i++)
		dur[i] = (double)(1 + rng_next(&rng) % 20);
	for (size_t i = m; i > 1; i--) {
		size_t j = rng_next(&rng) % i;
		uint32_t s = src[i - 1], t = dst[i - 1];

		src[i - 1] = src[j];
		dst[i - 1] = dst[j];
		src[j] = s;
		dst[j] = t;
	}
	for (size_t i = 0; i < m; i++) {
		uint64_t x = rng_next(&rng);

		lag[i] = x % 8 ? 0
		         : x >> 3 & 1 ? (double)(x >> 4 & 63) / 10
		         : (double)(x >> 4 & 63) / 4;
	}
	for (size_t i = 0; i < n; i++)
		keynum[i] = (uint32_t)i;
	shuffle_u32(keynum, n, &rng);
	for (size_t i = 0; i < n; i++)
		klen += (size_t)sprintf(keys + klen, "a%lu",
		                        (unsigned long)keynum[i]) + 1;
	if (opflow_graph_new(&g))
		die_lib("opflow_graph_new");
	if (opflow_graph_add_activities(&first, g, n, keys, klen, NULL, NULL,
	                                dur))
		die_lib("opflow_graph_add_activities");
	if (opflow_graph_add_flows(&first, g, m, src, dst, NULL, lag))
		die_lib("opflow_graph_add_flows");
	free(perm);
	free(pairs);
	free(src);
	free(dst);
	free(lag);
	free(dur);
	free(keys);
	free(keynum);
	return g;
}

/* The clock of the check: the CPU time of the children that ended, or
 * the wall-clock time (BENCH_CLOCK, as bench_now reads it). */
static double child_now(void)
{
	struct rusage ru;

	if (bench_clock_wall() == 1)
		return bench_now();
	if (getrusage(RUSAGE_CHILDREN, &ru))
		die("getrusage: %s", strerror(errno));
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec +
	       ((double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec) / 1e6;
}

static double file_size(const char *path)
{
	FILE *fp = fopen(path, "rb");
	long n;

	if (!fp || fseek(fp, 0, SEEK_END) || (n = ftell(fp)) < 0)
		die("%s: %s", path, strerror(errno));
	fclose(fp);
	return (double)n;
}

static void report(const char *what, double *t, int reps, double bytes)
{
	double med = bench_median(t, reps), min = t[0];

	if (bytes > 0)
		printf("%-10s min %8.3f s %8.1f MB/s   median %8.3f s %8.1f MB/s\n",
		       what, min, bytes / min / 1e6, med, bytes / med / 1e6);
	else
		printf("%-10s min %8.3f s                median %8.3f s\n",
		       what, min, med);
}

int main(int argc, char **argv)
{
	size_t n = 1000000;
	int reps = 5;
	const char *scratch = ".", *tool = NULL;
	char path[4096], cmd[9000];
	opflow_graph *g, *h;
	double *t, bytes;
	char *a, *b;
	size_t alen, blen;

	for (int i = 1; i < argc; i++) {
		if (i + 1 < argc && strcmp(argv[i], "--n") == 0)
			n = (size_t)strtoull(argv[++i], NULL, 10);
		else if (i + 1 < argc && strcmp(argv[i], "--reps") == 0)
			reps = atoi(argv[++i]);
		else if (i + 1 < argc && strcmp(argv[i], "--scratch") == 0)
			scratch = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--tool") == 0)
			tool = argv[++i];
		else
			die("usage: bench_text [--n N] [--reps R] [--scratch DIR] "
			    "[--tool TOOL]");
	}
	if (bench_clock_wall() < 0)
		die("BENCH_CLOCK is \"%s\": cpu (or empty) or wall, please",
		    getenv("BENCH_CLOCK"));
	if (reps < 1 || n < 2)
		die("need --reps >= 1 and --n >= 2");
	t = xmalloc((size_t)reps * sizeof *t);
	snprintf(path, sizeof path, "%s/bench-text-%zu.opflow", scratch, n);
	g = make_graph(n);
	printf("libopflow %s: text format, %zu activities, %zu flows\n",
	       opflow_version(), opflow_graph_activity_count(g),
	       opflow_graph_flow_count(g));
	for (int r = 0; r < reps; r++) {
		double t0 = bench_now();

		if (opflow_graph_save_path(g, path))
			die_lib("opflow_graph_save_path");
		t[r] = bench_now() - t0;
	}
	bytes = file_size(path);
	printf("file       %s, %.1f MB\n", path, bytes / 1e6);
	report("save_path", t, reps, bytes);
	for (int r = 0; r < reps; r++) {
		double t0 = bench_now();

		if (opflow_graph_load_path(&h, path))
			die_lib("opflow_graph_load_path");
		t[r] = bench_now() - t0;
		if (r < reps - 1)
			opflow_graph_free(h);
	}
	report("load_path", t, reps, bytes);
	/* what was loaded saves to the same text */
	if (opflow_graph_save_buffer(&a, &alen, g) ||
	    opflow_graph_save_buffer(&b, &blen, h))
		die_lib("opflow_graph_save_buffer");
	if (alen != blen || memcmp(a, b, alen) != 0)
		die("the loaded graph does not save to the same text");
	opflow_free(a);
	opflow_free(b);
	opflow_graph_free(h);
	opflow_graph_free(g);
	if (tool) {
		snprintf(cmd, sizeof cmd, "'%s' check '%s' >/dev/null 2>&1",
		         tool, path);
		for (int r = 0; r < reps; r++) {
			double t0 = child_now();
			int st = system(cmd);

			t[r] = child_now() - t0;
			/* findings are warnings: exit 0; anything else failed */
			if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
				die("%s failed", cmd);
		}
		report("check", t, reps, 0);
	}
	free(t);
	return 0;
}
