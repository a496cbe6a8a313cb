"""Finding and loading libopflow.

The places tried, in order:

1. the file named by the environment variable ``OPFLOW_LIBRARY``;
2. the in-tree build next to these sources,
   ``<package dir>/../../../lib/.libs/libopflow.so.1`` (a source checkout
   after ``make``);
3. whatever ``ctypes.util.find_library("opflow")`` finds (the installed
   library, through the dynamic linker's cache);
4. the SONAME itself, ``libopflow.so.1``, left to the dynamic linker's
   search path (``LD_LIBRARY_PATH``, ``/etc/ld.so.conf``...).

The first that loads wins.  When none does, one
:class:`opflow.LibraryNotFoundError` lists every place tried and why it
failed.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from typing import List, Tuple

from .errors import LibraryNotFoundError

ENV_VAR = "OPFLOW_LIBRARY"

#: The library's file name in the tree and its SONAME.
if sys.platform == "darwin":  # best effort: libtool's naming there
    SONAME = "libopflow.1.dylib"
elif sys.platform in ("win32", "cygwin"):
    SONAME = "libopflow-1.dll"
else:
    SONAME = "libopflow.so.1"


def in_tree_path() -> str:
    """Where a build in the source tree leaves the shared library."""
    package_dir = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(package_dir, os.pardir, os.pardir,
                                         os.pardir, "lib", ".libs", SONAME))


def _try(path: str, tried: List[Tuple[str, str]]):
    try:
        return ctypes.CDLL(path)
    except OSError as e:
        tried.append((path, str(e) or type(e).__name__))
        return None


def load_library() -> Tuple[ctypes.CDLL, str]:
    """Loads libopflow; returns the library and the name it was loaded by.

    Raises :class:`opflow.LibraryNotFoundError` (an ``ImportError``) when
    no candidate loads.
    """
    tried: List[Tuple[str, str]] = []

    env = os.environ.get(ENV_VAR)
    if env:
        lib = _try(env, tried)
        if lib is not None:
            return lib, env
        tried[-1] = ("%s=%s" % (ENV_VAR, env), tried[-1][1])
    else:
        tried.append((ENV_VAR, "not set"))

    path = in_tree_path()
    if os.path.exists(path):
        lib = _try(path, tried)
        if lib is not None:
            return lib, path
    else:
        tried.append((path, "no such file (no build in the source tree)"))

    try:
        found = ctypes.util.find_library("opflow")
    except Exception as e:  # find_library runs tools that may be missing
        found = None
        tried.append(('ctypes.util.find_library("opflow")', str(e)))
    else:
        if found is None:
            tried.append(('ctypes.util.find_library("opflow")',
                          "found nothing"))
    if found:
        lib = _try(found, tried)
        if lib is not None:
            return lib, found

    lib = _try(SONAME, tried)
    if lib is not None:
        return lib, SONAME

    lines = ["libopflow could not be loaded; tried, in order:"]
    lines.extend("  %s: %s" % (place, why) for place, why in tried)
    lines.append("Set %s to the library's path (for instance "
                 "lib/.libs/libopflow.so.1 of a build tree), or install "
                 "libopflow." % ENV_VAR)
    raise LibraryNotFoundError("\n".join(lines), tried)
