"""schemathesis against the OpenAPI document of a live server, on SQLite and PostgreSQL.

Each database gets a real `circle serve` process on 127.0.0.1. Every check runs,
positive and negative, plus the stateful phase that follows the documented links from
collections to records, with a fixed seed; `make fuzz` runs many more examples.
A page asked with `fields=` is checked against its `<Record>PartialPage` schema (the
operation's own 200 types the untrimmed page). Generated cursors are dropped from cases
meant to be valid: a random string is schema-valid but can never be a cursor this API
signed; cursors have their own tests.
"""

import atexit
import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from jsonschema import Draft202012Validator
from schemathesis.specs.openapi.checks import response_schema_conformance

from models.resources import RESOURCES
from seed.loader import seed
from tests.support import POSTGRES_URL, SOURCES, live_server, postgres_database

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


# Servers live for the whole session: schemathesis loads their schema at import time.
_SERVERS = contextlib.ExitStack()
atexit.register(_SERVERS.close)


def _sqlite_server() -> str:
    folder = Path(tempfile.mkdtemp(prefix="circle-st-"))
    seed(f"sqlite:///{folder / 'db.sqlite3'}", SOURCES)
    return _SERVERS.enter_context(
        live_server(f"sqlite:///{folder / 'db.sqlite3'}", folder / "server.log")
    )


def _postgres_server() -> str:
    assert POSTGRES_URL
    url = _SERVERS.enter_context(postgres_database(POSTGRES_URL))  # dropped after the server
    seed(url, SOURCES)
    return _SERVERS.enter_context(live_server(url, Path(tempfile.mkdtemp()) / "server.log"))


def _drop_cursor(case: schemathesis.Case) -> None:
    """Drops a generated cursor from a case meant to be valid; a negative case keeps it
    (the API refuses it, as it must)."""
    meta = getattr(case, "_meta", None)
    if meta is not None and meta.generation.mode == schemathesis.GenerationMode.NEGATIVE:
        return
    if case.query and "cursor" in case.query:
        case.query = {k: v for k, v in case.query.items() if k != "cursor"}


def _partial_pages(raw: dict[str, Any]) -> dict[str, Draft202012Validator]:
    """The schema of a trimmed page, per collection path, resolving refs in `raw`."""
    return {
        f"/v1/{name}": Draft202012Validator(
            {
                "$ref": f"#/components/schemas/{spec.item_model.__name__.removesuffix('Public')}"
                "PartialPage",
                "components": raw["components"],
            }
        )
        for name, spec in RESOURCES.items()
    }


_PARTIAL: dict[str, Draft202012Validator] = {}


def conformance(ctx: Any, response: Any, case: schemathesis.Case) -> bool | None:
    """schemathesis's response_schema_conformance, except that a page asked with `fields=`
    is held to its `<Record>PartialPage` schema, which is what the document says it is
    (each operation's own 200 types the untrimmed page; README, Generated clients)."""
    path = case.operation.path
    media = (response.headers.get("content-type") or [""])[0]
    trimmed = case.query is not None and "fields" in case.query
    if response.status_code == 200 and trimmed and media == "application/json":
        if not _PARTIAL:
            _PARTIAL.update(_partial_pages(case.operation.schema.raw_schema))
        if path in _PARTIAL:
            errors = [e.message for e in _PARTIAL[path].iter_errors(response.json())]
            assert not errors, f"a trimmed page violates its PartialPage schema: {errors[:3]}"
            return None
    result: bool | None = response_schema_conformance(ctx, response, case)
    return result


CHECKS: dict[str, Any] = {
    "excluded_checks": [response_schema_conformance],
    "additional_checks": [conformance],
}


def _check(case: schemathesis.Case) -> None:
    _drop_cursor(case)
    case.call_and_validate(**CHECKS)


sqlite_schema = schemathesis.openapi.from_url(f"{_sqlite_server()}/openapi.json", config=CONFIG)


@sqlite_schema.parametrize()
@FUZZ_SETTINGS
def test_sqlite_conforms(case: schemathesis.Case) -> None:
    _check(case)


class SqliteWorkflow(sqlite_schema.as_state_machine()):  # type: ignore[misc]
    def before_call(self, case: schemathesis.Case) -> None:
        _drop_cursor(case)

    def validate_response(self, response: Any, case: schemathesis.Case, **_: Any) -> None:
        case.validate_response(response, recorder=self.recorder, **CHECKS)


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

        def validate_response(self, response: Any, case: schemathesis.Case, **_: Any) -> None:
            case.validate_response(response, recorder=self.recorder, **CHECKS)

    TestPostgresWorkflow = PostgresWorkflow.TestCase
    TestPostgresWorkflow.settings = TestSqliteWorkflow.settings
else:

    def test_postgres_conforms() -> None:
        pytest.skip("PostgreSQL half skipped: CIRCLE_TEST_POSTGRES_URL is not set")
