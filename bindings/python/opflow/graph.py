"""The value-chain graph: activities joined by flows, departments, and
calendars of working time with the project start of a dated graph;
loading and saving it in the ``.opflow`` text format (``opflow(5)``).

Activities are named by their key (a ``str``), the stable identity; the C
library's dense ids move when an activity is removed, so the Python API
takes keys everywhere and shows ids only for information (and in the bulk
calls, where they are what makes loading fast).
"""
from __future__ import annotations

import array
import contextlib
import ctypes
import datetime as _dt
import gc
import html
import io
import numbers
import os
import sys
import weakref
from ctypes import byref
from collections.abc import Mapping as _Mapping, MutableMapping
from itertools import repeat
from typing import (IO, Any, Dict, Iterable, Iterator, List, Mapping,
                    Optional, Sequence, Tuple, Union)

from . import errors
from ._capi import (ACTIVITY_OPTIONS_VERSION, ANALYSIS_OPTIONS_VERSION,
                    CHECK_OPTIONS_VERSION, INT_MAX, ActivityOptions,
                    AnalysisOptions, AnalysisPtr, CheckOptions, FindingsPtr,
                    GraphPtr, OPFLOW_NONE, c_id, lib, raise_last_error,
                    take_string)
from ._convert import (IdColumn, c_str, c_str_or_none, double_column,
                       estimate as estimate_of, flag, from_c_str, id_column,
                       int_column, integer, key_block, plain_str, real, real_or_none, type_name)
from ._convert import (_as_list, _buffer_values, _check_len,  # columns
                       _memoryview)
from ._lock import RWLock, reads, writes
from .analysis import Analysis
from .dates import (calendar_arg, format_instant,
                    instant as instant_of_arg, is_date,
                    seconds as seconds_arg, spec_text, to_datetime,
                    unit_seconds, unit_value)
from .names import (_CATEGORY, _DURATION_MODE, _FINDING_KIND, _FLOW_TYPE,
                    _KIND, _SEVERITY, _TRACKING, _logic_value)
from .records import Finding, Flow
from .simulation import Simulation, simulate as _simulate

__all__ = ["Graph", "Activity", "Departments", "Flows", "Calendars", "load",
           "loads"]

PathLike = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]


def _c_path(path: Any, what: str = "path") -> bytes:
    """A path (str, bytes or os.PathLike) as the bytes C's fopen() takes,
    encoded as ``os.fsencode`` does (the file system encoding, with
    surrogateescape), but through the methods of ``str`` and ``bytes``
    themselves.  A path that encoding cannot represent (a lone surrogate
    outside the escapes, say) names no file: InvalidArgumentError, as for a
    NUL character."""
    if not isinstance(path, (str, bytes)):
        try:
            path = os.fspath(path)
        except TypeError:
            raise TypeError("%s must be a str, bytes or os.PathLike, not %s"
                            % (what, type_name(path))) from None
    if isinstance(path, str):
        path = plain_str(path)
        try:
            raw = path.encode(sys.getfilesystemencoding(),
                              sys.getfilesystemencodeerrors())
        except UnicodeEncodeError as e:
            raise errors.InvalidArgumentError(
                "%s %r cannot be encoded for the file system (%s)"
                % (what, path, e.reason)) from None
    else:
        raw = b"".join((path,))  # exact bytes, even of a subclass
    if b"\0" in raw:
        raise errors.InvalidArgumentError(
            "%s %r contains a NUL character" % (what, raw))
    return raw


def _set_filename(e: errors.Error, path: Any) -> None:
    if isinstance(e, OSError):
        e.filename = os.fspath(path)


def loads(text: Union[str, bytes, bytearray, memoryview]) -> "Graph":
    """A new :class:`Graph` from text in the ``.opflow`` format.

    ``text`` is a ``str`` (encoded as UTF-8; lone surrogates are passed on,
    so the parser refuses them as invalid UTF-8) or a bytes-like object
    (``bytes``, ``bytearray``, ``memoryview``...), passed with its length:
    a NUL byte in it reaches the parser and is an error, it never ends the
    text.  A byte order mark and CRLF line ends are accepted; an empty text
    is an empty graph.

    Raises :class:`opflow.ParseError` (a ``ValueError``) with ``line`` and
    ``column`` (1-based, columns in bytes of the UTF-8 text), both in its
    message too, on malformed text; its ``file`` is ``None``.
    """
    if isinstance(text, str):
        data = text.encode("utf-8", "surrogatepass")
    elif isinstance(text, bytes):
        data = text
    else:
        try:
            data = memoryview(text).tobytes()
        except TypeError:
            raise TypeError("loads() takes a str or a bytes-like object, "
                            "not %s" % type_name(text)) from None
    handle = GraphPtr()
    lib.opflow_graph_load_buffer(byref(handle), data, len(data))
    return Graph._from_handle(handle)


def _graph_of_text(text: str, cls: Any = None) -> "Graph":
    """A graph (of class cls, a Graph by default) unpickled from its
    text."""
    data = text.encode("utf-8", "surrogatepass")
    handle = GraphPtr()
    lib.opflow_graph_load_buffer(byref(handle), data, len(data))
    return (cls or Graph)._from_handle(handle)


def load(source: Union[PathLike, IO[Any]]) -> "Graph":
    """A new :class:`Graph` from a ``.opflow`` file.

    ``source`` is a path (``str``, ``bytes`` or ``os.PathLike``: the library
    opens and reads it) or a file object open for reading, binary or text
    (read to its end here, then parsed as :func:`loads` does; open text
    files with ``encoding="utf-8"``).  ``bytes`` are a path, as for
    ``open()``: pass file contents to :func:`loads`.

    Raises :class:`opflow.ParseError` on malformed text, whose ``file``
    (the path as given, or a file object's ``name``), ``line`` and
    ``column`` say where, in its message too (``"plant.opflow:3:17:
    unknown kind both"``), and ``opflow.IOError`` (an ``OSError``, whose
    ``filename`` is the path) when the file cannot be opened or read.
    """
    if hasattr(source, "read") and not isinstance(source, (str, bytes)):
        try:
            return loads(source.read())
        except errors.ParseError as e:
            name = getattr(source, "name", None)
            if isinstance(name, (str, bytes, os.PathLike)):
                e._in_file(os.fspath(name))
            raise
    path = _c_path(source)
    handle = GraphPtr()
    try:
        lib.opflow_graph_load_path(byref(handle), path)
    except errors.IOError as e:
        _set_filename(e, source)
        raise
    except errors.ParseError as e:
        e._in_file(os.fspath(source))
        raise
    return Graph._from_handle(handle)

KeyLike = Union[str, "Activity"]
Estimate = Tuple[float, float, float]

# The fast paths of add_activity and add_flow: the C functions bound
# without ctypes' argument conversion (see lib.unchecked), called with
# values checked here first, in the common case of plain str keys, names
# and numbers; anything else takes the general path, which converts and
# checks every argument (and so raises the same errors as ever).
_type = type
_c_add_activity = lib.unchecked("opflow_graph_add_activity")
_c_add_activity_ext = lib.unchecked("opflow_graph_add_activity_ext")
_c_add_flow = lib.unchecked("opflow_graph_add_flow")
_c_flow_elapsed = lib.unchecked("opflow_graph_flow_elapsed")
_c_double = ctypes.c_double
_new_record = tuple.__new__  # a named tuple from a tuple, without __new__


def _options_template() -> bytes:
    opts = ActivityOptions()
    lib.opflow_activity_options_init(byref(opts), ACTIVITY_OPTIONS_VERSION)
    return bytes(opts)


_OPTIONS_TEMPLATE = _options_template()
_new_options = ActivityOptions.from_buffer_copy
_DEFAULT_CATEGORY = _new_options(_OPTIONS_TEMPLATE).category


