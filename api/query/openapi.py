"""OpenAPI parameters and page models, derived from the resource descriptions."""

from typing import Any

from pydantic import BaseModel, Field, create_model

from api.query.expand import EXPANSIONS, expandable
from api.query.params import MAX_LIST
from models.public import FacetValue, PageLinks, PublicModel, SearchHit
from models.resources import RANGE_OPS, RESOURCES, FieldSpec, Kind, ResourceSpec

LIMIT_DESCRIPTION = "Items per page."
# Text without control characters and with something other than spaces.
TEXT_PATTERN = "^[^\\x00-\\x1f\\x7f-\\x9f]*[^\\s\\x00-\\x1f\\x7f-\\x9f][^\\x00-\\x1f\\x7f-\\x9f]*$"

_SCHEMA = {
    Kind.text: {"type": "string"},
    Kind.enum: {"type": "string"},
    Kind.number: {"type": "number"},
    Kind.date: {"type": "string", "format": "date"},
    Kind.boolean: {"type": "boolean"},
}


LIST_NOTE = (
    " Repeat the parameter (`{name}=a&{name}=b`) or separate values with literal commas "
    "(`{name}=a,b`); a comma inside a value is data when percent-encoded (`%2C`), as "
    "HTTP libraries send it."
)
# Text without control characters: a filter value (which may hold a percent-encoded comma).
VALUE_PATTERN = "^[^\\x00-\\x1f\\x7f-\\x9f]+$"


def _param(name: str, description: str, schema: dict[str, Any], example: Any) -> dict[str, Any]:
    param: dict[str, Any] = {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }
    if example is not None:
        param["example"] = example
    if schema.get("type") == "array":
        # What generated clients send; the server takes `a,b` alike.
        param["style"] = "form"
        param["explode"] = True
        param["description"] += LIST_NOTE.format(name=name)
    return param


def _value_schema(field: FieldSpec, max_length: int) -> dict[str, Any]:
    """One filter value's schema; `max_length`, the parser's limit (Settings)."""
    schema: dict[str, Any] = dict(_SCHEMA[field.kind])
    if field.enum is not None:
        schema["enum"] = field.choices
    if field.kind is Kind.text:
        schema["maxLength"] = max_length
        schema["minLength"] = 1
        schema["pattern"] = VALUE_PATTERN
    if field.kind is Kind.number:
        schema["minimum"] = -1e300
        schema["maximum"] = 1e300
    return schema


def _names_schema(names: list[str]) -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"type": "string", "enum": names},
        "uniqueItems": True,
        "minItems": 1,
    }


def paging_parameters(default_limit: int, max_limit: int) -> list[dict[str, Any]]:
    return [
        _param(
            "limit",
            f"{LIMIT_DESCRIPTION} Default {default_limit}, at most {max_limit}.",
            {"type": "integer", "minimum": 1, "maximum": max_limit, "default": default_limit},
            10,
        ),
        _param(
            "cursor",
            "The `next_cursor` of the previous page. Bound to the filters, `q` "
            "and `sort` it came with; any other combination is refused with 400.",
            {"type": "string", "maxLength": 2048},
            None,
        ),
    ]


def collection_parameters(
    spec: ResourceSpec,
    default_limit: int,
    max_limit: int,
    max_length: int,
    *,
    export: bool = False,
) -> list[dict[str, Any]]:
    """The parameters of a collection's page (or, `export`, of its CSV and NDJSON
    exports, which take no paging and no facets), with the parser's limits."""
    params = []
    for field in spec.fields:
        what = f"{field.description} Equality; several values match any of them."
        if field.multi:
            what += " The record matches when any of its values is given."
        values = {
            "type": "array",
            "items": _value_schema(field, max_length),
            "minItems": 1,
            "maxItems": MAX_LIST,
        }
        listed = (
            [field.example if field.kind is not Kind.boolean else field.example == "true"]
            if field.kind is not Kind.number
            else [float(field.example)]
        )
        absent = "no values" if field.multi else "no value"
        params += [
            _param(field.name, what, values, listed),
            _param(
                f"{field.name}__not",
                f"{field.description} Exclusion: records whose {field.name} is none of "
                f"these; records with {absent} match.",
                values,
                listed,
            ),
            _param(
                f"{field.name}__isnull",
                f"true: records with {absent} for {field.name} (a facet's null bucket); "
                "false: records with one.",
                {"type": "boolean"},
                True,
            ),
        ]
        if field.ranges:
            for op, sign in RANGE_OPS.items():
                example: Any = field.example if field.kind is Kind.date else float(field.example)
                params.append(
                    _param(
                        f"{field.name}__{op}",
                        f"{field.name} {sign} the value.",
                        _value_schema(field, max_length),
                        example,
                    )
                )
    sortable = spec.sortable
    facetable = spec.facetable
    sort_names = [n for name in sortable for n in (name, f"-{name}")]
    params += [
        _param(
            "q",
            "Case-insensitive text search in "
            + ", ".join(spec.text_fields)
            + ". `%`, `_` and `\\` match themselves.",
            {"type": "string", "minLength": 1, "maxLength": max_length, "pattern": TEXT_PATTERN},
            "chongqing",
        ),
        _param(
            "sort",
            "Sort keys, `-` for descending; missing values last both ways; `id` breaks ties.",
            {**_names_schema(sort_names), "maxItems": len(sortable)},
            [sort_names[2] if len(sort_names) > 2 else "id"],
        ),
    ]
    trimmed = (
        "Only these fields in each item (plus `id`)."
        if export
        else "Only these fields in each item (plus `id`). Such a page is the "
        f"`{_singular(spec)}PartialPage` of the answer's `anyOf`, whose items' fields are "
        "all optional but `id`."
    )
    params.append(
        _param("fields", trimmed, _names_schema(spec.item_fields), ["id", spec.item_fields[2]])
    )
    if export:
        return params
    params += expand_parameters(spec)
    params += [
        *paging_parameters(default_limit, max_limit),
        _param(
            "facet",
            "Count the records per value of these fields, under the filters.",
            _names_schema(facetable),
            [facetable[0]] if facetable else [],
        ),
    ]
    return params


