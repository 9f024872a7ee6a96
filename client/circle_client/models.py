"""The API's answers as pydantic models.

Generated from the API's OpenAPI document by client/generate_models.py: do not edit;
`make client-models` writes it again, and a test fails when it differs from the document.

Vocabulary fields are typed `str`: the API may add values (its stability promise), and
the enums here list the values known when this file was made. Every model keeps fields
it does not know (`model_extra`) instead of refusing the answer.
"""

import datetime as _datetime
import enum as _enum
import typing as _typing

import pydantic as _pydantic

from circle_client.resource import Resource


class ApiModel(_pydantic.BaseModel):
    """What every model shares: unknown fields are kept, descriptions come from the
    attribute docstrings below."""

    model_config = _pydantic.ConfigDict(
        extra="allow",
        populate_by_name=True,
        protected_namespaces=(),
        use_attribute_docstrings=True,
    )


class Carrier(_enum.StrEnum):
    """One of the Carrier vocabulary. Known values: natural_gas, electricity; others may be
    added, so treat an unknown one as opaque text. Fields hold plain strings: others may be
    added."""

    natural_gas = "natural_gas"
    electricity = "electricity"


class EnergyKind(_enum.StrEnum):
    """One of the EnergyKind vocabulary. Known values: asset, measurement; others may be added,
    so treat an unknown one as opaque text. Fields hold plain strings: others may be added."""

    asset = "asset"
    measurement = "measurement"


class Mode(_enum.StrEnum):
    """One of the Mode vocabulary. Known values: rail, road, air, waterway, power_transmission,
    gas_pipeline, gas_production; others may be added, so treat an unknown one as opaque text.
    Fields hold plain strings: others may be added."""

    rail = "rail"
    road = "road"
    air = "air"
    waterway = "waterway"
    power_transmission = "power_transmission"
    gas_pipeline = "gas_pipeline"
    gas_production = "gas_production"


class OrganisationKind(_enum.StrEnum):
    """One of the OrganisationKind vocabulary. Known values: government_body, company,
    political_party, party_congress, joint_office; others may be added, so treat an unknown
    one as opaque text. Fields hold plain strings: others may be added."""

    government_body = "government_body"
    company = "company"
    political_party = "political_party"
    party_congress = "party_congress"
    joint_office = "joint_office"


class PlaceKind(_enum.StrEnum):
    """One of the PlaceKind vocabulary. Known values: country, region, province, municipality,
    city; others may be added, so treat an unknown one as opaque text. Fields hold plain
    strings: others may be added."""

    country = "country"
    region = "region"
    province = "province"
    municipality = "municipality"
    city = "city"


class Precision(_enum.StrEnum):
    """One of the Precision vocabulary. Known values: day, month, half_year, year, period; others
    may be added, so treat an unknown one as opaque text. Fields hold plain strings: others
    may be added."""

    day = "day"
    month = "month"
    half_year = "half_year"
    year = "year"
    period = "period"


class ProjectKind(_enum.StrEnum):
    """One of the ProjectKind vocabulary. Known values: project, programme, plan, strategy,
    joint_initiative; others may be added, so treat an unknown one as opaque text. Fields hold
    plain strings: others may be added."""

    project = "project"
    programme = "programme"
    plan = "plan"
    strategy = "strategy"
    joint_initiative = "joint_initiative"


class Qualifier(_enum.StrEnum):
    """One of the Qualifier vocabulary. Known values: exact, about, more_than, at_least,
    less_than, up_to; others may be added, so treat an unknown one as opaque text. Fields hold
    plain strings: others may be added."""

    exact = "exact"
    about = "about"
    more_than = "more_than"
    at_least = "at_least"
    less_than = "less_than"
    up_to = "up_to"


class QuoteKind(_enum.StrEnum):
    """One of the QuoteKind vocabulary. Known values: direct, reported; others may be added, so
    treat an unknown one as opaque text. Fields hold plain strings: others may be added."""

    direct = "direct"
    reported = "reported"


class Region(_enum.StrEnum):
    """The places records can concern: each is a record of /v1/places, where the hierarchy (which
    place lies within which) is data. Known values: sichuan, chongqing, chengdu, guang-an,
    china, southwest-china, western-inland-area; others may be added, so treat an unknown one
    as opaque text. Fields hold plain strings: others may be added."""

    sichuan = "sichuan"
    chongqing = "chongqing"
    chengdu = "chengdu"
    guang_an = "guang-an"
    china = "china"
    southwest_china = "southwest-china"
    western_inland_area = "western-inland-area"


class RelationType(_enum.StrEnum):
    """What a link between two records says; every link is served from both ends. Known values:
    part_of, about, located_in, said_by, works_for, converts, builds, related; others may be
    added, so treat an unknown one as opaque text. Fields hold plain strings: others may be
    added."""

    part_of = "part_of"
    about = "about"
    located_in = "located_in"
    said_by = "said_by"
    works_for = "works_for"
    converts = "converts"
    builds = "builds"
    related = "related"


class ResourceName(_enum.StrEnum):
    """One of the ResourceName vocabulary. Known values: sources, projects, infrastructure,
    energy, quotes, figures, people, organisations, places, industries; others may be added,
    so treat an unknown one as opaque text. Fields hold plain strings: others may be added."""

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


class Sector(_enum.StrEnum):
    """One of the Sector vocabulary. Known values: transport, energy, industry,
    science_and_innovation, urban_planning, regional_development, trade_and_investment; others
    may be added, so treat an unknown one as opaque text. Fields hold plain strings: others
    may be added."""

    transport = "transport"
    energy = "energy"
    industry = "industry"
    science_and_innovation = "science_and_innovation"
    urban_planning = "urban_planning"
    regional_development = "regional_development"
    trade_and_investment = "trade_and_investment"


class Status(_enum.StrEnum):
    """One of the Status vocabulary. Known values: planned, under_construction, in_progress,
    emerging, operational, released, established; others may be added, so treat an unknown one
    as opaque text. Fields hold plain strings: others may be added."""

    planned = "planned"
    under_construction = "under_construction"
    in_progress = "in_progress"
    emerging = "emerging"
    operational = "operational"
    released = "released"
    established = "established"


class Unit(_enum.StrEnum):
    """One of the Unit vocabulary. Known values: CNY, USD, m3, kV, min, count; others may be
    added, so treat an unknown one as opaque text. Fields hold plain strings: others may be
    added."""

    CNY = "CNY"
    USD = "USD"
    m3 = "m3"
    kV = "kV"
    min = "min"
    count_ = "count"


class AnnotationSupport(ApiModel):
    resource: str
    """Known values: `ResourceName` (sources, projects, infrastructure, energy, quotes, figures,
    people, organisations, places, industries); others may be added."""
    id: str
    name: str
    url: str
    """Path of the record in this API."""
    field: str
    """The field the span supports; `citations` for a record's citation."""
    value: str | None
    """Of a field of several values, the value supported."""


class AnnotationSpan(ApiModel):
    start: int
    """Offset of the span's first code point."""
    end: int
    """Offset just past its last code point."""
    quote: str
    """Exactly `source.text[start:end]`."""
    supports: list[AnnotationSupport]
    """Every record and field these words are cited for or support."""


class CitationPublic(ApiModel):
    source_id: str
    """The `id` of the source the quote comes from."""
    quote: str
    """Exactly `source.text[start:end]`, in Unicode code points."""
    start: int
    """Offset of the first code point of the quote."""
    end: int
    """Offset just past the last code point of the quote."""


class CollectionInfo(ApiModel):
    name: str
    """Known values: `ResourceName` (sources, projects, infrastructure, energy, quotes, figures,
    people, organisations, places, industries); others may be added."""
    count: int
    url: str


class CollectionSourceRef(ApiModel):
    id: str
    title: str
    url: str
    annotations_url: str
    """Every cited span, with what it supports."""
    page_url: str
    """The text as an HTML page, its cited spans highlighted and linked to the records they
    support, each record linked back to its words (works offline)."""


