"""The optional bridges of opflow.frames: Analysis.to_pandas,
Graph.from_pandas, Graph/Analysis.to_networkx, Graph.from_networkx and
Analysis.plot.  Each part is skipped when its package (pandas, networkx,
matplotlib) cannot be imported; that opflow never imports them itself, and
the ImportError when they are missing, are checked in child processes
whatever is installed.

The frame-shop example of the bindings' README, worked by hand (FS unless
said; DESIGN's critical path method):

  design 15 (Engineering, product-development: operation)
  cut 2 (Frame shop, manufacturing)       design -> cut
  weld 6, estimate 4/6/10 (Frame shop)    cut -> weld FS +0.5
  ship 3 (Logistics, distribution)        weld -> ship SS +2

  forward: design 0-15, cut 15-17, weld 17.5-23.5, ship SS 17.5+2 =
  19.5-22.5; T = 23.5.  backward (H = T): ship LF 23.5 LS 20.5; weld LF
  23.5, LS = min(23.5 - 6, LS(ship) - 2 = 18.5) = 17.5; cut LF = LS(weld)
  - 0.5 = 17, LS 15; design LF 15, LS 0.  TF: 0, 0, 0, 1.  FF: design
  ES(cut) - EF(design) = 0, cut 17.5 - 0.5 - 17 = 0, weld SS 19.5 - 2 -
  17.5 = 0 (and H - EF = 0), ship H - EF = 1.  Critical: design, cut,
  weld.  Stages: design reaches production and is not reached from it
  (pre-production), ship the other way round (post-production).
"""
import datetime as dt
import os
import subprocess
import sys
import unittest

from support import (TOP_SRCDIR, TestCase, child_env, opflow,
                     run_where_importable)

if __name__ == "__main__":
    run_where_importable("pandas", "networkx", "matplotlib")

try:
    import pandas as pd
except ImportError:  # pragma: no cover - depends on the machine
    pd = None
try:
    import networkx as nx
except ImportError:  # pragma: no cover
    nx = None
try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import dates as mdates
except ImportError:  # pragma: no cover
    matplotlib = None

needs_pandas = unittest.skipIf(pd is None, "pandas cannot be imported")
needs_networkx = unittest.skipIf(nx is None, "networkx cannot be imported")
needs_matplotlib = unittest.skipIf(matplotlib is None,
                                   "matplotlib cannot be imported")

KEYS = ["design", "cut", "weld", "ship"]
# by hand (module docstring)
PLAN = {
    #         duration es    ef    ls    lf    TF   FF   critical stage
    "design": (15.0, 0.0, 15.0, 0.0, 15.0, 0.0, 0.0, True,
               "pre-production"),
    "cut": (2.0, 15.0, 17.0, 15.0, 17.0, 0.0, 0.0, True, "production"),
    "weld": (6.0, 17.5, 23.5, 17.5, 23.5, 0.0, 0.0, True, "production"),
    "ship": (3.0, 19.5, 22.5, 20.5, 23.5, 1.0, 1.0, False,
             "post-production"),
}
DEPARTMENTS = {"design": "Engineering", "cut": "Frame shop",
               "weld": "Frame shop", "ship": "Logistics"}
CATEGORIES = {"design": "product-development", "cut": "manufacturing",
              "weld": "manufacturing", "ship": "distribution"}
KINDS = {"design": "operation", "cut": "production", "weld": "production",
         "ship": "operation"}


def frame_shop():
    g = opflow.Graph()
    g.add_activity("design", category="product-development",
                   department="Engineering", duration=15)
    g.add_activity("cut", category="manufacturing", department="Frame shop",
                   duration=2)
    g.add_activity("weld", kind="production", category="manufacturing",
                   department="Frame shop", duration=6.0,
                   estimate=(4, 6, 10), label="Weld frame")
    g.add_activity("ship", category="distribution", department="Logistics",
                   duration=3)
    g.add_flow("design", "cut")
    g.add_flow("cut", "weld", type="FS", lag=0.5)
    g.add_flow("weld", "ship", type="SS", lag=2)
    return g


