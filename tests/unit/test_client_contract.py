"""circle-client and the OpenAPI document: its models are what the document generates
(the test fails with the diff when they drift apart), the generator handles the JSON
Schema the document may grow into, and the client reads answers carrying values and
fields it has never seen. Retries, against scripted answers (httpx.MockTransport)."""

import asyncio
import copy
import difflib
import importlib.util
import json
import pickle
import socket
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from circle_client import FIGURES, AsyncClient, Client, ETagCache, ProblemError, RetryPolicy
from circle_client.cache import Cached
from circle_client.retry import retry_after

from tests.support import ROOT, Api

GENERATOR = ROOT / "client" / "generate_models.py"
MODELS = ROOT / "client" / "circle_client" / "models.py"
BASE = "http://circle.test"


def generate(document: dict[str, Any], folder: Path) -> str:
    path = folder / "openapi.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(GENERATOR), str(path), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_client_models_are_what_the_openapi_document_generates(
    api: Api, tmp_path: Path
) -> None:
    generated = generate(api.json("/openapi.json"), tmp_path)
    committed = MODELS.read_text(encoding="utf-8")
    if generated != committed:
        diff = difflib.unified_diff(
            committed.splitlines(keepends=True),
            generated.splitlines(keepends=True),
            "client/circle_client/models.py (committed)",
            "generated from /openapi.json",
        )
        pytest.fail(
            "the client's models differ from the OpenAPI document; `make client-models` "
            "writes them again:\n" + "".join(diff),
            pytrace=False,
        )


# --- the generator, on schema the document may grow into -------------------------------

GROWN = {
    "openapi": "3.1.0",
    "paths": {
        "/v1/things": {
            "get": {
                "responses": {
                    "200": {
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/ThingPage"}
                            }
                        }
                    }
                }
            }
        },
        "/v1/things/{id}": {
            "get": {
                "responses": {
                    "200": {
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}
                        }
                    }
                }
            }
        },
    },
    "components": {
        "schemas": {
            "Colour": {
                "description": "An opened vocabulary.",
                "anyOf": [{"type": "string", "enum": ["red", "count"]}, {"type": "string"}],
            },
            "Slug": {"type": "string", "description": "A plain alias."},
            "Base": {
                "type": "object",
                "properties": {"id": {"$ref": "#/components/schemas/Slug"}},
                "required": ["id"],
            },
            "Thing": {
                "allOf": [
                    {"$ref": "#/components/schemas/Base"},
                    {
                        "type": "object",
                        "properties": {
                            "colour": {"$ref": "#/components/schemas/Colour"},
                            "colours": {
                                "type": "array",
                                "items": {"$ref": "#/components/schemas/Colour"},
                            },
                            "when": {"type": ["string", "null"], "format": "date"},
                            "old_style": {"type": "integer", "nullable": True},
                            "json": {
                                "type": "string",
                                "description": "Shadows a BaseModel method.",
                            },
                            "str": {"type": "boolean"},
                            "type": {"type": "string"},
                            "_links": {"type": "string"},
                            "counts": {
                                "type": "object",
                                "additionalProperties": {"type": "integer"},
                            },
                            "anything": {},
                            "kind": {"const": "thing"},
                            "size": {
                                "anyOf": [
                                    {"enum": ["S", "M"]},
                                    {"type": "string"},
                                    {"type": "null"},
                                ]
                            },
                        },
                        "required": ["colour", "colours", "when", "json", "str"],
                    },
                ],
                "description": 'Ends with a "quote"',
            },
            "ThingPage": {
                "type": "object",
                "properties": {
                    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
                    "next_cursor": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                },
                "required": ["items", "next_cursor"],
            },
        }
    },
}


