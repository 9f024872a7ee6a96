"""GET /v1/search: one ranked search across every resource."""

from fastapi import APIRouter, Request
from starlette.responses import Response

from api.answers import QueryString, page_answer
from api.data.access import DataAccess
from api.query.openapi import SearchPage, search_parameters
from api.query.search import parse_search, search_page
from api.routes.responses import READS, not_modified, ok
from api.settings import Settings
from models.vocab import ResourceName


def router(settings: Settings) -> APIRouter:
    routes = APIRouter(prefix="/v1", tags=["search"])

    @routes.get(
        "/search",
        operation_id="search",
        summary="Search every resource",
        description="Case-insensitive search of every record's text. A match in a record's "
        "name ranks above a match in its body (relevance 2 and 1); ties by type, then id.",
        response_model=SearchPage,
        responses={200: ok("A page of hits.", "Link"), **not_modified("Link"), **READS},
        openapi_extra={
            "parameters": search_parameters(
                settings.default_limit,
                settings.max_limit,
                [r.value for r in ResourceName],
                settings.max_param_length,
            )
        },
    )
    async def search(request: Request) -> Response:
        data: DataAccess = request.app.state.data
        snapshot = await data.snapshots.current(request.scope)
        asked = QueryString(request)
        query = parse_search(
            asked.lists(),
            default_limit=settings.default_limit,
            max_limit=settings.max_limit,
            max_length=settings.max_param_length,
        )
        hits, next_cursor, total = await data.runner.run(
            snapshot, lambda session: search_page(session, query, snapshot.engine)
        )
        return page_answer(
            request,
            asked,
            hits,
            total=total,
            limit=query.limit,
            cursor=query.cursor,
            next_cursor=next_cursor,
        )

    return routes
