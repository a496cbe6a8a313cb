/*
 * opflow.h - the public interface of libopflow.
 *
 * libopflow builds value-chain graphs of activities joined by flows, tags
 * every activity as a production or an operation activity, and computes the
 * scope and timeframe metrics that tell the production process apart from
 * the whole operation process.  See libopflow(7) for the concepts and
 * libopflow(3) for this interface by task.
 *
 * This header is C99 and C++11.  Every fallible function returns 0 or a
 * negative OPFLOW_E* code; the details of the last error are kept per thread
 * (opflow_error_message()).  Outputs come first, then the subject, then the
 * inputs.
 */
#ifndef OPFLOW_H
#define OPFLOW_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- export */

#if defined(_WIN32) || defined(__CYGWIN__)
#  if defined(OPFLOW_STATIC)
#    define OPFLOW_EXTERN extern
#  elif defined(OPFLOW_BUILDING)
#    define OPFLOW_EXTERN extern __declspec(dllexport)
#  else
#    define OPFLOW_EXTERN extern __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define OPFLOW_EXTERN extern __attribute__((visibility("default")))
#else
#  define OPFLOW_EXTERN extern
#endif

/* --------------------------------------------------------------- version */

/* The package version lives here alone; configure.ac reads it. */
#define OPFLOW_VERSION_MAJOR 1
#define OPFLOW_VERSION_MINOR 5
#define OPFLOW_VERSION_PATCH 0
#define OPFLOW_VERSION "1.5.0"
/* major * 10000 + minor * 100 + patch */
#define OPFLOW_VERSION_NUMBER 10500

OPFLOW_EXTERN const char *opflow_version(void);
OPFLOW_EXTERN int opflow_version_number(void);

/* ---------------------------------------------------------------- errors */

/* Numbers are fixed forever; new codes are appended. */
typedef enum opflow_status {
	OPFLOW_OK = 0,
	OPFLOW_ENOMEM = -1,     /* out of memory */
	OPFLOW_EINVAL = -2,     /* invalid argument, NULL pointers included */
	OPFLOW_ENOTFOUND = -3,  /* no such activity, flow, department; absent figure */
	OPFLOW_EEXISTS = -4,    /* key or flow already exists */
	OPFLOW_ECYCLE = -5,     /* the graph has a directed cycle */
	OPFLOW_EPARSE = -6,     /* malformed input text */
	OPFLOW_EIO = -7,        /* reading or writing failed */
	OPFLOW_ERANGE = -8,     /* out of range, overflow, non-finite result */
	OPFLOW_EMISUSE = -9,    /* call not allowed in the current state */
	OPFLOW_ECANCELED = -10  /* a progress callback asked to stop */
} opflow_status;

OPFLOW_EXTERN const char *opflow_strerror(int code);

/* Details of the last failed call on the calling thread.  A successful
 * call does not clear them; opflow_error_clear() does.  The message is
 * never NULL ("" when there is none); line and column are 0 but for a
 * parse error; the cycle details are empty but for OPFLOW_ECYCLE, and
 * opflow_error_cycle_key() is NULL past their end.  Strings stay valid
 * until the next failing call on the thread. */
OPFLOW_EXTERN int opflow_error_code(void);
OPFLOW_EXTERN const char *opflow_error_message(void);
OPFLOW_EXTERN size_t opflow_error_line(void);
OPFLOW_EXTERN size_t opflow_error_column(void);
OPFLOW_EXTERN size_t opflow_error_cycle_length(void);
OPFLOW_EXTERN const char *opflow_error_cycle_key(size_t index);
OPFLOW_EXTERN uint32_t opflow_error_cycle_id(size_t index);
OPFLOW_EXTERN void opflow_error_clear(void);

/* ------------------------------------------------------------- allocator */

typedef void *(*opflow_malloc_fn)(size_t size, void *ctx);
typedef void *(*opflow_realloc_fn)(void *ptr, size_t size, void *ctx);
typedef void (*opflow_free_fn)(void *ptr, void *ctx);

/* Process-wide; refused with OPFLOW_EMISUSE while any memory the library
 * allocated is still live.  All three NULL restores malloc, realloc, free. */
OPFLOW_EXTERN int opflow_set_allocator(opflow_malloc_fn malloc_fn,
                                       opflow_realloc_fn realloc_fn,
                                       opflow_free_fn free_fn, void *ctx);
/* Frees memory the library handed to the caller (strings, buffers). */
OPFLOW_EXTERN void opflow_free(void *ptr);

/* ----------------------------------------------------------- enumerations */

typedef uint32_t opflow_id;
/* "no activity", "no flow", "no department" */
#define OPFLOW_NONE ((opflow_id)0xFFFFFFFFu)

/* Longest activity or department key, in bytes. */
#define OPFLOW_KEY_MAX 1024
/* Longest label or department display name, in bytes. */
#define OPFLOW_TEXT_MAX 65536

typedef enum opflow_kind {
	OPFLOW_KIND_PRODUCTION = 0,
	OPFLOW_KIND_OPERATION = 1
} opflow_kind;

typedef enum opflow_category {
	OPFLOW_CATEGORY_SOURCING = 0,
	OPFLOW_CATEGORY_PROCUREMENT = 1,
	OPFLOW_CATEGORY_MANUFACTURING = 2,
	OPFLOW_CATEGORY_ASSEMBLY = 3,
	OPFLOW_CATEGORY_QUALITY_CONTROL = 4,
	OPFLOW_CATEGORY_PACKAGING = 5,
	OPFLOW_CATEGORY_MARKET_RESEARCH = 6,
	OPFLOW_CATEGORY_PRODUCT_DEVELOPMENT = 7,
	OPFLOW_CATEGORY_MARKETING = 8,
	OPFLOW_CATEGORY_SALES = 9,
	OPFLOW_CATEGORY_LOGISTICS = 10,
	OPFLOW_CATEGORY_DISTRIBUTION = 11,
	OPFLOW_CATEGORY_CUSTOMER_SERVICE = 12,
	OPFLOW_CATEGORY_AFTER_SALES = 13,
	OPFLOW_CATEGORY_OTHER = 14
} opflow_category;

typedef enum opflow_flow_type {
	OPFLOW_FLOW_FS = 0,     /* finish-to-start */
	OPFLOW_FLOW_SS = 1,     /* start-to-start */
	OPFLOW_FLOW_FF = 2,     /* finish-to-finish */
	OPFLOW_FLOW_SF = 3      /* start-to-finish */
} opflow_flow_type;

typedef enum opflow_stage {
	OPFLOW_STAGE_PRODUCTION = 0,
	OPFLOW_STAGE_PRE_PRODUCTION = 1,
	OPFLOW_STAGE_POST_PRODUCTION = 2,
	OPFLOW_STAGE_INTERLEAVED = 3,
	OPFLOW_STAGE_INDEPENDENT = 4
} opflow_stage;

typedef enum opflow_scor {
	OPFLOW_SCOR_PLAN = 0,
	OPFLOW_SCOR_SOURCE = 1,
	OPFLOW_SCOR_MAKE = 2,
	OPFLOW_SCOR_DELIVER = 3,
	OPFLOW_SCOR_RETURN = 4,
	OPFLOW_SCOR_ENABLE = 5,
	OPFLOW_SCOR_NONE = 6
} opflow_scor;

typedef enum opflow_porter {
	OPFLOW_PORTER_PRIMARY = 0,
	OPFLOW_PORTER_SUPPORT = 1,
	OPFLOW_PORTER_NONE = 2
} opflow_porter;

