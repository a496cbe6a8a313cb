/*
 * gantt.c - an analysis as an SVG Gantt chart: one row per activity,
 * grouped by stage or by department, a bar from early start to early
 * finish (a diamond for an event), the float as a thin tail after it
 * to the late finish, critical bars and
 * the driving flows among them in red, the production window shaded,
 * a time axis in units or, for a dated analysis, in dates, the deadline
 * and the status date dashed lines across it.  Past the
 * caller's limit of rows, one row per department sums them up.  Plain
 * SVG 1.1: no script, no style sheet, no external reference; every text
 * of the graph escaped for XML.
 */
#include "config.h"

#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LABEL_W 240.0   /* the column of names */
#define CHART_W 960.0   /* the time axis */
#define ROW_H 18.0
#define TOP 48.0        /* title and axis */
#define BAR_H 12.0

int opflow_gantt_options_init(opflow_gantt_options *opts, unsigned int version)
{
	static const opflow_gantt_options init = OPFLOW_GANTT_OPTIONS_INIT;
	static const size_t sizes[] = { 0, sizeof init };

	return opflow__options_init(opts, &init, version, sizes,
	                            OPFLOW_GANTT_OPTIONS_VERSION,
	                            "opflow_gantt_options_init");
}

/* Text of the graph, escaped for XML character data and attributes. */
static void xml_text(struct opflow__buf *b, const char *s, size_t len)
{
	size_t start = 0;

	for (size_t i = 0; i < len; i++) {
		const char *e;
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		case '\'': e = "&apos;"; break;
		default:
			/* XML 1.0 has no place for other control characters */
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				e = "?";
			else
				continue;
		}
		opflow__buf_put(b, s + start, i - start);
		opflow__buf_puts(b, e);
		start = i + 1;
	}
	opflow__buf_put(b, s + start, len - start);
}

static void num(struct opflow__buf *b, double v)
{
	/* pixels to the hundredth */
	opflow__buf_double(b, round(v * 100.0) / 100.0);
}

struct chart {
	struct opflow__buf *b;
	const opflow_analysis *a;
	double t0, t1;          /* the time axis */
	double y;               /* the next row's top */
};

static double px(const struct chart *c, double t)
{
	return LABEL_W + (t - c->t0) / (c->t1 - c->t0) * CHART_W;
}

/* A step of about a tenth of the span: 1, 2 or 5 times a power of 10. */
static double step_of(double span)
{
	double raw = span / 10.0, p = pow(10.0, floor(log10(raw)));

	if (raw / p >= 5)
		return 5 * p;
	if (raw / p >= 2)
		return 2 * p;
	return p;
}

/* A tick at time t (units), labelled with text. */
static void tick(struct chart *c, double t, double bottom, const char *text)
{
	struct opflow__buf *b = c->b;
	double x = px(c, t);

	opflow__buf_puts(b, "<line class=\"tick\" x1=\"");
	num(b, x);
	opflow__buf_puts(b, "\" y1=\"");
	num(b, TOP - 6);
	opflow__buf_puts(b, "\" x2=\"");
	num(b, x);
	opflow__buf_puts(b, "\" y2=\"");
	num(b, bottom);
	opflow__buf_puts(b, "\" stroke=\"#dddddd\"/>\n<text x=\"");
	num(b, x);
	opflow__buf_puts(b, "\" y=\"");
	num(b, TOP - 10);
	opflow__buf_puts(b, "\" font-size=\"10\" text-anchor=\"middle\">");
	opflow__buf_puts(b, text);
	opflow__buf_puts(b, "</text>\n");
}

/* The axis of a dated analysis: ticks at whole hours, days or weeks
 * (weeks from Monday), about a dozen over the span, labelled with the
 * date, and the time of day when it is not midnight. */
static void date_axis(struct chart *c, double bottom)
{
	static const int64_t steps[] = {
		60, 300, 900, 3600, 2 * 3600, 6 * 3600, 12 * 3600, 86400,
		2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400, 91 * 86400,
		364 * 86400
	};
	const opflow_analysis *a = c->a;
	int64_t u = a->d_unit, from = a->d_start + (int64_t)floor(c->t0 * u);
	int64_t to = a->d_start + (int64_t)ceil(c->t1 * u), step = steps[0];
	int64_t base;

	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		step = steps[i];
		if ((to - from) / step <= 12)
			break;
	}
	/* weeks begin on Monday, day 4 of the epoch */
	base = step >= 7 * 86400 ? 4 * 86400 : 0;
	/* the first multiple of step from base at or after from */
	for (int64_t t = base - opflow__floor_div(base - from, step) * step;
	     t <= to; t += step) {
		char iso[OPFLOW_INSTANT_SIZE];

		if (opflow_instant_format(iso, sizeof iso, t))
			break;
		if (strcmp(iso + 10, "T00:00") == 0)
			iso[10] = '\0';
		else
			iso[10] = ' ';
		tick(c, (double)(t - a->d_start) / (double)u, bottom, iso);
	}
	opflow_error_clear();
}

