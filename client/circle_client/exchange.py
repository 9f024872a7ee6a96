"""What the two clients share: a query string from keyword filters, the resource a name
means, and one GET's meaning: conditional headers out, and for each answer its body, a
wait before trying again, or a ProblemError."""

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

import httpx

from circle_client.cache import ETagCache
from circle_client.errors import ProblemError
from circle_client.models import RESOURCES
from circle_client.resource import Resource
from circle_client.retry import RetryPolicy

Scalar = str | int | float | bool | date
FilterValue = Scalar | Sequence[Scalar] | None
"""A filter's value: a list means any of its values (`unit=["CNY", "USD"]`), `sort`
takes several keys (`sort=["-value", "id"]`), None leaves the parameter out."""

Params = tuple[tuple[str, str], ...]

DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=5.0)
EXPORT_MEDIA_TYPES = {"csv": "text/csv", "ndjson": "application/x-ndjson"}
# `facet` is the one list parameter the API takes only repeated; every other takes `a,b`.
REPEATED = frozenset({"facet"})


def text(value: Scalar) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def query(filters: Mapping[str, FilterValue]) -> Params:
    params: list[tuple[str, str]] = []
    for name, value in filters.items():
        if value is None:
            continue
        if isinstance(value, Scalar):
            params.append((name, text(value)))
        elif name in REPEATED:
            params += [(name, text(item)) for item in value]
        elif value:
            params.append((name, ",".join(text(item) for item in value)))
    return tuple(params)


def resource_of(resource: "Resource[Any, Any, Any] | str") -> "Resource[Any, Any, Any]":
    if isinstance(resource, Resource):
        return resource
    found = RESOURCES.get(resource)
    if found is None:
        raise ValueError(f"unknown resource {resource!r}; known: {', '.join(RESOURCES)}")
    return found


def first_cursor(filters: dict[str, FilterValue]) -> str | None:
    """The `cursor` to start from, taken out of the filters: paging sets it from then on."""
    cursor = filters.pop("cursor", None)
    if cursor is not None and not isinstance(cursor, str):
        raise TypeError("cursor is a string, the next_cursor of a page")
    return cursor


def record_path(resource: "Resource[Any, Any, Any]", record_id: str) -> str:
    return f"{resource.path}/{quote(record_id, safe='')}"


def no_fields(filters: Mapping[str, FilterValue]) -> None:
    if filters.get("fields") is not None:
        raise TypeError("typed records hold every field: use iterate_dicts() with fields=")


def export_params(fmt: str, filters: Mapping[str, FilterValue]) -> Params:
    if fmt not in EXPORT_MEDIA_TYPES:
        raise ValueError(f"format must be one of: {', '.join(EXPORT_MEDIA_TYPES)}")
    return (*query(filters), ("format", fmt))


def export_headers(fmt: str) -> dict[str, str]:
    return {"Accept": EXPORT_MEDIA_TYPES[fmt]}


def dict_items(body: bytes) -> tuple[list[dict[str, Any]], str | None]:
    page = json.loads(body)
    return page["items"], page.get("next_cursor")


class Exchange:
    """One GET, however many tries it takes."""

    def __init__(
        self,
        path: str,
        params: Params,
        cache: ETagCache | None,
        retry: RetryPolicy,
    ) -> None:
        self.path = path
        self.params = params
        self.key = path + ("?" + urlencode(params) if params else "")
        self.cache = cache
        self.cached = cache.get(self.key) if cache is not None else None
        self.headers = {"If-None-Match": self.cached.etag} if self.cached else {}
        self.attempts = retry.start()

    def outcome(self, response: httpx.Response) -> bytes | float:
        """The body (a 304's from the cache), or the seconds to wait before trying again;
        raises ProblemError for an error that is not retried. The body must be read."""
        status = response.status_code
        if status == 304 and self.cached is not None:
            return self.cached.body
        if 200 <= status < 300:
            etag = response.headers.get("etag")
            if etag and self.cache is not None and status == 200:
                self.cache.put(self.key, etag, response.content)
            return response.content
        wait = self.attempts.wait_after(response)
        if wait is None:
            raise ProblemError.from_response(response)
        return wait
