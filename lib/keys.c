/*
 * keys.c - where the graph keeps its activity keys.
 *
 * Keys are copied into chunks that are never moved, grown or shrunk while
 * a key in them is live, so that the address of a key, lent by
 * opflow_graph_activity_key() and opflow_graph_activity_columns(), stays
 * valid until that key's own activity is removed, whatever else happens
 * to the graph.  New keys go to the end of the open chunk; a call that
 * stores keys of more bytes than the open chunk has left opens a fresh
 * chunk, of KEY_CHUNK bytes or of the whole batch when that is larger.
 *
 * The rule for the bytes of removed keys: a chunk is freed as soon as its
 * last live key is removed (the open chunk is emptied and reused
 * instead, or freed when a batch too large for it opens another), and
 * the bytes of the latest key of the open chunk are taken back at once.  No live key is ever moved to reclaim the dead bytes
 * around it; a clone of the graph packs its keys afresh.
 */
#include "config.h"

#include "internal.h"

#include <string.h>

/* Bytes of a chunk opened for keys added one by one (or in small
 * batches); a larger batch gets a chunk of its own size. */
#define KEY_CHUNK ((size_t)64 * 1024 - 64)

struct opflow__key_chunk {
	size_t cap, used;       /* bytes */
	size_t live;            /* live keys in it */
	char bytes[];
};

/* The index in g->chunks of the first chunk at or above address p. */
static size_t chunk_lower(const opflow_graph *g, uintptr_t p)
{
	size_t lo = 0, hi = g->nchunks;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if ((uintptr_t)g->chunks[mid] < p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The index of the chunk holding the key at p. */
static size_t chunk_of(const opflow_graph *g, const char *p)
{
	/* the last chunk whose start is at or below p */
	return chunk_lower(g, (uintptr_t)p + 1) - 1;
}

static void chunk_insert(opflow_graph *g, struct opflow__key_chunk *c)
{
	size_t at = chunk_lower(g, (uintptr_t)c);

	memmove(&g->chunks[at + 1], &g->chunks[at],
	        (g->nchunks - at) * sizeof *g->chunks);
	g->chunks[at] = c;
	g->nchunks++;
}

static void chunk_delete(opflow_graph *g, size_t at)
{
	opflow__free(g->chunks[at]);
	memmove(&g->chunks[at], &g->chunks[at + 1],
	        (g->nchunks - at - 1) * sizeof *g->chunks);
	g->nchunks--;
}

int opflow__keys_reserve(opflow_graph *g, struct opflow__key_plan *plan,
                         size_t bytes)
{
	struct opflow__key_chunk *c;
	size_t cap;
	int rc;

	plan->fresh = NULL;
	plan->prev_open = g->open;
	plan->prev_used = g->open ? g->open->used : 0;
	plan->stored = 0;
	if (bytes > SIZE_MAX - g->keys_len)
		return opflow__error(OPFLOW_ERANGE, "keys too large");
	if (g->open && g->open->cap - g->open->used >= bytes)
		return 0;
	if (bytes == 0)
		return 0;
	cap = bytes > KEY_CHUNK ? bytes : KEY_CHUNK;
	if (cap > SIZE_MAX - sizeof *c)
		return opflow__error(OPFLOW_ERANGE, "keys too large");
	if ((rc = opflow__grow((void **)&g->chunks, &g->chunks_cap,
	                       g->nchunks + 1, sizeof *g->chunks)))
		return rc;
	c = opflow__malloc(sizeof *c + cap);
	if (!c)
		return opflow__nomem();
	c->cap = cap;
	c->used = 0;
	c->live = 0;
	plan->fresh = c;
	return 0;
}

void opflow__keys_commit(opflow_graph *g, struct opflow__key_plan *plan)
{
	struct opflow__key_chunk *prev = plan->prev_open;

	if (!plan->fresh)
		return;
	chunk_insert(g, plan->fresh);
	g->open = plan->fresh;
	/* an open chunk emptied by removals, too small for this batch, is
	 * freed rather than left behind */
	if (prev && prev->live == 0) {
		chunk_delete(g, chunk_of(g, prev->bytes));
		plan->prev_open = NULL;
	}
}

void opflow__keys_abandon(struct opflow__key_plan *plan)
{
	opflow__free(plan->fresh);
	plan->fresh = NULL;
}

const char *opflow__keys_store(opflow_graph *g,
                               struct opflow__key_plan *plan,
                               const char *key, size_t len)
{
	struct opflow__key_chunk *c = g->open;
	char *p = c->bytes + c->used;

	memcpy(p, key, len);
	p[len] = '\0';
	c->used += len + 1;
	c->live++;
	g->keys_len += len + 1;
	plan->stored += len + 1;
	return p;
}

void opflow__keys_rollback(opflow_graph *g, struct opflow__key_plan *plan)
{
	g->keys_len -= plan->stored;
	if (plan->fresh) {
		chunk_delete(g, chunk_of(g, plan->fresh->bytes));
		g->open = plan->prev_open;
	} else if (g->open) {
		struct opflow__key_chunk *c = g->open;
		size_t keys = 0;

		/* count the keys stored since the reservation */
		for (size_t at = plan->prev_used; at < c->used;
		     at += strlen(c->bytes + at) + 1)
			keys++;
		c->used = plan->prev_used;
		c->live -= keys;
	}
	plan->fresh = NULL;
	plan->stored = 0;
}

void opflow__keys_release(opflow_graph *g, const char *key, size_t len)
{
	size_t at = chunk_of(g, key);
	struct opflow__key_chunk *c = g->chunks[at];

	g->keys_len -= len + 1;
	c->live--;
	if (c->live == 0) {
		if (c == g->open)
			c->used = 0;
		else
			chunk_delete(g, at);
	} else if (c == g->open && key + len + 1 == c->bytes + c->used) {
		c->used -= len + 1;
	}
}

void opflow__keys_free(opflow_graph *g)
{
	for (size_t i = 0; i < g->nchunks; i++)
		opflow__free(g->chunks[i]);
	opflow__free(g->chunks);
	g->chunks = NULL;
	g->nchunks = g->chunks_cap = 0;
	g->open = NULL;
	g->keys_len = 0;
}

void opflow__keys_copy(size_t *off, char *dst, const opflow_graph *g)
{
	char *p = dst;

	for (size_t i = 0; i < g->n; i++) {
		off[i] = (size_t)(p - dst);
		memcpy(p, g->acts[i].key, g->acts[i].key_len + 1);
		p += g->acts[i].key_len + 1;
	}
}
