"""`circle serve`'s HTTP protocol: uvicorn's httptools protocol, each answer in one write.

uvicorn writes a response's status line and headers when the app sends
`http.response.start`, and its body when it sends `http.response.body`: two send(2)
calls and two TCP segments for every answer. Here they go out together:

- while other requests are in flight, a connection's writes wait for the end of the
  event loop's turn. The loop then answers in a burst and reads the next requests in a
  batch;
- when the request is the only one in flight, there is nothing to batch with, and
  waiting for the end of the turn would only add latency: the write that follows the
  head goes out at once, with the head.

docs/design.md gives its measured effect and how to compare with it off.
"""

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import STATUS_LINE, RequestResponseCycle

from api.errors import header_lines
from api.fastpath.memory_answers import MemoryAnswers
from api.server_limits import LimitedHttpToolsProtocol

# Past this many bytes waiting, they go out at once: a large body is not held back.
FLUSH_AT = 64 * 1024


class JoinedWrites(asyncio.Transport):
    """A transport whose writes are joined: held until the end of the loop's turn, or
    until the next write when `in_flight` (the server's running requests) holds only
    the writer's own, or until FLUSH_AT bytes wait, or the transport closes."""

    def __init__(
        self,
        transport: asyncio.Transport,
        loop: asyncio.AbstractEventLoop,
        in_flight: set[asyncio.Task[None]],
    ) -> None:
        super().__init__()
        self.transport = transport
        self.loop = loop
        self.in_flight = in_flight
        self.waiting: list[bytes] = []
        self.size = 0

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not self.waiting:
            self.loop.call_soon(self.flush)
        self.waiting.append(bytes(data))
        self.size += len(data)
        if self.size >= FLUSH_AT or len(self.in_flight) <= 1 < len(self.waiting):
            self.flush()

    def flush(self) -> None:
        if self.waiting:
            parts = self.waiting
            self.waiting = []
            self.size = 0
            if not self.transport.is_closing():
                self.transport.writelines(parts)

    def close(self) -> None:
        self.flush()
        self.transport.close()

    def abort(self) -> None:
        self.waiting = []
        self.size = 0
        self.transport.abort()

    def is_closing(self) -> bool:
        return self.transport.is_closing()

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return self.transport.get_extra_info(name, default)

    def pause_reading(self) -> None:
        self.transport.pause_reading()

    def resume_reading(self) -> None:
        self.transport.resume_reading()

    def is_reading(self) -> bool:
        return self.transport.is_reading()

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:
        self.transport.set_protocol(protocol)

    def get_protocol(self) -> asyncio.BaseProtocol:
        return self.transport.get_protocol()

    def set_write_buffer_limits(self, high: int | None = None, low: int | None = None) -> None:
        self.transport.set_write_buffer_limits(high, low)

    def get_write_buffer_size(self) -> int:
        return self.size + self.transport.get_write_buffer_size()

    def write_whole(self, data: bytes) -> None:
        """A whole answer: after what waits, at once."""
        self.flush()
        if not self.transport.is_closing():
            self.transport.write(data)


# Headers that announce a request body: such a request is left to the ASGI path, which
# reads (or refuses) the body.
BODY_HEADERS = (b"content-length", b"transfer-encoding")


class OneWriteHttpToolsProtocol(LimitedHttpToolsProtocol):
    """The limited protocol (api/server_limits.py), its writes joined, and answers the
    response cache holds written as soon as the head is parsed (memory_answers.py)."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        loop = asyncio.get_running_loop()
        self.joined = JoinedWrites(transport, loop, self.tasks)
        self.memory: MemoryAnswers | None = getattr(self.app, "memory_answers", None)
        super().connection_made(self.joined)

    def _start_asgi_task(self, cycle: RequestResponseCycle, app: object) -> None:
        # uvicorn starts a request's task here, its scope complete. With nothing queued
        # behind it (so that answers stay in order and this never recurses through
        # on_response_complete), a stored answer is written instead, and the request
        # completed as its task would complete it. Not while the client does not read
        # what it was sent (writing paused): the ASGI path waits for it, and stops
        # reading the requests it pipelines meanwhile.
        if (
            self.memory is not None
            and app is self.app
            and cycle.keep_alive
            and not self.pipeline
            and not self.flow.write_paused
            and not any(name in BODY_HEADERS for name, _ in cycle.scope["headers"])
        ):
            found = self.memory.answer(cycle.scope)  # type: ignore[arg-type]
            if found is not None:
                status, rest = found
                head = STATUS_LINE[status] + header_lines(cycle.default_headers)
                self.joined.write_whole(head + rest)
                cycle.response_started = cycle.response_complete = True
                cycle.more_body = False
                self.on_response_complete()
                return
        super()._start_asgi_task(cycle, app)  # type: ignore[arg-type]
