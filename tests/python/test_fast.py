"""The fast paths of the bindings against their general paths: add_activity
and add_flow with plain str keys, names and numbers; add_flows from
columns of keys; iterating an analysis.  Each fast path must give the
same graph, the same records and the same errors (class and message) as
the general path, which str and float subclasses, views and mixed
columns still take; the expected values of the small cases are worked
out by hand."""
import math
import random
import threading
import unittest

from support import TestCase, opflow


class S(str):
    """A str subclass: add_activity and add_flow take the general path."""


class F(float):
    """A float subclass: the same for durations and lags."""


def error_of(call):
    try:
        call()
    except Exception as e:  # noqa: BLE001 - compared, not swallowed
        return type(e), str(e)
    return None


class TestAddActivity(TestCase):
    def test_record_and_graph(self):
        fast, slow = opflow.Graph(), opflow.Graph()
        a = fast.add_activity("cut", duration=2.5)
        b = slow.add_activity(S("cut"), duration=F(2.5))
        self.assertIs(type(a), opflow.Activity)
        self.assertEqual(a.key, "cut")
        self.assertIs(type(a.key), str)
        self.assertIs(a.graph, fast)
        self.assertEqual((b.key, type(b.key)), (a.key, str))
        self.assertEqual(a.duration, 2.5)
        self.assertTrue(a.duration_is_explicit)
        self.assertEqual(a.category, "other")
        fast.add_activity("weld", category="manufacturing")
        slow.add_activity(S("weld"), category=S("manufacturing"))
        fast.add_activity("ship", category="distribution", duration=3)
        slow.add_activity(S("ship"), category=S("distribution"),
                          duration=F(3))
        fast.add_activity("plan")
        slow.add_activity(S("plan"))
        self.assertEqual(fast, slow)
        self.assertEqual(fast.dumps(), slow.dumps())
        self.assertEqual(fast["weld"].kind, "production")
        self.assertFalse(fast["weld"].duration_is_explicit)
        self.assertEqual(fast["ship"].duration, 3.0)
        self.assertEqual(fast["ship"].category, "distribution")
        self.assertEqual([x.id for x in fast], [0, 1, 2, 3])

    def test_same_errors(self):
        cases = [
            (("a",), {}),                             # duplicate
            (("b",), {"category": "no-such"}),        # unknown category
            (("b",), {"duration": -1.0}),             # negative
            (("b",), {"duration": math.inf}),         # not finite
            (("b",), {"duration": math.nan}),
            (("b",), {"duration": 10 ** 400}),        # too large: RangeError
            (("b\0c",), {}),                          # NUL
            (("",), {}),                              # empty key
            (("x" * 5000,), {}),                      # too long
            (("\udc80",), {}),                        # lone surrogate
            ((b"b",), {}),                            # not a str
            (("b",), {"duration": True}),             # a bool
            (("b",), {"category": 3}),                # not a name
        ]
        for args, kwargs in cases:
            fast, slow = opflow.Graph(), opflow.Graph()
            fast.add_activity("a")
            slow.add_activity("a")
            before = fast.dumps()
            got = error_of(lambda: fast.add_activity(*args, **kwargs))
            sargs = tuple(S(x) if isinstance(x, str) else x for x in args)
            skw = {k: F(v) if type(v) is float else v
                   for k, v in kwargs.items()}
            want = error_of(lambda: slow.add_activity(*sargs, **skw))
            self.assertIsNotNone(got, (args, kwargs))
            self.assertEqual(got, want, (args, kwargs))
            self.assertEqual(fast.dumps(), before)
        g = opflow.Graph()
        g.close()
        self.assertEqual(error_of(lambda: g.add_activity("a")),
                         (opflow.MisuseError, "the graph is closed"))


