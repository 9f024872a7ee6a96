"""The MCP server's handlers and its endpoint at /mcp.

Each tool parses its arguments with the HTTP API's parser (api/query/params.py,
api/query/search.py) and reads through the same objects the routes use: the current
snapshot's query engine, run by the data access's runner under the query time limit. A
refusal is the problem the HTTP API answers, as a tool error (`isError`) whose text
and structured content are that problem; nothing a tool is given makes it crash.

The endpoint is stateless: every POST is served by a session manager of its own, so no
state lives between requests and any replica behind a load balancer answers any of
them, and no task outlives its request.
"""

import logging
from collections import defaultdict
from typing import Any
from urllib.parse import urlencode

import mcp.types as types
import orjson
from mcp.server.context import ServerRequestContext
from mcp.server.lowlevel import Server
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from mcp.shared.exceptions import MCPError
from starlette.types import Message, Receive, Scope, Send

from api.agents import quoting
from api.agents.tools import (
    GET_ANNOTATIONS,
    GET_RECORD,
    NOT_OFFERED,
    SEARCH,
    listings,
    query_params,
    tools,
)
from api.data.access import DataAccess
from api.errors import ApiProblem, BadRequest, as_problem, render_problem, send_problem
from api.query.engine import QueryEngine
from api.query.expand import expandable
from api.query.params import MAX_LIST, has_control_characters, parse_collection, parse_expand
from api.query.search import parse_search, search_page
from api.query.statements import StatementRunner
from api.routes.collections import MAX_ID_LENGTH
from api.settings import Settings
from models.resources import RESOURCES, ResourceSpec

# Rendered records by (resource, id).
Records = dict[tuple[str, str], dict[str, Any]]
SOURCE_URI = "circle://sources/{id}"
ANNOTATIONS_URI = "circle://sources/{id}/annotations"
INSTRUCTIONS = (
    "Read-only data on the Chengdu-Chongqing economic circle: projects, infrastructure, "
    "energy, quotes, figures, places, organisations, people and industries, each value "
    "tied to the exact words of its source (citations: quote, source id, offsets) or "
    "marked inferred. Quote the `quote` of a citation as the source's words; say so when "
    "a value is inferred. Start with `search`, then `get_record` for a hit's evidence; the "
    "sources' texts are resources (circle://sources/{id})."
)


