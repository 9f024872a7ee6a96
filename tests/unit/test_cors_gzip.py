"""CorsGzip's way for a request with no Origin and no gzip: its answers are those of
Starlette's CORSMiddleware and GZipMiddleware themselves (the way every other request
takes), message for message, whatever headers, status and body the app answers with."""

import asyncio
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.types import Message, Receive, Scope, Send

from api.cors_gzip import CorsGzip
from api.main import CORS

MINIMUM_SIZE = 500

header_names = st.sampled_from(
    [b"vary", b"content-type", b"content-encoding", b"etag", b"x-other", b"content-length"]
)
header_values = st.sampled_from(
    [
        b"Accept",
        b"Accept, Cookie",
        b"application/json",
        b"text/csv; charset=utf-8",
        b"text/event-stream",
        b"application/grpc+proto",
        b"gzip",
        b'W/"1"',
        b"",
    ]
)
answers = st.fixed_dictionaries(
    {
        "status": st.sampled_from([200, 206, 304, 404]),
        "headers": st.lists(st.tuples(header_names, header_values), max_size=6),
        "bodies": st.lists(
            st.sampled_from([b"", b"x" * 10, b"y" * MINIMUM_SIZE, b"z" * 5000]),
            min_size=1,
            max_size=3,
        ),
    }
)


def answering(answer: dict[str, Any]) -> Any:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        headers = list(answer["headers"])
        await send({"type": "http.response.start", "status": answer["status"], "headers": headers})
        bodies = answer["bodies"]
        for i, body in enumerate(bodies):
            more = i < len(bodies) - 1
            await send({"type": "http.response.body", "body": body, "more_body": more})

    return app


def sent(app: Any, request_headers: list[tuple[bytes, bytes]]) -> list[Message]:
    scope = {"type": "http", "method": "GET", "path": "/", "headers": request_headers}
    messages: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        messages.append({**message, "headers": list(message.get("headers", []))})

    asyncio.run(app(scope, receive, send))
    return messages


@settings(max_examples=300)
@given(answers, st.sampled_from([[], [(b"accept-encoding", b"identity")], [(b"x", b"y")]]))
def test_a_request_without_origin_or_gzip_is_answered_as_starlette_would(
    answer: dict[str, Any], request_headers: list[tuple[bytes, bytes]]
) -> None:
    layer = CorsGzip(answering(answer), minimum_size=MINIMUM_SIZE, allow_origins=["*"], **CORS)
    starlettes = layer.full  # Starlette's CORSMiddleware and GZipMiddleware
    assert sent(layer, request_headers) == sent(starlettes, request_headers)
