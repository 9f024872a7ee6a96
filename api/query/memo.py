"""A bounded, thread-safe memo: the most recent answers, per question."""

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(Generic[K, V]):
    """Answers that never change (a dataset version's counts, compiled SQL), remembered
    per question: the most recent `size` of them."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self.entries: OrderedDict[K, V] = OrderedDict()
        # Requests on worker threads share it (PostgreSQL): an entry evicted between a
        # lookup and its move to the end would otherwise raise.
        self.lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self.lock:
            value = self.entries.get(key)
            if value is not None:
                self.entries.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        with self.lock:
            self.entries[key] = value
            if len(self.entries) > self.size:
                self.entries.popitem(last=False)


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
