"""How `circle serve` runs uvicorn: with the fast path, on a socket bound here and with one
write per answer; without it, as `uvicorn.run` does by itself. Both ways under the limits
of api/server_limits.py (header size, count and time, idle connections), and without
WebSocket: an upgrade is answered as the plain request it is, which the app refuses."""

import socket

import uvicorn
from uvicorn.supervisors import Multiprocess

from api.fastpath.one_write_protocol import OneWriteHttpToolsProtocol
from api.server_limits import LimitedHttpToolsProtocol
from api.settings import Settings

UVICORN_OPTIONS = {
    "access_log": False,
    "log_level": "warning",
    "proxy_headers": False,
    "server_header": False,
    "ws": "none",
}


def listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound before any worker starts (a busy port is an OSError
    here, which `circle serve` explains).

    Created with an explicit IPPROTO_TCP: accepted sockets inherit the protocol, and
    asyncio only sets TCP_NODELAY on sockets whose protocol is IPPROTO_TCP. With Nagle
    left on, every keep-alive answer after the first waits ~40 ms for the client's
    delayed ACK (uvicorn issue #3149).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def serve(settings: Settings, listener: socket.socket, workers: int) -> None:
    """Serve `api.main:app` on `listener` until stopped."""
    if not settings.fast_path:
        host, port = listener.getsockname()[:2]
        listener.close()  # stock uvicorn binds its own
        uvicorn.run(
            "api.main:app",
            host=host,
            port=port,
            workers=workers,
            http=LimitedHttpToolsProtocol,
            **UVICORN_OPTIONS,  # type: ignore[arg-type]
        )
        return
    config = uvicorn.Config(
        "api.main:app",
        workers=workers,
        http=OneWriteHttpToolsProtocol,
        **UVICORN_OPTIONS,  # type: ignore[arg-type]
    )
    if workers > 1:
        Multiprocess(config, sockets=[listener]).run()
    else:
        uvicorn.Server(config).run(sockets=[listener])
