"""PostgreSQL statements pipelined on a worker's connections (api/data/pg_pipeline.py):
the rows psycopg's own execute gives, value for value and type for type; psycopg's
errors; statement_timeout per statement; never more connections than the size; a
statement cut off with its connection run again on a new one."""

import asyncio
import datetime
import time
from collections.abc import Awaitable, Callable, Iterator
from decimal import Decimal
from typing import Any, TypeVar

import psycopg
import pytest
import uvloop

from api.data.access import DataAccess
from api.data.greenlet_bridge import run_sync
from api.data.pg_pipeline import Pipelines, Stalled, convert
from api.errors import as_problem
from api.query.statements import StatementRunner
from api.settings import Settings
from tests.support import RawSql, postgres_database

T = TypeVar("T")
OPTIONS = "-c default_transaction_read_only=on -c statement_timeout=500"


@pytest.fixture
def conninfo(postgres_server: str) -> Iterator[str]:
    with postgres_database(postgres_server) as url:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(
                "CREATE TABLE kinds (id varchar PRIMARY KEY, n integer, x double precision, "
                "d date, b boolean, big bigint, t text, num numeric)"
            )
            conn.execute(
                "INSERT INTO kinds VALUES "
                "('a', 1, 1.5, '2024-02-29', true, 9007199254740993, 'é \"q\" %', 12.50), "
                "('b', -2147483648, -0.1, '0001-01-01', false, -1, '', 0), "
                "('c', NULL, NULL, NULL, NULL, NULL, NULL, NULL)"
            )
        yield url


def backends(conninfo: str) -> int:
    with psycopg.connect(conninfo, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        ).fetchone()
        assert row is not None
        return int(row[0])


def on_loop(pipelines: Pipelines, scenario: Callable[[], Awaitable[T]]) -> T:
    """`scenario` on an event loop of its own, the pipelines' connections closed after."""

    async def run() -> T:
        try:
            return await scenario()
        finally:
            await pipelines.close()

    return asyncio.run(run())


def fetch(pipelines: Pipelines, sql: str, arguments: dict[str, Any]) -> Awaitable[Any]:
    """One statement, from synchronous code under run_sync, as the engine runs it."""
    return run_sync(pipelines.fetch, sql, arguments)


def psycopg_rows(conninfo: str, sql: str, arguments: dict[str, Any]) -> list[tuple[Any, ...]]:
    with psycopg.connect(conninfo, autocommit=True) as conn:
        return conn.execute(sql, arguments).fetchall()


QUESTIONS = [
    ("SELECT * FROM kinds ORDER BY id", {}),
    ("SELECT * FROM kinds WHERE id = %(id)s", {"id": "a"}),
    ("SELECT id FROM kinds WHERE n >= %(n)s AND x < %(x)s", {"n": -5, "x": 2}),
    ("SELECT id, d FROM kinds WHERE d > %(d)s", {"d": datetime.date(2000, 1, 1)}),
    ("SELECT id FROM kinds WHERE big = %(big)s", {"big": 9007199254740993}),
    (
        "SELECT id FROM kinds WHERE b = %(b)s OR n IS NOT DISTINCT FROM %(n)s",
        {"b": True, "n": None},
    ),
    ("SELECT id, t FROM kinds WHERE t LIKE %(p)s ESCAPE '\\'", {"p": "%\\%%"}),
    ("SELECT id FROM kinds WHERE id = ANY(%(keys)s) ORDER BY id", {"keys": ["a", "c"]}),
    ("SELECT n FROM kinds WHERE n = ANY(%(keys)s)", {"keys": [1, 2, 3]}),
    ("SELECT count(*), sum(n), avg(x), max(d), bool_or(b) FROM kinds", {}),
    ("SELECT %(v)s::float8, %(v)s::numeric, %(w)s::int", {"v": 0.1, "w": 7}),
    ("SELECT 'a%%b', %(q)s || %(q)s", {"q": "x"}),
    ("SELECT NULL, NULL::date, NULL::int8 FROM kinds WHERE false", {}),
]


@pytest.mark.parametrize(("sql", "arguments"), QUESTIONS)
def test_rows_are_psycopgs_to_the_value_and_type(
    conninfo: str, sql: str, arguments: dict[str, Any]
) -> None:
    expected = psycopg_rows(conninfo, sql, arguments)
    pipelines = Pipelines(conninfo, size=2, time_limit_s=0.5, autocommit=True, options=OPTIONS)

    async def scenario() -> list[Any]:
        # Twice: the first run prepares the statement, the second uses it.
        return [await fetch(pipelines, sql, arguments) for _ in range(2)]

    for rows in on_loop(pipelines, scenario):
        assert rows == expected
        assert [[type(v) for v in row] for row in rows] == [
            [type(v) for v in row] for row in expected
        ]


