"""schemathesis against the OpenAPI document of a live server, on SQLite and PostgreSQL.

Each database gets a real `circle serve` process on 127.0.0.1. Every check runs,
positive and negative, plus the stateful phase that follows the documented links from
collections to records, with a fixed seed; `make fuzz` runs many more examples.
Generated cursors are dropped from cases meant to be valid: a random string is
schema-valid but can never be a cursor this API signed; cursors have their own tests.
"""

import atexit
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from seed.loader import seed
from tests.support import POSTGRES_URL, SOURCES, postgres_database

EXAMPLES = int(os.environ.get("CIRCLE_FUZZ_EXAMPLES", "25"))
# 414 is the API's documented answer to a URL over its length limit, valid or not.
CONFIG = schemathesis.Config.from_str("""
[checks.negative_data_rejection]
expected-statuses = [400, 401, 403, 404, 405, 406, 409, 414, 415, 422, 428, 429]
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", 401, 403, 404, 409, 414, 429]
""")
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def _serve(database_url: str) -> str:
    """A live server on the database, stopped when the test session ends."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "api.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--database-url",
            database_url,
        ],
        env={**os.environ, "CIRCLE_ACCESS_LOG": "false"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def stop() -> None:
        server.terminate()
        server.wait(timeout=20)

    atexit.register(stop)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, "the server exited at start-up"
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return base
        time.sleep(0.2)
    raise RuntimeError("the server never became ready")


def _sqlite_server() -> str:
    folder = Path(tempfile.mkdtemp(prefix="circle-st-"))
    seed(f"sqlite:///{folder / 'db.sqlite3'}", SOURCES)
    return _serve(f"sqlite:///{folder / 'db.sqlite3'}")


def _postgres_server() -> str:
    assert POSTGRES_URL
    stack = contextlib.ExitStack()
    url = stack.enter_context(postgres_database(POSTGRES_URL))
    seed(url, SOURCES)
    base = _serve(url)
    atexit.register(stack.close)  # registered after the server: runs before its stop
    return base


def _drop_cursor(case: schemathesis.Case) -> None:
    """Drops a generated cursor from a case meant to be valid; a negative case keeps it
    (the API refuses it, as it must)."""
    meta = getattr(case, "_meta", None)
    if meta is not None and meta.generation.mode == schemathesis.GenerationMode.NEGATIVE:
        return
    if case.query and "cursor" in case.query:
        case.query = {k: v for k, v in case.query.items() if k != "cursor"}


def _check(case: schemathesis.Case) -> None:
    _drop_cursor(case)
    case.call_and_validate()


sqlite_schema = schemathesis.openapi.from_url(f"{_sqlite_server()}/openapi.json", config=CONFIG)


@sqlite_schema.parametrize()
@FUZZ_SETTINGS
def test_sqlite_conforms(case: schemathesis.Case) -> None:
    _check(case)


class SqliteWorkflow(sqlite_schema.as_state_machine()):  # type: ignore[misc]
    def before_call(self, case: schemathesis.Case) -> None:
        _drop_cursor(case)


TestSqliteWorkflow = SqliteWorkflow.TestCase
TestSqliteWorkflow.settings = settings(
    FUZZ_SETTINGS, max_examples=max(5, EXAMPLES // 5), stateful_step_count=6
)

if POSTGRES_URL:
    postgres_schema = schemathesis.openapi.from_url(
        f"{_postgres_server()}/openapi.json", config=CONFIG
    )

    @postgres_schema.parametrize()
    @FUZZ_SETTINGS
    def test_postgres_conforms(case: schemathesis.Case) -> None:
        _check(case)

    class PostgresWorkflow(postgres_schema.as_state_machine()):  # type: ignore[misc]
        def before_call(self, case: schemathesis.Case) -> None:
            _drop_cursor(case)

    TestPostgresWorkflow = PostgresWorkflow.TestCase
    TestPostgresWorkflow.settings = TestSqliteWorkflow.settings
else:

    def test_postgres_conforms() -> None:
        pytest.skip("PostgreSQL half skipped: CIRCLE_TEST_POSTGRES_URL is not set")
