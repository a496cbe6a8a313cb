/*
 * html.c - the pieces of the page `opflow report --html` writes (see
 * html.h): the document and its style, inline SVG, the handoff heat
 * table, the findings and the lead time's histogram.  Everything the
 * graph names is escaped; nothing refers outside the page.
 */
#include "html.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void html_escape(FILE *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default:
			/* no control character has a place in the page */
			fputc(c < 0x20 && c != '\t' && c != '\n' ? '?' : c,
			      out);
		}
	}
}

static const char style[] =
	"body{font-family:sans-serif;margin:1.5em;color:#222;"
	"max-width:1240px}\n"
	"h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;"
	"border-bottom:1px solid #ccc}\n"
	"table{border-collapse:collapse;margin:.4em 0}\n"
	"th,td{padding:2px 8px;text-align:left;vertical-align:top}\n"
	"table.figures th{font-weight:normal;color:#444;min-width:16em}\n"
	"tr.i4 th,tr.i4 td.text{padding-left:2em}\n"
	"td.path{font-family:monospace}td.path span{white-space:nowrap}\n"
	"p.verdict{font-weight:bold}\n"
	"table.heat td{text-align:right;min-width:2em;"
	"border:1px solid #eee}\n"
	"table.heat th{font-weight:normal;font-size:.9em}\n"
	"table.findings td,table.findings th{border-bottom:1px solid #eee}\n"
	"td.error{color:#b00;font-weight:bold}td.warning{color:#a60}\n"
	"div.chart{overflow-x:auto}div.chart svg{max-width:100%;"
	"height:auto}\n";

void html_begin(FILE *out, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n<title>", out);
	html_escape(out, title);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>",
	        style);
	html_escape(out, title);
	fputs("</h1>\n", out);
}

void html_end(FILE *out)
{
	fprintf(out, "<p class=\"footer\">libopflow %s</p>\n</body>\n</html>\n",
	        opflow_version());
}

void html_svg(FILE *out, const char *svg, size_t len)
{
	const char *start = svg;

	if (len > 5 && memcmp(svg, "<?xml", 5) == 0) {
		const char *end = memchr(svg, '>', len);

		if (end) {
			start = end + 1;
			while (start < svg + len && *start == '\n')
				start++;
		}
	}
	fputs("<div class=\"chart\">\n", out);
	fwrite(start, 1, len - (size_t)(start - svg), out);
	fputs("</div>\n", out);
}

/* The shade of a cell holding count of at most max flows: from a pale
 * to a deep red, white text on the deep ones. */
static void heat_cell(FILE *out, size_t count, size_t max)
{
	double x = max ? (double)count / (double)max : 0;
	int light = (int)lround(95 - 50 * x);

	if (!count) {
		fputs("<td></td>", out);
		return;
	}
	fprintf(out, "<td data-count=\"%zu\" style=\"background:hsl(4,75%%,"
	        "%d%%)%s\">%zu</td>", count, light,
	        light < 65 ? ";color:#fff" : "", count);
}

static void department_name(FILE *out, const opflow_analysis *an,
                            opflow_id d)
{
	const char *key = "?";

	opflow_analysis_department_key(&key, an, d);
	html_escape(out, key);
}

