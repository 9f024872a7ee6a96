"""The database tables. Internal: the API answers with the served models, never these.
Each resource's table is derived from its description (models/resources.py) by
`record_table`; the tables here are the ones every resource shares.

Every record's public JSON (its collection item `doc` and its detail answer) is rendered
once by the loader into `documents`. The dataset only changes by re-seeding, so
rendering at seed time rather than per request is what keeps reads cheap. The JSON is
kept out of the resource tables so that their rows hold only what filters, sorts, counts
and facets read: a count through row lookups reads a table a tenth the size
(docs/design.md, "Records' JSON apart from the rows that are filtered").
"""

import types
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class Document(SQLModel, table=True):
    """A record's public JSON: the collection item and the detail answer."""

    __tablename__ = "documents"
    # An integer, which each record's row holds as `document`: on SQLite it is the rowid
    # (one B-tree descent, where a (resource, record_id) key went through its own index
    # first), and a page's keys bind as one JSON array (api/query/sql.py).
    key: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    doc: str
    detail: str


@dataclass(frozen=True)
class Column:
    """One column of a resource's table, as models/resources.py derives it from a field."""

    name: str
    type: type  # str, int, float, bool or date
    nullable: bool
    description: str | None
    max_length: int | None = None
    # "sort": an index on (field, id); "value": an index on the field alone; None: none.
    index: Literal["sort", "value"] | None = None


class RenderedRecord(SQLModel):
    """What every resource's row holds beside its fields."""

    document: int  # Document.key
    # The text fields `q` searches, case-folded in Python and joined by newlines: one
    # folding for SQLite and PostgreSQL alike, and `q` (no control characters) cannot
    # match across two fields.
    search_text: str


def record_table(class_name: str, table_name: str, columns: list[Column]) -> type[SQLModel]:
    """The table of one resource: `RenderedRecord` and a column per stored field, created
    as a class statement would create it.

    A sortable field has an index on (field, id): id breaks ties in every sort, so a page
    in any one field's order is read in order from its index and never sorted, and
    filters and counts on the field use it as well (with an index on the field alone,
    each group of equal values is sorted by id). A field that is only counted or filtered
    has an index on itself.
    """
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"__tablename__": table_name, "__annotations__": annotations}
    sort_indexes: list[Index] = []
    for column in columns:
        annotations[column.name] = column.type | None if column.nullable else column.type
        kwargs: dict[str, Any] = {"comment": column.description} if column.description else {}
        namespace[column.name] = Field(
            default=None if column.nullable else ...,
            max_length=column.max_length,
            index=column.index == "value",
            primary_key=column.name == "id",
            sa_column_kwargs=kwargs,
        )
        if column.index == "sort":
            sort_indexes.append(Index(f"ix_{table_name}_{column.name}", column.name, "id"))
    namespace["__table_args__"] = tuple(sort_indexes)

    def body(ns: dict[str, Any]) -> None:
        ns.update(namespace)

    made = types.new_class(class_name, (RenderedRecord,), {"table": True}, body)
    assert issubclass(made, SQLModel)
    return made


class RecordValue(SQLModel, table=True):
    """One value of a multi-valued field (regions, organisations, sources) of a record.

    What filters read, not what is served: `regions` and `within` hold the places stated
    AND every place those lie within, so `regions=sichuan` matches a record of Chengdu.
    """

    __tablename__ = "record_values"
    __table_args__ = (Index("ix_record_values_record", "resource", "record_id"),)
    resource: str = Field(primary_key=True, max_length=40)
    field: str = Field(primary_key=True, max_length=40)
    value: str = Field(primary_key=True, max_length=200)
    record_id: str = Field(primary_key=True, max_length=200)


class Citation(SQLModel, table=True):
    __tablename__ = "citations"
    resource: str = Field(primary_key=True, max_length=40)
    record_id: str = Field(primary_key=True, max_length=200)
    ordinal: int = Field(primary_key=True)
    source_id: str = Field(index=True, max_length=200)
    quote: str
    start: int
    end: int


class Relation(SQLModel, table=True):
    """A typed link: the record (resource, record_id) is `type` the related one."""

    __tablename__ = "relations"
    __table_args__ = (Index("ix_relations_related", "related_resource", "related_id"),)
    resource: str = Field(primary_key=True, max_length=40)
    record_id: str = Field(primary_key=True, max_length=200)
    related_resource: str = Field(primary_key=True, max_length=40)
    related_id: str = Field(primary_key=True, max_length=200)
    type: str = Field(primary_key=True, max_length=40)


class SourcePage(SQLModel, table=True):
    """Each source's annotations (JSON) and its annotated HTML page, rendered at seed time."""

    __tablename__ = "source_pages"
    source_id: str = Field(primary_key=True, max_length=200)
    annotations: str
    page: str


class SearchEntry(SQLModel, table=True):
    """One row per record of every resource: what /v1/search looks through."""

    __tablename__ = "search_entries"
    resource: str = Field(primary_key=True, max_length=40)
    record_id: str = Field(primary_key=True, max_length=200)
    name: str
    body: str
    name_folded: str
    body_folded: str


class DatasetMeta(SQLModel, table=True):
    __tablename__ = "dataset_meta"
    key: str = Field(primary_key=True, max_length=100)
    value: str
