"""tests/progress_reference.py against cases worked out by hand.

The reference models the unit-time analysis with progress, a status date
and date constraints (DESIGN.md, "Timeframe arithmetic" and "Progress, the
status date and date constraints").  Each expected value below is derived
by hand in the comment beside it; nothing here comes from the library, and
this file imports the reference only, so it runs without the library.
"""
import os
import random
import sys
import unittest

TOP_SRCDIR = os.environ.get("abs_top_srcdir") or os.path.normpath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.path.insert(0, os.path.join(TOP_SRCDIR, "tests"))
from progress_reference import analyze  # noqa: E402


def act(key, duration, **fields):
    d = {"key": key, "duration": duration}
    d.update(fields)
    return d


class Case(unittest.TestCase):

    def check(self, res, key, **want):
        """Compares the named fields of one activity, exactly for flags,
        states and flow ids, within 1e-12 for times."""
        got = res["activities"][key]
        for field, value in want.items():
            if isinstance(value, float) or (isinstance(value, int)
                                            and not isinstance(value, bool)
                                            and field != "driving_flow"):
                self.assertAlmostEqual(got[field], value, delta=1e-12,
                                       msg="%s.%s" % (key, field))
            else:
                self.assertEqual(got[field], value, "%s.%s" % (key, field))

    def critical(self, res):
        return sorted(k for k, v in res["activities"].items() if v["critical"])


