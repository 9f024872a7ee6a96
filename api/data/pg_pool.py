"""PostgreSQL statements of pages and searches, awaited on the event loop through
psycopg_pool's AsyncConnectionPool.

The query engine's code is synchronous and runs in a greenlet (api/data/greenlet_bridge.py);
each statement it runs here takes a connection from the worker's pool, runs with psycopg's
AsyncConnection.execute (which prepares a statement after a few runs on a connection) and
gives the connection back, so that a request holds a connection only while a statement
of it runs.

- All connections out: a statement waits for one up to `wait_s` (settings.db_wait_ms),
  then fails with psycopg_pool.PoolTimeout (an OperationalError: a 503).
- A server that cannot be reached: the pool tries to connect again with a growing
  back-off, for `reconnect_timeout` in all, and only then lets the next statement start
  a new attempt at once. That time is the statements' own wait (at least RECONNECT_MIN_S):
  with psycopg_pool's default of five minutes, the back-off grows with the outage, and
  a server back after a minute would be used again only up to a minute later.
- A statement cut off with its connection (the server restarted, or its sessions were
  terminated) runs once more after the pool's idle connections are checked, so that the
  first requests after an outage are not refused for connections broken by it.
- A server that stops answering without closing the connection (frozen) would hold a
  statement for ever: its caller stops waiting after the statement's time limit, the
  wait for a connection and a grace (QueryCanceled, the 503 of a query over the time
  limit). The statement itself is left to finish on its connection, shielded: cancelling
  psycopg mid-statement sends the server a cancel request and waits seconds for it.
  The connection comes back to the pool when the server answers or the connection
  breaks, so a frozen server holds at most the pool's connections.
- A pool belongs to one event loop: used from another (tests run one loop after
  another), a new pool is opened there and the old one dropped. A task of its own on
  that loop closes it when the loop ends (asyncio.run, and so uvicorn, cancels every
  task then): psycopg_pool's workers take a cancellation that reaches them while they
  run a task of the pool's for that task's failure and wait for the next one, which
  would hold the loop's end for ever, unless the pool's close sends them theirs.
"""

import asyncio
from contextlib import suppress
from typing import Any

import psycopg
from psycopg import errors
from psycopg_pool import AsyncConnectionPool, PoolTimeout

from api.data.greenlet_bridge import wait_for

# How much longer than its time limit and its wait for a connection a statement is
# awaited before its caller is told it took too long.
STALL_GRACE_S = 1.0
# The least time the pool spends on one attempt to connect, its retries included.
RECONNECT_MIN_S = 1.0

Rows = list[tuple[Any, ...]]


def is_connection_failure(exc: BaseException) -> bool:
    """Whether `exc` means the connection is gone (libpq's own failure, or the server's
    "connection exception" and "operator intervention: shutdown" classes), not the
    statement: such a statement may be run again on another connection. Waiting for a
    connection in vain is not one."""
    if not isinstance(exc, psycopg.OperationalError) or isinstance(exc, PoolTimeout):
        return False
    state = exc.sqlstate
    return state is None or state.startswith(("08", "57P"))


class AwaitedPool:
    """A worker's PostgreSQL connections for statements run on the event loop: at most
    `size`, opened as statements need them (one kept open when idle)."""

    def __init__(
        self,
        conninfo: str,
        *,
        size: int,
        wait_s: float,
        time_limit_s: float,
        kwargs: dict[str, Any],
    ) -> None:
        self.conninfo = conninfo
        self.size = size
        self.wait_s = wait_s
        self.patience_s = wait_s + time_limit_s + STALL_GRACE_S
        self.kwargs = kwargs
        self.pool: AsyncConnectionPool | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.running: set[asyncio.Task[Rows]] = set()  # statements under way
        self.keeper: asyncio.Task[None] | None = None  # closes the pool with its loop

    def fetch(self, sql: str, arguments: Any) -> Rows:
        """Every row of `sql` (psycopg's `%(name)s` placeholders) with `arguments`, from
        code run by greenlet_bridge.run_sync: the wait is awaited on the loop."""
        return wait_for(self.rows(sql, arguments))

    async def rows(self, sql: str, arguments: Any) -> Rows:
        for retry in (False, True):
            try:
                return await self._once(sql, arguments)
            except psycopg.OperationalError as exc:
                if retry or not is_connection_failure(exc):
                    raise
                pool = self.pool
                if pool is not None:
                    await pool.check()  # drops the idle connections broken with this one
        raise AssertionError("unreachable: the second try returns or raises")

    async def _once(self, sql: str, arguments: Any) -> Rows:
        loop = asyncio.get_running_loop()
        pool = self.pool if self.loop is loop else await self._open(loop)
        assert pool is not None
        task = loop.create_task(_run(pool, sql, arguments))
        self.running.add(task)
        task.add_done_callback(self._done)
        try:
            async with asyncio.timeout(self.patience_s):
                return await asyncio.shield(task)
        except TimeoutError:
            raise errors.QueryCanceled("canceling statement: no answer in time") from None

    def _done(self, task: "asyncio.Task[Rows]") -> None:
        self.running.discard(task)
        if not task.cancelled():
            task.exception()  # seen here when nobody waits for it any more

    async def _open(self, loop: asyncio.AbstractEventLoop) -> AsyncConnectionPool:
        self.pool = self.keeper = None  # one of an ended loop: closed as it ended
        self.running.clear()
        pool: AsyncConnectionPool = AsyncConnectionPool(
            self.conninfo,
            min_size=1,
            max_size=self.size,
            kwargs=self.kwargs,
            timeout=self.wait_s,
            reconnect_timeout=max(self.wait_s, RECONNECT_MIN_S),
            open=False,
            name="circle-pages",
        )
        await pool.open()
        if self.loop is loop and self.pool is not None:  # opened meanwhile by another
            await pool.close()
            return self.pool
        self.pool, self.loop = pool, loop
        self.keeper = loop.create_task(_close_with_loop(pool), name="circle-pages-keeper")
        return pool

    async def aclose(self) -> None:
        """Closes the pool, on its own event loop (a pool of another loop is dropped)."""
        keeper, self.keeper = self.keeper, None
        self.pool = None
        if keeper is not None and self.loop is asyncio.get_running_loop():
            keeper.cancel()  # it closes the pool
            with suppress(asyncio.CancelledError):
                await keeper
        self.loop = None

    def close(self) -> None:
        """Closes the pool where no event loop runs (at shutdown, in tests): on its own
        loop if that loop can still run."""
        loop = self.loop
        can_run = loop is not None and not loop.is_closed() and not loop.is_running()
        if self.pool is not None and loop is not None and can_run:
            loop.run_until_complete(self.aclose())
            return
        self.pool = self.loop = None


async def _close_with_loop(pool: AsyncConnectionPool) -> None:
    """Waits until cancelled (the loop ends, or aclose), then closes `pool`. A loop that
    is dropped without cancelling its tasks closes this coroutine instead: then there is
    no loop left to close the pool on, and nothing is awaited."""
    try:
        await asyncio.Event().wait()
    except asyncio.CancelledError:
        await pool.close(timeout=1.0)
        raise


async def _run(pool: AsyncConnectionPool, sql: str, arguments: Any) -> Rows:
    async with pool.connection() as conn:
        cursor = await conn.execute(sql, arguments)
        return await cursor.fetchall()
