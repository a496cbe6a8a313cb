"""Graph.simulate and the Simulation it returns, against closed forms, a
reference simulation in pure Python (the documented draws of
tests/simulate_reference.py, run over any graph here), and statistics
recomputed from the samples."""
import array
import collections.abc
import contextlib
import ctypes
import io
import math
import os
import signal
import struct
import subprocess
import sys
import threading
import unittest
from fractions import Fraction
from unittest import mock

from support import TOP_SRCDIR, TestCase, child_env, opflow

from opflow import _capi, simulation

M64 = (1 << 64) - 1


# ------------------------------------------------------------ the reference
#
# The draws of libopflow(7), "Monte Carlo schedule risk", written out from
# their description in tests/simulate_reference.py (splitmix64 seeds one
# xoshiro256** stream per iteration; the activities with an estimate draw
# in id order); the passes below run them over any graph.

sys.path.insert(0, os.path.join(TOP_SRCDIR, "tests"))
from simulate_reference import Stream, draw  # noqa: E402


def bound(ftype, es_a, d_a, lag, d_b):
    """Where a flow puts the early start of its target (DESIGN)."""
    if ftype == "FS":
        return es_a + d_a + lag
    if ftype == "SS":
        return es_a + lag
    if ftype == "FF":
        return es_a + d_a + lag - d_b
    return es_a + lag - d_b


def topological(keys, flows):
    incoming = {k: 0 for k in keys}
    for f in flows:
        incoming[f[1]] += 1
    ready = [k for k in keys if not incoming[k]]
    order = []
    while ready:
        k = ready.pop()
        order.append(k)
        for f in flows:
            if f[0] == k:
                incoming[f[1]] -= 1
                if not incoming[f[1]]:
                    ready.append(f[1])
    assert len(order) == len(keys)
    return order


def forward(order, flows, dur, among=None):
    """The largest early finish, from 0, over the activities of among (all
    by default) and the flows between them."""
    es = {}
    end = 0.0
    for k in order:
        if among is not None and k not in among:
            continue
        s = 0.0
        for a, b, ftype, lag in flows:
            if b != k or (among is not None and a not in among):
                continue
            v = bound(ftype, es[a], dur[a], lag, dur[k])
            if v > s:
                s = v
        es[k] = s
        if s + dur[k] > end:
            end = s + dur[k]
    return end


class Reference:
    """A simulation of a graph, iteration by iteration, in Python."""

    def __init__(self, g):
        self.keys = g.keys()
        self.flows = [(f.source, f.target, f.type, f.lag) for f in g.flows]
        self.base = {k: g[k].duration for k in self.keys}
        self.estimates = [(k, g[k].estimate) for k in self.keys
                          if g[k].estimate is not None]
        self.production = {k for k in self.keys if g[k].kind == "production"}
        self.order = topological(self.keys, self.flows)

    def run(self, iterations, seed, distribution):
        """(lead times, production spans, drawn durations by key)"""
        leads, spans = [], []
        drawn = {k: [] for k, _ in self.estimates}
        for i in range(iterations):
            stream = Stream(seed, i)
            dur = dict(self.base)
            for k, est in self.estimates:
                dur[k] = draw(stream, est, distribution)
                drawn[k].append(dur[k])
            leads.append(forward(self.order, self.flows, dur))
            spans.append(forward(self.order, self.flows, dur,
                                 self.production))
        return leads, spans, drawn


def mean_in_order(xs):
    total = 0.0
    for x in xs:
        total += x
    return total / len(xs)


def ranks(xs):
    """Ranks from 1, ties sharing the mean of the ranks they span."""
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    r = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j + 2) / 2.0
        i = j + 1
    return r


def pearson(xs, ys):
    mx = sum(xs) / len(xs)
    my = sum(ys) / len(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy)


def bits(values):
    return struct.pack("<%dd" % len(values), *values)


# ------------------------------------------------------------------ graphs

def mixed():
    """Eight activities, production and operation, every flow type, lags
    and a lead, estimates with the most likely value inside, at either end
    and equal to both (o == p: no draw), and activities without one."""
    g = opflow.Graph()
    g.add_activity("design", category="product-development",
                   estimate=(3, 5, 10))
    g.add_activity("source", category="sourcing", duration=4)
    g.add_activity("cut", category="manufacturing", estimate=(1, 1, 4))
    g.add_activity("weld", category="manufacturing", estimate=(4, 6, 10))
    g.add_activity("paint", category="manufacturing", duration=9,
                   estimate=(2, 2, 2))
    g.add_activity("qc", category="quality-control",
                   estimate=(0.5, 3, 3))
    g.add_activity("market", category="marketing", estimate=(5, 8, 20))
    g.add_activity("ship", category="distribution", duration=3)
    g.add_flow("design", "cut", type="FS")
    g.add_flow("source", "cut", type="SS", lag=1.5)
    g.add_flow("cut", "weld", type="FS", lag=0.5)
    g.add_flow("weld", "paint", type="FF", lag=1)
    g.add_flow("paint", "qc", type="FS", lag=-0.5)
    g.add_flow("weld", "qc", type="SS", lag=2)
    g.add_flow("qc", "ship", type="FS")
    g.add_flow("design", "market", type="FS", lag=2)
    g.add_flow("market", "ship", type="SF", lag=13)
    return g


