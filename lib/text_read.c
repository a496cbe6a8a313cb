/*
 * text_read.c - reading the .opflow text format (opflow(5)): a version line,
 * then one statement a line:
 *
 *   opflow 1
 *   # comment
 *   department frame-shop name="Frame shop"
 *   activity weld category=manufacturing department=frame-shop duration=6
 *   flow cut weld type=SS lag=-0.5
 *
 * Reading is one pass over the text, linear in its size; every error
 * names its line and column (1-based, in bytes) and what was expected.
 */
#include "config.h"

#include "internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define FORMAT_VERSION 1

/* The longest line, in bytes, not counting its end ("\n" or "\r\n") nor
 * a byte-order mark: ample for any statement with every value at its
 * limit and written with escapes (under 700000 bytes, a label of
 * OPFLOW_TEXT_MAX bytes taking 10 bytes a byte as \u{00000A}), and it
 * bounds what reading one line costs. */
#define OPFLOW__LINE_MAX 4194304

/* ---------------------------------------------------------------- values */

static int number(struct reader *r, const struct token *t, double *out)
{
	int rc;

	if (t->value_quoted)
		return opflow__perr(r, t->value_col, "expected a number for %s, not a "
		            "quoted string", t->text);
	rc = opflow__parse_double(out, t->value, t->value_len);
	if (rc == -2)
		return opflow__perr(r, t->value_col, "the number %s for %s is too large",
		            t->value, t->text);
	if (rc == -3)
		return opflow__perr(r, t->value_col, "the number for %s is longer than "
		            "%d characters", t->text, OPFLOW__NUMBER_MAX);
	if (rc)
		return opflow__perr(r, t->value_col, "expected a number for %s, found %k",
		            t->text, t->value);
	return 0;
}

static int key_token(struct reader *r, const struct token *t, const char *what)
{
	if (t->kind == TOK_WORD || t->kind == TOK_STRING)
		return 0;
	if (t->kind == TOK_END)
		return opflow__perr(r, t->col, "expected %s, found the end of the line",
		            what);
	return opflow__perr(r, t->col, "expected %s, found the attribute %s=", what,
	            t->text);
}

/* The graph call's error, moved to the token's place. */
static int at(const struct reader *r, size_t col)
{
	/* running out of memory is not the text's fault */
	if (opflow_error_code() == OPFLOW_ENOMEM)
		return OPFLOW_ENOMEM;
	return opflow__error_at(OPFLOW_EPARSE, r->lineno, col, "%m");
}

static int statement_department(struct reader *r, opflow_graph *g)
{
	struct token key, t;
	const char *name = NULL;
	size_t name_col = 0;
	opflow_id d;
	int rc;

	if ((rc = opflow__next_token(r, &key)) ||
	    (rc = key_token(r, &key, "a department key after 'department'")))
		return rc;
	for (;;) {
		if ((rc = opflow__next_token(r, &t)))
			return rc;
		if (t.kind == TOK_END)
			break;
		if (t.kind != TOK_ATTR || strcmp(t.text, "name") != 0)
			return opflow__perr(r, t.col, "unknown department attribute %k: "
			            "expected name=", t.text);
		if (name)
			return opflow__perr(r, t.col, "name= given twice");
		name = t.value;
		name_col = t.value_col;
	}
	if (opflow_graph_intern_department(&d, g, key.text))
		return at(r, key.col);
	if (d >= r->declared_cap) {
		void *p = r->declared;
		size_t cap = r->declared_cap;

		if ((rc = opflow__grow(&p, &cap, (size_t)d + 1, 1)))
			return rc;
		memset((uint8_t *)p + r->declared_cap, 0, cap - r->declared_cap);
		r->declared = p;
		r->declared_cap = cap;
	}
	if (r->declared[d])
		return opflow__perr(r, key.col, "department %k is declared twice",
		            key.text);
	r->declared[d] = 1;
	if (name && opflow_graph_set_department_name(g, d, name))
		return at(r, name_col);
	return 0;
}

static int pick(struct reader *r, const struct token *t, const char *what,
                int (*from_name)(int *, const char *), int *out)
{
	if (from_name(out, t->value))
		return opflow__perr(r, t->value_col, "unknown %s %k", what, t->value);
	return 0;
}

static int kind_of(int *out, const char *s)
{
	opflow_kind k;
	int rc = opflow_kind_from_name(&k, s);

	*out = (int)k;
	return rc;
}

static int category_of(int *out, const char *s)
{
	opflow_category c;
	int rc = opflow_category_from_name(&c, s);

	*out = (int)c;
	return rc;
}

static int type_of(int *out, const char *s)
{
	opflow_flow_type t;
	int rc = opflow_flow_type_from_name(&t, s);

	*out = (int)t;
	return rc;
}

