"""The dataset files: their schema, and every check the loader makes before writing.

A field the data file shares with what is served (a project's `kind`, a place's `within`)
is annotated with the alias its FieldSpec in models/resources.py is declared with
(`StatusField`, `WithinField`): its type, vocabulary, nullability, multiplicity,
description and limit are written there once. What is said here of such a field is what
only a data file needs: its default when left out, and checks of its own (a slug's
pattern, text that is not empty). The models stay classes written out so that the loader
and the renderer read their attributes with static types.

`read_sources(folder)` reads every source folder, validates everything and either returns
a `Dataset` or raises `DatasetError` listing each problem with its file, record and field.
"""

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from models.resources import (
    AimsField,
    AsStatedField,
    CapitalOfField,
    CarrierField,
    DateEventField,
    DescriptionField,
    DevelopmentsField,
    EditorField,
    EnergyKindField,
    ExamplesField,
    IdField,
    LanguageField,
    MeasureField,
    ModeField,
    NameField,
    OrganisationIdField,
    OrganisationKindField,
    OrganisationsField,
    OriginalUrlField,
    PhotoCreditField,
    PlaceKindField,
    PriorityField,
    ProjectedField,
    ProjectKindField,
    PublisherField,
    QualifierField,
    QuoteKindField,
    QuoteTextField,
    RegionsField,
    RoleField,
    SectorField,
    SpeakerIdField,
    StatusField,
    TitleField,
    UnitField,
    ValueField,
    WithinField,
)
from models.vocab import Precision, RelationType, ResourceName

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_RE = re.compile(SLUG)
SNAKE = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False, frozen=True)


class CitationIn(Strict):
    quote: str = Field(min_length=1)


class Period(Strict):
    start: date
    end: date
    precision: Precision
    inferred: bool
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "Period":
        if self.end < self.start:
            raise ValueError("end is before start")
        if self.inferred and not self.note:
            raise ValueError("an inferred date needs a note saying how it was inferred")
        return self


class Ref(Strict):
    resource: ResourceName
    id: str = Field(pattern=SLUG)


class Link(Ref):
    """A typed link to another record; `related` claims no more than relatedness."""

    type: RelationType = RelationType.related


class SubQuoteIn(Strict):
    """Words within one of the record's citations (the first that holds them, or the
    one numbered `citation`), at their first occurrence there."""

    quote: str = Field(min_length=1)
    citation: int | None = Field(default=None, ge=0)


class InferredIn(Strict):
    """A value the text does not state: the curator's reading, and why."""

    inferred: Literal[True]
    note: str = Field(min_length=1)


# A field's evidence: a citation's number (from 0), words within a citation, or an
# inference with its note; or a list of these. A field of several values (LIST_FIELDS)
# maps each of its values to its own.
EvidenceItem = Annotated[int, Field(ge=0)] | SubQuoteIn | InferredIn
Supports = EvidenceItem | list[EvidenceItem]


# A value's key is never a support's own key, so a malformed support is reported as such.
def _value_key(key: str) -> str:
    if key in ("quote", "citation", "inferred", "note"):
        raise ValueError(f"{key!r} is a key of one support, not a value")
    return key


ValueKey = Annotated[str, AfterValidator(_value_key)]
Evidence = dict[str, Supports | dict[ValueKey, Supports]]


class SourceIn(Strict):
    id: IdField = Field(pattern=SLUG)
    title: TitleField = Field(min_length=1)
    publisher: PublisherField = None
    language: LanguageField = Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")
    url: OriginalUrlField = None
    photo_credit: PhotoCreditField = None
    editor: EditorField = None
    published: Period | None = None
    # Evidence for title, publisher, language, url, photo_credit, editor, published:
    # words of the text ({quote: ...}, occurring once) or an inference with its note.
    evidence: Evidence = Field(default_factory=dict)


class Cited(Strict):
    id: IdField = Field(pattern=SLUG)
    citations: list[CitationIn] = Field(min_length=1)
    evidence: Evidence = Field(default_factory=dict)
    related: list[Link] = Field(default_factory=list)


