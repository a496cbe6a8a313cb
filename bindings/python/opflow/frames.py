"""Bridges to pandas, networkx and matplotlib, all three optional.

The methods that use them live on the classes
(:meth:`opflow.Analysis.to_pandas`, :meth:`opflow.Graph.from_pandas`,
:meth:`opflow.Graph.to_networkx`, :meth:`opflow.Analysis.to_networkx`,
:meth:`opflow.Graph.from_networkx`, :meth:`opflow.Analysis.plot`) and
call the functions here.  Nothing here imports pandas, numpy, networkx or
matplotlib until one of them is called: importing :mod:`opflow` never
needs them, and calling a method whose package is missing raises an
``ImportError`` that names the package and how to install it.

What the conversions read and write:

- ``Analysis.to_pandas()``: one row per activity, in id order, the key as
  the index (named ``key``), then the columns of :data:`ANALYSIS_COLUMNS`,
  read with :meth:`opflow.Analysis.column` (one C call per column) and the
  graph's activity columns (one C call).
- ``Graph.from_pandas(activities, flows)``: the columns of
  :data:`ACTIVITY_COLUMNS` and :data:`FLOW_COLUMNS`, added with
  :meth:`opflow.Graph.add_activities` and :meth:`opflow.Graph.add_flows`.
- ``to_networkx()`` / ``from_networkx(G)``: a node per activity whose
  attributes are the activity's fields (:data:`NODE_ATTRIBUTES`), an edge
  per flow with ``type``, ``lag``, ``elapsed`` and the flow's ``id``; the
  graph's own attributes hold what belongs to no activity (calendars, the
  start and unit of a dated graph, department names and order) when there
  is any.
"""
from __future__ import annotations

import contextlib
import ctypes
import datetime as _dt
import importlib
from ctypes import byref
from typing import (TYPE_CHECKING, Any, Dict, Iterator, List, Mapping,
                    Optional, Sequence, Tuple)

from . import errors
from ._capi import INT_MAX, OPFLOW_NONE, c_id, lib, raise_last_error
from ._convert import type_name
from .dates import parse_instant, to_datetime
from .names import _CATEGORY, _FLOW_TYPE, _KIND, _STAGE, _STATE, _TRACKING

if TYPE_CHECKING:  # pragma: no cover
    from .analysis import Analysis
    from .graph import Graph

__all__ = ["ANALYSIS_COLUMNS", "ACTIVITY_COLUMNS", "FLOW_COLUMNS",
           "NODE_ATTRIBUTES", "EDGE_ATTRIBUTES"]

#: The columns of :meth:`opflow.Analysis.to_pandas`, in order (the key is
#: the index).  The four instants are datetimes of a dated analysis (NaT
#: in an undated one); ``state`` is ``None`` and ``remaining_start`` NaN
#: without a status date.
ANALYSIS_COLUMNS = ("duration", "es", "ef", "ls", "lf", "total_float",
                    "free_float", "critical", "near_critical", "stage",
                    "department", "kind", "category", "state",
                    "remaining_start", "start", "finish", "late_start",
                    "late_finish")

#: The columns :meth:`opflow.Graph.from_pandas` reads from ``activities``:
#: ``key`` is required (a column, or the index when it is named ``key``),
#: the others optional.  The three of an estimate go together;
#: ``o``, ``m`` and ``p`` are accepted for them too.
ACTIVITY_COLUMNS = ("key", "category", "kind", "duration", "department",
                    "label", "customer_facing", "optimistic", "most_likely",
                    "pessimistic")

#: The columns :meth:`opflow.Graph.from_pandas` reads from ``flows``:
#: ``source`` and ``target`` are required.
FLOW_COLUMNS = ("source", "target", "type", "lag", "elapsed")

#: The node attributes :meth:`opflow.Graph.to_networkx` writes (those of
#: an absent value are left out) and :meth:`opflow.Graph.from_networkx`
#: reads (any may be missing; others are ignored).  ``duration`` is the
#: duration in use; ``explicit_duration`` is ``False`` when it is derived
#: from the estimate (or 0 without one), and ``from_networkx`` then leaves
#: it derived.  ``from_networkx`` also takes ``estimate`` as a sequence of
#: three numbers.
NODE_ATTRIBUTES = (("kind", "category", "department", "label",
                    "customer_facing", "duration", "explicit_duration",
                    "optimistic", "most_likely", "pessimistic", "calendar")
                   + _TRACKING.names)

#: The edge attributes of :meth:`opflow.Graph.to_networkx`; ``id`` (the
#: flow id) orders the flows :meth:`opflow.Graph.from_networkx` adds.
EDGE_ATTRIBUTES = ("type", "lag", "elapsed", "id")

_INSTALL = {"pandas": "python3-pandas", "networkx": "python3-networkx",
            "matplotlib": "python3-matplotlib"}


