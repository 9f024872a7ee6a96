"""Connections for serving: how many of each (ConnectionBudget), read-only engines,
SQLite's timed connection, the file prewarm, and the check that a database holds a
dataset."""

import logging
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.pool import QueuePool

from api.errors import DatabaseUnavailable
from api.settings import Settings

log = logging.getLogger("circle")
PREWARM_CHUNK = 1 << 20
# Seconds to open a PostgreSQL connection at most (libpq's connect_timeout).
CONNECT_TIMEOUT_S = 3
VERSION_SQL = "SELECT value FROM dataset_meta WHERE key = 'version'"


@dataclass(frozen=True)
class ConnectionBudget:
    """How a worker spends its `db_connections` on PostgreSQL: never more at once.

    - `loader`: one, held by the thread that loads dataset versions and listens for new
      ones (api/data/snapshots.py);
    - `readiness`: one, /readyz's own (api/data/access.py), so that requests that hold
      every other connection cannot make readiness wait;
    - `exports`: a quarter of the rest, at least one: SQLAlchemy's pool, read on worker
      threads by exports, whose connections stay out for as long as the export streams;
    - `pages`: the rest: psycopg_pool's pool that pages, searches, records and each
      export's first batch are read through on the event loop (api/data/pg_pool.py).

    A request that finds its pool's connections all out waits up to `db_wait_ms` for one,
    then is answered 503.
    """

    pages: int
    exports: int
    loader: int = 1
    readiness: int = 1

    @classmethod
    def of(cls, settings: Settings) -> "ConnectionBudget":
        rest = settings.db_connections - 2
        exports = max(1, rest // 4)
        return cls(pages=rest - exports, exports=exports)

    @property
    def total(self) -> int:
        return self.pages + self.exports + self.loader + self.readiness


def session_options(settings: Settings) -> str:
    """libpq's `options` of every serving connection: read-only, each statement stopped by
    the server at the time limit."""
    timeout = settings.query_time_limit_ms
    return f"-c default_transaction_read_only=on -c statement_timeout={timeout}"


class TimedConnection(sqlite3.Connection):
    """A SQLite connection whose statements stop after a time limit.

    Like Datasette's sql_time_limit_ms: SQLite calls the progress handler every N VM
    steps, and a true return aborts the statement with "interrupted".

    The time limit (query_time_limit_ms) counts the CPU time of the thread running the
    statement: the database's own work. Wall-clock time would count the time the thread
    waits for a CPU or for the GIL too, which many concurrent exports make long enough to
    stop a statement that did little work, mid-stream. A budget given (the event loop's,
    which is about how long the loop is held) counts wall-clock time.
    """

    limit_s: float = 1.0
    deadline: float = 0.0
    clock: Callable[[], float] = time.thread_time

    def start_clock(self, limit_s: float | None = None) -> None:
        self.clock = time.thread_time if limit_s is None else time.monotonic
        self.deadline = self.clock() + (self.limit_s if limit_s is None else limit_s)

    def over_time(self) -> int:
        return 1 if self.deadline and self.clock() > self.deadline else 0


def sqlite_connect(settings: Settings) -> TimedConnection:
    """A read-only connection to the SQLite file, its statements under the time limit."""
    path = settings.database.sqlite_file.resolve()
    flags = "mode=ro&immutable=1" if settings.sqlite_immutable else "mode=ro"
    connection = sqlite3.connect(
        f"file:{path}?{flags}", uri=True, check_same_thread=False, factory=TimedConnection
    )
    assert isinstance(connection, TimedConnection)
    connection.limit_s = settings.query_time_limit_ms / 1000
    connection.set_progress_handler(connection.over_time, 1000)
    return connection


def prewarm_limit() -> int:
    """The largest file prewarm reads: a quarter of this machine's memory."""
    return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 4


def prewarm(path: Path, max_bytes: int) -> int:
    """Reads the file once, start to end, so that the OS holds its pages; the bytes read.

    A query that meets pages not yet read waits for the disk, one page at a time, and a
    count over a large file the OS has dropped runs past the time limit; one sequential
    read is far quicker (docs/design.md has the figures). The file is read rather than
    advised (posix_fadvise(WILLNEED) reads nothing on some systems). A file larger than
    `max_bytes` is left alone: it would only push out its own pages.
    """
    try:
        with open(path, "rb", buffering=0) as file:
            if os.fstat(file.fileno()).st_size > max_bytes:
                return 0
            chunk = memoryview(bytearray(PREWARM_CHUNK))
            done = 0
            while read := file.readinto(chunk):
                done += read
    except OSError as exc:  # gone or unreadable: the next query says so, not this
        log.warning("prewarm of %s stopped: %s", path, exc)
        return 0
    return done


def read_engine(settings: Settings, pool_size: int | None = None) -> Engine:
    """An engine that cannot write: SQLite mode=ro, PostgreSQL read-only sessions.

    Its pool holds `pool_size` connections (SQLite: `db_connections`; PostgreSQL: the
    budget's exports) and a caller waits `db_wait_ms` at most for one of them.
    """
    wait_s = settings.db_wait_ms / 1000
    if settings.database.is_sqlite:

        def connect() -> sqlite3.Connection:
            return sqlite_connect(settings)

        engine = create_engine(
            "sqlite://",
            creator=connect,
            poolclass=QueuePool,
            pool_size=pool_size or settings.db_connections,
            max_overflow=0,
            pool_timeout=wait_s,
        )

        @event.listens_for(engine, "before_cursor_execute")
        def _start_clock(conn: Any, cursor: Any, *_: Any) -> None:
            if isinstance(cursor.connection, TimedConnection):
                cursor.connection.start_clock()

        return engine
    return create_engine(
        settings.database.sqlalchemy,
        pool_size=pool_size or ConnectionBudget.of(settings).exports,
        max_overflow=0,
        pool_timeout=wait_s,
        # Every statement is a read in a read-only session, so no transaction is opened
        # around it: no BEGIN before a page's first statement and no ROLLBACK when its
        # connection goes back to the pool, two round trips a request saves.
        isolation_level="AUTOCOMMIT",
        pool_reset_on_return=None,
        connect_args={
            "options": session_options(settings),
            "connect_timeout": CONNECT_TIMEOUT_S,
        },
    )


def read_version(conn: Connection) -> str:
    """The dataset version, read now on `conn`; raises DatabaseUnavailable if the database
    holds none (a driver's error as it is)."""
    version = conn.execute(text(VERSION_SQL)).scalar_one_or_none()
    if not version:
        raise DatabaseUnavailable("the database holds no dataset (run `circle seed`)")
    return str(version)
