"""Constraints that pin each runtime dependency to the lowest version pyproject.toml allows.

`make test-lowest` installs the project with them (`pip install -c`), so that the suite
runs at the lowest bounds as well as at the newest: the lowest bound is a promise too.
Only the project's own runtime dependencies are pinned; what they need in turn, and the
test tools, resolve as pip chooses within those pins.

    python3 .ci/lowest_versions.py pyproject.toml > build/lowest-constraints.txt
"""

import re
import sys
import tomllib
from pathlib import Path

# A requirement's name (with extras) and its `>=` bound, e.g. 'psycopg[binary]>=3.2,<4'.
REQUIREMENT = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)(?:\[[^\]]*\])?\s*(?P<spec>[^;]*)(?:;.*)?$")
LOWER = re.compile(r">=\s*(?P<version>[^,\s]+)")


def constraints(pyproject: Path) -> list[str]:
    project = tomllib.loads(pyproject.read_text())["project"]
    lines = []
    for requirement in project["dependencies"]:
        match = REQUIREMENT.match(requirement.strip())
        if match is None:
            raise SystemExit(f"{pyproject}: cannot read the requirement {requirement!r}")
        lower = LOWER.search(match["spec"])
        if lower is None:
            raise SystemExit(f"{pyproject}: {requirement!r} has no lower bound (>=) to test")
        marker = requirement.partition(";")[2].strip()
        line = f"{match['name']}=={lower['version']}"
        lines.append(f"{line}; {marker}" if marker else line)
    return lines


if __name__ == "__main__":
    print("\n".join(constraints(Path(sys.argv[1] if len(sys.argv) > 1 else "pyproject.toml"))))
