/*
 * check_soak.c - a model-based soak test.  A seeded random run of the
 * graph interface (activities and every setter, departments, flows, bulk
 * adds and removals, lookups, columns, clone, save and load, prepare,
 * analysis, exports) goes to libopflow and, side by side, to a plain
 * model of the graph kept in this file.  After every step the whole
 * observable graph is compared with the model.  Every call that fails,
 * by design (bad ids, duplicate keys, self-loops, NaN durations, invalid
 * UTF-8, NULL pointers) or because the allocator hook made one of its
 * allocations fail, must return its code and leave the graph equal to a
 * clone taken before it; leaks are found by counting the live blocks of
 * the hook.  Analyses are compared with a critical path method of the
 * test's own, run over the model, and so are their figures, stages,
 * critical times and handoffs.
 *
 * SOAK_OPERATIONS sets the number of operations (30000 by default, 2000
 * under OPFLOW_TEST_SCALE=valgrind), SOAK_SEED the seed (by default one
 * from the clock).  Both are printed; a mismatch names its step and
 * operation, and the two values that replay it.
 */
#include "testutil.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Sizes: adds stop at GROW_*, the tables of the model hold MAX_*. */
#define GROW_ACT 40
#define MAX_ACT 48
#define GROW_FLOW 80
#define MAX_FLOW 96
#define MAX_DEPT 24
#define BATCH_MAX 5

#define BIT(code) (1u << -(code))
#define SENTINEL ((opflow_id)0xA5A5A5A5u)

/* ---------------------------------------------------------------- random */

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static uint64_t rng;

static uint32_t below(uint32_t n)
{
	return (uint32_t)(splitmix(&rng) % n);
}

static int chance(unsigned permille)
{
	return below(1000) < permille;
}

/* ------------------------------------------------------------- allocator */

/* The hook counts live blocks and, while armed, fails each allocation
 * with a probability of alloc_permille / 1000, drawn from its own
 * stream so that a run replays exactly. */
static uint64_t alloc_rng;
static unsigned alloc_permille;
static long live_blocks;
static unsigned long injected;
static unsigned long bad_ctx;
static int alloc_ctx_marker;

static int alloc_fails(void)
{
	if (alloc_permille == 0 || splitmix(&alloc_rng) % 1000 >= alloc_permille)
		return 0;
	injected++;
	return 1;
}

static void *soak_malloc(size_t size, void *ctx)
{
	void *p;

	if (ctx != &alloc_ctx_marker)
		bad_ctx++;
	if (alloc_fails())
		return NULL;
	if ((p = malloc(size)) != NULL)
		live_blocks++;
	return p;
}

static void *soak_realloc(void *ptr, size_t size, void *ctx)
{
	void *p;

	if (ctx != &alloc_ctx_marker)
		bad_ctx++;
	if (alloc_fails())
		return NULL;
	if ((p = realloc(ptr, size)) != NULL && ptr == NULL)
		live_blocks++;
	return p;
}

static void soak_free(void *ptr, void *ctx)
{
	if (ctx != &alloc_ctx_marker)
		bad_ctx++;
	live_blocks--;
	free(ptr);
}

/* ----------------------------------------------------------------- model */

struct m_act {
	char *key;
	char *label;            /* NULL: none */
	int category, kind, cf;
	int dept;               /* -1: none */
	int dur_explicit;
	double dur;             /* the explicit duration */
	int has_est;
	double o, m, p;
	const char *lent;       /* the key's address in the graph, once read */
};

struct m_flow {
	uint32_t src, tgt;
	int type;
	double lag;
};

struct m_dept {
	char *key;
	char *name;             /* NULL: none */
};

static struct {
	size_t n, nf, nd;
	struct m_act a[MAX_ACT];
	struct m_flow f[MAX_FLOW];
	struct m_dept d[MAX_DEPT];
} M;

static opflow_graph *G;

static char *xstrdup(const char *s)
{
	char *c;

	if (s == NULL || *s == '\0')
		return NULL;
	c = malloc(strlen(s) + 1);
	ck_assert(c != NULL);
	return strcpy(c, s);
}

static double m_duration(const struct m_act *a)
{
	return a->dur_explicit ? a->dur : a->has_est ? a->m : 0.0;
}

static int m_find_act(const char *key)
{
	for (size_t i = 0; i < M.n; i++)
		if (strcmp(M.a[i].key, key) == 0)
			return (int)i;
	return -1;
}

static int m_find_dept(const char *key)
{
	for (size_t i = 0; i < M.nd; i++)
		if (strcmp(M.d[i].key, key) == 0)
			return (int)i;
	return -1;
}

static int m_find_flow(uint32_t s, uint32_t t, int type)
{
	for (size_t i = 0; i < M.nf; i++)
		if (M.f[i].src == s && M.f[i].tgt == t && M.f[i].type == type)
			return (int)i;
	return -1;
}

/* The id of the department of that key, made when new. */
static int m_intern(const char *key)
{
	int d = m_find_dept(key);

	if (d >= 0)
		return d;
	ck_assert(M.nd < MAX_DEPT);
	M.d[M.nd].key = xstrdup(key);
	M.d[M.nd].name = NULL;
	return (int)M.nd++;
}

static void m_remove_flow(size_t f)
{
	memmove(&M.f[f], &M.f[f + 1], (M.nf - f - 1) * sizeof *M.f);
	M.nf--;
}

static void m_remove_act(size_t a)
{
	size_t w = 0;

	for (size_t i = 0; i < M.nf; i++) {
		struct m_flow fl = M.f[i];

		if (fl.src == a || fl.tgt == a)
			continue;
		if (fl.src > a)
			fl.src--;
		if (fl.tgt > a)
			fl.tgt--;
		M.f[w++] = fl;
	}
	M.nf = w;
	free(M.a[a].key);
	free(M.a[a].label);
	memmove(&M.a[a], &M.a[a + 1], (M.n - a - 1) * sizeof *M.a);
	M.n--;
}

static void m_remove_dept(size_t d)
{
	for (size_t i = 0; i < M.n; i++) {
		if (M.a[i].dept == (int)d)
			M.a[i].dept = -1;
		else if (M.a[i].dept > (int)d)
			M.a[i].dept--;
	}
	free(M.d[d].key);
	free(M.d[d].name);
	memmove(&M.d[d], &M.d[d + 1], (M.nd - d - 1) * sizeof *M.d);
	M.nd--;
}

static void m_clear(void)
{
	while (M.n > 0)
		m_remove_act(M.n - 1);
	while (M.nd > 0)
		m_remove_dept(M.nd - 1);
	M.nf = 0;
}

/* 1 when the flows of the model make a directed cycle. */
static int m_visit(size_t v, unsigned char *color)
{
	color[v] = 1;
	for (size_t i = 0; i < M.nf; i++) {
		if (M.f[i].src != v)
			continue;
		if (color[M.f[i].tgt] == 1)
			return 1;
		if (color[M.f[i].tgt] == 0 && m_visit(M.f[i].tgt, color))
			return 1;
	}
	color[v] = 2;
	return 0;
}

static int m_cyclic(void)
{
	unsigned char color[MAX_ACT] = { 0 };

	for (size_t v = 0; v < M.n; v++)
		if (color[v] == 0 && m_visit(v, color))
			return 1;
	return 0;
}

/* ------------------------------------------------------------ validation */

/* Valid UTF-8 by the definition of RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF. */
static int utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned c = *p++, need;
		uint32_t v;

		if (c < 0x80)
			continue;
		if (c >= 0xC2 && c <= 0xDF)
			need = 1, v = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			need = 2, v = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			need = 3, v = c & 0x07;
		else
			return 0;
		for (unsigned k = 0; k < need; k++) {
			if ((*p & 0xC0) != 0x80)
				return 0;
			v = (v << 6) | (*p++ & 0x3F);
		}
		if ((need == 2 && v < 0x800) || (need == 3 && v < 0x10000) ||
		    (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
			return 0;
	}
	return 1;
}

/* The code a key must be refused with, 0 when it is a valid key. */
static unsigned key_fault(const char *key)
{
	if (key == NULL || *key == '\0')
		return BIT(OPFLOW_EINVAL);
	if (strlen(key) > OPFLOW_KEY_MAX)
		return BIT(OPFLOW_ERANGE);
	return utf8_valid(key) ? 0 : BIT(OPFLOW_EINVAL);
}

/* A label or display name: NULL and "" are none. */
static unsigned text_fault(const char *text)
{
	if (text == NULL)
		return 0;
	if (strlen(text) > OPFLOW_TEXT_MAX)
		return BIT(OPFLOW_ERANGE);
	return utf8_valid(text) ? 0 : BIT(OPFLOW_EINVAL);
}

static int nonneg_finite(double v)
{
	return isfinite(v) && v >= 0;
}

static double unneg_zero(double v)
{
	return v == 0 ? 0.0 : v;
}

/* ----------------------------------------------------------- value pools */

static char *big_key_ok;        /* OPFLOW_KEY_MAX bytes */
static char *big_key_bad;       /* one more */
static char *big_text_ok;       /* OPFLOW_TEXT_MAX bytes */
static char *big_text_bad;      /* one more */
static char act_keys[50][8];

static const char *const odd_keys[] = {
	"Z\xc3\xbcrich", "sp ace", "q\"uote", "back\\slash", "tab\tkey",
	"line\nfeed", "#hash", "x=y", "\xf0\x9f\x9a\xb2", "CR\rkey", "1.5",
	"true", "opflow", "flow", "-", "\xe2\x80\x8b", "a/b:c@d+e",
};
static const char *const bad_keys[] = {
	"", "\xff", "ab\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
	"ok\x80", NULL,
};
static const char *const dept_keys[] = {
	"frame-shop", "paint", "Z\xc3\xbcrich", "sp ace", "q\"d", "d1", "d2",
	"d3", "d4", "#x", "tab\td", "\xe5\x8c\x97\xe4\xba\xac",
};
static const char *const texts[] = {
	NULL, "", "Weld frames", "\xc3\x9cn\xc3\xaf" "c\xc3\xb6" "d\xc3\xa9",
	"quote \" and \\", "line\nbreak", "tab\there", "#not a comment",
	"\xf0\x9f\x9a\xb2 ride", " blank ", "CR\rLF\n",
};
static const char *const bad_texts[] = {
	"\xfe", "bad \xc3(", "\xed\xbf\xbf", "x\xf8\x88\x80\x80\x80",
};

static int key_count(void)
{
	return (int)(COUNT(act_keys) + COUNT(odd_keys) + 1);
}

static const char *key_at(int i)
{
	if (i < (int)COUNT(act_keys))
		return act_keys[i];
	i -= (int)COUNT(act_keys);
	if (i < (int)COUNT(odd_keys))
		return odd_keys[i];
	return big_key_ok;
}

/* A key: mostly one no activity has yet, sometimes a taken one. */
static const char *pick_key(int allow_bad)
{
	if (allow_bad && chance(60)) {
		if (chance(150))
			return big_key_bad;
		return bad_keys[below(COUNT(bad_keys))];
	}
	if (M.n > 0 && chance(100))
		return M.a[below((uint32_t)M.n)].key;
	for (int tries = 0; tries < 20; tries++) {
		const char *k = key_at((int)below((uint32_t)key_count()));

		if (k == big_key_ok && !chance(100))
			continue;
		if (m_find_act(k) < 0)
			return k;
	}
	return key_at((int)below((uint32_t)key_count()));
}

static const char *pick_dept_key(int allow_bad)
{
	if (allow_bad && chance(60)) {
		if (chance(150))
			return big_key_bad;
		return bad_keys[below(COUNT(bad_keys) - 1)];   /* not NULL */
	}
	if (chance(20))
		return big_key_ok;
	return dept_keys[below(COUNT(dept_keys))];
}

static const char *pick_text(void)
{
	if (chance(50))
		return bad_texts[below(COUNT(bad_texts))];
	if (chance(5))
		return big_text_bad;
	if (chance(5))
		return big_text_ok;
	return texts[below(COUNT(texts))];
}

/* Durations and lags are multiples of 0.5, so sums are exact. */
static double pick_duration(int allow_bad)
{
	static const double bad[] = { NAN, INFINITY, -INFINITY, -0.5, -3.0 };

	if (allow_bad && chance(50))
		return bad[below(COUNT(bad))];
	if (chance(20))
		return -0.0;
	return below(21) * 0.5;
}

static double pick_lag(int allow_bad)
{
	static const double bad[] = { NAN, INFINITY, -INFINITY };

	if (allow_bad && chance(40))
		return bad[below(COUNT(bad))];
	if (chance(20))
		return -0.0;
	if (chance(500))
		return 0.0;
	return ((double)below(13) - 6.0) * 0.5;
}

static int pick_category(int allow_bad)
{
	static const int bad[] = { -1, 15, 99, -7 };

	if (allow_bad && chance(40))
		return bad[below(COUNT(bad))];
	return (int)below(15);
}

static int pick_type(int allow_bad)
{
	static const int bad[] = { -1, 4, 17 };

	if (allow_bad && chance(40))
		return bad[below(COUNT(bad))];
	if (chance(550))
		return OPFLOW_FLOW_FS;
	return 1 + (int)below(3);
}

