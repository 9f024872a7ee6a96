"""The synthetic datasets of `make bench-scale`: N figures, on SQLite and PostgreSQL.

Each is a database of its own (bench/out/scale-*.sqlite3, circle_bench_scale_* on
PostgreSQL), never the one `make run` serves: the real dataset is loaded by the
project's own loader, then its figures are replaced by N synthetic ones written straight
in SQL. Their documents (`doc`, `detail`) and `search_text` are the JSON and text the
loader would render (a sample is validated against the public models). The unit is
dealt round-robin over 8 buckets, one of which is kV, so that `unit=kV` matches exactly
1/8 of the rows.

The synthetic figures get no record_values or search_entries rows: `source=` and
/v1/search are not among the benchmarked questions. The loader's text indexes for `q`
are rebuilt over the synthetic rows. A database already built by the same generator,
for the same loader schema and the same N, is reused.
"""

import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import psycopg
from psycopg import sql

from bench.paths import OUT, REPO
from models import text_index
from models.resources import FIGURES
from models.text_index import fold
from seed.loader import SCHEMA_VERSION, seed

GENERATOR = "7"  # bump when the rows or the indexes below change
SOURCES = REPO / "seed" / "sources"
SUBJECT = ("projects", "major-projects-2022")
UNITS = ("CNY", "USD", "m3", "kV", "min", "count", "CNY", "count")  # kV: 1 bucket of 8
WORDS = {
    "CNY": ("investment", "yuan"),
    "USD": ("trade_volume", "U.S. dollars"),
    "m3": ("gas_output", "cubic metres"),
    "kV": ("transmission_voltage", "kilovolts"),
    "min": ("travel_time", "minutes"),
    "count": ("number_of_projects", "projects"),
}
QUALIFIERS = ("exact", "about", "more_than", "at_least", "less_than", "up_to")
COLUMNS = (
    "id",
    "document",
    "search_text",
    "subject_resource",
    "subject_id",
    "measure",
    "value",
    "unit",
    "as_stated",
    "qualifier",
    "projected",
    "period_start",
    "period_end",
    "period_precision",
    "period_inferred",
)
# What the benchmarked questions need beyond the loader's indexes (one on (field, id) for
# each sortable field): a filter plus a sort needs (filter, sort, id); the facet within
# a unit (unit, qualifier). Not (unit, qualifier, value): SQLite's planner took it for
# other counts within a unit too, and read their rows in value order, one seek each
# (`projected=true&unit=CNY`: 650 ms; 250 ms in qualifier, then row, order). For `q=`
# the loader's own trigram indexes serve;
# (value, search_text) lets SQLite check a LIKE with a `value__gte=` range inside one
# index rather than through ix_figures_value and a row lookup per figure.
BENCH_INDEXES = {
    "bench_figures_unit_value_id": "(unit, value, id)",
    "bench_figures_unit_qualifier": "(unit, qualifier)",
    "bench_figures_value_search_text": "(value, search_text)",
}
BATCH = 20_000
# The real figures' documents: the synthetic ones copy the shortest real citation.
FIGURE_DOCS = "SELECT doc FROM documents WHERE key IN (SELECT document FROM figures)"
DELETE_FIGURE_DOCS = "DELETE FROM documents WHERE key IN (SELECT document FROM figures)"
NEXT_KEY = "SELECT coalesce(max(key), 0) + 1 FROM documents"
INSERT_DOCS = "INSERT INTO documents (key, doc, detail) VALUES (?, ?, ?)"


def size_label(rows: int) -> str:
    """10k, 1m: how files, databases and tables name a size."""
    return f"{rows // 1_000_000}m" if rows % 1_000_000 == 0 else f"{rows // 1000}k"


def stamp(rows: int) -> str:
    return f"generator {GENERATOR}, loader schema {SCHEMA_VERSION}, {rows} figures"


