"""examples/value_chain.py runs and prints what its value chain gives by
hand."""
import os
import subprocess
import sys
import unittest

from support import TOP_SRCDIR, child_env

EXAMPLE = os.path.join(TOP_SRCDIR, "examples", "value_chain.py")


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


if __name__ == "__main__":
    unittest.main()
