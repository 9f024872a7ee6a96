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
