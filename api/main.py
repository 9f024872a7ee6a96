"""The application: create_app(settings) for tests and servers, `app` for uvicorn.

A request passes, from the outside in:
  request_guard.RequestGuard    request id, access log, security headers, Host, URL
                                length, HEAD as GET, OPTIONS
  agents.mount.WithMcp          POST /mcp only: the MCP server (api/agents)
  response_cache.ResponseCache  whole answers from memory, keyed per dataset version: a
                                hit pays for nothing below
  cors_gzip.ProblemCors         Starlette's CORSMiddleware
  cors_gzip.RefusableGzip       Starlette's GZipMiddleware
  ReadRoutes, FastAPI           routes/ (meta, search, collections, docs), whose read
                                endpoints parse with api/query/params.py, run the query
                                engine (api/query/engine.py) through api/data/runner.py
                                against the current snapshot (api/data/snapshots.py),
                                and answer through api/answers.py
Errors of every layer are rendered by api/errors.py. The app knows nothing of the server
that runs it (server/, for `circle serve`).
"""

import gc
import sys
from collections.abc import Awaitable, Callable
from importlib import metadata
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.routing import BaseRoute, Route, Router
from starlette.types import Receive, Scope, Send

from api.agents.mount import WithMcp
from api.answers import DocumentDigests
from api.cors_gzip import ProblemCors, RefusableGzip
from api.data.access import DataAccess
from api.errors import ApiProblem, DatabaseUnavailable, problem_for, problem_response
from api.export_admission import ExportSlots
from api.openapi_document import TITLE, openapi_document
from api.query.params import ParseMemos
from api.request_guard import ALLOW, RequestGuard
from api.response_cache import ResponseCache
from api.routes import annotations, collections, docs, meta, search
from api.settings import Settings, get_settings

CORS: dict[str, Any] = {
    "allow_methods": ["GET", "HEAD", "OPTIONS"],
    "allow_headers": ["If-None-Match", "X-Request-ID"],
    "expose_headers": ["ETag", "Link", "X-Request-ID", "Retry-After"],
    "max_age": 86400,
}


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


Endpoint = Callable[..., Awaitable[Response]]


class ReadRoutes:
    """The read routes (collections, records, search) on a plain Starlette Router, the rest
    on FastAPI (`api`). The read endpoints take the Request and their path parameters and
    check every parameter themselves, so FastAPI's routing and dependency solving would
    only add cost (docs/incoming/http-public.md: a first-time page 1,420k instructions
    through FastAPI, 1,071k so). They stay declared on FastAPI's routers, which document
    them; only a GET reaches the Router (anything else is FastAPI's 405)."""

    def __init__(self, api: FastAPI, declared: list[BaseRoute]) -> None:
        self.api = api
        routes = [
            Route(route.path, self._handler(route.endpoint), methods=["GET"])
            for route in declared
            if isinstance(route, APIRoute)
        ]
        # No slash redirects, as FastAPI here: a redirect would be built from the Host header.
        self.router = Router(routes=routes, redirect_slashes=False, default=api)

    def _handler(self, endpoint: Endpoint) -> Callable[[Request], Awaitable[Response]]:
        api = self.api

        async def handle(request: Request) -> Response:
            request.scope["app"] = api  # what Request.app reads, as FastAPI sets it
            try:
                return await endpoint(request, **request.path_params)
            except Exception as exc:  # every error is answered in the one problem shape
                return problem_for(exc)

        return handle

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            await self.router(scope, receive, send)
        else:
            await self.api(scope, receive, send)


class CircleApp:
    """The ASGI application: the layers of the module docstring around FastAPI (`api`)."""

    def __init__(
        self,
        api: FastAPI,
        stack: RequestGuard,
        data: DataAccess,
        cache: ResponseCache,
    ) -> None:
        self.api = api
        self.state = api.state
        self.data = data
        self.stack = stack
        self.cache = cache

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
        version=metadata.version("circle-api"),  # the package's, from pyproject.toml
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
    api.state.document_digests = DocumentDigests(settings.digest_cache_bytes)
    api.state.export_slots = ExportSlots(settings.max_exports)
    search_router = search.router(settings)
    collections_router = collections.router(settings)
    routers = [meta.router(), search_router, collections_router]
    routers += [annotations.router(), docs.router()]
    for router in routers:
        api.include_router(router)
    routes = [route for router in routers for route in router.routes]
    _problem_handlers(api)
    api.state.openapi_bytes = orjson.dumps(openapi_document(api))
    origins = settings.cors_origins
    read = ReadRoutes(api, [*search_router.routes, *collections_router.routes])
    compressed = RefusableGzip(read, minimum_size=settings.gzip_min_size)
    cors = ProblemCors(compressed, allow_origins=origins, **CORS)
    # CORS and gzip inside the cache: their headers and bodies are stored with the answer
    # (the key holds what CORS makes of the Origin, and whether gzip is taken).
    cache = ResponseCache(
        cors,
        snapshots=data.snapshots,
        allowed_origins={o.encode("latin-1") for o in origins if o != "*"},
        max_bytes=settings.response_cache_bytes,
        max_body=settings.response_cache_max_body,
        parse_memos=api.state.parse_memos,
    )
    stack = RequestGuard(
        WithMcp(cache, settings, data),
        routes=routes,
        max_url_length=settings.max_url_length,
        trusted_hosts=settings.trusted_hosts,
        log=settings.access_log,
    )
    return CircleApp(api, stack, data, cache)


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
