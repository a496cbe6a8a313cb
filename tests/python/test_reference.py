"""The library against a small independent scheduler written here.

The reference knows nothing of topological orders: it iterates the
difference constraints of DESIGN.md ("Timeframe arithmetic") to a fixed
point, Bellman-Ford style, then derives floats, criticality, driving flows,
stages, critical chains and paths, the production span, handoffs and the
PERT figures from their definitions.  A few hundred random graphs mix all
four flow types, negative lags, parallel flows, deadlines (missed ones
too) and flows added against insertion order.
"""
import math
import random
import unittest

from support import TestCase, opflow

TYPES = ("FS", "SS", "FF", "SF")


def forward_bound(t, es_a, d_a, lag, d_b):
    """The least ES(b) a flow a -> b of type t allows (DESIGN's table)."""
    if t == "FS":        # ES(b) >= EF(a) + L
        return es_a + d_a + lag
    if t == "SS":        # ES(b) >= ES(a) + L
        return es_a + lag
    if t == "FF":        # EF(b) >= EF(a) + L
        return es_a + d_a + lag - d_b
    return es_a + lag - d_b   # SF: EF(b) >= ES(a) + L


def backward_bound(t, lf_b, d_b, lag, d_a):
    """The largest LF(a) a flow a -> b allows (the mirror constraints)."""
    ls_b = lf_b - d_b
    if t == "FS":        # LF(a) <= LS(b) - L
        return ls_b - lag
    if t == "SS":        # LS(a) <= LS(b) - L
        return ls_b - lag + d_a
    if t == "FF":        # LF(a) <= LF(b) - L
        return lf_b - lag
    return lf_b - lag + d_a   # SF: LS(a) <= LF(b) - L


def slack(t, es_a, d_a, lag, es_b, d_b):
    """How far a flow's constraint is from binding at early times."""
    if t == "FS":
        return es_b - lag - (es_a + d_a)
    if t == "SS":
        return es_b - lag - es_a
    if t == "FF":
        return (es_b + d_b) - lag - (es_a + d_a)
    return (es_b + d_b) - lag - es_a


def cpm(n, dur, flows, deadline=None):
    """es, lf and T by relaxing every constraint until nothing moves."""
    es = [0.0] * n
    for _ in range(n + 1):
        moved = False
        for a, b, t, lag in flows:
            v = forward_bound(t, es[a], dur[a], lag, dur[b])
            if v > es[b]:
                es[b] = v
                moved = True
        if not moved:
            break
    else:
        raise AssertionError("no fixed point: a cycle?")
    T = max([es[i] + dur[i] for i in range(n)] + [0.0])
    H = T if deadline is None else deadline
    lf = [H] * n
    for _ in range(n + 1):
        moved = False
        for a, b, t, lag in flows:
            v = backward_bound(t, lf[b], dur[b], lag, dur[a])
            if v < lf[a]:
                lf[a] = v
                moved = True
        if not moved:
            break
    return es, lf, T, H


