"""A reader-writer lock per C object.

libopflow lets many threads read a graph at once (analyses included) but
not while it is changed, and a freed handle must never reach C.  ctypes
releases the interpreter lock during every C call, so the bindings enforce
that contract themselves: every method that only reads holds the object's
lock shared, every method that changes the object (or closes it) holds it
exclusively.  Analyses of one graph still run in parallel.

The lock is reentrant for the thread that holds it for writing.  A thread
holding it for reading (a critical-path callback, say) that asks to write
gets :class:`opflow.MisuseError` instead of a deadlock.
"""
from __future__ import annotations

import functools
import threading
from threading import get_ident
from typing import Any, Callable, Dict, Optional, TypeVar

from . import errors

F = TypeVar("F", bound=Callable[..., Any])


class RWLock:
    """Many readers or one (reentrant) writer.  A waiting writer holds back
    new readers (but not a thread already reading), so that writers are not
    starved.  The uncontended paths take one plain mutex; threads wait on a
    condition only when they must."""

    __slots__ = ("_mutex", "_cond", "_readers", "_writer", "_depth",
                 "_waiting", "_writers_waiting")

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._cond = threading.Condition(self._mutex)
        self._readers: Dict[int, int] = {}  # thread -> read depth
        self._writer: Optional[int] = None
        self._depth = 0
        self._waiting = 0
        self._writers_waiting = 0

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
            if self._writer == me:
                self._depth += 1
                return
            if me in self._readers:
                raise errors.MisuseError(
                    "this object cannot be changed or closed while the same "
                    "thread is reading it (from a callback, for instance)")
            self._writers_waiting += 1
            try:
                while self._writer is not None or self._readers:
                    self._wait()
            finally:
                self._writers_waiting -= 1
            self._writer = me
            self._depth = 1

    def release_write(self) -> None:
        with self._mutex:
            self._depth -= 1
            if self._depth == 0:
                self._writer = None
                if self._waiting:
                    self._cond.notify_all()


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