static int boolean(struct reader *r, const struct token *t, int *out)
{
	if (!t->value_quoted && strcmp(t->value, "true") == 0)
		*out = 1;
	else if (!t->value_quoted && strcmp(t->value, "false") == 0)
		*out = 0;
	else
		return opflow__perr(r, t->value_col, "expected true or false for %s, "
		            "found %k", t->text, t->value);
	return 0;
}

static int estimate(struct reader *r, const struct token *t,
                    opflow_activity_options *o)
{
	const char *v = t->value, *s1, *s2;
	double x[3];

	s1 = t->value_quoted ? NULL : memchr(v, '/', t->value_len);
	s2 = s1 ? memchr(s1 + 1, '/', t->value_len - (size_t)(s1 + 1 - v)) : NULL;
	if (!s1 || !s2 || memchr(s2 + 1, '/', t->value_len - (size_t)(s2 + 1 - v)))
		return opflow__perr(r, t->value_col, "expected an estimate written "
		            "OPTIMISTIC/MOST-LIKELY/PESSIMISTIC, found %k", v);
	{
		static const char *const name[3] = {
			"optimistic", "most likely", "pessimistic"
		};
		const char *part[3] = { v, s1 + 1, s2 + 1 };
		size_t plen[3] = { (size_t)(s1 - v), (size_t)(s2 - s1 - 1),
		                   t->value_len - (size_t)(s2 + 1 - v) };

		for (int i = 0; i < 3; i++) {
			int rc = opflow__parse_double(&x[i], part[i], plen[i]);

			if (rc == -3)
				return opflow__perr(r, t->value_col, "the %s duration of "
				            "the estimate is longer than %d "
				            "characters", name[i], OPFLOW__NUMBER_MAX);
			if (rc == -2)
				return opflow__perr(r, t->value_col, "the %s duration of "
				            "the estimate is too large", name[i]);
			if (rc)
				return opflow__perr(r, t->value_col, "expected three finite "
				            "numbers in the estimate %k", v);
		}
	}
	o->has_estimate = 1;
	o->optimistic = x[0];
	o->most_likely = x[1];
	o->pessimistic = x[2];
	return 0;
}

static int queue_activity(struct reader *r, opflow_graph *g,
                          const struct token *key,
                          const opflow_activity_options *o);

static const char activity_attrs[] = "label=, kind=, category=, "
	"department=, customer-facing=, duration= or estimate=";

static int statement_activity(struct reader *r, opflow_graph *g)
{
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
	struct token key, t;
	unsigned seen = 0;
	size_t col[7] = { 0 }, len;
	int rc;

	if ((rc = opflow__next_token(r, &key)) ||
	    (rc = key_token(r, &key, "an activity key after 'activity'")))
		return rc;
	for (;;) {
		static const char *const names[] = {
			"label", "kind", "category", "department",
			"customer-facing", "duration", "estimate"
		};
		unsigned which;

		if ((rc = opflow__next_token(r, &t)))
			return rc;
		if (t.kind == TOK_END)
			break;
		if (t.kind != TOK_ATTR)
			return opflow__perr(r, t.col, "expected an attribute (%s), found %k",
			            activity_attrs, t.text);
		for (which = 0; which < 7; which++)
			if (strcmp(t.text, names[which]) == 0)
				break;
		if (which == 7)
			return opflow__perr(r, t.col, "unknown activity attribute %k: "
			            "expected %s", t.text, activity_attrs);
		if (seen & (1u << which))
			return opflow__perr(r, t.col, "%s= given twice", t.text);
		seen |= 1u << which;
		col[which] = t.value_col;
		switch (which) {
		case 0: o.label = t.value; break;
		case 1: rc = pick(r, &t, "kind", kind_of, &o.kind); break;
		case 2: rc = pick(r, &t, "category", category_of, &o.category);
			break;
		case 3: o.department = t.value; break;
		case 4: rc = boolean(r, &t, &o.customer_facing); break;
		case 5:
			rc = number(r, &t, &o.duration);
			o.has_duration = 1;
			break;
		default: rc = estimate(r, &t, &o); break;
		}
		if (rc)
			return rc;
	}
	/* each value's own error at its own place; what is left is the key's */
	if (o.label && opflow__check_text("label", o.label, &len))
		return at(r, col[0]);
	if (o.department &&
	    opflow__check_key("department key", o.department, &len))
		return at(r, col[3]);
	if (o.has_duration && opflow__check_duration("duration", o.duration))
		return at(r, col[5]);
	if (o.has_estimate &&
	    (opflow__check_duration("optimistic estimate", o.optimistic) ||
	     opflow__check_duration("most likely estimate", o.most_likely) ||
	     opflow__check_duration("pessimistic estimate", o.pessimistic)))
		return at(r, col[6]);
	if (o.has_estimate && !(o.optimistic <= o.most_likely &&
	                        o.most_likely <= o.pessimistic))
		return opflow__perr(r, col[6], "estimate out of order: need optimistic "
		            "<= most likely <= pessimistic");
	return queue_activity(r, g, &key, &o);
}

