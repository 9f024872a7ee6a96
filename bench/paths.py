"""Where the benchmark reads and writes: everything it makes goes under bench/out/."""

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
OUT = BENCH / "out"
LOGS = OUT / "logs"
# Datasette and matplotlib live in their own venv: neither is a dependency of the API.
TOOLS_VENV = BENCH / ".venv-datasette"
# The venv running the benchmark is the project's: `circle` and `uvicorn` come from it.
PROJECT_BIN = Path(sys.executable).parent
# The `circle` command of this checkout, run from REPO by the project's interpreter: what
# the installed `circle` script runs, whatever checkout that script was installed from.
CIRCLE = [sys.executable, "-m", "cli.circle"]
DOC = REPO / "docs" / "performance.md"
CHART = REPO / "docs" / "performance.png"
