"""A small, bounded, in-memory store of answers by URL, for conditional requests: the
client sends the stored ETag in `If-None-Match` and, on `304`, reads the stored body."""

import threading
from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True)
class Cached:
    etag: str
    body: bytes


class ETagCache:
    """Least recently used first out; at most `max_entries` answers and `max_bytes` of
    bodies, none larger than `max_body`. Safe to share between threads."""

    def __init__(
        self, max_entries: int = 256, max_bytes: int = 16 << 20, max_body: int = 1 << 20
    ) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.max_body = max_body
        self._entries: OrderedDict[str, Cached] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> Cached | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: str, etag: str, body: bytes) -> None:
        if self.max_entries <= 0 or len(body) > min(self.max_body, self.max_bytes):
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._entries[key] = Cached(etag, body)
            self._bytes += len(body)
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped.body)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0
