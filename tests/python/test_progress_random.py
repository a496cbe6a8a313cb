"""The library, through the Python bindings, against the independent model
tests/progress_reference.py on random graphs with progress.

Every graph comes from a fixed seed (random.Random(seed)), so a run is
deterministic and a failing graph can be replayed: the failure message
gives the seed and the whole graph (activities, flows, options) in the form
the reference reads (seeds 1-5000 with a status date, 100001-100600 plans,
200001-200040 refusals, 300001-301000 in tenths), and

    python3 tests/python/test_progress_random.py --replay SEED

(with OPFLOW_LIBRARY naming the built library) prints both results for
that seed side by side.

The graphs are small (1 to 12 activities) random DAGs whose flows follow a
random order of the activities, not their id order, and are added in a
random order; flows of all four types, lags negative, zero and positive,
durations including 0, work completed (AS <= AF <= D), in progress
(AS <= D; R given, 0 or not given), not started (sometimes with R given),
date constraints (some of them impossible, making floats negative), status
dates negative, zero and positive, both logics, sometimes a deadline, a
tolerance and a near-critical threshold; a share of plans (no status date:
actuals and R are set but ignored) with date constraints; and a few graphs
with an actual time after the status date, which both must refuse.

Most graphs have all their numbers in multiples of 1/4, so every time and
float is exact in binary64 and no decision (critical, near-critical,
driving) hangs on a rounding error; a further family has them in tenths,
which round.  Compared per activity: state, es, ef, ls, lf,
remaining_start, the work left (column "remaining"), total and free float
(within 1e-9 relative), critical, near-critical and the driving flow
(exactly; the reference models it by the library's rule, the first-added
kept flow whose slack is within the critical tolerance, so it is compared
too); and the forecast lead time.
"""
import math
import os
import random
import sys
import unittest

from support import TOP_SRCDIR, opflow

sys.path.insert(0, os.path.join(TOP_SRCDIR, "tests"))
import progress_reference  # noqa: E402

TYPES = ("FS", "SS", "FF", "SF")
DURATIONS = (0, 0, 0.5, 1, 1, 2, 2, 3, 4, 5, 2.25, 7.5)
LAGS = (-3, -1.5, -1, -0.25, 0, 0, 0, 0, 0.5, 1, 2, 4)
CONSTRAINTS = (("start_no_earlier_than", 0.2),
               ("finish_no_earlier_than", 0.15),
               ("start_no_later_than", 0.15),
               ("finish_no_later_than", 0.2))
REL = 1e-9

# Seeds of each family of graphs (each seed makes one graph).
PROGRESS_SEEDS = range(1, 5001)          # with a status date
PLAN_SEEDS = range(100001, 100601)       # without one, with constraints
DECIMAL_SEEDS = range(300001, 301001)    # times in tenths, not exact
REFUSAL_SEEDS = range(200001, 200041)    # an actual after the status date


def quarter(rng, lo, hi):
    """A multiple of 1/4 in [lo, hi]."""
    return rng.randint(int(lo * 4), int(hi * 4)) / 4.0


def tenth(rng, lo, hi):
    """A multiple of 1/10 in about [lo, hi], not exact in binary64."""
    return rng.randint(int(lo * 10), int(hi * 10)) * 0.1


