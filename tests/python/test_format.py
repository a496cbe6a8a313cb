"""The .opflow text format through the bindings: round trips of every
attribute, hostile inputs with their line and column worked out by hand,
paths and file objects, and numbers under a German locale."""
import array
import gc
import io
import locale
import math
import os
import pathlib
import shutil
import struct
import sys
import tempfile
import unittest

from support import TestCase, opflow

# Activity attributes compared one by one after a round trip.
ATTRIBUTES = ("label", "kind", "category", "department", "customer_facing",
              "duration", "duration_is_explicit", "estimate")


def bits(x):
    """A double's bits: equal numbers, and -0.0 apart from 0.0."""
    return struct.pack("<d", x)


def everything():
    """A graph using every attribute, with keys, labels and names that need
    quotes and escapes, and numbers that need 16 or 17 digits."""
    g = opflow.Graph()
    g.departments["Frame shop"] = "Frame shop (building 2)"
    g.departments["plain"] = None
    g.departments['q"uote\\back'] = "tab\there, newline\nthere, cr\rend"
    g.departments["Ünïcödé €"] = "名前 🚲"
    # explicit duration, bare key
    g.add_activity("cut", category="manufacturing", department="Frame shop",
                   duration=2)
    # a key with a space, a label with quotes and escapes, kind and
    # customer-facing flag against the category's defaults
    g.add_activity("weld frame", category="manufacturing", kind="operation",
                   customer_facing=True, department="Frame shop",
                   label='Weld "the" frame\\now\n\ttabbed',
                   duration=0.1 + 0.2,                  # 0.30000000000000004
                   estimate=(0.1, 0.1 + 0.2, 2 / 3 + 1))
    # non-ASCII key, estimate only (derived duration), a customer-facing
    # category made not customer-facing
    g.add_activity("ünïcode-€", category="sales", customer_facing=False,
                   label="emoji 🚲 and 名前", department="Ünïcödé €",
                   estimate=(5e-324, 1e-300, 1.7976931348623157e308))
    # control bytes, characters that are not bare, a leading space
    g.add_activity("\x01ctl\x7f", category="after-sales", department="plain")
    g.add_activity("a=b", category="other", duration=123456789.12345678)
    g.add_activity("#hash", category="logistics", kind="production",
                   duration=2 / 3)
    g.add_activity(" lead space", category="quality-control",
                   department='q"uote\\back', duration=1e22,
                   estimate=(1, 2, 3))
    g.add_activity("k" * opflow.KEY_MAX, category="packaging")
    g.add_activity("nothing")                    # no duration, no estimate
    g.add_activity("explicit-like-derived", estimate=(1, 2, 3), duration=2)
    # flows of every type, leads and lags needing 17 digits
    g.add_flow("cut", "weld frame")
    g.add_flow("cut", "weld frame", type="SS", lag=-0.1)
    g.add_flow("weld frame", "ünïcode-€", type="FF", lag=1 / 3)
    g.add_flow("weld frame", "\x01ctl\x7f", type="SF", lag=-1e-17)
    g.add_flow("a=b", "#hash", lag=4.35)
    g.add_flow("#hash", " lead space", type="SS", lag=-123.456)
    g.add_flow(" lead space", "k" * opflow.KEY_MAX, lag=0.30000000000000004)
    return g