def _require(module: str, caller: str) -> Any:
    """Imports an optional package, or raises an ImportError saying which
    method needs it and how to get it."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        top = module.split(".")[0]
        raise ImportError(
            "%s needs %s, which cannot be imported here (%s); install it "
            "(pip install %s, or Debian's %s) to use it: opflow itself does "
            "not need it" % (caller, top, e, top, _INSTALL.get(top, top)),
            name=top) from e


# ----------------------------------------------------------------- helpers

def _null(v: Any) -> bool:
    """Whether a cell is missing: None, NaN, pandas' NA or NaT."""
    if v is None:
        return True
    if isinstance(v, float):
        return v != v
    return type(v).__name__ in ("NAType", "NaTType")


def _plain(v: Any) -> Any:
    """A NumPy scalar as the Python value it holds; anything else as it
    is."""
    if type(v).__module__ == "numpy" and hasattr(v, "item"):
        return v.item()
    return v


@contextlib.contextmanager
def _reading(g: "Graph") -> Iterator[Any]:
    lock = g._lock
    lock.acquire_read()
    try:
        yield g._ptr
    finally:
        lock.release_read()


@contextlib.contextmanager
def _writing(g: "Graph") -> Iterator[Any]:
    lock = g._lock
    lock.acquire_write()
    try:
        yield g._ptr
    finally:
        lock.release_write()


@contextlib.contextmanager
def _as_analysed(res: "Analysis", caller: str) -> Iterator["Graph"]:
    """The graph of an analysis, read-locked, when it is still as it was
    analysed (else MisuseError, as the exports raise); the analysis is
    read-locked too, the graph's lock first as the exports take them."""
    g = res._graph
    if g is None:
        res._ptr  # closed: MisuseError
        raise errors.MisuseError("this analysis has no graph")
    glock = g._lock
    glock.acquire_read()
    try:
        if g._h is None or glock.version != res._graph_version:
            raise errors.MisuseError(
                "%s needs the graph as it was analysed, and it has changed "
                "(or was closed) since: analyse it again" % caller)
        lock = res._lock
        lock.acquire_read()
        try:
            res._ptr  # closed: MisuseError
            yield g
        finally:
            lock.release_read()
    finally:
        glock.release_read()


def _department_keys(h: Any) -> List[str]:
    out = ctypes.c_char_p()
    keys = []
    for d in range(lib.opflow_graph_department_count(h)):
        lib.opflow_graph_department_key(byref(out), h, d)
        keys.append(out.value.decode("utf-8"))
    return keys


def _department_names(h: Any) -> List[Optional[str]]:
    out = ctypes.c_char_p()
    names = []
    for d in range(lib.opflow_graph_department_count(h)):
        lib.opflow_graph_department_name(byref(out), h, d)
        names.append(None if out.value is None
                     else out.value.decode("utf-8"))
    return names


class _Activities:
    """The graph's activities read as columns in one C call (the lock
    held): plain Python lists, by id; only the keys, kinds, categories and
    departments unless full."""

    def __init__(self, h: Any, full: bool = True) -> None:
        n = lib.opflow_graph_activity_count(h)
        self.n = n
        keys = (ctypes.c_char_p * n)()
        labels = (ctypes.c_char_p * n)()
        kinds = (ctypes.c_int * n)()
        cats = (ctypes.c_int * n)()
        depts = (c_id * n)()
        cf = (ctypes.c_int * n)()
        durs = (ctypes.c_double * n)()
        explicit = (ctypes.c_int * n)()
        has_est = (ctypes.c_int * n)()
        est = (ctypes.c_double * (3 * n))()
        if n:
            count = ctypes.c_size_t()
            if full:
                lib.opflow_graph_activity_columns(
                    byref(count), n, h, keys, labels, kinds, cats, depts, cf,
                    durs, explicit, has_est, est)
            else:
                lib.opflow_graph_activity_columns(
                    byref(count), n, h, keys, None, kinds, cats, depts, None,
                    None, None, None, None)
        self.keys = [k.decode("utf-8") for k in keys]
        knames, cnames = _KIND.names, _CATEGORY.names
        self.kinds = list(map(knames.__getitem__, kinds))
        self.categories = list(map(cnames.__getitem__, cats))
        dkeys = _department_keys(h)
        self.departments = [None if d == OPFLOW_NONE else dkeys[d]
                            for d in depts]
        self.department_keys = dkeys
        if not full:
            return
        self.labels = [None if s is None else s.decode("utf-8")
                       for s in labels]
        self.customer_facing = [bool(v) for v in cf]
        self.durations = list(durs)
        self.explicit = [bool(v) for v in explicit]
        flat = list(est)
        self.estimates = [tuple(flat[3 * i:3 * i + 3]) if has_est[i]
                          else None for i in range(n)]


