"""Where a newcomer lands: `/` leads to the interactive docs, and the version the docs
show is the package's own."""

import tomllib
from importlib import metadata

from tests.support import ROOT, Api


def test_the_root_leads_to_the_interactive_docs(api: Api) -> None:
    for method in ("GET", "HEAD"):
        response = api.request(method, "/")
        assert response.status_code == 307, method
        assert response.headers["location"] == "/docs"  # relative: never built from Host
    docs = api.get("/docs")
    assert docs.status_code == 200
    assert docs.headers["content-type"] == "text/html; charset=utf-8"
    assert "/" not in api.json("/openapi.json")["paths"]  # not part of the API


def test_one_version_everywhere(api: Api) -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert metadata.version("circle-api") == declared
    assert api.json("/openapi.json")["info"]["version"] == declared
