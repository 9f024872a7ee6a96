"""CORS and gzip: Starlette's own CORSMiddleware and GZipMiddleware, each wrapped through
the ASGI interface alone for the one thing it does not do as this API needs.

- ProblemCors: a refused CORS preflight is a problem (Starlette answers it in text/plain,
  "Disallowed CORS origin"), its CORS headers kept.
- RefusableGzip: `Accept-Encoding: gzip;q=0` refuses gzip (RFC 9110, 12.5.3), where
  GZipMiddleware compresses for any header that contains "gzip" (and for no other
  spelling, `GZIP`). Where takes_gzip reads the header otherwise, the request reaches
  GZipMiddleware with an Accept-Encoding of `identity` (or `gzip`), so it is answered as
  a client without (or with) gzip is, Vary and all.

`takes_gzip` is the one reading of Accept-Encoding: the response cache keys on it too.
"""

from collections.abc import Sequence
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import render_problem

ACCEPT_ENCODING = b"accept-encoding"


def takes_gzip(headers: Sequence[tuple[bytes, bytes]]) -> bool:
    """Whether the request's first Accept-Encoding (the one Starlette reads) names gzip
    and does not refuse it with q=0."""
    value = next((v for k, v in headers if k == ACCEPT_ENCODING), b"").lower()
    if b"gzip" not in value:
        return False
    if b";" not in value:
        return True
    for coding in value.split(b","):
        name, _, params = coding.partition(b";")
        if name.strip() not in (b"gzip", b"x-gzip"):
            continue
        for param in params.split(b";"):
            key, _, q = param.partition(b"=")
            if key.strip() == b"q":
                try:
                    return float(q.strip()) > 0
                except ValueError:
                    return False
        return True
    return False


class RefusableGzip:
    def __init__(self, app: ASGIApp, *, minimum_size: int) -> None:
        self.gzip = GZipMiddleware(app, minimum_size=minimum_size)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = scope["headers"]
            wanted = takes_gzip(headers)
            first = next((v for k, v in headers if k == ACCEPT_ENCODING), b"")
            if wanted != (b"gzip" in first):  # GZipMiddleware's reading differs
                kept = [(k, v) for k, v in headers if k != ACCEPT_ENCODING]
                value = b"gzip" if wanted else b"identity"
                scope = {**scope, "headers": [*kept, (ACCEPT_ENCODING, value)]}
        await self.gzip(scope, receive, send)


