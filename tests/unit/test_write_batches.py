"""server/write_batches.py: a connection's writes held to the end of the turn while other
requests are under way, in order, within MAX_HELD_BYTES, sent before a close and dropped
by an abort; a lone request written at once."""

import asyncio
from typing import Any

from server.write_batches import MAX_HELD_BYTES, BatchedTransport, UnderWay


class Recording(asyncio.Transport):
    """A transport that records what reaches it."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, Any]] = []
        self.closing = False
        self.unsent = 0

    def write(self, data: Any) -> None:
        self.calls.append(("write", bytes(data)))

    def writelines(self, list_of_data: Any) -> None:
        self.calls.append(("writelines", [bytes(d) for d in list_of_data]))

    def close(self) -> None:
        self.calls.append(("close", None))
        self.closing = True

    def abort(self) -> None:
        self.calls.append(("abort", None))
        self.closing = True

    def is_closing(self) -> bool:
        return self.closing

    def get_write_buffer_size(self) -> int:
        return self.unsent


def batched(under_way: int) -> tuple[BatchedTransport, Recording, UnderWay]:
    counted = UnderWay()
    counted.count = under_way
    inner = Recording()
    return BatchedTransport(inner, asyncio.get_running_loop(), counted), inner, counted


def test_a_lone_request_is_written_at_once() -> None:
    async def run() -> None:
        outer, inner, _ = batched(under_way=1)
        outer.write(b"head")
        outer.write(b"body")
        assert inner.calls == [("write", b"head"), ("write", b"body")]

    asyncio.run(run())


def test_under_load_a_turn_s_writes_go_out_together_at_its_end() -> None:
    async def run() -> None:
        outer, inner, _ = batched(under_way=2)
        outer.write(b"head")
        outer.write(b"body")
        assert inner.calls == []
        assert outer.get_write_buffer_size() == 8
        await asyncio.sleep(0)
        assert inner.calls == [("writelines", [b"head", b"body"])]
        assert outer.get_write_buffer_size() == 0
        outer.write(b"next")  # a later turn: held again, sent at its end
        await asyncio.sleep(0)
        assert inner.calls[1:] == [("writelines", [b"next"])]

    asyncio.run(run())


def test_held_writes_stay_ahead_of_later_ones_when_the_load_ends() -> None:
    async def run() -> None:
        outer, inner, under_way = batched(under_way=2)
        outer.write(b"first")
        under_way.count = 1
        outer.write(b"second")
        assert inner.calls == []
        await asyncio.sleep(0)
        assert inner.calls == [("writelines", [b"first", b"second"])]

    asyncio.run(run())


def test_past_the_held_limit_writes_go_out_at_once() -> None:
    async def run() -> None:
        outer, inner, _ = batched(under_way=2)
        outer.write(b"head")
        chunk = b"x" * MAX_HELD_BYTES
        outer.write(chunk)
        assert inner.calls == [("writelines", [b"head", chunk])]
        await asyncio.sleep(0)
        assert len(inner.calls) == 1

    asyncio.run(run())


def test_a_close_sends_what_is_held_first_and_an_abort_drops_it() -> None:
    async def run() -> None:
        outer, inner, _ = batched(under_way=2)
        outer.write(b"last answer")
        outer.close()
        await asyncio.sleep(0)
        assert inner.calls == [("writelines", [b"last answer"]), ("close", None)]

        outer, inner, _ = batched(under_way=2)
        outer.write(b"never sent")
        outer.abort()
        await asyncio.sleep(0)
        assert inner.calls == [("abort", None)]

    asyncio.run(run())


def test_nothing_is_written_to_a_transport_already_closing() -> None:
    async def run() -> None:
        outer, inner, _ = batched(under_way=2)
        outer.write(b"late")
        inner.closing = True  # the connection was lost in the meantime
        await asyncio.sleep(0)
        assert inner.calls == []

    asyncio.run(run())


def test_the_unsent_bytes_are_the_transport_s_and_those_held() -> None:
    async def run() -> None:
        outer, inner, _ = batched(under_way=3)
        inner.unsent = 100
        outer.writelines([b"ab", b"cde"])
        assert outer.get_write_buffer_size() == 105
        await asyncio.sleep(0)
        assert inner.calls == [("writelines", [b"ab", b"cde"])]

    asyncio.run(run())
