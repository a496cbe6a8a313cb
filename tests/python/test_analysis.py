"""Analysis figures against values worked out by hand (the working is in
the comments)."""
import math
import unittest

from support import TestCase, opflow


def four_types():
    """A(4) -FS+2-> B(3) -FF+1-> D(5) -FS-2-> E(1); A -SS-1-> C(2);
    C -SF+3-> D; C -SS+4-> E.

    Forward:  ES(A)=0 EF 4.  B: ES >= EF(A)+2 = 6, EF 9.  C: ES >= ES(A)-1
    = -1, so 0 (start bound), EF 2.  D: EF >= EF(B)+1 = 10 and EF >= ES(C)+3
    = 3, so ES 5, EF 10.  E: ES >= EF(D)-2 = 8 and ES >= ES(C)+4 = 4, so
    ES 8, EF 9.  T = 10.

    Backward (H = 10): E: LF 10, LS 9.  D: LF <= LS(E)+2 = 11 and H, so
    LF 10, LS 5.  C: LS <= LF(D)-3 = 7, LS <= LS(E)-4 = 5, LF <= 10: LS 5,
    LF 7.  B: LF <= LF(D)-1 = 9, LS 6.  A: LF <= LS(B)-2 = 4, LS <= LS(C)+1
    = 6: LF 4, LS 0.

    Total floats: A 0, B 0, C 5, D 0, E 1.  Free floats: A min(6-2-4,
    0+1-0, 10-4) = 0; B min(10-1-9, 10-9) = 0; C min(10-3-0, 8-4-0, 10-2)
    = 4; D min(8+2-10, 10-10) = 0; E 10-9 = 1.
    """
    g = opflow.Graph()
    for key, d in (("A", 4), ("B", 3), ("C", 2), ("D", 5), ("E", 1)):
        g.add_activity(key, category="manufacturing", duration=d)
    g.add_flow("A", "B", type="FS", lag=2)
    g.add_flow("A", "C", type="SS", lag=-1)
    g.add_flow("B", "D", type="FF", lag=1)
    g.add_flow("C", "D", type="SF", lag=3)
    g.add_flow("D", "E", type="FS", lag=-2)
    g.add_flow("C", "E", type="SS", lag=4)
    return g


def bicycle():
    """The value chain of the example, worked out in the tests below."""
    g = opflow.Graph()
    rows = [
        ("research", "market-research", "Marketing", 10),
        ("design", "product-development", "Engineering", 15),
        ("buy", "procurement", "Purchasing", 5),
        ("weld", "manufacturing", "Frame shop", 6),
        ("paint", "manufacturing", "Frame shop", 2),
        ("assemble", "assembly", "Assembly", 4),
        ("campaign", "marketing", "Marketing", 8),
        ("ship", "distribution", "Logistics", 3),
        ("support", "customer-service", None, 5),
    ]
    for key, category, department, d in rows:
        g.add_activity(key, category=category, department=department,
                       duration=d)
    for s, t in (("research", "design"), ("design", "weld"), ("buy", "weld"),
                 ("weld", "paint"), ("paint", "assemble"),
                 ("design", "campaign"), ("assemble", "ship"),
                 ("campaign", "ship"), ("ship", "support")):
        g.add_flow(s, t)
    return g


