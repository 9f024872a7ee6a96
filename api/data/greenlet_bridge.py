"""Synchronous code that awaits: the query engine, written once as plain functions, run
on the event loop against an asynchronous driver.

`run_sync(fn, ...)` runs `fn` in a greenlet of its own; where `fn` (or anything it calls)
needs the result of an awaitable, it calls `wait_for(awaitable)`, which suspends that
greenlet, lets the event loop await the awaitable, and resumes it with the result (or
the exception). The engine's code stays synchronous and shared by both databases, and a
PostgreSQL query costs no hop to a worker thread. This is the technique SQLAlchemy's
asyncio extension uses, on greenlet's public API.
"""

import threading
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import greenlet

T = TypeVar("T")
# Greenlets kept for the next run_sync, per thread, at most.
MAX_IDLE = 64


class _Bridged(greenlet.greenlet):
    """A greenlet run_sync runs code in; wait_for may suspend it. Once the code is done it
    waits for the next code to run: a new greenlet starts a Python frame stack of its own
    (on CPython 3.11, a 16 KiB mmap, and a munmap when it ends), which on PostgreSQL's
    path cost every request two system calls and the faults of a fresh page."""


class _Idle(threading.local):
    def __init__(self) -> None:
        self.greenlets: list[_Bridged] = []


_idle = _Idle()


def _serve(fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """The body of a _Bridged greenlet: runs each code it is given, for ever. It hands
    back a (value, error) tuple when the code is done, and what the code waits for
    (wait_for's awaitables, never a tuple) meanwhile."""
    while True:
        done: tuple[Any, BaseException | None]
        try:
            done = (fn(*args), None)
        except greenlet.GreenletExit:  # the greenlet itself is being collected
            raise
        except BaseException as exc:  # handed to run_sync, which raises it
            done = (None, exc)
        fn = args = None  # type: ignore[assignment]  # nothing of the last run is kept
        parent = greenlet.getcurrent().parent
        assert parent is not None
        fn, args = parent.switch(done)


async def run_sync(fn: Callable[..., T], *args: Any) -> T:
    """`fn(*args)`, whose wait_for calls are awaited on this event loop."""
    idle = _idle.greenlets
    child = idle.pop() if idle else _Bridged(_serve)
    current = greenlet.getcurrent()
    if child.parent is not current:
        child.parent = current
    result: Any = child.switch(fn, args)
    while type(result) is not tuple:
        try:
            value = await result
        except BaseException as exc:  # given back to `fn`, where wait_for raises it
            result = child.throw(exc)
        else:
            result = child.switch(value)
    if len(idle) < MAX_IDLE:
        idle.append(child)
    value, error = result
    if error is not None:
        result = None  # no cycle through this frame and the error's traceback
        raise error
    return value  # type: ignore[no-any-return]


def wait_for(awaitable: Awaitable[T]) -> T:
    """The result of `awaitable`, from synchronous code running under run_sync."""
    current = greenlet.getcurrent()
    if not isinstance(current, _Bridged) or current.parent is None:
        raise RuntimeError("wait_for is only for code run by run_sync")
    return current.parent.switch(awaitable)  # type: ignore[no-any-return]
