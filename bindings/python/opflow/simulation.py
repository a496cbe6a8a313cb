"""Monte Carlo schedule risk: :meth:`opflow.Graph.simulate` and its result.

Every iteration draws the duration of each activity that has a
three-point estimate (triangular or beta-PERT), runs the forward and
backward passes, and keeps the lead time, the production span and the
critical activities.  The result, a :class:`Simulation`, holds the
statistics of both measures, the probability of meeting a deadline, and
the criticality, sensitivity and cruciality of every activity.  The same
seed gives the same bits whatever the number of threads.

Progress (the ``progress`` argument of :meth:`opflow.Graph.simulate`):

- a callable ``progress(done, total)`` is called on the calling thread now
  and then (about every hundredth of the iterations) and once with
  ``done == total``; a true return value cancels the run, which raises
  :class:`opflow.CancelledError`.  An exception it raises cancels the run
  too, and is raised again once the library has returned.
- ``True`` shows a progress bar on ``sys.stderr``: a ``tqdm`` bar when
  ``tqdm`` can be imported, else a plain one-line text bar redrawn in
  place (``\\r``).
- ``False`` shows nothing.
- ``None`` (the default) shows a ``tqdm`` bar only for long runs, when
  iterations x activities is at least :data:`PROGRESS_MIN_WORK`, and only
  when ``sys.stderr`` is a terminal and ``tqdm`` can be imported; else
  nothing.

Whatever ``progress`` is, the library calls back into Python between its
chunks of iterations.  Called from the main thread, while the handler of
SIGINT is Python's default one, a simulation replaces that handler for
the time of the C call with one that only notes the signal: a Ctrl-C then
cancels the run at the next call back (within about a hundredth of it),
and ``KeyboardInterrupt`` is raised once the library has returned, never
inside the callback, where it would be lost.
"""
from __future__ import annotations

import array
import ctypes
import numbers
import signal
import sys
import threading
import weakref
from collections.abc import Mapping
from ctypes import byref
from typing import (TYPE_CHECKING, Any, Callable, Dict, Iterator, List,
                    Optional, Tuple, Union)

from . import errors
from ._capi import (ANALYSIS_OPTIONS_VERSION, INT_MAX, PROGRESS_CALLBACK,
                    SIMULATION_OPTIONS_VERSION, UINT64_MAX,
                    AnalysisOptions, SimulationOptions, SimulationPtr, lib,
                    raise_last_error)
from ._convert import (activity_id, c_int, flag, integer, plain_str, real,
                       real_or_none, type_name)
from ._lock import OwnedResult, reads
from .names import _DISTRIBUTION, _MEASURE, _logic_value
from .records import ActivityRisk, HistogramBin

if TYPE_CHECKING:  # pragma: no cover - graph imports this module
    from .graph import Graph

__all__ = ["Simulation", "Statistics", "RiskMapping", "PROGRESS_MIN_WORK"]

#: With ``progress=None``, the least iterations x activities for which a
#: ``tqdm`` bar is shown (when ``sys.stderr`` is a terminal and ``tqdm``
#: can be imported): about a second of work or more.
PROGRESS_MIN_WORK = 5 * 10 ** 7

# opflow_risk, in value order (the C library has no names for them)
_RISKS = ("criticality", "sensitivity", "cruciality")
_LEAD_TIME = _MEASURE.values["lead_time"]
_PRODUCTION_SPAN = _MEASURE.values["production_span"]

_activity_key = lib.unchecked("opflow_simulation_activity_key")


# ------------------------------------------------------------- arguments

def _uint64(value: Any, what: str) -> int:
    v = integer(value, what)
    if not 0 <= v <= UINT64_MAX:
        raise errors.RangeError("%s %d does not fit a 64-bit unsigned "
                                "integer (0 to 2**64 - 1)" % (what, v))
    return v


def _iterations(value: Any) -> int:
    """An int; 0 goes on to the library, which refuses it by name."""
    v = integer(value, "iterations")
    if v < 0:
        raise errors.InvalidArgumentError(
            "iterations must be at least 1, not %d" % v)
    return _uint64(v, "iterations")


