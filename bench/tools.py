"""What the benchmark needs beyond the project, installed on first use: wrk from Debian's
packages, and Datasette with matplotlib in a venv of their own (bench/.venv-datasette)."""

import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from bench.paths import TOOLS_VENV

# Pinned to a release line so that a rerun compares against the same Datasette.
TOOLS_REQUIREMENTS = ("datasette>=0.65,<0.66", "matplotlib>=3.8,<4")


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("bench: wrk is missing; installing it from Debian's packages", flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"],
        check=True,
        env=env,
    )
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("bench: wrk is still not on PATH after installing it")
    return found


def ensure_tools_venv() -> Path:
    """The bin/ of the tools venv; (re)installed when the requirements above change."""
    stamp = TOOLS_VENV / ".installed"
    wanted = "\n".join(TOOLS_REQUIREMENTS)
    if stamp.is_file() and stamp.read_text() == wanted:
        return TOOLS_VENV / "bin"
    print("bench: installing Datasette and matplotlib into bench/.venv-datasette", flush=True)
    # The base interpreter, not this venv's: a venv made from a venv still works, but
    # this keeps the tools venv independent of the project's.
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--clear", str(TOOLS_VENV)], check=True)
    pip = [str(TOOLS_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, *TOOLS_REQUIREMENTS], check=True)
    stamp.write_text(wanted)
    return TOOLS_VENV / "bin"


def _version(argv: list[str], pattern: str) -> str:
    """The version a tool prints of itself (`pattern`'s group), or "not found"."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    match = re.search(pattern, done.stdout + done.stderr)
    return match.group(1) if match else "unknown"


def _cpu_model() -> str:
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or "unknown"
    match = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    return match.group(1).strip() if match else "unknown"


def _memory_gib() -> float:
    try:
        meminfo = Path("/proc/meminfo").read_text()
    except OSError:
        return 0.0
    match = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.MULTILINE)
    return round(int(match.group(1)) / 1024**2, 1) if match else 0.0


def machine(tools_bin: Path | None = None, postgres: str | None = None) -> dict[str, str]:
    """What the numbers were measured on, printed with them."""
    facts = {
        "cpu": _cpu_model(),
        "cores": str(os.cpu_count()),
        "memory_gib": str(_memory_gib()),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "wrk": _version(["wrk", "-v"], r"wrk (\S+)"),
    }
    if tools_bin is not None:
        facts["datasette"] = _version([str(tools_bin / "datasette"), "--version"], r"version (\S+)")
    if postgres is not None:
        facts["postgresql"] = postgres
    return facts
