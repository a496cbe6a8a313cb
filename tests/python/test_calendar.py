"""Calendars and dates through the Python bindings (libopflow 1.4): the
calendar dicts turned into spec text, canonical specs, refusals with the
library's messages, which calendar an activity works on, elapsed flows,
the start and the unit of a dated graph, instants as text, the working
axis of a two-shift calendar with a holiday, and the dated analysis.
Every expected value is worked out by hand in the comments (notation of
DESIGN, "Dates and working calendars": W(t) the working seconds of a
calendar up to t, S the project start).

December 2026: Monday the 21st (checked below with datetime.weekday, an
independent calendar), the 24th a Thursday, 1 January 2027 a Friday."""
import copy
import datetime as dt
import pickle
import unittest

from support import TestCase, opflow

D = dt.datetime
H = dt.timedelta(hours=1)

TWO_SHIFT = dict(
    week={"mon-fri": ["06:00-14:00", "14:00-22:00"], "sat": ["06:00-12:00"]},
    exceptions={"2026-12-24..2026-12-26": [], "2026-12-31": ["06:00-10:00"]})
TWO_SHIFT_SPEC = ("mon-fri 06:00-14:00 14:00-22:00; sat 06:00-12:00; "
                  "2026-12-24..2026-12-26 off; 2026-12-31 06:00-10:00")


def seconds_since_epoch(when):
    """The instant of a naive datetime, by plain arithmetic on the
    proleptic Gregorian calendar (an independent method)."""
    days = when.toordinal() - dt.date(1970, 1, 1).toordinal()
    return days * 86400 + when.hour * 3600 + when.minute * 60 + when.second


def two_shift_graph():
    g = opflow.Graph()
    g.add_calendar("two-shift", **TWO_SHIFT)
    return g


class Weekdays(TestCase):
    def test_the_month_of_the_examples(self):
        self.assertEqual(dt.date(2026, 12, 21).weekday(), 0)   # Monday
        self.assertEqual(dt.date(2026, 12, 24).weekday(), 3)   # Thursday
        self.assertEqual(dt.date(2027, 1, 1).weekday(), 4)     # Friday


class SpecFromDicts(TestCase):
    """The dicts become clauses "KEY INTERVALS" (or "KEY off") joined by
    '; '; the library gives the canonical form back: weekdays Monday
    first, runs of equal days as ranges, days off left out, then the
    exceptions by date."""

    def spec(self, **kw):
        g = opflow.Graph()
        got = g.add_calendar("c", **kw)
        self.assertEqual(g.calendar_spec("c"), got)
        self.assertEqual(g.calendars["c"], got)
        return got

    def test_the_example_of_the_spec(self):
        self.assertEqual(self.spec(**TWO_SHIFT), TWO_SHIFT_SPEC)

    def test_one_day(self):
        self.assertEqual(self.spec(week={"mon": ["06:00-14:00"]}),
                         "mon 06:00-14:00")

    def test_equal_consecutive_days_merge_into_a_range(self):
        shift = ["06:00-14:00"]
        self.assertEqual(
            self.spec(week={"mon": shift, "tue": shift, "wed": shift}),
            "mon-wed 06:00-14:00")
        # mon-fri and sat alike: mon-sat
        self.assertEqual(self.spec(week={"mon-fri": shift, "sat": shift}),
                         "mon-sat 06:00-14:00")

    def test_equal_days_apart_stay_apart_in_weekday_order(self):
        shift = ["06:00-14:00"]
        self.assertEqual(
            self.spec(week={"sun": ["00:00-24:00"], "wed": shift,
                            "mon": shift}),
            "mon 06:00-14:00; wed 06:00-14:00; sun 00:00-24:00")

    def test_an_empty_list_names_a_day_that_does_not_work(self):
        self.assertEqual(
            self.spec(week={"mon-fri": ["06:00-14:00"], "sat": [],
                            "sun": []}),
            "mon-fri 06:00-14:00")

    def test_tuples_do_as_lists(self):
        self.assertEqual(self.spec(week={"mon": ("06:00-12:00",
                                                 "13:00-17:00")}),
                         "mon 06:00-12:00 13:00-17:00")

    def test_exception_keys(self):
        # a str date, a datetime.date, a pair (date, str) as a range; the
        # canonical form sorts them by date
        got = self.spec(
            week={"mon-fri": ["06:00-14:00"]},
            exceptions={"2026-12-31": ["06:00-10:00"],
                        dt.date(2026, 12, 24): [],
                        (dt.date(2026, 12, 26), "2026-12-27"): []})
        self.assertEqual(got, "mon-fri 06:00-14:00; 2026-12-24 off; "
                              "2026-12-26..2026-12-27 off; "
                              "2026-12-31 06:00-10:00")

    def test_an_early_year_is_written_with_four_digits(self):
        got = self.spec(week={"mon": ["06:00-14:00"]},
                        exceptions={dt.date(999, 1, 2): []})
        self.assertEqual(got, "mon 06:00-14:00; 0999-01-02 off")

    def test_spec_text_directly(self):
        g = opflow.Graph()
        self.assertEqual(
            g.add_calendar("c", "sat 06:00-12:00; mon-fri 06:00-14:00"),
            "mon-fri 06:00-14:00; sat 06:00-12:00")
        # with exceptions appended to it
        self.assertEqual(
            g.add_calendar("d", "mon 06:00-14:00",
                           exceptions={"2026-12-21": []}),
            "mon 06:00-14:00; 2026-12-21 off")

    def test_canonical_spec_reads_back_the_same(self):
        g = two_shift_graph()
        self.assertEqual(g.add_calendar("copy", g.calendar_spec("two-shift")),
                         TWO_SHIFT_SPEC)


