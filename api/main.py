"""The application: create_app(settings) for tests and servers, `app` for uvicorn.

A request passes, from the outside in:
  request_guard.RequestGuard    request id, access log, security headers, Host, URL
                                length, HEAD as GET, OPTIONS
  agents.mount.WithMcp          POST /mcp only: the MCP server (api/agents)
  response_cache.ResponseCache  whole answers from memory, keyed per dataset version: a
                                hit pays for nothing below
  cors_gzip.CorsGzip            Starlette's CORSMiddleware and GZipMiddleware, for the
                                requests they have more to do for than Vary
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

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.routing import BaseRoute, Route, Router
from starlette.types import Receive, Scope, Send

from api.agents.mount import WithMcp
from api.answers import DocumentDigests
from api.cors_gzip import CorsGzip
from api.data.access import DataAccess
from api.errors import ApiProblem, DatabaseUnavailable, problem_for, problem_response
from api.export_admission import ExportSlots
from api.openapi_document import TITLE, OpenApiBytes
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
    """The read routes (collections, records, search) on plain Starlette Routers, the rest
    on FastAPI (`api`). The read endpoints take the Request and their path parameters and
    check every parameter themselves, so FastAPI's routing and dependency solving would
    only add cost (docs/design.md, "One path, on the frameworks' public API", has the
    instruction counts). They stay declared on FastAPI's routers, which document
    them; only a GET reaches a Router (anything else is FastAPI's 405).

    Every read route's path starts with two literal segments (`/v1/figures`,
    `/v1/figures.csv`, `/v1/figures/{id}`), so a request can only match the routes of its
    own second segment: one small Router per segment, found in a dict, instead of one
    Router that tries some forty routes in turn (docs/design.md, "One path"). A request with a
    root_path goes through the one Router of them all, which reads the path as Starlette
    does."""

    def __init__(self, api: FastAPI, declared: list[BaseRoute]) -> None:
        self.api = api
        routes = [
            Route(route.path, _Endpoint(api, route.endpoint), methods=["GET"])
            for route in declared
            if isinstance(route, APIRoute)
        ]
        # No slash redirects, as FastAPI here: a redirect would be built from the Host header.
        self.router = Router(routes=routes, redirect_slashes=False, default=api)
        groups: dict[str, list[BaseRoute]] = {}
        for route in routes:
            segment = _second_segment(route.path)
            if segment is None or "{" in segment:
                raise ValueError(f"a read route without a literal second segment: {route.path}")
            groups.setdefault(segment, []).append(route)
        self.routers = {
            segment: Router(routes=group, redirect_slashes=False, default=api)
            for segment, group in groups.items()
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.api(scope, receive, send)
        elif scope.get("root_path"):
            await self.router(scope, receive, send)
        else:
            segment = _second_segment(scope["path"])
            router = self.routers.get(segment) if segment is not None else None
            await (self.api if router is None else router)(scope, receive, send)


def _second_segment(path: str) -> str | None:
    """`figures` of `/v1/figures/{id}` (up to the next slash); None without one."""
    parts = path.split("/", 3)
    return parts[2] if len(parts) > 2 and parts[0] == "" else None


class _Endpoint:
    """A read endpoint as the ASGI app of its Route: the Request built once, every error
    answered in the one problem shape (the endpoint's own handling, so Starlette's
    exception-handler wrapping around a function endpoint would find nothing to do)."""

    def __init__(self, api: FastAPI, endpoint: Endpoint) -> None:
        self.api = api
        self.endpoint = endpoint

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope["app"] = self.api  # what Request.app reads, as FastAPI sets it
        request = Request(scope, receive, send)
        try:
            response = await self.endpoint(request, **request.path_params)
        except Exception as exc:
            response = problem_for(exc)
        await response(scope, receive, send)


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
    api.state.openapi = OpenApiBytes(api)
    origins = settings.cors_origins
    read = ReadRoutes(api, [*search_router.routes, *collections_router.routes])
    cors = CorsGzip(read, minimum_size=settings.gzip_min_size, allow_origins=origins, **CORS)
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
    built.state.openapi.get()  # before the first request, not during it
    # Everything built so far lives as long as the process: out of the collector's sight,
    # a full collection takes microseconds instead of a pause that shows in the p99.
    gc.freeze()
    globals()["app"] = built
    return built
