"""How `circle serve` runs uvicorn: `uvicorn.run` with the protocol of server/protocol.py,
its limits taken from the Settings the command was started with, and without WebSocket
(an upgrade is answered as the plain request it is, which the app refuses)."""

import functools
import socket
from typing import Any

import uvicorn

from api.settings import Settings
from server.protocol import LimitedHttpToolsProtocol, Limits, WriteStalls
from server.write_batches import UnderWay

UVICORN_OPTIONS: dict[str, Any] = {
    "access_log": False,
    "log_level": "warning",
    "proxy_headers": False,
    "server_header": False,
    "ws": "none",
}


def check_port(host: str, port: int) -> None:
    """Binds and releases `host`:`port`, so that a busy port is an OSError here, which
    `circle serve` explains, rather than a log line of uvicorn's in each worker."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(1)


def serve(settings: Settings, host: str, port: int, workers: int) -> None:
    """Serve `api.main:app` (built in each worker from the same environment as
    `settings`) on `host`:`port` until stopped."""
    # A partial, not a class made here: uvicorn pickles its config for each worker, so
    # each worker process gets its own WriteStalls and UnderWay, shared by its
    # connections.
    limits = Limits.of(settings)
    stalls = WriteStalls(limits.stalled_write_bytes)
    under_way = UnderWay()
    protocol = functools.partial(
        LimitedHttpToolsProtocol, limits=limits, stalls=stalls, under_way=under_way
    )
    uvicorn.run(
        "api.main:app",
        host=host,
        port=port,
        workers=workers,
        http=protocol,  # type: ignore[arg-type]
        **UVICORN_OPTIONS,
    )
