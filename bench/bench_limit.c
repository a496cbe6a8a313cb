/*
 * bench_limit.c - the plain C floor under every analysis of bench_analysis:
 * the critical path method with finish-to-start flows, no lags, no
 * calendar, nothing computed but early starts, late finishes and the lead
 * time.  Built with -O3 -march=native by its own rule in bench/local.mk.
 *
 *   limit       flows given as two arrays in any order, activity ids in
 *               any order: build compressed rows in and out of every
 *               activity, find Kahn's topological order, run the forward
 *               and the backward pass.  What any CPM must do on such
 *               input; the allocations are part of it.
 *   limit-topo  the same rows stored in topological order, relabelled once
 *               beforehand: the two passes alone, streaming over memory.
 *   csr build   the array-to-rows step of "limit" alone.
 */
#include "bench_limit.h"

#include <stdlib.h>
#include <string.h>

int limit_csr_build(struct limit_csr *c, size_t n, size_t m,
                    const uint32_t *src, const uint32_t *dst)
{
	uint32_t *fill;

	c->n = n;
	c->m = m;
	c->ioff = calloc(n + 1, sizeof *c->ioff);
	c->ooff = calloc(n + 1, sizeof *c->ooff);
	c->isrc = malloc((m ? m : 1) * sizeof *c->isrc);
	c->odst = malloc((m ? m : 1) * sizeof *c->odst);
	fill = malloc((n ? n : 1) * sizeof *fill);
	if (!c->ioff || !c->ooff || !c->isrc || !c->odst || !fill) {
		free(fill);
		limit_csr_free(c);
		return -1;
	}
	for (size_t f = 0; f < m; f++) {
		c->ioff[dst[f] + 1]++;
		c->ooff[src[f] + 1]++;
	}
	for (size_t i = 0; i < n; i++) {
		c->ioff[i + 1] += c->ioff[i];
		c->ooff[i + 1] += c->ooff[i];
	}
	memcpy(fill, c->ioff, n * sizeof *fill);
	for (size_t f = 0; f < m; f++)
		c->isrc[fill[dst[f]]++] = src[f];
	memcpy(fill, c->ooff, n * sizeof *fill);
	for (size_t f = 0; f < m; f++)
		c->odst[fill[src[f]]++] = dst[f];
	free(fill);
	return 0;
}

void limit_csr_free(struct limit_csr *c)
{
	free(c->ioff);
	free(c->isrc);
	free(c->ooff);
	free(c->odst);
	memset(c, 0, sizeof *c);
}

size_t limit_bytes(size_t n, size_t m)
{
	/* ioff, ooff; isrc, odst; deg, order; es, lf (the fill array of the
	 * row build is freed before deg and order exist) */
	return 2 * (n + 1) * 4 + 2 * m * 4 + 2 * n * 4 + 2 * n * 8;
}

/* Kahn's order over rows by id; the number of activities ordered. */
static size_t kahn(uint32_t *order, uint32_t *deg, const struct limit_csr *c)
{
	size_t head = 0, tail = 0;

	for (size_t i = 0; i < c->n; i++) {
		deg[i] = c->ioff[i + 1] - c->ioff[i];
		if (!deg[i])
			order[tail++] = (uint32_t)i;
	}
	while (head < tail) {
		uint32_t v = order[head++];

		for (uint32_t k = c->ooff[v]; k < c->ooff[v + 1]; k++)
			if (--deg[c->odst[k]] == 0)
				order[tail++] = c->odst[k];
	}
	return tail;
}

int limit_run(struct limit_out *o, size_t n, size_t m, const uint32_t *src,
              const uint32_t *dst, const double *dur)
{
	const struct limit_csr *c = &o->csr;
	double T = 0;

	memset(o, 0, sizeof *o);
	if (limit_csr_build(&o->csr, n, m, src, dst))
		return -1;
	o->deg = malloc((n ? n : 1) * sizeof *o->deg);
	o->order = malloc((n ? n : 1) * sizeof *o->order);
	o->es = malloc((n ? n : 1) * sizeof *o->es);
	o->lf = malloc((n ? n : 1) * sizeof *o->lf);
	if (!o->deg || !o->order || !o->es || !o->lf) {
		limit_out_free(o);
		return -1;
	}
	if (kahn(o->order, o->deg, c) != n) {
		limit_out_free(o);
		return -2;
	}
	for (size_t k = 0; k < n; k++) {
		uint32_t v = o->order[k];
		double s = 0;

		for (uint32_t j = c->ioff[v]; j < c->ioff[v + 1]; j++) {
			double x = o->es[c->isrc[j]] + dur[c->isrc[j]];

			if (x > s)
				s = x;
		}
		o->es[v] = s;
		if (s + dur[v] > T)
			T = s + dur[v];
	}
	for (size_t k = n; k-- > 0;) {
		uint32_t v = o->order[k];
		double f = T;

		for (uint32_t j = c->ooff[v]; j < c->ooff[v + 1]; j++) {
			double x = o->lf[c->odst[j]] - dur[c->odst[j]];

			if (x < f)
				f = x;
		}
		o->lf[v] = f;
	}
	o->lead = T;
	return 0;
}

