"""Which dataset version is served: one Snapshot per version, replaced when the data is.

The data changes only when `circle seed` runs. SQLite: the loader moves a new file over
the old one, noticed here by the file's inode and mtime on the next request. PostgreSQL:
the loader NOTIFYs `circle_dataset` in its commit, heard by a listening thread, which
reads each new version on the same connection (the budget's `loader`). Either
way a new Snapshot is read (version, cursor secret, known counts, the index page) and
swapped in whole; a request reads the one snapshot it started with.
"""

import asyncio
import logging
import os
import threading
from contextlib import nullcontext
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.types import Scope

from api.data.database import prewarm, prewarm_limit, read_version
from api.errors import DatabaseUnavailable, Unavailable
from api.query.counts import KnownCounts
from api.query.engine import QueryEngine
from api.settings import Settings
from models.resources import RESOURCES, record_url

log = logging.getLogger("circle")
# Where a request keeps the snapshot it reads (Snapshots.current): its state, the ASGI
# scope's "state" namespace (a copy per request) that Starlette serves as request.state.
PINNED = "snapshot"
FileId = tuple[int, int]
MISSING: FileId = (-1, -1)


@dataclass
class Snapshot:
    """What is true of one dataset version."""

    version: str
    seeded_at: str
    # Which load of the data this is: a forced re-seed of the same version is another
    # load (a new `seeded_at`), and whatever was kept of the old one is dropped.
    load: str
    engine: QueryEngine
    index: bytes  # GET /v1, rendered once per version

    @cached_property
    def stamp(self) -> str:
        """What answers kept in memory are keyed by: the version and the load."""
        return f"{self.version}/{self.load}"


def _pinned(scope: Scope) -> Snapshot | None:
    state = scope.get("state")
    pinned: Snapshot | None = state.get(PINNED) if state is not None else None
    return pinned


