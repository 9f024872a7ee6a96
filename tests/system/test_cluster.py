"""The compose shape run as processes (deploy/cluster.py: PostgreSQL, the seed job, the
replicas and nginx on loopback), proved through nginx: a re-seed reaches every replica
within a second of its commit with no mixed answers, a replica killed under load costs
no request, a database outage under load gives only 200s and 503s and every replica
recovers by itself, a cursor from one replica is accepted by every other, and nginx
answers repeated questions from its own cache, never longer than the API's max-age
allows (revalidated by ETag after it) and never after a re-seed.

The tests share one cluster (it takes 15-20 s to start on this shared machine); each
gets it whole, with whatever the one before stopped or killed started again. Load is
bounded in time and in requests, on loopback only; every process is stopped whatever
the outcome.
"""

import asyncio
import itertools
import os
import shutil
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType

import httpx
import psycopg
import pytest

from deploy.cluster import Cluster, missing_tools, read_shape
from tests.support import SOURCES

pytestmark = pytest.mark.slow

RECORD = "/v1/projects/chengdu-chongqing-economic-circle"
OLD_NAME = "Chengdu-Chongqing economic circle"
NEW_NAME = f"{OLD_NAME} (re-seeded)"
SWITCH_S = 1.0  # a re-seed reaches every replica within this
# The replicas' Cache-Control max-age here: short, so that nginx's cache is seen to expire
# and revalidate within a test (compose's shape keeps the API's default).
MAX_AGE_S = 2
PAUSE_S = 0.02  # between two looks of a watcher
LOAD_LIMIT_S = 60.0  # no load runs longer, whatever happens
# Numbers for first-time questions: one count for the module, as its tests share the
# replicas' caches.
NUMBERS = itertools.count()


@pytest.fixture(scope="module")
def running_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    missing = missing_tools()
    if missing:
        message = f"the cluster needs {' and '.join(missing)}: run `make cluster-deps`"
        if os.environ.get("CIRCLE_REQUIRE_CLUSTER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    shape = read_shape()
    shape = replace(shape, env={**shape.env, "CIRCLE_CACHE_MAX_AGE": str(MAX_AGE_S)})
    with Cluster(logs=tmp_path_factory.mktemp("cluster"), shape=shape) as running:
        yield running


@pytest.fixture
def cluster(running_cluster: Cluster) -> Cluster:
    """The module's cluster, whole again: whatever a test stopped or killed is started
    (about a tenth of the time a new cluster takes here)."""
    running_cluster.restore()
    return running_cluster


def first_time(n: int) -> str:
    """A question no cache has seen: the database answers it."""
    return f"/v1/projects?q=never-seen-{n}&sort=-date_start"


def mixed(n: int) -> str:
    """Two first-time questions, then one every cache holds."""
    return first_time(n) if n % 3 else "/v1/figures?sort=-value&limit=2"


@dataclass
class Answer:
    started: float
    finished: float
    path: str
    status: int | str  # the HTTP status, or the transport error's name
    retry_after: str | None = None


class Load:
    """`concurrency` clients sending GETs to `base` on a thread until stopped (or for
    LOAD_LIMIT_S at most); every answer is kept."""

    def __init__(self, base: str, path: Callable[[int], str], concurrency: int = 8) -> None:
        self.base = base
        self.path = path
        self.concurrency = concurrency
        self.answers: list[Answer] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)

    def __enter__(self) -> "Load":
        self.thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stopping.set()
        self.thread.join(timeout=LOAD_LIMIT_S)

    async def _run(self) -> None:
        deadline = time.monotonic() + LOAD_LIMIT_S
        async with httpx.AsyncClient(base_url=self.base, timeout=10) as client:

            async def one_client() -> None:
                while not self.stopping.is_set() and time.monotonic() < deadline:
                    path = self.path(next(NUMBERS))
                    started = time.monotonic()
                    try:
                        got = await client.get(path)
                    except httpx.HTTPError as exc:
                        failed = Answer(started, time.monotonic(), path, type(exc).__name__)
                        self.answers.append(failed)
                        continue
                    retry_after = got.headers.get("retry-after")
                    answer = Answer(started, time.monotonic(), path, got.status_code, retry_after)
                    self.answers.append(answer)

            await asyncio.gather(*(one_client() for _ in range(self.concurrency)))

    def statuses(self, since: float = 0.0) -> Counter[int | str]:
        return Counter(a.status for a in self.answers if a.started >= since)


