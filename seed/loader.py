"""`circle seed`: validate the whole dataset, then load it in one transaction.

SQLite is rebuilt in a temporary file beside the target and moved over it atomically,
so readers see the old file or the new one and a failed load leaves the old one intact.
PostgreSQL is loaded in a single transaction (its DDL is transactional too).
"""

import hashlib
import os
import secrets
import sys
from datetime import UTC, datetime
from pathlib import Path

import orjson
import psycopg
from sqlalchemy import Connection, Engine, create_engine, delete, insert, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel

from models import tables, text_index
from models.database_url import DatabaseUrl
from models.resources import RESOURCES
from seed.dataset import read_sources
from seed.render import Renderer, Rows

# Bump when what the loader writes or how it is served changes shape: a database with
# another schema is rebuilt, and the dataset version (dataset_version) changes with it.
SCHEMA_VERSION = "6"

# In the order the loader writes them (and the dataset version hashes them).
TABLES: list[type[SQLModel]] = [
    *(
        RESOURCES[name].table_model
        for name in ("sources", "places", "organisations", "people", "industries")
    ),
    *(RESOURCES[name].table_model for name in ("projects", "infrastructure", "energy")),
    *(RESOURCES[name].table_model for name in ("quotes", "figures")),
    tables.Document,
    tables.RecordValue,
    tables.Citation,
    tables.Relation,
    tables.SourcePage,
    tables.SearchEntry,
]


def write_engine(database_url: str) -> Engine:
    """The loader's engine: the only one in this project that writes."""
    url = DatabaseUrl.parse(database_url)
    if url.is_sqlite:
        return create_engine(url.sqlalchemy)
    return create_engine(url.sqlalchemy, connect_args={"connect_timeout": 5})


class NotUtf8(Exception):
    """A PostgreSQL database whose encoding is not UTF8."""


def require_utf8(database_url: str) -> None:
    """Refuse, by name, a PostgreSQL database not encoded UTF8: the article's text does not
    fit LATIN1, and under SQL_ASCII the server hands back bytes where the loader and the
    API read text."""
    url = DatabaseUrl.parse(database_url)
    with psycopg.connect(url.libpq, connect_timeout=5) as conn:
        encoding = conn.info.parameter_status("server_encoding")
        name = conn.info.dbname
    if encoding != "UTF8":
        raise NotUtf8(
            f"database {name!r} is encoded {encoding}; circle needs UTF8: "
            f"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0"
        )


def _meta(database_url: str) -> dict[str, str]:
    engine = write_engine(database_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT key, value FROM dataset_meta")).all()
    except Exception:  # no table yet, or an unreadable file: either way nothing to keep
        return {}
    finally:
        engine.dispose()
    return {str(k): str(v) for k, v in rows}


def dataset_version(rows: Rows) -> str:
    """The version of what is served: the declared schema version and every row the loader
    writes (the source texts, each record's rendered JSON, the values filters read), so
    that a change to any answer is a new version and nothing else is (not the code that
    produced them, nor comments in the data files). ETags and cursors are bound to it."""
    digest = hashlib.sha256(f"schema {SCHEMA_VERSION}\n".encode())
    for table in TABLES:
        for row in rows.by_table.get(table, []):
            digest.update(orjson.dumps(row.model_dump(), option=orjson.OPT_SORT_KEYS, default=str))
            digest.update(b"\n")
    return digest.hexdigest()[:16]


def version_of(sources_dir: Path) -> str:
    """The dataset version `circle seed` would write for these sources."""
    return dataset_version(Renderer(read_sources(sources_dir)).render())


def _write(engine: Engine, rows: Rows, version: str, cursor_secret: str) -> None:
    with engine.begin() as conn:
        meta = SQLModel.metadata
        found = (
            conn.execute(
                text("SELECT value FROM dataset_meta WHERE key = 'schema_version'")
            ).scalar_one_or_none()
            if engine.dialect.has_table(conn, "dataset_meta")
            else None
        )
        if found != SCHEMA_VERSION:
            meta.drop_all(conn)
        meta.create_all(conn)
        everything: list[type[SQLModel]] = [*TABLES, tables.DatasetMeta]
        for table in everything:
            conn.execute(delete(table))
        for table in TABLES:
            batch = [row.model_dump() for row in rows.by_table.get(table, [])]
            if batch:
                conn.execute(insert(table), batch)
        _index_text(conn)
        # The planner's statistics, in the same transaction. Without them SQLite takes
        # `unit IN (?, ?)` through the unit index, building a table of the listed values
        # for every run, and sorts, where it reads a small table by the value index once
        # it knows the table's size.
        conn.execute(text("ANALYZE"))
        conn.execute(
            insert(tables.DatasetMeta),
            [
                {"key": "version", "value": version},
                {"key": "schema_version", "value": SCHEMA_VERSION},
                {"key": "seeded_at", "value": datetime.now(UTC).isoformat(timespec="seconds")},
                {"key": "cursor_secret", "value": cursor_secret},
                # Tells a running server that this is a new load even when the version
                # is the same (`circle seed --force`): its GET /v1 shows the new seeded_at.
                {"key": "load_id", "value": secrets.token_hex(8)},
            ],
        )
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_notify('circle_dataset', :v)"), {"v": version})


def _index_text(conn: Connection) -> None:
    """Trigram indexes for `q`; where PostgreSQL refuses pg_trgm, `q` still works, by scan."""
    dialect = conn.dialect.name
    try:
        with conn.begin_nested():
            for statement in text_index.ddl(dialect):
                conn.execute(text(statement))
    except DBAPIError as exc:
        first = str(exc).splitlines()[0]
        print(f"circle seed: no trigram indexes ({first}); text search will scan", file=sys.stderr)


def seed(database_url: str, sources_dir: Path, *, force: bool = False) -> tuple[str, bool]:
    """Load the dataset; returns (version, whether anything was written)."""
    data = read_sources(sources_dir)  # raises DatasetError before anything is touched
    rows = Renderer(data).render()
    version = dataset_version(rows)
    sqlite_file = _sqlite_file(database_url)
    if sqlite_file is None:
        require_utf8(database_url)
    current = _meta(database_url) if _exists(sqlite_file) else {}
    if (
        not force
        and current.get("version") == version
        and current.get("schema_version") == SCHEMA_VERSION
    ):
        return version, False
    secret = current.get("cursor_secret") or secrets.token_hex(32)
    if sqlite_file is None:
        _write_and_dispose(database_url, rows, version, secret)
        return version, True
    sqlite_file.parent.mkdir(parents=True, exist_ok=True)
    staging = sqlite_file.with_name(f".{sqlite_file.name}.{os.getpid()}.tmp")
    staging.unlink(missing_ok=True)
    try:
        _write_and_dispose(f"sqlite:///{staging}", rows, version, secret)
        os.replace(staging, sqlite_file)
    finally:
        staging.unlink(missing_ok=True)
    return version, True


def _write_and_dispose(database_url: str, rows: Rows, version: str, secret: str) -> None:
    engine = write_engine(database_url)
    try:
        _write(engine, rows, version, secret)
    finally:
        engine.dispose()


def _sqlite_file(database_url: str) -> Path | None:
    url = DatabaseUrl.parse(database_url)
    return url.sqlite_file if url.is_sqlite else None


def _exists(path: Path | None) -> bool:
    return path is None or path.exists()