class PlainCPM(Case):
    # a 3, b 2, c 4, e 1, f 1; flows in this order:
    #   0 a->b FS +1, 1 a->c SS +2, 2 b->e FF +1, 3 c->e SF +3, 4 c->f FS -1
    ACTS = [act("a", 3), act("b", 2), act("c", 4), act("e", 1), act("f", 1)]
    FLOWS = [("a", "b", "FS", 1), ("a", "c", "SS", 2), ("b", "e", "FF", 1),
             ("c", "e", "SF", 3), ("c", "f", "FS", -1)]

    def test_no_deadline(self):
        res = analyze(self.ACTS, self.FLOWS)
        # forward: a 0..3; b >= EF(a)+1 = 4: 4..6; c >= ES(a)+2 = 2: 2..6;
        # e: FF EF >= EF(b)+1 = 7 -> ES 6; SF EF >= ES(c)+3 = 5 -> ES 4;
        #    so 6..7; f >= EF(c)-1 = 5: 5..6.  T = max EF = 7.
        self.assertEqual(res["lead_time"], 7.0)
        # backward, H = 7: e LF 7 LS 6; f LF 7 LS 6;
        # b: FF mirror LF(b) <= LF(e)-1 = 6 -> LS 4;
        # c: SF mirror LS(c) <= LF(e)-3 = 4 -> LF <= 8; FS mirror
        #    LF(c) <= LS(f)+1 = 7; H 7 -> LF 7, LS 3;
        # a: FS LF(a) <= LS(b)-1 = 3; SS LS(a) <= LS(c)-2 = 1 -> LF <= 4;
        #    LF 3, LS 0.
        # TF = LS-ES: a 0, b 0, c 1, e 0, f 1.
        # FF: a min(ES(b)-1-EF(a)=0, ES(c)-2-ES(a)=0, H-EF=4) = 0;
        #     b EF(e)-1-EF(b) = 0; c min(EF(e)-3-ES(c)=2, ES(f)+1-EF(c)=0,
        #     H-EF=1) = 0; e H-EF = 0; f H-EF = 1.
        # driving: a none (start bound only); b flow 0; c flow 1;
        #     e flow 2 (the FF bound 6 holds, the SF bound 4 does not);
        #     f flow 4.
        self.check(res, "a", es=0, ef=3, ls=0, lf=3, total_float=0,
                   free_float=0, driving_flow=None, state="not-started",
                   remaining=3, remaining_start=0)
        self.check(res, "b", es=4, ef=6, ls=4, lf=6, total_float=0,
                   free_float=0, driving_flow=0)
        self.check(res, "c", es=2, ef=6, ls=3, lf=7, total_float=1,
                   free_float=0, driving_flow=1)
        self.check(res, "e", es=6, ef=7, ls=6, lf=7, total_float=0,
                   free_float=0, driving_flow=2)
        self.check(res, "f", es=5, ef=6, ls=6, lf=7, total_float=1,
                   free_float=1, driving_flow=4)
        self.assertEqual(self.critical(res), ["a", "b", "e"])

    def test_deadline_later(self):
        res = analyze(self.ACTS, self.FLOWS, deadline=10)
        # H - T = 3 added to late times and total floats, and to the H-EF
        # term of free float only: a TF 3, FF min(0, 0, 10-3) = 0;
        # f LS 9 LF 10 TF 4 FF 10-6 = 4; e TF 3 FF 10-7 = 3;
        # c LS 6 LF 10 TF 4 FF 0.  Same critical set.
        self.assertEqual(res["lead_time"], 7.0)
        self.check(res, "a", ls=3, lf=6, total_float=3, free_float=0)
        self.check(res, "c", ls=6, lf=10, total_float=4, free_float=0)
        self.check(res, "e", ls=9, lf=10, total_float=3, free_float=3)
        self.check(res, "f", ls=9, lf=10, total_float=4, free_float=4)
        self.assertEqual(self.critical(res), ["a", "b", "e"])

    def test_deadline_missed(self):
        res = analyze(self.ACTS, self.FLOWS, deadline=5)
        # H - T = -2: TF a -2, b -2, c -1, e -2, f -1;
        # FF a min(0, 0, 5-3=2) = 0 (above TF, not clamped);
        #    b min(0, 5-6) = -1; c min(2, 0, 5-6) = -1; e 5-7 = -2;
        #    f 5-6 = -1.
        self.check(res, "a", total_float=-2, free_float=0)
        self.check(res, "b", total_float=-2, free_float=-1)
        self.check(res, "c", total_float=-1, free_float=-1)
        self.check(res, "e", total_float=-2, free_float=-2, lf=5, ls=4)
        self.check(res, "f", total_float=-1, free_float=-1)
        self.assertEqual(self.critical(res), ["a", "b", "e"])

    def test_lead_through_ss(self):
        # DESIGN: a -> b SS -5 -> c SS +1 gives ES(b) = 0 (start bound),
        # ES(c) = 1; with a 2, b 1, c 1: T = max(2, 1, 2) = 2.
        res = analyze([act("a", 2), act("b", 1), act("c", 1)],
                      [("a", "b", "SS", -5), ("b", "c", "SS", 1)])
        self.check(res, "b", es=0, driving_flow=None)
        self.check(res, "c", es=1, ef=2, driving_flow=1)
        self.assertEqual(res["lead_time"], 2.0)

    def test_actuals_ignored_without_status_date(self):
        # without a status date the plan: actuals and R ignored, r = d
        res = analyze([act("a", 3, actual_start=1, actual_finish=2,
                           remaining=0), act("b", 2, remaining=7)],
                      [("a", "b", "FS", 0)])
        self.check(res, "a", state="not-started", es=0, ef=3, remaining=3,
                   remaining_start=0, critical=True)
        self.check(res, "b", es=3, ef=5, remaining=2)
        self.assertEqual(res["lead_time"], 5.0)

    def test_empty(self):
        res = analyze([], [])
        self.assertEqual(res["lead_time"], 0.0)     # empty graph: T = 0
        self.assertEqual(res["activities"], {})
        self.assertIsNone(res["production_start"])
        self.assertIsNone(res["production_end"])


