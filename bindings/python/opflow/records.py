"""Immutable records the bindings return: flows, per-activity results, the
scope and timeframe figures, critical paths, the options an analysis ran
with, the findings of a check, the bins and per-activity risks of a
simulation, and the per-activity variances of a baseline comparison.

They are plain values, copied out of the library: they stay valid whatever
happens to the graph or analysis they came from, and they can be pickled
(and copied) like any named tuple.
"""
from __future__ import annotations

import types
from typing import Any, Mapping, NamedTuple, Optional, Tuple

__all__ = ["Flow", "ActivityResult", "Scope", "Timeframe", "CriticalPaths",
           "Options", "Finding", "HistogramBin", "ActivityRisk",
           "ActivityVariance"]


class Flow(NamedTuple):
    """A flow: ``target`` depends on ``source``.

    ``type`` is ``"FS"``, ``"SS"``, ``"FF"`` or ``"SF"``; ``lag`` may be
    negative (a lead); ``id`` is the flow's id when the record was made
    (flow ids move down when an earlier flow or activity is removed).

    ``elapsed`` (libopflow 1.4; the record only grows at its end): whether
    the lag is plain elapsed time rather than working time of the
    target's calendar in a dated graph (:meth:`opflow.Graph.add_flow`,
    :meth:`opflow.Graph.set_flow_elapsed`).  In an analysis's
    ``driving_flow`` it is the flag the flow had when the graph was
    analysed.
    """

    source: str
    target: str
    type: str
    lag: float
    id: int
    # since 1.4
    elapsed: bool = False


class ActivityResult(NamedTuple):
    """The schedule of one activity in an analysis.

    ``duration`` is the one the analysis used (the PERT mean in PERT
    mode).  In a plan (an analysis without a status date) ``ef = es +
    duration``, ``lf = ls + duration`` and ``total_float = ls - es``;
    ``free_float`` is the least slack of the activity's outgoing
    constraints at early times (and of the horizon).  ``stage`` is one of
    ``"production"``, ``"pre-production"``, ``"post-production"``,
    ``"interleaved"``, ``"independent"``.  ``driving_flow`` is the
    first-added flow whose constraint set the early start, or ``None`` when
    only the start bound (or a start-no-earlier-than date) did.

    With a status date (``Graph.analyze(status_date=...)``) the times are
    the forecast: a completed activity has ``es = ls`` = its actual start,
    ``ef = lf`` = its actual finish, floats 0 and is never critical; one in
    progress has ``es`` = its actual start and ``ef`` = where its remaining
    work starts plus the work left, ``ls = lf`` - the work left and
    ``total_float = lf - ef`` (so not ``ls - es`` there).  Date
    constraints can make floats negative.

    The record only grows at its end; the fields after ``driving_flow``
    came with libopflow 1.3 and default to ``None``:

    - ``start``, ``finish``, ``late_start``, ``late_finish``: the start,
      finish, late start and late finish instants of the activity as
      naive :class:`datetime.datetime` objects, in an analysis of a dated
      graph (one with a :attr:`opflow.Graph.start`, since libopflow 1.4);
      ``None`` in an undated one.  A start is the *last* instant at its
      working position (the start of the next working period), a finish
      the *first* (the end of the last worked period).  ``es`` ... ``lf``
      stay elapsed units since the project start, the floats working
      units of the activity's calendar.
    - ``state``: ``"not-started"``, ``"in-progress"`` or ``"completed"``
      at the status date; ``None`` without a status date.
    - ``remaining_start``: where the activity's remaining work starts (a
      not-started activity's early start, the remaining start of one in
      progress, a completed one's actual finish); ``None`` without a
      status date.
    """

    key: str
    id: int
    duration: float
    es: float
    ef: float
    ls: float
    lf: float
    total_float: float
    free_float: float
    critical: bool
    near_critical: bool
    stage: str
    driving_flow: Optional[Flow]
    # since 1.3
    start: Optional[Any] = None
    finish: Optional[Any] = None
    late_start: Optional[Any] = None
    late_finish: Optional[Any] = None
    state: Optional[str] = None
    remaining_start: Optional[float] = None


class Scope(NamedTuple):
    """Scope, customer orientation and collaboration figures, over the
    whole graph and over the production process.  Counts are ints; a share
    whose denominator is 0 is 0.  Never absent."""

    activities: int
    production_activities: int
    operation_activities: int
    effort: float
    production_effort: float
    production_share: float
    production_effort_share: float
    departments: int
    production_departments: int
    categories: int
    production_categories: int
    customer_facing: int
    customer_facing_effort: float
    handoffs: int
    production_handoffs: int
    boundary_handoffs: int
    operation_handoffs: int


