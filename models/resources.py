"""The description of every resource: the one place where a field's name, type,
vocabulary, description, nullability, limits and query behaviour are written.

Everything else is derived from it: the served models (each resource's item and detail,
`item_model` and `detail_model`), its table and the table's indexes (`table_model`), the
query engine's filters, sorts and facets, the OpenAPI parameters and schemas, the data
package's Table Schemas, the loader's search columns, and through /openapi.json the
client's types. docs/dataset-format.md ("Adding a field") says how to add one.
"""

import functools
import operator
import types
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, create_model
from pydantic import Field as Described
from pydantic.fields import FieldInfo
from sqlalchemy import ColumnElement, Table
from sqlmodel import SQLModel

from models.public import (
    EVIDENCE_DESCRIPTION,
    CitationPublic,
    EvidencePublic,
    LinkPublic,
    PublicModel,
    RecordRef,
    RelationPublic,
)
from models.tables import Column, record_table
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

# The type of a stored value, by the kind of a field.
_STORED: dict[Kind, type] = {
    Kind.text: str,
    Kind.enum: str,  # the vocabulary is checked by the loader, not by a SQL type
    Kind.number: float,
    Kind.date: date,
    Kind.boolean: bool,
}


def _without_none(annotation: Any) -> tuple[Any, bool]:
    """The annotation without `| None`, and whether it had it."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = get_args(annotation)
        if type(None) in args:
            rest = [a for a in args if a is not type(None)]
            return functools.reduce(operator.or_, rest), True
    return annotation, False


@dataclass(frozen=True)
class FieldSpec:
    """One field of a resource, declared once.

    `type` is the served type (`str`, `Status | None`, `list[Region]`, `int | float`,
    `list[CitationPublic]`): from it come the vocabulary (`enum`), the nullability, whether
    the field has several values (`multi`) and the kind of filter it takes (`kind`).

    A field the data files give too takes as `type` an alias `Annotated[<type>,
    Described(description=..., max_length=...)]` (`StatusField` below), and the loader's
    input models in seed/dataset.py annotate the field with the same alias: its type,
    vocabulary, nullability, multiplicity, description and limit are written there once.
    """

    name: str
    type: Any
    description: str | None = None
    # A filter's example value in OpenAPI ("" for a field that is not a filter); a field is
    # a filter when its resource lists it in `filters`. Only a filter sorts or facets.
    example: str = ""
    sort: bool = False
    facet: bool = False
    # Where the field appears: a field of the item is in the detail too.
    in_item: bool = True
    in_detail: bool = True
    # Whether the resource's table has a column for it. By default every single value of
    # the item does, but `url` (it is derived from `id`).
    stored: bool | None = None
    # Limits: the longest text the column and the loader take; the fewest items a list
    # holds (served, so a client may rely on it).
    max_length: int | None = None
    min_items: int | None = None
    # A link: the collection whose record(s) the field holds the id(s) of. `links_via`
    # names the field that holds that collection instead, where it differs per record (a
    # figure's subject). From them come `expand=` (under `expand_as`, else the field's
    # name) and the data package's foreign keys.
    links_to: ResourceName | None = None
    links_via: str | None = None
    expand_as: str | None = None

    def __post_init__(self) -> None:
        if get_origin(self.type) is not Annotated:
            return
        # A field the data files give too: its description and limit are in its alias.
        base, *metadata = get_args(self.type)
        if self.description is not None or self.max_length is not None:
            raise ValueError(f"{self.name}: described both in its alias and in its FieldSpec")
        if len(metadata) != 1 or not isinstance(metadata[0], FieldInfo):
            raise ValueError(f"{self.name}: an alias carries one Described(...)")
        lengths = [m.max_length for m in metadata[0].metadata if hasattr(m, "max_length")]
        if len(lengths) != len(metadata[0].metadata):
            raise ValueError(f"{self.name}: an alias carries only a description and a max_length")
        object.__setattr__(self, "type", base)
        object.__setattr__(self, "description", metadata[0].description)
        object.__setattr__(self, "max_length", lengths[0] if lengths else None)

    @cached_property
    def nullable(self) -> bool:
        return _without_none(self.type)[1]

    @cached_property
    def multi(self) -> bool:
        """Several values per record (kept in record_values to filter)."""
        return get_origin(_without_none(self.type)[0]) is list

    @cached_property
    def value_type(self) -> Any:
        """The type of one value: without `| None` and without `list[...]`."""
        base = _without_none(self.type)[0]
        return get_args(base)[0] if get_origin(base) is list else base

    @cached_property
    def enum(self) -> type[StrEnum] | None:
        value = self.value_type
        return value if isinstance(value, type) and issubclass(value, StrEnum) else None

    @cached_property
    def kind(self) -> Kind:
        value = self.value_type
        if self.enum is not None:
            return Kind.enum
        if value is bool:
            return Kind.boolean
        if value is date:
            return Kind.date
        if value in (int, float) or set(get_args(value)) == {int, float}:
            return Kind.number
        if value is str:
            return Kind.text
        raise TypeError(f"{self.name}: {self.type!r} is not a type a filter or column takes")

    @property
    def ranges(self) -> bool:
        return self.kind in (Kind.number, Kind.date)

    @cached_property
    def choices(self) -> list[str] | None:
        if self.kind is Kind.boolean:
            return ["true", "false"]
        return [m.value for m in self.enum] if self.enum else None

    @cached_property
    def is_stored(self) -> bool:
        if self.stored is not None:
            return self.stored
        return self.in_item and not self.multi and self.name != "url"

    def served(self) -> tuple[Any, Any]:
        """The served model's field: its type and its pydantic Field."""
        limits: dict[str, Any] = {}
        if self.min_items is not None:
            limits["min_length"] = self.min_items
        return self.type, Described(description=self.description, **limits)

    def column(self) -> Column:
        return Column(
            name=self.name,
            type=int if self.value_type is int else _STORED[self.kind],
            nullable=self.nullable,
            description=self.description,
            max_length=self.max_length,
            index=self.index,
        )

    @property
    def index(self) -> Literal["sort", "value"] | None:
        """The column's index: (field, id) for a sort, the field alone for a facet. id is
        the primary key, which serves its own sorts and filters."""
        if self.name == "id":
            return None
        if self.sort:
            return "sort"
        return "value" if self.facet else None


