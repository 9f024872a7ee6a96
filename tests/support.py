"""Test helpers: a synchronous HTTP client over the ASGI app, and database set-up."""

import asyncio
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

import httpx
import psycopg
import pytest
import yaml
from sqlalchemy import TextClause, text
from sqlalchemy.engine import make_url

from api.data.access import DataAccess
from api.main import CircleApp
from api.query.statements import StatementRunner
from api.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "seed" / "sources"
ARTICLE_ID = "cc-economic-circle-2022"
ARTICLE = SOURCES / ARTICLE_ID / "text.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
POSTGRES_URL = os.environ.get("CIRCLE_TEST_POSTGRES_URL")
POSTGRES_REQUIRED = os.environ.get("CIRCLE_REQUIRE_POSTGRES") == "1"
T = TypeVar("T")


class Api:
    """Talks HTTP to the app in-process, through httpx's ASGI transport."""

    def __init__(self, app: CircleApp) -> None:
        self.app = app
        self.closed = False
        self.loop = asyncio.new_event_loop()
        self.client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        )

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        return self.loop.run_until_complete(self.client.request(method, url, **kwargs))

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def json(self, url: str, **kwargs: Any) -> Any:
        response = self.get(url, **kwargs)
        assert response.status_code == 200, (url, response.status_code, response.text[:500])
        return response.json()

    def close(self) -> None:
        """Closes the client and the app (writing the access log's queue); once only."""
        if self.closed:
            return
        self.closed = True
        self.loop.run_until_complete(self.client.aclose())
        self.app.close()  # first: what lives on the loop is closed on it
        self.loop.close()


class MakeApi(Protocol):
    """The `make_api` fixture: an app of the test's own, closed when the test ends."""

    def __call__(self, settings: Settings, **changes: object) -> Api: ...


@dataclass(frozen=True)
class RawSql:
    """A statement key for tests: runs `sql` as it is."""

    sql: str

    def build(self, dialect: str) -> TextClause:
        return text(self.sql)


def edit_dataset(sources: Path, change: Callable[[Any], None], source: str = ARTICLE_ID) -> None:
    """Applies `change` to the parsed dataset.yaml of `source` under `sources`, in place."""
    path = sources / source / "dataset.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def run_work(data: DataAccess, work: Callable[[StatementRunner], T]) -> T:
    """`work` through the query runner, against the current snapshot, as a route runs it."""
    return asyncio.run(data.runner.run(data.snapshots.snapshot, work))


@contextmanager
def postgres_database(base_url: str) -> Iterator[str]:
    """A database of its own on the given server, dropped afterwards."""
    url = make_url(base_url)
    name = f"circle_test_{uuid.uuid4().hex[:10]}"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def require_postgres() -> str:
    """The PostgreSQL server URL for tests, or skip (fail when CI demands PostgreSQL).
    Tests take it through the `postgres_server` fixture, which marks them `postgres`."""
    if not POSTGRES_URL:
        if POSTGRES_REQUIRED:
            pytest.fail("CIRCLE_REQUIRE_POSTGRES=1 but CIRCLE_TEST_POSTGRES_URL is unset")
        pytest.skip("PostgreSQL half skipped: CIRCLE_TEST_POSTGRES_URL is not set")
    return POSTGRES_URL


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def live_server(
    database_url: str, log: Path, wait: float = 30, env: dict[str, str] | None = None
) -> Iterator[str]:
    """`circle serve` on a free loopback port (`env` on top of the environment); yields
    its base URL once /readyz answers."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        "cli.circle",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--database-url",
        database_url,
    ]
    environment = {**os.environ, "CIRCLE_ACCESS_LOG": "false", **(env or {})}
    with log.open("wb") as out:
        server = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + wait
            while True:
                if server.poll() is not None:
                    raise RuntimeError(f"the server exited: {log.read_text()[-2000:]}")
                with suppress(httpx.TransportError):
                    if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"no answer on /readyz: {log.read_text()[-2000:]}")
                time.sleep(0.1)
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=15)
