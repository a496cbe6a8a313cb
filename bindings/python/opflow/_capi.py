"""The C interface of libopflow as ctypes sees it.

:data:`FUNCTIONS` is the one table of ``(name, argtypes, restype,
errcheck)`` for every function of ``include/opflow.h`` but the three of
:data:`UNBOUND`, registered on the loaded library at import.

Left unbound on purpose:

- ``opflow_set_allocator`` installs process-wide C function pointers that
  must outlive every object the library ever allocated (and the
  thread-local error details, which outlive every object).  A ctypes
  callback is freed with its Python object, and Python code runs under the
  interpreter lock, so a Python allocator would be a crash waiting to
  happen; the hook is for C embedders.
- ``opflow_graph_load_file`` and ``opflow_graph_save_file`` take a C
  ``FILE *``.  Python's file objects are not C streams, and a ``FILE *``
  made for ctypes (``fdopen`` on a descriptor) would have its own buffer
  and C runtime, out of step with the Python object's.  The bindings read
  and write Python files themselves, through ``opflow_graph_load_buffer``
  and ``opflow_graph_save_buffer``, and paths through
  ``opflow_graph_load_path`` and ``opflow_graph_save_path``.

Everything here is private: use the classes of :mod:`opflow`.
"""
from __future__ import annotations

import ctypes
import re
from ctypes import (CFUNCTYPE, POINTER, Structure, c_char_p, c_double, c_int,
                    c_int64, c_size_t, c_uint, c_uint32, c_uint64, c_void_p)
from typing import Any, Callable, List, Optional, Sequence, Tuple

from . import errors
from ._loader import load_library

# The version of the header these bindings were written for.
BINDINGS_VERSION = (1, 5, 0)

OPFLOW_NONE = 0xFFFFFFFF
OPFLOW_KEY_MAX = 1024
OPFLOW_TEXT_MAX = 65536
OPFLOW_FROM_CATEGORY = -1
ACTIVITY_OPTIONS_VERSION = 1
# Version 2 (libopflow 1.3) appended the status date and the logic; the
# struct below has every field of version 2, so whatever version a caller
# sets in it, the library never reads or writes past its end, and a
# version-1 caller (fields of version 2 left alone) analyses as before.
ANALYSIS_OPTIONS_VERSION = 2
CHECK_OPTIONS_VERSION = 1
SIMULATION_OPTIONS_VERSION = 1
SIZE_MAX = ctypes.c_size_t(-1).value
INT_MIN = -(1 << 31)
INT_MAX = (1 << 31) - 1
UINT64_MAX = (1 << 64) - 1
INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1
# Room for any instant opflow_instant_format() writes, its NUL included.
OPFLOW_INSTANT_SIZE = 24

c_id = c_uint32


class opflow_graph(Structure):
    """Opaque ``opflow_graph``."""


class opflow_analysis(Structure):
    """Opaque ``opflow_analysis``."""


class opflow_findings(Structure):
    """Opaque ``opflow_findings``."""


class opflow_simulation(Structure):
    """Opaque ``opflow_simulation``."""


class opflow_comparison(Structure):
    """Opaque ``opflow_comparison``."""


GraphPtr = POINTER(opflow_graph)
AnalysisPtr = POINTER(opflow_analysis)
FindingsPtr = POINTER(opflow_findings)
SimulationPtr = POINTER(opflow_simulation)
ComparisonPtr = POINTER(opflow_comparison)


class ActivityOptions(Structure):
    """``opflow_activity_options`` (version 1)."""

    _fields_ = [
        ("version", c_uint),
        ("category", c_int),
        ("kind", c_int),
        ("customer_facing", c_int),
        ("label", c_char_p),
        ("department", c_char_p),
        ("has_duration", c_int),
        ("duration", c_double),
        ("has_estimate", c_int),
        ("optimistic", c_double),
        ("most_likely", c_double),
        ("pessimistic", c_double),
    ]


