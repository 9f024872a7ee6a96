"""Read routes answered without FastAPI's per-request machinery.

The read endpoints take the Request alone: the query engine parses and validates every
parameter itself (OpenAPI documents them from the resource descriptions), so FastAPI's
routing, dependency solving and exception middleware would only add cost, more than the
endpoint's own work. They are still declared on FastAPI's routers, as DirectRoute, so
that there is one declaration of each route and of its documentation; DirectRoutes, an
ASGI layer in front of FastAPI, matches a GET to them with their own path patterns and
awaits the endpoint itself. With the fast path off, FastAPI routes them as any other.
"""

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import problem_for

Endpoint = Callable[..., Awaitable[Response]]


async def call(endpoint: Endpoint, request: Request) -> Response:
    try:
        return await endpoint(request, **request.path_params)
    except Exception as exc:  # every error is answered in the one problem shape
        return problem_for(exc)


class DirectRoute(APIRoute):
    """A route whose endpoint takes the Request and its path parameters, nothing else:
    DirectRoutes answers it. FastAPI would answer it the same (tests/api/test_direct.py)."""


class DirectRoutes:
    """In front of FastAPI (`api`): answers a GET to any of `routes` (the routes of the
    routers included in it) that is a DirectRoute; everything else goes to FastAPI."""

    def __init__(self, api: FastAPI, routes: Iterable[BaseRoute]) -> None:
        self.app: ASGIApp = api
        self.api = api
        direct = [route for route in routes if isinstance(route, DirectRoute)]
        # Paths without parameters by a lookup; the others by their patterns, in order.
        self.fixed: dict[str, Endpoint] = {
            route.path: route.endpoint for route in direct if not route.param_convertors
        }
        self.patterns = [
            (route.path_regex, route.param_convertors, route.endpoint)
            for route in direct
            if route.param_convertors
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            path = scope["path"]
            endpoint = self.fixed.get(path)
            if endpoint is not None:
                await self._answer(endpoint, {}, scope, receive, send)
                return
            for pattern, convertors, endpoint in self.patterns:
                match = pattern.match(path)
                if match is None:
                    continue
                params: dict[str, Any] = {
                    name: convertors[name].convert(value)
                    for name, value in match.groupdict().items()
                }
                await self._answer(endpoint, params, scope, receive, send)
                return
        await self.app(scope, receive, send)

    async def _answer(
        self, endpoint: Endpoint, params: dict[str, Any], scope: Scope, receive: Receive, send: Send
    ) -> None:
        scope = {**scope, "app": self.api, "path_params": params}
        response = await call(endpoint, Request(scope, receive))
        await response(scope, receive, send)
