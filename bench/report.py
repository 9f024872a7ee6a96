"""Tables for the terminal and for docs/performance.md, from the same rows.

The benchmark prints its numbers and, when asked to record them (BENCH_RECORD=1, which
`make bench RECORD=1` sets), writes them into the doc between markers of its own; a run
that is not recorded leaves every tracked file alone. Nothing here asserts anything: a
missed target is printed as MISS, not raised.
"""

import os
import re
from collections.abc import Sequence
from typing import Any

from bench.paths import DOC


def ms(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def rate(value: float) -> str:
    return f"{value:,.0f}"


def ratio(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3g}"


def timing(measured: dict[str, Any]) -> list[str]:
    """req/s, p50 and p99 of one measured run, as table cells."""
    return [rate(measured["rps"]), ms(measured["p50_ms"]), ms(measured["p99_ms"])]


def runs(measured: dict[str, Any]) -> str:
    """Every run's req/s and p99, where the row's figures are their medians."""
    rps, p99 = measured.get("rps_runs", ()), measured.get("p99_runs", ())
    if len(rps) < 2:
        return ""
    return f"{' / '.join(map(rate, rps))}; {' / '.join(map(ms, p99))}"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, markdown: bool) -> str:
    """Left-aligned text columns, right-aligned numbers; a Markdown table if asked."""
    numeric = [
        all(re.fullmatch(r"[-+x,.0-9 %]*", row[i]) for row in rows) for i in range(len(headers))
    ]
    if markdown:
        lines = ["| " + " | ".join(headers) + " |"]
        lines.append("|" + "|".join("---:" if n else "---" for n in numeric) + "|")
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(headers[i]), *(len(r[i]) for r in rows)) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if n else c.ljust(w) for c, w, n in zip(cells, widths, numeric, strict=True)
        ).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def recording() -> bool:
    """Whether this run writes its results into the tracked docs (BENCH_RECORD=1)."""
    return os.environ.get("BENCH_RECORD", "") not in ("", "0")


def update_doc(section: str, markdown: str) -> None:
    """Replaces what lies between `<!-- section:start -->` and `<!-- section:end -->`,
    when the run is recorded."""
    if not recording():
        print(f"bench: {DOC.name} left as it is; `make {section} RECORD=1` writes the results in")
        return
    start, end = f"<!-- {section}:start -->", f"<!-- {section}:end -->"
    text = DOC.read_text()
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.DOTALL)
    if not pattern.search(text):
        print(f"bench: {DOC} has no {start} ... {end} block; the doc was not updated")
        return
    DOC.write_text(pattern.sub(lambda _: f"{start}\n{markdown.strip()}\n{end}", text))
    print(f"bench: wrote the results into {DOC.relative_to(DOC.parent.parent)}")