def _flow_columns(h: Any, g: "Graph") -> Tuple[List[int], List[int],
                                               List[str], List[float],
                                               List[bool]]:
    """Every flow as columns (the lock held): source ids, target ids, type
    names, lags and elapsed flags, by flow id."""
    m = lib.opflow_graph_flow_count(h)
    src, dst = (c_id * m)(), (c_id * m)()
    types, lags = (ctypes.c_int * m)(), (ctypes.c_double * m)()
    if m:
        count = ctypes.c_size_t()
        lib.opflow_graph_flow_columns(byref(count), m, h, src, dst, types,
                                      lags)
    flags = g._elapsed_flags(m)
    names = _FLOW_TYPE.names
    return (list(src), list(dst), [names[t] for t in types], list(lags),
            [False] * m if flags is None else flags)


# ------------------------------------------------------------------ pandas

def analysis_to_pandas(res: "Analysis") -> Any:
    """:meth:`opflow.Analysis.to_pandas`."""
    pd = _require("pandas", "opflow.Analysis.to_pandas()")
    np = importlib.import_module("numpy")  # pandas needs it
    with _as_analysed(res, "opflow.Analysis.to_pandas()") as g:
        acts = _Activities(g._ptr, full=False)
        h = res._ptr
        n = acts.n

        def col(c: int) -> Any:
            return np.array(res._column(h, c, n), dtype=np.float64)

        data: Dict[str, Any] = {}
        for c, name in enumerate(("duration", "es", "ef", "ls", "lf",
                                  "total_float", "free_float")):
            data[name] = col(c)
        data["critical"] = col(7) != 0
        data["near_critical"] = col(8) != 0
        stage_names = np.array(_STAGE.names, dtype=object)
        data["stage"] = stage_names[col(9).astype(np.intp)]
        data["department"] = np.array(acts.departments, dtype=object)
        data["kind"] = np.array(acts.kinds, dtype=object)
        data["category"] = np.array(acts.categories, dtype=object)
        if res._has_status_date():
            state_names = np.array(_STATE.names, dtype=object)
            data["state"] = state_names[col(10).astype(np.intp)]
            data["remaining_start"] = col(11)
        else:
            data["state"] = np.full(n, None, dtype=object)
            data["remaining_start"] = np.full(n, np.nan)
        dated = bool(res._dated())
        for c, name in zip(range(13, 17), ("start", "finish", "late_start",
                                          "late_finish")):
            if dated:
                seconds = col(c).astype(np.int64)
                try:
                    data[name] = pd.to_datetime(seconds, unit="s")
                except (OverflowError, ValueError):
                    # out of pandas' nanosecond range (before 1677 or after
                    # 2262): datetime objects instead
                    data[name] = np.array([to_datetime(int(s))
                                           for s in seconds], dtype=object)
            else:
                data[name] = np.full(n, np.datetime64("NaT", "ns"))
        index = pd.Index(acts.keys, name="key", dtype=object)
    return pd.DataFrame(data, index=index, columns=list(ANALYSIS_COLUMNS))


def _frame(value: Any, what: str, pd: Any) -> Any:
    if isinstance(value, pd.DataFrame):
        return value
    try:
        return pd.DataFrame(value)
    except (TypeError, ValueError) as e:
        raise TypeError("%s must be a pandas DataFrame (or something "
                        "pandas.DataFrame() takes), not %s (%s)"
                        % (what, type_name(value), e)) from None


def _missing(frame: Any, what: str, names: Sequence[str]) -> Any:
    return errors.InvalidArgumentError(
        "%s has no column %s; its columns are: %s"
        % (what, " nor ".join(repr(n) for n in names),
           ", ".join(repr(c) for c in frame.columns) or "none"))


def _cells(frame: Any, name: str) -> List[Any]:
    """A column's cells as Python values (NumPy scalars converted)."""
    return frame[name].tolist()


def _str_cells(cells: List[Any], what: str, allow_null: bool) -> List[Any]:
    """Checks a column of str (None where allowed)."""
    for row, v in enumerate(cells):
        if type(v) is str:
            continue
        if _null(v):
            if allow_null:
                cells[row] = None
                continue
            raise errors.InvalidArgumentError(
                "%s is missing in row %d" % (what, row))
        if not isinstance(v, str):
            raise TypeError("%s in row %d must be a str, not %s (%r); "
                            "convert the column first, e.g. "
                            ".astype(str)" % (what, row, type_name(v), v))
    return cells


