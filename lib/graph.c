/*
 * graph.c - the value-chain graph: activities, flows and departments.
 *
 * Activities and flows live in flat arrays indexed by their dense ids;
 * keys in chunks that never move (keys.c).  Every change validates all
 * its input and reserves all the memory it needs before it touches the
 * graph, so a failed call leaves the graph exactly as it was.
 *
 * This file: validation, the indexes, the graph's lifecycle, clone and
 * comparison.  activity.c, flow.c, department.c and bulk.c hold the rest.
 */
#include "config.h"

#include "internal.h"

#include <math.h>
#include <stdatomic.h>
#include <string.h>

static atomic_uint_fast64_t next_serial = 1;

/* ------------------------------------------------------------- validation */

int opflow__check_key(const char *what, const char *key, size_t *out_len)
{
	size_t len;

	if (!key)
		return opflow__error(OPFLOW_EINVAL, "%s is NULL", what);
	len = strnlen(key, OPFLOW_KEY_MAX + 1);
	if (len == 0)
		return opflow__error(OPFLOW_EINVAL, "%s is empty", what);
	if (len > OPFLOW_KEY_MAX)
		return opflow__error(OPFLOW_ERANGE,
		    "%s %K is longer than %u bytes", what, (size_t)32, key,
		    (unsigned)OPFLOW_KEY_MAX);
	if (!opflow__utf8_valid(key, len))
		return opflow__error(OPFLOW_EINVAL, "%s %K is not valid UTF-8",
		                     what, len, key);
	*out_len = len;
	return 0;
}

int opflow__check_text(const char *what, const char *text, size_t *out_len)
{
	size_t len;

	if (!text) {
		*out_len = 0;
		return 0;
	}
	len = strnlen(text, OPFLOW_TEXT_MAX + 1);
	if (len > OPFLOW_TEXT_MAX)
		return opflow__error(OPFLOW_ERANGE,
		    "%s is longer than %u bytes", what,
		    (unsigned)OPFLOW_TEXT_MAX);
	if (!opflow__utf8_valid(text, len))
		return opflow__error(OPFLOW_EINVAL, "%s %K is not valid UTF-8",
		                     what, len, text);
	*out_len = len;
	return 0;
}

int opflow__check_duration(const char *what, double d)
{
	if (isnan(d))
		return opflow__error(OPFLOW_EINVAL, "%s is NaN", what);
	if (isinf(d))
		return opflow__error(OPFLOW_EINVAL, "%s is infinite", what);
	if (d < 0)
		return opflow__error(OPFLOW_EINVAL, "%s %g is negative", what, d);
	return 0;
}

int opflow__check_lag(double lag)
{
	if (isnan(lag))
		return opflow__error(OPFLOW_EINVAL, "lag is NaN");
	if (isinf(lag))
		return opflow__error(OPFLOW_EINVAL, "lag is infinite");
	return 0;
}

int opflow__check_activity(const opflow_graph *g, opflow_id id,
                           const char *func)
{
	if (!g)
		return opflow__null_arg(func, "graph");
	if (id >= g->n)
		return opflow__error(OPFLOW_ENOTFOUND,
		    "%s: no activity with id %u (the graph has %zu)", func,
		    (unsigned)id, g->n);
	return 0;
}

int opflow__check_flow_id(const opflow_graph *g, opflow_id id, const char *func)
{
	if (!g)
		return opflow__null_arg(func, "graph");
	if (id >= g->m)
		return opflow__error(OPFLOW_ENOTFOUND,
		    "%s: no flow with id %u (the graph has %zu)", func,
		    (unsigned)id, g->m);
	return 0;
}

int opflow__check_dept_id(const opflow_graph *g, opflow_id id, const char *func)
{
	if (!g)
		return opflow__null_arg(func, "graph");
	if (id >= g->nd)
		return opflow__error(OPFLOW_ENOTFOUND,
		    "%s: no department with id %u (the graph has %zu)", func,
		    (unsigned)id, g->nd);
	return 0;
}

int opflow__check_category(int c)
{
	if (c < 0 || c > OPFLOW_CATEGORY_OTHER)
		return opflow__error(OPFLOW_EINVAL, "unknown category %d", c);
	return 0;
}

int opflow__check_kind(int k)
{
	if (k != OPFLOW_KIND_PRODUCTION && k != OPFLOW_KIND_OPERATION)
		return opflow__error(OPFLOW_EINVAL, "unknown kind %d", k);
	return 0;
}

int opflow__check_flow_type(int t)
{
	if (t < OPFLOW_FLOW_FS || t > OPFLOW_FLOW_SF)
		return opflow__error(OPFLOW_EINVAL, "unknown flow type %d", t);
	return 0;
}

