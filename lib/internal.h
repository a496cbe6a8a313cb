/*
 * internal.h - what the files of lib/ share.  Nothing here is installed.
 * Functions shared between files carry the opflow__ prefix and hidden
 * visibility, so a static libopflow does not pollute its host.
 */
#ifndef OPFLOW_INTERNAL_H
#define OPFLOW_INTERNAL_H

#include "opflow.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stddef.h>

#if defined(__GNUC__)
#  define OPFLOW__PRINTF(f, a) __attribute__((format(printf, f, a)))
#  define OPFLOW__INLINE inline __attribute__((always_inline))
#else
#  define OPFLOW__PRINTF(f, a)
#  define OPFLOW__INLINE inline
#endif

/* Marks a static function the library runs when it is unloaded (dlclose)
 * or the process exits, to release what it holds for the process: GCC
 * and Clang know the attribute (configure may probe it as well). */
#if defined(__GNUC__) || defined(HAVE_FUNC_ATTRIBUTE_DESTRUCTOR)
#  define OPFLOW__HAVE_DESTRUCTOR 1
#  define OPFLOW__DESTRUCTOR __attribute__((destructor))
#endif

/* ------------------------------------------------------------- alloc.c */

void *opflow__malloc(size_t size);
void *opflow__calloc(size_t count, size_t size);
void *opflow__realloc(void *ptr, size_t size);
void opflow__free(void *ptr);
/* count * size, or SIZE_MAX when it overflows (no allocator takes that). */
size_t opflow__mul(size_t count, size_t size);
/* Grows *ptr (of *cap elements of size bytes) to hold at least need
 * elements; 0 or OPFLOW_ENOMEM/OPFLOW_ERANGE with the error set.  On
 * failure *ptr and *cap are as they were. */
int opflow__grow(void **ptr, size_t *cap, size_t need, size_t size);

/* Initialises an options struct of the caller's version (1 to current):
 * the first sizes[version] bytes of init, the version field first of
 * all.  Options structs only ever grow at their end, so a version's size
 * is where its last field ends. */
int opflow__options_init(void *opts, const void *init, unsigned version,
                         const size_t *sizes, unsigned current,
                         const char *fn);

/* ------------------------------------------------------------- error.c */

/* Sets the calling thread's last error and returns code.  The format is
 * printf-like, locale-independent, and knows: %s (string), %k (key: bare
 * when it is a bare word, else quoted with escapes), %K (key with length,
 * size_t then const char *), %d, %u, %zu, %g (shortest round-trip), and
 * %m (the message this one replaces, to wrap it with context). */
int opflow__error(int code, const char *fmt, ...);
int opflow__verror(int code, const char *fmt, va_list ap);
/* Same, with the 1-based line and column of a parse error. */
int opflow__error_at(int code, size_t line, size_t column,
                     const char *fmt, ...);
/* Sets OPFLOW_ECYCLE with a message naming the activities on the cycle
 * ("cycle: a -> b -> a") and records their ids and keys, in order, as the
 * thread's cycle details; OPFLOW_ENOMEM when those cannot be stored. */
struct opflow_graph;
int opflow__error_cycle(const struct opflow_graph *g, const uint32_t *ids,
                        size_t length);
int opflow__nomem(void);

/* The thread's error details, moved aside around a call the library makes
 * for itself, so that a successful public call leaves them untouched.  A
 * cycle block moved aside is the caller's: restored, or opflow__free()d. */
struct opflow__saved_error {
	int code;
	size_t line, column;
	void *cycle;
	char message[4096];
};
void opflow__error_save(struct opflow__saved_error *saved);
void opflow__error_restore(struct opflow__saved_error *saved);
int opflow__null_arg(const char *func, const char *name);

/* --------------------------------------------------------------- text.c */

/* 1 when s[0..len) is valid UTF-8 (no overlong forms, surrogates or code
 * points above U+10FFFF), else 0. */
int opflow__utf8_valid(const char *s, size_t len);
/* The offset of the first byte of the first invalid sequence, or len. */
size_t opflow__utf8_invalid_at(const char *s, size_t len);
/* 1 when the key can be written without quotes: [A-Za-z0-9_.:/+@-]+. */
int opflow__is_bare(const char *s, size_t len);
/* Quotes s into buf (always NUL-terminated, truncated with "..." when
 * cap is too small); returns the length written. */