class EmbeddedRecord(ApiModel):
    """A record of any collection, as that collection lists it (with every field it lists there);
    the field beside the id names the collection."""

    id: str
    """The record's id."""
    url: str
    """Path of the record in this API."""


class PlaceEmbedded(ApiModel):
    id: str
    """Stable slug; unchanged by re-seeding."""
    url: str
    """Path of this record in the API."""
    name: str
    kind: str
    """Known values: `PlaceKind` (country, region, province, municipality, city); others may be
    added."""
    within: list[str]
    """The places this one lies directly within, as the source places it; the hierarchy is every
    place's `within`. A `within` filter matches every place lying within the given one,
    directly or not. Known values: `Region` (sichuan, chongqing, chengdu, guang-an, china,
    southwest-china, western-inland-area); others may be added."""
    capital_of: str | None
    """The place whose capital this is. Known values: `Region` (sichuan, chongqing, chengdu,
    guang-an, china, southwest-china, western-inland-area); others may be added."""
    citations: list[CitationPublic]


class EnergyExpanded(ApiModel):
    """The records `expand=` names, as their collections list them: null or absent from a list
    when there is none."""

    regions: list[PlaceEmbedded] | None = None


class EvidencePublic(ApiModel):
    """One support of a field's value: a span of a source, or an inference."""

    inferred: bool
    """True: the value is the curator's reading, not stated by the source; `note` says why.
    False: `quote` is the source's words that state it."""
    note: str | None
    """Why the value was inferred (inferred only)."""
    source_id: str | None
    """The source of the quote (null when inferred)."""
    quote: str | None
    """Exactly `source.text[start:end]` (null when inferred)."""
    start: int | None
    """Offset of the quote's first code point."""
    end: int | None
    """Offset just past the quote's last code point."""
    value: str | None = None
    """For a field of several values (regions, within, organisations, related), the one value
    this supports (a link's as `resource/id`); null for other fields."""


class FigureExpanded(ApiModel):
    """The records `expand=` names, as their collections list them: null or absent from a list
    when there is none."""

    subject: EmbeddedRecord | None = None


class LinkPublic(ApiModel):
    type: str
    """Known values: `RelationType` (part_of, about, located_in, said_by, works_for, converts,
    builds, related); others may be added."""
    resource: str
    """Known values: `ResourceName` (sources, projects, infrastructure, energy, quotes, figures,
    people, organisations, places, industries); others may be added."""
    id: str


class FigurePublic(ApiModel):
    id: str
    """Stable slug; unchanged by re-seeding."""
    url: str
    """Path of this record in the API."""
    subject_resource: str
    """Known values: `ResourceName` (sources, projects, infrastructure, energy, quotes, figures,
    people, organisations, places, industries); others may be added."""
    subject_id: str
    measure: str
    """What is measured, e.g. investment, travel_time."""
    value: int | float
    """The number in the base unit given by `unit`."""
    unit: str
    """Known values: `Unit` (CNY, USD, m3, kV, min, count); others may be added."""
    as_stated: str
    """The source's own wording of the number."""
    qualifier: str
    """Known values: `Qualifier` (exact, about, more_than, at_least, less_than, up_to); others
    may be added."""
    projected: bool
    """True when the source gives it as expected in future."""
    period_start: _datetime.date | None
    period_end: _datetime.date | None
    period_precision: str | None
    """Known values: `Precision` (day, month, half_year, year, period); others may be added."""
    period_inferred: bool | None
    period_note: str | None
    reported_start: _datetime.date | None
    """First day the figure may have been reported (the source's publication window), apart from
    the period it is about, as in FRED's vintages."""
    reported_end: _datetime.date | None
    """Last day the figure may have been reported."""
    reported_precision: str | None
    """Known values: `Precision` (day, month, half_year, year, period); others may be added."""
    reported_inferred: bool | None
    """True when the reporting window is inferred (the source gives no date)."""
    reported_note: str | None
    """How the reporting window was inferred."""
    period_ended_when_reported: bool | None
    """false: the period was not over when the figure was reported (a figure to date, not a
    full-period total); true: it was over; null: no period, or unknown."""
    links: list[LinkPublic]
    """The figure's typed links, from this end: `about` its subject (first) and any other record
    it describes; `part_of` another figure (12 of the 95 suppliers) and `converts` another
    figure (the same amount in another unit): to sum figures without counting twice, leave out
    those with either; `said_by` the person it comes from; `related`."""
    citations: list[CitationPublic]
    expanded: FigureExpanded | None = None
    """Present when `expand` is given."""


class RecordRef(ApiModel):
    resource: str
    """Known values: `ResourceName` (sources, projects, infrastructure, energy, quotes, figures,
    people, organisations, places, industries); others may be added."""
    id: str
    name: str
    url: str
    """Path of the record in this API."""


class RelationPublic(ApiModel):
    type: str
    """What the link says: part_of, about, located_in, said_by, works_for, converts, builds or
    related. Known values: `RelationType` (part_of, about, located_in, said_by, works_for,
    converts, builds, related); others may be added."""
    direction: str
    """outgoing: this record is `type` the other (this figure is part_of that one); incoming: the
    other record is `type` this one. Known values: outgoing, incoming; others may be added."""
    resource: str
    """Known values: `ResourceName` (sources, projects, infrastructure, energy, quotes, figures,
    people, organisations, places, industries); others may be added."""
    id: str
    name: str
    url: str
    """Path of the other record in this API."""


class EnergyDetail(ApiModel):
    id: str
    """Stable slug; unchanged by re-seeding."""
    url: str
    """Path of this record in the API."""
    name: str
    description: str
    """A plain sentence, faithful to the cited text."""
    status: str | None
    """Where it stands, as the source reports it. Known values: `Status` (planned,
    under_construction, in_progress, emerging, operational, released, established); others may
    be added."""
    regions: list[str]
    """The places the record concerns, as stated. A `regions` filter also matches every place
    within a given one (see /v1/places). Known values: `Region` (sichuan, chongqing, chengdu,
    guang-an, china, southwest-china, western-inland-area); others may be added."""
    date_start: _datetime.date | None
    """First day of the dated event, ISO 8601."""
    date_end: _datetime.date | None
    """Last day of the dated event (inclusive)."""
    date_precision: str | None
    """Known values: `Precision` (day, month, half_year, year, period); others may be added."""
    date_inferred: bool | None
    """True when the source does not write the year (or more) and it was inferred."""
    date_note: str | None
    """How the date was inferred."""
    date_event: str | None
    """What the date marks, e.g. construction_started."""
    citations: list[CitationPublic]
    kind: str
    """Known values: `EnergyKind` (asset, measurement); others may be added."""
    carrier: str
    """Known values: `Carrier` (natural_gas, electricity); others may be added."""
    evidence: dict[str, list[EvidencePublic]]
    """What supports each value: a map from a field name of this record to its supports, each a
    span of the source text or an inference with its note. Every field with a value is here; a
    date's or period's support is under each of its `_start`, `_end` and `_precision` fields,
    a relation's under `related`."""
    figures: list[FigurePublic]
    """Figures about this record: their subject, or linked to it as `about`."""
    related: list[RecordRef]
    """Every record linked to this one, from either end, once; `relations` gives each link's type
    and direction."""
    relations: list[RelationPublic]
    """Every typed link of this record, from this end and from the other."""
    expanded: EnergyExpanded | None = None
    """Present when `expand` is given."""


