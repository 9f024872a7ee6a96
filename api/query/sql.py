"""SQL for a CollectionQuery: filters, `q`, ordering with missing values last, keysets."""

import operator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, literal, or_, select, true, tuple_
from sqlalchemy.sql.elements import KeyedColumnElement

from api.query.params import CollectionQuery, Filter
from models import text_index
from models.resources import ResourceSpec
from models.tables import RecordValue
from seed.render import fold

RECORD_VALUES = RecordValue.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class OrderKey:
    expr: ColumnElement[Any]
    desc: bool
    nullable: bool


def like_pattern(q: str) -> str:
    """`q` as a LIKE pattern in which %, _ and \\ match themselves (ESCAPE '\\')."""
    escaped = fold(q).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def contains(column: ColumnElement[Any], q: str) -> ColumnElement[bool]:
    return column.like(like_pattern(q), escape="\\")


def _filter_clause(spec: ResourceSpec, item: Filter) -> ColumnElement[bool]:
    name = item.field.name
    if item.field.multi:
        # An alias, correlated to the resource table only: a facet query on the same
        # multi-valued field joins record_values itself.
        values = RECORD_VALUES.alias(f"filter_{name}")
        rv = values.c
        return exists(
            select(literal(1))
            .select_from(values)
            .where(rv.resource == spec.name.value, rv.field == name)
            .where(rv.value.in_(item.values), rv.record_id == spec.table.c.id)
            .correlate(spec.table)
        )
    column = spec.column(name)
    if item.op == "in":
        return column.in_(item.values)
    compare = {"gte": operator.ge, "gt": operator.gt, "lte": operator.le, "lt": operator.lt}
    clause: ColumnElement[bool] = compare[item.op](column, item.values[0])
    return clause


def where_clauses(
    spec: ResourceSpec, query: CollectionQuery, dialect: str
) -> list[ColumnElement[bool]]:
    clauses = [_filter_clause(spec, f) for f in query.filters]
    if query.q is not None:
        clauses += text_index.narrow(dialect, spec.table, fold(query.q))
        clauses.append(contains(spec.column("search_text"), query.q))
    return clauses


def order_keys(spec: ResourceSpec, query: CollectionQuery) -> list[OrderKey]:
    keys = []
    for key in query.sort:
        if key.field.name == "id":
            continue
        column = spec.column(key.field.name)
        assert isinstance(column, KeyedColumnElement)
        keys.append(OrderKey(column, key.desc, bool(column.nullable)))
    # id breaks ties, in the direction of the last key so that single-direction sorts
    # stay a plain row-value comparison that an index on (key, id) can serve.
    id_desc = query.sort[-1].desc if query.sort else False
    keys.append(OrderKey(spec.column("id"), id_desc, False))
    return keys


def order_by(keys: list[OrderKey]) -> list[ColumnElement[Any]]:
    terms: list[ColumnElement[Any]] = []
    for key in keys:
        if key.nullable:  # missing values last in both directions
            terms.append(key.expr.is_(None))
        terms.append(key.expr.desc() if key.desc else key.expr.asc())
    return terms


def after(keys: list[OrderKey], values: list[Any]) -> ColumnElement[bool]:
    """Rows strictly after the row whose sort values are `values`, in `keys` order."""
    if all(not k.nullable for k in keys) and len({k.desc for k in keys}) == 1:
        left = tuple_(*[k.expr for k in keys])
        right = tuple_(*[literal(v) for v in values])
        return left < right if keys[0].desc else left > right
    alternatives = []
    equal_so_far: list[ColumnElement[bool]] = []
    for key, value in zip(keys, values, strict=True):
        if value is None:
            beyond: ColumnElement[bool] = false()
            same: ColumnElement[bool] = key.expr.is_(None)
        else:
            beyond = key.expr < value if key.desc else key.expr > value
            if key.nullable:
                beyond = or_(beyond, key.expr.is_(None))
            same = key.expr == value
        alternatives.append(and_(*equal_so_far, beyond) if equal_so_far else beyond)
        equal_so_far.append(same)
    return or_(*alternatives) if alternatives else true()
