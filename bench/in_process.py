"""One GET through an ASGI app in process, as uvicorn would call it: no socket and no
HTTP parsing, for the measurements that count only the app's own work."""

from typing import Any
from urllib.parse import unquote

HOST = (b"host", b"127.0.0.1")


async def ask(app: Any, url: str, headers: tuple[tuple[bytes, bytes], ...] = (HOST,)) -> int:
    """GET `url` (a path with its query) of `app`; returns the answer's status."""
    path, _, query = url.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": unquote(path),
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": list(headers),
        "client": ("127.0.0.1", 9),
        "server": ("127.0.0.1", 80),
        "state": {},
    }
    status = 0

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status
