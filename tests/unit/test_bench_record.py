"""`make bench` leaves tracked files alone unless asked to record (RECORD=1)."""

from pathlib import Path

import pytest

from bench import report

BEFORE = "intro\n<!-- bench:start -->\nold\n<!-- bench:end -->\nafter\n"


@pytest.fixture
def doc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "docs" / "performance.md"
    path.parent.mkdir()
    path.write_text(BEFORE)
    monkeypatch.setattr(report, "DOC", path)
    return path


@pytest.mark.parametrize("record", [None, "", "0"])
def test_a_run_not_recorded_leaves_the_doc_alone(
    doc: Path, monkeypatch: pytest.MonkeyPatch, record: str | None
) -> None:
    if record is None:
        monkeypatch.delenv("BENCH_RECORD", raising=False)
    else:
        monkeypatch.setenv("BENCH_RECORD", record)
    report.update_doc("bench", "new")
    assert doc.read_text() == BEFORE


def test_a_recorded_run_writes_its_block(doc: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BENCH_RECORD", "1")
    report.update_doc("bench", "new")
    assert doc.read_text() == "intro\n<!-- bench:start -->\nnew\n<!-- bench:end -->\nafter\n"
