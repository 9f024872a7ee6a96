"""Faults while serving: the database file removed or replaced, PostgreSQL unreachable.

Each gives 503 problem+json with Retry-After (and /readyz 503 from a fresh check), and
the API recovers by itself when the data is back. The query runner's own limits are in
tests/unit/test_query_runner.py.
"""

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from seed.loader import seed
from tests.conftest import settings_for
from tests.support import SOURCES, Api, MakeApi, postgres_database

UNAVAILABLE = {
    "type": "/problems/unavailable",
    "title": "Service unavailable",
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
def sqlite_api(seeded_sqlite: Path, make_api: MakeApi) -> tuple[Api, Path]:
    """An app over a SQLite file of the test's own, and that file."""
    return make_api(settings_for(None, seeded_sqlite)), seeded_sqlite


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


@pytest.mark.parametrize("garbage", [b"", b"not a database at all" * 50], ids=["empty", "text"])
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
def postgres_behind_proxy(postgres_server: str) -> Iterator[tuple[str, TcpProxy]]:
    """A seeded database of the test's own, reached through a proxy the test can cut."""
    with postgres_database(postgres_server) as url:
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


# How long a restored PostgreSQL may take to be served again, on a busy machine.
RECOVERY_S = 5.0
# An outage long enough for psycopg_pool's back-off, left at its defaults, to wait
# longer than RECOVERY_S between two attempts (1, 2, 4, then 8 s).
LONG_OUTAGE_S = 8.0


def served_again_within(api: Api, url: str, seconds: float) -> None:
    """`url` answers 200 within `seconds`, and 503 until then, never anything else."""
    deadline = time.monotonic() + seconds
    while (status := api.get(url).status_code) != 200:
        assert status == 503
        assert time.monotonic() < deadline, f"still 503 {seconds} s after the restore"
        time.sleep(0.05)


def test_postgres_unreachable_while_serving(
    postgres_behind_proxy: tuple[str, TcpProxy], make_api: MakeApi
) -> None:
    url, proxy = postgres_behind_proxy
    api = make_api(settings_for(url))
    assert api.get("/v1/projects?status=planned").status_code == 200
    proxy.cut()
    assert_unavailable(api, "/v1/projects?status=released")
    # An export whose row count is known without a query: its first batch tells.
    assert_unavailable(api, "/v1/projects?format=csv")
    assert_unavailable(api, "/v1/figures?format=ndjson&unit=kV")
    assert api.get("/readyz").status_code == 503
    proxy.restore()
    # Served again once the pool has a connection anew: 503 meanwhile.
    served_again_within(api, "/v1/projects?status=released", RECOVERY_S)
    assert api.get("/readyz").status_code == 200


def test_postgres_connections_broken_while_idle_cost_the_next_requests_nothing(
    postgres_behind_proxy: tuple[str, TcpProxy], make_api: MakeApi
) -> None:
    """Every connection of the pool cut while idle (the server restarted, its sessions
    terminated): the next requests, sent together, are all answered. Their batch, cut
    off with its connection, runs once more on a new one after the pool's check."""
    url, proxy = postgres_behind_proxy
    api = make_api(settings_for(url))

    def twelve_at_once(first: int) -> list[int]:
        urls = [f"/v1/figures?value__gte=-{n}" for n in range(first, first + 12)]
        return [got.status_code for got in api.get_at_once(urls)]

    assert twelve_at_once(1) == [200] * 12
    proxy.cut()
    proxy.restore()
    assert twelve_at_once(100) == [200] * 12


def test_postgres_back_after_a_long_outage_is_used_again_at_once(
    postgres_behind_proxy: tuple[str, TcpProxy], make_api: MakeApi
) -> None:
    """The pool's attempts to connect do not back off for longer than a request waits, so
    a server back after a long outage is used again within seconds, not after a wait
    that grew with the outage."""
    url, proxy = postgres_behind_proxy
    api = make_api(settings_for(url, db_wait_ms=1000))
    assert api.get("/v1/figures?unit=kV").status_code == 200
    proxy.cut()
    ended = time.monotonic() + LONG_OUTAGE_S
    while time.monotonic() < ended:
        assert api.get("/v1/figures?unit=CNY").status_code == 503
        time.sleep(0.25)
    proxy.restore()
    served_again_within(api, "/v1/figures?unit=CNY", RECOVERY_S)
