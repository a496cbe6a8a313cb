/*
 * check_numbers.c - the numbers of the text format, written and read on
 * over a million doubles of every shape: random bit patterns,
 * subnormals, huge and tiny values, integers, halves, tenths like 0.1 and
 * short decimals.
 *
 * What is expected is worked out here with the C library alone: the text
 * written for x is the shortest that strtod reads back as x (for p = 1,
 * 2, ... 17 digits: the nearest p-digit decimal that "%.*e" gives, else
 * the one next above it, else the one next below), laid out as %g lays it
 * out (positional from 1e-4 to below 1e17, d.ddde+XX otherwise, no
 * trailing zeros); and a number read is what strtod reads.
 *
 * OPFLOW_NUMBERS_ROUNDS=N runs N rounds of 2^17 numbers (8 by default;
 * under valgrind one round of 2^13).
 */
#include <opflow.h>

#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ACTS 1024               /* enough pairs for a round's flows */
#define ROUND (1u << 17)

static uint64_t rng_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* A finite double of the i-th shape. */
static double draw(uint64_t *rng, unsigned i)
{
	uint64_t r = rng_next(rng);
	double d;

	switch (i % 10) {
	case 0:                         /* any bit pattern */
		memcpy(&d, &r, sizeof d);
		return isfinite(d) ? d : (double)(int64_t)r;
	case 1:                         /* integers */
		return (double)(int64_t)(r % 2000000001) - 1e9;
	case 2:                         /* halves and quarters */
		return (double)(int64_t)(r % 40001) / (r >> 60 & 1 ? 2 : 4) - 5000;
	case 3:                         /* tenths, 0.1 among them */
		return (double)(r % 100000) * 0.1;
	case 4:                         /* subnormals and the smallest normals */
		return ldexp((double)(r >> 11), -1126 + (int)(r % 80)) *
		       (r & 1 ? -1 : 1);
	case 5:                         /* short decimals */
		return (double)(r % 100000000) / pow(10, (double)(r >> 40 & 7));
	case 6:                         /* huge and tiny */
		d = ldexp(1.0 + (double)(r >> 12) / 4503599627370496.0,
		          (int)(r % 2040) - 1020);
		return r >> 63 ? -d : d;
	case 7:                         /* integers near 2^53 and beyond */
		return (double)(r >> (r % 20));
	case 8:                         /* 15 to 17 digits */
		return (double)(r % 100000000000000000ull) /
		       pow(10, (double)(r % 24));
	default:                        /* around 1e-4 and 1e17, the layout's
		                         * edges */
		d = (r & 1 ? 1e-4 : 1e17) *
		    (1 + ((double)(r >> 12 & 255) - 128) / 1024);
		return r >> 63 ? -d : d;
	}
}

/* The next p-digit decimal of the digits d[0..p) above (up) or below. */
static void step(char *d, int p, int *e, int up)
{
	int i = p - 1;

	if (up) {
		while (i >= 0 && d[i] == '9')
			d[i--] = '0';
		if (i >= 0) {
			d[i]++;
		} else {
			d[0] = '1';
			++*e;
		}
		return;
	}
	if (d[0] == '1') {
		int zeros = 1;

		for (int k = 1; k < p; k++)
			zeros &= d[k] == '0';
		if (zeros) {            /* 10..0 - 1 = 99..9, one digit down */
			memset(d, '9', (size_t)p);
			--*e;
			return;
		}
	}
	while (d[i] == '0')
		d[i--] = '9';
	d[i]--;
}