class Snapshots:
    """The current Snapshot, and the watch for a new one."""

    def __init__(self, settings: Settings, db: Engine) -> None:
        """`db`: the engine versions are read through (PostgreSQL: one connection, which
        the listener holds)."""
        self.settings = settings
        self.db = db
        database = settings.database
        self.sqlite_file: Path | None = database.sqlite_file if database.is_sqlite else None
        self.file_id = self._stat()
        self._turn_stat: FileId | None = None  # the file as seen in this turn of the loop
        self._reloading = threading.Lock()
        self.prewarming: threading.Thread | None = None
        self.snapshot = self._load()
        self._stop = threading.Event()
        self._listener: threading.Thread | None = None
        if self.sqlite_file is None:
            self._listener = threading.Thread(
                target=self._listen, name="circle-version", daemon=True
            )
            self._listener.start()

    async def current(self, scope: Scope | None = None) -> Snapshot:
        """The snapshot of the data as it is now: a replaced SQLite file is noticed.

        The new file is read on a thread: over a large file its known counts take long
        enough to stall every other request if the event loop spent it. Meanwhile the loop goes on
        answering from the old snapshot, on its connection to the old file.

        With a request's `scope`, the snapshot is pinned there on first use: every layer
        of one request (the response cache's key, the endpoint) reads one version, and
        the file is looked at once per turn of the event loop: the requests that arrived
        together read the same version.
        """
        if scope is not None:
            pinned = _pinned(scope)
            if pinned is not None:
                return pinned
        if self.sqlite_file is not None and self._stat_this_turn() != self.file_id:
            await run_in_threadpool(self._reload_replaced_file)
        snapshot = self.snapshot
        if scope is not None:
            scope.setdefault("state", {})[PINNED] = snapshot
        return snapshot

    def _stat_this_turn(self) -> FileId | None:
        if self._turn_stat is None:
            self._turn_stat = self._stat()
            asyncio.get_running_loop().call_soon(self._end_turn)
        return self._turn_stat

    def _end_turn(self) -> None:
        self._turn_stat = None

    def file_gone(self) -> bool:
        return self.sqlite_file is not None and self._stat() == MISSING

    def close(self) -> None:
        self._stop.set()
        if self._listener is not None:
            self._listener.join(timeout=5)

    def _stat(self) -> FileId | None:
        if self.sqlite_file is None:
            return None
        try:
            st = os.stat(self.sqlite_file)
        except OSError:
            return MISSING
        return (st.st_ino, st.st_mtime_ns)

    def _reload_replaced_file(self) -> None:
        with self._reloading:  # one reload; requests that noticed the change meanwhile wait
            file_id = self._stat()
            if file_id == self.file_id:
                return
            self.db.dispose()  # the pool's connections still read the old file
            try:
                snapshot = self._load()
            except DatabaseUnavailable as exc:
                raise Unavailable() from exc
            self.snapshot, self.file_id = snapshot, file_id

    def _listen(self) -> None:
        """PostgreSQL: reload on the loader's NOTIFY, and after every (re)connection, so
        that a version committed while the listener was away is not missed. The
        connection that listens reads the new version too: the loader's one connection."""
        while not self._stop.is_set():
            try:
                with self.db.connect() as conn:
                    listening = conn.connection.driver_connection
                    assert listening is not None
                    listening.execute("LISTEN circle_dataset")
                    self._reload_if_changed(conn)
                    while not self._stop.is_set():
                        # Read to its end first: the generator holds the connection's
                        # lock while it runs. A NOTIFY that arrives during the reload is
                        # kept by psycopg for the next call.
                        if list(listening.notifies(timeout=0.5, stop_after=1)):
                            self._reload_if_changed(conn)
            except Exception:  # unreachable or dropped: retry; requests meanwhile get 503s
                log.warning("dataset version listener: reconnecting", exc_info=True)
                self._stop.wait(1.0)

    def _reload_if_changed(self, conn: Connection) -> None:
        """Loads the version in the database if it is not the one served, and looks again
        after a load: a NOTIFY that came during it may not be kept (psycopg before 3.2.10
        keeps none that arrive outside `notifies()`)."""
        for _ in range(3):
            current = self.snapshot
            if _stamp(conn) == (current.version, current.load):  # a driver error: reconnect
                return
            try:
                self.snapshot = self._load(conn)
            except DatabaseUnavailable as exc:
                log.warning("dataset version listener: %s", exc)
                return

    def _prewarm(self) -> None:
        """SQLite: the file read into the OS's page cache on a thread (see prewarm),
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

    def _load(self, conn: Connection | None = None) -> Snapshot:
        """Reads version, cursor secret, counts and the index (on `conn`, else on a
        connection of the engine's); raises DatabaseUnavailable."""
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
        try:
            with self.db.connect() if conn is None else nullcontext(conn) as reading:
                version = read_version(reading)
                rows = reading.execute(text("SELECT key, value FROM dataset_meta")).all()
                meta: dict[str, Any] = {str(k): v for k, v in rows}
                known = KnownCounts.read(reading, list(RESOURCES.values()))
                index = _index(reading, version, meta, known.rows)
        except SQLAlchemyError as exc:
            raise DatabaseUnavailable(_reason(exc, self.sqlite_file is not None)) from None
        secret = str(meta["cursor_secret"]).encode()
        engine = QueryEngine(
            version,
            secret,
            self.db.dialect,
            known,
            self.settings.document_cache_bytes,
            memo_bytes=self.settings.memo_bytes,
        )
        load = str(meta.get("load_id", ""))
        seeded_at = str(meta.get("seeded_at", ""))
        return Snapshot(version, seeded_at, load, engine, orjson.dumps(index))


def _reason(exc: Exception, sqlite: bool) -> str:
    """A driver error as the one-line reason DatabaseUnavailable carries."""
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return reason + " (run `circle seed` to rebuild it)" if sqlite else reason


def _stamp(conn: Connection) -> tuple[str, str]:
    """The version and the load: a forced re-seed of the same data is seen too."""
    rows = conn.execute(
        text("SELECT key, value FROM dataset_meta WHERE key IN ('version', 'load_id')")
    ).all()
    meta = {str(k): str(v) for k, v in rows}
    return meta.get("version", ""), meta.get("load_id", "")


def _index(
    conn: Connection, version: str, meta: dict[str, Any], rows: dict[str, int]
) -> dict[str, Any]:
    """GET /v1: what is served."""
    sources = RESOURCES["sources"].table
    return {
        "title": "Chengdu–Chongqing Economic Circle API",
        "dataset_version": version,
        "seeded_at": meta.get("seeded_at", ""),
        "sources": [
            {
                "id": i,
                "title": t,
                "url": record_url("sources", i),
                "annotations_url": f"{record_url('sources', i)}/annotations",
                "page_url": f"{record_url('sources', i)}/page",
            }
            for i, t in conn.execute(select(sources.c.id, sources.c.title).order_by(sources.c.id))
        ],
        "collections": [
            {"name": name, "count": rows[name], "url": f"/v1/{name}"} for name in RESOURCES
        ],
        "search_url": "/v1/search?q=chengdu",
        "search_template": "/v1/search{?q,type,limit,cursor}",
        "docs_url": "/docs",
    }