/* ------------------------------------------------------------- flows */

/*
 * Flows whose keys are bare words wait in a batch and are added a batch
 * at a time: the memory their keys' lookups touch (the index, the
 * activities, their keys) is fetched for the whole batch at once instead
 * of one miss after the other.  Every other statement, the end of the
 * text and any error first add the batch, so each flow sees the graph it
 * would see alone, and the first error in the text is the one reported,
 * at its line and column.
 */
#define BATCH 256

struct pending {
	const char *src, *dst;  /* bare words in the text */
	uint32_t src_len, dst_len, hs, hd, fh;
	size_t lineno, src_col, dst_col;
};

#define NO_TEXT SIZE_MAX

struct act_pending {
	opflow_activity_options o;      /* label and department in bytes */
	size_t key, label, dept;        /* offsets in bytes, or NO_TEXT */
	size_t key_len, lineno, key_col;
	uint32_t h;
};

#define SHORT_KEY 8

struct short_key {
	uint32_t hash, id;
	char key[SHORT_KEY];    /* then NULs: a key has none of its own */
};

struct opflow__batch {
	size_t count;
	struct pending p[BATCH];
	opflow_id s[BATCH], d[BATCH];
	int type[BATCH];
	double lag[BATCH];
	uint16_t seen[2 * BATCH];       /* the batch's flows, by (s, d, type) */
	/* activities, their texts in bytes */
	size_t nacts;
	struct act_pending a[BATCH];
	char *bytes;
	size_t bytes_len, bytes_cap;
	/* the activities of short keys, by key: the flows find them here in
	 * one read, where the graph's index takes three */
	struct short_key *keys;
	size_t keys_cap, keys_count;
};

/* Looks a key of at most SHORT_KEY bytes up in the batch's table, else
 * in the graph's index. */
static uint32_t find_key(const opflow_graph *g, const struct opflow__batch *b,
                         const char *key, size_t len, uint32_t h)
{
	char k[SHORT_KEY] = { 0 };
	size_t mask;

	if (len > SHORT_KEY || b->keys_cap == 0)
		return opflow__find_key(g, key, len, h);
	memcpy(k, key, len);
	mask = b->keys_cap - 1;
	for (size_t i = h & mask; b->keys[i].id != OPFLOW_NONE;
	     i = (i + 1) & mask)
		if (b->keys[i].hash == h &&
		    memcmp(b->keys[i].key, k, SHORT_KEY) == 0)
			return b->keys[i].id;
	return OPFLOW_NONE;
}

static void put_key(struct opflow__batch *b, const char *key, size_t len,
                    uint32_t h, uint32_t id)
{
	size_t mask = b->keys_cap - 1, i;

	for (i = h & mask; b->keys[i].id != OPFLOW_NONE; i = (i + 1) & mask)
		;
	b->keys[i].hash = h;
	b->keys[i].id = id;
	memset(b->keys[i].key, 0, SHORT_KEY);
	memcpy(b->keys[i].key, key, len);
	b->keys_count++;
}

/* Room in the table for count more keys, at most half full. */
static int reserve_keys(struct opflow__batch *b, size_t count)
{
	struct short_key *old = b->keys, *t;
	size_t cap = b->keys_cap ? b->keys_cap : 1024, old_cap = b->keys_cap;

	while (cap / 2 < b->keys_count + count) {
		if (cap > SIZE_MAX / 4 / sizeof *t)
			return opflow__nomem();
		cap *= 2;
	}
	if (cap == b->keys_cap)
		return 0;
	if (!(t = opflow__malloc(cap * sizeof *t)))
		return opflow__nomem();
	for (size_t i = 0; i < cap; i++)
		t[i].id = OPFLOW_NONE;
	b->keys = t;
	b->keys_cap = cap;
	b->keys_count = 0;
	for (size_t i = 0; i < old_cap; i++)
		if (old[i].id != OPFLOW_NONE)
			put_key(b, old[i].key, SHORT_KEY, old[i].hash, old[i].id);
	opflow__free(old);
	return 0;
}

/* The id of the key at col, else the error a flow names it with. */
static int flow_end(opflow_id *out, struct reader *r, opflow_graph *g,
                    const char *key, size_t len, uint32_t h, size_t col)
{
	uint32_t id = opflow__find_key(g, key, len, h);
	char *k;
	int rc;

	if (id != OPFLOW_NONE) {
		*out = id;
		return 0;
	}
	/* a key no activity can have (empty, too long) is named as such */
	if (!(k = opflow__malloc(len + 1)))
		return opflow__nomem();
	memcpy(k, key, len);
	k[len] = '\0';
	rc = 0;
	if (opflow_graph_find_activity(out, g, k))
		rc = opflow_error_code() != OPFLOW_ENOTFOUND ? at(r, col)
		     : opflow__perr(r, col, "unknown activity %k (a flow names "
		                    "activities declared above it)", k);
	opflow__free(k);
	return rc;
}

