"""`circle serve`'s limits (api/server_limits.py), over real sockets, with the fast path on
and off: header size and count (431), URL (414), head time (408), idle connections
(closed), bytes that are not HTTP (400), an upgrade (400), HTTP/1.0 (a body it can read).
The limits touch no data: one SQLite database serves them all."""

import inspect
import socket
import time
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import httptools
import httpx
import orjson
import pytest
from uvicorn.protocols.http import httptools_impl

from api.server_limits import LimitedHttpToolsProtocol
from api.settings import Settings
from tests.support import live_server

LIMITS = {
    "CIRCLE_MAX_HEADER_BYTES": "4096",
    "CIRCLE_MAX_HEADERS": "30",
    "CIRCLE_HEADER_TIMEOUT_S": "1",
    "CIRCLE_KEEPALIVE_TIMEOUT_S": "1",
    "CIRCLE_MAX_URL_LENGTH": "2048",
}
# How long a test waits for the server to act on a one-second limit before failing.
PATIENCE_S = 15


@pytest.fixture(scope="module", params=["fast", "plain"])
def server(
    request: pytest.FixtureRequest,
    sqlite_settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, int]]:
    env = {**LIMITS, "CIRCLE_FAST_PATH": "true" if request.param == "fast" else "false"}
    log = tmp_path_factory.mktemp("limits") / "serve.log"
    url = f"sqlite:///{sqlite_settings.sqlite_path}"
    with live_server(url, log, env=env) as base:
        host, port = base.removeprefix("http://").split(":")
        yield host, int(port)


def exchange(server: tuple[str, int], data: bytes, pause: float = 0) -> tuple[bytes, float]:
    """Send `data` (nothing if empty), read until the server closes; what it sent and how
    long the connection lasted. Fails if the server keeps it open past PATIENCE_S."""
    started = time.monotonic()
    with socket.create_connection(server, timeout=PATIENCE_S) as conn:
        if data:
            # Refused before all of it was read: the answer is still there to read.
            with suppress(BrokenPipeError, ConnectionResetError):
                conn.sendall(data)
        received = b""
        while True:
            try:
                chunk = conn.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            received += chunk
    return received, time.monotonic() - started


def problem(received: bytes) -> tuple[int, dict[str, bytes], dict[str, object]]:
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *lines = head.split(b"\r\n")
    headers = dict(line.split(b": ", 1) for line in lines)
    return int(status_line.split()[1]), headers, orjson.loads(body)


def assert_problem(received: bytes, status: int, detail: str) -> None:
    got, headers, body = problem(received)
    assert got == status, received[:500]
    assert headers[b"content-type"] == b"application/problem+json"
    assert headers[b"connection"] == b"close"
    assert body["status"] == status
    assert body["detail"] == detail


def request(path: str = "/healthz", *headers: bytes) -> bytes:
    return b"GET " + path.encode() + b" HTTP/1.1\r\nHost: t\r\n" + b"".join(headers) + b"\r\n"


def test_headers_over_the_byte_limit_are_431(server: tuple[str, int]) -> None:
    many = [b"X-Filler-%d: %s\r\n" % (i, b"a" * 200) for i in range(25)]
    received, _ = exchange(server, request("/healthz", *many))
    assert_problem(received, 431, "The request's headers are longer than 4096 bytes.")


def test_more_headers_than_allowed_is_431(server: tuple[str, int]) -> None:
    many = [b"X-%d: 1\r\n" % i for i in range(40)]
    received, _ = exchange(server, request("/healthz", *many))
    assert_problem(received, 431, "The request has more than 30 headers.")


def test_one_endless_header_is_cut_off_with_431(server: tuple[str, int]) -> None:
    # 8 MB of one header value, never ended: refused once the head passes its bound,
    # not buffered until the client stops.
    start = b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: "
    received, _ = exchange(server, start + b"a" * 8_000_000)
    most = 2048 + 4096 + 64
    assert_problem(received, 431, f"The request's head is longer than {most} bytes.")


def test_a_url_over_the_limit_is_414_at_the_protocol(server: tuple[str, int]) -> None:
    received, _ = exchange(server, request("/v1/projects?q=" + "a" * 100_000))
    assert_problem(received, 414, "The URL is longer than 2048 bytes.")