def one_shift():
    """Two activities on a one-shift calendar (Monday to Friday 06:00 to
    14:00), dated from Monday 21 December 2026 06:00, in hours.

    a (10 h) works Monday 06:00-14:00 (8 h) and Tuesday 06:00-08:00: it
    finishes Tuesday 08:00 (the first instant with 10 working hours
    done), 26 elapsed hours after the start.  b (4 h, FS after a) starts
    there and finishes Tuesday 12:00: es 26, ef 30.  Both critical; the
    lead time is 30 elapsed hours, 14 working ones."""
    g = opflow.Graph()
    g.add_calendar("one-shift", week={"mon-fri": ["06:00-14:00"]})
    g.calendar = "one-shift"
    g.add_activity("a", duration=10)
    g.add_activity("b", duration=4)
    g.add_flow("a", "b")
    g.start = dt.datetime(2026, 12, 21, 6, 0)
    return g


def run_child(code):
    return subprocess.run([sys.executable, "-c", code], env=child_env(),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=120)


class OptionalPackages(TestCase):
    """Importing opflow never imports the optional packages; without them
    each method raises an ImportError naming the package."""

    def test_import_opflow_alone(self):
        out = run_child(
            "import sys, opflow, opflow.frames\n"
            "g = opflow.Graph(); g.add_activity('a', duration=1)\n"
            "g.analyze()\n"
            "print(sorted(m for m in ('pandas', 'numpy', 'networkx', "
            "'matplotlib', 'dask') if m in sys.modules))\n")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout.strip(), "[]")

    def test_missing_packages(self):
        # None in sys.modules makes an import fail, as for a package that
        # is not installed
        out = run_child(
            "import sys\n"
            "for m in ('pandas', 'networkx', 'matplotlib'):\n"
            "    sys.modules[m] = None\n"
            "import opflow\n"
            "g = opflow.Graph(); g.add_activity('a', duration=1)\n"
            "res = g.analyze()\n"
            "calls = [res.to_pandas, lambda: opflow.Graph.from_pandas({}),\n"
            "         g.to_networkx, res.to_networkx,\n"
            "         lambda: opflow.Graph.from_networkx(None), res.plot]\n"
            "for call in calls:\n"
            "    try:\n"
            "        call()\n"
            "    except ImportError as e:\n"
            "        print(e.name, '|', e)\n"
            "    else:\n"
            "        print('no error')\n")
        self.assertEqual(out.returncode, 0, out.stderr)
        lines = out.stdout.splitlines()
        self.assertEqual([line.split(" | ")[0] for line in lines],
                         ["pandas", "pandas", "networkx", "networkx",
                          "networkx", "matplotlib"])
        self.assertIn("opflow.Analysis.to_pandas() needs pandas", lines[0])
        self.assertIn("pip install pandas", lines[0])
        self.assertIn("python3-pandas", lines[0])
        self.assertIn("opflow.Graph.from_networkx() needs networkx",
                      lines[4])
        self.assertIn("opflow.Analysis.plot() needs matplotlib", lines[5])


