"""Emptying a caching proxy's folder after a re-seed.

deploy/nginx.conf keeps the API's answers in a folder for as long as their Cache-Control
allows; a re-seed makes them stale at once. nginx takes a missing file for a miss, so
removing the files is how the cache is emptied, with no nginx module or signal. The
folder is emptied twice: at once, and again when every replica has switched to the new
version (within SWITCH_S of the commit), since an answer a replica made from the old
data in that moment could be kept after the first emptying.
"""

import time
from pathlib import Path

# Every replica serves a committed version within this (tests/system/test_cluster.py).
SWITCH_S = 1.0


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


def empty_after_reseed(folder: Path, settle_s: float = SWITCH_S) -> int:
    """Empties `folder` now and again once the replicas have switched."""
    removed = empty(folder)
    time.sleep(settle_s)
    return removed + empty(folder)