class AnalysisOptions(Structure):
    """``opflow_analysis_options`` (version 2: the fields of version 1,
    then the three of version 2, in the header's order)."""

    _fields_ = [
        ("version", c_uint),
        ("duration_mode", c_int),
        ("has_deadline", c_int),
        ("deadline", c_double),
        ("has_tolerance", c_int),
        ("tolerance", c_double),
        ("near_critical", c_double),
        # version 2
        ("has_status_date", c_int),
        ("status_date", c_double),
        ("logic", c_int),
    ]


class CheckOptions(Structure):
    """``opflow_check_options`` (version 1)."""

    _fields_ = [
        ("version", c_uint),
        ("high_float", c_double),
    ]


class GanttOptions(Structure):
    """``opflow_gantt_options`` (version 1)."""

    _fields_ = [
        ("version", c_uint),
        ("group", c_int),
        ("max_rows", c_size_t),
    ]


GANTT_OPTIONS_VERSION = 1


# int (*)(const opflow_id *ids, size_t length, void *payload)
PATH_CALLBACK = CFUNCTYPE(c_int, POINTER(c_id), c_size_t, c_void_p)

# opflow_progress_cb: int (*)(uint64_t done, uint64_t total, void *payload)
PROGRESS_CALLBACK = CFUNCTYPE(c_int, c_uint64, c_uint64, c_void_p)


class SimulationOptions(Structure):
    """``opflow_simulation_options`` (version 1)."""

    _fields_ = [
        ("version", c_uint),
        ("distribution", c_int),
        ("iterations", c_uint64),
        ("seed", c_uint64),
        ("threads", c_int),
        ("sensitivity", c_int),
        ("progress", PROGRESS_CALLBACK),
        ("progress_payload", c_void_p),
    ]


def _decode(raw: Optional[bytes]) -> str:
    return "" if raw is None else raw.decode("utf-8", "replace")


# "opflow_graph_add_flow: " and the like: the C function that failed,
# which the library puts in front of some messages (also after a ": " when
# one message quotes another).  The Python caller never called it.
_C_FUNCTION_PREFIX = re.compile(r"(^|: )opflow_[a-z0-9_]+: ")


def strip_c_names(message: str) -> str:
    """A library message without the C function names in front."""
    if "opflow_" not in message:
        return message
    return _C_FUNCTION_PREFIX.sub(r"\1", message)


def raise_last_error(code: int) -> None:
    """Raises the exception for ``code`` with the calling thread's error
    details (the message without the C function's name in front), then
    clears them."""
    message = strip_c_names(_decode(lib.opflow_error_message()))
    cls = errors.error_class(code)
    if cls is errors.CycleError:
        length = lib.opflow_error_cycle_length()
        keys = [_decode(lib.opflow_error_cycle_key(i)) for i in range(length)]
        ids = [lib.opflow_error_cycle_id(i) for i in range(length)]
        exc: errors.Error = errors.CycleError(message, code, keys, ids)
    elif cls is errors.ParseError:
        exc = errors.ParseError(message, code, lib.opflow_error_line(),
                                lib.opflow_error_column())
    else:
        exc = cls(message or _decode(lib.opflow_strerror(code)), code)
    lib.opflow_error_clear()
    raise exc


def optional_double(function: Any, *args: Any) -> Optional[float]:
    """Calls ``function(&out, *args)``, a C accessor of one double that
    answers OPFLOW_ENOTFOUND for an absent value: the value, or ``None``
    when absent; raises on any other error."""
    out = c_double()
    rc = function(ctypes.byref(out), *args)
    if rc == errors.OPFLOW_ENOTFOUND:
        lib.opflow_error_clear()
        return None
    if rc < 0:
        raise_last_error(rc)
    return out.value


