"""The compose shape as plain processes on loopback: `make cluster` and the system tests.

compose.yaml is the one description of the shape: the replica count, the replicas'
settings (its `env_file`), the database's name and the proxy's nginx.conf are read from
it. What Docker would provide is made here: a private PostgreSQL (initdb into a folder
of its own, its own loopback port), the seed job, `circle serve` replicas and nginx
serving the same nginx.conf with its upstreams filled in. Each is a process group of its
own, stopped by its id; `Cluster` stops them all however its block ends.

    python -m deploy.cluster --port 8000     # what `make cluster` runs; Ctrl-C stops it
"""

import argparse
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

import httpx
import psycopg
import yaml

from cli import proxy_cache

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "compose.yaml"
# The `circle` command of this checkout (an installed `circle` script may be another's).
CIRCLE = (sys.executable, "-m", "cli.circle")
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 15.0
# PostgreSQL's server refuses to run as root; as root, it runs as this user.
SERVER_USER = "postgres"
# The lines of nginx.conf that name Docker's addresses: the one upstream server line
# (`api` resolves to every replica) and the port it listens on.
UPSTREAM_LINE = re.compile(r"^(?P<indent>[ \t]*)server api:8000\b(?P<options>[^;\n]*);$", re.M)
LISTEN_LINE = re.compile(r"^(?P<indent>[ \t]*)listen 8000;$", re.M)
HTTP_BLOCK = re.compile(r"^http \{$", re.M)
# The folder nginx keeps answers in, which a re-seed empties (`circle seed --proxy-cache`).
CACHE_PATH = re.compile(r"^(?P<head>[ \t]*proxy_cache_path )(?P<path>\S+)(?P<rest>[^\n]*)$", re.M)
# The access log's file (its format and buffering stay as nginx.conf says).
ACCESS_LOG = re.compile(r"^(?P<head>[ \t]*access_log )(?P<path>\S+)(?P<rest>[^\n]*)$", re.M)


class ClusterError(Exception):
    """The cluster cannot be started (a tool is missing, a process would not start)."""


@dataclass(frozen=True)
class Shape:
    """What compose.yaml says the cluster is."""

    replicas: int
    env: dict[str, str]  # every replica's settings (the api service's env_file)
    env_files: tuple[Path, ...]
    nginx_conf: Path  # the file the proxy service mounts as its nginx.conf
    database: str  # the db service's POSTGRES_DB


def read_shape(compose: Path = COMPOSE) -> Shape:
    services: dict[str, Any] = yaml.safe_load(compose.read_text())["services"]
    api = services["api"]
    listed = api["env_file"]
    env_files = tuple(
        (compose.parent / name).resolve()
        for name in ([listed] if isinstance(listed, str) else listed)
    )
    env: dict[str, str] = {}
    for path in env_files:
        env.update(read_env_file(path))
    mounts = [str(volume).split(":") for volume in services["proxy"]["volumes"]]
    nginx = [source for source, target, *_ in mounts if target == "/etc/nginx/nginx.conf"]
    if len(nginx) != 1:
        raise ClusterError(f"{compose}: the proxy service must mount one nginx.conf")
    return Shape(
        replicas=int(api["deploy"]["replicas"]),
        env=env,
        env_files=env_files,
        nginx_conf=(compose.parent / nginx[0]).resolve(),
        database=str(services["db"]["environment"]["POSTGRES_DB"]),
    )


