"""Statement keys derive the SQL: equal keys give equal SQL, whatever query made them.

Statements are compiled once per key and kept for the dataset version (api/query/
statements.py). Were a key to leave out something its statement depends on, a cached
statement built for one query would be run for another. Here, for random queries on
every resource: the SQL a shared, long-lived cache returns for a query's key is the SQL
built afresh from that query, and no value of the query is written into the SQL.
"""

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Dialect
from sqlalchemy.dialects import postgresql, sqlite

from api.query.engine import Count, FacetCounts, PageRows, Part
from api.query.params import CollectionQuery, Filter, Format, SortKey
from api.query.sql import Selection, sort_shape
from api.query.statements import StatementKey, Statements
from models.resources import RESOURCES, FieldSpec, Kind

DIALECTS: dict[str, Dialect] = {
    "sqlite": sqlite.dialect(),
    "postgresql": postgresql.psycopg.dialect(),  # type: ignore[no-untyped-call]
}
SHARED = {name: Statements(dialect, 1 << 20) for name, dialect in DIALECTS.items()}
MARK = "zq"  # a prefix no SQL text holds: a value written into SQL would show


def value_of(field: FieldSpec, n: int) -> Any:
    match field.kind:
        case Kind.number:
            return 1234567.0 + n
        case Kind.date:
            return date(1999, 1, 1 + n)
        case Kind.boolean:
            return bool(n % 2)
        case _:
            return f"{MARK}{n}"


@st.composite
def queries(draw: st.DrawFn) -> tuple[str, CollectionQuery, bool]:
    spec = RESOURCES[draw(st.sampled_from(sorted(RESOURCES)))]
    filters = []
    for field in draw(st.lists(st.sampled_from(spec.fields), max_size=3, unique=True)):
        op = draw(st.sampled_from(["in", "gte", "gt", "lte", "lt"])) if field.ranges else "in"
        count = draw(st.integers(1, 3)) if op == "in" else 1
        first = draw(st.integers(0, 20))
        values = tuple(value_of(field, first + j) for j in range(count))
        likely = draw(st.sampled_from([None, 0.5, 0.25, 2.0**-20])) if op != "in" else None
        filters.append(Filter(field, op, values, likely))
    sortable = [spec.by_name[name] for name in spec.sortable]
    keys = draw(st.lists(st.sampled_from(sortable), max_size=3, unique=True))
    sort = tuple(SortKey(f, draw(st.booleans())) for f in keys)
    q = draw(st.sampled_from([None, f"{MARK}text", f"{MARK}%_"]))
    query = CollectionQuery(tuple(filters), q, sort, 10, None, None, (), Format.json)
    return spec.name.value, query, draw(st.booleans())


def statements_of(resource: str, query: CollectionQuery, narrow: bool) -> list[StatementKey]:
    spec = RESOURCES[resource]
    where = Selection.of(spec, query, narrow)
    sorted_by = [name for name, _ in sort_shape(query) if name != "id"]
    after = (False,) * (len(sorted_by) + 1)
    keys: list[StatementKey] = [
        PageRows(where, sort_shape(query), None, Part.all),
        PageRows(where, sort_shape(query), after, Part.all),
        Count(where, capped=False),
        Count(where, capped=True),
    ]
    if len(sorted_by) == 1 and spec.column(sorted_by[0]).nullable:
        keys.append(PageRows(where, sort_shape(query), (True, False), Part.missing))
        keys.append(PageRows(where, sort_shape(query), after, Part.present))
    keys += [
        FacetCounts(where, name, grouped) for name in spec.facetable for grouped in (False, True)
    ]
    return keys


@settings(max_examples=150, deadline=None, derandomize=True)
@given(queries())
def test_equal_keys_give_equal_sql(asked: tuple[str, CollectionQuery, bool]) -> None:
    resource, query, narrow = asked
    for name, dialect in DIALECTS.items():
        fresh = Statements(dialect, 1 << 20)
        for key in statements_of(resource, query, narrow):
            cached = SHARED[name].get(key)
            built = fresh.get(key)
            assert cached.sql == built.sql, key
            assert MARK not in built.sql.replace("filter_", ""), built.sql


def test_keys_differ_where_the_sql_does() -> None:
    """Queries that differ only in their values share a key; a different operator, number
    of values or sort does not."""
    spec = RESOURCES["figures"]
    value = spec.by_name["value"]

    def key(*filters: Filter, desc: bool = False) -> StatementKey:
        query = CollectionQuery(
            filters, None, (SortKey(value, desc),), 10, None, None, (), Format.json
        )
        return PageRows(Selection.of(spec, query, False), sort_shape(query), None, Part.all)

    one = key(Filter(value, "gte", (1.0,)))
    assert one == key(Filter(value, "gte", (2.0,)))
    assert one != key(Filter(value, "gt", (1.0,)))
    assert one != key(Filter(value, "in", (1.0,)))
    assert key(Filter(value, "in", (1.0,))) != key(Filter(value, "in", (1.0, 2.0)))
    assert one != key(Filter(value, "gte", (1.0,)), desc=True)
    assert one != key(Filter(value, "gte", (1.0,), likelihood=0.5))
