"""circle-client against a live `circle serve`, on SQLite and PostgreSQL: every page of
every collection, two sort keys, records, search, exports byte for byte, 304 reuse with a
cache, a value holding a comma, and problems raised by kind, synchronously and with
asyncio; client/README.md's examples, as written; and `pip install ./client` in a fresh
virtual environment."""

import asyncio
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import httpx
import pytest
from circle_client import (
    FIGURES,
    INFRASTRUCTURE,
    ORGANISATIONS,
    PROJECTS,
    QUOTES,
    RESOURCES,
    AsyncClient,
    BadRequest,
    Client,
    ETagCache,
    NotFound,
)

from api.settings import Settings
from tests.support import ROOT, live_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def base_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    settings: Settings = request.getfixturevalue(f"{request.param}_settings")
    url = settings.database_url or f"sqlite:///{settings.sqlite_path}"
    log = tmp_path_factory.mktemp("client-server") / "server.log"
    with live_server(url, log) as base:
        yield base


def raw(base_url: str, path: str, **params: str | list[str]) -> httpx.Response:
    """A GET as httpx sends it: a list as the parameter repeated."""
    answer = httpx.get(base_url + path, params=params, timeout=10)
    assert answer.status_code == 200, (path, params, answer.text[:300])
    return answer


def as_json(model: Any) -> Any:
    return model.model_dump(mode="json", by_alias=True, exclude_unset=True)