class Graph:
    """A value-chain graph of activities joined by flows.

    >>> g = opflow.Graph()
    >>> g.add_activity("cut", category="manufacturing", duration=2)
    >>> g.add_activity("weld", category="manufacturing", duration=6)
    >>> g.add_flow("cut", "weld")
    >>> g.analyze().lead_time
    8.0

    ``len(g)`` is the number of activities, ``key in g`` tests a key,
    iterating yields :class:`Activity` views in id order (insertion order),
    ``g[key]`` is the view of one activity.  ``g.flows`` and
    ``g.departments`` are views of the flows and departments,
    ``g.calendars`` of the calendars of working time (libopflow 1.4; see
    :meth:`add_calendar`); a graph with a :attr:`start` is dated.

    The graph owns C memory: :meth:`close` (or a ``with`` block) frees it
    at once, the garbage collector otherwise; using it after ``close()``
    raises :class:`opflow.MisuseError`.  Threads: a graph may be read (and
    analysed) from many threads at once, but not changed while another
    thread reads it; a reader-writer lock per graph makes changes wait for
    the reads in progress.
    """

    def __init__(self) -> None:
        handle = GraphPtr()
        lib.opflow_graph_new(byref(handle))
        self._adopt(handle)

    @classmethod
    def _from_handle(cls, handle: Any) -> "Graph":
        g = cls.__new__(cls)
        g._adopt(handle)
        return g

    def _adopt(self, handle: Any) -> None:
        self._lock = RWLock()
        self._h: Optional[Any] = handle
        # Ids of activities by key, filled as activities are added or
        # looked up one at a time; emptied when activities are removed
        # (ids move).  Read and changed with the lock held for writing;
        # _out receives ids then too.
        self._ids: Dict[str, int] = {}
        self._out = c_id()
        self._pout = byref(self._out)
        # the options of add_activity with a duration, filled then too
        self._opts = _new_options(_OPTIONS_TEMPLATE)
        self._opts.has_duration = 1
        self._popts = byref(self._opts)
        # True while no flow is known to be elapsed (a new graph, or one
        # read through and found so): then no flow's flag needs reading.
        # Set False under the write lock by whatever may make one elapsed.
        self._no_elapsed = not lib.opflow_graph_flow_count(handle)
        # weak references to the analyses made of this graph, by id, for
        # close() to leave them the text of the graph they were made of
        # (for pickling)
        self._analyses: Dict[int, Any] = {}
        self._finalizer = weakref.finalize(self, lib.opflow_graph_free,
                                           handle)
        # Not at exit: code that runs later in the shutdown (a __del__, a
        # daemon thread) may still use the graph; the OS reclaims it.
        self._finalizer.atexit = False

    # ------------------------------------------------------------ lifetime

    @writes
    def close(self) -> None:
        """Frees the C graph now; later calls do nothing.  Analyses made
        from it stay valid.  Raises :class:`opflow.MisuseError` when called
        by code that runs while the same thread reads or changes the graph
        (a callback, a finalizer).

        An analysis of the graph as it is now that is still alive keeps
        the graph's text, so that it can still be pickled."""
        if self._h is not None and self._analyses:
            self._leave_text()
        self._h = None
        self._finalizer()

    def _leave_text(self) -> None:
        """Gives the live analyses of this graph as it is now its text
        (the lock held for writing, by close)."""
        text = None
        h = self._h
        for ref in list(self._analyses.values()):
            res = ref()
            if res is None or res._text is not None:
                continue
            # read-locked (never waits), so that no thread frees it now;
            # the write lock taken by close() counted one version more
            res._lock.acquire_read()
            try:
                if res._h is None or not res._of_graph(
                        self, h, self._lock.version - 1):
                    continue
            finally:
                res._lock.release_read()
            if text is None:
                out = ctypes.c_void_p()
                size = ctypes.c_size_t()
                try:
                    lib.opflow_graph_save_buffer(byref(out), byref(size), h)
                except errors.Error:
                    return  # not writable (a calendar too long): no text
                text = take_string(out.value, size.value)
            res._text = text
        self._analyses.clear()

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._h is None

    def __enter__(self) -> "Graph":
        self._ptr
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @property
    def _ptr(self) -> Any:
        h = self._h
        if h is None:
            raise errors.MisuseError("the graph is closed")
        return h

    def __reduce__(self) -> Any:
        """Pickles the graph as its ``.opflow`` text (:meth:`dumps`:
        activities, flows, departments, calendars, the start and the
        unit); unpickled, it equals this graph.  A closed graph cannot be
        pickled: :class:`opflow.MisuseError`."""
        if self._h is None:
            raise errors.MisuseError("the graph is closed: it cannot be "
                                     "pickled")
        return (_graph_of_text, (self.dumps(), type(self)))

    @reads
    def clone(self) -> "Graph":
        """A deep copy: activities, flows and departments, in order; the
        calendars and their assignments, the elapsed flags of the flows,
        the start and the unit."""
        handle = GraphPtr()
        lib.opflow_graph_clone(byref(handle), self._ptr)
        g = Graph._from_handle(handle)
        g._no_elapsed = self._no_elapsed
        return g

    __copy__ = clone

    def __deepcopy__(self, memo: Dict[int, Any]) -> "Graph":
        return self.clone()

    def __eq__(self, other: object) -> bool:
        """Equal activities, flows and departments, in the same order, with
        bit-identical numbers; the same calendars (keys and canonical
        specs, in order), assignments, elapsed flags, start and unit
        (``opflow_graph_equal``)."""
        if not isinstance(other, Graph):
            return NotImplemented
        # both locks, always in the same order (no deadlock between
        # a == b and b == a under waiting writers)
        first, second = sorted((self._lock, other._lock), key=id)
        first.acquire_read()
        try:
            second.acquire_read()
            try:
                return lib.opflow_graph_equal(self._ptr, other._ptr) == 1
            finally:
                second.release_read()
        finally:
            first.release_read()

    def __ne__(self, other: object) -> bool:
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        if self._h is None:
            return "<opflow.Graph (closed)>"
        return "<opflow.Graph of %d activities, %d flows, %d departments>" % (
            len(self), len(self.flows), len(self.departments))

    def _repr_html_(self) -> Optional[str]:
        """A small HTML table for Jupyter: the counts, the first keys and,
        for a dated graph, its start and unit (``None`` once closed: the
        plain repr then)."""
        lock = self._lock
        lock.acquire_read()
        try:
            h = self._h
            if h is None:
                return None
            n = lib.opflow_graph_activity_count(h)
            rows = [("activities", str(n)),
                    ("flows", str(lib.opflow_graph_flow_count(h))),
                    ("departments",
                     str(lib.opflow_graph_department_count(h)))]
            calendars = lib.opflow_graph_calendar_count(h)
            if calendars:
                rows.append(("calendars", str(calendars)))
            keys = [self._key(i) for i in range(min(n, _HTML_KEYS))]
        finally:
            lock.release_read()
        if keys:
            shown = ", ".join(html.escape(k) for k in keys)
            if n > len(keys):
                shown += ", &hellip; (%d more)" % (n - len(keys))
            rows.append(("keys", shown))
        try:
            start, unit = self.start, self.unit
        except errors.MisuseError:  # closed meanwhile
            return None
        if start is not None:
            rows.append(("start", html.escape(format_instant(start))))
            rows.append(("unit", html.escape(str(unit))))
        return _html_table("opflow.Graph", rows)

    # ------------------------------------------------------------- lookups

    def _key_str(self, key: Any) -> str:
        """The key of an activity given by key or by a view of this graph
        (a view of another graph: InvalidArgumentError)."""
        if isinstance(key, Activity):
            if key._graph is not self:
                raise errors.InvalidArgumentError(
                    "%r is a view of another graph" % key)
            return key._key
        if not isinstance(key, str):
            raise TypeError("an activity is given by its key (str) or its "
                            "view, not %s" % type_name(key))
        return plain_str(key)

    def _key_bytes(self, key: Any) -> bytes:
        """An activity key or view as the bytes C looks up."""
        return c_str(self._key_str(key), "activity key")

    def _find(self, key: bytes) -> int:
        """The id of the activity whose key is these bytes (the lock
        held)."""
        out = c_id()
        lib.opflow_graph_find_activity(byref(out), self._ptr, key)
        return out.value

    def _find_block(self, block: bytes,
                    count: int) -> Tuple["array.array[int]", int]:
        """The ids of count keys, in one C call (the lock held), and the
        place of the first key that is not found or not valid (count when
        none: the ids are complete).  block is a key_block: the keys joined
        by NUL, the last one ended by the NUL past the end of every bytes
        object."""
        out = array.array("I", [0]) * count
        failed = ctypes.c_size_t(count)
        if count:
            try:
                lib.opflow_graph_find_activities(
                    (c_id * count).from_buffer(out), byref(failed),
                    self._ptr, count, block, len(block) + 1)
            except errors.Error:
                if failed.value >= count:
                    raise
        return out, failed.value

    def _find_many(self, block: bytes, count: int) -> "array.array[int]":
        """The ids of count keys as :meth:`_find_block` finds them; the
        first key that fails raises what looking it up alone raises."""
        out, failed = self._find_block(block, count)
        if failed < count:
            key = block.split(b"\0")[failed]  # no NUL ends the last
            self._find(key)
            raise errors.NotFoundError("no activity %r" % key)
        return out

    def _key(self, activity: int) -> str:
        out = ctypes.c_char_p()
        lib.opflow_graph_activity_key(byref(out), self._ptr, activity)
        return out.value.decode("utf-8")

    def _flow(self, flow: int) -> Flow:
        h = self._ptr
        src, dst, ftype, lag = c_id(), c_id(), ctypes.c_int(), \
            ctypes.c_double()
        lib.opflow_graph_flow(byref(src), byref(dst), byref(ftype),
                              byref(lag), h, flow)
        elapsed = ctypes.c_int()
        lib.opflow_graph_flow_elapsed(byref(elapsed), h, flow)
        return Flow(self._key(src.value), self._key(dst.value),
                    _FLOW_TYPE.name(ftype.value), lag.value, flow,
                    bool(elapsed.value))

    def _elapsed_flags(self, m: int) -> Optional[List[bool]]:
        """The elapsed flag of every flow, in id order, or None when none
        is elapsed (the lock held; m is the flow count)."""
        if self._no_elapsed or not m:
            return None
        h = self._ptr
        out = ctypes.c_int()
        pout = byref(out)
        flags = []
        append = flags.append
        get = _c_flow_elapsed if m - 1 <= INT_MAX else \
            lib.opflow_graph_flow_elapsed
        for f in range(m):
            rc = get(pout, h, f)
            if rc < 0:
                raise_last_error(rc)
            append(out.value != 0)
        if True not in flags:
            # readers only run beside each other: no writer can have made
            # one elapsed meanwhile
            self._no_elapsed = True
            return None
        return flags

    def _elapsed_ids(self) -> frozenset:
        """The ids of the elapsed flows (the lock held)."""
        flags = self._elapsed_flags(lib.opflow_graph_flow_count(self._ptr))
        if flags is None:
            return frozenset()
        return frozenset(f for f, e in enumerate(flags) if e)

    def _flows_of(self, activity: int, incoming: bool) -> List[Flow]:
        h = self._ptr
        fn = lib.opflow_graph_incoming if incoming else \
            lib.opflow_graph_outgoing
        count = ctypes.c_size_t()
        fn(byref(count), None, 0, h, activity)
        ids = (c_id * count.value)()
        fn(byref(count), ids, len(ids), h, activity)
        return [self._flow(f) for f in ids]

    @reads
    def __len__(self) -> int:
        """The number of activities."""
        return int(lib.opflow_graph_activity_count(self._ptr))

    @reads
    def __contains__(self, key: object) -> bool:
        """Whether ``g[key]`` finds an activity: a key (``str``) that an
        activity has, or a position (an ``int``, the id counted from the
        start, or from the end when negative: ``-len(g) <= key <
        len(g)``)."""
        if isinstance(key, str):
            try:
                self._find(c_str(key, "activity key"))
            except (errors.NotFoundError, errors.InvalidArgumentError,
                    errors.RangeError):
                return False
            return True
        if isinstance(key, numbers.Integral) and not isinstance(key, bool):
            n = lib.opflow_graph_activity_count(self._ptr)
            return -n <= integer(key, "position") < n
        raise TypeError("an activity is given by its key (str) or position "
                        "(int), not %s" % type_name(key))

    @reads
    def __getitem__(self, key: Union[str, int, slice]) -> Any:
        """The view of an activity by key, or by position: an ``int`` id,
        negative ones counting from the end as for a list (``g[-1]`` is
        the last activity added).  A slice gives a list of views.  An
        unknown key or a position out of range raises
        :class:`opflow.NotFoundError` (a ``KeyError``)."""
        if isinstance(key, str):
            key = plain_str(key)
            self._find(c_str(key, "activity key"))
            return Activity(self, key)
        if isinstance(key, slice):
            n = lib.opflow_graph_activity_count(self._ptr)
            return [Activity._view(self, self._key(i))
                    for i in range(*key.indices(n))]
        if isinstance(key, numbers.Integral) and not isinstance(key, bool):
            return Activity._view(self, self._key(self._position(key)))
        raise TypeError("an activity is given by its key (str), position "
                        "(int) or a slice, not %s" % type_name(key))

    def _position(self, item: Any) -> int:
        """The id of a position, negative ones counted from the end (the
        lock held); NotFoundError when out of range."""
        n = lib.opflow_graph_activity_count(self._ptr)
        i = integer(item, "position")
        if not -n <= i < n:
            raise errors.NotFoundError(
                "no activity at position %d (the graph has %d)" % (i, n))
        return i + n if i < 0 else i

    def ids(self, keys: Iterable[Any]) -> "array.array[int]":
        """The ids of many activities at once, in the order given, as an
        ``array.array("I")`` (what :meth:`add_flows` reads in place).

        ``keys`` is a sequence (or iterable) of keys (``str``) or views of
        this graph.  The first key no activity has raises
        :class:`opflow.NotFoundError` (a ``KeyError``) naming it and its
        place.  The keys are looked up in one C call
        (``opflow_graph_find_activities``)."""
        if isinstance(keys, (str, bytes)):
            raise TypeError("keys must be a sequence of keys, not %s"
                            % type_name(keys))
        try:
            items = list(keys)
        except TypeError:
            raise TypeError("keys must be a sequence of keys, not %s"
                            % type_name(keys)) from None
        wanted = [self._key_str(k) for k in items]
        return self._ids_of(wanted)

    @reads
    def _ids_of(self, keys: List[str]) -> "array.array[int]":
        joined = "\0".join(keys)
        if joined.count("\0") != max(len(keys) - 1, 0):
            bad = next(row for row, k in enumerate(keys) if "\0" in k)
            raise errors.NotFoundError("no activity %r (item %d of the keys)"
                                       % (keys[bad], bad))
        out, failed = self._find_block(key_block(joined), len(keys))
        if failed < len(keys):
            raise errors.NotFoundError("no activity %r (item %d of the keys)"
                                       % (keys[failed], failed))
        return out

    def __iter__(self) -> Iterator["Activity"]:
        """Views of every activity, in id order (a snapshot of the keys
        taken when the iteration starts)."""
        keys = self.keys()
        with _no_gc():
            return iter(list(map(Activity._view, repeat(self), keys)))

    @reads
    def keys(self) -> List[str]:
        """The activity keys, in id order."""
        return self._keys()

    def _keys(self) -> List[str]:
        """The activity keys, in id order, read as one column (the lock
        held)."""
        h = self._ptr
        n = lib.opflow_graph_activity_count(h)
        if not n:
            return []
        keys = (ctypes.c_char_p * n)()
        count = ctypes.c_size_t()
        lib.opflow_graph_activity_columns(byref(count), n, h, keys, None,
                                          None, None, None, None, None,
                                          None, None, None)
        return [k.decode("utf-8") for k in keys[:count.value]]

    @property
    def flows(self) -> "Flows":
        """The flows, in id order (a live view)."""
        return Flows(self)

    @property
    def departments(self) -> "Departments":
        """The departments: a live mapping of department key to display
        name (``None`` when it has none), in first-use order."""
        return Departments(self)

    # ----------------------------------------------------------- calendars

    def _find_calendar(self, key: bytes) -> int:
        """The id of the calendar with this key (the lock held)."""
        out = c_id()
        lib.opflow_graph_find_calendar(byref(out), self._ptr, key)
        return out.value

    def _calendar_id(self, key: Optional[bytes]) -> int:
        """A calendar key's id, OPFLOW_NONE for None (the lock held)."""
        return OPFLOW_NONE if key is None else self._find_calendar(key)

    def _calendar_key(self, calendar: int) -> Optional[str]:
        """A calendar id's key, None for OPFLOW_NONE (the lock held)."""
        if calendar == OPFLOW_NONE:
            return None
        out = ctypes.c_char_p()
        lib.opflow_graph_calendar_key(byref(out), self._ptr, calendar)
        return out.value.decode("utf-8")

    def _calendar_spec(self, calendar: int) -> str:
        """A calendar's canonical spec (the lock held)."""
        out = ctypes.c_void_p()
        size = ctypes.c_size_t()
        lib.opflow_graph_calendar_spec(byref(out), byref(size), self._ptr,
                                       calendar)
        return take_string(out.value, size.value)  # type: ignore

    def add_calendar(self, key: str, spec: Optional[str] = None, *,
                     week: Optional[Mapping[str, Sequence[str]]] = None,
                     exceptions: Optional[Mapping[Any, Sequence[str]]]
                     = None) -> str:
        """Adds a calendar of working time and returns its canonical spec.

        ``week`` maps weekdays (``"mon"`` ... ``"sun"``) and ranges of
        them (``"mon-fri"``, Monday towards Sunday) to their working
        intervals, a list of ``"HH:MM-HH:MM"`` strings (minute resolution,
        sorted, not overlapping, ending at ``"24:00"`` at the latest); a
        weekday not named, or named with ``[]``, does not work.
        ``exceptions`` maps a date (``"YYYY-MM-DD"`` or a
        :class:`datetime.date`) or an inclusive range of dates
        (``"YYYY-MM-DD..YYYY-MM-DD"`` or a pair ``(first, last)``) to the
        intervals that replace the whole day's; ``[]`` is a day off::

            g.add_calendar("two-shift",
                           week={"mon-fri": ["06:00-14:00", "14:00-22:00"],
                                 "sat": ["06:00-12:00"]},
                           exceptions={"2026-12-24..2026-12-26": [],
                                       "2026-12-31": ["06:00-10:00"]})

        Instead of ``week``, ``spec`` may give the library's spec text
        itself (as :meth:`calendar_spec` returns it and the file format
        holds it); ``exceptions`` are then appended to it.

        The library checks the spec and refuses, with
        :class:`opflow.InvalidArgumentError` (a ``ValueError``) naming the
        clause, a weekday named twice, a date in two exceptions, a range
        of dates ending before it starts, a malformed or impossible time
        (``"25:00"``, ``"12:60"``), unsorted or overlapping intervals and a
        week without working time; :class:`opflow.DuplicateError` when the
        key is in use.  Wrong types (an interval list that is a ``str``, a
        key that is not a ``str``) raise ``TypeError``; a week key that is
        a date, an exception key that is not one, and a key or interval
        with a space or a ``;`` in it raise
        :class:`opflow.InvalidArgumentError` before the library is called.
        The graph is then unchanged.
        """
        bkey = c_str(key, "calendar key")
        return self._add_calendar(bkey, spec_text(spec, week, exceptions))

    @writes
    def _add_calendar(self, key: bytes, spec: bytes) -> str:
        out = c_id()
        lib.opflow_graph_add_calendar(byref(out), self._ptr, key, spec)
        return self._calendar_spec(out.value)

    def set_calendar(self, key: str, spec: Optional[str] = None, *,
                     week: Optional[Mapping[str, Sequence[str]]] = None,
                     exceptions: Optional[Mapping[Any, Sequence[str]]]
                     = None) -> str:
        """Replaces the spec of an existing calendar (given as for
        :meth:`add_calendar`) and returns the new canonical spec; whoever
        works on it keeps it.  :class:`opflow.NotFoundError` when no
        calendar has this key; a refused spec leaves the old one."""
        bkey = c_str(key, "calendar key")
        return self._set_calendar(bkey, spec_text(spec, week, exceptions))

    @writes
    def _set_calendar(self, key: bytes, spec: bytes) -> str:
        c = self._find_calendar(key)
        lib.opflow_graph_set_calendar_spec(self._ptr, c, spec)
        return self._calendar_spec(c)

    def remove_calendar(self, key: str) -> None:
        """Removes a calendar; the graph, departments and activities that
        worked on it fall back to what they would use without it
        (:class:`opflow.NotFoundError` when no calendar has this key)."""
        self._remove_calendar(c_str(key, "calendar key"))

    @writes
    def _remove_calendar(self, key: bytes) -> None:
        lib.opflow_graph_remove_calendar(self._ptr, self._find_calendar(key))

    def calendar_spec(self, key: str) -> str:
        """The canonical spec of a calendar: weekday clauses in Monday to
        Sunday order, runs of days with the same intervals as ranges
        (``mon-fri``), days without work left out, then the exceptions by
        date, joined by ``"; "``.  :class:`opflow.NotFoundError` when no
        calendar has this key."""
        return self._spec_of(c_str(key, "calendar key"))

    @reads
    def _spec_of(self, key: bytes) -> str:
        return self._calendar_spec(self._find_calendar(key))

    @property
    def calendars(self) -> "Calendars":
        """The calendars: a live, read-only mapping of calendar key to
        canonical spec, in creation order (:meth:`add_calendar`,
        :meth:`set_calendar` and :meth:`remove_calendar` change them)."""
        return Calendars(self)

    @property
    @reads
    def calendar(self) -> Optional[str]:
        """The key of the graph's default calendar, or ``None``: activities
        without a calendar of their own or of their department work on it;
        without any, every instant is working (24/7).  Setting a key that
        no calendar has raises :class:`opflow.NotFoundError`."""
        out = c_id()
        lib.opflow_graph_default_calendar(byref(out), self._ptr)
        return self._calendar_key(out.value)

    @calendar.setter
    def calendar(self, key: Optional[str]) -> None:
        self._set_default_calendar(calendar_arg(key))

    @writes
    def _set_default_calendar(self, key: Optional[bytes]) -> None:
        lib.opflow_graph_set_default_calendar(self._ptr,
                                              self._calendar_id(key))

    def set_department_calendar(self, department: str,
                                calendar: Optional[str]) -> None:
        """Makes the activities of a department without a calendar of
        their own work on ``calendar`` (a key), or, with ``None``, on the
        graph's default.  Setting a calendar adds the department when it
        does not exist yet (as assigning it to an activity does); clearing
        that of an unknown department, or naming an unknown calendar,
        raises :class:`opflow.NotFoundError` and changes nothing."""
        self._set_department_calendar(
            c_str(department, "department key"), calendar_arg(calendar))

    @writes
    def _set_department_calendar(self, department: bytes,
                                 calendar: Optional[bytes]) -> None:
        h = self._ptr
        c = self._calendar_id(calendar)
        out = c_id()
        if calendar is None:
            lib.opflow_graph_find_department(byref(out), h, department)
            lib.opflow_graph_set_department_calendar(h, out.value, c)
            return
        before = lib.opflow_graph_department_count(h)
        lib.opflow_graph_intern_department(byref(out), h, department)
        try:
            lib.opflow_graph_set_department_calendar(h, out.value, c)
        except errors.Error:
            if lib.opflow_graph_department_count(h) > before:
                lib.opflow_graph_remove_department(h, out.value)
            raise

    def department_calendar(self, department: str) -> Optional[str]:
        """The key of a department's calendar, or ``None`` (its activities
        then work on the graph's default); :class:`opflow.NotFoundError`
        for an unknown department."""
        return self._department_calendar(c_str(department, "department key"))

    @reads
    def _department_calendar(self, department: bytes) -> Optional[str]:
        h = self._ptr
        d, out = c_id(), c_id()
        lib.opflow_graph_find_department(byref(d), h, department)
        lib.opflow_graph_department_calendar(byref(out), h, d.value)
        return self._calendar_key(out.value)

    # ----------------------------------------------------------- dated graph

    @property
    @reads
    def start(self) -> Optional[_dt.datetime]:
        """The project start, a naive :class:`datetime.datetime` in the
        plant's local civil time, or ``None``: a graph with a start is
        *dated*.  Every time of the API stays a number, elapsed
        :attr:`unit`\\ s since the start; a dated graph's analysis also
        gives instants.  Setting a datetime (a date: its midnight;
        microseconds are dropped) dates the graph, ``None`` undates it.
        An aware datetime raises :class:`opflow.InvalidArgumentError` (a
        ``ValueError``): convert to the plant's clock first."""
        dated, start = ctypes.c_int(), ctypes.c_int64()
        lib.opflow_graph_start(byref(dated), byref(start), self._ptr)
        return to_datetime(start.value) if dated.value else None

    @start.setter
    def start(self, value: Optional[_dt.datetime]) -> None:
        if value is None:
            self._clear_start()
        else:
            self._set_start(instant_of_arg(value, "start"))

    @writes
    def _set_start(self, instant: int) -> None:
        lib.opflow_graph_set_start(self._ptr, instant)

    @writes
    def _clear_start(self) -> None:
        lib.opflow_graph_clear_start(self._ptr)

    @property
    @reads
    def unit(self) -> Union[str, int]:
        """The seconds in one unit of duration and lag of a dated graph:
        ``"h"`` (3600, the default), ``"min"`` (60), ``"s"`` (1), ``"d"``
        (28800: a day of one 8-hour shift), or any other positive number
        of seconds (up to 366 days) as an ``int`` or a
        :class:`datetime.timedelta` of whole seconds.  Reading gives the
        name when the seconds are those of one of these four (so 3600
        reads ``"h"``), else the ``int``; ``opflow.UNITS`` maps the names
        to their seconds."""
        out = ctypes.c_int64()
        lib.opflow_graph_unit(byref(out), self._ptr)
        return unit_value(out.value)

    @unit.setter
    def unit(self, value: Union[str, int]) -> None:
        self._set_unit(unit_seconds(value))

    @writes
    def _set_unit(self, seconds: int) -> None:
        lib.opflow_graph_set_unit(self._ptr, seconds)

    def _time(self, value: Any, what: str) -> Optional[float]:
        """A time argument (the lock held): a number as it is (negative
        ones too), a date or datetime as elapsed units since the start of
        this dated graph.  Anything else is a TypeError, and so is a date
        given to an undated graph (an error that is a MisuseError too)."""
        if value is None:
            return None
        if not is_date(value):
            if isinstance(value, bool) or not isinstance(value,
                                                         numbers.Real):
                raise TypeError(
                    "%s must be a number, or a datetime.datetime or "
                    "datetime.date when the graph is dated, not %s"
                    % (what, type_name(value)))
            return real(value, what)
        t = instant_of_arg(value, what)
        out = ctypes.c_double()
        try:
            lib.opflow_graph_time_of(byref(out), self._ptr, t)
        except errors.MisuseError:
            raise _undated(what, value) from None
        return out.value

    def time_of(self, when: _dt.datetime) -> float:
        """An instant (a naive datetime, or a date: its midnight) as a time
        of this dated graph: elapsed units since its start
        (``opflow_graph_time_of``).  :class:`opflow.MisuseError` when the
        graph is not dated."""
        t = instant_of_arg(when, "when")
        return self._time_of(t)

    @reads
    def _time_of(self, t: int) -> float:
        out = ctypes.c_double()
        lib.opflow_graph_time_of(byref(out), self._ptr, t)
        return out.value

    @reads
    def instant_of(self, time: float) -> _dt.datetime:
        """A time of this dated graph (elapsed units since its start) as a
        naive datetime, rounded to the second, halves away from zero
        (``opflow_graph_instant_of``).  :class:`opflow.MisuseError` when
        the graph is not dated, :class:`opflow.RangeError` outside the
        years 1 to 9999."""
        out = ctypes.c_int64()
        lib.opflow_graph_instant_of(byref(out), self._ptr,
                                    real(time, "time"))
        return to_datetime(out.value)

    # ------------------------------------------------------- working axis

    @reads
    def working_time(self, calendar: Optional[str], start: _dt.datetime,
                     end: _dt.datetime) -> _dt.timedelta:
        """The working time of ``calendar`` (a key; ``None``: 24/7, every
        instant working) from ``start`` to ``end`` (naive datetimes, or
        dates: their midnight), as a :class:`datetime.timedelta` of whole
        seconds; negative when ``end`` is before ``start``
        (``opflow_calendar_working_time``)."""
        c = self._calendar_id(calendar_arg(calendar))
        t1 = instant_of_arg(start, "start")
        t2 = instant_of_arg(end, "end")
        out = ctypes.c_int64()
        lib.opflow_calendar_working_time(byref(out), self._ptr, c, t1, t2)
        return _dt.timedelta(seconds=out.value)

    @reads
    def finish_after(self, calendar: Optional[str], when: _dt.datetime,
                     work: Union[int, float, _dt.timedelta]) -> _dt.datetime:
        """When ``work`` of ``calendar`` (a key; ``None``: 24/7) begun at
        ``when`` is done: the *first* instant by which that much working
        time has passed, so work that ends with a shift finishes at the
        shift's end (``opflow_calendar_finish_after``).  ``work`` is
        seconds (a number) or a :class:`datetime.timedelta`, rounded to
        the second, halves away from zero; 0 gives ``when`` itself."""
        return self._after(lib.opflow_calendar_finish_after, calendar, when,
                           work)

    @reads
    def start_after(self, calendar: Optional[str], when: _dt.datetime,
                    work: Union[int, float, _dt.timedelta]) -> _dt.datetime:
        """Where work that follows ``work`` of ``calendar`` done from
        ``when`` starts: the *last* instant by which that much working time
        has passed, the start of the next working period
        (``opflow_calendar_start_after``); ``work`` as for
        :meth:`finish_after`.  ``start_after(c, t, 0)`` is where work
        begun at ``t`` really starts."""
        return self._after(lib.opflow_calendar_start_after, calendar, when,
                           work)

    def _after(self, fn: Any, calendar: Optional[str], when: Any,
               work: Any) -> _dt.datetime:
        c = self._calendar_id(calendar_arg(calendar))
        t = instant_of_arg(when, "when")
        s = seconds_arg(work, "work")
        out = ctypes.c_int64()
        fn(byref(out), self._ptr, c, t, s)
        return to_datetime(out.value)


    def predecessors(self, key: KeyLike) -> List[str]:
        """The keys of the sources of the flows into an activity, each
        once, in flow-id order."""
        return self[self._key_str(key)].predecessors

    def successors(self, key: KeyLike) -> List[str]:
        """The keys of the targets of the flows out of an activity, each
        once, in flow-id order."""
        return self[self._key_str(key)].successors

    # ---------------------------------------------------------- activities

    def add_activity(self, key: str, *, kind: Optional[str] = None,
                     category: Optional[str] = None,
                     department: Optional[str] = None,
                     duration: Optional[float] = None,
                     estimate: Optional[Sequence[float]] = None,
                     customer_facing: Optional[bool] = None,
                     label: Optional[str] = None) -> "Activity":
        """Adds an activity in one atomic call and returns its view.

        ``category`` (default ``"other"``) gives the default ``kind``
        (``"production"`` or ``"operation"``) and ``customer_facing`` flag.
        ``duration`` makes the duration explicit; ``estimate`` is
        ``(optimistic, most_likely, pessimistic)``, and without a duration
        the duration is derived from its most likely value.  Raises
        :class:`opflow.DuplicateError` when the key exists, and
        :class:`opflow.InvalidArgumentError` or :class:`opflow.RangeError`
        for bad values; the graph is then unchanged.
        """
        if (_type(key) is str and kind is None and department is None
                and estimate is None and customer_facing is None
                and label is None and "\0" not in key):
            # the fast path: a plain key, a known category name, a duration
            # of type float or int
            if category is None:
                cat = _OTHER
            elif _type(category) is str:
                cat = _CATEGORY.values.get(category)
            else:
                cat = None
            if duration is None:
                d = None
            elif _type(duration) is float:
                d = duration
            elif _type(duration) is int:
                try:
                    d = float(duration)
                except OverflowError:
                    cat = None  # the general path raises RangeError
            else:
                cat = None
            if cat is not None:
                bkey = key.encode("utf-8", "surrogatepass")
                lock = self._lock
                lock.acquire_write()
                try:
                    h = self._h
                    if h is None:
                        raise errors.MisuseError("the graph is closed")
                    if d is None:
                        rc = _c_add_activity(self._pout, h, bkey, cat)
                    else:
                        # the options of the general path: the defaults,
                        # the category when given, the duration
                        opts = self._opts
                        opts.category = _DEFAULT_CATEGORY if category is None \
                            else cat
                        opts.duration = d
                        rc = _c_add_activity_ext(self._pout, h, bkey,
                                                 self._popts)
                    if rc < 0:
                        raise_last_error(rc)
                    self._ids[key] = self._out.value
                finally:
                    lock.release_write()
                a = _new_view(Activity)
                a._graph = self
                a._key = key
                a._lock = self._lock
                return a
        bkey = c_str(key, "activity key")
        key = plain_str(key)
        if (kind is None and department is None and duration is None
                and estimate is None and customer_facing is None
                and label is None):
            cat = _CATEGORY.value(category) if category is not None else \
                _CATEGORY.values["other"]
            self._add_activity(bkey, cat, None)
            return Activity(self, key)
        opts = ActivityOptions()
        lib.opflow_activity_options_init(byref(opts),
                                         ACTIVITY_OPTIONS_VERSION)
        if category is not None:
            opts.category = _CATEGORY.value(category)
        if kind is not None:
            opts.kind = _KIND.value(kind)
        if customer_facing is not None:
            opts.customer_facing = flag(customer_facing, "customer_facing")
        if label is not None:
            opts.label = c_str(label, "label")
        if department is not None:
            opts.department = c_str(department, "department key")
        if duration is not None:
            opts.has_duration = 1
            opts.duration = real(duration, "duration")
        if estimate is not None:
            opts.has_estimate = 1
            opts.optimistic, opts.most_likely, opts.pessimistic = \
                estimate_of(estimate)
        self._add_activity(bkey, 0, opts)
        return Activity(self, key)

    @writes
    def _add_activity(self, key: bytes, category: int,
                      opts: Optional[ActivityOptions]) -> None:
        out = c_id()
        if opts is None:
            lib.opflow_graph_add_activity(byref(out), self._ptr, key,
                                          category)
        else:
            lib.opflow_graph_add_activity_ext(byref(out), self._ptr, key,
                                              byref(opts))
        self._ids[key.decode("utf-8")] = out.value

    def add_activities(self, keys: Iterable[str], categories: Any = None,
                       kinds: Any = None, durations: Any = None, *,
                       departments: Any = None, labels: Any = None,
                       customer_facing: Any = None,
                       estimates: Any = None) -> range:
        """Adds many activities in one call, all or none; returns the range
        of their ids (consecutive, in the order given).

        ``keys`` is a sequence of ``str``.  Each column may be ``None`` (the
        default: category ``"other"``, kind from the category, no
        duration), a single value for every activity (a name or a C enum
        value; a number), or a sequence as long as ``keys``: ``categories``
        and ``kinds`` of names or of C enum values (``kinds`` -1: from the
        category), ``durations`` of numbers.  A buffer-protocol object
        (``array.array("i")``/``("d")``, a NumPy array, a ctypes array...)
        of the C type is read in place, without a Python loop; other
        buffers of numbers are converted.  Bools and ``bytes`` are not
        numbers here: ``TypeError``.

        The keyword-only columns give what :meth:`add_activity` takes
        besides, each ``None`` (the default), one value for every activity
        or a sequence as long as ``keys`` whose ``None`` items leave that
        activity as the default has it: ``departments`` (department keys;
        ``None``: none), ``labels`` (``None``: none), ``customer_facing``
        (bools; ``None``: from the category) and ``estimates`` (triples
        ``(optimistic, most_likely, pessimistic)``, or an array of shape
        ``(n, 3)``; one triple is every activity's; ``None``: none;
        without a duration, the duration is the most likely value).  They
        are set activity by activity after the bulk call; when the library
        refuses one, the activities just added (and the departments they
        made) are removed again and the error names the row.
        """
        if not isinstance(keys, (list, tuple)):
            if isinstance(keys, (str, bytes)):
                raise TypeError("keys must be a sequence of str, not %s"
                                % type_name(keys))
            keys = list(keys)
        n = len(keys)
        joined = "\0".join(keys)  # TypeError for anything but str
        if joined.count("\0") != max(n - 1, 0):
            raise errors.InvalidArgumentError(
                "an activity key contains a NUL character")
        # the NUL that ends the last key is the one every bytes object has
        # past its end (see key_block)
        buf = key_block(joined) if n else None
        cats = int_column(categories, n, "categories", "keys",
                          _CATEGORY.value)
        knds = int_column(kinds, n, "kinds", "keys", _kind_or_default)
        durs = double_column(durations, n, "durations", "keys")
        extra = None
        if (departments is not None or labels is not None
                or customer_facing is not None or estimates is not None):
            extra = (_text_column(departments, n, "departments",
                                  "department key"),
                     _text_column(labels, n, "labels", "label"),
                     _flag_column(customer_facing, n),
                     _estimate_column(estimates, n))
        return self._add_activities(n, buf, cats, knds, durs, extra)

    @writes
    def _add_activities(self, n: int, buf: Optional[bytes], cats: Any,
                        knds: Any, durs: Any,
                        extra: Optional[Tuple[Any, ...]] = None) -> range:
        first = c_id()
        h = self._ptr
        departments_before = lib.opflow_graph_department_count(h)
        lib.opflow_graph_add_activities(byref(first), h, n, buf,
                                        len(buf) + 1 if buf is not None
                                        else 0, cats, knds, durs)
        added = range(first.value, first.value + n)
        if extra is not None and n:
            try:
                self._set_columns(added, extra)
            except BaseException:
                # all or none: the new activities go, and the departments
                # they made (the last ones, removed from the end)
                self._forget_ids()
                with contextlib.suppress(errors.Error):
                    ids = (c_id * n)(*added)
                    lib.opflow_graph_remove_activities(h, ids, n)
                    for d in range(lib.opflow_graph_department_count(h) - 1,
                                   departments_before - 1, -1):
                        lib.opflow_graph_remove_department(h, d)
                raise
        return added

    def _set_columns(self, added: range, extra: Tuple[Any, ...]) -> None:
        """The departments, labels, customer-facing flags and estimates of
        the activities just added (the lock held for writing)."""
        h = self._ptr
        departments, labels, facing, estimates = extra
        for row, i in enumerate(added):
            try:
                if departments is not None and departments[row] is not None:
                    lib.opflow_graph_set_activity_department(
                        h, i, departments[row])
                if labels is not None and labels[row] is not None:
                    lib.opflow_graph_set_activity_label(h, i, labels[row])
                if facing is not None and facing[row] is not None:
                    lib.opflow_graph_set_activity_customer_facing(
                        h, i, facing[row])
                if estimates is not None and estimates[row] is not None:
                    lib.opflow_graph_set_activity_estimate(h, i,
                                                           *estimates[row])
            except errors.Error as e:
                # the library's message names the activity
                raise type(e)("row %d: %s" % (row, e.message),
                              e.code) from None

    def _forget_ids(self) -> None:
        """Empties the ids by key (activities are being removed: ids
        move), with the lock held for writing."""
        self._ids = {}

    def remove_activity(self, key: KeyLike) -> None:
        """Removes an activity and its flows; later activities and flows
        move down one id (O(activities + flows))."""
        self._remove_activity(self._key_bytes(key))

    @writes
    def _remove_activity(self, key: bytes) -> None:
        self._forget_ids()
        lib.opflow_graph_remove_activity(self._ptr, self._find(key))

    def remove_activities(self, activities: Any) -> None:
        """Removes many activities and their flows in one pass
        (O(activities + flows), however many go), all or none.

        ``activities`` holds keys (``str``), views or ids (ints, as the
        graph is before the call; a buffer of uint32 is read in place), in
        any order.  An activity given twice raises
        :class:`opflow.InvalidArgumentError`, an unknown one
        :class:`opflow.NotFoundError`; the graph is then unchanged.  The
        activities that stay keep their order and move down over the
        gaps.
        """
        self._remove_activities(id_column(activities, "activities",
                                          self._flow_end))

    @writes
    def _remove_activities(self, ids: IdColumn) -> None:
        ids.resolve(self._find, self._find_many)
        self._forget_ids()
        lib.opflow_graph_remove_activities(self._ptr, ids.ids, ids.length)

    # --------------------------------------------------------------- flows

    def add_flow(self, source: KeyLike, target: KeyLike, type: str = "FS",
                 lag: float = 0.0, *, elapsed: bool = False) -> Flow:
        """Adds a flow (``target`` depends on ``source``) and returns it.

        ``type`` is ``"FS"`` (finish-to-start), ``"SS"``, ``"FF"`` or
        ``"SF"``; ``lag`` any finite number (negative: a lead).  A second
        flow of the same source, target and type raises
        :class:`opflow.DuplicateError`; a self-loop
        :class:`opflow.InvalidArgumentError`.

        ``elapsed`` (keyword-only, libopflow 1.4): in a dated graph the lag
        is working time of the target's calendar; ``True`` makes it plain
        elapsed time instead (curing, drying, a carrier's transport).
        """
        if (elapsed is False and _type(source) is str and _type(target) is str
                and _type(type) is str and "\0" not in source
                and "\0" not in target):
            # the fast path: plain keys, a type name, a float or int lag;
            # the record is made from what was given, as the library keeps
            # it (the keys as given, the lag with -0.0 made 0.0)
            ftype = _FLOW_TYPE_VALUES.get(type)
            if _type(lag) is float:
                d = lag
            elif _type(lag) is int:
                try:
                    d = float(lag)
                except OverflowError:
                    ftype = None  # the general path raises RangeError
            else:
                ftype = None
            if ftype is not None:
                lock = self._lock
                lock.acquire_write()
                try:
                    h = self._h
                    if h is None:
                        raise errors.MisuseError("the graph is closed")
                    ids = self._ids
                    s = ids.get(source)
                    if s is None:
                        s = ids[source] = self._find(
                            source.encode("utf-8", "surrogatepass"))
                    t = ids.get(target)
                    if t is None:
                        t = ids[target] = self._find(
                            target.encode("utf-8", "surrogatepass"))
                    if s <= INT_MAX and t <= INT_MAX:
                        rc = _c_add_flow(self._pout, h, s, t, ftype,
                                         _c_double(d))
                        if rc < 0:
                            raise_last_error(rc)
                    else:  # ids beyond a C int: the checked binding
                        lib.opflow_graph_add_flow(self._pout, h, s, t, ftype,
                                                  d)
                    f = self._out.value
                finally:
                    lock.release_write()
                return _new_record(Flow, (source, target,
                                          _FLOW_TYPE_NAMES[ftype],
                                          d if d else 0.0, f, False))
        return self._add_flow(self._key_bytes(source),
                              self._key_bytes(target),
                              _FLOW_TYPE.value(type), real(lag, "lag"),
                              _elapsed_flag(elapsed))

    @writes
    def _add_flow(self, source: bytes, target: bytes, ftype: int,
                  lag: float, elapsed: int = 0) -> Flow:
        s, t = self._find(source), self._find(target)
        out = c_id()
        h = self._ptr
        lib.opflow_graph_add_flow(byref(out), h, s, t, ftype, lag)
        if elapsed:
            self._no_elapsed = False
            try:
                lib.opflow_graph_set_flow_elapsed(h, out.value, elapsed)
            except errors.Error:
                lib.opflow_graph_remove_flow(h, out.value)
                raise
        return self._flow(out.value)

    def add_flows(self, sources: Any, targets: Any, types: Any = None,
                  lags: Any = None) -> range:
        """Adds many flows in one call, all or none; returns the range of
        their ids.

        ``sources`` and ``targets`` hold activity ids (ints, for instance
        from the range :meth:`add_activities` returned: the fast way, read
        in place from a buffer of uint32) or keys (``str``, or views,
        looked up one by one).  ``types`` (names or C values) and ``lags``
        are ``None`` (FS, lag 0), a single value, or sequences as long as
        ``sources``.

        All or none: a flow that already exists, or a row that repeats an
        earlier row's source, target and type, raises
        :class:`opflow.DuplicateError` naming the first such row and adds
        nothing.
        """
        src = id_column(sources, "sources", self._flow_end)
        dst = id_column(targets, "targets", self._flow_end)
        n = src.length
        if dst.length != n:
            raise errors.InvalidArgumentError(
                "targets has %d items but sources has %d" % (dst.length, n))
        ftypes = int_column(types, n, "types", "sources", _FLOW_TYPE.value)
        lag_column = double_column(lags, n, "lags", "sources")
        return self._add_flows(n, src, dst, ftypes, lag_column)

    def _flow_end(self, v: Any) -> bytes:
        if not isinstance(v, (str, Activity)):
            raise TypeError("flow ends are activity keys (str), views or "
                            "ids (int), not %s" % type_name(v))
        return self._key_bytes(v)

    @writes
    def _add_flows(self, n: int, src: IdColumn, dst: IdColumn, ftypes: Any,
                   lags: Any) -> range:
        src.resolve(self._find, self._find_many)
        dst.resolve(self._find, self._find_many)
        first = c_id()
        try:
            lib.opflow_graph_add_flows(byref(first), self._ptr, n, src.ids,
                                       dst.ids, ftypes, lags)
        except errors.DuplicateError as e:
            self._name_duplicate(e, n, src.ids, dst.ids, ftypes)
            raise
        return range(first.value, first.value + n)

    def _name_duplicate(self, e: errors.DuplicateError, n: int, src: Any,
                        dst: Any, ftypes: Any) -> None:
        """Puts the first row of a refused add_flows that repeats a flow
        (of the graph, or of an earlier row) in the message (the lock
        held)."""
        h = self._ptr
        m = lib.opflow_graph_flow_count(h)
        seen: Dict[Tuple[int, int, int], Optional[int]] = {}
        if m:
            s_col, c_s = _column("IL", c_id, m)
            t_col, c_t = _column("IL", c_id, m)
            y_col, c_y = _column("il", ctypes.c_int, m)
            count = ctypes.c_size_t()
            lib.opflow_graph_flow_columns(byref(count), m, h, c_s, c_t, c_y,
                                          None)
            del c_s, c_t, c_y  # release the arrays' buffers
            seen = dict.fromkeys(zip(s_col, t_col, y_col))
        for row in range(n):
            flow = (src[row], dst[row], 0 if ftypes is None else ftypes[row])
            if flow in seen:
                earlier = seen[flow]
                where = "in the graph already" if earlier is None else \
                    "in row %d already" % earlier
                e.message = "row %d: a %s flow from %s to %s is %s" % (
                    row, _FLOW_TYPE.name(flow[2]), self._key(flow[0]),
                    self._key(flow[1]), where)
                e.args = (e.message,)
                return
            seen[flow] = row

    def _flow_args(self, source: KeyLike, target: KeyLike,
                   type: str) -> Tuple[bytes, bytes, int]:
        return (self._key_bytes(source), self._key_bytes(target),
                _FLOW_TYPE.value(type))

    def _find_flow(self, source: bytes, target: bytes, ftype: int) -> int:
        s, t = self._find(source), self._find(target)
        out = c_id()
        lib.opflow_graph_find_flow(byref(out), self._ptr, s, t, ftype)
        return out.value

    def flow(self, source: KeyLike, target: KeyLike,
             type: str = "FS") -> Flow:
        """The flow of this source, target and type
        (:class:`opflow.NotFoundError` if none)."""
        return self._flow_of(*self._flow_args(source, target, type))

    @reads
    def _flow_of(self, source: bytes, target: bytes, ftype: int) -> Flow:
        return self._flow(self._find_flow(source, target, ftype))

    def remove_flow(self, source: KeyLike, target: KeyLike,
                    type: str = "FS") -> None:
        """Removes the flow of this source, target and type; later flows
        move down one id."""
        self._remove_flow(*self._flow_args(source, target, type))

    @writes
    def _remove_flow(self, source: bytes, target: bytes, ftype: int) -> None:
        lib.opflow_graph_remove_flow(self._ptr,
                                     self._find_flow(source, target, ftype))

    def remove_flows(self, flows: Iterable[Any]) -> None:
        """Removes many flows in one pass, all or none.

        Each item is a flow id (an int, as the graph is before the call),
        a :class:`opflow.Flow` record, or a ``(source, target)`` or
        ``(source, target, type)`` tuple; records and tuples are looked up
        by source, target and type (a record's ``id`` may be stale).  A
        flow given twice raises :class:`opflow.InvalidArgumentError`, an
        unknown one :class:`opflow.NotFoundError`; the graph is then
        unchanged.
        """
        if isinstance(flows, (str, bytes)):
            raise TypeError("flows must be a sequence, not %s"
                            % type_name(flows))
        rows: List[Any] = []
        for f in flows:
            if isinstance(f, Flow):
                rows.append(self._flow_args(f.source, f.target, f.type))
            elif isinstance(f, tuple):
                if not 2 <= len(f) <= 3:
                    raise TypeError("a flow is (source, target) or "
                                    "(source, target, type), not a tuple "
                                    "of %d items" % len(f))
                rows.append(self._flow_args(f[0], f[1],
                                            f[2] if len(f) > 2 else "FS"))
            else:
                v = integer(f, "flow id")
                if not 0 <= v < OPFLOW_NONE:
                    raise errors.NotFoundError("no flow with id %d" % v)
                rows.append(v)
        self._remove_flows(rows)

    @writes
    def _remove_flows(self, rows: List[Any]) -> None:
        ids = (c_id * max(len(rows), 1))()
        for i, r in enumerate(rows):
            ids[i] = r if isinstance(r, int) else self._find_flow(*r)
        lib.opflow_graph_remove_flows(self._ptr, ids, len(rows))

    def set_flow_lag(self, source: KeyLike, target: KeyLike, lag: float,
                     type: str = "FS") -> None:
        """Changes the lag of the flow of this source, target and type."""
        self._set_flow_lag(*self._flow_args(source, target, type),
                           real(lag, "lag"))

    @writes
    def _set_flow_lag(self, source: bytes, target: bytes, ftype: int,
                      lag: float) -> None:
        f = self._find_flow(source, target, ftype)
        lib.opflow_graph_set_flow_lag(self._ptr, f, lag)

    def set_flow_elapsed(self, source: KeyLike, target: KeyLike,
                         elapsed: bool, type: str = "FS") -> None:
        """Marks the lag of the flow of this source, target and type as
        elapsed time (``True``) or as working time of the target's
        calendar (``False``, the default of a new flow).  The flag is the
        ``elapsed`` field of its :class:`opflow.Flow` record."""
        self._set_flow_elapsed(*self._flow_args(source, target, type),
                               _elapsed_flag(elapsed))

    @writes
    def _set_flow_elapsed(self, source: bytes, target: bytes, ftype: int,
                          elapsed: int) -> None:
        f = self._find_flow(source, target, ftype)
        if elapsed:
            self._no_elapsed = False
        lib.opflow_graph_set_flow_elapsed(self._ptr, f, elapsed)

    # ------------------------------------------------------------ analysis

    @reads
    def prepare(self) -> None:
        """Lays the graph out in topological order now; the first analysis
        does it otherwise, and later ones reuse the layout until activities
        or flows are added or removed.  Raises :class:`opflow.CycleError`
        when the graph has a cycle."""
        lib.opflow_graph_prepare(self._ptr)

    @reads
    def analyze(self, *, deadline: Optional[float] = None,
                durations: str = "deterministic",
                tolerance: Optional[float] = None,
                near_critical: float = 0.0,
                status_date: Optional[float] = None,
                logic: str = "retained") -> Analysis:
        """Runs the critical path method and computes every figure.

        ``deadline``: the horizon of the backward pass (default: the lead
        time); floats go negative when it is missed.  ``durations``:
        ``"deterministic"`` (each activity's duration) or ``"pert"`` (the
        means (o + 4m + p) / 6 of the estimates).  ``tolerance``: total
        float within which an activity is critical (default 1e-9 *
        max(1, lead time)).  ``near_critical``: a threshold above the least
        total float for near-critical activities.

        ``status_date``: analyse the progress reported at this time (any
        finite number, in the graph's unit from the project start): an
        activity with an actual finish is completed, one with an actual
        start only in progress, the others not started; unfinished work
        starts no earlier than the status date, and the lead time is the
        forecast.  ``None`` (the default) analyses the plan: actual times
        and remaining durations are ignored (date constraints apply
        either way).  ``logic``: how the remaining work of an activity in
        progress obeys its incoming flows, ``"retained"`` (the default: as
        a not-started activity would) or ``"override"`` (not at all); see
        ``opflow.LOGICS``.  Both are keyword-only.

        In a dated graph (one with a :attr:`start`), ``deadline`` and
        ``status_date`` may also be naive datetimes (or dates: their
        midnight), converted as :meth:`time_of` does; the analysis then
        gives the start and finish instants of every activity as well
        (:attr:`opflow.ActivityResult.start` ...,
        :attr:`Analysis.start`, :attr:`Analysis.finish`,
        :attr:`Analysis.working_lead_time`).  A datetime given to an
        undated graph raises :class:`opflow.MisuseError`.

        The :class:`Analysis` is independent of the graph.  Raises
        :class:`opflow.CycleError` (with ``.cycle``) on a cycle,
        :class:`opflow.RangeError` when a time is not finite, and
        :class:`opflow.InvalidArgumentError` (a ``ValueError``) for a value
        the library refuses (an actual time after the status date, a
        status date that is not finite: its message names the culprit) or
        an unknown ``logic`` name (the message lists the valid ones).
        """
        h = self._ptr
        opts = AnalysisOptions()
        lib.opflow_analysis_options_init(byref(opts),
                                         ANALYSIS_OPTIONS_VERSION)
        opts.duration_mode = _DURATION_MODE.value(durations)
        sd = self._time(status_date, "status_date")
        if sd is not None:
            opts.has_status_date = 1
            opts.status_date = sd
        opts.logic = _logic_value(logic)
        d = self._time(deadline, "deadline")
        if d is not None:
            opts.has_deadline = 1
            opts.deadline = d
        t = real_or_none(tolerance, "tolerance")
        if t is not None:
            opts.has_tolerance = 1
            opts.tolerance = t
        opts.near_critical = real(near_critical, "near_critical")
        out = AnalysisPtr()
        lib.opflow_analyze(byref(out), h, byref(opts))
        res = Analysis(out, self)
        res._graph_version = self._lock.version
        res._elapsed = self._elapsed_ids()
        self._remember(res)
        return res

    def _remember(self, res: Analysis) -> None:
        """Keeps a weak reference to an analysis for close(), by id, that
        drops itself when the analysis dies (readers run together: each
        dict operation is atomic)."""
        analyses = self._analyses
        key = id(res)
        analyses[key] = weakref.ref(res, lambda _, d=analyses, k=key:
                                    d.pop(k, None))

    @reads
    def simulate(self, iterations: int = 10000, *, seed: int = 0,
                 deadline: Optional[float] = None,
                 distribution: str = "triangular", threads: int = 0,
                 samples: bool = False, sensitivity: bool = True,
                 tolerance: Optional[float] = None,
                 progress: Any = None,
                 status_date: Optional[float] = None,
                 logic: str = "retained") -> Simulation:
        """Monte Carlo schedule risk: ``iterations`` times, draws the
        duration of every activity with an estimate and runs the passes
        again; returns a :class:`Simulation` (lead-time statistics,
        production span, probability of the deadline, criticality,
        sensitivity and cruciality of every activity).

        ``iterations``: an int >= 1.  ``seed``: an int from 0 to 2**64 - 1;
        the same seed gives the same bits whatever ``threads``.
        ``deadline``: for :attr:`Simulation.probability` (``None``: no
        probability).  ``distribution``: ``"triangular"`` or ``"pert"``
        (beta-PERT).  ``threads``: 0 for one per online processor.
        ``samples``: keep the samples readable (:attr:`Simulation.samples`).
        ``sensitivity``: compute the rank correlations (``False`` skips
        them).  ``tolerance``: total float within which an activity is
        critical in an iteration (default 1e-9 * max(1, its lead time)).
        Activities without an estimate keep their duration.

        ``deadline`` and ``status_date`` may be naive datetimes in a dated
        graph, as in :meth:`analyze`.

        ``status_date`` and ``logic``: as in :meth:`analyze`, every
        iteration is then the forecast at the status date (``None``, the
        default: the plan, actual times and remaining durations ignored;
        date constraints apply either way).  Completed activities are
        fixed at their actual times (their draws change nothing); an
        unfinished activity with an estimate draws ``x`` and works
        ``x * r / d``, its work left ``r`` scaled from its duration ``d``
        (where ``r == d`` it works ``x`` itself; where ``d == 0 < r``
        it keeps its work left).

        ``progress``: a callable ``(done, total)`` called on this thread
        now and then and once at the end, whose true return value cancels
        the run (:class:`opflow.CancelledError`; an exception it raises
        cancels it too and is raised here); ``True`` for a progress bar on
        stderr (tqdm's when it can be imported, else a plain text one);
        ``False`` for none; ``None`` for a tqdm bar on long runs only,
        when stderr is a terminal (see :mod:`opflow.simulation`).

        Raises :class:`opflow.CycleError` on a cycle,
        :class:`opflow.RangeError` when a time is not finite,
        :class:`opflow.InvalidArgumentError` for a value the library
        refuses, ``TypeError`` for an argument of the wrong type.  The
        graph is only read.
        """
        return _simulate(self, iterations, seed,
                         self._time(deadline, "deadline"), distribution,
                         threads, samples, sensitivity, tolerance, progress,
                         self._time(status_date, "status_date"), logic)

    # ----------------------------------------------------- text and exports

    @reads
    def dumps(self) -> str:
        """The graph in the ``.opflow`` text format (``opflow(5)``):
        departments, activities and flows in id order, numbers in their
        shortest round-trip form, the same under every locale.
        ``opflow.loads(g.dumps()) == g``."""
        out = ctypes.c_void_p()
        size = ctypes.c_size_t()
        lib.opflow_graph_save_buffer(byref(out), byref(size), self._ptr)
        return take_string(out.value, size.value)  # type: ignore

    def save(self, target: Union[PathLike, IO[Any]]) -> None:
        """Writes the graph in the ``.opflow`` format.

        ``target`` is a path (``str``, ``bytes`` or ``os.PathLike``: the
        library creates or truncates the file and writes it) or a file
        object open for writing (a text file gets :meth:`dumps`' ``str``,
        open it with ``encoding="utf-8"``; any other gets UTF-8 bytes).
        Raises ``opflow.IOError`` (an ``OSError``, whose ``filename`` is the
        path) when the file cannot be created or written.
        """
        if hasattr(target, "write") and not isinstance(target, (str, bytes)):
            text = self.dumps()
            if isinstance(target, io.TextIOBase):
                target.write(text)
            else:
                target.write(text.encode("utf-8"))
            return
        self._save_path(_c_path(target), target)

    @reads
    def _save_path(self, path: bytes, given: Any) -> None:
        try:
            lib.opflow_graph_save_path(self._ptr, path)
        except errors.IOError as e:
            _set_filename(e, given)
            raise

    @reads
    def to_dot(self, analysis: Optional[Analysis] = None) -> str:
        """The graph for Graphviz (``dot -Tsvg``), as text.

        With an ``analysis`` of this graph (as it is now: else
        :class:`opflow.MisuseError`), activities are grouped in clusters by
        stage and the critical path is drawn bold.  With ``None`` (the
        default) the graph is first analysed with the default options and
        drawn the same way; when it cannot be analysed because it has a
        cycle (or a time that is not finite), it is drawn plainly instead,
        without clusters or critical path, rather than raising: a drawing
        is how one finds the cycle.
        """
        if analysis is not None and not isinstance(analysis, Analysis):
            raise TypeError("analysis must be an opflow.Analysis or None, "
                            "not %s" % type_name(analysis))
        h = self._ptr
        out = ctypes.c_void_p()
        size = ctypes.c_size_t()
        if analysis is None:
            try:
                own: Optional[Analysis] = self.analyze()
            except (errors.CycleError, errors.RangeError):
                own = None
            try:
                lib.opflow_graph_write_dot(byref(out), byref(size), h,
                                           own._ptr if own else None)
            finally:
                if own is not None:
                    own.close()
        else:
            # the graph's lock is held (this method reads); the
            # analysis's second, always in that order
            lock = analysis._lock
            lock.acquire_read()
            try:
                lib.opflow_graph_write_dot(byref(out), byref(size), h,
                                           analysis._ptr)
            finally:
                lock.release_read()
        return take_string(out.value, size.value)  # type: ignore

    # ------------------------------------ pandas and networkx (optional)

    @classmethod
    def from_pandas(cls, activities: Any, flows: Any = None) -> "Graph":
        """A new graph from data frames (pandas, needed only here), as a
        database query gives them, added in bulk.

        ``activities``: a column ``key`` (or an index named ``key``) and
        optionally ``category``, ``kind``, ``duration``, ``department``,
        ``label``, ``customer_facing`` and an estimate's ``optimistic``,
        ``most_likely`` and ``pessimistic`` (or ``o``, ``m``, ``p``).
        ``flows``: ``source``, ``target`` and optionally ``type``, ``lag``
        and ``elapsed``.  Other columns are ignored; a missing cell (None,
        NaN, NA) takes the default (category ``"other"``, kind from the
        category, no duration, no department, type FS, lag 0...).  A
        required column missing raises :class:`opflow.InvalidArgumentError`
        naming it; see :mod:`opflow.frames`."""
        from . import frames
        return frames.graph_from_pandas(cls, activities, flows)

    def to_networkx(self, multigraph: bool = False) -> Any:
        """The graph as a ``networkx.DiGraph`` (networkx needed only here):
        a node per activity, by key, in id order, whose attributes are its
        fields, an edge per flow with ``type``, ``lag``, ``elapsed`` and
        ``id``.  Two flows joining the same activities need
        ``multigraph=True`` (a ``MultiDiGraph`` keyed by flow type);
        :meth:`from_networkx` reads it back equal.  See
        :mod:`opflow.frames`."""
        from . import frames
        return frames.graph_to_networkx(self, multigraph)

    @classmethod
    def from_networkx(cls, G: Any) -> "Graph":
        """A new graph from a directed networkx graph: nodes (str keys) as
        activities, their attributes as activity fields (``category``,
        ``kind``, ``duration``, ``department``, ``label``,
        ``customer_facing``, ``estimate`` or its three values...), edges as
        flows with the attributes ``type`` (default FS), ``lag`` (0) and
        ``elapsed``.  See :mod:`opflow.frames`."""
        from . import frames
        return frames.graph_from_networkx(cls, G)

    # -------------------------------------------------------------- checks

    @reads
    def check(self, high_float: float = 0.5) -> List[Finding]:
        """Checks the schedule logic; returns a list of
        :class:`~opflow.Finding` records, errors first, then by activity
        and flow id.

        Errors (the graph cannot be analysed): ``"cycle"`` (a finding, not
        an exception), ``"out-of-range"``.  Warnings: ``"no-predecessor"``
        and ``"no-successor"`` (an activity that starts, or ends, the chain
        when several do), ``"negative-lag"`` (a lead),
        ``"start-to-finish"`` (an SF flow), ``"high-float"`` (total float
        above ``high_float`` times the lead time; a ratio, finite and
        >= 0), ``"out-of-sequence"`` (progress reported against a flow: an
        activity started before its FS predecessor finished, say) and
        ``"constraint-conflict"`` (date constraints that cannot all be
        met).
        """
        h = self._ptr
        opts = CheckOptions()
        lib.opflow_check_options_init(byref(opts), CHECK_OPTIONS_VERSION)
        opts.high_float = real(high_float, "high_float")
        findings = FindingsPtr()
        lib.opflow_graph_check(byref(findings), h, byref(opts))
        try:
            kind, severity = ctypes.c_int(), ctypes.c_int()
            activity, flow = c_id(), c_id()
            message = ctypes.c_char_p()
            result = []
            for i in range(lib.opflow_findings_count(findings)):
                lib.opflow_findings_get(byref(kind), byref(severity),
                                        byref(activity), byref(flow),
                                        byref(message), findings, i)
                key = None
                if activity.value != OPFLOW_NONE:
                    key = self._key(activity.value)
                ends = None
                if flow.value != OPFLOW_NONE:
                    f = self._flow(flow.value)
                    ends = (f.source, f.target, f.type)
                result.append(Finding(
                    _FINDING_KIND.name(kind.value),
                    _SEVERITY.name(severity.value), key, ends,
                    (message.value or b"").decode("utf-8", "replace")))
            return result
        finally:
            lib.opflow_findings_free(findings)


