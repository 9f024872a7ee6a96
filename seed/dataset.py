"""The dataset files: their schema, and every check the loader makes before writing.

`read_sources(folder)` reads every source folder, validates everything and either returns
a `Dataset` or raises `DatasetError` listing each problem with its file, record and field.
"""

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

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


class SourceIn(Strict):
    id: str = Field(pattern=SLUG, max_length=200)
    title: str = Field(min_length=1)
    publisher: str | None = None
    language: str = Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")
    url: str | None = None
    photo_credit: str | None = None
    editor: str | None = None
    published: Period | None = None


class Cited(Strict):
    id: str = Field(pattern=SLUG, max_length=200)
    citations: list[CitationIn] = Field(min_length=1)


class OrganisationIn(Cited):
    name: str = Field(min_length=1)
    regions: list[Region] = Field(default_factory=list)


class PersonIn(Cited):
    name: str = Field(min_length=1)
    role: str = Field(min_length=1)
    organisation: str = Field(pattern=SLUG)


class DatedIn(Cited):
    name: str = Field(min_length=1)
    status: Status | None = None
    regions: list[Region] = Field(default_factory=list)
    description: str = Field(min_length=1)
    date: Period | None = None
    date_event: str | None = Field(default=None, pattern=SNAKE)
    related: list[Ref] = Field(default_factory=list)


class ProjectIn(DatedIn):
    kind: ProjectKind
    sector: Sector
    organisations: list[str] = Field(default_factory=list)


class InfrastructureIn(DatedIn):
    mode: Mode


class EnergyIn(DatedIn):
    kind: EnergyKind
    carrier: Carrier


class QuoteIn(Cited):
    speaker: str = Field(pattern=SLUG)
    kind: QuoteKind
    text: str = Field(min_length=1)
    regions: list[Region] = Field(default_factory=list)
    related: list[Ref] = Field(default_factory=list)


class FigureIn(Cited):
    subject: Ref
    measure: str = Field(pattern=SNAKE)
    value: int | float = Field(allow_inf_nan=False)
    unit: Unit
    as_stated: str = Field(min_length=1)
    qualifier: Qualifier
    projected: bool = False
    period: Period | None = None


# dataset.yaml's top-level keys, in load order, with the model of their records.
SECTIONS: dict[str, type[Cited]] = {
    "organisations": OrganisationIn,
    "people": PersonIn,
    "projects": ProjectIn,
    "infrastructure": InfrastructureIn,
    "energy": EnergyIn,
    "quotes": QuoteIn,
    "figures": FigureIn,
}


@dataclass(frozen=True)
class CitationOut:
    source_id: str
    quote: str
    start: int
    end: int


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

    def get(self, section: str, record_id: str) -> Cited:
        return self.records[section][record_id][0]


class DatasetError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _load_yaml(path: Path, problems: list[str]) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
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

    for section, records in data.records.items():
        for record_id, (record, citations) in records.items():
            where = f"{data.origins[section, record_id]}: {section} {record_id}"
            quotes = [c.quote for c in citations]
            for ref in getattr(record, "related", []):
                if not exists(ref):
                    problems.append(f"{where}: field related: no {ref.resource.value} {ref.id!r}")
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
    if not problems:
        _check_references(data, problems)
    if problems:
        raise DatasetError(problems)
    return data
