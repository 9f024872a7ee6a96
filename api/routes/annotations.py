"""GET /v1/sources/{id}/annotations and /page: every cited span of a source, with the
records and fields it supports, as JSON and as an annotated HTML page (rendered by the
loader, served as stored)."""

from typing import Any

from fastapi import APIRouter, Path, Request
from sqlalchemy import Select, bindparam, select
from starlette.responses import Response

from api.errors import ApiProblem
from api.http import answer
from api.query.statements import Session
from api.reader import Reader
from api.routes.responses import NOT_MODIFIED, READ_ERRORS
from models.public import SourceAnnotations
from models.tables import SourcePage

router = APIRouter(prefix="/v1/sources", tags=["sources"])
PAGES = SourcePage.__table__  # type: ignore[attr-defined]
SourceId = Path(
    max_length=200, description="The source's id.", examples=["cc-economic-circle-2022"]
)


async def _stored(request: Request, source_id: str, column: str) -> str:
    reader: Reader = request.app.state.reader
    await reader.current(request.scope)
    if request.query_params:
        raise ApiProblem(
            400,
            "This endpoint takes no query parameters.",
            errors=[{"param": "query", "message": "unknown parameter; allowed: none"}],
        )

    def build() -> Select[Any]:
        return select(PAGES.c[column]).where(PAGES.c.source_id == bindparam("id"))

    def read(session: Session) -> list[tuple[Any, ...]]:
        return session.rows(("source_page", column), build, {"id": source_id})

    rows = await reader.run(read)
    if not rows:
        raise ApiProblem(404, f"No sources record with id {source_id[:200]!r}.")
    return str(rows[0][0])


@router.get(
    "/{id}/annotations",
    operation_id="get_source_annotations",
    summary="Every cited span of a source, with the records and fields it supports",
    response_model=SourceAnnotations,
    responses={**NOT_MODIFIED, **READ_ERRORS},
)
async def get_annotations(request: Request, id: str = SourceId) -> Response:
    return answer(request, (await _stored(request, id, "annotations")).encode())


@router.get(
    "/{id}/page",
    operation_id="get_source_page",
    summary="The source as an HTML page, its cited spans highlighted and linked both ways",
    response_class=Response,
    responses={
        200: {"description": "An HTML page (works offline).", "content": {"text/html": {}}},
        **NOT_MODIFIED,
        **READ_ERRORS,
    },
)
async def get_page(request: Request, id: str = SourceId) -> Response:
    body = (await _stored(request, id, "page")).encode()
    return answer(request, body, media_type="text/html; charset=utf-8")