_OTHER = _CATEGORY.values["other"]
_FLOW_TYPE_VALUES = _FLOW_TYPE.values
_FLOW_TYPE_NAMES = _FLOW_TYPE.names
_new_view = object.__new__


def _elapsed_flag(value: Any) -> int:
    """A flow's elapsed flag: a bool, or the ints 0 and 1."""
    v = flag(value, "elapsed")
    if v not in (0, 1):
        raise errors.InvalidArgumentError(
            "elapsed is True or False (or 1 or 0), not %d" % v)
    return v


def _kind_or_default(v: Any) -> int:
    return -1 if v is None else _KIND.value(v)


#: The keys a Graph's HTML table shows, at most.
_HTML_KEYS = 12


def _html_table(caption: str, rows: List[Tuple[str, str]]) -> str:
    """The HTML table of _repr_html_: a caption, then one row of a name
    and a value (HTML already) per item."""
    body = "".join("<tr><th style=\"text-align:left\">%s</th>"
                   "<td style=\"text-align:left\">%s</td></tr>"
                   % (html.escape(name), value) for name, value in rows)
    return ("<table class=\"opflow\"><caption style=\"text-align:left\">"
            "<code>%s</code></caption>%s</table>" % (html.escape(caption),
                                                    body))


def _undated(what: str, value: Any) -> errors.Error:
    """The error of a date given for a time of an undated graph: a
    TypeError (only a number will do there), a MisuseError as before."""
    return errors._UndatedError(
        "%s: %r is an instant, but the graph is not dated (it has no "
        "start): give a number, or set Graph.start first" % (what, value))


