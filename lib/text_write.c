/*
 * text_write.c - writing the .opflow text format (opflow(5)): the version
 * line, the departments, the activities and the flows, each number the
 * shortest text that reads back to the same double.
 */
#include "config.h"

#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static void write_graph(struct opflow__buf *b, const opflow_graph *g)
{
	opflow__buf_puts(b, "opflow 1\n");
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
		opflow__buf_puts(b, "\n");
	}
	if (g->n)
		opflow__buf_puts(b, "\n");
	for (size_t i = 0; i < g->n; i++) {
		const struct opflow__activity *a = &g->acts[i];
		opflow_kind kind;
		int cf;

		opflow__buf_puts(b, "activity ");
		opflow__buf_key(b, opflow__key(g, (uint32_t)i), a->key_len);
		if (a->label) {
			opflow__buf_puts(b, " label=");
			opflow__buf_quoted(b, a->label, strlen(a->label));
		}
		opflow__buf_puts(b, " category=");
		opflow__buf_puts(b, opflow_category_name(
		                       (opflow_category)a->category));
		/* kind and customer-facing when not the category's defaults */
		opflow_category_info(&kind, &cf, NULL, NULL, NULL,
		                     (opflow_category)a->category);
		if (a->kind != kind) {
			opflow__buf_puts(b, " kind=");
			opflow__buf_puts(b, opflow_kind_name((opflow_kind)a->kind));
		}
		if (a->customer_facing != cf)
			opflow__buf_puts(b, a->customer_facing
			                    ? " customer-facing=true"
			                    : " customer-facing=false");
		if (a->department != OPFLOW_NONE) {
			const struct opflow__department *dp =
				&g->depts[a->department];

			opflow__buf_puts(b, " department=");
			opflow__buf_key(b, dp->key, dp->key_len);
		}
		if (a->flags & OPFLOW__EXPLICIT) {
			opflow__buf_puts(b, " duration=");
			opflow__buf_double(b, a->duration);
		}
		if (a->flags & OPFLOW__HAS_ESTIMATE) {
			opflow__buf_puts(b, " estimate=");
			opflow__buf_double(b, a->est[0]);
			opflow__buf_puts(b, "/");
			opflow__buf_double(b, a->est[1]);
			opflow__buf_puts(b, "/");
			opflow__buf_double(b, a->est[2]);
		}
		opflow__buf_puts(b, "\n");
	}
	if (g->m)
		opflow__buf_puts(b, "\n");
	for (size_t f = 0; f < g->m; f++) {
		const struct opflow__flow *fl = &g->flows[f];

		opflow__buf_puts(b, "flow ");
		opflow__buf_key(b, opflow__key(g, fl->source),
		                g->acts[fl->source].key_len);
		opflow__buf_puts(b, " ");
		opflow__buf_key(b, opflow__key(g, fl->target),
		                g->acts[fl->target].key_len);
		if (fl->type != OPFLOW_FLOW_FS) {
			opflow__buf_puts(b, " type=");
			opflow__buf_puts(b, opflow_flow_type_name(
			                       (opflow_flow_type)fl->type));
		}
		if (fl->lag != 0) {
			opflow__buf_puts(b, " lag=");
			opflow__buf_double(b, fl->lag);
		}
		opflow__buf_puts(b, "\n");
	}
}

int opflow_graph_save_buffer(char **out, size_t *out_size,
                             const opflow_graph *g)
{
	struct opflow__buf b = { NULL, 0, 0, 0 };

	if (!out)
		return opflow__null_arg("opflow_graph_save_buffer", "out");
	if (!g)
		return opflow__null_arg("opflow_graph_save_buffer", "graph");
	write_graph(&b, g);
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