def read_env_file(path: Path) -> dict[str, str]:
    """A compose env file: KEY=VALUE lines, `#` comments and blank lines."""
    values: dict[str, str] = {}
    for number, line in enumerate(path.read_text().splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, equals, value = line.partition("=")
        if not equals or not key.strip():
            raise ClusterError(f"{path}:{number}: expected KEY=VALUE, got {line!r}")
        values[key.strip()] = value.strip()
    return values


def render_nginx(conf: str, upstreams: Sequence[int], port: int, run_dir: Path, logs: Path) -> str:
    """nginx.conf for processes: one `server 127.0.0.1:PORT` line per replica (with the
    file's own options), listening on loopback, its buffers and cache under `run_dir`."""

    def once(pattern: re.Pattern[str], text: str, replace: Callable[[re.Match[str]], str]) -> str:
        new, count = pattern.subn(replace, text)
        if count != 1:
            raise ClusterError(f"nginx.conf: expected one line matching {pattern.pattern!r}")
        return new

    conf = once(
        UPSTREAM_LINE,
        conf,
        lambda m: "\n".join(
            f"{m['indent']}server 127.0.0.1:{upstream}{m['options']};" for upstream in upstreams
        ),
    )
    conf = once(LISTEN_LINE, conf, lambda m: f"{m['indent']}listen 127.0.0.1:{port};")
    cache = proxy_cache_dir(run_dir)
    conf = once(CACHE_PATH, conf, lambda m: f"{m['head']}{cache}{m['rest']}")
    log = logs / "nginx-access.log"
    conf = once(ACCESS_LOG, conf, lambda m: f"{m['head']}{log}{m['rest']}")
    paths = (
        f"client_body_temp_path {run_dir / 'nginx-body'}",
        f"proxy_temp_path {run_dir / 'nginx-proxy'}",
    )
    return once(HTTP_BLOCK, conf, lambda m: m[0] + "".join(f"\n    {p};" for p in paths))


def proxy_cache_dir(run_dir: Path) -> Path:
    return run_dir / "proxy-cache"


def postgres_bindir() -> Path | None:
    """The newest PostgreSQL server's binaries (Debian's layout), else initdb on PATH."""
    found = [p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/initdb")]
    if found:
        return max(found, key=lambda b: int(b.parent.name) if b.parent.name.isdigit() else 0)
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def nginx_binary() -> str | None:
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def missing_tools() -> list[str]:
    """What this machine lacks to run the cluster (`make cluster-deps` installs it)."""
    missing = []
    if postgres_bindir() is None:
        missing.append("the PostgreSQL server (initdb, postgres)")
    if nginx_binary() is None:
        missing.append("nginx")
    return missing


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Service:
    """One process group of the cluster, started and stopped by its id."""

    def __init__(
        self,
        name: str,
        command: Sequence[str | Path],
        log: Path,
        *,
        env: dict[str, str] | None = None,
        cwd: Path = ROOT,
        user: tuple[int, int] | None = None,
    ) -> None:
        self.name = name
        self.command = [str(part) for part in command]
        self.log = log
        self.env = env
        self.cwd = cwd
        self.user = user
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        as_user: dict[str, Any] = {}
        if self.user is not None:
            as_user = {"user": self.user[0], "group": self.user[1], "extra_groups": []}
        with self.log.open("ab") as out:
            # A session of its own: Ctrl-C reaches this module, which stops the
            # processes in order, and a kill of the group takes all of a server's workers.
            self.process = subprocess.Popen(
                self.command,
                cwd=self.cwd,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                **as_user,
            )

    @property
    def pid(self) -> int:
        if self.process is None:
            raise ClusterError(f"{self.name} is not running")
        return self.process.pid

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def send(self, sig: signal.Signals) -> None:
        """`sig` to the leader, which passes it on to its own children."""
        if self.process is not None:
            with suppress(ProcessLookupError):
                os.kill(self.process.pid, sig)

    def stop(self, sig: signal.Signals | None = signal.SIGTERM) -> None:
        """`sig` to the leader (None: it was sent already), which stops its own
        children; whatever is left of the group after it has gone (or after
        STOP_TIMEOUT_S) is killed."""
        if self.process is None:
            return
        if sig is not None:
            self.send(sig)
        with suppress(subprocess.TimeoutExpired):
            self.process.wait(STOP_TIMEOUT_S)
        self.kill()

    def kill(self) -> None:
        """SIGKILL to every process of the group, as `docker kill` does to a container."""
        if self.process is None:
            return
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(STOP_TIMEOUT_S)
        self.process = None

    def wait_until(self, ready: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not ready():
            if not self.running():
                raise ClusterError(f"{self.name} exited before {what}:\n{self.tail()}")
            if time.monotonic() > deadline:
                raise ClusterError(f"{self.name}: no {what} in {START_TIMEOUT_S:.0f} s")
            time.sleep(0.1)

    def tail(self, size: int = 3000) -> str:
        with suppress(OSError):
            return self.log.read_text(errors="replace")[-size:]
        return ""


def committed_version(conn: psycopg.Connection[Any]) -> str | None:
    """The dataset version committed in the database (None before the first seed)."""
    try:
        row = conn.execute("SELECT value FROM dataset_meta WHERE key = 'version'").fetchone()
    except psycopg.Error:
        return None
    return None if row is None else str(row[0])


def answers_200(url: str) -> bool:
    with suppress(httpx.HTTPError):
        return httpx.get(url, timeout=2).status_code == 200
    return False


class Postgres:
    """A private PostgreSQL server: its own data folder and loopback port, trust auth."""

    def __init__(self, run_dir: Path, database: str, logs: Path) -> None:
        bindir = postgres_bindir()
        if bindir is None:
            raise ClusterError("no PostgreSQL server binaries: run `make cluster-deps`")
        self.bindir = bindir
        self.data = run_dir / "pgdata"
        self.port = free_port()
        self.database = database
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/{database}"
        self.admin_url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        self.user: tuple[int, int] | None = None
        if os.geteuid() == 0:
            try:
                entry = pwd.getpwnam(SERVER_USER)
            except KeyError:
                raise ClusterError(f"as root, PostgreSQL needs the user {SERVER_USER!r}") from None
            self.user = (entry.pw_uid, entry.pw_gid)
        server: list[str | Path] = [bindir / "postgres", "-D", self.data, "-p", str(self.port)]
        for option in ("listen_addresses=127.0.0.1", "unix_socket_directories="):
            server += ["-c", option]
        self.service = Service(
            "postgres",
            server,
            logs / "postgres.log",
            cwd=run_dir,
            user=self.user,
        )

    def create(self) -> None:
        """initdb, then the server started and the database created."""
        self.data.mkdir(mode=0o700)
        if self.user is not None:
            os.chown(self.data, *self.user)
        as_user: dict[str, Any] = {}
        if self.user is not None:
            as_user = {"user": self.user[0], "group": self.user[1], "extra_groups": []}
        initdb: list[str | Path] = [self.bindir / "initdb", "-D", self.data, "-U", "postgres"]
        result = subprocess.run(
            [*initdb, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"],
            cwd=self.data.parent,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            **as_user,
        )
        if result.returncode != 0:
            raise ClusterError(f"initdb failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
        self.start()
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.database}"')

    def accepts(self) -> bool:
        with suppress(psycopg.Error), psycopg.connect(self.admin_url, connect_timeout=2):
            return True
        return False

    def start(self) -> None:
        self.service.start()
        self.service.wait_until(self.accepts, "connections")

    def stop(self) -> None:
        """A fast shutdown (SIGINT): open transactions are rolled back, clients cut off."""
        self.service.stop(signal.SIGINT)


class Replica:
    """One `circle serve` (with the shape's workers) on its own loopback port."""

    def __init__(self, number: int, database_url: str, env: dict[str, str], run_dir: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        serve = [*CIRCLE, "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        self.service = Service(
            f"replica {number}",
            [*serve, "--database-url", database_url],
            run_dir / f"replica-{number}.log",
            env=env,
        )

    def start(self) -> None:
        self.service.start()

    def wait_ready(self) -> None:
        self.service.wait_until(lambda: answers_200(f"{self.url}/readyz"), "GET /readyz 200")


class Cluster:
    """PostgreSQL, `circle seed`, the replicas and nginx, as compose.yaml describes them;
    a context manager that stops every process it started, however its block ends.

    `port` is nginx's (default: a free one); `logs` is a folder that keeps the logs
    (default: they go with the rest). Everything else (the database's data, nginx's
    configuration and buffers) is in a temporary folder, removed at the end.
    """

    def __init__(
        self,
        *,
        port: int | None = None,
        logs: Path | None = None,
        shape: Shape | None = None,
    ) -> None:
        missing = missing_tools()
        if missing:
            raise ClusterError(f"missing {' and '.join(missing)}: run `make cluster-deps`")
        nginx = nginx_binary()
        assert nginx is not None
        self.shape = shape or read_shape()
        self.run_dir = Path(tempfile.mkdtemp(prefix="circle-cluster-"))
        self.run_dir.chmod(0o755)  # PostgreSQL's user and nginx's workers reach into it
        self.logs = logs or self.run_dir
        self.logs.mkdir(parents=True, exist_ok=True)
        self.postgres = Postgres(self.run_dir, self.shape.database, self.logs)
        env = {**os.environ, **self.shape.env}
        self.replicas = [
            Replica(n, self.postgres.url, env, self.logs) for n in range(1, self.shape.replicas + 1)
        ]
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        proxy: list[str | Path] = [nginx, "-p", self.run_dir, "-c", self.run_dir / "nginx.conf"]
        proxy += ["-e", self.logs / "nginx-error.log"]
        proxy += ["-g", f"daemon off; pid {self.run_dir / 'nginx.pid'};"]
        self.nginx = Service("nginx", proxy, self.logs / "nginx.log")

    def __enter__(self) -> "Cluster":
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def database_url(self) -> str:
        return self.postgres.url

    def services(self) -> list[Service]:
        return [self.postgres.service, *(r.service for r in self.replicas), self.nginx]

    def start(self) -> None:
        self.postgres.create()
        self.seed()
        for replica in self.replicas:  # all start at once; each is waited for after
            replica.start()
        for replica in self.replicas:
            replica.wait_ready()
        conf = render_nginx(
            self.shape.nginx_conf.read_text(),
            [replica.port for replica in self.replicas],
            self.port,
            self.run_dir,
            self.logs,
        )
        (self.run_dir / "nginx.conf").write_text(conf)
        self.nginx.start()
        self.nginx.wait_until(lambda: answers_200(f"{self.url}/readyz"), "GET /readyz 200")

    def restore(self) -> None:
        """Starts again what is not running (a stopped database, a killed replica) and
        waits until every replica and nginx answer /readyz with 200."""
        if not self.postgres.service.running():
            self.postgres.start()
        for replica in self.replicas:
            if not replica.service.running():
                replica.service.kill()  # what is left of its group
                replica.start()
        for replica in self.replicas:
            replica.wait_ready()
        if not self.nginx.running():
            self.nginx.start()
        self.nginx.wait_until(lambda: answers_200(f"{self.url}/readyz"), "GET /readyz 200")

    def seed(self, sources_dir: Path | None = None) -> str:
        """`circle seed` against the cluster's database (compose's seed job); its line.

        When it loads new data, nginx's cache is emptied from the commit until every
        replica serves the new version (`circle seed --proxy-cache` in compose's seed job
        does the same from the loader's end, which is its commit there)."""
        command = [*CIRCLE, "seed", "--database-url", self.database_url]
        if sources_dir is not None:
            command += ["--sources-dir", str(sources_dir)]
        cache = proxy_cache_dir(self.run_dir)
        with psycopg.connect(self.database_url, autocommit=True) as conn:
            before = committed_version(conn)
            seeding = subprocess.Popen(
                command,
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            # From the moment the new version is committed (the loader may still be
            # tidying up), not from the loader's exit.
            version = before
            while seeding.poll() is None and version in (before, None):
                time.sleep(0.01)
                version = committed_version(conn)
            if committed_version(conn) not in (before, None):
                proxy_cache.empty_after_reseed(cache, committed=time.monotonic())
        out, err = seeding.communicate(timeout=300)
        if seeding.returncode != 0:
            raise ClusterError(f"circle seed failed:\n{err[-3000:]}")
        return out.strip()

    def stop(self) -> None:
        """Every process, front to back: nginx, the replicas (together), the database."""
        self.nginx.stop()
        for replica in self.replicas:
            replica.service.send(signal.SIGTERM)
        for replica in self.replicas:
            replica.service.stop(None)
        self.postgres.stop()
        shutil.rmtree(self.run_dir, ignore_errors=True)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.cluster", description=__doc__)
    parser.add_argument("--port", type=int, default=8000, help="nginx's loopback port")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)  # stopped like Ctrl-C: every process with it
    try:
        with Cluster(port=args.port) as cluster:
            replicas = ", ".join(replica.url for replica in cluster.replicas)
            print(
                f"circle cluster: {cluster.url} (nginx) in front of {replicas}; "
                f"PostgreSQL {cluster.database_url}; logs in {cluster.logs}. "
                "Ctrl-C stops it.",
                flush=True,
            )
            while True:
                for service in cluster.services():
                    if not service.running():
                        print(
                            f"circle cluster: {service.name} exited; stopping:\n{service.tail()}",
                            file=sys.stderr,
                        )
                        return 1
                time.sleep(1)
    except KeyboardInterrupt:
        print("circle cluster: stopped", flush=True)
        return 0
    except ClusterError as exc:
        print(f"circle cluster: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
