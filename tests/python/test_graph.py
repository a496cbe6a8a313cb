"""Graph building through the bindings: activities, flows, departments,
bulk loading, and every way a script can get it wrong."""
import array
import copy
import ctypes
import math
import numbers
import pickle
import sys
import unittest

from support import TestCase, opflow


def small():
    g = opflow.Graph()
    g.add_activity("cut", category="manufacturing", department="Frame shop",
                   duration=2)
    g.add_activity("weld", kind="production", category="manufacturing",
                   department="Frame shop", duration=6.0, estimate=(4, 6, 10),
                   customer_facing=False, label="Weld frame")
    g.add_activity("sell", category="sales", department="Sales", duration=3)
    g.add_flow("cut", "weld", type="FS", lag=0.5)
    g.add_flow("weld", "sell")
    return g


class TestActivities(TestCase):
    def test_add_activity_all_options(self):
        g = small()
        a = g["weld"]
        self.assertIsInstance(a, opflow.Activity)
        self.assertEqual(a.key, "weld")
        self.assertEqual(a.id, 1)
        self.assertIs(a.graph, g)
        self.assertEqual(a.label, "Weld frame")
        self.assertEqual(a.kind, "production")
        self.assertEqual(a.category, "manufacturing")
        self.assertEqual(a.department, "Frame shop")
        self.assertIs(a.customer_facing, False)
        self.assertEqual(a.duration, 6.0)
        self.assertIs(a.duration_is_explicit, True)
        self.assertEqual(a.estimate, (4.0, 6.0, 10.0))

    def test_defaults_from_category(self):
        g = opflow.Graph()
        plain = g.add_activity("x")
        self.assertEqual((plain.category, plain.kind, plain.customer_facing),
                         ("other", "operation", False))
        self.assertIsNone(plain.label)
        self.assertIsNone(plain.department)
        self.assertEqual(plain.duration, 0.0)
        self.assertFalse(plain.duration_is_explicit)
        self.assertIsNone(plain.estimate)
        sale = g.add_activity("s", category="sales")
        self.assertEqual((sale.kind, sale.customer_facing), ("operation", True))
        qc = g.add_activity("q", category="quality-control")
        self.assertEqual((qc.kind, qc.customer_facing), ("production", False))
        # explicit kind and flag win over the category's
        odd = g.add_activity("o", category="sales", kind="production",
                             customer_facing=False)
        self.assertEqual((odd.kind, odd.customer_facing), ("production", False))
        # derived duration: the estimate's most likely value
        est = g.add_activity("e", estimate=[1, 2.5, 4])
        self.assertEqual(est.duration, 2.5)
        self.assertFalse(est.duration_is_explicit)

    def test_setters(self):
        g = small()
        a = g["cut"]
        a.label = "Cut tubes"
        self.assertEqual(a.label, "Cut tubes")
        a.label = ""
        self.assertIsNone(a.label)
        a.label = "Again"
        a.label = None
        self.assertIsNone(a.label)
        a.kind = "operation"
        self.assertEqual(a.kind, "operation")
        a.category = "sales"  # changes neither kind nor flag
        self.assertEqual((a.category, a.kind, a.customer_facing),
                         ("sales", "operation", False))
        a.customer_facing = True
        self.assertIs(a.customer_facing, True)
        a.customer_facing = 0
        self.assertIs(a.customer_facing, False)
        a.department = "Cutting"
        self.assertEqual(a.department, "Cutting")
        self.assertIn("Cutting", g.departments)
        a.department = None
        self.assertIsNone(a.department)
        self.assertIn("Cutting", g.departments)  # the department stays

    def test_duration_and_estimate(self):
        g = opflow.Graph()
        a = g.add_activity("a")
        a.estimate = (1, 3, 8)
        self.assertEqual(a.duration, 3.0)  # derived
        a.duration = 5
        self.assertEqual((a.duration, a.duration_is_explicit), (5.0, True))
        a.estimate = (2, 4, 9)  # an explicit duration stays
        self.assertEqual(a.duration, 5.0)
        del a.duration  # derived again
        self.assertEqual((a.duration, a.duration_is_explicit), (4.0, False))
        a.estimate = None
        self.assertIsNone(a.estimate)
        self.assertEqual(a.duration, 0.0)
        a.estimate = (1, 1, 1)
        del a.estimate
        self.assertIsNone(a.estimate)
        a.duration = 7
        a.clear_duration()
        self.assertEqual(a.duration, 0.0)
        a.estimate = (0, 2, 2)
        a.clear_estimate()
        self.assertIsNone(a.estimate)
        a.duration = -0.0  # one zero
        self.assertEqual(math.copysign(1, a.duration), 1.0)

    def test_bad_values_leave_the_graph_unchanged(self):
        g = small()
        before = g.clone()
        a = g["cut"]
        for bad in (float("nan"), float("inf"), -float("inf"), -1, -1e-300):
            with self.assertRaises(opflow.InvalidArgumentError):
                a.duration = bad
            with self.assertRaises(opflow.InvalidArgumentError):
                g.add_activity("new", duration=bad)
            with self.assertRaises(opflow.InvalidArgumentError):
                a.estimate = (0, 1, bad) if bad == bad and bad > 0 else (bad, 1, 2)
        for bad in ((3, 2, 4), (1, 5, 4), (2, 1, 1), (0, float("nan"), 1)):
            with self.assertRaises(opflow.InvalidArgumentError):
                a.estimate = bad
            with self.assertRaises(opflow.InvalidArgumentError):
                g.add_activity("new", estimate=bad)
        with self.assertRaises(opflow.InvalidArgumentError) as cm:
            a.duration = float("nan")
        self.assertIn("cut", str(cm.exception))
        with self.assertRaises(opflow.InvalidArgumentError):
            a.customer_facing = 2
        with self.assertRaises(opflow.InvalidArgumentError):
            a.kind = "widget"
        with self.assertRaises(opflow.InvalidArgumentError):
            a.category = "retail"
        with self.assertRaises(opflow.InvalidArgumentError):
            g.add_activity("new", category="retail")
        with self.assertRaises(opflow.InvalidArgumentError):
            g.add_activity("new", kind="goods")
        with self.assertRaises(opflow.InvalidArgumentError):
            g.add_activity("new", customer_facing=5)
        with self.assertRaises(opflow.RangeError):
            a.label = "x" * (opflow.TEXT_MAX + 1)
        with self.assertRaises(opflow.RangeError):
            g.add_activity("new", label="x" * (opflow.TEXT_MAX + 1))
        self.assertTrue(g == before)
        self.assertNotIn("new", g)

    def test_duplicate_key(self):
        g = small()
        with self.assertRaises(opflow.DuplicateError) as cm:
            g.add_activity("weld", duration=1)
        self.assertIn("weld", str(cm.exception))
        self.assertEqual(cm.exception.code, opflow.OPFLOW_EEXISTS)
        with self.assertRaises(opflow.DuplicateError):
            g.add_activity("cut")
        self.assertEqual(len(g), 3)

    def test_keys(self):
        g = opflow.Graph()
        # keys are compared byte for byte, any valid UTF-8
        for key in ("a", "A", "a ", "Löten", "溶接", "🚲", "x" * opflow.KEY_MAX,
                    "é" * (opflow.KEY_MAX // 2)):
            g.add_activity(key)
            self.assertIn(key, g)
            self.assertEqual(g[key].key, key)
        self.assertEqual(len(g), 8)
        # too long, in bytes: 1025 ASCII, or 513 two-byte characters
        for key in ("x" * (opflow.KEY_MAX + 1), "é" * (opflow.KEY_MAX // 2 + 1)):
            with self.assertRaises(opflow.RangeError) as cm:
                g.add_activity(key)
            self.assertEqual(cm.exception.code, opflow.OPFLOW_ERANGE)
            self.assertNotIn(key, g)
            with self.assertRaises(opflow.RangeError):
                g[key]
        with self.assertRaises(opflow.InvalidArgumentError) as cm:
            g.add_activity("")
        self.assertIn("empty", str(cm.exception))
        # lone surrogates cannot be UTF-8: the library refuses them
        for key in ("\ud800", "a\udfffb"):
            with self.assertRaises(opflow.InvalidArgumentError) as cm:
                g.add_activity(key)
            self.assertIn("UTF-8", str(cm.exception))
            with self.assertRaises(opflow.InvalidArgumentError):
                g.add_activity("ok-key", department=key)
            with self.assertRaises(opflow.InvalidArgumentError):
                g.add_activity("ok-key", label=key)
        # NUL would truncate the key in C: refused before the call
        with self.assertRaises(opflow.InvalidArgumentError):
            g.add_activity("a\0b")
        with self.assertRaises(opflow.InvalidArgumentError):
            g.add_activity("ok-key", label="x\0y")
        self.assertEqual(len(g), 8)
        self.assertNotIn("a\0b", g)
        self.assertNotIn("", g)

    def test_wrong_types(self):
        g = small()
        a = g["cut"]
        calls = [
            lambda: g.add_activity(12),
            lambda: g.add_activity(b"bytes"),
            lambda: g.add_activity(None),
            lambda: g.add_activity("n", duration="5"),
            lambda: g.add_activity("n", duration=True),
            lambda: g.add_activity("n", estimate=5),
            lambda: g.add_activity("n", estimate="156"),
            lambda: g.add_activity("n", estimate=(1, 2)),
            lambda: g.add_activity("n", estimate=(1, "2", 3)),
            lambda: g.add_activity("n", category=3),
            lambda: g.add_activity("n", kind=0),
            lambda: g.add_activity("n", department=7),
            lambda: g.add_activity("n", label=b"x"),
            lambda: g.add_activity("n", customer_facing="yes"),
            lambda: g.add_activity("n", customer_facing=1.0),
            lambda: g[0.0],     # ints are positions (test_faces.py)
            lambda: 0.0 in g,
            lambda: g.add_flow("cut", 1),
            lambda: g.add_flow("cut", "sell", type=0),
            lambda: g.add_flow("cut", "sell", lag="1"),
            lambda: g.remove_activity(0),
            lambda: g.remove_flow("cut", "weld", type=None),
            lambda: g.analyze(deadline="soon"),
            lambda: g.analyze(durations=1),
            lambda: g.analyze(tolerance=[1]),
            lambda: g.analyze(near_critical=None),
            lambda: setattr(a, "duration", "1"),
            lambda: setattr(a, "duration", None),
            lambda: setattr(a, "label", 5),
            lambda: setattr(a, "kind", None),
            lambda: setattr(a, "estimate", (1, 2, 3, 4)),
            lambda: setattr(a, "customer_facing", None),
            lambda: g.flows["0"],
            lambda: g.departments[3],
            lambda: g.departments.__setitem__("D", 3),
            lambda: 3 in g.departments,
            lambda: g.add_activities("abc"),
            lambda: g.add_activities([1, 2]),
            lambda: g.add_activities(["p", b"q"]),
            lambda: g.add_activities(["p", "q"], durations=["1", "2"]),
            lambda: g.add_activities(["p", "q"], categories=[1.5, 2]),
            lambda: g.add_activities(["p"], durations=object()),
            lambda: g.add_flows(["cut"], [1.5]),
            lambda: g.add_flows("cut", "weld"),
            lambda: g.add_flows(["cut"], ["sell"], lags=[None]),
        ]
        for i, call in enumerate(calls):
            with self.assertRaises(TypeError, msg="call %d" % i):
                call()
        self.assertEqual(len(g), 3)
        self.assertEqual(len(g.flows), 2)
        with self.assertRaises(AttributeError):
            a.colour = "red"

    def test_contains_iter_keys(self):
        g = small()
        self.assertIn("weld", g)
        self.assertNotIn("glue", g)
        self.assertNotIn("x" * 5000, g)
        self.assertEqual(g.keys(), ["cut", "weld", "sell"])
        self.assertEqual([a.key for a in g], ["cut", "weld", "sell"])
        self.assertTrue(all(isinstance(a, opflow.Activity) for a in g))
        self.assertEqual(len(g), 3)
        self.assertEqual(g["weld"], g["weld"])
        self.assertNotEqual(g["weld"], g["cut"])
        self.assertEqual(len({g["weld"], g["weld"], g["cut"]}), 2)
        self.assertNotEqual(g["weld"], g.clone()["weld"])
        self.assertIn("weld", repr(g["weld"]))
        with self.assertRaises(opflow.NotFoundError) as cm:
            g["glue"]
        self.assertIsInstance(cm.exception, LookupError)
        self.assertIn("glue", str(cm.exception))

    def test_remove_activity_renumbers(self):
        g = small()
        g.add_flow("cut", "sell", type="SS")
        view = g["sell"]
        g.remove_activity("weld")
        self.assertEqual(g.keys(), ["cut", "sell"])
        self.assertEqual(view.id, 1)  # views follow keys, not ids
        self.assertEqual(list(g.flows),
                         [opflow.Flow("cut", "sell", "SS", 0.0, 0)])
        with self.assertRaises(opflow.NotFoundError):
            g.remove_activity("weld")
        dead = g["cut"]
        g.remove_activity(dead)
        with self.assertRaises(opflow.NotFoundError):
            dead.duration
        self.assertEqual(len(g.flows), 0)


class TestFlows(TestCase):
    def test_add_and_read(self):
        g = small()
        f = g.add_flow("cut", "sell", type="SF", lag=-2.5)
        self.assertEqual(f, opflow.Flow("cut", "sell", "SF", -2.5, 2))
        self.assertEqual((f.source, f.target, f.type, f.lag, f.id),
                         ("cut", "sell", "SF", -2.5, 2))
        self.assertEqual(len(g.flows), 3)
        self.assertEqual(list(g.flows), [
            opflow.Flow("cut", "weld", "FS", 0.5, 0),
            opflow.Flow("weld", "sell", "FS", 0.0, 1),
            opflow.Flow("cut", "sell", "SF", -2.5, 2)])
        self.assertEqual(g.flows[1], opflow.Flow("weld", "sell", "FS", 0.0, 1))
        self.assertEqual(g.flows[-1].id, 2)
        with self.assertRaises(IndexError):
            g.flows[3]
        with self.assertRaises(IndexError):
            g.flows[-4]
        self.assertIn("3", repr(g.flows))
        self.assertEqual(g.flow("cut", "sell", "SF").lag, -2.5)
        self.assertEqual(g.flow("cut", "weld").type, "FS")
        with self.assertRaises(opflow.NotFoundError):
            g.flow("cut", "sell")  # no FS one

    def test_parallel_types_and_duplicates(self):
        g = small()
        for t in ("SS", "FF", "SF"):
            g.add_flow("cut", "weld", type=t, lag=1)
        self.assertEqual(len(g.flows), 5)
        with self.assertRaises(opflow.DuplicateError) as cm:
            g.add_flow("cut", "weld", type="SS", lag=7)
        self.assertIn("cut", str(cm.exception))
        with self.assertRaises(opflow.InvalidArgumentError) as cm:
            g.add_flow("cut", "cut")
        self.assertIn("self-loop", str(cm.exception))
        with self.assertRaises(opflow.InvalidArgumentError):
            g.add_flow("cut", "sell", type="XX")
        with self.assertRaises(opflow.InvalidArgumentError):
            g.add_flow("cut", "sell", type="fs")
        for bad in (float("nan"), float("inf")):
            with self.assertRaises(opflow.InvalidArgumentError):
                g.add_flow("cut", "sell", lag=bad)
        with self.assertRaises(opflow.NotFoundError) as cm:
            g.add_flow("cut", "glue")
        self.assertIn("glue", str(cm.exception))
        with self.assertRaises(opflow.NotFoundError):
            g.add_flow("glue", "cut")
        self.assertEqual(len(g.flows), 5)

    def test_remove_and_lag(self):
        g = small()
        g.add_flow("cut", "sell", type="FF", lag=1)
        g.set_flow_lag("cut", "weld", -3)
        self.assertEqual(g.flow("cut", "weld").lag, -3.0)
        g.set_flow_lag("cut", "sell", 2, type="FF")
        self.assertEqual(g.flow("cut", "sell", "FF").lag, 2.0)
        with self.assertRaises(opflow.InvalidArgumentError):
            g.set_flow_lag("cut", "weld", float("nan"))
        with self.assertRaises(opflow.NotFoundError):
            g.set_flow_lag("cut", "sell", 1)
        g.remove_flow("cut", "weld")
        self.assertEqual([f.id for f in g.flows], [0, 1])
        self.assertEqual(g.flows[0].source, "weld")
        with self.assertRaises(opflow.NotFoundError):
            g.remove_flow("cut", "weld")
        g.remove_flow("cut", "sell", type="FF")
        self.assertEqual(len(g.flows), 1)

    def test_neighbours(self):
        g = small()
        g.add_activity("paint")
        g.add_flow("weld", "paint")
        g.add_flow("cut", "weld", type="SS")  # parallel: listed once
        self.assertEqual(g.predecessors("weld"), ["cut"])
        self.assertEqual(g.successors("weld"), ["sell", "paint"])
        self.assertEqual(g.successors("sell"), [])
        self.assertEqual(g.predecessors(g["sell"]), ["weld"])
        w = g["weld"]
        self.assertEqual(w.predecessors, ["cut"])
        self.assertEqual(w.successors, ["sell", "paint"])
        self.assertEqual([f.id for f in w.incoming], [0, 3])
        self.assertEqual([(f.target, f.type) for f in w.outgoing],
                         [("sell", "FS"), ("paint", "FS")])
        with self.assertRaises(opflow.NotFoundError):
            g.successors("glue")


class TestDepartments(TestCase):
    def test_mapping(self):
        g = small()
        deps = g.departments
        self.assertEqual(list(deps), ["Frame shop", "Sales"])
        self.assertEqual(len(deps), 2)
        self.assertIsNone(deps["Frame shop"])
        deps["Frame shop"] = "Frame shop, building 2"
        self.assertEqual(deps["Frame shop"], "Frame shop, building 2")
        self.assertEqual(dict(deps), {"Frame shop": "Frame shop, building 2",
                                      "Sales": None})
        deps["Frame shop"] = None
        self.assertIsNone(deps["Frame shop"])
        deps["Paint"] = "Paint shop"  # a new department, with a name
        self.assertEqual(list(deps), ["Frame shop", "Sales", "Paint"])
        deps.add("Dispatch")
        deps.add("Dispatch")
        self.assertEqual(len(deps), 4)
        self.assertIsNone(deps.get("Nowhere"))
        self.assertNotIn("Nowhere", deps)
        self.assertNotIn("", deps)
        with self.assertRaises(opflow.NotFoundError):
            deps["Nowhere"]
        with self.assertRaises(KeyError):
            del deps["Nowhere"]
        del deps["Frame shop"]  # its activities lose it
        self.assertIsNone(g["weld"].department)
        self.assertEqual(g["sell"].department, "Sales")
        self.assertEqual(list(deps), ["Sales", "Paint", "Dispatch"])
        self.assertIn("Paint", repr(deps))
        with self.assertRaises(opflow.InvalidArgumentError):
            deps.add("")
        with self.assertRaises(opflow.RangeError):
            deps.add("d" * (opflow.KEY_MAX + 1))

    def test_failed_set_adds_nothing(self):
        g = small()
        with self.assertRaises(opflow.RangeError):
            g.departments["Fresh"] = "n" * (opflow.TEXT_MAX + 1)
        self.assertNotIn("Fresh", g.departments)
        with self.assertRaises(opflow.InvalidArgumentError):
            g.departments["Fresh"] = "bad \udc80 name"
        self.assertEqual(len(g.departments), 2)


class TestBulk(TestCase):
    def test_add_activities_columns(self):
        g = opflow.Graph()
        g.add_activity("first")
        ids = g.add_activities(["a", "b", "c"],
                               categories=["manufacturing", "sales", 14],
                               kinds=[None, "production", -1],
                               durations=[1, 2.5, 0])
        self.assertEqual(ids, range(1, 4))
        self.assertEqual(g.keys(), ["first", "a", "b", "c"])
        self.assertEqual([(g[k].category, g[k].kind, g[k].customer_facing,
                           g[k].duration, g[k].duration_is_explicit)
                          for k in "abc"],
                         [("manufacturing", "production", False, 1.0, True),
                          ("sales", "production", True, 2.5, True),
                          ("other", "operation", False, 0.0, True)])
        # no columns: other, from the category, no duration
        ids = g.add_activities(k for k in ("d", "e"))
        self.assertEqual(ids, range(4, 6))
        self.assertEqual((g["d"].category, g["d"].kind,
                          g["d"].duration_is_explicit),
                         ("other", "operation", False))
        # one value for all
        g.add_activities(["f", "h"], categories="assembly", kinds="operation",
                         durations=3)
        self.assertEqual([(g[k].category, g[k].kind, g[k].duration)
                          for k in "fh"],
                         [("assembly", "operation", 3.0)] * 2)
        self.assertEqual(g.add_activities([]), range(8, 8))

    def test_add_activities_buffers(self):
        g = opflow.Graph()
        cats = array.array("i", [2, 9])
        kinds = array.array("i", [-1, 0])
        durs = array.array("d", [1.5, 4.0])
        g.add_activities(["m", "s"], categories=cats, kinds=kinds,
                         durations=durs)
        self.assertEqual((g["m"].category, g["s"].category, g["s"].kind,
                          g["s"].duration), ("manufacturing", "sales",
                                             "production", 4.0))
        # read-only and converted buffers
        g.add_activities(["r", "t"], durations=memoryview(bytes(array.array("d", [2, 3]))).cast("d"),
                         categories=array.array("h", [3, 4]))
        self.assertEqual((g["r"].duration, g["t"].duration, g["t"].category),
                         (2.0, 3.0, "quality-control"))
        g.add_activities(["u"], durations=array.array("f", [0.5]))
        self.assertEqual(g["u"].duration, 0.5)
        try:
            import numpy
        except ImportError:
            return
        g.add_activities(["n1", "n2"], durations=numpy.array([7.0, 8.0]),
                         categories=numpy.array([0, 1], dtype=numpy.int32))
        self.assertEqual((g["n2"].duration, g["n2"].category),
                         (8.0, "procurement"))

    def test_add_activities_all_or_none(self):
        g = small()
        before = g.clone()
        cases = [
            (["x", "cut"], {}, opflow.DuplicateError),
            (["x", "x"], {}, opflow.DuplicateError),
            (["x", ""], {}, opflow.InvalidArgumentError),
            (["x", "y\0z"], {}, opflow.InvalidArgumentError),
            (["x", "\ud800"], {}, opflow.InvalidArgumentError),
            (["x", "k" * 1025], {}, opflow.RangeError),
            (["x", "y"], {"durations": [1, float("nan")]},
             opflow.InvalidArgumentError),
            (["x", "y"], {"durations": [1, -2]}, opflow.InvalidArgumentError),
            (["x", "y"], {"categories": [0, 15]}, opflow.InvalidArgumentError),
            (["x", "y"], {"categories": [0, "retail"]},
             opflow.InvalidArgumentError),
            (["x", "y"], {"categories": [0, 1 << 40]},
             opflow.InvalidArgumentError),
            (["x", "y"], {"kinds": [0, 2]}, opflow.InvalidArgumentError),
            (["x", "y"], {"kinds": ["goods", 0]}, opflow.InvalidArgumentError),
            (["x", "y"], {"durations": [1]}, opflow.InvalidArgumentError),
            (["x", "y"], {"categories": array.array("i", [1, 2, 3])},
             opflow.InvalidArgumentError),
        ]
        for keys, columns, error in cases:
            with self.assertRaises(error, msg=(keys, columns)):
                g.add_activities(keys, **columns)
            self.assertTrue(g == before, (keys, columns))

    def test_add_flows(self):
        g = opflow.Graph()
        ids = g.add_activities(["a", "b", "c", "d"], durations=[1, 2, 3, 4])
        first = ids[0]
        r = g.add_flows([first, first + 1, first + 2], [first + 1, first + 2, first + 3],
                        types=["FS", "SS", 2], lags=[0, -1, 2.5])
        self.assertEqual(r, range(0, 3))
        self.assertEqual(list(g.flows), [
            opflow.Flow("a", "b", "FS", 0.0, 0),
            opflow.Flow("b", "c", "SS", -1.0, 1),
            opflow.Flow("c", "d", "FF", 2.5, 2)])
        # keys, views, ids mixed; one type and lag for all
        r = g.add_flows(["a", g["b"], 0], ["c", "d", 3], types="SF", lags=1)
        self.assertEqual(r, range(3, 6))
        self.assertEqual([(f.source, f.target, f.type, f.lag)
                          for f in list(g.flows)[3:]],
                         [("a", "c", "SF", 1.0), ("b", "d", "SF", 1.0),
                          ("a", "d", "SF", 1.0)])
        # buffers of uint32, read in place
        g.add_flows(array.array("I", [0]), array.array("I", [2]))
        self.assertEqual(g.flows[6], opflow.Flow("a", "c", "FS", 0.0, 6))
        self.assertEqual(g.add_flows([], []), range(7, 7))

    def test_add_flows_all_or_none(self):
        g = opflow.Graph()
        g.add_activities(["a", "b", "c"])
        g.add_flow("a", "b")
        before = g.clone()
        cases = [
            ([1, 0], [2, 1], {}, opflow.DuplicateError),       # exists
            ([1, 1], [2, 2], {}, opflow.DuplicateError),       # twice in batch
            ([1, 2], [2, 2], {}, opflow.InvalidArgumentError),  # self-loop
            ([1, 7], [2, 0], {}, opflow.NotFoundError),
            ([1, -1], [2, 0], {}, opflow.NotFoundError),
            ([1, 1 << 33], [2, 0], {}, opflow.NotFoundError),
            (["b", "zz"], ["c", "a"], {}, opflow.NotFoundError),
            ([1, 2], [2], {}, opflow.InvalidArgumentError),
            ([1, 0], [2, 2], {"types": ["FS", "QQ"]}, opflow.InvalidArgumentError),
            ([1, 0], [2, 2], {"types": [0, 4]}, opflow.InvalidArgumentError),
            ([1, 0], [2, 2], {"lags": [0, float("inf")]},
             opflow.InvalidArgumentError),
            ([1, 0], [2, 2], {"lags": [0]}, opflow.InvalidArgumentError),
        ]
        for s, t, columns, error in cases:
            with self.assertRaises(error, msg=(s, t, columns)):
                g.add_flows(s, t, **columns)
            self.assertTrue(g == before, (s, t, columns))


class TestConversions(TestCase):
    """Every value is checked and converted before the library sees it:
    wrong types are TypeError, values C cannot take an opflow.Error, and
    nothing else escapes (no OverflowError, no ctypes.ArgumentError)."""

    def assertUnchanged(self, g, before, call, error, msg=None):
        with self.assertRaises(error, msg=msg):
            call()
        self.assertTrue(g == before, msg)

    def test_column_values_out_of_range(self):
        g = opflow.Graph()
        g.add_activities(["a", "b", "c"])
        before = g.clone()
        flows = [
            (array.array("i", [-1]), array.array("i", [0])),
            (array.array("q", [1 << 33]), array.array("q", [0])),
            ([0, 1 << 40], [1, 2]),
            (["a", -5], ["b", "c"]),
        ]
        for s, t in flows:
            self.assertUnchanged(g, before, lambda: g.add_flows(s, t),
                                 opflow.NotFoundError, (s, t))
        columns = [
            {"categories": array.array("q", [1 << 40])},
            {"categories": [1 << 40]},
            {"categories": ["sales", 1 << 40]},
            {"categories": 1 << 40},
            {"kinds": [None, -(1 << 40)]},
        ]
        for kw in columns:
            n = 2 if isinstance(kw.get("categories", kw.get("kinds")),
                                list) and len(
                kw.get("categories", kw.get("kinds"))) == 2 else 1
            keys = ["x%d" % i for i in range(n)]
            self.assertUnchanged(g, before,
                                 lambda: g.add_activities(keys, **kw),
                                 opflow.InvalidArgumentError, kw)
        self.assertUnchanged(g, before,
                             lambda: g.add_activities(["x"],
                                                      durations=[1 << 2000]),
                             opflow.RangeError)

    def test_unreadable_buffers(self):
        g = opflow.Graph()
        released = memoryview(array.array("d", [1.0]))
        released.release()

        class Pair(ctypes.Structure):
            _fields_ = [("a", ctypes.c_int), ("b", ctypes.c_int)]
        for bad in (released, (Pair * 1)(), memoryview(b"x").cast("c")):
            with self.assertRaises(TypeError, msg=bad):
                g.add_activities(["x"], durations=bad)
            with self.assertRaises(TypeError, msg=bad):
                g.add_activities(["x"], categories=bad)
        self.assertEqual(len(g), 0)

    def test_buffers_in_either_byte_order(self):
        # ctypes arrays say their byte order ('<d' on little-endian
        # machines): the native one is read in place, the other converted
        g = opflow.Graph()
        g.add_activities(["a", "b"],
                         categories=(ctypes.c_int * 2)(9, 2),
                         kinds=(ctypes.c_int * 2)(-1, 1),
                         durations=(ctypes.c_double * 2)(1.5, 4.0))
        self.assertEqual([(x.category, x.kind, x.duration) for x in g],
                         [("sales", "operation", 1.5),
                          ("manufacturing", "operation", 4.0)])
        other = "__ctype_be__" if sys.byteorder == "little" else \
            "__ctype_le__"
        double, int32 = (getattr(ctypes.c_double, other),
                         getattr(ctypes.c_int32, other))
        uint32 = getattr(ctypes.c_uint32, other)
        g.add_activities(["c", "d"], categories=(int32 * 2)(3, 4),
                         durations=(double * 2)(2.5, 0.25))
        self.assertEqual([(g[k].category, g[k].duration) for k in "cd"],
                         [("assembly", 2.5), ("quality-control", 0.25)])
        g.add_flows((ctypes.c_uint32 * 2)(0, 1), (ctypes.c_uint32 * 2)(1, 2),
                    types=(ctypes.c_int * 2)(1, 2),
                    lags=(ctypes.c_double * 2)(0.5, -1))
        g.add_flows((uint32 * 1)(2), (uint32 * 1)(3),
                    lags=(double * 1)(7))
        self.assertEqual([tuple(f) for f in g.flows],
                         [("a", "b", "SS", 0.5, 0, False),
                          ("b", "c", "FF", -1.0, 1, False),
                          ("c", "d", "FS", 7.0, 2, False)])

    def test_bools_and_bytes_are_not_numbers(self):
        g = small()
        before = g.clone()
        bad = [
            lambda: g.add_activities(["x", "y"], categories=b"\x02\x03"),
            lambda: g.add_activities(["x", "y"],
                                     categories=bytearray(b"\x02\x03")),
            lambda: g.add_activities(["x", "y"], durations=b"\x02\x03"),
            lambda: g.add_activities(["x", "y"], categories=[True, False]),
            lambda: g.add_activities(["x", "y"], categories=["sales", True]),
            lambda: g.add_activities(["x", "y"], kinds=[True, False]),
            lambda: g.add_activities(["x", "y"], durations=[True, False]),
            lambda: g.add_activities(["x", "y"], durations=[1.5, False]),
            lambda: g.add_activities(["x", "y"], categories=True),
            lambda: g.add_activities(["x", "y"], durations=True),
            lambda: g.add_activities(
                ["x", "y"], durations=memoryview(b"\x01\x00").cast("?")),
            lambda: g.add_flows([True], [2]),
            lambda: g.add_flows([0], [2], types=[True]),
            lambda: g.add_flows([0], [2], lags=[False]),
            lambda: g.add_flows([0], [2], types=False),
            lambda: g.add_activity("x", estimate={3, 1, 2}),
            lambda: g.add_activity("x", estimate=frozenset((1, 2, 3))),
            lambda: g.add_activity("x", estimate={1: 1, 2: 2, 3: 3}),
            lambda: setattr(g["cut"], "estimate", {1, 2, 3}),
        ]
        for i, call in enumerate(bad):
            self.assertUnchanged(g, before, call, TypeError, "call %d" % i)
        # sequences are fine, lists and tuples alike
        g["cut"].estimate = [1, 2, 3]
        self.assertEqual(g["cut"].estimate, (1.0, 2.0, 3.0))
        g["cut"].estimate = range(2, 5)
        self.assertEqual(g["cut"].estimate, (2.0, 3.0, 4.0))

    def test_str_subclasses_are_read_as_str(self):
        class Truncating(str):
            def encode(self, *args, **kwargs):
                return b"a\0b"

        class NotBytes(str):
            def encode(self, *args, **kwargs):
                return 42

        class HidesNul(str):
            def __contains__(self, item):
                return False

            def __eq__(self, other):
                return True

            __hash__ = str.__hash__

        g = opflow.Graph()
        a = g.add_activity(Truncating("xyz"), label=NotBytes("L"),
                           department=Truncating("D"))
        self.assertIs(type(a.key), str)
        self.assertEqual((g.keys(), a.label, a.department),
                         (["xyz"], "L", "D"))
        g.add_activity(NotBytes("k"))
        g["k"].label = NotBytes("label")
        g.departments[Truncating("E")] = NotBytes("Dept E")
        g.add_flow(NotBytes("xyz"), Truncating("k"))
        self.assertEqual((g["k"].label, g.departments["E"], len(g.flows)),
                         ("label", "Dept E", 1))
        g.add_activities([Truncating("m"), NotBytes("n")])
        self.assertEqual(g.keys(), ["xyz", "k", "m", "n"])
        before = g.clone()
        for call in (lambda: g.add_activity(HidesNul("p\0q")),
                     lambda: setattr(g["k"], "label", HidesNul("a\0b")),
                     lambda: g.departments.add(HidesNul("F\0")),
                     lambda: g.add_flow("m", HidesNul("n\0"))):
            self.assertUnchanged(g, before, call, opflow.InvalidArgumentError)
        self.assertNotIn(HidesNul("xyz\0"), g)

    def test_single_values_for_every_row(self):
        g = opflow.Graph()
        g.add_activities(["a", "b"], categories=9, kinds=0, durations=2)
        self.assertEqual([(x.category, x.kind, x.duration) for x in g],
                         [("sales", "production", 2.0)] * 2)
        g.add_activities(["c", "d"], kinds=-1, categories="assembly")
        self.assertEqual([g[k].kind for k in "cd"], ["production"] * 2)
        g.add_flows([0, 2], [1, 3], types=1, lags=0.5)
        g.add_flows(["a"], ["c"], types="FF", lags=[1])
        self.assertEqual([(f.type, f.lag) for f in g.flows],
                         [("SS", 0.5), ("SS", 0.5), ("FF", 1.0)])

    def test_every_integer_type_is_an_int(self):
        class MyInt(int):
            pass

        class Index:  # an Integral that is not an int
            def __init__(self, v):
                self.v = v

            def __index__(self):
                return self.v
        numbers.Integral.register(Index)
        g = opflow.Graph()
        g.add_activities(["a", "b", "c"], categories=[MyInt(9), Index(2), 0])
        self.assertEqual([x.category for x in g],
                         ["sales", "manufacturing", "sourcing"])
        g.add_flows([MyInt(0), Index(1)], [Index(1), MyInt(2)],
                    types=Index(1))
        self.assertEqual(g.flows[MyInt(1)], opflow.Flow("b", "c", "SS",
                                                        0.0, 1))
        self.assertEqual(g.flows[Index(-1)], g.flows[1])
        res = g.analyze()
        self.assertEqual((res[MyInt(1)].key, res[Index(2)].key), ("b", "c"))
        for bad in (True, 1.0, None):
            with self.assertRaises(TypeError):
                res[bad]
            with self.assertRaises(TypeError):
                g.flows[bad]
        try:
            import numpy
        except ImportError:
            return
        self.assertEqual(res[numpy.int64(2)].key, "c")
        self.assertEqual(g.flows[numpy.uint32(0)].target, "b")
        g.add_activities(["n1", "n2"], categories=numpy.int32(3))
        self.assertEqual(g["n2"].category, "assembly")
        with self.assertRaises(TypeError):
            res[numpy.True_]

    def test_views_of_another_graph_are_refused(self):
        g1, g2 = opflow.Graph(), opflow.Graph()
        for g in (g1, g2):
            g.add_activities(["a0", "a1", "a2"])
            g.add_flow("a0", "a1")
        a0, a1 = g2["a0"], g2["a1"]
        before1, before2 = g1.clone(), g2.clone()
        calls = [
            lambda: g1.add_flow(a0, "a2"),
            lambda: g1.add_flow("a1", a1),
            lambda: g1.add_flows([a0], ["a2"]),
            lambda: g1.add_flows([0], [a1]),
            lambda: g1.remove_activity(a0),
            lambda: g1.remove_flow(a0, a1),
            lambda: g1.set_flow_lag(a0, a1, 3),
            lambda: g1.flow(a0, a1),
            lambda: g1.predecessors(a1),
            lambda: g1.successors(a0),
        ]
        for i, call in enumerate(calls):
            with self.assertRaises(opflow.InvalidArgumentError,
                                   msg="call %d" % i):
                call()
            self.assertTrue(g1 == before1 and g2 == before2, "call %d" % i)
        # views of the graph itself are keys
        g1.add_flow(g1["a1"], g1["a2"])
        g1.add_flows([g1["a0"]], [g1["a2"]])
        self.assertEqual(g1.successors(g1["a0"]), ["a1", "a2"])


class TestGraphObject(TestCase):
    def test_clone_and_equal(self):
        g = small()
        h = g.clone()
        self.assertIsNot(h, g)
        self.assertTrue(g == h)
        self.assertFalse(g != h)
        self.assertEqual(h["weld"].estimate, (4.0, 6.0, 10.0))
        h["weld"].label = "Different"
        self.assertTrue(g != h)
        self.assertEqual(g["weld"].label, "Weld frame")  # deep copy
        self.assertTrue(copy.copy(g) == g)
        self.assertTrue(copy.deepcopy(g) == g)
        # order matters; so do bit-identical numbers
        a, b = opflow.Graph(), opflow.Graph()
        a.add_activities(["x", "y"])
        b.add_activities(["y", "x"])
        self.assertFalse(a == b)
        c, d = opflow.Graph(), opflow.Graph()
        c.add_activity("x", duration=0.1 + 0.2)
        d.add_activity("x", duration=0.3)
        self.assertFalse(c == d)
        self.assertTrue(opflow.Graph() == opflow.Graph())
        self.assertFalse(g == "graph")
        self.assertTrue(g != 3)
        with self.assertRaises(TypeError):
            hash(g)

    def test_repr_and_pickle(self):
        g = small()
        self.assertIn("3 activities", repr(g))
        # pickled as its text (test_faces.py has the details)
        self.assertEqual(pickle.loads(pickle.dumps(g)), g)

    def test_prepare(self):
        g = small()
        g.prepare()
        g.prepare()
        self.assertEqual(g.analyze().lead_time, 11.5)
        g.add_activity("late", duration=20)  # drops the layout
        self.assertEqual(g.analyze().lead_time, 20.0)
        g.prepare()
        g.add_flow("sell", "late")
        self.assertEqual(g.analyze().lead_time, 31.5)

    def test_close(self):
        g = small()
        view = g["weld"]
        flows = g.flows
        deps = g.departments
        self.assertFalse(g.closed)
        g.close()
        g.close()  # idempotent
        self.assertTrue(g.closed)
        self.assertIn("closed", repr(g))
        calls = [lambda: len(g), lambda: "weld" in g, lambda: g["weld"],
                 lambda: list(g), lambda: g.keys(), lambda: g.add_activity("n"),
                 lambda: g.add_activities(["n"]), lambda: g.add_flow("cut", "weld"),
                 lambda: g.add_flows([0], [1]), lambda: g.remove_activity("cut"),
                 lambda: g.remove_flow("cut", "weld"), lambda: g.clone(),
                 lambda: g.prepare(), lambda: g.analyze(), lambda: g == small(),
                 lambda: small() == g, lambda: view.duration,
                 lambda: setattr(view, "duration", 1), lambda: view.label,
                 lambda: len(flows), lambda: list(flows), lambda: len(deps),
                 lambda: deps["Sales"], lambda: g.predecessors("weld"),
                 lambda: g.set_flow_lag("cut", "weld", 1),
                 lambda: g.flow("cut", "weld")]
        for i, call in enumerate(calls):
            with self.assertRaises(opflow.MisuseError, msg="call %d" % i) as cm:
                call()
            self.assertEqual(cm.exception.code, opflow.OPFLOW_EMISUSE)
        with small() as h:
            self.assertEqual(len(h), 3)
        self.assertTrue(h.closed)
        with self.assertRaises(opflow.MisuseError):
            with g:
                pass


class TestAgainstModel(TestCase):
    """Random edits applied to a graph and to a plain Python model of it
    (ordered keys, a list of flows, departments in first-use order): the
    two must agree after every step, ids and renumbering included."""

    def test_random_edits(self):
        import random
        rng = random.Random(4242)
        for run in range(30):
            g = opflow.Graph()
            acts = {}      # key -> department (insertion ordered)
            flows = []     # (source, target, type, lag) in id order
            depts = []     # department keys in first-use order
            for step in range(60):
                op = rng.random()
                keys = list(acts)
                if op < 0.35 or len(keys) < 2:
                    key = "k%d" % rng.randrange(40)
                    dept = rng.choice([None, "D1", "D2", "D3"])
                    if key in acts:
                        with self.assertRaises(opflow.DuplicateError):
                            g.add_activity(key, department=dept)
                    else:
                        g.add_activity(key, department=dept)
                        acts[key] = dept
                        if dept is not None and dept not in depts:
                            depts.append(dept)
                elif op < 0.65:
                    s, t = rng.choice(keys), rng.choice(keys)
                    typ = rng.choice(["FS", "SS", "FF", "SF"])
                    lag = rng.choice([-2.0, 0.0, 1.5])
                    if s == t:
                        with self.assertRaises(opflow.InvalidArgumentError):
                            g.add_flow(s, t, type=typ, lag=lag)
                    elif any(f[:3] == (s, t, typ) for f in flows):
                        with self.assertRaises(opflow.DuplicateError):
                            g.add_flow(s, t, type=typ, lag=lag)
                    else:
                        f = g.add_flow(s, t, type=typ, lag=lag)
                        self.assertEqual(f.id, len(flows))
                        flows.append((s, t, typ, lag))
                elif op < 0.75:
                    key = rng.choice(keys)
                    g.remove_activity(key)
                    del acts[key]
                    flows = [f for f in flows if key not in f[:2]]
                elif op < 0.85 and flows:
                    s, t, typ, _ = rng.choice(flows)
                    g.remove_flow(s, t, type=typ)
                    flows = [f for f in flows if f[:3] != (s, t, typ)]
                elif op < 0.92 and flows:
                    i = rng.randrange(len(flows))
                    s, t, typ, _ = flows[i]
                    g.set_flow_lag(s, t, 3.25, type=typ)
                    flows[i] = (s, t, typ, 3.25)
                elif depts:
                    d = rng.choice(depts)
                    del g.departments[d]
                    depts.remove(d)
                    for k in acts:
                        if acts[k] == d:
                            acts[k] = None
                self.assertEqual(g.keys(), list(acts))
                self.assertEqual([(f.source, f.target, f.type, f.lag, f.id)
                                  for f in g.flows],
                                 [f + (i,) for i, f in enumerate(flows)])
                self.assertEqual(list(g.departments), depts)
                self.assertEqual({a.key: a.department for a in g}, acts)
                for k in acts:
                    self.assertEqual(g[k].id, list(acts).index(k))
            # every graph the model allows without a cycle analyses
            try:
                res = g.analyze()
            except opflow.CycleError as e:
                cyc = e.cycle
                self.assertGreaterEqual(len(cyc), 2)
                for a, b in zip(cyc, cyc[1:] + cyc[:1]):
                    self.assertTrue(any(f[0] == a and f[1] == b
                                        for f in flows), (a, b, cyc))
            else:
                self.assertEqual(res.keys(), list(acts))


if __name__ == "__main__":
    unittest.main()
