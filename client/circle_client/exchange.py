"""What the two clients share: the resource a name means, and one GET's meaning:
conditional headers out, and for each answer or connection error its body, a wait before
trying again, or an exception."""

import json
from typing import Any
from urllib.parse import quote, urlencode

import httpx

from circle_client.cache import ETagCache
from circle_client.errors import ProblemError
from circle_client.resource import Params, Resource
from circle_client.retry import RetryPolicy

DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=5.0)
EXPORT_MEDIA_TYPES = {"csv": "text/csv", "ndjson": "application/x-ndjson"}


def record_path(resource: Resource[Any, Any, Any, ...], record_id: str) -> str:
    return f"{resource.path}/{quote(record_id, safe='')}"


def paging(params: Params) -> tuple[Params, str | None]:
    """The query without its `cursor`, and the cursor to start from: paging sets it."""
    cursors = [value for name, value in params if name == "cursor"]
    return tuple(p for p in params if p[0] != "cursor"), (cursors[-1] if cursors else None)


def with_cursor(params: Params, cursor: str | None) -> Params:
    return params if cursor is None else (*params, ("cursor", cursor))


def typed_params(params: Params) -> Params:
    if any(name == "fields" for name, _ in params):
        raise TypeError("typed records hold every field: use iterate_dicts() with fields=")
    return params


def export_params(fmt: str, params: Params) -> Params:
    if fmt not in EXPORT_MEDIA_TYPES:
        raise ValueError(f"format must be one of: {', '.join(EXPORT_MEDIA_TYPES)}")
    return (*params, ("format", fmt))


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
        self.key = path + ("?" + urlencode(params) if params else "")
        self.cache = cache
        self.cached = cache.get(self.key) if cache is not None else None
        self.headers = {"If-None-Match": self.cached.etag} if self.cached else {}
        self.attempts = retry.start()

    def outcome(self, response: httpx.Response) -> bytes | float:
        """The body (a 304's from the cache), or the seconds to wait before trying again;
        raises ProblemError's class for the problem when it is not tried again. The body
        must be read."""
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

    def after_error(self, error: httpx.TransportError) -> float:
        """The seconds to wait before trying again after a connection error; raises the
        error when it is not tried again."""
        wait = self.attempts.wait_after_error(error)
        if wait is None:
            raise error
        return wait