class Reference:
    def __init__(self, n, dur, flows, kinds, depts, deadline, tolerance=None,
                 near=0.0):
        self.n, self.dur, self.flows = n, dur, flows
        es, lf, T, H = cpm(n, dur, flows, deadline)
        self.es, self.lf, self.T, self.H = es, lf, T, H
        self.ef = [es[i] + dur[i] for i in range(n)]
        self.ls = [lf[i] - dur[i] for i in range(n)]
        self.tf = [self.ls[i] - es[i] for i in range(n)]
        tol = 1e-9 * max(1.0, abs(T)) if tolerance is None else tolerance
        self.tol = tol
        min_tf = min(self.tf) if n else 0.0
        self.critical = [tf <= min_tf + tol for tf in self.tf]
        self.near = [self.critical[i] or self.tf[i] <= min_tf + near
                     for i in range(n)]
        self.ff = [H - self.ef[i] for i in range(n)]
        self.drive = [None] * n
        for f, (a, b, t, lag) in enumerate(flows):
            s = slack(t, es[a], dur[a], lag, es[b], dur[b])
            self.ff[a] = min(self.ff[a], s)
            if s <= tol and self.drive[b] is None:
                self.drive[b] = f
        self.stages = self._stages(kinds)
        self.chains = self._chains()
        self.paths = self._paths()
        self.span = self._span(kinds)
        self.handoffs = self._handoffs(kinds, depts)

    def key(self, v):
        return (self.es[v], v)

    def _stages(self, kinds):
        prod = [k == "production" for k in kinds]

        def reach(start, forward):
            seen, todo = set(), [start]
            while todo:
                v = todo.pop()
                for a, b, _, _ in self.flows:
                    u, w = (a, b) if forward else (b, a)
                    if u == v and w not in seen:
                        seen.add(w)
                        todo.append(w)
            return seen

        stages = []
        for v in range(self.n):
            if prod[v]:
                stages.append("production")
                continue
            reaches = any(prod[w] for w in reach(v, True))
            reached = any(prod[w] for w in reach(v, False))
            stages.append({(True, True): "interleaved",
                           (True, False): "pre-production",
                           (False, True): "post-production",
                           (False, False): "independent"}[(reaches, reached)])
        return stages

    def _chains(self):
        crit = self.critical
        parent = [None] * self.n
        for v in range(self.n):
            f = self.drive[v]
            if crit[v] and f is not None and crit[self.flows[f][0]]:
                parent[v] = self.flows[f][0]
        has_child = {p for p in parent if p is not None}
        chains = []
        for v in range(self.n):
            if crit[v] and v not in has_child:
                chain = [v]
                while parent[chain[-1]] is not None:
                    chain.append(parent[chain[-1]])
                chains.append(chain[::-1])
        return sorted(chains, key=lambda c: [self.key(v) for v in c])

    def _tight(self):
        crit, es, dur = self.critical, self.es, self.dur
        edges = set()
        for a, b, t, lag in self.flows:
            if crit[a] and crit[b] and \
                    slack(t, es[a], dur[a], lag, es[b], dur[b]) <= self.tol:
                edges.add((a, b))
        return edges

    def _paths(self):
        edges = self._tight()
        out = {v: sorted((b for a, b in edges if a == v), key=self.key)
               for v in range(self.n)}
        has_in = {b for _, b in edges}
        roots = sorted((v for v in range(self.n)
                        if self.critical[v] and v not in has_in), key=self.key)
        paths = []

        def walk(path):
            if not out[path[-1]]:
                paths.append(list(path))
                return
            for w in out[path[-1]]:
                walk(path + [w])
        for r in roots:
            walk([r])
        return paths

    def _span(self, kinds):
        prod = [i for i in range(self.n) if kinds[i] == "production"]
        if not prod:
            return None
        index = {v: i for i, v in enumerate(prod)}
        sub = [(index[a], index[b], t, lag) for a, b, t, lag in self.flows
               if a in index and b in index]
        _, _, T, _ = cpm(len(prod), [self.dur[v] for v in prod], sub)
        return T

    def _handoffs(self, kinds, depts):
        counts = {"all": 0, "production": 0, "boundary": 0, "operation": 0}
        matrix = {}
        for a, b, _, _ in self.flows:
            if depts[a] is None or depts[b] is None or depts[a] == depts[b]:
                continue
            counts["all"] += 1
            p = (kinds[a] == "production") + (kinds[b] == "production")
            counts[("operation", "boundary", "production")[p]] += 1
            matrix[(depts[a], depts[b])] = matrix.get((depts[a], depts[b]), 0) + 1
        return counts, matrix


