"""Statements compiled once per key and run on the driver's own cursor.

A statement key is a frozen dataclass that builds its statement from its own fields and
nothing else (`StatementKey.build`): equal keys give equal SQL by construction, and a
key cannot leave out an input of its builder. The compiled statements are kept per
dataset version (each QueryEngine has its own Statements), since some depend on what a
version holds (the indexes a facet can group by, the shares of rows a range keeps).

SQLAlchemy builds and compiles a statement the first time its key is seen; after that,
a query costs a dictionary lookup and the driver's execute, without SQLAlchemy's
per-execution work (its statement cache key, parameter and result processing).
"""

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from sqlalchemy import Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

from api.query.memo import Memo, footprint

# What a statement key holds (its dataclasses, a selection's filter shape), roughly:
# keys are built from the API's own names, so their size does not grow with a request's.
KEY_BYTES = 512


class StatementKey(Hashable, Protocol):
    """A statement's identity; builds it from its fields alone."""

    def build(self, dialect: str) -> ClauseElement: ...


@dataclass(frozen=True)
class Compiled:
    sql: str
    # For drivers with positional placeholders (sqlite3's ?): the names, in order.
    positions: tuple[str, ...] | None
    # Values SQLAlchemy bound itself (constants such as a resource name).
    defaults: dict[str, Any]


def _weight(key: StatementKey, compiled: Compiled) -> int:
    return (
        KEY_BYTES
        + footprint(compiled.sql)
        + footprint(compiled.positions)
        + sum(footprint(name) + footprint(value) for name, value in compiled.defaults.items())
    )


class Statements:
    """The bounded cache of compiled statements for one dataset version and dialect."""

    def __init__(self, dialect: Dialect, max_bytes: int) -> None:
        self.dialect = dialect
        self.dates_as_text = dialect.name == "sqlite"
        # Keys are few (resources x filter sets x sorts); the bound keeps a flood of odd
        # parameter combinations from growing memory.
        self.compiled: Memo[StatementKey, Compiled] = Memo(max_bytes, _weight)

    def get(self, key: StatementKey) -> Compiled:
        found = self.compiled.get(key)
        if found is not None:
            return found
        compiled = key.build(self.dialect.name).compile(dialect=self.dialect)
        assert isinstance(compiled, SQLCompiler)
        names = compiled.bind_names
        entry = Compiled(
            sql=compiled.string,
            positions=tuple(compiled.positiontup or ()) if compiled.positional else None,
            defaults={name: bind.effective_value for bind, name in names.items()},
        )
        self.compiled.put(key, entry)
        return entry

    def arguments(self, compiled: Compiled, params: dict[str, Any]) -> Any:
        """The driver's arguments for `compiled`, given the values named in `params`."""
        values = {**compiled.defaults, **params}
        # SQLite stores dates as ISO text, as SQLAlchemy writes them. (Only the values
        # given can be dates: the defaults are constants such as a resource's name.)
        if self.dates_as_text and any(isinstance(v, date) for v in params.values()):
            values = {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}
        if compiled.positions is not None:
            return tuple(map(values.__getitem__, compiled.positions))
        return values


# Called with each statement and its arguments before it runs (bench/explain.py).
Trace = Callable[[str, Any], None]


class OverBudget(Exception):
    """A statement run on the event loop outran its budget and was stopped (`shape`, its
    key), or is of a key known to (None): the work is to be run on a thread."""

    def __init__(self, shape: Hashable = None) -> None:
        super().__init__(shape)
        self.shape = shape


# Runs one SQL text with its driver arguments and gives back every row.
Fetch = Callable[[str, Any], list[tuple[Any, ...]]]


class StatementRunner:
    """One connection, used through its driver (`fetch`), running keyed statements."""

    def __init__(
        self,
        fetch: Fetch,
        statements: Statements,
        start_clock: Callable[[], None],
        trace: Trace | None = None,
        slow: Memo[Hashable, bool] | None = None,
    ) -> None:
        self.fetch = fetch
        self.statements = statements
        self.start_clock = start_clock
        self.trace = trace
        # On the event loop: the statement keys that have outrun the budget, which go
        # straight to a thread rather than spend the budget again before they do.
        self.slow = slow
        self.running: Hashable = None

    def rows(self, key: StatementKey, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        """The rows of `key`'s statement with these values."""
        if self.slow is not None and self.slow.get(key):
            raise OverBudget
        self.running = key
        compiled = self.statements.get(key)
        arguments = self.statements.arguments(compiled, params)
        if self.trace is not None:
            self.trace(compiled.sql, arguments)
        self.start_clock()
        return self.fetch(compiled.sql, arguments)
