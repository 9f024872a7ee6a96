"""When to try a request again: after a connection error or a 429, 502, 503 or 504
answer, within a bounded total time (5 s by default), waiting as `Retry-After` says or,
without it, backing off exponentially."""

import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

RETRIED_STATUSES = frozenset({429, 502, 503, 504})
# Failures before the server could have answered, or a connection it closed: a GET may
# be sent again. A read timeout is not among them: the wait was spent already.
RETRIED_ERRORS = (httpx.NetworkError, httpx.ConnectTimeout, httpx.RemoteProtocolError)


@dataclass(frozen=True)
class RetryPolicy:
    """Tries again, `retries` times at most, for no longer than `total` seconds after
    the first try: after a connection error, and after an answer whose status is in
    `statuses`. The wait is the answer's `Retry-After` when it gives one; else `backoff`
    seconds, doubling each time, with jitter (so that many clients spread out). A wait
    that would end past `total` is not waited: the error is raised at once.
    `RetryPolicy(retries=0)` never tries again."""

    total: float = 5.0
    retries: int = 4
    backoff: float = 0.25
    statuses: frozenset[int] = RETRIED_STATUSES

    def start(self) -> "Attempts":
        return Attempts(self)


class Attempts:
    """The tries of one request."""

    def __init__(self, policy: RetryPolicy) -> None:
        self.policy = policy
        self.retried = 0
        self.deadline = time.monotonic() + policy.total

    def wait_after(self, response: httpx.Response) -> float | None:
        """Seconds to wait before trying again after `response`, or None to give up."""
        if response.status_code not in self.policy.statuses:
            return None
        return self._wait(retry_after(response.headers.get("retry-after")))

    def wait_after_error(self, error: httpx.TransportError) -> float | None:
        """Seconds to wait before trying again after `error`, or None to give up."""
        if not isinstance(error, RETRIED_ERRORS):
            return None
        return self._wait(None)

    def _wait(self, told: float | None) -> float | None:
        policy = self.policy
        if self.retried >= policy.retries:
            return None
        if told is None:
            step = policy.backoff * 2.0**self.retried
            wait = step / 2 + random.uniform(0, step / 2)
        else:
            wait = told
        if time.monotonic() + wait > self.deadline:
            return None
        self.retried += 1
        return wait


def retry_after(value: str | None) -> float | None:
    """`Retry-After` in seconds: a number of seconds or an HTTP date (RFC 9110)."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
