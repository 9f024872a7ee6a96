"""`circle serve`'s HTTP protocol: uvicorn's httptools protocol with the limits it lacks on
what a client may make a worker hold.

THE ONE EXCEPTION to "public APIs only": this module extends
`uvicorn.protocols.http.httptools_impl.HttpToolsProtocol`, calling `super()` in each
method it extends and overriding no private method. It reads the protocol's `parser`,
`cycle` (`response_complete`, `keep_alive`), `loop`, `transport`, `timeout_keep_alive`,
`timeout_keep_alive_task` and `timeout_keep_alive_handler`, and the module's
STATUS_LINE table; tests/system/test_server_limits.py checks each over a real socket.
Its limits come from the Settings `circle serve` is started with (server/serving.py
passes them in), never from the environment. It counts the requests under way (from
the end of a head to the end of its answer, `on_response_complete`) for the transport
it hands uvicorn, server/write_batches.py's, which holds a connection's writes to the
end of the turn while others are under way.

Refusals are problem+json like every other error, then the connection is closed:

- a URL longer than max_url_length: 414; header fields past max_header_bytes in all, or
  more than max_headers of them: 431. Counted as the parser reports them, and for a field
  still arriving, as the bytes received since the head began: httptools gathers a field's
  name and value before reporting it, so that count is what bounds its buffer.
- a head that has not arrived header_timeout_s after its first byte: 408.
- a connection with no request on it for keepalive_timeout_s from when it opens (uvicorn
  only times the wait after an answer): closed.
- a request body still arriving when the answer is complete (no route reads one): the
  connection is closed rather than kept reading it.
- bytes that are not HTTP/1.1: 400 (uvicorn answers those in text/plain); a
  Transfer-Encoding other than chunked (`xchunked`, `gzip, chunked`): 400. Behind an
  answer under way (garbage pipelined after a request), the answers under way are sent
  first, then the connection closes: nothing is logged as answered that was not sent.
- when the server stops (SIGTERM), a connection with no request in progress gets
  SHUTDOWN_GRACE_S for one to arrive, which is answered, then the connection closes
  (uvicorn closes it at once, so a connection just accepted would go unanswered).
- a client that reads nothing of its answer for send_timeout_s: dropped (aborted, its
  unsent bytes freed). And the unsent bytes of all of a server's connections together
  stay under stalled_write_bytes: past it, the longest-stalled connection is dropped.
  Writing pauses as soon as the kernel refuses a byte (a high-water mark of 0), so
  every connection holding unsent bytes is counted (WriteStalls). A dropped connection
  is reset, so that the kernel frees what it holds for that client too.
"""

import asyncio
import socket
import struct
from asyncio import TimerHandle
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

import httptools
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from api.errors import header_lines, render_problem
from api.settings import Settings
from server.write_batches import BatchedTransport, UnderWay

# SO_LINGER on, with a time of 0: closing the socket resets the connection.
RESET_ON_CLOSE = struct.pack("ii", 1, 0)
# The request line's method, version and spaces, on top of its URL.
REQUEST_LINE_SLACK = 64
# How long a connection idle when the server stops may take to send a request.
SHUTDOWN_GRACE_S = 1.0
NOT_HTTP = "The request is not valid HTTP/1.1."
BAD_TRANSFER_ENCODING = "The request's Transfer-Encoding is not chunked, the one this server reads."


@dataclass(frozen=True)
class Limits:
    max_url_bytes: int
    max_header_bytes: int
    max_headers: int
    header_timeout_s: float
    keepalive_timeout_s: float
    send_timeout_s: float
    stalled_write_bytes: int

    @classmethod
    def of(cls, settings: Settings) -> "Limits":
        return cls(
            max_url_bytes=settings.max_url_length,
            max_header_bytes=settings.max_header_bytes,
            max_headers=settings.max_headers,
            header_timeout_s=settings.header_timeout_s,
            keepalive_timeout_s=settings.keepalive_timeout_s,
            send_timeout_s=settings.send_timeout_s,
            stalled_write_bytes=settings.stalled_write_bytes,
        )


