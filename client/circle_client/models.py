# Generated from the API's /openapi.json by datamodel-code-generator (client/generate_code.py,
# `make client-models`): do not edit.

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field


class Carrier1(StrEnum):
    """
    One of the Carrier vocabulary. Known values: natural_gas, electricity; others may be added, so treat an unknown one as opaque text.
    """

    natural_gas = "natural_gas"
    electricity = "electricity"


class CitationPublic(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    source_id: Annotated[str, Field(title="Source Id")]
    """
    The `id` of the source the quote comes from.
    """
    quote: Annotated[str, Field(title="Quote")]
    """
    Exactly `source.text[start:end]`, in Unicode code points.
    """
    start: Annotated[int, Field(ge=0, title="Start")]
    """
    Offset of the first code point of the quote.
    """
    end: Annotated[int, Field(ge=0, title="End")]
    """
    Offset just past the last code point of the quote.
    """


class CollectionSourceRef(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    title: Annotated[str, Field(title="Title")]
    url: Annotated[str, Field(title="Url")]
    annotations_url: Annotated[str, Field(title="Annotations Url")]
    """
    Every cited span, with what it supports.
    """
    page_url: Annotated[str, Field(title="Page Url")]
    """
    The text as an HTML page, its cited spans highlighted and linked to the records they support, each record linked back to its words (works offline).
    """


class EnergyKind1(StrEnum):
    """
    One of the EnergyKind vocabulary. Known values: asset, measurement; others may be added, so treat an unknown one as opaque text.
    """

    asset = "asset"
    measurement = "measurement"


class EvidencePublic(BaseModel):
    """
    One support of a field's value: a span of a source, or an inference.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    inferred: Annotated[bool, Field(title="Inferred")]
    """
    True: the value is the curator's reading, not stated by the source; `note` says why. False: `quote` is the source's words that state it.
    """
    note: Annotated[str | None, Field(title="Note")]
    """
    Why the value was inferred (inferred only).
    """
    source_id: Annotated[str | None, Field(title="Source Id")]
    """
    The source of the quote (null when inferred).
    """
    quote: Annotated[str | None, Field(title="Quote")]
    """
    Exactly `source.text[start:end]` (null when inferred).
    """
    start: Annotated[int | None, Field(title="Start")]
    """
    Offset of the quote's first code point.
    """
    end: Annotated[int | None, Field(title="End")]
    """
    Offset just past the quote's last code point.
    """
    value: Annotated[str | None, Field(title="Value")] = None
    """
    For a field of several values (regions, within, organisations, related), the one value this supports (a link's as `resource/id`); null for other fields.
    """


class FacetValue(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    value: Annotated[Any, Field(title="Value")]
    """
    A value of the field (null for records without one).
    """
    count: Annotated[int, Field(title="Count")]


class HealthPublic(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    status: Annotated[str, Field(title="Status")]


class Mode1(StrEnum):
    """
    One of the Mode vocabulary. Known values: rail, road, air, waterway, power_transmission, gas_pipeline, gas_production; others may be added, so treat an unknown one as opaque text.
    """

    rail = "rail"
    road = "road"
    air = "air"
    waterway = "waterway"
    power_transmission = "power_transmission"
    gas_pipeline = "gas_pipeline"
    gas_production = "gas_production"


class OrganisationKind1(StrEnum):
    """
    One of the OrganisationKind vocabulary. Known values: government_body, company, political_party, party_congress, joint_office; others may be added, so treat an unknown one as opaque text.
    """

    government_body = "government_body"
    company = "company"
    political_party = "political_party"
    party_congress = "party_congress"
    joint_office = "joint_office"


class PageLinks(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    self: Annotated[str, Field(title="Self")]
    next: Annotated[str | None, Field(title="Next")]


class PlaceKind1(StrEnum):
    """
    One of the PlaceKind vocabulary. Known values: country, region, province, municipality, city; others may be added, so treat an unknown one as opaque text.
    """

    country = "country"
    region = "region"
    province = "province"
    municipality = "municipality"
    city = "city"


class Precision1(StrEnum):
    """
    One of the Precision vocabulary. Known values: day, month, half_year, year, period; others may be added, so treat an unknown one as opaque text.
    """

    day = "day"
    month = "month"
    half_year = "half_year"
    year = "year"
    period = "period"


class ProjectKind1(StrEnum):
    """
    One of the ProjectKind vocabulary. Known values: project, programme, plan, strategy, joint_initiative; others may be added, so treat an unknown one as opaque text.
    """

    project = "project"
    programme = "programme"
    plan = "plan"
    strategy = "strategy"
    joint_initiative = "joint_initiative"


class Qualifier1(StrEnum):
    """
    One of the Qualifier vocabulary. Known values: exact, about, more_than, at_least, less_than, up_to; others may be added, so treat an unknown one as opaque text.
    """

    exact = "exact"
    about = "about"
    more_than = "more_than"
    at_least = "at_least"
    less_than = "less_than"
    up_to = "up_to"


class QuoteKind1(StrEnum):
    """
    One of the QuoteKind vocabulary. Known values: direct, reported; others may be added, so treat an unknown one as opaque text.
    """

    direct = "direct"
    reported = "reported"


class Region1(StrEnum):
    """
    The places records can concern: each is a record of /v1/places, where the
    hierarchy (which place lies within which) is data. Known values: sichuan, chongqing, chengdu, guang-an, china, southwest-china, western-inland-area; others may be added, so treat an unknown one as opaque text.
    """

    sichuan = "sichuan"
    chongqing = "chongqing"
    chengdu = "chengdu"
    guang_an = "guang-an"
    china = "china"
    southwest_china = "southwest-china"
    western_inland_area = "western-inland-area"


class Direction(StrEnum):
    """
    outgoing: this record is `type` the other (this figure is part_of that one); incoming: the other record is `type` this one.
    """

    outgoing = "outgoing"
    incoming = "incoming"


class RelationType1(StrEnum):
    """
    What a link between two records says; every link is served from both ends. Known values: part_of, about, located_in, said_by, works_for, converts, builds, related; others may be added, so treat an unknown one as opaque text.
    """

    part_of = "part_of"
    about = "about"
    located_in = "located_in"
    said_by = "said_by"
    works_for = "works_for"
    converts = "converts"
    builds = "builds"
    related = "related"


class ResourceName1(StrEnum):
    """
    One of the ResourceName vocabulary. Known values: sources, projects, infrastructure, energy, quotes, figures, people, organisations, places, industries; others may be added, so treat an unknown one as opaque text.
    """

    sources = "sources"
    projects = "projects"
    infrastructure = "infrastructure"
    energy = "energy"
    quotes = "quotes"
    figures = "figures"
    people = "people"
    organisations = "organisations"
    places = "places"
    industries = "industries"


class SearchHit(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    type: Annotated[ResourceName1 | str, Field(title="ResourceName")]
    """
    One of the ResourceName vocabulary. Known values: sources, projects, infrastructure, energy, quotes, figures, people, organisations, places, industries; others may be added, so treat an unknown one as opaque text.
    """
    id: Annotated[str, Field(title="Id")]
    name: Annotated[str, Field(title="Name")]
    snippet: Annotated[str, Field(title="Snippet")]
    """
    Text around the first match.
    """
    url: Annotated[str, Field(title="Url")]
    relevance: Annotated[int, Field(title="Relevance")]
    """
    2 when the name matches, 1 when only the body does.
    """


class SearchPage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[SearchHit], Field(title="Items")]
    total: Annotated[int, Field(title="Total")]
    """
    Exact number of matching records.
    """
    limit: Annotated[int, Field(title="Limit")]
    next_cursor: Annotated[str | None, Field(title="Next Cursor")]
    """
    Pass as `cursor` for the next page.
    """
    links: PageLinks
    facets: Annotated[dict[str, list[FacetValue]] | None, Field(title="Facets")] = None
    """
    Present when `facet` is given.
    """


class Sector1(StrEnum):
    """
    One of the Sector vocabulary. Known values: transport, energy, industry, science_and_innovation, urban_planning, regional_development, trade_and_investment; others may be added, so treat an unknown one as opaque text.
    """

    transport = "transport"
    energy = "energy"
    industry = "industry"
    science_and_innovation = "science_and_innovation"
    urban_planning = "urban_planning"
    regional_development = "regional_development"
    trade_and_investment = "trade_and_investment"


class SourceDetail(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    title: Annotated[str, Field(title="Title")]
    """
    The source's own headline, or the curator's descriptive title when it has none (its `evidence.title` says which).
    """
    publisher: Annotated[str | None, Field(title="Publisher")]
    language: Annotated[str, Field(title="Language")]
    """
    BCP 47 language tag.
    """
    original_url: Annotated[str | None, Field(title="Original Url")]
    photo_credit: Annotated[str | None, Field(title="Photo Credit")]
    editor: Annotated[str | None, Field(title="Editor")]
    sha256: Annotated[str, Field(title="Sha256")]
    """
    SHA-256 of the UTF-8 text.
    """
    length: Annotated[int, Field(title="Length")]
    """
    Length of the text in Unicode code points.
    """
    published_start: Annotated[date | None, Field(title="Published Start")]
    """
    Earliest possible publication day.
    """
    published_end: Annotated[date | None, Field(title="Published End")]
    published_precision: Precision1 | str | None
    published_inferred: Annotated[bool | None, Field(title="Published Inferred")]
    published_note: Annotated[str | None, Field(title="Published Note")]
    text: Annotated[str, Field(title="Text")]
    """
    The full text; citations index into it.
    """
    evidence: Annotated[dict[str, list[EvidencePublic]], Field(title="Evidence")]
    """
    What supports each value: a map from a field name of this record to its supports, each a span of the source text or an inference with its note. Every field with a value is here; a date's or period's support is under each of its `_start`, `_end` and `_precision` fields, a relation's under `related`.
    """
    record_counts: Annotated[dict[str, int], Field(title="Record Counts")]
    """
    Records citing this source, per resource.
    """


class SourcePublic(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    title: Annotated[str, Field(title="Title")]
    """
    The source's own headline, or the curator's descriptive title when it has none (its `evidence.title` says which).
    """
    publisher: Annotated[str | None, Field(title="Publisher")]
    language: Annotated[str, Field(title="Language")]
    """
    BCP 47 language tag.
    """
    original_url: Annotated[str | None, Field(title="Original Url")]
    photo_credit: Annotated[str | None, Field(title="Photo Credit")]
    editor: Annotated[str | None, Field(title="Editor")]
    sha256: Annotated[str, Field(title="Sha256")]
    """
    SHA-256 of the UTF-8 text.
    """
    length: Annotated[int, Field(title="Length")]
    """
    Length of the text in Unicode code points.
    """
    published_start: Annotated[date | None, Field(title="Published Start")]
    """
    Earliest possible publication day.
    """
    published_end: Annotated[date | None, Field(title="Published End")]
    published_precision: Precision1 | str | None
    published_inferred: Annotated[bool | None, Field(title="Published Inferred")]
    published_note: Annotated[str | None, Field(title="Published Note")]
    text: Annotated[str, Field(title="Text")]
    """
    The full text; citations index into it.
    """


class Status1(StrEnum):
    """
    One of the Status vocabulary. Known values: planned, under_construction, in_progress, emerging, operational, released, established; others may be added, so treat an unknown one as opaque text.
    """

    planned = "planned"
    under_construction = "under_construction"
    in_progress = "in_progress"
    emerging = "emerging"
    operational = "operational"
    released = "released"
    established = "established"


class Unit1(StrEnum):
    """
    One of the Unit vocabulary. Known values: CNY, USD, m3, kV, min, count; others may be added, so treat an unknown one as opaque text.
    """

    CNY = "CNY"
    USD = "USD"
    m3 = "m3"
    kV = "kV"
    min = "min"
    count_ = "count"


class Type(StrEnum):
    """
    The kind of problem. Known values: /problems/unknown-parameter, /problems/invalid-value, /problems/ambiguous-value, /problems/invalid-cursor, /problems/stale-cursor, /problems/export-too-large, /problems/not-found, /problems/method-not-allowed, /problems/not-acceptable, /problems/uri-too-long, /problems/headers-too-large, /problems/bad-request, /problems/forbidden, /problems/content-too-large, /problems/unavailable, /problems/internal-error; others may be added, so treat an unknown one as its status.
    """

    field_problems_unknown_parameter = "/problems/unknown-parameter"
    field_problems_invalid_value = "/problems/invalid-value"
    field_problems_ambiguous_value = "/problems/ambiguous-value"
    field_problems_invalid_cursor = "/problems/invalid-cursor"
    field_problems_stale_cursor = "/problems/stale-cursor"
    field_problems_export_too_large = "/problems/export-too-large"
    field_problems_not_found = "/problems/not-found"
    field_problems_method_not_allowed = "/problems/method-not-allowed"
    field_problems_not_acceptable = "/problems/not-acceptable"
    field_problems_uri_too_long = "/problems/uri-too-long"
    field_problems_headers_too_large = "/problems/headers-too-large"
    field_problems_bad_request = "/problems/bad-request"
    field_problems_forbidden = "/problems/forbidden"
    field_problems_content_too_large = "/problems/content-too-large"
    field_problems_unavailable = "/problems/unavailable"
    field_problems_internal_error = "/problems/internal-error"


class ProblemError(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    param: Annotated[str, Field(title="Param")]
    message: Annotated[str, Field(title="Message")]


class SourcePartial(BaseModel):
    """
    The documents the data is drawn from, with their full text. Only the fields `fields=` names, and `id`.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    url: Annotated[str | None, Field(title="Url")] = None
    """
    Path of this record in the API.
    """
    title: Annotated[str | None, Field(title="Title")] = None
    """
    The source's own headline, or the curator's descriptive title when it has none (its `evidence.title` says which).
    """
    publisher: Annotated[str | None, Field(title="Publisher")] = None
    language: Annotated[str | None, Field(title="Language")] = None
    """
    BCP 47 language tag.
    """
    original_url: Annotated[str | None, Field(title="Original Url")] = None
    photo_credit: Annotated[str | None, Field(title="Photo Credit")] = None
    editor: Annotated[str | None, Field(title="Editor")] = None
    sha256: Annotated[str | None, Field(title="Sha256")] = None
    """
    SHA-256 of the UTF-8 text.
    """
    length: Annotated[int | None, Field(title="Length")] = None
    """
    Length of the text in Unicode code points.
    """
    published_start: Annotated[date | None, Field(title="Published Start")] = None
    """
    Earliest possible publication day.
    """
    published_end: Annotated[date | None, Field(title="Published End")] = None
    published_precision: Precision1 | str | None = None
    published_inferred: Annotated[bool | None, Field(title="Published Inferred")] = None
    published_note: Annotated[str | None, Field(title="Published Note")] = None
    text: Annotated[str | None, Field(title="Text")] = None
    """
    The full text; citations index into it.
    """


class SourcePartialPage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[SourcePartial], Field(title="Items")]
    total: Annotated[int, Field(title="Total")]
    """
    Exact number of matching records.
    """
    limit: Annotated[int, Field(title="Limit")]
    next_cursor: Annotated[str | None, Field(title="Next Cursor")]
    """
    Pass as `cursor` for the next page.
    """
    links: PageLinks
    facets: Annotated[dict[str, list[FacetValue]] | None, Field(title="Facets")] = None
    """
    Present when `facet` is given.
    """


class PersonEmbedded(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    name: Annotated[str, Field(title="Name")]
    """
    The record's name, exactly as the source gives it.
    """
    role: Annotated[str, Field(title="Role")]
    """
    The role the source gives, in its words.
    """
    organisation_id: Annotated[str, Field(title="Organisation Id")]
    """
    The id of the person's organisation.
    """
    organisation_name: Annotated[str, Field(title="Organisation Name")]
    citations: Annotated[list[CitationPublic], Field(min_length=1, title="Citations")]


class OrganisationEmbedded(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    name: Annotated[str, Field(title="Name")]
    """
    The record's name, exactly as the source gives it.
    """
    regions: Annotated[list[Region1 | str], Field(title="Regions")]
    """
    The places the record concerns, as stated. A `regions` filter matches a place and every place within it (regions=sichuan matches Chengdu's records too; the hierarchy is /v1/places), and so do facet counts.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    kind: Annotated[OrganisationKind1 | str, Field(title="OrganisationKind")]
    """
    What sort of organisation.
    """
    aims: Annotated[list[str], Field(title="Aims")]
    """
    What it is for, each in the source's words.
    """
    citations: Annotated[list[CitationPublic], Field(min_length=1, title="Citations")]


class PlaceEmbedded(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    name: Annotated[str, Field(title="Name")]
    """
    The record's name, exactly as the source gives it.
    """
    kind: Annotated[PlaceKind1 | str, Field(title="PlaceKind")]
    """
    What sort of place.
    """
    within: Annotated[list[Region1 | str], Field(title="Within")]
    """
    The places this one lies directly within, as the source places it; the hierarchy is every place's `within`. A `within` filter matches every place lying within the given one, directly or not (within=sichuan: Chengdu, Guang'an City).
    """
    capital_of: Region1 | str | None
    """
    The place whose capital this is.
    """
    citations: Annotated[list[CitationPublic], Field(min_length=1, title="Citations")]


class EmbeddedRecord(BaseModel):
    """
    A record of any collection, as that collection lists it (with every field it lists there); the field beside the id names the collection.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: str
    """
    The record's id.
    """
    url: str
    """
    Path of the record in this API.
    """


class ProjectExpanded(BaseModel):
    """
    The records `expand=` names, as their collections list them: null or absent from a list when there is none.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    regions: list[PlaceEmbedded] | None = None
    organisations: list[OrganisationEmbedded] | None = None


class InfrastructureExpanded(BaseModel):
    """
    The records `expand=` names, as their collections list them: null or absent from a list when there is none.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    regions: list[PlaceEmbedded] | None = None


class EnergyExpanded(BaseModel):
    """
    The records `expand=` names, as their collections list them: null or absent from a list when there is none.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    regions: list[PlaceEmbedded] | None = None


class QuoteExpanded(BaseModel):
    """
    The records `expand=` names, as their collections list them: null or absent from a list when there is none.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    said_by: PersonEmbedded | None = None
    organisation: OrganisationEmbedded | None = None
    regions: list[PlaceEmbedded] | None = None


class FigureExpanded(BaseModel):
    """
    The records `expand=` names, as their collections list them: null or absent from a list when there is none.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    subject: EmbeddedRecord | None = None


class PersonExpanded(BaseModel):
    """
    The records `expand=` names, as their collections list them: null or absent from a list when there is none.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    organisation: OrganisationEmbedded | None = None


class OrganisationExpanded(BaseModel):
    """
    The records `expand=` names, as their collections list them: null or absent from a list when there is none.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    regions: list[PlaceEmbedded] | None = None


class PlaceExpanded(BaseModel):
    """
    The records `expand=` names, as their collections list them: null or absent from a list when there is none.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    within: list[PlaceEmbedded] | None = None
    capital_of: PlaceEmbedded | None = None


class IndustryExpanded(BaseModel):
    """
    The records `expand=` names, as their collections list them: null or absent from a list when there is none.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    regions: list[PlaceEmbedded] | None = None


class AnnotationSupport(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    resource: Annotated[ResourceName1 | str, Field(title="ResourceName")]
    """
    One of the ResourceName vocabulary. Known values: sources, projects, infrastructure, energy, quotes, figures, people, organisations, places, industries; others may be added, so treat an unknown one as opaque text.
    """
    id: Annotated[str, Field(title="Id")]
    name: Annotated[str, Field(title="Name")]
    url: Annotated[str, Field(title="Url")]
    """
    Path of the record in this API.
    """
    field: Annotated[str, Field(title="Field")]
    """
    The field the span supports; `citations` for a record's citation.
    """
    value: Annotated[str | None, Field(title="Value")]
    """
    Of a field of several values, the value supported.
    """


class CollectionInfo(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    name: Annotated[ResourceName1 | str, Field(title="ResourceName")]
    """
    One of the ResourceName vocabulary. Known values: sources, projects, infrastructure, energy, quotes, figures, people, organisations, places, industries; others may be added, so treat an unknown one as opaque text.
    """
    count: Annotated[int, Field(title="Count")]
    url: Annotated[str, Field(title="Url")]


class EnergyPublic(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    name: Annotated[str, Field(title="Name")]
    """
    The record's name, exactly as the source gives it.
    """
    description: Annotated[str, Field(title="Description")]
    """
    A plain sentence, faithful to the cited text.
    """
    status: Status1 | str | None
    """
    Where it stands, as the source reports it.
    """
    regions: Annotated[list[Region1 | str], Field(title="Regions")]
    """
    The places the record concerns, as stated. A `regions` filter matches a place and every place within it (regions=sichuan matches Chengdu's records too; the hierarchy is /v1/places), and so do facet counts.
    """
    date_start: Annotated[date | None, Field(title="Date Start")]
    """
    First day of the dated event, ISO 8601.
    """
    date_end: Annotated[date | None, Field(title="Date End")]
    """
    Last day of the dated event (inclusive).
    """
    date_precision: Precision1 | str | None
    """
    Precision of the date.
    """
    date_inferred: Annotated[bool | None, Field(title="Date Inferred")]
    """
    True when the source does not write the year (or more) and it was inferred.
    """
    date_note: Annotated[str | None, Field(title="Date Note")]
    """
    How the date was inferred.
    """
    date_event: Annotated[str | None, Field(title="Date Event")]
    """
    What the date marks, e.g. construction_started.
    """
    citations: Annotated[list[CitationPublic], Field(min_length=1, title="Citations")]
    kind: Annotated[EnergyKind1 | str, Field(title="EnergyKind")]
    """
    An asset or a measurement.
    """
    carrier: Annotated[Carrier1 | str, Field(title="Carrier")]
    """
    The form of energy.
    """
    expanded: EnergyExpanded | None = None
    """
    Present when `expand` is given.
    """


class IndexPublic(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    title: Annotated[str, Field(title="Title")]
    dataset_version: Annotated[str, Field(title="Dataset Version")]
    seeded_at: Annotated[str, Field(title="Seeded At")]
    sources: Annotated[list[CollectionSourceRef], Field(title="Sources")]
    collections: Annotated[list[CollectionInfo], Field(title="Collections")]
    search_url: Annotated[str, Field(title="Search Url")]
    """
    An example search, followable as given; replace the value of `q`. `search_template` is the same as an RFC 6570 URI template.
    """
    search_template: Annotated[str, Field(title="Search Template")]
    """
    RFC 6570 URI template of a search.
    """
    docs_url: Annotated[str, Field(title="Docs Url")]


class IndustryPublic(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    name: Annotated[str, Field(title="Name")]
    """
    The record's name, exactly as the source gives it.
    """
    regions: Annotated[list[Region1 | str], Field(title="Regions")]
    """
    The places the record concerns, as stated. A `regions` filter matches a place and every place within it (regions=sichuan matches Chengdu's records too; the hierarchy is /v1/places), and so do facet counts.
    """
    examples: Annotated[list[str], Field(title="Examples")]
    """
    The industries the source names, in its words.
    """
    developments: Annotated[list[str], Field(title="Developments")]
    """
    What the source says is happening to them.
    """
    citations: Annotated[list[CitationPublic], Field(min_length=1, title="Citations")]
    expanded: IndustryExpanded | None = None
    """
    Present when `expand` is given.
    """


class InfrastructurePublic(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    name: Annotated[str, Field(title="Name")]
    """
    The record's name, exactly as the source gives it.
    """
    description: Annotated[str, Field(title="Description")]
    """
    A plain sentence, faithful to the cited text.
    """
    status: Status1 | str | None
    """
    Where it stands, as the source reports it.
    """
    regions: Annotated[list[Region1 | str], Field(title="Regions")]
    """
    The places the record concerns, as stated. A `regions` filter matches a place and every place within it (regions=sichuan matches Chengdu's records too; the hierarchy is /v1/places), and so do facet counts.
    """
    date_start: Annotated[date | None, Field(title="Date Start")]
    """
    First day of the dated event, ISO 8601.
    """
    date_end: Annotated[date | None, Field(title="Date End")]
    """
    Last day of the dated event (inclusive).
    """
    date_precision: Precision1 | str | None
    """
    Precision of the date.
    """
    date_inferred: Annotated[bool | None, Field(title="Date Inferred")]
    """
    True when the source does not write the year (or more) and it was inferred.
    """
    date_note: Annotated[str | None, Field(title="Date Note")]
    """
    How the date was inferred.
    """
    date_event: Annotated[str | None, Field(title="Date Event")]
    """
    What the date marks, e.g. construction_started.
    """
    citations: Annotated[list[CitationPublic], Field(min_length=1, title="Citations")]
    mode: Annotated[Mode1 | str, Field(title="Mode")]
    """
    The kind of network or asset.
    """
    expanded: InfrastructureExpanded | None = None
    """
    Present when `expand` is given.
    """


class LinkPublic(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    type: Annotated[RelationType1 | str, Field(title="RelationType")]
    """
    What a link between two records says; every link is served from both ends. Known values: part_of, about, located_in, said_by, works_for, converts, builds, related; others may be added, so treat an unknown one as opaque text.
    """
    resource: Annotated[ResourceName1 | str, Field(title="ResourceName")]
    """
    One of the ResourceName vocabulary. Known values: sources, projects, infrastructure, energy, quotes, figures, people, organisations, places, industries; others may be added, so treat an unknown one as opaque text.
    """
    id: Annotated[str, Field(title="Id")]


class OrganisationPublic(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    name: Annotated[str, Field(title="Name")]
    """
    The record's name, exactly as the source gives it.
    """
    regions: Annotated[list[Region1 | str], Field(title="Regions")]
    """
    The places the record concerns, as stated. A `regions` filter matches a place and every place within it (regions=sichuan matches Chengdu's records too; the hierarchy is /v1/places), and so do facet counts.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    kind: Annotated[OrganisationKind1 | str, Field(title="OrganisationKind")]
    """
    What sort of organisation.
    """
    aims: Annotated[list[str], Field(title="Aims")]
    """
    What it is for, each in the source's words.
    """
    citations: Annotated[list[CitationPublic], Field(min_length=1, title="Citations")]
    expanded: OrganisationExpanded | None = None
    """
    Present when `expand` is given.
    """


class PersonPublic(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    name: Annotated[str, Field(title="Name")]
    """
    The record's name, exactly as the source gives it.
    """
    role: Annotated[str, Field(title="Role")]
    """
    The role the source gives, in its words.
    """
    organisation_id: Annotated[str, Field(title="Organisation Id")]
    """
    The id of the person's organisation.
    """
    organisation_name: Annotated[str, Field(title="Organisation Name")]
    citations: Annotated[list[CitationPublic], Field(min_length=1, title="Citations")]
    expanded: PersonExpanded | None = None
    """
    Present when `expand` is given.
    """


class PlacePublic(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    name: Annotated[str, Field(title="Name")]
    """
    The record's name, exactly as the source gives it.
    """
    kind: Annotated[PlaceKind1 | str, Field(title="PlaceKind")]
    """
    What sort of place.
    """
    within: Annotated[list[Region1 | str], Field(title="Within")]
    """
    The places this one lies directly within, as the source places it; the hierarchy is every place's `within`. A `within` filter matches every place lying within the given one, directly or not (within=sichuan: Chengdu, Guang'an City).
    """
    capital_of: Region1 | str | None
    """
    The place whose capital this is.
    """
    citations: Annotated[list[CitationPublic], Field(min_length=1, title="Citations")]
    expanded: PlaceExpanded | None = None
    """
    Present when `expand` is given.
    """


class ProjectPublic(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    name: Annotated[str, Field(title="Name")]
    """
    The record's name, exactly as the source gives it.
    """
    description: Annotated[str, Field(title="Description")]
    """
    A plain sentence, faithful to the cited text.
    """
    status: Status1 | str | None
    """
    Where it stands, as the source reports it.
    """
    regions: Annotated[list[Region1 | str], Field(title="Regions")]
    """
    The places the record concerns, as stated. A `regions` filter matches a place and every place within it (regions=sichuan matches Chengdu's records too; the hierarchy is /v1/places), and so do facet counts.
    """
    date_start: Annotated[date | None, Field(title="Date Start")]
    """
    First day of the dated event, ISO 8601.
    """
    date_end: Annotated[date | None, Field(title="Date End")]
    """
    Last day of the dated event (inclusive).
    """
    date_precision: Precision1 | str | None
    """
    Precision of the date.
    """
    date_inferred: Annotated[bool | None, Field(title="Date Inferred")]
    """
    True when the source does not write the year (or more) and it was inferred.
    """
    date_note: Annotated[str | None, Field(title="Date Note")]
    """
    How the date was inferred.
    """
    date_event: Annotated[str | None, Field(title="Date Event")]
    """
    What the date marks, e.g. construction_started.
    """
    citations: Annotated[list[CitationPublic], Field(min_length=1, title="Citations")]
    kind: Annotated[ProjectKind1 | str, Field(title="ProjectKind")]
    """
    What sort of undertaking.
    """
    sector: Annotated[Sector1 | str, Field(title="Sector")]
    """
    The sector it belongs to.
    """
    organisations: Annotated[list[str], Field(title="Organisations")]
    """
    Ids of the organisations involved.
    """
    priority: Annotated[bool | None, Field(title="Priority")]
    """
    True when the source calls it a priority; null when it does not say.
    """
    expanded: ProjectExpanded | None = None
    """
    Present when `expand` is given.
    """


class QuotePublic(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    kind: Annotated[QuoteKind1 | str, Field(title="QuoteKind")]
    """
    direct: in quotation marks; reported: reported speech.
    """
    text: Annotated[str, Field(title="Text")]
    """
    The statement exactly as the source words it.
    """
    speaker_id: Annotated[str, Field(title="Speaker Id")]
    """
    The speaker's id.
    """
    speaker_name: Annotated[str, Field(title="Speaker Name")]
    """
    The speaker's name, exactly.
    """
    speaker_role: Annotated[str, Field(title="Speaker Role")]
    organisation_id: Annotated[str, Field(title="Organisation Id")]
    """
    The speaker's organisation's id.
    """
    organisation_name: Annotated[str, Field(title="Organisation Name")]
    regions: Annotated[list[Region1 | str], Field(title="Regions")]
    """
    The places the record concerns, as stated. A `regions` filter matches a place and every place within it (regions=sichuan matches Chengdu's records too; the hierarchy is /v1/places), and so do facet counts.
    """
    citations: Annotated[list[CitationPublic], Field(min_length=1, title="Citations")]
    expanded: QuoteExpanded | None = None
    """
    Present when `expand` is given.
    """


class RecordRef(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    resource: Annotated[ResourceName1 | str, Field(title="ResourceName")]
    """
    One of the ResourceName vocabulary. Known values: sources, projects, infrastructure, energy, quotes, figures, people, organisations, places, industries; others may be added, so treat an unknown one as opaque text.
    """
    id: Annotated[str, Field(title="Id")]
    name: Annotated[str, Field(title="Name")]
    url: Annotated[str, Field(title="Url")]
    """
    Path of the record in this API.
    """


class RelationPublic(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    type: Annotated[RelationType1 | str, Field(title="RelationType")]
    """
    What the link says: part_of, about, located_in, said_by, works_for, converts, builds or related.
    """
    direction: Annotated[Direction, Field(title="Direction")]
    """
    outgoing: this record is `type` the other (this figure is part_of that one); incoming: the other record is `type` this one.
    """
    resource: Annotated[ResourceName1 | str, Field(title="ResourceName")]
    """
    One of the ResourceName vocabulary. Known values: sources, projects, infrastructure, energy, quotes, figures, people, organisations, places, industries; others may be added, so treat an unknown one as opaque text.
    """
    id: Annotated[str, Field(title="Id")]
    name: Annotated[str, Field(title="Name")]
    url: Annotated[str, Field(title="Url")]
    """
    Path of the other record in this API.
    """


class SourcePage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[SourcePublic], Field(title="Items")]
    total: Annotated[int, Field(title="Total")]
    """
    Exact number of matching records.
    """
    limit: Annotated[int, Field(title="Limit")]
    next_cursor: Annotated[str | None, Field(title="Next Cursor")]
    """
    Pass as `cursor` for the next page.
    """
    links: PageLinks
    facets: Annotated[dict[str, list[FacetValue]] | None, Field(title="Facets")] = None
    """
    Present when `facet` is given.
    """


class SpeakerPublic(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    name: Annotated[str, Field(title="Name")]
    role: Annotated[str, Field(title="Role")]
    organisation: OrganisationPublic


class EnergyPartial(BaseModel):
    """
    Energy assets and energy measurements; a measurement's numbers are its figures. Only the fields `fields=` names, and `id`.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    url: Annotated[str | None, Field(title="Url")] = None
    """
    Path of this record in the API.
    """
    name: Annotated[str | None, Field(title="Name")] = None
    """
    The record's name, exactly as the source gives it.
    """
    description: Annotated[str | None, Field(title="Description")] = None
    """
    A plain sentence, faithful to the cited text.
    """
    status: Status1 | str | None = None
    """
    Where it stands, as the source reports it.
    """
    regions: Annotated[list[Region1 | str] | None, Field(title="Regions")] = None
    """
    The places the record concerns, as stated. A `regions` filter matches a place and every place within it (regions=sichuan matches Chengdu's records too; the hierarchy is /v1/places), and so do facet counts.
    """
    date_start: Annotated[date | None, Field(title="Date Start")] = None
    """
    First day of the dated event, ISO 8601.
    """
    date_end: Annotated[date | None, Field(title="Date End")] = None
    """
    Last day of the dated event (inclusive).
    """
    date_precision: Precision1 | str | None = None
    """
    Precision of the date.
    """
    date_inferred: Annotated[bool | None, Field(title="Date Inferred")] = None
    """
    True when the source does not write the year (or more) and it was inferred.
    """
    date_note: Annotated[str | None, Field(title="Date Note")] = None
    """
    How the date was inferred.
    """
    date_event: Annotated[str | None, Field(title="Date Event")] = None
    """
    What the date marks, e.g. construction_started.
    """
    citations: Annotated[list[CitationPublic] | None, Field(title="Citations")] = None
    kind: Annotated[EnergyKind1 | str | None, Field(title="EnergyKind")] = None
    """
    An asset or a measurement.
    """
    carrier: Annotated[Carrier1 | str | None, Field(title="Carrier")] = None
    """
    The form of energy.
    """
    expanded: EnergyExpanded | None = None
    """
    Present when `expand` is given.
    """


class EnergyPartialPage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[EnergyPartial], Field(title="Items")]
    total: Annotated[int, Field(title="Total")]
    """
    Exact number of matching records.
    """
    limit: Annotated[int, Field(title="Limit")]
    next_cursor: Annotated[str | None, Field(title="Next Cursor")]
    """
    Pass as `cursor` for the next page.
    """
    links: PageLinks
    facets: Annotated[dict[str, list[FacetValue]] | None, Field(title="Facets")] = None
    """
    Present when `facet` is given.
    """


class FigurePartial(BaseModel):
    """
    Every number the sources state, typed, in a base unit, linked to its subject. Only the fields `fields=` names, and `id`.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    url: Annotated[str | None, Field(title="Url")] = None
    """
    Path of this record in the API.
    """
    subject_resource: Annotated[ResourceName1 | str | None, Field(title="ResourceName")] = None
    """
    The resource of the record described.
    """
    subject_id: Annotated[str | None, Field(title="Subject Id")] = None
    """
    The id of the record described.
    """
    measure: Annotated[str | None, Field(title="Measure")] = None
    """
    What is measured, e.g. investment, travel_time.
    """
    value: Annotated[int | float | None, Field(title="Value")] = None
    """
    The number in the base unit given by `unit`.
    """
    unit: Annotated[Unit1 | str | None, Field(title="Unit")] = None
    """
    The base unit of `value`.
    """
    as_stated: Annotated[str | None, Field(title="As Stated")] = None
    """
    The source's own wording of the number.
    """
    qualifier: Annotated[Qualifier1 | str | None, Field(title="Qualifier")] = None
    """
    How exact the source says the number is.
    """
    projected: Annotated[bool | None, Field(title="Projected")] = None
    """
    True when the source gives it as expected in future.
    """
    period_start: Annotated[date | None, Field(title="Period Start")] = None
    """
    First day of the period the figure covers.
    """
    period_end: Annotated[date | None, Field(title="Period End")] = None
    """
    Last day of the period the figure covers.
    """
    period_precision: Precision1 | str | None = None
    """
    Precision of the period.
    """
    period_inferred: Annotated[bool | None, Field(title="Period Inferred")] = None
    period_note: Annotated[str | None, Field(title="Period Note")] = None
    reported_start: Annotated[date | None, Field(title="Reported Start")] = None
    """
    First day the figure may have been reported (the source's publication window), apart from the period it is about, as in FRED's vintages.
    """
    reported_end: Annotated[date | None, Field(title="Reported End")] = None
    """
    Last day the figure may have been reported.
    """
    reported_precision: Precision1 | str | None = None
    reported_inferred: Annotated[bool | None, Field(title="Reported Inferred")] = None
    """
    True when the reporting window is inferred (the source gives no date).
    """
    reported_note: Annotated[str | None, Field(title="Reported Note")] = None
    """
    How the reporting window was inferred.
    """
    period_ended_when_reported: Annotated[
        bool | None, Field(title="Period Ended When Reported")
    ] = None
    """
    false: the period was not over when the figure was reported (a figure to date, not a full-period total); true: it was over; null: no period, or unknown.
    """
    links: Annotated[list[LinkPublic] | None, Field(title="Links")] = None
    """
    The figure's typed links, from this end: `about` its subject (first) and any other record it describes; `part_of` another figure (12 of the 95 suppliers) and `converts` another figure (the same amount in another unit): to sum figures without counting twice, leave out those with either; `said_by` the person it comes from; `related`.
    """
    citations: Annotated[list[CitationPublic] | None, Field(title="Citations")] = None
    expanded: FigureExpanded | None = None
    """
    Present when `expand` is given.
    """


class FigurePartialPage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[FigurePartial], Field(title="Items")]
    total: Annotated[int, Field(title="Total")]
    """
    Exact number of matching records.
    """
    limit: Annotated[int, Field(title="Limit")]
    next_cursor: Annotated[str | None, Field(title="Next Cursor")]
    """
    Pass as `cursor` for the next page.
    """
    links: PageLinks
    facets: Annotated[dict[str, list[FacetValue]] | None, Field(title="Facets")] = None
    """
    Present when `facet` is given.
    """


class IndustryPartial(BaseModel):
    """
    Industries the sources speak of, with the examples they name. Only the fields `fields=` names, and `id`.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    url: Annotated[str | None, Field(title="Url")] = None
    """
    Path of this record in the API.
    """
    name: Annotated[str | None, Field(title="Name")] = None
    """
    The record's name, exactly as the source gives it.
    """
    regions: Annotated[list[Region1 | str] | None, Field(title="Regions")] = None
    """
    The places the record concerns, as stated. A `regions` filter matches a place and every place within it (regions=sichuan matches Chengdu's records too; the hierarchy is /v1/places), and so do facet counts.
    """
    examples: Annotated[list[str] | None, Field(title="Examples")] = None
    """
    The industries the source names, in its words.
    """
    developments: Annotated[list[str] | None, Field(title="Developments")] = None
    """
    What the source says is happening to them.
    """
    citations: Annotated[list[CitationPublic] | None, Field(title="Citations")] = None
    expanded: IndustryExpanded | None = None
    """
    Present when `expand` is given.
    """


class IndustryPartialPage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[IndustryPartial], Field(title="Items")]
    total: Annotated[int, Field(title="Total")]
    """
    Exact number of matching records.
    """
    limit: Annotated[int, Field(title="Limit")]
    next_cursor: Annotated[str | None, Field(title="Next Cursor")]
    """
    Pass as `cursor` for the next page.
    """
    links: PageLinks
    facets: Annotated[dict[str, list[FacetValue]] | None, Field(title="Facets")] = None
    """
    Present when `facet` is given.
    """


class InfrastructurePartial(BaseModel):
    """
    Physical networks and assets: railways, roads, airports, power lines, pipelines. Only the fields `fields=` names, and `id`.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    url: Annotated[str | None, Field(title="Url")] = None
    """
    Path of this record in the API.
    """
    name: Annotated[str | None, Field(title="Name")] = None
    """
    The record's name, exactly as the source gives it.
    """
    description: Annotated[str | None, Field(title="Description")] = None
    """
    A plain sentence, faithful to the cited text.
    """
    status: Status1 | str | None = None
    """
    Where it stands, as the source reports it.
    """
    regions: Annotated[list[Region1 | str] | None, Field(title="Regions")] = None
    """
    The places the record concerns, as stated. A `regions` filter matches a place and every place within it (regions=sichuan matches Chengdu's records too; the hierarchy is /v1/places), and so do facet counts.
    """
    date_start: Annotated[date | None, Field(title="Date Start")] = None
    """
    First day of the dated event, ISO 8601.
    """
    date_end: Annotated[date | None, Field(title="Date End")] = None
    """
    Last day of the dated event (inclusive).
    """
    date_precision: Precision1 | str | None = None
    """
    Precision of the date.
    """
    date_inferred: Annotated[bool | None, Field(title="Date Inferred")] = None
    """
    True when the source does not write the year (or more) and it was inferred.
    """
    date_note: Annotated[str | None, Field(title="Date Note")] = None
    """
    How the date was inferred.
    """
    date_event: Annotated[str | None, Field(title="Date Event")] = None
    """
    What the date marks, e.g. construction_started.
    """
    citations: Annotated[list[CitationPublic] | None, Field(title="Citations")] = None
    mode: Annotated[Mode1 | str | None, Field(title="Mode")] = None
    """
    The kind of network or asset.
    """
    expanded: InfrastructureExpanded | None = None
    """
    Present when `expand` is given.
    """


class InfrastructurePartialPage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[InfrastructurePartial], Field(title="Items")]
    total: Annotated[int, Field(title="Total")]
    """
    Exact number of matching records.
    """
    limit: Annotated[int, Field(title="Limit")]
    next_cursor: Annotated[str | None, Field(title="Next Cursor")]
    """
    Pass as `cursor` for the next page.
    """
    links: PageLinks
    facets: Annotated[dict[str, list[FacetValue]] | None, Field(title="Facets")] = None
    """
    Present when `facet` is given.
    """


class OrganisationPartial(BaseModel):
    """
    Organisations the sources name: government bodies, companies, parties. Only the fields `fields=` names, and `id`.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    name: Annotated[str | None, Field(title="Name")] = None
    """
    The record's name, exactly as the source gives it.
    """
    regions: Annotated[list[Region1 | str] | None, Field(title="Regions")] = None
    """
    The places the record concerns, as stated. A `regions` filter matches a place and every place within it (regions=sichuan matches Chengdu's records too; the hierarchy is /v1/places), and so do facet counts.
    """
    url: Annotated[str | None, Field(title="Url")] = None
    """
    Path of this record in the API.
    """
    kind: Annotated[OrganisationKind1 | str | None, Field(title="OrganisationKind")] = None
    """
    What sort of organisation.
    """
    aims: Annotated[list[str] | None, Field(title="Aims")] = None
    """
    What it is for, each in the source's words.
    """
    citations: Annotated[list[CitationPublic] | None, Field(title="Citations")] = None
    expanded: OrganisationExpanded | None = None
    """
    Present when `expand` is given.
    """


class OrganisationPartialPage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[OrganisationPartial], Field(title="Items")]
    total: Annotated[int, Field(title="Total")]
    """
    Exact number of matching records.
    """
    limit: Annotated[int, Field(title="Limit")]
    next_cursor: Annotated[str | None, Field(title="Next Cursor")]
    """
    Pass as `cursor` for the next page.
    """
    links: PageLinks
    facets: Annotated[dict[str, list[FacetValue]] | None, Field(title="Facets")] = None
    """
    Present when `facet` is given.
    """


class PersonPartial(BaseModel):
    """
    People the sources name, with the role and organisation the source gives. Only the fields `fields=` names, and `id`.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    url: Annotated[str | None, Field(title="Url")] = None
    """
    Path of this record in the API.
    """
    name: Annotated[str | None, Field(title="Name")] = None
    """
    The record's name, exactly as the source gives it.
    """
    role: Annotated[str | None, Field(title="Role")] = None
    """
    The role the source gives, in its words.
    """
    organisation_id: Annotated[str | None, Field(title="Organisation Id")] = None
    """
    The id of the person's organisation.
    """
    organisation_name: Annotated[str | None, Field(title="Organisation Name")] = None
    citations: Annotated[list[CitationPublic] | None, Field(title="Citations")] = None
    expanded: PersonExpanded | None = None
    """
    Present when `expand` is given.
    """


class PersonPartialPage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[PersonPartial], Field(title="Items")]
    total: Annotated[int, Field(title="Total")]
    """
    Exact number of matching records.
    """
    limit: Annotated[int, Field(title="Limit")]
    next_cursor: Annotated[str | None, Field(title="Next Cursor")]
    """
    Pass as `cursor` for the next page.
    """
    links: PageLinks
    facets: Annotated[dict[str, list[FacetValue]] | None, Field(title="Facets")] = None
    """
    Present when `facet` is given.
    """


class PlacePartial(BaseModel):
    """
    The places the sources name, each within the places the source puts it in. Only the fields `fields=` names, and `id`.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    url: Annotated[str | None, Field(title="Url")] = None
    """
    Path of this record in the API.
    """
    name: Annotated[str | None, Field(title="Name")] = None
    """
    The record's name, exactly as the source gives it.
    """
    kind: Annotated[PlaceKind1 | str | None, Field(title="PlaceKind")] = None
    """
    What sort of place.
    """
    within: Annotated[list[Region1 | str] | None, Field(title="Within")] = None
    """
    The places this one lies directly within, as the source places it; the hierarchy is every place's `within`. A `within` filter matches every place lying within the given one, directly or not (within=sichuan: Chengdu, Guang'an City).
    """
    capital_of: Region1 | str | None = None
    """
    The place whose capital this is.
    """
    citations: Annotated[list[CitationPublic] | None, Field(title="Citations")] = None
    expanded: PlaceExpanded | None = None
    """
    Present when `expand` is given.
    """


class PlacePartialPage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[PlacePartial], Field(title="Items")]
    total: Annotated[int, Field(title="Total")]
    """
    Exact number of matching records.
    """
    limit: Annotated[int, Field(title="Limit")]
    next_cursor: Annotated[str | None, Field(title="Next Cursor")]
    """
    Pass as `cursor` for the next page.
    """
    links: PageLinks
    facets: Annotated[dict[str, list[FacetValue]] | None, Field(title="Facets")] = None
    """
    Present when `facet` is given.
    """


class Problem(BaseModel):
    """
    An error (RFC 9457). `type` names the kind of problem; each is a page this API serves, and /problems lists them.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    type: Type | str
    """
    The kind of problem. Known values: /problems/unknown-parameter, /problems/invalid-value, /problems/ambiguous-value, /problems/invalid-cursor, /problems/stale-cursor, /problems/export-too-large, /problems/not-found, /problems/method-not-allowed, /problems/not-acceptable, /problems/uri-too-long, /problems/headers-too-large, /problems/bad-request, /problems/forbidden, /problems/content-too-large, /problems/unavailable, /problems/internal-error; others may be added, so treat an unknown one as its status.
    """
    title: str
    """
    The kind's title.
    """
    status: int
    """
    The HTTP status.
    """
    detail: str
    """
    What went wrong, for a person.
    """
    errors: list[ProblemError] | None = None
    """
    Each bad parameter and what it takes.
    """


class ProjectPartial(BaseModel):
    """
    Projects, programmes, plans, strategies and joint initiatives. Only the fields `fields=` names, and `id`.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    url: Annotated[str | None, Field(title="Url")] = None
    """
    Path of this record in the API.
    """
    name: Annotated[str | None, Field(title="Name")] = None
    """
    The record's name, exactly as the source gives it.
    """
    description: Annotated[str | None, Field(title="Description")] = None
    """
    A plain sentence, faithful to the cited text.
    """
    status: Status1 | str | None = None
    """
    Where it stands, as the source reports it.
    """
    regions: Annotated[list[Region1 | str] | None, Field(title="Regions")] = None
    """
    The places the record concerns, as stated. A `regions` filter matches a place and every place within it (regions=sichuan matches Chengdu's records too; the hierarchy is /v1/places), and so do facet counts.
    """
    date_start: Annotated[date | None, Field(title="Date Start")] = None
    """
    First day of the dated event, ISO 8601.
    """
    date_end: Annotated[date | None, Field(title="Date End")] = None
    """
    Last day of the dated event (inclusive).
    """
    date_precision: Precision1 | str | None = None
    """
    Precision of the date.
    """
    date_inferred: Annotated[bool | None, Field(title="Date Inferred")] = None
    """
    True when the source does not write the year (or more) and it was inferred.
    """
    date_note: Annotated[str | None, Field(title="Date Note")] = None
    """
    How the date was inferred.
    """
    date_event: Annotated[str | None, Field(title="Date Event")] = None
    """
    What the date marks, e.g. construction_started.
    """
    citations: Annotated[list[CitationPublic] | None, Field(title="Citations")] = None
    kind: Annotated[ProjectKind1 | str | None, Field(title="ProjectKind")] = None
    """
    What sort of undertaking.
    """
    sector: Annotated[Sector1 | str | None, Field(title="Sector")] = None
    """
    The sector it belongs to.
    """
    organisations: Annotated[list[str] | None, Field(title="Organisations")] = None
    """
    Ids of the organisations involved.
    """
    priority: Annotated[bool | None, Field(title="Priority")] = None
    """
    True when the source calls it a priority; null when it does not say.
    """
    expanded: ProjectExpanded | None = None
    """
    Present when `expand` is given.
    """


class ProjectPartialPage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[ProjectPartial], Field(title="Items")]
    total: Annotated[int, Field(title="Total")]
    """
    Exact number of matching records.
    """
    limit: Annotated[int, Field(title="Limit")]
    next_cursor: Annotated[str | None, Field(title="Next Cursor")]
    """
    Pass as `cursor` for the next page.
    """
    links: PageLinks
    facets: Annotated[dict[str, list[FacetValue]] | None, Field(title="Facets")] = None
    """
    Present when `facet` is given.
    """


class QuotePartial(BaseModel):
    """
    Statements attributed to a named person, direct or reported. Only the fields `fields=` names, and `id`.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    url: Annotated[str | None, Field(title="Url")] = None
    """
    Path of this record in the API.
    """
    kind: Annotated[QuoteKind1 | str | None, Field(title="QuoteKind")] = None
    """
    direct: in quotation marks; reported: reported speech.
    """
    text: Annotated[str | None, Field(title="Text")] = None
    """
    The statement exactly as the source words it.
    """
    speaker_id: Annotated[str | None, Field(title="Speaker Id")] = None
    """
    The speaker's id.
    """
    speaker_name: Annotated[str | None, Field(title="Speaker Name")] = None
    """
    The speaker's name, exactly.
    """
    speaker_role: Annotated[str | None, Field(title="Speaker Role")] = None
    organisation_id: Annotated[str | None, Field(title="Organisation Id")] = None
    """
    The speaker's organisation's id.
    """
    organisation_name: Annotated[str | None, Field(title="Organisation Name")] = None
    regions: Annotated[list[Region1 | str] | None, Field(title="Regions")] = None
    """
    The places the record concerns, as stated. A `regions` filter matches a place and every place within it (regions=sichuan matches Chengdu's records too; the hierarchy is /v1/places), and so do facet counts.
    """
    citations: Annotated[list[CitationPublic] | None, Field(title="Citations")] = None
    expanded: QuoteExpanded | None = None
    """
    Present when `expand` is given.
    """


class QuotePartialPage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[QuotePartial], Field(title="Items")]
    total: Annotated[int, Field(title="Total")]
    """
    Exact number of matching records.
    """
    limit: Annotated[int, Field(title="Limit")]
    next_cursor: Annotated[str | None, Field(title="Next Cursor")]
    """
    Pass as `cursor` for the next page.
    """
    links: PageLinks
    facets: Annotated[dict[str, list[FacetValue]] | None, Field(title="Facets")] = None
    """
    Present when `facet` is given.
    """


class AnnotationSpan(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    start: Annotated[int, Field(ge=0, title="Start")]
    """
    Offset of the span's first code point.
    """
    end: Annotated[int, Field(ge=0, title="End")]
    """
    Offset just past its last code point.
    """
    quote: Annotated[str, Field(title="Quote")]
    """
    Exactly `source.text[start:end]`.
    """
    supports: Annotated[list[AnnotationSupport], Field(title="Supports")]
    """
    Every record and field these words are cited for or support.
    """


class EnergyPage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[EnergyPublic], Field(title="Items")]
    total: Annotated[int, Field(title="Total")]
    """
    Exact number of matching records.
    """
    limit: Annotated[int, Field(title="Limit")]
    next_cursor: Annotated[str | None, Field(title="Next Cursor")]
    """
    Pass as `cursor` for the next page.
    """
    links: PageLinks
    facets: Annotated[dict[str, list[FacetValue]] | None, Field(title="Facets")] = None
    """
    Present when `facet` is given.
    """


class FigurePublic(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    subject_resource: Annotated[ResourceName1 | str, Field(title="ResourceName")]
    """
    The resource of the record described.
    """
    subject_id: Annotated[str, Field(title="Subject Id")]
    """
    The id of the record described.
    """
    measure: Annotated[str, Field(title="Measure")]
    """
    What is measured, e.g. investment, travel_time.
    """
    value: Annotated[int | float, Field(title="Value")]
    """
    The number in the base unit given by `unit`.
    """
    unit: Annotated[Unit1 | str, Field(title="Unit")]
    """
    The base unit of `value`.
    """
    as_stated: Annotated[str, Field(title="As Stated")]
    """
    The source's own wording of the number.
    """
    qualifier: Annotated[Qualifier1 | str, Field(title="Qualifier")]
    """
    How exact the source says the number is.
    """
    projected: Annotated[bool, Field(title="Projected")]
    """
    True when the source gives it as expected in future.
    """
    period_start: Annotated[date | None, Field(title="Period Start")]
    """
    First day of the period the figure covers.
    """
    period_end: Annotated[date | None, Field(title="Period End")]
    """
    Last day of the period the figure covers.
    """
    period_precision: Precision1 | str | None
    """
    Precision of the period.
    """
    period_inferred: Annotated[bool | None, Field(title="Period Inferred")]
    period_note: Annotated[str | None, Field(title="Period Note")]
    reported_start: Annotated[date | None, Field(title="Reported Start")]
    """
    First day the figure may have been reported (the source's publication window), apart from the period it is about, as in FRED's vintages.
    """
    reported_end: Annotated[date | None, Field(title="Reported End")]
    """
    Last day the figure may have been reported.
    """
    reported_precision: Precision1 | str | None
    reported_inferred: Annotated[bool | None, Field(title="Reported Inferred")]
    """
    True when the reporting window is inferred (the source gives no date).
    """
    reported_note: Annotated[str | None, Field(title="Reported Note")]
    """
    How the reporting window was inferred.
    """
    period_ended_when_reported: Annotated[bool | None, Field(title="Period Ended When Reported")]
    """
    false: the period was not over when the figure was reported (a figure to date, not a full-period total); true: it was over; null: no period, or unknown.
    """
    links: Annotated[list[LinkPublic], Field(title="Links")]
    """
    The figure's typed links, from this end: `about` its subject (first) and any other record it describes; `part_of` another figure (12 of the 95 suppliers) and `converts` another figure (the same amount in another unit): to sum figures without counting twice, leave out those with either; `said_by` the person it comes from; `related`.
    """
    citations: Annotated[list[CitationPublic], Field(min_length=1, title="Citations")]
    expanded: FigureExpanded | None = None
    """
    Present when `expand` is given.
    """


class IndustryDetail(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    name: Annotated[str, Field(title="Name")]
    """
    The record's name, exactly as the source gives it.
    """
    regions: Annotated[list[Region1 | str], Field(title="Regions")]
    """
    The places the record concerns, as stated. A `regions` filter matches a place and every place within it (regions=sichuan matches Chengdu's records too; the hierarchy is /v1/places), and so do facet counts.
    """
    examples: Annotated[list[str], Field(title="Examples")]
    """
    The industries the source names, in its words.
    """
    developments: Annotated[list[str], Field(title="Developments")]
    """
    What the source says is happening to them.
    """
    citations: Annotated[list[CitationPublic], Field(min_length=1, title="Citations")]
    evidence: Annotated[dict[str, list[EvidencePublic]], Field(title="Evidence")]
    """
    What supports each value: a map from a field name of this record to its supports, each a span of the source text or an inference with its note. Every field with a value is here; a date's or period's support is under each of its `_start`, `_end` and `_precision` fields, a relation's under `related`.
    """
    figures: Annotated[list[FigurePublic], Field(title="Figures")]
    """
    Figures about this record: their subject, or linked to it as `about`.
    """
    related: Annotated[list[RecordRef], Field(title="Related")]
    """
    Every record linked to this one, from either end, once; `relations` gives each link's type and direction.
    """
    relations: Annotated[list[RelationPublic], Field(title="Relations")]
    """
    Every typed link of this record, from this end and from the other.
    """
    expanded: IndustryExpanded | None = None
    """
    Present when `expand` is given.
    """


class IndustryPage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[IndustryPublic], Field(title="Items")]
    total: Annotated[int, Field(title="Total")]
    """
    Exact number of matching records.
    """
    limit: Annotated[int, Field(title="Limit")]
    next_cursor: Annotated[str | None, Field(title="Next Cursor")]
    """
    Pass as `cursor` for the next page.
    """
    links: PageLinks
    facets: Annotated[dict[str, list[FacetValue]] | None, Field(title="Facets")] = None
    """
    Present when `facet` is given.
    """


class InfrastructureDetail(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    name: Annotated[str, Field(title="Name")]
    """
    The record's name, exactly as the source gives it.
    """
    description: Annotated[str, Field(title="Description")]
    """
    A plain sentence, faithful to the cited text.
    """
    status: Status1 | str | None
    """
    Where it stands, as the source reports it.
    """
    regions: Annotated[list[Region1 | str], Field(title="Regions")]
    """
    The places the record concerns, as stated. A `regions` filter matches a place and every place within it (regions=sichuan matches Chengdu's records too; the hierarchy is /v1/places), and so do facet counts.
    """
    date_start: Annotated[date | None, Field(title="Date Start")]
    """
    First day of the dated event, ISO 8601.
    """
    date_end: Annotated[date | None, Field(title="Date End")]
    """
    Last day of the dated event (inclusive).
    """
    date_precision: Precision1 | str | None
    """
    Precision of the date.
    """
    date_inferred: Annotated[bool | None, Field(title="Date Inferred")]
    """
    True when the source does not write the year (or more) and it was inferred.
    """
    date_note: Annotated[str | None, Field(title="Date Note")]
    """
    How the date was inferred.
    """
    date_event: Annotated[str | None, Field(title="Date Event")]
    """
    What the date marks, e.g. construction_started.
    """
    citations: Annotated[list[CitationPublic], Field(min_length=1, title="Citations")]
    mode: Annotated[Mode1 | str, Field(title="Mode")]
    """
    The kind of network or asset.
    """
    evidence: Annotated[dict[str, list[EvidencePublic]], Field(title="Evidence")]
    """
    What supports each value: a map from a field name of this record to its supports, each a span of the source text or an inference with its note. Every field with a value is here; a date's or period's support is under each of its `_start`, `_end` and `_precision` fields, a relation's under `related`.
    """
    figures: Annotated[list[FigurePublic], Field(title="Figures")]
    """
    Figures about this record: their subject, or linked to it as `about`.
    """
    related: Annotated[list[RecordRef], Field(title="Related")]
    """
    Every record linked to this one, from either end, once; `relations` gives each link's type and direction.
    """
    relations: Annotated[list[RelationPublic], Field(title="Relations")]
    """
    Every typed link of this record, from this end and from the other.
    """
    expanded: InfrastructureExpanded | None = None
    """
    Present when `expand` is given.
    """


class InfrastructurePage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[InfrastructurePublic], Field(title="Items")]
    total: Annotated[int, Field(title="Total")]
    """
    Exact number of matching records.
    """
    limit: Annotated[int, Field(title="Limit")]
    next_cursor: Annotated[str | None, Field(title="Next Cursor")]
    """
    Pass as `cursor` for the next page.
    """
    links: PageLinks
    facets: Annotated[dict[str, list[FacetValue]] | None, Field(title="Facets")] = None
    """
    Present when `facet` is given.
    """


class OrganisationDetail(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    name: Annotated[str, Field(title="Name")]
    """
    The record's name, exactly as the source gives it.
    """
    regions: Annotated[list[Region1 | str], Field(title="Regions")]
    """
    The places the record concerns, as stated. A `regions` filter matches a place and every place within it (regions=sichuan matches Chengdu's records too; the hierarchy is /v1/places), and so do facet counts.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    kind: Annotated[OrganisationKind1 | str, Field(title="OrganisationKind")]
    """
    What sort of organisation.
    """
    aims: Annotated[list[str], Field(title="Aims")]
    """
    What it is for, each in the source's words.
    """
    citations: Annotated[list[CitationPublic], Field(min_length=1, title="Citations")]
    evidence: Annotated[dict[str, list[EvidencePublic]], Field(title="Evidence")]
    """
    What supports each value: a map from a field name of this record to its supports, each a span of the source text or an inference with its note. Every field with a value is here; a date's or period's support is under each of its `_start`, `_end` and `_precision` fields, a relation's under `related`.
    """
    figures: Annotated[list[FigurePublic], Field(title="Figures")]
    """
    Figures about this record: their subject, or linked to it as `about`.
    """
    related: Annotated[list[RecordRef], Field(title="Related")]
    """
    Every record linked to this one, from either end, once; `relations` gives each link's type and direction.
    """
    relations: Annotated[list[RelationPublic], Field(title="Relations")]
    """
    Every typed link of this record, from this end and from the other.
    """
    people: Annotated[list[RecordRef], Field(title="People")]
    """
    The people the source places in it.
    """
    expanded: OrganisationExpanded | None = None
    """
    Present when `expand` is given.
    """


class OrganisationPage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[OrganisationPublic], Field(title="Items")]
    total: Annotated[int, Field(title="Total")]
    """
    Exact number of matching records.
    """
    limit: Annotated[int, Field(title="Limit")]
    next_cursor: Annotated[str | None, Field(title="Next Cursor")]
    """
    Pass as `cursor` for the next page.
    """
    links: PageLinks
    facets: Annotated[dict[str, list[FacetValue]] | None, Field(title="Facets")] = None
    """
    Present when `facet` is given.
    """


class PersonDetail(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    name: Annotated[str, Field(title="Name")]
    """
    The record's name, exactly as the source gives it.
    """
    role: Annotated[str, Field(title="Role")]
    """
    The role the source gives, in its words.
    """
    organisation_id: Annotated[str, Field(title="Organisation Id")]
    """
    The id of the person's organisation.
    """
    organisation_name: Annotated[str, Field(title="Organisation Name")]
    citations: Annotated[list[CitationPublic], Field(min_length=1, title="Citations")]
    evidence: Annotated[dict[str, list[EvidencePublic]], Field(title="Evidence")]
    """
    What supports each value: a map from a field name of this record to its supports, each a span of the source text or an inference with its note. Every field with a value is here; a date's or period's support is under each of its `_start`, `_end` and `_precision` fields, a relation's under `related`.
    """
    figures: Annotated[list[FigurePublic], Field(title="Figures")]
    """
    Figures about this record: their subject, or linked to it as `about`.
    """
    related: Annotated[list[RecordRef], Field(title="Related")]
    """
    Every record linked to this one, from either end, once; `relations` gives each link's type and direction.
    """
    relations: Annotated[list[RelationPublic], Field(title="Relations")]
    """
    Every typed link of this record, from this end and from the other.
    """
    organisation: OrganisationPublic
    expanded: PersonExpanded | None = None
    """
    Present when `expand` is given.
    """


class PersonPage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[PersonPublic], Field(title="Items")]
    total: Annotated[int, Field(title="Total")]
    """
    Exact number of matching records.
    """
    limit: Annotated[int, Field(title="Limit")]
    next_cursor: Annotated[str | None, Field(title="Next Cursor")]
    """
    Pass as `cursor` for the next page.
    """
    links: PageLinks
    facets: Annotated[dict[str, list[FacetValue]] | None, Field(title="Facets")] = None
    """
    Present when `facet` is given.
    """


class PlaceDetail(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    name: Annotated[str, Field(title="Name")]
    """
    The record's name, exactly as the source gives it.
    """
    kind: Annotated[PlaceKind1 | str, Field(title="PlaceKind")]
    """
    What sort of place.
    """
    within: Annotated[list[Region1 | str], Field(title="Within")]
    """
    The places this one lies directly within, as the source places it; the hierarchy is every place's `within`. A `within` filter matches every place lying within the given one, directly or not (within=sichuan: Chengdu, Guang'an City).
    """
    capital_of: Region1 | str | None
    """
    The place whose capital this is.
    """
    citations: Annotated[list[CitationPublic], Field(min_length=1, title="Citations")]
    evidence: Annotated[dict[str, list[EvidencePublic]], Field(title="Evidence")]
    """
    What supports each value: a map from a field name of this record to its supports, each a span of the source text or an inference with its note. Every field with a value is here; a date's or period's support is under each of its `_start`, `_end` and `_precision` fields, a relation's under `related`.
    """
    figures: Annotated[list[FigurePublic], Field(title="Figures")]
    """
    Figures about this record: their subject, or linked to it as `about`.
    """
    related: Annotated[list[RecordRef], Field(title="Related")]
    """
    Every record linked to this one, from either end, once; `relations` gives each link's type and direction.
    """
    relations: Annotated[list[RelationPublic], Field(title="Relations")]
    """
    Every typed link of this record, from this end and from the other.
    """
    expanded: PlaceExpanded | None = None
    """
    Present when `expand` is given.
    """


class PlacePage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[PlacePublic], Field(title="Items")]
    total: Annotated[int, Field(title="Total")]
    """
    Exact number of matching records.
    """
    limit: Annotated[int, Field(title="Limit")]
    next_cursor: Annotated[str | None, Field(title="Next Cursor")]
    """
    Pass as `cursor` for the next page.
    """
    links: PageLinks
    facets: Annotated[dict[str, list[FacetValue]] | None, Field(title="Facets")] = None
    """
    Present when `facet` is given.
    """


class ProjectDetail(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    name: Annotated[str, Field(title="Name")]
    """
    The record's name, exactly as the source gives it.
    """
    description: Annotated[str, Field(title="Description")]
    """
    A plain sentence, faithful to the cited text.
    """
    status: Status1 | str | None
    """
    Where it stands, as the source reports it.
    """
    regions: Annotated[list[Region1 | str], Field(title="Regions")]
    """
    The places the record concerns, as stated. A `regions` filter matches a place and every place within it (regions=sichuan matches Chengdu's records too; the hierarchy is /v1/places), and so do facet counts.
    """
    date_start: Annotated[date | None, Field(title="Date Start")]
    """
    First day of the dated event, ISO 8601.
    """
    date_end: Annotated[date | None, Field(title="Date End")]
    """
    Last day of the dated event (inclusive).
    """
    date_precision: Precision1 | str | None
    """
    Precision of the date.
    """
    date_inferred: Annotated[bool | None, Field(title="Date Inferred")]
    """
    True when the source does not write the year (or more) and it was inferred.
    """
    date_note: Annotated[str | None, Field(title="Date Note")]
    """
    How the date was inferred.
    """
    date_event: Annotated[str | None, Field(title="Date Event")]
    """
    What the date marks, e.g. construction_started.
    """
    citations: Annotated[list[CitationPublic], Field(min_length=1, title="Citations")]
    kind: Annotated[ProjectKind1 | str, Field(title="ProjectKind")]
    """
    What sort of undertaking.
    """
    sector: Annotated[Sector1 | str, Field(title="Sector")]
    """
    The sector it belongs to.
    """
    organisations: Annotated[list[str], Field(title="Organisations")]
    """
    Ids of the organisations involved.
    """
    priority: Annotated[bool | None, Field(title="Priority")]
    """
    True when the source calls it a priority; null when it does not say.
    """
    evidence: Annotated[dict[str, list[EvidencePublic]], Field(title="Evidence")]
    """
    What supports each value: a map from a field name of this record to its supports, each a span of the source text or an inference with its note. Every field with a value is here; a date's or period's support is under each of its `_start`, `_end` and `_precision` fields, a relation's under `related`.
    """
    figures: Annotated[list[FigurePublic], Field(title="Figures")]
    """
    Figures about this record: their subject, or linked to it as `about`.
    """
    related: Annotated[list[RecordRef], Field(title="Related")]
    """
    Every record linked to this one, from either end, once; `relations` gives each link's type and direction.
    """
    relations: Annotated[list[RelationPublic], Field(title="Relations")]
    """
    Every typed link of this record, from this end and from the other.
    """
    expanded: ProjectExpanded | None = None
    """
    Present when `expand` is given.
    """


class ProjectPage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[ProjectPublic], Field(title="Items")]
    total: Annotated[int, Field(title="Total")]
    """
    Exact number of matching records.
    """
    limit: Annotated[int, Field(title="Limit")]
    next_cursor: Annotated[str | None, Field(title="Next Cursor")]
    """
    Pass as `cursor` for the next page.
    """
    links: PageLinks
    facets: Annotated[dict[str, list[FacetValue]] | None, Field(title="Facets")] = None
    """
    Present when `facet` is given.
    """


class QuoteDetail(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    kind: Annotated[QuoteKind1 | str, Field(title="QuoteKind")]
    """
    direct: in quotation marks; reported: reported speech.
    """
    text: Annotated[str, Field(title="Text")]
    """
    The statement exactly as the source words it.
    """
    speaker_id: Annotated[str, Field(title="Speaker Id")]
    """
    The speaker's id.
    """
    speaker_name: Annotated[str, Field(title="Speaker Name")]
    """
    The speaker's name, exactly.
    """
    speaker_role: Annotated[str, Field(title="Speaker Role")]
    organisation_id: Annotated[str, Field(title="Organisation Id")]
    """
    The speaker's organisation's id.
    """
    organisation_name: Annotated[str, Field(title="Organisation Name")]
    regions: Annotated[list[Region1 | str], Field(title="Regions")]
    """
    The places the record concerns, as stated. A `regions` filter matches a place and every place within it (regions=sichuan matches Chengdu's records too; the hierarchy is /v1/places), and so do facet counts.
    """
    citations: Annotated[list[CitationPublic], Field(min_length=1, title="Citations")]
    evidence: Annotated[dict[str, list[EvidencePublic]], Field(title="Evidence")]
    """
    What supports each value: a map from a field name of this record to its supports, each a span of the source text or an inference with its note. Every field with a value is here; a date's or period's support is under each of its `_start`, `_end` and `_precision` fields, a relation's under `related`.
    """
    figures: Annotated[list[FigurePublic], Field(title="Figures")]
    """
    Figures about this record: their subject, or linked to it as `about`.
    """
    related: Annotated[list[RecordRef], Field(title="Related")]
    """
    Every record linked to this one, from either end, once; `relations` gives each link's type and direction.
    """
    relations: Annotated[list[RelationPublic], Field(title="Relations")]
    """
    Every typed link of this record, from this end and from the other.
    """
    speaker: SpeakerPublic
    expanded: QuoteExpanded | None = None
    """
    Present when `expand` is given.
    """


class QuotePage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[QuotePublic], Field(title="Items")]
    total: Annotated[int, Field(title="Total")]
    """
    Exact number of matching records.
    """
    limit: Annotated[int, Field(title="Limit")]
    next_cursor: Annotated[str | None, Field(title="Next Cursor")]
    """
    Pass as `cursor` for the next page.
    """
    links: PageLinks
    facets: Annotated[dict[str, list[FacetValue]] | None, Field(title="Facets")] = None
    """
    Present when `facet` is given.
    """


class SourceAnnotations(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    source_id: Annotated[str, Field(title="Source Id")]
    url: Annotated[str, Field(title="Url")]
    """
    Path of the source in this API.
    """
    page_url: Annotated[str, Field(title="Page Url")]
    spans: Annotated[list[AnnotationSpan], Field(title="Spans")]
    """
    Every cited span, in text order.
    """


class EnergyDetail(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    name: Annotated[str, Field(title="Name")]
    """
    The record's name, exactly as the source gives it.
    """
    description: Annotated[str, Field(title="Description")]
    """
    A plain sentence, faithful to the cited text.
    """
    status: Status1 | str | None
    """
    Where it stands, as the source reports it.
    """
    regions: Annotated[list[Region1 | str], Field(title="Regions")]
    """
    The places the record concerns, as stated. A `regions` filter matches a place and every place within it (regions=sichuan matches Chengdu's records too; the hierarchy is /v1/places), and so do facet counts.
    """
    date_start: Annotated[date | None, Field(title="Date Start")]
    """
    First day of the dated event, ISO 8601.
    """
    date_end: Annotated[date | None, Field(title="Date End")]
    """
    Last day of the dated event (inclusive).
    """
    date_precision: Precision1 | str | None
    """
    Precision of the date.
    """
    date_inferred: Annotated[bool | None, Field(title="Date Inferred")]
    """
    True when the source does not write the year (or more) and it was inferred.
    """
    date_note: Annotated[str | None, Field(title="Date Note")]
    """
    How the date was inferred.
    """
    date_event: Annotated[str | None, Field(title="Date Event")]
    """
    What the date marks, e.g. construction_started.
    """
    citations: Annotated[list[CitationPublic], Field(min_length=1, title="Citations")]
    kind: Annotated[EnergyKind1 | str, Field(title="EnergyKind")]
    """
    An asset or a measurement.
    """
    carrier: Annotated[Carrier1 | str, Field(title="Carrier")]
    """
    The form of energy.
    """
    evidence: Annotated[dict[str, list[EvidencePublic]], Field(title="Evidence")]
    """
    What supports each value: a map from a field name of this record to its supports, each a span of the source text or an inference with its note. Every field with a value is here; a date's or period's support is under each of its `_start`, `_end` and `_precision` fields, a relation's under `related`.
    """
    figures: Annotated[list[FigurePublic], Field(title="Figures")]
    """
    Figures about this record: their subject, or linked to it as `about`.
    """
    related: Annotated[list[RecordRef], Field(title="Related")]
    """
    Every record linked to this one, from either end, once; `relations` gives each link's type and direction.
    """
    relations: Annotated[list[RelationPublic], Field(title="Relations")]
    """
    Every typed link of this record, from this end and from the other.
    """
    expanded: EnergyExpanded | None = None
    """
    Present when `expand` is given.
    """


class FigureDetail(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(title="Id")]
    """
    Stable slug; unchanged by re-seeding.
    """
    url: Annotated[str, Field(title="Url")]
    """
    Path of this record in the API.
    """
    subject_resource: Annotated[ResourceName1 | str, Field(title="ResourceName")]
    """
    The resource of the record described.
    """
    subject_id: Annotated[str, Field(title="Subject Id")]
    """
    The id of the record described.
    """
    measure: Annotated[str, Field(title="Measure")]
    """
    What is measured, e.g. investment, travel_time.
    """
    value: Annotated[int | float, Field(title="Value")]
    """
    The number in the base unit given by `unit`.
    """
    unit: Annotated[Unit1 | str, Field(title="Unit")]
    """
    The base unit of `value`.
    """
    as_stated: Annotated[str, Field(title="As Stated")]
    """
    The source's own wording of the number.
    """
    qualifier: Annotated[Qualifier1 | str, Field(title="Qualifier")]
    """
    How exact the source says the number is.
    """
    projected: Annotated[bool, Field(title="Projected")]
    """
    True when the source gives it as expected in future.
    """
    period_start: Annotated[date | None, Field(title="Period Start")]
    """
    First day of the period the figure covers.
    """
    period_end: Annotated[date | None, Field(title="Period End")]
    """
    Last day of the period the figure covers.
    """
    period_precision: Precision1 | str | None
    """
    Precision of the period.
    """
    period_inferred: Annotated[bool | None, Field(title="Period Inferred")]
    period_note: Annotated[str | None, Field(title="Period Note")]
    reported_start: Annotated[date | None, Field(title="Reported Start")]
    """
    First day the figure may have been reported (the source's publication window), apart from the period it is about, as in FRED's vintages.
    """
    reported_end: Annotated[date | None, Field(title="Reported End")]
    """
    Last day the figure may have been reported.
    """
    reported_precision: Precision1 | str | None
    reported_inferred: Annotated[bool | None, Field(title="Reported Inferred")]
    """
    True when the reporting window is inferred (the source gives no date).
    """
    reported_note: Annotated[str | None, Field(title="Reported Note")]
    """
    How the reporting window was inferred.
    """
    period_ended_when_reported: Annotated[bool | None, Field(title="Period Ended When Reported")]
    """
    false: the period was not over when the figure was reported (a figure to date, not a full-period total); true: it was over; null: no period, or unknown.
    """
    links: Annotated[list[LinkPublic], Field(title="Links")]
    """
    The figure's typed links, from this end: `about` its subject (first) and any other record it describes; `part_of` another figure (12 of the 95 suppliers) and `converts` another figure (the same amount in another unit): to sum figures without counting twice, leave out those with either; `said_by` the person it comes from; `related`.
    """
    citations: Annotated[list[CitationPublic], Field(min_length=1, title="Citations")]
    evidence: Annotated[dict[str, list[EvidencePublic]], Field(title="Evidence")]
    """
    What supports each value: a map from a field name of this record to its supports, each a span of the source text or an inference with its note. Every field with a value is here; a date's or period's support is under each of its `_start`, `_end` and `_precision` fields, a relation's under `related`.
    """
    figures: Annotated[list[FigurePublic], Field(title="Figures")]
    """
    Figures about this record: their subject, or linked to it as `about`.
    """
    related: Annotated[list[RecordRef], Field(title="Related")]
    """
    Every record linked to this one, from either end, once; `relations` gives each link's type and direction.
    """
    relations: Annotated[list[RelationPublic], Field(title="Relations")]
    """
    Every typed link of this record, from this end and from the other.
    """
    subject: RecordRef
    expanded: FigureExpanded | None = None
    """
    Present when `expand` is given.
    """


class FigurePage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[FigurePublic], Field(title="Items")]
    total: Annotated[int, Field(title="Total")]
    """
    Exact number of matching records.
    """
    limit: Annotated[int, Field(title="Limit")]
    next_cursor: Annotated[str | None, Field(title="Next Cursor")]
    """
    Pass as `cursor` for the next page.
    """
    links: PageLinks
    facets: Annotated[dict[str, list[FacetValue]] | None, Field(title="Facets")] = None
    """
    Present when `facet` is given.
    """
