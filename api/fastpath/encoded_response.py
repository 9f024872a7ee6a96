"""Answers whose headers are given encoded, in their final order.

Starlette's Response constructor lower-cases, encodes and checks each header again on
every answer; the app's answers are built with their headers already encoded
(api/answers.py), so with the fast path they are sent as they are.
"""

from starlette.responses import Response

from api.errors import RawHeaders


class EncodedResponse(Response):
    """A Response built without Starlette's constructor: its __call__ sends `status_code`,
    `raw_headers` and `body` as they are (tests/unit/test_fastpath_internals.py)."""

    def __init__(self, status_code: int, body: bytes, raw_headers: RawHeaders) -> None:
        self.status_code = status_code
        self.body = body
        self.background = None
        self.raw_headers = raw_headers