@needs_pandas
class ToPandas(TestCase):
    def test_plan(self):
        df = frame_shop().analyze().to_pandas()
        self.assertEqual(list(df.index), KEYS)
        self.assertEqual(df.index.name, "key")
        self.assertEqual(list(df.columns), [
            "duration", "es", "ef", "ls", "lf", "total_float", "free_float",
            "critical", "near_critical", "stage", "department", "kind",
            "category", "state", "remaining_start", "start", "finish",
            "late_start", "late_finish"])
        names = ["duration", "es", "ef", "ls", "lf", "total_float",
                 "free_float", "critical", "stage"]
        for key in KEYS:
            row = df.loc[key]
            for name, want in zip(names, PLAN[key]):
                self.assertEqual(row[name], want, (key, name))
            self.assertEqual(row["near_critical"], PLAN[key][7])
            self.assertEqual(row["department"], DEPARTMENTS[key])
            self.assertEqual(row["kind"], KINDS[key])
            self.assertEqual(row["category"], CATEGORIES[key])
            self.assertIsNone(row["state"])
            self.assertTrue(pd.isna(row["remaining_start"]))
            for name in ("start", "finish", "late_start", "late_finish"):
                self.assertTrue(pd.isna(row[name]), (key, name))
        self.assertEqual(str(df["critical"].dtype), "bool")
        self.assertEqual(str(df["start"].dtype), "datetime64[ns]")
        self.assertEqual(df["duration"].sum(), 26.0)

    def test_deadline_and_pert(self):
        # a deadline of 30: every late time and float 6.5 more (H - T)
        df = frame_shop().analyze(deadline=30).to_pandas()
        for key in KEYS:
            self.assertEqual(df.loc[key, "lf"], PLAN[key][4] + 6.5)
            self.assertEqual(df.loc[key, "total_float"], PLAN[key][5] + 6.5)
        self.assertEqual(list(df["critical"]), [True, True, True, False])
        # PERT: weld takes (4 + 4 * 6 + 10) / 6 = 38 / 6; the others have
        # no estimate and keep their durations
        df = frame_shop().analyze(durations="pert").to_pandas()
        self.assertClose(df.loc["weld", "duration"], 38 / 6)
        self.assertClose(df.loc["weld", "ef"], 17.5 + 38 / 6)
        self.assertEqual(df.loc["cut", "duration"], 2.0)

    def test_progress(self):
        """design ran 0-16 (a unit late), cut started at 16.5; status date
        17.  design completed: ES = LS = 0, EF = LF = 16, remaining start
        its actual finish 16.  cut in progress: work left 2 - (17 - 16.5)
        = 1.5 from the status date 17 (design's finish does not reach past
        it), EF 18.5.  weld FS +0.5: 19-25; ship SS +2: 21-24; T = 25.
        Backward: ship LF 25 LS 22; weld LS = min(25 - 6, 22 - 2) = 19;
        cut LF = 19 - 0.5 = 18.5, TF = LF - EF = 0.  Critical: cut, weld;
        ship has 1; design, completed, never."""
        g = frame_shop()
        g["design"].actual_start = 0
        g["design"].actual_finish = 16
        g["cut"].actual_start = 16.5
        df = g.analyze(status_date=17).to_pandas()
        self.assertEqual(list(df["state"]), ["completed", "in-progress",
                                             "not-started", "not-started"])
        self.assertEqual(list(df["remaining_start"]), [16.0, 17.0, 19.0,
                                                       21.0])
        self.assertEqual(list(df["es"]), [0.0, 16.5, 19.0, 21.0])
        self.assertEqual(list(df["ef"]), [16.0, 18.5, 25.0, 24.0])
        self.assertEqual(list(df["lf"]), [16.0, 18.5, 25.0, 25.0])
        self.assertEqual(list(df["total_float"]), [0.0, 0.0, 0.0, 1.0])
        self.assertEqual(list(df["critical"]), [False, True, True, False])

    def test_dated(self):
        df = one_shift().analyze().to_pandas()
        T = pd.Timestamp
        self.assertEqual(list(df["es"]), [0.0, 26.0])
        self.assertEqual(list(df["ef"]), [26.0, 30.0])
        self.assertEqual(list(df["start"]), [T(2026, 12, 21, 6),
                                             T(2026, 12, 22, 8)])
        self.assertEqual(list(df["finish"]), [T(2026, 12, 22, 8),
                                              T(2026, 12, 22, 12)])
        self.assertEqual(list(df["late_start"]), list(df["start"]))
        self.assertEqual(list(df["late_finish"]), list(df["finish"]))
        self.assertEqual(list(df["department"]), [None, None])
        self.assertEqual(list(df["critical"]), [True, True])

    def test_same_as_the_records(self):
        res = frame_shop().analyze(deadline=27)
        df = res.to_pandas()
        for r in res:
            for name in ("duration", "es", "ef", "ls", "lf", "total_float",
                         "free_float", "critical", "near_critical",
                         "stage"):
                self.assertEqual(df.loc[r.key, name], getattr(r, name))

    def test_empty(self):
        df = opflow.Graph().analyze().to_pandas()
        self.assertEqual(df.shape, (0, 19))

    def test_needs_the_graph_as_analysed(self):
        g = frame_shop()
        res = g.analyze()
        g["ship"].department = "Shipping"
        with self.assertRaises(opflow.MisuseError):
            res.to_pandas()
        res = g.analyze()
        self.assertEqual(res.to_pandas().loc["ship", "department"],
                         "Shipping")
        g.close()
        with self.assertRaises(opflow.MisuseError):
            res.to_pandas()


