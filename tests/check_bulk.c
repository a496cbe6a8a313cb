/*
 * check_bulk.c - many activities or flows at once: bulk removal against
 * removal one at a time, its refusals (bad ids, ids given twice), the
 * graph read out as columns against the per-id accessors, keys that
 * stay at their address until their own activity is removed, and many
 * keys looked up in one call against the ids the test knows.
 */
#include "testutil.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A small deterministic generator (xorshift), independent of libc. */
static uint64_t rng_state;

static uint32_t rnd(uint32_t bound)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % bound);
}

static void shuffle(opflow_id *ids, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = rnd((uint32_t)i);
		opflow_id t = ids[i - 1];

		ids[i - 1] = ids[j];
		ids[j] = t;
	}
}

/* What the test itself knows of the graph it built. */
struct model {
	size_t n, m;
	char (*keys)[16];
	opflow_id *src, *dst;
	int *type;
	double *lag;
};

/* A random graph of n activities with every attribute varied and about
 * 4n flows, the keys and flows recorded in the model. */
static opflow_graph *random_graph(struct model *md, size_t n, uint64_t seed)
{
	opflow_graph *g = tu_graph();

	rng_state = seed;
	md->n = n;
	md->m = 0;
	md->keys = calloc(n, sizeof *md->keys);
	md->src = calloc(4 * n, sizeof *md->src);
	md->dst = calloc(4 * n, sizeof *md->dst);
	md->type = calloc(4 * n, sizeof *md->type);
	md->lag = calloc(4 * n, sizeof *md->lag);
	ck_assert(md->keys && md->src && md->dst && md->type && md->lag);
	for (size_t i = 0; i < n; i++) {
		opflow_activity_options o = OPFLOW_ACTIVITY_OPTIONS_INIT;
		char dept[16], label[24];
		opflow_id id;

		snprintf(md->keys[i], sizeof md->keys[i], "k%zu-%u", i,
		         (unsigned)rnd(1000));
		o.category = (int)rnd(OPFLOW_CATEGORY_OTHER + 1);
		if (rnd(3) == 0) {
			snprintf(label, sizeof label, "Label %zu", i);
			o.label = label;
		}
		if (rnd(2)) {
			snprintf(dept, sizeof dept, "d%u", (unsigned)rnd(7));
			o.department = dept;
		}
		if (rnd(2)) {
			o.has_duration = 1;
			o.duration = rnd(50);
		}
		if (rnd(3) == 0) {
			o.has_estimate = 1;
			o.optimistic = 1;
			o.most_likely = 2 + rnd(5);
			o.pessimistic = 10;
		}
		TU_OK(opflow_graph_add_activity_ext(&id, g, md->keys[i], &o));
		ck_assert_uint_eq(id, i);
	}
	for (size_t i = 0; i + 1 < n; i++) {
		for (uint32_t j = 1; j <= 4 && i + j < n; j++) {
			if (rnd(4) == 0)
				continue;
			md->src[md->m] = (opflow_id)i;
			md->dst[md->m] = (opflow_id)(i + j);
			md->type[md->m] = (int)rnd(4);
			md->lag[md->m] = (double)rnd(5) - 2;
			tu_flow(g, md->src[md->m], md->dst[md->m],
			        (opflow_flow_type)md->type[md->m], md->lag[md->m]);
			md->m++;
		}
	}
	return g;
}

static void model_free(struct model *md)
{
	free(md->keys);
	free(md->src);
	free(md->dst);
	free(md->type);
	free(md->lag);
}

/* The ids below n in random order: the first count of them are
 * distinct ids drawn at random, in random order. */
static opflow_id *pick(size_t n)
{
	opflow_id *all = malloc((n ? n : 1) * sizeof *all);

	ck_assert(all);
	for (size_t i = 0; i < n; i++)
		all[i] = (opflow_id)i;
	shuffle(all, n);
	return all;
}

static int cmp_desc(const void *a, const void *b)
{
	opflow_id x = *(const opflow_id *)a, y = *(const opflow_id *)b;

	return x < y ? 1 : x > y ? -1 : 0;
}

