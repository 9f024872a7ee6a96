"""One error shape for everything: RFC 9457 problem+json, rendered by `render_problem` alone.

Endpoints raise ApiProblem (or its kinds below); whatever answers the request (FastAPI's
exception handlers, the request guard's refusals) turns it into bytes through the one
function here, so every problem looks the same.

Every problem's `type` names its kind: `/problems/<slug>`, one of PROBLEM_TYPES, a page
the API serves (api/routes/docs.py) and an enum in /openapi.json. A raiser passes the
slug; without one, the status's usual kind (DEFAULT_SLUGS) is named.
"""

import logging
import sqlite3
from dataclasses import dataclass
from typing import Any

import orjson
import psycopg
from sqlalchemy.exc import DBAPIError
from starlette.responses import Response
from starlette.types import Send

MEDIA_TYPE = "application/problem+json"
RETRY_AFTER = "5"
# A problem names at most this many parameters, each message at most MAX_MESSAGE
# characters: a URL with a thousand bad parameters gets a small answer, not a large one.
# Messages are written to fit; one that does not is cut at a word, never inside one.
MAX_ERRORS = 20
MAX_MESSAGE = 300
MAX_DETAIL = 500
TYPE_PREFIX = "/problems/"


@dataclass(frozen=True)
class ProblemType:
    """A kind of problem: its slug (the last part of its `type`), its status, its title
    and what a client does about it (the page /problems/<slug> shows)."""

    slug: str
    status: int
    title: str
    description: str

    @property
    def uri(self) -> str:
        return TYPE_PREFIX + self.slug


PROBLEM_TYPES: dict[str, ProblemType] = {
    p.slug: p
    for p in (
        ProblemType(
            "unknown-parameter",
            400,
            "Unknown parameter",
            "The request names a query parameter the operation does not take. `errors` names "
            "each one; the operation's parameters are listed in /openapi.json and /docs.",
        ),
        ProblemType(
            "invalid-value",
            400,
            "Invalid value",
            "A parameter's value is not one the operation accepts: not of its type, outside "
            "its vocabulary or its limits, empty, or given more than once. `errors` names "
            "each parameter and says what it takes.",
        ),
        ProblemType(
            "ambiguous-value",
            400,
            "Ambiguous value",
            "A list parameter's value could mean two things. A literal comma separates "
            "values (`name=a,b` is a or b); a comma inside one value is written percent-"
            "encoded as `%2C` (what httpx, requests, curl --data-urlencode and "
            "URLSearchParams send), or the parameter is repeated (`name=a&name=b`). A value "
            "split at a literal comma that starts or ends with a space is refused, since it "
            "most likely held the comma: write that comma as `%2C`, or drop the spaces.",
        ),
        ProblemType(
            "invalid-cursor",
            400,
            "Invalid cursor",
            "The `cursor` is not one this API issued for these filters, `q` and `sort`. Pass "
            "the `next_cursor` of the previous page with the same other parameters.",
        ),
        ProblemType(
            "stale-cursor",
            409,
            "Stale cursor",
            "The cursor was issued for a dataset version that a re-seed replaced. Start "
            "again from the first page.",
        ),
        ProblemType(
            "export-too-large",
            400,
            "Export too large",
            "An export holds at most the configured number of records; narrow the filters.",
        ),
        ProblemType(
            "not-found",
            404,
            "Not found",
            "No record has this id, or no route has this path.",
        ),
        ProblemType(
            "method-not-allowed",
            405,
            "Method not allowed",
            "Only GET, HEAD and OPTIONS are served; the `Allow` header lists them.",
        ),
        ProblemType(
            "not-acceptable",
            406,
            "Not acceptable",
            "The `Accept` header names no media type this operation answers with.",
        ),
        ProblemType(
            "uri-too-long",
            414,
            "URI too long",
            "The URL is longer than the configured limit; fewer or shorter parameters fit.",
        ),
        ProblemType(
            "headers-too-large",
            431,
            "Request header fields too large",
            "The request's headers are more or larger than the configured limits.",
        ),
        ProblemType(
            "bad-request",
            400,
            "Bad request",
            "The request is not one this API reads: malformed HTTP, a Host it does not "
            "serve, a query string that is not UTF-8, or an upgrade to another protocol.",
        ),
        ProblemType(
            "forbidden",
            403,
            "Forbidden",
            "The MCP endpoint refuses a request sent by a web page of an origin that "
            "`cors_origins` does not name (a guard against DNS rebinding).",
        ),
        ProblemType(
            "content-too-large",
            413,
            "Content too large",
            "The request's body is larger than the configured limit (the MCP endpoint's "
            "`mcp_max_body_bytes`).",
        ),
        ProblemType(
            "unavailable",
            503,
            "Service unavailable",
            "The data cannot be read now (the database is lost or slow), or a bounded queue "
            "is full. Retry after the `Retry-After` seconds.",
        ),
        ProblemType(
            "internal-error",
            500,
            "Internal error",
            "Something went wrong on the server's side; it has been logged. Never expected: "
            "report it with the `X-Request-ID`.",
        ),
    )
}
# The kind named when a raiser names none: the usual kind of the status.
DEFAULT_SLUGS = {
    400: "bad-request",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    409: "stale-cursor",
    413: "content-too-large",
    414: "uri-too-long",
    431: "headers-too-large",
    500: "internal-error",
    503: "unavailable",
}


