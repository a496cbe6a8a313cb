/*
 * text_write.c - writing the .opflow text format (opflow(5)): the version
 * line, the project start and the unit, the calendars, the departments,
 * the activities and the flows, each number the shortest text that reads
 * back to the same double.
 */
#include "config.h"

#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static char *put(char *o, const char *s, size_t n)
{
	memcpy(o, s, n);
	return o + n;
}

#define PUT(o, lit) put((o), (lit), sizeof(lit) - 1)

/* Each activity's key as it is written (bare, or quoted), back to back:
 * activity i's is text[off[i] .. off[i + 1]).  The flows name their
 * activities in any order: this small table is what they read, not the
 * activities. */
struct keys {
	char *text;
	size_t *off;
};

static int key_table(struct keys *k, const opflow_graph *g)
{
	struct opflow__buf t = { NULL, 0, 0, 0 };
	size_t total = 0;
	int rc;

	k->text = NULL;
	k->off = opflow__malloc(opflow__mul(g->n + 1, sizeof *k->off));
	if (!k->off)
		return opflow__nomem();
	for (size_t i = 0; i < g->n; i++)
		total += g->acts[i].key_len;
	opflow__buf_room(&t, total);
	for (size_t i = 0; i < g->n && !t.failed; i++) {
		k->off[i] = t.len;
		opflow__buf_key(&t, g->acts[i].key, g->acts[i].key_len);
	}
	k->off[g->n] = t.len;
	if ((rc = opflow__buf_finish(&t, &k->text, NULL)))
		opflow__free(k->off);
	return rc;
}

/* The longest number written: a sign, 17 digits, a point, e-XXX. */
#define NUM_MAX 32

/* The tracking attributes, in the order of opflow_tracking, which is
 * the order they are written in; TRACK_MAX: room for all of them and the
 * end of the line. */
static const char *const track_attr[OPFLOW__TRACK_FIELDS] = {
	" actual-start=", " actual-finish=", " remaining=",
	" start-no-earlier-than=", " finish-no-earlier-than=",
	" start-no-later-than=", " finish-no-later-than="
};
#define TRACK_MAX (OPFLOW__TRACK_FIELDS * (24 + NUM_MAX) + 1)

/* " calendar=" and the key of calendar id + 1 v (0: none). */
static void put_calendar(struct opflow__buf *b, const opflow_graph *g,
                         uint32_t v)
{
	if (!v)
		return;
	opflow__buf_puts(b, " calendar=");
	opflow__buf_key(b, g->cals[v - 1]->key, g->cals[v - 1]->key_len);
}

static void write_activities(struct opflow__buf *b, const opflow_graph *g,
                             const struct keys *k)
{
	/* each category's name and its defaults, looked up once */
	const char *cat_name[256] = { NULL };
	int cat_kind[256], cat_cf[256];

	for (size_t i = 0; i < g->n; i++) {
		const struct opflow__activity *a = &g->acts[i];
		const struct opflow__track *t;
		size_t klen = k->off[i + 1] - k->off[i], need;
		const char *cname;
		char *o;

		if (!cat_name[a->category]) {
			opflow_kind kind;

			cat_name[a->category] = opflow_category_name(
			        (opflow_category)a->category);
			opflow_category_info(&kind, &cat_cf[a->category], NULL,
			                     NULL, NULL,
			                     (opflow_category)a->category);
			cat_kind[a->category] = (int)kind;
		}
		cname = cat_name[a->category];
		/* everything but the label and the department, at most */
		need = 96 + klen + strlen(cname) + 4 * NUM_MAX;
		if (!(o = opflow__buf_room(b, need)))
			return;
		o = PUT(o, "activity ");
		o = put(o, k->text + k->off[i], klen);
		b->len = (size_t)(o - b->p);
		if (a->label) {
			opflow__buf_puts(b, " label=");
			opflow__buf_quoted(b, a->label, strlen(a->label));
			if (!(o = opflow__buf_room(b, need)))
				return;
		}
		o = PUT(o, " category=");
		o = put(o, cname, strlen(cname));
		/* kind and customer-facing when not the category's defaults */
		if (a->kind != cat_kind[a->category]) {
			const char *kn = opflow_kind_name((opflow_kind)a->kind);

			o = PUT(o, " kind=");
			o = put(o, kn, strlen(kn));
		}
		if (a->customer_facing != cat_cf[a->category]) {
			if (a->customer_facing)
				o = PUT(o, " customer-facing=true");
			else
				o = PUT(o, " customer-facing=false");
		}
		if (a->department != OPFLOW_NONE) {
			const struct opflow__department *dp =
				&g->depts[a->department];

			b->len = (size_t)(o - b->p);
			opflow__buf_puts(b, " department=");
			opflow__buf_key(b, dp->key, dp->key_len);
			if (!(o = opflow__buf_room(b, need)))
				return;
		}
		if (i < g->act_cal_len && g->act_cal[i]) {
			b->len = (size_t)(o - b->p);
			put_calendar(b, g, g->act_cal[i]);
			if (!(o = opflow__buf_room(b, need)))
				return;
		}
		if (a->flags & OPFLOW__EXPLICIT) {
			o = PUT(o, " duration=");
			o += opflow__format_double(o, a->duration);
		}
		if (a->flags & OPFLOW__HAS_ESTIMATE) {
			o = PUT(o, " estimate=");
			o += opflow__format_double(o, a->est[0]);
			*o++ = '/';
			o += opflow__format_double(o, a->est[1]);
			*o++ = '/';
			o += opflow__format_double(o, a->est[2]);
		}
		if ((t = opflow__track_of(g, (uint32_t)i))) {
			b->len = (size_t)(o - b->p);
			if (!(o = opflow__buf_room(b, TRACK_MAX)))
				return;
			for (int f = 0; f < OPFLOW__TRACK_FIELDS; f++) {
				if (!(t->set & (1u << f)))
					continue;
				o = put(o, track_attr[f], strlen(track_attr[f]));
				o += opflow__format_double(o, t->v[f]);
			}
		}
		*o++ = '\n';
		b->len = (size_t)(o - b->p);
	}
}