class Refusals(TestCase):
    def refused(self, exc, text, **kw):
        g = opflow.Graph()
        g.add_calendar("keep", week={"mon": ["06:00-14:00"]})
        with self.assertRaises(exc) as cm:
            g.add_calendar("c", **kw)
        if text is not None:
            self.assertIn(text, str(cm.exception))
        # the graph is unchanged
        self.assertEqual(dict(g.calendars), {"keep": "mon 06:00-14:00"})
        return cm.exception

    def test_weekday_named_twice(self):
        e = self.refused(opflow.InvalidArgumentError, "fri is named twice",
                         week={"mon-fri": ["06:00-14:00"],
                               "fri": ["06:00-14:00"]})
        self.assertIsInstance(e, ValueError)
        self.assertEqual(e.code, opflow.OPFLOW_EINVAL)
        self.assertIn("calendar c", str(e))

    def test_date_in_two_exceptions(self):
        self.refused(opflow.InvalidArgumentError,
                     "2026-12-25 is in two exceptions",
                     week={"mon": ["06:00-14:00"]},
                     exceptions={"2026-12-24..2026-12-26": [],
                                 "2026-12-25": []})

    def test_range_of_dates_backwards(self):
        self.refused(opflow.InvalidArgumentError, "ends before it starts",
                     week={"mon": ["06:00-14:00"]},
                     exceptions={"2026-12-26..2026-12-24": []})

    def test_impossible_times(self):
        for iv in ("06:00-25:00", "06:00-12:60", "6:00-14:00", "06:00-24:01"):
            self.refused(opflow.InvalidArgumentError,
                         "mon %s\": an interval is not HH:MM-HH:MM" % iv,
                         week={"mon": [iv]})

    def test_interval_ending_before_it_starts(self):
        self.refused(opflow.InvalidArgumentError,
                     "an interval ends before it starts",
                     week={"mon": ["14:00-06:00"]})
        self.refused(opflow.InvalidArgumentError,
                     "an interval ends before it starts",
                     week={"mon": ["14:00-14:00"]})

    def test_unsorted_or_overlapping_intervals(self):
        self.refused(opflow.InvalidArgumentError, "unsorted or overlap",
                     week={"mon": ["14:00-22:00", "06:00-14:00"]})
        self.refused(opflow.InvalidArgumentError, "unsorted or overlap",
                     week={"mon": ["06:00-14:00", "13:00-22:00"]})

    def test_no_working_time_in_the_week(self):
        self.refused(opflow.InvalidArgumentError, "no working time",
                     week={"mon": [], "tue": []})
        self.refused(opflow.InvalidArgumentError, "no working time",
                     week={})
        # exceptions do not make up for the week
        self.refused(opflow.InvalidArgumentError, "no working time",
                     week={"mon": []},
                     exceptions={"2026-12-21": ["06:00-14:00"]})

    def test_names_and_dates_the_library_does_not_know(self):
        self.refused(opflow.InvalidArgumentError, "not a weekday",
                     week={"Mon": ["06:00-14:00"]})
        self.refused(opflow.InvalidArgumentError,
                     "goes from Monday towards Sunday",
                     week={"fri-mon": ["06:00-14:00"]})
        self.refused(opflow.InvalidArgumentError, "a date is not YYYY-MM-DD",
                     week={"mon": ["06:00-14:00"]},
                     exceptions={"2026-02-29": []})

    def test_duplicate_key(self):
        g = opflow.Graph()
        g.add_calendar("c", week={"mon": ["06:00-14:00"]})
        with self.assertRaises(opflow.DuplicateError) as cm:
            g.add_calendar("c", week={"tue": ["06:00-14:00"]})
        self.assertIsInstance(cm.exception, ValueError)
        self.assertIn("already exists", str(cm.exception))
        self.assertEqual(g.calendars["c"], "mon 06:00-14:00")

    def test_wrong_types(self):
        for kw in (dict(week=["mon"]),                       # not a dict
                   dict(week={"mon": "06:00-14:00"}),        # a str
                   dict(week={"mon": [600]}),                # not a str
                   dict(week={1: ["06:00-14:00"]}),          # key not str
                   dict(),                                   # no week
                   dict(week={"mon": None}),
                   dict(week={"mon": ["06:00-14:00"]},
                        exceptions=[("2026-12-24", [])]),
                   dict(week={"mon": ["06:00-14:00"]},
                        exceptions={D(2026, 12, 24): []}),   # a datetime
                   dict(week={"mon": ["06:00-14:00"]},
                        exceptions={20261224: []}),
                   dict(week={"mon": ["06:00-14:00"]},
                        exceptions={("2026-12-24",): []})):
            with self.subTest(kw=kw):
                self.refused(TypeError, None, **kw)
        g = opflow.Graph()
        with self.assertRaises(TypeError):
            g.add_calendar("c", "mon 06:00-14:00",
                           week={"mon": ["06:00-14:00"]})
        with self.assertRaises(TypeError):
            g.add_calendar(7, week={"mon": ["06:00-14:00"]})
        with self.assertRaises(TypeError):
            g.add_calendar("c", b"mon 06:00-14:00")

    def test_what_would_change_the_clauses_is_refused_before_the_library(self):
        # a ';' or a space in a key or an interval would smuggle in
        # another clause, or another interval
        for kw, text in (
                (dict(week={"mon": ["06:00-14:00; sun 00:00-24:00"]}),
                 "one word"),
                (dict(week={"mon": ["06:00-14:00 14:00-22:00"]}),
                 "one word"),
                (dict(week={"mon;sun": ["06:00-14:00"]}), "one word"),
                (dict(week={"2026-12-24": ["06:00-14:00"]}),
                 "dates go in exceptions"),
                (dict(week={"mon": ["06:00-14:00"]},
                      exceptions={"mon": []}), "an exception key is a date"),
                (dict(week={"mon": ["06:00-14:00"]},
                      exceptions={"2026-12-24 ": []}),
                 "an exception key is a date"),
                (dict(week={"mon": ["06:00-\0"]}), "one word")):
            with self.subTest(kw=kw):
                self.refused(opflow.InvalidArgumentError, text, **kw)
        with self.assertRaises(opflow.InvalidArgumentError):
            opflow.Graph().add_calendar("c\0d", week={"mon": ["06:00-14:00"]})

    def test_empty_key(self):
        with self.assertRaises(opflow.InvalidArgumentError):
            opflow.Graph().add_calendar("", week={"mon": ["06:00-14:00"]})


