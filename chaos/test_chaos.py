"""`make chaos`: faults and abuse against `circle serve`, from outside, on loopback only,
each bounded in count and time (the whole suite runs under `timeout` in the Makefile).

- a cache-key flood (thousands of distinct long Origin values and query strings, each
  twice) and oversized headers, the worker's RSS sampled from /proc against its budget;
- slowloris connections (idle, half-sent heads, a byte at a time) closed in the
  configured time while /healthz answers;
- a private PostgreSQL (initdb as the `postgres` OS user, its own port) stopped under
  load: only 200 and 503, /readyz 503, then 200 once it is back, the API not restarted;
- a /readyz flood with the database's connections sampled (pg_stat_activity);
- an export cut by an outage: a broken transfer, never a clean end;
- a stalled log reader (stdout a pipe nobody reads) while /healthz answers;
- over 40,000 figures (bench/scale_data.py) on SQLite and PostgreSQL: 40 concurrent
  exports (each refused before its body or complete), 200 export readers that read
  nothing for 20 s (the worker's growth, first-time pages meanwhile), and a client that
  reads nothing dropped after the send timeout. The flood above runs over it too, with
  one-off 8 KB URLs and stalled exports, against the sum of the memory settings.

The figures measured are printed (`make chaos` runs pytest with -s).
"""

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import httpx
import orjson
import psycopg
import pytest

from api.settings import Settings
from bench.scale_data import build_postgres, build_sqlite
from seed.loader import seed
from tests.support import SOURCES, free_port

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024
# The flood's budget: the memory settings as configured (the caches, the memos, the
# digests, the bytes held for clients that stop reading), and the fixed overhead that
# docs/operations.md ("What each limit protects") states for what any Python worker
# allocates while it serves (buffers, threads, the allocator).
RESPONSE_CACHE = 4 * MIB
DOCUMENT_CACHE = 4 * MIB
MEMOS = 4 * MIB
DIGESTS = 4 * MIB
STALLED_WRITES = 4 * MIB
SLACK = 24 * MIB
BUDGET = RESPONSE_CACHE + DOCUMENT_CACHE + MEMOS + DIGESTS + STALLED_WRITES + SLACK
# A worker's connections at most, every use counted (api/data/database.py, ConnectionBudget).
POOL = Settings().db_connections


def report(text: str) -> None:
    print(f"\nchaos: {text}", flush=True)


# -- servers --------------------------------------------------------------------------


@dataclass
class Served:
    base: str
    process: subprocess.Popen[bytes]
    host: str = "127.0.0.1"
    port: int = 0

    @property
    def pid(self) -> int:
        return self.process.pid

    def rss(self) -> int:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        raise AssertionError("no VmRSS")


@contextmanager
def serve(
    database_url: str, env: dict[str, str] | None = None, stdout: int | None = None
) -> Iterator[Served]:
    """`circle serve` (one worker: the process is the worker) on a free loopback port."""
    port = free_port()
    command = [sys.executable, "-m", "cli.circle", "serve", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--database-url", database_url, "--workers", "1"]
    environment = {
        **os.environ,
        "CIRCLE_ACCESS_LOG": "false",
        **(env or {}),
    }
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in the finally below)
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=environment,
        stdout=stdout if stdout is not None else log,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"circle serve exited: {log.read()[-2000:]!r}")
            with suppress(httpx.TransportError):
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            assert time.monotonic() < deadline, "circle serve did not start"
            time.sleep(0.1)
        yield Served(base, process, port=port)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
        log.close()


class RssSampler:
    """The worker's resident memory, sampled every 20 ms on a thread; its peak."""

    def __init__(self, served: Served) -> None:
        self.served = served
        self.peak = served.rss()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.stop.wait(0.02):
            with suppress(OSError):
                self.peak = max(self.peak, self.served.rss())

    def __enter__(self) -> "RssSampler":
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.thread.join(timeout=5)


