"""The dataset version is a hash of what is served: a changed record changes it, while a
comment in the data files or in the code that renders them changes nothing."""

import shutil
import subprocess
import sys
from pathlib import Path

from seed.loader import version_of
from tests.support import ROOT, SOURCES

DATASET = "cc-economic-circle-2022/dataset.yaml"


def copied_sources(tmp_path: Path) -> Path:
    target = tmp_path / "sources"
    shutil.copytree(SOURCES, target)
    return target


def test_a_comment_in_the_data_changes_nothing(tmp_path: Path) -> None:
    sources = copied_sources(tmp_path)
    before = version_of(sources)
    data = sources / DATASET
    data.write_text("# a curator's note\n" + data.read_text().replace("\n", "  # why\n", 3))
    assert version_of(sources) == before


def test_a_changed_record_is_a_new_version(tmp_path: Path) -> None:
    sources = copied_sources(tmp_path)
    before = version_of(sources)
    data = sources / DATASET
    text = data.read_text()
    assert "    description: " in text
    data.write_text(text.replace("    description: ", "    description: Now, ", 1))
    assert version_of(sources) != before


def test_a_comment_in_the_code_changes_nothing(tmp_path: Path) -> None:
    """The version from a copy of the code whose rendering modules carry new comments."""
    code = tmp_path / "code"
    for package in ("models", "seed"):
        shutil.copytree(ROOT / package, code / package, ignore=shutil.ignore_patterns("sources"))
    for module in ("models/public.py", "models/tables.py", "models/resources.py", "seed/render.py"):
        path = code / module
        path.write_text("# A comment that changes no answer.\n" + path.read_text())
    found = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from seed.loader import version_of; "
            "print(version_of(Path(sys.argv[1])))",
            str(SOURCES),
        ],
        cwd=code,
        env={"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert found.stdout.strip() == version_of(SOURCES)
