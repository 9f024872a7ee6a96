"""Every collection of the API: its typed query and its models.

Generated from the API's /openapi.json by client/generate_code.py (`make client-models`):
do not edit."""

from collections.abc import Sequence
from datetime import date
from typing import Any, Literal

from circle_client import models
from circle_client.resource import Params, Resource, query_params

__all__ = [
    "ENERGY",
    "FIGURES",
    "INDUSTRIES",
    "INFRASTRUCTURE",
    "ORGANISATIONS",
    "PEOPLE",
    "PLACES",
    "PROJECTS",
    "QUOTES",
    "RESOURCES",
    "SOURCES",
    "EnergyCarrier",
    "EnergyDatePrecision",
    "EnergyExpand",
    "EnergyFacet",
    "EnergyFields",
    "EnergyKind",
    "EnergyRegions",
    "EnergySort",
    "EnergyStatus",
    "FiguresExpand",
    "FiguresFacet",
    "FiguresFields",
    "FiguresPeriodPrecision",
    "FiguresQualifier",
    "FiguresSort",
    "FiguresSubjectResource",
    "FiguresUnit",
    "IndustriesExpand",
    "IndustriesFacet",
    "IndustriesFields",
    "IndustriesRegions",
    "IndustriesSort",
    "InfrastructureDatePrecision",
    "InfrastructureExpand",
    "InfrastructureFacet",
    "InfrastructureFields",
    "InfrastructureMode",
    "InfrastructureRegions",
    "InfrastructureSort",
    "InfrastructureStatus",
    "OrganisationsExpand",
    "OrganisationsFacet",
    "OrganisationsFields",
    "OrganisationsKind",
    "OrganisationsRegions",
    "OrganisationsSort",
    "PeopleExpand",
    "PeopleFacet",
    "PeopleFields",
    "PeopleSort",
    "PlacesExpand",
    "PlacesFacet",
    "PlacesFields",
    "PlacesKind",
    "PlacesSort",
    "PlacesWithin",
    "ProjectsDatePrecision",
    "ProjectsExpand",
    "ProjectsFacet",
    "ProjectsFields",
    "ProjectsKind",
    "ProjectsRegions",
    "ProjectsSector",
    "ProjectsSort",
    "ProjectsStatus",
    "QuotesExpand",
    "QuotesFacet",
    "QuotesFields",
    "QuotesKind",
    "QuotesRegions",
    "QuotesSort",
    "SearchType",
    "SourcesFacet",
    "SourcesFields",
    "SourcesSort",
]

SourcesSort = Literal[
    "id", "-id", "title", "-title", "language", "-language", "published_start", "-published_start"
]

SourcesFields = Literal[
    "id",
    "url",
    "title",
    "publisher",
    "language",
    "original_url",
    "photo_credit",
    "editor",
    "sha256",
    "length",
    "published_start",
    "published_end",
    "published_precision",
    "published_inferred",
    "published_note",
    "text",
]

SourcesFacet = Literal["language"]

ProjectsDatePrecision = Literal["day", "month", "half_year", "year", "period"]

ProjectsKind = Literal["project", "programme", "plan", "strategy", "joint_initiative"]

ProjectsSector = Literal[
    "transport",
    "energy",
    "industry",
    "science_and_innovation",
    "urban_planning",
    "regional_development",
    "trade_and_investment",
]

ProjectsStatus = Literal[
    "planned",
    "under_construction",
    "in_progress",
    "emerging",
    "operational",
    "released",
    "established",
]

ProjectsRegions = Literal[
    "sichuan", "chongqing", "chengdu", "guang-an", "china", "southwest-china", "western-inland-area"
]

ProjectsSort = Literal[
    "id",
    "-id",
    "name",
    "-name",
    "date_start",
    "-date_start",
    "kind",
    "-kind",
    "sector",
    "-sector",
    "status",
    "-status",
]

ProjectsFields = Literal[
    "id",
    "url",
    "name",
    "description",
    "status",
    "regions",
    "date_start",
    "date_end",
    "date_precision",
    "date_inferred",
    "date_note",
    "date_event",
    "citations",
    "kind",
    "sector",
    "organisations",
    "priority",
]

ProjectsExpand = Literal["regions", "organisations"]

ProjectsFacet = Literal[
    "date_precision",
    "date_inferred",
    "kind",
    "sector",
    "status",
    "regions",
    "organisations",
    "source",
]

InfrastructureDatePrecision = Literal["day", "month", "half_year", "year", "period"]

InfrastructureMode = Literal[
    "rail", "road", "air", "waterway", "power_transmission", "gas_pipeline", "gas_production"
]

InfrastructureStatus = Literal[
    "planned",
    "under_construction",
    "in_progress",
    "emerging",
    "operational",
    "released",
    "established",
]

InfrastructureRegions = Literal[
    "sichuan", "chongqing", "chengdu", "guang-an", "china", "southwest-china", "western-inland-area"
]

InfrastructureSort = Literal[
    "id", "-id", "name", "-name", "date_start", "-date_start", "mode", "-mode", "status", "-status"
]

InfrastructureFields = Literal[
    "id",
    "url",
    "name",
    "description",
    "status",
    "regions",
    "date_start",
    "date_end",
    "date_precision",
    "date_inferred",
    "date_note",
    "date_event",
    "citations",
    "mode",
]

InfrastructureExpand = Literal["regions"]

InfrastructureFacet = Literal[
    "date_precision", "date_inferred", "mode", "status", "regions", "source"
]

EnergyDatePrecision = Literal["day", "month", "half_year", "year", "period"]

EnergyKind = Literal["asset", "measurement"]

EnergyCarrier = Literal["natural_gas", "electricity"]

EnergyStatus = Literal[
    "planned",
    "under_construction",
    "in_progress",
    "emerging",
    "operational",
    "released",
    "established",
]

EnergyRegions = Literal[
    "sichuan", "chongqing", "chengdu", "guang-an", "china", "southwest-china", "western-inland-area"
]

EnergySort = Literal[
    "id",
    "-id",
    "name",
    "-name",
    "date_start",
    "-date_start",
    "kind",
    "-kind",
    "carrier",
    "-carrier",
    "status",
    "-status",
]

EnergyFields = Literal[
    "id",
    "url",
    "name",
    "description",
    "status",
    "regions",
    "date_start",
    "date_end",
    "date_precision",
    "date_inferred",
    "date_note",
    "date_event",
    "citations",
    "kind",
    "carrier",
]

EnergyExpand = Literal["regions"]

EnergyFacet = Literal[
    "date_precision", "date_inferred", "kind", "carrier", "status", "regions", "source"
]

QuotesKind = Literal["direct", "reported"]

QuotesRegions = Literal[
    "sichuan", "chongqing", "chengdu", "guang-an", "china", "southwest-china", "western-inland-area"
]

QuotesSort = Literal[
    "id",
    "-id",
    "kind",
    "-kind",
    "speaker_id",
    "-speaker_id",
    "speaker_name",
    "-speaker_name",
    "organisation_id",
    "-organisation_id",
]

QuotesFields = Literal[
    "id",
    "url",
    "kind",
    "text",
    "speaker_id",
    "speaker_name",
    "speaker_role",
    "organisation_id",
    "organisation_name",
    "regions",
    "citations",
]

QuotesExpand = Literal["said_by", "organisation", "regions"]

QuotesFacet = Literal["kind", "speaker_id", "organisation_id", "regions", "source"]

FiguresSubjectResource = Literal[
    "sources",
    "projects",
    "infrastructure",
    "energy",
    "quotes",
    "figures",
    "people",
    "organisations",
    "places",
    "industries",
]

FiguresUnit = Literal["CNY", "USD", "m3", "kV", "min", "count"]

FiguresQualifier = Literal["exact", "about", "more_than", "at_least", "less_than", "up_to"]

FiguresPeriodPrecision = Literal["day", "month", "half_year", "year", "period"]

FiguresSort = Literal[
    "id",
    "-id",
    "subject_resource",
    "-subject_resource",
    "subject_id",
    "-subject_id",
    "measure",
    "-measure",
    "value",
    "-value",
    "unit",
    "-unit",
    "qualifier",
    "-qualifier",
    "period_start",
    "-period_start",
    "period_end",
    "-period_end",
]

FiguresFields = Literal[
    "id",
    "url",
    "subject_resource",
    "subject_id",
    "measure",
    "value",
    "unit",
    "as_stated",
    "qualifier",
    "projected",
    "period_start",
    "period_end",
    "period_precision",
    "period_inferred",
    "period_note",
    "reported_start",
    "reported_end",
    "reported_precision",
    "reported_inferred",
    "reported_note",
    "period_ended_when_reported",
    "links",
    "citations",
]

FiguresExpand = Literal["subject"]

FiguresFacet = Literal[
    "subject_resource",
    "measure",
    "unit",
    "qualifier",
    "projected",
    "period_precision",
    "period_ended_when_reported",
    "source",
]

PeopleSort = Literal["id", "-id", "name", "-name", "organisation_id", "-organisation_id"]

PeopleFields = Literal[
    "id", "url", "name", "role", "organisation_id", "organisation_name", "citations"
]

PeopleExpand = Literal["organisation"]

PeopleFacet = Literal["organisation_id", "source"]

OrganisationsKind = Literal[
    "government_body", "company", "political_party", "party_congress", "joint_office"
]

OrganisationsRegions = Literal[
    "sichuan", "chongqing", "chengdu", "guang-an", "china", "southwest-china", "western-inland-area"
]

OrganisationsSort = Literal["id", "-id", "name", "-name", "kind", "-kind"]

OrganisationsFields = Literal["id", "name", "regions", "url", "kind", "aims", "citations"]

OrganisationsExpand = Literal["regions"]

OrganisationsFacet = Literal["kind", "regions", "source"]

PlacesKind = Literal["country", "region", "province", "municipality", "city"]

PlacesWithin = Literal[
    "sichuan", "chongqing", "chengdu", "guang-an", "china", "southwest-china", "western-inland-area"
]

PlacesSort = Literal["id", "-id", "name", "-name", "kind", "-kind"]

PlacesFields = Literal["id", "url", "name", "kind", "within", "capital_of", "citations"]

PlacesExpand = Literal["within", "capital_of"]

PlacesFacet = Literal["kind", "within", "source"]

IndustriesRegions = Literal[
    "sichuan", "chongqing", "chengdu", "guang-an", "china", "southwest-china", "western-inland-area"
]

IndustriesSort = Literal["id", "-id"]

IndustriesFields = Literal["id", "url", "name", "regions", "examples", "developments", "citations"]

IndustriesExpand = Literal["regions"]

IndustriesFacet = Literal["regions", "source"]

SearchType = Literal[
    "sources",
    "projects",
    "infrastructure",
    "energy",
    "quotes",
    "figures",
    "people",
    "organisations",
    "places",
    "industries",
]


