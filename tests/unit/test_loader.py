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

# SQLModel types a table's name as a string or a function that makes one; every table
# here has a string.
TABLE_NAMES = [str(table.__tablename__) for table in TABLES]


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
            name: sorted(tuple(row) for row in conn.execute(text(f"SELECT * FROM {name}")))
            for name in TABLE_NAMES
        }
        result["dataset_meta"] = sorted(
            tuple(row)
            for row in conn.execute(
                text(
                    "SELECT key, value FROM dataset_meta WHERE key NOT IN ('seeded_at', 'load_id')"
                )
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
        # The id's limit is the served field's (its column's); an empty name is refused.
        (
            lambda d: d["projects"][0].update(id="a" * 201),
            f"projects[0] ({'a' * 201}): field id: String should have at most 200 characters",
        ),
        (
            lambda d: d["projects"][0].update(name=""),
            "projects[0] (chengdu-chongqing-economic-circle): field name: String should have "
            "at least 1 character",
        ),
        # Evidence: a structured value with none is refused, and evidence must resolve.
        (
            lambda d: d["projects"][0]["evidence"].pop("status"),
            f"{P}: field status: no evidence: cite one of the record's citations, words "
            "within one, or mark it inferred with a note",
        ),
        (
            lambda d: d["figures"][0]["evidence"].pop("value"),
            f"{F}: field value: no evidence",
        ),
        (
            lambda d: d["quotes"][0].pop("evidence"),
            f"{Q}: field speaker: no evidence",
        ),
        (
            lambda d: d["places"][3]["evidence"].pop("within"),
            "places sichuan: field within: no evidence",
        ),
        (
            lambda d: d["figures"][0].update(period={**d["figures"][1]["period"]}),
            f"{F}: field period: no evidence",
        ),
        (
            lambda d: d["projects"][0]["regions"].append("guang-an"),
            f"{P}: field regions: value 'guang-an' has no evidence",
        ),
        (
            lambda d: d["projects"][0]["evidence"]["regions"].update(china=0),
            f"{P}: field evidence.regions: 'china' is not a value of the field",
        ),
        (
            lambda d: d["projects"][0]["evidence"].update(regions=1),
            f"{P}: field evidence.regions: give each value its evidence ({{value: evidence}}); "
            "the values: southwest-china, sichuan, chengdu, chongqing",
        ),
        (
            lambda d: d["projects"][0]["related"].append(
                {"type": "related", "resource": "projects", "id": "western-science-city"}
            ),
            f"{P}: field related: value 'projects/western-science-city' has no evidence",
        ),
        (
            lambda d: d["projects"][0]["evidence"].update(kind=5),
            f"{P}: field evidence.kind: no citation 5 (the record has 2)",
        ),
        (
            lambda d: d["projects"][0]["evidence"].update(kind={"quote": "western science"}),
            f"{P}: field evidence.kind: 'western science' is not within the record's citations",
        ),
        (
            lambda d: d["projects"][0]["evidence"].update(kind={"inferred": True}),
            "projects[0] (chengdu-chongqing-economic-circle): field evidence.kind",
        ),
        (
            lambda d: d["projects"][0]["evidence"].update(colour=0),
            f"{P}: field evidence.colour: not a field that takes evidence here",
        ),
        (
            lambda d: d["figures"][0]["evidence"].update(period=0),
            f"{F}: field evidence.period: the field has no value",
        ),
        (
            lambda d: d["projects"][0]["related"].append(
                {"type": "converts", "resource": "projects", "id": "western-science-city"}
            ),
            f"{P}: field related: converts links a figure to a figure",
        ),
        (
            lambda d: d["places"][3].update(within=["chengdu"]),
            "places sichuan: field within: the place lies within itself",
        ),
        (
            lambda d: d["energy"][0].update(status="planned"),
            "energy sichuan-chongqing-natural-gas-production-base: field status: differs "
            "from infrastructure",
        ),
    ],
)
def test_a_broken_dataset_is_refused_naming_file_record_and_field(
    sources_copy: Path, change: Any, expected: str
) -> None:
    """Validation reads the sources only (seed() runs it before it opens the database):
    it runs once, whatever the database."""
    edit_dataset(sources_copy, change)
    with pytest.raises(DatasetError) as failure:
        read_sources(sources_copy)
    message = str(failure.value)
    assert expected in message, message
    assert f"{ARTICLE_ID}/dataset.yaml" in message


def test_a_broken_dataset_is_refused_and_the_database_kept(
    database_url: str, sources_copy: Path
) -> None:
    seed(database_url, SOURCES)
    before = dump(database_url)
    edit_dataset(sources_copy, lambda d: d["projects"][0]["evidence"].update(kind=5))
    with pytest.raises(DatasetError, match="no citation 5"):
        seed(database_url, sources_copy)
    assert dump(database_url) == before
    with pytest.raises(DatasetError, match="no citation 5"):
        seed(database_url, sources_copy, force=True)
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


def test_each_column_carries_its_fields_description(database_url: str) -> None:
    """What `\\d+ projects` shows an operator is what /openapi.json says of the field, on
    a database that keeps column comments (SQLite keeps none)."""
    seed(database_url, SOURCES)
    with reading(database_url) as engine:
        inspector = inspect(engine)
        keeps = engine.dialect.supports_comments
        found = {
            (name, c["name"]): c.get("comment")
            for name in RESOURCES
            for c in inspector.get_columns(name)
        }
    expected = {
        (name, f.name): f.description if keeps else None
        for name, spec in RESOURCES.items()
        for f in spec.declared
        if f.is_stored
    }
    assert {k: v for k, v in found.items() if k in expected} == expected
    assert keeps == (engine.dialect.name == "postgresql")


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
            name: conn.execute(text(f"SELECT count(*) FROM {name}")).scalar_one()
            for name in TABLE_NAMES
        }
    assert {t: counted.get(t) for t, n in rows.items() if n} == {t: n for t, n in rows.items() if n}
