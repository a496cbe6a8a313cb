"""Instants, units and calendar specs (libopflow 1.4, ``libopflow(7)``,
"Dates and working calendars").

An instant is a whole number of seconds since 1970-01-01T00:00 in the
plant's local civil time, with no time zone and no daylight-saving jumps,
years 1 to 9999.  Python sees it as a *naive* :class:`datetime.datetime`:
``(dt - datetime(1970, 1, 1)) // timedelta(seconds=1)`` and back, with no
time zone anywhere (an aware datetime is refused: the caller converts to
the plant's clock first).  A :class:`datetime.date` stands for its
midnight.  Microseconds are dropped (the instant is the second that
holds them).

Calendar specs are the text of ``opflow_graph_add_calendar``; the dicts
of :meth:`opflow.Graph.add_calendar` are turned into it here, and the
library reads and checks it.
"""
from __future__ import annotations

import ctypes
import datetime as _dt
import numbers
import re
from collections.abc import Mapping
from typing import Any, Dict, List, Optional, Union

from . import errors
from ._capi import INT64_MAX, INT64_MIN, OPFLOW_INSTANT_SIZE, lib
from ._convert import c_str, plain_str, type_name

__all__ = ["parse_instant", "format_instant", "UNITS"]

EPOCH = _dt.datetime(1970, 1, 1)
_SECOND = _dt.timedelta(seconds=1)
_MICROSECOND = _dt.timedelta(microseconds=1)
_EPOCH_ORDINAL = EPOCH.toordinal()

#: The names of :attr:`opflow.Graph.unit`, with their seconds: ``"h"``
#: (an hour, the default), ``"min"``, ``"s"`` and ``"d"`` (a working day of
#: one 8-hour shift, 28800 s).
UNITS: Dict[str, int] = {"h": 3600, "min": 60, "s": 1, "d": 28800}
_UNIT_NAMES = {v: k for k, v in UNITS.items()}

DateLike = Union[_dt.datetime, _dt.date]


# ------------------------------------------------------------ instants

def instant(value: Any, what: str) -> int:
    """A naive datetime (or a date, as its midnight) as an instant: whole
    seconds since 1970-01-01T00:00, microseconds dropped (floor)."""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            raise errors.InvalidArgumentError(
                "%s must be a naive datetime (local civil time, no "
                "tzinfo), not %r" % (what, value))
        # the methods of datetime itself, whatever a subclass overrides
        return _dt.datetime.__sub__(value, EPOCH) // _SECOND
    if isinstance(value, _dt.date):
        return (_dt.date.toordinal(value) - _EPOCH_ORDINAL) * 86400
    raise TypeError("%s must be a datetime.datetime or a datetime.date, "
                    "not %s" % (what, type_name(value)))


def to_datetime(seconds: int) -> _dt.datetime:
    """An instant as a naive datetime."""
    try:
        return EPOCH + _dt.timedelta(seconds=seconds)
    except OverflowError:
        raise errors.RangeError("the instant %d is not in the years 1 to "
                                "9999" % seconds) from None


def is_date(value: Any) -> bool:
    """Whether a time argument is a date or datetime (not a number)."""
    return isinstance(value, _dt.date)


def parse_instant(text: str) -> _dt.datetime:
    """An ISO 8601 instant, ``YYYY-MM-DD``, ``YYYY-MM-DDTHH:MM`` or
    ``YYYY-MM-DDTHH:MM:SS`` (a space may stand for the ``T``), as a naive
    datetime, read by the library (``opflow_instant_parse``).  Malformed
    text raises :class:`opflow.InvalidArgumentError` (a ``ValueError``)
    with the library's message."""
    raw = c_str(text, "instant")
    out = ctypes.c_int64()
    lib.opflow_instant_parse(ctypes.byref(out), raw)
    return to_datetime(out.value)


def format_instant(value: DateLike) -> str:
    """A naive datetime (or a date, as its midnight) as the library writes
    it (``opflow_instant_format``): ``YYYY-MM-DDTHH:MM``, with ``:SS``
    when the seconds are not 0.  Microseconds are dropped."""
    t = instant(value, "instant")
    buf = ctypes.create_string_buffer(OPFLOW_INSTANT_SIZE)
    lib.opflow_instant_format(buf, len(buf), t)
    return buf.value.decode("ascii")


def seconds(value: Any, what: str) -> int:
    """Working seconds: an int, a real number or a timedelta, rounded to
    the second, halves away from zero (as the library rounds durations)."""
    if isinstance(value, _dt.timedelta):
        us = _dt.timedelta.__floordiv__(value, _MICROSECOND)
        v = (abs(us) + 500000) // 1000000 * (1 if us >= 0 else -1)
    elif isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError("%s must be seconds (a number) or a "
                        "datetime.timedelta, not %s"
                        % (what, type_name(value)))
    elif isinstance(value, numbers.Integral):
        v = int(value)
    else:
        f = float(value)
        if f != f or f in (float("inf"), float("-inf")):
            raise errors.InvalidArgumentError("%s must be finite, not %r"
                                              % (what, f))
        v = int(abs(f) + 0.5) * (1 if f >= 0 else -1)
    if not INT64_MIN <= v <= INT64_MAX:
        raise errors.RangeError("%s %d does not fit 64 bits" % (what, v))
    return v


# ---------------------------------------------------------------- units

