"""The loader: validation before writing, idempotence, updates, failures, new sources."""

import shutil
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import create_engine, inspect, text

from api.main import create_app
from models.resources import RESOURCES
from seed.dataset import DatasetError, locate, read_sources
from seed.loader import TABLES, seed
from tests.conftest import settings_for_url
from tests.support import FIXTURES, SOURCES, Api

ARTICLE_ID = "cc-economic-circle-2022"


@pytest.fixture
def database_url(empty_database_url: str) -> str:
    return empty_database_url


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    copy = tmp_path / "sources"
    shutil.copytree(SOURCES, copy)
    return copy


def dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as conn:
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
                    text(
                        "SELECT key, value FROM dataset_meta "
                        "WHERE key NOT IN ('seeded_at', 'load_id')"
                    )
                )
            )
    finally:
        engine.dispose()
    return result


def edit(sources: Path, change: Any, source: str = ARTICLE_ID) -> None:
    path = sources / source / "dataset.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


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
def test_a_broken_dataset_is_refused_and_the_database_kept(
    database_url: str, sources: Path, change: Any, expected: str
) -> None:
    seed(database_url, SOURCES)
    before = dump(database_url)
    edit(sources, change)
    with pytest.raises(DatasetError) as failure:
        seed(database_url, sources)
    message = str(failure.value)
    assert expected in message, message
    assert f"{ARTICLE_ID}/dataset.yaml" in message
    assert dump(database_url) == before


def test_a_changed_dataset_updates_and_removes_rows(database_url: str, sources: Path) -> None:
    seed(database_url, SOURCES)
    data = yaml.safe_load((SOURCES / ARTICLE_ID / "dataset.yaml").read_text(encoding="utf-8"))
    renamed = data["projects"][0]["id"]
    # A record nothing else points at can go.
    pointed_at = {f["subject"]["id"] for f in data["figures"]} | {
        r["id"] for section in data.values() for rec in section for r in rec.get("related", [])
    }
    removed = next(r["id"] for r in data["projects"][1:] if r["id"] not in pointed_at)

    def change(d: Any) -> None:
        d["projects"][0]["name"] = "A new name"
        d["projects"] = [r for r in d["projects"] if r["id"] != removed]

    edit(sources, change)
    _, written = seed(database_url, sources)
    assert written
    api = Api(create_app(settings_for_url(database_url)))
    try:
        assert api.json(f"/v1/projects/{renamed}")["name"] == "A new name"
        assert api.get(f"/v1/projects/{removed}").status_code == 404
        counts = {c["name"]: c["count"] for c in api.json("/v1")["collections"]}
        assert counts["projects"] == len(data["projects"]) - 1
    finally:
        api.close()


def test_a_second_source_is_a_folder_dropped_in(database_url: str, sources: Path) -> None:
    shutil.copytree(FIXTURES / "second-source" / "fixture-bulletin", sources / "fixture-bulletin")
    seed(database_url, sources)
    api = Api(create_app(settings_for_url(database_url)))
    try:
        index = api.json("/v1")
        assert [s["id"] for s in index["sources"]] == [ARTICLE_ID, "fixture-bulletin"]
        tramway = api.json("/v1/infrastructure/chengdu-test-tramway")
        assert tramway["citations"] == [
            {
                "source_id": "fixture-bulletin",
                "quote": "The Chengdu test tramway opened on Dec. 5",
                "start": 16,
                "end": 57,
            }
        ]
        only_new = api.json("/v1/infrastructure?source=fixture-bulletin")
        assert [i["id"] for i in only_new["items"]] == ["chengdu-test-tramway"]
        detail = api.json("/v1/sources/fixture-bulletin")
        assert detail["record_counts"] == {
            "projects": 0,
            "infrastructure": 1,
            "energy": 0,
            "quotes": 1,
            "figures": 1,
            "people": 1,
            "organisations": 1,
            "places": 0,
            "industries": 0,
        }
        # The second source's Chengdu is the first's: a record of Sichuan by the hierarchy.
        sichuan = api.json("/v1/infrastructure?regions=sichuan&source=fixture-bulletin")
        assert [i["id"] for i in sichuan["items"]] == ["chengdu-test-tramway"]
        figure = api.json("/v1/figures/chengdu-test-tramway-daily-passengers")
        assert (figure["reported_start"], figure["reported_end"]) == ("2022-12-05", "2022-12-31")
        assert figure["evidence"]["value"] == [
            {
                "inferred": False,
                "note": None,
                "source_id": "fixture-bulletin",
                "quote": "1,200",
                "start": 68,
                "end": 73,
                "value": None,
            }
        ]
    finally:
        api.close()


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
    assert len(data.version) == 16


def test_every_sort_is_served_by_an_index_on_the_field_and_id(database_url: str) -> None:
    """A page in one field's order is read from an index on (field, id): id breaks ties."""
    seed(database_url, SOURCES)
    engine = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        inspector = inspect(engine)
        missing = []
        for name, spec in RESOURCES.items():
            indexed = {tuple(ix["column_names"]) for ix in inspector.get_indexes(name)}
            missing += [
                f"{name}.{f.name}"
                for f in spec.fields
                if f.sort and f.name != "id" and (f.name, "id") not in indexed
            ]
    finally:
        engine.dispose()
    assert missing == []


def test_the_planner_statistics_are_written_with_the_data(database_url: str) -> None:
    """ANALYZE runs in the load: every table with rows has the planner's row count."""
    seed(database_url, SOURCES, force=True)
    engine = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as conn:
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
    finally:
        engine.dispose()
    assert {t: counted.get(t) for t, n in rows.items() if n} == {t: n for t, n in rows.items() if n}


def test_a_forced_reseed_is_seen_by_a_running_server(database_url: str) -> None:
    """Same version, new load: GET /v1 (answered from the response cache the second time
    it is asked for) shows the new seeded_at, on SQLite and on PostgreSQL."""
    seed(database_url, SOURCES)
    api = Api(create_app(settings_for_url(database_url)))
    try:
        first = api.json("/v1")
        assert api.json("/v1") == first  # now cached
        time.sleep(1.1)  # seeded_at is to the second
        assert seed(database_url, SOURCES, force=True)[1]
        deadline = time.monotonic() + 10
        while api.json("/v1")["seeded_at"] == first["seeded_at"]:
            assert time.monotonic() < deadline, "the server kept the old seeded_at"
            time.sleep(0.05)
        second = api.json("/v1")
        assert second["dataset_version"] == first["dataset_version"]
        assert second["seeded_at"] > first["seeded_at"]
    finally:
        api.close()
