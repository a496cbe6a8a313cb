/*
 * calendar.c - a calendar of working time (DESIGN, "Dates and working
 * calendars"): its spec read and written in canonical form, and its
 * working axis W(t), the working seconds from the epoch to t, with the
 * first and the last instant at which W reaches a value.
 *
 * W is kept in closed form: the weekly pattern gives base(d), the work
 * of the days before day d (day 0, 1970-01-01, a Thursday), and each
 * exception, a range of days with intervals of its own, moves W by what
 * it works less what the pattern would have; the exceptions are sorted,
 * so a binary search finds the one at hand.  Every step is exact integer
 * arithmetic.
 */
#include "config.h"

#include "internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const weekday_names[7] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};

/* The weekday of a day since the epoch, 0 = Monday. */
static int weekday_of(int64_t day)
{
	return (int)(day - 7 * opflow__floor_div(day, 7) + 3) % 7;
}

/* ----------------------------------------------------------- working axis */

static int64_t base(const struct opflow__calendar *c, int64_t day)
{
	int64_t q = opflow__floor_div(day, 7);

	return q * c->week + c->pre[day - 7 * q];
}

/* The index of the last exception starting on or before day, or -1. */
static ptrdiff_t exception_at(const struct opflow__calendar *c, int64_t day)
{
	size_t lo = 0, hi = c->nexc;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->exc[mid].first <= day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (ptrdiff_t)lo - 1;
}

/* W at the start of day. */
static int64_t wday(const struct opflow__calendar *c, int64_t day)
{
	ptrdiff_t i = exception_at(c, day);

	if (i < 0)
		return base(c, day);
	if (day <= c->exc[i].last)
		return c->exc[i].wa + (day - c->exc[i].first) * c->exc[i].work;
	return base(c, day) + c->exc[i].offset;
}

/* The intervals of day (n pairs at *iv). */
static const int32_t *day_intervals(const struct opflow__calendar *c,
                                    int64_t day, uint32_t *n)
{
	ptrdiff_t i = exception_at(c, day);
	int w;

	if (i >= 0 && day <= c->exc[i].last) {
		*n = c->exc[i].niv;
		return c->ivs + 2 * c->exc[i].iv;
	}
	w = weekday_of(day);
	*n = c->day_iv[w + 1] - c->day_iv[w];
	return c->ivs + 2 * c->day_iv[w];
}

/* The last day d with wday(d) <= v. */
static int64_t max_day(const struct opflow__calendar *c, int64_t v)
{
	size_t lo = 0, hi = c->nexc;
	int64_t offset = 0, q, rem;
	int r = 6;

	/* the last exception with wa <= v */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->exc[mid].wa <= v)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0) {
		const struct opflow__cal_exc *x = &c->exc[lo - 1];

		if (v < x->wb)          /* inside it: it works every day */
			return x->first + opflow__floor_div(v - x->wa, x->work);
		offset = x->offset;
	}
	/* the weekly pattern after it (and before the next one) */
	q = opflow__floor_div(v - offset, c->week);
	rem = (v - offset) - q * c->week;
	while (c->pre[r] > rem)
		r--;
	return 7 * q + r;
}

int64_t opflow__cal_w(const struct opflow__calendar *c, int64_t t)
{
	int64_t day, sod, w;
	const int32_t *iv;
	uint32_t n;

	if (!c)
		return t;
	day = opflow__floor_div(t, 86400);
	sod = t - day * 86400;
	w = wday(c, day);
	iv = day_intervals(c, day, &n);
	for (uint32_t k = 0; k < n && iv[2 * k] < sod; k++)
		w += (iv[2 * k + 1] < sod ? iv[2 * k + 1] : sod) - iv[2 * k];
	return w;
}

int64_t opflow__cal_first(const struct opflow__calendar *c, int64_t w)
{
	int64_t day, rem;
	const int32_t *iv;
	uint32_t n;

	if (!c)
		return w;
	day = max_day(c, w - 1);
	rem = w - wday(c, day);
	iv = day_intervals(c, day, &n);
	for (uint32_t k = 0; k < n; k++) {
		int64_t len = iv[2 * k + 1] - iv[2 * k];

		if (rem <= len)
			return day * 86400 + iv[2 * k] + rem;
		rem -= len;
	}
	return day * 86400 + 86400;     /* not reached */
}