class TestSchedule(TestCase):
    def check(self, res, want):
        for key, (es, ef, ls, lf, tf, ff) in want.items():
            r = res[key]
            self.assertEqual((r.es, r.ef, r.ls, r.lf, r.total_float,
                              r.free_float), (es, ef, ls, lf, tf, ff), key)

    def test_four_flow_types(self):
        res = four_types().analyze()
        self.assertEqual(res.lead_time, 10.0)
        self.check(res, {
            "A": (0, 4, 0, 4, 0, 0),
            "B": (6, 9, 6, 9, 0, 0),
            "C": (0, 2, 5, 7, 5, 4),
            "D": (5, 10, 5, 10, 0, 0),
            "E": (8, 9, 9, 10, 1, 1),
        })
        self.assertEqual([k for k in "ABCDE" if res[k].critical], ["A", "B", "D"])
        self.assertEqual([k for k in "ABCDE" if res[k].near_critical],
                         ["A", "B", "D"])
        # driving flows: the tight one added first; C only has the start
        self.assertIsNone(res["A"].driving_flow)
        self.assertIsNone(res["C"].driving_flow)  # A -SS-1-> C has slack 1
        self.assertEqual(res["B"].driving_flow,
                         opflow.Flow("A", "B", "FS", 2.0, 0))
        self.assertEqual(res["D"].driving_flow,
                         opflow.Flow("B", "D", "FF", 1.0, 2))
        self.assertEqual(res["E"].driving_flow,
                         opflow.Flow("D", "E", "FS", -2.0, 4))
        self.assertEqual(res.critical_path, [["A", "B", "D"]])
        paths = res.critical_paths()
        self.assertEqual(paths, [["A", "B", "D"]])
        self.assertFalse(paths.more)
        r = res["B"]
        self.assertIsInstance(r, opflow.ActivityResult)
        self.assertEqual((r.key, r.id, r.duration, r.stage),
                         ("B", 1, 3.0, "production"))
        self.assertIs(type(r.critical), bool)
        self.assertEqual(res[1], r)  # by id too
        self.assertEqual([x.key for x in res], list("ABCDE"))
        self.assertEqual(res.keys(), list("ABCDE"))
        self.assertEqual(len(res), 5)
        self.assertIn("C", res)
        self.assertNotIn("Z", res)

    def test_deadline_negative_float(self):
        # H = 8: every late time moves 2 earlier.  E: LF 8, LS 7.  D: LF
        # min(8, 7+2) = 8, LS 3.  C: LS min(8-3, 7-4) = 3, LF 5.  B: LF
        # 8-1 = 7, LS 4.  A: LF min(4-2, ...) = 2, LS -2.  Free floats with
        # H = 8: A 0; B min(0, 8-9) = -1; C min(7, 4, 6) = 4 (more than its
        # total float of 3); D min(0, 8-10) = -2; E 8-9 = -1.
        res = four_types().analyze(deadline=8)
        self.assertEqual(res.lead_time, 10.0)
        self.check(res, {
            "A": (0, 4, -2, 2, -2, 0),
            "B": (6, 9, 4, 7, -2, -1),
            "C": (0, 2, 3, 5, 3, 4),
            "D": (5, 10, 3, 8, -2, -2),
            "E": (8, 9, 7, 8, -1, -1),
        })
        # critical: the least total float (-2), the longest path
        self.assertEqual([k for k in "ABCDE" if res["%s" % k].critical],
                         ["A", "B", "D"])
        self.assertEqual(res.critical_path, [["A", "B", "D"]])
        # a generous deadline: floats grow, the same path stays critical
        res = four_types().analyze(deadline=12.5)
        self.assertEqual((res["A"].total_float, res["E"].total_float,
                          res["E"].free_float), (2.5, 3.5, 3.5))
        self.assertEqual([k for k in "ABCDE" if res[k].critical], ["A", "B", "D"])

    def test_tolerance_and_near_critical(self):
        res = four_types().analyze(near_critical=1)
        self.assertEqual([k for k in "ABCDE" if res[k].critical], ["A", "B", "D"])
        self.assertEqual([k for k in "ABCDE" if res[k].near_critical],
                         ["A", "B", "D", "E"])
        res = four_types().analyze(tolerance=1)
        self.assertEqual([k for k in "ABCDE" if res[k].critical],
                         ["A", "B", "D", "E"])
        self.assertEqual(res.critical_path, [["A", "B", "D", "E"]])
        self.assertEqual(res.critical_paths(), [["A", "B", "D", "E"]])
        g = four_types()
        for bad in ({"tolerance": -1}, {"tolerance": float("nan")},
                    {"near_critical": -0.5}, {"near_critical": float("inf")},
                    {"deadline": float("nan")}, {"deadline": float("inf")},
                    {"durations": "monte-carlo"}):
            with self.assertRaises(opflow.InvalidArgumentError, msg=bad):
                g.analyze(**bad)

    def test_negative_lags_clamp_at_start(self):
        # DESIGN: a -> b SS -5 -> c SS +1 gives ES(b) = 0, ES(c) = 1
        g = opflow.Graph()
        for k in "abc":
            g.add_activity(k, duration=2)
        g.add_flow("a", "b", type="SS", lag=-5)
        g.add_flow("b", "c", type="SS", lag=1)
        res = g.analyze()
        self.assertEqual((res["a"].es, res["b"].es, res["c"].es), (0, 0, 1))
        self.assertEqual(res.lead_time, 3.0)
        # an SF lead that would start b before 0: still 0
        h = opflow.Graph()
        h.add_activity("a", duration=1)
        h.add_activity("b", duration=10)
        h.add_flow("a", "b", type="SF", lag=2)  # EF(b) >= 2: ES >= -8
        self.assertEqual(h.analyze()["b"].es, 0.0)

    def test_branching_critical_paths(self):
        # s(2) -> x(3) -> t(1) and s -> y(3) -> t, all FS 0, plus x -FF+1->
        # t, tight too (EF(t) = 6 = EF(x) + 1): a parallel flow, counted
        # once.  Every activity is critical.  The driving flow of t is
        # x -> t (added before y -> t), so the chains are s-x-t and s-y.
        g = opflow.Graph()
        for k, d in (("s", 2), ("x", 3), ("y", 3), ("t", 1)):
            g.add_activity(k, duration=d)
        g.add_flow("s", "x")
        g.add_flow("s", "y")
        g.add_flow("x", "t")
        g.add_flow("y", "t")
        g.add_flow("x", "t", type="FF", lag=1)
        res = g.analyze()
        self.assertEqual(res.critical_path, [["s", "x", "t"], ["s", "y"]])
        paths = res.critical_paths()
        self.assertEqual(paths, [["s", "x", "t"], ["s", "y", "t"]])
        self.assertIsInstance(paths, opflow.CriticalPaths)
        self.assertIsInstance(paths, list)
        self.assertFalse(paths.more)
        one = res.critical_paths(limit=1)
        self.assertEqual(one, [["s", "x", "t"]])
        self.assertTrue(one.more)
        self.assertIn("more=True", repr(one))
        two = res.critical_paths(limit=2)
        self.assertFalse(two.more)
        none = res.critical_paths(limit=0)
        self.assertEqual(none, [])
        self.assertTrue(none.more)
        self.assertEqual(res.critical_paths(limit=None), paths)
        with self.assertRaises(opflow.InvalidArgumentError):
            res.critical_paths(limit=-1)
        with self.assertRaises(TypeError):
            res.critical_paths(limit=1.0)
        # the streaming form, stopping early and failing
        seen = []
        self.assertEqual(res.each_critical_path(seen.append), (2, False))
        self.assertEqual(seen, paths)
        self.assertEqual(res.each_critical_path(lambda p: True), (1, False))

        class Boom(Exception):
            pass

        def fail(path):
            raise Boom(path)

        with self.assertRaises(Boom) as cm:
            res.each_critical_path(fail)
        self.assertEqual(cm.exception.args[0], ["s", "x", "t"])
        calls = []

        def fail_second(path):
            calls.append(path)
            if len(calls) == 2:
                raise KeyboardInterrupt
        with self.assertRaises(KeyboardInterrupt):
            res.each_critical_path(fail_second)
        self.assertEqual(len(calls), 2)
        with self.assertRaises(TypeError):
            res.each_critical_path(None)
        # the result is still good after all that
        self.assertEqual(res.critical_paths(), paths)

    def test_many_critical_paths_are_capped(self):
        # k diamonds in series: 2**k critical paths
        g = opflow.Graph()
        g.add_activity("n0", duration=1)
        for i in range(1, 21):
            g.add_activity("u%d" % i, duration=1)
            g.add_activity("l%d" % i, duration=1)
            g.add_activity("n%d" % i, duration=1)
            for mid in ("u%d" % i, "l%d" % i):
                g.add_flow("n%d" % (i - 1), mid)
                g.add_flow(mid, "n%d" % i)
        res = g.analyze()
        paths = res.critical_paths()
        self.assertEqual(len(paths), 100)
        self.assertTrue(paths.more)
        self.assertEqual(paths[0][:4], ["n0", "u1", "n1", "u2"])
        self.assertEqual(paths[1][-2:], ["l20", "n20"])
        self.assertEqual(len(set(map(tuple, paths))), 100)
        self.assertEqual(res.each_critical_path(lambda p: None, limit=5000),
                         (5000, True))


