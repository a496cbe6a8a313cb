/*
 * text_batch.c - the reader's batches (text_read.c): activities and
 * flows read but not yet added to the graph, added a batch at a time.
 */
#include "config.h"

#include "internal.h"

#include <stdint.h>
#include <string.h>

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
	rc = opflow__flow_end(out, r, g, k, col);
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
	rc = opflow__flow_clash(r, ks, x->src_col, kd, x->dst_col, type,
	                        duplicate);
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

/* Whether flow i of the batch names an activity of a long key. */
#define LONG_KEYS(b, i) ((b)->p[i].src_len > SHORT_KEY || \
                         (b)->p[i].dst_len > SHORT_KEY)

/* Adds the batch's flows, or fails at the first one that cannot be. */
int opflow__flush_flows(struct reader *r, opflow_graph *g)
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
				opflow__fetch_key_acts(g, b->p[i].hs);
				opflow__fetch_key_acts(g, b->p[i].hd);
			}
		}
		for (size_t i = 0; i < n; i++) {
			if (LONG_KEYS(b, i)) {
				opflow__fetch_key_bytes(g, b->p[i].hs);
				opflow__fetch_key_bytes(g, b->p[i].hd);
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
		__builtin_prefetch(&g->acts[b->s[ok]].last_out);
		__builtin_prefetch(&g->acts[b->d[ok]].last_in);
	}
	/* the flows the index holds where each is looked for (as a
	 * duplicate) */
	if (g->flow_index.cap) {
		size_t mask = g->flow_index.cap - 1;
		const uint32_t *slots = g->flow_index.slots;

		for (size_t i = 0; i < ok; i++) {
			for (size_t k = b->p[i].fh & mask, j = 0; j < 4;
			     j++, k = (k + 1) & mask) {
				if (slots[k] >= g->m)
					break;
				__builtin_prefetch(&g->flows[slots[k]]);
			}
		}
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
			return opflow__at(r, b->p[0].src_col);
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
			return opflow__at(r, b->p[i].src_col);
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
int opflow__flush_acts(struct reader *r, opflow_graph *g)
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
			return opflow__at(r, x->key_col);
		}
		if (x->key_len <= SHORT_KEY)
			put_key(b, b->bytes + x->key, x->key_len, x->h, id);
	}
	r->lineno = lineno;
	return 0;
}

int opflow__queue_activity(struct reader *r, opflow_graph *g,
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
		return opflow__flush_acts(r, g);
	return 0;
}

int opflow__flush_all(struct reader *r, opflow_graph *g)
{
	int rc = opflow__flush_acts(r, g);

	return rc ? rc : opflow__flush_flows(r, g);
}

int opflow__queue_flow(struct reader *r, opflow_graph *g,
                       const struct token *src, const struct token *dst,
                       int type, double lag)
{
	struct opflow__batch *b = r->batch;
	struct pending *x = &b->p[b->count];

	x->src = r->line + src->col - 1;
	x->dst = r->line + dst->col - 1;
	x->src_len = (uint32_t)src->len;       /* a line is far shorter */
	x->dst_len = (uint32_t)dst->len;
	x->hs = opflow__hash(x->src, src->len);
	x->hd = opflow__hash(x->dst, dst->len);
	x->lineno = r->lineno;
	x->src_col = src->col;
	x->dst_col = dst->col;
	b->type[b->count] = type;
	b->lag[b->count] = lag;
	if (++b->count == BATCH)
		return opflow__flush_flows(r, g);
	return 0;
}

/* ------------------------------------------------------ room ahead */

/* The lines of p .. end that begin with "activity " and "flow ". */
static void count_lines(const char *p, const char *end, size_t *acts,
                        size_t *flows)
{
	*acts = *flows = 0;
	while (p < end) {
		size_t left = (size_t)(end - p);
		const char *nl;

		if (left > 5 && memcmp(p, "flow ", 5) == 0)
			++*flows;
		else if (left > 9 && memcmp(p, "activity ", 9) == 0)
			++*acts;
		if (!(nl = memchr(p, '\n', left)))
			break;
		p = nl + 1;
	}
}

/*
 * Room in the graph and in the batch's table of keys for the activity
 * and flow statements from line to end, counted once before the first is
 * added: the tables are sized once instead of regrown, and their indexes
 * filled again, as they fill.  A count is an estimate only (a statement
 * may be written otherwise, or fail): nothing but the room depends on
 * it.  Fails only when the room cannot be had (OPFLOW_ENOMEM).
 */
int opflow__batch_expect(struct reader *r, opflow_graph *g,
                         const char *line, const char *end)
{
	struct opflow__batch *b = r->batch;
	size_t acts, flows;
	int rc;

	count_lines(line, end, &acts, &flows);
	/* counts past the limits of the graph are left to fail when
	 * their statements are added */
	if (acts > (size_t)OPFLOW_NONE - g->n ||
	    acts > SIZE_MAX / 8 / sizeof *g->acts)
		acts = 0;
	if (flows > (size_t)OPFLOW_NONE - g->m ||
	    flows > SIZE_MAX / 8 / sizeof *g->flows)
		flows = 0;
	/* as opflow_graph_add_activity_ext and opflow_graph_add_flows
	 * reserve their room */
	if (acts &&
	    ((rc = opflow__grow((void **)&g->acts, &g->acts_cap, g->n + acts,
	                        sizeof *g->acts)) ||
	     (rc = opflow__index_reserve(&g->key_index, g->n + acts, g->n,
	                                 opflow__hash_act, g)) ||
	     (rc = reserve_keys(b, acts))))
		return rc;
	if (flows &&
	    ((rc = opflow__grow((void **)&g->flows, &g->flows_cap,
	                        g->m + flows, sizeof *g->flows)) ||
	     (rc = opflow__index_reserve(&g->flow_index, g->m + flows, g->m,
	                                 opflow__hash_flow, g))))
		return rc;
	return 0;
}

int opflow__batch_new(struct opflow__batch **out)
{
	struct opflow__batch *b = opflow__malloc(sizeof *b);

	if (!b)
		return opflow__nomem();
	b->count = b->nacts = 0;
	b->bytes = NULL;
	b->bytes_len = b->bytes_cap = 0;
	b->keys = NULL;
	b->keys_cap = b->keys_count = 0;
	*out = b;
	return 0;
}

void opflow__batch_free(struct opflow__batch *b)
{
	if (!b)
		return;
	opflow__free(b->bytes);
	opflow__free(b->keys);
	opflow__free(b);
}

int opflow__batch_waiting(const struct opflow__batch *b)
{
	return b && (b->count || b->nacts);
}
