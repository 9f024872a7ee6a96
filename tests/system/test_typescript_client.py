"""TypeScript consumers: openapi-typescript generates types from the served document and tsc
(strict) type-checks contract/typescript/pages.ts, which pages through a collection with
openapi-fetch, sorts on two keys, reads `items` of a trimmed page and an embedded record,
reads a CSV export as text and decodes a 400 as a Problem. The npm tools come from
contract/package-lock.json (`make contract-tools`)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.openapi_document import openapi_document
from tests.support import ROOT

CONTRACT = ROOT / "contract"
BIN = CONTRACT / "node_modules" / ".bin"


def _tool(name: str) -> Path:
    tool = BIN / name
    if not tool.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is not installed: run `make contract-tools`")
        pytest.skip(f"{name} is not installed: run `make contract-tools`")
    return tool


# The program altered as the document does not allow: a field no record has, and a field
# of a trimmed page taken for one that is always there. Each copy must be refused with
# its complaint, on its own line.
REFUSED = {
    "reads_a_missing_field.ts": (
        "project.name;",
        "project.title;",
        "Property 'title' does not exist",
    ),
    "takes_a_trimmed_field_as_always_there.ts": (
        "const name: string | undefined = item.name;",
        "const name: string = item.name;",
        "Type 'string | undefined' is not assignable to type 'string'",
    ),
}


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """tsc's complaints per file, from one run over pages.ts and the altered copies, with
    types openapi-typescript generated from the document (which is the same whichever
    database serves it: checked once)."""
    generate, tsc = _tool("openapi-typescript"), _tool("tsc")
    assert shutil.which("node"), "node is needed for the TypeScript tools"
    folder = tmp_path_factory.mktemp("typescript")
    (folder / "openapi.json").write_bytes(openapi_document())
    (folder / "node_modules").symlink_to(CONTRACT / "node_modules")
    program = (CONTRACT / "typescript" / "pages.ts").read_text()
    for name, (old, new, _) in REFUSED.items():
        assert program.count(old) == 1, old
        (folder / name).write_text(program.replace(old, new))
    shutil.copy(CONTRACT / "typescript" / "pages.ts", folder / "pages.ts")
    config = json.loads((CONTRACT / "typescript" / "tsconfig.json").read_text())
    assert config["files"] == ["pages.ts"]
    config["files"] += list(REFUSED)
    (folder / "tsconfig.json").write_text(json.dumps(config))
    generated = subprocess.run(
        [str(generate), "openapi.json", "-o", "api.d.ts"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    types = (folder / "api.d.ts").read_text()
    assert '"application/problem+json": components["schemas"]["Problem"]' in types
    result = subprocess.run(
        [str(tsc), "-p", "tsconfig.json", "--pretty", "false"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    complaints: dict[str, list[str]] = {}
    for line in result.stdout.splitlines():
        if line and not line.startswith(" "):  # a complaint's own line (details indent)
            name = line.partition("(")[0] if "(" in line else ""
            complaints.setdefault(name, []).append(line)
    assert result.stderr == ""
    assert (result.returncode != 0) == bool(complaints), result.stdout
    return complaints


def test_generated_types_check_a_program_that_pages_sorts_and_reads_problems(
    checked: dict[str, list[str]],
) -> None:
    """The program type-checks, and tsc complains of nothing but the altered copies."""
    assert set(checked) == set(REFUSED), checked


@pytest.mark.parametrize("name", list(REFUSED))
def test_tsc_refuses_a_program_the_document_does_not_type(
    checked: dict[str, list[str]], name: str
) -> None:
    """The check can fail: the same program, with one line the document does not type."""
    old, _, complaint = REFUSED[name]
    complaints = checked.get(name, [])
    assert len(complaints) == 1, complaints
    program = (CONTRACT / "typescript" / "pages.ts").read_text().splitlines()
    line = next(number for number, text in enumerate(program, 1) if old in text)
    assert complaints[0].startswith(f"{name}({line},"), complaints
    assert complaint in complaints[0], complaints