def one(estimate=(2, 5, 11)):
    g = opflow.Graph()
    g.add_activity("weld", category="manufacturing", estimate=estimate)
    return g


def triangular_moments(o, m, p):
    return (o + m + p) / 3.0, (o * o + m * m + p * p - o * m - o * p
                               - m * p) / 18.0


def pert_moments(o, m, p):
    mu = (o + 4 * m + p) / 6.0
    return mu, (mu - o) * (p - mu) / 7.0


class TestClosedForms(TestCase):
    N = 100000

    def check_moments(self, sim, mean, var):
        # within 5 standard errors: of the mean, sqrt(var / N); of the
        # variance, at most var * sqrt(2 / N) for these light-tailed
        # distributions (kurtosis below 3)
        n = sim.iterations
        self.assertEqual(n, self.N)
        self.assertClose(sim.mean, mean, 5 * math.sqrt(var / n))
        self.assertClose(sim.stddev ** 2, var, 5 * var * math.sqrt(2.0 / n))

    def test_triangular_one_activity(self):
        # (2, 5, 11): mean (2 + 5 + 11) / 3 = 6, variance (4 + 25 + 121 -
        # 10 - 22 - 55) / 18 = 3.5
        self.assertEqual(triangular_moments(2, 5, 11), (6.0, 3.5))
        sim = one().simulate(self.N, seed=7)
        self.assertEqual(sim.distribution, "triangular")
        self.check_moments(sim, 6.0, 3.5)
        self.assertGreaterEqual(sim.min, 2.0)
        self.assertLessEqual(sim.max, 11.0)
        # the median of the triangular: F(5) = 3/9 < 1/2, so on the
        # right: 11 - sqrt(0.5 * 9 * 6) = 11 - sqrt(27)
        self.assertClose(sim.percentile(50), 11 - math.sqrt(27), 0.05)

    def test_pert_one_activity(self):
        # mean (2 + 20 + 11) / 6 = 5.5, variance (5.5 - 2)(11 - 5.5) / 7
        # = 2.75
        self.assertEqual(pert_moments(2, 5, 11), (5.5, 2.75))
        sim = one().simulate(self.N, seed=7, distribution="pert")
        self.assertEqual(sim.distribution, "pert")
        self.check_moments(sim, 5.5, 2.75)
        self.assertGreaterEqual(sim.min, 2.0)
        self.assertLessEqual(sim.max, 11.0)

    def test_chain_mean_is_sum_of_means(self):
        # a(2, 5, 11) -> b(1, 2, 6) -> c fixed 3: mean 6 + 3 + 3 = 12,
        # variance 3.5 + 21/18 (independent draws)
        g = opflow.Graph()
        g.add_activity("a", category="manufacturing", estimate=(2, 5, 11))
        g.add_activity("b", category="manufacturing", estimate=(1, 2, 6))
        g.add_activity("c", category="manufacturing", duration=3)
        g.add_flow("a", "b")
        g.add_flow("b", "c")
        mb, vb = triangular_moments(1, 2, 6)
        self.assertEqual((mb, vb), (3.0, 21 / 18))
        sim = g.simulate(self.N, seed=3)
        self.check_moments(sim, 12.0, 3.5 + vb)
        # every activity of a chain is always critical
        self.assertEqual(dict(sim.criticality), {"a": 1.0, "b": 1.0,
                                                 "c": 1.0})
        # PERT: 5.5 + (1 + 8 + 6) / 6 + 3
        mb, vb = pert_moments(1, 2, 6)
        sim = g.simulate(self.N, seed=3, distribution="pert")
        self.check_moments(sim, 5.5 + mb + 3, 2.75 + vb)

    def test_parallel_branches_share_criticality(self):
        # start -> k identical branches -> end: each branch is the longest,
        # so critical, in 1/k of the iterations; start and end always
        k = 4
        g = opflow.Graph()
        g.add_activity("start", category="sourcing", duration=1)
        g.add_activity("end", category="packaging", duration=1)
        for i in range(k):
            key = "b%d" % i
            g.add_activity(key, category="manufacturing",
                           estimate=(2, 5, 11))
            g.add_flow("start", key)
            g.add_flow(key, "end")
        sim = g.simulate(self.N, seed=11)
        crit = sim.criticality
        self.assertEqual(crit["start"], 1.0)
        self.assertEqual(crit["end"], 1.0)
        p = 1.0 / k
        se = math.sqrt(p * (1 - p) / self.N)
        total = 0.0
        for i in range(k):
            self.assertClose(crit["b%d" % i], p, 5 * se)
            total += crit["b%d" % i]
        # ties have probability 0: one branch each time
        self.assertClose(total, 1.0, 1e-12)
        # each branch's sensitivity is positive, the same for all within
        # noise; the fixed ones have none
        for i in range(k):
            self.assertGreater(sim.sensitivity["b%d" % i], 0.2)
        self.assertEqual(sim.sensitivity["start"], 0.0)
        self.assertEqual(sim.cruciality["start"], 0.0)

    def test_deterministic_graph(self):
        # no estimate: every iteration is the analysis itself
        g = opflow.Graph()
        g.add_activity("a", category="manufacturing", duration=4)
        g.add_activity("b", category="manufacturing", duration=3)
        g.add_activity("c", category="sales", duration=2)
        g.add_activity("d", category="manufacturing", duration=5)
        g.add_flow("a", "b", lag=2)
        g.add_flow("a", "c", type="SS")
        g.add_flow("b", "d", type="FF", lag=1)
        # a 0-4, b 6-9, d: EF >= 9 + 1 = 10, so 5-10; c 0-2 (float 8)
        sim = g.simulate(1000, seed=5, deadline=10, samples=True)
        self.assertEqual((sim.mean, sim.stddev, sim.min, sim.max),
                         (10.0, 0.0, 10.0, 10.0))
        self.assertEqual(sim.percentile(0), 10.0)
        self.assertEqual(sim.percentile(100), 10.0)
        self.assertEqual(sim.probability, 1.0)
        self.assertEqual(dict(sim.criticality),
                         {"a": 1.0, "b": 1.0, "c": 0.0, "d": 1.0})
        self.assertEqual(set(sim.sensitivity.values()), {0.0})
        self.assertEqual(set(sim.cruciality.values()), {0.0})
        self.assertEqual(sim.sensitivity_iterations, 1000)
        # the production span: a, b, d, 0 to 10
        self.assertEqual(sim.production_span.mean, 10.0)
        # every sample in the last bin
        bins = sim.histogram(4)
        self.assertEqual([b.count for b in bins], [0, 0, 0, 1000])
        self.assertEqual([(b.low, b.high) for b in bins], [(10.0, 10.0)] * 4)
        self.assertEqual(list(sim.samples), [10.0] * 1000)
        # the analysis agrees
        res = g.analyze()
        self.assertEqual(res.lead_time, 10.0)
        for r in res:
            self.assertEqual(sim.criticality[r.key], float(r.critical))

    def test_single_activity_sensitivity_one(self):
        for distribution in opflow.DISTRIBUTIONS:
            sim = one().simulate(2000, seed=1, distribution=distribution)
            self.assertClose(sim.sensitivity["weld"], 1.0, 1e-12)
            self.assertEqual(sim.criticality["weld"], 1.0)
            self.assertClose(sim.cruciality["weld"], 1.0, 1e-12)

    def test_production_span(self):
        # design (operation) before weld (production) before ship
        # (operation): the span is weld's duration alone
        g = opflow.Graph()
        g.add_activity("design", category="product-development",
                       estimate=(1, 2, 9))
        g.add_activity("weld", category="manufacturing", estimate=(2, 5, 11))
        g.add_activity("ship", category="distribution", duration=3)
        g.add_flow("design", "weld")
        g.add_flow("weld", "ship")
        sim = g.simulate(self.N, seed=9, samples=True)
        span = sim.production_span
        self.assertEqual(span.measure, "production_span")
        self.assertEqual(sim.lead_time.measure, "lead_time")
        self.assertClose(span.mean, 6.0, 5 * math.sqrt(3.5 / self.N))
        # lead time = design + weld + 3
        for lead, s in zip(sim.samples[:100], span.samples[:100]):
            self.assertGreaterEqual(lead, s + 3 + 1)
        # no production activity: no span
        g = opflow.Graph()
        g.add_activity("sell", category="sales", estimate=(1, 2, 3))
        self.assertIsNone(g.simulate(10).production_span)
        # an empty graph: lead time 0
        sim = opflow.Graph().simulate(10)
        self.assertEqual((sim.mean, sim.max), (0.0, 0.0))
        self.assertIsNone(sim.production_span)
        self.assertEqual(len(sim.criticality), 0)
        self.assertEqual(list(sim), [])


