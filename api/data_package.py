"""GET /v1/datapackage.json: a Frictionless Data Package (https://specs.frictionlessdata.io/)
whose resources are the collections' CSV exports, each with its Table Schema.

The schemas come from the public models and the resource descriptions, so they say of
each column what the JSON answers say of the field: its type, whether it may be empty,
its allowed values and its meaning. How a CSV cell is written (api/query/engine.py
`csv_cell`) is what these schemas document:
- an empty cell is a missing value (null); text is never empty, so nothing else is;
- a list or an object is JSON in one cell: `[]` is an empty list, never an empty cell;
- booleans are `true` / `false`; dates ISO 8601; numbers as JSON writes them.
"""

import csv
import io
import types
import zipfile
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Union, get_args, get_origin

import orjson
from sqlalchemy import Select, literal_column, or_, select

from api.errors import ApiProblem
from api.query.engine import QueryEngine, export_lines
from api.query.params import Format, parse_collection
from api.query.statements import StatementRunner
from models.resources import RESOURCES, ResourceSpec
from models.tables import RecordValue, Relation

PACKAGE_NAME = "chengdu-chongqing-economic-circle"
CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True}
MISSING = [""]
UNITS = {
    "value": "In the unit named by the `unit` column of the same row (CNY, USD, m3, kV, min, "
    "count, ...).",
    "start": "Unicode code points from the start of the source's text.",
    "end": "Unicode code points from the start of the source's text.",
    "length": "Unicode code points.",
}


def _field(spec: ResourceSpec, name: str) -> dict[str, Any]:
    info = spec.item_model.model_fields[name]
    annotation = info.annotation
    union = get_origin(annotation) in (Union, types.UnionType)
    args = get_args(annotation) if union else (annotation,)
    nullable = type(None) in args
    kinds = [a for a in args if a is not type(None)]
    described = info.description or (
        spec.by_name[name].description if name in spec.by_name else name.replace("_", " ")
    )
    field: dict[str, Any] = {"name": name, "description": described}
    if name in UNITS:
        field["description"] += " " + UNITS[name]
    base = kinds[0] if len(kinds) == 1 else None
    if set(kinds) == {int, float}:
        field["type"] = "number"
    elif base is bool:
        field |= {"type": "boolean", "trueValues": ["true"], "falseValues": ["false"]}
    elif base is int:
        field["type"] = "integer"
    elif base is float:
        field["type"] = "number"
    elif base is date:
        field |= {"type": "date", "format": "default"}
    elif isinstance(base, type) and issubclass(base, StrEnum):
        field |= {"type": "string", "constraints": {"enum": [m.value for m in base]}}
    elif get_origin(base) is list:
        field["type"] = "array"
        field["description"] += " A JSON array in one cell; `[]` when empty."
    elif base is str:
        field["type"] = "string"
    else:
        field["type"] = "object"
        field["description"] += " A JSON object in one cell."
    if not nullable:
        field.setdefault("constraints", {})["required"] = True
    return field


# A figure's subject is in any collection: the pair (its collection, its id) refers to the
# `records` resource, which lists every record by both.
RECORDS = ("records", ["resource", "id"])


def _foreign_keys(spec: ResourceSpec) -> list[dict[str, Any]]:
    """The Table Schema's foreign keys: every field of the description linking to one
    record (a list of ids in one JSON cell is not a key a Table Schema can state)."""
    keys = []
    for field in spec.declared:
        if field.name not in spec.item_fields or field.multi:
            continue
        if field.links_to is not None:
            reference = {"resource": str(field.links_to), "fields": ["id"]}
            keys.append({"fields": [field.name], "reference": reference})
        elif field.links_via is not None:
            reference = {"resource": RECORDS[0], "fields": RECORDS[1]}
            keys.append({"fields": [field.links_via, field.name], "reference": reference})
    return keys


def table_schema(spec: ResourceSpec) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(spec, name) for name in spec.item_fields],
        "primaryKey": ["id"],
        "missingValues": MISSING,
    }
    keys = _foreign_keys(spec)
    if keys:
        schema["foreignKeys"] = keys
    return schema


def _text(name: str, description: str, enum: list[str] | None = None) -> dict[str, Any]:
    constraints: dict[str, Any] = {"required": True}
    if enum is not None:
        constraints["enum"] = enum
    return {"name": name, "type": "string", "description": description, "constraints": constraints}


COLLECTIONS = list(RESOURCES)
TO_RECORDS = {"resource": "records", "fields": ["resource", "id"]}
# The tables of links between records: every record (what composite keys refer to), the
# places each record concerns, and the typed relations between records.
LINK_TABLES: dict[str, tuple[str, dict[str, Any]]] = {
    "records": (
        "Every record of every collection: what the links between records refer to.",
        {
            "fields": [
                _text("resource", "The record's collection.", COLLECTIONS),
                _text("id", "The record's id in its collection."),
            ],
            "primaryKey": ["resource", "id"],
            "missingValues": MISSING,
        },
    ),
    "record_regions": (
        "The places each record concerns (its `regions`, or a place's `within`), a row each.",
        {
            "fields": [
                _text("resource", "The record's collection.", COLLECTIONS),
                _text("id", "The record's id."),
                _text("field", "The field that lists the place: regions or within."),
                _text("place_id", "The id of the place."),
            ],
            "primaryKey": ["resource", "id", "field", "place_id"],
            "foreignKeys": [
                {"fields": ["resource", "id"], "reference": TO_RECORDS},
                {"fields": ["place_id"], "reference": {"resource": "places", "fields": ["id"]}},
            ],
            "missingValues": MISSING,
        },
    ),
    "relations": (
        "The typed links between records, from the record that states them.",
        {
            "fields": [
                _text("resource", "The linking record's collection.", COLLECTIONS),
                _text("id", "The linking record's id."),
                _text("type", "What the link says (part_of, about, said_by, works_for, ...)."),
                _text("related_resource", "The linked record's collection.", COLLECTIONS),
                _text("related_id", "The linked record's id."),
            ],
            "primaryKey": ["resource", "id", "related_resource", "related_id", "type"],
            "foreignKeys": [
                {"fields": ["resource", "id"], "reference": TO_RECORDS},
                {
                    "fields": ["related_resource", "related_id"],
                    "reference": TO_RECORDS,
                },
            ],
            "missingValues": MISSING,
        },
    ),
}


