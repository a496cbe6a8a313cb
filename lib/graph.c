/*
 * graph.c - the value-chain graph: activities, flows and departments.
 *
 * Activities and flows live in flat arrays indexed by their dense ids;
 * keys are packed in one arena.  Every change validates all its input and
 * reserves all the memory it needs before it touches the graph, so a
 * failed call leaves the graph exactly as it was.
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

static int check_estimate(double o, double m, double p)
{
	int rc;

	if ((rc = opflow__check_duration("optimistic estimate", o)) ||
	    (rc = opflow__check_duration("most likely estimate", m)) ||
	    (rc = opflow__check_duration("pessimistic estimate", p)))
		return rc;
	if (!(o <= m && m <= p))
		return opflow__error(OPFLOW_EINVAL,
		    "estimate out of order: optimistic %g, most likely %g, "
		    "pessimistic %g (need o <= m <= p)", o, m, p);
	return 0;
}

static int check_lag(double lag)
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

static int check_flow_id(const opflow_graph *g, opflow_id id, const char *func)
{
	if (!g)
		return opflow__null_arg(func, "graph");
	if (id >= g->m)
		return opflow__error(OPFLOW_ENOTFOUND,
		    "%s: no flow with id %u (the graph has %zu)", func,
		    (unsigned)id, g->m);
	return 0;
}

static int check_dept_id(const opflow_graph *g, opflow_id id, const char *func)
{
	if (!g)
		return opflow__null_arg(func, "graph");
	if (id >= g->nd)
		return opflow__error(OPFLOW_ENOTFOUND,
		    "%s: no department with id %u (the graph has %zu)", func,
		    (unsigned)id, g->nd);
	return 0;
}

static int check_category(int c)
{
	if (c < 0 || c > OPFLOW_CATEGORY_OTHER)
		return opflow__error(OPFLOW_EINVAL, "unknown category %d", c);
	return 0;
}

static int check_kind(int k)
{
	if (k != OPFLOW_KIND_PRODUCTION && k != OPFLOW_KIND_OPERATION)
		return opflow__error(OPFLOW_EINVAL, "unknown kind %d", k);
	return 0;
}

static int check_flow_type(int t)
{
	if (t < OPFLOW_FLOW_FS || t > OPFLOW_FLOW_SF)
		return opflow__error(OPFLOW_EINVAL, "unknown flow type %d", t);
	return 0;
}

/* Names the activity, department or flow in the message just set. */
static int about_activity(const opflow_graph *g, uint32_t id, int rc)
{
	return opflow__error(rc, "activity %k: %m", opflow__key(g, id));
}

static int about_department(const opflow_graph *g, uint32_t d, int rc)
{
	return opflow__error(rc, "department %k: %m", g->depts[d].key);
}

static int about_flow(const opflow_graph *g, uint32_t f, int rc)
{
	const struct opflow__flow *fl = &g->flows[f];

	return opflow__error(rc, "flow %u (%k -> %k): %m", (unsigned)f,
	                     opflow__key(g, fl->source),
	                     opflow__key(g, fl->target));
}

/* -0 becomes 0, so that saved files and comparisons see one zero. */
static double plus_zero(double d)
{
	return d == 0 ? 0.0 : d;
}

/* ---------------------------------------------------------------- indexes */

typedef int (*match_fn)(const opflow_graph *g, uint32_t id, const void *probe);
typedef uint32_t (*hash_fn)(const opflow_graph *g, uint32_t id);

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

static void index_put(struct opflow__index *ix, uint32_t h, uint32_t id)
{
	size_t mask = ix->cap - 1, i;

	for (i = h & mask; ix->slots[i] != OPFLOW_NONE; i = (i + 1) & mask)
		;
	ix->slots[i] = id;
}

/* Refills the index with ids 0 .. count-1; it has room. */
static void index_fill(struct opflow__index *ix, size_t count, hash_fn hash,
                       const opflow_graph *g)
{
	if (ix->cap == 0)
		return;
	memset(ix->slots, 0xFF, ix->cap * sizeof *ix->slots);
	for (size_t id = 0; id < count; id++)
		index_put(ix, hash(g, (uint32_t)id), (uint32_t)id);
}

/* Makes room for count entries (load at most one half), rehashing the
 * current ids 0 .. current-1.  On failure the index is as it was. */
static int index_reserve(struct opflow__index *ix, size_t count,
                         size_t current, hash_fn hash, const opflow_graph *g)
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
	index_fill(ix, current, hash, g);
	return 0;
}

struct key_probe {
	const char *key;
	size_t len;
};

static int match_key(const opflow_graph *g, uint32_t id, const void *probe)
{
	const struct key_probe *p = probe;
	const struct opflow__activity *a = &g->acts[id];

	return a->key_len == p->len &&
	       memcmp(g->keys + a->key_off, p->key, p->len) == 0;
}

static uint32_t hash_act(const opflow_graph *g, uint32_t id)
{
	return g->acts[id].hash;
}

static int match_dept(const opflow_graph *g, uint32_t id, const void *probe)
{
	const struct key_probe *p = probe;
	const struct opflow__department *d = &g->depts[id];

	return d->key_len == p->len && memcmp(d->key, p->key, p->len) == 0;
}

static uint32_t hash_dept(const opflow_graph *g, uint32_t id)
{
	return g->depts[id].hash;
}

struct flow_probe {
	uint32_t source, target;
	uint8_t type;
};

static uint32_t flow_hash(uint32_t s, uint32_t t, uint32_t type)
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

static uint32_t hash_flow(const opflow_graph *g, uint32_t id)
{
	const struct opflow__flow *f = &g->flows[id];

	return flow_hash(f->source, f->target, f->type);
}

static uint32_t find_key(const opflow_graph *g, const char *key, size_t len)
{
	struct key_probe p = { key, len };

	return index_find(&g->key_index, opflow__hash(key, len), match_key, g,
	                  &p);
}