typedef enum opflow_duration_mode {
	OPFLOW_DURATIONS_DETERMINISTIC = 0,
	OPFLOW_DURATIONS_PERT = 1
} opflow_duration_mode;

/* Progress and date constraints of an activity (DESIGN, "Progress, the
 * status date and date constraints"), read and set with
 * opflow_graph_activity_tracking() and its siblings.  Times are in the
 * graph's unit, from the project start. */
typedef enum opflow_tracking {
	OPFLOW_TRACK_ACTUAL_START = 0,
	OPFLOW_TRACK_ACTUAL_FINISH = 1,
	OPFLOW_TRACK_REMAINING = 2,             /* duration left, >= 0 */
	OPFLOW_TRACK_START_NO_EARLIER_THAN = 3,
	OPFLOW_TRACK_FINISH_NO_EARLIER_THAN = 4,
	OPFLOW_TRACK_START_NO_LATER_THAN = 5,
	OPFLOW_TRACK_FINISH_NO_LATER_THAN = 6
} opflow_tracking;

/* The state of an activity at the status date. */
typedef enum opflow_state {
	OPFLOW_STATE_NOT_STARTED = 0,
	OPFLOW_STATE_IN_PROGRESS = 1,
	OPFLOW_STATE_COMPLETED = 2
} opflow_state;

/* How the remaining work of an in-progress activity obeys its incoming
 * flows: as a not-started activity would (retained logic), or not at
 * all (progress override). */
typedef enum opflow_logic {
	OPFLOW_LOGIC_RETAINED = 0,
	OPFLOW_LOGIC_OVERRIDE = 1
} opflow_logic;

/* The figures of an analysis, read with opflow_analysis_figure(). */
typedef enum opflow_figure {
	OPFLOW_FIGURE_ACTIVITIES = 0,
	OPFLOW_FIGURE_PRODUCTION_ACTIVITIES = 1,
	OPFLOW_FIGURE_OPERATION_ACTIVITIES = 2,
	OPFLOW_FIGURE_EFFORT = 3,
	OPFLOW_FIGURE_PRODUCTION_EFFORT = 4,
	OPFLOW_FIGURE_PRODUCTION_SHARE = 5,
	OPFLOW_FIGURE_PRODUCTION_EFFORT_SHARE = 6,
	OPFLOW_FIGURE_DEPARTMENTS = 7,
	OPFLOW_FIGURE_PRODUCTION_DEPARTMENTS = 8,
	OPFLOW_FIGURE_CATEGORIES = 9,
	OPFLOW_FIGURE_PRODUCTION_CATEGORIES = 10,
	OPFLOW_FIGURE_CUSTOMER_FACING = 11,
	OPFLOW_FIGURE_CUSTOMER_FACING_EFFORT = 12,
	OPFLOW_FIGURE_HANDOFFS = 13,
	OPFLOW_FIGURE_PRODUCTION_HANDOFFS = 14,
	OPFLOW_FIGURE_BOUNDARY_HANDOFFS = 15,
	OPFLOW_FIGURE_OPERATION_HANDOFFS = 16,
	OPFLOW_FIGURE_LEAD_TIME = 17,
	OPFLOW_FIGURE_PRODUCTION_START = 18,
	OPFLOW_FIGURE_PRODUCTION_END = 19,
	OPFLOW_FIGURE_PRODUCTION_WINDOW = 20,
	OPFLOW_FIGURE_PRE_PRODUCTION = 21,
	OPFLOW_FIGURE_POST_PRODUCTION = 22,
	OPFLOW_FIGURE_PRODUCTION_SPAN = 23,
	OPFLOW_FIGURE_TIMEFRAME_RATIO = 24,
	OPFLOW_FIGURE_PERT_LEAD_TIME = 25,
	OPFLOW_FIGURE_PERT_STDDEV = 26,
	OPFLOW_FIGURE_PERT_PROBABILITY = 27,
	/* since 1.4: the lead time in working units of the graph's default
	 * calendar (absent for an undated graph) */
	OPFLOW_FIGURE_WORKING_LEAD_TIME = 28
} opflow_figure;

/* Names as DESIGN fixes them ("production", "quality-control", "FS",
 * "pre-production", "lead_time", ...).  *_name() returns NULL for an
 * unknown value; *_from_name() returns OPFLOW_EINVAL for an unknown name. */
OPFLOW_EXTERN const char *opflow_kind_name(opflow_kind kind);
OPFLOW_EXTERN int opflow_kind_from_name(opflow_kind *out, const char *name);
OPFLOW_EXTERN const char *opflow_category_name(opflow_category category);
OPFLOW_EXTERN int opflow_category_from_name(opflow_category *out,
                                            const char *name);
OPFLOW_EXTERN const char *opflow_flow_type_name(opflow_flow_type type);
OPFLOW_EXTERN int opflow_flow_type_from_name(opflow_flow_type *out,
                                             const char *name);
OPFLOW_EXTERN const char *opflow_stage_name(opflow_stage stage);
OPFLOW_EXTERN int opflow_stage_from_name(opflow_stage *out, const char *name);
OPFLOW_EXTERN const char *opflow_scor_name(opflow_scor scor);
OPFLOW_EXTERN int opflow_scor_from_name(opflow_scor *out, const char *name);
OPFLOW_EXTERN const char *opflow_porter_name(opflow_porter porter);
OPFLOW_EXTERN int opflow_porter_from_name(opflow_porter *out,
                                          const char *name);
OPFLOW_EXTERN const char *opflow_duration_mode_name(opflow_duration_mode mode);
OPFLOW_EXTERN int opflow_duration_mode_from_name(opflow_duration_mode *out,
                                                 const char *name);
OPFLOW_EXTERN const char *opflow_figure_name(opflow_figure figure);
OPFLOW_EXTERN int opflow_figure_from_name(opflow_figure *out,
                                          const char *name);
OPFLOW_EXTERN const char *opflow_tracking_name(opflow_tracking field);
OPFLOW_EXTERN int opflow_tracking_from_name(opflow_tracking *out,
                                            const char *name);
OPFLOW_EXTERN const char *opflow_state_name(opflow_state state);
OPFLOW_EXTERN int opflow_state_from_name(opflow_state *out, const char *name);
OPFLOW_EXTERN const char *opflow_logic_name(opflow_logic logic);
OPFLOW_EXTERN int opflow_logic_from_name(opflow_logic *out, const char *name);

/* The category table: default kind and customer-facing flag, SCOR process,
 * Porter class and Porter activity ("procurement", "operations", ...; NULL
 * for "other").  Any output may be NULL. */
OPFLOW_EXTERN int opflow_category_info(opflow_kind *kind, int *customer_facing,
                                       opflow_scor *scor, opflow_porter *porter,
                                       const char **porter_activity,
                                       opflow_category category);

/* ----------------------------------------------------------------- graph */

typedef struct opflow_graph opflow_graph;

OPFLOW_EXTERN int opflow_graph_new(opflow_graph **out);
OPFLOW_EXTERN void opflow_graph_free(opflow_graph *graph);
OPFLOW_EXTERN int opflow_graph_clone(opflow_graph **out,
                                     const opflow_graph *graph);
/* 1 when equal (activities, flows and departments, in order, doubles
 * bit-exact), 0 when not, a negative code on error. */
OPFLOW_EXTERN int opflow_graph_equal(const opflow_graph *a,
                                     const opflow_graph *b);
