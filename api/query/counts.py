"""Totals known without counting, read once per dataset version.

The data changes only when it is re-seeded, so each table's row count, the number of
rows holding each value of every single-valued facet field (the table's unfiltered
facet) and the lowest and highest value of every range field without missing values
are read when a version is loaded. The unfiltered facets are those counts; Engine.total
uses them for exact totals:

- no filter, or one filter on a facet field (`unit=kV`): a lookup;
- that plus one range on such a field (`unit=kV&value__gte=X`): the known count less
  the rows on the other side of X, when the field's bounds put X nearer its own side's
  end. A count then walks the smaller side of the index, not the larger.

At 1,000,000 figures, an exact count of 125,000 index entries took 8-12 ms on SQLite
and 25-55 ms on PostgreSQL on the bench machine: counting is the cost a total is for.
"""

from collections.abc import Hashable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select, text

from api.query.params import CollectionQuery, Filter
from models import text_index
from models.resources import FieldSpec, Kind, ResourceSpec

# A facet field with more distinct values than this is not kept: the counts are held in
# memory for as long as the version is served.
MAX_VALUES = 1000
OPPOSITE = {"gte": "lt", "gt": "lte", "lte": "gt", "lt": "gte"}


def plain_value(field: FieldSpec, value: Any) -> Any:
    """A value as the API writes it, whatever type the driver read it as."""
    if value is None:
        return None
    if field.kind is Kind.boolean:
        return bool(value)  # SQLite has no boolean type: 0 and 1
    if isinstance(value, date):
        return value.isoformat()
    return value


def position(field: FieldSpec, value: Any) -> float:
    """Where a value lies on its field's line: numbers as they are, dates by their day."""
    if field.kind is Kind.date:
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
        return float(day.toordinal())
    return float(value)


@dataclass(frozen=True)
class Complement:
    """A total to be found as `base` less the rows of `query` (the other side), when
    those are fewer than `cap`."""

    base: int
    query: CollectionQuery
    cap: int


@dataclass(frozen=True)
class KnownCounts:
    rows: dict[str, int]  # every resource table, and every table `q` searches
    values: dict[tuple[str, str], dict[Hashable, int]]
    bounds: dict[tuple[str, str], tuple[float, float]]

    @classmethod
    def read(cls, conn: Connection, specs: list[ResourceSpec]) -> "KnownCounts":
        rows: dict[str, int] = {}
        values: dict[tuple[str, str], dict[Hashable, int]] = {}
        bounds: dict[tuple[str, str], tuple[float, float]] = {}
        for spec in specs:
            table = spec.name.value
            rows[table] = int(
                conn.execute(select(func.count()).select_from(spec.table)).scalar_one()
            )
            for field in spec.fields:
                if field.multi:
                    continue
                column = spec.column(field.name)
                if field.facet:
                    found = conn.execute(
                        select(column, func.count()).group_by(column).limit(MAX_VALUES + 1)
                    ).all()
                    if len(found) <= MAX_VALUES:
                        values[table, field.name] = {
                            plain_value(field, v): int(n) for v, n in found
                        }
                if field.ranges and not column.nullable and rows[table]:
                    # Two statements: both engines answer a lone min() or max() from the
                    # index, SQLite not the pair.
                    low = conn.execute(select(func.min(column))).scalar_one()
                    high = conn.execute(select(func.max(column))).scalar_one()
                    bounds[table, field.name] = (position(field, low), position(field, high))
        for table in text_index.SEARCHED:
            if table not in rows:
                rows[table] = int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
        return cls(rows, values, bounds)

    def total(self, spec: ResourceSpec, query: CollectionQuery) -> int | None:
        """The exact total of `query`, if it is known without counting."""
        if query.q is not None or len(query.filters) > 1:
            return None
        table = spec.name.value
        if not query.filters:
            return self.rows.get(table)
        (only,) = query.filters
        counts = self.values.get((table, only.field.name))
        if only.op != "in" or counts is None:
            return None
        return sum(counts.get(plain_value(only.field, v), 0) for v in set(only.values))

    def facet(
        self, spec: ResourceSpec, query: CollectionQuery, field: FieldSpec
    ) -> list[tuple[Any, int]] | None:
        """The facet of `field`, if `query` selects the whole table and it is known."""
        if query.filters or query.q is not None:
            return None
        found = self.values.get((spec.name.value, field.name))
        return None if found is None else list(found.items())

    def complement(self, spec: ResourceSpec, query: CollectionQuery) -> Complement | None:
        """How to count `query` by its other side, when that side is likely the smaller."""
        ranges = [f for f in query.filters if f.op != "in"]
        if query.q is not None or len(ranges) != 1:
            return None
        (bound,) = ranges
        rest = tuple(f for f in query.filters if f is not bound)
        extent = self.bounds.get((spec.name.value, bound.field.name))
        base = self.total(spec, replace(query, filters=rest))
        if extent is None or base is None:
            return None
        if _share(bound, extent) <= 0.5:
            return None
        other = Filter(bound.field, OPPOSITE[bound.op], bound.values)
        return Complement(base, replace(query, filters=(*rest, other)), base // 2 + 1)


def _share(bound: Filter, extent: tuple[float, float]) -> float:
    """The share of the field's range that `bound` keeps, were values spread evenly."""
    low, high = extent
    at = position(bound.field, bound.values[0])
    if high <= low:
        kept = at <= low if bound.op in ("gte", "gt") else at >= low
        return 1.0 if kept else 0.0
    share = (high - at) / (high - low) if bound.op in ("gte", "gt") else (at - low) / (high - low)
    return min(1.0, max(0.0, share))
