"""`make bench-scale`: the API over a synthetic 1,000,000-figure dataset, on SQLite and on
PostgreSQL, beside the same at 10,000 figures (for the server's memory).

Every question at c=1 (latency is the point here), the API pinned to CPU 0 and wrk to
CPU 1, in this sitting. Deep paging is compared with the response cache off (the count
cache still on), so that both pages are computed and the comparison is of the keyset
seek alone. Prints the tables and the plans of every statement, writes
bench/out/scale-results.json and fills the bench-scale block of docs/performance.md.
BENCH_POSTGRES_URL names the maintenance database through which our own are created.
"""

import json
import os
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import psycopg
from sqlalchemy import text

from api.data.database import read_engine
from api.query.cursor import encode_cursor
from api.query.params import ParseMemos, parse_collection
from api.settings import Settings
from bench import report
from bench.config import SERVER_CPU, WRK_CPU, seconds_from_env
from bench.explain import describe, explain
from bench.load import Load, Measurement, Wrk, median_of
from bench.paths import CIRCLE, OUT
from bench.queries import encoded
from bench.scale_data import (
    build_postgres,
    build_sqlite,
    postgres_database,
    size_label,
    sqlite_file,
)
from bench.scale_summary import doc_block, render, targets
from bench.servers import (
    Server,
    clean_env,
    free_port,
    get_all,
    http_get,
    running,
    stop_on_sigterm,
)
from bench.tools import ensure_wrk, machine
from models.resources import RESOURCES

SIZES = (10_000, 1_000_000)
# Memory is read on a fresh server after the same requests at every size (time-bound
# runs would serve more requests, and so cache more answers, where queries are faster).
MEMORY_REQUESTS = 100  # of each question but the heavy ones
DEEP_PAGES = 10_000
# Page 1 and the deep page are run in pairs, one after the other, and compared pair by
# pair: the machine drifts by more between runs minutes apart than the two pages differ.
DEEP_ROUNDS = 7
DEEP_RUN_S, DEEP_WARMUP_S = 2.0, 1.0
LIMIT = 50
RESULTS = OUT / "scale-results.json"
PLANS = OUT / "scale-explain.txt"
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


@dataclass(frozen=True)
class Question:
    key: str
    label: str
    path: str  # `{N}`: unique per request, as in `make bench`
    heavy: bool = False  # hundreds of ms: left out of the memory run's 100 requests

    @property
    def first_time(self) -> bool:
        return "{N}" in self.path


# unit=kV matches exactly 1/8 of the figures, and so does q=kilovolt (only kV figures
# say "kilovolts"); q=9999 is a narrow search (280 of 1,000,000). value__gte=-N keeps
# every figure but makes each request new: the API leaves such a range out of its SQL
# (api/query/counts.py), but the answer is still computed anew. half_new is the count
# no shortcut serves: two ranges, half of the kV figures, every one walked; pair_new
# counts the rows two facet values share, which no index holds together.
QUESTIONS = (
    Question(
        "page_new",
        "unit=kV, sorted, counted: first-time",
        "/v1/figures?unit=kV&sort=value&value__gte=-{N}",
    ),
    Question("page", "unit=kV, sorted, counted: repeated", "/v1/figures?unit=kV&sort=value"),
    Question(
        "half_new",
        "unit=kV, 250,000 < value <= 750,000 (1/16), counted: first-time",
        "/v1/figures?unit=kV&sort=value&value__gt=250000&value__lte=750000&value__gte=-{N}",
    ),
    Question(
        "facet_new",
        "+ facet=qualifier: first-time",
        "/v1/figures?unit=kV&sort=value&facet=qualifier&value__gte=-{N}",
    ),
    Question(
        "facet", "+ facet=qualifier: repeated", "/v1/figures?unit=kV&sort=value&facet=qualifier"
    ),
    Question(
        "dated_new",
        "sort=period_start (a date, never missing here): first-time",
        "/v1/figures?sort=period_start&value__gte=-{N}",
    ),
    Question(
        "pair_new",
        "projected=true&unit=CNY (1/12), counted: first-time",
        "/v1/figures?projected=true&unit=CNY&value__gte=-{N}",
        heavy=True,
    ),
    Question("search_new", "q=9999 (narrow): first-time", "/v1/figures?q=9999&value__gte=-{N}"),
    Question("search", "q=9999 (narrow): repeated", "/v1/figures?q=9999"),
    Question(
        "broad_new",
        "q=kilovolt (1/8): first-time",
        "/v1/figures?q=kilovolt&value__gte=-{N}",
        heavy=True,
    ),
    Question("broad", "q=kilovolt (1/8): repeated", "/v1/figures?q=kilovolt", heavy=True),
)
FIRST_PAGE = "/v1/figures?sort=value"
OTHER_QUESTIONS = Path(__file__).with_name("other_questions.txt")
OTHER_REPEATS = 3


