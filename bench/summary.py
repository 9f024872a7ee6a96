"""What `make bench` makes of its runs: ratios, the targets, the table and the doc block."""

from collections.abc import Callable
from typing import Any

from bench import report

CONCURRENCY = (1, 32)
FIRST_TIME_NOTE = (
    "first-time: every request carries a number no other request of the run used "
    "(value__gte=-N, or q=nohitN), so neither the response cache nor the count cache "
    "has seen it; -N keeps every figure, so the page is the same as the repeated one"
)
# The question the repeated-collection target is about, and with it the one worker
# against two are measured on (bench/questions.toml names them by these keys).
REPEATED_COLLECTION = "collection"
WORKER_QUESTIONS = (REPEATED_COLLECTION, "collection_new")
# The API on PostgreSQL (BENCH_POSTGRES_URL), every question, beside the SQLite rows.
POSTGRES = "api (PostgreSQL)"
# The cluster's proxy (deploy/nginx.conf, its cache on) in front of the API, pinned as the
# baseline is, on the repeated collection page: what a replica behind it never sees.
PROXIED = "nginx cache in front of the api"
SERVER_ORDER = {"api": 0, POSTGRES: 1, PROXIED: 2, "datasette": 3}
HEADERS = ["server", "question", "c", "req/s", "p50 ms", "p99 ms"]
HEADERS += ["x baseline", "vs Datasette", "errors", "runs: req/s; p99 ms"]


def derive(rows: list[dict[str, Any]], baseline: list[dict[str, Any]]) -> dict[int, float]:
    """Adds each row's ratio to the baseline (the mean of its runs) and, for the API, to
    Datasette on the same question; returns the baseline's req/s per concurrency."""
    base = {}
    for c in CONCURRENCY:
        runs = [r["rps"] for r in baseline if r["connections"] == c]
        base[c] = sum(runs) / len(runs)
    datasette = {
        (r["query"], r["connections"]): r["rps"] for r in rows if r["server"] == "datasette"
    }
    for row in rows:
        row["x_baseline"] = row["rps"] / base[row["connections"]]
        other = datasette.get((row["query"], row["connections"]))
        api = row["server"] in ("api", POSTGRES)
        row["x_datasette"] = row["rps"] / other if api and other else None
    return base


def _repeated_collection(api: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in api if r["query"] == REPEATED_COLLECTION]


def _first_time(api: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in api if r["first_time"]]


def targets(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The targets (docs/performance.md states them), each checked on every row of the
    API that it concerns."""
    api = [r for r in rows if r["server"] == "api"]
    postgres = [r for r in rows if r["server"] == POSTGRES]
    proxied = [r for r in rows if r["server"] == PROXIED]
    checks: list[tuple[str, list[dict[str, Any]], str, Callable[[float], bool]]] = [
        (
            "repeated collection >= 0.6x baseline (one process)",
            _repeated_collection(api),
            "x_baseline",
            lambda v: v >= 0.6,
        ),
        (
            "repeated collection through nginx's cache >= 1.5x baseline at c=32",
            [r for r in _repeated_collection(proxied) if r["connections"] == 32],
            "x_baseline",
            lambda v: v >= 1.5,
        ),
        (
            "first-time query >= 0.15x baseline",
            _first_time(api),
            "x_baseline",
            lambda v: v >= 0.15,
        ),
        (
            "first-time query >= 0.2x baseline at c=32",
            [r for r in _first_time(api) if r["connections"] == 32],
            "x_baseline",
            lambda v: v >= 0.2,
        ),
        (
            "PostgreSQL: first-time query >= 0.2x baseline at c=32",
            [r for r in _first_time(postgres) if r["connections"] == 32],
            "x_baseline",
            lambda v: v >= 0.2,
        ),
        (">= 10x Datasette", api, "x_datasette", lambda v: v >= 10),
        (
            "p99 < 10 ms at c=32, repeated",
            [r for r in api if not r["first_time"] and r["connections"] == 32],
            "p99_ms",
            lambda v: v < 10,
        ),
    ]
    out = []
    for name, concerned, key, ok in checks:
        if not concerned:  # the questions asked hold none this target is about
            out.append({"target": name, "question": "not asked", "measured": "-", "ok": False})
        for r in concerned:
            value = r[key]
            out.append(
                {
                    "target": name,
                    "question": f"{r['label']}, c={r['connections']}",
                    "measured": "-" if value is None else f"{value:.3g}",
                    # A run that answered nothing has no figures to judge.
                    "ok": value is not None and r["rps"] > 0 and bool(ok(value)),
                }
            )
    return out


def _main_rows(rows: list[dict[str, Any]], baseline: list[dict[str, Any]]) -> list[list[str]]:
    out = []
    for r in baseline:
        label = f"constant JSON ({r['when']})"
        timing = [*report.timing(r), "", "", str(r["errors"]), report.runs(r)]
        out.append(["baseline", label, str(r["connections"]), *timing])
    for r in sorted(rows, key=lambda r: (SERVER_ORDER.get(r["server"], 3), r["connections"])):
        versus = f"{r['x_datasette']:.0f}x" if r["x_datasette"] else ""
        ratios = [report.ratio(r["x_baseline"]), versus, str(r["errors"]), report.runs(r)]
        out.append([r["server"], r["label"], str(r["connections"]), *report.timing(r), *ratios])
    return out


def render(results: dict[str, Any], *, markdown: bool) -> str:
    """The main table, the targets, and the workers' gain."""
    rows, baseline = results["rows"], results["baseline_runs"]
    parts = [report.table(HEADERS, _main_rows(rows, baseline), markdown=markdown)]
    checked = [
        [t["target"], t["question"], t["measured"], report.verdict(t["ok"])]
        for t in results["targets"]
    ]
    parts.append(report.table(["target", "question", "measured", ""], checked, markdown=markdown))
    workers = [[str(r["workers"]), r["label"], *report.timing(r)] for r in results["workers"]]
    if not workers:
        keys = " or ".join(WORKER_QUESTIONS)
        parts.append(f"Two workers were not measured: no question is keyed {keys}.")
        return "\n\n".join(parts)
    headers = ["workers", "question (c=32, server and wrk on both cores)", "req/s"]
    parts.append(report.table([*headers, "p50 ms", "p99 ms"], workers, markdown=markdown))
    gains = ", ".join(f"{k} {v:.2f}x" for k, v in results["workers_gain"].items())
    parts.append(f"Two workers against one: {gains}.")
    return "\n\n".join(parts)


def doc_block(results: dict[str, Any]) -> str:
    facts = ", ".join(f"{k} {v}" for k, v in results["machine"].items())
    s = results["settings"]
    mapping = [[q["label"], f"`{q['api']}`", f"`{q['datasette']}`"] for q in results["questions"]]
    return "\n\n".join(
        [
            f"Measured {results['measured_at']} in {results['elapsed_s']:.0f} s (runs of "
            f"{s['duration_s']:g} s after a {s['warmup_s']:g} s warm-up). Machine: {facts}.",
            render(results, markdown=True),
            f"How first-time was measured: {FIRST_TIME_NOTE}.",
            "The questions as asked of each server:",
            report.table(["question", "API", "Datasette"], mapping, markdown=True),
            "![req/s per question: the API, Datasette and the baseline](performance.png)",
        ]
    )
