"""Runs CollectionQuery objects: pages, totals, facets, exports and single records, for
any resource, against one dataset version.

Items are the JSON the loader rendered into each record's document (`doc`), joined
into the page's body as they are (api/answers.py): a page costs two compiled statements
(its rows, then their documents) and one small encode. Every statement is named by a key that
builds it (see api/query/statements.py); the keys are the dataclasses below.
"""

import csv
import io
from collections.abc import Callable, Hashable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any, cast

import orjson
from sqlalchemy import Dialect, Select, bindparam, func, literal, select

from api.query.counts import KnownCounts, plain_value
from api.query.cursor import decode_cursor, encode_cursor
from api.query.expand import expand
from api.query.memo import Documents, Memo, memo_share
from api.query.params import CollectionQuery, Format
from api.query.sql import (
    DOCUMENTS,
    RECORD_VALUES,
    Selection,
    SortShape,
    after,
    after_params,
    after_shape,
    documents_by_key,
    keys_param,
    order_by,
    order_keys,
    sort_shape,
    unordered,
    where_params,
)
from api.query.statements import KEY_BYTES, StatementRunner, Statements
from models import text_index
from models.resources import RESOURCES, ResourceSpec
from models.tables import SourcePage
from models.text_index import fold

EXPORT_BATCH = 1000
# Bytes of an export's body sent at a time.
EXPORT_CHUNK = 64 * 1024


SOURCE_PAGES = SourcePage.__table__  # type: ignore[attr-defined]


class Part(Enum):
    """Which rows of a page's order one statement reads (see Engine.page)."""

    all = "all"
    present = "present"  # those with a value in the one, nullable, sort field
    missing = "missing"  # those without


@dataclass
class Page:
    docs: list[bytes]
    next_cursor: str | None


Facets = dict[str, list[dict[str, Any]]]
Expanded = list[dict[str, Any]]


