"""Emptying a caching proxy's folder after a re-seed (cli/proxy_cache.py)."""

import threading
import time
from pathlib import Path

from cli.proxy_cache import SWITCH_S, empty, empty_after_reseed


def test_every_file_goes_and_the_folders_stay(tmp_path: Path) -> None:
    kept = tmp_path / "proxy-cache"
    (kept / "a" / "bc").mkdir(parents=True)
    (kept / "a" / "bc" / "0123abc").write_bytes(b"KEY: /v1/figures")
    (kept / "d").mkdir()
    (kept / "d" / "4567def").write_bytes(b"KEY: /v1")
    assert empty(kept) == 2
    assert sorted(p.relative_to(kept).as_posix() for p in kept.rglob("*")) == ["a", "a/bc", "d"]


def test_a_missing_folder_is_empty(tmp_path: Path) -> None:
    assert empty(tmp_path / "never-made") == 0


def test_after_a_reseed_what_an_old_worker_answers_is_not_kept(tmp_path: Path) -> None:
    """Emptied until every worker must serve the new version: an answer stored meanwhile
    (here, on another thread, half-way) is gone when it returns."""
    (tmp_path / "x").write_bytes(b"old")
    late = threading.Timer(SWITCH_S / 2, (tmp_path / "y").write_bytes, [b"old, made late"])
    late.start()
    started = time.monotonic()
    assert empty_after_reseed(tmp_path, committed=started) == 2
    assert time.monotonic() - started >= SWITCH_S
    assert list(tmp_path.iterdir()) == []