class Progress(Case):

    def test_completed(self):
        # D 5; a 3 done 1..4; b 2 and c 1 after a (FS 0).
        res = analyze([act("a", 3, actual_start=1, actual_finish=4),
                       act("b", 2), act("c", 1)],
                      [("a", "b", "FS", 0), ("a", "c", "FS", 0)],
                      status_date=5)
        # a completed: ES = LS = AS 1, EF = LF = AF 4, floats 0,
        #   remaining 0, remaining_start = AF 4, no driving flow.
        self.check(res, "a", state="completed", es=1, ef=4, ls=1, lf=4,
                   total_float=0, free_float=0, remaining=0,
                   remaining_start=4, critical=False, near_critical=False,
                   driving_flow=None)
        # b: max(B = 5, AF+0 = 4) = 5, EF 7; the flow is not tight.
        # c: 5..6.  T = 7.  b LF 7 LS 5 TF 0; c LF 7 LS 6 TF 1 FF 1.
        self.check(res, "b", state="not-started", es=5, ef=7, ls=5, lf=7,
                   total_float=0, driving_flow=None, remaining_start=5)
        self.check(res, "c", es=5, ef=6, ls=6, lf=7, total_float=1,
                   free_float=1)
        self.assertEqual(res["lead_time"], 7.0)
        self.assertEqual(self.critical(res), ["b"])

    def test_in_progress_without_remaining(self):
        # D 4; a 6 started at 1: r = max(0, 6 - (4 - 1)) = 3,
        # RS = max(B = 4) = 4, EF = 7, ES = AS = 1; b 2 after a: 7..9.
        res = analyze([act("a", 6, actual_start=1), act("b", 2)],
                      [("a", "b", "FS", 0)], status_date=4)
        # backward: b LF 9 LS 7; a (in progress, FS mirror applies):
        # LF(a) <= LS(b) = 7, LS = LF - r = 4, TF = LF - EF = 0
        # (while LS - ES would be 3).
        self.check(res, "a", state="in-progress", es=1, remaining_start=4,
                   remaining=3, ef=7, lf=7, ls=4, total_float=0,
                   free_float=0, critical=True, driving_flow=None)
        self.check(res, "b", es=7, ef=9, total_float=0, driving_flow=0)
        self.assertEqual(res["lead_time"], 9.0)

    def test_in_progress_with_remaining(self):
        # the same with R = 5: r = 5, RS 4, EF 9; b 9..11; T 11.
        res = analyze([act("a", 6, actual_start=1, remaining=5),
                       act("b", 2)], [("a", "b", "FS", 0)], status_date=4)
        self.check(res, "a", state="in-progress", es=1, remaining=5,
                   remaining_start=4, ef=9, lf=9, ls=4, total_float=0)
        self.check(res, "b", es=9, ef=11)
        self.assertEqual(res["lead_time"], 11.0)

    def test_in_progress_overrun(self):
        # a 2 started at 0, D 4: r = max(0, 2 - 4) = 0; RS = EF = 4.
        res = analyze([act("a", 2, actual_start=0)], [], status_date=4)
        self.check(res, "a", remaining=0, remaining_start=4, ef=4, es=0,
                   lf=4, ls=4, total_float=0)
        self.assertEqual(res["lead_time"], 4.0)

    def test_start_bound(self):
        # not started, no predecessor, D 10: ES = max(0, 10) = 10, EF 13.
        res = analyze([act("a", 3)], [], status_date=10)
        self.check(res, "a", es=10, ef=13, remaining_start=10,
                   driving_flow=None, total_float=0)
        self.assertEqual(res["lead_time"], 13.0)
        # D -2: B = max(0, -2) = 0: ES 0, EF 3.
        res = analyze([act("a", 3)], [], status_date=-2)
        self.check(res, "a", es=0, ef=3)

    def test_not_started_with_remaining(self):
        # not started with R 1 given (d 3): r = 1; D 2: ES 2 EF 3.
        res = analyze([act("a", 3, remaining=1)], [], status_date=2)
        self.check(res, "a", remaining=1, es=2, ef=3)

    # a 5 started at 2, D 6: r = max(0, 5 - 4) = 1, RS 6, EF 7.
    # b 4 started at 4 though FS after a (out of sequence):
    #   r = max(0, 4 - 2) = 2.  c 1 after b (FS).
    OOS = [act("a", 5, actual_start=2), act("b", 4, actual_start=4),
           act("c", 1)]
    OOS_FLOWS = [("a", "b", "FS", 0), ("b", "c", "FS", 0)]

    def test_out_of_sequence_retained(self):
        res = analyze(self.OOS, self.OOS_FLOWS, status_date=6)
        # retained: RS(b) = max(B 6, EF(a) 7) = 7, EF 9, driven by flow 0;
        # c 9..10, T 10.  Backward: c LF 10 LS 9; b LF 9, LS 7, TF 0;
        # a: FS kept (b in progress, retained), LF <= LS(b) = 7, LS 6,
        # TF = 7 - 7 = 0.  All three critical.
        self.check(res, "a", remaining_start=6, ef=7, lf=7, ls=6,
                   total_float=0)
        self.check(res, "b", es=4, remaining=2, remaining_start=7, ef=9,
                   lf=9, ls=7, total_float=0, driving_flow=0)
        self.check(res, "c", es=9, ef=10, driving_flow=1)
        self.assertEqual(res["lead_time"], 10.0)
        self.assertEqual(self.critical(res), ["a", "b", "c"])

    def test_out_of_sequence_override(self):
        res = analyze(self.OOS, self.OOS_FLOWS, status_date=6,
                      logic="override")
        # override: b's incoming flows ignored: RS(b) = 6, EF 8, no
        # driving flow; c 8..9; T = max(7, 8, 9) = 9.
        # Backward: c LF 9 LS 8 TF 0; b LF 8 LS 6 TF 0; a: a->b not kept,
        # LF = H = 9, LS 8, TF = 9 - 7 = 2, FF = H - EF = 2.
        self.check(res, "a", ef=7, lf=9, ls=8, total_float=2, free_float=2,
                   critical=False)
        self.check(res, "b", remaining_start=6, ef=8, lf=8, ls=6,
                   total_float=0, driving_flow=None)
        self.check(res, "c", es=8, ef=9, total_float=0, driving_flow=1)
        self.assertEqual(res["lead_time"], 9.0)
        self.assertEqual(self.critical(res), ["b", "c"])

    def test_completed_before_its_predecessor(self):
        # D 2; b done 0..1 though FS after a, which has not started
        # (out of sequence): the flow a->b is history, ignored both ways.
        # a 3: ES = B = 2, EF 5.  c 2 after b FS +1 reads AF: 1 + 1 = 2,
        # = B, tight: driven by flow 1; EF 4.  T = 5.
        # a: no kept outgoing flow: LF 5, LS 2, TF 0, FF = H - EF = 0.
        # c: LF 5, LS 3, TF 1.  Critical: a alone (b completed).
        res = analyze([act("a", 3), act("b", 1, actual_start=0,
                                         actual_finish=1), act("c", 2)],
                      [("a", "b", "FS", 0), ("b", "c", "FS", 1)],
                      status_date=2)
        self.check(res, "a", es=2, ef=5, lf=5, ls=2, total_float=0,
                   free_float=0, driving_flow=None)
        self.check(res, "b", state="completed", es=0, ef=1,
                   driving_flow=None)
        self.check(res, "c", es=2, ef=4, ls=3, total_float=1,
                   driving_flow=1)
        self.assertEqual(self.critical(res), ["a"])

    def test_completed_predecessor_lag_past_status_date(self):
        # D 5; a 2 done 0..2.  b 3 not started, a->b FS +6: 2+6 = 8 > 5:
        # ES 8, EF 11, driven.  c 4 started at 3: r = max(0, 4-2) = 2,
        # a->c FS +4: 6 > 5: RS 6, EF 8, driven.  e 1, a->e FS +1: 3 < 5:
        # ES 5, EF 6, not driven.  T 11.
        # Backward: no mirror from a completed source.  b LF 11 LS 8 TF 0;
        # c LF 11 LS 9 TF 11-8 = 3 FF 3; e LF 11 LS 10 TF 5 FF 5.
        res = analyze([act("a", 2, actual_start=0, actual_finish=2),
                       act("b", 3), act("c", 4, actual_start=3),
                       act("e", 1)],
                      [("a", "b", "FS", 6), ("a", "c", "FS", 4),
                       ("a", "e", "FS", 1)], status_date=5)
        self.check(res, "b", es=8, ef=11, lf=11, ls=8, total_float=0,
                   driving_flow=0)
        self.check(res, "c", es=3, remaining_start=6, ef=8, lf=11, ls=9,
                   total_float=3, free_float=3, driving_flow=1)
        self.check(res, "e", es=5, ef=6, total_float=5, free_float=5,
                   driving_flow=None)
        self.check(res, "a", ls=0, lf=2, total_float=0, critical=False)
        self.assertEqual(res["lead_time"], 11.0)
        self.assertEqual(self.critical(res), ["b"])

    def test_ss_from_in_progress_source(self):
        # D 4; a 6 started at 2: r = max(0, 6-2) = 4, RS 4, EF 8.
        # b 3, a->b SS +1 reads AS: 2+1 = 3 < B 4: ES 4, EF 7, not driven.
        res = analyze([act("a", 6, actual_start=2), act("b", 3)],
                      [("a", "b", "SS", 1)], status_date=4)
        self.check(res, "b", es=4, ef=7, driving_flow=None)
        # with SS +5: 2+5 = 7: ES 7, EF 10, driven; T 10.  The SS mirror
        # does not apply (a started): LF(a) = H = 10, LS 6, TF 10-8 = 2,
        # FF = H - EF = 2 (no flow counts).  b LF 10 LS 7 TF 0.
        res = analyze([act("a", 6, actual_start=2), act("b", 3)],
                      [("a", "b", "SS", 5)], status_date=4)
        self.check(res, "b", es=7, ef=10, driving_flow=0, total_float=0)
        self.check(res, "a", remaining_start=4, ef=8, lf=10, ls=6,
                   total_float=2, free_float=2)
        self.assertEqual(self.critical(res), ["b"])

    def test_forecast_lead_time(self):
        # all completed: T = max AF = 7, not D = 9.
        res = analyze([act("a", 3, actual_start=0, actual_finish=7),
                       act("b", 1, actual_start=1, actual_finish=2)],
                      [("a", "b", "FS", 0)], status_date=9)
        self.assertEqual(res["lead_time"], 7.0)
        self.assertEqual(self.critical(res), [])
        # completed in negative time: T = max(0, -6) = 0.
        res = analyze([act("a", 2, actual_start=-8, actual_finish=-6)], [],
                      status_date=-5)
        self.assertEqual(res["lead_time"], 0.0)
        # mixed: T = max(AF 4, EF 7) = 7 (case of test_completed).

    def test_critical_among_unfinished_only(self):
        # D 2; a done 0..2; b 3 after a: 2..5; c 1 after a: 2..3; T 5;
        # deadline 8: H - T = 3: TF b = 0 + 3 = 3, c = (4 - 2) + 3 = 5.
        # Least TF over unfinished = 3: b critical; a (floats 0, below 3)
        # is neither critical nor near-critical.  Threshold 2:
        # c (5 <= 3 + 2) near-critical, not critical.
        res = analyze([act("a", 2, actual_start=0, actual_finish=2),
                       act("b", 3), act("c", 1)],
                      [("a", "b", "FS", 0), ("a", "c", "FS", 0)],
                      status_date=2, deadline=8, near_critical=2)
        self.check(res, "a", total_float=0, critical=False,
                   near_critical=False)
        self.check(res, "b", total_float=3, critical=True, near_critical=True)
        self.check(res, "c", total_float=5, free_float=5, critical=False,
                   near_critical=True)

    def test_free_float_to_in_progress_target(self):
        # D 3; p 2 not started: ES 3 EF 5.  q 4 started at 1 with SNET 7:
        # r = max(0, 4 - 2) = 2; RS = max(3, EF(p) 5, 7) = 7, EF 9.
        # Slack of p->q FS counts from RS(q): 7 - 0 - 5 = 2 (from ES = AS = 1
        # it would be -4); H - EF(p) = 4: FF(p) = 2.
        # Backward: q LF 9 LS 7 TF 0; p LF <= LS(q) = 7, LS 5, TF 2.
        res = analyze([act("p", 2), act("q", 4, actual_start=1,
                                          start_no_earlier_than=7)],
                      [("p", "q", "FS", 0)], status_date=3)
        self.check(res, "p", es=3, ef=5, lf=7, ls=5, total_float=2,
                   free_float=2)
        self.check(res, "q", es=1, remaining_start=7, ef=9, total_float=0,
                   driving_flow=None)

    def test_free_float(self):
        # a 2, e 1, b 5, c 1; a->e FS, e->c FS, b->c FS, a->c FF +1.
        # a 0..2, e 2..3, b 0..5, c: FS max(3, 5) = 5, FF EF >= 2+1 -> 2:
        # c 5..6, T 6.  c LF 6 LS 5; e LF 5 LS 4 TF 2; b TF 0;
        # a: LF <= LS(e) = 4, LF(c)-1 = 5: LF 4, LS 2, TF 2.
        # FF(a) = min(ES(e) - EF(a) = 0, EF(c) - 1 - EF(a) = 3, 6 - 2) = 0;
        # FF(e) = ES(c) - EF(e) = 2 = TF(e).
        res = analyze([act("a", 2), act("e", 1), act("b", 5), act("c", 1)],
                      [("a", "e", "FS", 0), ("e", "c", "FS", 0),
                       ("b", "c", "FS", 0), ("a", "c", "FF", 1)])
        self.check(res, "a", total_float=2, free_float=0)
        self.check(res, "e", total_float=2, free_float=2)
        self.check(res, "c", es=5, driving_flow=2)
        self.assertEqual(self.critical(res), ["b", "c"])


