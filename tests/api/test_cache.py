"""The answer cache: identical to uncached answers, bounded, and never stale.

The response cache is part of the fast path: the tests of the cache itself build apps
with it on (fast_path=True) on both databases. The tests of a new dataset version being
served at once run with the fast path on and off, as every HTTP test does."""

import asyncio
import os
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.fastpath.response_cache import ResponseCache
from api.main import CircleApp
from api.query.counts import KnownCounts
from api.settings import Settings
from seed.loader import seed
from tests.conftest import settings_for, settings_for_url
from tests.support import SOURCES, MakeApi, edit_dataset

URLS = [
    "/v1",
    "/v1/projects",
    "/v1/projects?regions=chongqing&sort=-date_start,name&limit=3&facet=status",
    "/v1/figures/major-projects-2022-investment-cny",
    "/v1/search?q=gas",
    "/v1/sources",
    "/v1/projects?status=nope",
    "/v1/nothing",
    "/openapi.json",
    "/docs",
]


def find_cache(app: CircleApp) -> ResponseCache:
    assert app.memory_answers is not None
    cache = app.memory_answers.cache  # the layer in front of CORS, gzip and the routes
    assert isinstance(cache, ResponseCache)
    return cache


def comparable(response: Any) -> tuple[int, bytes, dict[str, str]]:
    headers = {k: v for k, v in response.headers.items() if k != "x-request-id"}
    return response.status_code, response.content, headers


@pytest.mark.parametrize("origin", [None, "https://example.org"])
@pytest.mark.parametrize("encoding", ["gzip", "identity"])
def test_cached_answers_equal_uncached_ones(
    database_settings: Settings, make_api: MakeApi, encoding: str, origin: str | None
) -> None:
    cached = make_api(database_settings, fast_path=True)
    uncached = make_api(database_settings, fast_path=True, response_cache_bytes=0)
    for url in URLS:
        headers = {"Accept-Encoding": encoding, **({"Origin": origin} if origin else {})}
        miss = cached.get(url, headers=headers)
        stored = cached.get(url, headers=headers)  # the second time: kept
        hit = cached.get(url, headers=headers)
        plain = uncached.get(url, headers=headers)
        assert comparable(hit) == comparable(stored) == comparable(miss), url
        assert comparable(hit) == comparable(plain), url
        if miss.status_code == 200:
            held = {**headers, "If-None-Match": hit.headers["etag"]}
            revalidated = [cached.get(url, headers=held) for _ in range(3)]  # kept, hit
            fresh = uncached.get(url, headers=held)
            assert fresh.status_code == 304
            assert [comparable(r) for r in revalidated] == [comparable(fresh)] * 3, url
            other = {**headers, "If-None-Match": 'W/"another"'}
            assert comparable(cached.get(url, headers=other)) == comparable(plain), url
    cache = find_cache(cached.app)
    assert cache.hits >= 7 + 6  # each 200 with its 304 twice
    assert find_cache(uncached.app).hits == 0


def test_the_cache_is_bounded_whatever_the_queries(
    database_settings: Settings, make_api: MakeApi
) -> None:
    limit = 40_000
    api = make_api(database_settings, fast_path=True, response_cache_bytes=limit)
    cache = find_cache(api.app)
    for n in range(300):
        for _ in range(2):  # an answer is kept the second time it is asked for
            assert api.get(f"/v1/projects?q=a&limit={n % 500 + 1}").status_code == 200
        assert cache.size <= limit
    assert 0 < len(cache.entries) < 300


def test_an_answer_is_kept_the_second_time_it_is_asked_for(
    database_settings: Settings, make_api: MakeApi
) -> None:
    """A query asked once (a crawler's, a cache-buster's) is not stored, and evicts
    nothing; asked again, it is stored; a third time, it is a hit."""
    api = make_api(database_settings, fast_path=True)
    cache = find_cache(api.app)
    for n in range(50):
        assert api.get(f"/v1/figures?value__gte=-{n}").status_code == 200
    assert (len(cache.entries), cache.hits, cache.misses) == (0, 0, 50)
    url = "/v1/figures?unit=kV"
    first, second, third = api.get(url), api.get(url), api.get(url)
    assert first.content == second.content == third.content
    assert (len(cache.entries), cache.hits, cache.misses) == (1, 1, 52)


def test_clients_that_only_revalidate_are_answered_from_the_cache(
    database_settings: Settings, make_api: MakeApi
) -> None:
    """A 304 is kept beside its 200: clients that hold the ETag are answered from the
    cache even after the 200 itself has been evicted (or never asked for twice)."""
    api = make_api(database_settings, fast_path=True)
    cache = find_cache(api.app)
    url = "/v1/figures?unit=kV"
    held = {"If-None-Match": api.get(url).headers["etag"]}
    cache.clear()  # as if evicted: from here on, only revalidations
    statuses = [api.get(url, headers=held).status_code for _ in range(4)]
    assert statuses == [304] * 4
    assert (cache.hits, [k[1] for k in cache.entries]) == (2, [304])
    assert api.get(url).status_code == 200  # its 200 is no hit
    assert cache.hits == 2