static uint32_t bad_id(size_t n)
{
	switch (below(4)) {
	case 0: return (uint32_t)n;
	case 1: return (uint32_t)n + 1;
	case 2: return (uint32_t)n + 7;
	default: return OPFLOW_NONE;
	}
}

static uint32_t pick_id(size_t n)
{
	if (n == 0 || chance(60))
		return bad_id(n);
	return below((uint32_t)n);
}

/* --------------------------------------------------------------- running */

static unsigned long long seed;
static long step, operations;
static char opdesc[512];
static int armed_step;          /* this step arms the hook */
static int failed_in_step;      /* a call of this step failed */
/* The last failed calls since the last leak check, for its message. */
static char failed_calls[4][160];
static long failed_steps[4];
static unsigned failed_count;
static void changed(int surely);
static void replaced(void);
static void dispatch(int nested);
static void compare(void);
static unsigned arm_permille;

static struct {
	unsigned long calls, ok, refused, enomem, analyses, cycles, loads,
	              clones, exports;
	unsigned long long activities, flows;   /* summed over the steps */
	size_t max_activities, max_flows;
} stats;

static const char *code_name(int rc)
{
	static const char *const names[] = {
		"0", "OPFLOW_ENOMEM", "OPFLOW_EINVAL", "OPFLOW_ENOTFOUND",
		"OPFLOW_EEXISTS", "OPFLOW_ECYCLE", "OPFLOW_EPARSE", "OPFLOW_EIO",
		"OPFLOW_ERANGE", "OPFLOW_EMISUSE",
	};

	return rc <= 0 && rc >= -9 ? names[-rc] : "?";
}

static const char *mask_names(unsigned mask)
{
	static char buf[200];

	buf[0] = '\0';
	if (mask == 0)
		return "0";
	for (int c = 1; c <= 9; c++)
		if (mask & (1u << c)) {
			if (buf[0])
				strcat(buf, " or ");
			strcat(buf, code_name(-c));
		}
	return buf;
}

/* Fails the test with the step, the operation and the way to replay it,
 * after printing the graph as it stands. */
__attribute__((format(printf, 1, 2), noreturn))
static void failf(const char *fmt, ...)
{
	char msg[1024];
	char *text = NULL;
	va_list ap;

	alloc_permille = 0;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (G && opflow_graph_save_buffer(&text, NULL, G) == 0) {
		fprintf(stderr, "graph at the failure:\n%.4000s\n", text);
		opflow_free(text);
	}
	ck_abort_msg("step %ld, %s: %s (replay: SOAK_SEED=%llu "
	             "SOAK_OPERATIONS=%ld)", step, opdesc, msg, seed, step + 1);
	abort();        /* not reached */
}

/* The steps of one call: call_begin before, call_end after.  A call that
 * fails must fail with one of the expected codes (or OPFLOW_ENOMEM when
 * an allocation was made to fail and the function may allocate), set the
 * thread's error, and leave the graph equal to a clone taken before it
 * (leaks are looked for by leak_check()). */
struct call {
	unsigned expect;        /* 0: must succeed */
	int may_alloc;
	opflow_graph *before;
	unsigned long injected_before;
};

static opflow_graph *clone_checked(const opflow_graph *g)
{
	opflow_graph *c = NULL;
	int rc = opflow_graph_clone(&c, g);

	if (rc != 0)
		failf("cannot clone the graph: %s", opflow_error_message());
	return c;
}

static void call_begin(struct call *c, unsigned expect, int may_alloc)
{
	stats.calls++;
	opflow_error_clear();
	c->expect = expect;
	c->may_alloc = may_alloc;
	c->before = expect || armed_step ? clone_checked(G) : NULL;
	c->injected_before = injected;
	if (armed_step)
		alloc_permille = arm_permille;
}

static int call_end(struct call *c, int rc)
{
	int fault = injected != c->injected_before;

	alloc_permille = 0;
	if (rc == 0) {
		if (c->expect)
			failf("returned 0, expected %s", mask_names(c->expect));
		stats.ok++;
	} else {
		if (rc == OPFLOW_ENOMEM && fault) {
			if (!c->may_alloc)
				failf("returned OPFLOW_ENOMEM, yet allocates "
				      "nothing");
			stats.enomem++;
		} else if (rc > 0 || rc < -9 || !(c->expect & BIT(rc))) {
			failf("returned %d (%s), expected %s; message: %.300s",
			      rc, code_name(rc), mask_names(c->expect),
			      opflow_error_message());
		} else {
			stats.refused++;
		}
		if (opflow_error_code() != rc)
			failf("returned %d but opflow_error_code() is %d", rc,
			      opflow_error_code());
		if (opflow_error_message()[0] == '\0')
			failf("returned %d without a message", rc);
		failed_in_step = 1;
		failed_steps[failed_count % 4] = step;
		memcpy(failed_calls[failed_count % 4], opdesc,
		       sizeof failed_calls[0] - 1);
		failed_calls[failed_count % 4][sizeof failed_calls[0] - 1] = '\0';
		failed_count++;
		if (c->before == NULL)
			failf("failed with %d (%.300s), unexpectedly", rc,
			      opflow_error_message());
		if (opflow_graph_equal(G, c->before) != 1)
			failf("failed with %d and changed the graph", rc);
	}
	opflow_graph_free(c->before);
	c->before = NULL;
	return rc;
}

/* Leaks.  A failed call may keep what it allocated for the graph's own
 * tables (room reserved, a layout built), so the blocks live after it
 * say nothing by themselves; but when no other object of the library is
 * alive, every live block must belong to the graph.  So the graph is
 * replaced by its clone and freed: the blocks live then must be exactly
 * those of the clone. */
static long last_leak_check;
static void kept_check_free(void);

static void leak_check(void)
{
	opflow_graph *copy;
	long live0, live1;

	kept_check_free();
	opflow_error_clear();
	live0 = live_blocks;
	copy = clone_checked(G);
	live1 = live_blocks;
	opflow_graph_free(G);
	G = copy;
	replaced();
	if (live_blocks != live1 - live0) {
		char recent[800] = "";

		for (unsigned k = failed_count > 4 ? failed_count - 4 : 0;
		     k < failed_count; k++) {
			size_t len = strlen(recent);

			snprintf(recent + len, sizeof recent - len,
			         "%s step %ld: %s", len ? ";" : "",
			         failed_steps[k % 4], failed_calls[k % 4]);
		}
		failf("%ld blocks of the library leaked since step %ld; the "
		      "last failed calls since: %s",
		      live_blocks - (live1 - live0), last_leak_check,
		      failed_count ? recent : "none");
	}
	last_leak_check = step;
	failed_count = 0;
}

/* A NULL graph or a NULL output, now and then. */
static int null_graph(void)
{
	return chance(12);
}

static int null_out(void)
{
	return chance(12);
}

/* ------------------------------------------------------------ comparison */

static void same_double(const char *what, size_t id, double got,
                        double want)
{
	if (memcmp(&got, &want, sizeof got) != 0)
		failf("%s of %zu is %.17g, the model says %.17g", what, id, got,
		      want);
}

static void same_text(const char *what, size_t id, const char *got,
                      const char *want)
{
	if ((got == NULL) != (want == NULL) ||
	    (got && strcmp(got, want) != 0))
		failf("%s of %zu is \"%.60s\", the model says \"%.60s\"", what, id,
		      got ? got : "(none)", want ? want : "(none)");
}

static void check_lists(size_t a)
{
	opflow_id got[MAX_FLOW];
	opflow_id want[MAX_FLOW];
	size_t count = SENTINEL, nw;

	for (int dir = 0; dir < 2; dir++) {
		int rc = dir == 0
		    ? opflow_graph_incoming(&count, got, MAX_FLOW, G, (opflow_id)a)
		    : opflow_graph_outgoing(&count, got, MAX_FLOW, G, (opflow_id)a);

		nw = 0;
		for (size_t f = 0; f < M.nf; f++)
			if ((dir == 0 ? M.f[f].tgt : M.f[f].src) == a)
				want[nw++] = (opflow_id)f;
		if (rc != 0 || count != nw ||
		    memcmp(got, want, nw * sizeof *want) != 0)
			failf("%s flows of activity %zu differ from the model "
			      "(rc %d, %zu flows, model %zu)",
			      dir == 0 ? "incoming" : "outgoing", a, rc, count,
			      nw);
	}
}

/* The graph read out as columns, whole and in part. */
static void check_columns(void)
{
	const char *keys[MAX_ACT + 1], *labels[MAX_ACT];
	int kinds[MAX_ACT], cats[MAX_ACT], cf[MAX_ACT], ex[MAX_ACT];
	int has[MAX_ACT], types[MAX_FLOW];
	opflow_id depts[MAX_ACT], src[MAX_FLOW], tgt[MAX_FLOW];
	double durs[MAX_ACT], est[3 * MAX_ACT], lags[MAX_FLOW];
	size_t count = SENTINEL, cap = below((uint32_t)M.n + 1);

	if (opflow_graph_activity_columns(&count, MAX_ACT, G, keys, labels,
	        kinds, cats, depts, cf, durs, ex, has, est) != 0 ||
	    count != M.n)
		failf("the activity columns give %zu activities", count);
	for (size_t i = 0; i < M.n; i++) {
		const struct m_act *a = &M.a[i];

		if (keys[i] != a->lent || strcmp(keys[i], a->key) != 0)
			failf("the key column differs at %zu", i);
		same_text("label column", i, labels[i], a->label);
		if (kinds[i] != a->kind || cats[i] != a->category ||
		    depts[i] != (a->dept < 0 ? OPFLOW_NONE : (opflow_id)a->dept) ||
		    cf[i] != a->cf || ex[i] != a->dur_explicit ||
		    has[i] != a->has_est)
			failf("the activity columns differ at %zu", i);
		same_double("duration column", i, durs[i], m_duration(a));
		same_double("optimistic column", i, est[3 * i],
		            a->has_est ? a->o : 0.0);
		same_double("most likely column", i, est[3 * i + 1],
		            a->has_est ? a->m : 0.0);
		same_double("pessimistic column", i, est[3 * i + 2],
		            a->has_est ? a->p : 0.0);
	}
	/* a smaller capacity: the keys alone, nothing past it written */
	keys[cap] = "past";
	count = SENTINEL;
	if (opflow_graph_activity_columns(&count, cap, G, keys, NULL, NULL,
	        NULL, NULL, NULL, NULL, NULL, NULL, NULL) != 0 ||
	    count != M.n || strcmp(keys[cap], "past") != 0)
		failf("the activity columns with capacity %zu went wrong", cap);
	for (size_t i = 0; i < cap; i++)
		if (keys[i] != M.a[i].lent)
			failf("the key column differs at %zu of %zu", i, cap);
	count = SENTINEL;
	if (opflow_graph_flow_columns(&count, MAX_FLOW, G, src, tgt, types,
	        lags) != 0 || count != M.nf)
		failf("the flow columns give %zu flows", count);
	for (size_t f = 0; f < M.nf; f++) {
		if (src[f] != M.f[f].src || tgt[f] != M.f[f].tgt ||
		    types[f] != M.f[f].type)
			failf("the flow columns differ at %zu", f);
		same_double("lag column", f, lags[f], M.f[f].lag);
	}
}