class TestAddFlow(TestCase):
    def graphs(self):
        fast, slow = opflow.Graph(), opflow.Graph()
        for g in (fast, slow):
            for k in ("a", "b", "c", "d"):
                g.add_activity(k, duration=1)
        return fast, slow

    def test_records(self):
        fast, slow = self.graphs()
        got = [fast.add_flow("a", "b"),
               fast.add_flow("b", "c", type="SS", lag=-0.0),
               fast.add_flow("a", "c", "FF", 2),
               fast.add_flow("c", "d", lag=-1.5)]
        want = [slow.add_flow(S("a"), S("b")),
                slow.add_flow(S("b"), S("c"), type=S("SS"), lag=F(-0.0)),
                slow.add_flow(S("a"), S("c"), S("FF"), F(2)),
                slow.add_flow(S("c"), S("d"), lag=F(-1.5))]
        self.assertEqual(got, want)
        self.assertEqual(got, [
            opflow.Flow("a", "b", "FS", 0.0, 0),
            opflow.Flow("b", "c", "SS", 0.0, 1),
            opflow.Flow("a", "c", "FF", 2.0, 2),
            opflow.Flow("c", "d", "FS", -1.5, 3)])
        # -0.0 is kept as 0.0, as the library keeps it
        self.assertEqual(math.copysign(1, got[1].lag), 1.0)
        for f in got:
            self.assertIs(type(f), opflow.Flow)
            self.assertIs(type(f.lag), float)
            self.assertIs(type(f.id), int)
        self.assertEqual(list(fast.flows), got)
        self.assertEqual(fast, slow)

    def test_same_errors(self):
        cases = [
            ("a", "zz", "FS", 0.0),      # unknown target
            ("zz", "a", "FS", 0.0),      # unknown source
            ("zz", "yy", "FS", 0.0),     # both: the source is named
            ("a", "a", "FS", 0.0),       # self-loop
            ("a", "b", "FS", 0.0),       # duplicate
            ("a", "b", "XX", 0.0),       # unknown type
            ("a", "b", "SS", math.nan),  # not finite
            ("a", "b", "SS", math.inf),
            ("a", "b", "SS", 10 ** 400),
            ("a\0", "zz", "FS", 0.0),    # NUL before the unknown target
            ("zz", "b\0", "FS", 0.0),    # NUL before the unknown source
            ("a", "\udc80", "FS", 0.0),
            ("a", "b", "SS", "1"),       # not a number
            ("a", "b", "SS", True),
            ("a", 7, "SS", 0.0),         # not a key
        ]
        for s, t, ty, lag in cases:
            fast, slow = self.graphs()
            fast.add_flow("a", "b")
            slow.add_flow("a", "b")
            before = fast.dumps()
            got = error_of(lambda: fast.add_flow(s, t, ty, lag))

            def sub(x):
                return S(x) if isinstance(x, str) else x
            want = error_of(lambda: slow.add_flow(
                sub(s), sub(t), sub(ty), F(lag) if type(lag) is float
                else lag))
            self.assertIsNotNone(got, (s, t, ty, lag))
            self.assertEqual(got, want, (s, t, ty, lag))
            self.assertEqual(fast.dumps(), before)
        fast, _ = self.graphs()
        fast.close()
        self.assertEqual(error_of(lambda: fast.add_flow("a", "b")),
                         (opflow.MisuseError, "the graph is closed"))

    def test_ids_after_removals(self):
        # the ids known by key must follow removals (ids move down)
        g = opflow.Graph()
        for k in "abcdef":
            g.add_activity(k)
        g.add_flow("a", "f")
        g.remove_activity("b")
        self.assertEqual(g.add_flow("c", "d"),
                         opflow.Flow("c", "d", "FS", 0.0, 1))
        self.assertEqual(g["d"].id, 2)
        g.remove_activities(["a", "c"])
        self.assertEqual(g.keys(), ["d", "e", "f"])
        self.assertEqual(g.add_flow("e", "f"),
                         opflow.Flow("e", "f", "FS", 0.0, 0))
        self.assertEqual(list(g.flows),
                         [opflow.Flow("e", "f", "FS", 0.0, 0)])
        # a refused removal changes nothing
        self.assertRaises(opflow.NotFoundError, g.remove_activity, "zz")
        self.assertEqual(g.add_flow("d", "e").id, 1)
        g.add_activities(["g", "h"])
        self.assertEqual(g.add_flow("g", "h").source, "g")
        self.assertEqual([(f.source, f.target, f.id) for f in g.flows],
                         [("e", "f", 0), ("d", "e", 1), ("g", "h", 2)])
        self.assertEqual(g.dumps(), g.clone().dumps())
        # a loaded graph knows no ids yet
        h = opflow.loads(g.dumps())
        self.assertEqual(h.add_flow("h", "d").id, 3)
        self.assertEqual(h.flows[3].target, "d")


