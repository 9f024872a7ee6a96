"""Trigram indexes that make `q` (LIKE '%text%') an index lookup instead of a scan.

PostgreSQL: pg_trgm GIN indexes, which its planner uses for LIKE by itself. SQLite: a
contentless FTS5 trigram table per searched table, keyed by rowid; a query narrows to
the rowids that hold every trigram of the text, and LIKE still decides (so `%`, `_` and
`\\` keep matching themselves). Text shorter than a trigram, text in a small table and
text that many rows hold are matched by LIKE alone.
"""

from typing import Any

from sqlalchemy import ColumnElement, Select, Table, TextClause, literal_column, select, table, text

# table -> the folded text columns `q` searches in it
SEARCHED: dict[str, tuple[str, ...]] = {
    "sources": ("search_text",),
    "projects": ("search_text",),
    "infrastructure": ("search_text",),
    "energy": ("search_text",),
    "quotes": ("search_text",),
    "figures": ("search_text",),
    "search_entries": ("name_folded", "body_folded"),
}
TRIGRAM = 3


def fold(text: str) -> str:
    """The case folding `q` matching uses, on both database engines: Python's, applied
    to the stored text at seed time and to `q` per request."""
    return text.casefold()


def trigram_table(name: str) -> str:
    return f"{name}_trigrams"


def ddl(dialect: str) -> list[str]:
    statements: list[str] = []
    if dialect == "postgresql":
        statements.append("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, columns in SEARCHED.items():
            for column in columns:
                statements.append(
                    f"CREATE INDEX IF NOT EXISTS ix_{name}_{column}_trgm "
                    f"ON {name} USING gin ({column} gin_trgm_ops)"
                )
    elif dialect == "sqlite":
        for name, columns in SEARCHED.items():
            fts = trigram_table(name)
            statements += [
                f"DROP TABLE IF EXISTS {fts}",
                f"CREATE VIRTUAL TABLE {fts} USING fts5({', '.join(columns)}, content='', "
                "tokenize='trigram case_sensitive 1')",
                f"INSERT INTO {fts}(rowid, {', '.join(columns)}) "
                f"SELECT rowid, {', '.join(columns)} FROM {name}",
            ]
    return statements


# Below this many rows a LIKE scan is cheaper than setting up an FTS5 query
# (docs/design.md, "`q` through the trigram table only where it pays").
MIN_ROWS = 200


# Text held by at least this share of a table's rows is matched by LIKE alone: past it,
# fetching the candidates one by one through the trigram table costs more than scanning
# every row (the measured break-even, rounded in the trigram table's favour, is in
# docs/design.md).
BROAD_SHARE = 1 / 200


def broad(rows: int) -> int:
    """How many candidates make text broad in a table of `rows` rows."""
    return max(int(rows * BROAD_SHARE), 1)


def probe(searched: str) -> TextClause:
    """How many rows, up to :probe_limit, hold every trigram of :q_phrase."""
    fts = trigram_table(searched)
    return text(
        f"SELECT count(*) FROM (SELECT rowid FROM {fts} WHERE {fts} MATCH :q_phrase "
        "LIMIT :probe_limit)"
    )


def pays(dialect: str, rows: int) -> bool:
    """Whether a table of `rows` rows is worth searching through its trigram table."""
    return dialect == "sqlite" and rows >= MIN_ROWS


def phrase(folded: str) -> str:
    """The FTS5 phrase that finds rows holding every trigram of `folded`."""
    return '"' + folded.replace('"', '""') + '"'


def narrow(searched: Table, phrase_param: ColumnElement[Any]) -> ColumnElement[Any]:
    """The condition that lets SQLite find text through its trigram table (where
    `narrows` says so); `phrase_param` carries `phrase(folded text)`."""
    fts = table(trigram_table(searched.name))
    candidates: Select[Any] = (
        select(literal_column("rowid"))
        .select_from(fts)
        .where(literal_column(trigram_table(searched.name)).op("MATCH")(phrase_param))
    )
    return literal_column(f"{searched.name}.rowid").in_(candidates)
