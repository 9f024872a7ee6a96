"""circle-client and what it is derived from: its models, typed resources and synchronous
client are what their generators write (the test fails with the diff when they drift
apart); every collection is exported with filters typed from /openapi.json; answers carrying
values and fields it has never seen are read; problems raise the exception of their kind;
retries stay within their bound. Against scripted answers (httpx.MockTransport) and the
app in-process."""

import asyncio
import copy
import difflib
import importlib.util
import pickle
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import circle_client
import httpx
import pytest
from circle_client import (
    FIGURES,
    ORGANISATIONS,
    PLACES,
    RESOURCES,
    AmbiguousValue,
    AsyncClient,
    BadRequest,
    Client,
    ETagCache,
    InvalidCursor,
    InvalidValue,
    NotFound,
    ProblemError,
    RequestTooLarge,
    RetryPolicy,
    ServerError,
    StaleCursor,
    TooManyRequests,
    Unavailable,
    UnknownParameter,
)
from circle_client.cache import Cached
from circle_client.retry import retry_after

from api.settings import Settings
from tests.support import ROOT, Api, MakeApi

BASE = "http://circle.test"


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generate_code", ROOT / "client" / "generate_code.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_derived_client_code_is_what_its_generators_write(
    make_api: MakeApi, sqlite_settings: Settings, tmp_path: Path
) -> None:
    """models.py and resources.py from the document the app serves (datamodel-code-generator
    and client/generate_code.py), synchronous/client.py from the asynchronous one (unasync)."""
    document = tmp_path / "openapi.json"
    document.write_bytes(make_api(sqlite_settings).get("/openapi.json").content)
    generator = load_generator()
    written = generator.generated(document)
    assert {path.relative_to(ROOT).as_posix() for path in written} == {
        "client/circle_client/models.py",
        "client/circle_client/resources.py",
        "client/circle_client/synchronous/client.py",
    }
    for path, text in written.items():
        committed = path.read_text(encoding="utf-8")
        if text != committed:
            diff = difflib.unified_diff(
                committed.splitlines(keepends=True),
                text.splitlines(keepends=True),
                f"{path.relative_to(ROOT)} (committed)",
                "generated",
            )
            pytest.fail(
                f"{path.relative_to(ROOT)} is not what its generator writes; "
                "`make client-models` writes it again:\n" + "".join(diff),
                pytrace=False,
            )


def test_every_collection_is_exported_with_the_parameters_of_its_operation(
    make_api: MakeApi, sqlite_settings: Settings
) -> None:
    document = make_api(sqlite_settings).json("/openapi.json")
    collections = {
        path.removeprefix("/v1/")
        for path in document["paths"]
        if path.count("/") == 2 and path + "/{id}" in document["paths"]
    }
    assert set(RESOURCES) == collections
    assert len(collections) == 10
    for name, resource in RESOURCES.items():
        assert getattr(circle_client, name.upper()) is resource
        assert name.upper() in circle_client.__all__
        operation = document["paths"][resource.path]["get"]
        taken = {p["name"] for p in operation["parameters"]} - {"format"}
        code = resource.query.__code__
        assert set(code.co_varnames[: code.co_kwonlyargcount]) == taken, name
    assert PLACES.item.__name__ == "PlacePublic"
    assert ORGANISATIONS.detail.__name__ == "OrganisationDetail"


# --- typed filters, sent as the API reads them ------------------------------------------


class Recorder:
    """Answers every request with `answer`, keeping each request."""

    def __init__(self, answer: Callable[[httpx.Request], httpx.Response]) -> None:
        self.answer = answer
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.answer(request)

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)

    @property
    def queries(self) -> list[bytes]:
        return [request.url.query for request in self.requests]


EMPTY_PAGE = {
    "items": [],
    "total": 0,
    "limit": 50,
    "next_cursor": None,
    "links": {"self": "/v1", "next": None},
}


def test_list_values_are_repeated_and_a_comma_inside_a_value_is_data() -> None:
    recorder = Recorder(lambda request: httpx.Response(200, json=EMPTY_PAGE))
    with Client(BASE, transport=recorder.transport) as client:
        client.page(
            ORGANISATIONS,
            name=["FAW-Volkswagen Automotive Co., Ltd.", "Sichuan"],
            sort=["-name", "id"],
            limit=5,
        )
        client.page(FIGURES, unit="CNY", value__gte=1e9, projected=False)
        client.page(FIGURES, period_start__gte=date(2022, 1, 1), facet=["unit", "qualifier"])
    assert recorder.queries == [
        b"name=FAW-Volkswagen+Automotive+Co.%2C+Ltd.&name=Sichuan&sort=-name&sort=id&limit=5",
        b"value__gte=1000000000.0&unit=CNY&projected=false",
        b"period_start__gte=2022-01-01&facet=unit&facet=qualifier",
    ]