def graph_from_pandas(cls: Any, activities: Any, flows: Any = None) -> Any:
    """:meth:`opflow.Graph.from_pandas`."""
    pd = _require("pandas", "opflow.Graph.from_pandas()")
    acts = _frame(activities, "activities", pd)
    if "key" in acts.columns:
        keys = _cells(acts, "key")
    elif acts.index.name == "key":
        keys = acts.index.tolist()
    else:
        raise _missing(acts, "activities", ["key"])
    spec = _Spec(_str_cells(keys, "the activity key", False))
    present = set(acts.columns)
    if "category" in present:
        spec.categories = _cells(acts, "category")
    if "kind" in present:
        spec.kinds = _cells(acts, "kind")
    if "duration" in present:
        spec.durations = _cells(acts, "duration")
    if "department" in present:
        spec.departments = _str_cells(_cells(acts, "department"),
                                      "department", True)
    if "label" in present:
        spec.labels = _str_cells(_cells(acts, "label"), "label", True)
    if "customer_facing" in present:
        spec.customer_facing = _cells(acts, "customer_facing")
    for names in (("optimistic", "most_likely", "pessimistic"),
                  ("o", "m", "p")):
        got = [n for n in names if n in present]
        if got:
            if len(got) != 3:
                raise _missing(acts, "activities",
                               [n for n in names if n not in present])
            spec.estimates = list(zip(*(_cells(acts, n) for n in names)))
            break
    if flows is not None:
        fl = _frame(flows, "flows", pd)
        for name in ("source", "target"):
            if name not in fl.columns:
                raise _missing(fl, "flows", [name])
        spec.sources = _str_cells(_cells(fl, "source"), "the flow source",
                                  False)
        spec.targets = _str_cells(_cells(fl, "target"), "the flow target",
                                  False)
        if "type" in fl.columns:
            spec.types = _cells(fl, "type")
        if "lag" in fl.columns:
            spec.lags = _cells(fl, "lag")
        if "elapsed" in fl.columns:
            spec.elapsed = _cells(fl, "elapsed")
    return spec.build(cls)


# --------------------------------------------------------------- the build

