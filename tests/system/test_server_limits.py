"""`circle serve`'s protocol (server/protocol.py), over real sockets: header size and count
(431), URL (414), head time (408), idle connections (closed), bytes that are not HTTP and
an invalid Transfer-Encoding (400), a second Host (400), an upgrade (400), HTTP/1.0 (a
body it can read), garbage behind a request (the request answered, then closed, and
logged as sent), a stop (SIGTERM) that answers the connections it accepted, and a client
that reads nothing of its answers (reset after the send timeout, or at once past the
ceiling on unsent bytes). The limits touch no data: one SQLite database serves them all."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx
import orjson
import pytest

from api.settings import Settings
from tests.support import ROOT, free_port, live_server

LIMITS = {
    "CIRCLE_MAX_HEADER_BYTES": "4096",
    "CIRCLE_MAX_HEADERS": "30",
    "CIRCLE_HEADER_TIMEOUT_S": "1",
    "CIRCLE_KEEPALIVE_TIMEOUT_S": "1",
    "CIRCLE_MAX_URL_LENGTH": "2048",
}
# How long a test waits for the server to act on a one-second limit before failing.
PATIENCE_S = 15


@pytest.fixture(scope="module")
def server(
    sqlite_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, int]]:
    log = tmp_path_factory.mktemp("limits") / "serve.log"
    url = f"sqlite:///{sqlite_settings.sqlite_path}"
    with live_server(url, log, env=LIMITS) as base:
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


def problem(received: bytes) -> tuple[int, dict[bytes, bytes], dict[str, object]]:
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


def test_answers_to_many_connections_at_once_are_whole_and_in_order(
    sqlite_settings: Settings, tmp_path: Path
) -> None:
    # Many requests under way at once: each connection's writes go out together at the
    # end of a turn (server/write_batches.py), and every answer arrives whole, in order,
    # on connections kept open far longer than the client waits: no answer waits for
    # the connection to close to be sent.
    url = f"sqlite:///{sqlite_settings.sqlite_path}"
    env = {"CIRCLE_KEEPALIVE_TIMEOUT_S": str(PATIENCE_S * 4)}
    with live_server(url, tmp_path / "serve.log", env=env) as base:
        host, port = base.removeprefix("http://").split(":")
        answered, alone = _many_at_once((host, int(port)))
    assert answered == [alone] * 16


def _many_at_once(server: tuple[str, int]) -> tuple[list[list[object]], list[object]]:
    """Five pipelined pages on each of 16 connections at once: each connection's answers,
    and the pages as answered alone."""
    pages = [f"/v1/figures?limit={n}" for n in range(1, 6)]
    alone = [httpx.get(f"http://{server[0]}:{server[1]}{page}").json() for page in pages]
    start = threading.Barrier(16)

    def one_client(_client: int) -> list[object]:
        bodies: list[object] = []
        with socket.create_connection(server, timeout=PATIENCE_S) as conn:
            start.wait()
            conn.sendall(b"".join(request(page) for page in pages))
            received = b""
            while len(bodies) < len(pages):
                chunk = conn.recv(65536)
                assert chunk, "the server closed the connection"
                received += chunk
                while b"\r\n\r\n" in received:
                    head, _, rest = received.partition(b"\r\n\r\n")
                    assert head.startswith(b"HTTP/1.1 200 OK\r\n"), head[:200]
                    length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
                    if len(rest) < length:
                        break
                    bodies.append(orjson.loads(rest[:length]))
                    received = rest[length:]
        return bodies

    with ThreadPoolExecutor(16) as pool:
        return list(pool.map(one_client, range(16))), alone


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


NOT_CHUNKED = "The request's Transfer-Encoding is not chunked, the one this server reads."


@pytest.mark.parametrize(
    ("coding", "detail"),
    [
        (b"xchunked", NOT_CHUNKED),
        (b"gzip, chunked", NOT_CHUNKED),
        (b"identity", NOT_CHUNKED),
        (b"chunked, identity", "The request is not valid HTTP/1.1."),  # httptools' own
    ],
)
@pytest.mark.parametrize("method", [b"GET", b"POST"])
def test_a_transfer_encoding_other_than_chunked_is_a_400_problem(
    server: tuple[str, int], coding: bytes, detail: str, method: bytes
) -> None:
    head = method + b" /healthz HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: " + coding
    received, _ = exchange(server, head + b"\r\n\r\n0\r\n\r\n")
    assert_problem(received, 400, detail)


def test_a_second_host_header_is_a_400_problem(server: tuple[str, int]) -> None:
    received, _ = exchange(server, b"GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")
    status, headers, body = problem(received)
    assert (status, headers[b"content-type"]) == (400, b"application/problem+json")
    assert body == {
        "type": "/problems/bad-request",
        "title": "Bad request",
        "status": 400,
        "detail": "The request has more than one Host header.",
    }


@contextmanager
def own_server(sqlite: Path, log: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """A `circle serve` of the test's own, its access log on (to `log`): the process, for
    signals, and its port."""
    port = free_port()
    command = [sys.executable, "-m", "cli.circle", "serve", "--port", str(port)]
    command += ["--database-url", f"sqlite:///{sqlite}"]
    env = {**os.environ, **LIMITS, "CIRCLE_ACCESS_LOG": "true"}
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 30
            while not log.read_bytes().count(b"\n") or not answers(port):
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.1)
            yield process, port
        finally:
            process.terminate()
            process.wait(timeout=PATIENCE_S)


def answers(port: int) -> bool:
    with suppress(httpx.TransportError):
        return httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200
    return False


def logged(log: Path, path: str) -> list[dict[str, object]]:
    lines = [orjson.loads(line) for line in log.read_bytes().splitlines() if line.startswith(b"{")]
    return [line for line in lines if line["path"] == path]


def test_garbage_behind_a_request_gets_the_request_answered_and_logged_as_sent(
    sqlite_settings: Settings, tmp_path: Path
) -> None:
    log = tmp_path / "serve.log"
    assert sqlite_settings.sqlite_path is not None
    with own_server(sqlite_settings.sqlite_path, log) as (_, port):
        # One write: the request's answer is under way when the garbage is parsed.
        head = b"GET /v1/figures?value__gte=-7 HTTP/1.1\r\nHost: t\r\n\r\n"
        received, _ = exchange(("127.0.0.1", port), head + b"\x00garbage\r\n\r\n")
        time.sleep(0.5)  # the log is written off the event loop
        lines = logged(log, "/v1/figures")
    head_part, _, body = received.partition(b"\r\n\r\n")
    assert head_part.startswith(b"HTTP/1.1 200 OK\r\n")
    length = int(
        next(line for line in head_part.split(b"\r\n") if line.startswith(b"content-length")).split(
            b": "
        )[1]
    )
    assert len(body) == length  # whole, then closed
    assert orjson.loads(body)["items"]
    assert [(line["status"], line["bytes"]) for line in lines] == [(200, length)]


def test_a_stop_answers_the_connections_it_accepted(
    sqlite_settings: Settings, tmp_path: Path
) -> None:
    """SIGTERM: new connections are refused at once; the connections accepted before it
    are answered (each its request, then closed), though their requests come after it."""
    assert sqlite_settings.sqlite_path is not None
    with own_server(sqlite_settings.sqlite_path, tmp_path / "serve.log") as (process, port):
        accepted = [
            socket.create_connection(("127.0.0.1", port), timeout=PATIENCE_S) for _ in range(15)
        ]
        time.sleep(0.5)  # accepted by the server
        process.send_signal(signal.SIGTERM)
        time.sleep(0.3)  # the server is stopping
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=PATIENCE_S).close()
        answered = []
        for conn in accepted:
            with conn:
                conn.sendall(request("/healthz"))
                received = b""
                while chunk := conn.recv(65536):
                    received += chunk
                answered.append(
                    received.startswith(b"HTTP/1.1 200 OK\r\n")
                    and received.endswith(b'{"status":"ok"}')
                )
        assert answered == [True] * 15
        # Stopped, not killed: uvicorn re-raises the signal once it has stopped cleanly.
        assert process.wait(timeout=PATIENCE_S) in (0, -signal.SIGTERM)


# Pipelined page requests, each answered with ~12 KB: megabytes more than the kernel's
# buffers hold for a client that reads nothing.
STALLING_PAGES = b"GET /v1/figures?limit=500 HTTP/1.1\r\nHost: t\r\n\r\n" * 1000


def established(conn: socket.socket) -> bool:
    """Whether the connection is still open, seen without reading from it: the state the
    kernel keeps for it (tcp_info's first byte; 1 is ESTABLISHED)."""
    return conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 8)[0] == 1