def test_every_column_type_decodes_with_nulls(conninfo: str) -> None:
    pipelines = Pipelines(conninfo, size=1, time_limit_s=0.5, autocommit=True, options=OPTIONS)

    async def scenario() -> Any:
        return await fetch(pipelines, "SELECT * FROM kinds ORDER BY id", {})

    assert on_loop(pipelines, scenario) == [
        (
            "a",
            1,
            1.5,
            datetime.date(2024, 2, 29),
            True,
            9007199254740993,
            'é "q" %',
            Decimal("12.50"),
        ),
        ("b", -2147483648, -0.1, datetime.date(1, 1, 1), False, -1, "", Decimal("0")),
        ("c", None, None, None, None, None, None, None),
    ]


def test_placeholders_become_positional() -> None:
    converted = convert("SELECT %(a)s, %(b)s, %(a)s WHERE x LIKE '%%'")
    assert converted.sql == b"SELECT $1, $2, $1 WHERE x LIKE '%'"
    assert converted.names == ("a", "b")


def test_concurrent_statements_share_at_most_size_connections(conninfo: str) -> None:
    pipelines = Pipelines(conninfo, size=3, time_limit_s=0.5, autocommit=True, options=OPTIONS)
    most = 0

    async def scenario() -> list[Any]:
        nonlocal most

        async def one(n: int) -> Any:
            nonlocal most
            rows = await fetch(pipelines, "SELECT %(n)s::int, pg_sleep(0.01)", {"n": n})
            most = max(most, len(pipelines.connections))
            return rows[0][0]

        answers = await asyncio.gather(*[one(n) for n in range(200)])
        most = max(most, backends(conninfo))
        return answers

    assert on_loop(pipelines, scenario) == list(range(200))
    assert 1 <= most <= 3


def test_a_failed_statement_is_its_own_error_and_its_batch_still_answers(
    conninfo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Statements queued in one turn go in one batch: one that fails aborts those after
    it, which are sent again and answered (not through the retry of statements cut off
    with their connection, turned off here); the failure is psycopg's error class and
    the 503 api/errors.py makes of it."""
    monkeypatch.setattr("api.data.pg_pipeline.is_connection_failure", lambda exc: False)
    pipelines = Pipelines(conninfo, size=1, time_limit_s=0.5, autocommit=True, options=OPTIONS)

    async def scenario() -> list[Any]:
        questions: list[tuple[str, dict[str, Any]]] = [
            ("SELECT 1", {}),
            ("SELECT 1 / %(zero)s", {"zero": 0}),
            ("SELECT 3", {}),
            ("SELECT n FROM kinds WHERE id = %(id)s", {"id": "a"}),
        ]
        return await asyncio.gather(
            *[fetch(pipelines, sql, args) for sql, args in questions], return_exceptions=True
        )

    first, failed, third, fourth = on_loop(pipelines, scenario)
    assert (first, third, fourth) == ([(1,)], [(3,)], [(1,)])
    assert isinstance(failed, psycopg.errors.DivisionByZero)
    assert as_problem(failed).status == 503


def test_statement_timeout_applies_to_each_statement_of_a_batch(conninfo: str) -> None:
    """Two statements in one batch, each under the limit, both over it together: both
    answer; one over the limit alone is stopped with the time limit's 503."""
    pipelines = Pipelines(conninfo, size=1, time_limit_s=0.5, autocommit=True, options=OPTIONS)

    async def scenario() -> list[Any]:
        sleeps = [0.3, 0.3, 0.8]
        return await asyncio.gather(
            *[fetch(pipelines, "SELECT 1 FROM pg_sleep(%(s)s)", {"s": s}) for s in sleeps],
            return_exceptions=True,
        )

    first, second, third = on_loop(pipelines, scenario)
    assert first == second == [(1,)]
    assert isinstance(third, psycopg.errors.QueryCanceled)
    problem = as_problem(third)
    assert problem.status == 503
    assert problem.detail == "The query took longer than the time limit; narrow it down."


def test_a_cancelled_request_leaves_its_connection_usable(conninfo: str) -> None:
    pipelines = Pipelines(conninfo, size=1, time_limit_s=0.5, autocommit=True, options=OPTIONS)

    async def scenario() -> Any:
        slow = asyncio.ensure_future(fetch(pipelines, "SELECT pg_sleep(0.2)", {}))
        await asyncio.sleep(0.05)
        slow.cancel()
        with pytest.raises(asyncio.CancelledError):
            await slow
        return await fetch(pipelines, "SELECT 2", {})

    assert on_loop(pipelines, scenario) == [(2,)]


def test_pipelines_serve_one_event_loop_after_another(conninfo: str) -> None:
    """Tests (not servers) run one event loop after another on the same pipelines: the
    connections an ended loop leaves are closed, not leaked."""
    pipelines = Pipelines(conninfo, size=1, time_limit_s=0.5, autocommit=True, options=OPTIONS)

    async def once() -> Any:
        return await fetch(pipelines, "SELECT 5", {})

    assert asyncio.run(once()) == [(5,)]
    assert asyncio.run(once()) == [(5,)]
    on_loop(pipelines, once)
    deadline = time.monotonic() + 5
    while backends(conninfo) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert backends(conninfo) == 0


def test_a_statement_on_a_connection_the_server_cut_is_run_again_on_a_new_one(
    postgres_settings: Settings,
) -> None:
    """After a restart of the server every connection is gone: the first read on one is
    tried again on a new connection, not refused (one event loop throughout, as a
    server has)."""
    data = DataAccess(postgres_settings)
    snapshot = data.snapshots.snapshot
    url = postgres_settings.database.libpq

    def count(session: StatementRunner) -> int:
        return int(session.rows(RawSql("SELECT count(*) FROM projects"), {})[0][0])

    async def scenario() -> tuple[int, int, int]:
        before = await data.runner.run(snapshot, count)
        assert data.runner.pipelines is not None
        assert len(data.runner.pipelines.connections) == 1
        with psycopg.connect(url, autocommit=True) as admin:
            cut = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND application_name = ''"
            ).fetchone()
        await asyncio.sleep(0.2)  # the server has closed them
        assert cut is not None
        return before, int(cut[0]), await data.runner.run(snapshot, count)

    try:
        before, cut, after = asyncio.run(scenario())
    finally:
        data.close()
    assert cut >= 1
    assert after == before