class OrganisationIn(Cited):
    name: NameField = Field(min_length=1)
    kind: OrganisationKindField
    regions: RegionsField = Field(default_factory=list)
    # Each in the text's words (contained in a citation).
    aims: AimsField = Field(default_factory=list)


class PersonIn(Cited):
    name: NameField = Field(min_length=1)
    role: RoleField = Field(min_length=1)
    organisation: OrganisationIdField = Field(pattern=SLUG)


class PlaceIn(Cited):
    name: NameField = Field(min_length=1)
    kind: PlaceKindField
    within: WithinField = Field(default_factory=list)
    capital_of: CapitalOfField = None


class IndustryIn(Cited):
    name: NameField = Field(min_length=1)
    regions: RegionsField = Field(default_factory=list)
    # Each in the text's words (contained in a citation).
    examples: ExamplesField = Field(default_factory=list)
    developments: DevelopmentsField = Field(default_factory=list)


class DatedIn(Cited):
    name: NameField = Field(min_length=1)
    status: StatusField = None
    regions: RegionsField = Field(default_factory=list)
    description: DescriptionField = Field(min_length=1)
    date: Period | None = None
    date_event: DateEventField = Field(default=None, pattern=SNAKE)


class ProjectIn(DatedIn):
    kind: ProjectKindField
    sector: SectorField
    organisations: OrganisationsField = Field(default_factory=list)
    priority: PriorityField = None


class InfrastructureIn(DatedIn):
    mode: ModeField


class EnergyIn(DatedIn):
    kind: EnergyKindField
    carrier: CarrierField


class QuoteIn(Cited):
    speaker: SpeakerIdField = Field(pattern=SLUG)
    kind: QuoteKindField
    text: QuoteTextField = Field(min_length=1)
    regions: RegionsField = Field(default_factory=list)


class FigureIn(Cited):
    subject: Ref
    measure: MeasureField = Field(pattern=SNAKE)
    value: ValueField = Field(allow_inf_nan=False)
    unit: UnitField
    as_stated: AsStatedField = Field(min_length=1)
    qualifier: QualifierField
    projected: ProjectedField = False
    period: Period | None = None


# dataset.yaml's top-level keys, in load order, with the model of their records.
SECTIONS: dict[str, type[Cited]] = {
    "places": PlaceIn,
    "organisations": OrganisationIn,
    "people": PersonIn,
    "industries": IndustryIn,
    "projects": ProjectIn,
    "infrastructure": InfrastructureIn,
    "energy": EnergyIn,
    "quotes": QuoteIn,
    "figures": FigureIn,
}


# The fields whose every value needs evidence, per section. `related` covers the
# record's typed links. Not listed: `id` (a key, not a claim), `citations` (checked
# against the text), and the fields whose value is itself words of a citation (a
# quote's `text`, a figure's `as_stated`, an organisation's `aims`) or is derived by
# the loader (a figure's reporting window): their evidence is computed.
EVIDENCED: dict[str, tuple[str, ...]] = {
    "places": ("name", "kind", "within", "capital_of", "related"),
    "organisations": ("name", "kind", "regions", "related"),
    "people": ("name", "role", "organisation", "related"),
    "industries": ("name", "regions", "related"),
    "projects": (
        *("name", "kind", "sector", "status", "regions", "description", "date", "date_event"),
        *("organisations", "priority", "related"),
    ),
    "infrastructure": (
        *("name", "mode", "status", "regions", "description", "date", "date_event", "related"),
    ),
    "energy": (
        *("name", "kind", "carrier", "status", "regions", "description", "date", "date_event"),
        "related",
    ),
    "quotes": ("speaker", "kind", "regions", "related"),
    "figures": (
        *("subject", "measure", "value", "unit", "qualifier", "projected", "period"),
        "related",
    ),
}
# The fields of several values, whose evidence is given value by value: a place id, an
# organisation id, or `resource/id` of a link.
LIST_FIELDS = ("regions", "within", "organisations", "related")
SOURCE_EVIDENCED = ("title", "publisher", "language", "url", "photo_credit", "editor", "published")


