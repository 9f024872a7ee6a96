"""The served SQLite file is read into the OS's page cache whenever a version of it is
opened (when enabled); PostgreSQL is not prewarmed."""

import os
from pathlib import Path

import pytest

from api.data import snapshots as snapshots_module
from api.data.database import prewarm, prewarm_limit
from api.settings import Settings
from seed.loader import seed
from tests.conftest import settings_for
from tests.support import SOURCES, MakeApi


@pytest.mark.parametrize("enabled", [True, False])
def test_each_sqlite_file_opened_is_prewarmed_when_enabled(
    seeded_sqlite: Path,
    make_api: MakeApi,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    enabled: bool,
) -> None:
    read: list[tuple[Path, int]] = []

    def record(path: Path, max_bytes: int) -> int:
        read.append((path, max_bytes))
        return prewarm(path, max_bytes)

    monkeypatch.setattr(snapshots_module, "prewarm", record)
    path = seeded_sqlite
    api = make_api(settings_for(None, path, sqlite_prewarm=enabled))
    reader = api.app.data.snapshots
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


def test_postgres_is_not_prewarmed(postgres_settings: Settings, make_api: MakeApi) -> None:
    api = make_api(postgres_settings)
    assert api.app.data.snapshots.prewarming is None
    assert api.get("/v1/figures").status_code == 200
