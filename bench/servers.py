"""Servers under test: started pinned to chosen CPUs, ready-checked, stopped by their pid.

Each server runs in its own session so that a Ctrl-C on `make` reaches only the
benchmark, which then stops every server it started (and nothing else) in `finally`.
"""

import http.client
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.paths import LOGS, REPO

READY_TIMEOUT_S = 90.0
STOP_TIMEOUT_S = 15.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def http_get(
    port: int, path: str, headers: dict[str, str] | None = None, timeout: float = 30.0
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        conn.close()


def get_all(port: int, paths: list[str], timeout: float = 30.0) -> list[int]:
    """GET each path in turn over one keep-alive connection; the statuses."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    statuses = []
    try:
        for path in paths:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            statuses.append(response.status)
    finally:
        conn.close()
    return statuses


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without any CIRCLE_* or DATABASE_URL the caller may have set."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("CIRCLE_") and k != "DATABASE_URL"
    }
    return {**env, **extra}


@dataclass
class Server:
    name: str
    argv: list[str]
    port: int
    ready_path: str
    cpus: str  # a taskset CPU list: "0", or "0,1"
    env: dict[str, str] = field(default_factory=clean_env)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def log_path(self) -> Path:
        return LOGS / f"{self.name}.log"

    def start(self) -> None:
        LOGS.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("wb") as log:
            self.proc = subprocess.Popen(
                ["taskset", "-c", self.cpus, *self.argv],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=self.env,
                cwd=REPO,
                start_new_session=True,
            )
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited while starting:\n{self.log_tail()}")
            try:
                if http_get(self.port, self.ready_path, timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"{self.name} was not ready in {READY_TIMEOUT_S:.0f}s")

    def stop(self) -> None:
        """SIGTERM to the pid we started (uvicorn's supervisor stops its own workers)."""
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=STOP_TIMEOUT_S)

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def pids(self) -> list[int]:
        """The server's pid and its descendants (the workers of a multi-worker uvicorn)."""
        assert self.proc is not None
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry.name))
        found, todo = [], [self.proc.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo += children.get(pid, [])
        return found

    def cpu_seconds(self) -> float:
        total = 0
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime + stime
        return total / CLOCK_TICKS

    def wait_idle(self, timeout: float = 10.0, window: float = 0.25) -> None:
        """Until the server burns under 5% of a core: requests that wrk abandoned at the
        end of a warm-up can still be running, and would steal from the measured run."""
        deadline = time.monotonic() + timeout
        before = self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(window)
            now = self.cpu_seconds()
            if now - before < 0.05 * window:
                return
            before = now

    def peak_rss_mib(self) -> float:
        """VmHWM, the peak resident set, summed over the server's processes."""
        total_kib = 0
        for pid in self.pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    total_kib += int(line.split()[1])
        return total_kib / 1024


@contextmanager
def running(server: Server) -> Iterator[Server]:
    print(f"bench: starting {server.name} on 127.0.0.1:{server.port} (CPU {server.cpus})")
    try:
        server.start()
        yield server
    finally:
        server.stop()


def stop_on_sigterm() -> None:
    """A SIGTERM (e.g. from `timeout`) unwinds like Ctrl-C, so every server is stopped."""

    def handler(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, handler)