static uint32_t find_dept(const opflow_graph *g, const char *key, size_t len)
{
	struct key_probe p = { key, len };

	return index_find(&g->dept_index, opflow__hash(key, len), match_dept, g,
	                  &p);
}

static uint32_t find_flow(const opflow_graph *g, uint32_t s, uint32_t t,
                          int type)
{
	struct flow_probe p = { s, t, (uint8_t)type };

	return index_find(&g->flow_index, flow_hash(s, t, (uint32_t)type),
	                  match_flow, g, &p);
}

uint32_t opflow__find_flow(const opflow_graph *g, uint32_t source,
                           uint32_t target, int type)
{
	return find_flow(g, source, target, type);
}

/* ---------------------------------------------------------- housekeeping */

static void changed(opflow_graph *g)
{
	g->generation++;
}

static void drop_layout(opflow_graph *g)
{
	g->generation++;
	opflow__layout_drop(g);
}

/* Rebuilds every activity's lists of incoming and outgoing flows. */
static void relink(opflow_graph *g)
{
	for (size_t i = 0; i < g->n; i++) {
		struct opflow__activity *a = &g->acts[i];

		a->first_in = a->last_in = a->first_out = a->last_out =
			OPFLOW_NONE;
	}
	for (size_t f = 0; f < g->m; f++) {
		struct opflow__flow *fl = &g->flows[f];
		struct opflow__activity *s = &g->acts[fl->source];
		struct opflow__activity *t = &g->acts[fl->target];

		fl->next_in = fl->next_out = OPFLOW_NONE;
		if (s->last_out == OPFLOW_NONE)
			s->first_out = (uint32_t)f;
		else
			g->flows[s->last_out].next_out = (uint32_t)f;
		s->last_out = (uint32_t)f;
		if (t->last_in == OPFLOW_NONE)
			t->first_in = (uint32_t)f;
		else
			g->flows[t->last_in].next_in = (uint32_t)f;
		t->last_in = (uint32_t)f;
	}
}

static void link_flow(opflow_graph *g, uint32_t f)
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
	opflow__free(g->keys);
	opflow__free(g->key_index.slots);
	opflow__free(g->flows);
	opflow__free(g->flow_index.slots);
	opflow__free(g->depts);
	opflow__free(g->dept_index.slots);
	opflow__layout_drop(g);
	opflow__free(g);
}

