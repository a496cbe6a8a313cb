"""bench_python.py - `make bench-python`: the Python bindings of libopflow
timed on the value chain of 10^5 activities that bench_analysis generates
(the same graph as its table of that size), next to networkx.

The graph comes from ``bench_analysis --export N FILE R``, which writes it
to a data file (format in bench_data.h) and times the C baseline "limit"
(arrays -> compressed rows -> Kahn's order -> both passes, -O3
-march=native) and "limit-topo" (the passes alone over rows in topological
order) R times on it in its own process; their medians are the
denominators of the ratios of the first and of a repeated g.analyze(), and
limit's lead time the one every analysis here must give exactly (integer
durations), or the program stops with status 1.

Timed here, each the minimum and median of R runs of the CPU time of this
process (time.process_time: user + system, which other work on a shared
machine hardly disturbs; with BENCH_CLOCK=wall in the environment, the
wall clock, time.perf_counter), with items per second from the median:

  per-call build     Graph(); add_activity(key, duration=d) per activity,
                     add_flow(source key, target key) per flow
  networkx build     nx.DiGraph(); add_node(key, duration=d) per activity,
                     add_edge(source key, target key) per flow
  networkx CPM       nx.topological_sort and both passes in Python over
                     the DiGraph (its lead time is checked too)
  bulk, numpy ids    add_activities(keys, durations=numpy float64 array),
                     add_flows(numpy uint32 ids, numpy uint32 ids)
  bulk, array ids    the same from array.array("d") and array.array("I")
  bulk, keys         add_activities as above, add_flows(list of source
                     keys, list of target keys)
  first analyze      g.analyze() of a freshly bulk-built graph
  repeated analyze   g.analyze() again on the same graph
  list(g.flows)      every flow as an opflow.Flow record
  columns            analysis.column(name) for every name in
                     opflow.COLUMNS
  list(analysis)     every activity's ActivityResult record

networkx rows are skipped, with a note, when this interpreter cannot import
networkx, and the numpy row when it cannot import numpy.  The package and
the library are found through PYTHONPATH and OPFLOW_LIBRARY, which `make
bench-python` sets to the source tree's bindings/python and the built
library.

Usage: bench_python.py --helper PATH [--size N] [--reps R] [--scratch DIR]
"""
import argparse
import array
import os
import statistics
import subprocess
import sys
import time

import opflow

try:
    import networkx
except ImportError as e:
    networkx = None
    NETWORKX_WHY = str(e)
try:
    import numpy
except ImportError as e:
    numpy = None
    NUMPY_WHY = str(e)


def fail(message):
    sys.stdout.flush()
    sys.stderr.write("bench_python: %s\n" % message)
    sys.exit(1)


def read_data(path):
    with open(path, "rb") as fp:
        if fp.read(8) != b"OPFBENCH":
            fail("%s: not a benchmark data file" % path)
        nm = array.array("Q")
        nm.fromfile(fp, 2)
        n, m = nm
        src, dst, dur, keynum = (array.array("I"), array.array("I"),
                                 array.array("d"), array.array("I"))
        src.fromfile(fp, m)
        dst.fromfile(fp, m)
        dur.fromfile(fp, n)
        keynum.fromfile(fp, n)
    return n, m, src, dst, dur, keynum


class Row:
    def __init__(self, name, what, times, items):
        self.name, self.what, self.items = name, what, items
        self.min = min(times)
        self.med = statistics.median(times)


CLOCK = os.environ.get("BENCH_CLOCK") or "cpu"
if CLOCK not in ("cpu", "wall"):
    sys.stderr.write("bench_python: BENCH_CLOCK is %r: cpu (or empty) or "
                     "wall, please\n" % CLOCK)
    sys.exit(1)
now = time.perf_counter if CLOCK == "wall" else time.process_time


def timed(reps, setup, run, teardown=None):
    """Times run(state) R times, state = setup() untimed before each."""
    times = []
    for _ in range(reps):
        state = setup() if setup else None
        t0 = now()
        out = run(state)
        times.append(now() - t0)
        if teardown:
            teardown(state, out)
    return times


