"""The outermost ASGI layer: request ids, the access log, security headers, trusted hosts,
HEAD, OPTIONS and the URL length cap. Pure ASGI, since it wraps every request, cache hits
included, and its refusals are problem+json like every other error."""

import itertools
import re
import secrets
import time
from typing import Any

import orjson
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.access_log import AccessLog
from api.answers import parse_query
from api.errors import BadRequest, render_problem, send_problem

ALLOW = b"GET, HEAD, OPTIONS"
REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._:/+=-]{1,128}$")
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        b"img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
        b"base-uri 'none'; form-action 'none'",
    ),
]


class RequestGuard:
    def __init__(
        self,
        app: ASGIApp,
        *,
        routes: list[BaseRoute],
        max_url_length: int,
        trusted_hosts: list[str],
        log: bool,
    ) -> None:
        self.app = app
        self.routes = routes
        self.any_host = "*" in trusted_hosts
        self.trusted_hosts = trusted_hosts
        self.max_url_length = max_url_length
        self.log = AccessLog() if log else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await _refuse_websocket(scope, send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = request_id_of(scope)
        method = scope["method"]
        state: dict[str, Any] = {"status": 0, "bytes": 0}
        extra = [*SECURITY_HEADERS, (b"x-request-id", request_id.encode())]

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                message["headers"] = [*message.get("headers", []), *extra]
            elif message["type"] == "http.response.body":
                if method == "HEAD":
                    message = {**message, "body": b""}
                else:
                    state["bytes"] += len(message.get("body", b""))
            await send(message)

        try:
            refusal = self._refusal(scope)
            if refusal is not None:
                status, detail, headers, errors = refusal
                await send_problem(send_wrapper, status, detail, headers, errors)
            elif method == "OPTIONS" and not _is_preflight(scope):
                await self._options(scope, send_wrapper)
            else:
                if method == "HEAD":
                    scope = {**scope, "method": "GET"}
                await self.app(scope, receive, send_wrapper)
        finally:
            self.log_request(scope, method, request_id, state["status"], state["bytes"], started)

    def log_request(
        self, scope: Scope, method: str, request_id: str, status: int, size: int, started: float
    ) -> None:
        """The access log's line for one answer (`size`: the body's bytes sent)."""
        if self.log is not None:
            line = orjson.dumps(
                {
                    "ts": round(time.time(), 6),
                    "request_id": request_id,
                    "method": method,
                    "path": scope.get("path", "")[:512],
                    "query": scope.get("query_string", b"")[:1024].decode("latin-1"),
                    "status": status,
                    "bytes": size,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 3),
                },
                option=orjson.OPT_APPEND_NEWLINE,
            )
            self.log.write(line)

    def _refusal(
        self, scope: Scope
    ) -> tuple[int, str, dict[str, str] | None, list[dict[str, str]] | None] | None:
        """The problem the guard answers this request with, if it refuses it: status,
        detail, headers and errors."""
        hosts = [value for name, value in scope["headers"] if name == b"host"]
        if len(hosts) > 1:
            # Which one a proxy or a cache in front read is anyone's guess (RFC 9112, 3.2).
            return 400, "The request has more than one Host header.", None, None
        if not self.any_host and not self._host_trusted(hosts):
            return 400, "The Host header names no host this API serves.", None, None
        if _asks_upgrade(scope):
            # circle serve runs no WebSocket protocol: the upgrade arrives as a plain
            # request, refused whole, and nothing after it on the connection is read.
            detail = "This API serves HTTP only; it upgrades to no other protocol (WebSocket)."
            return 400, detail, {"Connection": "close"}, None
        url_length = len(scope.get("raw_path", b"")) + len(scope.get("query_string", b""))
        if url_length > self.max_url_length:
            return 414, f"The URL is longer than {self.max_url_length} bytes.", None, None
        # Every route, those that read no parameter included: a query that is not text is
        # refused, never read with replacement characters.
        refused = _not_utf8(scope.get("query_string", b""))
        if refused is not None:
            return 400, refused.detail, None, refused.errors
        return None

    def _host_trusted(self, hosts: list[bytes]) -> bool:
        name = (hosts[0] if hosts else b"").decode("latin-1").rsplit(":", 1)[0]
        return any(
            name == pattern or (pattern.startswith("*.") and name.endswith(pattern[1:]))
            for pattern in self.trusted_hosts
        )

    async def _options(self, scope: Scope, send: Send) -> None:
        probe = {**scope, "method": "GET"}
        if any(route.matches(probe)[0] is Match.FULL for route in self.routes):
            await send(
                {"type": "http.response.start", "status": 204, "headers": [(b"allow", ALLOW)]}
            )
            await send({"type": "http.response.body", "body": b""})
        else:
            await send_problem(send, 404, "No such route.")


def request_id_of(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            candidate: str = value.decode("latin-1")
            if REQUEST_ID_RE.match(candidate):
                return candidate
            break
    # A random prefix per process and a counter: unique across workers and replicas, and
    # cheaper than fresh randomness per request.
    return f"{_ID_PREFIX}{next(_ID_COUNTER):016x}"


_ID_PREFIX = secrets.token_hex(8)
_ID_COUNTER = itertools.count()


def _not_utf8(query: bytes) -> BadRequest | None:
    """The 400 for a query string that is not UTF-8 once percent-decoded, if it is not."""
    if b"%" not in query and query.isascii():
        return None
    try:
        parse_query(query)
    except BadRequest as refused:
        return refused
    return None


def _is_preflight(scope: Scope) -> bool:
    names = {name for name, _ in scope.get("headers", [])}
    return b"origin" in names and b"access-control-request-method" in names


def _asks_upgrade(scope: Scope) -> bool:
    """Whether the request asks to switch protocols (Connection: upgrade and Upgrade)."""
    headers = scope.get("headers", [])
    if not any(k == b"upgrade" for k, _ in headers):
        return False
    connection = b",".join(v for k, v in headers if k == b"connection").lower()
    return b"upgrade" in {token.strip() for token in connection.split(b",")}


async def _refuse_websocket(scope: Scope, send: Send) -> None:
    """A WebSocket handshake (from a server that passes one on): refused with a problem
    where the server lets the app answer it over HTTP, else closed before it is accepted
    (which servers answer with 403)."""
    if "websocket.http.response" in scope.get("extensions", {}):
        raw, body = render_problem(400, "This API serves HTTP only; it serves no WebSocket.")
        await send({"type": "websocket.http.response.start", "status": 400, "headers": raw})
        await send({"type": "websocket.http.response.body", "body": body})
    else:
        await send({"type": "websocket.close", "code": 1008})
