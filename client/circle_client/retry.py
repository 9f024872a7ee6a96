"""When to try a request again: after a 503 or 429, waiting as `Retry-After` says or,
without it, backing off exponentially, a bounded number of times within a bounded time."""

import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx


@dataclass(frozen=True)
class RetryPolicy:
    """`retries` more tries at most; the first wait without `Retry-After` is `backoff`
    seconds, doubling each time (with jitter, so that many clients spread out), never
    longer than `max_wait`. A `Retry-After` longer than `max_wait`, or a wait that would
    end later than `total` seconds after the first try, ends the retries: the error is
    raised instead. `RetryPolicy(retries=0)` never retries."""

    retries: int = 3
    backoff: float = 0.5
    max_wait: float = 10.0
    total: float = 30.0
    statuses: frozenset[int] = field(default_factory=lambda: frozenset({429, 503}))

    def start(self) -> "Attempts":
        return Attempts(self)


class Attempts:
    """The retries of one request."""

    def __init__(self, policy: RetryPolicy) -> None:
        self.policy = policy
        self.retried = 0
        self.started = time.monotonic()

    def wait_after(self, response: httpx.Response) -> float | None:
        """Seconds to wait before trying again, or None to give up."""
        policy = self.policy
        if response.status_code not in policy.statuses or self.retried >= policy.retries:
            return None
        told = retry_after(response.headers.get("retry-after"))
        if told is None:
            step = min(policy.max_wait, policy.backoff * 2.0**self.retried)
            wait = step / 2 + random.uniform(0, step / 2)
        else:
            wait = told
        if wait > policy.max_wait or time.monotonic() - self.started + wait > policy.total:
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
