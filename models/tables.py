"""The database tables. Internal: the API answers with models.public, never these.

Each resource table carries `doc` and `detail`: the record's public JSON (collection item
and detail answer) rendered once by the loader. The dataset only changes by re-seeding,
so rendering at seed time rather than per request is what keeps reads cheap.
"""

from datetime import date

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class RenderedRecord(SQLModel):
    id: str = Field(primary_key=True, max_length=200)
    doc: str
    detail: str
    # The text fields `q` searches, case-folded in Python and joined by newlines: one
    # folding for SQLite and PostgreSQL alike, and `q` (no control characters) cannot
    # match across two fields.
    search_text: str


class DatedRecord(RenderedRecord):
    name: str = Field(index=True)
    status: str | None = Field(default=None, index=True)
    description: str
    date_start: date | None = Field(default=None, index=True)
    date_end: date | None = None
    date_precision: str | None = Field(default=None, index=True)
    date_inferred: bool | None = Field(default=None, index=True)
    date_event: str | None = None


class Source(RenderedRecord, table=True):
    __tablename__ = "sources"
    title: str = Field(index=True)
    publisher: str | None = None
    language: str = Field(index=True)
    original_url: str | None = None
    photo_credit: str | None = None
    editor: str | None = None
    sha256: str
    length: int
    text: str
    published_start: date | None = Field(default=None, index=True)
    published_end: date | None = None
    published_precision: str | None = None
    published_inferred: bool | None = None
    published_note: str | None = None


class Project(DatedRecord, table=True):
    __tablename__ = "projects"
    kind: str = Field(index=True)
    sector: str = Field(index=True)


class Infrastructure(DatedRecord, table=True):
    __tablename__ = "infrastructure"
    mode: str = Field(index=True)


class Energy(DatedRecord, table=True):
    __tablename__ = "energy"
    kind: str = Field(index=True)
    carrier: str = Field(index=True)


class Quote(RenderedRecord, table=True):
    __tablename__ = "quotes"
    kind: str = Field(index=True)
    text: str
    # Speaker and organisation are copied from people/organisations so that filters and
    # sorts on them stay single-table queries.
    speaker_id: str = Field(index=True)
    speaker_name: str = Field(index=True)
    speaker_role: str
    organisation_id: str = Field(index=True)
    organisation_name: str = Field(index=True)


class Figure(RenderedRecord, table=True):
    __tablename__ = "figures"
    subject_resource: str = Field(index=True)
    subject_id: str = Field(index=True)
    measure: str = Field(index=True)
    value: float = Field(index=True)
    unit: str = Field(index=True)
    as_stated: str
    qualifier: str = Field(index=True)
    projected: bool = Field(index=True)
    period_start: date | None = Field(default=None, index=True)
    period_end: date | None = Field(default=None, index=True)
    period_precision: str | None = Field(default=None, index=True)
    period_inferred: bool | None = None


class Organisation(SQLModel, table=True):
    __tablename__ = "organisations"
    id: str = Field(primary_key=True, max_length=200)
    name: str
    regions: str  # comma-separated region codes; only read to render quotes


class Person(SQLModel, table=True):
    __tablename__ = "people"
    id: str = Field(primary_key=True, max_length=200)
    name: str
    role: str
    organisation_id: str


class RecordValue(SQLModel, table=True):
    """One value of a multi-valued field (regions, organisations, sources) of a record."""

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
    __tablename__ = "relations"
    resource: str = Field(primary_key=True, max_length=40)
    record_id: str = Field(primary_key=True, max_length=200)
    related_resource: str = Field(primary_key=True, max_length=40)
    related_id: str = Field(primary_key=True, max_length=200)


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