class Refusals(Case):

    def test_actual_after_status_date(self):
        with self.assertRaisesRegex(ValueError, "weld"):
            analyze([act("cut", 1), act("weld", 2, actual_start=5)], [],
                    status_date=4)
        with self.assertRaisesRegex(ValueError, "weld"):
            analyze([act("weld", 2, actual_start=1, actual_finish=4.5)], [],
                    status_date=4)
        # without a status date the actuals are ignored: no error
        analyze([act("weld", 2, actual_start=5)], [])

    def test_cycle(self):
        with self.assertRaisesRegex(ValueError, "b -> c -> b"):
            analyze([act("a", 1), act("b", 1), act("c", 1)],
                    [("a", "b", "FS", 0), ("b", "c", "SS", -3),
                     ("c", "b", "FF", 0)])

    def test_bad_fields(self):
        with self.assertRaisesRegex(ValueError, "x"):
            analyze([act("x", 1, actual_finish=2)], [], status_date=3)
        with self.assertRaisesRegex(ValueError, "x"):
            analyze([act("x", 1, actual_start=2, actual_finish=1)], [])
        with self.assertRaisesRegex(ValueError, "x"):
            analyze([act("x", 1, remaining=-1)], [])


class DateConstraints(Case):

    def test_snet(self):
        # a 2 SNET 3, b 1 after a: a 3..5 (no driving flow), b 5..6.
        res = analyze([act("a", 2, start_no_earlier_than=3), act("b", 1)],
                      [("a", "b", "FS", 0)])
        self.check(res, "a", es=3, ef=5, driving_flow=None, total_float=0)
        self.check(res, "b", es=5, ef=6, driving_flow=0)
        # in progress (applies to started work too): a 4 started at 1,
        # D 2: r = max(0, 4 - 1) = 3; RS = max(2, SNET 6) = 6, EF 9.
        res = analyze([act("a", 4, actual_start=1, start_no_earlier_than=6)],
                      [], status_date=2)
        self.check(res, "a", es=1, remaining_start=6, ef=9)

    def test_fnet(self):
        # a 2 FNET 6: ES = max(0, 6 - 2) = 4, EF 6; b 7 alone: T 7;
        # a LF 7 LS 5 TF 1.
        res = analyze([act("a", 2, finish_no_earlier_than=6), act("b", 7)],
                      [])
        self.check(res, "a", es=4, ef=6, lf=7, ls=5, total_float=1)
        # in progress: a 4 started at 0, D 1: r 3; RS = max(1, 8 - 3) = 5,
        # EF 8.
        res = analyze([act("a", 4, actual_start=0,
                           finish_no_earlier_than=8)], [], status_date=1)
        self.check(res, "a", remaining_start=5, ef=8)

    def test_snlt(self):
        # a 2 -> b 3 (FS), c 10 alone: T 10.  b SNLT 4:
        # LF(b) = min(10, 4 + 3) = 7, LS 4, TF 4 - 2 = 2;
        # a LF <= LS(b) = 4, LS 2, TF 2.  c TF 0: critical alone.
        res = analyze([act("a", 2), act("b", 3, start_no_later_than=4),
                       act("c", 10)], [("a", "b", "FS", 0)])
        self.check(res, "b", es=2, ef=5, lf=7, ls=4, total_float=2)
        self.check(res, "a", lf=4, ls=2, total_float=2)
        self.assertEqual(self.critical(res), ["c"])
        # SNLT binds not-started work only: a 4 started at 0, D 1, r 3,
        # RS 1, EF 4, SNLT 0 ignored; c 10: 1..11, T 11;
        # a LF 11, TF 11 - 4 = 7.
        res = analyze([act("a", 4, actual_start=0, start_no_later_than=0),
                       act("c", 10)], [], status_date=1)
        self.check(res, "a", ef=4, lf=11, ls=8, total_float=7)

    def test_fnlt(self):
        # a 2 FNLT 3, c 10 alone: a LF = min(10, 3) = 3, LS 1, TF 1.
        res = analyze([act("a", 2, finish_no_later_than=3), act("c", 10)],
                      [])
        self.check(res, "a", lf=3, ls=1, total_float=1, free_float=8)
        # FF = H - EF = 8 (the constraint is no flow): FF > TF.
        # in progress: a 4 started at 0, D 1: r 3, RS 1, EF 4; FNLT 5:
        # LF 5, LS 2, TF = 5 - 4 = 1; c 10: 1..11, T 11.
        res = analyze([act("a", 4, actual_start=0, finish_no_later_than=5),
                       act("c", 10)], [], status_date=1)
        self.check(res, "a", lf=5, ls=2, total_float=1)

    def test_fnlt_under_deadline(self):
        # a 2 FNLT 3, c 10; deadline 100: the constraint is absolute:
        # LF(a) = min(100, 3) = 3, LS 1, TF 1; c LF 100 TF 90.
        # Critical: least TF = 1 -> a only.
        res = analyze([act("a", 2, finish_no_later_than=3), act("c", 10)],
                      [], deadline=100)
        self.check(res, "a", lf=3, ls=1, total_float=1)
        self.check(res, "c", lf=100, total_float=90)
        self.assertEqual(self.critical(res), ["a"])

    def test_negative_float(self):
        # a 5 FNLT 3 -> b 1 (FS): a 0..5, b 5..6, T 6; b LF 6 LS 5 TF 0;
        # a LF = min(6, 3, LS(b) 5) = 3, LS -2, TF -2: the least, a alone
        # critical; FF(a) = min(ES(b) - EF(a) = 0, 6 - 5) = 0 > TF.
        res = analyze([act("a", 5, finish_no_later_than=3), act("b", 1)],
                      [("a", "b", "FS", 0)])
        self.check(res, "a", lf=3, ls=-2, total_float=-2, free_float=0)
        self.check(res, "b", total_float=0)
        self.assertEqual(self.critical(res), ["a"])
        # SNET 5 against SNLT 2, d 1: 5..6, T 6, LF = min(6, 2 + 1) = 3,
        # LS 2, TF -3.
        res = analyze([act("a", 1, start_no_earlier_than=5,
                           start_no_later_than=2)], [])
        self.check(res, "a", es=5, ef=6, lf=3, ls=2, total_float=-3)


