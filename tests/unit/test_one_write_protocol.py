"""`circle serve` writes each answer at once: a head with its body, the writes of one
turn of the event loop while other requests are in flight; and nothing is held back past
the turn, a large body or a close. Over a real socket: tests/system/test_live_server.py."""

import asyncio

from api.fastpath.one_write_protocol import FLUSH_AT, JoinedWrites


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
