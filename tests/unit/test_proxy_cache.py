"""Emptying a caching proxy's folder after a re-seed (cli/proxy_cache.py)."""

from pathlib import Path

from cli.proxy_cache import empty, empty_after_reseed


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


def test_after_a_reseed_the_folder_is_emptied_again_once_the_replicas_switched(
    tmp_path: Path,
) -> None:
    (tmp_path / "x").write_bytes(b"old")
    assert empty_after_reseed(tmp_path, settle_s=0.0) == 1
    assert list(tmp_path.iterdir()) == []
