"""The synchronous client."""

import os
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, Self, overload

import httpx

from circle_client.cache import ETagCache
from circle_client.exchange import (
    DEFAULT_TIMEOUT,
    Exchange,
    FilterValue,
    Params,
    dict_items,
    export_headers,
    export_params,
    first_cursor,
    no_fields,
    query,
    record_path,
    resource_of,
)
from circle_client.models import IndexPublic, SearchHit, SearchPage
from circle_client.resource import DetailT, ItemT, PageT, Resource
from circle_client.retry import RetryPolicy
from circle_client.version import USER_AGENT


class Client:
    """The API at `base_url`, e.g. `Client("http://127.0.0.1:8000")`.

    Every GET is conditional (an ETag cache of `cache_size` answers; 0 turns it off),
    retried after 503 and 429 as `retry` says, and bounded by `timeout` (seconds or an
    httpx.Timeout). `transport` and `headers` go to the underlying httpx.Client. An
    error answer raises ProblemError; a network failure raises httpx's own error.
    """

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        cache_size: int = 256,
        headers: dict[str, str] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.retry = retry or RetryPolicy()
        self.cache = ETagCache(cache_size) if cache_size > 0 else None
        self._http = httpx.Client(
            base_url=base_url,
            timeout=timeout,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})},
            transport=transport,
        )

    @property
    def timeout(self) -> httpx.Timeout:
        return self._http.timeout

    def _get(self, path: str, params: Params) -> bytes:
        exchange = Exchange(path, params, self.cache, self.retry)
        while True:
            response = self._http.get(path, params=params, headers=exchange.headers)
            outcome = exchange.outcome(response)
            if isinstance(outcome, bytes):
                return outcome
            time.sleep(outcome)

    @overload
    def page(self, resource: Resource[PageT, Any, Any], /, **params: FilterValue) -> PageT: ...
    @overload
    def page(self, resource: str, /, **params: FilterValue) -> Any: ...
    def page(self, resource: Resource[Any, Any, Any] | str, /, **params: FilterValue) -> Any:
        """One page (with `total`, `next_cursor` and, given `facet=`, `facets`)."""
        spec = resource_of(resource)
        no_fields(params)
        return spec.page.model_validate_json(self._get(spec.path, query(params)))

    @overload
    def iterate(
        self, resource: Resource[Any, ItemT, Any], /, **filters: FilterValue
    ) -> Iterator[ItemT]: ...
    @overload
    def iterate(self, resource: str, /, **filters: FilterValue) -> Iterator[Any]: ...
    def iterate(
        self, resource: Resource[Any, Any, Any] | str, /, **filters: FilterValue
    ) -> Iterator[Any]:
        """Every matching record, typed, following `next_cursor` through every page
        (`limit` sets the page size)."""
        spec = resource_of(resource)
        no_fields(filters)
        cursor = first_cursor(filters)
        while True:
            page = self.page(spec, **filters, cursor=cursor)
            yield from page.items
            cursor = page.next_cursor
            if cursor is None:
                return

    def iterate_dicts(
        self, resource: Resource[Any, Any, Any] | str, /, **filters: FilterValue
    ) -> Iterator[dict[str, Any]]:
        """Every matching record as a dict, through every page: for `fields=`, which
        trims records to the fields it names (and `id`)."""
        spec = resource_of(resource)
        cursor = first_cursor(filters)
        while True:
            items, cursor = dict_items(self._get(spec.path, query({**filters, "cursor": cursor})))
            yield from items
            if cursor is None:
                return

    @overload
    def get(self, resource: Resource[Any, Any, DetailT], record_id: str, /) -> DetailT: ...
    @overload
    def get(self, resource: str, record_id: str, /) -> Any: ...
    def get(self, resource: Resource[Any, Any, Any] | str, record_id: str, /) -> Any:
        """One record with what it links to."""
        spec = resource_of(resource)
        return spec.detail.model_validate_json(self._get(record_path(spec, record_id), ()))

    def search(
        self,
        q: str,
        *,
        type: str | list[str] | None = None,
        limit: int | None = None,
    ) -> Iterator[SearchHit]:
        """Every hit of a search across the resources (`type` narrows them), best first,
        through every page."""
        cursor: str | None = None
        while True:
            params = query({"q": q, "type": type, "limit": limit, "cursor": cursor})
            page = SearchPage.model_validate_json(self._get("/v1/search", params))
            yield from page.items
            cursor = page.next_cursor
            if cursor is None:
                return

    def index(self) -> IndexPublic:
        """What is served: the dataset version, the sources and the collections."""
        return IndexPublic.model_validate_json(self._get("/v1", ()))

    def export(
        self,
        resource: Resource[Any, Any, Any] | str,
        format: str,
        path: str | os.PathLike[str],
        /,
        **filters: FilterValue,
    ) -> Path:
        """Every matching record as `csv` or `ndjson`, streamed to `path` (written in full
        or not at all: through a temporary file beside it)."""
        spec = resource_of(resource)
        params = export_params(format, filters)
        target = Path(path)
        partial = target.with_name(target.name + ".part")
        exchange = Exchange(spec.path, params, None, self.retry)
        while True:
            with self._http.stream(
                "GET", spec.path, params=params, headers=export_headers(format)
            ) as response:
                if response.is_success:
                    try:
                        with partial.open("wb") as out:
                            for chunk in response.iter_bytes():
                                out.write(chunk)
                        partial.replace(target)
                    finally:
                        partial.unlink(missing_ok=True)
                    return target
                response.read()
                outcome = exchange.outcome(response)
            assert isinstance(outcome, float)  # without If-None-Match, no 304
            time.sleep(outcome)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