class TestReference(TestCase):
    """The samples against the draws and passes written again above."""

    N = 500

    def check(self, g, distribution, seed):
        ref = Reference(g)
        leads, spans, drawn = ref.run(self.N, seed, distribution)
        sim = g.simulate(self.N, seed=seed, distribution=distribution,
                         samples=True, threads=2)
        self.assertEqual(bits(sim.samples), bits(leads))
        self.assertEqual(sim.mean, mean_in_order(leads))
        self.assertEqual(bits(sim.production_span.samples), bits(spans))
        self.assertEqual(sim.production_span.mean, mean_in_order(spans))
        self.assertEqual((sim.min, sim.max), (min(leads), max(leads)))
        mean = mean_in_order(leads)
        sd = math.sqrt(sum((x - mean) ** 2 for x in leads) / (self.N - 1))
        self.assertClose(sim.stddev, sd, 1e-12 * max(1.0, sd))
        # the sensitivities: Spearman's correlation of the drawn durations
        # with the lead times (0 for a constant one)
        self.assertEqual(sim.sensitivity_iterations, self.N)
        lead_ranks = ranks(leads)
        for key in ref.keys:
            got = sim.sensitivity[key]
            if key not in drawn or len(set(drawn[key])) == 1:
                self.assertEqual(got, 0.0, key)
            else:
                want = pearson(ranks(drawn[key]), lead_ranks)
                self.assertClose(got, want, 1e-12, key)
            self.assertEqual(sim.cruciality[key],
                             sim.criticality[key] * got)
        return sim, leads

    def test_triangular(self):
        sim, leads = self.check(mixed(), "triangular", 2024)
        # the draws vary the lead time
        self.assertGreater(len(set(leads)), self.N // 2)

    def test_pert(self):
        self.check(mixed(), "pert", 2024)

    def test_other_seeds(self):
        for seed in (0, 1, M64, 0x9E3779B97F4A7C15):
            self.check(mixed(), "triangular", seed)
        self.check(mixed(), "pert", M64)


class TestReproducible(TestCase):
    def run_with(self, g, **kw):
        sim = g.simulate(3000, seed=99, samples=True, **kw)
        return (bits(sim.samples), bits(sim.production_span.samples),
                sim.mean, sim.stddev, sim.percentile(80),
                list(sim.criticality.values()),
                list(sim.sensitivity.values()))

    def test_same_bits_for_every_thread_count(self):
        g = mixed()
        for distribution in opflow.DISTRIBUTIONS:
            want = self.run_with(g, threads=1, distribution=distribution)
            for threads in (2, 3, 7, 0):
                self.assertEqual(self.run_with(g, threads=threads,
                                               distribution=distribution),
                                 want, (threads, distribution))

    def test_threads_as_used(self):
        g = mixed()
        self.assertEqual(g.simulate(100, threads=1).threads, 1)
        self.assertEqual(g.simulate(100, threads=3).threads, 3)
        # never more than the iterations
        self.assertEqual(g.simulate(2, threads=7).threads, 2)
        self.assertGreaterEqual(g.simulate(100, threads=0).threads, 1)

    def test_other_seed_other_samples(self):
        g = mixed()
        a = g.simulate(200, seed=1, samples=True).samples
        b = g.simulate(200, seed=2, samples=True).samples
        self.assertNotEqual(list(a), list(b))
        # most iterations differ
        self.assertGreater(sum(x != y for x, y in zip(a, b)), 150)


class TestStatistics(TestCase):
    def setUp(self):
        self.g = mixed()
        self.sim = self.g.simulate(1000, seed=5, deadline=30.0, samples=True)
        self.samples = list(self.sim.samples)

    def test_result_attributes(self):
        sim = self.sim
        self.assertEqual(sim.iterations, 1000)
        self.assertEqual(sim.seed, 5)
        self.assertEqual(sim.distribution, "triangular")
        self.assertEqual(sim.deadline, 30.0)
        self.assertIsNone(sim.tolerance)
        self.assertEqual(len(sim), 8)
        self.assertEqual(sim.keys(), self.g.keys())
        self.assertIsInstance(sim.samples, array.array)
        self.assertEqual(len(sim.samples), 1000)
        # a new copy each time
        self.assertIsNot(sim.samples, sim.samples)
        self.assertIsNone(self.g.simulate(10).samples)
        self.assertIsNone(self.g.simulate(10).production_span.samples)
        self.assertIn("1000 iterations", repr(sim))
        self.assertIn("lead_time", repr(sim.lead_time))

    def test_percentile_is_nearest_rank(self):
        ordered = sorted(self.samples)
        n = len(ordered)
        for p in (0, 0.05, 0.1, 1, 12.5, 25, 50, 80, 95, 99.9, 100):
            # the rank of the percentile as written: ceil(p / 100 * N),
            # at least 1
            rank = max(1, math.ceil(Fraction(repr(p)) * n / 100))
            self.assertEqual(self.sim.percentile(p), ordered[rank - 1], p)
        self.assertEqual(self.sim.percentile(0), min(self.samples))
        self.assertEqual(self.sim.percentile(100), max(self.samples))
        span = self.sim.production_span
        ordered = sorted(span.samples)
        self.assertEqual(span.percentile(80), ordered[800 - 1])
        for bad in (-0.5, 100.5, float("nan"), float("inf")):
            with self.assertRaises(opflow.InvalidArgumentError):
                self.sim.percentile(bad)
        for bad in ("50", None, True):
            with self.assertRaises(TypeError):
                self.sim.percentile(bad)

    def test_histogram(self):
        lo, hi = min(self.samples), max(self.samples)
        for bins in (1, 2, 7, 20, 1000):
            h = self.sim.histogram(bins)
            self.assertEqual(len(h), bins)
            self.assertEqual(sum(b.count for b in h), 1000)
            self.assertEqual(h[0].low, lo)
            self.assertEqual(h[-1].high, hi)
            for i, b in enumerate(h):
                self.assertIsInstance(b, opflow.HistogramBin)
                self.assertIsInstance(b.count, int)
                self.assertEqual(tuple(b), (b.low, b.high, b.count))
                # edges as documented; each bin's high is the next's low
                self.assertEqual(b.low, lo + (hi - lo) * (i / bins))
                if i + 1 < bins:
                    self.assertEqual(b.high, h[i + 1].low)
                    want = sum(b.low <= x < b.high for x in self.samples)
                else:  # the last bin is closed
                    want = sum(b.low <= x <= b.high for x in self.samples)
                self.assertEqual(b.count, want, (bins, i))
        self.assertEqual(self.sim.histogram(1)[0], (lo, hi, 1000))
        self.assertEqual(len(self.sim.histogram()), 20)
        with self.assertRaises(opflow.InvalidArgumentError):
            self.sim.histogram(0)
        with self.assertRaises(opflow.InvalidArgumentError):
            self.sim.histogram(-3)
        for bad in (2.0, "3", True):
            with self.assertRaises(TypeError):
                self.sim.histogram(bad)

    def test_probability(self):
        for deadline in (min(self.samples) - 1, 25.0, 30.0,
                         sorted(self.samples)[499], max(self.samples)):
            sim = self.g.simulate(1000, seed=5, deadline=deadline)
            met = sum(x <= deadline for x in self.samples)
            self.assertEqual(sim.probability, met / 1000, deadline)
        self.assertEqual(self.g.simulate(1000, seed=5, deadline=max(
            self.samples)).probability, 1.0)
        self.assertIsNone(self.g.simulate(10).probability)

    def test_stddev_of_one_iteration(self):
        sim = self.g.simulate(1)
        self.assertEqual(sim.stddev, 0.0)
        self.assertEqual(sim.min, sim.max)
        self.assertEqual(sim.mean, sim.percentile(50))

    def test_risk_mappings(self):
        sim = self.sim
        keys = self.g.keys()
        for name in ("criticality", "sensitivity", "cruciality"):
            m = getattr(sim, name)
            self.assertIsInstance(m, collections.abc.Mapping)
            self.assertIsInstance(m, opflow.RiskMapping)
            self.assertEqual(list(m), keys)
            self.assertEqual(len(m), len(keys))
            self.assertIn("weld", m)
            self.assertNotIn("nope", m)
            self.assertNotIn(3, m)
            with self.assertRaises(opflow.NotFoundError):
                m["nope"]
            with self.assertRaises(KeyError):
                m["nope"]
            self.assertIsNone(m.get("nope"))
            with self.assertRaises(TypeError):
                m["weld"] = 1.0
            self.assertIs(getattr(sim, name), m)  # read once
        # the per-activity records agree with the columns, bit for bit
        records = list(sim)
        self.assertEqual([r.key for r in records], keys)
        for i, key in enumerate(keys):
            r = sim[key]
            self.assertEqual(r, sim[i])
            self.assertEqual(r, records[i])
            self.assertEqual((r.key, r.id), (key, i))
            self.assertEqual(r.criticality, sim.criticality[key])
            self.assertEqual(r.sensitivity, sim.sensitivity[key])
            self.assertEqual(r.cruciality, sim.cruciality[key])
            self.assertTrue(0.0 <= r.criticality <= 1.0)
            self.assertTrue(-1.0 <= r.sensitivity <= 1.0)
        # criticality counts iterations: multiples of 1/N
        for v in sim.criticality.values():
            self.assertClose(v * 1000, round(v * 1000), 1e-9)
        with self.assertRaises(opflow.NotFoundError):
            sim["nope"]
        with self.assertRaises(opflow.NotFoundError):
            sim[8]
        with self.assertRaises(TypeError):
            sim[1.0]

    def test_sensitivity_off(self):
        sim = self.g.simulate(500, seed=5, sensitivity=False)
        self.assertEqual(sim.sensitivity_iterations, 0)
        self.assertEqual(set(sim.sensitivity.values()), {0.0})
        self.assertEqual(set(sim.cruciality.values()), {0.0})
        # the rest is the same
        on = self.g.simulate(500, seed=5)
        self.assertEqual(dict(sim.criticality), dict(on.criticality))
        self.assertEqual(sim.mean, on.mean)

    def test_tolerance(self):
        # two branches 4 and 4.5 long: with a tolerance of 1 both are
        # critical every time
        g = opflow.Graph()
        g.add_activity("a", category="manufacturing", duration=4)
        g.add_activity("b", category="manufacturing", duration=4.5)
        self.assertEqual(dict(g.simulate(10).criticality),
                         {"a": 0.0, "b": 1.0})
        sim = g.simulate(10, tolerance=1.0)
        self.assertEqual(sim.tolerance, 1.0)
        self.assertEqual(dict(sim.criticality), {"a": 1.0, "b": 1.0})

    def test_independent_of_the_graph(self):
        g = mixed()
        sim = g.simulate(200, seed=3)
        keys = g.keys()
        g.remove_activity("design")
        g.add_activity("new", category="other", duration=1)
        self.assertEqual(sim.keys(), keys)
        self.assertEqual(list(sim.criticality), keys)
        g.close()
        self.assertEqual(sim["design"].key, "design")
        # keys read from a graph as it was simulated
        g = mixed()
        sim = g.simulate(50)
        self.assertEqual(list(sim.sensitivity), g.keys())

    def test_close(self):
        sim = self.g.simulate(100, samples=True)
        crit = sim.criticality
        span = sim.production_span
        with sim as s:
            self.assertIs(s, sim)
        self.assertTrue(sim.closed)
        sim.close()
        self.assertEqual(crit["weld"], crit["weld"])  # a copy: still there
        for read in (lambda: sim.mean, lambda: sim.percentile(5),
                     lambda: sim.histogram(), lambda: sim.samples,
                     lambda: sim.iterations, lambda: sim.probability,
                     lambda: sim.sensitivity, lambda: sim["weld"],
                     lambda: span.percentile(5), lambda: span.samples,
                     lambda: len(sim), lambda: sim.seed):
            with self.assertRaises(opflow.MisuseError):
                read()
        self.assertIn("closed", repr(sim))
        with self.assertRaises(TypeError):
            import pickle
            pickle.dumps(self.sim)
        with self.assertRaises(TypeError):
            opflow.Simulation(None)

    def test_threads_read_together(self):
        sim = self.g.simulate(2000, seed=8, samples=True)
        want = (sim.mean, sim.percentile(90), sim.histogram(10))
        errors = []

        def read():
            try:
                for _ in range(20):
                    got = (sim.mean, sim.percentile(90), sim.histogram(10))
                    if got != want:
                        errors.append(got)
            except Exception as e:  # noqa: B902 - reported below
                errors.append(e)

        threads = [threading.Thread(target=read) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])