int64_t opflow__cal_last(const struct opflow__calendar *c, int64_t w)
{
	int64_t day, rem;
	const int32_t *iv;
	uint32_t n;

	if (!c)
		return w;
	day = max_day(c, w);
	rem = w - wday(c, day);
	iv = day_intervals(c, day, &n);
	for (uint32_t k = 0; k < n; k++) {
		int64_t len = iv[2 * k + 1] - iv[2 * k];

		if (rem < len)
			return day * 86400 + iv[2 * k] + rem;
		rem -= len;
	}
	return day * 86400 + 86400;     /* not reached */
}

int opflow__cal_works_after(const struct opflow__calendar *c, int64_t t)
{
	return opflow__cal_w(c, t + 1) > opflow__cal_w(c, t);
}

/* ------------------------------------------------------------ the spec */

/* What a spec reads as, before it becomes a calendar. */
struct day_spec {
	int64_t first, last;            /* exceptions: days; weekdays: -1 */
	int32_t iv[2 * OPFLOW__CAL_DAY_MAX];
	uint32_t niv;
	const char *clause;             /* for messages */
	size_t clause_len;
};

struct spec_reader {
	const char *key;
	struct day_spec week[7];
	int named[7];
	struct day_spec *exc;
	size_t nexc, cap;
};

static int spec_error(const struct spec_reader *r, const char *clause,
                      size_t len, const char *what)
{
	return opflow__error(OPFLOW_EINVAL, "calendar %k: %K: %s", r->key, len,
	                     clause, what);
}