class EnergyPublic(ApiModel):
    id: str
    """Stable slug; unchanged by re-seeding."""
    url: str
    """Path of this record in the API."""
    name: str
    description: str
    """A plain sentence, faithful to the cited text."""
    status: str | None
    """Where it stands, as the source reports it. Known values: `Status` (planned,
    under_construction, in_progress, emerging, operational, released, established); others may
    be added."""
    regions: list[str]
    """The places the record concerns, as stated. A `regions` filter also matches every place
    within a given one (see /v1/places). Known values: `Region` (sichuan, chongqing, chengdu,
    guang-an, china, southwest-china, western-inland-area); others may be added."""
    date_start: _datetime.date | None
    """First day of the dated event, ISO 8601."""
    date_end: _datetime.date | None
    """Last day of the dated event (inclusive)."""
    date_precision: str | None
    """Known values: `Precision` (day, month, half_year, year, period); others may be added."""
    date_inferred: bool | None
    """True when the source does not write the year (or more) and it was inferred."""
    date_note: str | None
    """How the date was inferred."""
    date_event: str | None
    """What the date marks, e.g. construction_started."""
    citations: list[CitationPublic]
    kind: str
    """Known values: `EnergyKind` (asset, measurement); others may be added."""
    carrier: str
    """Known values: `Carrier` (natural_gas, electricity); others may be added."""
    expanded: EnergyExpanded | None = None
    """Present when `expand` is given."""


class FacetValue(ApiModel):
    value: _typing.Any
    """A value of the field (null for records without one)."""
    count: int


class PageLinks(ApiModel):
    self: str
    next: str | None


class EnergyPage(ApiModel):
    items: list[EnergyPublic]
    total: int
    """Exact number of matching records."""
    limit: int
    next_cursor: str | None
    """Pass as `cursor` for the next page."""
    links: PageLinks
    facets: dict[str, list[FacetValue]] | None = None
    """Present when `facet` is given."""


class EnergyPartial(ApiModel):
    """Energy assets and energy measurements; a measurement's numbers are its figures. Only the
    fields `fields=` names, and `id`."""

    id: str
    url: str | None = None
    """Path of this record in the API."""
    name: str | None = None
    description: str | None = None
    """A plain sentence, faithful to the cited text."""
    status: str | None = None
    """Where it stands, as the source reports it. Known values: `Status` (planned,
    under_construction, in_progress, emerging, operational, released, established); others may
    be added."""
    regions: list[str] | None = None
    """The places the record concerns, as stated. A `regions` filter also matches every place
    within a given one (see /v1/places). Known values: `Region` (sichuan, chongqing, chengdu,
    guang-an, china, southwest-china, western-inland-area); others may be added."""
    date_start: _datetime.date | None = None
    """First day of the dated event, ISO 8601."""
    date_end: _datetime.date | None = None
    """Last day of the dated event (inclusive)."""
    date_precision: str | None = None
    """Known values: `Precision` (day, month, half_year, year, period); others may be added."""
    date_inferred: bool | None = None
    """True when the source does not write the year (or more) and it was inferred."""
    date_note: str | None = None
    """How the date was inferred."""
    date_event: str | None = None
    """What the date marks, e.g. construction_started."""
    citations: list[CitationPublic] | None = None
    kind: str | None = None
    """Known values: `EnergyKind` (asset, measurement); others may be added."""
    carrier: str | None = None
    """Known values: `Carrier` (natural_gas, electricity); others may be added."""
    expanded: EnergyExpanded | None = None
    """Present when `expand` is given."""


class EnergyPartialPage(ApiModel):
    items: list[EnergyPartial]
    total: int
    """Exact number of matching records."""
    limit: int
    next_cursor: str | None
    """Pass as `cursor` for the next page."""
    links: PageLinks
    facets: dict[str, list[FacetValue]] | None = None
    """Present when `facet` is given."""


class FigureDetail(ApiModel):
    id: str
    """Stable slug; unchanged by re-seeding."""
    url: str
    """Path of this record in the API."""
    subject_resource: str
    """Known values: `ResourceName` (sources, projects, infrastructure, energy, quotes, figures,
    people, organisations, places, industries); others may be added."""
    subject_id: str
    measure: str
    """What is measured, e.g. investment, travel_time."""
    value: int | float
    """The number in the base unit given by `unit`."""
    unit: str
    """Known values: `Unit` (CNY, USD, m3, kV, min, count); others may be added."""
    as_stated: str
    """The source's own wording of the number."""
    qualifier: str
    """Known values: `Qualifier` (exact, about, more_than, at_least, less_than, up_to); others
    may be added."""
    projected: bool
    """True when the source gives it as expected in future."""
    period_start: _datetime.date | None
    period_end: _datetime.date | None
    period_precision: str | None
    """Known values: `Precision` (day, month, half_year, year, period); others may be added."""
    period_inferred: bool | None
    period_note: str | None
    reported_start: _datetime.date | None
    """First day the figure may have been reported (the source's publication window), apart from
    the period it is about, as in FRED's vintages."""
    reported_end: _datetime.date | None
    """Last day the figure may have been reported."""
    reported_precision: str | None
    """Known values: `Precision` (day, month, half_year, year, period); others may be added."""
    reported_inferred: bool | None
    """True when the reporting window is inferred (the source gives no date)."""
    reported_note: str | None
    """How the reporting window was inferred."""
    period_ended_when_reported: bool | None
    """false: the period was not over when the figure was reported (a figure to date, not a
    full-period total); true: it was over; null: no period, or unknown."""
    links: list[LinkPublic]
    """The figure's typed links, from this end: `about` its subject (first) and any other record
    it describes; `part_of` another figure (12 of the 95 suppliers) and `converts` another
    figure (the same amount in another unit): to sum figures without counting twice, leave out
    those with either; `said_by` the person it comes from; `related`."""
    citations: list[CitationPublic]
    evidence: dict[str, list[EvidencePublic]]
    """What supports each value: a map from a field name of this record to its supports, each a
    span of the source text or an inference with its note. Every field with a value is here; a
    date's or period's support is under each of its `_start`, `_end` and `_precision` fields,
    a relation's under `related`."""
    figures: list[FigurePublic]
    """Figures about this record: their subject, or linked to it as `about`."""
    related: list[RecordRef]
    """Every record linked to this one, from either end, once; `relations` gives each link's type
    and direction."""
    relations: list[RelationPublic]
    """Every typed link of this record, from this end and from the other."""
    subject: RecordRef
    expanded: FigureExpanded | None = None
    """Present when `expand` is given."""


class FigurePage(ApiModel):
    items: list[FigurePublic]
    total: int
    """Exact number of matching records."""
    limit: int
    next_cursor: str | None
    """Pass as `cursor` for the next page."""
    links: PageLinks
    facets: dict[str, list[FacetValue]] | None = None
    """Present when `facet` is given."""


class FigurePartial(ApiModel):
    """Every number the sources state, typed, in a base unit, linked to its subject. Only the
    fields `fields=` names, and `id`."""

    id: str
    url: str | None = None
    """Path of this record in the API."""
    subject_resource: str | None = None
    """Known values: `ResourceName` (sources, projects, infrastructure, energy, quotes, figures,
    people, organisations, places, industries); others may be added."""
    subject_id: str | None = None
    measure: str | None = None
    """What is measured, e.g. investment, travel_time."""
    value: int | float | None = None
    """The number in the base unit given by `unit`."""
    unit: str | None = None
    """Known values: `Unit` (CNY, USD, m3, kV, min, count); others may be added."""
    as_stated: str | None = None
    """The source's own wording of the number."""
    qualifier: str | None = None
    """Known values: `Qualifier` (exact, about, more_than, at_least, less_than, up_to); others
    may be added."""
    projected: bool | None = None
    """True when the source gives it as expected in future."""
    period_start: _datetime.date | None = None
    period_end: _datetime.date | None = None
    period_precision: str | None = None
    """Known values: `Precision` (day, month, half_year, year, period); others may be added."""
    period_inferred: bool | None = None
    period_note: str | None = None
    reported_start: _datetime.date | None = None
    """First day the figure may have been reported (the source's publication window), apart from
    the period it is about, as in FRED's vintages."""
    reported_end: _datetime.date | None = None
    """Last day the figure may have been reported."""
    reported_precision: str | None = None
    """Known values: `Precision` (day, month, half_year, year, period); others may be added."""
    reported_inferred: bool | None = None
    """True when the reporting window is inferred (the source gives no date)."""
    reported_note: str | None = None
    """How the reporting window was inferred."""
    period_ended_when_reported: bool | None = None
    """false: the period was not over when the figure was reported (a figure to date, not a
    full-period total); true: it was over; null: no period, or unknown."""
    links: list[LinkPublic] | None = None
    """The figure's typed links, from this end: `about` its subject (first) and any other record
    it describes; `part_of` another figure (12 of the 95 suppliers) and `converts` another
    figure (the same amount in another unit): to sum figures without counting twice, leave out
    those with either; `said_by` the person it comes from; `related`."""
    citations: list[CitationPublic] | None = None
    expanded: FigureExpanded | None = None
    """Present when `expand` is given."""


