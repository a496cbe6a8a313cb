"""The limits of libopflow(7), LIMITS, through the bindings, at the limit
and one past it: keys and labels (counted in UTF-8 bytes, not characters)
through every call that takes them, the text format's keys, labels,
numbers and lines with their line and column worked out by hand, the
critical-path limit, and times at the edge of the doubles."""
import io
import math
import os
import sys
import tempfile
import unittest

from support import TestCase, opflow

KEY_MAX = 1024                  # include/opflow.h, in bytes
TEXT_MAX = 65536                # include/opflow.h, in bytes
NUMBER_MAX = 1000               # opflow(5), in characters
LINE_MAX = 4194304              # opflow(5), in bytes

BIKE = "\U0001F6B2"             # four bytes in UTF-8


class Constants(TestCase):
    def test_the_package_states_the_header_limits(self):
        self.assertEqual(opflow.KEY_MAX, KEY_MAX)
        self.assertEqual(opflow.TEXT_MAX, TEXT_MAX)


class Keys(TestCase):
    """A key holds 1 to 1024 bytes; one byte more is a RangeError (a
    ValueError too) naming the limit, and changes nothing."""

    # the same 1024 bytes as 1024, 512 and 256 characters
    AT = ["k" * KEY_MAX, "\u00e9" * (KEY_MAX // 2), BIKE * (KEY_MAX // 4)]

    def assertRefused(self, call, *args, **kwargs):
        with self.assertRaises(opflow.RangeError) as cm:
            call(*args, **kwargs)
        e = cm.exception
        self.assertIsInstance(e, opflow.Error)
        self.assertIsInstance(e, ValueError)
        self.assertEqual(e.code, opflow.OPFLOW_ERANGE)
        self.assertIn("longer than 1024 bytes", e.message)
        return e

    def test_activity_keys(self):
        for key in self.AT:
            self.assertEqual(len(key.encode("utf-8")), KEY_MAX)
            g = opflow.Graph()
            g.add_activity(key)
            self.assertEqual(g.keys(), [key])
            self.assertIn(key, g)
            self.assertRefused(g.add_activity, key + "x")
            self.assertEqual(g.keys(), [key])
            # past the limit nothing is found either: out of range, a
            # ValueError rather than a KeyError
            with self.assertRaises(opflow.RangeError):
                g[key + "x"]

    def test_a_character_cut_by_the_limit(self):
        g = opflow.Graph()
        self.assertRefused(g.add_activity, "a" * (KEY_MAX - 1) + "\u00e9")
        self.assertEqual(len(g), 0)

    def test_the_empty_key(self):
        g = opflow.Graph()
        g.add_activity("a")
        with self.assertRaises(opflow.InvalidArgumentError):
            g.add_activity("")

    def test_department_keys(self):
        for key in self.AT:
            g = opflow.Graph()
            g.departments.add(key)
            self.assertEqual(list(g.departments), [key])
            self.assertRefused(g.departments.add, key + "x")
            a = g.add_activity("a", department=key)
            self.assertEqual(a.department, key)
            self.assertRefused(g.add_activity, "b", department=key + "x")
            with self.assertRaises(opflow.RangeError):
                a.department = key + "x"
            self.assertEqual(a.department, key)
            self.assertEqual(g.keys(), ["a"])
            self.assertEqual(list(g.departments), [key])

    def test_in_a_batch(self):
        for key in self.AT:
            g = opflow.Graph()
            self.assertRefused(g.add_activities, ["x", key + "x", "y"])
            self.assertEqual(len(g), 0)
            self.assertEqual(g.add_activities(["x", key, "y"]), range(0, 3))
            self.assertEqual(g.keys(), ["x", key, "y"])


class Texts(TestCase):
    """A label or display name holds at most 65536 bytes."""

    AT = ["l" * TEXT_MAX, BIKE * (TEXT_MAX // 4)]

    def test_labels_and_names(self):
        for text in self.AT:
            self.assertEqual(len(text.encode("utf-8")), TEXT_MAX)
            g = opflow.Graph()
            a = g.add_activity("a", label=text)
            self.assertEqual(a.label, text)
            with self.assertRaises(opflow.RangeError) as cm:
                a.label = text + "x"
            self.assertIn("longer than 65536 bytes", cm.exception.message)
            self.assertEqual(a.label, text)
            with self.assertRaises(opflow.RangeError):
                g.add_activity("b", label=text + "x")
            self.assertEqual(len(g), 1)
            g.departments["d"] = text
            self.assertEqual(g.departments["d"], text)
            with self.assertRaises(opflow.RangeError) as cm:
                g.departments["d"] = text + "x"
            self.assertIn("longer than 65536 bytes", cm.exception.message)
            self.assertEqual(g.departments["d"], text)
            # the lower end: the empty label is none
            a.label = ""
            self.assertIsNone(a.label)


class Format(TestCase):
    """The text format: every limit at its line and column."""

    def fails(self, text, line, column, words):
        with self.assertRaises(opflow.ParseError) as cm:
            opflow.loads(text)
        e = cm.exception
        self.assertEqual((e.line, e.column), (line, column), str(e))
        self.assertEqual(e.code, opflow.OPFLOW_EPARSE)
        self.assertIn(words, e.message)

    def test_keys(self):
        # 'activity ' is 9 bytes: the key at column 10
        g = opflow.loads("opflow 1\nactivity " + "k" * KEY_MAX + "\n")
        self.assertEqual(g.keys(), ["k" * KEY_MAX])
        self.fails("opflow 1\nactivity " + "k" * (KEY_MAX + 1) + "\n", 2, 10,
                   "longer than 1024 bytes")
        # quoted, the limit is on the bytes the escapes stand for
        g = opflow.loads('opflow 1\nactivity "' + "\\u{1F6B2}" * (KEY_MAX // 4)
                         + '"\n')
        self.assertEqual(g.keys(), [BIKE * (KEY_MAX // 4)])
        self.fails('opflow 1\nactivity "' + "\\u{1F6B2}" * (KEY_MAX // 4)
                   + 'x"\n', 2, 10, "longer than 1024 bytes")
        # 'department ' is 11 bytes; 'activity a department=' 22
        self.fails("opflow 1\ndepartment " + "d" * (KEY_MAX + 1) + "\n", 2, 12,
                   "longer than 1024 bytes")
        self.fails("opflow 1\nactivity a department=" + "d" * (KEY_MAX + 1)
                   + "\n", 2, 23, "longer than 1024 bytes")
        # a flow's ends: 'flow ' is 5 bytes, 'flow a ' 7
        head = "opflow 1\nactivity a\n"
        self.fails(head + "flow " + "k" * (KEY_MAX + 1) + " a\n", 3, 6,
                   "longer than 1024 bytes")
        self.fails(head + "flow a " + "k" * (KEY_MAX + 1) + "\n", 3, 8,
                   "longer than 1024 bytes")

    def test_labels(self):
        # 'activity a label=' is 17 bytes: the value at column 18
        g = opflow.loads('opflow 1\nactivity a label="' + BIKE * (TEXT_MAX // 4)
                         + '"\n')
        self.assertEqual(g["a"].label, BIKE * (TEXT_MAX // 4))
        self.fails('opflow 1\nactivity a label="' + BIKE * (TEXT_MAX // 4)
                   + 'x"\n', 2, 18, "longer than 65536 bytes")
        # 'department d name=' is 18 bytes
        g = opflow.loads('opflow 1\ndepartment d name="' + "n" * TEXT_MAX
                         + '"\n')
        self.assertEqual(g.departments["d"], "n" * TEXT_MAX)
        self.fails('opflow 1\ndepartment d name="' + "n" * (TEXT_MAX + 1)
                   + '"\n', 2, 19, "longer than 65536 bytes")

    def test_numbers(self):
        def number(chars):
            return "0" * (chars - 4) + "12.5"

        # 'activity a duration=' is 20 bytes; 'flow a b lag=' 13
        g = opflow.loads("opflow 1\nactivity a duration=" + number(NUMBER_MAX)
                         + "\n")
        self.assertEqual(g["a"].duration, 12.5)
        self.fails("opflow 1\nactivity a duration=" + number(NUMBER_MAX + 1)
                   + "\n", 2, 21, "longer than 1000 characters")
        head = "opflow 1\nactivity a\nactivity b\nflow a b lag=-"
        g = opflow.loads(head + number(NUMBER_MAX - 1) + "\n")
        self.assertEqual(g.flow("a", "b").lag, -12.5)
        self.fails(head + number(NUMBER_MAX) + "\n", 4, 14,
                   "longer than 1000 characters")
        g = opflow.loads("opflow 1\nactivity a estimate=" + number(NUMBER_MAX)
                         + "/20/30\n")
        self.assertEqual(g["a"].estimate, (12.5, 20.0, 30.0))
        self.fails("opflow 1\nactivity a estimate=" + number(NUMBER_MAX + 1)
                   + "/20/30\n", 2, 21, "longer than 1000 characters")
        # the largest double loads; the next 17-digit decimal is past the
        # midpoint to 2**1024
        g = opflow.loads("opflow 1\nactivity a duration=1.7976931348623157e308"
                         "\n")
        self.assertEqual(g["a"].duration, sys.float_info.max)
        self.fails("opflow 1\nactivity a duration=1.7976931348623159e308\n",
                   2, 21, "too large")

    def test_lines(self):
        def line(length):
            return "activity a #" + "c" * (length - 12)

        g = opflow.loads("opflow 1\n" + line(LINE_MAX) + "\n")
        self.assertEqual(g.keys(), ["a"])
        g = opflow.loads(b"\xef\xbb\xbfopflow 1\r\n"
                         + line(LINE_MAX).encode("ascii") + b"\r\n")
        self.assertEqual(g.keys(), ["a"])
        self.fails("opflow 1\n" + line(LINE_MAX + 1) + "\n", 2, LINE_MAX + 1,
                   "longer than 4194304 bytes")
        # columns count bytes: a two-byte character across the limit
        self.fails("opflow 1\n" + line(LINE_MAX - 1) + "\u00e9\n", 2,
                   LINE_MAX + 1, "longer than 4194304 bytes")
        # from a file object and from a path
        text = ("opflow 1\n" + line(LINE_MAX + 1) + "\n").encode("ascii")
        with self.assertRaises(opflow.ParseError) as cm:
            opflow.load(io.BytesIO(text))
        self.assertEqual((cm.exception.line, cm.exception.column),
                         (2, LINE_MAX + 1))
        fd, path = tempfile.mkstemp(suffix=".opflow")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(text)
            with self.assertRaises(opflow.ParseError) as cm:
                opflow.load(path)
            self.assertEqual((cm.exception.line, cm.exception.column),
                             (2, LINE_MAX + 1))
        finally:
            os.unlink(path)

    def test_saved_at_the_limits_reads_back(self):
        # every byte of the key, label and department needs an escape
        g = opflow.Graph()
        g.departments["\x03" * KEY_MAX] = "\x04" * TEXT_MAX
        g.add_activity("\x01" * KEY_MAX, label="\x02" * TEXT_MAX,
                       department="\x03" * KEY_MAX,
                       duration=sys.float_info.max)
        text = g.dumps()
        longest = max(len(s.encode("utf-8")) for s in text.split("\n"))
        self.assertGreater(longest, 4 * TEXT_MAX)
        self.assertLessEqual(longest, LINE_MAX)
        self.assertTrue(opflow.loads(text) == g)


class Analysis(TestCase):
    def test_critical_path_limit(self):
        # n0 .. n6 in a row, each step through a_i or b_i, all of duration
        # 1: 2**6 = 64 critical paths of 13 activities
        g = opflow.Graph()
        g.add_activity("n0", duration=1)
        for i in range(1, 7):
            for k in ("a%d" % i, "b%d" % i, "n%d" % i):
                g.add_activity(k, duration=1)
            g.add_flow("n%d" % (i - 1), "a%d" % i)
            g.add_flow("n%d" % (i - 1), "b%d" % i)
            g.add_flow("a%d" % i, "n%d" % i)
            g.add_flow("b%d" % i, "n%d" % i)
        an = g.analyze()
        for limit, count, more in ((64, 64, False), (63, 63, True),
                                   (0, 0, True), (None, 64, False),
                                   (2 ** 70, 64, False)):
            paths = an.critical_paths(limit)
            self.assertEqual((len(paths), paths.more), (count, more), limit)
            self.assertTrue(all(len(p) == 13 for p in paths))
        paths = an.critical_paths(63)
        self.assertEqual([k[0] for k in paths[0][1::2]], ["a"] * 6)
        self.assertEqual([k[0] for k in paths[-1][1::2]], ["b"] * 5 + ["a"])
        with self.assertRaises(opflow.InvalidArgumentError):
            an.critical_paths(-1)

    def test_times_at_the_edge(self):
        half = sys.float_info.max / 2
        over = math.nextafter(half, math.inf)
        g = opflow.Graph()
        g.add_activity("a", duration=half)
        b = g.add_activity("b", duration=half)
        g.add_flow("a", "b")
        self.assertEqual(g.analyze().lead_time, sys.float_info.max)
        b.duration = over
        with self.assertRaises(opflow.RangeError) as cm:
            g.analyze()
        self.assertIn("not finite", cm.exception.message)
        # side by side the lead time stays finite, the effort does not
        h = opflow.Graph()
        h.add_activity("x", duration=half)
        y = h.add_activity("y", duration=half)
        self.assertEqual(h.analyze().figure("effort"), sys.float_info.max)
        y.duration = over
        with self.assertRaises(opflow.RangeError) as cm:
            h.analyze()
        self.assertIn("effort", cm.exception.message)


if __name__ == "__main__":
    unittest.main()
