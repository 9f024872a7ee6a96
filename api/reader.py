"""The app's handle on the data: engine, dataset version, query engine, index page."""

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import orjson
import psycopg
from sqlalchemy import Connection, select, text
from sqlalchemy import Engine as SqlEngine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.types import Scope

from api.db import (
    DatabaseUnavailable,
    TimedConnection,
    check_readable,
    is_sqlite,
    postgres_url,
    prewarm,
    prewarm_limit,
    read_engine,
    sqlite_connect,
    sqlite_path,
)
from api.errors import Unavailable
from api.query.counts import KnownCounts
from api.query.engine import Engine
from api.query.statements import OverBudget, Session, Statements, Trace
from api.settings import Settings
from models.resources import RESOURCES

log = logging.getLogger("circle")
T = TypeVar("T")
# The scope key of the snapshot a request reads (Reader.current).
PINNED = "circle.snapshot"
# How long a SQLite statement may hold the event loop before it is moved to a thread.
INLINE_BUDGET_S = 0.02


@dataclass
class Snapshot:
    """What is true of one dataset version."""

    version: str
    engine: Engine
    index: bytes  # GET /v1, rendered once per version
    # Which load of the data this is: a forced re-seed of the same version is another
    # load (a new `seeded_at`), and whatever was kept of the old one is dropped.
    load: str = ""

    @property
    def stamp(self) -> str:
        return f"{self.version}/{self.load}"


