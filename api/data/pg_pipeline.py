"""PostgreSQL statements of all of a worker's requests, pipelined on a few connections.

Why: a first-time page runs one statement, and on PostgreSQL what a statement costs the
worker is mostly not the statement. psycopg's `AsyncConnection.execute` + `fetchall`
(its lock, query conversion, prepare manager, a generator-based wait) costs several times
the CPU of the exchange itself, and a statement sent in a write of its own costs that
write: on loopback the kernel delivers each write to the server's process in the
writer's time. docs/design.md has the profile and the figures.

So statements do not take a connection; they are queued on one, and the statements that
requests queue on a connection during one turn of the event loop go out at its end in
one write, through psycopg's public low-level API (psycopg.pq), in libpq's pipeline
mode, followed by one Sync; their results come back together and are read by one reader
callback on the connection's socket, which completes each statement's future.

- Values are dumped and rows loaded by psycopg's own adapters (psycopg.adapt.Transformer)
  with the types, formats and text results its execute uses: the same values.
- Each SQL text (psycopg's `%(name)s` placeholders, as SQLAlchemy writes them, become
  libpq's `$n`) is prepared on a connection the first time that connection runs it,
  named after a hash of the text and its parameters' types.
- Errors are psycopg's: a failed statement raises the psycopg.errors class of its
  SQLSTATE (statement_timeout's QueryCanceled, ...), libpq's own failures raise
  psycopg.OperationalError; api/errors.py maps them as before. statement_timeout applies
  to each statement of a batch on its own (the server restarts it per Execute).
- A batch is one implicit transaction, which for reads in a read-only session changes
  nothing but this: a statement that fails aborts those after it in its batch. They
  never ran, and are sent again, first in the next batch.
- A statement cut off with its connection (the server restarted) is run once more on a
  new connection. A connection that breaks retires every other one: they were opened to
  the same server; each takes no more statements and closes once it has answered its
  own. New ones are opened as statements need them, at most `size` at a time.
- Which connection: the one collecting this turn's batch (up to MAX_BATCH statements),
  else one with nothing to answer, else a new one while there are fewer than `size`,
  else the one with the fewest statements to answer. A slow statement holds up only
  those sent after it on its connection, and the next turns go to other connections.
- A request that goes away (its task cancelled) leaves its statement to be answered and
  its answer dropped: the connection stays usable.
- A server that stops answering without closing the connection would hold every
  statement queued on it: a watchdog fails a batch overdue by its statements' time
  limits added up (Stalled, a 503) and drops its connection.
"""

import asyncio
import hashlib
import re
from collections import deque
from collections.abc import Sequence
from contextlib import suppress
from typing import Any

import psycopg
from psycopg import abc, errors, pq
from psycopg.adapt import PyFormat, Transformer

from api.data.greenlet_bridge import wait_for

# Statements sent in one write at most; the next ones start a batch of their own.
MAX_BATCH = 32
# Prepared statements a connection keeps at most; the statements past them are sent
# unnamed (parsed and planned each time), so that a flood of odd statement shapes
# cannot grow the server's memory without bound.
MAX_PREPARED = 512
# SQL texts whose placeholders were converted, kept at most.
MAX_CONVERTED = 4096
# A connection whose oldest batch has not answered within this much more than its
# statements' time limits added up is given up (see Stalled).
STALL_GRACE_S = 1.0

_PLACEHOLDER = re.compile(rb"%%|%\(([^)]+)\)s|%")
_OK = (pq.ExecStatus.TUPLES_OK, pq.ExecStatus.COMMAND_OK)
_ABORTED = pq.ExecStatus.PIPELINE_ABORTED
_TEXT = pq.Format.TEXT


class Converted:
    """A SQL text in libpq's terms: `$n` placeholders, and the names they stand for."""

    __slots__ = ("formats", "names", "sql", "text")

    def __init__(self, text: str, sql: bytes, names: tuple[str, ...]) -> None:
        self.text = text
        self.sql = sql
        self.names = names
        self.formats = [PyFormat.AUTO] * len(names)  # psycopg's `%s`: its adapters choose


