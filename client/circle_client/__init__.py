"""A client for the Chengdu–Chongqing Economic Circle API: typed records, every page,
conditional requests, retries and typed errors.

    from circle_client import Client

    with Client("http://127.0.0.1:8000") as api:
        for figure in api.iterate("figures", unit=["CNY", "USD"], sort=["-value", "id"]):
            print(figure.id, figure.value, figure.unit)
"""

from circle_client.async_client import AsyncClient
from circle_client.cache import ETagCache
from circle_client.client import Client
from circle_client.errors import ParamError, ProblemError
from circle_client.exchange import FilterValue
from circle_client.models import (
    ENERGY,
    FIGURES,
    INFRASTRUCTURE,
    PROJECTS,
    QUOTES,
    RESOURCES,
    SOURCES,
)
from circle_client.resource import Resource
from circle_client.retry import RetryPolicy
from circle_client.version import VERSION

__version__ = VERSION
__all__ = [
    "ENERGY",
    "FIGURES",
    "INFRASTRUCTURE",
    "PROJECTS",
    "QUOTES",
    "RESOURCES",
    "SOURCES",
    "AsyncClient",
    "Client",
    "ETagCache",
    "FilterValue",
    "ParamError",
    "ProblemError",
    "Resource",
    "RetryPolicy",
    "__version__",
]