def pert_reference(n, est, dur, flows, deadline):
    means = [dur[i] if est[i] is None else (est[i][0] + 4 * est[i][1] + est[i][2]) / 6
             for i in range(n)]
    var = [0.0 if est[i] is None else ((est[i][2] - est[i][0]) / 6) ** 2
           for i in range(n)]
    ref = Reference(n, means, flows, ["operation"] * n, [None] * n, None)
    # the largest summed variance over the paths of tight critical flows
    best = {}
    order = sorted(range(n), key=lambda v: ref.es[v])
    edges = ref._tight()
    for _ in range(n + 1):
        for v in order:
            if not ref.critical[v]:
                continue
            b = max([best.get(a, 0.0) for a, w in edges if w == v] + [0.0])
            best[v] = b + var[v]
    sigma = math.sqrt(max(list(best.values()) + [0.0]))
    T = ref.T
    if deadline is None:
        p = None
    elif sigma > 0:
        p = 0.5 * math.erfc(-((deadline - T) / sigma) / math.sqrt(2))
    else:
        p = 1.0 if deadline >= T else 0.0
    return ref, T, sigma, p


def random_case(rng):
    n = rng.randint(1, 12)
    dur = [rng.choice([0, 0, 0.5, 1, 2, 3.5, 4, 6.25, 10]) for _ in range(n)]
    kinds = [rng.choice(["production", "operation"]) for _ in range(n)]
    depts = [rng.choice([None, "D1", "D2", "D3"]) for _ in range(n)]
    order = list(range(n))
    rng.shuffle(order)  # a hidden topological order, not the id order
    flows = []
    p = rng.choice([0.15, 0.3, 0.5])
    for i in range(n):
        for j in range(i + 1, n):
            if rng.random() < p:
                for t in rng.sample(TYPES, rng.choice([1, 1, 1, 2])):
                    lag = rng.choice([-4, -1.5, -0.5, 0, 0, 0, 0.5, 1, 2.75, 5])
                    flows.append((order[i], order[j], t, lag))
    rng.shuffle(flows)
    deadline = rng.choice([None, None, 0, 7.5, 15, 30.25, 60])
    return n, dur, kinds, depts, flows, deadline


def build(n, dur, kinds, depts, flows, est=None):
    g = opflow.Graph()
    for i in range(n):
        g.add_activity("k%d" % i, kind=kinds[i], department=depts[i],
                       duration=dur[i],
                       estimate=None if est is None else est[i])
    for a, b, t, lag in flows:
        g.add_flow("k%d" % a, "k%d" % b, type=t, lag=lag)
    return g