/* Lays the graph out in topological order for repeated fast analyses;
 * OPFLOW_ECYCLE when it has a cycle.  Any change to activities or flows
 * drops the layout again. */
OPFLOW_EXTERN int opflow_graph_prepare(opflow_graph *graph);

OPFLOW_EXTERN size_t opflow_graph_activity_count(const opflow_graph *graph);
OPFLOW_EXTERN size_t opflow_graph_flow_count(const opflow_graph *graph);
OPFLOW_EXTERN size_t opflow_graph_department_count(const opflow_graph *graph);

/* Value for the kind and customer_facing fields: take it from the category. */
#define OPFLOW_FROM_CATEGORY (-1)

typedef struct opflow_activity_options {
	unsigned int version;
	int category;           /* opflow_category; OPFLOW_CATEGORY_OTHER */
	int kind;               /* opflow_kind or OPFLOW_FROM_CATEGORY */
	int customer_facing;    /* 0, 1 or OPFLOW_FROM_CATEGORY */
	const char *label;      /* NULL: none */
	const char *department; /* department key, interned; NULL: none */
	int has_duration;       /* explicit duration below */
	double duration;
	int has_estimate;       /* three-point estimate below */
	double optimistic;
	double most_likely;
	double pessimistic;
} opflow_activity_options;

#define OPFLOW_ACTIVITY_OPTIONS_VERSION 1
#define OPFLOW_ACTIVITY_OPTIONS_INIT \
	{ OPFLOW_ACTIVITY_OPTIONS_VERSION, OPFLOW_CATEGORY_OTHER, \
	  OPFLOW_FROM_CATEGORY, OPFLOW_FROM_CATEGORY, NULL, NULL, \
	  0, 0.0, 0, 0.0, 0.0, 0.0 }

OPFLOW_EXTERN int opflow_activity_options_init(opflow_activity_options *opts,
                                               unsigned int version);

OPFLOW_EXTERN int opflow_graph_add_activity(opflow_id *out,
                                            opflow_graph *graph,
                                            const char *key,
                                            opflow_category category);
OPFLOW_EXTERN int opflow_graph_add_activity_ext(
	opflow_id *out, opflow_graph *graph, const char *key,
	const opflow_activity_options *opts);
/* Adds count activities at once, all or none.  keys holds count
 * NUL-terminated keys back to back in keys_size bytes; categories, kinds
 * and durations may each be NULL (other; from the category; no duration). */
OPFLOW_EXTERN int opflow_graph_add_activities(opflow_id *out_first,
                                              opflow_graph *graph,
                                              size_t count, const char *keys,
                                              size_t keys_size,
                                              const int *categories,
                                              const int *kinds,
                                              const double *durations);
OPFLOW_EXTERN int opflow_graph_find_activity(opflow_id *out,
                                             const opflow_graph *graph,
                                             const char *key);
/* Since 1.5: the ids of count activities found by key in one call.  keys
 * holds count NUL-terminated keys back to back in keys_size bytes, as
 * opflow_graph_add_activities reads them; out[i] gets the id of key i.
 * *out_failed (when out_failed is not NULL) gets the place of the first
 * key that is not found or not a valid key, else count.  On that failure
 * out[0..*out_failed) hold the ids found before it; a malformed block
 * writes nothing to out. */
OPFLOW_EXTERN int opflow_graph_find_activities(opflow_id *out,
                                               size_t *out_failed,
                                               const opflow_graph *graph,
                                               size_t count, const char *keys,
                                               size_t keys_size);
/* Removes the activity and its flows; later activities and flows move
 * down one id.  O(activities + flows). */
OPFLOW_EXTERN int opflow_graph_remove_activity(opflow_graph *graph,
                                               opflow_id activity);

/* The key is borrowed: it stays at its address until its activity is
 * removed or the graph freed, whatever else changes. */
OPFLOW_EXTERN int opflow_graph_activity_key(const char **out,
                                            const opflow_graph *graph,
                                            opflow_id activity);
/* *out is NULL when the activity has no label. */
OPFLOW_EXTERN int opflow_graph_activity_label(const char **out,
                                              const opflow_graph *graph,
                                              opflow_id activity);
/* NULL or "" removes the label. */
OPFLOW_EXTERN int opflow_graph_set_activity_label(opflow_graph *graph,
                                                  opflow_id activity,
                                                  const char *label);
OPFLOW_EXTERN int opflow_graph_activity_kind(opflow_kind *out,
                                             const opflow_graph *graph,
                                             opflow_id activity);
OPFLOW_EXTERN int opflow_graph_set_activity_kind(opflow_graph *graph,
                                                 opflow_id activity,
                                                 opflow_kind kind);
OPFLOW_EXTERN int opflow_graph_activity_category(opflow_category *out,
                                                 const opflow_graph *graph,
                                                 opflow_id activity);
OPFLOW_EXTERN int opflow_graph_set_activity_category(opflow_graph *graph,
                                                     opflow_id activity,
                                                     opflow_category category);
/* *out is OPFLOW_NONE when the activity has no department. */
OPFLOW_EXTERN int opflow_graph_activity_department(opflow_id *out,
                                                   const opflow_graph *graph,
                                                   opflow_id activity);
/* Interns the department key; NULL removes the department. */
OPFLOW_EXTERN int opflow_graph_set_activity_department(opflow_graph *graph,
                                                       opflow_id activity,
                                                       const char *department);
OPFLOW_EXTERN int opflow_graph_activity_customer_facing(
	int *out, const opflow_graph *graph, opflow_id activity);
OPFLOW_EXTERN int opflow_graph_set_activity_customer_facing(
	opflow_graph *graph, opflow_id activity, int customer_facing);
/* The duration in use and whether it was set explicitly (1) or derived
 * from the estimate's most likely value, or 0 without one (0). */
OPFLOW_EXTERN int opflow_graph_activity_duration(double *duration,
                                                 int *is_explicit,
                                                 const opflow_graph *graph,
                                                 opflow_id activity);
OPFLOW_EXTERN int opflow_graph_set_activity_duration(opflow_graph *graph,
                                                     opflow_id activity,
                                                     double duration);
/* Makes the duration derived again. */
OPFLOW_EXTERN int opflow_graph_clear_activity_duration(opflow_graph *graph,
                                                       opflow_id activity);
/* *has_estimate is 0 when there is none (the three values are then 0). */
OPFLOW_EXTERN int opflow_graph_activity_estimate(int *has_estimate,
                                                 double *optimistic,
                                                 double *most_likely,
                                                 double *pessimistic,
                                                 const opflow_graph *graph,
                                                 opflow_id activity);
OPFLOW_EXTERN int opflow_graph_set_activity_estimate(opflow_graph *graph,
                                                     opflow_id activity,
                                                     double optimistic,
                                                     double most_likely,
                                                     double pessimistic);
OPFLOW_EXTERN int opflow_graph_clear_activity_estimate(opflow_graph *graph,
                                                       opflow_id activity);

/* Progress and date constraints (opflow_tracking): any finite time, the
 * remaining duration >= 0.  An actual finish needs an actual start no
 * later than it: setting one that breaks this, or clearing the actual
 * start of a finished activity, is OPFLOW_EINVAL and changes nothing.
 * *is_set is 0 (and *value 0) for a field not set; either output may be
 * NULL. */
OPFLOW_EXTERN int opflow_graph_activity_tracking(int *is_set, double *value,
                                                 const opflow_graph *graph,
                                                 opflow_id activity,
                                                 opflow_tracking field);