@needs_pandas
class FromPandas(TestCase):
    def test_columns_of_a_query(self):
        nan = float("nan")
        acts = pd.DataFrame({
            "key": ["design", "cut", "weld", "ship", "bill"],
            "category": ["product-development", "manufacturing",
                         "manufacturing", "distribution", None],
            "kind": [None, None, "production", None, "operation"],
            "duration": [15, 2, nan, 3, 0.5],
            "department": ["Engineering", "Frame shop", "Frame shop",
                           "Logistics", None],
            "label": [None, None, "Weld frame", None, "Invoice"],
            "customer_facing": [None, None, None, False, True],
            "optimistic": [nan, nan, 4, nan, nan],
            "most_likely": [nan, nan, 6, nan, nan],
            "pessimistic": [nan, nan, 10, nan, nan],
            "comment": ["ignored", "", "", "", ""],
        })
        flows = pd.DataFrame({
            "source": ["design", "cut", "weld", "ship"],
            "target": ["cut", "weld", "ship", "bill"],
            "type": ["FS", None, "SS", "FS"],
            "lag": [nan, 0.5, 2, 24],
            "elapsed": [False, None, False, True],
        })
        g = opflow.Graph.from_pandas(acts, flows)
        want = opflow.Graph()
        want.add_activity("design", category="product-development",
                          department="Engineering", duration=15)
        want.add_activity("cut", category="manufacturing",
                          department="Frame shop", duration=2)
        # no duration: derived from the estimate's most likely value
        want.add_activity("weld", kind="production", category="manufacturing",
                          department="Frame shop", estimate=(4, 6, 10),
                          label="Weld frame")
        want.add_activity("ship", category="distribution",
                          department="Logistics", duration=3,
                          customer_facing=False)
        want.add_activity("bill", kind="operation", duration=0.5,
                          customer_facing=True, label="Invoice")
        want.add_flow("design", "cut")
        want.add_flow("cut", "weld", lag=0.5)
        want.add_flow("weld", "ship", type="SS", lag=2)
        want.add_flow("ship", "bill", lag=24, elapsed=True)
        self.assertEqual(g, want)
        self.assertFalse(g["weld"].duration_is_explicit)
        self.assertEqual(g["weld"].duration, 6.0)
        self.assertEqual([f.elapsed for f in g.flows],
                         [False, False, False, True])
        # design 0-15, cut 15-17, weld 17.5-23.5, ship 19.5-22.5, bill
        # 22.5 + 24 = 46.5-47
        self.assertEqual(g.analyze().lead_time, 47.0)

    def test_key_as_index_and_no_flows(self):
        acts = pd.DataFrame({"duration": [1.0, 2.0]},
                            index=pd.Index(["a", "b"], name="key"))
        g = opflow.Graph.from_pandas(acts)
        self.assertEqual(g.keys(), ["a", "b"])
        self.assertEqual(len(g.flows), 0)
        self.assertEqual(g.analyze().lead_time, 2.0)

    def test_short_estimate_names(self):
        acts = pd.DataFrame({"key": ["a"], "o": [1], "m": [2], "p": [6]})
        g = opflow.Graph.from_pandas(acts)
        self.assertEqual(g["a"].estimate, (1.0, 2.0, 6.0))
        self.assertEqual(g["a"].duration, 2.0)

    def test_missing_columns_named(self):
        with self.assertRaises(opflow.InvalidArgumentError) as cm:
            opflow.Graph.from_pandas(pd.DataFrame({"name": ["a"]}))
        self.assertIn("'key'", str(cm.exception))
        self.assertIn("'name'", str(cm.exception))   # the columns it has
        acts = pd.DataFrame({"key": ["a", "b"]})
        with self.assertRaises(opflow.InvalidArgumentError) as cm:
            opflow.Graph.from_pandas(acts, pd.DataFrame({"source": ["a"],
                                                         "to": ["b"]}))
        self.assertIn("no column 'target'", str(cm.exception))
        with self.assertRaises(opflow.InvalidArgumentError) as cm:
            opflow.Graph.from_pandas(pd.DataFrame({
                "key": ["a"], "optimistic": [1], "pessimistic": [3]}))
        self.assertIn("'most_likely'", str(cm.exception))

    def test_bad_cells_named(self):
        with self.assertRaises(opflow.InvalidArgumentError) as cm:
            opflow.Graph.from_pandas(pd.DataFrame({"key": ["a", None]}))
        self.assertIn("row 1", str(cm.exception))
        with self.assertRaises(TypeError) as cm:
            opflow.Graph.from_pandas(pd.DataFrame({"key": [17, 18]}))
        self.assertIn("row 0", str(cm.exception))
        with self.assertRaises(opflow.InvalidArgumentError) as cm:
            opflow.Graph.from_pandas(pd.DataFrame({
                "key": ["a", "b"], "optimistic": [1, 1],
                "most_likely": [2, None], "pessimistic": [3, 3]}))
        self.assertIn("'b'", str(cm.exception))
        self.assertIn("most_likely", str(cm.exception))
        # the library's refusal, with the activity it concerns
        with self.assertRaises(opflow.InvalidArgumentError) as cm:
            opflow.Graph.from_pandas(pd.DataFrame({
                "key": ["a"], "optimistic": [5], "most_likely": [2],
                "pessimistic": [3]}))
        self.assertIn("activity 'a'", str(cm.exception))
        with self.assertRaises(opflow.DuplicateError):
            opflow.Graph.from_pandas(pd.DataFrame({"key": ["a", "a"]}))
        with self.assertRaises(opflow.NotFoundError):
            opflow.Graph.from_pandas(
                pd.DataFrame({"key": ["a"]}),
                pd.DataFrame({"source": ["a"], "target": ["zz"]}))

    def test_round_trip(self):
        """The analysis's frame and the flows' records give the graph back
        (one without labels or estimates, which the frame does not
        carry)."""
        g = frame_shop()
        g["weld"].label = None
        g["weld"].estimate = None
        g.add_activity("kit", category="sourcing", department="Purchasing",
                       duration=4)
        g.add_flow("kit", "weld", type="FF", lag=-1)
        acts = g.analyze().to_pandas().reset_index()[
            ["key", "category", "kind", "duration", "department"]]
        flows = pd.DataFrame(list(g.flows))   # source, target, type, lag...
        self.assertEqual(opflow.Graph.from_pandas(acts, flows), g)

    def test_in_bulk(self):
        """A chain of 20000 activities, added without add_activity or
        add_flow (the bulk calls alone)."""
        n = 20000
        keys = ["op%05d" % i for i in range(n)]
        acts = pd.DataFrame({"key": keys, "duration": [0.5] * n,
                             "department": ["D%d" % (i % 7)
                                            for i in range(n)]})
        flows = pd.DataFrame({"source": keys[:-1], "target": keys[1:]})
        saved = opflow.Graph.add_activity, opflow.Graph.add_flow

        def refuse(*args, **kw):
            raise AssertionError("one at a time")

        opflow.Graph.add_activity = opflow.Graph.add_flow = refuse
        try:
            g = opflow.Graph.from_pandas(acts, flows)
        finally:
            opflow.Graph.add_activity, opflow.Graph.add_flow = saved
        self.assertEqual(len(g), n)
        self.assertEqual(len(g.flows), n - 1)
        self.assertEqual(g.analyze().lead_time, n * 0.5)
        self.assertEqual(list(g.departments), ["D%d" % i for i in range(7)])
        self.assertEqual(g["op00008"].department, "D1")


