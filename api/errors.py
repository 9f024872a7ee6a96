"""One error shape for everything: RFC 9457 problem+json, rendered by `render_problem` alone.

Endpoints raise ApiProblem (or its kinds below); whatever answers the request (FastAPI's
exception handlers, the fast path's direct routes, the request guard's refusals) turns it
into bytes through the one function here, so every problem looks the same.
"""

import logging
import sqlite3
from http import HTTPStatus
from typing import Any

import orjson
import psycopg
from sqlalchemy.exc import DBAPIError
from starlette.responses import Response
from starlette.types import Send

PROBLEM_TYPE = "about:blank"
MEDIA_TYPE = "application/problem+json"
RETRY_AFTER = "5"
# A problem names at most this many parameters, each message at most MAX_MESSAGE
# characters: a URL with a thousand bad parameters gets a small answer, not a large one.
MAX_ERRORS = 20
MAX_MESSAGE = 300
MAX_DETAIL = 500

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

    # Its problem type, /problems/<slug>, where one is named (None: about:blank).
    slug: str | None = None

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}


class Unavailable(ApiProblem):
    """503 with Retry-After: the data cannot be read now, or not within the time limit."""

    slug = "unavailable"

    def __init__(self, detail: str = "The data cannot be read now.") -> None:
        super().__init__(503, detail, headers={"Retry-After": RETRY_AFTER})


class BadRequest(ApiProblem):
    def __init__(self, errors: list[dict[str, str]]) -> None:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(400, f"{first['param']}: {first['message']}{more}", errors=errors)


def render_problem(
    status: int,
    detail: str,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[RawHeaders, bytes]:
    """The headers and body of a problem answer: the one place problems are rendered."""
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE,
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail[:MAX_DETAIL],
    }
    if errors is not None:
        body["errors"] = [
            {"param": e["param"][:100], "message": e["message"][:MAX_MESSAGE]}
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
) -> Response:
    raw, body = render_problem(status, detail, errors, headers)
    response = Response(body, status_code=status)
    response.raw_headers = raw
    return response


def problem_for(exc: BaseException) -> Response:
    """The answer to an exception an endpoint raised, wherever it was raised."""
    if not isinstance(exc, ApiProblem):
        exc = as_problem(exc)
    return problem_response(exc.status, exc.detail, exc.errors, exc.headers)


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
) -> None:
    """A problem answered at the ASGI level, before any route (the request guard)."""
    raw, body = render_problem(status, detail, errors, headers)
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
