"""Exports chosen by `Accept` as well as by `format=`: the same bytes either way, `Vary:
Accept` on every answer of a collection (200 and 304 alike), and a response cache that
keys on the format asked for."""

from collections.abc import Iterator

import pytest

from api.main import create_app
from api.query.params import Format, ParseMemos, format_from_accept
from api.settings import Settings
from tests.support import Api

URL = "/v1/figures?unit=CNY&sort=value&fields=id,value"


@pytest.fixture
def either(settings: Settings) -> Iterator[Api]:
    client = Api(create_app(settings))
    yield client
    client.close()


def vary(response: object) -> list[str]:
    values = response.headers.get_list("vary")  # type: ignore[attr-defined]
    return [v.strip() for value in values for v in value.split(",")]


@pytest.mark.parametrize(
    ("accept", "fmt", "media"),
    [
        ("text/csv", "csv", "text/csv; charset=utf-8"),
        ("application/x-ndjson", "ndjson", "application/x-ndjson"),
        ("text/csv;q=0.5, application/x-ndjson", "ndjson", "application/x-ndjson"),
        ("application/json", "json", "application/json"),
        ("text/html,*/*;q=0.8", "json", "application/json"),
    ],
)
def test_accept_chooses_the_format_as_format_does(
    either: Api, accept: str, fmt: str, media: str
) -> None:
    # Twice: the second answer may come from the response cache, and must not change.
    for _ in range(2):
        negotiated = either.get(URL, headers={"Accept": accept})
        named = either.get(f"{URL}&format={fmt}")
        assert negotiated.status_code == named.status_code == 200
        assert negotiated.headers["content-type"] == media
        if fmt == "json":  # the page's own links name the query as asked
            assert negotiated.json()["items"] == named.json()["items"]
        else:
            assert negotiated.content == named.content
        assert "Accept" in vary(negotiated)


def test_format_wins_over_accept_and_each_format_has_its_etag(either: Api) -> None:
    page = either.get(f"{URL}&format=json", headers={"Accept": "text/csv"})
    assert page.headers["content-type"] == "application/json"
    assert page.json()["items"] == either.get(URL).json()["items"]
    tags = set()
    for accept in ("application/json", "text/csv", "application/x-ndjson"):
        for _ in range(3):  # stored by the cache from the second time on
            first = either.get(URL, headers={"Accept": accept})
            again = either.get(
                URL, headers={"Accept": accept, "If-None-Match": first.headers["etag"]}
            )
            assert again.status_code == 304
            assert "Accept" in vary(first)
            assert "Accept" in vary(again)
            tags.add(first.headers["etag"])
    assert len(tags) == 3
    # Another format's ETag is not this answer's: a full answer, in the format asked.
    csv_tag = either.get(URL, headers={"Accept": "text/csv"}).headers["etag"]
    json_again = either.get(URL, headers={"Accept": "application/json", "If-None-Match": csv_tag})
    assert json_again.status_code == 200
    assert json_again.headers["content-type"] == "application/json"


def test_format_from_accept() -> None:
    memos = ParseMemos(1 << 20)
    assert format_from_accept(None, memos) is Format.json
    assert format_from_accept("TEXT/CSV; charset=utf-8", memos) is Format.csv
    assert format_from_accept("text/csv;q=0, application/json", memos) is Format.json
    assert format_from_accept("text/csv;q=abc", memos) is Format.json
    assert format_from_accept("image/png", memos) is Format.json
    assert format_from_accept("application/x-ndjson, text/csv", memos) is Format.ndjson
