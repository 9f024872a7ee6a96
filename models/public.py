"""What the API answers. Separate from the tables so that no internal column leaks."""

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from models.vocab import (
    Carrier,
    EnergyKind,
    Mode,
    OrganisationKind,
    PlaceKind,
    Precision,
    ProjectKind,
    Qualifier,
    QuoteKind,
    Region,
    RelationType,
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


class EvidencePublic(PublicModel):
    """One support of a field's value: a span of a source, or an inference."""

    inferred: bool = Field(
        description="True: the value is the curator's reading, not stated by the source; "
        "`note` says why. False: `quote` is the source's words that state it."
    )
    note: str | None = Field(description="Why the value was inferred (inferred only).")
    source_id: str | None = Field(description="The source of the quote (null when inferred).")
    quote: str | None = Field(description="Exactly `source.text[start:end]` (null when inferred).")
    start: int | None = Field(description="Offset of the quote's first code point.")
    end: int | None = Field(description="Offset just past the quote's last code point.")
    value: str | None = Field(
        default=None,
        description="For a field of several values (regions, within, organisations, related), "
        "the one value this supports (a link's as `resource/id`); null for other fields.",
    )


EVIDENCE_DESCRIPTION = (
    "What supports each value: a map from a field name of this record to its supports, "
    "each a span of the source text or an inference with its note. Every field with a "
    "value is here; a date's or period's support is under each of its `_start`, `_end` and "
    "`_precision` fields, a relation's under `related`."
)


class RecordRef(PublicModel):
    resource: ResourceName
    id: str
    name: str
    url: str = Field(description="Path of the record in this API.")


class RelationPublic(PublicModel):
    type: RelationType = Field(
        description="What the link says: part_of, about, located_in, said_by, works_for, "
        "converts, builds or related."
    )
    direction: Literal["outgoing", "incoming"] = Field(
        description="outgoing: this record is `type` the other (this figure is part_of that "
        "one); incoming: the other record is `type` this one."
    )
    resource: ResourceName
    id: str
    name: str
    url: str = Field(description="Path of the other record in this API.")


class LinkPublic(PublicModel):
    type: RelationType
    resource: ResourceName
    id: str


class RecordPublic(PublicModel):
    id: str = Field(description="Stable slug; unchanged by re-seeding.")
    url: str = Field(description="Path of this record in the API.")


class DatedPublic(RecordPublic):
    name: str
    description: str = Field(description="A plain sentence, faithful to the cited text.")
    status: Status | None = Field(description="Where it stands, as the source reports it.")
    regions: list[Region] = Field(
        description="The places the record concerns, as stated. A `regions` filter also "
        "matches every place within a given one (see /v1/places)."
    )
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
    priority: bool | None = Field(
        description="True when the source calls it a priority; null when it does not say."
    )


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
    reported_start: date | None = Field(
        description="First day the figure may have been reported (the source's publication "
        "window), apart from the period it is about, as in FRED's vintages."
    )
    reported_end: date | None = Field(description="Last day the figure may have been reported.")
    reported_precision: Precision | None
    reported_inferred: bool | None = Field(
        description="True when the reporting window is inferred (the source gives no date)."
    )
    reported_note: str | None = Field(description="How the reporting window was inferred.")
    period_ended_when_reported: bool | None = Field(
        description="false: the period was not over when the figure was reported (a figure "
        "to date, not a full-period total); true: it was over; null: no period, or unknown."
    )
    links: list[LinkPublic] = Field(
        description="The figure's typed links, from this end: `about` its subject (first) and "
        "any other record it describes; `part_of` another figure (12 of the 95 suppliers) "
        "and `converts` another figure (the same amount in another unit): to sum figures "
        "without counting twice, leave out those with either; `said_by` the person it "
        "comes from; `related`."
    )
    citations: list[CitationPublic] = Field(min_length=1)


class OrganisationPublic(PublicModel):
    id: str
    name: str
    regions: list[Region] = Field(
        description="The places the organisation belongs to, as stated (a `regions` filter "
        "also matches the places these lie within)."
    )
    url: str = Field(description="Path of this record in the API.")
    kind: OrganisationKind
    aims: list[str] = Field(description="What it is for, each in the source's words.")
    citations: list[CitationPublic] = Field(min_length=1)


class PersonPublic(RecordPublic):
    name: str
    role: str = Field(description="The role the source gives, in its words.")
    organisation_id: str
    organisation_name: str
    citations: list[CitationPublic] = Field(min_length=1)


class PlacePublic(RecordPublic):
    name: str
    kind: PlaceKind
    within: list[Region] = Field(
        description="The places this one lies directly within, as the source places it; "
        "the hierarchy is every place's `within`. A `within` filter matches every place "
        "lying within the given one, directly or not."
    )
    capital_of: Region | None = Field(description="The place whose capital this is.")
    citations: list[CitationPublic] = Field(min_length=1)


class IndustryPublic(RecordPublic):
    name: str
    regions: list[Region]
    examples: list[str] = Field(description="The industries the source names, in its words.")
    developments: list[str] = Field(description="What the source says is happening to them.")
    citations: list[CitationPublic] = Field(min_length=1)


class SpeakerPublic(PublicModel):
    id: str
    name: str
    role: str
    organisation: OrganisationPublic


class Evidenced(PublicModel):
    evidence: dict[str, list[EvidencePublic]] = Field(description=EVIDENCE_DESCRIPTION)


class LinkedRecords(Evidenced):
    figures: list[FigurePublic] = Field(
        description="Figures about this record: their subject, or linked to it as `about`."
    )
    related: list[RecordRef] = Field(
        description="Every record linked to this one, from either end, once; `relations` "
        "gives each link's type and direction."
    )
    relations: list[RelationPublic] = Field(
        description="Every typed link of this record, from this end and from the other."
    )


class SourceDetail(Evidenced, SourcePublic):
    record_counts: dict[str, int] = Field(description="Records citing this source, per resource.")


class ProjectDetail(LinkedRecords, ProjectPublic):
    pass


class InfrastructureDetail(LinkedRecords, InfrastructurePublic):
    pass


class EnergyDetail(LinkedRecords, EnergyPublic):
    pass


class QuoteDetail(LinkedRecords, QuotePublic):
    speaker: SpeakerPublic


class FigureDetail(LinkedRecords, FigurePublic):
    subject: RecordRef


class OrganisationDetail(LinkedRecords, OrganisationPublic):
    people: list[RecordRef] = Field(description="The people the source places in it.")


class PersonDetail(LinkedRecords, PersonPublic):
    organisation: OrganisationPublic


class PlaceDetail(LinkedRecords, PlacePublic):
    pass


class IndustryDetail(LinkedRecords, IndustryPublic):
    pass


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
    annotations_url: str = Field(description="Every cited span, with what it supports.")
    page_url: str = Field(
        description="The text as an HTML page, its cited spans highlighted and linked to the "
        "records they support, each record linked back to its words (works offline)."
    )


class AnnotationSupport(PublicModel):
    resource: ResourceName
    id: str
    name: str
    url: str = Field(description="Path of the record in this API.")
    field: str = Field(
        description="The field the span supports; `citations` for a record's citation."
    )
    value: str | None = Field(description="Of a field of several values, the value supported.")


class AnnotationSpan(PublicModel):
    start: int = Field(ge=0, description="Offset of the span's first code point.")
    end: int = Field(ge=0, description="Offset just past its last code point.")
    quote: str = Field(description="Exactly `source.text[start:end]`.")
    supports: list[AnnotationSupport] = Field(
        description="Every record and field these words are cited for or support."
    )


class SourceAnnotations(PublicModel):
    source_id: str
    url: str = Field(description="Path of the source in this API.")
    page_url: str
    spans: list[AnnotationSpan] = Field(description="Every cited span, in text order.")


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
    search_url: str = Field(
        description="An example search, followable as given; replace the value of `q`. "
        "`search_template` is the same as an RFC 6570 URI template."
    )
    search_template: str = Field(description="RFC 6570 URI template of a search.")
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