class TestErrors(TestCase):
    def assert_refused(self, g, exc, **kw):
        before = g.dumps()
        with self.assertRaises(exc) as cm:
            g.simulate(**kw)
        self.assertEqual(g.dumps(), before)
        return cm.exception

    def test_library_refuses(self):
        g = mixed()
        e = self.assert_refused(g, opflow.InvalidArgumentError, iterations=0)
        self.assertIn("iterations", str(e))
        self.assertEqual(e.code, opflow.OPFLOW_EINVAL)
        e = self.assert_refused(g, opflow.InvalidArgumentError,
                                distribution="normal")
        self.assertIn("normal", str(e))
        e = self.assert_refused(g, opflow.InvalidArgumentError, threads=-1)
        self.assertIn("threads", str(e))
        e = self.assert_refused(g, opflow.InvalidArgumentError,
                                deadline=float("nan"))
        self.assertIn("deadline", str(e))
        self.assert_refused(g, opflow.InvalidArgumentError,
                            deadline=float("inf"))
        self.assert_refused(g, opflow.InvalidArgumentError, tolerance=-1.0)
        e = self.assert_refused(g, opflow.InvalidArgumentError, sensitivity=2)
        self.assertIn("sensitivity", str(e))
        # error details cleared after the raise
        self.assertEqual(_capi.lib.opflow_error_code(), 0)

    def test_cycle(self):
        g = mixed()
        g.add_flow("ship", "design")
        e = self.assert_refused(g, opflow.CycleError, iterations=10)
        self.assertEqual(e.code, opflow.OPFLOW_ECYCLE)
        self.assertIn("design", e.cycle)
        self.assertIn("ship", e.cycle)
        self.assertEqual(e.cycle[0], "design")  # the smallest id first

    def test_not_finite(self):
        g = opflow.Graph()
        g.add_activity("a", category="manufacturing", estimate=(1e308, 1e308,
                                                                1.7e308))
        g.add_activity("b", category="manufacturing", duration=1.7e308)
        g.add_flow("a", "b")
        self.assert_refused(g, opflow.RangeError, iterations=10)

    def test_python_types(self):
        g = mixed()
        for kw in ({"iterations": True}, {"iterations": 1.0},
                   {"iterations": "10"}, {"iterations": None},
                   {"seed": 1.5}, {"seed": False}, {"seed": None},
                   {"threads": 1.0}, {"threads": True},
                   {"distribution": 1}, {"distribution": None},
                   {"deadline": "90"}, {"deadline": True},
                   {"tolerance": "0"}, {"samples": "yes"},
                   {"samples": None}, {"sensitivity": None},
                   {"progress": 5}, {"progress": "bar"}):
            with self.assertRaises(TypeError, msg=repr(kw)):
                g.simulate(**kw)
        # values C cannot receive
        e = self.assert_refused(g, opflow.InvalidArgumentError, iterations=-5)
        self.assertIn("at least 1", str(e))
        self.assert_refused(g, opflow.RangeError, iterations=1 << 64)
        self.assert_refused(g, opflow.RangeError, seed=-1)
        self.assert_refused(g, opflow.RangeError, seed=1 << 64)
        self.assert_refused(g, opflow.RangeError, threads=1 << 40)
        self.assert_refused(g, opflow.InvalidArgumentError, samples=2)
        self.assert_refused(g, opflow.InvalidArgumentError,
                            distribution="pert\0")
        # the largest seed is fine
        self.assertEqual(g.simulate(3, seed=M64).seed, M64)
        self.assertEqual(g.simulate(3, samples=1).iterations, 3)

    def test_closed_graph(self):
        g = mixed()
        g.close()
        with self.assertRaises(opflow.MisuseError):
            g.simulate(10)

    def test_names(self):
        self.assertEqual(opflow.DISTRIBUTIONS, ("triangular", "pert"))
        self.assertEqual(opflow.MEASURES, ("lead_time", "production_span"))
        for value, name in enumerate(opflow.DISTRIBUTIONS):
            self.assertEqual(opflow.distribution_name(value), name)
            self.assertEqual(opflow.distribution_from_name(name), value)
        for value, name in enumerate(opflow.MEASURES):
            self.assertEqual(opflow.measure_name(value), name)
            self.assertEqual(opflow.measure_from_name(name), value)
        with self.assertRaises(opflow.InvalidArgumentError):
            opflow.distribution_name(2)
        with self.assertRaises(opflow.InvalidArgumentError):
            opflow.measure_from_name("makespan")

    def test_cancelled_error_class(self):
        self.assertEqual(opflow.OPFLOW_ECANCELED, -10)
        self.assertEqual(opflow.CancelledError.code, -10)
        self.assertTrue(issubclass(opflow.CancelledError, opflow.Error))
        self.assertIs(opflow.errors.error_class(-10), opflow.CancelledError)
        self.assertEqual(opflow.strerror(-10), "cancelled")
        with self.assertRaises(opflow.CancelledError) as cm:
            _capi.raise_last_error(-10)
        self.assertEqual(cm.exception.code, -10)
        self.assertIn("CancelledError", opflow.__all__)
        self.assertIn("OPFLOW_ECANCELED", opflow.__all__)

    def test_options_layout(self):
        # the defaults of OPFLOW_SIMULATION_OPTIONS_INIT read back through
        # the structure: its fields sit where C puts them
        o = _capi.SimulationOptions()
        _capi.lib.opflow_simulation_options_init(ctypes.byref(o), 1)
        self.assertEqual((o.version, o.distribution, o.iterations, o.seed,
                          o.threads, o.sensitivity, bool(o.progress),
                          o.progress_payload),
                         (1, 0, 10000, 0, 0, 1, False, None))