class TestStagesScopeTimeframe(TestCase):
    def test_stages(self):
        # mr -> pd -> mf -> between -> asm -> dist -> after; hr alone
        g = opflow.Graph()
        for key, cat in (("mr", "market-research"),
                         ("pd", "product-development"),
                         ("mf", "manufacturing"), ("between", "logistics"),
                         ("asm", "assembly"), ("dist", "distribution"),
                         ("after", "after-sales"), ("hr", "other")):
            g.add_activity(key, category=cat, duration=1)
        for s, t in (("mr", "pd"), ("pd", "mf"), ("mf", "between"),
                     ("between", "asm"), ("asm", "dist"), ("dist", "after")):
            g.add_flow(s, t)
        res = g.analyze()
        self.assertEqual({r.key: r.stage for r in res}, {
            "mr": "pre-production", "pd": "pre-production",
            "mf": "production", "between": "interleaved",
            "asm": "production", "dist": "post-production",
            "after": "post-production", "hr": "independent"})
        # a production activity is "production" whatever its neighbours
        g["hr"].kind = "production"
        self.assertEqual(g.analyze()["hr"].stage, "production")

    def test_bicycle(self):
        # Early schedule: research 0-10, design 10-25, buy 0-5, weld 25-31,
        # paint 31-33, assemble 33-37, campaign 25-33, ship 37-40,
        # support 40-45.  T = 45.  Late: buy LS 20 (TF 20), campaign LS 29
        # (TF 4); the rest are critical.
        res = bicycle().analyze()
        s = res.scope
        self.assertIsInstance(s, opflow.Scope)
        self.assertEqual(tuple(s), (
            9, 4, 5,                 # activities: all, production, operation
            58.0, 17.0,              # effort: 10+15+5+6+2+4+8+3+5, 5+6+2+4
            4 / 9, 17 / 58,          # shares
            6, 3,                    # departments (support has none)
            8, 3,                    # categories
            3, 16.0,                 # customer-facing: campaign, ship, support
            7, 2, 2, 3))             # handoffs: all, production, boundary, op
        self.assertIs(type(s.activities), int)
        self.assertIs(type(s.handoffs), int)
        self.assertEqual(s.production_share, 4 / 9)
        t = res.timeframe
        self.assertIsInstance(t, opflow.Timeframe)
        self.assertEqual(t.lead_time, 45.0)
        self.assertEqual(res.lead_time, 45.0)
        self.assertEqual((t.production_start, t.production_end,
                          t.production_window, t.pre_production,
                          t.post_production), (0.0, 37.0, 37.0, 0.0, 8.0))
        # production alone: buy 5 -> weld 6 -> paint 2 -> assemble 4 = 17
        self.assertEqual(t.production_span, 17.0)
        self.assertEqual(t.timeframe_ratio, 45 / 17)
        self.assertEqual(dict(t.critical_time_by_department), {
            "Marketing": 10.0, "Engineering": 15.0, "Purchasing": 0.0,
            "Frame shop": 8.0, "Assembly": 4.0, "Logistics": 3.0, None: 5.0})
        self.assertEqual(dict(t.critical_time_by_kind),
                         {"production": 12.0, "operation": 33.0})
        with self.assertRaises(TypeError):
            t.critical_time_by_kind["production"] = 0
        self.assertEqual(res.critical_path, [["research", "design", "weld",
                                              "paint", "assemble", "ship",
                                              "support"]])
        self.assertEqual((res["buy"].total_float, res["buy"].free_float),
                         (20.0, 20.0))
        self.assertEqual((res["campaign"].total_float,
                          res["campaign"].free_float), (4.0, 4.0))
        self.assertEqual(res["campaign"].stage, "independent")
        self.assertEqual(res["ship"].stage, "post-production")
        self.assertEqual(res["design"].stage, "pre-production")
        self.assertEqual(res.departments, ("Marketing", "Engineering",
                                           "Purchasing", "Frame shop",
                                           "Assembly", "Logistics"))
        self.assertEqual(res.handoff_matrix(), {
            ("Marketing", "Engineering"): 1, ("Marketing", "Logistics"): 1,
            ("Engineering", "Frame shop"): 1, ("Engineering", "Marketing"): 1,
            ("Purchasing", "Frame shop"): 1, ("Frame shop", "Assembly"): 1,
            ("Assembly", "Logistics"): 1})
        self.assertEqual(list(res.handoff_matrix()),
                         sorted(res.handoff_matrix(),
                                key=lambda p: tuple(res.departments.index(d)
                                                    for d in p)))
        figures = res.figures()
        self.assertEqual(set(figures), set(opflow.FIGURES))
        self.assertEqual(figures["handoffs"], 7.0)
        self.assertEqual(res.figure("production_span"), 17.0)
        self.assertIsNone(figures["pert_probability"])
        with self.assertRaises(opflow.InvalidArgumentError):
            res.figure("speed")

    def test_production_starts_while_design_runs(self):
        # DESIGN: a procurement activity with float starts at 0 in the
        # early schedule, so production begins at 0 while design runs
        g = opflow.Graph()
        g.add_activity("design", category="product-development", duration=10)
        g.add_activity("buy", category="procurement", duration=3)
        g.add_activity("weld", category="manufacturing", duration=5)
        g.add_activity("ship", category="distribution", duration=2)
        g.add_flow("design", "weld")
        g.add_flow("buy", "weld")
        g.add_flow("weld", "ship")
        t = g.analyze().timeframe
        self.assertEqual((t.lead_time, t.production_start, t.pre_production,
                          t.production_end, t.post_production,
                          t.production_window, t.production_span,
                          t.timeframe_ratio),
                         (17.0, 0.0, 0.0, 15.0, 2.0, 15.0, 8.0, 17 / 8))

    def test_handoffs_parallel_flows(self):
        g = opflow.Graph()
        g.add_activity("p1", category="manufacturing", department="X")
        g.add_activity("p2", category="assembly", department="Y")
        g.add_activity("p3", category="packaging", department="X")
        g.add_activity("o1", category="sales", department="Z")
        g.add_activity("o2", category="logistics", department="W")
        g.add_activity("n1", category="after-sales")
        g.add_flow("p1", "p2")
        g.add_flow("p1", "p2", type="SS")  # parallel: counted separately
        g.add_flow("p2", "o1")
        g.add_flow("o1", "o2")
        g.add_flow("p1", "p3")    # same department: no handoff
        g.add_flow("o2", "n1")    # no department at one end: none
        g.add_flow("o1", "p3", type="FF")  # boundary, Z -> X
        res = g.analyze()
        s = res.scope
        self.assertEqual((s.handoffs, s.production_handoffs,
                          s.boundary_handoffs, s.operation_handoffs),
                         (5, 2, 2, 1))
        self.assertEqual((s.departments, s.production_departments), (4, 2))
        self.assertEqual(res.handoff_matrix(), {("X", "Y"): 2, ("Y", "Z"): 1,
                                                ("Z", "X"): 1, ("Z", "W"): 1})
        self.assertEqual(list(res.handoff_matrix()),
                         [("X", "Y"), ("Y", "Z"), ("Z", "X"), ("Z", "W")])

    def test_absent_figures(self):
        # no production activity
        g = opflow.Graph()
        g.add_activity("sell", category="sales", duration=2)
        res = g.analyze()
        t = res.timeframe
        self.assertEqual(t.lead_time, 2.0)
        for name in ("production_start", "production_end", "production_window",
                     "pre_production", "post_production", "production_span",
                     "timeframe_ratio"):
            self.assertIsNone(getattr(t, name), name)
            self.assertIsNone(res.figure(name), name)
        self.assertEqual(res.scope.production_share, 0.0)
        self.assertEqual(res.scope.production_effort_share, 0.0)
        # a production span of 0: the ratio alone is absent
        g.add_activity("instant", category="packaging", duration=0)
        t = g.analyze().timeframe
        self.assertEqual(t.production_span, 0.0)
        self.assertIsNone(t.timeframe_ratio)
        self.assertEqual(t.production_start, 0.0)
        # an empty graph
        res = opflow.Graph().analyze()
        self.assertEqual(res.lead_time, 0.0)
        self.assertEqual(len(res), 0)
        self.assertEqual(res.critical_path, [])
        self.assertEqual(res.critical_paths(), [])
        self.assertFalse(res.critical_paths().more)
        self.assertEqual(res.handoff_matrix(), {})
        self.assertEqual(tuple(res.scope), (0, 0, 0, 0.0, 0.0, 0.0, 0.0, 0, 0,
                                            0, 0, 0, 0.0, 0, 0, 0, 0))
        self.assertEqual(dict(res.timeframe.critical_time_by_department),
                         {None: 0.0})
        self.assertIsNone(res.timeframe.production_span)


