"""/docs (Swagger UI) and /redoc (Redoc), every asset served by the API itself: both work
offline and under the API's Content-Security-Policy (no inline script)."""

from functools import cache
from html import escape
from importlib import resources
from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from api.answers import answer
from api.errors import PROBLEM_TYPES, TYPE_PREFIX, ApiProblem, ProblemType

_OFFLINE = Path(fastapi_offline.__file__).parent / "static"
_OWN = resources.files("api") / "static"
ASSETS: dict[str, tuple[str, str]] = {
    "swagger-ui-bundle.js": (str(_OFFLINE / "swagger-ui-bundle.js"), "text/javascript"),
    "swagger-ui.css": (str(_OFFLINE / "swagger-ui.css"), "text/css"),
    "redoc.standalone.js": (str(_OFFLINE / "redoc.standalone.js"), "text/javascript"),
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

# Redoc starts from its element's attributes: no script of our own is needed. Its search
# runs in a worker made from a blob: URL, which the CSP refuses (worker-src falls back to
# script-src 'self'): search is off, and /docs filters operations instead.
REDOC_HTML = b"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Chengdu-Chongqing Economic Circle API - reference</title>
<link rel="icon" href="/static/favicon.png">
</head>
<body>
<redoc spec-url="/openapi.json" expand-responses="200" disable-search></redoc>
<script src="/static/redoc.standalone.js"></script>
</body>
</html>
"""


# Redoc's "API docs by Redocly" badge loads its logo from a CDN: served from here, the
# page makes no request beyond this API (and none that the CSP's img-src would refuse).
REWRITES = {
    "redoc.standalone.js": [(b"https://cdn.redoc.ly/redoc/logo-mini.svg", b"/static/favicon.png")]
}


@cache
def _asset(name: str) -> bytes:
    body = Path(ASSETS[name][0]).read_bytes()
    for old, new in REWRITES.get(name, []):
        body = body.replace(old, new)
    return body


PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} - Chengdu-Chongqing Economic Circle API</title>
<link rel="icon" href="/static/favicon.png">
</head>
<body>
{body}
</body>
</html>
"""


def _problem_section(kind: ProblemType) -> str:
    return (
        f'<section id="{kind.slug}"><h2><a href="{kind.uri}">{escape(kind.title)}</a></h2>'
        f"<p><code>type</code>: <code>{kind.uri}</code>; status {kind.status}</p>"
        f"<p>{escape(kind.description)}</p></section>"
    )


def problems_page() -> bytes:
    """/problems: every problem type the API answers with."""
    intro = (
        "<h1>Problem types</h1><p>Every error is <code>application/problem+json</code> "
        "(RFC 9457) whose <code>type</code> is one of these; <code>errors</code> names "
        "each bad parameter. /openapi.json lists them in the Problem schema.</p>"
    )
    body = intro + "".join(_problem_section(kind) for kind in PROBLEM_TYPES.values())
    return PAGE.format(title="Problem types", body=body).encode()


def problem_page(kind: ProblemType) -> bytes:
    """/problems/<slug>: what one kind of problem means and what a client does about it."""
    body = _problem_section(kind) + '<p><a href="/problems">Every problem type</a></p>'
    return PAGE.format(title=escape(kind.title), body=body).encode()


HTML = "text/html; charset=utf-8"


def router() -> APIRouter:
    routes = APIRouter(include_in_schema=False)

    @routes.get("/docs")
    async def docs(request: Request) -> Response:
        return answer(request, DOCS_HTML, media_type="text/html; charset=utf-8")

    @routes.get("/redoc")
    async def redoc(request: Request) -> Response:
        return answer(request, REDOC_HTML, media_type="text/html; charset=utf-8")

    @routes.get("/static/{name}")
    async def static_asset(request: Request, name: str) -> Response:
        if name not in ASSETS:
            raise ApiProblem(404, "No such asset.")
        return answer(request, _asset(name), media_type=ASSETS[name][1])

    @routes.get(TYPE_PREFIX.rstrip("/"))
    async def problem_types(request: Request) -> Response:
        return answer(request, problems_page(), media_type=HTML)

    @routes.get(TYPE_PREFIX + "{slug}")
    async def problem_type(request: Request, slug: str) -> Response:
        kind = PROBLEM_TYPES.get(slug)
        if kind is None:
            raise ApiProblem(404, "No such problem type; /problems lists them.")
        return answer(request, problem_page(kind), media_type=HTML)

    @routes.get("/openapi.json")
    async def openapi_document(request: Request) -> Response:
        document = request.app.state.openapi
        # Built on a thread the first time: the event loop goes on answering meanwhile.
        body = document.value or await run_in_threadpool(document.get)
        return answer(request, body)

    return routes