void html_handoffs(FILE *out, const opflow_analysis *an)
{
	size_t entries = opflow_analysis_handoff_count(an);
	size_t departments = opflow_analysis_department_count(an);
	size_t max = 0, used = 0, *cell = NULL;
	opflow_id *row = NULL, *col = NULL, from, to;
	unsigned char *involved;
	size_t count;

	if (!entries) {
		fputs("<p>No handoff: no flow joins two departments.</p>\n",
		      out);
		return;
	}
	for (size_t e = 0; e < entries; e++) {
		opflow_analysis_handoff(NULL, NULL, &count, an, e);
		if (count > max)
			max = count;
	}
	involved = calloc(departments ? departments : 1, 1);
	if (involved) {
		for (size_t e = 0; e < entries; e++) {
			opflow_analysis_handoff(&from, &to, NULL, an, e);
			involved[from] = involved[to] = 1;
		}
		for (size_t d = 0; d < departments; d++)
			used += involved[d];
	}
	fputs("<table class=\"heat\">\n<caption>Flows handed from the "
	      "department of the row to the department of the column"
	      "</caption>\n", out);
	if (!involved || used > HTML_MATRIX_MAX ||
	    !(cell = calloc(used * used, sizeof *cell))) {
		/* too many departments for a matrix: one row per entry */
		fputs("<tr><th>from</th><th>to</th><th>flows</th></tr>\n", out);
		for (size_t e = 0; e < entries; e++) {
			opflow_analysis_handoff(&from, &to, &count, an, e);
			fputs("<tr><th>", out);
			department_name(out, an, from);
			fputs("</th><th>", out);
			department_name(out, an, to);
			fputs("</th>", out);
			heat_cell(out, count, max);
			fputs("</tr>\n", out);
		}
		fputs("</table>\n", out);
		free(involved);
		return;
	}
	/* the departments involved, in id order, and each one's place */
	row = malloc(departments * sizeof *row);
	col = malloc(used * sizeof *col);
	if (!row || !col) {
		fputs("<tr><td>(out of memory)</td></tr>\n</table>\n", out);
		goto done;
	}
	for (size_t d = 0, k = 0; d < departments; d++)
		if (involved[d]) {
			row[d] = (opflow_id)k;
			col[k++] = (opflow_id)d;
		}
	for (size_t e = 0; e < entries; e++) {
		opflow_analysis_handoff(&from, &to, &count, an, e);
		cell[row[from] * used + row[to]] = count;
	}
	fputs("<tr><th>from \\ to</th>", out);
	for (size_t k = 0; k < used; k++) {
		fputs("<th scope=\"col\">", out);
		department_name(out, an, col[k]);
		fputs("</th>", out);
	}
	fputs("</tr>\n", out);
	for (size_t i = 0; i < used; i++) {
		fputs("<tr><th scope=\"row\">", out);
		department_name(out, an, col[i]);
		fputs("</th>", out);
		for (size_t j = 0; j < used; j++)
			heat_cell(out, cell[i * used + j], max);
		fputs("</tr>\n", out);
	}
	fputs("</table>\n", out);
done:
	free(row);
	free(col);
	free(cell);
	free(involved);
}

/* Whether the finding is a warning of a kind in ignore. */
static int ignored(opflow_finding_kind kind, opflow_severity sev,
                   unsigned long ignore)
{
	return sev != OPFLOW_SEVERITY_ERROR &&
	       (unsigned)kind < sizeof ignore * CHAR_BIT &&
	       (ignore >> kind & 1UL);
}