/* The whole observable graph against the model. */
static void compare(void)
{
	size_t n = opflow_graph_activity_count(G);
	size_t nf = opflow_graph_flow_count(G);
	size_t nd = opflow_graph_department_count(G);
	const char *s;
	opflow_id id;

	if (n != M.n || nf != M.nf || nd != M.nd)
		failf("the graph has %zu activities, %zu flows, %zu departments;"
		      " the model %zu, %zu, %zu", n, nf, nd, M.n, M.nf, M.nd);
	for (size_t i = 0; i < n; i++) {
		struct m_act *a = &M.a[i];
		opflow_kind kind;
		opflow_category cat;
		int cf, ex, has;
		double d, o, m, p;

		/* a borrowed key stays where it is until its activity goes */
		if (a->lent && strcmp(a->lent, a->key) != 0)
			failf("the key of activity %zu, borrowed before, now "
			      "reads \"%.60s\"", i, a->lent);
		if (opflow_graph_activity_key(&s, G, (opflow_id)i) != 0)
			failf("no key for activity %zu", i);
		same_text("key", i, s, a->key);
		if (a->lent && s != a->lent)
			failf("the key of activity %zu moved", i);
		a->lent = s;
		if (opflow_graph_activity_label(&s, G, (opflow_id)i) != 0)
			failf("no label for activity %zu", i);
		same_text("label", i, s, a->label);
		if (opflow_graph_activity_kind(&kind, G, (opflow_id)i) != 0 ||
		    (int)kind != a->kind)
			failf("kind of %zu is %d, the model says %d", i,
			      (int)kind, a->kind);
		if (opflow_graph_activity_category(&cat, G, (opflow_id)i) != 0 ||
		    (int)cat != a->category)
			failf("category of %zu is %d, the model says %d", i,
			      (int)cat, a->category);
		if (opflow_graph_activity_department(&id, G, (opflow_id)i) != 0 ||
		    id != (a->dept < 0 ? OPFLOW_NONE : (opflow_id)a->dept))
			failf("department of %zu is %u, the model says %d", i,
			      (unsigned)id, a->dept);
		if (opflow_graph_activity_customer_facing(&cf, G,
		        (opflow_id)i) != 0 || cf != a->cf)
			failf("customer-facing of %zu is %d, the model says %d",
			      i, cf, a->cf);
		if (opflow_graph_activity_duration(&d, &ex, G, (opflow_id)i) != 0)
			failf("no duration for activity %zu", i);
		same_double("duration", i, d, m_duration(a));
		if (ex != a->dur_explicit)
			failf("duration of %zu is %s, the model says %s", i,
			      ex ? "explicit" : "derived",
			      a->dur_explicit ? "explicit" : "derived");
		if (opflow_graph_activity_estimate(&has, &o, &m, &p, G,
		        (opflow_id)i) != 0 || has != a->has_est)
			failf("estimate of %zu: has %d, the model %d", i, has,
			      a->has_est);
		same_double("optimistic", i, o, a->has_est ? a->o : 0.0);
		same_double("most likely", i, m, a->has_est ? a->m : 0.0);
		same_double("pessimistic", i, p, a->has_est ? a->p : 0.0);
		id = SENTINEL;
		if (opflow_graph_find_activity(&id, G, a->key) != 0 || id != i)
			failf("finding key \"%.60s\" gives %u, not %zu: %s",
			      a->key, (unsigned)id, i, opflow_error_message());
		check_lists(i);
	}
	for (size_t f = 0; f < nf; f++) {
		const struct m_flow *mf = &M.f[f];
		opflow_id src, tgt;
		opflow_flow_type type;
		double lag;

		if (opflow_graph_flow(&src, &tgt, &type, &lag, G,
		        (opflow_id)f) != 0 || src != mf->src || tgt != mf->tgt ||
		    (int)type != mf->type)
			failf("flow %zu is %u -> %u type %d, the model says "
			      "%u -> %u type %d", f, (unsigned)src, (unsigned)tgt,
			      (int)type, (unsigned)mf->src, (unsigned)mf->tgt,
			      mf->type);
		same_double("lag", f, lag, mf->lag);
		if (opflow_graph_find_flow(&id, G, mf->src, mf->tgt,
		        (opflow_flow_type)mf->type) != 0 || id != f)
			failf("finding flow %zu gives %u", f, (unsigned)id);
	}
	check_columns();
	for (size_t d = 0; d < nd; d++) {
		if (opflow_graph_department_key(&s, G, (opflow_id)d) != 0)
			failf("no key for department %zu", d);
		same_text("department key", d, s, M.d[d].key);
		if (opflow_graph_department_name(&s, G, (opflow_id)d) != 0)
			failf("no name for department %zu", d);
		same_text("department name", d, s, M.d[d].name);
		if (opflow_graph_find_department(&id, G, M.d[d].key) != 0 ||
		    id != d)
			failf("finding department %zu gives %u", d, (unsigned)id);
	}
	/* one past the end names nothing */
	if (opflow_graph_activity_key(&s, G, (opflow_id)n) != OPFLOW_ENOTFOUND ||
	    opflow_graph_flow(NULL, NULL, NULL, NULL, G, (opflow_id)nf) !=
	    OPFLOW_ENOTFOUND ||
	    opflow_graph_department_key(&s, G, (opflow_id)nd) !=
	    OPFLOW_ENOTFOUND)
		failf("an id past the end is found");
}

/* ------------------------------------------------------ the model's CPM */

/* The critical path method over the model, by relaxation to a fixed
 * point (the model is acyclic): ES the least value >= 0 meeting every
 * flow, LF the largest <= the horizon h meeting every mirrored flow. */
struct cpm {
	double d[MAX_ACT], es[MAX_ACT], ef[MAX_ACT], ls[MAX_ACT], lf[MAX_ACT];
	double tf[MAX_ACT], ff[MAX_ACT];
	int critical[MAX_ACT];
	uint32_t driving[MAX_ACT];
	double lead, effort;
};

/* The early start a flow asks of its target. */
static double forward(const struct cpm *c, const struct m_flow *f)
{
	double s = c->es[f->src], d = c->d[f->src], t = c->d[f->tgt];

	switch (f->type) {
	case OPFLOW_FLOW_FS: return s + d + f->lag;
	case OPFLOW_FLOW_SS: return s + f->lag;
	case OPFLOW_FLOW_FF: return s + d + f->lag - t;
	default: return s + f->lag - t;
	}
}

/* The late finish a flow allows its source. */
static double backward(const struct cpm *c, const struct m_flow *f)
{
	double lf = c->lf[f->tgt], d = c->d[f->src], t = c->d[f->tgt];

	switch (f->type) {
	case OPFLOW_FLOW_FS: return lf - t - f->lag;
	case OPFLOW_FLOW_SS: return lf - t - f->lag + d;
	case OPFLOW_FLOW_FF: return lf - f->lag;
	default: return lf - f->lag + d;
	}
}

/* Under OPFLOW_DURATIONS_PERT the durations are means, no longer
 * multiples of 0.5, and sums may round in another order: the schedule is
 * compared within 1e-9 of its size. */
static int near(double a, double b)
{
	return fabs(a - b) <= 1e-9 * (fabs(b) > 1 ? fabs(b) : 1);
}

/* The PERT mean of an activity, or its duration without an estimate. */
static double pert_mean(const struct m_act *a)
{
	return a->has_est ? (a->o + 4 * a->m + a->p) / 6 : m_duration(a);
}

static void model_cpm(struct cpm *c, int has_deadline, double deadline,
                      int pert)
{
	int changed;
	double h, min_tf, tol;

	c->lead = 0;
	c->effort = 0;
	for (size_t i = 0; i < M.n; i++) {
		c->d[i] = pert ? pert_mean(&M.a[i]) : m_duration(&M.a[i]);
		c->es[i] = 0;
		c->effort += c->d[i];
	}
	do {
		changed = 0;
		for (size_t f = 0; f < M.nf; f++) {
			double v = forward(c, &M.f[f]);

			if (v > c->es[M.f[f].tgt]) {
				c->es[M.f[f].tgt] = v;
				changed = 1;
			}
		}
	} while (changed);
	for (size_t i = 0; i < M.n; i++) {
		c->ef[i] = c->es[i] + c->d[i];
		if (c->ef[i] > c->lead)
			c->lead = c->ef[i];
	}
	h = has_deadline ? deadline : c->lead;
	for (size_t i = 0; i < M.n; i++)
		c->lf[i] = h;
	do {
		changed = 0;
		for (size_t f = 0; f < M.nf; f++) {
			double v = backward(c, &M.f[f]);

			if (v < c->lf[M.f[f].src]) {
				c->lf[M.f[f].src] = v;
				changed = 1;
			}
		}
	} while (changed);
	min_tf = INFINITY;
	for (size_t i = 0; i < M.n; i++) {
		c->ls[i] = c->lf[i] - c->d[i];
		c->tf[i] = c->ls[i] - c->es[i];
		c->ff[i] = h - c->ef[i];
		c->driving[i] = OPFLOW_NONE;
		if (c->tf[i] < min_tf)
			min_tf = c->tf[i];
	}
	for (size_t f = 0; f < M.nf; f++) {
		const struct m_flow *fl = &M.f[f];
		double slack = c->es[fl->tgt] - forward(c, fl);

		if (slack < c->ff[fl->src])
			c->ff[fl->src] = slack;
		if (slack == 0 && c->driving[fl->tgt] == OPFLOW_NONE)
			c->driving[fl->tgt] = (uint32_t)f;
	}
	tol = 1e-9 * (fabs(c->lead) > 1 ? fabs(c->lead) : 1);
	for (size_t i = 0; i < M.n; i++)
		c->critical[i] = c->tf[i] <= min_tf + tol;
}

/* The details of a cycle error name a real cycle of the model. */
static void check_cycle(void)
{
	size_t len = opflow_error_cycle_length();
	unsigned char seen[MAX_ACT] = { 0 };

	stats.cycles++;
	if (len < 2 || len > M.n)
		failf("the cycle has %zu activities", len);
	for (size_t i = 0; i < len; i++) {
		opflow_id v = opflow_error_cycle_id(i);
		opflow_id w = opflow_error_cycle_id((i + 1) % len);
		const char *k = opflow_error_cycle_key(i);
		int linked = 0;

		if (v >= M.n || seen[v])
			failf("cycle entry %zu is activity %u", i, (unsigned)v);
		seen[v] = 1;
		if (k == NULL || strcmp(k, M.a[v].key) != 0)
			failf("cycle entry %zu has key \"%.60s\", not \"%.60s\"",
			      i, k ? k : "(null)", M.a[v].key);
		if (v < opflow_error_cycle_id(0))
			failf("the cycle does not start at its least id");
		for (size_t f = 0; f < M.nf; f++)
			linked |= M.f[f].src == v && M.f[f].tgt == w;
		if (!linked)
			failf("the cycle goes %u -> %u without a flow",
			      (unsigned)v, (unsigned)w);
	}
	if (opflow_error_cycle_key(len) != NULL)
		failf("a cycle key past the end");
	if (strstr(opflow_error_message(), "cycle") == NULL)
		failf("the message \"%.200s\" does not say cycle",
		      opflow_error_message());
}

/* The lead time of the production activities and the flows among them
 * alone, by the same relaxation. */
static double production_span(const struct cpm *c)
{
	double es[MAX_ACT] = { 0 }, span = 0;
	int changed;

	do {
		changed = 0;
		for (size_t f = 0; f < M.nf; f++) {
			const struct m_flow *fl = &M.f[f];
			double s, d = c->d[fl->src], t = c->d[fl->tgt], v;

			if (M.a[fl->src].kind != OPFLOW_KIND_PRODUCTION ||
			    M.a[fl->tgt].kind != OPFLOW_KIND_PRODUCTION)
				continue;
			s = es[fl->src];
			switch (fl->type) {
			case OPFLOW_FLOW_FS: v = s + d + fl->lag; break;
			case OPFLOW_FLOW_SS: v = s + fl->lag; break;
			case OPFLOW_FLOW_FF: v = s + d + fl->lag - t; break;
			default: v = s + fl->lag - t; break;
			}
			if (v > es[fl->tgt]) {
				es[fl->tgt] = v;
				changed = 1;
			}
		}
	} while (changed);
	for (size_t i = 0; i < M.n; i++)
		if (M.a[i].kind == OPFLOW_KIND_PRODUCTION &&
		    es[i] + c->d[i] > span)
			span = es[i] + c->d[i];
	return span;
}

/* Every figure but the PERT ones, worked out over the model. */
static void check_figures(const opflow_analysis *an, const struct cpm *c)
{
	size_t prod = 0, cf = 0, depts = 0, pdepts = 0, cats = 0, pcats = 0;
	size_t hand[3] = { 0 };         /* by production ends: 0, 1, 2 */
	double peffort = 0, cfeffort = 0, pstart = INFINITY, pend = -INFINITY;
	int dseen[MAX_DEPT] = { 0 }, cseen[15] = { 0 };
	int has_prod, absent;

	for (size_t i = 0; i < M.n; i++) {
		const struct m_act *a = &M.a[i];
		int p = a->kind == OPFLOW_KIND_PRODUCTION;

		prod += p;
		if (a->cf) {
			cf++;
			cfeffort += c->d[i];
		}
		if (a->dept >= 0) {
			if (!(dseen[a->dept] & 1))
				depts++;
			if (p && !(dseen[a->dept] & 2))
				pdepts++;
			dseen[a->dept] |= 1 | (p ? 2 : 0);
		}
		if (!(cseen[a->category] & 1))
			cats++;
		if (p && !(cseen[a->category] & 2))
			pcats++;
		cseen[a->category] |= 1 | (p ? 2 : 0);
		if (p) {
			peffort += c->d[i];
			if (c->es[i] < pstart)
				pstart = c->es[i];
			if (c->ef[i] > pend)
				pend = c->ef[i];
		}
	}
	for (size_t f = 0; f < M.nf; f++) {
		const struct m_act *s = &M.a[M.f[f].src], *t = &M.a[M.f[f].tgt];

		if (s->dept >= 0 && t->dept >= 0 && s->dept != t->dept)
			hand[(s->kind == OPFLOW_KIND_PRODUCTION) +
			     (t->kind == OPFLOW_KIND_PRODUCTION)]++;
	}
	has_prod = prod > 0;
	{
		double span = has_prod ? production_span(c) : 0;
		const struct {
			opflow_figure fig;
			double want;
			int absent;
		} figs[] = {
			{ OPFLOW_FIGURE_ACTIVITIES, (double)M.n, 0 },
			{ OPFLOW_FIGURE_PRODUCTION_ACTIVITIES, (double)prod, 0 },
			{ OPFLOW_FIGURE_OPERATION_ACTIVITIES, (double)(M.n - prod),
			  0 },
			{ OPFLOW_FIGURE_EFFORT, c->effort, 0 },
			{ OPFLOW_FIGURE_PRODUCTION_EFFORT, peffort, 0 },
			{ OPFLOW_FIGURE_PRODUCTION_SHARE,
			  M.n ? (double)prod / (double)M.n : 0, 0 },
			{ OPFLOW_FIGURE_PRODUCTION_EFFORT_SHARE,
			  c->effort != 0 ? peffort / c->effort : 0, 0 },
			{ OPFLOW_FIGURE_DEPARTMENTS, (double)depts, 0 },
			{ OPFLOW_FIGURE_PRODUCTION_DEPARTMENTS, (double)pdepts, 0 },
			{ OPFLOW_FIGURE_CATEGORIES, (double)cats, 0 },
			{ OPFLOW_FIGURE_PRODUCTION_CATEGORIES, (double)pcats, 0 },
			{ OPFLOW_FIGURE_CUSTOMER_FACING, (double)cf, 0 },
			{ OPFLOW_FIGURE_CUSTOMER_FACING_EFFORT, cfeffort, 0 },
			{ OPFLOW_FIGURE_HANDOFFS,
			  (double)(hand[0] + hand[1] + hand[2]), 0 },
			{ OPFLOW_FIGURE_PRODUCTION_HANDOFFS, (double)hand[2], 0 },
			{ OPFLOW_FIGURE_BOUNDARY_HANDOFFS, (double)hand[1], 0 },
			{ OPFLOW_FIGURE_OPERATION_HANDOFFS, (double)hand[0], 0 },
			{ OPFLOW_FIGURE_LEAD_TIME, c->lead, 0 },
			{ OPFLOW_FIGURE_PRODUCTION_START, pstart, !has_prod },
			{ OPFLOW_FIGURE_PRODUCTION_END, pend, !has_prod },
			{ OPFLOW_FIGURE_PRODUCTION_WINDOW, pend - pstart,
			  !has_prod },
			{ OPFLOW_FIGURE_PRE_PRODUCTION, pstart, !has_prod },
			{ OPFLOW_FIGURE_POST_PRODUCTION, c->lead - pend, !has_prod },
			{ OPFLOW_FIGURE_PRODUCTION_SPAN, span, !has_prod },
			{ OPFLOW_FIGURE_TIMEFRAME_RATIO,
			  span != 0 ? c->lead / span : 0, !has_prod || span == 0 },
		};

		for (size_t i = 0; i < COUNT(figs); i++) {
			double v = NAN;
			int rc = opflow_analysis_figure(&v, an, figs[i].fig);

			absent = figs[i].absent;
			if (absent ? rc != OPFLOW_ENOTFOUND || v != 0
			           : rc != 0 || v != figs[i].want)
				failf("figure %s is %g (rc %d), the model says %s%g",
				      opflow_figure_name(figs[i].fig), v, rc,
				      absent ? "absent, " : "",
				      absent ? 0 : figs[i].want);
		}
	}
}

