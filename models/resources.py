"""The declarative description of every resource: the one place that says which fields
filter how, which sort, which facet and which text `q` searches. The query engine, the
OpenAPI parameters and the loader's search columns are all derived from it.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from pydantic import BaseModel
from sqlalchemy import ColumnElement, Table
from sqlmodel import SQLModel

from models import public, tables
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
    ResourceName,
    Sector,
    Status,
    Unit,
)


class Kind(StrEnum):
    text = "text"
    enum = "enum"
    number = "number"
    date = "date"
    boolean = "boolean"


def record_url(resource: str, record_id: str) -> str:
    """The path of a record in the API: relative, so answers do not depend on Host."""
    return f"/v1/{resource}/{record_id}"


RANGE_OPS = {"gte": ">=", "gt": ">", "lte": "<=", "lt": "<"}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: Kind
    description: str
    example: str
    enum: type[StrEnum] | None = None
    multi: bool = False  # several values per record, kept in record_values
    sort: bool = False
    facet: bool = False

    @property
    def ranges(self) -> bool:
        return self.kind in (Kind.number, Kind.date)

    @cached_property
    def choices(self) -> list[str] | None:
        if self.kind is Kind.boolean:
            return ["true", "false"]
        return [m.value for m in self.enum] if self.enum else None


@dataclass(frozen=True)
class ResourceSpec:
    name: ResourceName
    table_model: type[SQLModel]
    item_model: type[BaseModel]
    detail_model: type[BaseModel]
    description: str
    fields: tuple[FieldSpec, ...]
    text_fields: tuple[str, ...]  # item keys whose text `q` searches
    example_id: str
    default_sort: tuple[str, ...] = ()
    # Derived from `fields` once: every request's parameters are checked against them.
    by_name: dict[str, FieldSpec] = field(init=False, repr=False, compare=False)
    sortable: list[str] = field(init=False, repr=False, compare=False)
    facetable: list[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})
        object.__setattr__(self, "sortable", [f.name for f in self.fields if f.sort])
        object.__setattr__(self, "facetable", [f.name for f in self.fields if f.facet])

    @property
    def table(self) -> Table:
        table = self.table_model.__table__  # type: ignore[attr-defined]
        assert isinstance(table, Table)
        return table

    def column(self, name: str) -> ColumnElement[Any]:
        return self.table.c[name]

    @property
    def item_fields(self) -> list[str]:
        return list(self.item_model.model_fields)


def _id(example: str) -> FieldSpec:
    return FieldSpec("id", Kind.text, "The record's slug.", example, sort=True)


def _regions() -> FieldSpec:
    return FieldSpec(
        "regions",
        Kind.enum,
        "A place the record concerns; matches if any is given. A place matches itself and "
        "every place within it (regions=sichuan matches Chengdu's records too: the "
        "hierarchy is /v1/places), while each record's `regions` lists only the places "
        "stated. Facet counts count the same way.",
        "chongqing",
        enum=Region,
        multi=True,
        facet=True,
    )


def _source() -> FieldSpec:
    return FieldSpec(
        "source",
        Kind.text,
        "The id of a source the record cites.",
        "cc-economic-circle-2022",
        multi=True,
        facet=True,
    )


def _status() -> FieldSpec:
    return FieldSpec(
        "status",
        Kind.enum,
        "Where the thing stands, as the source reports it.",
        "under_construction",
        enum=Status,
        sort=True,
        facet=True,
    )


def _dated() -> tuple[FieldSpec, ...]:
    return (
        FieldSpec("name", Kind.text, "Exact name.", "Western science city", sort=True),
        FieldSpec(
            "date_start", Kind.date, "First day of the dated event.", "2022-09-01", sort=True
        ),
        FieldSpec(
            "date_precision", Kind.enum, "Precision of the date.", "day", enum=Precision, facet=True
        ),
        FieldSpec(
            "date_inferred",
            Kind.boolean,
            "Whether the date's year was inferred.",
            "true",
            facet=True,
        ),
    )


PROJECTS = ResourceSpec(
    name=ResourceName.projects,
    table_model=tables.Project,
    item_model=public.ProjectPublic,
    detail_model=public.ProjectDetail,
    description="Projects, programmes, plans, strategies and joint initiatives.",
    example_id="chengdu-chongqing-hsr-middle-line",
    fields=(
        _id("chengdu-chongqing-hsr-middle-line"),
        *_dated(),
        FieldSpec(
            "kind",
            Kind.enum,
            "What sort of undertaking.",
            "plan",
            enum=ProjectKind,
            sort=True,
            facet=True,
        ),
        FieldSpec(
            "sector",
            Kind.enum,
            "The sector it belongs to.",
            "transport",
            enum=Sector,
            sort=True,
            facet=True,
        ),
        _status(),
        _regions(),
        FieldSpec(
            "organisations",
            Kind.text,
            "The id of an organisation involved.",
            "chongqing-development-and-reform-commission",
            multi=True,
            facet=True,
        ),
        _source(),
    ),
    text_fields=("name", "description"),
)

INFRASTRUCTURE = ResourceSpec(
    name=ResourceName.infrastructure,
    table_model=tables.Infrastructure,
    item_model=public.InfrastructurePublic,
    detail_model=public.InfrastructureDetail,
    description="Physical networks and assets: railways, roads, airports, power lines, pipelines.",
    example_id="chengdu-chongqing-hsr-middle-line",
    fields=(
        _id("chengdu-chongqing-hsr-middle-line"),
        *_dated(),
        FieldSpec(
            "mode",
            Kind.enum,
            "The kind of network or asset.",
            "rail",
            enum=Mode,
            sort=True,
            facet=True,
        ),
        _status(),
        _regions(),
        _source(),
    ),
    text_fields=("name", "description"),
)

ENERGY = ResourceSpec(
    name=ResourceName.energy,
    table_model=tables.Energy,
    item_model=public.EnergyPublic,
    detail_model=public.EnergyDetail,
    description="Energy assets and energy measurements; a measurement's numbers are its figures.",
    example_id="sichuan-chongqing-1000kv-uhv-ac-project",
    fields=(
        _id("sichuan-chongqing-1000kv-uhv-ac-project"),
        *_dated(),
        FieldSpec(
            "kind",
            Kind.enum,
            "An asset or a measurement.",
            "asset",
            enum=EnergyKind,
            sort=True,
            facet=True,
        ),
        FieldSpec(
            "carrier",
            Kind.enum,
            "The form of energy.",
            "natural_gas",
            enum=Carrier,
            sort=True,
            facet=True,
        ),
        _status(),
        _regions(),
        _source(),
    ),
    text_fields=("name", "description"),
)

QUOTES = ResourceSpec(
    name=ResourceName.quotes,
    table_model=tables.Quote,
    item_model=public.QuotePublic,
    detail_model=public.QuoteDetail,
    description="Statements attributed to a named person, direct or reported.",
    example_id="huang-zhi-strengthen-infrastructure",
    fields=(
        _id("huang-zhi-strengthen-infrastructure"),
        FieldSpec(
            "kind",
            Kind.enum,
            "Direct quotation or reported speech.",
            "direct",
            enum=QuoteKind,
            sort=True,
            facet=True,
        ),
        FieldSpec("speaker_id", Kind.text, "The speaker's id.", "huang-zhi", sort=True, facet=True),
        FieldSpec(
            "speaker_name", Kind.text, "The speaker's name, exactly.", "Huang Zhi", sort=True
        ),
        FieldSpec(
            "organisation_id",
            Kind.text,
            "The speaker's organisation's id.",
            "chongqing-development-and-reform-commission",
            sort=True,
            facet=True,
        ),
        _regions(),
        _source(),
    ),
    text_fields=("text", "speaker_name", "speaker_role", "organisation_name"),
)

FIGURES = ResourceSpec(
    name=ResourceName.figures,
    table_model=tables.Figure,
    item_model=public.FigurePublic,
    detail_model=public.FigureDetail,
    description="Every number the sources state, typed, in a base unit, linked to its subject.",
    example_id="major-projects-2022-investment-cny",
    fields=(
        _id("major-projects-2022-investment-cny"),
        FieldSpec(
            "subject_resource",
            Kind.enum,
            "The resource of the record described.",
            "projects",
            enum=ResourceName,
            sort=True,
            facet=True,
        ),
        FieldSpec(
            "subject_id",
            Kind.text,
            "The id of the record described.",
            "major-projects-2022",
            sort=True,
        ),
        FieldSpec("measure", Kind.text, "What is measured.", "investment", sort=True, facet=True),
        FieldSpec("value", Kind.number, "The number in its base unit.", "1000000000", sort=True),
        FieldSpec(
            "unit", Kind.enum, "The base unit of value.", "CNY", enum=Unit, sort=True, facet=True
        ),
        FieldSpec(
            "qualifier",
            Kind.enum,
            "How exact the source says the number is.",
            "more_than",
            enum=Qualifier,
            sort=True,
            facet=True,
        ),
        FieldSpec(
            "projected",
            Kind.boolean,
            "Whether the source gives it as a future value.",
            "false",
            facet=True,
        ),
        FieldSpec(
            "period_start",
            Kind.date,
            "First day of the period the figure covers.",
            "2022-01-01",
            sort=True,
        ),
        FieldSpec(
            "period_end",
            Kind.date,
            "Last day of the period the figure covers.",
            "2022-06-30",
            sort=True,
        ),
        FieldSpec(
            "period_precision",
            Kind.enum,
            "Precision of the period.",
            "year",
            enum=Precision,
            facet=True,
        ),
        FieldSpec(
            "period_ended_when_reported",
            Kind.boolean,
            "Whether the period was over when the figure was reported: false picks the "
            "figures to date (not full-period totals).",
            "false",
            facet=True,
        ),
        _source(),
    ),
    text_fields=("as_stated", "measure"),
)

SOURCES = ResourceSpec(
    name=ResourceName.sources,
    table_model=tables.Source,
    item_model=public.SourcePublic,
    detail_model=public.SourceDetail,
    description="The documents the data is drawn from, with their full text.",
    example_id="cc-economic-circle-2022",
    fields=(
        _id("cc-economic-circle-2022"),
        FieldSpec(
            "title",
            Kind.text,
            "The source's own headline, or the curator's descriptive title when it has none "
            "(its `evidence.title` says which).",
            "Chengdu-Chongqing economic circle",
            sort=True,
        ),
        FieldSpec("language", Kind.text, "BCP 47 language tag.", "en", sort=True, facet=True),
        FieldSpec(
            "published_start",
            Kind.date,
            "Earliest possible publication day.",
            "2022-11-28",
            sort=True,
        ),
    ),
    text_fields=("title", "text"),
)

PLACES = ResourceSpec(
    name=ResourceName.places,
    table_model=tables.Place,
    item_model=public.PlacePublic,
    detail_model=public.PlaceDetail,
    description="The places the sources name, each within the places the source puts it in.",
    example_id="chengdu",
    fields=(
        _id("chengdu"),
        FieldSpec("name", Kind.text, "Exact name.", "Chengdu", sort=True),
        FieldSpec(
            "kind",
            Kind.enum,
            "What sort of place.",
            "city",
            enum=PlaceKind,
            sort=True,
            facet=True,
        ),
        FieldSpec(
            "within",
            Kind.enum,
            "A place this one lies within, directly or not (within=sichuan: Chengdu, "
            "Guang'an City); each record's `within` lists only the places directly above it.",
            "sichuan",
            enum=Region,
            multi=True,
            facet=True,
        ),
        _source(),
    ),
    text_fields=("name",),
)

ORGANISATIONS = ResourceSpec(
    name=ResourceName.organisations,
    table_model=tables.Organisation,
    item_model=public.OrganisationPublic,
    detail_model=public.OrganisationDetail,
    description="Organisations the sources name: government bodies, companies, parties.",
    example_id="faw-volkswagen-chengdu-branch",
    fields=(
        _id("faw-volkswagen-chengdu-branch"),
        FieldSpec(
            "name",
            Kind.text,
            "Exact name.",
            "Chongqing Municipal Development and Reform Commission",
            sort=True,
        ),
        FieldSpec(
            "kind",
            Kind.enum,
            "What sort of organisation.",
            "company",
            enum=OrganisationKind,
            sort=True,
            facet=True,
        ),
        _regions(),
        _source(),
    ),
    text_fields=("name",),
)

PEOPLE = ResourceSpec(
    name=ResourceName.people,
    table_model=tables.Person,
    item_model=public.PersonPublic,
    detail_model=public.PersonDetail,
    description="People the sources name, with the role and organisation the source gives.",
    example_id="li-zhiqiang",
    fields=(
        _id("li-zhiqiang"),
        FieldSpec("name", Kind.text, "Exact name.", "Li Zhiqiang", sort=True),
        FieldSpec(
            "organisation_id",
            Kind.text,
            "The id of the person's organisation.",
            "chongqing-development-and-reform-commission",
            sort=True,
            facet=True,
        ),
        _source(),
    ),
    text_fields=("name", "role", "organisation_name"),
)

INDUSTRIES = ResourceSpec(
    name=ResourceName.industries,
    table_model=tables.Industry,
    item_model=public.IndustryPublic,
    detail_model=public.IndustryDetail,
    description="Industries the sources speak of, with the examples they name.",
    example_id="sichuan-chongqing-advantageous-industries",
    fields=(
        _id("sichuan-chongqing-advantageous-industries"),
        FieldSpec(
            "name", Kind.text, "Exact name.", "Advantageous industries of Sichuan and Chongqing"
        ),
        _regions(),
        _source(),
    ),
    text_fields=("name", "examples", "developments"),
)

RESOURCES: dict[str, ResourceSpec] = {
    spec.name.value: spec
    for spec in (
        *(SOURCES, PROJECTS, INFRASTRUCTURE, ENERGY, QUOTES, FIGURES),
        *(PEOPLE, ORGANISATIONS, PLACES, INDUSTRIES),
    )
}
