"""CORS and gzip inside the response cache: an answer from the cache is the answer CORS
and gzip give (the same status, body and headers, in the same order) for every Origin and
Accept-Encoding, the cache keyed on what they make of them; and `gzip;q=0` refuses gzip.

The gzip and CORS answers do not depend on the database, so SQLite alone serves them."""

import pytest

from api.settings import Settings
from tests.support import MakeApi

URLS = [
    "/v1/sources",  # over the gzip threshold
    "/v1/figures?limit=1&fields=id",  # under it
    "/v1/figures?format=csv&fields=id",  # a stream
    "/v1/projects/no-such-project",  # a problem
    "/v1/nowhere",  # FastAPI's own 404
    "/healthz",
]
ORIGIN = "https://example.org"
HEADERS = [
    [],
    [("Accept-Encoding", "identity")],
    [("Accept-Encoding", "gzip")],
    [("Accept-Encoding", "GZIP")],
    [("Accept-Encoding", "gzip;q=0")],
    [("Accept-Encoding", "gzip; q=0.0, identity")],
    [("Accept-Encoding", "br, gzip;q=0.5")],
    [("Accept-Encoding", "identity"), ("Accept-Encoding", "gzip")],
    [("Accept-Encoding", "gzip"), ("Accept-Encoding", "identity")],
    [("Origin", ORIGIN), ("Accept-Encoding", "identity")],
    [("Origin", "https://elsewhere.example"), ("Accept-Encoding", "gzip")],
    [("Origin", "https://elsewhere.example"), ("Origin", ORIGIN)],
]
PREFLIGHTS = [
    [("Origin", ORIGIN), ("Access-Control-Request-Method", "GET")],
    [("Origin", ORIGIN), ("Access-Control-Request-Method", "POST")],
    [
        ("Origin", "https://elsewhere.example"),
        ("Access-Control-Request-Method", "GET"),
        ("Access-Control-Request-Headers", "If-None-Match, X-Secret"),
    ],
]


@pytest.mark.parametrize("origins", [["*"], [ORIGIN]])
def test_an_answer_from_the_cache_equals_the_answer_of_cors_and_gzip(
    sqlite_settings: Settings, make_api: MakeApi, origins: list[str]
) -> None:
    settings = sqlite_settings.model_copy(update={"cors_origins": origins})
    ours = make_api(settings)
    theirs = make_api(settings, response_cache_bytes=0)
    asked = [("GET", url, headers) for url in URLS for headers in HEADERS]
    asked += [("OPTIONS", "/v1/projects", headers) for headers in PREFLIGHTS]
    hits = ours.app.cache.hits
    for method, url, headers in asked:
        if not any(name == "Accept-Encoding" for name, _ in headers):
            headers = [*headers, ("Accept-Encoding", "")]  # not httpx's default
        for _ in range(2):  # the second time, stored
            ours.request(method, url, headers=headers)
        mine = ours.request(method, url, headers=headers)
        reference = theirs.request(method, url, headers=headers)
        assert mine.status_code == reference.status_code, (url, headers)
        assert mine.content == reference.content, (url, headers)
        assert without_request_id(mine) == without_request_id(reference), (url, headers)
    assert ours.app.cache.hits > hits


def without_request_id(response: object) -> list[tuple[str, str]]:
    items: list[tuple[str, str]] = response.headers.multi_items()  # type: ignore[attr-defined]
    return [(k, v) for k, v in items if k != "x-request-id"]


@pytest.mark.parametrize(
    ("accept_encoding", "gzipped"),
    [
        ("gzip", True),
        ("gzip;q=0", False),
        ("GZIP; Q=0.000", False),
        ("deflate, gzip;q=0, br", False),
        ("br;q=0, gzip;q=0.1", True),
        ("x-gzip", True),
        ("identity", False),
    ],
)
def test_gzip_q_0_is_respected(
    sqlite_settings: Settings, make_api: MakeApi, accept_encoding: str, gzipped: bool
) -> None:
    api = make_api(sqlite_settings)
    plain = api.get("/v1/sources", headers={"Accept-Encoding": "identity"})
    for _ in range(3):  # stored the second time, answered from the cache the third
        got = api.get("/v1/sources", headers={"Accept-Encoding": accept_encoding})
        assert got.headers.get("content-encoding") == ("gzip" if gzipped else None)
        assert "Accept-Encoding" in got.headers["vary"]
        assert got.content == plain.content  # decoded by httpx when gzipped
    # A client refusing gzip shares the key of one without it: `plain` counted for both.
    assert api.app.cache.hits == (1 if gzipped else 2)
