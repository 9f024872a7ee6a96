"""The baseline: bare Starlette answering constant JSON bytes on every path.

Served by uvicorn with the flags `circle serve` gives it, on uvicorn's own HTTP
protocol: the ceiling as the issue defines it, bare Starlette on the stack's defaults.
`circle serve` also writes each answer in one write (api/protocol.py), which uvicorn's
protocol does not: `python -m bench.baseline PORT` serves this baseline that way too,
and make bench reports it beside the other, outside the ratios.
"""

import sys

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

BODY = b'{"status":"ok"}'


async def constant(_: Request) -> Response:
    return Response(BODY, media_type="application/json")


app = Starlette(routes=[Route("/{path:path}", constant)])


def main() -> None:
    port = int(sys.argv[1])
    from api.protocol import OneWriteHttpToolsProtocol

    uvicorn.run(
        "bench.baseline:app",
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        proxy_headers=False,
        server_header=False,
        http=OneWriteHttpToolsProtocol,
    )


if __name__ == "__main__":
    main()
