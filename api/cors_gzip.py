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

from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
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