size_t opflow__quote(char *buf, size_t cap, const char *s, size_t len,
                     int force_quotes);
/* Shortest text that reads back as exactly d ("-0" as "0"), with '.' as
 * the decimal point under every locale.  buf holds at least 32 bytes;
 * returns the length. */
size_t opflow__format_double(char *buf, double d);
/* Reads a finite number written as opflow__format_double writes it (or
 * any decimal/exponent form) from s[0..len), locale-independent.
 * 0 on success, -1 when the text is not a number, -2 when it overflows,
 * -3 when it is longer than OPFLOW__NUMBER_MAX characters. */
#define OPFLOW__NUMBER_MAX 1000
int opflow__parse_double(double *out, const char *s, size_t len);
/* Hashes for the tables, keyed by a per-process seed. */
uint64_t opflow__hash_seed(void);
uint32_t opflow__hash(const char *s, size_t len);

/* A growing text buffer through the allocator hook; the first failure
 * sticks (failed holds its code) and later writes do nothing. */
struct opflow__buf {
	char *p;
	size_t len, cap;
	int failed;
};
/* Room for n more bytes and a NUL at the end of b (b->p + b->len), or
 * NULL with the failure kept in b. */
char *opflow__buf_room(struct opflow__buf *b, size_t n);
void opflow__buf_put(struct opflow__buf *b, const char *s, size_t n);
void opflow__buf_puts(struct opflow__buf *b, const char *s);
void opflow__buf_double(struct opflow__buf *b, double d);
void opflow__buf_size(struct opflow__buf *b, size_t v);
/* Decimal digits of v into buf; returns their count. */
size_t opflow__format_size(char buf[24], size_t v);
void opflow__buf_escaped(struct opflow__buf *b, const char *s, size_t len,
                         int json);
void opflow__buf_quoted(struct opflow__buf *b, const char *s, size_t len);
void opflow__buf_key(struct opflow__buf *b, const char *s, size_t len);
int opflow__buf_finish(struct opflow__buf *b, char **out, size_t *out_len);

/* the text reader (text_lex.c, text_read.c, text_dates.c) */
#include "reader.h"

/* ------------------------------------------------------------ checks */

/* Validation shared by every entry point: each sets the error and returns
 * the code on failure. */
int opflow__check_key(const char *what, const char *key, size_t *out_len);
int opflow__check_text(const char *what, const char *text, size_t *out_len);
int opflow__check_duration(const char *what, double d);

/* --------------------------------------------------------------- graph */

struct opflow__activity {
	const char *key;        /* in a key chunk; never moves (keys.c) */
	uint32_t key_len;
	uint32_t hash;
	char *label;            /* NULL: none */
	double duration;        /* in use (explicit, or derived) */
	double est[3];          /* optimistic, most likely, pessimistic */
	uint32_t department;    /* OPFLOW_NONE: none */
	uint32_t first_in, last_in, first_out, last_out;  /* flow lists */
	uint8_t kind;
	uint8_t category;
	uint8_t customer_facing;
	uint8_t flags;          /* OPFLOW__EXPLICIT, OPFLOW__HAS_ESTIMATE */
};
#define OPFLOW__EXPLICIT 1u
#define OPFLOW__HAS_ESTIMATE 2u

struct opflow__flow {
	double lag;
	uint32_t source, target;
	uint32_t next_in, next_out;
	uint8_t type;
	uint8_t elapsed;        /* the lag is plain time, not working time */
};

struct opflow__department {
	char *key;
	char *name;             /* NULL: none */
	uint32_t key_len;
	uint32_t hash;
};

/* Open-addressing index of ids (OPFLOW_NONE marks an empty slot). */
struct opflow__index {
	uint32_t *slots;
	size_t cap;             /* a power of two, or 0 */
};

#include "layout.h"

struct opflow_graph {
	uint64_t serial;        /* unique per graph in the process */
	uint64_t generation;    /* bumped by every change */

	struct opflow__activity *acts;
	size_t n, acts_cap;
	/* Key bytes, each followed by NUL, in chunks that never move or
	 * grow; chunks sorted by address, the open one taking new keys.
	 * keys_len is the bytes of the live keys (NULs included). */
	struct opflow__key_chunk **chunks;
	size_t nchunks, chunks_cap;
	struct opflow__key_chunk *open;
	size_t keys_len;
	struct opflow__index key_index;