OPFLOW_EXTERN int opflow_graph_set_activity_tracking(opflow_graph *graph,
                                                     opflow_id activity,
                                                     opflow_tracking field,
                                                     double value);
OPFLOW_EXTERN int opflow_graph_clear_activity_tracking(opflow_graph *graph,
                                                       opflow_id activity,
                                                       opflow_tracking field);

/* Flows have dense ids in insertion order, like activities. */
OPFLOW_EXTERN int opflow_graph_add_flow(opflow_id *out, opflow_graph *graph,
                                        opflow_id source, opflow_id target,
                                        opflow_flow_type type, double lag);
/* Adds count flows at once, all or none; types and lags may be NULL
 * (FS; lag 0). */
OPFLOW_EXTERN int opflow_graph_add_flows(opflow_id *out_first,
                                         opflow_graph *graph, size_t count,
                                         const opflow_id *sources,
                                         const opflow_id *targets,
                                         const int *types, const double *lags);
OPFLOW_EXTERN int opflow_graph_find_flow(opflow_id *out,
                                         const opflow_graph *graph,
                                         opflow_id source, opflow_id target,
                                         opflow_flow_type type);
/* Later flows move down one id.  O(activities + flows). */
OPFLOW_EXTERN int opflow_graph_remove_flow(opflow_graph *graph,
                                           opflow_id flow);
/* Any output may be NULL. */
OPFLOW_EXTERN int opflow_graph_flow(opflow_id *source, opflow_id *target,
                                    opflow_flow_type *type, double *lag,
                                    const opflow_graph *graph,
                                    opflow_id flow);
OPFLOW_EXTERN int opflow_graph_set_flow_lag(opflow_graph *graph,
                                            opflow_id flow, double lag);
/* The flows into (from) an activity, in flow-id order: *out_count gets
 * their number; the first min(count, capacity) ids go to flows, which may
 * be NULL when capacity is 0. */
OPFLOW_EXTERN int opflow_graph_incoming(size_t *out_count, opflow_id *flows,
                                        size_t capacity,
                                        const opflow_graph *graph,
                                        opflow_id activity);
OPFLOW_EXTERN int opflow_graph_outgoing(size_t *out_count, opflow_id *flows,
                                        size_t capacity,
                                        const opflow_graph *graph,
                                        opflow_id activity);

/* Departments: interned keys with their own dense ids, in first-use order,
 * and an optional display name. */
OPFLOW_EXTERN int opflow_graph_intern_department(opflow_id *out,
                                                 opflow_graph *graph,
                                                 const char *key);
OPFLOW_EXTERN int opflow_graph_find_department(opflow_id *out,
                                               const opflow_graph *graph,
                                               const char *key);
OPFLOW_EXTERN int opflow_graph_department_key(const char **out,
                                              const opflow_graph *graph,
                                              opflow_id department);
/* *out is NULL when the department has no display name. */
OPFLOW_EXTERN int opflow_graph_department_name(const char **out,
                                               const opflow_graph *graph,
                                               opflow_id department);
/* NULL or "" removes the display name. */
OPFLOW_EXTERN int opflow_graph_set_department_name(opflow_graph *graph,
                                                   opflow_id department,
                                                   const char *name);
/* Activities in it lose their department; later departments move down. */
OPFLOW_EXTERN int opflow_graph_remove_department(opflow_graph *graph,
                                                 opflow_id department);

/* Since 1.1: many activities or flows at once.  Removes the activities of
 * the count ids (any order, no id twice) and their flows, or the flows,
 * in one pass of O(activities + flows); the others keep their order and
 * move down over the gaps.  All or none: any bad id refuses the call. */
OPFLOW_EXTERN int opflow_graph_remove_activities(opflow_graph *graph,
                                                 const opflow_id *activities,
                                                 size_t count);
OPFLOW_EXTERN int opflow_graph_remove_flows(opflow_graph *graph,
                                            const opflow_id *flows,
                                            size_t count);
/* Since 1.1: the graph read out as columns.  *out_count gets the number
 * of activities (flows); the values of the first min(count, capacity) go
 * to every array that is not NULL, by id.  Keys and labels are borrowed
 * (a label is NULL when there is none); estimates takes three values per
 * activity (optimistic, most likely, pessimistic; 0 without one). */
OPFLOW_EXTERN int opflow_graph_activity_columns(
	size_t *out_count, size_t capacity, const opflow_graph *graph,
	const char **keys, const char **labels, int *kinds, int *categories,
	opflow_id *departments, int *customer_facing, double *durations,
	int *explicit_durations, int *has_estimates, double *estimates);
OPFLOW_EXTERN int opflow_graph_flow_columns(size_t *out_count,
                                            size_t capacity,
                                            const opflow_graph *graph,
                                            opflow_id *sources,
                                            opflow_id *targets, int *types,
                                            double *lags);

/* ------------------------------------------------- dates and calendars */

/* Since 1.4.  Instants are seconds since 1970-01-01T00:00 in the plant's
 * local civil time (no time zone, no daylight-saving jumps), years 1 to
 * 9999.  Parses YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS (a
 * space may stand for the T); OPFLOW_EINVAL names what is wrong. */
OPFLOW_EXTERN int opflow_instant_parse(int64_t *out, const char *text);
/* Room for any instant opflow_instant_format() writes, its NUL included. */
#define OPFLOW_INSTANT_SIZE 24
/* Writes YYYY-MM-DDTHH:MM, with :SS when the seconds are not 0, and a
 * NUL into buf; OPFLOW_ERANGE when size is too small or the year is not
 * 1 to 9999 (buf then holds ""). */
OPFLOW_EXTERN int opflow_instant_format(char *buf, size_t size,
                                        int64_t instant);

/* Calendars of working time belong to the graph, with keys and dense ids
 * of their own in creation order.  A calendar is given by its spec, a
 * text of clauses separated by semicolons: a weekday (mon ... sun), a
 * range of weekdays (mon-fri), a date (2026-12-24) or an inclusive range
 * of dates (2026-12-24..2026-12-26), then either "off" or its working
 * intervals HH:MM-HH:MM at minute resolution, sorted, not overlapping,
 * ending at 24:00 at the latest:
 *     "mon-fri 06:00-14:00 14:00-22:00; sat 06:00-12:00;
 *      2026-12-24..2026-12-26 off; 2026-12-31 06:00-10:00"
 * A weekday not named does not work; a date clause (an exception)
 * replaces the whole day.  Refused with OPFLOW_EINVAL, naming the clause:
 * a weekday named twice, a date in two exceptions, a range ending before
 * it starts, bad, unsorted or overlapping intervals, no working time in
 * the week, more than 48 intervals in a day.  The key is checked as an
 * activity key is (OPFLOW_ERANGE when too long); OPFLOW_EEXISTS for a
 * key in use. */
OPFLOW_EXTERN int opflow_graph_add_calendar(opflow_id *out,
                                            opflow_graph *graph,
                                            const char *key,
                                            const char *spec);
OPFLOW_EXTERN int opflow_graph_set_calendar_spec(opflow_graph *graph,
                                                 opflow_id calendar,
                                                 const char *spec);
OPFLOW_EXTERN size_t opflow_graph_calendar_count(const opflow_graph *graph);
OPFLOW_EXTERN int opflow_graph_find_calendar(opflow_id *out,
                                             const opflow_graph *graph,
                                             const char *key);
