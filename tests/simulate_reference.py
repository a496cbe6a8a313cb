#!/usr/bin/env python3
"""simulate_reference.py - an independent model of opflow_simulate().

The draws of libopflow(7), "Monte Carlo schedule risk" (splitmix64
seeding one xoshiro256** stream per iteration, the triangular inverse
distribution function, beta-PERT from two Marsaglia-Tsang gamma variates
over Marsaglia's polar normals) and a forward pass over the four flow
types, written from their description in plain Python floats (IEEE
double, evaluated in the order written) and integers masked to 64 bits;
nothing of the library is used.  It simulates the small value chain
below and gives the figures that tests/check_simulate.c pins to the bit.

    python3 tests/simulate_reference.py           compares its figures
                                                  with those pinned in
                                                  tests/check_simulate.c
    python3 tests/simulate_reference.py --print   prints them as C

The value chain (ids in the order added; P: a production activity):
    0 pack    packaging        P  estimate 1 / 2 / 4
    1 design  product-dev.        estimate 3 / 5 / 9
    2 buy     procurement      P  4
    3 cut     manufacturing    P  estimate 2 / 3 / 7
    4 weld    assembly         P  estimate 4 / 4 / 4   (o == p: no draw)
    5 sell    sales               2
    6 ship    logistics           estimate 1 / 1 / 3   (m == o)
    7 test    quality-control  P  estimate 0.5 / 1.5 / 2
flows: design -FS-> cut, buy -FS +1-> cut, cut -SS +1-> weld,
cut -FF +2-> weld, weld -FS -0.5-> pack, buy -SS +0.5-> test,
test -FF-> pack, pack -FS-> ship, design -SF +6-> sell, ship -FS-> sell.
The draws are in id order (pack first), not in the order of the passes.
"""

import math
import os
import re
import sys

MASK = (1 << 64) - 1
SEED = 0xC0FFEE1234567890
ITERATIONS = 1000
SAMPLES = 8             # the first samples pinned

FS, SS, FF, SF = 0, 1, 2, 3

# key, production, fixed duration or None, estimate or None
ACTIVITIES = [
    ("pack", True, None, (1.0, 2.0, 4.0)),
    ("design", False, None, (3.0, 5.0, 9.0)),
    ("buy", True, 4.0, None),
    ("cut", True, None, (2.0, 3.0, 7.0)),
    ("weld", True, None, (4.0, 4.0, 4.0)),
    ("sell", False, 2.0, None),
    ("ship", False, None, (1.0, 1.0, 3.0)),
    ("test", True, None, (0.5, 1.5, 2.0)),
]

# source, target, type, lag
FLOWS = [
    (1, 3, FS, 0.0),
    (2, 3, FS, 1.0),
    (3, 4, SS, 1.0),
    (3, 4, FF, 2.0),
    (4, 0, FS, -0.5),
    (2, 7, SS, 0.5),
    (7, 0, FF, 0.0),
    (0, 6, FS, 0.0),
    (1, 5, SF, 6.0),
    (6, 5, FS, 0.0),
]


# ------------------------------------------------------------ the streams

def splitmix64(state):
    """Returns (the output, the advanced state)."""
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31), state


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class Stream:
    """xoshiro256** seeded for one iteration."""

    def __init__(self, seed, iteration):
        out, _ = splitmix64(iteration)
        start = seed ^ out
        self.s = []
        for _ in range(4):
            out, start = splitmix64(start)
            self.s.append(out)

    def next(self):
        s = self.s
        out = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return out

    def uniform(self):
        return float(self.next() >> 11) * 2.0 ** -53

    def normal(self):
        while True:
            x = 2.0 * self.uniform() - 1.0
            y = 2.0 * self.uniform() - 1.0
            s = x * x + y * y
            if 0.0 < s < 1.0:
                return x * math.sqrt(-2.0 * math.log(s) / s)

    def gamma(self, shape):
        d = shape - 1.0 / 3.0
        c = 1.0 / math.sqrt(9.0 * d)
        while True:
            z = self.normal()
            v = 1.0 + c * z
            if v <= 0.0:
                continue
            v = v * v * v
            u = self.uniform()
            if u < 1.0 - 0.0331 * (z * z) * (z * z):
                return d * v
            if math.log(u) < 0.5 * z * z + d * (1.0 - v + math.log(v)):
                return d * v


def draw(stream, estimate, distribution):
    o, m, p = estimate
    w = p - o
    if not w > 0.0:
        return o
    if distribution == "triangular":
        a = (m - o) / w
        b = (p - m) / w
        u = stream.uniform()
        if u < a:
            return o + w * math.sqrt(u * a)
        return (o + w) - w * math.sqrt((1.0 - u) * b)
    alpha = 1.0 + 4.0 * ((m - o) / w)
    beta = 1.0 + 4.0 * ((p - m) / w)
    g = stream.gamma(alpha)
    h = stream.gamma(beta)
    return o + w * (g / (g + h))