/* digits d[0..p) x 10^(e - p + 1) as %g would write it. */
static void layout(char *out, int negative, const char *d, int p, int e)
{
	char *o = out;

	while (p > 1 && d[p - 1] == '0')
		p--;
	if (negative)
		*o++ = '-';
	if (e < -4 || e > 16) {
		o += sprintf(o, "%c", d[0]);
		if (p > 1)
			o += sprintf(o, ".%.*s", p - 1, d + 1);
		sprintf(o, "e%c%02d", e < 0 ? '-' : '+', abs(e));
	} else if (e < 0) {
		o += sprintf(o, "0.");
		for (int k = 0; k < -e - 1; k++)
			*o++ = '0';
		sprintf(o, "%.*s", p, d);
	} else if (p <= e + 1) {
		o += sprintf(o, "%.*s", p, d);
		for (int k = p; k <= e; k++)
			*o++ = '0';
		*o = '\0';
	} else {
		sprintf(o, "%.*s.%.*s", e + 1, d, p - e - 1, d + e + 1);
	}
}

/* Whether the decimal d[0..p) x 10^(e-p+1) reads back as x. */
static int reads_back(const char *d, int p, int e, double x)
{
	char text[64];

	snprintf(text, sizeof text, "%c.%.*se%d", d[0], p - 1, d + 1, e);
	return strtod(text, NULL) == x;
}

/* The nearest p-digit decimal to x > 0 (p <= 17): digits d, exponent. */
static int nearest(char *d, double x, int p)
{
	char text[64];
	const char *q = text;
	int n = 0;

	snprintf(text, sizeof text, "%.*e", p - 1, x);
	for (; *q != 'e'; q++)
		if (*q >= '0' && *q <= '9')
			d[n++] = *q;
	return atoi(q + 1);
}

/* Whether the p-digit decimal nearest x, or else the one above, or else
 * the one below, reads back as x; if so, its text is in out. */
static int shortest_at(char *out, double v, int p)
{
	double x = fabs(v);
	char d[24];
	int e = nearest(d, x, p);

	for (int k = 0; k < 3; k++) {
		char c[24] = { 0 };     /* the compiler may scan past p digits */
		int ce = e;

		memcpy(c, d, (size_t)p);
		if (k)
			step(c, p, &ce, k == 1);
		if (reads_back(c, p, ce, x)) {
			layout(out, v < 0, c, p, ce);
			return 1;
		}
	}
	return 0;
}

/* The shortest text of v, as the comment at the top says.  Of a normal
 * double, the nearest 15-digit decimal reads back when any of at most 15
 * digits does, and so do the nearest of more digits when the nearest of
 * fewer does: the search starts at 15 and goes down while it can. */
static void expected_text(char *out, double v)
{
	double x = fabs(v);

	if (v == 0) {
		strcpy(out, "0");
		return;
	}
	if (x >= 0x1p-1022 && shortest_at(out, v, 15)) {
		for (int p = 14; p >= 1 && shortest_at(out, v, p); p--)
			;
		return;         /* a failed try leaves out alone */
	}
	for (int p = x >= 0x1p-1022 ? 16 : 1; p <= 17; p++)
		if (shortest_at(out, v, p))
			return;
	ck_abort_msg("no text of 17 digits reads back as %a", x);
}

/* The graph of ACTS activities whose count flows (count <= ACTS^2 - ACTS)
 * have the lags lags[] and whose activities have the durations |lags|. */
static opflow_graph *graph_of(const double *lags, size_t count)
{
	static char keys[ACTS * 8];
	opflow_id *src = malloc(count * sizeof *src);
	opflow_id *dst = malloc(count * sizeof *dst);
	double dur[ACTS];
	size_t klen = 0, k = 0;
	opflow_graph *g;
	opflow_id first;

	ck_assert_ptr_nonnull(src);
	ck_assert_ptr_nonnull(dst);
	for (unsigned i = 0; i < ACTS; i++) {
		klen += (size_t)sprintf(keys + klen, "k%u", i) + 1;
		dur[i] = fabs(lags[i % count]);
	}
	for (unsigned s = 0; s < ACTS && k < count; s++)
		for (unsigned t = 0; t < ACTS && k < count; t++)
			if (s != t) {
				src[k] = s;
				dst[k] = t;
				k++;
			}
	ck_assert_int_eq(opflow_graph_new(&g), 0);
	ck_assert_int_eq(opflow_graph_add_activities(&first, g, ACTS, keys, klen,
	                                             NULL, NULL, dur), 0);
	ck_assert_int_eq(opflow_graph_add_flows(&first, g, count, src, dst, NULL,
	                                        lags), 0);
	free(src);
	free(dst);
	return g;
}