def test_repeated_headers_are_keyed_as_they_are_answered(
    sqlite_settings: Settings, fast_path: bool, make_api: MakeApi
) -> None:
    """The first Accept-Encoding decides gzip, for the answer and (with the fast path)
    for its cache key."""
    api = make_api(sqlite_settings, fast_path=fast_path)
    both = [("Accept-Encoding", "gzip"), ("Accept-Encoding", "identity")]
    for _ in range(2):  # kept the second time
        assert api.get("/v1/sources", headers=both).headers["content-encoding"] == "gzip"
    plain = api.get("/v1/sources", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.json()["items"][0]["id"] == "cc-economic-circle-2022"


@pytest.fixture
def changed_sources(sources_copy: Path) -> Path:
    def rename(data: Any) -> None:
        data["projects"][1]["name"] = "Renamed by the test"
        data["projects"][1]["status"] = "operational"  # was under_construction

    edit_dataset(sources_copy, rename)
    return sources_copy


def names(page: dict[str, Any]) -> list[str]:
    return [item["name"] for item in page["items"]]


def status_counts(page: dict[str, Any]) -> dict[str, int]:
    return {f["value"]: f["count"] for f in page["facets"]["status"]}


def test_a_new_dataset_version_is_served_at_once(
    empty_database_url: str, fast_path: bool, changed_sources: Path, make_api: MakeApi
) -> None:
    url = empty_database_url
    seed(url, SOURCES)
    api = make_api(settings_for_url(url), fast_path=fast_path)
    record = "/v1/projects/chengdu-chongqing-hsr-middle-line"
    before = api.get(record)
    assert api.get(record).content == before.content  # with the fast path, a cache hit
    before_facets = api.json("/v1/projects?facet=status&limit=1")
    listed = "/v1/projects?limit=500"  # its documents are now remembered too
    listed_before = api.get(listed)
    assert "Renamed by the test" not in names(listed_before.json())
    old_version = api.json("/v1")["dataset_version"]
    seed(url, changed_sources)
    deadline = time.monotonic() + 10
    while api.json("/v1")["dataset_version"] == old_version:  # PostgreSQL: via NOTIFY
        assert time.monotonic() < deadline, "the new version was never seen"
        time.sleep(0.05)
    after = api.get(record)
    assert after.json()["name"] == "Renamed by the test"
    assert "Renamed by the test" in names(api.json(listed))
    # Totals and facets known without counting are read anew with the version.
    facet = "/v1/projects?facet=status&limit=1"
    expected = Counter(status_counts(before_facets))
    expected["under_construction"] -= 1
    expected["operational"] += 1
    assert status_counts(api.json(facet)) == {k: n for k, n in expected.items() if n}
    building = api.json("/v1/projects?status=under_construction")["total"]
    assert building == expected["under_construction"]
    assert after.headers["etag"] != before.headers["etag"]
    assert api.get(record, headers={"If-None-Match": before.headers["etag"]}).status_code == 200
    # A page's ETag comes from its records' digests: one record changed, a new ETag.
    listed_etag = listed_before.headers["etag"]
    assert api.get(listed).headers["etag"] != listed_etag
    assert api.get(listed, headers={"If-None-Match": listed_etag}).status_code == 200


def test_a_replaced_sqlite_file_is_read_off_the_event_loop(
    seeded_sqlite: Path,
    fast_path: bool,
    tmp_path: Path,
    changed_sources: Path,
    make_api: MakeApi,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A replaced SQLite file's snapshot is read on a thread: its known counts take about
    a second at a million rows, and the event loop answers other requests meanwhile. The
    request that noticed the new file is answered from it."""
    path = seeded_sqlite
    api = make_api(settings_for(None, path), fast_path=fast_path)
    reading, release = threading.Event(), threading.Event()
    order: list[str] = []
    read_counts = KnownCounts.read

    def slow_read(*args: Any) -> KnownCounts:
        reading.set()
        order.append("reading" if release.wait(timeout=10) else "reading: never released")
        return read_counts(*args)

    async def meanwhile() -> None:
        while not reading.is_set():
            await asyncio.sleep(0.001)
        assert (await api.client.get("/healthz")).status_code == 200
        order.append("healthz answered")
        release.set()

    old_version = api.json("/v1")["dataset_version"]
    replacement = tmp_path / "replacement.sqlite3"
    seed(f"sqlite:///{replacement}", changed_sources)
    os.replace(replacement, path)
    monkeypatch.setattr(KnownCounts, "read", staticmethod(slow_read))

    async def both() -> httpx.Response:
        index, _ = await asyncio.gather(api.client.get("/v1"), meanwhile())
        return index

    index = api.loop.run_until_complete(both())
    assert order == ["healthz answered", "reading"]
    assert index.status_code == 200
    assert index.json()["dataset_version"] != old_version
    renamed = api.json("/v1/projects/chengdu-chongqing-hsr-middle-line")["name"]
    assert renamed == "Renamed by the test"
