"""The MCP tools, derived: each resource's listing takes the parameters its OpenAPI
operation documents (api/query/openapi.py, built from models/resources.py), answers with
the page its operation answers, and its arguments become that operation's query
parameters, parsed by the HTTP API's own parser. A field or filter added to a resource
description appears here with no line written for MCP."""

from collections.abc import Mapping
from typing import Any

import mcp.types as types
from pydantic import BaseModel, Field, TypeAdapter

from api.errors import BadRequest
from api.query.expand import expandable
from api.query.openapi import LIST_NOTE, collection_parameters, page_model, search_parameters
from api.query.params import one_value
from api.routes.collections import ID_PATTERN, MAX_ID_LENGTH
from api.settings import Settings
from models.public import (
    CitationPublic,
    PageLinks,
    PublicModel,
    SearchHit,
    SourceAnnotations,
)
from models.resources import RESOURCES, ResourceSpec
from models.vocab import ResourceName

SEARCH = "search"
GET_RECORD = "get_record"
GET_ANNOTATIONS = "get_source_annotations"
LIST_PREFIX = "list_"
# HTTP parameters a listing does not take over MCP: every record comes whole, with its
# citations (`fields` could trim them away), and a page at a time (`format` exports all).
NOT_OFFERED = {
    "fields": "not offered over MCP: every record comes whole, with its citations",
    "format": "not offered over MCP: pages only (the HTTP API exports CSV and NDJSON)",
}
EVIDENCE_NOTE = (
    " Every record comes with its evidence: `citations` hold the exact words of the source "
    "that state it (`quote` is exactly the source text from `start` to `end`, in Unicode "
    "code points), and a value the source does not state is marked inferred (a "
    "`*_inferred` field set true, with a `*_note` saying why)."
)
# Every name `expand` takes on some resource (each resource's own are checked per call).
EXPAND_NAMES = sorted({name for spec in RESOURCES.values() for name in expandable(spec)})
READ_ONLY = types.ToolAnnotations(
    read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False
)


class InferredMark(PublicModel):
    field: str = Field(description="The value's field (a date's or period's prefix).")
    note: str | None = Field(description="Why it was inferred: the source does not state it.")


class QuotedHit(SearchHit):
    """A search hit with the evidence of the record it finds."""

    citations: list[CitationPublic] = Field(
        description="The source's words this record is cited to: quote, source and offsets."
    )
    inferred: list[InferredMark] = Field(
        description="The record's values that are inferred, not stated by the source."
    )


class QuotedSearchPage(PublicModel):
    items: list[QuotedHit]
    total: int = Field(description="Exact number of matching records.")
    limit: int
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")
    links: PageLinks


def _argument_schema(param: dict[str, Any]) -> dict[str, Any]:
    """An OpenAPI query parameter as a tool argument: a list is a JSON array (a lone
    value is taken as a list of one), and the note on how a URL repeats a parameter,
    which is no concern of a tool's, is left out."""
    description: str = param["description"].removesuffix(LIST_NOTE.format(name=param["name"]))
    return {**param["schema"], "description": description}


def _input_schema(params: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {p["name"]: _argument_schema(p) for p in params},
        "required": [p["name"] for p in params if p.get("required")],
        "additionalProperties": False,
    }


# A record's `expanded`, present when `expand` is given: each name's records, as their
# collections list them (GET /v1/... types each; here they are the same JSON).
EXPANDED = {
    "type": "object",
    "description": "Present when `expand` is given: the records each name points to, "
    "one level deep (null, or a list, as the field holds one or several).",
    "additionalProperties": {
        "anyOf": [
            {"type": "object"},
            {"type": "array", "items": {"type": "object"}},
            {"type": "null"},
        ]
    },
}


def _output_schema(model: Any) -> dict[str, Any]:
    """The JSON schema of `model`, its records able to carry `expanded`."""
    schema: dict[str, Any] = TypeAdapter(model).json_schema()
    records = {spec.item_model.__name__ for spec in RESOURCES.values()}
    records |= {spec.detail_model.__name__ for spec in RESOURCES.values()}
    for name, definition in [("", schema), *schema.get("$defs", {}).items()]:
        if (name or definition.get("title")) in records and "properties" in definition:
            definition["properties"]["expanded"] = EXPANDED
    return {"type": "object", **schema}


def _search_tool(settings: Settings) -> types.Tool:
    names = [r.value for r in ResourceName]
    params = search_parameters(
        settings.default_limit, settings.max_limit, names, settings.max_param_length
    )
    return types.Tool(
        name=SEARCH,
        title="Search every resource",
        description="Find records of every kind (projects, infrastructure, energy, quotes, "
        "figures, places, organisations, people, industries, sources) about the "
        "Chengdu-Chongqing economic circle whose text holds `q`, case-insensitively. A "
        "match in a record's name ranks above one in its body; `get_record` with a hit's "
        "`type` and `id` gives the record whole." + EVIDENCE_NOTE,
        input_schema=_input_schema(params),
        output_schema=_output_schema(QuotedSearchPage),
        annotations=READ_ONLY,
    )