/* The error of pending flow i, whose ends are s and d (OPFLOW_NONE when
 * not found): a missing end, else a self-loop, else a duplicate. */
static int flow_error(struct reader *r, opflow_graph *g,
                      const struct pending *x, int type, int duplicate)
{
	opflow_id s, d;
	char *ks, *kd;
	int rc;

	r->lineno = x->lineno;
	if ((rc = flow_end(&s, r, g, x->src, x->src_len, x->hs, x->src_col)) ||
	    (rc = flow_end(&d, r, g, x->dst, x->dst_len, x->hd, x->dst_col)))
		return rc;
	ks = opflow__malloc((size_t)x->src_len + x->dst_len + 2);
	if (!ks)
		return opflow__nomem();
	kd = ks + x->src_len + 1;
	memcpy(ks, x->src, x->src_len);
	ks[x->src_len] = '\0';
	memcpy(kd, x->dst, x->dst_len);
	kd[x->dst_len] = '\0';
	if (!duplicate)
		rc = opflow__perr(r, x->dst_col, "a flow from %k to itself is a "
		                  "self-loop", ks);
	else
		rc = opflow__perr(r, x->src_col, "the %s flow from %k to %k is "
		                  "declared twice",
		                  opflow_flow_type_name((opflow_flow_type)type),
		                  ks, kd);
	opflow__free(ks);
	return rc;
}

/* Whether flow i of the batch repeats an earlier one of the batch; notes
 * it if not. */
static int seen_before(struct opflow__batch *b, size_t i)
{
	size_t mask = 2 * BATCH - 1, k;

	for (k = b->p[i].fh & mask; b->seen[k]; k = (k + 1) & mask) {
		size_t j = b->seen[k] - 1u;

		if (b->s[j] == b->s[i] && b->d[j] == b->d[i] &&
		    b->type[j] == b->type[i])
			return 1;
	}
	b->seen[k] = (uint16_t)(i + 1);
	return 0;
}

/* Fetches ahead the activities of the first slots where the key of hash
 * h is looked for (a hint only: nothing depends on it). */
static void fetch_acts(const opflow_graph *g, size_t mask, uint32_t h)
{
	const uint32_t *slots = g->key_index.slots;

	for (size_t k = h & mask, j = 0; j < 3; j++, k = (k + 1) & mask) {
		if (slots[k] >= g->n)
			break;
		__builtin_prefetch(&g->acts[slots[k]]);
	}
}

/* Fetches ahead the key bytes of the activity of hash h, if any. */
static void fetch_key(const opflow_graph *g, size_t mask, uint32_t h)
{
	const uint32_t *slots = g->key_index.slots;

	for (size_t k = h & mask, j = 0; j < 8; j++, k = (k + 1) & mask) {
		if (slots[k] >= g->n)
			break;
		if (g->acts[slots[k]].hash == h) {
			__builtin_prefetch(g->acts[slots[k]].key);
			break;
		}
	}
}

/* Whether flow i of the batch names an activity of a long key. */
#define LONG_KEYS(b, i) ((b)->p[i].src_len > SHORT_KEY || \
                         (b)->p[i].dst_len > SHORT_KEY)