def sources_query(
    *,
    id: str | Sequence[str] | None = None,
    id__not: str | Sequence[str] | None = None,
    id__isnull: bool | None = None,
    title: str | Sequence[str] | None = None,
    title__not: str | Sequence[str] | None = None,
    title__isnull: bool | None = None,
    language: str | Sequence[str] | None = None,
    language__not: str | Sequence[str] | None = None,
    language__isnull: bool | None = None,
    published_start: date | str | Sequence[date | str] | None = None,
    published_start__not: date | str | Sequence[date | str] | None = None,
    published_start__isnull: bool | None = None,
    published_start__gte: date | str | None = None,
    published_start__gt: date | str | None = None,
    published_start__lte: date | str | None = None,
    published_start__lt: date | str | None = None,
    q: str | None = None,
    sort: SourcesSort | Sequence[SourcesSort] | None = None,
    fields: SourcesFields | Sequence[SourcesFields] | None = None,
    limit: int | None = None,
    cursor: str | None = None,
    facet: SourcesFacet | Sequence[SourcesFacet] | None = None,
) -> Params:
    """The query string of `GET /v1/sources`, from its parameters. The documents the data
    is drawn from, with their full text. Filter, sort, page, facet and export; see
    parameters.

    - `id`: Stable slug; unchanged by re-seeding. Equality; several values match any of
        them. Repeat the parameter (`id=a&id=b`) or separate values with literal commas
        (`id=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as HTTP
        libraries send it.
    - `id__not`: Stable slug; unchanged by re-seeding. Exclusion: records whose id is
        none of these; records with no value match. Repeat the parameter
        (`id__not=a&id__not=b`) or separate values with literal commas (`id__not=a,b`);
        a comma inside a value is data when percent-encoded (`%2C`), as HTTP libraries
        send it.
    - `id__isnull`: true: records with no value for id (a facet's null bucket); false:
        records with one.
    - `title`: The source's own headline, or the curator's descriptive title when it has
        none (its `evidence.title` says which). Equality; several values match any of
        them. Repeat the parameter (`title=a&title=b`) or separate values with literal
        commas (`title=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `title__not`: The source's own headline, or the curator's descriptive title when
        it has none (its `evidence.title` says which). Exclusion: records whose title is
        none of these; records with no value match. Repeat the parameter
        (`title__not=a&title__not=b`) or separate values with literal commas
        (`title__not=a,b`); a comma inside a value is data when percent-encoded (`%2C`),
        as HTTP libraries send it.
    - `title__isnull`: true: records with no value for title (a facet's null bucket);
        false: records with one.
    - `language`: BCP 47 language tag. Equality; several values match any of them.
        Repeat the parameter (`language=a&language=b`) or separate values with literal
        commas (`language=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `language__not`: BCP 47 language tag. Exclusion: records whose language is none of
        these; records with no value match. Repeat the parameter
        (`language__not=a&language__not=b`) or separate values with literal commas
        (`language__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `language__isnull`: true: records with no value for language (a facet's null
        bucket); false: records with one.
    - `published_start`: Earliest possible publication day. Equality; several values
        match any of them. Repeat the parameter (`published_start=a&published_start=b`)
        or separate values with literal commas (`published_start=a,b`); a comma inside a
        value is data when percent-encoded (`%2C`), as HTTP libraries send it.
    - `published_start__not`: Earliest possible publication day. Exclusion: records
        whose published_start is none of these; records with no value match. Repeat the
        parameter (`published_start__not=a&published_start__not=b`) or separate values
        with literal commas (`published_start__not=a,b`); a comma inside a value is data
        when percent-encoded (`%2C`), as HTTP libraries send it.
    - `published_start__isnull`: true: records with no value for published_start (a
        facet's null bucket); false: records with one.
    - `published_start__gte`: published_start >= the value.
    - `published_start__gt`: published_start > the value.
    - `published_start__lte`: published_start <= the value.
    - `published_start__lt`: published_start < the value.
    - `q`: Case-insensitive text search in title, text. `%`, `_` and `\\` match
        themselves.
    - `sort`: Sort keys, `-` for descending; missing values last both ways; `id` breaks
        ties. Repeat the parameter (`sort=a&sort=b`) or separate values with literal
        commas (`sort=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `fields`: Only these fields in each item (plus `id`). Such a page is the
        `SourcePartialPage` of the answer's `anyOf`, whose items' fields are all
        optional but `id`. Repeat the parameter (`fields=a&fields=b`) or separate values
        with literal commas (`fields=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `limit`: Items per page. Default 50, at most 500.
    - `cursor`: The `next_cursor` of the previous page. Bound to the filters, `q` and
        `sort` it came with; any other combination is refused with 400.
    - `facet`: Count the records per value of these fields, under the filters. Repeat
        the parameter (`facet=a&facet=b`) or separate values with literal commas
        (`facet=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    """
    return query_params(locals())


SOURCES = Resource(
    name="sources",
    path="/v1/sources",
    page=models.SourcePage,
    item=models.SourcePublic,
    detail=models.SourceDetail,
    query=sources_query,
)


def projects_query(
    *,
    id: str | Sequence[str] | None = None,
    id__not: str | Sequence[str] | None = None,
    id__isnull: bool | None = None,
    name: str | Sequence[str] | None = None,
    name__not: str | Sequence[str] | None = None,
    name__isnull: bool | None = None,
    date_start: date | str | Sequence[date | str] | None = None,
    date_start__not: date | str | Sequence[date | str] | None = None,
    date_start__isnull: bool | None = None,
    date_start__gte: date | str | None = None,
    date_start__gt: date | str | None = None,
    date_start__lte: date | str | None = None,
    date_start__lt: date | str | None = None,
    date_precision: ProjectsDatePrecision | Sequence[ProjectsDatePrecision] | None = None,
    date_precision__not: ProjectsDatePrecision | Sequence[ProjectsDatePrecision] | None = None,
    date_precision__isnull: bool | None = None,
    date_inferred: bool | Sequence[bool] | None = None,
    date_inferred__not: bool | Sequence[bool] | None = None,
    date_inferred__isnull: bool | None = None,
    kind: ProjectsKind | Sequence[ProjectsKind] | None = None,
    kind__not: ProjectsKind | Sequence[ProjectsKind] | None = None,
    kind__isnull: bool | None = None,
    sector: ProjectsSector | Sequence[ProjectsSector] | None = None,
    sector__not: ProjectsSector | Sequence[ProjectsSector] | None = None,
    sector__isnull: bool | None = None,
    status: ProjectsStatus | Sequence[ProjectsStatus] | None = None,
    status__not: ProjectsStatus | Sequence[ProjectsStatus] | None = None,
    status__isnull: bool | None = None,
    regions: ProjectsRegions | Sequence[ProjectsRegions] | None = None,
    regions__not: ProjectsRegions | Sequence[ProjectsRegions] | None = None,
    regions__isnull: bool | None = None,
    organisations: str | Sequence[str] | None = None,
    organisations__not: str | Sequence[str] | None = None,
    organisations__isnull: bool | None = None,
    source: str | Sequence[str] | None = None,
    source__not: str | Sequence[str] | None = None,
    source__isnull: bool | None = None,
    q: str | None = None,
    sort: ProjectsSort | Sequence[ProjectsSort] | None = None,
    fields: ProjectsFields | Sequence[ProjectsFields] | None = None,
    expand: ProjectsExpand | Sequence[ProjectsExpand] | None = None,
    limit: int | None = None,
    cursor: str | None = None,
    facet: ProjectsFacet | Sequence[ProjectsFacet] | None = None,
) -> Params:
    """The query string of `GET /v1/projects`, from its parameters. Projects, programmes,
    plans, strategies and joint initiatives. Filter, sort, page, facet and export; see
    parameters.

    - `id`: Stable slug; unchanged by re-seeding. Equality; several values match any of
        them. Repeat the parameter (`id=a&id=b`) or separate values with literal commas
        (`id=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as HTTP
        libraries send it.
    - `id__not`: Stable slug; unchanged by re-seeding. Exclusion: records whose id is
        none of these; records with no value match. Repeat the parameter
        (`id__not=a&id__not=b`) or separate values with literal commas (`id__not=a,b`);
        a comma inside a value is data when percent-encoded (`%2C`), as HTTP libraries
        send it.
    - `id__isnull`: true: records with no value for id (a facet's null bucket); false:
        records with one.
    - `name`: The record's name, exactly as the source gives it. Equality; several
        values match any of them. Repeat the parameter (`name=a&name=b`) or separate
        values with literal commas (`name=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `name__not`: The record's name, exactly as the source gives it. Exclusion: records
        whose name is none of these; records with no value match. Repeat the parameter
        (`name__not=a&name__not=b`) or separate values with literal commas
        (`name__not=a,b`); a comma inside a value is data when percent-encoded (`%2C`),
        as HTTP libraries send it.
    - `name__isnull`: true: records with no value for name (a facet's null bucket);
        false: records with one.
    - `date_start`: First day of the dated event, ISO 8601. Equality; several values
        match any of them. Repeat the parameter (`date_start=a&date_start=b`) or
        separate values with literal commas (`date_start=a,b`); a comma inside a value
        is data when percent-encoded (`%2C`), as HTTP libraries send it.
    - `date_start__not`: First day of the dated event, ISO 8601. Exclusion: records
        whose date_start is none of these; records with no value match. Repeat the
        parameter (`date_start__not=a&date_start__not=b`) or separate values with
        literal commas (`date_start__not=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `date_start__isnull`: true: records with no value for date_start (a facet's null
        bucket); false: records with one.
    - `date_start__gte`: date_start >= the value.
    - `date_start__gt`: date_start > the value.
    - `date_start__lte`: date_start <= the value.
    - `date_start__lt`: date_start < the value.
    - `date_precision`: Precision of the date. Equality; several values match any of
        them. Repeat the parameter (`date_precision=a&date_precision=b`) or separate
        values with literal commas (`date_precision=a,b`); a comma inside a value is
        data when percent-encoded (`%2C`), as HTTP libraries send it.
    - `date_precision__not`: Precision of the date. Exclusion: records whose
        date_precision is none of these; records with no value match. Repeat the
        parameter (`date_precision__not=a&date_precision__not=b`) or separate values
        with literal commas (`date_precision__not=a,b`); a comma inside a value is data
        when percent-encoded (`%2C`), as HTTP libraries send it.
    - `date_precision__isnull`: true: records with no value for date_precision (a
        facet's null bucket); false: records with one.
    - `date_inferred`: True when the source does not write the year (or more) and it was
        inferred. Equality; several values match any of them. Repeat the parameter
        (`date_inferred=a&date_inferred=b`) or separate values with literal commas
        (`date_inferred=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `date_inferred__not`: True when the source does not write the year (or more) and
        it was inferred. Exclusion: records whose date_inferred is none of these;
        records with no value match. Repeat the parameter
        (`date_inferred__not=a&date_inferred__not=b`) or separate values with literal
        commas (`date_inferred__not=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `date_inferred__isnull`: true: records with no value for date_inferred (a facet's
        null bucket); false: records with one.
    - `kind`: What sort of undertaking. Equality; several values match any of them.
        Repeat the parameter (`kind=a&kind=b`) or separate values with literal commas
        (`kind=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    - `kind__not`: What sort of undertaking. Exclusion: records whose kind is none of
        these; records with no value match. Repeat the parameter
        (`kind__not=a&kind__not=b`) or separate values with literal commas
        (`kind__not=a,b`); a comma inside a value is data when percent-encoded (`%2C`),
        as HTTP libraries send it.
    - `kind__isnull`: true: records with no value for kind (a facet's null bucket);
        false: records with one.
    - `sector`: The sector it belongs to. Equality; several values match any of them.
        Repeat the parameter (`sector=a&sector=b`) or separate values with literal
        commas (`sector=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `sector__not`: The sector it belongs to. Exclusion: records whose sector is none
        of these; records with no value match. Repeat the parameter
        (`sector__not=a&sector__not=b`) or separate values with literal commas
        (`sector__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `sector__isnull`: true: records with no value for sector (a facet's null bucket);
        false: records with one.
    - `status`: Where it stands, as the source reports it. Equality; several values
        match any of them. Repeat the parameter (`status=a&status=b`) or separate values
        with literal commas (`status=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `status__not`: Where it stands, as the source reports it. Exclusion: records whose
        status is none of these; records with no value match. Repeat the parameter
        (`status__not=a&status__not=b`) or separate values with literal commas
        (`status__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `status__isnull`: true: records with no value for status (a facet's null bucket);
        false: records with one.
    - `regions`: The places the record concerns, as stated. A `regions` filter matches a
        place and every place within it (regions=sichuan matches Chengdu's records too;
        the hierarchy is /v1/places), and so do facet counts. Equality; several values
        match any of them. The record matches when any of its values is given. Repeat
        the parameter (`regions=a&regions=b`) or separate values with literal commas
        (`regions=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    - `regions__not`: The places the record concerns, as stated. A `regions` filter
        matches a place and every place within it (regions=sichuan matches Chengdu's
        records too; the hierarchy is /v1/places), and so do facet counts. Exclusion:
        records whose regions is none of these; records with no values match. Repeat the
        parameter (`regions__not=a&regions__not=b`) or separate values with literal
        commas (`regions__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `regions__isnull`: true: records with no values for regions (a facet's null
        bucket); false: records with one.
    - `organisations`: Ids of the organisations involved. Equality; several values match
        any of them. The record matches when any of its values is given. Repeat the
        parameter (`organisations=a&organisations=b`) or separate values with literal
        commas (`organisations=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `organisations__not`: Ids of the organisations involved. Exclusion: records whose
        organisations is none of these; records with no values match. Repeat the
        parameter (`organisations__not=a&organisations__not=b`) or separate values with
        literal commas (`organisations__not=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `organisations__isnull`: true: records with no values for organisations (a facet's
        null bucket); false: records with one.
    - `source`: The id of a source the record cites. Equality; several values match any
        of them. The record matches when any of its values is given. Repeat the
        parameter (`source=a&source=b`) or separate values with literal commas
        (`source=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    - `source__not`: The id of a source the record cites. Exclusion: records whose
        source is none of these; records with no values match. Repeat the parameter
        (`source__not=a&source__not=b`) or separate values with literal commas
        (`source__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `source__isnull`: true: records with no values for source (a facet's null bucket);
        false: records with one.
    - `q`: Case-insensitive text search in name, description. `%`, `_` and `\\` match
        themselves.
    - `sort`: Sort keys, `-` for descending; missing values last both ways; `id` breaks
        ties. Repeat the parameter (`sort=a&sort=b`) or separate values with literal
        commas (`sort=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `fields`: Only these fields in each item (plus `id`). Such a page is the
        `ProjectPartialPage` of the answer's `anyOf`, whose items' fields are all
        optional but `id`. Repeat the parameter (`fields=a&fields=b`) or separate values
        with literal commas (`fields=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `expand`: Embed the records these fields point to, one level deep, in each
        record's `expanded` (typed by `ProjectExpanded`). Repeat the parameter
        (`expand=a&expand=b`) or separate values with literal commas (`expand=a,b`); a
        comma inside a value is data when percent-encoded (`%2C`), as HTTP libraries
        send it.
    - `limit`: Items per page. Default 50, at most 500.
    - `cursor`: The `next_cursor` of the previous page. Bound to the filters, `q` and
        `sort` it came with; any other combination is refused with 400.
    - `facet`: Count the records per value of these fields, under the filters. Repeat
        the parameter (`facet=a&facet=b`) or separate values with literal commas
        (`facet=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    """
    return query_params(locals())