_converted: dict[str, Converted] = {}


def convert(sql: str) -> Converted:
    """`sql` with psycopg's `%(name)s` placeholders as `$n` (a name used twice is one
    `$n`, as psycopg sends it) and `%%` as `%`."""
    found = _converted.get(sql)
    if found is not None:
        return found
    names: list[str] = []

    def placeholder(match: re.Match[bytes]) -> bytes:
        if match.group(0) == b"%%":
            return b"%"
        if match.group(1) is None:
            raise psycopg.ProgrammingError(f"only %(name)s placeholders are supported: {sql!r}")
        name = match.group(1).decode()
        if name not in names:
            names.append(name)
        return b"$%d" % (names.index(name) + 1)

    converted = Converted(sql, _PLACEHOLDER.sub(placeholder, sql.encode()), tuple(names))
    if len(_converted) >= MAX_CONVERTED:
        _converted.clear()
    _converted[sql] = converted
    return converted


def is_connection_failure(exc: BaseException) -> bool:
    """Whether `exc` means the connection is gone (libpq's own failure, or the server's
    "connection exception" and "operator intervention: shutdown" classes), not the
    statement: such a statement may be run again on another connection."""
    if not isinstance(exc, psycopg.OperationalError):
        return False
    state = exc.sqlstate
    return state is None or state.startswith(("08", "57P"))


class Stalled(errors.QueryCanceled):
    """The server did not answer a batch in the time its statements may take at most
    (each up to statement_timeout) and a grace: it is stopped or cut off without the
    connection noticing. The batch's statements fail with this (a 503, as a statement
    over the time limit is), the connection is dropped, and the next statements go to
    another."""


class Statement:
    """One statement to run: what to send, and the future its rows complete."""

    __slots__ = ("done", "query", "values")

    def __init__(
        self, query: Converted, values: Sequence[Any], done: "asyncio.Future[Any]"
    ) -> None:
        self.query = query
        self.values = values
        self.done = done

    def answer(self, rows: list[tuple[Any, ...]]) -> None:
        if not self.done.done():  # cancelled: nobody waits for it
            self.done.set_result(rows)

    def fail(self, exc: BaseException) -> None:
        if not self.done.done():
            self.done.set_exception(exc)


# What a connection expects back, in order: a prepare's result, a statement's, a Sync.
_PREPARE, _EXECUTE, _SYNC = 0, 1, 2


