"""GET /v1/{resource} and /v1/{resource}/{id} for every resource, from its description."""

from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from fastapi import APIRouter, Path, Request
from sqlalchemy import Select, bindparam, select
from starlette.responses import Response

from api.direct import DirectRoute
from api.errors import ApiProblem, BadRequest
from api.http import QueryString, answer, stream
from api.query.engine import Page, export_lines, trim
from api.query.openapi import collection_parameters, page_model
from api.query.params import Format, parse_collection
from api.query.sql import DOCUMENTS
from api.query.statements import Session
from api.reader import Reader
from api.routes.responses import NOT_MODIFIED, READ_ERRORS
from api.settings import get_settings
from models.resources import RESOURCES, ResourceSpec

router = APIRouter(prefix="/v1", route_class=DirectRoute)

MAX_ID_LENGTH = 200
Facets = dict[str, list[dict[str, Any]]]
MEDIA = {Format.csv: "text/csv; charset=utf-8", Format.ndjson: "application/x-ndjson"}


def _list_endpoint(spec: ResourceSpec) -> Callable[..., Awaitable[Response]]:
    async def list_records(request: Request) -> Response:
        reader: Reader = request.app.state.reader
        snapshot = await reader.current(request.scope)
        settings = reader.settings
        asked = QueryString(request)
        query = parse_collection(
            spec,
            asked.lists(),
            default_limit=settings.default_limit,
            max_limit=settings.max_limit,
            max_length=settings.max_param_length,
        )
        engine = snapshot.engine
        if query.format is not Format.json:
            rows = await reader.run(lambda session: engine.total(session, spec, query))
            if rows > settings.max_export_rows:
                raise ApiProblem(
                    400,
                    f"The export would hold {rows} records; at most {settings.max_export_rows}.",
                    errors=[{"param": "format", "message": "narrow the filters to export"}],
                )

            chunks = export_lines(
                engine.export(reader.session, spec, query),
                query.format,
                spec.item_fields,
                query.fields,
            )
            return stream(
                request,
                snapshot.version,
                chunks,
                MEDIA[query.format],
                f"{spec.name.value}.{query.format.value}",
            )

        def read(session: Session) -> tuple[Page, int, Facets | None]:
            page = engine.page(session, spec, query, query.cursor)
            total = engine.total(session, spec, query, page)
            facets = engine.facets(session, spec, query) if query.facets else None
            return page, total, facets

        page, total, facets = await reader.run(read)
        self_url, next_url = asked.page_urls(query.cursor, page.next_cursor)
        envelope: dict[str, Any] = {
            "items": [trim(doc, query.fields) for doc in page.docs],
            "total": total,
            "limit": query.limit,
            "next_cursor": page.next_cursor,
            "links": {"self": self_url, "next": next_url},
        }
        if facets is not None:
            envelope["facets"] = facets
        headers = {"Link": f'<{next_url}>; rel="next"'} if next_url else None
        return answer(request, orjson.dumps(envelope), headers=headers)

    return list_records


def _detail_endpoint(spec: ResourceSpec) -> Callable[..., Awaitable[Response]]:
    def build() -> Select[Any]:
        found = DOCUMENTS.c.key == spec.column("document")
        return select(DOCUMENTS.c.detail).where(found, spec.column("id") == bindparam("id"))

    async def get_record(
        request: Request,
        id: str = Path(
            max_length=MAX_ID_LENGTH, description="The record's slug.", examples=[spec.example_id]
        ),
    ) -> Response:
        reader: Reader = request.app.state.reader
        await reader.current(request.scope)  # a replaced SQLite file is noticed before the query
        record_id = id
        if len(record_id) > MAX_ID_LENGTH:
            message = f"String should have at most {MAX_ID_LENGTH} characters"
            raise BadRequest([{"param": "id", "message": message}])
        if request.query_params:
            names = ", ".join(sorted(set(request.query_params.keys())))[:200]
            raise ApiProblem(
                400,
                "This endpoint takes no query parameters.",
                errors=[{"param": names, "message": "unknown parameter; allowed: none"}],
            )
        key = ("detail", spec.name)
        rows = await reader.run(lambda session: session.rows(key, build, {"id": record_id}))
        if not rows:
            raise ApiProblem(404, f"No {spec.name.value} record with id {record_id[:200]!r}.")
        body: str = rows[0][0]
        return answer(request, body.encode())

    return get_record


def _register(spec: ResourceSpec) -> None:
    settings = get_settings()
    name = spec.name.value
    singular = spec.item_model.__name__.removesuffix("Public").lower()
    router.add_api_route(
        f"/{name}",
        _list_endpoint(spec),
        methods=["GET"],
        tags=[name],
        summary=f"List {name}",
        description=spec.description + " Filter, sort, page, facet and export; see parameters.",
        operation_id=f"list_{name}",
        response_model=page_model(spec),
        responses={
            200: {
                "description": "A page of records (json), or every matching record (csv, ndjson).",
                "content": {
                    MEDIA[Format.csv]: {"schema": {"type": "string"}},
                    MEDIA[Format.ndjson]: {"schema": {"type": "string"}},
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
            **NOT_MODIFIED,
            **READ_ERRORS,
        },
        openapi_extra={
            "parameters": collection_parameters(spec, settings.default_limit, settings.max_limit)
        },
    )
    router.add_api_route(
        f"/{name}/{{id}}",
        _detail_endpoint(spec),
        methods=["GET"],
        tags=[name],
        summary=f"Get one {singular} with what it links to",
        operation_id=f"get_{singular}",
        response_model=spec.detail_model,
        responses={**NOT_MODIFIED, **READ_ERRORS},
    )


for _spec in RESOURCES.values():
    _register(_spec)