@dataclass(frozen=True)
class ResourceSpec:
    name: ResourceName
    description: str
    # Every field, in the order answers serve them (the detail's own fields last).
    declared: tuple[FieldSpec, ...]
    # The fields a collection filters on, in the order its parameters, its sort keys and
    # its facets are listed (OpenAPI, and the messages naming what is allowed).
    filters: tuple[str, ...]
    text_fields: tuple[str, ...]  # item keys whose text `q` searches
    # The served models are `<model_name>Public` and `<model_name>Detail` (the names the
    # OpenAPI document's components and the client's types take); the table's class is
    # `<model_name>` and its name the resource's.
    model_name: str
    default_sort: tuple[str, ...] = ()
    # Derived once: every request's parameters are checked against these.
    fields: tuple[FieldSpec, ...] = field(init=False, repr=False, compare=False)  # filters
    by_name: dict[str, FieldSpec] = field(init=False, repr=False, compare=False)
    sortable: list[str] = field(init=False, repr=False, compare=False)
    facetable: list[str] = field(init=False, repr=False, compare=False)
    item_model: type[BaseModel] = field(init=False, repr=False, compare=False)
    detail_model: type[BaseModel] = field(init=False, repr=False, compare=False)
    table_model: type[SQLModel] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        declared = {f.name: f for f in self.declared}
        if len(declared) != len(self.declared):
            raise ValueError(f"{self.name}: a field is declared twice")
        filters = tuple(declared[name] for name in self.filters)
        for f in self.declared:
            if f.name in self.filters and not (f.description and f.example):
                raise ValueError(f"{self.name}.{f.name}: a filter needs a description and example")
            if f.name not in self.filters and (f.sort or f.facet):
                raise ValueError(f"{self.name}.{f.name}: only a filter sorts or facets")
        derived: dict[str, Any] = {
            "fields": filters,
            "by_name": {f.name: f for f in filters},
            "sortable": [f.name for f in filters if f.sort],
            "facetable": [f.name for f in filters if f.facet],
        }
        item_fields: dict[str, Any] = {f.name: f.served() for f in self.declared if f.in_item}
        detail_fields: dict[str, Any] = {
            f.name: f.served() for f in self.declared if f.in_detail and not f.in_item
        }
        item = create_model(f"{self.model_name}Public", __base__=PublicModel, **item_fields)
        derived["item_model"] = item
        derived["detail_model"] = create_model(
            f"{self.model_name}Detail", __base__=item, **detail_fields
        )
        derived["table_model"] = record_table(
            self.model_name,
            self.name.value,
            [f.column() for f in self.declared if f.is_stored],
        )
        for name, value in derived.items():
            object.__setattr__(self, name, value)

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

    @property
    def example_id(self) -> str:
        return self.by_name["id"].example

    @property
    def stored(self) -> list[str]:
        """The item's fields its table holds, in the order they are served."""
        return [f.name for f in self.declared if f.is_stored]


