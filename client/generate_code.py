"""Writes circle-client's derived code; `make client-models` runs it:

    python client/generate_code.py build/openapi.json           # write the three files
    python client/generate_code.py build/openapi.json --check   # exit 1 when one differs

- `circle_client/models.py`: the answers as pydantic models, by datamodel-code-generator
  from the OpenAPI document's schemas.
- `circle_client/resources.py`: one `Resource` per collection (`FIGURES`, `PLACES`, ...)
  with its query function, whose keyword arguments are typed from the document's query
  parameters (datamodel-code-generator and openapi-python-client make no such function
  for a client of our own: this part is ours).
- `circle_client/synchronous/client.py`: the synchronous client, by unasync from
  `circle_client/asynchronous/client.py`.

Each file is formatted by ruff, so that what is committed is exactly what this writes;
tests/unit/test_client_contract.py regenerates all three and fails on any difference.
"""

import json
import keyword
import re
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import unasync

CLIENT = Path(__file__).resolve().parent
ROOT = CLIENT.parent
PACKAGE = CLIENT / "circle_client"
MODELS = PACKAGE / "models.py"
RESOURCES = PACKAGE / "resources.py"
ASYNC_CLIENT = PACKAGE / "asynchronous" / "client.py"
SYNC_CLIENT = PACKAGE / "synchronous" / "client.py"

REF_PREFIX = "#/components/schemas/"
# Query parameters the client sets itself rather than take as filters: the format of an
# export is the method called (`export`), not a keyword.
CLIENT_SET = frozenset({"format"})
WIDTH = 92

# datamodel-code-generator's options. Vocabularies stay open (the document's
# `anyOf: [{enum}, {type: string}]` becomes `Enum | str`), and every model keeps fields
# it does not know (`extra="allow"`): a client made today reads what a newer API adds.
DATAMODEL_OPTIONS = (
    "--input-file-type=openapi",
    "--output-model-type=pydantic_v2.BaseModel",
    "--target-python-version=3.11",
    "--use-standard-collections",
    "--use-union-operator",
    "--use-double-quotes",
    "--use-annotated",
    "--field-constraints",
    "--collapse-root-models",
    "--use-subclass-enum",
    "--extra-fields=allow",
    "--use-schema-description",
    "--use-field-description",
    "--disable-timestamp",
    "--formatters",
    "ruff-format",
    "ruff-check",
    "--custom-file-header",
    "# Generated from the API's /openapi.json by datamodel-code-generator "
    "(client/generate_code.py,\n# `make client-models`): do not edit.",
)

# Names unasync does not know: httpx's asynchronous names and their synchronous twins,
# and asyncio's sleep as time's.
SYNC_NAMES = {
    "AsyncClient": "Client",
    "AsyncBaseTransport": "BaseTransport",
    "aclose": "close",
    "aiter_bytes": "iter_bytes",
    "aread": "read",
    "asyncio": "time",
}
SYNC_HEADER = (
    "# Generated from circle_client/asynchronous/client.py by unasync "
    "(client/generate_code.py,\n# `make client-models`): do not edit.\n"
)


class GenerationError(Exception):
    pass


def ruff(source: str, target: Path) -> str:
    """`source` with its imports sorted and formatted as ruff does in this repository."""
    # Sorted imports and `__all__`, `yield from` where unasync leaves a loop, then format.
    fix = ["check", "--select", "I,RUF022,UP028", "--fix", "--unsafe-fixes", "--quiet"]
    for command in (fix, ["format", "--quiet"]):
        source = subprocess.run(
            [sys.executable, "-m", "ruff", *command, "--stdin-filename", str(target), "-"],
            input=source,
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
            timeout=60,
        ).stdout
    return source


def models_source(document: Path) -> str:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "datamodel_code_generator",
            "--input",
            str(document),
            *DATAMODEL_OPTIONS,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=300,
    )
    if result.returncode != 0:
        raise GenerationError(f"datamodel-codegen failed:\n{result.stderr}")
    return str(result.stdout)


