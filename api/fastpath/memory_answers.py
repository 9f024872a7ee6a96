"""Answers from the response cache written by the protocol itself, without an ASGI task.

A request whose answer the response cache holds needs no routing, no query and no
awaiting. On the ASGI path it still costs what uvicorn and the layers spend on any
request: a task, the messages, the send wrappers, the head encoded header by header.
Here, as soon as the head is parsed, the one-write protocol asks `MemoryAnswers` for the
answer; if it is stored (and nothing on the way would refuse or change the request), the
bytes the ASGI path would have written are written at once, and the access log gets its
line. Anything else (a miss, HEAD, a refused request, a body on the way) takes the ASGI
path as before. docs/design.md gives its measured effect.
"""

import time

from starlette.types import Scope

from api.fastpath.response_cache import ResponseCache
from api.request_guard import SECURITY_LINES, RequestGuard, request_id_of


class MemoryAnswers:
    def __init__(self, guard: RequestGuard, cache: ResponseCache) -> None:
        self.guard = guard
        self.cache = cache

    def answer(self, scope: Scope) -> tuple[int, bytes] | None:
        """The status and the rest of the answer after the server's own header lines
        (its date): the app's header lines, a blank line and the body; None for a
        request the ASGI path must answer."""
        if scope["method"] != "GET" or not self.guard.lets_through(scope):
            return None
        started = time.perf_counter()
        entry = self.cache.stored_answer(scope)
        if entry is None or entry.wire is None:
            return None
        request_id = request_id_of(scope)
        rest = b"".join(
            (
                entry.wire,
                SECURITY_LINES,
                b"x-request-id: ",
                request_id.encode(),
                b"\r\n\r\n",
                entry.body,
            )
        )
        self.guard.log_request(scope, "GET", request_id, entry.status, len(entry.body), started)
        return entry.status, rest
