"""A collection of the API, typed: what its pages, its listed records and its records
are. The generated models module makes one per collection (`FIGURES`, ...)."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel

ItemT_co = TypeVar("ItemT_co", covariant=True)


class Paged(Protocol[ItemT_co]):
    """What paging needs of a page: its records and the cursor of the next one."""

    @property
    def items(self) -> Sequence[ItemT_co]: ...

    @property
    def next_cursor(self) -> str | None: ...


PageT = TypeVar("PageT", bound=Paged[Any])
ItemT = TypeVar("ItemT", bound=BaseModel)
DetailT = TypeVar("DetailT", bound=BaseModel)


@dataclass(frozen=True)
class Resource(Generic[PageT, ItemT, DetailT]):
    name: str
    path: str
    page: type[PageT]
    item: type[ItemT]
    detail: type[DetailT]
