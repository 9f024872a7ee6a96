"""GET /v1/{resource} and /v1/{resource}/{id} for every resource, from its description."""

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Path, Request
from starlette.responses import Response

from api.answers import QueryString, answer, page_answer, stream
from api.data.access import DataAccess
from api.data.snapshots import Snapshot
from api.errors import ApiProblem, BadRequest
from api.export_admission import AdmittedResponse, ExportSlots
from api.fastpath.direct_routes import DirectRoute
from api.query.engine import Page, export_lines, trim
from api.query.openapi import collection_parameters, page_model
from api.query.params import CollectionQuery, Format, has_control_characters, parse_collection
from api.query.statements import StatementRunner
from api.routes.responses import NOT_FOUND, READS, not_modified, ok
from api.settings import Settings
from models.resources import RESOURCES, ResourceSpec

MAX_ID_LENGTH = 200
# Any text without control characters (which the endpoint refuses with 400).
ID_PATTERN = "^[^\\x00-\\x1f\\x7f-\\x9f]+$"
Facets = dict[str, list[dict[str, Any]]]
MEDIA = {Format.csv: "text/csv; charset=utf-8", Format.ndjson: "application/x-ndjson"}
# A collection's answer depends on Accept (the export format), on every status alike.
VARY = {"Vary": "Accept"}
ACCEPT = b"accept"


def _list_endpoint(spec: ResourceSpec, settings: Settings) -> Callable[..., Awaitable[Response]]:
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
        )
        engine = snapshot.engine
        runner = data.runner
        if query.format is not Format.json:
            return await _export(request, settings, spec, query, snapshot)

        def read(session: StatementRunner) -> tuple[Page, int, Facets | None]:
            page = engine.page(session, spec, query, query.cursor)
            total = engine.total(session, spec, query, page)
            facets = engine.facets(session, spec, query) if query.facets else None
            return page, total, facets

        page, total, facets = await runner.run(snapshot, read)
        fields = query.fields
        return page_answer(
            request,
            asked,
            None if fields is None else [trim(doc, fields) for doc in page.docs],
            total=total,
            limit=query.limit,
            cursor=query.cursor,
            next_cursor=page.next_cursor,
            facets=facets,
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
        # Documented, not validated by FastAPI: the endpoint checks it, with the fast
        # path on or off alike.
        id: str = Path(
            description="The record's slug.",
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
        if request.scope["query_string"]:
            names = ", ".join(sorted(set(request.query_params.keys())))[:200]
            raise ApiProblem(
                400,
                "This endpoint takes no query parameters.",
                errors=[{"param": names, "message": "unknown parameter; allowed: none"}],
            )
        engine = snapshot.engine
        body = await data.runner.run(
            snapshot, lambda session: engine.detail(session, spec, record_id)
        )
        if body is None:
            raise ApiProblem(404, f"No {spec.name.value} record with id {record_id[:200]!r}.")
        return answer(request, body.encode())

    return get_record


def router(settings: Settings) -> APIRouter:
    """The list and detail routes of every resource, documented from its description and
    from these settings' limits."""
    routes = APIRouter(prefix="/v1", route_class=DirectRoute)
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
                        "A page of records (json), or every matching record (csv, ndjson).",
                        "Link",
                        "Vary",
                        "Content-Disposition",
                    ),
                    "content": {
                        "text/csv": {
                            "schema": {
                                "type": "string",
                                "description": "Every matching record, a header row first.",
                            },
                        },
                        "application/x-ndjson": {
                            "schema": {
                                "type": "string",
                                "description": "Every matching record, one JSON object a line.",
                            },
                        },
                    },
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
                **not_modified("Link", "Vary", "Content-Disposition"),
                **READS,
            },
            openapi_extra={
                "parameters": collection_parameters(
                    spec, settings.default_limit, settings.max_limit
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
        )
    return routes
