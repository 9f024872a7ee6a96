"""Every API test runs against SQLite and against PostgreSQL (when configured)."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.main import create_app
from api.settings import Settings
from seed.loader import seed
from tests.support import (
    POSTGRES_REQUIRED,
    POSTGRES_URL,
    SOURCES,
    Api,
    postgres_database,
    require_postgres,
)

_skipped_postgres: list[str] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _skipped_postgres:
        terminalreporter.write_line(
            "NOTE: the PostgreSQL half of the suite was SKIPPED (set "
            "CIRCLE_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test to run it).",
            yellow=True,
            bold=True,
        )


def settings_for(url: str | None, sqlite_file: Path | None = None, **extra: object) -> Settings:
    # Readiness checked afresh on every /readyz: the tests change the database under it.
    values: dict[str, object] = {"access_log": False, "readiness_ttl_ms": 0, **extra}
    if sqlite_file is not None:
        values["sqlite_path"] = sqlite_file
    return Settings(database_url=url, **values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def sqlite_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    path = tmp_path_factory.mktemp("sqlite") / "circle.sqlite3"
    seed(f"sqlite:///{path}", SOURCES)
    return settings_for(None, path)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    if not POSTGRES_URL:
        if POSTGRES_REQUIRED:
            pytest.fail("CIRCLE_REQUIRE_POSTGRES=1 but CIRCLE_TEST_POSTGRES_URL is unset")
        _skipped_postgres.append("unset")
        pytest.skip("PostgreSQL half skipped: CIRCLE_TEST_POSTGRES_URL is not set")
    with postgres_database(POSTGRES_URL) as url:
        yield url


@pytest.fixture(scope="session")
def postgres_settings(postgres_url: str) -> Settings:
    seed(postgres_url, SOURCES)
    return settings_for(postgres_url)


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def settings(request: pytest.FixtureRequest) -> Settings:
    value: Settings = request.getfixturevalue(f"{request.param}_settings")
    return value


@pytest.fixture(scope="session")
def api(settings: Settings) -> Iterator[Api]:
    client = Api(create_app(settings))
    yield client
    client.close()


@pytest.fixture(params=["sqlite", "postgres"])
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of the test's own, not yet seeded: a SQLite path or a new PostgreSQL db."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'circle.sqlite3'}"
        return
    with postgres_database(require_postgres()) as url:
        yield url


def settings_for_url(url: str) -> Settings:
    if url.startswith("sqlite:///"):
        return settings_for(None, Path(url.removeprefix("sqlite:///")))
    return settings_for(url)
