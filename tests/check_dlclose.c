/*
 * check_dlclose.c - the library loaded with dlopen(), used from several
 * threads, and unloaded with dlclose() while some of those threads are
 * still alive, holding error details (the details of a cycle among them)
 * or none; they exit after the unloading.  A thousand rounds: no crash,
 * the library really unloaded each time, and no block of the allocator
 * hook left behind.
 *
 * This program is not linked with the library (that would keep it
 * loaded): it opens OPFLOW_LIBRARY (set by make check), else
 * ../lib/.libs/libopflow.so.1 next to its own directory.  An optional
 * argument sets the number of rounds (see default_rounds()).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "opflow.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Under valgrind, a round costs some 0.3 s (loading the library alone
 * 0.08 s: valgrind reads its symbols and drops its translated code on
 * every load and unload), so a tenth of the rounds keeps the run within
 * half a minute. */
#define ROUNDS 1000
#define ROUNDS_VALGRIND 100

/* --------------------------------------------------------- the library */

struct api {
	int (*set_allocator)(opflow_malloc_fn, opflow_realloc_fn,
	                     opflow_free_fn, void *);
	int (*graph_new)(opflow_graph **);
	void (*graph_free)(opflow_graph *);
	int (*add_activity)(opflow_id *, opflow_graph *, const char *,
	                    opflow_category);
	int (*set_duration)(opflow_graph *, opflow_id, double);
	int (*add_flow)(opflow_id *, opflow_graph *, opflow_id, opflow_id,
	                opflow_flow_type, double);
	int (*find_activity)(opflow_id *, const opflow_graph *, const char *);
	int (*prepare)(opflow_graph *);
	int (*analyze)(opflow_analysis **, const opflow_graph *,
	               const opflow_analysis_options *);
	void (*analysis_free)(opflow_analysis *);
	int (*figure)(double *, const opflow_analysis *, opflow_figure);
	int (*error_code)(void);
	const char *(*error_message)(void);
	size_t (*cycle_length)(void);
	const char *(*cycle_key)(size_t);
	opflow_id (*cycle_id)(size_t);
	void (*error_clear)(void);
};

static void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("check_dlclose: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(EXIT_FAILURE);
}

/* dlsym() hands out an object pointer; POSIX guarantees it converts to
 * the function's type. */
static void resolve(void *lib, const char *name, void *slot, size_t size)
{
	void *sym = dlsym(lib, name);

	if (!sym)
		fail("%s not found: %s", name, dlerror());
	if (size != sizeof sym)
		fail("function and object pointers differ in size");
	memcpy(slot, &sym, sizeof sym);
}

#define RESOLVE(field, name) \
	resolve(lib, name, (void *)&api->field, sizeof api->field)

static void resolve_all(struct api *api, void *lib)
{
	RESOLVE(set_allocator, "opflow_set_allocator");
	RESOLVE(graph_new, "opflow_graph_new");
	RESOLVE(graph_free, "opflow_graph_free");
	RESOLVE(add_activity, "opflow_graph_add_activity");
	RESOLVE(set_duration, "opflow_graph_set_activity_duration");
	RESOLVE(add_flow, "opflow_graph_add_flow");
	RESOLVE(find_activity, "opflow_graph_find_activity");
	RESOLVE(prepare, "opflow_graph_prepare");
	RESOLVE(analyze, "opflow_analyze");
	RESOLVE(analysis_free, "opflow_analysis_free");
	RESOLVE(figure, "opflow_analysis_figure");
	RESOLVE(error_code, "opflow_error_code");
	RESOLVE(error_message, "opflow_error_message");
	RESOLVE(cycle_length, "opflow_error_cycle_length");
	RESOLVE(cycle_key, "opflow_error_cycle_key");
	RESOLVE(cycle_id, "opflow_error_cycle_id");
	RESOLVE(error_clear, "opflow_error_clear");
}

/* ------------------------------------------------- a counting allocator */

/* Blocks the library holds, and blocks it ever took. */
static atomic_long live, taken;

