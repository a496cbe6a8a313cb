/*
 * simstats.c - what a simulation yields: the statistics of its samples
 * (DESIGN, "Uncertainty": nearest-rank percentiles, the standard
 * deviation over N - 1, equal-width histograms), the ranks behind the
 * sensitivities, and the accessors of the result.
 */
#include "config.h"

#include "internal.h"

#include <math.h>
#include <string.h>

/* ----------------------------------------------------------------- ranks */

uint64_t opflow__order_key(double x)
{
	uint64_t b;

	x += 0.0;               /* -0 as +0 */
	memcpy(&b, &x, sizeof b);
	/* negative numbers reversed below the positive ones */
	return (b >> 63) ? ~b : b | (UINT64_C(1) << 63);
}

/* Least significant digit first, a byte at a time; a byte that every key
 * shares is skipped. */
void opflow__radix_sort(uint64_t *keys, uint32_t *idx, size_t n,
                        uint64_t *key_tmp, uint32_t *idx_tmp)
{
	size_t count[256];

	for (int shift = 0; shift < 64; shift += 8) {
		size_t sum = 0;
		int skip = 0;

		memset(count, 0, sizeof count);
		for (size_t i = 0; i < n; i++)
			count[(keys[i] >> shift) & 0xFF]++;
		for (int d = 0; d < 256; d++) {
			size_t c = count[d];

			if (c == n)
				skip = 1;
			count[d] = sum;
			sum += c;
		}
		if (skip)
			continue;
		for (size_t i = 0; i < n; i++) {
			size_t at = count[(keys[i] >> shift) & 0xFF]++;

			key_tmp[at] = keys[i];
			if (idx)
				idx_tmp[at] = idx[i];
		}
		memcpy(keys, key_tmp, n * sizeof *keys);
		if (idx)
			memcpy(idx, idx_tmp, n * sizeof *idx);
	}
}

int opflow__ranks(double *rank, const double *x, size_t n, uint64_t *keys,
                  uint32_t *idx, uint64_t *key_tmp, uint32_t *idx_tmp)
{
	size_t run;

	for (size_t i = 0; i < n; i++) {
		keys[i] = opflow__order_key(x[i]);
		idx[i] = (uint32_t)i;
	}
	opflow__radix_sort(keys, idx, n, key_tmp, idx_tmp);
	if (n == 0 || keys[0] == keys[n - 1])
		return 0;
	/* ties share the mean of the ranks they span */
	for (size_t i = 0; i < n; i = run) {
		double r;

		for (run = i + 1; run < n && keys[run] == keys[i]; run++)
			;
		r = (double)(i + 1 + run) / 2.0;
		for (size_t j = i; j < run; j++)
			rank[idx[j]] = r;
	}
	return 1;
}

double opflow__rank_correlation(const double *rx, const double *ry, size_t n)
{
	double mid = (double)(n + 1) / 2.0, sxy = 0.0, sxx = 0.0, syy = 0.0, r;

	for (size_t i = 0; i < n; i++) {
		double dx = rx[i] - mid, dy = ry[i] - mid;

		sxy += dx * dy;
		sxx += dx * dx;
		syy += dy * dy;
	}
	/* the same ranks, or reversed ones, correlate exactly: the square
	 * root of a rounded square need not give the number back */
	if (sxx == syy && (sxy == sxx || sxy == -sxx))
		return sxy > 0 ? 1.0 : -1.0;
	r = sxy / sqrt(sxx * syy);
	return r > 1.0 ? 1.0 : r < -1.0 ? -1.0 : r;
}

/* ------------------------------------------------------------ statistics */

static void sort_samples(double *sorted, const double *x, size_t n,
                         uint64_t *keys, uint64_t *tmp)
{
	for (size_t i = 0; i < n; i++)
		keys[i] = opflow__order_key(x[i]);
	opflow__radix_sort(keys, NULL, n, tmp, NULL);
	for (size_t i = 0; i < n; i++) {
		/* back from the key: the reverse of opflow__order_key */
		uint64_t b = (keys[i] >> 63) ? keys[i] & ~(UINT64_C(1) << 63) :
		             ~keys[i];

		memcpy(&sorted[i], &b, sizeof b);
	}
}