def make_case(seed, family):
    """The graph and options of one seed: (activities, flows, options) in
    the form progress_reference.analyze reads."""
    rng = random.Random(seed)
    if family == "decimal":
        def number(lo, hi):
            return tenth(rng, lo, hi)

        def duration():
            return rng.choice((0, tenth(rng, 0, 8)))

        def lag():
            return rng.choice((0, tenth(rng, -3, 4)))
    else:
        def number(lo, hi):
            return quarter(rng, lo, hi)

        def duration():
            return rng.choice(DURATIONS)

        def lag():
            return rng.choice(LAGS)
    n = rng.randint(1, 12)
    keys = ["a%d" % i for i in range(n)]
    # the flows go forward along a random order, not the id order
    topo = list(keys)
    rng.shuffle(topo)
    density = rng.choice((0.1, 0.25, 0.4, 0.6))
    flows = []
    for i in range(n):
        for j in range(i + 1, n):
            if rng.random() < density:
                types = rng.sample(TYPES, 2 if rng.random() < 0.1 else 1)
                for t in types:
                    flows.append((topo[i], topo[j], t, lag()))
    rng.shuffle(flows)                   # flow ids in a random order

    if family == "plan":
        status_date = None
    else:
        status_date = rng.choice((
            -3.0, -0.5, 0.0, 0.0, number(0, 4), number(0, 12),
            number(0, 12), number(0, 25)))
    D = status_date if status_date is not None else number(-2, 12)
    weights = rng.choice(((1, 1, 1), (3, 1, 1), (1, 3, 1), (1, 1, 3)))

    acts = []
    for k in keys:
        a = {"key": k, "duration": duration()}
        state = rng.choices(("done", "busy", "todo"), weights)[0]
        if state == "done":
            a["actual_start"] = min(D, number(min(D, 0) - 3, D))
            a["actual_finish"] = min(D, max(a["actual_start"],
                                            number(a["actual_start"], D)))
            if rng.random() < 0.1:
                a["remaining"] = rng.choice((0.0, 2.0))    # ignored
        elif state == "busy":
            a["actual_start"] = min(D, number(min(D, 0) - 3, D))
            if rng.random() < 0.4:
                a["remaining"] = rng.choice((0.0, 0.0, 1.0, 2.5, 6.0))
        elif rng.random() < 0.2:
            a["remaining"] = rng.choice((0.0, 1.0, 3.5, 9.0))
        for field, p in CONSTRAINTS:
            if rng.random() < p:
                a[field] = number(-2, 25)
        if rng.random() < 0.3:
            a["production"] = True
        acts.append(a)
    if family == "refusal":
        a = rng.choice(acts)
        a.pop("actual_finish", None)
        a["actual_start"] = D + rng.choice((0.25, 1.0, 5.0))
        if rng.random() < 0.5:                   # AF after D instead
            a["actual_start"] = D - 1.0
            a["actual_finish"] = D + 0.5

    options = {"status_date": status_date,
               "logic": rng.choice(("retained", "override"))}
    if rng.random() < 0.3:
        options["deadline"] = number(0, 30)
    if rng.random() < 0.15:
        # tolerance 0 (exact floats) only where the arithmetic is exact
        options["tolerance"] = rng.choice(
            (0.5, 2.0) if family == "decimal" else (0.0, 0.5, 2.0))
    if rng.random() < 0.3:
        options["near_critical"] = rng.choice((0.5, 1.0, 3.0))
    return acts, flows, options


def library_result(acts, flows, options):
    """The library's results of one case, in the reference's form plus the
    state and remaining start of the records (None in a plan)."""
    g = opflow.Graph()
    for a in acts:
        g.add_activity(a["key"], duration=a["duration"],
                       category="manufacturing" if a.get("production")
                       else "other")
    for src, dst, ftype, lag in flows:
        g.add_flow(src, dst, ftype, lag)
    for a in acts:
        view = g[a["key"]]
        for field in opflow.TRACKING_FIELDS:     # AS before AF
            if a.get(field) is not None:
                setattr(view, field, a[field])
    res = g.analyze(**options)
    remaining = res.column("remaining").tolist()
    state = res.column("state").tolist()
    rstart = res.column("remaining_start").tolist()
    out = {}
    for i, r in enumerate(res.schedule()):
        out[r.key] = {
            "state": opflow.state_name(int(state[i])),
            "es": r.es, "ef": r.ef, "ls": r.ls, "lf": r.lf,
            "remaining_start": rstart[i],
            "remaining": remaining[i],
            "total_float": r.total_float, "free_float": r.free_float,
            "critical": r.critical, "near_critical": r.near_critical,
            "driving_flow": None if r.driving_flow is None
            else r.driving_flow.id,
            "record_state": r.state,
            "record_remaining_start": r.remaining_start,
        }
    return {"lead_time": res.lead_time, "activities": out}


def close(a, b):
    if a is None or b is None:
        return a is b
    return abs(a - b) <= REL * max(1.0, abs(a), abs(b))


TIMES = ("es", "ef", "ls", "lf", "remaining_start", "remaining",
         "total_float", "free_float")
EXACT = ("state", "critical", "near_critical", "driving_flow")


def differences(want, got, plan):
    """The fields where the library (got) differs from the reference
    (want), as lines of text; empty when they agree."""
    out = []
    if not close(want["lead_time"], got["lead_time"]):
        out.append("lead_time: reference %r, library %r"
                   % (want["lead_time"], got["lead_time"]))
    for key, w in want["activities"].items():
        g = got["activities"][key]
        for field in TIMES:
            if not close(w[field], g[field]):
                out.append("%s.%s: reference %r, library %r"
                           % (key, field, w[field], g[field]))
        for field in EXACT:
            if w[field] != g[field]:
                out.append("%s.%s: reference %r, library %r"
                           % (key, field, w[field], g[field]))
        # the records: state and remaining start with a status date only
        rs = None if plan else w["state"]
        rr = None if plan else w["remaining_start"]
        if g["record_state"] != rs or not close(rr,
                                                 g["record_remaining_start"]):
            out.append("%s record state/remaining_start: %r/%r, expected "
                       "%r/%r" % (key, g["record_state"],
                                  g["record_remaining_start"], rs, rr))
    return out


def describe(seed, family, acts, flows, options):
    lines = ["seed %d (%s); replay: python3 tests/python/"
             "test_progress_random.py --replay %d" % (seed, family, seed),
             "activities = ["]
    lines += ["    %r," % (a,) for a in acts]
    lines.append("]")
    lines.append("flows = [")
    lines += ["    %r,  # flow %d" % (f, i) for i, f in enumerate(flows)]
    lines.append("]")
    lines.append("options = %r" % (options,))
    return "\n".join(lines)