class CalendarsMapping(TestCase):
    def test_mapping(self):
        g = two_shift_graph()
        g.add_calendar("one-shift", week={"mon-fri": ["06:00-14:00"]})
        cals = g.calendars
        self.assertEqual(len(cals), 2)
        self.assertEqual(list(cals), ["two-shift", "one-shift"])
        self.assertEqual(dict(cals), {"two-shift": TWO_SHIFT_SPEC,
                                      "one-shift": "mon-fri 06:00-14:00"})
        self.assertIn("one-shift", cals)
        self.assertNotIn("none", cals)
        self.assertIsNone(cals.get("none"))
        with self.assertRaises(opflow.NotFoundError) as cm:
            cals["none"]
        self.assertIsInstance(cm.exception, KeyError)
        with self.assertRaises(opflow.NotFoundError):
            g.calendar_spec("none")
        with self.assertRaises(TypeError):
            cals["x"] = "mon 06:00-14:00"  # read-only
        with self.assertRaises(TypeError):
            cals[1]
        # live
        g.add_calendar("late", week={"sun": ["22:00-24:00"]})
        self.assertEqual(list(cals), ["two-shift", "one-shift", "late"])
        self.assertIn("late", repr(cals))
        g.close()
        with self.assertRaises(opflow.MisuseError):
            len(cals)
        with self.assertRaises(opflow.MisuseError):
            g.calendar_spec("late")

    def test_set_calendar(self):
        g = two_shift_graph()
        g.add_activity("a", duration=1)
        g["a"].calendar = "two-shift"
        self.assertEqual(
            g.set_calendar("two-shift", week={"mon-fri": ["07:00-15:00"]}),
            "mon-fri 07:00-15:00")
        self.assertEqual(g.calendars["two-shift"], "mon-fri 07:00-15:00")
        self.assertEqual(g["a"].calendar, "two-shift")
        # a refused spec keeps the old one
        with self.assertRaises(opflow.InvalidArgumentError):
            g.set_calendar("two-shift", week={"mon": []})
        self.assertEqual(g.calendars["two-shift"], "mon-fri 07:00-15:00")
        self.assertEqual(g.set_calendar("two-shift", "sat 06:00-12:00"),
                         "sat 06:00-12:00")
        with self.assertRaises(opflow.NotFoundError):
            g.set_calendar("none", week={"mon": ["06:00-14:00"]})

    def test_remove_calendar_falls_back(self):
        g = opflow.Graph()
        for k in ("A", "B", "C"):
            g.add_calendar(k, week={"mon": ["06:00-14:00"]})
        g.add_activity("x", department="paint", duration=1)
        g.add_activity("y", duration=1)
        g.calendar = "A"
        g.set_department_calendar("paint", "B")
        g["y"].calendar = "C"
        g.remove_calendar("B")
        # the department falls back to none: x works on the default
        self.assertIsNone(g.department_calendar("paint"))
        self.assertEqual(g["x"].working_calendar, "A")
        # C moved down one id and is still C
        self.assertEqual(g["y"].calendar, "C")
        self.assertEqual(list(g.calendars), ["A", "C"])
        g.remove_calendar("A")
        self.assertIsNone(g.calendar)
        self.assertIsNone(g["x"].working_calendar)
        g.remove_calendar("C")
        self.assertIsNone(g["y"].calendar)
        self.assertEqual(len(g.calendars), 0)
        with self.assertRaises(opflow.NotFoundError):
            g.remove_calendar("C")


class Inheritance(TestCase):
    def graph(self):
        g = opflow.Graph()
        for k in ("A", "B", "C"):
            g.add_calendar(k, week={"mon": ["06:00-14:00"]})
        g.add_activity("painted", department="paint", duration=1)
        g.add_activity("other", duration=1)
        return g

    def test_none_is_24_7(self):
        g = self.graph()
        self.assertIsNone(g.calendar)
        self.assertIsNone(g["painted"].calendar)
        self.assertIsNone(g["painted"].working_calendar)
        self.assertIsNone(g.department_calendar("paint"))

    def test_own_then_department_then_default(self):
        g = self.graph()
        g.calendar = "A"
        self.assertEqual(g.calendar, "A")
        self.assertEqual(g["painted"].working_calendar, "A")
        g.set_department_calendar("paint", "B")
        self.assertEqual(g.department_calendar("paint"), "B")
        self.assertEqual(g["painted"].working_calendar, "B")
        self.assertEqual(g["other"].working_calendar, "A")
        g["painted"].calendar = "C"
        self.assertEqual(g["painted"].calendar, "C")
        self.assertEqual(g["painted"].working_calendar, "C")
        g["other"].calendar = "C"
        self.assertEqual(g["other"].working_calendar, "C")
        # back, step by step
        g["painted"].calendar = None
        self.assertIsNone(g["painted"].calendar)
        self.assertEqual(g["painted"].working_calendar, "B")
        g.set_department_calendar("paint", None)
        self.assertEqual(g["painted"].working_calendar, "A")
        g.calendar = None
        self.assertIsNone(g["painted"].working_calendar)
        self.assertEqual(g["other"].working_calendar, "C")

    def test_moving_to_another_department(self):
        g = self.graph()
        g.set_department_calendar("paint", "B")
        g.set_department_calendar("weld", "C")
        g["painted"].department = "weld"
        self.assertEqual(g["painted"].working_calendar, "C")
        g["painted"].department = None
        self.assertIsNone(g["painted"].working_calendar)

    def test_department_calendar_adds_the_department(self):
        g = self.graph()
        g.set_department_calendar("weld", "A")
        self.assertIn("weld", g.departments)
        self.assertEqual(g.department_calendar("weld"), "A")

    def test_unknown_names_change_nothing(self):
        g = self.graph()
        with self.assertRaises(opflow.NotFoundError):
            g.set_department_calendar("weld", "none")
        self.assertNotIn("weld", g.departments)
        with self.assertRaises(opflow.NotFoundError):
            g.set_department_calendar("ghost", None)
        self.assertNotIn("ghost", g.departments)
        with self.assertRaises(opflow.NotFoundError):
            g.department_calendar("ghost")
        with self.assertRaises(opflow.NotFoundError):
            g.calendar = "none"
        self.assertIsNone(g.calendar)
        with self.assertRaises(opflow.NotFoundError):
            g["other"].calendar = "none"
        self.assertIsNone(g["other"].calendar)
        with self.assertRaises(TypeError):
            g.calendar = 1
        with self.assertRaises(TypeError):
            g["other"].calendar = 1
        with self.assertRaises(TypeError):
            g.set_department_calendar(1, "A")
        with self.assertRaises(AttributeError):
            g["other"].working_calendar = "A"

    def test_activities_keep_their_calendar_when_others_go(self):
        g = self.graph()
        g.add_activity("last", duration=1)
        g["last"].calendar = "B"
        g.remove_activity("painted")
        self.assertEqual(g["last"].calendar, "B")
        self.assertIsNone(g["other"].calendar)
        g.remove_activities(["other"])
        self.assertEqual(g["last"].calendar, "B")

    def test_clone_and_equality(self):
        g = self.graph()
        g.calendar = "A"
        g.set_department_calendar("paint", "B")
        g["other"].calendar = "C"
        c = g.clone()
        self.assertEqual(c, g)
        self.assertEqual(copy.deepcopy(g), g)
        self.assertEqual(dict(c.calendars), dict(g.calendars))
        self.assertEqual(c["painted"].working_calendar, "B")
        self.assertEqual(c["other"].calendar, "C")
        c["other"].calendar = None
        self.assertNotEqual(c, g)
        c = g.clone()
        c.set_calendar("A", week={"tue": ["06:00-14:00"]})
        self.assertNotEqual(c, g)
        c = g.clone()
        c.calendar = None
        self.assertNotEqual(c, g)
        # pickled through the text format, calendars included
        self.assertEqual(pickle.loads(pickle.dumps(g)), g)