def _text_column(values: Any, n: int, what: str,
                 item: str) -> Optional[List[Optional[bytes]]]:
    """A column of keys or labels for add_activities: None, one str for
    every row, or a sequence of str and None, as the bytes C reads."""
    if values is None:
        return None
    if isinstance(values, str):
        return [c_str(values, item)] * n
    rows = _as_list(values, what, "a str or a sequence of str and None")
    _check_len(len(rows), n, what, "keys")
    return [None if v is None else c_str(v, "%s (row %d)" % (item, row))
            for row, v in enumerate(rows)]


def _flag_column(values: Any, n: int) -> Optional[List[Optional[int]]]:
    """The customer_facing column of add_activities: None, one bool for
    every row, or a sequence (or a buffer) of bools, 0, 1 and None."""
    if values is None:
        return None
    if isinstance(values, bool):
        return [int(values)] * n
    mv = _memoryview(values, "customer_facing")
    if mv is not None:
        values = _buffer_values(mv, "customer_facing")
    rows = _as_list(values, "customer_facing",
                    "a bool or a sequence of bools and None")
    _check_len(len(rows), n, "customer_facing", "keys")
    return [None if v is None else flag(v, "customer_facing (row %d)" % row)
            for row, v in enumerate(rows)]


def _estimate_column(values: Any,
                     n: int) -> Optional[List[Optional[Estimate]]]:
    """The estimates column of add_activities: None, one triple for every
    row, a sequence of triples and None, or a buffer of shape (n, 3)."""
    if values is None:
        return None
    mv = None
    if not isinstance(values, (str, bytes, bytearray)):
        try:
            mv = memoryview(values)
        except TypeError:
            pass
        except (ValueError, BufferError, NotImplementedError) as e:
            raise TypeError("estimates: cannot read this buffer (%s)" % e) \
                from None
    if mv is not None:
        try:
            values = mv.tolist()  # rows of three when two-dimensional
        except NotImplementedError:
            values = _buffer_values(mv, "estimates")
    rows = _as_list(values, "estimates",
                    "a triple or a sequence of triples and None")
    if len(rows) == 3 and all(isinstance(v, numbers.Real)
                              and not isinstance(v, bool) for v in rows):
        return [estimate_of(rows)] * n  # one triple for every activity
    _check_len(len(rows), n, "estimates", "keys")
    out: List[Optional[Estimate]] = []
    for row, v in enumerate(rows):
        if v is None:
            out.append(None)
            continue
        inner = _memoryview(v, "estimates (row %d)" % row)
        if inner is not None:
            v = _buffer_values(inner, "estimates (row %d)" % row)
        try:
            out.append(estimate_of(v))
        except TypeError as e:
            raise TypeError("estimates (row %d): %s" % (row, e)) from None
    return out


