"""SQL for a CollectionQuery: filters, `q`, ordering with missing values last, keysets.

Every value travels as a named bind parameter, named after where it comes from (`f0_1`
is the second value of the first filter), so that one SQL text serves every query of
the same shape: a `Selection` holds what the text depends on and builds it,
`where_params()` gives the values by the same names.
"""

import operator
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Select,
    and_,
    any_,
    bindparam,
    exists,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    true,
    tuple_,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import KeyedColumnElement, UnaryExpression
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.operators import custom_op
from sqlalchemy.types import String

from api.query.params import CollectionQuery
from models import text_index
from models.resources import RESOURCES, ResourceSpec
from models.tables import Document, RecordValue
from models.text_index import fold

RECORD_VALUES = RecordValue.__table__  # type: ignore[attr-defined]
DOCUMENTS = Document.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class OrderKey:
    expr: ColumnElement[Any]
    desc: bool
    nullable: bool


def like_pattern(q: str) -> str:
    """`q` as a LIKE pattern in which %, _ and \\ match themselves (ESCAPE '\\')."""
    escaped = fold(q).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class Pattern(FunctionElement[str]):
    """A LIKE pattern given as a bound value, written `+?` on SQLite.

    With a bare parameter on the right of LIKE, SQLite prepares the statement again each
    time a new value is bound, in case the value lets it use an index (never, for our
    patterns, which start with %): a large share of a first-time search. Written `+?`
    (unary plus leaves a text value as it is), the statement is prepared once.
    """

    type = String()
    inherit_cache = True


