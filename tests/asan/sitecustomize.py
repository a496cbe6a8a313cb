"""Imported at the start of every interpreter run by tests/python-asan
(this directory leads PYTHONPATH): when the AddressSanitizer runtime is
loaded, checks for leaks once the program and its atexit functions are
done, before the interpreter shuts down.

LeakSanitizer would otherwise check at the process's very end, after the
shutdown has freed the Python objects still alive without running their
finalizers: the C graphs and analyses they held (the bindings keep them
at exit on purpose, for code that runs late in the shutdown) would be
reported as leaked.  Checked here, a block of the library is a leak only
when nothing refers to it any more.  The check ends the process with
ASan's exit code when it finds one, and the end-of-process check is not
run again.

Then runs the sitecustomize module that this one hides, if any."""
import atexit
import ctypes
import os
import sys


def _install():
    try:
        # PyDLL: the check runs holding the interpreter lock, so that no
        # other Python thread runs while it looks.
        check = ctypes.PyDLL(None).__lsan_do_leak_check
    except (AttributeError, OSError):
        return  # no ASan runtime in this process: nothing to do
    check.restype = None
    check.argtypes = []
    # atexit runs its functions last registered first: this one, from
    # the interpreter's start, runs after all the program's.
    atexit.register(check)


def _chain():
    import importlib.machinery
    import importlib.util

    here = os.path.dirname(os.path.abspath(__file__))
    path = [p for p in sys.path
            if os.path.abspath(p or os.curdir) != here]
    spec = importlib.machinery.PathFinder.find_spec(__name__, path)
    if spec is not None and spec.loader is not None:
        spec.loader.exec_module(importlib.util.module_from_spec(spec))


_install()
_chain()
