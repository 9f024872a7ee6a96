"""`make bench`: the API beside a bare-Starlette baseline and Datasette, in one run.

The API is measured on SQLite and on PostgreSQL (a database of its own, created through
BENCH_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/postgres). PostgreSQL
itself is not pinned: it runs where the machine puts it, as it would beside a replica.

Each server in turn, alone, on 127.0.0.1, pinned to CPU 0 with wrk on CPU 1; every
question at c=1 and c=32 (warm-up thrown away, wait for idle, measured run). Prints one
table, writes bench/out/results.json, draws docs/performance.png and fills the results
block of docs/performance.md. BENCH_DURATION (default 5) and BENCH_WARMUP (default 2)
set the seconds of each measured and warm-up run. A 5 s run's req/s and p99 swing
between runs on a shared machine, so each question is measured BENCH_REPEATS (default
3) times at each concurrency after its warm-up, and the table gives the medians with
every run's req/s and p99 beside them.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

from bench import report
from bench.config import BOTH_CPUS, SERVER_CPU, WRK_CPU, runs_from_env, seconds_from_env
from bench.load import Load, Measurement, Wrk
from bench.paths import CHART, CIRCLE, LOGS, OUT, PROJECT_BIN, REPO
from bench.queries import Query, questions
from bench.servers import (
    Server,
    clean_env,
    free_port,
    http_get,
    running,
    stop_on_sigterm,
)
from bench.summary import (
    CONCURRENCY,
    FIRST_TIME_NOTE,
    POSTGRES,
    PROXIED,
    REPEATED_COLLECTION,
    WORKER_QUESTIONS,
    derive,
    doc_block,
    render,
    targets,
)
from bench.tools import ensure_tools_venv, ensure_wrk, machine
from deploy.cluster import nginx_binary, render_nginx

SQLITE_FILE = OUT / "circle.sqlite3"
NGINX_CONF = REPO / "deploy" / "nginx.conf"
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
BENCH_DATABASE = "circle_bench"
RESULTS = OUT / "results.json"
# The flags `circle serve` gives uvicorn (UVICORN_OPTIONS in server/serving.py), so
# that the baseline matches.
UVICORN_FLAGS = ["--log-level", "warning", "--no-access-log"]
UVICORN_FLAGS += ["--no-proxy-headers", "--no-server-header"]


def seed_sqlite() -> None:
    """The file the API and Datasette both serve; `circle seed` skips it when current."""
    OUT.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{SQLITE_FILE}"
    subprocess.run([*CIRCLE, "seed", "--database-url", url], check=True, cwd=REPO)


def seed_postgres(admin_url: str) -> str:
    """A database of the bench's own on that server, seeded (skipped when current)."""
    admin = make_url(admin_url)
    with psycopg.connect(
        admin.set(drivername="postgresql").render_as_string(hide_password=False),
        autocommit=True,
    ) as conn:
        found = conn.execute(f"SELECT 1 FROM pg_database WHERE datname = '{BENCH_DATABASE}'")
        if found.fetchone() is None:
            conn.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    url = admin.set(database=BENCH_DATABASE).render_as_string(hide_password=False)
    subprocess.run([*CIRCLE, "seed", "--database-url", url], check=True, cwd=REPO)
    return url


def drop_postgres(admin_url: str) -> None:
    """The bench's database goes when the bench ends: it leaves nothing on the server."""
    admin = make_url(admin_url).set(drivername="postgresql")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")


def baseline_server(name: str) -> Server:
    port = free_port()
    argv = [str(PROJECT_BIN / "uvicorn"), "bench.baseline:app", "--host", "127.0.0.1"]
    argv += ["--port", str(port), *UVICORN_FLAGS]
    return Server(name, argv, port, "/", SERVER_CPU)


def api_server(
    name: str,
    *,
    workers: int = 1,
    cpus: str = SERVER_CPU,
    database_url: str = f"sqlite:///{SQLITE_FILE}",
) -> Server:
    port = free_port()
    argv = [*CIRCLE, "serve", "--host", "127.0.0.1", "--port", str(port)]
    argv += ["--workers", str(workers), "--database-url", database_url]
    # Immutable, as Datasette's -i: nothing rewrites the file while it is served. The
    # API's JSON access log stays on (to bench/out/logs/): it is part of the product.
    env = clean_env(CIRCLE_SQLITE_IMMUTABLE="true")
    return Server(name, argv, port, "/healthz", cpus, env)


