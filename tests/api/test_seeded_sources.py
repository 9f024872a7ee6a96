"""What the loader writes is what the API serves: a changed record, a removed one, and a
second source dropped in as a folder, on both databases."""

import shutil
import time
from pathlib import Path
from typing import Any

import yaml

from seed.loader import seed
from tests.conftest import settings_for_url
from tests.support import ARTICLE_ID, FIXTURES, SOURCES, MakeApi, edit_dataset


def test_a_changed_dataset_updates_and_removes_rows(
    empty_database_url: str, sources_copy: Path, make_api: MakeApi
) -> None:
    database_url = empty_database_url
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

    edit_dataset(sources_copy, change)
    _, written = seed(database_url, sources_copy)
    assert written
    api = make_api(settings_for_url(database_url))
    assert api.json(f"/v1/projects/{renamed}")["name"] == "A new name"
    assert api.get(f"/v1/projects/{removed}").status_code == 404
    counts = {c["name"]: c["count"] for c in api.json("/v1")["collections"]}
    assert counts["projects"] == len(data["projects"]) - 1


def test_a_second_source_is_a_folder_dropped_in(
    empty_database_url: str, sources_copy: Path, make_api: MakeApi
) -> None:
    bulletin = FIXTURES / "second-source" / "fixture-bulletin"
    shutil.copytree(bulletin, sources_copy / "fixture-bulletin")
    seed(empty_database_url, sources_copy)
    api = make_api(settings_for_url(empty_database_url))
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


def test_a_forced_reseed_is_seen_by_a_running_server(
    empty_database_url: str, make_api: MakeApi
) -> None:
    """Same version, new load: GET /v1 (answered from the response cache the second time
    it is asked for) shows the new seeded_at, on SQLite and on PostgreSQL."""
    seed(empty_database_url, SOURCES)
    api = make_api(settings_for_url(empty_database_url))
    first = api.json("/v1")
    assert api.json("/v1") == first  # now cached
    time.sleep(1.1)  # seeded_at is to the second
    assert seed(empty_database_url, SOURCES, force=True)[1]
    deadline = time.monotonic() + 10
    while api.json("/v1")["seeded_at"] == first["seeded_at"]:
        assert time.monotonic() < deadline, "the server kept the old seeded_at"
        time.sleep(0.05)
    second = api.json("/v1")
    assert second["dataset_version"] == first["dataset_version"]
    assert second["seeded_at"] > first["seeded_at"]