def load_module(source: str, folder: Path, name: str) -> ModuleType:
    path = folder / f"{name}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generator_maps_json_schema_not_this_api(tmp_path: Path) -> None:
    source = generate(GROWN, tmp_path)
    module = load_module(source, tmp_path, "grown_models")
    thing = module.Thing.model_validate(
        {
            "id": "a",
            "colour": "ultraviolet",
            "colours": ["red", "infrared"],
            "when": "2022-11-28",
            "old_style": None,
            "json": "x",
            "str": True,
            "type": "soft keyword",
            "_links": "private in pydantic",
            "counts": {"a": 1},
            "anything": [1, "two"],
            "kind": "thing",
            "added_later": {"nested": True},
        }
    )
    assert thing.id == "a"
    assert thing.colour == "ultraviolet"
    assert thing.colours == ["red", "infrared"]
    assert thing.when == date(2022, 11, 28)
    assert thing.json_ == "x"
    assert thing.str_ is True
    assert thing.type == "soft keyword"
    assert thing.v_links == "private in pydantic"
    assert thing.model_extra == {"added_later": {"nested": True}}
    assert thing.model_dump(by_alias=True)["json"] == "x"
    assert [m.value for m in module.Colour] == ["red", "count"]
    assert module.Colour.count_ == "count"
    assert module.THINGS.item is module.Thing
    assert module.RESOURCES == {"things": module.THINGS}
    assert module.Thing.model_fields["json_"].description == "Shadows a BaseModel method."
    assert "Known values: `Colour` (red, count)" in (
        module.Thing.model_fields["colour"].description or ""
    )
    assert module.Thing.__doc__ == 'Ends with a "quote"'
    assert (
        module.Thing.model_fields["size"].description == "Known values: S, M; others may be added."
    )
    assert "    size: str | None = None\n" in source
    assert "    colour: str\n" in source
    assert "    when: _datetime.date | None\n" in source
    assert "    old_style: int | None = None\n" in source
    assert "_typing.Any" in source.split("anything:")[1].splitlines()[0]


# --- forward compatibility: answers with what the client has never seen -----------------


def scripted(answers: dict[str, httpx.Response]) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        return answers[request.url.path]

    return httpx.MockTransport(handle)


def grown_answers(api: Api) -> dict[str, httpx.Response]:
    """Real answers of today, with a vocabulary value and fields added, as the stability
    promise allows."""
    page = copy.deepcopy(api.json("/v1/figures?limit=500"))
    page["items"][0]["unit"] = "kWh"
    page["items"][0]["confidence"] = 0.9
    page["served_by"] = "replica-7"
    record = api.json("/v1/figures/major-projects-2022-investment-cny")
    record["qualifier"] = "roughly"
    record["subject"]["resource"] = "datasets"
    record["subject"]["aliases"] = ["2022 projects"]
    return {
        "/v1/figures": httpx.Response(200, json=page),
        "/v1/figures/major-projects-2022-investment-cny": httpx.Response(200, json=record),
    }


def test_the_client_reads_new_vocabulary_values_and_new_fields(api: Api) -> None:
    answers = grown_answers(api)
    with Client(BASE, transport=scripted(answers)) as client:
        figures = list(client.iterate(FIGURES))
        page = client.page(FIGURES)
        record = client.get(FIGURES, "major-projects-2022-investment-cny")
    assert figures[0].unit == "kWh"
    assert figures[0].model_extra == {"confidence": 0.9}
    assert page.model_extra == {"served_by": "replica-7"}
    assert len(figures) == page.total == 9
    assert record.qualifier == "roughly"
    assert record.subject.resource == "datasets"
    assert record.subject.model_extra == {"aliases": ["2022 projects"]}
    assert (
        record.model_dump(mode="json", by_alias=True, exclude_unset=True)
        == answers["/v1/figures/major-projects-2022-investment-cny"].json()
    )


def test_the_async_client_reads_new_vocabulary_values_and_new_fields(api: Api) -> None:
    transport = scripted(grown_answers(api))

    async def run() -> tuple[list[Any], Any]:
        async with AsyncClient(BASE, transport=transport) as client:
            figures = [figure async for figure in client.iterate("figures")]
            return figures, await client.get("figures", "major-projects-2022-investment-cny")

    figures, record = asyncio.run(run())
    assert figures[0].unit == "kWh"
    assert figures[0].model_extra == {"confidence": 0.9}
    assert record.subject.resource == "datasets"


