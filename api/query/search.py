"""GET /v1/search: one ranked, keyset-paged search across every resource."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import BindParameter, Select, bindparam, case, func, select

from api.errors import BadRequest
from api.query.cursor import decode_cursor, encode_cursor
from api.query.engine import QueryEngine
from api.query.params import MAX_CURSOR_LENGTH, Collector
from api.query.sql import OrderKey, after, after_params, contains, order_by, q_clauses, q_params
from api.query.statements import StatementRunner
from models.resources import Kind, record_url
from models.tables import SearchEntry
from models.text_index import fold
from models.vocab import ResourceName

ENTRIES = SearchEntry.__table__  # type: ignore[attr-defined]
SEARCH_PARAMS = ("q", "type", "limit", "cursor")
SNIPPET_RADIUS = 80


@dataclass(frozen=True)
class SearchQuery:
    q: str
    types: tuple[str, ...]
    limit: int
    cursor: str | None

    @property
    def binding(self) -> str:
        return f"search\x1f{self.q}\x1f{','.join(self.types)}"


def parse_search(
    params: dict[str, list[str]], *, default_limit: int, max_limit: int, max_length: int
) -> SearchQuery:
    c = Collector(max_length)
    for name in params:
        if name not in SEARCH_PARAMS:
            c.unknown(name, list(SEARCH_PARAMS))
    for name in SEARCH_PARAMS:
        for value in params.get(name, []):
            # `q` is text, limited by the settings; the others are names, numbers and
            # cursors, each checked for what it is, within a bound of their own.
            c.text_ok(name, value, None if name == "q" else MAX_CURSOR_LENGTH)
    c.raise_if_any()
    q = c.single(params, "q")
    if q is None or not q.strip():
        c.add("q", "required, and not blank")
    types = c.names("type", c.listed(params, "type") or [], [r.value for r in ResourceName])
    limit = c.limit(c.single(params, "limit"), default_limit, max_limit)
    cursor = c.single(params, "cursor")
    c.raise_if_any()
    assert q is not None
    return SearchQuery(q, tuple(sorted(set(types))), limit, cursor)


def snippet(body: str, q: str) -> str:
    folded = fold(body)
    at = folded.find(fold(q)) if len(folded) == len(body) else -1
    if at < 0:
        return body[: 2 * SNIPPET_RADIUS].strip() + ("…" if len(body) > 2 * SNIPPET_RADIUS else "")
    start = max(0, at - SNIPPET_RADIUS)
    end = min(len(body), at + len(q) + SNIPPET_RADIUS)
    return ("…" if start else "") + body[start:end].strip() + ("…" if end < len(body) else "")


@dataclass(frozen=True)
class SearchStatement:
    """The search's page (`paged`: after the hit bound as `after_*`) or, with `total`,
    its count. `narrow`: find `q` through the trigram table first; `types`: how many
    resource types are bound as `type_*`."""

    narrow: bool
    types: int
    paged: bool = False
    total: bool = False

    def where(self) -> list[Any]:
        c = ENTRIES.c
        clauses = q_clauses(ENTRIES, self.narrow, c.name_folded, c.body_folded)
        if self.types:
            types: list[BindParameter[str]] = [bindparam(f"type_{i}") for i in range(self.types)]
            clauses.append(c.resource.in_(types))
        return clauses

    def build(self, dialect: str) -> Select[Any]:
        c = ENTRIES.c
        if self.total:
            return select(func.count()).select_from(ENTRIES).where(*self.where())
        relevance = case((contains(c.name_folded, bindparam("q_like")), 2), else_=1)
        keys = [
            OrderKey(relevance, True, False),
            OrderKey(c.resource, False, False),
            OrderKey(c.record_id, False, False),
        ]
        stmt = select(c.resource, c.record_id, c.name, c.body, relevance).where(*self.where())
        if self.paged:
            stmt = stmt.where(after(keys, (False, False, False)))
        return stmt.order_by(*order_by(keys)).limit(bindparam("limit"))


def search_page(
    session: StatementRunner, query: SearchQuery, engine: QueryEngine
) -> tuple[list[Any], str | None, int]:
    secret = engine.secret
    narrows = engine.narrows(session, ENTRIES.name, query.q)
    last: list[Any] | None = None
    if query.cursor is not None:
        values, last_id = decode_cursor(
            secret, engine.version, query.binding, query.cursor, [Kind.number, Kind.text]
        )
        try:
            last = [int(values[0]), str(values[1]), last_id]
        except (TypeError, ValueError):
            problem = [{"param": "cursor", "message": "not a search cursor"}]
            raise BadRequest(problem, "invalid-cursor") from None

    params = q_params(query.q) | {f"type_{i}": t for i, t in enumerate(query.types)}
    page = SearchStatement(narrows, len(query.types), paged=last is not None)
    rows = session.rows(page, params | after_params(last or []) | {"limit": query.limit + 1})
    if last is None and len(rows) <= query.limit:
        total = len(rows)  # a first page with no next one holds every match
    else:
        total = int(
            session.rows(SearchStatement(narrows, len(query.types), total=True), params)[0][0]
        )
    next_cursor = None
    if len(rows) > query.limit:
        rows = rows[: query.limit]
        final = rows[-1]
        sort_values = [final[4], final[0]]
        next_cursor = encode_cursor(secret, engine.version, query.binding, sort_values, final[1])
    hits = [
        {
            "type": resource,
            "id": record_id,
            "name": name,
            "snippet": snippet(body, query.q),
            "url": record_url(resource, record_id),
            "relevance": rank,
        }
        for resource, record_id, name, body, rank in rows
    ]
    return hits, next_cursor, total
