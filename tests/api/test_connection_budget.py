"""A worker's connections to the database: never more than `db_connections`, requests
beyond them queued and served, 503 only past `db_wait_ms`; /readyz on a connection of its
own, answered within a second whatever the database does; a worker that cannot start
says why."""

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import psycopg
import pytest
from sqlalchemy.engine import make_url

from api.data.database import ConnectionBudget
from api.data.pg_pool import STALL_GRACE_S
from api.settings import Settings
from tests.conftest import settings_for
from tests.support import ROOT, MakeApi, PrivatePostgres, free_port

UNAVAILABLE = {
    "type": "/problems/unavailable",
    "title": "Service unavailable",
    "status": 503,
    "detail": "The data cannot be read now.",
}


def assert_unavailable(got: httpx.Response) -> None:
    assert got.status_code == 503, got.text
    assert got.headers["retry-after"] == "5"
    assert got.headers["content-type"] == "application/problem+json"
    assert got.json() == UNAVAILABLE


def connections_to(url: str) -> int:
    """Sessions open on `url`'s database now, this one not counted."""
    database = make_url(url).database
    admin = make_url(url).set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(False), autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        ).fetchone()
    return int(row[0]) if row else 0


@pytest.mark.parametrize("connections", [4, 12])
def test_the_budget_is_split_once_and_adds_up(connections: int) -> None:
    budget = ConnectionBudget.of(Settings(db_connections=connections))
    assert budget.total == connections
    assert budget.pages >= 1
    assert budget.exports >= 1
    assert (budget.loader, budget.readiness) == (1, 1)


def test_more_requests_than_connections_queue_and_are_served(
    database_settings: Settings, make_api: MakeApi
) -> None:
    """Four connections (one for pages, on PostgreSQL) and forty first-time pages at once:
    every one is answered 200, and the database never sees more than four sessions."""
    url = database_settings.database_url
    others = 0 if url is None else connections_to(url)  # other tests' apps, idle
    api = make_api(database_settings, db_connections=4, db_wait_ms=30_000)
    urls = [f"/v1/figures?value__gte=-{n}&sort=-value" for n in range(40)]
    answers = api.get_at_once(urls)
    assert [a.status_code for a in answers] == [200] * 40
    first = answers[0].json()
    assert all(a.json()["total"] == first["total"] for a in answers)
    if url is not None:
        assert connections_to(url) - others <= 4


def test_a_wait_past_its_bound_is_503_and_then_served(
    postgres_settings: Settings, make_api: MakeApi
) -> None:
    """With the one connection for pages held, a page waits `db_wait_ms`, then is 503
    unavailable; once it is given back, the same page is 200."""
    api = make_api(postgres_settings, db_connections=4, db_wait_ms=200)
    assert api.get("/v1/projects?status=planned").status_code == 200
    pages = api.app.data.runner.pages
    assert pages is not None
    assert pages.pool is not None
    held = api.loop.run_until_complete(pages.pool.getconn())
    try:
        started = time.monotonic()
        assert_unavailable(api.get("/v1/projects?status=released"))
        assert time.monotonic() - started < 5
    finally:
        api.loop.run_until_complete(pages.pool.putconn(held))
    assert api.get("/v1/projects?status=released").status_code == 200


def test_readyz_answers_while_every_request_connection_is_held(
    database_settings: Settings, make_api: MakeApi
) -> None:
    """Exports (and pages, on PostgreSQL) hold every connection of their pools: /readyz
    is still answered, at once, from a connection of its own."""
    api = make_api(database_settings, db_connections=4, db_wait_ms=30_000)
    data = api.app.data
    pages = data.runner.pages
    assert api.get("/v1/projects").status_code == 200  # PostgreSQL: the pool is open
    blocking: list[Any] = []
    awaited: list[Any] = []
    try:
        pool = data.db.pool
        while pool.checkedout() < pool.size():  # type: ignore[attr-defined]
            blocking.append(data.db.raw_connection())
        if pages is not None:
            assert pages.pool is not None
            awaited.append(api.loop.run_until_complete(pages.pool.getconn()))
        started = time.monotonic()
        ready = api.get("/readyz")
        assert time.monotonic() - started < 1
        assert ready.status_code == 200, ready.text
        assert ready.json() == {"status": "ready"}
        assert ready.headers["x-dataset-version"] == data.snapshots.snapshot.version
    finally:
        for connection in blocking:
            connection.close()
        for connection in awaited:
            assert pages is not None
            assert pages.pool is not None
            api.loop.run_until_complete(pages.pool.putconn(connection))


