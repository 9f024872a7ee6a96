"""What hostile or odd clients get, in-process: problems
for what the app can shape (CORS preflight refusals, upgrades, WebSocket, query bytes that
are not UTF-8, control characters, a thousand bad parameters, a trailing slash), the same
Vary on 200 and 304, a cache bounded with its keys, exports that never answer 200 before
rows can be read and are cut, not ended, when a later batch cannot be read, and an access
log that drops and counts lines rather than block."""

import asyncio
import os
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from starlette.types import Message

from api.access_log import AccessLog
from api.errors import ApiProblem
from api.main import CircleApp, create_app
from api.query import engine as query_engine
from api.query.params import Format, ParseMemos
from api.response_cache import ResponseCache
from api.settings import Settings
from seed.loader import seed
from tests.conftest import settings_for
from tests.support import SOURCES, Api

PROBLEM = "application/problem+json"


@pytest.fixture
def both(settings: Settings) -> Iterator[Api]:
    """The app on each engine."""
    api = Api(create_app(settings))
    yield api
    api.close()


def test_a_refused_cors_preflight_is_a_problem(sqlite_settings: Settings) -> None:
    api = Api(
        create_app(sqlite_settings.model_copy(update={"cors_origins": ["https://ok.example"]}))
    )
    try:
        refused = api.request(
            "OPTIONS",
            "/v1/projects",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "DELETE"},
        )
        assert refused.status_code == 400
        assert refused.headers["content-type"] == PROBLEM
        assert refused.json() == {
            "type": "/problems/bad-request",
            "title": "Bad request",
            "status": 400,
            "detail": "The CORS preflight is refused: this API does not allow its origin, method.",
        }
        assert "Origin" in refused.headers["vary"]
        allowed = api.request(
            "OPTIONS",
            "/v1/projects",
            headers={"Origin": "https://ok.example", "Access-Control-Request-Method": "GET"},
        )
        assert (allowed.status_code, allowed.text) == (200, "OK")
    finally:
        api.close()


def test_an_upgrade_request_is_a_problem(both: Api) -> None:
    got = both.get(
        "/v1/projects", headers={"Connection": "keep-alive, Upgrade", "Upgrade": "websocket"}
    )
    assert got.status_code == 400
    assert got.headers["content-type"] == PROBLEM
    assert got.headers["connection"] == "close"
    assert got.json()["detail"] == (
        "This API serves HTTP only; it upgrades to no other protocol (WebSocket)."
    )
    # An Upgrade header without Connection: upgrade asks for nothing.
    assert both.get("/v1/projects", headers={"Upgrade": "websocket"}).status_code == 200


def websocket_answer(app: CircleApp, extensions: dict[str, Any]) -> list[Message]:
    sent: list[Message] = []
    scope = {
        "type": "websocket",
        "path": "/v1/projects",
        "raw_path": b"/v1/projects",
        "query_string": b"",
        "headers": [(b"host", b"t")],
        "extensions": extensions,
    }

    async def receive() -> Message:
        return {"type": "websocket.connect"}

    async def send(message: Message) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent


def test_a_websocket_is_refused(sqlite_settings: Settings) -> None:
    app = create_app(sqlite_settings)
    try:
        assert websocket_answer(app, {}) == [{"type": "websocket.close", "code": 1008}]
        start, body = websocket_answer(app, {"websocket.http.response": {}})
        assert (start["type"], start["status"]) == ("websocket.http.response.start", 400)
        assert (b"content-type", PROBLEM.encode()) in start["headers"]
        assert orjson.loads(body["body"])["detail"] == (
            "This API serves HTTP only; it serves no WebSocket."
        )
    finally:
        app.close()


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("q=%FF", "q"),
        ("q=caf%C3", "q"),
        ("regions=%C0%AF", "regions"),
        ("q=a&cursor=%ED%A0%80", "cursor"),  # a UTF-16 surrogate, not UTF-8
    ],
)
def test_query_bytes_that_are_not_utf8_are_400_naming_the_parameter(
    both: Api, query: str, param: str
) -> None:
    for path in ("/v1/projects", "/v1/search"):
        got = both.get(f"{path}?{query}")
        assert got.status_code == 400, (path, got.text)
        assert got.headers["content-type"] == PROBLEM
        assert got.json()["errors"] == [
            {"param": param, "message": "is not UTF-8 once percent-decoded"}
        ]