def _python_flag(value: Any, what: str) -> bool:
    """A bool, or the ints 0 and 1, for an option only Python reads."""
    if isinstance(value, bool):
        return value
    v = integer(value, what)
    if v not in (0, 1):
        raise errors.InvalidArgumentError(
            "%s must be True or False, not %d" % (what, v))
    return bool(v)


# -------------------------------------------------------------- progress

class _TextBar:
    """A one-line text bar redrawn in place, for ``progress=True`` when
    tqdm cannot be imported."""

    WIDTH = 30

    def __init__(self, total: int, file: Any) -> None:
        self._file = file
        self._drawn = False
        self.update(0, total)

    def update(self, done: int, total: int) -> None:
        share = done / total if total else 1.0
        filled = int(self.WIDTH * share)
        self._file.write("\rsimulate: [%s%s] %3d%% %d/%d" % (
            "#" * filled, "." * (self.WIDTH - filled), int(100 * share),
            done, total))
        self._file.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self._file.write("\n")
            self._file.flush()
            self._drawn = False


class _TqdmBar:
    """A tqdm bar moved to the count of iterations done."""

    def __init__(self, tqdm: Any, total: int, file: Any) -> None:
        self._bar = tqdm(total=total, file=file, desc="simulate",
                         unit="it", unit_scale=True, dynamic_ncols=True)
        self._at = 0

    def update(self, done: int, total: int) -> None:
        if done > self._at:
            self._bar.update(done - self._at)
            self._at = done

    def close(self) -> None:
        self._bar.close()


def _import_tqdm() -> Optional[Any]:
    try:
        from tqdm import tqdm
    except Exception:  # not installed, or broken: no bar
        return None
    return tqdm


def _is_tty(file: Any) -> bool:
    try:
        return bool(file.isatty())
    except Exception:  # closed, or no isatty
        return False


def _bar(progress: Optional[bool], iterations: int,
         activities: int) -> Optional[Any]:
    """The bar that ``progress`` asks for (True, or None), or None."""
    file = sys.stderr
    if file is None:
        return None
    if progress is None:
        if (iterations * max(activities, 1) < PROGRESS_MIN_WORK
                or not _is_tty(file)):
            return None
        tqdm = _import_tqdm()
        return _TqdmBar(tqdm, iterations, file) if tqdm else None
    tqdm = _import_tqdm()
    if tqdm is not None:
        return _TqdmBar(tqdm, iterations, file)
    return _TextBar(iterations, file)


class _Progress:
    """The C progress callback: calls the caller's function (or moves a
    bar) and keeps whatever it raises, which cancels the run; cancels it
    too once :meth:`interrupt` has noted a SIGINT."""

    def __init__(self, report: Optional[Callable[[int, int], Any]]) -> None:
        self.report = report
        self.failure: Optional[BaseException] = None
        self.interrupted = False

    def __call__(self, done: int, total: int, payload: Any) -> int:
        # Nothing may escape into C: ctypes would print and drop it.
        try:
            if self.interrupted:
                return 1
            report = self.report
            if report is not None and report(done, total):
                return 1
            return 0
        except BaseException as e:  # noqa: B902 - raised again later
            if self.failure is None:
                self.failure = e
            return 1

    def interrupt(self, signum: int, frame: Any) -> None:
        """The handler of SIGINT while the library runs."""
        self.interrupted = True


def _defer_sigint(callback: _Progress) -> bool:
    """Makes SIGINT only noted by ``callback`` (see the module's
    documentation); returns whether it did, so the default handler must
    be put back."""
    if threading.current_thread() is not threading.main_thread():
        return False
    try:
        if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
            return False
        signal.signal(signal.SIGINT, callback.interrupt)
    except (ValueError, OSError, AttributeError):
        return False
    return True


# ------------------------------------------------------------ simulating

