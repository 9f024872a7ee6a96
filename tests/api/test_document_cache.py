"""Documents remembered by the engine: pages built from them equal pages read from the
database, and memory stays within its budget."""

from typing import Any

from api.query.memo import Documents
from api.settings import Settings
from tests.support import Api, MakeApi

# Orders and sizes that overlap: each page finds some of its documents remembered.
PAGES = [
    "/v1/projects?limit=2",
    "/v1/projects?limit=5",
    "/v1/projects?sort=-name&limit=4",
    "/v1/projects?limit=3&fields=name,status",
    "/v1/figures?unit=count,CNY&sort=-value",
    "/v1/figures?sort=value&limit=4",
    "/v1/projects?limit=500",
    "/v1/figures",
]


def pages(api: Api) -> list[tuple[int, bytes, dict[str, str]]]:
    """Every page of PAGES, and the page its next cursor leads to."""
    answers = []
    for url in PAGES:
        first = api.get(url)
        answers.append(first)
        following = first.json()["links"]["next"]
        if following:
            answers.append(api.get(following))
    return [
        (r.status_code, r.content, {k: v for k, v in r.headers.items() if k != "x-request-id"})
        for r in answers
    ]


def test_pages_from_remembered_documents_equal_pages_read_anew(
    settings: Settings, make_api: MakeApi
) -> None:
    no_answer_cache = settings.model_copy(update={"response_cache_bytes": 0})
    remembering = make_api(no_answer_cache)
    reading = make_api(no_answer_cache, document_cache_bytes=0)
    # A budget of about two documents: every page mixes remembered and fetched ones.
    tiny = make_api(no_answer_cache, document_cache_bytes=1000)
    expected = pages(reading)
    assert pages(remembering) == expected
    assert pages(remembering) == expected  # every document remembered now
    assert pages(tiny) == expected
    assert not documents_of(reading).entries
    assert len(documents_of(tiny).entries) <= 3


def test_a_page_of_remembered_documents_runs_one_statement(
    settings: Settings, make_api: MakeApi
) -> None:
    api = make_api(settings, response_cache_bytes=0)
    statements: list[str] = []
    api.app.data.runner.trace = lambda sql, arguments: statements.append(sql)
    api.json("/v1/projects?limit=5")
    assert len(statements) == 2  # the page's rows, then their documents
    statements.clear()
    api.json("/v1/projects?limit=3")
    assert len(statements) == 1
    assert "documents" not in statements[0]
    statements.clear()
    api.json("/v1/projects?limit=7")
    assert len(statements) == 2  # two documents of seven were not known
    assert len(documents_of(api).entries) == 7


def documents_of(api: Api) -> Documents:
    snapshot: Any = api.app.data.snapshots.snapshot
    held: Documents = snapshot.engine.documents
    return held
