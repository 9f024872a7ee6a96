"""The OpenAPI document says what the API does: errors as problem+json, the statuses and
headers the answers have, real examples, and a document the standard validators pass.

The example answers in api/openapi_examples.json are real answers, shortened; the test
below fails when they drift from what the API answers. Rewrite them with
`CIRCLE_WRITE_OPENAPI_EXAMPLES=1 python -m pytest tests/api/test_openapi_document.py -k examples`.
"""

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openapi_spec_validator import validate

from api.errors import PROBLEM_TYPES
from api.main import create_app
from api.openapi_document import response_examples, shortened
from api.settings import Settings
from models.resources import RESOURCES
from tests.support import ROOT, Api, MakeApi

CONTRACT = ROOT / "contract"
SLUGS = list(PROBLEM_TYPES)
EXAMPLES_FILE = ROOT / "api" / "openapi_examples.json"
# Per seeding (the cursor secret) or per run (seeded_at): not compared.
VOLATILE = ("next_cursor", "links", "seeded_at", "created")


def example_requests() -> dict[str, str]:
    urls = {
        "get_index": "/v1",
        "get_health": "/healthz",
        "get_readiness": "/readyz",
        "search": "/v1/search?q=gas&limit=2",
        "get_data_package": "/v1/datapackage.json",
        "get_source_annotations": "/v1/sources/cc-economic-circle-2022/annotations",
    }
    for name, spec in RESOURCES.items():
        singular = spec.item_model.__name__.removesuffix("Public").lower()
        urls[f"list_{name}"] = f"/v1/{name}?limit=2"
        urls[f"get_{singular}"] = f"/v1/{name}/{spec.example_id}"
    return urls


def _comparable(answer: Any) -> Any:
    if isinstance(answer, dict):
        return {k: _comparable(v) for k, v in answer.items() if k not in VOLATILE}
    if isinstance(answer, list):
        return [_comparable(v) for v in answer]
    return answer


def document(api: Api) -> dict[str, Any]:
    doc: dict[str, Any] = api.json("/openapi.json")
    return doc


@pytest.fixture(scope="module")
def served_document(sqlite_settings: Settings) -> Iterator[bytes]:
    """/openapi.json as the app serves it over SQLite: the validators below check it
    once, since the document is the same whichever database serves it (the first test
    below checks that)."""
    api = Api(create_app(sqlite_settings))
    try:
        yield api.get("/openapi.json").content
    finally:
        api.close()


def test_the_document_is_the_same_whichever_database_serves_it(
    api: Api, served_document: bytes
) -> None:
    assert api.get("/openapi.json").content == served_document


def operations(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(path, op) for path, item in doc["paths"].items() for op in item.values()]


def test_response_examples_are_real_answers(api: Api, settings: Settings) -> None:
    real = {op: shortened(api.json(url)) for op, url in example_requests().items()}
    if os.environ.get("CIRCLE_WRITE_OPENAPI_EXAMPLES") == "1" and settings.database_url is None:
        EXAMPLES_FILE.write_text(json.dumps(real, indent=1, ensure_ascii=False) + "\n")
    examples = response_examples()
    assert _comparable(examples) == _comparable(real)
    doc = document(api)
    for path, op in operations(doc):
        content = op["responses"]["200"]["content"]
        if "application/json" not in content:  # the annotated page (HTML) and exports
            assert op["operationId"] == "get_source_page" or list(content) in (
                ["text/csv"],
                ["application/x-ndjson"],
                ["application/zip"],
            ), path
            continue
        shown = content["application/json"]["example"]
        assert shown == examples[op["operationId"]], path


