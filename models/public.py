"""What the API answers. Separate from the tables so that no internal column leaks."""

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from models.vocab import (
    Carrier,
    EnergyKind,
    Mode,
    Precision,
    ProjectKind,
    Qualifier,
    QuoteKind,
    Region,
    ResourceName,
    Sector,
    Status,
    Unit,
)


class PublicModel(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class CitationPublic(PublicModel):
    source_id: str = Field(description="The `id` of the source the quote comes from.")
    quote: str = Field(description="Exactly `source.text[start:end]`, in Unicode code points.")
    start: int = Field(ge=0, description="Offset of the first code point of the quote.")
    end: int = Field(ge=0, description="Offset just past the last code point of the quote.")


class RecordRef(PublicModel):
    resource: ResourceName
    id: str
    name: str
    url: str = Field(description="Path of the record in this API.")


class RecordPublic(PublicModel):
    id: str = Field(description="Stable slug; unchanged by re-seeding.")
    url: str = Field(description="Path of this record in the API.")


class DatedPublic(RecordPublic):
    name: str
    description: str = Field(description="A plain sentence, faithful to the cited text.")
    status: Status | None = Field(description="Where it stands, as the source reports it.")
    regions: list[Region]
    date_start: date | None = Field(description="First day of the dated event, ISO 8601.")
    date_end: date | None = Field(description="Last day of the dated event (inclusive).")
    date_precision: Precision | None
    date_inferred: bool | None = Field(
        description="True when the source does not write the year (or more) and it was inferred."
    )
    date_note: str | None = Field(description="How the date was inferred.")
    date_event: str | None = Field(description="What the date marks, e.g. construction_started.")
    citations: list[CitationPublic] = Field(min_length=1)


class SourcePublic(PublicModel):
    id: str
    url: str
    title: str
    publisher: str | None
    language: str
    original_url: str | None
    photo_credit: str | None
    editor: str | None
    sha256: str = Field(description="SHA-256 of the UTF-8 text.")
    length: int = Field(description="Length of the text in Unicode code points.")
    published_start: date | None
    published_end: date | None
    published_precision: Precision | None
    published_inferred: bool | None
    published_note: str | None
    text: str = Field(description="The full text; citations index into it.")


class ProjectPublic(DatedPublic):
    kind: ProjectKind
    sector: Sector
    organisations: list[str] = Field(description="Ids of the organisations involved.")


class InfrastructurePublic(DatedPublic):
    mode: Mode


class EnergyPublic(DatedPublic):
    kind: EnergyKind
    carrier: Carrier


class QuotePublic(RecordPublic):
    kind: QuoteKind = Field(description="direct: in quotation marks; reported: reported speech.")
    text: str = Field(description="The statement exactly as the source words it.")
    speaker_id: str
    speaker_name: str
    speaker_role: str
    organisation_id: str
    organisation_name: str
    regions: list[Region]
    citations: list[CitationPublic] = Field(min_length=1)


class FigurePublic(RecordPublic):
    subject_resource: ResourceName
    subject_id: str
    measure: str = Field(description="What is measured, e.g. investment, travel_time.")
    value: int | float = Field(description="The number in the base unit given by `unit`.")
    unit: Unit
    as_stated: str = Field(description="The source's own wording of the number.")
    qualifier: Qualifier
    projected: bool = Field(description="True when the source gives it as expected in future.")
    period_start: date | None
    period_end: date | None
    period_precision: Precision | None
    period_inferred: bool | None
    period_note: str | None
    citations: list[CitationPublic] = Field(min_length=1)


class OrganisationPublic(PublicModel):
    id: str
    name: str
    regions: list[Region]


class SpeakerPublic(PublicModel):
    id: str
    name: str
    role: str
    organisation: OrganisationPublic


class LinkedRecords(PublicModel):
    figures: list[FigurePublic] = Field(description="Figures whose subject is this record.")
    related: list[RecordRef] = Field(description="The same or a related thing elsewhere.")


class SourceDetail(SourcePublic):
    record_counts: dict[str, int] = Field(description="Records citing this source, per resource.")


class ProjectDetail(LinkedRecords, ProjectPublic):
    pass


class InfrastructureDetail(LinkedRecords, InfrastructurePublic):
    pass


class EnergyDetail(LinkedRecords, EnergyPublic):
    pass


class QuoteDetail(LinkedRecords, QuotePublic):
    speaker: SpeakerPublic


class FigureDetail(FigurePublic):
    subject: RecordRef


class FacetValue(PublicModel):
    value: Any = Field(description="A value of the field (null for records without one).")
    count: int


class PageLinks(PublicModel):
    self: str
    next: str | None


class SearchHit(PublicModel):
    type: ResourceName
    id: str
    name: str
    snippet: str = Field(description="Text around the first match.")
    url: str
    relevance: int = Field(description="2 when the name matches, 1 when only the body does.")


class CollectionSourceRef(PublicModel):
    id: str
    title: str
    url: str


class CollectionInfo(PublicModel):
    name: ResourceName
    count: int
    url: str


class IndexPublic(PublicModel):
    title: str
    dataset_version: str
    seeded_at: str
    sources: list[CollectionSourceRef]
    collections: list[CollectionInfo]
    search_url: str
    docs_url: str


class HealthPublic(PublicModel):
    status: str


class ProblemError(PublicModel):
    param: str
    message: str


class Problem(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str
    title: str
    status: int
    detail: str
    errors: list[ProblemError] | None = None