	struct opflow__flow *flows;
	size_t m, flows_cap;
	struct opflow__index flow_index;

	struct opflow__department *depts;
	size_t nd, depts_cap;
	struct opflow__index dept_index;

	/* The topological layout: built by the first analysis (or by
	 * opflow_graph_prepare) in one block and published atomically, so
	 * that analyses running at once on the graph share it (one wins the
	 * race to publish, the others free theirs); adding or removing
	 * activities or flows drops it, other edits keep it up to date. */
	_Atomic(struct opflow__layout *) layout;
	/* The working block of the last analysis (analysis.c), kept for the
	 * next one so that repeated analyses neither allocate nor touch fresh
	 * pages: taken and given back atomically (an analysis that finds it
	 * taken allocates its own), dropped with the layout. */
	_Atomic(struct opflow__work_block *) work_block;
	/* The last freed result of its analyses (analysis.c), kept for the
	 * next one in a slot shared by the graph and its results: created by
	 * the first analysis, dropped with the layout, closed with the graph
	 * and freed with the last result. */
	_Atomic(struct opflow__recycler *) recycler;

	/* Progress and date constraints by activity id (tracking.c): the
	 * first track_len activities have an entry, the others none set;
	 * NULL until one is set.  track_actuals and track_limits count the
	 * activities with some actual (or remaining duration) and with some
	 * date constraint. */
	struct opflow__track *track;
	size_t track_len, track_cap;
	size_t track_actuals, track_limits;

	/* Calendars (calendars.c), by id; the default calendar and each
	 * department's and activity's own as id + 1 (0: none), the arrays
	 * by id as long as the last one set; the project start of a dated
	 * graph and its unit in seconds (0: 3600). */
	struct opflow__calendar **cals;
	size_t ncal, cals_cap;
	uint32_t default_cal;
	uint32_t *dept_cal, *act_cal;
	size_t dept_cal_len, dept_cal_cap, act_cal_len, act_cal_cap;
	int dated;
	int64_t start, unit;
};

/* An activity's progress and date constraints: v[f] for each
 * opflow_tracking f whose bit is in set. */
#define OPFLOW__TRACK_FIELDS 7
struct opflow__track {
	double v[OPFLOW__TRACK_FIELDS];
	uint8_t set;
};
#define OPFLOW__TRACK_ACTUALS 0x07u     /* actual start, finish, remaining */
#define OPFLOW__TRACK_LIMITS 0x78u      /* the four date constraints */

/* tracking.c: the entry of id, or NULL when nothing is set for it. */
static inline const struct opflow__track *opflow__track_of(
	const opflow_graph *g, uint32_t id)
{
	return id < g->track_len && g->track[id].set ? &g->track[id] : NULL;
}
/* Whether entry t (may be NULL) sets tracking field f. */
static inline int opflow__track_has(const struct opflow__track *t, int f)
{
	return t && (t->set & (1u << f));
}
/* Keeps the entries in step with activities removed: one (id), or every
 * one whose gone[] is set; then recounts. */
void opflow__track_remove(opflow_graph *g, uint32_t id);
void opflow__track_compact(opflow_graph *g, const uint8_t *gone);
/* A copy of src's entries into g (a clone); OPFLOW_ENOMEM. */
int opflow__track_copy(opflow_graph *g, const opflow_graph *src);
/* 1 when a and b hold the same entries. */
int opflow__track_equal(const opflow_graph *a, const opflow_graph *b);

/* instants and calendars (instant.c, calendar.c, calendars.c) */
#include "calendar.h"

/* The position of an activity's values in an analysis. */
#define OPFLOW__AT(a, id) ((a)->pos[id])

static inline const char *opflow__key(const opflow_graph *g, uint32_t id)
{
	return g->acts[id].key;
}

/* The flow of that source, target and type, or OPFLOW_NONE; sets no
 * error. */
uint32_t opflow__find_flow(const opflow_graph *g, uint32_t source,
                           uint32_t target, int type);

/* Validates an activity id (sets the error). */
int opflow__check_activity(const opflow_graph *g, opflow_id id,
                           const char *func);

/* Shared by the files of the graph (graph.c, keys.c, activity.c, flow.c,
 * department.c, bulk.c).  Validation: each sets the error. */