def test_a_half_sent_head_is_408_and_closed(server: tuple[str, int]) -> None:
    received, lasted = exchange(server, b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Slow: ")
    assert_problem(received, 408, "The request's head took longer than 1.0 s to arrive.")
    assert lasted < PATIENCE_S


def test_a_head_sent_a_byte_at_a_time_is_cut_at_the_head_timeout(
    server: tuple[str, int],
) -> None:
    # Each byte arrives well within the idle limit: only the head's own clock stops it.
    with socket.create_connection(server, timeout=PATIENCE_S) as conn:
        started = time.monotonic()
        with suppress(BrokenPipeError, ConnectionResetError):
            for byte in b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Slow: aaaaaaaaaaaaaaaaaaaa":
                conn.send(bytes([byte]))
                time.sleep(0.2)
        received = conn.recv(65536)
        assert time.monotonic() - started < PATIENCE_S
    assert problem(received)[0] == 408


def test_a_connection_that_sends_nothing_is_closed(server: tuple[str, int]) -> None:
    received, lasted = exchange(server, b"")
    assert received == b""
    assert lasted < PATIENCE_S


def test_an_idle_connection_after_an_answer_is_closed(server: tuple[str, int]) -> None:
    received, _ = exchange(server, request("/healthz"))
    assert received.startswith(b"HTTP/1.1 200 OK\r\n")
    assert received.endswith(b'{"status":"ok"}')  # whole, then closed by the idle limit


def test_a_connection_in_use_outlives_the_idle_limit(server: tuple[str, int]) -> None:
    """Requests 0.4 s apart for 3 s, against an idle limit of 1 s: all answered on one
    connection, which then closes once idle."""
    with socket.create_connection(server, timeout=PATIENCE_S) as conn:
        answered = 0
        for _ in range(8):
            conn.sendall(request("/healthz"))
            received = b""
            while not received.endswith(b'{"status":"ok"}'):
                chunk = conn.recv(65536)
                assert chunk, f"closed after {answered} answers"
                received += chunk
            answered += 1
            time.sleep(0.4)
        started = time.monotonic()
        assert conn.recv(65536) == b""
        assert time.monotonic() - started < 1.5
    assert answered == 8


def test_blank_lines_alone_do_not_keep_a_connection(server: tuple[str, int]) -> None:
    with socket.create_connection(server, timeout=PATIENCE_S) as conn:
        started = time.monotonic()
        closed = False
        for _ in range(PATIENCE_S * 5):
            try:
                conn.send(b"\r\n")
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            time.sleep(0.2)
        assert closed
        assert time.monotonic() - started < PATIENCE_S


def test_pipelined_requests_are_all_answered(server: tuple[str, int]) -> None:
    # 11 KB in one write, past the head limit in all: each head is counted on its own.
    received, _ = exchange(server, request("/healthz") * 300)
    assert received.count(b"HTTP/1.1 200 OK\r\n") == 300


@pytest.mark.parametrize(
    "head",
    [b"\x00\x01 not http\r\n\r\n", b"GET /v1/\xff HTTP/1.1\r\nHost: t\r\n\r\n"],
)
def test_bytes_that_are_not_http_are_a_400_problem(server: tuple[str, int], head: bytes) -> None:
    received, _ = exchange(server, head)
    assert_problem(received, 400, "The request is not valid HTTP/1.1.")


def test_a_websocket_upgrade_is_refused_with_a_problem(server: tuple[str, int]) -> None:
    upgrade = request(
        "/v1/projects",
        b"Upgrade: websocket\r\n",
        b"Connection: Upgrade\r\n",
        b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n",
        b"Sec-WebSocket-Version: 13\r\n",
    )
    received, _ = exchange(server, upgrade + request("/healthz"))
    status, headers, body = problem(received)
    assert (status, headers[b"content-type"], headers[b"connection"]) == (
        400,
        b"application/problem+json",
        b"close",
    )
    assert body["detail"] == (
        "This API serves HTTP only; it upgrades to no other protocol (WebSocket)."
    )
    assert received.count(b"HTTP/1.1 ") == 1  # nothing after the upgrade is read


def test_http_1_0_gets_an_export_it_can_read(server: tuple[str, int]) -> None:
    received, _ = exchange(server, b"GET /v1/figures?format=ndjson HTTP/1.0\r\n\r\n")
    head, _, body = received.partition(b"\r\n\r\n")
    headers = dict(line.split(b": ", 1) for line in head.split(b"\r\n")[1:])
    assert b"transfer-encoding" not in headers
    assert int(headers[b"content-length"]) == len(body)
    lines = body.splitlines()
    assert len(lines) > 5
    assert all(orjson.loads(line)["id"] for line in lines)
    # The same bytes an HTTP/1.1 client is streamed, in chunks.
    streamed = httpx.get(f"http://{server[0]}:{server[1]}/v1/figures?format=ndjson")
    assert streamed.headers["transfer-encoding"] == "chunked"
    assert streamed.content == body


def test_the_uvicorn_names_the_limits_use_are_there() -> None:
    """api/fastpath/__init__.py lists these; an upgrade of uvicorn that drops or changes
    one fails here by name."""
    base = httptools_impl.HttpToolsProtocol
    for name in (
        "on_message_begin",
        "on_url",
        "on_header",
        "on_headers_complete",
        "data_received",
        "send_400_response",
        "on_response_complete",
        "connection_lost",
        "timeout_keep_alive_handler",
        "_unset_keepalive_if_required",
    ):
        assert callable(getattr(base, name, None)), name
    assert list(inspect.signature(base.on_header).parameters) == ["self", "name", "value"]
    assert list(inspect.signature(base.on_url).parameters) == ["self", "url"]
    init = inspect.getsource(base.__init__)
    for attribute in ("self.parser", "self.cycle", "self.flow", "self.loop", "self.transport"):
        assert attribute in init, attribute
    for attribute in ("self.timeout_keep_alive_task", "self.timeout_keep_alive ="):
        assert attribute in init, attribute
    cycle = inspect.getsource(httptools_impl.RequestResponseCycle.__init__)
    assert "self.response_complete" in cycle
    assert "self.more_body" in cycle
    assert httptools_impl.STATUS_LINE[431].startswith(b"HTTP/1.1 431 ")
    assert issubclass(httptools.HttpParserCallbackError, httptools.HttpParserError)
    assert issubclass(LimitedHttpToolsProtocol, base)


def test_the_limits_are_documented_settings() -> None:
    operations = (Path(__file__).resolve().parents[2] / "docs" / "operations.md").read_text()
    for name in ("max_header_bytes", "max_headers", "header_timeout_s", "keepalive_timeout_s"):
        assert f"`CIRCLE_{name.upper()}`" in operations, name
        assert Settings.model_fields[name].description