@dataclass(frozen=True)
class CitationOut:
    source_id: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class EvidenceOut:
    """One support of a field's value: a span of a source, or an inference."""

    source_id: str | None = None
    quote: str | None = None
    start: int | None = None
    end: int | None = None
    inferred: bool = False
    note: str | None = None
    value: str | None = None  # of a field of several values: the value it supports


@dataclass
class SourceData:
    meta: SourceIn
    text: str
    sha256: str
    folder: Path
    records: dict[str, dict[str, Cited]] = field(default_factory=dict)


@dataclass
class Dataset:
    sources: list[SourceData]
    # section -> id -> (record, citations resolved against its source)
    records: dict[str, dict[str, tuple[Cited, list[CitationOut]]]]
    # (section, id) -> the dataset file that defines it, for error messages
    origins: dict[tuple[str, str], Path] = field(default_factory=dict)
    # (section, id) -> field -> its evidence; ("sources", id) for each source
    evidence: dict[tuple[str, str], dict[str, list[EvidenceOut]]] = field(default_factory=dict)

    def get(self, section: str, record_id: str) -> Cited:
        return self.records[section][record_id][0]


class DatasetError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


# PyYAML's loader on libyaml, where PyYAML was built with it (its wheels are): the same
# safe loading, eight times faster than the pure-Python one on the shipped dataset.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(path: Path, problems: list[str]) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=SAFE_LOADER)  # noqa: S506 (a safe loader)
    except FileNotFoundError:
        problems.append(f"{path}: missing")
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: not valid YAML: {exc}")
    return None


def _pydantic_problems(where: str, exc: ValidationError) -> Iterable[str]:
    for error in exc.errors(include_url=False, include_input=False):
        location = ".".join(str(part) for part in error["loc"]) or "(record)"
        yield f"{where}: field {location}: {error['msg']}"


def locate(text: str, quote: str) -> tuple[int, int] | str:
    """Offsets of `quote` in `text`, or why they cannot be given."""
    start = text.find(quote)
    if start < 0:
        return "quote not found in the source text"
    if text.find(quote, start + 1) >= 0:
        return "quote occurs more than once in the source text; quote more of it"
    return start, start + len(quote)


def _read_source(folder: Path, problems: list[str]) -> SourceData | None:
    text_path = folder / "text.txt"
    try:
        raw = text_path.read_bytes()
        text = raw.decode("utf-8")
    except FileNotFoundError:
        problems.append(f"{text_path}: missing")
        return None
    except UnicodeDecodeError as exc:
        problems.append(f"{text_path}: not UTF-8: {exc}")
        return None
    if "\x00" in text:
        problems.append(f"{text_path}: contains NUL characters")
        return None
    meta_path = folder / "source.yaml"
    raw_meta = _load_yaml(meta_path, problems)
    if raw_meta is None:
        return None
    try:
        meta = SourceIn.model_validate(raw_meta)
    except ValidationError as exc:
        problems.extend(_pydantic_problems(str(meta_path), exc))
        return None
    if meta.id != folder.name:
        problems.append(f"{meta_path}: field id: {meta.id!r} must equal the folder name")
    source = SourceData(meta=meta, text=text, sha256=hashlib.sha256(raw).hexdigest(), folder=folder)
    data_path = folder / "dataset.yaml"
    raw_data = _load_yaml(data_path, problems)
    if raw_data is None:
        return source
    if not isinstance(raw_data, dict):
        problems.append(f"{data_path}: must be a mapping of sections")
        return source
    for section in raw_data:
        if section not in SECTIONS:
            problems.append(f"{data_path}: unknown section {section!r}; allowed: {list(SECTIONS)}")
    for section, model in SECTIONS.items():
        items = raw_data.get(section) or []
        if not isinstance(items, list):
            problems.append(f"{data_path}: section {section} must be a list")
            continue
        parsed: dict[str, Cited] = {}
        for index, item in enumerate(items):
            label = item.get("id") if isinstance(item, dict) else None
            where = f"{data_path}: {section}[{index}] ({label or 'no id'})"
            try:
                record = model.model_validate(item)
            except ValidationError as exc:
                problems.extend(_pydantic_problems(where, exc))
                continue
            if record.id in parsed:
                problems.append(f"{where}: field id: duplicate id {record.id!r}")
                continue
            parsed[record.id] = record
        source.records[section] = parsed
    return source


