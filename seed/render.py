"""Turns a validated Dataset into table rows, and each record's public JSON into a document.

The public JSON is produced by the served models themselves, and each row holds the
fields its resource's description says are stored, so what the API serves and what it
filters are exactly what models/resources.py declares.
"""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from sqlmodel import SQLModel

from models import public, tables
from models.resources import RESOURCES, SpeakerPublic, record_url
from models.text_index import fold
from models.vocab import RelationType, ResourceName
from seed.annotate import annotate, page
from seed.dataset import (
    CitationOut,
    Cited,
    Dataset,
    DatedIn,
    EnergyIn,
    EvidenceOut,
    FigureIn,
    IndustryIn,
    InfrastructureIn,
    OrganisationIn,
    Period,
    PersonIn,
    PlaceIn,
    ProjectIn,
    QuoteIn,
    ancestors,
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


# A field of the data file -> the served fields its evidence supports.
SERVED_AS: dict[str, tuple[str, ...]] = {
    "date": ("date_start", "date_end", "date_precision"),
    "period": ("period_start", "period_end", "period_precision"),
    "published": ("published_start", "published_end", "published_precision"),
    "subject": ("subject_resource", "subject_id"),
    "speaker": ("speaker_id", "speaker_name"),
    "url": ("original_url",),
}


def served_evidence(
    evidence: dict[str, list[EvidenceOut]], renames: dict[str, tuple[str, ...]] | None = None
) -> dict[str, list[public.EvidencePublic]]:
    out: dict[str, list[public.EvidencePublic]] = {}
    for name, spans in evidence.items():
        for served in (renames or SERVED_AS).get(name, SERVED_AS.get(name, (name,))):
            out[served] = [public.EvidencePublic(**span.__dict__) for span in spans]
    return dict(sorted(out.items()))


@dataclass(frozen=True)
class Link:
    resource: str
    record_id: str
    type: RelationType
    related_resource: str
    related_id: str


def reporting(figure: FigureIn, published: Period | None) -> dict[str, Any]:
    """When the figure was reported (its source's publication window), and whether the
    period it is about had ended by then: ended before the window opens, or not yet
    ended when the window closes; unknown between."""
    ended: bool | None = None
    if figure.period is not None and published is not None:
        if figure.period.end < published.start:
            ended = True
        elif figure.period.end >= published.end:
            ended = False
    return {
        "reported_start": published.start if published else None,
        "reported_end": published.end if published else None,
        "reported_precision": published.precision if published else None,
        "reported_inferred": published.inferred if published else None,
        "reported_note": published.note if published else None,
        "period_ended_when_reported": ended,
    }


class Renderer:
    def __init__(self, data: Dataset) -> None:
        self.data = data
        self.rows = Rows()
        self.figures_of: dict[tuple[str, str], list[BaseModel]] = {}
        self.links = self._links()
        self.published = {s.meta.id: s.meta.published for s in data.sources}
        # (resource, id) -> the evidence its detail answer serves, for the annotations
        self.served: dict[tuple[str, str], dict[str, list[public.EvidencePublic]]] = {}

    def _served(self, resource: str, fields: dict[str, Any], **detail: Any) -> None:
        """The record served: its item, its detail (the item's fields and `detail`) and
        its row, which holds the fields its resource stores."""
        spec = RESOURCES[resource]
        item = spec.item_model(**fields)
        served = spec.detail_model(**fields, **detail)
        columns = {name: fields[name] for name in spec.stored}
        self.rows.add(spec.table_model(**columns, **self._rendered(resource, item, served)))

    def _rendered(self, resource: str, item: BaseModel, detail: BaseModel) -> dict[str, Any]:
        """The record's document (its public JSON), and the search text its row carries."""
        values = item.model_dump()
        evidence = getattr(detail, "evidence", None)
        if evidence is not None:
            self.served[resource, values["id"]] = evidence
        key = len(self.rows.by_table.get(tables.Document, [])) + 1
        document = tables.Document(
            key=key, doc=item.model_dump_json(), detail=detail.model_dump_json()
        )
        self.rows.add(document)
        text = "\n".join(fold(str(values[k])) for k in RESOURCES[resource].text_fields)
        return {"document": key, "search_text": text}

    def name_of(self, resource: str, record_id: str) -> str:
        record = self.data.get(resource, record_id)
        if isinstance(record, QuoteIn):
            speaker = self.data.get("people", record.speaker)
            assert isinstance(speaker, PersonIn)
            return f"{speaker.name}: {record.text[:60]}" + ("…" if len(record.text) > 60 else "")
        if isinstance(record, FigureIn):
            return f"{record.measure.replace('_', ' ')}: {record.as_stated}"
        name = getattr(record, "name", None)
        if isinstance(name, str):
            return name
        raise TypeError(resource)

    def ref(self, resource: str, record_id: str) -> public.RecordRef:
        return public.RecordRef(
            resource=ResourceName(resource),
            id=record_id,
            name=self.name_of(resource, record_id),
            url=record_url(resource, record_id),
        )

    def _links(self) -> list[Link]:
        """Every typed link: those the data states, and those its reference fields imply."""
        links: list[Link] = []
        for section, records in self.data.records.items():
            for record_id, (record, _) in records.items():
                for ref in record.related:
                    links.append(Link(section, record_id, ref.type, ref.resource.value, ref.id))
                implied: list[tuple[RelationType, str, str]] = []
                if isinstance(record, FigureIn):
                    s = record.subject
                    implied.append((RelationType.about, s.resource.value, s.id))
                if isinstance(record, QuoteIn):
                    implied.append((RelationType.said_by, "people", record.speaker))
                if isinstance(record, PersonIn):
                    implied.append((RelationType.works_for, "organisations", record.organisation))
                if isinstance(record, PlaceIn):
                    for parent in record.within:
                        implied.append((RelationType.located_in, "places", parent.value))
                if isinstance(record, ProjectIn):
                    for org in record.organisations:
                        implied.append((RelationType.related, "organisations", org))
                for kind, resource, other in implied:
                    links.append(Link(section, record_id, kind, resource, other))
        return links

    def _relations(self, resource: str, record_id: str) -> list[public.RelationPublic]:
        found: list[public.RelationPublic] = []
        for link in self.links:
            if (link.resource, link.record_id) == (resource, record_id):
                direction, other = "outgoing", (link.related_resource, link.related_id)
            elif (link.related_resource, link.related_id) == (resource, record_id):
                direction, other = "incoming", (link.resource, link.record_id)
            else:
                continue
            ref = self.ref(*other)
            found.append(
                public.RelationPublic(
                    type=link.type,
                    direction=direction,
                    resource=ref.resource,
                    id=ref.id,
                    name=ref.name,
                    url=ref.url,
                )
            )
        return found

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

    def _linked(
        self, resource: str, record: Cited, renames: dict[str, tuple[str, ...]] | None = None
    ) -> dict[str, Any]:
        """What every detail answer carries: figures about it, links, evidence."""
        relations = self._relations(resource, record.id)
        linked = {(str(r.resource), r.id): None for r in relations}
        return {
            "figures": self.figures_of.get((resource, record.id), []),
            "related": [self.ref(*key) for key in linked],
            "relations": relations,
            "evidence": served_evidence(self.data.evidence[resource, record.id], renames),
        }

    def _value(self, resource: str, record_id: str, name: str, value: str) -> None:
        self.rows.add(
            tables.RecordValue(resource=resource, field=name, value=value, record_id=record_id)
        )

    def _places(self, resource: str, record_id: str, name: str, places: list[str]) -> None:
        """The filter rows of a field of places: each place and every place it lies within."""
        wanted = set(places)
        for place in places:
            wanted.update(ancestors(self.data, place))
        for place in sorted(wanted):
            self._value(resource, record_id, name, place)

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
            self._served(
                "sources",
                fields,
                evidence=served_evidence(data.evidence["sources", meta.id]),
                record_counts={
                    r.value: counts.get(r.value, 0) for r in ResourceName if r != "sources"
                },
            )
            self._search("sources", meta.id, meta.title, source.text)

        for link in dict.fromkeys(self.links):
            self.rows.add(
                tables.Relation(
                    resource=link.resource,
                    record_id=link.record_id,
                    related_resource=link.related_resource,
                    related_id=link.related_id,
                    type=link.type.value,
                )
            )
        # Figures first: the other records' details embed them.
        for figure, citations in data.records["figures"].values():
            assert isinstance(figure, FigureIn)
            self._figure_item(figure, citations)
        for figure, citations in data.records["figures"].values():
            assert isinstance(figure, FigureIn)
            self._figure(figure, citations)
        for place, citations in data.records["places"].values():
            assert isinstance(place, PlaceIn)
            self._place(place, citations)
        for org, citations in data.records["organisations"].values():
            assert isinstance(org, OrganisationIn)
            self._organisation(org, citations)
        for person, citations in data.records["people"].values():
            assert isinstance(person, PersonIn)
            self._person(person, citations)
        for industry, citations in data.records["industries"].values():
            assert isinstance(industry, IndustryIn)
            self._industry(industry, citations)
        for resource in ("projects", "infrastructure", "energy"):
            for record, citations in data.records[resource].values():
                assert isinstance(record, DatedIn)
                self._dated(resource, record, citations)
        for quote, citations in data.records["quotes"].values():
            assert isinstance(quote, QuoteIn)
            self._quote(quote, citations)
        for source in data.sources:
            annotations = annotate(data, source.meta.id, self.ref, self.served)
            self.rows.add(
                tables.SourcePage(
                    source_id=source.meta.id,
                    annotations=annotations.model_dump_json(),
                    page=page(source.text, source.meta.title, annotations),
                )
            )
        return self.rows

    def _figure_fields(self, figure: FigureIn, citations: list[CitationOut]) -> dict[str, Any]:
        subject = figure.subject
        return {
            "id": figure.id,
            "url": record_url("figures", figure.id),
            "citations": _citations(citations),
            "subject_resource": subject.resource,
            "subject_id": subject.id,
            "measure": figure.measure,
            "value": figure.value,
            "unit": figure.unit,
            "as_stated": figure.as_stated,
            "qualifier": figure.qualifier,
            "projected": figure.projected,
            **_period("period", figure.period),
            **reporting(figure, self.published[citations[0].source_id]),
            "links": [
                public.LinkPublic(type=RelationType.about, resource=subject.resource, id=subject.id)
            ]
            + [
                public.LinkPublic(type=r.type, resource=r.resource, id=r.id) for r in figure.related
            ],
        }

    def _figure_item(self, figure: FigureIn, citations: list[CitationOut]) -> None:
        """The figure's item, under every record it is about (its subject first)."""
        item = RESOURCES["figures"].item_model(**self._figure_fields(figure, citations))
        about = [(figure.subject.resource.value, figure.subject.id)] + [
            (r.resource.value, r.id) for r in figure.related if r.type is RelationType.about
        ]
        for key in dict.fromkeys(about):
            self.figures_of.setdefault(key, []).append(item)

    def _figure(self, figure: FigureIn, citations: list[CitationOut]) -> None:
        self._shared("figures", figure, citations)
        fields = self._figure_fields(figure, citations)
        linked = self._linked("figures", figure)
        evidence = dict(linked["evidence"])
        published_evidence = self.data.evidence["sources", citations[0].source_id].get(
            "published", []
        )
        for name in ("reported_start", "reported_end", "reported_precision"):
            if fields[name] is not None:
                evidence[name] = [
                    public.EvidencePublic(**span.__dict__) for span in published_evidence
                ]
        # `links` restates the subject (`about`) and the related records, with their evidence.
        subject_key = f"{figure.subject.resource.value}/{figure.subject.id}"
        evidence["links"] = [
            e.model_copy(update={"value": subject_key}) for e in evidence["subject_id"]
        ] + evidence.get("related", [])
        if fields["period_ended_when_reported"] is not None:
            evidence["period_ended_when_reported"] = [
                public.EvidencePublic(
                    inferred=True,
                    note="Computed by comparing the end of the period with the window in "
                    "which the source was published.",
                    source_id=None,
                    quote=None,
                    start=None,
                    end=None,
                )
            ]
        linked["evidence"] = dict(sorted(evidence.items()))
        subject = self.ref(figure.subject.resource.value, figure.subject.id)
        self._served("figures", fields, **linked, subject=subject)
        self._search("figures", figure.id, self.name_of("figures", figure.id), figure.as_stated)

    def _place(self, place: PlaceIn, citations: list[CitationOut]) -> None:
        fields: dict[str, Any] = {
            **self._shared("places", place, citations),
            "name": place.name,
            "kind": place.kind,
            "within": list(place.within),
            "capital_of": place.capital_of,
        }
        self._places("places", place.id, "within", list(place.within))
        self._served("places", fields, **self._linked("places", place))
        self._search("places", place.id, place.name, place.name)

    def _organisation_fields(self, org: OrganisationIn) -> dict[str, Any]:
        citations = self.data.records["organisations"][org.id][1]
        return {
            "id": org.id,
            "url": record_url("organisations", org.id),
            "citations": _citations(citations),
            "name": org.name,
            "kind": org.kind,
            "regions": list(org.regions),
            "aims": list(org.aims),
        }

    def _organisation(self, org: OrganisationIn, citations: list[CitationOut]) -> None:
        self._shared("organisations", org, citations)
        self._places("organisations", org.id, "regions", list(org.regions))
        fields = self._organisation_fields(org)
        people = [
            self.ref("people", pid)
            for pid, (person, _) in self.data.records["people"].items()
            if isinstance(person, PersonIn) and person.organisation == org.id
        ]
        self._served("organisations", fields, **self._linked("organisations", org), people=people)
        self._search("organisations", org.id, org.name, " ".join([org.name, *org.aims]))

    def _person(self, person: PersonIn, citations: list[CitationOut]) -> None:
        org = self.data.get("organisations", person.organisation)
        assert isinstance(org, OrganisationIn)
        fields: dict[str, Any] = {
            **self._shared("people", person, citations),
            "name": person.name,
            "role": person.role,
            "organisation_id": org.id,
            "organisation_name": org.name,
        }
        renames: dict[str, tuple[str, ...]] = {
            "organisation": ("organisation_id", "organisation_name")
        }
        self._served(
            "people",
            fields,
            **self._linked("people", person, renames),
            organisation=RESOURCES["organisations"].item_model(**self._organisation_fields(org)),
        )
        self._search("people", person.id, person.name, f"{person.role} {org.name}")

    def _industry(self, industry: IndustryIn, citations: list[CitationOut]) -> None:
        fields: dict[str, Any] = {
            **self._shared("industries", industry, citations),
            "name": industry.name,
            "regions": list(industry.regions),
            "examples": list(industry.examples),
            "developments": list(industry.developments),
        }
        self._places("industries", industry.id, "regions", list(industry.regions))
        self._served("industries", fields, **self._linked("industries", industry))
        body = " ".join([*industry.examples, *industry.developments])
        self._search("industries", industry.id, industry.name, body)

    def _dated(
        self,
        resource: str,
        record: DatedIn,
        citations: list[CitationOut],
    ) -> None:
        shared = self._shared(resource, record, citations)
        self._places(resource, record.id, "regions", list(record.regions))
        extra: dict[str, Any] = {}
        if isinstance(record, ProjectIn):
            extra = {"kind": record.kind, "sector": record.sector, "priority": record.priority}
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
        self._served(resource, fields, **self._linked(resource, record))
        self._search(resource, record.id, record.name, record.description)

    def _quote(self, quote: QuoteIn, citations: list[CitationOut]) -> None:
        shared = self._shared("quotes", quote, citations)
        speaker = self.data.get("people", quote.speaker)
        assert isinstance(speaker, PersonIn)
        org = self.data.get("organisations", speaker.organisation)
        assert isinstance(org, OrganisationIn)
        self._places("quotes", quote.id, "regions", list(quote.regions))
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
        linked = self._linked("quotes", quote)
        # The speaker's role and organisation are the person record's values: its evidence.
        person = served_evidence(
            self.data.evidence["people", speaker.id],
            {"role": ("speaker_role",), "organisation": ("organisation_id", "organisation_name")},
        )
        taken = ("speaker_role", "organisation_id", "organisation_name")
        linked["evidence"] = dict(
            sorted({**linked["evidence"], **{k: person[k] for k in taken if k in person}}.items())
        )
        organisation = RESOURCES["organisations"].item_model(**self._organisation_fields(org))
        self._served(
            "quotes",
            fields,
            **linked,
            speaker=SpeakerPublic.model_validate(
                {"id": speaker.id, "name": speaker.name, "role": speaker.role}
                | {"organisation": organisation}
            ),
        )
        self._search("quotes", quote.id, speaker.name, f"{quote.text} {speaker.role} {org.name}")