class TestPert(TestCase):
    def pert_graph(self):
        # a (2, 4, 12): mean (2 + 16 + 12) / 6 = 5, variance (10/6)^2
        # b (1, 2, 3):  mean 2, variance (2/6)^2;   a -> b
        # c (0, 6, 6):  mean 5, variance 1, alone: not critical (5 < 7)
        g = opflow.Graph()
        g.add_activity("a", category="manufacturing", estimate=(2, 4, 12))
        g.add_activity("b", category="assembly", estimate=(1, 2, 3))
        g.add_activity("c", category="packaging", estimate=(0, 6, 6))
        g.add_flow("a", "b")
        return g

    def test_pert(self):
        # expected lead time 7, sigma^2 = 100/36 + 4/36 = 104/36,
        # sigma = sqrt(104)/6 = 1.699673...; deadline 8: z = 1/sigma =
        # 0.588348...; Phi(0.58835) from a table: 0.7190 + 0.835 * (0.7224 -
        # 0.7190) = 0.7218
        g = self.pert_graph()
        res = g.analyze(deadline=8, durations="pert")
        sigma = math.sqrt(104) / 6
        self.assertClose(res.pert_lead_time, 7.0)
        self.assertClose(res.lead_time, 7.0)
        self.assertClose(res.pert_stddev, sigma, 1e-12)
        self.assertAlmostEqual(res.pert_stddev, 1.6997, places=4)
        self.assertAlmostEqual(res.pert_probability, 0.7218, delta=2e-4)
        phi = 0.5 * (1 + math.erf((8 - 7) / sigma / math.sqrt(2)))
        self.assertClose(res.pert_probability, phi, 1e-12)
        self.assertClose(res["a"].duration, 5.0)
        self.assertClose(res["c"].duration, 5.0)
        self.assertEqual([r.key for r in res if r.critical], ["a", "b"])
        # deterministic durations (the most likely values: a 4, b 2, c 6):
        # the main schedule differs, the PERT figures do not
        res = g.analyze(deadline=8)
        self.assertEqual(res.lead_time, 6.0)
        self.assertEqual(res["c"].duration, 6.0)
        self.assertClose(res.pert_lead_time, 7.0)
        self.assertClose(res.pert_stddev, sigma, 1e-12)
        self.assertClose(res.pert_probability, phi, 1e-12)
        # no deadline: no probability
        res = g.analyze(durations="pert")
        self.assertIsNone(res.pert_probability)
        self.assertClose(res.pert_stddev, sigma, 1e-12)

    def test_largest_variance_path(self):
        # two parallel critical activities of mean 4: a (2, 4, 6), variance
        # 4/9, and b (3, 4, 5), variance 1/9: sigma = 2/3
        g = opflow.Graph()
        g.add_activity("a", estimate=(2, 4, 6))
        g.add_activity("b", estimate=(3, 4, 5))
        res = g.analyze(durations="pert", deadline=3)
        self.assertClose(res.pert_stddev, 2 / 3, 1e-12)
        # z = (3 - 4) / (2/3) = -1.5: Phi(-1.5) = 0.0668 (table)
        self.assertAlmostEqual(res.pert_probability, 0.0668, delta=1e-4)

    def test_no_variance(self):
        g = opflow.Graph()
        g.add_activity("a", duration=4)
        g.add_activity("b", duration=3)
        g.add_flow("a", "b")
        self.assertEqual(g.analyze(deadline=7).pert_probability, 1.0)
        self.assertEqual(g.analyze(deadline=9).pert_probability, 1.0)
        self.assertEqual(g.analyze(deadline=6.5).pert_probability, 0.0)
        res = g.analyze()
        self.assertEqual((res.pert_lead_time, res.pert_stddev), (7.0, 0.0))