@needs_networkx
class NetworkX(TestCase):
    def test_to_networkx(self):
        G = frame_shop().to_networkx()
        self.assertIsInstance(G, nx.DiGraph)
        self.assertFalse(G.is_multigraph())
        self.assertEqual(list(G.nodes), KEYS)
        self.assertEqual(G.nodes["weld"], {
            "kind": "production", "category": "manufacturing",
            "department": "Frame shop", "label": "Weld frame",
            "customer_facing": False, "duration": 6.0,
            "explicit_duration": True, "optimistic": 4.0,
            "most_likely": 6.0, "pessimistic": 10.0})
        self.assertEqual(G.nodes["ship"]["customer_facing"], True)
        self.assertNotIn("label", G.nodes["ship"])
        self.assertEqual(list(G.edges), [("design", "cut"), ("cut", "weld"),
                                         ("weld", "ship")])
        self.assertEqual(G.edges["weld", "ship"], {
            "type": "SS", "lag": 2.0, "elapsed": False, "id": 2})
        self.assertEqual(G.graph, {})
        self.assertEqual(nx.dag_longest_path(G), KEYS)

    def test_analysis_to_networkx(self):
        R = frame_shop().analyze().to_networkx()
        for key in KEYS:
            node = R.nodes[key]
            for name, want in zip(("es", "ef", "ls", "lf", "total_float",
                                   "free_float", "critical", "stage"),
                                  PLAN[key][1:]):
                self.assertEqual(node[name], want, (key, name))
            self.assertNotIn("state", node)
            self.assertNotIn("start", node)
        self.assertEqual(R.graph["lead_time"], 23.5)
        # each activity's driving flow: the one that set its early start
        self.assertEqual([e for e, d in R.edges.items() if d["driving"]],
                         [("design", "cut"), ("cut", "weld"),
                          ("weld", "ship")])
        # the critical activities by the graph's own longest path over
        # node durations and FS lags (here FS and one SS from weld's
        # start: weight of the edge out of weld 2, its duration not)
        self.assertEqual([k for k in KEYS if R.nodes[k]["critical"]],
                         ["design", "cut", "weld"])
        res = one_shift().analyze()
        R = res.to_networkx()
        self.assertEqual(R.nodes["b"]["start"], dt.datetime(2026, 12, 22, 8))
        self.assertEqual(R.nodes["b"]["finish"],
                         dt.datetime(2026, 12, 22, 12))

    def test_round_trips(self):
        g = frame_shop()
        self.assertEqual(opflow.Graph.from_networkx(g.to_networkx()), g)
        # derived durations, display names, a department without
        # activities, flows not in source order, tracking fields
        g.add_activity("plan", estimate=(1, 2, 4))
        g.departments["Frame shop"] = "Frame shop, hall 2"
        g.departments.add("Quality")
        g.add_flow("plan", "design", type="SF", lag=-3)
        # a later flow out of the first activity: networkx yields it
        # second, the flow ids put it back last
        g.add_activity("review", duration=1)
        g.add_flow("design", "review")
        g["cut"].actual_start = 15.5
        g["ship"].finish_no_later_than = 30
        back = opflow.Graph.from_networkx(g.to_networkx())
        self.assertEqual(back, g)
        self.assertFalse(back["plan"].duration_is_explicit)
        self.assertEqual([f.source for f in back.flows],
                         ["design", "cut", "weld", "plan", "design"])
        self.assertEqual([f.target for f in back.flows][-2:],
                         ["design", "review"])
        self.assertEqual(back["cut"].actual_start, 15.5)
        # the analysis's graph reads back as the graph too
        self.assertEqual(opflow.Graph.from_networkx(
            g.analyze().to_networkx()), g)

    def test_dated_round_trip(self):
        g = one_shift()
        g.add_calendar("24x7", week={"mon-sun": ["00:00-24:00"]})
        g.add_calendar("paint", week={"mon-thu": ["07:00-15:00"]},
                       exceptions={"2026-12-24": []})
        g["a"].department = "Paint shop"
        g.set_department_calendar("Paint shop", "paint")
        g.add_activity("cure", duration=12)
        g["cure"].calendar = "24x7"
        g.add_flow("a", "cure", lag=1, elapsed=True)
        g.unit = "min"
        G = g.to_networkx()
        self.assertEqual(G.graph["start"], dt.datetime(2026, 12, 21, 6))
        self.assertEqual(G.graph["unit"], 60)
        self.assertEqual(G.graph["calendar"], "one-shift")
        self.assertEqual(G.graph["department_calendars"],
                         {"Paint shop": "paint"})
        self.assertEqual(G.nodes["cure"]["calendar"], "24x7")
        self.assertTrue(G.edges["a", "cure"]["elapsed"])
        self.assertEqual(opflow.Graph.from_networkx(G), g)

    def test_parallel_flows(self):
        g = opflow.Graph()
        g.add_activity("a", duration=4)
        g.add_activity("b", duration=2)
        g.add_flow("a", "b", type="SS", lag=1)
        g.add_flow("a", "b", type="FF", lag=1)
        with self.assertRaises(opflow.InvalidArgumentError) as cm:
            g.to_networkx()
        self.assertIn("multigraph=True", str(cm.exception))
        M = g.to_networkx(multigraph=True)
        self.assertIsInstance(M, nx.MultiDiGraph)
        self.assertEqual(sorted(M["a"]["b"]), ["FF", "SS"])
        self.assertEqual(opflow.Graph.from_networkx(M), g)

    def test_from_a_graph_made_in_networkx(self):
        """a 3 -> b 2 (lag 1) and a -> c 4 SS +2; b -> d 1, c -> d 1 FF:
        b 4-6, c 2-6, d: FS from b 6-7, FF from c EF >= 6 + 1 = 7: 6-7;
        lead time 7."""
        G = nx.DiGraph()
        G.add_node("a", duration=3, category="manufacturing")
        G.add_node("b", duration=2, department="Assembly")
        G.add_node("c", duration=4, estimate=[3, 4, 8])
        G.add_node("d", duration=1, colour="red")     # ignored
        G.add_edge("a", "b", lag=1)
        G.add_edge("a", "c", type="SS", lag=2)
        G.add_edge("b", "d")
        G.add_edge("c", "d", type="FF", lag=1)
        g = opflow.Graph.from_networkx(G)
        self.assertEqual(g.keys(), ["a", "b", "c", "d"])
        self.assertEqual(g["a"].kind, "production")
        self.assertEqual(g["c"].estimate, (3.0, 4.0, 8.0))
        res = g.analyze()
        self.assertEqual(res.lead_time, 7.0)
        self.assertEqual([res[k].es for k in "abcd"], [0.0, 4.0, 2.0, 6.0])
        # a MultiDiGraph's keys name the types when the data do not
        M = nx.MultiDiGraph()
        M.add_node("a", duration=3)
        M.add_node("b", duration=2)
        M.add_edge("a", "b", key="SS", lag=1)
        M.add_edge("a", "b", key="FF", lag=1)
        g = opflow.Graph.from_networkx(M)
        self.assertEqual(sorted(f.type for f in g.flows), ["FF", "SS"])
        # b: SS ES >= 1, FF EF >= 4: 2-4
        self.assertEqual(g.analyze()["b"].es, 2.0)

    def test_refusals(self):
        with self.assertRaises(opflow.InvalidArgumentError):
            opflow.Graph.from_networkx(nx.Graph([("a", "b")]))
        with self.assertRaises(TypeError) as cm:
            opflow.Graph.from_networkx(nx.DiGraph([(1, 2)]))
        self.assertIn("relabel", str(cm.exception))
        with self.assertRaises(TypeError):
            opflow.Graph.from_networkx([("a", "b")])
        G = nx.DiGraph()
        G.add_node("a", duration="long")
        with self.assertRaises(TypeError) as cm:
            opflow.Graph.from_networkx(G)
        self.assertIn("'a'", str(cm.exception))


