"""What `make bench-scale` makes of its runs: the targets, the tables and the doc block."""

from typing import Any

from bench import report
from bench.scale_data import size_label


def _by(summary: dict[str, Any], engine: str, rows: int) -> dict[str, Any] | None:
    return next(
        (r for r in summary["results"] if r["engine"] == engine and r["rows"] == rows), None
    )


def _measured(result: dict[str, Any], key: str) -> dict[str, Any]:
    return next(m for m in result["measurements"] if m["question"] == key)


def _p50(result: dict[str, Any], key: str) -> float | None:
    """The p50 of a question, None if the API did not answer it (e.g. a 503)."""
    value: float | None = _measured(result, key).get("p50_ms")
    return value


def targets(summary: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    engines = list(dict.fromkeys(r["engine"] for r in summary["results"]))
    sizes = sorted({r["rows"] for r in summary["results"]})
    small, large = sizes[0], sizes[-1]

    def add(engine: str, name: str, measured: str, ok: bool) -> None:
        out.append({"engine": engine, "target": name, "measured": measured, "ok": ok})

    for engine in engines:
        big, little = _by(summary, engine, large), _by(summary, engine, small)
        if big is None or little is None:
            continue
        ratio = big.get("deep_ratio")
        if ratio is not None:
            name = "deep page p50 <= 1.2x first page (median of paired runs)"
            add(engine, name, f"{ratio:.2f}x", ratio <= 1.2)
        for key, name, limit in (
            ("page_new", "first-time 1/8 page p50 < 10 ms", 10.0),
            ("page", "repeated page p50 < 1 ms", 1.0),
        ):
            value = _p50(big, key)
            if value is None:
                add(engine, name, _measured(big, key)["failure"], False)
            else:
                add(engine, name, f"{value:.2f} ms", value < limit)
        growth = big["peak_rss_mib"] / little["peak_rss_mib"]
        add(
            engine,
            f"peak RSS {size_label(large)} within 20% of {size_label(small)}",
            f"{growth:.2f}x",
            abs(growth - 1) <= 0.2,
        )
        others = big.get("others", [])
        if others:
            failed = [o for o in others if o["statuses"] != [200]]
            slowest = max(o["median_ms"] for o in others)
            add(
                engine,
                "other questions all answered (200)",
                f"{len(others) - len(failed)} of {len(others)}, slowest {slowest:.0f} ms",
                not failed,
            )
        found = [p for plans in summary["plans"].get(engine, {}).values() for p in plans]
        if found:
            scans = [p for p in found if p["kind"].startswith("table scan")]
            add(
                engine,
                "every statement uses an index",
                f"{len(found) - len(scans)} of {len(found)}",
                not scans,
            )
    return out


def _short(url: str, width: int = 70) -> str:
    return url if len(url) <= width else url[: width - 1] + "…"


def render(summary: dict[str, Any], *, markdown: bool) -> str:
    timing = [
        [r["engine"], size_label(r["rows"]), m["label"]]
        + ([*report.timing(m), str(m["errors"])] if "rps" in m else ["-", "-", "-", m["failure"]])
        for r in summary["results"]
        for m in r["measurements"]
    ]
    headers = ["engine", "figures", "question (c=1)", "req/s", "p50 ms", "p99 ms", "errors"]
    parts = [report.table(headers, timing, markdown=markdown)]
    memory = [
        [r["engine"], size_label(r["rows"]), f"{r['peak_rss_mib']:.1f}"] for r in summary["results"]
    ]
    requests = summary["settings"]["memory_requests"]
    headers = ["engine", "figures", f"server peak RSS MiB (VmHWM, same {requests} requests)"]
    parts.append(report.table(headers, memory, markdown=markdown))
    others = [
        [
            r["engine"],
            _short(o["path"]),
            ", ".join(map(str, o["statuses"])),
            f"{o['median_ms']:.1f}",
        ]
        for r in summary["results"]
        for o in r.get("others", [])
    ]
    if others:
        headers = ["engine", "other question (1m figures, first-time)", "status", "median ms"]
        parts.append(report.table(headers, others, markdown=markdown))
    plans = [
        [engine, _short(url), str(i + 1), plan["kind"]]
        for engine, by_url in summary["plans"].items()
        for url, found in by_url.items()
        for i, plan in enumerate(found)
    ]
    headers = ["engine", "URL (1m figures)", "statement", "plan"]
    parts.append(report.table(headers, plans, markdown=markdown))
    checked = [
        [t["engine"], t["target"], t["measured"], report.verdict(t["ok"])]
        for t in summary["targets"]
    ]
    parts.append(report.table(["engine", "target", "measured", ""], checked, markdown=markdown))
    return "\n\n".join(parts)


def doc_block(summary: dict[str, Any]) -> str:
    facts = ", ".join(f"{k} {v}" for k, v in summary["machine"].items())
    s = summary["settings"]
    return "\n\n".join(
        [
            f"Measured {summary['measured_at']} in {summary['elapsed_s']:.0f} s (runs of "
            f"{s['duration_s']:g} s at c=1 after a {s['warmup_s']:g} s warm-up), on "
            f"{', '.join(summary['databases'])}. Machine: {facts}.",
            render(summary, markdown=True),
            "Plan kinds: *seek*, an index condition finds the rows; *bitmap*, PostgreSQL "
            "collects the index matches, then reads their rows; *index scan*, an index read "
            "from one end (all of it for a count, one page's worth under a LIMIT); *table "
            "scan*, no index; *+ sort*, the rows are sorted after being found. The full "
            "plans are printed by the run and kept in bench/out/scale-explain.txt.",
        ]
    )
