"""The fast path answers exactly what plain FastAPI and Starlette's middleware answer,
errors, CORS and gzip included, on both databases.

The equality test builds an app with the fast path on and one with it off, side by side,
so it takes each database once (database_settings), not the fast/plain parameter."""

import httpx
import pytest

from api.settings import Settings
from tests.support import Api, MakeApi

URLS = [
    "/v1",
    "/v1/projects",
    "/v1/projects?regions=chongqing&sort=-date_start,name&limit=3&facet=status",
    "/v1/figures?unit=count,CNY&sort=-value&limit=2",
    "/v1/figures?value__gte=1e9&fields=name,value&facet=projected",
    "/v1/figures?format=csv&sort=value",
    "/v1/figures?format=ndjson&q=gas",
    "/v1/projects?status=nope",
    "/v1/projects?limit=0&sort=height",
    "/v1/projects?cursor=not-a-cursor",
    "/v1/figures/major-projects-2022-investment-cny",
    "/v1/figures/major-projects-2022-investment-cny?x=1",
    "/v1/projects/no-such-project",
    "/v1/projects/" + "x" * 201,
    "/v1/projects/%01",
    "/v1/projects/",
    "/v1/search?q=gas",
    "/v1/search?q=railway&type=projects,infrastructure&limit=2",
    "/v1/search?q=%20",
    "/v1/search?q=gas&type=planets",
    "/openapi.json",
    "/docs",
    "/healthz",
    "/nothing",
]
HEADERS = [
    {"Accept-Encoding": "identity"},
    {"Accept-Encoding": "gzip"},
    {"Accept-Encoding": "gzip", "Origin": "https://example.org"},
]
COMPARED = (
    "content-type",
    "content-encoding",
    "content-length",
    "etag",
    "cache-control",
    "link",
    "retry-after",
    "content-disposition",
    "vary",
    "allow",
    "access-control-allow-origin",
    "access-control-expose-headers",
    "access-control-allow-methods",
    "access-control-allow-headers",
    "access-control-max-age",
)


def answer(response: httpx.Response) -> tuple[int, bytes, dict[str, str]]:
    headers = {k: v for k, v in response.headers.items() if k in COMPARED}
    return response.status_code, response.content, headers


def test_the_fast_path_answers_as_plain_fastapi_does(
    database_settings: Settings, make_api: MakeApi
) -> None:
    fast = make_api(database_settings, fast_path=True)
    plain = make_api(database_settings, fast_path=False)
    cursor = fast.json("/v1/projects?limit=2")["next_cursor"]
    for url in [*URLS, f"/v1/projects?limit=2&cursor={cursor}"]:
        for headers in HEADERS:
            for _ in range(2):  # the second time, the response cache's answer
                ours = fast.get(url, headers=headers)
                theirs = plain.get(url, headers=headers)
                assert answer(ours) == answer(theirs), (url, headers)
    preflight = {
        "Origin": "https://example.org",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "If-None-Match",
    }
    ours = fast.request("OPTIONS", "/v1/projects", headers=preflight)
    theirs = plain.request("OPTIONS", "/v1/projects", headers=preflight)
    assert answer(ours) == answer(theirs)


@pytest.mark.parametrize("method", ["POST", "DELETE"])
def test_only_get_is_answered(api: Api, method: str) -> None:
    response = api.request(method, "/v1/projects")
    assert response.status_code == 405
    assert response.json()["detail"] == "Only GET, HEAD and OPTIONS are allowed."
