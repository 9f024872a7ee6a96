"""GET /v1/{resource} and /v1/{resource}/{id} for every resource, from its description."""

from collections.abc import Awaitable, Callable

import orjson
from fastapi import APIRouter, Path, Request
from starlette.responses import Response

from api.answers import QueryString, answer, page_answer, stream
from api.data.access import DataAccess
from api.data.snapshots import Snapshot
from api.errors import ApiProblem, BadRequest
from api.export_admission import AdmittedResponse, ExportSlots
from api.query.engine import export_lines
from api.query.expand import expandable
from api.query.openapi import collection_parameters, expand_parameters, page_model, page_union
from api.query.params import (
    CollectionQuery,
    Format,
    has_control_characters,
    parse_collection,
    parse_expand,
)
from api.query.statements import StatementRunner
from api.routes.responses import NOT_FOUND, READS, STALE_CURSOR, not_modified, ok
from api.settings import Settings
from models.resources import ID_MAX_LENGTH, RESOURCES, ResourceSpec

MAX_ID_LENGTH = ID_MAX_LENGTH
# Any text without control characters (which the endpoint refuses with 400).
ID_PATTERN = "^[^\\x00-\\x1f\\x7f-\\x9f]+$"
MEDIA = {Format.csv: "text/csv; charset=utf-8", Format.ndjson: "application/x-ndjson"}
# The export operations: each format's media type, and what its body is.
EXPORTS = {
    Format.csv: ("text/csv", "CSV, a header row first"),
    Format.ndjson: ("application/x-ndjson", "NDJSON, one JSON object a line"),
}


class CsvResponse(Response):
    """The media type an export operation documents (the endpoint builds its answer)."""

    media_type = "text/csv"


class NdjsonResponse(Response):
    media_type = "application/x-ndjson"


EXPORT_CLASSES: dict[Format, type[Response]] = {
    Format.csv: CsvResponse,
    Format.ndjson: NdjsonResponse,
}
# A collection's answer depends on Accept (the export format), on every status alike.
VARY = {"Vary": "Accept"}
ACCEPT = b"accept"


def _list_endpoint(
    spec: ResourceSpec, settings: Settings, export: Format | None = None
) -> Callable[..., Awaitable[Response]]:
    """A collection's page (or, with `format`/`Accept`, its export); with `export`, the
    export operation of that format (/v1/<name>.csv, /v1/<name>.ndjson)."""

    async def list_records(request: Request) -> Response:
        data: DataAccess = request.app.state.data
        snapshot = await data.snapshots.current(request.scope)
        asked = QueryString(request)
        query = parse_collection(
            spec,
            asked.lists(),
            default_limit=settings.default_limit,
            max_limit=settings.max_limit,
            max_length=settings.max_param_length,
            memos=request.app.state.parse_memos,
            # The first Accept, as request.headers reads it, without building Headers.
            accept=next(
                (v.decode("latin-1") for k, v in request.scope["headers"] if k == ACCEPT), None
            ),
            export=export,
            expandable=expandable(spec),
        )
        engine = snapshot.engine
        runner = data.runner
        if query.format is not Format.json:
            return await _export(request, settings, spec, query, snapshot)

        listing = await runner.run(snapshot, lambda s: engine.listing(s, spec, query))
        page = listing.page
        # Rendered records are written as they are, unless trimmed or given `expanded`.
        reshaped = query.fields is not None or listing.expanded is not None
        return page_answer(
            request,
            asked,
            listing.items(query.fields) if reshaped else None,
            total=listing.total,
            limit=query.limit,
            cursor=query.cursor,
            next_cursor=page.next_cursor,
            facets=listing.facets,
            headers=VARY,
            documents=page.docs,
        )

    return list_records


async def _export(
    request: Request,
    settings: Settings,
    spec: ResourceSpec,
    query: CollectionQuery,
    snapshot: Snapshot,
) -> Response:
    """Every matching record, streamed: refused (400) past max_export_rows, and (503)
    when the worker streams max_exports already; admitted, its first batch is read
    before the answer starts, so that a database that cannot be read is a 503, not a
    200 with a body that breaks off at once."""
    data: DataAccess = request.app.state.data
    slots: ExportSlots = request.app.state.export_slots
    engine = snapshot.engine
    runner = data.runner
    rows = await runner.run(snapshot, lambda session: engine.total(session, spec, query))
    if rows > settings.max_export_rows:
        raise ApiProblem(
            400,
            f"The export would hold {rows} records; at most {settings.max_export_rows}.",
            errors=[{"param": "format", "message": "narrow the filters to export"}],
            slug="export-too-large",
        )
    body = slots.admit()
    try:
        first = await runner.run(snapshot, lambda s: engine.export_batch(s, spec, query))
        chunks = export_lines(
            engine.export(lambda: runner.session(snapshot), spec, query, first),
            query.format,
            spec.item_fields,
            query.fields,
        )
        response = await stream(
            request,
            snapshot.version,
            body.of(chunks),
            MEDIA[query.format],
            f"{spec.name.value}.{query.format.value}",
            VARY,
        )
    except BaseException:
        body.close()
        raise
    if response.status_code == 304:
        body.close()  # no body to send
        return response
    return AdmittedResponse(response, body)