/* Names the activity, department or flow in the message just set. */
int opflow__about_activity(const opflow_graph *g, uint32_t id, int rc)
{
	return opflow__error(rc, "activity %k: %m", opflow__key(g, id));
}

/* ---------------------------------------------------------------- indexes */

typedef int (*match_fn)(const opflow_graph *g, uint32_t id, const void *probe);

static uint32_t index_find(const struct opflow__index *ix, uint32_t h,
                           match_fn match, const opflow_graph *g,
                           const void *probe)
{
	size_t mask, i;

	if (ix->cap == 0)
		return OPFLOW_NONE;
	mask = ix->cap - 1;
	for (i = h & mask;; i = (i + 1) & mask) {
		uint32_t id = ix->slots[i];

		if (id == OPFLOW_NONE)
			return OPFLOW_NONE;
		if (match(g, id, probe))
			return id;
	}
}

void opflow__index_put(struct opflow__index *ix, uint32_t h, uint32_t id)
{
	size_t mask = ix->cap - 1, i;

	for (i = h & mask; ix->slots[i] != OPFLOW_NONE; i = (i + 1) & mask)
		;
	ix->slots[i] = id;
}

/* Refills the index with ids 0 .. count-1; it has room. */
void opflow__index_fill(struct opflow__index *ix, size_t count, opflow__hash_fn hash,
                       const opflow_graph *g)
{
	if (ix->cap == 0)
		return;
	memset(ix->slots, 0xFF, ix->cap * sizeof *ix->slots);
	for (size_t id = 0; id < count; id++)
		opflow__index_put(ix, hash(g, (uint32_t)id), (uint32_t)id);
}

/* Makes room for count entries (load at most one half), rehashing the
 * current ids 0 .. current-1.  On failure the index is as it was. */
int opflow__index_reserve(struct opflow__index *ix, size_t count,
                         size_t current, opflow__hash_fn hash, const opflow_graph *g)
{
	size_t cap = ix->cap ? ix->cap : 16;
	uint32_t *slots;

	if (count <= ix->cap / 2)
		return 0;
	while (cap / 2 < count) {
		if (cap > SIZE_MAX / 4)
			return opflow__error(OPFLOW_ERANGE, "index too large");
		cap *= 2;
	}
	slots = opflow__malloc(opflow__mul(cap, sizeof *slots));
	if (!slots)
		return opflow__nomem();
	opflow__free(ix->slots);
	ix->slots = slots;
	ix->cap = cap;
	opflow__index_fill(ix, current, hash, g);
	return 0;
}

/* A key sought in the activities' or the departments' index. */
struct key_probe {
	const char *key;
	size_t len;
	uint32_t hash;
};

/* The stored hash first, then the length, then the bytes. */
static int match_key(const opflow_graph *g, uint32_t id, const void *probe)
{
	const struct key_probe *p = probe;
	const struct opflow__activity *a = &g->acts[id];

	return a->hash == p->hash && a->key_len == p->len &&
	       memcmp(a->key, p->key, p->len) == 0;
}

uint32_t opflow__hash_act(const opflow_graph *g, uint32_t id)
{
	return g->acts[id].hash;
}

static int match_dept(const opflow_graph *g, uint32_t id, const void *probe)
{
	const struct key_probe *p = probe;
	const struct opflow__department *d = &g->depts[id];

	return d->key_len == p->len && memcmp(d->key, p->key, p->len) == 0;
}

uint32_t opflow__hash_dept(const opflow_graph *g, uint32_t id)
{
	return g->depts[id].hash;
}

struct flow_probe {
	uint32_t source, target;
	uint8_t type;
};

uint32_t opflow__flow_hash(uint32_t s, uint32_t t, uint32_t type)
{
	uint64_t h = ((uint64_t)s << 32 | t) ^ opflow__hash_seed();

	h *= 0x9E3779B97F4A7C15ull;
	h ^= (uint64_t)(type + 1) * 0xC2B2AE3D27D4EB4Full;
	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9ull;
	return (uint32_t)(h ^ (h >> 32));
}

static int match_flow(const opflow_graph *g, uint32_t id, const void *probe)
{
	const struct flow_probe *p = probe;
	const struct opflow__flow *f = &g->flows[id];

	return f->source == p->source && f->target == p->target &&
	       g->flows[id].type == p->type;
}

uint32_t opflow__hash_flow(const opflow_graph *g, uint32_t id)
{
	const struct opflow__flow *f = &g->flows[id];

	return opflow__flow_hash(f->source, f->target, f->type);
}

uint32_t opflow__find_key(const opflow_graph *g, const char *key, size_t len,
                          uint32_t h)
{
	struct key_probe p = { key, len, h };

	return index_find(&g->key_index, h, match_key, g, &p);
}

