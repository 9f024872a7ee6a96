"""The published OpenAPI document: FastAPI's, made to say what the API does.

FastAPI documents what it would validate itself; these endpoints validate their own
parameters (api/query/params.py) and answer every error as problem+json. So the document
drops FastAPI's 422 and its schemas, adds the Problem schema the errors refer to and the
headers the answers carry (api/routes/responses.py), the pages that `fields=` trims
(published for clients that trim, referenced by no operation), names a relative server, and gives
every answer a real example (openapi_examples.json, checked against live answers by
tests/api/test_openapi_document.py). Nothing here reads the database: the document is a
function of the code and the settings alone.
"""

import copy
import json
import threading
from importlib import resources
from typing import Any

import orjson
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from api.errors import PROBLEM_TYPES
from api.query.openapi import (
    embedded_name,
    embedded_specs,
    expanded_schemas,
    partial_page_model,
)
from api.routes.responses import HEADERS, PROBLEM
from models.public import Problem
from models.resources import RESOURCES

TITLE = "Chengdu–Chongqing Economic Circle API"
DESCRIPTION = """\
Projects, infrastructure, energy figures and statements about the Chengdu–Chongqing
economic circle, drawn by hand from one English news article (it names no outlet and
carries no date; its wording places it between 28 November and the end of 2022, an
inference the source record states). **Every record cites the exact text it comes
from**: each citation's `quote` equals `source.text[start:end]` in Unicode code points,
and **every value has evidence**: each detail answer's `evidence` maps its fields to the
words that state them, or to an inference with its note. People, organisations and
places are collections too; a `regions` filter matches a place and every place within it.

See the evidence: [the article annotated](/v1/sources/cc-economic-circle-2022/page), every
cited span highlighted and linked to its records
([as JSON](/v1/sources/cc-economic-circle-2022/annotations)).

Collections filter (`field=a,b`, `field__gte=`), search (`q=`), sort (`sort=-field,id`),
page by keyset cursor, trim (`fields=`: the answer is then the `<Record>PartialPage` of
the operation's `anyOf`), count (`facet=`) and export (`GET /v1/<collection>.csv` and
`.ndjson`, operations of their own). A list parameter takes its values repeated
(`sort=a&sort=b`, as generated clients send them) or separated by literal commas
(`sort=a,b`): both mean the same. **A percent-encoded comma (`%2C`) is data**, as HTTP
libraries send a comma inside a value: `name=Co.%2C%20Ltd.` is one value; a literal comma
that leaves a value starting or ending with a space is refused as ambiguous.

Errors are `application/problem+json` (RFC 9457) whose `type` names the problem:
`/problems/<slug>`, each a page this API serves ([every problem type](/problems)).
Responses carry an `ETag`; send it back in `If-None-Match` for a `304`.

New fields and new vocabulary values may appear in answers at any time; a field is
never removed or retyped within a major version.
"""

TAGS = [
    {"name": "meta", "description": "What is served, and whether it can be served now."},
    {"name": "search", "description": "One ranked search across every resource."},
    *[{"name": name, "description": spec.description} for name, spec in RESOURCES.items()],
]
FASTAPI_VALIDATION = ("HTTPValidationError", "ValidationError")
EXAMPLE_SUFFIX = "…"


def response_examples() -> dict[str, Any]:
    """The example answer of each operation, by operation id: real answers, shortened."""
    text = (resources.files("api") / "openapi_examples.json").read_text(encoding="utf-8")
    examples: dict[str, Any] = json.loads(text)
    return examples


def shortened(value: Any) -> Any:
    """An answer as its example shows it: long texts cut, lists of at most three."""
    if isinstance(value, str) and len(value) > 240:
        return value[:240] + EXAMPLE_SUFFIX
    if isinstance(value, list):
        return [shortened(v) for v in value[:3]]
    if isinstance(value, dict):
        return {k: shortened(v) for k, v in value.items()}
    return value


def open_for_additions(schema: dict[str, Any]) -> dict[str, Any]:
    """A component as the stability promise publishes it: an object allows fields it
    does not name (the server's own models forbid them, to catch mistakes at seed time),
    and a vocabulary takes values it does not list, so that a client generated today
    reads tomorrow's answers."""
    if schema.get("additionalProperties") is False:
        schema = {k: v for k, v in schema.items() if k != "additionalProperties"}
    if schema.get("type") == "string" and "enum" in schema:
        known = schema["enum"]
        described = schema.get("description", f"One of the {schema['title']} vocabulary.")
        return {
            "title": schema["title"],
            "description": f"{described} Known values: {', '.join(known)}; "
            "others may be added, so treat an unknown one as opaque text.",
            "anyOf": [{"type": "string", "enum": known}, {"type": "string"}],
        }
    return schema


