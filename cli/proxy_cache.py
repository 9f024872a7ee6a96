"""Emptying a caching proxy's folder after a re-seed.

deploy/nginx.conf keeps the API's answers in a folder for as long as their Cache-Control
allows; a re-seed makes them stale at once. nginx takes a missing file for a miss, so
removing the files is how the cache is emptied, with no nginx module or signal. The
folder is emptied from the commit on, every EVERY_S, until every replica's every worker
has switched to the new version (within SWITCH_S of the commit): an answer a worker still
on the old data made in that moment is not kept for longer than EVERY_S.
"""

import time
from pathlib import Path

# Every replica serves a committed version within this (tests/system/test_cluster.py).
SWITCH_S = 1.0
EVERY_S = 0.05


def empty(folder: Path) -> int:
    """Removes every file below `folder`, keeping the folders; the number removed."""
    removed = 0
    if not folder.is_dir():
        return removed
    for path in folder.rglob("*"):
        if path.is_file() or path.is_symlink():
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def empty_after_reseed(folder: Path, committed: float | None = None) -> int:
    """Empties `folder` from now until SWITCH_S after `committed` (a time.monotonic();
    default now), when every replica serves the new version; the number removed."""
    until = (time.monotonic() if committed is None else committed) + SWITCH_S + EVERY_S
    removed = empty(folder)
    while time.monotonic() < until:
        time.sleep(EVERY_S)
        removed += empty(folder)
    return removed