def simulate(graph: "Graph", iterations: Any, seed: Any, deadline: Any,
             distribution: Any, threads: Any, samples: Any, sensitivity: Any,
             tolerance: Any, progress: Any, status_date: Any = None,
             logic: Any = "retained") -> "Simulation":
    """The body of :meth:`opflow.Graph.simulate` (the graph's lock held
    for reading)."""
    n = _iterations(iterations)
    s = _uint64(seed, "seed")
    d = real_or_none(deadline, "deadline")
    t = real_or_none(tolerance, "tolerance")
    sd = real_or_none(status_date, "status_date")
    lg = _logic_value(logic)
    nthreads = c_int(threads, "threads")
    keep = _python_flag(samples, "samples")
    sens = flag(sensitivity, "sensitivity")
    if not (progress is None or isinstance(progress, bool)
            or callable(progress)):
        raise TypeError("progress must be None, a bool or a callable "
                        "(done, total), not %s" % type_name(progress))

    aopts = AnalysisOptions()
    lib.opflow_analysis_options_init(byref(aopts), ANALYSIS_OPTIONS_VERSION)
    if d is not None:
        aopts.has_deadline = 1
        aopts.deadline = d
    if t is not None:
        aopts.has_tolerance = 1
        aopts.tolerance = t
    if sd is not None:
        aopts.has_status_date = 1
        aopts.status_date = sd
    aopts.logic = lg
    sopts = SimulationOptions()
    lib.opflow_simulation_options_init(byref(sopts),
                                       SIMULATION_OPTIONS_VERSION)
    sopts.distribution = _DISTRIBUTION.value(distribution)
    sopts.iterations = n
    sopts.seed = s
    sopts.threads = nthreads
    sopts.sensitivity = sens

    h = graph._ptr
    bar = None
    if callable(progress):
        callback = _Progress(progress)
    else:
        if progress is not False:
            bar = _bar(progress, n,
                       int(lib.opflow_graph_activity_count(h)))
        # called all the same: a Ctrl-C cancels the run from there
        callback = _Progress(bar.update if bar is not None else None)
    # referenced (by sopts too) until C returns
    c_callback = PROGRESS_CALLBACK(callback)
    sopts.progress = c_callback
    out = SimulationPtr()
    deferred = _defer_sigint(callback)
    try:
        lib.opflow_simulate(byref(out), h, byref(aopts), byref(sopts))
    except errors.Error:
        if callback.failure is None and not callback.interrupted:
            raise
    finally:
        if deferred:
            signal.signal(signal.SIGINT, signal.default_int_handler)
        if bar is not None:
            bar.close()
    del c_callback, sopts
    failure = callback.failure
    if failure is not None or callback.interrupted:
        # a signal noted after the last call back leaves a result
        if out:
            lib.opflow_simulation_free(out)
        callback.failure = None
        if failure is not None:
            raise failure
        raise KeyboardInterrupt
    sim = Simulation(out, keep)
    sim._graph_ref = weakref.ref(graph)
    sim._graph_version = graph._lock.version
    sim._deadline = d
    sim._tolerance = t
    return sim


# ----------------------------------------------------------------- result

