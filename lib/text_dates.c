/*
 * text_dates.c - the reader's statements of dated graphs (text_read.c,
 * opflow(5)): the project start and the unit, the calendars and the
 * default one, the calendar= of departments and activities and the flows
 * marked elapsed=true, each error at its line and column.
 */
#include "config.h"

#include "internal.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The error of the call of fn just made, at col, with its message
 * without the function's name; OPFLOW_ENOMEM as it is. */
static int api_error(const struct reader *r, size_t col, const char *fn)
{
	char msg[4096];
	const char *m = opflow_error_message();
	size_t n = strlen(fn);

	if (opflow_error_code() == OPFLOW_ENOMEM)
		return OPFLOW_ENOMEM;
	if (strncmp(m, fn, n) == 0 && m[n] == ':' && m[n + 1] == ' ')
		m += n + 2;
	snprintf(msg, sizeof msg, "%s", m);
	return opflow__perr(r, col, "%s", msg);
}

/* The calendar of key, or OPFLOW_NONE; sets no error (a load that goes
 * through leaves the thread's last error as it was). */
static opflow_id find_calendar(const opflow_graph *g, const char *key)
{
	size_t len = strlen(key);

	for (size_t c = 0; c < g->ncal; c++)
		if (g->cals[c]->key_len == len &&
		    memcmp(g->cals[c]->key, key, len) == 0)
			return (opflow_id)c;
	return OPFLOW_NONE;
}

/* The calendar of the key at col, declared above. */
int opflow__calendar_of(const struct reader *r, const opflow_graph *g,
                        const char *key, size_t col, opflow_id *out)
{
	if ((*out = find_calendar(g, key)) != OPFLOW_NONE)
		return 0;
	return opflow__perr(r, col, "unknown calendar %k (a calendar is "
	                    "declared above its first use)", key);
}

/* The end of the line after what, or the error of the token found. */
static int line_end(struct reader *r, const char *what)
{
	struct token t;
	int rc;

	if ((rc = opflow__next_token(r, &t)))
		return rc;
	if (t.kind != TOK_END)
		return opflow__perr(r, t.col, "expected the end of the line after "
		            "%s", what);
	return 0;
}

static int statement_calendar(struct reader *r, opflow_graph *g)
{
	struct token key, spec;
	opflow_id c;
	size_t len;
	int rc;

	if ((rc = opflow__next_token(r, &key)) ||
	    (rc = opflow__key_token(r, &key, "a calendar key after "
	                            "'calendar'")))
		return rc;
	if (opflow__check_key("calendar key", key.text, &len))
		return opflow__at(r, key.col);
	if (find_calendar(g, key.text) != OPFLOW_NONE)
		return opflow__perr(r, key.col, "calendar %k is declared twice",
		            key.text);
	if ((rc = opflow__next_token(r, &spec)))
		return rc;
	if (spec.kind == TOK_END)
		return opflow__perr(r, spec.col, "expected the spec of calendar %k, "
		            "a quoted string, found the end of the line",
		            key.text);
	if (spec.kind != TOK_STRING)
		return opflow__perr(r, spec.col, "expected the spec of calendar %k, "
		            "a quoted string, after its key", key.text);
	if ((rc = line_end(r, "the spec of the calendar")))
		return rc;
	if (opflow_graph_add_calendar(&c, g, key.text, spec.text))
		return api_error(r, spec.col, "opflow_graph_add_calendar");
	return 0;
}

static int statement_default_calendar(struct reader *r, opflow_graph *g,
                                      struct dates *dt, size_t col)
{
	struct token key;
	opflow_id c;
	int rc;

	if (dt->default_cal++)
		return opflow__perr(r, col, "default-calendar is given twice");
	if ((rc = opflow__next_token(r, &key)) ||
	    (rc = opflow__key_token(r, &key, "a calendar key after "
	                            "'default-calendar'")) ||
	    (rc = opflow__calendar_of(r, g, key.text, key.col, &c)) ||
	    (rc = line_end(r, "the default calendar")))
		return rc;
	if (opflow_graph_set_default_calendar(g, c))
		return opflow__at(r, key.col);
	return 0;
}

