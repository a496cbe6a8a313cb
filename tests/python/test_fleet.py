"""examples/fleet.py run small: with Dask's synchronous scheduler when Dask
can be imported, with concurrent.futures otherwise (and always with
concurrent.futures' threads, which must agree).  Every order's lead time,
lateness and critical departments are checked against a critical path
computed here, independently, from the order's drawn durations and the
example's routing; the table's counts against the rows."""
import collections
import csv
import importlib.util
import os
import subprocess
import sys
import tempfile
import unittest

from support import (TOP_SRCDIR, TestCase, child_env,  # (the path to opflow)
                     run_where_importable)

if __name__ == "__main__":
    run_where_importable("dask")

EXAMPLE = os.path.join(TOP_SRCDIR, "examples", "fleet.py")

spec = importlib.util.spec_from_file_location("fleet", EXAMPLE)
fleet = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fleet)

try:
    import dask.bag  # noqa: F401
    HAVE_DASK = True
except ImportError:  # pragma: no cover - depends on the machine
    HAVE_DASK = False

ORDERS = 60
SEED = 7


def critical_path(durations):
    """Early and late times by DESIGN's passes, over the routing in its
    order (a topological one, checked), the project start 0 and H = T:
    (lead time, set of critical keys)."""
    keys = [r[0] for r in fleet.ROUTING]
    pos = {k: i for i, k in enumerate(keys)}
    es, ef = {}, {}
    for k in keys:
        d = durations[k]
        start = 0.0
        for a, b, t, lag in fleet.FLOWS:
            if b != k:
                continue
            assert pos[a] < pos[b], "the routing is not in topological order"
            start = max(start, {"FS": ef[a] + lag, "SS": es[a] + lag,
                                "FF": ef[a] + lag - d,
                                "SF": es[a] + lag - d}[t])
        es[k], ef[k] = start, start + d
    T = max(ef.values())
    ls, lf = {}, {}
    for k in reversed(keys):
        d = durations[k]
        finish = T
        for a, b, t, lag in fleet.FLOWS:
            if a != k:
                continue
            finish = min(finish, {"FS": ls[b] - lag, "SS": ls[b] - lag + d,
                                  "FF": lf[b] - lag,
                                  "SF": lf[b] - lag + d}[t])
        lf[k], ls[k] = finish, finish - d
    return T, {k for k in keys if abs(ls[k] - es[k]) <= 1e-9}


def expected(number, seed=SEED):
    order = fleet.draw_order(seed, number)
    T, critical = critical_path(order.durations)
    departments = sorted({dept for key, _c, dept, _e in fleet.ROUTING
                          if key in critical})
    return {"order": number, "lead_time": T, "due": order.due,
            "late_by": max(0.0, T - order.due),
            "critical_departments": departments}


class Routing(TestCase):
    def test_most_likely_order_by_hand(self):
        """Every duration at its most likely value: order-entry 0-2;
        engineering 2-8, buy-steel 2-26, buy-axles 2-42; cut after both
        26-29; weld SS +1 from 27, FF +1 ends >= 30: 27-33; paint FS +2
        35-39; assemble FS +12 from 51 (axles 42): 51-59; inspect
        59-60.5; ship 60.5-68.5.  Critical: all but engineering and
        buy-axles."""
        likely = {key: est[1] for key, _c, _d, est in fleet.ROUTING}
        with fleet.build_order(fleet.Order(0, likely, 72.0)) as g:
            res = g.analyze()
        self.assertEqual(res.lead_time, 68.5)
        self.assertEqual(res["weld"].es, 27.0)
        self.assertEqual(res["assemble"].es, 51.0)
        self.assertEqual([r.key for r in res if not r.critical],
                         ["engineering", "buy-axles"])
        self.assertEqual(critical_path(likely),
                         (68.5, {"order-entry", "buy-steel", "cut", "weld",
                                 "paint", "assemble", "inspect", "ship"}))

    def test_draws(self):
        for number in range(20):
            order = fleet.draw_order(SEED, number)
            self.assertEqual(order, fleet.draw_order(SEED, number))
            self.assertIn(order.due, fleet.PROMISES)
            for key, _c, _d, (o, _m, p) in fleet.ROUTING:
                d = order.durations[key]
                self.assertEqual(d * 4, int(d * 4))   # quarter hours
                self.assertTrue(o <= d <= p, (key, d))
        self.assertNotEqual(fleet.draw_order(SEED, 1).durations,
                            fleet.draw_order(SEED + 1, 1).durations)


