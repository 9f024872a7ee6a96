"""Test helpers: a synchronous HTTP client over the ASGI app, and database set-up."""

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
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
from seed.dataset import SAFE_LOADER

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

    def get_at_once(self, urls: list[str]) -> list[httpx.Response]:
        """GET every one of `urls` concurrently; the answers in the same order."""

        async def all_of_them() -> list[httpx.Response]:
            return list(await asyncio.gather(*(self.client.get(url) for url in urls)))

        return self.loop.run_until_complete(all_of_them())

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
        # Then what asyncio.run does before it closes its loop: tasks still pending (a
        # pool's workers that its close, bounded in time, left behind on a busy
        # machine) are cancelled and awaited, not destroyed pending. Only if there are
        # any: a gather of nothing, outside a running loop, makes a future of another.
        pending = asyncio.all_tasks(self.loop)
        for task in pending:
            task.cancel()
        if pending:
            self.loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self.loop.run_until_complete(self.loop.shutdown_asyncgens())
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
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    change(data)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")


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


POSTGRES_SKIPPED = "PostgreSQL half skipped: CIRCLE_TEST_POSTGRES_URL is not set"


def require_postgres() -> str:
    """The PostgreSQL server URL for tests, or skip (fail when CI demands PostgreSQL).
    Tests take it through the `postgres_server` fixture, which marks them `postgres`."""
    if not POSTGRES_URL:
        if POSTGRES_REQUIRED:
            pytest.fail("CIRCLE_REQUIRE_POSTGRES=1 but CIRCLE_TEST_POSTGRES_URL is unset")
        pytest.skip(POSTGRES_SKIPPED)
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


class PrivatePostgres:
    """A PostgreSQL server of the test's own, which it may freeze (SIGSTOP) or stop:
    initdb as the `postgres` OS user (initdb refuses root) in a temporary folder, on
    127.0.0.1 and a port of its own. Its `url` holds a copy of `source_url`'s database."""

    def __init__(self, source_url: str, max_connections: int = 20) -> None:
        found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        if not found:
            pytest.fail("no PostgreSQL server binaries under /usr/lib/postgresql")
        self.bin = found[-1].parent
        self.folder = Path(tempfile.mkdtemp(prefix="circle-test-pg-"))
        self.folder.chmod(0o755)
        shutil.chown(self.folder, "postgres", "postgres")
        self.port = free_port()
        data = self.folder / "data"
        self._as_postgres("initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync")
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            f"-c max_connections={max_connections} -c fsync=off"
        )
        log = str(self.folder / "server.log")  # else the server holds the output pipes open
        self._as_postgres(
            "pg_ctl", "-D", str(data), "-o", options, "-l", log, "-w", "-t", "60", "start"
        )
        self.pid = int((data / "postmaster.pid").read_text().split()[0])
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/circle"
        try:
            self._copy(source_url)
        except BaseException:
            self.close()
            raise

    def _copy(self, source_url: str) -> None:
        source = make_url(source_url).set(drivername="postgresql")
        with psycopg.connect(self.url.replace("/circle", "/postgres"), autocommit=True) as c:
            c.execute("CREATE DATABASE circle")
        dump = subprocess.run(
            [str(self.bin / "pg_dump"), "--no-owner", source.render_as_string(False)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        subprocess.run(
            [str(self.bin / "psql"), "-q", "-v", "ON_ERROR_STOP=1", self.url],
            input=dump.stdout,
            check=True,
            capture_output=True,
            timeout=120,
        )

    def _as_postgres(self, program: str, *arguments: str) -> None:
        subprocess.run(
            [str(self.bin / program), *arguments],
            user="postgres",
            group="postgres",
            cwd=self.folder,
            check=True,
            capture_output=True,
            timeout=120,
        )

    def processes(self) -> list[int]:
        """The server's processes: the postmaster and every process it started."""
        children = subprocess.run(
            ["pgrep", "-P", str(self.pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        return [self.pid, *map(int, children)]

    def signal(self, number: int) -> None:
        for pid in self.processes():
            with suppress(ProcessLookupError):
                os.kill(pid, number)

    def close(self) -> None:
        self.signal(signal.SIGCONT)
        with suppress(subprocess.CalledProcessError):
            self._as_postgres("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
