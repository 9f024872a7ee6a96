"""schemathesis against the OpenAPI document of a live server, on SQLite and PostgreSQL.

Each database gets a real `circle serve` process on 127.0.0.1, started by a fixture (not
at import: collecting this module starts nothing). Every check runs,
positive and negative, plus the stateful phase that follows the documented links from
collections to records, with a fixed seed; `make fuzz` runs many more examples.
A page asked with `fields=` is checked against its `<Record>PartialPage` schema (the
operation's own 200 types the untrimmed page). Generated cursors are dropped from cases
meant to be valid: a random string is schema-valid but can never be a cursor this API
signed; cursors have their own tests.
"""

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator
from schemathesis.schemas import BaseSchema
from schemathesis.specs.openapi.checks import response_schema_conformance

from api.settings import Settings
from models.resources import RESOURCES
from tests.support import live_server

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
    (each operation's own 200 types the untrimmed page; docs/api.md, "Clients")."""
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


@pytest.fixture(scope="module")
def live_schema(
    database_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BaseSchema]:
    """The OpenAPI document of `circle serve` over the session's seeded database."""
    url = database_settings.database_url or f"sqlite:///{database_settings.sqlite_path}"
    log = tmp_path_factory.mktemp("schemathesis") / "server.log"
    with live_server(url, log) as base:
        yield schemathesis.openapi.from_url(f"{base}/openapi.json", config=CONFIG)


@pytest.mark.parametrize(
    "mode", [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]
)
def test_every_operation_conforms(
    live_schema: BaseSchema, mode: schemathesis.GenerationMode
) -> None:
    """Each operation, with cases valid (POSITIVE) or not (NEGATIVE), through every check."""
    operations = [result.ok() for result in live_schema.get_all_operations()]
    assert len(operations) == 27
    if mode is schemathesis.GenerationMode.NEGATIVE:
        # Nothing can be invalid in a request to an operation without parameters.
        operations = [op for op in operations if len(op.query) + len(op.path_parameters)]
    for operation in operations:

        @FUZZ_SETTINGS
        @given(case=operation.as_strategy(mode))
        def conforms(case: schemathesis.Case) -> None:
            _check(case)

        conforms()


def test_workflow(live_schema: BaseSchema) -> None:
    """The stateful phase: documented links from collections to records."""

    class Workflow(live_schema.as_state_machine()):  # type: ignore[misc]
        def before_call(self, case: schemathesis.Case) -> None:
            _drop_cursor(case)

        def validate_response(self, response: Any, case: schemathesis.Case, **_: Any) -> None:
            case.validate_response(response, recorder=self.recorder, **CHECKS)

    Workflow.run(
        settings=settings(FUZZ_SETTINGS, max_examples=max(5, EXAMPLES // 5), stateful_step_count=6)
    )