def problem_type(status: int, slug: str | None = None) -> ProblemType:
    """The kind of a problem: `slug`'s, or the status's usual one."""
    found = PROBLEM_TYPES.get(slug or DEFAULT_SLUGS.get(status, "bad-request"))
    assert found is not None, slug
    return found


def cut(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, cut at a space (never inside a word) with an
    ellipsis when it is longer."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    return (head[:space] if space > 0 else head).rstrip(" ,;:") + "…"


RawHeaders = list[tuple[bytes, bytes]]


def header_lines(headers: RawHeaders) -> bytes:
    """`headers` as the HTTP/1.1 header lines uvicorn writes for them (names lower-cased),
    for the answers written without it: refusals of the head, and memory answers."""
    return b"".join(name.lower() + b": " + value + b"\r\n" for name, value in headers)


log = logging.getLogger("circle")


class DatabaseUnavailable(Exception):
    """The data cannot be read now (missing, corrupt, unseeded or unreachable); raised by
    the data layer with a one-line reason for logs and the CLI, answered as a 503."""


# What the drivers raise when the database is gone, unreachable, corrupt or not what was
# seeded: psycopg's errors are not always wrapped in SQLAlchemy's (a new pooled
# connection that fails to open raises psycopg.OperationalError as it is).
DRIVER_ERRORS = (DBAPIError, psycopg.Error, sqlite3.Error)
TIMED_OUT = ("interrupted", "statement timeout", "canceling statement")


class ApiProblem(Exception):
    """An error the API answers with; raised anywhere, rendered by render_problem."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        slug: str | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}
        self.slug = problem_type(status, slug).slug


class Unavailable(ApiProblem):
    """503 with Retry-After: the data cannot be read now, or not within the time limit."""

    def __init__(self, detail: str = "The data cannot be read now.") -> None:
        super().__init__(503, detail, headers={"Retry-After": RETRY_AFTER}, slug="unavailable")


class BadRequest(ApiProblem):
    """400 naming each bad parameter in `errors`; its kind is `slug`'s (invalid-value
    unless said)."""

    def __init__(self, errors: list[dict[str, str]], slug: str | None = None) -> None:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(
            400,
            f"{first['param']}: {first['message']}{more}",
            errors=errors,
            slug=slug or "invalid-value",
        )


def render_problem(
    status: int,
    detail: str,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    slug: str | None = None,
) -> tuple[RawHeaders, bytes]:
    """The headers and body of a problem answer: the one place problems are rendered."""
    kind = problem_type(status, slug)
    body: dict[str, Any] = {
        "type": kind.uri,
        "title": kind.title,
        "status": status,
        "detail": cut(detail, MAX_DETAIL),
    }
    if errors is not None:
        body["errors"] = [
            {"param": cut(e["param"], 100), "message": cut(e["message"], MAX_MESSAGE)}
            for e in errors[:MAX_ERRORS]
        ]
    encoded = orjson.dumps(body)
    raw: RawHeaders = [
        (b"content-type", MEDIA_TYPE.encode()),
        (b"content-length", b"%d" % len(encoded)),
    ]
    raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
    return raw, encoded


def problem_response(
    status: int,
    detail: str,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    slug: str | None = None,
) -> Response:
    raw, body = render_problem(status, detail, errors, headers, slug)
    response = Response(body, status_code=status)
    response.raw_headers = raw
    return response


def problem_for(exc: BaseException) -> Response:
    """The answer to an exception an endpoint raised, wherever it was raised."""
    if not isinstance(exc, ApiProblem):
        exc = as_problem(exc)
    return problem_response(exc.status, exc.detail, exc.errors, exc.headers, exc.slug)


def as_problem(exc: BaseException) -> ApiProblem:
    """An exception that is not an ApiProblem, as the problem the client is given: a lost
    database is a 503, whichever layer or driver noticed it; anything else
    is logged and answered with a 500 that names nothing internal."""
    if isinstance(exc, ApiProblem):
        return exc
    cause = exc.__cause__
    if cause is not None and isinstance(cause, (ApiProblem, DatabaseUnavailable, *DRIVER_ERRORS)):
        # Raised from one (Starlette's "response already started", when an export's
        # batch fails mid-stream): the problem it carries, not an unhandled error.
        return as_problem(cause)
    if isinstance(exc, DatabaseUnavailable):
        log.warning("data unavailable: %s", exc)
        return Unavailable()
    if isinstance(exc, DRIVER_ERRORS):
        message = str(exc).lower()
        if any(sign in message for sign in TIMED_OUT):
            return Unavailable("The query took longer than the time limit; narrow it down.")
        log.warning("data unavailable: %s", str(exc).splitlines()[0] if str(exc) else exc)
        return Unavailable()
    log.error("unhandled error: %s", type(exc).__name__, exc_info=exc)
    return ApiProblem(500, "Something went wrong on our side; it has been logged.")


async def send_problem(
    send: Send,
    status: int,
    detail: str,
    headers: dict[str, str] | None = None,
    errors: list[dict[str, str]] | None = None,
    slug: str | None = None,
) -> None:
    """A problem answered at the ASGI level, before any route (the request guard)."""
    raw, body = render_problem(status, detail, errors, headers, slug)
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
