"""Draws the `make bench` table as a PNG: req/s per question, the API beside Datasette,
the baseline as a line. Runs in bench/.venv-datasette
(matplotlib is no API dependency):

    python bench/chart.py bench/out/results.json docs/performance.png
"""

import json
import math
import sys
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display on the benchmark machine
import matplotlib.pyplot as plt

# By the server names bench/summary.py gives the rows (this script runs in the bench's
# own venv, without the project on its path).
COLOURS = {
    "api": "#2b6cb0",
    "api (PostgreSQL)": "#90cdf4",
    "nginx cache in front of the api": "#38a169",
    "datasette": "#dd6b20",
}


def draw(results: dict[str, Any], out: Path) -> None:
    rows = results["rows"]
    labels = list(dict.fromkeys(r["label"] for r in rows))
    concurrencies = sorted({r["connections"] for r in rows})
    fig, axes = plt.subplots(1, len(concurrencies), figsize=(13, 0.55 * len(labels) + 2.2))
    servers = [s for s in COLOURS if any(r["server"] == s for r in rows)]
    height = 0.76 / len(servers)
    for ax, c in zip(axes, concurrencies, strict=True):
        rps = {(r["server"], r["label"]): r["rps"] for r in rows if r["connections"] == c}
        for n, server in enumerate(servers):
            offset = (n - (len(servers) - 1) / 2) * height
            # Only the questions this server was asked (nginx's cache: the repeated page).
            asked = [
                (i, rps[server, label]) for i, label in enumerate(labels) if (server, label) in rps
            ]
            ys = [i + offset for i, _ in asked]
            values = [v for _, v in asked]
            ax.barh(ys, values, height=height, color=COLOURS[server], label=server)
            for y, v in zip(ys, values, strict=True):
                ax.text(v * 1.08, y, f"{v:,.0f}", va="center", fontsize=7)
        baseline = results["baseline_rps"][str(c)]
        ax.axvline(baseline, color="black", linestyle="--", linewidth=1)
        ax.text(baseline, -0.9, f" baseline {baseline:,.0f}", fontsize=7, va="bottom")
        ax.set_xscale("log")
        slowest = min(v for v in rps.values() if v > 0)
        ax.set_xlim(left=10 ** math.floor(math.log10(slowest / 2)), right=baseline * 4)
        ax.set_yticks(range(len(labels)), labels if ax is axes[0] else [""] * len(labels))
        ax.set_ylim(len(labels) - 0.4, -1.1)
        ax.set_title(f"c={c}")
        ax.set_xlabel("requests per second (log scale)")
    # Below both plots, where it hides no bar.
    handles, names = axes[-1].get_legend_handles_labels()
    fig.legend(handles, names, loc="lower center", ncol=len(names), fontsize=8)
    machine = results["machine"]
    fig.suptitle(
        f"circle API vs Datasette, server on 1 pinned core ({machine['cpu']}), "
        f"{results['measured_at']}",
        fontsize=10,
    )
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    fig.savefig(out, dpi=110)
    print(f"bench: drew {out}")


if __name__ == "__main__":
    draw(json.loads(Path(sys.argv[1]).read_text()), Path(sys.argv[2]))
