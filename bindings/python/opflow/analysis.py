"""The result of an analysis: schedule, floats, criticality, stages,
progress at the status date, critical path, scope, timeframe and PERT
figures, its exports (CSV, JSON), and its comparison with a baseline.

An :class:`Analysis` keeps its :class:`opflow.Graph` alive: it holds a
reference to the Graph object it came from (:attr:`Analysis.graph`), so the
exports, which need the graph's labels and categories, can always reach it.
The C result itself keeps its own copy of every key and figure it needs:
changing or closing the graph never changes what the analysis reports.
Only the exports need the graph as it was analysed; once it changed (or
was closed) they raise :class:`opflow.MisuseError`.
"""
from __future__ import annotations

import array
import ctypes
import datetime as _dt
import gc
import html
import itertools
import json
import numbers
import types
import warnings
from ctypes import byref
from typing import (TYPE_CHECKING, Any, Callable, Dict, Iterator, List,
                    Optional, Tuple, Union)

from . import errors
from ._capi import (ANALYSIS_OPTIONS_VERSION, GANTT_OPTIONS_VERSION,
                    INT_MAX, OPFLOW_NONE, GanttOptions,
                    PATH_CALLBACK, SIZE_MAX, AnalysisOptions, AnalysisPtr,
                    ComparisonPtr, c_id, lib, optional_double,
                    raise_last_error, take_string)
from ._convert import activity_id, integer, plain_str, real, type_name
from ._lock import OwnedResult, reads
from .comparison import Comparison
from .dates import format_instant, to_datetime
from .names import (_DURATION_MODE, _FIGURE, _FLOW_TYPE, _KIND, _LOGIC,
                    _STAGE, _STATE, _column_value)
from .records import (ActivityResult, CriticalPaths, Flow, Options, Scope,
                      Timeframe)

if TYPE_CHECKING:  # pragma: no cover - graph imports this module
    from .graph import Graph

__all__ = ["Analysis"]

# The per-activity accessors that schedule() and the key list call once
# per activity, bound without ctypes' argument checks (see lib.unchecked).
_activity_key = lib.unchecked("opflow_analysis_activity_key")
_driving_flow = lib.unchecked("opflow_analysis_driving_flow")
_new_record = tuple.__new__  # a named tuple from a tuple, without __new__

_COUNT_FIGURES = frozenset([
    "activities", "production_activities", "operation_activities",
    "departments", "production_departments", "categories",
    "production_categories", "customer_facing", "handoffs",
    "production_handoffs", "boundary_handoffs", "operation_handoffs",
])


#: What the HTML table of an analysis shows of its critical chains.
_HTML_CHAINS = 8
_HTML_CHAIN_KEYS = 24


def _number(value: Optional[float]) -> str:
    """A figure for the HTML table: the shortest repr, without ".0"."""
    if value is None:
        return "\u2014"
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _instant_text(seconds: int) -> str:
    return format_instant(to_datetime(seconds))


def _analysis_of_text(text: str, options: Dict[str, Any]) -> "Analysis":
    """An analysis unpickled: its graph read back from the text and
    analysed again with the options it ran with."""
    from .graph import _graph_of_text
    return _graph_of_text(text).analyze(**options)


def _names_of(enum: Any, values: Any) -> List[str]:
    """The names of a column of C enumeration values (read as doubles)."""
    names = enum.names
    top = len(names)
    name = enum.name
    return [names[v] if 0 <= v < top else name(v) for v in map(int, values)]


