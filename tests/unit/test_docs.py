"""The README and the docs name only what exists: every repository path, `make` target,
`circle` command, module run with `-m` and setting they give; the generated reference
tables are current; and the README and design.md stay short enough to read."""

import re
import subprocess
from pathlib import Path

import orjson
import pytest

from api.settings import Settings
from docs import reference_tables
from tests.openapi_document import openapi_document
from tests.support import ROOT

DOCS = [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").glob("*.md"))]
# What the commands make (ignored by git): named in the docs, absent from a clean tree.
MADE = ("bench/out/", "data/", "build/", ".venv", "contract/node_modules", "bench/.venv-")
EXTENSIONS = r"(?:py|md|yaml|yml|toml|sh|lock|json|txt|env|conf|lua|ts|png|sqlite3)"
# A repository path: words joined by slashes, or a file name with a known extension.
PATH = re.compile(r"^\.?[\w.-]+(?:/[\w.-]+)*/?$")
TRACKED = subprocess.run(
    ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
).stdout.split()
FILE_NAMES = {Path(path).name for path in TRACKED}
MAKEFILE = (ROOT / "Makefile").read_text()
TARGETS = set(re.findall(r"^([a-z][\w-]*):", MAKEFILE, re.M))
CIRCLE_COMMANDS = {"seed", "serve", "ready"}
SETTINGS = {
    "DATABASE_URL" if name == "database_url" else f"CIRCLE_{name.upper()}"
    for name in Settings.model_fields
}
# Variables of the tools around the API (tests, benchmarks, CI), not settings of the API.
TOOL_VARIABLES = {
    "CIRCLE_TEST_POSTGRES_URL",
    "CIRCLE_REQUIRE_POSTGRES",
    "CIRCLE_REQUIRE_CLUSTER",
    "CIRCLE_FUZZ_EXAMPLES",
    "CIRCLE_WRITE_OPENAPI_EXAMPLES",
}


def code_of(text: str) -> list[str]:
    """The text of every code span and code block."""
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", text, re.S | re.M)
    text = re.sub(r"^```[^\n]*\n.*?^```", "", text, flags=re.S | re.M)
    return blocks + re.findall(r"`([^`\n]+)`", text)


def links_of(text: str) -> list[str]:
    return [
        target.split("#")[0]
        for target in re.findall(r"\]\(([^)\s]+)\)", text)
        if not target.startswith(("http://", "https://", "#", "/"))
    ]


def is_repo_path(token: str) -> bool:
    if not PATH.match(token) or token.startswith(("/", "-")) or "://" in token:
        return False
    if "/" in token:
        return token.split("/")[0] in {p.name for p in ROOT.iterdir()}
    return re.search(rf"\.{EXTENSIONS}$", token) is not None and "." in token[1:]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_name_the_docs_give_exists(doc: Path) -> None:
    text = doc.read_text()
    missing: list[str] = []
    for target in links_of(text):
        if not (doc.parent / target).exists():
            missing.append(f"link {target}")
    for code in code_of(text):
        for token in re.split(r"[\s=:,;()\[\]'\"]+", code):
            token = token.rstrip(".")
            if is_repo_path(token) and not token.startswith(MADE):
                if "/" not in token:  # a file's name: some tracked file has it
                    if token not in FILE_NAMES and not token.startswith(("scale-", "circle.")):
                        missing.append(f"file {token}")
                elif not (ROOT / token).exists() and not (doc.parent / token).exists():
                    missing.append(f"path {token}")
        for target in re.findall(r"(?:^|[\s;&(])make ((?:[a-z][\w-]* ?)+)", code):
            missing += [f"make {t}" for t in target.split() if t not in TARGETS and "=" not in t]
        for command in re.findall(r"\bcircle ([a-z]\w*)", code):
            if command not in CIRCLE_COMMANDS and command != "serve's":
                missing.append(f"circle {command}")
        for module in re.findall(r"-m ([a-z_][\w.]*)", code):
            if module in ("pytest", "venv", "pip"):
                continue
            as_path = ROOT / module.replace(".", "/")
            if not (as_path.with_suffix(".py").exists() or (as_path / "__main__.py").exists()):
                missing.append(f"-m {module}")
        if re.search(r"(?:^|[\s;&])python -m", code):
            missing.append(f"bare python (Debian has python3 only): {code[:60]}")
        for variable in re.findall(r"\b(DATABASE_URL|CIRCLE_[A-Z0-9_]+)\b", code):
            if variable not in SETTINGS | TOOL_VARIABLES:
                missing.append(f"setting {variable}")
    assert not missing, f"{doc.name} names what does not exist: {sorted(set(missing))}"


def test_the_settings_table_names_every_setting() -> None:
    text = (ROOT / "docs" / "operations.md").read_text()
    table = re.search(r"^## Settings\n(.*?)^## ", text, re.S | re.M)
    assert table
    named = set(re.findall(r"`(DATABASE_URL|CIRCLE_[A-Z0-9_]+)`", table.group(1)))
    assert named == SETTINGS


def test_the_collection_tables_are_current() -> None:
    text = (ROOT / "docs" / "api.md").read_text()
    document = orjson.loads(openapi_document())
    expected = reference_tables.replace_block(text, reference_tables.render(document))
    assert text == expected, "docs/api.md is out of date: run `make docs`"


def test_the_readme_reads_in_two_minutes() -> None:
    readme = (ROOT / "README.md").read_text()
    assert len(readme.splitlines()) <= 150
    assert len(readme.split()) <= 900
    assert "/docs" in readme.split("## ")[0] + readme.split("## ")[1]  # near the top
    for word in ("sitting", "this session"):
        assert word not in readme


def test_design_is_decisions_not_a_notebook() -> None:
    assert len((ROOT / "docs" / "design.md").read_text()) <= 25_000