/* A copy of ids[0..count), highest first: removing one at a time in that
 * order keeps the ids not yet removed valid. */
static opflow_id *sorted_desc(const opflow_id *ids, size_t count)
{
	opflow_id *desc = malloc(count * sizeof *desc);

	ck_assert(desc);
	memcpy(desc, ids, count * sizeof *desc);
	qsort(desc, count, sizeof *desc, cmp_desc);
	return desc;
}

START_TEST(remove_activities_as_one_by_one)
{
	static const size_t counts[] = { 1, 2, 17, 150, 299, 300 };
	struct model md;
	opflow_graph *g = random_graph(&md, 300, 0x9E3779B97F4A7C15ull);

	for (size_t c = 0; c < sizeof counts / sizeof *counts; c++) {
		size_t count = counts[c];
		opflow_id *ids = pick(md.n), *desc;
		opflow_graph *one = tu_clone(g), *bulk = tu_clone(g);
		char *gone = calloc(md.n, 1);
		size_t k = 0, mk = 0;

		desc = sorted_desc(ids, count);
		ck_assert(gone);
		/* from the highest id down, so that the ids stay valid */
		for (size_t i = 0; i < count; i++)
			TU_OK(opflow_graph_remove_activity(one, desc[i]));
		TU_OK(opflow_graph_remove_activities(bulk, ids, count));
		ck_assert_int_eq(opflow_graph_equal(one, bulk), 1);
		/* and against the model: the survivors in order, the flows
		 * between survivors in order */
		for (size_t i = 0; i < count; i++)
			gone[ids[i]] = 1;
		ck_assert_uint_eq(opflow_graph_activity_count(bulk),
		                  md.n - count);
		for (size_t i = 0; i < md.n; i++) {
			const char *key;
			opflow_id found;

			if (gone[i]) {
				ck_assert_int_eq(opflow_graph_find_activity(&found,
				    bulk, md.keys[i]), OPFLOW_ENOTFOUND);
				continue;
			}
			TU_OK(opflow_graph_activity_key(&key, bulk,
			                                (opflow_id)k));
			ck_assert_str_eq(key, md.keys[i]);
			TU_OK(opflow_graph_find_activity(&found, bulk,
			                                 md.keys[i]));
			ck_assert_uint_eq(found, k);
			k++;
		}
		for (size_t f = 0; f < md.m; f++) {
			opflow_id s, t;

			if (gone[md.src[f]] || gone[md.dst[f]])
				continue;
			TU_OK(opflow_graph_flow(&s, &t, NULL, NULL, bulk,
			                        (opflow_id)mk));
			{
				const char *ks, *kt;

				TU_OK(opflow_graph_activity_key(&ks, bulk, s));
				TU_OK(opflow_graph_activity_key(&kt, bulk, t));
				ck_assert_str_eq(ks, md.keys[md.src[f]]);
				ck_assert_str_eq(kt, md.keys[md.dst[f]]);
			}
			mk++;
		}
		ck_assert_uint_eq(opflow_graph_flow_count(bulk), mk);
		/* the result analyses like the other */
		TU_OK(opflow_graph_prepare(bulk));
		free(gone);
		free(desc);
		free(ids);
		opflow_graph_free(one);
		opflow_graph_free(bulk);
	}
	opflow_graph_free(g);
	model_free(&md);
}
END_TEST