class Rows:
    """Synthetic figures, made from one real citation and one real subject."""

    def __init__(self, citation: dict[str, Any], subject_name: str) -> None:
        self.first_key = 1  # of the documents: set past the real ones before writing
        self.citations = orjson.dumps([citation]).decode()
        resource, subject_id = SUBJECT
        self.subject = orjson.dumps(
            {
                "resource": resource,
                "id": subject_id,
                "name": subject_name,
                "url": f"/v1/{resource}/{subject_id}",
            }
        ).decode()

    def row(self, i: int) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        unit = UNITS[i % len(UNITS)]
        measure, word = WORDS[unit]
        # A permutation of 0..1,000,002 (7919 is invertible modulo that prime): distinct
        # values, spread over the whole range whatever N is.
        value = (i * 7919) % 1_000_003
        as_stated = f"{value} {word}"
        qualifier = QUALIFIERS[(i // len(UNITS)) % len(QUALIFIERS)]
        projected = i % 3 == 0
        year = 2000 + i % 23
        start, end = date(year, 1, 1), date(year, 12, 31)
        record_id = f"synthetic-{i:07d}"
        item = {
            "id": record_id,
            "url": f"/v1/figures/{record_id}",
            "subject_resource": SUBJECT[0],
            "subject_id": SUBJECT[1],
            "measure": measure,
            "value": value,
            "unit": unit,
            "as_stated": as_stated,
            "qualifier": qualifier,
            "projected": projected,
            "period_start": start,
            "period_end": end,
            "period_precision": "year",
            "period_inferred": False,
            "period_note": None,
            "reported_start": None,
            "reported_end": None,
            "reported_precision": None,
            "reported_inferred": None,
            "reported_note": None,
            "period_ended_when_reported": None,
            "links": [{"type": "about", "resource": SUBJECT[0], "id": SUBJECT[1]}],
        }
        # The citations and subject are the same for every row: spliced in as text.
        doc = orjson.dumps(item).decode()[:-1] + f',"citations":{self.citations}}}'
        linked = '"evidence":{},"figures":[],"related":[],"relations":[]'
        detail = doc[:-1] + f',{linked},"subject":{self.subject}}}'
        search_text = f"{fold(as_stated)}\n{fold(measure)}"
        key = self.first_key + i
        figure = (
            *(record_id, key, search_text, *SUBJECT, measure, float(value), unit),
            *(as_stated, qualifier, projected, start, end, "year", False),
        )
        return figure, (key, doc, detail)

    def check(self) -> None:
        """A sample row must be exactly what the public models accept."""
        _, (_, doc, detail) = self.row(3)
        FIGURES.item_model.model_validate_json(doc)
        FIGURES.detail_model.model_validate_json(detail)

    def batches(self, count: int) -> Iterator[list[tuple[tuple[Any, ...], tuple[Any, ...]]]]:
        """Lists of (figure row, document row)."""
        for start in range(0, count, BATCH):
            yield [self.row(i) for i in range(start, min(count, start + BATCH))]


def _template(docs: list[str], names: dict[str, str]) -> Rows:
    """The shortest real citation (to keep rows small) and the subject's real name."""
    citations = [orjson.loads(doc)["citations"][0] for doc in docs]
    rows = Rows(min(citations, key=lambda c: len(c["quote"])), names[SUBJECT[1]])
    rows.check()
    return rows


def sqlite_file(rows: int) -> Path:
    return OUT / f"scale-{size_label(rows)}.sqlite3"


def build_sqlite(rows: int) -> Path:
    path = sqlite_file(rows)
    if path.exists() and _sqlite_stamp(path) == stamp(rows):
        return path
    started = time.monotonic()
    print(f"bench-scale: building {path.name} ({rows:,} figures)", flush=True)
    staging = path.with_name(f".{path.name}.building")
    staging.unlink(missing_ok=True)
    seed(f"sqlite:///{staging}", SOURCES, force=True)
    db = sqlite3.connect(staging, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode = OFF")  # a staging file: nothing to recover
        db.execute("PRAGMA synchronous = OFF")
        docs = [r[0] for r in db.execute(FIGURE_DOCS)]
        names = dict(db.execute("SELECT id, name FROM projects"))
        template = _template(docs, names)
        # Indexes are built once after the load: far faster than kept up row by row.
        indexes = db.execute(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'index' AND tbl_name = 'figures' AND sql IS NOT NULL"
        ).fetchall()
        db.execute("BEGIN")
        for name, _ in indexes:
            db.execute(f'DROP INDEX "{name}"')
        db.execute(DELETE_FIGURE_DOCS)
        db.execute("DELETE FROM figures")
        template.first_key = db.execute(NEXT_KEY).fetchone()[0]
        marks = ", ".join("?" * len(COLUMNS))
        insert = f"INSERT INTO figures ({', '.join(COLUMNS)}) VALUES ({marks})"
        for batch in template.batches(rows):
            db.executemany(insert, [_sqlite_values(figure) for figure, _ in batch])
            db.executemany(INSERT_DOCS, [d for _, d in batch])
        for _, ddl in indexes:
            db.execute(ddl)
        for name, columns in BENCH_INDEXES.items():
            db.execute(f"CREATE INDEX {name} ON figures {columns}")
        # The trigram tables hold the rows they were filled from: fill them anew.
        for statement in text_index.ddl("sqlite"):
            db.execute(statement)
        _mark(db, rows, "?")
        db.execute("COMMIT")
        db.execute("ANALYZE")  # the planner's statistics: what picks the right index
    finally:
        db.close()
    staging.replace(path)
    print(f"bench-scale: built {path.name} in {time.monotonic() - started:.0f} s", flush=True)
    return path


def _sqlite_values(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """Dates as ISO text and booleans as 0/1: how SQLAlchemy stores them in SQLite."""
    return tuple(
        v.isoformat() if isinstance(v, date) else int(v) if isinstance(v, bool) else v for v in row
    )


def _sqlite_stamp(path: Path) -> str | None:
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            found = db.execute("SELECT value FROM dataset_meta WHERE key = 'bench_scale'")
            row = found.fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def _mark(db: Any, rows: int, placeholder: str) -> None:
    """A version of its own (so no cache mistakes it for the real data) and the stamp."""
    p = placeholder
    db.execute(f"UPDATE dataset_meta SET value = {p} WHERE key = 'version'", (f"scale-{rows}",))
    db.execute(
        f"INSERT INTO dataset_meta (key, value) VALUES ({p}, {p})", ("bench_scale", stamp(rows))
    )


def postgres_database(rows: int) -> str:
    return f"circle_bench_scale_{size_label(rows)}"


def build_postgres(admin_url: str, rows: int) -> str:
    """The URL of a database of our own, created through the maintenance database."""
    return _sqlalchemy_url(_build_postgres(admin_url, rows))


def _build_postgres(admin_url: str, rows: int) -> str:
    name = postgres_database(rows)
    url = psycopg.conninfo.make_conninfo(admin_url, dbname=name)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
    if exists and _postgres_stamp(url) == stamp(rows):
        return url
    started = time.monotonic()
    print(f"bench-scale: building PostgreSQL database {name} ({rows:,} figures)", flush=True)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    seed(_sqlalchemy_url(url), SOURCES, force=True)
    with psycopg.connect(url) as db:
        docs = [r[0] for r in db.execute(FIGURE_DOCS)]
        names: dict[str, str] = dict(db.execute("SELECT id, name FROM projects").fetchall())
        template = _template(docs, names)
        indexes = db.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'figures' "
            "AND indexname <> 'figures_pkey'"
        ).fetchall()
        for name_, _ in indexes:
            db.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name_)))
        db.execute(DELETE_FIGURE_DOCS)
        db.execute("DELETE FROM figures")
        template.first_key = db.execute(NEXT_KEY).fetchone()[0]  # type: ignore[index]
        copy = sql.SQL("COPY figures ({}) FROM STDIN").format(
            sql.SQL(", ").join(map(sql.Identifier, COLUMNS))
        )
        # One COPY at a time per connection: the figures, then their documents.
        with db.cursor().copy(copy) as out:
            for batch in template.batches(rows):
                for figure, _ in batch:
                    out.write_row(figure)
        with db.cursor().copy("COPY documents (key, doc, detail) FROM STDIN") as out:
            for batch in template.batches(rows):
                for _, document in batch:
                    out.write_row(document)
        for _, ddl in indexes:
            db.execute(ddl)
        # The loader's pg_trgm index is among those recreated above.
        for index, columns in BENCH_INDEXES.items():
            db.execute(f"CREATE INDEX {index} ON figures {columns}")
        _mark(db, rows, "%s")
    with psycopg.connect(url, autocommit=True) as db:
        # Statistics for the planner, and the visibility map that index-only scans need.
        db.execute("VACUUM ANALYZE")
    print(f"bench-scale: built {name} in {time.monotonic() - started:.0f} s", flush=True)
    return url


def _postgres_stamp(url: str) -> str | None:
    try:
        with psycopg.connect(url, connect_timeout=5) as db:
            row = db.execute("SELECT value FROM dataset_meta WHERE key = 'bench_scale'").fetchone()
    except psycopg.Error:
        return None
    return str(row[0]) if row else None


def _sqlalchemy_url(conninfo: str) -> str:
    """A libpq conninfo string as the postgresql:// URL that `circle` takes."""
    params = psycopg.conninfo.conninfo_to_dict(conninfo)
    auth = str(params.get("user", "postgres"))
    if params.get("password"):
        auth += f":{params['password']}"
    host, port = params.get("host", "127.0.0.1"), params.get("port", 5432)
    return f"postgresql://{auth}@{host}:{port}/{params['dbname']}"
