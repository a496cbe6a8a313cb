"""tests/dated_reference.py against cases worked out by hand.

The reference models the dated analysis over working calendars (DESIGN.md,
"Timeframe arithmetic" and "Dates and working calendars").  Each expected
value below is derived by hand in the comment beside it; nothing here comes
from the library, and this file imports the reference only, so it runs
without the library.  The last case checks the design's own property: with
one calendar and no elapsed lags, the dated schedule is the unit schedule
(in seconds, from W(S)) mapped back through W.

Weekdays used: 2027-01-01 is a Friday, 2027-01-04 a Monday, 2026-12-23 a
Wednesday, 1970-01-01 (the epoch) a Thursday.
"""
import datetime as dt
import os
import random
import sys
import unittest

TOP_SRCDIR = os.environ.get("abs_top_srcdir") or os.path.normpath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.path.insert(0, os.path.join(TOP_SRCDIR, "tests"))
import dated_reference as ref  # noqa: E402

D = dt.datetime
H = 3600

DAY = {"week": {"mon-fri": ["06:00-14:00"]}}            # one shift
LUNCH = {"week": {"mon-fri": ["08:00-12:00", "13:00-17:00"]}}
OFFICE = {"week": {"mon-fri": ["08:00-17:00"]}}
NIGHT = {"week": {"mon": ["22:00-24:00"],                 # 22:00-06:00
                  "tue-fri": ["00:00-06:00", "22:00-24:00"],
                  "sat": ["00:00-06:00"]}}
ALL = {"week": {"mon-sun": ["00:00-24:00"]}}
HOLIDAYS = {"week": {"mon-fri": ["06:00-14:00"]},
            "exceptions": {"2026-12-24..2026-12-25": [],
                           "2026-12-31": ["06:00-10:00"]}}
TWO_SHIFT = {"week": {"mon-fri": ["06:00-14:00", "14:00-22:00"],
                      "sat": ["06:00-12:00"]},
             "exceptions": {"2027-01-06": [], "2027-01-08": ["06:00-10:00"],
                            "2027-01-16..2027-01-17": ["10:00-11:30"]}}


def act(key, duration, calendar=None, department=None):
    return {"key": key, "duration": duration, "calendar": calendar,
            "department": department}


def flow(source, target, type_="FS", lag=0, elapsed=False):
    return {"source": source, "target": target, "type": type_, "lag": lag,
            "elapsed": elapsed}


class Case(unittest.TestCase):

    def check(self, res, key, **want):
        """Instants exactly, flags exactly, times and floats within 1e-9."""
        got = res["activities"][key]
        for field, value in want.items():
            if isinstance(value, (dt.datetime, bool)):
                self.assertEqual(got[field], value, "%s.%s" % (key, field))
            else:
                self.assertAlmostEqual(got[field], value, delta=1e-9,
                                       msg="%s.%s" % (key, field))

    def critical(self, res):
        return sorted(k for k, v in res["activities"].items() if v["critical"])


