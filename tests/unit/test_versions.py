"""One statement of which versions are installed from where (docs/operations.md,
"Versions"): requirements.lock pins every runtime dependency pyproject.toml declares,
within its range, so `make run`, `make test` and the container serve the same versions."""

import re
import tomllib

from packaging.requirements import Requirement

from tests.support import ROOT


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_lock_pins_every_runtime_dependency_within_its_range() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().split():
        name, version = line.split("==")
        pins[normalized(name)] = version
    unpinned, outside = [], []
    for declared in map(Requirement, project["dependencies"]):
        name = normalized(declared.name)
        if name not in pins:
            unpinned.append(declared.name)
        elif pins[name] not in declared.specifier:
            outside.append(f"{declared.name}=={pins[name]} not in {declared.specifier}")
    assert not unpinned, f"add to requirements.lock: {unpinned}"
    assert not outside, outside