@dataclass
class Listing:
    """What a collection's JSON page shows: the page, the total, and the facets and the
    embedded records when asked for."""

    page: Page
    total: int
    facets: Facets | None
    expanded: Expanded | None

    def items(self, fields: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
        """The page's records as objects (only `fields`, if given), each with its
        `expanded` records when they were asked for."""
        items = [trim(doc, fields) if fields else orjson.loads(doc) for doc in self.page.docs]
        for item, more in zip(items, self.expanded or [], strict=False):
            item["expanded"] = more
        return items


@dataclass(frozen=True)
class PageRows:
    """Up to :limit rows (id, *sort values, document key) of one part of a page's order,
    after the row whose sort values are bound as `after_*` (`after`: which are missing)."""

    where: Selection
    sort: SortShape
    after: tuple[bool, ...] | None
    part: Part

    def build(self, dialect: str) -> Select[Any]:
        spec = self.where.spec
        keys = order_keys(spec, self.sort)
        where = self.where.clauses()
        seek = keys
        if self.part is Part.present:
            keys = seek = [replace(keys[0], nullable=False), keys[-1]]
            where.append(keys[0].expr.is_not(None))
        elif self.part is Part.missing:
            where.append(keys[0].expr.is_(None))
            seek = keys[-1:]
        columns = [spec.column("id"), *[k.expr for k in keys[:-1]], spec.column("document")]
        stmt = select(*columns).where(*where)
        if self.after is not None:
            stmt = stmt.where(after(seek, self.after))
        return stmt.order_by(*order_by(seek)).limit(bindparam("limit"))


@dataclass(frozen=True)
class Count:
    """The number of matches; `capped`: stop counting at :cap of them."""

    where: Selection
    capped: bool

    def build(self, dialect: str) -> Select[Any]:
        spec = self.where.spec
        where = self.where.clauses()
        if not self.capped:
            return select(func.count()).select_from(spec.table).where(*where)
        capped = select(literal(1)).select_from(spec.table).where(*where)
        return select(func.count()).select_from(capped.limit(bindparam("cap")).subquery())


@dataclass(frozen=True)
class FacetCounts:
    """(value, count) of one field under a selection. `grouped`: an index holds the
    selected rows grouped by the field already (KnownCounts.groups_in_order)."""

    where: Selection
    field: str
    grouped: bool

    def build(self, dialect: str) -> Select[Any]:
        spec = self.where.spec
        if spec.by_name[self.field].multi:
            rv = RECORD_VALUES.c
            value = rv.value
            stmt = (
                select(value, func.count())
                .select_from(RECORD_VALUES.join(spec.table, rv.record_id == spec.table.c.id))
                .where(rv.resource == spec.name.value, rv.field == self.field)
            )
        else:
            value = spec.column(self.field)
            if dialect == "sqlite" and not self.grouped:
                value = unordered(value)
            stmt = select(value, func.count()).select_from(spec.table)
        return stmt.where(*self.where.clauses()).group_by(value)


@dataclass(frozen=True)
class DocumentsByKey:
    """(key, doc) of the documents whose keys are bound as :keys."""

    def build(self, dialect: str) -> Select[Any]:
        return documents_by_key(dialect)


@dataclass(frozen=True)
class DetailOf:
    """A record's detail JSON, by :id."""

    resource: str

    def build(self, dialect: str) -> Select[Any]:
        spec = RESOURCES[self.resource]
        found = DOCUMENTS.c.key == spec.column("document")
        return select(DOCUMENTS.c.detail).where(found, spec.column("id") == bindparam("id"))


@dataclass(frozen=True)
class SourcePageOf:
    """One column (`annotations` or `page`) of a source's rendered page, by :id."""

    column: str

    def build(self, dialect: str) -> Select[Any]:
        pages = SOURCE_PAGES.c
        return select(pages[self.column]).where(pages.source_id == bindparam("id"))


@dataclass(frozen=True)
class TrigramProbe:
    """How many rows of `table`, up to :probe_limit, hold every trigram of :q_phrase."""

    table: str

    def build(self, dialect: str) -> Any:
        return text_index.probe(self.table)


class QueryEngine:
    def __init__(
        self,
        version: str,
        cursor_secret: bytes,
        dialect: Dialect,
        known: KnownCounts,
        document_bytes: int,
        *,
        memo_bytes: int,
    ) -> None:
        self.version = version
        self.dialect = dialect.name
        share = memo_share(memo_bytes)
        self.statements = Statements(dialect, share)
        self.secret = cursor_secret
        # The tables big enough, in this version, for `q` to go through their trigrams.
        self.trigram_tables = {
            name: rows for name, rows in known.rows.items() if text_index.pays(dialect.name, rows)
        }
        self.known = known
        self.counts: Memo[str, int] = Memo(share)
        self.documents = Documents(document_bytes)
        self.narrowing: Memo[tuple[str, str], bool] = Memo(share)
        # SQLite: statement keys that outran the event loop's budget (api/data/runner.py).
        self.slow_statements: Memo[Hashable, bool] = Memo(share, _statement_key_weight)

    def narrows(self, session: StatementRunner, table: str, q: str | None) -> bool:
        """Whether `q` is best found through `table`'s trigram table first.

        Only for text that few rows hold: a probe asks the trigram table for up to
        text_index.broad(rows) candidates, and text that has that many is matched by
        LIKE alone: a scan reads rows in order, while candidates are fetched one by one,
        which costs far more once they are many (docs/design.md has the figures).
        """
        rows = self.trigram_tables.get(table)
        if q is None or rows is None:
            return False
        folded = fold(q)
        if len(folded) < text_index.TRIGRAM:
            return False
        key = (table, folded)
        narrow = self.narrowing.get(key)
        if narrow is None:
            broad = text_index.broad(rows)
            params = {"q_phrase": text_index.phrase(folded), "probe_limit": broad}
            found = session.rows(TrigramProbe(table), params)
            narrow = int(found[0][0]) < broad
            self.narrowing.put(key, narrow)
        return narrow

    def page(
        self,
        session: StatementRunner,
        spec: ResourceSpec,
        query: CollectionQuery,
        cursor: str | None = None,
        limit: int | None = None,
    ) -> Page:
        size = limit or query.limit
        asked = query  # a cursor is bound to what the user asked, not to its plan
        query = self.known.planned(spec, query, self.dialect)
        narrow = self.narrows(session, spec.name.value, query.q)
        sorted_by = [k for k in query.sort if k.field.name != "id"]
        last: list[Any] | None = None
        if cursor is not None:
            kinds = [k.field.kind for k in sorted_by]
            binding = asked.binding(spec.name.value)
            values, last_id = decode_cursor(self.secret, self.version, binding, cursor, kinds)
            last = [*values, last_id]

        if len(sorted_by) != 1 or not spec.column(sorted_by[0].field.name).nullable:
            rows = self._rows(session, spec, query, narrow, last, size + 1, Part.all)
        else:
            # Rows with the value, in its order, then those without, by id: two statements
            # an index on the field can serve, where one ordered by "value IS NULL" first
            # would sort every match, which over a large table runs past the time limit.
            rows = []
            if last is None or last[0] is not None:
                rows = self._rows(session, spec, query, narrow, last, size + 1, Part.present)
            if len(rows) <= size:
                after_id = None if last is None or last[0] is not None else last[-1:]
                more = size + 1 - len(rows)
                rows += self._rows(session, spec, query, narrow, after_id, more, Part.missing)
        next_cursor = None
        if len(rows) > size:
            rows = rows[:size]
            row = rows[-1]
            binding = asked.binding(spec.name.value)
            values = list(row[1:-1])
            next_cursor = encode_cursor(self.secret, self.version, binding, values, row[0])
        return Page(self._documents(session, [row[-1] for row in rows]), next_cursor)

    def _documents(self, session: StatementRunner, keys: list[int]) -> list[bytes]:
        """The JSON of these documents, in this order: from memory, or by one statement."""
        known = list(map(self.documents.entries.get, keys))
        if None not in known:
            return cast(list[bytes], known)
        missing = [key for key, doc in zip(keys, known, strict=True) if doc is None]
        found = session.rows(DocumentsByKey(), {"keys": keys_param(self.dialect, missing)})
        fetched = {key: doc.encode() for key, doc in found}
        self.documents.put(fetched)
        return [
            doc if doc is not None else fetched[key] for key, doc in zip(keys, known, strict=True)
        ]

    def _rows(
        self,
        session: StatementRunner,
        spec: ResourceSpec,
        query: CollectionQuery,
        narrow: bool,
        last: list[Any] | None,
        limit: int,
        part: Part,
    ) -> list[tuple[Any, ...]]:
        """Up to `limit` rows (id, *sort values, document key) after `last`, of one part
        of the order."""

        after_key = None if last is None else after_shape(last)
        key = PageRows(Selection.of(spec, query, narrow), sort_shape(query), after_key, part)
        params = where_params(query) | after_params(last or []) | {"limit": limit}
        return session.rows(key, params)

    def total(
        self,
        session: StatementRunner,
        spec: ResourceSpec,
        query: CollectionQuery,
        page: Page | None = None,
    ) -> int:
        """The number of matches; `page`, the query's own page, may make counting needless."""
        if page is not None and query.cursor is None and page.next_cursor is None:
            return len(page.docs)  # a first page with no next one holds every match
        key = query.selection(spec.name.value)  # as asked, before planning
        total = self.counts.get(key)
        if total is not None:
            return total
        query = self.known.planned(spec, query, self.dialect)
        total = self.known.total(spec, query)
        if total is None:
            total = self._count_by_complement(session, spec, query)
        if total is None:
            total = self._count(session, spec, query)
        self.counts.put(key, total)
        return total

    def _count_by_complement(
        self, session: StatementRunner, spec: ResourceSpec, query: CollectionQuery
    ) -> int | None:
        """The known count less the other side, if that side is under its cap."""
        complement = self.known.complement(spec, query)
        if complement is None:
            return None
        other = self._count(session, spec, complement.query, complement.cap)
        return complement.base - other if other < complement.cap else None

    def _count(
        self,
        session: StatementRunner,
        spec: ResourceSpec,
        query: CollectionQuery,
        cap: int | None = None,
    ) -> int:
        """Counts the matches of `query`; with `cap`, stops at `cap` of them."""
        query = self.known.planned(spec, query, self.dialect)  # a complement's new range
        narrow = self.narrows(session, spec.name.value, query.q)

        key = Count(Selection.of(spec, query, narrow), cap is not None)
        params = where_params(query) | ({} if cap is None else {"cap": cap})
        return int(session.rows(key, params)[0][0])

    def listing(
        self, session: StatementRunner, spec: ResourceSpec, query: CollectionQuery
    ) -> Listing:
        """Everything a page of `query` shows, as GET /v1/{resource} and MCP's listing
        tools answer it."""
        page = self.page(session, spec, query, query.cursor)
        return Listing(
            page,
            self.total(session, spec, query, page),
            self.facets(session, spec, query) if query.facets else None,
            self.expanded(session, spec, page.docs, query.expand) if query.expand else None,
        )

    def facets(
        self, session: StatementRunner, spec: ResourceSpec, query: CollectionQuery
    ) -> Facets:
        result: Facets = {}
        query = self.known.planned(spec, query, self.dialect)
        narrow = self.narrows(session, spec.name.value, query.q)
        for name in query.facets:
            field = spec.by_name[name]
            counts = self.known.facet(spec, query, field)
            if counts is None:
                grouped = self.known.groups_in_order(spec, query, field)
                key = FacetCounts(Selection.of(spec, query, narrow), name, grouped)
                found = session.rows(key, where_params(query))
                counts = [(plain_value(field, v), n) for v, n in found]
            # Most frequent first; ties by value, missing last, whatever the database.
            counts.sort(key=lambda r: (-r[1], r[0] is None, "" if r[0] is None else str(r[0])))
            result[name] = [{"value": v, "count": n} for v, n in counts]
        return result

    def expanded(
        self,
        session: StatementRunner,
        spec: ResourceSpec,
        docs: list[bytes],
        names: tuple[str, ...],
    ) -> Expanded:
        """The `expanded` object of each of `docs` (rendered records): `names`' records."""
        return expand(session, self.dialect, spec, [orjson.loads(d) for d in docs], names)

    def detail(self, session: StatementRunner, spec: ResourceSpec, record_id: str) -> str | None:
        """A record's detail JSON, or None when there is no such record."""
        rows = session.rows(DetailOf(spec.name.value), {"id": record_id})
        return str(rows[0][0]) if rows else None

    def export_batch(
        self,
        session: StatementRunner,
        spec: ResourceSpec,
        query: CollectionQuery,
        cursor: str | None = None,
    ) -> Page:
        """One keyset batch of an export: the first is read before the answer starts, so
        that no 200 goes out before rows can be read."""
        return self.page(session, spec, query, cursor, EXPORT_BATCH)

    def source_page(self, session: StatementRunner, source_id: str, column: str) -> str | None:
        """A source's annotations (JSON) or annotated page (HTML), as the loader stored it."""
        rows = session.rows(SourcePageOf(column), {"id": source_id})
        return str(rows[0][0]) if rows else None

    def export(
        self,
        sessions: Callable[[], AbstractContextManager[StatementRunner]],
        spec: ResourceSpec,
        query: CollectionQuery,
        first: Page,
    ) -> Iterator[bytes]:
        """Every matching item, in order: `first` (export_batch's), then keyset batches
        of bounded cost.

        Each batch takes a session of its own and gives it back before its items are
        sent: a slow reader of a long export holds no connection while it reads. A batch
        that cannot be read raises out of the iterator: the answer already started, and
        the server then cuts the stream, so the client sees it broken, not ended.
        """
        page = first
        while True:
            yield from page.docs
            if page.next_cursor is None:
                return
            with sessions() as session:
                page = self.export_batch(session, spec, query, page.next_cursor)


def _statement_key_weight(key: Hashable, slow: bool) -> int:
    return KEY_BYTES


def trim(doc: bytes, fields: tuple[str, ...]) -> dict[str, Any]:
    """A rendered record cut to its id and `fields`."""
    item = orjson.loads(doc)
    return {k: item[k] for k in ("id", *fields) if k in item}


def csv_cell(value: Any) -> str:
    """A CSV cell as the data package's Table Schemas document it (api/data_package.py):
    empty for null only; lists and objects as JSON, so an empty list is `[]`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return orjson.dumps(value).decode()
    return str(value)


def export_lines(
    docs: Iterator[bytes], fmt: Format, columns: list[str], fields: tuple[str, ...] | None
) -> Iterator[bytes]:
    """The export's body in chunks of about EXPORT_CHUNK bytes, CSV and NDJSON alike (a
    chunk per line costs a send, and with gzip a compressor call, per line)."""
    if fmt is Format.ndjson:
        lines: list[bytes] = []
        size = 0
        for doc in docs:
            line = doc + b"\n" if fields is None else orjson.dumps(trim(doc, fields)) + b"\n"
            lines.append(line)
            size += len(line)
            if size > EXPORT_CHUNK:
                yield b"".join(lines)
                lines, size = [], 0
        yield b"".join(lines)
        return
    names = [c for c in columns if fields is None or c == "id" or c in fields]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    for doc in docs:
        item = orjson.loads(doc)
        writer.writerow([csv_cell(item.get(name)) for name in names])
        if buffer.tell() > EXPORT_CHUNK:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()
