"""Faults while serving: the database file removed or replaced, PostgreSQL unreachable.

Each gives 503 problem+json with Retry-After (and /readyz 503 from a fresh check), and
the API recovers by itself when the data is back.
"""

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path

import pytest

from api.data.access import DataAccess
from api.data.database import TimedConnection
from api.errors import ApiProblem
from api.main import create_app
from api.query.statements import StatementRunner
from api.settings import Settings
from seed.loader import seed
from tests.conftest import settings_for
from tests.support import (
    SOURCES,
    Api,
    RawSql,
    free_port,
    postgres_database,
    require_postgres,
    run_work,
)

UNAVAILABLE = {
    "type": "about:blank",
    "title": "Service Unavailable",
    "status": 503,
    "detail": "The data cannot be read now.",
}


def assert_unavailable(api: Api, url: str) -> None:
    got = api.get(url)
    assert got.status_code == 503, got.text
    assert got.headers["retry-after"] == "5"
    assert got.headers["content-type"] == "application/problem+json"
    assert got.json() == UNAVAILABLE


@pytest.fixture
def sqlite_api(tmp_path: Path) -> Iterator[tuple[Api, Path]]:
    path = tmp_path / "db.sqlite3"
    seed(f"sqlite:///{path}", SOURCES)
    api = Api(create_app(settings_for(None, path)))
    yield api, path
    api.close()


def test_database_file_removed_while_serving(sqlite_api: tuple[Api, Path]) -> None:
    api, path = sqlite_api
    assert api.get("/v1/projects").status_code == 200
    path.unlink()
    assert_unavailable(api, "/v1/projects")
    assert_unavailable(api, "/v1/projects?regions=sichuan")
    ready = api.get("/readyz")
    assert ready.status_code == 503
    assert ready.headers["retry-after"] == "5"
    assert api.get("/healthz").status_code == 200  # the process itself is alive
    seed(f"sqlite:///{path}", SOURCES)
    assert api.get("/v1/projects?regions=sichuan").status_code == 200
    assert api.get("/readyz").status_code == 200


@pytest.mark.parametrize("garbage", [b"", b"not a database at all" * 50])
def test_database_file_replaced_by_garbage(sqlite_api: tuple[Api, Path], garbage: bytes) -> None:
    api, path = sqlite_api
    assert api.get("/v1/figures").status_code == 200
    replacement = path.with_suffix(".new")
    replacement.write_bytes(garbage)
    os.replace(replacement, path)
    assert_unavailable(api, "/v1/figures?unit=kV")
    assert api.get("/readyz").status_code == 503