class ProblemCors:
    def __init__(
        self,
        app: ASGIApp,
        *,
        allow_origins: Sequence[str],
        allow_methods: Sequence[str],
        allow_headers: Sequence[str],
        expose_headers: Sequence[str],
        max_age: int,
    ) -> None:
        self.cors = CORSMiddleware(
            app,
            allow_origins=allow_origins,
            allow_methods=allow_methods,
            allow_headers=allow_headers,
            expose_headers=expose_headers,
            max_age=max_age,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "OPTIONS":
            await self.cors(scope, receive, send)
            return
        refused: list[Message] = []

        async def as_problem(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 400:
                refused.append(message)
                return
            if not refused:
                await send(message)
                return
            if message.get("more_body", False):
                refused.append(message)
                return
            # Starlette's refusal, "Disallowed CORS origin, method", as a problem.
            text = b"".join(m.get("body", b"") for m in refused[1:]) + message.get("body", b"")
            what = text.decode("latin-1").removeprefix("Disallowed CORS ")
            detail = f"The CORS preflight is refused: this API does not allow its {what}."
            raw, body = render_problem(400, detail)
            kept = [
                (k, v)
                for k, v in refused[0].get("headers", [])
                if k.lower() not in (b"content-type", b"content-length")
            ]
            start = {"type": "http.response.start", "status": 400, "headers": raw + kept}
            await send(start)
            await send({"type": "http.response.body", "body": body})

        await self.cors(scope, receive, as_problem)


# The content types GZipMiddleware never compresses, as it reads them.
_EXCLUDED = frozenset(t.partition(";")[0].strip().lower() for t in DEFAULT_EXCLUDED_CONTENT_TYPES)


class CorsGzip:
    """CORS and gzip around `app`: a request that sends an Origin, is OPTIONS, or names
    gzip in its first Accept-Encoding goes through ProblemCors and RefusableGzip
    (Starlette's classes). Any other request (most: servers, scripts, curl) is one they
    would only add to the Vary of: GZipMiddleware `Accept-Encoding` where it could have
    compressed the answer, CORSMiddleware `Origin`. That request goes straight to `app`,
    its answer's Vary written as theirs would be (tests/unit/test_cors_gzip.py holds the
    two ways to the same messages): per request they cost a Headers and a
    MutableHeaders each, a responder object and a normalisation of the excluded types
    (docs/design.md, "One path")."""

    def __init__(self, app: ASGIApp, *, minimum_size: int, **cors: Any) -> None:
        self.app = app
        self.minimum_size = minimum_size
        self.full = ProblemCors(RefusableGzip(app, minimum_size=minimum_size), **cors)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] == "OPTIONS" or _for_either(scope):
            await self.full(scope, receive, send)
            return
        await self.app(scope, receive, _VaryOnly(send, self.minimum_size).send)


def _for_either(scope: Scope) -> bool:
    """Whether CORS or gzip has more to do for this request than Vary: it has an Origin,
    or its first Accept-Encoding names gzip in any case (RefusableGzip then decides)."""
    encoding: bytes | None = None
    for name, value in scope["headers"]:
        if name == b"origin":
            return True
        if name == ACCEPT_ENCODING and encoding is None:
            encoding = value
    return encoding is not None and b"gzip" in encoding.lower()


class _VaryOnly:
    """What GZipMiddleware (for a client without gzip) and CORSMiddleware (for a request
    without an Origin) do to an answer: the start is held until the first body, and an
    answer gzip would have compressed (not already encoded, not partial, not of an
    excluded type, a body of at least `minimum_size` or a stream) gets `Accept-Encoding`
    added to its Vary; then every answer gets `Origin` added."""

    def __init__(self, send: Send, minimum_size: int) -> None:
        self.downstream = send
        self.minimum_size = minimum_size
        self.start: Message | None = None
        self.passing = False  # an answer gzip leaves alone: sent as it comes
        self.started = False

    async def send(self, message: Message) -> None:
        kind = message["type"]
        if kind == "http.response.start":
            raw = message.setdefault("headers", [])
            content_type = next((v for k, v in raw if k == b"content-type"), b"")
            media_type = content_type.decode("latin-1").partition(";")[0].strip().lower()
            media_types = {media_type, media_type.partition("/")[0] + "/*"}
            if media_type.startswith("application/grpc+"):
                media_types.add("application/grpc")
            self.passing = (
                any(k == b"content-encoding" for k, _ in raw)
                or message["status"] == 206
                or not media_types.isdisjoint(_EXCLUDED)
            )
            if self.passing:
                await self._send_start(message, gzip_vary=False)
            else:
                self.start = message
        elif self.passing or kind in ("http.response.early_hint", "http.response.trailers"):
            await self.downstream(message)
        elif kind == "http.response.body" and not self.started:
            self.started = True
            start = self.start
            assert start is not None
            small = len(message.get("body", b"")) < self.minimum_size
            await self._send_start(start, gzip_vary=not small or message.get("more_body", False))
            await self.downstream(message)
        elif kind == "http.response.pathsend" and self.start is not None and not self.started:
            self.started = True
            await self._send_start(self.start, gzip_vary=False)
            await self.downstream(message)
        else:
            await self.downstream(message)

    async def _send_start(self, message: Message, *, gzip_vary: bool) -> None:
        headers: list[tuple[bytes, bytes]] = list(message["headers"])
        varies = [v for k, v in headers if k == b"vary"]
        if gzip_vary and len(varies) > 1:
            # Starlette's versions join several Vary headers differently: its own code does.
            MutableHeaders(raw=headers).add_vary_header("Accept-Encoding")
            varies = [v for k, v in headers if k == b"vary"]
        elif gzip_vary:
            varies.append(b"Accept-Encoding")
        _set_vary(headers, b", ".join([*varies, b"Origin"]))
        message["headers"] = headers
        await self.downstream(message)


def _set_vary(headers: list[tuple[bytes, bytes]], value: bytes) -> None:
    """Vary set as MutableHeaders sets a header: in the first one's place, the others
    dropped."""
    at = [i for i, (k, _) in enumerate(headers) if k == b"vary"]
    for i in reversed(at[1:]):
        del headers[i]
    if at:
        headers[at[0]] = (b"vary", value)
    else:
        headers.append((b"vary", value))
