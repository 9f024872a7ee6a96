"""Shared fixtures. Every test that touches data runs against SQLite and against PostgreSQL
(when configured); a test that depends on neither runs once.

Markers are applied here, not by hand: every test under tests/system is `slow` (it starts
processes), and every test that runs on PostgreSQL is `postgres`, so that
`pytest -m "not slow"` and `pytest -m "not postgres"` select what they say.
"""

import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.main import create_app
from api.settings import Settings
from seed.loader import seed
from tests.support import (
    POSTGRES_SKIPPED,
    SOURCES,
    Api,
    MakeApi,
    postgres_database,
    require_postgres,
)

SYSTEM_TESTS = Path(__file__).resolve().parent / "system"
# Fixtures that put a test on PostgreSQL, whatever their parameters.
POSTGRES_FIXTURES = {"postgres_server", "postgres_url", "postgres_settings"}


def runs_on_postgres(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    params = callspec.params if callspec is not None else {}
    # A fixture parametrized over the databases (database_settings, empty_database_url, a
    # live server's base_url in tests/system) runs its "postgres" case on PostgreSQL.
    if any(value == "postgres" for value in params.values()):
        return True
    return bool(POSTGRES_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # System tests first: under `make test` (`--dist loadfile`) their modules are the
    # longest units of work, and the short ones of tests/api and tests/unit fill the end.
    items.sort(key=lambda item: not item.path.is_relative_to(SYSTEM_TESTS))
    for item in items:
        if item.path.is_relative_to(SYSTEM_TESTS):
            item.add_marker(pytest.mark.slow)
        if runs_on_postgres(item):
            item.add_marker(pytest.mark.postgres)


def skip_reasons(reports: list[pytest.TestReport]) -> list[tuple[int, str]]:
    """The skipped tests counted by reason, most first: a few lines where `-rs` would
    print one per test."""
    reasons: Counter[str] = Counter()
    for report in reports:
        if isinstance(report.longrepr, tuple):  # (path, line, "Skipped: reason")
            reasons[str(report.longrepr[2]).removeprefix("Skipped: ")] += 1
        else:
            reasons[str(report.longrepr)] += 1
    return sorted(((n, reason) for reason, n in reasons.items()), key=lambda r: (-r[0], r[1]))


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Skips summarised by reason, just above the totals (pytest -rs lists each one)."""
    skipped = terminalreporter.stats.get("skipped", [])
    reasons = skip_reasons(skipped)
    if skipped:
        terminalreporter.section("skipped, by reason")
        for count, reason in reasons:
            terminalreporter.write_line(f"{count:5d}  {reason}")
    # Read off the reports, which pytest-xdist's workers send back: their fixtures run in
    # processes of their own.
    if any(reason == POSTGRES_SKIPPED for _, reason in reasons):
        terminalreporter.write_line(
            "NOTE: the PostgreSQL half of the suite was SKIPPED (set "
            "CIRCLE_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test, a database "
            'that exists, to run it: docs/operations.md, "PostgreSQL").',
            yellow=True,
            bold=True,
        )


def settings_for(url: str | None, sqlite_file: Path | None = None, **extra: object) -> Settings:
    # Readiness checked afresh on every /readyz: the tests change the database under it.
    values: dict[str, object] = {"access_log": False, "readiness_ttl_ms": 0, **extra}
    if sqlite_file is not None:
        values["sqlite_path"] = sqlite_file
    return Settings(database_url=url, **values)  # type: ignore[arg-type]


def settings_for_url(url: str, **extra: object) -> Settings:
    if url.startswith("sqlite:///"):
        return settings_for(None, Path(url.removeprefix("sqlite:///")), **extra)
    return settings_for(url, None, **extra)


# --- Databases -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The PostgreSQL server the tests make their databases on; skips the test when none
    is configured (fails when CI demands PostgreSQL)."""
    return require_postgres()


@pytest.fixture(scope="session")
def sqlite_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    path = tmp_path_factory.mktemp("sqlite") / "circle.sqlite3"
    seed(f"sqlite:///{path}", SOURCES)
    return settings_for(None, path)


@pytest.fixture(scope="session")
def postgres_url(postgres_server: str) -> Iterator[str]:
    with postgres_database(postgres_server) as url:
        yield url


@pytest.fixture(scope="session")
def postgres_settings(postgres_url: str) -> Settings:
    seed(postgres_url, SOURCES)
    return settings_for(postgres_url)


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def database_settings(request: pytest.FixtureRequest) -> Settings:
    """The seeded database of the session, each in turn."""
    value: Settings = request.getfixturevalue(f"{request.param}_settings")
    return value


@pytest.fixture(params=["sqlite", "postgres"])
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of the test's own, not yet seeded: a SQLite path or a new PostgreSQL db."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'circle.sqlite3'}"
        return
    with postgres_database(request.getfixturevalue("postgres_server")) as url:
        yield url


@pytest.fixture
def seeded_sqlite(tmp_path: Path) -> Path:
    """A SQLite file of the test's own, seeded from the shipped sources (the test may
    remove, replace or reseed it)."""
    path = tmp_path / "circle.sqlite3"
    seed(f"sqlite:///{path}", SOURCES)
    return path


@pytest.fixture
def sources_copy(tmp_path: Path) -> Path:
    """A copy of the shipped sources folder that the test may edit (edit_dataset)."""
    copy = tmp_path / "sources"
    shutil.copytree(SOURCES, copy)
    return copy


# --- Apps ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def settings(database_settings: Settings) -> Settings:
    """Each database in turn (ids sqlite, postgres)."""
    return database_settings


@pytest.fixture(scope="session")
def api(settings: Settings) -> Iterator[Api]:
    client = Api(create_app(settings))
    yield client
    client.close()


@pytest.fixture
def make_api() -> Iterator[MakeApi]:
    """make_api(settings, **changes): an app of the test's own over `settings` (with the
    fields in `changes` replaced), closed when the test ends."""
    made: list[Api] = []

    def make(settings: Settings, **changes: object) -> Api:
        client = Api(create_app(settings.model_copy(update=changes)))
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()
