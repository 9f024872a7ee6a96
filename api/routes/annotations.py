"""GET /v1/sources/{id}/annotations and /page: every cited span of a source, with the
records and fields it supports, as JSON and as an annotated HTML page (rendered by the
loader, served as stored)."""

from fastapi import APIRouter, Path, Request
from starlette.responses import Response

from api.answers import answer
from api.data.access import DataAccess
from api.errors import ApiProblem, BadRequest
from api.query.params import has_control_characters
from api.routes.collections import ID_PATTERN, MAX_ID_LENGTH
from api.routes.responses import NOT_FOUND, READS, not_modified, ok
from models.public import SourceAnnotations

# Documented, not validated by FastAPI: _stored checks it (as the record routes do).
SourceId = Path(
    description="The source's id.",
    examples=["cc-economic-circle-2022"],
    json_schema_extra={"maxLength": MAX_ID_LENGTH, "pattern": ID_PATTERN},
)


async def _stored(request: Request, source_id: str, column: str) -> str:
    data: DataAccess = request.app.state.data
    snapshot = await data.snapshots.current(request.scope)
    if len(source_id) > MAX_ID_LENGTH or has_control_characters(source_id):
        message = f"at most {MAX_ID_LENGTH} characters, none of them control characters"
        raise BadRequest([{"param": "id", "message": message}])
    if request.scope["query_string"]:
        raise ApiProblem(
            400,
            "This endpoint takes no query parameters.",
            errors=[{"param": "query", "message": "unknown parameter; allowed: none"}],
        )
    engine = snapshot.engine
    found = await data.runner.run(
        snapshot, lambda session: engine.source_page(session, source_id, column)
    )
    if found is None:
        raise ApiProblem(404, f"No sources record with id {source_id[:200]!r}.")
    return found


def router() -> APIRouter:
    routes = APIRouter(prefix="/v1/sources", tags=["sources"])

    @routes.get(
        "/{id}/annotations",
        operation_id="get_source_annotations",
        summary="Every cited span of a source, with the records and fields it supports",
        description="Each span of the source's text that some record cites, in text order, "
        "with every record and field it is evidence for.",
        response_model=SourceAnnotations,
        responses={
            200: ok("The source's cited spans."),
            **not_modified(),
            **READS,
            404: NOT_FOUND,
        },
    )
    async def get_annotations(request: Request, id: str = SourceId) -> Response:
        return answer(request, (await _stored(request, id, "annotations")).encode())

    @routes.get(
        "/{id}/page",
        operation_id="get_source_page",
        summary="The source as an HTML page, its cited spans highlighted and linked both ways",
        description="The article, every cited span highlighted and linked to the records it "
        "supports, each record linked back to its words; it needs nothing from elsewhere.",
        response_class=Response,
        responses={
            200: {
                **ok("An HTML page (works offline)."),
                "content": {"text/html": {"schema": {"type": "string"}}},
            },
            **not_modified(),
            **READS,
            404: NOT_FOUND,
        },
    )
    async def get_page(request: Request, id: str = SourceId) -> Response:
        body = (await _stored(request, id, "page")).encode()
        return answer(request, body, media_type="text/html; charset=utf-8")

    return routes