class TestFailures(TestCase):
    def test_cycles(self):
        g = opflow.Graph()
        for k in ("x", "a", "b", "c", "d"):
            g.add_activity(k, duration=1)
        g.add_flow("x", "a")
        g.add_flow("a", "b")
        g.add_flow("b", "c", type="SS", lag=-3)
        g.add_flow("c", "a", type="FF")
        g.add_flow("c", "d")
        for call in (g.analyze, g.prepare):
            with self.assertRaises(opflow.CycleError) as cm:
                call()
            e = cm.exception
            self.assertEqual(e.cycle, ["a", "b", "c"])
            self.assertEqual(e.cycle_ids, [1, 2, 3])
            self.assertEqual(e.code, opflow.OPFLOW_ECYCLE)
            self.assertIn("a -> b -> c -> a", str(e))
        g.remove_flow("c", "a", type="FF")
        # x 0-1, a 1-2, b 2-3, c: ES >= 2 - 3, so 0-1; d 1-2
        self.assertEqual(g.analyze().lead_time, 3.0)
        # flows against insertion order: the report starts at the smallest
        # id and follows the flows
        h = opflow.Graph()
        h.add_activities(["p", "q", "r"])
        h.add_flow("p", "r")
        h.add_flow("r", "q")
        h.add_flow("q", "p")
        with self.assertRaises(opflow.CycleError) as cm:
            h.analyze()
        self.assertEqual(cm.exception.cycle, ["p", "r", "q"])
        # two activities
        k = opflow.Graph()
        k.add_activities(["u", "v"])
        k.add_flow("v", "u", type="SF", lag=-10)
        k.add_flow("u", "v", type="SS")
        with self.assertRaises(opflow.CycleError) as cm:
            k.analyze(durations="pert")
        self.assertEqual(cm.exception.cycle, ["u", "v"])

    def test_times_not_finite(self):
        g = opflow.Graph()
        for k in "abc":
            g.add_activity(k)
        g.add_flow("a", "b", lag=1e308)
        g.add_flow("b", "c", lag=1e308)
        with self.assertRaises(opflow.RangeError) as cm:
            g.analyze()
        self.assertIn("c", str(cm.exception))
        self.assertEqual(cm.exception.code, opflow.OPFLOW_ERANGE)
        with self.assertRaises(opflow.RangeError):
            g.analyze(deadline=-1e308)