/* Adds the batch's flows, or fails at the first one that cannot be. */
static int flush_flows(struct reader *r, opflow_graph *g)
{
	struct opflow__batch *b = r->batch;
	size_t n = b ? b->count : 0, ok = 0, lineno = r->lineno;
	const struct opflow__index *ix = &g->key_index;
	opflow_id first;
	int rc = 0;

	if (n == 0)
		return 0;
	b->count = 0;
	if (b->keys_cap) {
		size_t mask = b->keys_cap - 1;

		for (size_t i = 0; i < n; i++) {
			__builtin_prefetch(&b->keys[b->p[i].hs & mask]);
			__builtin_prefetch(&b->keys[b->p[i].hd & mask]);
		}
	}
	if (ix->cap) {
		size_t mask = ix->cap - 1;

		/* the graph's index for the longer keys */
		for (size_t i = 0; i < n; i++) {
			if (LONG_KEYS(b, i)) {
				__builtin_prefetch(&ix->slots[b->p[i].hs & mask]);
				__builtin_prefetch(&ix->slots[b->p[i].hd & mask]);
			}
		}
		for (size_t i = 0; i < n; i++) {
			if (LONG_KEYS(b, i)) {
				fetch_acts(g, mask, b->p[i].hs);
				fetch_acts(g, mask, b->p[i].hd);
			}
		}
		for (size_t i = 0; i < n; i++) {
			if (LONG_KEYS(b, i)) {
				fetch_key(g, mask, b->p[i].hs);
				fetch_key(g, mask, b->p[i].hd);
			}
		}
	}
	/* the flows up to the first whose ends are not both found, or the
	 * same activity */
	for (; ok < n; ok++) {
		struct pending *x = &b->p[ok];

		b->s[ok] = find_key(g, b, x->src, x->src_len, x->hs);
		b->d[ok] = find_key(g, b, x->dst, x->dst_len, x->hd);
		if (b->s[ok] == OPFLOW_NONE || b->d[ok] == OPFLOW_NONE ||
		    b->s[ok] == b->d[ok])
			break;
		x->fh = opflow__flow_hash(b->s[ok], b->d[ok],
		                          (uint32_t)b->type[ok]);
		if (g->flow_index.cap)
			__builtin_prefetch(&g->flow_index.slots[
			        x->fh & (g->flow_index.cap - 1)]);
	}
	/* the flows that each new flow is linked after */
	for (size_t i = 0; i < ok; i++) {
		uint32_t u = g->acts[b->s[i]].last_out, v = g->acts[b->d[i]].last_in;

		if (u < g->m)
			__builtin_prefetch(&g->flows[u], 1);
		if (v < g->m)
			__builtin_prefetch(&g->flows[v], 1);
	}
	/* all at once when they all can be; opflow_graph_add_flows adds
	 * none when one repeats another, which is looked for below */
	if (ok == n && n <= (size_t)OPFLOW_NONE - g->m) {
		if (opflow_graph_add_flows(&first, g, n, b->s, b->d, b->type,
		                           b->lag) == 0) {
			r->lineno = lineno;
			return 0;
		}
		if (opflow_error_code() != OPFLOW_EEXISTS) {
			r->lineno = b->p[0].lineno;
			return at(r, b->p[0].src_col);
		}
	}
	/* a flow declared twice comes before a later flow's error */
	memset(b->seen, 0, sizeof b->seen);
	for (size_t i = 0; i < ok; i++)
		if (opflow__find_flow(g, b->s[i], b->d[i], b->type[i]) !=
		    OPFLOW_NONE || seen_before(b, i))
			return flow_error(r, g, &b->p[i], b->type[i], 1);
	if (ok < n)
		return flow_error(r, g, &b->p[ok], b->type[ok], 0);
	/* past the limit: the flow that does not fit says so */
	for (size_t i = 0; i < n; i++) {
		r->lineno = b->p[i].lineno;
		if (opflow_graph_add_flow(&first, g, b->s[i], b->d[i],
		                          (opflow_flow_type)b->type[i], b->lag[i]))
			return at(r, b->p[i].src_col);
	}
	r->lineno = lineno;
	return rc;
}

/* ------------------------------------------------------ activities */

/* Keeps s (n bytes) and a NUL in the batch's bytes, at *out. */
static int keep(struct opflow__batch *b, const char *s, size_t n, size_t *out)
{
	void *p = b->bytes;
	int rc;

	if ((rc = opflow__grow(&p, &b->bytes_cap, b->bytes_len + n + 1, 1)))
		return rc;
	b->bytes = p;
	memcpy(b->bytes + b->bytes_len, s, n);
	b->bytes[b->bytes_len + n] = '\0';
	*out = b->bytes_len;
	b->bytes_len += n + 1;
	return 0;
}

/* Adds the batch's activities, or fails at the first that cannot be. */
static int flush_acts(struct reader *r, opflow_graph *g)
{
	struct opflow__batch *b = r->batch;
	size_t n = b ? b->nacts : 0, lineno = r->lineno;
	const struct opflow__index *ix = &g->key_index;

	if (n == 0)
		return 0;
	b->nacts = 0;
	b->bytes_len = 0;       /* still there until the next activity */
	if (reserve_keys(b, n))
		return OPFLOW_ENOMEM;
	for (size_t i = 0; i < n; i++)
		__builtin_prefetch(&b->keys[b->a[i].h & (b->keys_cap - 1)], 1);
	if (ix->cap) {
		size_t mask = ix->cap - 1;

		for (size_t i = 0; i < n; i++)
			__builtin_prefetch(&ix->slots[b->a[i].h & mask]);
		for (size_t i = 0; i < n; i++) {
			size_t k = b->a[i].h & mask;
			uint32_t u = ix->slots[k], v = ix->slots[(k + 1) & mask];

			if (u < g->n)
				__builtin_prefetch(&g->acts[u]);
			if (u < g->n && v < g->n)
				__builtin_prefetch(&g->acts[v]);
		}
	}
	for (size_t i = 0; i < n; i++) {
		struct act_pending *x = &b->a[i];
		opflow_id id;

		x->o.label = x->label == NO_TEXT ? NULL : b->bytes + x->label;
		x->o.department = x->dept == NO_TEXT ? NULL
		                  : b->bytes + x->dept;
		if (opflow_graph_add_activity_ext(&id, g, b->bytes + x->key,
		                                  &x->o)) {
			r->lineno = x->lineno;
			return at(r, x->key_col);
		}
		if (x->key_len <= SHORT_KEY)
			put_key(b, b->bytes + x->key, x->key_len, x->h, id);
	}
	r->lineno = lineno;
	return 0;
}