START_TEST(remove_flows_as_one_by_one)
{
	static const size_t counts[] = { 1, 3, 100, 0 };
	struct model md;
	opflow_graph *g = random_graph(&md, 120, 12345);

	for (size_t c = 0; c < sizeof counts / sizeof *counts; c++) {
		size_t count = counts[c] ? counts[c] : md.m;
		opflow_id *ids = pick(md.m), *desc;
		opflow_graph *one = tu_clone(g), *bulk = tu_clone(g);
		char *gone = calloc(md.m, 1);
		size_t k = 0;

		desc = sorted_desc(ids, count);
		ck_assert(gone);
		for (size_t i = 0; i < count; i++)
			TU_OK(opflow_graph_remove_flow(one, desc[i]));
		TU_OK(opflow_graph_remove_flows(bulk, ids, count));
		ck_assert_int_eq(opflow_graph_equal(one, bulk), 1);
		for (size_t i = 0; i < count; i++)
			gone[ids[i]] = 1;
		for (size_t f = 0; f < md.m; f++) {
			opflow_id s, t, found;
			opflow_flow_type ty;
			double lag;

			if (gone[f]) {
				ck_assert_int_eq(opflow_graph_find_flow(&found,
				    bulk, md.src[f], md.dst[f],
				    (opflow_flow_type)md.type[f]),
				    OPFLOW_ENOTFOUND);
				continue;
			}
			TU_OK(opflow_graph_flow(&s, &t, &ty, &lag, bulk,
			                        (opflow_id)k));
			ck_assert_uint_eq(s, md.src[f]);
			ck_assert_uint_eq(t, md.dst[f]);
			ck_assert_int_eq((int)ty, md.type[f]);
			TU_DOUBLE_EQ(lag, md.lag[f] == 0 ? 0.0 : md.lag[f]);
			TU_OK(opflow_graph_find_flow(&found, bulk, s, t, ty));
			ck_assert_uint_eq(found, k);
			k++;
		}
		ck_assert_uint_eq(opflow_graph_flow_count(bulk), k);
		ck_assert_uint_eq(k, md.m - count);
		ck_assert_uint_eq(opflow_graph_activity_count(bulk), md.n);
		free(gone);
		free(desc);
		free(ids);
		opflow_graph_free(one);
		opflow_graph_free(bulk);
	}
	opflow_graph_free(g);
	model_free(&md);
}
END_TEST

START_TEST(bulk_removal_refusals)
{
	struct model md;
	opflow_graph *g = random_graph(&md, 20, 77);
	opflow_graph *before = tu_clone(g);
	const opflow_id past[] = { 3, 20, 5 };
	const opflow_id none[] = { OPFLOW_NONE };
	const opflow_id twice[] = { 4, 9, 4 };
	opflow_id flow_past[3] = { 0, (opflow_id)md.m, 1 };
	const opflow_id flow_twice[] = { 2, 2 };

	TU_FAILS(g, opflow_graph_remove_activities(g, past, 3),
	         OPFLOW_ENOTFOUND, "opflow_graph_remove_activities",
	         "no activity with id 20", "the graph has 20", "id 1 of");
	TU_FAILS(g, opflow_graph_remove_activities(g, none, 1),
	         OPFLOW_ENOTFOUND, "4294967295");
	TU_FAILS(g, opflow_graph_remove_activities(g, twice, 3),
	         OPFLOW_EINVAL, "activity id 4 is given twice", "id 2 of");
	TU_FAILS(g, opflow_graph_remove_activities(g, NULL, 2),
	         OPFLOW_EINVAL, "activities");
	TU_FAILS(NULL, opflow_graph_remove_activities(NULL, past, 1),
	         OPFLOW_EINVAL, "graph");
	TU_FAILS(g, opflow_graph_remove_flows(g, flow_past, 3),
	         OPFLOW_ENOTFOUND, "opflow_graph_remove_flows", "no flow");
	TU_FAILS(g, opflow_graph_remove_flows(g, flow_twice, 2),
	         OPFLOW_EINVAL, "flow id 2 is given twice");
	TU_FAILS(g, opflow_graph_remove_flows(g, NULL, 1), OPFLOW_EINVAL,
	         "flows");
	TU_FAILS(NULL, opflow_graph_remove_flows(NULL, flow_twice, 1),
	         OPFLOW_EINVAL, "graph");
	/* nothing to remove: success, nothing changes */
	TU_OK(opflow_graph_remove_activities(g, NULL, 0));
	TU_OK(opflow_graph_remove_flows(g, NULL, 0));
	ck_assert_int_eq(opflow_graph_equal(g, before), 1);
	opflow_graph_free(before);
	opflow_graph_free(g);
	model_free(&md);
}
END_TEST

