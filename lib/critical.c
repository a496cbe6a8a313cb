/*
 * critical.c - the critical structure of an analysis: the chains of
 * critical activities joined by driving flows, the tight flows among
 * critical activities, and the enumeration of every critical path.
 */
#include "config.h"

#include "internal.h"

#include <string.h>

/* The bits of a double turned so that they order as the doubles do
 * (a negative early start is an actual start before 0). */
static uint64_t order_bits(uint64_t bits)
{
	return bits >> 63 ? ~bits : bits | (uint64_t)1 << 63;
}

/* Sorts the c ids stably by key[id], 8 bits at a time: linear time.  The
 * keys are read once, into bits[], with the counts of every digit; a
 * digit all keys share is skipped; bits2[] and tmp[] hold c entries. */
static void radix_sort(uint32_t *ids, uint32_t *tmp, size_t c,
                       const double *key, uint64_t *bits, uint64_t *bits2)
{
	uint32_t count[8][256];     /* c <= n < 2^32 */
	uint32_t *from = ids, *to = tmp;

	if (c < 2)
		return;
	memset(count, 0, sizeof count);
	for (size_t i = 0; i < c; i++) {
		uint64_t b;

		memcpy(&b, &key[ids[i]], sizeof b);
		bits[i] = b = order_bits(b);
		for (int d = 0; d < 8; d++)
			count[d][b >> 8 * d & 0xFF]++;
	}
	for (int d = 0; d < 8; d++) {
		uint32_t sum = 0, *cnt = count[d];
		uint64_t *t;
		uint32_t *u;

		if (cnt[bits[0] >> 8 * d & 0xFF] == c)
			continue;
		for (int b = 0; b < 256; b++) {
			uint32_t x = cnt[b];

			cnt[b] = sum;
			sum += x;
		}
		for (size_t i = 0; i < c; i++) {
			size_t j = cnt[bits[i] >> 8 * d & 0xFF]++;

			to[j] = from[i];
			bits2[j] = bits[i];
		}
		u = from, from = to, to = u;
		t = bits, bits = bits2, bits2 = t;
	}
	if (from != ids)
		memcpy(ids, from, c * sizeof *ids);
}

/* Whether in-row entry e of position k is a tight flow from a critical
 * activity not seen yet for this target (parallel flows count once). */
static int tight_pair(const struct opflow__work *w, uint32_t *seen, uint32_t e,
                      uint32_t k, double tol)
{
	const struct opflow__layout *L = w->L;
	uint32_t u = L->in_src[e];

	if (!(w->mark[u] & OPFLOW__MARK_CRIT) || seen[u] == k)
		return 0;
	if ((w->d_slack ? w->d_slack[e]
	     : w->progress ? opflow__progress_slack(w, e, k)
	     : opflow__slack(opflow__in_type(L, e), w->es[u], w->dur[u],
	                     opflow__in_lag(L, e), w->es[k], w->dur[k])) > tol)
		return 0;
	seen[u] = k;
	return 1;
}

/* The critical chains (the forest of driving flows among critical
 * activities, children ordered by early start then id) and the number of
 * leaves, tight flows among critical activities, and path roots. */
void opflow__critical_count(opflow_analysis *a, struct opflow__work *w,
                            double tol)
{
	const struct opflow__layout *L = w->L;
	size_t n = a->n, c = 0;
	uint32_t *parent = a->chain_parent;

	/* critical positions in id order, then stably by early start */
	for (size_t i = 0; i < n; i++)
		if (a->flags[a->pos[i]] & OPFLOW__CRIT)
			w->sorted[c++] = a->pos[i];
	if (c)
		memcpy(w->crit_by_id, w->sorted, c * sizeof *w->sorted);
	/* the working keys in aux (free by now) and in first_child and
	 * next_sib (8-aligned, filled only after) */
	radix_sort(w->sorted, w->tmp, c, a->es, (uint64_t *)(void *)w->aux,
	           (uint64_t *)(void *)w->first_child);
	w->critical = c;

	/* each critical activity hangs from its driving source; what the
	 * chains hold of the others is never read */
	if (n)
		memset(parent, 0xFF, n * sizeof *parent);
	for (size_t i = 0; i < c; i++) {
		uint32_t k = w->crit_by_id[i], s = a->drive_src[k];

		w->first_child[k] = w->next_sib[k] = OPFLOW_NONE;
		a->chain_depth[k] = 0;
		if (s != OPFLOW_NONE && (a->flags[s = a->pos[s]] & OPFLOW__CRIT))
			parent[k] = s;
	}
	w->root_head = OPFLOW_NONE;
	for (size_t i = c; i-- > 0;) {
		uint32_t v = w->sorted[i];

		if (parent[v] == OPFLOW_NONE) {
			w->next_sib[v] = w->root_head;
			w->root_head = v;
		} else {
			w->next_sib[v] = w->first_child[parent[v]];
			w->first_child[parent[v]] = v;
		}
	}
	/* the tight pairs, found once: a bit by in-row entry */
	w->leaves = w->tight = w->roots = 0;
	memset(w->seen, 0xFF, n * sizeof *w->seen);
	memset(w->tight_bits, 0, TIGHT_WORDS(L->m) * sizeof *w->tight_bits);
	for (size_t i = 0; i < c; i++) {
		uint32_t k = w->sorted[i], in_tight = 0;

		w->leaves += w->first_child[k] == OPFLOW_NONE;
		for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1]; e++)
			if (tight_pair(w, w->seen, e, k, tol)) {
				w->tight_bits[e / 64] |= (uint64_t)1 << e % 64;
				w->tight++, in_tight = 1;
			}
		w->roots += !in_tight;
	}
}