def check_lead(got, want, what):
    if got != want:
        fail("the lead time of %s is %r, limit's is %r" % (what, got, want))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--helper", required=True,
                    help="the bench_analysis program")
    ap.add_argument("--size", type=int, default=100000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--scratch", default=".")
    args = ap.parse_args()
    reps = max(1, args.reps)

    path = os.path.join(args.scratch, "bench-python-%d.data" % args.size)
    out = subprocess.run([args.helper, "--export", str(args.size), path,
                          str(reps)], check=True, stdout=subprocess.PIPE,
                         universal_newlines=True).stdout.split()
    if len(out) != 8 or out[0] != "limit":
        fail("%s --export printed %r" % (args.helper, out))
    limit_min, limit_med, lead = map(float, out[1:4])
    topo_min, topo_med = map(float, out[6:8])
    try:
        n, m, src, dst, dur, keynum = read_data(path)
    finally:
        os.remove(path)
    keys = ["a%d" % k for k in keynum]
    src_keys = [keys[s] for s in src]
    dst_keys = [keys[t] for t in dst]
    durations = dur.tolist()
    rows = []
    notes = []

    # ------------------------------------------------------------ building
    def per_call(_):
        g = opflow.Graph()
        add_activity, add_flow = g.add_activity, g.add_flow
        for k, d in zip(keys, durations):
            add_activity(k, duration=d)
        for s, t in zip(src_keys, dst_keys):
            add_flow(s, t)
        return g

    def close(_, g):
        g.close()

    rows.append(Row("per-call build", "add_activity + add_flow, one call "
                    "each", timed(reps, None, per_call, close), n + m))
    per_call_row = rows[-1]

    if networkx is not None:
        def nx_build(_):
            G = networkx.DiGraph()
            add_node, add_edge = G.add_node, G.add_edge
            for k, d in zip(keys, durations):
                add_node(k, duration=d)
            for s, t in zip(src_keys, dst_keys):
                add_edge(s, t)
            return G

        rows.append(Row("networkx build", "DiGraph add_node + add_edge",
                        timed(reps, None, nx_build), n + m))
        nx_row = rows[-1]
        G = nx_build(None)

        def nx_cpm(_):
            order = list(networkx.topological_sort(G))
            dur_of = networkx.get_node_attributes(G, "duration")
            es = dict.fromkeys(order, 0.0)
            T = 0.0
            succ = G.succ
            for v in order:
                ef = es[v] + dur_of[v]
                if ef > T:
                    T = ef
                for w in succ[v]:
                    if ef > es[w]:
                        es[w] = ef
            lf = {}
            for v in reversed(order):
                f = T
                for w in succ[v]:
                    x = lf[w] - dur_of[w]
                    if x < f:
                        f = x
                lf[v] = f
            return T

        def nx_check(_, T):
            check_lead(T, lead, "the networkx passes")

        rows.append(Row("networkx CPM", "topological_sort + both passes",
                        timed(reps, None, nx_cpm, nx_check), n + m))
        del G
    else:
        nx_row = None
        notes.append("networkx rows skipped: %s cannot import networkx "
                     "(%s)" % (sys.executable, NETWORKX_WHY))

    def bulk(key_list, durs, sources, targets):
        def run(_):
            g = opflow.Graph()
            g.add_activities(key_list, durations=durs)
            g.add_flows(sources, targets)
            return g
        return run

    if numpy is not None:
        rows.append(Row("bulk, numpy ids", "add_activities + add_flows",
                        timed(reps, None, bulk(
                            keys, numpy.asarray(durations, dtype="float64"),
                            numpy.asarray(src, dtype="uint32"),
                            numpy.asarray(dst, dtype="uint32")), close),
                        n + m))
    else:
        notes.append("numpy row skipped: %s cannot import numpy (%s)"
                     % (sys.executable, NUMPY_WHY))
    rows.append(Row("bulk, array ids", "add_activities + add_flows",
                    timed(reps, None, bulk(keys, dur, src, dst), close),
                    n + m))
    bulk_row = rows[-1]
    rows.append(Row("bulk, keys", "add_flows from lists of key strings",
                    timed(reps, None, bulk(keys, dur, src_keys, dst_keys),
                          close), n + m))

    # ----------------------------------------------------------- analysis
    def fresh():
        return bulk(keys, dur, src, dst)(None)

    def analyze(g):
        return g.analyze()

    def first_done(g, a):
        check_lead(a.lead_time, lead, "the first g.analyze()")
        a.close()
        g.close()

    rows.append(Row("first analyze", "g.analyze() of a fresh graph",
                    timed(reps, fresh, analyze, first_done), n))
    first_row = rows[-1]
    g = fresh()

    def again_done(_, a):
        check_lead(a.lead_time, lead, "a repeated g.analyze()")
        a.close()

    rows.append(Row("repeated analyze", "g.analyze() again",
                    timed(reps, lambda: g, analyze, again_done), n))
    again_row = rows[-1]

    def flows(_):
        return list(g.flows)

    def flows_done(_, fl):
        if len(fl) != m:
            fail("list(g.flows) has %d flows, not %d" % (len(fl), m))

    rows.append(Row("list(g.flows)", "every flow as a Flow record",
                    timed(reps, None, flows, flows_done), m))
    a = g.analyze()

    def columns(_):
        return [a.column(c) for c in opflow.COLUMNS]

    def columns_done(_, cols):
        if any(len(c) != n for c in cols):
            fail("a result column is not %d long" % n)

    rows.append(Row("columns", "a.column(name) for %d names"
                    % len(opflow.COLUMNS),
                    timed(reps, None, columns, columns_done),
                    n * len(opflow.COLUMNS)))

    def records(_):
        return list(a)

    def records_done(_, rs):
        if len(rs) != n or max(r.ef for r in rs) != lead:
            fail("list(analysis) does not give every activity's result")

    rows.append(Row("list(analysis)", "every ActivityResult record",
                    timed(reps, None, records, records_done), n))
    a.close()
    g.close()

    # -------------------------------------------------------------- output
    print("libopflow %s through Python %s (%s), bindings %s: %d activities, "
          "%d flows\n(the graph of bench_analysis); min and median of %d "
          "runs, seconds of %s;\nitems/s from the median (activities + "
          "flows for building).\n"
          % (opflow.version(), sys.version.split()[0], sys.executable,
             opflow.__version__, n, m, reps,
             "wall-clock time" if CLOCK == "wall" else "CPU time"))
    print("%-17s %-38s %9s %9s %12s" % ("", "", "min s", "median s",
                                       "items/s"))
    for r in rows:
        print("%-17s %-38s %9.4f %9.4f %12.0f" % (r.name, r.what, r.min,
                                                 r.med, r.items / r.med))
    print("%-17s %-38s %9.4f %9.4f   (C, -O3)"
          % ("limit", "arrays -> CSR + Kahn + both passes", limit_min,
             limit_med))
    print("%-17s %-38s %9.4f %9.4f   (C, -O3)"
          % ("limit-topo", "both passes over a topological CSR",
             topo_min, topo_med))
    for note in notes:
        print(note)
    print("lead time %.17g in every analysis\n" % lead)

    print("ratios of medians")
    ratios = [
        ("first analyze / limit", first_row.med / limit_med),
        ("repeated analyze / limit-topo", again_row.med / topo_med),
        ("per-call build / bulk build (array ids)",
         per_call_row.med / bulk_row.med),
    ]
    if nx_row is not None:
        ratios.append(("networkx build / per-call build",
                       nx_row.med / per_call_row.med))
        ratios.append(("networkx build / bulk build (array ids)",
                       nx_row.med / bulk_row.med))
    for name, v in ratios:
        print("  %-44s %8.2f" % (name, v))
    return 0


if __name__ == "__main__":
    sys.exit(main())