/* The key is borrowed until the calendar is removed or the graph freed. */
OPFLOW_EXTERN int opflow_graph_calendar_key(const char **out,
                                            const opflow_graph *graph,
                                            opflow_id calendar);
/* The spec in canonical form (weekdays in order, runs of days with the
 * same intervals as ranges, then the exceptions by date), a new string
 * to release with opflow_free(); out_size (may be NULL) its length. */
OPFLOW_EXTERN int opflow_graph_calendar_spec(char **out, size_t *out_size,
                                             const opflow_graph *graph,
                                             opflow_id calendar);
/* Whoever used it (the graph, departments, activities) falls back to
 * what they would use without it; later calendars move down one id. */
OPFLOW_EXTERN int opflow_graph_remove_calendar(opflow_graph *graph,
                                               opflow_id calendar);

/* Which calendar an activity works on: its own, else its department's,
 * else the graph's default, else none (every instant working, 24/7).
 * OPFLOW_NONE sets or reads "none". */
OPFLOW_EXTERN int opflow_graph_set_default_calendar(opflow_graph *graph,
                                                    opflow_id calendar);
OPFLOW_EXTERN int opflow_graph_default_calendar(opflow_id *out,
                                                const opflow_graph *graph);
OPFLOW_EXTERN int opflow_graph_set_department_calendar(opflow_graph *graph,
                                                       opflow_id department,
                                                       opflow_id calendar);
OPFLOW_EXTERN int opflow_graph_department_calendar(opflow_id *out,
                                                   const opflow_graph *graph,
                                                   opflow_id department);
OPFLOW_EXTERN int opflow_graph_set_activity_calendar(opflow_graph *graph,
                                                     opflow_id activity,
                                                     opflow_id calendar);
/* The activity's own calendar (OPFLOW_NONE: it inherits). */
OPFLOW_EXTERN int opflow_graph_activity_calendar(opflow_id *out,
                                                 const opflow_graph *graph,
                                                 opflow_id activity);
/* The calendar it works on, inheritance resolved (OPFLOW_NONE: 24/7). */
OPFLOW_EXTERN int opflow_graph_activity_working_calendar(
	opflow_id *out, const opflow_graph *graph, opflow_id activity);
/* A flow's lag is working time of its target's calendar, or, marked
 * elapsed (1), plain time. */
OPFLOW_EXTERN int opflow_graph_set_flow_elapsed(opflow_graph *graph,
                                                opflow_id flow, int elapsed);
OPFLOW_EXTERN int opflow_graph_flow_elapsed(int *out,
                                            const opflow_graph *graph,
                                            opflow_id flow);

/* A dated graph has a project start instant and a unit (the seconds in
 * one unit of duration and lag, 1 to 31622400, a year of 366 days; 3600
 * by default); every time of
 * the API stays a double, elapsed units since the start.  *is_dated is 0
 * (and *start 0) for an undated graph; outputs may be NULL. */
OPFLOW_EXTERN int opflow_graph_set_start(opflow_graph *graph, int64_t start);
OPFLOW_EXTERN int opflow_graph_clear_start(opflow_graph *graph);
OPFLOW_EXTERN int opflow_graph_start(int *is_dated, int64_t *start,
                                     const opflow_graph *graph);
OPFLOW_EXTERN int opflow_graph_set_unit(opflow_graph *graph, int64_t seconds);
OPFLOW_EXTERN int opflow_graph_unit(int64_t *out, const opflow_graph *graph);
/* Elapsed units since the graph's start and instants, both ways (the
 * instant rounded to the second, halves away from zero);
 * OPFLOW_EMISUSE on an undated graph, OPFLOW_ERANGE out of range. */
OPFLOW_EXTERN int opflow_graph_instant_of(int64_t *out,
                                          const opflow_graph *graph,
                                          double time);
OPFLOW_EXTERN int opflow_graph_time_of(double *out, const opflow_graph *graph,
                                       int64_t instant);

/* The working axis of a calendar (OPFLOW_NONE: 24/7): the working
 * seconds from t1 to t2 (negative when t2 is before t1); the first
 * instant at which the working time since t reaches seconds (the end of
 * the last worked period; t itself for 0); the last instant at which it
 * is seconds (the start of the next working period).  Negative seconds
 * count back from t.  OPFLOW_ERANGE outside the years 1 to 9999. */
OPFLOW_EXTERN int opflow_calendar_working_time(int64_t *out,
                                               const opflow_graph *graph,
                                               opflow_id calendar,
                                               int64_t t1, int64_t t2);
OPFLOW_EXTERN int opflow_calendar_finish_after(int64_t *out,
                                               const opflow_graph *graph,
                                               opflow_id calendar,
                                               int64_t t, int64_t seconds);
OPFLOW_EXTERN int opflow_calendar_start_after(int64_t *out,
                                              const opflow_graph *graph,
                                              opflow_id calendar,
                                              int64_t t, int64_t seconds);

/* ------------------------------------------------------------ text format */

/* The .opflow text format (opflow(5)).  Loading makes a new graph; every
 * error is OPFLOW_EPARSE with its line and column (or OPFLOW_EIO), and
 * *out is left alone.  data may hold any bytes: a NUL is an error, not an
 * end.  Saved text reads back into an equal graph. */
OPFLOW_EXTERN int opflow_graph_load_buffer(opflow_graph **out,
                                           const char *data, size_t size);
OPFLOW_EXTERN int opflow_graph_load_file(opflow_graph **out, FILE *fp);
OPFLOW_EXTERN int opflow_graph_load_path(opflow_graph **out,
                                         const char *path);
/* *out is NUL-terminated and freed with opflow_free(); out_size may be
 * NULL. */
OPFLOW_EXTERN int opflow_graph_save_buffer(char **out, size_t *out_size,
                                           const opflow_graph *graph);
OPFLOW_EXTERN int opflow_graph_save_file(const opflow_graph *graph, FILE *fp);
OPFLOW_EXTERN int opflow_graph_save_path(const opflow_graph *graph,
                                         const char *path);

/* -------------------------------------------------------------- analysis */

typedef struct opflow_analysis opflow_analysis;

typedef struct opflow_analysis_options {
	unsigned int version;
	int duration_mode;          /* opflow_duration_mode */
	int has_deadline;           /* use deadline as the horizon */
	double deadline;            /* any finite value */
	int has_tolerance;          /* else 1e-9 * max(1, |lead time|) */
	double tolerance;           /* finite, >= 0 */
	double near_critical;       /* threshold, finite, >= 0 */
	/* version 2 */
	int has_status_date;        /* analyse progress at status_date */
	double status_date;         /* any finite value */
	int logic;                  /* opflow_logic */
} opflow_analysis_options;

#define OPFLOW_ANALYSIS_OPTIONS_VERSION 2
#define OPFLOW_ANALYSIS_OPTIONS_INIT \
	{ OPFLOW_ANALYSIS_OPTIONS_VERSION, OPFLOW_DURATIONS_DETERMINISTIC, \
	  0, 0.0, 0, 0.0, 0.0, 0, 0.0, OPFLOW_LOGIC_RETAINED }

OPFLOW_EXTERN int opflow_analysis_options_init(opflow_analysis_options *opts,
                                               unsigned int version);

/* Reads the graph only; opts may be NULL for the defaults.  The result is
 * immutable and independent of the graph. */
OPFLOW_EXTERN int opflow_analyze(opflow_analysis **out,
                                 const opflow_graph *graph,
                                 const opflow_analysis_options *opts);