def test_a_server_that_cannot_be_reached_is_an_operational_error() -> None:
    pipelines = Pipelines(
        "postgresql://postgres@127.0.0.1:1/nowhere", size=1, time_limit_s=1, connect_timeout=1
    )

    async def scenario() -> Any:
        return await fetch(pipelines, "SELECT 1", {})

    with pytest.raises(psycopg.OperationalError) as refused:
        on_loop(pipelines, scenario)
    assert as_problem(refused.value).status == 503


def test_a_server_that_stops_answering_is_given_up_with_503(
    conninfo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server that neither answers nor closes the connection (here: statements with no
    statement_timeout, past the time limit the pipelines were told) fails the batch
    once it is overdue, as a 503, and the next statement goes to a new connection."""
    monkeypatch.setattr("api.data.pg_pipeline.STALL_GRACE_S", 0.1)
    pipelines = Pipelines(conninfo, size=1, time_limit_s=0.2, autocommit=True)

    async def scenario() -> tuple[BaseException, float, Any]:
        started = time.monotonic()
        with pytest.raises(psycopg.Error) as stalled:
            await fetch(pipelines, "SELECT 1 FROM pg_sleep(3)", {})
        waited = time.monotonic() - started
        return stalled.value, waited, await fetch(pipelines, "SELECT 4", {})

    stalled, waited, after = on_loop(pipelines, scenario)
    assert isinstance(stalled, Stalled)
    assert 0.3 < waited < 1.5
    problem = as_problem(stalled)
    assert problem.status == 503
    assert problem.detail == "The query took longer than the time limit; narrow it down."
    assert after == [(4,)]


def test_a_connection_cut_mid_statement_is_replaced_cleanly_on_uvloop(conninfo: str) -> None:
    """The server ends the connection while a statement runs (libpq closes the socket
    itself), on the event loop servers run: the statement is run again on a new
    connection, which may get the same socket number. (That the old one's callbacks are
    removed by number is shown by `make chaos`'s outage, which answered 500s before.)"""
    pipelines = Pipelines(conninfo, size=1, time_limit_s=2, autocommit=True)

    async def scenario() -> tuple[Any, Any]:
        try:
            await fetch(pipelines, "SELECT 1", {})
            slow = asyncio.ensure_future(fetch(pipelines, "SELECT 7 FROM pg_sleep(0.5)", {}))
            await asyncio.sleep(0.1)
            with psycopg.connect(conninfo, autocommit=True) as admin:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            return await slow, await fetch(pipelines, "SELECT 8", {})
        finally:
            await pipelines.close()

    assert uvloop.run(scenario()) == ([(7,)], [(8,)])