def _check_references(data: Dataset, problems: list[str]) -> None:
    def exists(ref: Ref) -> bool:
        return ref.id in data.records.get(ref.resource.value, {})

    places = data.records["places"]
    for section, records in data.records.items():
        for record_id, (record, citations) in records.items():
            where = f"{data.origins[section, record_id]}: {section} {record_id}"
            quotes = [c.quote for c in citations]
            for ref in record.related:
                if ref.resource == ResourceName.sources or not exists(ref):
                    problems.append(f"{where}: field related: no {ref.resource.value} {ref.id!r}")
                elif ref.type is RelationType.converts and not (
                    section == ref.resource.value == "figures"
                ):
                    problems.append(f"{where}: field related: converts links a figure to a figure")
                elif ref.type is RelationType.part_of and section != ref.resource.value:
                    problems.append(
                        f"{where}: field related: part_of links records of one resource"
                    )
            for name in ("regions", "within"):
                for region in getattr(record, name, []):
                    if region.value not in places:
                        problems.append(f"{where}: field {name}: no place {region.value!r}")
            if isinstance(record, PlaceIn):
                if record.capital_of is not None and record.capital_of.value not in places:
                    problems.append(f"{where}: field capital_of: no place {record.capital_of!r}")
                if record_id in _ancestors(data, record_id, set()):
                    problems.append(f"{where}: field within: the place lies within itself")
            if (
                isinstance(record, PersonIn)
                and record.organisation not in data.records["organisations"]
            ):
                problems.append(
                    f"{where}: field organisation: no organisation {record.organisation!r}"
                )
            if isinstance(record, ProjectIn):
                for org in record.organisations:
                    if org not in data.records["organisations"]:
                        problems.append(f"{where}: field organisations: no organisation {org!r}")
            if isinstance(record, QuoteIn):
                if record.speaker not in data.records["people"]:
                    problems.append(f"{where}: field speaker: no person {record.speaker!r}")
                if not any(record.text in q for q in quotes):
                    problems.append(f"{where}: field text: not contained in any of its citations")
            for name in ("aims", "examples", "developments"):
                for words in getattr(record, name, []):
                    if not any(words in q for q in quotes):
                        problems.append(
                            f"{where}: field {name}: {words!r} is not contained in any of its "
                            "citations"
                        )
            if isinstance(record, FigureIn):
                if record.subject.resource == ResourceName.sources or not exists(record.subject):
                    problems.append(
                        f"{where}: field subject: no {record.subject.resource.value} "
                        f"{record.subject.id!r}"
                    )
                if not any(record.as_stated in q for q in quotes):
                    problems.append(
                        f"{where}: field as_stated: not contained in any of its citations"
                    )


def _check_shared_things(data: Dataset, problems: list[str]) -> None:
    """A thing in infrastructure and energy (the same id) is one thing: its name, status
    and regions agree, so that no fact differs between the two views of it."""
    for record_id, (energy, _) in data.records["energy"].items():
        other = data.records["infrastructure"].get(record_id)
        if other is None:
            continue
        assert isinstance(energy, DatedIn)
        assert isinstance(other[0], DatedIn)
        for name in ("name", "status", "regions", "date"):
            if getattr(energy, name) != getattr(other[0], name):
                where = f"{data.origins['energy', record_id]}: energy {record_id}"
                problems.append(f"{where}: field {name}: differs from infrastructure {record_id}")


def _ancestors(data: Dataset, place_id: str, seen: set[str]) -> set[str]:
    """Every place `place_id` lies within, directly or not (cycles stop, and are refused)."""
    entry = data.records["places"].get(place_id)
    if entry is None:
        return set()
    place = entry[0]
    assert isinstance(place, PlaceIn)
    found: set[str] = set()
    for parent in place.within:
        if parent.value in seen:
            found.add(parent.value)
            continue
        found.add(parent.value)
        found |= _ancestors(data, parent.value, seen | {parent.value})
    return found