class TestLifetime(TestCase):
    def test_result_outlives_graph(self):
        import gc
        import weakref
        g = four_types()
        res = g.analyze()
        ref = weakref.ref(g)
        g.close()
        del g
        gc.collect()
        # the result keeps the Graph object alive; the C graph was freed by
        # close() and the result reads its own copy
        self.assertIs(ref(), res.graph)
        self.assertTrue(res.graph.closed)
        self.assertEqual(res.lead_time, 10.0)
        self.assertEqual(res["E"].driving_flow.source, "D")
        self.assertEqual(res.critical_paths(), [["A", "B", "D"]])
        # and it does not change with its graph
        g = four_types()
        res = g.analyze()
        g.remove_activity("A")
        g["E"].duration = 100
        self.assertEqual(res.lead_time, 10.0)
        self.assertEqual(res.keys(), list("ABCDE"))
        self.assertEqual(res["E"].duration, 1.0)

    def test_close(self):
        import pickle
        res = four_types().analyze()
        self.assertIn("lead time 10.0", repr(res))
        # pickled as its graph's text and options (test_faces.py), but
        # not once closed
        self.assertEqual(pickle.loads(pickle.dumps(res)), res)
        self.assertFalse(res.closed)
        res.close()
        res.close()
        self.assertTrue(res.closed)
        with self.assertRaises(opflow.MisuseError):
            pickle.dumps(res)
        self.assertIn("closed", repr(res))
        calls = [lambda: res.lead_time, lambda: res["A"], lambda: len(res),
                 lambda: list(res), lambda: res.scope, lambda: res.timeframe,
                 lambda: res.critical_path, lambda: res.critical_paths(),
                 lambda: res.handoff_matrix(), lambda: res.pert_stddev,
                 lambda: res.departments, lambda: res.figure("lead_time"),
                 lambda: "A" in res, lambda: res.keys()]
        for i, call in enumerate(calls):
            with self.assertRaises(opflow.MisuseError, msg="call %d" % i):
                call()
        with four_types().analyze() as res:
            self.assertEqual(res.lead_time, 10.0)
        self.assertTrue(res.closed)
        with self.assertRaises(TypeError):
            opflow.Analysis(None)

    def test_index_errors(self):
        res = four_types().analyze()
        with self.assertRaises(opflow.NotFoundError):
            res["Z"]
        with self.assertRaises(opflow.NotFoundError):
            res[5]
        # negative positions count from the end (test_faces.py), as far
        # as the first activity
        self.assertEqual(res[-1].key, "E")
        with self.assertRaises(opflow.NotFoundError):
            res[-6]
        for bad in (1.0, None, True, b"A"):
            with self.assertRaises(TypeError):
                res[bad]
        with self.assertRaises(TypeError):
            1.0 in res


if __name__ == "__main__":
    unittest.main()