def family_of(seed):
    if seed in DECIMAL_SEEDS:
        return "decimal"
    if seed in REFUSAL_SEEDS:
        return "refusal"
    if seed in PLAN_SEEDS:
        return "plan"
    return "progress"


class RandomGraphs(unittest.TestCase):
    MAX_REPORTED = 3

    def run_seeds(self, seeds, family):
        failures = []
        count = 0
        for seed in seeds:
            acts, flows, options = make_case(seed, family)
            want = progress_reference.analyze(acts, flows, **options)
            got = library_result(acts, flows, options)
            diff = differences(want, got, options["status_date"] is None)
            count += 1
            if diff:
                failures.append(describe(seed, family, acts, flows, options)
                                + "\n" + "\n".join(diff))
        self.assertEqual(count, len(seeds))
        if failures:
            self.fail("%d of %d %s graphs differ; the first:\n\n%s"
                      % (len(failures), count, family, "\n\n".join(
                          failures[:self.MAX_REPORTED])))

    def test_progress(self):
        self.run_seeds(PROGRESS_SEEDS, "progress")

    def test_plan(self):
        self.run_seeds(PLAN_SEEDS, "plan")

    def test_decimal(self):
        # Durations, lags and dates in tenths: the sums round in binary64,
        # so the two may differ in the last bits (within the 1e-9 relative
        # tolerance); floats within the rounding tolerance are reported as
        # 0 by both, and what is critical or driving is decided within a
        # tolerance far above such differences.
        self.run_seeds(DECIMAL_SEEDS, "decimal")

    def test_refusals(self):
        # An actual time after the status date: both refuse the analysis,
        # the library with a ValueError (InvalidArgumentError) naming the
        # activity, as the reference does.
        for seed in REFUSAL_SEEDS:
            acts, flows, options = make_case(seed, "refusal")
            with self.assertRaises(ValueError,
                                   msg=describe(seed, "refusal", acts, flows,
                                                options)) as ref:
                progress_reference.analyze(acts, flows, **options)
            culprit = ref.exception.args[0].split("'")[1]
            with self.assertRaises(opflow.InvalidArgumentError,
                                   msg=describe(seed, "refusal", acts, flows,
                                                options)) as lib:
                library_result(acts, flows, options)
            self.assertIn(culprit, str(lib.exception),
                          describe(seed, "refusal", acts, flows, options))

    def test_seeds_make_what_they_should(self):
        # The generator covers what it is meant to: every state, flow type,
        # logic, constraint, negative and zero lags, durations and status
        # dates, deadlines, and some negative total float.
        seen = set()
        for seed in PROGRESS_SEEDS[:600]:
            acts, flows, options = make_case(seed, "progress")
            want = progress_reference.analyze(acts, flows, **options)
            seen.add(("logic", options["logic"]))
            seen.update(("type", f[2]) for f in flows)
            seen.update(("lag", math.copysign(1, f[3]) if f[3] else 0)
                        for f in flows)
            D = options["status_date"]
            seen.add(("D", math.copysign(1, D) if D else 0))
            if "deadline" in options:
                seen.add("deadline")
            for a in acts:
                seen.update(("field", f) for f in a)
                if a["duration"] == 0:
                    seen.add("zero duration")
            for v in want["activities"].values():
                seen.add(("state", v["state"]))
                if v["total_float"] < 0:
                    seen.add("negative float")
        for item in [("logic", "retained"), ("logic", "override"),
                     ("D", -1), ("D", 0), ("D", 1), ("lag", -1), ("lag", 0),
                     ("lag", 1), "deadline", "zero duration",
                     "negative float", ("field", "remaining"),
                     ("state", "completed"), ("state", "in-progress"),
                     ("state", "not-started")] + [
                         ("type", t) for t in TYPES] + [
                         ("field", f) for f, _ in CONSTRAINTS]:
            self.assertIn(item, seen)


def replay(seed):
    family = family_of(seed)
    acts, flows, options = make_case(seed, family)
    print(describe(seed, family, acts, flows, options))
    want = progress_reference.analyze(acts, flows, **options)
    got = library_result(acts, flows, options)
    print("lead_time: reference %r, library %r"
          % (want["lead_time"], got["lead_time"]))
    for key, w in want["activities"].items():
        g = got["activities"][key]
        print(key)
        for field in TIMES + EXACT:
            print("    %-16s %-22r %r%s" % (field, w[field], g[field],
                                            "" if (close(w[field], g[field])
                                                   if field in TIMES
                                                   else w[field] == g[field])
                                            else "   <<<"))
    print("\n".join(differences(want, got, options["status_date"] is None))
          or "no difference")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--replay":
        replay(int(sys.argv[2]))
    else:
        unittest.main()