static int queue_activity(struct reader *r, opflow_graph *g,
                          const struct token *key,
                          const opflow_activity_options *o)
{
	struct opflow__batch *b = r->batch;
	struct act_pending *x = &b->a[b->nacts];
	int rc;

	x->o = *o;
	x->label = x->dept = NO_TEXT;
	if ((rc = keep(b, key->text, key->len, &x->key)) ||
	    (o->label && (rc = keep(b, o->label, strlen(o->label), &x->label))) ||
	    (o->department &&
	     (rc = keep(b, o->department, strlen(o->department), &x->dept))))
		return rc;
	x->key_len = key->len;
	x->h = opflow__hash(key->text, key->len);
	x->lineno = r->lineno;
	x->key_col = key->col;
	if (++b->nacts == BATCH)
		return flush_acts(r, g);
	return 0;
}

static int flush_all(struct reader *r, opflow_graph *g)
{
	int rc = flush_acts(r, g);

	return rc ? rc : flush_flows(r, g);
}

static int statement_flow(struct reader *r, opflow_graph *g)
{
	struct token src, dst, t;
	opflow_id s, d, f;
	int type = OPFLOW_FLOW_FS, have_type = 0, have_lag = 0;
	double lag = 0;
	int rc;

	if ((rc = opflow__next_token(r, &src)) ||
	    (rc = key_token(r, &src, "the source activity after 'flow'")) ||
	    (rc = opflow__next_token(r, &dst)) ||
	    (rc = key_token(r, &dst, "the target activity after the source")))
		return rc;
	for (;;) {
		if ((rc = opflow__next_token(r, &t)))
			return rc;
		if (t.kind == TOK_END)
			break;
		if (t.kind == TOK_ATTR && strcmp(t.text, "type") == 0) {
			if (have_type++)
				return opflow__perr(r, t.col, "type= given twice");
			if ((rc = pick(r, &t, "flow type (FS, SS, FF or SF)",
			               type_of, &type)))
				return rc;
		} else if (t.kind == TOK_ATTR && strcmp(t.text, "lag") == 0) {
			if (have_lag++)
				return opflow__perr(r, t.col, "lag= given twice");
			if ((rc = number(r, &t, &lag)))
				return rc;
		} else {
			return opflow__perr(r, t.col, "unknown flow attribute %k: expected "
			            "type= or lag=", t.text);
		}
	}
	if (src.kind == TOK_WORD && dst.kind == TOK_WORD &&
	    src.len < UINT32_MAX && dst.len < UINT32_MAX) {
		struct opflow__batch *b = r->batch;
		struct pending *x = &b->p[b->count];

		x->src = r->line + src.col - 1;
		x->dst = r->line + dst.col - 1;
		x->src_len = (uint32_t)src.len;
		x->dst_len = (uint32_t)dst.len;
		x->hs = opflow__hash(x->src, src.len);
		x->hd = opflow__hash(x->dst, dst.len);
		x->lineno = r->lineno;
		x->src_col = src.col;
		x->dst_col = dst.col;
		b->type[b->count] = type;
		b->lag[b->count] = lag;
		if (++b->count == BATCH)
			return flush_flows(r, g);
		return 0;
	}
	if ((rc = flush_flows(r, g)))
		return rc;
	/* a key no activity can have (empty, too long) is named as such */
	if (opflow_graph_find_activity(&s, g, src.text))
		return opflow_error_code() != OPFLOW_ENOTFOUND ? at(r, src.col)
		       : opflow__perr(r, src.col, "unknown activity %k (a flow names "
		              "activities declared above it)", src.text);
	if (opflow_graph_find_activity(&d, g, dst.text))
		return opflow_error_code() != OPFLOW_ENOTFOUND ? at(r, dst.col)
		       : opflow__perr(r, dst.col, "unknown activity %k (a flow names "
		              "activities declared above it)", dst.text);
	if (s == d)
		return opflow__perr(r, dst.col, "a flow from %k to itself is a self-loop",
		            src.text);
	if (opflow__find_flow(g, s, d, type) != OPFLOW_NONE)
		return opflow__perr(r, src.col, "the %s flow from %k to %k is declared "
		            "twice", opflow_flow_type_name((opflow_flow_type)type),
		            src.text, dst.text);
	if (opflow_graph_add_flow(&f, g, s, d, (opflow_flow_type)type, lag))
		return at(r, src.col);
	return 0;
}

