"""opflow: Python bindings of libopflow (ctypes only, no compiler needed).

libopflow builds value-chain graphs of activities joined by flows, tags
each activity as a production or an operation activity, and computes scope
and timeframe metrics (critical path method with FS/SS/FF/SF flows and
lags, floats, stages, handoffs, PERT)::

    import opflow

    g = opflow.Graph()
    g.add_activity("cut", category="manufacturing", department="Frame shop",
                   duration=2)
    g.add_activity("weld", category="manufacturing", department="Frame shop",
                   duration=6, estimate=(4, 6, 10), label="Weld frame")
    g.add_flow("cut", "weld", type="FS", lag=0.5)
    res = g.analyze()
    res.lead_time                 # 8.5
    res["weld"].es                # 2.5
    res.critical_chains           # [['cut', 'weld']]
    res.scope.production_share    # 1.0
    res.to_csv()                  # the schedule as CSV
    g.save("frame.opflow")        # the .opflow text format
    g == opflow.load("frame.opflow")   # True

Text: :func:`load` (a path or a file object) and :func:`loads` (a str or
bytes) read the ``.opflow`` format; :meth:`Graph.save` and
:meth:`Graph.dumps` write it; :meth:`Graph.to_dot` draws the graph for
Graphviz, :meth:`Analysis.to_csv`, :meth:`Analysis.to_json` and
:meth:`Analysis.report` export a result; :meth:`Graph.check` lists
doubtful schedule logic as :class:`Finding` records.

Schedule risk: :meth:`Graph.simulate` draws the durations of the
activities with an estimate (triangular or beta-PERT) over many
iterations and returns a :class:`Simulation`: the lead time's mean,
standard deviation, percentiles and histogram, the production span's, the
probability of meeting a deadline, and each activity's criticality,
sensitivity and cruciality::

    sim = g.simulate(iterations=20000, seed=42, deadline=12,
                     distribution="pert")
    sim.mean, sim.percentile(80), sim.probability
    sim.criticality["weld"]

Progress: each activity may carry an actual start, an actual finish and
a remaining duration, and date constraints; analysed at a status date,
the graph gives the forecast, which an earlier analysis serves as the
baseline of::

    baseline = g.analyze()
    g["cut"].actual_start = 0.0
    g["cut"].actual_finish = 3.0        # a day late
    g["weld"].actual_start = 3.5
    res = g.analyze(status_date=5.0)    # logic="retained" or "override"
    res["weld"].state                   # 'in-progress'
    res["weld"].remaining_start         # 5.0
    cmp = res.compare(baseline)
    cmp.slip                            # the lead time's slip
    cmp["weld"].finish_variance         # EF - EF(baseline)
    cmp.slipped                         # keys, the latest first

Calendars and dates (libopflow 1.4): a graph holds calendars of working
time; each activity works on its own, its department's or the graph's
default (none: every instant works).  Given a start, the graph is dated:
times stay numbers (elapsed units since the start), and an analysis
also gives instants, as naive datetimes of the plant's local civil
time::

    import datetime as dt
    g.add_calendar("two-shift",
                   week={"mon-fri": ["06:00-14:00", "14:00-22:00"],
                         "sat": ["06:00-12:00"]},
                   exceptions={"2026-12-24..2026-12-26": []})
    g.calendar = "two-shift"            # the default (None: 24/7)
    g.start = dt.datetime(2026, 12, 21, 6, 0)
    g.unit = "h"                        # "h", "min", "s", "d" or seconds
    g.working_time("two-shift", g.start, dt.datetime(2026, 12, 22))
    opflow.parse_instant("2026-12-21T06:00")    # a datetime
    opflow.format_instant(dt.datetime(2026, 12, 21, 6))   # the text

Where the library is found, in order: ``$OPFLOW_LIBRARY``; the in-tree
build ``<package>/../../../lib/.libs/libopflow.so.1``;
``ctypes.util.find_library("opflow")``; the SONAME ``libopflow.so.1``.
When none loads, importing raises :class:`LibraryNotFoundError` (an
``ImportError``) listing every place tried and why.  A library of another
major version raises :class:`LibraryVersionError`.

The whole C API is bound (see ``opflow._capi.FUNCTIONS``) except, on
purpose (``opflow._capi.UNBOUND``): ``opflow_set_allocator``, which
installs process-wide C function pointers that must outlive every object
the library allocated, which a ctypes callback cannot promise; and
``opflow_graph_load_file`` and ``opflow_graph_save_file``, which take a C
``FILE *``: Python's file objects are not C streams, so :func:`load` and
:meth:`Graph.save` read and write them in Python, through the buffer
functions.

An :class:`Analysis` keeps its :class:`Graph` alive; its figures never
change with the graph, its exports need the graph as it was analysed.

Threads: a :class:`Graph` may be read and analysed from many threads at
once but not changed while another thread reads it; the bindings enforce
this with a reader-writer lock per object, so sharing never crashes.  An
:class:`Analysis`, a :class:`Simulation` or a :class:`Comparison` is
immutable and may be shared freely; error details are per thread.
"""
from __future__ import annotations

