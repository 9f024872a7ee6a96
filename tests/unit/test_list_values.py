"""The comma rule, as properties of the parser (no database): a value sent the way HTTP
libraries send it (each value of a list as a repeated parameter, percent-encoded, a comma
inside one as `%2C`) is read back exactly; literal commas separate; a literal comma that
leaves a value starting or ending with a space is refused as ambiguous, never split
silently; and a page's own link asks the same again."""

from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st
from starlette.requests import Request

from api.answers import QueryString
from api.errors import BadRequest
from api.query.params import CollectionQuery, has_control_characters, parse_collection
from models.resources import RESOURCES
from models.vocab import ResourceName

SPEC = RESOURCES[ResourceName.organisations]
MAX_LENGTH = 40
VALUE = st.text(min_size=1, max_size=MAX_LENGTH).filter(lambda v: not has_control_characters(v))


def parsed(raw: bytes) -> CollectionQuery:
    scope = {"type": "http", "path": "/v1/organisations", "query_string": raw, "headers": []}
    asked = QueryString(Request(scope))
    return parse_collection(
        SPEC, asked.lists(), default_limit=10, max_limit=100, max_length=MAX_LENGTH
    )


def names(query: CollectionQuery) -> tuple[object, ...]:
    (only,) = query.filters
    assert only.field.name == "name"
    return only.values


@given(st.lists(VALUE, min_size=1, max_size=10))
def test_repeated_values_as_libraries_encode_them_are_read_back(values: list[str]) -> None:
    raw = urlencode([("name", v) for v in values]).encode()
    assert names(parsed(raw)) == tuple(dict.fromkeys(values))


@given(st.lists(VALUE.filter(lambda v: "," not in v and v == v.strip()), min_size=1, max_size=10))
def test_literal_commas_separate(values: list[str]) -> None:
    raw = ("name=" + ",".join(urlencode({"": v})[1:] for v in values)).encode()
    assert names(parsed(raw)) == tuple(dict.fromkeys(values))


@given(st.lists(VALUE, min_size=1, max_size=5), st.lists(VALUE, min_size=1, max_size=5))
def test_a_pages_own_link_asks_the_same(first: list[str], second: list[str]) -> None:
    """Encoded values joined by a literal comma, as a hand-written URL has them: the
    link the page gives back (links.self) reads as the same values."""
    encoded = ",".join(urlencode({"": v})[1:] for v in first)
    raw = f"name={encoded}&" + urlencode([("name", v) for v in second])
    spaced = any(v != v.strip() for v in first) and len(first) > 1
    if spaced or "" in first:
        with pytest.raises(BadRequest):
            parsed(raw.encode())
        return
    query = parsed(raw.encode())
    scope = {"type": "http", "path": "/v1/organisations", "query_string": raw.encode()}
    link, _ = QueryString(Request({**scope, "headers": []})).page_urls(None, None)
    again = parsed(link.partition("?")[2].encode())
    assert names(again) == names(query)


@given(VALUE, VALUE)
def test_a_literal_comma_beside_a_space_is_ambiguous(left: str, right: str) -> None:
    raw = ("name=" + urlencode({"": left})[1:] + ",%20" + urlencode({"": right})[1:]).encode()
    with pytest.raises(BadRequest) as refused:
        parsed(raw)
    assert refused.value.slug == "ambiguous-value"
    assert "%2C" in refused.value.errors[0]["message"]  # type: ignore[index]


def test_the_organisation_with_a_comma_in_its_name() -> None:
    raw = b"name=FAW-Volkswagen%20Automotive%20Co.%2C%20Ltd."
    assert names(parsed(raw)) == ("FAW-Volkswagen Automotive Co., Ltd.",)
    assert names(parsed(b"name=a,b%2Cc")) == ("a", "b,c")
