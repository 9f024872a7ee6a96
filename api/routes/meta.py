"""GET /v1 (what is served), /healthz (alive) and /readyz (the data can be read now)."""

import orjson
from fastapi import APIRouter, Request
from starlette.responses import Response

from api.answers import answer
from api.data.access import DataAccess
from api.routes.responses import GUARDED, READS, not_modified, ok
from models.public import HealthPublic, IndexPublic


def router() -> APIRouter:
    routes = APIRouter(tags=["meta"])

    @routes.get(
        "/v1",
        operation_id="get_index",
        summary="What is served: dataset version, sources and collections",
        description="The dataset version being served, when it was seeded, its sources, "
        "and every collection with its record count and URL.",
        response_model=IndexPublic,
        responses={200: ok("The index."), **not_modified(), **READS},
    )
    async def get_index(request: Request) -> Response:
        data: DataAccess = request.app.state.data
        snapshot = await data.snapshots.current(request.scope)
        return answer(request, snapshot.index)

    @routes.get(
        "/healthz",
        operation_id="get_health",
        summary="The process is alive",
        description="Always `ok` while the process answers; it does not touch the data "
        "(see `/readyz` for that).",
        response_model=HealthPublic,
        responses={200: ok("Alive."), **not_modified(), **GUARDED},
    )
    async def get_health(request: Request) -> Response:
        return answer(request, b'{"status":"ok"}')

    @routes.get(
        "/readyz",
        operation_id="get_readiness",
        summary="The data can be read now",
        description="Checked against the database at most once per configured interval "
        "(`CIRCLE_READINESS_TTL_MS`), on the server's own connections.",
        response_model=HealthPublic,
        responses={
            200: ok("Ready.", "X-Dataset-Version"),
            **not_modified("X-Dataset-Version"),
            **READS,
        },
    )
    async def get_readiness(request: Request) -> Response:
        data: DataAccess = request.app.state.data
        version = await data.readiness.version()  # raises the 503 problem
        response = answer(request, orjson.dumps({"status": "ready"}))
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Dataset-Version"] = version
        return response

    return routes
