"""Where a query runs: on the event loop whenever it can, on a worker thread when it must.

SQLite answers almost every query of this API in well under a millisecond, less than a
hop to a worker thread costs: it runs on the event loop, on the loop's own connection,
under a budget of INLINE_BUDGET_S. A query that outruns the budget is stopped and run
again on a thread, under the full time limit, so the loop is never held for longer.

PostgreSQL queries wait on the network, not the CPU: the engine's (synchronous) work
runs on the event loop in a greenlet (api/data/greenlet_bridge.py), and each statement
is awaited on a connection of the worker's pool (api/data/pg_pool.py). No thread is
involved.

Exports read on worker threads through SQLAlchemy's pool, whichever the database.
"""

import sqlite3
import time
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import TimeoutError as PoolWaitedTooLong
from starlette.concurrency import run_in_threadpool

from api.data.database import (
    CONNECT_TIMEOUT_S,
    ConnectionBudget,
    TimedConnection,
    session_options,
    sqlite_connect,
)
from api.data.greenlet_bridge import run_sync
from api.data.pg_pool import AwaitedPool
from api.data.snapshots import Snapshot, Snapshots
from api.errors import DRIVER_ERRORS, Unavailable, as_problem
from api.query.statements import Fetch, OverBudget, StatementRunner, Trace
from api.settings import Settings

T = TypeVar("T")
# How long a SQLite statement may hold the event loop before it is moved to a thread.
INLINE_BUDGET_S = 0.02


def cursor_fetch(connection: Any) -> Fetch:
    """Statements on a DB-API connection (sqlite3, or psycopg's blocking one)."""

    def fetch(sql: str, arguments: Any) -> list[tuple[Any, ...]]:
        cursor = connection.cursor()
        try:
            cursor.execute(sql, arguments)
            rows: list[tuple[Any, ...]] = cursor.fetchall()
            return rows
        finally:
            cursor.close()

    return fetch


class QueryRunner:
    def __init__(self, settings: Settings, db: Engine, snapshots: Snapshots) -> None:
        self.settings = settings
        self.db = db
        self.snapshots = snapshots
        self.inline = (
            snapshots.sqlite_file is not None
            and settings.query_time_limit_ms / 1000 > INLINE_BUDGET_S
        )
        self.trace: Trace | None = None  # bench/explain.py records the statements run
        self._loop_conn: TimedConnection | None = None
        self._loop_conn_file: object = None
        self.pages: AwaitedPool | None = None
        if snapshots.sqlite_file is None:
            self.pages = AwaitedPool(
                settings.database.libpq,
                size=ConnectionBudget.of(settings).pages,
                wait_s=settings.db_wait_ms / 1000,
                time_limit_s=settings.query_time_limit_ms / 1000,
                kwargs={
                    "autocommit": True,  # reads in a read-only session: no BEGIN, no ROLLBACK
                    "connect_timeout": CONNECT_TIMEOUT_S,
                    "options": session_options(settings),
                },
            )

    async def run(self, snapshot: Snapshot, work: Callable[[StatementRunner], T]) -> T:
        """`work` against `snapshot`'s data, where it costs least (see the module)."""
        if self.pages is not None:
            return await self._run_awaited(self.pages, snapshot, work)
        overran: Hashable = None
        if self.inline:
            try:
                with self._session_on(snapshot, self._loop_connection(), INLINE_BUDGET_S) as s:
                    return work(s)
            except OverBudget as over:
                overran = over.shape
        return await run_in_threadpool(self.run_on_thread, snapshot, work, overran)

    async def _run_awaited(
        self, pages: AwaitedPool, snapshot: Snapshot, work: Callable[[StatementRunner], T]
    ) -> T:
        """`work` with its statements awaited on the pool. Any driver error is raised as
        the problem it means."""
        session = StatementRunner(pages.fetch, snapshot.engine.statements, _no_clock, self.trace)
        try:
            return await run_sync(work, session)
        except DRIVER_ERRORS as exc:
            raise as_problem(exc) from None

    def run_on_thread(
        self, snapshot: Snapshot, work: Callable[[StatementRunner], T], overran: Hashable = None
    ) -> T:
        """`work` on a pooled connection. If a statement of it (`overran`) was stopped on
        the event loop, it is sent straight to a thread from now on only if the work
        outruns the loop's budget here too: once, it may only have been the process
        waiting for a CPU, which would send that statement's every later run through a
        thread for nothing."""
        with self.session(snapshot) as session:
            started = time.monotonic()
            result = work(session)
        if overran is not None and time.monotonic() - started > INLINE_BUDGET_S:
            snapshot.engine.slow_statements.put(overran, True)
        return result

    @contextmanager
    def session(self, snapshot: Snapshot) -> Iterator[StatementRunner]:
        """A blocking pooled connection for the query engine, on a worker thread (taking
        one may wait for another thread to give one back): what exports read through.
        Any driver error, taking the connection or using it, is raised as the 503
        problem it means."""
        try:
            pooled = self.db.raw_connection()
        except DRIVER_ERRORS as exc:
            raise as_problem(exc) from None
        except PoolWaitedTooLong:  # every connection out for longer than db_wait_ms
            raise Unavailable() from None
        try:
            with self._session_on(snapshot, pooled.dbapi_connection, None) as session:
                yield session
        finally:
            pooled.close()

    @contextmanager
    def _session_on(
        self, snapshot: Snapshot, connection: Any, budget_s: float | None
    ) -> Iterator[StatementRunner]:
        """A session on `connection`. With `budget_s`, a SQLite statement that runs longer
        is stopped and OverBudget raised."""

        def start_clock() -> None:
            if isinstance(connection, TimedConnection):
                connection.start_clock(budget_s)

        engine = snapshot.engine
        slow = None if budget_s is None else engine.slow_statements
        session = StatementRunner(
            cursor_fetch(connection), engine.statements, start_clock, self.trace, slow
        )
        try:
            yield session
        except DRIVER_ERRORS as exc:
            if slow is not None and "interrupted" in str(exc):
                raise OverBudget(session.running) from None
            raise as_problem(exc) from None

    def _loop_connection(self) -> TimedConnection:
        """SQLite: the event loop's own connection, outside the pool. Work on the loop
        never waits, so it must not wait for a pooled connection that threads (exports,
        queries moved off the loop) may hold: with all of them out, the loop would stop,
        and with it the threads' answers."""
        file_id = self.snapshots.file_id
        if self._loop_conn is not None and self._loop_conn_file != file_id:
            self._close_loop_connection()  # the file was replaced and its snapshot read
        if self._loop_conn is None:
            try:
                self._loop_conn = sqlite_connect(self.settings)
            except sqlite3.Error as exc:
                raise as_problem(exc) from None
            self._loop_conn_file = file_id
        return self._loop_conn

    def _close_loop_connection(self) -> None:
        if self._loop_conn is not None:
            self._loop_conn.close()
            self._loop_conn = None

    async def aclose(self) -> None:
        if self.pages is not None:
            await self.pages.aclose()

    def close(self) -> None:
        self._close_loop_connection()
        if self.pages is not None:
            self.pages.close()


def _no_clock() -> None:
    """PostgreSQL's statement_timeout is the server's: no clock to start here."""