def expand_parameters(spec: ResourceSpec) -> list[dict[str, Any]]:
    """`expand`, where the records of a collection point to others."""
    names = expandable(spec)
    if not names:
        return []
    return [
        _param(
            "expand",
            "Embed the records these fields point to, one level deep, in each record's "
            f"`expanded` (typed by `{_singular(spec)}Expanded`).",
            _names_schema(names),
            [names[0]],
        )
    ]


def expanded_schemas() -> dict[str, dict[str, Any]]:
    """`<Record>Expanded` of each collection: what each expand name embeds."""
    every = {"$ref": f"#/components/schemas/{ANY_RECORD}"}
    schemas: dict[str, dict[str, Any]] = {
        ANY_RECORD: {
            "title": ANY_RECORD,
            "description": "A record of any collection, as that collection lists it (with "
            "every field it lists there); the field beside the id names the collection.",
            "type": "object",
            "required": ["id", "url"],
            "properties": {
                "id": {"type": "string", "description": "The record's id."},
                "url": {"type": "string", "description": "Path of the record in this API."},
            },
        }
    }
    for spec in RESOURCES.values():
        properties: dict[str, Any] = {}
        for name, expansion in EXPANSIONS[spec.name].items():
            target = every if expansion.target is None else _item_ref(RESOURCES[expansion.target])
            if expansion.many:
                properties[name] = {"type": "array", "items": target}
            else:
                properties[name] = {"anyOf": [target, {"type": "null"}]}
        if properties:
            schemas[f"{_singular(spec)}Expanded"] = {
                "title": f"{_singular(spec)}Expanded",
                "description": "The records `expand=` names, as their collections list them: "
                "null or absent from a list when there is none.",
                "type": "object",
                "properties": properties,
            }
    return schemas


ANY_RECORD = "EmbeddedRecord"


def _item_ref(spec: ResourceSpec) -> dict[str, str]:
    """An embedded record: its item, one level deep (`<Record>Embedded`, the item's schema
    without `expanded`, so that no schema refers to itself)."""
    return {"$ref": f"#/components/schemas/{embedded_name(spec)}"}


def embedded_specs() -> list[ResourceSpec]:
    """The collections whose records `expand` embeds by their own type."""
    targets = {e.target for names in EXPANSIONS.values() for e in names.values() if e.target}
    return [spec for name, spec in RESOURCES.items() if name in targets]


def embedded_name(spec: ResourceSpec) -> str:
    return f"{_singular(spec)}Embedded"


def search_parameters(
    default_limit: int, max_limit: int, types: list[str], max_length: int
) -> list[dict[str, Any]]:
    return [
        {
            **_param(
                "q",
                "Text to find, case-insensitively, in every resource.",
                {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": max_length,
                    "pattern": TEXT_PATTERN,
                },
                "gas",
            ),
            "required": True,
        },
        _param("type", "Only these resources.", _names_schema(types), ["projects"]),
        *paging_parameters(default_limit, max_limit),
    ]


def page_model(spec: ResourceSpec) -> type[BaseModel]:
    """The page envelope of the default answer: items exactly as typed as one record."""
    return _envelope(_singular(spec) + "Page", spec.item_model)


def page_union(spec: ResourceSpec) -> dict[str, Any]:
    """The schema of a collection's JSON answer: the whole page, or the trimmed one that
    `fields=` asks for. A generated client decodes either (the first it fits)."""
    name = _singular(spec)
    return {
        "anyOf": [
            {"$ref": f"#/components/schemas/{name}Page"},
            {"$ref": f"#/components/schemas/{name}PartialPage"},
        ]
    }


def partial_page_model(spec: ResourceSpec) -> type[BaseModel]:
    """The page a request with `fields=` answers: items with only the fields it names
    (and `id`), so every other field is optional. Published beside the default page for
    clients that trim: a generated client decodes such an answer with it."""
    item_fields: dict[str, Any] = {
        name: (
            info.annotation,
            Field(default=None, description=info.description, json_schema_extra=_absent),
        )
        for name, info in spec.item_model.model_fields.items()
        if name != "id"
    }
    item = create_model(
        f"{_singular(spec)}Partial",
        __base__=PublicModel,
        __doc__=f"{spec.description} Only the fields `fields=` names, and `id`.",
        id=(str, ...),
        **item_fields,
    )
    return _envelope(f"{_singular(spec)}PartialPage", item)


def _absent(schema: dict[str, Any]) -> None:
    """A trimmed field is absent, not null: its schema has no default."""
    schema.pop("default", None)


def _singular(spec: ResourceSpec) -> str:
    return spec.item_model.__name__.removesuffix("Public")


def _envelope(name: str, item: Any) -> type[BaseModel]:
    model: type[BaseModel] = create_model(
        name,
        __base__=PublicModel,
        items=(list[item], ...),
        total=(int, Field(description="Exact number of matching records.")),
        limit=(int, ...),
        next_cursor=(str | None, Field(description="Pass as `cursor` for the next page.")),
        links=(PageLinks, ...),
        facets=(
            dict[str, list[FacetValue]] | None,
            Field(default=None, description="Present when `facet` is given."),
        ),
    )
    return model


SearchPage = _envelope("SearchPage", SearchHit)