static int statement_start(struct reader *r, opflow_graph *g,
                           struct dates *dt, size_t col)
{
	struct token t;
	int64_t start;
	int rc;

	if (dt->start++)
		return opflow__perr(r, col, "start is given twice");
	if ((rc = opflow__next_token(r, &t)) ||
	    (rc = opflow__key_token(r, &t, "the project start, an "
	                            "instant, after 'start'")))
		return rc;
	if (opflow_instant_parse(&start, t.text))
		return api_error(r, t.col, "opflow_instant_parse");
	if ((rc = line_end(r, "the project start")))
		return rc;
	if (opflow_graph_set_start(g, start))
		return api_error(r, t.col, "opflow_graph_set_start");
	return 0;
}

static int statement_unit(struct reader *r, opflow_graph *g,
                          struct dates *dt, size_t col)
{
	struct token t;
	int64_t unit = 0;
	size_t i, digits = 0;
	int rc;

	if (dt->unit++)
		return opflow__perr(r, col, "unit is given twice");
	if ((rc = opflow__next_token(r, &t)))
		return rc;
	if (t.kind == TOK_END)
		return opflow__perr(r, t.col, "expected the unit, a whole number of "
		            "seconds, after 'unit', found the end of the line");
	for (i = 0; t.kind == TOK_WORD && i < t.len &&
	            t.text[i] >= '0' && t.text[i] <= '9'; i++) {
		/* digits past 18 are too many for any unit */
		if (digits || t.text[i] != '0')
			digits++;
		if (digits <= 18)
			unit = unit * 10 + (t.text[i] - '0');
	}
	if (t.kind == TOK_STRING)
		return opflow__perr(r, t.col, "expected the unit, a whole number of "
		            "seconds, not a quoted string");
	if (t.kind == TOK_ATTR)
		return opflow__perr(r, t.col, "expected the unit, a whole number of "
		            "seconds, found the attribute %s=", t.text);
	if (i < t.len)
		return opflow__perr(r, t.col, "expected the unit, a whole number of "
		            "seconds (digits only), found %k", t.text);
	if (digits > 18)
		return opflow__perr(r, t.col, "the unit %s is too large", t.text);
	if ((rc = line_end(r, "the unit")))
		return rc;
	if (opflow_graph_set_unit(g, unit))
		return api_error(r, t.col, "opflow_graph_set_unit");
	return 0;
}

int opflow__dates_statement(struct reader *r, opflow_graph *g,
                            struct dates *dt, const struct token *t)
{
	if (t->kind != TOK_WORD)
		return 1;
	if (strcmp(t->text, "calendar") == 0)
		return statement_calendar(r, g);
	if (strcmp(t->text, "default-calendar") == 0)
		return statement_default_calendar(r, g, dt, t->col);
	if (strcmp(t->text, "start") == 0)
		return statement_start(r, g, dt, t->col);
	if (strcmp(t->text, "unit") == 0)
		return statement_unit(r, g, dt, t->col);
	return 1;
}

int opflow__dates_flow(struct dates *dt, int elapsed)
{
	int rc;

	if (elapsed) {
		void *p = dt->elapsed;

		if ((rc = opflow__grow(&p, &dt->cap_elapsed, dt->n_elapsed + 1,
		                       sizeof *dt->elapsed)))
			return rc;
		dt->elapsed = p;
		dt->elapsed[dt->n_elapsed++] = dt->next_flow;
	}
	dt->next_flow++;
	return 0;
}

int opflow__dates_finish(opflow_graph *g, struct dates *dt, int rc)
{
	/* every flow is there: those marked elapsed are */
	for (size_t i = 0; !rc && i < dt->n_elapsed; i++)
		if (opflow_graph_set_flow_elapsed(g, dt->elapsed[i], 1))
			rc = opflow_error_code();
	opflow__free(dt->elapsed);
	return rc;
}