class Statistics:
    """The statistics of one measure of a :class:`Simulation`: its
    :attr:`mean`, :attr:`stddev` (divided by N - 1; 0 for one iteration),
    :attr:`min`, :attr:`max`, :meth:`percentile`, :meth:`histogram` and,
    when the simulation kept them, :attr:`samples`.

    ``sim.lead_time`` is that of the lead time (``sim.mean`` and the rest
    read it), ``sim.production_span`` that of the production span.
    """

    __slots__ = ("_sim", "_measure", "_summary")

    def __init__(self, sim: "Simulation", measure: int) -> None:
        self._sim = sim
        self._measure = measure
        self._summary: Optional[Tuple[float, float, float, float]] = None

    @property
    def measure(self) -> str:
        """``"lead_time"`` or ``"production_span"``."""
        return _MEASURE.name(self._measure)

    def _get_summary(self) -> Tuple[float, float, float, float]:
        self._sim._ptr  # closed: MisuseError
        got = self._summary
        if got is None:
            sim = self._sim
            lock = sim._lock
            lock.acquire_read()
            try:
                mean, sd = ctypes.c_double(), ctypes.c_double()
                lo, hi = ctypes.c_double(), ctypes.c_double()
                lib.opflow_simulation_summary(byref(mean), byref(sd),
                                              byref(lo), byref(hi),
                                              sim._ptr, self._measure)
            finally:
                lock.release_read()
            got = self._summary = (mean.value, sd.value, lo.value, hi.value)
        return got

    @property
    def mean(self) -> float:
        """The mean: the sum of the samples in iteration order, over N."""
        return self._get_summary()[0]

    @property
    def stddev(self) -> float:
        """The standard deviation, divided by N - 1 (0 when N is 1)."""
        return self._get_summary()[1]

    @property
    def min(self) -> float:
        """The least sample."""
        return self._get_summary()[2]

    @property
    def max(self) -> float:
        """The greatest sample."""
        return self._get_summary()[3]

    def percentile(self, p: float) -> float:
        """The nearest-rank percentile, ``0 <= p <= 100``: the sample of
        rank ceil(p / 100 * N), at least 1, in increasing order (so
        ``percentile(0)`` is the minimum, ``percentile(100)`` the
        maximum).  Another ``p``, or NaN, raises
        :class:`opflow.InvalidArgumentError`."""
        v = real(p, "percentile")
        sim = self._sim
        lock = sim._lock
        lock.acquire_read()
        try:
            out = ctypes.c_double()
            lib.opflow_simulation_percentile(byref(out), sim._ptr,
                                             self._measure, v)
            return out.value
        finally:
            lock.release_read()

    def histogram(self, bins: int = 20) -> List[HistogramBin]:
        """``bins`` equal-width bins from the minimum to the maximum, as
        :class:`~opflow.HistogramBin` records ``(low, high, count)``: each
        holds the samples in ``[low, high)``, the last one those in
        ``[low, high]``; the counts sum to the iterations.  When every
        sample is the same, they are all in the last bin.  ``bins`` is an
        int >= 1."""
        b = integer(bins, "bins")
        if b < 0:
            raise errors.InvalidArgumentError(
                "bins must be at least 1, not %d" % b)
        try:
            counts = (ctypes.c_uint64 * max(b, 1))()
            edges = (ctypes.c_double * (b + 1))()
        except (MemoryError, OverflowError):
            raise errors.OutOfMemoryError(
                "no memory for a histogram of %d bins" % b) from None
        sim = self._sim
        lock = sim._lock
        lock.acquire_read()
        try:
            lib.opflow_simulation_histogram(counts, edges, b, sim._ptr,
                                            self._measure)
        finally:
            lock.release_read()
        e = edges[:]
        return [HistogramBin(e[i], e[i + 1], c)
                for i, c in enumerate(counts[:b])]

    @property
    def samples(self) -> Optional["array.array[float]"]:
        """Every sample, in iteration order, as a new ``array.array("d")``
        when the simulation was asked to keep them (``samples=True``);
        else ``None``."""
        sim = self._sim
        if not sim._keep_samples:
            sim._ptr  # closed: MisuseError
            return None
        lock = sim._lock
        lock.acquire_read()
        try:
            h = sim._ptr
            n = int(lib.opflow_simulation_iterations(h))
            out = array.array("d", bytes(ctypes.sizeof(ctypes.c_double) * n))
            buf = (ctypes.c_double * n).from_buffer(out)
            try:
                lib.opflow_simulation_samples(buf, n, h, self._measure)
            finally:
                del buf  # releases the array's buffer
            return out
        finally:
            lock.release_read()

    def __repr__(self) -> str:
        if self._sim.closed:
            return "<opflow.Statistics of %s (closed)>" % self.measure
        return ("<opflow.Statistics of %s: mean %r, stddev %r, min %r, "
                "max %r>" % ((self.measure,) + self._get_summary()))