int opflow__check_flow_id(const opflow_graph *g, opflow_id id,
                          const char *func);
int opflow__check_dept_id(const opflow_graph *g, opflow_id id,
                          const char *func);
int opflow__check_category(int c);
int opflow__check_kind(int k);
int opflow__check_flow_type(int t);
int opflow__check_lag(double lag);
/* Names the activity or flow in the message just set. */
int opflow__about_activity(const opflow_graph *g, uint32_t id, int rc);
/* -0 becomes 0, so that saved files and comparisons see one zero. */
static inline double opflow__plus_zero(double d)
{
	return d == 0 ? 0.0 : d;
}
char *opflow__copy_text(const char *s, size_t len);

/* Open-addressing indexes over the graph's arrays. */
typedef uint32_t (*opflow__hash_fn)(const opflow_graph *g, uint32_t id);
void opflow__index_put(struct opflow__index *ix, uint32_t h, uint32_t id);
/* Refills the index with ids 0 .. count-1; it has room. */
void opflow__index_fill(struct opflow__index *ix, size_t count,
                        opflow__hash_fn hash, const opflow_graph *g);
/* Makes room for count entries, rehashing ids 0 .. current-1; on failure
 * the index is as it was. */
int opflow__index_reserve(struct opflow__index *ix, size_t count,
                          size_t current, opflow__hash_fn hash,
                          const opflow_graph *g);
uint32_t opflow__hash_act(const opflow_graph *g, uint32_t id);
uint32_t opflow__hash_flow(const opflow_graph *g, uint32_t id);
uint32_t opflow__hash_dept(const opflow_graph *g, uint32_t id);
uint32_t opflow__flow_hash(uint32_t s, uint32_t t, uint32_t type);
/* The activity of that key (its hash h), or OPFLOW_NONE. */
uint32_t opflow__find_key(const opflow_graph *g, const char *key,
                          size_t len, uint32_t h);
/* Hints for looking many keys up at once (nothing depends on them):
 * fetch ahead the activities of the first slots where a key of hash h is
 * looked for, then, once those are in, the bytes of the key of the first
 * of them whose stored hash is h. */
void opflow__fetch_key_acts(const opflow_graph *g, uint32_t h);
void opflow__fetch_key_bytes(const opflow_graph *g, uint32_t h);
/* The department of that key (its hash h), or OPFLOW_NONE. */
uint32_t opflow__find_dept(const opflow_graph *g, const char *key,
                           size_t len, uint32_t h);

/* A change to attributes only (the layout stays), or to the topology. */
static inline void opflow__changed(opflow_graph *g)
{
	g->generation++;
}
/* A change to what the passes read of activity id (duration, estimate,
 * kind, department): the layout stays, and takes the new values
 * (opflow__layout_set_activity, layout.c). */
void opflow__layout_set_activity(opflow_graph *g, uint32_t id);
static inline void opflow__activity_changed(opflow_graph *g, uint32_t id)
{
	g->generation++;
	opflow__layout_set_activity(g, id);
}
void opflow__drop_layout(opflow_graph *g);
/* Rebuilds every activity's lists of incoming and outgoing flows. */
void opflow__relink(opflow_graph *g);
void opflow__link_flow(opflow_graph *g, uint32_t f);

/* department.c: a department to intern, either one that exists or a new
 * one whose key copy and table room are reserved. */
struct opflow__dept_plan {
	uint32_t id;
	char *key;
	size_t len;
	uint32_t hash;
};
int opflow__dept_prepare(opflow_graph *g, struct opflow__dept_plan *plan,
                         const char *key, size_t len);
uint32_t opflow__dept_commit(opflow_graph *g, struct opflow__dept_plan *plan);

/* keys.c: the key store.  A key stays at its address until its activity
 * is removed.  A reservation makes room for keys of `bytes` bytes in all
 * (NULs included) without changing what the graph holds; committing it
 * opens its fresh chunk, if any; opflow__keys_rollback undoes the keys
 * stored since the commit (a failed bulk add). */
struct opflow__key_plan {
	struct opflow__key_chunk *fresh;    /* NULL: the open chunk has room */
	struct opflow__key_chunk *prev_open;
	size_t prev_used, stored;
};
int opflow__keys_reserve(opflow_graph *g, struct opflow__key_plan *plan,
                         size_t bytes);