def in_threads(count: int, work: Callable[[int], None], timeout: float) -> None:
    """`work(i)` for i in range(count), each on a thread; fails past `timeout` seconds."""
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            work(i)
        except BaseException as exc:  # reported below, on the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    assert not any(thread.is_alive() for thread in threads), f"still running after {timeout} s"
    if errors:
        raise errors[0]


@pytest.fixture(scope="module")
def sqlite_url() -> Iterator[str]:
    folder = Path(tempfile.mkdtemp(prefix="circle-chaos-sqlite-"))
    try:
        url = f"sqlite:///{folder / 'circle.sqlite3'}"
        seed(url, SOURCES)
        yield url
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- a private PostgreSQL ---------------------------------------------------------------


class PrivatePostgres:
    """A PostgreSQL server of the suite's own: initdb as the `postgres` OS user (initdb
    refuses root) in a temporary folder, listening on 127.0.0.1 on a port of its own."""

    def __init__(self) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        if not found:
            pytest.fail("no PostgreSQL server binaries under /usr/lib/postgresql (make chaos-deps)")
        self.bin = Path(found[-1]).parent
        self.folder = Path(tempfile.mkdtemp(prefix="circle-chaos-pg-"))
        self.folder.chmod(0o755)
        self.data = self.folder / "data"
        self.port = free_port()
        self.admin_url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        shutil.chown(self.folder, "postgres", "postgres")
        self._as_postgres(
            str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
            "--no-sync", "-E", "UTF8",
        )  # fmt: skip
        self.start()

    def _as_postgres(self, *command: str) -> None:
        subprocess.run(
            command,
            user="postgres",
            group="postgres",
            cwd=self.folder,
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            "-c max_connections=60 -c fsync=off -c synchronous_commit=off"
        )
        self._as_postgres(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options,
            "-l", str(self.folder / "server.log"), "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop(self) -> None:
        """A fast shutdown: sessions are ended, the server is gone until start()."""
        self._as_postgres(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"
        )

    def running(self) -> bool:
        with suppress(psycopg.Error), psycopg.connect(self.admin_url, connect_timeout=2):
            return True
        return False

    def close(self) -> None:
        with suppress(subprocess.CalledProcessError):
            self._as_postgres(
                str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"
            )
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="module")
def postgres() -> Iterator[PrivatePostgres]:
    server = PrivatePostgres()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module")
def postgres_url(postgres: PrivatePostgres) -> str:
    """The real dataset, in a database of the private server."""
    with psycopg.connect(postgres.admin_url, autocommit=True) as admin:
        admin.execute("CREATE DATABASE circle")
    url = f"postgresql://postgres@127.0.0.1:{postgres.port}/circle"
    seed(url, SOURCES)
    return url


@pytest.fixture
def running(postgres: PrivatePostgres) -> PrivatePostgres:
    """The private server, started if a test before stopped it."""
    if not postgres.running():
        postgres.start()
    return postgres


# -- 1. memory under a cache-key flood and oversized headers ---------------------------


def one_off_long_url(n: int) -> str:
    """A URL of about 8 KB, asked once, answered 200 (no match): every text filter of
    figures given ten values of 190 characters."""
    fields = ("id", "subject_id", "measure", "source")
    values = ",".join(f"{n}-{v}-" + "v" * 180 for v in range(10))
    return "/v1/figures?" + "&".join(f"{name}={values}" for name in fields)


