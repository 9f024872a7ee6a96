"""Totals known without counting, read once per dataset version.

The data changes only when it is re-seeded, so each table's row count, the number of
rows holding each value of every single-valued facet field (the table's unfiltered
facet), and the lowest and highest value of every range field with the number of rows
that lack one, are read when a version is loaded. The unfiltered facets are those
counts; Engine.total uses them for exact totals:

- no filter, or one filter on a facet field (`unit=kV`): a lookup;
- that plus one range on a field that no row lacks (`unit=kV&value__gte=X`): the known
  count less the rows on the other side of X, when the field's bounds put X nearer its
  own side's end. A count then walks the smaller side of the index, not the larger.

Over a large table an exact count walks many index entries: counting is most of what a
total costs, and what these known counts save (docs/design.md has the figures).

The bounds also plan the SQL (`planned`): a range that every row meets is left out,
and on SQLite each other range carries the share of rows it keeps, were values spread
evenly between the bounds. SQLite's planner, built without STAT4, takes any range to
keep a quarter of the rows, and so walks a range that keeps nearly every row through an
index, a row lookup each, where a table scan is many times quicker; told the share, it
scans. The table's indexes, as the database has them, say
whether a facet's rows can be grouped in index order (`groups_in_order`).
"""

import math
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, inspect, select, text

from api.query.params import CollectionQuery, Filter
from models import text_index
from models.resources import RANGE_OPS, FieldSpec, Kind, ResourceSpec

# A facet field with more distinct values than this is not kept: the counts are held in
# memory for as long as the version is served.
MAX_VALUES = 1000
OPPOSITE = {"gte": "lt", "gt": "lte", "lte": "gt", "lt": "gte"}
# Shares are told to SQLite as powers of 2 down to this one: each is a constant in the
# SQL text, and so a statement of its own in the cache.
LEAST_SHARE_EXPONENT = 20


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
class Extent:
    """A range field's lowest and highest value, and the rows without one."""

    low: float
    high: float
    missing: int


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
    bounds: dict[tuple[str, str], Extent]
    # The leading columns of every index of each resource table, as the database has
    # them (an operator may have added some): what the SQL of a facet is planned by.
    indexes: dict[str, list[tuple[str, ...]]]

    @classmethod
    def read(cls, conn: Connection, specs: list[ResourceSpec]) -> "KnownCounts":
        rows: dict[str, int] = {}
        values: dict[tuple[str, str], dict[Hashable, int]] = {}
        bounds: dict[tuple[str, str], Extent] = {}
        indexes: dict[str, list[tuple[str, ...]]] = {}
        inspector = inspect(conn)
        for spec in specs:
            table = spec.name.value
            indexes[table] = [
                tuple(c or "" for c in index["column_names"])
                for index in inspector.get_indexes(table)
            ]
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
                if field.ranges and rows[table]:
                    # Two statements: both engines answer a lone min() or max() from the
                    # index, SQLite not the pair.
                    low = conn.execute(select(func.min(column))).scalar_one()
                    high = conn.execute(select(func.max(column))).scalar_one()
                    missing = 0
                    if column.nullable:
                        missing = int(
                            conn.execute(select(func.count()).where(column.is_(None))).scalar_one()
                        )
                    if low is not None:
                        at = position(field, low), position(field, high)
                        bounds[table, field.name] = Extent(*at, missing)
        for table in text_index.SEARCHED:
            if table not in rows:
                rows[table] = int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
        return cls(rows, values, bounds, indexes)

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

    def planned(self, spec: ResourceSpec, query: CollectionQuery, dialect: str) -> CollectionQuery:
        """`query` as its SQL should ask it: without the ranges that every row of this
        version meets, and on SQLite with the share of rows each other range keeps."""
        table = spec.name.value
        filters: list[Filter] = []
        for item in query.filters:
            ranged = item.op in RANGE_OPS
            extent = self.bounds.get((table, item.field.name)) if ranged else None
            if extent is None:
                filters.append(item)
            elif extent.missing or not _keeps_every_row(item, extent):
                present = 1 - extent.missing / self.rows[table]
                share = present * _share(item, extent)
                likelihood = _rounded(share) if dialect == "sqlite" else None
                filters.append(item._replace(likelihood=likelihood))
        kept = tuple(filters)
        return query if kept == query.filters else query.with_filters(kept)

    def groups_in_order(self, spec: ResourceSpec, query: CollectionQuery, field: FieldSpec) -> bool:
        """Whether an index holds the rows `query` selects already grouped by `field`: one
        whose leading columns are the fields that other filters set to one value each,
        followed by `field`."""
        if query.q is not None:
            return False
        others = [f for f in query.filters if f.field.name != field.name]
        if any(f.op != "in" or len(f.values) != 1 for f in others):
            return False
        fixed = {f.field.name for f in others}
        return any(
            set(columns[: len(fixed)]) == fixed
            and columns[len(fixed) : len(fixed) + 1] == (field.name,)
            for columns in self.indexes.get(spec.name.value, [])
        )

    def complement(self, spec: ResourceSpec, query: CollectionQuery) -> Complement | None:
        """How to count `query` by its other side, when that side is likely the smaller."""
        ranges = [f for f in query.filters if f.op in RANGE_OPS]
        if query.q is not None or len(ranges) != 1:
            return None
        (bound,) = ranges
        rest = tuple(f for f in query.filters if f is not bound)
        extent = self.bounds.get((spec.name.value, bound.field.name))
        base = self.total(spec, query.with_filters(rest))
        if extent is None or extent.missing or base is None:
            return None  # with missing values, the other side is not all the rest
        if _share(bound, extent) <= 0.5:
            return None
        other = Filter(bound.field, OPPOSITE[bound.op], bound.values)
        return Complement(base, query.with_filters((*rest, other)), base // 2 + 1)


def _keeps_every_row(bound: Filter, extent: Extent) -> bool:
    """Whether every value lies on `bound`'s side (rows without one are not counted)."""
    low, high = extent.low, extent.high
    at = position(bound.field, bound.values[0])
    match bound.op:
        case "gte":
            return at <= low
        case "gt":
            return at < low
        case "lte":
            return at >= high
        case _:
            return at > high


def _rounded(share: float) -> float:
    """The nearest power of 2, at least 2**-LEAST_SHARE_EXPONENT."""
    if share <= 0:
        return 2.0**-LEAST_SHARE_EXPONENT
    return 2.0 ** -min(LEAST_SHARE_EXPONENT, round(-math.log2(share)))


def _share(bound: Filter, extent: Extent) -> float:
    """The share of the field's range that `bound` keeps, were values spread evenly."""
    low, high = extent.low, extent.high
    at = position(bound.field, bound.values[0])
    if high <= low:
        kept = at <= low if bound.op in ("gte", "gt") else at >= low
        return 1.0 if kept else 0.0
    share = (high - at) / (high - low) if bound.op in ("gte", "gt") else (at - low) / (high - low)
    return min(1.0, max(0.0, share))