class Reader:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.sqlite_file: Path | None = sqlite_path(settings) if is_sqlite(settings) else None
        self._file_id: tuple[int, int] | None = None
        self.db: SqlEngine = read_engine(settings)
        self.statements = Statements(self.db.dialect)
        self.driver_error: type[Exception] = self.db.dialect.loaded_dbapi.Error
        self.trace: Trace | None = None
        self._loop_conn: TimedConnection | None = None
        self._loop_conn_file: tuple[int, int] | None = None
        self._reloading = threading.Lock()
        self._file_id = self._stat()
        self.prewarming: threading.Thread | None = None
        self.snapshot = self._load()
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None
        if self.sqlite_file is None:
            self._watcher = threading.Thread(
                target=self._listen, name="circle-version", daemon=True
            )
            self._watcher.start()

    def _listen(self) -> None:
        """PostgreSQL: the loader NOTIFYs circle_dataset in its commit; reload on it.

        A fresh snapshot is also read after every (re)connection, so a version committed
        while the listener was away is not missed.
        """
        url = make_url(postgres_url(self.settings.database_url or ""))
        dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
        while not self._stop.is_set():
            try:
                with psycopg.connect(dsn, autocommit=True, connect_timeout=3) as conn:
                    conn.execute("LISTEN circle_dataset")
                    self._reload_if_changed()
                    while not self._stop.is_set():
                        for _ in conn.notifies(timeout=0.5, stop_after=1):
                            self._reload_if_changed()
            except Exception:  # unreachable or dropped: retry; requests meanwhile get 503s
                log.warning("dataset version listener: reconnecting", exc_info=True)
                self._stop.wait(1.0)

    def _reload_if_changed(self) -> None:
        try:
            if check_readable(self.db) != self.snapshot.version or (
                self._load_id() != self.snapshot.load
            ):
                self.snapshot = self._load()
        except DatabaseUnavailable:
            log.warning("dataset version listener: database unavailable")

    def _load_id(self) -> str:
        with self.db.connect() as conn:
            found = conn.execute(
                text("SELECT value FROM dataset_meta WHERE key = 'load_id'")
            ).scalar_one_or_none()
        return str(found or "")

    def _stat(self) -> tuple[int, int] | None:
        if self.sqlite_file is None:
            return None
        try:
            st = os.stat(self.sqlite_file)
        except OSError:
            return (-1, -1)
        return (st.st_ino, st.st_mtime_ns)

    def _prewarm(self) -> None:
        """SQLite: the file read into the OS's page cache on a thread (api.db.prewarm),
        beside the snapshot's own reads, for each file that is there to be opened."""
        if self.sqlite_file is None or not self.settings.sqlite_prewarm:
            return
        self.prewarming = threading.Thread(
            target=prewarm,
            args=(self.sqlite_file, prewarm_limit()),
            name="circle-prewarm",
            daemon=True,
        )
        self.prewarming.start()

    def _load(self) -> Snapshot:
        """Reads version, cursor secret and counts; raises DatabaseUnavailable."""
        if self.sqlite_file is not None:
            if not self.sqlite_file.is_file():
                raise DatabaseUnavailable(
                    f"no database file at {self.sqlite_file} (run `circle seed`)"
                )
            if self.sqlite_file.stat().st_size == 0:
                raise DatabaseUnavailable(
                    f"the database file {self.sqlite_file} is empty (run `circle seed`)"
                )
            self._prewarm()
        version = check_readable(self.db)
        try:
            with self.db.connect() as conn:
                rows = conn.execute(text("SELECT key, value FROM dataset_meta")).all()
                meta: dict[str, Any] = {str(k): v for k, v in rows}
                known = KnownCounts.read(conn, list(RESOURCES.values()))
                index = self._index(conn, version, meta, known.rows)
        except SQLAlchemyError as exc:
            raise DatabaseUnavailable(str(exc).splitlines()[0]) from None
        secret = str(meta["cursor_secret"]).encode()
        engine = Engine(
            version, secret, self.db.dialect.name, known, self.settings.document_cache_bytes
        )
        return Snapshot(version, engine, orjson.dumps(index), str(meta.get("load_id", "")))

    @staticmethod
    def _index(
        conn: Connection, version: str, meta: dict[str, Any], rows: dict[str, int]
    ) -> dict[str, Any]:
        sources = RESOURCES["sources"].table
        return {
            "title": "Chengdu–Chongqing Economic Circle API",
            "dataset_version": version,
            "seeded_at": meta.get("seeded_at", ""),
            "sources": [
                {
                    "id": i,
                    "title": t,
                    "url": f"/v1/sources/{i}",
                    "annotations_url": f"/v1/sources/{i}/annotations",
                    "page_url": f"/v1/sources/{i}/page",
                }
                for i, t in conn.execute(
                    select(sources.c.id, sources.c.title).order_by(sources.c.id)
                )
            ],
            "collections": [
                {"name": name, "count": rows[name], "url": f"/v1/{name}"} for name in RESOURCES
            ],
            "search_url": "/v1/search?q=chengdu",
            "search_template": "/v1/search{?q,type,limit,cursor}",
            "docs_url": "/docs",
        }

    async def current(self, scope: Scope | None = None) -> Snapshot:
        """The snapshot of the data as it is now: a replaced SQLite file is noticed.

        The new file is read on a thread: at a million rows its known counts take about
        a second, which the event loop must not spend. Meanwhile the loop goes on
        answering from the old snapshot, on its connection to the old file.

        With a request's `scope`, the snapshot is pinned there on first use: every layer
        of one request (the response cache's key, the endpoint) reads one version, and
        the file is looked at once per request.
        """
        if scope is not None:
            pinned: Snapshot | None = scope.get(PINNED)
            if pinned is not None:
                return pinned
        if self.sqlite_file is not None and self._stat() != self._file_id:
            await run_in_threadpool(self._reload_replaced_file)
        snapshot = self.snapshot
        if scope is not None:
            scope[PINNED] = snapshot
        return snapshot

    def _reload_replaced_file(self) -> None:
        with self._reloading:  # one reload; requests that noticed the change meanwhile wait
            file_id = self._stat()
            if file_id == self._file_id:
                return
            self.db.dispose()  # the pool's connections still read the old file
            try:
                snapshot = self._load()
            except DatabaseUnavailable as exc:
                raise Unavailable() from exc
            self.snapshot, self._file_id = snapshot, file_id

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A pooled connection for the query engine (on a worker thread: taking one may
        wait for another thread to give one back)."""
        try:
            pooled = self.db.raw_connection()
        except DBAPIError as exc:
            raise unavailable(exc) from None
        try:
            with self._session_on(pooled.dbapi_connection, None) as session:
                yield session
        finally:
            pooled.close()

    @contextmanager
    def _session_on(self, connection: Any, budget_s: float | None) -> Iterator[Session]:
        """A session on `connection`; driver errors become 503s. With `budget_s`, a SQLite
        statement that runs longer is stopped and OverBudget raised."""

        def start_clock() -> None:
            if isinstance(connection, TimedConnection):
                connection.start_clock(budget_s)

        slow = None if budget_s is None else self.snapshot.engine.slow_statements
        session = Session(connection, self.statements, start_clock, self.trace, slow)
        try:
            yield session
        except self.driver_error as exc:
            if slow is not None and "interrupted" in str(exc):
                raise OverBudget(session.running) from None
            raise unavailable(exc) from None

    def _loop_connection(self) -> TimedConnection:
        """SQLite: the event loop's own connection, outside the pool. Work on the loop
        never waits, so it must not wait for a pooled connection that threads (exports,
        queries moved off the loop) may hold: with all of them out, the loop would stop,
        and with it the threads' answers."""
        if self._loop_conn is not None and self._loop_conn_file != self._file_id:
            self._close_loop_connection()  # the file was replaced and its snapshot read
        if self._loop_conn is None:
            try:
                self._loop_conn = sqlite_connect(self.settings)
            except sqlite3.Error as exc:
                raise unavailable(exc) from None
            self._loop_conn_file = self._file_id
        return self._loop_conn

    def _close_loop_connection(self) -> None:
        if self._loop_conn is not None:
            self._loop_conn.close()
            self._loop_conn = None

    async def run(self, work: Callable[[Session], T]) -> T:
        """`work` with a session, where it costs least.

        SQLite answers almost every query of this API in well under a millisecond, less
        than a hop to a worker thread costs: it runs on the event loop, on the loop's own
        connection, under a budget of INLINE_BUDGET_S. A query that outruns the budget is
        stopped and run again on a thread, under the full time limit, so the loop is
        never held for longer. PostgreSQL queries wait on the network: always on a thread.
        """
        budget = INLINE_BUDGET_S
        overran: Hashable = None
        if self.sqlite_file is not None and budget < self.settings.query_time_limit_ms / 1000:
            try:
                with self._session_on(self._loop_connection(), budget) as session:
                    return work(session)
            except OverBudget as over:
                overran = over.shape
        return await run_in_threadpool(self.run_on_thread, work, overran)

    def run_on_thread(self, work: Callable[[Session], T], overran: Hashable = None) -> T:
        """`work` on a pooled connection. If a statement of it (`overran`) was stopped on
        the event loop, it is sent straight to a thread from now on only if the work
        outruns the loop's budget here too: once, it may only have been the process
        waiting for a CPU (on a shared machine, stalls of tens of ms are common), which
        would have sent that statement's every later run through a thread for nothing."""
        with self.session() as session:
            started = time.monotonic()
            result = work(session)
        if overran is not None and time.monotonic() - started > INLINE_BUDGET_S:
            self.snapshot.engine.slow_statements.put(overran, True)
        return result

    def fresh_check(self) -> str:
        """Reads the version over a new connection, never a pooled one."""
        if self.sqlite_file is not None and self._stat() == (-1, -1):
            raise DatabaseUnavailable("the database file is gone")
        probe = read_engine(self.settings, pooled=False)
        try:
            return check_readable(probe)
        finally:
            probe.dispose()

    def close(self) -> None:
        self._stop.set()
        if self._watcher is not None:
            self._watcher.join(timeout=5)
        self.db.dispose()
        self._close_loop_connection()


def unavailable(exc: Exception) -> Unavailable:
    message = str(exc).lower()
    timed_out = ("interrupted", "statement timeout", "canceling statement")
    if any(sign in message for sign in timed_out):
        return Unavailable("The query took longer than the time limit; narrow it down.")
    return Unavailable()
