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
]
ON_POSTGRES = [
    "tests/api/test_http.py::test_etag_and_304[postgres]",
    "tests/api/test_faults.py::test_postgres_unreachable_while_serving",
    "tests/api/test_prewarm_served.py::test_postgres_is_not_prewarmed",
    "tests/unit/test_loader.py::test_seeding_twice_changes_nothing[postgres]",
    "tests/unit/test_query_runner.py::test_a_query_over_the_time_limit_is_stopped_with_503"
    "[postgres]",
]
SLOW = ["tests/system/test_cli.py::test_seed_reports_loaded_then_up_to_date"]
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
        **dict.fromkeys(NEITHER, ""),
    }