def other_questions() -> list[str]:
    """bench/other_questions.txt, or the file BENCH_OTHER_QUESTIONS names (same form)."""
    path = Path(os.environ.get("BENCH_OTHER_QUESTIONS", OTHER_QUESTIONS))
    try:
        lines = [line.strip() for line in path.read_text().splitlines()]
    except (OSError, UnicodeDecodeError) as exc:
        raise SystemExit(f"bench-scale: cannot read the other questions in {path}: {exc}") from None
    paths = [encoded(line) for line in lines if line and not line.startswith("#")]
    bad = [p for p in paths if not p.startswith("/v1/")]
    if bad:
        raise SystemExit(f"bench-scale: {path}: not a path of the API: {bad[0][:100]}")
    return paths


def scale_server(name: str, url: str, *, cache: bool) -> Server:
    port = free_port()
    argv = [*CIRCLE, "serve", "--host", "127.0.0.1", "--port", str(port)]
    argv += ["--workers", "1", "--database-url", url]
    env = {"CIRCLE_SQLITE_IMMUTABLE": "true"} if url.startswith("sqlite") else {}
    if not cache:
        env["CIRCLE_RESPONSE_CACHE_BYTES"] = "0"
    return Server(name, argv, port, "/healthz", SERVER_CPU, clean_env(**env))


