/*
 * bench_util.h - what the C benchmark programs that link libopflow share:
 * dying with a message, allocating or dying, and the seeded generator of
 * their random value chains (splitmix64).  Each program defines
 * BENCH_NAME, its name in messages, before including it.
 */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <opflow.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef BENCH_NAME
#  define BENCH_NAME "bench"
#endif

static inline void die(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs(BENCH_NAME ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static inline void die_lib(const char *what)
{
	die("%s: %s", what, opflow_error_message());
}

static inline void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die("out of memory");
	return p;
}

static inline uint64_t rng_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static inline void shuffle_u32(uint32_t *a, size_t n, uint64_t *rng)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = rng_next(rng) % i;
		uint32_t t = a[i - 1];

		a[i - 1] = a[j];
		a[j] = t;
	}
}

static inline int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

#endif /* BENCH_UTIL_H */
