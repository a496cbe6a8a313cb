"""The Python examples run: examples/value_chain.py prints what its value
chain gives by hand; examples/report_file.py reports on bicycle.opflow and
writes its schedule as CSV."""
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from support import TOP_SRCDIR, child_env

EXAMPLE = os.path.join(TOP_SRCDIR, "examples", "value_chain.py")
REPORT = os.path.join(TOP_SRCDIR, "examples", "report_file.py")


class TestExample(unittest.TestCase):
    def test_runs(self):
        out = subprocess.run([sys.executable, EXAMPLE], env=child_env(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             universal_newlines=True, timeout=120)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stderr, "")
        text = out.stdout
        # research 0-10, design 10-25, buy-tubes SS+5 15-20, weld 25-31,
        # paint FS+1 32-35, assemble 35-39, inspect FF+1 39-40, pack 40-41,
        # ship 41-44, support SS+1 42-47
        self.assertIn("lead time         47 d", text)
        self.assertIn("research -> design -> weld -> paint -> assemble -> "
                      "inspect -> pack -> ship -> support", text)
        self.assertIn("activities        12 (production 7, operation 5)", text)
        self.assertIn("handoffs          13 (within production 6, across the "
                      "boundary 3, within operation 4)", text)
        self.assertIn("Scope", text)
        self.assertIn("Timeframe", text)
        self.assertIn("PERT:", text)



def run(*args, cwd=None):
    return subprocess.run([sys.executable] + list(args), env=child_env(),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=120, cwd=cwd)


class TestReportFile(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="opflow-example-")
        self.addCleanup(shutil.rmtree, self.dir)

    def check_report(self, text):
        for heading in ("Scope", "Timeframe", "Critical path", "Checks:"):
            self.assertIn(heading, text)
        self.assertIn("deadline 130 d", text)
        # bicycle.opflow: 48 activities, 62 flows, 12 departments
        self.assertIn("Value chain: 48 activities, 62 flows, 12 departments",
                      text)
        # it starts with market research and ends with the feedback survey
        path = text.split("Critical path\n", 1)[1].splitlines()[0]
        self.assertTrue(path.strip().startswith("market-survey -> "), path)
        self.assertTrue(path.strip().endswith(" -> feedback-survey"), path)
        # warnings of the checks, each on its own line
        self.assertIn("warning: negative-lag: ", text)
        self.assertIn("warning: start-to-finish: ", text)

    def check_schedule(self, text):
        rows = list(csv.reader(io.StringIO(text, newline="")))
        self.assertEqual(rows[0][:3], ["key", "label", "kind"])
        self.assertEqual(len(rows), 1 + 48)
        self.assertEqual(rows[1][0], "market-survey")
        for row in rows[1:]:
            duration, es, ef, ls, lf, tf = (float(x) for x in row[6:12])
            self.assertEqual(ef, es + duration, row[0])
            self.assertEqual(lf, ls + duration, row[0])
            self.assertEqual(tf, ls - es, row[0])
            self.assertLessEqual(lf, 130, row[0])    # the deadline

    def test_csv_to_a_file(self):
        target = os.path.join(self.dir, "schedule.csv")
        # from another directory: the input is found next to the script
        out = run(REPORT, target, cwd=self.dir)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stderr, "")
        self.check_report(out.stdout)
        self.assertIn("Schedule written to " + target, out.stdout)
        self.assertNotIn("key,label,kind", out.stdout)
        with open(target, newline="", encoding="utf-8") as f:
            text = f.read()
        self.assertIn("\r\n", text)       # CRLF kept
        self.check_schedule(text)

    def test_csv_to_stdout(self):
        out = run(REPORT, cwd=self.dir)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stderr, "")
        report, schedule = out.stdout.split("\nSchedule (CSV)\n")
        self.check_report(report)
        self.check_schedule(schedule)

    def test_bad_input(self):
        bad = os.path.join(self.dir, "bad.opflow")
        with open(bad, "w") as f:
            f.write("opflow 1\nactivity a duration=x\n")
        out = run(REPORT, "--input", bad)
        self.assertEqual(out.returncode, 1)
        self.assertIn(bad + ":2:21: ", out.stderr)
        out = run(REPORT, "--input", os.path.join(self.dir, "missing"))
        self.assertEqual(out.returncode, 1)
        self.assertIn("missing", out.stderr)


if __name__ == "__main__":
    unittest.main()
