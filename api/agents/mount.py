"""The one hook that puts the MCP endpoint at /mcp (api/main.py's create_app calls it).

The SDK is loaded on the first request to /mcp, on a thread: importing it takes about
as long as importing the rest of the app, and a server that no agent asks pays neither
that time at start nor the memory (docs/design.md, "Agents through MCP", has the
figures).
"""

import asyncio
import importlib
from collections.abc import Awaitable

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from api.data.access import DataAccess
from api.settings import Settings

MCP_PATH = "/mcp"


class WithMcp:
    """`app`, with the MCP endpoint answering at /mcp (and only there)."""

    def __init__(self, app: ASGIApp, settings: Settings, data: DataAccess) -> None:
        self.app = app
        self.settings = settings
        self.data = data
        self.endpoint: ASGIApp | None = None
        self.loading = asyncio.Lock()

    def __call__(self, scope: Scope, receive: Receive, send: Send) -> Awaitable[None]:
        # Not a coroutine itself: every other request is handed on as the awaitable of
        # the app behind, at the cost of one comparison, not of one more coroutine.
        if scope["type"] != "http" or scope["path"] != MCP_PATH:
            return self.app(scope, receive, send)
        return self._mcp(scope, receive, send)

    async def _mcp(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.endpoint is None:
            async with self.loading:
                if self.endpoint is None:
                    self.endpoint = await run_in_threadpool(self._load)
        await self.endpoint(scope, receive, send)

    def _load(self) -> ASGIApp:
        server = importlib.import_module("api.agents.server")
        endpoint: ASGIApp = server.endpoint(self.settings, self.data)
        return endpoint