# Fields several resources share.


# The longest id a record may have: its column's length, and the loader's limit.
ID_MAX_LENGTH = 200

# The fields the data files give too, each declared once as the type that both its
# FieldSpec and seed/dataset.py's input model take: with its description and limit.
IdField = Annotated[
    str, Described(description="Stable slug; unchanged by re-seeding.", max_length=ID_MAX_LENGTH)
]
NameField = Annotated[
    str, Described(description="The record's name, exactly as the source gives it.")
]
RegionsField = Annotated[
    list[Region],
    Described(
        description="The places the record concerns, as stated. A `regions` filter matches a "
        "place and every place within it (regions=sichuan matches Chengdu's records too; the "
        "hierarchy is /v1/places), and so do facet counts."
    ),
]


def _id(example: str) -> FieldSpec:
    return FieldSpec("id", IdField, example=example, sort=True)


URL = FieldSpec("url", str, "Path of this record in the API.")
CITATIONS = FieldSpec("citations", list[CitationPublic], min_items=1)
REGIONS = FieldSpec(
    "regions", RegionsField, example="chongqing", facet=True, links_to=ResourceName.places
)
SOURCE = FieldSpec(
    "source",
    list[str],
    "The id of a source the record cites.",
    "cc-economic-circle-2022",
    facet=True,
    in_item=False,
    in_detail=False,
)
EVIDENCE = FieldSpec(
    "evidence", dict[str, list[EvidencePublic]], EVIDENCE_DESCRIPTION, in_item=False
)


# What every detail answer but a source's carries: evidence, figures about it, links.
# Models named as text are other resources' served models, resolved once all exist.
LINKED = (
    EVIDENCE,
    FieldSpec(
        "figures",
        "list[FigurePublic]",
        "Figures about this record: their subject, or linked to it as `about`.",
        in_item=False,
    ),
    FieldSpec(
        "related",
        list[RecordRef],
        "Every record linked to this one, from either end, once; `relations` gives each "
        "link's type and direction.",
        in_item=False,
    ),
    FieldSpec(
        "relations",
        list[RelationPublic],
        "Every typed link of this record, from this end and from the other.",
        in_item=False,
    ),
)


def _name(example: str, *, sort: bool = True) -> FieldSpec:
    return FieldSpec("name", NameField, example=example, sort=sort)


# What the data files give of every dated resource.
DescriptionField = Annotated[
    str, Described(description="A plain sentence, faithful to the cited text.")
]
StatusField = Annotated[
    Status | None, Described(description="Where it stands, as the source reports it.")
]
DateEventField = Annotated[
    str | None, Described(description="What the date marks, e.g. construction_started.")
]