def ancestors(data: Dataset, place_id: str) -> list[str]:
    """The places `place_id` lies within, transitively, sorted."""
    return sorted(_ancestors(data, place_id, {place_id}) - {place_id})


def _present(value: Any) -> bool:
    return value is not None and value != [] and value != ""


def _value_keys(record: Cited, name: str) -> list[str]:
    values = getattr(record, name)
    if name == "related":
        return [f"{ref.resource.value}/{ref.id}" for ref in values]
    return [str(v) for v in values]


def _items(given: EvidenceItem | list[EvidenceItem]) -> list[EvidenceItem]:
    return list(given) if isinstance(given, list) else [given]


def _span(citation: CitationOut, words: str) -> EvidenceOut | None:
    offset = citation.quote.find(words)
    if offset < 0:
        return None
    start = citation.start + offset
    return EvidenceOut(citation.source_id, words, start, start + len(words))


def _resolve(
    where: str, name: str, item: EvidenceItem, citations: list[CitationOut], problems: list[str]
) -> EvidenceOut | None:
    if isinstance(item, InferredIn):
        return EvidenceOut(inferred=True, note=item.note)
    if isinstance(item, int):
        if item >= len(citations):
            problems.append(
                f"{where}: field evidence.{name}: no citation {item} "
                f"(the record has {len(citations)})"
            )
            return None
        c = citations[item]
        return EvidenceOut(c.source_id, c.quote, c.start, c.end)
    chosen = citations if item.citation is None else citations[item.citation : item.citation + 1]
    if item.citation is not None and not chosen:
        problems.append(f"{where}: field evidence.{name}: no citation {item.citation}")
        return None
    for citation in chosen:
        span = _span(citation, item.quote)
        if span is not None:
            return span
    problems.append(
        f"{where}: field evidence.{name}: {item.quote!r} is not within the record's citations"
    )
    return None


def _derived(record: Cited, citations: list[CitationOut]) -> dict[str, list[EvidenceOut]]:
    """Evidence the loader computes: words that are their own evidence."""
    own: dict[str, list[str]] = {}  # field -> the words that are their own evidence
    if isinstance(record, QuoteIn):
        own["text"] = [record.text]
    if isinstance(record, FigureIn):
        own["as_stated"] = [record.as_stated]
    if isinstance(record, OrganisationIn) and record.aims:
        own["aims"] = list(record.aims)
    if isinstance(record, IndustryIn):
        own["examples"] = list(record.examples)
        own["developments"] = list(record.developments)
    found: dict[str, list[EvidenceOut]] = {}
    for name, words in own.items():
        spans = []
        for w in words:
            span = next((s for c in citations if (s := _span(c, w)) is not None), None)
            if span is not None:
                spans.append(span)
        found[name] = spans
    return found


def _check_evidence(data: Dataset, problems: list[str]) -> None:
    """Every value of every evidenced field has evidence; the evidence resolves."""
    for section, records in data.records.items():
        for record_id, (record, citations) in records.items():
            where = f"{data.origins[section, record_id]}: {section} {record_id}"
            required = EVIDENCED[section]
            resolved: dict[str, list[EvidenceOut]] = _derived(record, citations)
            for name in record.evidence:
                if name not in required:
                    problems.append(
                        f"{where}: field evidence.{name}: not a field that takes evidence here "
                        f"(allowed: {', '.join(required)})"
                    )
                elif not _present(getattr(record, name)):
                    problems.append(f"{where}: field evidence.{name}: the field has no value")
            for name in required:
                if not _present(getattr(record, name)):
                    continue
                given = record.evidence.get(name)
                if given is None:
                    problems.append(
                        f"{where}: field {name}: no evidence: cite one of the record's "
                        "citations, words within one, or mark it inferred with a note"
                    )
                    continue
                if name not in LIST_FIELDS:
                    if isinstance(given, dict):
                        problems.append(
                            f"{where}: field evidence.{name}: evidence value by value is for "
                            f"fields of several values ({', '.join(LIST_FIELDS)})"
                        )
                        continue
                    spans = [_resolve(where, name, i, citations, problems) for i in _items(given)]
                    resolved[name] = [s for s in spans if s is not None]
                    continue
                if not isinstance(given, dict):
                    problems.append(
                        f"{where}: field evidence.{name}: give each value its evidence "
                        f"({{value: evidence}}); the values: {', '.join(_value_keys(record, name))}"
                    )
                    continue
                keys = _value_keys(record, name)
                for key in given:
                    if key not in keys:
                        problems.append(
                            f"{where}: field evidence.{name}: {key!r} is not a value of the field"
                        )
                resolved[name] = []
                for key in keys:
                    if key not in given:
                        problems.append(f"{where}: field {name}: value {key!r} has no evidence")
                        continue
                    for item in _items(given[key]):
                        found = _resolve(where, f"{name}.{key}", item, citations, problems)
                        if found is not None:
                            resolved[name].append(replace(found, value=key))
            data.evidence[section, record_id] = resolved


