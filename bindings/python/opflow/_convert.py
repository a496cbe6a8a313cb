"""Checks and conversions of Python arguments, made before any C call.

ctypes converts silently where C would need a check: it truncates a string
at its first NUL, wraps an int that does not fit a C int, and reports a
wrong type as ``ctypes.ArgumentError`` (not a ``TypeError``).  So every
argument passes through here first: wrong types raise ``TypeError``, values
C cannot even receive raise the matching :mod:`opflow.errors` class, and
everything else goes on to the library, which validates it and names the
culprit.
"""
from __future__ import annotations

import array
import ctypes
import numbers
from typing import Any, Callable, Optional, Tuple

from . import errors
from ._capi import INT_MAX, INT_MIN, OPFLOW_NONE, c_id


def type_name(value: Any) -> str:
    return type(value).__name__


def c_str(value: Any, what: str) -> bytes:
    """A ``str`` as the bytes C reads.  Lone surrogates are passed through
    (``surrogatepass``) so that the library itself rejects them as invalid
    UTF-8 with its own message."""
    if not isinstance(value, str):
        raise TypeError("%s must be a str, not %s" % (what, type_name(value)))
    if "\0" in value:
        raise errors.InvalidArgumentError(
            "%s %r contains a NUL character" % (what, value))
    return value.encode("utf-8", "surrogatepass")


def c_str_or_none(value: Any, what: str) -> Optional[bytes]:
    return None if value is None else c_str(value, what)


def from_c_str(raw: Optional[bytes]) -> Optional[str]:
    return None if raw is None else raw.decode("utf-8")


