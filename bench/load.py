"""Runs wrk against one server: a warm-up thrown away, a wait for idle, a measured run.

wrk itself runs pinned to its own CPU; its Lua `done()` prints the summary as JSON, so
nothing here parses wrk's human-readable output.
"""

import json
import statistics
import subprocess
from dataclasses import asdict, dataclass

from bench.paths import BENCH, OUT
from bench.servers import Server

WRK_SCRIPTS = BENCH / "wrk"
MARKER = "BENCH_JSON "


@dataclass(frozen=True)
class Load:
    """What wrk sends: a path, where `{N}` makes every request unique, and headers."""

    path: str
    headers: tuple[tuple[str, str], ...] = ()

    @property
    def unique(self) -> bool:
        return "{N}" in self.path


@dataclass(frozen=True)
class Measurement:
    connections: int
    requests: int
    duration_s: float
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    errors: int  # socket errors, timeouts and answers other than 2xx/3xx
    # Of each run, when the figures above are the medians of several.
    rps_runs: tuple[float, ...] = ()
    p99_runs: tuple[float, ...] = ()

    def as_dict(self) -> dict[str, float | int | tuple[float, ...]]:
        return asdict(self)


def median_of(runs: list[Measurement]) -> Measurement:
    """Each figure the median of the runs' (but the highest latency, which is the highest
    of any run); every run's req/s and p99 kept beside them."""

    def median(name: str) -> float:
        return float(statistics.median(getattr(m, name) for m in runs))

    return Measurement(
        connections=runs[0].connections,
        requests=sum(m.requests for m in runs),
        duration_s=round(sum(m.duration_s for m in runs), 3),
        rps=round(median("rps"), 1),
        p50_ms=median("p50_ms"),
        p90_ms=median("p90_ms"),
        p99_ms=median("p99_ms"),
        max_ms=max(m.max_ms for m in runs),
        errors=sum(m.errors for m in runs),
        rps_runs=tuple(m.rps for m in runs),
        p99_runs=tuple(m.p99_ms for m in runs),
    )


class Wrk:
    def __init__(self, binary: str, *, cpus: str, duration: float, warmup: float) -> None:
        self.binary = binary
        self.cpus = cpus
        self.duration = duration
        self.warmup = warmup
        # The next number a unique request may use; every run moves it past its own.
        self.next_n = 1
        OUT.mkdir(parents=True, exist_ok=True)
        report = (WRK_SCRIPTS / "report.lua").read_text()
        self.static_script = OUT / "wrk-static.lua"
        self.static_script.write_text(report)
        self.unique_script = OUT / "wrk-unique.lua"
        self.unique_script.write_text((WRK_SCRIPTS / "unique.lua").read_text() + "\n" + report)

    def fill(self, path: str) -> str:
        """One path as a unique request would be sent (for a check before a run)."""
        n = self.next_n
        self.next_n += 1
        return path.replace("{N}", str(n))

    def measure(
        self,
        server: Server,
        load: Load,
        connections: int,
        cpus: str | None = None,
        repeats: int = 1,
    ) -> Measurement:
        """One warm-up, then `repeats` measured runs, each after a wait for idle; with
        more than one, their medians (median_of)."""
        if self.warmup > 0:
            self.run(server.port, load, connections, self.warmup, cpus)
        runs = []
        for _ in range(repeats):
            server.wait_idle()
            runs.append(self.run(server.port, load, connections, self.duration, cpus))
        return runs[0] if repeats == 1 else median_of(runs)

    def run(
        self, port: int, load: Load, connections: int, duration: float, cpus: str | None = None
    ) -> Measurement:
        # One thread holds one connection at c=1; two threads share 32 (as in the guide).
        threads = 1 if connections == 1 else 2
        argv = ["taskset", "-c", cpus or self.cpus, self.binary]
        argv += [f"-t{threads}", f"-c{connections}"]
        argv += [f"-d{duration:g}s", "--timeout", "10s"]
        for name, value in load.headers:
            argv += ["-H", f"{name}: {value}"]
        base = self.next_n
        if load.unique:
            argv += ["-s", str(self.unique_script), f"http://127.0.0.1:{port}/"]
            argv += ["--", str(base), str(threads), load.path]
        else:
            argv += ["-s", str(self.static_script), f"http://127.0.0.1:{port}{load.path}"]
        done = subprocess.run(
            argv, capture_output=True, text=True, timeout=duration + 60, check=False
        )
        line = next((x for x in done.stdout.splitlines() if x.startswith(MARKER)), None)
        if done.returncode != 0 or line is None:
            raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
        raw = json.loads(line.removeprefix(MARKER))
        if load.unique:
            # No thread can have gone past `threads * (its requests + in flight)` numbers.
            self.next_n = base + threads * (raw["requests"] + connections + 1)
        seconds = raw["duration_us"] / 1e6
        errors = sum(raw[k] for k in ("connect", "read", "write", "status", "timeout"))
        return Measurement(
            connections=connections,
            requests=raw["requests"],
            duration_s=round(seconds, 3),
            rps=round(raw["requests"] / seconds, 1) if seconds else 0.0,
            p50_ms=raw["p50_us"] / 1000,
            p90_ms=raw["p90_us"] / 1000,
            p99_ms=raw["p99_us"] / 1000,
            max_ms=raw["max_us"] / 1000,
            errors=errors,
        )