def unit_seconds(value: Any) -> int:
    """The seconds of a unit: a name of :data:`UNITS`, a positive int or a
    timedelta of whole seconds (the library checks the range)."""
    if isinstance(value, str):
        name = plain_str(value)
        try:
            return UNITS[name]
        except KeyError:
            raise errors.InvalidArgumentError(
                "unknown unit %r (known: %s, or seconds as an int)"
                % (name, ", ".join(UNITS))) from None
    if isinstance(value, _dt.timedelta):
        us = _dt.timedelta.__floordiv__(value, _MICROSECOND)
        if us % 1000000:
            raise errors.InvalidArgumentError(
                "a unit is whole seconds, not %r" % value)
        v = us // 1000000
    elif isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError("unit must be a name (%s), an int of seconds or a "
                        "datetime.timedelta, not %s"
                        % (", ".join(UNITS), type_name(value)))
    else:
        v = int(value)
    if not INT64_MIN <= v <= INT64_MAX:
        raise errors.RangeError("unit %d does not fit 64 bits" % v)
    return v


def unit_value(seconds_: int) -> Union[str, int]:
    """What :attr:`opflow.Graph.unit` reads: the name of a unit of
    :data:`UNITS`, else the int of seconds."""
    return _UNIT_NAMES.get(seconds_, seconds_)


# ---------------------------------------------------------- calendar specs

_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_DATE_KEY = re.compile(r"%s(?:\.\.%s)?\Z" % (_DATE, _DATE))
_WORD = re.compile(r"[^\s;\0]+\Z")


def _token(value: Any, what: str) -> str:
    """One word of a spec: a str without spaces, semicolons or NULs (they
    would make another clause or another interval of it)."""
    if not isinstance(value, str):
        raise TypeError("%s must be a str, not %s" % (what, type_name(value)))
    value = plain_str(value)
    if not _WORD.match(value):
        raise errors.InvalidArgumentError(
            "%s %r is one word (no spaces, ';' or NUL)" % (what, value))
    return value


def _date_text(value: Any, what: str) -> str:
    if isinstance(value, _dt.datetime):
        raise TypeError("%s must be a date (datetime.date or "
                        "\"YYYY-MM-DD\"), not a datetime" % what)
    if isinstance(value, _dt.date):
        return "%04d-%02d-%02d" % (value.year, value.month, value.day)
    if not isinstance(value, str):
        raise TypeError("%s must be a datetime.date or a str "
                        "\"YYYY-MM-DD\", not %s" % (what, type_name(value)))
    return plain_str(value)


def _exception_key(key: Any) -> str:
    """An exception's day selector: "YYYY-MM-DD", "YYYY-MM-DD..YYYY-MM-DD",
    a date, or a pair (first, last) of dates or strings."""
    if isinstance(key, tuple):
        if len(key) != 2:
            raise TypeError("a range of dates is a pair (first, last), not "
                            "a tuple of %d items" % len(key))
        text = "%s..%s" % (_date_text(key[0], "an exception's first day"),
                           _date_text(key[1], "an exception's last day"))
    else:
        text = _date_text(key, "an exception key")
    if not _DATE_KEY.match(text):
        raise errors.InvalidArgumentError(
            "an exception key is a date YYYY-MM-DD or a range "
            "YYYY-MM-DD..YYYY-MM-DD, not %r" % text)
    return text


def _weekday_key(key: Any) -> str:
    text = _token(key, "a week key")
    if text[:1].isdigit():
        raise errors.InvalidArgumentError(
            "a week key is a weekday (mon ... sun) or a range of them "
            "(mon-fri), not %r: dates go in exceptions" % text)
    return text


def _intervals(value: Any, where: str) -> str:
    """The working part of a clause: "off" for an empty list, else the
    intervals joined by spaces."""
    if isinstance(value, (str, bytes, bytearray)) or not isinstance(
            value, (list, tuple)):
        raise TypeError("the intervals of %s must be a list of "
                        "\"HH:MM-HH:MM\" strings ([] for not working), "
                        "not %s" % (where, type_name(value)))
    items = [_token(v, "an interval of %s" % where) for v in value]
    return " ".join(items) if items else "off"


def clauses(week: Any, exceptions: Any) -> List[str]:
    """The clauses of a spec made from the dicts of Graph.add_calendar."""
    out = []
    if week is not None:
        if not isinstance(week, Mapping):
            raise TypeError("week must be a dict of weekday (\"mon\") or "
                            "range (\"mon-fri\") to a list of intervals, "
                            "not %s" % type_name(week))
        for key, value in list(week.items()):
            k = _weekday_key(key)
            out.append("%s %s" % (k, _intervals(value, k)))
    if exceptions is not None:
        if not isinstance(exceptions, Mapping):
            raise TypeError("exceptions must be a dict of date (or range "
                            "of dates) to a list of intervals, not %s"
                            % type_name(exceptions))
        for key, value in list(exceptions.items()):
            k = _exception_key(key)
            out.append("%s %s" % (k, _intervals(value, k)))
    return out


def spec_text(spec: Any, week: Any, exceptions: Any) -> bytes:
    """The spec given to the library: the text ``spec``, or the clauses
    of ``week``, then those of ``exceptions``."""
    if spec is not None:
        if week is not None:
            raise TypeError("give a calendar either as spec text or as "
                            "week=, not both")
        if not isinstance(spec, str):
            raise TypeError("a calendar spec must be a str, not %s"
                            % type_name(spec))
        parts = [plain_str(spec)]
    elif week is None:
        raise TypeError("a calendar needs week= (a dict of weekdays to "
                        "intervals) or its spec text")
    else:
        parts = []
    parts += clauses(week, exceptions)  # week is None with a spec
    return c_str("; ".join(parts), "calendar spec")


def calendar_arg(value: Any, what: str = "calendar") -> Optional[bytes]:
    """A calendar key (``None``: none, 24/7) as the bytes C looks up."""
    if value is None:
        return None
    return c_str(value, what + " key")
