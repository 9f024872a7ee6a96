"""A collection of the API, typed: what its pages, its listed records and its records
are, and the query its collection takes. The generated `resources` module makes one per
collection (`FIGURES`, `PLACES`, ...); its query functions turn keyword filters into the
query string."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, ParamSpec, TypeVar

from pydantic import BaseModel

Scalar = str | int | float | bool | date
FilterValue = Scalar | Sequence[Scalar] | None
"""A query parameter's value: a list means several values (any of them, for a filter),
None leaves the parameter out."""

Params = tuple[tuple[str, str], ...]
"""A query string, in order, a parameter repeated for each of its values."""

PageT = TypeVar("PageT", bound=BaseModel)
ItemT = TypeVar("ItemT", bound=BaseModel)
DetailT = TypeVar("DetailT", bound=BaseModel)
QueryP = ParamSpec("QueryP")


@dataclass(frozen=True)
class Resource(Generic[PageT, ItemT, DetailT, QueryP]):
    """One collection: `query` takes its parameters as keywords, typed (the filters of
    each field, `q`, `sort`, `limit`, `cursor`, `fields`, `facet`), and gives the query
    string; an unknown keyword raises TypeError before any request."""

    name: str
    path: str
    page: type[PageT]
    item: type[ItemT]
    detail: type[DetailT]
    query: Callable[QueryP, Params]


def text(value: Scalar) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def query_params(values: Mapping[str, FilterValue]) -> Params:
    """The query string of keyword values: a list is sent as the parameter repeated
    (`unit=CNY&unit=USD`), so a value holding a comma stays one value (httpx sends its
    comma percent-encoded, which the API reads as data)."""
    params: list[tuple[str, str]] = []
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, Scalar):
            params.append((name, text(value)))
        else:
            params += [(name, text(item)) for item in value]
    return tuple(params)