void limit_out_free(struct limit_out *o)
{
	limit_csr_free(&o->csr);
	free(o->deg);
	free(o->order);
	free(o->es);
	free(o->lf);
	memset(o, 0, sizeof *o);
}

void limit_topo_free(struct limit_topo *t)
{
	free(t->ioff);
	free(t->isrc);
	free(t->ooff);
	free(t->odst);
	free(t->pos);
	free(t->dur);
	free(t->es);
	free(t->lf);
	memset(t, 0, sizeof *t);
}

int limit_topo_build(struct limit_topo *t, size_t n, size_t m,
                     const uint32_t *src, const uint32_t *dst,
                     const double *dur)
{
	struct limit_out o;
	size_t n1 = n ? n : 1, m1 = m ? m : 1;
	int rc;

	memset(t, 0, sizeof *t);
	if ((rc = limit_run(&o, n, m, src, dst, dur)))
		return rc;
	t->n = n;
	t->ioff = calloc(n + 1, sizeof *t->ioff);
	t->ooff = calloc(n + 1, sizeof *t->ooff);
	t->isrc = malloc(m1 * sizeof *t->isrc);
	t->odst = malloc(m1 * sizeof *t->odst);
	t->pos = malloc(n1 * sizeof *t->pos);
	t->dur = malloc(n1 * sizeof *t->dur);
	t->es = malloc(n1 * sizeof *t->es);
	t->lf = malloc(n1 * sizeof *t->lf);
	if (!t->ioff || !t->ooff || !t->isrc || !t->odst || !t->pos ||
	    !t->dur || !t->es || !t->lf) {
		limit_out_free(&o);
		limit_topo_free(t);
		return -1;
	}
	for (size_t k = 0; k < n; k++) {
		t->pos[o.order[k]] = (uint32_t)k;
		t->dur[k] = dur[o.order[k]];
	}
	for (size_t f = 0; f < m; f++) {
		t->ioff[t->pos[dst[f]] + 1]++;
		t->ooff[t->pos[src[f]] + 1]++;
	}
	for (size_t k = 0; k < n; k++) {
		t->ioff[k + 1] += t->ioff[k];
		t->ooff[k + 1] += t->ooff[k];
	}
	/* o.deg is free scratch now */
	memcpy(o.deg, t->ioff, n * sizeof *o.deg);
	for (size_t f = 0; f < m; f++)
		t->isrc[o.deg[t->pos[dst[f]]]++] = t->pos[src[f]];
	memcpy(o.deg, t->ooff, n * sizeof *o.deg);
	for (size_t f = 0; f < m; f++)
		t->odst[o.deg[t->pos[src[f]]]++] = t->pos[dst[f]];
	limit_out_free(&o);
	return 0;
}

double limit_topo_passes(struct limit_topo *t)
{
	double T = 0;

	for (size_t k = 0; k < t->n; k++) {
		double s = 0;

		for (uint32_t j = t->ioff[k]; j < t->ioff[k + 1]; j++) {
			double x = t->es[t->isrc[j]] + t->dur[t->isrc[j]];

			if (x > s)
				s = x;
		}
		t->es[k] = s;
		if (s + t->dur[k] > T)
			T = s + t->dur[k];
	}
	for (size_t k = t->n; k-- > 0;) {
		double f = T;

		for (uint32_t j = t->ooff[k]; j < t->ooff[k + 1]; j++) {
			double x = t->lf[t->odst[j]] - t->dur[t->odst[j]];

			if (x < f)
				f = x;
		}
		t->lf[k] = f;
	}
	return T;
}
