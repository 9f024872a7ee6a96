"""Dependencies run one way: models is shared and imports nothing of ours; seed (writes)
and api (reads) import models and themselves; only the circle command (cli) imports both.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OURS = {"api", "cli", "models", "seed", "tests", "bench", "client"}
ALLOWED = {
    "models": {"models"},
    "seed": {"models", "seed"},
    "api": {"models", "api"},
    "cli": {"models", "seed", "api", "cli"},
}


def imported(package: str) -> dict[str, set[str]]:
    """Every top-level package of ours that a module of `package` imports, by module."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names & OURS
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_layer_imports_only_what_it_may(package: str) -> None:
    wrong = {
        module: sorted(names - ALLOWED[package])
        for module, names in imported(package).items()
        if names - ALLOWED[package]
    }
    assert wrong == {}, f"{package} may import only {sorted(ALLOWED[package])}"


def test_the_serving_process_does_not_load_the_loader() -> None:
    import subprocess
    import sys

    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, api.main; print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('seed', 'cli', 'yaml')))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert loaded.stdout.strip() == "[]"


def test_every_module_imports_first_without_a_cycle() -> None:
    """Each module of api and seed imported first of its package, with nothing else of
    that package loaded: a cycle between its modules fails here whatever imported them
    first. (models stays loaded: its tables are registered once per process.)"""
    import subprocess
    import sys

    modules = [
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for package in ("api", "seed")
        for path in sorted((ROOT / package).rglob("*.py"))
    ]
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    package = name.split('.')[0]\n"
        "    for loaded in [m for m in sys.modules if m.split('.')[0] == package]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except ImportError as exc:\n"
        "        print(name, exc)\n"
    )
    run = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout == ""