def test_utf8_in_the_query_is_read_as_utf8(both: Api) -> None:
    encoded = both.json("/v1/search?q=%E6%88%90%E9%83%BD")  # 成都
    assert encoded["links"]["self"] == "/v1/search?q=%E6%88%90%E9%83%BD"


def test_control_characters_in_a_record_id_are_400(both: Api) -> None:
    for record_id in ("%00", "a%0Ab", "%7F", "%C2%85"):
        got = both.get(f"/v1/projects/{record_id}")
        assert got.status_code == 400, (record_id, got.text)
        assert got.json()["errors"] == [{"param": "id", "message": "contains control characters"}]


def test_a_thousand_bad_parameters_get_a_small_problem(both: Api) -> None:
    query = "&".join(f"p{n}" for n in range(1300))  # 7.7 KB, under the URL cap
    got = both.get(f"/v1/projects?{query}")
    assert got.status_code == 400
    assert len(got.json()["errors"]) == 20
    assert len(got.content) < 8000


def test_a_trailing_slash_is_404_not_a_redirect(both: Api) -> None:
    got = both.get("/v1/projects/", headers={"Host": "evil.example"})
    assert got.status_code == 404
    assert "location" not in got.headers
    assert got.headers["content-type"] == PROBLEM


@pytest.mark.parametrize(
    "url",
    [
        "/v1/projects?limit=50",  # past gzip_min_size
        "/v1/figures?limit=1&fields=id",  # under it
        "/v1/figures?format=csv",  # a stream
        "/v1/projects/major-projects-2022",
    ],
)
@pytest.mark.parametrize("encoding", ["gzip", "identity"])
def test_vary_is_the_same_on_200_and_304(both: Api, url: str, encoding: str) -> None:
    full = both.get(url, headers={"Accept-Encoding": encoding})
    assert full.status_code == 200
    again = both.get(
        url, headers={"Accept-Encoding": encoding, "If-None-Match": full.headers["etag"]}
    )
    assert again.status_code == 304
    assert again.headers.get_list("vary") == full.headers.get_list("vary")


def test_the_cache_counts_its_keys_and_keys_on_the_cors_outcome(settings: Settings) -> None:
    limit = 200_000
    update = {"response_cache_bytes": limit}
    api = Api(create_app(settings.model_copy(update=update)))
    try:
        cache = api.app.cache
        assert isinstance(cache, ResponseCache)
        for n in range(60):
            origin = f"https://{n}.example/" + "o" * 20_000
            for _ in range(2):
                got = api.get("/v1/figures?limit=1", headers={"Origin": origin})
                assert got.headers["access-control-allow-origin"] == "*"
        assert len(cache.entries) == 1  # any Origin, one answer: "*"
        # Long query strings (a non-ASCII path or query holds 2-4 bytes a character).
        for n in range(60):
            url = f"/v1/search?q={n}" + "%E6%88%90" * 60 + "&limit=1"
            for _ in range(2):
                assert api.get(url).status_code == 200
        assert cache.size <= limit
        assert cache.size == sum(entry.size for entry in cache.entries.values())
        for (key, _), entry in cache.entries.items():
            assert entry.key_size >= len(key[1]) + len(key[2])
    finally:
        api.close()


def get_scope(url: str) -> dict[str, Any]:
    """The ASGI scope of a plain GET of `url`, as a server would pass it."""
    path, _, query = url.partition("?")
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"t")],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }


