"""Every non-public uvicorn, Starlette and FastAPI name the fast path uses (listed in
api/fastpath/__init__.py) is still there and behaves as the fast path expects.

When an upgrade changes one, the test of that name fails and says which: switch the fast
path off (CIRCLE_FAST_PATH=false) until the fast path is brought up to date.
"""

import asyncio
import inspect
import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response

import api.fastpath

UPGRADE = "changed by an upgrade: turn the fast path off (CIRCLE_FAST_PATH=false) and adapt"


def listed(name: str) -> None:
    assert name in (api.fastpath.__doc__ or ""), f"{name} is used but not listed"


def test_uvicorn_httptools_protocol() -> None:
    listed("uvicorn.protocols.http.httptools_impl.HttpToolsProtocol")
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    params = list(inspect.signature(HttpToolsProtocol.connection_made).parameters)
    assert params == ["self", "transport"], f"HttpToolsProtocol.connection_made {UPGRADE}"
    source = inspect.getsource(HttpToolsProtocol)
    assert re.search(r"self\.tasks\b", source), f"HttpToolsProtocol.tasks {UPGRADE}"
    assert "self.transport.write(" in source, f"HttpToolsProtocol's writes {UPGRADE}"


def test_uvicorn_multiprocess_supervisor() -> None:
    listed("uvicorn.supervisors.Multiprocess(config, sockets=)")
    from uvicorn.supervisors import Multiprocess

    params = list(inspect.signature(Multiprocess.__init__).parameters)
    assert params == ["self", "config", "sockets"], f"uvicorn's Multiprocess {UPGRADE}"


def test_starlette_cors_middleware() -> None:
    listed("starlette.middleware.cors.CORSMiddleware")
    cors = CORSMiddleware(
        FastAPI(), allow_origins=["*"], allow_methods=["GET"], expose_headers=["ETag"]
    )
    assert cors.allow_all_origins is True, f"CORSMiddleware.allow_all_origins {UPGRADE}"
    assert dict(cors.simple_headers) == {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Expose-Headers": "ETag",
    }, f"CORSMiddleware.simple_headers {UPGRADE}"
    params = inspect.signature(cors.preflight_response).parameters
    assert list(params) == ["request_headers"], f"CORSMiddleware.preflight_response {UPGRADE}"


def test_starlette_response_sends_its_raw_headers() -> None:
    listed("starlette.responses.Response")
    response = Response.__new__(Response)
    response.status_code = 201
    response.body = b"{}"
    response.background = None
    response.raw_headers = [(b"content-length", b"2"), (b"x-a", b"b")]
    sent: list[dict[str, Any]] = []

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> Any:
        return {"type": "http.request"}

    scope = {"type": "http", "method": "GET", "headers": []}
    asyncio.run(response(scope, receive, send))
    assert sent == [
        {
            "type": "http.response.start",
            "status": 201,
            "headers": [(b"content-length", b"2"), (b"x-a", b"b")],
        },
        {"type": "http.response.body", "body": b"{}"},
    ], f"Response's attributes {UPGRADE}"


def test_fastapi_route_patterns() -> None:
    listed("fastapi.routing.APIRoute")

    async def endpoint(id: str) -> None:
        return None

    route = APIRoute("/v1/things/{id}", endpoint)
    match = route.path_regex.match("/v1/things/a-b")
    assert match is not None, f"APIRoute.path_regex {UPGRADE}"
    assert route.param_convertors["id"].convert(match["id"]) == "a-b", UPGRADE
    assert route.endpoint is endpoint, f"APIRoute.endpoint {UPGRADE}"


@pytest.mark.parametrize("package", ["fastapi", "starlette", "uvicorn"])
def test_versions_are_bounded_to_the_tested_ones(package: str) -> None:
    """pyproject.toml pins each framework to the minor version these tests ran on."""
    from importlib.metadata import version
    from pathlib import Path

    declared = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    found = re.search(rf'"{package}>=([0-9.]+),<([0-9.]+)"', declared)
    assert found, f"{package} has no >=,< bound in pyproject.toml"
    low, high = (tuple(int(p) for p in v.split(".")) for v in found.groups())
    installed = tuple(int(p) for p in version(package).split(".")[:3])
    assert low <= installed < high, f"{package} {version(package)} is outside {found.group(0)}"


def test_uvicorn_starts_each_request_in_start_asgi_task() -> None:
    """Memory answers hook the point where uvicorn starts a request's task."""
    listed("`_start_asgi_task(cycle, app)`")
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol, RequestResponseCycle

    params = list(inspect.signature(HttpToolsProtocol._start_asgi_task).parameters)
    assert params == ["self", "cycle", "app"], f"HttpToolsProtocol._start_asgi_task {UPGRADE}"
    source = inspect.getsource(HttpToolsProtocol)
    listed("`flow.write_paused`")
    for used in ("self.pipeline", "self.app", "self._start_asgi_task(self.cycle, app)"):
        assert used in source, f"HttpToolsProtocol's {used} {UPGRADE}"
    from uvicorn.protocols.http.flow_control import FlowControl

    assert "self.write_paused = True" in inspect.getsource(FlowControl.pause_writing), (
        f"FlowControl.write_paused {UPGRADE}"
    )
    cycle_source = inspect.getsource(RequestResponseCycle)
    for attribute in (
        "scope",
        "keep_alive",
        "default_headers",
        "response_started",
        "response_complete",
        "more_body",
    ):
        assert f"self.{attribute} =" in cycle_source, f"RequestResponseCycle.{attribute} {UPGRADE}"


def test_uvicorn_on_response_complete_is_what_server_limits_replaces() -> None:
    """api/server_limits.py replaces on_response_complete whole: uvicorn's must still do
    what the replacement does, but for the keep-alive timer it arms."""
    listed("`on_response_complete`, replaced")
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    source = inspect.getsource(HttpToolsProtocol.on_response_complete)
    statements = [
        line.strip()
        for line in source.splitlines()[1:]
        if line.strip() and not line.strip().startswith(("#", '"""'))
    ]
    assert statements == [
        "self.server_state.total_requests += 1",
        "if self.transport.is_closing():",
        "return",
        "self._unset_keepalive_if_required()",
        "self.flow.resume_reading()",
        "if self.pipeline:",
        "cycle, app = self.pipeline.pop()",
        "self._start_asgi_task(cycle, app)",
        "else:",
        "self.timeout_keep_alive_task = self.loop.call_later(",
        "self.timeout_keep_alive, self.timeout_keep_alive_handler",
        ")",
    ], f"HttpToolsProtocol.on_response_complete {UPGRADE}"