class _Spec:
    """A graph to build, as columns (None: the default of every row), and
    what belongs to the graph itself."""

    def __init__(self, keys: List[str]) -> None:
        self.keys = keys
        self.categories: Optional[List[Any]] = None
        self.kinds: Optional[List[Any]] = None
        self.durations: Optional[List[Any]] = None
        self.explicit: Optional[List[Any]] = None
        self.departments: Optional[List[Any]] = None
        self.labels: Optional[List[Any]] = None
        self.customer_facing: Optional[List[Any]] = None
        self.estimates: Optional[List[Any]] = None
        self.calendars: Optional[List[Any]] = None
        self.tracking: Dict[str, List[Any]] = {}
        self.sources: List[Any] = []
        self.targets: List[Any] = []
        self.types: Optional[List[Any]] = None
        self.lags: Optional[List[Any]] = None
        self.elapsed: Optional[List[Any]] = None
        # the graph's own: {key: spec}, {key: display name}, ...
        self.graph_calendars: Mapping[str, str] = {}
        self.default_calendar: Optional[str] = None
        self.department_order: Mapping[str, Optional[str]] = {}
        self.department_calendars: Mapping[str, str] = {}
        self.start: Any = None
        self.unit: Any = None

    def _where(self, row: int) -> str:
        return "activity %r (row %d)" % (self.keys[row], row)

    def _number(self, v: Any, what: str, row: int) -> float:
        v = _plain(v)
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise TypeError("%s of %s must be a number, not %s (%r)"
                            % (what, self._where(row), type_name(v), v))
        return float(v)

    def _flag(self, v: Any, what: str, where: str) -> bool:
        v = _plain(v)
        if isinstance(v, bool):
            return v
        if isinstance(v, (int, float)) and v in (0, 1):
            return bool(v)
        raise TypeError("%s of %s must be True or False (or 1 or 0), not "
                        "%s (%r)" % (what, where, type_name(v), v))

    def build(self, cls: Any) -> Any:
        g = cls()
        try:
            self._build(g)
        except BaseException:
            g.close()
            raise
        return g

    def _numbers(self, values: List[Any], what: str,
                 where: Any) -> Tuple[List[float], List[int]]:
        """A column of numbers as floats (0.0 where a cell is missing)
        and the rows of the missing cells; where(row) names a row."""
        types = set(map(type, values))
        if types <= {float, int}:  # the common case, without a loop here
            if float not in types:
                return list(map(float, values)), []
            nulls = [row for row, v in enumerate(values) if v != v]
            if not nulls:
                return values, []
            values = list(values)
            for row in nulls:
                values[row] = 0.0
            return values, nulls
        out: List[float] = []
        nulls = []
        for row, v in enumerate(values):
            if _null(v):
                nulls.append(row)
                out.append(0.0)
                continue
            v = _plain(v)
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise TypeError("%s of %s must be a number, not %s (%r)"
                                % (what, where(row), type_name(v), v))
            out.append(float(v))
        return out, nulls

    @staticmethod
    def _names(values: List[Any], default: Any) -> List[Any]:
        """A column of names (or C values), missing cells the default."""
        if set(map(type, values)) <= {str}:
            return values
        return [default if _null(v) else _plain(v) for v in values]

    def _build(self, g: "Graph") -> None:
        keys = self.keys
        n = len(keys)
        where = self._where
        # -- the graph's own: calendars, start, unit, departments in order
        for key, text in self.graph_calendars.items():
            g.add_calendar(key, text)
        if self.default_calendar is not None:
            g.calendar = self.default_calendar
        if self.unit is not None:
            g.unit = self.unit
        if self.start is not None:
            start = self.start
            g.start = parse_instant(start) if isinstance(start, str) \
                else start
        for key, name in self.department_order.items():
            if name is None:
                g.departments.add(key)
            else:
                g.departments[key] = name
        # -- the bulk call: keys, categories, kinds, durations
        cats = None
        if self.categories is not None:
            cats = self._names(self.categories, "other")
        kinds = None
        if self.kinds is not None:
            kinds = self._names(self.kinds, None)
        durs = None
        derived: List[int] = []
        if self.durations is not None:
            durs, derived = self._numbers(self.durations, "the duration",
                                          where)
            if self.explicit is not None:
                flagged = [row for row, e in enumerate(self.explicit)
                           if _plain(e) is False]
                derived = sorted(set(derived).union(flagged))
        ids = g.add_activities(keys, cats, kinds, durs)
        first = ids.start
        # -- the rest, row by row where given, converted before the lock;
        # the setters of many rows bound without ctypes' checks (ids that
        # fit a C int, bytes, ints), their codes checked below
        fast = first + n - 1 <= INT_MAX
        ops: List[Tuple[Any, List[Tuple[int, Tuple[Any, ...]]]]] = []

        def text_op(name: str, values: List[Any]) -> None:
            cache: Dict[str, Tuple[bytes]] = {}
            items = []
            for row, v in enumerate(values):
                if v is None:
                    continue
                b = cache.get(v)
                if b is None:
                    b = cache[v] = (v.encode("utf-8", "surrogatepass"),)
                items.append((row, b))
            ops.append((lib.unchecked(name) if fast else getattr(lib, name),
                        items))

        if self.departments is not None:
            text_op("opflow_graph_set_activity_department", self.departments)
        if self.labels is not None:
            text_op("opflow_graph_set_activity_label", self.labels)
        if self.customer_facing is not None:
            ops.append((lib.opflow_graph_set_activity_customer_facing, [
                (row, (int(self._flag(v, "customer_facing", where(row))),))
                for row, v in enumerate(self.customer_facing)
                if not _null(v)]))
        if self.estimates is not None:
            items = []
            names = ("optimistic", "most_likely", "pessimistic")
            for row, est in enumerate(self.estimates):
                if est is None:
                    continue
                nulls = [_null(v) for v in est]
                if all(nulls):
                    continue
                if any(nulls):
                    raise errors.InvalidArgumentError(
                        "the estimate of %s lacks %s: give all three values "
                        "or none" % (where(row), " and ".join(
                            w for w, missing in zip(names, nulls)
                            if missing)))
                items.append((row, tuple(self._number(
                    v, w.replace("_", " ") + " estimate", row)
                    for v, w in zip(est, names))))
            ops.append((lib.opflow_graph_set_activity_estimate, items))
        if derived:
            ops.append((lib.opflow_graph_clear_activity_duration,
                        [(row, ()) for row in derived]))
        if self.calendars is not None:
            items = []
            for row, cal in enumerate(self.calendars):
                if _null(cal):
                    continue
                if not isinstance(cal, str):
                    raise TypeError("the calendar of %s must be a str, not "
                                    "%s" % (where(row), type_name(cal)))
                items.append((row, (cal.encode("utf-8", "surrogatepass"),)))
            ops.append((_set_calendar, items))
        for name, values in self.tracking.items():
            field = _TRACKING.values[name]
            at, items = [], []
            for row, v in enumerate(values):
                if _null(v):
                    continue
                if isinstance(v, _dt.date):
                    at.append((row, (field, v)))
                else:
                    items.append((row, (field, self._number(v, name, row))))
            ops.append((lib.opflow_graph_set_activity_tracking, items))
            ops.append((_set_tracking_at, at))
        if any(items for _fn, items in ops):
            with _writing(g) as h:
                row = -1
                try:
                    for fn, items in ops:
                        for row, args in items:
                            rc = fn(h, first + row, *args)
                            if rc is not None and rc < 0:
                                raise_last_error(rc)
                except errors.Error as e:
                    raise _located(e, where(row)) from None
        # the departments' calendars once the activities have made their
        # departments in the order of first use
        for key, cal in self.department_calendars.items():
            g.set_department_calendar(key, cal)
        # -- the flows, in one bulk call
        m = len(self.sources)
        if len(self.targets) != m:
            raise errors.InvalidArgumentError(
                "%d flow sources but %d targets" % (m, len(self.targets)))
        if not m:
            return

        def flow(f: int) -> str:
            return "the flow %r -> %r (row %d)" % (self.sources[f],
                                                   self.targets[f], f)

        types = None
        if self.types is not None:
            types = self._names(self.types, "FS")
        lags = None
        if self.lags is not None:
            lags = self._numbers(self.lags, "the lag", flow)[0]
        flows = g.add_flows(self.sources, self.targets, types, lags)
        if self.elapsed is not None:
            marked = [f for f, v in enumerate(self.elapsed)
                      if not _null(v) and self._flag(v, "elapsed", flow(f))]
            if marked:
                with _writing(g) as h:
                    g._no_elapsed = False
                    for f in marked:
                        lib.opflow_graph_set_flow_elapsed(
                            h, flows.start + f, 1)