PROJECTS = Resource(
    name="projects",
    path="/v1/projects",
    page=models.ProjectPage,
    item=models.ProjectPublic,
    detail=models.ProjectDetail,
    query=projects_query,
)


def infrastructure_query(
    *,
    id: str | Sequence[str] | None = None,
    id__not: str | Sequence[str] | None = None,
    id__isnull: bool | None = None,
    name: str | Sequence[str] | None = None,
    name__not: str | Sequence[str] | None = None,
    name__isnull: bool | None = None,
    date_start: date | str | Sequence[date | str] | None = None,
    date_start__not: date | str | Sequence[date | str] | None = None,
    date_start__isnull: bool | None = None,
    date_start__gte: date | str | None = None,
    date_start__gt: date | str | None = None,
    date_start__lte: date | str | None = None,
    date_start__lt: date | str | None = None,
    date_precision: InfrastructureDatePrecision
    | Sequence[InfrastructureDatePrecision]
    | None = None,
    date_precision__not: InfrastructureDatePrecision
    | Sequence[InfrastructureDatePrecision]
    | None = None,
    date_precision__isnull: bool | None = None,
    date_inferred: bool | Sequence[bool] | None = None,
    date_inferred__not: bool | Sequence[bool] | None = None,
    date_inferred__isnull: bool | None = None,
    mode: InfrastructureMode | Sequence[InfrastructureMode] | None = None,
    mode__not: InfrastructureMode | Sequence[InfrastructureMode] | None = None,
    mode__isnull: bool | None = None,
    status: InfrastructureStatus | Sequence[InfrastructureStatus] | None = None,
    status__not: InfrastructureStatus | Sequence[InfrastructureStatus] | None = None,
    status__isnull: bool | None = None,
    regions: InfrastructureRegions | Sequence[InfrastructureRegions] | None = None,
    regions__not: InfrastructureRegions | Sequence[InfrastructureRegions] | None = None,
    regions__isnull: bool | None = None,
    source: str | Sequence[str] | None = None,
    source__not: str | Sequence[str] | None = None,
    source__isnull: bool | None = None,
    q: str | None = None,
    sort: InfrastructureSort | Sequence[InfrastructureSort] | None = None,
    fields: InfrastructureFields | Sequence[InfrastructureFields] | None = None,
    expand: InfrastructureExpand | Sequence[InfrastructureExpand] | None = None,
    limit: int | None = None,
    cursor: str | None = None,
    facet: InfrastructureFacet | Sequence[InfrastructureFacet] | None = None,
) -> Params:
    """The query string of `GET /v1/infrastructure`, from its parameters. Physical networks
    and assets: railways, roads, airports, power lines, pipelines. Filter, sort, page,
    facet and export; see parameters.

    - `id`: Stable slug; unchanged by re-seeding. Equality; several values match any of
        them. Repeat the parameter (`id=a&id=b`) or separate values with literal commas
        (`id=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as HTTP
        libraries send it.
    - `id__not`: Stable slug; unchanged by re-seeding. Exclusion: records whose id is
        none of these; records with no value match. Repeat the parameter
        (`id__not=a&id__not=b`) or separate values with literal commas (`id__not=a,b`);
        a comma inside a value is data when percent-encoded (`%2C`), as HTTP libraries
        send it.
    - `id__isnull`: true: records with no value for id (a facet's null bucket); false:
        records with one.
    - `name`: The record's name, exactly as the source gives it. Equality; several
        values match any of them. Repeat the parameter (`name=a&name=b`) or separate
        values with literal commas (`name=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `name__not`: The record's name, exactly as the source gives it. Exclusion: records
        whose name is none of these; records with no value match. Repeat the parameter
        (`name__not=a&name__not=b`) or separate values with literal commas
        (`name__not=a,b`); a comma inside a value is data when percent-encoded (`%2C`),
        as HTTP libraries send it.
    - `name__isnull`: true: records with no value for name (a facet's null bucket);
        false: records with one.
    - `date_start`: First day of the dated event, ISO 8601. Equality; several values
        match any of them. Repeat the parameter (`date_start=a&date_start=b`) or
        separate values with literal commas (`date_start=a,b`); a comma inside a value
        is data when percent-encoded (`%2C`), as HTTP libraries send it.
    - `date_start__not`: First day of the dated event, ISO 8601. Exclusion: records
        whose date_start is none of these; records with no value match. Repeat the
        parameter (`date_start__not=a&date_start__not=b`) or separate values with
        literal commas (`date_start__not=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `date_start__isnull`: true: records with no value for date_start (a facet's null
        bucket); false: records with one.
    - `date_start__gte`: date_start >= the value.
    - `date_start__gt`: date_start > the value.
    - `date_start__lte`: date_start <= the value.
    - `date_start__lt`: date_start < the value.
    - `date_precision`: Precision of the date. Equality; several values match any of
        them. Repeat the parameter (`date_precision=a&date_precision=b`) or separate
        values with literal commas (`date_precision=a,b`); a comma inside a value is
        data when percent-encoded (`%2C`), as HTTP libraries send it.
    - `date_precision__not`: Precision of the date. Exclusion: records whose
        date_precision is none of these; records with no value match. Repeat the
        parameter (`date_precision__not=a&date_precision__not=b`) or separate values
        with literal commas (`date_precision__not=a,b`); a comma inside a value is data
        when percent-encoded (`%2C`), as HTTP libraries send it.
    - `date_precision__isnull`: true: records with no value for date_precision (a
        facet's null bucket); false: records with one.
    - `date_inferred`: True when the source does not write the year (or more) and it was
        inferred. Equality; several values match any of them. Repeat the parameter
        (`date_inferred=a&date_inferred=b`) or separate values with literal commas
        (`date_inferred=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `date_inferred__not`: True when the source does not write the year (or more) and
        it was inferred. Exclusion: records whose date_inferred is none of these;
        records with no value match. Repeat the parameter
        (`date_inferred__not=a&date_inferred__not=b`) or separate values with literal
        commas (`date_inferred__not=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `date_inferred__isnull`: true: records with no value for date_inferred (a facet's
        null bucket); false: records with one.
    - `mode`: The kind of network or asset. Equality; several values match any of them.
        Repeat the parameter (`mode=a&mode=b`) or separate values with literal commas
        (`mode=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    - `mode__not`: The kind of network or asset. Exclusion: records whose mode is none
        of these; records with no value match. Repeat the parameter
        (`mode__not=a&mode__not=b`) or separate values with literal commas
        (`mode__not=a,b`); a comma inside a value is data when percent-encoded (`%2C`),
        as HTTP libraries send it.
    - `mode__isnull`: true: records with no value for mode (a facet's null bucket);
        false: records with one.
    - `status`: Where it stands, as the source reports it. Equality; several values
        match any of them. Repeat the parameter (`status=a&status=b`) or separate values
        with literal commas (`status=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `status__not`: Where it stands, as the source reports it. Exclusion: records whose
        status is none of these; records with no value match. Repeat the parameter
        (`status__not=a&status__not=b`) or separate values with literal commas
        (`status__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `status__isnull`: true: records with no value for status (a facet's null bucket);
        false: records with one.
    - `regions`: The places the record concerns, as stated. A `regions` filter matches a
        place and every place within it (regions=sichuan matches Chengdu's records too;
        the hierarchy is /v1/places), and so do facet counts. Equality; several values
        match any of them. The record matches when any of its values is given. Repeat
        the parameter (`regions=a&regions=b`) or separate values with literal commas
        (`regions=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    - `regions__not`: The places the record concerns, as stated. A `regions` filter
        matches a place and every place within it (regions=sichuan matches Chengdu's
        records too; the hierarchy is /v1/places), and so do facet counts. Exclusion:
        records whose regions is none of these; records with no values match. Repeat the
        parameter (`regions__not=a&regions__not=b`) or separate values with literal
        commas (`regions__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `regions__isnull`: true: records with no values for regions (a facet's null
        bucket); false: records with one.
    - `source`: The id of a source the record cites. Equality; several values match any
        of them. The record matches when any of its values is given. Repeat the
        parameter (`source=a&source=b`) or separate values with literal commas
        (`source=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    - `source__not`: The id of a source the record cites. Exclusion: records whose
        source is none of these; records with no values match. Repeat the parameter
        (`source__not=a&source__not=b`) or separate values with literal commas
        (`source__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `source__isnull`: true: records with no values for source (a facet's null bucket);
        false: records with one.
    - `q`: Case-insensitive text search in name, description. `%`, `_` and `\\` match
        themselves.
    - `sort`: Sort keys, `-` for descending; missing values last both ways; `id` breaks
        ties. Repeat the parameter (`sort=a&sort=b`) or separate values with literal
        commas (`sort=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `fields`: Only these fields in each item (plus `id`). Such a page is the
        `InfrastructurePartialPage` of the answer's `anyOf`, whose items' fields are all
        optional but `id`. Repeat the parameter (`fields=a&fields=b`) or separate values
        with literal commas (`fields=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `expand`: Embed the records these fields point to, one level deep, in each
        record's `expanded` (typed by `InfrastructureExpanded`). Repeat the parameter
        (`expand=a&expand=b`) or separate values with literal commas (`expand=a,b`); a
        comma inside a value is data when percent-encoded (`%2C`), as HTTP libraries
        send it.
    - `limit`: Items per page. Default 50, at most 500.
    - `cursor`: The `next_cursor` of the previous page. Bound to the filters, `q` and
        `sort` it came with; any other combination is refused with 400.
    - `facet`: Count the records per value of these fields, under the filters. Repeat
        the parameter (`facet=a&facet=b`) or separate values with literal commas
        (`facet=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    """
    return query_params(locals())