def test_a_key_flood_and_huge_headers_keep_the_worker_in_its_budget(scaled_sqlite_url: str) -> None:
    env = {
        "CIRCLE_RESPONSE_CACHE_BYTES": str(RESPONSE_CACHE),
        "CIRCLE_DOCUMENT_CACHE_BYTES": str(DOCUMENT_CACHE),
        "CIRCLE_MEMO_BYTES": str(MEMOS),
        "CIRCLE_DIGEST_CACHE_BYTES": str(DIGESTS),
        "CIRCLE_STALLED_WRITE_BYTES": str(STALLED_WRITES),
    }
    with serve(scaled_sqlite_url, env) as served:
        with httpx.Client(base_url=served.base, timeout=10) as client:
            for n in range(300):  # warm: every route and code path once
                client.get(f"/v1/figures?limit={n % 20 + 1}")
                client.get("/v1/search?q=chengdu")
                client.get(one_off_long_url(-n))
            assert export_outcome(client) == "complete"
        baseline = served.rss()
        statuses: Counter[int] = Counter()
        lock = threading.Lock()

        def flood(worker: int) -> None:
            seen: Counter[int] = Counter()
            with httpx.Client(base_url=served.base, timeout=10) as client:
                for n in range(worker, 4000, 8):
                    origin = f"https://{n}.example/" + "o" * 14_000  # with the next, under the cap
                    search = f"/v1/search?q=x{n}" + "y" * 150  # answered 200, and kept
                    unknown = f"/v1/figures?z{n}=" + "z" * 7_900  # 400
                    distinct = {"Origin": origin, f"X-Distinct-{n}": "d" * 1_000}
                    for _ in range(2 if n % 2 == 0 else 1):
                        cors = client.get("/v1/figures?limit=2", headers=distinct)
                        seen[cors.status_code] += 1
                        if n % 4 == 0:
                            seen[client.get(search).status_code] += 1
                            seen[client.get(unknown).status_code] += 1
                    seen[client.get(one_off_long_url(n)).status_code] += 1
            with lock:
                statuses.update(seen)

        def huge_headers(worker: int) -> None:
            for _ in range(10):  # 1 MB of one header, then one of 10,000 small ones
                for head in (
                    b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: " + b"a" * MIB + b"\r\n\r\n",
                    b"GET /healthz HTTP/1.1\r\nHost: t\r\n" + b"X-A: 1\r\n" * 10_000 + b"\r\n",
                ):
                    with socket.create_connection((served.host, served.port), timeout=10) as c:
                        with suppress(OSError):
                            c.sendall(head)
                        answer = c.recv(200)
                        with lock:
                            statuses[int(answer.split()[1])] += 1

        with RssSampler(served) as sampler:
            # Exports that nobody reads, held open through the flood.
            stalled = [stalled_reader(served) for _ in range(20)]
            in_threads(8, flood, timeout=300)
            in_threads(8, huge_headers, timeout=120)
            for conn in stalled:
                conn.close()
        grown = sampler.peak - baseline
        report(
            f"key flood and huge headers: {sum(statuses.values())} requests "
            f"{dict(statuses)}; RSS {baseline / MIB:.0f} MiB before, peak "
            f"{sampler.peak / MIB:.0f} MiB (+{grown / MIB:.1f} MiB; budget "
            f"+{BUDGET / MIB:.0f} MiB: the memory settings and {SLACK / MIB:.0f} MiB)"
        )
        assert set(statuses) == {200, 400, 431}
        assert statuses[431] == 8 * 10 * 2
        assert grown <= BUDGET


# -- 2. slowloris --------------------------------------------------------------------


