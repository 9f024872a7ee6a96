"""The access log: one JSON line per request on stdout, written off the event loop.

Lines are gathered for one turn of the event loop and written in batches of whole lines
of at most PIPE_BUF bytes, so that lines from several workers never interleave, on a
pipe either. A batch goes out at once when nothing waits before it and poll(2) says a
write of PIPE_BUF bytes will not block (the common case: a reader that keeps up).
Otherwise it is handed to a writer thread, which does the blocking write(2): a reader of
stdout that stalls (a full pipe) stalls the thread, never the event loop. While it
stalls, at most `max_bytes` of lines wait; lines past that are dropped, counted, and
reported by a line of their own once writing resumes.
"""

import asyncio
import os
import select
import threading
import time
from collections import deque
from contextlib import suppress

import orjson


class AccessLog:
    def __init__(self, fd: int = 1, max_bytes: int = 1 << 20) -> None:
        self.fd = fd  # stdout: where a container runtime collects logs
        self.max_bytes = max_bytes
        self.turn: list[bytes] = []  # lines of this turn of the event loop
        self.batches: deque[bytes] = deque()
        self.queued = 0  # bytes in `batches`
        self.dropped = 0  # lines dropped since the last report
        self.ready = threading.Condition()
        self.writer: threading.Thread | None = None
        self.writing = False
        self.poll = select.poll()
        self.poll.register(fd, select.POLLOUT)

    def write(self, line: bytes) -> None:
        """Queue one line (with its newline); never blocks."""
        if not self.turn:
            asyncio.get_running_loop().call_soon(self.flush)
        self.turn.append(line)

    def flush(self) -> None:
        lines, self.turn = self.turn, []
        batches: list[bytes] = []
        batch: list[bytes] = []
        size = 0
        for line in lines:
            if batch and size + len(line) > select.PIPE_BUF:
                batches.append(b"".join(batch))
                batch, size = [], 0
            batch.append(line)
            size += len(line)
        if batch:
            batches.append(b"".join(batch))
        while batches and self._idle() and self.poll.poll(0):
            try:
                os.write(self.fd, batches[0])
            except BlockingIOError:
                break  # left for the writer thread
            except OSError:
                pass  # a closed stdout: nothing to report it to
            del batches[0]
        if not batches:
            return
        with self.ready:
            for chunk in batches:
                if self.queued + len(chunk) > self.max_bytes:
                    self.dropped += chunk.count(b"\n")
                    continue
                self.batches.append(chunk)
                self.queued += len(chunk)
            self.ready.notify()
        if self.writer is None:
            self.writer = threading.Thread(target=self._run, name="circle-log", daemon=True)
            self.writer.start()

    def _idle(self) -> bool:
        """Whether nothing waits for the writer thread (lines stay in order) and no drop
        is yet to be reported (the thread reports it)."""
        with self.ready:
            return not self.batches and not self.writing and not self.dropped

    def drain(self, timeout: float = 5.0) -> bool:
        """Waits until every queued line is written (at shutdown); whether they were."""
        if self.turn:
            self.flush()
        deadline = time.monotonic() + timeout
        with self.ready:
            while self.batches or self.writing:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.ready.wait(left)
        return True

    def _run(self) -> None:
        while True:
            with self.ready:
                while not self.batches:
                    self.ready.wait()
                chunk = self.batches.popleft()
                self.queued -= len(chunk)
                dropped, self.dropped = self.dropped, 0
                self.writing = True
            if dropped:
                report = {"ts": round(time.time(), 6), "access_log_lines_dropped": dropped}
                chunk = orjson.dumps(report) + b"\n" + chunk
            with suppress(OSError):
                os.write(self.fd, chunk)
            with self.ready:
                self.writing = False
                self.ready.notify_all()
