"""Sends N requests through create_app() in process, as raw ASGI calls, for callgrind.

usage: DRIVE_DB=<sqlite file or postgresql:// URL> \
    python docs/incoming/http-public-callgrind.py KIND N
KIND: new (first-time collection page), rep (repeated page), filt (first-time filtered
and sorted page), search (first-time search), record (a record). Instructions per
request: run it under `PYTHONHASHSEED=0 valgrind --tool=callgrind` with N=200 and
N=1000; the difference of the two totals over 800.
"""

import asyncio
import os
import sys
from pathlib import Path

from api.main import create_app
from api.settings import Settings

kind, n = sys.argv[1], int(sys.argv[2])
db = os.environ["DRIVE_DB"]
settings = (
    Settings(sqlite_path=Path(db), access_log=False, readiness_ttl_ms=0)
    if not db.startswith("postgres")
    else Settings(database_url=db, access_log=False)
)
app = create_app(settings)
HEADERS = (
    [(b"host", b"localhost:8000"), (b"user-agent", b"wrk"), (b"accept-encoding", b"gzip")]
    if os.environ.get("DRIVE_GZIP")
    else [(b"host", b"localhost:8000"), (b"user-agent", b"wrk")]
)


def target(i):
    if kind == "new":
        return "/v1/figures", b"value__gte=-%d" % i
    if kind == "filt":
        return "/v1/figures", b"unit=count,CNY&sort=-value&value__gte=-%d" % i
    if kind == "search":
        return "/v1/search", b"q=nohit%d" % i
    if kind == "record":
        return "/v1/projects/chengdu-chongqing-hsr-middle-line", b""
    return "/v1/figures", b""


async def one(i):
    path, qs = target(i)
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 5555),
        "scheme": "http",
        "method": "GET",
        "root_path": "",
        "path": path,
        "raw_path": path.encode(),
        "query_string": qs,
        "headers": list(HEADERS),
        "state": {},
    }
    status = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(m):
        if m["type"] == "http.response.start":
            status.append(m["status"])

    await app(scope, receive, send)
    assert status == [200], (status, path, qs)


async def main():
    for i in range(n):
        await one(i + 1000)


try:
    import uvloop

    uvloop.run(main())
except ImportError:
    asyncio.run(main())
app.close()