class RoundTrip(TestCase):
    def assertIn(self, part, whole, msg=None):
        # the text holds a 1024-byte key: name only the missing part
        self.assertTrue(part in whole, msg or "%r not in the text" % part)

    def assertSameGraph(self, a, b):
        self.assertTrue(a == b, "graphs differ")
        self.assertEqual(a.keys(), b.keys())
        for x, y in zip(a, b):
            for name in ATTRIBUTES:
                va, vb = getattr(x, name), getattr(y, name)
                self.assertEqual(va, vb, "%r.%s" % (x.key, name))
                if isinstance(va, float):
                    self.assertEqual(bits(va), bits(vb), "%r.%s" % (x.key, name))
                if name == "estimate" and va is not None:
                    self.assertEqual([bits(v) for v in va],
                                     [bits(v) for v in vb], x.key)
        self.assertEqual(list(a.flows), list(b.flows))
        for f, h in zip(a.flows, b.flows):
            self.assertEqual(bits(f.lag), bits(h.lag), f)
        self.assertEqual(list(a.departments.items()),
                         list(b.departments.items()))

    def test_everything(self):
        g = everything()
        text = g.dumps()
        self.assertIsInstance(text, str)
        back = opflow.loads(text)
        self.assertSameGraph(g, back)
        self.assertEqual(back.dumps(), text)          # a fixed point
        # the same through bytes
        self.assertSameGraph(g, opflow.loads(text.encode("utf-8")))

    def test_text_as_written(self):
        g = everything()
        text = g.dumps()
        lines = text.split("\n")
        self.assertEqual(lines[0], "opflow 1")
        self.assertEqual(text[-1], "\n")
        # a key needing quotes is quoted; bare keys are not
        self.assertIn('activity "weld frame" ', text)
        self.assertIn("activity cut ", text)
        self.assertIn('activity "a=b" ', text)
        self.assertIn('activity "#hash" ', text)
        self.assertIn('activity " lead space" ', text)
        # escapes: quote, backslash, newline, tab, and control bytes as \xHH
        self.assertIn(r'label="Weld \"the\" frame\\now\n\ttabbed"', text)
        self.assertIn(r'activity "\x01ctl\x7f"', text)
        self.assertIn(r'department "q\"uote\\back"', text)
        self.assertIn(r'name="tab\there, newline\nthere, cr\rend"', text)
        # UTF-8 as it is
        self.assertIn('activity "ünïcode-€"', text)
        self.assertIn("emoji 🚲 and 名前", text)
        # shortest round-trip forms: 0.1 + 0.2 needs 17 digits, 2/3 16
        self.assertIn("duration=0.30000000000000004", text)
        self.assertIn("lag=0.30000000000000004", text)
        self.assertIn("duration=0.6666666666666666\n", text)
        self.assertIn('department="Frame shop" duration=2\n', text)
        # the most likely estimate of "weld frame" and its explicit duration
        line = [ln for ln in lines if ln.startswith('activity "weld frame"')][0]
        self.assertIn("estimate=0.1/0.30000000000000004/1.6666666666666665",
                      line)
        self.assertIn("kind=operation", line)
        self.assertIn("customer-facing=true", line)
        # every number written reads back as the same double
        for token in text.replace("/", " ").replace("\n", " ").split(" "):
            if token.startswith(("duration=", "lag=", "estimate=")):
                float(token.split("=", 1)[1])

    def test_explicit_and_derived_durations_survive(self):
        g = opflow.Graph()
        g.add_activity("derived", estimate=(1, 2.5, 4))
        g.add_activity("explicit", estimate=(1, 2.5, 4), duration=2.5)
        g.add_activity("zero")
        back = opflow.loads(g.dumps())
        self.assertFalse(back["derived"].duration_is_explicit)
        self.assertTrue(back["explicit"].duration_is_explicit)
        self.assertEqual(back["derived"].duration, 2.5)
        self.assertEqual(back["explicit"].duration, 2.5)
        self.assertEqual(back["zero"].duration, 0.0)
        self.assertIsNone(back["zero"].estimate)
        # so a new estimate moves the derived one and not the explicit one
        back["derived"].estimate = (1, 7, 9)
        back["explicit"].estimate = (1, 7, 9)
        self.assertEqual(back["derived"].duration, 7.0)
        self.assertEqual(back["explicit"].duration, 2.5)

    def test_empty_graph(self):
        g = opflow.Graph()
        text = g.dumps()
        self.assertEqual(text, "opflow 1\n")
        back = opflow.loads(text)
        self.assertEqual(len(back), 0)
        self.assertTrue(back == g)

    def test_many_doubles(self):
        # doubles across the whole range, each needing its own digits
        values = [0.1, 1 / 3, 2 / 3, math.pi, math.e, 1e-320, 5e-324,
                  2.2250738585072014e-308, 1.7976931348623157e308,
                  9007199254740993.0, 123456789012345678.0, 0.1 + 0.7,
                  1 - 2 ** -53, 1 + 2 ** -52, 4.35, 100.0, 1e15, 1e16, 1e17]
        g = opflow.Graph()
        for i, v in enumerate(values):
            g.add_activity("a%d" % i, duration=v)
        for i in range(len(values) - 1):
            g.add_flow("a%d" % i, "a%d" % (i + 1), lag=-values[i])
        back = opflow.loads(g.dumps())
        self.assertSameGraph(g, back)
        self.assertEqual([bits(a.duration) for a in back],
                         [bits(v) for v in values])

    def test_changed_graph_differs(self):
        g = everything()
        back = opflow.loads(g.dumps())
        back["nothing"].label = "now labelled"
        self.assertFalse(back == g)
        self.assertTrue(back != g)


