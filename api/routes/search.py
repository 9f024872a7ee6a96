"""GET /v1/search: one ranked search across every resource."""

from typing import Any

import orjson
from fastapi import APIRouter, Request
from starlette.responses import Response

from api.direct import DirectRoute
from api.http import QueryString, answer
from api.query.openapi import SearchPage, search_parameters
from api.query.search import parse_search, search_page
from api.reader import Reader
from api.routes.responses import NOT_MODIFIED, READ_ERRORS
from api.settings import get_settings
from models.vocab import ResourceName

router = APIRouter(prefix="/v1", tags=["search"], route_class=DirectRoute)
_settings = get_settings()


@router.get(
    "/search",
    operation_id="search",
    summary="Search every resource",
    description="Case-insensitive search of every record's text. A match in a record's name "
    "ranks above a match in its body (relevance 2 and 1); ties by type, then id.",
    response_model=SearchPage,
    responses={**NOT_MODIFIED, **READ_ERRORS},
    openapi_extra={
        "parameters": search_parameters(
            _settings.default_limit, _settings.max_limit, [r.value for r in ResourceName]
        )
    },
)
async def search(request: Request) -> Response:
    reader: Reader = request.app.state.reader
    snapshot = await reader.current(request.scope)
    settings = reader.settings
    asked = QueryString(request)
    query = parse_search(
        asked.lists(),
        default_limit=settings.default_limit,
        max_limit=settings.max_limit,
        max_length=settings.max_param_length,
    )
    hits, next_cursor, total = await reader.run(
        lambda session: search_page(session, query, snapshot.engine)
    )
    self_url, next_url = asked.page_urls(query.cursor, next_cursor)
    envelope: dict[str, Any] = {
        "items": hits,
        "total": total,
        "limit": query.limit,
        "next_cursor": next_cursor,
        "links": {"self": self_url, "next": next_url},
    }
    headers = {"Link": f'<{next_url}>; rel="next"'} if next_url else None
    return answer(request, orjson.dumps(envelope), headers=headers)
