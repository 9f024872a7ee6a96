"""The read routes answered in front of FastAPI (api/direct.py) answer exactly what
FastAPI itself answers for them, errors included, on both databases."""

import httpx
import pytest

from api.main import create_app
from api.settings import Settings
from tests.support import Api

URLS = [
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
    "/v1/search?q=gas",
    "/v1/search?q=railway&type=projects,infrastructure&limit=2",
    "/v1/search?q=%20",
    "/v1/search?q=gas&type=planets",
]
HEADERS = ("content-type", "etag", "cache-control", "link", "retry-after", "content-disposition")


def answer(response: httpx.Response) -> tuple[int, bytes, dict[str, str]]:
    headers = {k: v for k, v in response.headers.items() if k in HEADERS}
    return response.status_code, response.content, headers


def test_direct_answers_equal_fastapis(settings: Settings) -> None:
    uncached = settings.model_copy(update={"response_cache_bytes": 0})
    direct = Api(create_app(uncached))
    fastapi_only = create_app(uncached)
    through_fastapi = Api(fastapi_only.api)  # type: ignore[arg-type]
    try:
        cursor = direct.json("/v1/projects?limit=2")["next_cursor"]
        for url in [*URLS, f"/v1/projects?limit=2&cursor={cursor}"]:
            ours = direct.get(url, headers={"Accept-Encoding": "identity"})
            theirs = through_fastapi.get(url, headers={"Accept-Encoding": "identity"})
            assert answer(ours) == answer(theirs), url
    finally:
        direct.close()
        through_fastapi.close()


@pytest.mark.parametrize("method", ["POST", "DELETE"])
def test_only_get_is_answered_directly(api: Api, method: str) -> None:
    response = api.request(method, "/v1/projects")
    assert response.status_code == 405
    assert response.json()["detail"] == "Only GET, HEAD and OPTIONS are allowed."
