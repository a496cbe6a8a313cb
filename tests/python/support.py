"""Shared set-up of the Python tests: finds the opflow package in the
source tree (abs_top_srcdir, set by make check) and the library through
OPFLOW_LIBRARY, both exported by the test environment."""
import os
import sys
import unittest

TOP_SRCDIR = os.environ.get("abs_top_srcdir") or os.path.normpath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
PACKAGE_DIR = os.path.join(TOP_SRCDIR, "bindings", "python")
if PACKAGE_DIR not in sys.path:
    sys.path.insert(0, PACKAGE_DIR)

import opflow  # noqa: E402  (after the path is set)


def child_env():
    """The environment for a child Python that must import the same
    package and library."""
    env = dict(os.environ)
    env["PYTHONPATH"] = PACKAGE_DIR + (
        os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


class TestCase(unittest.TestCase):
    """assertAlmostEqual with an absolute tolerance suited to times."""

    def assertClose(self, got, want, tol=1e-9, msg=None):
        if got is None or want is None:
            self.assertEqual(got, want, msg)
            return
        self.assertLessEqual(abs(got - want), tol,
                             msg or "%r != %r (tolerance %g)" % (got, want, tol))


__all__ = ["opflow", "TOP_SRCDIR", "PACKAGE_DIR", "child_env", "TestCase"]