OPFLOW_EXTERN void opflow_analysis_free(opflow_analysis *analysis);

OPFLOW_EXTERN size_t opflow_analysis_activity_count(
	const opflow_analysis *analysis);
OPFLOW_EXTERN int opflow_analysis_activity_key(const char **out,
                                               const opflow_analysis *analysis,
                                               opflow_id activity);
/* The duration the analysis used (the PERT mean in PERT mode). */
OPFLOW_EXTERN int opflow_analysis_duration(double *out,
                                           const opflow_analysis *analysis,
                                           opflow_id activity);
/* Any output may be NULL. */
OPFLOW_EXTERN int opflow_analysis_schedule(double *es, double *ef, double *ls,
                                           double *lf,
                                           const opflow_analysis *analysis,
                                           opflow_id activity);
OPFLOW_EXTERN int opflow_analysis_floats(double *total_float,
                                         double *free_float,
                                         const opflow_analysis *analysis,
                                         opflow_id activity);
OPFLOW_EXTERN int opflow_analysis_criticality(int *critical,
                                              int *near_critical,
                                              const opflow_analysis *analysis,
                                              opflow_id activity);
OPFLOW_EXTERN int opflow_analysis_stage(opflow_stage *out,
                                        const opflow_analysis *analysis,
                                        opflow_id activity);
/* The flow that set the activity's early start: its id in the graph as it
 * was analysed, its source, type and lag; *flow is OPFLOW_NONE when only
 * the start bound holds.  Any output may be NULL. */
OPFLOW_EXTERN int opflow_analysis_driving_flow(opflow_id *flow,
                                               opflow_id *source,
                                               opflow_flow_type *type,
                                               double *lag,
                                               const opflow_analysis *analysis,
                                               opflow_id activity);

/* Progress at the status date: the state, where the remaining work
 * starts (a not-started activity's early start, the remaining start of
 * one in progress, a completed one's actual finish) and the work left.
 * Without a status date every activity is not started and its work left
 * is its duration.  Any output may be NULL. */
OPFLOW_EXTERN int opflow_analysis_progress(opflow_state *state,
                                           double *remaining_start,
                                           double *remaining,
                                           const opflow_analysis *analysis,
                                           opflow_id activity);

/* Since 1.4: an analysis of a dated graph.  *is_dated is 0 (and the
 * rest 0) for an undated graph's; else start is the project start,
 * finish the project finish (the latest finish instant) and unit the
 * seconds in a unit.  Any output may be NULL. */
OPFLOW_EXTERN int opflow_analysis_dates(int *is_dated, int64_t *start,
                                        int64_t *finish, int64_t *unit,
                                        const opflow_analysis *analysis);
/* The start, finish, late start and late finish instants of an activity
 * of a dated analysis (OPFLOW_EMISUSE for an undated one); any output
 * may be NULL. */
OPFLOW_EXTERN int opflow_analysis_instants(int64_t *start, int64_t *finish,
                                           int64_t *late_start,
                                           int64_t *late_finish,
                                           const opflow_analysis *analysis,
                                           opflow_id activity);
/* A time of a dated analysis (elapsed units since its start) as an
 * instant, rounded to the second (OPFLOW_EMISUSE for an undated one). */
OPFLOW_EXTERN int opflow_analysis_instant_of(int64_t *out,
                                             const opflow_analysis *analysis,
                                             double time);

/* The options the analysis ran with, as in effect: has_tolerance is 1
 * and tolerance the one used (the default when none was given).  Set
 * out->version first (OPFLOW_ANALYSIS_OPTIONS_INIT does): only the fields
 * of that version are written. */
OPFLOW_EXTERN int opflow_analysis_get_options(opflow_analysis_options *out,
                                              const opflow_analysis *analysis);

/* Per-activity values, all activities at once in id order. */
typedef enum opflow_column {
	OPFLOW_COLUMN_DURATION = 0,
	OPFLOW_COLUMN_ES = 1,
	OPFLOW_COLUMN_EF = 2,
	OPFLOW_COLUMN_LS = 3,
	OPFLOW_COLUMN_LF = 4,
	OPFLOW_COLUMN_TOTAL_FLOAT = 5,
	OPFLOW_COLUMN_FREE_FLOAT = 6,
	OPFLOW_COLUMN_CRITICAL = 7,         /* 1 or 0 */
	OPFLOW_COLUMN_NEAR_CRITICAL = 8,    /* 1 or 0 */
	OPFLOW_COLUMN_STAGE = 9,            /* an opflow_stage value */
	OPFLOW_COLUMN_STATE = 10,           /* an opflow_state value */
	OPFLOW_COLUMN_REMAINING_START = 11,
	OPFLOW_COLUMN_REMAINING = 12,
	/* since 1.4, a dated analysis's instants (seconds since the epoch,
	 * exact in a double); 0 for an undated one */
	OPFLOW_COLUMN_START_INSTANT = 13,
	OPFLOW_COLUMN_FINISH_INSTANT = 14,
	OPFLOW_COLUMN_LATE_START_INSTANT = 15,
	OPFLOW_COLUMN_LATE_FINISH_INSTANT = 16
} opflow_column;

/* Copies the first min(capacity, activity count) values of a column to
 * out, exactly as the per-activity accessors give them. */
OPFLOW_EXTERN int opflow_analysis_column(double *out, size_t capacity,
                                         const opflow_analysis *analysis,
                                         opflow_column column);

/* OPFLOW_ENOTFOUND (and *out = 0) for an absent figure. */
OPFLOW_EXTERN int opflow_analysis_figure(double *out,
                                         const opflow_analysis *analysis,
                                         opflow_figure figure);

/* The critical path as chains of critical activities joined by driving
 * flows, ordered by early start, then id. */
OPFLOW_EXTERN size_t opflow_analysis_chain_count(
	const opflow_analysis *analysis);
OPFLOW_EXTERN int opflow_analysis_chain(size_t *out_length, opflow_id *ids,
                                        size_t capacity,
                                        const opflow_analysis *analysis,
                                        size_t chain);

/* Called once per critical path; a nonzero return (use a positive one, to
 * tell it from the library's negative codes) stops the enumeration and is
 * returned by opflow_analysis_critical_paths(). */
typedef int (*opflow_path_cb)(const opflow_id *ids, size_t length,
                              void *payload);
/* Every critical path through tight flows, max_paths at most, in
 * lexicographic order of (early start, id).  *out_more is 1 when more
 * paths exist.  Time O(activities + flows + length of paths delivered). */
OPFLOW_EXTERN int opflow_analysis_critical_paths(size_t *out_count,
                                                 int *out_more,
                                                 const opflow_analysis *analysis,
                                                 size_t max_paths,
                                                 opflow_path_cb callback,
                                                 void *payload);

/* Departments as they were when the graph was analysed. */
OPFLOW_EXTERN size_t opflow_analysis_department_count(
	const opflow_analysis *analysis);
OPFLOW_EXTERN int opflow_analysis_department_key(const char **out,
                                                 const opflow_analysis *analysis,
                                                 opflow_id department);
/* department may be OPFLOW_NONE: critical activities without one. */
OPFLOW_EXTERN int opflow_analysis_critical_time_by_department(
	double *out, const opflow_analysis *analysis, opflow_id department);
OPFLOW_EXTERN int opflow_analysis_critical_time_by_kind(
	double *out, const opflow_analysis *analysis, opflow_kind kind);
