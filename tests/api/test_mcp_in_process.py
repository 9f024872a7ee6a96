"""The MCP endpoint in-process, by JSON-RPC POSTs to /mcp: for random arguments to every
listing tool, valid or not, the tool answers what the HTTP API answers to the same
question (the page, or the problem as a tool error), on both databases; a database that
cannot be read is the HTTP API's 503 problem. The SDK's own client against a live server
is tests/system/test_mcp.py."""

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.agents.tools import tools
from api.settings import Settings
from tests.conftest import settings_for
from tests.support import Api, MakeApi

PROPERTY_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HEADERS = {"accept": "application/json, text/event-stream", "mcp-protocol-version": "2025-11-25"}
LISTINGS = {tool.name: tool for tool in tools(Settings()) if tool.name.startswith("list_")}


def call(api: Api, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
    params = {"name": name, "arguments": arguments}
    message = {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": params}
    answer = api.request("POST", "/mcp", json=message, headers=HEADERS)
    assert answer.status_code == 200, answer.text[:500]
    result: dict[str, Any] = answer.json()["result"]
    return result


def as_query(arguments: dict[str, Any]) -> list[tuple[str, str]]:
    """The query string a client of the HTTP API sends for the same question."""
    pairs = []
    for name, value in arguments.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, bool):
                pairs.append((name, "true" if item else "false"))
            elif isinstance(item, float):
                pairs.append((name, repr(item)))
            else:
                pairs.append((name, str(item)))
    return pairs


def _values(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values for one argument: mostly what its schema allows, sometimes not."""
    if "enum" in schema:
        good: st.SearchStrategy[Any] = st.sampled_from(schema["enum"])
    elif schema.get("type") == "boolean":
        good = st.booleans()
    elif schema.get("type") == "number":
        good = st.integers(-10, 10**10) | st.floats(allow_nan=False, allow_infinity=False)
    elif schema.get("type") == "integer":
        good = st.integers(0, 600)
    elif schema.get("format") == "date":
        good = st.dates().map(lambda d: d.isoformat())
    else:
        good = st.sampled_from(["chengdu", "gas", "huang-zhi", "cc-economic-circle-2022"])
    bad = st.text(max_size=6) | st.integers() | st.booleans()
    return st.one_of(good, good, bad)


def _argument(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    if schema.get("type") == "array":  # a lone value is taken as a list of one
        one = _values(schema["items"])
        return one | st.lists(one, min_size=1, max_size=3)
    return _values(schema)


@st.composite
def listing_calls(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    name = draw(st.sampled_from(sorted(LISTINGS)))
    properties = LISTINGS[name].input_schema["properties"]
    chosen = draw(st.lists(st.sampled_from(sorted(properties)), max_size=3, unique=True))
    arguments = {argument: draw(_argument(properties[argument])) for argument in chosen}
    if draw(st.booleans()):
        arguments["limit"] = draw(st.integers(1, 3))
    return name, arguments


@PROPERTY_SETTINGS
@given(asked=listing_calls())
def test_a_listing_tool_answers_what_the_http_api_answers(
    api: Api, asked: tuple[str, dict[str, Any]]
) -> None:
    name, arguments = asked
    result = call(api, name, arguments)
    over_http = api.get(f"/v1/{name.removeprefix('list_')}", params=as_query(arguments))
    assert result["structuredContent"] == over_http.json()
    assert result["isError"] is (over_http.status_code != 200)
    if over_http.status_code == 200 and result["structuredContent"]["next_cursor"]:
        following = call(api, name, {**arguments, "cursor": over_http.json()["next_cursor"]})
        assert following["structuredContent"] == api.json(over_http.json()["links"]["next"])


def test_a_database_that_cannot_be_read_is_the_503_problem(
    seeded_sqlite: Path, make_api: MakeApi
) -> None:
    api = make_api(settings_for(None, seeded_sqlite))
    assert call(api, "list_projects", {"limit": 1})["isError"] is False
    seeded_sqlite.unlink()
    over_http = api.get("/v1/projects?limit=1")
    assert over_http.status_code == 503
    asked: list[tuple[str, dict[str, Any]]] = [
        ("list_projects", {"limit": 1}),
        ("search", {"q": "gas"}),
        ("get_record", {"resource": "people", "id": "li-zhiqiang"}),
    ]
    for name, arguments in asked:
        result = call(api, name, arguments)
        assert result["isError"] is True
        assert result["structuredContent"] == over_http.json()
        assert result["content"] == [
            {"type": "text", "text": "Error 503 Service unavailable: The data cannot be read now."}
        ]


def test_only_post_reaches_the_mcp_server(sqlite_settings: Settings, make_api: MakeApi) -> None:
    api = make_api(sqlite_settings)
    for method in ("GET", "HEAD", "PUT", "DELETE", "PATCH"):
        refused = api.request(method, "/mcp")
        assert refused.status_code == 405
        assert refused.headers["allow"] == "POST"
        assert refused.headers["content-type"] == "application/problem+json"
        if method != "HEAD":
            assert refused.json() == {
                "type": "/problems/method-not-allowed",
                "title": "Method not allowed",
                "status": 405,
                "detail": "The MCP endpoint takes POST only (stateless streamable HTTP, "
                "JSON answers).",
            }


def test_a_page_of_an_origin_cors_origins_does_not_name_is_refused(
    sqlite_settings: Settings, make_api: MakeApi
) -> None:
    api = make_api(sqlite_settings, cors_origins=["https://trusted.example"])
    question = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
    for origin, status in [
        ("https://trusted.example", 200),
        (None, 200),
        ("https://evil.example", 403),
    ]:
        headers = HEADERS | ({"origin": origin} if origin else {})
        answer = api.request("POST", "/mcp", json=question, headers=headers)
        assert answer.status_code == status, origin
    assert answer.json() == {
        "type": "/problems/forbidden",
        "title": "Forbidden",
        "status": 403,
        "detail": "The MCP endpoint answers no page of this origin (see cors_origins).",
    }
    anyone = make_api(sqlite_settings)  # cors_origins ["*"], the default
    headers = HEADERS | {"origin": "https://evil.example"}
    assert anyone.request("POST", "/mcp", json=question, headers=headers).status_code == 200
