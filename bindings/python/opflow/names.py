"""The names of libopflow's enumerations, and the category table.

Python speaks the names DESIGN fixes (``"production"``,
``"quality-control"``, ``"SS"``, ``"pre-production"``...) everywhere; the C
enumeration values appear only here and in the bulk-loading columns.  The
tuples below are read from the library at import, in value order.
"""
from __future__ import annotations

import ctypes
from typing import Callable, Dict, NamedTuple, Optional, Tuple

from . import errors
from ._capi import lib
from ._convert import c_int, c_str, from_c_str, plain_str

__all__ = [
    "KINDS", "CATEGORIES", "FLOW_TYPES", "STAGES", "SCOR_PROCESSES",
    "PORTER_CLASSES", "DURATION_MODES", "FIGURES",
    "kind_name", "kind_from_name", "category_name", "category_from_name",
    "flow_type_name", "flow_type_from_name", "stage_name", "stage_from_name",
    "scor_name", "scor_from_name", "porter_name", "porter_from_name",
    "duration_mode_name", "duration_mode_from_name", "figure_name",
    "figure_from_name", "CategoryInfo", "category_info",
    "SEVERITIES", "FINDING_KINDS", "COLUMNS", "severity_name",
    "severity_from_name", "finding_kind_name", "finding_kind_from_name",
    "DISTRIBUTIONS", "MEASURES", "distribution_name",
    "distribution_from_name", "measure_name", "measure_from_name",
    "TRACKING_FIELDS", "STATES", "LOGICS", "tracking_name",
    "tracking_from_name", "state_name", "state_from_name", "logic_name",
    "logic_from_name",
]


class _Enum:
    """One enumeration: its C name and from-name functions."""

    def __init__(self, what: str, name_fn: Callable, from_fn: Callable):
        self.what = what
        self._name_fn = name_fn
        self._from_fn = from_fn
        names = []
        while True:
            raw = name_fn(len(names))
            if raw is None:
                break
            names.append(raw.decode("utf-8"))
        self.names: Tuple[str, ...] = tuple(names)
        self.values: Dict[str, int] = {n: i for i, n in enumerate(names)}

    def name(self, value: int) -> str:
        if type(value) is int and 0 <= value < len(self.names):
            return self.names[value]
        raw = self._name_fn(c_int(value, self.what))
        if raw is None:
            raise errors.InvalidArgumentError(
                "unknown %s %d (known: 0 to %d)"
                % (self.what, value, len(self.names) - 1))
        return raw.decode("utf-8")

    def value(self, name: str) -> int:
        """The value of a name; the library checks it, and an unknown one
        is an :class:`opflow.InvalidArgumentError` that lists the valid
        names."""
        v = self.values.get(name) if type(name) is str else None
        if v is not None:
            return v
        raw = c_str(name, self.what + " name")  # TypeError for a non-str
        out = ctypes.c_int()
        try:
            self._from_fn(ctypes.byref(out), raw)
        except errors.InvalidArgumentError:
            raise errors.InvalidArgumentError(
                "unknown %s %r (known: %s)" % (self.what, plain_str(name),
                                               ", ".join(self.names))
            ) from None
        return out.value


_KIND = _Enum("kind", lib.opflow_kind_name, lib.opflow_kind_from_name)
_CATEGORY = _Enum("category", lib.opflow_category_name,
                  lib.opflow_category_from_name)
_FLOW_TYPE = _Enum("flow type", lib.opflow_flow_type_name,
                   lib.opflow_flow_type_from_name)
_STAGE = _Enum("stage", lib.opflow_stage_name, lib.opflow_stage_from_name)
_SCOR = _Enum("SCOR process", lib.opflow_scor_name,
              lib.opflow_scor_from_name)
_PORTER = _Enum("Porter class", lib.opflow_porter_name,
                lib.opflow_porter_from_name)
_DURATION_MODE = _Enum("duration mode", lib.opflow_duration_mode_name,
                       lib.opflow_duration_mode_from_name)
_FIGURE = _Enum("figure", lib.opflow_figure_name, lib.opflow_figure_from_name)
_SEVERITY = _Enum("severity", lib.opflow_severity_name,
                  lib.opflow_severity_from_name)
_FINDING_KIND = _Enum("finding kind", lib.opflow_finding_kind_name,
                      lib.opflow_finding_kind_from_name)
_DISTRIBUTION = _Enum("distribution", lib.opflow_distribution_name,
                      lib.opflow_distribution_from_name)
_MEASURE = _Enum("measure", lib.opflow_measure_name,
                 lib.opflow_measure_from_name)
_TRACKING = _Enum("tracking field", lib.opflow_tracking_name,
                  lib.opflow_tracking_from_name)