void opflow__keys_commit(opflow_graph *g, struct opflow__key_plan *plan);
void opflow__keys_abandon(struct opflow__key_plan *plan);
/* Copies a key (len bytes, then NUL) into the reserved room. */
const char *opflow__keys_store(opflow_graph *g,
                               struct opflow__key_plan *plan,
                               const char *key, size_t len);
void opflow__keys_rollback(opflow_graph *g, struct opflow__key_plan *plan);
/* Gives back the bytes of a removed activity's key. */
void opflow__keys_release(opflow_graph *g, const char *key, size_t len);
void opflow__keys_free(opflow_graph *g);
/* Copies every activity's key, NUL included, back to back into dst
 * (g->keys_len bytes), the offset of each by id in off: the names a
 * result keeps so that it outlives the graph. */
void opflow__keys_copy(size_t *off, char *dst, const opflow_graph *g);

/* ---------------------------------------------------------- analysis.c */

#define OPFLOW__FIGURES 29

struct opflow_analysis {
	size_t n, nd;
	/* late times are computed against the lead time T; shift = H - T
	 * is added to them, to total floats and to the horizon term of free
	 * float on access (DESIGN, "Rounding") */
	double tolerance, horizon, shift;
	double eps;             /* floats within eps of 0 are reported as 0 */
	opflow_analysis_options options;    /* as given, at version 1 */
	/* Per activity, by position in the topological order the passes ran
	 * in, so that nothing is scattered into id order: pos maps an id to
	 * its position, order a position to its id.  lf is the late finish
	 * against T; EF = ES + dur, LF = lf + shift, LS = LF - dur and the
	 * rounded TF are computed on access.  drive_src holds an id. */
	uint32_t *pos, *order;
	double *es, *lf, *dur, *free_float, *drive_lag;
	uint32_t *drive_flow, *drive_src;
	uint8_t *drive_type, *flags, *stage;
	size_t *key_off;                /* by id */
	char *keys;
	/* departments as analysed */
	size_t *dkey_off;
	char *dkeys;
	double *crit_by_dept;   /* nd + 1: the last is "no department" */
	double crit_by_kind[2];
	double figure[OPFLOW__FIGURES];
	uint32_t absent;        /* bit f: figure f is absent */
	/* critical chains: root-to-leaf paths of the forest of driving flows
	 * among critical activities; leaves in chain order (positions, as
	 * everything below); chain_parent is OPFLOW_NONE for the others,
	 * chain_depth set for the critical activities alone */
	uint32_t *chain_parent, *chain_depth;
	size_t chains;
	uint32_t *chain_leaf;
	/* tight flows among critical activities, rows by source position,
	 * each ordered by (early start, id) of the target; the roots in that
	 * order too */
	size_t critical, path_roots;
	uint32_t *tight_off, *tight_dst, *path_root;
	/* handoff matrix entries, by (from, to) */
	size_t handoffs;
	uint32_t *hand_from, *hand_to;
	size_t *hand_count;
	/* which graph, for exporters */
	uint64_t graph_serial, graph_generation;
	void *var_mem;          /* chains, tight rows, handoffs */
	/* the bytes of the block and of var_mem; the graph's slot, where
	 * opflow_analysis_free leaves the result for the next analysis
	 * (NULL: freed then) */
	size_t bytes, var_bytes;
	struct opflow__recycler *recycler;
	/* An analysis with a status date or date constraints (progress.c):
	 * lf holds the late finish as reported, and the rest by position:
	 * EF, LS, the total float as reported, the remaining start, the
	 * work left and the state.  NULL arrays in a plain analysis. */
	int progress;
	double *p_ef, *p_ls, *p_tf, *p_rs, *p_rem;
	uint8_t *p_state;
	void *prog_mem;
	/* An analysis of a dated graph (dated.c), reported as one with
	 * progress is, and its instants: the project start and finish, the
	 * unit, and by position start, finish, late start, late finish. */
	int dated;
	int64_t d_start, d_finish, d_unit;
	int64_t *d_inst;
	uint8_t *d_tight;       /* by flow id: its slack is 0 */
};
#define OPFLOW__CRIT 1u
#define OPFLOW__NEAR 2u

/* The working memory of one analysis: a single block, freed before the
 * analysis returns.  Arrays "by position" follow the topological layout. */
#define TIGHT_WORDS(m) (((size_t)(m) + 63) / 64)