INFRASTRUCTURE = Resource(
    name="infrastructure",
    path="/v1/infrastructure",
    page=models.InfrastructurePage,
    item=models.InfrastructurePublic,
    detail=models.InfrastructureDetail,
    query=infrastructure_query,
)


def energy_query(
    *,
    id: str | Sequence[str] | None = None,
    id__not: str | Sequence[str] | None = None,
    id__isnull: bool | None = None,
    name: str | Sequence[str] | None = None,
    name__not: str | Sequence[str] | None = None,
    name__isnull: bool | None = None,
    date_start: date | str | Sequence[date | str] | None = None,
    date_start__not: date | str | Sequence[date | str] | None = None,
    date_start__isnull: bool | None = None,
    date_start__gte: date | str | None = None,
    date_start__gt: date | str | None = None,
    date_start__lte: date | str | None = None,
    date_start__lt: date | str | None = None,
    date_precision: EnergyDatePrecision | Sequence[EnergyDatePrecision] | None = None,
    date_precision__not: EnergyDatePrecision | Sequence[EnergyDatePrecision] | None = None,
    date_precision__isnull: bool | None = None,
    date_inferred: bool | Sequence[bool] | None = None,
    date_inferred__not: bool | Sequence[bool] | None = None,
    date_inferred__isnull: bool | None = None,
    kind: EnergyKind | Sequence[EnergyKind] | None = None,
    kind__not: EnergyKind | Sequence[EnergyKind] | None = None,
    kind__isnull: bool | None = None,
    carrier: EnergyCarrier | Sequence[EnergyCarrier] | None = None,
    carrier__not: EnergyCarrier | Sequence[EnergyCarrier] | None = None,
    carrier__isnull: bool | None = None,
    status: EnergyStatus | Sequence[EnergyStatus] | None = None,
    status__not: EnergyStatus | Sequence[EnergyStatus] | None = None,
    status__isnull: bool | None = None,
    regions: EnergyRegions | Sequence[EnergyRegions] | None = None,
    regions__not: EnergyRegions | Sequence[EnergyRegions] | None = None,
    regions__isnull: bool | None = None,
    source: str | Sequence[str] | None = None,
    source__not: str | Sequence[str] | None = None,
    source__isnull: bool | None = None,
    q: str | None = None,
    sort: EnergySort | Sequence[EnergySort] | None = None,
    fields: EnergyFields | Sequence[EnergyFields] | None = None,
    expand: EnergyExpand | Sequence[EnergyExpand] | None = None,
    limit: int | None = None,
    cursor: str | None = None,
    facet: EnergyFacet | Sequence[EnergyFacet] | None = None,
) -> Params:
    """The query string of `GET /v1/energy`, from its parameters. Energy assets and energy
    measurements; a measurement's numbers are its figures. Filter, sort, page, facet and
    export; see parameters.

    - `id`: Stable slug; unchanged by re-seeding. Equality; several values match any of
        them. Repeat the parameter (`id=a&id=b`) or separate values with literal commas
        (`id=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as HTTP
        libraries send it.
    - `id__not`: Stable slug; unchanged by re-seeding. Exclusion: records whose id is
        none of these; records with no value match. Repeat the parameter
        (`id__not=a&id__not=b`) or separate values with literal commas (`id__not=a,b`);
        a comma inside a value is data when percent-encoded (`%2C`), as HTTP libraries
        send it.
    - `id__isnull`: true: records with no value for id (a facet's null bucket); false:
        records with one.
    - `name`: The record's name, exactly as the source gives it. Equality; several
        values match any of them. Repeat the parameter (`name=a&name=b`) or separate
        values with literal commas (`name=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `name__not`: The record's name, exactly as the source gives it. Exclusion: records
        whose name is none of these; records with no value match. Repeat the parameter
        (`name__not=a&name__not=b`) or separate values with literal commas
        (`name__not=a,b`); a comma inside a value is data when percent-encoded (`%2C`),
        as HTTP libraries send it.
    - `name__isnull`: true: records with no value for name (a facet's null bucket);
        false: records with one.
    - `date_start`: First day of the dated event, ISO 8601. Equality; several values
        match any of them. Repeat the parameter (`date_start=a&date_start=b`) or
        separate values with literal commas (`date_start=a,b`); a comma inside a value
        is data when percent-encoded (`%2C`), as HTTP libraries send it.
    - `date_start__not`: First day of the dated event, ISO 8601. Exclusion: records
        whose date_start is none of these; records with no value match. Repeat the
        parameter (`date_start__not=a&date_start__not=b`) or separate values with
        literal commas (`date_start__not=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `date_start__isnull`: true: records with no value for date_start (a facet's null
        bucket); false: records with one.
    - `date_start__gte`: date_start >= the value.
    - `date_start__gt`: date_start > the value.
    - `date_start__lte`: date_start <= the value.
    - `date_start__lt`: date_start < the value.
    - `date_precision`: Precision of the date. Equality; several values match any of
        them. Repeat the parameter (`date_precision=a&date_precision=b`) or separate
        values with literal commas (`date_precision=a,b`); a comma inside a value is
        data when percent-encoded (`%2C`), as HTTP libraries send it.
    - `date_precision__not`: Precision of the date. Exclusion: records whose
        date_precision is none of these; records with no value match. Repeat the
        parameter (`date_precision__not=a&date_precision__not=b`) or separate values
        with literal commas (`date_precision__not=a,b`); a comma inside a value is data
        when percent-encoded (`%2C`), as HTTP libraries send it.
    - `date_precision__isnull`: true: records with no value for date_precision (a
        facet's null bucket); false: records with one.
    - `date_inferred`: True when the source does not write the year (or more) and it was
        inferred. Equality; several values match any of them. Repeat the parameter
        (`date_inferred=a&date_inferred=b`) or separate values with literal commas
        (`date_inferred=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `date_inferred__not`: True when the source does not write the year (or more) and
        it was inferred. Exclusion: records whose date_inferred is none of these;
        records with no value match. Repeat the parameter
        (`date_inferred__not=a&date_inferred__not=b`) or separate values with literal
        commas (`date_inferred__not=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `date_inferred__isnull`: true: records with no value for date_inferred (a facet's
        null bucket); false: records with one.
    - `kind`: An asset or a measurement. Equality; several values match any of them.
        Repeat the parameter (`kind=a&kind=b`) or separate values with literal commas
        (`kind=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    - `kind__not`: An asset or a measurement. Exclusion: records whose kind is none of
        these; records with no value match. Repeat the parameter
        (`kind__not=a&kind__not=b`) or separate values with literal commas
        (`kind__not=a,b`); a comma inside a value is data when percent-encoded (`%2C`),
        as HTTP libraries send it.
    - `kind__isnull`: true: records with no value for kind (a facet's null bucket);
        false: records with one.
    - `carrier`: The form of energy. Equality; several values match any of them. Repeat
        the parameter (`carrier=a&carrier=b`) or separate values with literal commas
        (`carrier=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    - `carrier__not`: The form of energy. Exclusion: records whose carrier is none of
        these; records with no value match. Repeat the parameter
        (`carrier__not=a&carrier__not=b`) or separate values with literal commas
        (`carrier__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `carrier__isnull`: true: records with no value for carrier (a facet's null
        bucket); false: records with one.
    - `status`: Where it stands, as the source reports it. Equality; several values
        match any of them. Repeat the parameter (`status=a&status=b`) or separate values
        with literal commas (`status=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `status__not`: Where it stands, as the source reports it. Exclusion: records whose
        status is none of these; records with no value match. Repeat the parameter
        (`status__not=a&status__not=b`) or separate values with literal commas
        (`status__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `status__isnull`: true: records with no value for status (a facet's null bucket);
        false: records with one.
    - `regions`: The places the record concerns, as stated. A `regions` filter matches a
        place and every place within it (regions=sichuan matches Chengdu's records too;
        the hierarchy is /v1/places), and so do facet counts. Equality; several values
        match any of them. The record matches when any of its values is given. Repeat
        the parameter (`regions=a&regions=b`) or separate values with literal commas
        (`regions=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    - `regions__not`: The places the record concerns, as stated. A `regions` filter
        matches a place and every place within it (regions=sichuan matches Chengdu's
        records too; the hierarchy is /v1/places), and so do facet counts. Exclusion:
        records whose regions is none of these; records with no values match. Repeat the
        parameter (`regions__not=a&regions__not=b`) or separate values with literal
        commas (`regions__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `regions__isnull`: true: records with no values for regions (a facet's null
        bucket); false: records with one.
    - `source`: The id of a source the record cites. Equality; several values match any
        of them. The record matches when any of its values is given. Repeat the
        parameter (`source=a&source=b`) or separate values with literal commas
        (`source=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    - `source__not`: The id of a source the record cites. Exclusion: records whose
        source is none of these; records with no values match. Repeat the parameter
        (`source__not=a&source__not=b`) or separate values with literal commas
        (`source__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `source__isnull`: true: records with no values for source (a facet's null bucket);
        false: records with one.
    - `q`: Case-insensitive text search in name, description. `%`, `_` and `\\` match
        themselves.
    - `sort`: Sort keys, `-` for descending; missing values last both ways; `id` breaks
        ties. Repeat the parameter (`sort=a&sort=b`) or separate values with literal
        commas (`sort=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `fields`: Only these fields in each item (plus `id`). Such a page is the
        `EnergyPartialPage` of the answer's `anyOf`, whose items' fields are all
        optional but `id`. Repeat the parameter (`fields=a&fields=b`) or separate values
        with literal commas (`fields=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `expand`: Embed the records these fields point to, one level deep, in each
        record's `expanded` (typed by `EnergyExpanded`). Repeat the parameter
        (`expand=a&expand=b`) or separate values with literal commas (`expand=a,b`); a
        comma inside a value is data when percent-encoded (`%2C`), as HTTP libraries
        send it.
    - `limit`: Items per page. Default 50, at most 500.
    - `cursor`: The `next_cursor` of the previous page. Bound to the filters, `q` and
        `sort` it came with; any other combination is refused with 400.
    - `facet`: Count the records per value of these fields, under the filters. Repeat
        the parameter (`facet=a&facet=b`) or separate values with literal commas
        (`facet=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    """
    return query_params(locals())


