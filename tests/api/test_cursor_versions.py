"""Cursors are bound to the dataset version they page: after a re-seed that changed the
data, a cursor issued before it is refused (409) and the client starts again, never
walking on over other rows; a re-seed that changed nothing keeps cursors valid (the
version is a hash of what is served). On SQLite and PostgreSQL.
"""

import time
from pathlib import Path
from typing import Any

import pytest

from seed.loader import seed
from tests.conftest import settings_for_url
from tests.support import SOURCES, Api, MakeApi, edit_dataset

PAGED = ["/v1/projects?limit=2", "/v1/figures?limit=3&sort=-value", "/v1/search?q=chengdu&limit=2"]
STALE = {
    "type": "/problems/stale-cursor",
    "title": "Stale cursor",
    "status": 409,
    "detail": "The cursor pages an earlier version of the data, which has been replaced; "
    "start again from the first page (without cursor).",
    "errors": [{"param": "cursor", "message": "issued for data that has since changed"}],
}


@pytest.fixture
def one_record_changed(sources_copy: Path) -> Path:
    def rename(data: Any) -> None:
        data["projects"][1]["name"] = "Renamed by the test"

    edit_dataset(sources_copy, rename)
    return sources_copy


def next_url(api: Api, url: str) -> str:
    page = api.json(url)
    assert page["next_cursor"] is not None
    return str(page["links"]["next"])


def wait_until(api: Api, field: str, old: str) -> None:
    deadline = time.monotonic() + 10
    while api.json("/v1")[field] == old:  # PostgreSQL: via NOTIFY
        assert time.monotonic() < deadline, f"the server kept the old {field}"
        time.sleep(0.05)


def test_a_cursor_from_before_a_reseed_that_changed_a_record_is_stale(
    empty_database_url: str, one_record_changed: Path, make_api: MakeApi
) -> None:
    seed(empty_database_url, SOURCES)
    api = make_api(settings_for_url(empty_database_url))
    second_pages = [next_url(api, url) for url in PAGED]
    for url in second_pages:
        assert api.get(url).status_code == 200  # valid before the re-seed (and cached)
    old = api.json("/v1")["dataset_version"]
    seed(empty_database_url, one_record_changed)
    wait_until(api, "dataset_version", old)
    for url in second_pages:
        answer = api.get(url)
        assert answer.status_code == 409, url
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json() == STALE
    # Starting again from the first page walks the new data.
    assert api.get(next_url(api, PAGED[0])).status_code == 200


def test_a_reseed_that_changed_nothing_keeps_cursors_valid(
    empty_database_url: str, make_api: MakeApi
) -> None:
    seed(empty_database_url, SOURCES)
    api = make_api(settings_for_url(empty_database_url))
    second_pages = [next_url(api, url) for url in PAGED]
    before = [api.json(url) for url in second_pages]
    old = api.json("/v1")["seeded_at"]
    time.sleep(1.1)  # seeded_at is to the second
    assert seed(empty_database_url, SOURCES, force=True)[1]
    wait_until(api, "seeded_at", old)
    assert [api.json(url) for url in second_pages] == before
