"""The app's handle on the data: one engine, the snapshots of the dataset, the query
runner and readiness, made together and closed together."""

import asyncio
import logging
import time
from contextlib import closing

from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from api.data.database import read_engine, sqlite_connect
from api.data.runner import QueryRunner
from api.data.snapshots import Snapshots
from api.errors import DRIVER_ERRORS, ApiProblem, DatabaseUnavailable, as_problem
from api.settings import Settings

log = logging.getLogger("circle")
VERSION_SQL = "SELECT value FROM dataset_meta WHERE key = 'version'"


class DataAccess:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.db = read_engine(settings)
        try:
            self.snapshots = Snapshots(settings, self.db)  # raises DatabaseUnavailable
        except BaseException:
            self.db.dispose()
            raise
        self.runner = QueryRunner(settings, self.db, self.snapshots)
        self.readiness = Readiness(self)

    def close(self) -> None:
        self.snapshots.close()
        self.runner.close()
        self.db.dispose()


class Readiness:
    """Whether the data can be read now, as /readyz tells it.

    Checked by one check at a time (PostgreSQL: on a pooled connection, never a new
    engine; SQLite: on a connection of its own to the file), and
    remembered for `readiness_ttl_ms`: a flood of /readyz costs one query per interval
    and can never hold more connections than the pool has.
    """

    def __init__(self, data: DataAccess) -> None:
        self.data = data
        self.ttl_s = data.settings.readiness_ttl_ms / 1000
        self.checked_at = -1e9
        self.answer: str | ApiProblem = ""
        self.lock = asyncio.Lock()

    async def version(self) -> str:
        """The dataset version read from the database; raises a 503 problem if it can't."""
        if time.monotonic() - self.checked_at >= self.ttl_s:
            async with self.lock:
                if time.monotonic() - self.checked_at >= self.ttl_s:
                    self.answer = await run_in_threadpool(self._check)
                    self.checked_at = time.monotonic()
        if isinstance(self.answer, ApiProblem):
            raise self.answer
        return self.answer

    def _check(self) -> str | ApiProblem:
        data = self.data
        if data.snapshots.file_gone():
            log.warning("not ready: the database file is gone")
            return as_problem(DatabaseUnavailable("the database file is gone"))
        try:
            if data.snapshots.sqlite_file is not None:
                # A file of its own, not the pool's: a file corrupted in place is seen
                # even while pooled connections still hold its old pages.
                with closing(sqlite_connect(data.settings)) as sqlite:
                    row = sqlite.execute(VERSION_SQL).fetchone()
                found = row[0] if row else None
            else:
                with data.db.connect() as conn:
                    found = conn.execute(text(VERSION_SQL)).scalar_one_or_none()
        except DRIVER_ERRORS as exc:
            return as_problem(exc)
        if not found:
            return as_problem(DatabaseUnavailable("the database holds no dataset"))
        return str(found)