# --- retries --------------------------------------------------------------------------

PROBLEM_503 = {
    "type": "about:blank",
    "title": "Service Unavailable",
    "status": 503,
    "detail": "The data cannot be read now.",
}
INDEX = {
    "title": "t",
    "dataset_version": "v1",
    "seeded_at": "2026-01-01T00:00:00Z",
    "sources": [],
    "collections": [],
    "search_url": "/v1/search",
    "search_template": "/v1/search{?q,type,limit,cursor}",
    "docs_url": "/docs",
}


def unavailable(retry_after: str | None = None, status: int = 503) -> httpx.Response:
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    body = (
        {**PROBLEM_503, "status": status, "title": "Too Many Requests"}
        if status == 429
        else PROBLEM_503
    )
    return httpx.Response(
        status,
        content=json.dumps(body).encode(),
        headers={**headers, "Content-Type": "application/problem+json"},
    )


class Script:
    """Answers in order (the last one again once they run out), with each request's time."""

    def __init__(self, *answers: httpx.Response) -> None:
        self.answers = list(answers)
        self.times: list[float] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.times.append(time.monotonic())
        index = min(len(self.times), len(self.answers)) - 1
        return self.answers[index]

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)


def test_503_and_429_are_retried_after_retry_after(tmp_path: Path) -> None:
    script = Script(unavailable("1"), unavailable("0", status=429), httpx.Response(200, json=INDEX))
    with Client(BASE, transport=script.transport) as client:
        index = client.index()
    assert index.dataset_version == "v1"
    assert len(script.times) == 3
    assert 1.0 <= script.times[1] - script.times[0] < 2.0
    assert script.times[2] - script.times[1] < 0.5


def test_retries_are_bounded_in_count() -> None:
    script = Script(unavailable("0"))
    with (
        Client(BASE, transport=script.transport, retry=RetryPolicy(retries=2)) as client,
        pytest.raises(ProblemError) as failed,
    ):
        client.index()
    assert len(script.times) == 3
    assert failed.value.status == 503
    assert failed.value.detail == "The data cannot be read now."
    assert failed.value.headers["retry-after"] == "0"


def test_a_retry_after_longer_than_allowed_is_not_waited_for() -> None:
    script = Script(unavailable("120"))
    started = time.monotonic()
    with Client(BASE, transport=script.transport) as client, pytest.raises(ProblemError):
        client.index()
    assert len(script.times) == 1
    assert time.monotonic() - started < 1


def test_backoff_without_retry_after_is_bounded_in_time() -> None:
    script = Script(unavailable())
    policy = RetryPolicy(retries=50, backoff=0.05, max_wait=0.2, total=0.6)
    started = time.monotonic()
    with (
        Client(BASE, transport=script.transport, retry=policy) as client,
        pytest.raises(ProblemError),
    ):
        client.index()
    assert time.monotonic() - started <= 0.6
    waits = [b - a for a, b in zip(script.times, script.times[1:], strict=False)]
    assert 3 <= len(script.times) < 10
    assert all(0.025 <= wait < 0.35 for wait in waits)


def test_client_errors_are_not_retried() -> None:
    problem = {
        **PROBLEM_503,
        "status": 400,
        "title": "Bad Request",
        "detail": "unit: no",
        "errors": [{"param": "unit", "message": "no"}],
    }
    script = Script(
        httpx.Response(400, json=problem, headers={"Content-Type": "application/problem+json"})
    )
    with Client(BASE, transport=script.transport) as client, pytest.raises(ProblemError) as refused:
        client.index()
    assert len(script.times) == 1
    assert refused.value.params == ["unit"]
    assert refused.value.errors[0].message == "no"
    assert str(refused.value) == "400 Bad Request: unit: no"
    copied = pickle.loads(pickle.dumps(refused.value))  # e.g. from a worker process
    assert (copied.status, copied.detail, copied.params) == (400, "unit: no", ["unit"])