static void *count_malloc(size_t size, void *ctx)
{
	void *p = malloc(size);

	(void)ctx;
	if (p) {
		atomic_fetch_add(&live, 1);
		atomic_fetch_add(&taken, 1);
	}
	return p;
}

static void *count_realloc(void *ptr, size_t size, void *ctx)
{
	void *p = realloc(ptr, size);

	(void)ctx;
	if (p && !ptr) {
		atomic_fetch_add(&live, 1);
		atomic_fetch_add(&taken, 1);
	}
	return p;
}

static void count_free(void *ptr, void *ctx)
{
	(void)ctx;
	if (ptr)
		atomic_fetch_sub(&live, 1);
	free(ptr);
}

/* ------------------------------------------------------------- the work */

enum mode {
	HOLD_CYCLE,     /* ends with the details of a cycle error */
	HOLD_PLAIN,     /* ends with a not-found error, no cycle details */
	CLEAN,          /* only calls that succeed */
	IDLE            /* never calls the library */
};

/* Three activities in a row, cut (2) -FS-> weld (3) -FS lag 1-> ship (5):
 * lead time 2 + 3 + 1 + 5 = 11.  Then ship -> cut closes the cycle
 * cut -> weld -> ship -> cut.  Returns NULL, or what went wrong. */
static const char *work(const struct api *api, enum mode mode, int who,
                        char *why, size_t why_size)
{
	static const char *const names[3] = { "cut", "weld", "ship" };
	static const double durations[3] = { 2, 3, 5 };
	static const opflow_category categories[3] = {
		OPFLOW_CATEGORY_MANUFACTURING, OPFLOW_CATEGORY_ASSEMBLY,
		OPFLOW_CATEGORY_LOGISTICS
	};
	char keys[3][32], ghost[32];
	opflow_graph *g = NULL;
	opflow_analysis *a = NULL;
	opflow_id ids[3], id, flow;
	double lead_time;
	size_t i, k;

	if (mode == IDLE)
		return NULL;
	if (api->error_code() != 0 || api->cycle_length() != 0 ||
	    api->error_message()[0] != '\0')
		return "a fresh thread starts with error details";
	if (api->graph_new(&g) != 0)
		return "opflow_graph_new failed";
	for (i = 0; i < 3; i++) {
		snprintf(keys[i], sizeof keys[i], "%s-%d", names[i], who);
		if (api->add_activity(&ids[i], g, keys[i], categories[i]) != 0 ||
		    api->set_duration(g, ids[i], durations[i]) != 0) {
			api->graph_free(g);
			return "adding an activity failed";
		}
	}
	if (api->add_flow(&flow, g, ids[0], ids[1], OPFLOW_FLOW_FS, 0) != 0 ||
	    api->add_flow(&flow, g, ids[1], ids[2], OPFLOW_FLOW_FS, 1) != 0 ||
	    api->analyze(&a, g, NULL) != 0) {
		api->graph_free(g);
		return "building or analysing the chain failed";
	}
	if (api->figure(&lead_time, a, OPFLOW_FIGURE_LEAD_TIME) != 0 ||
	    lead_time != 11) {
		api->analysis_free(a);
		api->graph_free(g);
		return "the lead time of the chain is not 11";
	}
	api->analysis_free(a);
	if (mode == CLEAN) {
		api->graph_free(g);
		return api->error_code() == 0 ? NULL
		                              : "a successful call set an error";
	}

	/* an error naming an activity that is not there */
	snprintf(ghost, sizeof ghost, "ghost-%d", who);
	if (api->find_activity(&id, g, ghost) != OPFLOW_ENOTFOUND ||
	    api->error_code() != OPFLOW_ENOTFOUND ||
	    !strstr(api->error_message(), ghost) ||
	    api->cycle_length() != 0) {
		api->graph_free(g);
		return "the not-found error is not as expected";
	}

	/* the cycle: its details name the three activities, each followed by
	 * its successor on the cycle, starting anywhere */
	if (api->add_flow(&flow, g, ids[2], ids[0], OPFLOW_FLOW_FS, 0) != 0) {
		api->graph_free(g);
		return "adding the closing flow failed";
	}
	a = NULL;
	if (api->analyze(&a, g, NULL) != OPFLOW_ECYCLE || a ||
	    api->error_code() != OPFLOW_ECYCLE ||
	    strncmp(api->error_message(), "cycle: ", 7) != 0 ||
	    api->cycle_length() != 3 || api->cycle_key(3) != NULL ||
	    api->cycle_id(3) != OPFLOW_NONE) {
		api->graph_free(g);
		return "the cycle error is not as expected";
	}
	api->graph_free(g);    /* the details are the thread's, not the graph's */
	for (k = 0; k < 3 && api->cycle_id(0) != ids[k]; k++)
		;
	if (k == 3)
		return "the cycle does not start at one of its activities";
	for (i = 0; i < 3; i++) {
		size_t at = (k + i) % 3;
		const char *key = api->cycle_key(i);

		if (api->cycle_id(i) != ids[at] || !key ||
		    strcmp(key, keys[at]) != 0) {
			snprintf(why, why_size, "cycle entry %zu is %s, not %s",
			         i, key ? key : "(null)", keys[at]);
			return why;
		}
	}
	if (mode == HOLD_PLAIN) {
		/* a later error drops the cycle details */
		if (api->prepare(NULL) != OPFLOW_EINVAL ||
		    api->cycle_length() != 0 || api->cycle_key(0) != NULL)
			return "a later error left the cycle details";
	}
	return NULL;
}

