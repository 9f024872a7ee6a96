"""Bounded memories of answers that never change: per question, and per document."""

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(Generic[K, V]):
    """Answers that never change (a dataset version's counts, compiled SQL, parsed
    parameters), remembered per question, at most `size` of them. When full it forgets
    them all: the questions asked often are soon remembered again, each at the cost of
    one answer.

    A plain dict without a lock: its get and set are atomic, so requests on worker
    threads (exports) may share it. Keeping the most recent in order (an LRU) cost a
    lock and a move on every lookup (docs/design.md, "Parsing once, cheaply")."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self.entries: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        return self.entries.get(key)

    def put(self, key: K, value: V) -> None:
        entries = self.entries
        if len(entries) >= self.size:
            entries.clear()
        entries[key] = value


class Documents:
    """One dataset version's rendered documents (JSON bytes) by key, up to `max_bytes`.

    A page chooses its rows by a statement, then fetches their JSON by key. First-time
    questions mostly page through the same records, so their JSON is kept here and the
    second statement is skipped when every document of the page is known. The oldest
    are dropped first. Lookups read `entries` directly, without a lock: a dict read is
    atomic, and a document never changes within a version.
    """

    # A bytes object's header and an OrderedDict node, roughly, on 64-bit CPython.
    ENTRY_OVERHEAD = 128

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.entries: OrderedDict[int, bytes] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def put(self, found: dict[int, bytes]) -> None:
        with self.lock:
            for key, doc in found.items():
                if key in self.entries:
                    continue
                self.entries[key] = doc
                self.size += len(doc) + self.ENTRY_OVERHEAD
            while self.size > self.max_bytes and self.entries:
                _, dropped = self.entries.popitem(last=False)
                self.size -= len(dropped) + self.ENTRY_OVERHEAD
