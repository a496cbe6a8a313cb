/*
 * bench_data.h - what the benchmark programs share: the clock, medians,
 * and the data file through which bench_analysis hands one generated
 * value chain to the baselines that run as programs of their own
 * (bench_bgl, bench_igraph) and to bench_python.py.  Plain C that also
 * compiles as C++.
 *
 * The data file, in the machine's byte order:
 *   8 bytes  "OPFBENCH"
 *   uint64   n, the activities; uint64 m, the flows
 *   uint32   src[m], dst[m]     flow ends, activity ids 0 .. n-1
 *   double   dur[n]             durations by id (integers 1 .. 20)
 *   uint32   keynum[n]          activity id i has the key "a<keynum[i]>"
 *
 * A baseline program is run as `PROGRAM DATAFILE REPETITIONS`, with the
 * environment's BENCH_CLOCK choosing the clock (bench_now), and prints
 * one line:
 *   <build min> <build median> <analysis min> <analysis median>
 *   <total min> <total median> <lead time>
 * in seconds (total: build + analysis of the same repetition), the lead
 * time with 17 significant digits.
 */
#ifndef BENCH_DATA_H
#define BENCH_DATA_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BENCH_MAGIC "OPFBENCH"

struct bench_data {
	uint64_t n, m;
	uint32_t *src, *dst, *keynum;
	double *dur;
};

/* The clock of every figure, from the environment: BENCH_CLOCK unset,
 * empty or "cpu": the process's CPU time (user + system), which other
 * work on a shared machine hardly disturbs; "wall": CLOCK_MONOTONIC.
 * -1 for any other value. */
static inline int bench_clock_wall(void)
{
	const char *c = getenv("BENCH_CLOCK");

	if (!c || !*c || strcmp(c, "cpu") == 0)
		return 0;
	return strcmp(c, "wall") == 0 ? 1 : -1;
}

static inline double bench_now(void)
{
	static int wall = -1;
	struct timespec ts;

	if (wall < 0)
		wall = bench_clock_wall() == 1;
	clock_gettime(wall ? CLOCK_MONOTONIC : CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Sorts t[0 .. r) and returns its median (the mean of the middle two for
 * an even count); t[0] is then the minimum. */
static inline double bench_median(double *t, int r)
{
	qsort(t, (size_t)r, sizeof *t, bench_cmp_double);
	return r % 2 ? t[r / 2] : (t[r / 2 - 1] + t[r / 2]) / 2;
}

static inline void bench_data_free(struct bench_data *d)
{
	free(d->src);
	free(d->dst);
	free(d->keynum);
	free(d->dur);
	memset(d, 0, sizeof *d);
}

/* 0, or -1 with a message on stderr. */
static inline int bench_data_read(struct bench_data *d, const char *path)
{
	FILE *fp = fopen(path, "rb");
	char magic[8];
	uint64_t nm[2];

	memset(d, 0, sizeof *d);
	if (!fp) {
		perror(path);
		return -1;
	}
	if (fread(magic, 1, 8, fp) != 8 || memcmp(magic, BENCH_MAGIC, 8) ||
	    fread(nm, sizeof nm[0], 2, fp) != 2 || nm[0] > UINT32_MAX ||
	    nm[1] > UINT32_MAX) {
		fprintf(stderr, "%s: not a benchmark data file\n", path);
		fclose(fp);
		return -1;
	}
	d->n = nm[0];
	d->m = nm[1];
	d->src = (uint32_t *)malloc(d->m * 4 + 4);
	d->dst = (uint32_t *)malloc(d->m * 4 + 4);
	d->dur = (double *)malloc(d->n * 8 + 8);
	d->keynum = (uint32_t *)malloc(d->n * 4 + 4);
	if (!d->src || !d->dst || !d->dur || !d->keynum ||
	    fread(d->src, 4, d->m, fp) != d->m ||
	    fread(d->dst, 4, d->m, fp) != d->m ||
	    fread(d->dur, 8, d->n, fp) != d->n ||
	    fread(d->keynum, 4, d->n, fp) != d->n) {
		fprintf(stderr, "%s: short or unreadable data file\n", path);
		fclose(fp);
		bench_data_free(d);
		return -1;
	}
	fclose(fp);
	for (uint64_t f = 0; f < d->m; f++)
		if (d->src[f] >= d->n || d->dst[f] >= d->n) {
			fprintf(stderr, "%s: flow %llu has an end out of "
			        "range\n", path, (unsigned long long)f);
			bench_data_free(d);
			return -1;
		}
	return 0;
}

/* The repetitions argument of a baseline program: 1 .. 1000. */
static inline int bench_reps(const char *arg)
{
	char *end;
	long r = strtol(arg, &end, 10);

	return *end || r < 1 || r > 1000 ? -1 : (int)r;
}

/* The line a baseline program prints; bt, at: build and analysis times
 * of each repetition (sorted in place). */
static inline void bench_report(double *bt, double *at, int reps,
                                double lead)
{
	double *tt = (double *)malloc((size_t)reps * sizeof *tt);
	double bmed, amed, tmed;

	if (!tt) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	for (int r = 0; r < reps; r++)
		tt[r] = bt[r] + at[r];
	bmed = bench_median(bt, reps);
	amed = bench_median(at, reps);
	tmed = bench_median(tt, reps);
	printf("%.9f %.9f %.9f %.9f %.9f %.9f %.17g\n", bt[0], bmed, at[0],
	       amed, tt[0], tmed, lead);
	free(tt);
}

#endif
