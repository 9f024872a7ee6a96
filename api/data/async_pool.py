"""PostgreSQL connections for queries run on the event loop: psycopg AsyncConnections whose
statements run through libpq_fetch, at most `size` of them per worker, opened when first
needed and reused.

A connection that a failure left closed or in a failed state is dropped when it comes
back, and with it every idle one: they were opened to the same server, and after a
restart of the server they are all gone; the pool fills again with new connections. A
request that finds every connection busy waits for one, up to `wait_s`, then is refused
(the caller answers 503): the pool never opens more connections than it is given.
"""

import asyncio
from collections import deque
from contextlib import suppress
from typing import Any

import psycopg
from psycopg import pq

from api.data.libpq_fetch import PreparedConnection


class PoolExhausted(psycopg.OperationalError):
    """No connection became free in time."""


class AsyncPool:
    def __init__(self, conninfo: str, *, size: int, wait_s: float, **kwargs: Any) -> None:
        self.conninfo = conninfo
        self.size = size
        self.wait_s = wait_s
        self.kwargs = kwargs
        self.idle: deque[PreparedConnection] = deque()
        self.waiting: deque[asyncio.Future[PreparedConnection | None]] = deque()
        self.opened = 0  # connections out or idle, and connections being opened
        self.closing: set[asyncio.Future[None]] = set()  # broken ones, being closed

    async def take(self, *, fresh: bool = False) -> PreparedConnection:
        """A connection: an idle one, or with `fresh` (or none idle) a new one."""
        if self.idle and not fresh:
            return self.idle.pop()
        if fresh and self.opened >= self.size and self.idle:
            self._drop(self.idle.popleft())
        if self.opened < self.size:
            self.opened += 1
            try:
                return await PreparedConnection.connect(self.conninfo, **self.kwargs)
            except BaseException:
                self.opened -= 1
                raise
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[PreparedConnection | None] = loop.create_future()
        self.waiting.append(waiter)
        # A timer that fails the wait, cheaper than asyncio.wait_for's task per wait.
        timer = loop.call_later(self.wait_s, _expire, waiter)
        try:
            connection = await waiter
        finally:
            timer.cancel()
        if connection is None:  # one was dropped: open a new one in its place
            return await self.take()
        return connection

    def give_back(self, connection: PreparedConnection) -> None:
        usable = (
            not connection.closed
            and connection.info.transaction_status == pq.TransactionStatus.IDLE
        )
        if not usable:
            self._drop(connection)
            while self.idle:
                self._drop(self.idle.pop())
        handed: PreparedConnection | None = connection if usable else None
        while self.waiting:
            waiter = self.waiting.popleft()
            if not waiter.done():
                try:
                    waiter.set_result(handed)
                except RuntimeError:  # its event loop is gone (a test's)
                    continue
                return
        if handed is not None:
            self.idle.append(handed)

    def _drop(self, connection: PreparedConnection) -> None:
        self.opened -= 1
        closing = asyncio.ensure_future(_close(connection))
        self.closing.add(closing)
        closing.add_done_callback(self.closing.discard)

    async def close(self) -> None:
        while self.idle:
            await self.idle.pop().close()
            self.opened -= 1


def _expire(waiter: "asyncio.Future[PreparedConnection | None]") -> None:
    if not waiter.done():
        waiter.set_exception(PoolExhausted("no database connection became free in time"))


async def _close(connection: PreparedConnection) -> None:
    with suppress(psycopg.Error):
        await connection.close()
