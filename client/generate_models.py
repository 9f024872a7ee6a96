"""Writes circle_client/models.py from the API's OpenAPI document.

    python client/generate_models.py openapi.json client/circle_client/models.py
    python client/generate_models.py http://127.0.0.1:8000/openapi.json -    # to stdout

`make client-models` runs it on the document of the app in this repository. It needs
only the standard library, and it knows JSON Schema, not this API: every schema under
`components.schemas` becomes a model (objects) or a vocabulary (string enums), and every
collection path with a detail path beside it becomes a `Resource`.

Two rules keep a client made today working when the API grows, as its stability promise
allows: a vocabulary field is typed `str` (its known values are a `StrEnum` beside it,
for comparison and documentation, never for refusal), and every model keeps fields it
does not know instead of refusing them. Constraints (`minimum`, `maxItems`, patterns)
are the server's to enforce and are not copied.
"""

import json
import keyword
import re
import sys
import textwrap
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Schema = dict[str, Any]

REF_PREFIX = "#/components/schemas/"
INDENT = "    "
WIDTH = 100
# Names a field cannot take as they are: they would shadow what the models need (the
# builtins that annotations name, BaseModel's public attributes in pydantic 2).
RESERVED_FIELDS = frozenset(
    {
        *("str", "int", "float", "bool", "list", "dict"),
        *("construct", "copy", "from_orm", "json", "parse_file", "parse_obj", "parse_raw"),
        *("schema", "schema_json", "update_forward_refs", "validate"),
        *("model_computed_fields", "model_config", "model_construct", "model_copy"),
        *("model_dump", "model_dump_json", "model_extra", "model_fields", "model_fields_set"),
        *("model_json_schema", "model_parametrized_name", "model_post_init", "model_rebuild"),
        *("model_validate", "model_validate_json", "model_validate_strings"),
    }
)
# Enum members cannot shadow str's methods (`count`) or Enum's own names.
RESERVED_MEMBERS = frozenset({*dir(str), "name", "value", "mro"})
MODULE_NAMES = frozenset({"ApiModel", "Resource"})

HEADER = '''\
"""The API's answers as pydantic models.

Generated from the API's OpenAPI document by client/generate_models.py: do not edit;
`make client-models` writes it again, and a test fails when it differs from the document.

Vocabulary fields are typed `str`: the API may add values (its stability promise), and
the enums here list the values known when this file was made. Every model keeps fields
it does not know (`model_extra`) instead of refusing the answer.
"""

import datetime as _datetime
import enum as _enum
import typing as _typing

import pydantic as _pydantic

from circle_client.resource import Resource


class ApiModel(_pydantic.BaseModel):
    """What every model shares: unknown fields are kept, descriptions come from the
    attribute docstrings below."""

    model_config = _pydantic.ConfigDict(
        extra="allow",
        populate_by_name=True,
        protected_namespaces=(),
        use_attribute_docstrings=True,
    )
'''


class GenerationError(Exception):
    pass


def python_name(name: str, reserved: frozenset[str]) -> str:
    """`name` as a Python identifier that is not a keyword and not in `reserved`."""
    out = re.sub(r"\W", "_", name)
    if not out or out[0].isdigit():
        out = "v_" + out
    if out.startswith("_"):
        out = "v" + out
    # Soft keywords (`type`, `match`) are names like any other: only hard ones are refused.
    while keyword.iskeyword(out) or out in reserved:
        out += "_"
    return out


def docstring(text: str, indent: str) -> list[str]:
    """A docstring, wrapped to the line width, in the layout `ruff format` keeps."""
    text = " ".join(text.split()).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    lines = textwrap.wrap(
        text, WIDTH - len(indent) - 6, break_long_words=False, break_on_hyphens=False
    )
    if not lines:
        return []
    last = lines[-1]
    if last.endswith('"') and (len(last) - len(last[:-1].rstrip("\\")) - 1) % 2 == 0:
        lines[-1] = last[:-1] + '\\"'  # an unescaped quote would make four in a row
    if len(lines) == 1:
        return [f'{indent}"""{lines[0]}"""']
    return (
        [f'{indent}"""{lines[0]}']
        + [f"{indent}{line}" for line in lines[1:-1]]
        + [f'{indent}{lines[-1]}"""']
    )


