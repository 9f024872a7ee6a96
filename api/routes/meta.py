"""GET /v1 (what is served), /healthz (alive) and /readyz (the data can be read now)."""

import logging

import orjson
from fastapi import APIRouter, Request
from starlette.responses import Response

from api.db import DatabaseUnavailable
from api.errors import Unavailable
from api.http import ReaderDep, SnapshotDep, answer
from api.routes.responses import NOT_MODIFIED, READ_ERRORS, problem
from models.public import HealthPublic, IndexPublic

router = APIRouter(tags=["meta"])
log = logging.getLogger("circle")


@router.get(
    "/v1",
    operation_id="get_index",
    summary="What is served: dataset version, sources and collections",
    response_model=IndexPublic,
    responses={**NOT_MODIFIED, **READ_ERRORS},
)
async def get_index(request: Request, snapshot: SnapshotDep) -> Response:
    return answer(request, snapshot.index)


@router.get(
    "/healthz",
    operation_id="get_health",
    summary="The process is alive",
    response_model=HealthPublic,
    responses={**NOT_MODIFIED},
)
async def get_health(request: Request) -> Response:
    return answer(request, b'{"status":"ok"}')


@router.get(
    "/readyz",
    operation_id="get_readiness",
    summary="The data can be read now (checked over a fresh connection)",
    response_model=HealthPublic,
    responses={**NOT_MODIFIED, 503: problem("The data cannot be read now.")},
)
def get_readiness(request: Request, reader: ReaderDep) -> Response:
    try:
        version = reader.fresh_check()
    except DatabaseUnavailable as exc:
        log.warning("not ready: %s", exc)  # the reason may name a path: logged, not shown
        raise Unavailable() from None
    response = answer(request, orjson.dumps({"status": "ready"}))
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Dataset-Version"] = version
    return response
