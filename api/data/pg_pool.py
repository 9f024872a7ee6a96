"""PostgreSQL statements of pages and searches, awaited on the event loop through
psycopg_pool's AsyncConnectionPool, those of concurrent requests sent together.

The query engine's code is synchronous and runs in a greenlet (api/data/greenlet_bridge.py);
each statement it runs here is queued, and the statements queued in one turn of the event
loop (at most BATCH_MAX) are sent together on one connection of the worker's pool, in
psycopg's pipeline mode: one round trip, one connection taken and given back, for all of
them. Under load, taking a connection and waiting for the server's answer is most of what
a statement costs the worker (docs/design.md, "PostgreSQL through psycopg's pool"). A
statement alone in its turn runs by itself, without the pipeline's own round trips.
Statements run with AsyncConnection.execute, which prepares a statement after a few runs
on a connection; a request holds no connection between its statements.

- A statement that fails in a batch (an error of its own, or its time limit) fails alone:
  the server skips the statements after it up to the batch's end, and those are sent
  again as a batch of their own; the ones before it have their rows. Each statement has
  its own time limit, in a batch as alone (statement_timeout is per statement).
- The server runs a batch's statements one after another: one sent behind a slow one
  waits for it, where alone it could have run beside it on another connection. That is
  the price of the shared round trip: BATCH_MAX bounds how many wait so, the time limit
  how long, and at a million rows the API's pages take about 10 ms at most (make
  bench-scale).
- All connections out: a statement waits for one up to `wait_s` (settings.db_wait_ms),
  then fails with psycopg_pool.PoolTimeout (an OperationalError: a 503).
- A server that cannot be reached: the pool tries to connect again with a growing
  back-off, for `reconnect_timeout` in all, and only then lets the next statement start
  a new attempt at once. That time is the statements' own wait (at least RECONNECT_MIN_S):
  with psycopg_pool's default of five minutes, the back-off grows with the outage, and
  a server back after a minute would be used again only up to a minute later.
- A batch cut off with its connection (the server restarted, or its sessions were
  terminated) runs once more after the pool's idle connections are checked, so that the
  first requests after an outage are not refused for connections broken by it.
- A server that stops answering without closing the connection (frozen) would hold a
  statement for ever: its caller stops waiting after the statement's time limit, the
  wait for a connection and a grace (QueryCanceled, the 503 of a query over the time
  limit). The batch itself is left to finish on its connection: cancelling psycopg
  mid-statement sends the server a cancel request and waits seconds for it.
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
from dataclasses import dataclass
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
# The most statements sent together on one connection: beyond it, the statements of one
# turn go out on several connections, which the server runs side by side.
BATCH_MAX = 32

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
        self.queued: list[Statement] = []  # to be sent at the end of this turn of the loop
        # The batches under way: the event loop keeps only weak references to its tasks.
        self.running: set[asyncio.Task[None]] = set()
        self.keeper: asyncio.Task[None] | None = None  # closes the pool with its loop

    def fetch(self, sql: str, arguments: Any) -> Rows:
        """Every row of `sql` (psycopg's `%(name)s` placeholders) with `arguments`, from
        code run by greenlet_bridge.run_sync: the wait is awaited on the loop."""
        return wait_for(self.rows(sql, arguments))

    async def rows(self, sql: str, arguments: Any) -> Rows:
        loop = asyncio.get_running_loop()
        if self.loop is not loop or self.pool is None:
            await self._open(loop)
        answer: asyncio.Future[Rows] = loop.create_future()
        if not self.queued:
            loop.call_soon(self._send_queued)
        self.queued.append(Statement(sql, arguments, answer))
        # A caller that stops waiting cancels `answer`, which its batch then skips; one
        # that waits is answered by its batch, or failed by the batch's clock.
        return await answer

    def _send_queued(self) -> None:
        queued, self.queued = self.queued, []
        pool, loop = self.pool, self.loop
        if pool is None or loop is None:  # closed meanwhile
            for statement in queued:
                statement.fail(psycopg.OperationalError("the connection pool is closed"))
            return
        for start in range(0, len(queued), BATCH_MAX):
            statements = queued[start : start + BATCH_MAX]
            # One clock per batch, not one per statement: they were queued in this turn.
            clock = loop.call_later(self.patience_s, _no_answer_in_time, statements)
            batch = loop.create_task(_send(pool, statements, clock))
            self.running.add(batch)
            batch.add_done_callback(self.running.discard)

    async def _open(self, loop: asyncio.AbstractEventLoop) -> AsyncConnectionPool:
        self.pool = self.keeper = None  # one of an ended loop: closed as it ended
        self.running.clear()
        self.queued = []
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


def _no_answer_in_time(batch: list["Statement"]) -> None:
    """The callers of a batch still unanswered after their patience stop waiting (the
    batch goes on, as the module says of a frozen server)."""
    for statement in batch:
        statement.fail(errors.QueryCanceled("canceling statement: no answer in time"))


async def _close_with_loop(pool: AsyncConnectionPool) -> None:
    """Waits until cancelled (the loop ends, or aclose), then closes `pool`. A loop that
    is dropped without cancelling its tasks closes this coroutine instead: then there is
    no loop left to close the pool on, and nothing is awaited."""
    try:
        await asyncio.Event().wait()
    except asyncio.CancelledError:
        await pool.close(timeout=1.0)
        raise


@dataclass
class Statement:
    """A statement queued to be sent, and where its rows are awaited."""

    sql: str
    arguments: Any
    answer: "asyncio.Future[Rows]"

    def give(self, rows: Rows) -> None:
        if not self.answer.done():  # not if its caller stopped waiting
            self.answer.set_result(rows)

    def fail(self, exc: BaseException) -> None:
        if not self.answer.done():
            self.answer.set_exception(exc)


async def _send(
    pool: AsyncConnectionPool, batch: list[Statement], clock: asyncio.TimerHandle
) -> None:
    """Runs `batch` on one connection of `pool`, once more after a lost connection, and
    answers each of its statements; nothing is raised. `clock` fails the statements not
    answered in time, and stops once they all are."""
    try:
        for retry in (False, True):
            try:
                async with pool.connection() as conn:
                    await _answer(conn, batch)
                return
            except psycopg.OperationalError as exc:
                if retry or not is_connection_failure(exc):
                    raise
                await pool.check()  # drops the idle connections broken with this one
    except Exception as exc:
        for statement in batch:
            statement.fail(exc)
    finally:  # cancelled (the loop ends): no caller is left waiting for ever
        clock.cancel()
        for statement in batch:
            statement.answer.cancel()


async def _answer(conn: psycopg.AsyncConnection[Any], batch: list[Statement]) -> None:
    """Answers the statements of `batch` whose callers still wait: one alone, the rest in
    one pipeline. Raises only for a lost connection (the statements not yet answered are
    then run again on another)."""
    waiting = [statement for statement in batch if not statement.answer.done()]
    if not waiting:
        return
    if len(waiting) == 1:
        (statement,) = waiting
        try:
            cursor = await conn.execute(statement.sql, statement.arguments)
            rows = await cursor.fetchall()
        except psycopg.Error as exc:
            if is_connection_failure(exc):
                raise
            statement.fail(exc)
        else:
            statement.give(rows)
        return
    cursors: list[psycopg.AsyncCursor[Any]] = []
    failure: psycopg.Error | None = None
    try:
        async with conn.pipeline() as pipeline:
            try:
                for statement in waiting:
                    cursors.append(await conn.execute(statement.sql, statement.arguments))
                await pipeline.sync()
            except psycopg.Error as exc:  # raised once the failed statement's result is read
                failure = exc
    except psycopg.Error as exc:  # leaving the pipeline: the statements skipped after it
        failure = failure or exc
    if failure is not None and is_connection_failure(failure):
        raise failure
    answered = 0
    for statement, cursor in zip(waiting, cursors, strict=False):
        if cursor.pgresult is None:  # the failed statement: the server skipped the rest
            break
        statement.give(await cursor.fetchall())
        answered += 1
    if failure is None or answered == len(waiting):
        return
    # The first statement without rows is the one that failed; those after it were
    # skipped by the server, and are sent again.
    waiting[answered].fail(failure)
    await _answer(conn, waiting[answered + 1 :])
