/*
 * compare.c - an analysis against a baseline (DESIGN, "Baseline"): the
 * figures' differences, and per activity, matched by key, the start and
 * finish variances, positive meaning late.  The comparison copies what
 * it reports, so it outlives both analyses.
 */
#include "config.h"

#include "internal.h"

#include <math.h>
#include <string.h>

struct opflow_comparison {
	size_t n;                       /* activities of the analysis */
	size_t matched, added, removed;
	double figure[OPFLOW__FIGURES];
	uint32_t absent;                /* bit f: figure f absent in either */
	double *start_var, *finish_var; /* by id of the analysis */
	uint8_t *found;
	uint32_t *slipped;              /* ids, largest finish variance first */
	size_t nslipped;
};

static void schedule_at(double *es, double *ef, const opflow_analysis *a,
                        uint32_t id)
{
	uint32_t k = a->pos[id];

	*es = a->es[k];
	*ef = a->progress ? a->p_ef[k] : a->es[k] + a->dur[k];
}

/* The baseline's activity of the key, through an open-addressing table
 * of its ids built once. */
static uint32_t lookup(const opflow_analysis *b, const uint32_t *slots,
                       size_t mask, const char *key, size_t len)
{
	for (size_t i = opflow__hash(key, len) & mask;; i = (i + 1) & mask) {
		uint32_t id = slots[i];
		const char *k;

		if (id == OPFLOW_NONE)
			return OPFLOW_NONE;
		k = b->keys + b->key_off[id];
		if (strlen(k) == len && memcmp(k, key, len) == 0)
			return id;
	}
}

/* Ids sorted by finish variance, largest first, ties by id: a merge
 * sort, stable, through tmp. */
static void sort_slipped(uint32_t *ids, uint32_t *tmp, size_t count,
                         const double *var)
{
	for (size_t width = 1; width < count; width *= 2) {
		for (size_t lo = 0; lo < count; lo += 2 * width) {
			size_t mid = lo + width < count ? lo + width : count;
			size_t hi = lo + 2 * width < count ? lo + 2 * width
			                                   : count;
			size_t i = lo, j = mid, o = lo;

			while (i < mid && j < hi)
				tmp[o++] = var[ids[j]] > var[ids[i]] ? ids[j++]
				                                     : ids[i++];
			while (i < mid)
				tmp[o++] = ids[i++];
			while (j < hi)
				tmp[o++] = ids[j++];
		}
		memcpy(ids, tmp, count * sizeof *ids);
	}
}

int opflow_compare(opflow_comparison **out, const opflow_analysis *a,
                   const opflow_analysis *b)
{
	static const char fn[] = "opflow_compare";
	opflow_comparison *c;
	uint32_t *slots, *tmp;
	size_t cap = 2, n, bytes;
	char *p;

	if (!out)
		return opflow__null_arg(fn, "out");
	if (!a)
		return opflow__null_arg(fn, "analysis");
	if (!b)
		return opflow__null_arg(fn, "baseline");
	n = a->n;
	while (cap < 2 * b->n)
		cap *= 2;
	if (n > SIZE_MAX / 64 || cap > SIZE_MAX / 8)
		return opflow__error(OPFLOW_ERANGE, "%s: analyses too large", fn);
	bytes = sizeof *c + n * (2 * sizeof(double) + sizeof(uint32_t) + 1) + 8;
	c = opflow__malloc(bytes);
	slots = opflow__malloc((cap + n) * sizeof *slots);
	if (!c || !slots) {
		opflow__free(c);
		opflow__free(slots);
		return opflow__nomem();
	}
	memset(c, 0, sizeof *c);
	p = (char *)(c + 1);
	c->start_var = (double *)(void *)p;   p += n * sizeof(double);
	c->finish_var = (double *)(void *)p;  p += n * sizeof(double);
	c->slipped = (uint32_t *)(void *)p;   p += n * sizeof(uint32_t);
	c->found = (uint8_t *)p;
	c->n = n;
	tmp = slots + cap;

	memset(slots, 0xFF, cap * sizeof *slots);
	for (uint32_t id = 0; id < b->n; id++) {
		const char *k = b->keys + b->key_off[id];
		size_t i = opflow__hash(k, strlen(k)) & (cap - 1);

		while (slots[i] != OPFLOW_NONE)
			i = (i + 1) & (cap - 1);
		slots[i] = id;
	}
	for (uint32_t id = 0; id < n; id++) {
		const char *k = a->keys + a->key_off[id];
		uint32_t j = lookup(b, slots, cap - 1, k, strlen(k));
		double es, ef, bes, bef;

		c->found[id] = j != OPFLOW_NONE;
		c->start_var[id] = c->finish_var[id] = 0.0;
		if (j == OPFLOW_NONE) {
			c->added++;
			continue;
		}
		c->matched++;
		schedule_at(&es, &ef, a, id);
		schedule_at(&bes, &bef, b, j);
		c->start_var[id] = opflow__plus_zero(es - bes);
		c->finish_var[id] = opflow__plus_zero(ef - bef);
		if (c->finish_var[id] > 0)
			c->slipped[c->nslipped++] = id;
	}
	c->removed = b->n - c->matched;
	sort_slipped(c->slipped, tmp, c->nslipped, c->finish_var);
	for (int f = 0; f < OPFLOW__FIGURES; f++) {
		if ((a->absent | b->absent) & (1u << f)) {
			c->absent |= 1u << f;
			c->figure[f] = 0.0;
		} else {
			c->figure[f] = opflow__plus_zero(a->figure[f] -
			                                 b->figure[f]);
		}
	}
	opflow__free(slots);
	*out = c;
	return 0;
}

