/*
 * calendar.h - internal to libopflow, included by internal.h: instants of civil time, calendars of working time and their working
 * axis, the calendars of a graph (instant.c, calendar.c, calendars.c).
 */
#ifndef OPFLOW_CALENDAR_H
#define OPFLOW_CALENDAR_H

/* ------------------------------------------- instant.c, calendar.c */

int64_t opflow__floor_div(int64_t a, int64_t b);
int64_t opflow__days_from_civil(int64_t y, int m, int d);
void opflow__civil_from_days(int64_t *y, int *m, int *d, int64_t days);
/* A date YYYY-MM-DD (exactly len == 10 bytes) as days since the epoch;
 * -1 when it is not one (years 1 to 9999); sets no error. */
int opflow__parse_date(int64_t *day, const char *p, size_t len);
/* Whether t lies in the years 1 to 9999. */
int opflow__instant_in_range(int64_t t);
/* A time of units seconds each as whole seconds, halves away from zero
 * (DESIGN: durations and lags are worked in whole seconds); and start
 * plus that, an instant; -1 (setting no error) when it does not fit the
 * years 1 to 9999. */
int opflow__seconds_of(int64_t *out, double units, int64_t unit);
int opflow__instant_at(int64_t *out, int64_t start, double units,
                       int64_t unit);

/* Most working intervals in one day of a calendar. */
#define OPFLOW__CAL_DAY_MAX 48

/* An exception: days first..last with intervals ivs[2 iv ..] of their
 * own, work seconds each; W at the start of its first day (wa) and after
 * its last (wb), and what all exceptions up to it add to the weekly
 * pattern's W after it (offset). */
struct opflow__cal_exc {
	int64_t first, last;
	uint32_t iv, niv;
	int64_t work, wa, wb, offset;
};
/* A calendar, in one block with its canonical spec (its key borrowed,
 * owned by the graph, so that it outlives a new spec): intervals
 * [start, end) in seconds of the day, by weekday (0 = Monday) and then
 * by exception; the work of each weekday and of the week; pre[r], the
 * pattern's work in the r days from a Thursday (day 0 of the epoch). */
struct opflow__calendar {
	char *key, *spec;
	uint32_t key_len;
	int32_t *ivs;
	uint32_t day_iv[8];
	int64_t day_work[7], week, pre[8];
	struct opflow__cal_exc *exc;
	size_t nexc;
};
/* calendars.c: the calendars of activities and departments follow them
 * when they are removed (one, or every one whose gone[] is set); a
 * clone's copy; whether two graphs have the same; freeing them. */
void opflow__cal_activity_removed(opflow_graph *g, uint32_t id);
void opflow__cal_activities_compacted(opflow_graph *g, const uint8_t *gone);
void opflow__cal_department_removed(opflow_graph *g, uint32_t d);
int opflow__cal_copy(opflow_graph *g, const opflow_graph *src);
int opflow__cal_equal(const opflow_graph *a, const opflow_graph *b);
void opflow__cal_free(opflow_graph *g);
/* The calendar activity id works on, or NULL for 24/7. */
const struct opflow__calendar *opflow__cal_of(const opflow_graph *g,
                                              uint32_t id);
/* The graph's unit in seconds. */
static inline int64_t opflow__unit(const opflow_graph *g)
{
	return g->unit ? g->unit : 3600;
}

/* Reads spec into a new calendar (OPFLOW_EINVAL naming the clause),
 * which borrows key. */
int opflow__cal_parse(struct opflow__calendar **out, const char *key,
                      size_t key_len, const char *spec);
/* The working axis of c (NULL: 24/7, W(t) = t): W(t); the first instant
 * with W = w; the last instant with W = w; whether c works in the second
 * after t. */
int64_t opflow__cal_w(const struct opflow__calendar *c, int64_t t);
int64_t opflow__cal_first(const struct opflow__calendar *c, int64_t w);
int64_t opflow__cal_last(const struct opflow__calendar *c, int64_t w);
int opflow__cal_works_after(const struct opflow__calendar *c, int64_t t);

#endif /* OPFLOW_CALENDAR_H */