void html_findings(FILE *out, const opflow_graph *g,
                   const opflow_findings *f, unsigned long ignore)
{
	size_t n = opflow_findings_count(f), shown = 0;

	for (size_t i = 0; i < n; i++) {
		opflow_finding_kind kind;
		opflow_severity sev;

		opflow_findings_get(&kind, &sev, NULL, NULL, NULL, f, i);
		shown += !ignored(kind, sev, ignore);
	}
	if (!shown) {
		fputs(n ? "<p>No other findings.</p>\n"
		        : "<p>No findings: the value chain passes every check."
		          "</p>\n", out);
		return;
	}
	fputs("<table class=\"findings\">\n<tr><th>severity</th><th>kind"
	      "</th><th>activity</th><th>message</th></tr>\n", out);
	for (size_t i = 0; i < n; i++) {
		opflow_finding_kind kind;
		opflow_severity sev;
		opflow_id act;
		const char *msg = "", *key = "", *sname;

		opflow_findings_get(&kind, &sev, &act, NULL, &msg, f, i);
		if (ignored(kind, sev, ignore))
			continue;
		if (act != OPFLOW_NONE)
			opflow_graph_activity_key(&key, g, act);
		sname = opflow_severity_name(sev);
		fprintf(out, "<tr class=\"finding\"><td class=\"%s\">%s</td>"
		        "<td>%s</td><td>", sname, sname,
		        opflow_finding_kind_name(kind));
		html_escape(out, key);
		fputs("</td><td>", out);
		html_escape(out, msg);
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
}

#define HIST_W 720.0
#define HIST_H 220.0
#define HIST_LEFT 48.0
#define HIST_BOTTOM 36.0

static double hist_x(const double *edges, size_t bins, double t)
{
	double span = edges[bins] - edges[0];

	return HIST_LEFT + (span > 0 ? (t - edges[0]) / span : 0.5) *
	       (HIST_W - HIST_LEFT - 12);
}

void html_histogram(FILE *out, const uint64_t *counts, const double *edges,
                    size_t bins, int has_deadline, double deadline,
                    const char *unit)
{
	double top = HIST_H - HIST_BOTTOM - 12, bar_w;
	uint64_t max = 0;

	for (size_t i = 0; i < bins; i++)
		if (counts[i] > max)
			max = counts[i];
	bar_w = (HIST_W - HIST_LEFT - 12) / (double)bins;
	fprintf(out, "<div class=\"chart\">\n<svg xmlns=\"http://www.w3.org/"
	        "2000/svg\" class=\"histogram\" width=\"%g\" height=\"%g\" "
	        "viewBox=\"0 0 %g %g\" role=\"img\">\n<title>The lead time's "
	        "distribution in %zu bins</title>\n", HIST_W, HIST_H, HIST_W,
	        HIST_H, bins);
	fprintf(out, "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" "
	        "stroke=\"#444\"/>\n", HIST_LEFT, HIST_H - HIST_BOTTOM,
	        HIST_W - 12, HIST_H - HIST_BOTTOM);
	for (size_t i = 0; i < bins; i++) {
		double h = max ? top * (double)counts[i] / (double)max : 0;

		fprintf(out, "<rect class=\"bin\" x=\"%.2f\" y=\"%.2f\" "
		        "width=\"%.2f\" height=\"%.2f\" fill=\"#4a78b5\" "
		        "data-count=\"%llu\"><title>%.6g to %.6g%s: %llu"
		        "</title></rect>\n",
		        HIST_LEFT + bar_w * (double)i + 0.5,
		        HIST_H - HIST_BOTTOM - h, bar_w > 1.5 ? bar_w - 1 : bar_w,
		        h, (unsigned long long)counts[i], edges[i], edges[i + 1],
		        unit, (unsigned long long)counts[i]);
	}
	/* the axis: its two ends (their labels inside the picture) and the
	 * middle */
	for (int k = 0; k <= 2; k++) {
		double t = edges[0] + (edges[bins] - edges[0]) * k / 2.0;

		fprintf(out, "<text x=\"%.2f\" y=\"%g\" font-size=\"12\" "
		        "text-anchor=\"%s\">%.6g", hist_x(edges, bins, t),
		        HIST_H - HIST_BOTTOM + 16,
		        k == 0 ? "start" : k == 1 ? "middle" : "end", t);
		html_escape(out, unit);
		fputs("</text>\n", out);
	}
	fprintf(out, "<text x=\"4\" y=\"16\" font-size=\"12\">%llu</text>\n",
	        (unsigned long long)max);
	if (has_deadline && isfinite(deadline) && deadline >= edges[0] &&
	    deadline <= edges[bins]) {
		double x = hist_x(edges, bins, deadline);

		fprintf(out, "<line class=\"deadline\" x1=\"%.2f\" y1=\"8\" "
		        "x2=\"%.2f\" y2=\"%g\" stroke=\"#c00\" "
		        "stroke-dasharray=\"4 3\"><title>deadline %g</title>"
		        "</line>\n", x, x, HIST_H - HIST_BOTTOM, deadline);
		/* named on the side with room */
		fprintf(out, "<text x=\"%.2f\" y=\"18\" font-size=\"11\" "
		        "fill=\"#c00\" text-anchor=\"%s\">deadline %g</text>\n",
		        x < HIST_W / 2 ? x + 4 : x - 4,
		        x < HIST_W / 2 ? "start" : "end", deadline);
	}
	fputs("</svg>\n</div>\n", out);
}