class FigurePartialPage(ApiModel):
    items: list[FigurePartial]
    total: int
    """Exact number of matching records."""
    limit: int
    next_cursor: str | None
    """Pass as `cursor` for the next page."""
    links: PageLinks
    facets: dict[str, list[FacetValue]] | None = None
    """Present when `facet` is given."""


class HealthPublic(ApiModel):
    status: str


class IndexPublic(ApiModel):
    title: str
    dataset_version: str
    seeded_at: str
    sources: list[CollectionSourceRef]
    collections: list[CollectionInfo]
    search_url: str
    """An example search, followable as given; replace the value of `q`. `search_template` is the
    same as an RFC 6570 URI template."""
    search_template: str
    """RFC 6570 URI template of a search."""
    docs_url: str


class IndustryExpanded(ApiModel):
    """The records `expand=` names, as their collections list them: null or absent from a list
    when there is none."""

    regions: list[PlaceEmbedded] | None = None


class IndustryDetail(ApiModel):
    id: str
    """Stable slug; unchanged by re-seeding."""
    url: str
    """Path of this record in the API."""
    name: str
    regions: list[str]
    """Known values: `Region` (sichuan, chongqing, chengdu, guang-an, china, southwest-china,
    western-inland-area); others may be added."""
    examples: list[str]
    """The industries the source names, in its words."""
    developments: list[str]
    """What the source says is happening to them."""
    citations: list[CitationPublic]
    evidence: dict[str, list[EvidencePublic]]
    """What supports each value: a map from a field name of this record to its supports, each a
    span of the source text or an inference with its note. Every field with a value is here; a
    date's or period's support is under each of its `_start`, `_end` and `_precision` fields,
    a relation's under `related`."""
    figures: list[FigurePublic]
    """Figures about this record: their subject, or linked to it as `about`."""
    related: list[RecordRef]
    """Every record linked to this one, from either end, once; `relations` gives each link's type
    and direction."""
    relations: list[RelationPublic]
    """Every typed link of this record, from this end and from the other."""
    expanded: IndustryExpanded | None = None
    """Present when `expand` is given."""


class IndustryPublic(ApiModel):
    id: str
    """Stable slug; unchanged by re-seeding."""
    url: str
    """Path of this record in the API."""
    name: str
    regions: list[str]
    """Known values: `Region` (sichuan, chongqing, chengdu, guang-an, china, southwest-china,
    western-inland-area); others may be added."""
    examples: list[str]
    """The industries the source names, in its words."""
    developments: list[str]
    """What the source says is happening to them."""
    citations: list[CitationPublic]
    expanded: IndustryExpanded | None = None
    """Present when `expand` is given."""


class IndustryPage(ApiModel):
    items: list[IndustryPublic]
    total: int
    """Exact number of matching records."""
    limit: int
    next_cursor: str | None
    """Pass as `cursor` for the next page."""
    links: PageLinks
    facets: dict[str, list[FacetValue]] | None = None
    """Present when `facet` is given."""


class IndustryPartial(ApiModel):
    """Industries the sources speak of, with the examples they name. Only the fields `fields=`
    names, and `id`."""

    id: str
    url: str | None = None
    """Path of this record in the API."""
    name: str | None = None
    regions: list[str] | None = None
    """Known values: `Region` (sichuan, chongqing, chengdu, guang-an, china, southwest-china,
    western-inland-area); others may be added."""
    examples: list[str] | None = None
    """The industries the source names, in its words."""
    developments: list[str] | None = None
    """What the source says is happening to them."""
    citations: list[CitationPublic] | None = None
    expanded: IndustryExpanded | None = None
    """Present when `expand` is given."""


class IndustryPartialPage(ApiModel):
    items: list[IndustryPartial]
    total: int
    """Exact number of matching records."""
    limit: int
    next_cursor: str | None
    """Pass as `cursor` for the next page."""
    links: PageLinks
    facets: dict[str, list[FacetValue]] | None = None
    """Present when `facet` is given."""


class InfrastructureExpanded(ApiModel):
    """The records `expand=` names, as their collections list them: null or absent from a list
    when there is none."""

    regions: list[PlaceEmbedded] | None = None


class InfrastructureDetail(ApiModel):
    id: str
    """Stable slug; unchanged by re-seeding."""
    url: str
    """Path of this record in the API."""
    name: str
    description: str
    """A plain sentence, faithful to the cited text."""
    status: str | None
    """Where it stands, as the source reports it. Known values: `Status` (planned,
    under_construction, in_progress, emerging, operational, released, established); others may
    be added."""
    regions: list[str]
    """The places the record concerns, as stated. A `regions` filter also matches every place
    within a given one (see /v1/places). Known values: `Region` (sichuan, chongqing, chengdu,
    guang-an, china, southwest-china, western-inland-area); others may be added."""
    date_start: _datetime.date | None
    """First day of the dated event, ISO 8601."""
    date_end: _datetime.date | None
    """Last day of the dated event (inclusive)."""
    date_precision: str | None
    """Known values: `Precision` (day, month, half_year, year, period); others may be added."""
    date_inferred: bool | None
    """True when the source does not write the year (or more) and it was inferred."""
    date_note: str | None
    """How the date was inferred."""
    date_event: str | None
    """What the date marks, e.g. construction_started."""
    citations: list[CitationPublic]
    mode: str
    """Known values: `Mode` (rail, road, air, waterway, power_transmission, gas_pipeline,
    gas_production); others may be added."""
    evidence: dict[str, list[EvidencePublic]]
    """What supports each value: a map from a field name of this record to its supports, each a
    span of the source text or an inference with its note. Every field with a value is here; a
    date's or period's support is under each of its `_start`, `_end` and `_precision` fields,
    a relation's under `related`."""
    figures: list[FigurePublic]
    """Figures about this record: their subject, or linked to it as `about`."""
    related: list[RecordRef]
    """Every record linked to this one, from either end, once; `relations` gives each link's type
    and direction."""
    relations: list[RelationPublic]
    """Every typed link of this record, from this end and from the other."""
    expanded: InfrastructureExpanded | None = None
    """Present when `expand` is given."""


class InfrastructurePublic(ApiModel):
    id: str
    """Stable slug; unchanged by re-seeding."""
    url: str
    """Path of this record in the API."""
    name: str
    description: str
    """A plain sentence, faithful to the cited text."""
    status: str | None
    """Where it stands, as the source reports it. Known values: `Status` (planned,
    under_construction, in_progress, emerging, operational, released, established); others may
    be added."""
    regions: list[str]
    """The places the record concerns, as stated. A `regions` filter also matches every place
    within a given one (see /v1/places). Known values: `Region` (sichuan, chongqing, chengdu,
    guang-an, china, southwest-china, western-inland-area); others may be added."""
    date_start: _datetime.date | None
    """First day of the dated event, ISO 8601."""
    date_end: _datetime.date | None
    """Last day of the dated event (inclusive)."""
    date_precision: str | None
    """Known values: `Precision` (day, month, half_year, year, period); others may be added."""
    date_inferred: bool | None
    """True when the source does not write the year (or more) and it was inferred."""
    date_note: str | None
    """How the date was inferred."""
    date_event: str | None
    """What the date marks, e.g. construction_started."""
    citations: list[CitationPublic]
    mode: str
    """Known values: `Mode` (rail, road, air, waterway, power_transmission, gas_pipeline,
    gas_production); others may be added."""
    expanded: InfrastructureExpanded | None = None
    """Present when `expand` is given."""


