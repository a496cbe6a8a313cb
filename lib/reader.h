/*
 * reader.h - internal to libopflow, included by internal.h: what the text reader's parts share (text_lex.c, text_read.c,
 * text_dates.c).
 */
#ifndef OPFLOW_READER_H
#define OPFLOW_READER_H

/* ------------------------------- text_lex.c, text_read.c, text_dates.c */

/* The longest line, in bytes, not counting its end ("\n" or "\r\n") nor
 * a byte-order mark: ample for any statement with every value at its
 * limit and written with escapes (under 700000 bytes, a label of
 * OPFLOW_TEXT_MAX bytes taking 10 bytes a byte as \u{00000A}), and it
 * bounds what reading one line costs. */
#define OPFLOW__LINE_MAX 4194304

enum tok_kind { TOK_END, TOK_WORD, TOK_STRING, TOK_ATTR };

/* A token of the line being read, by opflow__next_token. */
struct token {
	enum tok_kind kind;
	const char *text;       /* NUL-terminated, in the scratch arena */
	size_t len;
	size_t col;             /* 1-based byte column of its first byte */
	/* TOK_ATTR: text is the name; value the value */
	const char *value;
	size_t value_len, value_col;
	int value_quoted;
};

struct reader {
	const char *line;       /* current line, without its end */
	size_t len, pos, lineno;
	char *arena;            /* decoded tokens of the line (2 len + 2) */
	size_t arena_len, arena_cap;
	uint8_t *declared;      /* by department id: has its statement */
	size_t declared_cap;
	struct opflow__batch *batch;    /* statements waiting to be added */
	int category;           /* the category last read */
};

/* The next token of the line: a word, a quoted string, NAME=VALUE, or
 * the end of the line (a comment ends it too). */
int opflow__next_token(struct reader *r, struct token *t);
/* OPFLOW_EPARSE at the first fault of the reader's line (a NUL byte,
 * invalid UTF-8, a line too long), else 0. */
int opflow__check_line(const struct reader *r);
/* OPFLOW_EPARSE at the reader's line and column col (1-based). */
int opflow__perr(const struct reader *r, size_t col, const char *fmt, ...);
/* The error of the graph call just made, at the reader's line and column
 * col, OPFLOW_ENOMEM as it is. */
int opflow__at(const struct reader *r, size_t col);
/* text_read.c: OPFLOW_EPARSE unless t is a word or a quoted string,
 * expected as what. */
int opflow__key_token(struct reader *r, const struct token *t,
                      const char *what);
/* The id of the activity of key, a flow's end at col, else the error the
 * flow names it with. */
int opflow__flow_end(opflow_id *out, const struct reader *r,
                     opflow_graph *g, const char *key, size_t col);
/* The error of a flow from src to dst (keys, at their columns): a
 * self-loop, or when duplicate, one of that type declared twice. */
int opflow__flow_clash(const struct reader *r, const char *src,
                       size_t src_col, const char *dst, size_t dst_col,
                       int type, int duplicate);

/*
 * text_dates.c: what the reader keeps of the statements of dated graphs:
 * which of those given once at most were given, and the flows marked
 * elapsed, by id (the rank of their statement among the flows), marked
 * once every flow is added.
 */
struct dates {
	int start, unit, default_cal;
	opflow_id *elapsed;
	size_t n_elapsed, cap_elapsed;
	opflow_id next_flow;
};
/* The statement start, unit, calendar or default-calendar whose first
 * token t was read; 1 (and no error set) when t begins none of them. */
int opflow__dates_statement(struct reader *r, opflow_graph *g,
                            struct dates *dt, const struct token *t);
/* The calendar of the key at col (a calendar= value), declared above. */
int opflow__calendar_of(const struct reader *r, const opflow_graph *g,
                        const char *key, size_t col, opflow_id *out);
/* Counts the flow statement read, kept when elapsed=true. */
int opflow__dates_flow(struct dates *dt, int elapsed);
/* Once the text is read with result rc: when 0, the flows kept are marked
 * elapsed; frees what dt holds and returns the result. */
int opflow__dates_finish(opflow_graph *g, struct dates *dt, int rc);

/* text_batch.c: activities and flows that wait to be added, each with
 * its line and column; the flush functions add what waits (or fail at
 * the first that cannot be added). */
int opflow__batch_new(struct opflow__batch **out);
void opflow__batch_free(struct opflow__batch *b);
int opflow__batch_waiting(const struct opflow__batch *b);
int opflow__queue_activity(struct reader *r, opflow_graph *g,
                           const struct token *key,
                           const opflow_activity_options *o);
/* src and dst: bare words */
int opflow__queue_flow(struct reader *r, opflow_graph *g,
                       const struct token *src, const struct token *dst,
                       int type, double lag);
int opflow__flush_acts(struct reader *r, opflow_graph *g);
int opflow__flush_flows(struct reader *r, opflow_graph *g);
int opflow__flush_all(struct reader *r, opflow_graph *g);
/* Room for the activity and flow statements of the lines from line to
 * end, before the first is read: OPFLOW_ENOMEM when it cannot be had. */
int opflow__batch_expect(struct reader *r, opflow_graph *g,
                         const char *line, const char *end);
/* OPFLOW_EIO for a failed what ("open", "read", ...) of path, or of "the
 * stream" when path is NULL. */
int opflow__io_error(const char *what, const char *path, int err);

#endif /* OPFLOW_READER_H */