/* The version line, whose first token t was read. */
static int version_line(struct reader *r, const struct token *t_)
{
	const struct token *t = t_;
	struct token v, end;
	double version;
	int rc;

	if (t->kind != TOK_WORD || strcmp(t->text, "opflow") != 0)
		return opflow__perr(r, t->col, "expected the version line 'opflow %d' "
		            "first", FORMAT_VERSION);
	if ((rc = opflow__next_token(r, &v)))
		return rc;
	if (v.kind != TOK_WORD || opflow__parse_double(&version, v.text, v.len))
		return opflow__perr(r, v.col, "expected the format version after "
		            "'opflow'");
	if (version != FORMAT_VERSION)
		return opflow__perr(r, v.col, "format version %s is not supported (this "
		            "library reads version %d)", v.text, FORMAT_VERSION);
	if ((rc = opflow__next_token(r, &end)))
		return rc;
	if (end.kind != TOK_END)
		return opflow__perr(r, end.col, "expected the end of the line after the "
		            "format version");
	return 0;
}

/* --------------------------------------------------------------- loading */

/* A statement other than an activity or a flow, whose first token t was
 * read. */
static int statement(struct reader *r, opflow_graph *g, const struct token *t)
{
	if (t->kind == TOK_WORD && strcmp(t->text, "department") == 0)
		return statement_department(r, g);
	return opflow__perr(r, t->col, "unknown statement %k: expected "
	                    "activity, flow or department", t->text);
}

/* The error rc of the line being read, once the flows waiting before it
 * are added: the first error of the text is the one reported. */
static int failed(struct reader *r, opflow_graph *g, int rc)
{
	struct opflow__saved_error saved;
	int frc;

	if (r->batch->count == 0 && r->batch->nacts == 0)
		return rc;
	opflow__error_save(&saved);
	if ((frc = flush_all(r, g))) {
		opflow__free(saved.cycle);
		return frc;
	}
	opflow__error_restore(&saved);
	return rc;
}

static int read_lines(opflow_graph *g, const char *data, size_t size,
                      struct reader *r)
{
	size_t pos = 0;
	int first = 1, rc;

	if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	r->lineno = 0;
	while (pos < size) {
		const char *nl = memchr(data + pos, '\n', size - pos);
		size_t end = nl ? (size_t)(nl - data) : size, len = end - pos;
		size_t scan, bad;
		const char *nul;
		struct token t;

		r->lineno++;
		r->line = data + pos;
		if (len && r->line[len - 1] == '\r')
			len--;
		r->len = len;
		r->pos = 0;
		pos = nl ? end + 1 : size;
		/* A NUL byte or invalid UTF-8 within the limit comes first,
		 * then a line past it, at its first byte past it: nothing
		 * here looks further than the limit and one sequence, so a
		 * stream cut short after that (read_all) reads the same. */
		scan = len < OPFLOW__LINE_MAX ? len : OPFLOW__LINE_MAX;
		if ((nul = memchr(r->line, '\0', scan)))
			return opflow__perr(r, (size_t)(nul - r->line) + 1,
			            "a NUL byte is not allowed in the text");
		scan = len < OPFLOW__LINE_MAX + 3 ? len : OPFLOW__LINE_MAX + 3;
		bad = opflow__utf8_invalid_at(r->line, scan);
		if (bad < scan && bad < OPFLOW__LINE_MAX)
			return opflow__perr(r, bad + 1, "invalid UTF-8");
		if (len > OPFLOW__LINE_MAX)
			return opflow__perr(r, (size_t)OPFLOW__LINE_MAX + 1, "the line is "
			            "longer than %u bytes", (unsigned)OPFLOW__LINE_MAX);
		/* room for every token of the line, decoded */
		if (r->arena_cap < 2 * len + 2) {
			void *p = r->arena;
			size_t cap = r->arena_cap;

			if ((rc = opflow__grow(&p, &cap, 2 * len + 2, 1)))
				return rc;
			r->arena = p;
			r->arena_cap = cap;
		}
		r->arena_len = 0;
		if ((rc = opflow__next_token(r, &t)))
			return rc;
		if (t.kind == TOK_END)
			continue;
		if (first) {
			if ((rc = version_line(r, &t)))
				return rc;
			first = 0;
			continue;
		}
		/* what waits is added before another kind of statement */
		if (t.kind == TOK_WORD && strcmp(t.text, "flow") == 0) {
			if (!(rc = flush_acts(r, g)))
				rc = statement_flow(r, g);
		} else if (t.kind == TOK_WORD &&
		           strcmp(t.text, "activity") == 0) {
			if (!(rc = flush_flows(r, g)))
				rc = statement_activity(r, g);
		} else if (!(rc = flush_all(r, g))) {
			rc = statement(r, g, &t);
		}
		if (rc)
			return rc;
	}
	return 0;
}