/* The handoff matrix, sparse: entries with a nonzero count, ordered by
 * from-department id, then to-department id. */
OPFLOW_EXTERN size_t opflow_analysis_handoff_count(
	const opflow_analysis *analysis);
OPFLOW_EXTERN int opflow_analysis_handoff(opflow_id *from, opflow_id *to,
                                          size_t *count,
                                          const opflow_analysis *analysis,
                                          size_t entry);

/* ------------------------------------------------------------ simulation */

/* Monte Carlo schedule risk: every iteration draws the duration of each
 * activity with a three-point estimate and analyses the graph again; see
 * libopflow(7), "Monte Carlo schedule risk". */
typedef struct opflow_simulation opflow_simulation;

typedef enum opflow_distribution {
	OPFLOW_DISTRIBUTION_TRIANGULAR = 0,
	OPFLOW_DISTRIBUTION_PERT = 1        /* beta-PERT, shape 4 */
} opflow_distribution;

/* What the statistics of a simulation are about. */
typedef enum opflow_measure {
	OPFLOW_MEASURE_LEAD_TIME = 0,
	OPFLOW_MEASURE_PRODUCTION_SPAN = 1
} opflow_measure;

/* Called on the thread that called opflow_simulate(), with the number of
 * iterations done so far out of total: now and then while it runs, and
 * once with done == total.  A nonzero return cancels the simulation
 * (opflow_simulate() then returns OPFLOW_ECANCELED). */
typedef int (*opflow_progress_cb)(uint64_t done, uint64_t total,
                                  void *payload);

OPFLOW_EXTERN const char *opflow_distribution_name(
	opflow_distribution distribution);      /* "triangular", "pert" */
OPFLOW_EXTERN int opflow_distribution_from_name(opflow_distribution *out,
                                                const char *name);
OPFLOW_EXTERN const char *opflow_measure_name(
	opflow_measure measure);        /* "lead_time", "production_span" */
OPFLOW_EXTERN int opflow_measure_from_name(opflow_measure *out,
                                           const char *name);

typedef struct opflow_simulation_options {
	unsigned int version;
	int distribution;           /* opflow_distribution */
	uint64_t iterations;        /* >= 1 */
	uint64_t seed;              /* any value; the same gives the same */
	int threads;                /* >= 0; 0: one per online processor */
	int sensitivity;            /* 1: rank correlations; 0: skip them */
	opflow_progress_cb progress;        /* may be NULL */
	void *progress_payload;
} opflow_simulation_options;

#define OPFLOW_SIMULATION_OPTIONS_VERSION 1
#define OPFLOW_SIMULATION_OPTIONS_INIT \
	{ OPFLOW_SIMULATION_OPTIONS_VERSION, OPFLOW_DISTRIBUTION_TRIANGULAR, \
	  10000, 0, 0, 1, NULL, NULL }

OPFLOW_EXTERN int opflow_simulation_options_init(
	opflow_simulation_options *opts, unsigned int version);

/* Simulates the graph, which is only read.  analysis_opts (NULL for the
 * defaults) gives the deadline of the probability and the critical
 * tolerance; sim_opts (NULL for the defaults) the rest.  Activities
 * without an estimate keep their duration.  The result is immutable and
 * independent of the graph; the same seed gives the same bits whatever
 * the thread count. */
OPFLOW_EXTERN int opflow_simulate(opflow_simulation **out,
                                  const opflow_graph *graph,
                                  const opflow_analysis_options *analysis_opts,
                                  const opflow_simulation_options *sim_opts);
OPFLOW_EXTERN void opflow_simulation_free(opflow_simulation *simulation);

/* The options it ran with: threads as used.  Set out->version first. */
OPFLOW_EXTERN int opflow_simulation_get_options(
	opflow_simulation_options *out, const opflow_simulation *simulation);
OPFLOW_EXTERN uint64_t opflow_simulation_iterations(
	const opflow_simulation *simulation);
/* How many of the first iterations the sensitivities rank (0 when they
 * were not asked for): all of them while iterations x activities with an
 * estimate <= 2^27, else as many as fit, never fewer than 1,000. */
OPFLOW_EXTERN uint64_t opflow_simulation_sensitivity_iterations(
	const opflow_simulation *simulation);

/* Mean, standard deviation (divided by N - 1; 0 for one iteration),
 * minimum and maximum; any output may be NULL.  The production span is
 * OPFLOW_ENOTFOUND when the graph has no production activity. */
OPFLOW_EXTERN int opflow_simulation_summary(double *mean, double *stddev,
                                            double *min, double *max,
                                            const opflow_simulation *simulation,
                                            opflow_measure measure);
/* The nearest-rank percentile, 0 <= p <= 100: the sample of rank
 * ceil(p / 100 * N), at least 1, in increasing order. */
OPFLOW_EXTERN int opflow_simulation_percentile(double *out,
                                               const opflow_simulation *simulation,
                                               opflow_measure measure,
                                               double p);
/* P(lead time <= deadline), the share of iterations that met it;
 * OPFLOW_ENOTFOUND (and *out = 0) without a deadline. */
OPFLOW_EXTERN int opflow_simulation_probability(double *out,
                                                const opflow_simulation *simulation);
/* bins >= 1 equal-width bins from the minimum to the maximum, each
 * holding the samples in [edges[i], edges[i + 1]), the last one closed;
 * counts has bins elements, edges (may be NULL) bins + 1. */
OPFLOW_EXTERN int opflow_simulation_histogram(uint64_t *counts, double *edges,
                                              size_t bins,
                                              const opflow_simulation *simulation,
                                              opflow_measure measure);
/* Copies the first min(capacity, iterations) samples, in iteration
 * order. */
OPFLOW_EXTERN int opflow_simulation_samples(double *out, size_t capacity,
                                            const opflow_simulation *simulation,
                                            opflow_measure measure);

/* Activities as they were when the graph was simulated, by id. */
OPFLOW_EXTERN size_t opflow_simulation_activity_count(
	const opflow_simulation *simulation);
OPFLOW_EXTERN int opflow_simulation_activity_key(const char **out,
                                                 const opflow_simulation *simulation,
                                                 opflow_id activity);
/* Criticality index (the share of iterations in which the activity was
 * critical), duration sensitivity (Spearman's rank correlation of its
 * duration with the lead time; 0 when either is constant) and cruciality
 * (criticality x sensitivity).  Any output may be NULL. */
OPFLOW_EXTERN int opflow_simulation_activity(double *criticality,
                                             double *sensitivity,
                                             double *cruciality,
                                             const opflow_simulation *simulation,
                                             opflow_id activity);

typedef enum opflow_risk {
	OPFLOW_RISK_CRITICALITY = 0,
	OPFLOW_RISK_SENSITIVITY = 1,
	OPFLOW_RISK_CRUCIALITY = 2
} opflow_risk;

/* Copies the first min(capacity, activity count) values of a column, in
 * id order, exactly as opflow_simulation_activity() gives them. */
OPFLOW_EXTERN int opflow_simulation_column(double *out, size_t capacity,
                                           const opflow_simulation *simulation,
                                           opflow_risk column);

/* -------------------------------------------------------------- baseline */

typedef struct opflow_comparison opflow_comparison;

/* Compares an analysis with a baseline (any earlier analysis, of this
 * graph or another), activities matched by key.  Both are only read, and
 * the comparison stays valid after either is freed.  Activity ids are
 * those of the analysis. */
OPFLOW_EXTERN int opflow_compare(opflow_comparison **out,
                                 const opflow_analysis *analysis,
                                 const opflow_analysis *baseline);
