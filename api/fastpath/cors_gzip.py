"""CORS and gzip: the headers that say who may read an answer and what it varies by.

Starlette's rules, in one layer and one send wrapper. Preflights get Starlette's own
CORSMiddleware answer and gzip bodies its GZipMiddleware; every other answer passes
through with the headers those two would have added, set here on the start message
(the tests hold the two to the same bytes). Stacked as two Starlette layers, each
builds header objects and a send wrapper per answer, which a first-time page pays for.
"""

from collections.abc import Sequence

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import RawHeaders, problem_response


class ProblemCors(CORSMiddleware):
    """Starlette's CORSMiddleware, its preflight refusals problem+json: Starlette answers
    them in text/plain ("Disallowed CORS origin"). Used with the fast path on and off."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers=request_headers)
        if response.status_code != 400:
            return response
        refused = bytes(response.body).decode().removeprefix("Disallowed CORS ")
        kept = {
            k.decode("latin-1"): v.decode("latin-1")
            for k, v in response.raw_headers
            if k not in (b"content-type", b"content-length")
        }
        detail = f"The CORS preflight is refused: this API does not allow its {refused}."
        return problem_response(400, detail, headers=kept)


class CorsAndGzip:
    def __init__(
        self,
        app: ASGIApp,
        *,
        gzip_min_size: int,
        allow_origins: Sequence[str],
        allow_methods: Sequence[str],
        allow_headers: Sequence[str],
        expose_headers: Sequence[str],
        max_age: int,
    ) -> None:
        self.app = app
        self.gzip_min_size = gzip_min_size
        self.gzip = GZipMiddleware(app, minimum_size=gzip_min_size)
        # Starlette's, for its preflight answers and its reading of the settings.
        self.cors = ProblemCors(
            app,
            allow_origins=allow_origins,
            allow_methods=allow_methods,
            allow_headers=allow_headers,
            expose_headers=expose_headers,
            max_age=max_age,
        )
        self.any_origin = self.cors.allow_all_origins
        self.origins = {origin.encode("latin-1") for origin in allow_origins}
        self.simple = [
            (name.lower().encode("latin-1"), value.encode("latin-1"))
            for name, value in self.cors.simple_headers.items()
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        origin: bytes | None = None
        accept_encoding: bytes | None = None
        preflight = False
        for name, value in scope["headers"]:  # the first of each, as Starlette reads them
            if name == b"origin":
                origin = value if origin is None else origin
            elif name == b"accept-encoding":
                accept_encoding = value if accept_encoding is None else accept_encoding
            elif name == b"access-control-request-method":
                preflight = True
        gzip = accept_encoding is not None and b"gzip" in accept_encoding
        if preflight and origin is not None and scope["method"] == "OPTIONS":
            response = self.cors.preflight_response(request_headers=Headers(scope=scope))
            await response(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: RawHeaders = list(message.get("headers", []))
                if not gzip and message["status"] == 200 and self._compressible(headers):
                    headers.append((b"vary", b"Accept-Encoding"))
                message["headers"] = self._with_cors(headers, origin)
            await send(message)

        await (self.gzip if gzip else self.app)(scope, receive, send_with_headers)

    def _compressible(self, headers: RawHeaders) -> bool:
        """Whether GZipMiddleware would compress this body for a client that takes gzip:
        then the answer varies by Accept-Encoding."""
        length = None
        for name, value in headers:
            if name == b"content-encoding":
                return False
            if name == b"content-length":
                length = value
        return length is None or int(length) >= self.gzip_min_size

    def _with_cors(self, headers: RawHeaders, origin: bytes | None) -> RawHeaders:
        """CORSMiddleware's simple-response headers."""
        if origin is not None:
            for name, value in self.simple:
                _set(headers, name, value)
            if not self.any_origin and origin in self.origins:
                _set(headers, b"access-control-allow-origin", origin)
        vary = [value for name, value in headers if name == b"vary"]
        _set(headers, b"vary", b", ".join([*vary, b"Origin"]))
        return headers


def _set(headers: RawHeaders, name: bytes, value: bytes) -> None:
    """MutableHeaders' item assignment: the first header of that name takes the value,
    any others go; with none, it is appended."""
    found = [i for i, (key, _) in enumerate(headers) if key == name]
    for i in reversed(found[1:]):
        del headers[i]
    if found:
        headers[found[0]] = (name, value)
    else:
        headers.append((name, value))