ENERGY = Resource(
    name="energy",
    path="/v1/energy",
    page=models.EnergyPage,
    item=models.EnergyPublic,
    detail=models.EnergyDetail,
    query=energy_query,
)


def quotes_query(
    *,
    id: str | Sequence[str] | None = None,
    id__not: str | Sequence[str] | None = None,
    id__isnull: bool | None = None,
    kind: QuotesKind | Sequence[QuotesKind] | None = None,
    kind__not: QuotesKind | Sequence[QuotesKind] | None = None,
    kind__isnull: bool | None = None,
    speaker_id: str | Sequence[str] | None = None,
    speaker_id__not: str | Sequence[str] | None = None,
    speaker_id__isnull: bool | None = None,
    speaker_name: str | Sequence[str] | None = None,
    speaker_name__not: str | Sequence[str] | None = None,
    speaker_name__isnull: bool | None = None,
    organisation_id: str | Sequence[str] | None = None,
    organisation_id__not: str | Sequence[str] | None = None,
    organisation_id__isnull: bool | None = None,
    regions: QuotesRegions | Sequence[QuotesRegions] | None = None,
    regions__not: QuotesRegions | Sequence[QuotesRegions] | None = None,
    regions__isnull: bool | None = None,
    source: str | Sequence[str] | None = None,
    source__not: str | Sequence[str] | None = None,
    source__isnull: bool | None = None,
    q: str | None = None,
    sort: QuotesSort | Sequence[QuotesSort] | None = None,
    fields: QuotesFields | Sequence[QuotesFields] | None = None,
    expand: QuotesExpand | Sequence[QuotesExpand] | None = None,
    limit: int | None = None,
    cursor: str | None = None,
    facet: QuotesFacet | Sequence[QuotesFacet] | None = None,
) -> Params:
    """The query string of `GET /v1/quotes`, from its parameters. Statements attributed to
    a named person, direct or reported. Filter, sort, page, facet and export; see
    parameters.

    - `id`: Stable slug; unchanged by re-seeding. Equality; several values match any of
        them. Repeat the parameter (`id=a&id=b`) or separate values with literal commas
        (`id=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as HTTP
        libraries send it.
    - `id__not`: Stable slug; unchanged by re-seeding. Exclusion: records whose id is
        none of these; records with no value match. Repeat the parameter
        (`id__not=a&id__not=b`) or separate values with literal commas (`id__not=a,b`);
        a comma inside a value is data when percent-encoded (`%2C`), as HTTP libraries
        send it.
    - `id__isnull`: true: records with no value for id (a facet's null bucket); false:
        records with one.
    - `kind`: direct: in quotation marks; reported: reported speech. Equality; several
        values match any of them. Repeat the parameter (`kind=a&kind=b`) or separate
        values with literal commas (`kind=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `kind__not`: direct: in quotation marks; reported: reported speech. Exclusion:
        records whose kind is none of these; records with no value match. Repeat the
        parameter (`kind__not=a&kind__not=b`) or separate values with literal commas
        (`kind__not=a,b`); a comma inside a value is data when percent-encoded (`%2C`),
        as HTTP libraries send it.
    - `kind__isnull`: true: records with no value for kind (a facet's null bucket);
        false: records with one.
    - `speaker_id`: The speaker's id. Equality; several values match any of them. Repeat
        the parameter (`speaker_id=a&speaker_id=b`) or separate values with literal
        commas (`speaker_id=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `speaker_id__not`: The speaker's id. Exclusion: records whose speaker_id is none
        of these; records with no value match. Repeat the parameter
        (`speaker_id__not=a&speaker_id__not=b`) or separate values with literal commas
        (`speaker_id__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `speaker_id__isnull`: true: records with no value for speaker_id (a facet's null
        bucket); false: records with one.
    - `speaker_name`: The speaker's name, exactly. Equality; several values match any of
        them. Repeat the parameter (`speaker_name=a&speaker_name=b`) or separate values
        with literal commas (`speaker_name=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `speaker_name__not`: The speaker's name, exactly. Exclusion: records whose
        speaker_name is none of these; records with no value match. Repeat the parameter
        (`speaker_name__not=a&speaker_name__not=b`) or separate values with literal
        commas (`speaker_name__not=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `speaker_name__isnull`: true: records with no value for speaker_name (a facet's
        null bucket); false: records with one.
    - `organisation_id`: The speaker's organisation's id. Equality; several values match
        any of them. Repeat the parameter (`organisation_id=a&organisation_id=b`) or
        separate values with literal commas (`organisation_id=a,b`); a comma inside a
        value is data when percent-encoded (`%2C`), as HTTP libraries send it.
    - `organisation_id__not`: The speaker's organisation's id. Exclusion: records whose
        organisation_id is none of these; records with no value match. Repeat the
        parameter (`organisation_id__not=a&organisation_id__not=b`) or separate values
        with literal commas (`organisation_id__not=a,b`); a comma inside a value is data
        when percent-encoded (`%2C`), as HTTP libraries send it.
    - `organisation_id__isnull`: true: records with no value for organisation_id (a
        facet's null bucket); false: records with one.
    - `regions`: The places the record concerns, as stated. A `regions` filter matches a
        place and every place within it (regions=sichuan matches Chengdu's records too;
        the hierarchy is /v1/places), and so do facet counts. Equality; several values
        match any of them. The record matches when any of its values is given. Repeat
        the parameter (`regions=a&regions=b`) or separate values with literal commas
        (`regions=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    - `regions__not`: The places the record concerns, as stated. A `regions` filter
        matches a place and every place within it (regions=sichuan matches Chengdu's
        records too; the hierarchy is /v1/places), and so do facet counts. Exclusion:
        records whose regions is none of these; records with no values match. Repeat the
        parameter (`regions__not=a&regions__not=b`) or separate values with literal
        commas (`regions__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `regions__isnull`: true: records with no values for regions (a facet's null
        bucket); false: records with one.
    - `source`: The id of a source the record cites. Equality; several values match any
        of them. The record matches when any of its values is given. Repeat the
        parameter (`source=a&source=b`) or separate values with literal commas
        (`source=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    - `source__not`: The id of a source the record cites. Exclusion: records whose
        source is none of these; records with no values match. Repeat the parameter
        (`source__not=a&source__not=b`) or separate values with literal commas
        (`source__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `source__isnull`: true: records with no values for source (a facet's null bucket);
        false: records with one.
    - `q`: Case-insensitive text search in text, speaker_name, speaker_role,
        organisation_name. `%`, `_` and `\\` match themselves.
    - `sort`: Sort keys, `-` for descending; missing values last both ways; `id` breaks
        ties. Repeat the parameter (`sort=a&sort=b`) or separate values with literal
        commas (`sort=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `fields`: Only these fields in each item (plus `id`). Such a page is the
        `QuotePartialPage` of the answer's `anyOf`, whose items' fields are all optional
        but `id`. Repeat the parameter (`fields=a&fields=b`) or separate values with
        literal commas (`fields=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `expand`: Embed the records these fields point to, one level deep, in each
        record's `expanded` (typed by `QuoteExpanded`). Repeat the parameter
        (`expand=a&expand=b`) or separate values with literal commas (`expand=a,b`); a
        comma inside a value is data when percent-encoded (`%2C`), as HTTP libraries
        send it.
    - `limit`: Items per page. Default 50, at most 500.
    - `cursor`: The `next_cursor` of the previous page. Bound to the filters, `q` and
        `sort` it came with; any other combination is refused with 400.
    - `facet`: Count the records per value of these fields, under the filters. Repeat
        the parameter (`facet=a&facet=b`) or separate values with literal commas
        (`facet=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    """
    return query_params(locals())


QUOTES = Resource(
    name="quotes",
    path="/v1/quotes",
    page=models.QuotePage,
    item=models.QuotePublic,
    detail=models.QuoteDetail,
    query=quotes_query,
)