class ElapsedFlows(TestCase):
    def graph(self):
        g = opflow.Graph()
        for k in "abcd":
            g.add_activity(k, duration=1)
        return g

    def test_default_and_record(self):
        g = self.graph()
        f = g.add_flow("a", "b", lag=2)
        self.assertEqual(f, opflow.Flow("a", "b", "FS", 2.0, 0, False))
        self.assertIs(f.elapsed, False)
        # the record grew at its end: the first five fields are as ever
        self.assertEqual(f[:5], ("a", "b", "FS", 2.0, 0))
        self.assertEqual(opflow.Flow._fields[-1], "elapsed")
        self.assertEqual(opflow.Flow("a", "b", "FS", 2.0, 0), f)
        e = g.add_flow("b", "c", "SS", 12, elapsed=True)
        self.assertEqual(e, opflow.Flow("b", "c", "SS", 12.0, 1, True))
        self.assertIs(g.flow("b", "c", "SS").elapsed, True)
        self.assertEqual([x.elapsed for x in g.flows], [False, True])
        self.assertEqual(g.flows[1].elapsed, True)
        self.assertEqual(g["c"].incoming[0].elapsed, True)
        self.assertEqual(g["b"].outgoing[0].elapsed, True)
        # a view as a flow end, elapsed False given explicitly
        self.assertIs(g.add_flow(g["c"], "d", elapsed=False).elapsed, False)

    def test_set_flow_elapsed(self):
        g = self.graph()
        g.add_flow("a", "b")
        g.add_flow("a", "c", "SS")
        g.set_flow_elapsed("a", "c", True, type="SS")
        self.assertEqual([x.elapsed for x in g.flows], [False, True])
        g.set_flow_elapsed("a", "c", False, "SS")
        self.assertEqual([x.elapsed for x in g.flows], [False, False])
        g.set_flow_elapsed("a", "b", 1)
        self.assertTrue(g.flow("a", "b").elapsed)
        with self.assertRaises(opflow.NotFoundError):
            g.set_flow_elapsed("a", "d", True)

    def test_refusals_add_nothing(self):
        g = self.graph()
        with self.assertRaises(opflow.InvalidArgumentError):
            g.add_flow("a", "b", elapsed=2)
        with self.assertRaises(TypeError):
            g.add_flow("a", "b", elapsed="yes")
        with self.assertRaises(TypeError):
            g.add_flow("a", "b", 0, elapsed=True)  # type is a name
        self.assertEqual(len(g.flows), 0)
        g.add_flow("a", "b", elapsed=True)
        with self.assertRaises(opflow.DuplicateError):
            g.add_flow("a", "b", elapsed=True)
        with self.assertRaises(opflow.InvalidArgumentError):
            g.add_flow("a", "a", elapsed=True)
        self.assertEqual(list(g.flows), [opflow.Flow("a", "b", "FS", 0.0, 0,
                                                     True)])
        with self.assertRaises(opflow.InvalidArgumentError):
            g.set_flow_elapsed("a", "b", -1)
        self.assertTrue(g.flow("a", "b").elapsed)

    def test_flags_stay_with_their_flows(self):
        g = self.graph()
        g.add_flow("a", "b")
        g.add_flow("b", "c", elapsed=True)
        g.add_flow("c", "d")
        g.add_flow("a", "d", elapsed=True)
        g.remove_flow("a", "b")
        self.assertEqual([(x.source, x.target, x.elapsed) for x in g.flows],
                         [("b", "c", True), ("c", "d", False),
                          ("a", "d", True)])
        g.remove_activity("c")
        self.assertEqual(list(g.flows),
                         [opflow.Flow("a", "d", "FS", 0.0, 0, True)])

    def test_clone_equality_and_bulk_reads(self):
        g = self.graph()
        g.add_flows(["a", "b", "c"], ["b", "c", "d"])
        self.assertEqual([x.elapsed for x in g.flows], [False] * 3)
        g.set_flow_elapsed("b", "c", True)
        c = g.clone()
        self.assertEqual(c, g)
        self.assertEqual([x.elapsed for x in c.flows], [False, True, False])
        c.set_flow_elapsed("b", "c", False)
        self.assertNotEqual(c, g)
        # read through again after the last one was cleared
        self.assertEqual([x.elapsed for x in c.flows], [False] * 3)
        self.assertEqual([x.elapsed for x in c.flows], [False] * 3)

    def test_driving_flow_record(self):
        g = self.graph()
        g.add_flow("a", "b", lag=1, elapsed=True)
        g.add_flow("b", "c", lag=1)
        res = g.analyze()
        self.assertEqual(res["b"].driving_flow,
                         opflow.Flow("a", "b", "FS", 1.0, 0, True))
        self.assertEqual(res["c"].driving_flow,
                         opflow.Flow("b", "c", "FS", 1.0, 1, False))
        by_bulk = {r.key: r for r in res}
        self.assertEqual(by_bulk["b"].driving_flow.elapsed, True)
        self.assertEqual(by_bulk["c"].driving_flow.elapsed, False)
        # the analysis keeps the flags it was made with
        g.set_flow_elapsed("a", "b", False)
        self.assertTrue(res["b"].driving_flow.elapsed)