def _set_calendar(h: Any, activity: int, key: bytes) -> None:
    cal = c_id()
    lib.opflow_graph_find_calendar(byref(cal), h, key)
    lib.opflow_graph_set_activity_calendar(h, activity, cal.value)


def _set_tracking_at(h: Any, activity: int, field: int, when: Any) -> None:
    from .dates import instant
    t = ctypes.c_double()
    lib.opflow_graph_time_of(byref(t), h, instant(when, "tracking time"))
    lib.opflow_graph_set_activity_tracking(h, activity, field, t.value)


def _located(e: errors.Error, where: str) -> errors.Error:
    """The same error, its message prefixed with where it happened."""
    new = type(e)("%s: %s" % (where, e.message), e.code)
    return new


# ---------------------------------------------------------------- networkx

def _networkx(caller: str) -> Any:
    return _require("networkx", caller)


def _add_graph_attributes(G: Any, g: "Graph", h: Any,
                          acts: _Activities) -> None:
    """What belongs to no single activity, where there is any: calendars,
    the default and the departments', the start and unit of a dated graph,
    and the departments (keys and display names, in order) when rebuilding
    them from the activities would not give the same."""
    cals = list(g.calendars._items()) if lib.opflow_graph_calendar_count(h) \
        else []
    if cals:
        G.graph["calendars"] = dict(cals)
    default = g.calendar
    if default is not None:
        G.graph["calendar"] = default
    dkeys = acts.department_keys
    names = _department_names(h)
    first_use = list(dict.fromkeys(d for d in acts.departments
                                   if d is not None))
    if first_use != dkeys or any(n is not None for n in names):
        G.graph["departments"] = dict(zip(dkeys, names))
    dcal = {}
    out = c_id()
    for d, key in enumerate(dkeys):
        lib.opflow_graph_department_calendar(byref(out), h, d)
        if out.value != OPFLOW_NONE:
            dcal[key] = g._calendar_key(out.value)
    if dcal:
        G.graph["department_calendars"] = dcal
    start = g.start
    if start is not None:
        G.graph["start"] = start
    unit = ctypes.c_int64()
    lib.opflow_graph_unit(byref(unit), h)
    if unit.value != 3600:
        G.graph["unit"] = int(unit.value)


def _node_attributes(g: "Graph", h: Any,
                     acts: _Activities) -> List[Dict[str, Any]]:
    nodes = []
    has_calendars = bool(lib.opflow_graph_calendar_count(h))
    cal = c_id()
    is_set, value = ctypes.c_int(), ctypes.c_double()
    p_set, p_value = byref(is_set), byref(value)
    tracking = list(enumerate(_TRACKING.names))
    n = acts.n
    get = lib.unchecked("opflow_graph_activity_tracking") \
        if n - 1 <= INT_MAX else lib.opflow_graph_activity_tracking
    for i in range(n):
        a: Dict[str, Any] = {"kind": acts.kinds[i],
                             "category": acts.categories[i]}
        if acts.departments[i] is not None:
            a["department"] = acts.departments[i]
        if acts.labels[i] is not None:
            a["label"] = acts.labels[i]
        a["customer_facing"] = acts.customer_facing[i]
        a["duration"] = acts.durations[i]
        a["explicit_duration"] = acts.explicit[i]
        est = acts.estimates[i]
        if est is not None:
            a["optimistic"], a["most_likely"], a["pessimistic"] = est
        if has_calendars:
            lib.opflow_graph_activity_calendar(byref(cal), h, i)
            if cal.value != OPFLOW_NONE:
                a["calendar"] = g._calendar_key(cal.value)
        for field, name in tracking:
            rc = get(p_set, p_value, h, i, field)
            if rc < 0:
                raise_last_error(rc)
            if is_set.value:
                a[name] = value.value
        nodes.append(a)
    return nodes


def _to_networkx(nx: Any, g: "Graph", multigraph: bool,
                 extra: Optional[Any] = None) -> Any:
    """The DiGraph (or MultiDiGraph) of a graph whose lock is held;
    extra(G, keys, nodes, flows) adds an analysis's attributes."""
    h = g._ptr
    acts = _Activities(h)
    keys = acts.keys
    nodes = _node_attributes(g, h, acts)
    src, dst, types, lags, elapsed = _flow_columns(h, g)
    if extra is not None:
        extra.nodes(nodes)
    G = nx.MultiDiGraph() if multigraph else nx.DiGraph()
    _add_graph_attributes(G, g, h, acts)
    if extra is not None:
        extra.graph(G)
    G.add_nodes_from(zip(keys, nodes))
    edges = []
    seen: Dict[Tuple[int, int], int] = {}
    for f, (s, t) in enumerate(zip(src, dst)):
        e = {"type": types[f], "lag": lags[f], "elapsed": elapsed[f],
             "id": f}
        if extra is not None:
            extra.edge(f, t, e)
        if multigraph:
            edges.append((keys[s], keys[t], types[f], e))
            continue
        other = seen.setdefault((s, t), f)
        if other != f:
            raise errors.InvalidArgumentError(
                "the flows %r -> %r of types %s and %s join the same two "
                "activities, and a networkx.DiGraph holds one edge per "
                "pair: ask for to_networkx(multigraph=True), a "
                "MultiDiGraph whose edge keys are the flow types"
                % (keys[s], keys[t], types[other], types[f]))
        edges.append((keys[s], keys[t], e))
    G.add_edges_from(edges)
    return G


