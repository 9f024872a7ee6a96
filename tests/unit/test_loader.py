"""The loader: validation before writing, idempotence, failures, indexes and statistics.
What a changed or added source serves is in tests/api/test_seeded_sources.py."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, inspect, text

from models.resources import RESOURCES
from seed.dataset import DatasetError, locate, read_sources
from seed.loader import TABLES, seed
from tests.support import ARTICLE_ID, SOURCES, edit_dataset


@pytest.fixture
def database_url(empty_database_url: str) -> str:
    return empty_database_url


@contextmanager
def reading(url: str) -> Iterator[Engine]:
    """An engine of its own on the database at `url`, disposed of afterwards (the loader
    may have replaced a SQLite file in between)."""
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        yield engine
    finally:
        engine.dispose()


def dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    with reading(url) as engine, engine.connect() as conn:
        result = {
            table.__tablename__: sorted(  # type: ignore[attr-defined]
                tuple(row)
                for row in conn.execute(text(f"SELECT * FROM {table.__tablename__}"))  # type: ignore[attr-defined]
            )
            for table in TABLES
        }
        result["dataset_meta"] = sorted(
            tuple(row)
            for row in conn.execute(
                text("SELECT key, value FROM dataset_meta WHERE key <> 'seeded_at'")
            )
        )
    return result


def test_seeding_twice_changes_nothing(database_url: str) -> None:
    version, written = seed(database_url, SOURCES)
    assert written
    before = dump(database_url)
    assert seed(database_url, SOURCES) == (version, False)
    assert seed(database_url, SOURCES, force=True) == (version, True)
    assert dump(database_url) == before
    assert sum(len(rows) for rows in before.values()) > 100


P = "projects chengdu-chongqing-economic-circle"
F = "figures hsr-middle-line-travel-time-min"
Q = "quotes huang-zhi-strengthen-infrastructure"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["projects"][0]["citations"].append({"quote": "not in the article"}),
            f"{P}: field citations.2.quote: quote not found in the source text",
        ),
        (
            lambda d: d["projects"][0]["citations"].append({"quote": "Chongqing"}),
            f"{P}: field citations.2.quote: quote occurs more than once in the source text",
        ),
        (
            lambda d: d["projects"][0].update(regions=["atlantis"]),
            "projects[0] (chengdu-chongqing-economic-circle): field regions.0: Input should be",
        ),
        (
            lambda d: d["projects"][0].update(status="finished"),
            "projects[0] (chengdu-chongqing-economic-circle): field status: Input should be",
        ),
        (
            lambda d: d["projects"].append(dict(d["projects"][0])),
            "(chengdu-chongqing-economic-circle): field id: duplicate id",
        ),
        (
            lambda d: d["figures"][0]["subject"].update(id="no-such-thing"),
            f"{F}: field subject: no infrastructure 'no-such-thing'",
        ),
        (
            lambda d: d["figures"][0].update(value="50 minutes"),
            "figures[0] (hsr-middle-line-travel-time-min): field value",
        ),
        (
            lambda d: d["figures"][0].update(as_stated="999 yuan"),
            f"{F}: field as_stated: not contained in any of its citations",
        ),
        (
            lambda d: d["quotes"][0].update(speaker="nobody"),
            f"{Q}: field speaker: no person 'nobody'",
        ),
        (
            lambda d: d["projects"][0].update(colour="red"),
            "projects[0] (chengdu-chongqing-economic-circle): field colour: Extra inputs",
        ),
    ],
)
def test_a_broken_dataset_is_refused_and_the_database_kept(
    database_url: str, sources_copy: Path, change: Any, expected: str
) -> None:
    seed(database_url, SOURCES)
    before = dump(database_url)
    edit_dataset(sources_copy, change)
    with pytest.raises(DatasetError) as failure:
        seed(database_url, sources_copy)
    message = str(failure.value)
    assert expected in message, message
    assert f"{ARTICLE_ID}/dataset.yaml" in message
    assert dump(database_url) == before


def test_locate_refuses_absent_and_ambiguous_quotes() -> None:
    assert locate("abcabc", "bca") == (1, 4)
    assert (
        locate("abcabc", "abc")
        == "quote occurs more than once in the source text; quote more of it"
    )
    assert locate("abc", "x") == "quote not found in the source text"


def test_the_shipped_dataset_validates() -> None:
    data = read_sources(SOURCES)
    assert [s.meta.id for s in data.sources] == [ARTICLE_ID]


def test_every_sort_is_served_by_an_index_on_the_field_and_id(database_url: str) -> None:
    """A page in one field's order is read from an index on (field, id): id breaks ties."""
    seed(database_url, SOURCES)
    with reading(database_url) as engine:
        inspector = inspect(engine)
        missing = []
        for name, spec in RESOURCES.items():
            indexed = {tuple(ix["column_names"]) for ix in inspector.get_indexes(name)}
            missing += [
                f"{name}.{f.name}"
                for f in spec.fields
                if f.sort and f.name != "id" and (f.name, "id") not in indexed
            ]
    assert missing == []


def test_the_planner_statistics_are_written_with_the_data(database_url: str) -> None:
    """ANALYZE runs in the load: every table with rows has the planner's row count."""
    seed(database_url, SOURCES, force=True)
    with reading(database_url) as engine, engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            stats = conn.execute(text("SELECT tbl, stat FROM sqlite_stat1")).all()
            counted = {str(t): int(str(s).split()[0]) for t, s in stats}
        else:
            stats = conn.execute(
                text("SELECT relname, reltuples FROM pg_class WHERE relkind = 'r'")
            ).all()
            counted = {str(t): int(n) for t, n in stats}
        rows = {
            table.__tablename__: conn.execute(  # type: ignore[attr-defined]
                text(f"SELECT count(*) FROM {table.__tablename__}")  # type: ignore[attr-defined]
            ).scalar_one()
            for table in TABLES
        }
    assert {t: counted.get(t) for t, n in rows.items() if n} == {t: n for t, n in rows.items() if n}