class AgentTools:
    """The tools' and resources' handlers, over one app's data and settings."""

    def __init__(self, settings: Settings, data: DataAccess) -> None:
        self.settings = settings
        self.data = data
        self.tools = tools(settings)
        self.listings: dict[str, ResourceSpec] = listings(self.tools)

    # --- tools ------------------------------------------------------------------------

    async def list_tools(
        self, ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
    ) -> types.ListToolsResult:
        return types.ListToolsResult(tools=self.tools)

    async def call_tool(
        self, ctx: ServerRequestContext[Any], params: types.CallToolRequestParams
    ) -> types.CallToolResult:
        arguments = params.arguments or {}
        try:
            structured, text = await self._answer(params.name, arguments)
        except Exception as exc:  # every refusal and failure is a tool error, never a crash
            _, body = render_problem_of(exc)
            problem = orjson.loads(body)
            return types.CallToolResult(
                content=[types.TextContent(text=quoting.problem_text(problem))],
                structured_content=problem,
                is_error=True,
            )
        return types.CallToolResult(
            content=[types.TextContent(text=text)], structured_content=structured
        )

    async def _answer(self, name: str, arguments: dict[str, Any]) -> tuple[dict[str, Any], str]:
        listed = self.listings.get(name)
        if listed is not None:
            page = await self.listing(listed, arguments)
            return page, quoting.page_text(listed.name.value, page)
        if name == SEARCH:
            page = await self.search(arguments)
            return page, quoting.search_text(str(arguments.get("q")), page)
        if name == GET_RECORD:
            resource, record = await self.record(arguments)
            return record, quoting.record_text(resource, record)
        if name == GET_ANNOTATIONS:
            annotations = await self.annotations(_record_id(arguments, {"id"}))
            return annotations, quoting.annotations_text(annotations)
        raise ApiProblem(404, f"No tool named {name[:100]!r}.")

    async def listing(self, spec: ResourceSpec, arguments: dict[str, Any]) -> dict[str, Any]:
        """A page of one resource, as GET /v1/{resource} answers it in JSON."""
        params = query_params(arguments, NOT_OFFERED)
        settings = self.settings
        query = parse_collection(
            spec,
            params,
            default_limit=settings.default_limit,
            max_limit=settings.max_limit,
            max_length=settings.max_param_length,
            expandable=expandable(spec),
        )
        snapshot = await self.data.snapshots.current()
        engine = snapshot.engine

        listing = await self.data.runner.run(snapshot, lambda s: engine.listing(s, spec, query))
        page = listing.page
        path = f"/v1/{spec.name.value}"
        answer: dict[str, Any] = {
            "items": listing.items(),
            "total": listing.total,
            "limit": query.limit,
            "next_cursor": page.next_cursor,
            "links": _links(path, params, query.cursor, page.next_cursor),
        }
        if listing.facets is not None:
            answer["facets"] = listing.facets
        return answer

    async def search(self, arguments: dict[str, Any]) -> dict[str, Any]:
        """A page of the search across every resource, each hit with the citations and
        inferred values of the record it finds."""
        params = query_params(arguments)
        settings = self.settings
        query = parse_search(
            params,
            default_limit=settings.default_limit,
            max_limit=settings.max_limit,
            max_length=settings.max_param_length,
        )
        snapshot = await self.data.snapshots.current()
        engine = snapshot.engine

        def read(session: StatementRunner) -> tuple[list[Any], str | None, int, Records]:
            hits, next_cursor, total = search_page(session, query, engine)
            return hits, next_cursor, total, _records_of(session, engine, hits, settings)

        hits, next_cursor, total, records = await self.data.runner.run(snapshot, read)
        for hit in hits:
            record = records.get((hit["type"], hit["id"]), {})
            hit["citations"] = record.get("citations", [])
            hit["inferred"] = quoting.inferred_marks(record)
        return {
            "items": hits,
            "total": total,
            "limit": query.limit,
            "next_cursor": next_cursor,
            "links": _links("/v1/search", params, query.cursor, next_cursor),
        }

    async def record(self, arguments: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """A record with its evidence and relations, as GET /v1/{resource}/{id}."""
        record_id = _record_id(arguments, {"resource", "id", "expand"})
        resource = arguments.get("resource")
        spec = RESOURCES.get(resource) if isinstance(resource, str) else None
        if spec is None:
            message = f"must be one of: {', '.join(RESOURCES)}"
            raise BadRequest([{"param": "resource", "message": message}])
        asked = query_params({"expand": arguments.get("expand")})
        names = parse_expand(asked, expandable(spec)) if asked else ()
        snapshot = await self.data.snapshots.current()
        engine = snapshot.engine

        def read(session: StatementRunner) -> dict[str, Any] | None:
            found = engine.detail(session, spec, record_id)
            if found is None:
                return None
            record: dict[str, Any] = orjson.loads(found)
            if names:
                item = orjson.dumps(record)
                record["expanded"] = engine.expanded(session, spec, [item], names)[0]
            return record

        record = await self.data.runner.run(snapshot, read)
        if record is None:
            raise ApiProblem(
                404, f"No {spec.name.value} record with id {record_id[:200]!r}.", slug="not-found"
            )
        return spec.name.value, record

    async def annotations(self, source_id: str) -> dict[str, Any]:
        """A source's cited spans, as GET /v1/sources/{id}/annotations."""
        found = await self._source_column(source_id, "annotations")
        annotations: dict[str, Any] = orjson.loads(found)
        return annotations

    async def _source_column(self, source_id: str, column: str) -> str:
        snapshot = await self.data.snapshots.current()
        engine = snapshot.engine
        found = await self.data.runner.run(
            snapshot, lambda session: engine.source_page(session, source_id, column)
        )
        if found is None:
            raise ApiProblem(404, f"No sources record with id {source_id[:200]!r}.")
        return found

    # --- resources --------------------------------------------------------------------

    async def list_resources(
        self, ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
    ) -> types.ListResourcesResult:
        """Each source's text and its cited spans, a page of sources at a time."""
        cursor = params.cursor if params is not None else None
        arguments: dict[str, Any] = {"sort": "id", "limit": self.settings.max_limit}
        if cursor:
            arguments["cursor"] = cursor
        sources = RESOURCES["sources"]
        try:
            page = await self.listing(sources, arguments)
        except Exception as exc:
            raise _protocol_error(exc) from None
        resources = []
        for source in page["items"]:
            resources += [
                types.Resource(
                    uri=SOURCE_URI.format(id=source["id"]),
                    name=source["id"],
                    title=source["title"],
                    description="The source's full text; every citation's `start` and "
                    "`end` are offsets into it, in Unicode code points.",
                    mime_type="text/plain",
                    size=len(source["text"].encode()),
                ),
                types.Resource(
                    uri=ANNOTATIONS_URI.format(id=source["id"]),
                    name=f"{source['id']}/annotations",
                    title=f"Cited spans of {source['title']}",
                    description="Every span of the source's text that a record cites, "
                    "with the records and fields it supports (JSON).",
                    mime_type="application/json",
                ),
            ]
        return types.ListResourcesResult(resources=resources, next_cursor=page["next_cursor"])

    async def list_resource_templates(
        self, ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
    ) -> types.ListResourceTemplatesResult:
        return types.ListResourceTemplatesResult(
            resource_templates=[
                types.ResourceTemplate(
                    uri_template=SOURCE_URI,
                    name="source-text",
                    title="A source's full text",
                    description="The text citations index into (Unicode code points).",
                    mime_type="text/plain",
                ),
                types.ResourceTemplate(
                    uri_template=ANNOTATIONS_URI,
                    name="source-annotations",
                    title="A source's cited spans",
                    description="Every cited span, with the records and fields it supports.",
                    mime_type="application/json",
                ),
            ]
        )

    async def read_resource(
        self, ctx: ServerRequestContext[Any], params: types.ReadResourceRequestParams
    ) -> types.ReadResourceResult:
        uri = str(params.uri)
        try:
            contents = await self._read(uri)
        except Exception as exc:
            raise _protocol_error(exc) from None
        return types.ReadResourceResult(contents=[contents])

    async def _read(self, uri: str) -> types.TextResourceContents:
        prefix, _, rest = uri.partition("circle://sources/")
        source_id, _, part = rest.partition("/")
        if prefix or not source_id or part not in ("", "annotations"):
            raise ApiProblem(404, f"No resource {uri[:200]!r}; see resources/templates/list.")
        source_id = _checked_id("uri", source_id)
        if part == "annotations":
            body = await self._source_column(source_id, "annotations")
            return types.TextResourceContents(uri=uri, mime_type="application/json", text=body)
        record = await self.record({"resource": "sources", "id": source_id})
        text = record[1]["text"]
        return types.TextResourceContents(uri=uri, mime_type="text/plain", text=text)


def render_problem_of(exc: BaseException) -> tuple[list[tuple[bytes, bytes]], bytes]:
    """The HTTP API's problem for an exception: ApiProblem's own, 503 for a lost
    database, 500 (logged) for anything else."""
    problem = as_problem(exc)
    return render_problem(problem.status, problem.detail, problem.errors, slug=problem.slug)


def _protocol_error(exc: BaseException) -> MCPError:
    """A refused resource read as a JSON-RPC error carrying the HTTP API's problem."""
    _, body = render_problem_of(exc)
    problem = orjson.loads(body)
    code = -32002 if problem["status"] == 404 else types.INVALID_PARAMS
    if problem["status"] >= 500:
        code = types.INTERNAL_ERROR
    return MCPError(code, quoting.problem_text(problem), problem)


def _checked_id(param: str, value: str) -> str:
    if len(value) > MAX_ID_LENGTH or has_control_characters(value):
        message = f"at most {MAX_ID_LENGTH} characters, none of them control characters"
        raise BadRequest([{"param": param, "message": message}])
    return value


def _record_id(arguments: dict[str, Any], allowed: set[str]) -> str:
    """The `id` argument of a record or source tool, checked as the routes check it."""
    unknown = sorted(set(arguments) - allowed)
    if unknown:
        message = f"unknown parameter; allowed: {', '.join(sorted(allowed))}"
        raise BadRequest([{"param": name[:100], "message": message} for name in unknown])
    value = arguments.get("id")
    if not isinstance(value, str) or not value:
        raise BadRequest([{"param": "id", "message": "required: the record's id, as text"}])
    return _checked_id("id", value)


def _links(
    path: str, params: dict[str, list[str]], cursor: str | None, next_cursor: str | None
) -> dict[str, str | None]:
    """The HTTP API's URLs of this page and the next: the same question over HTTP."""
    kept = [(k, v) for k, values in params.items() if k != "cursor" for v in values]

    def url(at: str | None) -> str:
        # Quoted as the HTTP API quotes its own links: a comma left as it is.
        query = urlencode(kept + ([("cursor", at)] if at else []), safe=",")
        return path + ("?" + query if query else "")

    return {"self": url(cursor), "next": url(next_cursor) if next_cursor else None}


def _records_of(
    session: StatementRunner, engine: QueryEngine, hits: list[Any], settings: Settings
) -> Records:
    """The rendered records the hits find, by (resource, id): a page per resource of at
    most MAX_LIST ids (the `id` filter's bound), as GET /v1/{resource}?id=... reads them."""
    ids: dict[str, list[str]] = defaultdict(list)
    for hit in hits:
        ids[hit["type"]].append(hit["id"])
    found: Records = {}
    for resource, wanted in ids.items():
        spec = RESOURCES[resource]
        for start in range(0, len(wanted), MAX_LIST):
            chunk = wanted[start : start + MAX_LIST]
            query = parse_collection(
                spec,
                {"id": chunk, "limit": [str(len(chunk))]},
                default_limit=settings.default_limit,
                max_limit=settings.max_limit,
                max_length=settings.max_param_length,
            )
            for doc in engine.page(session, spec, query).docs:
                record = orjson.loads(doc)
                found[(resource, record["id"])] = record
    return found


# --- the endpoint ----------------------------------------------------------------------


def mcp_server(settings: Settings, data: DataAccess) -> Server[Any]:
    handlers = AgentTools(settings, data)
    return Server(
        "circle",
        version="1.0.0",
        title="Chengdu-Chongqing Economic Circle",
        instructions=INSTRUCTIONS,
        on_list_tools=handlers.list_tools,
        on_call_tool=handlers.call_tool,
        on_list_resources=handlers.list_resources,
        on_list_resource_templates=handlers.list_resource_templates,
        on_read_resource=handlers.read_resource,
    )


class McpEndpoint:
    """POST /mcp: one JSON-RPC message (or batch) in, one JSON answer out, its body at
    most `mcp_max_body_bytes`. Refusals before the SDK reads the body are problems, as
    the rest of the API answers them.

    A request that a web page sends carries its Origin: one that `cors_origins` does not
    name is refused (403), as the MCP specification asks of a server (against DNS
    rebinding); with `cors_origins` `*`, as by default, any page may read this public
    data, as it may over the HTTP API."""

    def __init__(self, server: Server[Any], max_body: int, origins: list[str]) -> None:
        self.server = server
        self.max_body = max_body
        self.origins = None if "*" in origins else {o.encode("latin-1") for o in origins}
        # A manager per request: its start and its stop, logged at INFO, are not news.
        logging.getLogger("mcp.server.streamable_http_manager").setLevel(logging.WARNING)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] != "POST":
            detail = "The MCP endpoint takes POST only (stateless streamable HTTP, JSON answers)."
            await send_problem(send, 405, detail, {"Allow": "POST"})
            return
        headers = scope["headers"]
        origin = next((v for k, v in headers if k == b"origin"), None)
        if self.origins is not None and origin is not None and origin not in self.origins:
            detail = "The MCP endpoint answers no page of this origin (see cors_origins)."
            await send_problem(send, 403, detail)
            return
        declared = next((v for k, v in headers if k == b"content-length"), None)
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await self._too_large(send)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            body += message.get("body", b"")
            if len(body) > self.max_body:
                await self._too_large(send)
                return
            if not message.get("more_body", False):
                break
        replayed: list[Message] = [{"type": "http.request", "body": bytes(body)}]

        async def replay() -> Message:
            return replayed.pop() if replayed else await receive()

        manager = StreamableHTTPSessionManager(
            app=self.server, json_response=True, stateless=True, max_request_body_size=self.max_body
        )
        async with manager.run():
            await manager.handle_request(scope, replay, send)

    async def _too_large(self, send: Send) -> None:
        detail = f"The request body is larger than {self.max_body} bytes."
        await send_problem(send, 413, detail, {"Connection": "close"})


def endpoint(settings: Settings, data: DataAccess) -> McpEndpoint:
    """The endpoint at /mcp (api/agents/mount.py puts it there)."""
    server = mcp_server(settings, data)
    return McpEndpoint(server, settings.mcp_max_body_bytes, settings.cors_origins)