def check(result: int, func: Any, args: Tuple[Any, ...]) -> int:
    """errcheck for functions returning 0 or a negative ``OPFLOW_E*``
    code (a positive value, such as a callback's stop value, passes)."""
    if result < 0:
        raise_last_error(result)
    return result


def take_string(ptr: Optional[int],
                size: Optional[int] = None) -> Optional[str]:
    """Copies a string the library allocated for the caller (its ``char
    **out`` is passed as ``POINTER(c_void_p)``, never ``c_char_p``, which
    would copy it and lose the pointer to free), decodes it as UTF-8, then
    frees it with ``opflow_free``, also when decoding fails.  ``size`` is
    its length in bytes (the ``*out_size`` of the call); without it the
    text ends at its first NUL."""
    if not ptr:
        return None
    try:
        if size is None:
            raw = ctypes.string_at(ptr)
        else:
            raw = ctypes.string_at(ptr, size)
        return raw.decode("utf-8")
    finally:
        lib.opflow_free(ptr)


_P = POINTER
_G = GraphPtr
_A = AnalysisPtr
_F = FindingsPtr
_M = SimulationPtr
_C = ComparisonPtr
_OUT_TEXT = _P(c_void_p)  # char **: text the caller frees with opflow_free
_S = c_char_p  # a string the library only reads, or lends
_int_rc = (c_int, check)