def graph_to_networkx(g: "Graph", multigraph: bool = False) -> Any:
    """:meth:`opflow.Graph.to_networkx`."""
    nx = _networkx("opflow.Graph.to_networkx()")
    with _reading(g):
        return _to_networkx(nx, g, multigraph)


class _Results:
    """The attributes an analysis adds to the nodes, edges and graph of
    :meth:`opflow.Analysis.to_networkx` (its lock held)."""

    def __init__(self, res: "Analysis") -> None:
        self.res = res
        h = self.h = res._ptr
        n = self.n = int(lib.opflow_analysis_activity_count(h))
        self.cols = [res._column(h, c, n).tolist() for c in range(17)]
        driving = []
        flow = c_id()
        for i in range(n):
            lib.opflow_analysis_driving_flow(byref(flow), None, None, None,
                                             h, i)
            driving.append(flow.value)
        self.driving = driving

    def nodes(self, nodes: List[Dict[str, Any]]) -> None:
        cols = self.cols
        res = self.res
        progress = res._has_status_date()
        dated = bool(res._dated())
        stages, states = _STAGE.names, _STATE.names
        for i, a in enumerate(nodes):
            for c, name in enumerate(("es", "ef", "ls", "lf",
                                      "total_float", "free_float"), 1):
                a[name] = cols[c][i]
            a["critical"] = cols[7][i] != 0
            a["near_critical"] = cols[8][i] != 0
            a["stage"] = stages[int(cols[9][i])]
            if progress:
                a["state"] = states[int(cols[10][i])]
                a["remaining_start"] = cols[11][i]
            if dated:
                for c, name in zip(range(13, 17), ("start", "finish",
                                                  "late_start",
                                                  "late_finish")):
                    a[name] = to_datetime(int(cols[c][i]))

    def edge(self, flow: int, target: int, e: Dict[str, Any]) -> None:
        e["driving"] = self.driving[target] == flow

    def graph(self, G: Any) -> None:
        G.graph["lead_time"] = self.res.figure("lead_time")


def analysis_to_networkx(res: "Analysis", multigraph: bool = False) -> Any:
    """:meth:`opflow.Analysis.to_networkx`."""
    caller = "opflow.Analysis.to_networkx()"
    nx = _networkx(caller)
    with _as_analysed(res, caller) as g:
        extra = _Results(res)
        if extra.n != lib.opflow_graph_activity_count(g._ptr):
            raise errors.MisuseError("%s needs the graph as it was "
                                     "analysed" % caller)
        return _to_networkx(nx, g, multigraph, extra)


def _estimate_of(a: Mapping[str, Any], key: Any) -> Any:
    est = a.get("estimate")
    if est is not None:
        if isinstance(est, (str, bytes)) or len(est) != 3:
            raise TypeError("the estimate of node %r must be three numbers "
                            "(optimistic, most_likely, pessimistic)" % (key,))
        return tuple(est)
    three = [a.get(n) for n in ("optimistic", "most_likely", "pessimistic")]
    if all(v is None for v in three):
        return None
    return tuple(three)


