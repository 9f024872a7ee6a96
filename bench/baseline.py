"""The baseline: bare Starlette answering constant JSON bytes on every path.

Served by uvicorn with the flags `circle serve` gives it, on uvicorn's own HTTP
protocol: the ceiling the targets are stated against, bare Starlette on the stack's
defaults.
"""

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

BODY = b'{"status":"ok"}'


async def constant(_: Request) -> Response:
    return Response(BODY, media_type="application/json")


app = Starlette(routes=[Route("/{path:path}", constant)])