def _tracking_property(name: str, doc: str) -> property:
    """The property of :class:`Activity` that reads, sets (a number) and
    clears (``None`` or ``del``) one tracking field."""
    field = _TRACKING.values[name]

    def get(self: "Activity") -> Optional[float]:
        return self._tracking(field)

    def set(self: "Activity", value: Optional[float]) -> None:
        self._set_tracking(field, value, name)

    def delete(self: "Activity") -> None:
        self._set_tracking(field, None, name)

    get.__name__ = set.__name__ = delete.__name__ = name
    return property(get, set, delete, doc)


class Activity:
    """A live view of one activity of a :class:`Graph`, by key.

    Reading an attribute asks the library each time; setting one changes
    the graph.  ``label``, ``kind``, ``category``, ``department``,
    ``customer_facing``, ``duration`` and ``estimate`` are writable;
    ``del a.duration`` makes the duration derived again (from the
    estimate's most likely value, else 0) and ``del a.estimate`` (or
    ``a.estimate = None``) removes the estimate.

    Progress and date constraints (libopflow 1.3; ``opflow.TRACKING_FIELDS``
    names them): ``actual_start``, ``actual_finish``, ``remaining`` (the
    duration left), ``start_no_earlier_than``, ``finish_no_earlier_than``,
    ``start_no_later_than`` and ``finish_no_later_than`` read as a float,
    or ``None`` when not set; assigning a number sets one, assigning
    ``None`` (or ``del``) clears it.  Times are in the graph's unit from
    the project start; in a dated graph a naive datetime may be assigned
    too (it is stored as the time since the start, and reads back as that
    number).  A value the library refuses raises
    :class:`opflow.InvalidArgumentError` (a ``ValueError``) with its
    message, and the graph is unchanged: a value that is not finite, a
    negative ``remaining``, an actual finish without an actual start or
    before it (and an actual start moved after the actual finish, or
    cleared while the actual finish is set).  The actual times are only
    read by an analysis with a status date
    (``Graph.analyze(status_date=...)``).

    Calendars (libopflow 1.4): ``calendar`` is the key of the activity's
    own calendar (``None``: it inherits), ``working_calendar`` the one it
    works on, inheritance resolved (``None``: 24/7).

    After the activity is removed every access raises
    :class:`opflow.NotFoundError`.  The view keeps its graph alive.
    """

    __slots__ = ("_graph", "_key", "_lock")

    def __init__(self, graph: Graph, key: str) -> None:
        self._graph = graph
        self._key = plain_str(key) if isinstance(key, str) else key
        self._lock = graph._lock

    @classmethod
    def _view(cls, graph: Graph, key: str) -> "Activity":
        """A view of a key the library returned (a plain str)."""
        a = object.__new__(cls)
        a._graph = graph
        a._key = key
        a._lock = graph._lock
        return a

    def _id(self) -> Tuple[Any, int]:
        g = self._graph
        return g._ptr, g._find(c_str(self._key, "activity key"))

    @writes
    def _change(self, set_value: Any, *args: Any) -> None:
        """Calls ``set_value(graph, id, *args)``; args are converted
        already, so that no user code runs while the graph is locked."""
        h, i = self._id()
        set_value(h, i, *args)

    @property
    def graph(self) -> Graph:
        """The graph the activity belongs to."""
        return self._graph

    @property
    def key(self) -> str:
        """The key: the activity's stable identity."""
        return self._key

    @property
    @reads
    def id(self) -> int:
        """The current id (its position in insertion order)."""
        return self._id()[1]

    def __repr__(self) -> str:
        return "<opflow.Activity %r>" % self._key

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Activity):
            return NotImplemented
        return other._graph is self._graph and other._key == self._key

    def __hash__(self) -> int:
        return hash((id(self._graph), self._key))

    @property
    @reads
    def label(self) -> Optional[str]:
        """The label, or ``None``; setting ``None`` or ``""`` removes it."""
        h, i = self._id()
        out = ctypes.c_char_p()
        lib.opflow_graph_activity_label(byref(out), h, i)
        return from_c_str(out.value)

    @label.setter
    def label(self, value: Optional[str]) -> None:
        self._change(lib.opflow_graph_set_activity_label,
                     c_str_or_none(value, "label"))

    @property
    @reads
    def kind(self) -> str:
        """``"production"`` or ``"operation"``."""
        h, i = self._id()
        out = ctypes.c_int()
        lib.opflow_graph_activity_kind(byref(out), h, i)
        return _KIND.name(out.value)

    @kind.setter
    def kind(self, value: str) -> None:
        self._change(lib.opflow_graph_set_activity_kind, _KIND.value(value))

    @property
    @reads
    def category(self) -> str:
        """The category (changing it changes neither kind nor
        customer-facing flag)."""
        h, i = self._id()
        out = ctypes.c_int()
        lib.opflow_graph_activity_category(byref(out), h, i)
        return _CATEGORY.name(out.value)

    @category.setter
    def category(self, value: str) -> None:
        self._change(lib.opflow_graph_set_activity_category,
                     _CATEGORY.value(value))

    @property
    @reads
    def department(self) -> Optional[str]:
        """The department key, or ``None``; setting a new key adds the
        department, ``None`` removes the activity from its department."""
        h, i = self._id()
        out = c_id()
        lib.opflow_graph_activity_department(byref(out), h, i)
        if out.value == OPFLOW_NONE:
            return None
        key = ctypes.c_char_p()
        lib.opflow_graph_department_key(byref(key), h, out.value)
        return key.value.decode("utf-8")

    @department.setter
    def department(self, value: Optional[str]) -> None:
        self._change(lib.opflow_graph_set_activity_department,
                     c_str_or_none(value, "department key"))

    @property
    @reads
    def customer_facing(self) -> bool:
        """Whether the activity touches the customer."""
        h, i = self._id()
        out = ctypes.c_int()
        lib.opflow_graph_activity_customer_facing(byref(out), h, i)
        return bool(out.value)

    @customer_facing.setter
    def customer_facing(self, value: bool) -> None:
        self._change(lib.opflow_graph_set_activity_customer_facing,
                     flag(value, "customer_facing"))

    @reads
    def _duration(self) -> Tuple[float, bool]:
        h, i = self._id()
        d, explicit = ctypes.c_double(), ctypes.c_int()
        lib.opflow_graph_activity_duration(byref(d), byref(explicit), h, i)
        return d.value, bool(explicit.value)

    @property
    def duration(self) -> float:
        """The duration in use: explicit once set, else derived from the
        estimate's most likely value, else 0."""
        return self._duration()[0]

    @duration.setter
    def duration(self, value: float) -> None:
        self._change(lib.opflow_graph_set_activity_duration,
                     real(value, "duration"))

    @duration.deleter
    def duration(self) -> None:
        self.clear_duration()

    def clear_duration(self) -> None:
        """Makes the duration derived again."""
        self._change(lib.opflow_graph_clear_activity_duration)

    @property
    def duration_is_explicit(self) -> bool:
        """Whether the duration was set explicitly."""
        return self._duration()[1]

    @property
    @reads
    def estimate(self) -> Optional[Estimate]:
        """``(optimistic, most_likely, pessimistic)`` or ``None``.  Setting
        one (a tuple or list of three numbers) re-derives a derived
        duration and leaves an explicit one alone; ``None`` removes it."""
        h, i = self._id()
        has = ctypes.c_int()
        o, m, p = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
        lib.opflow_graph_activity_estimate(byref(has), byref(o), byref(m),
                                           byref(p), h, i)
        if not has.value:
            return None
        return (o.value, m.value, p.value)

    @estimate.setter
    def estimate(self, value: Optional[Sequence[float]]) -> None:
        if value is None:
            self.clear_estimate()
            return
        self._change(lib.opflow_graph_set_activity_estimate,
                     *estimate_of(value))

    @estimate.deleter
    def estimate(self) -> None:
        self.clear_estimate()

    def clear_estimate(self) -> None:
        """Removes the estimate."""
        self._change(lib.opflow_graph_clear_activity_estimate)

    @reads
    def _tracking(self, field: int) -> Optional[float]:
        h, i = self._id()
        is_set, value = ctypes.c_int(), ctypes.c_double()
        lib.opflow_graph_activity_tracking(byref(is_set), byref(value), h, i,
                                           field)
        return value.value if is_set.value else None

    def _set_tracking(self, field: int, value: Any, what: str) -> None:
        if value is None:
            self._change(lib.opflow_graph_clear_activity_tracking, field)
        elif is_date(value):
            self._set_tracking_at(field, instant_of_arg(value, what))
        else:
            self._change(lib.opflow_graph_set_activity_tracking, field,
                         real(value, what))

    @writes
    def _set_tracking_at(self, field: int, instant: int) -> None:
        """Sets a tracking field to an instant of the dated graph."""
        h, i = self._id()
        t = ctypes.c_double()
        try:
            lib.opflow_graph_time_of(byref(t), h, instant)
        except errors.MisuseError:
            raise _undated(_TRACKING.name(field),
                           to_datetime(instant)) from None
        lib.opflow_graph_set_activity_tracking(h, i, field, t.value)

    @property
    @reads
    def calendar(self) -> Optional[str]:
        """The key of the activity's own calendar, or ``None``: it then
        inherits its department's, else the graph's default
        (:attr:`working_calendar` resolves it).  Setting ``None`` makes it
        inherit again; a key that no calendar has raises
        :class:`opflow.NotFoundError`."""
        h, i = self._id()
        out = c_id()
        lib.opflow_graph_activity_calendar(byref(out), h, i)
        return self._graph._calendar_key(out.value)

    @calendar.setter
    def calendar(self, value: Optional[str]) -> None:
        self._set_calendar(calendar_arg(value))

    @writes
    def _set_calendar(self, key: Optional[bytes]) -> None:
        h, i = self._id()
        lib.opflow_graph_set_activity_calendar(
            h, i, self._graph._calendar_id(key))

    @property
    @reads
    def working_calendar(self) -> Optional[str]:
        """The key of the calendar the activity works on, inheritance
        resolved: its own, else its department's, else the graph's
        default; ``None`` when it has none of these (every instant is
        working, 24/7).  Read-only."""
        h, i = self._id()
        out = c_id()
        lib.opflow_graph_activity_working_calendar(byref(out), h, i)
        return self._graph._calendar_key(out.value)

    actual_start = _tracking_property(
        "actual_start",
        """The actual start, or ``None``: the activity started then (it is
        in progress at a later status date, or completed with an actual
        finish).  Moving it after the actual finish, or clearing it while
        the actual finish is set, raises
        :class:`opflow.InvalidArgumentError`.""")
    actual_finish = _tracking_property(
        "actual_finish",
        """The actual finish, or ``None``: the activity is completed.  It
        needs an actual start no later than it
        (:class:`opflow.InvalidArgumentError` otherwise).""")
    remaining = _tracking_property(
        "remaining",
        """The duration left of an activity in progress (or not started),
        >= 0, or ``None``: then an activity in progress has its duration
        less the time since its actual start left (at least 0), and a
        not-started one its duration.""")
    start_no_earlier_than = _tracking_property(
        "start_no_earlier_than",
        """A start-no-earlier-than date, or ``None``: raises the early
        start of the activity (and the remaining start of one in
        progress); never makes an analysis fail.""")
    finish_no_earlier_than = _tracking_property(
        "finish_no_earlier_than",
        """A finish-no-earlier-than date, or ``None``: raises the early
        finish of unfinished work; never makes an analysis fail.""")
    start_no_later_than = _tracking_property(
        "start_no_later_than",
        """A start-no-later-than date, or ``None``: lowers the late start
        of a not-started activity; a date that cannot be met shows as
        negative float.""")
    finish_no_later_than = _tracking_property(
        "finish_no_later_than",
        """A finish-no-later-than date, or ``None``: lowers the late
        finish of unfinished work; a date that cannot be met shows as
        negative float.""")

    @property
    @reads
    def incoming(self) -> List[Flow]:
        """The flows into the activity, in flow-id order."""
        return self._graph._flows_of(self._id()[1], True)

    @property
    @reads
    def outgoing(self) -> List[Flow]:
        """The flows out of the activity, in flow-id order."""
        return self._graph._flows_of(self._id()[1], False)

    @property
    def predecessors(self) -> List[str]:
        """The sources of the flows into the activity, each once."""
        return list(dict.fromkeys(f.source for f in self.incoming))

    @property
    def successors(self) -> List[str]:
        """The targets of the flows out of the activity, each once."""
        return list(dict.fromkeys(f.target for f in self.outgoing))


