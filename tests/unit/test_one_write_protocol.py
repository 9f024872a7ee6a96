"""`circle serve` writes each answer at once: a head with its body, the writes of one
turn of the event loop while other requests are in flight; and nothing is held back past
the turn, a large body or a close."""

import asyncio
import socket
from pathlib import Path

from api.fastpath.one_write_protocol import FLUSH_AT, JoinedWrites
from seed.loader import seed
from tests.support import SOURCES, live_server


class Recorded(asyncio.Transport):
    def __init__(self) -> None:
        super().__init__()
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: bytes | bytearray | memoryview) -> None:
        assert not self.closed, "written after close"
        self.writes.append(bytes(data))

    def close(self) -> None:
        self.closed = True

    def is_closing(self) -> bool:
        return self.closed

    def get_write_buffer_size(self) -> int:
        return 0


BUSY: set[asyncio.Task[None]] = {object(), object()}  # type: ignore[arg-type]


def test_while_others_are_in_flight_the_writes_of_one_turn_go_out_as_one() -> None:
    async def scenario() -> list[object]:
        recorded = Recorded()
        joined = JoinedWrites(recorded, asyncio.get_running_loop(), BUSY)
        joined.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n")
        joined.write(memoryview(b"{}"))
        seen: list[object] = [list(recorded.writes), joined.get_write_buffer_size()]
        await asyncio.sleep(0)  # the end of this turn
        seen.append(list(recorded.writes))
        joined.write(b"next")
        await asyncio.sleep(0)
        seen.append(list(recorded.writes))
        return seen

    assert asyncio.run(scenario()) == [
        [],
        40,
        [b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}"],
        [b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}", b"next"],
    ]


def test_alone_in_flight_the_head_goes_out_with_the_next_write() -> None:
    async def scenario() -> list[list[bytes]]:
        recorded = Recorded()
        alone: set[asyncio.Task[None]] = {asyncio.current_task()}  # type: ignore[arg-type]
        joined = JoinedWrites(recorded, asyncio.get_running_loop(), alone)
        joined.write(b"head")
        seen = [list(recorded.writes)]
        joined.write(b"body")  # at once, without waiting for the end of the turn
        seen.append(list(recorded.writes))
        joined.write(b"chunk")  # a lone write still waits for the turn's end
        seen.append(list(recorded.writes))
        await asyncio.sleep(0)
        seen.append(list(recorded.writes))
        return seen

    assert asyncio.run(scenario()) == [
        [],
        [b"headbody"],
        [b"headbody"],
        [b"headbody", b"chunk"],
    ]


def test_a_large_body_and_a_close_are_not_held_back() -> None:
    async def scenario() -> tuple[list[int], list[bytes], bool]:
        recorded = Recorded()
        joined = JoinedWrites(recorded, asyncio.get_running_loop(), BUSY)
        joined.write(b"head")
        joined.write(b"x" * FLUSH_AT)  # at once, with what waited before it
        sizes = [len(w) for w in recorded.writes]
        joined.write(b"last")
        joined.close()  # what waits goes out before the close
        closed_writes = list(recorded.writes[1:])
        joined.write(b"after the close")  # dropped, not an error
        await asyncio.sleep(0)
        return sizes, closed_writes + recorded.writes[2:], recorded.closed

    assert asyncio.run(scenario()) == ([4 + FLUSH_AT], [b"last"], True)


def test_a_live_server_answers_whole_through_joined_writes(tmp_path: Path) -> None:
    """Over a real socket: keep-alive answers, a HEAD, a 304 and a streamed export."""
    database = tmp_path / "circle.sqlite3"
    seed(f"sqlite:///{database}", SOURCES)
    with live_server(f"sqlite:///{database}", tmp_path / "server.log") as base:
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