/* Stages by reachability over the flows of the model. */
static void check_stages(const opflow_analysis *an)
{
	/* reach[i][j]: j is reachable from i by one flow or more, by a
	 * search from each activity */
	static unsigned char reach[MAX_ACT][MAX_ACT];
	uint32_t stack[MAX_ACT];

	memset(reach, 0, sizeof reach);
	for (size_t i = 0; i < M.n; i++) {
		size_t top = 0;

		stack[top++] = (uint32_t)i;
		while (top > 0) {
			uint32_t v = stack[--top];

			for (size_t f = 0; f < M.nf; f++)
				if (M.f[f].src == v && !reach[i][M.f[f].tgt]) {
					reach[i][M.f[f].tgt] = 1;
					stack[top++] = M.f[f].tgt;
				}
		}
	}
	for (size_t i = 0; i < M.n; i++) {
		int reaches = 0, reached = 0;
		opflow_stage want, got;

		for (size_t j = 0; j < M.n; j++) {
			if (M.a[j].kind != OPFLOW_KIND_PRODUCTION)
				continue;
			reaches |= reach[i][j];
			reached |= reach[j][i];
		}
		want = M.a[i].kind == OPFLOW_KIND_PRODUCTION
		     ? OPFLOW_STAGE_PRODUCTION
		     : reaches && reached ? OPFLOW_STAGE_INTERLEAVED
		     : reaches ? OPFLOW_STAGE_PRE_PRODUCTION
		     : reached ? OPFLOW_STAGE_POST_PRODUCTION
		     : OPFLOW_STAGE_INDEPENDENT;
		if (opflow_analysis_stage(&got, an, (opflow_id)i) != 0 ||
		    got != want)
			failf("activity %zu: stage %s, the model says %s", i,
			      opflow_stage_name(got), opflow_stage_name(want));
	}
}

/* Departments as analysed, the critical time by department and by kind,
 * and the handoff matrix. */
static void check_departments(const opflow_analysis *an, const struct cpm *c)
{
	double by_dept[MAX_DEPT + 1] = { 0 }, by_kind[2] = { 0 }, v;
	size_t matrix[MAX_DEPT][MAX_DEPT];
	size_t entries = 0, e = 0;

	memset(matrix, 0, sizeof matrix);
	if (opflow_analysis_department_count(an) != M.nd)
		failf("the analysis has %zu departments, the model %zu",
		      opflow_analysis_department_count(an), M.nd);
	for (size_t d = 0; d < M.nd; d++) {
		const char *k;

		if (opflow_analysis_department_key(&k, an, (opflow_id)d) != 0 ||
		    strcmp(k, M.d[d].key) != 0)
			failf("the analysis's department %zu differs", d);
	}
	for (size_t i = 0; i < M.n; i++) {
		if (!c->critical[i])
			continue;
		by_dept[M.a[i].dept < 0 ? M.nd : (size_t)M.a[i].dept] += c->d[i];
		by_kind[M.a[i].kind] += c->d[i];
	}
	for (size_t d = 0; d <= M.nd; d++) {
		opflow_id id = d == M.nd ? OPFLOW_NONE : (opflow_id)d;

		if (opflow_analysis_critical_time_by_department(&v, an, id) != 0 ||
		    v != by_dept[d])
			failf("critical time of department %u is %g, the model "
			      "says %g", (unsigned)id, v, by_dept[d]);
	}
	for (int k = 0; k < 2; k++)
		if (opflow_analysis_critical_time_by_kind(&v, an,
		        (opflow_kind)k) != 0 || v != by_kind[k])
			failf("critical time of kind %d is %g, the model says %g",
			      k, v, by_kind[k]);
	for (size_t f = 0; f < M.nf; f++) {
		int s = M.a[M.f[f].src].dept, t = M.a[M.f[f].tgt].dept;

		if (s >= 0 && t >= 0 && s != t && matrix[s][t]++ == 0)
			entries++;
	}
	if (opflow_analysis_handoff_count(an) != entries)
		failf("the handoff matrix has %zu entries, the model %zu",
		      opflow_analysis_handoff_count(an), entries);
	for (size_t s = 0; s < M.nd; s++)
		for (size_t t = 0; t < M.nd; t++) {
			opflow_id from, to;
			size_t count;

			if (matrix[s][t] == 0)
				continue;
			if (opflow_analysis_handoff(&from, &to, &count, an, e) != 0 ||
			    from != s || to != t || count != matrix[s][t])
				failf("handoff entry %zu is %u -> %u x %zu, the "
				      "model says %zu -> %zu x %zu", e,
				      (unsigned)from, (unsigned)to, count, s, t,
				      matrix[s][t]);
			e++;
		}
}

static const struct cpm *check_analysis(const opflow_analysis *an,
                                        int has_deadline, double deadline)
{
	static struct cpm c;
	double col[MAX_ACT];

	model_cpm(&c, has_deadline, deadline, 0);
	stats.analyses++;
	if (opflow_analysis_activity_count(an) != M.n)
		failf("the analysis has %zu activities, the model %zu",
		      opflow_analysis_activity_count(an), M.n);
	if (opflow_analysis_column(col, MAX_ACT, an, OPFLOW_COLUMN_ES) != 0)
		failf("no ES column: %s", opflow_error_message());
	for (size_t i = 0; i < M.n; i++) {
		double d, es, ef, ls, lf, tf, ff, lag;
		int crit, near;
		const char *k;
		opflow_id flow, src;
		opflow_flow_type type;

		if (opflow_analysis_activity_key(&k, an, (opflow_id)i) != 0 ||
		    strcmp(k, M.a[i].key) != 0)
			failf("analysis key of %zu differs", i);
		if (opflow_analysis_duration(&d, an, (opflow_id)i) != 0 ||
		    opflow_analysis_schedule(&es, &ef, &ls, &lf, an,
		        (opflow_id)i) != 0 ||
		    opflow_analysis_floats(&tf, &ff, an, (opflow_id)i) != 0 ||
		    opflow_analysis_criticality(&crit, &near, an,
		        (opflow_id)i) != 0 ||
		    opflow_analysis_driving_flow(&flow, &src, &type, &lag, an,
		        (opflow_id)i) != 0)
			failf("cannot read the schedule of %zu: %s", i,
			      opflow_error_message());
		if (d != c.d[i] || es != c.es[i] || ef != c.ef[i] ||
		    ls != c.ls[i] || lf != c.lf[i] || col[i] != es)
			failf("activity %zu: d %g ES %g EF %g LS %g LF %g, the "
			      "model's CPM gives d %g ES %g EF %g LS %g LF %g", i,
			      d, es, ef, ls, lf, c.d[i], c.es[i], c.ef[i],
			      c.ls[i], c.lf[i]);
		if (tf != c.tf[i] || ff != c.ff[i])
			failf("activity %zu: total float %g free float %g, the "
			      "model's CPM gives %g and %g", i, tf, ff, c.tf[i],
			      c.ff[i]);
		if (crit != c.critical[i] || (crit && !near))
			failf("activity %zu: critical %d near %d, the model's "
			      "CPM says critical %d", i, crit, near,
			      c.critical[i]);
		if (flow != c.driving[i])
			failf("activity %zu: driving flow %u, the model's CPM "
			      "says %u", i, (unsigned)flow,
			      (unsigned)c.driving[i]);
		if (flow != OPFLOW_NONE &&
		    (src != M.f[flow].src || (int)type != M.f[flow].type ||
		     lag != M.f[flow].lag))
			failf("activity %zu: the driving flow's details differ",
			      i);
	}
	check_figures(an, &c);
	{
		static struct cpm pc;
		double v = NAN;

		model_cpm(&pc, 0, 0, 1);
		if (opflow_analysis_figure(&v, an,
		        OPFLOW_FIGURE_PERT_LEAD_TIME) != 0 || !near(v, pc.lead))
			failf("the PERT lead time is %.17g, the model's CPM "
			      "gives %.17g", v, pc.lead);
	}
	check_stages(an);
	check_departments(an, &c);
	return &c;
}

/* ------------------------------------------------------------ operations */

static void op_add_activity(void)
{
	struct call c;
	const char *key = pick_key(1);
	int cat = pick_category(1);
	int ng = null_graph(), no = null_out();
	opflow_id out = SENTINEL;
	unsigned expect = key_fault(key);

	if (cat < 0 || cat > 14)
		expect |= BIT(OPFLOW_EINVAL);
	if (!key_fault(key) && m_find_act(key) >= 0)
		expect |= BIT(OPFLOW_EEXISTS);
	if (no)
		expect |= BIT(OPFLOW_EINVAL);
	if (ng)
		expect = BIT(OPFLOW_EINVAL);
	snprintf(opdesc, sizeof opdesc, "add_activity(%s, \"%.40s\", %d)%s",
	         no ? "NULL" : "&out", key ? key : "(NULL)", cat,
	         ng ? " on a NULL graph" : "");
	call_begin(&c, expect, 1);
	if (call_end(&c, opflow_graph_add_activity(no ? NULL : &out,
	                 ng ? NULL : G, key, (opflow_category)cat)) == 0) {
		struct m_act *a = &M.a[M.n];

		if (out != M.n)
			failf("the new activity got id %u, not %zu",
			      (unsigned)out, M.n);
		memset(a, 0, sizeof *a);
		a->key = xstrdup(key);
		a->category = cat;
		a->kind = (int)tu_categories[cat].kind;
		a->cf = tu_categories[cat].customer_facing;
		a->dept = -1;
		M.n++;
		changed(1);
	} else if (out != SENTINEL) {
		failf("a failed add wrote its output");
	}
}

