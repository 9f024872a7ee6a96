"""`circle serve` over a real socket: whole answers through the one-write protocol."""

import socket
from pathlib import Path

from tests.support import live_server


def test_a_live_server_answers_whole_through_joined_writes(
    seeded_sqlite: Path, tmp_path: Path
) -> None:
    """Over a real socket: keep-alive answers, a HEAD, a 304 and a streamed export."""
    with live_server(f"sqlite:///{seeded_sqlite}", tmp_path / "server.log") as base:
        port = int(base.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
            stream = connection.makefile("rb")

            def ask(request: str) -> tuple[bytes, dict[bytes, bytes], bytes]:
                connection.sendall(request.encode() + b"\r\n")
                status = stream.readline().rstrip()
                headers: dict[bytes, bytes] = {}
                while line := stream.readline().rstrip():
                    name, _, value = line.partition(b": ")
                    headers[name.lower()] = value
                if request.startswith("HEAD") or status.endswith(b" 304 Not Modified"):
                    body = b""  # none, whatever Content-Length says
                elif b"content-length" in headers:
                    body = stream.read(int(headers[b"content-length"]))
                elif headers.get(b"transfer-encoding") == b"chunked":
                    body = b""
                    while size := int(stream.readline().strip(), 16):
                        body += stream.read(size)
                        stream.readline()
                    stream.readline()
                else:
                    body = b""
                return status, headers, body

            get = "GET /v1/projects?limit=2 HTTP/1.1\r\nHost: x\r\n"
            status, headers, body = ask(get)
            assert status == b"HTTP/1.1 200 OK"
            assert body.startswith(b'{"items":[')
            assert len(body) == int(headers[b"content-length"])
            again = ask(get)
            assert again[2] == body
            head = ask("HEAD /v1/projects?limit=2 HTTP/1.1\r\nHost: x\r\n")
            assert (head[0], head[1][b"etag"], head[2]) == (status, headers[b"etag"], b"")
            held = f"If-None-Match: {headers[b'etag'].decode()}\r\n"
            assert ask(get + held)[0] == b"HTTP/1.1 304 Not Modified"
            export = ask("GET /v1/figures?format=ndjson HTTP/1.1\r\nHost: x\r\n")
            assert export[0] == b"HTTP/1.1 200 OK"
            assert export[2].count(b"\n") == 9
            assert ask(get)[2] == body  # the connection still serves after a stream