class RiskMapping(Mapping):
    """One risk figure of every activity of a :class:`Simulation`
    (``sim.criticality``, ``sim.sensitivity``, ``sim.cruciality``): a
    read-only mapping of activity key to value, in id order, read as one
    column.  A missing key raises :class:`opflow.NotFoundError` (a
    ``KeyError``).  It is a copy: it stays valid after the simulation is
    closed."""

    __slots__ = ("name", "_keys", "_index", "_values")

    def __init__(self, name: str, keys: List[str], index: Dict[str, int],
                 values: List[float]) -> None:
        self.name = name
        self._keys = keys
        self._index = index
        self._values = values

    def __getitem__(self, key: str) -> float:
        i = self._index.get(key) if isinstance(key, str) else None
        if i is None:
            raise errors.NotFoundError(
                "no activity %r in the simulation" % (key,))
        return self._values[i]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._index

    def __repr__(self) -> str:
        items = ", ".join("%r: %r" % kv for kv in
                          zip(self._keys[:8], self._values[:8]))
        more = ", ..." if len(self._keys) > 8 else ""
        return "<opflow.RiskMapping %s {%s%s}>" % (self.name, items, more)


class Simulation(OwnedResult):
    """The immutable result of :meth:`opflow.Graph.simulate`.

    The lead time's statistics are :attr:`mean`, :attr:`stddev`,
    :attr:`min`, :attr:`max`, :meth:`percentile`, :meth:`histogram` and
    :attr:`samples` (also as :attr:`lead_time`, a :class:`Statistics`);
    :attr:`production_span` has the same for the production span (``None``
    without a production activity).  :attr:`probability` is the share of
    iterations that met the deadline.  :attr:`criticality`,
    :attr:`sensitivity` and :attr:`cruciality` map every activity key to
    its figure; ``sim[key]`` (or ``sim[id]``) is an
    :class:`~opflow.ActivityRisk` with all three, and iterating yields
    them in id order.  :attr:`iterations`, :attr:`sensitivity_iterations`,
    :attr:`seed`, :attr:`distribution` and :attr:`threads` say how it ran.

    It is independent of the graph, which may change or be closed.  It
    owns C memory: :meth:`close` (or a ``with`` block) frees it at once
    (or, while other threads are reading it, as soon as the last of them
    is done), the garbage collector otherwise.  Using it after
    ``close()`` raises :class:`opflow.MisuseError`; the mappings and
    records already read stay valid.  It may be read from many threads at
    once.
    """

    _what = "simulation"

    def __init__(self, handle: Any, samples: bool = False) -> None:
        # Made by Graph.simulate(); handle is an owned opflow_simulation *.
        if not isinstance(handle, SimulationPtr) or not handle:
            raise TypeError("Simulation objects are made by "
                            "Graph.simulate()")
        self._own(handle, lib.opflow_simulation_free)
        self._keep_samples = bool(samples)
        self._graph_ref: Optional["weakref.ref[Graph]"] = None
        self._graph_version: Optional[int] = None
        self._deadline: Optional[float] = None
        self._tolerance: Optional[float] = None
        self._options: Optional[SimulationOptions] = None
        self._keys: Optional[List[str]] = None
        self._index: Optional[Dict[str, int]] = None
        self._risks: Dict[str, RiskMapping] = {}
        self._lead_time = Statistics(self, _LEAD_TIME)
        self._span: Optional[Statistics] = None
        self._span_known = False

    # ------------------------------------------------------------ lifetime

    def __repr__(self) -> str:
        if self._h is None:
            return "<opflow.Simulation (closed)>"
        return ("<opflow.Simulation of %d activities, %d iterations, mean "
                "lead time %r>" % (len(self), self.iterations, self.mean))

    # ------------------------------------------------------------- options

    @reads
    def _get_options(self) -> SimulationOptions:
        h = self._ptr
        o = self._options
        if o is None:
            o = SimulationOptions()
            o.version = SIMULATION_OPTIONS_VERSION
            lib.opflow_simulation_get_options(byref(o), h)
            self._options = o
        return o

    @property
    @reads
    def iterations(self) -> int:
        """The number of iterations, N."""
        return int(lib.opflow_simulation_iterations(self._ptr))

    @property
    @reads
    def sensitivity_iterations(self) -> int:
        """How many of the first iterations the sensitivities rank: all of
        them while iterations x activities with an estimate <= 2**27, else
        as many as fit, at least 1000; 0 when ``sensitivity=False``."""
        return int(lib.opflow_simulation_sensitivity_iterations(self._ptr))

    @property
    def seed(self) -> int:
        """The seed it ran with."""
        return int(self._get_options().seed)

    @property
    def distribution(self) -> str:
        """``"triangular"`` or ``"pert"``."""
        return _DISTRIBUTION.name(self._get_options().distribution)

    @property
    def threads(self) -> int:
        """The number of threads used (>= 1; never more than the
        iterations)."""
        return int(self._get_options().threads)

    @property
    def deadline(self) -> Optional[float]:
        """The deadline given, ``None`` without one."""
        self._ptr
        return self._deadline

    @property
    def tolerance(self) -> Optional[float]:
        """The critical tolerance given, ``None`` for the default (1e-9 *
        max(1, lead time), per iteration)."""
        self._ptr
        return self._tolerance

    # ---------------------------------------------------------- statistics

    @property
    def lead_time(self) -> Statistics:
        """The statistics of the lead time."""
        self._ptr
        return self._lead_time

    @property
    @reads
    def production_span(self) -> Optional[Statistics]:
        """The statistics of the production span (the lead time of the
        production activities and the flows among them); ``None`` when the
        graph had no production activity."""
        h = self._ptr
        if not self._span_known:
            try:
                lib.opflow_simulation_summary(None, None, None, None, h,
                                              _PRODUCTION_SPAN)
            except errors.NotFoundError:
                self._span = None
            else:
                self._span = Statistics(self, _PRODUCTION_SPAN)
            self._span_known = True
        return self._span

    @property
    def mean(self) -> float:
        """The mean lead time."""
        return self.lead_time.mean

    @property
    def stddev(self) -> float:
        """The standard deviation of the lead time (over N - 1)."""
        return self.lead_time.stddev

    @property
    def min(self) -> float:
        """The shortest lead time."""
        return self.lead_time.min

    @property
    def max(self) -> float:
        """The longest lead time."""
        return self.lead_time.max

    def percentile(self, p: float) -> float:
        """The nearest-rank percentile of the lead time (see
        :meth:`Statistics.percentile`)."""
        return self.lead_time.percentile(p)

    def histogram(self, bins: int = 20) -> List[HistogramBin]:
        """The histogram of the lead time (see
        :meth:`Statistics.histogram`)."""
        return self.lead_time.histogram(bins)

    @property
    def samples(self) -> Optional["array.array[float]"]:
        """The lead times in iteration order, as a new
        ``array.array("d")``, when asked for with ``samples=True``; else
        ``None``."""
        return self.lead_time.samples

    @property
    @reads
    def probability(self) -> Optional[float]:
        """The share of iterations whose lead time met the deadline
        (``<=``); ``None`` without a deadline."""
        out = ctypes.c_double()
        try:
            lib.opflow_simulation_probability(byref(out), self._ptr)
        except errors.NotFoundError:
            return None
        return out.value

    # ---------------------------------------------------------- activities

    def _graph_keys(self, n: int) -> Optional[List[str]]:
        """The keys of the graph read as one column, when it is still as
        it was simulated and its lock can be had for reading without a
        wait; else None."""
        ref = self._graph_ref
        g = ref() if ref is not None else None
        if g is None or self._graph_version is None or not n:
            return None
        lock = g._lock
        if not lock.try_acquire_read():
            return None
        try:
            if lock.version != self._graph_version or g._h is None:
                return None
            keys = g._keys()
        finally:
            lock.release_read()
        return keys if len(keys) == n else None

    def _key_list(self) -> List[str]:
        keys = self._keys
        if keys is None:
            h = self._ptr
            n = int(lib.opflow_simulation_activity_count(h))
            keys = self._graph_keys(n)
            if keys is None:
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
                        lib.opflow_simulation_activity_key(byref(out), h, i)
                        append(out.value.decode("utf-8"))
            self._keys = keys
        return keys

    def _key_index(self) -> Dict[str, int]:
        index = self._index
        if index is None:
            index = self._index = {k: i for i, k in
                                   enumerate(self._key_list())}
        return index

    def _id(self, item: Union[str, int]) -> int:
        if isinstance(item, str):
            try:
                return self._key_index()[plain_str(item)]
            except KeyError:
                raise errors.NotFoundError(
                    "no activity %r in the simulation" % item) from None
        if isinstance(item, numbers.Integral) and not isinstance(item, bool):
            return activity_id(item)
        raise TypeError("a simulation is indexed by activity key (str) or "
                        "id (int), not %s" % type_name(item))

    @reads
    def __len__(self) -> int:
        """The number of activities simulated."""
        return int(lib.opflow_simulation_activity_count(self._ptr))

    @reads
    def keys(self) -> List[str]:
        """The activity keys as they were when the graph was simulated, in
        id order."""
        return list(self._key_list())

    @reads
    def __getitem__(self, item: Union[str, int]) -> ActivityRisk:
        """The :class:`~opflow.ActivityRisk` of one activity, by key or
        by id."""
        h = self._ptr
        i = self._id(item)
        crit, sens, cruc = (ctypes.c_double(), ctypes.c_double(),
                            ctypes.c_double())
        lib.opflow_simulation_activity(byref(crit), byref(sens), byref(cruc),
                                       h, i)
        keys = self._keys
        if keys is not None:
            key = keys[i]
        else:
            out = ctypes.c_char_p()
            lib.opflow_simulation_activity_key(byref(out), h, i)
            key = out.value.decode("utf-8")
        return ActivityRisk(key, i, crit.value, sens.value, cruc.value)

    @reads
    def __iter__(self) -> Iterator[ActivityRisk]:
        """The :class:`~opflow.ActivityRisk` of every activity, in id
        order, read as columns."""
        keys = self._key_list()
        crit, sens, cruc = (self._column(c) for c in range(len(_RISKS)))
        return iter([ActivityRisk(*row) for row in
                     zip(keys, range(len(keys)), crit, sens, cruc)])

    def _column(self, column: int) -> List[float]:
        h = self._ptr
        n = int(lib.opflow_simulation_activity_count(h))
        if n == 0:
            lib.opflow_simulation_column(None, 0, h, column)
            return []
        out = (ctypes.c_double * n)()
        lib.opflow_simulation_column(out, n, h, column)
        return out[:]

    @reads
    def _risk(self, name: str) -> RiskMapping:
        self._ptr  # closed: MisuseError
        got = self._risks.get(name)
        if got is None:
            values = self._column(_RISKS.index(name))
            got = RiskMapping(name, self._key_list(), self._key_index(),
                              values)
            self._risks[name] = got
        return got

    @property
    def criticality(self) -> RiskMapping:
        """The criticality index of every activity: the share of
        iterations in which it was critical (its total float within the
        tolerance of the least)."""
        return self._risk("criticality")

    @property
    def sensitivity(self) -> RiskMapping:
        """The duration sensitivity of every activity: Spearman's rank
        correlation of its drawn duration with the lead time over the
        first :attr:`sensitivity_iterations` iterations (0 for an activity
        without an estimate, when either is constant, or with
        ``sensitivity=False``)."""
        return self._risk("sensitivity")

    @property
    def cruciality(self) -> RiskMapping:
        """criticality x sensitivity, for every activity."""
        return self._risk("cruciality")