class Analysis(OwnedResult):
    """The immutable result of :meth:`opflow.Graph.analyze`.

    ``res[key]`` (or ``res[id]``) is the :class:`~opflow.ActivityResult`
    of an activity; iterating (or :meth:`schedule`) yields them in id
    order.  The figures are properties (:attr:`lead_time`, :attr:`scope`,
    :attr:`timeframe`, :attr:`pert_lead_time`...); an absent figure is
    ``None``.  :attr:`options` are the options in effect, :meth:`column`
    one value of every activity at once.  :meth:`to_csv`, :meth:`to_json`
    and :meth:`report` export it; :meth:`compare` compares it with a
    baseline (an earlier analysis).

    An analysis made with a status date is a forecast: every time and
    figure takes the progress of the activities into account, and each
    :class:`~opflow.ActivityResult` tells its ``state`` and
    ``remaining_start``.

    The analysis keeps its graph alive (:attr:`graph`): the Graph object
    lives at least as long as the analysis.  The figures never change,
    whatever happens to the graph; the exports need the graph as it was
    analysed and raise :class:`opflow.MisuseError` once it changed or was
    closed.

    The result owns C memory: :meth:`close` (or a ``with`` block) frees it
    at once (or, while other threads are reading it, as soon as the last of
    them is done: closing never waits), the garbage collector otherwise.
    Using it after ``close()`` raises :class:`opflow.MisuseError`.  It may
    be read from many threads at once.
    """

    _what = "analysis"

    def __init__(self, handle: Any, graph: Optional["Graph"] = None) -> None:
        # Made by Graph.analyze(); handle is an owned opflow_analysis *,
        # graph the Graph it came from.
        if not isinstance(handle, AnalysisPtr) or not handle:
            raise TypeError("Analysis objects are made by Graph.analyze()")
        self._own(handle, lib.opflow_analysis_free)
        self._graph = graph
        # the graph's lock version when it was analysed (set by analyze):
        # while the graph has not changed since, its keys are ours
        self._graph_version: Optional[int] = None
        self._keys: Optional[List[str]] = None
        self._index: Optional[Dict[str, int]] = None
        self._scope: Optional[Scope] = None
        self._timeframe: Optional[Timeframe] = None
        self._options: Optional[Options] = None
        self._progress: Optional[bool] = None  # with a status date?
        # the ids of the flows that were elapsed when the graph was
        # analysed (set by analyze), for the driving flows' records
        self._elapsed: frozenset = frozenset()
        # (start, finish, unit) of a dated analysis; () for an undated
        # one; None until read
        self._dates: Optional[Tuple[int, ...]] = None
        # the text of the graph as analysed, left by Graph.close() (for
        # pickling once the graph is closed)
        self._text: Optional[str] = None
        self._hash: Optional[int] = None

    # ------------------------------------------------------------ lifetime

    def close(self) -> None:
        """Frees the C result, and lets go of the graph; later calls do
        nothing.  Never waits: while other threads are still reading the
        result, the last of them frees it.  Raises
        :class:`opflow.MisuseError` when called by code that runs while the
        same thread reads the result (an :meth:`each_critical_path`
        callback)."""
        super().close()

    def _mark_closed(self) -> None:
        super()._mark_closed()
        self._graph = None

    @property
    def graph(self) -> "Graph":
        """The :class:`opflow.Graph` this analysis was made from (kept
        alive by the analysis; it may have changed since)."""
        g = self._graph
        if g is None:
            self._ptr  # closed: MisuseError
            raise errors.MisuseError("this analysis has no graph")
        return g

    # ---------------------------------------------------------- activities

    def _graph_keys(self, n: int) -> Optional[List[str]]:
        """The keys of the graph read as one column, when it is still as
        it was analysed and its lock can be had for reading without a
        wait (a reader of the analysis never waits on the graph); else
        None."""
        g = self._graph
        version = self._graph_version
        if g is None or version is None or not n:
            return None
        lock = g._lock
        if not lock.try_acquire_read():
            return None
        try:
            if lock.version != version or g._h is None:
                return None
            keys = g._keys()
        finally:
            lock.release_read()
        return keys if len(keys) == n else None

    def _key_list(self) -> List[str]:
        keys = self._keys
        if keys is not None:
            self._ptr  # closed: MisuseError, also once read
        else:
            h = self._ptr
            n = int(lib.opflow_analysis_activity_count(h))
            keys = self._graph_keys(n)
            if keys is not None:
                self._keys = keys
                return keys
            out = ctypes.c_char_p()
            keys = []
            append = keys.append
            if n - 1 <= INT_MAX:
                get, pout = _activity_key, byref(out)
                for i in range(n):
                    rc = get(pout, h, i)
                    if rc < 0:
                        raise_last_error(rc)
                    append(out.value.decode("utf-8"))
            else:  # ids beyond a C int: the checked binding
                for i in range(n):
                    lib.opflow_analysis_activity_key(byref(out), h, i)
                    append(out.value.decode("utf-8"))
            self._keys = keys
        return keys

    def _key(self, activity: int) -> str:
        """One key, without building the whole list for a single read."""
        keys = self._keys
        if keys is not None:
            return keys[activity]
        out = ctypes.c_char_p()
        lib.opflow_analysis_activity_key(byref(out), self._ptr, activity)
        return out.value.decode("utf-8")

    def _id(self, item: Union[str, int]) -> int:
        if isinstance(item, str):
            if self._index is None:
                self._index = {k: i for i, k in enumerate(self._key_list())}
            try:
                return self._index[plain_str(item)]
            except KeyError:
                raise errors.NotFoundError(
                    "no activity %r in the analysis" % item) from None
        if isinstance(item, numbers.Integral) and not isinstance(item, bool):
            i = integer(item, "position")
            if i < 0:  # a position from the end, as for a list
                n = int(lib.opflow_analysis_activity_count(self._ptr))
                if i < -n:
                    raise errors.NotFoundError(
                        "no activity at position %d (the analysis has %d)"
                        % (i, n))
                return i + n
            return activity_id(i)
        raise TypeError("an analysis is indexed by activity key (str), id "
                        "(int) or a slice, not %s" % type_name(item))

    @reads
    def __len__(self) -> int:
        return int(lib.opflow_analysis_activity_count(self._ptr))

    @reads
    def __contains__(self, key: object) -> bool:
        """Whether ``res[key]`` finds an activity: a key (``str``) of the
        analysis, or a position (an ``int`` id, negative ones from the end:
        ``-len(res) <= key < len(res)``)."""
        self._ptr  # closed: MisuseError
        if isinstance(key, numbers.Integral) and not isinstance(key, bool):
            n = int(lib.opflow_analysis_activity_count(self._ptr))
            return -n <= integer(key, "position") < n
        if not isinstance(key, str):
            raise TypeError("an activity is given by its key (str) or "
                            "position (int), not %s" % type_name(key))
        try:
            self._id(key)
        except errors.NotFoundError:
            return False
        return True

    @reads
    def keys(self) -> List[str]:
        """The activity keys, in id order."""
        return list(self._key_list())

    @reads
    def __getitem__(self, item: Union[str, int, slice]) -> Any:
        """The result of one activity, by key or by id (a position:
        negative ones count from the end, ``res[-1]`` is the last
        activity); a slice gives a list of results (``res[1:3]``)."""
        if isinstance(item, slice):
            h = self._ptr
            n = int(lib.opflow_analysis_activity_count(h))
            rows = range(*item.indices(n))
            if len(rows) > 8:  # read as columns
                return self._schedule()[item]
            return [self._record(h, i) for i in rows]
        h = self._ptr
        return self._record(h, self._id(item))

    def _record(self, h: Any, i: int) -> ActivityResult:
        """The result of the activity of id i (the lock held)."""
        d = ctypes.c_double()
        es, ef, ls, lf = (ctypes.c_double(), ctypes.c_double(),
                          ctypes.c_double(), ctypes.c_double())
        tf, ff = ctypes.c_double(), ctypes.c_double()
        crit, near = ctypes.c_int(), ctypes.c_int()
        stage = ctypes.c_int()
        flow, src, ftype, lag = c_id(), c_id(), ctypes.c_int(), \
            ctypes.c_double()
        lib.opflow_analysis_duration(byref(d), h, i)
        lib.opflow_analysis_schedule(byref(es), byref(ef), byref(ls),
                                     byref(lf), h, i)
        lib.opflow_analysis_floats(byref(tf), byref(ff), h, i)
        lib.opflow_analysis_criticality(byref(crit), byref(near), h, i)
        lib.opflow_analysis_stage(byref(stage), h, i)
        lib.opflow_analysis_driving_flow(byref(flow), byref(src),
                                         byref(ftype), byref(lag), h, i)
        state: Optional[str] = None
        remaining_start: Optional[float] = None
        if self._has_status_date():
            st, rs = ctypes.c_int(), ctypes.c_double()
            lib.opflow_analysis_progress(byref(st), byref(rs), None, h, i)
            state = _STATE.name(st.value)
            remaining_start = rs.value
        instants: Tuple[Optional[_dt.datetime], ...] = (None,) * 4
        if self._dated():
            s, f, l_s, l_f = (ctypes.c_int64(), ctypes.c_int64(),
                              ctypes.c_int64(), ctypes.c_int64())
            lib.opflow_analysis_instants(byref(s), byref(f), byref(l_s),
                                         byref(l_f), h, i)
            instants = tuple(to_datetime(v.value) for v in (s, f, l_s, l_f))
        key = self._key(i)
        driving = None
        if flow.value != OPFLOW_NONE:
            driving = Flow(self._key(src.value), key,
                           _FLOW_TYPE.name(ftype.value), lag.value,
                           flow.value, flow.value in self._elapsed)
        return ActivityResult(key, i, d.value, es.value, ef.value,
                              ls.value, lf.value, tf.value, ff.value,
                              bool(crit.value), bool(near.value),
                              _STAGE.name(stage.value), driving,
                              *instants, state, remaining_start)

    def __iter__(self) -> Iterator[ActivityResult]:
        """The results of every activity, in id order (read in bulk, as
        :meth:`schedule`)."""
        return iter(self.schedule())

    @reads
    def schedule(self) -> List[ActivityResult]:
        """The :class:`~opflow.ActivityResult` of every activity, in id
        order: the same records as ``res[i]``, read column by column
        (:meth:`column`) rather than activity by activity."""
        return self._schedule()

    def _schedule(self) -> List[ActivityResult]:
        """schedule(), the lock held."""
        h = self._ptr
        n = int(lib.opflow_analysis_activity_count(h))
        keys = self._key_list()
        # the columns of opflow_column 0 (duration) to 9 (stage)
        (durations, es, ef, ls, lf, total, free, critical, near,
         stage) = [self._column(h, c, n).tolist() for c in range(10)]
        stage = _names_of(_STAGE, stage)
        if self._has_status_date():
            # 10 (state) and 11 (remaining start)
            state: Any = _names_of(_STATE, self._column(h, 10, n))
            remaining_start: Any = self._column(h, 11, n).tolist()
        else:
            state = remaining_start = itertools.repeat(None)
        start: Any
        finish: Any
        late_start: Any
        late_finish: Any
        if self._dated():
            # 13 to 16: the start, finish, late start and late finish
            # instants, whole seconds exact in doubles
            start, finish, late_start, late_finish = [
                list(map(to_datetime, map(int, self._column(h, c, n))))
                for c in range(13, 17)]
        else:
            # endless, as zip() stops at the keys' end
            start = finish = late_start = late_finish = \
                itertools.repeat(None)
        nonzero = (0.0).__ne__
        # the cyclic collector paused while the records are made (it
        # would walk the growing list again and again)
        was = gc.isenabled()
        gc.disable()
        try:
            return list(map(_new_record, itertools.repeat(ActivityResult),
                            zip(keys, range(n), durations, es, ef, ls, lf,
                                total, free, map(nonzero, critical),
                                map(nonzero, near), stage,
                                self._driving_flows(h, n, keys),
                                start, finish, late_start, late_finish,
                                state, remaining_start)))
        finally:
            if was:
                gc.enable()

    def _driving_flows(self, h: Any, n: int,
                       keys: List[str]) -> List[Optional[Flow]]:
        """The driving flow of every activity, in id order."""
        flow, src, ftype, lag = c_id(), c_id(), ctypes.c_int(), \
            ctypes.c_double()
        pflow, psrc, ptype, plag = byref(flow), byref(src), byref(ftype), \
            byref(lag)
        if n - 1 <= INT_MAX:
            get = _driving_flow
        else:  # ids beyond a C int: the checked binding
            get = lib.opflow_analysis_driving_flow
        types = _FLOW_TYPE.names
        top = len(types)
        none = OPFLOW_NONE
        elapsed = self._elapsed
        flows: List[Optional[Flow]] = []
        append = flows.append
        for i in range(n):
            rc = get(pflow, psrc, ptype, plag, h, i)
            if rc < 0:
                raise_last_error(rc)
            f = flow.value
            if f == none:
                append(None)
                continue
            t = ftype.value
            append(_new_record(Flow, (
                keys[src.value], keys[i],
                types[t] if 0 <= t < top else _FLOW_TYPE.name(t),
                lag.value, f, f in elapsed)))
        return flows

    def _column(self, h: Any, column: int,
                n: Optional[int] = None) -> "array.array[float]":
        if n is None:
            n = int(lib.opflow_analysis_activity_count(h))
        out = array.array("d", bytes(ctypes.sizeof(ctypes.c_double) * n))
        if n == 0:
            lib.opflow_analysis_column(None, 0, h, column)
            return out
        buf = (ctypes.c_double * n).from_buffer(out)
        lib.opflow_analysis_column(buf, n, h, column)
        del buf  # releases the array's buffer
        return out

    @reads
    def column(self, name: str) -> "array.array[float]":
        """One value of every activity, in id order, as an
        ``array.array("d")`` filled by one C call (no loop per activity).

        ``name`` is one of ``opflow.COLUMNS``: ``"duration"``, ``"es"``,
        ``"ef"``, ``"ls"``, ``"lf"``, ``"total_float"``, ``"free_float"``
        (the same numbers as the :class:`~opflow.ActivityResult` fields),
        ``"critical"`` and ``"near_critical"`` (1.0 or 0.0),
        ``"stage"``: the numeric C ``opflow_stage`` value (0 production,
        1 pre-production, 2 post-production, 3 interleaved, 4 independent;
        ``opflow.stage_name(int(v))`` names it); since libopflow 1.3,
        ``"state"``: the numeric C ``opflow_state`` value (0 not started,
        1 in progress, 2 completed; ``opflow.state_name(int(v))``),
        ``"remaining_start"``: where the remaining work starts, and
        ``"remaining"``: the work left (0 for a completed activity).
        These three are the library's numbers also without a status date
        (every activity not started, its early start, its duration),
        where the records say ``None``.  Since libopflow 1.4,
        ``"start_instant"``, ``"finish_instant"``, ``"late_start_instant"``
        and ``"late_finish_instant"``: the instants of a dated analysis as
        seconds since 1970-01-01T00:00 local civil time (whole numbers,
        exact in a double; 0 for an undated analysis).
        """
        c = _column_value(name)
        return self._column(self._ptr, c)

    def _has_status_date(self) -> bool:
        """Whether the analysis ran with a status date (the lock held)."""
        progress = self._progress
        if progress is None:
            o = AnalysisOptions()
            o.version = ANALYSIS_OPTIONS_VERSION
            lib.opflow_analysis_get_options(byref(o), self._ptr)
            progress = self._progress = bool(o.has_status_date)
        return progress

    def _dated(self) -> Tuple[int, ...]:
        """(start, finish, unit) instants and seconds of a dated analysis,
        () for an undated one (the lock held)."""
        dates = self._dates
        if dates is None:
            dated, start, finish, unit = (ctypes.c_int(), ctypes.c_int64(),
                                          ctypes.c_int64(), ctypes.c_int64())
            lib.opflow_analysis_dates(byref(dated), byref(start),
                                      byref(finish), byref(unit), self._ptr)
            dates = (start.value, finish.value, unit.value) \
                if dated.value else ()
            self._dates = dates
        return dates

    @property
    @reads
    def dated(self) -> bool:
        """Whether the analysis is of a dated graph (one with a start):
        then it reports instants as well as times."""
        return bool(self._dated())

    @property
    @reads
    def start(self) -> Optional[_dt.datetime]:
        """The project start of a dated analysis (the graph's start), a
        naive datetime; ``None`` for an undated one."""
        dates = self._dated()
        return to_datetime(dates[0]) if dates else None

    @property
    @reads
    def finish(self) -> Optional[_dt.datetime]:
        """The project finish of a dated analysis: the latest finish
        instant of its activities, a naive datetime; ``None`` for an
        undated one."""
        dates = self._dated()
        return to_datetime(dates[1]) if dates else None

    @property
    def working_lead_time(self) -> Optional[float]:
        """The lead time of a dated analysis in working units of the
        graph's default calendar (every instant working without one);
        ``None`` for an undated one.  :attr:`lead_time` is the elapsed
        units from the start to the finish."""
        return self.figure("working_lead_time")

    @reads
    def instant_of(self, time: float) -> _dt.datetime:
        """A time of a dated analysis (elapsed units since its start; an
        ``es``, a figure) as a naive datetime, rounded to the second,
        halves away from zero (``opflow_analysis_instant_of``).  Raises
        :class:`opflow.MisuseError` for an undated analysis."""
        h = self._ptr
        t = real(time, "time")
        out = ctypes.c_int64()
        lib.opflow_analysis_instant_of(byref(out), h, t)
        return to_datetime(out.value)

    def __repr__(self) -> str:
        if self._h is None:
            return "<opflow.Analysis (closed)>"
        return "<opflow.Analysis of %d activities, lead time %r>" % (
            len(self), self.lead_time)

    def _repr_html_(self) -> Optional[str]:
        """A small HTML table for Jupyter: the activities (critical ones
        too), the lead time, the project's start and finish when dated,
        the deadline or status date it ran with, and the critical chains
        (``None`` once closed: the plain repr then)."""
        if self._h is None:
            return None
        try:
            return self._html()
        except errors.MisuseError:  # closed meanwhile
            return None

    @reads
    def _html(self) -> str:
        h = self._ptr
        n = int(lib.opflow_analysis_activity_count(h))
        critical = int(sum(self._column(h, 7, n)))  # opflow_column critical
        rows = [("activities", "%d (%d critical)" % (n, critical)),
                ("lead time", html.escape(_number(self.lead_time)))]
        dates = self._dated()
        if dates:
            rows.append(("working lead time",
                         html.escape(_number(self.working_lead_time))))
            rows.append(("start", html.escape(_instant_text(dates[0]))))
            rows.append(("finish", html.escape(_instant_text(dates[1]))))
        options = self.options
        if options.durations != "deterministic":
            rows.append(("durations", html.escape(options.durations)))
        if options.deadline is not None:
            rows.append(("deadline", html.escape(_number(options.deadline))))
        if options.status_date is not None:
            rows.append(("status date",
                         html.escape(_number(options.status_date))))
        chains = self._chains()
        shown = []
        for chain in chains[:_HTML_CHAINS]:
            text = " &rarr; ".join(html.escape(k)
                                   for k in chain[:_HTML_CHAIN_KEYS])
            if len(chain) > _HTML_CHAIN_KEYS:
                text += " &rarr; &hellip; (%d more)" % (
                    len(chain) - _HTML_CHAIN_KEYS)
            shown.append(text)
        if len(chains) > _HTML_CHAINS:
            shown.append("&hellip; (%d more chains)"
                         % (len(chains) - _HTML_CHAINS))
        rows.append(("critical chains", "<br>".join(shown) or "&mdash;"))
        body = "".join("<tr><th style=\"text-align:left\">%s</th>"
                       "<td style=\"text-align:left\">%s</td></tr>"
                       % (html.escape(name), value) for name, value in rows)
        return ("<table class=\"opflow\"><caption style=\"text-align:"
                "left\"><code>opflow.Analysis</code></caption>%s</table>"
                % body)

    # ------------------------------------------------- pickling, equality

    def __reduce__(self) -> Any:
        """Pickles the analysis as the text of its graph as analysed and
        the options in effect: unpickled, the graph is read back and
        analysed again, which gives an equal analysis (with a graph of its
        own, equal to the one analysed).

        Raises :class:`opflow.MisuseError` when the analysis is closed, or
        when its graph changed since it was analysed (pickle the analysis
        first, or analyse again) or was closed after a change."""
        if self._h is None:
            raise errors.MisuseError("the analysis is closed: it cannot be "
                                     "pickled")
        text = self._text
        if text is None:
            text = self._graph_text()
        o = self.options
        options = {"durations": o.durations, "deadline": o.deadline,
                   "tolerance": o.tolerance,
                   "near_critical": o.near_critical,
                   "status_date": o.status_date, "logic": o.logic}
        return (_analysis_of_text, (text, options))

    def _graph_text(self) -> str:
        """The text of the graph, when it is as it was analysed (both
        read-locked, the graph's lock first)."""
        g = self._graph
        if g is None:
            self._ptr  # closed: MisuseError
            raise errors.MisuseError("this analysis has no graph")
        glock = g._lock
        glock.acquire_read()
        try:
            lock = self._lock
            lock.acquire_read()
            try:
                self._ptr  # closed: MisuseError
                gh = g._h
                if gh is None:
                    raise errors.MisuseError(
                        "this analysis cannot be pickled: its graph was "
                        "closed after it changed (pickle an analysis "
                        "before its graph changes)")
                if not self._of_graph(g, gh, glock.version):
                    raise errors.MisuseError(
                        "this analysis cannot be pickled: its graph "
                        "changed since it was analysed (pickle it before "
                        "changing the graph, or analyse the graph again)")
                out = ctypes.c_void_p()
                size = ctypes.c_size_t()
                lib.opflow_graph_save_buffer(byref(out), byref(size), gh)
                return take_string(out.value, size.value)  # type: ignore
            finally:
                lock.release_read()
        finally:
            glock.release_read()

    def _of_graph(self, g: "Graph", gh: Any, version: int) -> bool:
        """Whether this analysis is of the graph g (handle gh) as it is
        now (both locked): the graph's lock counted no write since it was
        analysed (``version``: the count now, without the caller's own),
        or, failing that, the library says so (a change that failed
        changed nothing)."""
        if g is self._graph and self._graph_version == version:
            return True
        out = ctypes.c_void_p()
        size = ctypes.c_size_t()
        try:
            lib.opflow_analysis_write_csv(byref(out), byref(size),
                                          self._ptr, gh)
        except errors.MisuseError:
            return False
        lib.opflow_free(out.value)
        return True

    def _value(self) -> Tuple[Any, ...]:
        """Everything the analysis reports, for ==."""
        return (self.options, self.keys(), self.schedule(), self.figures(),
                self.departments, self.timeframe, self.handoff_matrix(),
                self.critical_chains, self.start, self.finish)

    def __eq__(self, other: object) -> bool:
        """Two analyses are equal when they report the same: the same
        options, activities (keys in the same order), every field of every
        :class:`~opflow.ActivityResult`, figures, departments, handoffs,
        critical chains and, dated, start and finish; whatever graph
        object they came from.  A closed analysis equals itself only."""
        if not isinstance(other, Analysis):
            return NotImplemented
        if self is other:
            return True
        if self._h is None or other._h is None:
            return False
        try:
            return self._value() == other._value()
        except errors.MisuseError:  # closed meanwhile
            return False

    def __ne__(self, other: object) -> bool:
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    def __hash__(self) -> int:
        """Made from the number of activities, the lead time and the
        options (equal analyses hash alike); kept once made, so a closed
        analysis hashes as it did."""
        value = self._hash
        if value is None:
            if self._h is None:
                value = object.__hash__(self)
            else:
                value = hash((len(self), self.lead_time, self.options))
            self._hash = value
        return value

    # ------------------------------------------------------------- options

    @property
    @reads
    def options(self) -> Options:
        """The options the analysis ran with, as in effect (an
        :class:`~opflow.Options`): ``durations``, ``deadline`` (``None``
        without one), ``tolerance`` (the one used: given, or the default
        1e-9 * max(1, lead time)), ``near_critical``, ``status_date``
        (``None`` without one) and ``logic``."""
        self._ptr  # closed: MisuseError, also once read
        if self._options is None:
            # the library writes the fields of the version set here only
            o = AnalysisOptions()
            o.version = ANALYSIS_OPTIONS_VERSION
            lib.opflow_analysis_get_options(byref(o), self._ptr)
            self._options = Options(
                _DURATION_MODE.name(o.duration_mode),
                o.deadline if o.has_deadline else None,
                o.tolerance, o.near_critical,
                o.status_date if o.has_status_date else None,
                _LOGIC.name(o.logic))
        return self._options

    # ------------------------------------------------------------- exports

    def _export(self, write: Callable[..., int]) -> str:
        """Text written by an export of this analysis with its graph, both
        read-locked (the graph's lock first, always, as Graph.to_dot
        does)."""
        g = self._graph
        if g is None:
            self._ptr  # closed: MisuseError
            raise errors.MisuseError("this analysis has no graph to export "
                                     "with")
        glock = g._lock
        glock.acquire_read()
        try:
            lock = self._lock
            lock.acquire_read()
            try:
                out = ctypes.c_void_p()
                size = ctypes.c_size_t()
                write(byref(out), byref(size), self._ptr, g._ptr)
                return take_string(out.value, size.value)  # type: ignore
            finally:
                lock.release_read()
        finally:
            glock.release_read()

    def to_csv(self) -> str:
        """The schedule as CSV (RFC 4180, CRLF line ends): a header
        ``key,label,kind,category,department,stage,duration,es,ef,ls,lf,
        total_float,free_float,critical``, then one row per activity in id
        order, numbers in their shortest round-trip form, absent values
        empty.  Parse it with ``csv.reader(io.StringIO(text))``.

        Needs the graph as it was analysed: raises
        :class:`opflow.MisuseError` once it changed or was closed."""
        return self._export(lib.opflow_analysis_write_csv)

    def to_json(self) -> str:
        """Every figure of the analysis as the library's JSON report
        (``"format": "opflow-report"``, ``"format_version": 1``): options,
        scope, timeframe, PERT, critical path, handoff matrix and every
        activity; absent figures are ``null``.

        Needs the graph as it was analysed: raises
        :class:`opflow.MisuseError` once it changed or was closed."""
        return self._export(lib.opflow_analysis_write_json)

    def report(self) -> Dict[str, Any]:
        """:meth:`to_json`, parsed: a ``dict``."""
        return json.loads(self.to_json())

    def to_svg(self, *, group: str = "stage", max_rows: int = 500) -> str:
        """The analysis as an SVG Gantt chart (``opflow_analysis_write_gantt``):
        a bar per activity from early start to early finish, its float a
        tail to the late finish, the critical path red, rows grouped by
        ``group`` (``"stage"`` or ``"department"``), the production
        window shaded, a time axis in units or, dated, in dates; past
        ``max_rows`` activities (0: no limit), one row per department.
        Needs the graph as it was analysed, as :meth:`to_csv` does."""
        if group not in ("stage", "department"):
            raise errors.InvalidArgumentError(
                "group is 'stage' or 'department', not %r" % (group,),
                errors.OPFLOW_EINVAL)
        rows = integer(max_rows, "max_rows")
        if rows < 0:
            raise errors.InvalidArgumentError(
                "max_rows must be 0 (no limit) or more, not %d" % rows,
                errors.OPFLOW_EINVAL)
        opts = GanttOptions()
        lib.opflow_gantt_options_init(byref(opts), GANTT_OPTIONS_VERSION)
        opts.group = 0 if group == "stage" else 1
        opts.max_rows = rows

        def write(out: Any, size: Any, a: Any, g: Any) -> int:
            return lib.opflow_analysis_write_gantt(out, size, a, g,
                                                   byref(opts))
        return self._export(write)

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` (pandas needed only here): one row per
        activity in id order, the key as the index, the columns
        ``duration``, ``es`` ... ``free_float``, ``critical``,
        ``near_critical``, ``stage``, ``department``, ``kind``,
        ``category``, ``state``, ``remaining_start`` and the ``start``,
        ``finish``, ``late_start`` and ``late_finish`` instants (NaT
        when undated), read column by column.  Needs the graph as it was
        analysed, as the exports do.  See :mod:`opflow.frames`."""
        from . import frames
        return frames.analysis_to_pandas(self)

    def to_networkx(self, multigraph: bool = False) -> Any:
        """:meth:`opflow.Graph.to_networkx` of the graph as it was
        analysed, its nodes also carrying ``es`` ... ``stage`` (and the
        progress and instants where the analysis has them), its edges
        ``driving``.  See :mod:`opflow.frames`."""
        from . import frames
        return frames.analysis_to_networkx(self, multigraph)

    def plot(self, ax: Any = None, **style: Any) -> Any:
        """A Gantt chart drawn with matplotlib (needed only here): a bar
        from early start to early finish per activity, the critical ones
        highlighted, the total float as a tail; returns the
        ``matplotlib.axes.Axes`` (``ax``, or a new figure's).  See
        :mod:`opflow.frames`."""
        from . import frames
        return frames.analysis_plot(self, ax, **style)

    # ------------------------------------------------------------- figures

    @reads
    def figure(self, name: str) -> Optional[float]:
        """One figure by its name (see ``opflow.FIGURES``); ``None`` when
        it is absent.  Counts come back as floats here."""
        return optional_double(lib.opflow_analysis_figure, self._ptr,
                               _FIGURE.value(name))

    def figures(self) -> Dict[str, Optional[float]]:
        """Every figure by name, ``None`` for the absent ones."""
        return {name: self.figure(name) for name in _FIGURE.names}

    def _figures(self, names: Tuple[str, ...]) -> List[Any]:
        values = []
        for name in names:
            v = self.figure(name)
            if v is not None and name in _COUNT_FIGURES:
                v = int(v)
            values.append(v)
        return values

    @property
    def lead_time(self) -> float:
        """The lead time T: the largest early finish (0 for no activity).
        With a status date, the forecast lead time: the largest forecast
        early finish, a completed activity counting its actual finish."""
        return self.figure("lead_time")  # type: ignore[return-value]

    @property
    @reads
    def scope(self) -> Scope:
        """Scope, customer and collaboration figures (:class:`Scope`)."""
        self._ptr  # closed: MisuseError, also once read
        if self._scope is None:
            self._scope = Scope(*self._figures(Scope._fields))
        return self._scope

    @property
    @reads
    def timeframe(self) -> Timeframe:
        """Timeframe figures (:class:`Timeframe`)."""
        self._ptr  # closed: MisuseError, also once read
        if self._timeframe is None:
            h = self._ptr
            plain = self._figures(Timeframe._fields[:8])
            out = ctypes.c_double()
            by_dept: Dict[Optional[str], float] = {}
            for d, key in enumerate(self.departments):
                lib.opflow_analysis_critical_time_by_department(
                    byref(out), h, d)
                by_dept[key] = out.value
            lib.opflow_analysis_critical_time_by_department(
                byref(out), h, OPFLOW_NONE)
            by_dept[None] = out.value
            by_kind = {}
            for k, name in enumerate(_KIND.names):
                lib.opflow_analysis_critical_time_by_kind(byref(out), h, k)
                by_kind[name] = out.value
            self._timeframe = Timeframe(
                *plain, types.MappingProxyType(by_dept),
                types.MappingProxyType(by_kind))
        return self._timeframe

    @property
    def pert_lead_time(self) -> Optional[float]:
        """PERT's expected lead time (from the means (o + 4m + p) / 6)."""
        return self.figure("pert_lead_time")

    @property
    def pert_stddev(self) -> Optional[float]:
        """PERT's standard deviation: the square root of the largest summed
        variance over the critical paths of the PERT schedule."""
        return self.figure("pert_stddev")

    @property
    def pert_probability(self) -> Optional[float]:
        """P(lead time <= deadline) by the normal approximation; ``None``
        when the analysis had no deadline."""
        return self.figure("pert_probability")

    @property
    @reads
    def departments(self) -> Tuple[str, ...]:
        """The department keys as they were when the graph was analysed,
        in department-id order."""
        h = self._ptr
        out = ctypes.c_char_p()
        keys = []
        for d in range(lib.opflow_analysis_department_count(h)):
            lib.opflow_analysis_department_key(byref(out), h, d)
            keys.append(out.value.decode("utf-8"))
        return tuple(keys)

    @reads
    def handoff_matrix(self) -> Dict[Tuple[str, str], int]:
        """``{(from_department, to_department): count}`` for every pair with
        at least one handoff (parallel flows count separately), ordered by
        from-department id, then to-department id."""
        h = self._ptr
        depts = self.departments
        src, dst, count = c_id(), c_id(), ctypes.c_size_t()
        matrix = {}
        for e in range(lib.opflow_analysis_handoff_count(h)):
            lib.opflow_analysis_handoff(byref(src), byref(dst), byref(count),
                                        h, e)
            matrix[(depts[src.value], depts[dst.value])] = int(count.value)
        return matrix

    # ------------------------------------------------------------ baseline

    @reads
    def compare(self, baseline: "Analysis") -> Comparison:
        """This analysis against a ``baseline``, an earlier
        :class:`Analysis` (of this graph or another), activities matched by
        key: a :class:`~opflow.Comparison` with the slip of the lead time
        (``.slip``), the difference of any figure (``.figure(name)``), the
        start and finish variances of each activity (``cmp[key]``), the
        activities that finish later than in the baseline (``.slipped``)
        and the counts of ``matched``, ``added`` and ``removed``
        activities.  Positive differences mean late.

        Both analyses are only read; the comparison keeps copies of what it
        reports and stays valid after either is closed.  Raises
        ``TypeError`` when ``baseline`` is not an :class:`Analysis`, and
        :class:`opflow.MisuseError` when either is closed.
        """
        if not isinstance(baseline, Analysis):
            raise TypeError("the baseline must be an opflow.Analysis, not %s"
                            % type_name(baseline))
        h = self._ptr
        keys = self._key_list()
        # the baseline's lock is a Readers lock too: taking it never waits
        lock = baseline._lock
        lock.acquire_read()
        try:
            out = ComparisonPtr()
            lib.opflow_compare(byref(out), h, baseline._ptr)
        finally:
            lock.release_read()
        return Comparison(out, keys)

    # ------------------------------------------------------- critical path

    @property
    def critical_chains(self) -> List[List[str]]:
        """The critical path as the library reports it: *chains* of
        critical activities (each a list of keys), each critical activity
        hanging from the source of its **driving flow** (one flow into it,
        the tight one added first) when that source is critical; the
        chains are the root-to-leaf paths of the forest so formed, ordered
        by early start, then id (``opflow_analysis_chain``).  Every
        critical activity is on one chain at least; an activity with two
        critical predecessors hangs from one of them only, so this is not
        the list of every critical path: :meth:`critical_paths` gives
        that.  Until 1.4 this was ``critical_path`` (which still works,
        with a ``DeprecationWarning``)."""
        return self._critical_chains()

    @property
    def critical_path(self) -> List[List[str]]:
        """Deprecated name of :attr:`critical_chains` (the chains of
        critical activities joined by driving flows; not every critical
        path, which :meth:`critical_paths` enumerates)."""
        warnings.warn("Analysis.critical_path is deprecated: it is "
                      "Analysis.critical_chains (chains joined by driving "
                      "flows); Analysis.critical_paths() enumerates every "
                      "critical path", PendingDeprecationWarning, stacklevel=2)
        return self._critical_chains()

    @reads
    def _critical_chains(self) -> List[List[str]]:
        return self._chains()

    def _chains(self) -> List[List[str]]:
        """The critical chains (the lock held)."""
        h = self._ptr
        keys = self._key_list()
        length = ctypes.c_size_t()
        chains = []
        for c in range(lib.opflow_analysis_chain_count(h)):
            lib.opflow_analysis_chain(byref(length), None, 0, h, c)
            ids = (c_id * length.value)()
            lib.opflow_analysis_chain(byref(length), ids, len(ids), h, c)
            chains.append([keys[i] for i in ids])
        return chains

    @reads
    def each_critical_path(self, callback: Callable[[List[str]], Any],
                           limit: Optional[int] = None) -> Tuple[int, bool]:
        """Calls ``callback(path)`` for every critical path through tight
        flows (a list of keys), in lexicographic order of (early start,
        id), at most ``limit`` times (``None``: no limit).  A true return
        value stops the enumeration.  An exception raised by the callback
        stops it too and is raised again here, once the library has
        returned.

        Returns ``(delivered, more)``: the number of paths delivered, and
        whether the limit stopped the enumeration with paths left.
        """
        h = self._ptr
        if not callable(callback):
            raise TypeError("callback must be callable, not %s"
                            % type_name(callback))
        if limit is None:
            cap = SIZE_MAX
        else:
            cap = integer(limit, "limit")
            if cap < 0:
                raise errors.InvalidArgumentError(
                    "limit must be >= 0, not %d" % cap)
            cap = min(cap, SIZE_MAX)
        keys = self._key_list()
        failure: List[BaseException] = []

        def on_path(ids: Any, length: int, payload: Any) -> int:
            # Nothing may escape into C: ctypes would print and drop it.
            try:
                return 1 if callback([keys[i] for i in ids[:length]]) else 0
            except BaseException as e:  # noqa: B902 - re-raised below
                failure.append(e)
                return 1

        c_callback = PATH_CALLBACK(on_path)  # referenced until C returns
        count = ctypes.c_size_t()
        more = ctypes.c_int()
        lib.opflow_analysis_critical_paths(byref(count), byref(more), h, cap,
                                           c_callback, None)
        del c_callback
        if failure:
            raise failure[0]
        return int(count.value), bool(more.value)

    def critical_paths(self, limit: Optional[int] = 100) -> CriticalPaths:
        """Every critical path through tight flows, at most ``limit`` of
        them (``None``: all; beware, there may be exponentially many).
        Unlike :attr:`critical_chains`, which follow one driving flow into
        each activity, these follow every tight flow between critical
        activities, from a critical activity that none enters to one that
        none leaves (``opflow_analysis_critical_paths``).

        Returns a :class:`~opflow.CriticalPaths`, a list of key lists whose
        ``more`` attribute is ``True`` when more paths exist than were
        delivered."""
        paths = CriticalPaths()
        _, more = self.each_critical_path(paths.append, limit)
        paths.more = more
        return paths
