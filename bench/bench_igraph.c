/*
 * bench_igraph.c - the igraph baseline of `make bench`: what a C program
 * built on igraph does with the value chain bench_analysis generated
 * (read from the data file described in bench_data.h).
 *
 *   build     the flow arrays copied into an igraph_vector_int_t edge
 *             list (igraph's own integer type), igraph_create (directed)
 *   analysis  igraph_topological_sorting, the out-adjacency lists
 *             (igraph_adjlist_init, igraph's way to walk neighbours
 *             quickly), then the forward pass (early starts pushed along
 *             out-edges in topological order) and the backward pass (late
 *             finishes pulled from out-edges in reverse order),
 *             finish-to-start flows without lags
 *
 * Each of REPETITIONS runs does both from scratch; the program prints the
 * line bench_data.h describes.  Built by bench/local.mk with -O3
 * -march=native and `pkg-config --cflags --libs igraph` when igraph's
 * pkg-config file is there.
 *
 * Usage: bench_igraph DATAFILE REPETITIONS
 */
#include "bench_data.h"

#include <igraph.h>

static void fail(const char *what, igraph_error_t rc)
{
	fprintf(stderr, "bench_igraph: %s: %s\n", what, igraph_strerror(rc));
	exit(1);
}

static double analyse(const igraph_t *g, const double *dur)
{
	igraph_integer_t n = igraph_vcount(g);
	igraph_vector_int_t order;
	igraph_adjlist_t out;
	igraph_error_t rc;
	double *es, *lf, T = 0;

	if ((rc = igraph_vector_int_init(&order, 0)))
		fail("igraph_vector_int_init", rc);
	if ((rc = igraph_topological_sorting(g, &order, IGRAPH_OUT)))
		fail("igraph_topological_sorting", rc);
	if (igraph_vector_int_size(&order) != n) {
		fprintf(stderr, "bench_igraph: the graph has a cycle\n");
		exit(1);
	}
	if ((rc = igraph_adjlist_init(g, &out, IGRAPH_OUT, IGRAPH_LOOPS_ONCE,
	                              IGRAPH_MULTIPLE)))
		fail("igraph_adjlist_init", rc);
	es = calloc((size_t)n + 1, sizeof *es);
	lf = malloc(((size_t)n + 1) * sizeof *lf);
	if (!es || !lf) {
		fprintf(stderr, "bench_igraph: out of memory\n");
		exit(1);
	}
	for (igraph_integer_t k = 0; k < n; k++) {
		igraph_integer_t v = VECTOR(order)[k];
		igraph_vector_int_t *succ = igraph_adjlist_get(&out, v);
		igraph_integer_t deg = igraph_vector_int_size(succ);
		double ef = es[v] + dur[v];

		if (ef > T)
			T = ef;
		for (igraph_integer_t j = 0; j < deg; j++) {
			igraph_integer_t w = VECTOR(*succ)[j];

			if (ef > es[w])
				es[w] = ef;
		}
	}
	for (igraph_integer_t k = n; k-- > 0;) {
		igraph_integer_t v = VECTOR(order)[k];
		igraph_vector_int_t *succ = igraph_adjlist_get(&out, v);
		igraph_integer_t deg = igraph_vector_int_size(succ);
		double f = T;

		for (igraph_integer_t j = 0; j < deg; j++) {
			igraph_integer_t w = VECTOR(*succ)[j];
			double x = lf[w] - dur[w];

			if (x < f)
				f = x;
		}
		lf[v] = f;
	}
	free(es);
	free(lf);
	igraph_adjlist_destroy(&out);
	igraph_vector_int_destroy(&order);
	return T;
}

int main(int argc, char **argv)
{
	struct bench_data d;
	double *bt, *at, lead = 0;
	int reps;

	if (argc != 3 || (reps = bench_reps(argv[2])) < 0) {
		fprintf(stderr, "usage: bench_igraph DATAFILE REPETITIONS\n");
		return 2;
	}
	igraph_set_error_handler(igraph_error_handler_printignore);
	if (bench_data_read(&d, argv[1]))
		return 1;
	bt = malloc((size_t)reps * sizeof *bt);
	at = malloc((size_t)reps * sizeof *at);
	if (!bt || !at) {
		fprintf(stderr, "bench_igraph: out of memory\n");
		return 1;
	}
	for (int r = 0; r < reps; r++) {
		double t0 = bench_now(), t1, t2, T;
		igraph_vector_int_t edges;
		igraph_t g;
		igraph_error_t rc;

		if ((rc = igraph_vector_int_init(&edges,
		                                 2 * (igraph_integer_t)d.m)))
			fail("igraph_vector_int_init", rc);
		for (uint64_t f = 0; f < d.m; f++) {
			VECTOR(edges)[2 * f] = d.src[f];
			VECTOR(edges)[2 * f + 1] = d.dst[f];
		}
		if ((rc = igraph_create(&g, &edges, (igraph_integer_t)d.n,
		                        IGRAPH_DIRECTED)))
			fail("igraph_create", rc);
		t1 = bench_now();
		T = analyse(&g, d.dur);
		t2 = bench_now();
		igraph_destroy(&g);
		igraph_vector_int_destroy(&edges);
		bt[r] = t1 - t0;
		at[r] = t2 - t1;
		if (r && T != lead) {
			fprintf(stderr, "bench_igraph: lead time changed between "
			        "runs\n");
			return 1;
		}
		lead = T;
	}
	bench_report(bt, at, reps, lead);
	free(bt);
	free(at);
	bench_data_free(&d);
	return 0;
}
