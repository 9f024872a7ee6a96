"""Answers with the HTTP a client expects: ETag and 304, Cache-Control, Link, and the
one page envelope every list answer uses."""

import hashlib
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, quote_plus, urlencode

import orjson
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from api.errors import RawHeaders
from api.settings import Settings

JSON = "application/json"


class QueryString:
    """A request's query string, parsed once: its parameters and its pages' URLs."""

    def __init__(self, request: Request) -> None:
        self.path: str = request.scope["path"]
        raw = request.scope["query_string"].decode("latin-1")
        self.items = parse_qsl(raw, keep_blank_values=True)

    def lists(self) -> dict[str, list[str]]:
        params: dict[str, list[str]] = {}
        for key, value in self.items:
            params.setdefault(key, []).append(value)
        return params

    def page_urls(self, cursor: str | None, next_cursor: str | None) -> tuple[str, str | None]:
        """The URLs of this page and of the next one: the query as asked (re-encoded),
        its cursor replaced. From the scope, not request.url: building a URL object cost
        more than the query."""
        kept = urlencode([(k, v) for k, v in self.items if k != "cursor"], safe=",")

        def url(at: str | None) -> str:
            parts = [kept] if kept else []
            if at is not None:
                parts.append("cursor=" + quote_plus(at, safe=","))
            return self.path + ("?" + "&".join(parts) if parts else "")

        return url(cursor), url(next_cursor) if next_cursor else None


def etag_of(*parts: bytes) -> str:
    # SHA-256, cut to 96 bits: with the CPU's SHA instructions it hashed a 5.6 KB page in
    # 4.4 us against BLAKE2b's 8.3 us here.
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
        digest.update(b"\x00")
    return f'W/"{digest.hexdigest()[:24]}"'


def not_modified(request: Request, etag: str) -> bool:
    header = next((v for k, v in request.scope["headers"] if k == b"if-none-match"), b"")
    return holds_etag(header, etag.encode())


def holds_etag(if_none_match: bytes, etag: bytes) -> bool:
    """Whether an If-None-Match header names this ETag (compared weakly) or `*`: the one
    rule for the app's 304s and for the response cache's choice of a stored 304."""
    bare = etag.removeprefix(b"W/")
    return any(t.strip().removeprefix(b"W/") in (bare, b"*") for t in if_none_match.split(b","))


def caching_headers(settings: Settings, etag: str) -> RawHeaders:
    return [
        (b"etag", etag.encode()),
        (b"cache-control", b"public, max-age=%d" % settings.cache_max_age),
    ]


class EncodedResponse(Response):
    """A Response whose headers are given encoded, in their final order. Starlette's own
    constructor lower-cases, encodes and checks each header again: with the request's
    Headers object that If-None-Match was read from, answer() took 12.7 us for a 5.6 KB
    page, 8.3 us without (timeit, the SHA-256 ETag's 4.4 us in both)."""

    def __init__(self, status_code: int, body: bytes, raw_headers: RawHeaders) -> None:
        self.status_code = status_code
        self.body = body
        self.background = None
        self.raw_headers = raw_headers


def answer(
    request: Request, body: bytes, *, media_type: str = JSON, headers: dict[str, str] | None = None
) -> Response:
    """`body` with its ETag and Cache-Control (and `headers`), or a 304 when the client
    holds that ETag."""
    settings: Settings = request.app.state.settings
    etag = etag_of(body)
    raw = caching_headers(settings, etag) + _encoded(headers or {})
    if not_modified(request, etag):
        return EncodedResponse(304, b"", raw)
    raw.append((b"content-length", b"%d" % len(body)))
    if media_type.startswith("text/") and "charset=" not in media_type.lower():
        media_type += "; charset=utf-8"  # as Starlette's Response adds it
    raw.append((b"content-type", media_type.encode()))
    return EncodedResponse(200, body, raw)


def stream(
    request: Request,
    version: str,
    chunks: Iterator[bytes],
    media_type: str,
    filename: str,
    headers: dict[str, str] | None = None,
) -> Response:
    """An export: its ETag comes from the version, the query and the media type (which
    `Accept` may choose), not the unbuffered body."""
    settings: Settings = request.app.state.settings
    etag = etag_of(
        version.encode(),
        request.url.path.encode(),
        request.url.query.encode(),
        media_type.encode(),
    )
    raw = caching_headers(settings, etag) + _encoded(headers or {})
    raw.append((b"content-disposition", f'attachment; filename="{filename}"'.encode()))
    if not_modified(request, etag):
        return EncodedResponse(304, b"", raw)
    response = StreamingResponse(chunks, media_type=media_type)
    response.raw_headers[:0] = raw  # before its content-type, as given headers go
    return response


def page_answer(
    request: Request,
    asked: QueryString,
    items: list[Any],
    *,
    total: int,
    limit: int,
    cursor: str | None,
    next_cursor: str | None,
    facets: dict[str, list[dict[str, Any]]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """A page of a list (a collection or the search): the one envelope, and its Link."""
    self_url, next_url = asked.page_urls(cursor, next_cursor)
    envelope: dict[str, Any] = {
        "items": items,
        "total": total,
        "limit": limit,
        "next_cursor": next_cursor,
        "links": {"self": self_url, "next": next_url},
    }
    if facets is not None:
        envelope["facets"] = facets
    link = {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
    return answer(request, orjson.dumps(envelope), headers={**(headers or {}), **link})


def _encoded(headers: dict[str, str]) -> RawHeaders:
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