OPFLOW_EXTERN void opflow_comparison_free(opflow_comparison *comparison);
/* The figure of the analysis less the baseline's (for the lead time:
 * the slip); OPFLOW_ENOTFOUND (and *out = 0) when either lacks it. */
OPFLOW_EXTERN int opflow_comparison_figure(double *out,
                                           const opflow_comparison *comparison,
                                           opflow_figure figure);
/* Activities of the analysis found in the baseline, those it added, and
 * the baseline's missing from it.  Any output may be NULL. */
OPFLOW_EXTERN int opflow_comparison_counts(size_t *matched, size_t *added,
                                           size_t *removed,
                                           const opflow_comparison *comparison);
/* ES - ES(baseline) and EF - EF(baseline), positive meaning late;
 * OPFLOW_ENOTFOUND for an activity the baseline lacks.  Either output
 * may be NULL. */
OPFLOW_EXTERN int opflow_comparison_variance(double *start_variance,
                                             double *finish_variance,
                                             const opflow_comparison *comparison,
                                             opflow_id activity);
/* The matched activities that finish later than in the baseline, the
 * largest finish variance first (ties by id): their count in *out_count
 * and the first min(capacity, count) ids in ids (NULL with capacity 0). */
OPFLOW_EXTERN int opflow_comparison_slipped(size_t *out_count, opflow_id *ids,
                                            size_t capacity,
                                            const opflow_comparison *comparison);

/* --------------------------------------------------------------- exports */

/* Text handed to the caller: NUL-terminated, freed with opflow_free();
 * out_size may be NULL.  The analysis must be of the graph as it is now
 * (OPFLOW_EMISUSE otherwise). */

/* The schedule as CSV (RFC 4180, CRLF line ends): one row per activity
 * under the header key,label,kind,category,department,stage,duration,es,
 * ef,ls,lf,total_float,free_float,critical. */
OPFLOW_EXTERN int opflow_analysis_write_csv(char **out, size_t *out_size,
                                            const opflow_analysis *analysis,
                                            const opflow_graph *graph);
/* Every figure of the analysis as a JSON report (format_version 1). */
OPFLOW_EXTERN int opflow_analysis_write_json(char **out, size_t *out_size,
                                             const opflow_analysis *analysis,
                                             const opflow_graph *graph);
/* The graph for Graphviz; with an analysis (or NULL): grouped by stage,
 * the critical path bold. */
OPFLOW_EXTERN int opflow_graph_write_dot(char **out, size_t *out_size,
                                         const opflow_graph *graph,
                                         const opflow_analysis *analysis);

/* Since 1.4: the analysis as an SVG Gantt chart (SVG 1.1, no script, no
 * external reference): a bar per activity from early start to early
 * finish, its total float a thin tail, critical bars and the driving
 * flows among them red, rows grouped by stage or department, the
 * production window shaded, a time axis in units or, dated, in dates;
 * past max_rows activities (0: no limit), one row per department. */
typedef enum opflow_gantt_group {
	OPFLOW_GANTT_BY_STAGE = 0,
	OPFLOW_GANTT_BY_DEPARTMENT = 1
} opflow_gantt_group;

typedef struct opflow_gantt_options {
	unsigned int version;
	int group;                  /* opflow_gantt_group */
	size_t max_rows;            /* 500 by default */
} opflow_gantt_options;

#define OPFLOW_GANTT_OPTIONS_VERSION 1
#define OPFLOW_GANTT_OPTIONS_INIT \
	{ OPFLOW_GANTT_OPTIONS_VERSION, OPFLOW_GANTT_BY_STAGE, 500 }

OPFLOW_EXTERN int opflow_gantt_options_init(opflow_gantt_options *opts,
                                            unsigned int version);
/* opts may be NULL (the defaults). */
OPFLOW_EXTERN int opflow_analysis_write_gantt(char **out, size_t *out_size,
                                              const opflow_analysis *analysis,
                                              const opflow_graph *graph,
                                              const opflow_gantt_options *opts);

/* ---------------------------------------------------------------- checks */

typedef enum opflow_severity {
	OPFLOW_SEVERITY_ERROR = 0,      /* the graph cannot be analysed */
	OPFLOW_SEVERITY_WARNING = 1     /* a doubtful schedule */
} opflow_severity;

typedef enum opflow_finding_kind {
	OPFLOW_FINDING_CYCLE = 0,           /* error */
	OPFLOW_FINDING_OUT_OF_RANGE = 1,    /* error: times not finite */
	OPFLOW_FINDING_NO_PREDECESSOR = 2,  /* one of several chain starts */
	OPFLOW_FINDING_NO_SUCCESSOR = 3,    /* one of several chain ends */
	OPFLOW_FINDING_NEGATIVE_LAG = 4,
	OPFLOW_FINDING_START_TO_FINISH = 5,
	OPFLOW_FINDING_HIGH_FLOAT = 6,      /* total float > ratio * lead time */
	OPFLOW_FINDING_OUT_OF_SEQUENCE = 7, /* progress against a flow */
	OPFLOW_FINDING_CONSTRAINT_CONFLICT = 8, /* date constraints not met */
	/* since 1.4, of a dated graph: */
	OPFLOW_FINDING_IDLE_CALENDAR = 9,   /* no work in the first year */
	OPFLOW_FINDING_FRACTIONAL_SECONDS = 10  /* a duration rounded */
} opflow_finding_kind;

OPFLOW_EXTERN const char *opflow_severity_name(opflow_severity severity);
OPFLOW_EXTERN int opflow_severity_from_name(opflow_severity *out,
                                            const char *name);
OPFLOW_EXTERN const char *opflow_finding_kind_name(opflow_finding_kind kind);
OPFLOW_EXTERN int opflow_finding_kind_from_name(opflow_finding_kind *out,
                                                const char *name);

typedef struct opflow_check_options {
	unsigned int version;
	double high_float;      /* ratio of the lead time; 0.5 */
} opflow_check_options;

#define OPFLOW_CHECK_OPTIONS_VERSION 1
#define OPFLOW_CHECK_OPTIONS_INIT { OPFLOW_CHECK_OPTIONS_VERSION, 0.5 }

OPFLOW_EXTERN int opflow_check_options_init(opflow_check_options *opts,
                                            unsigned int version);

typedef struct opflow_findings opflow_findings;

/* Checks the graph; opts may be NULL.  A cycle is a finding, not a
 * failure.  Findings come errors first, then the open starts and the
 * open ends (by activity id), the flow findings, out-of-sequence
 * progress among them (by flow id), the high floats, and last the
 * constraint conflicts (both by activity id). */
OPFLOW_EXTERN int opflow_graph_check(opflow_findings **out,
                                     const opflow_graph *graph,
                                     const opflow_check_options *opts);
OPFLOW_EXTERN size_t opflow_findings_count(const opflow_findings *findings);
/* activity and flow are OPFLOW_NONE where they do not apply; the message
 * lives as long as the findings.  Any output may be NULL. */
OPFLOW_EXTERN int opflow_findings_get(opflow_finding_kind *kind,
                                      opflow_severity *severity,
                                      opflow_id *activity, opflow_id *flow,
                                      const char **message,
                                      const opflow_findings *findings,
                                      size_t index);
OPFLOW_EXTERN void opflow_findings_free(opflow_findings *findings);

#ifdef __cplusplus
}
#endif

#endif /* OPFLOW_H */