def _column(codes: str, ctype: Any, n: int) -> Tuple[array.array, Any]:
    """An array.array of n zeros (read back fast by iteration) and a
    ctypes array over the same memory for C to fill; the array's type is
    the first of codes whose items have the C type's size."""
    size = ctypes.sizeof(ctype)
    code = next(c for c in codes if array.array(c).itemsize == size)
    arr = array.array(code, bytes(n * size))
    return arr, (ctype * n).from_buffer(arr)


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """The cyclic garbage collector paused while a large list of new
    records is made (it would otherwise walk the growing list again and
    again, which costs more than making the records); restored after, and
    left alone when the program has turned it off."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class Flows:
    """A live view of the flows of a :class:`Graph`, in id order:
    ``len()``, iteration (:class:`opflow.Flow` records), ``flows[id]``."""

    __slots__ = ("_graph", "_lock")

    def __init__(self, graph: Graph) -> None:
        self._graph = graph
        self._lock = graph._lock

    @reads
    def __len__(self) -> int:
        return int(lib.opflow_graph_flow_count(self._graph._ptr))

    @reads
    def __getitem__(self, flow: int) -> Flow:
        f = integer(flow, "flow id")
        n = len(self)
        if f < 0:
            f += n
        if not 0 <= f < n:
            raise IndexError("no flow with id %d (the graph has %d)"
                             % (flow, n))
        return self._graph._flow(f)

    def __iter__(self) -> Iterator[Flow]:
        """The flows as they are when the iteration starts."""
        return iter(self._all())

    @reads
    def _all(self) -> List[Flow]:
        """Every flow, read as columns in two calls."""
        g = self._graph
        h = g._ptr
        m = lib.opflow_graph_flow_count(h)
        if not m:
            return []
        keys = g._keys()
        src, c_src = _column("IL", c_id, m)
        dst, c_dst = _column("IL", c_id, m)
        types, c_types = _column("il", ctypes.c_int, m)
        lags, c_lags = _column("d", ctypes.c_double, m)
        count = ctypes.c_size_t()
        lib.opflow_graph_flow_columns(byref(count), m, h, c_src, c_dst,
                                      c_types, c_lags)
        key = keys.__getitem__
        elapsed = g._elapsed_flags(m)
        # the records made by tuple.__new__ straight from the columns: no
        # Python code runs per flow
        rows = zip(map(key, src), map(key, dst),
                   map(_FLOW_TYPE.names.__getitem__, types), lags, range(m),
                   repeat(False) if elapsed is None else elapsed)
        with _no_gc():
            return list(map(tuple.__new__, repeat(Flow), rows))

    def __repr__(self) -> str:
        return "<opflow.Flows: %d>" % len(self)


class Departments(MutableMapping):
    """A live mapping of department key to display name (``None`` when it
    has none), in department-id (first-use) order.

    ``deps[key] = name`` adds the department if needed and sets its
    display name (``None`` removes the name); ``del deps[key]`` removes the
    department (its activities lose it); :meth:`add` adds one without a
    name.
    """

    __slots__ = ("_graph", "_lock")

    def __init__(self, graph: Graph) -> None:
        self._graph = graph
        self._lock = graph._lock

    def _find(self, key: bytes) -> int:
        out = c_id()
        lib.opflow_graph_find_department(byref(out), self._graph._ptr, key)
        return out.value

    def add(self, key: str) -> None:
        """Adds a department (nothing happens when it exists)."""
        self._add(c_str(key, "department key"))

    @writes
    def _add(self, key: bytes) -> None:
        out = c_id()
        lib.opflow_graph_intern_department(byref(out), self._graph._ptr, key)

    @reads
    def __getitem__(self, key: str) -> Optional[str]:
        d = self._find(c_str(key, "department key"))
        out = ctypes.c_char_p()
        lib.opflow_graph_department_name(byref(out), self._graph._ptr, d)
        return from_c_str(out.value)

    def __setitem__(self, key: str, name: Optional[str]) -> None:
        self._set(c_str(key, "department key"),
                  c_str_or_none(name, "department name"))

    @writes
    def _set(self, bkey: bytes, bname: Optional[bytes]) -> None:
        h = self._graph._ptr
        before = lib.opflow_graph_department_count(h)
        out = c_id()
        lib.opflow_graph_intern_department(byref(out), h, bkey)
        try:
            lib.opflow_graph_set_department_name(h, out.value, bname)
        except errors.Error:
            # one change or none: drop the department just added
            if lib.opflow_graph_department_count(h) > before:
                lib.opflow_graph_remove_department(h, out.value)
            raise

    def __delitem__(self, key: str) -> None:
        self._remove(c_str(key, "department key"))

    @writes
    def _remove(self, key: bytes) -> None:
        lib.opflow_graph_remove_department(self._graph._ptr, self._find(key))

    @reads
    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            raise TypeError("department keys are str, not %s"
                            % type_name(key))
        try:
            self._find(c_str(key, "department key"))
        except (errors.NotFoundError, errors.InvalidArgumentError,
                errors.RangeError):
            return False
        return True

    @reads
    def __iter__(self) -> Iterator[str]:
        h = self._graph._ptr
        out = ctypes.c_char_p()
        keys = []
        for d in range(lib.opflow_graph_department_count(h)):
            lib.opflow_graph_department_key(byref(out), h, d)
            keys.append(out.value.decode("utf-8"))
        return iter(keys)

    @reads
    def __len__(self) -> int:
        return int(lib.opflow_graph_department_count(self._graph._ptr))

    def __repr__(self) -> str:
        return "<opflow.Departments %r>" % dict(self.items())


class Calendars(_Mapping):
    """A live, read-only mapping of the calendar keys of a :class:`Graph`
    to their canonical specs, in creation order (calendar-id order).

    ``len()``, iteration over the keys, ``key in cals``, ``cals[key]``
    (:class:`opflow.NotFoundError`, a ``KeyError``, for an unknown key),
    and the other methods of :class:`collections.abc.Mapping`.  Change the
    calendars with :meth:`Graph.add_calendar`,
    :meth:`Graph.set_calendar` and :meth:`Graph.remove_calendar`.
    """

    __slots__ = ("_graph", "_lock")

    def __init__(self, graph: Graph) -> None:
        self._graph = graph
        self._lock = graph._lock

    @reads
    def __getitem__(self, key: str) -> str:
        if not isinstance(key, str):
            raise TypeError("calendar keys are str, not %s" % type_name(key))
        g = self._graph
        return g._calendar_spec(g._find_calendar(c_str(key, "calendar key")))

    @reads
    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            raise TypeError("calendar keys are str, not %s" % type_name(key))
        try:
            self._graph._find_calendar(c_str(key, "calendar key"))
        except (errors.NotFoundError, errors.InvalidArgumentError):
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        """The keys as they are when the iteration starts."""
        return iter(self._keys())

    @reads
    def _keys(self) -> List[str]:
        g = self._graph
        n = lib.opflow_graph_calendar_count(g._ptr)
        return [g._calendar_key(c) for c in range(n)]  # type: ignore

    @reads
    def __len__(self) -> int:
        return int(lib.opflow_graph_calendar_count(self._graph._ptr))

    @reads
    def _items(self) -> List[Tuple[str, str]]:
        """``(key, spec)`` pairs, read together."""
        g = self._graph
        n = lib.opflow_graph_calendar_count(g._ptr)
        return [(g._calendar_key(c), g._calendar_spec(c))  # type: ignore
                for c in range(n)]

    def __repr__(self) -> str:
        return "<opflow.Calendars %r>" % dict(self._items())
