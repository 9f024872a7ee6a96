"""prewarm reads a file into the OS's page cache; a file that cannot be served is not read.
That the app prewarms each SQLite file it opens is in tests/api/test_prewarm_served.py."""

import logging
import os
from pathlib import Path

import pytest

from api.data import snapshots as snapshots_module
from api.data.database import prewarm
from api.errors import DatabaseUnavailable
from api.main import create_app
from tests.conftest import settings_for


def test_prewarm_reads_the_whole_file_unless_it_is_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    size = 3 * (1 << 20) + 12345  # chunks of 1 MiB and a remainder
    path.write_bytes(os.urandom(size))
    assert prewarm(path, max_bytes=size) == size
    assert prewarm(path, max_bytes=size - 1) == 0


def test_prewarm_of_a_missing_file_logs_and_reads_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    missing = tmp_path / "gone.sqlite3"
    with caplog.at_level(logging.WARNING, logger="circle"):
        assert prewarm(missing, max_bytes=1 << 30) == 0
    assert [r.getMessage() for r in caplog.records] == [
        f"prewarm of {missing} stopped: [Errno 2] No such file or directory: '{missing}'"
    ]


@pytest.mark.parametrize("content", [None, b""])
def test_a_missing_or_empty_file_is_not_prewarmed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes | None
) -> None:
    read: list[Path] = []

    def record(path: Path, max_bytes: int) -> int:
        read.append(path)
        return 0

    monkeypatch.setattr(snapshots_module, "prewarm", record)
    path = tmp_path / "served.sqlite3"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DatabaseUnavailable):
        create_app(settings_for(None, path))
    assert read == []