def ndjson_body_messages(app: CircleApp, url: str) -> list[Message]:
    scope = get_scope(url)
    sent: list[Message] = []

    async def receive() -> Message:
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent


def test_an_ndjson_export_is_sent_in_chunks_not_lines(settings: Settings) -> None:
    app = create_app(settings)
    try:
        sent = ndjson_body_messages(app, "/v1/projects?format=ndjson")
    finally:
        app.close()
    assert sent[0]["status"] == 200
    bodies = [m["body"] for m in sent[1:] if m.get("body")]
    lines = b"".join(bodies).splitlines()
    assert len(lines) >= 10
    assert len(bodies) == 1  # the whole export is under one chunk


@pytest.fixture
def own_sqlite(tmp_path: Path) -> Path:
    path = tmp_path / "db.sqlite3"
    seed(f"sqlite:///{path}", SOURCES)
    return path


def test_an_export_of_a_database_that_cannot_be_read_is_503_not_200(own_sqlite: Path) -> None:
    api = Api(create_app(settings_for(None, own_sqlite)))
    try:
        assert api.get("/v1/figures?format=csv").status_code == 200
        own_sqlite.write_bytes(b"not a database " * 500)  # in place: the pool's file too
        got = api.get("/v1/figures?format=ndjson&limit=1")
        assert got.status_code == 503, got.text
        assert got.headers["retry-after"] == "5"
        assert got.headers["content-type"] == PROBLEM
    finally:
        api.close()


def cut_after_first_chunk(app: CircleApp, url: str, cut: Any) -> tuple[list[Message], Any]:
    """Drive an export through the ASGI app; `cut()` once its first chunk is sent. The
    messages sent, and what the app raised."""
    scope = get_scope(url)
    sent: list[Message] = []

    async def receive() -> Message:
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)
        if message["type"] == "http.response.body" and len(sent) == 2:
            cut()

    raised: Any = None
    try:
        asyncio.run(app(scope, receive, send))
    except Exception as exc:
        raised = exc
    return sent, raised


def test_an_export_whose_later_batch_fails_is_cut_not_ended(
    own_sqlite: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Small batches and chunks, so that the stream starts before the last batch is read.
    monkeypatch.setattr(query_engine, "EXPORT_BATCH", 3)
    monkeypatch.setattr(query_engine, "EXPORT_CHUNK", 10)
    app = create_app(settings_for(None, own_sqlite))
    try:
        whole, raised = cut_after_first_chunk(app, "/v1/projects?format=csv", lambda: None)
        assert raised is None
        assert whole[-1] == {"type": "http.response.body", "body": b"", "more_body": False}
        sent, raised = cut_after_first_chunk(
            app,
            "/v1/projects?format=csv",
            lambda: own_sqlite.write_bytes(b"not a database " * 500),
        )
    finally:
        app.close()
    assert sent[0]["status"] == 200
    # The 503 the batch raised, out of the app (Starlette wraps it when the answer has
    # started: it cannot answer it any more).
    problem = raised if isinstance(raised, ApiProblem) else raised.__cause__
    assert isinstance(problem, ApiProblem)
    assert problem.status == 503
    assert not [r for r in caplog.records if r.levelname == "ERROR"]  # a 503, not a bug
    # Never a last body message: the server cuts the connection, and the client sees a
    # broken transfer, not a short export.
    assert all(m.get("more_body", False) for m in sent[1:])


def test_a_stalled_log_reader_drops_and_counts_lines(sqlite_settings: Settings) -> None:
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, True)
    log = AccessLog(fd=write_end, max_bytes=64 * 1024)

    async def flood() -> None:
        for n in range(5000):  # ~100 bytes each: far past the pipe and the buffer
            log.write(orjson.dumps({"n": n, "pad": "x" * 80}) + b"\n")
            if n % 50 == 0:
                await asyncio.sleep(0)

    asyncio.run(asyncio.wait_for(flood(), timeout=30))  # never blocked by the pipe
    # (Drops are counted until the writer reports them: checked in what it wrote, below.)
    assert log.queued <= log.max_bytes
    written = os.read(read_end, 1 << 20)  # the reader wakes up

    async def one_more() -> None:
        log.write(b'{"n": "last"}\n')  # the drops are reported with the next write

    asyncio.run(one_more())
    while not log.drain(timeout=0.05):
        written += os.read(read_end, 1 << 20)
    os.close(write_end)
    while chunk := os.read(read_end, 1 << 20):
        written += chunk
    os.close(read_end)
    lines = [orjson.loads(line) for line in written.splitlines()]
    dropped = sum(line.get("access_log_lines_dropped", 0) for line in lines)
    logged = [line for line in lines if "n" in line]
    assert dropped > 0
    assert len(logged) + dropped == 5001
    assert logged[-1] == {"n": "last"}


