"""A statement's rows from PostgreSQL through libpq's own calls, awaited on the event loop.

Why: psycopg's `AsyncConnection.execute` + `fetchall` is general (a lock, its query
conversion, its prepare manager, a generator-based wait that makes a future per socket
event) and costs far more CPU per statement than the exchange itself: about 136 us per
statement against 61 us for its blocking execute (docs/design.md). A first-time page runs
one statement, so that was most of what a request on PostgreSQL cost over one on SQLite.

`PreparedConnection.fetch` does the same exchange with psycopg's public low-level API
(psycopg.pq and psycopg.adapt.Transformer), which is all this API needs of a driver:
- The SQL text (psycopg's `%(name)s` placeholders, as SQLAlchemy writes them) becomes
  libpq's `$1..$n` once per text; each text is prepared on the server once per
  connection, named after a hash of the text and its parameters' types, so a statement
  costs one round trip: bind and execute.
- Values are dumped and rows loaded by psycopg's own adapters (Transformer), with the
  types, formats and text results its execute uses: the same values, to the byte.
- Errors are psycopg's: a failed statement raises the psycopg.errors class of its
  SQLSTATE (statement_timeout's QueryCanceled, ...), libpq's own failures (a connection
  cut) raise psycopg.OperationalError, so api/errors.py and the runner's retry treat them
  as before.
- The wait is one future per statement, completed by a reader callback on the
  connection's socket that reads what arrived and checks whether the result is whole.

The connection stays a psycopg AsyncConnection (opened, inspected and closed as one);
only the statements of api/data/runner.py take this path. A connection is used by one
request at a time (the pool's), which is what lets this path go without psycopg's lock.
"""

import asyncio
import hashlib
import re
from collections.abc import Sequence
from typing import Any

import psycopg
from psycopg import errors, pq
from psycopg.adapt import PyFormat, Transformer

from api.data.greenlet_bridge import wait_for

# Prepared statements a connection keeps at most; statements past them are sent unnamed
# (parsed and planned each time), so that a flood of odd statement shapes cannot grow
# the server's memory without bound.
MAX_PREPARED = 512
# SQL texts whose placeholders were converted, kept at most.
MAX_CONVERTED = 4096

_PLACEHOLDER = re.compile(rb"%%|%\(([^)]+)\)s|%")
_TUPLES_OK = pq.ExecStatus.TUPLES_OK
_COMMAND_OK = pq.ExecStatus.COMMAND_OK
_TEXT = pq.Format.TEXT


class Converted:
    """A SQL text in libpq's terms: `$n` placeholders, and the names they stand for."""

    __slots__ = ("formats", "names", "sql")

    def __init__(self, sql: bytes, names: tuple[str, ...]) -> None:
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

    converted = Converted(_PLACEHOLDER.sub(placeholder, sql.encode()), tuple(names))
    if len(_converted) >= MAX_CONVERTED:
        _converted.clear()
    _converted[sql] = converted
    return converted


class PreparedConnection(psycopg.AsyncConnection[Any]):
    """A psycopg AsyncConnection whose `fetch` runs statements on libpq directly."""

    def __init__(self, pgconn: pq.abc.PGconn, *args: Any, **kwargs: Any) -> None:
        super().__init__(pgconn, *args, **kwargs)
        self.transformer = Transformer(self)
        # (SQL text, parameter types) -> the name it is prepared under on this connection.
        self.prepared: dict[tuple[str, Sequence[int]], bytes] = {}

    def fetch(self, sql: str, arguments: Any) -> list[tuple[Any, ...]]:
        """Every row of `sql` with `arguments` (a dict by name, as Statements gives them),
        from code run by greenlet_bridge.run_sync: the waits are awaited on the loop."""
        query = convert(sql)
        values = [arguments[name] for name in query.names] if query.names else ()
        tx = self.transformer
        params = tx.dump_sequence(values, query.formats)
        types = tx.types or ()
        formats = tx.formats
        pgconn = self.pgconn
        key = (sql, types)
        name = self.prepared.get(key)
        if name is None and len(self.prepared) < MAX_PREPARED:
            name = _name(sql, types)
            pgconn.send_prepare(name, query.sql, param_types=types)
            _result(self)
            self.prepared[key] = name
        if name is None:
            pgconn.send_query_params(
                query.sql, params, param_types=types, param_formats=formats, result_format=_TEXT
            )
        else:
            pgconn.send_query_prepared(name, params, param_formats=formats, result_format=_TEXT)
        result = _result(self)
        tx.set_pgresult(result)
        try:
            return tx.load_rows(0, result.ntuples, tuple)
        finally:
            tx.set_pgresult(None)


