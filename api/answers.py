"""Answers with the HTTP a client expects: ETag and 304, Cache-Control, Link, and the
one page envelope every list answer uses."""

import hashlib
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote_plus, unquote_to_bytes

import orjson
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from api.errors import BadRequest
from api.query.memo import ENTRY_OVERHEAD, footprint
from api.query.params import decode_value, encoded_items
from api.settings import Settings

JSON = "application/json"


class QueryString:
    """A request's query string, parsed once: its parameters and its pages' URLs."""

    def __init__(self, request: Request) -> None:
        self.path: str = request.scope["path"]
        raw: bytes = request.scope["query_string"]
        self.items = parse_query(raw)
        # Whether every name and value is written as urlencode would write it (most
        # query strings): the page's URLs then join them as they are.
        self.plain = _PLAIN_QUERY.fullmatch(raw) is not None

    def lists(self) -> dict[str, list[str]]:
        params: dict[str, list[str]] = {}
        for key, value in self.items:
            params.setdefault(key, []).append(value)
        return params

    def page_urls(self, cursor: str | None, next_cursor: str | None) -> tuple[str, str | None]:
        """The URLs of this page and of the next one: the query as asked (re-encoded),
        its cursor replaced. From the scope, not request.url: building a URL object cost
        more than the query."""
        if self.plain:
            kept = "&".join(k + "=" + v for k, v in self.items if k != "cursor")
        else:
            kept = "&".join(f"{_quoted(k)}={_quoted(v)}" for k, v in self.items if k != "cursor")

        def url(at: str | None) -> str:
            parts = [kept] if kept else []
            if at is not None:
                parts.append("cursor=" + _quoted(at))
            return self.path + ("?" + "&".join(parts) if parts else "")

        return url(cursor), url(next_cursor) if next_cursor else None


def parse_query(raw: bytes) -> list[tuple[str, str]]:
    """`name=value&...` as parse_qsl(keep_blank_values=True) reads it, but with names and
    values decoded strictly as UTF-8 after percent-decoding: bytes that are not UTF-8 are
    a 400 naming the parameter, not a silent U+FFFD in a search."""
    if b"%" not in raw and b"+" not in raw:
        # Nothing to percent-decode (most query strings): decoded at once, as UTF-8
        # decodes the same around the ASCII & and =. Bytes that are not UTF-8 are
        # named below.
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            pairs = (pair.partition("=") for pair in text.split("&") if pair)
            return [(name, value) for name, _, value in pairs]
    items: list[tuple[str, str]] = []
    errors: list[dict[str, str]] = []
    for pair in raw.split(b"&"):
        if not pair:
            continue
        name, _, value = pair.partition(b"=")
        try:
            key = _utf8(name)
        except UnicodeDecodeError:
            errors.append({"param": "query", "message": "a parameter name is not UTF-8"})
            continue
        try:
            items.append((key, decode_value(value, _utf8)))
        except UnicodeDecodeError:
            errors.append({"param": key, "message": "is not UTF-8 once percent-decoded"})
    if errors:
        raise BadRequest(errors)
    return items


def _utf8(part: bytes) -> str:
    if b"%" not in part and b"+" not in part:  # nothing to decode (most parameters)
        return part.decode("utf-8")
    return unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")


# What quote_plus(text, safe=",") leaves as it is.
_UNQUOTED = re.compile(r"[A-Za-z0-9_.~,-]*")
# A query string of such names and values, each pair with at most one `=`.
_PLAIN_QUERY = re.compile(
    rb"[A-Za-z0-9_.~,-]*(?:=[A-Za-z0-9_.~,-]*)?(?:&[A-Za-z0-9_.~,-]*(?:=[A-Za-z0-9_.~,-]*)?)*"
)


def _quoted(text: str) -> str:
    """quote_plus(text, safe=","), as urlencode writes a name or a value; most are left
    as they are, which is checked without building a new string."""
    # A value whose commas were data keeps them encoded: `a%2Cb` stays one value.
    encoded = encoded_items(text)
    if encoded is not None:
        return encoded
    return text if _UNQUOTED.fullmatch(text) else quote_plus(text, safe=",")


def etag_of(*parts: bytes) -> str:
    # SHA-256, cut to 96 bits: with the CPU's SHA instructions it is the quickest of the
    # standard library's hashes for a page (docs/design.md, "SHA-256 ETags").
    # Each part followed by a NUL. Joined first: a page has a part per record, and one
    # call per part cost more than the hashing; a lone part (a whole body) is not copied.
    digest = hashlib.sha256(parts[0] if len(parts) == 1 else b"\x00".join(parts))
    digest.update(b"\x00")
    return f'W/"{digest.hexdigest()[:24]}"'


def not_modified(request: Request, etag: str) -> bool:
    header = next((v for k, v in request.scope["headers"] if k == b"if-none-match"), b"")
    # Most requests hold no ETag: an empty header names none, and is not split for one.
    return bool(header) and holds_etag(header, etag.encode())