class StartAndUnit(TestCase):
    def test_start(self):
        g = opflow.Graph()
        self.assertIsNone(g.start)
        g.start = D(2026, 12, 21, 6, 0)
        self.assertEqual(g.start, D(2026, 12, 21, 6, 0))
        self.assertIsInstance(g.start, dt.datetime)
        g.start = dt.date(2026, 12, 21)     # its midnight
        self.assertEqual(g.start, D(2026, 12, 21))
        g.start = D(2026, 12, 21, 6, 0, 7, 999999)   # microseconds dropped
        self.assertEqual(g.start, D(2026, 12, 21, 6, 0, 7))
        g.start = D(1, 1, 1)
        self.assertEqual(g.start, D(1, 1, 1))
        g.start = D(9999, 12, 31, 23, 59, 59)
        self.assertEqual(g.start, D(9999, 12, 31, 23, 59, 59))
        g.start = D(1969, 12, 31, 23, 0)
        self.assertEqual(g.start, D(1969, 12, 31, 23, 0))
        g.start = None
        self.assertIsNone(g.start)

    def test_start_refusals(self):
        g = opflow.Graph()
        g.start = D(2026, 12, 21, 6, 0)
        aware = D(2026, 12, 21, 6, 0, tzinfo=dt.timezone.utc)
        with self.assertRaises(opflow.InvalidArgumentError) as cm:
            g.start = aware
        self.assertIsInstance(cm.exception, ValueError)
        self.assertIn("naive", str(cm.exception))
        for bad in ("2026-12-21", 0, 1.5, dt.time(6, 0)):
            with self.subTest(bad=bad), self.assertRaises(TypeError):
                g.start = bad
        self.assertEqual(g.start, D(2026, 12, 21, 6, 0))

    def test_unit(self):
        g = opflow.Graph()
        self.assertEqual(g.unit, "h")
        self.assertEqual(opflow.UNITS, {"h": 3600, "min": 60, "s": 1,
                                        "d": 28800})
        for given, read in (("min", "min"), ("s", "s"), ("d", "d"),
                            ("h", "h"), (60, "min"), (1, "s"),
                            (28800, "d"), (3600, "h"), (900, 900),
                            (dt.timedelta(minutes=15), 900),
                            (dt.timedelta(hours=8), "d"),
                            (366 * 86400, 366 * 86400)):
            with self.subTest(given=given):
                g.unit = given
                self.assertEqual(g.unit, read)
        g.unit = 7200
        self.assertIsInstance(g.unit, int)

    def test_unit_refusals(self):
        g = opflow.Graph()
        g.unit = "min"
        for bad in (0, -60, 366 * 86400 + 1, dt.timedelta(seconds=1.5),
                    dt.timedelta(0), "hour", "H"):
            with self.subTest(bad=bad):
                with self.assertRaises(opflow.InvalidArgumentError) as cm:
                    g.unit = bad
                self.assertIsInstance(cm.exception, ValueError)
        with self.assertRaises(opflow.InvalidArgumentError) as cm:
            g.unit = "hour"
        self.assertIn("h, min, s, d", str(cm.exception))
        with self.assertRaises(opflow.RangeError):
            g.unit = 2 ** 70
        for bad in (True, 1.5, 60.0, None, b"h"):
            with self.subTest(bad=bad), self.assertRaises(TypeError):
                g.unit = bad
        self.assertEqual(g.unit, "min")

    def test_times_and_instants(self):
        g = opflow.Graph()
        with self.assertRaises(opflow.MisuseError):
            g.instant_of(1.0)
        with self.assertRaises(opflow.MisuseError):
            g.time_of(D(2026, 12, 21))
        g.start = D(2026, 12, 21, 6, 0)
        # hours: 1.5 h after 06:00 is 07:30; a day later is 24 h
        self.assertEqual(g.instant_of(1.5), D(2026, 12, 21, 7, 30))
        self.assertEqual(g.time_of(D(2026, 12, 22, 6, 0)), 24.0)
        self.assertEqual(g.time_of(dt.date(2026, 12, 21)), -6.0)
        g.unit = "min"
        self.assertEqual(g.time_of(D(2026, 12, 22, 6, 0)), 1440.0)
        g.unit = "d"
        # 32 h are four 8-hour days of elapsed time
        self.assertEqual(g.time_of(D(2026, 12, 22, 14, 0)), 4.0)
        g.unit = "s"
        # rounded to the second, halves away from zero
        self.assertEqual(g.instant_of(0.5), D(2026, 12, 21, 6, 0, 1))
        self.assertEqual(g.instant_of(-0.5), D(2026, 12, 21, 5, 59, 59))
        self.assertEqual(g.instant_of(0.49), D(2026, 12, 21, 6, 0, 0))
        with self.assertRaises(opflow.RangeError):
            g.instant_of(1e12)
        with self.assertRaises(TypeError):
            g.instant_of("1")

    def test_clone_and_equality(self):
        g = opflow.Graph()
        self.assertEqual(g.clone(), g)
        g.start = D(2026, 12, 21, 6, 0)
        c = g.clone()
        self.assertEqual(c, g)
        self.assertEqual(c.start, D(2026, 12, 21, 6, 0))
        c.start = D(2026, 12, 21, 6, 1)
        self.assertNotEqual(c, g)
        c = g.clone()
        c.unit = "min"
        self.assertNotEqual(c, g)
        c.unit = 3600
        self.assertEqual(c, g)
        c.start = None
        self.assertNotEqual(c, g)