/* --------------------------------------------------------- the threads */

struct round_state {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int ready;              /* lingering threads done with the library */
	int unloaded;           /* the library is closed */
};

struct worker {
	const struct api *api;
	struct round_state *round;
	enum mode mode;
	int who;
	int lingers;            /* exits only after the library is closed */
	const char *failed;
	char why[128];
};

static void *worker_main(void *arg)
{
	struct worker *w = arg;

	w->failed = work(w->api, w->mode, w->who, w->why, sizeof w->why);
	if (w->lingers) {
		pthread_mutex_lock(&w->round->lock);
		w->round->ready++;
		pthread_cond_broadcast(&w->round->cond);
		while (!w->round->unloaded)
			pthread_cond_wait(&w->round->cond, &w->round->lock);
		pthread_mutex_unlock(&w->round->lock);
	}
	/* the thread exits now, its details held by the library: before the
	 * library is closed, or after */
	return NULL;
}

static const struct {
	enum mode mode;
	int lingers;
} crew[] = {
	{ HOLD_CYCLE, 0 }, { HOLD_CYCLE, 0 }, { HOLD_PLAIN, 0 }, { CLEAN, 0 },
	{ HOLD_CYCLE, 1 }, { HOLD_PLAIN, 1 }, { CLEAN, 1 }, { IDLE, 1 }
};
#define CREW (sizeof crew / sizeof crew[0])

