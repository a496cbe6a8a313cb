"""An analysis compared with a baseline (:meth:`opflow.Analysis.compare`):
the slip of the lead time, the differences of the other figures, and per
activity, matched by key, the start and finish variances.

The comparison is independent of both analyses: the C object keeps copies
of every number it reports, and the :class:`Comparison` a copy of the
analysis's keys, so it stays valid after either analysis is closed.
"""
from __future__ import annotations

import ctypes
import numbers
from ctypes import byref
from typing import Any, Dict, List, Optional, Union

from . import errors
from ._capi import ComparisonPtr, c_id, lib, optional_double
from ._convert import activity_id, plain_str, type_name
from ._lock import OwnedResult, reads
from .names import _FIGURE
from .records import ActivityVariance

__all__ = ["Comparison"]


class Comparison(OwnedResult):
    """An analysis against its baseline, made by
    :meth:`opflow.Analysis.compare`.  Every difference is the analysis's
    value less the baseline's: positive means late.

    - :attr:`slip`: the lead time's slip, T - T(baseline).
    - :meth:`figure` (``name``): any figure's difference, ``None`` when
      either analysis lacks the figure (``"production_end"``: the slip of
      the production window's end, and so on).
    - ``cmp[key]`` (or ``cmp[id]``, an id of the analysis): the
      :class:`~opflow.ActivityVariance` of an activity, with
      ``start_variance`` (ES - ES(baseline)) and ``finish_variance``
      (EF - EF(baseline)); :class:`opflow.NotFoundError` (a ``KeyError``)
      for an activity the baseline lacks, or that the analysis lacks.
    - :attr:`slipped`: the keys of the matched activities that finish
      later than in the baseline, the largest finish variance first (ties
      in id order).
    - :attr:`matched`, :attr:`added`, :attr:`removed`: the activities of
      the analysis whose key the baseline has, those it has not, and the
      baseline's activities whose key the analysis lacks.

    It owns C memory: :meth:`close` (or a ``with`` block) frees it at
    once, the garbage collector otherwise; using it after ``close()``
    raises :class:`opflow.MisuseError`.  It is immutable and may be read
    from many threads at once.
    """

    _what = "comparison"

    def __init__(self, handle: Any, keys: List[str]) -> None:
        # Made by Analysis.compare(); handle is an owned
        # opflow_comparison *, keys the analysis's keys by id.
        if not isinstance(handle, ComparisonPtr) or not handle:
            raise TypeError("Comparison objects are made by "
                            "Analysis.compare()")
        self._own(handle, lib.opflow_comparison_free)
        self._keys = keys
        self._index: Optional[Dict[str, int]] = None
        self._counts: Optional[tuple] = None

    def close(self) -> None:
        """Frees the C comparison; later calls do nothing.  Never waits:
        while other threads are still reading it, the last of them frees
        it."""
        super().close()

    # ------------------------------------------------------------ figures

    @reads
    def figure(self, name: str) -> Optional[float]:
        """The difference of one figure (see ``opflow.FIGURES``), the
        analysis's less the baseline's; ``None`` when either analysis lacks
        it.  Counts come back as floats."""
        return optional_double(lib.opflow_comparison_figure, self._ptr,
                               _FIGURE.value(name))

    @property
    def slip(self) -> float:
        """The slip of the lead time: the analysis's (forecast) lead time
        less the baseline's."""
        return self.figure("lead_time")  # type: ignore[return-value]

    # ---------------------------------------------------------- activities

    def _id(self, item: Union[str, int]) -> int:
        if isinstance(item, str):
            if self._index is None:
                self._index = {k: i for i, k in enumerate(self._keys)}
            try:
                return self._index[plain_str(item)]
            except KeyError:
                raise errors.NotFoundError(
                    "no activity %r in the analysis compared"
                    % plain_str(item)) from None
        if isinstance(item, numbers.Integral) and not isinstance(item, bool):
            return activity_id(item)
        raise TypeError("a comparison is indexed by activity key (str) or "
                        "id (int), not %s" % type_name(item))

    @reads
    def __getitem__(self, item: Union[str, int]) -> ActivityVariance:
        """The start and finish variances of one activity of the
        analysis, by key or by id."""
        h = self._ptr
        i = self._id(item)
        start, finish = ctypes.c_double(), ctypes.c_double()
        try:
            lib.opflow_comparison_variance(byref(start), byref(finish), h, i)
        except errors.NotFoundError as e:
            if i >= len(self._keys):
                raise
            raise errors.NotFoundError(
                "activity %r is not in the baseline (%s)"
                % (self._keys[i], e.message)) from None
        return ActivityVariance(self._keys[i], i, start.value, finish.value)

    @property
    @reads
    def slipped(self) -> List[str]:
        """The keys of the matched activities whose finish variance is
        positive, the largest first, ties in id order."""
        h = self._ptr
        count = ctypes.c_size_t()
        lib.opflow_comparison_slipped(byref(count), None, 0, h)
        n = count.value
        if not n:
            return []
        ids = (c_id * n)()
        lib.opflow_comparison_slipped(byref(count), ids, n, h)
        keys = self._keys
        return [keys[i] for i in ids]

    @reads
    def _count(self, which: int) -> int:
        h = self._ptr  # closed: MisuseError, even once read
        counts = self._counts
        if counts is None:
            matched, added, removed = (ctypes.c_size_t(), ctypes.c_size_t(),
                                       ctypes.c_size_t())
            lib.opflow_comparison_counts(byref(matched), byref(added),
                                         byref(removed), h)
            counts = self._counts = (int(matched.value), int(added.value),
                                     int(removed.value))
        return counts[which]

    @property
    def matched(self) -> int:
        """The activities of the analysis whose key the baseline has."""
        return self._count(0)

    @property
    def added(self) -> int:
        """The activities of the analysis whose key the baseline lacks."""
        return self._count(1)

    @property
    def removed(self) -> int:
        """The baseline's activities whose key the analysis lacks."""
        return self._count(2)

    def __repr__(self) -> str:
        if self._h is None:
            return "<opflow.Comparison (closed)>"
        return ("<opflow.Comparison: slip %r, %d matched, %d added, "
                "%d removed>" % (self.slip, self.matched, self.added,
                                 self.removed))