@contextmanager
def proxy(api: Server) -> Iterator[Server]:
    """deploy/nginx.conf in front of `api`, as `make cluster` serves it (its cache on),
    on the baseline's CPU; its folders in a temporary one."""
    nginx = nginx_binary()
    if nginx is None:
        raise RuntimeError("bench: nginx is needed for the proxied row: `make cluster-deps`")
    with tempfile.TemporaryDirectory(prefix="circle-bench-nginx-") as folder:
        run_dir = Path(folder)
        run_dir.chmod(0o755)  # nginx's workers reach into it
        port = free_port()
        conf = render_nginx(NGINX_CONF.read_text(), [api.port], port, run_dir, LOGS)
        (run_dir / "nginx.conf").write_text(conf)
        argv = [nginx, "-p", str(run_dir), "-c", str(run_dir / "nginx.conf")]
        argv += ["-e", str(LOGS / "nginx-error.log")]
        argv += ["-g", f"daemon off; pid {run_dir / 'nginx.pid'};"]
        with running(Server("nginx", argv, port, "/healthz", SERVER_CPU)) as server:
            yield server


def datasette_server(tools_bin: Path) -> Server:
    port = free_port()
    argv = [str(tools_bin / "datasette"), "serve", "-i", str(SQLITE_FILE)]
    argv += ["--host", "127.0.0.1", "--port", str(port)]
    return Server("datasette", argv, port, "/-/versions.json", SERVER_CPU)


def prepare(wrk: Wrk, server: Server, path: str, query: Query) -> tuple[Load, str]:
    """The load for one question, checked once by hand first: a 400 or a 500 would
    otherwise be measured as a fast answer. A revalidation sends the ETag of a GET."""
    headers: tuple[tuple[str, str], ...] = ()
    note = ""
    if query.revalidate:
        etag = http_get(server.port, path)[1].get("etag")
        if etag:
            headers = (("If-None-Match", etag),)
        else:
            note = "sends no ETag: answers 200 with the body"
    expected = 304 if headers else 200
    probe = wrk.fill(path) if query.first_time else path
    status = http_get(server.port, probe, dict(headers))[0]
    if status != expected:
        raise RuntimeError(f"{server.name}: {probe} answered {status}, not {expected}")
    return Load(path, headers), note


def progress(who: str, label: str, connections: int, m: Measurement) -> None:
    runs = report.runs(m.as_dict())
    print(
        f"  {who:19} {label:32} c={connections:<3} {m.rps:10,.0f} req/s"
        + (f"  (runs: {runs})" if runs else ""),
        flush=True,
    )


def ask_all(
    wrk: Wrk, server: Server, who: str, queries: tuple[Query, ...], repeats: int
) -> list[dict[str, Any]]:
    rows = []
    for query in queries:
        path = query.datasette if who == "datasette" else query.api
        load, note = prepare(wrk, server, path, query)
        for connections in CONCURRENCY:
            m = wrk.measure(server, load, connections, repeats=repeats)
            progress(who, query.label, connections, m)
            about = {"server": who, "query": query.key, "label": query.label, "path": path}
            rows.append(about | {"first_time": query.first_time, "note": note} | m.as_dict())
    return rows


def ask_baseline(wrk: Wrk, server: Server, when: str, repeats: int) -> list[dict[str, Any]]:
    rows = []
    for connections in CONCURRENCY:
        m = wrk.measure(server, Load("/"), connections, repeats=repeats)
        progress("baseline", f"constant JSON ({when})", connections, m)
        rows.append({"server": "baseline", "query": "baseline", "when": when} | m.as_dict())
    return rows


def measure_workers(wrk: Wrk, queries: tuple[Query, ...]) -> list[dict[str, Any]]:
    """One worker against two at c=32, the servers and wrk free on both cores: there is
    no third core to keep wrk apart, so here wrk takes its share from both."""
    asked = [q for q in queries if q.key in WORKER_QUESTIONS]
    if not asked:
        return []
    rows = []
    for workers in (1, 2):
        server = api_server(f"api-{workers}-workers", workers=workers, cpus=BOTH_CPUS)
        with running(server):
            for query in asked:
                load, _ = prepare(wrk, server, query.api, query)
                m = wrk.measure(server, load, 32, cpus=BOTH_CPUS)
                progress(f"api {workers}w", query.label, 32, m)
                about = {"workers": workers, "query": query.key, "label": query.label}
                rows.append(about | m.as_dict())
    return rows