static int is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* HH:MM at p (5 bytes) as minutes, up to 24:00; -1 when not. */
static int minutes_of(const char *p)
{
	int h, m;

	if (p[2] != ':' || p[0] < '0' || p[0] > '9' || p[1] < '0' ||
	    p[1] > '9' || p[3] < '0' || p[3] > '5' || p[4] < '0' || p[4] > '9')
		return -1;
	h = (p[0] - '0') * 10 + (p[1] - '0');
	m = (p[3] - '0') * 10 + (p[4] - '0');
	if (h > 24 || (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

static int weekday_index(const char *p, size_t len)
{
	if (len != 3)
		return -1;
	for (int w = 0; w < 7; w++)
		if (memcmp(p, weekday_names[w], 3) == 0)
			return w;
	return -1;
}

/* Reads the working part of a clause (after its day selector) into d. */
static int read_work(const struct spec_reader *r, struct day_spec *d,
                     const char *p, const char *end)
{
	d->niv = 0;
	while (p < end && is_space(*p))
		p++;
	if (end - p == 3 && memcmp(p, "off", 3) == 0)
		return 0;
	if (p == end)
		return spec_error(r, d->clause, d->clause_len,
		                  "neither \"off\" nor working intervals "
		                  "HH:MM-HH:MM");
	while (p < end) {
		const char *tok = p;
		int s, e;

		while (p < end && !is_space(*p))
			p++;
		if (p - tok != 11 || tok[5] != '-' ||
		    (s = minutes_of(tok)) < 0 || (e = minutes_of(tok + 6)) < 0)
			return spec_error(r, d->clause, d->clause_len,
			                  "an interval is not HH:MM-HH:MM within "
			                  "00:00 and 24:00");
		if (s >= e)
			return spec_error(r, d->clause, d->clause_len,
			                  "an interval ends before it starts");
		if (d->niv && s * 60 < d->iv[2 * d->niv - 1])
			return spec_error(r, d->clause, d->clause_len,
			                  "intervals are unsorted or overlap");
		if (d->niv == OPFLOW__CAL_DAY_MAX)
			return spec_error(r, d->clause, d->clause_len,
			                  "too many intervals in a day");
		d->iv[2 * d->niv] = s * 60;
		d->iv[2 * d->niv + 1] = e * 60;
		d->niv++;
		while (p < end && is_space(*p))
			p++;
	}
	return 0;
}

static int read_clause(struct spec_reader *r, const char *p, const char *end)
{
	const char *sel = p, *dots;
	size_t len;
	int64_t first, last;
	int w1, w2;
	struct day_spec d;

	while (p < end && !is_space(*p))
		p++;
	len = (size_t)(p - sel);
	memset(&d, 0, sizeof d);
	d.clause = sel;
	d.clause_len = (size_t)(end - sel);
	d.first = d.last = -1;
	if (len == 3 || len == 7) {
		/* a weekday or a range of them */
		w1 = weekday_index(sel, 3);
		w2 = len == 7 ? (sel[3] == '-' ? weekday_index(sel + 4, 3) : -1)
		              : w1;
		if (w1 < 0 || w2 < 0)
			return spec_error(r, d.clause, d.clause_len,
			                  "not a weekday (mon ... sun), a range of "
			                  "them (mon-fri), a date or a range of "
			                  "dates");
		if (w2 < w1)
			return spec_error(r, d.clause, d.clause_len,
			                  "a range of weekdays goes from Monday "
			                  "towards Sunday");
		if (read_work(r, &d, p, end))
			return OPFLOW_EINVAL;
		for (int w = w1; w <= w2; w++) {
			if (r->named[w])
				return opflow__error(OPFLOW_EINVAL,
				    "calendar %k: %K: %s is named twice",
				    r->key, d.clause_len, d.clause,
				    weekday_names[w]);
			r->named[w] = 1;
			r->week[w] = d;
		}
		return 0;
	}
	dots = len == 22 ? sel + 10 : NULL;
	if (len != 10 && !(dots && dots[0] == '.' && dots[1] == '.'))
		return spec_error(r, d.clause, d.clause_len,
		                  "not a weekday (mon ... sun), a range of them "
		                  "(mon-fri), a date or a range of dates");
	if (opflow__parse_date(&first, sel, 10) ||
	    (dots && opflow__parse_date(&last, sel + 12, 10)))
		return spec_error(r, d.clause, d.clause_len,
		                  "a date is not YYYY-MM-DD (years 1 to 9999)");
	if (!dots)
		last = first;
	if (last < first)
		return spec_error(r, d.clause, d.clause_len,
		                  "the range of dates ends before it starts");
	d.first = first;
	d.last = last;
	if (read_work(r, &d, p, end))
		return OPFLOW_EINVAL;
	if (opflow__grow((void **)&r->exc, &r->cap, r->nexc + 1,
	                 sizeof *r->exc))
		return opflow__nomem();
	r->exc[r->nexc++] = d;
	return 0;
}

static int by_first(const void *x, const void *y)
{
	const struct day_spec *a = x, *b = y;

	return (a->first > b->first) - (a->first < b->first);
}

static void put_hhmm(struct opflow__buf *b, int32_t sec)
{
	char t[6];

	t[0] = (char)('0' + sec / 36000);
	t[1] = (char)('0' + sec / 3600 % 10);
	t[2] = ':';
	t[3] = (char)('0' + sec / 600 % 6);
	t[4] = (char)('0' + sec / 60 % 10);
	t[5] = '\0';
	opflow__buf_puts(b, t);
}

static void put_work(struct opflow__buf *b, const int32_t *iv, uint32_t n)
{
	if (!n)
		opflow__buf_puts(b, " off");
	for (uint32_t k = 0; k < n; k++) {
		opflow__buf_puts(b, " ");
		put_hhmm(b, iv[2 * k]);
		opflow__buf_puts(b, "-");
		put_hhmm(b, iv[2 * k + 1]);
	}
}

static void put_date(struct opflow__buf *b, int64_t day)
{
	char t[OPFLOW_INSTANT_SIZE];

	opflow_instant_format(t, sizeof t, day * 86400);
	t[10] = '\0';
	opflow__buf_puts(b, t);
}

static int same_work(const struct day_spec *a, const struct day_spec *b)
{
	return a->niv == b->niv &&
	       memcmp(a->iv, b->iv, 2 * a->niv * sizeof *a->iv) == 0;
}

/* The canonical spec of what r read. */
static void canonical(struct opflow__buf *b, const struct spec_reader *r)
{
	int any = 0;

	for (int w = 0; w < 7;) {
		int v = w;

		if (!r->week[w].niv) {
			w++;
			continue;
		}
		while (v + 1 < 7 && same_work(&r->week[v + 1], &r->week[w]))
			v++;
		if (any)
			opflow__buf_puts(b, "; ");
		any = 1;
		opflow__buf_puts(b, weekday_names[w]);
		if (v > w) {
			opflow__buf_puts(b, "-");
			opflow__buf_puts(b, weekday_names[v]);
		}
		put_work(b, r->week[w].iv, r->week[w].niv);
		w = v + 1;
	}
	for (size_t i = 0; i < r->nexc; i++) {
		const struct day_spec *x = &r->exc[i];

		opflow__buf_puts(b, "; ");
		put_date(b, x->first);
		if (x->last > x->first) {
			opflow__buf_puts(b, "..");
			put_date(b, x->last);
		}
		put_work(b, x->iv, x->niv);
	}
}

/* The calendar r read, in one block with its key and canonical spec. */
static int build(struct opflow__calendar **out, const struct spec_reader *r,
                 const char *key, size_t key_len)
{
	struct opflow__buf b = { NULL, 0, 0, 0 };
	struct opflow__calendar *c;
	size_t niv = 0, bytes, spec_len;
	char *p, *spec;
	int rc;

	for (int w = 0; w < 7; w++)
		niv += r->week[w].niv;
	for (size_t i = 0; i < r->nexc; i++)
		niv += r->exc[i].niv;
	canonical(&b, r);
	if ((rc = opflow__buf_finish(&b, &spec, &spec_len)))
		return rc;
	bytes = sizeof *c + r->nexc * sizeof *c->exc +
	        2 * niv * sizeof *c->ivs + spec_len + 1;
	c = opflow__malloc(bytes);
	if (!c) {
		opflow__free(spec);
		return opflow__nomem();
	}
	memset(c, 0, sizeof *c);
	p = (char *)(c + 1);
	c->exc = (struct opflow__cal_exc *)(void *)p;
	p += r->nexc * sizeof *c->exc;
	c->ivs = (int32_t *)(void *)p;
	p += 2 * niv * sizeof *c->ivs;
	c->key = (char *)key;   /* borrowed: the graph keeps it */
	c->key_len = (uint32_t)key_len;
	c->spec = p;
	memcpy(p, spec, spec_len + 1);
	opflow__free(spec);

	niv = 0;
	for (int w = 0; w < 7; w++) {
		c->day_iv[w] = (uint32_t)niv;
		memcpy(c->ivs + 2 * niv, r->week[w].iv,
		       2 * r->week[w].niv * sizeof *c->ivs);
		niv += r->week[w].niv;
		c->day_work[w] = 0;
		for (uint32_t k = 0; k < r->week[w].niv; k++)
			c->day_work[w] += r->week[w].iv[2 * k + 1] -
			                  r->week[w].iv[2 * k];
		c->week += c->day_work[w];
	}
	c->day_iv[7] = (uint32_t)niv;
	c->pre[0] = 0;
	for (int k = 0; k < 7; k++)
		c->pre[k + 1] = c->pre[k] + c->day_work[(k + 3) % 7];
	c->nexc = r->nexc;
	for (size_t i = 0; i < r->nexc; i++) {
		const struct day_spec *d = &r->exc[i];
		struct opflow__cal_exc *x = &c->exc[i];
		int64_t days = d->last - d->first + 1;

		x->first = d->first;
		x->last = d->last;
		x->iv = (uint32_t)niv;
		x->niv = d->niv;
		memcpy(c->ivs + 2 * niv, d->iv, 2 * d->niv * sizeof *c->ivs);
		niv += d->niv;
		x->work = 0;
		for (uint32_t k = 0; k < d->niv; k++)
			x->work += d->iv[2 * k + 1] - d->iv[2 * k];
		/* W at its start, at its end, and what it adds to the
		 * pattern after it */
		x->wa = base(c, x->first) + (i ? c->exc[i - 1].offset : 0);
		x->wb = x->wa + days * x->work;
		x->offset = x->wb - base(c, x->last + 1);
	}
	*out = c;
	return 0;
}

int opflow__cal_parse(struct opflow__calendar **out, const char *key,
                      size_t key_len, const char *spec)
{
	struct spec_reader r;
	const char *p = spec;
	int rc = 0;

	memset(&r, 0, sizeof r);
	r.key = key;
	while (*p) {
		const char *end = strchr(p, ';');
		const char *e;

		if (!end)
			end = p + strlen(p);
		while (p < end && is_space(*p))
			p++;
		e = end;
		while (e > p && is_space(e[-1]))
			e--;
		if (e > p && (rc = read_clause(&r, p, e)))
			goto done;
		p = *end ? end + 1 : end;
	}
	if (r.nexc > 1)
		qsort(r.exc, r.nexc, sizeof *r.exc, by_first);
	for (size_t i = 1; i < r.nexc; i++)
		if (r.exc[i].first <= r.exc[i - 1].last) {
			char t[OPFLOW_INSTANT_SIZE];

			opflow_instant_format(t, sizeof t, r.exc[i].first * 86400);
			t[10] = '\0';
			rc = opflow__error(OPFLOW_EINVAL, "calendar %k: %s is in "
			    "two exceptions (%K and %K)", key, t,
			    r.exc[i - 1].clause_len, r.exc[i - 1].clause,
			    r.exc[i].clause_len, r.exc[i].clause);
			goto done;
		}
	{
		int64_t week = 0;

		for (int w = 0; w < 7; w++)
			for (uint32_t k = 0; k < r.week[w].niv; k++)
				week += r.week[w].iv[2 * k + 1] -
				        r.week[w].iv[2 * k];
		if (!week) {
			rc = opflow__error(OPFLOW_EINVAL, "calendar %k has no "
			    "working time in its week", key);
			goto done;
		}
	}
	rc = build(out, &r, key, key_len);
done:
	opflow__free(r.exc);
	return rc;
}
