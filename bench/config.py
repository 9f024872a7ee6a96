"""How every run is set up: the CPUs (docs/performance.md, "How make bench measures")
and the run lengths."""

import os

SERVER_CPU = "0"  # the server under test, alone on its core
WRK_CPU = "1"  # the load generator, on the other
BOTH_CPUS = "0,1"  # for multi-worker servers: there is no third core to keep wrk apart


def seconds_from_env(name: str, default: float, *, allow_zero: bool = False) -> float:
    """BENCH_DURATION and BENCH_WARMUP: seconds of each measured and warm-up run (a
    warm-up of 0 skips it; a measured run cannot be empty)."""
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        raise SystemExit(f"bench: {name} must be a number of seconds") from None
    if value < 0 or (value == 0 and not allow_zero):
        raise SystemExit(f"bench: {name} must be {'>=' if allow_zero else '>'} 0")
    return value


def runs_from_env(name: str, default: int) -> int:
    """BENCH_REPEATS: measured runs of each question at each concurrency (at least 1)."""
    raw = os.environ.get(name, str(default))
    if not raw.isdigit() or int(raw) < 1:
        raise SystemExit(f"bench: {name} must be a whole number >= 1")
    return int(raw)