def _dated(example_id: str, example_name: str) -> tuple[FieldSpec, ...]:
    """The fields every dated resource serves first (projects, infrastructure, energy)."""
    return (
        _id(example_id),
        URL,
        _name(example_name),
        FieldSpec("description", DescriptionField),
        FieldSpec("status", StatusField, example="under_construction", sort=True, facet=True),
        REGIONS,
        FieldSpec(
            "date_start",
            date | None,
            "First day of the dated event, ISO 8601.",
            "2022-09-01",
            sort=True,
        ),
        FieldSpec("date_end", date | None, "Last day of the dated event (inclusive)."),
        FieldSpec("date_precision", Precision | None, "Precision of the date.", "day", facet=True),
        FieldSpec(
            "date_inferred",
            bool | None,
            "True when the source does not write the year (or more) and it was inferred.",
            "true",
            facet=True,
        ),
        FieldSpec("date_note", str | None, "How the date was inferred.", stored=False),
        FieldSpec("date_event", DateEventField),
        CITATIONS,
    )


DATED_FILTERS = ("id", "name", "date_start", "date_precision", "date_inferred")


TitleField = Annotated[
    str,
    Described(
        description="The source's own headline, or the curator's descriptive title when it "
        "has none (its `evidence.title` says which)."
    ),
]
PublisherField = Annotated[str | None, Described()]
LanguageField = Annotated[str, Described(description="BCP 47 language tag.")]
OriginalUrlField = Annotated[str | None, Described()]  # the data file's `url`
PhotoCreditField = Annotated[str | None, Described()]
EditorField = Annotated[str | None, Described()]

SOURCES = ResourceSpec(
    name=ResourceName.sources,
    description="The documents the data is drawn from, with their full text.",
    model_name="Source",
    declared=(
        _id("cc-economic-circle-2022"),
        URL,
        FieldSpec("title", TitleField, example="Chengdu-Chongqing economic circle", sort=True),
        FieldSpec("publisher", PublisherField),
        FieldSpec("language", LanguageField, example="en", sort=True, facet=True),
        FieldSpec("original_url", OriginalUrlField),
        FieldSpec("photo_credit", PhotoCreditField),
        FieldSpec("editor", EditorField),
        FieldSpec("sha256", str, "SHA-256 of the UTF-8 text."),
        FieldSpec("length", int, "Length of the text in Unicode code points."),
        FieldSpec(
            "published_start",
            date | None,
            "Earliest possible publication day.",
            "2022-11-28",
            sort=True,
        ),
        FieldSpec("published_end", date | None),
        FieldSpec("published_precision", Precision | None),
        FieldSpec("published_inferred", bool | None),
        FieldSpec("published_note", str | None),
        FieldSpec("text", str, "The full text; citations index into it."),
        EVIDENCE,
        FieldSpec(
            "record_counts",
            dict[str, int],
            "Records citing this source, per resource.",
            in_item=False,
        ),
    ),
    filters=("id", "title", "language", "published_start"),
    text_fields=("title", "text"),
)

ProjectKindField = Annotated[ProjectKind, Described(description="What sort of undertaking.")]
SectorField = Annotated[Sector, Described(description="The sector it belongs to.")]
OrganisationsField = Annotated[
    list[str], Described(description="Ids of the organisations involved.")
]
PriorityField = Annotated[
    bool | None,
    Described(description="True when the source calls it a priority; null when it does not say."),
]

PROJECTS = ResourceSpec(
    name=ResourceName.projects,
    description="Projects, programmes, plans, strategies and joint initiatives.",
    model_name="Project",
    declared=(
        *_dated("chengdu-chongqing-hsr-middle-line", "Western science city"),
        FieldSpec("kind", ProjectKindField, example="plan", sort=True, facet=True),
        FieldSpec("sector", SectorField, example="transport", sort=True, facet=True),
        FieldSpec(
            "organisations",
            OrganisationsField,
            example="chongqing-development-and-reform-commission",
            facet=True,
            links_to=ResourceName.organisations,
        ),
        FieldSpec("priority", PriorityField, stored=False),
        SOURCE,
        *LINKED,
    ),
    filters=(*DATED_FILTERS, "kind", "sector", "status", "regions", "organisations", "source"),
    text_fields=("name", "description"),
)

