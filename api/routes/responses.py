"""The error responses every endpoint documents."""

from typing import Any

from models.public import Problem

PROBLEM = "application/problem+json"


def problem(description: str) -> dict[str, Any]:
    return {"description": description, "model": Problem, "content": {PROBLEM: {}}}


READ_ERRORS: dict[int | str, dict[str, Any]] = {
    400: problem("A parameter is unknown or malformed; `errors` names each one."),
    404: problem("No such record or route."),
    405: problem("Only GET, HEAD and OPTIONS are allowed; see the Allow header."),
    414: problem("The URL is longer than the configured limit."),
    503: problem("The data cannot be read now; retry after `Retry-After` seconds."),
}
NOT_MODIFIED: dict[int | str, dict[str, Any]] = {
    304: {"description": "Not modified: the `If-None-Match` ETag is still current."}
}