def test_an_unknown_filter_is_refused_before_any_request() -> None:
    recorder = Recorder(lambda request: httpx.Response(200, json=EMPTY_PAGE))
    with Client(BASE, transport=recorder.transport) as client:
        with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
            client.page(FIGURES, colour="red")  # type: ignore[call-arg]
        with pytest.raises(TypeError, match="iterate_dicts"):
            client.page(FIGURES, fields=["value"])
        with pytest.raises(ValueError, match="format must be one of: csv, ndjson"):
            client.export(FIGURES, "xlsx", "f.xlsx")  # type: ignore[arg-type]
    assert recorder.requests == []


def test_filters_are_typed_per_resource(tmp_path: Path) -> None:
    """mypy --strict refuses a filter the collection lacks and a value outside its
    vocabulary, and takes the right ones."""
    program = tmp_path / "use_client.py"
    program.write_text(
        "from datetime import date\n"
        "from circle_client import FIGURES, PLACES, Client\n\n"
        "with Client('http://127.0.0.1:8000') as api:\n"
        "    api.page(FIGURES, unit=['CNY', 'USD'], value__gte=1e9, sort=['-value'])\n"
        "    api.page(FIGURES, period_start__gte=date(2022, 1, 1), projected=False)\n"
        "    api.page(PLACES, kind='city', within='sichuan')\n"
        "    api.page(PLACES, unit='CNY')\n"
        "    api.page(FIGURES, unit='kWh')\n"
        "    api.page(FIGURES, sort=['colour'])\n"
        "    name: str = api.get(PLACES, 'chengdu').name\n"
        "    value: str = api.get(FIGURES, 'x').value\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            str(program),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    lines = sorted({int(line.split(":")[1]) for line in errors})
    assert lines == [8, 9, 10, 12], result.stdout
    assert 'Unexpected keyword argument "unit"' in result.stdout


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
            figures = [figure async for figure in client.iterate(FIGURES)]
            return figures, await client.get(FIGURES, "major-projects-2022-investment-cny")

    figures, record = asyncio.run(run())
    assert figures[0].unit == "kWh"
    assert figures[0].model_extra == {"confidence": 0.9}
    assert record.subject.resource == "datasets"


# --- problems, by kind ------------------------------------------------------------------


def problem(status: int, slug: str | None, **extra: Any) -> httpx.Response:
    body = {
        "type": f"/problems/{slug}" if slug else "about:blank",
        "title": "Some title",
        "status": status,
        "detail": "Some detail.",
        **extra,
    }
    return httpx.Response(status, json=body, headers={"Content-Type": "application/problem+json"})


@pytest.mark.parametrize(
    ("status", "slug", "expected"),
    [
        (400, "unknown-parameter", UnknownParameter),
        (400, "invalid-value", InvalidValue),
        (400, "ambiguous-value", AmbiguousValue),
        (400, "invalid-cursor", InvalidCursor),
        (400, "bad-request", BadRequest),
        (400, None, BadRequest),
        (404, "not-found", NotFound),
        (404, None, NotFound),
        (409, "stale-cursor", StaleCursor),
        (409, None, ProblemError),
        (414, "uri-too-long", RequestTooLarge),
        (431, None, RequestTooLarge),
        (429, None, TooManyRequests),
        (500, None, ServerError),
        (503, "unavailable", Unavailable),
        (418, "a-kind-added-later", ProblemError),
    ],
)
def test_a_problem_raises_the_exception_of_its_kind(
    status: int, slug: str | None, expected: type[ProblemError]
) -> None:
    answer = problem(status, slug)
    with (
        Client(BASE, transport=Script(answer).transport, retry=RetryPolicy(retries=0)) as client,
        pytest.raises(ProblemError) as raised,
    ):
        client.get(FIGURES, "x")
    assert type(raised.value) is expected
    assert raised.value.status == status
    assert raised.value.kind == slug
    assert raised.value.problem is not None
    assert raised.value.problem.detail == "Some detail."
    copied = pickle.loads(pickle.dumps(raised.value))  # e.g. from a worker process
    assert type(copied) is expected
    assert (copied.status, copied.type, copied.detail) == (
        status,
        raised.value.type,
        "Some detail.",
    )


def test_an_absolute_problem_type_names_its_kind_too() -> None:
    answer = problem(400, None, type="https://api.example/problems/invalid-cursor")
    with (
        Client(BASE, transport=Script(answer).transport) as client,
        pytest.raises(InvalidCursor) as raised,
    ):
        client.index()
    assert isinstance(raised.value, BadRequest)
    assert raised.value.kind == "invalid-cursor"


def test_a_bad_request_carries_each_refused_parameter() -> None:
    answer = problem(
        400, "invalid-value", detail="unit: no", errors=[{"param": "unit", "message": "no"}]
    )
    script = Script(answer)
    with Client(BASE, transport=script.transport) as client, pytest.raises(BadRequest) as refused:
        client.index()
    assert len(script.times) == 1  # a client error is not tried again
    assert refused.value.params == ["unit"]
    assert refused.value.errors[0].message == "no"
    assert str(refused.value) == "400 Some title: unit: no"


def test_an_answer_that_is_not_a_problem_still_raises_by_its_status() -> None:
    script = Script(
        httpx.Response(404, text="<html>not here</html>", headers={"Content-Type": "text/html"})
    )
    with Client(BASE, transport=script.transport) as client, pytest.raises(NotFound) as failed:
        client.index()
    assert (failed.value.status, failed.value.title) == (404, "Not Found")
    assert failed.value.detail == "<html>not here</html>"
    assert failed.value.errors == []
    assert failed.value.problem is None


def test_a_missing_record_raises_not_found_from_the_app(api: Api) -> None:
    def in_process(request: httpx.Request) -> httpx.Response:
        answer = api.get(request.url.raw_path.decode())
        return httpx.Response(answer.status_code, headers=answer.headers, content=answer.content)

    transport = httpx.MockTransport(in_process)
    with Client(BASE, transport=transport) as client, pytest.raises(NotFound) as missing:
        client.get(PLACES, "atlantis")
    assert missing.value.status == 404
    assert "atlantis" in missing.value.detail


# --- retries ----------------------------------------------------------------------------

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
    answer = problem(status, "unavailable" if status == 503 else None)
    if retry_after is not None:
        answer.headers["Retry-After"] = retry_after
    return answer


class Script:
    """Answers in order (the last one again once they run out), with each request's time;
    an exception in the script is raised as the transport's."""

    def __init__(self, *answers: httpx.Response | Exception) -> None:
        self.answers = list(answers)
        self.times: list[float] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.times.append(time.monotonic())
        answer = self.answers[min(len(self.times), len(self.answers)) - 1]
        if isinstance(answer, Exception):
            raise answer
        return answer

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)