static void axis(struct chart *c, double bottom)
{
	double step = step_of(c->t1 - c->t0);

	if (c->a->dated) {
		date_axis(c, bottom);
		return;
	}
	for (double t = ceil(c->t0 / step) * step; t <= c->t1 + step * 1e-9;
	     t += step) {
		char text[40];

		opflow__format_double(text, fabs(t) < step * 1e-9 ? 0.0 : t);
		tick(c, t, bottom, text);
	}
}

static void row_label(struct chart *c, const char *s, size_t len, int bold)
{
	opflow__buf_puts(c->b, "<text x=\"6\" y=\"");
	num(c->b, c->y + ROW_H - 5);
	opflow__buf_puts(c->b, bold ? "\" font-size=\"12\" font-weight=\"bold\">"
	                            : "\" font-size=\"11\">");
	xml_text(c->b, s, len);
	opflow__buf_puts(c->b, "</text>\n");
}

static void rect(struct chart *c, const char *cls, double x0, double x1,
                 double y, double h, const char *fill)
{
	opflow__buf_puts(c->b, "<rect class=\"");
	opflow__buf_puts(c->b, cls);
	opflow__buf_puts(c->b, "\" x=\"");
	num(c->b, x0);
	opflow__buf_puts(c->b, "\" y=\"");
	num(c->b, y);
	opflow__buf_puts(c->b, "\" width=\"");
	num(c->b, x1 - x0 > 1 ? x1 - x0 : 1);
	opflow__buf_puts(c->b, "\" height=\"");
	num(c->b, h);
	opflow__buf_puts(c->b, "\" fill=\"");
	opflow__buf_puts(c->b, fill);
	opflow__buf_puts(c->b, "\"");
}

/* The rows in order: by group, then early start, then id. */
struct row {
	uint32_t id, group;
	double es;
};

static int by_row(const void *x, const void *y)
{
	const struct row *p = x, *q = y;

	if (p->group != q->group)
		return p->group < q->group ? -1 : 1;
	if (p->es != q->es)
		return p->es < q->es ? -1 : 1;
	return (p->id > q->id) - (p->id < q->id);
}

/* Stages in the order of the value chain. */
static uint32_t stage_rank(int stage)
{
	switch (stage) {
	case OPFLOW_STAGE_PRE_PRODUCTION: return 0;
	case OPFLOW_STAGE_PRODUCTION: return 1;
	case OPFLOW_STAGE_INTERLEAVED: return 2;
	case OPFLOW_STAGE_POST_PRODUCTION: return 3;
	default: return 4;
	}
}

static const char *group_name(const opflow_analysis *a, const opflow_graph *g,
                              int by_dept, uint32_t group)
{
	static const int stages[5] = {
		OPFLOW_STAGE_PRE_PRODUCTION, OPFLOW_STAGE_PRODUCTION,
		OPFLOW_STAGE_INTERLEAVED, OPFLOW_STAGE_POST_PRODUCTION,
		OPFLOW_STAGE_INDEPENDENT
	};

	(void)a;
	if (!by_dept)
		return opflow_stage_name((opflow_stage)stages[group]);
	return group < g->nd ? g->depts[group].key : "(no department)";
}

/* The summary of a department: its activities' earliest start and
 * latest finish, how many they are and how many critical. */
struct dept_sum {
	double lo, hi;
	size_t count, crit;
};

/* The departments' summaries, those without one last (index nd), in one
 * pass over the activities; NULL when out of memory. */
