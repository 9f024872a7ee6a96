"""Turns a validated Dataset into table rows, and each record's public JSON into a document.

The public JSON is produced by the public models themselves, so what the API serves is
exactly what models.public declares.
"""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from sqlmodel import SQLModel

from models import public, tables
from models.resources import RESOURCES, record_url
from models.text_index import fold
from models.vocab import ResourceName
from seed.dataset import (
    CitationOut,
    Cited,
    Dataset,
    DatedIn,
    EnergyIn,
    FigureIn,
    InfrastructureIn,
    OrganisationIn,
    Period,
    PersonIn,
    ProjectIn,
    QuoteIn,
)


@dataclass
class Rows:
    by_table: dict[type[SQLModel], list[SQLModel]] = field(default_factory=dict)

    def add(self, row: SQLModel) -> None:
        self.by_table.setdefault(type(row), []).append(row)


def _citations(citations: list[CitationOut]) -> list[public.CitationPublic]:
    return [public.CitationPublic(**c.__dict__) for c in citations]


def _period(prefix: str, period: Period | None) -> dict[str, Any]:
    keys = ("start", "end", "precision", "inferred", "note")
    return {f"{prefix}_{k}": (getattr(period, k) if period else None) for k in keys}


class Renderer:
    def __init__(self, data: Dataset) -> None:
        self.data = data
        self.rows = Rows()
        self.figures_of: dict[tuple[str, str], list[public.FigurePublic]] = {}
        self.items: dict[tuple[str, str], BaseModel] = {}

    def _rendered(self, resource: str, item: BaseModel, detail: BaseModel) -> dict[str, Any]:
        """The record's document (its public JSON), and the search text its row carries."""
        values = item.model_dump()
        key = len(self.rows.by_table.get(tables.Document, [])) + 1
        document = tables.Document(
            key=key, doc=item.model_dump_json(), detail=detail.model_dump_json()
        )
        self.rows.add(document)
        text = "\n".join(fold(str(values[k])) for k in RESOURCES[resource].text_fields)
        return {"document": key, "search_text": text}

    def name_of(self, resource: str, record_id: str) -> str:
        record = self.data.get(resource, record_id)
        if isinstance(record, DatedIn):
            return record.name
        if isinstance(record, QuoteIn):
            speaker = self.data.get("people", record.speaker)
            assert isinstance(speaker, PersonIn)
            return f"{speaker.name}: {record.text[:60]}" + ("…" if len(record.text) > 60 else "")
        if isinstance(record, FigureIn):
            return f"{record.measure.replace('_', ' ')}: {record.as_stated}"
        raise TypeError(resource)

    def ref(self, resource: str, record_id: str) -> public.RecordRef:
        return public.RecordRef(
            resource=ResourceName(resource),
            id=record_id,
            name=self.name_of(resource, record_id),
            url=record_url(resource, record_id),
        )

    def _shared(self, resource: str, record: Cited, citations: list[CitationOut]) -> dict[str, Any]:
        for index, citation in enumerate(citations):
            self.rows.add(
                tables.Citation(
                    resource=resource,
                    record_id=record.id,
                    ordinal=index,
                    source_id=citation.source_id,
                    quote=citation.quote,
                    start=citation.start,
                    end=citation.end,
                )
            )
        for source_id in sorted({c.source_id for c in citations}):
            self._value(resource, record.id, "source", source_id)
        return {
            "id": record.id,
            "url": record_url(resource, record.id),
            "citations": _citations(citations),
        }

    def _value(self, resource: str, record_id: str, name: str, value: str) -> None:
        self.rows.add(
            tables.RecordValue(resource=resource, field=name, value=value, record_id=record_id)
        )

    def _search(self, resource: str, record_id: str, name: str, body: str) -> None:
        self.rows.add(
            tables.SearchEntry(
                resource=resource,
                record_id=record_id,
                name=name,
                body=body,
                name_folded=fold(name),
                body_folded=fold(body),
            )
        )

    def render(self) -> Rows:
        data = self.data
        for source in data.sources:
            meta = source.meta
            counts = Counter(
                resource
                for resource, records in data.records.items()
                if resource in ResourceName.__members__
                for _, citations in records.values()
                if any(c.source_id == meta.id for c in citations)
            )
            fields: dict[str, Any] = {
                "id": meta.id,
                "url": record_url("sources", meta.id),
                "title": meta.title,
                "publisher": meta.publisher,
                "language": meta.language,
                "original_url": meta.url,
                "photo_credit": meta.photo_credit,
                "editor": meta.editor,
                "sha256": source.sha256,
                "length": len(source.text),
                "text": source.text,
                **_period("published", meta.published),
            }
            item = public.SourcePublic(**fields)
            detail = public.SourceDetail(
                **fields,
                record_counts={
                    r.value: counts.get(r.value, 0) for r in ResourceName if r != "sources"
                },
            )
            columns = {k: v for k, v in fields.items() if k != "url"}
            self.rows.add(tables.Source(**columns, **self._rendered("sources", item, detail)))
            self._search("sources", meta.id, meta.title, source.text)

        for record_id, (org, _) in data.records["organisations"].items():
            assert isinstance(org, OrganisationIn)
            self.rows.add(
                tables.Organisation(id=record_id, name=org.name, regions=",".join(org.regions))
            )
        for record_id, (person, _) in data.records["people"].items():
            assert isinstance(person, PersonIn)
            self.rows.add(
                tables.Person(
                    id=record_id,
                    name=person.name,
                    role=person.role,
                    organisation_id=person.organisation,
                )
            )

        # Figures first: the other records' details embed them.
        for figure, citations in data.records["figures"].values():
            assert isinstance(figure, FigureIn)
            self._figure(figure, citations)
        for resource, table in (
            ("projects", tables.Project),
            ("infrastructure", tables.Infrastructure),
            ("energy", tables.Energy),
        ):
            for record, citations in data.records[resource].values():
                assert isinstance(record, DatedIn)
                self._dated(resource, table, record, citations)
        for quote, citations in data.records["quotes"].values():
            assert isinstance(quote, QuoteIn)
            self._quote(quote, citations)
        return self.rows

    def _related(self, resource: str, record: Cited) -> list[public.RecordRef]:
        refs = []
        for ref in getattr(record, "related", []):
            self.rows.add(
                tables.Relation(
                    resource=resource,
                    record_id=record.id,
                    related_resource=ref.resource.value,
                    related_id=ref.id,
                )
            )
            refs.append(self.ref(ref.resource.value, ref.id))
        return refs

    def _figure(self, figure: FigureIn, citations: list[CitationOut]) -> None:
        shared = self._shared("figures", figure, citations)
        subject = figure.subject
        fields: dict[str, Any] = {
            **shared,
            "subject_resource": subject.resource,
            "subject_id": subject.id,
            "measure": figure.measure,
            "value": figure.value,
            "unit": figure.unit,
            "as_stated": figure.as_stated,
            "qualifier": figure.qualifier,
            "projected": figure.projected,
            **_period("period", figure.period),
        }
        item = public.FigurePublic(**fields)
        self.figures_of.setdefault((subject.resource.value, subject.id), []).append(item)
        detail = public.FigureDetail(**fields, subject=self.ref(subject.resource.value, subject.id))
        columns = {k: v for k, v in fields.items() if k not in ("url", "citations", "period_note")}
        self.rows.add(tables.Figure(**columns, **self._rendered("figures", item, detail)))
        self._search("figures", figure.id, self.name_of("figures", figure.id), figure.as_stated)

    def _dated(
        self,
        resource: str,
        table: type[tables.DatedRecord],
        record: DatedIn,
        citations: list[CitationOut],
    ) -> None:
        shared = self._shared(resource, record, citations)
        for region in record.regions:
            self._value(resource, record.id, "regions", region)
        extra: dict[str, Any] = {}
        if isinstance(record, ProjectIn):
            extra = {"kind": record.kind, "sector": record.sector}
            for org in record.organisations:
                self._value(resource, record.id, "organisations", org)
        elif isinstance(record, InfrastructureIn):
            extra = {"mode": record.mode}
        elif isinstance(record, EnergyIn):
            extra = {"kind": record.kind, "carrier": record.carrier}
        fields: dict[str, Any] = {
            **shared,
            "name": record.name,
            "status": record.status,
            "regions": list(record.regions),
            "description": record.description,
            **_period("date", record.date),
            "date_event": record.date_event,
            **extra,
        }
        if isinstance(record, ProjectIn):
            fields["organisations"] = list(record.organisations)
        spec = RESOURCES[resource]
        item = spec.item_model(**fields)
        detail = spec.detail_model(
            **fields,
            figures=self.figures_of.get((resource, record.id), []),
            related=self._related(resource, record),
        )
        skip = {"url", "citations", "regions", "organisations", "date_note"}
        columns = {k: v for k, v in fields.items() if k not in skip}
        self.rows.add(table(**columns, **self._rendered(resource, item, detail)))
        self._search(resource, record.id, record.name, record.description)

    def _quote(self, quote: QuoteIn, citations: list[CitationOut]) -> None:
        shared = self._shared("quotes", quote, citations)
        speaker = self.data.get("people", quote.speaker)
        assert isinstance(speaker, PersonIn)
        org = self.data.get("organisations", speaker.organisation)
        assert isinstance(org, OrganisationIn)
        for region in quote.regions:
            self._value("quotes", quote.id, "regions", region)
        fields: dict[str, Any] = {
            **shared,
            "kind": quote.kind,
            "text": quote.text,
            "speaker_id": speaker.id,
            "speaker_name": speaker.name,
            "speaker_role": speaker.role,
            "organisation_id": org.id,
            "organisation_name": org.name,
            "regions": list(quote.regions),
        }
        item = public.QuotePublic(**fields)
        detail = public.QuoteDetail(
            **fields,
            figures=self.figures_of.get(("quotes", quote.id), []),
            related=self._related("quotes", quote),
            speaker=public.SpeakerPublic(
                id=speaker.id,
                name=speaker.name,
                role=speaker.role,
                organisation=public.OrganisationPublic(
                    id=org.id, name=org.name, regions=list(org.regions)
                ),
            ),
        )
        columns = {k: v for k, v in fields.items() if k not in ("url", "citations", "regions")}
        self.rows.add(tables.Quote(**columns, **self._rendered("quotes", item, detail)))
        self._search("quotes", quote.id, speaker.name, f"{quote.text} {speaker.role} {org.name}")