@pytest.fixture
def private_postgres(postgres_settings: Settings) -> Iterator[PrivatePostgres]:
    """A copy of the seeded database on a server of the test's own."""
    assert postgres_settings.database_url is not None
    server = PrivatePostgres(postgres_settings.database_url)
    try:
        yield server
    finally:
        server.close()


def test_readyz_is_503_within_3_s_while_postgres_is_frozen(
    private_postgres: PrivatePostgres, make_api: MakeApi
) -> None:
    api = make_api(settings_for(private_postgres.url))
    assert api.get("/readyz").status_code == 200
    private_postgres.signal(signal.SIGSTOP)
    try:
        for _ in range(3):  # the first check times out; the next ones answer at once
            started = time.monotonic()
            assert_unavailable(api.get("/readyz"))
            assert time.monotonic() - started < 3
    finally:
        private_postgres.signal(signal.SIGCONT)
    deadline = time.monotonic() + 10
    while api.get("/readyz").status_code != 200:
        assert time.monotonic() < deadline, "/readyz not 200 again after the server thawed"
        time.sleep(0.1)
    assert api.get("/v1/projects?status=planned").status_code == 200


def test_a_page_is_503_in_its_time_while_postgres_is_frozen(
    private_postgres: PrivatePostgres, make_api: MakeApi
) -> None:
    """A server that stops answering and keeps its connections open: the page's caller
    stops waiting after the time limit, the wait for a connection and the grace, and is
    answered 503; once the server is back, pages are answered again."""
    limit_ms = wait_ms = 300
    settings = settings_for(private_postgres.url, query_time_limit_ms=limit_ms, db_wait_ms=wait_ms)
    api = make_api(settings)
    assert api.get("/v1/figures").status_code == 200  # a connection open in the pool
    patience = (limit_ms + wait_ms) / 1000 + STALL_GRACE_S
    private_postgres.signal(signal.SIGSTOP)
    # Should the page wait for ever, the server thaws later and the page answers late.
    thaw = threading.Timer(patience + 10, private_postgres.signal, (signal.SIGCONT,))
    thaw.start()
    try:
        started = time.monotonic()
        got = api.get("/v1/figures?value__gte=-1")
        waited = time.monotonic() - started
    finally:
        thaw.cancel()
        private_postgres.signal(signal.SIGCONT)
    assert got.status_code == 503, got.text
    assert got.json()["detail"] == "The query took longer than the time limit; narrow it down."
    assert patience <= waited < patience + 5
    deadline = time.monotonic() + 10
    while api.get("/v1/figures?value__gte=-2").status_code != 200:
        assert time.monotonic() < deadline, "no page answered after the server thawed"
        time.sleep(0.1)


def test_a_worker_that_cannot_reach_postgres_says_why(postgres_server: str) -> None:
    """The database down at start: a worker exits at once with one line that says why."""
    closed = f"postgresql://postgres@127.0.0.1:{free_port()}/circle"
    started = subprocess.run(
        [sys.executable, "-c", "import api.main; api.main.app"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": closed},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode == 1
    lines = started.stderr.strip().splitlines()
    assert len(lines) == 1, started.stderr
    assert lines[0].startswith("circle: cannot serve: ")
    assert "127.0.0.1" in lines[0]
    assert "refused" in lines[0]