static int parse(opflow_graph *g, const char *data, size_t size,
                 struct reader *r)
{
	int rc = read_lines(g, data, size, r);

	return rc ? failed(r, g, rc) : flush_all(r, g);
}

int opflow_graph_load_buffer(opflow_graph **out, const char *data, size_t size)
{
	struct reader r;
	opflow_graph *g;
	int rc;

	if (!out)
		return opflow__null_arg("opflow_graph_load_buffer", "out");
	if (!data && size)
		return opflow__null_arg("opflow_graph_load_buffer", "data");
	if ((rc = opflow_graph_new(&g)))
		return rc;
	memset(&r, 0, sizeof r);
	r.batch = opflow__malloc(sizeof *r.batch);
	if (!r.batch) {
		opflow_graph_free(g);
		return opflow__nomem();
	}
	r.batch->count = r.batch->nacts = 0;
	r.batch->bytes = NULL;
	r.batch->bytes_len = r.batch->bytes_cap = 0;
	r.batch->keys = NULL;
	r.batch->keys_cap = r.batch->keys_count = 0;
	rc = parse(g, data ? data : "", size, &r);
	opflow__free(r.batch->bytes);
	opflow__free(r.batch->keys);
	opflow__free(r.batch);
	opflow__free(r.arena);
	opflow__free(r.declared);
	if (rc) {
		opflow_graph_free(g);
		return rc;
	}
	*out = g;
	return 0;
}

int opflow__io_error(const char *what, const char *path, int err)
{
	char msg[256];

#if defined(STRERROR_R_CHAR_P)
	const char *text = strerror_r(err, msg, sizeof msg);
#else
	const char *text = strerror_r(err, msg, sizeof msg) ? "I/O error" : msg;
#endif
	if (path)
		return opflow__error(OPFLOW_EIO, "cannot %s %k: %s", what, path,
		                     text);
	return opflow__error(OPFLOW_EIO, "cannot %s the stream: %s", what, text);
}

static int read_all(FILE *fp, const char *path, char **out, size_t *out_len)
{
	char *buf = NULL;
	size_t len = 0, cap = 0, run = 0;
	struct stat st;
	int rc;

	/* a regular file is read in one go, into room for all of it */
	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0 && (uintmax_t)st.st_size < SIZE_MAX / 4) {
		cap = (size_t)st.st_size + 65536;
		if (!(buf = opflow__malloc(cap)))
			return opflow__nomem();
	}
	for (;;) {
		size_t got, i;

		if (cap - len < 65536) {
			void *p = buf;

			if ((rc = opflow__grow(&p, &cap, len + 65536, 1))) {
				opflow__free(buf);
				return rc;
			}
			buf = p;
		}
		got = fread(buf + len, 1, cap - len, fp);
		/* a NUL byte ends the text's validity: what was read is
		 * enough to say where (and /dev/zero does not fill memory) */
		if (got && memchr(buf + len, '\0', got)) {
			len += got;
			break;
		}
		/* so does a line past the limit, once its first bytes past
		 * it (and past a byte-order mark and a carriage return) are
		 * read: an endless line does not fill memory either */
		for (i = got; i > 0 && buf[len + i - 1] != '\n'; i--)
			;
		run = i ? got - i : run + got;
		len += got;
		if (run > (size_t)OPFLOW__LINE_MAX + 8)
			break;
		if (got == 0) {
			if (ferror(fp)) {
				int err = errno;

				opflow__free(buf);
				return opflow__io_error("read", path, err ? err : EIO);
			}
			break;
		}
	}
	*out = buf;
	*out_len = len;
	return 0;
}

/* Reads fp to its end (path names it in messages, or NULL) and loads
 * what it holds. */
static int load_stream(opflow_graph **out, FILE *fp, const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;

	if ((rc = read_all(fp, path, &buf, &len)))
		return rc;
	rc = opflow_graph_load_buffer(out, buf, len);
	opflow__free(buf);
	return rc;
}

int opflow_graph_load_file(opflow_graph **out, FILE *fp)
{
	if (!out)
		return opflow__null_arg("opflow_graph_load_file", "out");
	if (!fp)
		return opflow__null_arg("opflow_graph_load_file", "fp");
	return load_stream(out, fp, NULL);
}

int opflow_graph_load_path(opflow_graph **out, const char *path)
{
	FILE *fp;
	int rc;

	if (!out)
		return opflow__null_arg("opflow_graph_load_path", "out");
	if (!path)
		return opflow__null_arg("opflow_graph_load_path", "path");
	fp = fopen(path, "rb");
	if (!fp)
		return opflow__io_error("open", path, errno);
	rc = load_stream(out, fp, path);
	fclose(fp);
	return rc;
}