/* Under valgrind (make check-valgrind sets OPFLOW_TEST_SCALE=valgrind;
 * valgrind itself preloads its vgpreload objects) the numbers are checked
 * on a sixteenth of a round, once: valgrind runs them fifty times slower. */
static int under_valgrind(void)
{
	const char *scale = getenv("OPFLOW_TEST_SCALE");
	const char *preload = getenv("LD_PRELOAD");

	return (scale && strcmp(scale, "valgrind") == 0) ||
	       (preload && strstr(preload, "vgpreload") != NULL);
}

static unsigned rounds(void)
{
	const char *s = getenv("OPFLOW_NUMBERS_ROUNDS");

	if (s && atoi(s) > 0)
		return (unsigned)atoi(s);
	return under_valgrind() ? 1 : 8;
}

static unsigned round_size(void)
{
	return under_valgrind() ? ROUND / 16 : ROUND;
}

/* Every lag written is the expected text, and reads back to the bit. */
START_TEST(written_shortest_and_read_back)
{
	double *lags = malloc(ROUND * sizeof *lags);
	double *back = malloc(ROUND * sizeof *back);
	uint64_t rng = 0x6E756D6265727321ull;
	unsigned total = 0, size = round_size();

	ck_assert_ptr_nonnull(lags);
	ck_assert_ptr_nonnull(back);
	for (unsigned round = 0; round < rounds(); round++) {
		opflow_graph *g, *h;
		char *text, *line, want[64];
		size_t len, count = 0;

		for (unsigned i = 0; i < size; i++)
			lags[i] = draw(&rng, i);
		g = graph_of(lags, size);
		ck_assert_int_eq(opflow_graph_save_buffer(&text, &len, g), 0);
		/* the flows in order, each lag but 0 written as lag=TEXT */
		line = strstr(text, "\nflow ");
		for (unsigned i = 0; i < size; i++) {
			char *end, *at;

			ck_assert_ptr_nonnull(line);
			end = strchr(line + 1, '\n');
			*end = '\0';
			at = strstr(line, " lag=");
			if (lags[i] == 0) {
				ck_assert_ptr_null(at);
			} else {
				ck_assert_ptr_nonnull(at);
				expected_text(want, lags[i]);
				ck_assert_msg(strcmp(at + 5, want) == 0,
				              "%a (%.17g) written %s, expected %s",
				              lags[i], lags[i], at + 5, want);
				count++;
			}
			*end = '\n';
			line = end;
		}
		ck_assert_int_eq(opflow_graph_load_buffer(&h, text, len), 0);
		ck_assert_int_eq(opflow_graph_flow_columns(&len, size, h, NULL,
		                                           NULL, NULL, back), 0);
		ck_assert_uint_eq(len, size);
		for (unsigned i = 0; i < size; i++)
			ck_assert_msg(back[i] == lags[i] && (lags[i] == 0 ||
			              memcmp(&back[i], &lags[i], sizeof *back) == 0),
			              "%a read back as %a", lags[i], back[i]);
		opflow_free(text);
		opflow_graph_free(g);
		opflow_graph_free(h);
		total += (unsigned)count;
	}
	ck_assert_uint_gt(total, rounds() * (size / 2));
	free(lags);
	free(back);
}
END_TEST

/* Numbers written in other shapes than the library's (leading zeros, a
 * sign, a bare point, trailing zeros, exponents) read as strtod reads
 * them. */