class Calendars(unittest.TestCase):

    def test_axis_from_the_epoch(self):
        cal = ref.make_calendar(DAY)
        # Thu 1970-01-01 and Fri 01-02 work 8 h each before Mon 01-05.
        self.assertEqual(cal.W(D(1970, 1, 5)), 16 * H)
        self.assertEqual(cal.W(D(1970, 1, 1, 10, 0)), 4 * H)
        self.assertEqual(cal.W(D(1970, 1, 1, 6, 0, 1)), 1)
        # Wed 1969-12-31 worked 06:00-14:00: 8 h before the epoch.
        self.assertEqual(cal.W(D(1969, 12, 31)), -8 * H)
        self.assertEqual(cal.W(D(1969, 12, 31, 12, 0)), -2 * H)
        # 24/7: W(t) = t.
        for t in (-86400 * 400, -1, 0, 1, 1798761600 + 37):
            self.assertEqual(ref.ALWAYS.W(t), t)
            self.assertEqual(ref.ALWAYS.first(t), t)
            self.assertEqual(ref.ALWAYS.last(t), t)

    def test_first_and_last(self):
        cal = ref.make_calendar(DAY)
        w = cal.W(D(2027, 1, 4, 14, 0))          # end of Monday's shift
        # the first instant with that W ends the shift, the last starts
        # Tuesday's.
        self.assertEqual(ref.to_datetime(cal.first(w)), D(2027, 1, 4, 14, 0))
        self.assertEqual(ref.to_datetime(cal.last(w)), D(2027, 1, 5, 6, 0))
        # over the weekend: Fri 14:00 .. Mon 06:00 is flat.
        w = cal.W(D(2027, 1, 9, 12, 0))
        self.assertEqual(ref.to_datetime(cal.first(w)), D(2027, 1, 8, 14, 0))
        self.assertEqual(ref.to_datetime(cal.last(w)), D(2027, 1, 11, 6, 0))
        # inside the shift both are the instant itself, to the second.
        t = ref.to_seconds(D(2027, 1, 5, 9, 17, 42))
        self.assertEqual(cal.first(cal.W(t)), t)
        self.assertEqual(cal.last(cal.W(t)), t)
        self.assertTrue(cal.works(D(2027, 1, 4, 13, 59, 59)))
        self.assertFalse(cal.works(D(2027, 1, 4, 14, 0)))
        self.assertFalse(cal.works_minute(ref.to_seconds(D(2027, 1, 9)) // 60))
        # a year away both ways (the table grows on demand)
        w = cal.W(D(2028, 3, 3, 7, 0))
        self.assertEqual(ref.to_datetime(cal.first(w)), D(2028, 3, 3, 7, 0))
        w = cal.W(D(2026, 1, 3, 12, 0))        # 2026-01-03 was a Saturday
        self.assertEqual(ref.to_datetime(cal.last(w)), D(2026, 1, 5, 6, 0))

    def test_first_and_last_against_a_scan(self):
        # Every minute boundary of two weeks of the two-shift calendar with
        # its exceptions: first(w) is the earliest boundary t with W(t) >= w,
        # last(w) the latest boundary with W(t) <= w, found by a plain scan.
        cal = ref.make_calendar(TWO_SHIFT)
        t0 = ref.to_seconds(D(2027, 1, 3))
        ts = [t0 + 60 * i for i in range(14 * 1440)]
        ws = [cal.W(t) for t in ts]
        i = j = 0      # both scans walk forward as w grows
        for w in range(ws[0] + 60, ws[-1], 600):
            while ws[i] < w:
                i += 1
            while ws[j + 1] <= w:
                j += 1
            self.assertEqual(cal.first(w), ts[i])
            self.assertEqual(cal.last(w), ts[j])
        # the exception days: Wed 01-06 off, Fri 01-08 4 h, Sat and Sun
        # 01-16, 01-17 1.5 h each (the Sunday works only through it).
        day = lambda y, m, d: cal.W(D(y, m, d + 1)) - cal.W(D(y, m, d))
        self.assertEqual(day(2027, 1, 5), 16 * H)
        self.assertEqual(day(2027, 1, 6), 0)
        self.assertEqual(day(2027, 1, 8), 4 * H)
        self.assertEqual(day(2027, 1, 9), 6 * H)
        self.assertEqual(day(2027, 1, 10), 0)
        self.assertEqual(day(2027, 1, 16), 90 * 60)
        self.assertEqual(day(2027, 1, 17), 90 * 60)

    def test_spec_text(self):
        a = ref.parse_spec("mon-fri 06:00-14:00 14:00-22:00; sat 06:00-12:00;"
                           " 2027-01-06 off; 2027-01-08 06:00-10:00;"
                           " 2027-01-16..2027-01-17 10:00-11:30")
        self.assertEqual(a.key(), ref.make_calendar(TWO_SHIFT).key())
        self.assertIs(ref.make_calendar(dict(TWO_SHIFT)),
                      ref.make_calendar(TWO_SHIFT))
        b = ref.Calendar({"mon-fri": ["06:00-14:00"]},
                         {dt.date(2026, 12, 24): []})
        self.assertEqual(b.day_intervals(ref.to_seconds(D(2026, 12, 24))
                                         // 86400), ())

    def test_refused(self):
        bad = [
            ({"mon-fri": ["06:00-14:00"], "fri": ["06:00-10:00"]}, None),
            ({"sat-mon": ["06:00-14:00"]}, None),          # wraps
            ({"mon": ["25:00-26:00"]}, None),
            ({"mon": ["12:60-13:00"]}, None),
            ({"mon": ["06:00-24:01"]}, None),
            ({"mon": ["14:00-06:00"]}, None),
            ({"mon": ["06:00-06:00"]}, None),
            ({"mon": ["10:00-12:00", "06:00-08:00"]}, None),   # unsorted
            ({"mon": ["06:00-12:00", "11:00-14:00"]}, None),   # overlapping
            ({"mon": ["6:00-12:00"]}, None),
            ({"monday": ["06:00-12:00"]}, None),
            ({}, None),                                        # no work
            ({"mon": []}, {"2027-01-04": ["06:00-14:00"]}),    # none in week
            ({"mon": ["06:00-14:00"]},
             {"2027-01-01..2027-01-05": [], "2027-01-03": []}),
            ({"mon": ["06:00-14:00"]}, {"2027-01-05..2027-01-04": []}),
            ({"mon": ["06:00-14:00"]}, {"2027-02-30": []}),
        ]
        for week, exceptions in bad:
            with self.assertRaises(ValueError, msg=(week, exceptions)):
                ref.Calendar(week, exceptions)
        # touching intervals and a day ending at 24:00 are fine
        ok = ref.Calendar({"mon": ["06:00-14:00", "14:00-22:00",
                                   "22:00-24:00"]})
        self.assertEqual(ok.W(D(2027, 1, 5)) - ok.W(D(2027, 1, 4)), 18 * H)


class OneShift(Case):
    # day 06:00-14:00 Mon-Fri; S Mon 2027-01-04 06:00.
    # a 8, b 10 FS a, c 2 FS a.
    def test_job_crossing_the_shift_end(self):
        res = ref.analyze([act("a", 8), act("b", 10), act("c", 2)],
                          [flow("a", "b"), flow("a", "c")],
                          start=D(2027, 1, 4, 6, 0), calendars={"day": DAY},
                          default="day")
        # a: Mon 06:00-14:00; it ends with the shift: 14:00, not Tue 06:00.
        self.check(res, "a", start=D(2027, 1, 4, 6, 0),
                   finish=D(2027, 1, 4, 14, 0), es=0, ef=8)
        # b: es_w = W(Mon 14:00); start = last instant with that W = Tue
        # 06:00; 8 h Tue + 2 h Wed: finish Wed 08:00.
        self.check(res, "b", start=D(2027, 1, 5, 6, 0),
                   finish=D(2027, 1, 6, 8, 0), es=24, ef=50)
        # c: Tue 06:00-08:00.
        self.check(res, "c", start=D(2027, 1, 5, 6, 0),
                   finish=D(2027, 1, 5, 8, 0), es=24, ef=26)
        # finish Wed 08:00: 50 elapsed hours, 8 + 8 + 2 = 18 working.
        self.assertEqual(res["finish"], D(2027, 1, 6, 8, 0))
        self.assertEqual(res["lead_time"], 50)
        self.assertEqual(res["working_lead_time"], 18)
        # backward, H = Wed 08:00: b lf_w = W(Wed 08:00), ls_w = W(Tue
        # 06:00): late as early.  c: lf_w = W(Wed 08:00), ls_w = W(Wed
        # 06:00) = W(Tue 14:00), late start = last = Wed 06:00; TF = 8 h;
        # FF = W(H) - ef_w = 8 h.  a: FS b u = last(W(Tue 06:00)) = Tue
        # 06:00, W_a(u) = W(Mon 14:00); FS c u = Wed 06:00, W = W(Tue
        # 14:00); lf_w = W(Mon 14:00), late finish = first = Mon 14:00.
        self.check(res, "b", late_start=D(2027, 1, 5, 6, 0),
                   late_finish=D(2027, 1, 6, 8, 0), ls=24, lf=50,
                   total_float=0, free_float=0, critical=True)
        self.check(res, "c", late_start=D(2027, 1, 6, 6, 0),
                   late_finish=D(2027, 1, 6, 8, 0), ls=48, lf=50,
                   total_float=8, free_float=8, critical=False)
        self.check(res, "a", late_start=D(2027, 1, 4, 6, 0),
                   late_finish=D(2027, 1, 4, 14, 0), total_float=0,
                   free_float=0, critical=True)


class LunchBreak(Case):
    # lunch 08:00-12:00 13:00-17:00 Mon-Fri; S Mon 2027-01-04 08:00.
    def test_lunch(self):
        res = ref.analyze(
            [act("a", 4), act("b", 3), act("c", 2), act("e", 5)],
            [flow("a", "b"), flow("a", "c", lag=0.5)],
            start=D(2027, 1, 4, 8, 0), calendars={"lunch": LUNCH},
            default="lunch")
        # a 08:00-12:00 (ends at the break, not at 13:00).
        # b: last(W(12:00)) = 13:00, 3 h: 16:00.
        # c: W(12:00) + 30 working min: last = 13:30, 2 h: 15:30.
        # e: 4 h to 12:00, 1 h after the break: 14:00.
        self.check(res, "a", start=D(2027, 1, 4, 8, 0),
                   finish=D(2027, 1, 4, 12, 0), ef=4)
        self.check(res, "b", start=D(2027, 1, 4, 13, 0),
                   finish=D(2027, 1, 4, 16, 0), es=5, ef=8)
        self.check(res, "c", start=D(2027, 1, 4, 13, 30),
                   finish=D(2027, 1, 4, 15, 30), es=5.5, ef=7.5)
        self.check(res, "e", finish=D(2027, 1, 4, 14, 0), ef=6)
        # T: 16:00, 8 elapsed h, 7 working.
        self.assertEqual(res["lead_time"], 8)
        self.assertEqual(res["working_lead_time"], 7)
        # H 16:00.  c: late 14:00-16:00, TF = W(14:00) - W(13:30) = 0.5,
        # FF = W(16:00) - W(15:30) = 0.5.  e: ls_w = W(16:00) - 5 h =
        # W(10:00): TF 2, FF 2.  a: FS b u = last(W(13:00)) = 13:00 ->
        # W(12:00); FS c +0.5: u = last(W(14:00) - 0.5 h) = 13:30 -> W(12:00)
        # + 0.5 h; lf_w = W(12:00): late finish 12:00, TF 0.
        self.check(res, "c", late_start=D(2027, 1, 4, 14, 0),
                   late_finish=D(2027, 1, 4, 16, 0), ls=6, lf=8,
                   total_float=0.5, free_float=0.5)
        self.check(res, "e", late_start=D(2027, 1, 4, 10, 0), ls=2,
                   total_float=2, free_float=2)
        self.check(res, "a", late_finish=D(2027, 1, 4, 12, 0),
                   total_float=0, free_float=0)
        self.assertEqual(self.critical(res), ["a", "b"])


class Weekend(Case):
    def test_across_the_weekend_and_negative_lag(self):
        # day shift; S Fri 2027-01-08 06:00; a 12; c 4 FS a -6.
        res = ref.analyze([act("a", 12), act("c", 4)],
                          [flow("a", "c", lag=-6)],
                          start=D(2027, 1, 8, 6, 0), calendars={"day": DAY},
                          default="day")
        # a: 8 h Fri, 4 h Mon: Mon 2027-01-11 10:00 (72 + 4 = 76 h).
        self.check(res, "a", finish=D(2027, 1, 11, 10, 0), ef=76)
        # c: es_w = W(Mon 10:00) - 6 h = W(Fri 12:00): 2 h Fri, 2 h Mon,
        # finish Mon 08:00 (74 h).
        self.check(res, "c", start=D(2027, 1, 8, 12, 0),
                   finish=D(2027, 1, 11, 8, 0), es=6, ef=74)
        self.assertEqual(res["lead_time"], 76)
        self.assertEqual(res["working_lead_time"], 12)
        # H Mon 10:00.  c: lf_w = W(Mon 10:00), ls_w = W(Mon 06:00) =
        # W(Fri 14:00): late start = last = Mon 06:00 (72 h); TF = W(Fri
        # 14:00) - W(Fri 12:00) = 2; FF = W(Mon 10:00) - W(Mon 08:00) = 2.
        # a: FS c -6: u = last(W(Fri 14:00) + 6 h) = Mon 12:00, looser than
        # H: TF 0; FF: u = last(W(Fri 12:00) + 6 h) = Mon 10:00: 0.
        self.check(res, "c", late_start=D(2027, 1, 11, 6, 0),
                   late_finish=D(2027, 1, 11, 10, 0), ls=72, lf=76,
                   total_float=2, free_float=2, critical=False)
        self.check(res, "a", total_float=0, free_float=0, critical=True)

    def test_start_in_the_weekend(self):
        # S Sat 2027-01-09 10:00: a 12 starts Mon 06:00 (44 h later),
        # finishes Tue 10:00 (72 h).  The event m, without flows, lies at
        # S itself; its late instant is H = Tue 10:00, float W(Tue 10:00)
        # - W(Sat 10:00) = W(Tue 10:00) - W(Fri 14:00) = 12 h.
        res = ref.analyze([act("a", 12), act("m", 0)], [],
                          start=D(2027, 1, 9, 10, 0), calendars={"day": DAY},
                          default="day")
        self.check(res, "a", start=D(2027, 1, 11, 6, 0),
                   finish=D(2027, 1, 12, 10, 0), es=44, ef=72, ls=44,
                   total_float=0, critical=True)
        self.check(res, "m", start=D(2027, 1, 9, 10, 0),
                   finish=D(2027, 1, 9, 10, 0), es=0, ef=0,
                   late_start=D(2027, 1, 12, 10, 0), ls=72, lf=72,
                   total_float=12, free_float=12, critical=False)
        self.assertEqual(res["lead_time"], 72)
        self.assertEqual(res["working_lead_time"], 12)


class Holidays(Case):
    def test_holiday_exceptions(self):
        # day shift, 12-24 and 12-25 off, 12-31 06:00-10:00 only.
        # S Wed 2026-12-23 06:00; a 20, b 16 FS a, c 2 FS b.
        res = ref.analyze([act("a", 20), act("b", 16), act("c", 2)],
                          [flow("a", "b"), flow("b", "c")],
                          start=D(2026, 12, 23, 6, 0),
                          calendars={"plant": HOLIDAYS}, default="plant")
        # a: Wed 8 h; Thu, Fri holidays, weekend; Mon 28 8 h; Tue 29 4 h:
        # Tue 10:00 (6 days + 4 h = 148 h).
        self.check(res, "a", finish=D(2026, 12, 29, 10, 0), ef=148)
        # b: Tue 10:00 (working continues), Tue 4 h, Wed 30 8 h, Thu 31
        # 06:00-10:00 4 h: Thu 10:00 (196 h).
        self.check(res, "b", start=D(2026, 12, 29, 10, 0),
                   finish=D(2026, 12, 31, 10, 0), es=148, ef=196)
        # c: the 31st works no more: Fri 2027-01-01 06:00-08:00.
        self.check(res, "c", start=D(2027, 1, 1, 6, 0),
                   finish=D(2027, 1, 1, 8, 0), es=216, ef=218)
        self.assertEqual(res["lead_time"], 218)
        self.assertEqual(res["working_lead_time"], 38)
        self.assertEqual(self.critical(res), ["a", "b", "c"])


class NightShift(Case):
    def test_across_midnight(self):
        # night 22:00-06:00 (Mon 22:00-24:00, Tue-Fri 00:00-06:00 and
        # 22:00-24:00, Sat 00:00-06:00); S Mon 2027-01-04 12:00.
        # a 5; b 8; c 2 FS b; e 1 FS c.
        res = ref.analyze([act("a", 5), act("b", 8), act("c", 2),
                           act("e", 1)],
                          [flow("b", "c"), flow("c", "e")],
                          start=D(2027, 1, 4, 12, 0),
                          calendars={"night": NIGHT}, default="night")
        # a: last(W(Mon 12:00)) = Mon 22:00 (10 h); 2 h Mon + 3 h Tue:
        # Tue 03:00 (15 h).
        self.check(res, "a", start=D(2027, 1, 4, 22, 0),
                   finish=D(2027, 1, 5, 3, 0), es=10, ef=15)
        # b: Mon 22:00 - Tue 06:00 (18 h).
        self.check(res, "b", finish=D(2027, 1, 5, 6, 0), ef=18)
        # c: last(W(Tue 06:00)) = Tue 22:00 (34 h); 2 h: first instant with
        # W(Tue 22:00) + 2 h = Wed 00:00 (36 h).
        self.check(res, "c", start=D(2027, 1, 5, 22, 0),
                   finish=D(2027, 1, 6, 0, 0), es=34, ef=36)
        # e: last(W(Wed 00:00)) = Wed 00:00 (work goes on): to 01:00.
        self.check(res, "e", start=D(2027, 1, 6, 0, 0),
                   finish=D(2027, 1, 6, 1, 0), es=36, ef=37)
        # 37 elapsed h; working 2 (Mon) + 6 + 2 (Tue) + 1 (Wed) = 11.
        self.assertEqual(res["lead_time"], 37)
        self.assertEqual(res["working_lead_time"], 11)
        # H Wed 01:00.  a: ls_w = W(Wed 01:00) - 5 h: back 1 h to Wed
        # 00:00, 2 h to Tue 22:00 (= W(Tue 06:00)), 2 h to Tue 04:00;
        # late start Tue 04:00 (16 h); TF = W(Tue 04:00) - W(Mon 22:00) =
        # 2 + 4 = 6 h.  b: FS c u = last(W(Tue 22:00)) = Tue 22:00, lf_w =
        # W(Tue 06:00): late finish = first = Tue 06:00, TF 0.
        self.check(res, "a", late_start=D(2027, 1, 5, 4, 0),
                   late_finish=D(2027, 1, 6, 1, 0), ls=16, lf=37,
                   total_float=6, free_float=6)
        self.check(res, "b", late_finish=D(2027, 1, 5, 6, 0),
                   total_float=0)
        self.check(res, "c", late_finish=D(2027, 1, 6, 0, 0), lf=36)
        self.assertEqual(self.critical(res), ["b", "c", "e"])


class NegativeLag(Case):
    def test_negative_lags_and_events(self):
        # day shift; S Mon 2027-01-04 06:00; a 10: Mon 06:00 - Tue 08:00.
        res = ref.analyze(
            [act("a", 10), act("b", 3), act("m", 0), act("n", 0),
             act("b2", 4)],
            [flow("a", "b", lag=-4), flow("a", "m", lag=-2),
             flow("a", "n", "SS", lag=-2), flow("a", "b2", lag=-20)],
            start=D(2027, 1, 4, 6, 0), calendars={"day": DAY},
            default="day")
        self.check(res, "a", finish=D(2027, 1, 5, 8, 0), ef=26)
        # b: W(Tue 08:00) - 4 h = W(Mon 12:00): Mon 12:00, 2 h Mon + 1 h
        # Tue: Tue 07:00.
        self.check(res, "b", start=D(2027, 1, 4, 12, 0),
                   finish=D(2027, 1, 5, 7, 0), es=6, ef=25)
        # m (event): the first instant with W = W(Tue 08:00) - 2 h =
        # W(Mon 14:00): Mon 14:00 itself, not Tue 06:00.
        self.check(res, "m", start=D(2027, 1, 4, 14, 0), es=8, ef=8)
        # n (event, SS -2): first(W(Mon 06:00) - 2 h) = Fri 01-01 12:00,
        # before S: it lies at S.
        self.check(res, "n", start=D(2027, 1, 4, 6, 0), es=0)
        # b2: W(Tue 08:00) - 20 h < W(S): starts at S, 06:00-10:00.
        self.check(res, "b2", start=D(2027, 1, 4, 6, 0),
                   finish=D(2027, 1, 4, 10, 0))
        # H Tue 08:00.  m: late instant H, TF = W(Tue 08:00) - W(Mon
        # 14:00) = 2.  n: TF W(Tue 08:00) - W(Mon 06:00) = 10.  b: ls_w =
        # W(Tue 08:00) - 3 h = W(Mon 13:00): TF 1.  b2: TF = W(Tue 08:00)
        # - W(Mon 10:00) = 6.  a: FS b -4: u = last(W(Mon 13:00) + 4 h) =
        # Tue 09:00; FS m -2: u = last(W(Tue 08:00) + 2 h) = Tue 10:00;
        # SS n -2: likewise Tue 10:00 on ls_w; H binds: TF 0.
        self.check(res, "m", late_start=D(2027, 1, 5, 8, 0), ls=26,
                   total_float=2, critical=False)
        self.check(res, "n", late_start=D(2027, 1, 5, 8, 0),
                   total_float=10)
        self.check(res, "b", late_start=D(2027, 1, 4, 13, 0),
                   total_float=1, free_float=1)
        self.check(res, "b2", total_float=6)
        self.assertEqual(self.critical(res), ["a"])


class TwoCalendars(Case):
    CALS = {"day": DAY, "24x7": ALL}

    def test_ff_finishes_before_its_predecessor(self):
        # S Mon 2027-01-04 06:00; a (24x7) 20 h: Tue 02:00; b (day) 4 h,
        # FF a -> b: ef_w(b) >= W_day(Tue 02:00) = W_day(Mon 14:00), so b
        # is Mon 10:00-14:00, finishing before a on the clock.
        res = ref.analyze([act("a", 20, "24x7"), act("b", 4, "day")],
                          [flow("a", "b", "FF")],
                          start=D(2027, 1, 4, 6, 0), calendars=self.CALS)
        self.check(res, "a", finish=D(2027, 1, 5, 2, 0), ef=20)
        self.check(res, "b", start=D(2027, 1, 4, 10, 0),
                   finish=D(2027, 1, 4, 14, 0), es=4, ef=8)
        # H Tue 02:00.  b: lf_w <= W_day(Tue 02:00) = W_day(Mon 14:00):
        # late as early, TF 0 (critical on its own calendar).  a: u =
        # last_day(W(Mon 14:00)) = Tue 06:00, looser than H: TF 0;
        # FF: min(W(Tue 06:00) - ef_w = 4 h, H - ef_w = 0) = 0.
        self.check(res, "b", late_start=D(2027, 1, 4, 10, 0),
                   late_finish=D(2027, 1, 4, 14, 0), total_float=0,
                   free_float=0)
        self.check(res, "a", late_finish=D(2027, 1, 5, 2, 0),
                   total_float=0, free_float=0)
        self.assertEqual(self.critical(res), ["a", "b"])
        # no default calendar: the working lead time is elapsed time.
        self.assertEqual(res["working_lead_time"], 20)

    def test_ss_and_sf(self):
        # S Fri 2027-01-08 12:00.  a (24x7) 10 h: Fri 22:00.
        # b (day) 3, SS a +1 (b's working time): es_w >= W_day(Fri 12:00)
        #   + 1 h = W(Fri 13:00): Fri 13:00, 1 h Fri + 2 h Mon: Mon 08:00.
        # c (day) 2, SF a +12: ef_w >= W_day(Fri 12:00) + 12 h = 2 h Fri +
        #   8 h Mon + 2 h Tue = W(Tue 08:00); es_w = W(Tue 06:00) =
        #   W(Mon 14:00), start = last = Tue 06:00.
        res = ref.analyze([act("a", 10, "24x7"), act("b", 3, "day"),
                           act("c", 2, "day")],
                          [flow("a", "b", "SS", 1), flow("a", "c", "SF", 12)],
                          start=D(2027, 1, 8, 12, 0), calendars=self.CALS)
        self.check(res, "a", finish=D(2027, 1, 8, 22, 0), ef=10)
        self.check(res, "b", start=D(2027, 1, 8, 13, 0),
                   finish=D(2027, 1, 11, 8, 0), es=1, ef=68)
        self.check(res, "c", start=D(2027, 1, 12, 6, 0),
                   finish=D(2027, 1, 12, 8, 0), es=90, ef=92)
        self.assertEqual(res["lead_time"], 92)
        # H Tue 08:00.  c: late as early, TF 0.  b: lf_w = W_day(Tue
        # 08:00), ls_w = W(Mon 13:00): TF = W(Mon 13:00) - W(Fri 13:00) =
        # 1 + 7 = 8; FF = W(Tue 08:00) - W(Mon 08:00) = 6 + 2 = 8.
        # a: SS b +1: u = last_day(W(Mon 13:00) - 1 h) = Mon 12:00;
        # SF c +12: u = last_day(W(Tue 08:00) - 12 h) = Fri 12:00 (2 h Tue,
        # 8 h Mon, 2 h Fri back); ls_w(a) <= W_24(Fri 12:00): TF 0.
        self.check(res, "b", late_start=D(2027, 1, 11, 13, 0),
                   late_finish=D(2027, 1, 12, 8, 0), total_float=8,
                   free_float=8)
        self.check(res, "a", late_start=D(2027, 1, 8, 12, 0),
                   total_float=0, free_float=0)
        self.assertEqual(self.critical(res), ["a", "c"])

    def test_ss_late_start_one_second_before(self):
        # S Fri 2027-01-08 06:00.  a (day) 2: Fri 06:00-08:00.  b (24x7)
        # 10, SS a -> b: Fri 06:00-16:00.  c (24x7) 100: Tue 10:00 = H.
        # b: late Tue 00:00-10:00, TF = 3 days + 18 h = 90.
        res = ref.analyze([act("a", 2, "day"), act("b", 10, "24x7"),
                           act("c", 100, "24x7")],
                          [flow("a", "b", "SS")],
                          start=D(2027, 1, 8, 6, 0), calendars=self.CALS)
        self.check(res, "b", finish=D(2027, 1, 8, 16, 0),
                   late_start=D(2027, 1, 12, 0, 0), total_float=90)
        # a: SS b: p = ls_w(b) = W_24(Tue 00:00), u = Tue 00:00; the day
        # calendar does not work in the second after it, so ls_w(a) <=
        # W_day(Tue 00:00) - 1 = W_day(Mon 14:00) - 1 s (a start at
        # W_day(Mon 14:00) would be Tue 06:00, after b's late start).  H:
        # lf_w <= W_day(Tue 10:00) = W_day(Mon 14:00) + 4 h, looser.
        # Late start Mon 13:59:59, late finish first(W(Mon 14:00) - 1 s +
        # 2 h) = Tue 07:59:59; TF = 8 h (Fri) + 8 h (Mon) - 1 s.
        self.check(res, "a", late_start=D(2027, 1, 11, 13, 59, 59),
                   late_finish=D(2027, 1, 12, 7, 59, 59),
                   total_float=16 - 1 / 3600, free_float=0,
                   critical=False)
        self.assertEqual(res["activities"]["a"]["total_float_s"],
                         16 * H - 1)
        self.assertEqual(self.critical(res), ["c"])


class Resolution(Case):
    def test_own_department_default_none(self):
        # S Mon 2027-01-04 15:00: day (06-14) next works Tue 06:00, night
        # Mon 22:00, 24/7 at once.
        acts = [act("x", 1, "24x7", "paint"), act("y", 1, None, "paint"),
                act("z", 1), act("w", 1, None, "other")]
        cals = {"day": DAY, "night": NIGHT, "24x7": ALL}
        res = ref.analyze(acts, [], start=D(2027, 1, 4, 15, 0),
                          calendars=cals, default="day",
                          departments={"paint": "night"})
        self.check(res, "x", start=D(2027, 1, 4, 15, 0))   # its own
        self.check(res, "y", start=D(2027, 1, 4, 22, 0))   # department's
        self.check(res, "z", start=D(2027, 1, 5, 6, 0))    # default
        self.check(res, "w", start=D(2027, 1, 5, 6, 0))    # default
        self.assertEqual([res["activities"][k]["calendar"] for k in "xyzw"],
                         ["24x7", "night", "day", "day"])
        # finish Tue 07:00: 16 elapsed h; working of the default: 1 h.
        self.assertEqual(res["lead_time"], 16)
        self.assertEqual(res["working_lead_time"], 1)
        res = ref.analyze(acts, [], start=D(2027, 1, 4, 15, 0),
                          calendars=cals, departments={"paint": "night"})
        self.check(res, "z", start=D(2027, 1, 4, 15, 0))   # 24/7
        self.assertIsNone(res["activities"]["z"]["calendar"])

    def test_bad_input(self):
        S = D(2027, 1, 4)
        with self.assertRaises(ValueError):
            ref.analyze([act("a", 1, "nope")], [], start=S)
        with self.assertRaises(ValueError):
            ref.analyze([act("a", 1), act("a", 2)], [], start=S)
        with self.assertRaises(ValueError):
            ref.analyze([act("a", -1)], [], start=S)
        with self.assertRaises(ValueError):
            ref.analyze([act("a", 1)], [flow("a", "a")], start=S)
        with self.assertRaises(ValueError):
            ref.analyze([act("a", 1), act("b", 1)],
                        [flow("a", "b"), flow("a", "b")], start=S)
        with self.assertRaisesRegex(ValueError, "a -> b -> c -> a"):
            ref.analyze([act("a", 1), act("b", 1), act("c", 1)],
                        [flow("a", "b"), flow("b", "c", "SS", -3),
                         flow("c", "a", "FF")], start=S)
        res = ref.analyze([], [], start=S)
        self.assertEqual(res["finish"], S)
        self.assertEqual(res["lead_time"], 0)

    def test_rounding(self):
        # unit 60 (minutes): 0.5 min = 30 s; 1/120 min = 0.5 s rounds away
        # from zero to 1 s; a lag of -1/120 min to -1 s.  24/7 throughout.
        res = ref.analyze([act("a", 0.5), act("b", 1 / 120), act("c", 1)],
                          [flow("b", "c", lag=-1 / 120)],
                          start=D(2027, 1, 4), unit=60)
        self.check(res, "a", finish=D(2027, 1, 4, 0, 0, 30), ef=0.5)
        self.check(res, "b", finish=D(2027, 1, 4, 0, 0, 1))
        self.check(res, "c", start=D(2027, 1, 4, 0, 0, 0),
                   finish=D(2027, 1, 4, 0, 1, 0))
        self.assertEqual(ref.round_seconds(2.5), 3)
        self.assertEqual(ref.round_seconds(-2.5), -3)
        self.assertEqual(ref.round_seconds(0.49999999999999994), 0)


class ElapsedLag(Case):
    def test_curing_over_the_weekend(self):
        # day shift; S Fri 2027-01-08 06:00.  pour 8: Fri 06:00-14:00.
        # strip 4, FS pour elapsed 48 h: W(Fri 14:00 + 48 h = Sun 14:00) =
        #   W(Fri 14:00): start = last = Mon 06:00, to 10:00.
        # fit 4, FS pour elapsed 70 h: Mon 12:00; 2 h Mon, 2 h Tue: Tue
        #   08:00.
        # cured (event), FS pour elapsed 48 h: at Sun 14:00 itself.
        res = ref.analyze(
            [act("pour", 8), act("strip", 4), act("fit", 4),
             act("cured", 0)],
            [flow("pour", "strip", lag=48, elapsed=True),
             flow("pour", "fit", lag=70, elapsed=True),
             flow("pour", "cured", lag=48, elapsed=True)],
            start=D(2027, 1, 8, 6, 0), calendars={"day": DAY},
            default="day")
        self.check(res, "strip", start=D(2027, 1, 11, 6, 0),
                   finish=D(2027, 1, 11, 10, 0), es=72, ef=76)
        self.check(res, "fit", start=D(2027, 1, 11, 12, 0),
                   finish=D(2027, 1, 12, 8, 0), es=78, ef=98)
        self.check(res, "cured", start=D(2027, 1, 10, 14, 0), es=56)
        # Tue 08:00: 98 elapsed h; 8 (Fri) + 8 (Mon) + 2 (Tue) working.
        self.assertEqual(res["lead_time"], 98)
        self.assertEqual(res["working_lead_time"], 18)
        # H Tue 08:00.  fit late as early.  strip: ls_w = W(Tue 08:00) -
        # 4 h = W(Mon 12:00): late start Mon 12:00, TF 6, FF = W(Tue
        # 08:00) - W(Mon 10:00) = 6.  cured: late instant H, TF = W(Tue
        # 08:00) - W(Sun 14:00) = 10.  pour: strip u = last(W(Mon 12:00))
        # - 48 h = Sat 12:00; fit u = Mon 12:00 - 70 h = Fri 14:00; cured
        # u = Tue 08:00 - 48 h = Sun 08:00; W of each >= W(Fri 14:00):
        # TF 0.  FF: strip at early, u = Mon 06:00 - 48 h = Sat 06:00,
        # W = W(Fri 14:00): 0.
        self.check(res, "strip", late_start=D(2027, 1, 11, 12, 0),
                   total_float=6, free_float=6)
        self.check(res, "cured", late_start=D(2027, 1, 12, 8, 0),
                   total_float=10, free_float=10)
        self.check(res, "pour", late_finish=D(2027, 1, 8, 14, 0),
                   total_float=0, free_float=0)
        self.assertEqual(self.critical(res), ["fit", "pour"])

    def test_elapsed_lag_into_an_event(self):
        # day shift; S Mon 2027-01-04 06:00.  a 4: Mon 06:00-10:00.  z 40:
        # Mon-Fri, Fri 2027-01-08 14:00 = H.  m (event) FS a elapsed 24 h:
        # Tue 10:00 (28 h).
        res = ref.analyze([act("a", 4), act("z", 40), act("m", 0)],
                          [flow("a", "m", lag=24, elapsed=True)],
                          start=D(2027, 1, 4, 6, 0), calendars={"day": DAY},
                          default="day")
        self.assertEqual(res["finish"], D(2027, 1, 8, 14, 0))
        # m: late instant H = Fri 14:00 (104 h); TF = FF = W(Fri 14:00) -
        # W(Tue 10:00) = 4 + 8 + 8 + 8 = 28.
        self.check(res, "m", start=D(2027, 1, 5, 10, 0), es=28,
                   late_start=D(2027, 1, 8, 14, 0), ls=104,
                   total_float=28, free_float=28)
        # a: u = t - L = Fri 14:00 - 24 h = Thu 14:00 (not the last
        # instant with W(Fri 14:00), Mon 06:00, less 24 h): late finish
        # Thu 14:00, late start Thu 10:00; TF = W(Thu 14:00) - W(Mon
        # 10:00) = 28.  FF: u = Tue 10:00 - 24 h = Mon 10:00: 0.
        self.check(res, "a", late_start=D(2027, 1, 7, 10, 0),
                   late_finish=D(2027, 1, 7, 14, 0), total_float=28,
                   free_float=0)

    def test_event_late_instant_in_non_working_time(self):
        # day shift; S Fri 2027-01-08 06:00.  p 8: Fri 06:00-14:00.  a, b
        # (events): p -> a -> b FS 0: Fri 14:00.  c 4, FS b elapsed 16 h:
        # W(Sat 06:00) = W(Fri 14:00): Mon 06:00-10:00 = H.
        res = ref.analyze([act("p", 8), act("a", 0), act("b", 0),
                           act("c", 4)],
                          [flow("p", "a"), flow("a", "b"),
                           flow("b", "c", lag=16, elapsed=True)],
                          start=D(2027, 1, 8, 6, 0), calendars={"day": DAY},
                          default="day")
        self.check(res, "c", start=D(2027, 1, 11, 6, 0),
                   finish=D(2027, 1, 11, 10, 0))
        # b: u = last(W(Mon 06:00)) - 16 h = Sun 14:00: its late instant,
        # float W(Sun 14:00) - W(Fri 14:00) = 0.  a: FS b, L 0: u = b's
        # late instant itself, Sun 14:00 (not the last instant with its W,
        # Mon 06:00).  p: lf_w <= W(Sun 14:00): late finish Fri 14:00.
        for key in ("a", "b"):
            self.check(res, key, start=D(2027, 1, 8, 14, 0),
                       late_start=D(2027, 1, 10, 14, 0), ls=56,
                       total_float=0, critical=True)
        self.check(res, "p", late_finish=D(2027, 1, 8, 14, 0),
                   total_float=0)
        self.assertEqual(self.critical(res), ["a", "b", "c", "p"])

    def test_working_lag_for_contrast(self):
        # the same 48 h as working time: es_w = W(Fri 14:00) + 48 h = six
        # shifts: Mon-Fri of the next week, then Mon 2027-01-18 to 14:00;
        # start = last = Tue 2027-01-19 06:00 (11 days = 264 h).
        res = ref.analyze([act("pour", 8), act("strip", 4)],
                          [flow("pour", "strip", lag=48)],
                          start=D(2027, 1, 8, 6, 0), calendars={"day": DAY},
                          default="day")
        self.check(res, "strip", start=D(2027, 1, 19, 6, 0),
                   finish=D(2027, 1, 19, 10, 0), es=264, ef=268)


class Milestone(Case):
    def test_friday_milestone_late_monday(self):
        # office 08:00-17:00; S Fri 2027-01-08 08:00.  a 9: Fri 08-17.
        # m (event) FS a: Fri 17:00.  b 9 FS m: Mon 08:00-17:00.  m2
        # (event) FS a, no successor.
        res = ref.analyze([act("a", 9), act("m", 0), act("b", 9),
                           act("m2", 0)],
                          [flow("a", "m"), flow("m", "b"), flow("a", "m2")],
                          start=D(2027, 1, 8, 8, 0),
                          calendars={"office": OFFICE}, default="office")
        self.check(res, "b", start=D(2027, 1, 11, 8, 0),
                   finish=D(2027, 1, 11, 17, 0))
        # H Mon 17:00.  b late as early: ls_w = W(Mon 08:00).  m: FS b,
        # u = last(W(Mon 08:00)) = Mon 08:00: late instant Mon 08:00, TF
        # = W(Mon 08:00) - W(Fri 17:00) = 0: critical.  a: FS m (event,
        # L 0): u = Mon 08:00, lf_w = W(Fri 17:00): late finish Fri 17:00.
        # m2: late instant H, TF = W(Mon 17:00) - W(Fri 17:00) = 9.
        self.check(res, "m", start=D(2027, 1, 8, 17, 0),
                   finish=D(2027, 1, 8, 17, 0), es=9, ef=9,
                   late_start=D(2027, 1, 11, 8, 0),
                   late_finish=D(2027, 1, 11, 8, 0), ls=72, lf=72,
                   total_float=0, free_float=0, critical=True)
        self.check(res, "a", late_finish=D(2027, 1, 8, 17, 0),
                   total_float=0, critical=True)
        self.check(res, "m2", late_start=D(2027, 1, 11, 17, 0),
                   total_float=9, free_float=9, critical=False)
        self.assertEqual(self.critical(res), ["a", "b", "m"])

    def test_event_at_its_predecessors_start(self):
        # day shift; S Fri 2027-01-08 08:00.  p 6: Fri 08:00-14:00.  a 4
        # FS p: Mon 06:00-10:00.  m (event) SS a, lag 0: at a's start, Mon
        # 06:00 itself (the first instant with its W would be Fri 14:00,
        # before a starts).  Its late instant is H = Mon 10:00: TF 4.
        res = ref.analyze([act("p", 6), act("a", 4), act("m", 0)],
                          [flow("p", "a"), flow("a", "m", "SS")],
                          start=D(2027, 1, 8, 8, 0), calendars={"day": DAY},
                          default="day")
        self.check(res, "a", start=D(2027, 1, 11, 6, 0))
        self.check(res, "m", start=D(2027, 1, 11, 6, 0), es=70,
                   late_start=D(2027, 1, 11, 10, 0), total_float=4,
                   free_float=4, critical=False)

    def test_free_float_before_an_event_at_a_shift_end(self):
        # day shift; S Mon 2027-01-04 06:00.  a 2: Mon 06:00-08:00.  q 8:
        # Mon 06:00-14:00.  z 16: Tue 14:00 = H.  m (event) SS a 0 and FS q
        # 0: max(Mon 06:00, Mon 14:00) = Mon 14:00.
        res = ref.analyze([act("a", 2), act("q", 8), act("z", 16),
                           act("m", 0)],
                          [flow("a", "m", "SS"), flow("q", "m")],
                          start=D(2027, 1, 4, 6, 0), calendars={"day": DAY},
                          default="day")
        self.check(res, "m", start=D(2027, 1, 4, 14, 0),
                   late_start=D(2027, 1, 5, 14, 0), total_float=8)
        # a's free float: SS m at its early instant, u = Mon 14:00, and the
        # calendar does not work in the second after it: ls <= W(Mon
        # 14:00) - 1 s (a start at W(Mon 14:00) would be Tue 06:00, after
        # m).  H: ls <= W(Tue 14:00) - 2 h, looser.  FF = 8 h - 1 s, one
        # second less than the unit schedule's ES(m) - ES(a) = 8 h.
        # Its total float: m late at H = Tue 14:00, ls <= W(Tue 14:00) -
        # 1 s; the horizon ls <= W(Tue 14:00) - 2 h binds: TF = 14.
        self.check(res, "a", free_float=8 - 1 / 3600, total_float=14,
                   late_start=D(2027, 1, 5, 12, 0))
        self.assertEqual(res["activities"]["a"]["free_float_s"], 8 * H - 1)


class Deadline(Case):
    def test_missed_deadline(self):
        # day shift; S Mon 2027-01-04 06:00.  a 16: Tue 14:00 (32 h).
        # b 4: Mon 10:00.  Deadline Tue 10:00.
        for deadline in (D(2027, 1, 5, 10, 0), 28):
            res = ref.analyze([act("a", 16), act("b", 4)], [],
                              start=D(2027, 1, 4, 6, 0),
                              calendars={"day": DAY}, default="day",
                              deadline=deadline)
            self.assertEqual(res["lead_time"], 32)
            self.assertEqual(res["horizon"], D(2027, 1, 5, 10, 0))
            # a: lf_w = W(Tue 10:00), ls_w = W(Tue 10:00) - 16 h = W(Mon
            # 06:00) - 4 h = W(Fri 2027-01-01 10:00): late start Fri 10:00
            # (-68 h); TF = FF = -4; critical against the finish.
            self.check(res, "a", late_start=D(2027, 1, 1, 10, 0),
                       late_finish=D(2027, 1, 5, 10, 0), ls=-68, lf=28,
                       total_float=-4, free_float=-4, critical=True)
            # b: ls_w = W(Tue 06:00): TF = 8, FF = W(Tue 10:00) - W(Mon
            # 10:00) = 8; against the finish Tue 14:00 it has 12: not
            # critical.
            self.check(res, "b", late_start=D(2027, 1, 5, 6, 0), ls=24,
                       total_float=8, free_float=8, critical=False)

    def test_later_deadline_keeps_the_critical_set(self):
        # the same with the deadline Wed 2027-01-06 14:00: a TF = W(Wed
        # 14:00) - W(Tue 14:00) = 8; b TF 20; critical still a alone.
        res = ref.analyze([act("a", 16), act("b", 4)], [],
                          start=D(2027, 1, 4, 6, 0), calendars={"day": DAY},
                          default="day", deadline=D(2027, 1, 6, 14, 0))
        self.check(res, "a", total_float=8, critical=True)
        self.check(res, "b", total_float=20, critical=False)


def unit_schedule(cal, S, acts, flows, deadline):
    """Plain CPM in working seconds from W(S) (DESIGN.md, "Timeframe
    arithmetic"): every duration and lag in whole seconds; H = W(deadline)
    or T for the backward pass.  Returns ES, EF, LS, LF, FF (dicts by
    key), LS against T, and T."""
    d = {a["key"]: a["d"] for a in acts}
    es, ef = {}, {}
    for a in acts:                      # keys in topological (id) order
        k = a["key"]
        v = cal.W(S)
        for f in flows:
            if f["target"] != k:
                continue
            s, L = f["source"], f["L"]
            v = max(v, {"FS": ef[s] + L, "SS": es[s] + L,
                        "FF": ef[s] + L - d[k], "SF": es[s] + L - d[k]}
                    [f["type"]])
        es[k], ef[k] = v, v + d[k]
    T = max(ef.values())

    def backward(Hw):
        ls, lf = {}, {}
        for a in reversed(acts):
            k = a["key"]
            v = Hw
            for f in flows:
                if f["source"] != k:
                    continue
                t, L = f["target"], f["L"]
                v = min(v, {"FS": ls[t] - L, "SS": ls[t] - L + d[k],
                            "FF": lf[t] - L, "SF": lf[t] - L + d[k]}
                        [f["type"]])
            lf[k], ls[k] = v, v - d[k]
        return ls, lf

    Hw = T if deadline is None else cal.W(deadline)
    ls, lf = backward(Hw)
    ls_T, _ = backward(T)
    ff = {}
    for a in acts:
        k = a["key"]
        v = Hw - ef[k]
        for f in flows:
            if f["source"] != k:
                continue
            t, L = f["target"], f["L"]
            v = min(v, {"FS": es[t] - L - ef[k], "SS": es[t] - L - es[k],
                        "FF": ef[t] - L - ef[k], "SF": ef[t] - L - es[k]}
                    [f["type"]])
        ff[k] = v
    return es, ef, ls, lf, ff, ls_T, T


class SingleCalendarProperty(unittest.TestCase):
    """DESIGN.md: with one calendar and no elapsed lags the dated schedule
    is the unit schedule (in seconds, from W(S)) mapped back through W:
    start = last instant, finish = first instant; events sit at their
    constraint instants, so for them only W(instant) is the unit time.

    Where an event's instant is not followed by working time (say, at a
    shift's end), an SS or SF flow of lag 0 from a working activity into
    it lets that activity's start stay only up to one second before the
    event (its start is the *last* instant of its position); its free
    float can then be one working second less than the unit one.  The
    late pass is not touched: there the activity's own bound on the
    horizon is always the tighter."""

    CALENDARS = [None, DAY, LUNCH, NIGHT, TWO_SHIFT, HOLIDAYS]

    def one(self, rng):
        cal_spec = rng.choice(self.CALENDARS)
        unit = rng.choice((3600, 60, 28800))
        per_unit = {3600: (1, 4), 60: (1, 1), 28800: (1, 32)}[unit]
        n = rng.randint(1, 7)
        acts = []
        for i in range(n):
            if rng.random() < 0.2:
                dur = 0
            else:
                dur = rng.randint(1, 48) * per_unit[0] / per_unit[1]
                if unit == 60:
                    dur = rng.randint(1, 900)
            acts.append({"key": "k%d" % i, "duration": dur,
                         "calendar": None, "department": None})
        flows = []
        for j in range(n):
            for i in range(j):
                if rng.random() < 0.35:
                    lag = rng.randint(-24, 32) * per_unit[0] / per_unit[1]
                    if unit == 60:
                        lag = rng.randint(-600, 900)
                    if rng.random() < 0.4:
                        lag = 0
                    flows.append({"source": "k%d" % i, "target": "k%d" % j,
                                  "type": rng.choice(ref.FLOW_TYPES),
                                  "lag": lag, "elapsed": False})
        S = D(2026, 12, 20) + dt.timedelta(days=rng.randint(0, 30),
                                           minutes=15 * rng.randint(0, 95))
        deadline = None
        if rng.random() < 0.3:
            deadline = S + dt.timedelta(minutes=15 * rng.randint(-80, 1000))
        calendars = {} if cal_spec is None else {"c": cal_spec}
        default = None if cal_spec is None else "c"
        res = ref.analyze(acts, flows, start=S, unit=unit,
                          calendars=calendars, default=default,
                          deadline=deadline)
        cal = ref.ALWAYS if cal_spec is None else ref.make_calendar(cal_spec)
        for a in acts:
            a["d"] = round(a["duration"] * unit)
        for f in flows:
            f["L"] = round(f["lag"] * unit)
        es, ef, ls, lf, ff, ls_T, T = unit_schedule(cal, S, acts, flows,
                                                    deadline)
        s0 = ref.to_seconds(S)
        for a in acts:
            k = a["key"]
            got = res["activities"][k]
            t = {f: ref.to_seconds(got[f]) for f in
                 ("start", "finish", "late_start", "late_finish")}
            msg = "%s of %r" % (k, (acts, flows, S, unit, cal_spec,
                                    deadline))
            if a["d"]:
                self.assertEqual(t["start"], cal.last(es[k]), msg)
                self.assertEqual(t["finish"], cal.first(ef[k]), msg)
                self.assertEqual(t["late_start"], cal.last(ls[k]), msg)
                self.assertEqual(t["late_finish"], cal.first(lf[k]), msg)
            else:
                self.assertEqual(t["start"], t["finish"], msg)
                self.assertEqual(t["late_start"], t["late_finish"], msg)
                for field, w in (("start", es[k]), ("late_start", ls[k])):
                    self.assertEqual(cal.W(t[field]), w, msg)
                    self.assertTrue(cal.first(w) <= t[field] <= cal.last(w),
                                    msg)
            self.assertEqual(got["total_float_s"], ls[k] - es[k], msg)
            self.assertEqual(got["critical"], ls_T[k] == es[k], msg)
            allowed = {ff[k]}
            if a["d"] and any(
                    f["source"] == k and f["type"] in ("SS", "SF")
                    and f["L"] == 0
                    and res["activities"][f["target"]]["event"]
                    and not cal.works(res["activities"][f["target"]]["start"])
                    for f in flows):
                allowed.add(ff[k] - 1)
            self.assertIn(got["free_float_s"], allowed, msg)
            self.assertAlmostEqual(got["es"], (t["start"] - s0) / unit,
                                   delta=1e-9)
            self.assertAlmostEqual(got["lf"], (t["late_finish"] - s0) / unit,
                                   delta=1e-9)
        finish = ref.to_seconds(res["finish"])
        self.assertEqual(cal.W(finish), T)
        self.assertEqual(finish, max(ref.to_seconds(v["finish"])
                                     for v in res["activities"].values()))
        self.assertAlmostEqual(res["lead_time"], (finish - s0) / unit,
                               delta=1e-9)
        wlt = (cal.W(finish) - cal.W(s0)) / unit
        self.assertAlmostEqual(res["working_lead_time"], wlt, delta=1e-9)

    def test_random_graphs(self):
        rng = random.Random(20270104)
        for _ in range(500):
            self.one(rng)


class MixedCalendarsConsistency(unittest.TestCase):
    """Calendars per activity and elapsed lags: no unit schedule to compare
    with, but every flow's forward constraint (DESIGN.md, in its own words)
    must hold at the early instants and again at the late instants, every
    finish must be no later than the horizon, and without a deadline
    0 <= free float <= total float; and no activity alone can start one
    second sooner than its early position or later than its late one."""

    POOL = {"day": DAY, "lunch": LUNCH, "night": NIGHT, "two": TWO_SHIFT,
            "hol": HOLIDAYS, "all": ALL}

    def holds(self, f, a, b, pos):
        """The flow f = a -> b at the times pos[key] = (start, finish,
        s_w, f_w) (instants in seconds, working positions)."""
        cal = self.cal[b]
        L = round(f["lag"] * 3600)
        x = pos[a][0] if f["type"] in ("SS", "SF") else pos[a][1]
        if self.event[b]:
            if L == 0:
                moved = x
            elif f["elapsed"]:
                moved = x + L
            else:
                moved = cal.first(cal.W(x) + L)
            return pos[b][0] >= moved
        bound = cal.W(x + L) if f["elapsed"] else cal.W(x) + L
        if f["type"] in ("FS", "SS"):
            return pos[b][2] >= bound
        return pos[b][3] >= bound

    def one(self, rng):
        n = rng.randint(1, 7)
        keys = list(self.POOL) + [None]
        acts = [act("k%d" % i, 0 if rng.random() < 0.25
                    else rng.randint(1, 40) / 4, rng.choice(keys))
                for i in range(n)]
        flows = []
        for j in range(n):
            for i in range(j):
                if rng.random() < 0.35:
                    lag = 0 if rng.random() < 0.3 else rng.randint(-40, 80) / 4
                    flows.append(flow("k%d" % i, "k%d" % j,
                                      rng.choice(ref.FLOW_TYPES), lag,
                                      rng.random() < 0.3))
        S = D(2026, 12, 20) + dt.timedelta(days=rng.randint(0, 30),
                                           minutes=15 * rng.randint(0, 95))
        deadline = None
        if rng.random() < 0.3:
            deadline = S + dt.timedelta(minutes=15 * rng.randint(-80, 1000))
        res = ref.analyze(acts, flows, start=S, calendars=self.POOL,
                          default=rng.choice(keys), deadline=deadline)
        self.cal, self.event = {}, {}
        early, late = {}, {}
        H = ref.to_seconds(res["horizon"])
        for a in acts:
            k = a["key"]
            got = res["activities"][k]
            key = got["calendar"]
            self.cal[k] = ref.ALWAYS if key is None else \
                ref.make_calendar(self.POOL[key])
            self.event[k] = got["event"]
            early[k] = (ref.to_seconds(got["start"]),
                        ref.to_seconds(got["finish"]), got["es_w"],
                        got["ef_w"])
            late[k] = (ref.to_seconds(got["late_start"]),
                       ref.to_seconds(got["late_finish"]), got["ls_w"],
                       got["lf_w"])
            cal = self.cal[k]
            msg = "%s of %r" % (k, (acts, flows, S, deadline))
            for p in (early[k], late[k]):
                self.assertEqual(cal.W(p[0]), p[2], msg)
                self.assertEqual(cal.W(p[1]), p[3], msg)
            self.assertGreaterEqual(early[k][0], ref.to_seconds(S), msg)
            self.assertLessEqual(late[k][1], H, msg)
            self.assertEqual(got["total_float_s"], late[k][2] - early[k][2])
            if deadline is None:
                self.assertTrue(0 <= got["free_float_s"]
                                <= got["total_float_s"], msg)
        for f in flows:
            a, b = f["source"], f["target"]
            msg = "%r of %r" % (f, (acts, flows, S, deadline))
            self.assertTrue(self.holds(f, a, b, early), msg)
            self.assertTrue(self.holds(f, a, b, late), msg)
        # and the late positions are the latest: one second later (one
        # working second for work), each activity alone breaks one of its
        # outgoing flows or finishes after H.
        for a in acts:
            k = a["key"]
            cal = self.cal[k]
            moved = dict(late)
            if self.event[k]:
                t = late[k][0] + 1
                moved[k] = (t, t, cal.W(t), cal.W(t))
            else:
                s_w, f_w = late[k][2] + 1, late[k][3] + 1
                moved[k] = (cal.last(s_w), cal.first(f_w), s_w, f_w)
            broken = moved[k][1] > H or any(
                not self.holds(f, k, f["target"], moved)
                for f in flows if f["source"] == k)
            self.assertTrue(broken, "%s of %r" % (k, (acts, flows, S,
                                                      deadline)))
            # likewise the early positions are the earliest: one second
            # sooner breaks an incoming flow or the start bound.
            moved = dict(early)
            if self.event[k]:
                t = early[k][0] - 1
                moved[k] = (t, t, cal.W(t), cal.W(t))
                broken = t < ref.to_seconds(S)
            else:
                s_w, f_w = early[k][2] - 1, early[k][3] - 1
                moved[k] = (cal.last(s_w), cal.first(f_w), s_w, f_w)
                broken = s_w < cal.W(S)
            broken = broken or any(
                not self.holds(f, f["source"], k, moved)
                for f in flows if f["target"] == k)
            self.assertTrue(broken, "%s of %r" % (k, (acts, flows, S,
                                                      deadline)))

    def test_random_graphs(self):
        rng = random.Random(1404)
        for _ in range(400):
            self.one(rng)


if __name__ == "__main__":
    unittest.main()
