"""The API's errors as one exception: RFC 9457 problem+json, typed."""

from typing import Any

import httpx
from pydantic import ValidationError

from circle_client.models import Problem
from circle_client.models import ProblemError as ParamError

__all__ = ["ParamError", "ProblemError"]

PROBLEM_MEDIA_TYPES = ("application/problem+json", "application/json")


class ProblemError(Exception):
    """An answer other than 2xx or 304: its status, title and detail, and, for bad input,
    `errors`, one `ParamError` (`param`, `message`) per refused parameter.

    An answer that is not problem+json (a proxy's HTML page, say) is raised as a
    ProblemError too, with the HTTP reason as title and the start of the body as detail.
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
    def params(self) -> list[str]:
        """The names of the refused parameters."""
        return [error.param for error in self.errors]

    @classmethod
    def from_response(cls, response: httpx.Response) -> "ProblemError":
        """Reads a response whose body has been read."""
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type in PROBLEM_MEDIA_TYPES:
            try:
                problem = Problem.model_validate_json(response.content)
            except ValidationError:
                pass
            else:
                return cls(
                    problem.status,
                    problem.title,
                    problem.detail,
                    type=problem.type,
                    errors=list(problem.errors or []),
                    problem=problem,
                    headers=response.headers,
                )
        return cls(
            response.status_code,
            response.reason_phrase or "Error",
            response.text[:500],
            headers=response.headers,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.status, self.title, self.detail, self.type, self.problem))


def _rebuild(
    status: int, title: str, detail: str, type: str, problem: Problem | None
) -> ProblemError:
    errors = list(problem.errors or []) if problem is not None else None
    return ProblemError(status, title, detail, type=type, errors=errors, problem=problem)