class Rounding(Case):

    def test_float_near_zero(self):
        # a 0.1 -> b 0.2 (FS), c 0.3 alone: T = 0.1 + 0.2 =
        # 0.30000000000000004 in binary64; TF(c) = (T - 0.3) - 0 =
        # 5.551115123125783e-17, within 1e-9 of 0: reported 0.
        acts = [act("a", 0.1), act("b", 0.2), act("c", 0.3)]
        flows = [("a", "b", "FS", 0)]
        res = analyze(acts, flows)
        self.assertEqual(res["activities"]["c"]["total_float"], 0.0)
        self.assertEqual(res["activities"]["c"]["free_float"], 0.0)
        # tolerance 0: the rounding tolerance is min(default, 0) = 0:
        # the float as computed.
        res = analyze(acts, flows, tolerance=0)
        self.assertEqual(res["activities"]["c"]["total_float"],
                         (0.1 + 0.2) - 0.3)

    def test_free_float_above_total(self):
        # x 0.2 SNET 0.1, y 3 alone: T 3.  TF(x) = (3 - 0.2) - 0.1 =
        # 2.8 - 0.1 = 2.6999999999999997; FF(x) = 3 - (0.1 + 0.2) =
        # 3 - 0.30000000000000004 = 2.7, 4.4e-16 above TF: reported as TF.
        acts = [act("x", 0.2, start_no_earlier_than=0.1), act("y", 3)]
        res = analyze(acts, [])
        x = res["activities"]["x"]
        self.assertEqual(x["total_float"], (3.0 - 0.2) - 0.1)
        self.assertEqual(x["free_float"], x["total_float"])
        # tolerance 0: no rounding, FF 2.7 > TF.
        x = analyze(acts, [], tolerance=0)["activities"]["x"]
        self.assertEqual(x["free_float"], 2.7)
        self.assertGreater(x["free_float"], x["total_float"])