_STATE = _Enum("state", lib.opflow_state_name, lib.opflow_state_from_name)
_LOGIC = _Enum("logic", lib.opflow_logic_name, lib.opflow_logic_from_name)

#: ``("production", "operation")``
KINDS = _KIND.names
#: The fifteen categories, ``"sourcing"`` to ``"other"``.
CATEGORIES = _CATEGORY.names
#: ``("FS", "SS", "FF", "SF")``
FLOW_TYPES = _FLOW_TYPE.names
#: ``("production", "pre-production", "post-production", "interleaved",
#: "independent")``
STAGES = _STAGE.names
#: ``("plan", "source", "make", "deliver", "return", "enable", "none")``
SCOR_PROCESSES = _SCOR.names
#: ``("primary", "support", "none")``
PORTER_CLASSES = _PORTER.names
#: ``("deterministic", "pert")``
DURATION_MODES = _DURATION_MODE.names
#: Every figure of an analysis, ``"activities"`` to ``"pert_probability"``,
#: then (libopflow 1.4) ``"working_lead_time"``.
FIGURES = _FIGURE.names
#: ``("error", "warning")``: the severities of :meth:`opflow.Graph.check`
#: findings.
SEVERITIES = _SEVERITY.names
#: ``("cycle", "out-of-range", "no-predecessor", "no-successor",
#: "negative-lag", "start-to-finish", "high-float", "out-of-sequence",
#: "constraint-conflict")``: the kinds of :meth:`opflow.Graph.check`
#: findings.
FINDING_KINDS = _FINDING_KIND.names
#: ``("triangular", "pert")``: the distributions of the durations drawn
#: by :meth:`opflow.Graph.simulate` (``"pert"`` is beta-PERT).
DISTRIBUTIONS = _DISTRIBUTION.names
#: ``("lead_time", "production_span")``: what the statistics of a
#: :class:`opflow.Simulation` are about.
MEASURES = _MEASURE.names
#: ``("actual_start", "actual_finish", "remaining",
#: "start_no_earlier_than", "finish_no_earlier_than",
#: "start_no_later_than", "finish_no_later_than")``: the progress and
#: date constraints of an activity, which are also the names of the
#: :class:`opflow.Activity` properties that read and set them.
TRACKING_FIELDS = _TRACKING.names
#: ``("not-started", "in-progress", "completed")``: the state of an
#: activity at the status date (:attr:`opflow.ActivityResult.state`).
STATES = _STATE.names
#: ``("retained", "override")``: how the remaining work of an activity in
#: progress obeys its incoming flows (the ``logic`` of
#: :meth:`opflow.Graph.analyze`): as a not-started activity would
#: (retained logic, the default), or not at all (progress override).
LOGICS = _LOGIC.names
#: The columns of :meth:`opflow.Analysis.column`, in ``opflow_column``
#: value order (the C library has no name functions for them, so they are
#: spelled here, with the per-activity names of ``libopflow(7)``).
COLUMNS = ("duration", "es", "ef", "ls", "lf", "total_float", "free_float",
           "critical", "near_critical", "stage", "state", "remaining_start",
           "remaining", "start_instant", "finish_instant",
           "late_start_instant", "late_finish_instant")


def kind_name(value: int) -> str:
    """The name of a C ``opflow_kind`` value."""
    return _KIND.name(value)


def kind_from_name(name: str) -> int:
    """The C ``opflow_kind`` value of a name."""
    return _KIND.value(name)


def category_name(value: int) -> str:
    """The name of a C ``opflow_category`` value."""
    return _CATEGORY.name(value)


def category_from_name(name: str) -> int:
    """The C ``opflow_category`` value of a name."""
    return _CATEGORY.value(name)


def flow_type_name(value: int) -> str:
    """The name of a C ``opflow_flow_type`` value."""
    return _FLOW_TYPE.name(value)


def flow_type_from_name(name: str) -> int:
    """The C ``opflow_flow_type`` value of a name."""
    return _FLOW_TYPE.value(name)


def stage_name(value: int) -> str:
    """The name of a C ``opflow_stage`` value."""
    return _STAGE.name(value)


def stage_from_name(name: str) -> int:
    """The C ``opflow_stage`` value of a name."""
    return _STAGE.value(name)


def scor_name(value: int) -> str:
    """The name of a C ``opflow_scor`` value."""
    return _SCOR.name(value)


def scor_from_name(name: str) -> int:
    """The C ``opflow_scor`` value of a name."""
    return _SCOR.value(name)


def porter_name(value: int) -> str:
    """The name of a C ``opflow_porter`` value."""
    return _PORTER.name(value)


def porter_from_name(name: str) -> int:
    """The C ``opflow_porter`` value of a name."""
    return _PORTER.value(name)