def sync_client_source() -> str:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "asynchronous" / "client.py"
        source.parent.mkdir()
        source.write_text(ASYNC_CLIENT.read_text(encoding="utf-8"), encoding="utf-8")
        rule = unasync.Rule("/asynchronous/", "/synchronous/", SYNC_NAMES)
        unasync.unasync_files([str(source)], [rule])
        written = (Path(folder) / "synchronous" / "client.py").read_text(encoding="utf-8")
    return ruff(SYNC_HEADER + written, SYNC_CLIENT)


# --- resources.py, from the document's collection operations --------------------------


def camel(name: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", name) if part)


def docstring(lines: list[str], indent: str) -> str:
    """A docstring of paragraphs, wrapped, its backslashes and quotes escaped."""
    out: list[str] = []
    for paragraph in lines:
        if not paragraph:
            out.append("")
            continue
        text = " ".join(paragraph.split()).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
        hanging = indent + "    " if paragraph.startswith("- ") else indent
        out += textwrap.wrap(
            text,
            WIDTH - len(indent),
            initial_indent=indent,
            subsequent_indent=hanging,
            break_long_words=False,
            break_on_hyphens=False,
        )
    body = "\n".join(out).removeprefix(indent)
    return f'{indent}"""{body}\n{indent}"""\n'


class ResourcesModule:
    """The source of resources.py: Literal aliases, query functions, Resource constants."""

    def __init__(self, document: dict[str, Any], model_names: set[str]) -> None:
        self.document = document
        self.model_names = model_names
        self.aliases: dict[str, list[str]] = {}
        self.parts: list[str] = []

    def ref(self, schema: dict[str, Any], where: str) -> str:
        ref = str(schema.get("$ref", ""))
        if not ref.startswith(REF_PREFIX):
            for branch in schema.get("anyOf") or schema.get("oneOf") or []:
                if branch.get("$ref", "").startswith(REF_PREFIX):
                    ref = branch["$ref"]  # the whole page comes first
                    break
            else:
                raise GenerationError(f"{where}: no schema reference")
        name = ref.removeprefix(REF_PREFIX)
        if name not in self.model_names:
            raise GenerationError(f"{where}: models.py has no class {name}")
        return name

    def answer(self, operation: dict[str, Any], where: str) -> str:
        content = operation["responses"]["200"]["content"]["application/json"]
        return self.ref(content["schema"], where)

    def alias(self, name: str, values: list[str]) -> str:
        known = self.aliases.setdefault(name, values)
        if known != values:
            raise GenerationError(f"{name}: two vocabularies under one name")
        return name

    def annotation(self, schema: dict[str, Any], alias: str) -> str:
        """The Python type of a parameter's schema."""
        if "enum" in schema:
            return self.alias(alias, [str(v) for v in schema["enum"]])
        branches = schema.get("anyOf") or schema.get("oneOf")
        if branches:
            types = [self.annotation(b, alias) for b in branches if b.get("type") != "null"]
            return " | ".join(dict.fromkeys(types))
        kind = schema.get("type")
        if kind == "array":
            item = self.annotation(schema["items"], alias)
            return f"{item} | Sequence[{item}]"
        if kind == "string":
            return "date | str" if schema.get("format") == "date" else "str"
        scalar = {"integer": "int", "number": "float", "boolean": "bool"}.get(str(kind))
        if scalar is None:
            raise GenerationError(f"{alias}: no Python type for the schema {schema}")
        return scalar

    def query_function(
        self, function: str, prefix: str, path: str, operation: dict[str, Any]
    ) -> None:
        arguments: list[str] = []
        described: list[str] = []
        for param in operation.get("parameters", []):
            name = param["name"]
            if param.get("in") != "query" or name in CLIENT_SET:
                continue
            if not name.isidentifier() or keyword.iskeyword(name):
                raise GenerationError(f"{function}: {name!r} cannot be a keyword argument")
            base = name.split("__")[0]
            annotation = self.annotation(param["schema"], prefix + camel(base))
            arguments.append(f"    {name}: {annotation} | None = None,")
            if param.get("description"):
                described.append(f"- `{name}`: {param['description']}")
        summary = operation.get("description") or operation.get("summary") or ""
        head = f"The query string of `GET {path}`, from its parameters. {summary}".strip()
        self.parts.append(
            f"def {function}(\n    *,\n"
            + "\n".join(arguments)
            + "\n) -> Params:\n"
            + docstring([head, "", *described], "    ")
            + "    return query_params(locals())\n"
        )

    def collections(self) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
        """Each collection path with a record path beside it: name, list and detail GETs."""
        paths = self.document["paths"]
        for path, item in paths.items():
            record = paths.get(path + "/{id}")
            if "get" in item and record is not None and "get" in record:
                yield path, item["get"], record["get"]

    def source(self) -> str:
        constants: list[str] = []
        for path, listing, record in self.collections():
            name = path.rsplit("/", 1)[-1]
            function = f"{name}_query"
            self.query_function(function, camel(name), path, listing)
            page = self.answer(listing, path)
            items = self.document["components"]["schemas"][page]["properties"]["items"]
            item = self.ref(items["items"], f"{page}.items")
            detail = self.answer(record, path + "/{id}")
            constant = name.upper()
            constants.append(constant)
            self.parts.append(
                f"{constant} = Resource(\n"
                f'    name="{name}",\n    path="{path}",\n'
                f"    page=models.{page},\n    item=models.{item},\n"
                f"    detail=models.{detail},\n    query={function},\n)\n"
            )
        search = self.document["paths"]["/v1/search"]["get"]
        for param in search["parameters"]:
            if param["name"] == "type":
                self.annotation(param["schema"], "SearchType")
        aliases = [
            f"{name} = Literal[{', '.join(json.dumps(v) for v in values)}]\n"
            for name, values in self.aliases.items()
        ]
        registry = (
            "RESOURCES: dict[str, Resource[Any, Any, Any, ...]] = {\n"
            + "".join(f'    "{c.lower()}": {c},\n' for c in constants)
            + '}\n"""Every collection, by the name in its path."""\n'
        )
        exported = sorted([*constants, *self.aliases, "RESOURCES"])
        return (
            '"""Every collection of the API: its typed query and its models.\n\n'
            "Generated from the API's /openapi.json by client/generate_code.py "
            '(`make client-models`):\ndo not edit."""\n\n'
            "from collections.abc import Sequence\n"
            "from datetime import date\n"
            "from typing import Any, Literal\n\n"
            "from circle_client import models\n"
            "from circle_client.resource import Params, Resource, query_params\n\n"
            f"__all__ = {exported!r}\n\n"
            + "\n".join(aliases)
            + "\n\n"
            + "\n\n".join(self.parts)
            + "\n\n"
            + registry
        )


def resources_source(document: Path, models: str) -> str:
    names = set(re.findall(r"^class (\w+)\(", models, re.M))
    module = ResourcesModule(json.loads(document.read_text(encoding="utf-8")), names)
    return ruff(module.source(), RESOURCES)


def generated(document: Path) -> dict[Path, str]:
    """Each derived file and what it should hold."""
    models = models_source(document)
    return {
        MODELS: models,
        RESOURCES: resources_source(document, models),
        SYNC_CLIENT: sync_client_source(),
    }


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2) or (len(argv) == 2 and argv[1] != "--check"):
        print(__doc__, file=sys.stderr)
        return 2
    stale = []
    for path, text in generated(Path(argv[0])).items():
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path.relative_to(ROOT))
        if len(argv) == 1:
            path.write_text(text, encoding="utf-8")
    if len(argv) == 2 and stale:
        print("stale, `make client-models` writes them:", *stale, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