ModeField = Annotated[Mode, Described(description="The kind of network or asset.")]

INFRASTRUCTURE = ResourceSpec(
    name=ResourceName.infrastructure,
    description="Physical networks and assets: railways, roads, airports, power lines, pipelines.",
    model_name="Infrastructure",
    declared=(
        *_dated("chengdu-chongqing-hsr-middle-line", "Western science city"),
        FieldSpec("mode", ModeField, example="rail", sort=True, facet=True),
        SOURCE,
        *LINKED,
    ),
    filters=(*DATED_FILTERS, "mode", "status", "regions", "source"),
    text_fields=("name", "description"),
)

EnergyKindField = Annotated[EnergyKind, Described(description="An asset or a measurement.")]
CarrierField = Annotated[Carrier, Described(description="The form of energy.")]

ENERGY = ResourceSpec(
    name=ResourceName.energy,
    description="Energy assets and energy measurements; a measurement's numbers are its figures.",
    model_name="Energy",
    declared=(
        *_dated("sichuan-chongqing-1000kv-uhv-ac-project", "Western science city"),
        FieldSpec("kind", EnergyKindField, example="asset", sort=True, facet=True),
        FieldSpec("carrier", CarrierField, example="natural_gas", sort=True, facet=True),
        SOURCE,
        *LINKED,
    ),
    filters=(*DATED_FILTERS, "kind", "carrier", "status", "regions", "source"),
    text_fields=("name", "description"),
)

QuoteKindField = Annotated[
    QuoteKind, Described(description="direct: in quotation marks; reported: reported speech.")
]
QuoteTextField = Annotated[
    str, Described(description="The statement exactly as the source words it.")
]
SpeakerIdField = Annotated[str, Described(description="The speaker's id.")]  # the data's `speaker`

QUOTES = ResourceSpec(
    name=ResourceName.quotes,
    description="Statements attributed to a named person, direct or reported.",
    model_name="Quote",
    declared=(
        _id("huang-zhi-strengthen-infrastructure"),
        URL,
        FieldSpec("kind", QuoteKindField, example="direct", sort=True, facet=True),
        FieldSpec("text", QuoteTextField),
        # Speaker and organisation are copied from people/organisations so that filters
        # and sorts on them stay single-table queries.
        FieldSpec(
            "speaker_id",
            SpeakerIdField,
            example="huang-zhi",
            sort=True,
            facet=True,
            links_to=ResourceName.people,
            expand_as="said_by",
        ),
        FieldSpec("speaker_name", str, "The speaker's name, exactly.", "Huang Zhi", sort=True),
        FieldSpec("speaker_role", str),
        FieldSpec(
            "organisation_id",
            str,
            "The speaker's organisation's id.",
            "chongqing-development-and-reform-commission",
            sort=True,
            facet=True,
            links_to=ResourceName.organisations,
            expand_as="organisation",
        ),
        FieldSpec("organisation_name", str),
        REGIONS,
        CITATIONS,
        SOURCE,
        *LINKED,
        FieldSpec("speaker", "SpeakerPublic", in_item=False),
    ),
    filters=(
        *("id", "kind", "speaker_id", "speaker_name", "organisation_id", "regions", "source"),
    ),
    text_fields=("text", "speaker_name", "speaker_role", "organisation_name"),
)

MeasureField = Annotated[
    str, Described(description="What is measured, e.g. investment, travel_time.")
]
ValueField = Annotated[
    int | float, Described(description="The number in the base unit given by `unit`.")
]
UnitField = Annotated[Unit, Described(description="The base unit of `value`.")]
AsStatedField = Annotated[str, Described(description="The source's own wording of the number.")]
QualifierField = Annotated[
    Qualifier, Described(description="How exact the source says the number is.")
]
ProjectedField = Annotated[
    bool, Described(description="True when the source gives it as expected in future.")
]