def deep_page(url: str, rows: int) -> tuple[str, int, str]:
    """A cursor to the page after `depth` full pages of FIRST_PAGE, made as the API makes
    its own (signed with the dataset's secret, bound to the query), rather than walked
    to through 10,000 requests; and the id that page must start with."""
    depth = min(DEEP_PAGES, rows // LIMIT - 1)
    query = parse_collection(
        RESOURCES["figures"],
        {"sort": ["value"]},
        default_limit=LIMIT,
        max_limit=500,
        max_length=200,
        memos=ParseMemos(0),
    )
    engine = read_engine(Settings(database_url=url))
    try:
        with engine.connect() as conn:
            secret = conn.execute(
                text("SELECT value FROM dataset_meta WHERE key = 'cursor_secret'")
            ).scalar_one()
            version = conn.execute(
                text("SELECT value FROM dataset_meta WHERE key = 'version'")
            ).scalar_one()
            last, following = conn.execute(
                text("SELECT value, id FROM figures ORDER BY value, id LIMIT 2 OFFSET :skip"),
                {"skip": depth * LIMIT - 1},
            ).all()
    finally:
        engine.dispose()
    binding = query.binding("figures")
    cursor = encode_cursor(str(secret).encode(), str(version), binding, [last[0]], last[1])
    return f"{FIRST_PAGE}&cursor={cursor}", depth, str(following[1])


def check(server: Server, path: str) -> str | None:
    """None if the API answers 200, else what it answered: a question the API cannot
    answer (e.g. over its query time limit) is reported as such, not timed."""
    status, _, body = http_get(server.port, path)
    if status == 200:
        return None
    detail = orjson.loads(body).get("detail", "") if body.startswith(b"{") else ""
    return f"answered {status}: {detail}"


def row(
    engine: str, rows: int, key: str, label: str, m: Measurement | None, failure: str | None
) -> dict[str, Any]:
    outcome = f"p50 {m.p50_ms:8.2f} ms" if m else failure
    print(f"  {engine:10} {size_label(rows):>3} {label:45} {outcome}", flush=True)
    about = {"engine": engine, "rows": rows, "question": key, "label": label}
    return about | (m.as_dict() if m else {"failure": failure})


def measure(wrk: Wrk, engine: str, rows: int, url: str, asked: list[str]) -> dict[str, Any]:
    """The benchmarked questions, then (at the largest size) the `asked` other ones."""
    found: list[dict[str, Any]] = []
    name = f"scale-{engine}-{size_label(rows)}"
    others: list[dict[str, Any]] = []
    with running(scale_server(name, url, cache=True)) as server:
        for q in QUESTIONS:
            failure = check(server, wrk.fill(q.path) if q.first_time else q.path)
            m = None if failure else wrk.measure(server, Load(q.path), 1)
            found.append(row(engine, rows, q.key, q.label, m, failure))
        if rows == max(SIZES):
            others = [ask_first_time(server, wrk, path) for path in asked]
    deep_path, depth, first_id = deep_page(url, rows)
    with running(scale_server(f"{name}-nocache", url, cache=False)) as server:
        body = http_get(server.port, deep_path)[2]
        if orjson.loads(body)["items"][0]["id"] != first_id:
            raise RuntimeError(f"{server.name}: the deep page does not start at {first_id}")
        paired = Wrk(wrk.binary, cpus=wrk.cpus, duration=DEEP_RUN_S, warmup=DEEP_WARMUP_S)
        firsts: list[Measurement] = []
        deeps: list[Measurement] = []
        for _ in range(DEEP_ROUNDS):
            firsts.append(paired.measure(server, Load(FIRST_PAGE), 1))
            deeps.append(paired.measure(server, Load(deep_path), 1))
        first, deep = median_of(firsts), median_of(deeps)
        ratios = sorted(d.p50_ms / f.p50_ms for f, d in zip(firsts, deeps, strict=True))
        deep_ratio = ratios[len(ratios) // 2]
    peak_mib = memory_peak(wrk, f"{name}-memory", url)
    label = f"sort=value, page 1 (no response cache, median of {DEEP_ROUNDS} runs)"
    found.append(row(engine, rows, "first_page", label, first, None))
    label = f"sort=value, page {depth + 1:,} by cursor (same)"
    found.append(row(engine, rows, "deep_page", label, deep, None))
    return {
        "engine": engine,
        "rows": rows,
        "peak_rss_mib": round(peak_mib, 1),
        "deep_page_number": depth + 1,
        "deep_ratio": round(deep_ratio, 3),  # the median of the pairs' p50 ratios
        "deep_path": deep_path,
        "measurements": found,
        "others": others,
    }


def ask_first_time(server: Server, wrk: Wrk, path: str) -> dict[str, Any]:
    """A question asked OTHER_REPEATS times, new each time: its statuses and the median
    time to the whole answer, from the client."""
    statuses: set[int] = set()
    times: list[float] = []
    for _ in range(OTHER_REPEATS):
        started = time.perf_counter()
        status, _, _ = http_get(server.port, wrk.fill(path), timeout=60)
        times.append((time.perf_counter() - started) * 1000)
        statuses.add(status)
    median_ms = sorted(times)[len(times) // 2]
    print(f"  {server.name:24} {sorted(statuses)} {median_ms:8.1f} ms  {path}", flush=True)
    return {"path": path, "statuses": sorted(statuses), "median_ms": round(median_ms, 2)}


def memory_peak(wrk: Wrk, name: str, url: str) -> float:
    """VmHWM of a fresh server (response cache on) after MEMORY_REQUESTS of each question.

    Heavy questions are left out: a hundred of each would take minutes. PostgreSQL's own
    memory is not counted.
    """
    paths = [
        wrk.fill(q.path) if q.first_time else q.path
        for q in QUESTIONS
        if not q.heavy
        for _ in range(MEMORY_REQUESTS)
    ]
    with running(scale_server(name, url, cache=True)) as server:
        statuses = get_all(server.port, paths)
        if set(statuses) != {200}:
            print(f"bench-scale: {name}: answers other than 200: {sorted(set(statuses))}")
        return server.peak_rss_mib()


def plans(url: str, wrk: Wrk, deep_path: str) -> dict[str, list[dict[str, Any]]]:
    urls = [wrk.fill(q.path) for q in QUESTIONS] + [FIRST_PAGE, deep_path]
    found = explain(url, urls)
    text_ = describe(found)
    print(text_)
    with PLANS.open("a") as out:
        out.write(f"== {url}\n{text_}\n\n")
    return {
        u: [{"statement": p.statement, "plan": p.lines, "kind": p.kind} for p in ps]
        for u, ps in found.items()
    }


def databases(admin_url: str) -> tuple[list[tuple[str, int, str]], str | None]:
    """(engine, rows, URL) of every synthetic database, built where missing; and the
    PostgreSQL server's version, None when it cannot be reached (SQLite only, then)."""
    found = [("sqlite", n, f"sqlite:///{build_sqlite(n)}") for n in SIZES]
    try:
        with psycopg.connect(admin_url, connect_timeout=3) as conn:
            row = conn.execute("SHOW server_version").fetchone()
    except psycopg.Error as exc:
        print(f"bench-scale: PostgreSQL unreachable at {admin_url} ({exc}); only SQLite")
        return found, None
    version = str(row[0]) if row else "unknown"
    return found + [("postgresql", n, build_postgres(admin_url, n)) for n in SIZES], version


def main() -> int:
    stop_on_sigterm()
    started = time.monotonic()
    duration = seconds_from_env("BENCH_DURATION", 5)
    warmup = seconds_from_env("BENCH_WARMUP", 2, allow_zero=True)
    admin_url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES)
    asked = other_questions()  # a bad file stops the bench before it builds anything
    wrk = Wrk(ensure_wrk(), cpus=WRK_CPU, duration=duration, warmup=warmup)
    OUT.mkdir(parents=True, exist_ok=True)
    PLANS.unlink(missing_ok=True)
    found, postgres_version = databases(admin_url)
    built_s = time.monotonic() - started
    results: list[dict[str, Any]] = []
    explained: dict[str, Any] = {}
    for engine, rows, url in found:
        measured = measure(wrk, engine, rows, url, asked)
        if rows == max(SIZES):
            explained[engine] = plans(url, wrk, measured["deep_path"])
        results.append(measured)
    summary = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(postgres=postgres_version),
        "settings": {
            "duration_s": duration,
            "warmup_s": warmup,
            "connections": 1,
            "memory_requests": MEMORY_REQUESTS * sum(not q.heavy for q in QUESTIONS),
        },
        "databases": [
            sqlite_file(n).name if e == "sqlite" else postgres_database(n) for e, n, _ in found
        ],
        "results": results,
        "plans": explained,
        "build_s": built_s,
        "elapsed_s": time.monotonic() - started,
    }
    summary["targets"] = targets(summary)
    RESULTS.write_text(json.dumps(summary, indent=2, default=str))
    print(f"\n{render(summary, markdown=False)}")
    print(
        f"bench-scale: done in {summary['elapsed_s']:.0f} s; plans in {PLANS}, numbers in {RESULTS}"
    )
    report.update_doc("bench-scale", doc_block(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
