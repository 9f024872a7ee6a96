"""`make loadtest`: the API under load and under a worker crash, on 127.0.0.1.

1. One server (`circle serve --workers 2`) on a seeded SQLite file; wrk at concurrency
   64 and then 256 for LOADTEST_DURATION seconds (default 10) each over a mix of
   collection, filtered, record, search and export requests: every answer must be 2xx
   and wrk must report no socket error.
2. The same at concurrency 64 while one worker is killed with SIGKILL a third of the way
   in: the supervisor must start a new worker, and the server must answer afterwards.
Prints the figures; exits non-zero when a requirement is not met.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
DURATION = int(os.environ.get("LOADTEST_DURATION", "10"))
PATHS = [
    "/v1/projects",
    "/v1/projects?regions=chongqing&sort=-date_start,name&limit=5",
    "/v1/figures?unit=CNY,USD&sort=-value&fields=value,unit",
    "/v1/figures/major-projects-2022-investment-cny",
    "/v1/quotes/li-zhiqiang-core-suppliers",
    "/v1/search?q=gas",
    "/v1/infrastructure?facet=mode&facet=status",
    "/v1/energy?format=ndjson",
    "/v1",
]
LUA = (
    "local paths = {" + ", ".join(json.dumps(p) for p in PATHS) + "}\n"
    "local i = 0\n"
    "request = function()\n"
    "  i = i + 1\n"
    '  return wrk.format("GET", paths[(i % #paths) + 1])\n'
    "end\n"
)


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    return shutil.which("wrk") or "wrk"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False)
    return [int(p) for p in out.stdout.split()]


def workers(master: int) -> list[int]:
    # uvicorn's multiprocess supervisor: its worker processes are python children.
    return [p for p in children(master) if "python" in Path(f"/proc/{p}/cmdline").read_text()]


def wrk(binary: str, script: Path, base: str, connections: int) -> dict[str, float]:
    result = subprocess.run(
        [
            binary,
            "-t2",
            f"-c{connections}",
            f"-d{DURATION}s",
            "--latency",
            "--timeout",
            "10s",
            "-s",
            str(script),
            base,
        ],
        capture_output=True,
        text=True,
        timeout=DURATION + 60,
        check=True,
    )
    text = result.stdout
    figures = {
        "requests": float(re.search(r"(\d+) requests in", text).group(1)),  # type: ignore[union-attr]
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),  # type: ignore[union-attr]
        "non_2xx": 0.0,
        "socket_errors": 0.0,
    }
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", text):
        figures["non_2xx"] = float(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    ):
        figures["socket_errors"] = float(sum(int(g) for g in match.groups()))
    for label in ("50%", "99%"):
        if match := re.search(rf"{label}\s+([\d.]+)(us|ms|s)", text):
            value, unit = float(match.group(1)), match.group(2)
            figures[f"p{label[:-1]}_ms"] = value * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    return figures


def wait_ready(base: str, process: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server exited during start-up")
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server never became ready")


def main() -> int:
    binary = ensure_wrk()
    folder = Path(tempfile.mkdtemp(prefix="circle-load-"))
    database = folder / "circle.sqlite3"
    subprocess.run(
        [str(VENV_BIN / "circle"), "seed", "--database-url", f"sqlite:///{database}"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    script = folder / "mix.lua"
    script.write_text(LUA)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "CIRCLE_ACCESS_LOG": "true"}
    server = subprocess.Popen(
        [
            str(VENV_BIN / "circle"),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "2",
            "--database-url",
            f"sqlite:///{database}",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    failures: list[str] = []
    try:
        wait_ready(base, server)
        rows = []
        for connections in (64, 256):
            figures = wrk(binary, script, base, connections)
            rows.append((f"c={connections}", figures))
            if figures["non_2xx"] or figures["socket_errors"]:
                failures.append(f"c={connections}: {figures}")
        before = workers(server.pid)
        killer = subprocess.Popen(
            [
                sys.executable,
                "-c",
                f"import os,signal,time; time.sleep({DURATION / 3}); "
                f"os.kill({before[0]}, signal.SIGKILL)",
            ]
        )
        figures = wrk(binary, script, base, 64)
        killer.wait()
        rows.append(("c=64, a worker killed", figures))
        deadline = time.monotonic() + 20
        while len(after := workers(server.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        replaced = before[0] not in after and len(after) == 2
        answers = httpx.get(f"{base}/v1/projects", timeout=5).status_code == 200
        if not (replaced and answers):
            failures.append(f"worker not replaced: before {before}, after {after}")
        print(
            f"\nloadtest: {DURATION}s per run, wrk -t2, server `circle serve --workers 2`, "
            f"{len(PATHS)} paths in rotation"
        )
        print(
            f"{'run':<24}{'requests':>10}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}"
            f"{'non-2xx':>9}{'sock err':>9}"
        )
        for label, f in rows:
            print(
                f"{label:<24}{f['requests']:>10.0f}{f['rps']:>10.0f}{f.get('p50_ms', 0):>9.2f}"
                f"{f.get('p99_ms', 0):>9.2f}{f['non_2xx']:>9.0f}{f['socket_errors']:>9.0f}"
            )
        print(
            f"worker {before[0]} killed; workers after: {after}; "
            f"replaced: {replaced}; answering: {answers}"
        )
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(folder, ignore_errors=True)
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