static void one_round(const char *path, long round)
{
	struct round_state rs;
	struct worker w[CREW];
	pthread_t th[CREW];
	struct api api;
	const char *failed;
	char why[128];
	int counting = round % 2 == 0, lingering = 0;
	void *lib;
	size_t i;

	lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		fail("round %ld: dlopen: %s", round, dlerror());
	resolve_all(&api, lib);
	/* a fresh copy of the library: this thread's details are empty,
	 * whatever it held in the copy unloaded before */
	if (api.error_code() != 0 || api.cycle_length() != 0)
		fail("round %ld: the reloaded library kept error details", round);
	/* every other round, through a counting allocator (which the library
	 * accepts only while it holds no block) */
	if (counting) {
		atomic_store(&live, 0);
		atomic_store(&taken, 0);
		if (api.set_allocator(count_malloc, count_realloc, count_free,
		                      NULL) != 0)
			fail("round %ld: opflow_set_allocator: %s", round,
			     api.error_message());
	}

	pthread_mutex_init(&rs.lock, NULL);
	pthread_cond_init(&rs.cond, NULL);
	rs.ready = 0;
	rs.unloaded = 0;
	for (i = 0; i < CREW; i++) {
		w[i].api = &api;
		w[i].round = &rs;
		w[i].mode = crew[i].mode;
		w[i].who = (int)i;
		w[i].lingers = crew[i].lingers;
		w[i].failed = NULL;
		lingering += crew[i].lingers;
		if (pthread_create(&th[i], NULL, worker_main, &w[i]) != 0)
			fail("round %ld: pthread_create failed", round);
	}
	/* this thread holds cycle details across the unloading too */
	failed = work(&api, HOLD_CYCLE, (int)CREW, why, sizeof why);
	if (failed)
		fail("round %ld, main thread: %s", round, failed);
	for (i = 0; i < CREW; i++) {
		if (crew[i].lingers)
			continue;
		if (pthread_join(th[i], NULL) != 0)
			fail("round %ld: pthread_join failed", round);
		if (w[i].failed)
			fail("round %ld, thread %zu: %s", round, i, w[i].failed);
	}
	pthread_mutex_lock(&rs.lock);
	while (rs.ready < lingering)
		pthread_cond_wait(&rs.cond, &rs.lock);
	pthread_mutex_unlock(&rs.lock);

	/* the library's blocks: this thread's and the lingering threads'
	 * cycle details at least */
	if (counting && (atomic_load(&taken) == 0 || atomic_load(&live) < 2))
		fail("round %ld: the counting allocator holds %ld blocks of %ld",
		     round, (long)atomic_load(&live), (long)atomic_load(&taken));
	if (dlclose(lib) != 0)
		fail("round %ld: dlclose: %s", round, dlerror());
	lib = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
	if (lib)
		fail("round %ld: the library stayed loaded after dlclose", round);

	/* the lingering threads exit */
	pthread_mutex_lock(&rs.lock);
	rs.unloaded = 1;
	pthread_cond_broadcast(&rs.cond);
	pthread_mutex_unlock(&rs.lock);
	for (i = 0; i < CREW; i++) {
		if (!crew[i].lingers)
			continue;
		if (pthread_join(th[i], NULL) != 0)
			fail("round %ld: pthread_join failed", round);
		if (w[i].failed)
			fail("round %ld, thread %zu: %s", round, i, w[i].failed);
	}
	pthread_cond_destroy(&rs.cond);
	pthread_mutex_destroy(&rs.lock);
	if (counting && atomic_load(&live) != 0)
		fail("round %ld: %ld blocks of the library left after dlclose",
		     round, (long)atomic_load(&live));
}

/* ROUNDS; fewer under valgrind (OPFLOW_TEST_SCALE=valgrind, as make
 * check-valgrind sets it, or valgrind's preloaded objects), or scaled by
 * OPFLOW_TEST_SCALE as a number. */
static long default_rounds(void)
{
	const char *s = getenv("OPFLOW_TEST_SCALE");
	const char *pre = getenv("LD_PRELOAD");

	if (s && *s) {
		char *end;
		double v;

		if (strcmp(s, "valgrind") == 0)
			return ROUNDS_VALGRIND;
		v = strtod(s, &end);
		if (*end == '\0' && v > 0 && v <= 1000)
			return v * ROUNDS >= 1 ? (long)(v * ROUNDS) : 1;
	}
	if (pre && strstr(pre, "vgpreload"))
		return ROUNDS_VALGRIND;
	return ROUNDS;
}

int main(int argc, char **argv)
{
	const char *env = getenv("OPFLOW_LIBRARY");
	char path[4096];
	long rounds = default_rounds(), round;

	if (argc > 1) {
		char *end;

		rounds = strtol(argv[1], &end, 10);
		if (*end || rounds < 1)
			fail("usage: check_dlclose [rounds]");
	}
	if (env && *env) {
		snprintf(path, sizeof path, "%s", env);
	} else {
		/* tests/check_dlclose -> lib/.libs/libopflow.so.1 */
		const char *slash = strrchr(argv[0], '/');
		int dir = slash ? (int)(slash - argv[0]) : 1;

		snprintf(path, sizeof path, "%.*s/../lib/.libs/libopflow.so.1",
		         dir, slash ? argv[0] : ".");
	}
	for (round = 0; round < rounds; round++)
		one_round(path, round);
	printf("check_dlclose: %ld rounds of dlopen, use from %zu threads and "
	       "dlclose\n", rounds, CREW + 1);
	return 0;
}