struct opflow__work {
	const opflow_graph *g;
	const struct opflow__layout *L;
	double *dur, *es, *lf, *aux;    /* by position */
	uint32_t *u32;                  /* by position */
	uint8_t *mark;                  /* by position */
	/* critical structure, by id; which in-row entries are tight pairs
	 * (TIGHT_WORDS(m) words) */
	uint32_t *sorted, *tmp, *first_child, *next_sib, *seen;
	uint64_t *tight_bits;
	/* the critical positions in id order (critical count), for scope;
	 * whether the result's durations are the activities' own (no PERT
	 * means, progress or dates), so that scope reads them in place */
	uint32_t *crit_by_id;
	int own_durations;
	uint32_t root_head;
	size_t critical, leaves, tight, roots;
	/* handoffs: counted in a dense department-by-department matrix when
	 * that is small, else as (from, to) pairs sorted by counting */
	const uint32_t *dept_p;         /* department by position (layout's) */
	int dense;
	uint32_t *matrix;               /* nd * nd, dense */
	uint32_t *pairs, *pairs_tmp, *dept_count;   /* sparse */
	uint8_t *dept_seen;
	size_t handoffs, entries;
	struct opflow__work_block *block;   /* the graph's, or its own */
	/* progress (progress.c), by position: the state, the work left, the
	 * early finish and the remaining start; logic as opflow_logic */
	int progress, logic, has_status;
	double status_date, bound;
	uint8_t *p_state;
	double *p_r, *p_ef, *p_rs;
	void *p_mem;
	/* a dated analysis (dated.c): its block, the slack of each in-row
	 * entry in units (0: tight), the production span */
	void *d_mem;
	double *d_slack;
	double d_span;
	/* a simulation's (NULL in an analysis): by position, the work left
	 * is the drawn duration x times the scale r0 / d0, or p_r0 where
	 * that is < 0 (opflow__progress_scales; d0 the plan's duration) */
	const double *p_scale, *p_r0, *p_d0;
};
#define OPFLOW__MARK_PROD 1u
#define OPFLOW__MARK_REACHED 2u  /* some production activity reaches it */
#define OPFLOW__MARK_REACHES 4u  /* it reaches some production activity */
#define OPFLOW__MARK_CRIT 8u

/* Frees the working block and the freed result a graph keeps (with its
 * layout, when the topology changes or a plain layout is dropped); at the
 * end, closes the result slot
 * (opflow_graph_free). */
void opflow__kept_drop(opflow_graph *g);
void opflow__kept_close(opflow_graph *g);

/* The out-of-range error for the time "what" of the activity at pos. */
int opflow__not_finite(const struct opflow__work *w, uint32_t pos,
                       const char *what);
void opflow__set_absent(opflow_analysis *a, opflow_figure f);

/* ------------------------------------------------------------ passes.c */

/* The passes over a layout, durations by position.  They return 0, or
 * OPFLOW_ERANGE with *bad the position whose time is not finite (no error
 * is set: the caller names the activity). */
int opflow__forward(const struct opflow__layout *L, const double *dur,
                    double *es, double *lead_time, uint32_t *bad);
int opflow__backward(const struct opflow__layout *L, const double *dur,
                     double horizon, double *lf, uint32_t *bad);
double opflow__slack(int type, double es_a, double d_a, double lag,
                     double es_b, double d_b);
/* Marks the critical positions of the schedule in w (total float within
 * tol of the least, floats within eps of 0 counted as 0); returns min TF. */
double opflow__mark_critical(struct opflow__work *w, double tol,
                             double eps);
/* f, or 0 when it is within tol of 0: the rounding of every float. */
double opflow__round_float(double f, double tol);
/* The reported total float at position k of a. */
double opflow__total_float(const opflow_analysis *a, uint32_t k);
double opflow__default_tolerance(double lead_time);
/* The critical tolerance of a schedule of lead time T under o (the
 * caller's, or the default) and the rounding tolerance (the default, or
 * the caller's when smaller). */
void opflow__tolerances(double *tol, double *eps, double lead_time,
                        const opflow_analysis_options *o);
/* Marks the activities some production activity reaches (w->mark). */
void opflow__reached(struct opflow__work *w);
/* The backward pass of the main schedule against the lead time T, with
 * the least slack of each activity's outgoing constraints at early times
 * (w->aux; +inf without any), driving flows (out-row index in w->u32,
 * source position in w->tmp) and the marks of the activities that reach
 * production. */