static void write_flows(struct opflow__buf *b, const opflow_graph *g,
                        const struct keys *k)
{
	/* how far ahead the flows' activities are fetched */
	enum { AHEAD = 16 };

	for (size_t f = 0; f < g->m; f++) {
		const struct opflow__flow *fl = &g->flows[f];
		size_t s0 = k->off[fl->source], s1 = k->off[fl->source + 1];
		size_t t0 = k->off[fl->target], t1 = k->off[fl->target + 1];
		char *o;

		if (f + AHEAD < g->m) {
			const struct opflow__flow *x = &g->flows[f + AHEAD];

			__builtin_prefetch(&k->off[x->source]);
			__builtin_prefetch(&k->off[x->target]);
		}
		if (f + AHEAD / 2 < g->m) {
			const struct opflow__flow *x = &g->flows[f + AHEAD / 2];

			__builtin_prefetch(k->text + k->off[x->source]);
			__builtin_prefetch(k->text + k->off[x->target]);
		}
		o = opflow__buf_room(b, 48 + (s1 - s0) + (t1 - t0) + NUM_MAX);
		if (!o)
			return;
		o = PUT(o, "flow ");
		o = put(o, k->text + s0, s1 - s0);
		*o++ = ' ';
		o = put(o, k->text + t0, t1 - t0);
		if (fl->type != OPFLOW_FLOW_FS) {
			const char *tn = opflow_flow_type_name(
			        (opflow_flow_type)fl->type);

			o = PUT(o, " type=");
			o = put(o, tn, strlen(tn));
		}
		if (fl->lag != 0) {
			o = PUT(o, " lag=");
			o += opflow__format_double(o, fl->lag);
		}
		if (fl->elapsed)
			o = PUT(o, " elapsed=true");
		*o++ = '\n';
		b->len = (size_t)(o - b->p);
	}
}

/* The project start and the unit, when not the default; the calendars
 * and the default one.  OPFLOW_NONE, or the first calendar whose
 * statement would be longer than the reader takes. */
static uint32_t write_dates(struct opflow__buf *b, const opflow_graph *g)
{
	uint32_t too_long = OPFLOW_NONE;
	int64_t unit = opflow__unit(g);

	if (g->dated || unit != 3600)
		opflow__buf_puts(b, "\n");
	if (g->dated) {
		char t[OPFLOW_INSTANT_SIZE];

		/* a graph's start is in the years 1 to 9999 */
		opflow_instant_format(t, sizeof t, g->start);
		opflow__buf_puts(b, "start ");
		opflow__buf_puts(b, t);
		opflow__buf_puts(b, "\n");
	}
	if (unit != 3600) {
		char digits[24];

		opflow__buf_puts(b, "unit ");
		opflow__buf_put(b, digits,
		                opflow__format_size(digits, (size_t)unit));
		opflow__buf_puts(b, "\n");
	}
	if (g->ncal)
		opflow__buf_puts(b, "\n");
	for (size_t c = 0; c < g->ncal; c++) {
		const struct opflow__calendar *cal = g->cals[c];
		size_t line = b->len;

		opflow__buf_puts(b, "calendar ");
		opflow__buf_key(b, cal->key, cal->key_len);
		opflow__buf_puts(b, " ");
		opflow__buf_quoted(b, cal->spec, strlen(cal->spec));
		/* a calendar statement is as long as its spec, which
		 * nothing else bounds: longer than the reader takes? */
		if (!b->failed && b->len - line > OPFLOW__LINE_MAX &&
		    too_long == OPFLOW_NONE)
			too_long = (uint32_t)c;
		opflow__buf_puts(b, "\n");
	}
	if (g->default_cal) {
		const struct opflow__calendar *cal = g->cals[g->default_cal - 1];

		opflow__buf_puts(b, "default-calendar ");
		opflow__buf_key(b, cal->key, cal->key_len);
		opflow__buf_puts(b, "\n");
	}
	return too_long;
}

