"""The representative questions, each as asked of the API and of Datasette.

Datasette serves the same SQLite file, so each question maps to its table JSON:
/circle/<table>.json with Datasette's own filter syntax. `{N}` in a path is replaced by
a number unique to each request (see wrk/unique.lua): `value__gte=-N` keeps every
figure (all values are >= 0) yet makes the query string, and so both API caches' keys,
new every time.
"""

from dataclasses import dataclass
from urllib.parse import quote

RECORD_ID = "chengdu-chongqing-hsr-middle-line"
# Datasette's table JSON has every column; search_text is the API's folded search text.
# Leaving it out favours Datasette. (The API's pre-rendered JSON is in another table.)
LEAN = "_nocol=search_text"


def _like_where(term: str) -> str:
    """/v1/search's filter as a Datasette `_where`: the term in the name or the body."""
    clause = f"name_folded like '%{term}%' or body_folded like '%{term}%'"
    return "_where=" + quote(clause, safe="{}")


@dataclass(frozen=True)
class Query:
    key: str
    label: str
    api: str
    datasette: str
    first_time: bool = False  # unique per request: no cache of the API can answer it
    revalidate: bool = False  # sent with If-None-Match: the ETag of a first GET


QUERIES = (
    Query("collection", "collection page", "/v1/figures", f"/circle/figures.json?{LEAN}"),
    Query(
        "collection_new",
        "collection page, first-time",
        "/v1/figures?value__gte=-{N}",
        f"/circle/figures.json?{LEAN}&value__gte=-{{N}}",
        first_time=True,
    ),
    Query(
        "filtered",
        "filtered + sorted page",
        "/v1/figures?unit=count,CNY&sort=-value",
        f"/circle/figures.json?{LEAN}&unit__in=count,CNY&_sort_desc=value",
    ),
    Query(
        "filtered_new",
        "filtered + sorted, first-time",
        "/v1/figures?unit=count,CNY&sort=-value&value__gte=-{N}",
        f"/circle/figures.json?{LEAN}&unit__in=count,CNY&_sort_desc=value&value__gte=-{{N}}",
        first_time=True,
    ),
    Query("record", "record", f"/v1/projects/{RECORD_ID}", f"/circle/projects/{RECORD_ID}.json"),
    Query(
        "search",
        "search",
        "/v1/search?q=railway",
        "/circle/search_entries.json?" + _like_where("railway"),
    ),
    Query(
        "search_new",
        "search, first-time (no hits)",
        "/v1/search?q=nohit{N}",
        "/circle/search_entries.json?" + _like_where("nohit{N}"),
        first_time=True,
    ),
    Query(
        "revalidate",
        "304 revalidation",
        "/v1/figures",
        f"/circle/figures.json?{LEAN}",
        revalidate=True,
    ),
)
