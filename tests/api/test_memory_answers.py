"""Answers the response cache holds are written by the one-write protocol as soon as the
head is parsed, without an ASGI task (api/fastpath/memory_answers.py): byte for byte the
answer the ASGI path gives, in order behind a request still running, logged, and only
for what the ASGI path would have answered from the cache the same way."""

import asyncio
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
import uvicorn
from uvicorn.server import ServerState

from api.fastpath.one_write_protocol import OneWriteHttpToolsProtocol
from api.fastpath.serving import UVICORN_OPTIONS
from api.main import CircleApp, create_app
from api.settings import Settings
from tests.conftest import settings_for

GET = b"GET /v1/projects?limit=2 HTTP/1.1\r\nHost: x\r\nX-Request-ID: fixed\r\n\r\n"


class Wire(asyncio.Transport):
    """A connection's far end: what the server wrote, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.written = b""
        self.closed = False

    def write(self, data: bytes | bytearray | memoryview) -> None:
        self.written += bytes(data)

    def writelines(self, parts: Any) -> None:
        for part in parts:
            self.write(part)

    def close(self) -> None:
        self.closed = True

    def is_closing(self) -> bool:
        return self.closed

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"sockname": ("127.0.0.1", 8000), "peername": ("127.0.0.1", 50000)}.get(
            name, default
        )

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass

    def get_write_buffer_size(self) -> int:
        return 0

    def set_write_buffer_limits(self, high: int | None = None, low: int | None = None) -> None:
        pass  # nothing is ever buffered here


class Connection:
    """One connection to the app through the one-write protocol, on a running loop."""

    def __init__(self, app: CircleApp) -> None:
        # As `circle serve` configures uvicorn, which then calls the app as it is.
        options: Any = UVICORN_OPTIONS
        config = uvicorn.Config(app, http=OneWriteHttpToolsProtocol, **options)
        config.load()
        self.protocol = OneWriteHttpToolsProtocol(
            config=config, server_state=ServerState(), app_state={}
        )
        self.wire = Wire()
        self.protocol.connection_made(self.wire)

    async def send(self, data: bytes) -> tuple[bytes, int]:
        """What the server wrote for `data`, and how many ASGI tasks it started for it."""
        before = len(self.wire.written)
        started = 0
        self.protocol.data_received(data)
        while self.protocol.tasks:
            started += len(self.protocol.tasks)
            await asyncio.gather(*self.protocol.tasks)
            await asyncio.sleep(0)
        await asyncio.sleep(0)  # the end of the turn: joined writes go out
        return self.wire.written[before:], started

    def close(self) -> None:
        self.protocol.connection_lost(None)


@pytest.fixture
def app(database_settings: Settings) -> Iterator[CircleApp]:
    made = create_app(database_settings.model_copy(update={"fast_path": True, "access_log": True}))
    yield made
    made.close()


def without_date(answer: bytes) -> bytes:
    return re.sub(rb"date: [^\r]*\r\n", b"", answer)


def test_a_stored_answer_is_written_without_a_task_as_the_asgi_path_writes_it(
    app: CircleApp, capfd: pytest.CaptureFixture[str]
) -> None:
    async def scenario() -> list[tuple[bytes, int]]:
        connection = Connection(app)
        # First sight, second sight (stored), then from memory, twice.
        answers = [await connection.send(GET) for _ in range(4)]
        connection.close()
        return answers

    answers = asyncio.run(scenario())
    assert [tasks for _, tasks in answers] == [1, 1, 0, 0]
    first = without_date(answers[0][0])
    assert first.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b"\r\nx-request-id: fixed\r\n" in first
    assert all(without_date(answer) == first for answer, _ in answers)
    assert app.memory_answers is not None
    assert app.memory_answers.cache.hits == 2
    lines = [orjson.loads(line) for line in capfd.readouterr().out.splitlines()]
    assert [(line["request_id"], line["status"]) for line in lines] == [("fixed", 200)] * 4
    size = int(re.search(rb"content-length: (\d+)", first).group(1))  # type: ignore[union-attr]
    assert {line["bytes"] for line in lines} == {size}


def test_a_revalidation_is_answered_304_from_memory(app: CircleApp) -> None:
    async def scenario() -> list[tuple[bytes, int]]:
        connection = Connection(app)
        full, _ = await connection.send(GET)
        etag = re.search(rb"etag: ([^\r]*)", full).group(1)  # type: ignore[union-attr]
        held = GET.replace(b"\r\n\r\n", b"\r\nIf-None-Match: " + etag + b"\r\n\r\n")
        answers = [await connection.send(held) for _ in range(3)]
        connection.close()
        return answers

    answers = asyncio.run(scenario())
    # The GET was the key's first sight: its first revalidation is stored, as the app's
    # 304, and the next ones are answered from memory.
    assert [tasks for _, tasks in answers] == [1, 0, 0]
    assert answers[0][0].startswith(b"HTTP/1.1 304 Not Modified\r\n")
    assert {without_date(answer) for answer, _ in answers} == {without_date(answers[0][0])}


@pytest.mark.parametrize(
    "request_bytes",
    [
        GET.replace(b"GET", b"HEAD", 1),
        GET.replace(b"\r\n\r\n", b"\r\nContent-Length: 2\r\n\r\n{}"),
        GET.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n"),
        GET.replace(b"HTTP/1.1", b"HTTP/1.0"),
    ],
    ids=["head", "body", "close", "http-1.0"],
)
def test_what_the_asgi_path_must_frame_is_left_to_it(app: CircleApp, request_bytes: bytes) -> None:
    async def scenario() -> tuple[bytes, int]:
        connection = Connection(app)
        for _ in range(3):  # stored by now
            await connection.send(GET)
        answer = await connection.send(request_bytes)
        connection.close()
        return answer

    answer, tasks = asyncio.run(scenario())
    assert tasks == 1
    assert answer.startswith((b"HTTP/1.1 200 OK\r\n", b"HTTP/1.0 200 OK\r\n"))


def test_a_client_that_does_not_read_gets_no_answer_from_memory(app: CircleApp) -> None:
    """While the transport holds more than it may (the client does not read), a stored
    answer takes the ASGI path, which waits for the client: pipelined requests cannot
    make the server buffer answer after answer."""

    async def scenario() -> list[int]:
        connection = Connection(app)
        tasks = [(await connection.send(GET))[1] for _ in range(3)]
        connection.protocol.pause_writing()  # what the transport calls when it is full
        waiting = connection.protocol.tasks.copy()
        connection.protocol.data_received(GET)
        tasks.append(len(connection.protocol.tasks - waiting))
        connection.protocol.resume_writing()
        await asyncio.gather(*connection.protocol.tasks)
        tasks.append((await connection.send(GET))[1])
        connection.close()
        return tasks

    assert asyncio.run(scenario()) == [1, 1, 0, 1, 0]


def test_a_stored_answer_waits_for_the_request_ahead_of_it(app: CircleApp) -> None:
    """Pipelined behind a request that runs (a miss), the stored answer comes second."""
    miss = GET.replace(b"limit=2", b"limit=3")

    async def scenario() -> bytes:
        connection = Connection(app)
        for _ in range(3):
            await connection.send(GET)
        both, _ = await connection.send(miss + GET)
        connection.close()
        return both

    both = asyncio.run(scenario())
    assert both.count(b"HTTP/1.1 200 OK\r\n") == 2
    first, second = both.split(b"HTTP/1.1 200 OK\r\n")[1:]
    assert b'"limit":3' in first
    assert b'"limit":2' in second


def test_a_replaced_sqlite_file_sends_the_next_turn_s_requests_down_the_asgi_path(
    seeded_sqlite: Path,
) -> None:
    """The file is looked at once per turn of the loop: after a change, the requests of
    the next turn take the ASGI path, which reads the new snapshot. (PostgreSQL announces
    a new version itself.)"""
    sqlite_file = seeded_sqlite
    app = create_app(settings_for(None, sqlite_file, fast_path=True))

    async def scenario() -> list[int]:
        connection = Connection(app)
        tasks = [(await connection.send(GET))[1] for _ in range(3)]
        stat = sqlite_file.stat()
        os.utime(sqlite_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
        tasks += [(await connection.send(GET))[1] for _ in range(2)]
        connection.close()
        return tasks

    try:
        assert asyncio.run(scenario()) == [1, 1, 0, 1, 0]
    finally:
        app.close()