def test_an_answer_that_is_not_a_problem_still_raises_a_problem_error() -> None:
    script = Script(
        httpx.Response(502, text="<html>bad gateway</html>", headers={"Content-Type": "text/html"})
    )
    with Client(BASE, transport=script.transport) as client, pytest.raises(ProblemError) as failed:
        client.index()
    assert (failed.value.status, failed.value.title) == (502, "Bad Gateway")
    assert failed.value.detail == "<html>bad gateway</html>"
    assert failed.value.errors == []


def test_an_export_is_retried_and_written_whole(tmp_path: Path) -> None:
    script = Script(unavailable("0"), httpx.Response(200, content=b"id,value\na,1\n"))
    with Client(BASE, transport=script.transport) as client:
        client.export("figures", "csv", tmp_path / "f.csv")
    assert (tmp_path / "f.csv").read_bytes() == b"id,value\na,1\n"
    assert len(script.times) == 2


def test_the_async_client_retries_too() -> None:
    script = Script(unavailable("1"), httpx.Response(200, json=INDEX))

    async def run() -> str:
        async with AsyncClient(BASE, transport=script.transport) as client:
            return (await client.index()).dataset_version

    assert asyncio.run(run()) == "v1"
    assert 1.0 <= script.times[1] - script.times[0] < 2.0


def test_retry_after_takes_seconds_and_http_dates() -> None:
    assert retry_after("5") == 5.0
    assert retry_after(None) is None
    assert retry_after("soon") is None
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    wait = retry_after(later)
    assert wait is not None
    assert 28 <= wait <= 30


def test_unknown_resources_and_formats_are_refused_before_any_request(tmp_path: Path) -> None:
    script = Script(httpx.Response(200, json=INDEX))
    with Client(BASE, transport=script.transport) as client:
        with pytest.raises(ValueError, match="unknown resource 'widgets'"):
            client.get("widgets", "a")
        with pytest.raises(ValueError, match="format must be one of: csv, ndjson"):
            client.export("figures", "xlsx", tmp_path / "f.xlsx")
    assert script.times == []


def test_the_client_imports_nothing_of_the_server(tmp_path: Path) -> None:
    probe = (
        "import sys, circle_client, circle_client.models; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'api', 'models', 'seed', 'tests'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "[]"


# --- the cache and timeouts -----------------------------------------------------------


def test_the_etag_cache_is_bounded() -> None:
    cache = ETagCache(max_entries=2, max_bytes=10, max_body=6)
    cache.put("a", "1", b"aaa")
    cache.put("b", "2", b"bbb")
    assert cache.get("a") is not None  # now the most recently used
    cache.put("c", "3", b"ccc")
    assert (cache.get("a"), cache.get("b")) == (Cached("1", b"aaa"), None)
    cache.put("d", "4", b"dddddd")  # 3 + 3 + 6 > 10 bytes: the least recently used, c, goes
    assert [key for key in "abcd" if cache.get(key)] == ["a", "d"]
    cache.put("e", "5", b"eeeeeee")  # larger than max_body: not kept
    assert cache.get("e") is None
    assert len(cache) == 2


def test_requests_time_out_by_default() -> None:
    with Client(BASE) as client:
        assert client.timeout == httpx.Timeout(10.0, connect=5.0)
    assert AsyncClient(BASE).timeout == client.timeout
    with socket.socket() as silent:  # accepts connections (the backlog) and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        port = silent.getsockname()[1]
        started = time.monotonic()
        with (
            Client(f"http://127.0.0.1:{port}", timeout=0.3) as silent_client,
            pytest.raises(httpx.ReadTimeout),
        ):
            silent_client.index()
        assert time.monotonic() - started < 2