def _resource(name: str, description: str, schema: dict[str, Any], path: str) -> dict[str, Any]:
    return {
        "name": name,
        "path": path,
        "profile": "tabular-data-resource",
        "title": name.replace("_", " ").capitalize(),
        "description": description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": CSV_DIALECT,
        "schema": schema,
    }


def _resources(offline: bool) -> list[dict[str, Any]]:
    """The resources: relative paths, to the exports (/v1/<name>.csv beside the online
    document) or to the files of the zip. The link tables are in the zip only."""
    found = [
        _resource(name, spec.description, table_schema(spec), f"{name}.csv")
        for name, spec in RESOURCES.items()
    ]
    if offline:
        found += [
            _resource(name, description, schema, f"{name}.csv")
            for name, (description, schema) in LINK_TABLES.items()
        ]
    else:
        # Online, the composite keys' `records` is not served: they are in the zip.
        for resource in found:
            keys = resource["schema"].get("foreignKeys", [])
            kept = [k for k in keys if k["reference"]["resource"] != "records"]
            resource["schema"] = {**resource["schema"], "foreignKeys": kept}
            if not kept:
                del resource["schema"]["foreignKeys"]
    return found


_RESOURCES = _resources(offline=False)
_OFFLINE_RESOURCES = _resources(offline=True)


def data_package(version: str, seeded_at: str, *, offline: bool = False) -> bytes:
    """The package of one dataset version (`offline`: the zip's, with the link tables)."""
    package = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "Chengdu–Chongqing Economic Circle",
        "description": "Projects, infrastructure, energy, statements and figures about the "
        "Chengdu–Chongqing economic circle, each citing the exact text it comes from. "
        "In every CSV an empty cell is a missing value; lists and objects are JSON.",
        "version": version,
        "created": seeded_at,
        "licenses": [{"name": "MIT", "title": "MIT License"}],
        "resources": _OFFLINE_RESOURCES if offline else _RESOURCES,
    }
    return orjson.dumps(package)


@dataclass(frozen=True)
class AllRelations:
    """Every relation, in the order of its key."""

    def build(self, dialect: str) -> Select[Any]:
        table = Relation.__table__  # type: ignore[attr-defined]
        c = table.c
        columns = (c.resource, c.record_id, c.type, c.related_resource, c.related_id)
        return select(*columns).order_by(*columns)


@dataclass(frozen=True)
class AllPlaceValues:
    """Every record's places (`regions`, a place's `within`), in order."""

    def build(self, dialect: str) -> Select[Any]:
        table = RecordValue.__table__  # type: ignore[attr-defined]
        c = table.c
        columns = (c.resource, c.record_id, c.field, c.value)
        # Literal names: the statement takes no parameters.
        fields: tuple[Any, ...] = (literal_column("'regions'"), literal_column("'within'"))
        return select(*columns).where(or_(*(c.field == f for f in fields))).order_by(*columns)


def _csv(rows: list[tuple[Any, ...]], header: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def package_files(
    engine: QueryEngine, session: StatementRunner, max_rows: int, version: str, seeded_at: str
) -> dict[str, bytes]:
    """Every file of the zip: each collection's CSV export, the link tables and the
    package that describes them, by relative path. A collection over `max_rows` records
    is a 400, as its export would be."""
    files: dict[str, bytes] = {}
    records: list[tuple[str, str]] = []
    for name, spec in RESOURCES.items():
        query = parse_collection(
            spec, {}, default_limit=1, max_limit=1, max_length=1, export=Format.csv
        )
        total = engine.total(session, spec, query)
        if total > max_rows:
            raise ApiProblem(
                400,
                f"The {name} collection holds {total} records; an export holds at most {max_rows}.",
                slug="export-too-large",
            )
        first = engine.export_batch(session, spec, query)
        docs = engine.export(lambda: nullcontext(session), spec, query, first)

        def noted(docs: Iterator[bytes], name: str = name) -> Iterator[bytes]:
            for doc in docs:
                records.append((name, orjson.loads(doc)["id"]))
                yield doc

        files[f"{name}.csv"] = b"".join(
            export_lines(noted(docs), Format.csv, spec.item_fields, None)
        )
    files["records.csv"] = _csv(sorted(records), ["resource", "id"])
    places = [tuple(r) for r in session.rows(AllPlaceValues(), {})]
    files["record_regions.csv"] = _csv(places, ["resource", "id", "field", "place_id"])
    relations = [tuple(r) for r in session.rows(AllRelations(), {})]
    header = ["resource", "id", "type", "related_resource", "related_id"]
    files["relations.csv"] = _csv(relations, header)
    files["datapackage.json"] = data_package(version, seeded_at, offline=True)
    return files


def zipped(files: dict[str, bytes]) -> bytes:
    """The files in one zip, at the paths the package names."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, body in files.items():
            # A fixed date: the same data gives the same bytes, and so the same ETag.
            info = zipfile.ZipInfo(path, date_time=(2022, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, body)
    return buffer.getvalue()