def literal(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


@dataclass
class Vocabulary:
    name: str
    values: list[str]
    description: str | None


@dataclass
class ModelField:
    name: str
    alias: str | None
    annotation: str
    required: bool
    description: str | None


@dataclass
class Model:
    name: str
    fields: list[ModelField]
    description: str | None
    depends: set[str] = field(default_factory=set)


@dataclass
class ResourceEntry:
    name: str
    path: str
    page: str
    item: str
    detail: str


class Generator:
    def __init__(self, document: Schema) -> None:
        self.document = document
        self.schemas: dict[str, Schema] = document.get("components", {}).get("schemas", {})
        self.class_names = {
            name: python_name(name, frozenset(MODULE_NAMES)) for name in self.schemas
        }
        if len(set(self.class_names.values())) < len(self.class_names):
            raise GenerationError("two schemas map to the same Python name")
        self.vocabularies: dict[str, Vocabulary] = {}
        self.aliases: dict[str, str] = {}  # component name -> annotation of a plain type
        self.models: dict[str, Model] = {}

    # --- schemas to annotations ---------------------------------------------------

    def resolve(self, ref: str) -> str:
        if not ref.startswith(REF_PREFIX):
            raise GenerationError(f"only local component references are supported: {ref}")
        name = ref.removeprefix(REF_PREFIX)
        if name not in self.schemas:
            raise GenerationError(f"reference to a missing schema: {ref}")
        return name

    def enum_values(self, schema: Schema) -> list[str] | None:
        """The known values when `schema` is a string vocabulary, else None: closed
        (`enum`, `const`), or opened by a branch that takes any string (`anyOf: [{enum},
        {type: string}]`), or named by `x-extensible-enum`."""
        for key in ("enum", "x-extensible-enum"):
            if key in schema and all(isinstance(v, str) for v in schema[key]):
                return list(schema[key])
        if isinstance(schema.get("const"), str):
            return [schema["const"]]
        branches = schema.get("anyOf") or schema.get("oneOf")
        if not branches:
            return None
        values: list[str] = []
        found = False
        for branch in branches:
            inner = self.enum_values(branch)
            if inner is not None:
                found = True
                values += [v for v in inner if v not in values]
            elif branch.get("type") not in ("string", "null") or "format" in branch:
                return None
        return values if found else None

    def annotation(self, schema: Schema, owner: Model | None) -> str:
        parts = self.union_parts(schema, owner)
        nullable = "None" in parts
        parts = [p for p in parts if p != "None"]
        if "_typing.Any" in parts:
            return "_typing.Any"
        if not parts:
            return "None"
        return " | ".join([*parts, "None"] if nullable else parts)

    def union_parts(self, schema: Schema, owner: Model | None) -> list[str]:
        out: list[str] = []

        def add(items: list[str]) -> None:
            out.extend(item for item in items if item not in out)

        if schema.get("nullable") is True:
            add(["None"])
        if "$ref" in schema:
            name = self.resolve(schema["$ref"])
            if name in self.vocabularies or name in self.aliases:  # typed in place: `str`
                add(self.union_parts(self.schemas[name], owner))
            else:
                if owner is not None:
                    owner.depends.add(name)
                add([self.class_names[name]])
            return out
        for key in ("anyOf", "oneOf"):
            if key in schema:
                for branch in schema[key]:
                    add(self.union_parts(branch, owner))
                return out
        if "allOf" in schema:
            if len(schema["allOf"]) != 1:
                raise GenerationError("allOf with several parts is supported only on components")
            add(self.union_parts(schema["allOf"][0], owner))
            return out
        if "enum" in schema or "const" in schema:
            values = schema.get("enum", [schema.get("const")])
            add(sorted({self.scalar(v) for v in values}))
            return out
        kind = schema.get("type")
        if isinstance(kind, list):
            for item in kind:
                add(self.union_parts({**schema, "type": item}, owner))
            return out
        add([self.typed(kind, schema, owner)])
        return out

    def scalar(self, value: Any) -> str:
        if value is None:
            return "None"
        for python_type in (bool, int, float, str):
            if isinstance(value, python_type):
                return python_type.__name__
        return "_typing.Any"

    def typed(self, kind: str | None, schema: Schema, owner: Model | None) -> str:
        if kind == "string":
            return {"date": "_datetime.date", "date-time": "_datetime.datetime"}.get(
                schema.get("format", ""), "str"
            )
        if kind in ("integer", "number", "boolean", "null"):
            return {"integer": "int", "number": "float", "boolean": "bool", "null": "None"}[kind]
        if kind == "array":
            items = schema.get("items")
            return f"list[{self.annotation(items, owner)}]" if items else "list[_typing.Any]"
        if kind == "object" or "additionalProperties" in schema:
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                return f"dict[str, {self.annotation(extra, owner)}]"
            return "dict[str, _typing.Any]"
        return "_typing.Any"

    # --- components -----------------------------------------------------------------

    def properties(self, schema: Schema) -> tuple[dict[str, Schema], set[str]]:
        """Properties and required names, with allOf parts merged in order."""
        props: dict[str, Schema] = {}
        required: set[str] = set()
        for part in schema.get("allOf", []):
            target = self.schemas[self.resolve(part["$ref"])] if "$ref" in part else part
            inner, inner_required = self.properties(target)
            props.update(inner)
            required |= inner_required
        props.update(schema.get("properties", {}))
        required |= set(schema.get("required", []))
        return props, required

    def classify(self) -> None:
        for name, schema in self.schemas.items():
            values = self.enum_values(schema)
            if values is not None:
                self.vocabularies[name] = Vocabulary(name, values, schema.get("description"))
            elif "properties" not in schema and "allOf" not in schema:
                self.aliases[name] = name
        for name, schema in self.schemas.items():
            if name in self.vocabularies or name in self.aliases:
                continue
            model = Model(self.class_names[name], [], schema.get("description"))
            props, required = self.properties(schema)
            taken = set(RESERVED_FIELDS)
            for prop, prop_schema in props.items():
                py = python_name(prop, frozenset(taken))
                taken.add(py)
                model.fields.append(
                    ModelField(
                        name=py,
                        alias=None if py == prop else prop,
                        annotation=self.annotation(prop_schema, model),
                        required=prop in required,
                        description=self.field_description(prop_schema),
                    )
                )
            self.models[name] = model

    def field_description(self, schema: Schema) -> str | None:
        text = schema.get("description")
        named, values = self.vocabulary_of(schema)
        if values is None:
            return text
        known = ", ".join(values)
        note = f"Known values: `{named}` ({known})" if named else f"Known values: {known}"
        note += "; others may be added."
        return f"{text.rstrip()} {note}" if text else note

    def vocabulary_of(self, schema: Schema) -> tuple[str | None, list[str] | None]:
        """The vocabulary a field's values come from: its enum class's name (None when the
        values are listed in place) and its known values."""
        if "$ref" in schema:
            vocabulary = self.vocabularies.get(self.resolve(schema["$ref"]))
            if vocabulary is None:
                return None, None
            return self.class_names[vocabulary.name], vocabulary.values
        if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
            return self.vocabulary_of(schema["items"])
        for key in ("anyOf", "oneOf", "allOf"):
            for branch in schema.get(key, []):
                found = self.vocabulary_of(branch)
                if found[1] is not None:
                    return found
        values = self.enum_values(schema)
        if values is not None and len(values) > 1:
            return None, values
        return None, None

    def ordered_models(self) -> Iterator[Model]:
        """Models after the models they refer to (then by name), so that no annotation
        refers forward; a cycle is reported, not guessed at."""
        by_class = {m.name: m for m in self.models.values()}
        done: set[str] = set()
        visiting: set[str] = set()

        def visit(model: Model) -> Iterator[Model]:
            if model.name in done:
                return
            if model.name in visiting:
                raise GenerationError(f"schemas refer to each other in a cycle: {model.name}")
            visiting.add(model.name)
            for dependency in sorted(self.class_names[d] for d in model.depends):
                if dependency != model.name:
                    yield from visit(by_class[dependency])
            visiting.discard(model.name)
            done.add(model.name)
            yield model

        for model in sorted(by_class.values(), key=lambda m: m.name):
            yield from visit(model)

    def json_schema_of(self, operation: Schema) -> str | None:
        """The component a GET answers with on 200 as JSON, if it is one."""
        content = operation.get("responses", {}).get("200", {}).get("content", {})
        for media_type, body in content.items():
            if media_type.split(";")[0].strip() == "application/json":
                return self.first_ref(body.get("schema", {}))
        return None

    def first_ref(self, schema: Schema) -> str | None:
        """The component `schema` is, or the first one it may be (`anyOf`, `oneOf`)."""
        if "$ref" in schema:
            return self.resolve(schema["$ref"])
        for branch in schema.get("anyOf", []) + schema.get("oneOf", []):
            found = self.first_ref(branch)
            if found is not None:
                return found
        return None

    def resources(self) -> list[ResourceEntry]:
        """Every collection (a GET answering a page: `items` and `next_cursor`) that has a
        record path (`{collection}/{id}`) beside it."""
        paths: dict[str, Schema] = self.document.get("paths", {})
        entries: list[ResourceEntry] = []
        for path, operations in paths.items():
            page = self.json_schema_of(operations.get("get", {}))
            if page is None or page not in self.models:
                continue
            props, _ = self.properties(self.schemas[page])
            item = self.first_ref(props.get("items", {}).get("items", {}))
            if "next_cursor" not in props or item is None:
                continue
            details = [
                self.json_schema_of(ops.get("get", {}))
                for sub, ops in paths.items()
                if re.fullmatch(re.escape(path) + r"/\{[^/{}]+\}", sub)
            ]
            if len(details) != 1 or details[0] is None:
                continue
            name = path.rstrip("/").rsplit("/", 1)[-1]
            entries.append(
                ResourceEntry(
                    name,
                    path,
                    self.class_names[page],
                    self.class_names[item],
                    self.class_names[details[0]],
                )
            )
        return entries

    # --- output -------------------------------------------------------------------

    def render(self) -> str:
        """The module: blocks two blank lines apart, as `ruff format` lays them out."""
        self.classify()
        blocks = [HEADER.rstrip()]
        for name in sorted(self.vocabularies, key=lambda n: self.class_names[n]):
            blocks.append(self.render_vocabulary(self.vocabularies[name]))
        blocks += [self.render_model(model) for model in self.ordered_models()]
        resources = self.resources()
        constants = [python_name(e.name.upper(), frozenset(MODULE_NAMES)) for e in resources]
        for entry, constant in zip(resources, constants, strict=True):
            blocks.append(
                "\n".join(
                    [
                        f"{constant} = Resource(",
                        f"{INDENT}name={literal(entry.name)},",
                        f"{INDENT}path={literal(entry.path)},",
                        f"{INDENT}page={entry.page},",
                        f"{INDENT}item={entry.item},",
                        f"{INDENT}detail={entry.detail},",
                        ")",
                    ]
                )
            )
        table = [
            "RESOURCES: dict[str, Resource[_typing.Any, _typing.Any, _typing.Any]] = {",
            *[
                f"{INDENT}{literal(entry.name)}: {constant},"
                for entry, constant in zip(resources, constants, strict=True)
            ],
            "}",
            '"""Every collection, by the name in its path."""',
        ]
        blocks.append("\n".join(table))
        return "\n\n\n".join(blocks) + "\n"

    def render_vocabulary(self, vocabulary: Vocabulary) -> str:
        name = self.class_names[vocabulary.name]
        lines = [f"class {name}(_enum.StrEnum):"]
        text = vocabulary.description or f"The known values of {vocabulary.name}."
        lines += docstring(text + " Fields hold plain strings: others may be added.", INDENT)
        lines.append("")
        taken: set[str] = set()
        for value in vocabulary.values:
            member = python_name(value, frozenset(RESERVED_MEMBERS | taken))
            taken.add(member)
            lines.append(f"{INDENT}{member} = {literal(value)}")
        return "\n".join(lines)

    def render_model(self, model: Model) -> str:
        lines = [f"class {model.name}(ApiModel):"]
        if model.description:
            lines += [*docstring(model.description, INDENT), ""]
        if not model.fields:
            lines.append(f"{INDENT}pass")
        for spec in model.fields:
            annotation = spec.annotation
            if spec.required:
                value = ""
            else:
                if annotation != "_typing.Any" and not annotation.endswith("| None"):
                    annotation += " | None"
                value = " = None"
            if spec.alias is not None:
                arguments = f"alias={literal(spec.alias)}"
                value = f" = _pydantic.Field({'default=None, ' if value else ''}{arguments})"
            lines.append(f"{INDENT}{spec.name}: {annotation}{value}")
            if spec.description:
                lines += docstring(spec.description, INDENT)
        return "\n".join(lines)


def generate(document: Schema) -> str:
    return Generator(document).render()


def load(source: str) -> Schema:
    if re.match(r"https?://", source):
        with urllib.request.urlopen(source, timeout=30) as answer:  # noqa: S310 (http(s) only)
            loaded: Schema = json.load(answer)
            return loaded
    document: Schema = json.loads(Path(source).read_text(encoding="utf-8"))
    return document


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    source, target = argv
    text = generate(load(source))
    if target == "-":
        sys.stdout.write(text)
    else:
        Path(target).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
