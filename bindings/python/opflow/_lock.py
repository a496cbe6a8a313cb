"""The locks that keep C objects safe from threads and from re-entry.

libopflow lets many threads read a graph at once (analyses included) but
not while it is changed, and a freed handle must never reach C.  ctypes
releases the interpreter lock during every C call, so the bindings enforce
that contract themselves: every method that only reads holds the object's
lock shared, every method that changes the object (or closes it) holds it
exclusively.  Analyses of one graph still run in parallel.

Python code can run while a thread holds a lock: a callback it was given,
and at almost any point a finalizer (``__del__``), a signal handler or a
trace function.  Such code may read the object, but a change (or a
``close()``) from it would pull the C object from under the call in
progress, so it is refused with :class:`opflow.MisuseError`, never
deadlocked on: a thread that holds an object's lock, for reading or for
writing, cannot take it for writing again.  The methods that change an
object convert their arguments (which may run the user's ``__float__``,
``__index__`` or iterators) before they take the lock.

A :class:`Readers` lock serves objects whose only change is ``close()``
(an :class:`opflow.Analysis`): closing never waits, the C object is freed
by the last reader out, so no thread ever waits on such a lock and it can
take no part in a deadlock.
"""
from __future__ import annotations

import functools
import threading
import weakref
from threading import get_ident
from typing import Any, Callable, Dict, Optional, TypeVar

from . import errors

F = TypeVar("F", bound=Callable[..., Any])


_REENTRY = ("this object cannot be changed or closed by code that runs "
            "while the same thread is reading or changing it (a callback, "
            "a finalizer, a signal handler)")


class RWLock:
    """Many readers or one writer.  A waiting writer holds back new readers
    (but not a thread already reading, nor the writer itself), so that
    writers are not starved.  A thread that holds the lock, for reading or
    writing, and asks to write gets :class:`opflow.MisuseError`.  The
    uncontended paths take one plain mutex; threads wait on a condition
    only when they must."""

    __slots__ = ("_mutex", "_cond", "_readers", "_writer", "_waiting",
                 "_writers_waiting", "version")

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._cond = threading.Condition(self._mutex)
        self._readers: Dict[int, int] = {}  # thread -> read depth
        self._writer: Optional[int] = None
        self._waiting = 0
        self._writers_waiting = 0
        # Counts the times the lock was taken for writing: while it stays
        # the same, the object is unchanged (read it with the lock held).
        self.version = 0

    def _wait(self) -> None:
        self._waiting += 1
        try:
            self._cond.wait()
        finally:
            self._waiting -= 1

    def acquire_read(self) -> None:
        me = get_ident()
        with self._mutex:
            readers = self._readers
            if self._writer != me and me not in readers:
                while self._writer is not None or self._writers_waiting:
                    self._wait()
            readers[me] = readers.get(me, 0) + 1

    def try_acquire_read(self) -> bool:
        """Takes the lock for reading when that needs no wait; returns
        whether it did."""
        me = get_ident()
        with self._mutex:
            readers = self._readers
            if self._writer != me and me not in readers and (
                    self._writer is not None or self._writers_waiting):
                return False
            readers[me] = readers.get(me, 0) + 1
            return True

    def release_read(self) -> None:
        me = get_ident()
        with self._mutex:
            readers = self._readers
            depth = readers[me] - 1
            if depth:
                readers[me] = depth
            else:
                del readers[me]
                if self._waiting and not readers:
                    self._cond.notify_all()

    def acquire_write(self) -> None:
        me = get_ident()
        with self._mutex:
            if self._writer is None and not self._readers:  # free
                self._writer = me
                self.version += 1
                return
            if self._writer == me or me in self._readers:
                raise errors.MisuseError(_REENTRY)
            self._writers_waiting += 1
            try:
                while self._writer is not None or self._readers:
                    self._wait()
            finally:
                self._writers_waiting -= 1
            self._writer = me
            self.version += 1

    def release_write(self) -> None:
        with self._mutex:
            self._writer = None
            if self._waiting:
                self._cond.notify_all()


class Readers:
    """The lock of an object that threads only read and that only
    ``close()`` changes.  Readers never wait; :meth:`close` never waits
    either: it marks the object closed at once and frees its C object then,
    or, while other threads still read it, when the last of them is done.
    A thread that reads the object (from a callback) and closes it gets
    :class:`opflow.MisuseError`."""

    __slots__ = ("_mutex", "_readers", "_free")

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._readers: Dict[int, int] = {}  # thread -> read depth
        self._free: Optional[Callable[[], Any]] = None

    def acquire_read(self) -> None:
        me = get_ident()
        with self._mutex:
            readers = self._readers
            readers[me] = readers.get(me, 0) + 1

    def release_read(self) -> None:
        me = get_ident()
        free = None
        with self._mutex:
            readers = self._readers
            depth = readers[me] - 1
            if depth:
                readers[me] = depth
            else:
                del readers[me]
                if not readers:
                    free, self._free = self._free, None
        if free is not None:
            free()

    def close(self, mark: Callable[[], Any], free: Callable[[], Any]) -> None:
        """Calls ``mark()`` (which makes the object refuse new use) at
        once, and ``free()`` now or when the last reader leaves."""
        me = get_ident()
        with self._mutex:
            if me in self._readers:
                raise errors.MisuseError(_REENTRY)
            mark()
            if self._readers:
                self._free = free
                return
        free()


R = TypeVar("R", bound="OwnedResult")


class OwnedResult:
    """What the immutable results (an :class:`opflow.Analysis`, an
    :class:`opflow.Simulation`) share: the C object they own, freed by
    :meth:`close` under a :class:`Readers` lock or by the garbage
    collector, and refused once closed.  _what names the object in the
    error."""

    _what = "result"

    def _own(self, handle: Any, free: Callable[[Any], Any]) -> None:
        self._lock = Readers()
        self._h: Optional[Any] = handle
        self._finalizer = weakref.finalize(self, free, handle)
        # Not at exit: code that runs later in the shutdown (a __del__, a
        # daemon thread) may still use the result; the OS reclaims it.
        self._finalizer.atexit = False

    def close(self) -> None:
        """Frees the C result; later calls do nothing.  Never waits: while
        other threads are still reading the result, the last of them frees
        it."""
        self._lock.close(self._mark_closed, self._finalizer)

    def _mark_closed(self) -> None:
        self._h = None

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._h is None

    def __enter__(self: R) -> R:
        self._ptr
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __reduce__(self) -> Any:
        raise TypeError("an opflow.%s cannot be pickled" %
                        type(self).__name__)

    @property
    def _ptr(self) -> Any:
        h = self._h
        if h is None:
            raise errors.MisuseError("the %s is closed" % self._what)
        return h


def reads(method: F) -> F:
    """Runs a method with ``self._lock`` held for reading."""
    @functools.wraps(method)
    def locked(self: Any, *args: Any, **kwargs: Any) -> Any:
        lock = self._lock
        lock.acquire_read()
        try:
            return method(self, *args, **kwargs)
        finally:
            lock.release_read()
    return locked  # type: ignore[return-value]


def writes(method: F) -> F:
    """Runs a method with ``self._lock`` held for writing."""
    @functools.wraps(method)
    def locked(self: Any, *args: Any, **kwargs: Any) -> Any:
        lock = self._lock
        lock.acquire_write()
        try:
            return method(self, *args, **kwargs)
        finally:
            lock.release_write()
    return locked  # type: ignore[return-value]