class InfrastructurePage(ApiModel):
    items: list[InfrastructurePublic]
    total: int
    """Exact number of matching records."""
    limit: int
    next_cursor: str | None
    """Pass as `cursor` for the next page."""
    links: PageLinks
    facets: dict[str, list[FacetValue]] | None = None
    """Present when `facet` is given."""


class InfrastructurePartial(ApiModel):
    """Physical networks and assets: railways, roads, airports, power lines, pipelines. Only the
    fields `fields=` names, and `id`."""

    id: str
    url: str | None = None
    """Path of this record in the API."""
    name: str | None = None
    description: str | None = None
    """A plain sentence, faithful to the cited text."""
    status: str | None = None
    """Where it stands, as the source reports it. Known values: `Status` (planned,
    under_construction, in_progress, emerging, operational, released, established); others may
    be added."""
    regions: list[str] | None = None
    """The places the record concerns, as stated. A `regions` filter also matches every place
    within a given one (see /v1/places). Known values: `Region` (sichuan, chongqing, chengdu,
    guang-an, china, southwest-china, western-inland-area); others may be added."""
    date_start: _datetime.date | None = None
    """First day of the dated event, ISO 8601."""
    date_end: _datetime.date | None = None
    """Last day of the dated event (inclusive)."""
    date_precision: str | None = None
    """Known values: `Precision` (day, month, half_year, year, period); others may be added."""
    date_inferred: bool | None = None
    """True when the source does not write the year (or more) and it was inferred."""
    date_note: str | None = None
    """How the date was inferred."""
    date_event: str | None = None
    """What the date marks, e.g. construction_started."""
    citations: list[CitationPublic] | None = None
    mode: str | None = None
    """Known values: `Mode` (rail, road, air, waterway, power_transmission, gas_pipeline,
    gas_production); others may be added."""
    expanded: InfrastructureExpanded | None = None
    """Present when `expand` is given."""


class InfrastructurePartialPage(ApiModel):
    items: list[InfrastructurePartial]
    total: int
    """Exact number of matching records."""
    limit: int
    next_cursor: str | None
    """Pass as `cursor` for the next page."""
    links: PageLinks
    facets: dict[str, list[FacetValue]] | None = None
    """Present when `facet` is given."""


class OrganisationExpanded(ApiModel):
    """The records `expand=` names, as their collections list them: null or absent from a list
    when there is none."""

    regions: list[PlaceEmbedded] | None = None


class OrganisationDetail(ApiModel):
    id: str
    name: str
    regions: list[str]
    """The places the organisation belongs to, as stated (a `regions` filter also matches the
    places these lie within). Known values: `Region` (sichuan, chongqing, chengdu, guang-an,
    china, southwest-china, western-inland-area); others may be added."""
    url: str
    """Path of this record in the API."""
    kind: str
    """Known values: `OrganisationKind` (government_body, company, political_party,
    party_congress, joint_office); others may be added."""
    aims: list[str]
    """What it is for, each in the source's words."""
    citations: list[CitationPublic]
    evidence: dict[str, list[EvidencePublic]]
    """What supports each value: a map from a field name of this record to its supports, each a
    span of the source text or an inference with its note. Every field with a value is here; a
    date's or period's support is under each of its `_start`, `_end` and `_precision` fields,
    a relation's under `related`."""
    figures: list[FigurePublic]
    """Figures about this record: their subject, or linked to it as `about`."""
    related: list[RecordRef]
    """Every record linked to this one, from either end, once; `relations` gives each link's type
    and direction."""
    relations: list[RelationPublic]
    """Every typed link of this record, from this end and from the other."""
    people: list[RecordRef]
    """The people the source places in it."""
    expanded: OrganisationExpanded | None = None
    """Present when `expand` is given."""


class OrganisationEmbedded(ApiModel):
    id: str
    name: str
    regions: list[str]
    """The places the organisation belongs to, as stated (a `regions` filter also matches the
    places these lie within). Known values: `Region` (sichuan, chongqing, chengdu, guang-an,
    china, southwest-china, western-inland-area); others may be added."""
    url: str
    """Path of this record in the API."""
    kind: str
    """Known values: `OrganisationKind` (government_body, company, political_party,
    party_congress, joint_office); others may be added."""
    aims: list[str]
    """What it is for, each in the source's words."""
    citations: list[CitationPublic]


class OrganisationPublic(ApiModel):
    id: str
    name: str
    regions: list[str]
    """The places the organisation belongs to, as stated (a `regions` filter also matches the
    places these lie within). Known values: `Region` (sichuan, chongqing, chengdu, guang-an,
    china, southwest-china, western-inland-area); others may be added."""
    url: str
    """Path of this record in the API."""
    kind: str
    """Known values: `OrganisationKind` (government_body, company, political_party,
    party_congress, joint_office); others may be added."""
    aims: list[str]
    """What it is for, each in the source's words."""
    citations: list[CitationPublic]
    expanded: OrganisationExpanded | None = None
    """Present when `expand` is given."""


class OrganisationPage(ApiModel):
    items: list[OrganisationPublic]
    total: int
    """Exact number of matching records."""
    limit: int
    next_cursor: str | None
    """Pass as `cursor` for the next page."""
    links: PageLinks
    facets: dict[str, list[FacetValue]] | None = None
    """Present when `facet` is given."""


class OrganisationPartial(ApiModel):
    """Organisations the sources name: government bodies, companies, parties. Only the fields
    `fields=` names, and `id`."""

    id: str
    name: str | None = None
    regions: list[str] | None = None
    """The places the organisation belongs to, as stated (a `regions` filter also matches the
    places these lie within). Known values: `Region` (sichuan, chongqing, chengdu, guang-an,
    china, southwest-china, western-inland-area); others may be added."""
    url: str | None = None
    """Path of this record in the API."""
    kind: str | None = None
    """Known values: `OrganisationKind` (government_body, company, political_party,
    party_congress, joint_office); others may be added."""
    aims: list[str] | None = None
    """What it is for, each in the source's words."""
    citations: list[CitationPublic] | None = None
    expanded: OrganisationExpanded | None = None
    """Present when `expand` is given."""


class OrganisationPartialPage(ApiModel):
    items: list[OrganisationPartial]
    total: int
    """Exact number of matching records."""
    limit: int
    next_cursor: str | None
    """Pass as `cursor` for the next page."""
    links: PageLinks
    facets: dict[str, list[FacetValue]] | None = None
    """Present when `facet` is given."""


class PersonExpanded(ApiModel):
    """The records `expand=` names, as their collections list them: null or absent from a list
    when there is none."""

    organisation: OrganisationEmbedded | None = None


class PersonDetail(ApiModel):
    id: str
    """Stable slug; unchanged by re-seeding."""
    url: str
    """Path of this record in the API."""
    name: str
    role: str
    """The role the source gives, in its words."""
    organisation_id: str
    organisation_name: str
    citations: list[CitationPublic]
    evidence: dict[str, list[EvidencePublic]]
    """What supports each value: a map from a field name of this record to its supports, each a
    span of the source text or an inference with its note. Every field with a value is here; a
    date's or period's support is under each of its `_start`, `_end` and `_precision` fields,
    a relation's under `related`."""
    figures: list[FigurePublic]
    """Figures about this record: their subject, or linked to it as `about`."""
    related: list[RecordRef]
    """Every record linked to this one, from either end, once; `relations` gives each link's type
    and direction."""
    relations: list[RelationPublic]
    """Every typed link of this record, from this end and from the other."""
    organisation: OrganisationPublic
    expanded: PersonExpanded | None = None
    """Present when `expand` is given."""