@compiles(Pattern)
def _pattern(element: Pattern, compiler: SQLCompiler, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(Pattern, "sqlite")
def _pattern_on_sqlite(element: Pattern, compiler: SQLCompiler, **kw: Any) -> str:
    return "+" + str(compiler.process(element.clauses, **kw))


def contains(column: ColumnElement[Any], pattern: BindParameter[str]) -> ColumnElement[bool]:
    return column.like(Pattern(pattern), escape="\\")


def q_params(q: str) -> dict[str, str]:
    """The values of `q`'s conditions: its LIKE pattern and its trigram phrase."""
    return {"q_like": like_pattern(q), "q_phrase": text_index.phrase(fold(q))}


def q_clauses(searched: Any, narrow: bool, *columns: ColumnElement[Any]) -> list[Any]:
    """`q` in any of `columns`; with `narrow`, found through the trigram table first."""
    pattern: BindParameter[str] = bindparam("q_like")
    matches = or_(*[contains(column, pattern) for column in columns])
    if narrow:
        return [text_index.narrow(searched, bindparam("q_phrase")), matches]
    return [matches]


class FilterShape(NamedTuple):
    """What the SQL text of one filter depends on: field, operator, how many values, and
    (SQLite) the share of rows it keeps. Its values are bound as `f{i}_{j}`."""

    field: str
    op: str
    n_values: int
    likelihood: float | None


class Selection(NamedTuple):
    """Everything the WHERE clause of a query on one resource depends on, and nothing
    else: statements are built from it alone, so two queries with equal selections
    share one SQL text. `q`: None without `q`; else whether it narrows by trigrams."""

    resource: str
    filters: tuple[FilterShape, ...]
    q: bool | None

    @staticmethod
    def of(spec: ResourceSpec, query: CollectionQuery, narrow: bool) -> "Selection":
        filters = tuple(
            FilterShape(f.field.name, f.op, len(f.values), f.likelihood) for f in query.filters
        )
        return Selection(spec.name.value, filters, None if query.q is None else narrow)

    @property
    def spec(self) -> ResourceSpec:
        return RESOURCES[self.resource]

    def clauses(self) -> list[ColumnElement[bool]]:
        spec = self.spec
        clauses = [_filter_clause(spec, f, i) for i, f in enumerate(self.filters)]
        if self.q is not None:
            clauses += q_clauses(spec.table, self.q, spec.column("search_text"))
        return clauses


def _filter_clause(spec: ResourceSpec, item: FilterShape, index: int) -> ColumnElement[bool]:
    name = item.field
    values: list[BindParameter[Any]] = [bindparam(f"f{index}_{j}") for j in range(item.n_values)]
    if spec.by_name[name].multi:
        # An alias, correlated to the resource table only: a facet query on the same
        # multi-valued field joins record_values itself.
        alias = RECORD_VALUES.alias(f"filter_{name}")
        rv = alias.c
        held = (
            select(literal(1))
            .select_from(alias)
            .where(rv.resource == spec.name.value, rv.field == name)
            .where(rv.record_id == spec.table.c.id)
            .correlate(spec.table)
        )
        if item.op in ("isnull", "notnull"):  # no values at all, or some
            return ~exists(held) if item.op == "isnull" else exists(held)
        found = exists(held.where(rv.value.in_(values)))
        return ~found if item.op == "not" else found
    column = spec.column(name)
    if item.op == "in":
        return column.in_(values)
    if item.op == "isnull":
        return column.is_(None)
    if item.op == "notnull":
        return column.is_not(None)
    if item.op == "not":  # a record without a value is not one of them
        assert isinstance(column, KeyedColumnElement)
        unlike = column.not_in(values)
        return or_(unlike, column.is_(None)) if column.nullable else unlike
    compare = {"gte": operator.ge, "gt": operator.gt, "lte": operator.le, "lt": operator.lt}
    clause: ColumnElement[bool] = compare[item.op](column, values[0])
    if item.likelihood is not None:
        # A constant in the SQL text, as SQLite requires. Untyped: typed Boolean,
        # SQLAlchemy would write `likelihood(...) = 1`, which no index serves.
        share: ColumnElement[float] = literal_column(repr(item.likelihood))
        hinted: ColumnElement[bool] = func.likelihood(clause, share)
        return hinted
    return clause


def unordered(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """SQLite: `+column`, the column's values that no index of it can give in order.

    To group without sorting, SQLite's planner would walk the grouped column's whole
    index, a row lookup per entry to test the filters, which over a large table is slower
    than reading the filtered rows and sorting them. Where an index holds the selected
    rows in groups already (KnownCounts.groups_in_order), the plain column is kept: that
    index serves the grouping directly (docs/design.md has the figures for both).
    """
    return UnaryExpression(column, operator=custom_op("+"), type_=column.type)


def where_params(query: CollectionQuery) -> dict[str, Any]:
    params = {
        f"f{i}_{j}": value
        for i, item in enumerate(query.filters)
        for j, value in enumerate(item.values)
    }
    if query.q is not None:
        params |= q_params(query.q)
    return params


SortShape = tuple[tuple[str, bool], ...]


def sort_shape(query: CollectionQuery) -> SortShape:
    """The sort as a statement key holds it: (field, descending) pairs."""
    return tuple((k.field.name, k.desc) for k in query.sort)


def order_keys(spec: ResourceSpec, sort: SortShape) -> list[OrderKey]:
    keys = []
    for name, desc in sort:
        if name == "id":
            continue
        column = spec.column(name)
        assert isinstance(column, KeyedColumnElement)
        keys.append(OrderKey(column, desc, bool(column.nullable)))
    # id breaks ties, in the direction of the last key so that single-direction sorts
    # stay a plain row-value comparison that an index on (key, id) can serve.
    id_desc = sort[-1][1] if sort else False
    keys.append(OrderKey(spec.column("id"), id_desc, False))
    return keys


def order_by(keys: list[OrderKey]) -> list[ColumnElement[Any]]:
    terms: list[ColumnElement[Any]] = []
    for key in keys:
        if key.nullable:  # missing values last in both directions
            terms.append(key.expr.is_(None))
        terms.append(key.expr.desc() if key.desc else key.expr.asc())
    return terms


def after_shape(values: list[Any]) -> tuple[bool, ...]:
    """What the SQL text of `after` depends on: which of the values are missing."""
    return tuple(v is None for v in values)


def after_params(values: list[Any]) -> dict[str, Any]:
    return {f"after_{k}": v for k, v in enumerate(values) if v is not None}


def after(keys: list[OrderKey], missing: tuple[bool, ...]) -> ColumnElement[bool]:
    """Rows strictly after the row whose sort values are bound by `after_params`, in
    `keys` order; `missing` (after_shape) says which of those values are missing."""
    binds = [bindparam(f"after_{k}", type_=key.expr.type) for k, key in enumerate(keys)]
    if all(not k.nullable for k in keys) and len({k.desc for k in keys}) == 1:
        left = tuple_(*[k.expr for k in keys])
        right = tuple_(*binds)
        return left < right if keys[0].desc else left > right
    alternatives = []
    equal_so_far: list[ColumnElement[bool]] = []
    for key, gone, bind in zip(keys, missing, binds, strict=True):
        if gone:
            beyond: ColumnElement[bool] = false()
            same: ColumnElement[bool] = key.expr.is_(None)
        else:
            beyond = key.expr < bind if key.desc else key.expr > bind
            if key.nullable:
                beyond = or_(beyond, key.expr.is_(None))
            same = key.expr == bind
        alternatives.append(and_(*equal_so_far, beyond) if equal_so_far else beyond)
        equal_so_far.append(same)
    return or_(*alternatives) if alternatives else true()


def documents_by_key(dialect: str) -> Select[Any]:
    """(key, doc) of the documents whose keys are bound as `keys` (see `keys_param`).

    A page's rows are chosen on the narrow resource table, in order; their JSON is then
    fetched by key in one statement and put in that order by the caller. One statement
    joining the two has to materialise the page and sort it again, which costs more.
    """
    docs = DOCUMENTS.c
    if dialect == "postgresql":
        return select(docs.key, docs.doc).where(docs.key == any_(bindparam("keys")))
    listed = func.json_each(bindparam("keys")).table_valued("value").alias("listed")
    return select(docs.key, docs.doc).select_from(
        listed.join(DOCUMENTS, docs.key == listed.c.value)
    )


def keys_param(dialect: str, keys: list[int]) -> Any:
    """The `keys` of `documents_by_key`: an array for PostgreSQL, JSON text for SQLite."""
    return keys if dialect == "postgresql" else "[" + ",".join(map(str, keys)) + "]"
