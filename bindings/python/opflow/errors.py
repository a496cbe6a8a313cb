"""The exceptions of the opflow bindings.

Every failing call of libopflow returns a negative ``OPFLOW_E*`` code and
leaves a message naming the culprit in the calling thread's error details.
The bindings turn that into one exception class per code; each class also
derives from the built-in exception a Python programmer would expect:

=====================  ===================  ====  ==============================
class                  C code               code  also a
=====================  ===================  ====  ==============================
OutOfMemoryError       OPFLOW_ENOMEM          -1  MemoryError
InvalidArgumentError   OPFLOW_EINVAL          -2  ValueError
NotFoundError          OPFLOW_ENOTFOUND       -3  KeyError (so a LookupError)
DuplicateError         OPFLOW_EEXISTS         -4  ValueError
CycleError             OPFLOW_ECYCLE          -5  ValueError (``.cycle``, ``.cycle_ids``)
ParseError             OPFLOW_EPARSE          -6  ValueError (``.file``, ``.line``, ``.column``)
IOError                OPFLOW_EIO             -7  OSError
RangeError             OPFLOW_ERANGE          -8  ValueError
MisuseError            OPFLOW_EMISUSE         -9  --
CancelledError         OPFLOW_ECANCELED      -10  --
=====================  ===================  ====  ==============================

All derive from :class:`Error`.  ``opflow.IOError`` is deliberately left out
of ``opflow.__all__`` so that ``from opflow import *`` never shadows the
built-in ``IOError``; spell it ``opflow.IOError``.

The bindings raise the same classes for mistakes they catch before calling
the library (a key holding a NUL character, an object used after
``close()``); those carry the same codes.

Messages are the library's, without the name of the C function that it
puts in front of some (``"opflow_graph_add_flow: "``): they speak of the
arguments of the Python call.
"""
from __future__ import annotations

import builtins
import os
from typing import Any, Dict, List, Optional, Type

__all__ = [
    "Error",
    "OutOfMemoryError",
    "InvalidArgumentError",
    "NotFoundError",
    "DuplicateError",
    "CycleError",
    "ParseError",
    "RangeError",
    "MisuseError",
    "CancelledError",
    "LibraryNotFoundError",
    "LibraryVersionError",
    "OPFLOW_OK",
    "OPFLOW_ENOMEM",
    "OPFLOW_EINVAL",
    "OPFLOW_ENOTFOUND",
    "OPFLOW_EEXISTS",
    "OPFLOW_ECYCLE",
    "OPFLOW_EPARSE",
    "OPFLOW_EIO",
    "OPFLOW_ERANGE",
    "OPFLOW_EMISUSE",
    "OPFLOW_ECANCELED",
]

# The numbers are fixed forever by include/opflow.h.
OPFLOW_OK = 0
OPFLOW_ENOMEM = -1
OPFLOW_EINVAL = -2
OPFLOW_ENOTFOUND = -3
OPFLOW_EEXISTS = -4
OPFLOW_ECYCLE = -5
OPFLOW_EPARSE = -6
OPFLOW_EIO = -7
OPFLOW_ERANGE = -8
OPFLOW_EMISUSE = -9
OPFLOW_ECANCELED = -10