class Connection:
    """One connection in pipeline mode: statements queued for this turn's batch, and
    what the batches sent expect back."""

    def __init__(self, pipelines: "Pipelines") -> None:
        self.pipelines = pipelines
        self.loop = asyncio.get_running_loop()
        self.conn: psycopg.AsyncConnection[Any] | None = None  # None while opening
        self.transformer: abc.Transformer | None = None
        self.queued: list[Statement] = []
        self.expected: deque[tuple[int, Statement | None, Any]] = deque()
        self.pending = 0  # statements queued or sent, not answered yet
        self.flush_soon = False
        self.reading = False
        self.writing = False
        self.retired = False
        self.closed = False
        self.prepared: dict[tuple[str, Sequence[int]], bytes] = {}
        self.result: pq.abc.PGresult | None = None  # of expected[0], until its end
        self.batches: deque[int] = deque()  # statements in each batch sent, unanswered
        self.deadline = 0.0  # by when the oldest batch must have answered (0: none sent)
        self.fd = -1  # the socket's number, once open
        self.opening = self.loop.create_task(self._open())

    async def _open(self) -> None:
        try:
            conn = await psycopg.AsyncConnection.connect(
                self.pipelines.conninfo, **self.pipelines.kwargs
            )
            conn.pgconn.enter_pipeline_mode()
        except BaseException as exc:
            self._fail_all(exc if isinstance(exc, Exception) else psycopg.OperationalError())
            self._close()
            if not isinstance(exc, Exception):
                raise
            return
        self.conn = conn
        # The socket's number, kept: libpq closes the socket itself when the connection
        # fails, after which pgconn.socket raises, and the callbacks registered for the
        # number must still be removed (uvloop refuses a new socket given that number
        # while they are not).
        self.fd = conn.pgconn.socket
        self.transformer = Transformer(conn)
        if self.closed:  # closed while it opened (the worker is shutting down)
            conn.pgconn.finish()
        elif self.retired and not self.pending:
            self._close()
        else:
            self.flush()

    def queue(self, statement: Statement, *, first: bool = False) -> None:
        """`statement` in the batch this turn sends (`first`: ahead of the others)."""
        if first:
            self.queued.insert(0, statement)
        else:
            self.queued.append(statement)
        self.pending += 1
        if not self.flush_soon and self.conn is not None:
            self.flush_soon = True
            self.pipelines.collecting = self
            self.loop.call_soon(self.flush)

    def flush(self) -> None:
        """Sends the queued statements in one write, then a Sync."""
        self.flush_soon = False
        if self.pipelines.collecting is self:
            self.pipelines.collecting = None
        conn, tx = self.conn, self.transformer
        if not self.queued or conn is None or tx is None or self.closed:
            return
        batch, self.queued = self.queued, []
        pgconn = conn.pgconn
        try:
            for statement in batch:
                self._send(pgconn, tx, statement)
            pgconn.pipeline_sync()
            self.expected.append((_SYNC, None, None))
            self.batches.append(len(batch))
            if not self.deadline:
                self.deadline = self.pipelines.deadline(len(batch))
            if not self.reading:
                self.reading = True
                self.loop.add_reader(self.fd, self.readable)
            if pgconn.flush() and not self.writing:
                self.writing = True
                self.loop.add_writer(self.fd, self.writable)
        except psycopg.OperationalError as exc:
            for statement in batch:
                statement.fail(exc)
            self.broken(exc)

    def _send(self, pgconn: pq.abc.PGconn, tx: abc.Transformer, statement: Statement) -> None:
        query = statement.query
        try:
            params = tx.dump_sequence(statement.values, query.formats)
        except Exception as exc:  # a value psycopg cannot adapt: this statement's error
            self.pending -= 1
            statement.fail(exc)
            return
        types = tx.types or ()
        formats = tx.formats
        key = (query.text, types)
        name = self.prepared.get(key)
        if name is None and len(self.prepared) < MAX_PREPARED:
            name = _name(query.text, types)
            pgconn.send_prepare(name, query.sql, param_types=types)
            self.prepared[key] = name
            self.expected.append((_PREPARE, statement, key))
        if name is None:
            pgconn.send_query_params(
                query.sql, params, param_types=types, param_formats=formats, result_format=_TEXT
            )
        else:
            pgconn.send_query_prepared(name, params, param_formats=formats, result_format=_TEXT)
        self.expected.append((_EXECUTE, statement, key))

    def writable(self) -> None:
        """Sends what libpq could not send at once (a batch larger than the socket took)."""
        assert self.conn is not None
        try:
            if self.conn.pgconn.flush():
                return
        except psycopg.OperationalError as exc:
            self.broken(exc)
            return
        self.writing = False
        self.loop.remove_writer(self.fd)

    def readable(self) -> None:
        """Reads what arrived and answers each statement whose result is whole."""
        assert self.conn is not None
        pgconn = self.conn.pgconn
        try:
            pgconn.consume_input()
            while self.expected and not pgconn.is_busy():
                result = pgconn.get_result()
                kind, statement, key = self.expected[0]
                if kind == _SYNC:
                    self.expected.popleft()
                    self.batches.popleft()
                    self.deadline = (
                        self.pipelines.deadline(self.batches[0]) if self.batches else 0.0
                    )
                elif result is not None:  # the step's result; its end (None) follows
                    if self.result is None or self.result.status in _OK:
                        self.result = result
                else:
                    self.expected.popleft()
                    step_result, self.result = self.result, None
                    assert statement is not None
                    assert step_result is not None
                    self._answer(kind, statement, key, step_result)
        except psycopg.OperationalError as exc:
            self.broken(exc)
            return
        if not self.expected:
            self.reading = False
            self.loop.remove_reader(self.fd)
            if self.retired and not self.pending:
                self._close()

    def _answer(self, kind: int, statement: Statement, key: Any, result: pq.abc.PGresult) -> None:
        status = result.status
        if kind == _PREPARE:
            if status not in _OK:  # not prepared: its statement fails or is sent again
                self.prepared.pop(key, None)
                if status != _ABORTED:
                    statement.fail(self._error(result))
            return
        self.pending -= 1
        if status in _OK:
            tx = self.transformer
            assert tx is not None
            try:
                tx.set_pgresult(result)
                statement.answer(tx.load_rows(0, result.ntuples, tuple))
            except Exception as exc:
                statement.fail(exc)
        elif status == _ABORTED:  # a statement before it in its batch failed
            if not statement.done.done():
                self.pipelines.again(statement)
        else:
            failure = self._error(result)
            statement.fail(failure)
            if is_connection_failure(failure):
                self.pipelines.retire_all()

    def _error(self, result: pq.abc.PGresult) -> psycopg.Error:
        """The psycopg error a failed result means: the class of its SQLSTATE."""
        assert self.conn is not None
        encoding = self.conn.info.encoding
        state = result.error_field(pq.DiagnosticField.SQLSTATE)
        primary = result.error_field(pq.DiagnosticField.MESSAGE_PRIMARY)
        message = (primary or result.error_message).decode(encoding, "replace")
        if state is None:
            return psycopg.OperationalError(message or "the statement failed")
        try:
            kind = errors.lookup(state.decode())
        except KeyError:
            kind = psycopg.DatabaseError
        return kind(message)

    def broken(self, exc: BaseException) -> None:
        """The connection failed: every statement on it fails with `exc` (the runner's
        caller runs them again on a new one), and every other connection retires."""
        self._fail_all(exc)
        self._close()
        self.pipelines.retire_all()

    def _fail_all(self, exc: BaseException) -> None:
        for _, statement, _ in self.expected:
            if statement is not None:
                statement.fail(exc)
        for statement in self.queued:
            statement.fail(exc)
        self.expected.clear()
        self.queued.clear()
        self.batches.clear()
        self.deadline = 0.0
        self.pending = 0
        self.result = None

    def retire(self) -> None:
        """Takes no more statements; closes once it has answered its own (now, if it has
        none and is not in the middle of reading)."""
        self.retired = True
        if not self.pending and not self.reading and self.conn is not None:
            self._close()

    def discard(self, reason: BaseException | None = None) -> None:
        """Closed now, its statements failed: it stalled, the worker is shutting down,
        or the event loop it was used on has ended (tests run one after another)."""
        self._fail_all(reason or psycopg.OperationalError("the connection was discarded"))
        self._close()

    def _close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.retired = True
        self.pipelines.forget(self)
        conn = self.conn
        if conn is None:
            return  # still opening: _open closes it
        if self.reading:
            with suppress(Exception):  # a loop that has ended
                self.loop.remove_reader(self.fd)
        if self.writing:
            with suppress(Exception):
                self.loop.remove_writer(self.fd)
        self.reading = self.writing = False
        # The socket is closed now, not in a task: a loop that ends next must not leave
        # it open.
        with suppress(Exception):
            conn.pgconn.finish()


