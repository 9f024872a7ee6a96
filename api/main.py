"""The application: create_app(settings) for tests and servers, `app` for uvicorn."""

import gc
import sys
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.types import Receive, Scope, Send

from api.cache import ResponseCache
from api.db import DatabaseUnavailable
from api.direct import DirectRoutes, problem_for
from api.edge import ALLOW, Edge
from api.errors import ApiProblem, problem_response
from api.negotiation import CorsAndGzip
from api.reader import Reader
from api.routes import annotations, collections, docs, meta, search
from api.settings import Settings, get_settings
from models.resources import RESOURCES

DESCRIPTION = """\
Projects, infrastructure, energy figures and statements about the Chengdu–Chongqing
economic circle, drawn by hand from one English news article (Chinese state media, late
2022). **Every record cites the exact text it comes from**: each citation's `quote` equals
`source.text[start:end]` in Unicode code points, and **every value has evidence**: each
detail answer's `evidence` maps its fields to the words that state them, or to an
inference with its note. People, organisations and places are collections too; a
`regions` filter matches a place and every place within it.

See the evidence: [the article annotated](/v1/sources/cc-economic-circle-2022/page), every
cited span highlighted and linked to its records
([as JSON](/v1/sources/cc-economic-circle-2022/annotations)).

Collections filter (`field=a,b`, `field__gte=`), search (`q=`), sort (`sort=-field,id`),
page by keyset cursor, trim (`fields=`), count (`facet=`) and export (`format=csv|ndjson`).
Errors are `application/problem+json` (RFC 9457). Responses carry an `ETag`; send it back
in `If-None-Match` for a `304`.
"""

TAGS = [
    {"name": "meta", "description": "What is served, and whether it can be served now."},
    {"name": "search", "description": "One ranked search across every resource."},
    *[{"name": name, "description": spec.description} for name, spec in RESOURCES.items()],
]


def _problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiProblem)
    async def api_problem(_: Request, exc: ApiProblem) -> Response:
        return problem_for(exc)

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

    @app.exception_handler(DatabaseUnavailable)
    async def unavailable(_: Request, exc: DatabaseUnavailable) -> Response:
        return problem_for(exc)

    @app.exception_handler(Exception)
    async def internal(_: Request, exc: Exception) -> Response:
        return problem_for(exc)


def _openapi(app: FastAPI) -> dict[str, Any]:
    schema = get_openapi(
        title="Chengdu–Chongqing Economic Circle API",
        version=app.version,
        openapi_version="3.1.0",
        description=DESCRIPTION,
        routes=app.routes,
        tags=TAGS,
    )
    schema["info"]["license"] = {"name": "MIT", "identifier": "MIT"}
    return schema


class CircleApp:
    """The ASGI application: the layers every answer passes, wrapped around FastAPI.

    They sit outside FastAPI's own middleware on purpose: a cached answer is sent before
    FastAPI's routing, dependency and exception machinery runs, and so is a read route's
    first answer (api/direct.py).
    """

    def __init__(
        self, api: FastAPI, settings: Settings, reader: Reader, routes: list[BaseRoute]
    ) -> None:
        self.api = api
        self.state = api.state
        direct = DirectRoutes(api, api, routes)
        # CORS inside the cache: its headers (which depend on the request's Origin, part
        # of the cache key) are stored with the answer, not added again on every hit.
        cors = CorsAndGzip(
            direct,
            gzip_min_size=settings.gzip_min_size,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "HEAD", "OPTIONS"],
            allow_headers=["If-None-Match", "X-Request-ID"],
            expose_headers=["ETag", "Link", "X-Request-ID", "Retry-After"],
            max_age=86400,
        )
        self.cache = ResponseCache(
            cors,
            reader=reader,
            max_bytes=settings.response_cache_bytes,
            max_body=settings.response_cache_max_body,
        )
        self.stack = Edge(
            self.cache,
            routes=api.router.routes,
            max_url_length=settings.max_url_length,
            trusted_hosts=settings.trusted_hosts,
            log=settings.access_log,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.stack(scope, receive, send)


def create_app(settings: Settings | None = None) -> CircleApp:
    settings = settings or get_settings()
    reader = Reader(settings)  # raises DatabaseUnavailable: no server that answers 500
    api = FastAPI(
        title="Chengdu–Chongqing Economic Circle API",
        version="1.0.0",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    api.state.settings = settings
    api.state.reader = reader
    routers = (meta.router, search.router, collections.router, annotations.router, docs.router)
    for router in routers:
        api.include_router(router)
    _problem_handlers(api)
    api.state.openapi_bytes = orjson.dumps(_openapi(api))
    return CircleApp(api, settings, reader, [r for router in routers for r in router.routes])


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
    # a full collection takes microseconds instead of the ~100 ms that showed as p99.
    gc.freeze()
    globals()["app"] = built
    return built