class Recording(httpx.HTTPTransport):
    """The real transport, remembering each request's If-None-Match and answer status."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, str | None, int]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        self.seen.append(
            (request.url.path, request.headers.get("if-none-match"), response.status_code)
        )
        return response


class AsyncRecording(httpx.AsyncHTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, str | None, int]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await super().handle_async_request(request)
        self.seen.append(
            (request.url.path, request.headers.get("if-none-match"), response.status_code)
        )
        return response


# --- paging -------------------------------------------------------------------------


def test_iterate_reads_every_page_of_every_collection(base_url: str) -> None:
    with Client(base_url) as api:
        for name, resource in RESOURCES.items():
            whole = raw(base_url, resource.path, limit="500").json()
            assert whole["next_cursor"] is None
            paged = list(api.iterate(resource, limit=2))
            assert all(isinstance(record, resource.item) for record in paged)
            assert [as_json(r) for r in paged] == whole["items"], name
            assert len(paged) == whole["total"] > 0


def test_async_iterate_reads_every_page_of_every_collection(base_url: str) -> None:
    async def run() -> dict[str, list[Any]]:
        async with AsyncClient(base_url) as api:
            return {
                name: [as_json(record) async for record in api.iterate(resource, limit=3)]
                for name, resource in RESOURCES.items()
            }

    paged = asyncio.run(run())
    for name, resource in RESOURCES.items():
        assert paged[name] == raw(base_url, resource.path, limit="500").json()["items"], name


def test_two_sort_keys_and_list_filters(base_url: str) -> None:
    expected = raw(
        base_url, "/v1/figures", unit=["CNY", "USD", "count"], sort=["unit", "-value"], limit="500"
    ).json()["items"]
    with Client(base_url) as api:
        figures = list(
            api.iterate(FIGURES, unit=["CNY", "USD", "count"], sort=["unit", "-value"], limit=2)
        )
    assert [as_json(f) for f in figures] == expected
    keys = [(f["unit"], -f["value"]) for f in expected]
    assert keys == sorted(keys)
    assert {f.unit for f in figures} == {"CNY", "USD", "count"}


def test_iterate_starts_from_a_given_cursor(base_url: str) -> None:
    whole = raw(base_url, "/v1/figures", sort="-value", limit="500").json()["items"]
    with Client(base_url) as api:
        first = api.page(FIGURES, sort=["-value"], limit=4)
        rest = list(api.iterate(FIGURES, sort=["-value"], limit=2, cursor=first.next_cursor))
    assert [as_json(f) for f in [*first.items, *rest]] == whole


def test_a_page_with_facets(base_url: str) -> None:
    with Client(base_url) as api:
        page = api.page(INFRASTRUCTURE, facet=["mode", "status"], limit=1)
    expected = httpx.get(f"{base_url}/v1/infrastructure?limit=1&facet=mode&facet=status")
    assert as_json(page) == expected.json()
    assert page.facets is not None
    assert set(page.facets) == {"mode", "status"}
    assert page.total == expected.json()["total"]


def test_iterate_dicts_takes_fields(base_url: str) -> None:
    with Client(base_url) as api:
        rows = list(api.iterate_dicts(FIGURES, fields=["value", "unit"], sort=["-value"], limit=4))
        with pytest.raises(TypeError, match="iterate_dicts"):
            next(api.iterate(FIGURES, fields=["value"]))
    expected = raw(base_url, "/v1/figures", fields=["value", "unit"], sort="-value", limit="500")
    assert rows == expected.json()["items"]
    assert set(rows[0]) == {"id", "value", "unit"}


# --- records, search, index -----------------------------------------------------------


def test_get_returns_the_typed_record(base_url: str) -> None:
    with Client(base_url) as api:
        for resource in RESOURCES.values():
            first = raw(base_url, resource.path, limit="1").json()["items"][0]["id"]
            record = api.get(resource, first)
            assert isinstance(record, resource.detail)
            assert as_json(record) == raw(base_url, f"{resource.path}/{first}").json()
        figure = api.get(FIGURES, "major-projects-2022-investment-cny")
    assert figure.value == 188950000000
    assert figure.unit == "CNY"
    assert figure.subject.id == "major-projects-2022"


def test_search_follows_every_page(base_url: str) -> None:
    expected = raw(base_url, "/v1/search", q="gas", limit="500").json()["items"]
    with Client(base_url) as api:
        hits = list(api.search("gas", limit=2))
        projects = list(api.search("gas", type=["projects", "energy"]))
        index = api.index()
    assert [as_json(h) for h in hits] == expected
    assert len(hits) > 2
    assert projects
    assert {h.type for h in projects} <= {"projects", "energy"}
    assert as_json(index) == raw(base_url, "/v1").json()


def test_async_search_page_index_and_dicts(base_url: str) -> None:
    async def run() -> tuple[list[Any], Any, Any, list[dict[str, Any]]]:
        async with AsyncClient(base_url) as api:
            hits = [as_json(hit) async for hit in api.search("gas", limit=2)]
            page = await api.page(FIGURES, unit=["CNY", "USD"], facet=["unit"])
            index = await api.index()
            rows = [row async for row in api.iterate_dicts(QUOTES, fields=["text"], limit=1)]
            return hits, page, index, rows

    hits, page, index, rows = asyncio.run(run())
    assert hits == raw(base_url, "/v1/search", q="gas", limit="500").json()["items"]
    expected = httpx.get(f"{base_url}/v1/figures?unit=CNY&unit=USD&facet=unit").json()
    assert as_json(page) == expected
    assert as_json(index) == raw(base_url, "/v1").json()
    assert rows == raw(base_url, "/v1/quotes", fields="text", limit="500").json()["items"]


# --- exports ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "ndjson"])
def test_export_writes_the_api_bytes(
    base_url: str, tmp_path: Path, fmt: Literal["csv", "ndjson"]
) -> None:
    target = tmp_path / f"figures.{fmt}"
    with Client(base_url) as api:
        written = api.export(FIGURES, fmt, target, unit=["CNY", "USD"], sort=["-value"])
    assert written == target
    expected = raw(base_url, "/v1/figures", unit=["CNY", "USD"], sort="-value", format=fmt).content
    assert target.read_bytes() == expected
    assert expected.count(b"\n") >= 2
    assert not list(tmp_path.glob("*.part"))


def test_async_export_writes_the_api_bytes(base_url: str, tmp_path: Path) -> None:
    async def run() -> None:
        async with AsyncClient(base_url) as api:
            await api.export(PROJECTS, "ndjson", tmp_path / "p.ndjson", regions="chongqing")
            await api.export(PROJECTS, "csv", tmp_path / "p.csv")

    asyncio.run(run())
    ndjson = raw(base_url, "/v1/projects", regions="chongqing", format="ndjson").content
    assert (tmp_path / "p.ndjson").read_bytes() == ndjson
    assert [json.loads(line)["id"] for line in ndjson.splitlines()]
    assert (tmp_path / "p.csv").read_bytes() == raw(base_url, "/v1/projects", format="csv").content


def test_a_refused_export_raises_and_leaves_no_file(base_url: str, tmp_path: Path) -> None:
    with Client(base_url) as api, pytest.raises(BadRequest) as refused:
        api.export(FIGURES, "csv", tmp_path / "f.csv", unit="kWh")  # type: ignore[arg-type]
    assert refused.value.status == 400
    assert refused.value.params == ["unit"]
    assert list(tmp_path.iterdir()) == []


# --- conditional requests -------------------------------------------------------------


def test_with_a_cache_a_repeated_request_is_conditional_and_reads_the_cached_body(
    base_url: str,
) -> None:
    transport = Recording()
    with Client(base_url, transport=transport, cache=ETagCache()) as api:
        first = api.get(PROJECTS, "chengdu-chongqing-hsr-middle-line")
        again = api.get(PROJECTS, "chengdu-chongqing-hsr-middle-line")
        pages = [list(api.iterate(QUOTES, limit=2)) for _ in range(2)]
    assert again == first
    assert pages[0] == pages[1]
    etag = raw(base_url, "/v1/projects/chengdu-chongqing-hsr-middle-line").headers["etag"]
    path = "/v1/projects/chengdu-chongqing-hsr-middle-line"
    assert transport.seen[:2] == [(path, None, 200), (path, etag, 304)]
    quotes = transport.seen[2:]
    assert len(quotes) == 4  # two pages, twice
    assert [status for _, _, status in quotes] == [200, 200, 304, 304]
    assert all(tag is None for _, tag, _ in quotes[:2])
    assert all(tag for _, tag, _ in quotes[2:])


def test_async_conditional_requests(base_url: str) -> None:
    transport = AsyncRecording()

    async def run() -> tuple[Any, Any]:
        async with AsyncClient(base_url, transport=transport, cache=ETagCache()) as api:
            return await api.get(FIGURES, "major-projects-2022-investment-cny"), await api.get(
                FIGURES, "major-projects-2022-investment-cny"
            )

    first, again = asyncio.run(run())
    assert first == again
    assert [status for _, _, status in transport.seen] == [200, 304]


def test_without_a_cache_nothing_is_conditional(base_url: str) -> None:
    transport = Recording()
    with Client(base_url, transport=transport) as api:
        api.index()
        api.index()
    assert [(tag, status) for _, tag, status in transport.seen] == [(None, 200), (None, 200)]


# --- values as the API reads them -----------------------------------------------------

COMMA_NAME = "FAW-Volkswagen Automotive Co., Ltd."


def test_list_filters_are_sent_repeated(base_url: str) -> None:
    with Client(base_url) as api:
        both = list(api.iterate(FIGURES, unit=["CNY", "USD"], limit=1))
        cny = list(api.iterate(FIGURES, unit="CNY"))
        usd = list(api.iterate(FIGURES, unit="USD"))
    assert sorted(f.id for f in both) == sorted(f.id for f in [*cny, *usd])
    assert cny
    assert usd
    organisations = raw(base_url, "/v1/organisations", limit="500").json()["items"]
    assert [o["id"] for o in organisations if o["name"] == COMMA_NAME]  # for the test below


def test_a_value_holding_a_comma_is_one_value(base_url: str) -> None:
    with Client(base_url) as api:
        found = list(api.iterate(ORGANISATIONS, name=COMMA_NAME))
        either = list(api.iterate(ORGANISATIONS, name=[COMMA_NAME, "no such name"]))
    assert [o.name for o in found] == [COMMA_NAME]
    assert either == found


# --- errors -------------------------------------------------------------------------


def test_a_bad_filter_raises_a_bad_request_naming_the_parameter(base_url: str) -> None:
    with Client(base_url) as api, pytest.raises(BadRequest) as refused:
        list(api.iterate(FIGURES, unit="kWh", value__gte="lots"))  # type: ignore[arg-type]
    problem = refused.value
    assert problem.status == 400
    assert problem.params == ["value__gte", "unit"]  # in the order of the query's parameters
    expected = httpx.get(f"{base_url}/v1/figures?value__gte=lots&unit=kWh").json()
    assert problem.problem is not None
    assert problem.problem.model_dump(mode="json", exclude_none=True) == expected
    assert (problem.type, problem.title, problem.detail) == (
        expected["type"],
        expected["title"],
        expected["detail"],
    )
    assert problem.headers["content-type"] == "application/problem+json"


def test_a_missing_record_raises_not_found(base_url: str) -> None:
    with Client(base_url) as api, pytest.raises(NotFound) as missing:
        api.get(PROJECTS, "no-such-project")
    assert missing.value.status == 404
    assert missing.value.errors == []
    assert missing.value.detail == raw_problem(base_url, "/v1/projects/no-such-project")["detail"]


def test_a_missing_record_raises_not_found_asynchronously(base_url: str) -> None:
    async def run() -> None:
        async with AsyncClient(base_url) as api:
            await api.get(PROJECTS, "no-such-project")

    with pytest.raises(NotFound) as missing:
        asyncio.run(run())
    assert missing.value.status == 404


def test_problems_name_their_kind(base_url: str) -> None:
    with Client(base_url) as api:
        with pytest.raises(NotFound) as missing:
            api.get(PROJECTS, "no-such-project")
        with pytest.raises(BadRequest) as refused:
            api.page(FIGURES, unit="kWh")  # type: ignore[arg-type]
    assert missing.value.kind == "not-found"
    assert refused.value.kind == "invalid-value"


def raw_problem(base_url: str, path: str) -> Any:
    answer = httpx.get(base_url + path, timeout=10)
    assert answer.headers["content-type"] == "application/problem+json"
    return answer.json()


# --- the package: its README, and installed on its own ----------------------------------


def readme_examples() -> list[str]:
    text = (ROOT / "client" / "README.md").read_text(encoding="utf-8")
    return [str(block) for block in re.findall(r"^```python\n(.*?)^```", text, re.S | re.M)]


def test_the_readme_examples_run_as_written(
    base_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    examples = readme_examples()
    assert len(examples) == 2
    monkeypatch.chdir(tmp_path)
    for example in examples:
        assert "http://127.0.0.1:8000" in example
        code = compile(example.replace("http://127.0.0.1:8000", base_url), "README.md", "exec")
        exec(code, {})
    printed = capsys.readouterr().out
    assert "major-projects-2022-investment-cny" in printed
    assert "404 No places record with id 'atlantis'" in printed


def test_pip_install_in_a_fresh_venv(sqlite_settings: Settings, tmp_path: Path) -> None:
    """What a user does: a new virtual environment, `pip install ./client` (with its
    dependencies, from the package index), then the import and a missing record. The
    environment is made without pip, and this interpreter's pip installs into it, which
    saves bootstrapping pip; nothing of this repository's environment is visible in it."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "./client"],
        cwd=ROOT,
        check=True,
        timeout=600,
    )
    probe = (
        "import sys, circle_client\n"
        "from circle_client import PLACES, NotFound, Client\n"
        "assert circle_client.__file__.startswith(sys.prefix), circle_client.__file__\n"
        "with Client(sys.argv[1]) as api:\n"
        "    print(api.get(PLACES, 'chengdu').name)\n"
        "    try:\n"
        "        api.get(PLACES, 'atlantis')\n"
        "    except NotFound as missing:\n"
        "        print(type(missing).__name__, missing.status)\n"
    )
    with live_server(f"sqlite:///{sqlite_settings.sqlite_path}", tmp_path / "log") as base:
        result = subprocess.run(
            [str(python), "-c", probe, base],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["Chengdu", "NotFound 404"]