def reads_nothing(port: int) -> socket.socket:
    conn = socket.socket()
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    conn.connect(("127.0.0.1", port))
    conn.sendall(STALLING_PAGES)
    return conn


@pytest.mark.parametrize(
    "limits",
    [
        {"CIRCLE_SEND_TIMEOUT_S": "1"},
        # Any byte held unsent is past the ceiling: the stalled client goes at once.
        {"CIRCLE_SEND_TIMEOUT_S": "3600", "CIRCLE_STALLED_WRITE_BYTES": "1"},
    ],
    ids=["send-timeout", "stalled-bytes"],
)
def test_a_client_that_reads_nothing_is_reset(
    sqlite_settings: Settings, tmp_path: Path, limits: dict[str, str]
) -> None:
    url = f"sqlite:///{sqlite_settings.sqlite_path}"
    with live_server(url, tmp_path / "serve.log", env=limits) as base:
        port = int(base.rsplit(":", 1)[1])
        conn = reads_nothing(port)
        with conn:
            deadline = time.monotonic() + PATIENCE_S
            while established(conn):
                assert time.monotonic() < deadline, "the stalled client was kept"
                time.sleep(0.1)
        assert httpx.get(f"{base}/healthz").status_code == 200


def test_a_client_that_reads_its_answers_is_not_reset(
    sqlite_settings: Settings, tmp_path: Path
) -> None:
    url = f"sqlite:///{sqlite_settings.sqlite_path}"
    with live_server(url, tmp_path / "serve.log", env={"CIRCLE_SEND_TIMEOUT_S": "1"}) as base:
        port = int(base.rsplit(":", 1)[1])
        page = b"GET /v1/figures?limit=500 HTTP/1.1\r\nHost: t\r\n"
        asked = (page + b"\r\n") * 99 + page + b"Connection: close\r\n\r\n"
        received, _ = exchange(("127.0.0.1", port), asked)
    assert received.count(b"HTTP/1.1 200 OK\r\n") == 100


def test_the_limits_are_documented_settings() -> None:
    operations = (Path(__file__).resolve().parents[2] / "docs" / "operations.md").read_text()
    names = ("max_header_bytes", "max_headers", "header_timeout_s", "keepalive_timeout_s")
    for name in (*names, "send_timeout_s", "stalled_write_bytes"):
        assert f"`CIRCLE_{name.upper()}`" in operations, name
        assert Settings.model_fields[name].description