def figures_query(
    *,
    id: str | Sequence[str] | None = None,
    id__not: str | Sequence[str] | None = None,
    id__isnull: bool | None = None,
    subject_resource: FiguresSubjectResource | Sequence[FiguresSubjectResource] | None = None,
    subject_resource__not: FiguresSubjectResource | Sequence[FiguresSubjectResource] | None = None,
    subject_resource__isnull: bool | None = None,
    subject_id: str | Sequence[str] | None = None,
    subject_id__not: str | Sequence[str] | None = None,
    subject_id__isnull: bool | None = None,
    measure: str | Sequence[str] | None = None,
    measure__not: str | Sequence[str] | None = None,
    measure__isnull: bool | None = None,
    value: float | Sequence[float] | None = None,
    value__not: float | Sequence[float] | None = None,
    value__isnull: bool | None = None,
    value__gte: float | None = None,
    value__gt: float | None = None,
    value__lte: float | None = None,
    value__lt: float | None = None,
    unit: FiguresUnit | Sequence[FiguresUnit] | None = None,
    unit__not: FiguresUnit | Sequence[FiguresUnit] | None = None,
    unit__isnull: bool | None = None,
    qualifier: FiguresQualifier | Sequence[FiguresQualifier] | None = None,
    qualifier__not: FiguresQualifier | Sequence[FiguresQualifier] | None = None,
    qualifier__isnull: bool | None = None,
    projected: bool | Sequence[bool] | None = None,
    projected__not: bool | Sequence[bool] | None = None,
    projected__isnull: bool | None = None,
    period_start: date | str | Sequence[date | str] | None = None,
    period_start__not: date | str | Sequence[date | str] | None = None,
    period_start__isnull: bool | None = None,
    period_start__gte: date | str | None = None,
    period_start__gt: date | str | None = None,
    period_start__lte: date | str | None = None,
    period_start__lt: date | str | None = None,
    period_end: date | str | Sequence[date | str] | None = None,
    period_end__not: date | str | Sequence[date | str] | None = None,
    period_end__isnull: bool | None = None,
    period_end__gte: date | str | None = None,
    period_end__gt: date | str | None = None,
    period_end__lte: date | str | None = None,
    period_end__lt: date | str | None = None,
    period_precision: FiguresPeriodPrecision | Sequence[FiguresPeriodPrecision] | None = None,
    period_precision__not: FiguresPeriodPrecision | Sequence[FiguresPeriodPrecision] | None = None,
    period_precision__isnull: bool | None = None,
    period_ended_when_reported: bool | Sequence[bool] | None = None,
    period_ended_when_reported__not: bool | Sequence[bool] | None = None,
    period_ended_when_reported__isnull: bool | None = None,
    source: str | Sequence[str] | None = None,
    source__not: str | Sequence[str] | None = None,
    source__isnull: bool | None = None,
    q: str | None = None,
    sort: FiguresSort | Sequence[FiguresSort] | None = None,
    fields: FiguresFields | Sequence[FiguresFields] | None = None,
    expand: FiguresExpand | Sequence[FiguresExpand] | None = None,
    limit: int | None = None,
    cursor: str | None = None,
    facet: FiguresFacet | Sequence[FiguresFacet] | None = None,
) -> Params:
    """The query string of `GET /v1/figures`, from its parameters. Every number the sources
    state, typed, in a base unit, linked to its subject. Filter, sort, page, facet and
    export; see parameters.

    - `id`: Stable slug; unchanged by re-seeding. Equality; several values match any of
        them. Repeat the parameter (`id=a&id=b`) or separate values with literal commas
        (`id=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as HTTP
        libraries send it.
    - `id__not`: Stable slug; unchanged by re-seeding. Exclusion: records whose id is
        none of these; records with no value match. Repeat the parameter
        (`id__not=a&id__not=b`) or separate values with literal commas (`id__not=a,b`);
        a comma inside a value is data when percent-encoded (`%2C`), as HTTP libraries
        send it.
    - `id__isnull`: true: records with no value for id (a facet's null bucket); false:
        records with one.
    - `subject_resource`: The resource of the record described. Equality; several values
        match any of them. Repeat the parameter
        (`subject_resource=a&subject_resource=b`) or separate values with literal commas
        (`subject_resource=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `subject_resource__not`: The resource of the record described. Exclusion: records
        whose subject_resource is none of these; records with no value match. Repeat the
        parameter (`subject_resource__not=a&subject_resource__not=b`) or separate values
        with literal commas (`subject_resource__not=a,b`); a comma inside a value is
        data when percent-encoded (`%2C`), as HTTP libraries send it.
    - `subject_resource__isnull`: true: records with no value for subject_resource (a
        facet's null bucket); false: records with one.
    - `subject_id`: The id of the record described. Equality; several values match any
        of them. Repeat the parameter (`subject_id=a&subject_id=b`) or separate values
        with literal commas (`subject_id=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `subject_id__not`: The id of the record described. Exclusion: records whose
        subject_id is none of these; records with no value match. Repeat the parameter
        (`subject_id__not=a&subject_id__not=b`) or separate values with literal commas
        (`subject_id__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `subject_id__isnull`: true: records with no value for subject_id (a facet's null
        bucket); false: records with one.
    - `measure`: What is measured, e.g. investment, travel_time. Equality; several
        values match any of them. Repeat the parameter (`measure=a&measure=b`) or
        separate values with literal commas (`measure=a,b`); a comma inside a value is
        data when percent-encoded (`%2C`), as HTTP libraries send it.
    - `measure__not`: What is measured, e.g. investment, travel_time. Exclusion: records
        whose measure is none of these; records with no value match. Repeat the
        parameter (`measure__not=a&measure__not=b`) or separate values with literal
        commas (`measure__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `measure__isnull`: true: records with no value for measure (a facet's null
        bucket); false: records with one.
    - `value`: The number in the base unit given by `unit`. Equality; several values
        match any of them. Repeat the parameter (`value=a&value=b`) or separate values
        with literal commas (`value=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `value__not`: The number in the base unit given by `unit`. Exclusion: records
        whose value is none of these; records with no value match. Repeat the parameter
        (`value__not=a&value__not=b`) or separate values with literal commas
        (`value__not=a,b`); a comma inside a value is data when percent-encoded (`%2C`),
        as HTTP libraries send it.
    - `value__isnull`: true: records with no value for value (a facet's null bucket);
        false: records with one.
    - `value__gte`: value >= the value.
    - `value__gt`: value > the value.
    - `value__lte`: value <= the value.
    - `value__lt`: value < the value.
    - `unit`: The base unit of `value`. Equality; several values match any of them.
        Repeat the parameter (`unit=a&unit=b`) or separate values with literal commas
        (`unit=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    - `unit__not`: The base unit of `value`. Exclusion: records whose unit is none of
        these; records with no value match. Repeat the parameter
        (`unit__not=a&unit__not=b`) or separate values with literal commas
        (`unit__not=a,b`); a comma inside a value is data when percent-encoded (`%2C`),
        as HTTP libraries send it.
    - `unit__isnull`: true: records with no value for unit (a facet's null bucket);
        false: records with one.
    - `qualifier`: How exact the source says the number is. Equality; several values
        match any of them. Repeat the parameter (`qualifier=a&qualifier=b`) or separate
        values with literal commas (`qualifier=a,b`); a comma inside a value is data
        when percent-encoded (`%2C`), as HTTP libraries send it.
    - `qualifier__not`: How exact the source says the number is. Exclusion: records
        whose qualifier is none of these; records with no value match. Repeat the
        parameter (`qualifier__not=a&qualifier__not=b`) or separate values with literal
        commas (`qualifier__not=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `qualifier__isnull`: true: records with no value for qualifier (a facet's null
        bucket); false: records with one.
    - `projected`: True when the source gives it as expected in future. Equality;
        several values match any of them. Repeat the parameter
        (`projected=a&projected=b`) or separate values with literal commas
        (`projected=a,b`); a comma inside a value is data when percent-encoded (`%2C`),
        as HTTP libraries send it.
    - `projected__not`: True when the source gives it as expected in future. Exclusion:
        records whose projected is none of these; records with no value match. Repeat
        the parameter (`projected__not=a&projected__not=b`) or separate values with
        literal commas (`projected__not=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `projected__isnull`: true: records with no value for projected (a facet's null
        bucket); false: records with one.
    - `period_start`: First day of the period the figure covers. Equality; several
        values match any of them. Repeat the parameter (`period_start=a&period_start=b`)
        or separate values with literal commas (`period_start=a,b`); a comma inside a
        value is data when percent-encoded (`%2C`), as HTTP libraries send it.
    - `period_start__not`: First day of the period the figure covers. Exclusion: records
        whose period_start is none of these; records with no value match. Repeat the
        parameter (`period_start__not=a&period_start__not=b`) or separate values with
        literal commas (`period_start__not=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `period_start__isnull`: true: records with no value for period_start (a facet's
        null bucket); false: records with one.
    - `period_start__gte`: period_start >= the value.
    - `period_start__gt`: period_start > the value.
    - `period_start__lte`: period_start <= the value.
    - `period_start__lt`: period_start < the value.
    - `period_end`: Last day of the period the figure covers. Equality; several values
        match any of them. Repeat the parameter (`period_end=a&period_end=b`) or
        separate values with literal commas (`period_end=a,b`); a comma inside a value
        is data when percent-encoded (`%2C`), as HTTP libraries send it.
    - `period_end__not`: Last day of the period the figure covers. Exclusion: records
        whose period_end is none of these; records with no value match. Repeat the
        parameter (`period_end__not=a&period_end__not=b`) or separate values with
        literal commas (`period_end__not=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `period_end__isnull`: true: records with no value for period_end (a facet's null
        bucket); false: records with one.
    - `period_end__gte`: period_end >= the value.
    - `period_end__gt`: period_end > the value.
    - `period_end__lte`: period_end <= the value.
    - `period_end__lt`: period_end < the value.
    - `period_precision`: Precision of the period. Equality; several values match any of
        them. Repeat the parameter (`period_precision=a&period_precision=b`) or separate
        values with literal commas (`period_precision=a,b`); a comma inside a value is
        data when percent-encoded (`%2C`), as HTTP libraries send it.
    - `period_precision__not`: Precision of the period. Exclusion: records whose
        period_precision is none of these; records with no value match. Repeat the
        parameter (`period_precision__not=a&period_precision__not=b`) or separate values
        with literal commas (`period_precision__not=a,b`); a comma inside a value is
        data when percent-encoded (`%2C`), as HTTP libraries send it.
    - `period_precision__isnull`: true: records with no value for period_precision (a
        facet's null bucket); false: records with one.
    - `period_ended_when_reported`: false: the period was not over when the figure was
        reported (a figure to date, not a full-period total); true: it was over; null:
        no period, or unknown. Equality; several values match any of them. Repeat the
        parameter (`period_ended_when_reported=a&period_ended_when_reported=b`) or
        separate values with literal commas (`period_ended_when_reported=a,b`); a comma
        inside a value is data when percent-encoded (`%2C`), as HTTP libraries send it.
    - `period_ended_when_reported__not`: false: the period was not over when the figure
        was reported (a figure to date, not a full-period total); true: it was over;
        null: no period, or unknown. Exclusion: records whose period_ended_when_reported
        is none of these; records with no value match. Repeat the parameter
        (`period_ended_when_reported__not=a&period_ended_when_reported__not=b`) or
        separate values with literal commas (`period_ended_when_reported__not=a,b`); a
        comma inside a value is data when percent-encoded (`%2C`), as HTTP libraries
        send it.
    - `period_ended_when_reported__isnull`: true: records with no value for
        period_ended_when_reported (a facet's null bucket); false: records with one.
    - `source`: The id of a source the record cites. Equality; several values match any
        of them. The record matches when any of its values is given. Repeat the
        parameter (`source=a&source=b`) or separate values with literal commas
        (`source=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    - `source__not`: The id of a source the record cites. Exclusion: records whose
        source is none of these; records with no values match. Repeat the parameter
        (`source__not=a&source__not=b`) or separate values with literal commas
        (`source__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `source__isnull`: true: records with no values for source (a facet's null bucket);
        false: records with one.
    - `q`: Case-insensitive text search in as_stated, measure. `%`, `_` and `\\` match
        themselves.
    - `sort`: Sort keys, `-` for descending; missing values last both ways; `id` breaks
        ties. Repeat the parameter (`sort=a&sort=b`) or separate values with literal
        commas (`sort=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `fields`: Only these fields in each item (plus `id`). Such a page is the
        `FigurePartialPage` of the answer's `anyOf`, whose items' fields are all
        optional but `id`. Repeat the parameter (`fields=a&fields=b`) or separate values
        with literal commas (`fields=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `expand`: Embed the records these fields point to, one level deep, in each
        record's `expanded` (typed by `FigureExpanded`). Repeat the parameter
        (`expand=a&expand=b`) or separate values with literal commas (`expand=a,b`); a
        comma inside a value is data when percent-encoded (`%2C`), as HTTP libraries
        send it.
    - `limit`: Items per page. Default 50, at most 500.
    - `cursor`: The `next_cursor` of the previous page. Bound to the filters, `q` and
        `sort` it came with; any other combination is refused with 400.
    - `facet`: Count the records per value of these fields, under the filters. Repeat
        the parameter (`facet=a&facet=b`) or separate values with literal commas
        (`facet=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    """
    return query_params(locals())