from . import errors
from ._capi import BINDINGS_VERSION as _BINDINGS_VERSION
from ._capi import lib as _lib
from .analysis import Analysis
from .errors import (OPFLOW_ECANCELED, OPFLOW_ECYCLE, OPFLOW_EEXISTS,
                     OPFLOW_EINVAL, OPFLOW_EIO, OPFLOW_EMISUSE, OPFLOW_ENOMEM,
                     OPFLOW_ENOTFOUND, OPFLOW_EPARSE, OPFLOW_ERANGE,
                     OPFLOW_OK, CancelledError, CycleError, DuplicateError,
                     Error, InvalidArgumentError, LibraryNotFoundError,
                     LibraryVersionError, MisuseError, NotFoundError,
                     OutOfMemoryError, ParseError, RangeError)
from .dates import UNITS, format_instant, parse_instant
from .graph import Activity, Calendars, Departments, Flows, Graph, load, loads
from .comparison import Comparison
from .names import (CATEGORIES, COLUMNS, DISTRIBUTIONS, DURATION_MODES,
                    FIGURES, FINDING_KINDS, FLOW_TYPES, KINDS, LOGICS,
                    MEASURES, PORTER_CLASSES, SCOR_PROCESSES, SEVERITIES,
                    STAGES, STATES, TRACKING_FIELDS, CategoryInfo,
                    category_from_name, category_info, category_name,
                    distribution_from_name, distribution_name,
                    duration_mode_from_name, duration_mode_name,
                    figure_from_name, figure_name, finding_kind_from_name,
                    finding_kind_name, flow_type_from_name, flow_type_name,
                    kind_from_name, kind_name, logic_from_name, logic_name,
                    measure_from_name, measure_name, porter_from_name,
                    porter_name, scor_from_name, scor_name,
                    severity_from_name, severity_name, stage_from_name,
                    stage_name, state_from_name, state_name,
                    tracking_from_name, tracking_name)
from .records import (ActivityResult, ActivityRisk, ActivityVariance,
                      CriticalPaths, Finding, Flow, HistogramBin, Options,
                      Scope, Timeframe)
from .simulation import RiskMapping, Simulation, Statistics

#: OPFLOW_EIO, an OSError.  Not in __all__: ``from opflow import *`` must
#: not shadow the built-in IOError.
IOError = errors.IOError

#: The version of these bindings (written for libopflow 1.x).
__version__ = "%d.%d.%d" % _BINDINGS_VERSION

#: Where the library was loaded from.
library_path: str = _lib.path

#: The longest activity or department key, in UTF-8 bytes.
KEY_MAX = 1024
#: The longest label or department display name, in UTF-8 bytes.
TEXT_MAX = 65536


def version() -> str:
    """The version of the loaded library, such as ``"1.0.0"``."""
    return _lib.opflow_version().decode("ascii")


def version_number() -> int:
    """The version of the loaded library as major * 10000 + minor * 100 +
    patch."""
    return int(_lib.opflow_version_number())


def strerror(code: int) -> str:
    """The library's fixed text for an error code."""
    from ._convert import c_int
    return _lib.opflow_strerror(c_int(code, "code")).decode("utf-8")


__all__ = [
    # objects
    "Graph", "Activity", "Flows", "Departments", "Calendars", "Analysis",
    "Simulation", "Statistics", "RiskMapping", "Comparison",
    # dates
    "parse_instant", "format_instant", "UNITS",
    # text format
    "load", "loads",
    # records
    "Flow", "ActivityResult", "Scope", "Timeframe", "CriticalPaths",
    "CategoryInfo", "Options", "Finding", "HistogramBin", "ActivityRisk",
    "ActivityVariance",
    # errors (opflow.IOError is left out on purpose: see opflow.errors)
    "Error", "OutOfMemoryError", "InvalidArgumentError", "NotFoundError",
    "DuplicateError", "CycleError", "ParseError", "RangeError",
    "MisuseError", "CancelledError", "LibraryNotFoundError",
    "LibraryVersionError",
    "OPFLOW_OK", "OPFLOW_ENOMEM", "OPFLOW_EINVAL", "OPFLOW_ENOTFOUND",
    "OPFLOW_EEXISTS", "OPFLOW_ECYCLE", "OPFLOW_EPARSE", "OPFLOW_EIO",
    "OPFLOW_ERANGE", "OPFLOW_EMISUSE", "OPFLOW_ECANCELED",
    # names
    "KINDS", "CATEGORIES", "FLOW_TYPES", "STAGES", "SCOR_PROCESSES",
    "PORTER_CLASSES", "DURATION_MODES", "FIGURES", "SEVERITIES",
    "FINDING_KINDS", "COLUMNS", "DISTRIBUTIONS", "MEASURES",
    "TRACKING_FIELDS", "STATES", "LOGICS",
    "kind_name", "kind_from_name", "category_name", "category_from_name",
    "flow_type_name", "flow_type_from_name", "stage_name", "stage_from_name",
    "scor_name", "scor_from_name", "porter_name", "porter_from_name",
    "duration_mode_name", "duration_mode_from_name", "figure_name",
    "figure_from_name", "severity_name", "severity_from_name",
    "finding_kind_name", "finding_kind_from_name", "distribution_name",
    "distribution_from_name", "measure_name", "measure_from_name",
    "tracking_name", "tracking_from_name", "state_name", "state_from_name",
    "logic_name", "logic_from_name", "category_info",
    # library
    "version", "version_number", "strerror", "library_path", "KEY_MAX",
    "TEXT_MAX", "__version__",
]