# ------------------------------------------------------------ the passes

def topological_order():
    n = len(ACTIVITIES)
    indegree = [0] * n
    for _, t, _, _ in FLOWS:
        indegree[t] += 1
    ready = [i for i in range(n) if indegree[i] == 0]
    order = []
    while ready:
        a = ready.pop()
        order.append(a)
        for s, t, _, _ in FLOWS:
            if s == a:
                indegree[t] -= 1
                if indegree[t] == 0:
                    ready.append(t)
    assert len(order) == n, "the value chain has a cycle"
    return order


def bound(kind, es_a, d_a, lag, d_b):
    """Where a flow puts the early start of its target."""
    if kind == FS:
        return es_a + d_a + lag
    if kind == SS:
        return es_a + lag
    if kind == FF:
        return es_a + d_a + lag - d_b
    return es_a + lag - d_b


def finish(order, dur, keep):
    """The latest early finish of the activities keep() admits, counting
    the flows among them alone; every start at least 0."""
    es = {}
    end = 0.0
    for k in order:
        if not keep(k):
            continue
        s = 0.0
        for a, b, kind, lag in FLOWS:
            if b == k and keep(a):
                v = bound(kind, es[a], dur[a], lag, dur[k])
                if v > s:
                    s = v
        es[k] = s
        if s + dur[k] > end:
            end = s + dur[k]
    return end


def simulate(distribution, seed=SEED, iterations=ITERATIONS):
    order = topological_order()
    lead, span = [], []
    for i in range(iterations):
        stream = Stream(seed, i)
        dur = []
        for _, _, fixed, estimate in ACTIVITIES:
            if estimate is None:
                dur.append(fixed)
            else:
                dur.append(draw(stream, estimate, distribution))
        lead.append(finish(order, dur, lambda k: True))
        span.append(finish(order, dur, lambda k: ACTIVITIES[k][1]))
    return lead, span


# ------------------------------------------------------------- statistics

def mean(x):
    total = 0.0
    for v in x:
        total += v
    return total / len(x)


def stddev(x):
    mu = mean(x)
    total = 0.0
    for v in x:
        total += (v - mu) * (v - mu)
    return math.sqrt(total / (len(x) - 1))


def figures():
    """name -> list of floats, in the order check_simulate.c pins them."""
    out = {}
    for distribution, tag in (("triangular", "tri"), ("pert", "pert")):
        lead, span = simulate(distribution)
        ordered = sorted(lead)
        # P80 of 1000 samples: rank ceil(0.8 * 1000) = 800
        out["ref_%s_lead" % tag] = [mean(lead), stddev(lead), ordered[0],
                                    ordered[-1], ordered[799]]
        out["ref_%s_lead_samples" % tag] = lead[:SAMPLES]
        out["ref_%s_span" % tag] = [mean(span), stddev(span)]
        out["ref_%s_span_samples" % tag] = span[:SAMPLES]
    return out


def c_text(figs):
    lines = []
    for name, values in figs.items():
        lines.append("static const double %s[] = {" % name)
        for v in values:
            lines.append("\t%s, /* %.17g */" % (v.hex(), v))
        lines.append("};")
    return "\n".join(lines) + "\n"


def pinned(path):
    """The arrays ref_* of check_simulate.c, as floats."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    arrays = {}
    for m in re.finditer(r"static const double (ref_\w+)\[\] = \{(.*?)\};",
                         text, re.S):
        body = re.sub(r"/\*.*?\*/", "", m.group(2), flags=re.S)
        arrays[m.group(1)] = [float.fromhex(t.strip())
                              for t in body.split(",") if t.strip()]
    return arrays


def main(argv):
    figs = figures()
    if argv[1:] == ["--print"]:
        sys.stdout.write(c_text(figs))
        return 0
    if argv[1:]:
        sys.stderr.write("usage: simulate_reference.py [--print]\n")
        return 2
    src = os.environ.get("abs_top_srcdir") or os.environ.get("top_srcdir")
    path = (os.path.join(src, "tests", "check_simulate.c") if src else
            os.path.join(os.path.dirname(os.path.abspath(__file__)),
                         "check_simulate.c"))
    have = pinned(path)
    bad = 0
    for name, values in figs.items():
        if have.get(name) != values:
            sys.stdout.write("%s: pinned %s, computed %s\n" % (
                name, [v.hex() for v in have.get(name, [])],
                [v.hex() for v in values]))
            bad += 1
    extra = sorted(set(have) - set(figs))
    for name in extra:
        sys.stdout.write("%s: pinned but not computed here\n" % name)
    if bad or extra:
        return 1
    sys.stdout.write("%d arrays of %s agree with the reference\n" %
                     (len(figs), path))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