class TestProgress(TestCase):
    def test_callback(self):
        g = mixed()
        calls = []
        me = threading.get_ident()

        def progress(done, total):
            calls.append((done, total, threading.get_ident()))

        sim = g.simulate(5000, threads=2, progress=progress)
        self.assertEqual(sim.iterations, 5000)
        self.assertTrue(calls)
        self.assertEqual(calls[-1][:2], (5000, 5000))
        dones = [c[0] for c in calls]
        self.assertEqual(dones, sorted(dones))
        self.assertEqual({c[1] for c in calls}, {5000})
        self.assertEqual({c[2] for c in calls}, {me})
        for done, _, _ in calls:
            self.assertIsInstance(done, int)

    def test_true_return_cancels(self):
        g = mixed()
        before = g.dumps()
        seen = []

        def progress(done, total):
            seen.append(done)
            return done >= 1000

        with self.assertRaises(opflow.CancelledError) as cm:
            g.simulate(20000, threads=1, progress=progress)
        self.assertEqual(cm.exception.code, opflow.OPFLOW_ECANCELED)
        self.assertIn("cancelled", str(cm.exception))
        self.assertLess(max(seen), 20000)
        self.assertEqual(g.dumps(), before)
        # at the very end too
        with self.assertRaises(opflow.CancelledError):
            g.simulate(100, progress=lambda done, total: done == total)
        # a false return goes on
        self.assertEqual(g.simulate(100, progress=lambda d, t: 0).iterations,
                         100)

    def test_exception_propagates(self):
        g = mixed()
        boom = ValueError("boom")
        seen = []

        def progress(done, total):
            seen.append(done)
            raise boom

        # one thread: the calling thread reports between its chunks, so
        # the first call comes before the end
        with self.assertRaises(ValueError) as cm:
            g.simulate(20000, threads=1, progress=progress)
        self.assertIs(cm.exception, boom)
        self.assertEqual(len(seen), 1)  # not called again
        self.assertLess(seen[0], 20000)
        # two threads: the other one may finish every chunk before the
        # calling thread reports, so the only call may be the last
        seen.clear()
        with self.assertRaises(ValueError) as cm:
            g.simulate(20000, threads=2, progress=progress)
        self.assertIs(cm.exception, boom)
        self.assertEqual(len(seen), 1)
        self.assertLessEqual(seen[0], 20000)
        # a BaseException too
        with self.assertRaises(SystemExit):
            g.simulate(1000, progress=lambda d, t: sys.exit(3))
        # the error details are clean, and the graph usable
        self.assertEqual(_capi.lib.opflow_error_code(), 0)
        self.assertEqual(g.simulate(10).iterations, 10)

    def test_graph_cannot_change_from_callback(self):
        g = mixed()

        def progress(done, total):
            g.add_activity("late", category="other")

        with self.assertRaises(opflow.MisuseError):
            g.simulate(100, progress=progress)
        self.assertNotIn("late", g)

    def test_sigint_in_callback(self):
        if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
            self.skipTest("SIGINT has a handler of its own here")
        g = mixed()
        seen = []

        def progress(done, total):
            seen.append(done)
            if len(seen) == 1:
                signal.raise_signal(signal.SIGINT)

        with self.assertRaises(KeyboardInterrupt):
            g.simulate(20000, threads=1, progress=progress)
        self.assertEqual(len(seen), 1)
        self.assertIs(signal.getsignal(signal.SIGINT),
                      signal.default_int_handler)

    def test_sigint_while_c_runs(self):
        # a real Ctrl-C during a run without progress: cut short, raised
        # as KeyboardInterrupt, nothing printed by ctypes
        code = (
            "import os, signal, sys, threading, opflow\n"
            "g = opflow.Graph()\n"
            "ids = g.add_activities(['a%d' % i for i in range(300)],\n"
            "                       categories='manufacturing')\n"
            "g.add_flows(list(ids[:-1]), list(ids[1:]))\n"
            "for k in g.keys():\n"
            "    g[k].estimate = (1, 2, 4)\n"
            "seen = []\n"
            "def progress(done, total):\n"
            "    seen.append(done)\n"
            "    if len(seen) == 2:\n"
            "        threading.Timer(0.01, os.kill,\n"
            "                        (os.getpid(), signal.SIGINT)).start()\n"
            "try:\n"
            "    g.simulate(1000000, threads=2, sensitivity=False,\n"
            "               progress=progress)\n"
            "except KeyboardInterrupt:\n"
            "    print('interrupted', max(seen) < 1000000)\n")
        out = subprocess.run([sys.executable, "-c", code], env=child_env(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             universal_newlines=True, timeout=600)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout.strip(), "interrupted True")
        self.assertNotIn("Exception ignored", out.stderr)

    def test_bar_with_tqdm(self):
        try:
            import tqdm  # noqa: F401
        except ImportError:
            self.skipTest("tqdm is not installed")
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            sim = mixed().simulate(2000, progress=True)
        self.assertEqual(sim.iterations, 2000)
        text = err.getvalue()
        self.assertIn("simulate", text)
        self.assertIn("100%", text)
        self.assertIn("it/s", text)  # tqdm's bar, not the text one

    def test_text_bar_without_tqdm(self):
        err = io.StringIO()
        with mock.patch.dict(sys.modules, {"tqdm": None}), \
                contextlib.redirect_stderr(err):
            mixed().simulate(2000, progress=True)
        text = err.getvalue()
        self.assertIn("\r", text)
        self.assertTrue(text.endswith("100% 2000/2000\n"), repr(text[-60:]))

    def test_default_shows_nothing_off_a_terminal(self):
        err = io.StringIO()
        with contextlib.redirect_stderr(err), \
                mock.patch.object(simulation, "PROGRESS_MIN_WORK", 1):
            mixed().simulate(2000)
            mixed().simulate(2000, progress=False)
        self.assertEqual(err.getvalue(), "")

    def test_default_on_a_terminal(self):
        class Terminal(io.StringIO):
            def isatty(self):
                return True

        try:
            import tqdm  # noqa: F401
            have_tqdm = True
        except ImportError:
            have_tqdm = False
        g = mixed()  # 8 activities
        # a short run: no bar
        err = Terminal()
        with contextlib.redirect_stderr(err), \
                mock.patch.object(simulation, "PROGRESS_MIN_WORK", 8001):
            g.simulate(1000)
        self.assertEqual(err.getvalue(), "")
        # a long one: tqdm's bar, when it is there
        err = Terminal()
        with contextlib.redirect_stderr(err), \
                mock.patch.object(simulation, "PROGRESS_MIN_WORK", 8000):
            g.simulate(1000)
        self.assertEqual(bool(err.getvalue()), have_tqdm)
        # and never the text bar
        err = Terminal()
        with mock.patch.dict(sys.modules, {"tqdm": None}), \
                contextlib.redirect_stderr(err), \
                mock.patch.object(simulation, "PROGRESS_MIN_WORK", 1):
            g.simulate(1000)
        self.assertEqual(err.getvalue(), "")


class TestLarge(TestCase):
    def test_columns_at_1e5_activities(self):
        # 10^5 activities: the mappings are read as columns (a loop of
        # C calls per activity would take seconds under valgrind or ASan)
        n = 100000
        g = opflow.Graph()
        keys = ["a%d" % i for i in range(n)]
        ids = g.add_activities(keys, categories="manufacturing",
                               durations=1.0)
        g.add_flows(list(ids[:-1]), list(ids[1:]))
        g["a7"].estimate = (1, 2, 4)
        sim = g.simulate(3, seed=1)
        crit = sim.criticality
        self.assertEqual(len(crit), n)
        self.assertEqual(list(crit)[:3], keys[:3])
        self.assertEqual(crit["a99999"], 1.0)
        self.assertEqual(sum(sim.sensitivity.values()),
                         sim.sensitivity["a7"])
        self.assertClose(sim.sensitivity["a7"], 1.0, 1e-12)
        # the keys from the simulation itself once the graph changed
        sim2 = g.simulate(2, seed=1)
        g.remove_activity("a0")
        self.assertEqual(list(sim2.cruciality)[:2], ["a0", "a1"])
        self.assertEqual(len(sim2.cruciality), n)


if __name__ == "__main__":
    unittest.main()
