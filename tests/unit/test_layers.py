"""Dependencies run one way: models is shared and imports nothing of ours; seed (writes)
and api (reads) import models and themselves; server (the process and its protocol)
imports api, which knows nothing of it; only the circle command (cli) imports them all.
Inside api, each part imports only the parts listed for it (API_PARTS). And no module
names what fastapi, starlette, uvicorn and psycopg do not document, but the one listed
protocol extension (server/protocol.py).
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OURS = {"api", "cli", "models", "seed", "server", "tests", "bench", "client"}
ALLOWED = {
    "models": {"models"},
    "seed": {"models", "seed"},
    "api": {"models", "api"},
    "server": {"api", "server"},
    "cli": {"models", "seed", "api", "server", "cli"},
}
# The parts of api (a sub-package, or a module at its top) and the other parts each may
# import (besides itself). The HTTP layers (request_guard, response_cache, cors_gzip)
# import no route; the query engine imports no layer above it.
API_PARTS: dict[str, set[str]] = {
    "__init__": set(),
    "errors": set(),
    "settings": set(),
    "access_log": set(),
    "data_package": {"errors", "query"},
    "query": {"errors"},
    "data": {"query", "errors", "settings"},
    "answers": {"errors", "query", "settings"},
    # How many exports stream at once: a slot per export, a 503 problem past them.
    "export_admission": {"errors"},
    "cors_gzip": {"errors"},
    "request_guard": {"access_log", "answers", "errors"},
    "response_cache": {"answers", "cors_gzip", "data", "errors", "query"},
    "routes": {
        "answers",
        "data",
        "data_package",
        "errors",
        "export_admission",
        "query",
        "settings",
    },
    "openapi_document": {"errors", "query", "routes"},
    # The MCP server: the routes' parser, engine and id rules, answered as tool results.
    "agents": {"data", "errors", "query", "routes", "settings"},
}
API_PARTS["main"] = set(API_PARTS)
# Names outside the documented API of fastapi, starlette, uvicorn and psycopg.
UNDOCUMENTED = re.compile(
    r"_start_asgi_task|on_response_complete|psycopg\.pq|psycopg\.adapt|\.pgconn\b"
    r"|allow_all_origins|simple_headers|path_regex|param_convertors|uvicorn\.protocols"
    r"|starlette\._|fastapi\._|object\.__new__\("
)
PROTOCOL_EXTENSION = "server/protocol.py"


def imports_of(path: Path) -> set[str]:
    """The dotted names of everything `path` imports (absolute imports)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def imported(package: str) -> dict[str, set[str]]:
    """Every top-level package of ours that a module of `package` imports, by module."""
    return {
        str(path.relative_to(ROOT)): {name.split(".")[0] for name in imports_of(path)} & OURS
        for path in sorted((ROOT / package).rglob("*.py"))
    }


def api_part(dotted: str) -> str:
    """The part of api a module or a name in it belongs to: `api.query.engine` -> query."""
    return dotted.split(".")[1]


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_layer_imports_only_what_it_may(package: str) -> None:
    wrong = {
        module: sorted(names - ALLOWED[package])
        for module, names in imported(package).items()
        if names - ALLOWED[package]
    }
    assert wrong == {}, f"{package} may import only {sorted(ALLOWED[package])}"


def test_each_part_of_api_imports_only_the_parts_listed_for_it() -> None:
    wrong: dict[str, list[str]] = {}
    for path in sorted((ROOT / "api").rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        part = api_part(module)
        assert part in API_PARTS, f"{module}: list its part in API_PARTS"
        parts = {api_part(name) for name in imports_of(path) if name.startswith("api.")}
        if parts - API_PARTS[part] - {part}:
            wrong[module] = sorted(parts - API_PARTS[part] - {part})
    assert wrong == {}


def test_no_undocumented_framework_name_but_in_the_protocol_extension() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for package in ("api", "cli", "models", "seed", "server")
        for path in sorted((ROOT / package).rglob("*.py"))
        if str(path.relative_to(ROOT)) != PROTOCOL_EXTENSION
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if UNDOCUMENTED.search(line)
    ]
    assert found == []


def loaded_by(module: str, packages: tuple[str, ...], prefixes: tuple[str, ...] = ()) -> list[str]:
    """The modules of `packages` (and those whose names start with one of `prefixes`)
    that importing `module` loads, in a fresh interpreter."""
    import subprocess
    import sys

    script = (
        f"import sys, {module}; print(sorted(m for m in sys.modules if m.split('.')[0] in "
        f"{packages!r} or m.startswith({prefixes!r})))"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    found: list[str] = ast.literal_eval(run.stdout.strip())
    return found


def test_the_serving_process_does_not_load_the_loader() -> None:
    assert loaded_by("api.main", ("seed", "cli", "server", "uvicorn", "yaml")) == []


def test_every_module_imports_first_without_a_cycle() -> None:
    """Each module of api and seed imported first of its package, with nothing else of
    that package loaded: a cycle between its modules fails here whatever imported them
    first. (models stays loaded: its tables are registered once per process.)"""
    import subprocess
    import sys

    modules = [
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for package in ("api", "seed", "server")
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


def test_the_circle_command_loads_the_app_only_for_the_commands_that_use_it() -> None:
    """`circle ready` is the container's health check: it reads its settings and asks
    /readyz, without loading the query engine, the loader or the server."""
    packages = ("seed", "server", "uvicorn", "fastapi", "yaml")
    assert loaded_by("cli.circle", packages, prefixes=("api.data",)) == []
