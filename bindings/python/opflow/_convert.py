"""Checks and conversions of Python arguments, made before any C call.

ctypes converts silently where C would need a check: it truncates a string
at its first NUL, wraps an int that does not fit a C int, and reports a
wrong type as ``ctypes.ArgumentError`` (not a ``TypeError``).  So every
argument passes through here first: wrong types raise ``TypeError``, values
C cannot even receive raise the matching :mod:`opflow.errors` class, and
everything else goes on to the library, which validates it and names the
culprit.

The results are plain values (``bytes``, ``int``, ``float``, ctypes
arrays) that run no user code when C receives them: a ``str`` subclass is
read through the methods of ``str`` itself, numbers through ``float()``
and ``operator.index()`` once, here.  The methods that change a graph
convert everything before they take its lock.
"""
from __future__ import annotations

import array
import ctypes
import numbers
import operator
import struct
import sys
from collections.abc import Sequence
from typing import Any, Callable, Dict, List, Optional, Tuple

from . import errors
from ._capi import INT_MAX, INT_MIN, OPFLOW_NONE, c_id


def type_name(value: Any) -> str:
    return type(value).__name__


def plain_str(value: str) -> str:
    """A ``str`` (maybe of a subclass) as an exact ``str``, read without
    calling any method the subclass overrides."""
    return value if type(value) is str else str.__str__(value)


