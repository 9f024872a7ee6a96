"""The API's errors as exceptions, one class per kind of problem (RFC 9457
problem+json): every one is a `ProblemError` carrying the problem it was told.

    ProblemError                 any answer other than 2xx or 304
    ├── BadRequest               400: the query is refused; `errors` names each parameter
    │   ├── UnknownParameter     /problems/unknown-parameter
    │   ├── InvalidValue         /problems/invalid-value
    │   ├── AmbiguousValue       /problems/ambiguous-value
    │   └── InvalidCursor        /problems/invalid-cursor
    ├── NotFound                 404: no such record or path
    ├── NotAcceptable            406: no answer in the media type asked for
    ├── StaleCursor              409 /problems/stale-cursor: the data changed; start again
    ├── RequestTooLarge          414, 431: the URL or the headers are too long
    ├── TooManyRequests          429
    └── ServerError              5xx
        └── Unavailable          503: the data cannot be read now (retried first)

The class is chosen by the problem's `type` (`/problems/<kind>`) when the client knows
it, else by the status.
"""

from typing import Any

import httpx
from pydantic import ValidationError

from circle_client.models import Problem
from circle_client.models import ProblemError as ParamError

__all__ = [
    "AmbiguousValue",
    "BadRequest",
    "InvalidCursor",
    "InvalidValue",
    "NotAcceptable",
    "NotFound",
    "ParamError",
    "ProblemError",
    "RequestTooLarge",
    "ServerError",
    "StaleCursor",
    "TooManyRequests",
    "Unavailable",
    "UnknownParameter",
]

PROBLEM_MEDIA_TYPES = ("application/problem+json", "application/json")
TYPE_PATH = "/problems/"


class ProblemError(Exception):
    """An answer other than 2xx or 304: its `status`, `type`, `title` and `detail`, and,
    for bad input, `errors`, one `ParamError` (`param`, `message`) per refused parameter;
    `problem` is the whole parsed problem, `headers` the answer's headers.

    An answer that is not problem+json (a proxy's HTML page, say) is raised too, by its
    status, with the HTTP reason as title and the start of the body as detail.
    """

    def __init__(
        self,
        status: int,
        title: str,
        detail: str,
        *,
        type: str = "about:blank",
        errors: list[ParamError] | None = None,
        problem: Problem | None = None,
        headers: httpx.Headers | None = None,
    ) -> None:
        super().__init__(f"{status} {title}: {detail}")
        self.status = status
        self.title = title
        self.detail = detail
        self.type = type
        self.errors: list[ParamError] = errors or []
        self.problem = problem
        self.headers = headers or httpx.Headers()

    @property
    def kind(self) -> str | None:
        """The kind of problem its `type` names (`not-found` of `/problems/not-found`),
        or None for `about:blank`."""
        return kind_of(self.type)

    @property
    def params(self) -> list[str]:
        """The names of the refused parameters."""
        return [error.param for error in self.errors]

    @classmethod
    def from_response(cls, response: httpx.Response) -> "ProblemError":
        """The exception of a response whose body has been read, of the class its
        problem type or else its status names."""
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type in PROBLEM_MEDIA_TYPES:
            try:
                problem = Problem.model_validate_json(response.content)
            except ValidationError:
                pass
            else:
                return error_class(problem.status, problem.type)(
                    problem.status,
                    problem.title,
                    problem.detail,
                    type=problem.type,
                    errors=list(problem.errors or []),
                    problem=problem,
                    headers=response.headers,
                )
        status = response.status_code
        return error_class(status, None)(
            status, response.reason_phrase or "Error", response.text[:500], headers=response.headers
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild,
            (type(self), self.status, self.title, self.detail, self.type, self.problem),
        )


class BadRequest(ProblemError):
    """400: the request is refused as written; `errors` says what to change."""


class UnknownParameter(BadRequest):
    """400: a parameter the collection does not take."""


class InvalidValue(BadRequest):
    """400: a value the parameter does not take."""


class AmbiguousValue(BadRequest):
    """400: a value that could be read two ways; the message says how to write it."""


class InvalidCursor(BadRequest):
    """400: a cursor that is not one the API issued for these filters."""


class NotFound(ProblemError):
    """404: no record with this id, or no such path."""


class NotAcceptable(ProblemError):
    """406: no answer in the media type asked for."""


class StaleCursor(ProblemError):
    """409: the cursor was issued for a version of the data that a re-seed replaced;
    start again from the first page."""


class RequestTooLarge(ProblemError):
    """414 or 431: the URL or the headers are longer than the API reads."""


class TooManyRequests(ProblemError):
    """429: too many requests now (retried first, as `Retry-After` allows)."""


class ServerError(ProblemError):
    """5xx: the API or a proxy in front of it failed."""


class Unavailable(ServerError):
    """503: the data cannot be read now (retried first, as `Retry-After` allows)."""


BY_KIND: dict[str, type[ProblemError]] = {
    "bad-request": BadRequest,
    "unknown-parameter": UnknownParameter,
    "invalid-value": InvalidValue,
    "ambiguous-value": AmbiguousValue,
    "invalid-cursor": InvalidCursor,
    "not-found": NotFound,
    "not-acceptable": NotAcceptable,
    "stale-cursor": StaleCursor,
    "uri-too-long": RequestTooLarge,
    "headers-too-large": RequestTooLarge,
    "unavailable": Unavailable,
}
BY_STATUS: dict[int, type[ProblemError]] = {
    400: BadRequest,
    404: NotFound,
    406: NotAcceptable,
    414: RequestTooLarge,
    429: TooManyRequests,
    431: RequestTooLarge,
    503: Unavailable,
}


def kind_of(problem_type: str) -> str | None:
    """`not-found` of `/problems/not-found` (relative or absolute), else None."""
    _, found, kind = problem_type.rstrip("/").rpartition(TYPE_PATH)
    return kind if found and kind and "/" not in kind else None


def error_class(status: int, problem_type: str | None) -> type[ProblemError]:
    kind = kind_of(problem_type) if problem_type else None
    if kind is not None and kind in BY_KIND:
        return BY_KIND[kind]
    if status in BY_STATUS:
        return BY_STATUS[status]
    return ServerError if status >= 500 else ProblemError


def _rebuild(
    cls: type[ProblemError],
    status: int,
    title: str,
    detail: str,
    type: str,
    problem: Problem | None,
) -> ProblemError:
    errors = list(problem.errors or []) if problem is not None else None
    return cls(status, title, detail, type=type, errors=errors, problem=problem)
