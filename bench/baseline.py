"""The baseline: bare Starlette answering constant JSON bytes on every path.

Served by the same uvicorn, with the same flags, as the API: the ratio of the API's
throughput to this one is what the API's own work costs on top of the server.
"""

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

BODY = b'{"status":"ok"}'


async def constant(_: Request) -> Response:
    return Response(BODY, media_type="application/json")


app = Starlette(routes=[Route("/{path:path}", constant)])
