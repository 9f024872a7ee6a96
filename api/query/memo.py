"""Bounded memories of answers that never change: per question, and per document."""

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


# The memos that share the memo_bytes setting, each an equal part: three of parsed
# parameters (api/query/params.py, ParseMemos), and four per dataset version (the
# engine's counts, its trigram choices, its slow statements, its compiled statements).
MEMOS = 7


def memo_share(memo_bytes: int) -> int:
    """The bytes each memo may hold, of the memo_bytes setting."""
    return memo_bytes // MEMOS


# What a memo's entry costs beyond its key and value, roughly, on 64-bit CPython: its
# slot in the dict's table and entries, and the dict growing by doubling.
ENTRY_OVERHEAD = 100
# Parts of a key or value the footprint reads: tuples (NamedTuples too) are opened, at
# most this deep; anything else counts as its own object alone.
FOOTPRINT_DEPTH = 3


def footprint(value: object, depth: int = FOOTPRINT_DEPTH) -> int:
    """About how many bytes `value` holds of its own: strings, bytes and numbers whole,
    tuples with their items. Objects shared with the rest of the app (a field's spec, a
    format) are counted as the pointer to them only, and so is what lies deeper than
    `depth`: the memos' keys and values are flat."""
    if isinstance(value, tuple):
        size = sys.getsizeof(value)
        if depth > 0:
            for item in value:  # not sum() over a generator: this weighs every new entry
                size += footprint(item, depth - 1)
        return size
    if isinstance(value, (str, bytes, int, float)):
        return sys.getsizeof(value)
    return 0


class Memo(Generic[K, V]):
    """Answers that never change (a dataset version's counts, compiled SQL, parsed
    parameters), remembered per question, in at most `max_bytes` (their keys, values and
    the dict's own, as `weigh` counts them). When full it forgets them all: the questions
    asked often are soon remembered again, each at the cost of one answer.

    A plain dict without a lock: its get and set are atomic, so requests on worker
    threads (exports) may share it, and the byte count is only ever too high (a clear
    racing a put), never too low. Keeping the most recent in order (an LRU) cost a lock
    and a move on every lookup (docs/design.md, "Parsing once, cheaply")."""

    def __init__(self, max_bytes: int, weigh: Callable[[K, V], int] | None = None) -> None:
        self.max_bytes = max_bytes
        self.weigh = weigh
        self.entries: dict[K, V] = {}
        self.size = 0

    def get(self, key: K) -> V | None:
        return self.entries.get(key)

    def put(self, key: K, value: V) -> None:
        if self.weigh is None:
            cost = footprint(key) + footprint(value) + ENTRY_OVERHEAD
        else:
            cost = self.weigh(key, value) + ENTRY_OVERHEAD
        if cost > self.max_bytes:
            return  # larger than the whole memo: never kept
        if self.size + cost > self.max_bytes:
            self.entries.clear()
            self.size = 0
        self.entries[key] = value
        self.size += cost


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
