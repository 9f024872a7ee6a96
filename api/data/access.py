"""The app's handle on the data: the engines, the snapshots of the dataset, the query
runner and readiness, made together and closed together, within the worker's connection
budget (api/data/database.py, ConnectionBudget)."""

import asyncio
import logging
import time
from contextlib import closing

import psycopg
from starlette.concurrency import run_in_threadpool

from api.data.database import (
    CONNECT_TIMEOUT_S,
    VERSION_SQL,
    read_engine,
    session_options,
    sqlite_connect,
)
from api.data.runner import QueryRunner
from api.data.snapshots import Snapshots
from api.errors import DRIVER_ERRORS, ApiProblem, Unavailable, as_problem
from api.settings import Settings

log = logging.getLogger("circle")


class DataAccess:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.db = read_engine(settings)
        # PostgreSQL: versions are read on a connection of their own (the budget's loader),
        # never behind exports that hold the read engine's.
        self.loader = self.db if settings.database.is_sqlite else read_engine(settings, 1)
        try:
            self.snapshots = Snapshots(settings, self.loader)  # raises DatabaseUnavailable
        except BaseException:
            self.dispose()
            raise
        self.runner = QueryRunner(settings, self.db, self.snapshots)
        self.readiness = Readiness(self)

    def dispose(self) -> None:
        self.db.dispose()
        self.loader.dispose()

    async def aclose(self) -> None:
        """Closes what lives on the running event loop (the awaited connections)."""
        await self.runner.aclose()
        await self.readiness.aclose()

    def close(self) -> None:
        """Closes every connection; called where no event loop runs (at shutdown, in tests)."""
        self.snapshots.close()
        self.runner.close()
        self.readiness.close()
        self.dispose()


class Readiness:
    """Whether the data can be read now, as /readyz tells it: never waits long, never
    waits for the requests' connections.

    One check at a time, remembered for `readiness_ttl_ms`: a flood of /readyz costs one
    query per interval. PostgreSQL: on a connection of its own (the budget's
    `readiness`), awaited for `readiness_timeout_ms` at most; a check that has not
    answered by then is answered 503 and left to finish, shielded, and until it does
    every check is answered 503 at once. SQLite: on a connection of its own to the file,
    so that a file corrupted in place is seen even while pooled connections still hold
    its old pages.
    """

    def __init__(self, data: DataAccess) -> None:
        self.data = data
        settings = data.settings
        self.ttl_s = settings.readiness_ttl_ms / 1000
        self.timeout_s = settings.readiness_timeout_ms / 1000
        self.checked_at = -1e9
        self.answer: str | ApiProblem = ""
        self.lock = asyncio.Lock()
        self.conn: psycopg.AsyncConnection | None = None  # PostgreSQL: its own
        self.conn_loop: asyncio.AbstractEventLoop | None = None  # where it was opened
        self.checking: asyncio.Task[str] | None = None  # PostgreSQL: the last check

    async def version(self) -> str:
        """The dataset version read from the database; raises a 503 problem if it can't."""
        if time.monotonic() - self.checked_at >= self.ttl_s:
            async with self.lock:
                if time.monotonic() - self.checked_at >= self.ttl_s:
                    self.answer = await self._check()
                    self.checked_at = time.monotonic()
        if isinstance(self.answer, ApiProblem):
            raise self.answer
        return self.answer

    async def _check(self) -> str | ApiProblem:
        if self.data.snapshots.sqlite_file is not None:
            return await run_in_threadpool(self._check_file)
        loop = asyncio.get_running_loop()
        checking = self.checking
        if checking is not None and checking.get_loop() is loop and not checking.done():
            return _unavailable("the last readiness check has not answered yet")
        checking = self.checking = loop.create_task(self._read_version())
        checking.add_done_callback(_seen)
        try:
            async with asyncio.timeout(self.timeout_s):
                found = await asyncio.shield(checking)
        except TimeoutError:
            return _unavailable(f"no answer within {self.timeout_s:g} s")
        except DRIVER_ERRORS as exc:
            return as_problem(exc)
        if not found:
            return _unavailable("the database holds no dataset")
        return found

    async def _read_version(self) -> str:
        conn = self.conn
        loop = asyncio.get_running_loop()
        if conn is not None and (conn.closed or self.conn_loop is not loop):
            await conn.close()
            conn = None
        if conn is None:
            conn = self.conn = await psycopg.AsyncConnection.connect(
                self.data.settings.database.libpq,
                autocommit=True,
                connect_timeout=CONNECT_TIMEOUT_S,
                options=session_options(self.data.settings),
            )
            self.conn_loop = loop
        try:
            cursor = await conn.execute(VERSION_SQL)
            row = await cursor.fetchone()
        except psycopg.Error:
            self.conn = None
            await conn.close()
            raise
        return str(row[0]) if row and row[0] else ""

    def _check_file(self) -> str | ApiProblem:
        data = self.data
        if data.snapshots.file_gone():
            return _unavailable("the database file is gone")
        try:
            with closing(sqlite_connect(data.settings)) as sqlite:
                row = sqlite.execute(VERSION_SQL).fetchone()
        except DRIVER_ERRORS as exc:
            return as_problem(exc)
        if not row or not row[0]:
            return _unavailable("the database holds no dataset")
        return str(row[0])

    async def aclose(self) -> None:
        conn, self.conn = self.conn, None
        if conn is not None:
            await conn.close()

    def close(self) -> None:
        """Closes its connection where no event loop runs (closing it awaits nothing)."""
        if self.conn is not None:
            asyncio.run(self.aclose())


def _unavailable(reason: str) -> ApiProblem:
    log.warning("not ready: %s", reason)
    return Unavailable()


def _seen(task: "asyncio.Task[str]") -> None:
    """A check nobody waits for any more (it outlived its timeout): its error is seen."""
    if not task.cancelled():
        task.exception()