class TestAddFlowsByKey(TestCase):
    def test_as_by_id(self):
        rnd = random.Random(5)
        n = 300
        keys = ["k%03d" % rnd.randrange(1000) + "-%d" % i for i in range(n)]
        pairs = sorted({(rnd.randrange(n), rnd.randrange(n))
                        for _ in range(900)})
        pairs = [(s, t) for s, t in pairs if s != t]
        by_id, by_key, by_view = (opflow.Graph(), opflow.Graph(),
                                  opflow.Graph())
        for g in (by_id, by_key, by_view):
            g.add_activities(keys, durations=[float(i % 5) for i in range(n)])
        by_id.add_flows([s for s, _ in pairs], [t for _, t in pairs])
        srcs = [keys[s] for s, _ in pairs]
        dsts = [keys[t] for _, t in pairs]
        got = by_key.add_flows(srcs, dsts, types="SS", lags=1.0)
        self.assertEqual(got, range(0, len(pairs)))
        # the general path: views among the keys
        by_view.add_flows([by_view[keys[pairs[0][0]]]] + srcs[1:], dsts,
                          types="SS", lags=1.0)
        self.assertEqual(by_key, by_view)
        self.assertEqual([(f.source, f.target) for f in by_key.flows],
                         [(keys[s], keys[t]) for s, t in pairs])
        self.assertEqual([(f.source, f.target) for f in by_id.flows],
                         [(keys[s], keys[t]) for s, t in pairs])

    def test_after_changes(self):
        g = opflow.Graph()
        g.add_activities(["a", "b", "c", "d"])
        g.add_activity("e")
        g.add_activities([S("f"), "g"])
        self.assertEqual(g.add_flows(["a", "f", "g"], ["e", "g", "a"]),
                         range(0, 3))
        g.remove_activities(["b"])
        self.assertEqual(g.add_flows(["c", "d"], ["d", "e"]), range(3, 5))
        self.assertEqual([(f.source, f.target) for f in g.flows],
                         [("a", "e"), ("f", "g"), ("g", "a"), ("c", "d"),
                          ("d", "e")])
        h = opflow.loads(g.dumps())
        self.assertEqual(h.add_flows(["e"], ["c"]), range(5, 6))
        self.assertEqual(h.flows[5], opflow.Flow("e", "c", "FS", 0.0, 5))

    def test_same_errors(self):
        cases = [
            (["a", "b"], ["b", "zz"]),        # unknown target
            (["a", "yy"], ["b", "zz"]),       # the source is named first
            (["a", "b\0"], ["b", "zz"]),      # NUL before lookups
            (["a", "b"], ["b\0", 7.5]),       # NUL before the bad type
            (["a", "b"], ["b", "a", "c"]),    # lengths
            (["a", "a"], ["b", "a"]),         # self-loop
            (["a", "a"], ["b", "b"]),         # twice
            (["a", "\udc80"], ["b", "c"]),
            (["a", ""], ["b", "c"]),          # empty: not a valid key
            (["a", "b"], ["x" * 1025, "c"]),  # longer than OPFLOW_KEY_MAX
            ([S("a"), "zz"], ["b", "c"]),     # a str subclass among them
        ]
        for srcs, dsts in cases:
            fast, slow = opflow.Graph(), opflow.Graph()
            for g in (fast, slow):
                g.add_activities(["a", "b", "c"])
            got = error_of(lambda: fast.add_flows(srcs, dsts))
            # the general path: a view of the same first source
            want = error_of(lambda: slow.add_flows(
                [slow[srcs[0]]] + srcs[1:], dsts))
            self.assertIsNotNone(got, (srcs, dsts))
            self.assertEqual(got, want, (srcs, dsts))
            self.assertEqual(len(fast.flows), 0)

    def test_unknown_key_past_the_first_batch(self):
        # the C lookup goes 64 keys at a time: the first unknown key is
        # named wherever it is, and the source column before the target
        g = opflow.Graph()
        keys = ["k%d" % i for i in range(300)]
        g.add_activities(keys)
        srcs = keys[:200]
        dsts = keys[1:201]
        for bad, column in ((130, "targets"), (64, "sources"),
                            (199, "targets")):
            s, t = list(srcs), list(dsts)
            (t if column == "targets" else s)[bad] = "nope%d" % bad
            if bad != 199:
                t[199] = "later"  # unknown too, but after the first
            got = error_of(lambda: g.add_flows(s, t))
            self.assertEqual(got, (opflow.NotFoundError,
                                   "no activity nope%d" % bad),
                             (bad, column))
            self.assertEqual(len(g.flows), 0)
        self.assertEqual(g.add_flows(srcs, dsts), range(0, 200))
        self.assertEqual(g.flows[130].target, "k131")
        # removal by keys takes the same lookup
        g.remove_activities(["k5", "k250", "k0"])
        self.assertEqual(len(g), 297)
        self.assertEqual(g.keys()[:5], ["k1", "k2", "k3", "k4", "k6"])
        with self.assertRaises(opflow.NotFoundError) as cm:
            g.remove_activities(["k1", "k5"])
        self.assertEqual(str(cm.exception), "no activity k5")
        self.assertEqual(len(g), 297)

    def test_ids_names_the_item(self):
        g = opflow.Graph()
        g.add_activities(["k%d" % i for i in range(100)])
        many = ["k%d" % (i % 100) for i in range(250)]
        self.assertEqual(list(g.ids(many)), [i % 100 for i in range(250)])
        for bad, text in ((0, "zz"), (70, ""), (200, "a\0b"),
                          (249, "\udc80")):
            keys = list(many)
            keys[bad] = text
            with self.assertRaises(opflow.NotFoundError) as cm:
                g.ids(keys)
            self.assertEqual(cm.exception.args[0],
                             "no activity %r (item %d of the keys)"
                             % (text, bad))

    def test_list_changed_after(self):
        # the keys are copied before the graph is locked
        g = opflow.Graph()
        keys = ["a", "b", "c"]
        g.add_activities(keys)
        keys[0] = "zz"
        self.assertEqual(g.add_flows(["a"], ["b"]), range(0, 1))
        self.assertEqual(g.keys(), ["a", "b", "c"])


