"""TypeScript consumers: openapi-typescript generates types from the live document and tsc
(strict) type-checks contract/typescript/pages.ts, which pages through a collection with
openapi-fetch, sorts on two keys, reads `items` of a trimmed page and an embedded record,
reads a CSV export as text and decodes a 400 as a Problem. The npm tools come from
contract/package-lock.json (`make contract-tools`)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import ROOT, Api

CONTRACT = ROOT / "contract"
BIN = CONTRACT / "node_modules" / ".bin"


def _tool(name: str) -> Path:
    tool = BIN / name
    if not tool.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is not installed: run `make contract-tools`")
        pytest.skip(f"{name} is not installed: run `make contract-tools`")
    return tool


def _run(command: list[str], cwd: Path) -> str:
    result = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_generated_types_check_a_program_that_pages_sorts_and_reads_problems(
    api: Api, tmp_path: Path
) -> None:
    generate, tsc = _tool("openapi-typescript"), _tool("tsc")
    assert shutil.which("node"), "node is needed for the TypeScript tools"
    (tmp_path / "openapi.json").write_bytes(api.get("/openapi.json").content)
    for name in ("pages.ts", "tsconfig.json"):
        shutil.copy(CONTRACT / "typescript" / name, tmp_path / name)
    (tmp_path / "node_modules").symlink_to(CONTRACT / "node_modules")
    _run([str(generate), "openapi.json", "-o", "api.d.ts"], tmp_path)
    types = (tmp_path / "api.d.ts").read_text()
    assert '"application/problem+json": components["schemas"]["Problem"]' in types
    _run([str(tsc), "-p", "tsconfig.json"], tmp_path)


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [
        ("project.name;", "project.title;", "Property 'title' does not exist"),
        (
            "const name: string | undefined = item.name;",
            "const name: string = item.name;",
            "Type 'string | undefined' is not assignable to type 'string'",
        ),
    ],
)
def test_tsc_refuses_a_program_the_document_does_not_type(
    api: Api, tmp_path: Path, old: str, new: str, complaint: str
) -> None:
    """The check can fail: the same program, reading a field no record has, or taking a
    field of a trimmed page for one that is always there."""
    generate, tsc = _tool("openapi-typescript"), _tool("tsc")
    (tmp_path / "openapi.json").write_bytes(api.get("/openapi.json").content)
    program = (CONTRACT / "typescript" / "pages.ts").read_text()
    assert old in program
    (tmp_path / "pages.ts").write_text(program.replace(old, new))
    shutil.copy(CONTRACT / "typescript" / "tsconfig.json", tmp_path / "tsconfig.json")
    (tmp_path / "node_modules").symlink_to(CONTRACT / "node_modules")
    _run([str(generate), "openapi.json", "-o", "api.d.ts"], tmp_path)
    result = subprocess.run(
        [str(tsc), "-p", "tsconfig.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode != 0
    assert complaint in result.stdout
