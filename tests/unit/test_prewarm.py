"""The SQLite file is read into the OS's page cache whenever a version of it is opened."""

import logging
import os
from pathlib import Path

import pytest

from api.data import snapshots as snapshots_module
from api.data.database import prewarm, prewarm_limit
from api.errors import DatabaseUnavailable
from api.main import create_app
from api.settings import Settings
from seed.loader import seed
from tests.conftest import settings_for
from tests.support import SOURCES, Api


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


@pytest.mark.parametrize("enabled", [True, False])
def test_each_sqlite_file_opened_is_prewarmed_when_enabled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    read: list[tuple[Path, int]] = []

    def record(path: Path, max_bytes: int) -> int:
        read.append((path, max_bytes))
        return prewarm(path, max_bytes)

    monkeypatch.setattr(snapshots_module, "prewarm", record)
    path = tmp_path / "served.sqlite3"
    seed(f"sqlite:///{path}", SOURCES)
    app = create_app(settings_for(None, path, sqlite_prewarm=enabled))
    api = Api(app)
    try:
        reader = app.data.snapshots
        if reader.prewarming is not None:
            reader.prewarming.join(timeout=10)
        assert read == ([(path, prewarm_limit())] if enabled else [])

        replacement = tmp_path / "replacement.sqlite3"
        seed(f"sqlite:///{replacement}", SOURCES)
        os.replace(replacement, path)
        assert api.get("/v1/figures").status_code == 200  # notices the new file
        if reader.prewarming is not None:
            reader.prewarming.join(timeout=10)
        assert read == ([(path, prewarm_limit())] * 2 if enabled else [])
        assert (reader.prewarming is None) is not enabled
    finally:
        api.close()


def test_postgres_is_not_prewarmed(postgres_settings: Settings) -> None:
    app = create_app(postgres_settings)
    api = Api(app)
    try:
        assert app.data.snapshots.prewarming is None
        assert api.get("/v1/figures").status_code == 200
    finally:
        api.close()


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
