"""Database URLs as the API and the loader both read them: SQLite or PostgreSQL, nothing else.

A URL is checked once, where it enters (settings, the command line), so that a typo or
an engine this project does not support is a one-line error, not a traceback from deep
inside a driver.
"""

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

SUPPORTED = "sqlite:///PATH or postgresql://USER@HOST:PORT/DATABASE"


class BadDatabaseUrl(ValueError):
    """A URL that names no database this project can serve."""


@dataclass(frozen=True)
class DatabaseUrl:
    """A parsed, supported database URL."""

    url: URL

    @classmethod
    def parse(cls, raw: str) -> "DatabaseUrl":
        try:
            url = make_url(raw)
        except ArgumentError:
            raise BadDatabaseUrl(f"{raw[:80]!r} is not a database URL; use {SUPPORTED}") from None
        backend = url.get_backend_name()
        if backend == "sqlite":
            if not url.database or url.database == ":memory:":
                raise BadDatabaseUrl("a SQLite URL must name a file: sqlite:///PATH")
        elif backend in ("postgresql", "postgres"):
            if url.drivername.split("+")[-1] not in ("postgresql", "postgres", "psycopg"):
                raise BadDatabaseUrl(f"PostgreSQL is read with psycopg 3, not {url.drivername}")
        else:
            raise BadDatabaseUrl(f"{backend!r} databases are not supported; use {SUPPORTED}")
        return cls(url)

    @classmethod
    def sqlite(cls, path: Path) -> "DatabaseUrl":
        return cls.parse(f"sqlite:///{path}")

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def sqlite_file(self) -> Path:
        if not self.is_sqlite or not self.url.database:
            raise BadDatabaseUrl("not a SQLite URL")
        return Path(self.url.database)

    @property
    def sqlalchemy(self) -> str:
        """The URL for SQLAlchemy: psycopg 3 is the driver, whatever scheme it was written with."""
        if self.is_sqlite:
            return self.url.render_as_string(hide_password=False)
        url = self.url.set(drivername="postgresql+psycopg")
        return url.render_as_string(hide_password=False)

    @property
    def libpq(self) -> str:
        """The URL for psycopg itself (a LISTEN connection)."""
        url = self.url.set(drivername="postgresql")
        return url.render_as_string(hide_password=False)

    @property
    def redacted(self) -> str:
        return self.url.render_as_string(hide_password=True)
