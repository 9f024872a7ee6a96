"""The MCP server at /mcp, through the official SDK's own client against a live
`circle serve`, on SQLite and PostgreSQL: its tools derived from the resource
descriptions, each answer the HTTP API's answer to the same question (with the citations
of every record), the article's words that cite a record, inferred values marked in the
text an agent reads, and refusals as the HTTP API words them, as tool errors."""

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from mcp import Client
from mcp.shared.exceptions import MCPError
from mcp.types import CallToolResult, TextContent, TextResourceContents

from api.settings import Settings
from models.resources import RESOURCES
from tests.support import ARTICLE_ID, live_server

pytestmark = pytest.mark.slow
JSON_TYPES = {
    "text": "string",
    "enum": "string",
    "number": "number",
    "date": "string",
    "boolean": "boolean",
}
PIPELINE = "south-sichuan-west-chongqing-gas-pipeline"
PIPELINE_WORDS = (
    "The Sichuan-Chongqing 1000kV UHV AC project and the south Sichuan-west Chongqing gas "
    "pipeline are progressing smoothly"
)


@pytest.fixture(scope="module")
def one_server(
    sqlite_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A live server over SQLite: for what depends on no database (the tools, the HTTP
    refusals), and base_url's SQLite half."""
    log = tmp_path_factory.mktemp("mcp-one-server") / "server.log"
    with live_server(f"sqlite:///{sqlite_settings.sqlite_path}", log) as base:
        yield base


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def base_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if request.param == "sqlite":
        yield request.getfixturevalue("one_server")
        return
    settings: Settings = request.getfixturevalue("postgres_settings")
    assert settings.database_url is not None
    log = tmp_path_factory.mktemp("mcp-server") / "server.log"
    with live_server(settings.database_url, log) as base:
        yield base


def call(base: str, name: str, arguments: dict[str, Any]) -> CallToolResult:
    async def go() -> CallToolResult:
        async with Client(base + "/mcp") as client:
            return await client.call_tool(name, arguments)

    return asyncio.run(go())


def text_of(result: CallToolResult) -> str:
    [content] = result.content
    assert isinstance(content, TextContent)
    return content.text


def http(base: str, path: str, status: int = 200) -> Any:
    answer = httpx.get(base + path, timeout=10)
    assert answer.status_code == status, (path, answer.text[:300])
    return answer.json()


def answered(result: CallToolResult) -> Any:
    assert not result.is_error, text_of(result)
    return result.structured_content


def test_the_tools_are_derived_from_the_resource_descriptions(one_server: str) -> None:
    async def listed() -> Any:
        async with Client(one_server + "/mcp") as client:
            return (await client.list_tools()).tools

    tools = {tool.name: tool for tool in asyncio.run(listed())}
    listings = {f"list_{name}" for name in RESOURCES}
    assert set(tools) == {"search", "get_record", "get_source_annotations", *listings}
    for name, spec in RESOURCES.items():
        tool = tools[f"list_{name}"]
        assert tool.annotations is not None
        assert tool.annotations.read_only_hint
        assert "citations" in (tool.description or "")
        assert "inferred" in (tool.description or "")
        properties = tool.input_schema["properties"]
        for field in spec.fields:
            single = properties[field.name]["items"]
            assert single["type"] == JSON_TYPES[field.kind.value], (name, field.name)
            assert properties[field.name]["description"].startswith(field.description)
            if field.kind.value == "enum":
                assert single["enum"] == field.choices, (name, field.name)
            assert properties[f"{field.name}__isnull"]["type"] == "boolean"
            assert (f"{field.name}__gte" in properties) is field.ranges
        assert [p for p in ("fields", "format") if p in properties] == []
        sortable = properties["sort"]["items"]["enum"]
        assert sortable == [n for f in spec.sortable for n in (f, f"-{f}")]
        assert tool.output_schema is not None
        assert "items" in tool.output_schema["properties"]
    assert tools["search"].input_schema["required"] == ["q"]


def test_a_search_for_pipeline_finds_the_gas_pipeline_with_its_words(base_url: str) -> None:
    result = call(base_url, "search", {"q": "pipeline"})
    page = answered(result)
    over_http = http(base_url, "/v1/search?q=pipeline")
    # The HTTP API's page, each hit with the citations of the record it finds.
    hits = []
    for hit in over_http["items"]:
        record = http(base_url, f"/v1/{hit['type']}/{hit['id']}")
        inferred = [
            {"field": key.removesuffix("_inferred"), "note": record[f"{key[:-9]}_note"]}
            for key, value in record.items()
            if key.endswith("_inferred") and value is True
        ]
        hits.append({**hit, "citations": record.get("citations", []), "inferred": inferred})
    assert page == {**over_http, "items": hits}
    found = {(hit["type"], hit["id"]) for hit in page["items"]}
    assert ("energy", PIPELINE) in found
    assert ("infrastructure", PIPELINE) in found
    text = text_of(result)
    assert f"- energy/{PIPELINE}: South Sichuan-west Chongqing gas pipeline" in text
    assert f"“{PIPELINE_WORDS}” ({ARTICLE_ID} 1230–1348)" in text


@pytest.mark.parametrize(
    ("resource", "arguments", "query"),
    [
        (
            "infrastructure",
            {"mode": "gas_pipeline", "sort": ["-name"], "limit": 1},
            "mode=gas_pipeline&sort=-name&limit=1",
        ),
        (
            "infrastructure",
            {"regions": "chongqing", "status__not": ["planned", "operational"], "facet": "mode"},
            "regions=chongqing&status__not=planned&status__not=operational&facet=mode",
        ),
        (
            "infrastructure",
            {"q": "railway", "status": "under_construction", "sort": "name"},
            "q=railway&status=under_construction&sort=name",
        ),
        (
            "projects",
            {"date_start__gte": "2022-06-01", "date_inferred": True},
            "date_start__gte=2022-06-01&date_inferred=true",
        ),
    ],
)
def test_a_filtered_listing_is_the_http_page_with_its_citations(
    base_url: str, resource: str, arguments: dict[str, Any], query: str
) -> None:
    result = call(base_url, f"list_{resource}", arguments)
    page = answered(result)
    assert page == http(base_url, f"/v1/{resource}?{query}")
    assert page["items"], "a question that finds nothing proves little"
    text = text_of(result)
    for item in page["items"]:
        assert f"- {resource}/{item['id']}: {item['name']}" in text
        for c in item["citations"]:
            assert f"cited: “{c['quote']}” ({c['source_id']} {c['start']}–{c['end']})" in text


def test_numbers_booleans_and_pages_pass_as_the_http_api_takes_them(base_url: str) -> None:
    arguments = {"value__gte": 1e9, "projected": False, "sort": "-value", "limit": 2}
    first = answered(call(base_url, "list_figures", arguments))
    query = "value__gte=1000000000.0&projected=false&sort=-value&limit=2"
    assert first == http(base_url, f"/v1/figures?{query}")
    assert first["next_cursor"] is not None
    second = answered(call(base_url, "list_figures", {**arguments, "cursor": first["next_cursor"]}))
    assert second == http(base_url, first["links"]["next"])


def test_a_record_comes_with_the_articles_words_that_cite_it(base_url: str) -> None:
    result = call(base_url, "get_record", {"resource": "energy", "id": PIPELINE})
    record = answered(result)
    assert record == http(base_url, f"/v1/energy/{PIPELINE}")
    article = asyncio.run(_read(base_url, f"circle://sources/{ARTICLE_ID}"))
    assert article == http(base_url, f"/v1/sources/{ARTICLE_ID}")["text"]
    text = text_of(result)
    assert text.startswith(f"energy/{PIPELINE}: South Sichuan-west Chongqing gas pipeline\n")
    for field, supports in record["evidence"].items():
        for support in supports:
            if not support["inferred"]:
                assert article[support["start"] : support["end"]] == support["quote"]
                assert f"- {field} = " in text
    assert f"cited: “{PIPELINE_WORDS}” ({ARTICLE_ID} 1230–1348)" in text
    assert article[1230:1348] == PIPELINE_WORDS


def test_an_inferred_value_says_so_where_an_agent_reads_it(base_url: str) -> None:
    # A date whose words are cited, but whose year the source does not write.
    project = http(base_url, "/v1/projects?date_inferred=true&limit=1")["items"][0]
    mark = f"INFERRED date: {project['date_note']}"
    listing = call(base_url, "list_projects", {"date_inferred": True, "limit": 1})
    assert f"\n  {mark}" in text_of(listing)
    record = call(base_url, "get_record", {"resource": "projects", "id": project["id"]})
    text = text_of(record)
    assert f"\n{mark}\n" in text
    assert f"- date_start = {project['date_start']}: “" in text
    assert all(mark in line for line in text.splitlines() if line.startswith("- date_"))
    # A value no words state: the curator's reading, with its note.
    quote = "huang-zhi-strengthen-infrastructure"
    result = call(base_url, "get_record", {"resource": "quotes", "id": quote})
    evidence = answered(result)["evidence"]
    marked = [(f, s) for f, supports in evidence.items() for s in supports if s["inferred"]]
    assert [f for f, _ in marked] == ["regions", "related"]
    text = text_of(result)
    for field, support in marked:
        value = support["value"] or ""
        assert f"- {field} = {value}: INFERRED ({support['note']})" in text


def test_the_annotations_of_a_source_as_tool_and_as_resource(base_url: str) -> None:
    over_http = http(base_url, f"/v1/sources/{ARTICLE_ID}/annotations")
    result = call(base_url, "get_source_annotations", {"id": ARTICLE_ID})
    assert answered(result) == over_http
    assert text_of(result).startswith(f"{len(over_http['spans'])} cited spans of source ")
    uri = f"circle://sources/{ARTICLE_ID}/annotations"
    assert httpx.Response(200, text=asyncio.run(_read(base_url, uri))).json() == over_http


async def _read(base: str, uri: str) -> str:
    async with Client(base + "/mcp") as client:
        listed = {str(r.uri) for r in (await client.list_resources()).resources}
        assert {
            f"circle://sources/{ARTICLE_ID}",
            f"circle://sources/{ARTICLE_ID}/annotations",
        } <= listed
        [contents] = (await client.read_resource(uri)).contents
        assert isinstance(contents, TextResourceContents)
        return contents.text


@pytest.mark.parametrize(
    ("name", "arguments", "path"),
    [
        ("list_infrastructure", {"mode": "teleport"}, "/v1/infrastructure?mode=teleport"),
        ("list_projects", {"colour": "red"}, "/v1/projects?colour=red"),
        ("list_figures", {"limit": 100000}, "/v1/figures?limit=100000"),
        ("list_figures", {"value__gte": "lots"}, "/v1/figures?value__gte=lots"),
        ("list_projects", {"sort": ["height"]}, "/v1/projects?sort=height"),
        ("list_projects", {"cursor": "forged"}, "/v1/projects?cursor=forged"),
        ("search", {"q": " "}, "/v1/search?q=+"),
        ("search", {"q": "gas", "fields": ["id"]}, "/v1/search?q=gas&fields=id"),
        ("get_record", {"resource": "projects", "id": "no-such"}, "/v1/projects/no-such"),
        (
            "get_source_annotations",
            {"id": "no-such"},
            "/v1/sources/no-such/annotations",
        ),
    ],
)
def test_an_invalid_argument_is_a_tool_error_worded_as_the_http_api_words_it(
    base_url: str, name: str, arguments: dict[str, Any], path: str
) -> None:
    problem = httpx.get(base_url + path, timeout=10).json()
    result = call(base_url, name, arguments)
    assert result.is_error
    assert result.structured_content == problem
    errors = "".join(f"\n- {e['param']}: {e['message']}" for e in problem.get("errors", []))
    expected = f"Error {problem['status']} {problem['title']}: {problem['detail']}{errors}"
    assert text_of(result) == expected


def test_arguments_mcp_does_not_take_are_refused_by_name(one_server: str) -> None:
    result = call(one_server, "list_projects", {"fields": ["id"], "format": "csv", "q": {"a": 1}})
    assert result.is_error
    assert [e["param"] for e in (result.structured_content or {})["errors"]] == [
        "fields",
        "format",
        "q",
    ]
    unknown = call(one_server, "no_such_tool", {})
    assert unknown.is_error
    assert text_of(unknown) == "Error 404 Not found: No tool named 'no_such_tool'."

    async def read_missing() -> str:
        async with Client(one_server + "/mcp") as client:
            try:
                await client.read_resource("circle://sources/no-such")
            except MCPError as refused:
                return refused.message
        return "read"

    assert asyncio.run(read_missing()) == (
        "Error 404 Not found: No sources record with id 'no-such'."
    )


def test_the_endpoint_takes_bounded_posts_and_nothing_else(one_server: str) -> None:
    got = httpx.get(one_server + "/mcp", timeout=10)
    assert (got.status_code, got.headers["allow"], got.json()["status"]) == (405, "POST", 405)
    assert got.headers["content-type"] == "application/problem+json"
    too_large = httpx.post(one_server + "/mcp", content=b"[" * (64 * 1024 + 1), timeout=10)
    assert too_large.status_code == 413
    assert too_large.json()["detail"] == "The request body is larger than 65536 bytes."
    # The rest of the API still takes no POST.
    refused = httpx.post(one_server + "/v1/projects", content=b"{}", timeout=10)
    assert (refused.status_code, refused.headers["allow"]) == (405, "GET, HEAD, OPTIONS")
