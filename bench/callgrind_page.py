"""Sends N requests through create_app() in process, as raw ASGI calls, for callgrind:
the instructions one request costs through the whole app, deterministic on a shared
machine where req/s is not (docs/design.md, "How to measure").

usage: DRIVE_DB=<sqlite file or postgresql:// URL> \\
    .venv/bin/python -m bench.callgrind_page KIND N
KIND: new (first-time collection page), rep (repeated page), filt (first-time filtered
and sorted page), search (first-time search), record (a record). DRIVE_GZIP=1 asks for
gzip. Instructions per request: run it under
`PYTHONHASHSEED=0 valgrind --tool=callgrind` with N=200 and N=1000; the difference of
the two totals over 800.
"""

import asyncio
import os
import sys
from pathlib import Path

from api.main import create_app
from api.settings import Settings
from bench.in_process import ask

PAGE = "/v1/figures"


def target(kind: str, i: int) -> tuple[str, bytes]:
    """The path and query of the i-th request of this kind; a first-time one carries i."""
    if kind == "new":
        return PAGE, b"value__gte=-%d" % i
    if kind == "filt":
        return PAGE, b"unit=count,CNY&sort=-value&value__gte=-%d" % i
    if kind == "search":
        return "/v1/search", b"q=nohit%d" % i
    if kind == "record":
        return "/v1/projects/chengdu-chongqing-hsr-middle-line", b""
    return PAGE, b""


def main(kind: str, n: int, db: str) -> None:
    settings = (
        Settings(database_url=db, access_log=False)
        if db.startswith("postgres")
        else Settings(sqlite_path=Path(db), access_log=False, readiness_ttl_ms=0)
    )
    app = create_app(settings)
    headers = [(b"host", b"localhost:8000"), (b"user-agent", b"wrk")]
    if os.environ.get("DRIVE_GZIP"):
        headers.append((b"accept-encoding", b"gzip"))

    async def one(i: int) -> None:
        path, query = target(kind, i)
        url = f"{path}?{query.decode()}" if query else path
        status = await ask(app, url, tuple(headers))
        assert status == 200, (status, path, query)

    async def run() -> None:
        for i in range(n):
            await one(i + 1000)

    try:
        import uvloop

        uvloop.run(run())
    except ImportError:
        asyncio.run(run())
    app.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), os.environ["DRIVE_DB"])
