/*
 * bench_bgl.cpp - the Boost Graph Library baseline of `make bench`: what a
 * C++ program built on BGL does with the value chain bench_analysis
 * generated (read from the data file described in bench_data.h).
 *
 *   build     boost::compressed_sparse_row_graph (32-bit vertex and edge
 *             indices, out-edges only) constructed from the two flow
 *             arrays in their shuffled order (edges_are_unsorted_multi_pass)
 *   analysis  boost::topological_sort, then the forward pass (early
 *             starts pushed along out-edges in topological order) and the
 *             backward pass (late finishes pulled from out-edges in reverse
 *             order), finish-to-start flows without lags
 *
 * Each of REPETITIONS runs does both from scratch; the program prints the
 * line bench_data.h describes.  Built by bench/local.mk with $(CXX) -O3
 * -march=native when the Boost.Graph headers are there.
 *
 * Usage: bench_bgl DATAFILE REPETITIONS
 */
#include "bench_data.h"

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/topological_sort.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/transform_iterator.hpp>

#include <iterator>
#include <utility>
#include <vector>

typedef boost::compressed_sparse_row_graph<boost::directedS,
        boost::no_property, boost::no_property, boost::no_property,
        uint32_t, uint32_t> graph_t;
typedef boost::graph_traits<graph_t>::vertex_descriptor vertex_t;

struct edge_at {
	typedef std::pair<uint32_t, uint32_t> result_type;
	const uint32_t *src, *dst;
	result_type operator()(size_t f) const
	{
		return result_type(src[f], dst[f]);
	}
};

static double analyse(const graph_t &g, const double *dur, size_t n)
{
	std::vector<vertex_t> rev;
	std::vector<double> es(n, 0.0), lf(n);
	double T = 0;

	rev.reserve(n);
	boost::topological_sort(g, std::back_inserter(rev));
	for (size_t k = n; k-- > 0;) {
		vertex_t v = rev[k];
		double ef = es[v] + dur[v];

		if (ef > T)
			T = ef;
		boost::graph_traits<graph_t>::out_edge_iterator e, end;
		for (boost::tie(e, end) = out_edges(v, g); e != end; ++e) {
			vertex_t w = target(*e, g);

			if (ef > es[w])
				es[w] = ef;
		}
	}
	for (size_t k = 0; k < n; k++) {
		vertex_t v = rev[k];
		double f = T;

		boost::graph_traits<graph_t>::out_edge_iterator e, end;
		for (boost::tie(e, end) = out_edges(v, g); e != end; ++e) {
			vertex_t w = target(*e, g);
			double x = lf[w] - dur[w];

			if (x < f)
				f = x;
		}
		lf[v] = f;
	}
	return T;
}

int main(int argc, char **argv)
{
	struct bench_data d;
	int reps;
	double lead = 0;

	if (argc != 3 || (reps = bench_reps(argv[2])) < 0) {
		fprintf(stderr, "usage: bench_bgl DATAFILE REPETITIONS\n");
		return 2;
	}
	if (bench_data_read(&d, argv[1]))
		return 1;
	std::vector<double> bt(reps), at(reps);
	edge_at ea = { d.src, d.dst };
	for (int r = 0; r < reps; r++) {
		double t0 = bench_now(), t1, t2, T;
		{
			graph_t g(boost::edges_are_unsorted_multi_pass,
			    boost::make_transform_iterator(
			        boost::counting_iterator<size_t>(0), ea),
			    boost::make_transform_iterator(
			        boost::counting_iterator<size_t>(d.m), ea),
			    (uint32_t)d.n);

			t1 = bench_now();
			T = analyse(g, d.dur, d.n);
			t2 = bench_now();
		}
		bt[r] = t1 - t0;
		at[r] = t2 - t1;
		if (r && T != lead) {
			fprintf(stderr, "bench_bgl: lead time changed between "
			        "runs\n");
			return 1;
		}
		lead = T;
	}
	bench_report(bt.data(), at.data(), reps, lead);
	bench_data_free(&d);
	return 0;
}
