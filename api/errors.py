"""One error shape for everything: RFC 9457 problem+json."""

from http import HTTPStatus
from typing import Any

import orjson
from starlette.responses import Response

PROBLEM_TYPE = "about:blank"
MEDIA_TYPE = "application/problem+json"


class ApiProblem(Exception):
    """An error the API answers with; raised anywhere, rendered once."""

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


RETRY_AFTER = "5"


class Unavailable(ApiProblem):
    """503 with Retry-After: the data cannot be read now, or not within the time limit."""

    def __init__(self, detail: str = "The data cannot be read now.") -> None:
        super().__init__(503, detail, headers={"Retry-After": RETRY_AFTER})


class BadRequest(ApiProblem):
    def __init__(self, errors: list[dict[str, str]]) -> None:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(400, f"{first['param']}: {first['message']}{more}", errors=errors)


def problem_body(status: int, detail: str, errors: list[dict[str, str]] | None = None) -> bytes:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE,
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    return orjson.dumps(body)


def problem_response(
    status: int,
    detail: str,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    return Response(
        problem_body(status, detail, errors),
        status_code=status,
        media_type=MEDIA_TYPE,
        headers=headers,
    )