def test_every_error_is_a_problem_and_nothing_is_fastapis(api: Api) -> None:
    doc = document(api)
    assert "HTTPValidationError" not in doc["components"]["schemas"]
    assert doc["components"]["schemas"]["Problem"]["properties"]["errors"]["anyOf"][0] == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/ProblemError"},
    }
    assert doc["servers"] == [{"url": "/", "description": "This server."}]
    # The stability promise: no object forbids new fields, no vocabulary is closed.
    assert b'"additionalProperties":false' not in api.get("/openapi.json").content
    assert doc["components"]["schemas"]["Unit"]["anyOf"][1] == {"type": "string"}
    statuses = {}
    for path, op in operations(doc):
        assert op["description"], path
        responses = op["responses"]
        statuses[op["operationId"]] = sorted(responses)
        for status, response in responses.items():
            if status[0] in "45":
                media = response["content"]["application/problem+json"]
                assert list(response["content"]) == ["application/problem+json"]
                assert media["schema"] == {"$ref": "#/components/schemas/Problem"}
                assert media["example"]["status"] == int(status)
            else:
                assert {"ETag", "Cache-Control", "X-Request-ID"} <= set(response["headers"])
        for param in op.get("parameters", []):
            assert "example" in param, (path, param["name"])
    reads = ["200", "304", "400", "414", "431", "503"]
    assert statuses["get_health"] == ["200", "304", "400", "414", "431"]
    assert statuses["get_index"] == reads
    assert statuses["get_project"] == ["200", "304", "400", "404", "414", "431", "503"]
    assert statuses["list_projects"] == ["200", "304", "400", "409", "414", "431", "503"]
    assert statuses["export_projects_csv"] == reads
    assert statuses["get_data_package_zip"] == reads
    assert statuses["search"] == reads
    list_200 = doc["paths"]["/v1/projects"]["get"]["responses"]["200"]
    assert set(list_200["headers"]) >= {"Link", "Vary"}
    list_304 = doc["paths"]["/v1/projects"]["get"]["responses"]["304"]
    assert set(list_304["headers"]) >= {"Link", "Vary", "ETag"}
    # A page is the whole page or the trimmed one; exports are operations of their own.
    assert list(list_200["content"]) == ["application/json"]
    assert list_200["content"]["application/json"]["schema"] == {
        "anyOf": [
            {"$ref": "#/components/schemas/ProjectPage"},
            {"$ref": "#/components/schemas/ProjectPartialPage"},
        ]
    }
    for fmt, media in (("csv", "text/csv"), ("ndjson", "application/x-ndjson")):
        export = doc["paths"][f"/v1/projects.{fmt}"]["get"]
        assert list(export["responses"]["200"]["content"]) == [media]
        assert export["responses"]["200"]["content"][media]["schema"]["type"] == "string"
        assert "Content-Disposition" in export["responses"]["200"]["headers"]
        names = {p["name"] for p in export["parameters"]}
        assert not names & {"limit", "cursor", "facet", "format"}
        assert {"q", "sort", "fields", "regions"} <= names
    assert doc["security"] == []
    problem_type = doc["components"]["schemas"]["Problem"]["properties"]["type"]
    assert problem_type["anyOf"][0]["enum"] == [f"/problems/{slug}" for slug in SLUGS]
    not_found = doc["paths"]["/v1/projects/{id}"]["get"]["responses"]["404"]
    assert not_found["content"]["application/problem+json"]["example"]["type"] == (
        "/problems/not-found"
    )
    assert doc["components"]["headers"]["Retry-After"]["schema"] == {
        "type": "integer",
        "minimum": 0,
    }


def test_documented_statuses_are_answered_as_documented(api: Api) -> None:
    """Each documented error, provoked: the media type and body the document gives."""
    cases = [
        ("/v1/projects?sort=height", 400),
        ("/v1/projects/no-such-project", 404),
        ("/v1/projects/chengdu-chongqing-hsr-middle-line?x=1", 400),
        ("/v1/search?q=gas&type=nothing", 400),
        ("/healthz?" + "x" * 9000, 414),
    ]
    for url, status in cases:
        response = api.get(url)
        assert response.status_code == status, url
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["x-request-id"]
        assert set(response.json()) <= {"type", "title", "status", "detail", "errors"}
        slug = response.json()["type"].removeprefix("/problems/")
        assert PROBLEM_TYPES[slug].status == status, url
    for url in ["/healthz", "/v1", "/v1/projects?limit=1", "/v1/projects/cc-economic-circle-2022"]:
        first = api.get(url)
        again = api.get(url, headers={"If-None-Match": first.headers.get("etag", "-")})
        assert (first.status_code, again.status_code) in ((200, 304), (404, 404)), url


def test_the_document_passes_openapi_spec_validator(served_document: bytes) -> None:
    validate(json.loads(served_document))