class HostileInput(TestCase):
    """Each input raises ParseError at the line and column worked out by
    hand (1-based, columns in bytes), or loads where the format allows."""

    def fails(self, text, line, column, words=None):
        with self.assertRaises(opflow.ParseError) as cm:
            opflow.loads(text)
        e = cm.exception
        self.assertEqual((e.line, e.column), (line, column), str(e))
        self.assertEqual(e.code, opflow.OPFLOW_EPARSE)
        self.assertIsInstance(e.message, str)
        self.assertTrue(e.message)
        if words is not None:
            self.assertIn(words, str(e))
        return e

    def test_nul_bytes(self):
        # a NUL reaches the parser: it is an error where it stands, never
        # the end of the text
        self.fails(b"opflow 1\nactivity a\0b\n", 2, 11, "NUL")
        self.fails("opflow 1\nactivity a\0b\n", 2, 11, "NUL")   # str too
        self.fails(b"opf\0low 1\n", 1, 4, "NUL")
        self.fails(b"opflow 1\nactivity a\n\0", 3, 1, "NUL")
        self.fails(b"\0", 1, 1, "NUL")
        # after a NUL, more valid text: still refused, not cut short
        self.fails(b"opflow 1\n# comment \0\nactivity a\n", 2, 11, "NUL")
        # a NUL after the end of what a C string would read
        with self.assertRaises(opflow.ParseError):
            opflow.loads(b"opflow 1\n\0activity a\n")
        # bytes-like objects are passed with their length too
        self.fails(bytearray(b"opflow 1\nactivity a\0\n"), 2, 11)
        self.fails(memoryview(b"xxopflow 1\nactivity a\0\n")[2:], 2, 11)
        self.fails(array.array("B", b"opflow 1\n\0"), 2, 1)

    def test_invalid_utf8(self):
        self.fails(b"opflow 1\nactivity a\xff\n", 2, 11, "UTF-8")
        self.fails(b"opflow 1\n# caf\xc3\n", 2, 6, "UTF-8")     # truncated
        self.fails(b"opflow 1\nactivity \xc0\xaf\n", 2, 10)      # overlong
        self.fails(b"opflow 1\n# \xed\xa0\x80\n", 2, 3)          # surrogate
        self.fails(b"\xfe\xffopflow 1\n", 1, 1)                  # not a BOM
        self.fails(b"opflow 1\nactivity a label=\"\xf5\x80\x80\x80\"\n",
                   2, 19)                                        # > U+10FFFF

    def test_invalid_utf8_after_multibyte_characters(self):
        # the column of the first bad byte (as for an ASCII prefix), also
        # when valid multibyte characters come before it on the line
        cases = [
            # "activity " is 9 bytes, "café" 5 more (é is 2): \xff is 15
            (b"opflow 1\nactivity caf\xc3\xa9\xff\n", 2, 15),
            # "# " then two 3-byte characters: the truncated third at 9
            ("opflow 1\n# €€".encode() + b"\xe2\x82\n", 2, 9),
            # "activity é" is 11 bytes: the lone surrogate at 12
            ("opflow 1\nactivity é\udc80\n", 2, 12),
        ]
        for text, line, column in cases:
            with self.subTest(text=text):
                self.fails(text, line, column, "UTF-8")

    def test_lone_surrogates_in_str(self):
        # encoded as they are (surrogatepass) and refused by the parser:
        # "activity a" is 10 bytes, the surrogate starts at 11
        self.fails("opflow 1\nactivity a\udc80\n", 2, 11, "UTF-8")
        self.fails("\ud800", 1, 1, "UTF-8")
        # a surrogate pair written as two lone surrogates is not a character
        self.fails("opflow 1\n# \ud83d\ude00\n", 2, 3, "UTF-8")
        # what os.fsdecode makes of a bad byte
        self.fails("opflow 1\nactivity x label=\"\udcff\"\n", 2, 19)

    def test_truncated_escapes(self):
        # 'activity a label=' is 17 bytes: the quote at 18, the backslash
        # at 19
        self.fails('opflow 1\nactivity a label="\\', 2, 19, "escape")
        self.fails('opflow 1\nactivity a label="\\\n', 2, 19, "escape")
        self.fails('opflow 1\nactivity a label="\\x4"\n', 2, 19, "hexadecimal")
        self.fails('opflow 1\nactivity a label="\\x', 2, 19, "hexadecimal")
        self.fails('opflow 1\nactivity a label="\\u{41"\n', 2, 19)
        self.fails('opflow 1\nactivity a label="\\u{"\n', 2, 19)
        self.fails('opflow 1\nactivity a label="\\u41"\n', 2, 19, "{")
        self.fails('opflow 1\nactivity a label="\\u{1234567}"\n', 2, 19)
        self.fails('opflow 1\nactivity a label="\\u{110000}"\n', 2, 19)
        self.fails('opflow 1\nactivity a label="\\u{0}"\n', 2, 19)
        self.fails('opflow 1\nactivity a label="\\x00"\n', 2, 19, "NUL")
        self.fails('opflow 1\nactivity a label="\\q"\n', 2, 19, "escape")
        # an unterminated string names its opening quote
        self.fails('opflow 1\nactivity a label="abc', 2, 18, "unterminated")
        self.fails('opflow 1\nactivity "abc\n', 2, 10, "unterminated")
        # well-formed escapes decode
        g = opflow.loads('opflow 1\nactivity a label="\\x41\\u{e9}\\u{1F6B2}'
                         '\\"\\\\\\n\\t\\r"\n')
        self.assertEqual(g["a"].label, 'A\u00e9\U0001F6B2"\\\n\t\r')

    def test_huge_numbers(self):
        # 'activity a duration=' is 20 bytes: the value at 21
        self.fails("opflow 1\nactivity a duration=1e999\n", 2, 21, "too large")
        self.fails("opflow 1\nactivity a duration=1" + "0" * 400 + "\n", 2, 21)
        self.fails("opflow 1\nactivity a estimate=1/2/1e400\n", 2, 21)
        # 'flow a b lag=' is 13 bytes
        self.fails("opflow 1\nactivity a\nactivity b\nflow a b lag=-1e999\n",
                   4, 14, "too large")
        self.fails("opflow 1\nactivity a duration=inf\n", 2, 21)
        self.fails("opflow 1\nactivity a duration=nan\n", 2, 21)
        self.fails("opflow 1\nactivity a duration=0x10\n", 2, 21)
        self.fails("opflow 1\nactivity a duration=1e\n", 2, 21)
        # the largest finite double, and the smallest subnormal, load
        g = opflow.loads("opflow 1\nactivity a duration=1.7976931348623157e308"
                         "\nactivity b duration=5e-324\n"
                         "activity c duration=1e-400\n")
        self.assertEqual(g["a"].duration, 1.7976931348623157e308)
        self.assertEqual(g["b"].duration, 5e-324)
        self.assertEqual(g["c"].duration, 0.0)     # underflows to 0

    def test_very_long_lines(self):
        # the longest key and label load; one byte more is refused at the
        # key (column 10) or at the label's value (column 18)
        g = opflow.loads("opflow 1\nactivity " + "k" * opflow.KEY_MAX + "\n")
        self.assertEqual(g.keys(), ["k" * opflow.KEY_MAX])
        self.fails("opflow 1\nactivity " + "k" * (opflow.KEY_MAX + 1) + "\n",
                   2, 10)
        g = opflow.loads('opflow 1\nactivity a label="' + "l" * opflow.TEXT_MAX
                         + '"\n')
        self.assertEqual(len(g["a"].label), opflow.TEXT_MAX)
        self.fails('opflow 1\nactivity a label="' + "l" * (opflow.TEXT_MAX + 1)
                   + '"\n', 2, 18)
        # a comment of two megabytes, then an error after a million blanks
        g = opflow.loads("opflow 1\n#" + "c" * 2000000 + "\nactivity a\n")
        self.assertEqual(len(g), 1)
        self.fails("opflow 1\n" + " " * 1000000 + "x\n", 2, 1000001, "x")
        # columns count bytes, not characters: '"é"' takes 4 bytes
        self.fails('opflow 1\nactivity "é" x\n', 2, 15, "attribute")
        self.fails("opflow 1\nactivity " + "é" * 600 + "\n", 2, 10)

    def test_bom_and_crlf(self):
        g = opflow.loads(b"\xef\xbb\xbfopflow 1\r\n# comment\r\n"
                         b"activity a duration=1.5 label=\"x\"\r\n"
                         b"activity b\r\nflow a b lag=2\r\n")
        self.assertEqual(g.keys(), ["a", "b"])
        self.assertEqual(g["a"].duration, 1.5)
        self.assertEqual(g["a"].label, "x")            # no \r in it
        self.assertEqual(g.flows[0].lag, 2.0)
        # the same as a str
        self.assertTrue(opflow.loads("\ufeffopflow 1\r\nactivity a\r\n")
                        == opflow.loads("opflow 1\nactivity a\n"))
        # errors after CRLF lines count lines as usual
        self.fails(b"opflow 1\r\nactivity a\r\nactivity a x\r\n", 3, 12)
        # the BOM is not part of line 1's columns
        self.fails(b"\xef\xbb\xbfopflow 2\r\n", 1, 8, "version 2")
        # a CR inside a line is no line end; a lone CR ends nothing
        self.fails(b"opflow 1\nactivity a\rduration=1\n", 2, 11)
        self.fails(b"opflow 1\ractivity a\r", 1, 9)
        # a BOM anywhere but at the start is text (invalid as a key start)
        self.fails("opflow 1\n\ufeffactivity a\n", 2, 1)

    def test_empty_texts(self):
        for text in ("", b"", "opflow 1", "opflow 1\n", "\ufeff",
                     b"\xef\xbb\xbf", "\n\n", "# only a comment\n",
                     "  \t \n\t\n", "\r\n", bytearray(), memoryview(b"")):
            g = opflow.loads(text)
            self.assertEqual((len(g), len(g.flows), len(g.departments)),
                             (0, 0, 0), repr(text))

    def test_structure_errors(self):
        self.fails("activity a\n", 1, 1, "version")
        self.fails("opflow 2\n", 1, 8, "version 2")
        self.fails("opflow 1\nactivity a\nflow a b\n", 3, 8, "unknown activity b")
        self.fails("opflow 1\nactivity a\nactivity a\n", 3, 10, "already exists")
        self.fails("opflow 1\nactivity a\nactivity b\nflow a b\nflow b a\n"
                   "flow a b\n", 6, 6,
                   "the FS flow from a to b is declared twice")
        self.fails("opflow 1\nactivity a\nflow a a\n", 3, 8,
                   "a flow from a to itself is a self-loop")
        self.fails("opflow 1\ndepartment d\ndepartment d\n", 3, 12,
                   "department d is declared twice")
        # a cycle is no parse error: it loads, and analysing it fails
        g = opflow.loads("opflow 1\nactivity a\nactivity b\nflow a b\n"
                         "flow b a\n")
        with self.assertRaises(opflow.CycleError):
            g.analyze()

    def test_wrong_types(self):
        for bad in (None, 12, 1.5, ["opflow 1"], object()):
            with self.assertRaises(TypeError):
                opflow.loads(bad)
        for bad in (None, 12, 1.5, ["x"], object()):
            with self.assertRaises(TypeError):
                opflow.load(bad)
        g = opflow.Graph()
        for bad in (None, 12, object()):
            with self.assertRaises(TypeError):
                g.save(bad)