class Instants(TestCase):
    def test_parse(self):
        for text, want in (
                ("2026-12-21", D(2026, 12, 21)),
                ("2026-12-21T06:00", D(2026, 12, 21, 6, 0)),
                ("2026-12-21 06:00", D(2026, 12, 21, 6, 0)),
                ("2026-12-21T06:00:07", D(2026, 12, 21, 6, 0, 7)),
                ("2024-02-29T23:59:59", D(2024, 2, 29, 23, 59, 59)),
                ("0001-01-01", D(1, 1, 1)),
                ("9999-12-31T23:59:59", D(9999, 12, 31, 23, 59, 59)),
                ("1969-12-31T23:59", D(1969, 12, 31, 23, 59))):
            with self.subTest(text=text):
                got = opflow.parse_instant(text)
                self.assertEqual(got, want)
                self.assertIsNone(got.tzinfo)

    def test_parse_refusals(self):
        for text in ("", "2026-13-01", "2026-02-29", "2026-12-21T24:00",
                     "2026-12-21T06", "2026-12-21T06:00Z", "2026-12-21T6:00",
                     "0000-01-01", "26-12-21", "2026-12-21T06:00:60",
                     "2026-12-21X06:00", " 2026-12-21"):
            with self.subTest(text=text):
                with self.assertRaises(opflow.InvalidArgumentError) as cm:
                    opflow.parse_instant(text)
                self.assertIn("is not an instant", str(cm.exception))
                self.assertIsInstance(cm.exception, ValueError)
        with self.assertRaises(opflow.InvalidArgumentError):
            opflow.parse_instant("2026-12-21\0")
        for bad in (b"2026-12-21", None, D(2026, 12, 21)):
            with self.subTest(bad=bad), self.assertRaises(TypeError):
                opflow.parse_instant(bad)

    def test_format(self):
        for when, want in (
                (D(2026, 12, 21, 6, 0), "2026-12-21T06:00"),
                (D(2026, 12, 21, 6, 0, 7), "2026-12-21T06:00:07"),
                (D(2026, 12, 21, 6, 0, 0, 999999), "2026-12-21T06:00"),
                (dt.date(2026, 12, 21), "2026-12-21T00:00"),
                (D(1, 1, 1), "0001-01-01T00:00"),
                (D(9999, 12, 31, 23, 59, 59), "9999-12-31T23:59:59"),
                (D(1969, 12, 31, 23, 59, 59), "1969-12-31T23:59:59")):
            with self.subTest(when=when):
                self.assertEqual(opflow.format_instant(when), want)
        with self.assertRaises(opflow.InvalidArgumentError):
            opflow.format_instant(D(2026, 1, 1, tzinfo=dt.timezone.utc))
        for bad in ("2026-12-21", 0, None):
            with self.subTest(bad=bad), self.assertRaises(TypeError):
                opflow.format_instant(bad)

    def test_round_trip(self):
        for when in (D(2026, 12, 21, 6, 0), D(2026, 12, 21, 6, 0, 7),
                     D(1, 1, 1), D(2000, 2, 29, 12, 30, 1)):
            self.assertEqual(
                opflow.parse_instant(opflow.format_instant(when)), when)

    def test_seconds_since_the_epoch(self):
        # the conversion the bindings use, checked through the library's
        # working axis of 24/7 (every second works) from the epoch
        g = opflow.Graph()
        epoch = D(1970, 1, 1)
        for when in (D(1970, 1, 2), D(1969, 12, 31, 23, 59, 59),
                     D(2026, 12, 21, 6, 0), D(1, 1, 1)):
            with self.subTest(when=when):
                self.assertEqual(
                    g.working_time(None, epoch, when),
                    dt.timedelta(seconds=seconds_since_epoch(when)))


class WorkingAxis(TestCase):
    """The two-shift calendar of the spec: Monday to Friday 06-14 and
    14-22 (16 h a day), Saturday 06-12; 24 to 26 December off; 31 December
    06-10 only.  Thursday 24 to Sunday 27 December work nothing."""

    def setUp(self):
        self.g = two_shift_graph()

    def test_working_time(self):
        wt = self.g.working_time
        # Mon 21, Tue 22, Wed 23: 3 x 16 h; then nothing until Monday
        self.assertEqual(wt("two-shift", D(2026, 12, 21), D(2026, 12, 28)),
                         48 * H)
        # across the touching shifts: 10:00 to 20:00
        self.assertEqual(wt("two-shift", D(2026, 12, 21, 10),
                            D(2026, 12, 21, 20)), 10 * H)
        # Wed 20-22 (2 h), the holiday and Sunday, Mon 28 06-08 (2 h)
        self.assertEqual(wt("two-shift", D(2026, 12, 23, 20),
                            D(2026, 12, 28, 8)), 4 * H)
        self.assertEqual(wt("two-shift", D(2026, 12, 28, 8),
                            D(2026, 12, 23, 20)), -4 * H)
        # Mon 28 to Wed 30: 48 h; Thu 31: 4 h; Fri 1 Jan: 16 h;
        # Sat 2 Jan: 6 h
        self.assertEqual(wt("two-shift", D(2026, 12, 28), D(2027, 1, 4)),
                         74 * H)
        # the holiday itself works nothing
        self.assertEqual(wt("two-shift", D(2026, 12, 24), D(2026, 12, 27)),
                         dt.timedelta(0))
        # dates are their midnight; 24/7 is elapsed time
        self.assertEqual(wt("two-shift", dt.date(2026, 12, 21),
                            dt.date(2026, 12, 22)), 16 * H)
        self.assertEqual(wt(None, D(2026, 12, 21, 6), D(2026, 12, 24, 7)),
                         73 * H)

    def test_finish_after(self):
        fa = self.g.finish_after
        # Wed 12:00 + 10 h: 12-22 on Wednesday; the finish is the end of
        # the shift (the first instant), not next Monday
        self.assertEqual(fa("two-shift", D(2026, 12, 23, 12), 36000),
                         D(2026, 12, 23, 22))
        # one more hour: Mon 28 06-07
        self.assertEqual(fa("two-shift", D(2026, 12, 23, 12), 11 * H),
                         D(2026, 12, 28, 7))
        # Thu 31 08-10 (2 h), then Fri 1 Jan 06-07
        self.assertEqual(fa("two-shift", D(2026, 12, 31, 8), 3 * H),
                         D(2027, 1, 1, 7))
        # Fri 1 Jan 21-22, then Sat 2 Jan 06-07
        self.assertEqual(fa("two-shift", D(2027, 1, 1, 21), 2 * H),
                         D(2027, 1, 2, 7))
        # no work: the instant itself, even when it does not work
        self.assertEqual(fa("two-shift", D(2026, 12, 25, 3), 0),
                         D(2026, 12, 25, 3))
        # backwards: Mon 28 06-07, then Wed 23 21-22
        self.assertEqual(fa("two-shift", D(2026, 12, 28, 7), -2 * H),
                         D(2026, 12, 23, 21))
        # 24/7
        self.assertEqual(fa(None, D(2026, 12, 24, 23), 2 * H),
                         D(2026, 12, 25, 1))

    def test_start_after(self):
        sa = self.g.start_after
        # the same 10 h; the start of what follows is the next working
        # period: Monday 28 06:00
        self.assertEqual(sa("two-shift", D(2026, 12, 23, 12), 10 * H),
                         D(2026, 12, 28, 6))
        # no work from the end of a shift: where work begun then starts
        self.assertEqual(sa("two-shift", D(2026, 12, 23, 22), 0),
                         D(2026, 12, 28, 6))
        # from within a shift: that instant
        self.assertEqual(sa("two-shift", D(2026, 12, 23, 9), 0),
                         D(2026, 12, 23, 9))
        # 14:00 joins two shifts: working on
        self.assertEqual(sa("two-shift", D(2026, 12, 21, 6), 8 * H),
                         D(2026, 12, 21, 14))
        # Sat 2 Jan 06-12 (6 h): the next start is Mon 4 Jan 06:00
        self.assertEqual(sa("two-shift", D(2027, 1, 2, 6), 6 * H),
                         D(2027, 1, 4, 6))

    def test_work_given_as_seconds_or_timedelta(self):
        fa = self.g.finish_after
        t = D(2026, 12, 21, 6)
        self.assertEqual(fa("two-shift", t, dt.timedelta(hours=1)),
                         D(2026, 12, 21, 7))
        self.assertEqual(fa("two-shift", t, 3600.4), D(2026, 12, 21, 7))
        # halves away from zero, floats and timedeltas alike
        self.assertEqual(fa("two-shift", t, 0.5), D(2026, 12, 21, 6, 0, 1))
        self.assertEqual(fa("two-shift", t, dt.timedelta(microseconds=500000)),
                         D(2026, 12, 21, 6, 0, 1))
        self.assertEqual(fa("two-shift", t, dt.timedelta(microseconds=499999)),
                         t)
        self.assertEqual(fa("two-shift", D(2026, 12, 21, 7), -0.5),
                         D(2026, 12, 21, 6, 59, 59))

    def test_refusals(self):
        g = self.g
        t = D(2026, 12, 21, 6)
        with self.assertRaises(opflow.NotFoundError):
            g.working_time("none", t, t)
        with self.assertRaises(opflow.InvalidArgumentError):
            g.finish_after("two-shift", t.replace(tzinfo=dt.timezone.utc), 1)
        for bad in ("1h", True, None):
            with self.subTest(bad=bad), self.assertRaises(TypeError):
                g.finish_after("two-shift", t, bad)
        with self.assertRaises(TypeError):
            g.start_after("two-shift", "2026-12-21", 1)
        with self.assertRaises(TypeError):
            g.working_time(1, t, t)
        with self.assertRaises(opflow.InvalidArgumentError):
            g.finish_after("two-shift", t, float("nan"))
        with self.assertRaises(opflow.RangeError):
            g.finish_after("two-shift", D(9999, 12, 31, 20), 10 * H)