class TestAgainstReference(TestCase):
    def compare(self, res, ref, msg):
        keys = res.keys()
        for i in range(ref.n):
            r = res[i]
            for name, want in (("es", ref.es[i]), ("ef", ref.ef[i]),
                               ("ls", ref.ls[i]), ("lf", ref.lf[i]),
                               ("total_float", ref.tf[i]),
                               ("free_float", ref.ff[i])):
                self.assertClose(getattr(r, name), want, 1e-9,
                                 "%s: %s of k%d: %r != %r"
                                 % (msg, name, i, getattr(r, name), want))
            self.assertEqual(r.critical, ref.critical[i], "%s: k%d" % (msg, i))
            self.assertEqual(r.near_critical, ref.near[i], "%s: k%d" % (msg, i))
            f = ref.drive[i]
            if f is None:
                self.assertIsNone(r.driving_flow, "%s: k%d" % (msg, i))
            else:
                a, b, t, lag = ref.flows[f]
                self.assertEqual(r.driving_flow,
                                 opflow.Flow("k%d" % a, "k%d" % b, t, lag, f),
                                 "%s: k%d" % (msg, i))
        self.assertClose(res.lead_time, ref.T, 1e-9, msg)
        self.assertEqual(res.critical_path,
                         [[keys[v] for v in c] for c in ref.chains], msg)
        paths = res.critical_paths(limit=None)
        self.assertEqual(paths, [[keys[v] for v in p] for p in ref.paths], msg)
        self.assertFalse(paths.more)

    def test_random_graphs(self):
        rng = random.Random(20240611)
        graphs = 0
        for case in range(400):
            n, dur, kinds, depts, flows, deadline = random_case(rng)
            msg = "case %d: %r" % (case, (n, dur, kinds, flows, deadline))
            g = build(n, dur, kinds, depts, flows)
            ref = Reference(n, dur, flows, kinds, depts, deadline)
            res = g.analyze(deadline=deadline)
            self.compare(res, ref, msg)
            self.assertEqual([r.stage for r in res], ref.stages, msg)
            self.assertEqual(res.timeframe.production_span, ref.span, msg)
            counts, matrix = ref.handoffs
            s = res.scope
            self.assertEqual((s.handoffs, s.production_handoffs,
                              s.boundary_handoffs, s.operation_handoffs),
                             (counts["all"], counts["production"],
                              counts["boundary"], counts["operation"]), msg)
            self.assertEqual(res.handoff_matrix(), matrix, msg)
            # a prepared layout gives the same answers
            g.prepare()
            self.compare(g.analyze(deadline=deadline), ref, msg + " prepared")
            # tolerance and near-critical threshold
            tol = rng.choice([0.5, 1, 2.5])
            ref2 = Reference(n, dur, flows, kinds, depts, deadline,
                             tolerance=tol, near=2 * tol)
            self.compare(g.analyze(deadline=deadline, tolerance=tol,
                                   near_critical=2 * tol), ref2,
                         msg + " tolerance %g" % tol)
            graphs += 1
        self.assertEqual(graphs, 400)

    def test_random_pert(self):
        rng = random.Random(7)
        for case in range(200):
            n, dur, kinds, depts, flows, deadline = random_case(rng)
            est = []
            for i in range(n):
                if rng.random() < 0.7:
                    o = rng.choice([0, 1, 2, 3.3])
                    m = o + rng.choice([0, 0.5, 1, 2.2])
                    est.append((o, m, m + rng.choice([0, 1, 3, 7.1])))
                else:
                    est.append(None)
            msg = "case %d: %r" % (case, (n, dur, est, flows, deadline))
            g = build(n, dur, kinds, depts, flows, est)
            ref, T, sigma, p = pert_reference(n, est, dur, flows, deadline)
            res = g.analyze(durations="pert", deadline=deadline)
            for i in range(n):
                self.assertClose(res[i].es, ref.es[i], 1e-9, msg)
                self.assertClose(res[i].duration, ref.dur[i], 1e-12, msg)
            self.assertClose(res.pert_lead_time, T, 1e-9, msg)
            self.assertClose(res.pert_stddev, sigma, 1e-9, msg)
            if p is None:
                self.assertIsNone(res.pert_probability, msg)
            else:
                self.assertClose(res.pert_probability, p, 1e-9, msg)
            # the PERT figures do not depend on the main schedule's mode
            det = g.analyze(deadline=deadline)
            self.assertClose(det.pert_lead_time, T, 1e-9, msg)
            self.assertClose(det.pert_stddev, sigma, 1e-9, msg)

    def test_networkx_lead_time(self):
        try:
            import networkx as nx
        except ImportError:
            self.skipTest("networkx is not installed (optional comparison)")
        rng = random.Random(99)
        for case in range(100):
            n, dur, kinds, depts, flows, _ = random_case(rng)
            # finish-to-start flows with lags >= 0 only: a longest path
            fs = [(a, b, "FS", abs(lag)) for a, b, _, lag in flows]
            fs = list({(a, b): (a, b, t, lag) for a, b, t, lag in fs}.values())
            d = nx.DiGraph()
            d.add_nodes_from(["start", "finish"])
            for i in range(n):
                d.add_edge("start", ("in", i), weight=0)
                d.add_edge(("in", i), ("out", i), weight=dur[i])
                d.add_edge(("out", i), "finish", weight=0)
            for a, b, _, lag in fs:
                d.add_edge(("out", a), ("in", b), weight=lag)
            want = nx.dag_longest_path_length(d, weight="weight")
            g = build(n, dur, kinds, depts, fs)
            self.assertClose(g.analyze().lead_time, want, 1e-9,
                             "case %d" % case)


if __name__ == "__main__":
    unittest.main()