static char *copy_text(const char *s, size_t len)
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
	opflow_graph *g;
	int rc;

	if (!out)
		return opflow__null_arg("opflow_graph_clone", "out");
	if (!src)
		return opflow__null_arg("opflow_graph_clone", "graph");
	if ((rc = opflow_graph_new(&g)))
		return rc;
	g->acts = copy_array(src->acts, src->n, sizeof *src->acts);
	g->keys = copy_array(src->keys, src->keys_len, 1);
	g->flows = copy_array(src->flows, src->m, sizeof *src->flows);
	g->depts = opflow__calloc(src->nd ? src->nd : 1, sizeof *g->depts);
	if ((src->n && (!g->acts || !g->keys)) || (src->m && !g->flows) ||
	    !g->depts)
		goto nomem;
	g->acts_cap = src->n;
	g->keys_len = g->keys_cap = src->keys_len;
	g->flows_cap = src->m;
	g->depts_cap = src->nd ? src->nd : 1;
	/* labels and department strings are owned one by one */
	for (size_t i = 0; i < src->n; i++)
		g->acts[i].label = NULL;
	g->n = src->n;
	for (size_t i = 0; i < src->n; i++) {
		const char *l = src->acts[i].label;

		if (l && !(g->acts[i].label = copy_text(l, strlen(l))))
			goto nomem;
	}
	for (size_t i = 0; i < src->nd; i++) {
		const struct opflow__department *d = &src->depts[i];

		g->nd = i + 1;
		g->depts[i] = *d;
		g->depts[i].key = copy_text(d->key, d->key_len);
		g->depts[i].name = NULL;
		if (!g->depts[i].key)
			goto nomem;
		if (d->name &&
		    !(g->depts[i].name = copy_text(d->name, strlen(d->name))))
			goto nomem;
	}
	g->m = src->m;
	if ((rc = index_reserve(&g->key_index, g->n, g->n, hash_act, g)) ||
	    (rc = index_reserve(&g->flow_index, g->m, g->m, hash_flow, g)) ||
	    (rc = index_reserve(&g->dept_index, g->nd, g->nd, hash_dept, g))) {
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
	return 1;
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

/* ----------------------------------------------------------- departments */

/* A department to intern: either one that exists, or a new one whose key
 * copy and table room are already reserved. */
struct dept_plan {
	uint32_t id;
	char *key;
	size_t len;
	uint32_t hash;
};

static int dept_prepare(opflow_graph *g, struct dept_plan *plan,
                        const char *key, size_t len)
{
	int rc;

	plan->key = NULL;
	plan->id = find_dept(g, key, len);
	if (plan->id != OPFLOW_NONE)
		return 0;
	if (g->nd >= OPFLOW_NONE)
		return opflow__error(OPFLOW_ERANGE,
		    "a graph holds at most %u departments", (unsigned)OPFLOW_NONE);
	if ((rc = opflow__grow((void **)&g->depts, &g->depts_cap, g->nd + 1,
	                       sizeof *g->depts)) ||
	    (rc = index_reserve(&g->dept_index, g->nd + 1, g->nd, hash_dept, g)))
		return rc;
	plan->key = copy_text(key, len);
	if (!plan->key)
		return opflow__nomem();
	plan->len = len;
	plan->hash = opflow__hash(key, len);
	return 0;
}

static uint32_t dept_commit(opflow_graph *g, struct dept_plan *plan)
{
	struct opflow__department *d;

	if (!plan->key)
		return plan->id;
	d = &g->depts[g->nd];
	d->key = plan->key;
	d->name = NULL;
	d->key_len = (uint32_t)plan->len;
	d->hash = plan->hash;
	index_put(&g->dept_index, d->hash, (uint32_t)g->nd);
	plan->key = NULL;
	return (uint32_t)g->nd++;
}

int opflow_graph_intern_department(opflow_id *out, opflow_graph *g,
                                   const char *key)
{
	struct dept_plan plan;
	size_t len;
	int rc;

	if (!out)
		return opflow__null_arg("opflow_graph_intern_department", "out");
	if (!g)
		return opflow__null_arg("opflow_graph_intern_department", "graph");
	if ((rc = opflow__check_key("department key", key, &len)))
		return rc;
	if ((rc = dept_prepare(g, &plan, key, len)))
		return rc;
	if (plan.key)
		changed(g);
	*out = dept_commit(g, &plan);
	return 0;
}

int opflow_graph_find_department(opflow_id *out, const opflow_graph *g,
                                 const char *key)
{
	size_t len;
	uint32_t id;
	int rc;

	if (!out)
		return opflow__null_arg("opflow_graph_find_department", "out");
	if (!g)
		return opflow__null_arg("opflow_graph_find_department", "graph");
	if ((rc = opflow__check_key("department key", key, &len)))
		return rc;
	id = find_dept(g, key, len);
	if (id == OPFLOW_NONE)
		return opflow__error(OPFLOW_ENOTFOUND, "no department %k", key);
	*out = id;
	return 0;
}

int opflow_graph_department_key(const char **out, const opflow_graph *g,
                                opflow_id d)
{
	int rc;

	if (!out)
		return opflow__null_arg("opflow_graph_department_key", "out");
	if ((rc = check_dept_id(g, d, "opflow_graph_department_key")))
		return rc;
	*out = g->depts[d].key;
	return 0;
}

int opflow_graph_department_name(const char **out, const opflow_graph *g,
                                 opflow_id d)
{
	int rc;

	if (!out)
		return opflow__null_arg("opflow_graph_department_name", "out");
	if ((rc = check_dept_id(g, d, "opflow_graph_department_name")))
		return rc;
	*out = g->depts[d].name;
	return 0;
}

int opflow_graph_set_department_name(opflow_graph *g, opflow_id d,
                                     const char *name)
{
	size_t len;
	char *copy = NULL;
	int rc;

	if ((rc = check_dept_id(g, d, "opflow_graph_set_department_name")))
		return rc;
	if ((rc = opflow__check_text("display name", name, &len)))
		return about_department(g, d, rc);
	if (len && !(copy = copy_text(name, len)))
		return opflow__nomem();
	opflow__free(g->depts[d].name);
	g->depts[d].name = copy;
	changed(g);
	return 0;
}

int opflow_graph_remove_department(opflow_graph *g, opflow_id d)
{
	int rc;

	if ((rc = check_dept_id(g, d, "opflow_graph_remove_department")))
		return rc;
	for (size_t i = 0; i < g->n; i++) {
		uint32_t *ad = &g->acts[i].department;

		if (*ad == d)
			*ad = OPFLOW_NONE;
		else if (*ad != OPFLOW_NONE && *ad > d)
			(*ad)--;
	}
	opflow__free(g->depts[d].key);
	opflow__free(g->depts[d].name);
	memmove(&g->depts[d], &g->depts[d + 1],
	        (g->nd - d - 1) * sizeof *g->depts);
	g->nd--;
	index_fill(&g->dept_index, g->nd, hash_dept, g);
	changed(g);
	return 0;
}

/* ------------------------------------------------------------ activities */

int opflow_activity_options_init(opflow_activity_options *opts, unsigned int version)
{
	static const opflow_activity_options init = OPFLOW_ACTIVITY_OPTIONS_INIT;
	/* the size of each version, by where its last field ends */
	static const size_t sizes[] = { 0, sizeof init };

	return opflow__options_init(opts, &init, version, sizes,
	                            OPFLOW_ACTIVITY_OPTIONS_VERSION,
	                            "opflow_activity_options_init");
}

/* Fills a new activity record from validated options. */
static void init_activity(struct opflow__activity *a,
                          const opflow_activity_options *o)
{
	opflow_kind kind;
	int cf;

	opflow_category_info(&kind, &cf, NULL, NULL, NULL,
	                     (opflow_category)o->category);
	memset(a, 0, sizeof *a);
	a->category = (uint8_t)o->category;
	a->kind = (uint8_t)(o->kind == OPFLOW_FROM_CATEGORY ? (int)kind : o->kind);
	a->customer_facing = (uint8_t)(o->customer_facing == OPFLOW_FROM_CATEGORY
	                               ? cf : o->customer_facing);
	a->department = OPFLOW_NONE;
	a->first_in = a->last_in = a->first_out = a->last_out = OPFLOW_NONE;
	if (o->has_estimate) {
		a->flags |= OPFLOW__HAS_ESTIMATE;
		a->est[0] = plus_zero(o->optimistic);
		a->est[1] = plus_zero(o->most_likely);
		a->est[2] = plus_zero(o->pessimistic);
		a->duration = a->est[1];
	}
	if (o->has_duration) {
		a->flags |= OPFLOW__EXPLICIT;
		a->duration = plus_zero(o->duration);
	}
}

static int check_options(const opflow_activity_options *o)
{
	int rc;

	if (o->version < 1 || o->version > OPFLOW_ACTIVITY_OPTIONS_VERSION)
		return opflow__error(OPFLOW_EINVAL,
		    "activity options version %u is not supported (this "
		    "library knows versions 1 to %u)", o->version,
		    (unsigned)OPFLOW_ACTIVITY_OPTIONS_VERSION);
	if ((rc = check_category(o->category)))
		return rc;
	if (o->kind != OPFLOW_FROM_CATEGORY && (rc = check_kind(o->kind)))
		return rc;
	if (o->customer_facing != OPFLOW_FROM_CATEGORY &&
	    o->customer_facing != 0 && o->customer_facing != 1)
		return opflow__error(OPFLOW_EINVAL,
		    "customer_facing must be 0, 1 or OPFLOW_FROM_CATEGORY, not %d",
		    o->customer_facing);
	if (o->has_duration != 0 && o->has_duration != 1)
		return opflow__error(OPFLOW_EINVAL,
		    "has_duration must be 0 or 1, not %d", o->has_duration);
	if (o->has_estimate != 0 && o->has_estimate != 1)
		return opflow__error(OPFLOW_EINVAL,
		    "has_estimate must be 0 or 1, not %d", o->has_estimate);
	if (o->has_duration &&
	    (rc = opflow__check_duration("duration", o->duration)))
		return rc;
	if (o->has_estimate &&
	    (rc = check_estimate(o->optimistic, o->most_likely,
	                         o->pessimistic)))
		return rc;
	return 0;
}

/* Whether count more activities fit under the limit of OPFLOW_NONE
 * (ids stay below OPFLOW_NONE); decided from the counts alone. */
static int check_activity_room(const opflow_graph *g, size_t count)
{
	if (count > (size_t)OPFLOW_NONE - g->n)
		return opflow__error(OPFLOW_ERANGE,
		    "a graph holds at most %u activities: %zu more do not fit "
		    "beside its %zu", (unsigned)OPFLOW_NONE, count, g->n);
	return 0;
}

/* Room for count more activities with key_bytes more key bytes. */
static int reserve_activities(opflow_graph *g, size_t count, size_t key_bytes)
{
	int rc;

	if ((rc = check_activity_room(g, count)))
		return rc;
	if (key_bytes > SIZE_MAX - g->keys_len)
		return opflow__error(OPFLOW_ERANGE, "keys too large");
	if ((rc = opflow__grow((void **)&g->acts, &g->acts_cap, g->n + count,
	                       sizeof *g->acts)) ||
	    (rc = opflow__grow((void **)&g->keys, &g->keys_cap,
	                       g->keys_len + key_bytes, 1)) ||
	    (rc = index_reserve(&g->key_index, g->n + count, g->n, hash_act, g)))
		return rc;
	return 0;
}

/* p, a string the caller passed, moved along with the key arena when it
 * pointed into it (it was one of the graph's own keys, or part of one). */
static const char *in_arena(const opflow_graph *g, const char *old_keys,
                            const char *p)
{
	uintptr_t base = (uintptr_t)old_keys, at = (uintptr_t)p;

	if (old_keys && old_keys != g->keys && at >= base &&
	    at < base + g->keys_len)
		return g->keys + (at - base);
	return p;
}

/* Appends an activity whose key is known to be new; room is reserved. */
static uint32_t append_activity(opflow_graph *g, const char *key, size_t len,
                                uint32_t hash,
                                const struct opflow__activity *proto)
{
	uint32_t id = (uint32_t)g->n;
	struct opflow__activity *a = &g->acts[id];

	*a = *proto;
	a->key_off = g->keys_len;
	a->key_len = (uint32_t)len;
	a->hash = hash;
	memcpy(g->keys + g->keys_len, key, len);
	g->keys[g->keys_len + len] = '\0';
	g->keys_len += len + 1;
	index_put(&g->key_index, hash, id);
	g->n++;
	return id;
}

int opflow_graph_add_activity_ext(opflow_id *out, opflow_graph *g,
                                  const char *key,
                                  const opflow_activity_options *opts)
{
	static const opflow_activity_options defaults =
		OPFLOW_ACTIVITY_OPTIONS_INIT;
	struct opflow__activity proto;
	struct dept_plan plan = { OPFLOW_NONE, NULL, 0, 0 };
	size_t len, label_len = 0, dept_len = 0;
	char *label = NULL;
	const char *old_keys;
	uint32_t hash;
	int rc;

	if (!out)
		return opflow__null_arg("opflow_graph_add_activity_ext", "out");
	if (!g)
		return opflow__null_arg("opflow_graph_add_activity_ext", "graph");
	if (!opts)
		opts = &defaults;
	if ((rc = opflow__check_key("activity key", key, &len)))
		return rc;
	if ((rc = check_options(opts)) ||
	    (rc = opflow__check_text("label", opts->label, &label_len)) ||
	    (opts->department &&
	     (rc = opflow__check_key("department key", opts->department,
	                             &dept_len))))
		return opflow__error(rc, "activity %K: %m", len, key);
	hash = opflow__hash(key, len);
	if (find_key(g, key, len) != OPFLOW_NONE)
		return opflow__error(OPFLOW_EEXISTS,
		    "activity %k already exists", key);
	/* the strings may be the graph's own (a key or label read back): copy
	 * them before the key arena can move, and find the key again after */
	if (label_len && !(label = copy_text(opts->label, label_len)))
		return opflow__nomem();
	if (opts->department &&
	    (rc = dept_prepare(g, &plan, opts->department, dept_len))) {
		opflow__free(label);
		return rc;
	}
	old_keys = g->keys;
	if ((rc = reserve_activities(g, 1, len + 1))) {
		opflow__free(label);
		opflow__free(plan.key);
		return rc;
	}
	key = in_arena(g, old_keys, key);
	init_activity(&proto, opts);
	proto.label = label;
	if (opts->department)
		proto.department = dept_commit(g, &plan);
	*out = append_activity(g, key, len, hash, &proto);
	drop_layout(g);
	return 0;
}

int opflow_graph_add_activity(opflow_id *out, opflow_graph *g,
                              const char *key, opflow_category category)
{
	opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;

	o.category = (int)category;
	return opflow_graph_add_activity_ext(out, g, key, &o);
}

/* Undoes the activities appended since a failed bulk add began. */
static void truncate_activities(opflow_graph *g, size_t n, size_t keys_len)
{
	g->n = n;
	g->keys_len = keys_len;
	index_fill(&g->key_index, g->n, hash_act, g);
}

int opflow_graph_add_activities(opflow_id *out_first, opflow_graph *g,
                                size_t count, const char *keys,
                                size_t keys_size, const int *categories,
                                const int *kinds, const double *durations)
{
	static const char fn[] = "opflow_graph_add_activities";
	const char *old_keys;
	size_t off = 0, n0, keys0;
	int rc;

	if (!out_first)
		return opflow__null_arg(fn, "out_first");
	if (!g)
		return opflow__null_arg(fn, "graph");
	if (count && !keys)
		return opflow__null_arg(fn, "keys");
	/* a count past the limit is refused before any key is read */
	if ((rc = check_activity_room(g, count)))
		return rc;
	/* validate everything first */
	for (size_t i = 0; i < count; i++) {
		const char *k = keys + off;
		size_t len;

		if (off >= keys_size)
			return opflow__error(OPFLOW_EINVAL,
			    "%s: keys holds fewer than %zu keys in %zu bytes", fn,
			    count, keys_size);
		len = strnlen(k, keys_size - off);
		if (len == keys_size - off)
			return opflow__error(OPFLOW_EINVAL,
			    "%s: key %zu is not NUL-terminated within keys_size",
			    fn, i);
		if ((rc = opflow__check_key("activity key", k, &len)))
			return opflow__error(rc, "%s: key %zu: %m", fn, i);
		if (categories && (rc = check_category(categories[i])))
			return opflow__error(rc, "%s: activity %k: unknown "
			                     "category %d", fn, k, categories[i]);
		if (kinds && kinds[i] != OPFLOW_FROM_CATEGORY &&
		    (rc = check_kind(kinds[i])))
			return opflow__error(rc, "%s: activity %k: unknown kind %d",
			                     fn, k, kinds[i]);
		if (durations &&
		    (rc = opflow__check_duration("duration", durations[i])))
			return opflow__error(rc, "%s: activity %k: %m", fn,
			                     k);
		off += len + 1;
	}
	if (off != keys_size)
		return opflow__error(OPFLOW_EINVAL,
		    "%s: %zu keys take %zu bytes, but keys_size is %zu", fn,
		    count, off, keys_size);
	old_keys = g->keys;
	if ((rc = reserve_activities(g, count, keys_size)))
		return rc;
	keys = in_arena(g, old_keys, keys);
	n0 = g->n;
	keys0 = g->keys_len;
	off = 0;
	for (size_t i = 0; i < count; i++) {
		opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
		struct opflow__activity proto;
		const char *k = keys + off;
		size_t len = strlen(k);
		uint32_t hash = opflow__hash(k, len);

		if (find_key(g, k, len) != OPFLOW_NONE) {
			truncate_activities(g, n0, keys0);
			return opflow__error(OPFLOW_EEXISTS,
			    "%s: activity %k already exists", fn, k);
		}
		if (categories)
			o.category = categories[i];
		if (kinds)
			o.kind = kinds[i];
		if (durations) {
			o.has_duration = 1;
			o.duration = durations[i];
		}
		init_activity(&proto, &o);
		append_activity(g, k, len, hash, &proto);
		off += len + 1;
	}
	*out_first = (opflow_id)n0;
	if (count)
		drop_layout(g);
	return 0;
}

int opflow_graph_find_activity(opflow_id *out, const opflow_graph *g,
                               const char *key)
{
	size_t len;
	uint32_t id;
	int rc;

	if (!out)
		return opflow__null_arg("opflow_graph_find_activity", "out");
	if (!g)
		return opflow__null_arg("opflow_graph_find_activity", "graph");
	if ((rc = opflow__check_key("activity key", key, &len)))
		return rc;
	id = find_key(g, key, len);
	if (id == OPFLOW_NONE)
		return opflow__error(OPFLOW_ENOTFOUND, "no activity %k", key);
	*out = id;
	return 0;
}

int opflow_graph_remove_activity(opflow_graph *g, opflow_id id)
{
	struct opflow__activity *a;
	size_t w = 0, gap;

	int rc = opflow__check_activity(g, id, "opflow_graph_remove_activity");
	if (rc)
		return rc;
	a = &g->acts[id];
	/* drop its flows, renumber the ends of the others */
	for (size_t f = 0; f < g->m; f++) {
		struct opflow__flow fl = g->flows[f];

		if (fl.source == id || fl.target == id)
			continue;
		if (fl.source > id)
			fl.source--;
		if (fl.target > id)
			fl.target--;
		g->flows[w++] = fl;
	}
	g->m = w;
	/* close the key's gap in the arena */
	gap = (size_t)a->key_len + 1;
	memmove(g->keys + a->key_off, g->keys + a->key_off + gap,
	        g->keys_len - a->key_off - gap);
	g->keys_len -= gap;
	opflow__free(a->label);
	memmove(a, a + 1, (g->n - id - 1) * sizeof *a);
	g->n--;
	for (size_t i = id; i < g->n; i++)
		g->acts[i].key_off -= gap;
	index_fill(&g->key_index, g->n, hash_act, g);
	index_fill(&g->flow_index, g->m, hash_flow, g);
	relink(g);
	drop_layout(g);
	return 0;
}

int opflow_graph_activity_key(const char **out, const opflow_graph *g,
                              opflow_id id)
{
	int rc;

	if (!out)
		return opflow__null_arg("opflow_graph_activity_key", "out");
	if ((rc = opflow__check_activity(g, id, "opflow_graph_activity_key")))
		return rc;
	*out = opflow__key(g, id);
	return 0;
}

int opflow_graph_activity_label(const char **out, const opflow_graph *g,
                                opflow_id id)
{
	int rc;

	if (!out)
		return opflow__null_arg("opflow_graph_activity_label", "out");
	if ((rc = opflow__check_activity(g, id, "opflow_graph_activity_label")))
		return rc;
	*out = g->acts[id].label;
	return 0;
}

int opflow_graph_set_activity_label(opflow_graph *g, opflow_id id,
                                    const char *label)
{
	size_t len;
	char *copy = NULL;
	int rc;

	if ((rc = opflow__check_activity(g, id,
	                                 "opflow_graph_set_activity_label")))
		return rc;
	if ((rc = opflow__check_text("label", label, &len)))
		return about_activity(g, id, rc);
	if (len && !(copy = copy_text(label, len)))
		return opflow__nomem();
	opflow__free(g->acts[id].label);
	g->acts[id].label = copy;
	changed(g);
	return 0;
}

int opflow_graph_activity_kind(opflow_kind *out, const opflow_graph *g,
                               opflow_id id)
{
	int rc;

	if (!out)
		return opflow__null_arg("opflow_graph_activity_kind", "out");
	if ((rc = opflow__check_activity(g, id, "opflow_graph_activity_kind")))
		return rc;
	*out = (opflow_kind)g->acts[id].kind;
	return 0;
}

int opflow_graph_set_activity_kind(opflow_graph *g, opflow_id id,
                                   opflow_kind kind)
{
	int rc;

	if ((rc = opflow__check_activity(g, id,
	                                 "opflow_graph_set_activity_kind")))
		return rc;
	if ((rc = check_kind((int)kind)))
		return about_activity(g, id, rc);
	g->acts[id].kind = (uint8_t)kind;
	changed(g);
	return 0;
}

int opflow_graph_activity_category(opflow_category *out, const opflow_graph *g,
                                   opflow_id id)
{
	int rc;

	if (!out)
		return opflow__null_arg("opflow_graph_activity_category", "out");
	if ((rc = opflow__check_activity(g, id,
	                                 "opflow_graph_activity_category")))
		return rc;
	*out = (opflow_category)g->acts[id].category;
	return 0;
}

int opflow_graph_set_activity_category(opflow_graph *g, opflow_id id,
                                       opflow_category category)
{
	int rc;

	if ((rc = opflow__check_activity(g, id,
	                                 "opflow_graph_set_activity_category")))
		return rc;
	if ((rc = check_category((int)category)))
		return about_activity(g, id, rc);
	g->acts[id].category = (uint8_t)category;
	changed(g);
	return 0;
}

int opflow_graph_activity_department(opflow_id *out, const opflow_graph *g,
                                     opflow_id id)
{
	int rc;

	if (!out)
		return opflow__null_arg("opflow_graph_activity_department", "out");
	if ((rc = opflow__check_activity(g, id,
	                                 "opflow_graph_activity_department")))
		return rc;
	*out = g->acts[id].department;
	return 0;
}

int opflow_graph_set_activity_department(opflow_graph *g, opflow_id id,
                                         const char *department)
{
	struct dept_plan plan;
	size_t len;
	int rc;

	if ((rc = opflow__check_activity(g, id,
	                                 "opflow_graph_set_activity_department")))
		return rc;
	if (!department) {
		g->acts[id].department = OPFLOW_NONE;
		changed(g);
		return 0;
	}
	if ((rc = opflow__check_key("department key", department, &len)) ||
	    (rc = dept_prepare(g, &plan, department, len)))
		return rc;
	g->acts[id].department = dept_commit(g, &plan);
	changed(g);
	return 0;
}

int opflow_graph_activity_customer_facing(int *out, const opflow_graph *g,
                                          opflow_id id)
{
	int rc;

	if (!out)
		return opflow__null_arg("opflow_graph_activity_customer_facing",
		                        "out");
	if ((rc = opflow__check_activity(g, id,
	                                 "opflow_graph_activity_customer_facing")))
		return rc;
	*out = g->acts[id].customer_facing;
	return 0;
}

int opflow_graph_set_activity_customer_facing(opflow_graph *g, opflow_id id,
                                              int customer_facing)
{
	int rc;

	if ((rc = opflow__check_activity(g, id,
	                        "opflow_graph_set_activity_customer_facing")))
		return rc;
	if (customer_facing != 0 && customer_facing != 1)
		return opflow__error(OPFLOW_EINVAL,
		    "activity %k: customer_facing must be 0 or 1, not %d",
		    opflow__key(g, id), customer_facing);
	g->acts[id].customer_facing = (uint8_t)customer_facing;
	changed(g);
	return 0;
}

int opflow_graph_activity_duration(double *duration, int *is_explicit,
                                   const opflow_graph *g, opflow_id id)
{
	int rc;

	if ((rc = opflow__check_activity(g, id,
	                                 "opflow_graph_activity_duration")))
		return rc;
	if (duration)
		*duration = g->acts[id].duration;
	if (is_explicit)
		*is_explicit = (g->acts[id].flags & OPFLOW__EXPLICIT) != 0;
	return 0;
}

int opflow_graph_set_activity_duration(opflow_graph *g, opflow_id id,
                                       double duration)
{
	int rc;

	if ((rc = opflow__check_activity(g, id,
	                                 "opflow_graph_set_activity_duration")))
		return rc;
	if ((rc = opflow__check_duration("duration", duration)))
		return opflow__error(rc, "duration of activity %k: %m",
		                     opflow__key(g, id));
	g->acts[id].duration = plus_zero(duration);
	g->acts[id].flags |= OPFLOW__EXPLICIT;
	changed(g);
	return 0;
}

static void derive_duration(struct opflow__activity *a)
{
	if (!(a->flags & OPFLOW__EXPLICIT))
		a->duration = (a->flags & OPFLOW__HAS_ESTIMATE) ? a->est[1] : 0.0;
}

int opflow_graph_clear_activity_duration(opflow_graph *g, opflow_id id)
{
	int rc;

	if ((rc = opflow__check_activity(g, id,
	                                 "opflow_graph_clear_activity_duration")))
		return rc;
	g->acts[id].flags &= (uint8_t)~OPFLOW__EXPLICIT;
	derive_duration(&g->acts[id]);
	changed(g);
	return 0;
}

int opflow_graph_activity_estimate(int *has_estimate, double *o, double *m,
                                   double *p, const opflow_graph *g,
                                   opflow_id id)
{
	const struct opflow__activity *a;
	int rc, has;

	if ((rc = opflow__check_activity(g, id,
	                                 "opflow_graph_activity_estimate")))
		return rc;
	a = &g->acts[id];
	has = (a->flags & OPFLOW__HAS_ESTIMATE) != 0;
	if (has_estimate)
		*has_estimate = has;
	if (o)
		*o = has ? a->est[0] : 0.0;
	if (m)
		*m = has ? a->est[1] : 0.0;
	if (p)
		*p = has ? a->est[2] : 0.0;
	return 0;
}

int opflow_graph_set_activity_estimate(opflow_graph *g, opflow_id id,
                                       double o, double m, double p)
{
	struct opflow__activity *a;
	int rc;

	if ((rc = opflow__check_activity(g, id,
	                                 "opflow_graph_set_activity_estimate")))
		return rc;
	if ((rc = check_estimate(o, m, p)))
		return about_activity(g, id, rc);
	a = &g->acts[id];
	a->est[0] = plus_zero(o);
	a->est[1] = plus_zero(m);
	a->est[2] = plus_zero(p);
	a->flags |= OPFLOW__HAS_ESTIMATE;
	derive_duration(a);
	changed(g);
	return 0;
}

int opflow_graph_clear_activity_estimate(opflow_graph *g, opflow_id id)
{
	struct opflow__activity *a;
	int rc;

	if ((rc = opflow__check_activity(g, id,
	                                 "opflow_graph_clear_activity_estimate")))
		return rc;
	a = &g->acts[id];
	a->flags &= (uint8_t)~OPFLOW__HAS_ESTIMATE;
	a->est[0] = a->est[1] = a->est[2] = 0.0;
	derive_duration(a);
	changed(g);
	return 0;
}

/* ----------------------------------------------------------------- flows */

static int check_new_flow(const opflow_graph *g, uint32_t s, uint32_t t,
                          int type, double lag, const char *fn)
{
	int rc;

	if (s >= g->n)
		return opflow__error(OPFLOW_ENOTFOUND,
		    "%s: no source activity with id %u (the graph has %zu)", fn,
		    (unsigned)s, g->n);
	if (t >= g->n)
		return opflow__error(OPFLOW_ENOTFOUND,
		    "%s: no target activity with id %u (the graph has %zu)", fn,
		    (unsigned)t, g->n);
	if (s == t)
		return opflow__error(OPFLOW_EINVAL,
		    "%s: a flow from activity %k to itself is a self-loop", fn,
		    opflow__key(g, s));
	if ((rc = check_flow_type(type)))
		return opflow__error(rc, "%s: flow %k -> %k: %m", fn,
		                     opflow__key(g, s), opflow__key(g, t));
	if ((rc = check_lag(lag)))
		return opflow__error(rc, "%s: flow %k -> %k: %m", fn,
		                     opflow__key(g, s), opflow__key(g, t));
	return 0;
}

static int duplicate_flow(const opflow_graph *g, uint32_t s, uint32_t t,
                          int type, const char *fn)
{
	return opflow__error(OPFLOW_EEXISTS,
	    "%s: a %s flow from %k to %k already exists", fn,
	    opflow_flow_type_name((opflow_flow_type)type), opflow__key(g, s),
	    opflow__key(g, t));
}

/* Whether count more flows fit under the limit of OPFLOW_NONE (ids stay
 * below OPFLOW_NONE); decided from the counts alone. */
static int check_flow_room(const opflow_graph *g, size_t count)
{
	if (count > (size_t)OPFLOW_NONE - g->m)
		return opflow__error(OPFLOW_ERANGE,
		    "a graph holds at most %u flows: %zu more do not fit beside "
		    "its %zu", (unsigned)OPFLOW_NONE, count, g->m);
	return 0;
}

static int reserve_flows(opflow_graph *g, size_t count)
{
	int rc;

	if ((rc = check_flow_room(g, count)))
		return rc;
	if ((rc = opflow__grow((void **)&g->flows, &g->flows_cap, g->m + count,
	                       sizeof *g->flows)) ||
	    (rc = index_reserve(&g->flow_index, g->m + count, g->m, hash_flow, g)))
		return rc;
	return 0;
}

static uint32_t append_flow(opflow_graph *g, uint32_t s, uint32_t t, int type,
                            double lag)
{
	uint32_t f = (uint32_t)g->m;
	struct opflow__flow *fl = &g->flows[f];

	fl->source = s;
	fl->target = t;
	fl->type = (uint8_t)type;
	fl->lag = plus_zero(lag);
	g->m++;
	index_put(&g->flow_index, flow_hash(s, t, (uint32_t)type), f);
	link_flow(g, f);
	return f;
}

int opflow_graph_add_flow(opflow_id *out, opflow_graph *g, opflow_id source,
                          opflow_id target, opflow_flow_type type, double lag)
{
	static const char fn[] = "opflow_graph_add_flow";
	int rc;

	if (!out)
		return opflow__null_arg(fn, "out");
	if (!g)
		return opflow__null_arg(fn, "graph");
	if ((rc = check_new_flow(g, source, target, (int)type, lag, fn)))
		return rc;
	if (find_flow(g, source, target, (int)type) != OPFLOW_NONE)
		return duplicate_flow(g, source, target, (int)type, fn);
	if ((rc = reserve_flows(g, 1)))
		return rc;
	*out = append_flow(g, source, target, (int)type, lag);
	drop_layout(g);
	return 0;
}

int opflow_graph_add_flows(opflow_id *out_first, opflow_graph *g, size_t count,
                           const opflow_id *sources, const opflow_id *targets,
                           const int *types, const double *lags)
{
	static const char fn[] = "opflow_graph_add_flows";
	size_t m0;
	int rc;

	if (!out_first)
		return opflow__null_arg(fn, "out_first");
	if (!g)
		return opflow__null_arg(fn, "graph");
	if (count && !sources)
		return opflow__null_arg(fn, "sources");
	if (count && !targets)
		return opflow__null_arg(fn, "targets");
	/* a count past the limit is refused before any flow is read */
	if ((rc = check_flow_room(g, count)))
		return rc;
	for (size_t i = 0; i < count; i++) {
		if ((rc = check_new_flow(g, sources[i], targets[i],
		                         types ? types[i] : OPFLOW_FLOW_FS,
		                         lags ? lags[i] : 0.0, fn)))
			return opflow__error(rc, "%m (flow %zu of the batch)",
			                     i);
	}
	if ((rc = reserve_flows(g, count)))
		return rc;
	m0 = g->m;
	for (size_t i = 0; i < count; i++) {
		int type = types ? types[i] : OPFLOW_FLOW_FS;

		if (find_flow(g, sources[i], targets[i], type) != OPFLOW_NONE) {
			g->m = m0;
			index_fill(&g->flow_index, g->m, hash_flow, g);
			relink(g);
			return duplicate_flow(g, sources[i], targets[i], type, fn);
		}
		append_flow(g, sources[i], targets[i], type, lags ? lags[i] : 0.0);
	}
	*out_first = (opflow_id)m0;
	if (count)
		drop_layout(g);
	return 0;
}

int opflow_graph_find_flow(opflow_id *out, const opflow_graph *g,
                           opflow_id source, opflow_id target,
                           opflow_flow_type type)
{
	static const char fn[] = "opflow_graph_find_flow";
	uint32_t f;
	int rc;

	if (!out)
		return opflow__null_arg(fn, "out");
	if ((rc = opflow__check_activity(g, source, fn)) ||
	    (rc = opflow__check_activity(g, target, fn)) ||
	    (rc = check_flow_type((int)type)))
		return rc;
	f = find_flow(g, source, target, (int)type);
	if (f == OPFLOW_NONE)
		return opflow__error(OPFLOW_ENOTFOUND, "no %s flow from %k to %k",
		                     opflow_flow_type_name(type),
		                     opflow__key(g, source), opflow__key(g, target));
	*out = f;
	return 0;
}

int opflow_graph_remove_flow(opflow_graph *g, opflow_id flow)
{
	int rc;

	if ((rc = check_flow_id(g, flow, "opflow_graph_remove_flow")))
		return rc;
	memmove(&g->flows[flow], &g->flows[flow + 1],
	        (g->m - flow - 1) * sizeof *g->flows);
	g->m--;
	index_fill(&g->flow_index, g->m, hash_flow, g);
	relink(g);
	drop_layout(g);
	return 0;
}

int opflow_graph_flow(opflow_id *source, opflow_id *target,
                      opflow_flow_type *type, double *lag,
                      const opflow_graph *g, opflow_id flow)
{
	const struct opflow__flow *f;
	int rc;

	if ((rc = check_flow_id(g, flow, "opflow_graph_flow")))
		return rc;
	f = &g->flows[flow];
	if (source)
		*source = f->source;
	if (target)
		*target = f->target;
	if (type)
		*type = (opflow_flow_type)f->type;
	if (lag)
		*lag = f->lag;
	return 0;
}

int opflow_graph_set_flow_lag(opflow_graph *g, opflow_id flow, double lag)
{
	int rc;

	if ((rc = check_flow_id(g, flow, "opflow_graph_set_flow_lag")))
		return rc;
	if ((rc = check_lag(lag)))
		return about_flow(g, flow, rc);
	g->flows[flow].lag = plus_zero(lag);
	opflow__layout_set_lag(g, flow);
	changed(g);
	return 0;
}

static int list_flows(size_t *out_count, opflow_id *flows, size_t capacity,
                      const opflow_graph *g, opflow_id id, int incoming,
                      const char *fn)
{
	size_t k = 0;
	uint32_t f;
	int rc;

	if (!out_count)
		return opflow__null_arg(fn, "out_count");
	if (capacity && !flows)
		return opflow__null_arg(fn, "flows");
	if ((rc = opflow__check_activity(g, id, fn)))
		return rc;
	f = incoming ? g->acts[id].first_in : g->acts[id].first_out;
	while (f != OPFLOW_NONE) {
		if (k < capacity)
			flows[k] = f;
		k++;
		f = incoming ? g->flows[f].next_in : g->flows[f].next_out;
	}
	*out_count = k;
	return 0;
}

int opflow_graph_incoming(size_t *out_count, opflow_id *flows, size_t capacity,
                          const opflow_graph *g, opflow_id id)
{
	return list_flows(out_count, flows, capacity, g, id, 1,
	                  "opflow_graph_incoming");
}

int opflow_graph_outgoing(size_t *out_count, opflow_id *flows, size_t capacity,
                          const opflow_graph *g, opflow_id id)
{
	return list_flows(out_count, flows, capacity, g, id, 0,
	                  "opflow_graph_outgoing");
}

/* ---------------------------------------------------------------- layout */

int opflow_graph_prepare(opflow_graph *g)
{
	const struct opflow__layout *L;

	if (!g)
		return opflow__null_arg("opflow_graph_prepare", "graph");
	return opflow__layout_get(&L, g);
}