def duration_mode_name(value: int) -> str:
    """The name of a C ``opflow_duration_mode`` value."""
    return _DURATION_MODE.name(value)


def duration_mode_from_name(name: str) -> int:
    """The C ``opflow_duration_mode`` value of a name."""
    return _DURATION_MODE.value(name)


def figure_name(value: int) -> str:
    """The name of a C ``opflow_figure`` value."""
    return _FIGURE.name(value)


def figure_from_name(name: str) -> int:
    """The C ``opflow_figure`` value of a name."""
    return _FIGURE.value(name)


def severity_name(value: int) -> str:
    """The name of a C ``opflow_severity`` value."""
    return _SEVERITY.name(value)


def severity_from_name(name: str) -> int:
    """The C ``opflow_severity`` value of a name."""
    return _SEVERITY.value(name)


def finding_kind_name(value: int) -> str:
    """The name of a C ``opflow_finding_kind`` value."""
    return _FINDING_KIND.name(value)


def finding_kind_from_name(name: str) -> int:
    """The C ``opflow_finding_kind`` value of a name."""
    return _FINDING_KIND.value(name)


def distribution_name(value: int) -> str:
    """The name of a C ``opflow_distribution`` value."""
    return _DISTRIBUTION.name(value)


def distribution_from_name(name: str) -> int:
    """The C ``opflow_distribution`` value of a name."""
    return _DISTRIBUTION.value(name)


def measure_name(value: int) -> str:
    """The name of a C ``opflow_measure`` value."""
    return _MEASURE.name(value)


def measure_from_name(name: str) -> int:
    """The C ``opflow_measure`` value of a name."""
    return _MEASURE.value(name)


def tracking_name(value: int) -> str:
    """The name of a C ``opflow_tracking`` value."""
    return _TRACKING.name(value)


def tracking_from_name(name: str) -> int:
    """The C ``opflow_tracking`` value of a name."""
    return _TRACKING.value(name)


def state_name(value: int) -> str:
    """The name of a C ``opflow_state`` value."""
    return _STATE.name(value)


def state_from_name(name: str) -> int:
    """The C ``opflow_state`` value of a name."""
    return _STATE.value(name)


def logic_name(value: int) -> str:
    """The name of a C ``opflow_logic`` value."""
    return _LOGIC.name(value)


def logic_from_name(name: str) -> int:
    """The C ``opflow_logic`` value of a name."""
    return _LOGIC.value(name)


def _logic_value(name: str) -> int:
    """The C ``opflow_logic`` value of the ``logic`` argument of
    :meth:`opflow.Graph.analyze`; an unknown name is an
    :class:`opflow.InvalidArgumentError` (a ``ValueError``) that lists
    the valid ones."""
    if not isinstance(name, str):
        raise TypeError("logic must be a str (one of %s), not %s"
                        % (", ".join(LOGICS), type(name).__name__))
    name = plain_str(name)
    value = _LOGIC.values.get(name)
    if value is None:
        raise errors.InvalidArgumentError(
            "unknown logic %r (known: %s)" % (name, ", ".join(LOGICS)))
    return value


def _column_value(name: str) -> int:
    """The C ``opflow_column`` value of a column name (see
    :data:`COLUMNS`)."""
    if not isinstance(name, str):
        raise TypeError("a column name is a str, not %s"
                        % type(name).__name__)
    try:
        return COLUMNS.index(name)
    except ValueError:
        raise errors.InvalidArgumentError(
            "unknown column %r (known: %s)" % (name, ", ".join(COLUMNS))
        ) from None


class CategoryInfo(NamedTuple):
    """A row of the category table (see :func:`category_info`)."""

    kind: str
    customer_facing: bool
    scor: str
    porter: str
    porter_activity: Optional[str]


def category_info(category: str) -> CategoryInfo:
    """The category table's row for a category: its default kind and
    customer-facing flag, SCOR process, Porter class and Porter activity
    (``None`` for ``"other"``)::

        >>> opflow.category_info("sales")
        CategoryInfo(kind='operation', customer_facing=True, scor='deliver',
                     porter='primary', porter_activity='marketing and sales')
    """
    value = _CATEGORY.value(category)
    kind = ctypes.c_int()
    cf = ctypes.c_int()
    scor = ctypes.c_int()
    porter = ctypes.c_int()
    activity = ctypes.c_char_p()
    lib.opflow_category_info(ctypes.byref(kind), ctypes.byref(cf),
                             ctypes.byref(scor), ctypes.byref(porter),
                             ctypes.byref(activity), value)
    return CategoryInfo(_KIND.name(kind.value), bool(cf.value),
                        _SCOR.name(scor.value), _PORTER.name(porter.value),
                        from_c_str(activity.value))