class TestSchedule(TestCase):
    def small(self):
        g = opflow.Graph()
        g.add_activity("a", duration=2)
        g.add_activity("b", duration=3)
        g.add_activity("c", duration=1)
        g.add_activity("d", duration=4)
        g.add_flow("a", "b")
        g.add_flow("a", "c", lag=1)
        g.add_flow("c", "d", type="SS", lag=0.5)
        return g

    def test_by_hand(self):
        g = self.small()
        res = g.analyze()
        # a: 0-2; b: 2-5; c: 3-4; d: SS from c + 0.5: 3.5-7.5, the lead
        # time 7.5; b has 2.5 float, the chain a-c-d none
        self.assertEqual(res.lead_time, 7.5)
        rows = list(res)
        self.assertEqual([r.key for r in rows], ["a", "b", "c", "d"])
        self.assertEqual([(r.es, r.ef, r.ls, r.lf) for r in rows],
                         [(0, 2, 0, 2), (2, 5, 4.5, 7.5), (3, 4, 3, 4),
                          (3.5, 7.5, 3.5, 7.5)])
        self.assertEqual([r.critical for r in rows],
                         [True, False, True, True])
        self.assertEqual([r.driving_flow for r in rows], [
            None, opflow.Flow("a", "b", "FS", 0.0, 0),
            opflow.Flow("a", "c", "FS", 1.0, 1),
            opflow.Flow("c", "d", "SS", 0.5, 2)])

    def test_as_one_by_one(self):
        rnd = random.Random(3)
        g = opflow.Graph()
        n = 400
        keys = ["x%d" % rnd.randrange(10 ** 6) + "-%d" % i for i in range(n)]
        g.add_activities(keys, durations=[float(rnd.randrange(9))
                                          for _ in range(n)])
        src, dst = [], []
        for i in range(1, n):
            for _ in range(rnd.randrange(4)):
                src.append(rnd.randrange(i))
                dst.append(i)
        pairs = sorted(set(zip(src, dst)))
        g.add_flows([s for s, _ in pairs], [t for _, t in pairs],
                    types=[rnd.choice(opflow.FLOW_TYPES) for _ in pairs],
                    lags=[float(rnd.randrange(-2, 3)) for _ in pairs])
        res = g.analyze()
        one = [res[i] for i in range(n)]   # the per-activity accessors
        self.assertEqual(list(res), one)
        self.assertEqual(res.schedule(), one)
        self.assertEqual([res[k] for k in keys], one)
        # the graph changed: the keys come from the analysis itself
        res2 = g.analyze()
        g.remove_activity(keys[0])
        g.add_activity(keys[0] + "-new")   # as many keys, not the same
        self.assertEqual(len(g), n)
        self.assertEqual(list(res2), one)
        g.remove_activity(keys[0] + "-new")
        g.add_activity(keys[0])
        g.add_activity("late")
        res3 = g.analyze()
        want = [res3[i] for i in range(n + 1)]
        g.close()
        self.assertEqual(list(res3), want)
        self.assertEqual([r.key for r in want],
                         keys[1:] + [keys[0], "late"])

    def test_graph_being_changed(self):
        # a thread writing the graph: the analysis reads its keys itself
        g = self.small()
        res = g.analyze()
        want = [res[i] for i in range(4)]
        lock = g._lock
        taken, done = threading.Event(), threading.Event()

        def writer():
            lock.acquire_write()
            taken.set()
            done.wait()
            lock.release_write()

        t = threading.Thread(target=writer)
        t.start()
        taken.wait()
        try:
            self.assertFalse(lock.try_acquire_read())
            self.assertEqual(list(res), want)
        finally:
            done.set()
            t.join()
        self.assertTrue(lock.try_acquire_read())
        lock.release_read()


class TestLockVersion(unittest.TestCase):
    def test_counts_writes(self):
        g = opflow.Graph()
        v = g._lock.version
        g.add_activity("a")
        self.assertGreater(g._lock.version, v)
        v = g._lock.version
        len(g)
        g.keys()
        g.analyze()
        self.assertEqual(g._lock.version, v)
        g["a"].label = "A"
        self.assertGreater(g._lock.version, v)


if __name__ == "__main__":
    unittest.main()