class Pipelines:
    """A worker's PostgreSQL connections for statements run on the event loop: at most
    `size` open (and being opened), opened when first needed."""

    def __init__(self, conninfo: str, *, size: int, time_limit_s: float, **kwargs: Any) -> None:
        self.conninfo = conninfo
        self.size = size
        self.time_limit_s = time_limit_s  # statement_timeout, as the sessions set it
        self.kwargs = kwargs
        self.watching: asyncio.AbstractEventLoop | None = None  # where _watch is due
        self.connections: list[Connection] = []  # taking statements
        self.collecting: Connection | None = None  # whose batch this turn's statements join
        self.retired: set[Connection] = set()  # answering the statements they have

    def fetch(self, sql: str, arguments: Any) -> list[tuple[Any, ...]]:
        """Every row of `sql` with `arguments` (a dict by name, as Statements gives them),
        from code run by greenlet_bridge.run_sync: the wait is awaited on the loop."""
        query = convert(sql)
        values = [arguments[name] for name in query.names]
        loop = asyncio.get_running_loop()
        for retry in (False, True):
            statement = Statement(query, values, loop.create_future())
            self.choose(loop).queue(statement)
            try:
                rows: list[tuple[Any, ...]] = wait_for(statement.done)
                return rows
            except psycopg.OperationalError as exc:
                if retry or not is_connection_failure(exc):
                    raise
        raise AssertionError("unreachable: the second try returns or raises")

    def choose(self, loop: asyncio.AbstractEventLoop) -> Connection:
        """The connection a statement is queued on (see the module)."""
        collecting = self.collecting
        if (
            collecting is not None
            and collecting.loop is loop
            and not collecting.retired
            and len(collecting.queued) < MAX_BATCH
        ):
            return collecting
        idle: Connection | None = None
        least: Connection | None = None
        for connection in list(self.connections):
            if connection.loop is not loop:  # left by an event loop that has ended
                connection.discard()
                continue
            if connection.queued and len(connection.queued) < MAX_BATCH:
                return connection
            if idle is None and not connection.pending:
                idle = connection
            if least is None or connection.pending < least.pending:
                least = connection
        if idle is not None:
            return idle
        if least is None or len(self.connections) < self.size:
            connection = Connection(self)
            self.connections.append(connection)
            return connection
        return least

    def deadline(self, statements: int) -> float:
        """By when a batch of `statements` that starts running now must have answered;
        from here on a watchdog checks it, once per time limit."""
        loop = asyncio.get_running_loop()
        if self.watching is not loop:
            self.watching = loop
            loop.call_later(self.time_limit_s, self._watch)
        return loop.time() + statements * self.time_limit_s + STALL_GRACE_S

    def _watch(self) -> None:
        self.watching = None
        busy = False
        for connection in [*self.connections, *self.retired]:
            if not connection.deadline:
                continue
            if connection.loop.time() > connection.deadline:
                connection.discard(Stalled("canceling statement: no answer in time"))
            else:
                busy = True
        if busy:
            self.watching = asyncio.get_running_loop()
            self.watching.call_later(self.time_limit_s, self._watch)

    def again(self, statement: Statement) -> None:
        """A statement that an earlier one's failure aborted: first in a new batch."""
        self.choose(statement.done.get_loop()).queue(statement, first=True)

    def retire_all(self) -> None:
        for connection in list(self.connections):
            self.connections.remove(connection)
            self.retired.add(connection)
            connection.retire()

    def forget(self, connection: Connection) -> None:
        if connection in self.connections:
            self.connections.remove(connection)
        self.retired.discard(connection)

    async def close(self) -> None:
        for connection in [*self.connections, *self.retired]:
            connection.discard()
            if not connection.opening.done():
                connection.opening.cancel()
                with suppress(BaseException):
                    await connection.opening


def _name(sql: str, types: Sequence[int]) -> bytes:
    digest = hashlib.blake2b(f"{sql}\0{list(types)}".encode(), digest_size=12).hexdigest()
    return f"circle_{digest}".encode()