class DatedAnalysis(TestCase):
    """S = Monday 21 December 2026 06:00, unit "h", every activity on the
    two-shift calendar (the graph's default).

    a (10 h): starts at S, works Mon 06-16: finish Mon 16:00.
      es 0, ef 10.
    b (30 h), FS from a: Mon 16-22 (6 h), Tue (16 h), Wed 06-14 (8 h):
      start Mon 16:00, finish Wed 23 14:00 (the first instant at that
      working position; 14:00 also starts the second shift).
      es 10, ef = Wed 14:00 - S = 56.
    c (4 h), FS from b with a working lag of 10 h: Wed 14-22 (8 h), the
      holiday and Sunday, Mon 28 06-08 (2 h): start Mon 28 08:00,
      finish 12:00.  es = 7 days + 2 h = 170, ef 174.
    d (2 h), FS from b with an elapsed lag of 40 h: Wed 14:00 + 40 h =
      Fri 25 06:00, a holiday: start Mon 28 06:00, finish 08:00.
      es 168, ef 170.
    Finish = Mon 28 12:00 (c); lead time 174 h elapsed; working lead time
    on two-shift: Mon 21, Tue 22, Wed 23 (48 h) + Mon 28 06-12 (6 h) = 54.

    Backward, H = the finish: c lf = Mon 12:00, ls = Mon 08:00, float 0.
    d: lf = Mon 12:00, ls = Mon 10:00; its float is 4 working hours
    (06:00 to 10:00); free float the same (no successor: H - ef).
    b through c: u = the last instant with W <= W(c's late start) - 10 h
    = Wed 14:00: lf(b) = Wed 14:00 = ef, float 0.  Through d the bound is
    later (Mon 10:00 - 40 h = Sat 26 18:00, W of Wed 22:00).  a: b's late
    start is Mon 16:00, its own finish: float 0.  Critical: a, b, c.
    """

    def graph(self):
        g = two_shift_graph()
        g.calendar = "two-shift"
        for k, d in (("a", 10), ("b", 30), ("c", 4), ("d", 2)):
            g.add_activity(k, duration=d)
        g.add_flow("a", "b")
        g.add_flow("b", "c", lag=10)
        g.add_flow("b", "d", lag=40, elapsed=True)
        g.start = D(2026, 12, 21, 6, 0)
        return g

    WANT = {
        # key: (es, ef, ls, lf, total float, start, finish, late start,
        #       late finish, critical)
        "a": (0, 10, 0, 10, 0, D(2026, 12, 21, 6), D(2026, 12, 21, 16),
              D(2026, 12, 21, 6), D(2026, 12, 21, 16), True),
        "b": (10, 56, 10, 56, 0, D(2026, 12, 21, 16), D(2026, 12, 23, 14),
              D(2026, 12, 21, 16), D(2026, 12, 23, 14), True),
        "c": (170, 174, 170, 174, 0, D(2026, 12, 28, 8), D(2026, 12, 28, 12),
              D(2026, 12, 28, 8), D(2026, 12, 28, 12), True),
        "d": (168, 170, 172, 174, 4, D(2026, 12, 28, 6), D(2026, 12, 28, 8),
              D(2026, 12, 28, 10), D(2026, 12, 28, 12), False),
    }

    def check(self, r, want):
        es, ef, ls, lf, tf, start, finish, late_start, late_finish, crit = \
            want
        self.assertClose(r.es, es)
        self.assertClose(r.ef, ef)
        self.assertClose(r.ls, ls)
        self.assertClose(r.lf, lf)
        self.assertClose(r.total_float, tf)
        self.assertEqual((r.start, r.finish, r.late_start, r.late_finish),
                         (start, finish, late_start, late_finish))
        self.assertEqual(r.critical, crit)

    def test_schedule(self):
        g = self.graph()
        res = g.analyze()
        self.assertTrue(res.dated)
        self.assertEqual(res.start, D(2026, 12, 21, 6))
        self.assertEqual(res.finish, D(2026, 12, 28, 12))
        self.assertClose(res.lead_time, 174)
        self.assertClose(res.working_lead_time, 54)
        by_bulk = {r.key: r for r in res}
        for key, want in self.WANT.items():
            with self.subTest(key=key):
                self.check(res[key], want)
                self.assertEqual(by_bulk[key], res[key])
        self.assertClose(res["d"].free_float, 4)
        self.assertEqual(res["d"].driving_flow,
                         opflow.Flow("b", "d", "FS", 40.0, 2, True))
        self.assertEqual(res.instant_of(170), D(2026, 12, 28, 8))
        self.assertEqual(res.instant_of(0.5), D(2026, 12, 21, 6, 30))
        # the instant columns: seconds since the epoch
        self.assertEqual(
            list(res.column("start_instant")),
            [seconds_since_epoch(self.WANT[k][5]) for k in "abcd"])
        self.assertEqual(
            list(res.column("late_finish_instant")),
            [seconds_since_epoch(self.WANT[k][8]) for k in "abcd"])

    def test_deadline_as_a_datetime(self):
        # Mon 28 14:00 is 176 h after S and two working hours after the
        # finish: every late time moves by those 2 h, the critical set
        # does not change
        g = self.graph()
        res = g.analyze(deadline=D(2026, 12, 28, 14))
        self.assertClose(res.options.deadline, 176)
        self.assertEqual(res.finish, D(2026, 12, 28, 12))
        for key, want in self.WANT.items():
            with self.subTest(key=key):
                r = res[key]
                self.assertClose(r.total_float, want[4] + 2)
                self.assertEqual(r.critical, want[9])
        self.assertEqual(res["c"].late_finish, D(2026, 12, 28, 14))
        self.assertEqual(res["c"].late_start, D(2026, 12, 28, 10))
        # a number still works: 176 h
        self.assertEqual(g.analyze(deadline=176)["c"].late_finish,
                         D(2026, 12, 28, 14))

    def test_a_working_lag_instead(self):
        # d's lag of 40 working hours from b's finish, Wed 23 14:00:
        # Wed 14-22 (8 h), Mon 28 (16 h) and Tue 29 (16 h) make 40 at
        # Tue 29 22:00; d starts at the next working period, Wed 30
        # 06:00, and finishes at 08:00, the project's finish
        g = self.graph()
        g.set_flow_elapsed("b", "d", False)
        res = g.analyze()
        self.assertEqual(res["d"].start, D(2026, 12, 30, 6))
        self.assertEqual(res["d"].finish, D(2026, 12, 30, 8))
        self.assertEqual(res.finish, D(2026, 12, 30, 8))
        self.assertEqual(res["d"].driving_flow.elapsed, False)

    def test_days_of_one_shift(self):
        # unit "d" (8 h), a one-shift calendar Mon-Fri 06-14: 2 days of
        # work from Mon 06:00 end Tue 14:00, 32 elapsed hours = 4 units;
        # working lead time 16 h = 2 units of the default calendar
        g = opflow.Graph()
        g.add_calendar("one-shift", week={"mon-fri": ["06:00-14:00"]})
        g.calendar = "one-shift"
        g.add_activity("x", duration=2)
        g.start = D(2026, 12, 21, 6)
        g.unit = "d"
        res = g.analyze()
        self.assertEqual(res["x"].finish, D(2026, 12, 22, 14))
        self.assertClose(res["x"].ef, 4)
        self.assertClose(res.lead_time, 4)
        self.assertClose(res.working_lead_time, 2)

    def test_times_given_as_datetimes(self):
        # tracking fields take datetimes of a dated graph and keep them
        # as times since the start
        g = self.graph()
        g["a"].actual_start = D(2026, 12, 21, 6)
        g["a"].actual_finish = D(2026, 12, 21, 18)
        self.assertEqual(g["a"].actual_start, 0.0)
        self.assertEqual(g["a"].actual_finish, 12.0)
        # Tue 29 00:00 is 8 days less 6 h after S
        g["c"].start_no_earlier_than = dt.date(2026, 12, 29)
        self.assertEqual(g["c"].start_no_earlier_than, 186.0)
        with self.assertRaises(opflow.InvalidArgumentError):
            g["a"].actual_start = D(2026, 12, 21, tzinfo=dt.timezone.utc)
        self.assertEqual(g["a"].actual_start, 0.0)
        for field in ("actual_finish", "actual_start",
                      "start_no_earlier_than"):
            setattr(g[field == "start_no_earlier_than" and "c" or "a"],
                    field, None)
        self.assertIsNone(g["a"].actual_start)
        self.assertIsNone(g["c"].start_no_earlier_than)

    def test_undated(self):
        g = self.graph()
        g.start = None
        res = g.analyze()
        self.assertFalse(res.dated)
        self.assertIsNone(res.start)
        self.assertIsNone(res.finish)
        self.assertIsNone(res.working_lead_time)
        r = res["a"]
        self.assertEqual((r.start, r.finish, r.late_start, r.late_finish),
                         (None,) * 4)
        self.assertEqual([x.start for x in res], [None] * 4)
        # the instant columns of an undated analysis hold 0
        for name in ("start_instant", "finish_instant", "late_start_instant",
                     "late_finish_instant"):
            self.assertEqual(list(res.column(name)), [0.0] * 4)
        # in plain hours: a 0-10, b 10-40, c 50-54, d 80-82
        self.assertClose(res.lead_time, 82)
        with self.assertRaises(opflow.MisuseError):
            res.instant_of(1)
        # a datetime needs a dated graph
        with self.assertRaises(opflow.MisuseError):
            g.analyze(deadline=D(2026, 12, 28))
        with self.assertRaises(opflow.MisuseError):
            g["a"].actual_start = D(2026, 12, 21)
        self.assertIsNone(g["a"].actual_start)


if __name__ == "__main__":
    unittest.main()
