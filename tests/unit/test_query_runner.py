"""The query runner: a query over the time limit is stopped with 503; SQLite queries start
on the event loop and move to a thread when they outrun the inline budget; the loop never
waits for the pool; PostgreSQL statements of concurrent work go together, each answered
as if alone."""

import asyncio
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from api.data.access import DataAccess
from api.data.database import TimedConnection
from api.errors import ApiProblem
from api.query.statements import StatementRunner
from api.settings import Settings
from tests.support import RawSql, run_work

SLOW_SQL = {
    "sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
    "SELECT count(*) FROM c",
    "postgresql": "SELECT pg_sleep(5)",
}


@pytest.fixture
def make_data() -> Iterator[Callable[..., DataAccess]]:
    """make_data(settings, **changes): the data layer of an app, closed when the test ends."""
    made: list[DataAccess] = []

    def make(settings: Settings, **changes: object) -> DataAccess:
        data = DataAccess(settings.model_copy(update=changes))
        made.append(data)
        return data

    yield make
    for data in made:
        data.close()


def test_a_query_over_the_time_limit_is_stopped_with_503(
    database_settings: Settings, make_data: Callable[..., DataAccess]
) -> None:
    data = make_data(database_settings, query_time_limit_ms=100)
    slow_sql = SLOW_SQL[data.db.dialect.name]
    started = time.monotonic()
    with pytest.raises(ApiProblem) as stopped:
        run_work(data, lambda session: session.rows(RawSql(slow_sql), {}))
    assert time.monotonic() - started < 3
    assert stopped.value.status == 503
    assert stopped.value.detail == "The query took longer than the time limit; narrow it down."
    assert stopped.value.headers == {"Retry-After": "5"}
    with data.runner.session(data.snapshots.snapshot) as session:  # usable again
        assert session.rows(RawSql("SELECT 1"), {}) == [(1,)]


def test_postgres_statements_sent_together_are_answered_each_as_if_alone(
    postgres_settings: Settings, make_data: Callable[..., DataAccess]
) -> None:
    """The statements of concurrent requests, queued in one turn of the event loop, go to
    the server together on one connection; one over the time limit fails alone with its
    503, and the statements after it, which the server skips, are sent again and answered."""
    data = make_data(postgres_settings, query_time_limit_ms=200)
    snapshot = data.snapshots.snapshot

    def asking(sql: str) -> Callable[[StatementRunner], object]:
        return lambda session: session.rows(RawSql(sql), {})

    quick = [asking(f"SELECT pg_backend_pid(), {n}") for n in range(6)]
    works = [*quick[:3], asking("SELECT pg_sleep(5)"), *quick[3:]]

    async def together() -> list[object]:
        await data.runner.run(snapshot, asking("SELECT 1"))  # the pool, opened on this loop
        runs = (data.runner.run(snapshot, work) for work in works)
        return list(await asyncio.gather(*runs, return_exceptions=True))

    started = time.monotonic()
    answers = asyncio.run(together())
    assert time.monotonic() - started < 3
    slow = answers.pop(3)
    assert isinstance(slow, ApiProblem)
    assert slow.status == 503
    assert slow.detail == "The query took longer than the time limit; narrow it down."
    assert [rows[0][1] for rows in answers] == [0, 1, 2, 3, 4, 5]  # type: ignore[index]
    assert len({rows[0][0] for rows in answers}) == 1  # type: ignore[index]  # one connection


def counting_to(n: int, threads: list[str]) -> Callable[[StatementRunner], int]:
    """Work that counts to `n` in SQL (n VM steps and more), noting the thread it ran on."""
    counting = (
        f"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < {n}) "
        "SELECT count(*) FROM c"
    )

    def count(session: StatementRunner) -> int:
        threads.append(threading.current_thread().name)
        return int(session.rows(RawSql(counting), {})[0][0])

    return count


def test_a_sqlite_query_over_the_inline_budget_finishes_on_a_thread(
    sqlite_settings: Settings,
    make_data: Callable[..., DataAccess],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SQLite queries start on the event loop; one that outruns the inline budget is
    stopped there and run again on a thread, under the full time limit, to its answer."""
    monkeypatch.setattr("api.data.runner.INLINE_BUDGET_S", 1e-9)
    data = make_data(sqlite_settings, query_time_limit_ms=60_000)
    threads: list[str] = []
    count = counting_to(100_000, threads)
    assert run_work(data, count) == 100_000
    main = threading.main_thread().name
    assert len(threads) == 2
    assert threads[0] == main  # tried on the loop first,
    assert threads[1] != main  # finished on a worker thread
    # The same statement again: it has outrun the budget once, so it is not tried on
    # the loop (the work starts there, but leaves before the statement runs).
    threads.clear()
    monkeypatch.setattr("api.data.runner.INLINE_BUDGET_S", 30.0)
    assert run_work(data, count) == 100_000
    assert len(threads) == 2
    assert threads[0] == main
    assert threads[1] != main


def test_a_query_stopped_once_by_a_stall_stays_on_the_loop(
    sqlite_settings: Settings,
    make_data: Callable[..., DataAccess],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A statement stopped on the event loop by a stall (the process waiting for a CPU,
    not the statement's own cost) runs on a thread that once, within the budget there;
    its later runs are tried on the loop again, and finish there."""
    data = make_data(sqlite_settings)
    main = threading.main_thread()
    stalls = [1]  # the clock of the first statement on the loop reads as over budget

    def over_time(connection: TimedConnection) -> int:
        if threading.current_thread() is main and stalls:
            return stalls.pop()
        return 0

    monkeypatch.setattr(TimedConnection, "over_time", over_time)
    threads: list[str] = []
    count = counting_to(2000, threads)
    assert run_work(data, count) == 2000
    assert [name == main.name for name in threads] == [True, False]  # stopped, redone
    threads.clear()
    assert run_work(data, count) == 2000
    assert threads == [main.name]  # on the loop, to its answer


def test_sqlite_queries_on_the_loop_do_not_wait_for_the_pool(
    sqlite_settings: Settings, make_data: Callable[..., DataAccess]
) -> None:
    """With every pooled connection held by threads (long exports, say), a query on the
    event loop still runs: the loop has a connection of its own. Waiting for the pool
    there would stop the loop, and with it the threads that would give one back."""
    data = make_data(sqlite_settings)
    held = []
    try:
        pool = data.db.pool
        while pool.checkedout() < pool.size() + pool._max_overflow:  # type: ignore[attr-defined]
            held.append(data.db.raw_connection())
        count = run_work(data, lambda s: s.rows(RawSql("SELECT count(*) FROM projects"), {}))
        assert count[0][0] > 0
    finally:
        for connection in held:
            connection.close()