int opflow__backward_full(struct opflow__work *w, double T, double tol,
                          uint32_t *bad);
/* The reported free float from the least outgoing slack, the horizon term
 * T - EF, the unshifted total float, the shift H - T and eps. */
double opflow__free_float(double slack, double end, double tf, double shift,
                          double eps);
/* The lead time of the production activities and the flows among them
 * (their early starts in start[], or w->aux). */
double opflow__span(const struct opflow__layout *L, const double *dur,
                    double *start);
/* opflow__backward against the lead time T, replacing each early start
 * in es by the total float rounded with eps; the least in *min_tf. */
int opflow__backward_floats(const struct opflow__layout *L, const double *dur,
                            double T, double eps, double *lf, double *es,
                            double *min_tf, uint32_t *bad);
/* opflow__forward and opflow__span in one pass. */
int opflow__forward_span(const struct opflow__layout *L, const double *dur,
                         double *es, double *start, double *lead_time,
                         double *span, uint32_t *bad);
double opflow__production_span(struct opflow__work *w);

/* ------------------------------------------------------------- dated.c */

/* The analysis of a dated graph over w (durations in w->dur, marks of
 * production set): fills a's times, floats, flags and driving flows, its
 * instants and the working lead time, w->es and w->p_ef in elapsed
 * units, w->d_slack and w->d_span; the lead time in elapsed units. */
int opflow__dated(struct opflow__work *w, opflow_analysis *a,
                  const opflow_analysis_options *o, double *lead_time);

/* ---------------------------------------------------------- progress.c */

/* Whether an analysis under o must take progress or date constraints
 * into account. */
int opflow__progress_wanted(const opflow_graph *g,
                            const opflow_analysis_options *o);
/* Prepares w for the progress passes under o (states, checked against
 * the status date): 0, or OPFLOW_EINVAL naming the activity, or
 * OPFLOW_ENOMEM. */
int opflow__progress_init(struct opflow__work *w,
                          const opflow_analysis_options *o);
void opflow__progress_free(struct opflow__work *w);
/* The forward pass with progress over w->dur: w->es, the early finishes,
 * remaining starts and work left; the forecast lead time in *T. */
int opflow__progress_forward(struct opflow__work *w, double *T,
                             uint32_t *bad);
/* The backward pass over unfinished work against T (late constraints
 * moved by shift = H - T), into w->lf; marks the activities that reach
 * production. */
/* The production span of the forecast: the forward pass with progress
 * over the production activities and the flows among them alone, after
 * opflow__progress_forward (which gives the work left); sa and fa, n
 * each, hold the starts and finishes as flows read them. */
double opflow__progress_span(const struct opflow__work *w, double *sa,
                             double *fa);
/* For a simulation with progress, by position over w->dur (the plan's
 * durations): r0, the work left as the analysis computes it (0 when
 * completed), and scale, r0 / d for unfinished work (1 where r0 = d,
 * so that work of duration 0 not started draws as in the plan), -1 for
 * completed work and where d = 0 < r0 (the work left stays r0 whatever
 * is drawn). */
void opflow__progress_scales(const struct opflow__work *w, double *r0,
                             double *scale);
int opflow__progress_backward(struct opflow__work *w, double T, double shift,
                              uint32_t *bad);
/* The slack at early times of in-row entry e of position k; +inf for a
 * flow the progress passes do not keep. */
double opflow__progress_slack(const struct opflow__work *w, uint32_t e,
                              uint32_t k);
/* The total float of position k before the shift, rounded with eps;
 * +inf for a completed activity. */
double opflow__progress_tf(const struct opflow__work *w, uint32_t k,
                           double eps);
/* Marks the critical unfinished positions; returns their least TF. */
double opflow__progress_mark_critical(struct opflow__work *w, double tol,
                                      double eps);
/* Fills the per-activity values of a from w after the passes. */
int opflow__progress_fill(struct opflow__work *w, opflow_analysis *a,
                          double T, double tol, double eps, double min_tf,
                          double near);
/* PERT's standard deviation factor of position k (r / d; 1 without
 * progress, 0 for completed work). */
double opflow__progress_sd_scale(const struct opflow__work *w, uint32_t k);

