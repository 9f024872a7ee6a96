"""run_sync runs synchronous code whose wait_for calls are awaited on the event loop."""

import asyncio

import greenlet
import pytest

from api.data.greenlet_bridge import run_sync, wait_for


def test_synchronous_code_awaits_and_others_run_meanwhile() -> None:
    order: list[str] = []

    def work(name: str) -> str:
        order.append(f"{name} starts")
        value = wait_for(asyncio.sleep(0.01, result=name.upper()))
        order.append(f"{name} resumes")
        return value

    async def scenario() -> list[str]:
        return list(await asyncio.gather(run_sync(work, "a"), run_sync(work, "b")))

    assert asyncio.run(scenario()) == ["A", "B"]
    assert order == ["a starts", "b starts", "a resumes", "b resumes"]


def test_an_awaited_failure_is_raised_where_it_was_awaited() -> None:
    async def fails() -> None:
        raise ValueError("from the loop")

    def work() -> str:
        try:
            wait_for(fails())
        except ValueError as exc:
            return f"caught {exc}"
        return "not raised"

    assert asyncio.run(run_sync(work)) == "caught from the loop"


def test_a_failure_of_the_code_itself_reaches_the_caller() -> None:
    def work() -> None:
        wait_for(asyncio.sleep(0))
        raise KeyError("inside")

    with pytest.raises(KeyError, match="inside"):
        asyncio.run(run_sync(work))


def test_wait_for_outside_run_sync_is_refused() -> None:
    awaitable = asyncio.sleep(0)
    with pytest.raises(RuntimeError, match="only for code run by run_sync"):
        wait_for(awaitable)
    awaitable.close()


def test_a_greenlet_serves_one_run_after_another_failures_included() -> None:
    """A greenlet is kept for the next run (a new one costs a fresh frame stack): what a
    run raised or left does not reach the next."""
    seen: list[greenlet.greenlet] = []  # kept alive: their ids stay distinct

    def work(fail: bool) -> int:
        wait_for(asyncio.sleep(0))
        seen.append(greenlet.getcurrent())
        if fail:
            raise ValueError("this run only")
        return len(seen)

    async def scenario() -> list[object]:
        return [
            await run_sync(work, False),
            await asyncio.gather(run_sync(work, True), return_exceptions=True),
            await run_sync(work, False),
        ]

    first, failed, third = asyncio.run(scenario())
    assert (first, third) == (1, 3)
    assert isinstance(failed[0], ValueError)  # type: ignore[index]
    assert len({id(g) for g in seen}) == 1