FIGURES = Resource(
    name="figures",
    path="/v1/figures",
    page=models.FigurePage,
    item=models.FigurePublic,
    detail=models.FigureDetail,
    query=figures_query,
)


def people_query(
    *,
    id: str | Sequence[str] | None = None,
    id__not: str | Sequence[str] | None = None,
    id__isnull: bool | None = None,
    name: str | Sequence[str] | None = None,
    name__not: str | Sequence[str] | None = None,
    name__isnull: bool | None = None,
    organisation_id: str | Sequence[str] | None = None,
    organisation_id__not: str | Sequence[str] | None = None,
    organisation_id__isnull: bool | None = None,
    source: str | Sequence[str] | None = None,
    source__not: str | Sequence[str] | None = None,
    source__isnull: bool | None = None,
    q: str | None = None,
    sort: PeopleSort | Sequence[PeopleSort] | None = None,
    fields: PeopleFields | Sequence[PeopleFields] | None = None,
    expand: PeopleExpand | Sequence[PeopleExpand] | None = None,
    limit: int | None = None,
    cursor: str | None = None,
    facet: PeopleFacet | Sequence[PeopleFacet] | None = None,
) -> Params:
    """The query string of `GET /v1/people`, from its parameters. People the sources name,
    with the role and organisation the source gives. Filter, sort, page, facet and
    export; see parameters.

    - `id`: Stable slug; unchanged by re-seeding. Equality; several values match any of
        them. Repeat the parameter (`id=a&id=b`) or separate values with literal commas
        (`id=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as HTTP
        libraries send it.
    - `id__not`: Stable slug; unchanged by re-seeding. Exclusion: records whose id is
        none of these; records with no value match. Repeat the parameter
        (`id__not=a&id__not=b`) or separate values with literal commas (`id__not=a,b`);
        a comma inside a value is data when percent-encoded (`%2C`), as HTTP libraries
        send it.
    - `id__isnull`: true: records with no value for id (a facet's null bucket); false:
        records with one.
    - `name`: The record's name, exactly as the source gives it. Equality; several
        values match any of them. Repeat the parameter (`name=a&name=b`) or separate
        values with literal commas (`name=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `name__not`: The record's name, exactly as the source gives it. Exclusion: records
        whose name is none of these; records with no value match. Repeat the parameter
        (`name__not=a&name__not=b`) or separate values with literal commas
        (`name__not=a,b`); a comma inside a value is data when percent-encoded (`%2C`),
        as HTTP libraries send it.
    - `name__isnull`: true: records with no value for name (a facet's null bucket);
        false: records with one.
    - `organisation_id`: The id of the person's organisation. Equality; several values
        match any of them. Repeat the parameter (`organisation_id=a&organisation_id=b`)
        or separate values with literal commas (`organisation_id=a,b`); a comma inside a
        value is data when percent-encoded (`%2C`), as HTTP libraries send it.
    - `organisation_id__not`: The id of the person's organisation. Exclusion: records
        whose organisation_id is none of these; records with no value match. Repeat the
        parameter (`organisation_id__not=a&organisation_id__not=b`) or separate values
        with literal commas (`organisation_id__not=a,b`); a comma inside a value is data
        when percent-encoded (`%2C`), as HTTP libraries send it.
    - `organisation_id__isnull`: true: records with no value for organisation_id (a
        facet's null bucket); false: records with one.
    - `source`: The id of a source the record cites. Equality; several values match any
        of them. The record matches when any of its values is given. Repeat the
        parameter (`source=a&source=b`) or separate values with literal commas
        (`source=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    - `source__not`: The id of a source the record cites. Exclusion: records whose
        source is none of these; records with no values match. Repeat the parameter
        (`source__not=a&source__not=b`) or separate values with literal commas
        (`source__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `source__isnull`: true: records with no values for source (a facet's null bucket);
        false: records with one.
    - `q`: Case-insensitive text search in name, role, organisation_name. `%`, `_` and
        `\\` match themselves.
    - `sort`: Sort keys, `-` for descending; missing values last both ways; `id` breaks
        ties. Repeat the parameter (`sort=a&sort=b`) or separate values with literal
        commas (`sort=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `fields`: Only these fields in each item (plus `id`). Such a page is the
        `PersonPartialPage` of the answer's `anyOf`, whose items' fields are all
        optional but `id`. Repeat the parameter (`fields=a&fields=b`) or separate values
        with literal commas (`fields=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `expand`: Embed the records these fields point to, one level deep, in each
        record's `expanded` (typed by `PersonExpanded`). Repeat the parameter
        (`expand=a&expand=b`) or separate values with literal commas (`expand=a,b`); a
        comma inside a value is data when percent-encoded (`%2C`), as HTTP libraries
        send it.
    - `limit`: Items per page. Default 50, at most 500.
    - `cursor`: The `next_cursor` of the previous page. Bound to the filters, `q` and
        `sort` it came with; any other combination is refused with 400.
    - `facet`: Count the records per value of these fields, under the filters. Repeat
        the parameter (`facet=a&facet=b`) or separate values with literal commas
        (`facet=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    """
    return query_params(locals())


PEOPLE = Resource(
    name="people",
    path="/v1/people",
    page=models.PersonPage,
    item=models.PersonPublic,
    detail=models.PersonDetail,
    query=people_query,
)


def organisations_query(
    *,
    id: str | Sequence[str] | None = None,
    id__not: str | Sequence[str] | None = None,
    id__isnull: bool | None = None,
    name: str | Sequence[str] | None = None,
    name__not: str | Sequence[str] | None = None,
    name__isnull: bool | None = None,
    kind: OrganisationsKind | Sequence[OrganisationsKind] | None = None,
    kind__not: OrganisationsKind | Sequence[OrganisationsKind] | None = None,
    kind__isnull: bool | None = None,
    regions: OrganisationsRegions | Sequence[OrganisationsRegions] | None = None,
    regions__not: OrganisationsRegions | Sequence[OrganisationsRegions] | None = None,
    regions__isnull: bool | None = None,
    source: str | Sequence[str] | None = None,
    source__not: str | Sequence[str] | None = None,
    source__isnull: bool | None = None,
    q: str | None = None,
    sort: OrganisationsSort | Sequence[OrganisationsSort] | None = None,
    fields: OrganisationsFields | Sequence[OrganisationsFields] | None = None,
    expand: OrganisationsExpand | Sequence[OrganisationsExpand] | None = None,
    limit: int | None = None,
    cursor: str | None = None,
    facet: OrganisationsFacet | Sequence[OrganisationsFacet] | None = None,
) -> Params:
    """The query string of `GET /v1/organisations`, from its parameters. Organisations the
    sources name: government bodies, companies, parties. Filter, sort, page, facet and
    export; see parameters.

    - `id`: Stable slug; unchanged by re-seeding. Equality; several values match any of
        them. Repeat the parameter (`id=a&id=b`) or separate values with literal commas
        (`id=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as HTTP
        libraries send it.
    - `id__not`: Stable slug; unchanged by re-seeding. Exclusion: records whose id is
        none of these; records with no value match. Repeat the parameter
        (`id__not=a&id__not=b`) or separate values with literal commas (`id__not=a,b`);
        a comma inside a value is data when percent-encoded (`%2C`), as HTTP libraries
        send it.
    - `id__isnull`: true: records with no value for id (a facet's null bucket); false:
        records with one.
    - `name`: The record's name, exactly as the source gives it. Equality; several
        values match any of them. Repeat the parameter (`name=a&name=b`) or separate
        values with literal commas (`name=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `name__not`: The record's name, exactly as the source gives it. Exclusion: records
        whose name is none of these; records with no value match. Repeat the parameter
        (`name__not=a&name__not=b`) or separate values with literal commas
        (`name__not=a,b`); a comma inside a value is data when percent-encoded (`%2C`),
        as HTTP libraries send it.
    - `name__isnull`: true: records with no value for name (a facet's null bucket);
        false: records with one.
    - `kind`: What sort of organisation. Equality; several values match any of them.
        Repeat the parameter (`kind=a&kind=b`) or separate values with literal commas
        (`kind=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    - `kind__not`: What sort of organisation. Exclusion: records whose kind is none of
        these; records with no value match. Repeat the parameter
        (`kind__not=a&kind__not=b`) or separate values with literal commas
        (`kind__not=a,b`); a comma inside a value is data when percent-encoded (`%2C`),
        as HTTP libraries send it.
    - `kind__isnull`: true: records with no value for kind (a facet's null bucket);
        false: records with one.
    - `regions`: The places the record concerns, as stated. A `regions` filter matches a
        place and every place within it (regions=sichuan matches Chengdu's records too;
        the hierarchy is /v1/places), and so do facet counts. Equality; several values
        match any of them. The record matches when any of its values is given. Repeat
        the parameter (`regions=a&regions=b`) or separate values with literal commas
        (`regions=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    - `regions__not`: The places the record concerns, as stated. A `regions` filter
        matches a place and every place within it (regions=sichuan matches Chengdu's
        records too; the hierarchy is /v1/places), and so do facet counts. Exclusion:
        records whose regions is none of these; records with no values match. Repeat the
        parameter (`regions__not=a&regions__not=b`) or separate values with literal
        commas (`regions__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `regions__isnull`: true: records with no values for regions (a facet's null
        bucket); false: records with one.
    - `source`: The id of a source the record cites. Equality; several values match any
        of them. The record matches when any of its values is given. Repeat the
        parameter (`source=a&source=b`) or separate values with literal commas
        (`source=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    - `source__not`: The id of a source the record cites. Exclusion: records whose
        source is none of these; records with no values match. Repeat the parameter
        (`source__not=a&source__not=b`) or separate values with literal commas
        (`source__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `source__isnull`: true: records with no values for source (a facet's null bucket);
        false: records with one.
    - `q`: Case-insensitive text search in name. `%`, `_` and `\\` match themselves.
    - `sort`: Sort keys, `-` for descending; missing values last both ways; `id` breaks
        ties. Repeat the parameter (`sort=a&sort=b`) or separate values with literal
        commas (`sort=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `fields`: Only these fields in each item (plus `id`). Such a page is the
        `OrganisationPartialPage` of the answer's `anyOf`, whose items' fields are all
        optional but `id`. Repeat the parameter (`fields=a&fields=b`) or separate values
        with literal commas (`fields=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `expand`: Embed the records these fields point to, one level deep, in each
        record's `expanded` (typed by `OrganisationExpanded`). Repeat the parameter
        (`expand=a&expand=b`) or separate values with literal commas (`expand=a,b`); a
        comma inside a value is data when percent-encoded (`%2C`), as HTTP libraries
        send it.
    - `limit`: Items per page. Default 50, at most 500.
    - `cursor`: The `next_cursor` of the previous page. Bound to the filters, `q` and
        `sort` it came with; any other combination is refused with 400.
    - `facet`: Count the records per value of these fields, under the filters. Repeat
        the parameter (`facet=a&facet=b`) or separate values with literal commas
        (`facet=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    """
    return query_params(locals())


ORGANISATIONS = Resource(
    name="organisations",
    path="/v1/organisations",
    page=models.OrganisationPage,
    item=models.OrganisationPublic,
    detail=models.OrganisationDetail,
    query=organisations_query,
)


