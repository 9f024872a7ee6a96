"""A bounded ASGI-level cache of whole answers, outside CORS, gzip and the routes: a hit
pays for none of them.

The data only changes by re-seeding, so an answer is a function of the dataset version,
the path, the query string, whether the client takes gzip, what CORS makes of its
Origin (the CORS headers are stored with the answer) and the format its Accept header
asks for. A hit is sent straight from
memory; the app's 304 to a matching If-None-Match is stored as an answer of its own,
beside the 200, so that clients that only revalidate are answered from memory too, with
the very headers the app gives. The key holds the version, and the whole cache is
dropped the moment a new one is seen, so no answer from an older version is ever
served. Memory is bounded in bytes, keys included, whatever the mix of requests.

An answer is stored the second time its key is asked for, not the first (the
doorkeeper): a stream of one-off queries (a crawler, a cache-buster) then neither pays
for storing answers that nobody asks for again nor evicts the ones that are.
"""

import sys
from collections import OrderedDict
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.answers import holds_etag
from api.cors_gzip import takes_gzip
from api.data.snapshots import Snapshots
from api.errors import ApiProblem, RawHeaders
from api.query.params import Format, ParseMemos, format_from_accept

UNCACHED_PATHS = ("/healthz", "/readyz")
# One flag per slot, a key marking the two slots its hash points at: 1 MiB. Cleared
# once an eighth of the slots are marked (about 65,000 keys), so that a first sight is
# taken for a second one at most once in 64 (both slots marked by other keys).
DOORKEEPER_SLOTS = 1 << 20
# The dataset version, the path, the query string, gzip or not, the CORS outcome (the
# Origin itself when it is allowed by name, as its headers name it, else whether any
# Origin was sent: the headers then do not depend on which), and the format `Accept`
# asks for (a collection answers CSV to `Accept: text/csv`).
Key = tuple[str, str, bytes, bool, bytes | bool, Format]
# Bytes a stored entry costs besides its body, headers and key: the objects around them.
ENTRY_OVERHEAD = 400


class Doorkeeper:
    """Remembers, approximately, which keys were asked for since it was last cleared."""

    def __init__(self, slots: int = DOORKEEPER_SLOTS) -> None:
        self.mask = slots - 1
        self.flags = bytearray(slots)
        self.marked = 0

    def seen_before(self, key: object) -> bool:
        """Whether `key` was seen already; from now on it has been."""
        digest = hash(key)
        flags, mask = self.flags, self.mask
        first, second = digest & mask, (digest >> 32) & mask
        unmarked = 2 - flags[first] - flags[second]
        if not unmarked:
            return True
        flags[first] = flags[second] = 1
        self.marked += unmarked if first != second else 1
        if self.marked > len(flags) // 8:
            self.clear()
        return False

    def clear(self) -> None:
        self.flags = bytearray(len(self.flags))
        self.marked = 0


@dataclass(frozen=True)
class Entry:
    status: int  # 200, or 304: the app's answer to a request that held its ETag
    headers: RawHeaders
    body: bytes
    etag: bytes
    key_size: int

    @property
    def size(self) -> int:
        headers = sum(len(k) + len(v) + 100 for k, v in self.headers)
        return len(self.body) + headers + self.key_size + ENTRY_OVERHEAD