def _check_source_evidence(source: SourceData, problems: list[str]) -> dict[str, list[EvidenceOut]]:
    where = f"{source.folder / 'source.yaml'}"
    meta = source.meta
    resolved: dict[str, list[EvidenceOut]] = {}
    for name in meta.evidence:
        if name not in SOURCE_EVIDENCED:
            problems.append(f"{where}: field evidence.{name}: not a field that takes evidence")
    for name in SOURCE_EVIDENCED:
        if not _present(getattr(meta, name)):
            continue
        given = meta.evidence.get(name)
        if given is None:
            problems.append(
                f"{where}: field {name}: no evidence: quote the text or mark it inferred"
            )
            continue
        spans: list[EvidenceOut] = []
        if isinstance(given, dict):
            problems.append(f"{where}: field evidence.{name}: a source's fields have one value")
            continue
        for item in _items(given):
            if isinstance(item, InferredIn):
                spans.append(EvidenceOut(inferred=True, note=item.note))
            elif isinstance(item, int) or item.citation is not None:
                problems.append(f"{where}: field evidence.{name}: a source has no citations")
            else:
                found = locate(source.text, item.quote)
                if isinstance(found, str):
                    problems.append(f"{where}: field evidence.{name}: {found}")
                else:
                    spans.append(EvidenceOut(meta.id, item.quote, *found))
        resolved[name] = spans
    return resolved


def read_sources(folder: Path) -> Dataset:
    problems: list[str] = []
    if not folder.is_dir():
        raise DatasetError([f"{folder}: no such folder of sources"])
    folders = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not folders:
        raise DatasetError([f"{folder}: holds no source folders"])
    sources = [s for s in (_read_source(f, problems) for f in folders) if s is not None]
    records: dict[str, dict[str, tuple[Cited, list[CitationOut]]]] = {s: {} for s in SECTIONS}
    origins: dict[tuple[str, str], Path] = {}
    for source in sources:
        for section, parsed in source.records.items():
            for record_id, record in parsed.items():
                where = f"{source.folder / 'dataset.yaml'}: {section} {record_id}"
                if record_id in records[section]:
                    problems.append(f"{where}: field id: also defined by another source")
                    continue
                citations: list[CitationOut] = []
                for index, citation in enumerate(record.citations):
                    found = locate(source.text, citation.quote)
                    if isinstance(found, str):
                        problems.append(f"{where}: field citations.{index}.quote: {found}")
                    else:
                        citations.append(CitationOut(source.meta.id, citation.quote, *found))
                records[section][record_id] = (record, citations)
                origins[section, record_id] = source.folder / "dataset.yaml"
    data = Dataset(sources=sources, records=records, origins=origins)
    for source in sources:
        data.evidence["sources", source.meta.id] = _check_source_evidence(source, problems)
    if not problems:
        _check_references(data, problems)
        _check_shared_things(data, problems)
        _check_evidence(data, problems)
    if problems:
        raise DatasetError(problems)
    return data
