"""The client. `circle_client/asynchronous/client.py` is written by hand;
`circle_client/synchronous/client.py` is generated from it by unasync
(`make client-models`), and a test fails when the two differ otherwise."""

import asyncio
import os
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

import httpx

from circle_client.cache import ETagCache
from circle_client.exchange import (
    DEFAULT_TIMEOUT,
    Exchange,
    dict_items,
    export_headers,
    export_params,
    paging,
    record_path,
    typed_params,
    with_cursor,
)
from circle_client.models import IndexPublic, SearchHit, SearchPage
from circle_client.resource import DetailT, ItemT, PageT, Params, QueryP, Resource, query_params
from circle_client.resources import SearchType
from circle_client.retry import RetryPolicy
from circle_client.version import USER_AGENT


class AsyncClient:
    """The API at `base_url` (`"http://127.0.0.1:8000"`, say).

    Each GET is retried after a connection error, 429, 502, 503 or 504 within a bounded
    time, as `retry` says (`RetryPolicy()`: 5 s in all), and bounded by `timeout`
    (seconds or an httpx.Timeout; 10 s, 5 s to connect). With `cache` (an ETagCache,
    shareable between clients), a repeated GET is conditional and a 304 reads the stored
    body; there is none by default. `transport` and `headers` go to the underlying httpx
    client. An error answer raises a ProblemError of the class of its problem; a network
    failure, once retries are spent, raises httpx's own error.
    """

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        cache: ETagCache | None = None,
        headers: dict[str, str] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.retry = retry or RetryPolicy()
        self.cache = cache
        self._http = httpx.AsyncClient(
            base_url=base_url,
            timeout=timeout,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})},
            transport=transport,
        )

    @property
    def timeout(self) -> httpx.Timeout:
        return self._http.timeout

    async def _get(self, path: str, params: Params) -> bytes:
        exchange = Exchange(path, params, self.cache, self.retry)
        while True:
            try:
                response = await self._http.get(path, params=params, headers=exchange.headers)
            except httpx.TransportError as error:
                wait = exchange.after_error(error)
            else:
                outcome = exchange.outcome(response)
                if isinstance(outcome, bytes):
                    return outcome
                wait = outcome
            await asyncio.sleep(wait)

    async def page(
        self,
        resource: Resource[PageT, Any, Any, QueryP],
        /,
        *args: QueryP.args,
        **params: QueryP.kwargs,
    ) -> PageT:
        """One page (with `total`, `next_cursor` and, given `facet=`, `facets`)."""
        query = typed_params(resource.query(*args, **params))
        return resource.page.model_validate_json(await self._get(resource.path, query))

    async def iterate(
        self,
        resource: Resource[Any, ItemT, Any, QueryP],
        /,
        *args: QueryP.args,
        **filters: QueryP.kwargs,
    ) -> AsyncIterator[ItemT]:
        """Every matching record, typed, following `next_cursor` through every page
        (`limit` sets the page size, `cursor` the page to start from)."""
        query, cursor = paging(typed_params(resource.query(*args, **filters)))
        while True:
            body = await self._get(resource.path, with_cursor(query, cursor))
            page = resource.page.model_validate_json(body)
            for item in page.items:
                yield item
            cursor = page.next_cursor
            if cursor is None:
                return

    async def iterate_dicts(
        self,
        resource: Resource[Any, Any, Any, QueryP],
        /,
        *args: QueryP.args,
        **filters: QueryP.kwargs,
    ) -> AsyncIterator[dict[str, Any]]:
        """Every matching record as a dict, through every page: for `fields=`, which
        trims records to the fields it names (and `id`)."""
        query, cursor = paging(resource.query(*args, **filters))
        while True:
            items, cursor = dict_items(await self._get(resource.path, with_cursor(query, cursor)))
            for record in items:
                yield record
            if cursor is None:
                return

    async def get(self, resource: Resource[Any, Any, DetailT, Any], record_id: str, /) -> DetailT:
        """One record with what it links to; NotFound when there is none."""
        body = await self._get(record_path(resource, record_id), ())
        return resource.detail.model_validate_json(body)

    async def search(
        self,
        q: str,
        *,
        type: SearchType | Sequence[SearchType] | None = None,
        limit: int | None = None,
    ) -> AsyncIterator[SearchHit]:
        """Every hit of a search across the resources (`type` narrows them), best first,
        through every page."""
        query = query_params({"q": q, "type": type, "limit": limit})
        cursor: str | None = None
        while True:
            body = await self._get("/v1/search", with_cursor(query, cursor))
            page = SearchPage.model_validate_json(body)
            for hit in page.items:
                yield hit
            cursor = page.next_cursor
            if cursor is None:
                return

    async def index(self) -> IndexPublic:
        """What is served: the dataset version, the sources and the collections."""
        return IndexPublic.model_validate_json(await self._get("/v1", ()))

    async def export(
        self,
        resource: Resource[Any, Any, Any, QueryP],
        format: Literal["csv", "ndjson"],
        path: str | os.PathLike[str],
        /,
        *args: QueryP.args,
        **filters: QueryP.kwargs,
    ) -> Path:
        """Every matching record as `csv` or `ndjson`, streamed to `path` (written in full
        or not at all: through a temporary file beside it)."""
        params = export_params(format, resource.query(*args, **filters))
        target = Path(path)
        partial = target.with_name(target.name + ".part")
        exchange = Exchange(resource.path, params, None, self.retry)
        while True:
            try:
                async with self._http.stream(
                    "GET", resource.path, params=params, headers=export_headers(format)
                ) as response:
                    if response.is_success:
                        try:
                            with partial.open("wb") as out:
                                async for chunk in response.aiter_bytes():
                                    out.write(chunk)
                            partial.replace(target)
                        finally:
                            partial.unlink(missing_ok=True)
                        return target
                    await response.aread()
            except httpx.TransportError as error:
                wait = exchange.after_error(error)
            else:
                outcome = exchange.outcome(response)
                assert isinstance(outcome, float)  # without If-None-Match, no 304
                wait = outcome
            await asyncio.sleep(wait)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
