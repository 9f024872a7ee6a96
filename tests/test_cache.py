"""The answer cache: identical to uncached answers, bounded, and never stale."""

import shutil
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from api.cache import ResponseCache
from api.main import create_app
from api.settings import Settings
from seed.loader import seed
from tests.conftest import settings_for_url
from tests.support import SOURCES, Api

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


def find_cache(app: Any) -> ResponseCache:
    cache: ResponseCache = app.cache
    return cache


def comparable(response: Any) -> tuple[int, bytes, dict[str, str]]:
    headers = {k: v for k, v in response.headers.items() if k != "x-request-id"}
    return response.status_code, response.content, headers


@pytest.mark.parametrize("origin", [None, "https://example.org"])
@pytest.mark.parametrize("encoding", ["gzip", "identity"])
def test_cached_answers_equal_uncached_ones(
    settings: Settings, encoding: str, origin: str | None
) -> None:
    cached = Api(create_app(settings))
    uncached = Api(create_app(settings.model_copy(update={"response_cache_bytes": 0})))
    try:
        for url in URLS:
            headers = {"Accept-Encoding": encoding, **({"Origin": origin} if origin else {})}
            miss = cached.get(url, headers=headers)
            hit = cached.get(url, headers=headers)
            plain = uncached.get(url, headers=headers)
            assert comparable(hit) == comparable(miss) == comparable(plain), url
            if miss.status_code == 200:
                again = cached.get(url, headers={**headers, "If-None-Match": hit.headers["etag"]})
                fresh = uncached.get(url, headers={**headers, "If-None-Match": hit.headers["etag"]})
                assert again.status_code == fresh.status_code == 304
                assert again.headers["etag"] == fresh.headers["etag"]
        cache = find_cache(cached.app)
        assert cache.hits >= 7
        assert find_cache(uncached.app).hits == 0
    finally:
        cached.close()
        uncached.close()


def test_the_cache_is_bounded_whatever_the_queries(settings: Settings) -> None:
    limit = 40_000
    api = Api(create_app(settings.model_copy(update={"response_cache_bytes": limit})))
    try:
        cache = find_cache(api.app)
        for n in range(300):
            assert api.get(f"/v1/projects?q=a&limit={n % 500 + 1}").status_code == 200
            assert cache.size <= limit
        assert 0 < len(cache.entries) < 300
    finally:
        api.close()


@pytest.fixture
def changed_sources(tmp_path: Path) -> Path:
    copy = tmp_path / "sources"
    shutil.copytree(SOURCES, copy)
    path = copy / "cc-economic-circle-2022" / "dataset.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["projects"][1]["name"] = "Renamed by the test"
    data["projects"][1]["status"] = "operational"  # was under_construction
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return copy


def status_counts(page: dict[str, Any]) -> dict[str, int]:
    return {f["value"]: f["count"] for f in page["facets"]["status"]}


def test_a_new_dataset_version_is_served_at_once(
    empty_database_url: str, changed_sources: Path
) -> None:
    url = empty_database_url
    seed(url, SOURCES)
    api = Api(create_app(settings_for_url(url)))
    try:
        record = "/v1/projects/chengdu-chongqing-hsr-middle-line"
        before = api.get(record)
        assert api.get(record).content == before.content  # now a cache hit
        before_facets = api.json("/v1/projects?facet=status&limit=1")
        old_version = api.json("/v1")["dataset_version"]
        seed(url, changed_sources)
        deadline = time.monotonic() + 10
        while api.json("/v1")["dataset_version"] == old_version:  # PostgreSQL: via NOTIFY
            assert time.monotonic() < deadline, "the new version was never seen"
            time.sleep(0.05)
        after = api.get(record)
        assert after.json()["name"] == "Renamed by the test"
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
    finally:
        api.close()