def worker_gains(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Two workers' req/s over one's, per question."""
    rps = {(r["workers"], r["query"]): r["rps"] for r in rows}
    return {query: rps[(2, query)] / rps[(1, query)] for workers, query in rps if workers == 1}


def draw_chart(tools_bin: Path) -> None:
    """docs/performance.png when the run is recorded, else bench/out/performance.png."""
    chart = CHART if report.recording() else OUT / CHART.name
    argv = [str(tools_bin / "python"), str(REPO / "bench" / "chart.py"), str(RESULTS)]
    if subprocess.run([*argv, str(chart)], check=False).returncode != 0:
        print("bench: the chart could not be drawn (see above); the numbers stand")


def main() -> int:
    stop_on_sigterm()
    started = time.monotonic()
    duration = seconds_from_env("BENCH_DURATION", 5)
    warmup = seconds_from_env("BENCH_WARMUP", 2, allow_zero=True)
    repeats = runs_from_env("BENCH_REPEATS", 3)  # measured runs per question
    queries = questions()  # a bad file stops the bench before it installs or starts anything
    wrk = Wrk(ensure_wrk(), cpus=WRK_CPU, duration=duration, warmup=warmup)
    tools_bin = ensure_tools_venv()
    seed_sqlite()
    admin_url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES)
    postgres_url = seed_postgres(admin_url)
    try:
        return measure(wrk, tools_bin, queries, repeats, postgres_url, started)
    finally:
        drop_postgres(admin_url)


def measure(
    wrk: Wrk,
    tools_bin: Path,
    queries: tuple[Query, ...],
    repeats: int,
    postgres_url: str,
    started: float,
) -> int:
    """Every server in turn, then the table, results.json, the chart and the doc block."""
    duration, warmup = wrk.duration, wrk.warmup
    rows: list[dict[str, Any]] = []
    with running(baseline_server("baseline")) as server:
        baseline = ask_baseline(wrk, server, "first", repeats)
    with running(api_server("api")) as server:
        rows += ask_all(wrk, server, "api", queries, repeats)
    with running(api_server("api-postgres", database_url=postgres_url)) as server:
        rows += ask_all(wrk, server, POSTGRES, queries, repeats)
    repeated = tuple(q for q in queries if q.key == REPEATED_COLLECTION)
    with running(api_server("api-behind-nginx")) as api, proxy(api) as server:
        rows += ask_all(wrk, server, PROXIED, repeated, repeats)
    with running(datasette_server(tools_bin)) as server:
        rows += ask_all(wrk, server, "datasette", queries, repeats)
    # Again at the end: the spread between the two runs shows how much the machine drifted.
    with running(baseline_server("baseline-again")) as server:
        baseline += ask_baseline(wrk, server, "last", repeats)
    workers = measure_workers(wrk, queries)
    results = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(tools_bin),
        "settings": {
            "duration_s": duration,
            "warmup_s": warmup,
            "runs_per_question": repeats,
            "server_cpus": SERVER_CPU,
            "wrk_cpus": WRK_CPU,
            "api_access_log": "on: JSON lines to bench/out/logs/api.log",
            "first_time": FIRST_TIME_NOTE,
        },
        "questions": [asdict(q) for q in queries],
        "baseline_rps": derive(rows, baseline),
        "baseline_runs": baseline,
        "rows": rows,
        "targets": targets(rows),
        "workers": workers,
        "workers_gain": worker_gains(workers),
        "elapsed_s": time.monotonic() - started,
    }
    RESULTS.write_text(json.dumps(results, indent=2))
    print(f"\n{render(results, markdown=False)}\n\n{FIRST_TIME_NOTE}.")
    runs = len(rows) + len(baseline) + len(workers)
    print(f"bench: {runs} measured runs in {results['elapsed_s']:.0f} s; see {RESULTS}")
    draw_chart(tools_bin)
    report.update_doc("bench", doc_block(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
