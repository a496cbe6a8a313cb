/*
 * activity.c - the graph's activities: adding, finding and removing them
 * one at a time or in a batch of adds, and their attributes.
 */
#include "config.h"

#include "internal.h"

#include <string.h>

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
		a->est[0] = opflow__plus_zero(o->optimistic);
		a->est[1] = opflow__plus_zero(o->most_likely);
		a->est[2] = opflow__plus_zero(o->pessimistic);
		a->duration = a->est[1];
	}
	if (o->has_duration) {
		a->flags |= OPFLOW__EXPLICIT;
		a->duration = opflow__plus_zero(o->duration);
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
	if ((rc = opflow__check_category(o->category)))
		return rc;
	if (o->kind != OPFLOW_FROM_CATEGORY && (rc = opflow__check_kind(o->kind)))
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

/* Room for count more activities with key_bytes more key bytes (NULs
 * included); on failure nothing changed. */
static int reserve_activities(opflow_graph *g, struct opflow__key_plan *plan,
                              size_t count, size_t key_bytes)
{
	int rc;

	if ((rc = check_activity_room(g, count)))
		return rc;
	if ((rc = opflow__grow((void **)&g->acts, &g->acts_cap, g->n + count,
	                       sizeof *g->acts)) ||
	    (rc = opflow__index_reserve(&g->key_index, g->n + count, g->n,
	                                opflow__hash_act, g)) ||
	    (rc = opflow__keys_reserve(g, plan, key_bytes)))
		return rc;
	return 0;
}

/* Appends an activity whose key is known to be new; room is reserved and
 * the key plan committed. */
static uint32_t append_activity(opflow_graph *g, struct opflow__key_plan *plan,
                                const char *key, size_t len, uint32_t hash,
                                const struct opflow__activity *proto)
{
	uint32_t id = (uint32_t)g->n;
	struct opflow__activity *a = &g->acts[id];

	*a = *proto;
	a->key = opflow__keys_store(g, plan, key, len);
	a->key_len = (uint32_t)len;
	a->hash = hash;
	opflow__index_put(&g->key_index, hash, id);
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
	struct opflow__dept_plan plan = { OPFLOW_NONE, NULL, 0, 0 };
	struct opflow__key_plan kplan;
	size_t len, label_len = 0, dept_len = 0;
	char *label = NULL;
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
	if (opflow__find_key(g, key, len, hash) != OPFLOW_NONE)
		return opflow__error(OPFLOW_EEXISTS,
		    "activity %k already exists", key);
	/* the strings may be the graph's own (a label read back): copy the
	 * label first; keys never move */
	if (label_len && !(label = opflow__copy_text(opts->label, label_len)))
		return opflow__nomem();
	if (opts->department &&
	    (rc = opflow__dept_prepare(g, &plan, opts->department, dept_len))) {
		opflow__free(label);
		return rc;
	}
	if ((rc = reserve_activities(g, &kplan, 1, len + 1))) {
		opflow__free(label);
		opflow__free(plan.key);
		return rc;
	}
	opflow__keys_commit(g, &kplan);
	init_activity(&proto, opts);
	proto.label = label;
	if (opts->department)
		proto.department = opflow__dept_commit(g, &plan);
	*out = append_activity(g, &kplan, key, len, hash, &proto);
	opflow__drop_layout(g);
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
static void truncate_activities(opflow_graph *g, size_t n,
                                struct opflow__key_plan *plan)
{
	g->n = n;
	opflow__keys_rollback(g, plan);
	opflow__index_fill(&g->key_index, g->n, opflow__hash_act, g);
}

int opflow_graph_add_activities(opflow_id *out_first, opflow_graph *g,
                                size_t count, const char *keys,
                                size_t keys_size, const int *categories,
                                const int *kinds, const double *durations)
{
	static const char fn[] = "opflow_graph_add_activities";
	struct opflow__key_plan kplan;
	size_t off = 0, n0;
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
		if (categories && (rc = opflow__check_category(categories[i])))
			return opflow__error(rc, "%s: activity %k: unknown "
			                     "category %d", fn, k, categories[i]);
		if (kinds && kinds[i] != OPFLOW_FROM_CATEGORY &&
		    (rc = opflow__check_kind(kinds[i])))
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
	if ((rc = reserve_activities(g, &kplan, count, keys_size)))
		return rc;
	opflow__keys_commit(g, &kplan);
	n0 = g->n;
	off = 0;
	for (size_t i = 0; i < count; i++) {
		opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
		struct opflow__activity proto;
		const char *k = keys + off;
		size_t len = strlen(k);
		uint32_t hash = opflow__hash(k, len);

		if (opflow__find_key(g, k, len, hash) != OPFLOW_NONE) {
			truncate_activities(g, n0, &kplan);
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
		append_activity(g, &kplan, k, len, hash, &proto);
		off += len + 1;
	}
	*out_first = (opflow_id)n0;
	if (count)
		opflow__drop_layout(g);
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
	id = opflow__find_key(g, key, len, opflow__hash(key, len));
	if (id == OPFLOW_NONE)
		return opflow__error(OPFLOW_ENOTFOUND, "no activity %k", key);
	*out = id;
	return 0;
}

#define FIND_BATCH 64

int opflow_graph_find_activities(opflow_id *out, size_t *out_failed,
                                 const opflow_graph *g, size_t count,
                                 const char *keys, size_t keys_size)
{
	static const char fn[] = "opflow_graph_find_activities";
	size_t off = 0;
	int rc;

	if (out_failed)
		*out_failed = count;
	if (count && !out)
		return opflow__null_arg(fn, "out");
	if (!g)
		return opflow__null_arg(fn, "graph");
	if (count && !keys)
		return opflow__null_arg(fn, "keys");
	/* the block's shape first: a malformed block writes nothing */
	for (size_t i = 0; i < count; i++) {
		const char *end;

		if (off >= keys_size)
			return opflow__error(OPFLOW_EINVAL,
			    "%s: keys holds fewer than %zu keys in %zu bytes", fn,
			    count, keys_size);
		end = memchr(keys + off, '\0', keys_size - off);
		if (!end)
			return opflow__error(OPFLOW_EINVAL,
			    "%s: key %zu is not NUL-terminated within keys_size",
			    fn, i);
		off = (size_t)(end - keys) + 1;
	}
	if (off != keys_size)
		return opflow__error(OPFLOW_EINVAL,
		    "%s: %zu keys take %zu bytes, but keys_size is %zu", fn,
		    count, off, keys_size);
	/* FIND_BATCH keys at a time: the index slots, then the activities,
	 * then the key bytes each lookup reads are fetched for all of them
	 * before the first lookup, rather than one miss after the other */
	off = 0;
	for (size_t i = 0; i < count;) {
		const char *k[FIND_BATCH];
		size_t len[FIND_BATCH], nb = 0;
		uint32_t h[FIND_BATCH];

		for (; nb < FIND_BATCH && i + nb < count; nb++) {
			k[nb] = keys + off;
			len[nb] = strlen(k[nb]);
			h[nb] = opflow__hash(k[nb], len[nb]);
			if (g->key_index.cap)
				__builtin_prefetch(&g->key_index.slots[
				        h[nb] & (g->key_index.cap - 1)]);
			off += len[nb] + 1;
		}
		for (size_t j = 0; j < nb; j++)
			opflow__fetch_key_acts(g, h[j]);
		for (size_t j = 0; j < nb; j++)
			opflow__fetch_key_bytes(g, h[j]);
		for (size_t j = 0; j < nb; j++) {
			uint32_t id = opflow__find_key(g, k[j], len[j], h[j]);

			if (id != OPFLOW_NONE) {
				out[i + j] = id;
				continue;
			}
			/* every key of the graph is valid: a key is checked
			 * only when it is not found, and the error is what
			 * opflow_graph_find_activity gives */
			if (out_failed)
				*out_failed = i + j;
			if ((rc = opflow__check_key("activity key", k[j],
			                            &len[j])))
				return opflow__error(rc, "%s: key %zu: %m", fn,
				                     i + j);
			return opflow__error(OPFLOW_ENOTFOUND,
			    "%s: key %zu: no activity %k", fn, i + j, k[j]);
		}
		i += nb;
	}
	return 0;
}

int opflow_graph_remove_activity(opflow_graph *g, opflow_id id)
{
	struct opflow__activity *a;
	size_t w = 0;

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
	/* its key's bytes go back to the store; no other key moves */
	opflow__keys_release(g, a->key, a->key_len);
	opflow__free(a->label);
	memmove(a, a + 1, (g->n - id - 1) * sizeof *a);
	opflow__track_remove(g, id);
	opflow__cal_activity_removed(g, id);
	g->n--;
	opflow__index_fill(&g->key_index, g->n, opflow__hash_act, g);
	opflow__index_fill(&g->flow_index, g->m, opflow__hash_flow, g);
	opflow__relink(g);
	opflow__drop_layout(g);
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
		return opflow__about_activity(g, id, rc);
	if (len && !(copy = opflow__copy_text(label, len)))
		return opflow__nomem();
	opflow__free(g->acts[id].label);
	g->acts[id].label = copy;
	opflow__changed(g);
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
	if ((rc = opflow__check_kind((int)kind)))
		return opflow__about_activity(g, id, rc);
	g->acts[id].kind = (uint8_t)kind;
	opflow__activity_changed(g, id);
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
	if ((rc = opflow__check_category((int)category)))
		return opflow__about_activity(g, id, rc);
	g->acts[id].category = (uint8_t)category;
	opflow__changed(g);
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
	struct opflow__dept_plan plan;
	size_t len;
	int rc;

	if ((rc = opflow__check_activity(g, id,
	                                 "opflow_graph_set_activity_department")))
		return rc;
	if (!department) {
		g->acts[id].department = OPFLOW_NONE;
		opflow__activity_changed(g, id);
		return 0;
	}
	if ((rc = opflow__check_key("department key", department, &len)) ||
	    (rc = opflow__dept_prepare(g, &plan, department, len)))
		return rc;
	g->acts[id].department = opflow__dept_commit(g, &plan);
	opflow__activity_changed(g, id);
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
	opflow__changed(g);
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
	g->acts[id].duration = opflow__plus_zero(duration);
	g->acts[id].flags |= OPFLOW__EXPLICIT;
	opflow__activity_changed(g, id);
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
	opflow__activity_changed(g, id);
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
		return opflow__about_activity(g, id, rc);
	a = &g->acts[id];
	a->est[0] = opflow__plus_zero(o);
	a->est[1] = opflow__plus_zero(m);
	a->est[2] = opflow__plus_zero(p);
	a->flags |= OPFLOW__HAS_ESTIMATE;
	derive_duration(a);
	opflow__activity_changed(g, id);
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
	opflow__activity_changed(g, id);
	return 0;
}

