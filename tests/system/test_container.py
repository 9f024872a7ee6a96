"""The Dockerfile's steps, run as plain commands (no Docker engine runs here): build with
deploy/build.sh, start with the image's environment and command as an unprivileged user,
and check the HEALTHCHECK, the read-only baked database and the answers.

Run as root, the server drops to nobody (65534) with setpriv, as the image's USER does;
run as an ordinary user, it already is unprivileged and runs as that user."""

import json
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support import ROOT, free_port

DOCKERFILE = (ROOT / "Dockerfile").read_text()
# Only root can change its user; anyone else already is an unprivileged user.
UNPRIVILEGED = (
    ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
)


def final_stage() -> str:
    return DOCKERFILE.split("\nFROM ")[-1]


def image_env(venv: Path, data: Path, port: int) -> dict[str, str]:
    block = re.search(r"^ENV (.+?)(?:\n(?!\s)|\Z)", final_stage(), re.S | re.M)
    assert block is not None
    pairs = shlex.split(block.group(1).replace("\\\n", " "))
    env = dict(pair.split("=", 1) for pair in pairs)
    env = {
        k: v.replace("/opt/venv", str(venv)).replace("/opt/data", str(data)) for k, v in env.items()
    }
    env["PATH"] = env["PATH"].replace("$PATH", "/usr/bin:/bin")
    env["CIRCLE_HOST"] = "127.0.0.1"  # loopback only in tests
    env["CIRCLE_PORT"] = str(port)
    return env


def exec_form(instruction: str) -> list[str]:
    match = re.search(rf"^{instruction} .*?(\[.*\])\s*$", final_stage(), re.M)
    assert match is not None, f"{instruction} must be in exec form"
    parts: list[str] = json.loads(match.group(1))
    return parts


@pytest.fixture(scope="module")
def built() -> Iterator[tuple[Path, Path]]:
    folder = Path(tempfile.mkdtemp(prefix="circle-image-"))
    folder.chmod(0o755)
    venv, data = folder / "venv", folder / "data"
    build = re.search(r"^RUN sh (deploy/build.sh) /opt/venv /opt/data$", DOCKERFILE, re.M)
    assert build is not None, "the Dockerfile builds with deploy/build.sh"
    # The system Python, as in the image: a venv made from a Python under /root (pyenv)
    # could not be run by the unprivileged user.
    env = {**os.environ, "PATH": "/usr/local/bin:/usr/bin:/bin"}
    env.pop("VIRTUAL_ENV", None)
    result = subprocess.run(
        ["sh", build.group(1), str(venv), str(data)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    yield venv, data
    os.chmod(data, 0o755)
    shutil.rmtree(folder)


def test_the_image_is_shaped_as_promised() -> None:
    stages = re.findall(r"^FROM \S+(?: AS (\w+))?$", DOCKERFILE, re.M)
    assert stages == ["build", ""]  # a build stage and a slim final one
    assert re.search(r"^USER circle$", final_stage(), re.M)
    assert exec_form("CMD") == ["circle", "serve"]
    assert exec_form("HEALTHCHECK") == ["circle", "ready"]
    assert "CIRCLE_WORKERS=" in final_stage()
    lock = (ROOT / "requirements.lock").read_text().split()
    assert lock
    assert all("==" in line for line in lock)  # pinned


def test_the_built_image_serves_read_only_as_an_unprivileged_user(
    built: tuple[Path, Path],
) -> None:
    venv, data = built
    database = data / "circle.sqlite3"
    assert database.stat().st_mode & 0o777 == 0o444
    port = free_port()
    env = image_env(venv, data, port)
    assert env["CIRCLE_SQLITE_IMMUTABLE"] == "true"
    server = subprocess.Popen(
        [*UNPRIVILEGED, *exec_form("CMD")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        healthcheck = [*UNPRIVILEGED, *exec_form("HEALTHCHECK")]
        deadline = time.monotonic() + 30
        while subprocess.run(healthcheck, env=env, capture_output=True, check=False).returncode:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            assert time.monotonic() < deadline, "never became ready"
            time.sleep(0.3)
        base = f"http://127.0.0.1:{port}"
        index = httpx.get(f"{base}/v1", timeout=5).json()
        assert {c["name"]: c["count"] for c in index["collections"]}["figures"] == 9
        assert httpx.get(f"{base}/v1/projects?regions=guang-an", timeout=5).json()["total"] == 1
        write = subprocess.run(
            [*UNPRIVILEGED, "sh", "-c", f"echo x >> {database}"], capture_output=True, check=False
        )
        assert write.returncode != 0  # the baked database cannot be changed by the server user
    finally:
        server.terminate()
        server.wait(timeout=15)
        if server.stderr:
            server.stderr.close()
    assert server.returncode == 0