def holds_etag(if_none_match: bytes, etag: bytes) -> bool:
    """Whether an If-None-Match header names this ETag (compared weakly) or `*`: the one
    rule for the app's 304s and for the response cache's choice of a stored 304."""
    bare = etag.removeprefix(b"W/")
    return any(t.strip().removeprefix(b"W/") in (bare, b"*") for t in if_none_match.split(b","))


def caching_headers(settings: Settings, etag: str) -> dict[str, str]:
    return {"etag": etag, "cache-control": f"public, max-age={settings.cache_max_age}"}


def answer(
    request: Request,
    body: bytes,
    *,
    media_type: str = JSON,
    headers: dict[str, str] | None = None,
    etag: str | None = None,
) -> Response:
    """`body` with its ETag (`etag`, or one computed from the body) and Cache-Control (and
    `headers`), or a 304 when the client holds that ETag."""
    settings: Settings = request.app.state.settings
    etag = etag_of(body) if etag is None else etag
    given = caching_headers(settings, etag) | (headers or {})
    if not_modified(request, etag):
        return Response(b"", 304, _vary_as_200(settings, given, len(body)))
    return Response(body, headers=given, media_type=media_type)


async def stream(
    request: Request,
    version: str,
    chunks: Iterator[bytes],
    media_type: str,
    filename: str,
    headers: dict[str, str] | None = None,
) -> Response:
    """An export: its ETag comes from the version, the query and the media type (which
    `Accept` may choose), not the unbuffered body.

    Streamed in chunks to an HTTP/1.1 client. HTTP/1.0 has no chunked encoding, and
    uvicorn would send it one for a body of unknown length: that client gets the body
    read whole (on a thread; at most max_export_rows records) with its Content-Length."""
    settings: Settings = request.app.state.settings
    etag = etag_of(
        version.encode(),
        request.url.path.encode(),
        request.url.query.encode(),
        media_type.encode(),
    )
    given = caching_headers(settings, etag) | (headers or {})
    given["content-disposition"] = f'attachment; filename="{filename}"'
    if not_modified(request, etag):
        return Response(b"", 304, _vary_as_200(settings, given, None))
    if request.scope.get("http_version") == "1.0":
        body = await run_in_threadpool(b"".join, chunks)
        return Response(body, headers=given, media_type=media_type)
    return StreamingResponse(chunks, headers=given, media_type=media_type)


def page_answer(
    request: Request,
    asked: QueryString,
    items: list[Any] | None,
    *,
    total: int,
    limit: int,
    cursor: str | None,
    next_cursor: str | None,
    facets: dict[str, list[dict[str, Any]]] | None = None,
    headers: dict[str, str] | None = None,
    documents: list[bytes] | None = None,
) -> Response:
    """A page of a list (a collection or the search): the one envelope, and its Link.

    The items are `items`, values to encode, or (`items` None) `documents`, rendered
    records written as they are: the body is joined around them, not encoded again, and
    the ETag is computed from their digests (known from earlier pages) and the rest of
    the envelope, not by hashing the whole body."""
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
    headers = {**(headers or {}), **link}
    if items is not None:
        return answer(request, orjson.dumps(envelope), headers=headers)
    assert documents is not None
    rest = orjson.dumps(envelope)  # {"items":null,...}: items come first
    digests: DocumentDigests = request.app.state.document_digests
    etag = etag_of(rest, *map(digests.of, documents))
    body = b"".join((b'{"items":[', b",".join(documents), b"]", rest[len(ITEMS_NULL) :]))
    return answer(request, body, headers=headers, etag=etag)


ITEMS_NULL = b'{"items":null'


class DocumentDigests:
    """The SHA-256 of each rendered record shown lately, by its bytes, up to `max_bytes`
    of records: a page's ETag is computed from its records' digests, so a first-time page
    of records shown before hashes its envelope only. A bytes object keeps its hash once
    computed, so looking up the Documents memo's own objects does not read them again.
    One per app (`app.state.document_digests`), used on the event loop only."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.digests: dict[bytes, bytes] = {}
        self.size = 0

    def of(self, document: bytes) -> bytes:
        found = self.digests.get(document)
        if found is None:
            found = hashlib.sha256(document).digest()
            cost = footprint(document) + DIGEST_BYTES + ENTRY_OVERHEAD
            if cost > self.max_bytes:
                return found
            if self.size + cost > self.max_bytes:
                self.digests.clear()
                self.size = 0
            self.digests[document] = found
            self.size += cost
        return found


# A digest as a bytes object: 32 bytes and the object's header.
DIGEST_BYTES = 65


def _vary_as_200(settings: Settings, headers: dict[str, str], length: int | None) -> dict[str, str]:
    """A 304's headers as its 200 has them: the gzip layer adds Accept-Encoding to the
    Vary of a 200 it could compress (`length` bytes, or a stream), and sees no body in a
    304."""
    if length is not None and length < settings.gzip_min_size:
        return headers
    name = next((k for k in headers if k.lower() == "vary"), None)
    if name is None:
        return headers | {"vary": "Accept-Encoding"}
    return headers | {name: f"{headers[name]}, Accept-Encoding"}
