"""The worker's CPU per first-time page on PostgreSQL, in process: the app built by
`create_app` over DATABASE_URL, asked through ASGI (no sockets, no HTTP parsing), on
uvloop, at one request at a time and at 32 at once.

    DATABASE_URL=postgresql://... PYTHONPATH=<tree> python bench/driver_cpu.py [--asyncpg]

Prints, for each question, the process CPU time per request (os.times, user and system:
this process only, the database server's time not counted) and the wall time, after a
warm-up. `--question filtered --concurrency 1` asks only those (for callgrind: the
instructions of one run less those of a run with fewer --requests). `--asyncpg` swaps
the runner's statements onto an asyncpg pool of the same size (a measurement only:
asyncpg's rows and types are not the served ones). PYTHONPATH picks the tree, so that
the same script measures another branch's code.
"""

import argparse
import asyncio
import importlib
import itertools
import os
import re
import time
from typing import Any

import uvloop

from api.main import create_app
from api.settings import Settings
from bench.in_process import ask

QUESTIONS = {
    "collection page, first-time": "/v1/figures?value__gte=-{N}",
    "filtered + sorted, first-time": "/v1/figures?unit=count,CNY&sort=-value&value__gte=-{N}",
}
numbers = itertools.count(1)


async def measure(
    app: Any, template: str, requests: int, concurrency: int
) -> tuple[float, float, float]:
    async def one() -> None:
        status = await ask(app, template.replace("{N}", str(next(numbers))))
        assert status == 200, status

    async def worker(count: int) -> None:
        for _ in range(count):
            await one()

    for _ in range(50):
        await one()
    before, wall = os.times(), time.perf_counter()
    await asyncio.gather(*(worker(requests // concurrency) for _ in range(concurrency)))
    after, done = os.times(), requests // concurrency * concurrency
    user, system = after.user - before.user, after.system - before.system
    return user / done, system / done, (time.perf_counter() - wall) / done


class AsyncpgFetch:
    """The runner's `fetch` on an asyncpg pool: `%(name)s` placeholders become `$n`."""

    def __init__(self, dsn: str, size: int) -> None:
        self.dsn = dsn
        self.size = size
        self.pool: Any = None
        self.converted: dict[str, tuple[str, list[str]]] = {}

    def convert(self, sql: str) -> tuple[str, list[str]]:
        found = self.converted.get(sql)
        if found is None:
            names: list[str] = []

            def placeholder(match: re.Match[str]) -> str:
                if match.group(0) == "%%":
                    return "%"
                name = match.group(1)
                if name not in names:
                    names.append(name)
                return f"${names.index(name) + 1}"

            found = (re.sub(r"%%|%\(([^)]+)\)s", placeholder, sql), names)
            self.converted[sql] = found
        return found

    async def rows(self, sql: str, arguments: Any) -> list[tuple[Any, ...]]:
        if self.pool is None:
            # Not a dependency of the project: `pip install asyncpg` for this measurement.
            asyncpg = importlib.import_module("asyncpg")
            self.pool = await asyncpg.create_pool(self.dsn, min_size=1, max_size=self.size)
        text, names = self.convert(sql)
        async with self.pool.acquire() as conn:
            records = await conn.fetch(text, *[arguments[n] for n in names])
        return [tuple(r) for r in records]

    def fetch(self, sql: str, arguments: Any) -> list[tuple[Any, ...]]:
        from api.data.greenlet_bridge import wait_for

        return wait_for(self.rows(sql, arguments))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--asyncpg", action="store_true")
    parser.add_argument("--requests", type=int, default=1600)
    parser.add_argument("--question", choices=["collection", "filtered"], action="append")
    parser.add_argument("--concurrency", type=int, action="append")
    args = parser.parse_args()
    settings = Settings(access_log=False)
    app = create_app(settings)
    runner = app.data.runner
    if args.asyncpg:
        fetch: Any = AsyncpgFetch(settings.database.libpq, 8)
        original = runner._run_awaited  # a measurement's patch

        async def run_awaited(pages: Any, snapshot: Any, work: Any) -> Any:
            return await original(fetch, snapshot, work)

        runner._run_awaited = run_awaited  # type: ignore[method-assign]

    async def sitting() -> None:
        for label, template in QUESTIONS.items():
            if args.question and label.split()[0] not in args.question:
                continue
            for concurrency in args.concurrency or (1, 32):
                user, system, wall = await measure(app, template, args.requests, concurrency)
                print(
                    f"{label:30s} c={concurrency:<3d} cpu {(user + system) * 1e6:5.0f} us/req "
                    f"(user {user * 1e6:4.0f}, sys {system * 1e6:4.0f})  "
                    f"wall {wall * 1e6:6.0f} us/req",
                    flush=True,
                )

    loop = uvloop.new_event_loop()
    try:
        loop.run_until_complete(sitting())
    finally:
        app.close()
        loop.close()


if __name__ == "__main__":
    main()