class PersonEmbedded(ApiModel):
    id: str
    """Stable slug; unchanged by re-seeding."""
    url: str
    """Path of this record in the API."""
    name: str
    role: str
    """The role the source gives, in its words."""
    organisation_id: str
    organisation_name: str
    citations: list[CitationPublic]


class PersonPublic(ApiModel):
    id: str
    """Stable slug; unchanged by re-seeding."""
    url: str
    """Path of this record in the API."""
    name: str
    role: str
    """The role the source gives, in its words."""
    organisation_id: str
    organisation_name: str
    citations: list[CitationPublic]
    expanded: PersonExpanded | None = None
    """Present when `expand` is given."""


class PersonPage(ApiModel):
    items: list[PersonPublic]
    total: int
    """Exact number of matching records."""
    limit: int
    next_cursor: str | None
    """Pass as `cursor` for the next page."""
    links: PageLinks
    facets: dict[str, list[FacetValue]] | None = None
    """Present when `facet` is given."""


class PersonPartial(ApiModel):
    """People the sources name, with the role and organisation the source gives. Only the fields
    `fields=` names, and `id`."""

    id: str
    url: str | None = None
    """Path of this record in the API."""
    name: str | None = None
    role: str | None = None
    """The role the source gives, in its words."""
    organisation_id: str | None = None
    organisation_name: str | None = None
    citations: list[CitationPublic] | None = None
    expanded: PersonExpanded | None = None
    """Present when `expand` is given."""


class PersonPartialPage(ApiModel):
    items: list[PersonPartial]
    total: int
    """Exact number of matching records."""
    limit: int
    next_cursor: str | None
    """Pass as `cursor` for the next page."""
    links: PageLinks
    facets: dict[str, list[FacetValue]] | None = None
    """Present when `facet` is given."""


class PlaceExpanded(ApiModel):
    """The records `expand=` names, as their collections list them: null or absent from a list
    when there is none."""

    within: list[PlaceEmbedded] | None = None


class PlaceDetail(ApiModel):
    id: str
    """Stable slug; unchanged by re-seeding."""
    url: str
    """Path of this record in the API."""
    name: str
    kind: str
    """Known values: `PlaceKind` (country, region, province, municipality, city); others may be
    added."""
    within: list[str]
    """The places this one lies directly within, as the source places it; the hierarchy is every
    place's `within`. A `within` filter matches every place lying within the given one,
    directly or not. Known values: `Region` (sichuan, chongqing, chengdu, guang-an, china,
    southwest-china, western-inland-area); others may be added."""
    capital_of: str | None
    """The place whose capital this is. Known values: `Region` (sichuan, chongqing, chengdu,
    guang-an, china, southwest-china, western-inland-area); others may be added."""
    citations: list[CitationPublic]
    evidence: dict[str, list[EvidencePublic]]
    """What supports each value: a map from a field name of this record to its supports, each a
    span of the source text or an inference with its note. Every field with a value is here; a
    date's or period's support is under each of its `_start`, `_end` and `_precision` fields,
    a relation's under `related`."""
    figures: list[FigurePublic]
    """Figures about this record: their subject, or linked to it as `about`."""
    related: list[RecordRef]
    """Every record linked to this one, from either end, once; `relations` gives each link's type
    and direction."""
    relations: list[RelationPublic]
    """Every typed link of this record, from this end and from the other."""
    expanded: PlaceExpanded | None = None
    """Present when `expand` is given."""


class PlacePublic(ApiModel):
    id: str
    """Stable slug; unchanged by re-seeding."""
    url: str
    """Path of this record in the API."""
    name: str
    kind: str
    """Known values: `PlaceKind` (country, region, province, municipality, city); others may be
    added."""
    within: list[str]
    """The places this one lies directly within, as the source places it; the hierarchy is every
    place's `within`. A `within` filter matches every place lying within the given one,
    directly or not. Known values: `Region` (sichuan, chongqing, chengdu, guang-an, china,
    southwest-china, western-inland-area); others may be added."""
    capital_of: str | None
    """The place whose capital this is. Known values: `Region` (sichuan, chongqing, chengdu,
    guang-an, china, southwest-china, western-inland-area); others may be added."""
    citations: list[CitationPublic]
    expanded: PlaceExpanded | None = None
    """Present when `expand` is given."""


class PlacePage(ApiModel):
    items: list[PlacePublic]
    total: int
    """Exact number of matching records."""
    limit: int
    next_cursor: str | None
    """Pass as `cursor` for the next page."""
    links: PageLinks
    facets: dict[str, list[FacetValue]] | None = None
    """Present when `facet` is given."""


class PlacePartial(ApiModel):
    """The places the sources name, each within the places the source puts it in. Only the fields
    `fields=` names, and `id`."""

    id: str
    url: str | None = None
    """Path of this record in the API."""
    name: str | None = None
    kind: str | None = None
    """Known values: `PlaceKind` (country, region, province, municipality, city); others may be
    added."""
    within: list[str] | None = None
    """The places this one lies directly within, as the source places it; the hierarchy is every
    place's `within`. A `within` filter matches every place lying within the given one,
    directly or not. Known values: `Region` (sichuan, chongqing, chengdu, guang-an, china,
    southwest-china, western-inland-area); others may be added."""
    capital_of: str | None = None
    """The place whose capital this is. Known values: `Region` (sichuan, chongqing, chengdu,
    guang-an, china, southwest-china, western-inland-area); others may be added."""
    citations: list[CitationPublic] | None = None
    expanded: PlaceExpanded | None = None
    """Present when `expand` is given."""


class PlacePartialPage(ApiModel):
    items: list[PlacePartial]
    total: int
    """Exact number of matching records."""
    limit: int
    next_cursor: str | None
    """Pass as `cursor` for the next page."""
    links: PageLinks
    facets: dict[str, list[FacetValue]] | None = None
    """Present when `facet` is given."""


class ProblemError(ApiModel):
    param: str
    message: str


class Problem(ApiModel):
    """An error (RFC 9457). `type` names the kind of problem; each is a page this API serves, and
    /problems lists them."""

    type: str
    """The kind of problem. Known values: /problems/unknown-parameter, /problems/invalid-value,
    /problems/ambiguous-value, /problems/invalid-cursor, /problems/stale-cursor,
    /problems/export-too-large, /problems/not-found, /problems/method-not-allowed,
    /problems/not-acceptable, /problems/uri-too-long, /problems/headers-too-large,
    /problems/bad-request, /problems/unavailable, /problems/internal-error; others may be
    added, so treat an unknown one as its status. Known values: /problems/unknown-parameter,
    /problems/invalid-value, /problems/ambiguous-value, /problems/invalid-cursor,
    /problems/stale-cursor, /problems/export-too-large, /problems/not-found,
    /problems/method-not-allowed, /problems/not-acceptable, /problems/uri-too-long,
    /problems/headers-too-large, /problems/bad-request, /problems/unavailable,
    /problems/internal-error; others may be added."""
    title: str
    """The kind's title."""
    status: int
    """The HTTP status."""
    detail: str
    """What went wrong, for a person."""
    errors: list[ProblemError] | None = None
    """Each bad parameter and what it takes."""


class ProjectExpanded(ApiModel):
    """The records `expand=` names, as their collections list them: null or absent from a list
    when there is none."""

    regions: list[PlaceEmbedded] | None = None
    organisations: list[OrganisationEmbedded] | None = None