class PathsAndFiles(TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="opflow-test-")
        self.addCleanup(shutil.rmtree, self.dir)
        self.g = everything()

    def path(self, name):
        return os.path.join(self.dir, name)

    def test_save_and_load_paths(self):
        for name in ("plain.opflow", "tëst €.opflow"):
            p = self.path(name)
            self.g.save(p)
            with open(p, "rb") as f:
                self.assertEqual(f.read(), self.g.dumps().encode("utf-8"))
            self.assertTrue(opflow.load(p) == self.g)
            # as pathlib.Path and as bytes
            self.assertTrue(opflow.load(pathlib.Path(p)) == self.g)
            self.assertTrue(opflow.load(os.fsencode(p)) == self.g)
        p = pathlib.Path(self.path("pathlike.opflow"))
        self.g.save(p)
        self.assertTrue(opflow.load(str(p)) == self.g)
        self.g.save(os.fsencode(self.path("bytes.opflow")))
        self.assertTrue(opflow.load(self.path("bytes.opflow")) == self.g)

    def test_save_replaces(self):
        p = self.path("x.opflow")
        with open(p, "w") as f:
            f.write("x" * 100000)
        small = opflow.Graph()
        small.add_activity("only")
        small.save(p)
        with open(p, encoding="utf-8") as f:
            self.assertEqual(f.read(), small.dumps())

    def test_missing_path(self):
        p = self.path("missing.opflow")
        with self.assertRaises(opflow.IOError) as cm:
            opflow.load(p)
        e = cm.exception
        self.assertIsInstance(e, OSError)
        self.assertIsInstance(e, opflow.Error)
        self.assertEqual(e.code, opflow.OPFLOW_EIO)
        self.assertEqual(e.filename, p)
        self.assertIn(p, str(e))
        # caught as the built-in class too
        with self.assertRaises(OSError):
            opflow.load(pathlib.Path(p))
        # a directory opens but cannot be read
        with self.assertRaises(opflow.IOError):
            opflow.load(self.dir)
        # nowhere to save
        q = self.path(os.path.join("no-such-dir", "x.opflow"))
        with self.assertRaises(opflow.IOError) as cm:
            self.g.save(q)
        self.assertEqual(cm.exception.filename, q)
        self.assertIn(q, str(cm.exception))
        self.assertFalse(os.path.exists(q))

    def test_parse_error_from_a_path(self):
        p = self.path("bad.opflow")
        with open(p, "wb") as f:
            f.write(b"opflow 1\nactivity a\nactivity b kind=both\n")
        with self.assertRaises(opflow.ParseError) as cm:
            opflow.load(p)
        self.assertEqual((cm.exception.line, cm.exception.column), (3, 17))
        self.assertIn("unknown kind both", str(cm.exception))

    def test_nul_in_path(self):
        with self.assertRaises(opflow.InvalidArgumentError):
            opflow.load(self.path("a\0b"))
        with self.assertRaises(ValueError):
            self.g.save(self.path("a\0b").encode())

    def test_paths_the_file_system_cannot_encode(self):
        # A lone surrogate outside surrogateescape's range names no file:
        # InvalidArgumentError (a ValueError), as for a NUL.
        for name in ("\ud800", "x\udbff.opflow"):
            with self.assertRaises(opflow.InvalidArgumentError):
                opflow.load(self.path(name))
            with self.assertRaises(opflow.InvalidArgumentError):
                self.g.save(self.path(name))
        self.assertEqual(os.listdir(self.dir), [])
        if sys.getfilesystemencoding().lower() not in ("utf-8", "utf8"):
            return
        # surrogateescape's own surrogates stand for bytes, as in open()
        p = self.path("x\udcff.opflow")
        self.g.save(p)
        self.assertTrue(opflow.load(p) == self.g)
        self.assertEqual(os.listdir(os.fsencode(self.dir)), [b"x\xff.opflow"])

    def test_path_subclasses_are_read_as_str_and_bytes(self):
        class Elsewhere(str):
            def encode(self, *args, **kwargs):
                return b"/nonexistent/elsewhere.opflow"

        class ElsewhereBytes(bytes):
            def __bytes__(self):
                return b"/nonexistent/elsewhere.opflow"

        p = self.path("s.opflow")
        self.g.save(Elsewhere(p))
        self.assertTrue(opflow.load(Elsewhere(p)) == self.g)
        q = self.path("b.opflow")
        self.g.save(ElsewhereBytes(os.fsencode(q)))
        self.assertTrue(opflow.load(ElsewhereBytes(os.fsencode(q))) == self.g)
        self.assertEqual(sorted(os.listdir(self.dir)),
                         ["b.opflow", "s.opflow"])

    def test_file_objects(self):
        text = self.g.dumps()
        # binary and text, in memory
        self.assertTrue(opflow.load(io.BytesIO(text.encode())) == self.g)
        self.assertTrue(opflow.load(io.StringIO(text)) == self.g)
        out = io.BytesIO()
        self.g.save(out)
        self.assertEqual(out.getvalue(), text.encode("utf-8"))
        out = io.StringIO()
        self.g.save(out)
        self.assertEqual(out.getvalue(), text)
        # real files, both modes
        p = self.path("f.opflow")
        with open(p, "wb") as f:
            self.g.save(f)
        with open(p, "rb") as f:
            self.assertTrue(opflow.load(f) == self.g)
        with open(p, "w", encoding="utf-8") as f:
            self.g.save(f)
        with open(p, encoding="utf-8") as f:
            self.assertTrue(opflow.load(f) == self.g)
        # the file is read from where it stands
        with open(p, "wb") as f:
            f.write(b"garbage line\n")
            self.g.save(f)
        with open(p, "rb") as f:
            f.readline()
            self.assertTrue(opflow.load(f) == self.g)
        # errors from a file object are the parser's
        with self.assertRaises(opflow.ParseError) as cm:
            opflow.load(io.BytesIO(b"opflow 1\nactivity a\0\n"))
        self.assertEqual((cm.exception.line, cm.exception.column), (2, 11))
        # a reader returning neither str nor bytes
        class Odd:
            def read(self):
                return 42
        with self.assertRaises(TypeError):
            opflow.load(Odd())

    def test_closed_graph(self):
        g = everything()
        g.close()
        for call in (g.dumps, lambda: g.save(self.path("c.opflow")),
                     lambda: g.save(io.BytesIO()), g.to_dot, g.check):
            with self.assertRaises(opflow.MisuseError):
                call()
        self.assertFalse(os.path.exists(self.path("c.opflow")))

    def test_loaded_graphs_are_freed(self):
        import weakref
        refs = []
        for _ in range(50):
            g = opflow.loads(self.g.dumps())
            refs.append(weakref.ref(g))
        del g
        gc.collect()
        self.assertEqual([r() for r in refs], [None] * 50)