def _name(sql: str, types: Sequence[int]) -> bytes:
    digest = hashlib.blake2b(f"{sql}\0{list(types)}".encode(), digest_size=12).hexdigest()
    return f"circle_{digest}".encode()


def _result(connection: psycopg.AsyncConnection[Any]) -> pq.abc.PGresult:
    """The result of the one command sent, once the server has answered it whole (the
    connection is then idle again); a failed command raises its psycopg error."""
    pgconn = connection.pgconn
    found: pq.abc.PGresult | None = None
    failed: pq.abc.PGresult | None = None
    while True:
        if pgconn.flush() or pgconn.is_busy():
            _wait(pgconn)
        result = pgconn.get_result()
        if result is None:
            break
        if result.status in (_TUPLES_OK, _COMMAND_OK):
            found = result
        elif failed is None:
            failed = result
    if failed is not None:
        raise _error(failed, connection.info.encoding)
    if found is None:
        raise psycopg.OperationalError("the server gave no result")
    return found


def _error(result: pq.abc.PGresult, encoding: str) -> psycopg.Error:
    """The psycopg error a failed result means: the class of its SQLSTATE."""
    state = result.error_field(pq.DiagnosticField.SQLSTATE)
    primary = result.error_field(pq.DiagnosticField.MESSAGE_PRIMARY)
    message = (primary or result.error_message).decode(encoding, "replace")
    if state is None:
        return psycopg.DatabaseError(message or "the statement failed")
    try:
        kind = errors.lookup(state.decode())
    except KeyError:
        kind = psycopg.DatabaseError
    return kind(message)


def _wait(pgconn: pq.abc.PGconn) -> None:
    """Waits, on the event loop, until libpq has sent what it holds and a whole result
    has arrived (or the connection failed, which raises psycopg.OperationalError)."""
    arrival = _Arrival(pgconn)
    try:
        wait_for(arrival.done)
    except BaseException:
        # Cancelled (the request went away): the callbacks go; the statement may still
        # be running, the connection not idle, and the pool drops it.
        arrival.stop()
        raise


class _Arrival:
    """A future done once libpq holds a whole result: the socket's reader callback reads
    what arrives until it does (the writer one sends what libpq could not send yet)."""

    def __init__(self, pgconn: pq.abc.PGconn) -> None:
        self.pgconn = pgconn
        self.loop = asyncio.get_running_loop()
        self.done: asyncio.Future[None] = self.loop.create_future()
        self.fd = pgconn.socket
        self.writing = False
        self.loop.add_reader(self.fd, self.readable)
        if pgconn.flush():
            self.writing = True
            self.loop.add_writer(self.fd, self.writable)

    def stop(self) -> None:
        self.loop.remove_reader(self.fd)
        if self.writing:
            self.writing = False
            self.loop.remove_writer(self.fd)

    def readable(self) -> None:
        try:
            self.pgconn.consume_input()
            if self.pgconn.flush() or self.pgconn.is_busy():
                return
        except BaseException as exc:
            self.finish(exc)
        else:
            self.finish(None)

    def writable(self) -> None:
        try:
            if self.pgconn.flush():
                return
        except BaseException as exc:
            self.finish(exc)
        else:
            self.writing = False
            self.loop.remove_writer(self.fd)

    def finish(self, failure: BaseException | None) -> None:
        self.stop()
        if self.done.done():
            return
        if failure is None:
            self.done.set_result(None)
        else:
            self.done.set_exception(failure)