class ProjectDetail(ApiModel):
    id: str
    """Stable slug; unchanged by re-seeding."""
    url: str
    """Path of this record in the API."""
    name: str
    description: str
    """A plain sentence, faithful to the cited text."""
    status: str | None
    """Where it stands, as the source reports it. Known values: `Status` (planned,
    under_construction, in_progress, emerging, operational, released, established); others may
    be added."""
    regions: list[str]
    """The places the record concerns, as stated. A `regions` filter also matches every place
    within a given one (see /v1/places). Known values: `Region` (sichuan, chongqing, chengdu,
    guang-an, china, southwest-china, western-inland-area); others may be added."""
    date_start: _datetime.date | None
    """First day of the dated event, ISO 8601."""
    date_end: _datetime.date | None
    """Last day of the dated event (inclusive)."""
    date_precision: str | None
    """Known values: `Precision` (day, month, half_year, year, period); others may be added."""
    date_inferred: bool | None
    """True when the source does not write the year (or more) and it was inferred."""
    date_note: str | None
    """How the date was inferred."""
    date_event: str | None
    """What the date marks, e.g. construction_started."""
    citations: list[CitationPublic]
    kind: str
    """Known values: `ProjectKind` (project, programme, plan, strategy, joint_initiative); others
    may be added."""
    sector: str
    """Known values: `Sector` (transport, energy, industry, science_and_innovation,
    urban_planning, regional_development, trade_and_investment); others may be added."""
    organisations: list[str]
    """Ids of the organisations involved."""
    priority: bool | None
    """True when the source calls it a priority; null when it does not say."""
    evidence: dict[str, list[EvidencePublic]]
    """What supports each value: a map from a field name of this record to its supports, each a
    span of the source text or an inference with its note. Every field with a value is here; a
    date's or period's support is under each of its `_start`, `_end` and `_precision` fields,
    a relation's under `related`."""
    figures: list[FigurePublic]
    """Figures about this record: their subject, or linked to it as `about`."""
    related: list[RecordRef]
    """Every record linked to this one, from either end, once; `relations` gives each link's type
    and direction."""
    relations: list[RelationPublic]
    """Every typed link of this record, from this end and from the other."""
    expanded: ProjectExpanded | None = None
    """Present when `expand` is given."""


class ProjectPublic(ApiModel):
    id: str
    """Stable slug; unchanged by re-seeding."""
    url: str
    """Path of this record in the API."""
    name: str
    description: str
    """A plain sentence, faithful to the cited text."""
    status: str | None
    """Where it stands, as the source reports it. Known values: `Status` (planned,
    under_construction, in_progress, emerging, operational, released, established); others may
    be added."""
    regions: list[str]
    """The places the record concerns, as stated. A `regions` filter also matches every place
    within a given one (see /v1/places). Known values: `Region` (sichuan, chongqing, chengdu,
    guang-an, china, southwest-china, western-inland-area); others may be added."""
    date_start: _datetime.date | None
    """First day of the dated event, ISO 8601."""
    date_end: _datetime.date | None
    """Last day of the dated event (inclusive)."""
    date_precision: str | None
    """Known values: `Precision` (day, month, half_year, year, period); others may be added."""
    date_inferred: bool | None
    """True when the source does not write the year (or more) and it was inferred."""
    date_note: str | None
    """How the date was inferred."""
    date_event: str | None
    """What the date marks, e.g. construction_started."""
    citations: list[CitationPublic]
    kind: str
    """Known values: `ProjectKind` (project, programme, plan, strategy, joint_initiative); others
    may be added."""
    sector: str
    """Known values: `Sector` (transport, energy, industry, science_and_innovation,
    urban_planning, regional_development, trade_and_investment); others may be added."""
    organisations: list[str]
    """Ids of the organisations involved."""
    priority: bool | None
    """True when the source calls it a priority; null when it does not say."""
    expanded: ProjectExpanded | None = None
    """Present when `expand` is given."""


class ProjectPage(ApiModel):
    items: list[ProjectPublic]
    total: int
    """Exact number of matching records."""
    limit: int
    next_cursor: str | None
    """Pass as `cursor` for the next page."""
    links: PageLinks
    facets: dict[str, list[FacetValue]] | None = None
    """Present when `facet` is given."""


class ProjectPartial(ApiModel):
    """Projects, programmes, plans, strategies and joint initiatives. Only the fields `fields=`
    names, and `id`."""

    id: str
    url: str | None = None
    """Path of this record in the API."""
    name: str | None = None
    description: str | None = None
    """A plain sentence, faithful to the cited text."""
    status: str | None = None
    """Where it stands, as the source reports it. Known values: `Status` (planned,
    under_construction, in_progress, emerging, operational, released, established); others may
    be added."""
    regions: list[str] | None = None
    """The places the record concerns, as stated. A `regions` filter also matches every place
    within a given one (see /v1/places). Known values: `Region` (sichuan, chongqing, chengdu,
    guang-an, china, southwest-china, western-inland-area); others may be added."""
    date_start: _datetime.date | None = None
    """First day of the dated event, ISO 8601."""
    date_end: _datetime.date | None = None
    """Last day of the dated event (inclusive)."""
    date_precision: str | None = None
    """Known values: `Precision` (day, month, half_year, year, period); others may be added."""
    date_inferred: bool | None = None
    """True when the source does not write the year (or more) and it was inferred."""
    date_note: str | None = None
    """How the date was inferred."""
    date_event: str | None = None
    """What the date marks, e.g. construction_started."""
    citations: list[CitationPublic] | None = None
    kind: str | None = None
    """Known values: `ProjectKind` (project, programme, plan, strategy, joint_initiative); others
    may be added."""
    sector: str | None = None
    """Known values: `Sector` (transport, energy, industry, science_and_innovation,
    urban_planning, regional_development, trade_and_investment); others may be added."""
    organisations: list[str] | None = None
    """Ids of the organisations involved."""
    priority: bool | None = None
    """True when the source calls it a priority; null when it does not say."""
    expanded: ProjectExpanded | None = None
    """Present when `expand` is given."""


class ProjectPartialPage(ApiModel):
    items: list[ProjectPartial]
    total: int
    """Exact number of matching records."""
    limit: int
    next_cursor: str | None
    """Pass as `cursor` for the next page."""
    links: PageLinks
    facets: dict[str, list[FacetValue]] | None = None
    """Present when `facet` is given."""


class QuoteExpanded(ApiModel):
    """The records `expand=` names, as their collections list them: null or absent from a list
    when there is none."""

    said_by: PersonEmbedded | None = None
    organisation: OrganisationEmbedded | None = None
    regions: list[PlaceEmbedded] | None = None


class SpeakerPublic(ApiModel):
    id: str
    name: str
    role: str
    organisation: OrganisationPublic


class QuoteDetail(ApiModel):
    id: str
    """Stable slug; unchanged by re-seeding."""
    url: str
    """Path of this record in the API."""
    kind: str
    """direct: in quotation marks; reported: reported speech. Known values: `QuoteKind` (direct,
    reported); others may be added."""
    text: str
    """The statement exactly as the source words it."""
    speaker_id: str
    speaker_name: str
    speaker_role: str
    organisation_id: str
    organisation_name: str
    regions: list[str]
    """Known values: `Region` (sichuan, chongqing, chengdu, guang-an, china, southwest-china,
    western-inland-area); others may be added."""
    citations: list[CitationPublic]
    evidence: dict[str, list[EvidencePublic]]
    """What supports each value: a map from a field name of this record to its supports, each a
    span of the source text or an inference with its note. Every field with a value is here; a
    date's or period's support is under each of its `_start`, `_end` and `_precision` fields,
    a relation's under `related`."""
    figures: list[FigurePublic]
    """Figures about this record: their subject, or linked to it as `about`."""
    related: list[RecordRef]
    """Every record linked to this one, from either end, once; `relations` gives each link's type
    and direction."""
    relations: list[RelationPublic]
    """Every typed link of this record, from this end and from the other."""
    speaker: SpeakerPublic
    expanded: QuoteExpanded | None = None
    """Present when `expand` is given."""