class Production(Case):

    def test_window(self):
        # D 4: cut (production) 3 started at 2 -> ES = AS = 2, r = 1,
        # RS 4, EF 5; pack (production) 1 after cut: 5..6; sell 2 after
        # pack: 6..8.  Window min ES 2 .. max EF 6; T 8.
        res = analyze([act("cut", 3, actual_start=2, production=True),
                       act("pack", 1, production=True), act("sell", 2)],
                      [("cut", "pack", "FS", 0), ("pack", "sell", "FS", 0)],
                      status_date=4)
        self.assertEqual(res["production_start"], 2.0)
        self.assertEqual(res["production_end"], 6.0)
        self.assertEqual(res["lead_time"], 8.0)


class OrderIndependence(unittest.TestCase):

    def test_permuted_activities(self):
        # The results must not depend on the topological order: the same
        # graph with its activities listed in other orders (Kahn's order
        # follows the list) gives the same results, flow ids unchanged.
        acts = [act("a", 3, actual_start=0, actual_finish=2),
                act("b", 4, actual_start=1), act("c", 2),
                act("d", 1, start_no_later_than=6), act("e", 2.5),
                act("f", 1, finish_no_earlier_than=12, production=True)]
        flows = [("a", "b", "SS", 1), ("a", "c", "FS", 3),
                 ("b", "d", "FF", 0.5), ("c", "d", "SF", 2),
                 ("b", "e", "FS", -1), ("d", "f", "FS", 0),
                 ("e", "f", "SS", 1), ("c", "e", "FF", 0)]
        rng = random.Random(7)
        for logic in ("retained", "override"):
            want = analyze(acts, flows, status_date=3, logic=logic,
                           deadline=20)
            for _ in range(20):
                shuffled = list(acts)
                rng.shuffle(shuffled)
                got = analyze(shuffled, flows, status_date=3, logic=logic,
                              deadline=20)
                self.assertEqual(got, want)


if __name__ == "__main__":
    unittest.main()
