"""Stock schemathesis against the OpenAPI document of a live server, on SQLite and
PostgreSQL, with every check at its defaults: no check replaced, loosened or configured.

Each database gets a real `circle serve` process on 127.0.0.1, started by a fixture (not
at import: collecting this module starts nothing). Every check runs: valid cases and the
stateful phase that follows the documented links from collections to records on each
database, invalid cases (refused before any statement runs) once; with a fixed seed.
`make fuzz` runs many more examples.

Where a schema-valid input cannot be accepted by design, the input is configured, never
the check:
- a generated `cursor` is dropped from cases meant to be valid: a random string is
  schema-valid but can never be a cursor this API signed (cursors have their own tests);
- the server is made with short text parameters (`max_param_length`, which the document
  states) and a long URL limit, so that no valid case is refused as too long (414);
- the stateful phase follows the document's links only: schemathesis's dependency
  analysis would also put a record's id from an answer into the `id` filter, past the
  16 characters the document allows there, and take the 400 for a valid case refused.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.core.result import Err
from schemathesis.schemas import BaseSchema

from api.settings import Settings
from tests.support import live_server

# Examples per operation and mode: `make test` runs 10, `make fuzz` 400.
EXAMPLES = int(os.environ.get("CIRCLE_FUZZ_EXAMPLES", "10"))
# The server's inputs: text parameters of at most 16 characters (the settings' least),
# URLs of up to 64 KiB: the longest valid request fits.
SERVER_ENV = {"CIRCLE_MAX_PARAM_LENGTH": "16", "CIRCLE_MAX_URL_LENGTH": "65536"}
# Links from the document and from Location headers (none here), none inferred.
CONFIG = schemathesis.Config.from_dict(
    {"phases": {"stateful": {"inference": {"algorithms": ["location-headers"]}}}}
)
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
# list, detail and two exports per collection; index, data package (JSON and zip),
# health, readiness, search, a source's annotations and page.
OPERATIONS = 4 * 10 + 8
# A case of any operation of the document.
Case = schemathesis.Case[schemathesis.APIOperation[Any, Any, Any, Any]]


def _drop_cursor(case: Case) -> None:
    """Drops a generated cursor from a case meant to be valid; a negative case keeps it
    (the API refuses it, as it must)."""
    meta = getattr(case, "_meta", None)
    if meta is not None and meta.generation.mode == schemathesis.GenerationMode.NEGATIVE:
        return
    if case.query and "cursor" in case.query:
        case.query = {k: v for k, v in case.query.items() if k != "cursor"}


def _check(case: Case) -> None:
    _drop_cursor(case)
    case.call_and_validate()


@contextmanager
def served_schema(settings: Settings, folder: Path) -> Iterator[BaseSchema]:
    """The OpenAPI document of `circle serve` over the database of `settings`."""
    url = settings.database_url or f"sqlite:///{settings.sqlite_path}"
    with live_server(url, folder / "server.log", env=SERVER_ENV) as base:
        yield schemathesis.openapi.from_url(f"{base}/openapi.json", config=CONFIG)


@pytest.fixture(scope="module")
def live_schema(
    database_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BaseSchema]:
    """Over the session's seeded database, each in turn."""
    with served_schema(database_settings, tmp_path_factory.mktemp("schemathesis")) as schema:
        yield schema


@pytest.fixture(scope="module")
def sqlite_schema(
    sqlite_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BaseSchema]:
    """Over SQLite only: for what is refused before any database is read."""
    with served_schema(sqlite_settings, tmp_path_factory.mktemp("schemathesis")) as schema:
        yield schema


# Each mode's operations are split in CHUNKS tests, so that parallel workers share them.
CHUNKS = 4


def conform(schema: BaseSchema, mode: schemathesis.GenerationMode, chunk: int) -> None:
    """Every CHUNKS-th operation of `schema` from `chunk`, with cases of `mode`, through
    every check."""
    results = list(schema.get_all_operations())
    assert [r.err() for r in results if isinstance(r, Err)] == []
    operations = [r.ok() for r in results if not isinstance(r, Err)]
    assert len(operations) == OPERATIONS
    if mode is schemathesis.GenerationMode.NEGATIVE:
        # Nothing can be invalid in a request to an operation without parameters.
        operations = [op for op in operations if len(op.query) + len(op.path_parameters)]
    for operation in operations[chunk::CHUNKS]:

        @FUZZ_SETTINGS
        @given(case=operation.as_strategy(mode))
        def conforms(case: Case) -> None:
            _check(case)

        conforms()


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_every_operation_conforms(live_schema: BaseSchema, chunk: int) -> None:
    """Each operation with valid cases (POSITIVE), on each database: these read data."""
    conform(live_schema, schemathesis.GenerationMode.POSITIVE, chunk)


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_every_invalid_request_conforms(sqlite_schema: BaseSchema, chunk: int) -> None:
    """Each operation with invalid cases (NEGATIVE). The parser refuses them before a
    statement is run, whatever the database, so they run once."""
    conform(sqlite_schema, schemathesis.GenerationMode.NEGATIVE, chunk)


def test_workflow(live_schema: BaseSchema) -> None:
    """The stateful phase: documented links from collections to records."""

    class Workflow(live_schema.as_state_machine()):  # type: ignore[misc]
        def before_call(self, case: Case) -> None:
            _drop_cursor(case)

        def validate_response(self, response: Any, case: Case, **_: Any) -> None:
            case.validate_response(response, recorder=self.recorder)

    Workflow.run(
        settings=settings(FUZZ_SETTINGS, max_examples=max(5, EXAMPLES // 5), stateful_step_count=6)
    )