def test_the_document_passes_spectral_oas(served_document: bytes, tmp_path: Path) -> None:
    spectral = CONTRACT / "node_modules" / ".bin" / "spectral"
    if not spectral.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Spectral is not installed: run `make contract-tools`")
        pytest.skip("Spectral is not installed: run `make contract-tools`")
    assert shutil.which("node"), "node is needed for Spectral"
    spec = tmp_path / "openapi.json"
    spec.write_bytes(served_document)
    result = subprocess.run(
        [
            str(spectral),
            "lint",
            "--ruleset",
            str(CONTRACT / ".spectral.yaml"),
            "--fail-severity",
            "warn",
            "--format",
            "text",
            str(spec),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_document_passes_redocly_recommended(served_document: bytes, tmp_path: Path) -> None:
    """Redocly's recommended ruleset: no error and no warning."""
    redocly = CONTRACT / "node_modules" / ".bin" / "redocly"
    if not redocly.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Redocly is not installed: run `make contract-tools`")
        pytest.skip("Redocly is not installed: run `make contract-tools`")
    spec = tmp_path / "openapi.json"
    spec.write_bytes(served_document)
    result = subprocess.run(
        [str(redocly), "lint", "--extends", "recommended", "--format", "stylish", str(spec)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    problems = [
        line for line in output.splitlines() if "  warning  " in line or "  error  " in line
    ]
    assert problems == [], output


@pytest.mark.parametrize(
    ("repeated", "commas"),
    [
        ("/v1/projects?sort=kind&sort=-name", "/v1/projects?sort=kind,-name"),
        ("/v1/projects?fields=name&fields=status", "/v1/projects?fields=name,status"),
        ("/v1/projects?facet=kind&facet=status", "/v1/projects?facet=kind,status"),
        ("/v1/projects?regions=chengdu&regions=sichuan", "/v1/projects?regions=chengdu,sichuan"),
        ("/v1/search?q=gas&type=energy&type=projects", "/v1/search?q=gas&type=energy,projects"),
    ],
)
def test_list_parameters_repeated_or_with_commas_mean_the_same(
    api: Api, repeated: str, commas: str
) -> None:
    one, other = api.json(repeated), api.json(commas)
    assert one["items"]
    assert one["items"] == other["items"]
    assert one.get("facets") == other.get("facets")
    assert one["total"] == other["total"]


def test_the_documented_limits_are_the_parsers(settings: Settings, make_api: MakeApi) -> None:
    """`max_param_length` is documented for every text filter and `q`, and enforced at
    exactly that length: 37 characters pass, 38 are refused."""
    api = make_api(settings, max_param_length=37)
    doc = document(api)
    limits = set()
    for _, op in operations(doc):
        for param in op.get("parameters", []):
            schema = param["schema"]
            items = schema.get("items", schema)
            text = items.get("type") == "string" and not {"enum", "format"} & set(items)
            if param["name"] == "q" or text:
                if param["name"] in ("cursor", "id"):
                    continue
                limits.add((param["name"], items["maxLength"]))
    assert {limit for _, limit in limits} == {37}, limits
    assert ("q", 37) in limits
    assert ("speaker_id", 37) in limits
    for url in ["/v1/quotes?q={}", "/v1/quotes?speaker_id={}", "/v1/search?q={}"]:
        assert api.get(url.format("x" * 37)).status_code == 200, url
        refused = api.get(url.format("x" * 38))
        assert refused.status_code == 400, url
        assert refused.json()["errors"][0]["message"] == "longer than 37 characters"


def test_every_problem_type_has_its_page(api: Api) -> None:
    listing = api.get("/problems")
    assert listing.status_code == 200
    assert listing.headers["content-type"] == "text/html; charset=utf-8"
    for slug, kind in PROBLEM_TYPES.items():
        assert f'href="/problems/{slug}"' in listing.text
        page = api.get(f"/problems/{slug}")
        assert page.status_code == 200
        assert kind.title in page.text
        assert f"status {kind.status}" in page.text
    missing = api.get("/problems/no-such-kind")
    assert missing.status_code == 404
    assert missing.json()["type"] == "/problems/not-found"