int opflow__simulation_stats(opflow_simulation *s)
{
	size_t n = (size_t)s->iterations;
	uint64_t *keys = opflow__malloc(opflow__mul(n, 2 * sizeof *keys));
	size_t met = 0;

	if (!keys)
		return opflow__nomem();
	for (int m = 0; m < 2; m++) {
		const double *x = s->samples[m];
		double sum = 0.0, sq = 0.0, mean;

		sort_samples(s->sorted[m], x, n, keys, keys + n);
		for (size_t i = 0; i < n; i++)
			sum += x[i];
		mean = sum / (double)n;
		for (size_t i = 0; i < n; i++)
			sq += (x[i] - mean) * (x[i] - mean);
		s->mean[m] = mean;
		s->stddev[m] = n > 1 ? sqrt(sq / (double)(n - 1)) : 0.0;
		if (!isfinite(s->mean[m]) || !isfinite(s->stddev[m])) {
			opflow__free(keys);
			return opflow__error(OPFLOW_ERANGE,
			    "the %s of the %s is not finite (durations too "
			    "large)", isfinite(s->mean[m]) ? "standard "
			    "deviation" : "mean", m ? "production span" :
			    "lead time");
		}
	}
	opflow__free(keys);
	if (s->has_deadline) {
		for (size_t i = 0; i < n; i++)
			met += s->samples[OPFLOW_MEASURE_LEAD_TIME][i] <=
			       s->deadline;
		s->probability = (double)met / (double)n;
	}
	return 0;
}

/* ------------------------------------------------------------- accessors */

static int check_measure(const opflow_simulation *s, opflow_measure m,
                         const char *fn)
{
	if (!s)
		return opflow__null_arg(fn, "simulation");
	if (m != OPFLOW_MEASURE_LEAD_TIME &&
	    m != OPFLOW_MEASURE_PRODUCTION_SPAN)
		return opflow__error(OPFLOW_EINVAL, "%s: unknown measure %d", fn,
		                     (int)m);
	if (m == OPFLOW_MEASURE_PRODUCTION_SPAN && !s->has_span)
		return opflow__error(OPFLOW_ENOTFOUND,
		    "%s: no production span: the graph has no production "
		    "activity", fn);
	return 0;
}

int opflow_simulation_get_options(opflow_simulation_options *out,
                                  const opflow_simulation *s)
{
	static const size_t sizes[] = { 0, sizeof *out };
	unsigned version;

	if (!out)
		return opflow__null_arg("opflow_simulation_get_options", "out");
	if (!s)
		return opflow__null_arg("opflow_simulation_get_options",
		                        "simulation");
	version = out->version;
	if (version < 1 || version > OPFLOW_SIMULATION_OPTIONS_VERSION)
		return opflow__error(OPFLOW_EINVAL,
		    "simulation options version %u is not supported (this "
		    "library knows versions 1 to %u)", version,
		    (unsigned)OPFLOW_SIMULATION_OPTIONS_VERSION);
	memcpy(out, &s->options, sizes[version]);
	out->version = version;
	return 0;
}

uint64_t opflow_simulation_iterations(const opflow_simulation *s)
{
	return s ? s->iterations : 0;
}

uint64_t opflow_simulation_sensitivity_iterations(const opflow_simulation *s)
{
	return s ? s->ranked : 0;
}

int opflow_simulation_summary(double *mean, double *stddev, double *min,
                              double *max, const opflow_simulation *s,
                              opflow_measure m)
{
	int rc = check_measure(s, m, "opflow_simulation_summary");

	if (rc)
		return rc;
	if (mean)
		*mean = s->mean[m];
	if (stddev)
		*stddev = s->stddev[m];
	if (min)
		*min = s->sorted[m][0];
	if (max)
		*max = s->sorted[m][s->iterations - 1];
	return 0;
}

int opflow_simulation_percentile(double *out, const opflow_simulation *s,
                                 opflow_measure m, double p)
{
	int rc;
	double r;
	uint64_t rank;

	if (!out)
		return opflow__null_arg("opflow_simulation_percentile", "out");
	if ((rc = check_measure(s, m, "opflow_simulation_percentile")))
		return rc;
	if (!(p >= 0.0 && p <= 100.0))
		return opflow__error(OPFLOW_EINVAL,
		    "the percentile must be within 0 and 100, not %g", p);
	/* rank ceil(p / 100 * N), at least 1; p * N is exact for the
	 * usual p and N, so that P80 of 20000 samples is rank 16000 */
	r = ceil(p * (double)s->iterations / 100.0);
	rank = r < 1.0 ? 1 : (uint64_t)r;
	if (rank > s->iterations)
		rank = s->iterations;
	*out = s->sorted[m][rank - 1];
	return 0;
}

int opflow_simulation_probability(double *out, const opflow_simulation *s)
{
	if (!out)
		return opflow__null_arg("opflow_simulation_probability", "out");
	*out = 0.0;
	if (!s)
		return opflow__null_arg("opflow_simulation_probability",
		                        "simulation");
	if (!s->has_deadline)
		return opflow__error(OPFLOW_ENOTFOUND,
		    "opflow_simulation_probability: the simulation had no "
		    "deadline");
	*out = s->probability;
	return 0;
}