def c_str(value: Any, what: str) -> bytes:
    """A ``str`` as the bytes C reads.  Lone surrogates are passed through
    (``surrogatepass``) so that the library itself rejects them as invalid
    UTF-8 with its own message.  A subclass of ``str`` is read as the
    ``str`` it holds: its own ``encode`` or ``__contains__`` never run."""
    if not isinstance(value, str):
        raise TypeError("%s must be a str, not %s" % (what, type_name(value)))
    value = plain_str(value)
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
    """An integer of any integral type (``int``, its subclasses, NumPy's),
    but not a bool, as an ``int`` (``operator.index``)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError("%s must be an int, not %s"
                        % (what, type_name(value)))
    return operator.index(value)


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


def estimate(value: Any) -> Tuple[float, float, float]:
    """``(optimistic, most_likely, pessimistic)``: a tuple or list (or
    another sequence) of three numbers."""
    if (not isinstance(value, (tuple, list, Sequence))
            or isinstance(value, (str, bytes, bytearray))):
        raise TypeError("an estimate is None or a sequence (optimistic, "
                        "most_likely, pessimistic), not %s"
                        % type_name(value))
    items = tuple(value)
    if len(items) != 3:
        raise TypeError("an estimate has three numbers (optimistic, "
                        "most_likely, pessimistic), not %d" % len(items))
    o, m, p = items
    return (real(o, "optimistic estimate"), real(m, "most likely estimate"),
            real(p, "pessimistic estimate"))


# ------------------------------------------------------------------ columns
#
# A column is None (C gets NULL), a single value for every row, a
# sequence, or a buffer.  A one-dimensional, contiguous buffer of the C
# type in native byte order is read in place; any other buffer of numbers
# is read element by element (in C: memoryview.tolist() or struct) and
# checked as a sequence would be.  Everything ends as a ctypes array made
# before the graph is locked.

_NATIVE_ORDERS = ("", "@", "=", "<" if sys.byteorder == "little" else ">")
_SIGNED, _UNSIGNED, _FLOAT = "bhilqn", "BHILQN", "d"


def _format(fmt: str) -> Tuple[str, str]:
    """A buffer format split into its byte order and the rest."""
    if fmt[:1] in ("@", "=", "<", ">", "!"):
        return fmt[:1], fmt[1:]
    return "", fmt


def _memoryview(obj: Any, what: str) -> Optional[memoryview]:
    """A one-dimensional memoryview of obj, or None when obj is not a
    buffer (``str``, ``bytes`` and ``bytearray`` do not count: they are
    text, not numbers)."""
    if isinstance(obj, (str, bytes, bytearray)):
        return None
    try:
        mv = memoryview(obj)
    except TypeError:
        return None
    except (ValueError, BufferError, NotImplementedError) as e:
        raise TypeError("%s: cannot read this buffer (%s)" % (what, e)) \
            from None
    if mv.ndim != 1:
        raise TypeError("%s must be one-dimensional" % what)
    return mv


def _in_place(mv: memoryview, ctype: Any, letters: str) -> Optional[Any]:
    """A ctypes array over (or, read-only, a copy of) the buffer when it
    holds the C type in native byte order, contiguously; else None."""
    order, letter = _format(mv.format)
    if (order not in _NATIVE_ORDERS or len(letter) != 1
            or letter not in letters or not mv.c_contiguous
            or mv.itemsize != ctypes.sizeof(ctype)):
        return None
    n = len(mv)
    if n == 0:
        return (ctype * 0)()
    if mv.readonly:
        return (ctype * n).from_buffer_copy(mv)
    return (ctype * n).from_buffer(mv)


def _buffer_values(mv: memoryview, what: str) -> List[Any]:
    """The elements of any buffer of single numbers, as Python values."""
    fmt = mv.format
    try:
        return mv.tolist()
    except NotImplementedError:
        pass  # a format memoryview cannot read (other byte order, 'e'...)
    try:
        unpack = struct.Struct(fmt)
        if unpack.size != mv.itemsize or len(unpack.unpack(
                bytes(unpack.size))) != 1:
            raise struct.error("not one number per element")
        return [v for (v,) in unpack.iter_unpack(mv.tobytes())]
    except struct.error as e:
        raise TypeError("%s: cannot read a buffer of format %r (%s)"
                        % (what, fmt, e)) from None


def _as_list(values: Any, what: str, kind: str) -> List[Any]:
    if isinstance(values, list):
        return values
    if isinstance(values, (str, bytes, bytearray)):
        raise TypeError("%s must be %s, not %s"
                        % (what, kind, type_name(values)))
    try:
        return list(values)
    except TypeError:
        raise TypeError("%s must be %s, not %s"
                        % (what, kind, type_name(values))) from None


def _array_to_c(arr: "array.array", ctype: Any) -> Any:
    n = len(arr)
    if n == 0:
        return (ctype * 0)()
    return (ctype * n).from_buffer(arr)


def _rows(values: Any, what: str, ctype: Any, letters: str,
          kind: str) -> Tuple[Optional[Any], List[Any]]:
    """A column's rows: a buffer of the C type read in place (first), or
    else a list of its values, from a buffer of another type or any
    sequence."""
    mv = _memoryview(values, what)
    if mv is not None:
        got = _in_place(mv, ctype, letters)
        if got is not None:
            return got, []
        values = _buffer_values(mv, what)
    return None, _as_list(values, what, kind)


def _check_len(got: int, n: int, what: str, against: str) -> None:
    if got != n:
        raise errors.InvalidArgumentError(
            "%s has %d items but %s has %d" % (what, got, against, n))


def _column_int(value: Any, what: str) -> int:
    """One C int of a column (a bool is not one)."""
    v = integer(value, what)
    if not INT_MIN <= v <= INT_MAX:
        raise errors.InvalidArgumentError(
            "%s %d is not a valid C int" % (what, v))
    return v


def int_column(values: Any, n: int, what: str, against: str,
               by_name: Callable[[Any], int]) -> Any:
    """A column of C ints for a bulk call, or None for NULL.

    values is None, a single value (a name, or an int), a buffer of
    integers, or a sequence of names and ints.  by_name maps one element
    that is not an int to its value (raising for an unknown name)."""
    if values is None:
        return None
    if isinstance(values, str):
        one = by_name(values)
        return _array_to_c(array.array("i", [one]) * n, ctypes.c_int)
    if isinstance(values, bool):
        raise TypeError("%s must be names or ints, not bool" % what)
    if isinstance(values, numbers.Integral):
        one = _column_int(values, what)
        return _array_to_c(array.array("i", [one]) * n, ctypes.c_int)
    got, values = _rows(values, what, ctypes.c_int, _SIGNED,
                        "a name, an int or a sequence of them")
    if got is not None:
        _check_len(len(got), n, what, against)
        return got
    _check_len(len(values), n, what, against)
    item = what + " item"
    if set(map(type, values)) <= {int}:
        try:
            arr = array.array("i", values)
        except OverflowError:
            for v in values:
                _column_int(v, item)
            raise
    else:
        arr = array.array("i", [
            by_name(v) if v is None or isinstance(v, str)
            else _column_int(v, item) for v in values])
    return _array_to_c(arr, ctypes.c_int)


def double_column(values: Any, n: int, what: str, against: str) -> Any:
    """A column of C doubles (None, a single number, a buffer of numbers
    or a sequence of numbers)."""
    if values is None:
        return None
    if isinstance(values, bool):
        raise TypeError("%s must be numbers, not bool" % what)
    if isinstance(values, numbers.Real):
        return _array_to_c(array.array("d", [real(values, what)]) * n,
                           ctypes.c_double)
    got, values = _rows(values, what, ctypes.c_double, _FLOAT,
                        "a number or a sequence of numbers")
    if got is not None:
        _check_len(len(got), n, what, against)
        return got
    _check_len(len(values), n, what, against)
    item = what + " item"
    if set(map(type, values)) <= {float, int}:
        try:
            arr = array.array("d", values)
        except OverflowError:
            raise errors.RangeError("%s holds a number too large for a "
                                    "double" % what) from None
    else:
        arr = array.array("d", [real(v, item) for v in values])
    return _array_to_c(arr, ctypes.c_double)


class IdColumn:
    """A column of activity ids made before the graph is locked: ``ids``
    is the ctypes array C reads; the rows given by key are filled in under
    the lock, by :meth:`resolve`, since ids move when the graph changes.
    A column of keys alone (``str`` without NUL) keeps them as ``block``,
    NUL-terminated back to back, looked up in one C call."""

    __slots__ = ("ids", "length", "_store", "_keyed", "_block")

    def __init__(self, ids: Any, length: int, store: Any = None,
                 keyed: Optional[List[Tuple[int, bytes]]] = None,
                 block: Optional[bytes] = None) -> None:
        self.ids = ids
        self.length = length
        self._store = store
        self._keyed = keyed
        self._block = block

    def resolve(self, find: Callable[[bytes], int],
                find_many: Callable[[bytes, int], "array.array[int]"]) \
            -> None:
        """Looks up the keys (find takes a key's bytes), each once.  A
        column of keys alone goes to find_many(block, count) at once,
        which returns their ids as an ``array.array("I")`` or raises for
        the first key that fails; other keys are looked up one by one, in
        order, so the first unknown one raises."""
        if self._block is not None:
            arr = find_many(self._block, self.length)
            self._store = arr
            self.ids = _array_to_c(arr, c_id)
            return
        if not self._keyed:
            return
        store = self._store
        cache: Dict[bytes, int] = {}
        for row, key in self._keyed:
            i = cache.get(key)
            if i is None:
                i = cache[key] = find(key)
            store[row] = i


def key_block(joined: str) -> bytes:
    """Keys joined by NUL as the block of NUL-terminated keys C reads
    (``opflow_graph_add_activities``, ``opflow_graph_find_activities``),
    passed with a size one more than its length: the NUL that ends the
    last key is the one past the end of every bytes object (the C API's
    ``PyBytes_AsString`` guarantees it, and ctypes passes that buffer for
    ``c_char_p``), so no copy of the whole block is made to add it."""
    return joined.encode("utf-8", "surrogatepass")


def id_column(values: Any, what: str,
              key_bytes: Callable[[Any], bytes]) -> IdColumn:
    """A column of activity ids: a buffer of integers, or a sequence of
    ids (ints) and keys (``str`` or views, made bytes by key_bytes, which
    raises TypeError for anything else)."""
    got, values = _rows(values, what, c_id, _UNSIGNED,
                        "a sequence of keys or ids")
    if got is not None:
        return IdColumn(got, len(got))
    item = what + " item"
    if values and isinstance(values[0], str):
        # keys alone: one block, made by C loops (str.join refuses any item
        # that is not a str, a NUL inside a key shows in the count)
        try:
            joined = "\0".join(values)
        except TypeError:
            joined = None
        if joined is not None and joined.count("\0") == len(values) - 1:
            return IdColumn(None, len(values), None, None,
                            key_block(joined))
    kinds = set(map(type, values))
    if kinds <= {int}:
        try:
            arr = array.array("I", values)
        except OverflowError:
            for v in values:
                activity_id(v, item)
            raise
        return IdColumn(_array_to_c(arr, c_id), len(arr))
    ids = []
    keyed = []
    for row, v in enumerate(values):
        if isinstance(v, numbers.Integral) and not isinstance(v, bool):
            ids.append(activity_id(v, item))
        else:
            keyed.append((row, key_bytes(v)))
            ids.append(0)
    arr = array.array("I", ids)
    return IdColumn(_array_to_c(arr, c_id), len(arr), arr, keyed)