FIGURES = ResourceSpec(
    name=ResourceName.figures,
    description="Every number the sources state, typed, in a base unit, linked to its subject.",
    model_name="Figure",
    declared=(
        _id("major-projects-2022-investment-cny"),
        URL,
        FieldSpec(
            "subject_resource",
            ResourceName,
            "The resource of the record described.",
            "projects",
            sort=True,
            facet=True,
        ),
        FieldSpec(
            "subject_id",
            str,
            "The id of the record described.",
            "major-projects-2022",
            sort=True,
            links_via="subject_resource",
            expand_as="subject",
        ),
        FieldSpec("measure", MeasureField, example="investment", sort=True, facet=True),
        FieldSpec("value", ValueField, example="1000000000", sort=True),
        FieldSpec("unit", UnitField, example="CNY", sort=True, facet=True),
        FieldSpec("as_stated", AsStatedField),
        FieldSpec("qualifier", QualifierField, example="more_than", sort=True, facet=True),
        FieldSpec("projected", ProjectedField, example="false", facet=True),
        FieldSpec(
            "period_start",
            date | None,
            "First day of the period the figure covers.",
            "2022-01-01",
            sort=True,
        ),
        FieldSpec(
            "period_end",
            date | None,
            "Last day of the period the figure covers.",
            "2022-06-30",
            sort=True,
        ),
        FieldSpec(
            "period_precision", Precision | None, "Precision of the period.", "year", facet=True
        ),
        FieldSpec("period_inferred", bool | None),
        FieldSpec("period_note", str | None, stored=False),
        FieldSpec(
            "reported_start",
            date | None,
            "First day the figure may have been reported (the source's publication window), "
            "apart from the period it is about, as in FRED's vintages.",
        ),
        FieldSpec("reported_end", date | None, "Last day the figure may have been reported."),
        FieldSpec("reported_precision", Precision | None, stored=False),
        FieldSpec(
            "reported_inferred",
            bool | None,
            "True when the reporting window is inferred (the source gives no date).",
            stored=False,
        ),
        FieldSpec(
            "reported_note",
            str | None,
            "How the reporting window was inferred.",
            stored=False,
        ),
        FieldSpec(
            "period_ended_when_reported",
            bool | None,
            "false: the period was not over when the figure was reported (a figure to date, "
            "not a full-period total); true: it was over; null: no period, or unknown.",
            "false",
            facet=True,
        ),
        FieldSpec(
            "links",
            list[LinkPublic],
            "The figure's typed links, from this end: `about` its subject (first) and any "
            "other record it describes; `part_of` another figure (12 of the 95 suppliers) and "
            "`converts` another figure (the same amount in another unit): to sum figures "
            "without counting twice, leave out those with either; `said_by` the person it "
            "comes from; `related`.",
        ),
        CITATIONS,
        SOURCE,
        *LINKED,
        FieldSpec("subject", RecordRef, in_item=False),
    ),
    filters=(
        *("id", "subject_resource", "subject_id", "measure", "value", "unit", "qualifier"),
        *("projected", "period_start", "period_end", "period_precision"),
        *("period_ended_when_reported", "source"),
    ),
    text_fields=("as_stated", "measure"),
)

OrganisationKindField = Annotated[
    OrganisationKind, Described(description="What sort of organisation.")
]
AimsField = Annotated[
    list[str], Described(description="What it is for, each in the source's words.")
]

ORGANISATIONS = ResourceSpec(
    name=ResourceName.organisations,
    description="Organisations the sources name: government bodies, companies, parties.",
    model_name="Organisation",
    declared=(
        _id("faw-volkswagen-chengdu-branch"),
        _name("Chongqing Municipal Development and Reform Commission"),
        REGIONS,
        URL,
        FieldSpec("kind", OrganisationKindField, example="company", sort=True, facet=True),
        FieldSpec("aims", AimsField),
        CITATIONS,
        SOURCE,
        *LINKED,
        FieldSpec("people", list[RecordRef], "The people the source places in it.", in_item=False),
    ),
    filters=("id", "name", "kind", "regions", "source"),
    text_fields=("name",),
)