def status(url: str) -> int:
    """The status of GET `url`, 0 when nothing answers."""
    try:
        return httpx.get(url, timeout=5).status_code
    except httpx.HTTPError:
        return 0


def poll(url: str, expected: int, timeout: float) -> None:
    """Until GET `url` answers `expected`; fails the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while (got := status(url)) != expected:
        if time.monotonic() > deadline:
            pytest.fail(f"GET {url}: {got}, not {expected} within {timeout} s")
        time.sleep(0.05)


def version(url: str) -> str:
    got = httpx.get(f"{url}/v1", timeout=5)
    assert got.status_code == 200, got.text
    value: str = got.json()["dataset_version"]
    return value


def changed_sources(folder: Path) -> Path:
    """A copy of the sources with one record's name changed."""
    shutil.copytree(SOURCES, folder)
    dataset = folder / "cc-economic-circle-2022" / "dataset.yaml"
    text = dataset.read_text()
    project = f"  - id: {RECORD.rsplit('/', 1)[1]}\n    name: "
    assert text.count(project + OLD_NAME + "\n") == 1
    dataset.write_text(text.replace(project + OLD_NAME, project + NEW_NAME))
    return folder


@dataclass
class Look:
    """One look through a keep-alive connection: the version, the record, the version."""

    started: float
    before: str
    name: str
    after: str


class Watcher:
    """Looks at one base URL over one keep-alive connection (one worker of a replica)
    until stopped, every PAUSE_S: watching must not take the CPU the switch needs."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.looks: list[Look] = []
        self.errors: list[str] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        deadline = time.monotonic() + LOAD_LIMIT_S
        with httpx.Client(base_url=self.base, timeout=5) as client:
            while not self.stopping.is_set() and time.monotonic() < deadline:
                started = time.monotonic()
                try:
                    answers = [client.get(path) for path in ("/v1", RECORD, "/v1")]
                except httpx.HTTPError as exc:
                    self.errors.append(type(exc).__name__)
                    continue
                bad = [(a.status_code, a.text[:200]) for a in answers if a.status_code != 200]
                if bad:
                    self.errors.append(repr(bad))
                    continue
                before, record, after = (a.json() for a in answers)
                self.looks.append(
                    Look(
                        started, before["dataset_version"], record["name"], after["dataset_version"]
                    )
                )
                time.sleep(PAUSE_S)


class Committed:
    """When each dataset version became visible in the database (polled every 10 ms):
    the moment the loader's transaction, and its NOTIFY, committed."""

    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self.first_seen: dict[str, float] = {}
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        deadline = time.monotonic() + LOAD_LIMIT_S
        with psycopg.connect(self.database_url, autocommit=True) as conn:
            while not self.stopping.is_set() and time.monotonic() < deadline:
                row = conn.execute(
                    "SELECT value FROM dataset_meta WHERE key = 'version'"
                ).fetchone()
                assert row is not None
                self.first_seen.setdefault(str(row[0]), time.monotonic())
                time.sleep(0.01)