@pytest.mark.parametrize(
    ("path", "query", "body"),
    [
        ("/v1/search", b"q=a", 10),
        ("/v1/search", b"q=" + b"x" * 7000, 10),  # long query strings
        ("/v1/search", b"q=a", 5000),
        ("/v1/é" + "é" * 2000, b"q=a", 10),  # 2 bytes a character
        ("/v1/😀" + "😀" * 2000, b"q=a", 10),  # 4 bytes a character
    ],
)
def test_the_cache_counts_every_byte_its_entries_hold(path: str, query: bytes, body: int) -> None:
    """Measured, not reasoned: the memory 500 stored answers take (tracemalloc) is at most
    what the cache counts for them."""
    cache = ResponseCache(
        None,  # type: ignore[arg-type]
        snapshots=None,  # type: ignore[arg-type]
        allowed_origins={b"https://ok.example"},
        max_bytes=1 << 30,
        max_body=1 << 20,
        parse_memos=ParseMemos(0),
    )
    cache.version = "v1"

    async def store_all() -> None:
        async def sent(_: Any) -> None:
            return None

        for n in range(500):
            origin: bytes | bool = b"https://ok.example" if n % 2 else True
            key = ("v1", f"{path}{n}", query + b"%d" % n, n % 3 == 0, origin, Format.json)
            record = cache._recorder(key, sent)
            headers = [
                (b"etag", b'W/"%024d"' % n),
                (b"content-type", b"application/json"),
                (b"content-length", b"%d" % body),
                (b"vary", b"Accept-Encoding, Origin"),
            ]
            await record({"type": "http.response.start", "status": 200, "headers": headers})
            await record({"type": "http.response.body", "body": os.urandom(body)})

    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        asyncio.run(store_all())
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(cache.entries) == 500
    assert held <= cache.size, (held, cache.size)


def test_readyz_answers_from_a_check_at_most_the_configured_age(own_sqlite: Path) -> None:
    remembered = Api(create_app(settings_for(None, own_sqlite, readiness_ttl_ms=60_000)))
    fresh = Api(create_app(settings_for(None, own_sqlite, readiness_ttl_ms=0)))
    try:
        assert remembered.get("/readyz").status_code == 200
        assert fresh.get("/readyz").status_code == 200
        own_sqlite.unlink()
        # A flood costs one check per interval: within it, the answer is the last one.
        assert [remembered.get("/readyz").status_code for _ in range(3)] == [200] * 3
        assert fresh.get("/readyz").status_code == 503
    finally:
        remembered.close()
        fresh.close()


@pytest.mark.parametrize("path", ["/healthz", "/v1", "/openapi.json", "/docs"])
def test_a_query_that_is_not_utf8_is_400_where_no_parameter_is_read(both: Api, path: str) -> None:
    got = both.get(f"{path}?x=%ff")
    assert got.status_code == 400
    assert got.headers["content-type"] == PROBLEM
    assert got.json()["errors"] == [{"param": "x", "message": "is not UTF-8 once percent-decoded"}]