static struct dept_sum *summarise(const opflow_analysis *a,
                                  const opflow_graph *g)
{
	struct dept_sum *sum = opflow__malloc(opflow__mul(g->nd + 1,
	                                                  sizeof *sum));

	if (!sum)
		return NULL;
	for (size_t d = 0; d <= g->nd; d++) {
		sum[d].lo = INFINITY;
		sum[d].hi = -INFINITY;
		sum[d].count = sum[d].crit = 0;
	}
	for (uint32_t i = 0; i < g->n; i++) {
		uint32_t dd = g->acts[i].department;
		struct dept_sum *s = &sum[dd == OPFLOW_NONE ? (uint32_t)g->nd
		                                            : dd];
		double es, ef;
		int cr;

		opflow_analysis_schedule(&es, &ef, NULL, NULL, a, i);
		opflow_analysis_criticality(&cr, NULL, a, i);
		s->count++;
		s->crit += (size_t)cr;
		s->lo = es < s->lo ? es : s->lo;
		s->hi = ef > s->hi ? ef : s->hi;
	}
	return sum;
}

/* A dashed vertical line at time t over the rows (down to bottom),
 * named at its top, when has. */
static void marker(struct chart *c, int has, double t, const char *name,
                   double bottom)
{
	double x;

	if (!has)
		return;
	x = px(c, t);
	opflow__buf_puts(c->b, "<line class=\"marker\" x1=\"");
	num(c->b, x);
	opflow__buf_puts(c->b, "\" y1=\"");
	num(c->b, TOP - 4);
	opflow__buf_puts(c->b, "\" x2=\"");
	num(c->b, x);
	opflow__buf_puts(c->b, "\" y2=\"");
	num(c->b, bottom);
	opflow__buf_puts(c->b, "\" stroke=\"#6c3483\" stroke-width=\"1.5\" "
	                 "stroke-dasharray=\"5 3\"><title>");
	opflow__buf_puts(c->b, name);
	opflow__buf_puts(c->b, " ");
	opflow__buf_double(c->b, t);
	opflow__buf_puts(c->b, "</title></line>\n<text x=\"");
	num(c->b, x + 3);
	opflow__buf_puts(c->b, "\" y=\"");
	num(c->b, bottom + 14);
	opflow__buf_puts(c->b, "\" font-size=\"11\" fill=\"#6c3483\">");
	opflow__buf_puts(c->b, name);
	opflow__buf_puts(c->b, "</text>\n");
}

