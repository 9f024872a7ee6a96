"""Answers written together under load: while other requests are under way in the worker,
what a connection writes in one turn of the event loop goes out at the end of the turn,
in one call, instead of write by write.

uvicorn writes an answer's head and its body as two writes, each at once. Each write to
a client that waits on another CPU of the same host (wrk in `make bench`, nginx in the
cluster shape) wakes it: in a virtual machine, an interrupt to the other CPU, which took
most of each write's time (5.1% of a first-time page's samples, of 5.5% in `write`;
`perf record -e cpu-clock -g`). Written at the end of the turn, the answers of a turn
wake their readers once, not once a write. A lone request is written at once: held, it
would only wait for the next turn (docs/design.md, "Answers written together under
load").

Public asyncio API only: a Transport that holds writes, handed to uvicorn's protocol in
`connection_made` as the event loop hands it the socket's transport.
"""

import asyncio
from typing import Any

# Held bytes past which a connection's writes go out at once: a stream that writes much
# in one turn is neither held in memory nor kept from the transport's flow control.
MAX_HELD_BYTES = 64 * 1024


class UnderWay:
    """How many requests a worker has under way, each from the end of its head to the
    end of its answer. server/serving.py makes one per worker; each connection's
    protocol counts its own requests in and out."""

    def __init__(self) -> None:
        self.count = 0


class BatchedTransport(asyncio.Transport):
    """`transport`, its writes held to the end of the turn while the worker has another
    request under way (`under_way.count` above 1). Held writes go out in order, before
    any later one, and before the transport closes; an abort drops them with the rest."""

    def __init__(
        self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop, under_way: UnderWay
    ) -> None:
        super().__init__()
        self.transport = transport
        self.loop = loop
        self.under_way = under_way
        self.held: list[bytes] = []
        self.held_bytes = 0

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not self.held:
            if self.under_way.count <= 1:
                self.transport.write(data)
                return
            self.loop.call_soon(self.flush)
        self.held.append(bytes(data))
        self.held_bytes += len(data)
        if self.held_bytes > MAX_HELD_BYTES:
            self.flush()

    def writelines(self, list_of_data: Any) -> None:
        for data in list_of_data:
            self.write(data)

    def flush(self) -> None:
        """Writes what is held, in one call."""
        held, self.held, self.held_bytes = self.held, [], 0
        if held and not self.transport.is_closing():
            self.transport.writelines(held)

    def close(self) -> None:
        self.flush()
        self.transport.close()

    def abort(self) -> None:
        self.held, self.held_bytes = [], 0
        self.transport.abort()

    def write_eof(self) -> None:
        self.flush()
        self.transport.write_eof()

    def can_write_eof(self) -> bool:
        return self.transport.can_write_eof()

    def is_closing(self) -> bool:
        return self.transport.is_closing()

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return self.transport.get_extra_info(name, default)

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:
        self.transport.set_protocol(protocol)

    def get_protocol(self) -> asyncio.BaseProtocol:
        return self.transport.get_protocol()

    def is_reading(self) -> bool:
        return self.transport.is_reading()

    def pause_reading(self) -> None:
        self.transport.pause_reading()

    def resume_reading(self) -> None:
        self.transport.resume_reading()

    def set_write_buffer_limits(self, high: int | None = None, low: int | None = None) -> None:
        self.transport.set_write_buffer_limits(high, low)

    def get_write_buffer_limits(self) -> tuple[int, int]:
        return self.transport.get_write_buffer_limits()

    def get_write_buffer_size(self) -> int:
        """The transport's unsent bytes and those held."""
        return self.transport.get_write_buffer_size() + self.held_bytes