static void op_add_activity_ext(void)
{
	static const int bad_kinds[] = { 2, -2, 9 };
	static const int bad_cfs[] = { 2, -2, 5 };
	struct call c;
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
	const char *key = pick_key(1);
	int ng = null_graph(), no = null_out(), nopts = chance(50);
	opflow_id out = SENTINEL;
	unsigned expect = key_fault(key);

	o.category = pick_category(1);
	o.kind = chance(500) ? OPFLOW_FROM_CATEGORY
	       : chance(30) ? bad_kinds[below(3)] : (int)below(2);
	o.customer_facing = chance(500) ? OPFLOW_FROM_CATEGORY
	       : chance(30) ? bad_cfs[below(3)] : (int)below(2);
	o.label = chance(500) ? pick_text() : NULL;
	o.department = chance(500) ? pick_dept_key(1) : NULL;
	o.has_duration = chance(400);
	o.duration = pick_duration(1);
	o.has_estimate = chance(400);
	o.optimistic = pick_duration(1);
	o.most_likely = o.optimistic + pick_duration(0);
	o.pessimistic = o.most_likely + pick_duration(0);
	if (chance(40)) {       /* out of order */
		double t = o.optimistic;

		o.optimistic = o.pessimistic + 1;
		o.pessimistic = t;
	}
	if (chance(15))
		o.has_duration = 2;
	if (chance(15))
		o.has_estimate = -1;
	if (chance(15))
		o.version = chance(500) ? 0 : OPFLOW_ACTIVITY_OPTIONS_VERSION + 1;
	if (nopts) {
		opflow_activity_options init = OPFLOW_ACTIVITY_OPTIONS_INIT;

		o = init;
	}

	if (o.version < 1 || o.version > OPFLOW_ACTIVITY_OPTIONS_VERSION ||
	    o.category < 0 || o.category > 14 ||
	    (o.kind != OPFLOW_FROM_CATEGORY && (o.kind < 0 || o.kind > 1)) ||
	    (o.customer_facing != OPFLOW_FROM_CATEGORY &&
	     (o.customer_facing < 0 || o.customer_facing > 1)) ||
	    (o.has_duration != 0 && o.has_duration != 1) ||
	    (o.has_estimate != 0 && o.has_estimate != 1) ||
	    (o.has_duration == 1 && !nonneg_finite(o.duration)) ||
	    (o.has_estimate == 1 && (!nonneg_finite(o.optimistic) ||
	     !nonneg_finite(o.most_likely) || !nonneg_finite(o.pessimistic) ||
	     o.optimistic > o.most_likely || o.most_likely > o.pessimistic)))
		expect |= BIT(OPFLOW_EINVAL);
	expect |= text_fault(o.label);
	if (o.department)
		expect |= key_fault(o.department);
	if (!key_fault(key) && m_find_act(key) >= 0)
		expect |= BIT(OPFLOW_EEXISTS);
	if (no)
		expect |= BIT(OPFLOW_EINVAL);
	if (ng)
		expect = BIT(OPFLOW_EINVAL);
	snprintf(opdesc, sizeof opdesc, "add_activity_ext(%s, \"%.40s\", "
	         "%s{v%u cat %d kind %d cf %d label \"%.20s\" dept \"%.20s\" "
	         "dur %d %g est %d %g/%g/%g})%s", no ? "NULL" : "&out",
	         key ? key : "(NULL)", nopts ? "NULL " : "", o.version,
	         o.category, o.kind, o.customer_facing,
	         o.label ? o.label : "(NULL)",
	         o.department ? o.department : "(NULL)", o.has_duration,
	         o.duration, o.has_estimate, o.optimistic, o.most_likely,
	         o.pessimistic, ng ? " on a NULL graph" : "");
	call_begin(&c, expect, 1);
	if (call_end(&c, opflow_graph_add_activity_ext(no ? NULL : &out,
	                 ng ? NULL : G, key, nopts ? NULL : &o)) == 0) {
		struct m_act *a = &M.a[M.n];

		if (out != M.n)
			failf("the new activity got id %u, not %zu",
			      (unsigned)out, M.n);
		memset(a, 0, sizeof *a);
		a->key = xstrdup(key);
		a->label = xstrdup(o.label);
		a->category = o.category;
		a->kind = o.kind == OPFLOW_FROM_CATEGORY
		        ? (int)tu_categories[o.category].kind : o.kind;
		a->cf = o.customer_facing == OPFLOW_FROM_CATEGORY
		      ? tu_categories[o.category].customer_facing
		      : o.customer_facing;
		a->dept = o.department ? m_intern(o.department) : -1;
		a->dur_explicit = o.has_duration;
		a->dur = o.has_duration ? unneg_zero(o.duration) : 0.0;
		a->has_est = o.has_estimate;
		if (o.has_estimate) {
			a->o = unneg_zero(o.optimistic);
			a->m = unneg_zero(o.most_likely);
			a->p = unneg_zero(o.pessimistic);
		}
		M.n++;
		changed(1);
	} else if (out != SENTINEL) {
		failf("a failed add wrote its output");
	}
}

static void op_add_activities(void)
{
	static const int bad_kinds[] = { 2, -2, 7 };
	struct call c;
	size_t room = MAX_ACT - M.n;
	size_t count = below((uint32_t)(room < BATCH_MAX ? room : BATCH_MAX) + 1);
	const char *keys[BATCH_MAX];
	char buf[BATCH_MAX * (OPFLOW_KEY_MAX + 2) + 4];
	int cats[BATCH_MAX], kinds[BATCH_MAX];
	double durs[BATCH_MAX];
	int use_cats = chance(600), use_kinds = chance(500),
	    use_durs = chance(500), ng = null_graph(), no = null_out();
	size_t size = 0;
	int shape = chance(60) ? (int)below(3) + 1 : 0;
	unsigned expect = 0;
	opflow_id out = SENTINEL;
	const char *keyp = buf;

	for (size_t i = 0; i < count; i++) {
		do
			keys[i] = pick_key(chance(300));
		while (keys[i] == NULL);
		cats[i] = pick_category(chance(200));
		kinds[i] = chance(500) ? OPFLOW_FROM_CATEGORY
		         : chance(40) ? bad_kinds[below(3)] : (int)below(2);
		durs[i] = pick_duration(chance(200));
		memcpy(buf + size, keys[i], strlen(keys[i]) + 1);
		size += strlen(keys[i]) + 1;
		expect |= key_fault(keys[i]);
		if (use_cats && (cats[i] < 0 || cats[i] > 14))
			expect |= BIT(OPFLOW_EINVAL);
		if (use_kinds && kinds[i] != OPFLOW_FROM_CATEGORY &&
		    (kinds[i] < 0 || kinds[i] > 1))
			expect |= BIT(OPFLOW_EINVAL);
		if (use_durs && !nonneg_finite(durs[i]))
			expect |= BIT(OPFLOW_EINVAL);
		if (m_find_act(keys[i]) >= 0)
			expect |= BIT(OPFLOW_EEXISTS);
		for (size_t j = 0; j < i; j++)
			if (strcmp(keys[j], keys[i]) == 0)
				expect |= BIT(OPFLOW_EEXISTS);
	}
	/* malformed key buffers */
	if (count > 0 && shape == 1) {
		buf[size] = 'x';         /* bytes left over */
		buf[size + 1] = '\0';
		size += 2;
		expect |= BIT(OPFLOW_EINVAL);
	} else if (count > 0 && shape == 2) {
		size--;                  /* the last key is not ended */
		expect |= BIT(OPFLOW_EINVAL);
	} else if (count > 0 && shape == 3) {
		keyp = NULL;
		expect |= BIT(OPFLOW_EINVAL);
	}
	if (no)
		expect |= BIT(OPFLOW_EINVAL);
	if (ng)
		expect = BIT(OPFLOW_EINVAL);
	snprintf(opdesc, sizeof opdesc, "add_activities(%s, %zu keys%s, "
	         "size %zu, first \"%.30s\", categories %s, kinds %s, "
	         "durations %s)%s", no ? "NULL" : "&out", count,
	         keyp ? "" : " (NULL)", size, count ? keys[0] : "",
	         use_cats ? "given" : "NULL", use_kinds ? "given" : "NULL",
	         use_durs ? "given" : "NULL", ng ? " on a NULL graph" : "");
	call_begin(&c, expect, 1);
	if (call_end(&c, opflow_graph_add_activities(no ? NULL : &out,
	                 ng ? NULL : G, count, count || chance(500) ? keyp : NULL,
	                 size, use_cats ? cats : NULL,
	                 use_kinds ? kinds : NULL,
	                 use_durs ? durs : NULL)) == 0) {
		if (out != M.n)
			failf("the first new activity got id %u, not %zu",
			      (unsigned)out, M.n);
		for (size_t i = 0; i < count; i++) {
			struct m_act *a = &M.a[M.n];
			int cat = use_cats ? cats[i] : OPFLOW_CATEGORY_OTHER;

			memset(a, 0, sizeof *a);
			a->key = xstrdup(keys[i]);
			a->category = cat;
			a->kind = use_kinds && kinds[i] != OPFLOW_FROM_CATEGORY
			        ? kinds[i] : (int)tu_categories[cat].kind;
			a->cf = tu_categories[cat].customer_facing;
			a->dept = -1;
			a->dur_explicit = use_durs;
			a->dur = use_durs ? unneg_zero(durs[i]) : 0.0;
			M.n++;
		}
		changed(count > 0);
	} else if (out != SENTINEL) {
		failf("a failed add wrote its output");
	}
}

static void op_remove_activity(void)
{
	struct call c;
	uint32_t a = pick_id(M.n);
	int ng = null_graph();
	unsigned expect = a < M.n ? 0 : BIT(OPFLOW_ENOTFOUND);

	if (ng)
		expect = BIT(OPFLOW_EINVAL);
	snprintf(opdesc, sizeof opdesc, "remove_activity(%u)%s", (unsigned)a,
	         ng ? " on a NULL graph" : "");
	call_begin(&c, expect, 0);
	if (call_end(&c, opflow_graph_remove_activity(ng ? NULL : G, a)) == 0) {
		m_remove_act(a);
		changed(1);
	}
}

/* The setters of one activity. */
enum setter {
	SET_LABEL, SET_KIND, SET_CATEGORY, SET_DEPARTMENT, SET_CF,
	SET_DURATION, CLEAR_DURATION, SET_ESTIMATE, CLEAR_ESTIMATE
};

static void op_setter(enum setter which)
{
	struct call c;
	uint32_t a = pick_id(M.n);
	int ng = null_graph(), iv = 0, rc = 0, may_alloc = 0;
	unsigned expect = a < M.n ? 0 : BIT(OPFLOW_ENOTFOUND);
	const char *text = NULL;
	double v = 0, o = 0, m = 0, p = 0;

	switch (which) {
	case SET_LABEL:
		text = pick_text();
		expect |= text_fault(text);
		may_alloc = 1;
		snprintf(opdesc, sizeof opdesc, "set_activity_label(%u, "
		         "\"%.40s\")", (unsigned)a, text ? text : "(NULL)");
		break;
	case SET_KIND:
		iv = chance(60) ? (chance(500) ? -1 : 2) : (int)below(2);
		if (iv < 0 || iv > 1)
			expect |= BIT(OPFLOW_EINVAL);
		snprintf(opdesc, sizeof opdesc, "set_activity_kind(%u, %d)",
		         (unsigned)a, iv);
		break;
	case SET_CATEGORY:
		iv = pick_category(1);
		if (iv < 0 || iv > 14)
			expect |= BIT(OPFLOW_EINVAL);
		snprintf(opdesc, sizeof opdesc, "set_activity_category(%u, %d)",
		         (unsigned)a, iv);
		break;
	case SET_DEPARTMENT:
		text = chance(150) ? NULL : pick_dept_key(1);
		if (text)
			expect |= key_fault(text);
		may_alloc = 1;
		snprintf(opdesc, sizeof opdesc, "set_activity_department(%u, "
		         "\"%.40s\")", (unsigned)a, text ? text : "(NULL)");
		break;
	case SET_CF:
		iv = chance(60) ? (chance(500) ? -1 : 2) : (int)below(2);
		if (iv < 0 || iv > 1)
			expect |= BIT(OPFLOW_EINVAL);
		snprintf(opdesc, sizeof opdesc, "set_activity_customer_facing("
		         "%u, %d)", (unsigned)a, iv);
		break;
	case SET_DURATION:
		v = pick_duration(1);
		if (!nonneg_finite(v))
			expect |= BIT(OPFLOW_EINVAL);
		snprintf(opdesc, sizeof opdesc, "set_activity_duration(%u, %g)",
		         (unsigned)a, v);
		break;
	case CLEAR_DURATION:
		snprintf(opdesc, sizeof opdesc, "clear_activity_duration(%u)",
		         (unsigned)a);
		break;
	case SET_ESTIMATE:
		o = pick_duration(1);
		m = o + pick_duration(chance(100));
		p = m + pick_duration(0);
		if (chance(60)) {
			double t = o;

			o = p + 0.5;
			p = t;
		}
		if (!nonneg_finite(o) || !nonneg_finite(m) ||
		    !nonneg_finite(p) || o > m || m > p)
			expect |= BIT(OPFLOW_EINVAL);
		snprintf(opdesc, sizeof opdesc, "set_activity_estimate(%u, %g, "
		         "%g, %g)", (unsigned)a, o, m, p);
		break;
	case CLEAR_ESTIMATE:
		snprintf(opdesc, sizeof opdesc, "clear_activity_estimate(%u)",
		         (unsigned)a);
		break;
	}
	if (ng) {
		expect = BIT(OPFLOW_EINVAL);
		strcat(opdesc, " on a NULL graph");
	}
	call_begin(&c, expect, may_alloc);
	{
		opflow_graph *g = ng ? NULL : G;

		switch (which) {
		case SET_LABEL:
			rc = opflow_graph_set_activity_label(g, a, text);
			break;
		case SET_KIND:
			rc = opflow_graph_set_activity_kind(g, a,
			                                    (opflow_kind)iv);
			break;
		case SET_CATEGORY:
			rc = opflow_graph_set_activity_category(g, a,
			        (opflow_category)iv);
			break;
		case SET_DEPARTMENT:
			rc = opflow_graph_set_activity_department(g, a, text);
			break;
		case SET_CF:
			rc = opflow_graph_set_activity_customer_facing(g, a, iv);
			break;
		case SET_DURATION:
			rc = opflow_graph_set_activity_duration(g, a, v);
			break;
		case CLEAR_DURATION:
			rc = opflow_graph_clear_activity_duration(g, a);
			break;
		case SET_ESTIMATE:
			rc = opflow_graph_set_activity_estimate(g, a, o, m, p);
			break;
		case CLEAR_ESTIMATE:
			rc = opflow_graph_clear_activity_estimate(g, a);
			break;
		}
	}
	if (call_end(&c, rc) != 0)
		return;
	changed(1);
	{
		struct m_act *ma = &M.a[a];

		switch (which) {
		case SET_LABEL:
			free(ma->label);
			ma->label = xstrdup(text);
			break;
		case SET_KIND: ma->kind = iv; break;
		case SET_CATEGORY: ma->category = iv; break;
		case SET_DEPARTMENT:
			ma->dept = text ? m_intern(text) : -1;
			break;
		case SET_CF: ma->cf = iv; break;
		case SET_DURATION:
			ma->dur_explicit = 1;
			ma->dur = unneg_zero(v);
			break;
		case CLEAR_DURATION:
			ma->dur_explicit = 0;
			ma->dur = 0;
			break;
		case SET_ESTIMATE:
			ma->has_est = 1;
			ma->o = unneg_zero(o);
			ma->m = unneg_zero(m);
			ma->p = unneg_zero(p);
			break;
		case CLEAR_ESTIMATE:
			ma->has_est = 0;
			ma->o = ma->m = ma->p = 0;
			break;
		}
	}
}

