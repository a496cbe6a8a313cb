"""The result of an analysis: schedule, floats, criticality, stages,
critical path, scope, timeframe and PERT figures.

An :class:`Analysis` is immutable and independent of its graph: the C
result keeps its own copy of every key it needs, so it does not keep the
:class:`opflow.Graph` alive, and stays valid and unchanged after the graph
is changed, closed or garbage-collected.
"""
from __future__ import annotations

import ctypes
import types
import weakref
from ctypes import byref
from typing import (Any, Callable, Dict, Iterator, List, Optional, Tuple,
                    Union)

from . import errors
from ._capi import (OPFLOW_NONE, PATH_CALLBACK, SIZE_MAX, AnalysisPtr, c_id,
                    lib, raise_last_error)
from ._convert import activity_id, integer, type_name
from ._lock import RWLock, reads, writes
from .names import _FIGURE, _FLOW_TYPE, _KIND, _STAGE
from .records import (ActivityResult, CriticalPaths, Flow, Scope, Timeframe)

__all__ = ["Analysis"]

_COUNT_FIGURES = frozenset([
    "activities", "production_activities", "operation_activities",
    "departments", "production_departments", "categories",
    "production_categories", "customer_facing", "handoffs",
    "production_handoffs", "boundary_handoffs", "operation_handoffs",
])


class Analysis:
    """The immutable result of :meth:`opflow.Graph.analyze`.

    ``res[key]`` (or ``res[id]``) is the :class:`~opflow.ActivityResult`
    of an activity; iterating yields them in id order.  The figures are
    properties (:attr:`lead_time`, :attr:`scope`, :attr:`timeframe`,
    :attr:`pert_lead_time`...); an absent figure is ``None``.

    The result owns C memory: :meth:`close` (or a ``with`` block) frees it
    at once, the garbage collector otherwise.  Using it after ``close()``
    raises :class:`opflow.MisuseError`.  It may be read from many threads
    at once.
    """

    def __init__(self, handle: Any) -> None:
        # Made by Graph.analyze(); handle is an owned opflow_analysis *.
        if not isinstance(handle, AnalysisPtr) or not handle:
            raise TypeError("Analysis objects are made by Graph.analyze()")
        self._lock = RWLock()
        self._h: Optional[Any] = handle
        self._finalizer = weakref.finalize(self, lib.opflow_analysis_free,
                                           handle)
        self._keys: Optional[List[str]] = None
        self._index: Optional[Dict[str, int]] = None
        self._scope: Optional[Scope] = None
        self._timeframe: Optional[Timeframe] = None

    # ------------------------------------------------------------ lifetime

    @writes
    def close(self) -> None:
        """Frees the C result now; later calls do nothing."""
        self._h = None
        self._finalizer()

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._h is None

    def __enter__(self) -> "Analysis":
        self._ptr
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __reduce__(self) -> Any:
        raise TypeError("an opflow.Analysis cannot be pickled")

    @property
    def _ptr(self) -> Any:
        h = self._h
        if h is None:
            raise errors.MisuseError("the analysis is closed")
        return h

    # ---------------------------------------------------------- activities

    def _key_list(self) -> List[str]:
        keys = self._keys
        if keys is None:
            h = self._ptr
            out = ctypes.c_char_p()
            get = lib.opflow_analysis_activity_key
            keys = []
            for i in range(lib.opflow_analysis_activity_count(h)):
                get(byref(out), h, i)
                keys.append(out.value.decode("utf-8"))
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
                return self._index[item]
            except KeyError:
                raise errors.NotFoundError(
                    "no activity %r in the analysis" % item) from None
        if isinstance(item, int) and not isinstance(item, bool):
            return activity_id(item)
        raise TypeError("an analysis is indexed by activity key (str) or "
                        "id (int), not %s" % type_name(item))

    @reads
    def __len__(self) -> int:
        return int(lib.opflow_analysis_activity_count(self._ptr))

    @reads
    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            raise TypeError("activity keys are str, not %s" % type_name(key))
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
    def __getitem__(self, item: Union[str, int]) -> ActivityResult:
        """The result of one activity, by key or by id."""
        h = self._ptr
        i = self._id(item)
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
        key = self._key(i)
        driving = None
        if flow.value != OPFLOW_NONE:
            driving = Flow(self._key(src.value), key,
                           _FLOW_TYPE.name(ftype.value), lag.value,
                           flow.value)
        return ActivityResult(key, i, d.value, es.value, ef.value,
                              ls.value, lf.value, tf.value, ff.value,
                              bool(crit.value), bool(near.value),
                              _STAGE.name(stage.value), driving)

    def __iter__(self) -> Iterator[ActivityResult]:
        """The results of every activity, in id order."""
        for i in range(len(self)):
            yield self[i]

    def __repr__(self) -> str:
        if self._h is None:
            return "<opflow.Analysis (closed)>"
        return "<opflow.Analysis of %d activities, lead time %r>" % (
            len(self), self.lead_time)

    # ------------------------------------------------------------- figures

    @reads
    def figure(self, name: str) -> Optional[float]:
        """One figure by its name (see ``opflow.FIGURES``); ``None`` when
        it is absent.  Counts come back as floats here."""
        h = self._ptr
        f = _FIGURE.value(name)
        out = ctypes.c_double()
        rc = lib.opflow_analysis_figure(byref(out), h, f)
        if rc == errors.OPFLOW_ENOTFOUND:
            lib.opflow_error_clear()
            return None
        if rc < 0:
            raise_last_error(rc)
        return out.value

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
        """The lead time T: the largest early finish (0 for no activity)."""
        return self.figure("lead_time")  # type: ignore[return-value]

    @property
    @reads
    def scope(self) -> Scope:
        """Scope, customer and collaboration figures (:class:`Scope`)."""
        if self._scope is None:
            self._scope = Scope(*self._figures(Scope._fields))
        return self._scope

    @property
    @reads
    def timeframe(self) -> Timeframe:
        """Timeframe figures (:class:`Timeframe`)."""
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

    # ------------------------------------------------------- critical path

    @property
    @reads
    def critical_path(self) -> List[List[str]]:
        """The critical path as chains of critical activities joined by
        driving flows (each a list of keys), ordered by early start, then
        id."""
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

        Returns a :class:`~opflow.CriticalPaths`, a list of key lists whose
        ``more`` attribute is ``True`` when more paths exist than were
        delivered."""
        paths = CriticalPaths()
        _, more = self.each_critical_path(paths.append, limit)
        paths.more = more
        return paths