def test_slow_and_idle_connections_are_closed_in_the_configured_time(sqlite_url: str) -> None:
    header_timeout, idle_timeout = 2, 2
    env = {
        "CIRCLE_HEADER_TIMEOUT_S": str(header_timeout),
        "CIRCLE_KEEPALIVE_TIMEOUT_S": str(idle_timeout),
    }
    with serve(sqlite_url, env) as served:
        address = (served.host, served.port)
        idle = [socket.create_connection(address) for _ in range(100)]
        half = [socket.create_connection(address) for _ in range(100)]
        trickle = [socket.create_connection(address) for _ in range(100)]
        opened = time.monotonic()
        for conn in half:
            conn.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Slow: ")
        every = idle + half + trickle
        closed_at: dict[int, float] = {}
        healthz: Counter[int] = Counter()
        text = b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Slow: " + b"a" * 200
        step = 0
        with httpx.Client(base_url=served.base, timeout=5) as client:
            while len(closed_at) < len(every) and time.monotonic() - opened < 30:
                for conn in trickle:  # a byte each, 4 a second
                    if id(conn) not in closed_at and step < len(text):
                        with suppress(OSError):
                            conn.send(text[step : step + 1])
                step += 1
                for conn in every:
                    if id(conn) in closed_at:
                        continue
                    conn.setblocking(False)
                    try:
                        while conn.recv(65536):
                            pass
                        closed_at[id(conn)] = time.monotonic() - opened
                    except BlockingIOError:
                        pass
                    except OSError:
                        closed_at[id(conn)] = time.monotonic() - opened
                healthz[client.get("/healthz").status_code] += 1
                time.sleep(0.25)
        for conn in every:
            conn.close()
        latest = max(closed_at.values(), default=float("inf"))
        report(
            f"slowloris: {len(closed_at)}/{len(every)} connections closed by the "
            f"server, the last after {latest:.1f} s (limits {header_timeout} s / "
            f"{idle_timeout} s); /healthz meanwhile {dict(healthz)}"
        )
        assert len(closed_at) == len(every)
        # Each limit is kept to within a couple of seconds of this loop's polling.
        assert latest < max(header_timeout, idle_timeout) + 3
        assert set(healthz) == {200}


# -- 3. the database lost under load, and back ------------------------------------------


class Load:
    """Requests on threads until stopped, their statuses counted (transport errors too)."""

    def __init__(self, base: str, urls: list[str], threads: int = 6) -> None:
        self.base = base
        self.urls = urls
        self.statuses: Counter[int | str] = Counter()
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(i,)) for i in range(threads)]

    def _run(self, worker: int) -> None:
        n = worker
        with httpx.Client(base_url=self.base, timeout=15) as client:
            while not self.stop.is_set():
                url = self.urls[n % len(self.urls)]
                n += len(self.threads)
                try:
                    status: int | str = client.get(url).status_code
                except httpx.TransportError as exc:
                    status = type(exc).__name__
                with self.lock:
                    self.statuses[status] += 1

    def __enter__(self) -> "Load":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)


def wait_for(check: Callable[[], bool], seconds: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if check():
            return time.monotonic() - started
        time.sleep(0.2)
    raise AssertionError(f"not within {seconds} s")


def test_postgres_stopped_under_load_is_503_then_200_without_a_restart(
    running: PrivatePostgres, postgres_url: str
) -> None:
    # Distinct questions, none asked twice: the response cache keeps an answer from the
    # second ask, and the answers must come from the database. Each carries its own
    # number in a filter every record passes (`id__not=absent-N`), so that however fast
    # the load runs, the outage is never answered from the cache.
    urls = [
        f"/v1/{name}?id__not=absent-{n}&limit={1 + n % 50}&sort={sort}"
        for n in range(1, 100_001)
        for name, sort in (("projects", "id"), ("figures", "-id"), ("infrastructure", "name"))
    ]
    with serve(postgres_url) as served, httpx.Client(base_url=served.base) as probe:
        with Load(served.base, urls) as load:
            time.sleep(2)
            running.stop()
            time.sleep(3)
            down = probe.get("/readyz", timeout=10)
            during = probe.get("/v1/projects?limit=3&status=planned", timeout=10)
            # Its row count is known without a query: only its first batch can tell.
            export = probe.get("/v1/projects?format=csv", timeout=10)
            running.start()
            back = wait_for(
                lambda: probe.get("/v1/projects?limit=4", timeout=10).status_code == 200, 60
            )
            ready = wait_for(lambda: probe.get("/readyz", timeout=10).status_code == 200, 60)
            time.sleep(1)
        report(
            f"PostgreSQL stopped under load: {dict(load.statuses)}; /readyz while "
            f"down {down.status_code}, an export {export.status_code}; 200 again "
            f"{back:.1f} s after the restart, /readyz 200 after {ready:.1f} s more; "
            "the API was not restarted"
        )
        assert served.process.poll() is None
        assert set(load.statuses) == {200, 503}
        assert sum(load.statuses.values()) < len(urls)  # no question asked twice
        assert (down.status_code, down.headers["retry-after"]) == (503, "5")
        assert during.status_code == 503
        assert during.headers["content-type"] == "application/problem+json"
        assert (export.status_code, export.headers["retry-after"]) == (503, "5")


# -- 4. a /readyz flood, the database's connections counted -----------------------------


def test_a_readyz_flood_holds_no_more_connections_than_the_pool(
    running: PrivatePostgres, postgres_url: str
) -> None:
    def connections() -> int:
        with psycopg.connect(running.admin_url, autocommit=True) as db:
            row = db.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = 'circle'"
            ).fetchone()
        return int(row[0]) if row else 0

    # Readiness checked afresh on every call: the worst case for the pool.
    with serve(postgres_url, {"CIRCLE_READINESS_TTL_MS": "0"}) as served:
        peak = 0
        stop = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not stop.wait(0.02):
                peak = max(peak, connections())

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        statuses: Counter[int] = Counter()
        lock = threading.Lock()

        def flood(worker: int) -> None:
            seen: Counter[int] = Counter()
            with httpx.Client(base_url=served.base, timeout=15) as client:
                for n in range(250):
                    seen[client.get("/readyz").status_code] += 1
                    if n % 5 == 0:
                        seen[client.get(f"/v1/figures?q=yuan&limit={n % 40 + 1}").status_code] += 1
            with lock:
                statuses.update(seen)

        in_threads(32, flood, timeout=300)
        stop.set()
        sampler.join(timeout=5)
        report(
            f"/readyz flood: {sum(statuses.values())} requests {dict(statuses)}; at most "
            f"{peak} connections to the database (the worker's budget: {POOL})"
        )
        assert set(statuses) == {200}
        assert peak <= POOL