@needs_matplotlib
class Plot(TestCase):
    def tearDown(self):
        plt.close("all")

    def test_gantt(self):
        ax = frame_shop().analyze().plot()
        self.assertIsInstance(ax, matplotlib.axes.Axes)
        bars = ax.patches
        # four bars es..ef, then one float tail (ship: 22.5 to its LF 23.5)
        self.assertEqual([(b.get_x(), b.get_width()) for b in bars],
                         [(0.0, 15.0), (15.0, 2.0), (17.5, 6.0), (19.5, 3.0),
                          (22.5, 1.0)])
        red = matplotlib.colors.to_rgba("tab:red")
        blue = matplotlib.colors.to_rgba("tab:blue")
        self.assertEqual([b.get_facecolor() for b in bars[:4]],
                         [red, red, red, blue])
        self.assertEqual([t.get_text() for t in ax.get_yticklabels()], KEYS)
        # the first activity on top
        self.assertGreater(bars[3].get_y(), bars[0].get_y())
        self.assertEqual(ax.get_ylim()[0], 3.5)

    def test_dated_gantt_on_given_axes(self):
        fig, ax = plt.subplots()
        got = one_shift().analyze().plot(ax, critical_color="black")
        self.assertIs(got, ax)
        bars = ax.patches
        self.assertEqual(len(bars), 2)   # both critical: no tail
        start = mdates.date2num(dt.datetime(2026, 12, 22, 8))
        self.assertAlmostEqual(bars[1].get_x(), start, places=9)
        self.assertAlmostEqual(bars[1].get_width(), 4 / 24, places=9)
        self.assertEqual(bars[0].get_facecolor(),
                         matplotlib.colors.to_rgba("black"))

    def test_events(self):
        g = frame_shop()
        g.add_activity("ready", duration=0)
        g.add_flow("ship", "ready")
        ax = g.analyze().plot()
        # the event at ship's finish 22.5, drawn as a marker
        (offsets,) = [c.get_offsets() for c in ax.collections]
        self.assertEqual([tuple(o) for o in offsets], [(22.5, 4.0)])

    def test_saves(self):
        import io
        ax = frame_shop().analyze().plot()
        out = io.BytesIO()
        ax.figure.savefig(out, format="png")
        self.assertEqual(out.getvalue()[:8], b"\x89PNG\r\n\x1a\n")


