/*
 * department.c - the graph's departments: interned keys with dense ids in
 * first-use order and an optional display name.
 */
#include "config.h"

#include "internal.h"

#include <string.h>

static int about_department(const opflow_graph *g, uint32_t d, int rc)
{
	return opflow__error(rc, "department %k: %m", g->depts[d].key);
}

int opflow__dept_prepare(opflow_graph *g, struct opflow__dept_plan *plan,
                         const char *key, size_t len)
{
	uint32_t h = opflow__hash(key, len);
	int rc;

	plan->key = NULL;
	plan->id = opflow__find_dept(g, key, len, h);
	if (plan->id != OPFLOW_NONE)
		return 0;
	if (g->nd >= OPFLOW_NONE)
		return opflow__error(OPFLOW_ERANGE,
		    "a graph holds at most %u departments", (unsigned)OPFLOW_NONE);
	if ((rc = opflow__grow((void **)&g->depts, &g->depts_cap, g->nd + 1,
	                       sizeof *g->depts)) ||
	    (rc = opflow__index_reserve(&g->dept_index, g->nd + 1, g->nd, opflow__hash_dept, g)))
		return rc;
	plan->key = opflow__copy_text(key, len);
	if (!plan->key)
		return opflow__nomem();
	plan->len = len;
	plan->hash = h;
	return 0;
}

uint32_t opflow__dept_commit(opflow_graph *g, struct opflow__dept_plan *plan)
{
	struct opflow__department *d;

	if (!plan->key)
		return plan->id;
	d = &g->depts[g->nd];
	d->key = plan->key;
	d->name = NULL;
	d->key_len = (uint32_t)plan->len;
	d->hash = plan->hash;
	opflow__index_put(&g->dept_index, d->hash, (uint32_t)g->nd);
	plan->key = NULL;
	return (uint32_t)g->nd++;
}

int opflow_graph_intern_department(opflow_id *out, opflow_graph *g,
                                   const char *key)
{
	struct opflow__dept_plan plan;
	size_t len;
	int rc;

	if (!out)
		return opflow__null_arg("opflow_graph_intern_department", "out");
	if (!g)
		return opflow__null_arg("opflow_graph_intern_department", "graph");
	if ((rc = opflow__check_key("department key", key, &len)))
		return rc;
	if ((rc = opflow__dept_prepare(g, &plan, key, len)))
		return rc;
	if (plan.key)
		opflow__changed(g);
	*out = opflow__dept_commit(g, &plan);
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
	id = opflow__find_dept(g, key, len, opflow__hash(key, len));
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
	if ((rc = opflow__check_dept_id(g, d, "opflow_graph_department_key")))
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
	if ((rc = opflow__check_dept_id(g, d, "opflow_graph_department_name")))
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

	if ((rc = opflow__check_dept_id(g, d, "opflow_graph_set_department_name")))
		return rc;
	if ((rc = opflow__check_text("display name", name, &len)))
		return about_department(g, d, rc);
	if (len && !(copy = opflow__copy_text(name, len)))
		return opflow__nomem();
	opflow__free(g->depts[d].name);
	g->depts[d].name = copy;
	opflow__changed(g);
	return 0;
}

int opflow_graph_remove_department(opflow_graph *g, opflow_id d)
{
	int rc;

	if ((rc = opflow__check_dept_id(g, d, "opflow_graph_remove_department")))
		return rc;
	for (size_t i = 0; i < g->n; i++) {
		uint32_t *ad = &g->acts[i].department;

		if (*ad == d)
			*ad = OPFLOW_NONE;
		else if (*ad != OPFLOW_NONE && *ad > d)
			(*ad)--;
	}
	opflow__cal_department_removed(g, d);
	opflow__free(g->depts[d].key);
	opflow__free(g->depts[d].name);
	memmove(&g->depts[d], &g->depts[d + 1],
	        (g->nd - d - 1) * sizeof *g->depts);
	g->nd--;
	opflow__index_fill(&g->dept_index, g->nd, opflow__hash_dept, g);
	/* the activities' departments were renumbered */
	opflow__activity_changed(g, OPFLOW_NONE);
	return 0;
}