# -- 5. an export cut by an outage ------------------------------------------------------


def test_an_export_cut_by_an_outage_is_visibly_broken(
    running: PrivatePostgres, scaled_url: str
) -> None:
    with serve(scaled_url) as served, httpx.Client(base_url=served.base) as client:
        received = 0
        outcome = "ended cleanly"
        with client.stream("GET", "/v1/figures?format=ndjson", timeout=60) as answer:
            assert answer.status_code == 200
            assert answer.headers["transfer-encoding"] == "chunked"
            try:
                for chunk in answer.iter_raw():
                    received += len(chunk)
                    if received > 64 * 1024 and running.running():
                        running.stop()  # the server waits on this slow reader meanwhile
            except httpx.RemoteProtocolError as exc:
                outcome = f"broken: {exc}"
        report(f"export cut by an outage after {received:,} bytes: {outcome}")
        assert outcome.startswith("broken")
        assert received < 40_000 * 500  # well short of the whole export


@pytest.fixture(scope="module")
def scaled_url(postgres: PrivatePostgres) -> str:
    """40,000 figures (bench/scale_data.py): an export far larger than socket buffers."""
    if not postgres.running():
        postgres.start()
    return build_postgres(
        f"host=127.0.0.1 port={postgres.port} user=postgres dbname=postgres", 40_000
    )


# -- 6. a stalled log reader ------------------------------------------------------------