class Timeframe(NamedTuple):
    """Timeframe figures.

    Without any production activity, ``production_start``,
    ``production_end``, ``production_window``, ``pre_production``,
    ``post_production``, ``production_span`` and ``timeframe_ratio`` are
    ``None``; the ratio is also ``None`` when the span is 0.
    ``critical_time_by_department`` maps every department key of the
    analysis, and ``None`` for critical activities without a department, to
    the summed durations of its critical activities;
    ``critical_time_by_kind`` maps ``"production"`` and ``"operation"``.
    Both mappings are read-only.
    """

    lead_time: float
    production_start: Optional[float]
    production_end: Optional[float]
    production_window: Optional[float]
    pre_production: Optional[float]
    post_production: Optional[float]
    production_span: Optional[float]
    timeframe_ratio: Optional[float]
    critical_time_by_department: Mapping[Optional[str], float]
    critical_time_by_kind: Mapping[str, float]

    def __reduce__(self) -> Any:
        # the read-only mappings (types.MappingProxyType) cannot be
        # pickled themselves: their contents are, and made read-only again
        return (_timeframe, (tuple(self[:8]),
                             dict(self.critical_time_by_department),
                             dict(self.critical_time_by_kind)))


def _timeframe(plain: Tuple[Any, ...], by_department: Mapping[Any, float],
               by_kind: Mapping[str, float]) -> Timeframe:
    """A :class:`Timeframe` from its pickled parts."""
    return Timeframe(*plain, types.MappingProxyType(dict(by_department)),
                     types.MappingProxyType(dict(by_kind)))


class CriticalPaths(list):  # of List[str]
    """The critical paths delivered, each a list of keys, in lexicographic
    order of (early start, id).  ``more`` is ``True`` when the limit cut
    the enumeration short: more critical paths exist."""

    more: bool

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.more = False

    def __repr__(self) -> str:
        return "CriticalPaths(%s, more=%r)" % (list.__repr__(self), self.more)


class Options(NamedTuple):
    """The options an analysis ran with, as in effect
    (:attr:`opflow.Analysis.options`).

    ``durations`` is ``"deterministic"`` or ``"pert"``; ``deadline`` the
    horizon given, ``None`` when there was none (the lead time was the
    horizon); ``tolerance`` the one used, given or the default 1e-9 *
    max(1, lead time); ``near_critical`` the threshold above the least
    total float; ``status_date`` the status date, ``None`` for a plan
    (no status date: progress ignored); ``logic`` ``"retained"`` or
    ``"override"`` (see :data:`opflow.LOGICS`).  The last two came with
    libopflow 1.3: the record only grows at its end.
    """

    durations: str
    deadline: Optional[float]
    tolerance: float
    near_critical: float
    # since 1.3
    status_date: Optional[float] = None
    logic: str = "retained"


class Finding(NamedTuple):
    """One finding of :meth:`opflow.Graph.check`.

    ``kind`` is one of ``opflow.FINDING_KINDS`` (``"cycle"``,
    ``"out-of-range"``, ``"no-predecessor"``, ``"no-successor"``,
    ``"negative-lag"``, ``"start-to-finish"``, ``"high-float"``,
    ``"out-of-sequence"``, ``"constraint-conflict"``);
    ``severity`` is ``"error"`` (the graph cannot be analysed) or
    ``"warning"`` (a doubtful schedule).  ``activity`` is the key of the
    activity concerned, ``flow`` the ``(source key, target key, type)`` of
    the flow concerned; each is ``None`` where it does not apply.
    ``message`` is the library's sentence about it.
    """

    kind: str
    severity: str
    activity: Optional[str]
    flow: Optional[Tuple[str, str, str]]
    message: str


class HistogramBin(NamedTuple):
    """One bin of :meth:`opflow.Simulation.histogram`: the ``count`` of
    samples in ``[low, high)``, or in ``[low, high]`` for the last bin."""

    low: float
    high: float
    count: int


class ActivityRisk(NamedTuple):
    """The risk figures of one activity in a simulation
    (``sim[key]``).

    ``criticality``: the share of iterations in which the activity was
    critical; ``sensitivity``: Spearman's rank correlation of its drawn
    duration with the lead time (0 when either is constant, or when
    sensitivities were not asked for); ``cruciality``: their product.
    ``id`` is the activity's id when the graph was simulated.
    """

    key: str
    id: int
    criticality: float
    sensitivity: float
    cruciality: float


class ActivityVariance(NamedTuple):
    """One activity of a :class:`opflow.Comparison` (``cmp[key]``), matched
    with the baseline's activity of the same key.

    ``start_variance`` is its early start less the baseline's,
    ``finish_variance`` its early finish less the baseline's; positive
    means late.  ``id`` is the activity's id in the analysis compared (not
    the baseline).
    """

    key: str
    id: int
    start_variance: float
    finish_variance: float