class WriteStalls:
    """The connections of one server whose clients are not reading what they were sent,
    oldest stall first, and the bytes they hold unsent (as they were when writing
    paused: uvicorn writes nothing more to a paused connection, so that is the most each
    holds until it resumes). server/serving.py makes one per server and passes it to
    each connection's protocol, as it does the limits."""

    def __init__(self, ceiling: int) -> None:
        self.ceiling = ceiling  # stalled_write_bytes
        self.stalled: dict[LimitedHttpToolsProtocol, int] = {}
        self.total = 0

    def paused(self, protocol: "LimitedHttpToolsProtocol", unsent: int) -> None:
        self.resumed(protocol)
        self.stalled[protocol] = unsent
        self.total += unsent
        while self.total > self.ceiling and self.stalled:
            self.drop(next(iter(self.stalled)))

    def resumed(self, protocol: "LimitedHttpToolsProtocol") -> None:
        self.total -= self.stalled.pop(protocol, 0)

    def drop(self, protocol: "LimitedHttpToolsProtocol") -> None:
        self.resumed(protocol)
        protocol.drop_stalled()


class Refused(Exception):
    """Raised from a parser callback to stop parsing: the head breaks a limit."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


class LimitedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol under the limits of the module docstring; `limits`
    and the server's `stalls` are passed in by server/serving.py (functools.partial)
    with uvicorn's own arguments."""

    def __init__(
        self,
        *args: Any,
        limits: Limits,
        stalls: WriteStalls,
        under_way: UnderWay,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.limits = limits
        self.timeout_keep_alive = limits.keepalive_timeout_s  # type: ignore[assignment]
        self.head_timer: TimerHandle | None = None
        self.in_head = False  # between a request's first byte and the end of its head
        self.head_ended = False  # a head ended in the chunk being parsed
        self.head_began = False  # a head began in the chunk being parsed
        self.head_received = 0  # bytes received since the head being read began
        self.url_bytes = 0
        self.header_bytes = 0
        self.header_count = 0
        self.stopping = False  # the server stops: each request is the connection's last
        self.stalls = stalls
        self.stall_timer: TimerHandle | None = None
        self.under_way = under_way
        self.under_way_here = 0  # of `under_way`, this connection's requests

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(BatchedTransport(transport, self.loop, self.under_way))
        # asyncio sets TCP_NODELAY only on sockets made with IPPROTO_TCP, which uvicorn's
        # own socket for several workers is not; with Nagle on, every keep-alive answer
        # after the first waits ~40 ms for the client's delayed ACK.
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        # Paused as soon as a byte waits: every connection with unsent bytes is known.
        transport.set_write_buffer_limits(high=0)
        self.timeout_keep_alive_task = self.loop.call_later(
            self.timeout_keep_alive, self.timeout_keep_alive_handler
        )

    def connection_lost(self, exc: Exception | None) -> None:
        self.under_way.count -= self.under_way_here
        self.under_way_here = 0
        self._stop_stall_timer()
        self.stalls.resumed(self)
        self._stop_head_timer()
        if self.timeout_keep_alive_task is not None:
            self.timeout_keep_alive_task.cancel()
            self.timeout_keep_alive_task = None
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.timeout_keep_alive_task is not None:
            self.timeout_keep_alive_task.cancel()
            self.timeout_keep_alive_task = None
        idle = self.cycle is None or self.cycle.response_complete
        self.head_ended = self.head_began = False
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserCallbackError as exc:
            refused = exc.__context__
            if isinstance(refused, Refused):
                self._refuse(refused.status, refused.detail)
            else:  # uvicorn's own callbacks refuse a head too (a path that is not ASCII)
                self._refuse(400, NOT_HTTP)
            return
        except httptools.HttpParserError:
            self._refuse(400, NOT_HTTP)
            return
        except httptools.HttpParserUpgrade:
            # An upgrade (WebSocket) is served as the plain request it also is, which the
            # app refuses; nothing after it on the connection is read.
            self.transport.pause_reading()
            return
        # The head clock runs only for a head that is still arriving when the chunk is
        # parsed (a head that arrives whole never needs it), and for bytes that arrive
        # with no request in progress and begin none (blank lines the parser skips).
        if self.head_timer is None and (
            self.in_head or (idle and not self.head_began and not self.head_ended)
        ):
            self.head_timer = self.loop.call_later(
                self.limits.header_timeout_s, self._head_timed_out
            )
        if self.in_head:
            if self.head_ended:  # the head being read began after one that ended here
                self.head_received = len(data) - (data.rfind(b"\r\n\r\n") + 4)
            elif self.head_began:
                self.head_received = len(data)
            else:
                self.head_received += len(data)
            most = self.limits.max_url_bytes + self.limits.max_header_bytes + REQUEST_LINE_SLACK
            if self.head_received > most:
                self._refuse(431, f"The request's head is longer than {most} bytes.")

    def shutdown(self) -> None:
        self.stopping = True
        if self.cycle is not None and not self.cycle.response_complete:
            super().shutdown()  # the answer under way is the last
        elif not self.in_head:
            # Perhaps just accepted, its request on the way: a moment to send it.
            self.loop.call_later(SHUTDOWN_GRACE_S, self._close_if_idle)
        # A head still arriving is answered once it has (or refused by its clock).

    # Clients that stop reading

    def pause_writing(self) -> None:
        super().pause_writing()
        if self.stall_timer is None:
            self.stall_timer = self.loop.call_later(self.limits.send_timeout_s, self.drop_stalled)
        self.stalls.paused(self, self.transport.get_write_buffer_size())

    def resume_writing(self) -> None:
        super().resume_writing()
        self._stop_stall_timer()
        self.stalls.resumed(self)

    def drop_stalled(self) -> None:
        """The client read nothing for send_timeout_s, or stalls the longest while the
        server's unsent bytes are past their ceiling: the connection is aborted, its
        unsent bytes dropped (a close would wait to send them)."""
        self._stop_stall_timer()
        self.stalls.resumed(self)
        connection = self.transport.get_extra_info("socket")
        if connection is not None:
            # Reset, not closed: the kernel drops what it still holds for the client too,
            # rather than keep it, and retry it, until the client reads or times out.
            with suppress(OSError):
                connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, RESET_ON_CLOSE)
        self.transport.abort()

    def _stop_stall_timer(self) -> None:
        if self.stall_timer is not None:
            self.stall_timer.cancel()
            self.stall_timer = None

    # Parser callbacks

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self.in_head = self.head_began = True
        self.url_bytes = self.header_bytes = self.header_count = 0

    def on_url(self, url: bytes) -> None:
        self.url_bytes += len(url)
        if self.url_bytes > self.limits.max_url_bytes:
            raise Refused(414, f"The URL is longer than {self.limits.max_url_bytes} bytes.")
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self.header_count += 1
        self.header_bytes += len(name) + len(value) + 4  # ": " and CRLF
        if self.header_count > self.limits.max_headers:
            raise Refused(431, f"The request has more than {self.limits.max_headers} headers.")
        if self.header_bytes > self.limits.max_header_bytes:
            most = self.limits.max_header_bytes
            raise Refused(431, f"The request's headers are longer than {most} bytes.")
        if name.lower() == b"transfer-encoding" and value.strip().lower() != b"chunked":
            # httptools reads a body of any other coding as if it had none, and frames
            # the next request from the middle of it.
            raise Refused(400, BAD_TRANSFER_ENCODING)
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self.under_way_here += 1
        self.under_way.count += 1
        self.in_head = False
        self.head_ended = True
        self._stop_head_timer()
        super().on_headers_complete()
        if self.stopping and self.cycle is not None:
            self.cycle.keep_alive = False

    def on_body(self, body: bytes) -> None:
        if self.cycle is not None and self.cycle.response_complete:
            self.transport.close()  # a body no route reads is not read on and on
            return
        super().on_body(body)

    def on_response_complete(self) -> None:
        if self.under_way_here:
            self.under_way_here -= 1
            self.under_way.count -= 1
        super().on_response_complete()

    # Refusals

    def send_400_response(self, msg: str) -> None:
        self._refuse(400, NOT_HTTP)

    def _head_timed_out(self) -> None:
        self.head_timer = None
        if self.in_head:
            most = self.limits.header_timeout_s
            self._refuse(408, f"The request's head took longer than {most} s to arrive.")
        elif not self.transport.is_closing():
            self.transport.close()

    def _close_if_idle(self) -> None:
        idle = self.cycle is None or self.cycle.response_complete
        if idle and not self.in_head and not self.transport.is_closing():
            self.transport.close()

    def _refuse(self, status: int, detail: str) -> None:
        """Answer `status` as a problem and close. Behind an answer under way (the refused
        bytes follow a request being answered), that answer and those queued before the
        refused bytes are sent first, then the connection closes."""
        self._stop_head_timer()
        if self.transport.is_closing():
            return
        if self.cycle is None or self.cycle.response_complete:
            headers, body = render_problem(status, detail)
            head = STATUS_LINE[status] + header_lines(headers)
            tail = b"x-content-type-options: nosniff\r\nconnection: close\r\n\r\n"
            self.transport.write(head + tail + body)
            self.transport.close()
            return
        self.in_head = False
        self.cycle.keep_alive = False  # the last request parsed is the last answered
        self.transport.pause_reading()

    def _stop_head_timer(self) -> None:
        if self.head_timer is not None:
            self.head_timer.cancel()
            self.head_timer = None
