"""How many exports a worker streams at once: a bounded number, admitted before the answer
starts; past it, a 503 with Retry-After before any byte of a body.

An admitted export holds its slot until its answer has been sent, however that ends: read
to the end, broken off by an error, dropped with its client, or never sent at all (a
304); and, should its answer never be sent, until its body is collected.
"""

import threading
import weakref
from collections.abc import Iterator
from contextlib import suppress

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from api.errors import Unavailable


class ExportSlots:
    """At most `size` exports of this worker at once. Taken on the event loop, given back
    wherever a body ends (a worker thread, the collector): hence the lock."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.taken = 0
        self.lock = threading.Lock()

    def admit(self) -> "AdmittedBody":
        """A slot, as the body of an export (its chunks given once they can be made); a
        503 problem when every slot is taken."""
        with self.lock:
            if self.taken >= self.size:
                raise Unavailable(
                    f"This server streams at most {self.size} exports at once, and all "
                    "are under way; try again shortly."
                )
            self.taken += 1
        return AdmittedBody(self)

    def release(self) -> None:
        with self.lock:
            self.taken -= 1


class AdmittedBody(Iterator[bytes]):
    """An export's body that gives its slot back once: when it is closed (its answer sent,
    AdmittedResponse; an HTTP/1.0 answer is read whole first, and holds the slot while
    it is sent), or when it is collected unsent."""

    def __init__(self, slots: ExportSlots) -> None:
        self.chunks: Iterator[bytes] = iter(())
        self.released = weakref.finalize(self, slots.release)

    def of(self, chunks: Iterator[bytes]) -> "AdmittedBody":
        """This admitted body, made of `chunks`."""
        self.chunks = chunks
        return self

    def __iter__(self) -> "AdmittedBody":
        return self

    def __next__(self) -> bytes:
        return next(self.chunks)

    def close(self) -> None:
        self.released()  # a finalizer runs at most once
        close = getattr(self.chunks, "close", None)
        if close is not None:
            # ValueError: a worker thread is reading its next batch, and it ends there.
            with suppress(ValueError):
                close()


class AdmittedResponse(Response):
    """An export's answer (`response`, streamed or whole) that gives its slot back as soon
    as its sending ends, however it ends: a client that goes away cancels the sending,
    and what refers to the body then may outlive the request until a collection."""

    def __init__(self, response: Response, body: AdmittedBody) -> None:
        self.response = response
        self.admitted = body
        self.status_code = response.status_code
        self.raw_headers = response.raw_headers
        self.background = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.response(scope, receive, send)
        finally:
            self.admitted.close()
        if self.background is not None:  # tasks FastAPI gave the answer, if any
            await self.background()
