"""The `circle` command: seeding messages, and start-up refusing a database it cannot serve."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import psycopg
import pytest
import yaml
from sqlalchemy.engine import make_url

from tests.support import SOURCES, free_port

CIRCLE = [sys.executable, "-m", "cli.circle"]


def run(*args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CIRCLE, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={"PATH": "/usr/bin:/bin"},
    )


def test_seed_reports_loaded_then_up_to_date(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    first = run("seed", "--database-url", url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("circle seed: dataset ")
    assert first.stdout.rstrip().endswith(f"loaded ({url})")
    second = run("seed", "--database-url", url)
    assert second.stdout.rstrip().endswith(f"already up to date ({url})")


def test_seed_refuses_a_broken_dataset_naming_the_record(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    (sources / "cc-economic-circle-2022").mkdir(parents=True)
    for name in ("text.txt", "source.yaml"):
        (sources / "cc-economic-circle-2022" / name).write_bytes(
            (SOURCES / "cc-economic-circle-2022" / name).read_bytes()
        )
    data = yaml.safe_load((SOURCES / "cc-economic-circle-2022" / "dataset.yaml").read_text())
    data["figures"][0]["unit"] = "furlongs"
    (sources / "cc-economic-circle-2022" / "dataset.yaml").write_text(yaml.safe_dump(data))
    result = run(
        "seed",
        "--database-url",
        f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "--sources-dir",
        str(sources),
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == ("circle seed: the dataset is invalid; nothing was written (1 problem):")
    assert "figures[0] (hsr-middle-line-travel-time-min): field unit: Input should be" in lines[1]
    assert not (tmp_path / "db.sqlite3").exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "no database file at"),
        (b"", "is empty"),
        (b"this is not a database" * 100, "file is not a database"),
        ("truncated", "database disk image is malformed"),
    ],
)
def test_serve_refuses_a_database_it_cannot_serve(
    tmp_path: Path, content: bytes | str | None, reason: str
) -> None:
    path = tmp_path / "db.sqlite3"
    if content == "truncated":
        assert run("seed", "--database-url", f"sqlite:///{path}").returncode == 0
        whole = path.read_bytes()
        path.write_bytes(whole[: len(whole) // 3])
    elif isinstance(content, bytes):
        path.write_bytes(content)
    result = run("serve", "--port", "8999", "--database-url", f"sqlite:///{path}")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"circle serve: cannot serve {path}: ")
    assert reason in lines[0]


def test_serve_refuses_an_unseeded_database(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "db.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE other (x)").connection.close()
    result = run("serve", "--port", "8999", "--database-url", f"sqlite:///{path}")
    assert result.returncode == 1
    assert "no such table: dataset_meta" in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("notaurl", "circle serve: 'notaurl' is not a database URL; use sqlite:///PATH or "),
        ("mysql://root@127.0.0.1/test", "circle serve: 'mysql' databases are not supported; "),
    ],
)
def test_serve_refuses_a_database_url_it_cannot_use(url: str, message: str) -> None:
    result = run("serve", "--port", "8999", "--database-url", url)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith(message)


def test_serve_on_a_busy_port_says_so_and_how_to_choose_another(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "db.sqlite3"
    assert run("seed", "--database-url", f"sqlite:///{path}").returncode == 0
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--port", str(port), "--database-url", f"sqlite:///{path}")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"circle serve: cannot listen on 127.0.0.1:{port}: Address already in use; another "
        "process is listening there: choose another port with --port or CIRCLE_PORT "
        "(make run PORT=8001)"
    ]


def test_serve_says_where_it_listens(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "db.sqlite3"
    assert run("seed", "--database-url", f"sqlite:///{path}").returncode == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with subprocess.Popen(
        [*CIRCLE, "serve", "--port", str(port), "--database-url", f"sqlite:///{path}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={"PATH": "/usr/bin:/bin", "CIRCLE_ACCESS_LOG": "false"},
    ) as server:
        try:
            assert server.stdout is not None
            first = server.stdout.readline()
            second = server.stdout.readline()
        finally:
            server.terminate()
            server.wait(timeout=15)
    assert first == (f"circle serve: listening on http://127.0.0.1:{port} (SQLite, 1 worker)\n")
    assert second == (
        f"circle serve: interactive docs at http://127.0.0.1:{port}/docs; Ctrl-C stops\n"
    )


def test_ctrl_c_stops_serve_cleanly(tmp_path: Path) -> None:
    """Ctrl-C in a terminal (SIGINT to the foreground process group) ends `circle serve`
    (as `make run` starts it) with status 0 and one line, no traceback."""
    path = tmp_path / "db.sqlite3"
    assert run("seed", "--database-url", f"sqlite:///{path}").returncode == 0
    port = free_port()
    with subprocess.Popen(
        [*CIRCLE, "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "CIRCLE_ACCESS_LOG": "false",
            "CIRCLE_SQLITE_PATH": str(path),
        },
        start_new_session=True,  # its own process group, as a terminal's foreground job
    ) as server:
        assert server.stdout is not None
        assert server.stdout.readline().startswith("circle serve: listening on ")
        assert server.stdout.readline().startswith("circle serve: interactive docs at ")
        wait_until_ready(port)
        os.killpg(server.pid, signal.SIGINT)
        try:
            rest, _ = server.communicate(timeout=30)
        finally:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGKILL)
    assert server.returncode == 0, rest
    assert "Traceback" not in rest, rest
    assert "KeyboardInterrupt" not in rest, rest
    assert rest.splitlines()[-1] == "circle serve: stopped"


def wait_until_ready(port: int) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"no server answered on port {port}")


def test_seed_refuses_a_database_not_encoded_utf8(postgres_server: str) -> None:
    """A SQL_ASCII database hands back bytes where text is read: refused by name, with
    the statement that makes a right one, instead of a Python error about patterns."""
    admin = make_url(postgres_server).set(drivername="postgresql")
    name = f"circle_test_ascii_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(
            f"CREATE DATABASE {name} ENCODING 'SQL_ASCII' TEMPLATE template0 "
            "LC_COLLATE 'C' LC_CTYPE 'C'"
        )
    try:
        url = admin.set(database=name).render_as_string(hide_password=False)
        result = run("seed", "--database-url", url, timeout=60)
    finally:
        with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"circle seed: cannot load the database: database '{name}' is encoded SQL_ASCII; "
        f"circle needs UTF8: CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0"
    ]


def test_start_up_refuses_an_unreachable_postgres() -> None:
    port = free_port()  # nothing listens there once the probe is closed
    result = run(
        "serve",
        "--port",
        "8999",
        "--database-url",
        f"postgresql://postgres@127.0.0.1:{port}/test",
        timeout=30,
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("circle serve: cannot serve DATABASE_URL: ")
    assert "Connection refused" in lines[0] or "connection failed" in lines[0]
