"""The responses every endpoint documents: which statuses each one can answer, their
headers, and the problem+json shape of every error.

Every answer passes the request guard, so every operation can answer 400 (a Host this API
does not serve) and 414 (a URL over the limit); operations that read the data can answer
503. A GET is never answered 405 (other methods are, and OpenAPI documents GETs only).
"""

from typing import Any

from api.errors import problem_type

PROBLEM = "application/problem+json"
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


def _header(description: str, example: str) -> dict[str, Any]:
    return {"description": description, "schema": {"type": "string"}, "example": example}


HEADERS: dict[str, dict[str, Any]] = {
    "ETag": _header(
        "A weak validator of the answer; send it back in `If-None-Match` for a 304.",
        'W/"3f1c0a9d4b7e2c5a1d8e6f00"',
    ),
    "Cache-Control": _header("How long a cache may keep the answer.", "public, max-age=60"),
    "X-Request-ID": _header(
        "The request's id: the client's own `X-Request-ID` when it is a safe token, else a "
        "new one. The access log records it.",
        "5b0e6c2f1a9d3e47000000000000002a",
    ),
    "Link": _header(
        'The next page, as RFC 8288 `rel="next"`; absent on the last page.',
        '</v1/projects?limit=2&cursor=eyJ2IjpbXX0>; rel="next"',
    ),
    "Vary": _header(
        "The request headers the answer depends on: `Accept` (the export format) and, "
        "when they apply, `Accept-Encoding` and `Origin`.",
        "Accept, Accept-Encoding",
    ),
    "Content-Disposition": _header(
        "Exports are attachments named after the collection.",
        'attachment; filename="projects.csv"',
    ),
    "X-Dataset-Version": _header("The dataset version this server reads.", "a1b2c3d4e5f6a7b8"),
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "integer", "minimum": 0},
        "example": 5,
    },
}


def headers(*names: str) -> dict[str, Any]:
    return {name: {"$ref": f"#/components/headers/{name}"} for name in names}


def problem(
    description: str, example_detail: str, status: int, *extra: str, slugs: tuple[str, ...] = ()
) -> dict[str, Any]:
    """A problem answer of `status`, whose `type` is one of `slugs` (the first is the
    example's; the status's usual one when none is given)."""
    kinds = [problem_type(status, slug) for slug in slugs or (None,)]
    example: dict[str, Any] = {
        "type": kinds[0].uri,
        "title": kinds[0].title,
        "status": status,
        "detail": example_detail,
    }
    if status == 400:
        param, _, message = example_detail.partition(": ")
        example["errors"] = [{"param": param, "message": message}]
    types = ", ".join(f"[`{k.uri}`]({k.uri})" for k in kinds)
    return {
        "description": f"{description} `type`: {types}.",
        "headers": headers("X-Request-ID", *extra),
        "content": {PROBLEM: {"schema": PROBLEM_REF, "example": example}},
    }


BAD_REQUEST = problem(
    "A parameter is unknown or malformed (`errors` names each one), or the Host header "
    "names no host this API serves.",
    "sort: unknown field 'height'; allowed: id, name, date_start",
    400,
    slugs=(
        "invalid-value",
        "unknown-parameter",
        "ambiguous-value",
        "invalid-cursor",
        "export-too-large",
        "bad-request",
    ),
)
URL_TOO_LONG = problem(
    "The URL is longer than the configured limit.", "The URL is longer than 8192 bytes.", 414
)
HEADERS_TOO_LARGE = problem(
    "The request's headers are more or larger than the configured limits.",
    "The request's headers are larger than the limit.",
    431,
)
NOT_FOUND = problem(
    "No record with this id.",
    "No projects record with id 'no-such-project'.",
    404,
)
STALE_CURSOR = problem(
    "The cursor was issued for a dataset version a re-seed replaced; start from page 1.",
    "The cursor belongs to an earlier version of the data; start again from the first page.",
    409,
)
UNAVAILABLE = problem(
    "The data cannot be read now; retry after `Retry-After` seconds.",
    "The data cannot be read now.",
    503,
    "Retry-After",
)

Responses = dict[int | str, dict[str, Any]]


def ok(description: str, *extra: str) -> dict[str, Any]:
    return {
        "description": description,
        "headers": headers("ETag", "Cache-Control", "X-Request-ID", *extra),
    }


def not_modified(*extra: str) -> Responses:
    return {
        304: {
            "description": "Not modified: the `If-None-Match` ETag is still current.",
            "headers": headers("ETag", "Cache-Control", "X-Request-ID", *extra),
        }
    }


# The answers of an operation that needs no data (/healthz), and of one that reads it.
GUARDED: Responses = {400: BAD_REQUEST, 414: URL_TOO_LONG, 431: HEADERS_TOO_LARGE}
READS: Responses = {**GUARDED, 503: UNAVAILABLE}