class TcpProxy:
    """A loopback TCP forwarder that the test can cut and restore."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = True
        self.connections: list[socket.socket] = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.open:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.connections += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        with suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with suppress(OSError):
            sink.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        self.open = False
        with self.lock:
            for conn in self.connections:
                with suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
                conn.close()
            self.connections.clear()

    def restore(self) -> None:
        self.open = True

    def close(self) -> None:
        self.cut()
        self.listener.close()
        self.thread.join(timeout=5)


@pytest.fixture
def postgres_behind_proxy() -> Iterator[tuple[str, TcpProxy]]:
    from sqlalchemy.engine import make_url

    with postgres_database(require_postgres()) as url:
        seed(url, SOURCES)
        parsed = make_url(url)
        proxy = TcpProxy((parsed.host or "127.0.0.1", parsed.port or 5432))
        try:
            yield (
                parsed.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False),
                proxy,
            )
        finally:
            proxy.close()


def test_postgres_unreachable_while_serving(postgres_behind_proxy: tuple[str, TcpProxy]) -> None:
    url, proxy = postgres_behind_proxy
    api = Api(create_app(settings_for(url)))
    try:
        assert api.get("/v1/projects?status=planned").status_code == 200
        proxy.cut()
        assert_unavailable(api, "/v1/projects?status=released")
        # An export whose row count is known without a query: its first batch tells.
        assert_unavailable(api, "/v1/projects?format=csv")
        assert_unavailable(api, "/v1/figures?format=ndjson&unit=kV")
        assert api.get("/readyz").status_code == 503
        proxy.restore()
        assert api.get("/v1/projects?status=released").status_code in (200, 503)
        assert api.get("/v1/projects?status=released").status_code == 200
        assert api.get("/readyz").status_code == 200
    finally:
        proxy.cut()
        api.close()


def test_start_up_refuses_an_unreachable_postgres() -> None:
    port = free_port()  # nothing listens there once the probe is closed
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "cli.circle",
            "serve",
            "--port",
            "8999",
            "--database-url",
            f"postgresql://postgres@127.0.0.1:{port}/test",
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("circle serve: cannot serve DATABASE_URL: ")
    assert "Connection refused" in lines[0] or "connection failed" in lines[0]


@pytest.mark.parametrize(
    ("backend", "slow_sql"),
    [
        (
            "sqlite",
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
            "SELECT count(*) FROM c",
        ),
        ("postgres", "SELECT pg_sleep(5)"),
    ],
)
def test_a_query_over_the_time_limit_is_stopped_with_503(
    request: pytest.FixtureRequest, backend: str, slow_sql: str
) -> None:
    base: Settings = request.getfixturevalue(f"{backend}_settings")
    data = DataAccess(base.model_copy(update={"query_time_limit_ms": 100}))
    try:
        started = time.monotonic()
        with pytest.raises(ApiProblem) as stopped:
            run_work(data, lambda session: session.rows(RawSql(slow_sql), {}))
        assert time.monotonic() - started < 3
        assert stopped.value.status == 503
        assert stopped.value.detail == "The query took longer than the time limit; narrow it down."
        assert stopped.value.headers == {"Retry-After": "5"}
        with data.runner.session(data.snapshots.snapshot) as session:  # usable again
            assert session.rows(RawSql("SELECT 1"), {}) == [(1,)]
    finally:
        data.close()


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
    sqlite_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite queries start on the event loop; one that outruns the inline budget is
    stopped there and run again on a thread, under the full time limit, to its answer."""
    monkeypatch.setattr("api.data.runner.INLINE_BUDGET_S", 1e-9)
    data = DataAccess(sqlite_settings.model_copy(update={"query_time_limit_ms": 60_000}))
    threads: list[str] = []
    count = counting_to(100_000, threads)
    try:
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
    finally:
        data.close()


def test_a_query_stopped_once_by_a_stall_stays_on_the_loop(
    sqlite_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A statement stopped on the event loop by a stall (the process waiting for a CPU,
    not the statement's own cost) runs on a thread that once, within the budget there;
    its later runs are tried on the loop again, and finish there."""
    data = DataAccess(sqlite_settings)
    main = threading.main_thread()
    stalls = [1]  # the clock of the first statement on the loop reads as over budget

    def over_time(connection: TimedConnection) -> int:
        if threading.current_thread() is main and stalls:
            return stalls.pop()
        return 0

    monkeypatch.setattr(TimedConnection, "over_time", over_time)
    threads: list[str] = []
    count = counting_to(2000, threads)
    try:
        assert run_work(data, count) == 2000
        assert [name == main.name for name in threads] == [True, False]  # stopped, redone
        threads.clear()
        assert run_work(data, count) == 2000
        assert threads == [main.name]  # on the loop, to its answer
    finally:
        data.close()


def test_sqlite_queries_on_the_loop_do_not_wait_for_the_pool(sqlite_settings: Settings) -> None:
    """With every pooled connection held by threads (long exports, say), a query on the
    event loop still runs: the loop has a connection of its own. Waiting for the pool
    there would stop the loop, and with it the threads that would give one back."""
    data = DataAccess(sqlite_settings)
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
        data.close()