void opflow_comparison_free(opflow_comparison *c)
{
	opflow__free(c);
}

int opflow_comparison_figure(double *out, const opflow_comparison *c,
                             opflow_figure figure)
{
	static const char fn[] = "opflow_comparison_figure";
	int f = (int)figure;

	if (!out)
		return opflow__null_arg(fn, "out");
	*out = 0.0;
	if (!c)
		return opflow__null_arg(fn, "comparison");
	if (f < 0 || f >= OPFLOW__FIGURES)
		return opflow__error(OPFLOW_EINVAL, "%s: unknown figure %d", fn,
		                     f);
	if (c->absent & (1u << f))
		return opflow__error(OPFLOW_ENOTFOUND,
		    "%s: the figure %s is absent from the analysis or its "
		    "baseline", fn, opflow_figure_name(figure));
	*out = c->figure[f];
	return 0;
}

int opflow_comparison_counts(size_t *matched, size_t *added, size_t *removed,
                             const opflow_comparison *c)
{
	if (!c)
		return opflow__null_arg("opflow_comparison_counts",
		                        "comparison");
	if (matched)
		*matched = c->matched;
	if (added)
		*added = c->added;
	if (removed)
		*removed = c->removed;
	return 0;
}

int opflow_comparison_variance(double *start_variance, double *finish_variance,
                               const opflow_comparison *c, opflow_id id)
{
	static const char fn[] = "opflow_comparison_variance";

	if (!c)
		return opflow__null_arg(fn, "comparison");
	if (id >= c->n)
		return opflow__error(OPFLOW_ENOTFOUND,
		    "%s: no activity with id %u (the analysis has %zu)", fn,
		    (unsigned)id, c->n);
	if (!c->found[id])
		return opflow__error(OPFLOW_ENOTFOUND,
		    "%s: activity %u is not in the baseline", fn,
		    (unsigned)id);
	if (start_variance)
		*start_variance = c->start_var[id];
	if (finish_variance)
		*finish_variance = c->finish_var[id];
	return 0;
}

int opflow_comparison_slipped(size_t *out_count, opflow_id *ids,
                              size_t capacity, const opflow_comparison *c)
{
	static const char fn[] = "opflow_comparison_slipped";
	size_t k;

	if (!out_count)
		return opflow__null_arg(fn, "out_count");
	if (capacity && !ids)
		return opflow__null_arg(fn, "ids");
	if (!c)
		return opflow__null_arg(fn, "comparison");
	k = capacity < c->nslipped ? capacity : c->nslipped;
	for (size_t i = 0; i < k; i++)
		ids[i] = c->slipped[i];
	*out_count = c->nslipped;
	return 0;
}