def real(value: Any, what: str) -> float:
    """A real number (not a bool) as a C double."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError("%s must be a number, not %s"
                        % (what, type_name(value)))
    try:
        return float(value)
    except OverflowError:
        raise errors.RangeError("%s %r is too large for a double"
                                % (what, value)) from None


def real_or_none(value: Any, what: str) -> Optional[float]:
    return None if value is None else real(value, what)


def integer(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError("%s must be an int, not %s"
                        % (what, type_name(value)))
    return int(value)


def c_int(value: Any, what: str) -> int:
    """An int that fits a C int (ctypes would wrap it silently)."""
    v = integer(value, what)
    if not INT_MIN <= v <= INT_MAX:
        raise errors.RangeError("%s %d does not fit a C int" % (what, v))
    return v


def flag(value: Any, what: str) -> int:
    """A bool (or the ints 0 and 1, which the library checks) as a C int."""
    if isinstance(value, bool):
        return int(value)
    return c_int(value, what)


def activity_id(value: Any, what: str = "activity id") -> int:
    """An id C can receive; out-of-range ones are not found anyway."""
    v = integer(value, what)
    if not 0 <= v < OPFLOW_NONE:
        raise errors.NotFoundError("no activity with id %d" % v)
    return v


# ------------------------------------------------------------------ columns

_INT_FORMATS = ("i",) if ctypes.sizeof(ctypes.c_int) == 4 else ()
_INT_FORMATS += tuple(f for f in ("l",) if ctypes.sizeof(ctypes.c_long) == 4)
_U32_FORMATS = tuple(f for f, t in (("I", ctypes.c_uint), ("L", ctypes.c_ulong))
                     if ctypes.sizeof(t) == 4)
_DOUBLE_FORMATS = ("d",)


def _native(fmt: str) -> str:
    return fmt[1:] if fmt[:1] in ("@", "=") else fmt


def _from_buffer(obj: Any, ctype: Any, formats: Tuple[str, ...],
                 typecode: str, what: str) -> Optional[Tuple[Any, int]]:
    """A ctypes array over obj's memory when obj is a one-dimensional,
    contiguous buffer of the right native type (no copy when it is
    writable); a converted copy for other buffers; None when obj is not a
    buffer."""
    if isinstance(obj, (str, bytes, bytearray)):
        return None
    try:
        mv = memoryview(obj)
    except TypeError:
        return None
    if mv.ndim != 1:
        raise TypeError("%s must be one-dimensional" % what)
    n = len(mv)
    if (_native(mv.format) in formats and mv.c_contiguous
            and mv.itemsize == ctypes.sizeof(ctype)):
        if n == 0:
            return (ctype * 0)(), 0
        if mv.readonly:
            return (ctype * n).from_buffer_copy(mv), n
        return (ctype * n).from_buffer(mv), n
    # another element type: convert (element by element, in C)
    try:
        arr = array.array(typecode, mv.tolist())
    except (TypeError, NotImplementedError) as e:
        raise TypeError("%s: cannot read a buffer of format %r (%s)"
                        % (what, mv.format, e)) from None
    return _array_to_c(arr, ctype), n


def _array_to_c(arr: "array.array", ctype: Any) -> Any:
    n = len(arr)
    if n == 0:
        return (ctype * 0)()
    return (ctype * n).from_buffer(arr)


def _check_len(got: int, n: int, what: str, against: str) -> None:
    if got != n:
        raise errors.InvalidArgumentError(
            "%s has %d items but %s has %d" % (what, got, against, n))


def int_column(values: Any, n: int, what: str, against: str,
               by_name: Callable[[Any], int]) -> Any:
    """A column of C ints for a bulk call, or None for NULL.

    values is None, a single name (the same for every row), a buffer of C
    ints, or a sequence of names or ints.  by_name maps one element that
    is not an int to its value (raising for an unknown name)."""
    if values is None:
        return None
    if isinstance(values, str):
        one = by_name(values)
        return _array_to_c(array.array("i", [one]) * n, ctypes.c_int)
    got = _from_buffer(values, ctypes.c_int, _INT_FORMATS, "i", what)
    if got is not None:
        _check_len(got[1], n, what, against)
        return got[0]
    if not isinstance(values, (list, tuple)):
        try:
            values = list(values)
        except TypeError:
            raise TypeError("%s must be a sequence, not %s"
                            % (what, type_name(values))) from None
    _check_len(len(values), n, what, against)
    try:
        arr = array.array("i", values)
    except TypeError:
        # names (or a mix of names and ints)
        arr = array.array("i", [v if type(v) is int else by_name(v)
                                for v in values])
    except OverflowError:
        raise errors.InvalidArgumentError(
            "%s holds a value that is not a valid C int" % what) from None
    return _array_to_c(arr, ctypes.c_int)


def double_column(values: Any, n: int, what: str, against: str) -> Any:
    """A column of C doubles (None, a single number, a buffer of doubles
    or a sequence of numbers)."""
    if values is None:
        return None
    if isinstance(values, numbers.Real) and not isinstance(values, bool):
        return _array_to_c(array.array("d", [real(values, what)]) * n,
                           ctypes.c_double)
    got = _from_buffer(values, ctypes.c_double, _DOUBLE_FORMATS, "d", what)
    if got is not None:
        _check_len(got[1], n, what, against)
        return got[0]
    if not isinstance(values, (list, tuple)):
        try:
            values = list(values)
        except TypeError:
            raise TypeError("%s must be a sequence of numbers, not %s"
                            % (what, type_name(values))) from None
    _check_len(len(values), n, what, against)
    try:
        arr = array.array("d", values)
    except TypeError:
        # name the first culprit the way real() does
        for v in values:
            real(v, what + " item")
        raise
    except OverflowError:
        raise errors.RangeError("%s holds a number too large for a double"
                                % what) from None
    return _array_to_c(arr, ctypes.c_double)


def id_column(values: Any, what: str,
              by_key: Callable[[Any], int]) -> Tuple[Any, int]:
    """A column of activity ids and its length: a buffer of uint32, or a
    sequence of ints (ids) and/or strs (keys, looked up with by_key)."""
    got = _from_buffer(values, c_id, _U32_FORMATS, "I", what)
    if got is not None:
        return got
    if isinstance(values, (str, bytes, bytearray)):
        raise TypeError("%s must be a sequence of keys or ids, not %s"
                        % (what, type_name(values)))
    if not isinstance(values, (list, tuple)):
        try:
            values = list(values)
        except TypeError:
            raise TypeError("%s must be a sequence of keys or ids, not %s"
                            % (what, type_name(values))) from None
    try:
        arr = array.array("I", values)
    except TypeError:
        arr = array.array("I", [activity_id(v, what + " item")
                                if type(v) is int else by_key(v)
                                for v in values])
    except OverflowError:
        for v in values:
            activity_id(v, what + " item")
        raise
    return _array_to_c(arr, c_id), len(arr)