/* Writes the graph; OPFLOW_NONE, or the calendar too long to write. */
static uint32_t write_graph(struct opflow__buf *b, const opflow_graph *g,
                            const struct keys *k)
{
	uint32_t too_long;

	opflow__buf_puts(b, "opflow 1\n");
	if ((too_long = write_dates(b, g)) != OPFLOW_NONE)
		return too_long;
	if (g->nd)
		opflow__buf_puts(b, "\n");
	for (size_t d = 0; d < g->nd; d++) {
		const struct opflow__department *dp = &g->depts[d];

		opflow__buf_puts(b, "department ");
		opflow__buf_key(b, dp->key, dp->key_len);
		if (dp->name) {
			opflow__buf_puts(b, " name=");
			opflow__buf_quoted(b, dp->name, strlen(dp->name));
		}
		if (d < g->dept_cal_len)
			put_calendar(b, g, g->dept_cal[d]);
		opflow__buf_puts(b, "\n");
	}
	if (g->n)
		opflow__buf_puts(b, "\n");
	write_activities(b, g, k);
	if (g->m)
		opflow__buf_puts(b, "\n");
	write_flows(b, g, k);
	return OPFLOW_NONE;
}

int opflow_graph_save_buffer(char **out, size_t *out_size,
                             const opflow_graph *g)
{
	struct opflow__buf b = { NULL, 0, 0, 0 };
	struct keys k;
	uint32_t too_long;
	int rc;

	if (!out)
		return opflow__null_arg("opflow_graph_save_buffer", "out");
	if (!g)
		return opflow__null_arg("opflow_graph_save_buffer", "graph");
	if ((rc = key_table(&k, g)))
		return rc;
	/* about what the text takes, so that it seldom moves */
	opflow__buf_room(&b, 64 + (k.off[g->n] + 48) + g->n * 40 +
	         g->m * (2 * (k.off[g->n] / (g->n ? g->n : 1)) + 16));
	too_long = write_graph(&b, g, &k);
	if (!b.failed)
		b.p[b.len] = '\0';
	opflow__free(k.text);
	opflow__free(k.off);
	if (too_long != OPFLOW_NONE) {
		opflow__free(b.p);
		return opflow__error(OPFLOW_ERANGE, "opflow_graph_save_buffer: "
		    "the statement of calendar %k would be longer than the "
		    "%d bytes a line of the text format holds",
		    g->cals[too_long]->key, OPFLOW__LINE_MAX);
	}
	return opflow__buf_finish(&b, out, out_size);
}

static int write_all(FILE *fp, const char *path, const char *p, size_t n)
{
	if (fwrite(p, 1, n, fp) != n || fflush(fp) != 0)
		return opflow__io_error("write", path, errno ? errno : EIO);
	return 0;
}

int opflow_graph_save_file(const opflow_graph *g, FILE *fp)
{
	char *text;
	size_t len;
	int rc;

	if (!fp)
		return opflow__null_arg("opflow_graph_save_file", "fp");
	if ((rc = opflow_graph_save_buffer(&text, &len, g)))
		return rc;
	rc = write_all(fp, NULL, text, len);
	opflow__free(text);
	return rc;
}

int opflow_graph_save_path(const opflow_graph *g, const char *path)
{
	char *text;
	size_t len;
	FILE *fp;
	int rc;

	if (!path)
		return opflow__null_arg("opflow_graph_save_path", "path");
	if ((rc = opflow_graph_save_buffer(&text, &len, g)))
		return rc;
	fp = fopen(path, "wb");
	if (!fp) {
		rc = opflow__io_error("create", path, errno);
		opflow__free(text);
		return rc;
	}
	rc = write_all(fp, path, text, len);
	if (fclose(fp) != 0 && rc == 0)
		rc = opflow__io_error("write", path, errno ? errno : EIO);
	opflow__free(text);
	return rc;
}
