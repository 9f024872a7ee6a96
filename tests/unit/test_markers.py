"""The declared markers are applied (tests/conftest.py): every test under tests/system is
`slow`, and every test that runs on PostgreSQL is `postgres`, whichever fixture puts it
there; so `-m "not slow"` and `-m "not postgres"` select what they say. Checked by
collecting a few files in a pytest of its own."""

import subprocess
import sys

from tests.support import ROOT

FILES = [
    "tests/api/test_http.py::test_etag_and_304",
    "tests/api/test_faults.py",
    "tests/api/test_prewarm_served.py::test_postgres_is_not_prewarmed",
    "tests/unit/test_loader.py::test_seeding_twice_changes_nothing",
    "tests/unit/test_query_runner.py::test_a_query_over_the_time_limit_is_stopped_with_503",
    "tests/system/test_cli.py::test_seed_reports_loaded_then_up_to_date",
    "tests/system/test_mcp.py::test_numbers_booleans_and_pages_pass_as_the_http_api_takes_them",
]
ON_POSTGRES = [
    "tests/api/test_http.py::test_etag_and_304[postgres]",
    "tests/api/test_faults.py::test_postgres_unreachable_while_serving",
    "tests/api/test_faults.py::"
    "test_postgres_connections_broken_while_idle_cost_the_next_requests_nothing",
    "tests/api/test_faults.py::test_postgres_back_after_a_long_outage_is_used_again_at_once",
    "tests/api/test_prewarm_served.py::test_postgres_is_not_prewarmed",
    "tests/unit/test_loader.py::test_seeding_twice_changes_nothing[postgres]",
    "tests/unit/test_query_runner.py::test_a_query_over_the_time_limit_is_stopped_with_503"
    "[postgres]",
]
SLOW = [
    "tests/system/test_cli.py::test_seed_reports_loaded_then_up_to_date",
    "tests/system/test_mcp.py::test_numbers_booleans_and_pages_pass_as_the_http_api_takes_them"
    "[sqlite]",
]
# A live server's base_url, parametrized over the databases as the shared fixtures are.
SLOW_ON_POSTGRES = [
    "tests/system/test_mcp.py::test_numbers_booleans_and_pages_pass_as_the_http_api_takes_them"
    "[postgres]",
]
NEITHER = [
    "tests/api/test_http.py::test_etag_and_304[sqlite]",
    "tests/api/test_faults.py::test_database_file_removed_while_serving",
    *[
        f"tests/api/test_faults.py::test_database_file_replaced_by_garbage[{garbage}]"
        for garbage in ("empty", "text")
    ],
    "tests/unit/test_loader.py::test_seeding_twice_changes_nothing[sqlite]",
    "tests/unit/test_query_runner.py::test_a_query_over_the_time_limit_is_stopped_with_503[sqlite]",
]


# A pytest of its own that collects FILES and prints each test's id with its markers.
COLLECT = """
import sys
import pytest

class Report:
    def pytest_collection_finish(self, session):
        for item in session.items:
            marks = sorted({m.name for m in item.iter_markers()} & {"slow", "postgres"})
            print("marked", item.nodeid, ",".join(marks))

args = ["--collect-only", "-q", "-p", "no:cacheprovider", *sys.argv[1:]]
sys.exit(pytest.main(args, plugins=[Report()]))
"""


def test_system_tests_are_slow_and_postgres_tests_postgres() -> None:
    result = subprocess.run(
        [sys.executable, "-c", COLLECT, *FILES],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    marked = {}
    for line in result.stdout.splitlines():
        if line.startswith("marked "):
            _, nodeid, marks = line.split(" ", 2)
            marked[nodeid] = marks
    assert marked == {
        **dict.fromkeys(ON_POSTGRES, "postgres"),
        **dict.fromkeys(SLOW, "slow"),
        **dict.fromkeys(SLOW_ON_POSTGRES, "postgres,slow"),
        **dict.fromkeys(NEITHER, ""),
    }


def test_skips_are_summed_up_by_reason_above_the_totals() -> None:
    """`make test` without PostgreSQL skips hundreds of tests: one line per reason, right
    above the totals, instead of a SKIPPED line per test."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *ON_POSTGRES[:2]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PATH": "/usr/bin:/bin"},  # no CIRCLE_TEST_POSTGRES_URL
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.rstrip().splitlines()
    assert "SKIPPED [" not in result.stdout
    summary = next(i for i, line in enumerate(lines) if "skipped, by reason" in line)
    assert [line for line in lines[summary + 1 :] if line] == [
        "    2  PostgreSQL half skipped: CIRCLE_TEST_POSTGRES_URL is not set",
        "NOTE: the PostgreSQL half of the suite was SKIPPED (set "
        "CIRCLE_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test, a database that "
        'exists, to run it: docs/operations.md, "PostgreSQL").',
        lines[-1],
    ]
    assert "2 skipped" in lines[-1]