#: ``(name, argtypes, restype, errcheck)`` for every function bound.
FUNCTIONS: List[Tuple[str, Sequence[Any], Any, Optional[Callable]]] = [
    # version
    ("opflow_version", [], c_char_p, None),
    ("opflow_version_number", [], c_int, None),
    # errors
    ("opflow_strerror", [c_int], c_char_p, None),
    ("opflow_error_code", [], c_int, None),
    ("opflow_error_message", [], c_char_p, None),
    ("opflow_error_line", [], c_size_t, None),
    ("opflow_error_column", [], c_size_t, None),
    ("opflow_error_cycle_length", [], c_size_t, None),
    ("opflow_error_cycle_key", [c_size_t], c_char_p, None),
    ("opflow_error_cycle_id", [c_size_t], c_id, None),
    ("opflow_error_clear", [], None, None),
    # memory (opflow_set_allocator is deliberately unbound: see above)
    ("opflow_free", [c_void_p], None, None),
    # names
    ("opflow_kind_name", [c_int], c_char_p, None),
    ("opflow_kind_from_name", [_P(c_int), _S], *_int_rc),
    ("opflow_category_name", [c_int], c_char_p, None),
    ("opflow_category_from_name", [_P(c_int), _S], *_int_rc),
    ("opflow_flow_type_name", [c_int], c_char_p, None),
    ("opflow_flow_type_from_name", [_P(c_int), _S], *_int_rc),
    ("opflow_stage_name", [c_int], c_char_p, None),
    ("opflow_stage_from_name", [_P(c_int), _S], *_int_rc),
    ("opflow_scor_name", [c_int], c_char_p, None),
    ("opflow_scor_from_name", [_P(c_int), _S], *_int_rc),
    ("opflow_porter_name", [c_int], c_char_p, None),
    ("opflow_porter_from_name", [_P(c_int), _S], *_int_rc),
    ("opflow_duration_mode_name", [c_int], c_char_p, None),
    ("opflow_duration_mode_from_name", [_P(c_int), _S], *_int_rc),
    ("opflow_figure_name", [c_int], c_char_p, None),
    ("opflow_figure_from_name", [_P(c_int), _S], *_int_rc),
    ("opflow_tracking_name", [c_int], c_char_p, None),
    ("opflow_tracking_from_name", [_P(c_int), _S], *_int_rc),
    ("opflow_state_name", [c_int], c_char_p, None),
    ("opflow_state_from_name", [_P(c_int), _S], *_int_rc),
    ("opflow_logic_name", [c_int], c_char_p, None),
    ("opflow_logic_from_name", [_P(c_int), _S], *_int_rc),
    ("opflow_category_info",
     [_P(c_int), _P(c_int), _P(c_int), _P(c_int), _P(c_char_p), c_int],
     *_int_rc),
    # graph
    ("opflow_graph_new", [_P(_G)], *_int_rc),
    ("opflow_graph_free", [_G], None, None),
    ("opflow_graph_clone", [_P(_G), _G], *_int_rc),
    ("opflow_graph_equal", [_G, _G], *_int_rc),
    ("opflow_graph_prepare", [_G], *_int_rc),
    ("opflow_graph_activity_count", [_G], c_size_t, None),
    ("opflow_graph_flow_count", [_G], c_size_t, None),
    ("opflow_graph_department_count", [_G], c_size_t, None),
    ("opflow_activity_options_init", [_P(ActivityOptions), c_uint],
     *_int_rc),
    ("opflow_graph_add_activity", [_P(c_id), _G, _S, c_int], *_int_rc),
    ("opflow_graph_add_activity_ext",
     [_P(c_id), _G, _S, _P(ActivityOptions)], *_int_rc),
    ("opflow_graph_add_activities",
     [_P(c_id), _G, c_size_t, _S, c_size_t, _P(c_int), _P(c_int),
      _P(c_double)], *_int_rc),
    ("opflow_graph_find_activity", [_P(c_id), _G, _S], *_int_rc),
    ("opflow_graph_remove_activity", [_G, c_id], *_int_rc),
    ("opflow_graph_activity_key", [_P(c_char_p), _G, c_id], *_int_rc),
    ("opflow_graph_activity_label", [_P(c_char_p), _G, c_id], *_int_rc),
    ("opflow_graph_set_activity_label", [_G, c_id, _S], *_int_rc),
    ("opflow_graph_activity_kind", [_P(c_int), _G, c_id], *_int_rc),
    ("opflow_graph_set_activity_kind", [_G, c_id, c_int], *_int_rc),
    ("opflow_graph_activity_category", [_P(c_int), _G, c_id], *_int_rc),
    ("opflow_graph_set_activity_category", [_G, c_id, c_int], *_int_rc),
    ("opflow_graph_activity_department", [_P(c_id), _G, c_id], *_int_rc),
    ("opflow_graph_set_activity_department", [_G, c_id, _S], *_int_rc),
    ("opflow_graph_activity_customer_facing", [_P(c_int), _G, c_id],
     *_int_rc),
    ("opflow_graph_set_activity_customer_facing", [_G, c_id, c_int],
     *_int_rc),
    ("opflow_graph_activity_duration", [_P(c_double), _P(c_int), _G, c_id],
     *_int_rc),
    ("opflow_graph_set_activity_duration", [_G, c_id, c_double], *_int_rc),
    ("opflow_graph_clear_activity_duration", [_G, c_id], *_int_rc),
    ("opflow_graph_activity_estimate",
     [_P(c_int), _P(c_double), _P(c_double), _P(c_double), _G, c_id],
     *_int_rc),
    ("opflow_graph_set_activity_estimate",
     [_G, c_id, c_double, c_double, c_double], *_int_rc),
    ("opflow_graph_clear_activity_estimate", [_G, c_id], *_int_rc),
    # since 1.3: progress and date constraints
    ("opflow_graph_activity_tracking",
     [_P(c_int), _P(c_double), _G, c_id, c_int], *_int_rc),
    ("opflow_graph_set_activity_tracking", [_G, c_id, c_int, c_double],
     *_int_rc),
    ("opflow_graph_clear_activity_tracking", [_G, c_id, c_int], *_int_rc),
    ("opflow_graph_add_flow", [_P(c_id), _G, c_id, c_id, c_int, c_double],
     *_int_rc),
    ("opflow_graph_add_flows",
     [_P(c_id), _G, c_size_t, _P(c_id), _P(c_id), _P(c_int), _P(c_double)],
     *_int_rc),
    ("opflow_graph_find_flow", [_P(c_id), _G, c_id, c_id, c_int], *_int_rc),
    ("opflow_graph_remove_flow", [_G, c_id], *_int_rc),
    ("opflow_graph_flow",
     [_P(c_id), _P(c_id), _P(c_int), _P(c_double), _G, c_id], *_int_rc),
    ("opflow_graph_set_flow_lag", [_G, c_id, c_double], *_int_rc),
    ("opflow_graph_incoming", [_P(c_size_t), _P(c_id), c_size_t, _G, c_id],
     *_int_rc),
    ("opflow_graph_outgoing", [_P(c_size_t), _P(c_id), c_size_t, _G, c_id],
     *_int_rc),
    ("opflow_graph_intern_department", [_P(c_id), _G, _S], *_int_rc),
    ("opflow_graph_find_department", [_P(c_id), _G, _S], *_int_rc),
    ("opflow_graph_department_key", [_P(c_char_p), _G, c_id], *_int_rc),
    ("opflow_graph_department_name", [_P(c_char_p), _G, c_id], *_int_rc),
    ("opflow_graph_set_department_name", [_G, c_id, _S], *_int_rc),
    ("opflow_graph_remove_department", [_G, c_id], *_int_rc),
    # since 1.1: many at once
    ("opflow_graph_remove_activities", [_G, _P(c_id), c_size_t], *_int_rc),
    ("opflow_graph_remove_flows", [_G, _P(c_id), c_size_t], *_int_rc),
    ("opflow_graph_activity_columns",
     [_P(c_size_t), c_size_t, _G, _P(c_char_p), _P(c_char_p), _P(c_int),
      _P(c_int), _P(c_id), _P(c_int), _P(c_double), _P(c_int), _P(c_int),
      _P(c_double)], *_int_rc),
    ("opflow_graph_flow_columns",
     [_P(c_size_t), c_size_t, _G, _P(c_id), _P(c_id), _P(c_int),
      _P(c_double)], *_int_rc),
    # text format (opflow_graph_load_file and opflow_graph_save_file are
    # deliberately unbound: see UNBOUND).  data is passed with its size:
    # NUL bytes in it reach the parser.
    ("opflow_graph_load_buffer", [_P(_G), c_char_p, c_size_t], *_int_rc),
    ("opflow_graph_load_path", [_P(_G), _S], *_int_rc),
    ("opflow_graph_save_buffer", [_OUT_TEXT, _P(c_size_t), _G], *_int_rc),
    ("opflow_graph_save_path", [_G, _S], *_int_rc),
    # analysis
    ("opflow_analysis_options_init", [_P(AnalysisOptions), c_uint],
     *_int_rc),
    ("opflow_analyze", [_P(_A), _G, _P(AnalysisOptions)], *_int_rc),
    ("opflow_analysis_free", [_A], None, None),
    ("opflow_analysis_activity_count", [_A], c_size_t, None),
    ("opflow_analysis_activity_key", [_P(c_char_p), _A, c_id], *_int_rc),
    ("opflow_analysis_duration", [_P(c_double), _A, c_id], *_int_rc),
    ("opflow_analysis_schedule",
     [_P(c_double), _P(c_double), _P(c_double), _P(c_double), _A, c_id],
     *_int_rc),
    ("opflow_analysis_floats", [_P(c_double), _P(c_double), _A, c_id],
     *_int_rc),
    ("opflow_analysis_criticality", [_P(c_int), _P(c_int), _A, c_id],
     *_int_rc),
    ("opflow_analysis_stage", [_P(c_int), _A, c_id], *_int_rc),
    ("opflow_analysis_driving_flow",
     [_P(c_id), _P(c_id), _P(c_int), _P(c_double), _A, c_id], *_int_rc),
    ("opflow_analysis_progress",
     [_P(c_int), _P(c_double), _P(c_double), _A, c_id], *_int_rc),
    ("opflow_analysis_get_options", [_P(AnalysisOptions), _A], *_int_rc),
    ("opflow_analysis_column", [_P(c_double), c_size_t, _A, c_int],
     *_int_rc),
    ("opflow_analysis_figure", [_P(c_double), _A, c_int], c_int, None),
    ("opflow_analysis_chain_count", [_A], c_size_t, None),
    ("opflow_analysis_chain", [_P(c_size_t), _P(c_id), c_size_t, _A,
                               c_size_t], *_int_rc),
    ("opflow_analysis_critical_paths",
     [_P(c_size_t), _P(c_int), _A, c_size_t, PATH_CALLBACK, c_void_p],
     *_int_rc),
    ("opflow_analysis_department_count", [_A], c_size_t, None),
    ("opflow_analysis_department_key", [_P(c_char_p), _A, c_id], *_int_rc),
    ("opflow_analysis_critical_time_by_department", [_P(c_double), _A, c_id],
     *_int_rc),
    ("opflow_analysis_critical_time_by_kind", [_P(c_double), _A, c_int],
     *_int_rc),
    ("opflow_analysis_handoff_count", [_A], c_size_t, None),
    ("opflow_analysis_handoff",
     [_P(c_id), _P(c_id), _P(c_size_t), _A, c_size_t], *_int_rc),
    # exports
    ("opflow_analysis_write_csv", [_OUT_TEXT, _P(c_size_t), _A, _G],
     *_int_rc),
    ("opflow_analysis_write_json", [_OUT_TEXT, _P(c_size_t), _A, _G],
     *_int_rc),
    ("opflow_graph_write_dot", [_OUT_TEXT, _P(c_size_t), _G, _A], *_int_rc),
    ("opflow_gantt_options_init", [_P(GanttOptions), c_uint], *_int_rc),
    ("opflow_analysis_write_gantt",
     [_OUT_TEXT, _P(c_size_t), _A, _G, _P(GanttOptions)], *_int_rc),
    # checks
    ("opflow_severity_name", [c_int], c_char_p, None),
    ("opflow_severity_from_name", [_P(c_int), _S], *_int_rc),
    ("opflow_finding_kind_name", [c_int], c_char_p, None),
    ("opflow_finding_kind_from_name", [_P(c_int), _S], *_int_rc),
    ("opflow_check_options_init", [_P(CheckOptions), c_uint], *_int_rc),
    ("opflow_graph_check", [_P(_F), _G, _P(CheckOptions)], *_int_rc),
    ("opflow_findings_count", [_F], c_size_t, None),
    ("opflow_findings_get",
     [_P(c_int), _P(c_int), _P(c_id), _P(c_id), _P(c_char_p), _F, c_size_t],
     *_int_rc),
    ("opflow_findings_free", [_F], None, None),
    # since 1.2: Monte Carlo simulation
    ("opflow_distribution_name", [c_int], c_char_p, None),
    ("opflow_distribution_from_name", [_P(c_int), _S], *_int_rc),
    ("opflow_measure_name", [c_int], c_char_p, None),
    ("opflow_measure_from_name", [_P(c_int), _S], *_int_rc),
    ("opflow_simulation_options_init", [_P(SimulationOptions), c_uint],
     *_int_rc),
    ("opflow_simulate",
     [_P(_M), _G, _P(AnalysisOptions), _P(SimulationOptions)], *_int_rc),
    ("opflow_simulation_free", [_M], None, None),
    ("opflow_simulation_get_options", [_P(SimulationOptions), _M],
     *_int_rc),
    ("opflow_simulation_iterations", [_M], c_uint64, None),
    ("opflow_simulation_sensitivity_iterations", [_M], c_uint64, None),
    ("opflow_simulation_summary",
     [_P(c_double), _P(c_double), _P(c_double), _P(c_double), _M, c_int],
     *_int_rc),
    ("opflow_simulation_percentile", [_P(c_double), _M, c_int, c_double],
     *_int_rc),
    ("opflow_simulation_probability", [_P(c_double), _M], *_int_rc),
    ("opflow_simulation_histogram",
     [_P(c_uint64), _P(c_double), c_size_t, _M, c_int], *_int_rc),
    ("opflow_simulation_samples", [_P(c_double), c_size_t, _M, c_int],
     *_int_rc),
    ("opflow_simulation_activity_count", [_M], c_size_t, None),
    ("opflow_simulation_activity_key", [_P(c_char_p), _M, c_id], *_int_rc),
    ("opflow_simulation_activity",
     [_P(c_double), _P(c_double), _P(c_double), _M, c_id], *_int_rc),
    ("opflow_simulation_column", [_P(c_double), c_size_t, _M, c_int],
     *_int_rc),
    # since 1.3: baseline comparison.  opflow_comparison_figure returns
    # OPFLOW_ENOTFOUND for an absent figure, which the caller handles, as
    # for opflow_analysis_figure.
    ("opflow_compare", [_P(_C), _A, _A], *_int_rc),
    ("opflow_comparison_free", [_C], None, None),
    ("opflow_comparison_figure", [_P(c_double), _C, c_int], c_int, None),
    ("opflow_comparison_counts",
     [_P(c_size_t), _P(c_size_t), _P(c_size_t), _C], *_int_rc),
    ("opflow_comparison_variance", [_P(c_double), _P(c_double), _C, c_id],
     *_int_rc),
    ("opflow_comparison_slipped", [_P(c_size_t), _P(c_id), c_size_t, _C],
     *_int_rc),
    # since 1.4: instants, calendars, dated graphs and the working axis
    ("opflow_instant_parse", [_P(c_int64), _S], *_int_rc),
    ("opflow_instant_format", [c_char_p, c_size_t, c_int64], *_int_rc),
    ("opflow_graph_add_calendar", [_P(c_id), _G, _S, _S], *_int_rc),
    ("opflow_graph_set_calendar_spec", [_G, c_id, _S], *_int_rc),
    ("opflow_graph_calendar_count", [_G], c_size_t, None),
    ("opflow_graph_find_calendar", [_P(c_id), _G, _S], *_int_rc),
    ("opflow_graph_calendar_key", [_P(c_char_p), _G, c_id], *_int_rc),
    ("opflow_graph_calendar_spec", [_OUT_TEXT, _P(c_size_t), _G, c_id],
     *_int_rc),
    ("opflow_graph_remove_calendar", [_G, c_id], *_int_rc),
    ("opflow_graph_set_default_calendar", [_G, c_id], *_int_rc),
    ("opflow_graph_default_calendar", [_P(c_id), _G], *_int_rc),
    ("opflow_graph_set_department_calendar", [_G, c_id, c_id], *_int_rc),
    ("opflow_graph_department_calendar", [_P(c_id), _G, c_id], *_int_rc),
    ("opflow_graph_set_activity_calendar", [_G, c_id, c_id], *_int_rc),
    ("opflow_graph_activity_calendar", [_P(c_id), _G, c_id], *_int_rc),
    ("opflow_graph_activity_working_calendar", [_P(c_id), _G, c_id],
     *_int_rc),
    ("opflow_graph_set_flow_elapsed", [_G, c_id, c_int], *_int_rc),
    ("opflow_graph_flow_elapsed", [_P(c_int), _G, c_id], *_int_rc),
    ("opflow_graph_set_start", [_G, c_int64], *_int_rc),
    ("opflow_graph_clear_start", [_G], *_int_rc),
    ("opflow_graph_start", [_P(c_int), _P(c_int64), _G], *_int_rc),
    ("opflow_graph_set_unit", [_G, c_int64], *_int_rc),
    ("opflow_graph_unit", [_P(c_int64), _G], *_int_rc),
    ("opflow_graph_instant_of", [_P(c_int64), _G, c_double], *_int_rc),
    ("opflow_graph_time_of", [_P(c_double), _G, c_int64], *_int_rc),
    ("opflow_calendar_working_time",
     [_P(c_int64), _G, c_id, c_int64, c_int64], *_int_rc),
    ("opflow_calendar_finish_after",
     [_P(c_int64), _G, c_id, c_int64, c_int64], *_int_rc),
    ("opflow_calendar_start_after",
     [_P(c_int64), _G, c_id, c_int64, c_int64], *_int_rc),
    # since 1.4: the dated analysis
    ("opflow_analysis_dates",
     [_P(c_int), _P(c_int64), _P(c_int64), _P(c_int64), _A], *_int_rc),
    ("opflow_analysis_instants",
     [_P(c_int64), _P(c_int64), _P(c_int64), _P(c_int64), _A, c_id],
     *_int_rc),
    ("opflow_analysis_instant_of", [_P(c_int64), _A, c_double], *_int_rc),
    # since 1.5: many keys looked up in one call
    ("opflow_graph_find_activities",
     [_P(c_id), _P(c_size_t), _G, c_size_t, _S, c_size_t], *_int_rc),
]