def test_the_default_policy_waits_at_most_five_seconds_in_all() -> None:
    assert RetryPolicy().total == 5.0
    with Client(BASE) as client:
        assert client.retry == RetryPolicy()


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_a_retried_status_is_tried_again_after_retry_after(status: int) -> None:
    script = Script(unavailable("1", status), httpx.Response(200, json=INDEX))
    with Client(BASE, transport=script.transport) as client:
        index = client.index()
    assert index.dataset_version == "v1"
    assert len(script.times) == 2
    assert 1.0 <= script.times[1] - script.times[0] < 2.0


def test_connection_errors_are_tried_again() -> None:
    refused = httpx.ConnectError("connection refused")
    dropped = httpx.RemoteProtocolError("server disconnected")
    script = Script(refused, dropped, httpx.Response(200, json=INDEX))
    with Client(BASE, transport=script.transport) as client:
        assert client.index().dataset_version == "v1"
    assert len(script.times) == 3


def test_connection_errors_raise_once_the_retries_are_spent() -> None:
    script = Script(httpx.ConnectError("connection refused"))
    policy = RetryPolicy(retries=2, backoff=0.01)
    with (
        Client(BASE, transport=script.transport, retry=policy) as client,
        pytest.raises(httpx.ConnectError),
    ):
        client.index()
    assert len(script.times) == 3


def test_a_read_timeout_is_not_tried_again() -> None:
    script = Script(httpx.ReadTimeout("slow"), httpx.Response(200, json=INDEX))
    with Client(BASE, transport=script.transport) as client, pytest.raises(httpx.ReadTimeout):
        client.index()
    assert len(script.times) == 1


def test_retries_are_bounded_in_count() -> None:
    script = Script(unavailable("0"))
    with (
        Client(BASE, transport=script.transport, retry=RetryPolicy(retries=2)) as client,
        pytest.raises(Unavailable) as failed,
    ):
        client.index()
    assert len(script.times) == 3
    assert failed.value.status == 503
    assert failed.value.headers["retry-after"] == "0"


