"""Writes the per-collection parameter tables of docs/api.md from the app's OpenAPI
document, so that the reference says what the API declares: `make docs`
(`python -m docs.reference_tables`). tests/unit/test_docs.py fails when the tables in
docs/api.md differ from what this writes."""

import re
import sys
from pathlib import Path
from typing import Any

API_MD = Path(__file__).resolve().parent / "api.md"
START, END = "<!-- collections:start -->", "<!-- collections:end -->"
# Parameters every collection takes alike: described once, in api.md's prose.
COMMON = {"q", "sort", "limit", "cursor", "fields", "facet", "format"}


def _values(schema: dict[str, Any]) -> str:
    items = schema.get("items", schema)
    if "enum" in items:
        return ", ".join(f"`{v}`" for v in items["enum"])
    if items.get("format") == "date":
        return "date"
    return str(items.get("type", "text")).replace("string", "text")


def _meaning(description: str) -> str:
    first = re.split(r" (?:Equality|The record's regions)[;:.]", description, maxsplit=1)[0]
    return first.replace("|", "\\|").replace("\n", " ").strip()


def collection_table(operation: dict[str, Any]) -> str:
    params = {p["name"]: p for p in operation["parameters"] if p.get("in") == "query"}
    sortable = {v for v in params["sort"]["schema"]["items"]["enum"] if not v.startswith("-")}
    facetable = set(params["facet"]["schema"]["items"]["enum"])
    rows = ["| field | values | ranges | sort | facet | meaning |", "|---|---|:-:|:-:|:-:|---|"]
    for name, param in params.items():
        if "__" in name or name in COMMON:
            continue
        rows.append(
            f"| `{name}` | {_values(param['schema'])} "
            f"| {'yes' if f'{name}__gte' in params else ''} "
            f"| {'yes' if name in sortable else ''} "
            f"| {'yes' if name in facetable else ''} "
            f"| {_meaning(param.get('description', ''))} |"
        )
    searched = params["q"].get("description", "")
    found = re.search(r"text search in ([^.]+)\.", searched)
    if found:
        rows.append("")
        rows.append(f"`q` searches {found.group(1)}.")
    return "\n".join(rows)


def render(document: dict[str, Any]) -> str:
    """The tables' markdown: one section per collection, in the document's order."""
    sections = []
    for path, item in document["paths"].items():
        operation = item.get("get", {})
        names = {p["name"] for p in operation.get("parameters", [])}
        if "{" in path or not {"sort", "facet", "q"} <= names:
            continue  # not a collection
        summary = operation.get("description", "").strip().split(". ")[0].rstrip(".")
        title = f"### `{path}`\n\n{summary}."
        sections.append(f"{title}\n\n{collection_table(operation)}")
    return "\n\n".join(sections)


def replace_block(text: str, block: str) -> str:
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        raise SystemExit(f"{API_MD} has no {START} ... {END} block")
    return pattern.sub(lambda _: f"{START}\n{block}\n{END}", text)


def main() -> int:
    import orjson

    from tests.openapi_document import openapi_document

    document = orjson.loads(openapi_document())
    API_MD.write_text(replace_block(API_MD.read_text(), render(document)))
    print(f"wrote the collection tables of {API_MD.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