START_TEST(read_as_strtod)
{
	enum { SIDE = 256, N = SIDE * SIDE };
	uint64_t rng = 0x7265616421212121ull;
	char *text = malloc((size_t)N * 64 + SIDE * 32), (*num)[40];
	double *back = malloc(N * sizeof *back);
	opflow_graph *g;
	size_t count, len;

	num = malloc((size_t)N * sizeof *num);
	ck_assert_ptr_nonnull(text);
	ck_assert_ptr_nonnull(num);
	ck_assert_ptr_nonnull(back);
	len = (size_t)sprintf(text, "opflow 1\n");
	for (unsigned i = 0; i < SIDE; i++)
		len += (size_t)sprintf(text + len, "activity x%u\nactivity y%u\n",
		                       i, i);
	for (unsigned i = 0; i < N; i++) {
		double d = draw(&rng, i);
		uint64_t r = rng_next(&rng);
		int places = (int)(r % 8);

		if (fabs(d) >= 1e15 || fabs(d) < 1e-3)
			snprintf(num[i], sizeof num[i], "%.*e", (int)(r % 17), d);
		else if (r >> 8 & 1)
			snprintf(num[i], sizeof num[i], "%0*.*f",
			         (int)(r >> 9 & 7) + places + 2, places, d);
		else
			snprintf(num[i], sizeof num[i], "%+.*f", places, d);
		if (places == 0 && (r >> 12 & 1) && !strchr(num[i], 'e'))
			strcat(num[i], ".");
		len += (size_t)sprintf(text + len, "flow x%u y%u lag=%s\n",
		                       i / SIDE, i % SIDE, num[i]);
	}
	ck_assert_msg(opflow_graph_load_buffer(&g, text, len) == 0, "%s",
	              opflow_error_message());
	ck_assert_int_eq(opflow_graph_flow_columns(&count, N, g, NULL, NULL,
	                                           NULL, back), 0);
	ck_assert_uint_eq(count, N);
	for (unsigned i = 0; i < N; i++) {
		double want = strtod(num[i], NULL);

		if (want == 0)
			want = 0;       /* a -0 lag is kept as 0 */
		ck_assert_msg(memcmp(&back[i], &want, sizeof want) == 0,
		              "%s read as %a, strtod reads %a", num[i], back[i],
		              want);
	}
	opflow_graph_free(g);
	free(text);
	free(num);
	free(back);
}
END_TEST

/* A few by hand: the shapes of the fast paths and their edges. */
START_TEST(by_hand)
{
	static const struct {
		double v;
		const char *text;
	} cases[] = {
		{ 0.1, "0.1" }, { 0.5, "0.5" }, { -2.25, "-2.25" },
		{ 3, "3" }, { -17, "-17" }, { 1e-4, "0.0001" },
		{ 1.5e-5, "1.5e-05" }, { 0.3, "0.3" }, { 0.1 + 0.2,
		  "0.30000000000000004" }, { 123456789012345, "123456789012345" },
		{ 1e15, "1000000000000000" }, { 1e16, "10000000000000000" },
		{ 1e17, "1e+17" }, { 9007199254740993.0, "9007199254740992" },
		{ 1.7976931348623157e308, "1.7976931348623157e+308" },
		{ 5e-324, "5e-324" }, { 12.5, "12.5" }, { 0.001, "0.001" },
		{ 100.25, "100.25" }, { 2.675, "2.675" },
	};
	double lags[sizeof cases / sizeof cases[0]];
	size_t n = sizeof cases / sizeof cases[0];
	opflow_graph *g;
	char *text, *p;
	size_t len;

	for (size_t i = 0; i < n; i++)
		lags[i] = cases[i].v;
	g = graph_of(lags, n);
	ck_assert_int_eq(opflow_graph_save_buffer(&text, &len, g), 0);
	p = strstr(text, "\nflow ");
	for (size_t i = 0; i < n; i++) {
		char *end = strchr(p + 1, '\n'), *at;

		*end = '\0';
		at = strstr(p, " lag=");
		ck_assert_ptr_nonnull(at);
		ck_assert_str_eq(at + 5, cases[i].text);
		*end = '\n';
		p = end;
	}
	opflow_free(text);
	opflow_graph_free(g);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("numbers");
	TCase *tc = tcase_create("numbers");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, by_hand);
	tcase_add_test(tc, written_shortest_and_read_back);
	tcase_add_test(tc, read_as_strtod);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
