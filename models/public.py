"""What the API answers, apart from the records themselves: the parts records are made
of (citations, evidence, links) and the envelopes around them. Each resource's item and
detail models are derived from its description in models/resources.py. Separate from the
tables so that no internal column leaks."""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from models.vocab import RelationType, ResourceName


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