static void op_intern_department(void)
{
	struct call c;
	const char *key = chance(40) ? NULL : pick_dept_key(1);
	int ng = null_graph(), no = null_out();
	unsigned expect = key_fault(key);
	opflow_id out = SENTINEL;

	if (no)
		expect |= BIT(OPFLOW_EINVAL);
	if (ng)
		expect = BIT(OPFLOW_EINVAL);
	snprintf(opdesc, sizeof opdesc, "intern_department(%s, \"%.40s\")%s",
	         no ? "NULL" : "&out", key ? key : "(NULL)",
	         ng ? " on a NULL graph" : "");
	call_begin(&c, expect, 1);
	if (call_end(&c, opflow_graph_intern_department(no ? NULL : &out,
	                 ng ? NULL : G, key)) == 0) {
		int known = m_find_dept(key) >= 0;
		int d = m_intern(key);

		changed(!known);
		if (out != (opflow_id)d)
			failf("interned as %u, the model says %d", (unsigned)out,
			      d);
	} else if (out != SENTINEL) {
		failf("a failed intern wrote its output");
	}
}

static void op_set_department_name(void)
{
	struct call c;
	uint32_t d = pick_id(M.nd);
	const char *name = pick_text();
	int ng = null_graph();
	unsigned expect = (d < M.nd ? 0 : BIT(OPFLOW_ENOTFOUND)) |
	                  text_fault(name);

	if (ng)
		expect = BIT(OPFLOW_EINVAL);
	snprintf(opdesc, sizeof opdesc, "set_department_name(%u, \"%.40s\")%s",
	         (unsigned)d, name ? name : "(NULL)",
	         ng ? " on a NULL graph" : "");
	call_begin(&c, expect, 1);
	if (call_end(&c, opflow_graph_set_department_name(ng ? NULL : G, d,
	                                                  name)) == 0) {
		free(M.d[d].name);
		M.d[d].name = xstrdup(name);
		changed(1);
	}
}

static void op_remove_department(void)
{
	struct call c;
	uint32_t d = pick_id(M.nd);
	int ng = null_graph();
	unsigned expect = d < M.nd ? 0 : BIT(OPFLOW_ENOTFOUND);

	if (ng)
		expect = BIT(OPFLOW_EINVAL);
	snprintf(opdesc, sizeof opdesc, "remove_department(%u)%s",
	         (unsigned)d, ng ? " on a NULL graph" : "");
	call_begin(&c, expect, 0);
	if (call_end(&c, opflow_graph_remove_department(ng ? NULL : G,
	                                                d)) == 0) {
		m_remove_dept(d);
		changed(1);
	}
}

/* A source and target for a new flow: mostly forward in id order (ids
 * keep their order through removals, so such flows make no cycle),
 * rarely backward, sometimes a flow that exists already, a self-loop or
 * an id of nothing. */
static void pick_ends(uint32_t *s, uint32_t *t, int *type)
{
	*type = pick_type(1);
	if (M.nf > 0 && chance(60)) {
		const struct m_flow *f = &M.f[below((uint32_t)M.nf)];

		*s = f->src;
		*t = f->tgt;
		*type = f->type;
		return;
	}
	if (M.n == 0 || chance(30)) {
		*s = pick_id(M.n);
		*t = pick_id(M.n);
		return;
	}
	if (chance(15)) {
		*s = *t = below((uint32_t)M.n);
		return;
	}
	*s = below((uint32_t)M.n);
	*t = below((uint32_t)M.n);
	if ((*s > *t) != chance(40)) {
		uint32_t x = *s;

		*s = *t;
		*t = x;
	}
}

static unsigned flow_fault(uint32_t s, uint32_t t, int type, double lag)
{
	unsigned e = 0;

	if (s >= M.n || t >= M.n)
		e |= BIT(OPFLOW_ENOTFOUND);
	if (s == t || type < 0 || type > 3 || !isfinite(lag))
		e |= BIT(OPFLOW_EINVAL);
	if (s < M.n && t < M.n && type >= 0 && type <= 3 &&
	    m_find_flow(s, t, type) >= 0)
		e |= BIT(OPFLOW_EEXISTS);
	return e;
}

static void op_add_flow(void)
{
	struct call c;
	uint32_t s, t;
	int type;
	double lag = pick_lag(1);
	int ng = null_graph(), no = null_out();
	opflow_id out = SENTINEL;
	unsigned expect;

	pick_ends(&s, &t, &type);
	expect = flow_fault(s, t, type, lag);
	if (no)
		expect |= BIT(OPFLOW_EINVAL);
	if (ng)
		expect = BIT(OPFLOW_EINVAL);
	snprintf(opdesc, sizeof opdesc, "add_flow(%s, %u, %u, %d, %g)%s",
	         no ? "NULL" : "&out", (unsigned)s, (unsigned)t, type, lag,
	         ng ? " on a NULL graph" : "");
	call_begin(&c, expect, 1);
	if (call_end(&c, opflow_graph_add_flow(no ? NULL : &out, ng ? NULL : G,
	                 s, t, (opflow_flow_type)type, lag)) == 0) {
		if (out != M.nf)
			failf("the new flow got id %u, not %zu", (unsigned)out,
			      M.nf);
		M.f[M.nf].src = s;
		M.f[M.nf].tgt = t;
		M.f[M.nf].type = type;
		M.f[M.nf].lag = unneg_zero(lag);
		M.nf++;
		changed(1);
	} else if (out != SENTINEL) {
		failf("a failed add wrote its output");
	}
}

static void op_add_flows(void)
{
	struct call c;
	size_t count = below(BATCH_MAX + 2);
	opflow_id src[BATCH_MAX + 1], tgt[BATCH_MAX + 1];
	int types[BATCH_MAX + 1];
	double lags[BATCH_MAX + 1];
	int use_types = chance(600), use_lags = chance(600);
	int ng = null_graph(), no = null_out(), null_ends = chance(30);
	unsigned expect = 0;
	opflow_id out = SENTINEL;

	for (size_t i = 0; i < count; i++) {
		uint32_t s, t;
		int ty;

		if (i > 0 && chance(30)) {      /* twice in the batch */
			s = src[i - 1];
			t = tgt[i - 1];
			ty = types[i - 1];
		} else {
			pick_ends(&s, &t, &ty);
			if (!use_types && chance(900))
				ty = OPFLOW_FLOW_FS;
		}
		src[i] = s;
		tgt[i] = t;
		types[i] = ty;
		lags[i] = pick_lag(chance(300));
		expect |= flow_fault(s, t, use_types ? ty : OPFLOW_FLOW_FS,
		                     use_lags ? lags[i] : 0.0);
		for (size_t j = 0; j < i; j++)
			if (src[j] == s && tgt[j] == t &&
			    (!use_types || types[j] == ty))
				expect |= BIT(OPFLOW_EEXISTS);
	}
	if (count > 0 && null_ends)
		expect |= BIT(OPFLOW_EINVAL);
	if (no)
		expect |= BIT(OPFLOW_EINVAL);
	if (ng)
		expect = BIT(OPFLOW_EINVAL);
	snprintf(opdesc, sizeof opdesc, "add_flows(%s, %zu flows%s, first "
	         "%u -> %u, types %s, lags %s)%s", no ? "NULL" : "&out", count,
	         null_ends ? " (NULL targets)" : "",
	         count ? (unsigned)src[0] : 0u, count ? (unsigned)tgt[0] : 0u,
	         use_types ? "given" : "NULL", use_lags ? "given" : "NULL",
	         ng ? " on a NULL graph" : "");
	call_begin(&c, expect, 1);
	if (call_end(&c, opflow_graph_add_flows(no ? NULL : &out, ng ? NULL : G,
	                 count, src, null_ends ? NULL : tgt,
	                 use_types ? types : NULL,
	                 use_lags ? lags : NULL)) == 0) {
		if (out != M.nf)
			failf("the first new flow got id %u, not %zu",
			      (unsigned)out, M.nf);
		for (size_t i = 0; i < count; i++) {
			M.f[M.nf].src = src[i];
			M.f[M.nf].tgt = tgt[i];
			M.f[M.nf].type = use_types ? types[i] : OPFLOW_FLOW_FS;
			M.f[M.nf].lag = use_lags ? unneg_zero(lags[i]) : 0.0;
			M.nf++;
		}
		changed(count > 0);
	} else if (out != SENTINEL) {
		failf("a failed add wrote its output");
	}
}

static void op_remove_flow(int prefer_back)
{
	struct call c;
	uint32_t f = pick_id(M.nf);
	int ng = null_graph();
	unsigned expect;

	if (prefer_back && chance(700)) {
		size_t k = below((uint32_t)M.nf + 1);

		for (size_t i = 0; i < M.nf; i++) {
			size_t j = (k + i) % M.nf;

			if (M.f[j].src > M.f[j].tgt) {
				f = (uint32_t)j;
				break;
			}
		}
	}
	expect = f < M.nf ? 0 : BIT(OPFLOW_ENOTFOUND);
	if (ng)
		expect = BIT(OPFLOW_EINVAL);
	snprintf(opdesc, sizeof opdesc, "remove_flow(%u)%s", (unsigned)f,
	         ng ? " on a NULL graph" : "");
	call_begin(&c, expect, 0);
	if (call_end(&c, opflow_graph_remove_flow(ng ? NULL : G, f)) == 0) {
		m_remove_flow(f);
		changed(1);
	}
}

/* Many activities or flows at once: any order, none twice, all or none. */
static void op_remove_many(int flows)
{
	struct call c;
	size_t limit = flows ? M.nf : M.n;
	size_t count = below(BATCH_MAX + 1);
	opflow_id ids[BATCH_MAX];
	unsigned char taken[MAX_FLOW] = { 0 };
	int ng = null_graph(), nids = count > 0 && chance(20);
	unsigned expect = 0;

	for (size_t i = 0; i < count; i++) {
		if (limit == 0 || chance(40)) {
			ids[i] = bad_id(limit);
		} else if (i > 0 && chance(40)) {
			ids[i] = ids[below((uint32_t)i)];        /* twice */
		} else {
			ids[i] = below((uint32_t)limit);
			for (int tries = 0; tries < 8 && ids[i] < limit &&
			     taken[ids[i]]; tries++)
				ids[i] = below((uint32_t)limit);
		}
		if (ids[i] >= limit)
			expect |= BIT(OPFLOW_ENOTFOUND);
		else if (taken[ids[i]]++)
			expect |= BIT(OPFLOW_EINVAL);
	}
	if (nids)
		expect |= BIT(OPFLOW_EINVAL);
	if (ng)
		expect = BIT(OPFLOW_EINVAL);
	snprintf(opdesc, sizeof opdesc, "remove_%s(%zu ids%s: %u %u %u ...)%s",
	         flows ? "flows" : "activities", count, nids ? ", NULL" : "",
	         count > 0 ? (unsigned)ids[0] : 0u,
	         count > 1 ? (unsigned)ids[1] : 0u,
	         count > 2 ? (unsigned)ids[2] : 0u,
	         ng ? " on a NULL graph" : "");
	call_begin(&c, expect, 1);
	if (call_end(&c, flows
	        ? opflow_graph_remove_flows(ng ? NULL : G, nids ? NULL : ids, count)
	        : opflow_graph_remove_activities(ng ? NULL : G,
	                                          nids ? NULL : ids, count)) != 0)
		return;
	/* from the highest id down, one by one */
	for (size_t k = limit; k-- > 0;) {
		if (!taken[k])
			continue;
		if (flows)
			m_remove_flow(k);
		else
			m_remove_act(k);
	}
	changed(count > 0);
}

static void op_set_lag(void)
{
	struct call c;
	uint32_t f = pick_id(M.nf);
	double lag = pick_lag(1);
	int ng = null_graph();
	unsigned expect = (f < M.nf ? 0 : BIT(OPFLOW_ENOTFOUND)) |
	                  (isfinite(lag) ? 0 : BIT(OPFLOW_EINVAL));

	if (ng)
		expect = BIT(OPFLOW_EINVAL);
	snprintf(opdesc, sizeof opdesc, "set_flow_lag(%u, %g)%s", (unsigned)f,
	         lag, ng ? " on a NULL graph" : "");
	call_begin(&c, expect, 0);
	if (call_end(&c, opflow_graph_set_flow_lag(ng ? NULL : G, f,
	                                           lag)) == 0) {
		M.f[f].lag = unneg_zero(lag);
		changed(1);
	}
}

