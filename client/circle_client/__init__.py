"""A client for the Chengdu–Chongqing Economic Circle API: typed records and typed
filters for every collection, every page, typed errors, retries within a bounded time.

    from circle_client import FIGURES, Client

    with Client("http://127.0.0.1:8000") as api:
        for figure in api.iterate(FIGURES, unit=["CNY", "USD"], sort=["-value", "id"]):
            print(figure.id, figure.value, figure.unit)

Every collection is a constant (`SOURCES`, `PROJECTS`, `INFRASTRUCTURE`, `ENERGY`,
`QUOTES`, `FIGURES`, `PEOPLE`, `ORGANISATIONS`, `PLACES`, `INDUSTRIES`; `RESOURCES` by
name) whose filters are keyword arguments typed from the API's description. `Client`
and `AsyncClient` have the same methods: `page`, `iterate`, `iterate_dicts` (with
`fields=`), `get`, `search`, `index` and `export`.

Errors are exceptions of `ProblemError`'s family (`NotFound`, `BadRequest`,
`Unavailable`, `StaleCursor`, ...: see `circle_client.errors`). A connection error, 429,
502, 503 or 504 is tried again for at most 5 s in all (`RetryPolicy`), as `Retry-After`
says. Conditional requests (`ETagCache`) are off unless a cache is given. client/README.md
says more.
"""

from circle_client.asynchronous.client import AsyncClient
from circle_client.cache import ETagCache
from circle_client.errors import (
    AmbiguousValue,
    BadRequest,
    InvalidCursor,
    InvalidValue,
    NotAcceptable,
    NotFound,
    ParamError,
    ProblemError,
    RequestTooLarge,
    ServerError,
    StaleCursor,
    TooManyRequests,
    Unavailable,
    UnknownParameter,
)
from circle_client.resource import FilterValue, Params, Resource
from circle_client.resources import (
    ENERGY,
    FIGURES,
    INDUSTRIES,
    INFRASTRUCTURE,
    ORGANISATIONS,
    PEOPLE,
    PLACES,
    PROJECTS,
    QUOTES,
    RESOURCES,
    SOURCES,
)
from circle_client.retry import RetryPolicy
from circle_client.synchronous.client import Client
from circle_client.version import VERSION

__version__ = VERSION
__all__ = [
    "ENERGY",
    "FIGURES",
    "INDUSTRIES",
    "INFRASTRUCTURE",
    "ORGANISATIONS",
    "PEOPLE",
    "PLACES",
    "PROJECTS",
    "QUOTES",
    "RESOURCES",
    "SOURCES",
    "AmbiguousValue",
    "AsyncClient",
    "BadRequest",
    "Client",
    "ETagCache",
    "FilterValue",
    "InvalidCursor",
    "InvalidValue",
    "NotAcceptable",
    "NotFound",
    "ParamError",
    "Params",
    "ProblemError",
    "RequestTooLarge",
    "Resource",
    "RetryPolicy",
    "ServerError",
    "StaleCursor",
    "TooManyRequests",
    "Unavailable",
    "UnknownParameter",
    "__version__",
]
