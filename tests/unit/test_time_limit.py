"""SQLite's time limit counts the database's work (the CPU time of the thread running the
statement), not the time the thread waited to run; the event loop's budget counts
wall-clock time, since it is about how long the loop is held."""

import sqlite3
import time
from pathlib import Path

import pytest

from api.data.database import sqlite_connect
from api.settings import Settings

# A statement of many VM steps that does little else.
COUNT_TO = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?) "
COUNT_TO += "SELECT count(*) FROM c"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    path = tmp_path / "any.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (x)")
    db.close()
    return Settings(sqlite_path=path, query_time_limit_ms=100)


def test_time_spent_waiting_is_not_counted(settings: Settings) -> None:
    connection = sqlite_connect(settings)
    connection.start_clock()
    time.sleep(0.3)  # past the limit in wall-clock time, while doing no work
    assert connection.execute(COUNT_TO, (20_000,)).fetchone() == (20_000,)
    connection.close()


def test_work_past_the_limit_is_stopped(settings: Settings) -> None:
    connection = sqlite_connect(settings)
    connection.start_clock()
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        connection.execute(COUNT_TO, (10**10,)).fetchone()
    connection.close()


def test_the_event_loop_s_budget_counts_wall_clock_time(settings: Settings) -> None:
    connection = sqlite_connect(settings)
    connection.start_clock(0.05)
    time.sleep(0.1)
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        connection.execute(COUNT_TO, (20_000,)).fetchone()
    connection.close()
