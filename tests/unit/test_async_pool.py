"""The PostgreSQL pool for queries on the event loop: never more connections than its size,
a bounded wait for one, and broken connections replaced by new ones."""

import asyncio
from collections.abc import Iterator

import psycopg
import pytest

from api.data.access import DataAccess
from api.data.async_pool import AsyncPool, PoolExhausted
from api.query.statements import StatementRunner
from api.settings import Settings
from tests.support import RawSql, postgres_database, require_postgres, run_work


@pytest.fixture
def conninfo() -> Iterator[str]:
    with postgres_database(require_postgres()) as url:
        yield url


def backends(conninfo: str) -> int:
    with psycopg.connect(conninfo, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        ).fetchone()
        assert row is not None
        return int(row[0])


def test_at_most_size_connections_and_a_bounded_wait(conninfo: str) -> None:
    async def scenario() -> tuple[list[int], int, str]:
        pool = AsyncPool(conninfo, size=3, wait_s=0.2, autocommit=True)
        held = [await pool.take() for _ in range(3)]
        at_most = backends(conninfo)
        try:
            await pool.take()
            refused = "no refusal"
        except PoolExhausted as exc:
            refused = str(exc)
        results = []

        async def query(n: int) -> None:
            connection = await pool.take()
            try:
                cursor = await connection.execute("SELECT %s::int", (n,))
                row = await cursor.fetchone()
                assert row is not None
                results.append(row[0])
            finally:
                pool.give_back(connection)

        waiting = [asyncio.ensure_future(query(n)) for n in range(10)]
        await asyncio.sleep(0.01)
        for connection in held:
            pool.give_back(connection)
        await asyncio.gather(*waiting)
        await pool.close()
        return sorted(results), at_most, refused

    results, at_most, refused = asyncio.run(scenario())
    assert results == list(range(10))
    assert at_most == 3
    assert refused == "no database connection became free in time"


def test_a_broken_connection_is_dropped_and_replaced(conninfo: str) -> None:
    async def scenario() -> list[int]:
        pool = AsyncPool(conninfo, size=1, wait_s=2, autocommit=True)
        connection = await pool.take()
        with psycopg.connect(conninfo, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        with pytest.raises(psycopg.OperationalError):
            await connection.execute("SELECT 1")
        pool.give_back(connection)  # closed: dropped, its place free again
        fresh = await pool.take()
        cursor = await fresh.execute("SELECT 2")
        row = await cursor.fetchone()
        pool.give_back(fresh)
        await pool.close()
        assert row is not None
        return [row[0], pool.opened]

    assert asyncio.run(scenario()) == [2, 0]


def test_a_read_on_a_connection_the_server_cut_is_run_again_on_a_new_one(
    postgres_settings: Settings,
) -> None:
    """After a restart of the server every pooled connection is gone: the first read on
    one is tried again on a new connection, not refused."""
    data = DataAccess(postgres_settings)
    try:

        def count(session: StatementRunner) -> int:
            return int(session.rows(RawSql("SELECT count(*) FROM projects"), {})[0][0])

        before = run_work(data, count)
        assert data.runner.pool is not None
        assert len(data.runner.pool.idle) == 1
        url = postgres_settings.database.libpq
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND application_name = ''"
            )
        assert run_work(data, count) == before
    finally:
        data.close()