def _detail_endpoint(spec: ResourceSpec) -> Callable[..., Awaitable[Response]]:
    async def get_record(
        request: Request,
        # Documented, not validated by FastAPI: the endpoint checks it.
        id: str = Path(
            description=spec.by_name["id"].description,
            examples=[spec.example_id],
            json_schema_extra={"maxLength": MAX_ID_LENGTH, "pattern": ID_PATTERN},
        ),
    ) -> Response:
        data: DataAccess = request.app.state.data
        snapshot = await data.snapshots.current(request.scope)
        record_id = id
        if len(record_id) > MAX_ID_LENGTH:
            message = f"String should have at most {MAX_ID_LENGTH} characters"
            raise BadRequest([{"param": "id", "message": message}])
        if has_control_characters(record_id):
            raise BadRequest([{"param": "id", "message": "contains control characters"}])
        names: tuple[str, ...] = ()
        if request.scope["query_string"]:
            names = parse_expand(QueryString(request).lists(), expandable(spec))
        engine = snapshot.engine

        def read(session: StatementRunner) -> str | None:
            found = engine.detail(session, spec, record_id)
            if found is None or not names:
                return found
            record = orjson.loads(found)
            record["expanded"] = engine.expanded(session, spec, [found.encode()], names)[0]
            return orjson.dumps(record).decode()

        body = await data.runner.run(snapshot, read)
        if body is None:
            raise ApiProblem(
                404, f"No {spec.name.value} record with id {record_id[:200]!r}.", slug="not-found"
            )
        return answer(request, body.encode())

    return get_record


def router(settings: Settings) -> APIRouter:
    """The list and detail routes of every resource, documented from its description and
    from these settings' limits."""
    routes = APIRouter(prefix="/v1")
    for spec in RESOURCES.values():
        name = spec.name.value
        singular = spec.item_model.__name__.removesuffix("Public").lower()
        routes.add_api_route(
            f"/{name}",
            _list_endpoint(spec, settings),
            methods=["GET"],
            tags=[name],
            summary=f"List {name}",
            description=spec.description + " Filter, sort, page, facet and export; see parameters.",
            operation_id=f"list_{name}",
            response_model=page_model(spec),
            responses={
                200: {
                    **ok(
                        "A page of records: the whole records, or (with `fields=`) the "
                        f"trimmed ones of `{page_model(spec).__name__.replace('Page', '')}"
                        "PartialPage`.",
                        "Link",
                        "Vary",
                    ),
                    "content": {"application/json": {"schema": page_union(spec)}},
                    "links": {
                        "NextPage": {
                            "operationId": f"list_{name}",
                            "parameters": {"cursor": "$response.body#/next_cursor"},
                        },
                        "GetFirstRecord": {
                            "operationId": f"get_{singular}",
                            "parameters": {"id": "$response.body#/items/0/id"},
                        },
                    },
                },
                **not_modified("Link", "Vary"),
                **READS,
                409: STALE_CURSOR,
            },
            openapi_extra={
                "parameters": collection_parameters(
                    spec, settings.default_limit, settings.max_limit, settings.max_param_length
                )
            },
        )
        for fmt, (media, what) in EXPORTS.items():
            routes.add_api_route(
                f"/{name}.{fmt.value}",
                _list_endpoint(spec, settings, fmt),
                methods=["GET"],
                tags=[name],
                summary=f"Export {name} as {fmt.value.upper()}",
                description=f"Every matching record of {name}, unpaged: {what}. Takes the "
                "filters, `q`, `sort` and `fields` of the collection's page; at most "
                f"{settings.max_export_rows} records.",
                operation_id=f"export_{name}_{fmt.value}",
                response_class=EXPORT_CLASSES[fmt],
                responses={
                    200: {
                        **ok(f"Every matching record, {what}.", "Vary", "Content-Disposition"),
                        "content": {media: {"schema": {"type": "string", "description": what}}},
                    },
                    **not_modified("Vary", "Content-Disposition"),
                    **READS,
                },
                openapi_extra={
                    "parameters": collection_parameters(
                        spec,
                        settings.default_limit,
                        settings.max_limit,
                        settings.max_param_length,
                        export=True,
                    )
                },
            )
        routes.add_api_route(
            f"/{name}/{{id}}",
            _detail_endpoint(spec),
            methods=["GET"],
            tags=[name],
            summary=f"Get one {singular} with what it links to",
            description=f"One record of {name} by its id, with the records it links to.",
            operation_id=f"get_{singular}",
            response_model=spec.detail_model,
            responses={
                200: ok(f"The {singular}."),
                **not_modified(),
                **READS,
                404: NOT_FOUND,
            },
            openapi_extra={"parameters": expand_parameters(spec)} if expandable(spec) else None,
        )
    return routes