class ResponseCache:
    def __init__(
        self,
        app: ASGIApp,
        *,
        snapshots: Snapshots,
        allowed_origins: set[bytes],
        max_bytes: int,
        max_body: int,
        parse_memos: ParseMemos,
    ) -> None:
        self.app = app
        self.snapshots = snapshots
        self.allowed_origins = allowed_origins
        self.max_bytes = max_bytes
        self.max_body = max_body
        self.parse_memos = parse_memos
        self.entries: OrderedDict[tuple[Key, int], Entry] = OrderedDict()
        self.doorkeeper = Doorkeeper()
        self.size = 0
        self.version = ""
        self.hits = 0
        self.misses = 0

    def clear(self) -> None:
        self.entries.clear()
        self.size = 0
        self.doorkeeper.clear()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        try:
            version = (await self.snapshots.current(scope)).stamp
        except ApiProblem:  # the app answers 503 itself
            await self.app(scope, receive, send)
            return
        if version != self.version:
            self.clear()
            self.version = version
        key, if_none_match = self._key(scope, version)
        entry = self._answer_to(key, if_none_match)
        if entry is not None:
            self.hits += 1
            await send(
                {"type": "http.response.start", "status": entry.status, "headers": entry.headers}
            )
            await send({"type": "http.response.body", "body": entry.body})
            return
        self.misses += 1
        # A 304 is kept beside its 200 (the app's own, headers and all): clients that
        # only revalidate are then answered from here too, though the 200 is gone.
        if (
            self.doorkeeper.seen_before(key)
            or (key, 200) in self.entries
            or (key, 304) in self.entries
        ):
            send = self._recorder(key, send)
        await self.app(scope, receive, send)

    def _cacheable(self, scope: Scope) -> bool:
        return (
            scope["type"] == "http"
            and scope["method"] == "GET"
            and self.max_bytes != 0
            and scope["path"] not in UNCACHED_PATHS
        )

    def _key(self, scope: Scope, version: str) -> tuple[Key, bytes | None]:
        """The request's key, and its If-None-Match."""
        origin: bytes | None = None
        if_none_match: bytes | None = None
        accept: bytes | None = None
        for name, value in scope["headers"]:  # the first of each, as the app reads them
            if name == b"accept":
                accept = value if accept is None else accept
            elif name == b"if-none-match":
                if_none_match = value if if_none_match is None else if_none_match
            elif name == b"origin":
                origin = value if origin is None else origin
        gzip_ok = takes_gzip(scope["headers"])
        cors: bytes | bool = origin if origin in self.allowed_origins else origin is not None
        fmt = (
            Format.json
            if accept is None
            else format_from_accept(accept.decode("latin-1"), self.parse_memos)
        )
        return (version, scope["path"], scope["query_string"], gzip_ok, cors, fmt), if_none_match

    def _answer_to(self, key: Key, if_none_match: bytes | None) -> Entry | None:
        """The stored answer to a request with this key and If-None-Match, if any."""
        full = self.entries.get((key, 200))
        if if_none_match is None:
            found = full
        elif full is not None and not holds_etag(if_none_match, full.etag):
            found = full  # the client holds another version of it
        else:
            found = self.entries.get((key, 304))
            if found is not None and not holds_etag(if_none_match, found.etag):
                found = None
        if found is not None:
            self.entries.move_to_end((key, found.status))
        return found

    def _recorder(self, key: Key, send: Send) -> Send:
        cors = key[4]
        state: dict[str, object] = {"start": None, "chunks": [], "store": False}

        async def record(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                etag = next((v for k, v in headers if k == b"etag"), b"")
                state["store"] = message["status"] in (200, 304) and bool(etag)
                state["start"] = (message["status"], headers, etag)
            elif message["type"] == "http.response.body" and state["store"]:
                chunks = state["chunks"]
                assert isinstance(chunks, list)
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):
                    state["store"] = False  # a stream (an export): not kept
                else:
                    start = state["start"]
                    assert isinstance(start, tuple)
                    status, headers, etag = start
                    # The objects' own sizes: a path with one character past Latin-1
                    # holds 2 or 4 bytes for each of its characters.
                    key_size = sum(map(sys.getsizeof, (key[1], key[2], cors)))
                    body = b"".join(chunks)
                    self._store(key, Entry(status, headers, body, etag, key_size))
            await send(message)

        return record

    def _store(self, key: Key, entry: Entry) -> None:
        if len(entry.body) > self.max_body or entry.size > self.max_bytes:
            return
        if key[0] != self.version:  # the version changed while this answer was computed
            return
        replaced = self.entries.pop((key, entry.status), None)
        if replaced is not None:
            self.size -= replaced.size
        self.entries[(key, entry.status)] = entry
        self.size += entry.size
        while self.size > self.max_bytes:
            _, evicted = self.entries.popitem(last=False)
            self.size -= evicted.size