class Error(Exception):
    """Base class of every error libopflow reports.

    ``code`` is the library's negative ``OPFLOW_E*`` number and ``message``
    the text the library left in the calling thread's error details (or the
    text of a check the bindings made before calling it).
    """

    code: Optional[int] = None
    message: str

    def __init__(self, message: str = "", code: Optional[int] = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message


class OutOfMemoryError(Error, MemoryError):
    """``OPFLOW_ENOMEM``: the library could not allocate memory; nothing
    was changed."""

    code = OPFLOW_ENOMEM


class InvalidArgumentError(Error, ValueError):
    """``OPFLOW_EINVAL``: an argument is invalid (an empty key, invalid
    UTF-8, a NaN or negative duration, an unknown name, a self-loop...)."""

    code = OPFLOW_EINVAL


class NotFoundError(Error, KeyError):
    """``OPFLOW_ENOTFOUND``: no such activity, flow or department."""

    code = OPFLOW_ENOTFOUND


class DuplicateError(Error, ValueError):
    """``OPFLOW_EEXISTS``: the key, or a flow of the same source, target
    and type, already exists (also a ``ValueError``)."""

    code = OPFLOW_EEXISTS


class CycleError(Error, ValueError):
    """``OPFLOW_ECYCLE``: the graph has a directed cycle (also a
    ``ValueError``).

    ``cycle`` lists the keys of the activities on one cycle, in flow order,
    starting at the one with the smallest id; ``cycle_ids`` their ids at the
    time of the failing call.
    """

    code = OPFLOW_ECYCLE

    def __init__(self, message: str = "", code: Optional[int] = None,
                 cycle: Optional[List[str]] = None,
                 cycle_ids: Optional[List[int]] = None) -> None:
        super().__init__(message, code)
        self.cycle: List[str] = list(cycle or [])
        self.cycle_ids: List[int] = list(cycle_ids or [])


class ParseError(Error, ValueError):
    """``OPFLOW_EPARSE``: malformed input text (also a ``ValueError``).

    ``file`` is the path or name of the file read (``None`` for text given
    to :func:`opflow.loads`), ``line`` and ``column`` (1-based, columns in
    bytes of the UTF-8 text) say where, 0 when unknown; ``reason`` is the
    library's message alone.  The message (``str(e)``, ``e.message``)
    names all three: ``"plant.opflow:3:17: unknown kind both"``, or
    ``"line 3, column 17: unknown kind both"`` for a string.
    """

    code = OPFLOW_EPARSE

    def __init__(self, message: str = "", code: Optional[int] = None,
                 line: int = 0, column: int = 0, file: Any = None) -> None:
        super().__init__(message, code)
        self.reason = message
        self.line = line
        self.column = column
        self.file = file
        self._locate()

    def _locate(self) -> None:
        """Puts the file, line and column in front of the reason."""
        where = ""
        file = self.file
        if file is not None:
            name = os.fsdecode(file) if isinstance(file, bytes) else str(file)
            if self.line:
                where = "%s:%d:%d: " % (name, self.line, self.column)
            else:
                where = "%s: " % name
        elif self.line:
            where = "line %d, column %d: " % (self.line, self.column)
        self.message = where + self.reason
        self.args = (self.message,)

    def _in_file(self, file: Any) -> None:
        """Names the file the text came from (for :func:`opflow.load`)."""
        self.file = file
        self._locate()


class IOError(Error, builtins.OSError):  # noqa: A001 - opflow.IOError
    """``OPFLOW_EIO``: reading or writing failed."""

    code = OPFLOW_EIO


class RangeError(Error, ValueError):
    """``OPFLOW_ERANGE``: out of range (an overlong key, a size that would
    overflow, a computed time that is not finite)."""

    code = OPFLOW_ERANGE


class MisuseError(Error):
    """``OPFLOW_EMISUSE``: the call is not allowed in the current state;
    the bindings also raise it for an object used after ``close()``."""

    code = OPFLOW_EMISUSE


class _UndatedError(MisuseError, TypeError):
    """A date or datetime given for a time (a deadline, a status date, a
    tracking field) of a graph that is not dated: only a number will do
    there.  A ``TypeError`` (the argument's type is wrong for this graph),
    and a :class:`MisuseError` as it was before (the call needs a dated
    graph)."""


class CancelledError(Error):
    """``OPFLOW_ECANCELED``: a progress callback asked to stop (a
    :meth:`opflow.Graph.simulate` whose ``progress`` callback returned a
    true value); nothing was made."""

    code = OPFLOW_ECANCELED


class LibraryNotFoundError(ImportError):
    """libopflow could not be loaded; ``tried`` lists every place tried
    and why it failed, as ``(place, reason)`` pairs."""

    def __init__(self, message: str, tried: List[tuple]) -> None:
        super().__init__(message)
        self.tried = list(tried)


class LibraryVersionError(ImportError):
    """The library that was loaded is not one these bindings were written
    for (another major version, or a symbol is missing)."""


ERROR_CLASSES: Dict[int, Type[Error]] = {
    OPFLOW_ENOMEM: OutOfMemoryError,
    OPFLOW_EINVAL: InvalidArgumentError,
    OPFLOW_ENOTFOUND: NotFoundError,
    OPFLOW_EEXISTS: DuplicateError,
    OPFLOW_ECYCLE: CycleError,
    OPFLOW_EPARSE: ParseError,
    OPFLOW_EIO: IOError,
    OPFLOW_ERANGE: RangeError,
    OPFLOW_EMISUSE: MisuseError,
    OPFLOW_ECANCELED: CancelledError,
}


def error_class(code: int) -> Type[Error]:
    """The exception class for a library code (:class:`Error` for a code
    these bindings do not know yet)."""
    return ERROR_CLASSES.get(code, Error)
