"""The layers in front of FastAPI, as the fast path switch (CIRCLE_FAST_PATH) chooses
them: what a request passes, in order, is in the package's docstring
(api/fastpath/__init__.py)."""

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import BaseRoute
from starlette.types import ASGIApp

from api.data.access import DataAccess
from api.fastpath.cors_gzip import CorsAndGzip, ProblemCors
from api.fastpath.direct_routes import DirectRoutes
from api.fastpath.response_cache import ResponseCache
from api.settings import Settings

CORS = {
    "allow_methods": ["GET", "HEAD", "OPTIONS"],
    "allow_headers": ["If-None-Match", "X-Request-ID"],
    "expose_headers": ["ETag", "Link", "X-Request-ID", "Retry-After"],
    "max_age": 86400,
}


def negotiated(
    api: FastAPI, routes: list[BaseRoute], settings: Settings, data: DataAccess
) -> ASGIApp:
    """`api` (FastAPI, whose routers hold `routes`) with CORS, gzip and, with the fast
    path on, the direct routes and the response cache in front of it."""
    origins = settings.cors_origins
    if not settings.fast_path:
        compressed = GZipMiddleware(api, minimum_size=settings.gzip_min_size)
        return ProblemCors(compressed, allow_origins=origins, **CORS)  # type: ignore[arg-type]
    direct = DirectRoutes(api, routes)
    # CORS inside the cache: its headers are stored with the answer, not added again on
    # every hit (the cache keys on what CORS makes of the Origin).
    cors = CorsAndGzip(
        direct,
        gzip_min_size=settings.gzip_min_size,
        allow_origins=origins,
        **CORS,  # type: ignore[arg-type]
    )
    return ResponseCache(
        cors,
        snapshots=data.snapshots,
        allowed_origins={o.encode("latin-1") for o in origins if o != "*"},
        max_bytes=settings.response_cache_bytes,
        max_body=settings.response_cache_max_body,
        parse_memos=api.state.parse_memos,
    )
