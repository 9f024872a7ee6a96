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

import types
from datetime import date
from enum import StrEnum
from typing import Any, Union, get_args, get_origin

import orjson

from models.resources import RESOURCES, ResourceSpec

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


def table_schema(spec: ResourceSpec) -> dict[str, Any]:
    return {
        "fields": [_field(spec, name) for name in spec.item_fields],
        "primaryKey": ["id"],
        "missingValues": MISSING,
    }


def _resources() -> list[dict[str, Any]]:
    return [
        {
            "name": name,
            # Relative to this document (/v1/datapackage.json): the collection's export.
            "path": f"{name}?format=csv",
            "profile": "tabular-data-resource",
            "title": name.capitalize(),
            "description": spec.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": CSV_DIALECT,
            "schema": table_schema(spec),
        }
        for name, spec in RESOURCES.items()
    ]


_RESOURCES = _resources()


def data_package(version: str, seeded_at: str) -> bytes:
    """The package of one dataset version."""
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
        "resources": _RESOURCES,
    }
    return orjson.dumps(package)