class ReadmeTest(TestCase):
    """The example of README.md's "pandas, networkx and matplotlib" prints
    what the README says: cut 0-2, weld 2-8, ship 8-11 (FS chain), the
    first two production (manufacturing), ship operation (distribution)
    and reached from production (post-production)."""

    @needs_pandas
    def test_readme_example(self):
        import io
        import contextlib
        with open(os.path.join(TOP_SRCDIR, "README.md"),
                  encoding="utf-8") as f:
            text = f.read()
        part = text.split("### pandas, networkx and matplotlib", 1)[1]
        code = part.split("```python\n", 1)[1].split("```", 1)[0]
        want = part.split("```text\n", 1)[1].split("```", 1)[0]
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), {})
        got = [ln.rstrip() for ln in out.getvalue().splitlines()]
        self.assertEqual(got, want.rstrip("\n").split("\n"))
        # and by hand, whatever the printing
        g = opflow.Graph()
        for key, d, c in (("cut", 2, "manufacturing"),
                          ("weld", 6, "manufacturing"),
                          ("ship", 3, "distribution")):
            g.add_activity(key, duration=d, category=c)
        g.add_flow("cut", "weld")
        g.add_flow("weld", "ship")
        self.assertEqual(g.analyze().lead_time, 11)


if __name__ == "__main__":
    unittest.main()