static void op_find(void)
{
	struct call c;
	int which = (int)below(3), ng = null_graph(), no = null_out(), want;
	opflow_id out = SENTINEL;
	unsigned expect;
	int rc;

	if (which == 0) {
		const char *key = pick_key(1);

		expect = key_fault(key);
		want = key ? m_find_act(key) : -1;
		if (!expect && want < 0)
			expect = BIT(OPFLOW_ENOTFOUND);
		snprintf(opdesc, sizeof opdesc, "find_activity(\"%.40s\")",
		         key ? key : "(NULL)");
		if (no)
			expect |= BIT(OPFLOW_EINVAL);
		if (ng)
			expect = BIT(OPFLOW_EINVAL);
		call_begin(&c, expect, 0);
		rc = opflow_graph_find_activity(no ? NULL : &out, ng ? NULL : G,
		                                key);
	} else if (which == 1) {
		const char *key = chance(40) ? NULL : pick_dept_key(1);

		expect = key_fault(key);
		want = key ? m_find_dept(key) : -1;
		if (!expect && want < 0)
			expect = BIT(OPFLOW_ENOTFOUND);
		snprintf(opdesc, sizeof opdesc, "find_department(\"%.40s\")",
		         key ? key : "(NULL)");
		if (no)
			expect |= BIT(OPFLOW_EINVAL);
		if (ng)
			expect = BIT(OPFLOW_EINVAL);
		call_begin(&c, expect, 0);
		rc = opflow_graph_find_department(no ? NULL : &out,
		                                  ng ? NULL : G, key);
	} else {
		uint32_t s, t;
		int type;

		pick_ends(&s, &t, &type);
		if (chance(300) && M.n > 1) {   /* any pair, mostly absent */
			s = below((uint32_t)M.n);
			t = below((uint32_t)M.n);
		}
		expect = 0;
		want = -1;
		if (type < 0 || type > 3)
			expect |= BIT(OPFLOW_EINVAL);
		if (s >= M.n || t >= M.n)
			expect |= BIT(OPFLOW_ENOTFOUND);
		if (!expect && (want = m_find_flow(s, t, type)) < 0)
			expect = BIT(OPFLOW_ENOTFOUND);
		snprintf(opdesc, sizeof opdesc, "find_flow(%u, %u, %d)",
		         (unsigned)s, (unsigned)t, type);
		if (no)
			expect |= BIT(OPFLOW_EINVAL);
		if (ng)
			expect = BIT(OPFLOW_EINVAL);
		call_begin(&c, expect, 0);
		rc = opflow_graph_find_flow(no ? NULL : &out, ng ? NULL : G, s,
		                            t, (opflow_flow_type)type);
	}
	if (call_end(&c, rc) == 0) {
		if (out != (opflow_id)want)
			failf("found %u, the model says %d", (unsigned)out, want);
	} else if (out != SENTINEL) {
		failf("a failed lookup wrote its output");
	}
}

static void op_clone(void)
{
	struct call c;
	opflow_graph *copy = NULL;
	int ng = null_graph(), no = null_out();

	snprintf(opdesc, sizeof opdesc, "clone(%s)%s", no ? "NULL" : "&out",
	         ng ? " of a NULL graph" : "");
	call_begin(&c, no || ng ? BIT(OPFLOW_EINVAL) : 0, 1);
	if (call_end(&c, opflow_graph_clone(no ? NULL : &copy,
	                                    ng ? NULL : G)) == 0) {
		if (opflow_graph_equal(copy, G) != 1)
			failf("the clone is not equal to the graph");
		opflow_graph_free(G);
		G = copy;              /* carry on with the clone */
		replaced();
		stats.clones++;
	} else if (copy != NULL) {
		failf("a failed clone wrote its output");
	}
}

static void op_save_load(void)
{
	struct call c;
	char *text = NULL, *again = NULL, *bad;
	size_t size = SENTINEL, size2;
	opflow_graph *loaded = NULL;
	int no = null_out(), ng = null_graph(), variant = (int)below(20);

	snprintf(opdesc, sizeof opdesc, "save_buffer(%s)%s",
	         no ? "NULL" : "&text", ng ? " of a NULL graph" : "");
	call_begin(&c, no || ng ? BIT(OPFLOW_EINVAL) : 0, 1);
	if (call_end(&c, opflow_graph_save_buffer(no ? NULL : &text,
	                 chance(100) ? NULL : &size, ng ? NULL : G)) != 0) {
		if (text != NULL)
			failf("a failed save wrote its output");
		return;
	}
	if (size != SENTINEL && size != strlen(text))
		failf("the size of the text is %zu, not %zu", size,
		      strlen(text));
	size = strlen(text);
	if (variant == 0) {             /* another version: refused */
		if (strncmp(text, "opflow 1", 8) != 0)
			failf("the text does not start with \"opflow 1\"");
		bad = malloc(size + 1);
		ck_assert(bad != NULL);
		memcpy(bad, text, size + 1);
		bad[7] = '2';
		snprintf(opdesc, sizeof opdesc, "load_buffer(a text of "
		         "version 2)");
		call_begin(&c, BIT(OPFLOW_EPARSE), 1);
		if (call_end(&c, opflow_graph_load_buffer(&loaded, bad,
		                                          size)) == 0)
			failf("version 2 loaded");
		if (loaded != NULL)
			failf("a failed load wrote its output");
		if (opflow_error_code() == OPFLOW_EPARSE &&
		    opflow_error_line() != 1)
			failf("the version error is on line %zu",
			      opflow_error_line());
		free(bad);
		opflow_free(text);
		return;
	}
	snprintf(opdesc, sizeof opdesc, "load_buffer(%s, %s, %zu bytes)",
	         variant == 1 ? "NULL" : "&graph",
	         variant == 2 ? "NULL" : "text", size);
	call_begin(&c, variant == 1 || variant == 2 ? BIT(OPFLOW_EINVAL) : 0,
	           1);
	if (call_end(&c, opflow_graph_load_buffer(variant == 1 ? NULL : &loaded,
	                 variant == 2 ? NULL : text, size)) != 0) {
		if (loaded != NULL)
			failf("a failed load wrote its output");
		opflow_free(text);
		return;
	}
	stats.loads++;
	if (opflow_graph_equal(loaded, G) != 1)
		failf("the graph loaded from its saved text is not equal to it");
	if (opflow_graph_save_buffer(&again, &size2, loaded) != 0 ||
	    size2 != size || memcmp(again, text, size) != 0)
		failf("saving the loaded graph gives other bytes");
	opflow_free(again);
	opflow_free(text);
	if (chance(500)) {
		opflow_graph_free(G);
		G = loaded;            /* carry on with the loaded graph */
		replaced();
	} else {
		opflow_graph_free(loaded);
	}
}

/* An analysis kept across later steps, with what the model's CPM said
 * of it: it must not change when the graph changes or is freed. */
static opflow_analysis *kept;
static struct cpm kept_cpm;
static size_t kept_n;
static char *kept_keys[MAX_ACT];
static long kept_step;
/* Since it was made: successful changes of the graph, successful calls
 * that may or may not count as one (interning a department that exists,
 * adding nothing in bulk), and whether the graph is still that object. */
static unsigned long kept_changes, kept_maybe;
static int kept_same_graph;

static void kept_check_free(void)
{
	if (kept == NULL)
		return;
	if (opflow_analysis_activity_count(kept) != kept_n)
		failf("the analysis of step %ld now has %zu activities, not %zu",
		      kept_step, opflow_analysis_activity_count(kept), kept_n);
	for (size_t i = 0; i < kept_n; i++) {
		double es, ef, ls, lf, tf;
		const char *k;

		if (opflow_analysis_activity_key(&k, kept, (opflow_id)i) != 0 ||
		    strcmp(k, kept_keys[i]) != 0 ||
		    opflow_analysis_schedule(&es, &ef, &ls, &lf, kept,
		        (opflow_id)i) != 0 ||
		    opflow_analysis_floats(&tf, NULL, kept, (opflow_id)i) != 0 ||
		    es != kept_cpm.es[i] || ef != kept_cpm.ef[i] ||
		    ls != kept_cpm.ls[i] || lf != kept_cpm.lf[i] ||
		    tf != kept_cpm.tf[i])
			failf("the analysis of step %ld changed for activity %zu",
			      kept_step, i);
		free(kept_keys[i]);
	}
	opflow_analysis_free(kept);
	kept = NULL;
}

static void keep(opflow_analysis *an, const struct cpm *c)
{
	kept_check_free();
	kept = an;
	kept_changes = kept_maybe = 0;
	kept_same_graph = 1;
	kept_cpm = *c;
	kept_n = M.n;
	kept_step = step;
	for (size_t i = 0; i < M.n; i++)
		kept_keys[i] = xstrdup(M.a[i].key);
}

static void changed(int surely)
{
	if (surely)
		kept_changes++;
	else
		kept_maybe++;
}

/* G is now another graph object. */
static void replaced(void)
{
	kept_same_graph = 0;
	for (size_t i = 0; i < M.n; i++)
		M.a[i].lent = NULL;
}

/* The exports need the analysis of the graph as it is now. */
static void op_export(void)
{
	static const char csv_header[] = "key,label,kind,category,department,"
	        "stage,duration,es,ef,ls,lf,total_float,free_float,critical\r\n";
	struct call c;
	char *text = NULL;
	size_t size = SENTINEL;
	int json = chance(300), ng = null_graph(), no = null_out(), rc;
	int na, either = 0;
	unsigned expect = 0;

	/* now and then a fresh analysis, then a few operations (those that
	 * fail must not count as changes) */
	if (chance(600) && !m_cyclic()) {
		opflow_analysis *an = NULL;

		snprintf(opdesc, sizeof opdesc, "analyze(&an, NULL) to export");
		call_begin(&c, 0, 1);
		if (call_end(&c, opflow_analyze(&an, G, NULL)) == 0)
			keep(an, check_analysis(an, 0, 0));
		for (int k = (int)below(4); k > 0; k--) {
			dispatch(1);
			compare();
		}
	}
	na = kept == NULL || chance(12);

	if (na || no || ng) {
		expect = BIT(OPFLOW_EINVAL);
	} else if (!kept_same_graph || kept_changes > 0) {
		expect = BIT(OPFLOW_EMISUSE);
	} else if (kept_maybe > 0) {
		expect = BIT(OPFLOW_EMISUSE);
		either = 1;
	}
	snprintf(opdesc, sizeof opdesc, "analysis_write_%s(%s, %s of step "
	         "%ld, %s) after %lu changes, %lu maybe, %s graph",
	         json ? "json" : "csv", no ? "NULL" : "&text",
	         na ? "NULL" : "the analysis", kept_step, ng ? "NULL" : "graph",
	         kept_changes, kept_maybe,
	         kept_same_graph ? "the same" : "another");
	call_begin(&c, expect, 1);
	rc = json ? opflow_analysis_write_json(no ? NULL : &text, &size,
	                                       na ? NULL : kept, ng ? NULL : G)
	          : opflow_analysis_write_csv(no ? NULL : &text, &size,
	                                      na ? NULL : kept, ng ? NULL : G);
	if (rc == 0 && either)
		c.expect = 0;
	if (call_end(&c, rc) != 0) {
		if (text != NULL)
			failf("a failed export wrote its output");
		return;
	}
	if (size != strlen(text))
		failf("the export's size is %zu, not %zu", size, strlen(text));
	if (json ? text[0] != '{' : strncmp(text, csv_header,
	                                    strlen(csv_header)) != 0)
		failf("the export begins \"%.40s\"", text);
	opflow_free(text);
	stats.exports++;
}

static void op_prepare(void)
{
	struct call c;
	int ng = null_graph(), cyclic = m_cyclic(), rc;

	snprintf(opdesc, sizeof opdesc, "prepare()%s",
	         ng ? " of a NULL graph" : "");
	call_begin(&c, ng ? BIT(OPFLOW_EINVAL)
	                  : cyclic ? BIT(OPFLOW_ECYCLE) : 0, 1);
	rc = call_end(&c, opflow_graph_prepare(ng ? NULL : G));
	if (rc == OPFLOW_ECYCLE)
		check_cycle();
}