def places_query(
    *,
    id: str | Sequence[str] | None = None,
    id__not: str | Sequence[str] | None = None,
    id__isnull: bool | None = None,
    name: str | Sequence[str] | None = None,
    name__not: str | Sequence[str] | None = None,
    name__isnull: bool | None = None,
    kind: PlacesKind | Sequence[PlacesKind] | None = None,
    kind__not: PlacesKind | Sequence[PlacesKind] | None = None,
    kind__isnull: bool | None = None,
    within: PlacesWithin | Sequence[PlacesWithin] | None = None,
    within__not: PlacesWithin | Sequence[PlacesWithin] | None = None,
    within__isnull: bool | None = None,
    source: str | Sequence[str] | None = None,
    source__not: str | Sequence[str] | None = None,
    source__isnull: bool | None = None,
    q: str | None = None,
    sort: PlacesSort | Sequence[PlacesSort] | None = None,
    fields: PlacesFields | Sequence[PlacesFields] | None = None,
    expand: PlacesExpand | Sequence[PlacesExpand] | None = None,
    limit: int | None = None,
    cursor: str | None = None,
    facet: PlacesFacet | Sequence[PlacesFacet] | None = None,
) -> Params:
    """The query string of `GET /v1/places`, from its parameters. The places the sources
    name, each within the places the source puts it in. Filter, sort, page, facet and
    export; see parameters.

    - `id`: Stable slug; unchanged by re-seeding. Equality; several values match any of
        them. Repeat the parameter (`id=a&id=b`) or separate values with literal commas
        (`id=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as HTTP
        libraries send it.
    - `id__not`: Stable slug; unchanged by re-seeding. Exclusion: records whose id is
        none of these; records with no value match. Repeat the parameter
        (`id__not=a&id__not=b`) or separate values with literal commas (`id__not=a,b`);
        a comma inside a value is data when percent-encoded (`%2C`), as HTTP libraries
        send it.
    - `id__isnull`: true: records with no value for id (a facet's null bucket); false:
        records with one.
    - `name`: The record's name, exactly as the source gives it. Equality; several
        values match any of them. Repeat the parameter (`name=a&name=b`) or separate
        values with literal commas (`name=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `name__not`: The record's name, exactly as the source gives it. Exclusion: records
        whose name is none of these; records with no value match. Repeat the parameter
        (`name__not=a&name__not=b`) or separate values with literal commas
        (`name__not=a,b`); a comma inside a value is data when percent-encoded (`%2C`),
        as HTTP libraries send it.
    - `name__isnull`: true: records with no value for name (a facet's null bucket);
        false: records with one.
    - `kind`: What sort of place. Equality; several values match any of them. Repeat the
        parameter (`kind=a&kind=b`) or separate values with literal commas (`kind=a,b`);
        a comma inside a value is data when percent-encoded (`%2C`), as HTTP libraries
        send it.
    - `kind__not`: What sort of place. Exclusion: records whose kind is none of these;
        records with no value match. Repeat the parameter (`kind__not=a&kind__not=b`) or
        separate values with literal commas (`kind__not=a,b`); a comma inside a value is
        data when percent-encoded (`%2C`), as HTTP libraries send it.
    - `kind__isnull`: true: records with no value for kind (a facet's null bucket);
        false: records with one.
    - `within`: The places this one lies directly within, as the source places it; the
        hierarchy is every place's `within`. A `within` filter matches every place lying
        within the given one, directly or not (within=sichuan: Chengdu, Guang'an City).
        Equality; several values match any of them. The record matches when any of its
        values is given. Repeat the parameter (`within=a&within=b`) or separate values
        with literal commas (`within=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `within__not`: The places this one lies directly within, as the source places it;
        the hierarchy is every place's `within`. A `within` filter matches every place
        lying within the given one, directly or not (within=sichuan: Chengdu, Guang'an
        City). Exclusion: records whose within is none of these; records with no values
        match. Repeat the parameter (`within__not=a&within__not=b`) or separate values
        with literal commas (`within__not=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `within__isnull`: true: records with no values for within (a facet's null bucket);
        false: records with one.
    - `source`: The id of a source the record cites. Equality; several values match any
        of them. The record matches when any of its values is given. Repeat the
        parameter (`source=a&source=b`) or separate values with literal commas
        (`source=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    - `source__not`: The id of a source the record cites. Exclusion: records whose
        source is none of these; records with no values match. Repeat the parameter
        (`source__not=a&source__not=b`) or separate values with literal commas
        (`source__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `source__isnull`: true: records with no values for source (a facet's null bucket);
        false: records with one.
    - `q`: Case-insensitive text search in name. `%`, `_` and `\\` match themselves.
    - `sort`: Sort keys, `-` for descending; missing values last both ways; `id` breaks
        ties. Repeat the parameter (`sort=a&sort=b`) or separate values with literal
        commas (`sort=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `fields`: Only these fields in each item (plus `id`). Such a page is the
        `PlacePartialPage` of the answer's `anyOf`, whose items' fields are all optional
        but `id`. Repeat the parameter (`fields=a&fields=b`) or separate values with
        literal commas (`fields=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `expand`: Embed the records these fields point to, one level deep, in each
        record's `expanded` (typed by `PlaceExpanded`). Repeat the parameter
        (`expand=a&expand=b`) or separate values with literal commas (`expand=a,b`); a
        comma inside a value is data when percent-encoded (`%2C`), as HTTP libraries
        send it.
    - `limit`: Items per page. Default 50, at most 500.
    - `cursor`: The `next_cursor` of the previous page. Bound to the filters, `q` and
        `sort` it came with; any other combination is refused with 400.
    - `facet`: Count the records per value of these fields, under the filters. Repeat
        the parameter (`facet=a&facet=b`) or separate values with literal commas
        (`facet=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    """
    return query_params(locals())


PLACES = Resource(
    name="places",
    path="/v1/places",
    page=models.PlacePage,
    item=models.PlacePublic,
    detail=models.PlaceDetail,
    query=places_query,
)


def industries_query(
    *,
    id: str | Sequence[str] | None = None,
    id__not: str | Sequence[str] | None = None,
    id__isnull: bool | None = None,
    name: str | Sequence[str] | None = None,
    name__not: str | Sequence[str] | None = None,
    name__isnull: bool | None = None,
    regions: IndustriesRegions | Sequence[IndustriesRegions] | None = None,
    regions__not: IndustriesRegions | Sequence[IndustriesRegions] | None = None,
    regions__isnull: bool | None = None,
    source: str | Sequence[str] | None = None,
    source__not: str | Sequence[str] | None = None,
    source__isnull: bool | None = None,
    q: str | None = None,
    sort: IndustriesSort | Sequence[IndustriesSort] | None = None,
    fields: IndustriesFields | Sequence[IndustriesFields] | None = None,
    expand: IndustriesExpand | Sequence[IndustriesExpand] | None = None,
    limit: int | None = None,
    cursor: str | None = None,
    facet: IndustriesFacet | Sequence[IndustriesFacet] | None = None,
) -> Params:
    """The query string of `GET /v1/industries`, from its parameters. Industries the
    sources speak of, with the examples they name. Filter, sort, page, facet and export;
    see parameters.

    - `id`: Stable slug; unchanged by re-seeding. Equality; several values match any of
        them. Repeat the parameter (`id=a&id=b`) or separate values with literal commas
        (`id=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as HTTP
        libraries send it.
    - `id__not`: Stable slug; unchanged by re-seeding. Exclusion: records whose id is
        none of these; records with no value match. Repeat the parameter
        (`id__not=a&id__not=b`) or separate values with literal commas (`id__not=a,b`);
        a comma inside a value is data when percent-encoded (`%2C`), as HTTP libraries
        send it.
    - `id__isnull`: true: records with no value for id (a facet's null bucket); false:
        records with one.
    - `name`: The record's name, exactly as the source gives it. Equality; several
        values match any of them. Repeat the parameter (`name=a&name=b`) or separate
        values with literal commas (`name=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `name__not`: The record's name, exactly as the source gives it. Exclusion: records
        whose name is none of these; records with no value match. Repeat the parameter
        (`name__not=a&name__not=b`) or separate values with literal commas
        (`name__not=a,b`); a comma inside a value is data when percent-encoded (`%2C`),
        as HTTP libraries send it.
    - `name__isnull`: true: records with no value for name (a facet's null bucket);
        false: records with one.
    - `regions`: The places the record concerns, as stated. A `regions` filter matches a
        place and every place within it (regions=sichuan matches Chengdu's records too;
        the hierarchy is /v1/places), and so do facet counts. Equality; several values
        match any of them. The record matches when any of its values is given. Repeat
        the parameter (`regions=a&regions=b`) or separate values with literal commas
        (`regions=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    - `regions__not`: The places the record concerns, as stated. A `regions` filter
        matches a place and every place within it (regions=sichuan matches Chengdu's
        records too; the hierarchy is /v1/places), and so do facet counts. Exclusion:
        records whose regions is none of these; records with no values match. Repeat the
        parameter (`regions__not=a&regions__not=b`) or separate values with literal
        commas (`regions__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `regions__isnull`: true: records with no values for regions (a facet's null
        bucket); false: records with one.
    - `source`: The id of a source the record cites. Equality; several values match any
        of them. The record matches when any of its values is given. Repeat the
        parameter (`source=a&source=b`) or separate values with literal commas
        (`source=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    - `source__not`: The id of a source the record cites. Exclusion: records whose
        source is none of these; records with no values match. Repeat the parameter
        (`source__not=a&source__not=b`) or separate values with literal commas
        (`source__not=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `source__isnull`: true: records with no values for source (a facet's null bucket);
        false: records with one.
    - `q`: Case-insensitive text search in name, examples, developments. `%`, `_` and
        `\\` match themselves.
    - `sort`: Sort keys, `-` for descending; missing values last both ways; `id` breaks
        ties. Repeat the parameter (`sort=a&sort=b`) or separate values with literal
        commas (`sort=a,b`); a comma inside a value is data when percent-encoded
        (`%2C`), as HTTP libraries send it.
    - `fields`: Only these fields in each item (plus `id`). Such a page is the
        `IndustryPartialPage` of the answer's `anyOf`, whose items' fields are all
        optional but `id`. Repeat the parameter (`fields=a&fields=b`) or separate values
        with literal commas (`fields=a,b`); a comma inside a value is data when
        percent-encoded (`%2C`), as HTTP libraries send it.
    - `expand`: Embed the records these fields point to, one level deep, in each
        record's `expanded` (typed by `IndustryExpanded`). Repeat the parameter
        (`expand=a&expand=b`) or separate values with literal commas (`expand=a,b`); a
        comma inside a value is data when percent-encoded (`%2C`), as HTTP libraries
        send it.
    - `limit`: Items per page. Default 50, at most 500.
    - `cursor`: The `next_cursor` of the previous page. Bound to the filters, `q` and
        `sort` it came with; any other combination is refused with 400.
    - `facet`: Count the records per value of these fields, under the filters. Repeat
        the parameter (`facet=a&facet=b`) or separate values with literal commas
        (`facet=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as
        HTTP libraries send it.
    """
    return query_params(locals())


INDUSTRIES = Resource(
    name="industries",
    path="/v1/industries",
    page=models.IndustryPage,
    item=models.IndustryPublic,
    detail=models.IndustryDetail,
    query=industries_query,
)


RESOURCES: dict[str, Resource[Any, Any, Any, ...]] = {
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