class GermanLocale(TestCase):
    """The library reads and writes numbers the same under every locale:
    a host that set a German locale (decimal comma) still gets 12.5."""

    def setUp(self):
        self.saved = locale.setlocale(locale.LC_ALL)
        try:
            locale.setlocale(locale.LC_ALL, "de_DE.UTF-8")
        except locale.Error:
            self.skipTest("the de_DE.UTF-8 locale is not installed "
                          "(locale -a); nothing to check under it")
        self.addCleanup(locale.setlocale, locale.LC_ALL, self.saved)
        # the C library's own formatting uses the comma now
        self.assertEqual(locale.localeconv()["decimal_point"], ",")
        self.assertEqual(locale.format_string("%.1f", 12.5), "12,5")

    def test_dumps_and_loads(self):
        g = opflow.Graph()
        g.add_activity("a", duration=12.5, estimate=(10.25, 12.5, 20.75))
        g.add_activity("b", duration=0.30000000000000004)
        g.add_flow("a", "b", lag=-1.5)
        text = g.dumps()
        self.assertIn("duration=12.5 ", text)
        self.assertIn("estimate=10.25/12.5/20.75", text)
        self.assertIn("duration=0.30000000000000004", text)
        self.assertIn("lag=-1.5", text)
        self.assertNotIn("12,5", text)
        back = opflow.loads("opflow 1\nactivity a duration=12.5\n"
                            "activity b estimate=1.25/2.5/3.75\n"
                            "flow a b lag=0.5\n")
        self.assertEqual(back["a"].duration, 12.5)
        self.assertEqual(back["b"].estimate, (1.25, 2.5, 3.75))
        self.assertEqual(back.flows[0].lag, 0.5)
        self.assertTrue(opflow.loads(text) == g)
        # a decimal comma is no number in the format, in any locale
        with self.assertRaises(opflow.ParseError) as cm:
            opflow.loads("opflow 1\nactivity a duration=12,5\n")
        self.assertEqual((cm.exception.line, cm.exception.column), (2, 23))

    def test_exports(self):
        g = opflow.Graph()
        g.add_activity("a", duration=12.5)
        res = g.analyze()
        csv_rows = res.to_csv().split("\r\n")
        self.assertEqual(csv_rows[1],
                         "a,,operation,other,,independent,12.5,0,12.5,0,"
                         "12.5,0,0,true")
        self.assertEqual(res.report()["timeframe"]["lead_time"], 12.5)
        self.assertIn("a\\n12.5", g.to_dot())


if __name__ == "__main__":
    unittest.main()
