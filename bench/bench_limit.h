/*
 * bench_limit.h - the plain C baselines of bench_analysis (bench_limit.c,
 * compiled with -O3 -march=native whatever the library was configured
 * with).
 */
#ifndef BENCH_LIMIT_H
#define BENCH_LIMIT_H

#include <stddef.h>
#include <stdint.h>

/* Compressed rows in and out of each activity, by id. */
struct limit_csr {
	size_t n, m;
	uint32_t *ioff, *isrc, *ooff, *odst;
};

/* Everything "limit" computes: the rows, Kahn's order and both passes. */
struct limit_out {
	struct limit_csr csr;
	uint32_t *deg, *order;
	double *es, *lf, lead;
};

/* The rows in topological order: "limit-topo" runs the passes alone. */
struct limit_topo {
	size_t n;
	uint32_t *ioff, *isrc, *ooff, *odst;
	uint32_t *pos;          /* id -> position */
	double *dur, *es, *lf;  /* by position */
};

/* Arrays to rows (allocating them); 0, or -1 when out of memory. */
int limit_csr_build(struct limit_csr *c, size_t n, size_t m,
                    const uint32_t *src, const uint32_t *dst);
void limit_csr_free(struct limit_csr *c);

/* "limit": arrays -> rows -> Kahn's order -> forward and backward passes,
 * allocations included; 0, -1 when out of memory, -2 on a cycle. */
int limit_run(struct limit_out *o, size_t n, size_t m, const uint32_t *src,
              const uint32_t *dst, const double *dur);
void limit_out_free(struct limit_out *o);
/* The bytes limit_run allocates: rows plus work arrays. */
size_t limit_bytes(size_t n, size_t m);

/* Untimed set-up of "limit-topo"; 0, -1 out of memory, -2 a cycle. */
int limit_topo_build(struct limit_topo *t, size_t n, size_t m,
                     const uint32_t *src, const uint32_t *dst,
                     const double *dur);
/* "limit-topo": both passes; returns the lead time. */
double limit_topo_passes(struct limit_topo *t);
void limit_topo_free(struct limit_topo *t);

#endif