# A quote's speaker: the person, with their organisation's item.
SpeakerPublic: type[BaseModel] = create_model(
    "SpeakerPublic",
    __base__=PublicModel,
    id=(str, ...),
    name=(str, ...),
    role=(str, ...),
    organisation=(ORGANISATIONS.item_model, ...),
)

RoleField = Annotated[str, Described(description="The role the source gives, in its words.")]
# The data file's `organisation` of a person.
OrganisationIdField = Annotated[str, Described(description="The id of the person's organisation.")]

PEOPLE = ResourceSpec(
    name=ResourceName.people,
    description="People the sources name, with the role and organisation the source gives.",
    model_name="Person",
    declared=(
        _id("li-zhiqiang"),
        URL,
        _name("Li Zhiqiang"),
        FieldSpec("role", RoleField),
        FieldSpec(
            "organisation_id",
            OrganisationIdField,
            example="chongqing-development-and-reform-commission",
            sort=True,
            facet=True,
            links_to=ResourceName.organisations,
            expand_as="organisation",
        ),
        FieldSpec("organisation_name", str),
        CITATIONS,
        SOURCE,
        *LINKED,
        FieldSpec("organisation", ORGANISATIONS.item_model, in_item=False),
    ),
    filters=("id", "name", "organisation_id", "source"),
    text_fields=("name", "role", "organisation_name"),
)

PlaceKindField = Annotated[PlaceKind, Described(description="What sort of place.")]
WithinField = Annotated[
    list[Region],
    Described(
        description="The places this one lies directly within, as the source places it; the "
        "hierarchy is every place's `within`. A `within` filter matches every place lying "
        "within the given one, directly or not (within=sichuan: Chengdu, Guang'an City)."
    ),
]
CapitalOfField = Annotated[Region | None, Described(description="The place whose capital this is.")]

PLACES = ResourceSpec(
    name=ResourceName.places,
    description="The places the sources name, each within the places the source puts it in.",
    model_name="Place",
    declared=(
        _id("chengdu"),
        URL,
        _name("Chengdu"),
        FieldSpec("kind", PlaceKindField, example="city", sort=True, facet=True),
        FieldSpec(
            "within", WithinField, example="sichuan", facet=True, links_to=ResourceName.places
        ),
        FieldSpec("capital_of", CapitalOfField, links_to=ResourceName.places),
        CITATIONS,
        SOURCE,
        *LINKED,
    ),
    filters=("id", "name", "kind", "within", "source"),
    text_fields=("name",),
)

ExamplesField = Annotated[
    list[str], Described(description="The industries the source names, in its words.")
]
DevelopmentsField = Annotated[
    list[str], Described(description="What the source says is happening to them.")
]

INDUSTRIES = ResourceSpec(
    name=ResourceName.industries,
    description="Industries the sources speak of, with the examples they name.",
    model_name="Industry",
    declared=(
        _id("sichuan-chongqing-advantageous-industries"),
        URL,
        _name("Advantageous industries of Sichuan and Chongqing", sort=False),
        REGIONS,
        FieldSpec("examples", ExamplesField),
        FieldSpec("developments", DevelopmentsField),
        CITATIONS,
        SOURCE,
        *LINKED,
    ),
    filters=("id", "name", "regions", "source"),
    text_fields=("name", "examples", "developments"),
)

# Other resources' served models, as the detail models name them.
FigurePublic = FIGURES.item_model
OrganisationPublic = ORGANISATIONS.item_model

RESOURCES: dict[str, ResourceSpec] = {
    spec.name.value: spec
    for spec in (
        *(SOURCES, PROJECTS, INFRASTRUCTURE, ENERGY, QUOTES, FIGURES),
        *(PEOPLE, ORGANISATIONS, PLACES, INDUSTRIES),
    )
}
for _spec in RESOURCES.values():
    _spec.detail_model.model_rebuild()