void opflow__fetch_key_acts(const opflow_graph *g, uint32_t h)
{
	const uint32_t *slots = g->key_index.slots;
	size_t mask = g->key_index.cap - 1;

	if (!g->key_index.cap)
		return;
	for (size_t k = h & mask, j = 0; j < 3; j++, k = (k + 1) & mask) {
		if (slots[k] >= g->n)
			break;
		__builtin_prefetch(&g->acts[slots[k]]);
	}
}

void opflow__fetch_key_bytes(const opflow_graph *g, uint32_t h)
{
	const uint32_t *slots = g->key_index.slots;
	size_t mask = g->key_index.cap - 1;

	if (!g->key_index.cap)
		return;
	for (size_t k = h & mask, j = 0; j < 8; j++, k = (k + 1) & mask) {
		if (slots[k] >= g->n)
			break;
		if (g->acts[slots[k]].hash == h) {
			__builtin_prefetch(g->acts[slots[k]].key);
			break;
		}
	}
}

uint32_t opflow__find_dept(const opflow_graph *g, const char *key, size_t len,
                           uint32_t h)
{
	struct key_probe p = { key, len, h };

	return index_find(&g->dept_index, h, match_dept, g, &p);
}

uint32_t opflow__find_flow(const opflow_graph *g, uint32_t s, uint32_t t,
                           int type)
{
	struct flow_probe p = { s, t, (uint8_t)type };

	return index_find(&g->flow_index, opflow__flow_hash(s, t, (uint32_t)type),
	                  match_flow, g, &p);
}

/* ---------------------------------------------------------- housekeeping */

void opflow__drop_layout(opflow_graph *g)
{
	g->generation++;
	opflow__layout_drop(g);
}

void opflow__relink(opflow_graph *g)
{
	for (size_t i = 0; i < g->n; i++) {
		struct opflow__activity *a = &g->acts[i];

		a->first_in = a->last_in = a->first_out = a->last_out =
			OPFLOW_NONE;
	}
	for (size_t f = 0; f < g->m; f++)
		opflow__link_flow(g, (uint32_t)f);
}

void opflow__link_flow(opflow_graph *g, uint32_t f)
{
	struct opflow__flow *fl = &g->flows[f];
	struct opflow__activity *s = &g->acts[fl->source];
	struct opflow__activity *t = &g->acts[fl->target];

	fl->next_in = fl->next_out = OPFLOW_NONE;
	if (s->last_out == OPFLOW_NONE)
		s->first_out = f;
	else
		g->flows[s->last_out].next_out = f;
	s->last_out = f;
	if (t->last_in == OPFLOW_NONE)
		t->first_in = f;
	else
		g->flows[t->last_in].next_in = f;
	t->last_in = f;
}

/* ------------------------------------------------------------- lifecycle */

int opflow_graph_new(opflow_graph **out)
{
	opflow_graph *g;

	if (!out)
		return opflow__null_arg("opflow_graph_new", "out");
	g = opflow__calloc(1, sizeof *g);
	if (!g)
		return opflow__nomem();
	g->serial = atomic_fetch_add(&next_serial, 1);
	*out = g;
	return 0;
}

void opflow_graph_free(opflow_graph *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->n; i++)
		opflow__free(g->acts[i].label);
	for (size_t i = 0; i < g->nd; i++) {
		opflow__free(g->depts[i].key);
		opflow__free(g->depts[i].name);
	}
	opflow__free(g->acts);
	opflow__free(g->track);
	opflow__cal_free(g);
	opflow__keys_free(g);
	opflow__free(g->key_index.slots);
	opflow__free(g->flows);
	opflow__free(g->flow_index.slots);
	opflow__free(g->depts);
	opflow__free(g->dept_index.slots);
	opflow__layout_drop(g);
	opflow__kept_close(g);
	opflow__free(g);
}

