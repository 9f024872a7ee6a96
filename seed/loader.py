"""`circle seed`: validate the whole dataset, then load it in one transaction.

SQLite is rebuilt in a temporary file beside the target and moved over it atomically,
so readers see the old file or the new one and a failed load leaves the old one intact.
PostgreSQL is loaded in a single transaction (its DDL is transactional too).
"""

import os
import secrets
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, delete, insert, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel

from api.db import write_engine
from models import tables, text_index
from seed.dataset import Dataset, read_sources
from seed.render import Renderer

# Bump when what the loader writes changes shape; a database with another schema is
# rebuilt. 5: people, organisations, places and industries are rendered records;
# relations are typed; figures carry their reporting window. 6: source_pages.
SCHEMA_VERSION = "6"

TABLES: list[type[SQLModel]] = [
    tables.Source,
    tables.Place,
    tables.Organisation,
    tables.Person,
    tables.Industry,
    tables.Project,
    tables.Infrastructure,
    tables.Energy,
    tables.Quote,
    tables.Figure,
    tables.Document,
    tables.RecordValue,
    tables.Citation,
    tables.Relation,
    tables.SourcePage,
    tables.SearchEntry,
]


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


def _write(engine: Engine, data: Dataset, cursor_secret: str) -> None:
    rows = Renderer(data).render()
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
        # The planner's statistics, in the same transaction. Without them SQLite took
        # `unit IN (?, ?)` through the unit index, building a table of the listed values
        # for every run, and sorted: 50 us, against 7 us by the value index it chooses
        # once it knows the table holds 9 rows.
        conn.execute(text("ANALYZE"))
        conn.execute(
            insert(tables.DatasetMeta),
            [
                {"key": "version", "value": data.version},
                {"key": "schema_version", "value": SCHEMA_VERSION},
                {"key": "seeded_at", "value": datetime.now(UTC).isoformat(timespec="seconds")},
                {"key": "cursor_secret", "value": cursor_secret},
                # Tells a running server that this is a new load even when the version
                # is the same (`circle seed --force`): its GET /v1 shows the new seeded_at.
                {"key": "load_id", "value": secrets.token_hex(8)},
            ],
        )
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_notify('circle_dataset', :v)"), {"v": data.version})


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
    sqlite_file = _sqlite_file(database_url)
    current = _meta(database_url) if _exists(sqlite_file) else {}
    if (
        not force
        and current.get("version") == data.version
        and current.get("schema_version") == SCHEMA_VERSION
    ):
        return data.version, False
    secret = current.get("cursor_secret") or secrets.token_hex(32)
    if sqlite_file is None:
        _write_and_dispose(database_url, data, secret)
        return data.version, True
    sqlite_file.parent.mkdir(parents=True, exist_ok=True)
    staging = sqlite_file.with_name(f".{sqlite_file.name}.{os.getpid()}.tmp")
    staging.unlink(missing_ok=True)
    try:
        _write_and_dispose(f"sqlite:///{staging}", data, secret)
        os.replace(staging, sqlite_file)
    finally:
        staging.unlink(missing_ok=True)
    return data.version, True


def _write_and_dispose(database_url: str, data: Dataset, secret: str) -> None:
    engine = write_engine(database_url)
    try:
        _write(engine, data, secret)
    finally:
        engine.dispose()


def _sqlite_file(database_url: str) -> Path | None:
    if not database_url.startswith("sqlite"):
        return None
    from sqlalchemy.engine import make_url

    name = make_url(database_url).database
    if not name:
        raise ValueError("a SQLite URL must name a file")
    return Path(name)


def _exists(path: Path | None) -> bool:
    return path is None or path.exists()
