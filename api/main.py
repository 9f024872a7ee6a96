"""The application: create_app(settings) for tests and servers, `app` for uvicorn.

A request passes, from the outside in:
  request_guard.RequestGuard   request id, access log, security headers, Host, URL
                               length, HEAD as GET, OPTIONS
  fastpath.negotiated(...)     CORS and gzip; with the fast path on, also the response
                               cache and the read routes answered in front of FastAPI
  FastAPI                      routes/ (meta, search, collections, docs), whose read
                               endpoints parse with api/query/params.py, run the query
                               engine (api/query/engine.py) through api/data/runner.py
                               against the current snapshot (api/data/snapshots.py),
                               and answer through api/answers.py
Errors of every layer are rendered by api/errors.py.

With the fast path on, `circle serve`'s protocol first asks `memory_answers` (the guard's
checks and the response cache, without awaiting) and writes a stored answer itself; only
the requests it cannot answer become ASGI requests here.
"""

import gc
import sys

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from api.answers import DocumentDigests
from api.data.access import DataAccess
from api.errors import ApiProblem, DatabaseUnavailable, problem_for, problem_response
from api.export_admission import ExportSlots
from api.fastpath.memory_answers import MemoryAnswers
from api.fastpath.response_cache import ResponseCache
from api.fastpath.stack import negotiated
from api.openapi_document import TITLE, openapi_document
from api.query.params import ParseMemos
from api.request_guard import ALLOW, RequestGuard
from api.routes import annotations, collections, docs, meta, search
from api.settings import Settings, get_settings


def _problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_problem(_: Request, exc: StarletteHTTPException) -> Response:
        headers = dict(exc.headers or {})
        detail = {404: "No such route.", 405: "Only GET, HEAD and OPTIONS are allowed."}.get(
            exc.status_code, str(exc.detail)[:200]
        )
        if exc.status_code == 405:
            headers["Allow"] = ALLOW.decode()
        return problem_response(exc.status_code, detail, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def validation_problem(_: Request, exc: RequestValidationError) -> Response:
        # FastAPI's own body echoes the input back; name the parameter, not its value.
        errors = [
            {"param": str(e["loc"][-1])[:100], "message": str(e["msg"])[:200]} for e in exc.errors()
        ]
        return problem_response(400, f"{errors[0]['param']}: {errors[0]['message']}", errors)

    # ApiProblem, a lost database, anything else: the one rendering of api/errors.py.
    for kind in (ApiProblem, DatabaseUnavailable, Exception):
        app.add_exception_handler(kind, _problem)


async def _problem(_: Request, exc: Exception) -> Response:
    return problem_for(exc)


class CircleApp:
    """The ASGI application: the layers of the module docstring around FastAPI (`api`)."""

    def __init__(
        self,
        api: FastAPI,
        stack: RequestGuard,
        data: DataAccess,
        memory_answers: MemoryAnswers | None,
    ) -> None:
        self.api = api
        self.state = api.state
        self.data = data
        self.stack = stack
        # Read by the one-write protocol: stored answers written without an ASGI task.
        self.memory_answers = memory_answers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.stack(scope, receive, send)

    def close(self) -> None:
        if self.stack.log is not None:
            self.stack.log.drain()
        self.data.close()


def create_app(settings: Settings | None = None) -> CircleApp:
    """The whole application, from `settings` alone: routes, limits and documentation."""
    settings = settings or get_settings()
    data = DataAccess(settings)  # raises DatabaseUnavailable: no server that answers 500
    api = FastAPI(
        title=TITLE,
        version="1.0.0",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        # Links are relative and never built from the Host header: no slash redirects.
        redirect_slashes=False,
    )
    api.state.settings = settings
    api.state.data = data
    # The app's own memories, bounded in bytes by its settings (not module globals:
    # two apps in one process keep their own).
    api.state.parse_memos = ParseMemos(settings.memo_bytes)
    api.state.digests = DocumentDigests(settings.digest_cache_bytes)
    api.state.export_slots = ExportSlots(settings.max_exports)
    routers = [meta.router(), search.router(settings), collections.router(settings)]
    routers += [annotations.router(), docs.router()]
    for router in routers:
        api.include_router(router)
    routes = [route for router in routers for route in router.routes]
    _problem_handlers(api)
    api.state.openapi_bytes = orjson.dumps(openapi_document(api))
    served = negotiated(api, routes, settings, data)
    stack = RequestGuard(
        served,
        routes=routes,
        max_url_length=settings.max_url_length,
        trusted_hosts=settings.trusted_hosts,
        log=settings.access_log,
    )
    memory = MemoryAnswers(stack, served) if isinstance(served, ResponseCache) else None
    return CircleApp(api, stack, data, memory)


def __getattr__(name: str) -> CircleApp:
    """`api.main:app` for uvicorn, built on first use so that importing is harmless."""
    if name != "app":
        raise AttributeError(name)
    try:
        built = create_app()
    except DatabaseUnavailable as exc:
        print(f"circle: cannot serve: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    # Everything built so far lives as long as the process: out of the collector's sight,
    # a full collection takes microseconds instead of a pause that shows in the p99.
    gc.freeze()
    globals()["app"] = built
    return built