#: C functions deliberately left unbound, with the reason.
UNBOUND = {
    "opflow_set_allocator":
        "installs process-wide C function pointers that must outlive every "
        "object the library allocated; a ctypes callback dies with its "
        "Python object and needs the interpreter lock, so only C embedders "
        "may set the allocator",
    "opflow_graph_load_file":
        "takes a C FILE *; Python's file objects are not C streams, so "
        "opflow.load() reads them itself and calls opflow_graph_load_buffer "
        "(paths go to opflow_graph_load_path)",
    "opflow_graph_save_file":
        "takes a C FILE *; Python's file objects are not C streams, so "
        "Graph.save() writes the text of opflow_graph_save_buffer itself "
        "(paths go to opflow_graph_save_path)",
}


class _Lib:
    """The loaded library with every function of :data:`FUNCTIONS`
    registered; attributes are the C functions."""

    def __init__(self, dll: ctypes.CDLL, path: str) -> None:
        self.dll = dll
        self.path = path
        missing = []
        for name, argtypes, restype, errcheck in FUNCTIONS:
            try:
                func = getattr(dll, name)
            except AttributeError:
                missing.append(name)
                continue
            func.argtypes = list(argtypes)
            func.restype = restype
            if errcheck is not None:
                func.errcheck = errcheck
            setattr(self, name, func)
        if missing:
            raise errors.LibraryVersionError(
                "the library loaded from %s lacks %s; these bindings need "
                "libopflow %d.%d or later" % (path, ", ".join(missing),
                                             BINDINGS_VERSION[0],
                                             BINDINGS_VERSION[1]))

    def unchecked(self, name: str) -> Any:
        """A second binding of a function of :data:`FUNCTIONS` with neither
        argtypes nor errcheck, for loops over every activity, where ctypes'
        per-call argument conversion costs more than the call itself.  The
        caller passes only ctypes objects of the right types and ints from
        0 to INT_MAX, and checks the returned code (a C int) itself."""
        func = self.dll[name]
        func.restype = c_int
        return func


def _load() -> _Lib:
    dll, path = load_library()
    try:
        vn = dll.opflow_version_number
    except AttributeError:
        raise errors.LibraryVersionError(
            "%s is not libopflow (no opflow_version_number)" % path) from None
    vn.argtypes = []
    vn.restype = c_int
    number = vn()
    if number // 10000 != BINDINGS_VERSION[0]:
        raise errors.LibraryVersionError(
            "%s is libopflow %d.%d.%d, but these bindings were written for "
            "libopflow %d.x (major versions must match)"
            % (path, number // 10000, number // 100 % 100, number % 100,
               BINDINGS_VERSION[0]))
    return _Lib(dll, path)


lib = _load()