int opflow_analysis_write_gantt(char **out, size_t *out_size,
                                const opflow_analysis *a,
                                const opflow_graph *g,
                                const opflow_gantt_options *opts)
{
	static const char fn[] = "opflow_analysis_write_gantt";
	static const opflow_gantt_options defaults = OPFLOW_GANTT_OPTIONS_INIT;
	struct opflow__buf b = { NULL, 0, 0, 0 };
	struct chart c;
	struct row *rows;
	struct dept_sum *sum = NULL;
	double *y_of;
	size_t n, shown;
	double lead, height, ps, pe;
	int by_dept, summary, rc, has_window;

	if (!out)
		return opflow__null_arg(fn, "out");
	if ((rc = opflow__check_pair(g, a, fn)))
		return rc;
	if (!opts)
		opts = &defaults;
	if (opts->version < 1 || opts->version > OPFLOW_GANTT_OPTIONS_VERSION)
		return opflow__error(OPFLOW_EINVAL, "%s: options version %u is not "
		    "supported", fn, opts->version);
	if (opts->group != OPFLOW_GANTT_BY_STAGE &&
	    opts->group != OPFLOW_GANTT_BY_DEPARTMENT)
		return opflow__error(OPFLOW_EINVAL, "%s: unknown grouping %d", fn,
		                     opts->group);
	n = g->n;
	by_dept = opts->group == OPFLOW_GANTT_BY_DEPARTMENT;
	summary = opts->max_rows && n > opts->max_rows;
	rows = opflow__malloc(opflow__mul(n ? n : 1, sizeof *rows));
	y_of = opflow__malloc(opflow__mul(n ? n : 1, sizeof *y_of));
	if (!rows || !y_of) {
		opflow__free(rows);
		opflow__free(y_of);
		return opflow__nomem();
	}
	memset(&c, 0, sizeof c);
	c.b = &b;
	c.a = a;
	opflow_analysis_figure(&lead, a, OPFLOW_FIGURE_LEAD_TIME);
	c.t0 = 0.0;
	c.t1 = lead;
	for (uint32_t i = 0; i < n; i++) {
		double es, ef, ls, lf;

		opflow_analysis_schedule(&es, &ef, &ls, &lf, a, i);
		if (es < c.t0)
			c.t0 = es;
		if (lf > c.t1)
			c.t1 = lf;
		if (ef > c.t1)
			c.t1 = ef;
		rows[i].id = i;
		rows[i].es = es;
		rows[i].group = by_dept ? (g->acts[i].department == OPFLOW_NONE ?
		                           (uint32_t)g->nd : g->acts[i].department)
		                        : stage_rank(a->stage[OPFLOW__AT(a, i)]);
	}
	/* the deadline and the status date within the axis too */
	for (int k = 0; k < 2; k++) {
		double t = k ? a->options.status_date : a->options.deadline;

		if (!(k ? a->options.has_status_date : a->options.has_deadline))
			continue;
		c.t0 = t < c.t0 ? t : c.t0;
		c.t1 = t > c.t1 ? t : c.t1;
	}
	if (!(c.t1 > c.t0))
		c.t1 = c.t0 + 1;
	qsort(rows, n, sizeof *rows, by_row);
	if (summary && !(sum = summarise(a, g))) {
		opflow__free(rows);
		opflow__free(y_of);
		return opflow__nomem();
	}
	/* the rows: activities and group headers, or departments */
	shown = 0;
	for (size_t i = 0; i < n; i++)
		shown += 1 + (i == 0 || rows[i].group != rows[i - 1].group);
	if (summary)
		shown = g->nd + (sum[g->nd].count != 0);
	height = TOP + ROW_H * (double)shown + 24;

	opflow__buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                 "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
	                 "width=\"");
	num(&b, LABEL_W + CHART_W + 20);
	opflow__buf_puts(&b, "\" height=\"");
	num(&b, height);
	/* the same box, so that a page may scale the chart to its width */
	opflow__buf_puts(&b, "\" viewBox=\"0 0 ");
	num(&b, LABEL_W + CHART_W + 20);
	opflow__buf_puts(&b, " ");
	num(&b, height);
	opflow__buf_puts(&b, "\" font-family=\"sans-serif\">\n"
	                 "<title>Gantt chart: ");
	opflow__buf_size(&b, n);
	opflow__buf_puts(&b, " activities, lead time ");
	opflow__buf_double(&b, lead);
	opflow__buf_puts(&b, "</title>\n<rect width=\"100%\" height=\"100%\" "
	                 "fill=\"white\"/>\n");
	/* the production window, shaded behind everything */
	has_window = !opflow_analysis_figure(&ps, a,
	                                    OPFLOW_FIGURE_PRODUCTION_START) &&
	             !opflow_analysis_figure(&pe, a,
	                                     OPFLOW_FIGURE_PRODUCTION_END);
	opflow_error_clear();
	if (has_window) {
		rect(&c, "window", px(&c, ps), px(&c, pe), TOP, ROW_H *
		     (double)shown, "#fdf2d0");
		opflow__buf_puts(&b, "><title>production window ");
		opflow__buf_double(&b, ps);
		opflow__buf_puts(&b, " to ");
		opflow__buf_double(&b, pe);
		opflow__buf_puts(&b, "</title></rect>\n");
	}
	axis(&c, TOP + ROW_H * (double)shown);
	c.y = TOP;
	if (summary) {
		/* one row per department: from its earliest start to its
		 * latest finish, red when it holds critical work */
		for (uint32_t d = 0; d <= g->nd; d++) {
			double lo = sum[d].lo, hi = sum[d].hi;
			size_t count = sum[d].count, crit = sum[d].crit;
			const char *name = group_name(a, g, 1, d);

			if (d == g->nd && !count)
				break;  /* every activity has a department */
			row_label(&c, name, strlen(name), 0);
			if (count) {
				rect(&c, crit ? "bar critical" : "bar",
				     px(&c, lo), px(&c, hi), c.y + 3, BAR_H,
				     crit ? "#c0392b" : "#2e86c1");
				opflow__buf_puts(&b, "><title>");
				xml_text(&b, name, strlen(name));
				opflow__buf_puts(&b, ": ");
				opflow__buf_size(&b, count);
				opflow__buf_puts(&b, " activities, ");
				opflow__buf_size(&b, crit);
				opflow__buf_puts(&b, " critical</title></rect>\n");
			}
			c.y += ROW_H;
		}
	} else {
		for (size_t r = 0; r < n; r++) {
			uint32_t i = rows[r].id;
			const char *key = opflow__key(g, i);
			double es, ef, lf, tf, ff;
			int cr;

			if (r == 0 || rows[r].group != rows[r - 1].group) {
				const char *name = group_name(a, g, by_dept,
				                              rows[r].group);

				row_label(&c, name, strlen(name), 1);
				c.y += ROW_H;
			}
			opflow_analysis_schedule(&es, &ef, NULL, &lf, a, i);
			opflow_analysis_floats(&tf, &ff, a, i);
			opflow_analysis_criticality(&cr, NULL, a, i);
			row_label(&c, key, g->acts[i].key_len, 0);
			if (ef > es) {
				rect(&c, cr ? "bar critical" : "bar", px(&c, es),
				     px(&c, ef), c.y + 3, BAR_H,
				     cr ? "#c0392b" : "#2e86c1");
			} else {
				/* an event: a diamond at its instant */
				double x = px(&c, es), y = c.y + 3 + BAR_H / 2;

				opflow__buf_puts(&b, cr ? "<polygon class=\"event "
				                          "critical\" points=\""
				                        : "<polygon class=\"event\" "
				                          "points=\"");
				num(&b, x - 6);
				opflow__buf_puts(&b, ",");
				num(&b, y);
				opflow__buf_puts(&b, " ");
				num(&b, x);
				opflow__buf_puts(&b, ",");
				num(&b, y - 6);
				opflow__buf_puts(&b, " ");
				num(&b, x + 6);
				opflow__buf_puts(&b, ",");
				num(&b, y);
				opflow__buf_puts(&b, " ");
				num(&b, x);
				opflow__buf_puts(&b, ",");
				num(&b, y + 6);
				opflow__buf_puts(&b, cr ? "\" fill=\"#c0392b\""
				                        : "\" fill=\"#2e86c1\"");
			}
			opflow__buf_puts(&b, "><title>");
			xml_text(&b, key, g->acts[i].key_len);
			opflow__buf_puts(&b, ": ");
			opflow__buf_double(&b, es);
			opflow__buf_puts(&b, " to ");
			opflow__buf_double(&b, ef);
			opflow__buf_puts(&b, ", total float ");
			opflow__buf_double(&b, tf);
			opflow__buf_puts(&b, ef > es ? "</title></rect>\n"
			                             : "</title></polygon>\n");
			/* the float, up to the late finish (of a dated
			 * analysis it is working time: the tail shows the
			 * instants) */
			if (lf > ef && tf > 0) {
				rect(&c, "float", px(&c, ef), px(&c, lf),
				     c.y + 3 + BAR_H / 2 - 1, 2, "#7f8c8d");
				opflow__buf_puts(&b, "/>\n");
			}
			y_of[i] = c.y + 3 + BAR_H / 2;
			c.y += ROW_H;
		}
		/* the critical path: each driving flow between two critical
		 * activities, from where it binds to the target's bar */
		for (uint32_t i = 0; i < n; i++) {
			opflow_id f, src;
			opflow_flow_type type;
			double les, lef, tes, tef, x0, x1;
			int c1, c2;

			opflow_analysis_criticality(&c2, NULL, a, i);
			if (!c2 || opflow_analysis_driving_flow(&f, &src, &type,
			                                        NULL, a, i) ||
			    f == OPFLOW_NONE)
				continue;
			opflow_analysis_criticality(&c1, NULL, a, src);
			if (!c1)
				continue;
			opflow_analysis_schedule(&les, &lef, NULL, NULL, a, src);
			opflow_analysis_schedule(&tes, &tef, NULL, NULL, a, i);
			x0 = px(&c, type == OPFLOW_FLOW_SS ||
			            type == OPFLOW_FLOW_SF ? les : lef);
			x1 = px(&c, type == OPFLOW_FLOW_FF ||
			            type == OPFLOW_FLOW_SF ? tef : tes);
			opflow__buf_puts(&b, "<line class=\"path\" x1=\"");
			num(&b, x0);
			opflow__buf_puts(&b, "\" y1=\"");
			num(&b, y_of[src]);
			opflow__buf_puts(&b, "\" x2=\"");
			num(&b, x1);
			opflow__buf_puts(&b, "\" y2=\"");
			num(&b, y_of[i]);
			opflow__buf_puts(&b, "\" stroke=\"#c0392b\" "
			                 "stroke-width=\"1.5\"/>\n");
		}
	}
	marker(&c, a->options.has_deadline, a->options.deadline, "deadline",
	       TOP + ROW_H * (double)shown);
	marker(&c, a->options.has_status_date, a->options.status_date,
	       "status date", TOP + ROW_H * (double)shown);
	opflow__buf_puts(&b, "</svg>\n");
	opflow__free(rows);
	opflow__free(y_of);
	opflow__free(sum);
	return opflow__buf_finish(&b, out, out_size);
}