class Fleet(TestCase):
    def check_rows(self, rows):
        self.assertEqual([r["order"] for r in rows], list(range(ORDERS)))
        for r in rows:
            want = expected(r["order"])
            self.assertEqual(r["critical_departments"],
                             want["critical_departments"], r["order"])
            for name in ("lead_time", "due", "late_by"):
                self.assertClose(r[name], want[name], 1e-9,
                                 "order %d %s" % (r["order"], name))

    def test_default_executor(self):
        if HAVE_DASK:
            rows = fleet.run(ORDERS, SEED, "dask", "synchronous",
                             partitions=7)
        else:  # pragma: no cover - without dask
            rows = fleet.run(ORDERS, SEED, "futures", "synchronous")
        self.check_rows(rows)
        # threads of concurrent.futures agree (and so any executor: each
        # order draws from its own stream)
        self.assertEqual(fleet.run(ORDERS, SEED, "futures", "threads",
                                   workers=3), rows)

    def test_summary(self):
        rows = [expected(n) for n in range(ORDERS)]
        s = fleet.summarise(rows, top=3)
        leads = sorted(r["lead_time"] for r in rows)
        late = [r for r in rows if r["lead_time"] > r["due"]]
        self.assertEqual(s["orders"], ORDERS)
        self.assertEqual(s["late"], len(late))
        self.assertGreater(len(late), 0)
        self.assertClose(s["mean"], sum(leads) / ORDERS, 1e-9)
        self.assertEqual(s["max"], leads[-1])
        self.assertEqual(s["p90"], leads[53])   # nearest rank: 54th of 60
        worst = max(r["lead_time"] - r["due"] for r in late)
        self.assertClose(s["latest"][0]["late_by"], worst)
        self.assertEqual(len(s["latest"]), 3)
        counts = collections.Counter()
        for r in rows:
            counts.update(r["critical_departments"])
        self.assertEqual(dict(s["departments"]), dict(counts))
        self.assertEqual([c for _d, c in s["departments"]],
                         sorted(counts.values(), reverse=True))
        text = fleet.table(s)
        self.assertIn("Orders            %d" % ORDERS, text)
        self.assertIn("Late orders       %d" % len(late), text)

    def test_command(self):
        d = tempfile.mkdtemp(prefix="opflow-fleet-")
        path = os.path.join(d, "orders.csv")
        try:
            args = [sys.executable, EXAMPLE, "--orders", str(ORDERS),
                    "--seed", str(SEED), "--scheduler", "synchronous",
                    "--csv", path]
            if not HAVE_DASK:  # pragma: no cover
                args += ["--executor", "futures"]
            out = subprocess.run(args, env=child_env(),
                                 stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE,
                                 universal_newlines=True, timeout=300)
            self.assertEqual(out.returncode, 0, out.stderr)
            self.assertIn("Fleet of %d orders (seed %d), %s on synchronous"
                          % (ORDERS, SEED,
                             "dask" if HAVE_DASK else "futures"),
                          out.stdout)
            late = sum(1 for n in range(ORDERS) if expected(n)["late_by"])
            self.assertIn("Late orders       %d (" % late, out.stdout)
            with open(path, newline="", encoding="utf-8") as f:
                table = list(csv.DictReader(f))
        finally:
            if os.path.exists(path):
                os.remove(path)
            os.rmdir(d)
        self.assertEqual(len(table), ORDERS)
        for row in table:
            want = expected(int(row["order"]))
            self.assertEqual(float(row["lead_time"]), want["lead_time"])
            self.assertEqual(row["critical_departments"],
                             ";".join(want["critical_departments"]))

    def test_refuses_dask_without_it(self):
        if HAVE_DASK:
            self.skipTest("dask is installed")
        out = subprocess.run([sys.executable, EXAMPLE, "--executor", "dask"],
                             env=child_env(), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE,
                             universal_newlines=True, timeout=120)
        self.assertEqual(out.returncode, 2)
        self.assertIn("dask cannot be imported", out.stderr)


if __name__ == "__main__":
    unittest.main()
