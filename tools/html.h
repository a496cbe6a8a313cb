/*
 * html.h - the pieces of the page `opflow report --html` writes: one
 * self-contained HTML document, its style in the page, its pictures
 * inline SVG, no script and no reference to anything outside it.
 */
#ifndef OPFLOW_TOOL_HTML_H
#define OPFLOW_TOOL_HTML_H

#include <opflow.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* s as HTML text (also good in a quoted attribute). */
void html_escape(FILE *out, const char *s);

/* The document up to its <h1> title, and its end. */
void html_begin(FILE *out, const char *title);
void html_end(FILE *out);

/* An SVG document (as opflow_analysis_write_gantt writes it) inline,
 * without its XML declaration. */
void html_svg(FILE *out, const char *svg, size_t len);

/* The handoff matrix of the analysis as a heat table: a row for each
 * department handing work off, a column for each receiving one, each
 * cell the number of flows, shaded by it; past HTML_MATRIX_MAX
 * departments, one row per nonzero entry instead. */
#define HTML_MATRIX_MAX 40
void html_handoffs(FILE *out, const opflow_analysis *analysis);

/* The findings of opflow_graph_check as a table: severity, kind,
 * activity and message; the warnings of the kinds whose bit is set in
 * ignore (1UL << kind) left out. */
void html_findings(FILE *out, const opflow_graph *graph,
                   const opflow_findings *findings, unsigned long ignore);

/* A histogram of bins bars as inline SVG: counts[i] samples in
 * [edges[i], edges[i + 1]); deadline drawn as a line when has_deadline;
 * unit follows the numbers of the axis (may be ""). */
void html_histogram(FILE *out, const uint64_t *counts, const double *edges,
                    size_t bins, int has_deadline, double deadline,
                    const char *unit);

#endif
