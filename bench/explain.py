"""EXPLAIN for every statement the API runs to answer a benchmarked URL.

The statements are not rewritten by hand: the API itself answers the URL in this
process, and each statement it sends to the database is caught on its way (the
query runner's trace hook), then explained with the same parameters.
"""

import asyncio
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from typing import Any

import psycopg

from api.main import create_app
from api.settings import Settings
from bench.in_process import ask


@dataclass
class Plan:
    statement: str
    lines: list[str]
    status: int  # what the API answered to the URL that ran this statement

    @property
    def kind(self) -> str:
        """How the rows are found: 'table scan' (some table read without any index),
        'seek' (an index condition finds them), 'bitmap' (PostgreSQL's bitmap of index
        matches), or 'index scan' (an index read from one end: the whole index for a
        count, a page's worth under a LIMIT); '+ sort' when they are sorted after being
        found rather than read in order."""
        nodes = [_node(line) for line in self.lines]
        # SQLite: the rows of a subquery it runs as a co-routine (or materialises) are
        # read back by "SCAN <its name>": not a table.
        subqueries = {n.split()[1] for n in nodes if n.startswith(("CO-ROUTINE ", "MATERIALIZE "))}
        if any(_is_table_scan(n, subqueries) for n in nodes):
            kind = "table scan"
        elif any(n.startswith("Bitmap Index Scan") for n in nodes):
            kind = "bitmap"
        elif any(n.startswith(("SEARCH ", "Index Cond:")) or _is_fts_match(n) for n in nodes):
            kind = "seek"
        else:
            kind = "index scan"
        if any(n.startswith(("USE TEMP B-TREE", "Sort ", "Incremental Sort ")) for n in nodes):
            kind += " + sort"
        return kind

    @property
    def uses_index(self) -> bool:
        return not self.kind.startswith("table scan")


def _node(line: str) -> str:
    """A plan line without PostgreSQL's indentation, arrow and parallelism."""
    return line.strip().removeprefix("->").strip().removeprefix("Parallel ")


def _is_table_scan(node: str, subqueries: set[str]) -> bool:
    if node.startswith("Seq Scan"):  # PostgreSQL
        return True
    if node.startswith("SCAN ") and node.split()[1] in subqueries:
        return False
    # SQLite: "SCAN figures" alone; not "SCAN figures USING ... INDEX", nor a virtual
    # (FTS) table's own index, nor a constant row.
    return (
        node.startswith("SCAN ")
        and "USING" not in node
        and "VIRTUAL TABLE" not in node
        and "CONSTANT ROW" not in node
    )


def _is_fts_match(node: str) -> bool:
    """SQLite: an FTS5 table searched by MATCH (its index string holds an M)."""
    return "VIRTUAL TABLE INDEX" in node and ":M" in node


def explain(database_url: str, urls: list[str]) -> dict[str, list[Plan]]:
    """For each URL, the plan of every statement the API ran to answer it."""
    settings = Settings(database_url=database_url, access_log=False, response_cache_bytes=0)
    app = create_app(settings)
    runner = app.data.runner
    caught: list[tuple[str, Any]] = []

    def catch(statement: str, params: Any) -> None:
        caught.append((statement, params))

    runner.trace = catch
    plans: dict[str, list[Plan]] = {}
    try:
        for url in urls:
            caught.clear()
            # A 503 (over the time limit) is explained all the same: its plan says why.
            status = asyncio.run(ask(app, url))
            plans[url] = [_plan(database_url, s, p, status) for s, p in caught]
    finally:
        runner.trace = None
        app.close()
    return plans


def _plan(database_url: str, statement: str, params: Any, status: int) -> Plan:
    if database_url.startswith("sqlite"):
        path = database_url.removeprefix("sqlite:///")
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            rows = db.execute(f"EXPLAIN QUERY PLAN {statement}", params).fetchall()
        # Indented by depth, as PostgreSQL's plans are: (id, parent, _, detail).
        depth: dict[int, int] = {}
        lines = []
        for node_id, parent, _, detail in rows:
            depth[node_id] = depth[parent] + 1 if parent in depth else 0
            lines.append("  " * depth[node_id] + detail)
        return Plan(statement, lines, status)
    # Client-side binding: the plan is made for these very values, as the API's is.
    with psycopg.connect(database_url) as pg, psycopg.ClientCursor(pg) as cursor:
        cursor.execute(f"EXPLAIN {statement}", params)
        return Plan(statement, [row[0] for row in cursor.fetchall()], status)


def describe(plans: dict[str, list[Plan]]) -> str:
    out = []
    for url, found in plans.items():
        status = found[0].status if found else "-"
        out.append(f"GET {url} -> {status}")
        for plan in found:
            first = " ".join(plan.statement.split())
            out.append(f"  [{plan.kind}] {first[:150]}{'…' if len(first) > 150 else ''}")
            out += [f"      {line}" for line in plan.lines]
    return "\n".join(out)