static void check_pert(const opflow_analysis *an)
{
	static struct cpm c;
	double v;

	model_cpm(&c, 0, 0, 1);
	stats.analyses++;
	if (opflow_analysis_activity_count(an) != M.n)
		failf("the analysis has %zu activities, the model %zu",
		      opflow_analysis_activity_count(an), M.n);
	for (size_t i = 0; i < M.n; i++) {
		double d, es, ef;

		if (opflow_analysis_duration(&d, an, (opflow_id)i) != 0 ||
		    opflow_analysis_schedule(&es, &ef, NULL, NULL, an,
		        (opflow_id)i) != 0)
			failf("cannot read the schedule of %zu", i);
		if (!near(d, c.d[i]) || !near(es, c.es[i]) || !near(ef, c.ef[i]))
			failf("PERT: activity %zu: d %.17g ES %.17g EF %.17g, the "
			      "model's CPM gives %.17g, %.17g, %.17g", i, d, es, ef,
			      c.d[i], c.es[i], c.ef[i]);
	}
	if (opflow_analysis_figure(&v, an, OPFLOW_FIGURE_LEAD_TIME) != 0 ||
	    !near(v, c.lead) ||
	    opflow_analysis_figure(&v, an, OPFLOW_FIGURE_PERT_LEAD_TIME) != 0 ||
	    !near(v, c.lead))
		failf("PERT: the lead time is %.17g, the model's CPM gives %.17g",
		      v, c.lead);
	if (opflow_analysis_figure(&v, an, OPFLOW_FIGURE_EFFORT) != 0 ||
	    !near(v, c.effort))
		failf("PERT: the effort is %.17g, the model says %.17g", v,
		      c.effort);
}

static void op_analyze(void)
{
	struct call c;
	opflow_analysis_options o = OPFLOW_ANALYSIS_OPTIONS_INIT;
	opflow_analysis *an = NULL;
	int ng = null_graph(), no = null_out(), cyclic = m_cyclic();
	int use_opts = chance(500), rc;
	int pert = use_opts && chance(150);
	unsigned expect = 0;

	if (pert)
		o.duration_mode = OPFLOW_DURATIONS_PERT;

	if (use_opts && chance(500)) {
		o.has_deadline = 1;
		o.deadline = 5.0;
		if (!cyclic) {
			static struct cpm plain;

			model_cpm(&plain, 0, 0, 0);
			o.deadline = plain.lead + ((double)below(9) - 4.0) * 0.5;
		}
	}
	if (use_opts && chance(100)) {
		switch (below(6)) {
		case 0: o.version = 0; break;
		case 1: o.version = OPFLOW_ANALYSIS_OPTIONS_VERSION + 1; break;
		case 2: o.duration_mode = 2; break;
		case 3: o.has_deadline = 2; break;
		case 4: o.has_deadline = 1; o.deadline = NAN; break;
		default: o.has_tolerance = 1; o.tolerance = -1; break;
		}
		expect |= BIT(OPFLOW_EINVAL);
	}
	if (cyclic)
		expect |= BIT(OPFLOW_ECYCLE);
	if (no)
		expect |= BIT(OPFLOW_EINVAL);
	if (ng)
		expect = BIT(OPFLOW_EINVAL);
	snprintf(opdesc, sizeof opdesc, "analyze(%s, %s%s)%s%s",
	         no ? "NULL" : "&an", use_opts ? "options" : "NULL",
	         o.duration_mode == OPFLOW_DURATIONS_PERT ? ", PERT" : "",
	         o.has_deadline == 1 ? " with a deadline" : "",
	         ng ? " of a NULL graph" : "");
	call_begin(&c, expect, 1);
	rc = call_end(&c, opflow_analyze(no ? NULL : &an, ng ? NULL : G,
	                                 use_opts ? &o : NULL));
	if (rc == OPFLOW_ECYCLE)
		check_cycle();
	if (rc != 0) {
		if (an != NULL)
			failf("a failed analysis wrote its output");
		return;
	}
	if (pert) {
		check_pert(an);
		opflow_analysis_free(an);
		return;
	}
	{
		const struct cpm *c2 = check_analysis(an,
		        o.has_deadline == 1 && use_opts, o.deadline);

		if (chance(300))
			keep(an, c2);
		else
			opflow_analysis_free(an);
	}
}

static void op_reset(void)
{
	struct call c;
	opflow_graph *fresh = NULL;

	snprintf(opdesc, sizeof opdesc, "new()");
	call_begin(&c, 0, 1);
	if (call_end(&c, opflow_graph_new(&fresh)) == 0) {
		opflow_graph_free(G);
		G = fresh;
		m_clear();
		replaced();
	}
}

/* ------------------------------------------------------------------ the run */

enum op {
	OP_ADD, OP_ADD_EXT, OP_ADD_BULK, OP_REMOVE, OP_SET_LABEL, OP_SET_KIND,
	OP_SET_CATEGORY, OP_SET_DEPARTMENT, OP_SET_CF, OP_SET_DURATION,
	OP_CLEAR_DURATION, OP_SET_ESTIMATE, OP_CLEAR_ESTIMATE, OP_INTERN,
	OP_DEPT_NAME, OP_DEPT_REMOVE, OP_FLOW, OP_FLOWS, OP_FLOW_REMOVE,
	OP_LAG, OP_FIND, OP_CLONE, OP_SAVE_LOAD, OP_PREPARE, OP_ANALYZE,
	OP_RESET, OP_EXPORT, OP_REMOVE_MANY, OP_FLOW_REMOVE_MANY, OP_COUNT
};

static const unsigned weights[OP_COUNT] = {
	50, 50, 25, 20, 25, 20, 20, 25, 15, 40, 15, 30, 12, 15, 15, 10, 160,
	60, 30, 40, 40, 6, 8, 15, 60, 1, 15, 6, 10,
};

static enum op pick_op(int cyclic)
{
	unsigned total = 0, r;
	unsigned w[OP_COUNT];

	for (int i = 0; i < OP_COUNT; i++)
		total += w[i] = weights[i];
	/* cycles do not last: removing flows gets likelier */
	if (cyclic) {
		total += 150;
		w[OP_FLOW_REMOVE] += 150;
	}
	r = below(total);
	for (int i = 0; i < OP_COUNT; i++) {
		if (r < w[i])
			return (enum op)i;
		r -= w[i];
	}
	return OP_ANALYZE;
}

/* Runs one operation, picked at random. */
static void dispatch(int nested)
{
	int cyclic = m_cyclic();
	enum op op = pick_op(cyclic);

	if ((op == OP_ADD || op == OP_ADD_EXT || op == OP_ADD_BULK) &&
	    M.n >= GROW_ACT)
		op = chance(200) ? OP_REMOVE : OP_FLOW;
	if ((op == OP_FLOW || op == OP_FLOWS) && M.nf >= GROW_FLOW)
		op = OP_FLOW_REMOVE;
	if (nested && (op == OP_EXPORT || op == OP_ANALYZE))
		op = OP_FIND;
	switch (op) {
	case OP_ADD: op_add_activity(); break;
	case OP_ADD_EXT: op_add_activity_ext(); break;
	case OP_ADD_BULK: op_add_activities(); break;
	case OP_REMOVE: op_remove_activity(); break;
	case OP_SET_LABEL: op_setter(SET_LABEL); break;
	case OP_SET_KIND: op_setter(SET_KIND); break;
	case OP_SET_CATEGORY: op_setter(SET_CATEGORY); break;
	case OP_SET_DEPARTMENT: op_setter(SET_DEPARTMENT); break;
	case OP_SET_CF: op_setter(SET_CF); break;
	case OP_SET_DURATION: op_setter(SET_DURATION); break;
	case OP_CLEAR_DURATION: op_setter(CLEAR_DURATION); break;
	case OP_SET_ESTIMATE: op_setter(SET_ESTIMATE); break;
	case OP_CLEAR_ESTIMATE: op_setter(CLEAR_ESTIMATE); break;
	case OP_INTERN: op_intern_department(); break;
	case OP_DEPT_NAME: op_set_department_name(); break;
	case OP_DEPT_REMOVE: op_remove_department(); break;
	case OP_FLOW: op_add_flow(); break;
	case OP_FLOWS: op_add_flows(); break;
	case OP_FLOW_REMOVE: op_remove_flow(cyclic); break;
	case OP_LAG: op_set_lag(); break;
	case OP_FIND: op_find(); break;
	case OP_CLONE: op_clone(); break;
	case OP_SAVE_LOAD: op_save_load(); break;
	case OP_PREPARE: op_prepare(); break;
	case OP_ANALYZE: op_analyze(); break;
	case OP_RESET: op_reset(); break;
	case OP_EXPORT: op_export(); break;
	case OP_REMOVE_MANY: op_remove_many(0); break;
	case OP_FLOW_REMOVE_MANY: op_remove_many(1); break;
	case OP_COUNT: break;
	}
}

static void run_step(void)
{
	armed_step = chance(120);
	if (armed_step) {
		static const unsigned rates[] = { 10, 50, 150, 400 };

		arm_permille = rates[below(COUNT(rates))];
	}
	dispatch(0);
	armed_step = 0;
	compare();
	stats.activities += M.n;
	stats.flows += M.nf;
	if (M.n > stats.max_activities)
		stats.max_activities = M.n;
	if (M.nf > stats.max_flows)
		stats.max_flows = M.nf;
	/* after some failed calls, and now and then */
	if ((failed_in_step && chance(150)) || step % 1000 == 999)
		leak_check();
	failed_in_step = 0;
}

static long env_long(const char *name, long fallback)
{
	const char *s = getenv(name);
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return fallback;
	v = strtol(s, &end, 10);
	return *end == '\0' && v >= 0 ? v : -1;   /* -1: not a count */
}

static long default_operations(void)
{
	const char *scale = getenv("OPFLOW_TEST_SCALE");
	const char *pre = getenv("LD_PRELOAD");

	if ((scale && strcmp(scale, "valgrind") == 0) ||
	    (pre && strstr(pre, "vgpreload")))
		return 2000;
	return 30000;
}

static char *filled(size_t len, char c)
{
	char *s = malloc(len + 1);

	ck_assert(s != NULL);
	memset(s, c, len);
	s[len] = '\0';
	return s;
}

START_TEST(soak)
{
	const char *s = getenv("SOAK_SEED");

	if (s && *s) {
		char *end;

		seed = strtoull(s, &end, 10);
		ck_assert_msg(*end == '\0', "SOAK_SEED=%s is not a number", s);
	} else {
		seed = (unsigned long long)time(NULL) * 1000003ull ^
		       (unsigned long long)getpid();
	}
	operations = env_long("SOAK_OPERATIONS", default_operations());
	ck_assert_msg(operations >= 0, "SOAK_OPERATIONS=%s is not a count",
	              getenv("SOAK_OPERATIONS"));
	printf("check_soak: SOAK_SEED=%llu SOAK_OPERATIONS=%ld\n", seed,
	       operations);
	fflush(stdout);
	rng = seed;
	alloc_rng = seed ^ 0x5DEECE66Dull;

	for (size_t i = 0; i < tu_category_count; i++)
		ck_assert((size_t)tu_categories[i].category == i);
	for (size_t i = 0; i < COUNT(act_keys); i++)
		snprintf(act_keys[i], sizeof act_keys[i], "a%zu", i);
	big_key_ok = filled(OPFLOW_KEY_MAX, 'k');
	big_key_bad = filled(OPFLOW_KEY_MAX + 1, 'k');
	big_text_ok = filled(OPFLOW_TEXT_MAX, 't');
	big_text_bad = filled(OPFLOW_TEXT_MAX + 1, 't');

	/* before any object of the library exists */
	ck_assert_int_eq(opflow_set_allocator(soak_malloc, soak_realloc,
	                                      soak_free, &alloc_ctx_marker), 0);
	ck_assert_int_eq(opflow_graph_new(&G), 0);
	compare();
	for (step = 0; step < operations; step++)
		run_step();
	snprintf(opdesc, sizeof opdesc, "the end of the run");
	kept_check_free();
	opflow_graph_free(G);
	G = NULL;
	opflow_error_clear();
	if (live_blocks != 0)
		failf("%ld blocks of the library are left live", live_blocks);
	if (bad_ctx != 0)
		failf("the allocator got another context %lu times", bad_ctx);
	ck_assert_int_eq(opflow_set_allocator(NULL, NULL, NULL, NULL), 0);
	m_clear();
	free(big_key_ok);
	free(big_key_bad);
	free(big_text_ok);
	free(big_text_bad);
	printf("check_soak: %lu calls: %lu succeeded, %lu refused as "
	       "expected, %lu out of memory; %lu analyses matched the model, "
	       "%lu cycles reported, %lu loads, %lu clones, %lu exports\n",
	       stats.calls, stats.ok, stats.refused, stats.enomem,
	       stats.analyses, stats.cycles, stats.loads, stats.clones,
	       stats.exports);
	if (operations > 0)
		printf("check_soak: %.1f activities and %.1f flows on average, "
		       "at most %zu and %zu\n",
		       (double)stats.activities / (double)operations,
		       (double)stats.flows / (double)operations,
		       stats.max_activities, stats.max_flows);
	/* a run long enough must have met every kind of outcome */
	if (operations >= 2000)
		ck_assert_msg(stats.refused > 0 && stats.enomem > 0 &&
		              stats.analyses > 0 && stats.loads > 0,
		              "the run met too few outcomes to mean anything");
	if (operations >= 10000)
		ck_assert_msg(stats.cycles > 0 && stats.clones > 0,
		              "the run met no cycle or made no clone");
}
END_TEST

static Suite *soak_suite(void)
{
	Suite *s = suite_create("soak");
	TCase *tc = tcase_create("model");
	long ops = env_long("SOAK_OPERATIONS", default_operations());

	/* about 10 microseconds a step, much more under sanitizers */
	tcase_set_timeout(tc, (double)(60 + (ops > 0 ? ops : 0) / 500));
	tcase_add_test(tc, soak);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(soak_suite());
}