def problem_schema() -> dict[str, Any]:
    """The Problem component, from the registry of problem types (api/errors.py)."""
    known = [kind.uri for kind in PROBLEM_TYPES.values()]
    return {
        "title": "Problem",
        "description": "An error (RFC 9457). `type` names the kind of problem; each is a "
        "page this API serves, and /problems lists them.",
        "type": "object",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {
                "description": f"The kind of problem. Known values: {', '.join(known)}; "
                "others may be added, so treat an unknown one as its status.",
                "anyOf": [{"type": "string", "enum": known}, {"type": "string"}],
            },
            "title": {"type": "string", "description": "The kind's title."},
            "status": {"type": "integer", "description": "The HTTP status."},
            "detail": {"type": "string", "description": "What went wrong, for a person."},
            "errors": {
                "anyOf": [
                    {"type": "array", "items": {"$ref": "#/components/schemas/ProblemError"}},
                    {"type": "null"},
                ],
                "description": "Each bad parameter and what it takes.",
            },
        },
    }


def _add_expanded(schemas: dict[str, Any]) -> None:
    """`<Record>Expanded`, and the `expanded` property of the record's item, partial item
    and detail schemas, present when `expand=` is given; the records embedded are typed
    by `<Record>Embedded`, the item as it is without `expanded`."""
    for spec in embedded_specs():
        item = copy.deepcopy(schemas[spec.item_model.__name__])
        name = embedded_name(spec)
        item["title"] = name
        schemas[name] = item
    for name, schema in expanded_schemas().items():
        schemas[name] = schema
        record = name.removesuffix("Expanded")
        for suffix in ("Public", "Partial", "Detail"):
            target = schemas.get(record + suffix)
            if target is not None:
                target.setdefault("properties", {})["expanded"] = {
                    "$ref": f"#/components/schemas/{name}",
                    "description": "Present when `expand` is given.",
                }


def openapi_document(app: FastAPI) -> dict[str, Any]:
    schema = get_openapi(
        title=TITLE,
        version=app.version,
        openapi_version="3.1.0",
        description=DESCRIPTION,
        routes=app.routes,
        tags=TAGS,
    )
    schema["info"]["license"] = {"name": "MIT", "identifier": "MIT"}
    schema["info"]["contact"] = {"name": "Circle API maintainers"}
    # Relative: the document is the same whichever host or prefix it is served under.
    schema["servers"] = [{"url": "/", "description": "This server."}]
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for name in FASTAPI_VALIDATION:
        schemas.pop(name, None)
    published: list[type[BaseModel]] = [Problem]
    published += [partial_page_model(spec) for spec in RESOURCES.values()]
    _, defs = models_json_schema(
        [(model, "serialization") for model in published],
        ref_template="#/components/schemas/{model}",
    )
    for name, definition in defs["$defs"].items():
        schemas.setdefault(name, definition)
    for name, definition in schemas.items():
        schemas[name] = open_for_additions(definition)
    schemas["Problem"] = problem_schema()
    _add_expanded(schemas)
    components["headers"] = HEADERS
    # Public data, no credentials: no operation needs any.
    schema["security"] = []
    examples = response_examples()
    # A real cursor shows the shape; the collections of a single page have none.
    cursors = [e["next_cursor"] for e in examples.values() if e.get("next_cursor")]
    for path in schema["paths"].values():
        for operation in path.values():
            example = examples.get(operation["operationId"])
            cursor = (example or {}).get("next_cursor") or (cursors[0] if cursors else None)
            _make_true(operation, example, cursor)
    return schema


def _make_true(operation: dict[str, Any], example: Any, cursor: str | None) -> None:
    responses = operation["responses"]
    responses.pop("422", None)
    for param in operation.get("parameters", []):
        examples = param["schema"].get("examples")
        if "example" not in param and examples:
            param["example"] = examples[0]
        if param["name"] == "cursor" and cursor is not None:
            param["example"] = cursor
    for status, response in responses.items():
        content = response.get("content", {})
        json_schema = content.get("application/json", {}).get("schema", {})
        if "anyOf" in json_schema:  # response_model's $ref beside the declared union
            json_schema.pop("$ref", None)
        if status.startswith("2") and "application/json" in content and example is not None:
            content["application/json"]["example"] = example
        if status.startswith(("4", "5")):
            assert list(content) == [PROBLEM], (operation["operationId"], status)


class OpenApiBytes:
    """An app's OpenAPI document, serialised once, when first asked for (building it
    costs about half a second, which an app that is never asked need not pay; `circle
    serve` asks at start-up, before its first request)."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.lock = threading.Lock()
        self.value: bytes | None = None

    def get(self) -> bytes:
        with self.lock:  # built once, whichever thread asks first
            if self.value is None:
                self.value = orjson.dumps(openapi_document(self.app))
            return self.value
