"""Synchronous code that awaits: the query engine, written once as plain functions, run
on the event loop against an asynchronous driver.

`run_sync(fn, ...)` runs `fn` in a greenlet of its own; where `fn` (or anything it calls)
needs the result of an awaitable, it calls `wait_for(awaitable)`, which suspends that
greenlet, lets the event loop await the awaitable, and resumes it with the result (or
the exception). The engine's code stays synchronous and shared by both databases, and a
PostgreSQL query costs no hop to a worker thread. This is the technique SQLAlchemy's
asyncio extension uses, on greenlet's public API.
"""

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import greenlet

T = TypeVar("T")


class _Bridged(greenlet.greenlet):
    """A greenlet started by run_sync: wait_for may suspend it."""


async def run_sync(fn: Callable[..., T], *args: Any) -> T:
    """`fn(*args)`, whose wait_for calls are awaited on this event loop."""
    child = _Bridged(fn, greenlet.getcurrent())
    result: Any = child.switch(*args)
    while not child.dead:
        try:
            value = await result
        except BaseException as exc:  # given back to `fn`, where wait_for raises it
            result = child.throw(exc)
        else:
            result = child.switch(value)
    return result  # type: ignore[no-any-return]


def wait_for(awaitable: Awaitable[T]) -> T:
    """The result of `awaitable`, from synchronous code running under run_sync."""
    current = greenlet.getcurrent()
    if not isinstance(current, _Bridged) or current.parent is None:
        raise RuntimeError("wait_for is only for code run by run_sync")
    return current.parent.switch(awaitable)  # type: ignore[no-any-return]
