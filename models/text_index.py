"""Trigram indexes that make `q` (LIKE '%text%') an index lookup instead of a scan.

PostgreSQL: pg_trgm GIN indexes, which its planner uses for LIKE by itself. SQLite: a
contentless FTS5 trigram table per searched table, keyed by rowid; a query narrows to
the rowids that hold every trigram of the text, and LIKE still decides (so `%`, `_` and
`\\` keep matching themselves). Text shorter than a trigram is matched by LIKE alone.
"""

from typing import Any

from sqlalchemy import ColumnElement, Select, Table, literal_column, select, table

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


def narrows(dialect: str, folded: str) -> bool:
    """Whether `narrow` adds a condition for this text on this database."""
    return dialect == "sqlite" and len(folded) >= TRIGRAM


def phrase(folded: str) -> str:
    """The FTS5 phrase that finds rows holding every trigram of `folded`."""
    return '"' + folded.replace('"', '""') + '"'


def narrow(
    dialect: str, searched: Table, folded: str, phrase_param: ColumnElement[Any]
) -> list[ColumnElement[Any]]:
    """Extra conditions that let the database find `folded` text through its index.

    `phrase_param` carries `phrase(folded)`.
    """
    if not narrows(dialect, folded):
        return []
    fts = table(trigram_table(searched.name))
    candidates: Select[Any] = (
        select(literal_column("rowid"))
        .select_from(fts)
        .where(literal_column(trigram_table(searched.name)).op("MATCH")(phrase_param))
    )
    return [literal_column(f"{searched.name}.rowid").in_(candidates)]