def test_a_stalled_log_reader_does_not_stop_the_worker(sqlite_url: str) -> None:
    read_end, write_end = os.pipe()
    try:
        with serve(sqlite_url, {"CIRCLE_ACCESS_LOG": "true"}, stdout=write_end) as served:
            os.close(write_end)
            write_end = -1
            healthz: Counter[int | str] = Counter()
            stop = threading.Event()

            def check() -> None:
                with httpx.Client(base_url=served.base, timeout=5) as client:
                    while not stop.wait(0.1):
                        try:
                            healthz[client.get("/healthz").status_code] += 1
                        except httpx.TransportError as exc:
                            healthz[type(exc).__name__] += 1

            checker = threading.Thread(target=check, daemon=True)
            checker.start()

            def flood(worker: int) -> None:
                with httpx.Client(base_url=served.base, timeout=10) as client:
                    for n in range(1500):  # ~250-byte lines: far past the pipe and buffer
                        assert client.get(
                            f"/v1/figures?limit={n % 9 + 1}&w={worker}"
                        ).status_code in (200, 400)

            in_threads(6, flood, timeout=300)
            stop.set()
            checker.join(timeout=10)
            # The reader wakes up: what was kept is written, and the drops are reported.
            logged = ReadAll(read_end)
            with httpx.Client(base_url=served.base, timeout=5) as client:
                wait_for(lambda: client.get("/healthz").status_code == 200
                         and b"access_log_lines_dropped" in logged.data, 20)  # fmt: skip
            dropped = sum(
                int(line.split(b'"access_log_lines_dropped":')[1].rstrip(b"}"))
                for line in logged.data.splitlines()
                if b"access_log_lines_dropped" in line
            )
        report(
            f"stalled log reader: /healthz meanwhile {dict(healthz)}; "
            f"{dropped} lines dropped and reported, {logged.data.count(b'request_id')} written"
        )
        assert set(healthz) == {200}
        assert dropped > 0
    finally:
        if write_end >= 0:
            os.close(write_end)


@dataclass
class ReadAll:
    """Reads a pipe on a thread until it ends."""

    fd: int
    data: bytes = b""
    thread: threading.Thread = field(init=False)

    def __post_init__(self) -> None:
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        with open(self.fd, "rb", buffering=0) as pipe:
            reader: IO[Any] = pipe
            while chunk := reader.read(65536):
                self.data += chunk


# -- 7. exports at scale: admitted and finished, or refused before their body -------------

SCALED_ROWS = 40_000
EXPORT = "/v1/figures?format=ndjson"
# Admitted at once in the concurrency test: half of its 40 exports.
ADMITTED = 20


@pytest.fixture(scope="module")
def scaled_sqlite_url() -> str:
    """40,000 figures in SQLite (bench/scale_data.py; built once, then reused)."""
    return f"sqlite:///{build_sqlite(SCALED_ROWS)}"


