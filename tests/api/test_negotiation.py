"""The fast path's CorsAndGzip answers exactly as Starlette's CORSMiddleware around its
GZipMiddleware (the app with the fast path off): the same status, body and headers, in
the same order.

It builds both apps side by side, so it takes no fast/plain parameter; the gzip and CORS
answers do not depend on the database, so SQLite alone serves them."""

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
def test_headers_equal_starlettes(
    sqlite_settings: Settings, make_api: MakeApi, origins: list[str]
) -> None:
    settings = sqlite_settings.model_copy(
        update={"cors_origins": origins, "response_cache_bytes": 0}
    )
    ours = make_api(settings, fast_path=True)
    theirs = make_api(settings, fast_path=False)
    asked = [("GET", url, headers) for url in URLS for headers in HEADERS]
    asked += [("OPTIONS", "/v1/projects", headers) for headers in PREFLIGHTS]
    for method, url, headers in asked:
        if not any(name == "Accept-Encoding" for name, _ in headers):
            headers = [*headers, ("Accept-Encoding", "")]  # not httpx's default
        mine = ours.request(method, url, headers=headers)
        reference = theirs.request(method, url, headers=headers)
        assert mine.status_code == reference.status_code, (url, headers)
        assert mine.content == reference.content, (url, headers)
        assert without_request_id(mine) == without_request_id(reference), (url, headers)


def without_request_id(response: object) -> list[tuple[str, str]]:
    items: list[tuple[str, str]] = response.headers.multi_items()  # type: ignore[attr-defined]
    return [(k, v) for k, v in items if k != "x-request-id"]