def test_a_retry_after_past_what_is_left_is_not_waited_for() -> None:
    script = Script(unavailable("1"), unavailable("6"))
    started = time.monotonic()
    with Client(BASE, transport=script.transport) as client, pytest.raises(Unavailable):
        client.index()
    assert len(script.times) == 2  # 1 s waited; 6 more would end past the 5 s bound
    assert time.monotonic() - started < 2.5


def test_a_retry_after_past_a_short_bound_is_raised_at_once() -> None:
    script = Script(unavailable("1"), httpx.Response(200, json=INDEX))
    policy = RetryPolicy(total=0.5)
    with (
        Client(BASE, transport=script.transport, retry=policy) as client,
        pytest.raises(Unavailable),
    ):
        client.index()
    assert len(script.times) == 1  # 1 s is past a 0.5 s bound: raised, not slept


SCHEDULING_SLACK_S = 0.15


def test_backoff_without_retry_after_is_bounded_in_time() -> None:
    script = Script(unavailable())
    policy = RetryPolicy(retries=50, backoff=0.05, total=0.6)
    started = time.monotonic()
    with (
        Client(BASE, transport=script.transport, retry=policy) as client,
        pytest.raises(Unavailable),
    ):
        client.index()
    # No wait is begun that would end past the bound; what a busy machine adds to the
    # waits' ends (a sleep wakes late) is allowed for, not the policy's.
    assert time.monotonic() - started <= 0.6 + SCHEDULING_SLACK_S
    waits = [b - a for a, b in zip(script.times, script.times[1:], strict=False)]
    assert 3 <= len(script.times) < 10
    assert all(0.025 <= wait < 0.6 for wait in waits)


def test_an_export_is_retried_and_written_whole(tmp_path: Path) -> None:
    script = Script(
        unavailable("0"),
        httpx.ConnectError("refused"),
        httpx.Response(200, content=b"id,value\na,1\n"),
    )
    with Client(BASE, transport=script.transport) as client:
        client.export(FIGURES, "csv", tmp_path / "f.csv", unit="CNY")
    assert (tmp_path / "f.csv").read_bytes() == b"id,value\na,1\n"
    assert len(script.times) == 3
    assert list(tmp_path.iterdir()) == [tmp_path / "f.csv"]


def test_the_async_client_retries_too() -> None:
    script = Script(
        unavailable("1"), httpx.ConnectError("refused"), httpx.Response(200, json=INDEX)
    )

    async def run() -> str:
        async with AsyncClient(BASE, transport=script.transport) as client:
            return (await client.index()).dataset_version

    assert asyncio.run(run()) == "v1"
    assert 1.0 <= script.times[1] - script.times[0] < 2.0
    assert len(script.times) == 3


def test_retry_after_takes_seconds_and_http_dates() -> None:
    assert retry_after("5") == 5.0
    assert retry_after(None) is None
    assert retry_after("soon") is None
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    wait = retry_after(later)
    assert wait is not None
    assert 28 <= wait <= 30


# --- the cache and timeouts -------------------------------------------------------------


def etagged(request: httpx.Request) -> httpx.Response:
    if request.headers.get("if-none-match") == '"v1"':
        return httpx.Response(304, headers={"ETag": '"v1"'})
    return httpx.Response(200, json=INDEX, headers={"ETag": '"v1"'})


def test_there_is_no_cache_by_default() -> None:
    recorder = Recorder(etagged)
    with Client(BASE, transport=recorder.transport) as client:
        assert client.cache is None
        client.index()
        client.index()
    assert [r.headers.get("if-none-match") for r in recorder.requests] == [None, None]


def test_with_a_cache_a_repeated_request_is_conditional() -> None:
    recorder = Recorder(etagged)
    cache = ETagCache()
    with Client(BASE, transport=recorder.transport, cache=cache) as client:
        first = client.index()
        again = client.index()
    assert first == again
    assert [r.headers.get("if-none-match") for r in recorder.requests] == [None, '"v1"']
    assert len(cache) == 1


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


def test_the_client_imports_nothing_of_the_server(tmp_path: Path) -> None:
    probe = (
        "import sys, circle_client; "
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


def test_the_package_says_how_to_use_it() -> None:
    readme = (ROOT / "client" / "README.md").read_text(encoding="utf-8")
    for needed in ("python3 -m venv .venv", "pip install ./client", "NotFound", "Retry-After"):
        assert needed in readme
    assert circle_client.__doc__ is not None
    assert "client/README.md" in circle_client.__doc__
