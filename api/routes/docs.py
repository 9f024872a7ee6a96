"""/docs: Swagger UI with every asset served by the API itself (works offline)."""

from functools import cache
from importlib import resources
from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, Request
from starlette.responses import Response

from api.answers import answer
from api.errors import ApiProblem

_OFFLINE = Path(fastapi_offline.__file__).parent / "static"
_OWN = resources.files("api") / "static"
ASSETS: dict[str, tuple[str, str]] = {
    "swagger-ui-bundle.js": (str(_OFFLINE / "swagger-ui-bundle.js"), "text/javascript"),
    "swagger-ui.css": (str(_OFFLINE / "swagger-ui.css"), "text/css"),
    "favicon.png": (str(_OFFLINE / "favicon.png"), "image/png"),
    "docs.js": (str(_OWN / "docs.js"), "text/javascript"),
}

DOCS_HTML = b"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Chengdu-Chongqing Economic Circle API - docs</title>
<link rel="stylesheet" href="/static/swagger-ui.css">
<link rel="icon" href="/static/favicon.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/static/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body>
</html>
"""


@cache
def _asset(name: str) -> bytes:
    return Path(ASSETS[name][0]).read_bytes()


def router() -> APIRouter:
    routes = APIRouter(include_in_schema=False)

    @routes.get("/docs")
    async def docs(request: Request) -> Response:
        return answer(request, DOCS_HTML, media_type="text/html; charset=utf-8")

    @routes.get("/static/{name}")
    async def static_asset(request: Request, name: str) -> Response:
        if name not in ASSETS:
            raise ApiProblem(404, "No such asset.")
        return answer(request, _asset(name), media_type=ASSETS[name][1])

    @routes.get("/openapi.json")
    async def openapi_document(request: Request) -> Response:
        return answer(request, request.app.state.openapi_bytes)

    return routes