/* ---------------------------------------------------------- critical.c */

/* The critical chains (the forest of driving flows among critical
 * activities) and the counts of leaves, tight flows and path roots in w;
 * then, once alloc_variable reserved room for them, their contents. */
void opflow__critical_count(opflow_analysis *a, struct opflow__work *w,
                            double tol);
void opflow__critical_fill(opflow_analysis *a, struct opflow__work *w);

/* ----------------------------------------------------------- results.c */

/* OPFLOW_EMISUSE unless a is an analysis of g as it is now. */
int opflow__check_pair(const opflow_graph *g, const opflow_analysis *a,
                       const char *fn);
/* Whether a flow of the analysed graph is tight (its constraint holds
 * with equality, within the tolerance) between two critical activities. */
struct opflow__flow;
int opflow__flow_tight(const opflow_analysis *a, const struct opflow__flow *f,
                       uint32_t id);

/* ------------------------------------------------------------- scope.c */

/* Whether the handoff matrix is counted densely (nd * nd cells within a
 * bound linear in the graph). */
int opflow__handoff_dense(const opflow_graph *g);
/* The number of handoffs (flows between two different departments). */
size_t opflow__count_handoffs(const opflow_graph *g);
/* Counts the handoffs by class (figures of a) and by pair of departments
 * in w, and the number of matrix entries. */
void opflow__handoff_count(struct opflow__work *w, opflow_analysis *a);
/* Fills the handoff matrix of a (room for w->entries is reserved). */
void opflow__handoff_fill(const struct opflow__work *w, opflow_analysis *a);
/* Scope, customer and collaboration figures and the critical time by
 * department and kind (needs a->flags and a->dur). */
void opflow__scope(opflow_analysis *a, const struct opflow__work *w);

/* ---------------------------------------------- simulate.c, simstats.c */

/* A simulation's result: one block for everything but the samples. */
struct opflow_simulation {
	uint64_t iterations, ranked;    /* ranked: sensitivity iterations */
	opflow_simulation_options options;  /* as run, at version 1 */
	int has_deadline, has_span;
	double deadline, probability;
	/* by measure: samples in iteration order and sorted, mean, sd */
	double *samples[2], *sorted[2];
	double mean[2], stddev[2];
	/* by activity id */
	size_t n;
	double *criticality, *sensitivity;
	size_t *key_off;
	char *keys;
	void *sample_mem;
};

/* Sorts keys[0..n) (doubles as order-preserving integers, see
 * opflow__order_key) carrying idx[] along, through the scratch arrays
 * of n elements each; stable. */
uint64_t opflow__order_key(double x);
void opflow__radix_sort(uint64_t *keys, uint32_t *idx, size_t n,
                        uint64_t *key_tmp, uint32_t *idx_tmp);
/* The average ranks (1-based) of x[0..n) into rank[], through scratch
 * arrays of n elements each; returns 0 when every x is the same. */
int opflow__ranks(double *rank, const double *x, size_t n, uint64_t *keys,
                  uint32_t *idx, uint64_t *key_tmp, uint32_t *idx_tmp);
/* Spearman's correlation from the ranks of both sides (n >= 2, neither
 * constant). */
double opflow__rank_correlation(const double *rx, const double *ry, size_t n);
/* The statistics of the samples of each measure: sorted copies, mean,
 * standard deviation, probability; OPFLOW_ERANGE when not finite. */
int opflow__simulation_stats(opflow_simulation *s);

/* ---------------------------------------------------------- analysis.c */

/* OPFLOW_EINVAL, naming the field, unless o holds valid analysis options. */
int opflow__check_analysis_options(const opflow_analysis_options *o);
/* o (of its version, checked) as options of the current version. */
void opflow__analysis_options_full(opflow_analysis_options *full,
                                   const opflow_analysis_options *o);

/* -------------------------------------------------------------- risk.c */

double opflow__pert_mean(const struct opflow__activity *x);
/* PERT figures; may overwrite the working arrays of w.  means_are_main
 * says the schedule in w already used the PERT means; without any
 * estimate every variance is 0, and so is the standard deviation. */
int opflow__pert(struct opflow__work *w, opflow_analysis *a,
                 const opflow_analysis_options *o, int means_are_main,
                 int any_estimate, double main_tol);

#endif /* OPFLOW_INTERNAL_H */
