"""The database tables. Internal: the API answers with models.public, never these.

Every record's public JSON (its collection item `doc` and its detail answer) is rendered
once by the loader into `documents`. The dataset only changes by re-seeding, so
rendering at seed time rather than per request is what keeps reads cheap. The JSON is
kept out of the resource tables so that their rows hold only what filters, sorts, counts
and facets read: a count through row lookups reads a table a tenth the size
(docs/design.md, "Records' JSON apart from the rows that are filtered").
"""

from datetime import date

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


def sort_indexes(table: str, *fields: str) -> tuple[Index, ...]:
    """An index on (field, id) for each field a collection can be sorted by.

    id breaks ties in every sort, so a page in any one field's order is read in order
    from its index and never sorted; filters and counts on the field use it as well.
    With an index on the field alone, each group of equal values is sorted by id.
    """
    return tuple(Index(f"ix_{table}_{name}", name, "id") for name in fields)


# The fields every dated resource can be sorted by.
DATED_SORTS = ("name", "status", "date_start")


class RenderedRecord(SQLModel):
    id: str = Field(primary_key=True, max_length=200)
    document: int  # Document.key
    # The text fields `q` searches, case-folded in Python and joined by newlines: one
    # folding for SQLite and PostgreSQL alike, and `q` (no control characters) cannot
    # match across two fields.
    search_text: str


class DatedRecord(RenderedRecord):
    name: str
    status: str | None = None
    description: str
    date_start: date | None = None
    date_end: date | None = None
    date_precision: str | None = Field(default=None, index=True)
    date_inferred: bool | None = Field(default=None, index=True)
    date_event: str | None = None


class Source(RenderedRecord, table=True):
    __tablename__ = "sources"
    __table_args__ = sort_indexes("sources", "title", "language", "published_start")
    title: str
    publisher: str | None = None
    language: str
    original_url: str | None = None
    photo_credit: str | None = None
    editor: str | None = None
    sha256: str
    length: int
    text: str
    published_start: date | None = None
    published_end: date | None = None
    published_precision: str | None = None
    published_inferred: bool | None = None
    published_note: str | None = None


class Project(DatedRecord, table=True):
    __tablename__ = "projects"
    __table_args__ = sort_indexes("projects", *DATED_SORTS, "kind", "sector")
    kind: str
    sector: str


class Infrastructure(DatedRecord, table=True):
    __tablename__ = "infrastructure"
    __table_args__ = sort_indexes("infrastructure", *DATED_SORTS, "mode")
    mode: str


class Energy(DatedRecord, table=True):
    __tablename__ = "energy"
    __table_args__ = sort_indexes("energy", *DATED_SORTS, "kind", "carrier")
    kind: str
    carrier: str


class Quote(RenderedRecord, table=True):
    __tablename__ = "quotes"
    __table_args__ = sort_indexes("quotes", "kind", "speaker_id", "speaker_name", "organisation_id")
    kind: str
    text: str
    # Speaker and organisation are copied from people/organisations so that filters and
    # sorts on them stay single-table queries.
    speaker_id: str
    speaker_name: str
    speaker_role: str
    organisation_id: str
    organisation_name: str = Field(index=True)


class Figure(RenderedRecord, table=True):
    __tablename__ = "figures"
    __table_args__ = sort_indexes(
        "figures",
        *("subject_resource", "subject_id", "measure", "value", "unit", "qualifier"),
        *("period_start", "period_end"),
    )
    subject_resource: str
    subject_id: str
    measure: str
    value: float
    unit: str
    as_stated: str
    qualifier: str
    projected: bool = Field(index=True)
    period_start: date | None = None
    period_end: date | None = None
    period_precision: str | None = Field(default=None, index=True)
    period_inferred: bool | None = None
    reported_start: date | None = None
    reported_end: date | None = None
    period_ended_when_reported: bool | None = Field(default=None, index=True)


class Organisation(RenderedRecord, table=True):
    __tablename__ = "organisations"
    __table_args__ = sort_indexes("organisations", "name", "kind")
    name: str
    kind: str


class Person(RenderedRecord, table=True):
    __tablename__ = "people"
    __table_args__ = sort_indexes("people", "name", "organisation_id")
    name: str
    role: str
    organisation_id: str
    organisation_name: str


class Place(RenderedRecord, table=True):
    __tablename__ = "places"
    __table_args__ = sort_indexes("places", "name", "kind")
    name: str
    kind: str
    capital_of: str | None = None


class Industry(RenderedRecord, table=True):
    __tablename__ = "industries"
    __table_args__ = sort_indexes("industries", "name")
    name: str


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