START_TEST(activity_columns_as_accessors)
{
	struct model md;
	opflow_graph *g = random_graph(&md, 200, 4242);
	size_t n = md.n, count = 0;
	const char **keys = calloc(n, sizeof *keys);
	const char **labels = calloc(n, sizeof *labels);
	int *kinds = calloc(n, sizeof *kinds), *cats = calloc(n, sizeof *cats);
	opflow_id *depts = calloc(n, sizeof *depts);
	int *cf = calloc(n, sizeof *cf), *expl = calloc(n, sizeof *expl);
	int *has = calloc(n, sizeof *has);
	double *durs = calloc(n, sizeof *durs), *est = calloc(3 * n, sizeof *est);

	ck_assert(keys && labels && kinds && cats && depts && cf && expl &&
	          has && durs && est);
	TU_OK(opflow_graph_activity_columns(&count, n, g, keys, labels, kinds,
	                                    cats, depts, cf, durs, expl, has,
	                                    est));
	ck_assert_uint_eq(count, n);
	for (size_t i = 0; i < n; i++) {
		opflow_id id = (opflow_id)i, d;
		const char *s;
		opflow_kind kind;
		opflow_category cat;
		int v, e;
		double dur, o, m, p;

		ck_assert_str_eq(keys[i], md.keys[i]);
		TU_OK(opflow_graph_activity_key(&s, g, id));
		ck_assert_ptr_eq(s, keys[i]);
		TU_OK(opflow_graph_activity_label(&s, g, id));
		ck_assert_ptr_eq(s, labels[i]);
		TU_OK(opflow_graph_activity_kind(&kind, g, id));
		ck_assert_int_eq(kinds[i], (int)kind);
		TU_OK(opflow_graph_activity_category(&cat, g, id));
		ck_assert_int_eq(cats[i], (int)cat);
		TU_OK(opflow_graph_activity_department(&d, g, id));
		ck_assert_uint_eq(depts[i], d);
		TU_OK(opflow_graph_activity_customer_facing(&v, g, id));
		ck_assert_int_eq(cf[i], v);
		TU_OK(opflow_graph_activity_duration(&dur, &e, g, id));
		TU_DOUBLE_EQ(durs[i], dur);
		ck_assert_int_eq(expl[i], e);
		TU_OK(opflow_graph_activity_estimate(&v, &o, &m, &p, g, id));
		ck_assert_int_eq(has[i], v);
		TU_DOUBLE_EQ(est[3 * i], o);
		TU_DOUBLE_EQ(est[3 * i + 1], m);
		TU_DOUBLE_EQ(est[3 * i + 2], p);
		if (!v)
			ck_assert(o == 0 && m == 0 && p == 0);
	}
	/* a smaller capacity fills that many, the count is still n; NULL
	 * arrays are skipped */
	memset(kinds, 0x55, n * sizeof *kinds);
	TU_OK(opflow_graph_activity_columns(&count, 10, g, NULL, NULL, kinds,
	                                    NULL, NULL, NULL, NULL, NULL, NULL,
	                                    NULL));
	ck_assert_uint_eq(count, n);
	for (size_t i = 0; i < n; i++) {
		opflow_kind kind;

		TU_OK(opflow_graph_activity_kind(&kind, g, (opflow_id)i));
		if (i < 10)
			ck_assert_int_eq(kinds[i], (int)kind);
		else
			ck_assert_int_eq(kinds[i], 0x55555555);
	}
	TU_OK(opflow_graph_activity_columns(&count, 0, g, NULL, NULL, NULL,
	                                    NULL, NULL, NULL, NULL, NULL, NULL,
	                                    NULL));
	ck_assert_uint_eq(count, n);
	TU_FAILS(g, opflow_graph_activity_columns(NULL, 0, g, NULL, NULL, NULL,
	         NULL, NULL, NULL, NULL, NULL, NULL, NULL), OPFLOW_EINVAL,
	         "out_count");
	TU_FAILS(NULL, opflow_graph_activity_columns(&count, 0, NULL, NULL,
	         NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	         OPFLOW_EINVAL, "graph");
	free(keys); free(labels); free(kinds); free(cats); free(depts);
	free(cf); free(expl); free(has); free(durs); free(est);
	opflow_graph_free(g);
	model_free(&md);
}
END_TEST

START_TEST(flow_columns_as_accessors)
{
	struct model md;
	opflow_graph *g = random_graph(&md, 150, 99);
	size_t m = md.m, count = 0;
	opflow_id *s = calloc(m, sizeof *s), *t = calloc(m, sizeof *t);
	int *ty = calloc(m, sizeof *ty);
	double *lag = calloc(m, sizeof *lag);

	ck_assert(m > 100 && s && t && ty && lag);
	TU_OK(opflow_graph_flow_columns(&count, m, g, s, t, ty, lag));
	ck_assert_uint_eq(count, m);
	for (size_t f = 0; f < m; f++) {
		ck_assert_uint_eq(s[f], md.src[f]);
		ck_assert_uint_eq(t[f], md.dst[f]);
		ck_assert_int_eq(ty[f], md.type[f]);
		TU_DOUBLE_EQ(lag[f], md.lag[f] == 0 ? 0.0 : md.lag[f]);
	}
	memset(s, 0, m * sizeof *s);
	TU_OK(opflow_graph_flow_columns(&count, 5, g, s, NULL, NULL, NULL));
	ck_assert_uint_eq(count, m);
	for (size_t f = 0; f < m; f++)
		ck_assert_uint_eq(s[f], f < 5 ? md.src[f] : 0);
	TU_FAILS(g, opflow_graph_flow_columns(NULL, 0, g, NULL, NULL, NULL,
	         NULL), OPFLOW_EINVAL, "out_count");
	TU_FAILS(NULL, opflow_graph_flow_columns(&count, 0, NULL, NULL, NULL,
	         NULL, NULL), OPFLOW_EINVAL, "graph");
	free(s); free(t); free(ty); free(lag);
	opflow_graph_free(g);
	model_free(&md);
}
END_TEST

/* A borrowed key keeps its address and bytes while 100,000 activities
 * are added (one by one and in batches), others removed, one at a time
 * and in bulk; under ASan or valgrind a dangling key would be caught. */
START_TEST(borrowed_keys_stay)
{
	opflow_graph *g = tu_graph();
	const char *first, *mid, *col[3];
	char *keys = malloc(50000 * 16);
	size_t off = 0, count;
	opflow_id id, ids[3] = { 0, 1, 2 };

	ck_assert(keys);
	tu_add(g, "first-key", OPFLOW_CATEGORY_OTHER);
	tu_add(g, "middle-key", OPFLOW_CATEGORY_OTHER);
	TU_OK(opflow_graph_activity_key(&first, g, 0));
	TU_OK(opflow_graph_activity_key(&mid, g, 1));
	TU_OK(opflow_graph_activity_columns(&count, 2, g, col, NULL, NULL,
	                                    NULL, NULL, NULL, NULL, NULL, NULL,
	                                    NULL));
	for (size_t i = 0; i < 50000; i++) {
		char k[16];

		snprintf(k, sizeof k, "one-%zu", i);
		tu_add(g, k, OPFLOW_CATEGORY_MANUFACTURING);
		off += (size_t)sprintf(keys + off, "bulk-%zu", i) + 1;
	}
	TU_OK(opflow_graph_add_activities(&id, g, 50000, keys, off, NULL, NULL,
	                                  NULL));
	ck_assert_uint_eq(opflow_graph_activity_count(g), 100002);
	ck_assert_str_eq(first, "first-key");
	ck_assert_str_eq(mid, "middle-key");
	ck_assert_ptr_eq(col[0], first);
	/* removing others, before and after them, moves neither */
	TU_OK(opflow_graph_remove_activity(g, 2));
	ids[0] = 100000;
	ids[1] = 5;
	ids[2] = 70000;
	TU_OK(opflow_graph_remove_activities(g, ids, 3));
	ck_assert_str_eq(first, "first-key");
	ck_assert_str_eq(mid, "middle-key");
	TU_OK(opflow_graph_activity_key(&col[2], g, 1));
	ck_assert_ptr_eq(col[2], mid);
	/* a failed bulk add (a duplicate at its end) moves nothing either */
	memcpy(keys, "zz\0first-key", 13);
	TU_FAILS(g, opflow_graph_add_activities(&id, g, 2, keys, 13, NULL,
	         NULL, NULL), OPFLOW_EEXISTS, "first-key");
	ck_assert_str_eq(first, "first-key");
	TU_OK(opflow_graph_remove_activity(g, 0));
	ck_assert_str_eq(mid, "middle-key");
	TU_OK(opflow_graph_find_activity(&id, g, "middle-key"));
	ck_assert_uint_eq(id, 0);
	free(keys);
	opflow_graph_free(g);
}
END_TEST

/* The bytes of removed keys are given back: after every activity is
 * removed, the graph holds no more blocks than it did with one. */
START_TEST(removed_keys_are_freed)
{
	opflow_graph *g;
	size_t with_one, ids_n = 20000;
	opflow_id *ids = malloc(ids_n * sizeof *ids);

	ck_assert(ids);
	ck_assert_int_eq(tu_alloc_install(), 0);
	g = tu_graph();
	tu_add(g, "the-first-of-many-keys", OPFLOW_CATEGORY_OTHER);
	with_one = tu_alloc_live();
	for (size_t i = 1; i < ids_n; i++) {
		char k[40];

		snprintf(k, sizeof k, "a-rather-long-key-number-%zu", i);
		tu_add(g, k, OPFLOW_CATEGORY_OTHER);
	}
	/* some 600 kB of keys: more than one chunk */
	ck_assert_uint_gt(tu_alloc_live(), with_one + 5);
	for (size_t i = 0; i < ids_n; i++)
		ids[i] = (opflow_id)(ids_n - 1 - i);
	TU_OK(opflow_graph_remove_activities(g, ids, ids_n));
	ck_assert_uint_eq(opflow_graph_activity_count(g), 0);
	ck_assert_uint_le(tu_alloc_live(), with_one);
	tu_add(g, "again", OPFLOW_CATEGORY_OTHER);
	ck_assert_uint_le(tu_alloc_live(), with_one);
	/* a batch of 150 kB, too large for the emptied chunk, gets a chunk
	 * of its own, and the emptied one is freed, not left behind */
	TU_OK(opflow_graph_remove_activities(g, ids + ids_n - 1, 1));
	{
		size_t off = 0;
		char *keys = malloc(10000 * 16);
		opflow_id first;

		ck_assert(keys);
		for (size_t i = 0; i < 10000; i++)
			off += (size_t)sprintf(keys + off, "batch-key-%zu", i) + 1;
		ck_assert_uint_gt(off, 65536);
		TU_OK(opflow_graph_add_activities(&first, g, 10000, keys, off,
		                                  NULL, NULL, NULL));
		free(keys);
	}
	ck_assert_uint_le(tu_alloc_live(), with_one);
	opflow_graph_free(g);
	ck_assert_uint_eq(tu_alloc_live(), 0);
	ck_assert_int_eq(tu_alloc_uninstall(), 0);
	free(ids);
}
END_TEST

/* Keys of one length and hash buckets shared: the hash, then the length,
 * then the bytes tell them apart. */
START_TEST(lookups_tell_keys_apart)
{
	static const char *const keys[] = {
		"a", "ab", "abc", "abd", "abcd", "b", "ba", "bab", "\xC3\xA9",
		"e\xCC\x81", "A", "aB",
	};
	opflow_graph *g = tu_graph();
	size_t n = sizeof keys / sizeof *keys;
	opflow_id id;

	for (size_t i = 0; i < n; i++)
		tu_add(g, keys[i], OPFLOW_CATEGORY_OTHER);
	for (size_t i = 0; i < n; i++) {
		TU_OK(opflow_graph_find_activity(&id, g, keys[i]));
		ck_assert_uint_eq(id, i);
	}
	ck_assert_int_eq(opflow_graph_find_activity(&id, g, "abce"),
	                 OPFLOW_ENOTFOUND);
	ck_assert_int_eq(opflow_graph_find_activity(&id, g, "aa"),
	                 OPFLOW_ENOTFOUND);
	opflow_graph_free(g);
}
END_TEST

/* Appends key to the block at *len (its NUL included). */
static void put_key(char *block, size_t *len, const char *key)
{
	size_t k = strlen(key) + 1;

	memcpy(block + *len, key, k);
	*len += k;
}

#define SENTINEL 0xA5A5A5A5u

/* Activities removed from a random graph, so that the ids of the others
 * moved: a block of 1000 keys (the survivors in random order, repeated)
 * gives the ids the test works out from the removals, across the batches
 * of the lookup; a removed key in the block fails at its place, with the
 * ids before it written and the rest of out left alone. */
START_TEST(find_activities_as_the_model)
{
	struct model md;
	opflow_graph *g = random_graph(&md, 500, 31);
	size_t live[500], nlive = 0, len = 0, failed;
	opflow_id removed[50], want[1000], out[1000];
	unsigned char gone[500] = { 0 };
	char *block = malloc(1000 * 16);

	ck_assert(block != NULL);
	for (size_t i = 0; i < 50; i++) {
		removed[i] = (opflow_id)(i * 10 + 3);   /* 3, 13, ..., 493 */
		gone[removed[i]] = 1;
	}
	TU_OK(opflow_graph_remove_activities(g, removed, 50));
	/* activity i now has id i - (removed ids below i) */
	for (size_t i = 0; i < 500; i++)
		if (!gone[i])
			live[nlive++] = i;
	ck_assert_uint_eq(nlive, 450);
	for (size_t r = 0; r < 1000; r++) {
		size_t i = live[rnd(450)];

		put_key(block, &len, md.keys[i]);
		want[r] = (opflow_id)(i - (i + 7) / 10);
	}
	for (size_t r = 0; r < 1000; r++)
		out[r] = SENTINEL;
	TU_OK(opflow_graph_find_activities(out, &failed, g, 1000, block, len));
	ck_assert_uint_eq(failed, 1000);
	for (size_t r = 0; r < 1000; r++)
		ck_assert_uint_eq(out[r], want[r]);
	/* a removed key at place 130 (the third batch of 64) */
	len = 0;
	for (size_t r = 0; r < 200; r++) {
		size_t i = r == 130 ? 13 : live[(r * 7) % 450];

		put_key(block, &len, md.keys[i]);
		out[r] = SENTINEL;
	}
	TU_FAILS(g, opflow_graph_find_activities(out, &failed, g, 200, block,
	                                         len),
	         OPFLOW_ENOTFOUND, "opflow_graph_find_activities: key 130: ",
	         md.keys[13]);
	ck_assert_uint_eq(failed, 130);
	for (size_t r = 0; r < 200; r++) {
		size_t i = live[(r * 7) % 450];

		if (r < 130)
			ck_assert_uint_eq(out[r], i - (i + 7) / 10);
		else
			ck_assert_uint_eq(out[r], SENTINEL);
	}
	free(block);
	opflow_graph_free(g);
	model_free(&md);
}
END_TEST

/* Blocks of the wrong shape write nothing; a key that is not valid fails
 * at its place with what opflow_graph_find_activity says of it. */
START_TEST(find_activities_refusals)
{
	opflow_graph *g = tu_graph();
	opflow_id out[4] = { SENTINEL, SENTINEL, SENTINEL, SENTINEL };
	size_t failed = 99;
	char big[OPFLOW_KEY_MAX + 8];
	char block[OPFLOW_KEY_MAX + 16];

	tu_add(g, "a", OPFLOW_CATEGORY_OTHER);
	tu_add(g, "b", OPFLOW_CATEGORY_OTHER);
	/* shapes: too few keys, a key not ended, bytes left over */
	TU_FAILS(g, opflow_graph_find_activities(out, &failed, g, 3, "a\0b",
	                                         4),
	         OPFLOW_EINVAL, "fewer than 3 keys in 4 bytes");
	ck_assert_uint_eq(failed, 3);
	TU_FAILS(g, opflow_graph_find_activities(out, &failed, g, 2, "a\0b",
	                                         3),
	         OPFLOW_EINVAL, "key 1 is not NUL-terminated");
	TU_FAILS(g, opflow_graph_find_activities(out, &failed, g, 1, "a\0b",
	                                         4),
	         OPFLOW_EINVAL, "1 keys take 2 bytes, but keys_size is 4");
	ck_assert_uint_eq(failed, 1);
	for (size_t i = 0; i < 4; i++)
		ck_assert_uint_eq(out[i], SENTINEL);
	/* arguments */
	TU_FAILS(g, opflow_graph_find_activities(NULL, &failed, g, 1, "a", 2),
	         OPFLOW_EINVAL, "out");
	TU_FAILS(g, opflow_graph_find_activities(out, &failed, g, 1, NULL, 2),
	         OPFLOW_EINVAL, "keys");
	TU_FAILS(NULL, opflow_graph_find_activities(out, &failed, NULL, 1, "a",
	                                            2),
	         OPFLOW_EINVAL, "graph");
	TU_OK(opflow_graph_find_activities(NULL, &failed, g, 0, NULL, 0));
	ck_assert_uint_eq(failed, 0);
	TU_OK(opflow_graph_find_activities(out, NULL, g, 2, "b\0a", 4));
	ck_assert_uint_eq(out[0], 1);
	ck_assert_uint_eq(out[1], 0);
	/* keys that are not valid, after keys that are found */
	out[0] = out[1] = SENTINEL;
	TU_FAILS(g, opflow_graph_find_activities(out, &failed, g, 3,
	                                         "b\0\0a", 5),
	         OPFLOW_EINVAL, "key 1: ", "activity key", "empty");
	ck_assert_uint_eq(failed, 1);
	ck_assert_uint_eq(out[0], 1);
	ck_assert_uint_eq(out[1], SENTINEL);
	TU_FAILS(g, opflow_graph_find_activities(out, &failed, g, 2,
	                                         "a\0\xff", 4),
	         OPFLOW_EINVAL, "key 1: ", "UTF-8");
	ck_assert_uint_eq(failed, 1);
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	memcpy(block, "a", 2);
	memcpy(block + 2, big, sizeof big);
	TU_FAILS(g, opflow_graph_find_activities(out, &failed, g, 2, block,
	                                         2 + sizeof big),
	         OPFLOW_ERANGE, "key 1: ");
	ck_assert_uint_eq(failed, 1);
	/* the code of each is the one the single lookup gives */
	ck_assert_int_eq(opflow_graph_find_activity(out, g, ""), OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_graph_find_activity(out, g, "\xff"),
	                 OPFLOW_EINVAL);
	ck_assert_int_eq(opflow_graph_find_activity(out, g, big),
	                 OPFLOW_ERANGE);
	opflow_graph_free(g);
}
END_TEST

static Suite *bulk_suite(void)
{
	Suite *s = suite_create("bulk");
	TCase *tc = tcase_create("bulk");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, remove_activities_as_one_by_one);
	tcase_add_test(tc, remove_flows_as_one_by_one);
	tcase_add_test(tc, bulk_removal_refusals);
	tcase_add_test(tc, activity_columns_as_accessors);
	tcase_add_test(tc, flow_columns_as_accessors);
	tcase_add_test(tc, borrowed_keys_stay);
	tcase_add_test(tc, removed_keys_are_freed);
	tcase_add_test(tc, lookups_tell_keys_apart);
	tcase_add_test(tc, find_activities_as_the_model);
	tcase_add_test(tc, find_activities_refusals);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(bulk_suite());
}