char *opflow__copy_text(const char *s, size_t len)
{
	char *p = opflow__malloc(len + 1);

	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

static void *copy_array(const void *src, size_t count, size_t size)
{
	void *p;

	if (count == 0)
		return NULL;
	p = opflow__malloc(opflow__mul(count, size));
	if (p)
		memcpy(p, src, count * size);
	return p;
}

int opflow_graph_clone(opflow_graph **out, const opflow_graph *src)
{
	struct opflow__key_plan plan;
	opflow_graph *g;
	int rc;

	if (!out)
		return opflow__null_arg("opflow_graph_clone", "out");
	if (!src)
		return opflow__null_arg("opflow_graph_clone", "graph");
	if ((rc = opflow_graph_new(&g)))
		return rc;
	g->acts = copy_array(src->acts, src->n, sizeof *src->acts);
	g->flows = copy_array(src->flows, src->m, sizeof *src->flows);
	g->depts = opflow__calloc(src->nd ? src->nd : 1, sizeof *g->depts);
	if ((src->n && !g->acts) || (src->m && !g->flows) || !g->depts)
		goto nomem;
	g->acts_cap = src->n;
	g->flows_cap = src->m;
	g->depts_cap = src->nd ? src->nd : 1;
	/* labels and department strings are owned one by one */
	for (size_t i = 0; i < src->n; i++)
		g->acts[i].label = NULL;
	g->n = src->n;
	/* the keys packed into one chunk of the clone's own */
	if ((rc = opflow__keys_reserve(g, &plan, src->keys_len))) {
		opflow_graph_free(g);
		return rc;
	}
	opflow__keys_commit(g, &plan);
	for (size_t i = 0; i < src->n; i++)
		g->acts[i].key = opflow__keys_store(g, &plan, src->acts[i].key,
		                                    src->acts[i].key_len);
	for (size_t i = 0; i < src->n; i++) {
		const char *l = src->acts[i].label;

		if (l && !(g->acts[i].label = opflow__copy_text(l, strlen(l))))
			goto nomem;
	}
	for (size_t i = 0; i < src->nd; i++) {
		const struct opflow__department *d = &src->depts[i];

		g->nd = i + 1;
		g->depts[i] = *d;
		g->depts[i].key = opflow__copy_text(d->key, d->key_len);
		g->depts[i].name = NULL;
		if (!g->depts[i].key)
			goto nomem;
		if (d->name &&
		    !(g->depts[i].name = opflow__copy_text(d->name, strlen(d->name))))
			goto nomem;
	}
	g->m = src->m;
	if ((rc = opflow__track_copy(g, src)) ||
	    (rc = opflow__cal_copy(g, src))) {
		opflow_graph_free(g);
		return rc;
	}
	if ((rc = opflow__index_reserve(&g->key_index, g->n, g->n, opflow__hash_act, g)) ||
	    (rc = opflow__index_reserve(&g->flow_index, g->m, g->m, opflow__hash_flow, g)) ||
	    (rc = opflow__index_reserve(&g->dept_index, g->nd, g->nd, opflow__hash_dept, g))) {
		opflow_graph_free(g);
		return rc;
	}
	*out = g;
	return 0;
nomem:
	opflow_graph_free(g);
	return opflow__nomem();
}

static int same_double(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

static int same_text(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

int opflow_graph_equal(const opflow_graph *a, const opflow_graph *b)
{
	if (!a)
		return opflow__null_arg("opflow_graph_equal", "a");
	if (!b)
		return opflow__null_arg("opflow_graph_equal", "b");
	if (a->n != b->n || a->m != b->m || a->nd != b->nd)
		return 0;
	for (size_t i = 0; i < a->n; i++) {
		const struct opflow__activity *x = &a->acts[i], *y = &b->acts[i];

		if (x->key_len != y->key_len ||
		    memcmp(opflow__key(a, (uint32_t)i), opflow__key(b, (uint32_t)i),
		           x->key_len) != 0 ||
		    !same_text(x->label, y->label) ||
		    !same_double(x->duration, y->duration) ||
		    x->department != y->department || x->kind != y->kind ||
		    x->category != y->category ||
		    x->customer_facing != y->customer_facing ||
		    x->flags != y->flags)
			return 0;
		if ((x->flags & OPFLOW__HAS_ESTIMATE) &&
		    (!same_double(x->est[0], y->est[0]) ||
		     !same_double(x->est[1], y->est[1]) ||
		     !same_double(x->est[2], y->est[2])))
			return 0;
	}
	for (size_t f = 0; f < a->m; f++) {
		const struct opflow__flow *x = &a->flows[f], *y = &b->flows[f];

		if (x->source != y->source || x->target != y->target ||
		    x->type != y->type || !same_double(x->lag, y->lag))
			return 0;
	}
	for (size_t d = 0; d < a->nd; d++) {
		if (strcmp(a->depts[d].key, b->depts[d].key) != 0 ||
		    !same_text(a->depts[d].name, b->depts[d].name))
			return 0;
	}
	return opflow__track_equal(a, b) && opflow__cal_equal(a, b);
}

size_t opflow_graph_activity_count(const opflow_graph *g)
{
	return g ? g->n : 0;
}

size_t opflow_graph_flow_count(const opflow_graph *g)
{
	return g ? g->m : 0;
}

size_t opflow_graph_department_count(const opflow_graph *g)
{
	return g ? g->nd : 0;
}

/* ---------------------------------------------------------------- layout */

int opflow_graph_prepare(opflow_graph *g)
{
	const struct opflow__layout *L;

	if (!g)
		return opflow__null_arg("opflow_graph_prepare", "graph");
	return opflow__layout_get(&L, g);
}