class QuotePublic(ApiModel):
    id: str
    """Stable slug; unchanged by re-seeding."""
    url: str
    """Path of this record in the API."""
    kind: str
    """direct: in quotation marks; reported: reported speech. Known values: `QuoteKind` (direct,
    reported); others may be added."""
    text: str
    """The statement exactly as the source words it."""
    speaker_id: str
    speaker_name: str
    speaker_role: str
    organisation_id: str
    organisation_name: str
    regions: list[str]
    """Known values: `Region` (sichuan, chongqing, chengdu, guang-an, china, southwest-china,
    western-inland-area); others may be added."""
    citations: list[CitationPublic]
    expanded: QuoteExpanded | None = None
    """Present when `expand` is given."""


class QuotePage(ApiModel):
    items: list[QuotePublic]
    total: int
    """Exact number of matching records."""
    limit: int
    next_cursor: str | None
    """Pass as `cursor` for the next page."""
    links: PageLinks
    facets: dict[str, list[FacetValue]] | None = None
    """Present when `facet` is given."""


class QuotePartial(ApiModel):
    """Statements attributed to a named person, direct or reported. Only the fields `fields=`
    names, and `id`."""

    id: str
    url: str | None = None
    """Path of this record in the API."""
    kind: str | None = None
    """direct: in quotation marks; reported: reported speech. Known values: `QuoteKind` (direct,
    reported); others may be added."""
    text: str | None = None
    """The statement exactly as the source words it."""
    speaker_id: str | None = None
    speaker_name: str | None = None
    speaker_role: str | None = None
    organisation_id: str | None = None
    organisation_name: str | None = None
    regions: list[str] | None = None
    """Known values: `Region` (sichuan, chongqing, chengdu, guang-an, china, southwest-china,
    western-inland-area); others may be added."""
    citations: list[CitationPublic] | None = None
    expanded: QuoteExpanded | None = None
    """Present when `expand` is given."""


class QuotePartialPage(ApiModel):
    items: list[QuotePartial]
    total: int
    """Exact number of matching records."""
    limit: int
    next_cursor: str | None
    """Pass as `cursor` for the next page."""
    links: PageLinks
    facets: dict[str, list[FacetValue]] | None = None
    """Present when `facet` is given."""


class SearchHit(ApiModel):
    type: str
    """Known values: `ResourceName` (sources, projects, infrastructure, energy, quotes, figures,
    people, organisations, places, industries); others may be added."""
    id: str
    name: str
    snippet: str
    """Text around the first match."""
    url: str
    relevance: int
    """2 when the name matches, 1 when only the body does."""


class SearchPage(ApiModel):
    items: list[SearchHit]
    total: int
    """Exact number of matching records."""
    limit: int
    next_cursor: str | None
    """Pass as `cursor` for the next page."""
    links: PageLinks
    facets: dict[str, list[FacetValue]] | None = None
    """Present when `facet` is given."""


class SourceAnnotations(ApiModel):
    source_id: str
    url: str
    """Path of the source in this API."""
    page_url: str
    spans: list[AnnotationSpan]
    """Every cited span, in text order."""


class SourceDetail(ApiModel):
    id: str
    url: str
    title: str
    publisher: str | None
    language: str
    original_url: str | None
    photo_credit: str | None
    editor: str | None
    sha256: str
    """SHA-256 of the UTF-8 text."""
    length: int
    """Length of the text in Unicode code points."""
    published_start: _datetime.date | None
    published_end: _datetime.date | None
    published_precision: str | None
    """Known values: `Precision` (day, month, half_year, year, period); others may be added."""
    published_inferred: bool | None
    published_note: str | None
    text: str
    """The full text; citations index into it."""
    evidence: dict[str, list[EvidencePublic]]
    """What supports each value: a map from a field name of this record to its supports, each a
    span of the source text or an inference with its note. Every field with a value is here; a
    date's or period's support is under each of its `_start`, `_end` and `_precision` fields,
    a relation's under `related`."""
    record_counts: dict[str, int]
    """Records citing this source, per resource."""


class SourcePublic(ApiModel):
    id: str
    url: str
    title: str
    publisher: str | None
    language: str
    original_url: str | None
    photo_credit: str | None
    editor: str | None
    sha256: str
    """SHA-256 of the UTF-8 text."""
    length: int
    """Length of the text in Unicode code points."""
    published_start: _datetime.date | None
    published_end: _datetime.date | None
    published_precision: str | None
    """Known values: `Precision` (day, month, half_year, year, period); others may be added."""
    published_inferred: bool | None
    published_note: str | None
    text: str
    """The full text; citations index into it."""


class SourcePage(ApiModel):
    items: list[SourcePublic]
    total: int
    """Exact number of matching records."""
    limit: int
    next_cursor: str | None
    """Pass as `cursor` for the next page."""
    links: PageLinks
    facets: dict[str, list[FacetValue]] | None = None
    """Present when `facet` is given."""


class SourcePartial(ApiModel):
    """The documents the data is drawn from, with their full text. Only the fields `fields=`
    names, and `id`."""

    id: str
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    language: str | None = None
    original_url: str | None = None
    photo_credit: str | None = None
    editor: str | None = None
    sha256: str | None = None
    """SHA-256 of the UTF-8 text."""
    length: int | None = None
    """Length of the text in Unicode code points."""
    published_start: _datetime.date | None = None
    published_end: _datetime.date | None = None
    published_precision: str | None = None
    """Known values: `Precision` (day, month, half_year, year, period); others may be added."""
    published_inferred: bool | None = None
    published_note: str | None = None
    text: str | None = None
    """The full text; citations index into it."""


class SourcePartialPage(ApiModel):
    items: list[SourcePartial]
    total: int
    """Exact number of matching records."""
    limit: int
    next_cursor: str | None
    """Pass as `cursor` for the next page."""
    links: PageLinks
    facets: dict[str, list[FacetValue]] | None = None
    """Present when `facet` is given."""


SOURCES = Resource(
    name="sources",
    path="/v1/sources",
    page=SourcePage,
    item=SourcePublic,
    detail=SourceDetail,
)


PROJECTS = Resource(
    name="projects",
    path="/v1/projects",
    page=ProjectPage,
    item=ProjectPublic,
    detail=ProjectDetail,
)


INFRASTRUCTURE = Resource(
    name="infrastructure",
    path="/v1/infrastructure",
    page=InfrastructurePage,
    item=InfrastructurePublic,
    detail=InfrastructureDetail,
)


ENERGY = Resource(
    name="energy",
    path="/v1/energy",
    page=EnergyPage,
    item=EnergyPublic,
    detail=EnergyDetail,
)


QUOTES = Resource(
    name="quotes",
    path="/v1/quotes",
    page=QuotePage,
    item=QuotePublic,
    detail=QuoteDetail,
)


FIGURES = Resource(
    name="figures",
    path="/v1/figures",
    page=FigurePage,
    item=FigurePublic,
    detail=FigureDetail,
)


PEOPLE = Resource(
    name="people",
    path="/v1/people",
    page=PersonPage,
    item=PersonPublic,
    detail=PersonDetail,
)


ORGANISATIONS = Resource(
    name="organisations",
    path="/v1/organisations",
    page=OrganisationPage,
    item=OrganisationPublic,
    detail=OrganisationDetail,
)


PLACES = Resource(
    name="places",
    path="/v1/places",
    page=PlacePage,
    item=PlacePublic,
    detail=PlaceDetail,
)


INDUSTRIES = Resource(
    name="industries",
    path="/v1/industries",
    page=IndustryPage,
    item=IndustryPublic,
    detail=IndustryDetail,
)


RESOURCES: dict[str, Resource[_typing.Any, _typing.Any, _typing.Any]] = {
    "sources": SOURCES,
    "projects": PROJECTS,
    "infrastructure": INFRASTRUCTURE,
    "energy": ENERGY,
    "quotes": QUOTES,
    "figures": FIGURES,
    "people": PEOPLE,
    "organisations": ORGANISATIONS,
    "places": PLACES,
    "industries": INDUSTRIES,
}
"""Every collection, by the name in its path."""