def test_a_reseed_reaches_every_replica_within_a_second(cluster: Cluster, tmp_path: Path) -> None:
    old = version(cluster.url)
    sources = changed_sources(tmp_path / "sources")
    committed = Committed(cluster.database_url)
    direct = [Watcher(replica.url) for replica in cluster.replicas]
    proxied = Watcher(cluster.url)
    watchers = [*direct, proxied]
    threads = [committed.thread, *(watcher.thread for watcher in watchers)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(0.3)
        line = cluster.seed(sources)
        new = version(cluster.replicas[0].url)
        assert new != old
        assert line.startswith(f"circle seed: dataset {new} loaded ")
        assert new in committed.first_seen
        time.sleep(max(0.0, committed.first_seen[new] + SWITCH_S + 0.5 - time.monotonic()))
    finally:
        for stopping in [committed.stopping, *(watcher.stopping for watcher in watchers)]:
            stopping.set()
        for thread in threads:
            thread.join(timeout=30)
    switched = committed.first_seen[new]
    names = {old: OLD_NAME, new: NEW_NAME}
    for watcher in watchers:
        assert watcher.errors == [], watcher.base
        assert watcher.looks[0].before == old, watcher.base  # watched from before the switch
        # Every look that began a second after the commit sees the new data only.
        late = [look for look in watcher.looks if look.started > switched + SWITCH_S]
        assert late, watcher.base
        last_old = max(look.started for look in watcher.looks if old in (look.before, look.after))
        assert {(look.before, look.name, look.after) for look in late} == {(new, NEW_NAME, new)}, (
            f"{watcher.base}: the old version still seen {last_old - switched:.3f} s after commit"
        )
    for watcher in direct:
        # One connection to one replica: never back from the new version to the old, and
        # the record read between two equal versions is that version's.
        seen = [v for look in watcher.looks for v in (look.before, look.after)]
        assert set(seen) == {old, new}, watcher.base
        assert seen == sorted(seen, key=[old, new].index), watcher.base
        for look in watcher.looks:
            if look.before == look.after:
                assert look.name == names[look.before], (watcher.base, look)


def test_a_replica_killed_under_load_costs_no_request(cluster: Cluster) -> None:
    victim = cluster.replicas[0]
    with Load(cluster.url, mixed) as load:
        time.sleep(1.0)
        victim.service.kill()  # SIGKILL to the replica's every process
        killed = time.monotonic()
        time.sleep(3.0)
    assert status(f"{victim.url}/readyz") == 0  # it is gone,
    assert load.statuses() == {200: len(load.answers)}  # and no request through nginx failed
    assert load.statuses(since=killed)[200] > 100, "too little load after the kill"
    for replica in cluster.replicas[1:]:
        assert replica.service.running()
        assert status(f"{replica.url}/readyz") == 200


def test_a_database_outage_under_load_gives_503_and_every_replica_recovers(
    cluster: Cluster,
) -> None:
    pids = [replica.service.pid for replica in cluster.replicas]
    with Load(cluster.url, mixed) as load:
        time.sleep(1.0)
        cluster.postgres.stop()
        stopped = time.monotonic()
        for replica in cluster.replicas:
            poll(f"{replica.url}/readyz", 503, 10)
            assert status(f"{replica.url}{first_time(next(NUMBERS))}") == 503
        assert status(f"{cluster.url}/readyz") == 503
        time.sleep(1.0)
        starting = time.monotonic()
        cluster.postgres.start()
        for replica in cluster.replicas:  # each by itself, without a restart
            poll(f"{replica.url}/readyz", 200, 30)
            poll(f"{replica.url}{first_time(next(NUMBERS))}", 200, 30)
        recovered = time.monotonic()
        time.sleep(1.0)
    assert set(load.statuses()) <= {200, 503}, load.statuses()
    # Sent and answered while the database was down (a question sent just before the
    # restart may reach the database after it).
    during = [a for a in load.answers if stopped + 0.5 < a.started and a.finished < starting]
    assert during, "no load while the database was down"
    assert {a.status for a in during if a.path.startswith("/v1/projects?q=")} == {503}, [
        (round(a.started - stopped, 3), round(a.finished - starting, 3), a.path)
        for a in during
        if a.status == 200 and a.path.startswith("/v1/projects?q=")
    ]
    assert all(a.retry_after == "5" for a in load.answers if a.status == 503)
    after = [a for a in load.answers if a.started > recovered]
    assert after, "no load after the recovery"
    assert {a.status for a in after} == {200}
    assert [replica.service.pid for replica in cluster.replicas] == pids  # not restarted
    assert all(replica.service.running() for replica in cluster.replicas)


def test_a_cursor_from_one_replica_is_accepted_by_every_other(cluster: Cluster) -> None:
    first, *others = cluster.replicas
    page_1 = httpx.get(f"{first.url}/v1/figures?limit=2&sort=-value", timeout=5).json()
    cursor = page_1["next_cursor"]
    assert cursor
    whole = httpx.get(f"{first.url}/v1/figures?limit=4&sort=-value", timeout=5).json()
    assert page_1["items"] == whole["items"][:2]
    for base in [other.url for other in others] + [cluster.url]:
        got = httpx.get(f"{base}/v1/figures?limit=2&sort=-value&cursor={cursor}", timeout=5)
        assert got.status_code == 200, (base, got.text)
        page_2 = got.json()
        assert page_2["items"] == whole["items"][2:4], base
        assert page_2["total"] == whole["total"] == 9


def test_nginx_answers_a_repeated_page_from_its_cache_until_max_age(cluster: Cluster) -> None:
    # A question no test asked before (every figure's value is >= 0).
    path = f"/v1/figures?sort=-value&limit=3&value__gte=-{next(NUMBERS)}"
    first = httpx.get(f"{cluster.url}{path}", timeout=5)
    again = httpx.get(f"{cluster.url}{path}", timeout=5)
    assert (first.status_code, again.status_code) == (200, 200)
    assert first.headers["x-cache-status"] == "MISS"
    assert again.headers["x-cache-status"] == "HIT"
    assert again.content == first.content
    for name in ("etag", "cache-control", "content-type"):
        assert again.headers[name] == first.headers[name], name
    assert first.headers["cache-control"] == f"public, max-age={MAX_AGE_S}"
    # The request id is each request's own, never the one stored with the answer.
    assert again.headers["x-request-id"] != first.headers["x-request-id"]
    # Past max-age the stored answer is not served as it is: the replica is asked with
    # its ETag, answers 304, and nginx serves the same bytes. (nginx's clock counts whole
    # seconds: an entry's age is checked against max-age to within one.)
    time.sleep(MAX_AGE_S + 1.1)
    later = httpx.get(f"{cluster.url}{path}", timeout=5)
    assert later.headers["x-cache-status"] == "REVALIDATED"
    assert (later.status_code, later.content) == (200, first.content)
    # A conditional request is answered from the cache with a 304.
    conditional = httpx.get(
        f"{cluster.url}{path}", headers={"If-None-Match": first.headers["etag"]}, timeout=5
    )
    assert conditional.status_code == 304


def test_nginx_keeps_no_answer_that_is_not_cacheable(cluster: Cluster) -> None:
    for path in ("/readyz", "/healthz"):
        answers = [httpx.get(f"{cluster.url}{path}", timeout=5) for _ in range(2)]
        # /readyz may be a 503 on a machine too busy to answer its check in time: either
        # way, each answer is the replica's own, never one nginx kept.
        assert {a.status_code for a in answers} <= {200, 503}, path
        assert {a.headers["x-cache-status"] for a in answers} <= {"MISS", "BYPASS"}, path


def test_a_reseed_empties_nginx_cache(cluster: Cluster, tmp_path: Path) -> None:
    old = version(cluster.url)
    cached = [httpx.get(f"{cluster.url}{RECORD}", timeout=5) for _ in range(2)]
    assert cached[1].headers["x-cache-status"] == "HIT"
    name = cached[1].json()["name"]
    # Whichever data the module's earlier tests left, the re-seed loads the other.
    line = cluster.seed(changed_sources(tmp_path / "sources") if name == OLD_NAME else SOURCES)
    assert " loaded " in line
    fresh = httpx.get(f"{cluster.url}{RECORD}", timeout=5)
    assert fresh.headers["x-cache-status"] == "MISS"
    assert fresh.json()["name"] == ({OLD_NAME, NEW_NAME} - {name}).pop()
    assert version(cluster.url) != old