def _listing_tool(spec: ResourceSpec, settings: Settings) -> types.Tool:
    params = [
        p
        for p in collection_parameters(
            spec, settings.default_limit, settings.max_limit, settings.max_param_length
        )
        if p["name"] not in NOT_OFFERED
    ]
    name = spec.name.value
    return types.Tool(
        name=LIST_PREFIX + name,
        title=f"List {name}",
        description=f"{spec.description} Filter by any field (equality, `__not`, "
        "`__isnull`, and ranges on numbers and dates), search text with `q`, sort, page "
        "with `cursor`, count values with `facet`; the same as GET /v1/"
        + name
        + "."
        + EVIDENCE_NOTE,
        input_schema=_input_schema(params),
        output_schema=_output_schema(page_model(spec)),
        annotations=READ_ONLY,
    )


def _id_argument(description: str, example: str) -> dict[str, Any]:
    return {
        "type": "string",
        "minLength": 1,
        "maxLength": MAX_ID_LENGTH,
        "pattern": ID_PATTERN,
        "description": description,
        "examples": [example],
    }


def _record_tool() -> types.Tool:
    details = tuple(spec.detail_model for spec in RESOURCES.values())
    return types.Tool(
        name=GET_RECORD,
        title="Get one record with its evidence",
        description="One record by its resource and id (a search hit's `type` and `id`), "
        "with the records it links to, and its `evidence`: for every field, the exact "
        "words of the source that state its value (quote, source, offsets), or the mark "
        "`inferred` with a note saying why." + EVIDENCE_NOTE,
        input_schema={
            "type": "object",
            "properties": {
                "resource": {
                    "type": "string",
                    "enum": list(RESOURCES),
                    "description": "The record's resource (a search hit's `type`).",
                },
                "id": _id_argument("The record's slug.", "chengdu-chongqing-hsr-middle-line"),
                "expand": {
                    "type": "array",
                    "items": {"type": "string", "enum": EXPAND_NAMES},
                    "description": "Embed the records these fields point to, one level deep, "
                    "in the record's `expanded`: "
                    + "; ".join(
                        f"{name}: {', '.join(expandable(spec))}"
                        for name, spec in RESOURCES.items()
                        if expandable(spec)
                    )
                    + ".",
                },
            },
            "required": ["resource", "id"],
            "additionalProperties": False,
        },
        output_schema=_output_schema(_union(details)),
        annotations=READ_ONLY,
    )


def _union(models: tuple[type[BaseModel], ...]) -> Any:
    """The type that is any one of `models` (for the schema of the record tool)."""
    union: Any = models[0]
    for model in models[1:]:
        union = union | model
    return union


def _annotations_tool() -> types.Tool:
    return types.Tool(
        name=GET_ANNOTATIONS,
        title="Every cited span of a source",
        description="Each span of a source's text that some record cites, in text order: "
        "its exact words and offsets, and every record and field it is evidence for. The "
        "source's full text is the MCP resource circle://sources/{id}.",
        input_schema={
            "type": "object",
            "properties": {"id": _id_argument("The source's id.", "cc-economic-circle-2022")},
            "required": ["id"],
            "additionalProperties": False,
        },
        output_schema=_output_schema(SourceAnnotations),
        annotations=READ_ONLY,
    )


def tools(settings: Settings) -> list[types.Tool]:
    """Every tool, its limits those of `settings` (as the OpenAPI document's are)."""
    listed = [_listing_tool(spec, settings) for spec in RESOURCES.values()]
    return [_search_tool(settings), _record_tool(), *listed, _annotations_tool()]


def listings(tool_list: list[types.Tool]) -> dict[str, ResourceSpec]:
    """The resource each listing tool lists, by the tool's name."""
    return {
        tool.name: RESOURCES[tool.name.removeprefix(LIST_PREFIX)]
        for tool in tool_list
        if tool.name.startswith(LIST_PREFIX)
    }


def query_params(
    arguments: dict[str, Any], refused: Mapping[str, str] | None = None
) -> dict[str, list[str]]:
    """A tool's arguments as the HTTP API's query parameters, for its parser: a list as
    a repeated parameter, a boolean as true or false, a number as written. A null or an
    empty list is an argument not given. `refused`: parameters of the HTTP operation
    that the tool does not take, each with the reason its refusal gives."""
    params: dict[str, list[str]] = {}
    errors: list[dict[str, str]] = []
    for name, value in arguments.items():
        if refused and name in refused:
            errors.append({"param": name, "message": refused[name]})
            continue
        values = value if isinstance(value, list) else [] if value is None else [value]
        texts = [_as_text(v) for v in values]
        if None in texts:
            message = "must be a string, a number or a boolean, or a list of them"
            errors.append({"param": name, "message": message})
        elif texts:
            # Each item is one value: a comma inside it is data, as `%2C` is over HTTP.
            params[name] = [one_value(t) for t in texts if t is not None]
    if errors:
        raise BadRequest(errors)
    return params


def _as_text(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return value
    return None