int opflow_simulation_histogram(uint64_t *counts, double *edges, size_t bins,
                                const opflow_simulation *s, opflow_measure m)
{
	const char *fn = "opflow_simulation_histogram";
	double lo, hi, width;
	int rc;

	if (!counts)
		return opflow__null_arg(fn, "counts");
	if ((rc = check_measure(s, m, fn)))
		return rc;
	if (bins < 1 || bins > SIZE_MAX / 16)
		return opflow__error(OPFLOW_EINVAL,
		    "%s: bins must be at least 1, not %zu", fn, bins);
	lo = s->sorted[m][0];
	hi = s->sorted[m][s->iterations - 1];
	width = hi - lo;
	memset(counts, 0, bins * sizeof *counts);
	if (edges) {
		for (size_t b = 0; b < bins; b++)
			edges[b] = lo + width * ((double)b / (double)bins);
		edges[bins] = hi;
	}
	/* the samples in increasing order: each bin's count is where the
	 * next edge falls among them */
	{
		size_t i = 0, n = (size_t)s->iterations;
		const double *x = s->sorted[m];

		for (size_t b = 0; b + 1 < bins; b++) {
			double next = lo + width * ((double)(b + 1) /
			                            (double)bins);
			size_t start = i;

			while (i < n && x[i] < next)
				i++;
			counts[b] = i - start;
		}
		counts[bins - 1] = n - i;
	}
	return 0;
}

int opflow_simulation_samples(double *out, size_t capacity,
                              const opflow_simulation *s, opflow_measure m)
{
	int rc;
	size_t n;

	if (!out && capacity)
		return opflow__null_arg("opflow_simulation_samples", "out");
	if ((rc = check_measure(s, m, "opflow_simulation_samples")))
		return rc;
	n = capacity < s->iterations ? capacity : (size_t)s->iterations;
	if (n)
		memcpy(out, s->samples[m], n * sizeof *out);
	return 0;
}

size_t opflow_simulation_activity_count(const opflow_simulation *s)
{
	return s ? s->n : 0;
}

static int check_activity(const opflow_simulation *s, opflow_id id,
                          const char *fn)
{
	if (!s)
		return opflow__null_arg(fn, "simulation");
	if (id >= s->n)
		return opflow__error(OPFLOW_ENOTFOUND,
		    "%s: no activity %u in the simulation (it had %zu)", fn,
		    (unsigned)id, s->n);
	return 0;
}

int opflow_simulation_activity_key(const char **out,
                                   const opflow_simulation *s,
                                   opflow_id activity)
{
	int rc;

	if (!out)
		return opflow__null_arg("opflow_simulation_activity_key", "out");
	if ((rc = check_activity(s, activity,
	                         "opflow_simulation_activity_key")))
		return rc;
	*out = s->keys + s->key_off[activity];
	return 0;
}

int opflow_simulation_activity(double *criticality, double *sensitivity,
                               double *cruciality, const opflow_simulation *s,
                               opflow_id activity)
{
	int rc = check_activity(s, activity, "opflow_simulation_activity");

	if (rc)
		return rc;
	if (criticality)
		*criticality = s->criticality[activity];
	if (sensitivity)
		*sensitivity = s->sensitivity[activity];
	if (cruciality)
		*cruciality = s->criticality[activity] *
		              s->sensitivity[activity];
	return 0;
}

int opflow_simulation_column(double *out, size_t capacity,
                             const opflow_simulation *s,
                             opflow_risk column)
{
	const char *fn = "opflow_simulation_column";
	size_t n;

	if (!out && capacity)
		return opflow__null_arg(fn, "out");
	if (!s)
		return opflow__null_arg(fn, "simulation");
	if (column != OPFLOW_RISK_CRITICALITY &&
	    column != OPFLOW_RISK_SENSITIVITY &&
	    column != OPFLOW_RISK_CRUCIALITY)
		return opflow__error(OPFLOW_EINVAL, "%s: unknown column %d", fn,
		                     (int)column);
	n = capacity < s->n ? capacity : s->n;
	for (size_t i = 0; i < n; i++)
		out[i] = column == OPFLOW_RISK_CRITICALITY ?
		         s->criticality[i] :
		         column == OPFLOW_RISK_SENSITIVITY ?
		         s->sensitivity[i] :
		         s->criticality[i] * s->sensitivity[i];
	return 0;
}
