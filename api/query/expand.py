"""`expand=`: the records a field points to, embedded in each answer one level deep.

An item asked with `expand=said_by` gains `expanded: {"said_by": {...the person...}}`:
each name's record as its collection lists it (a field holding one id gives that record
or null when there is none; a field holding several gives a list, in the field's order).
The embedded records are the pre-rendered items of the `documents` table, fetched by id
in one statement per collection they belong to.
"""

from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Select, any_, bindparam, func, select

from api.query.sql import DOCUMENTS
from api.query.statements import StatementRunner
from models.resources import RESOURCES, ResourceSpec
from models.vocab import ResourceName


@dataclass(frozen=True)
class Expansion:
    """What an expand name embeds: the record(s) whose ids `field` holds, in `target`
    (None: the collection named by the item's `target_field`, as a figure's subject)."""

    field: str
    target: ResourceName | None
    many: bool = False
    target_field: str | None = None


def _expansions(spec: ResourceSpec) -> dict[str, Expansion]:
    """The names `expand` takes on a collection: one per linking field of its
    description, in the order it declares them."""
    return {
        field.expand_as or field.name: Expansion(
            field.name, field.links_to, many=field.multi, target_field=field.links_via
        )
        for field in spec.declared
        if field.links_to is not None or field.links_via is not None
    }


# By collection: the names `expand` takes there, each the field it follows.
EXPANSIONS: dict[ResourceName, dict[str, Expansion]] = {
    spec.name: _expansions(spec) for spec in RESOURCES.values()
}


def expandable(spec: ResourceSpec) -> list[str]:
    """The names `expand` takes on this collection and its records."""
    return list(EXPANSIONS[spec.name])


@dataclass(frozen=True)
class ItemsByIds:
    """(id, item JSON) of the records of `resource` whose ids are bound as :ids (an
    array for PostgreSQL, JSON text for SQLite, as api/query/sql.py keys_param)."""

    resource: str

    def build(self, dialect: str) -> Select[Any]:
        spec = RESOURCES[ResourceName(self.resource)]
        table = spec.table
        docs = DOCUMENTS.c
        joined = table.join(DOCUMENTS, docs.key == table.c.document)
        if dialect == "postgresql":
            where = table.c.id == any_(bindparam("ids"))
            return select(table.c.id, docs.doc).select_from(joined).where(where)
        listed = func.json_each(bindparam("ids")).table_valued("value").alias("listed")
        return select(table.c.id, docs.doc).select_from(
            listed.join(joined, table.c.id == listed.c.value)
        )


def _targets(expansion: Expansion, item: dict[str, Any]) -> list[tuple[str, str]]:
    """(collection, id) of the records one item's field points to."""
    value = item.get(expansion.field)
    if value is None:
        return []
    target = expansion.target or item.get(expansion.target_field or "")
    if target not in RESOURCES:
        return []
    ids = value if expansion.many else [value]
    return [(str(target), str(v)) for v in ids]


def expand(
    session: StatementRunner,
    dialect: str,
    spec: ResourceSpec,
    items: list[dict[str, Any]],
    names: tuple[str, ...],
) -> list[dict[str, Any]]:
    """Each of `items` (whole records) as an `expanded` object of `names`, in order."""
    expansions = EXPANSIONS[spec.name]
    wanted: dict[str, set[str]] = {}
    for item in items:
        for name in names:
            for resource, record_id in _targets(expansions[name], item):
                wanted.setdefault(resource, set()).add(record_id)
    found: dict[tuple[str, str], Any] = {}
    for resource, ids in sorted(wanted.items()):
        listed = sorted(ids)
        param: Any = listed if dialect == "postgresql" else orjson.dumps(listed).decode()
        for record_id, doc in session.rows(ItemsByIds(resource), {"ids": param}):
            found[(resource, record_id)] = orjson.loads(doc)
    result = []
    for item in items:
        embedded: dict[str, Any] = {}
        for name in names:
            expansion = expansions[name]
            records = [found.get(t) for t in _targets(expansion, item)]
            if expansion.many:
                embedded[name] = [r for r in records if r is not None]
            else:
                embedded[name] = records[0] if records else None
        result.append(embedded)
    return result