def graph_from_networkx(cls: Any, G: Any) -> Any:
    """:meth:`opflow.Graph.from_networkx`."""
    _networkx("opflow.Graph.from_networkx()")
    if not hasattr(G, "nodes") or not hasattr(G, "is_directed"):
        raise TypeError("from_networkx() takes a networkx graph, not %s"
                        % type_name(G))
    if not G.is_directed():
        raise errors.InvalidArgumentError(
            "from_networkx() needs a directed graph (a DiGraph or a "
            "MultiDiGraph): a flow has a source and a target")
    keys = []
    attrs = []
    for key, a in G.nodes(data=True):
        if not isinstance(key, str):
            raise TypeError("activity keys are str: node %r is %s; relabel "
                            "the graph first (networkx.relabel_nodes)"
                            % (key, type_name(key)))
        keys.append(key)
        attrs.append(a)
    spec = _Spec(keys)
    present = set().union(*attrs)

    def column(name: str) -> Optional[List[Any]]:
        if name not in present:
            return None
        return [a.get(name) for a in attrs]

    spec.categories = column("category")
    spec.kinds = column("kind")
    spec.durations = column("duration")
    if spec.durations is not None:
        spec.explicit = [a.get("explicit_duration") for a in attrs]
    spec.departments = column("department")
    if spec.departments is not None:
        _str_cells(spec.departments, "department", True)
    spec.labels = column("label")
    if spec.labels is not None:
        _str_cells(spec.labels, "label", True)
    spec.customer_facing = column("customer_facing")
    if present.intersection(("estimate", "optimistic", "most_likely",
                             "pessimistic")):
        spec.estimates = [_estimate_of(a, k) for a, k in zip(attrs, keys)]
    spec.calendars = column("calendar")
    for name in _TRACKING.names:
        values = column(name)
        if values is not None:
            spec.tracking[name] = values
    ga = G.graph
    spec.graph_calendars = ga.get("calendars") or {}
    spec.default_calendar = ga.get("calendar")
    spec.department_order = ga.get("departments") or {}
    spec.department_calendars = ga.get("department_calendars") or {}
    spec.start = ga.get("start")
    spec.unit = ga.get("unit")
    # the flows in the order of their ids where they have one, then the
    # others in the graph's order
    if G.is_multigraph():
        # a MultiDiGraph's edge key names the type when the data do not
        rows = [(u, v, d if "type" in d or k not in _FLOW_TYPE.values
                 else dict(d, type=k))
                for u, v, k, d in G.edges(keys=True, data=True)]
    else:
        rows = list(G.edges(data=True))
    order = sorted(range(len(rows)), key=lambda r: (
        (0, rows[r][2]["id"], r) if _is_id(rows[r][2].get("id"))
        else (1, 0, r)))
    rows = [rows[r] for r in order]
    spec.sources = [u for u, _v, _d in rows]
    spec.targets = [v for _u, v, _d in rows]
    types = [d.get("type") for _u, _v, d in rows]
    spec.types = types if any(t is not None for t in types) else None
    lags = [d.get("lag") for _u, _v, d in rows]
    spec.lags = lags if any(v is not None for v in lags) else None
    elapsed = [d.get("elapsed") for _u, _v, d in rows]
    spec.elapsed = elapsed if any(v for v in elapsed) else None
    return spec.build(cls)


def _is_id(v: Any) -> bool:
    v = _plain(v)
    return isinstance(v, int) and not isinstance(v, bool)


# -------------------------------------------------------------- matplotlib

def analysis_plot(res: "Analysis", ax: Any = None, *,
                  color: str = "tab:blue", critical_color: str = "tab:red",
                  float_color: str = "lightgray") -> Any:
    """:meth:`opflow.Analysis.plot`."""
    _require("matplotlib", "opflow.Analysis.plot()")
    keys = res.keys()
    n = len(keys)
    es, ef, lf = res.column("es"), res.column("ef"), res.column("lf")
    critical = [v != 0 for v in res.column("critical")]
    dated = res.dated
    if dated:
        mdates = importlib.import_module("matplotlib.dates")
        to_x = mdates.date2num

        def xs(column: str) -> List[float]:
            return list(to_x([to_datetime(int(s))
                              for s in res.column(column)]))

        left, right, late = (xs("start_instant"), xs("finish_instant"),
                             xs("late_finish_instant"))
    else:
        left, right, late = list(es), list(ef), list(lf)
    if ax is None:
        plt = importlib.import_module("matplotlib.pyplot")
        _fig, ax = plt.subplots(figsize=(8, 1 + 0.3 * max(n, 1)))
    ys = list(range(n))
    colors = [critical_color if c else color for c in critical]
    ax.barh(ys, [r - s for s, r in zip(left, right)], left=left,
            color=colors, label="activity")
    tails = [(y, r, lt - r) for y, r, lt, c in zip(ys, right, late, critical)
             if not c and lt > r]
    ax.barh([t[0] for t in tails], [t[2] for t in tails],
            left=[t[1] for t in tails], color=float_color,
            label="total float")
    events = [(x, y, c) for x, r, y, c in zip(left, right, ys, critical)
              if r == x]
    if events:
        ax.scatter([e[0] for e in events], [e[1] for e in events],
                   marker="D", zorder=3,
                   color=[critical_color if e[2] else color for e in events],
                   label="event")
    ax.set_yticks(ys)
    ax.set_yticklabels(keys)
    if n:
        ax.set_ylim(n - 0.5, -0.5)  # the first activity on top
    if dated:
        ax.xaxis_date()
        ax.set_xlabel("date")
        # dates side by side would overlap: slanted
        for label in ax.get_xticklabels():
            label.set_rotation(30)
            label.set_horizontalalignment("right")
    else:
        ax.set_xlabel("time")
    if n:
        # every bar, tail and event inside, whatever the autoscaling
        lo, hi = min(left), max(max(right), max(late))
        pad = 0.02 * (hi - lo) if hi > lo else (1 / 24 if dated else 1)
        ax.set_xlim(lo - pad, hi + pad)
    patches = importlib.import_module("matplotlib.patches")
    handles = [patches.Patch(color=critical_color, label="critical"),
               patches.Patch(color=color, label="not critical"),
               patches.Patch(color=float_color, label="total float")]
    ax.legend(handles=handles, loc="best", fontsize="small")
    ax.set_title("lead time %g" % res.lead_time)
    return ax
