"""Shared set-up of the Python tests: finds the opflow package in the
source tree (abs_top_srcdir, set by make check) and the library through
OPFLOW_LIBRARY, both exported by the test environment."""
import importlib.util
import os
import subprocess
import sys
import unittest

TOP_SRCDIR = os.environ.get("abs_top_srcdir") or os.path.normpath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
PACKAGE_DIR = os.path.join(TOP_SRCDIR, "bindings", "python")
if PACKAGE_DIR not in sys.path:
    sys.path.insert(0, PACKAGE_DIR)

import opflow  # noqa: E402  (after the path is set)


def run_where_importable(*modules):
    """Runs the calling test file again under another Python 3 when this
    one cannot import every module of modules and that one can: the
    interpreter named by OPFLOW_TEST_PYTHON, else Debian's /usr/bin/python3
    (whose python3-pandas, python3-dask... the tests of the optional
    bridges need, while the python3 first on PATH may be another one).
    Not under a sanitizer's preloaded runtime (the modules' own
    allocations are not the library's to check), nor twice; otherwise
    returns, and the tests needing a missing module skip themselves."""
    missing = [m for m in modules if not _importable(m)]
    if not missing or os.environ.get("OPFLOW_TEST_RERUN"):
        return
    if "asan" in os.environ.get("LD_PRELOAD", ""):
        return
    other = os.environ.get("OPFLOW_TEST_PYTHON") or "/usr/bin/python3"
    if not os.path.isfile(other) or os.path.realpath(other) == \
            os.path.realpath(sys.executable):
        return
    probe = "import sys\nassert sys.version_info >= (3, 8)\n" + "".join(
        "import %s\n" % m for m in modules)
    try:
        ok = subprocess.run([other, "-c", probe], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL,
                            timeout=120).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    if not ok:
        return
    script = os.path.abspath(sys.modules["__main__"].__file__)
    print("%s: %s cannot import %s; running under %s" % (
        os.path.basename(script), sys.executable, ", ".join(missing), other),
        flush=True)
    env = dict(os.environ, OPFLOW_TEST_RERUN="1")
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(other, [other, script] + sys.argv[1:], env)


def _importable(module):
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


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


__all__ = ["opflow", "TOP_SRCDIR", "PACKAGE_DIR", "child_env", "TestCase",
           "run_where_importable"]