@pytest.fixture(params=["sqlite", "postgres"])
def scaled(request: pytest.FixtureRequest) -> str:
    """The 40,000-figure database on each engine."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("scaled_sqlite_url"))
    request.getfixturevalue("running")
    return str(request.getfixturevalue("scaled_url"))


def export_outcome(client: httpx.Client, url: str = EXPORT) -> str:
    """How an export ended: "refused" (a 503 problem with Retry-After, no body),
    "complete" (every record, each a JSON line), or what else happened."""
    try:
        with client.stream("GET", url, timeout=120) as answer:
            if answer.status_code == 503:
                answer.read()
                problem = answer.json()
                assert answer.headers["retry-after"] == "5"
                assert answer.headers["content-type"] == "application/problem+json"
                assert problem["status"] == 503
                return "refused"
            if answer.status_code != 200:
                return f"status {answer.status_code}"
            body = answer.read()
    except httpx.TransportError as exc:
        return f"cut after its 200: {type(exc).__name__}: {exc}"
    lines = body.split(b"\n")
    if lines[-1] != b"" or len(lines) - 1 != SCALED_ROWS:
        return f"incomplete: {len(lines) - 1} lines"
    ids = {orjson.loads(line)["id"] for line in lines[:-1]}
    return "complete" if len(ids) == SCALED_ROWS else "duplicated records"


def test_concurrent_exports_finish_or_are_refused_before_their_body(scaled: str) -> None:
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()
    env = {"CIRCLE_MAX_EXPORTS": str(ADMITTED)}
    with serve(scaled, env) as served:
        start = threading.Barrier(40)

        def export(worker: int) -> None:
            with httpx.Client(base_url=served.base) as client:
                start.wait(timeout=30)
                outcome = export_outcome(client)
            with lock:
                outcomes[outcome] += 1

        started = time.monotonic()
        in_threads(40, export, timeout=400)
        took = time.monotonic() - started
    report(
        f"[{scaled.split(':')[0]}] 40 concurrent exports of {SCALED_ROWS:,} figures "
        f"({ADMITTED} admitted at once): {dict(outcomes)} in {took:.0f} s"
    )
    assert set(outcomes) <= {"complete", "refused"}
    assert outcomes["complete"] >= ADMITTED


# -- 8. export readers that read nothing -------------------------------------------------


def stalled_reader(served: Served, url: str = EXPORT) -> socket.socket:
    """A connection that asks for `url` and reads nothing (a small receive buffer)."""
    conn = socket.socket()
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    conn.connect((served.host, served.port))
    conn.sendall(f"GET {url} HTTP/1.1\r\nHost: t\r\n\r\n".encode())
    return conn


def test_export_readers_that_read_nothing_hold_bounded_memory(scaled: str) -> None:
    with serve(scaled) as served:
        with httpx.Client(base_url=served.base, timeout=10) as client:
            for n in range(50):  # warm: pages and an export
                client.get(f"/v1/figures?limit={n % 20 + 1}&sort=value")
            assert export_outcome(client) == "complete"
        baseline = served.rss()
        slowest = 0.0
        pages: Counter[int] = Counter()
        with RssSampler(served) as sampler:
            readers = [stalled_reader(served) for _ in range(200)]
            stalled_at = time.monotonic()
            with httpx.Client(base_url=served.base, timeout=2) as client:
                n = 0
                while time.monotonic() - stalled_at < 20:
                    # A first-time page (a new bound each time), answered within 2 s.
                    asked = time.monotonic()
                    page = client.get(f"/v1/figures?value__gte={n * 1000 + 7}&limit=20")
                    slowest = max(slowest, time.monotonic() - asked)
                    pages[page.status_code] += 1
                    n += 1
                    time.sleep(0.2)
            for conn in readers:
                conn.close()
        grown = sampler.peak - baseline
        with httpx.Client(base_url=served.base) as client:
            # The readers' slots are given back once they are gone.
            freed = wait_for(lambda: export_outcome(client) == "complete", 30)
        report(
            f"[{scaled.split(':')[0]}] 200 export readers that read nothing for 20 s: RSS "
            f"+{grown / MIB:.1f} MiB (at most 64); {sum(pages.values())} first-time pages "
            f"{dict(pages)}, the slowest {slowest:.2f} s; an export admitted again "
            f"{freed:.1f} s after they closed"
        )
        assert set(pages) == {200}
        assert grown <= 64 * MIB


def established(conn: socket.socket) -> bool:
    """Whether the server still holds the connection open, read without reading: the
    state the kernel keeps for it (tcp_info's first byte; 1 is ESTABLISHED)."""
    return conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 8)[0] == 1


def test_a_client_that_reads_nothing_is_dropped_after_the_send_timeout(
    scaled_sqlite_url: str,
) -> None:
    send_timeout = 2
    with serve(scaled_sqlite_url, {"CIRCLE_SEND_TIMEOUT_S": str(send_timeout)}) as served:
        readers = [stalled_reader(served) for _ in range(4)]
        # A page of 500 records each, pipelined 40 times: far more than socket buffers.
        page = b"GET /v1/figures?limit=500&sort=value HTTP/1.1\r\nHost: t\r\n\r\n"
        pagers = [stalled_reader(served, "/healthz") for _ in range(4)]
        for conn in pagers:
            conn.sendall(page * 40)
        opened = time.monotonic()
        dropped: dict[int, float] = {}
        while len(dropped) < 8 and time.monotonic() - opened < send_timeout + 20:
            time.sleep(0.5)
            for conn in readers + pagers:
                if conn.fileno() not in dropped and not established(conn):
                    dropped[conn.fileno()] = time.monotonic() - opened
        for conn in readers + pagers:
            conn.close()
        with httpx.Client(base_url=served.base) as client:
            assert export_outcome(client) == "complete"
    report(
        f"clients that read nothing: {len(dropped)}/8 dropped, the last after "
        f"{max(dropped.values(), default=float('inf')):.1f} s (send timeout {send_timeout} s)"
    )
    assert len(dropped) == 8