/* Whether in-row entry e is a tight pair (opflow__critical_count). */
static int tight(const struct opflow__work *w, uint32_t e)
{
	return (int)(w->tight_bits[e / 64] >> e % 64 & 1);
}

/* Fills the chain leaves, the tight rows and the path roots into the
 * room reserved in a. */
void opflow__critical_fill(opflow_analysis *a, struct opflow__work *w)
{
	const struct opflow__layout *L = w->L;
	size_t n = a->n, c = w->critical;
	const uint32_t *parent = a->chain_parent, *sorted = w->sorted;
	uint32_t v;

	/* leaves in depth-first order */
	v = w->root_head;
	while (v != OPFLOW_NONE) {
		if (parent[v] != OPFLOW_NONE)
			a->chain_depth[v] = a->chain_depth[parent[v]] + 1;
		if (w->first_child[v] != OPFLOW_NONE) {
			v = w->first_child[v];
			continue;
		}
		a->chain_leaf[a->chains++] = v;
		while (v != OPFLOW_NONE && w->next_sib[v] == OPFLOW_NONE)
			v = parent[v];
		if (v != OPFLOW_NONE)
			v = w->next_sib[v];
	}

	/* tight rows by source position; filling them in sorted order of
	 * the targets keeps each row in (early start, id) order */
	memset(a->tight_off, 0, (n + 1) * sizeof *a->tight_off);
	for (size_t i = 0; i < c; i++) {
		uint32_t k = sorted[i], in_tight = 0;

		for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1]; e++)
			if (tight(w, e))
				a->tight_off[L->in_src[e] + 1]++, in_tight = 1;
		if (!in_tight)
			a->path_root[a->path_roots++] = k;
	}
	for (size_t i = 0; i < n; i++)
		a->tight_off[i + 1] += a->tight_off[i];
	memcpy(w->tmp, a->tight_off, n * sizeof *w->tmp);
	for (size_t i = 0; i < c; i++) {
		uint32_t k = sorted[i];

		for (uint32_t e = L->in_off[k]; e < L->in_off[k + 1]; e++)
			if (tight(w, e))
				a->tight_dst[w->tmp[L->in_src[e]]++] = k;
	}
	a->critical = c;
}

size_t opflow_analysis_chain_count(const opflow_analysis *a)
{
	return a ? a->chains : 0;
}

int opflow_analysis_chain(size_t *out_length, opflow_id *ids, size_t capacity,
                          const opflow_analysis *a, size_t chain)
{
	static const char fn[] = "opflow_analysis_chain";
	uint32_t v;
	size_t len;

	if (!out_length)
		return opflow__null_arg(fn, "out_length");
	if (capacity && !ids)
		return opflow__null_arg(fn, "ids");
	if (!a)
		return opflow__null_arg(fn, "analysis");
	if (chain >= a->chains)
		return opflow__error(OPFLOW_ENOTFOUND,
		    "%s: no chain %zu (the analysis has %zu)", fn, chain,
		    a->chains);
	v = a->chain_leaf[chain];
	len = (size_t)a->chain_depth[v] + 1;
	*out_length = len;
	/* walk up from the leaf, filling from the end */
	for (size_t i = len; i-- > 0; v = a->chain_parent[v])
		if (i < capacity)
			ids[i] = a->order[v];
	return 0;
}

int opflow_analysis_critical_paths(size_t *out_count, int *out_more,
                                   const opflow_analysis *a, size_t max_paths,
                                   opflow_path_cb callback, void *payload)
{
	static const char fn[] = "opflow_analysis_critical_paths";
	uint32_t *path, *cursor, *ids;
	size_t depth = 0, delivered = 0, root = 0, room;
	int rc = 0, more = 0;

	if (!out_count)
		return opflow__null_arg(fn, "out_count");
	if (!a)
		return opflow__null_arg(fn, "analysis");
	if (!callback)
		return opflow__null_arg(fn, "callback");
	/* positions on the path, their cursors, and the ids the callback
	 * sees */
	room = a->critical ? a->critical : 1;
	path = opflow__malloc(opflow__mul(3 * room, sizeof *path));
	if (!path)
		return opflow__nomem();
	cursor = path + room;
	ids = cursor + room;
	/* Depth-first over tight flows.  Every branch ends in a path, so
	 * the next path costs no more than its own length, and a branch not
	 * taken when the cap is reached proves there are more. */
	for (;;) {
		uint32_t v;

		if (depth == 0) {
			if (root == a->path_roots)
				break;
			if (delivered == max_paths) {
				more = 1;
				break;
			}
			v = a->path_root[root++];
		} else {
			uint32_t u = path[depth - 1];

			if (cursor[depth - 1] == a->tight_off[u + 1]) {
				depth--;
				continue;
			}
			if (delivered == max_paths) {
				more = 1;
				break;
			}
			v = a->tight_dst[cursor[depth - 1]++];
		}
		path[depth] = v;
		ids[depth] = a->order[v];
		cursor[depth] = a->tight_off[v];
		depth++;
		if (a->tight_off[v] == a->tight_off[v + 1]) {
			delivered++;
			if ((rc = callback(ids, depth, payload)))
				break;
			depth--;
		}
	}
	opflow__free(path);
	*out_count = delivered;
	if (out_more)
		*out_more = more;
	return rc;
}
